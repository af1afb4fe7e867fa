//! The merger: lays the article out once, in reading order, from the source
//! spans the aligner kept, and decides the joins between them.
//!
//! Main-line article positions come in creation order; insertions (text kept
//! though unplaced) go before the main position they were anchored at, or
//! right after the inserted char they were anchored behind (the rest of a
//! sentence cut at the end of an insertion).
//! Consecutive positions whose sources are consecutive keys of one segment
//! form a run, emitted verbatim from the clean text with its Markdown
//! decoration. Between runs the join is decided from the whitespace each side
//! had: the stronger break wins; a cut followed by a segment start is a
//! mid-word continuation (no separator, or one space after a word cut), unless
//! the cut ended a sentence or the next run opens a block (in a code
//! block, a cut after `;`, `{` or `}` goes on on the next line, and a line
//! going on with `|` is code, not a table row; after an indented listing,
//! a capitalized word and a space open a paragraph of prose; after prose, a
//! segment whose first line lost the indentation of the code lines under
//! it opens that block, indented as they are). Where an echo
//! goes on right after its own copy of the words a run ended with, said
//! with nothing between (`…があり` + `ます。`: the echo caught up with a cut
//! word the aligner did not see as a seam), the echo's joint is the one: a
//! break after the run in its own segment was the cut; so it is between
//! two list items, after the echo's own copy of the first and a line
//! break (an item an echo adds under the last one it says again). A cut
//! right after
//! a block mark on its own line (`###`, `*`, `--` before a quote's
//! source, or an item's mark with the
//! inline mark its text opens with, `` - ` ``, `*   **`) leaves the mark to
//! the text going on from the cut (`* ` + its item, `*   **` + its bold
//! text, `#` + `# rest` of a heading, unless glued marks would make a
//! heading level the text never uses: `###` + `### rest` is said whole); an
//! echo laid out there brings its own mark (a table's delimiter row cut
//! after its first dash, `-` + `---|---`, too), and the bare one goes, as does
//! an inline mark the draft ended with (`` made ` ``, a cell's `|`) when the
//! text laid out next opens with it, and a last line of decoration only
//! (`   | -` of a compiler message) that text says again. A draft cut
//! before (or inside) the decoration closing its last key (`` `foo`` of
//! `` `foo` ``, `SDK*` of `SDK**`, a rule cut to `-`) takes that
//! decoration, and the line break after it, from an echo going on from
//! there: the echo's gap after its copy of the draft's last keys.
//!
//! A table row cut after fewer cells than its header has goes on after a
//! space when the answer opens with the next cell's bar (`…/smbclient.html)`
//! + `| [SMB](…) | …`), as one cut before its last bar does with a lone `|`.
//!
//! A run with no line break over 200 bytes, or any run of a line that long,
//! is a whitespace-collapsed copy:
//! the block breaks its Markdown still proves (a heading mark mid-line, a
//! list mark after a sentence end, an admonition box's `| Tip ---|---`
//! after one) are restored, and so are those its
//! script proves: Japanese and Chinese put no space after `。` or between
//! two of their chars, so one there was a paragraph's end (a collapsed
//! echo going on after the draft's last `。` breaks there too); after `？`
//! and `！` Japanese writes a space inside a paragraph, and Korean spaces
//! its words. All this unless the run is the
//! original draft's own (a draft written as one long line is the author's
//! formatting: the completer collapses answers, never the draft).

use crate::align::{Article, Source, is_terminal};
use crate::normalize::Keys;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Keys an echo must say as the cut draft ended before its closing
/// decoration is taken (fewer when either has fewer).
const ECHO_KEYS: usize = 8;

/// A placed segment as the merger sees it.
pub struct Placed<'a> {
    /// Its keys.
    pub keys: &'a Keys,
    /// Its range in the clean text.
    pub range: Range<usize>,
    /// The raw text began with a space: a cut at a word boundary.
    pub lead_space: bool,
    /// It began with a continuation marker glued to its first word.
    pub dots: bool,
    /// The original draft before fragment 0's seam: its lines are laid out
    /// as the author wrote them, a collapsed one too (no block breaks
    /// restored).
    pub original: bool,
}

/// The article positions in reading order.
///
/// An insertion anchored right after a char of another insertion (the rest
/// of a sentence cut inside it, found later) follows that char; any other
/// goes before its main-line anchor.
pub fn layout(article: &Article) -> Vec<usize> {
    let n = article.chars.len();
    let ins = &article.insertions;
    // Insertions hold disjoint position ranges, created in order.
    debug_assert!(ins.windows(2).all(|w| w[0].k.end <= w[1].k.start));
    let owner = |q: usize| {
        let x = ins.partition_point(|i| i.k.start <= q).checked_sub(1)?;
        (q < ins[x].k.end).then_some(x)
    };
    // Insertions nested after a char of an earlier insertion, by that char.
    let mut nested: Vec<(usize, usize)> = Vec::new();
    let mut top: Vec<usize> = Vec::new();
    for (x, insertion) in ins.iter().enumerate() {
        match insertion.anchor.checked_sub(1).and_then(owner) {
            Some(o) if o != x => nested.push((insertion.anchor - 1, x)),
            _ => top.push(x),
        }
    }
    nested.sort_unstable();
    top.sort_by_key(|&x| ins[x].anchor);
    let mut order = Vec::with_capacity(n);
    // Emits insertion `x` with what is nested in it (an explicit stack:
    // nesting can be deep).
    let emit = |order: &mut Vec<usize>, x: usize| {
        let mut stack = vec![ins[x].k.clone()];
        while let Some(mut range) = stack.pop() {
            let Some(q) = range.next() else { continue };
            order.push(q);
            stack.push(range);
            let from = nested.partition_point(|&(p, _)| p < q);
            let to = nested.partition_point(|&(p, _)| p <= q);
            // Pushed in reverse, so the first created comes out first.
            for &(_, y) in nested[from..to].iter().rev() {
                stack.push(ins[y].k.clone());
            }
        }
    };
    let mut next = 0;
    let mut skip = 0; // the next insertion range to step over
    let mut p = 0;
    while p < n {
        if skip < ins.len() && ins[skip].k.start <= p {
            p = p.max(ins[skip].k.end);
            skip += 1;
            continue;
        }
        while next < top.len() && ins[top[next]].anchor <= p {
            emit(&mut order, top[next]);
            next += 1;
        }
        order.push(p);
        p += 1;
    }
    for &x in &top[next..] {
        emit(&mut order, x);
    }
    // Text a fuller variant replaced is not laid out.
    if !article.hidden.is_empty() {
        order.retain(|&q| !article.is_hidden(q));
    }
    order
}

