//! The per-file pipeline over many files: read, repair, then one strategy
//! (check / fix / diff / output-dir) per file, in parallel; results reported
//! in path order through a [`Reporter`].
//!
//! Workers hold one file at a time and send back a small [`Outcome`]; the
//! main thread prints outcomes in order as they arrive, so memory stays flat
//! however large the batch.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget};
use redraft::{Options, Report};
use serde::Serialize;

use crate::cli::{self, Config, ExplainConfig, Format, Mode};
use crate::files::{self, Entry, Input};

/// Batches larger than this get a progress bar (when stderr is a terminal).
const PROGRESS_THRESHOLD: usize = 50;

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nothing to repair.
    Clean,
    /// The repair changes the file (in `check` and `--diff`: would change it).
    Repaired,
    /// The file could not be handled.
    Error,
    /// Found while walking but not a text file (NUL bytes).
    Skipped,
}

/// What the engine said about a file, kept small for reporting.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Markers found.
    pub markers: usize,
    /// Fragment kind names, in order.
    pub kinds: Vec<&'static str>,
    /// One-line reason (for repaired files).
    pub reason: String,
    /// Warnings for a person.
    pub warnings: Vec<String>,
    /// Size before.
    pub bytes_before: usize,
    /// Size after.
    pub bytes_after: usize,
}

/// The result for one file: small, so many can wait to be printed in order.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The path as shown.
    pub path: PathBuf,
    /// What happened.
    pub status: Status,
    /// The engine's account, when it ran.
    pub facts: Facts,
    /// Why the file could not be handled.
    pub error: Option<String>,
    /// The unified diff (`fix --diff`).
    pub diff: Option<String>,
    /// Bytes for stdout (`fix -`).
    pub stdout: Option<Vec<u8>>,
}

impl Outcome {
    fn new(path: &Path, status: Status) -> Self {
        Outcome {
            path: path.to_path_buf(),
            status,
            facts: Facts::default(),
            error: None,
            diff: None,
            stdout: None,
        }
    }

    fn failed(path: &Path, message: impl Into<String>) -> Self {
        let mut outcome = Outcome::new(path, Status::Error);
        outcome.error = Some(message.into());
        outcome
    }
}

/// Counts for the end of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files looked at (including errors and skipped ones).
    pub files: usize,
    /// Files repaired (or needing repair, for `check` / `--diff`).
    pub repaired: usize,
    /// Files with nothing to repair.
    pub clean: usize,
    /// Files that could not be handled.
    pub errors: usize,
    /// Binary files skipped during the walk.
    pub skipped: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Stdout was closed by the reader; output stopped early.
    pub broken_pipe: bool,
}

impl Summary {
    fn add(&mut self, status: Status) {
        self.files += 1;
        match status {
            Status::Clean => self.clean += 1,
            Status::Repaired => self.repaired += 1,
            Status::Error => self.errors += 1,
            Status::Skipped => self.skipped += 1,
        }
    }
}

/// Runs `check` or `fix` over the configured paths.
///
/// # Errors
/// Only problems with the run as a whole (bad globs, no thread pool); each
/// file's problems are reported and counted in the [`Summary`].
pub fn run_batch(config: &Config) -> Result<Summary> {
    let start = Instant::now();
    if config.threads != 1
        && !config.paths.iter().any(|p| cli::is_stdin(p))
        && let Some(dir) = files::single_dir(&config.paths)
    {
        let walker = files::Walker::new(dir, &config.walk, output_dir(config))?;
        let mut reporter = reporter(config, false);
        let summary = run_streaming(config, walker, &mut *reporter)?;
        return Ok(finish(config, summary, start, &mut *reporter));
    }
    let entries = entries(config)?;
    let stdin_fix = config.mode == Mode::Fix && entries.iter().any(is_stdin_entry);
    let mut reporter = reporter(config, stdin_fix);
    let summary = if entries.len() == 1 || config.threads == 1 {
        // Nothing to parallelise (this also keeps stdin on the main thread).
        let progress = progress_bar(config);
        if let Some(bar) = &progress {
            bar.set_length(entries.len() as u64);
            if entries.len() > PROGRESS_THRESHOLD {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
        let mut printer = Printer::new(&mut *reporter, progress);
        for entry in &entries {
            let outcome = process(entry, config);
            printer.emit(&outcome);
            if printer.summary.broken_pipe && matches!(config.mode, Mode::Check | Mode::Diff) {
                break;
            }
        }
        if let Some(bar) = &printer.progress {
            bar.finish_and_clear();
        }
        printer.summary
    } else {
        let feed: Feed<'_> = Box::new(move |emit| {
            for entry in entries {
                if !emit(entry) {
                    break;
                }
            }
        });
        run_parallel(config, feed, &mut *reporter)?
    };
    Ok(finish(config, summary, start, &mut *reporter))
}

