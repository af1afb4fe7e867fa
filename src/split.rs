//! The splitter: breaks a body at markers into fragments.
//!
//! A marker counts on its own line, glued to the end of a line, or mid-line
//! (collapsed echoes carry the markers they were shown), but never inside a
//! fenced code block or an inline code span, and never as part of a longer
//! run of dashes (`----END----`). The one exception is the completer's own
//! shape after an answer cut inside a code block: a line ending in the marker
//! with a blank line (or the end) after it. A collapsed code block
//! (```` ```js a = 1 ``` ````) opens no fence: a backtick fence's info
//! string holds no backtick. A marker quoted by the model
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
    /// The file's front matter said again by an answer (whole lines, see
    /// [`front_matter_repeats`]), to be dropped.
    pub front_matter_repeats: Vec<Range<usize>>,
}

/// Where the fragments of `text` say the file's front matter `block` again
/// (its lines from the opening fence to the closing one, LF line
/// endings), whole, at a line start outside fenced code: a model
/// answering with the post from its very top. Whole lines, with the line
/// break after the closing fence.
pub fn front_matter_repeats(text: &str, split: &Split, block: &str) -> Vec<Range<usize>> {
    let block = block.trim_end_matches(['\n', '\r']);
    let Some(fence) = block
        .lines()
        .next()
        .filter(|l| matches!(l.trim_end(), "---" | "+++"))
    else {
        return Vec::new();
    };
    // A block of its fences alone says nothing.
    if block.lines().count() < 3 {
        return Vec::new();
    }
    let fence = fence.trim_end();
    let mut out = Vec::new();
    for frag in &split.fragments {
        let mut in_code = false;
        let mut at = frag.start;
        let mut skip_to = frag.start;
        for line in text[frag.clone()].split_inclusive('\n') {
            let start = at;
            at += line.len();
            if start < skip_to {
                continue;
            }
            let t = line.trim_end();
            if t.trim_start().starts_with("```") || t.trim_start().starts_with("~~~") {
                in_code = !in_code;
                continue;
            }
            if in_code || t != fence {
                continue;
            }
            let rest = &text[start..frag.end];
            if let Some(after) = rest.strip_prefix(block)
                && (after.is_empty() || after.starts_with('\n') || after.starts_with("\r\n"))
            {
                let end =
                    start + block.len() + after.len() - after.trim_start_matches(['\r']).len();
                let end = if text[end..].starts_with('\n') {
                    end + 1
                } else {
                    end
                };
                out.push(start..end.min(frag.end));
                skip_to = end;
            }
        }
    }
    out
}

/// Splits `text` at every `marker` outside code.
pub fn split_fragments(text: &str, marker: &str) -> Split {
    let mut split = Split::default();
    if marker.is_empty() {
        split.fragments.push(0..text.len());
        return split;
    }
    // One pass of memmem over the whole text for the marker, one of memchr
    // for the lines; each line then looks only at the hits inside it.
    let all_hits: Vec<usize> = memmem::find_iter(text.as_bytes(), marker.as_bytes()).collect();
    if all_hits.is_empty() || !may_hold_code(text) {
        split_without_code(text, marker, &all_hits)
    } else {
        split_by_lines(text, marker, &all_hits)
    }
}

/// No fence and no code span can exist: only the hits' lines matter.
fn split_without_code(text: &str, marker: &str, all_hits: &[usize]) -> Split {
    let mut split = Split::default();
    let mut start = 0;
    let mut hits = all_hits;
    while let Some(&at) = hits.first() {
        let range = line_around(text, at);
        let in_line = hits_in(hits, &range, marker);
        hits = &hits[in_line.len().max(1)..];
        take_line(&mut split, &mut start, text, range, in_line, marker);
    }
    finish(split, start, text)
}

