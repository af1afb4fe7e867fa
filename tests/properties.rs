//! Property tests over generated broken articles (issue 5).
//!
//! A small article of numbered sentences (Japanese-like or English-like) is
//! broken the way `../shared/eval/synth.py` breaks real posts: cut mid-text,
//! then round after round a completion is appended (genuine continuation,
//! seam repeat, continuation behind an ellipsis, restart or tail echo,
//! exact repeat, empty answer), sometimes whitespace-collapsed, lightly
//! edited, behind a leaked prompt line, cut inside a character, followed by
//! `---END---` on its own line or glued. Then, for every repair:
//!
//! - the front matter bytes are kept;
//! - no `---END---` is left;
//! - repair is idempotent;
//! - no loss: every sentence of the source article that appears whole in the
//!   input (modulo whitespace) appears in the output, or a light edit of it
//!   that also appears in the input;
//! - the output has no more sentences than the union of the drafts (distinct
//!   sentences of the input).
//!
//! `cargo test` runs 64 cases from a fixed seed (and the recorded ones in
//! `properties.proptest-regressions`), so CI sees the same cases each time;
//! `PROPTEST_RNG_SEED=N PROPTEST_CASES=2000 cargo test --release --test
//! properties` explores further. Such runs still find rare failures of the
//! last two properties: over 60 seeds of 2,000 cases (December 2026, after
//! the eighth session's fixes), the no-loss property failed in 2 runs and
//! the sentence count in 5, each run stopping at its first failure. Over
//! the first 30 of those seeds, the session began at 3 and 5 and ended at
//! 0 and 1. Over seeds 201-284 (ninth session), no-loss failed in 12 runs
//! and the sentence count in 2, all but one with the eighth session's
//! output (`tests/echo_openings.rs` holds the two the ninth fixed). What they
//! find is small-vocabulary coincidence the engine reads the other way,
//! among them:
//!
//! - an echo whose opening sentence is edited and whose other sentences are
//!   too short to anchor it (`第2下文書き…`, `Sentence 2 shotr …` after a
//!   cut `Sen` that it also repeats), kept as new text;
//! - an edited echo after a draft that stops at a whole heading, when no
//!   sentence of it is said whole before the heading;
//! - an edited restart echo whose next sentence start also matches the cut
//!   (`… measured. Senten` + `Sentence 5 …`), taken for the cut going on.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use proptest::prelude::*;
use redraft::{ErrorKind, Options, front_matter};

const MARKER: &str = "---END---";
/// Shortest echo from anywhere, in chars.
const ECHO_MIN: usize = 6;

// ------------------------------------------------------------ the article

const EN: &[&str] = &[
    "draft", "model", "answer", "token", "limit", "article", "reader", "editor", "the", "a", "cut",
    "short", "again", "later", "quietly", "river", "window", "market", "garden", "signal", "wrote",
    "kept", "lost", "found", "measured", "seven", "green", "under", "before", "after",
];
const JA: &[&str] = &[
    "下書き",
    "モデル",
    "回答",
    "記事",
    "読者",
    "編集",
    "投資",
    "基盤",
    "市場",
    "信号",
    "庭",
    "川",
    "窓",
    "静かに",
    "再び",
    "後で",
    "が",
    "を",
    "に",
    "は",
    "の",
    "と",
    "書いた",
    "残した",
    "失った",
    "見つけた",
    "測った",
    "七つの",
    "緑の",
    "「土台」",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Ja,
}

/// One sentence: its words (indices into the word list) and whether a
/// paragraph break follows it.
#[derive(Debug, Clone)]
struct SentenceSpec {
    words: Vec<usize>,
    para_break: bool,
}

/// The clean article: front matter, title, numbered sentences in paragraphs.
#[derive(Debug, Clone)]
struct ArticleSpec {
    lang: Lang,
    front_matter: bool,
    heading_at: Option<usize>,
    sentences: Vec<SentenceSpec>,
}

struct Article {
    front_matter: String,
    /// The body, as chars (the corruption works on char positions).
    body: Vec<char>,
    /// The sentences, as written in the body.
    sentences: Vec<String>,
    /// Where each sentence starts in `body`.
    starts: Vec<usize>,
}

