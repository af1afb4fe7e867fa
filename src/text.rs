//! Byte-level preparation: BOM, line endings, UTF-8 validation with repair of
//! broken bytes at cut points, git conflict markers.
//!
//! Everything after this stage works on a `String` with `\n` line endings;
//! [`Body::input_offset`] maps its offsets back to the input file, and
//! [`restore_line_endings`] puts CRLF back when the body used it.

use crate::error::{Error, ErrorKind};

/// A body ready for the engine.
#[derive(Debug, Clone)]
pub struct Body {
    /// The text, with `\n` line endings and repairable broken bytes removed.
    pub text: String,
    /// Whether the input body used CRLF line endings (dominantly).
    pub crlf: bool,
    /// Offset of the body in the input file.
    pub base: usize,
    /// For every input byte removed (a `\r` of CRLF, a broken byte at a
    /// cut), the text offset it stood before; sorted.
    removed: Vec<usize>,
    /// Offsets (in the input) of broken bytes dropped at cut points.
    pub broken: Vec<usize>,
}

impl Body {
    /// Maps an offset in [`Body::text`] back to a byte offset in the input.
    pub fn input_offset(&self, text_offset: usize) -> usize {
        let shift = self.removed.partition_point(|&p| p <= text_offset);
        self.base + text_offset + shift
    }
}

/// Is `bytes` valid UTF-8? SIMD-accelerated (most input is Japanese, where
/// the standard library's check falls off its ASCII fast path).
pub fn is_utf8(bytes: &[u8]) -> bool {
    simdutf8::basic::from_utf8(bytes).is_ok()
}

/// `bytes` as text, if it is valid UTF-8 (see [`is_utf8`]).
pub fn as_str(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Checks for NUL bytes (binary input).
pub fn find_nul(input: &[u8]) -> Option<usize> {
    memchr::memchr(0, input)
}

/// Decodes the body bytes: invalid UTF-8 right before a marker or at the end
/// of the input is a cut inside a character and is dropped; anywhere else it
/// is an error naming the byte offset.
pub fn prepare(bytes: &[u8], base: usize, marker: &str) -> Result<Body, Error> {
    let mut broken_at = Vec::new(); // decoded offsets before which bytes went
    let mut broken = Vec::new();
    let decoded = match as_str(bytes) {
        Some(text) => text.to_owned(),
        None => decode_cut(bytes, base, marker, &mut broken_at, &mut broken)?,
    };
    let crlf_count = memchr::memmem::find_iter(decoded.as_bytes(), b"\r\n").count();
    let lf_count = memchr::memchr_iter(b'\n', decoded.as_bytes()).count();
    let crlf = crlf_count > 0 && crlf_count * 2 >= lf_count;
    let cr_at: Vec<usize> = memchr::memmem::find_iter(decoded.as_bytes(), b"\r\n").collect();
    let text = if cr_at.is_empty() {
        decoded
    } else {
        decoded.replace("\r\n", "\n")
    };
    // Text offset of an event at decoded offset d: d minus the CRs before it.
    let mut removed = Vec::with_capacity(broken_at.len() + cr_at.len());
    for &d in &broken_at {
        removed.push(d - cr_at.partition_point(|&c| c < d));
    }
    for (n, &c) in cr_at.iter().enumerate() {
        removed.push(c - n);
    }
    removed.sort_unstable();
    Ok(Body {
        text,
        crlf,
        base,
        removed,
        broken,
    })
}

/// Decodes input that is not valid UTF-8: broken bytes at a cut are dropped
/// (their offsets recorded), anywhere else they are an error.
fn decode_cut(
    bytes: &[u8],
    base: usize,
    marker: &str,
    broken_at: &mut Vec<usize>,
    broken: &mut Vec<usize>,
) -> Result<String, Error> {
    let mut valid: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut consumed = 0usize;
    while let Err(e) = simdutf8::compat::from_utf8(rest) {
        let good = e.valid_up_to();
        valid.extend_from_slice(&rest[..good]);
        let bad = e.error_len().unwrap_or(rest.len() - good);
        let at = consumed + good;
        if !at_cut(bytes, at, at + bad, marker) {
            return Err(Error::new(ErrorKind::InvalidUtf8 { offset: base + at }));
        }
        for k in at..at + bad {
            broken_at.push(valid.len());
            broken.push(base + k);
        }
        rest = &rest[good + bad..];
        consumed += good + bad;
    }
    valid.extend_from_slice(rest);
    String::from_utf8(valid).map_err(|e| {
        Error::new(ErrorKind::InvalidUtf8 {
            offset: base + e.utf8_error().valid_up_to(),
        })
    })
}

/// Is `[start, end)` a cut point: followed (after spaces) by the marker or the
/// end of input, or preceded by the marker?
fn at_cut(bytes: &[u8], start: usize, end: usize, marker: &str) -> bool {
    let after = skip_ws(&bytes[end..]);
    if after.is_empty() || after.starts_with(marker.as_bytes()) {
        return true;
    }
    // The completer glued its first answer after a blank line, with no
    // marker: broken bytes right before a paragraph break are that cut.
    let rest = &bytes[end..];
    if rest.starts_with(b"\n\n") || rest.starts_with(b"\r\n\r\n") {
        return true;
    }
    let before = trim_ws_end(&bytes[..start]);
    before.ends_with(marker.as_bytes())
}

fn skip_ws(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn trim_ws_end(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_whitespace())
        .count();
    &b[..b.len() - n]
}

/// Bytes of `text` within `reach` of byte `at` each way, cut to char
/// boundaries (inward).
pub(crate) fn around(text: &str, at: usize, reach: usize) -> std::ops::Range<usize> {
    let mut from = at.saturating_sub(reach);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (at + reach).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    from..to
}

/// Puts CRLF line endings back.
pub fn restore_line_endings(text: &str, crlf: bool) -> String {
    if crlf {
        text.replace('\n', "\r\n")
    } else {
        text.to_string()
    }
}

/// Finds git conflict markers: a `<<<<<<<` line followed later by a
/// `>>>>>>>` line. Returns the byte offset and 1-based line of the first.
pub fn find_conflict(text: &str) -> Option<(usize, usize)> {
    let mut open = None;
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        if open.is_none() && line.starts_with("<<<<<<<") {
            open = Some((offset, n + 1));
        } else if open.is_some() && line.starts_with(">>>>>>>") {
            return open;
        }
        offset += line.len() + 1;
    }
    None
}

