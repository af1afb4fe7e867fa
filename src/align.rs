//! The fuzzy-overlap engine: places every segment, and every run inside a
//! segment, against the article built so far.
//!
//! # Design
//!
//! The article is built as one stream of key chars (see [`crate::normalize`]),
//! each remembering which segment and key it came from. Segments are parsed in
//! input order, LZ77-style: at each position the engine looks for a *copy*, a
//! run of the input equal to a run already in the article, seeded by k-grams of
//! the keys (a hash map from k-gram to article positions, bounded per gram) and
//! extended char by char. Anything that is not a copy is a *literal*.
//!
//! The parse keeps a mode:
//!
//! - **frontier**: the input is writing new text at the end of the article;
//!   literals are appended (and indexed at once, so a repeat inside the same
//!   fragment is found: the real corpus has thousands of them where no marker
//!   is). A copy that ends exactly at the article's end is a seam repeat (the
//!   cut sentence again) and is dropped; a copy of an earlier place is a
//!   re-emission when it is long, or covers whole sentences, or starts the
//!   segment.
//! - **echo**: the input is re-emitting known text (restart echo, tail echo,
//!   exact repeat). Copies chain forward from where the last one ended
//!   (short anchors accepted near the expected place), so light edits and
//!   dropped sentences do not break the chain. Literal runs between copies are
//!   compared, on a bounded window with a deadline, with the article text they
//!   stand for: similar ones are variants (dropped, reported), dissimilar ones
//!   are kept as insertions at that place and reported as unsure. When the
//!   chain reaches the article's end, the mode goes back to frontier and what
//!   follows is new text.
//!
//! At a segment start, a suffix of the article equal to a prefix of the
//! segment (3+ chars) is the repeated cut; with none, the segment continues the
//! cut mid-word. Copies never cross a bounded window of candidates, so the cost
//! is linear in the input: each input char is either appended once or covered
//! by one accepted copy, and each position probes at most [`MAX_CANDIDATES`].

use crate::normalize::{Keys, weight, weight_of};
use std::collections::HashMap;
use std::ops::Range;
use std::time::Duration;

/// Length of the k-grams that seed copies.
pub const K_GRAM: usize = 8;
/// Article positions remembered per k-gram (first ones win).
pub const MAX_CANDIDATES: usize = 48;
/// A copy this heavy is a re-emission wherever it is.
const LONG_COPY: f32 = 40.0;
/// A copy this heavy is a re-emission when it covers whole sentences or
/// starts a segment.
const MIN_COPY: f32 = 16.0;
/// A copy ending at the article's end (seam repeat) needs this weight.
const MIN_SEAM: f32 = 6.0;
/// A chain of copies this heavy puts the parse in echo mode.
const ECHO_RUN: f32 = 40.0;
/// Literal runs lighter than this inside an echo are dropped as edits.
const TINY_VARIANT: f32 = 12.0;
/// Similarity above which a literal run is a variant of the text it replaces.
const VARIANT_RATIO: f32 = 0.55;
/// Longest window compared with `similar`.
const DIFF_WINDOW: usize = 1500;

/// Where a key char of the article comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// Segment number.
    pub seg: u32,
    /// Key index inside that segment.
    pub key: u32,
}

/// Text kept although it could not be placed: laid out before the main-line
/// article position `anchor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// Article positions holding its keys.
    pub k: Range<usize>,
    /// Main-line position it is laid out before.
    pub anchor: usize,
}

/// What the parse decided for a run of a segment's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// New text, appended to the article.
    New,
    /// Already in the article (copy); dropped.
    Repeat,
    /// The cut sentence repeated at a segment start; dropped.
    SeamOverlap,
    /// A lightly edited copy of known text; dropped.
    Variant,
    /// Could not be placed; kept as an insertion.
    Unsure,
    /// A repeat whose formatting replaced the article's.
    Reformat,
}

/// A run of one segment's keys and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Segment number.
    pub seg: usize,
    /// Key range inside the segment.
    pub keys: Range<usize>,
    /// Decision.
    pub kind: SpanKind,
    /// Article position it matched or was placed at.
    pub at: usize,
}