/// Ends a run: its time, the reporter's last output and the summary line.
fn finish(
    config: &Config,
    mut summary: Summary,
    start: Instant,
    reporter: &mut dyn Reporter,
) -> Summary {
    summary.elapsed = start.elapsed();
    if !summary.broken_pipe
        && reporter
            .finish()
            .is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    {
        summary.broken_pipe = true;
    }
    // In JSON the summary is data, so -q does not drop it.
    let wanted = !config.quiet || config.format == Format::Json;
    if wanted && !summary.broken_pipe {
        let _ = reporter.summary(&summary);
        let _ = reporter.finish();
    }
    summary
}

fn is_stdin_entry(entry: &Entry) -> bool {
    cli::is_stdin(entry.path())
}

/// The `--output-dir`, which a walk never enters.
fn output_dir(config: &Config) -> Option<&Path> {
    match &config.mode {
        Mode::OutputDir(dir) => Some(dir.as_path()),
        _ => None,
    }
}

fn entries(config: &Config) -> Result<Vec<Entry>> {
    if config.paths.iter().any(|p| cli::is_stdin(p)) {
        return Ok(vec![Entry::File(files::stdin_input())]);
    }
    let mut entries = files::collect(&config.paths, &config.walk, output_dir(config))?;
    if let Mode::OutputDir(dir) = &config.mode {
        refuse_collisions(&mut entries, dir);
    }
    Ok(entries)
}

/// Two inputs with the same relative name (`a/x.md b/x.md`) would write the
/// same copy: the later one is reported instead of silently overwriting.
fn refuse_collisions(entries: &mut [Entry], dir: &Path) {
    let mut seen: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for entry in entries.iter_mut() {
        let Entry::File(input) = entry else { continue };
        if let Some(first) = seen.get(&input.rel) {
            let message = format!(
                "{} is already the copy of {}; not overwritten",
                dir.join(&input.rel).display(),
                first.display()
            );
            *entry = Entry::Error {
                path: input.path.clone(),
                message,
            };
        } else {
            seen.insert(input.rel.clone(), input.path.clone());
        }
    }
}

/// Entries handed to a worker at a time: few enough that the last ones
/// spread over all workers, enough that claiming and sending cost little
/// next to the files (one lock and two channel sends per chunk).
const MAX_CHUNK: usize = 32;

/// Entries for the workers, in path order: handed to `emit` one by one
/// until it returns `false`.
type Feed<'a> = Box<dyn FnOnce(&mut dyn FnMut(Entry) -> bool) + Send + 'a>;

/// A walk streamed to the workers: they start on the first files while
/// the walk goes on (a tree of 4,000 small posts takes about a tenth of
/// `check`'s time to walk).
fn run_streaming(
    config: &Config,
    walker: files::Walker,
    reporter: &mut dyn Reporter,
) -> Result<Summary> {
    run_parallel(config, Box::new(move |emit| walker.run(emit)), reporter)
}

