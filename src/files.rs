//! Files: which ones a run visits, reading them, and writing them safely.
//!
//! Walking follows ripgrep: `.gitignore`, `.ignore` and hidden-file rules from
//! the `ignore` crate, symlinks not followed. `.gitignore` is honoured even
//! outside a git repository (`require_git(false)`): archives and unpacked
//! exports keep their ignore files but rarely their `.git`.
//!
//! Writes go to a temporary file in the target's directory that is renamed
//! over the target, so a reader never sees half a file, a failed write leaves
//! the original as it was, and no temporary file is left behind.

use std::cell::RefCell;
use std::fs::{self, Metadata};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use ignore::overrides::{Override, OverrideBuilder};
use ignore::{DirEntry, WalkBuilder};

use crate::cli::WalkConfig;

/// One file to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as shown to the user and opened (`-` for stdin).
    pub path: PathBuf,
    /// Its name under `--output-dir`: relative to the directory argument it
    /// was found in, or the file name of a file argument.
    pub rel: PathBuf,
    /// Named on the command line (processed even if binary or excluded).
    pub explicit: bool,
}

/// What the walk produced for one path: a file, or why it could not be visited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A file to process.
    File(Input),
    /// A path that could not be visited (not found, permission denied, ...).
    Error {
        /// The path concerned.
        path: PathBuf,
        /// What went wrong, in a few words.
        message: String,
    },
}

impl Entry {
    /// The path the entry is about.
    pub fn path(&self) -> &Path {
        match self {
            Entry::File(input) => &input.path,
            Entry::Error { path, .. } => path,
        }
    }
}

/// The stdin pseudo-file.
pub fn stdin_input() -> Input {
    Input {
        path: PathBuf::from("-"),
        rel: PathBuf::from("-"),
        explicit: true,
    }
}

/// Include / exclude matchers, built once per root.
struct Matchers {
    include: Override,
    exclude: Override,
}

impl Matchers {
    fn new(root: &Path, walk: &WalkConfig) -> Result<Self> {
        let mut include = OverrideBuilder::new(root);
        for glob in &walk.globs {
            include
                .add(glob)
                .with_context(|| format!("invalid --glob `{glob}`"))?;
        }
        // Excludes are added as whitelist globs to a matcher of their own and
        // tested for a match, so "excluded" never depends on glob order.
        let mut exclude = OverrideBuilder::new(root);
        for glob in &walk.excludes {
            exclude
                .add(glob)
                .with_context(|| format!("invalid --exclude `{glob}`"))?;
        }
        Ok(Matchers {
            include: include.build()?,
            exclude: exclude.build()?,
        })
    }

    /// Whether a walked entry is kept. Includes only ever narrow the walk:
    /// as `ignore` overrides they would also re-admit ignored and hidden files.
    fn keep(&self, dent: &DirEntry) -> bool {
        let is_dir = dent.file_type().is_some_and(|t| t.is_dir());
        if dent.depth() == 0 {
            return true;
        }
        if self.exclude.matched(dent.path(), is_dir).is_whitelist() {
            return false;
        }
        is_dir || self.include.matched(dent.path(), false).is_whitelist()
    }

    /// Whether an explicitly named file is excluded (`--force-exclude`):
    /// the file itself or any directory above it matches an exclude glob.
    fn excludes_path(&self, path: &Path) -> bool {
        if self.exclude.matched(path, false).is_whitelist() {
            return true;
        }
        path.ancestors()
            .skip(1)
            .filter(|p| !p.as_os_str().is_empty())
            .any(|dir| self.exclude.matched(dir, true).is_whitelist())
    }
}

/// Expands the command-line paths into files, sorted by path, without
/// duplicates. `skip_dir` (the `--output-dir`) is never walked into.
///
/// # Errors
/// An invalid `--glob` / `--exclude`. Problems with individual paths are
/// returned as [`Entry::Error`] instead.
pub fn collect(
    paths: &[PathBuf],
    walk: &WalkConfig,
    skip_dir: Option<&Path>,
) -> Result<Vec<Entry>> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let named = Matchers::new(&cwd, walk)?;
    let mut entries = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Err(err) => entries.push(Entry::Error {
                path: path.clone(),
                message: io_message(&err),
            }),
            Ok(meta) if meta.is_dir() => {
                walk_dir(path, walk, skip_dir, &mut entries)?;
            }
            Ok(_) if walk.force_exclude && named.excludes_path(path) => {}
            Ok(_) => entries.push(Entry::File(named_file(path))),
        }
    }
    // Each walk is in path order already; only several paths on the command
    // line need the sort.
    if !entries.is_sorted_by(|a, b| a.path() <= b.path()) {
        entries.sort_by(|a, b| a.path().cmp(b.path()));
    }
    entries.dedup_by(|a, b| a.path() == b.path());
    Ok(entries)
}