/// The article being built.
#[derive(Debug, Default)]
pub struct Article {
    /// Key chars, in creation order.
    pub chars: Vec<char>,
    /// Source of each key char.
    pub src: Vec<Source>,
    /// End of the main line (everything appended as new text).
    pub frontier: usize,
    /// Positions that belong to insertions.
    pub insertions: Vec<Insertion>,
    /// Every decision, in input order.
    pub spans: Vec<Span>,
    index: HashMap<u64, Vec<u32>>,
    /// Per placed segment: does the gap before each key hold a line break?
    breaks: Vec<Vec<bool>>,
}

/// A segment as the aligner sees it.
pub struct SegmentKeys<'a> {
    /// Segment number.
    pub seg: usize,
    /// Its keys.
    pub keys: &'a Keys,
    /// The clean text its keys point into.
    pub text: &'a str,
    /// Whether it starts a fragment or a seam (overlap rules apply).
    pub boundary: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Frontier,
    Echo { expected: usize },
}

impl Article {
    /// An empty article.
    pub fn new() -> Self {
        Article::default()
    }

    /// Places one segment.
    pub fn place(&mut self, s: &SegmentKeys<'_>) {
        let n = s.keys.len();
        self.note_breaks(s);
        let mut i = 0;
        if s.boundary && self.frontier > 0 {
            i = self.start_overlap(s);
        }
        let mut mode = Mode::Frontier;
        let mut fresh = true; // no new text yet in this segment
        let mut run_weight = 0.0;
        let mut pending: Option<usize> = None;
        while i < n {
            let found = self.best_copy(s, i, mode, fresh);
            let Some((j, l)) = found else {
                match mode {
                    Mode::Frontier => {
                        self.append_new(s, i);
                        fresh = false;
                    }
                    Mode::Echo { .. } => {
                        pending.get_or_insert(i);
                    }
                }
                i += 1;
                continue;
            };
            if let (Some(p), Mode::Echo { expected }) = (pending.take(), mode) {
                self.flush(s, p..i, expected, Some(j));
            }
            let w = weight_of(&s.keys.chars[i..i + l]);
            let chained = matches!(mode, Mode::Echo { expected } if near(j, expected));
            run_weight = if chained { run_weight + w } else { w };
            self.record_copy(s, i, j, l);
            i += l;
            if j + l == self.frontier {
                mode = Mode::Frontier;
                run_weight = 0.0;
            } else if fresh || run_weight >= ECHO_RUN || chained {
                mode = Mode::Echo { expected: j + l };
            }
        }
        if let (Some(p), Mode::Echo { expected }) = (pending, mode) {
            self.flush(s, p..n, expected, None);
        }
    }

    fn note_breaks(&mut self, s: &SegmentKeys<'_>) {
        while self.breaks.len() < s.seg {
            self.breaks.push(Vec::new());
        }
        let k = s.keys;
        let b = (0..k.len())
            .map(|i| i > 0 && s.text[k.end(i - 1)..k.pos[i]].contains('\n'))
            .collect();
        if self.breaks.len() == s.seg {
            self.breaks.push(b);
        } else {
            self.breaks[s.seg] = b;
        }
    }

    /// Length of the repeated cut at a segment start: the longest prefix of
    /// the segment equal to a suffix of the article (3+ chars; ASCII needs a
    /// word start in the article).
    fn start_overlap(&mut self, s: &SegmentKeys<'_>) -> usize {
        let f = self.frontier;
        let ks = &s.keys.chars;
        let max = ks.len().min(f).min(2000);
        let mut best = 0;
        for l in (3..=max).rev() {
            if self.chars[f - l..f] == ks[..l] && self.word_start(f - l) {
                best = l;
                break;
            }
        }
        if best > 0 {
            self.spans.push(Span {
                seg: s.seg,
                keys: 0..best,
                kind: SpanKind::SeamOverlap,
                at: f - best,
            });
        }
        best
    }

