//! Fragment cleaning: drops what no article contains and cuts the text into
//! the segments the aligner places.
//!
//! Per fragment: whole lines that are leaked prompt lines or model chatter
//! (built-in Japanese, English and Chinese patterns, user patterns, lines of
//! the generation prompt), placeholders standing for text the model skipped
//! (`…（既存記事の続き）…`), lines quoting the marker, the file's front
//! matter block said again whole by an answer (a repeat; in fragment 0 it
//! marks where an answer opened), a leading continuation
//! ellipsis (`...`, `…`), a `（続き）` / `(continued)` heading suffix, and
//! U+FFFD. Fragment 0 has no marker between the original draft and the first
//! completion, so it is split at its seam: the first paragraph break after a
//! prose paragraph that ends mid-sentence, taken at once when the next
//! paragraph shows the answer (it opens mid-sentence, says the cut line again
//! (one letter will do on the last line of a wrapped paragraph),
//! repeats the title or earlier text, or repeats it one short line later), and
//! also after a heading cut off or a draft cut at a sentence end when an echo
//! of the title or of earlier text follows (a title line with no heading
//! mark said again, known text after it, is a restart's first line; under
//! a heading, an echo that stops after one paragraph is a reference page's
//! template sentence, not an echo; inside a fenced block, a paragraph
//! said before right after the line the block's last paragraph ends with
//! is a twin example going on, the `cjs` block under its `mjs` one; a
//! later paragraph of dots glued to a word's lower-case rest after one
//! left open, `…nuovo ril` + `...ascio …`, wins over a seam taken on
//! weaker evidence than a removed leak or broken char; a plain Korean
//! heading whose last words the next paragraph opens with, a particle
//! after them, `복원 도구` + `복원 도구는 …`, is no cut line said again; a
//! heading is cut off when a longer heading line below starts with it,
//! not when that line goes on with sentences: a whitespace-collapsed
//! restart opening with the title). Some
//! pipelines append the post's
//! trailer (related links, a call to action, a book list, an affiliate note)
//! to the draft before asking for the rest: the first completion goes on
//! with the article after that trailer. There the seam is the completion's
//! start, and the trailer becomes the last segment, laid out after every
//! answer ([`inner_trailer`]). Unless the seam finder finds the seam past
//! it: then those links are the author's own section (a README's `You may
//! be looking for:` list under its title), left in place.
//!
//! The kept text is copied into one clean string; [`Clean::body_offset`] maps
//! clean offsets back to the body text for the report.

use crate::error::{Error, ErrorKind};
use crate::normalize::{FxBuild, Keys, gram_hash, is_hangul, is_spaced_script, is_word_char, keys};
use crate::report::ActionKind;
use crate::split::Split;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// A run of clean text placed by the aligner as one unit of input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Range in [`Clean::text`].
    pub range: Range<usize>,
    /// The fragment it comes from.
    pub fragment: usize,
    /// The raw text began with a space (not a line break) before its first
    /// char: a continuation of a cut at a word boundary.
    pub lead_space: bool,
    /// It began with a continuation marker (`...`, `…`) glued to its
    /// first word: after a finished sentence, the paragraph goes on.
    pub dots: bool,
}

/// A removal made while cleaning, in body offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// What was removed.
    pub kind: ActionKind,
    /// Body byte range.
    pub range: Range<usize>,
    /// Fragment number.
    pub fragment: usize,
}

/// The cleaned body.
#[derive(Debug, Clone, Default)]
pub struct Clean {
    /// All kept fragment text, segment after segment.
    pub text: String,
    /// Segments in input order, but for the draft's own trailer found
    /// inside fragment 0 (see [`inner_trailer`]): it comes last.
    pub segments: Vec<Segment>,
    /// What was removed.
    pub removals: Vec<Removal>,
    /// `(clean offset, body offset)` at the start of each copied chunk.
    map: Vec<(usize, usize)>,
    /// Clean offsets where a line ended in a broken char (removed): the
    /// draft was cut there.
    broken_ends: Vec<usize>,
    /// Clean offsets in fragment 0 where a leaked prompt line or model
    /// chatter was removed: an answer opened there.
    leak_ends: Vec<usize>,
}

impl Clean {
    /// Maps a clean offset back to the body text.
    pub fn body_offset(&self, clean: usize) -> usize {
        let i = self.map.partition_point(|&(c, _)| c <= clean);
        if i == 0 {
            return clean;
        }
        let (c, b) = self.map[i - 1];
        b + (clean - c)
    }

    fn push(&mut self, body_text: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.map.push((self.text.len(), range.start));
        self.text.push_str(&body_text[range]);
    }
}

/// Leak and chatter line patterns.
#[derive(Debug, Clone)]
pub struct Leaks {
    builtin: &'static Regex,
    extra: Vec<Regex>,
    prompt_lines: Vec<String>,
}

/// Built-in leak / chatter patterns, matched at the start of a line (after
/// spaces and emphasis). A match that leaves little of the line drops the
/// line; otherwise only the matched prefix goes.
const BUILTIN: &[&str] = &[
    // Japanese: the completer's prompt and the model answering it.
    r"^【既存の記事の最後の部分】",
    r"^【記事の続き】",
    r"^続きを書いてください[：:。]?",
    r"^続きを書きます[。：:]?",
    r"^さあ、いよいよ記事の続きです[。！!]?",
    r"^[-・*]\s*(自然な流れで続きを書く|前の内容を繰り返さない|重複を避ける|既存の記事と重複しない).*$",
    r"^はい、?承知(いたし|し)ました[。！!]?",
    r"^承知(いたし|し)ました[。！!]?",
    r"^かしこまりました[。！!]?",
    r"^もちろん(です)?[、。！!].{0,60}(続き|執筆|書き|完成)[^。]{0,30}[。！!]",
    r"^[（(]※.{0,200}[）)]$",
    r"^ご提示いただいた記事.*$",
    r"^以下(が|は)?、?(記事の)?続きです[。：:]?",
    r"^記事の続きを(自然に)?(書|執筆)(き|い|し)(ます|ました)[。！!]?",
    // English.
    r"(?i)^(sure|certainly|of course|okay|ok)[!,.]?\s+(here is|here's|continuing|i'll continue|let me continue|i will continue).{0,80}?(:|\.|!|$)",
    r"(?i)^here(?: is|'s|’s) the (continuation|rest|remainder)( of the (article|post|text))?[:.]?",
    r"(?i)^continuing from where (it|we|i) left off[:.]?",
    // The completer's request said back (`Continue the article from where
    // it stopped.`), and the model announcing it goes on.
    r"(?i)^(please )?continue (writing )?(the|this) (article|post|blog post|text)( from where (it|you|we|i) (left off|stopped|ended))?[:.!]?$",
    r"(?i)^continue from where (it|you|we|i) (left off|stopped)[:.!]?$",
    r"(?i)^(i'll|i will|let me) (now )?continue (writing )?(the (article|post) )?(from where (it|i) (left off|stopped))?[:.!]?$",
    r"(?i)^\[existing article[^\]]*\]",
    r"(?i)^please continue (writing )?the (article|post)[:.]?",
    // Chinese.
    r"^以下是(文章的)?续写[：:。]?",
    r"^【已有文章的最后部分】",
    r"^好的[，,].{0,40}(续写|继续)[^。]{0,30}[。：:]",
    r"^请继续(写|撰写)(文章|下去)?[：:。]?",
    // Any language: a placeholder standing for text the model skipped, a
    // short note in brackets between ellipses (`…（既存記事の続き）…`,
    // `...(rest of the article)...`).
    r"^(…+|\.{3,})\s*[（(\[][^）)\]]{1,30}[）)\]]\s*(…+|\.{3,})$",
];

/// The built-in patterns as one alternation, compiled once per process and
/// shared by every file and thread (one pass per line instead of one per
/// pattern; a clone per file would rebuild its match caches). All are
/// anchored, and leftmost-first alternation picks the first pattern that
/// matches, as trying them in order would.
fn builtin() -> Result<&'static Regex, Error> {
    static COMPILED: OnceLock<Result<Regex, Error>> = OnceLock::new();
    COMPILED
        .get_or_init(|| {
            let alternation = BUILTIN
                .iter()
                .map(|p| format!("(?:{p})"))
                .collect::<Vec<_>>()
                .join("|");
            Regex::new(&alternation).map_err(|e| bad(&alternation, &e))
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Leaks {
    /// The built-in patterns plus the user's, and the prompt's lines.
    ///
    /// # Errors
    /// A user pattern that is not a valid regular expression.
    pub fn new(extra: &[String], prompt: Option<&str>) -> Result<Leaks, Error> {
        let builtin = builtin()?;
        let mut patterns = Vec::with_capacity(extra.len());
        for p in extra {
            let anchored = if p.starts_with('^') {
                p.clone()
            } else {
                format!("^(?:{p})")
            };
            patterns.push(Regex::new(&anchored).map_err(|e| bad(p, &e))?);
        }
        let prompt_lines = prompt
            .map(|p| {
                p.lines()
                    .map(|l| l.trim().to_string())
                    .filter(|l| l.chars().count() >= 6)
                    .collect()
            })
            .unwrap_or_default();
        Ok(Leaks {
            builtin,
            extra: patterns,
            prompt_lines,
        })
    }

    /// How many bytes at the start of `line` (after its indentation) are a
    /// leak; `Some(line.len())` drops the whole line.
    pub fn leak_len(&self, line: &str) -> Option<usize> {
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches([' ', '\t', '*', '>']).len();
        let rest = &body[indent..];
        if rest.is_empty() {
            return None;
        }
        if self.prompt_lines.iter().any(|p| rest.trim_end() == p) {
            return Some(line.len());
        }
        let m = self
            .builtin
            .find(rest)
            .or_else(|| self.extra.iter().find_map(|re| re.find(rest)))?;
        if m.end() == 0 {
            return None;
        }
        let after = rest[m.end()..].trim_matches([' ', '\t', '*']);
        if after.chars().count() < 48 {
            Some(line.len())
        } else {
            Some(indent + m.end())
        }
    }
}

fn bad(p: &str, e: &regex::Error) -> Error {
    Error::new(ErrorKind::BadPattern {
        pattern: p.to_string(),
        reason: e.to_string(),
    })
}

/// Cleans every fragment of `split` (the trailer is not touched).
pub fn clean(body: &str, split: &Split, leaks: &Leaks) -> Clean {
    let mut out = Clean::default();
    let mut held = None;
    for (n, frag) in split.fragments.iter().enumerate() {
        clean_fragment(body, frag.clone(), n, split, leaks, &mut out, &mut held);
    }
    // The draft's trailer goes after every answer: they go on with the
    // article, not with the trailer. Unless an answer says the trailer
    // again: then that copy is the one the aligner would lay out, and the
    // draft's stays in place, its formatting kept.
    if let Some(t) = held {
        let said_again = first_link(&out.text[t.range.clone()]).is_some_and(|link| {
            memchr::memmem::find(&out.text.as_bytes()[t.range.end..], link.as_bytes()).is_some()
        });
        match out.segments.first_mut() {
            Some(draft) if said_again => draft.range.end = t.range.end,
            _ => out.segments.push(t),
        }
    }
    out
}

/// The first Markdown link of `text` (`[…](…)`), on a line of its own.
fn first_link(text: &str) -> Option<&str> {
    text.lines().find_map(|l| {
        let at = l.find('[')?;
        let link = l[at..].trim_end();
        (link.contains("](") && link.ends_with(')')).then_some(link)
    })
}

fn clean_fragment(
    body: &str,
    frag: Range<usize>,
    n: usize,
    split: &Split,
    leaks: &Leaks,
    out: &mut Clean,
    held: &mut Option<Segment>,
) {
    let seg_start = out.text.len();
    let mut at_start = true;
    let mut lead_space = false;
    let mut dots = false;
    let mut line_start = frag.start;
    for line in body[frag.clone()].split_inclusive('\n') {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        let covers = |lines: &[Range<usize>]| {
            lines
                .iter()
                .any(|c| c.start <= range.start && range.end <= c.end)
        };
        // A line quoting the marker is chatter; the front matter said
        // again is text the file has, dropped as a repeat. Either way an
        // answer opened there.
        let repeat = covers(&split.front_matter_repeats);
        if repeat || covers(&split.chatter) {
            let kind = if repeat {
                ActionKind::Repeat
            } else {
                ActionKind::Leak
            };
            out.removals.push(removal(kind, range, n));
            if n == 0 {
                out.leak_ends.push(out.text.len());
            }
            continue;
        }
        let mut keep = range.clone();
        if let Some(len) = leaks.leak_len(line) {
            out.removals
                .push(removal(ActionKind::Leak, range.start..range.start + len, n));
            keep.start += len;
            if n == 0 {
                out.leak_ends.push(out.text.len());
            }
        }
        if at_start {
            let text = &body[keep.clone()];
            let trimmed = text.trim_start();
            if trimmed.is_empty() {
                lead_space = text.ends_with([' ', '\t']) && !text.contains('\n');
                continue;
            }
            let ws = text.len() - trimmed.len();
            lead_space = ws > 0 && text[..ws].ends_with([' ', '\t']);
            keep.start += ws;
            if n > 0 {
                let e = ellipsis(body, &keep, n, out);
                // `... word`: the cut ended a word.
                lead_space |= e > 0 && body[..keep.start + e].ends_with([' ', '\t']);
                dots = e > 0 && !lead_space;
                keep.start += e;
            }
            at_start = false;
        }
        push_line(body, keep, n, out);
    }
    let seg_end = out.text.len();
    let (cuts, trailer) = if n == 0 {
        let text = &out.text[seg_start..seg_end];
        // Fragment 0 is cleaned first: its text starts the clean text, so
        // clean offsets are its offsets.
        debug_assert_eq!(seg_start, 0);
        let seam = seam_at(text, &out.broken_ends, &out.leak_ends);
        match inner_trailer(text) {
            // A seam past the trailer: those links are the author's own
            // section (`You may be looking for:` under a README's title),
            // the answer starts later.
            Some(t) if seam.is_none_or(|at| at <= t.end) => (
                Some(seg_start + t.end),
                Some(seg_start + t.start..seg_start + t.end),
            ),
            _ => (seam, None),
        }
    } else {
        (None, None)
    };
    match cuts {
        Some(at) => {
            let draft_end = trailer.as_ref().map_or(at, |t| t.start);
            out.segments.push(Segment {
                range: seg_start..draft_end,
                fragment: n,
                lead_space,
                dots,
            });
            if let Some(t) = trailer {
                *held = Some(Segment {
                    range: t,
                    fragment: n,
                    lead_space: false,
                    dots: false,
                });
            }
            let rest = &out.text[at..seg_end];
            let glued =
                ellipsis_len(rest).is_some_and(|d| !rest[d..].starts_with(char::is_whitespace));
            let skip = if let Some(dots) = ellipsis_len(rest) {
                let body = out.body_offset(at);
                out.removals.push(removal(
                    ActionKind::ContinuationMarker,
                    body..body + dots,
                    n,
                ));
                dots + rest[dots..].len() - rest[dots..].trim_start_matches([' ', '\t']).len()
            } else {
                0
            };
            let before = &out.text[seg_start..at];
            out.segments.push(Segment {
                range: at + skip..seg_end,
                fragment: n,
                lead_space: before.ends_with([' ', '\t'])
                    || out.text[..at + skip].ends_with([' ', '\t']),
                dots: glued,
            });
        }
        None => out.segments.push(Segment {
            range: seg_start..seg_end,
            fragment: n,
            lead_space,
            dots,
        }),
    }
}

/// Byte length of a leading continuation marker (`...`, `…`, `……`), if the
/// text opens with one. One more dot that ends a sentence (`.... Next`,
/// `…. Next`) is not part of it: it is the period of the cut sentence the
/// answer goes on with (`… the draft` + `.... Next`).
fn ellipsis_len(text: &str) -> Option<usize> {
    let len = text.len() - text.trim_start_matches(['…', '.', '．']).len();
    let run = &text[..len];
    let dots = run.chars().count();
    if len == 0 || !(run.starts_with('…') || dots >= 3) {
        return None;
    }
    // Dots after the marker: `…` + `.`, or `...` + `.`.
    let after_marker = if run.starts_with('…') {
        run.trim_start_matches('…').chars().count()
    } else {
        dots - 3
    };
    let next = text[len..].chars().next();
    let ends_sentence = next.is_none_or(char::is_whitespace);
    // After the marker, a dot glued to what follows starts it (`…` +
    // `.io/rustup`, `...` + `.debian.org/…`, `.5`).
    let starts_text = next.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    match run.chars().last() {
        Some(period) if (ends_sentence || starts_text) && after_marker == 1 => {
            Some(len - period.len_utf8())
        }
        _ => Some(len),
    }
}

/// Strips a leading `...` / `…` continuation marker; returns its length.
fn ellipsis(body: &str, keep: &Range<usize>, n: usize, out: &mut Clean) -> usize {
    let text = &body[keep.clone()];
    let Some(len) = ellipsis_len(text) else {
        return 0;
    };
    let after = text[len..].len() - text[len..].trim_start_matches([' ', '\t']).len();
    out.removals.push(removal(
        ActionKind::ContinuationMarker,
        keep.start..keep.start + len,
        n,
    ));
    len + after
}

/// Copies one kept line, without U+FFFD and `（続き）` heading suffixes.
fn push_line(body: &str, keep: Range<usize>, n: usize, out: &mut Clean) {
    let text = &body[keep.clone()];
    let mut start = keep.start;
    let line_end = text.trim_end().len();
    for (i, c) in text.char_indices() {
        if c == '\u{FFFD}' {
            out.push(body, start..keep.start + i);
            if i + c.len_utf8() == line_end {
                out.broken_ends.push(out.text.len());
            }
            out.removals.push(removal(
                ActionKind::BrokenChar,
                keep.start + i..keep.start + i + c.len_utf8(),
                n,
            ));
            start = keep.start + i + c.len_utf8();
        }
    }
    let rest = start..keep.end;
    if n > 0 && body[rest.clone()].trim_start().starts_with('#') {
        if let Some(cut) = continued_suffix(&body[rest.clone()]) {
            let at = rest.start + cut.start;
            out.push(body, rest.start..at);
            out.removals.push(removal(
                ActionKind::ContinuationMarker,
                at..rest.start + cut.end,
                n,
            ));
            out.push(body, rest.start + cut.end..rest.end);
            return;
        }
    }
    out.push(body, rest);
}

/// The `（続き）` / `(continued)` suffix of a heading line, if any.
fn continued_suffix(line: &str) -> Option<Range<usize>> {
    let bare = line.trim_end();
    for suffix in [
        "（続き）",
        "(続き)",
        "（続）",
        "（续）",
        "（续写）",
        "(continued)",
        "(cont.)",
    ] {
        if let Some(head) = bare.strip_suffix(suffix) {
            let start = head.trim_end().len();
            return Some(start..bare.len());
        }
    }
    None
}

fn removal(kind: ActionKind, range: Range<usize>, fragment: usize) -> Removal {
    Removal {
        kind,
        range,
        fragment,
    }
}

/// The draft's own trailer inside fragment 0, when the first completion
/// goes on after it: byte range from its first rule line to the paragraph
/// where the completion starts (the seam).
///
/// Some pipelines append the post's trailer (related links, a call to
/// action, a book list, an affiliate note) to the draft before asking for
/// the rest; the first answer is glued after it and goes on with the
/// article. The trailer is a run of sections, each opened by a rule line
/// (`---`), holding only a title, link lines, `{: …}` attributes and short
/// one-line paragraphs (a sentence or two); at least two link lines in all. The completion is
/// the first paragraph that is none of those: prose of more than a short
/// line, or a heading that is not a section's title. It must say more than
/// a line or two, and neither go on with a cut nor open with an ellipsis
/// (then the trailer was cut, and the answer goes on with it). The draft
/// before the trailer must be an article, not a few lines.
pub fn inner_trailer(text: &str) -> Option<Range<usize>> {
    let rule = |p: &str| matches!(p, "---" | "***" | "___" | "- - -" | "* * *");
    let mut paras: Vec<(usize, &str)> = Vec::new();
    for (start, body) in paragraphs(text) {
        // A rule right under the draft's last line (`…。\n---`) opens the
        // trailer too.
        match body.rsplit_once('\n') {
            Some((before, last)) if rule(last.trim()) => {
                paras.push((start, before.trim_end()));
                paras.push((start + body.len() - last.len(), last.trim()));
            }
            _ => paras.push((start, body)),
        }
    }
    let mut r = 0;
    while r < paras.len() {
        if !rule(paras[r].1) || paras[r].0 < MIN_DRAFT {
            r += 1;
            continue;
        }
        // Walk the sections from this rule.
        let mut links = 0;
        let mut first_in_section = true;
        let mut e = r + 1;
        while e < paras.len() {
            let p = paras[e].1;
            if rule(p) {
                first_in_section = true;
            } else if let Some(n) = trailer_paragraph(p, first_in_section) {
                links += n;
                first_in_section = false;
            } else {
                break;
            }
            e += 1;
        }
        if e < paras.len() && links >= 2 {
            let (at, first) = paras[e];
            let rest = &text[at..];
            let finished = paras[e - 1]
                .1
                .trim_end()
                .ends_with(|c: char| is_finishing(c));
            if finished
                && rest.trim().chars().count() >= MIN_COMPLETION
                && !starts_mid_sentence(first)
                && ellipsis_len(first).is_none()
            {
                return Some(paras[r].0..at);
            }
        }
        // Not a trailer from this rule: go on after the run just walked.
        r = e.max(r + 1);
    }
    None
}

/// The paragraphs of `text` (blocks between blank lines), trimmed, with
/// the byte offset where each starts.
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive("\n\n").filter_map(move |para| {
        let start = offset + (para.len() - para.trim_start().len());
        offset += para.len();
        let body = para.trim();
        (!body.is_empty()).then_some((start, body))
    })
}

/// Chars of the draft before its trailer, at least.
const MIN_DRAFT: usize = 600;

/// Chars of the completion after the draft's trailer, at least.
const MIN_COMPLETION: usize = 200;

/// Can a trailer's last paragraph end with `c` (a link, an attribute, an
/// emphasized note, a finished sentence)?
fn is_finishing(c: char) -> bool {
    matches!(c, ')' | '}' | '*' | '_' | '>' | ']') || crate::align::is_terminal(c)
}

/// How many link lines a paragraph of a trailer section holds, if it can be
/// one: the section's title (a heading), a link heading, lines that are all
/// links or `{: …}` attributes, or one short line (a description, a note).
fn trailer_paragraph(para: &str, first_in_section: bool) -> Option<usize> {
    let link = |l: &str| {
        let t = l
            .trim_start_matches(['-', '*', '+', '#'])
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['.', ')'])
            .trim_start();
        t.starts_with('[') && t.contains("](") && t.trim_end().ends_with(')')
    };
    let attribute = |l: &str| l.starts_with("{:") && l.ends_with('}');
    let lines: Vec<&str> = para.lines().map(str::trim).collect();
    if lines.len() == 1 && is_heading(lines[0]) && !link(lines[0]) {
        return first_in_section.then_some(0);
    }
    if lines.iter().all(|l| link(l) || attribute(l)) {
        return Some(lines.iter().filter(|l| link(l)).count());
    }
    // One sentence, or two short ones (`…しています。PoC開発も…ください。`):
    // an answer going on with the article says more.
    let short = |l: &str| {
        let chars = l.chars().count();
        let stops = l.chars().filter(|&c| crate::align::is_terminal(c)).count();
        chars <= SHORT_LINE && (stops <= 1 || stops == 2 && chars <= SHORT_LINE / 2)
    };
    (lines.len() == 1 && short(lines[0])).then_some(0)
}