/// The words of a sentence, without a repeated run of words directly
/// followed by itself (`draft draft`, `a cut a cut`). Such a square makes a
/// cut between its halves undecidable: `… article draft` + `draft.` reads as
/// the cut word said again as well as a new word, and no repair can know
/// which. Prose written by people or models almost never has one.
fn square_free(words: &[usize], vocabulary: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(words.len());
    for &w in words {
        out.push(w % vocabulary);
        let n = out.len();
        if (1..=n / 2).any(|k| out[n - k..] == out[n - 2 * k..n - k]) {
            out.pop();
        }
    }
    out
}

fn sentence_text(lang: Lang, n: usize, words: &[usize]) -> String {
    let vocabulary = match lang {
        Lang::En => EN.len(),
        Lang::Ja => JA.len(),
    };
    let words = square_free(words, vocabulary);
    match lang {
        Lang::En => {
            let mut s = format!("Sentence {n}");
            for &w in &words {
                s.push(' ');
                s.push_str(EN[w]);
            }
            s.push('.');
            s
        }
        Lang::Ja => {
            let mut s = format!("第{n}文");
            for &w in &words {
                s.push_str(JA[w]);
            }
            s.push('。');
            s
        }
    }
}

fn build_article(spec: &ArticleSpec) -> Article {
    let front_matter = if spec.front_matter {
        "---\ntitle: \"A post\"\ntags: [a, b]\n---\n".to_string()
    } else {
        String::new()
    };
    let mut body = String::new();
    body.push_str(match spec.lang {
        Lang::En => "# A post about drafts\n\n",
        Lang::Ja => "# 下書きについての記事\n\n",
    });
    let mut sentences = Vec::new();
    let mut starts = Vec::new();
    for (n, s) in spec.sentences.iter().enumerate() {
        if spec.heading_at == Some(n) && n > 0 {
            // A heading starts a line, whatever the paragraph before it.
            if !body.ends_with("\n\n") {
                body.truncate(body.trim_end().len());
                body.push_str("\n\n");
            }
            body.push_str(match spec.lang {
                Lang::En => "## The middle part\n\n",
                Lang::Ja => "## 中盤の話\n\n",
            });
        }
        let text = sentence_text(spec.lang, n, &s.words);
        starts.push(body.chars().count());
        body.push_str(&text);
        sentences.push(text);
        if n + 1 < spec.sentences.len() {
            body.push_str(match (s.para_break, spec.lang) {
                (true, _) => "\n\n",
                (false, Lang::En) => " ",
                (false, Lang::Ja) => "",
            });
        }
    }
    Article {
        front_matter,
        body: body.chars().collect(),
        sentences,
        starts,
    }
}

fn article_strategy() -> impl Strategy<Value = ArticleSpec> {
    let sentence = (
        prop::collection::vec(0usize..64, 4..12),
        prop::bool::weighted(0.3),
    )
        .prop_map(|(words, para_break)| SentenceSpec { words, para_break });
    (
        prop_oneof![Just(Lang::En), Just(Lang::Ja)],
        prop::bool::weighted(0.7),
        prop::option::of(2usize..20),
        prop::collection::vec(sentence, 6..30),
    )
        .prop_map(|(lang, front_matter, heading_at, sentences)| ArticleSpec {
            lang,
            front_matter,
            heading_at,
            sentences,
        })
}

// ------------------------------------------------------------ breaking it

#[derive(Debug, Clone, Copy)]
enum Mode {
    /// From the cut point (`from` 0), the cut sentence (1) or behind an
    /// ellipsis (2).
    Cont {
        from: u8,
    },
    /// From the title (`from` 0), a sentence start (1) or anywhere (2).
    Echo {
        from: u8,
        edit: bool,
    },
    Dup,
    Empty,
}

#[derive(Debug, Clone)]
struct Round {
    mode: Mode,
    /// Picks a start position where the mode allows a choice.
    pick: f64,
    /// Share of the article the answer may hold (synth.py: 0.15-0.55).
    budget: f64,
    collapse: bool,
    leak: Option<usize>,
    /// Cut inside the last character: 0 no, 1 U+FFFD, 2 broken UTF-8 bytes.
    cut_char: u8,
    glued: bool,
}

#[derive(Debug, Clone)]
struct Breakage {
    t0: f64,
    cut_char: u8,
    rounds: Vec<Round>,
    trailer: bool,
    crlf: bool,
}