    /// ASCII overlaps must start at a word start in the article, so that a
    /// cut `…the` followed by `their…` is not taken for a repeat.
    fn word_start(&self, p: usize) -> bool {
        if !self.chars[p].is_ascii_alphanumeric() {
            return true;
        }
        p == 0
            || !self.chars[p - 1].is_ascii_alphanumeric()
            || self.src[p - 1].seg != self.src[p].seg
    }

    /// The best acceptable copy at input position `i`, as (article position,
    /// length).
    fn best_copy(
        &self,
        s: &SegmentKeys<'_>,
        i: usize,
        mode: Mode,
        fresh: bool,
    ) -> Option<(usize, usize)> {
        let ks = &s.keys.chars;
        let mut best: Option<(usize, usize, bool)> = None;
        let mut consider = |j: usize, l: usize, this: &Self| {
            if l == 0 || !this.acceptable(s, i, j, l, mode, fresh) {
                return;
            }
            let is_near = matches!(mode, Mode::Echo { expected } if near(j, expected));
            let better = match best {
                None => true,
                Some((bj, bl, bn)) => {
                    (is_near && !bn) || (is_near == bn && (l > bl || (l == bl && j < bj)))
                }
            };
            if better {
                best = Some((j, l, is_near));
            }
        };
        if let Mode::Echo { expected } = mode
            && expected < self.chars.len()
        {
            let l = self.extend(ks, i, expected);
            consider(expected, l, self);
        }
        if i + K_GRAM <= ks.len() {
            let h = hash(&ks[i..i + K_GRAM]);
            if let Some(cands) = self.index.get(&h) {
                for &j in cands {
                    let j = j as usize;
                    let l = self.extend(ks, i, j);
                    if l >= K_GRAM {
                        consider(j, l, self);
                    }
                }
            }
        }
        best.map(|(j, l, _)| (j, l))
    }

    /// Length of the exact match of input `i..` against article `j..`.
    fn extend(&self, ks: &[char], i: usize, j: usize) -> usize {
        let limit = if j < self.frontier {
            self.frontier
        } else {
            self.chars.len()
        };
        let max = (ks.len() - i).min(limit.saturating_sub(j));
        let mut l = 0;
        while l < max && ks[i + l] == self.chars[j + l] {
            l += 1;
        }
        l
    }

    fn acceptable(
        &self,
        s: &SegmentKeys<'_>,
        i: usize,
        j: usize,
        l: usize,
        mode: Mode,
        fresh: bool,
    ) -> bool {
        let w = weight_of(&s.keys.chars[i..i + l]);
        let reaches = j + l == self.frontier;
        if let Mode::Echo { expected } = mode
            && near(j, expected)
            && (l >= K_GRAM || i + l == s.keys.len() || reaches)
        {
            return true;
        }
        let starts = boundary_before(s, i);
        if reaches && w >= MIN_SEAM && (starts || fresh) {
            return true;
        }
        if w >= LONG_COPY {
            return true;
        }
        w >= MIN_COPY && (fresh || (starts && boundary_after(s, i + l)))
    }

    fn record_copy(&mut self, s: &SegmentKeys<'_>, i: usize, j: usize, l: usize) {
        let mut kind = SpanKind::Repeat;
        if j + l <= self.frontier && self.more_structured(s, i, j, l) {
            for d in 0..l {
                self.src[j + d] = Source {
                    seg: s.seg as u32,
                    key: (i + d) as u32,
                };
            }
            kind = SpanKind::Reformat;
        }
        self.spans.push(Span {
            seg: s.seg,
            keys: i..i + l,
            kind,
            at: j,
        });
    }

    /// Does the input copy carry more line breaks than the article's copy?
    fn more_structured(&self, s: &SegmentKeys<'_>, i: usize, j: usize, l: usize) -> bool {
        if l < 2 {
            return false;
        }
        let input = newlines(s.text, s.keys, i, i + l);
        if input == 0 {
            return false;
        }
        let mut article = 0;
        let mut d = 0;
        while d + 1 < l {
            let (a, b) = (self.src[j + d], self.src[j + d + 1]);
            if a.seg != b.seg || a.key + 1 != b.key {
                article += 1; // a join counts as a break
            }
            d += 1;
        }
        // Compare within the article's own segments too.
        article += self.newlines_in_article(j, l);
        input > article
    }