/// Line by line, following code fences.
fn split_by_lines(text: &str, marker: &str, all_hits: &[usize]) -> Split {
    let mut split = Split::default();
    let mut start = 0;
    let mut next_hit = 0;
    let mut fence: Option<(u8, usize)> = None;
    let lines = line_ranges(text);
    for (n, range) in lines.iter().cloned().enumerate() {
        let line = &text[range.clone()];
        if fence.is_some() && boundary_in_fence(text, &lines, n, marker) {
            // The answer was cut inside a code block: the completer's
            // `\n\n---END---\n\n` is a boundary even there (the next answer
            // may go on with the code, or restart and close its own blocks).
            fence = None;
            let at = range.start + line.trim_end().len() - marker.len();
            split.fragments.push(start..at);
            split.markers.push(at..at + marker.len());
            start = at + marker.len();
            continue;
        }
        if let Some(next) = after_fence_line(fence, line) {
            fence = next;
            continue;
        }
        if fence.is_some() {
            continue;
        }
        while next_hit < all_hits.len() && all_hits[next_hit] < range.start {
            next_hit += 1;
        }
        let in_line = hits_in(&all_hits[next_hit..], &range, marker);
        take_line(&mut split, &mut start, text, range, in_line, marker);
    }
    finish(split, start, text)
}

fn finish(mut split: Split, start: usize, text: &str) -> Split {
    if split.markers.is_empty() {
        split.fragments.push(0..text.len());
    } else {
        split.trailer = Some(start..text.len());
    }
    split
}

/// Code fences and spans need a backtick or `~~~`.
fn may_hold_code(text: &str) -> bool {
    memchr::memchr(b'`', text.as_bytes()).is_some()
        || memmem::find(text.as_bytes(), b"~~~").is_some()
}

/// The line (with its `\n`) holding byte `at`.
fn line_around(text: &str, at: usize) -> Range<usize> {
    let b = text.as_bytes();
    let start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i + 1);
    start..end
}

/// The leading `hits` (sorted, from the start of `line` on) that lie inside
/// `line`, whole.
fn hits_in<'h>(hits: &'h [usize], line: &Range<usize>, marker: &str) -> &'h [usize] {
    let n = hits
        .iter()
        .take_while(|&&at| at + marker.len() <= line.end)
        .count();
    &hits[..n]
}

/// Takes the marker hits (absolute offsets) of one line outside fences: the
/// real markers split the text; a quoted one makes the line chatter.
fn take_line(
    split: &mut Split,
    start: &mut usize,
    text: &str,
    range: Range<usize>,
    hits: &[usize],
    marker: &str,
) {
    let line = &text[range.clone()];
    let real: Vec<usize> = hits
        .iter()
        .map(|&at| at - range.start)
        .filter(|&i| stands_alone(line, i, marker.len()) && !in_code_span(line, i))
        .collect();
    if real.is_empty() {
        return;
    }
    if real.iter().any(|&i| is_quoted(line, i, marker.len())) {
        split.chatter.push(range);
        return;
    }
    for i in real {
        let at = range.start + i;
        split.fragments.push(*start..at);
        split.markers.push(at..at + marker.len());
        *start = at + marker.len();
    }
}

/// Byte ranges of the lines of `text`, each with its `\n`.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(start..nl + 1);
        start = nl + 1;
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    lines
}

/// Is line `n`, inside an open fence, a completer's marker all the same?
/// The completer appends `\n\n---END---` (or the marker glued to the
/// answer's last line) and the next answer after a blank line: a line ending
/// in the marker and followed by a blank line or the end of the text is one.
/// A marker line of code goes on with code on the next line (documentation of
/// a marker-aware tool shows them so). A marker on a line of its own after a
/// blank line is one when the answer after it reads as one
/// ([`cut_inside_fence`]).
fn boundary_in_fence(text: &str, lines: &[Range<usize>], n: usize, marker: &str) -> bool {
    let line = text[lines[n].clone()].trim_end();
    let Some(i) = line.len().checked_sub(marker.len()) else {
        return false;
    };
    if !line.ends_with(marker) || !stands_alone(line, i, marker.len()) {
        return false;
    }
    let blank = |r: &Range<usize>| text[r.clone()].trim().is_empty();
    if lines.get(n + 1).is_none_or(blank) {
        return true;
    }
    line.trim_start() == marker
        && n > 0
        && blank(&lines[n - 1])
        && cut_inside_fence(text, &lines[n + 1..], marker)
}

