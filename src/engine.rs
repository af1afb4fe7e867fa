//! The pipeline: bytes in, [`Repair`] out. No files, no stdout.
//!
//! A file without the marker and without a repeated run is recognised by
//! [`needs_repair`] in one pass and returned untouched; everything else goes
//! through the stages listed in the crate docs.

use crate::align::{Article, SegmentKeys, Span, SpanKind};
use crate::clean::{Clean, Leaks};
use crate::error::{Error, ErrorKind};
use crate::front_matter::{self, FrontMatter};
use crate::guard::KeyClass;
use crate::merge::{self, Placed};
use crate::normalize::{FxBuild, Keys, keys};
use crate::report::{
    Action, ActionKind, FileStatus, FragmentKind, FragmentReport, FrontMatterReport, Report,
};
use crate::split::{Split, split_fragments};
use crate::{ConflictMode, Options, PartialEnding, guard, segment, text};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

/// The result of repairing one input.
#[derive(Debug, Clone)]
pub struct Repair {
    /// The repaired bytes (equal to the input when nothing was repaired).
    pub output: Vec<u8>,
    /// What was decided, and why.
    pub report: Report,
}

impl Repair {
    /// Whether the output differs from the input.
    pub fn changed(&self, input: &[u8]) -> bool {
        self.output != input
    }
}

/// Repairs one file's bytes.
///
/// # Errors
/// Invalid UTF-8 outside a cut point, binary input, git conflict markers
/// (unless [`crate::ConflictMode::Union`]), a bad leak pattern, or a repair the
/// loss guard refuses.
pub fn repair(input: &[u8], opts: &Options) -> Result<Repair, Error> {
    if let Some(offset) = text::find_nul(input) {
        return Err(Error::new(ErrorKind::Binary { offset }));
    }
    let fm = front_matter::find(input);
    // Invalid UTF-8 always goes through `text::prepare`, which knows which
    // broken bytes sit at a cut (repairable) and which are an error.
    if !needs_repair(input, opts) && text::is_utf8(input) {
        return Ok(unchanged(input, &fm));
    }
    let mut done = repair_once(input, opts, &fm)?;
    // Repair to a fixed point, so that repairing the output changes nothing.
    // Joining fragments can form a marker (`---E` + `ND---`), dropping a
    // repeat can open or close a code span or fence and expose one, and text
    // kept because it could not be placed with confidence may be a repeat
    // that a pass without the markers proves. The fast check decides (one
    // scan of the output, so the usual repair costs one pass); each pass is
    // guarded against its own input.
    for _ in 0..MAX_PASSES {
        if done.report.status == FileStatus::Clean || !needs_repair(&done.output, opts) {
            break;
        }
        let again = match repair_once(&done.output, opts, &front_matter::find(&done.output)) {
            Ok(again) if again.output != done.output => again,
            Ok(_) => break,
            Err(e) => {
                // Keep the guarded first repair; say why it is not final.
                done.report.warnings.push(match e.kind() {
                    ErrorKind::WouldLoseText { offset, excerpt } => format!(
                        "a second pass would lose text at output byte {offset} (\"{excerpt}\"); kept the first repair"
                    ),
                    _ => format!("a second pass failed ({e}); kept the first repair"),
                });
                break;
            }
        };
        done.report.markers += again.report.markers;
        done.report.bytes_after = again.output.len();
        let at = again.report.actions.first().map_or(0, |a| a.offset);
        done.report.warnings.push(if again.report.markers > 0 {
            format!(
                "the repair formed or exposed {} marker{} (output byte {at}); repaired again",
                again.report.markers,
                if again.report.markers == 1 { "" } else { "s" },
            )
        } else {
            format!("the repaired text still held a repeat (output byte {at}); repaired again")
        });
        done.output = again.output;
    }
    Ok(done)
}

/// Passes after the first, at most, to reach a fixed point.
const MAX_PASSES: usize = 3;