/// Renders the article text (no leading or trailing whitespace).
pub fn render(article: &Article, order: &[usize], text: &str, segs: &[Placed<'_>]) -> String {
    let mut out = String::new();
    let mut i = 0;
    let mut prev: Option<Source> = None;
    // The sources the article holds, gathered when first needed.
    let mut held: Option<HashSet<Source>> = None;
    let mut words = Words::default();
    // Where fragment 0's first line ends (the draft's own line, however
    // long): found once, not for every run.
    let first_line_end = segs.first().map_or(0, |s| {
        memchr::memchr(b'\n', &text.as_bytes()[s.range.clone()])
            .map_or(s.range.end, |n| s.range.start + n)
    });
    while i < order.len() {
        let first = article.src[order[i]];
        let mut last = first;
        let mut j = i + 1;
        while j < order.len() {
            let s = article.src[order[j]];
            if s.seg != last.seg || s.key != last.key + 1 {
                break;
            }
            last = s;
            j += 1;
        }
        let seg = &segs[first.seg as usize];
        let mut opening = lead(text, seg, first.key as usize);
        if let Some(p) = prev {
            let mut closing = trail(text, segs, p);
            let cut = p.key as usize + 1 == segs[p.seg as usize].keys.len();
            let mut glue = None;
            if cut {
                let kept = drop_bare_marks(closing);
                let mark = bare_mark(closing, kept);
                if kept.len() < closing.len() {
                    // An answer opening with the same list mark (`*` +
                    // `*   **X`) brings its own: the cut one goes (`#` +
                    // `# rest` is the heading's mark going on).
                    // So does a table's delimiter row cut after its first
                    // dash (`-` + `---|---`).
                    let own = if mark.starts_with('#') {
                        heading_said_whole(text, mark, opening)
                    } else {
                        opening.trim_start().strip_prefix(mark).is_some_and(|r| {
                            r.starts_with(char::is_whitespace) || item_opener(mark)
                        }) || mark == "-" && delimiter_row(opening.trim_start())
                    };
                    if first.key == 0 && !own {
                        // The answer goes on from the cut mark: the item's
                        // text after `*`, the heading's rest after `#`.
                        // An inline opener after the mark (`*   **`) glues
                        // to the text it opens.
                        glue = Some(if opening.starts_with('#') || item_opener(mark) {
                            ""
                        } else {
                            " "
                        });
                    } else {
                        if first.key == 0 {
                            // The next item, on the line the mark began.
                            glue = Some(separator(&closing[kept.len()..]));
                        }
                        closing = kept;
                    }
                }
            } else if let kept = drop_bare_marks(closing)
                && let mark = bare_mark(closing, kept)
                && !mark.is_empty()
                && opening.trim_start().starts_with(mark)
            {
                // The layout leaves this draft where it was cut (an unmarked
                // seam) for text bringing its own mark: a bare one left at
                // the cut is debris.
                closing = kept;
            }
            // A draft cut right after an inline mark: the text going on
            // brings its own, and the whitespace after the cut is no
            // separator.
            let mut dangled = false;
            if glue.is_none() {
                let kept = drop_dangling_opener(closing, opening);
                dangled = kept.len() < closing.len();
                closing = kept;
            }
            // A draft cut after a line of decoration only (`   | -` of a
            // compiler message) that the text going on opens with again:
            // that text brings its own.
            if cut && glue.is_none() && !dangled {
                closing = drop_repeated_line(closing, opening);
            }
            // A draft cut right after a key, before (or inside) the
            // decoration closing it (`` `foo`` of `` `foo` at``, a rule cut
            // to `-`, `**` cut to `*`): an echo going on from there says it,
            // in the gap before its next key, after its copy of the keys the
            // draft ended with (a key the article holds has had its own).
            let mut resumed = false;
            // A draft cut after a space and a mark (`if [ -` of `if [ -f`,
            // `foo *` of `foo **bar**`): the echo going on from there says
            // that closing again, glued to its next key. Its gap is laid out
            // once, as it stands.
            let gap = gap_before(text, seg, first.key as usize);
            if cut
                && glue.is_none()
                && first.key > 0
                && closing.starts_with(' ')
                && !closing.trim().is_empty()
                && !closing.contains('\n')
                && gap
                    .strip_prefix(closing)
                    .is_some_and(|rest| !rest.contains(char::is_whitespace))
                && echoed_end(&segs[p.seg as usize], p, seg, first).is_some()
            {
                closing = gap;
                glue = Some("");
            }
            if glue.is_none() && first.key > 0 {
                let echoed = parts(gap_before(text, seg, first.key as usize)).0;
                // Nothing closed the key, or the cut fell inside the closing
                // decoration (`SDK*` of `SDK**`).
                let partial = echoed.len() > closing.len() && echoed.starts_with(closing);
                let before = Source {
                    seg: first.seg,
                    key: first.key - 1,
                };
                if partial
                    && echoed_end(&segs[p.seg as usize], p, seg, first).is_some()
                    && !held
                        .get_or_insert_with(|| order.iter().map(|&q| article.src[q]).collect())
                        .contains(&before)
                {
                    closing = echoed;
                    resumed = true;
                }
            }
            out.push_str(closing);
            // A segment's opening laid out right after a key whose segment
            // goes on with text the layout leaves out (an echo after a seam
            // the seam finder missed): the aligner found the article cut
            // there, inside a word when a letter meets a lower-case one and
            // no decoration is left between (`predictable sche` +
            // `...dule`).
            // (Asked only when no other cut is known.)
            let mut missed = || {
                first.key == 0
                    && gap_after(text, &segs[p.seg as usize], p.key as usize)
                        .trim()
                        .is_empty()
                    && segs[p.seg as usize].keys.chars[p.key as usize].is_alphanumeric()
                    && seg
                        .keys
                        .pos
                        .first()
                        .is_some_and(|&at| text[at..].starts_with(|c: char| c.is_lowercase()))
                    && !held
                        .get_or_insert_with(|| order.iter().map(|&q| article.src[q]).collect())
                        .contains(&Source {
                            seg: p.seg,
                            key: p.key + 1,
                        })
            };
            match glue {
                Some(g) => out.push_str(g),
                None => {
                    let cut = cut || resumed || dangled || missed();
                    out.push_str(&join(text, segs, p, first, cut, &mut words));
                }
            }
            // Decoration glued to both keys (`（**XAI`) lives in one gap:
            // take it from either side, once.
            if first.key > 0 && (closing == gap || !gap.contains(char::is_whitespace)) {
                opening = if closing.ends_with(gap) { "" } else { gap };
            }
        }
        out.push_str(opening);
        let body = &text[seg.keys.pos[first.key as usize]..seg.keys.end(last.key as usize)];
        // Fragment 0's first line is the draft's however long, seam found
        // or not: the completer collapses answers, never the draft.
        let drafts_line = first.seg == 0 && seg.keys.pos[first.key as usize] <= first_line_end;
        // A short run of a long line is collapsed text too (an answer's
        // new words at the end of its collapsed restart).
        let body_start = seg.keys.pos[first.key as usize];
        let long_line = || {
            let line = line_around(text, body_start);
            line.is_empty() || line.len() > 200
        };
        if !body.contains('\n')
            && (body.len() > 200 || long_line())
            && !seg.original
            && !drafts_line
        {
            out.push_str(&restore_blocks(body));
        } else {
            out.push_str(body);
        }
        prev = Some(last);
        i = j;
    }
    if let Some(p) = prev {
        out.push_str(trail(text, segs, p));
        // A collapsed copy closes its code block on the same line
        // (`… rustflags = ["-lld"] ```---END---`): the article's last run
        // came from it and left the block open, so close it as that copy did.
        if let Some((c, run)) = crate::split::open_fence(&out) {
            let fence = char::from(c).to_string().repeat(run);
            let seg = &segs[p.seg as usize];
            let rest = gap_after(text, seg, p.key as usize);
            let line_start = out.rfind('\n').map_or(0, |n| n + 1);
            let line = out[line_start..].trim_end();
            if line.len() > fence.len()
                && line.ends_with(fence.as_str())
                && line[..line.len() - fence.len()].ends_with(char::is_whitespace)
            {
                let code = line[..line.len() - fence.len()].trim_end().len();
                out.truncate(line_start + code);
                out.push('\n');
                out.push_str(&fence);
            } else if !rest.contains('\n') && rest.split_whitespace().any(|w| w == fence) {
                out.push('\n');
                out.push_str(&fence);
            }
        }
    }
    out
}

/// Longest label of a collapsed admonition box (`| Tip`, `| Sugerencia`).
const ADMONITION_LABEL: usize = 40;

/// Restores the breaks of an admonition box a collapsed line holds: a
/// one-cell table row naming the box, its delimiter row, then its text
/// (`… red")). | Sugerencia ---|--- Puede leer …` for `| Sugerencia`,
/// `---|---` and the text on lines of their own, a paragraph of its own).
/// The label is short and has no bar; the text before it ended a
/// sentence. Other tables are left as they are: where a collapsed row
/// ends is not in the text.
fn restore_admonitions(line: &str) -> String {
    const DELIMITER: &str = " ---|--- ";
    let mut out = String::with_capacity(line.len() + 16);
    let mut rest = line;
    while let Some(d) = rest.find(DELIMITER) {
        let head = &rest[..d];
        let box_start = head.rfind("| ").filter(|&b| {
            let label = &head[b + 2..];
            let before = head[..b].trim_end();
            !label.trim().is_empty()
                && label.len() <= ADMONITION_LABEL
                && !label.contains('|')
                && (before.is_empty() && b == 0
                    || head[..b].ends_with(' ')
                        && before.ends_with(['.', '!', '?', ')', '»', '」', '。', '）']))
        });
        match box_start {
            Some(b) => {
                let before = head[..b].trim_end();
                out.push_str(before);
                if !before.is_empty() {
                    out.push_str("\n\n");
                }
                out.push_str(&head[b..]);
                out.push_str("\n---|---\n");
            }
            None => out.push_str(&rest[..d + DELIMITER.len()]),
        }
        rest = &rest[d + DELIMITER.len()..];
    }
    out.push_str(rest);
    out
}

/// Where a collapsed heading's text ends at a `?` or `!` followed by a
/// space and a capital (a sentence opening after a question heading): the
/// byte offset of that space. Within the heading's first 120 bytes, before
/// any other stop or mark.
fn question_heading_end(body: &str) -> Option<usize> {
    let mut limit = body.len().min(120);
    while !body.is_char_boundary(limit) {
        limit -= 1;
    }
    let head = &body[..limit];
    let stop = head.find(['.', '#', '`', '|', '。']).unwrap_or(head.len());
    let q = head[..stop]
        .find("? ")
        .into_iter()
        .chain(head[..stop].find("! "))
        .min()?;
    let next = body[q + 2..].chars().next()?;
    (q > 0 && next.is_uppercase()).then_some(q + 1)
}

/// Restores the block breaks a whitespace-collapsed line still proves: a
/// heading marker (`## `) mid-line starts a paragraph (a CJK heading ends
/// at its first space, one that asks at its `?` when a sentence opens
/// after it), a list item marker after a sentence end starts a line. Code
/// spans are left alone.
pub fn restore_blocks(line: &str) -> String {
    let admonitions = restore_admonitions(line);
    let line = admonitions.as_str();
    if line.contains('`') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 16);
    let mut rest = line;
    while let Some(i) = rest.find(" #") {
        let (head, tail) = rest.split_at(i);
        let hashes = tail[1..].bytes().take_while(|&b| b == b'#').count();
        let heading =
            (1..=6).contains(&hashes) && tail[1 + hashes..].starts_with(' ') && !head.is_empty();
        out.push_str(head);
        out.push_str(if heading { "\n\n" } else { " " });
        rest = &tail[1..];
        if heading {
            // A CJK heading ends at its first space: the collapse turned its
            // line end into that space.
            let text_start = 1 + hashes;
            let body = &rest[text_start..];
            if let Some(sp) = body.find(' ')
                && sp > 0
                && !body[..sp].chars().all(crate::normalize::is_spaced_script)
                && !body[..sp].contains(['。', '、'])
            {
                out.push_str(&rest[..text_start + sp]);
                out.push_str("\n\n");
                rest = &body[sp + 1..];
            } else if let Some(q) = question_heading_end(body) {
                // A heading asking (or exclaiming) ends at its `?` when a
                // sentence opens after it (`## Would I go back? No. …`).
                out.push_str(&rest[..text_start + q]);
                out.push_str("\n\n");
                rest = &body[q + 1..];
            }
        }
    }
    out.push_str(rest);
    // A heading line ends at its first sentence-looking text: leave it, the
    // collapsed echo gives no line end for it.
    let mut items = String::with_capacity(out.len());
    let mut prev = '\0';
    for (i, c) in out.char_indices() {
        let after = &out[i..];
        let sentence_end = matches!(prev, '。' | '！' | '？' | '.' | '!' | '?' | ')' | '）');
        if c == ' ' && sentence_end && (after.starts_with(" - ") || after.starts_with(" * ")) {
            items.push('\n');
            prev = c;
            continue;
        }
        // Japanese and Chinese put no space after a sentence, nor between
        // two of their chars: one there is a collapsed break, a
        // paragraph's end. (After `？` and `！` Japanese puts one inside
        // a paragraph: `…何だろうか？ 技術を理解し…`.)
        if c == ' '
            && !matches!(prev, '？' | '！')
            && (prev == '。' && after[1..].starts_with(|c: char| !c.is_whitespace())
                || cjk_char(prev) && after[1..].starts_with(cjk_char))
        {
            items.push_str("\n\n");
            prev = c;
            continue;
        }
        items.push(c);
        prev = c;
    }
    items
}