fn named_file(path: &Path) -> Input {
    let rel = path
        .file_name()
        .map_or_else(|| path.to_path_buf(), PathBuf::from);
    Input {
        path: display_path(path),
        rel,
        explicit: true,
    }
}

fn walk_dir(
    root: &Path,
    walk: &WalkConfig,
    skip_dir: Option<&Path>,
    out: &mut Vec<Entry>,
) -> Result<()> {
    Walker::new(root, walk, skip_dir)?.run(|entry| {
        out.push(entry);
        true
    });
    Ok(())
}

/// The walk of one directory, in path order (names sorted per directory,
/// depth first), ready to stream its files to workers as they are found.
pub struct Walker {
    root: PathBuf,
    builder: WalkBuilder,
}

impl Walker {
    /// Prepares the walk of `root` (a directory); `skip_dir` (the
    /// `--output-dir`) is never walked into.
    ///
    /// # Errors
    /// An invalid `--glob` / `--exclude`.
    pub fn new(root: &Path, walk: &WalkConfig, skip_dir: Option<&Path>) -> Result<Self> {
        let matchers = Matchers::new(root, walk)?;
        let skip_dir = skip_dir.and_then(|d| d.canonicalize().ok());
        let mut builder = WalkBuilder::new(root);
        builder
            .follow_links(false)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .filter_entry(move |dent| {
                matchers.keep(dent) && !is_skipped_dir(dent, skip_dir.as_deref())
            });
        Ok(Walker {
            root: root.to_path_buf(),
            builder,
        })
    }

    /// Hands each file (or walk error) to `emit`, in path order, until
    /// `emit` returns `false`.
    pub fn run(self, mut emit: impl FnMut(Entry) -> bool) {
        let root = &self.root;
        for result in self.builder.build() {
            let entry = match result {
                Ok(dent) if dent.file_type().is_some_and(|t| t.is_file()) => {
                    Entry::File(walked_file(root, dent.path()))
                }
                Ok(_) => continue,
                Err(err) => walk_error(root, &err),
            };
            if !emit(entry) {
                return;
            }
        }
    }
}

/// The one directory a run walks, when it can stream: a single path
/// argument naming a directory. Several paths may overlap and are
/// collected and sorted first ([`collect`]).
pub fn single_dir(paths: &[PathBuf]) -> Option<&Path> {
    match paths {
        [path] if path.is_dir() => Some(path),
        _ => None,
    }
}

fn is_skipped_dir(dent: &DirEntry, skip_dir: Option<&Path>) -> bool {
    let Some(skip) = skip_dir else { return false };
    dent.file_type().is_some_and(|t| t.is_dir())
        && dent.path().canonicalize().is_ok_and(|p| p == skip)
}

fn walked_file(root: &Path, path: &Path) -> Input {
    let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    Input {
        path: display_path(path),
        rel,
        explicit: false,
    }
}