fn round_strategy() -> impl Strategy<Value = Round> {
    let mode = prop_oneof![
        40 => (0u8..3).prop_map(|from| Mode::Cont { from }),
        42 => (0u8..3, prop::bool::weighted(0.3)).prop_map(|(from, edit)| Mode::Echo { from, edit }),
        12 => Just(Mode::Dup),
        6 => Just(Mode::Empty),
    ];
    (
        mode,
        0.0..1.0f64,
        0.15..0.55f64,
        prop::bool::weighted(0.2),
        prop::option::weighted(0.06, 0usize..3),
        prop_oneof![8 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        prop::bool::weighted(0.08),
    )
        .prop_map(
            |(mode, pick, budget, collapse, leak, cut_char, glued)| Round {
                mode,
                pick,
                budget,
                collapse,
                leak,
                cut_char,
                glued,
            },
        )
}

fn breakage_strategy() -> impl Strategy<Value = Breakage> {
    (
        0.3..0.8f64,
        prop_oneof![8 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        prop::collection::vec(round_strategy(), 1..8),
        prop::bool::ANY,
        prop::bool::weighted(0.05),
    )
        .prop_map(|(t0, cut_char, rounds, trailer, crlf)| Breakage {
            t0,
            cut_char,
            rounds,
            trailer,
            crlf,
        })
}

const LEAKS_EN: &[&str] = &[
    "Here is the continuation of the article:",
    "Sure! Continuing from where it left off:",
    "[Existing article, last part]",
];
const LEAKS_JA: &[&str] = &[
    "【既存の記事の最後の部分】",
    "続きを書きます。",
    "さあ、いよいよ記事の続きです。",
];

/// A broken file, and what the checks need to know about it.
struct Broken {
    bytes: Vec<u8>,
    /// Light edits of sentences that echoes carried: (sentence, edited).
    edits: Vec<(usize, String)>,
    trailer: Option<String>,
}

fn collapse(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Swaps two adjacent alphanumeric characters inside sentence `n`, or drops
/// it, the light edits an LLM makes when it re-emits text (as synth.py).
fn edit_sentence(s: &str, pick: f64) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    if pick < 0.2 {
        return None; // dropped
    }
    let spots: Vec<usize> = (0..chars.len().saturating_sub(1))
        .filter(|&i| chars[i].is_alphanumeric() && chars[i + 1].is_alphanumeric())
        .filter(|&i| chars[i] != chars[i + 1])
        .collect();
    let &i = spots.get((pick * spots.len() as f64) as usize % spots.len().max(1))?;
    let mut c = chars;
    c.swap(i, i + 1);
    Some(c.into_iter().collect())
}

/// Text `a[from..to]` with one sentence lightly edited (echoes only).
fn echo_text(
    a: &Article,
    from: usize,
    to: usize,
    edit: bool,
    pick: f64,
) -> (String, Option<(usize, String)>) {
    let plain: String = a.body[from..to].iter().collect();
    if !edit {
        return (plain, None);
    }
    let whole: Vec<usize> = (0..a.sentences.len())
        .filter(|&n| {
            let len = a.sentences[n].chars().count();
            a.starts[n] >= from && a.starts[n] + len <= to
        })
        .collect();
    let Some(&n) = whole.get((pick * whole.len() as f64) as usize % whole.len().max(1)) else {
        return (plain, None);
    };
    let (s, len) = (a.starts[n], a.sentences[n].chars().count());
    let before: String = a.body[from..s].iter().collect();
    let after: String = a.body[s + len..to].iter().collect();
    match edit_sentence(&a.sentences[n], pick) {
        Some(edited) => (format!("{before}{edited}{after}"), Some((n, edited))),
        None => (format!("{before}{after}"), None),
    }
}

/// Cuts inside the last character of an answer: U+FFFD (1) or the first
/// bytes of its UTF-8 encoding (2). Returns the bytes and whether a
/// character was lost.
fn cut_char(out: &str, how: u8) -> (Vec<u8>, bool) {
    let Some(last) = out.chars().last().filter(|c| !c.is_ascii()) else {
        return (out.as_bytes().to_vec(), false);
    };
    let head = &out[..out.len() - last.len_utf8()];
    let mut bytes = head.as_bytes().to_vec();
    match how {
        1 => bytes.extend_from_slice("\u{fffd}".as_bytes()),
        2 => {
            let mut buf = [0u8; 4];
            let enc = last.encode_utf8(&mut buf).as_bytes();
            bytes.extend_from_slice(&enc[..enc.len() - 1]);
        }
        _ => return (out.as_bytes().to_vec(), false),
    }
    (bytes, true)
}

fn trim_bytes(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

/// Does a sentence end at char `x` of the body?
fn ends_at(body: &[char], x: usize) -> bool {
    matches!(body[x], '。' | '！' | '？')
        || matches!(body[x], '.' | '!' | '?') && body.get(x + 1).is_none_or(|c| c.is_whitespace())
}

fn break_article(a: &Article, lang: Lang, br: &Breakage) -> Broken {
    let n = a.body.len();
    let budget = |f: f64| ((n as f64 * f) as usize).max(40);
    let t0 = ((n as f64 * br.t0) as usize).clamp(1, n);
    // The original draft stops inside a sentence, as a token limit does:
    // cut exactly at a sentence end, the unmarked first answer is one more
    // paragraph of the author's as far as anyone can tell (a repeat there
    // is kept, by policy, as the author's own).
    let t0 = match (0..t0).rev().find(|&x| !a.body[x].is_whitespace()) {
        Some(x) if ends_at(&a.body, x) => (t0 + ECHO_MIN).min(n),
        _ => t0,
    };
    let first: String = a.body[..t0].iter().collect();
    // The original draft is followed by the first answer without a marker:
    // a cut there leaves U+FFFD only (broken bytes at that seam are an
    // error today, see `robustness::broken_bytes_at_the_unmarked_seam`).
    let (mut body, lost) = cut_char(&first, br.cut_char.min(1));
    let mut pos = if lost { t0 - 1 } else { t0 };
    let mut prev: Vec<u8> = Vec::new();
    let mut edits = Vec::new();
    for round in &br.rounds {
        // Does this answer end exactly at the furthest point reached?
        let mut at_frontier = false;
        let mut out: String = match round.mode {
            Mode::Cont { from } => {
                let s = if from == 1 {
                    a.starts
                        .iter()
                        .copied()
                        .filter(|&x| x <= pos)
                        .max()
                        .unwrap_or(pos)
                } else {
                    pos
                };
                let end = (s + budget(round.budget)).min(n);
                let piece: String = a.body[s..end].iter().collect();
                pos = pos.max(end);
                at_frontier = end == pos;
                let piece = if round.collapse {
                    collapse(&piece)
                } else {
                    piece
                };
                let pre = if from == 2 {
                    if round.pick < 0.5 { "..." } else { "…" }
                } else {
                    ""
                };
                format!("{pre}{piece}")
            }
            Mode::Echo { from, edit } => {
                let s = match from {
                    0 => 0,
                    1 => {
                        let before: Vec<usize> =
                            a.starts.iter().copied().filter(|&x| x < pos).collect();
                        before
                            .get((round.pick * before.len() as f64) as usize)
                            .copied()
                            .unwrap_or(0)
                    }
                    // Anywhere, but not in the last few chars: an echo of
                    // `i` after a cut `limi` (`limi` + `it model`) cannot be
                    // told from a continuation (`limiit`) by any repair.
                    _ => (round.pick * pos.saturating_sub(ECHO_MIN) as f64) as usize,
                };
                // Nor a char or two before a line or sentence end (`事` of
                // the title `…記事` after a cut `…下書`): from the next one.
                let s = match (s..pos).find(|&x| a.body[x] == '\n' || ends_at(&a.body, x)) {
                    Some(end) if end < s + ECHO_MIN => {
                        let next = (end + 1..pos).find(|&x| !a.body[x].is_whitespace());
                        next.unwrap_or(s)
                    }
                    _ => s,
                };
                let b = budget(round.budget);
                let (known, e) = echo_text(a, s, pos, edit, round.pick);
                edits.extend(e);
                let known_len = known.chars().count();
                let fresh_len = b.saturating_sub(known_len).min(n - pos);
                let fresh: String = a.body[pos..pos + fresh_len].iter().collect();
                let text: String = format!("{known}{fresh}").chars().take(b).collect();
                if fresh_len > 0 && known_len < b {
                    pos += fresh_len;
                }
                at_frontier = known_len + fresh_len <= b;
                if round.collapse {
                    collapse(&text)
                } else {
                    text
                }
            }
            Mode::Dup => String::from_utf8_lossy(&prev).into_owned(),
            Mode::Empty => String::new(),
        };
        if let (Some(k), false) = (round.leak, out.is_empty()) {
            let leaks = if lang == Lang::En { LEAKS_EN } else { LEAKS_JA };
            out = format!("{}\n{out}", leaks[k % leaks.len()]);
        }
        let mut out_bytes = out.clone().into_bytes();
        if pos < n && !matches!(round.mode, Mode::Dup) {
            let (b, lost) = cut_char(&out, round.cut_char);
            out_bytes = b;
            if lost && at_frontier {
                // The lost character is re-emitted by a later answer, if any.
                pos = pos.saturating_sub(1).max(1);
            }
        }
        if matches!(round.mode, Mode::Dup) {
            out_bytes = prev.clone();
        }
        prev = out_bytes.clone();
        let mut next = trim_bytes(&body).to_vec();
        next.extend_from_slice(b"\n\n");
        next.extend_from_slice(&out_bytes);
        next.extend_from_slice(if round.glued {
            b"---END---"
        } else {
            b"\n\n---END---"
        });
        body = next;
    }
    let trailer = br.trailer.then(|| match lang {
        Lang::En => "---\n\n## Related posts\n\n- [post-1](/2025/01/02/post-1/)\n- [note-2](/2025/03/04/note-2/)".to_string(),
        Lang::Ja => "---\n\n## 関連記事\n\n- [post-1](/2025/01/02/post-1/)\n- [note-2](/2025/03/04/note-2/)".to_string(),
    });
    if let Some(t) = &trailer {
        body.extend_from_slice(b"\n\n");
        body.extend_from_slice(t.as_bytes());
    }
    body.push(b'\n');
    let mut bytes = a.front_matter.as_bytes().to_vec();
    if !a.front_matter.is_empty() {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(&body);
    if br.crlf {
        bytes = crlf(&bytes);
    }
    Broken {
        bytes,
        edits,
        trailer,
    }
}

fn crlf(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + b.len() / 20);
    for &c in b {
        if c == b'\n' {
            out.push(b'\r');
        }
        out.push(c);
    }
    out
}

// ------------------------------------------------------------ the checks

/// Whitespace removed, for comparisons modulo whitespace.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Sentences of a text: split after `。！？` and after `.!?` followed by
/// whitespace, and at line breaks; whitespace removed, empty ones dropped.
fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            out.push(std::mem::take(&mut cur));
            continue;
        }
        cur.push(c);
        let next_ws = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if matches!(c, '。' | '！' | '？') || (matches!(c, '.' | '!' | '?') && next_ws) {
            out.push(std::mem::take(&mut cur));
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|s| squash(&s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The body of a file without its front matter, markers and the artefact
/// lines the engine drops (leaks), as text.
fn drafts_text(bytes: &[u8], fm_end: usize) -> String {
    let text = String::from_utf8_lossy(&bytes[fm_end..]).replace(MARKER, "\n");
    text.lines()
        .filter(|l| !LEAKS_EN.contains(&l.trim()) && !LEAKS_JA.contains(&l.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A generated case, repaired once.
struct Case {
    article: Article,
    broken: Broken,
    out: Vec<u8>,
    out_text: String,
}

impl Case {
    fn input(&self) -> &[u8] {
        &self.broken.bytes
    }

    /// The input and output, for failure messages.
    fn shown(&self) -> String {
        format!(
            "\ninput:  {:?}\noutput: {:?}",
            String::from_utf8_lossy(self.input()),
            self.out_text
        )
    }
}

/// Builds, breaks and repairs; `None` when the loss guard refused (nothing
/// written, which is safe; `guard_refusals_are_rare` keeps that rare).
fn repair_case(spec: &ArticleSpec, br: &Breakage) -> Result<Option<Case>, TestCaseError> {
    let article = build_article(spec);
    let broken = break_article(&article, spec.lang, br);
    let shown = String::from_utf8_lossy(&broken.bytes).into_owned();
    let out = match redraft::repair(&broken.bytes, &Options::default()) {
        Ok(r) => r.output,
        Err(e) if matches!(e.kind(), ErrorKind::WouldLoseText { .. }) => return Ok(None),
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "repair failed: {e}\ninput: {shown:?}"
            )));
        }
    };
    let out_text = String::from_utf8(out.clone())
        .map_err(|_| TestCaseError::fail(format!("output is not UTF-8\ninput: {shown:?}")))?;
    Ok(Some(Case {
        article,
        broken,
        out,
        out_text,
    }))
}

fn check_front_matter_and_markers(c: &Case) -> Result<(), TestCaseError> {
    let fm = front_matter::find(c.input());
    prop_assert!(
        c.out.starts_with(&c.input()[..fm.end]),
        "front matter changed{}",
        c.shown()
    );
    prop_assert!(
        !c.out_text.contains(MARKER),
        "a marker is left{}",
        c.shown()
    );
    Ok(())
}

fn check_idempotent(c: &Case) -> Result<(), TestCaseError> {
    let again = redraft::repair(&c.out, &Options::default())
        .map_err(|e| TestCaseError::fail(format!("second repair failed: {e}{}", c.shown())))?
        .output;
    prop_assert!(
        again == c.out,
        "not idempotent{}\ntwice:  {:?}",
        c.shown(),
        String::from_utf8_lossy(&again)
    );
    Ok(())
}

fn check_no_loss(c: &Case) -> Result<(), TestCaseError> {
    let input = squash(&String::from_utf8_lossy(c.input()));
    let out = squash(&c.out_text);
    for (n, s) in c.article.sentences.iter().enumerate() {
        let s = squash(s);
        if !input.contains(&s) || out.contains(&s) {
            continue;
        }
        let variant_kept = c.broken.edits.iter().any(|(m, e)| {
            let e = squash(e);
            *m == n && input.contains(&e) && out.contains(&e)
        });
        prop_assert!(variant_kept, "sentence {n} lost: {s:?}{}", c.shown());
    }
    if let Some(t) = &c.broken.trailer {
        prop_assert!(out.contains(&squash(t)), "trailer lost{}", c.shown());
    }
    Ok(())
}

fn check_sentence_count(c: &Case) -> Result<(), TestCaseError> {
    let fm = front_matter::find(c.input());
    let union: HashSet<String> = split_sentences(&drafts_text(c.input(), fm.end))
        .into_iter()
        .collect();
    let out_sentences = split_sentences(c.out_text.get(fm.end..).unwrap_or(""));
    prop_assert!(
        out_sentences.len() <= union.len(),
        "{} sentences out, {} distinct in the drafts{}",
        out_sentences.len(),
        union.len(),
        c.shown()
    );
    Ok(())
}

/// Runs one check on a generated case (skipped when the guard refused).
fn property(
    spec: &ArticleSpec,
    br: &Breakage,
    check: fn(&Case) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    match repair_case(spec, br)? {
        Some(case) => check(&case),
        None => Ok(()),
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Deterministic by default, so CI sees the same cases on every run;
/// `PROPTEST_RNG_SEED` (or `PROPTEST_CASES`) explores further.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::with_cases(cases());
    if std::env::var("PROPTEST_RNG_SEED").is_err() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(20_261_128);
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn front_matter_is_kept_and_no_marker_is_left(
        spec in article_strategy(),
        br in breakage_strategy(),
    ) {
        property(&spec, &br, check_front_matter_and_markers)?;
    }

    #[test]
    fn repair_is_idempotent(spec in article_strategy(), br in breakage_strategy()) {
        property(&spec, &br, check_idempotent)?;
    }

    #[test]
    fn no_sentence_is_lost(spec in article_strategy(), br in breakage_strategy()) {
        property(&spec, &br, check_no_loss)?;
    }

    #[test]
    fn no_more_sentences_than_the_drafts(
        spec in article_strategy(),
        br in breakage_strategy(),
    ) {
        property(&spec, &br, check_sentence_count)?;
    }
}

// ------------------------------------------------------------ found here

/// Found by `no_sentence_is_lost`, minimized: the text after the cut
/// `quietl` / `quietly` (Sentence 5 and the end of Sentence 3) was dropped
/// as "variants" of chars matched here and there in later text, past the
/// loss guard. An edited copy must now be dense and about as long as what
/// it copies; here the guard refuses the file instead.
#[test]
fn sentence_lost_without_the_guard_firing() {
    let input = "Sentence 2 draft short article draft draft draft. Sentence 3 found found draft draft draft draft measured signal. Sentence 4 short later river before quietl\nSentence draft draft answer draft draft draft seven. Sentence 2 draft short article draft draft draft. Sentence 3 found found draft draft draft draft measured ---END---\nred signal. Sentence 4 short later river before quietly Sentence 5 seven kept reader under measured short. article under token wrote after ---END---\n";
    let out = match redraft::repair(input.as_bytes(), &Options::default()) {
        Ok(r) => String::from_utf8(r.output).unwrap(),
        // The guard refusing is an acceptable outcome.
        Err(e) if matches!(e.kind(), ErrorKind::WouldLoseText { .. }) => return,
        Err(e) => panic!("{e}"),
    };
    assert!(
        squash(&out).contains(&squash(
            "Sentence 5 seven kept reader under measured short."
        )),
        "{out:?}"
    );
}

/// Found by `repair_is_idempotent`, minimized: the first pass glues the cut
/// `dr` to `drafts` and keeps the repeated sentences after it; the second
/// pass drops them.
#[test]
fn engine_bug_not_idempotent_on_a_fragment0_seam() {
    let input = "Sentence 1 draft draft quietly measured. Sentence 2 short dr\n\ndrafts\n\n Sentence 1 draft draft quietly measured. Sentence 2 short ---END---\n";
    let once = redraft::repair(input.as_bytes(), &Options::default())
        .unwrap()
        .output;
    let twice = redraft::repair(&once, &Options::default()).unwrap().output;
    assert_eq!(
        String::from_utf8_lossy(&twice),
        String::from_utf8_lossy(&once)
    );
}

/// Found by `no_more_sentences_than_the_drafts` (after engine commits
/// c4940b9..b035998; it passed before): the first answer, glued to the
/// original without a marker, restarts the article behind a leaked prompt
/// line with one light edit (`静にか`); the repair keeps the title, the edited
/// sentence and a cut-off copy of sentence 2. Shrunk further by proptest:
/// `# A post about drafts\n\nSentence 0 draft draft draft draft. Sentence 1
/// d\n\n# A post about drafts\n\n Sentence 1 draft\n\n---END---\n` keeps the
/// title twice.
#[test]
fn engine_bug_restart_echo_behind_a_leak_line_is_kept() {
    let input = "# 下書きについての記事\n\n第0文静かに測ったは「土台」後で記事川を後で。第1文書いた市場測った測った後で回答見つけたに記事「土台」。第2文七つの記事モデル読\n\n【既存の記事の最後の部分】\n# 下書きについての記事\n\n第0文静にか測ったは「土台」後で記事川を後で。第1文書いた市場測った測った後で回答見つけたに記事「土台」。第2文七つの記事モデル読者\n\n---END---\n\n---\n\n## 関連記事\n\n- [post-1](/2025/01/02/post-1/)\n- [note-2](/2025/03/04/note-2/)\n";
    let out = String::from_utf8(
        redraft::repair(input.as_bytes(), &Options::default())
            .unwrap()
            .output,
    )
    .unwrap();
    assert_eq!(out.matches("# 下書きについての記事").count(), 1, "{out:?}");
    assert_eq!(out.matches("第2文").count(), 1, "{out:?}");
}

/// The guard may refuse a repair (the file is then left as it is), but on
/// inputs shaped like the real ones that must stay the exception.
#[test]
fn guard_refusals_are_rare() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (article_strategy(), breakage_strategy());
    let total = cases();
    let mut refused = Vec::new();
    for _ in 0..total {
        let (spec, br) = strategy.new_tree(&mut runner).unwrap().current();
        let broken = break_article(&build_article(&spec), spec.lang, &br);
        if let Err(e) = redraft::repair(&broken.bytes, &Options::default()) {
            refused.push(format!("{e}: {:?}", String::from_utf8_lossy(&broken.bytes)));
        }
    }
    assert!(
        refused.len() * 10 <= total as usize,
        "{} of {total} generated files refused:\n{}",
        refused.len(),
        refused.join("\n")
    );
}
