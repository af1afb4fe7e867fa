//! The command-line contract (`docs/cli.md`), run against the built binary on
//! small trees in temporary directories.
//!
//! Inputs are simple so the assertions do not depend on engine details: exit
//! codes, which files change, that markers are gone, JSON fields.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// The crate-level doc example: two markers, a cut mid-word.
const BROKEN: &str = "---\ntitle: t\n---\nThe model wrote a long sent\n\n---END---\n\nsentence about drafts. Then it went on.\n\n---END---\n";
/// A second broken shape: a cut mid-word continued after a marker.
const BROKEN_CUT: &str = "Hello wor\n\n---END---\n\nworld again.\n";
const CLEAN: &str = "# A clean post\n\nNothing to repair here. It ends well.\n";

/// What the library makes of `input`: the CLI must write exactly this.
fn fixed_with(input: &str, opts: &redraft::Options) -> String {
    let repair = redraft::repair(input.as_bytes(), opts).expect("the engine repairs the sample");
    let text = String::from_utf8(repair.output).expect("utf-8 output");
    assert!(
        !text.contains(&opts.marker),
        "the engine left a marker: {text}"
    );
    assert!(
        text.starts_with("---\ntitle: t\n---\n"),
        "front matter kept: {text}"
    );
    assert_ne!(text, input, "the sample needs repair");
    text
}

/// [`BROKEN`] as the library repairs it with default options.
fn fixed() -> String {
    fixed_with(BROKEN, &redraft::Options::default())
}

fn redraft(dir: &Path) -> Command {
    let mut cmd = assert_cmd::cargo_bin_cmd!("redraft");
    cmd.current_dir(dir).env_remove("PRE_COMMIT");
    cmd
}

/// A temporary tree from `(relative path, contents)` pairs.
fn tree(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, bytes).expect("write");
    }
    dir
}

fn read(dir: &TempDir, name: &str) -> String {
    fs::read_to_string(dir.path().join(name)).expect("read")
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("run").stdout).expect("utf-8 stdout")
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn file_record<'a>(records: &'a [serde_json::Value], path: &str) -> &'a serde_json::Value {
    records
        .iter()
        .find(|r| r["type"] == "file" && r["path"] == path)
        .unwrap_or_else(|| panic!("no record for {path} in {records:?}"))
}

// ---------------------------------------------------------------- check

#[test]
fn check_clean_tree_exits_0_and_prints_nothing() {
    let dir = tree(&[("a.md", CLEAN.as_bytes()), ("sub/b.md", CLEAN.as_bytes())]);
    redraft(dir.path()).arg("check").assert().code(0).stdout("");
}

#[test]
fn check_lists_files_that_need_repair_and_exits_1() {
    let dir = tree(&[
        ("clean.md", CLEAN.as_bytes()),
        ("broken.md", BROKEN.as_bytes()),
    ]);
    redraft(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("broken.md: "))
        .stdout(predicate::str::contains("marker"))
        .stdout(predicate::str::contains("clean.md").not());
    assert_eq!(read(&dir, "broken.md"), BROKEN, "check never writes");
}

#[test]
fn check_default_path_is_the_current_directory() {
    let dir = tree(&[("x/broken.md", BROKEN.as_bytes())]);
    let out = stdout_of(redraft(dir.path()).arg("check"));
    assert!(out.starts_with("x/broken.md: "), "{out}");
}

#[test]
fn check_after_fix_exits_0() {
    let dir = tree(&[("a.md", BROKEN.as_bytes()), ("b.md", BROKEN_CUT.as_bytes())]);
    redraft(dir.path()).arg("fix").assert().code(0);
    redraft(dir.path()).arg("check").assert().code(0).stdout("");
}

#[test]
fn check_stdin_reports_without_writing() {
    let dir = tree(&[]);
    redraft(dir.path())
        .args(["check", "-"])
        .write_stdin(BROKEN)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("-: "));
    redraft(dir.path())
        .args(["check", "-"])
        .write_stdin(CLEAN)
        .assert()
        .code(0)
        .stdout("");
}

