//! Benchmarks of the engine stages on generated inputs (`cargo bench`).
//!
//! Inputs are made by `synth` (no corpus text): a typical post in English
//! and Japanese, the same ten times larger with ten times the answers and
//! heavier repetition, a post of 100 answers, and a clean post for the fast
//! path. Each stage is timed on the output of the stages before it, which is
//! prepared outside the timed loop.

#![allow(missing_docs, clippy::unwrap_used)]

mod synth;

use redraft::align::{Article, SegmentKeys};
use redraft::clean::{Clean, Leaks};
use redraft::merge::{self, Placed};
use redraft::normalize::{Keys, keys};
use redraft::split::{Split, split_fragments};
use redraft::{DEFAULT_MARKER, Options};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use synth::{Lang, Shape};

fn main() {
    divan::main();
}

/// The broken inputs, by name.
const BROKEN: &[&str] = &[
    "en-post",
    "ja-post",
    "ja-100-answers",
    "en-post-x10",
    "ja-post-x10",
];

fn shape(name: &str) -> Shape {
    match name {
        "en-post" => Shape::post(Lang::En),
        "ja-post" => Shape::post(Lang::Ja),
        "ja-100-answers" => Shape {
            fragments: 100,
            budget: 1_500,
            article_chars: 60_000,
            ..Shape::post(Lang::Ja)
        },
        "en-post-x10" => Shape::post(Lang::En).scaled(10),
        "ja-post-x10" => Shape::post(Lang::Ja).scaled(10),
        _ => panic!("unknown input {name}"),
    }
}

/// Every stage's product for one input, made once.
struct Prepared {
    input: Vec<u8>,
    work: String,
    split: Split,
    clean: Clean,
    keys: Vec<Keys>,
    article: Article,
}

fn prepared(name: &'static str) -> &'static Prepared {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static Prepared>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap();
    map.entry(name)
        .or_insert_with(|| Box::leak(Box::new(prepare(synth::broken(shape(name))))))
}

fn prepare(text: String) -> Prepared {
    let input = text.into_bytes();
    let fm = redraft::front_matter::find(&input);
    let work = redraft::text::prepare(&input[fm.end..], fm.end, DEFAULT_MARKER)
        .unwrap()
        .text;
    let split = split_fragments(&work, DEFAULT_MARKER);
    let clean = redraft::clean::clean(&work, &split, &leaks());
    let keys = segment_keys(&clean);
    let article = align(&clean, &keys);
    Prepared {
        input,
        work,
        split,
        clean,
        keys,
        article,
    }
}

fn leaks() -> Leaks {
    Leaks::new(&[], None).unwrap()
}

fn segment_keys(clean: &Clean) -> Vec<Keys> {
    clean
        .segments
        .iter()
        .map(|s| keys(&clean.text, s.range.start, s.range.end))
        .collect()
}

fn align(clean: &Clean, seg_keys: &[Keys]) -> Article {
    let mut article = Article::new();
    for (seg, keys) in seg_keys.iter().enumerate() {
        article.place(&SegmentKeys {
            seg,
            keys,
            text: &clean.text,
            boundary: true,
            original: false,
        });
    }
    article
}

#[divan::bench(args = BROKEN, sample_count = 20)]
fn split(bencher: divan::Bencher, name: &'static str) {
    let p = prepared(name);
    bencher
        .counter(divan::counter::BytesCount::new(p.input.len()))
        .bench(|| split_fragments(&p.work, DEFAULT_MARKER));
}

#[divan::bench(args = BROKEN, sample_count = 20)]
fn clean(bencher: divan::Bencher, name: &'static str) {
    let p = prepared(name);
    let leaks = leaks();
    bencher
        .counter(divan::counter::BytesCount::new(p.input.len()))
        .bench(|| redraft::clean::clean(&p.work, &p.split, &leaks));
}

#[divan::bench(args = BROKEN, sample_count = 20)]
fn normalize(bencher: divan::Bencher, name: &'static str) {
    let p = prepared(name);
    bencher
        .counter(divan::counter::BytesCount::new(p.input.len()))
        .bench(|| segment_keys(&p.clean));
}

#[divan::bench(args = BROKEN, sample_count = 10)]
fn align_segments(bencher: divan::Bencher, name: &'static str) {
    let p = prepared(name);
    bencher
        .counter(divan::counter::BytesCount::new(p.input.len()))
        .bench(|| align(&p.clean, &p.keys));
}

#[divan::bench(args = BROKEN, sample_count = 20)]
fn merge_layout_render(bencher: divan::Bencher, name: &'static str) {
    let p = prepared(name);
    let placed: Vec<Placed<'_>> = p
        .clean
        .segments
        .iter()
        .zip(&p.keys)
        .map(|(s, k)| Placed {
            keys: k,
            range: s.range.clone(),
            lead_space: s.lead_space,
            dots: s.dots,
            original: false,
        })
        .collect();
    bencher
        .counter(divan::counter::BytesCount::new(p.input.len()))
        .bench(|| {
            let order = merge::layout(&p.article);
            merge::render(&p.article, &order, &p.clean.text, &placed)
        });
}

/// The whole engine, loss guard and report included.
#[divan::bench(args = BROKEN, sample_count = 10)]
fn repair(bencher: divan::Bencher, name: &'static str) {
    let p = prepared(name);
    let opts = Options::default();
    bencher
        .counter(divan::counter::BytesCount::new(p.input.len()))
        .bench(|| redraft::repair(&p.input, &opts).ok());
}

/// The fast path on a clean post of ~1 MB: one pass, no engine.
#[divan::bench(sample_count = 20)]
fn needs_repair_clean_1mb(bencher: divan::Bencher) {
    let input = synth::clean(Lang::Ja, 350_000, 3).into_bytes();
    let opts = Options::default();
    bencher
        .counter(divan::counter::BytesCount::new(input.len()))
        .bench(|| redraft::needs_repair(&input, &opts));
}

/// `repair` on the same clean post (fast path plus UTF-8 check and copy).
#[divan::bench(sample_count = 20)]
fn repair_clean_1mb(bencher: divan::Bencher) {
    let input = synth::clean(Lang::Ja, 350_000, 3).into_bytes();
    let opts = Options::default();
    bencher
        .counter(divan::counter::BytesCount::new(input.len()))
        .bench(|| redraft::repair(&input, &opts).ok());
}

/// Building the leak patterns, which `repair` does once per call (per file).
#[divan::bench(sample_count = 20)]
fn leaks_new() -> Leaks {
    leaks()
}