/// One pass of the pipeline.
fn repair_once(input: &[u8], opts: &Options, fm: &FrontMatter) -> Result<Repair, Error> {
    let fm = fm.clone();
    let leaks = Leaks::new(&opts.leak_patterns, opts.prompt.as_deref())?;
    let body = text::prepare(&input[fm.end..], fm.end, &opts.marker)?;
    let mut conflict_actions = Vec::new();
    let work: String = match text::find_conflict(&body.text) {
        None => body.text.clone(),
        Some((off, line)) => match opts.conflicts {
            ConflictMode::Refuse => {
                let fm_lines = input[..fm.end].iter().filter(|&&b| b == b'\n').count();
                return Err(Error::new(ErrorKind::Conflict {
                    offset: body.input_offset(off),
                    line: line + fm_lines,
                }));
            }
            ConflictMode::Union => {
                let (t, removed) = text::union_conflicts(&body.text);
                for (off, line) in removed {
                    conflict_actions.push(action(
                        ActionKind::Conflict,
                        body.input_offset(off),
                        line.len(),
                        0,
                        &line,
                    ));
                }
                t
            }
        },
    };
    let mut split = split_fragments(&work, &opts.marker);
    if fm.kind != crate::front_matter::Kind::None {
        let block = String::from_utf8_lossy(&input[fm.bom..fm.end]).replace("\r\n", "\n");
        split.front_matter_repeats = crate::split::front_matter_repeats(&work, &split, &block);
    }
    let clean = crate::clean::clean(&work, &split, &leaks);
    let seg_keys: Vec<Keys> = clean
        .segments
        .iter()
        .map(|s| keys(&clean.text, s.range.start, s.range.end))
        .collect();
    let mut article = Article::with_capacity(seg_keys.iter().map(Keys::len).sum());
    // With its seam found, fragment 0 opens with the original draft: text
    // the author wrote, repeats and all.
    let seam_found = clean.segments.get(1).is_some_and(|s| s.fragment == 0);
    let original = |n: usize| n == 0 && seam_found;
    for (n, k) in seg_keys.iter().enumerate() {
        article.place(&SegmentKeys {
            seg: n,
            keys: k,
            text: &clean.text,
            boundary: true,
            original: original(n),
        });
    }
    // Without a marker, only a re-emitted run (a restart, a long echo)
    // proves a draft artefact; a repeated sentence or link line may be the
    // author's. This also makes repair a fixed point: its own output has no
    // marker and no long repeat left.
    if split.markers.is_empty() && !reemitted(&article, &seg_keys) && body.broken.is_empty() {
        return Ok(unchanged(input, &fm));
    }
    let placed: Vec<Placed<'_>> = clean
        .segments
        .iter()
        .zip(&seg_keys)
        .enumerate()
        .map(|(n, (s, k))| Placed {
            keys: k,
            range: s.range.clone(),
            lead_space: s.lead_space,
            dots: s.dots,
            original: original(n),
        })
        .collect();
    let order = merge::layout(&article);
    let mut article_text = merge::render(&article, &order, &clean.text, &placed);
    let mut trimmed = None;
    if opts.partial_ending == PartialEnding::Trim {
        trimmed = trim_partial(&mut article_text);
    }
    let (out_text, footer_links) = assemble(&work, &split, &article_text);
    let mut output = input[..fm.end].to_vec();
    output.extend_from_slice(text::restore_line_endings(&out_text, body.crlf).as_bytes());

    let ctx = Ctx {
        work: &work,
        excerpts: opts.excerpts,
        body: &body,
        clean: &clean,
        keys: &seg_keys,
        split: &split,
    };
    if opts.loss_guard {
        check_loss(&ctx, &article, &article_text, trimmed.as_ref())?;
    }
    let mut actions = conflict_actions;
    actions.extend(ctx.actions(&article, trimmed.as_ref()));
    for line in footer_links {
        // Reported at the article's copy (the first), kept in the trailer.
        let at = work.find(line.as_str()).unwrap_or(0);
        actions.push(action(
            ActionKind::Repeat,
            body.input_offset(at),
            line.len(),
            ctx.fragment_of(at),
            &line,
        ));
    }
    actions.sort_by_key(|a| a.offset);
    let mut report = Report {
        status: FileStatus::Repaired,
        markers: split.markers.len(),
        fragments: ctx.fragments(&article),
        actions,
        warnings: warnings(&fm, &article),
        front_matter: fm_report(&fm),
        bytes_before: input.len(),
        bytes_after: output.len(),
    };
    if output == input {
        report.status = FileStatus::Clean;
    }
    Ok(Repair { output, report })
}

/// Quick answer for `check`: the number of markers outside code, when that
/// alone proves the file needs repair (a marker is always removed). `None`
/// when only the full engine can tell: no marker, invalid UTF-8, or git
/// conflict markers (an error to report).
pub fn markers_outside_code(input: &[u8], opts: &Options) -> Option<usize> {
    if !has_marker(input, opts) || text::find_nul(input).is_some() {
        return None;
    }
    marked_markers_outside_code(input, opts)
}

/// [`markers_outside_code`] for an input already known to hold the marker
/// ([`has_marker`]) and no NUL byte: two passes over the bytes fewer.
pub fn marked_markers_outside_code(input: &[u8], opts: &Options) -> Option<usize> {
    if has_conflict_marker(input) {
        return None;
    }
    let fm = front_matter::locate(input);
    let body = text::as_str(&input[fm.end..])?;
    let n = split_fragments(body, &opts.marker).markers.len();
    (n > 0).then_some(n)
}

/// Weight of re-emitted text that marks a marker-less file as broken.
const REEMITTED_RUN: f32 = 200.0;

/// Did the aligner find a long run of re-emitted text?
fn reemitted(article: &Article, keys: &[Keys]) -> bool {
    let mut total = 0.0;
    let mut longest: f32 = 0.0;
    for s in &article.spans {
        if matches!(
            s.kind,
            SpanKind::Repeat | SpanKind::SeamOverlap | SpanKind::Reformat
        ) {
            let w = crate::normalize::weight_of(&keys[s.seg].chars[s.keys.clone()]);
            total += w;
            longest = longest.max(w);
        }
    }
    total >= REEMITTED_RUN && longest >= 80.0
}

/// Fast check: does this input need the engine at all? One pass over the
/// bytes; `false` means [`repair`] leaves it unchanged.
pub fn needs_repair(input: &[u8], opts: &Options) -> bool {
    has_marker(input, opts) || needs_repair_unmarked(input)
}

/// Does the input hold the marker anywhere (code included)? One memchr-class
/// search.
pub fn has_marker(input: &[u8], opts: &Options) -> bool {
    !opts.marker.is_empty() && memchr::memmem::find(input, opts.marker.as_bytes()).is_some()
}

