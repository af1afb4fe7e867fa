//! Front matter: a YAML (`---`) or TOML (`+++`) block at byte 0 (after an
//! optional BOM), kept as raw bytes and never re-serialized.
//!
//! A YAML block closes at a line that is exactly `---` or `...` (trailing
//! spaces and `\r` allowed); a `---END---` line never closes it. The block is
//! parsed only to validate it: invalid front matter is reported and kept.

/// The kind of front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// No front matter.
    None,
    /// YAML between `---` lines.
    Yaml,
    /// TOML between `+++` lines.
    Toml,
}

impl Kind {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::None => "none",
            Kind::Yaml => "yaml",
            Kind::Toml => "toml",
        }
    }
}

/// The front matter found at the start of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// Its kind.
    pub kind: Kind,
    /// Length of the BOM (0 or 3).
    pub bom: usize,
    /// End of the block (after its closing line and newline), from byte 0;
    /// equal to `bom` when there is none.
    pub end: usize,
    /// The block between the fences: `open..close` (empty when none).
    pub open: usize,
    /// See `open`.
    pub close: usize,
    /// Why the block does not parse, if it does not.
    pub error: Option<String>,
    /// An opening fence without a closing one.
    pub unclosed: bool,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Finds and validates the front matter of `input`.
pub fn find(input: &[u8]) -> FrontMatter {
    let mut fm = locate(input);
    if fm.kind != Kind::None {
        let block = &input[fm.open..fm.close];
        fm.error = validate(fm.kind, block);
    }
    fm
}

/// Finds the front matter of `input` without parsing it (`error` is `None`):
/// all a caller needs that only skips it.
pub fn locate(input: &[u8]) -> FrontMatter {
    let bom = if input.starts_with(BOM) { BOM.len() } else { 0 };
    let rest = &input[bom..];
    let (kind, fence): (Kind, &[u8]) = if is_fence_line(rest, b"---") {
        (Kind::Yaml, b"---")
    } else if is_fence_line(rest, b"+++") {
        (Kind::Toml, b"+++")
    } else {
        return none(bom, false);
    };
    let first_nl = match memchr::memchr(b'\n', rest) {
        Some(i) => i + 1,
        None => return none(bom, true),
    };
    let mut pos = first_nl;
    while pos < rest.len() {
        let line_end = memchr::memchr(b'\n', &rest[pos..]).map_or(rest.len(), |i| pos + i + 1);
        let line = trim_line(&rest[pos..line_end]);
        if line == fence || (kind == Kind::Yaml && line == b"...") {
            return FrontMatter {
                kind,
                bom,
                end: bom + line_end,
                open: bom + first_nl,
                close: bom + pos,
                error: None,
                unclosed: false,
            };
        }
        pos = line_end;
    }
    none(bom, true)
}

fn none(bom: usize, unclosed: bool) -> FrontMatter {
    FrontMatter {
        kind: Kind::None,
        bom,
        end: bom,
        open: bom,
        close: bom,
        error: None,
        unclosed,
    }
}

/// Is the first line exactly the fence (allowing trailing spaces and `\r`)?
fn is_fence_line(rest: &[u8], fence: &[u8]) -> bool {
    let line_end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
    trim_line(&rest[..line_end]) == fence
}

fn trim_line(line: &[u8]) -> &[u8] {
    let n = line
        .iter()
        .rev()
        .take_while(|c| matches!(c, b'\n' | b'\r' | b' ' | b'\t'))
        .count();
    &line[..line.len() - n]
}

/// Parses the block to validate it; returns why it is invalid.
fn validate(kind: Kind, block: &[u8]) -> Option<String> {
    let text = match simdutf8::compat::from_utf8(block) {
        Ok(t) => t,
        Err(e) => return Some(format!("not valid UTF-8 at byte {}", e.valid_up_to())),
    };
    match kind {
        Kind::Yaml => serde_yaml::from_str::<serde_yaml::Value>(text)
            .err()
            .map(|e| e.to_string()),
        Kind::Toml => toml::from_str::<toml::Table>(text)
            .err()
            .map(|e| e.message().to_string()),
        Kind::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_block_is_found() {
        let fm = find(b"---\ntitle: x\n---\nbody\n");
        assert_eq!(fm.kind, Kind::Yaml);
        assert_eq!(fm.end, 17);
        assert_eq!(fm.error, None);
    }

    #[test]
    fn end_marker_never_closes_yaml() {
        let input = b"---\ntitle: x\n---END---\nmore: y\n---\nbody";
        let fm = find(input);
        assert_eq!(fm.kind, Kind::Yaml);
        assert_eq!(&input[fm.end..], b"body");
    }

    #[test]
    fn yaml_may_close_with_dots() {
        let fm = find(b"---\na: 1\n...\nbody");
        assert_eq!(fm.end, 13);
    }

    #[test]
    fn toml_with_bom_and_crlf() {
        let input = b"\xEF\xBB\xBF+++\r\ntitle = \"x\"\r\n+++\r\nbody";
        let fm = find(input);
        assert_eq!(fm.kind, Kind::Toml);
        assert_eq!(fm.bom, 3);
        assert_eq!(&input[fm.end..], b"body");
        assert_eq!(fm.error, None);
    }

    #[test]
    fn invalid_yaml_is_reported_not_fixed() {
        let fm = find(b"---\ntitle: [unclosed\n---\nbody");
        assert_eq!(fm.kind, Kind::Yaml);
        assert!(fm.error.is_some());
    }

    #[test]
    fn unclosed_block_is_not_front_matter() {
        let fm = find(b"---\ntitle: x\nbody\n---END---\n");
        assert_eq!(fm.kind, Kind::None);
        assert!(fm.unclosed);
        assert_eq!(fm.end, 0);
    }

    #[test]
    fn a_rule_line_that_is_not_at_byte_zero_is_not_front_matter() {
        assert_eq!(find(b"\n---\na: 1\n---\n").kind, Kind::None);
        assert_eq!(find(b"text\n").kind, Kind::None);
    }
}