/// `./a.md` is shown as `a.md`, as ruff and prettier do for the default `.`.
fn display_path(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

/// Turns a walk error into an entry naming the path it concerns.
fn walk_error(root: &Path, err: &ignore::Error) -> Entry {
    let (path, message) = split_walk_error(err);
    Entry::Error {
        path: display_path(path.unwrap_or(root)),
        message,
    }
}

fn split_walk_error(err: &ignore::Error) -> (Option<&Path>, String) {
    match err {
        ignore::Error::WithPath { path, err } => (Some(path), split_walk_error(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            split_walk_error(err)
        }
        ignore::Error::Io(io) => (None, io_message(io)),
        other => (None, other.to_string()),
    }
}

/// A short, lowercase message for an I/O error, without "(os error N)".
pub fn io_message(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "not found".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        io::ErrorKind::NotADirectory => "not a directory".to_string(),
        _ => err.to_string(),
    }
}

/// A file's bytes, with the metadata it had when read.
pub struct Contents {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Metadata (following symlinks) from just before the read; `None` for stdin.
    pub meta: Option<Metadata>,
}

/// Reads a file (or stdin for `-`), with its metadata when `with_meta`
/// (a file to be written back or copied needs it; `check` and `--diff` do
/// not, and skip the system call).
///
/// # Errors
/// A short message: "not found", "permission denied", "is a directory", ...
pub fn read(input: &Input, with_meta: bool) -> Result<Contents, String> {
    if crate::cli::is_stdin(&input.path) {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| io_message(&e))?;
        return Ok(Contents { bytes, meta: None });
    }
    // One open: the metadata comes from the handle (no second path lookup).
    let mut file = fs::File::open(&input.path).map_err(|e| io_message(&e))?;
    let meta = if with_meta {
        let meta = file.metadata().map_err(|e| io_message(&e))?;
        if meta.is_dir() {
            return Err("is a directory".to_string());
        }
        Some(meta)
    } else {
        None
    };
    // Without the size, room for a typical post; the buffer grows as needed.
    let room = meta
        .as_ref()
        .map_or(UNSIZED_ROOM, |m| usize::try_from(m.len()).unwrap_or(0) + 1);
    let bytes = read_all(&mut file, room).map_err(|e| io_message(&e))?;
    Ok(Contents { bytes, meta })
}

/// Initial buffer for a file read without its size.
const UNSIZED_ROOM: usize = 64 * 1024;

thread_local! {
    /// Each thread's read buffer, zero-filled once and reused: `read` needs
    /// initialized memory, and `read_to_end` over a plain `Read` zeroes its
    /// spare room again for every file (a quarter of `check`'s instructions
    /// over real posts). `File::read_to_end` avoids that but asks the handle
    /// for its size and position (two more system calls per file).
    static READ_BUF: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Reads `file` to its end into the thread's buffer (at least `room`
/// bytes, doubled when full) and returns a copy of exactly what was read.
fn read_all(file: &mut fs::File, room: usize) -> io::Result<Vec<u8>> {
    READ_BUF.with_borrow_mut(|buf| {
        if buf.len() < room {
            buf.resize(room, 0);
        }
        let mut n = 0;
        loop {
            if n == buf.len() {
                buf.resize(2 * n, 0);
            }
            match file.read(&mut buf[n..]) {
                Ok(0) => return Ok(buf[..n].to_vec()),
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    })
}

/// Replaces a file's contents in place, atomically, keeping its permission
/// bits. Refuses symlinks (a rename would replace the link with a regular
/// file) and files that changed since `before` was taken.
///
/// # Errors
/// A short message naming the problem.
pub fn replace(path: &Path, bytes: &[u8], before: &Metadata) -> Result<(), String> {
    let now = fs::symlink_metadata(path).map_err(|e| io_message(&e))?;
    if now.file_type().is_symlink() {
        return Err("is a symlink; not rewritten".to_string());
    }
    if changed_since(before, &now) {
        return Err("changed while being repaired; not rewritten".to_string());
    }
    write_atomic(path, bytes, before).map_err(|e| format!("cannot write: {}", io_message(&e)))
}

/// Writes a copy under `--output-dir`, creating directories as needed.
///
/// # Errors
/// A short message naming the destination and the problem.
pub fn write_copy(dest: &Path, bytes: &[u8], source: &Metadata) -> Result<(), String> {
    let fail = |e: io::Error| format!("cannot write {}: {}", dest.display(), io_message(&e));
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    let existing = match fs::symlink_metadata(dest) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e)),
    };
    let Some(m) = existing else {
        // A new copy: nothing to replace, so no temporary file and rename
        // (file creation dominates a batch into a fresh directory). A
        // failed write removes the partial copy.
        return write_new(dest, bytes, source).map_err(fail);
    };
    if m.file_type().is_symlink() {
        return Err(format!("{} is a symlink; not overwritten", dest.display()));
    }
    // A copy from an earlier run that already holds these bytes is left
    // alone (its mtime too, so build tools and rsync see no change).
    if m.is_file()
        && m.len() == bytes.len() as u64
        && m.permissions() == source.permissions()
        && fs::read(dest).is_ok_and(|old| old == bytes)
    {
        return Ok(());
    }
    write_atomic(dest, bytes, source).map_err(fail)
}