/// Is a marker line inside an open fence, after a blank line but not
/// before one, a boundary all the same? Yes when the answer after it, read
/// from outside code (as a restart or an echo starts), ends outside code
/// too: at the next line holding the marker (or at the end), the fence lines
/// between have closed every block they opened; or that next marker line
/// follows a blank line inside a block the answer opened (it was cut inside
/// code as well). A marker that belongs to a code block leaves the rest of
/// the text one fence off: the block it sits in closes after it.
fn cut_inside_fence(text: &str, rest: &[Range<usize>], marker: &str) -> bool {
    let mut open = None;
    let mut blank = false;
    for range in rest {
        let line = &text[range.clone()];
        if line.contains(marker) && (open.is_none() || blank && line.trim() == marker) {
            return true;
        }
        if let Some(next) = after_fence_line(open, line) {
            open = next;
        }
        blank = line.trim().is_empty();
    }
    open.is_none()
}

/// The fence state after `line` (`None` outside code, else the opening
/// fence's character and run length), when `line` is a fence line.
fn after_fence_line(open: Option<(u8, usize)>, line: &str) -> Option<Option<(u8, usize)>> {
    let f = fence_of(line)?;
    Some(match open {
        None => Some(f),
        Some(o) if f.0 == o.0 && f.1 >= o.1 && is_bare_fence(line) => None,
        other => other,
    })
}

/// The fence (character and run length) of a code block left open at the
/// end of `text`, if any.
pub fn open_fence(text: &str) -> Option<(u8, usize)> {
    text.lines().fold(None, |open, line| {
        after_fence_line(open, line).unwrap_or(open)
    })
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
    // A backtick fence's info string holds no backtick (CommonMark): a
    // collapsed code block (```` ```js let a = 1; ``` ````) is no fence.
    if c == b'`' && rest[run..].contains(&b'`') {
        return None;
    }
    (run >= 3).then_some((c, run))
}

/// A closing fence has nothing but spaces after the run.
fn is_bare_fence(line: &str) -> bool {
    line.trim()
        .bytes()
        .all(|b| b == b'`' || b == b'~' || b == b' ')
}