/// Removes conflict marker lines (`<<<<<<<`, `=======`, `>>>>>>>` inside a
/// conflict), keeping both sides in order. Returns the text and the offsets
/// of the removed lines.
pub fn union_conflicts(text: &str) -> (String, Vec<(usize, String)>) {
    let mut out = String::with_capacity(text.len());
    let mut removed = Vec::new();
    let mut inside = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        let is_open = bare.starts_with("<<<<<<<");
        let is_close = inside && bare.starts_with(">>>>>>>");
        let is_mid = inside && bare == "=======";
        if is_open || is_close || is_mid {
            removed.push((offset, bare.to_string()));
            inside = is_open || (inside && !is_close);
        } else {
            out.push_str(line);
        }
        offset += line.len();
    }
    (out, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_is_detected_and_mapped_back() {
        let body = prepare(b"a\r\nb\r\nc", 10, "---END---").unwrap();
        assert_eq!(body.text, "a\nb\nc");
        assert!(body.crlf);
        assert_eq!(body.input_offset(2), 13);
        assert_eq!(restore_line_endings(&body.text, true), "a\r\nb\r\nc");
    }

    #[test]
    fn broken_bytes_before_a_marker_are_dropped() {
        let mut input = "ab".as_bytes().to_vec();
        input.extend_from_slice(&"語".as_bytes()[..2]);
        input.extend_from_slice(b"\n\n---END---\n");
        let body = prepare(&input, 0, "---END---").unwrap();
        assert_eq!(body.text, "ab\n\n---END---\n");
        assert_eq!(body.broken, vec![2, 3]);
    }

    #[test]
    fn broken_bytes_elsewhere_are_an_error() {
        let input = b"ab\xffcd and more";
        let err = prepare(input, 5, "---END---").unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { offset: 7 });
        assert_eq!(err.to_string(), "not valid UTF-8 at byte 7");
    }

    #[test]
    fn broken_bytes_at_the_unmarked_seam_are_dropped() {
        let mut input = "前半の「土".as_bytes().to_vec();
        input.extend_from_slice(&"台".as_bytes()[..2]);
        input.extend_from_slice("\n\n台」に続く。\n".as_bytes());
        let body = prepare(&input, 0, "---END---").unwrap();
        assert_eq!(body.text, "前半の「土\n\n台」に続く。\n");
    }

    #[test]
    fn broken_bytes_at_end_of_input_are_dropped() {
        let mut input = b"abc".to_vec();
        input.push(0xe8);
        let body = prepare(&input, 0, "---END---").unwrap();
        assert_eq!(body.text, "abc");
    }

    #[test]
    fn conflicts_are_found_and_unioned() {
        let t = "a\n<<<<<<< Updated upstream\nb\n=======\nc\n>>>>>>> Stashed changes\nd\n";
        assert_eq!(find_conflict(t), Some((2, 2)));
        let (u, removed) = union_conflicts(t);
        assert_eq!(u, "a\nb\nc\nd\n");
        assert_eq!(removed.len(), 3);
    }

    #[test]
    fn setext_underline_is_not_a_conflict() {
        assert_eq!(find_conflict("Title\n=======\n\ntext\n"), None);
        let (u, _) = union_conflicts("Title\n=======\n");
        assert_eq!(u, "Title\n=======\n");
    }
}