// ---------------------------------------------------------------- fix

#[test]
fn fix_repairs_in_place_and_reports_each_file() {
    let dir = tree(&[("a.md", BROKEN.as_bytes()), ("clean.md", CLEAN.as_bytes())]);
    redraft(dir.path())
        .arg("fix")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("a.md: repaired ("))
        .stdout(predicate::str::contains("clean.md").not())
        .stderr(predicate::str::contains(
            "2 files scanned: 1 repaired, 1 unchanged, 0 errors",
        ));
    assert_eq!(read(&dir, "a.md"), fixed());
    assert_eq!(read(&dir, "clean.md"), CLEAN);
}

#[test]
fn fix_removes_markers_from_a_cut_word() {
    let dir = tree(&[("a.md", BROKEN_CUT.as_bytes())]);
    redraft(dir.path()).args(["fix", "a.md"]).assert().code(0);
    let fixed = read(&dir, "a.md");
    assert!(!fixed.contains("---END---"), "{fixed}");
    assert!(fixed.contains("again."), "{fixed}");
}

#[test]
fn fix_twice_equals_fix_once() {
    let dir = tree(&[("a.md", BROKEN.as_bytes()), ("b.md", BROKEN_CUT.as_bytes())]);
    redraft(dir.path()).arg("fix").assert().code(0);
    let once = (read(&dir, "a.md"), read(&dir, "b.md"));
    redraft(dir.path()).arg("fix").assert().code(0).stdout("");
    assert_eq!((read(&dir, "a.md"), read(&dir, "b.md")), once);
}

#[test]
fn fix_leaves_no_temporary_file() {
    let dir = tree(&[("a.md", BROKEN.as_bytes()), ("b.md", BROKEN_CUT.as_bytes())]);
    redraft(dir.path()).arg("fix").assert().code(0);
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "b.md"]);
}

#[cfg(unix)]
#[test]
fn fix_keeps_a_clean_files_inode_and_mtime() {
    use std::os::unix::fs::MetadataExt;
    let dir = tree(&[
        ("clean.md", CLEAN.as_bytes()),
        ("broken.md", BROKEN.as_bytes()),
    ]);
    let path = dir.path().join("clean.md");
    let before = fs::metadata(&path).expect("stat");
    std::thread::sleep(std::time::Duration::from_millis(20));
    redraft(dir.path()).arg("fix").assert().code(0);
    let after = fs::metadata(&path).expect("stat");
    assert_eq!(before.ino(), after.ino());
    assert_eq!(before.modified().ok(), after.modified().ok());
}

#[cfg(unix)]
#[test]
fn fix_keeps_permission_bits() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[("a.md", BROKEN.as_bytes()), ("b.md", BROKEN.as_bytes())]);
    for (name, mode) in [("a.md", 0o640), ("b.md", 0o755)] {
        fs::set_permissions(dir.path().join(name), fs::Permissions::from_mode(mode))
            .expect("chmod");
    }
    redraft(dir.path()).arg("fix").assert().code(0);
    for (name, mode) in [("a.md", 0o640), ("b.md", 0o755)] {
        let meta = fs::metadata(dir.path().join(name)).expect("stat");
        assert_eq!(meta.permissions().mode() & 0o7777, mode, "{name}");
        assert_eq!(read(&dir, name), fixed());
    }
}

#[test]
fn fix_exit_non_zero_on_fix() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "--exit-non-zero-on-fix"])
        .assert()
        .code(1);
    redraft(dir.path())
        .args(["fix", "--exit-non-zero-on-fix"])
        .assert()
        .code(0);
}

#[test]
fn fix_quiet_prints_nothing() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "-q"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    assert_eq!(read(&dir, "a.md"), fixed());
}

#[test]
fn fix_stdin_writes_repaired_text_to_stdout() {
    let dir = tree(&[]);
    redraft(dir.path())
        .args(["fix", "-"])
        .write_stdin(BROKEN)
        .assert()
        .code(0)
        .stdout(fixed());
    redraft(dir.path())
        .args(["fix", "-"])
        .write_stdin(CLEAN)
        .assert()
        .code(0)
        .stdout(CLEAN);
}