    fn newlines_in_article(&self, j: usize, l: usize) -> usize {
        let mut total = 0;
        for d in 0..l.saturating_sub(1) {
            let (a, b) = (self.src[j + d], self.src[j + d + 1]);
            if a.seg == b.seg && a.key + 1 == b.key {
                total += usize::from(self.breaks[b.seg as usize][b.key as usize]);
            }
        }
        total
    }

    fn append_new(&mut self, s: &SegmentKeys<'_>, i: usize) {
        let p = self.chars.len();
        self.push_char(s, i);
        self.frontier = self.chars.len();
        match self.spans.last_mut() {
            Some(last) if last.kind == SpanKind::New && last.seg == s.seg && last.keys.end == i => {
                last.keys.end = i + 1;
            }
            _ => self.spans.push(Span {
                seg: s.seg,
                keys: i..i + 1,
                kind: SpanKind::New,
                at: p,
            }),
        }
    }

    fn push_char(&mut self, s: &SegmentKeys<'_>, i: usize) {
        self.chars.push(s.keys.chars[i]);
        self.src.push(Source {
            seg: s.seg as u32,
            key: i as u32,
        });
        let n = self.chars.len();
        if n >= K_GRAM {
            let start = n - K_GRAM;
            let list = self.index.entry(hash(&self.chars[start..n])).or_default();
            if list.len() < MAX_CANDIDATES {
                list.push(start as u32);
            }
        }
    }

    /// Decides what a literal run inside an echo is.
    fn flush(
        &mut self,
        s: &SegmentKeys<'_>,
        run: Range<usize>,
        expected: usize,
        next: Option<usize>,
    ) {
        let lit = &s.keys.chars[run.clone()];
        let w = weight_of(lit);
        let target_end = match next {
            Some(js) if js >= expected => js,
            _ => (expected + lit.len() + 16).min(self.frontier.max(expected)),
        };
        let target = &self.chars[expected.min(self.chars.len())..target_end.min(self.chars.len())];
        if w < TINY_VARIANT || similarity(lit, target) >= VARIANT_RATIO {
            self.spans.push(Span {
                seg: s.seg,
                keys: run,
                kind: SpanKind::Variant,
                at: expected,
            });
            return;
        }
        // An edited end of the known text followed by new text: the part
        // past the article's end is new.
        let known = self.frontier.saturating_sub(expected);
        if next.is_none() && known < 60 && lit.len() > known + 8 {
            let head = &lit[..known];
            if similarity(head, &self.chars[expected..self.frontier]) >= VARIANT_RATIO || known < 12
            {
                self.spans.push(Span {
                    seg: s.seg,
                    keys: run.start..run.start + known,
                    kind: SpanKind::Variant,
                    at: expected,
                });
                for i in run.start + known..run.end {
                    self.append_new(s, i);
                }
                return;
            }
        }
        let start = self.chars.len();
        for i in run.clone() {
            self.push_char(s, i);
        }
        self.insertions.push(Insertion {
            k: start..self.chars.len(),
            anchor: expected,
        });
        self.spans.push(Span {
            seg: s.seg,
            keys: run,
            kind: SpanKind::Unsure,
            at: expected,
        });
    }
}

/// Is article position `j` close after where the chain expects to go on?
fn near(j: usize, expected: usize) -> bool {
    j + 8 >= expected && j <= expected + 600
}

fn hash(chars: &[char]) -> u64 {
    // FNV-1a over the chars: fast, and collisions are checked by extension.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Sentence-ending key chars.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '.' | '!' | '?' | '」' | '』' | ':' | '：'
    )
}

/// Does input key `i` start a sentence or a line?
fn boundary_before(s: &SegmentKeys<'_>, i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let k = s.keys;
    is_terminal(k.chars[i - 1]) || s.text[k.end(i - 1)..k.pos[i]].contains('\n')
}

/// Does input key `end - 1` end a sentence or a line?
fn boundary_after(s: &SegmentKeys<'_>, end: usize) -> bool {
    let k = s.keys;
    if end >= k.len() {
        return true;
    }
    is_terminal(k.chars[end - 1]) || s.text[k.end(end - 1)..k.pos[end]].contains('\n')
}