/// Chars of a one-line paragraph a trailer section may hold (a book's
/// description, a call to action, an affiliate note).
const SHORT_LINE: usize = 120;

/// The seam of fragment 0: offset of the paragraph where the first
/// completion starts. The completion continues a draft cut at a token
/// limit, so a candidate needs a paragraph ending mid-sentence before it.
/// The first with evidence in the next paragraph wins (it opens with an
/// ellipsis, a particle or a lower-case letter, one space (the answer went
/// on after the cut word: ` 7 window`), the digits of a number cut in two,
/// says the list item the draft was cut in again and longer (`*
/// environment` + `* environment variables`), or repeats earlier text from
/// its first, second or third sentence); short cut lines (`…rather\nth`) count only with such
/// evidence. Else the first one after a long prose paragraph whose next
/// paragraph does not open a Markdown block (a cut sentence goes on as
/// text, not as a list item or a heading; never the title line).
///
/// A list item or heading cut off mid-word counts too when the next
/// paragraph echoes earlier text from its first char: opening mid-sentence,
/// or inside a word of it (`PU、…` of `GPU、…`, an echo that began at any
/// char). So does a block line whose cut the answer says again: a list
/// item cut a few letters into its last word (`* Gleb Ko` + `* Gleb
/// Kozyrev`), a heading's words without its marks (`#### 4. 最新` +
/// `最新情報の…`), an item's words without its mark (`1. Make target-` +
/// `Make target-dir …`), the block's last sentence (`…没水了。全城465` +
/// `全城465万人口…`), a mail link (`mailto:co`), a wrapped prose line
/// said alone (`groups:`), or a bare mark or cut heading said again with
/// its mark (`*` + `*   **データ…`, `## 今後の` + `## 今後の展望`). A line
/// that ended in a broken char was cut, however finished it looks; `...` on a paragraph of its own before the
/// answer's text is the answer's marker; a leaked prompt line removed
/// after a cut (or before known text) opened the answer.
///
/// Inside a fenced block, code says its lines again as it likes (an
/// example's comment lines in the next example, a benchmark's output under
/// each run, a script's name opening its output lines): an echo there must
/// say a whole run again and, walked forward, the draft up to the cut
/// (`Seen::echo_reaches`); a tail said again from a token's start is no
/// cut's tail. A fence line alone opens no echo: the paragraph after it
/// must.
///
/// A table row written without outer bars (`Apple Macintosh | CR | … |
/// 0D` under a delimiter row) is a block line: it ends where its cells do.
/// After an indented listing, an echo opens with its first sentence (a
/// common second one, `當新的包可用時，…`, says nothing).
///
/// Inside a code block the weak seam needs the code to go on inside a token
/// or a bracket the cut line left open. An indented code block (four
/// spaces) ends its lines where the code does: no cut when the block goes
/// on, no weak seam after it, no lower-case opening or echo taken as an
/// answer's after it (`ou encore, comme suit :`), dots opening it are the
/// code's; an answer saying the block again from inside a line (its first
/// line not indented, the next ones indented, known text) is the seam.
///
/// Tables and links: a row cut mid-row whose other cells open the next
/// paragraph (the bars of both lines make the delimiter row's, a cell the
/// answer says again counted once; or the whole row said again and going
/// on) is the seam, as is a paragraph closing a link or parenthesis the cut
/// line left open inside its first word (`…/wiki/Path` + `_MTU…)`).
///
/// In a spaced script (Latin, accented too; Cyrillic), twelve keys are two
/// words a text says again as it goes: an echo there must go on repeating,
/// past one edit, inside its paragraph (`Seen::repeats_at`).
///
/// A draft may also stop where a line looks finished: after a whole
/// heading or a closing quote (`…「土台」`, its `。` not written yet). The
/// paragraph after it is the seam only when one of its first sentences is
/// said whole in the text just before (an answer echoing the draft's last
/// paragraphs), and for a heading, only when the heading was not said
/// before (else it is inside an echo that began earlier) and is said again
/// after (whole, collapsed or cut), or the echo ends the draft: sections
/// may open alike. A paragraph
/// saying the whole lead paragraph again (40 chars at least; a post whose
/// title is in its front matter) is a restart, as one saying the title
/// line is. A list item cut off among items that end with a stop, then
/// a heading said before whole, is the seam (an echo from a section). The
/// title's tail
/// on a line of its own, followed by a repeat, is a restart. A link line
/// cut inside its URL (`[faq]: htt`) ends like a finished block; an answer
/// saying that URL again whole from its start is the seam. A link or image
/// line that opens like an earlier one (a template's) is an echo only when
/// said whole before, and is no weak seam's answer.
///
/// Wherever the draft stopped, however finished its last line looks (a
/// table row: no stop ends one), a paragraph that says the draft again
/// from one of its first three sentences (the ones before may have a
/// slip: `瀏覽個整系統`) up to the cut, or to its own end, 200 keys at
/// least, from before the paragraph just written, with a few slips and
/// less than a quarter left out, is the seam (`Seen::restates_to_cut`):
/// an author says a paragraph twice at most, an example's twin leaves the
/// prose between out, and the post's trailer said again after the answer
/// that went on past it is no answer's opening. When the line before it
/// says, with a slip, the line before the text it says again (`## Adding
/// a nwe team leader`), the answer began there.
pub fn seam(text: &str) -> Option<usize> {
    seam_at(text, &[], &[])
}

/// [`seam`], knowing where lines ended in a broken char (`broken`, text
/// offsets in increasing order; the char was removed): a paragraph ending
/// there is cut, and open for an ellipsis (`…裏付けています。�` +
/// `…これは、…`). Where a leaked prompt line or model chatter was removed
/// (`leaks`, likewise), an answer opened: the paragraph after it is the
/// seam.
///
/// A seam taken on weaker evidence (a paragraph said before, an item
/// going on, a plain heading's words opening the next paragraph) gives
/// way to a later paragraph that opens with dots glued to a word's
/// lower-case rest after a paragraph left open (`… ad un nuovo ril` +
/// `...ascio cambiando …`), or that follows a line ending in a broken
/// char (`… 이 도�`): only an answer going on from a cut writes the one,
/// a draft cut mid-char shows the other, and fragment 0 holds one seam.
fn seam_at(text: &str, broken: &[usize], leaks: &[usize]) -> Option<usize> {
    let found = first_seam(text, broken, leaks)?;
    let marked = |at: &[usize]| {
        let i = at.partition_point(|&p| p <= found);
        i > 0 && text[at[i - 1]..found].trim().is_empty()
    };
    if marked(leaks) || marked(broken) {
        return Some(found);
    }
    let paras: Vec<(usize, &str)> = paragraphs(&text[found..])
        .map(|(at, p)| (found + at, p))
        .collect();
    let stronger = paras.windows(2).find(|pair| {
        let ((prev_start, prev), (start, next)) = (pair[0], pair[1]);
        // A line that ended in a broken char, text after it: the draft's
        // cut (an answer is cut only at its end).
        if ends_broken(text, broken, prev_start + prev.len()) {
            return true;
        }
        let rest = next
            .strip_prefix("...")
            .or_else(|| next.strip_prefix('…'))
            .filter(|r| !r.starts_with(['.', '…']));
        rest.is_some_and(|r| r.starts_with(char::is_lowercase))
            && prev.ends_with(char::is_alphanumeric)
            && open_for_ellipsis(prev)
            && !indented_code(text, prev_start, prev)
            && !crate::align::in_fence(text, start)
    });
    Some(stronger.map_or(found, |pair| pair[1].0))
}

/// Did the paragraph ending at byte `end` end in a broken char (removed at
/// one of the `broken` offsets, increasing; maybe after a space: `указав
/// �`)?
fn ends_broken(text: &str, broken: &[usize], end: usize) -> bool {
    broken
        .get(broken.partition_point(|&b| b < end))
        .is_some_and(|&b| text[end..b].trim().is_empty())
}

/// The first seam [`seam_at`] finds by its rules.
fn first_seam(text: &str, broken: &[usize], leaks: &[usize]) -> Option<usize> {
    let paras: Vec<(usize, &str)> = paragraphs(text).collect();
    let mut weak = None;
    let mut seen = Seen::new(text);
    // Each token check reads up to 128 KiB: a bounded number per text.
    let mut token_checks = 0..TOKEN_CHECKS;
    let mut restate_checks = 0..RESTATE_CHECKS;
    // Where the draft's own trailer ends, asked once when wanted.
    let mut trailer_end: Option<Option<usize>> = None;
    for (w, pair) in paras.windows(2).enumerate().take(4096) {
        let ((prev_start, prev), (start, next)) = (pair[0], pair[1]);
        let end = prev_start + prev.len();
        let broken_end = ends_broken(text, broken, end);
        let code = indented_code(text, prev_start, prev);
        let cut = if broken_end {
            Cut::Yes
        } else if code && indented(line_indent(text, start)) {
            // The code block goes on after a blank line.
            Cut::No
        } else {
            cut_at_end(prev)
        };
        // A leak removed between the two paragraphs, the draft cut before
        // it (or the answer saying known text again): an answer opened.
        // After a finished line, the answer going on with new text joins
        // as written (`{}` + `// next line` of a code block).
        let from = leaks.partition_point(|&l| l <= prev_start + prev.len());
        if leaks.get(from).is_some_and(|&l| l <= start)
            && (cut != Cut::No
                || ends_open(prev)
                || seen.repeats_at(start)
                // The cut line said again whole and going on (`PNG,` +
                // `PNG, JPEG, BMP, GIF, TIFF`).
                || repeats_cut_line(prev, next))
        {
            return Some(start);
        }
        // In an indented code block, dots are the code's (`    ...` for
        // lines left out).
        if (next.starts_with('…') || next.starts_with("...")) && !indented(line_indent(text, start))
        {
            // After a finished line too when the marker has a line of its
            // own and the answer goes on below it (`…` + `## 文章`).
            // Or three dots on a paragraph of its own before the answer's
            // text (`...` + a code block); a `……` there is the author's.
            let alone = next == "..." && paras.get(w + 2).is_some();
            // Or dots before a code block's first line, the answer saying
            // the block (`…$ ssh-keygen -t rsa` over indented lines).
            let dots = if next.starts_with('…') { '…' } else { '.' };
            let first = next.lines().next().unwrap_or("").trim_start_matches(dots);
            let code_after = !first.trim().is_empty() && next.lines().nth(1).is_some_and(indented);
            // Or dots glued to a new sentence after a finished one (`…
            // 물어본다면.` + `...그러나, …`) in a spaced script or Korean: the
            // answer went on behind the dots from the sentence's end. (In
            // Japanese and Chinese, dots after a finished sentence open an
            // echo: the real files' answers do.)
            let finished = prev
                .lines()
                .last()
                .is_some_and(|l| l.trim_end().ends_with(['.', '!', '?']));
            let glued = finished
                && next.trim_start_matches(dots).starts_with(|c: char| {
                    c.is_alphabetic() && (is_spaced_script(c) || is_hangul(c))
                });
            if broken_end
                || open_for_ellipsis(prev)
                || marker_line_then_text(next)
                || alone
                || code_after
                || glued
            {
                return Some(start);
            }
            continue;
        }
        if splits_list_item(prev, next) || splits_table_row(prev, next) {
            return Some(start);
        }
        if cut == Cut::No {
            // A heading or list item cut off mid-word, then an answer that
            // echoes earlier text from the middle of a word; or a draft cut
            // at a sentence end, then a restart that repeats its title.
            if !code
                && ends_open(prev)
                && (starts_mid_sentence(next) && seen.repeats_at(start)
                    || seen.repeats_mid_word(start))
                || w > 0 && (repeats_title(paras[0].1, next) || repeats_lead(paras[0].1, next))
                || (cut_heading(prev, &text[start..]) || ends_bare_mark(prev))
                    && seen.repeats_at(start)
                || w > 0
                    && (ends_title(paras[0].1, next) || repeats_plain_title(paras[0].1, next))
                    && paras.get(w + 2).is_some_and(|&(at, _)| seen.repeats_at(at))
                || w > 0
                    && !code
                    && ends_heading(prev)
                    && !heading_said_before(text, paras[w].0, prev)
                    && echoes_before(next, start, paras[w].0, &mut seen)
                    && (heading_said_after(text, start, prev) || w + 2 == paras.len())
                    // The echo goes on, or comes back to the heading: a
                    // reference page's template sentence under each
                    // heading (`This variable may appear to be global …
                    // See [\`__filename\`][].`) says one line again and
                    // goes on with the next entry.
                    && paras.get(w + 2).is_none_or(|&(at, p)| p == prev || seen.repeats_at(at))
                || prev.ends_with('」') && echoes_before(next, start, start, &mut seen)
                || ends_open(prev) && cut_among_items(prev) && echoed_heading(text, start, next)
                || repeats_cut_item(prev, next)
                || completes_cut_item(prev, next) && !line_said_before(text, prev_start, prev, next)
                || repeats_wrapped_line(prev, next)
                || repeats_line_going_on(prev, next)
                || repeats_cut_sentence(prev, next)
                || completes_cut_heading(prev, next)
                || completes_cut_item_text(prev, next)
                || !code && item_going_on(text, prev, start, next)
                // A line stopping at a comma, the answer opening with one
                // space (`… or flags,` + ` project has …`).
                || !code && prev.trim_end().ends_with([',', ';']) && goes_on_after_space(text, start, next)
                // A line cut open, then a paragraph opening with one space
                // that says earlier text again (`* 간단한 계산만으로` + ` 수
                // 있는 적정값을 …`): an echo from inside a sentence, in any
                // script (Korean has no case to show a sentence's middle).
                || !code
                    && ends_open(prev)
                    && opens_with_one_space(text, start)
                    && seen.repeats_at(start)
                // Korean has no case: a paragraph that says earlier text
                // again from a sentence's middle, after a line cut open.
                || !code
                    && ends_open(prev)
                    && next.starts_with(is_hangul)
                    && seen.repeats_mid_sentence(start)
                || repeats_cut_block(prev, next)
                || repeats_cut_delimiter_row(prev, next)
                || repeats_cut_url(prev, next)
                || code && echoes_code(text, start, next) && seen.repeats_at(start)
            {
                return Some(start);
            }
            // An answer saying the draft again up to its end, from a
            // sentence of its first three (one may have a slip); its own
            // words (a bare `#`, the cut heading's mark, is the draft's).
            let restated_at = (w > 0 && !code && next.chars().any(char::is_alphanumeric))
                .then(|| {
                    std::iter::once(Some(0))
                        .chain(later_sentences(next))
                        .flatten()
                        .find(|&at| {
                            seen.repeats_at(start + at)
                                && restate_checks.next().is_some()
                                && seen.restates_to_cut(start + at, end)
                        })
                })
                .flatten();
            if let Some(at) = restated_at
                && !crate::align::in_fence(text, start)
                // Not the post's trailer said again after the answer
                // that went on after it (related links, a book list).
                && (*trailer_end.get_or_insert_with(|| inner_trailer(text).map(|t| t.end)))
                    .is_none_or(|e| start <= e)
            {
                // The answer began a line earlier, with a line the draft
                // had before that text, said with a slip (`## Adding a
                // nwe team leader`): too short to be found as a repeat.
                let line_before = at == 0
                    && !prev.contains('\n')
                    && seen
                        .line_before_source(start)
                        .is_some_and(|l| l != prev && alike_lines(l, prev));
                return Some(if line_before { prev_start } else { start });
            }
            continue;
        }
        // After a code block, a paragraph opens lower case as it likes
        // (`ou encore, comme suit :`); so does a line of code in a fenced
        // block (`class MyObject {` after a blank line) or an indented one
        // (`…, запустив` + `    sudo dpkg -i ../*.deb`).
        if names_its_last_word(prev, next) {
            continue;
        }
        let goes_on = !code
            && starts_mid_sentence(next)
            && !crate::align::in_fence(text, start)
            && !indented(line_indent(text, start));
        // The answer going on from inside a word of `prev` (`All contr` +
        // `ibutors`): `prev` is the draft's, however much of it was said
        // before. (A particle may open a sentence too: `では、…` after an
        // echoed heading is the echo's.)
        if goes_on && next.starts_with(char::is_lowercase) {
            return Some(start);
        }
        if goes_on
            || splits_number(prev, next)
            || goes_on_after_space(text, start, next)
            || repeats_title(paras[0].1, next)
            // A heading said again opens an echo only when the text under
            // it is said again too, to its end: sections of a manual share their
            // headings (`#### Synopsis`, `#### Flags`). One said before
            // only at another level (`### Synopsis` of the page, `####
            // Synopsis` of a subcommand) is another heading: an echo says
            // a heading with its marks.
            || echo_opens(prev, next, start, w > 0 && !code, &mut seen)
                && !(is_heading(next)
                    && !next.contains('\n')
                    && paras.get(w + 2).is_some_and(|&(at, _)| !seen.repeats_through(at)))
                // So does a code block: an example's lines said again
                // whole, not a block that opens like an earlier one
                // (`"scripts": {"test": "node_modules/.bin/tap …"}` after
                // `… "tap test/*.js"}`).
                && !(next.starts_with("```") && next.contains('\n') && !seen.repeats_through(start))
                // Inside a fenced block, code says its lines again as it
                // likes (`// 1. Lookup \`then\` property on …` in two
                // examples, a benchmark's output lines under each run): an
                // echo there says a whole run again, and the text after
                // its earlier copy up to the cut. (A fence line alone is
                // judged by `echo_opens`; one opening a block inside an open
                // one shows the draft's block cut: `npm view express
                // maintai` + ```` ```bash ````.)
                && (!crate::align::in_fence(text, start)
                    || next.starts_with("```")
                    || next.starts_with("~~~")
                    || seen.repeats_through(start)
                        && seen.echo_reaches(start, prev_start + prev.len())
                        && !twin_goes_on(text, prev_start, prev, next))
                && !heading_at_other_level(text, start, next)
            // In a fenced block, short lines and lines said again are the
            // code's (a program's output shown for each command).
            || next_repeats(next, paras.get(w + 2), &mut seen)
                && !crate::align::in_fence(text, start)
                && !korean_heading_named(prev, next)
            || (repeats_cut_line(prev, next)
                || repeats_cut_tail(prev, next, || crate::align::in_fence(text, start)))
                && !korean_heading_named(prev, next)
            || repeats_cut_item(prev, next)
            || closes_cut_link(prev, next)
            || code
                && echoes_code(text, start, next)
                && (seen.repeats_at(start) || repeats_cut_code_lines(prev, next))
        {
            // The answer may begin a line or two earlier, after a list item
            // or heading cut off (those are not taken as cuts above): a
            // restart's title line, an echoed heading. (A table row cut
            // short is the draft's, however much of it was said before.)
            let mut at = w + 1;
            while at > 1
                && w + 1 - at < 3
                && ends_open(paras[at - 2].1)
                && !cut_table_row(paras[at - 1].1)
                && (seen.repeats_whole(paras[at - 1].0, paras[at].0)
                    || ends_title(paras[0].1, paras[at - 1].1))
            {
                at -= 1;
            }
            return Some(paras[at].0);
        }
        if cut == Cut::Short {
            continue;
        }
        let len = prev.chars().count();
        // The lead's title line (`Xとは？ Yを読み解く`) ends without a
        // full stop: a question inside it does not make it prose.
        let title = w == 0
            && len < 100
            && !prev.contains('\n')
            && !prev.contains('。')
            && !prev.contains(". ");
        let prose = len >= 40 || prev.contains(['。', '，', '、', ',']);
        if !title
            && prose
            && !opens_block(next)
            && !whole_link_line(next)
            && weak.is_none()
            && (!crate::align::in_fence(text, start) && !code
                || code_cut(prev, next)
                || token_checks.next().is_some() && token_goes_on(text, start, prev, next))
        {
            weak = Some(start);
        }
    }
    weak
}

/// Is `text` all of [spaced scripts](is_spaced_script) (Latin, accented
/// too): a char there says less than a CJK one.
fn spaced(text: &str) -> bool {
    text.chars().all(is_spaced_script)
}

/// Is `para` (at byte `start` of `text`) an indented code block: every
/// line indented by four spaces or a tab? Its lines end where the code
/// does, so a line ending mid-word there is no evidence of a cut.
fn indented_code(text: &str, start: usize, para: &str) -> bool {
    indented(line_indent(text, start))
        && para
            .lines()
            .skip(1)
            .all(|line| line.trim().is_empty() || indented(line))
}

/// Does `para` (at byte `start` of `text`) open on a line not indented and
/// go on with lines indented as code: an answer that says a code block
/// again from inside a line of it?
fn echoes_code(text: &str, start: usize, para: &str) -> bool {
    line_indent(text, start).is_empty() && para.lines().nth(1).is_some_and(indented)
}

/// The indentation before byte `start` of `text`, from its line's start.
fn line_indent(text: &str, start: usize) -> &str {
    &text[text[..start].rfind('\n').map_or(0, |i| i + 1)..start]
}

/// Is a line (or its indentation) indented as code: four spaces or a tab?
pub(crate) fn indented(line: &str) -> bool {
    line.starts_with('\t') || line.starts_with("    ")
}

/// Does `next` close a link or parenthesis that `prev`'s last line left
/// open, inside its first word (`[Path MTU](https://…/wiki/Path` +
/// `_MTU_Discovery)-Verfahren`): the cut URL going on?
fn closes_cut_link(prev: &str, next: &str) -> bool {
    let last = prev.lines().last().unwrap_or("");
    let word = next.split(char::is_whitespace).next().unwrap_or("");
    let closes = |open: u8, close: u8| {
        let mut depth = 0i32;
        word.bytes().any(|b| {
            depth += i32::from(b == open) - i32::from(b == close);
            depth < 0
        })
    };
    !last.ends_with(char::is_whitespace)
        && open_brackets(last)
        && !next.starts_with([')', ']'])
        && (closes(b'(', b')') || closes(b'[', b']'))
}