#[test]
fn fix_stdin_passes_a_file_it_cannot_repair_through_unchanged() {
    // A pipeline that misses the exit code still gets its text back.
    let dir = tree(&[]);
    let conflict = "Intro.\n\n---END---\n\n<<<<<<< HEAD\nOurs.\n=======\nTheirs.\n>>>>>>> branch\n";
    redraft(dir.path())
        .args(["fix", "-"])
        .write_stdin(conflict)
        .assert()
        .code(2)
        .stdout(conflict)
        .stderr(predicate::str::contains(
            "-: git conflict markers at line 5; resolve them or use --conflicts union; passed through unchanged",
        ));
    let invalid: &[u8] = b"Intro \xff here.\n";
    redraft(dir.path())
        .args(["fix", "-"])
        .write_stdin(invalid)
        .assert()
        .code(2)
        .stdout(invalid)
        .stderr(predicate::str::contains("not valid UTF-8"));
}

#[test]
fn fix_results_are_in_path_order_whatever_the_threads() {
    let files: Vec<(String, &[u8])> = (0..40)
        .map(|i| (format!("d{}/f{i:02}.md", i % 3), BROKEN.as_bytes()))
        .collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let one = tree(&refs);
    let many = tree(&refs);
    let out1 = stdout_of(redraft(one.path()).args(["check", "-j", "1"]));
    let out8 = stdout_of(redraft(many.path()).args(["check", "-j", "8"]));
    assert_eq!(out1, out8);
    let paths: Vec<&str> = out1
        .lines()
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths.len(), 40);
    assert_eq!(paths, sorted);
}

