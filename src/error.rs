//! The library's error type: what can make a file unrepairable.
//!
//! Errors carry a byte offset into the input where it helps a person find
//! the problem; the caller adds the file name.

use std::fmt;

/// What went wrong, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// Invalid UTF-8 that is not at a cut point.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The input looks binary (a NUL byte).
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// Git conflict markers, and the conflict mode is [`crate::ConflictMode::Refuse`].
    Conflict {
        /// Byte offset of the first conflict marker line.
        offset: usize,
        /// 1-based line number of that line.
        line: usize,
    },
    /// The loss guard refused the repair: some input text would be lost.
    WouldLoseText {
        /// Byte offset of the first lost sentence in the input.
        offset: usize,
        /// The beginning of that sentence.
        excerpt: String,
    },
    /// A leak pattern given by the user is not a valid regular expression.
    BadPattern {
        /// The pattern.
        pattern: String,
        /// Why it is invalid.
        reason: String,
    },
}

/// An error of the repair engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    /// A new error of this kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidUtf8 { offset } => write!(f, "not valid UTF-8 at byte {offset}"),
            ErrorKind::Binary { offset } => write!(f, "binary file (NUL byte at byte {offset})"),
            ErrorKind::Conflict { line, .. } => write!(
                f,
                "git conflict markers at line {line}; resolve them or use --conflicts union"
            ),
            ErrorKind::WouldLoseText { offset, excerpt } => write!(
                f,
                "repair would lose text at byte {offset} (\"{excerpt}\"); file left as it is"
            ),
            ErrorKind::BadPattern { pattern, reason } => {
                write!(f, "invalid leak pattern `{pattern}`: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {}