/// Creates `path` (it must not exist), writes `bytes`, copies the permission
/// bits; on a failed write the partial file is removed.
fn write_new(path: &Path, bytes: &[u8], perms_from: &Metadata) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let done =
        write_all(&mut file, bytes).and_then(|()| file.set_permissions(perms_from.permissions()));
    if done.is_err() {
        drop(file);
        let _ = fs::remove_file(path);
    }
    done
}

/// Someone else wrote the file between our read and our write: replacing it
/// would silently drop their change.
fn changed_since(before: &Metadata, now: &Metadata) -> bool {
    before.len() != now.len() || before.modified().ok() != now.modified().ok()
}

/// Temp file in the same directory (so the rename cannot cross file systems),
/// permission bits copied, then renamed over `path`. On any error the
/// `NamedTempFile` is dropped, which deletes it, and `path` is untouched.
fn write_atomic(path: &Path, bytes: &[u8], perms_from: &Metadata) -> io::Result<()> {
    write_atomic_with(path, bytes, perms_from, &write_all)
}

/// How the bytes get into the temporary file: a seam so tests can fail the
/// write the way a full disk or a read-only file system does.
type Writer = dyn Fn(&mut fs::File, &[u8]) -> io::Result<()>;

fn write_all(file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.flush()
}

fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    perms_from: &Metadata,
    write: &Writer,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".redraft-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    write(tmp.as_file_mut(), bytes)?;
    tmp.as_file().set_permissions(perms_from.permissions())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn walk_config() -> WalkConfig {
        WalkConfig {
            globs: crate::cli::DEFAULT_GLOBS
                .iter()
                .map(|g| g.to_string())
                .collect(),
            excludes: Vec::new(),
            force_exclude: false,
        }
    }

    fn paths(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| e.path().to_string_lossy().replace('\\', "/"))
            .collect()
    }

    #[test]
    fn walk_respects_globs_gitignore_and_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        for name in [
            "b.md",
            "a.txt",
            "sub/c.mdx",
            "x.rs",
            "ignored.md",
            ".hidden/h.md",
            ".dot.md",
        ] {
            fs::write(root.join(name), "text\n").unwrap();
        }
        fs::write(root.join(".gitignore"), "ignored.md\n").unwrap();
        let entries = collect(&[root.to_path_buf()], &walk_config(), None).unwrap();
        let root_s = root.to_string_lossy().replace('\\', "/");
        let want: Vec<String> = ["a.txt", "b.md", "sub/c.mdx"]
            .iter()
            .map(|n| format!("{root_s}/{n}"))
            .collect();
        assert_eq!(paths(&entries), want);
        let Entry::File(input) = &entries[2] else {
            panic!()
        };
        assert_eq!(input.rel, PathBuf::from("sub/c.mdx"));
    }

    #[test]
    fn excludes_and_named_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("drafts")).unwrap();
        fs::write(root.join("drafts/d.md"), "x").unwrap();
        fs::write(root.join("a.md"), "x").unwrap();
        let mut walk = walk_config();
        walk.excludes = vec!["drafts/".to_string()];
        let entries = collect(&[root.to_path_buf()], &walk, None).unwrap();
        assert_eq!(entries.len(), 1);
        // Named explicitly, an excluded file is processed...
        let named = root.join("drafts/d.md");
        let entries = collect(std::slice::from_ref(&named), &walk, None).unwrap();
        assert_eq!(entries.len(), 1);
        // ...unless --force-exclude.
        walk.force_exclude = true;
        let entries = collect(&[named], &walk, None).unwrap();
        assert!(entries.is_empty());
    }

    #[test]
    fn missing_path_is_an_entry_error() {
        let entries = collect(&[PathBuf::from("/no/such/redraft")], &walk_config(), None).unwrap();
        assert!(matches!(&entries[0], Entry::Error { message, .. } if message == "not found"));
    }

    #[test]
    fn replace_keeps_mode_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let meta = fs::metadata(&path).unwrap();
        replace(&path, b"new", &meta).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A writer that writes part of the bytes, then fails like a full disk.
    fn full_disk(file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(&bytes[..bytes.len() / 2])?;
        Err(io::Error::new(
            io::ErrorKind::StorageFull,
            "No space left on device",
        ))
    }

    fn read_only(_: &mut fs::File, _: &[u8]) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::ReadOnlyFilesystem,
            "Read-only file system",
        ))
    }

    #[test]
    fn a_failed_write_leaves_the_file_as_it_was_and_no_temp_file() {
        for writer in [&full_disk as &Writer, &read_only] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("a.md");
            fs::write(&path, "old contents").unwrap();
            let meta = fs::metadata(&path).unwrap();
            let err = write_atomic_with(&path, b"new contents, longer", &meta, writer).unwrap_err();
            assert!(
                matches!(
                    err.kind(),
                    io::ErrorKind::StorageFull | io::ErrorKind::ReadOnlyFilesystem
                ),
                "{err}"
            );
            assert_eq!(fs::read(&path).unwrap(), b"old contents");
            assert_eq!(
                fs::read_dir(dir.path()).unwrap().count(),
                1,
                "no temp file left"
            );
        }
    }

    #[test]
    fn a_file_that_disappeared_after_the_read_is_not_recreated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        let meta = fs::metadata(&path).unwrap();
        fs::remove_file(&path).unwrap();
        let err = replace(&path, b"new", &meta).unwrap_err();
        assert_eq!(err, "not found");
        assert!(!path.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_file_that_disappeared_before_the_read_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        let entries = collect(std::slice::from_ref(&path), &walk_config(), None).unwrap();
        fs::remove_file(&path).unwrap();
        let Entry::File(input) = &entries[0] else {
            panic!()
        };
        assert_eq!(read(input, true).err().as_deref(), Some("not found"));
    }

    #[test]
    fn a_file_replaced_by_a_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        let entries = collect(std::slice::from_ref(&path), &walk_config(), None).unwrap();
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        let Entry::File(input) = &entries[0] else {
            panic!()
        };
        for with_meta in [true, false] {
            let err = read(input, with_meta).err();
            assert_eq!(err.as_deref(), Some("is a directory"), "{with_meta}");
        }
    }

    #[test]
    fn a_file_changed_after_the_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        let meta = fs::metadata(&path).unwrap();
        fs::write(&path, "someone else's edit").unwrap();
        let err = replace(&path, b"new", &meta).unwrap_err();
        assert!(err.contains("changed while being repaired"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"someone else's edit");
    }

    #[test]
    fn a_copy_under_a_path_whose_parent_is_a_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("a.md");
        fs::write(&source, "text").unwrap();
        fs::write(dir.path().join("out"), "a file, not a directory").unwrap();
        let meta = fs::metadata(&source).unwrap();
        let err = write_copy(&dir.path().join("out/sub/a.md"), b"text", &meta).unwrap_err();
        assert!(err.starts_with("cannot write "), "{err}");
        assert_eq!(fs::read(&source).unwrap(), b"text");
    }

    #[cfg(unix)]
    #[test]
    fn an_identical_copy_is_not_rewritten_and_a_different_one_is() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("a.md");
        fs::write(&source, "text").unwrap();
        let meta = fs::metadata(&source).unwrap();
        let dest = dir.path().join("out/a.md");
        write_copy(&dest, b"repaired", &meta).unwrap();
        let first = fs::metadata(&dest).unwrap().ino();
        write_copy(&dest, b"repaired", &meta).unwrap();
        assert_eq!(fs::metadata(&dest).unwrap().ino(), first, "rewritten");
        write_copy(&dest, b"repaired again", &meta).unwrap();
        assert_ne!(fs::metadata(&dest).unwrap().ino(), first, "not rewritten");
        assert_eq!(fs::read(&dest).unwrap(), b"repaired again");
    }

    #[cfg(unix)]
    #[test]
    fn replace_refuses_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.md");
        let link = dir.path().join("l.md");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let meta = fs::metadata(&link).unwrap();
        let err = replace(&link, b"new", &meta).unwrap_err();
        assert!(err.contains("symlink"));
        assert_eq!(fs::read(&target).unwrap(), b"old");
    }
}
