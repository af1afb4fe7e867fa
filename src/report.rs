//! What the engine decided, as data: fragments, their kinds, joins, what was
//! dropped and why, and anything it was unsure of. The CLI renders it as text,
//! JSON or the `explain` map; field names are stable.

use serde::Serialize;
use std::fmt::Write as _;

/// The outcome for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Nothing to repair; the output equals the input.
    Clean,
    /// The file had draft artefacts and was repaired.
    Repaired,
}

/// What a fragment (or a run inside one) was taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FragmentKind {
    /// The original draft (start of the file).
    Original,
    /// New text continuing the article.
    Continuation,
    /// Repeats the end of the article, then goes on.
    SeamRepeat,
    /// The article again from (near) its start.
    RestartEcho,
    /// An earlier part of the article again.
    TailEcho,
    /// Nothing but text already in the article.
    ExactRepeat,
    /// An empty answer.
    Empty,
    /// Only leaked prompt lines or chatter.
    Leak,
    /// Text after the last marker, kept as it is.
    Trailer,
    /// Text that could not be placed with confidence (kept).
    Unplaced,
}

impl FragmentKind {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            FragmentKind::Original => "original",
            FragmentKind::Continuation => "continuation",
            FragmentKind::SeamRepeat => "seam repeat",
            FragmentKind::RestartEcho => "restart echo",
            FragmentKind::TailEcho => "tail echo",
            FragmentKind::ExactRepeat => "exact repeat",
            FragmentKind::Empty => "empty",
            FragmentKind::Leak => "leak",
            FragmentKind::Trailer => "trailer",
            FragmentKind::Unplaced => "unplaced",
        }
    }
}

/// One fragment of the input (text between markers) and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FragmentReport {
    /// 0-based fragment number (fragment 0 starts after the front matter).
    pub index: usize,
    /// Byte offset of the fragment in the input file.
    pub start: usize,
    /// Byte offset of its end in the input file.
    pub end: usize,
    /// What it was taken for.
    pub kind: FragmentKind,
    /// Characters of comparison text it contributed to the article.
    pub kept_chars: usize,
    /// Characters of comparison text recognised as already known.
    pub repeated_chars: usize,
    /// Characters of comparison text dropped as variants or debris.
    pub dropped_chars: usize,
}

/// What was done with one span of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// A marker removed.
    Marker,
    /// A leaked prompt line or model chatter removed.
    Leak,
    /// A continuation marker (`...`, `…`, `(continued)`) removed.
    ContinuationMarker,
    /// A broken character (U+FFFD or invalid bytes) at a cut removed.
    BrokenChar,
    /// Text already in the article (a re-emission) dropped.
    Repeat,
    /// Text the original draft said again amid its own new text, kept as
    /// the author's quotation.
    Quote,
    /// A lightly edited copy of known text dropped in favour of the first.
    Variant,
    /// A better-formatted copy replaced the text first kept.
    Reformat,
    /// A cut joined to its continuation.
    Join,
    /// Text kept although it could not be placed with confidence.
    Unsure,
    /// A cut-off article ending trimmed (`--trim-partial-ending`).
    TrimPartial,
    /// Git conflict lines removed (`--conflicts union`).
    Conflict,
}

/// One decision of the engine, with where it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    /// What was done.
    pub kind: ActionKind,
    /// Byte offset in the input file.
    pub offset: usize,
    /// Length in bytes of the input span it concerns.
    pub len: usize,
    /// Fragment number it belongs to.
    pub fragment: usize,
    /// The first characters of the span.
    pub excerpt: String,
}

/// The front matter found, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrontMatterReport {
    /// `yaml`, `toml` or `none`.
    pub kind: &'static str,
    /// Length in bytes (kept byte for byte).
    pub len: usize,
    /// Why it does not parse, if it does not (it is kept as it is anyway).
    pub error: Option<String>,
}