/// [`needs_repair`] for an input known to hold no marker (see
/// [`has_marker`]): a long repeated run or a git conflict marker.
pub fn needs_repair_unmarked(input: &[u8]) -> bool {
    let body_start = front_matter::locate(input).end;
    has_conflict_marker(&input[..body_start]) || has_repeated_run(&input[body_start..])
}

/// A line starting with `<<<<<<<` (git conflict), checked on bytes.
fn has_conflict_marker(input: &[u8]) -> bool {
    input.starts_with(b"<<<<<<<") || memchr::memmem::find(input, b"\n<<<<<<<").is_some()
}

/// Compared bytes in the windows of the fast repeat check. A window only
/// picks the places to compare; the extension from both decides. 16 costs
/// about 20% less than 32 over a clean tree and sends the same files of
/// both corpora (markers removed) to the engine.
const WINDOW: usize = 16;

/// Compared bytes a repeat must run for before the fast check sends a
/// marker-less file to the engine. The engine calls such a file broken only
/// for a re-emitted run of weight 80 (at least 160 bytes of text, 229 of
/// ASCII, 240 of CJK); measured on both corpora with their markers removed,
/// 240 sends every file the engine repairs and few clean ones.
const RUN_BYTES: usize = 240;

/// Does the body repeat a run of text long enough to be a re-emission, or
/// hold a git conflict marker line (looked for at the same line starts)?
///
/// Text is compared as the engine's keys compare it, on bytes: whitespace
/// and Markdown decoration skipped, ASCII case folded (so a collapsed echo
/// equals its structured original). Candidates start a sentence or a line
/// (after `。`, `. ` and line breaks); the first [`WINDOW`] compared bytes
/// of each are hashed into one map, and a window seen before is extended
/// from both places until the run reaches [`RUN_BYTES`]. Windows repeat
/// often in clean posts (image URLs, set phrases, sentences sharing a
/// start); long runs do not. The map keeps the first and the latest place
/// of each window: a repeat of the second of three sentences sharing a
/// start is compared with its original, not only with the first. The front
/// matter is not looked at: a description repeating the lead is normal.
/// Every window and extension is bounded, so the check is linear.
fn has_repeated_run(body: &[u8]) -> bool {
    let mut seen: HashMap<u64, [u32; 2], FxBuild> =
        HashMap::with_capacity_and_hasher(body.len() / 64, FxBuild::default());
    // Starts are moved to their first compared byte; several starts (a
    // blank line, the next line, a sentence end) can land on the same one.
    let mut last = usize::MAX;
    let mut check = |at: usize| -> bool {
        let Some((at, _)) = compared(body, at) else {
            return false;
        };
        if at == last {
            return false;
        }
        last = at;
        let Some(h) = window_hash(body, at) else {
            return false;
        };
        match seen.entry(h) {
            Entry::Vacant(v) => {
                v.insert([at as u32; 2]);
                false
            }
            Entry::Occupied(mut o) => {
                let [first, latest] = o.get().map(|p| p as usize);
                let repeats = |from: usize| from != at && common_run(body, from, at) >= RUN_BYTES;
                if repeats(first) || (latest != first && repeats(latest)) {
                    return true;
                }
                o.get_mut()[1] = at as u32;
                false
            }
        }
    };
    // Sentence and line starts: after `\n`, after `。` and after `. `, from
    // three scans over the body (one merged scan costs more than the three:
    // its matches are dense). Order does not matter to the map.
    static FINDERS: LazyLock<[memmem::Finder<'static>; 2]> =
        LazyLock::new(|| [memmem::Finder::new("。"), memmem::Finder::new(". ")]);
    if check(0) || body.starts_with(b"<<<<<<<") {
        return true;
    }
    for p in memchr::memchr_iter(b'\n', body) {
        if check(p + 1) || body[p + 1..].starts_with(b"<<<<<<<") {
            return true;
        }
    }
    for finder in FINDERS.iter() {
        let len = finder.needle().len();
        // A sentence end before a line break: the line's start is checked.
        let own_start = |p: usize| !matches!(body.get(p + len), Some(b'\n' | b'\r'));
        if finder
            .find_iter(body)
            .any(|p| own_start(p) && check(p + len))
        {
            return true;
        }
    }
    false
}

/// Bytes skipped in comparisons: ASCII whitespace and Markdown decoration.
const SKIPPED: [bool; 256] = {
    let mut t = [false; 256];
    let skipped = b" \t\n\r#*>_`|-~";
    let mut k = 0;
    while k < skipped.len() {
        t[skipped[k] as usize] = true;
        k += 1;
    }
    t
};

/// The next compared byte at or after `i`: its offset, ASCII-lowercased.
#[inline]
fn compared(body: &[u8], mut i: usize) -> Option<(usize, u8)> {
    loop {
        let c = *body.get(i)?;
        if SKIPPED[c as usize] {
            i += 1;
        } else if c == 0xE3 && body.get(i + 1..i + 3) == Some(&[0x80, 0x80]) {
            // U+3000, the ideographic space.
            i += 3;
        } else {
            return Some((i, c.to_ascii_lowercase()));
        }
    }
}

/// Hash of the first [`WINDOW`] compared bytes from `at`, if there are as
/// many.
fn window_hash(body: &[u8], mut at: usize) -> Option<u64> {
    let mut w = [0u8; WINDOW];
    let raw: &[u8; WINDOW] = body.get(at..at + WINDOW)?.try_into().ok()?;
    // Nothing to skip: no skipped byte (none is, when every byte is past
    // ASCII), and no `0x80 0x80` pair, which any U+3000 (E3 80 80) holds.
    // Folds without early exits, so they compile to vector code.
    let non_ascii = raw.iter().fold(0x80, |a, &c| a & c) == 0x80;
    let mut pairs = 0u8;
    for k in 0..WINDOW - 1 {
        pairs |= u8::from(raw[k] == 0x80) & u8::from(raw[k + 1] == 0x80);
    }
    let plain =
        pairs == 0 && (non_ascii || raw.iter().fold(true, |ok, &c| ok & !SKIPPED[c as usize]));
    if plain {
        // Most CJK text: the raw bytes are the window.
        w.copy_from_slice(raw);
        w.make_ascii_lowercase();
    } else {
        // Compacts the compared bytes without a branch per byte; a U+3000
        // in the span read takes the byte-by-byte way.
        let mut buf = [0u8; WINDOW + 1];
        let (mut n, mut k) = (0, at);
        let (mut prev, mut pair) = (0u8, false);
        while n < WINDOW {
            let c = *body.get(k)?;
            buf[n] = c.to_ascii_lowercase();
            n += usize::from(!SKIPPED[c as usize]);
            pair |= (prev == 0x80) & (c == 0x80);
            prev = c;
            k += 1;
        }
        if pair {
            for slot in &mut w {
                let (i, c) = compared(body, at)?;
                *slot = c;
                at = i + 1;
            }
        } else {
            w.copy_from_slice(&buf[..WINDOW]);
        }
    }
    Some(w.chunks_exact(8).fold(0u64, |h, c| {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
    }))
}

/// Length of the common run from `a` and `b`, in compared bytes, up to
/// [`RUN_BYTES`].
fn common_run(body: &[u8], mut a: usize, mut b: usize) -> usize {
    let mut n = 0;
    while n < RUN_BYTES {
        match (compared(body, a), compared(body, b)) {
            (Some((i, x)), Some((j, y))) if x == y => {
                a = i + 1;
                b = j + 1;
                n += 1;
            }
            _ => break,
        }
    }
    n
}

fn unchanged(input: &[u8], fm: &FrontMatter) -> Repair {
    Repair {
        output: input.to_vec(),
        report: Report {
            status: FileStatus::Clean,
            markers: 0,
            fragments: Vec::new(),
            actions: Vec::new(),
            warnings: fm_warnings(fm),
            front_matter: fm_report(fm),
            bytes_before: input.len(),
            bytes_after: input.len(),
        },
    }
}

/// The body: its leading blank lines, the article, the trailer, the final
/// newline the input had; and the article's link lines the trailer repeats
/// (dropped from the article).
fn assemble(work: &str, split: &Split, article: &str) -> (String, Vec<String>) {
    let lead = &work[..work.len() - work.trim_start_matches(['\n', ' ', '\t']).len()];
    let lead = &lead[..lead.rfind('\n').map_or(0, |i| i + 1)];
    let mut out = String::with_capacity(work.len());
    out.push_str(lead);
    let trailer = split
        .trailer
        .as_ref()
        .map(|r| work[r.clone()].trim_start())
        .unwrap_or("");
    let (article, dropped) = without_trailer_links(article, trailer);
    out.push_str(&article);
    if !trailer.is_empty() {
        if !article.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(trailer);
    } else if work.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
    (out, dropped)
}

/// The article without the link list items the trailer repeats (and those
/// lines): the original post carried its related-links footer, the trailer
/// brings it again after the last marker, and the trailer is kept as it is.
fn without_trailer_links(article: &str, trailer: &str) -> (String, Vec<String>) {
    let is_link_item = |l: &str| {
        let t = l.trim();
        (t.starts_with("- [") || t.starts_with("* [")) && t.contains("](")
    };
    let links: HashSet<&str> = trailer
        .lines()
        .filter(|l| is_link_item(l))
        .map(str::trim)
        .collect();
    if links.is_empty() {
        return (article.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(article.len());
    let mut dropped = Vec::new();
    for line in article.split_inclusive('\n') {
        if is_link_item(line) && links.contains(line.trim()) {
            dropped.push(line.trim().to_string());
        } else {
            out.push_str(line);
        }
    }
    if !article.ends_with('\n') && out.ends_with('\n') {
        let kept = out.trim_end().len();
        out.truncate(kept);
    }
    (out, dropped)
}

/// Drops a final sentence that no draft completed; returns what was cut.
fn trim_partial(article: &mut String) -> Option<String> {
    let last = article.trim_end().chars().last()?;
    if crate::align::is_terminal(last) || !last.is_alphanumeric() {
        return None;
    }
    let cut = article
        .char_indices()
        .rev()
        .find(|&(_, c)| crate::align::is_terminal(c) || c == '\n')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let removed = article[cut..].to_string();
    article.truncate(cut);
    let kept = article.trim_end().len();
    article.truncate(kept);
    Some(removed)
}

struct Ctx<'a> {
    /// The text split into fragments (the body, or its conflict union).
    work: &'a str,
    /// Quote each decision's text ([`Options::excerpts`]).
    excerpts: bool,
    body: &'a text::Body,
    clean: &'a Clean,
    keys: &'a [Keys],
    split: &'a Split,
}

impl Ctx<'_> {
    /// Input offset of a clean-text offset.
    fn input_offset(&self, clean_off: usize) -> usize {
        self.body.input_offset(self.clean.body_offset(clean_off))
    }

    /// Clean-text byte range of a span's keys.
    fn span_range(&self, span: &Span) -> Range<usize> {
        let k = &self.keys[span.seg];
        if span.keys.is_empty() || k.is_empty() {
            let p = self.clean.segments[span.seg].range.start;
            return p..p;
        }
        k.pos[span.keys.start]..k.end(span.keys.end - 1)
    }

    fn actions(&self, article: &Article, trimmed: Option<&String>) -> Vec<Action> {
        let mut out = Vec::new();
        for m in &self.split.markers {
            out.push(action(
                ActionKind::Marker,
                self.body.input_offset(m.start),
                m.len(),
                self.fragment_of(m.start),
                "",
            ));
        }
        for r in &self.clean.removals {
            out.push(action(
                r.kind,
                self.body.input_offset(r.range.start),
                r.range.len(),
                r.fragment,
                self.quote(self.work.get(r.range.clone()).unwrap_or_default()),
            ));
        }
        for &b in &self.body.broken {
            out.push(action(ActionKind::BrokenChar, b, 1, 0, ""));
        }
        for span in &article.spans {
            let kind = match span.kind {
                SpanKind::New => continue,
                SpanKind::Repeat | SpanKind::SeamOverlap => ActionKind::Repeat,
                SpanKind::Variant => ActionKind::Variant,
                SpanKind::Unsure => ActionKind::Unsure,
                SpanKind::Reformat => ActionKind::Reformat,
            };
            let r = self.span_range(span);
            out.push(action(
                kind,
                self.input_offset(r.start),
                r.len(),
                self.clean.segments[span.seg].fragment,
                self.quote(&self.clean.text[r]),
            ));
        }
        for span in &article.quotes {
            let r = self.span_range(span);
            out.push(action(
                ActionKind::Quote,
                self.input_offset(r.start),
                r.len(),
                self.clean.segments[span.seg].fragment,
                self.quote(&self.clean.text[r]),
            ));
        }
        for (seg, first) in self.joins(article) {
            let r = self.span_range(first);
            out.push(action(
                ActionKind::Join,
                self.input_offset(r.start),
                0,
                self.clean.segments[seg].fragment,
                self.quote(&self.clean.text[r]),
            ));
        }
        if let Some(t) = trimmed {
            out.push(action(ActionKind::TrimPartial, 0, t.len(), 0, t));
        }
        out
    }

    /// Segments whose first new text continues a cut mid-sentence.
    fn joins<'s>(&self, article: &'s Article) -> Vec<(usize, &'s Span)> {
        let mut out = Vec::new();
        let mut last_seg = usize::MAX;
        for (idx, span) in article.spans.iter().enumerate() {
            if span.seg == last_seg {
                continue;
            }
            if span.kind == SpanKind::SeamOverlap
                || (span.kind == SpanKind::New && span.keys.start == 0)
            {
                last_seg = span.seg;
                let new = if span.kind == SpanKind::New {
                    Some(span)
                } else {
                    article.spans[idx + 1..]
                        .first()
                        .filter(|s| s.seg == span.seg && s.kind == SpanKind::New)
                };
                if let Some(n) = new
                    && n.at > 0
                    && !crate::align::is_terminal(article.chars[n.at - 1])
                    && span.seg > 0
                {
                    out.push((span.seg, n));
                }
            }
        }
        out
    }

    fn fragment_of(&self, body_off: usize) -> usize {
        self.split
            .fragments
            .iter()
            .position(|f| body_off <= f.end)
            .unwrap_or(self.split.fragments.len())
    }

    /// The text an action quotes (its excerpt is made by [`action`]), or
    /// nothing when the report does not quote. Removal ranges are in the
    /// working text, which the body text equals except under conflict
    /// union, hence `get` for them.
    fn quote<'t>(&self, text: &'t str) -> &'t str {
        if self.excerpts { text } else { "" }
    }

    fn fragments(&self, article: &Article) -> Vec<FragmentReport> {
        let mut out: Vec<FragmentReport> = self
            .split
            .fragments
            .iter()
            .enumerate()
            .map(|(n, r)| FragmentReport {
                index: n,
                start: self.body.input_offset(r.start),
                end: self.body.input_offset(r.end),
                kind: FragmentKind::Empty,
                kept_chars: 0,
                repeated_chars: 0,
                dropped_chars: 0,
            })
            .collect();
        let mut first_span: Vec<Option<&Span>> = vec![None; out.len()];
        for span in &article.spans {
            let f = self.clean.segments[span.seg].fragment;
            let n = span.keys.len();
            match span.kind {
                SpanKind::New | SpanKind::Unsure => out[f].kept_chars += n,
                SpanKind::Repeat | SpanKind::SeamOverlap | SpanKind::Reformat => {
                    out[f].repeated_chars += n
                }
                SpanKind::Variant => out[f].dropped_chars += n,
            }
            first_span[f].get_or_insert(span);
        }
        for (f, rep) in out.iter_mut().enumerate() {
            rep.kind = self.kind_of(f, rep, first_span[f], article);
        }
        if let Some(t) = &self.split.trailer {
            out.push(FragmentReport {
                index: out.len(),
                start: self.body.input_offset(t.start),
                end: self.body.input_offset(t.end),
                kind: FragmentKind::Trailer,
                kept_chars: crate::normalize::key_string(&self.work[t.clone()])
                    .chars()
                    .count(),
                repeated_chars: 0,
                dropped_chars: 0,
            });
        }
        out
    }

    fn kind_of(
        &self,
        f: usize,
        rep: &FragmentReport,
        first: Option<&Span>,
        article: &Article,
    ) -> FragmentKind {
        if f == 0 {
            return FragmentKind::Original;
        }
        let Some(first) = first else {
            let leaked = self
                .clean
                .removals
                .iter()
                .any(|r| r.fragment == f && r.kind == ActionKind::Leak);
            return if leaked {
                FragmentKind::Leak
            } else {
                FragmentKind::Empty
            };
        };
        let new = article
            .spans
            .iter()
            .any(|s| self.clean.segments[s.seg].fragment == f && s.kind == SpanKind::New);
        match first.kind {
            SpanKind::SeamOverlap => FragmentKind::SeamRepeat,
            SpanKind::New => FragmentKind::Continuation,
            SpanKind::Unsure => FragmentKind::Unplaced,
            _ if first.at == 0 => FragmentKind::RestartEcho,
            _ if new => FragmentKind::SeamRepeat,
            _ if self.repeats_previous(f) => FragmentKind::ExactRepeat,
            _ if rep.kept_chars == 0 => FragmentKind::TailEcho,
            _ => FragmentKind::TailEcho,
        }
    }

    /// Is fragment `f` byte for byte the previous one (modulo whitespace)?
    fn repeats_previous(&self, f: usize) -> bool {
        let frags = &self.split.fragments;
        f > 0
            && self.work.get(frags[f].clone()).map(str::trim)
                == self.work.get(frags[f - 1].clone()).map(str::trim)
    }
}