/// Inside a code block, a blank line between two lines of code is no cut
/// (`} // namespace node` + `NODE_BINDING…`): a weak seam there needs the
/// text to go on inside a token (`(see https` + `://doc…`, `[オペレー` +
/// `ター…`; not a mark before a space), or a bracket the line left open.
fn code_cut(prev: &str, next: &str) -> bool {
    let mark = |c: char| !(c.is_alphanumeric() || c == '_' || c.is_whitespace());
    // Marks before a space open a line of their own: a shell prompt (`$
    // echo …` after a blank line in a console block), a comment (`// …`).
    let rest = next.trim_start_matches(mark);
    open_brackets(prev.lines().last().unwrap_or(""))
        || rest.len() < next.len() && !rest.starts_with(char::is_whitespace)
}

/// Bytes around a cut that [`token_goes_on`] searches.
const TOKEN_REACH: usize = 64 * 1024;

/// [`token_goes_on`] checks per text, at most.
const TOKEN_CHECKS: usize = 64;

/// Does `next` (at byte `start` of `text`) go on with the token `prev`
/// ends with (`new h` + `ttps.Agent(options);`, `'node:di` +
/// `agnostics_channel';`)? So it does when the text near the cut says the
/// two as one token, and never opens a token with `next`'s first one: a
/// word cut in two, not two lines of code. (Linear in [`TOKEN_REACH`];
/// asked only for a weak seam's candidates in code.)
fn token_goes_on(text: &str, start: usize, prev: &str, next: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let last = prev.lines().last().unwrap_or("");
    let a = &last[last.trim_end_matches(word).len()..];
    let b = &next[..next.len() - next.trim_start_matches(word).len()];
    if a.is_empty() || b.len() < 3 || !next.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let range = crate::text::around(text, start, TOKEN_REACH);
    let from = range.start;
    let window = &text[range];
    let joined = format!("{a}{b}");
    let opens_token = memchr::memmem::find_iter(window.as_bytes(), b.as_bytes())
        .filter(|&i| from + i != start)
        .any(|i| !window[..i].ends_with(word));
    !opens_token && memchr::memmem::find(window.as_bytes(), joined.as_bytes()).is_some()
}

/// Is the last line of `prev` a heading cut off: `#` marks with no text or
/// only a section's number (`### 4.6.3.`), or text that a longer heading
/// line in the next 4,000 bytes of `rest` starts with (the echo that
/// follows writes it whole)? A longer line that goes on with sentences is
/// a whitespace-collapsed restart opening with the title (`# Writing
/// installer questions Installer questions are read …. Keep …`), no
/// heading said whole.
fn cut_heading(prev: &str, rest: &str) -> bool {
    let line = prev.lines().last().unwrap_or("").trim();
    let text = line.trim_start_matches('#');
    if line.len() == text.len() || line.len() - text.len() > 6 {
        return false;
    }
    // Marks alone, or a section's number with no title (`### 4.6.3.`).
    let number = |t: &str| t.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if number(text.trim()) {
        return true;
    }
    head(rest, 4000).lines().any(|l| {
        let l = l.trim();
        l.len() > line.len() && l.starts_with(line) && !ends_a_sentence_inside(&l[line.len()..])
    })
}

/// Does `text` end a sentence before its last word: a stop followed by a
/// space and a word not in lower case (`are read. Keep`; `e.g. in` ends
/// none), or a CJK stop followed by any?
fn ends_a_sentence_inside(text: &str) -> bool {
    let text = text.trim_end();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(&after) = chars.peek() else {
            break;
        };
        let stop = match c {
            '.' | '!' | '?' => {
                after == ' ' && chars.clone().nth(1).is_some_and(|n| !n.is_lowercase())
            }
            '。' | '！' | '？' => true,
            _ => false,
        };
        if stop {
            return true;
        }
    }
    false
}

/// Is `next` one short line, no sentence, that says the text of the
/// heading `prev` ends with again and goes on (`#### 4. 最新` + `最新情報の
/// キャッチアップと専門家との連携`)? The draft was cut inside the heading,
/// and the answer said its words again without the marks. A paragraph
/// that opens with the heading's word (`## まとめ` + `まとめると、…。`) is
/// text.
fn completes_cut_heading(prev: &str, next: &str) -> bool {
    let line = prev.lines().last().unwrap_or("").trim();
    if !is_heading(line) {
        return false;
    }
    let text = line.trim_start_matches('#').trim_start();
    // A numbered heading's number (`4. `, `3.2. `) is a mark too.
    let text = text
        .split_once(' ')
        .filter(|(n, _)| n.starts_with(|c: char| c.is_ascii_digit()))
        .filter(|(n, _)| n.ends_with('.') && n.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        .map_or(text, |(_, t)| t.trim_start());
    let next = next.trim_end();
    // A one-word heading of a spaced script said again as a longer word
    // is the text going on (`## License` + `Licensed under either of`).
    (text.contains(' ') || text.chars().count() >= 12 || !spaced(text))
        && !next.contains('\n')
        && next.chars().count() <= 80
        && !next.contains(|c: char| crate::align::is_terminal(c))
        && next
            .strip_prefix(text)
            .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace()))
}

/// Is the last line of `prev` a bare block mark ([`crate::merge::is_bare_mark`]:
/// `*`, `###`, `*   *`)? No author ends a paragraph with one: the draft was
/// cut right after it.
fn ends_bare_mark(prev: &str) -> bool {
    crate::merge::is_bare_mark(prev.lines().last().unwrap_or("").trim())
}

/// Does `next` open with the block line `prev` ends with, said again and
/// going on: a bare mark (`*` + `*   **データ…`, `###` + `### 私たち…`,
/// the draft cut right after it) or a heading cut inside its text (`## 今後
/// の` + `## 今後の展望`)? No author leaves a mark with nothing after it, or
/// puts a heading right under one that it begins. A heading's words must
/// go on with no space (`## Setup` + `## Setup on Linux` may be two
/// headings).
fn repeats_cut_block(prev: &str, next: &str) -> bool {
    let line = prev.lines().last().unwrap_or("").trim();
    let first = next.lines().next().unwrap_or("").trim_end();
    if crate::merge::is_bare_mark(line) {
        // The mark said again with text after it (right after an inline
        // mark: `*   *` + `*   **X**`).
        let inline = crate::merge::item_opener(line);
        return first.strip_prefix(line).is_some_and(|rest| {
            !rest.trim().is_empty() && (inline || rest.starts_with([' ', '\t']))
        });
    }
    if !is_heading(line) {
        return false;
    }
    first
        .strip_prefix(line)
        .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace()))
}

/// Does `next` say the last lines of the code block `prev` again (one at
/// least before the cut one, 8 chars in all), the cut line whole and going
/// on (`$ ls -F` / `gentoo-0` + `$ ls -F` / `gentoo-0.9.12/`)? Too short
/// for an echo's k-grams, but no listing says its last lines twice with
/// the second time longer.
fn repeats_cut_code_lines(prev: &str, next: &str) -> bool {
    let before: Vec<&str> = prev.lines().map(str::trim).collect();
    let after: Vec<&str> = next.lines().map(str::trim).take(before.len()).collect();
    let Some(&cut) = before.last() else {
        return false;
    };
    (1..before.len().min(after.len())).any(|m| {
        let said = &before[before.len() - 1 - m..before.len() - 1];
        said == &after[..m]
            && said.iter().map(|l| l.len()).sum::<usize>() + cut.len() >= 8
            && after
                .get(m)
                .and_then(|l| l.strip_prefix(cut))
                .is_some_and(|rest| !rest.is_empty())
    })
}

/// Does `next` open with the table delimiter row that `prev` was cut
/// inside, under its header row (`| Astuce` / `-` + `---|---`), said again
/// whole? No author writes a row of a dash alone under a header.
fn repeats_cut_delimiter_row(prev: &str, next: &str) -> bool {
    let mut lines = prev.lines().rev();
    let (Some(last), Some(header)) = (lines.next(), lines.next()) else {
        return false;
    };
    let last = last.trim();
    let first = next.lines().next().unwrap_or("").trim();
    header.contains('|')
        && !last.is_empty()
        && crate::merge::delimiter_row(first)
        && first.len() > last.len()
        && first.starts_with(last)
}

/// Does `next` open with the whole cut line `prev` ends with and go on (the
/// cut sentence said again and completed, however short the line)?
fn repeats_cut_line(prev: &str, next: &str) -> bool {
    let line = prev.lines().last().unwrap_or("").trim();
    let n = line.chars().count();
    // A line of a few chars of its own, a paragraph (`一个` + `一个
    // Vue.js …`, `--` + `-- [《…》]`), may go on after a space too.
    let alone = n <= 4 && !prev.contains('\n');
    // One letter on a line of its own, the last of a wrapped paragraph
    // (`in it.` / `T`), is a cut too: no line of prose is one letter.
    let letter = n == 1 && prev.contains('\n') && line.chars().all(char::is_alphabetic);
    (n >= 2 || letter)
        && next.strip_prefix(line).is_some_and(|rest| {
            rest.starts_with(|c: char| !c.is_whitespace())
                || alone
                    && rest.starts_with(' ')
                    && rest[1..].starts_with(|c: char| !c.is_whitespace())
        })
}

/// Does `next` open with the URL that `prev`'s last line was cut inside,
/// said again from its start and whole (`[faq]: htt` + `https://…/faq`),
/// or with the link definition cut before its URL (`[faq]:`) said again?
/// A link line is a block, so its cut is not a prose cut; the URL's start
/// must be the start of a web address (`htt`, `https:`, `https://gi`) or
/// a mail link (`mailto:co`).
fn repeats_cut_url(prev: &str, next: &str) -> bool {
    let line = prev.lines().last().unwrap_or("").trim_end();
    // A link definition cut before its URL (`[`Hash`]:`), said again whole.
    if line.starts_with('[') && line.ends_with("]:") {
        return next.strip_prefix(line).is_some_and(|rest| {
            rest.starts_with(' ') && rest.trim_start().starts_with(|c: char| !c.is_whitespace())
        });
    }
    let Some(url) = line.rsplit([' ', '(', '<']).next() else {
        return false;
    };
    let web = url.len() >= 3
        && ("https://".starts_with(url) || "http://".starts_with(url) || url.starts_with("http"));
    let mail = url.starts_with("mailto:");
    let token = next.split(char::is_whitespace).next().unwrap_or("");
    token.len() > url.len()
        && token.starts_with(url)
        && (web && token.contains("://")
            || mail && token.starts_with("mailto:") && token.contains('@'))
}

/// Does `next` open with the text of the list item `prev` ends with, said
/// again without its mark and going on inside its last word (`  1. Make
/// target-` + `Make target-dir movable (RFC #3371)`)? Two words at least
/// (8 chars of CJK text): a paragraph may open with an item's one word
/// (`- Rust` + `Rustaceans…`).
/// Does `next` open with the word `prev` ends with, glued to a token there
/// (`… https://docs.rs/float-cmp` + `float-cmp defines …`), then a space: a
/// paragraph naming what the line before linked, not a cut word going on.
fn names_its_last_word(prev: &str, next: &str) -> bool {
    let last = prev.trim_end();
    let word = &last[last
        .trim_end_matches(|c: char| c.is_alphanumeric() || c == '-' || c == '_')
        .len()..];
    let glued = last[..last.len() - word.len()].ends_with(['/', '.', ':', '=', '#', '@']);
    !word.is_empty()
        && glued
        && next
            .strip_prefix(word)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
}

/// Does the list item or footnote `prev` ends with stop inside a sentence
/// (`* La lectura de un archivo en GNU/Linux`, `[84]  … đến với nhiều`)
/// and the paragraph at byte `start`, `next`, open with one space and a
/// lower-case letter (the answer went on after the cut's space)? The
/// answer going on with the item's sentence. Without the space, a list
/// may well be followed by the sentence it is part of (` * MIT license` +
/// `at your option.`).
fn item_going_on(text: &str, prev: &str, start: usize, next: &str) -> bool {
    let last = prev.lines().last().unwrap_or("").trim();
    let footnote = last.starts_with('[')
        && last[1..].split_once(']').is_some_and(|(n, rest)| {
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with(' ')
        });
    (item_text(last).is_some() || footnote)
        && last.ends_with(|c: char| c.is_alphanumeric() && is_spaced_script(c))
        && opens_with_one_space(text, start)
        && next.starts_with(|c: char| c.is_lowercase())
}

fn completes_cut_item_text(prev: &str, next: &str) -> bool {
    let Some(text) = item_text(prev.lines().last().unwrap_or("").trim()) else {
        return false;
    };
    let long = if spaced(text) {
        text.contains(' ') && text.chars().count() >= 8
    } else {
        text.chars().count() >= 8
    };
    long && (ends_open(text) || text.ends_with('-'))
        && next
            .strip_prefix(text)
            .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace()))
}

/// Does `next` open with the list item `prev` ends with, said again and
/// going on after a space (`* environment` + `* environment variable
/// (…)`)? The item's line ends with no stop: the draft was cut inside it.
fn repeats_cut_item(prev: &str, next: &str) -> bool {
    cut_item(prev, next).is_some_and(|rest| {
        rest.starts_with(' ') && rest[1..].starts_with(|c: char| !c.is_whitespace())
    })
}

/// Does `next` open with the list item `prev` ends with, cut a few letters
/// into its last word, said again whole (`* Gleb Ko` + `* Gleb Kozyrev`)?
/// Four chars of the item at least, at most four of the cut word: a whole
/// word may begin a longer one (`* environment` + `* environmental law`,
/// another item). (The caller checks that the answer's line was not said
/// before: an author's list said twice is no seam.)
fn completes_cut_item(prev: &str, next: &str) -> bool {
    cut_item(prev, next).is_some_and(|rest| {
        let line = prev.lines().last().unwrap_or("").trim();
        let word = line
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .count();
        line.chars().count() >= 6 && word <= 4 && rest.starts_with(char::is_alphanumeric)
    })
}

/// Is `next`'s first line (its item text) said earlier in `text`, before the last line of
/// `prev` (which starts at byte `prev_start`)? An author's list said twice,
/// not a cut item said again whole (the cut line itself opens like it).
fn line_said_before(text: &str, prev_start: usize, prev: &str, next: &str) -> bool {
    let line = next.lines().next().unwrap_or("").trim();
    // Under any list mark.
    let line = item_text(line).unwrap_or(line);
    let end = prev_start + prev.rfind('\n').map_or(0, |n| n + 1);
    !line.is_empty() && memchr::memmem::find(&text.as_bytes()[..end], line.as_bytes()).is_some()
}

/// Does `next` open with the last sentence of `prev`'s last line, a block
/// line cut inside prose after a stop (`- [金奈](…)是…没水了。全城465` +
/// `全城465万人口，…`), and go on? The answer said the cut sentence again.
fn repeats_cut_sentence(prev: &str, next: &str) -> bool {
    let line = prev.lines().last().unwrap_or("").trim_end();
    // Stopped mid-sentence (a number too: `全城465`).
    if !line.ends_with(|c: char| c.is_alphanumeric() || is_cjk_mid(c)) {
        return false;
    }
    let Some(stop) = line.rfind(['。', '！', '？']) else {
        return false;
    };
    let tail = line[stop..]
        .trim_start_matches(['。', '！', '？'])
        .trim_start();
    tail.chars().count() >= 2 && next.len() > tail.len() && next.starts_with(tail)
}

/// Is `next`'s first line the last line of the wrapped prose paragraph
/// `prev`, said again alone (`…into these rough` / `groups:` + `groups:`),
/// or said again and going on after a space (8 chars at least)?
/// The draft stopped after it, and the answer said the cut line again.
fn repeats_wrapped_line(prev: &str, next: &str) -> bool {
    let mut lines = prev.lines().rev();
    let (Some(last), Some(before)) = (lines.next(), lines.next()) else {
        return false;
    };
    let last = last.trim();
    let n = last.chars().count();
    n >= 3
        && !opens_block(before)
        && !opens_block(last)
        && next.lines().next().is_some_and(|first| {
            let first = first.trim_end();
            // Or said again and going on, the line cut at a space
            // (`understanding,` + `understanding, and adhering…`).
            first == last
                || n >= 8
                    && first
                        .strip_prefix(last)
                        .is_some_and(|rest| rest.starts_with(' ') && rest.len() > 1)
        })
}

/// Is `next` the one-line prose paragraph `prev` said again whole (24
/// chars at least, no stop at its end: `…tạo bởi **dh_make**`), going on
/// after a space? The draft stopped after a word that looks finished, and
/// the answer said the cut sentence again.
fn repeats_line_going_on(prev: &str, next: &str) -> bool {
    let line = prev.trim_end();
    !line.contains('\n')
        && !opens_block(line)
        && line.chars().count() >= 2 * REPEAT_HEAD
        && !line.ends_with(|c: char| crate::align::is_terminal(c) || c == ':' || c == '：')
        && next
            .strip_prefix(line)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace()))
}

/// The rest of `next` after the list item `prev`'s last line holds, said
/// again, when that item ends with no stop (2 chars of text at least).
fn cut_item<'a>(prev: &str, next: &'a str) -> Option<&'a str> {
    let line = prev.lines().last().unwrap_or("").trim();
    let text = line
        .strip_prefix(['-', '*', '+'])
        .filter(|r| r.starts_with(' '))
        .map(str::trim_start)?;
    (text.chars().count() >= 2
        && !text.ends_with(|c: char| crate::align::is_terminal(c) || c.is_ascii_punctuation()))
    .then(|| next.strip_prefix(line))
    .flatten()
}

/// Does `next` open with the end of the cut line `prev` ends with (from
/// inside a word: `…モデル市場下書きモ` + `ル市場下書きモデル…`) and go
/// on? At least 4 chars, 8 of ASCII; the answer said the cut text again.
/// Inside a fenced block (`in_fence`, asked only then), a tail from a
/// token's start is the code's: a program's output names the script the
/// line above ran (`$ node benchmark/buffers/buffer-tostring.js` over
/// `buffers/buffer-tostring.js n=10000000 …`); an answer's from inside a
/// word still counts.
fn repeats_cut_tail(prev: &str, next: &str, in_fence: impl FnOnce() -> bool) -> bool {
    let line = prev.lines().last().unwrap_or("").trim_end();
    let Some(at) = line
        .char_indices()
        .rev()
        .take(40)
        .enumerate()
        .find(|&(n, (at, _))| {
            let t = &line[at..];
            let min = if spaced(t) { 8 } else { 4 };
            n + 1 >= min && next.len() > t.len() && next.starts_with(t)
        })
        .map(|(_, (at, _))| at)
    else {
        return false;
    };
    let mid_word = line[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && line[at..].starts_with(char::is_alphanumeric);
    mid_word || !in_fence()
}

/// Bytes before a paragraph where [`twin_goes_on`] looks for its twin.
const TWIN_WINDOW: usize = 64 * 1024;

/// Did the text before `prev` (at byte `prev_start`) say `prev`'s last
/// line and, after it, `next`'s first line? Then `next` goes on as that
/// earlier place did: a block's twin (the `cjs` example under the `mjs`
/// one, `while (Date.now() - now < 500);` then `console.log(…)` in
/// both), no echo opening after a cut. A line of a few chars (`}`)
/// tells nothing. Looked for in the [`TWIN_WINDOW`] before `prev`.
fn twin_goes_on(text: &str, prev_start: usize, prev: &str, next: &str) -> bool {
    let last = prev.lines().last().unwrap_or("").trim();
    let first = next.lines().next().unwrap_or("").trim();
    if last.len() < 8 || first.is_empty() {
        return false;
    }
    let mut from = prev_start.saturating_sub(TWIN_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..prev_start];
    memchr::memmem::find_iter(before.as_bytes(), first.as_bytes()).any(|at| {
        let head = &before[..at];
        let line_start = head.rfind('\n').map_or(0, |n| n + 1);
        head[line_start..].trim().is_empty()
            && head[..line_start]
                .trim_end()
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim() == last)
    })
}

/// Korean particles a noun takes (`도구는`, `도구에`, `도구에서`).
const KOREAN_PARTICLES: &[&str] = &[
    "에서", "으로", "에게", "까지", "부터", "처럼", "보다", "은", "는", "이", "가", "을", "를",
    "에", "의", "와", "과", "도", "로", "만",
];

/// Is `prev` a plain Korean heading (one short line, no stop) whose last
/// words `next` opens with, a particle after them (`복원 도구` + `복원
/// 도구는 새롭게 …`, `개선된 자유 선택 도구` + `자유 선택 도구에 …`)? The
/// paragraph names the heading's subject: no cut line said again.
fn korean_heading_named(prev: &str, next: &str) -> bool {
    let line = prev.trim();
    if line.contains('\n')
        || line.chars().count() > 40
        || !line.chars().any(is_hangul)
        || line.ends_with(|c: char| crate::align::is_terminal(c))
    {
        return false;
    }
    // From each word start of the line: the words from there on, then a
    // particle and a space (or the line's end) in `next`.
    let starts = std::iter::once(0).chain(line.match_indices(' ').map(|(i, _)| i + 1));
    starts
        .filter_map(|at| next.strip_prefix(&line[at..]))
        .any(|rest| {
            KOREAN_PARTICLES.iter().any(|p| {
                rest.strip_prefix(p)
                    .is_some_and(|r| r.is_empty() || r.starts_with([' ', ',', '.']))
            })
        })
}

