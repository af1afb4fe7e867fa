//! The loss guard (issue 5): it fires on a merge that drops text, names the
//! byte offset and the beginning of the lost text, and fires on none of the
//! public corpus files (`../shared/corpus`, skipped when absent).

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use redraft::{ConflictMode, ErrorKind, Options, guard, segment};

const INPUT: &str = "# 記事\n\nAI基盤への投資は長期的な視点で考える必要があります。市場は短期的な変動に左右されがちです。\n\nそれでも、私たちは土台に投資することを優先しました。この判断は三年後に正しかったと分かります。\n";

fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    segment::sentences(text, 0..text.len())
}

#[test]
fn the_guard_passes_a_merge_that_keeps_everything() {
    let out = guard::grams(INPUT);
    assert_eq!(guard::first_lost(INPUT, &sentences(INPUT), &[], &out), None);
    // A cut-off copy of a kept sentence is covered by its full version.
    let cut = "AI基盤への投資は長期的な視点で考え";
    assert_eq!(guard::first_lost(cut, &sentences(cut), &[], &out), None);
}

#[test]
fn an_answer_going_on_from_a_cut_far_back_passes_the_guard() {
    // The answer says the draft again up to the paragraph before the cut
    // and goes on from the cut word (`exi` + `m4`): its new text joins the
    // cut, not the repeat it follows in the input.
    let input = "---\ntitle: \"Mail\"\n---\n\nThis section is for laptops that connect to the internet through many different networks.\n\nThe light choice for such a machine is a small mail agent. These small agents also respect the aliases file.\n\nConfiguring `exi\n\n---END---\n\nThis section is for laptops that connect to the internet through many different networks.\n\nThe light choice for such a machine is a small mail agent. These small agents also respect the aliases file.m4` to send mail for several sender addresses is far from easy. Use a simpler agent then.\n\n---END---\n";
    let out = redraft::repair(input.as_bytes(), &Options::default()).expect("no loss");
    let text = String::from_utf8(out.output).unwrap();
    assert!(
        text.ends_with("aliases file.\n\nConfiguring `exim4` to send mail for several sender addresses is far from easy. Use a simpler agent then.\n"),
        "{text}"
    );
    // The check itself: the k-gram across the join, not across the input's.
    let out = guard::grams("Configuring `exim4` to send");
    let before: Vec<char> = "ngexi".chars().collect();
    assert!(guard::joined(&before, &['m', '4', 't'], &out));
    let before: Vec<char> = "lefile".chars().collect();
    assert!(!guard::joined(&before, &['m', '4'], &out));
}

#[test]
fn the_guard_fires_on_a_truncated_merge_and_names_the_sentence() {
    // A deliberately broken merge: the last paragraph went missing.
    let cut_at = INPUT.find("それでも").unwrap();
    let broken = &INPUT[..cut_at];
    let lost = guard::first_lost(INPUT, &sentences(INPUT), &[], &guard::grams(broken))
        .expect("the guard fires");
    assert_eq!(lost.range.start, cut_at);
    assert_eq!(
        &INPUT[lost.range],
        "それでも、私たちは土台に投資することを優先しました。"
    );
}

#[test]
fn the_guard_fires_on_a_merge_that_drops_a_middle_sentence() {
    let dropped = "市場は短期的な変動に左右されがちです。";
    let broken = INPUT.replace(dropped, "");
    let lost = guard::first_lost(INPUT, &sentences(INPUT), &[], &guard::grams(&broken))
        .expect("the guard fires");
    assert_eq!(&INPUT[lost.range.clone()], dropped);
    // Excused (a variant of kept text, a trimmed ending): not reported.
    let excused = [lost.range.clone()];
    assert_eq!(
        guard::first_lost(INPUT, &sentences(INPUT), &excused, &guard::grams(&broken)),
        None
    );
}

#[test]
fn would_lose_text_names_the_offset_and_the_text() {
    let err = redraft::Error::new(ErrorKind::WouldLoseText {
        offset: 4918,
        excerpt: "それでも、私たちは土台に…".to_string(),
    });
    let message = err.to_string();
    assert!(message.contains("byte 4918"), "{message}");
    assert!(message.contains("それでも、私たちは土台に…"), "{message}");
    assert!(message.contains("left as it is"), "{message}");
}

