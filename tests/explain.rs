//! Snapshot of the `explain` map on a small fixture: the account a person
//! reads when they want to know what redraft decided and why.

use redraft::{Options, repair};

fn explain(case: &str) -> String {
    let path = format!("{}/fixtures/{case}/input.md", env!("CARGO_MANIFEST_DIR"));
    let input = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let fixed = repair(&input, &Options::default()).unwrap_or_else(|e| panic!("{path}: {e}"));
    fixed.report.explain()
}

#[test]
fn explain_seam_repeat_sentence() {
    insta::assert_snapshot!(explain("ja-seam-repeat-sentence"));
}

#[test]
fn explain_restart_echo() {
    insta::assert_snapshot!(explain("ja-restart-echo-collapsed"));
}

#[test]
fn explain_clean_file() {
    insta::assert_snapshot!(explain("ja-clean"));
}