/// Is `c` a char of Japanese or Chinese text (a kanji, kana, a CJK stop
/// or bracket): no space stands between two of them inside a line.
fn cjk_char(c: char) -> bool {
    !crate::normalize::is_spaced_script(c) && !crate::normalize::is_hangul(c) && !c.is_whitespace()
}

/// Cut joints between two words looked up in the text, per file (each
/// lookup reads the text once).
const MAX_WORD_LOOKUPS: usize = 32;

/// The word a cut run ends with (at key `prev` of `ps`) and the one
/// segment `ns` opens with, when both are words of 2+ letters or digits of
/// a [spaced script](crate::normalize::is_spaced_script) (`bằng` + `một`).
fn words_at_cut<'t>(
    text: &'t str,
    ps: &Placed<'_>,
    prev: Source,
    ns: &Placed<'_>,
) -> Option<(&'t str, &'t str)> {
    let end = ps.keys.end(prev.key as usize);
    let start = *ns.keys.pos.first()?;
    let word = |c: &char| crate::normalize::is_word_char(*c);
    let a: usize = text[..end]
        .chars()
        .rev()
        .take_while(word)
        .map(char::len_utf8)
        .sum();
    let b: usize = text[start..]
        .chars()
        .take_while(word)
        .map(char::len_utf8)
        .sum();
    let (a, b) = (&text[end - a..end], &text[start..start + b]);
    (a.chars().count() >= 2 && b.chars().count() >= 2).then_some((a, b))
}

/// What the text was asked about the words at cut joints: the searches
/// made (at most [`MAX_WORD_LOOKUPS`]), and how often each word occurs,
/// counted in one pass when first needed.
#[derive(Default)]
struct Words {
    searches: usize,
    counts: Option<HashMap<String, u32, crate::normalize::FxBuild>>,
}

impl Words {
    /// Runs a search of the text, `None` past [`MAX_WORD_LOOKUPS`].
    fn search(&mut self, find: impl FnOnce() -> bool) -> Option<bool> {
        (self.searches < MAX_WORD_LOOKUPS).then(|| {
            self.searches += 1;
            find()
        })
    }

    /// How often the text says `word` (lower-cased) as a whole word, not at
    /// a paragraph's end: a cut word said again by the echoes that stopped
    /// where the draft did (`-Pro` + `\n\n`) is not counted.
    fn count(&mut self, text: &str, word: &str) -> u32 {
        let counts = self.counts.get_or_insert_with(|| {
            let mut counts = HashMap::default();
            let mut rest = text;
            while let Some(start) = rest.find(crate::normalize::is_word_char) {
                let tail = &rest[start..];
                let len = tail
                    .find(|c: char| !crate::normalize::is_word_char(c))
                    .unwrap_or(tail.len());
                // A paragraph's last word, before a blank line.
                let after = tail[len..].trim_start_matches([' ', '\t', '\r']);
                let next_line = after
                    .strip_prefix('\n')
                    .map(|l| l.trim_start_matches([' ', '\t', '\r']));
                let last = after.is_empty()
                    || next_line.is_some_and(|l| l.is_empty() || l.starts_with('\n'));
                if !last {
                    *counts.entry(tail[..len].to_lowercase()).or_insert(0) += 1;
                }
                rest = &tail[len..];
            }
            counts
        });
        counts.get(&word.to_lowercase()).copied().unwrap_or(0)
    }
}