/// The account of one repair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Clean or repaired.
    pub status: FileStatus,
    /// Markers found (outside code).
    pub markers: usize,
    /// The fragments, in input order.
    pub fragments: Vec<FragmentReport>,
    /// Every removal, join and doubt, in input order.
    pub actions: Vec<Action>,
    /// Things a person should look at (invalid front matter, unplaced text).
    pub warnings: Vec<String>,
    /// The front matter.
    pub front_matter: FrontMatterReport,
    /// Size of the input.
    pub bytes_before: usize,
    /// Size of the output.
    pub bytes_after: usize,
}

impl Report {
    /// Names of the fragment kinds, in order (for one-line summaries).
    pub fn kinds(&self) -> Vec<&'static str> {
        self.fragments.iter().map(|f| f.kind.name()).collect()
    }

    /// A one-line reason why the file needs repair (for `check`).
    pub fn reason(&self) -> String {
        let mut parts = Vec::new();
        if self.markers > 0 {
            parts.push(format!("{} marker{}", self.markers, plural(self.markers)));
        }
        let repeats = self.count(ActionKind::Repeat) + self.count(ActionKind::Variant);
        if repeats > 0 {
            parts.push(format!("{repeats} repeated span{}", plural(repeats)));
        }
        let leaks = self.count(ActionKind::Leak);
        if leaks > 0 {
            parts.push(format!("{leaks} leaked line{}", plural(leaks)));
        }
        let joins = self.count(ActionKind::Join);
        if joins > 0 {
            parts.push(format!("{joins} cut{}", plural(joins)));
        }
        let broken = self.count(ActionKind::BrokenChar);
        if broken > 0 {
            parts.push(format!("{broken} broken char{}", plural(broken)));
        }
        if parts.is_empty() {
            parts.push("draft artefacts".to_string());
        }
        parts.join(", ")
    }

    /// How many actions of this kind.
    pub fn count(&self, kind: ActionKind) -> usize {
        self.actions.iter().filter(|a| a.kind == kind).count()
    }

    /// The readable map printed by `redraft explain`.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        let fm = &self.front_matter;
        let _ = writeln!(
            out,
            "status: {}; {} marker{}; {} -> {} bytes",
            match self.status {
                FileStatus::Clean => "clean",
                FileStatus::Repaired => "repaired",
            },
            self.markers,
            plural(self.markers),
            self.bytes_before,
            self.bytes_after
        );
        let _ = writeln!(
            out,
            "front matter: {} ({} bytes){}",
            fm.kind,
            fm.len,
            fm.error
                .as_ref()
                .map(|e| format!(", does not parse: {e}"))
                .unwrap_or_default()
        );
        out.push_str("fragments:\n");
        for f in &self.fragments {
            let _ = writeln!(
                out,
                "  #{:<2} bytes {}..{}  {:<13} kept {} / repeated {} / dropped {} chars",
                f.index,
                f.start,
                f.end,
                f.kind.name(),
                f.kept_chars,
                f.repeated_chars,
                f.dropped_chars
            );
        }
        if !self.actions.is_empty() {
            out.push_str("decisions:\n");
            for a in &self.actions {
                let _ = writeln!(
                    out,
                    "  #{:<2} @{:<6} {:<19} {}",
                    a.fragment,
                    a.offset,
                    action_name(a.kind),
                    a.excerpt
                );
            }
        }
        for w in &self.warnings {
            let _ = writeln!(out, "warning: {w}");
        }
        out
    }
}

/// The name of an action in the `explain` map.
pub fn action_name(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Marker => "marker removed",
        ActionKind::Leak => "leak removed",
        ActionKind::ContinuationMarker => "ellipsis removed",
        ActionKind::BrokenChar => "broken char removed",
        ActionKind::Repeat => "repeat dropped",
        ActionKind::Quote => "repeat kept",
        ActionKind::Variant => "variant dropped",
        ActionKind::Reformat => "better copy taken",
        ActionKind::Join => "cut joined",
        ActionKind::Unsure => "kept, unsure",
        ActionKind::TrimPartial => "cut ending trimmed",
        ActionKind::Conflict => "conflict line removed",
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