fn check_loss(
    ctx: &Ctx<'_>,
    article: &Article,
    article_text: &str,
    trimmed: Option<&String>,
) -> Result<(), Error> {
    let grams = guard::grams(article_text);
    let mut class: Vec<Vec<KeyClass>> = ctx
        .keys
        .iter()
        .map(|k| vec![KeyClass::Kept; k.len()])
        .collect();
    // Where each run of kept keys went in the article, by its first key.
    let mut placed: Vec<Vec<(usize, usize)>> = vec![Vec::new(); ctx.keys.len()];
    for span in &article.spans {
        let c = match span.kind {
            SpanKind::New | SpanKind::Unsure => {
                placed[span.seg].push((span.keys.start, span.at));
                continue;
            }
            SpanKind::Variant => KeyClass::Variant,
            _ => KeyClass::Repeat,
        };
        class[span.seg][span.keys.clone()].fill(c);
    }
    let trimmed_key = trimmed.map(|t| crate::normalize::key_string(t));
    let text = ctx.clean.text.as_str();
    for (n, seg) in ctx.clean.segments.iter().enumerate() {
        let keys = &ctx.keys[n];
        // A sentence's k-grams are among its segment's: where every k-gram
        // of the segment passes, no sentence fails. The sentence split is
        // only needed around a failing k-gram, to tell a lost sentence from
        // a k-gram across a join, and to name it: the lines around it (a
        // line break always ends a sentence, so the split is the same).
        let mut from = 0;
        while let Some(m) =
            guard::first_missing(&keys.chars[from..], &class[n][from..], &grams).map(|d| from + d)
        {
            // Said again up to a cut and going on from it (`…respektieren.`
            // + `m4` zum …`, the cut `exi` of `exim4` far back): kept text
            // that opens after a repeat is checked after the article text
            // it was placed behind, when that text was cut mid-sentence
            // (else the run's own opening may have been taken for a repeat
            // and lost).
            if let Some(b) = (m + 1..m + guard::K).find(|&b| class[n][b] == KeyClass::Kept)
                && class[n][m..b].iter().all(|&c| c == KeyClass::Repeat)
                && let Ok(p) = placed[n].binary_search_by_key(&b, |&(start, _)| start)
                && let Some(before) = placed[n][p].1.checked_sub(b - m)
                && !crate::align::is_terminal(article.chars[placed[n][p].1 - 1])
                && guard::joined(
                    &article.chars[before..placed[n][p].1],
                    &keys.chars[b..m + guard::K],
                    &grams,
                )
            {
                from = m + 1;
                continue;
            }
            let window = lines_around(text, seg.range.clone(), keys.pos[m]);
            for r in segment::sentences(text, window.clone()) {
                let k = keys.pos.partition_point(|&p| p < r.start)
                    ..keys.pos.partition_point(|&p| p < r.end);
                if guard::first_missing(&keys.chars[k.clone()], &class[n][k.clone()], &grams)
                    .is_none()
                {
                    continue;
                }
                // The cut-off ending `--trim-partial-ending` dropped may go.
                let sentence: String = keys.chars[k].iter().collect();
                if trimmed_key
                    .as_ref()
                    .is_some_and(|t| t.contains(&sentence) || sentence.contains(t.as_str()))
                {
                    continue;
                }
                return Err(Error::new(ErrorKind::WouldLoseText {
                    offset: ctx.input_offset(r.start),
                    excerpt: excerpt(&text[r]),
                }));
            }
            from = keys.pos.partition_point(|&p| p < window.end).max(m + 1);
            if from >= keys.len() {
                break;
            }
        }
    }
    Ok(())
}