/// A feeder thread numbers the entries and sends them in chunks (one at a
/// time at first, so a small batch spreads over all workers); workers take
/// the next chunk from the shared feed and send each chunk's outcomes to
/// the main thread, which prints them in path order as soon as each is
/// next.
fn run_parallel(config: &Config, feed: Feed<'_>, reporter: &mut dyn Reporter) -> Result<Summary> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .context("cannot start worker threads")?;
    let workers = pool.current_num_threads();
    let progress = progress_bar(config);
    let cancel = AtomicBool::new(false);
    let (feed_tx, feed_rx) = mpsc::channel::<Vec<(usize, Entry)>>();
    let feed_rx = Mutex::new(feed_rx);
    let (tx, rx) = mpsc::channel::<Vec<(usize, Outcome)>>();
    let mut printer = Printer::new(reporter, progress.clone());
    std::thread::scope(|scope| {
        let (cancel, feed_rx) = (&cancel, &feed_rx);
        scope.spawn(move || {
            let mut chunk = Vec::new();
            let mut found = 0;
            feed(&mut |entry| {
                if cancel.load(Ordering::Relaxed) {
                    return false;
                }
                chunk.push((found, entry));
                found += 1;
                if let Some(bar) = &progress {
                    grow(bar, found);
                }
                chunk.len() < (found / (workers * 16)).clamp(1, MAX_CHUNK)
                    || feed_tx.send(std::mem::take(&mut chunk)).is_ok()
            });
            if !chunk.is_empty() {
                let _ = feed_tx.send(chunk);
            }
        });
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..workers {
                    let tx = tx.clone();
                    s.spawn(move |_| {
                        loop {
                            let next = feed_rx.lock().map_or(None, |rx| rx.recv().ok());
                            let Some(chunk) = next else { break };
                            if cancel.load(Ordering::Relaxed) {
                                break;
                            }
                            let done = chunk
                                .into_iter()
                                .map(|(i, entry)| (i, process(&entry, config)))
                                .collect();
                            if tx.send(done).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
        });
        printer.consume(rx, || stop_on_broken_pipe(config, cancel));
    });
    if let Some(bar) = &printer.progress {
        bar.finish_and_clear();
    }
    Ok(printer.summary)
}

/// When the reader of stdout goes away, read-only modes have nothing left to
/// do (like ripgrep); `fix` goes on repairing, its work is the files.
fn stop_on_broken_pipe(config: &Config, cancel: &AtomicBool) {
    if matches!(config.mode, Mode::Check | Mode::Diff) {
        cancel.store(true, Ordering::Relaxed);
    }
}

/// A progress bar, when a person watches the run: hidden until the batch
/// counts more than [`PROGRESS_THRESHOLD`] files (see [`grow`]).
fn progress_bar(config: &Config) -> Option<ProgressBar> {
    let under_pre_commit = std::env::var_os("PRE_COMMIT").is_some_and(|v| v == "1");
    let wanted = !config.quiet
        && config.format == Format::Text
        && !under_pre_commit
        && io::stderr().is_terminal();
    wanted.then(|| ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden()))
}

/// Counts one more file of the batch (the `found`th), and shows the bar
/// once the batch is large enough to want one.
fn grow(bar: &ProgressBar, found: usize) {
    bar.inc_length(1);
    if found == PROGRESS_THRESHOLD + 1 {
        bar.set_draw_target(ProgressDrawTarget::stderr());
    }
}

/// Prints outcomes in index order, counting them.
struct Printer<'r> {
    reporter: &'r mut dyn Reporter,
    progress: Option<ProgressBar>,
    summary: Summary,
}

impl<'r> Printer<'r> {
    fn new(reporter: &'r mut dyn Reporter, progress: Option<ProgressBar>) -> Self {
        Printer {
            reporter,
            progress,
            summary: Summary::default(),
        }
    }

    fn consume(
        &mut self,
        rx: mpsc::Receiver<Vec<(usize, Outcome)>>,
        mut on_broken_pipe: impl FnMut(),
    ) {
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for done in rx {
            pending.extend(done);
            while let Some(outcome) = pending.remove(&next) {
                let was_broken = self.summary.broken_pipe;
                self.emit(&outcome);
                if self.summary.broken_pipe && !was_broken {
                    on_broken_pipe();
                }
                next += 1;
            }
        }
    }

    fn emit(&mut self, outcome: &Outcome) {
        self.summary.add(outcome.status);
        if let Some(bar) = &self.progress {
            bar.inc(1);
        }
        if self.summary.broken_pipe {
            return;
        }
        let reporter = &mut *self.reporter;
        let result = match &self.progress {
            Some(bar) => bar.suspend(|| reporter.file(outcome)),
            None => reporter.file(outcome),
        };
        if result.is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe) {
            self.summary.broken_pipe = true;
        }
    }
}