/// The first `max` bytes of `s` at most, cut at a char boundary.
fn head(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Is `next` one short line (an edited sentence, say; no heading, which
/// opens a section that may well start as another did) and does the
/// paragraph after it, `after`, repeat earlier text (more than a caption's
/// few words; a link line whole)?
fn next_repeats(next: &str, after: Option<&(usize, &str)>, seen: &mut Seen<'_>) -> bool {
    !next.contains('\n')
        && !is_heading(next)
        && next.chars().count() <= 120
        // One that says `next` again and goes on: `next` is a cut line,
        // and the seam is after it.
        && after.is_some_and(|&(_, para)| !para.starts_with(next.trim_end()))
        && after.is_some_and(|&(at, para)| match link_line(para) {
            Some(line) => repeats_link_line(line, at, seen),
            // A caption naming something said before (a few words, no
            // sentence) is no echo.
            None => {
                (para.chars().count() > 2 * REPEAT_HEAD || says_a_sentence(para))
                    && seen.repeats_at(at)
            }
        })
}

/// Does `para` end a sentence somewhere (`。`, or `.` before a space or at
/// its end), not only name something?
fn says_a_sentence(para: &str) -> bool {
    para.contains(['。', '！', '？'])
        || para.trim_end().ends_with(['.', '!', '?'])
        || [". ", "! ", "? "].iter().any(|p| para.contains(p))
}

/// Was the link or image line `line` (at byte `start`) said whole before?
/// Its opening repeating is no evidence: a template's lines all open alike
/// (and a line cut open starts like every one of them). Past the bound on
/// whole-line searches, no.
fn repeats_link_line(line: &str, start: usize, seen: &mut Seen<'_>) -> bool {
    // The cheap check first: most link lines open like no earlier one.
    !open_brackets(line)
        && seen.repeats_at(start)
        && seen
            .repeats_whole_bounded(start, start + line.len())
            .unwrap_or(false)
}

/// Does the paragraph at byte `start`, `para`, open as an echo does: with
/// earlier text, or (when `later`) with it from its second or third sentence
/// (the ones before lightly edited)? Not `later` right after the lead's
/// title line: the lead's second sentence names the title's subject again
/// (`Reflection AIが…`).
///
/// A link or image line is built from a template (`[Amazonで詳しく見る
/// →](…/4798181986/…)` under each book of a list): its opening keys, and
/// the URL after a `?`, repeat the lines before it. It echoes only when
/// the whole line was said before, or when `prev` was cut inside a link
/// (the answer says the cut one again).
fn echo_opens(prev: &str, para: &str, start: usize, later: bool, seen: &mut Seen<'_>) -> bool {
    // A fence line alone has no keys: the ones after it are the next
    // paragraph's, which must open the echo by itself (a block closed
    // after a blank line, then new text naming the section's heading, is
    // the draft's; an echo from a block's closing fence says the next
    // paragraph again).
    if bare_fence(para) {
        let text = seen.text;
        let after = start + para.len();
        let next = after + (text[after..].len() - text[after..].trim_start().len());
        return next < text.len() && seen.repeats_at(next);
    }
    if let Some(line) = link_line(para)
        && !open_brackets(prev.lines().last().unwrap_or(""))
    {
        return repeats_link_line(line, start, seen);
    }
    seen.repeats_at(start)
        || later
            && later_sentences(para)
                .into_iter()
                .flatten()
                .any(|at| seen.repeats_at(start + at))
}

/// Is `para` a fence line alone, with no info string?
fn bare_fence(para: &str) -> bool {
    matches!(para.trim(), "```" | "~~~")
}

/// The first line of `para` when it is a link or image line, maybe as a
/// list item (`[text](url)`, `- [text](url)`, `![](src)`).
fn link_line(para: &str) -> Option<&str> {
    let line = para.lines().next()?.trim_end();
    let text = line
        .strip_prefix(['-', '*', '+'])
        .filter(|r| r.starts_with(' '))
        .map_or(line, str::trim_start);
    (text.starts_with('[') || text.starts_with("![")).then_some(line)
}

/// Is the first line of `para` one link or image and nothing else (a
/// book's `[Amazonで見る](…)` line)? A cut sentence does not go on as one.
fn whole_link_line(para: &str) -> bool {
    link_line(para).is_some_and(|l| l.contains("](") && l.ends_with(')'))
}

/// Does a paragraph end with a heading line?
fn ends_heading(para: &str) -> bool {
    is_heading(para.lines().last().unwrap_or("").trim())
}

/// Is `line` (trimmed) an ATX heading (`## Title`)?
pub(crate) fn is_heading(line: &str) -> bool {
    let text = line.trim_start_matches('#');
    (1..=6).contains(&(line.len() - text.len())) && text.starts_with(' ')
}

/// Is the last line of `para` a list item whose items before end with a
/// sentence stop (`…設計します。`)? Then this one, with none, was cut
/// (items that are phrases end with none, the last one too).
fn cut_among_items(para: &str) -> bool {
    let item = |line: &str| item_text(line.trim()).is_some();
    let mut lines = para.lines().rev();
    lines.next().is_some_and(item)
        && lines.next().is_some_and(|l| {
            item(l)
                && l.trim_end()
                    .ends_with(|c: char| crate::align::is_terminal(c))
        })
}

/// The text of a list item line (trimmed) after its mark (`* `, `- `,
/// `+ `, `1. `, `3) `, `6、`), if it is one.
pub(crate) fn item_text(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest
            .starts_with(char::is_whitespace)
            .then(|| rest.trim_start());
    }
    ordered_item(line).then(|| {
        let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
        let mark = rest.chars().next().map_or(0, char::len_utf8);
        rest[mark..].trim_start()
    })
}

/// Does `next` (at byte `at`) open with a heading said before, whole (an
/// echo that starts at a section: `### 具体的な対策…` after a list item cut
/// off, `* **人的監視体制の構築**: AI`)?
fn echoed_heading(text: &str, at: usize, next: &str) -> bool {
    let first = next.lines().next().unwrap_or("").trim();
    is_heading(first) && first.chars().count() >= 6 && heading_said_before(text, at, first)
}

/// Is the heading line that ends `para` (at byte `at`) in the 20,000 bytes
/// before it? Then it is itself part of an echo, which began earlier.
fn heading_said_before(text: &str, at: usize, para: &str) -> bool {
    let line = para.lines().last().unwrap_or("").trim();
    memchr::memmem::find(heading_window(text, at), line.as_bytes()).is_some()
}

/// The 20,000 bytes of `text` before byte `at` where a heading is looked
/// for as said before.
fn heading_window(text: &str, at: usize) -> &[u8] {
    let mut from = at.saturating_sub(20_000);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text.as_bytes()[from..at]
}

/// Does `para` (at byte `start` of `text`) open with a heading line that
/// the text before said only at another level (`#### Synopsis` after `###
/// Synopsis`)? Looked for in the 20,000 bytes before, as whole lines.
fn heading_at_other_level(text: &str, start: usize, para: &str) -> bool {
    let line = para.lines().next().unwrap_or("").trim();
    if !is_heading(line) {
        return false;
    }
    if heading_said_before(text, start, line) {
        return false;
    }
    let title = line.trim_start_matches('#');
    let before = heading_window(text, start);
    // The title after other marks, as a whole line.
    memchr::memmem::find_iter(before, title.as_bytes()).any(|at| {
        let line_start = before[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let end = at + title.len();
        let marks = &before[line_start..at];
        marks.iter().all(|&b| b == b'#' || b == b' ')
            && (1..=6).contains(&marks.iter().filter(|&&b| b == b'#').count())
            && before.get(end).is_none_or(|&b| b == b'\n' || b == b'\r')
    })
}

/// Is the heading line that ends `para` said again in the 4,000 bytes from
/// byte `at`: its text anywhere (an echo of the paragraphs before it
/// reaching it again, maybe collapsed), or a heading line cut inside it
/// (`## 中盤の`)? Sections that open alike (`Voici quelques manières…`
/// under two headings) do not say their heading twice.
fn heading_said_after(text: &str, at: usize, para: &str) -> bool {
    let line = para.lines().last().unwrap_or("").trim();
    let title = line.trim_start_matches('#').trim();
    let marks = &line[..line.len() - line.trim_start_matches('#').len()];
    let mut to = (at + 4_000).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let window = &text[at..to];
    memchr::memmem::find(window.as_bytes(), title.as_bytes()).is_some()
        || window.lines().any(|l| {
            l.strip_prefix(marks)
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|cut| cut.chars().count() >= 2 && title.starts_with(cut.trim_end()))
        })
}

/// Does one of the first three sentences of `para` (at byte `start`) occur
/// whole in the text shortly before byte `before` (a heading's paragraph):
/// a draft cut right after a heading, then an answer echoing the
/// paragraphs before it?
fn echoes_before(para: &str, start: usize, before: usize, seen: &mut Seen<'_>) -> bool {
    let line = para.lines().next().unwrap_or("");
    let [second, third] = later_sentences(para);
    let bounds: Vec<usize> = [Some(0), second, third, Some(line.len())]
        .into_iter()
        .flatten()
        .collect();
    bounds
        .windows(2)
        .any(|w| seen.occurs_before(start + w[0], start + w[1], before))
}

/// Offsets of the second and third sentences of a paragraph's first line,
/// when the sentences before them are short enough to be a lightly edited
/// echo's opening (the third: when the second is edited too).
fn later_sentences(para: &str) -> [Option<usize>; 2] {
    let line = para.lines().next().unwrap_or("");
    let next_start = |from: usize| -> Option<usize> {
        let window = head(&line[from..], 240);
        let end = window
            .find(['。', '！', '？'])
            .map(|i| i + '。'.len_utf8())
            .or_else(|| window.find(". ").map(|i| i + 2))?;
        let rest = &line[from + end..];
        let at = from + end + rest.len() - rest.trim_start().len();
        (at < line.len()).then_some(at)
    };
    let second = next_start(0);
    [second, second.and_then(next_start)]
}

/// Is a one-line paragraph the end of the article's title line (a restart
/// that lost the title's first words: `ての記事` of `# 下書きについての記事`)?
fn ends_title(first: &str, para: &str) -> bool {
    let title = first.lines().next().unwrap_or("").trim();
    let para = para.trim();
    title.starts_with('#')
        && !para.contains('\n')
        && para.chars().count() >= if spaced(para) { 4 } else { 2 }
        && title.trim_start_matches('#').trim_start().ends_with(para)
}

/// Is a paragraph the article's first paragraph again when that is a title
/// line with no heading mark (one line, no sentence end)? The paragraph
/// after it must say known text again too: a restart.
fn repeats_plain_title(first: &str, para: &str) -> bool {
    let (first, para) = (first.trim(), para.trim());
    !first.contains('\n')
        && first.chars().count() >= 8
        && !first.ends_with(['。', '.', '!', '?', '！', '？', ':', '：'])
        && para == first
}

/// Does a paragraph open with the article's title heading (the first line of
/// its first paragraph), as a restart does even when it skips the lead or
/// is collapsed into one line?
fn repeats_title(first: &str, next: &str) -> bool {
    let title = first.lines().next().unwrap_or("").trim();
    // A collapsed restart has the title and the text after it on one line.
    title.starts_with('#')
        && next.lines().next().is_some_and(|l| {
            let l = l.trim();
            l.strip_prefix(title)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        })
}

/// Does `next` open with the article's whole lead paragraph `first` (40
/// chars at least), collapsed or not? A restart with no title line to say
/// (a post whose title is in its front matter).
fn repeats_lead(first: &str, next: &str) -> bool {
    let mut said = next.split_whitespace();
    first.chars().filter(|c| !c.is_whitespace()).count() >= 40
        && first.split_whitespace().all(|w| said.next() == Some(w))
}

/// Does a paragraph open a Markdown block (list item, heading, quote, table,
/// HTML, image, code)?
fn opens_block(para: &str) -> bool {
    let t = para.trim_start();
    ordered_item(t)
        || matches!(
            t.chars().next(),
            Some('#' | '-' | '*' | '+' | '>' | '|' | '<' | '!' | '`')
        )
}

/// A list item cut mid-text whose rest opens the next paragraph, which then
/// goes on with the following items: `1. …共` / `有する\n2. …`.
fn splits_list_item(prev: &str, next: &str) -> bool {
    let item = |l: &str| {
        let t = l.trim_start();
        t.starts_with("- ")
            || t.starts_with("* ")
            || t.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let last = prev.lines().last().unwrap_or("");
    let mut lines = next.lines();
    let first = lines.next().unwrap_or("");
    let cut = last
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() && !c.is_ascii_digit());
    item(last) && cut && !item(first) && lines.next().is_some_and(item)
}

/// A table row cut mid-row whose other cells open the next paragraph: the
/// row's last line and the next paragraph's first line have as many cell
/// bars together as the table's delimiter row (`---|---|---`), the row
/// alone fewer (`[ `xsltproc` ](…) |  [V:16](…) |` + `xslt  |  XSLT-…`).
fn splits_table_row(prev: &str, next: &str) -> bool {
    let delimiter = |line: &str| {
        line.contains('|')
            && line.contains('-')
            && line.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '))
    };
    let Some(header) = prev.lines().find(|l| delimiter(l)) else {
        return false;
    };
    let row = prev.lines().last().unwrap_or("").trim_end();
    let first = next.lines().next().unwrap_or("");
    // The answer may say the row's last cell again (`packages=krdc) |` +
    // `packages=krdc) |  [3882](…)`): its bars count once.
    let said = row
        .char_indices()
        .rev()
        .take(80)
        .map(|(at, _)| &row[at..])
        .filter(|tail| tail.len() >= 8 && first.starts_with(tail))
        .last()
        .unwrap_or("");
    let (cells, had, rest) = (bars(header), bars(row), bars(first) - bars(said));
    // Or the whole row said again, its last cell going on (`` `u` |
    // confia`` + `` `u` |  confianza básica``).
    let again = said == row && first.len() > row.len() && bars(first) == cells;
    // Or the row cut inside its last cell (`red bas`), the answer going on
    // with the cell's words and then the table's next rows (`ado en la
    // dirección MAC` over `` `mii-tool`(8) | … ``).
    let last_cell = had == cells
        && bars(first) == 0
        && row.ends_with(char::is_alphanumeric)
        && first.starts_with(char::is_alphanumeric)
        && next
            .lines()
            .nth(1)
            .is_some_and(|l| bars(l) == cells && !delimiter(l));
    // A line of bars and spaces alone may be the row's last empty cell.
    !delimiter(row)
        && had > 0
        && (again
            || last_cell
            || had < cells
                && rest > 0
                && had + rest == cells
                && first.contains(|c: char| c != '|' && !c.is_whitespace()))
}

/// Does the paragraph at byte `start` open with one space (the answer
/// went on after a whole cut word: `Sentence` + ` 7 window`)?
fn opens_with_one_space(text: &str, start: usize) -> bool {
    text.as_bytes()[..start].ends_with(b"\n ")
}

/// Does the paragraph at byte `start`, `next`, open with one space and no
/// list item: the answer going on after the cut's space? A list indented
/// by one space (` - No dependencies`) is none.
fn goes_on_after_space(text: &str, start: usize, next: &str) -> bool {
    opens_with_one_space(text, start) && item_text(next.lines().next().unwrap_or("")).is_none()
}

/// A prose line cut inside a number whose digits go on in the next
/// paragraph (`Sentence 1` + `0 seven`, `GPUが2` + `025年`).
fn splits_number(prev: &str, next: &str) -> bool {
    prev.trim_end().ends_with(|c: char| c.is_ascii_digit())
        && next.starts_with(|c: char| c.is_ascii_digit())
}

/// A paragraph that cannot start a sentence: a particle, closing
/// punctuation, a lower-case letter (of any alphabet: `ет, который…`).
fn starts_mid_sentence(para: &str) -> bool {
    para.starts_with(char::is_lowercase)
        || matches!(
            para.chars().next(),
            Some(
                'を' | 'に'
                    | 'が'
                    | 'は'
                    | 'の'
                    | 'へ'
                    | 'で'
                    | 'と'
                    | 'や'
                    | 'も'
                    | 'て'
                    | 'た'
                    | 'っ'
                    | 'ん'
                    | 'ー'
                    | '、'
                    | '。'
                    | '」'
                    | '』'
                    | '）'
                    | ')'
                    | '，'
                    | ','
                    | '.'
            )
        )
}

/// Answers "does the text at this offset repeat earlier text?" for
/// increasing offsets in linear time: the key grams of the text before
/// the offset are hashed as the offset advances.
struct Seen<'t> {
    text: &'t str,
    /// Keys of `text`, computed on first use (most fragments are decided
    /// before any repeat is looked for).
    keys: Option<Keys>,
    /// Each gram seen, with the key where it first starts.
    grams: HashMap<u64, u32, FxBuild>,
    /// Keys `..done` have their grams in `grams` (grams ending before it).
    done: usize,
    /// Calls of [`Seen::repeats_whole_bounded`] so far.
    whole_checks: usize,
}

/// Whole-line searches a fragment may run for link lines: each is linear
/// in the text before the line.
const WHOLE_CHECKS: usize = 256;

/// Keys compared when a paragraph may repeat earlier text.
const REPEAT_HEAD: usize = 12;

/// Keys between an echo's earlier copy and the cut that
/// [`Seen::echo_reaches`] walks; past that, the echo is taken as it is.
const ECHO_WALK: usize = 4096;