#[test]
fn a_streamed_walk_lists_files_in_the_order_of_a_sorted_list() {
    // Several workers take files while the walk goes on (one directory
    // argument); names where a directory sorts between files.
    let names = [
        "a.md", "a-b.md", "a/b.md", "a/c/d.md", "B.md", "a b.md", "ab/x.md",
    ];
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (*n, BROKEN.as_bytes())).collect();
    let dir = tree(&files);
    let serial = stdout_of(redraft(dir.path()).args(["check", "-j", "1", "."]));
    let streamed = stdout_of(redraft(dir.path()).args(["check", "-j", "3", "."]));
    assert_eq!(serial, streamed);
    let listed = stdout_of(redraft(dir.path()).args(["check", "-j", "3"]).args(names));
    let paths = |out: &str| -> Vec<String> {
        out.lines()
            .map(|l| l.split(':').next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(paths(&streamed), paths(&listed));
    assert_eq!(paths(&streamed).len(), names.len());
}

#[test]
fn a_large_batch_is_reported_whole_and_in_order_when_workers_take_chunks() {
    // 300 files over 2 workers: each claims several entries at a time.
    let files: Vec<(String, &[u8])> = (0..300)
        .map(|i| {
            let body = if i % 7 == 0 { BROKEN } else { CLEAN };
            (format!("d{}/f{i:03}.md", i % 5), body.as_bytes())
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let dir = tree(&refs);
    let serial = redraft(dir.path())
        .args(["check", "-j", "1"])
        .output()
        .expect("run");
    let chunked = redraft(dir.path())
        .args(["check", "-j", "2"])
        .output()
        .expect("run");
    assert_eq!(serial.status.code(), Some(1));
    assert_eq!(chunked.status.code(), Some(1));
    assert_eq!(serial.stdout, chunked.stdout);
    let listed = String::from_utf8_lossy(&chunked.stdout).lines().count();
    assert_eq!(listed, (0..300).filter(|i| i % 7 == 0).count());
    let err = String::from_utf8_lossy(&chunked.stderr);
    assert!(err.contains("300 files checked"), "{err}");
}

// ---------------------------------------------------------------- fix --diff

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = tree(&[("a.md", BROKEN.as_bytes()), ("clean.md", CLEAN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "--diff"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("--- a/a.md\n+++ b/a.md\n@@ "))
        .stdout(predicate::str::contains("----END---"))
        .stdout(predicate::str::contains("clean.md").not());
    assert_eq!(read(&dir, "a.md"), BROKEN);
}

#[test]
fn diff_of_a_clean_tree_exits_0() {
    let dir = tree(&[("clean.md", CLEAN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "--diff"])
        .assert()
        .code(0)
        .stdout("");
}

// ---------------------------------------------------------------- --output-dir

#[test]
fn output_dir_copies_a_directory_with_relative_names() {
    let dir = tree(&[
        ("corpus/real/a.md", BROKEN.as_bytes()),
        ("corpus/real/sub/clean.md", CLEAN.as_bytes()),
    ]);
    redraft(dir.path())
        .args(["fix", "--output-dir", "out", "corpus/real"])
        .assert()
        .code(0);
    assert_eq!(read(&dir, "out/a.md"), fixed());
    assert_eq!(
        read(&dir, "out/sub/clean.md"),
        CLEAN,
        "unchanged files are copied too"
    );
    assert_eq!(read(&dir, "corpus/real/a.md"), BROKEN, "sources untouched");
}

#[test]
fn output_dir_names_a_file_argument_by_its_file_name() {
    let dir = tree(&[("deep/er/a.md", BROKEN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "--output-dir", "out", "deep/er/a.md"])
        .assert()
        .code(0);
    assert_eq!(read(&dir, "out/a.md"), fixed());
    assert_eq!(read(&dir, "deep/er/a.md"), BROKEN);
}

#[test]
fn output_dir_is_not_walked_again() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "--output-dir", "out", "."])
        .assert()
        .code(0);
    redraft(dir.path())
        .args(["fix", "--output-dir", "out", "."])
        .assert()
        .code(0);
    assert!(!dir.path().join("out/out").exists());
    assert_eq!(read(&dir, "out/a.md"), fixed());
}

#[test]
fn output_dir_refuses_two_inputs_with_one_name() {
    let dir = tree(&[("a/x.md", BROKEN.as_bytes()), ("b/x.md", CLEAN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "--output-dir", "out", "a/x.md", "b/x.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("b/x.md: "));
    assert_eq!(read(&dir, "out/x.md"), fixed());
}

#[test]
fn output_dir_with_stdin_is_a_usage_error() {
    let dir = tree(&[]);
    redraft(dir.path())
        .args(["fix", "--output-dir", "out", "-"])
        .write_stdin(BROKEN)
        .assert()
        .code(2);
}

// ---------------------------------------------------------------- explain

#[test]
fn explain_prints_the_map() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    redraft(dir.path())
        .args(["explain", "a.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("status: repaired"))
        .stdout(predicate::str::contains("fragments:"));
    assert_eq!(read(&dir, "a.md"), BROKEN, "explain never writes");
}

#[test]
fn explain_json_is_the_report() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    let out = stdout_of(redraft(dir.path()).args(["explain", "--format", "json", "a.md"]));
    let report: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(report["status"], "repaired");
    assert_eq!(report["markers"], 2);
    assert!(report["fragments"].is_array());
    assert!(report["actions"].is_array());
}

#[test]
fn explain_a_directory_is_an_error() {
    let dir = tree(&[("sub/a.md", CLEAN.as_bytes())]);
    redraft(dir.path())
        .args(["explain", "sub"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("sub: is a directory"));
}

#[test]
fn explain_a_missing_file_is_an_error() {
    let dir = tree(&[]);
    redraft(dir.path())
        .args(["explain", "nope.md"])
        .assert()
        .code(2)
        .stderr("nope.md: not found\n");
}

// ---------------------------------------------------------------- bad input

#[test]
fn missing_file_is_an_error_and_the_batch_goes_on() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "missing.md", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.md: not found"));
    assert_eq!(
        read(&dir, "a.md"),
        fixed(),
        "the other file is still repaired"
    );
    redraft(dir.path())
        .args(["check", "missing.md"])
        .assert()
        .code(2);
}

#[test]
fn named_binary_file_is_an_error() {
    let dir = tree(&[("bin.md", b"abc\0def\n---END---\n")]);
    redraft(dir.path())
        .args(["check", "bin.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bin.md: binary file"));
    redraft(dir.path()).args(["fix", "bin.md"]).assert().code(2);
    assert_eq!(
        fs::read(dir.path().join("bin.md")).expect("read"),
        b"abc\0def\n---END---\n"
    );
}

#[test]
fn walked_binary_file_is_skipped() {
    let dir = tree(&[
        ("bin.md", b"abc\0def\n---END---\n"),
        ("a.md", CLEAN.as_bytes()),
    ]);
    redraft(dir.path()).arg("check").assert().code(0).stdout("");
    let out = stdout_of(redraft(dir.path()).args(["check", "--format", "json"]));
    let records = json_lines(&out);
    assert_eq!(file_record(&records, "bin.md")["status"], "skipped");
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file() {
    let mut bytes = b"Caf\xff\xfe is not text.\n\n---END---\n\nMore.\n".to_vec();
    bytes.extend_from_slice(b"End.\n");
    let dir = tree(&[("bad.md", &bytes)]);
    redraft(dir.path())
        .args(["fix", "bad.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.md: not valid UTF-8 at byte 3",
        ));
    assert_eq!(fs::read(dir.path().join("bad.md")).expect("read"), bytes);
    redraft(dir.path())
        .args(["check", "bad.md"])
        .assert()
        .code(2);
}

#[test]
fn conflict_markers_are_a_per_file_error() {
    // With a marker too: the case where a rewrite would otherwise happen.
    let conflict = "Intro.\n\n---END---\n\n<<<<<<< HEAD\nOurs.\n=======\nTheirs.\n>>>>>>> branch\n";
    let dir = tree(&[("c.md", conflict.as_bytes()), ("a.md", BROKEN.as_bytes())]);
    redraft(dir.path())
        .arg("fix")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("c.md: git conflict markers"));
    assert_eq!(read(&dir, "c.md"), conflict);
    assert_eq!(read(&dir, "a.md"), fixed());
    redraft(dir.path())
        .args(["fix", "--conflicts", "union", "c.md"])
        .assert()
        .code(0);
    assert!(!read(&dir, "c.md").contains("<<<<<<<"));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[("secret.md", BROKEN.as_bytes())]);
    let path = dir.path().join("secret.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&path).is_ok() {
        return; // running as root: permissions do not apply
    }
    redraft(dir.path())
        .args(["check", "secret.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("secret.md: permission denied"));
}

#[test]
fn unreadable_front_matter_is_a_warning_and_the_file_is_still_repaired() {
    let input = "---\ntitle: [unclosed\n---\nThe model wrote a long sent\n\n---END---\n\nsentence about drafts.\n";
    let dir = tree(&[("fm.md", input.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "fm.md"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("fm.md: warning: "));
    let fixed = read(&dir, "fm.md");
    assert!(fixed.starts_with("---\ntitle: [unclosed\n---\n"), "{fixed}");
    assert!(!fixed.contains("---END---"));
}

#[cfg(unix)]
#[test]
fn a_named_symlink_is_not_rewritten() {
    let dir = tree(&[("real.md", BROKEN.as_bytes())]);
    std::os::unix::fs::symlink("real.md", dir.path().join("link.md")).expect("symlink");
    redraft(dir.path())
        .args(["fix", "link.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "link.md: is a symlink; not rewritten",
        ));
    assert_eq!(read(&dir, "real.md"), BROKEN);
    assert!(
        fs::symlink_metadata(dir.path().join("link.md"))
            .expect("lstat")
            .file_type()
            .is_symlink()
    );
    // Reading through it is fine.
    redraft(dir.path())
        .args(["check", "link.md"])
        .assert()
        .code(1);
}

#[cfg(unix)]
#[test]
fn walked_symlinks_are_not_followed() {
    let outside = tree(&[("target.md", BROKEN.as_bytes())]);
    let dir = tree(&[("a.md", CLEAN.as_bytes())]);
    std::os::unix::fs::symlink(outside.path().join("target.md"), dir.path().join("l.md"))
        .expect("symlink");
    std::os::unix::fs::symlink(outside.path(), dir.path().join("ldir")).expect("symlink");
    redraft(dir.path()).arg("fix").assert().code(0).stdout("");
    assert_eq!(read(&outside, "target.md"), BROKEN);
}

#[test]
fn a_bad_leak_pattern_is_one_error() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "--leak-pattern", "(unclosed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid --leak-pattern"));
    assert_eq!(read(&dir, "a.md"), BROKEN);
}

#[test]
fn a_missing_prompt_file_is_an_error() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    redraft(dir.path())
        .args(["fix", "--prompt", "nope.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.txt"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let dir = tree(&[]);
    redraft(dir.path())
        .args(["check", "--no-such-flag"])
        .assert()
        .code(2);
    redraft(dir.path())
        .args(["fix", "-", "a.md"])
        .assert()
        .code(2);
    redraft(dir.path()).arg("--help").assert().code(0);
    redraft(dir.path()).args(["fix", "--help"]).assert().code(0);
}

// ---------------------------------------------------------------- walking

#[test]
fn gitignored_and_hidden_files_are_not_touched() {
    let dir = tree(&[
        (".gitignore", b"ignored.md\nvendor/\n"),
        ("ignored.md", BROKEN.as_bytes()),
        ("vendor/v.md", BROKEN.as_bytes()),
        (".hidden.md", BROKEN.as_bytes()),
        (".drafts/h.md", BROKEN.as_bytes()),
        ("a.md", BROKEN.as_bytes()),
    ]);
    let out = stdout_of(redraft(dir.path()).arg("fix"));
    assert!(out.starts_with("a.md: repaired ("), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    for name in ["ignored.md", "vendor/v.md", ".hidden.md", ".drafts/h.md"] {
        assert_eq!(read(&dir, name), BROKEN, "{name} must not be touched");
    }
}

#[test]
fn gitignore_applies_inside_a_git_repository_too() {
    let dir = tree(&[
        (".gitignore", b"ignored.md\n"),
        ("ignored.md", BROKEN.as_bytes()),
    ]);
    fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    redraft(dir.path()).arg("check").assert().code(0);
}

#[test]
fn named_files_are_processed_even_if_ignored_or_excluded() {
    let dir = tree(&[
        (".gitignore", b"ignored.md\n"),
        ("ignored.md", BROKEN.as_bytes()),
    ]);
    redraft(dir.path())
        .args(["check", "ignored.md"])
        .assert()
        .code(1);
    redraft(dir.path())
        .args(["check", "--exclude", "ignored.md", "ignored.md"])
        .assert()
        .code(1);
    redraft(dir.path())
        .args([
            "check",
            "--exclude",
            "ignored.md",
            "--force-exclude",
            "ignored.md",
        ])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn default_globs_and_glob_replacement() {
    let dir = tree(&[
        ("a.md", BROKEN.as_bytes()),
        ("b.markdown", BROKEN.as_bytes()),
        ("c.mdx", BROKEN.as_bytes()),
        ("d.txt", BROKEN.as_bytes()),
        ("e.rst", BROKEN.as_bytes()),
    ]);
    let out = stdout_of(redraft(dir.path()).arg("check"));
    let listed: Vec<&str> = out
        .lines()
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(listed, ["a.md", "b.markdown", "c.mdx", "d.txt"]);
    let out = stdout_of(redraft(dir.path()).args(["check", "--glob", "*.rst"]));
    let listed: Vec<&str> = out
        .lines()
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(listed, ["e.rst"]);
}

#[test]
fn exclude_removes_files_and_directories_from_the_walk() {
    let dir = tree(&[
        ("a.md", BROKEN.as_bytes()),
        ("drafts/b.md", BROKEN.as_bytes()),
        ("skip-me.md", BROKEN.as_bytes()),
    ]);
    redraft(dir.path())
        .args(["fix", "--exclude", "drafts/", "--exclude", "skip-*.md"])
        .assert()
        .code(0);
    assert_eq!(read(&dir, "a.md"), fixed());
    assert_eq!(read(&dir, "drafts/b.md"), BROKEN);
    assert_eq!(read(&dir, "skip-me.md"), BROKEN);
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_has_one_record_per_file_then_a_summary() {
    let dir = tree(&[
        ("a.md", BROKEN.as_bytes()),
        ("clean.md", CLEAN.as_bytes()),
        ("bin.md", b"\0"),
    ]);
    let out = stdout_of(redraft(dir.path()).args([
        "check", "--format", "json", "a.md", "clean.md", "bin.md", "gone.md",
    ]));
    let records = json_lines(&out);
    assert_eq!(records.len(), 5);
    for record in &records[..4] {
        for field in [
            "path",
            "status",
            "markers",
            "fragments",
            "kinds",
            "bytes_before",
            "bytes_after",
            "warnings",
            "error",
        ] {
            assert!(record.get(field).is_some(), "{field} missing in {record}");
        }
    }
    let a = file_record(&records, "a.md");
    assert_eq!(a["status"], "repaired");
    assert_eq!(a["markers"], 2);
    assert!(a["fragments"].as_u64().is_some_and(|n| n >= 1));
    assert_eq!(a["kinds"][0], "original");
    assert_eq!(a["bytes_before"], BROKEN.len());
    assert_eq!(a["bytes_after"], fixed().len());
    assert!(a["error"].is_null());
    assert_eq!(file_record(&records, "clean.md")["status"], "clean");
    assert_eq!(file_record(&records, "bin.md")["status"], "error");
    let gone = file_record(&records, "gone.md");
    assert_eq!(gone["status"], "error");
    assert_eq!(gone["error"], "not found");
    let summary = &records[4];
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["files"], 4);
    assert_eq!(summary["repaired"], 1);
    assert_eq!(summary["errors"], 2);
}

#[test]
fn json_fix_reports_and_writes() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    let mut cmd = redraft(dir.path());
    cmd.args(["fix", "--format", "json"]);
    let out = stdout_of(&mut cmd);
    let records = json_lines(&out);
    assert_eq!(file_record(&records, "a.md")["status"], "repaired");
    assert_eq!(read(&dir, "a.md"), fixed());
}

// ---------------------------------------------------------------- engine flags

#[test]
fn a_custom_marker_is_used() {
    let input = BROKEN.replace("---END---", "@@STOP@@");
    let dir = tree(&[("a.md", input.as_bytes())]);
    redraft(dir.path())
        .args(["check", "--marker", "@@STOP@@"])
        .assert()
        .code(1);
    redraft(dir.path())
        .args(["fix", "--marker", "@@STOP@@"])
        .assert()
        .code(0);
    assert_eq!(read(&dir, "a.md"), fixed());
}

#[test]
fn engine_flags_are_accepted() {
    let dir = tree(&[
        ("a.md", BROKEN.as_bytes()),
        ("prompt.txt", b"Write an article about drafts.\n"),
    ]);
    for flags in [
        &["--keep-partial-ending"][..],
        &["--trim-partial-ending"],
        &["--no-loss-guard"],
        &["--conflicts", "refuse"],
        &["--leak-pattern", "^As an AI"],
        &["--prompt", "prompt.txt"],
        &["-j", "2"],
    ] {
        redraft(dir.path())
            .arg("check")
            .args(flags)
            .arg("a.md")
            .assert()
            .code(1);
    }
}

// ---------------------------------------------------------------- pipes

#[cfg(unix)]
#[test]
fn a_closed_stdout_is_not_an_error() {
    use std::process::Stdio;
    let files: Vec<(String, &[u8])> = (0..300)
        .map(|i| (format!("f{i:03}.md"), BROKEN.as_bytes()))
        .collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let dir = tree(&refs);
    let bin: PathBuf = assert_cmd::cargo::cargo_bin!("redraft").to_path_buf();
    let mut child = std::process::Command::new(bin)
        .args(["fix", "--diff"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take()); // the reader goes away at once
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?} {stderr}",
        out.status
    );
}
