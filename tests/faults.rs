//! Faults in a batch (issue 5): files that cannot be repaired or written.
//! Whatever happens to one file, it is left as it was, the error is reported
//! naming it, the batch goes on and the exit code is 2.
//!
//! CI runs as root, where permission bits stop nothing: unwritable places
//! are made with a path whose parent is a file and, when the test may mount
//! (root with CAP_SYS_ADMIN), a tiny or read-only tmpfs; those tests skip
//! themselves quietly elsewhere. The injected-writer unit tests in
//! `src/files.rs` cover a full disk and a read-only file system everywhere.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const BROKEN: &str = "The model wrote a long sent\n\n---END---\n\nsentence about drafts. Then it went on.\n\n---END---\n";
const CONFLICT: &str =
    "Intro.\n\n---END---\n\n<<<<<<< HEAD\nOurs.\n=======\nTheirs.\n>>>>>>> branch\n";
const BAD_UTF8: &[u8] = b"Some text \xff\xfe in the middle.\n\n---END---\n\nmore text\n";
const BINARY: &[u8] = b"text\0more text\n---END---\n";

fn redraft(dir: &Path) -> Command {
    let mut cmd = assert_cmd::cargo_bin_cmd!("redraft");
    cmd.current_dir(dir).env_remove("PRE_COMMIT");
    cmd
}

fn fixed(input: &[u8]) -> Vec<u8> {
    redraft::repair(input, &redraft::Options::default())
        .unwrap()
        .output
}

fn write_all(root: &Path, files: &[(&str, &[u8])]) {
    for (name, bytes) in files {
        let path = root.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

// ------------------------------------------------------------ --output-dir

#[test]
fn output_dir_copies_unrepairable_files_unchanged_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: &[(&str, &[u8])] = &[
        ("in/a.md", BROKEN.as_bytes()),
        ("in/conflict.md", CONFLICT.as_bytes()),
        ("in/utf8.md", BAD_UTF8),
    ];
    write_all(dir.path(), inputs);
    write_all(dir.path(), &[("bin.md", BINARY)]);
    redraft(dir.path())
        .args(["fix", "--output-dir", "out", "in", "bin.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "in/conflict.md: git conflict markers",
        ))
        .stderr(predicate::str::contains(
            "in/utf8.md: not valid UTF-8 at byte 10",
        ))
        .stderr(predicate::str::contains("bin.md: binary file"))
        .stderr(predicate::str::contains("copied unchanged"))
        .stderr(predicate::str::contains(
            "4 files scanned: 1 repaired, 0 unchanged, 3 errors",
        ));
    let out = dir.path().join("out");
    assert_eq!(
        fs::read(out.join("a.md")).unwrap(),
        fixed(BROKEN.as_bytes())
    );
    assert_eq!(
        fs::read(out.join("conflict.md")).unwrap(),
        CONFLICT.as_bytes()
    );
    assert_eq!(fs::read(out.join("utf8.md")).unwrap(), BAD_UTF8);
    assert_eq!(fs::read(out.join("bin.md")).unwrap(), BINARY);
    for (name, bytes) in inputs {
        assert_eq!(
            fs::read(dir.path().join(name)).unwrap(),
            *bytes,
            "source {name} untouched"
        );
    }
}

#[test]
fn output_dir_under_a_file_fails_every_file_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write_all(
        dir.path(),
        &[
            ("in/a.md", BROKEN.as_bytes()),
            ("in/b.md", BROKEN.as_bytes()),
            ("in/conflict.md", CONFLICT.as_bytes()),
            ("blocker", b"a file where a directory should be"),
        ],
    );
    let output = redraft(dir.path())
        .args(["fix", "-j", "2", "--output-dir", "blocker/out", "in"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for name in [
        "in/a.md: cannot write",
        "in/b.md: cannot write",
        "in/conflict.md: git conflict",
    ] {
        assert!(stderr.contains(name), "{name} reported: {stderr}");
    }
    assert!(stderr.contains("3 files scanned"), "{stderr}");
    assert_eq!(
        fs::read(dir.path().join("in/a.md")).unwrap(),
        BROKEN.as_bytes()
    );
}

// ------------------------------------------------------------ in place

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs {
    _dir: TempDir,
    path: PathBuf,
}

impl Tmpfs {
    /// `None` when this process may not mount (not root, no CAP_SYS_ADMIN).
    fn mount(size: &str) -> Option<Tmpfs> {
        if !cfg!(target_os = "linux") {
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().to_path_buf();
        let ok = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(Tmpfs { _dir: dir, path })
    }

    fn remount_read_only(&self) -> bool {
        Process::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.path)
            .output()
            .is_ok_and(|o| o.status.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg(&self.path).output();
    }
}

/// A broken file of about `bytes` bytes: a cut word joined at a marker,
/// then a long link-list trailer (kept as it is, so the repair stays big).
fn big_broken(bytes: usize) -> Vec<u8> {
    let mut s = String::from("Hello wor\n\n---END---\n\nworld again.\n\n---END---\n\n## Links\n\n");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!("- [post {i}](/2025/01/{i}/)\n"));
        i += 1;
    }
    s.into_bytes()
}

#[test]
fn a_full_disk_leaves_the_file_as_it_was() {
    let Some(fs_) = Tmpfs::mount("64k") else {
        return; // cannot mount here: src/files.rs covers it with an injected writer
    };
    let big = big_broken(40_000);
    write_all(&fs_.path, &[("a.md", &big), ("b.md", BROKEN.as_bytes())]);
    let output = redraft(&fs_.path)
        .args(["fix", "-j", "1", "a.md", "b.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("a.md: cannot write"), "{stderr}");
    assert_eq!(
        fs::read(fs_.path.join("a.md")).unwrap(),
        big,
        "left as it was"
    );
    assert_eq!(
        fs::read(fs_.path.join("b.md")).unwrap(),
        fixed(BROKEN.as_bytes()),
        "the batch went on"
    );
    let names: Vec<String> = fs::read_dir(&fs_.path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[test]
fn a_read_only_file_system_leaves_every_file_as_it_was() {
    let Some(fs_) = Tmpfs::mount("1m") else {
        return; // cannot mount here: src/files.rs covers it with an injected writer
    };
    write_all(
        &fs_.path,
        &[("a.md", BROKEN.as_bytes()), ("b.md", BROKEN.as_bytes())],
    );
    if !fs_.remount_read_only() {
        return;
    }
    redraft(&fs_.path)
        .arg("fix")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.md: cannot write"))
        .stderr(predicate::str::contains("b.md: cannot write"))
        .stderr(predicate::str::contains("2 files scanned: 0 repaired"));
    for name in ["a.md", "b.md"] {
        assert_eq!(fs::read(fs_.path.join(name)).unwrap(), BROKEN.as_bytes());
    }
}