/// The whole lines of `text[range]` around byte `at`, looking a bounded way
/// each side for the line breaks; the whole range when a line is longer.
fn lines_around(text: &str, range: Range<usize>, at: usize) -> Range<usize> {
    const LOOK: usize = 8 * 1024;
    let bytes = text.as_bytes();
    let lo = range.start.max(at.saturating_sub(LOOK));
    let start = match memchr::memrchr(b'\n', &bytes[lo..at]) {
        Some(p) => lo + p + 1,
        None if lo == range.start => range.start,
        None => return range,
    };
    let hi = range.end.min(at + LOOK);
    let end = match memchr::memchr(b'\n', &bytes[at..hi]) {
        Some(p) => at + p,
        None if hi == range.end => range.end,
        None => return range,
    };
    start..end
}

fn warnings(fm: &FrontMatter, article: &Article) -> Vec<String> {
    let mut w = fm_warnings(fm);
    let unsure = article
        .spans
        .iter()
        .filter(|s| s.kind == SpanKind::Unsure)
        .count();
    if unsure > 0 {
        w.push(format!(
            "{unsure} run{} of text could not be placed with confidence; kept (see explain)",
            if unsure == 1 { "" } else { "s" }
        ));
    }
    w
}

fn fm_warnings(fm: &FrontMatter) -> Vec<String> {
    let mut w = Vec::new();
    if let Some(e) = &fm.error {
        w.push(format!("front matter does not parse ({e}); kept as it is"));
    }
    if fm.unclosed {
        w.push("front matter is not closed; treated as text".to_string());
    }
    w
}

