//! The splitter: breaks a body at markers into fragments.
//!
//! A marker counts on its own line, glued to the end of a line, or mid-line
//! (collapsed echoes carry the markers they were shown), but never inside a
//! fenced code block or an inline code span, and never as part of a longer
//! run of dashes (`----END----`). A marker quoted by the model
//! (`「---END---」`) is chatter: its whole line goes. Text after the last
//! marker is the trailer, kept as it is.

use memchr::memmem;
use std::ops::Range;

/// The body broken at markers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    /// Text between markers, in order (byte ranges of the body text). With no
    /// marker, the whole body is fragment 0.
    pub fragments: Vec<Range<usize>>,
    /// Text after the last marker, if there was a marker.
    pub trailer: Option<Range<usize>>,
    /// The markers found.
    pub markers: Vec<Range<usize>>,
    /// Whole lines that quote the marker (model chatter), to be dropped.
    pub chatter: Vec<Range<usize>>,
}

/// Splits `text` at every `marker` outside code.
pub fn split_fragments(text: &str, marker: &str) -> Split {
    let mut split = Split::default();
    if marker.is_empty() {
        split.fragments.push(0..text.len());
        return split;
    }
    let finder = memmem::Finder::new(marker.as_bytes());
    let mut fence: Option<(u8, usize)> = None;
    let mut start = 0;
    let mut line_start = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (n, line) in lines.iter().copied().enumerate() {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        if fence.is_some()
            && line.trim() == marker
            && n > 0
            && lines[n - 1].trim().is_empty()
            && cut_inside_fence(&lines[n + 1..], marker)
        {
            // The answer was cut inside a code block: its fence never closes
            // before the next marker, so this marker line is a boundary.
            fence = None;
            let at = range.start + line.find(marker).unwrap_or(0);
            split.fragments.push(start..at);
            split.markers.push(at..at + marker.len());
            start = at + marker.len();
            continue;
        }
        if let Some(f) = fence_of(line) {
            fence = match fence {
                None => Some(f),
                Some(open) if f.0 == open.0 && f.1 >= open.1 && is_bare_fence(line) => None,
                other => other,
            };
            continue;
        }
        if fence.is_some() {
            continue;
        }
        let hits: Vec<usize> = finder
            .find_iter(line.as_bytes())
            .filter(|&i| stands_alone(line, i, marker.len()) && !in_code_span(line, i))
            .collect();
        if hits.is_empty() {
            continue;
        }
        if hits.iter().any(|&i| is_quoted(line, i, marker.len())) {
            split.chatter.push(range);
            continue;
        }
        for i in hits {
            let at = range.start + i;
            split.fragments.push(start..at);
            split.markers.push(at..at + marker.len());
            start = at + marker.len();
        }
    }
    if split.markers.is_empty() {
        split.fragments.push(0..text.len());
    } else {
        split.trailer = Some(start..text.len());
    }
    split
}

/// Inside an open fence, a marker line after a blank line (the completer's
/// `\n\n---END---`) is a boundary when no fence line comes before the next
/// marker line (or the end): the answer was cut inside the code block.
fn cut_inside_fence(rest: &[&str], marker: &str) -> bool {
    for line in rest {
        if fence_of(line).is_some() {
            return false;
        }
        if line.trim() == marker {
            return true;
        }
    }
    true
}

/// The fence character and run length if `line` opens or closes a fence.
fn fence_of(line: &str) -> Option<(u8, usize)> {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    if indent > 3 {
        return None;
    }
    let rest = &line.as_bytes()[indent..];
    let c = *rest.first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let run = rest.iter().take_while(|&&b| b == c).count();
    (run >= 3).then_some((c, run))
}

/// A closing fence has nothing but spaces after the run.
fn is_bare_fence(line: &str) -> bool {
    line.trim()
        .bytes()
        .all(|b| b == b'`' || b == b'~' || b == b' ')
}

/// Not part of a longer run of the marker's edge characters.
fn stands_alone(line: &str, i: usize, len: usize) -> bool {
    let b = line.as_bytes();
    let (first, last) = (b[i], b[i + len - 1]);
    let before_ok = i == 0 || b[i - 1] != first;
    let after_ok = i + len >= b.len() || b[i + len] != last;
    before_ok && after_ok
}

/// Inside an inline code span: an odd number of backticks before it on the
/// line and a closing one after it.
fn in_code_span(line: &str, i: usize) -> bool {
    let before = line.as_bytes()[..i].iter().filter(|&&b| b == b'`').count();
    before % 2 == 1 && line.as_bytes()[i..].contains(&b'`')
}

/// Quoted by the model: `「---END---」`, `"---END---"`, `“---END---”`.
fn is_quoted(line: &str, i: usize, len: usize) -> bool {
    let before = line[..i].chars().next_back();
    let after = line[i + len..].chars().next();
    matches!(
        before,
        Some('「' | '『' | '"' | '“' | '\'' | '‘' | '（' | '(' | '【')
    ) && matches!(
        after,
        Some('」' | '』' | '"' | '”' | '\'' | '’' | '）' | ')' | '】')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: &str = "---END---";

    fn pieces(text: &str) -> Vec<&str> {
        split_fragments(text, M)
            .fragments
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    #[test]
    fn no_marker_is_one_fragment_without_trailer() {
        let s = split_fragments("just text\n", M);
        assert_eq!(s.fragments, vec![0..10]);
        assert_eq!(s.trailer, None);
    }

    #[test]
    fn own_line_glued_and_mid_line_markers_split() {
        let t = "a\n\n---END---\n\nb。---END---\nc ---END--- d\n\n---END---\ntrailer\n";
        assert_eq!(pieces(t), vec!["a\n\n", "\n\nb。", "\nc ", " d\n\n"]);
        let s = split_fragments(t, M);
        assert_eq!(&t[s.trailer.unwrap()], "\ntrailer\n");
        assert_eq!(s.markers.len(), 4);
    }

    #[test]
    fn marker_at_end_without_newline() {
        let s = split_fragments("a\n---END---", M);
        assert_eq!(s.markers.len(), 1);
        assert_eq!(s.trailer, Some(11..11));
    }

    #[test]
    fn markers_in_code_are_not_markers() {
        let t = "```\n---END---\n```\nuse `---END---` here\n";
        let s = split_fragments(t, M);
        assert!(s.markers.is_empty());
    }

    #[test]
    fn marker_after_a_cut_inside_a_code_block_is_a_marker() {
        let t = "text\n```rust\nfn main() {\n\n---END---\n\nmore text\n\n---END---\n";
        let example = "```\ncut at the lim\n---END---\nit, and more\n---END---\n```\n";
        assert!(split_fragments(example, M).markers.is_empty());
        let s = split_fragments(t, M);
        assert_eq!(s.markers.len(), 2);
        let shown = "```\n---END---\n```\n\n---END---\n";
        assert_eq!(split_fragments(shown, M).markers.len(), 1);
    }

    #[test]
    fn look_alikes_are_not_markers() {
        for t in ["----END----\n", "--- END ---\n", "---end---\n"] {
            assert!(split_fragments(t, M).markers.is_empty(), "{t}");
        }
    }

    #[test]
    fn quoted_marker_makes_a_chatter_line() {
        let t = "a\nご提示いただいた記事の末尾は「---END---」で終わっていませんので\nb\n";
        let s = split_fragments(t, M);
        assert!(s.markers.is_empty());
        assert_eq!(s.chatter.len(), 1);
    }

    #[test]
    fn custom_marker() {
        let s = split_fragments("a\n<<END>>\nb\n", "<<END>>");
        assert_eq!(s.markers.len(), 1);
    }
}