/// Are two lines one said again with a slip or two (their letters and
/// digits 80% alike, four at least)?
fn alike_lines(a: &str, b: &str) -> bool {
    let key = |l: &str| -> Vec<char> {
        l.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (key(a), key(b));
    a.len() >= 4 && b.len() >= 4 && crate::align::similarity(&a, &b) >= 0.8
}

/// Keys an answer says again up to the cut, at least, for
/// [`Seen::restates_to_cut`].
const RESTATE_MIN: usize = 200;

/// Slips an answer restating the draft may have on its way to the cut
/// ([`Seen::restates_to_cut`]), and one more every 256 keys: the light
/// edits of a re-emission (a swap, a sentence left out), not a template's
/// other words every line.
const RESTATE_SLIPS: usize = 2;

/// Paragraphs [`Seen::restates_to_cut`] may be asked about in one text.
const RESTATE_CHECKS: usize = 64;

/// Slips and left-out sentences an echo may have on its way to the cut,
/// and one more every 64 keys.
const ECHO_SLIPS: usize = 8;

/// Keys ahead of a slip where the echo's next gram is looked for (a
/// sentence left out).
const ECHO_SKIP: usize = 400;

/// Keys before a heading where an answer after it may find the text it
/// echoes (the paragraphs the draft ended with).
const ECHO_REACH: usize = 400;

impl<'t> Seen<'t> {
    fn new(text: &'t str) -> Self {
        Seen {
            text,
            keys: None,
            grams: HashMap::default(),
            done: 0,
            whole_checks: 0,
        }
    }

    fn keys(&mut self) -> &Keys {
        let text = self.text;
        self.keys.get_or_insert_with(|| keys(text, 0, text.len()))
    }

    /// Do the first keys at byte `offset` (a seam repeat, a restart) occur
    /// before it? Offsets must not decrease between calls.
    fn repeats_at(&mut self, offset: usize) -> bool {
        self.keys();
        let Some(k) = &self.keys else {
            return false;
        };
        let at = k.pos.partition_point(|&p| p < offset);
        while self.done < at {
            self.done += 1;
            if self.done >= REPEAT_HEAD {
                let from = self.done - REPEAT_HEAD;
                self.grams
                    .entry(gram_hash(&k.chars[from..self.done]))
                    .or_insert(from as u32);
            }
        }
        if at + REPEAT_HEAD > k.len() {
            return false;
        }
        let head = &k.chars[at..at + REPEAT_HEAD];
        let Some(x) = self.seen_before(head, at) else {
            return false;
        };
        // Twelve letters are two words of a Latin script, which a text
        // says again as it goes (`Verwendung von`): there the repeat must
        // go on, past an edit (`wihle` for `while`), into the next twelve
        // where its paragraph has them (the next paragraph may be a repeat
        // of its own).
        if !head.iter().all(|&c| is_spaced_script(c)) {
            return true;
        }
        // The text just before said again (the cut's tail, maybe with one
        // edit: `while` as `wihle`): an echo.
        if at - x <= 5 * REPEAT_HEAD
            && at + (at - x) <= k.len()
            && (0..at - x)
                .filter(|&i| k.chars[x + i] != k.chars[at + i])
                .count()
                <= 2
        {
            return true;
        }
        // Only the keys a check reads: the search stays bounded.
        let text = self.text;
        let reach = k.pos.get(at + 8 * REPEAT_HEAD).map_or(text.len(), |&p| p);
        let para_end = memchr::memmem::find(&text.as_bytes()[offset..reach], b"\n\n")
            .map_or(reach, |e| offset + e);
        let keys_end = k.pos.partition_point(|&p| p < para_end);
        // Else the repeat must reach the first sentence's end (or 96
        // keys), but for one edit: a phrase said again (`la distribución
        // objetivo del repositorio`) goes on with other words, and so may
        // a long opening (`Pour tester le service [POP3](…)` + `, ayant
        // [TLS](…)`).
        let sentence_end = (at + REPEAT_HEAD..keys_end)
            .find(|&i| {
                matches!(k.chars[i - 1], '.' | '!' | '?' | ':' | ';') && k.end(i - 1) < k.pos[i]
            })
            .unwrap_or(keys_end);
        let target = sentence_end.min(at + 8 * REPEAT_HEAD);
        let seen = |from: usize| {
            self.seen_before(&k.chars[from..from + REPEAT_HEAD], at)
                .is_some()
        };
        if target < at + 3 * REPEAT_HEAD {
            // A short one (a heading, an item) must repeat on into the next
            // twelve keys, or to its paragraph's end.
            let last = (at + 2 * REPEAT_HEAD).min(keys_end.max(at + REPEAT_HEAD) - REPEAT_HEAD);
            return (last.min(at + REPEAT_HEAD)..=last).any(seen);
        }
        // One edit leaves one run of unseen grams: twelve, and a few more
        // for a swap (`teh` for `the`); not a word for another.
        let unseen: Vec<usize> = (at..=target - REPEAT_HEAD).filter(|&f| !seen(f)).collect();
        unseen.len() <= REPEAT_HEAD + 2 && unseen.windows(2).all(|w| w[1] == w[0] + 1)
    }

    /// Does the paragraph at byte `offset` say earlier text again whole
    /// (its first 96 keys, in one piece)? A section that opens like
    /// another (`#### Synopsis` + ```` ```bash npm stage list ```` under a
    /// manual's every subcommand) has every word said before, but not in
    /// that order. A bounded number of calls, each linear.
    fn repeats_through(&mut self, offset: usize) -> bool {
        if !self.repeats_at(offset) {
            return false;
        }
        let text = self.text;
        let reach = {
            let k = self.keys();
            let at = k.pos.partition_point(|&p| p < offset);
            k.pos.get(at + 8 * REPEAT_HEAD).map_or(text.len(), |&p| p)
        };
        let para_end = memchr::memmem::find(&text.as_bytes()[offset..reach], b"\n\n")
            .map_or(reach, |e| offset + e);
        self.repeats_whole_bounded(offset, para_end).unwrap_or(true)
    }

    /// Does the echo at byte `offset` (said before: [`Seen::repeats_at`])
    /// go on saying the text after its earlier copy up to byte `cut`, the
    /// draft's end, past a few slips or left-out sentences (or up to the
    /// text's end: the answer stopped while still echoing)? An echo
    /// re-emits the draft up to its cut; code saying its lines again
    /// (output under each run of a benchmark) goes elsewhere. Bounded:
    /// an earlier copy more than [`ECHO_WALK`] keys before the cut is
    /// taken as it is, and a few resyncs ([`ECHO_SLIPS`]), each over a
    /// short window.
    fn echo_reaches(&mut self, offset: usize, cut: usize) -> bool {
        self.walk_to_cut(offset, cut, false)
    }

    /// Does the paragraph at byte `offset` say again all the text from an
    /// earlier copy [`RESTATE_MIN`] to [`ECHO_WALK`] keys before byte
    /// `cut`, and before the paragraph that ends there, up to the cut,
    /// past a few slips? No paragraph of the author's does (one may say
    /// the paragraph before it again: a manual's item written twice): an
    /// answer re-emitting the draft up to where it stopped does,
    /// however finished the draft's last line looked (a table row, `…標記
    /// 檔案`, then `…指令那個來瀏覽 Debain 系統。…` from the lead on).
    fn restates_to_cut(&mut self, offset: usize, cut: usize) -> bool {
        self.walk_to_cut(offset, cut, true)
    }

    /// The line before the one where the text at byte `offset` (said
    /// before: [`Seen::repeats_at`]) was first said, blank lines skipped.
    fn line_before_source(&mut self, offset: usize) -> Option<&'t str> {
        if !self.repeats_at(offset) {
            return None;
        }
        let text = self.text;
        let k = self.keys.as_ref()?;
        let at = k.pos.partition_point(|&p| p < offset);
        let x = self.seen_before(&k.chars[at..at + REPEAT_HEAD], at)?;
        let line_start = text[..k.pos[x]].rfind('\n').map_or(0, |n| n + 1);
        text[..line_start]
            .trim_end()
            .rsplit('\n')
            .next()
            .map(str::trim)
            .filter(|l| !l.is_empty())
    }

    /// [`Seen::echo_reaches`], or with `bounded` [`Seen::restates_to_cut`].
    fn walk_to_cut(&mut self, offset: usize, cut: usize, bounded: bool) -> bool {
        if !self.repeats_at(offset) {
            return false;
        }
        let Some(k) = &self.keys else {
            return false;
        };
        let at = k.pos.partition_point(|&p| p < offset);
        let c = k.pos.partition_point(|&p| p < cut);
        let Some(x) = self.seen_before(&k.chars[at..at + REPEAT_HEAD], at) else {
            return false;
        };
        if x >= c || c - x > ECHO_WALK {
            return !bounded;
        }
        // Bounded: from before the paragraph the cut ends (an author may
        // say a paragraph twice, a list item of a manual two times over).
        if bounded
            && (c - x < RESTATE_MIN
                || self.text[..cut]
                    .rfind("\n\n")
                    .is_some_and(|p| k.pos[x] >= p))
        {
            return false;
        }
        // Restating, the answer leaves out a sentence or two, not the
        // text between an example and its twin (`require` and `import`
        // lines alike, the prose between them left out).
        let restated = |b: usize, skipped: usize| b - x >= RESTATE_MIN && skipped * 4 <= b - x;
        let (mut a, mut b, mut slips, mut skipped) = (at, x, 0, 0);
        while b < c {
            if a >= k.len() {
                // The answer ended still saying the draft again.
                return !bounded || restated(b, skipped);
            }
            if k.chars[a] == k.chars[b] {
                a += 1;
                b += 1;
                continue;
            }
            // A slip (two chars swapped) or a sentence left out: the
            // input's next gram, found a little further on.
            slips += 1;
            let allowed = if bounded {
                RESTATE_SLIPS + (b - x) / 256
            } else {
                ECHO_SLIPS + (b - x) / 64
            };
            if slips > allowed {
                return false;
            }
            if a + 2 + REPEAT_HEAD > k.len() {
                return !bounded || restated(b, skipped);
            }
            let gram = &k.chars[a + 2..a + 2 + REPEAT_HEAD];
            let window = &k.chars[b..(b + ECHO_SKIP).min(at)];
            match window.windows(REPEAT_HEAD).position(|w| w == gram) {
                Some(q) => {
                    a += 2;
                    b += q;
                    skipped += q.saturating_sub(2);
                }
                None => return false,
            }
        }
        !bounded || restated(b, skipped)
    }

    /// Where `gram` first starts, when it ends before key `at`. A look
    /// ahead (the paragraph after next) indexes past `at`: grams from there
    /// on are not earlier text.
    fn seen_before(&self, gram: &[char], at: usize) -> Option<usize> {
        self.grams
            .get(&gram_hash(gram))
            .map(|&x| x as usize)
            .filter(|&x| x + REPEAT_HEAD <= at)
    }

    /// Does the paragraph at byte `offset` repeat earlier text from inside
    /// a word (`PU、メモリ…` of `GPU、メモリ…`): an echo that began at any
    /// char, not a paragraph of its own? ASCII letters and digits on both
    /// sides of where it starts.
    fn repeats_mid_word(&mut self, offset: usize) -> bool {
        if !self.repeats_at(offset) {
            return false;
        }
        let Some(k) = &self.keys else {
            return false;
        };
        let at = k.pos.partition_point(|&p| p < offset);
        let Some(x) = self.seen_before(&k.chars[at..at + REPEAT_HEAD], at) else {
            return false;
        };
        // The earlier copy's char before must be in the same word: no gap
        // between the two keys in the text.
        x > 0
            && is_word_char(k.chars[x - 1])
            && is_word_char(k.chars[x])
            && k.end(x - 1) == k.pos[x]
    }

    /// Does the paragraph at byte `offset` say earlier text again from
    /// the middle of a sentence: its earlier copy follows a word of the
    /// same sentence (a space, no stop or line break, between)? Korean,
    /// with no case, shows a sentence's middle no other way (`수 있게
    /// 되었습니다.` of `…제공할 수 있게 되었습니다.`).
    fn repeats_mid_sentence(&mut self, offset: usize) -> bool {
        if !self.repeats_at(offset) {
            return false;
        }
        let text = self.text;
        let Some(k) = &self.keys else {
            return false;
        };
        let at = k.pos.partition_point(|&p| p < offset);
        let Some(x) = self.seen_before(&k.chars[at..at + REPEAT_HEAD], at) else {
            return false;
        };
        x > 0 && {
            let gap = &text[k.end(x - 1)..k.pos[x]];
            gap == " " && (is_word_char(k.chars[x - 1]) || is_hangul(k.chars[x - 1]))
        }
    }

    /// The first key at or after byte `offset`.
    fn key_at(&mut self, offset: usize) -> usize {
        self.keys().pos.partition_point(|&p| p < offset)
    }

    /// Do the keys of bytes `from..to` (a sentence, at least 6 keys, 24 of
    /// a spaced script: `Eine Einführ`, a cut paragraph opening as an
    /// earlier one, is no echo) occur whole in the [`ECHO_REACH`] keys
    /// before byte `before`?
    fn occurs_before(&mut self, from: usize, to: usize, before: usize) -> bool {
        let (a, b) = (self.key_at(from), self.key_at(to));
        let end = self.key_at(before);
        let k = self.keys();
        let head = &k.chars[a..b];
        let min = if head.iter().all(|&c| is_spaced_script(c)) {
            24
        } else {
            6
        };
        head.len() >= min
            && k.chars[end.saturating_sub(ECHO_REACH)..end]
                .windows(head.len())
                .any(|w| w == head)
    }

    /// [`Seen::repeats_whole`] for a check that may run on every
    /// paragraph: `None` once [`WHOLE_CHECKS`] were made.
    fn repeats_whole_bounded(&mut self, from: usize, to: usize) -> Option<bool> {
        if self.whole_checks >= WHOLE_CHECKS {
            return None;
        }
        self.whole_checks += 1;
        Some(self.repeats_whole(from, to))
    }

    /// Do the keys of bytes `from..to` (a line or two) occur whole before
    /// `from`? A bounded number of calls, each linear.
    fn repeats_whole(&mut self, from: usize, to: usize) -> bool {
        let (a, b) = (self.key_at(from), self.key_at(to));
        let k = self.keys();
        let head = &k.chars[a..b];
        head.len() >= 8 && k.chars[..a].windows(head.len()).any(|w| w == head)
    }
}

/// Does a paragraph stop mid-word or mid-sentence, whatever its line is
/// (a list item or heading too)?
fn ends_open(para: &str) -> bool {
    let last = para.trim_end().chars().last();
    last.is_some_and(|c| {
        c.is_alphanumeric() && !c.is_ascii_digit() || is_cjk_mid(c) || c == '\u{FFFD}'
    })
}

/// The cell bars of a table line: its `|`s but for escaped ones (`\\|`).
fn bars(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count()
}

/// Does `para` end with a table's delimiter row cut short, under its
/// header: fewer cells than the header has, or a last cell of fewer dashes
/// than the others (`---|---|---|--`)? No author writes one like that.
fn cut_delimiter_row(para: &str) -> bool {
    let mut lines = para.lines().rev();
    let (Some(last), Some(header)) = (lines.next(), lines.next()) else {
        return false;
    };
    let last = last.trim();
    if !crate::merge::delimiter_row(last) || !header.contains('|') {
        return false;
    }
    let cells: Vec<&str> = last.trim_matches('|').split('|').map(str::trim).collect();
    // The header's cells: its bars outside code spans (`` `a | b` ``).
    let header = header.trim().trim_matches('|');
    let header_cells = 1 + header.split('`').step_by(2).map(bars).sum::<usize>();
    let dashes = |c: &str| c.bytes().filter(|&b| b == b'-').count();
    let shortest_before = cells[..cells.len() - 1].iter().map(|c| dashes(c)).min();
    cells.len() < header_cells
        || shortest_before.is_some_and(|m| dashes(cells[cells.len() - 1]) < m)
            && !last.ends_with('|')
}

/// Does `para` end with a table row cut short: fewer bars than the row
/// above it, which opens and closes with one, and no closing bar (`|
/// `--json` | false | Boolean | Whether or not to o`)?
fn cut_table_row(para: &str) -> bool {
    let mut lines = para.lines().rev();
    let (Some(last), Some(above)) = (lines.next(), lines.next()) else {
        return false;
    };
    let (last, above) = (last.trim(), above.trim());
    last.starts_with('|')
        && !last.ends_with('|')
        && above.len() > 1
        && above.starts_with('|')
        && above.ends_with('|')
        && bars(last) < bars(above)
}

/// How a paragraph's last line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    /// As a sentence, a block or a short line may.
    No,
    /// Mid-word, but on a line too short to tell a cut from a label.
    Short,
    /// Mid-sentence: a prose line cut off.
    Yes,
}

/// Does a paragraph's last line stop where no sentence ends (a letter, a
/// CJK mid-sentence mark, an open bracket or tag, a broken char)? On a
/// block line (a heading, a list item, a table row, a link) a stop there
/// is no evidence.
fn cut_at_end(para: &str) -> Cut {
    let last_line = para.lines().last().unwrap_or("");
    if open_brackets(last_line) || open_code_span(para) {
        return Cut::Yes; // a link, parenthesis, tag or code span cut open
    }
    if cut_table_row(para) || cut_delimiter_row(para) {
        return Cut::Yes;
    }
    let line = last_line.trim_start();
    let mut chars = line.chars();
    let is_block = match (chars.next(), chars.next()) {
        // A list mark is followed by a space: `--- layout: post …` is a
        // collapsed article that opens with its front matter fence.
        // So is a star's: `**dupload** checks …` is prose in bold.
        (Some('-' | '+' | '*'), second) => second.is_none_or(char::is_whitespace),
        // So is a number's (`10. `, `3) `): a wrapped line may start with
        // a number (`[macOS` + `10.1`, cut).
        (Some('0'..='9'), _) => ordered_item(line),
        // A code span opening a line of prose (`` `dpkg`(1) è lo … ``)
        // is no fence.
        (Some('`'), _) => line.starts_with("```"),
        (first, _) => matches!(first, Some('#' | '*' | '>' | '|' | '<' | '[' | '!')),
    } || {
        // A row of a table written without outer bars (`Apple Macintosh
        // | CR | … | 0D` under a delimiter row).
        last_line.contains('|') && para.lines().any(crate::merge::delimiter_row)
    };
    match last_line.trim_end().chars().last() {
        Some('\u{FFFD}') => Cut::Yes,
        // A number may end a complete line (`reading_time: 8`); in prose
        // it needs evidence in the next paragraph, as a short line does.
        Some(c) if c.is_ascii_digit() => {
            if is_block {
                Cut::No
            } else {
                Cut::Short
            }
        }
        Some(c) if c.is_alphanumeric() || is_cjk_mid(c) => {
            if is_block {
                Cut::No
            } else if last_line.chars().count() < 12 {
                Cut::Short
            } else {
                Cut::Yes
            }
        }
        _ => Cut::No,
    }
}

/// Does `line` open with an item's number (`10. `, `3)`, `6、`; at most
/// three digits: `2025. ` is a year)?
fn ordered_item(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    (1..=3).contains(&(line.len() - rest.len()))
        && (rest.starts_with(['、', '）', '．'])
            || rest
                .strip_prefix(['.', ')'])
                .is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace)))
}

/// Does the prose paragraph `para` leave a code span open at its end (an
/// odd count of backticks, a few chars after the last: `…, never \``)? A
/// span may wrap to the next line, never to the next paragraph. An echo
/// that opened inside a span (`changes\` để …`) closes one first: what
/// follows its last backtick is prose. Fenced and indented code is not
/// prose.
pub(crate) fn open_code_span(para: &str) -> bool {
    let Some(last) = para.rfind('`') else {
        return false;
    };
    let after = para[last + 1..].trim_end();
    after.chars().count() <= 40
        && !after.ends_with(|c: char| crate::align::is_terminal(c))
        && !para
            .lines()
            .any(|l| l.trim_start().starts_with("```") || indented(l))
        && memchr::memchr_iter(b'`', para.as_bytes()).count() % 2 == 1
}

/// Does `line` leave a bracket, parenthesis or tag open (a link cut)? A
/// line of code opening a block (`server.listen(1337, () => {`) leaves its
/// call's parenthesis open as code does: no cut.
fn open_brackets(line: &str) -> bool {
    if line.trim_end().ends_with('{') {
        return false;
    }
    // One pass over the bytes (the brackets are ASCII): opened minus closed.
    let mut depth = [0i32; 3];
    for b in line.bytes() {
        match b {
            b'(' => depth[0] += 1,
            b')' => depth[0] -= 1,
            b'[' => depth[1] += 1,
            b']' => depth[1] -= 1,
            b'<' => depth[2] += 1,
            b'>' => depth[2] -= 1,
            _ => {}
        }
    }
    depth.iter().any(|&d| d > 0)
}

/// Is the first line of `para` a continuation marker and nothing else
/// (`…`, `...`), with more lines of the paragraph after it?
fn marker_line_then_text(para: &str) -> bool {
    let mut lines = para.lines();
    let first = lines.next().unwrap_or("").trim_end();
    ellipsis_len(first) == Some(first.len()) && lines.next().is_some_and(|l| !l.trim().is_empty())
}

/// Can a paragraph be followed by an ellipsis continuation: anything but a
/// finished sentence or a code fence.
fn open_for_ellipsis(para: &str) -> bool {
    let last_line = para.lines().last().unwrap_or("").trim();
    !last_line.starts_with("```")
        && !last_line.ends_with(['。', '！', '？', '.', '!', '?', ':', '：'])
}