fn fm_report(fm: &FrontMatter) -> FrontMatterReport {
    FrontMatterReport {
        kind: fm.kind.name(),
        len: fm.end - fm.bom,
        error: fm.error.clone(),
    }
}

fn action(kind: ActionKind, offset: usize, len: usize, fragment: usize, text: &str) -> Action {
    Action {
        kind,
        offset,
        len,
        fragment,
        excerpt: excerpt(text),
    }
}

/// The first characters of a text, on one line.
fn excerpt(text: &str) -> String {
    const CHARS: usize = 40;
    let mut s = String::with_capacity(CHARS * 3 + 4);
    let mut n = 0;
    let mut gap = false;
    // Char by char: a CJK text has no whitespace to split a long span at.
    for c in text.chars() {
        if c.is_whitespace() {
            gap = n > 0;
            continue;
        }
        for c in [' ', c].into_iter().skip(usize::from(!gap)) {
            if n == CHARS {
                s.push('…');
                return s;
            }
            s.push(c);
            n += 1;
        }
        gap = false;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_excerpts_the_repair_is_the_same_and_quotes_nothing() {
        let input = "The model wrote a long sent\n\n---END---\n\nsentence about drafts. Then it went on.\n\n---END---\n";
        let quoted = repair(input.as_bytes(), &Options::default()).unwrap();
        let opts = Options {
            excerpts: false,
            ..Options::default()
        };
        let bare = repair(input.as_bytes(), &opts).unwrap();
        assert_eq!(bare.output, quoted.output);
        assert_eq!(bare.report.actions.len(), quoted.report.actions.len());
        assert!(quoted.report.actions.iter().any(|a| !a.excerpt.is_empty()));
        assert!(bare.report.actions.iter().all(|a| a.excerpt.is_empty()));
    }

    #[test]
    fn lines_around_a_byte() {
        let text = "first line\nsecond line\nthird line";
        assert_eq!(&text[lines_around(text, 0..text.len(), 14)], "second line");
        assert_eq!(&text[lines_around(text, 0..text.len(), 2)], "first line");
        assert_eq!(&text[lines_around(text, 0..text.len(), 30)], "third line");
        // Within the range only.
        assert_eq!(&text[lines_around(text, 13..20, 14)], "cond li");
        // A line longer than the look-around: the whole range.
        let long = format!("a\n{}\nb", "x".repeat(20_000));
        assert_eq!(lines_around(&long, 0..long.len(), 10_000), 0..long.len());
    }

    fn fix(s: &str) -> String {
        String::from_utf8(repair(s.as_bytes(), &Options::default()).unwrap().output).unwrap()
    }

    #[test]
    fn clean_file_is_untouched() {
        let t = "---\ntitle: x\n---\n\nJust an article.\n";
        let r = repair(t.as_bytes(), &Options::default()).unwrap();
        assert_eq!(r.output, t.as_bytes());
        assert_eq!(r.report.status, FileStatus::Clean);
    }

    #[test]
    fn seed_like_join() {
        let t = "---\na: 1\n---\n\n前半の文です。AI基盤の「土\n\n---END---\n\n台」に投資する、という視点が重要になります。\n\n---END---\n";
        assert_eq!(
            fix(t),
            "---\na: 1\n---\n\n前半の文です。AI基盤の「土台」に投資する、という視点が重要になります。\n"
        );
    }

    #[test]
    fn trailer_is_kept() {
        let t = "本文です。\n\n---END---\n\n---\n\n## 関連記事\n\n- [a](/a/)\n";
        assert_eq!(fix(t), "本文です。\n\n---\n\n## 関連記事\n\n- [a](/a/)\n");
    }

    #[test]
    fn crlf_stays_crlf() {
        let t = "本文です。続き\r\n\r\n---END---\r\n\r\nの文です。\r\n\r\n---END---\r\n";
        assert_eq!(fix(t), "本文です。続きの文です。\r\n");
    }

    #[test]
    fn binary_is_an_error() {
        let err = repair(b"a\0b", &Options::default()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Binary { offset: 1 }));
    }

    #[test]
    fn the_unmarked_check_finds_conflict_lines_anywhere() {
        let side = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\n";
        for input in [
            side.to_string(),
            format!("Some text.\n\n{side}"),
            format!("---\ntitle: t\n{side}---\nbody\n"),
            format!("---\ntitle: t\n---\n{side}"),
        ] {
            assert!(needs_repair_unmarked(input.as_bytes()), "{input:?}");
            assert!(needs_repair(input.as_bytes(), &Options::default()));
        }
        // Not at a line start: text, not a conflict.
        assert!(!needs_repair_unmarked(b"a <<<<<<< b\n"));
        assert!(!has_marker(b"no marker here", &Options::default()));
    }

    #[test]
    fn conflict_is_refused_by_default_and_unioned_on_request() {
        let t = "a。\n---END---\n<<<<<<< Updated upstream\nb。\n=======\nc。\n>>>>>>> Stashed changes\n";
        let err = repair(t.as_bytes(), &Options::default()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Conflict { line: 3, .. }));
        let opts = Options {
            conflicts: ConflictMode::Union,
            ..Options::default()
        };
        let out = String::from_utf8(repair(t.as_bytes(), &opts).unwrap().output).unwrap();
        assert!(!out.contains("<<<<<<<") && out.contains("b。") && out.contains("c。"));
    }

    #[test]
    fn markers_outside_code_answer_check_quickly() {
        let o = Options::default();
        assert_eq!(
            markers_outside_code(b"a\n---END---\nb\n---END---\n", &o),
            Some(2)
        );
        assert_eq!(markers_outside_code(b"```\n---END---\n```\n", &o), None);
        assert_eq!(markers_outside_code(b"no marker\n", &o), None);
        let conflict = b"a\n---END---\n<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n";
        assert_eq!(markers_outside_code(conflict, &o), None);
        assert_eq!(marked_markers_outside_code(conflict, &o), None);
        // Binary data is the engine's to report; the marked variant is for
        // inputs already known to hold no NUL byte.
        assert_eq!(markers_outside_code(b"a\0\n---END---\n", &o), None);
        assert_eq!(
            marked_markers_outside_code(b"a\n---END---\nb\n", &o),
            Some(1)
        );
    }

    #[test]
    fn excerpts_are_one_line_and_short() {
        assert_eq!(excerpt("  a\n\n b  c \n"), "a b c");
        let long = "あ".repeat(100);
        assert_eq!(excerpt(&long), format!("{}…", "あ".repeat(40)));
        let forty = "x".repeat(40);
        assert_eq!(excerpt(&format!("{forty}  ")), forty);
        assert_eq!(excerpt(&format!("{forty} y")), format!("{forty}…"));
    }

    #[test]
    fn fast_path_sees_repeats_without_markers() {
        let para: String = (0..6)
            .map(|i| format!("Sentence number {i} is long enough to fill the window. "))
            .collect();
        assert!(!has_repeated_run(para.as_bytes()));
        assert!(has_repeated_run(format!("{para}\n\n{para}").as_bytes()));
        // A collapsed echo of structured text is the same run.
        let items = "## Heading of the section\n\n- first item of a list that goes on\n- second item of the list, also long\n";
        let text = format!("{items}{para}\n\n{}{para}", items.replace('\n', " "));
        assert!(has_repeated_run(text.as_bytes()));
    }

    #[test]
    fn fast_path_ignores_short_shared_runs_and_front_matter() {
        // Sentences sharing a long start, and an image URL prefix, are
        // common in clean posts: not a re-emitted run.
        let a =
            "This sentence is long enough to fill the whole window, and then it ends one way.\n";
        let b = "This sentence is long enough to fill the whole window, but it ends another way.\n";
        let img = "![](https://cdn.example.com/blogimg/asset/2024/very/long/path/";
        let text = format!("{a}{b}{img}a.png)\n{img}b.png)\n");
        assert!(!has_repeated_run(text.as_bytes()));
        // The front matter's description repeating the lead is normal.
        let lead =
            "This lead sentence is repeated in the description of the front matter. ".repeat(4);
        let text = format!("---\ndescription: {lead}\n---\n\n{lead}\n");
        assert!(!needs_repair_unmarked(text.as_bytes()));
        assert!(needs_repair_unmarked(
            format!("{lead}\n\n{lead}\n").as_bytes()
        ));
    }

    #[test]
    fn fast_path_sees_a_repeat_behind_an_earlier_sentence_with_its_start() {
        // Three paragraphs open with the same words (one window); the third
        // repeats the second. The first is not the one to compare with.
        let start = "In this article we look at";
        let first = format!("{start} the weather, which is a short paragraph.\n\n");
        let second: String = (0..5)
            .map(|i| format!("{start} part {i} of the long story that is told again. "))
            .collect();
        let text = format!("{first}{second}\n\n{second}\n");
        assert!(has_repeated_run(text.as_bytes()));
        let cjk_start = "この記事では、";
        let second: String = (0..4)
            .map(|i| format!("{cjk_start}第{i}の話題について長く書いています。"))
            .collect();
        let text = format!("{cjk_start}天気の話。\n\n{second}\n\n{second}\n");
        assert!(has_repeated_run(text.as_bytes()));
    }
}