/// Is a cut with no whitespace or decoration left at the joint one between
/// two words? So it is when
/// - the text says them apart somewhere and never as one (`AI` + `Max`);
/// - a lower-case letter meets an upper-case one (`und` +
///   `Verzeichnissen`, `the` + `Rust`), unless the text says them as one
///   (`i` + `Phone` where `iPhone` is said);
/// - the text says each elsewhere inside its lines, never as one (`The` +
///   `ability`, `mở` + `một`): both twice, or the first three times when
///   both are long (the second may be a word the text says once). A cut
///   inside a word (`regis` + `try`) leaves a part the text never says
///   alone, or says the word whole;
/// - both are common English words, or one is and the text says the other
///   twice, and together they make none (`behind` + `other`; not `for` +
///   `get`): see [`english_apart`].
///
/// At most [`MAX_WORD_LOOKUPS`] text searches per file; the word counts
/// are made once.
fn words_apart(
    text: &str,
    segs: &[Placed<'_>],
    prev: Source,
    ns: &Placed<'_>,
    words: &mut Words,
) -> bool {
    if !trail(text, segs, prev).trim().is_empty() || !lead(text, ns, 0).trim().is_empty() {
        return false;
    }
    let ps = &segs[prev.seg as usize];
    let pair = words_at_cut(text, ps, prev, ns);
    if let Some((a, b)) = pair
        && words.search(|| said_apart(text, a, b)) == Some(true)
    {
        return true;
    }
    let (Some(&start), end) = (ns.keys.pos.first(), ps.keys.end(prev.key as usize)) else {
        return false;
    };
    let last = text[..end].chars().next_back();
    let next = text[start..].chars().next();
    // Inside a code span the cut line left open, a lower-case letter
    // meeting an upper-case one is an identifier's camel case
    // (`os.available` + `Parallelism() - 1`).
    let in_span = || {
        let para = text[..end].rfind("\n\n").map_or(0, |p| p + 2);
        crate::clean::open_code_span(&text[para..end])
    };
    if last.is_some_and(char::is_lowercase) && next.is_some_and(char::is_uppercase) {
        if in_span() {
            return false;
        }
        let Some((a, b)) = pair else {
            return true;
        };
        let together = format!("{a}{b}");
        let one = || memchr::memmem::find(text.as_bytes(), together.as_bytes()).is_some();
        if words.search(one) == Some(false) {
            return true;
        }
    }
    let Some((a, b)) = pair else {
        return false;
    };
    let long = a.chars().count() >= 3 && b.chars().count() >= 4;
    let known_a = words.count(text, a);
    let joined = format!("{a}{b}");
    if words.count(text, &joined) > 0 {
        return false;
    }
    known_a >= 2 && (words.count(text, b) >= 2 || long && known_a >= 3)
        || english_apart(a, b, &joined, || (known_a, words.count(text, b)))
}

/// Are `a` and `b` two English words, not one cut in two: both common
/// words, or one common and the other said twice elsewhere, and together
/// no common word (`behind` + `other`, `no` + `need`, `are` + `enabled`;
/// not `with` + `out`, `for` + `get`, `in` + `formation`)? The text alone
/// cannot tell when each says it once. `counts` gives how often the text
/// says `a` and `b` as words.
fn english_apart(a: &str, b: &str, joined: &str, counts: impl FnOnce() -> (u32, u32)) -> bool {
    if !a.is_ascii() || !b.is_ascii() {
        return false;
    }
    let words = english_words();
    let known = |w: &str| words.contains(w.to_ascii_lowercase().as_str());
    if known(joined) {
        return false;
    }
    let (ka, kb) = (known(a), known(b));
    if ka && kb {
        return true;
    }
    let (ca, cb) = counts();
    ka && cb >= 2 || kb && ca >= 2
}

/// The common English words of `data/english-words.txt`, read once.
fn english_words() -> &'static std::collections::HashSet<&'static str> {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("data/english-words.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect()
    })
}

/// Does the text say `a b` as two words somewhere, and never `ab` as one?
/// (`AI` + `Max`: `AI Max+` is said elsewhere; `NV` + `Link`: `NVLink`.)
fn said_apart(text: &str, a: &str, b: &str) -> bool {
    let apart = format!("{a} {b}");
    let together = format!("{a}{b}");
    let finder = |n: &str| memchr::memmem::find(text.as_bytes(), n.as_bytes()).is_some();
    finder(&apart) && !finder(&together)
}

/// The gap of source text before key `k` of a segment.
fn gap_before<'t>(text: &'t str, seg: &Placed<'_>, k: usize) -> &'t str {
    let from = if k == 0 {
        seg.range.start
    } else {
        seg.keys.end(k - 1)
    };
    &text[from..seg.keys.pos[k]]
}

/// The gap of source text after key `k` of a segment.
fn gap_after<'t>(text: &'t str, seg: &Placed<'_>, k: usize) -> &'t str {
    let to = if k + 1 < seg.keys.len() {
        seg.keys.pos[k + 1]
    } else {
        seg.range.end
    };
    &text[seg.keys.end(k)..to]
}

/// Splits a gap into the decoration closing the previous key, the
/// whitespace, and the decoration opening the next key.
fn parts(gap: &str) -> (&str, &str, &str) {
    if let Some(nl) = gap.rfind('\n') {
        // Whole lines of decoration (a closing fence) stay with the key
        // before; the last line's prefix (`## `, `- `) opens the next key.
        let ws_start = gap[..nl].trim_end().len();
        let after = &gap[nl + 1..];
        let ws_end = nl + 1 + (after.len() - after.trim_start().len());
        return (&gap[..ws_start], &gap[ws_start..ws_end], &gap[ws_end..]);
    }
    let t = gap.len() - gap.trim_start_matches(|c: char| !c.is_whitespace()).len();
    let rest = &gap[t..];
    let w = rest.len() - rest.trim_start().len();
    (&gap[..t], &rest[..w], &rest[w..])
}

/// A cut's closing decoration without its last lines that only open a
/// block (`###`, `-`, `>`, `--`, `` - ` ``): the draft was cut right after the mark. When
/// the text laid out next is an echo bringing its own mark, the cut one is
/// debris (a heading mark with no heading); when it is the answer going on
/// from the cut, the mark opens its line. A closing fence or a rule (`---`)
/// stays.
fn drop_bare_marks(closing: &str) -> &str {
    let mut end = closing.len();
    // Only whole lines: the closing's first line goes on the key's own line.
    while let Some((_, line)) = closing[..end].trim_end().rsplit_once('\n') {
        let t = line.trim();
        // `--` opens a quote's source line (`-- 《…》`).
        if !(is_bare_mark(t) || t == "--") {
            break;
        }
        end = closing[..end].trim_end().len() - line.len();
    }
    closing[..end].trim_end()
}

/// Does the text laid out after a heading mark cut bare (`###`) bring the
/// heading's own mark, said again whole (`### 私たち…`), rather than go on
/// inside it (`##` + `# rest`)? Glued, the marks would make a heading level
/// the text never uses (`######`), where the opening's own level is used by
/// other headings than itself.
fn heading_said_whole(text: &str, mark: &str, opening: &str) -> bool {
    let opening = opening.trim_start();
    let own = opening.len() - opening.trim_start_matches('#').len();
    // Headings of a level in the text, counting up to two.
    let used = |level: usize| {
        if level > 6 {
            return 0;
        }
        let line = format!("\n{} ", "#".repeat(level));
        usize::from(text.starts_with(&line[1..])) + text.matches(&line).take(2).count()
    };
    own > 0 && opening[own..].starts_with(' ') && used(own) >= 2 && used(mark.len() + own) == 0
}

/// Does `text` open with a table's delimiter row (`---|---`, `:--|--:`)?
pub(crate) fn delimiter_row(text: &str) -> bool {
    let line = text.lines().next().unwrap_or("").trim();
    line.contains('|')
        && line.contains("--")
        && line.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '))
}