/// CJK chars that cannot end a sentence (everything but closing punctuation).
fn is_cjk_mid(c: char) -> bool {
    matches!(c, '、' | '，' | '「' | '『' | '（' | 'ー')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::split_fragments;

    fn run(text: &str) -> Clean {
        let split = split_fragments(text, "---END---");
        clean(text, &split, &Leaks::new(&[], None).unwrap())
    }

    fn segs(c: &Clean) -> Vec<&str> {
        c.segments
            .iter()
            .map(|s| &c.text[s.range.clone()])
            .collect()
    }

    #[test]
    fn output_said_again_in_a_fence_is_no_echo_unless_it_reaches_the_cut() {
        let run = "assert/deepequal-buffer.js method=\"deepEqual\" strict=0 n=20000: 773,200.49\n\
            assert/deepequal-buffer.js method=\"notDeepEqual\" strict=0 n=20000: 964,411.71\n";
        let text = format!(
            "# Bench\n\nRun the suite:\n\n```console\n$ node benchmark/run.js assert\n{run}```\n\n\
             It is possible to execute more groups by adding extra arguments.\n\n\
             ```console\n$ node benchmark/run.js --filter \"deepequal-b\" assert\n\n{run}```\n\n\
             The filter keeps the benchmarks whose names contain the pattern.\n"
        );
        assert_eq!(seam(&text), None);
        // An echo inside the block that says the draft again up to its
        // cut is the answer.
        let text = "# Bench\n\n```js\nconst first = compute(input);\nconsole.log(first);\n\
            const second = compare(first, input);\nconsole.log(second, fir\n\n\
            console.log(first);\nconst second = compare(first, input);\n\
            console.log(second, first);\n```\n";
        assert_eq!(seam(text), text.find("console.log(first);\nconst second = compare(first, input);\nconsole.log(second, first)"));
    }

    #[test]
    fn a_prompt_or_comment_after_a_blank_line_in_code_is_no_cut() {
        let prev = "```console\n$ node --build-snapshot snapshot.js";
        assert!(!code_cut(prev, "$ echo \"console.log(foo)\" > index.js"));
        assert!(!code_cut(prev, "// Can be used to access globals."));
        assert!(code_cut("(see https", "://doc.rust-lang.org/) for more."));
        assert!(code_cut(prev, "}"));
    }

    #[test]
    fn a_closing_fence_after_a_blank_line_opens_no_echo() {
        let text = "# Options\n\n### `--disable-wasm-trap-handler`\n\nBy default, traps are on.\n\n\
            ```console\n$ node -p \"1\"\n    at eval_string:49:3\n\n```\n\n\
            `--disable-wasm-trap-handler` disables this optimization so that users can run it.\n\n\
            The default value is `os.available\n\n...Parallelism() - 1`.\n";
        assert_eq!(seam(text), text.find("...Parallelism"));
    }

    #[test]
    fn a_row_of_a_table_without_outer_bars_is_a_block_line() {
        let t = "System | EOL | code\n---|---|---\nApple Macintosh  |  CR  |  0D";
        assert_eq!(cut_at_end(t), Cut::No);
        // Prose with a bar, no table: a cut.
        assert_eq!(cut_at_end("Pipe it through `a | b` and then wo"), Cut::Yes);
        // Not after an indented listing: an echo there opens with its
        // first sentence, not with a common second one.
        let t = "Intro para one, long enough to be prose here.\n\n並不需要在這裡設定。當新的包可用時，預設配置提供了更合理的更新。\n\n    deb http://deb.example.org/debian/ main contrib non-free\n\n並不需要在檔案中顯式設定值。當新的包可用時，預設配置提供了更合理的更新。\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn a_list_mark_is_followed_by_a_space() {
        assert_eq!(
            cut_at_end("- an item cut off in the middle of a wo"),
            Cut::No
        );
        assert_eq!(
            cut_at_end("+ an item cut off in the middle of a wo"),
            Cut::No
        );
        assert_eq!(cut_at_end("-"), Cut::No);
        // A collapsed article opening with its front matter fence is prose.
        assert_eq!(
            cut_at_end("--- title: Notes --- # Notes ## Spring The beds were du"),
            Cut::Yes
        );
        // A star too: `* ` marks an item, `**dupload** checks …` is prose.
        assert_eq!(
            cut_at_end("* an item cut off in the middle of a wo"),
            Cut::No
        );
        assert_eq!(
            cut_at_end("**dupload** checks that the sums match, and warns you to rebuild it as"),
            Cut::Yes
        );
    }

    #[test]
    fn a_cut_line_said_again_opens_the_answer() {
        // A list item cut inside a word, said whole.
        assert!(completes_cut_item(
            "* Ada\n* Gleb Ko",
            "* Gleb Kozyrev\n* Hana"
        ));
        assert!(!completes_cut_item("* Ada\n* Gl", "* Gleb Kozyrev"));
        assert!(!completes_cut_item(
            "* Ada\n* environment",
            "* environmental law"
        ));
        assert!(!completes_cut_item("* Ada\n* Gleb Ko", "* Gleb Ko\n* Hana"));
        // A mail address cut, said again from its start.
        assert!(repeats_cut_url(
            "[team]: mailto:co",
            "mailto:community@example.org"
        ));
        assert!(!repeats_cut_url("[team]: mailto:co", "mailto:community"));
        // A definition cut before its URL, said again whole.
        assert!(repeats_cut_url(
            "[`Hash`]:",
            "[`Hash`]: https://doc.rust-lang.org/std/hash/trait.Hash.html"
        ));
        assert!(!repeats_cut_url("[`Hash`]:", "[`Hash`]:"));
        assert!(!repeats_cut_url("Note:", "Note: more"));
        // A wrapped prose line, said again alone.
        assert!(repeats_wrapped_line(
            "They fall into these rough\ngroups:",
            "groups:\n\n* Files"
        ));
        assert!(!repeats_wrapped_line("groups:", "groups:"));
        assert!(!repeats_wrapped_line("* one\n* two", "* two"));
        // Said again and going on, the line cut at a space.
        assert!(repeats_wrapped_line(
            "agreement on reading,\nunderstanding,",
            "understanding, and adhering to the code."
        ));
        assert!(!repeats_wrapped_line(
            "and we said:\nNote,",
            "Note, the end."
        ));
        assert!(!repeats_wrapped_line(
            "agreement on reading,\nunderstanding,",
            "understanding,and more"
        ));
    }

    #[test]
    fn a_token_cut_in_code_and_gone_on_with_after_a_blank_line_is_the_seam() {
        let page = "Make the agent once and pass it:\n\n```js\nconst agent = new https.Agent({ keepAlive: true });\nhttps.get({ hostname: 'example.org', agent });\n```\n\nOr with options:\n\n```js\nconst options = { hostname: 'example.org', port: 443, path: '/' };\noptions.agent = new h";
        let t = format!(
            "{page}\n\nttps.Agent(options);\n\nconst req = https.request(options, (res) => {{}});\n```\n"
        );
        let start = t.find("ttps.Agent(options)").unwrap();
        let prev = &page[page.rfind("\n\n").unwrap() + 2..];
        assert!(token_goes_on(&t, start, prev, "ttps.Agent(options);"));
        assert_eq!(seam(&t), Some(start));
        // Two lines of code: the next one opens its own token (`https.get`
        // opens a line above too).
        let t2 = t.replace("new h\n\nttps.Agent", "new https.Agent\n\nhttps.Agent");
        let start2 = t2.find("\n\nhttps.Agent(options)").unwrap() + 2;
        assert!(!token_goes_on(
            &t2,
            start2,
            "options.agent = new https.Agent",
            "https.Agent(options);"
        ));
        // Upper case opens a line of its own.
        assert!(!token_goes_on(&t, start, "x = new h", "Ttps.Agent"));
    }

    #[test]
    fn a_line_of_code_opening_a_block_is_no_cut() {
        assert_eq!(
            cut_at_end("server.listen(1337, '127.0.0.1', () => {"),
            Cut::No
        );
        assert_eq!(cut_at_end("for (const id in cluster.workers) {"), Cut::No);
        // A link or a call cut open still is.
        assert_eq!(
            cut_at_end("See [Path MTU](https://en.wikipedia.org/wiki/Path"),
            Cut::Yes
        );
        assert_eq!(
            cut_at_end("The value of `options.agent = new Agent(opt"),
            Cut::Yes
        );
        assert!(!code_cut(
            "  server.listen(1337, () => {",
            "// make a request"
        ));
        assert!(code_cut("(see https", "://doc.rust-lang.org"));
    }

    #[test]
    fn a_template_sentence_under_each_heading_is_no_echo_after_a_heading() {
        let entries = "## `__dirname`\n\nThis variable may appear to be global but is not. See [`__dirname`][].\n\n## `__filename`\n\nThis variable may appear to be global but is not. See [`__filename`][].\n\n## `atob(data)`\n\nDecodes a string of Base64-encoded data into bytes, the legacy way.\n\n";
        // The draft is cut, and a restart says it all again.
        let t = format!(
            "# Globals\n\nThese objects are available in all modules.\n\n{entries}## `btoa(data)`\n\nEncodes a string into Base64-enco\n\n# Globals\n\nThese objects are available in all modules.\n\n{entries}"
        );
        let template = t
            .find("This variable may appear to be global but is not. See [`__filename`")
            .unwrap();
        assert_ne!(seam(&t), Some(template));
        assert_eq!(seam(&t), t.rfind("# Globals"));
    }

    #[test]
    fn a_cut_paragraph_opening_as_an_earlier_one_under_a_heading_is_no_echo() {
        let t = "# Werkzeuge\n\n## flex\n\nEine Einführung zu `flex`(1) finden Sie in \"`info flex`\".\n\n## bison\n\nEine Einführ";
        assert_eq!(seam(t), None);
        // Said at length, it is an echo under the heading.
        let echo = "# Werkzeuge\n\n## flex\n\nEine Einführung zu `flex`(1) finden Sie in \"`info flex`\" mit Beispielen.\n\n## bison\n\nEine Einführung zu `flex`(1) finden Sie in \"`info flex`\" mit Beispielen.";
        assert_eq!(seam(echo), echo.rfind("Eine"));
    }

    #[test]
    fn a_heading_said_longer_is_cut_unless_that_line_goes_on_with_sentences() {
        let rest = "Text.\n\n## Do not use the first person\n\nMore.";
        assert!(cut_heading("## Do not use the fi", rest));
        assert!(cut_heading("## Do not use the", rest));
        let restart = "Text.\n\n# Writing installer questions Installer questions are read by people in a hurry. Keep them short.";
        assert!(!cut_heading("# Writing installer questions", restart));
        let ja = "本文。\n\n# 設計の話 設計は大事です。次の段落。";
        assert!(!cut_heading("# 設計の話", ja));
        // A heading with an abbreviation going on is still said whole.
        let eg = "Text.\n\n## Do not use the first person (e.g. in docs)\n\nMore.";
        assert!(cut_heading("## Do not use the fi", eg));
        assert!(ends_a_sentence_inside(
            " Installer questions are read. Keep them"
        ));
        assert!(!ends_a_sentence_inside("rst person (e.g. in docs)"));
        assert!(!ends_a_sentence_inside(" the end."));
    }

    #[test]
    fn a_heading_cut_then_its_words_said_again_is_the_seam() {
        assert!(completes_cut_heading(
            "本文。\n\n#### 4. 最新",
            "最新情報のキャッチアップと専門家との連携"
        ));
        assert!(completes_cut_heading("## Getting sta", "Getting started"));
        // A short heading in a spaced script said again as a longer word.
        assert!(!completes_cut_heading(
            "## License",
            "Licensed under either of"
        ));
        assert!(completes_cut_heading(
            "#### 3.2. モ",
            "モデルの選定：性能とリソースのバランス"
        ));
        // A paragraph opening with the heading's word is text.
        assert!(!completes_cut_heading(
            "## まとめ",
            "まとめると、道具は少なくてよい。"
        ));
        assert!(!completes_cut_heading("## Rust", "Rust is a language"));
        assert!(!completes_cut_heading("Not a heading 最新", "最新情報"));
    }

    #[test]
    fn a_block_line_cut_then_said_again_with_its_mark_is_the_seam() {
        // A bare mark, the draft cut right after it.
        assert!(repeats_cut_block("本文。\n\n*", "*   **記録**: 残す。"));
        assert!(repeats_cut_block("###", "### 私たちが今"));
        assert!(repeats_cut_block("Text.\n-", "- next item"));
        assert!(repeats_cut_block("* **A**\n*   *", "*   **B**: text"));
        // A heading cut inside its words.
        assert!(repeats_cut_block("## 今後の", "## 今後の展望\n\n本文。"));
        assert!(repeats_cut_block("## Getting sta", "## Getting started"));
        // Two headings, the second naming more: the author's.
        assert!(!repeats_cut_block("## Setup", "## Setup on Linux"));
        // A mark with nothing after it, another mark, a rule: no seam.
        assert!(!repeats_cut_block("*", "*"));
        assert!(!repeats_cut_block("##", "### Title"));
        assert!(!repeats_cut_block("---", "--- text"));
        assert!(!repeats_cut_block("Prose 今後の", "Prose 今後の展望"));
        // A bare mark ends a paragraph only where the draft was cut.
        assert!(ends_bare_mark("* `Ada`\n*"));
        assert!(ends_bare_mark("##"));
        assert!(!ends_bare_mark("* `Ada`"));
        assert!(!ends_bare_mark("---"));
        assert!(!ends_bare_mark("#######"));
        // An item's mark and the inline mark its text opens with.
        assert!(ends_bare_mark("* **What?**\n*   *"));
        assert!(ends_bare_mark("- `"));
        // A rule.
        assert!(!ends_bare_mark("* * *"));
    }

    #[test]
    fn a_line_ending_in_a_broken_char_is_cut() {
        let t = "下書きの段落です。最後の文で切れました。\n\n…これは続きです。\n";
        let at = t.find('…').unwrap();
        // The broken char was removed after `。`: the paragraph looks
        // finished, but it was cut.
        assert_eq!(seam_at(t, &[t.find("\n\n").unwrap()], &[]), Some(at));
        assert_eq!(seam_at(t, &[], &[]), None);
        // The cleaner records where it removed one.
        let c = run("前半です。\u{FFFD}\n\n…後半です。\n\n---END---\n");
        assert_eq!(c.broken_ends, vec!["前半です。".len()]);
    }

    #[test]
    fn an_item_cut_among_finished_ones_then_a_section_said_again_is_the_seam() {
        let t = "### 何をすべきか\n\nまず確かめます。\n\n*   **記録**: 記録します。\n*   **確認**: AI\n\n### 何をすべきか\n\nまず確かめます。";
        let at = t.rfind("### ").unwrap();
        assert!(echoed_heading(t, at, &t[at..]));
        assert!(!echoed_heading(t, 0, t));
        assert!(cut_among_items(
            "*   **記録**: 記録します。\n*   **確認**: AI"
        ));
        // Items that are phrases end with no stop, the last one too.
        assert!(!cut_among_items("- 辞書の組み込み\n- 話者の区別"));
        assert!(cut_among_items("* a.\n* b"));
        assert!(!cut_among_items("* a\n* b"));
        assert!(!cut_among_items("Text.\n* b"));
    }

    #[test]
    fn an_item_cut_then_its_text_said_again_without_its_mark_is_the_seam() {
        let item = "- Approach 1:\n  1. Make target-";
        assert!(completes_cut_item_text(
            item,
            "Make target-dir movable (RFC #3371)"
        ));
        assert!(completes_cut_item_text(
            "* 業界用語辞書の組み込",
            "業界用語辞書の組み込みによる向上"
        ));
        // One word, or a paragraph going on after a space: text.
        assert!(!completes_cut_item_text("- Rust", "Rustaceans meet."));
        assert!(!completes_cut_item_text(
            "- Make target",
            "Make target dirs."
        ));
        assert!(!completes_cut_item_text("Make target-", "Make target-dir"));
    }

    #[test]
    fn a_blank_line_in_code_is_a_cut_only_inside_a_token() {
        assert!(!code_cut("} // namespace node", "NODE_BINDING(x)"));
        assert!(!code_cut("let a = 1", "let b = 2"));
        assert!(code_cut("note: see https", "://doc.rust-lang.org/"));
        assert!(code_cut("[オペレー", "ター支援]"));
        assert!(code_cut("call(a, b", "c)"));
    }

    #[test]
    fn a_list_line_said_before_the_cut_item_is_the_authors() {
        let text = "Intro.\n\n* On the JavaScript si\n\n* On the JavaScript side:\n";
        let prev_start = text.find("* On").unwrap();
        let (prev, next) = ("* On the JavaScript si", "* On the JavaScript side:\n");
        // The cut item itself opens like the answer's line: not said before.
        assert!(!line_said_before(text, prev_start, prev, next));
        let listed =
            "- On the JavaScript side:\n\n* On the JavaScript si\n\n* On the JavaScript side:\n";
        let prev_start = listed.find("* On").unwrap();
        assert!(line_said_before(listed, prev_start, prev, next));
    }

    #[test]
    fn a_cut_line_said_again_whole_is_the_seam() {
        assert!(repeats_cut_line(
            "It goes on.\nThe ans",
            "The answer says it."
        ));
        // One letter, the last line of a wrapped paragraph.
        assert!(repeats_cut_line("a file in it.\nT", "This should be set."));
        // One letter as a paragraph of its own, or the next line going on
        // after a space: no.
        assert!(!repeats_cut_line("T", "This should be set."));
        assert!(!repeats_cut_line("a file in it.\nA", "A new line."));
        assert!(!repeats_cut_line("a file in it.\n1", "10 more."));
    }

    #[test]
    fn a_plain_title_line_said_again_is_a_restart() {
        let title = "雨水タンクを一年使ってわかったこと";
        assert!(repeats_plain_title(title, title));
        assert!(repeats_plain_title(&format!("{title}\n"), title));
        // A sentence, a longer paragraph or another line is no title.
        assert!(!repeats_plain_title(
            "それで終わりです。",
            "それで終わりです。"
        ));
        assert!(!repeats_plain_title("短い", "短い"));
        assert!(!repeats_plain_title(title, "雨水タンクの話"));
        assert!(!repeats_plain_title("一行目\n二行目", "一行目\n二行目"));
    }

    #[test]
    fn a_restart_of_the_lead_paragraph_is_one() {
        let lead = "The team has published a point release, 2.3.1. It fixes\none regression.";
        assert!(repeats_lead(lead, &lead.replace('\n', " ")));
        assert!(repeats_lead(lead, &format!("{lead}\n\nMore.")));
        assert!(!repeats_lead(
            lead,
            "The team has published a point release, 2.3.1."
        ));
        // A short lead may be said again by its author.
        assert!(!repeats_lead("Hello there.", "Hello there. Again."));
    }

    #[test]
    fn a_leaked_prompt_line_opens_the_answer() {
        let t = "冒頭の段落です。\n\n- 一つ目\n- 辞書の組み込み\n\n冒頭の段落です。\n\n- 一つ目";
        let after = t.rfind("冒頭").unwrap();
        // The leak was removed right before the paragraph: the item was cut.
        assert_eq!(seam_at(t, &[], &[after]), Some(after));
        assert_eq!(seam_at(t, &[], &[]), None);
        // After a finished line, an answer going on with new text is no
        // seam to join at.
        let t = "```rust\nfn a() {}\n\n// next\nfn b() {}\n```";
        assert_eq!(seam_at(t, &[], &[t.find("// next").unwrap()]), None);
        // The cleaner records where it removed one, in fragment 0 only.
        let c = run(
            "前半です。\n\nさあ、いよいよ記事の続きです。\n後半です。\n\n---END---\n\nさあ、いよいよ記事の続きです。\n終わり。\n",
        );
        assert_eq!(c.leak_ends, vec!["前半です。\n\n".len()]);
    }

    #[test]
    fn a_block_line_cut_in_its_last_sentence_then_that_sentence_again() {
        let item = "- [金奈](https://example.com/chennai)是印度第6大城市，现在已经没水了。全城465";
        assert!(repeats_cut_sentence(item, "全城465万人口，都靠卡车运水。"));
        // A finished item, or one with no stop inside.
        assert!(!repeats_cut_sentence(
            "- 现在已经没水了。全城465万人口。",
            "全城465万人口。"
        ));
        assert!(!repeats_cut_sentence(
            "- 大阪府の取り組み",
            "大阪府の取り組みは進んでいる。"
        ));
    }

    #[test]
    fn an_ellipsis_paragraph_before_the_answer_is_the_seam() {
        let t = "It names its types concretely.\n\n...\n\n```rust\nfn main() {}\n```\n";
        assert_eq!(seam(t), Some(t.find("...").unwrap()));
        // The last paragraph: nothing follows it.
        let t = "It names its types concretely.\n\n...\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn a_number_opens_a_list_item_only_with_its_mark() {
        assert_eq!(
            cut_at_end("10. an item cut off in the middle of a wo"),
            Cut::No
        );
        assert_eq!(
            cut_at_end("3) an item cut off in the middle of a wo"),
            Cut::No
        );
        assert_eq!(
            cut_at_end("6、[文章] Optimizing React, by Evil Martians"),
            Cut::No
        );
        // A wrapped line that starts with a number is prose.
        assert_eq!(cut_at_end("Apple dropped it from [macOS\n10.1"), Cut::Short);
        assert_eq!(
            cut_at_end("2025 that the new website was almost re"),
            Cut::Yes
        );
    }

    #[test]
    fn a_prose_line_ending_in_a_number_may_be_cut() {
        assert_eq!(cut_at_end("ゲーミング分野では、新しいGPUが2"), Cut::Short);
        assert_eq!(cut_at_end("reading_time: 8"), Cut::Short);
        assert_eq!(cut_at_end("- item 8"), Cut::No);
        assert_eq!(cut_at_end("Version 2"), Cut::Short);
        assert_eq!(cut_at_end("新しいGPUが発表されました。"), Cut::No);
        // Evidence in the next paragraph makes it the seam.
        let text = "最初の段落です。第2文下書きモデル。第3文下書きモデル書いた。\n\n第4文はここで切れて第18\n\n第2文下書きモデル。第3文下書きモデル書いた。第5文。";
        let at = text
            .find("第2文下書きモデル。第3文下書きモデル書いた。第5")
            .unwrap();
        assert_eq!(seam(text), Some(at));
    }

    #[test]
    fn a_short_line_then_an_echo_behind_one_edited_sentence_is_the_seam() {
        let text = "第0文下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。\n\n第3文下\n\n第文0下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。\n\n第3文下書き";
        let at = text.find("第文0").unwrap();
        assert_eq!(seam(text), Some(at));
    }

    #[test]
    fn a_heading_cut_off_then_an_echo_is_the_seam() {
        let echo = "Sentence 9 draft short a draft model answer token. Sentence 10 short again.";
        let text =
            format!("# Title\n\n{echo}\n\n## Th\n\n{echo}\n\n## The middle part\n\nNew text.");
        let at = text.rfind("Sentence 9").unwrap();
        assert_eq!(seam(&text), Some(at));
        // A draft cut right after a whole heading, then an answer that
        // echoes the paragraph before it and the heading: the seam.
        let text = format!(
            "# Title\n\n{echo}\n\n## The middle part\n\n{echo}\n\n## The middle part\n\nNew text."
        );
        let at = text.rfind("Sentence 9").unwrap();
        assert_eq!(seam(&text), Some(at));
        // Without the heading again, a section opening as the one before
        // did: the author's.
        let text = format!("# Title\n\n{echo}\n\n## The middle part\n\n{echo}\n\nNew text.");
        assert_eq!(seam(&text), None);
        // Not when the heading itself was said before (it is inside an
        // echo that began earlier), nor when what follows repeats text from
        // far before it, nor two words of it.
        let text = format!(
            "# Title\n\n## The middle part\n\n{echo}\n\n## The middle part\n\n{echo}\n\nNew."
        );
        assert_eq!(seam(&text), None);
        let filler = "Other words fill the space between them here. ".repeat(12);
        let text = format!("# Title\n\n{echo}\n\n{filler}\n\n## The middle part\n\n{echo}\n\nNew.");
        assert_eq!(seam(&text), None);
        let text = "# Title\n\nThese changes are small. More.\n\n## Part\n\nThese changes are large, and they matter to everyone here.\n";
        assert_eq!(seam(text), None);
        assert!(cut_heading("text\n\n#", ""));
        assert!(!cut_heading("## The middle part", "## The middle part\n"));
    }

    #[test]
    fn a_paragraph_opening_lower_case_goes_on_a_sentence_in_any_alphabet() {
        for para in [
            "ет, который",
            "and so on",
            "ước tính",
            "が必要です",
            "、そして",
        ] {
            assert!(starts_mid_sentence(para), "{para}");
        }
        for para in ["Строки 1–3", "The end", "日本語", "1. item", "**bold**"] {
            assert!(!starts_mid_sentence(para), "{para}");
        }
        let text = "Строки 1–3 описывают пакет исходного кода. Следующий блок описывает двоичный пак\n\nет, который получит пользователь.";
        assert_eq!(seam(text), text.find("ет,"));
    }

    #[test]
    fn a_cut_item_going_on_in_lower_case_is_the_seam() {
        // (text, the item, the paragraph after it, is it the item going on)
        let cases = [
            (
                "  * deshabilite la\n\n línea incorrecta\n",
                "  * deshabilite la",
                "línea incorrecta",
                true,
            ),
            (
                "[84]  Gói có vẻ đến với\n\n lỗi đó\n",
                "[84]  Gói có vẻ đến với",
                "lỗi đó",
                true,
            ),
            // With no space, the sentence the list is part of.
            (
                " * MIT license\n\nat your option.\n",
                " * MIT license",
                "at your option.",
                false,
            ),
            // Indented, the paragraph is the item's own; after a full stop
            // or an upper-case opening, no sentence goes on; prose is no item.
            (
                "  * deshabilite la\n\n    línea incorrecta\n",
                "  * deshabilite la",
                "línea incorrecta",
                false,
            ),
            (
                "  * deshabilite la.\n\n línea incorrecta\n",
                "  * deshabilite la.",
                "línea incorrecta",
                false,
            ),
            (
                "  * deshabilite la\n\n Línea incorrecta\n",
                "  * deshabilite la",
                "Línea incorrecta",
                false,
            ),
            (
                "Some prose ending la\n\n línea incorrecta\n",
                "Some prose ending la",
                "línea incorrecta",
                false,
            ),
        ];
        for (text, prev, next, want) in cases {
            let start = text.find(next).unwrap();
            assert_eq!(item_going_on(text, prev, start, next), want, "{text:?}");
        }
    }

    #[test]
    fn a_heading_said_again_over_new_text_opens_no_echo() {
        // The heading names a list item above it; the text under it is new.
        let text = "The key elements of our strategy include:\n\n* Up-to-date core archive support\n* Making sure the tools work with archives\n  and can be called from scripts\n\n### Up-to-date core archive support\n\nThe runtime gets its core support through the library, and we track it closely\n\nIt\n\nIt is also important to follow the work on the next version of the format.\n";
        assert_eq!(seam(text), text.find("It is also"));
    }

    /// A manual page's synopsis and list of subcommands.
    const MANUAL: &str = "### Synopsis\n\n```bash\ntally sync\n```\n\n* `tally sync push [<counter>]` - Send counters to the server\n* `tally sync pull [<counter>]` - Fetch counters from the server\n* `tally sync status <host>` - Show which counters differ\n\n";

    #[test]
    fn a_heading_said_before_at_another_level_opens_no_echo() {
        // The page's synopsis, then a subcommand's.
        let text = format!(
            "{MANUAL}Send counters to the server\n\n#### Synopsis\n\n```bash\ntally sync push [<counter>]\n```\n"
        );
        let at = text.find("#### Synopsis").unwrap();
        assert!(heading_at_other_level(&text, at, "#### Synopsis"));
        assert_eq!(seam(&text), None);
        // Said before with its marks, or never said: no.
        let again = format!("{text}\nFetch them\n\n#### Synopsis\n");
        let at = again.rfind("#### Synopsis").unwrap();
        assert!(!heading_at_other_level(&again, at, "#### Synopsis"));
        assert!(!heading_at_other_level(&text, 0, "### Synopsis"));
    }

    #[test]
    fn a_section_opening_like_another_opens_no_echo() {
        // `#### Synopsis` of a second subcommand: the code under it has
        // every word said before, not in that order.
        let text = format!(
            "{MANUAL}Send counters to the server\n\n#### Synopsis\n\n```bash\ntally sync push\n```\n\nFetch counters from the server\n\n#### Synopsis\n\n```bash\ntally sync pull [<counter>]\n```\n"
        );
        assert_eq!(seam(&text), None);
    }

    #[test]
    fn a_table_row_cut_short_is_a_cut() {
        let table = "| Flag | Type | Description |\n| --- | --- | --- |\n| `--json` | Boolean | Whether or not to o";
        assert!(cut_table_row(table));
        assert_eq!(cut_at_end(table), Cut::Yes);
        assert!(!cut_table_row(
            "| Flag | Type |\n| --- | --- |\n| `--json` | Boolean |"
        ));
        // Rows without closing bars are written so.
        assert!(!cut_table_row(
            "| Flag | Type\n| --- | ---\n| `--json` | Boolean"
        ));
        let text = format!(
            "Counters are merged by adding what each machine counted since the last sync.\n\n{table}\n\nCounters are merged by adding what each machine counted since the last sync.\n"
        );
        assert_eq!(seam(&text), text.rfind("Counters"));
    }

    #[test]
    fn a_paragraph_naming_the_url_before_it_is_no_seam() {
        assert!(names_its_last_word(
            "Documentation is at https://docs.rs/float-cmp",
            "float-cmp defines traits"
        ));
        // A cut inside the URL, or a word going on: no.
        assert!(!names_its_last_word(
            "Documentation is at https://docs.rs/flo",
            "at-cmp defines"
        ));
        assert!(!names_its_last_word("the tool float", "float defines"));
        let text = "Documentation is at https://docs.rs/float-cmp\n\nfloat-cmp defines traits for comparison of floating point types.\n";
        assert_eq!(seam(text), None);
    }

    #[test]
    fn ellipsis_marker_length() {
        assert_eq!(ellipsis_len("...rest"), Some(3));
        assert_eq!(ellipsis_len("… rest"), Some('…'.len_utf8()));
        assert_eq!(ellipsis_len("……rest"), Some(2 * '…'.len_utf8()));
        // One more dot that ends a sentence is the cut sentence's period.
        assert_eq!(ellipsis_len(".... Next"), Some(3));
        assert_eq!(ellipsis_len("…. Next"), Some('…'.len_utf8()));
        // A dot glued to lower-case text or a digit starts the text.
        assert_eq!(ellipsis_len("....debian.org/k"), Some(3));
        assert_eq!(ellipsis_len(".....next"), Some(5));
        assert_eq!(ellipsis_len("….io/rustup"), Some('…'.len_utf8()));
        assert_eq!(ellipsis_len("...． Next"), Some(3));
        assert_eq!(ellipsis_len(". Next"), None);
        assert_eq!(ellipsis_len("..next"), None);
    }

    #[test]
    fn title_tails_and_collapsed_titles() {
        assert!(ends_title("# 下書きについての記事", "ついての記事"));
        assert!(ends_title("# A post about drafts", "about drafts"));
        assert!(!ends_title("# A post about drafts", "fts"));
        assert!(!ends_title("Plain first line", "first line"));
        assert!(repeats_title(
            "# Title here",
            "# Title here Sentence 1 goes."
        ));
        assert!(repeats_title("# Title here", "# Title here\n\nText"));
        assert!(!repeats_title("# Title here", "# Title hereafter"));
    }

    #[test]
    fn leak_lines_and_ellipsis_go() {
        let c = run(
            "本文です。\n\n---END---\n\n【既存の記事の最後の部分】\n…続きの文です。\n\n---END---\n",
        );
        assert_eq!(segs(&c), vec!["本文です。\n\n", "続きの文です。\n\n"]);
        assert_eq!(c.removals.len(), 2);
    }

    #[test]
    fn chatter_line_goes() {
        let c = run(
            "a。\n---END---\nはい、承知いたしました。記事の続きを自然に書いて完成させます。\nb。\n---END---\n",
        );
        assert_eq!(segs(&c)[1], "b。\n");
    }

    #[test]
    fn a_placeholder_line_goes() {
        let c = run("a。\n---END---\n…（既存記事の続き）…\nb。\n---END---\n");
        assert_eq!(segs(&c)[1], "b。\n");
        let c = run("A.\n---END---\n...(rest of the article)...\nB.\n---END---\n");
        assert_eq!(segs(&c)[1], "B.\n");
        // An ellipsis and a note the author wrote stay.
        let c = run("a。\n---END---\nb。\n\n…（笑）\n---END---\n");
        assert!(segs(&c)[1].contains("（笑）"));
    }

    #[test]
    fn english_chatter_goes() {
        let c = run("A.\n---END---\nSure! Here is the rest:\nB.\n---END---\n");
        assert_eq!(segs(&c)[1], "B.\n");
        for leak in [
            "Continue the article from where it stopped.",
            "Please continue writing the post.",
            "Continue from where you left off:",
            "I'll continue the article from where it left off.",
            "Here's the rest of the article:",
        ] {
            let c = run(&format!("A.\n---END---\n{leak}\nB.\n---END---\n"));
            assert_eq!(segs(&c)[1], "B.\n", "{leak}");
        }
        // Prose that merely starts so stays.
        for prose in [
            "Continue the process until the dough is smooth.",
            "Let me continue with a second example of the same idea.",
        ] {
            let c = run(&format!("A.\n---END---\n{prose}\nB.\n---END---\n"));
            assert!(segs(&c)[1].starts_with(prose), "{prose}");
        }
    }

    #[test]
    fn leak_prefix_of_a_long_collapsed_line_goes_alone() {
        let line = "【既存の記事の最後の部分】 これはとても長い折り畳まれた記事の本文で、プロンプトの見出しの後に同じ行で続いています。さらに続きます。";
        let c = run(&format!("a。\n---END---\n{line}\n---END---\n"));
        assert!(segs(&c)[1].starts_with("これは"));
    }

    #[test]
    fn broken_char_goes() {
        let c = run("前半です\u{FFFD}\n\n---END---\n");
        assert_eq!(segs(&c), vec!["前半です\n\n"]);
    }

    #[test]
    fn fragment_zero_is_split_at_its_seam() {
        let c = run(
            "## 見出し\n\nこれは完全な文です。\n\nこの文は途中で切れてしまっ\n\nてしまった文の続きです。\n",
        );
        assert_eq!(
            segs(&c),
            vec![
                "## 見出し\n\nこれは完全な文です。\n\nこの文は途中で切れてしまっ\n\n",
                "てしまった文の続きです。\n"
            ]
        );
    }

    /// A draft of `paras` long paragraphs, its own trailer, then `after`.
    fn draft_with_trailer(after: &str) -> (String, String) {
        let mut draft = String::from("## 庭の記録\n\n");
        for n in 0..8 {
            draft.push_str(&format!(
                "{n}月の庭では、季節の花が次々に咲き、朝の水やりのたびに小さな変化を見つけることができました。\n\n"
            ));
        }
        let trailer = "---\n\n### あわせて読みたい\n\n- [春の庭](/2026/03/01/spring/)\n- [夏の庭](/2026/06/01/summer/)\n\n---\n\n## 庭づくりのご相談\n\n小さな庭の設計もお気軽にご相談ください。\n\n[お問い合わせ](/contact/)\n{: .cta}\n\n---\n\n*※ 本ページにはアフィリエイトリンクが含まれます。*\n\n";
        (format!("{draft}{trailer}{after}"), trailer.to_string())
    }

    #[test]
    fn the_drafts_own_trailer_before_the_first_answer_is_found() {
        let answer = "秋になると、庭の主役は実のなる木に移ります。柿の実が色づき、鳥たちが毎朝のように訪れるようになりました。冬の準備として、落ち葉を集めて堆肥を作ることも始めています。\n\n来年の春に向けて、土を休ませる大切な時間です。球根を植える場所を決め、去年うまく育たなかった花の配置も見直しました。小さな庭でも、季節ごとに考えることはたくさんあります。\n\n道具の手入れも冬のうちに済ませておきます。はさみを研ぎ、じょうろの穴を掃除し、支柱をまとめて物置にしまいました。春の最初の晴れた日に、すぐ庭へ出られるようにするためです。\n";
        let (t, trailer) = draft_with_trailer(answer);
        let at = t.find("---").unwrap();
        assert_eq!(inner_trailer(&t), Some(at..at + trailer.len()));
        // A rule right under the draft's last line opens it too.
        let glued = t.replacen("できました。\n\n---", "できました。\n---", 8);
        let at = glued.find("---").unwrap();
        assert_eq!(inner_trailer(&glued).map(|r| r.start), Some(at));
        // Cleaning puts it last, after the answers.
        let c = run(&format!(
            "{t}---END---\n\n冬の庭は静かです。\n\n---END---\n"
        ));
        let got = segs(&c);
        assert_eq!(got.len(), 4);
        assert!(got[1].starts_with("秋になると"));
        assert!(got[2].starts_with("冬の庭"));
        assert!(got[3].starts_with("---\n\n### あわせて読みたい"));
        // Unless an answer says the trailer again: then it stays.
        let c = run(&format!(
            "{t}---END---\n\n冬の庭は静かです。 - [春の庭](/2026/03/01/spring/)\n\n---END---\n"
        ));
        assert!(
            segs(&c)
                .iter()
                .all(|s| !s.starts_with("---\n\n### あわせて"))
        );
    }

    #[test]
    fn what_is_not_the_drafts_own_trailer() {
        let answer = "秋になると、庭の主役は実のなる木に移ります。柿の実が色づき、鳥たちが毎朝のように訪れるようになりました。冬の準備として、落ち葉を集めて堆肥を作ることも始めています。\n\n来年の春に向けて、土を休ませる大切な時間です。球根を植える場所を決め、去年うまく育たなかった花の配置も見直しました。小さな庭でも、季節ごとに考えることはたくさんあります。\n\n道具の手入れも冬のうちに済ませておきます。はさみを研ぎ、じょうろの穴を掃除し、支柱をまとめて物置にしまいました。春の最初の晴れた日に、すぐ庭へ出られるようにするためです。\n";
        // A rule between two sections of the article.
        let (t, _) = draft_with_trailer("");
        let article = t.replace("### あわせて読みたい\n\n- [春の庭](/2026/03/01/spring/)\n- [夏の庭](/2026/06/01/summer/)", "### 秋の庭\n\n秋の庭については、次の記事で詳しく書く予定ですので、もう少しだけお待ちください。楽しみにしていてください。");
        assert_eq!(inner_trailer(&format!("{article}{answer}")), None);
        // An answer of a line or two, one going on with a cut, or one
        // opening with an ellipsis.
        assert_eq!(inner_trailer(&draft_with_trailer("秋の庭。\n").0), None);
        assert_eq!(
            inner_trailer(&draft_with_trailer(&format!("の続き{answer}")).0),
            None
        );
        assert_eq!(
            inner_trailer(&draft_with_trailer(&format!("…{answer}")).0),
            None
        );
        // A trailer cut off (its last line unfinished): the answer goes on
        // with it.
        let (t, _) = draft_with_trailer(answer);
        let cut = t.replace("含まれます。*", "含まれ");
        assert_eq!(inner_trailer(&cut), None);
        // One link is not a trailer.
        let one = t.replace("- [夏の庭](/2026/06/01/summer/)\n", "");
        let one = one.replace("[お問い合わせ](/contact/)\n", "");
        assert_eq!(inner_trailer(&one), None);
    }

    #[test]
    fn a_cut_first_paragraph_is_the_seam() {
        let t = "我开始认真喝茶，是在搬到南方小城的第一年。楼下有一家不大的茶铺，老板姓陈，每次去都会先泡一壶给我\n\n尝，再慢慢讲这茶的来历。\n";
        assert_eq!(seam(t), Some(t.find("尝").unwrap()));
        let t = "リモートワークが当たり前になって数年、会議の数は減るどころか増えたと感じている人も多いだろう。画面越しの会議は移動がないぶん気軽に設\n\n定でき、気づけば一日の半分が埋まっている。\n";
        assert_eq!(seam(t), Some(t.find("定").unwrap()));
    }

    #[test]
    fn a_restart_opening_with_the_title_is_the_seam_even_without_the_lead() {
        let t = "# 下書きについての記事\n\n第0文は導入です。第1文は長い本文の続きで、途中で切れてしま\n\n# 下書きについての記事\n\n第1文は長い本文の続きで、途中で切れてしまった文です。\n";
        assert_eq!(seam(t), Some(t.rfind("# 下書き").unwrap()));
    }

    #[test]
    fn a_title_line_is_not_the_seam() {
        let t =
            "生成AIの社内導入、最初の一年で学んだこと\n\n去年の春、私たちは小さな実験を始めた。\n";
        assert_eq!(seam(t), None);
        // A question inside it does not make it prose (real titles: `…とは？
        // …を読み解く`).
        let t = "小さな書店が今も生き残る本当の理由とは？ 地方の港町で見えてきた書店の新しい役割と未来を読み解く\n\nいやはや、先月訪ねた港町の書店には驚かされたよ。\n";
        assert_eq!(seam(t), None);
        // The lead's second sentence names the title's subject: twelve ASCII
        // keys said again are no echo there.
        let t = "Reflection AI、3000億円調達の真意とは？AI業界の新たな波を読む\n\n正直なところ、このニュースを聞いた時、またか、と思いましたね。Reflection AIが3000億円もの巨額を調達したという話。\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn a_repeat_after_a_cut_paragraph_is_the_seam() {
        let t = "最初の段落です。\n\n二つ目の段落は長くて、途中で切れてしまった文がここに\n\n二つ目の段落は長くて、途中で切れてしまった文がここにあります。\n";
        assert_eq!(seam(t), Some(t.rfind("二つ目").unwrap()));
    }

    #[test]
    fn a_short_cut_line_is_the_seam_with_evidence() {
        let t = "Work goes on across the project with several teams involved, led by\nstakeho\n\nlders on the team who are actively working.\n";
        assert_eq!(seam(t), Some(t.find("lders").unwrap()));
        let t = "A long first paragraph about the release, evaluated at compile time, rather\nth\n\nA long first paragraph about the release, evaluated again.\n";
        assert_eq!(seam(t), Some(t.rfind("A long").unwrap()));
    }

    #[test]
    fn a_paragraph_of_a_few_chars_said_again_longer_is_the_seam() {
        let t = "一个开源工具，可以把图片转成文字，支持几十种语言。\n\n一个\n\n一个 Vue.js 题库，可以选择不同的难度进行练习。\n";
        assert_eq!(seam(t), Some(t.rfind("一个 Vue").unwrap()));
        // A line of a list going on after a space is not it.
        let t = "一个开源工具，可以把图片转成文字，支持几十种语言。\n\n- 一个\n- 两个\n\n- 一个 Vue.js 题库。\n";
        assert_ne!(seam(t), Some(t.rfind("- 一个 Vue").unwrap()));
    }

    #[test]
    fn a_templated_link_line_is_no_echo() {
        // Each book's link line opens like the one before and its URL is
        // the heading's: no seam after a description with no stop.
        let book = |n: u32| {
            format!(
                "### [本{n}](https://b.example/{n}0{n}/?ref=x)\n\n本{n}の内容を、やさしく紹介した入門書\n\n[書店で見る →](https://b.example/{n}0{n}/?ref=x)\n\n"
            )
        };
        let t = format!("## 本\n\n{}{}{}", book(1), book(2), book(3));
        assert_eq!(seam(&t), None);
        // A link line said again whole is still an echo.
        let t = format!(
            "{}のあと\n\n[書店で見る →](https://b.example/101/?ref=x)\n",
            book(1)
        );
        assert_eq!(seam(&t), Some(t.rfind("[書店").unwrap()));
        // So is a cut image line said again from its bracket.
        let t = "今日の写真。\n\n![](https://img.example/2024/bg2\n\n[](https://img.example/2024/bg2024.webp)\n";
        assert_eq!(seam(t), Some(t.rfind("[](").unwrap()));
        // A gallery: captions naming what the text said, images of one
        // template. The seam is where the cut image line goes on.
        let t = "四つのモデル、Model Alpha Plus 1、Model Beta Plus 22 を比べた。\n\nModel Alpha Plus 1\n\n![](https://img.example/2024/bg2024001.webp)\n\nModel Beta Plus 22\n\n![](https://img.example/2024/bg20\n\n24002.webp)\n\n結果は次回に。\n";
        assert_eq!(seam(t), Some(t.find("24002").unwrap()));
    }

    #[test]
    fn a_link_definition_cut_inside_its_url_then_said_again_is_the_seam() {
        let t = "Read the notes.\n\n[faq]: htt\n\nhttps://help.example.net/faq.html\n[x]: https://x.example\n";
        assert_eq!(seam(t), Some(t.find("https://help").unwrap()));
        assert!(repeats_cut_url(
            "[faq]: https:",
            "https://help.example.net/faq"
        ));
        assert!(repeats_cut_url(
            "[faq]: https://he",
            "https://help.example.net/faq"
        ));
        // Not a web address's start, or another address: no cut said again.
        assert!(!repeats_cut_url(
            "[faq]: ht",
            "https://help.example.net/faq"
        ));
        assert!(!repeats_cut_url("[faq]: mail", "mailto:office@example.org"));
        assert!(!repeats_cut_url(
            "[faq]: https://he",
            "https://www.example.net/"
        ));
        assert!(!repeats_cut_url(
            "[faq]: https://help.example.net/faq",
            "https://help.example.net/faq"
        ));
    }

    #[test]
    fn an_echo_from_inside_a_word_after_a_cut_item_is_the_seam() {
        let t = "必要なGPU、メモリ、ストレージの要件を定義します。\n\n* **リスク:** AI技術の進\n\nPU、メモリ、ストレージの要件を定義します。AI技術の進化は速い。\n";
        assert_eq!(seam(t), Some(t.find("\n\nPU、").unwrap() + 2));
        // A word of its own that was said before is no echo from inside one.
        let t = "必要なGPU、メモリ、ストレージの要件を定義します。\n\n* **リスク:** AI技術の進\n\nGPU、メモリ、ストレージの要件を定義します。AI技術の進化は速い。\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn an_answer_saying_the_draft_again_to_its_cut_is_the_seam() {
        let lead = "使用 `fm`(1) 指令來瀏覽整個系統。這是最好的學習方式。請使用游標鍵和 Enter 鍵來翻看感興趣的內容。";
        let body = "啟動之後，兩個目錄面板裡包含了檔案列表。另一個有用的模式是把右邊視窗設為資訊面板，用來讀取檔案的存取許可權。接下來是一些必要的快捷鍵。背景程式執行的時候，你也可以在字元終端裡用滑鼠來操作。在這裡複製和貼上的時候，一定要按住 shift 鍵。如果顯示出來都是亂碼，在指令列加上一個參數或許有助於避免此類問題。";
        let table = "快捷鍵 | 功能\n---|---\n`F1` | 幫助清單\n`Insert` | 用於多檔案操作的標記檔案";
        let draft = format!("# 入門\n\n{lead}\n\n{body}\n\n{table}");
        // From the middle of the lead's first sentence, a swap in each of
        // the first two, then the rest of the draft and the row's end: a
        // row looks finished, the echo shows the cut.
        let echo = format!(
            "{}\n\n{body}\n\n{table}，如複製\n`Del` | 刪除檔案\n",
            &lead[lead.find("指令").unwrap()..]
        )
        .replace("瀏覽整個", "瀏覽個整")
        .replace("學習方式", "學習式方");
        let t = format!("{draft}\n\n{echo}");
        assert_eq!(seam(&t), Some(draft.len() + 2));
        // An echo opening with a line said with a slip (too short to be
        // found as a repeat) before the text it says again: the seam is
        // that line.
        let draft = format!("# 入門\n\n## Getting started\n\n{lead}\n\n{body}\n\n{table}");
        let echo = format!("## Gettnig started\n\n{lead}\n\n{body}\n\n{table}，如複製\n");
        let t = format!("{draft}\n\n{echo}");
        assert_eq!(seam(&t), Some(draft.len() + 2));
        // A paragraph said again right after itself is the author's (a
        // manual's item written twice).
        let t = format!("{draft}\n\n{body}\n\n{body}\n");
        assert_eq!(seam(&t), None);
        let mut seen = Seen::new(&t);
        let second = t.rfind(body).unwrap();
        assert!(!seen.restates_to_cut(second, second - 2));
        // An example's twin (`require` for `import`) says the lines of the
        // block above, and of an earlier twin, the prose between them left
        // out: no restatement.
        let cjs = "const { MIMEType } = require('node:util');";
        let mjs = "import { MIMEType } from 'node:util';";
        let rest = "const myMIME = new MIMEType({ toString: () => 'text/plain' });\nconsole.log(String(myMIME));";
        let t = format!(
            "{cjs}\nconst myMIME = new MIMEType('text/plain');\n\n{body}\n\n{mjs}\n{rest}\n\n{cjs}\n{rest}\n"
        );
        let mut seen = Seen::new(&t);
        let twin = t.rfind(cjs).unwrap();
        assert!(seen.repeats_at(twin));
        assert!(!seen.restates_to_cut(twin, twin - 2));
    }

    #[test]
    fn a_list_item_cut_then_said_again_longer_is_the_seam() {
        let t = "The order is:\n\n* the file at home\n* environment\n\n* environment variables (`X_*`)\n* the command line\n";
        assert_eq!(seam(t), Some(t.rfind("* environment").unwrap()));
        // A finished item, or another item after it, is no cut.
        let t = "The order is:\n\n* the file at home\n* environment.\n\n* environment. variables\n";
        assert_eq!(seam(t), None);
        let t = "The order is:\n\n* the file at home\n* environment\n\n* environmental law\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn an_ellipsis_after_a_finished_block_is_text() {
        let t = "It can be written like this:\n\n```toml\nserde = \"1\"\n```\n\n... can now be written like this, which reads better in long files.\n";
        assert_eq!(seam(t), None);
        let t = "These are not counted in that number above, because there are a lot of\n  them,\n\n...but they all do the same thing.\n";
        assert_eq!(seam(t), Some(t.find("...").unwrap()));
        // A marker on a line of its own with the answer below it is the
        // answer's, after a finished line too; alone, it is the author's.
        let t = "这主要是为了赚钱。\n\n…\n## 文章\n\n1、好文章\n";
        assert_eq!(seam(t), Some(t.find('…').unwrap()));
        let t = "这主要是为了赚钱。\n\n……\n\n## 文章\n\n1、好文章\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn an_indented_code_block_ending_in_a_word_is_no_cut() {
        // Code ends where it ends: no weak seam after it, and its lines
        // said again further on (the same command's output) are no echo.
        let t = "Sie können dies durch Nutzung von col wie folgt beheben, ganz einfach:

    $ script
    Script started, file is typescript

Machen Sie irgendetwas und drücken Sie Strg-D, um script zu beenden.
";
        assert_eq!(seam(t), None);
        let t = "Die MTU wird so gemessen, mit einem Paket nach dem anderen:

    $ ping -4 -c 1 -s 1472 -M do www.debian.org

    ---  ping statistics ---
    1 packets transmitted, 0 received

    $ ping -4 -c 1 -s 1432 -M do www.debian.org
    rtt min/avg/max/mdev = 325.318/325.318 ms

    ---  ping statistics ---
    1 packets transmitted, 1 received
";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn an_indented_code_block_said_again_from_inside_a_line_is_the_seam() {
        let t = "Append the following to the vimrc file of the user, then restart it:

    set laststatus=2               \" Always show status line
    set statusline=%<%f%m%r%h%w%=%y\n\n    packadd! secure-modelines\n    nnoremap <C-J>\n\nset laststatus=2               \" Always show status line\n    set statusline=%<%f%m%r%h%w%=%y\n";
        assert_eq!(seam(t), Some(t.rfind("set laststatus").unwrap()));
        // Code said again indented, as the block goes on, is the author's.
        let t = t.replace("\n\nset laststatus", "\n\n    set laststatus");
        assert_eq!(seam(&t), None);
    }

    #[test]
    fn a_link_cut_in_its_url_then_closed_is_the_seam() {
        let t = "Dies ist das [Path MTU Discovery](https://de.wikipedia.org/wiki/Path\n\n_MTU_Discovery)-Verfahren und der Befehl tracepath kann das.\n";
        assert_eq!(seam(t), Some(t.find("_MTU").unwrap()));
        // A bracket closed after a space is a new paragraph's own.
        assert!(!closes_cut_link(
            "see (the notes",
            "Later text (here) goes on."
        ));
        assert!(closes_cut_link(
            "see [docs](https://a.example/x",
            "y/z) for more."
        ));
    }

    #[test]
    fn two_words_said_again_are_no_echo_in_a_spaced_script() {
        // Twelve keys of Latin text (`Verwendung v`) occur again as a text
        // goes on; the repeat must go on past them.
        let t = "Die schlichte Verwendung von script erzeugt eine Datei mit Steuerzeichen.\n\nEs gibt alternative Methoden:\n\n* Verwendung von tee (auch verwendbar während des Boot-Vorgangs):\n";
        assert_eq!(seam(t), None);
        let t = "Es ist nicht nötig, das zu tun. Wir zeigen, wie es geht, und warum.\n\n    deb http://deb.debian.org/debian/ bullseye main contrib non-free\n\nEs ist nicht nötig, einen Wert für die Pin-Priorität zu setzen.\n";
        assert_eq!(seam(t), None);
        // An echo with an edit goes on past it.
        let t = "The value is dropped here while still borrowed, so the program fails to build\n\ndropped here wihle still borrowed and so the program fails to build.\n";
        assert_eq!(seam(t), Some(t.find("dropped here wihle").unwrap()));
    }

    #[test]
    fn a_table_row_cut_then_its_other_cells_is_the_seam() {
        let t = "Paket | Popcon | Größe | Beschreibung\n---|---|---|---\n[`xsltproc`](https://p.example/x) | 16 |\n\n162 | XSLT-Prozessor\n[`xmlto`](https://p.example/m) | 1 | 130 | XML-Konvertierer\n";
        assert_eq!(seam(t), Some(t.find("162 |").unwrap()));
        // The row's last empty cell alone is no evidence; a paragraph with
        // bars that make no row of the table is none either.
        assert!(!splits_table_row(
            "A | B | C\n---|---|---\n| x | y |",
            "        |\n| z | w | v |"
        ));
        assert!(!splits_table_row(
            "A | B | C\n---|---|---\nx | y |",
            "a | b | c | d"
        ));
        // The answer says the row's last cell again, or the whole row.
        assert!(splits_table_row(
            "A | B | C | D\n---|---|---|---\nx | [V:1](https://q.example/?p=krdc) |",
            "p=krdc) |  [3882](https://q.example/k) | more"
        ));
        assert!(splits_table_row(
            "clave | confianza\n---|---\n`f` |  confianza total\n`u` |  confia",
            "`u` |  confianza básica"
        ));
        // Or the row cut inside its last cell, the cell's words going on
        // over the table's next row; not a paragraph after a whole table.
        let table =
            "a | b | c\n---|---|---\n`arp` | `ip neigh` | caché\n`nameif` | `ip link` | nombre bas";
        assert!(splits_table_row(table, "ado en la MAC\n`x` | `y` | z"));
        assert!(!splits_table_row(table, "ado en la MAC\n\nMore prose."));
        assert!(!splits_table_row(
            "a | b | c\n---|---|---\n`arp` | `ip neigh` | caché.",
            "ado en la MAC\n`x` | `y` | z"
        ));
    }

    #[test]
    fn sections_that_open_alike_are_no_echo() {
        // The second section opens with the first one's sentence; its
        // heading is new and never said again: the author's.
        let t = "### 10.1.3. Idiomes pour les archives\n\nVoici quelques manières d’archiver le contenu entier du répertoire.\n\n    $ tar -cvJf archive.tar.xz ./source\n\n### 10.1.4. Idiomes pour la copie\n\nVoici quelques manières d’archiver le contenu entier du répertoire.\n\n* Copie locale du répertoire\n";
        assert_eq!(seam(t), None);
        // A draft cut after the heading, then an answer saying the text
        // before it and the heading again: the seam.
        let t = "### 10.1.3. Idiomes pour les archives\n\nVoici quelques manières d’archiver le contenu entier du répertoire.\n\n### 10.1.4. Idiomes pour la copie\n\nVoici quelques manières d’archiver le contenu entier du répertoire.\n\n### 10.1.4. Idiomes pour la copie\n\n* Copie locale du répertoire\n";
        assert_eq!(seam(t), Some(t.rfind("Voici").unwrap()));
    }

    #[test]
    fn a_heading_naming_words_said_before_is_no_echo() {
        // `Idiomes pour l…` was said before, and the paragraph after the
        // heading repeats too: the twelve keys must go on inside the
        // heading's own paragraph.
        let t = "Voir la section « Idiomes pour les archives » plus loin, et aussi la suite. Voici quelques manières de faire une copie.\n\n    $ zcat archive.cpio.xz | cpio -i\n\n### Idiomes pour la copie\n\nVoici quelques manières de faire une copie.\n\nEt voici la suite, toute nouvelle.\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn dots_opening_an_indented_code_block_are_the_codes() {
        let t = "Le fichier « `/etc/passwd` » contient ce qui suit, une ligne par compte :\n\n     ...\n    user1:x:1000:1000:User1 Name,,,:/home/user1:/bin/bash\n";
        assert_eq!(seam(t), None);
        // Not indented, they open an answer going on.
        let t =
            "Le fichier « `/etc/passwd` » contient ce qui suit, une ligne par\n\n...\ncompte :\n";
        assert_eq!(seam(t), Some(t.find("...").unwrap()));
    }

    #[test]
    fn code_ending_mid_word_then_text_said_before_is_no_echo() {
        // A root prompt (`# rsync …`) is no heading cut off, and a code
        // line ends where it ends.
        let t = "Voici comment copier le répertoire, ou encore, comme suit : avec rsync.\n\n    # rsync -aHAXSv ./source/ /dest\n    # rsync -aHAXSv ./source/ user@host.dom:/dest\n\nou encore, comme suit : avec rsync.\n";
        assert_eq!(seam(t), None);
        let t = format!("{t}\nEt la suite, toute nouvelle.\n");
        assert_eq!(seam(&t), None);
    }

    #[test]
    fn a_few_accented_letters_said_again_are_no_cut_tail() {
        // Four letters of accented Latin are no more evidence than four
        // ASCII ones (`über`); four CJK chars are.
        let prose = || false;
        assert!(!repeats_cut_tail(
            "Die Datei liegt darüber",
            "über die Grenze hinaus.",
            prose
        ));
        assert!(repeats_cut_tail(
            "データベースの設計と運用",
            "設計と運用について説明します。",
            prose
        ));
    }

    #[test]
    fn output_naming_the_script_run_above_is_no_cut_tail_in_a_fence() {
        let (prev, next) = (
            "```console\n$ node benchmark/buffers/buffer-tostring.js",
            "buffers/buffer-tostring.js n=10000000 len=0 arg=true: 62710590.39",
        );
        assert!(!repeats_cut_tail(prev, next, || true));
        assert!(repeats_cut_tail(prev, next, || false));
        // From inside a word, the answer said the cut text again.
        let next = "ffers/buffer-tostring.js len=1024";
        assert!(repeats_cut_tail(prev, next, || true));
    }

    #[test]
    fn a_phrase_said_again_at_a_paragraphs_start_is_no_echo() {
        // Five words of a table cell open a later paragraph, which goes on
        // with other words: the author's.
        let t = "990  |  se usa como valor por defecto para la distribución objetivo del repositorio\n-1  |  para no instalar nunca el paquete aunque sea recomendado\n\nLa distribución objetivo del repositorio puede ser asignada por varios métodos, como se explica.\n";
        assert!(!Seen::new(t).repeats_at(t.find("La distribución").unwrap()));
        // List items opening alike, the next one after a code line.
        let t = "Los pasos son estos, uno tras otro, sin saltarse ninguno:\n\n  2. Creación de una copia del archivo POT.\n\n         cp templates.pot templates.pot.orig\n\n  3. Creación de una copia de todos los archivos PO.\n";
        assert_eq!(seam(t), None);
        // A whole sentence said again is an echo all the same.
        let t = "La distribución objetivo del repositorio puede ser asignada por varios métodos.\n\nOtro párrafo sigue aquí, con texto nuevo que nadie ha dicho antes en\n\nLa distribución objetivo del repositorio puede ser asignada por varios métodos.\n";
        assert_eq!(seam(t), Some(t.rfind("La distribución").unwrap()));
        assert!(Seen::new(t).repeats_at(t.rfind("La distribución").unwrap()));
    }

    #[test]
    fn a_paragraph_after_code_opening_with_a_letter_is_no_weak_seam() {
        // The code does not go on: a Cyrillic capital is a letter, as `T` is.
        let t = "Резюме представляет собой фразу, описывающую пакет, а не полное предложение, например\n\n    Package: libeg0\n    Description: exemplification support library\n\nТехнически это именная фраза без артиклей.\n";
        assert_eq!(seam(t), None);
        // Code going on after a cut inside it: `}` is no letter.
        assert!(code_cut("    fn main() {", "}"));
        assert!(!code_cut("    library", "Технически"));
    }

    #[test]
    fn a_look_ahead_is_not_earlier_text() {
        let t = "Первый абзац с новым текстом, которого не было раньше.\n\nВторой абзац с другим новым текстом, тоже впервые здесь.\n";
        let mut seen = Seen::new(t);
        let second = t.find("Второй").unwrap();
        assert!(!seen.repeats_at(second));
        // Asked again after the whole text was read: still not said before.
        assert!(!seen.repeats_at(t.len()));
        assert!(!seen.repeats_at(second));
    }

    #[test]
    fn a_paragraph_cut_in_a_code_span_is_cut() {
        // `never \`` opens a span the paragraph never closes; the answer
        // echoes from inside a word of the lead.
        let t = "Manages the `allowScripts` field in your project's `package.json`, which\nrecords which of your dependencies are permitted to run install scripts.\n\nIt edits only the `allowScripts`\nfield in `package.json`, never `\n\nage.json`, which\nrecords which of your dependencies are permitted to run install scripts.\n";
        assert_eq!(seam(t), Some(t.rfind("age.json`, which\nrecords").unwrap()));
        assert!(open_code_span("field in `package.json`, never `"));
        assert!(open_code_span("running `updater ch"));
        // Spans closed, or an echo that opened inside one and goes on as
        // prose to a full stop.
        assert!(!open_code_span("run `make` and `make install`, never"));
        assert!(!open_code_span(
            "changes` to be sure you upload to the right distribution, with `Closes` filled in and signed."
        ));
    }

    #[test]
    fn a_listing_cut_and_its_last_lines_said_again_is_the_seam() {
        let t = "Your prompt may look like this:\n\n    $ mkdir ~/gentoo ; cd ~/gentoo\n    $ tar xvzf gentoo-0.9.12.tar.gz\n    $ ls -F\n    gentoo-0\n\n$ ls -F\n    gentoo-0.9.12/\n    gentoo-0.9.12.tar.gz\n\nNow you have another subdirectory.\n";
        assert_eq!(seam(t), Some(t.find("$ ls -F\n    gentoo-0.9").unwrap()));
        assert!(repeats_cut_code_lines(
            "    $ ls -F\n    gentoo-0",
            "$ ls -F\n    gentoo-0.9.12/"
        ));
        // The same lines, none longer: a listing may show them twice.
        assert!(!repeats_cut_code_lines(
            "    $ ls -F\n    gentoo-0",
            "$ ls -F\n    gentoo-0"
        ));
    }

    #[test]
    fn a_cut_line_said_again_is_no_short_line_before_an_echo() {
        // After code, the cut sentence and its restart: the seam is the
        // restart, the cut line is the draft's.
        let t = "Then, in the source directory, run\n\n    $ dpkg-buildpackage -B\n\nIt does all that is needed to bu\n\nIt does all that is needed to build the packages for this architecture.\n";
        assert_eq!(seam(t), Some(t.rfind("It does").unwrap()));
    }

    #[test]
    fn paragraphs_opening_alike_for_sixty_keys_are_the_authors() {
        let t = "Pour tester le service [POP3](https://fr.wikipedia.org/wiki/Post_Office_Protocol) brut, essayez ce qui suit :\n\n    $ telnet mail.ispname.net pop3\n\nPour tester le service [POP3](https://fr.wikipedia.org/wiki/Post_Office_Protocol), ayant [TLS](https://fr.wikipedia.org/wiki/Transport_Layer_Security)/SSL activé, essayez ceci :\n";
        assert!(!Seen::new(t).repeats_at(t.rfind("Pour tester").unwrap()));
        assert_eq!(seam(t), None);
    }

    #[test]
    fn a_delimiter_row_cut_after_a_dash_and_said_again_is_the_seam() {
        assert!(repeats_cut_delimiter_row(
            "| Astuce\n-",
            "---|---\nSi la casse…"
        ));
        // No header above, or a row that is no delimiter: no evidence.
        assert!(!repeats_cut_delimiter_row("Texte\n-", "---|---"));
        assert!(!repeats_cut_delimiter_row("| Astuce\n-", "- un élément"));
    }

    #[test]
    fn a_programs_output_said_again_in_a_fence_is_no_seam() {
        let t = "```console\n$ tool --unknown\n? failed\nerror: unexpected argument '--unknown' found\n\nUsage: tool[EXE] [OPTIONS]\n\nFor more information, try '--help'.\n\n```\n\n```console\n$ tool derived --unknown\n? failed\nerror: unexpected argument '--unknown' found\n\nUsage: tool[EXE] derived [OPTIONS]\n\nFor more information, try '--help'.\n\n```\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn dots_going_on_or_a_broken_char_win_over_an_earlier_weak_seam() {
        // The title said again as a section heading is a restart's first
        // line to the first rules; the dots glued to `ease` after `a new
        // rel` show where the answer really went on.
        let t = "# Cleaning up the package state\n\nHere is how I clean up the installation state of packages after using another installer.\n\n  1. Start `aptitude` in interactive mode as root.\n\n# Cleaning up the package state\n\nThe steps above leave only the packages you asked for marked as manually installed.\n\nYou can upgrade the whole system to a new rel\n\n...ease by changing the contents of the sources list.\n";
        assert_eq!(first_seam(t, &[], &[]), t.rfind("# Cleaning"));
        assert_eq!(seam(t), t.find("...ease"));
        // Where a leaked line was removed, the answer opened there.
        let leak = t.rfind("# Cleaning").unwrap();
        assert_eq!(seam_at(t, &[], &[leak]), Some(leak));
        // A line that ended in a broken char (removed), text after it:
        // the draft's cut, past the weaker seam.
        let t = "# Cleaning up the package state\n\nHere is how I clean up the installation state of packages after using another installer.\n\n# Cleaning up the package state\n\nThe steps above leave only the packages you asked for marked as manual\n\nHere is how I clean up the installation state of packages.\n";
        let broken = t.find("manual").unwrap() + "manual".len();
        assert_eq!(first_seam(t, &[], &[]), t.rfind("# Cleaning"));
        assert_eq!(seam_at(t, &[broken], &[]), t.rfind("Here is"));
    }

    #[test]
    fn a_line_of_prose_opening_with_a_code_span_can_be_cut() {
        let t = "### 2.5.9. Il comando dpkg\n\n`dpkg`(1) è lo strumento di più basso livello per la gestione dei pacchetti Debian. È molto\n\nÈ molto potente e deve essere usato con cautela.\n";
        assert_eq!(
            cut_at_end("`dpkg`(1) è lo strumento dei pacchetti Debian. È molto"),
            Cut::Yes
        );
        assert_eq!(seam(t), t.rfind("È molto"));
        // A fence line is a block line.
        assert_eq!(cut_at_end("```js"), Cut::No);
    }

    #[test]
    fn a_leak_after_a_cut_line_said_again_whole_marks_the_seam() {
        // The draft cut a heading after `PNG,`; a leaked prompt line was
        // removed, and the answer says the heading whole.
        let t = "김프에서 생성한 파일을 다른 프로그램에서 생성한 파일과 혼동하지 마십시오.\n\nPNG,\n\nPNG, JPEG, BMP, GIF, TIFF\n\n김프 2.2 부터는 여러 파일 형식을 무늬로 사용할 수 있습니다.\n";
        let at = t.find("PNG, JPEG").unwrap();
        assert_eq!(seam_at(t, &[], &[at]), Some(at));
    }

    #[test]
    fn a_korean_heading_named_by_the_next_paragraph_is_no_cut_line() {
        assert!(korean_heading_named(
            "복원 도구",
            "복원 도구는 새롭게 추가된 도구입니다."
        ));
        assert!(korean_heading_named(
            "개선된 자유 선택 도구",
            "자유 선택 도구에 다각형 선택 기능이 추가되었습니다."
        ));
        // A word cut and completed: no particle after the line's words.
        assert!(!korean_heading_named(
            "복원 도",
            "복원 도구는 새롭게 추가된 도구입니다."
        ));
        // A sentence cut after a word goes on with words, not a particle.
        assert!(!korean_heading_named(
            "이 도구는 이미지의",
            "이 도구는 이미지의 주변 색상을 참고하여"
        ));
        let t = "사진에 많은 적목 현상이 있더라도, 자동 필터를 이용해 손쉽게 적목 현상을 제거할 수 있습니다.\n\n복원 도구\n\n복원 도구는 새롭게 추가된 도구입니다.\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn a_twin_block_going_on_as_the_first_did_is_no_echo() {
        let mjs = "```mjs\nimport { now } from 'node:perf';\nconst start = now();\nwhile (now() - start < 500);\n\nconsole.log(now() - start);\n```";
        let cjs = "```cjs\nconst { now } = require('node:perf');\nconst start = now();\nwhile (now() - start < 500);\n\nconsole.log(now() - start);\n```";
        let t = format!("{mjs}\n\n{cjs}\n");
        let (prev_start, prev) = paragraphs(&t).nth(2).unwrap();
        let (_, next) = paragraphs(&t).nth(3).unwrap();
        assert!(next.starts_with("console.log"));
        assert!(twin_goes_on(&t, prev_start, prev, next));
        // A cut line that the earlier block does not have before the
        // paragraph said again: the answer's echo.
        let t = format!(
            "{mjs}\n\n```cjs\nwhile (now() - start < 5\n\nconsole.log(now() - start);\n```\n"
        );
        let (prev_start, prev) = paragraphs(&t).nth(2).unwrap();
        let (_, next) = paragraphs(&t).nth(3).unwrap();
        assert!(!twin_goes_on(&t, prev_start, prev, next));
        // A closing brace tells nothing.
        assert!(!twin_goes_on("}\n\nx();\n\n}\n\nx();\n", 9, "}", "x();"));
    }

    #[test]
    fn an_echo_with_a_typo_is_an_echo() {
        // The answer restarts the article, `the` typed `teh`: one edit.
        let t = "Today we are excited to announce the release of Rust 1.0 beta, a big step.\n\nMore text follows here, and it goes on for a while, cut\n\nToday we are excited to announce teh release of Rust 1.0 beta, a big step.\n";
        assert!(Seen::new(t).repeats_at(t.rfind("Today").unwrap()));
        // Items opening alike, one word for another: the author's.
        let t = "Items of the list, one after the other, as the guide gives them:\n\n  * The command **dh_auto_build**, usually, runs the following (if a Makefile exists):\n\n  * The command **dh_auto_test**, usually, runs the following (if a Makefile exists):\n";
        assert!(!Seen::new(t).repeats_at(t.find("The command **dh_auto_test").unwrap()));
    }

    #[test]
    fn a_line_ending_in_bold_said_again_and_going_on_is_the_seam() {
        let t = "Tất cả các target yêu cầu lệnh này, nó sẽ xuất hiện lỗi.\n\nPhần quan trọng cần biết là tệp `rules` được tạo bởi **dh_make**\n\nPhần quan trọng cần biết là tệp `rules` được tạo bởi **dh_make** và nó chỉ là một đề xuất.\n";
        assert_eq!(seam(t), Some(t.rfind("Phần").unwrap()));
        // A short label said again in a sentence is the author's.
        let t = "Intro paragraph that ends with a stop, as prose does.\n\nSee **make**\n\nSee **make** for the details of the build.\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn a_paragraph_after_code_may_open_lower_case() {
        let t = "Voici comment archiver le répertoire avec GNU tar, en deux commandes :\n\n    $ tar -cvJf archive.tar.xz ./source\n    $ tar -xvJf archive.tar.xz\n\nou encore, comme suit :\n\n    $ find ./source -xdev -print0 | tar -cvJf archive.tar.xz --null -F -\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn a_list_after_an_open_line_is_not_a_weak_seam() {
        let t = "The topics discussed at the meeting by the members of the interop group included\n\n* Comparing the needs of each tool\n* Next steps\n";
        assert_eq!(seam(t), None);
    }

    #[test]
    fn a_restart_after_a_cut_list_item_starts_at_its_title() {
        let t = "EU AI Act施行、日本企業への影響と対策\n\n2026年8月、EUで包括的なAI規制法が完全施行されます。\n\n*   **データガバナンスの強\n\nEU AI Act施行、日本企業への影響と対策\n\n2026年8月、EUで包括的なAI規制法が完全施行されます。\n";
        assert_eq!(seam(t), Some(t.rfind("EU AI Act").unwrap()));
    }

    #[test]
    fn a_tag_cut_open_is_a_cut() {
        let t = "<div style=\"display: flex;\"><a href='https://example.com/issues/107'><\n\nauto;\"><a href='https://example.com/'>link</a></div>\n";
        assert_eq!(seam(t), Some(t.find("auto").unwrap()));
    }

    #[test]
    fn continued_heading_suffix_goes() {
        let c = run("a。\n---END---\n## 見出し（続き）\n本文。\n---END---\n");
        assert_eq!(segs(&c)[1], "## 見出し\n本文。\n");
    }

    #[test]
    fn bad_user_pattern_is_an_error() {
        let err = Leaks::new(&["(".to_string()], None).unwrap_err();
        assert!(err.to_string().contains("invalid leak pattern"));
    }

    #[test]
    fn prompt_lines_are_leaks() {
        let leaks = Leaks::new(&[], Some("Write the rest of this article\n")).unwrap();
        assert!(leaks.leak_len("Write the rest of this article\n").is_some());
    }
}
