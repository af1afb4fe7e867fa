//! Fixture pairs, driven by one test.
//!
//! Every `fixtures/<case>/input.md` must repair to `fixtures/<case>/expected.md`
//! byte for byte, and every `expected.md` must repair to itself (repair is
//! idempotent and leaves clean files untouched). All cases run; the failures
//! are collected and printed with a readable diff before the test fails.
//!
//! Run one case: `FIXTURE=ja-bom cargo test --test fixtures`
//! (the value is a substring of the case name).

use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use similar::TextDiff;

#[test]
fn fixtures() {
    let cases = case_dirs();
    assert!(!cases.is_empty(), "no fixture cases found under fixtures/");
    let filter = std::env::var("FIXTURE").unwrap_or_default();
    let cases: Vec<PathBuf> = cases
        .into_iter()
        .filter(|dir| case_name(dir).contains(&filter))
        .collect();

    // The engine may panic (todo!(), a bug): report it as that case's failure,
    // keep going, and keep the default hook's noise out of the report.
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let failures: Vec<String> = cases.iter().filter_map(|dir| check_case(dir)).collect();
    panic::set_hook(hook);

    if !failures.is_empty() {
        let mut report = String::new();
        for failure in &failures {
            report.push_str(failure);
            report.push('\n');
        }
        panic!(
            "{report}{} of {} fixture cases failed (see above)",
            failures.len(),
            cases.len()
        );
    }
}

/// `fixtures/*/` that hold an `input.md`, sorted by name.
fn case_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let entries = fs::read_dir(&root).expect("read fixtures/");
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("input.md").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn case_name(dir: &Path) -> String {
    dir.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Checks one case; `Some(description)` when it fails.
fn check_case(dir: &Path) -> Option<String> {
    let name = case_name(dir);
    let input = fs::read(dir.join("input.md")).expect("read input.md");
    let expected = match fs::read(dir.join("expected.md")) {
        Ok(bytes) => bytes,
        Err(err) => return Some(format!("=== {name}: cannot read expected.md: {err}\n")),
    };
    let mut out = String::new();
    if let Some(problem) = compare(&input, &expected) {
        let _ = writeln!(
            out,
            "=== {name}: input.md does not repair to expected.md\n{problem}"
        );
    }
    if let Some(problem) = compare(&expected, &expected) {
        let _ = writeln!(
            out,
            "=== {name}: not idempotent, expected.md changes when repaired\n{problem}"
        );
    }
    (!out.is_empty()).then_some(out)
}

/// Repairs `input`; `Some(description)` unless the output equals `expected`.
fn compare(input: &[u8], expected: &[u8]) -> Option<String> {
    let options = redraft::Options::default();
    let result = panic::catch_unwind(AssertUnwindSafe(|| redraft::repair(input, &options)));
    match result {
        Err(payload) => Some(format!("engine panicked: {}\n", panic_message(&*payload))),
        Ok(Err(err)) => Some(format!("engine returned an error: {err}\n")),
        Ok(Ok(repair)) if repair.output == expected => None,
        Ok(Ok(repair)) => Some(diff(expected, &repair.output)),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(non-string panic payload)".to_string()
    }
}

/// A unified line diff (expected → actual), then the first differing spot in
/// context, since Japanese and Chinese paragraphs are single long lines.
fn diff(expected: &[u8], actual: &[u8]) -> String {
    let expected = visible(expected);
    let actual = visible(actual);
    let mut out = TextDiff::from_lines(&expected, &actual)
        .unified_diff()
        .context_radius(1)
        .header("expected.md", "actual")
        .to_string();
    let at = expected
        .chars()
        .zip(actual.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let _ = writeln!(
        out,
        "first difference at char {at}:\n  expected: …{}…\n  actual:   …{}…",
        around(&expected, at),
        around(&actual, at)
    );
    out
}

/// Text with the invisible bytes that matter here made visible.
fn visible(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .replace('\u{feff}', "<BOM>")
        .replace('\r', "␍")
}

/// A one-line window of `text` around char index `at`.
fn around(text: &str, at: usize) -> String {
    let start = at.saturating_sub(20);
    text.chars()
        .skip(start)
        .take(60)
        .collect::<String>()
        .replace('\n', "⏎")
}