/// Is `line` (trimmed) a block mark with nothing after it (`###`, `*`,
/// `-`, `+`, `>`, a table row's opening `|`), or a list mark and the
/// inline mark its text opens with ([`item_opener`])? No author ends a
/// line there: the draft was cut.
pub(crate) fn is_bare_mark(line: &str) -> bool {
    matches!(line, "*" | "-" | "+" | ">" | "|")
        || (1..=6).contains(&line.len()) && line.bytes().all(|b| b == b'#')
        || item_opener(line)
}

/// A list item cut right after its mark and the inline mark its text opens
/// with (`` - ` ``, `* **`, `- [`).
pub(crate) fn item_opener(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix(['-', '*', '+'])
        .filter(|r| r.starts_with(' '))
    else {
        return false;
    };
    let opener = rest.trim_start();
    !opener.is_empty()
        && opener
            .chars()
            .all(|c| matches!(c, '`' | '*' | '_' | '[' | '~'))
}

/// A closing decoration without the inline mark it ends with after a space
/// (`` made ` `` cut before the code span it opens, a table row cut after a
/// cell's `|`) when the text laid out next opens with that same mark: the
/// draft was cut right after it, and the text going on brings its own.
fn drop_dangling_opener<'t>(closing: &'t str, opening: &str) -> &'t str {
    let body = closing.trim_end();
    let mark_start = body
        .rfind(|c: char| !matches!(c, '`' | '*' | '_' | '[' | '~' | '|'))
        .map_or(0, |i| {
            i + body[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mark = &body[mark_start..];
    let before = &body[..mark_start];
    // A mark right after the key closes it (`` `foo` ``): not dangling.
    if mark.is_empty() || !before.ends_with(char::is_whitespace) || !opening.starts_with(mark) {
        return closing;
    }
    before.trim_end()
}

/// A cut's closing decoration without its last line when that line holds
/// decoration only and the text laid out next opens with it again (`   |
/// -` + `| - `), then a space or nothing, or, a table's delimiter row cut
/// short, goes on with it. A fence or a rule stays: it closes or parts
/// blocks.
fn drop_repeated_line<'t>(closing: &'t str, opening: &str) -> &'t str {
    let Some((before, line)) = closing.trim_end().rsplit_once('\n') else {
        return closing;
    };
    let line = line.trim();
    let rule = ['-', '*', '_']
        .into_iter()
        .any(|m| line.len() >= 3 && line.chars().all(|c| c == m || c == ' '));
    if line.is_empty() || rule || line.starts_with("```") || line.starts_with("~~~") {
        return closing;
    }
    let opening = opening.trim_start();
    let repeats = opening
        .strip_prefix(line)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace));
    // A table's delimiter row cut short, said again whole (`---|---|-` +
    // `---|---|---`).
    let row = line.contains('|') && delimiter_row(opening) && opening.starts_with(line);
    if repeats || row {
        before.trim_end()
    } else {
        closing
    }
}

/// The last of the bare marks [`drop_bare_marks`] took from `closing`.
fn bare_mark<'t>(closing: &'t str, kept: &str) -> &'t str {
    closing[kept.len()..]
        .trim()
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim()
}

fn lead<'t>(text: &'t str, seg: &Placed<'_>, k: usize) -> &'t str {
    let gap = gap_before(text, seg, k);
    if k == 0 {
        gap.trim_start()
    } else {
        parts(gap).2
    }
}

fn trail<'t>(text: &'t str, segs: &[Placed<'_>], s: Source) -> &'t str {
    let seg = &segs[s.seg as usize];
    parts(gap_after(text, seg, s.key as usize)).0
}

/// Strength of a whitespace gap as the separator it stands for.
fn separator(ws: &str) -> &'static str {
    match ws.matches('\n').count() {
        0 if ws.is_empty() => "",
        0 => " ",
        1 => "\n",
        _ => "\n\n",
    }
}

fn rank(sep: &str) -> usize {
    match sep {
        "" => 0,
        " " => 1,
        "\n" => 2,
        _ => 3,
    }
}

/// The separator between two runs.
///
/// `cut`: the text before ends where a draft was cut (or the echo laid out
/// next took over from there): the whitespace after it is no separator.
/// Did the segment of `next` say the keys before it as `prev` ended them,
/// with nothing between them and `next`, not even a space? Then it wrote
/// them as one run of text (an echo catching up with a cut word, `…があり` +
/// `ます。`), and a break after `prev` in its own segment (the draft cut
/// there, at a seam) is none. A collapsed echo keeps a space for every
/// break; after a finished sentence, the break stays.
fn said_together(ps: &Placed<'_>, prev: Source, ns: &Placed<'_>, next: Source, gap: &str) -> bool {
    !is_terminal(ps.keys.chars[prev.key as usize])
        && !gap.contains(char::is_whitespace)
        && echoed_end(ps, prev, ns, next).is_some_and(|m| m >= MIN_SAID_TOGETHER)
}

/// Do the keys of `ns` just before `next` say the keys of `ps` ending at
/// `prev` ([`ECHO_KEYS`] of them, fewer when either has fewer)? How many.
fn echoed_end(ps: &Placed<'_>, prev: Source, ns: &Placed<'_>, next: Source) -> Option<usize> {
    let (pk, nk) = (prev.key as usize + 1, next.key as usize);
    let m = pk.min(nk).min(ECHO_KEYS);
    (ns.keys.chars[nk - m..nk] == ps.keys.chars[pk - m..pk]).then_some(m)
}

/// Keys an echo must say as another segment ended them before their joint
/// counts as its own.
const MIN_SAID_TOGETHER: usize = 4;