/// Line breaks between input keys `from..to`.
fn newlines(text: &str, k: &Keys, from: usize, to: usize) -> usize {
    (from..to.saturating_sub(1))
        .filter(|&i| text[k.end(i)..k.pos[i + 1]].contains('\n'))
        .count()
}

/// Similarity of two key runs in `0..=1`, on bounded windows with a deadline.
pub fn similarity(a: &[char], b: &[char]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let a: String = a.iter().take(DIFF_WINDOW).collect();
    let b: String = b.iter().take(DIFF_WINDOW).collect();
    similar::TextDiff::configure()
        .timeout(Duration::from_millis(20))
        .diff_chars(&a, &b)
        .ratio()
}

/// Total weight helper re-exported for the merger.
pub fn key_weight(c: char) -> f32 {
    weight(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::keys;

    fn place_all(texts: &[&str]) -> Article {
        let mut a = Article::new();
        let all: Vec<Keys> = texts.iter().map(|t| keys(t, 0, t.len())).collect();
        for (n, t) in texts.iter().enumerate() {
            a.place(&SegmentKeys {
                seg: n,
                keys: &all[n],
                text: t,
                boundary: true,
            });
        }
        a
    }

    fn main_text(a: &Article) -> String {
        a.chars[..a.frontier].iter().collect()
    }

    #[test]
    fn mid_word_continuation_appends() {
        let a = place_all(&[
            "今後数十年続くであろうAI基盤の「土",
            "台」に投資する、という視点が重要になります。",
        ]);
        assert_eq!(
            main_text(&a),
            "今後数十年続くであろうai基盤の「土台」に投資する、という視点が重要になります。"
        );
    }

    #[test]
    fn seam_repeat_of_cut_sentence_is_dropped() {
        let a = place_all(&[
            "最初の文です。これは、単に技術",
            "これは、単に技術的な解決策ではありません。",
        ]);
        assert_eq!(
            main_text(&a),
            "最初の文です。これは、単に技術的な解決策ではありません。"
        );
    }

    #[test]
    fn restart_echo_is_dropped_and_new_tail_kept() {
        let first = "タイトルです。\n\n最初の段落はここにあります。二つ目の文もあります。\n\n次の段落が途中で";
        let echo = "タイトルです。 最初の段落はここにあります。二つ目の文もあります。 次の段落が途中で切れたあとに続きます。";
        let a = place_all(&[first, echo]);
        assert_eq!(
            main_text(&a),
            "タイトルです。最初の段落はここにあります。二つ目の文もあります。次の段落が途中で切れたあとに続きます。"
        );
    }

    #[test]
    fn exact_repeat_is_dropped() {
        let t = "Some long English paragraph that goes on for a while, long enough to count.";
        let a = place_all(&[t, t]);
        assert_eq!(a.frontier, crate::normalize::key_string(t).chars().count());
        assert!(
            a.spans
                .iter()
                .any(|s| matches!(s.kind, SpanKind::Repeat | SpanKind::SeamOverlap))
        );
    }

    #[test]
    fn short_legit_repeat_inside_new_text_is_kept() {
        let a = place_all(&["はい。本文の一文目です。はい。二文目です。"]);
        assert_eq!(main_text(&a), "はい。本文の一文目です。はい。二文目です。");
    }

    #[test]
    fn edited_echo_is_a_variant() {
        let first =
            "一つ目の文がここにあります。二つ目の文はこちらにあります。三つ目の文で終わります。";
        let echo =
            "一つ目の文がここにあります。二つ目の文はこちにらあります。三つ目の文で終わります。";
        let a = place_all(&[first, echo]);
        assert_eq!(
            main_text(&a).chars().count(),
            crate::normalize::key_string(first).chars().count()
        );
        assert!(a.insertions.is_empty());
    }

    #[test]
    fn similarity_is_bounded() {
        let a: Vec<char> = "abcdef".chars().collect();
        assert!(similarity(&a, &a) > 0.99);
        assert_eq!(similarity(&a, &[]), 0.0);
    }
}
