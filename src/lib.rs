//! redraft repairs articles made of truncated, repeated LLM drafts.
//!
//! A content pipeline asked a model for a post, the answer was cut at its
//! token limit, and a "completer" appended answer after answer, each usually
//! followed by a `---END---` marker. The answers continue mid-word, repeat the
//! cut sentence, restart the article (often whitespace-collapsed), echo the
//! last paragraph or come back empty. [`repair`] rebuilds the longest coherent
//! article: every piece of text any draft contributed, once, in order, with
//! the front matter byte for byte and the trailer after the last marker.
//!
//! ```
//! let broken = "---\ntitle: t\n---\nThe model wrote a long sent\n\n---END---\n\nsentence about drafts. Then it went on.\n\n---END---\n";
//! let fixed = redraft::repair(broken.as_bytes(), &redraft::Options::default()).unwrap();
//! assert_eq!(
//!     String::from_utf8(fixed.output).unwrap(),
//!     "---\ntitle: t\n---\nThe model wrote a long sentence about drafts. Then it went on.\n"
//! );
//! ```
//!
//! # Pipeline
//!
//! The engine is pure (bytes in, [`Repair`] out) and runs in stages, each in
//! its own module, imports only going down this list:
//!
//! 1. [`text`]: BOM, line endings, UTF-8 validation (broken bytes at cut points
//!    are repairable, elsewhere they are an error), git conflict markers.
//! 2. [`front_matter`]: YAML / TOML block at byte 0, kept as raw bytes.
//! 3. [`split`]: the body broken at markers (never inside code), the trailer.
//! 4. [`clean`]: leaked prompt lines, chatter, continuation ellipses and broken
//!    characters removed from each fragment; fragment 0 split at its unmarked
//!    seam (the draft's own trailer, when the first completion goes on after
//!    it, placed last). The result is a list of [`clean::Segment`]s over one
//!    clean string.
//! 5. [`normalize`]: comparison keys (whitespace and Markdown decoration
//!    removed, width and case folded), each mapped back to its source bytes.
//! 6. [`align`]: the fuzzy-overlap engine, an LZ-style parse of every segment
//!    against the article built so far (see its docs for the design).
//! 7. [`merge`]: lays the article out in reading order from the kept source
//!    spans, choosing joins and the best-formatted copy.
//! 8. [`guard`]: the loss guard, checking every input sentence is kept or
//!    accounted for.
//!
//! [`repair`] runs the stages once, then again on their output while the
//! output still needs repair by the fast check (a marker formed by joining
//! fragments or exposed by a dropped code span, a long repeat left): at most
//! three more passes, each guarded, so repairing a repaired file changes
//! nothing.
//!
//! [`report`] holds the account of what was decided, as data. Files, threads
//! and the command line live above the engine in `app`, `files` and `cli` of
//! the binary crate.

#![forbid(unsafe_code)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod align;
pub mod clean;
pub mod error;
pub mod front_matter;
pub mod guard;
pub mod merge;
pub mod normalize;
pub mod report;
pub mod segment;
pub mod split;
pub mod text;

mod engine;

pub use engine::{
    Repair, has_marker, marked_markers_outside_code, markers_outside_code, needs_repair,
    needs_repair_unmarked, repair,
};
pub use error::{Error, ErrorKind};
pub use report::{Action, ActionKind, FileStatus, FragmentKind, Report};

/// The default marker the completer appended after each answer.
pub const DEFAULT_MARKER: &str = "---END---";

/// What to do with git conflict markers (`<<<<<<<` / `=======` / `>>>>>>>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConflictMode {
    /// Report the file and leave it untouched.
    #[default]
    Refuse,
    /// Take both sides in order, drop the conflict lines, repair the result.
    Union,
}

/// What to do with a final sentence that no draft completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PartialEnding {
    /// Keep the cut-off ending (nothing is lost).
    #[default]
    Keep,
    /// Drop the cut-off ending of the article (reported).
    Trim,
}

/// Options of the repair engine.
#[derive(Debug, Clone)]
pub struct Options {
    /// The marker the completer appended (default `---END---`).
    pub marker: String,
    /// Extra leak / chatter line patterns (regular expressions), on top of
    /// the built-in Japanese, English and Chinese ones.
    pub leak_patterns: Vec<String>,
    /// The generation prompt, if known: lines that echo it are dropped.
    pub prompt: Option<String>,
    /// What to do with git conflict markers.
    pub conflicts: ConflictMode,
    /// What to do with an article ending no draft completes.
    pub partial_ending: PartialEnding,
    /// Refuse to produce a repair that would lose text (on by default).
    pub loss_guard: bool,
    /// Quote the text of every decision in the report (on by default; a
    /// batch that only counts decisions turns it off and saves the work).
    pub excerpts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            marker: DEFAULT_MARKER.to_string(),
            leak_patterns: Vec::new(),
            prompt: None,
            conflicts: ConflictMode::Refuse,
            partial_ending: PartialEnding::Keep,
            loss_guard: true,
            excerpts: true,
        }
    }
}