/// The separator laid out between the run ending at `prev` and the one
/// starting at `next`; `words` holds what the text was asked about the
/// words at cut joints.
fn join(
    text: &str,
    segs: &[Placed<'_>],
    prev: Source,
    next: Source,
    cut: bool,
    words: &mut Words,
) -> String {
    let ps = &segs[prev.seg as usize];
    let ns = &segs[next.seg as usize];
    let start = next.key == 0;
    let after = separator(parts(gap_after(text, ps, prev.key as usize)).1);
    let before_gap = gap_before(text, ns, next.key as usize);
    let before = separator(parts(before_gap).1);
    let opens_block = {
        let l = lead(text, ns, next.key as usize).trim_start();
        // A list mark is followed by a space: `-lang.org/…` after
        // `https://doc.rust` goes on with a cut URL.
        let glued = ps.keys.chars[prev.key as usize].is_ascii_alphanumeric();
        let item = l
            .strip_prefix('-')
            .is_some_and(|r| !glued || r.starts_with(char::is_whitespace) || r.starts_with("--"));
        // Inside a code block a cut line going on with a bar is code (`5 |
        // }` + `| - ` of a compiler message), no table row.
        let row = l.starts_with('|')
            && !(cut && crate::align::in_fence(text, ps.keys.end(prev.key as usize)));
        l.starts_with(['#', '>']) || row || item || l.starts_with("```") || l.starts_with("~~~")
    };
    if cut && start {
        // A cut inside Markdown decoration (`##` | `# Title`): the tail
        // after the last key and the next lead make one marker.
        let (_, w, l) = parts(gap_after(text, ps, prev.key as usize));
        if !l.is_empty() {
            let space = if ns.lead_space { " " } else { "" };
            return format!("{}{l}{space}", separator(w));
        }
    }
    // A table row cut before its last bar, the answer closing it with a
    // bar of its own line (`| looks up the property` + `…|`): the row
    // goes on after a space.
    if cut && start && closes_cut_row(text, ps, prev.key as usize, lead(text, ns, 0)) {
        return " ".to_string();
    }
    // A table row cut after fewer cells than its header has, the answer
    // opening with the next cell's bar (`…/smbclient.html)` + `| [SMB](…)
    // | …`): the row goes on after a space.
    if cut
        && start
        && lead(text, ns, 0).trim_start().starts_with('|')
        && row_short_of_header(text, ps.keys.end(prev.key as usize))
    {
        return " ".to_string();
    }
    // A table's delimiter row going on under its header row (the draft
    // cut inside it, the answer saying it whole): the next line.
    let header_above = || {
        let end = ps.keys.end(prev.key as usize);
        let line = line_to(text, end);
        line.contains('|')
    };
    if cut
        && start
        && delimiter_row(lead(text, ns, next.key as usize).trim_start())
        && header_above()
    {
        return "\n".to_string();
    }
    let sep = match (cut, start) {
        (true, true) => {
            let last = ps.keys.chars[prev.key as usize];
            let next = ns.keys.chars.first().copied().unwrap_or(' ');
            // A `.` inside a link target its line left open, the URL going
            // on (`struct.Widget.` + `html#new`), ends no sentence.
            let in_url = next.is_ascii_graphic() && in_link_target(text, ps, prev.key as usize);
            // A sentence end the draft left a space after (`docs.rs. `), or
            // the answer going on after a space (` However, …`): the
            // paragraph goes on, in a spaced script. Unless the lines under
            // the answer's first are code: it opens a block.
            let spaced = (ns.lead_space
                || gap_after(text, ps, prev.key as usize).starts_with([' ', '\t']))
                && crate::normalize::is_spaced_script(next)
                && listing_indent(text, ns).is_none();
            // The answer closing a bracket the draft's line left open
            // (`- […のか？` + `](/2025/…)`) goes on inside the link.
            let closes = closes_open_bracket(text, ps, prev.key as usize, next);
            // A number cut after one of its dots (`### 4.` + `7.4. …`,
            // `1.` + `2-1`) goes on.
            let number = last == '.'
                && next.is_ascii_digit()
                && prev.key > 0
                && ps.keys.chars[prev.key as usize - 1].is_ascii_digit();
            // Dots glued to a new sentence after a finished one (`…물어본다면.`
            // + `...그러나`, `… it.` + `...However`): the paragraph goes on
            // after a space, in a spaced script or Hangul (the seam finder
            // takes no such seam in Japanese or Chinese).
            let went_on = ns.dots
                && is_terminal(last)
                && next.is_alphabetic()
                && (crate::normalize::is_spaced_script(next) || crate::normalize::is_hangul(next));
            let ends = is_terminal(last) && !in_url && !spaced && !closes && !number && !went_on;
            if opens_block
                || ends
                || (last == ')' || last == '）') && !closes
                || prose_after_listing(text, ps, prev.key as usize, ns)
            {
                "\n\n"
            } else if matches!(last, ';' | '{' | '}')
                && crate::align::in_fence(text, ps.keys.end(prev.key as usize))
            {
                // Code cut after a statement or a brace: the next line.
                "\n"
            } else if ns.lead_space
                || went_on
                || gap_after(text, ps, prev.key as usize).starts_with([' ', '\t'])
                || (matches!(last, ',' | ';') && next.is_ascii_alphanumeric())
                || words_apart(text, segs, prev, ns, words)
            {
                " "
            } else {
                ""
            }
        }
        // A collapsed echo going on after the cut sentence: its space
        // after a Japanese or Chinese stop was a break.
        (true, false) if before == " " && ps.keys.chars[prev.key as usize] == '。' => "\n\n",
        // New text glued to an echo's last words (`[Symbol.` + `in the
        // query string`, the cut sentence left out between) going on from
        // a draft cut after a space (`… pairs `): the words stand apart.
        (true, false)
            if before_gap.is_empty()
                && gap_after(text, ps, prev.key as usize).starts_with([' ', '\t']) =>
        {
            " "
        }
        (true, false) => before,
        (false, true) => after,
        // Between two list items, the segment of `next` having said the
        // keys `prev` ends with right before it, then a line break: its
        // own joint is the one (an item an echo added under the one it
        // said again stays in the list, `6. Copy your files …` + `7. Wipe
        // …`, however the article's copy of item 6 was followed).
        (false, false)
            if rank(before) >= 2
                && echoed_end(ps, prev, ns, next).is_some_and(|m| m >= ECHO_KEYS)
                && list_line(line_around(text, ps.keys.end(prev.key as usize)))
                && list_line(line_around(text, ns.keys.pos[next.key as usize])) =>
        {
            before
        }
        (false, false) => {
            if rank(after) >= rank(before) && !said_together(ps, prev, ns, next, before_gap) {
                after
            } else {
                before
            }
        }
    };
    // A segment whose first line lost the indentation the lines under it
    // have (an answer saying a code block, `$ ssh-keygen -t rsa` over
    // `    $ cat …`) opens that block, indented as they are.
    let listing = if cut && start && !code_line_at(text, ps.keys.end(prev.key as usize)) {
        listing_indent(text, ns)
    } else {
        None
    };
    let sep = if (opens_block || listing.is_some()) && rank(sep) < 2 {
        "\n\n"
    } else {
        sep
    };
    // A line break keeps the indentation the next key's line has in its own
    // source (a code line, a nested list item).
    let indent = before_gap.rfind('\n').map_or("", |nl| {
        let line = &before_gap[nl + 1..];
        &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
    });
    let indent = listing.unwrap_or(indent);
    if sep.ends_with('\n') {
        format!("{sep}{indent}")
    } else {
        sep.to_string()
    }
}

/// Does the cut line ending at key `k` of `seg` stop inside a table row
/// (a bar opens it, none closes it) and the answer's `lead` close it with
/// a lone bar on its first line?
fn closes_cut_row(text: &str, seg: &Placed<'_>, k: usize, lead: &str) -> bool {
    let end = seg.keys.end(k);
    let line = line_to(text, end).trim();
    lead.lines().next().is_some_and(|l| l.trim() == "|")
        && line.starts_with('|')
        && !line.ends_with('|')
        && !crate::align::in_fence(text, end)
}

/// Is the line of `text` ending at byte `end` a table row with fewer
/// cells than the header of its table (the rows above it up to a
/// delimiter row, 64 at most), outside code?
fn row_short_of_header(text: &str, end: usize) -> bool {
    let cells = |l: &str| l.trim().trim_matches('|').split('|').count();
    let line = line_to(text, end);
    if !line.contains('|') || crate::align::in_fence(text, end) {
        return false;
    }
    let above = &text[..end - line.len()];
    let mut lines = above
        .lines()
        .rev()
        .skip_while(|l| l.trim().is_empty())
        .take(64);
    // Rows up to the delimiter row, then the header.
    for l in lines.by_ref() {
        if !l.contains('|') {
            return false;
        }
        if delimiter_row(l) {
            break;
        }
    }
    lines
        .next()
        .is_some_and(|header| header.contains('|') && cells(line) < cells(header))
}

/// The line of `text` around byte `at`, looked for at most [`LINE_LOOK`]
/// bytes each way (empty when longer: no list item, a collapsed line).
fn line_around(text: &str, at: usize) -> &str {
    let std::ops::Range {
        start: from,
        end: to,
    } = crate::text::around(text, at, LINE_LOOK);
    let Some(start) = text[from..at]
        .rfind('\n')
        .map(|n| from + n + 1)
        .or((from == 0).then_some(0))
    else {
        return "";
    };
    let end = text[at..to].find('\n').map_or(to, |n| at + n);
    &text[start..end]
}

/// Bytes [`line_around`] looks each way.
const LINE_LOOK: usize = 400;

/// Does `line` open a list item (`- `, `* `, `+ `, `7. `, `7) `)?
fn list_line(line: &str) -> bool {
    crate::clean::item_text(line.trim_start()).is_some()
}

/// The line of `text` up to byte `end`.
fn line_to(text: &str, end: usize) -> &str {
    &text[text[..end].rfind('\n').map_or(0, |n| n + 1)..end]
}

/// Is byte `end` of `text` on a line of code (indented, or in a fence)?
fn code_line_at(text: &str, end: usize) -> bool {
    let line = line_to(text, end);
    crate::clean::indented(line) || crate::align::in_fence(text, end)
}

/// The indentation of the second line of segment `ns` when its first line
/// (from its first key) has none and the second is indented as code.
fn listing_indent<'t>(text: &'t str, ns: &Placed<'_>) -> Option<&'t str> {
    let &first = ns.keys.pos.first()?;
    let own = text.get(ns.range.start.min(first)..first)?;
    if own.contains('\n') || crate::clean::indented(own) {
        return None;
    }
    let rest = &text[first..ns.range.end];
    let second = rest.split('\n').nth(1)?;
    let indent = &second[..second.len() - second.trim_start_matches([' ', '\t']).len()];
    crate::clean::indented(indent).then_some(indent)
}

/// Does the cut run end on a line of an indented listing (`    deb http://…
/// non-free`) and the next segment open with a capitalized word and a space
/// (`Es ist nicht nötig`, `Она делает`): prose after the code, no token of
/// it going on?
fn prose_after_listing(text: &str, ps: &Placed<'_>, key: usize, ns: &Placed<'_>) -> bool {
    let end = ps.keys.end(key);
    let line = line_to(text, end);
    let Some(&first) = ns.keys.pos.first() else {
        return false;
    };
    let word: &str = text[first..].split(' ').next().unwrap_or("");
    let mut chars = word.chars();
    crate::clean::indented(line)
        && !crate::align::in_fence(text, end)
        && chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_some_and(char::is_lowercase)
        && chars.all(char::is_alphabetic)
        && text[first + word.len()..].starts_with(' ')
}

/// Does `next` (the key the text laid out next opens with) close a `[` or
/// `(` that the line of key `key` of `seg` left open?
fn closes_open_bracket(text: &str, seg: &Placed<'_>, key: usize, next: char) -> bool {
    let end = seg.keys.end(key);
    let line = line_to(text, end);
    let open = |o: char, c: char| line.matches(o).count() > line.matches(c).count();
    match next {
        ']' => open('[', ']'),
        ')' => open('(', ')'),
        _ => false,
    }
}

/// Does key `key` of `seg` stand inside a link target its line left open
/// (`[x](https://example.org/struct.Widget.`)?
fn in_link_target(text: &str, seg: &Placed<'_>, key: usize) -> bool {
    let end = seg.keys.end(key);
    let line = line_to(text, end);
    line.rfind("](").is_some_and(|p| !line[p..].contains(')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_common_english_words_at_a_cut_are_two_words() {
        let none = || (0, 0);
        assert!(english_apart("behind", "other", "behindother", none));
        assert!(english_apart("no", "need", "noneed", none));
        // Together they make a word: a word cut in two.
        assert!(!english_apart("with", "out", "without", none));
        assert!(!english_apart("for", "get", "forget", none));
        assert!(!english_apart("in", "formation", "information", none));
        // One common word, the other said twice elsewhere.
        assert!(english_apart("are", "enabled", "areenabled", || (0, 2)));
        assert!(!english_apart("are", "enabled", "areenabled", || (0, 1)));
        // Other scripts: no list.
        assert!(!english_apart("для", "создания", "длясоздания", || (5, 5)));
    }

    #[test]
    fn an_echo_saying_a_cut_word_whole_joins_it() {
        let text = "水をやる必要があり\n\n水をやる必要があります。 夕方は水をやる必要があり ます。";
        let draft = 0..text.find("\n\n").unwrap() + 2;
        let echo = draft.end..text.len();
        let kd = crate::normalize::keys(text, draft.start, draft.end);
        let ke = crate::normalize::keys(text, echo.start, echo.end);
        let placed = |keys, range| Placed {
            keys,
            range,
            lead_space: false,
            dots: false,
            original: false,
        };
        let (pd, pe) = (placed(&kd, draft), placed(&ke, echo));
        let prev = Source {
            seg: 0,
            key: kd.len() as u32 - 1,
        };
        let at = |k: usize| Source {
            seg: 1,
            key: k as u32,
        };
        let gap = |k: usize| gap_before(text, &pe, k);
        // `…があり` + `ます`: said as one word.
        assert!(said_together(&pd, prev, &pe, at(9), gap(9)));
        // With a space between (a collapsed break), or other words before:
        // no.
        let late = ke.len() - 3;
        assert!(!said_together(&pd, prev, &pe, at(late), gap(late)));
        assert!(!said_together(&pd, prev, &pe, at(3), gap(3)));
    }

    #[test]
    fn a_mark_left_at_a_cut_goes_when_the_text_going_on_brings_its_own() {
        assert_eq!(drop_dangling_opener(" `", "`"), "");
        assert_eq!(drop_dangling_opener("\n\n**", "**"), "");
        // A table row cut after a cell's separator, the answer saying it again.
        assert_eq!(drop_dangling_opener("` |", "| "), "`");
        // A mark right after the key closes it.
        assert_eq!(drop_dangling_opener("`", "`"), "`");
        assert_eq!(drop_dangling_opener("**", "**"), "**");
        // The text going on opens differently: the mark stays.
        assert_eq!(drop_dangling_opener(" `", "["), " `");
        assert_eq!(drop_dangling_opener("", "`"), "");
    }

    #[test]
    fn gap_parts() {
        assert_eq!(parts("**\n\n## "), ("**", "\n\n", "## "));
        assert_eq!(parts(" **"), ("", " ", "**"));
        assert_eq!(parts(""), ("", "", ""));
        assert_eq!(parts("\n```\n\n"), ("\n```", "\n\n", ""));
    }

    /// One segment over the whole of a text of `len` bytes with keys `k`.
    fn whole(k: &crate::normalize::Keys, len: usize) -> Placed<'_> {
        Placed {
            keys: k,
            range: 0..len,
            lead_space: false,
            dots: false,
            original: false,
        }
    }

    #[test]
    fn a_bracket_the_line_left_open_is_closed_by_the_text_going_on() {
        let text = "- [何が変わるのか？\n(voir « le shell »)\nDone (see a) b).";
        let k = crate::normalize::keys(text, 0, text.len());
        let seg = whole(&k, text.len());
        let key_at = |b: usize| k.pos.iter().position(|&p| p == b).unwrap();
        let q = key_at(text.find('？').unwrap());
        assert!(closes_open_bracket(text, &seg, q, ']'));
        assert!(!closes_open_bracket(text, &seg, q, ')'));
        // Balanced on its line: nothing left open.
        let shell = key_at(text.find("»)").unwrap() + "»".len());
        assert!(!closes_open_bracket(text, &seg, shell, ')'));
        let b = key_at(text.rfind("b)").unwrap());
        assert!(!closes_open_bracket(text, &seg, b, ')'));
    }

    #[test]
    fn a_dot_in_an_open_link_target_ends_no_sentence() {
        let text = "- [`get`](https://docs.example.org/struct.Widget.\n\nhtml#get)\nSee [the docs](https://docs.example.org). Done.";
        let k = crate::normalize::keys(text, 0, text.len());
        let seg = whole(&k, text.len());
        let key_at = |b: usize| k.pos.iter().position(|&p| p == b).unwrap();
        assert!(in_link_target(
            text,
            &seg,
            key_at(text.find("Widget.").unwrap() + 6)
        ));
        assert!(!in_link_target(
            text,
            &seg,
            key_at(text.find("). Done").unwrap() + 1)
        ));
        assert!(!in_link_target(
            text,
            &seg,
            key_at(text.rfind('.').unwrap())
        ));
    }

    #[test]
    fn a_cut_between_ascii_words_is_judged_by_what_the_text_says() {
        let text = "Ryzen AI Max+ PRO and NVLink. Later: AI";
        assert!(said_apart(text, "AI", "Max"));
        assert!(!said_apart(text, "NV", "Link"));
        assert!(!said_apart(text, "house", "holds"));
    }

    #[test]
    fn a_row_with_fewer_cells_than_its_header() {
        let t = "a | b | c\n---|---|---\nx | y | z\nx | y";
        assert!(row_short_of_header(t, t.len()));
        let full = "a | b | c\n---|---|---\nx | y | z";
        assert!(!row_short_of_header(full, full.len()));
        // No delimiter row above: no table known.
        let t = "Some prose.\nx | y";
        assert!(!row_short_of_header(t, t.len()));
    }

    #[test]
    fn collapsed_blocks_are_restored() {
        let line = "前の段落の文です。 ## 次の見出し 本文が続きます。 - 項目一 - 項目二。 さらに長い文をここに置いて二百バイトを超えるようにします。もっと長くします。";
        let out = restore_blocks(line);
        assert!(out.contains("です。\n\n## 次の見出し\n\n本文"));
        assert!(out.contains("。\n- 項目一"));
        assert_eq!(restore_blocks("C# and `a ## b`"), "C# and `a ## b`");
        // An admonition box: its label row, delimiter and text on lines of
        // their own, code spans or not.
        assert_eq!(
            restore_blocks("Run it (see `man 5 x`). | Tip ---|--- Read the guide first."),
            "Run it (see `man 5 x`).\n\n| Tip\n---|---\nRead the guide first."
        );
        // A table's delimiter under a row of several cells: left alone.
        let table = "Text. a | b ---|--- c | d";
        assert_eq!(restore_blocks(table), table);
        // A heading of accented Latin has no known end: not cut at its
        // first space as a CJK one is.
        let out = restore_blocks("Der dritte Absatz. ## Überblick über die Teile Jeder Teil.");
        assert!(
            out.contains("\n\n## Überblick über die Teile Jeder Teil."),
            "{out}"
        );
        // A heading that asks ends at its `?` when a sentence opens
        // after it; one going on in lower case, or a stop before, keeps
        // the line.
        assert_eq!(
            restore_blocks("Too. ## Would I go back? No. The desk paid."),
            "Too.\n\n## Would I go back?\n\nNo. The desk paid."
        );
        assert_eq!(
            restore_blocks("Too. ## Why? because it is"),
            "Too.\n\n## Why? because it is"
        );
        assert_eq!(
            restore_blocks("Too. ## Step 2. Why? Because"),
            "Too.\n\n## Step 2. Why? Because"
        );
        // Japanese and Chinese put no space after `。` or between two of
        // their chars: each was a break. After `？` one stays (Japanese
        // writes one there), and Korean spaces its words.
        assert_eq!(
            restore_blocks("示唆を与えてくれる。 **投資家として** 見るべきか？ 長期的に見る。"),
            "示唆を与えてくれる。\n\n**投資家として** 見るべきか？ 長期的に見る。"
        );
        assert_eq!(
            restore_blocks("电子的轨道（英文） 介绍原子中电子的轨道。"),
            "电子的轨道（英文）\n\n介绍原子中电子的轨道。"
        );
        let ko = "복원 도구는 파일을 고칩니다. 그리고 보고합니다.";
        assert_eq!(restore_blocks(ko), ko);
    }

    #[test]
    fn an_insertion_anchored_after_an_inserted_char_follows_it() {
        use crate::align::Insertion;
        // Main line 0..4 and 9..10; insertion A (4..7) before 2; B (7..9)
        // completes A's last char (anchor 7 = after position 6).
        let mut a = Article::new();
        a.chars = "abcdefghij".chars().collect();
        a.insertions = vec![
            Insertion { k: 4..7, anchor: 2 },
            Insertion { k: 7..9, anchor: 7 },
        ];
        assert_eq!(layout(&a), [0, 1, 4, 5, 6, 7, 8, 2, 3, 9]);
        // Anchored inside A: after that char, before A's rest.
        a.insertions[1].anchor = 6;
        assert_eq!(layout(&a), [0, 1, 4, 5, 7, 8, 6, 2, 3, 9]);
        // Anchored on the main line: before that position.
        a.insertions[1].anchor = 3;
        assert_eq!(layout(&a), [0, 1, 4, 5, 6, 2, 7, 8, 3, 9]);
    }

    #[test]
    fn a_cut_after_a_space_joins_with_a_space() {
        use crate::normalize::keys;
        let text = "The cut fell after a word \n\nmodel goes on.";
        let first = 0..text.find("model").unwrap();
        let second = first.end..text.len();
        let k0 = keys(text, first.start, first.end);
        let k1 = keys(text, second.start, second.end);
        let segs = [
            Placed {
                keys: &k0,
                range: first,
                lead_space: false,
                dots: false,
                original: false,
            },
            Placed {
                keys: &k1,
                range: second,
                lead_space: false,
                dots: false,
                original: false,
            },
        ];
        let last = Source {
            seg: 0,
            key: (k0.len() - 1) as u32,
        };
        let next = Source { seg: 1, key: 0 };
        assert_eq!(
            join(text, &segs, last, next, true, &mut Words::default()),
            " "
        );
    }

    #[test]
    fn bare_marks_at_a_cut() {
        assert_eq!(drop_bare_marks("\n\n###"), "");
        assert_eq!(drop_bare_marks("**\n-\n\n*"), "**");
        assert_eq!(drop_bare_marks(" |\n|"), " |");
        assert_eq!(drop_bare_marks("\n```"), "\n```");
        assert_eq!(drop_bare_marks("\n\n---"), "\n\n---");
        // On the key's own line, a dash is part of the text (`…834-`).
        assert_eq!(drop_bare_marks("-"), "-");
    }

    #[test]
    fn a_bare_heading_mark_goes_when_the_heading_is_said_whole() {
        let text = "### One\n\nA.\n\n### Two\n\nB.\n\n###\n\n### Three";
        assert!(heading_said_whole(text, "###", "### Three"));
        // Going on inside the marks: `##` + `# rest` is a level-3 heading.
        let text = "### One\n\nA.\n\n##\n\n# Two";
        assert!(!heading_said_whole(text, "##", "# Two"));
        // The glued level is used: the marks go on.
        let text = "## A\n\n## B\n\n#### C\n\n##\n\n## D";
        assert!(!heading_said_whole(text, "##", "## D"));
        // Text going on from the mark, no mark of its own.
        assert!(!heading_said_whole("### A\n\n### B", "###", " B"));
    }

    #[test]
    fn a_decoration_line_said_again_by_the_text_going_on_goes() {
        assert_eq!(drop_repeated_line("\n   | -", "| - `"), "");
        assert_eq!(drop_repeated_line("**\n   | -", "| - `"), "**");
        // Other decoration, or none on a line of its own: kept.
        assert_eq!(drop_repeated_line("\n   | -", "| ^^"), "\n   | -");
        assert_eq!(drop_repeated_line(" |", "| "), " |");
        // A fence or a rule closes or parts blocks.
        assert_eq!(drop_repeated_line("\n```", "```"), "\n```");
        assert_eq!(drop_repeated_line("\n---", "---"), "\n---");
    }

    #[test]
    fn words_are_counted_where_a_line_goes_on() {
        let text =
            "Checked while it runs, while\nwrapped.\n\nCut while\n\nmaintaining.\n\nAgain -Pro\n\n";
        let mut words = Words::default();
        // A wrapped line's last word counts, and a sentence's; a
        // paragraph's last word with nothing after it (a cut said again by
        // an echo stopping there) does not.
        assert_eq!(words.count(text, "While"), 2);
        assert_eq!(words.count(text, "pro"), 0);
        assert_eq!(words.count(text, "maintaining"), 1);
        assert_eq!(words.count(text, "checked"), 1);
    }

    #[test]
    fn list_lines_and_the_line_around_a_byte() {
        assert!(list_line("7. Wipe the old machine."));
        assert!(list_line("  - nested"));
        assert!(list_line("12) twelfth"));
        assert!(!list_line("Version 2. Next"));
        assert!(!list_line("-- a signature"));
        let t = "intro\n6. Copy the files.\n7. Wipe it.\n";
        assert_eq!(
            line_around(t, t.find("Copy").unwrap()),
            "6. Copy the files."
        );
        assert_eq!(line_around(t, 2), "intro");
        // A line longer than the look each way is none.
        let long = format!("a\n{}", "x".repeat(2 * LINE_LOOK + 10));
        assert_eq!(line_around(&long, 2 + LINE_LOOK + 5), "");
    }

    #[test]
    fn separators_rank() {
        assert_eq!(separator("\n \n"), "\n\n");
        assert_eq!(separator("  "), " ");
        assert!(rank("\n\n") > rank("\n"));
    }
}