/// Reads, repairs and applies the mode to one entry.
fn process(entry: &Entry, config: &Config) -> Outcome {
    match entry {
        Entry::Error { path, message } => Outcome::failed(path, message.clone()),
        Entry::File(input) => process_file(input, config),
    }
}

fn process_file(input: &Input, config: &Config) -> Outcome {
    let with_meta = !matches!(config.mode, Mode::Check | Mode::Diff);
    let contents = match files::read(input, with_meta) {
        Ok(contents) => contents,
        Err(message) => return Outcome::failed(&input.path, message),
    };
    let bytes = &contents.bytes;
    if let Some(offset) = memchr::memchr(0, bytes) {
        if !input.explicit {
            return Outcome::new(&input.path, Status::Skipped);
        }
        let err = redraft::Error::new(redraft::ErrorKind::Binary { offset });
        return unrepaired(config, input, &contents, err.to_string());
    }
    let full = config.format == Format::Json;
    let marked = redraft::has_marker(bytes, &config.options);
    // `check` in text mode: a marker outside code is proof enough, so the
    // engine is skipped (this is what makes `check` cost about a read).
    if matches!(config.mode, Mode::Check)
        && !full
        && marked
        && let Some(n) = redraft::marked_markers_outside_code(bytes, &config.options)
    {
        let mut outcome = Outcome::new(&input.path, Status::Repaired);
        outcome.facts.markers = n;
        outcome.facts.reason = format!("{n} marker{}", if n == 1 { "" } else { "s" });
        outcome.facts.bytes_before = bytes.len();
        outcome.facts.bytes_after = bytes.len();
        return outcome;
    }
    let repaired = match guarded(|| evaluate(bytes, &config.options, full, marked)) {
        Ok(repaired) => repaired,
        Err(message) => return unrepaired(config, input, &contents, message),
    };
    let mut outcome = Outcome::new(&input.path, Status::Clean);
    if let Some(repair) = &repaired {
        outcome.facts = facts(&repair.report);
        if repair.changed(bytes) {
            outcome.status = Status::Repaired;
        }
    } else {
        outcome.facts.bytes_before = bytes.len();
        outcome.facts.bytes_after = bytes.len();
    }
    let output = repaired
        .as_ref()
        .map_or(bytes.as_slice(), |r| r.output.as_slice());
    if let Err(message) = apply(config, input, &contents, output, &mut outcome) {
        outcome.status = Status::Error;
        outcome.error = Some(message);
    }
    outcome
}

/// A file that was read but cannot be repaired (conflict markers, the loss
/// guard, invalid UTF-8, binary, an engine bug) is an error. Under
/// `--output-dir` it is still copied unchanged, so the output tree mirrors
/// every input; `fix -` passes stdin through unchanged, so a pipeline that
/// misses the exit code gets the text as it was, not an empty file. The
/// error is reported either way.
fn unrepaired(
    config: &Config,
    input: &Input,
    contents: &files::Contents,
    message: String,
) -> Outcome {
    let mut message = message;
    let mut stdout = None;
    match (&config.mode, &contents.meta) {
        (Mode::OutputDir(dir), Some(meta)) => {
            match files::write_copy(&dir.join(&input.rel), &contents.bytes, meta) {
                Ok(()) => message.push_str("; copied unchanged"),
                Err(copy) => message = format!("{message}; {copy}"),
            }
        }
        (Mode::Fix, None) => {
            message.push_str("; passed through unchanged");
            stdout = Some(contents.bytes.clone());
        }
        _ => {}
    }
    let mut outcome = Outcome::failed(&input.path, message);
    outcome.stdout = stdout;
    outcome.facts.bytes_before = contents.bytes.len();
    outcome.facts.bytes_after = contents.bytes.len();
    outcome
}

thread_local! {
    /// Set while this thread runs the engine under [`guarded`].
    static IN_ENGINE: Cell<bool> = const { Cell::new(false) };
    /// Where and why the engine last panicked on this thread.
    static ENGINE_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that keeps engine panics quiet: [`guarded`] turns
/// them into one error line naming the file. Other panics print as usual.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if IN_ENGINE.with(Cell::get) {
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()));
            let message = panic_message(info.payload());
            ENGINE_PANIC
                .with(|p| *p.borrow_mut() = Some(format!("{message}{}", at.unwrap_or_default())));
        } else {
            default(info);
        }
    }));
}