/// Not part of a longer run of the marker's edge characters
/// (`----END----`). A marker glued to text that ends with its first
/// character (`(LICENSE-` + `---END---`) stands alone when nothing but
/// whitespace follows it.
fn stands_alone(line: &str, i: usize, len: usize) -> bool {
    let b = line.as_bytes();
    let (first, last) = (b[i], b[i + len - 1]);
    let before_ok = i == 0 || b[i - 1] != first;
    let after_ok = i + len >= b.len() || b[i + len] != last;
    let at_end = b[i + len..].iter().all(u8::is_ascii_whitespace);
    after_ok && (before_ok || at_end)
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

    #[test]
    fn open_fences() {
        assert_eq!(open_fence("text\n```toml\nkey = 1\n"), Some((b'`', 3)));
        assert_eq!(open_fence("text\n```toml\nkey = 1\n```\n"), None);
        assert_eq!(open_fence("~~~~\ncode\n```\n"), Some((b'~', 4)));
        assert_eq!(open_fence("````\n```\n````\nafter"), None);
        assert_eq!(open_fence("no code at all"), None);
    }

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
        // The next answer restarts and closes its own code blocks (or is cut
        // inside one too): the marker still ends the cut answer.
        let restart = "text\n```rust\nfn main() {\n\n---END---\n\ntext\n```rust\nfn main() {}\n```\nmore\n\n---END---\n";
        assert_eq!(split_fragments(restart, M).markers.len(), 2);
        let twice = "text\n```rust\nfn main() {\n\n---END---\n\ntext\n```rust\nfn ma\n\n---END---\n\nin() {}\n```\n";
        assert_eq!(split_fragments(twice, M).markers.len(), 2);
        // A blank line before a marker shown in a code block that closes
        // after it: the text after it stays in step with its fences.
        let doc = "```text\nanswer\n\n---END---\n```\n\nMore prose.\n";
        assert!(split_fragments(doc, M).markers.is_empty());
    }

    #[test]
    fn marker_glued_to_a_cut_code_line_is_a_marker() {
        // Glued to the cut line, or on the next line with no blank between:
        // the completer's blank line after it tells it from code.
        for t in [
            "```rust\nlet a = Remov---END---\n\ne(x);\n```\n",
            "```js\nconst a = 1\n---END---\n\nconst a = 1\n```\n",
            "```js\nrun()\n```---END---\n",
        ] {
            assert_eq!(split_fragments(t, M).markers.len(), 1, "{t:?}");
        }
        let code = "```text\nfirst\n---END---\nsecond\n```\n\n---END---\n";
        assert_eq!(split_fragments(code, M).markers.len(), 1);
    }

    #[test]
    fn collapsed_code_block_opens_no_fence() {
        // An echo collapsed a code block into one line: its info string
        // holds backticks, so it is no fence and the marker after it counts.
        let t = "```js const a = 1 ``` and prose ---END--- more\n";
        assert_eq!(pieces(t), vec!["```js const a = 1 ``` and prose "]);
        assert_eq!(open_fence(t), None);
    }

    #[test]
    fn marker_glued_after_a_dash() {
        let t = "([LICENSE-APACHE](LICENSE----END---\n\nAPACHE)\n";
        assert_eq!(pieces(t), vec!["([LICENSE-APACHE](LICENSE-"]);
        assert!(split_fragments("a ----END--- b\n", M).markers.is_empty());
    }

    #[test]
    fn look_alikes_are_not_markers() {
        for t in ["----END----\n", "--- END ---\n", "---end---\n"] {
            assert!(split_fragments(t, M).markers.is_empty(), "{t}");
        }
    }

    #[test]
    fn an_answer_saying_the_front_matter_again_is_found() {
        let fm = "---\ntitle: \"Door\"\n---\n";
        let text =
            "Draft cut hi\n---END---\n\n---\ntitle: \"Door\"\n---\n\n# Door\nhinge.\n---END---\n";
        let s = split_fragments(text, "---END---");
        let r = front_matter_repeats(text, &s, fm);
        assert_eq!(r.len(), 1);
        assert_eq!(&text[r[0].clone()], "---\ntitle: \"Door\"\n---\n");
        // Inside a fenced block (a post about front matter), or another
        // block, or a bare rule: the author's.
        let code = "Draft.\n---END---\n```yaml\n---\ntitle: \"Door\"\n---\n```\n---END---\n";
        let s = split_fragments(code, "---END---");
        assert!(front_matter_repeats(code, &s, fm).is_empty());
        let other = "Draft.\n---END---\n---\ntitle: \"Window\"\n---\n---END---\n";
        let s = split_fragments(other, "---END---");
        assert!(front_matter_repeats(other, &s, fm).is_empty());
        assert!(front_matter_repeats(text, &s, "---\n---\n").is_empty());
        // TOML, and the first answer in fragment 0 (no marker before it).
        let toml = "+++\ntitle = \"Door\"\n+++\n";
        let t = "Draft cut hi\n\n+++\ntitle = \"Door\"\n+++\nhinge.\n";
        let s = split_fragments(t, "---END---");
        assert_eq!(front_matter_repeats(t, &s, toml).len(), 1);
    }

    #[test]
    fn quoted_marker_makes_a_chatter_line() {
        let t = "a\nご提示いただいた記事の末尾は「---END---」で終わっていませんので\nb\n";
        let s = split_fragments(t, M);
        assert!(s.markers.is_empty());
        assert_eq!(s.chatter.len(), 1);
    }

    #[test]
    fn the_fast_path_without_code_splits_as_the_line_walk_does() {
        let texts = [
            "a\n\n---END---\n\nb。---END---\nc ---END--- d ---END---\n---END---",
            "x 「---END---」 y\n---END---\n----END----\n---END--- z\n",
            "no marker at all\n",
            "---END------END---\n\n---END---\n",
        ];
        for t in texts {
            let hits: Vec<usize> = memmem::find_iter(t.as_bytes(), M.as_bytes()).collect();
            assert!(!may_hold_code(t));
            assert_eq!(
                split_without_code(t, M, &hits),
                split_by_lines(t, M, &hits),
                "{t:?}"
            );
        }
    }

    #[test]
    fn custom_marker() {
        let s = split_fragments("a\n<<END>>\nb\n", "<<END>>");
        assert_eq!(s.markers.len(), 1);
    }
}