// ------------------------------------------------------------ the corpora

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// Every `.md` file of the real and broken synth sets.
fn corpus_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for sub in ["real", "synth/broken"] {
        let Ok(dir) = fs::read_dir(root.join(sub)) else {
            continue;
        };
        for entry in dir.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    if let Ok(seed) = fs::canonicalize(root.join("seed-anthropic-investment.md")) {
        files.push(seed);
    }
    files.sort();
    files
}

/// Repairs with default options; files with conflict markers with
/// `ConflictMode::Union` (the default refuses them, which is not a repair).
/// A panic is reported as an error.
fn repair(bytes: &[u8]) -> Result<redraft::Repair, String> {
    std::panic::catch_unwind(|| repair_unguarded(bytes))
        .unwrap_or_else(|_| Err("panic".to_string()))
}

fn repair_unguarded(bytes: &[u8]) -> Result<redraft::Repair, String> {
    let result = match redraft::repair(bytes, &Options::default()) {
        Err(e) if matches!(e.kind(), ErrorKind::Conflict { .. }) => {
            let opts = Options {
                conflicts: ConflictMode::Union,
                ..Options::default()
            };
            redraft::repair(bytes, &opts)
        }
        other => other,
    };
    result.map_err(|e| match e.kind() {
        ErrorKind::WouldLoseText { .. } => format!("guard: {e}"),
        _ => e.to_string(),
    })
}

fn name(path: &Path) -> String {
    let parent = path
        .parent()
        .and_then(Path::file_name)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{parent}/{}", path.file_name().unwrap().to_string_lossy())
}

/// When the guard does fire, it points into the input at the text it names.
#[test]
fn guard_errors_on_the_corpus_point_at_the_named_text() {
    let Some(root) = corpus() else { return };
    for path in corpus_files(&root) {
        let bytes = fs::read(&path).unwrap();
        let Err(e) = redraft::repair(&bytes, &Options::default()) else {
            continue;
        };
        let ErrorKind::WouldLoseText { offset, excerpt } = e.kind() else {
            continue;
        };
        let input = String::from_utf8_lossy(&bytes);
        let at = input.get(*offset..).unwrap_or_else(|| {
            panic!("{}: offset {offset} out of range", name(&path));
        });
        let want: String = excerpt
            .trim_end_matches('…')
            .split_whitespace()
            .collect::<String>();
        let got: String = at
            .split_whitespace()
            .collect::<String>()
            .chars()
            .take(want.chars().count())
            .collect();
        assert_eq!(
            got,
            want,
            "{}: the excerpt is the text at the offset",
            name(&path)
        );
    }
}

/// Every repair of a corpus file is idempotent: repairing the output
/// changes nothing (a file the guard refuses is left as it is, which is
/// also a fixed point).
#[test]
fn corpus_repairs_are_idempotent() {
    let Some(root) = corpus() else { return };
    let mut unstable = Vec::new();
    for path in corpus_files(&root) {
        let bytes = fs::read(&path).unwrap();
        let Ok(once) = repair(&bytes) else { continue };
        match repair(&once.output) {
            Ok(twice) if twice.output == once.output => {}
            Ok(_) => unstable.push(name(&path)),
            Err(e) => unstable.push(format!("{} (second pass): {e}", name(&path))),
        }
    }
    assert!(
        unstable.is_empty(),
        "not idempotent on:\n{}",
        unstable.join("\n")
    );
}

/// The guard fires on no corpus file.
#[test]
fn corpus_repairs_pass_the_guard() {
    let Some(root) = corpus() else { return };
    let mut refused = Vec::new();
    for path in corpus_files(&root) {
        let bytes = fs::read(&path).unwrap();
        if let Err(e) = repair(&bytes)
            && e.starts_with("guard: ")
        {
            refused.push(format!("{}: {e}", name(&path)));
        }
    }
    assert!(
        refused.is_empty(),
        "guard fired on {}:\n{}",
        refused.len(),
        refused.join("\n")
    );
}