/// Runs the engine so that a bug in it fails one file, not the batch: files
/// are independent, and the others are still done.
fn guarded<T>(run: impl FnOnce() -> Result<T, redraft::Error>) -> Result<T, String> {
    IN_ENGINE.with(|f| f.set(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(run));
    IN_ENGINE.with(|f| f.set(false));
    match result {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(payload) => {
            let detail = ENGINE_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| panic_message(payload.as_ref()));
            Err(format!(
                "internal error in the repair engine ({detail}); file left as it is"
            ))
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        return (*s).to_string();
    }
    payload
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_else(|| "panic".to_string())
}

/// Runs the engine unless the fast path says the file is clean. `None` means
/// clean without a report. Invalid UTF-8 always goes to the engine, which
/// owns the decision (repairable at a cut, an error elsewhere); `full`
/// (JSON) always runs it so every field is real; `marked`: the input holds
/// the marker (searched once per file).
fn evaluate(
    bytes: &[u8],
    opts: &Options,
    full: bool,
    marked: bool,
) -> Result<Option<redraft::Repair>, redraft::Error> {
    let skip =
        !full && !marked && redraft::text::is_utf8(bytes) && !redraft::needs_repair_unmarked(bytes);
    if skip {
        return Ok(None);
    }
    redraft::repair(bytes, opts).map(Some)
}

fn facts(report: &Report) -> Facts {
    Facts {
        markers: report.markers,
        kinds: report.kinds(),
        reason: report.reason(),
        warnings: report.warnings.clone(),
        bytes_before: report.bytes_before,
        bytes_after: report.bytes_after,
    }
}

/// The strategy part: what each mode does with the repaired bytes.
fn apply(
    config: &Config,
    input: &Input,
    contents: &files::Contents,
    output: &[u8],
    outcome: &mut Outcome,
) -> Result<(), String> {
    let changed = outcome.status == Status::Repaired;
    match (&config.mode, &contents.meta) {
        (Mode::Check, _) => Ok(()),
        (Mode::Diff, _) => {
            if changed {
                outcome.diff = Some(unified_diff(&input.path, &contents.bytes, output));
            }
            Ok(())
        }
        // stdin: the repaired text (or the text as it was) goes to stdout.
        (Mode::Fix, None) => {
            outcome.stdout = Some(output.to_vec());
            Ok(())
        }
        (Mode::Fix, Some(meta)) if changed => files::replace(&input.path, output, meta),
        (Mode::Fix, Some(_)) => Ok(()),
        (Mode::OutputDir(dir), Some(meta)) => {
            files::write_copy(&dir.join(&input.rel), output, meta)
        }
        (Mode::OutputDir(_), None) => Err("stdin cannot be copied to --output-dir".to_string()),
    }
}

/// A git-style unified diff (`a/` and `b/` prefixes, so `git apply` takes it).
fn unified_diff(path: &Path, before: &[u8], after: &[u8]) -> String {
    let before = String::from_utf8_lossy(before);
    let after = String::from_utf8_lossy(after);
    let name = path.to_string_lossy().replace('\\', "/");
    similar::TextDiff::from_lines(before.as_ref(), after.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// How results are shown: one call per file, in order, then the summary.
pub trait Reporter {
    /// Reports one file.
    ///
    /// # Errors
    /// Writing to stdout failed (a closed pipe is handled by the caller).
    fn file(&mut self, outcome: &Outcome) -> io::Result<()>;

    /// Writes out what is buffered for stdout; called once, before the
    /// summary.
    ///
    /// # Errors
    /// Writing failed.
    fn finish(&mut self) -> io::Result<()>;

    /// Reports the end of the run.
    ///
    /// # Errors
    /// Writing failed.
    fn summary(&mut self, summary: &Summary) -> io::Result<()>;
}

fn reporter(config: &Config, stdin_fix: bool) -> Box<dyn Reporter> {
    match config.format {
        Format::Text => Box::new(TextReporter {
            mode: config.mode.clone(),
            quiet: config.quiet,
            lines_to_stderr: stdin_fix,
            out: Out::new(),
        }),
        Format::Json => Box::new(JsonReporter {
            command: command_name(&config.mode),
            to_stderr: stdin_fix,
            out: Out::new(),
        }),
    }
}

fn command_name(mode: &Mode) -> &'static str {
    match mode {
        Mode::Check => "check",
        Mode::Fix => "fix",
        Mode::Diff => "diff",
        Mode::OutputDir(_) => "output-dir",
    }
}

/// Lines for people: results on stdout, errors, warnings and the summary on
/// stderr.
struct TextReporter {
    mode: Mode,
    quiet: bool,
    /// `fix -`: stdout carries the repaired text, so lines go to stderr.
    lines_to_stderr: bool,
    out: Out,
}

impl Reporter for TextReporter {
    fn file(&mut self, outcome: &Outcome) -> io::Result<()> {
        let path = outcome.path.display();
        let mut err = io::stderr().lock();
        if let Some(message) = &outcome.error {
            let _ = writeln!(err, "{path}: {message}");
        }
        if !self.quiet {
            for warning in &outcome.facts.warnings {
                let _ = writeln!(err, "{path}: warning: {warning}");
            }
        }
        drop(err);
        if let Some(bytes) = &outcome.stdout {
            self.out.write(bytes)?;
        }
        if outcome.status != Status::Repaired {
            return Ok(());
        }
        let line = match self.mode {
            Mode::Check => format!("{path}: {}", outcome.facts.reason),
            Mode::Diff => {
                let diff = outcome.diff.as_deref().unwrap_or_default();
                return self.out.write(diff.as_bytes());
            }
            _ if self.quiet => return Ok(()),
            _ => format!("{path}: repaired ({})", outcome.facts.reason),
        };
        if self.lines_to_stderr {
            let _ = writeln!(io::stderr(), "{line}");
            return Ok(());
        }
        self.out.write(format!("{line}\n").as_bytes())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn summary(&mut self, s: &Summary) -> io::Result<()> {
        let line = summary_line(&self.mode, s);
        let _ = writeln!(io::stderr(), "{line}");
        Ok(())
    }
}

/// Standard output: written through at once on a terminal, block-buffered
/// otherwise (one write per 64 KiB, not per file, as ripgrep does).
struct Out {
    buf: Vec<u8>,
    tty: bool,
}

impl Out {
    const BLOCK: usize = 64 << 10;

    fn new() -> Self {
        Out {
            buf: Vec::new(),
            tty: io::stdout().is_terminal(),
        }
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(bytes);
        if self.tty || self.buf.len() >= Self::BLOCK {
            return self.flush();
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        let written = out.write_all(&self.buf).and_then(|()| out.flush());
        self.buf.clear();
        written
    }
}

fn summary_line(mode: &Mode, s: &Summary) -> String {
    let files = format!("{} file{}", s.files, plural(s.files));
    let mut line = match mode {
        Mode::Check => format!("{files} checked: {} need repair", s.repaired),
        Mode::Diff => format!("{files} scanned: {} would be repaired", s.repaired),
        Mode::Fix | Mode::OutputDir(_) => format!("{files} scanned: {} repaired", s.repaired),
    };
    line.push_str(&format!(
        ", {} unchanged, {} error{}",
        s.clean,
        s.errors,
        plural(s.errors)
    ));
    if s.skipped > 0 {
        line.push_str(&format!(", {} skipped (binary)", s.skipped));
    }
    line.push_str(&format!(" in {:.2}s", s.elapsed.as_secs_f64()));
    if let Mode::OutputDir(dir) = mode {
        // Files that could not be repaired are copied unchanged (and counted
        // as errors): the tree mirrors every input.
        line.push_str(&format!("; copies in {}", dir.display()));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One JSON object per line per file, then a summary object; every object
/// has a `type` (`file` / `summary`) and always the same fields.
struct JsonReporter {
    command: &'static str,
    /// `fix -`: stdout carries the repaired text, so JSON goes to stderr.
    to_stderr: bool,
    out: Out,
}

/// The stable shape of a file record.
#[derive(Serialize)]
struct FileRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: String,
    status: Status,
    markers: usize,
    fragments: usize,
    kinds: &'a [&'static str],
    reason: Option<&'a str>,
    bytes_before: usize,
    bytes_after: usize,
    warnings: &'a [String],
    error: Option<&'a str>,
    diff: Option<&'a str>,
}

/// The stable shape of the summary record.
#[derive(Serialize)]
struct SummaryRecord {
    #[serde(rename = "type")]
    kind: &'static str,
    command: &'static str,
    files: usize,
    repaired: usize,
    clean: usize,
    errors: usize,
    skipped: usize,
    elapsed_ms: u128,
}

impl JsonReporter {
    fn line(&mut self, value: &impl Serialize) -> io::Result<()> {
        let mut text = serde_json::to_string(value).map_err(io::Error::other)?;
        text.push('\n');
        if self.to_stderr {
            let _ = io::stderr().write_all(text.as_bytes());
            return Ok(());
        }
        self.out.write(text.as_bytes())
    }
}

impl Reporter for JsonReporter {
    fn file(&mut self, outcome: &Outcome) -> io::Result<()> {
        if let Some(bytes) = &outcome.stdout {
            self.out.write(bytes)?;
        }
        let facts = &outcome.facts;
        self.line(&FileRecord {
            kind: "file",
            path: outcome.path.to_string_lossy().into_owned(),
            status: outcome.status,
            markers: facts.markers,
            fragments: facts.kinds.len(),
            kinds: &facts.kinds,
            reason: (outcome.status == Status::Repaired).then_some(facts.reason.as_str()),
            bytes_before: facts.bytes_before,
            bytes_after: facts.bytes_after,
            warnings: &facts.warnings,
            error: outcome.error.as_deref(),
            diff: outcome.diff.as_deref(),
        })
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn summary(&mut self, s: &Summary) -> io::Result<()> {
        self.line(&SummaryRecord {
            kind: "summary",
            command: self.command,
            files: s.files,
            repaired: s.repaired,
            clean: s.clean,
            errors: s.errors,
            skipped: s.skipped,
            elapsed_ms: s.elapsed.as_millis(),
        })
    }
}

/// Runs `explain`: prints the readable map (or the report as JSON).
///
/// Returns whether the file could be explained; problems are printed as
/// `path: message` on stderr.
pub fn run_explain(config: &ExplainConfig) -> bool {
    let input = explain_input(&config.file);
    let contents = match files::read(&input, false) {
        Ok(contents) => contents,
        Err(message) => return explain_failed(&input.path, &explain_message(message)),
    };
    if let Some(offset) = memchr::memchr(0, &contents.bytes) {
        let err = redraft::Error::new(redraft::ErrorKind::Binary { offset });
        return explain_failed(&input.path, &err.to_string());
    }
    let repair = match guarded(|| redraft::repair(&contents.bytes, &config.options)) {
        Ok(repair) => repair,
        Err(message) => return explain_failed(&input.path, &message),
    };
    let text = match config.format {
        Format::Text => repair.report.explain(),
        Format::Json => match serde_json::to_string(&repair.report) {
            Ok(json) => json + "\n",
            Err(err) => return explain_failed(&input.path, &err.to_string()),
        },
    };
    // A closed stdout is the reader's choice, not a failure.
    let mut out = Out::new();
    let _ = out.write(text.as_bytes()).and_then(|()| out.flush());
    true
}

fn explain_input(file: &Path) -> Input {
    if cli::is_stdin(file) {
        return files::stdin_input();
    }
    Input {
        path: file.to_path_buf(),
        rel: file.to_path_buf(),
        explicit: true,
    }
}

fn explain_message(message: String) -> String {
    if message == "is a directory" {
        return "is a directory; explain takes one file".to_string();
    }
    message
}

fn explain_failed(path: &Path, message: &str) -> bool {
    let _ = writeln!(io::stderr(), "{}: {message}", path.display());
    false
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn config(args: &[&str]) -> Config {
        let mut argv = vec!["redraft"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv).unwrap().into_job().unwrap() {
            crate::cli::Job::Batch(config) => config,
            crate::cli::Job::Explain(_) => panic!("not a batch"),
        }
    }

    const BROKEN: &str = "Hello wor\n\n---END---\n\nworld again.\n";

    /// Files vanish, turn into directories or change between the walk and
    /// the read, or between the read and the write: each is one error, the
    /// others are still done, nothing is recreated or overwritten.
    #[test]
    fn files_that_change_mid_run_are_errors_and_the_rest_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["a.md", "gone.md", "dir.md", "z.md"] {
            std::fs::write(root.join(name), BROKEN).unwrap();
        }
        let config = config(&["fix", root.to_str().unwrap()]);
        let entries = entries(&config).unwrap();
        assert_eq!(entries.len(), 4);
        std::fs::remove_file(root.join("gone.md")).unwrap();
        std::fs::remove_file(root.join("dir.md")).unwrap();
        std::fs::create_dir(root.join("dir.md")).unwrap();
        let outcomes: Vec<Outcome> = entries.iter().map(|e| process(e, &config)).collect();
        let status: Vec<(String, Status, Option<String>)> = outcomes
            .iter()
            .map(|o| {
                let name = o.path.file_name().unwrap().to_string_lossy().into_owned();
                (name, o.status, o.error.clone())
            })
            .collect();
        assert_eq!(
            status,
            vec![
                ("a.md".to_string(), Status::Repaired, None),
                (
                    "dir.md".to_string(),
                    Status::Error,
                    Some("is a directory".to_string())
                ),
                (
                    "gone.md".to_string(),
                    Status::Error,
                    Some("not found".to_string())
                ),
                ("z.md".to_string(), Status::Repaired, None),
            ]
        );
        assert!(!root.join("gone.md").exists(), "not recreated");
        assert_ne!(std::fs::read_to_string(root.join("z.md")).unwrap(), BROKEN);
    }

    #[test]
    fn a_file_deleted_between_read_and_write_is_not_recreated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, BROKEN).unwrap();
        let config = config(&["fix", path.to_str().unwrap()]);
        let entries = entries(&config).unwrap();
        let Entry::File(input) = &entries[0] else {
            panic!()
        };
        let contents = files::read(input, true).unwrap();
        std::fs::remove_file(&path).unwrap();
        let mut outcome = Outcome::new(&input.path, Status::Repaired);
        let err = apply(&config, input, &contents, b"new", &mut outcome).unwrap_err();
        assert_eq!(err, "not found");
        assert!(!path.exists());
    }

    #[test]
    fn summary_counts_each_status() {
        let mut s = Summary::default();
        for status in [
            Status::Clean,
            Status::Repaired,
            Status::Error,
            Status::Skipped,
            Status::Clean,
        ] {
            s.add(status);
        }
        assert_eq!(
            (s.files, s.clean, s.repaired, s.errors, s.skipped),
            (5, 2, 1, 1, 1)
        );
    }

    #[test]
    fn summary_line_names_the_counts() {
        let s = Summary {
            files: 3,
            repaired: 1,
            clean: 1,
            errors: 1,
            ..Summary::default()
        };
        let line = summary_line(&Mode::Fix, &s);
        assert!(line.starts_with("3 files scanned: 1 repaired, 1 unchanged, 1 error in "));
    }

    #[test]
    fn an_engine_panic_fails_one_file_not_the_run() {
        let result: Result<(), String> = guarded(|| panic!("boom"));
        let message = result.unwrap_err();
        assert!(
            message.starts_with("internal error in the repair engine ("),
            "{message}"
        );
        assert!(message.contains("boom"), "{message}");
        assert!(guarded(|| Ok::<_, redraft::Error>(1)).is_ok());
    }

    #[test]
    fn diff_has_git_headers() {
        let diff = unified_diff(Path::new("a.md"), b"one\ntwo\n", b"one\n");
        assert!(diff.starts_with("--- a/a.md\n+++ b/a.md\n@@"));
        assert!(diff.contains("-two\n"));
    }

    #[test]
    fn collisions_are_refused() {
        let input = |p: &str| {
            Entry::File(Input {
                path: PathBuf::from(p),
                rel: PathBuf::from("x.md"),
                explicit: true,
            })
        };
        let mut entries = vec![input("a/x.md"), input("b/x.md")];
        refuse_collisions(&mut entries, Path::new("out"));
        assert!(matches!(entries[0], Entry::File(_)));
        assert!(matches!(&entries[1], Entry::Error { message, .. } if message.contains("already")));
    }
}
