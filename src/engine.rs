//! The pipeline: bytes in, [`Repair`] out. No files, no stdout.

use crate::report::Report;
use crate::{Error, Options};

/// The result of repairing one input.
#[derive(Debug, Clone)]
pub struct Repair {
    /// The repaired bytes (equal to the input when nothing was repaired).
    pub output: Vec<u8>,
    /// What was decided, and why.
    pub report: Report,
}

impl Repair {
    /// Whether the output differs from the input.
    pub fn changed(&self, input: &[u8]) -> bool {
        self.output != input
    }
}

/// Repairs one file's bytes.
///
/// # Errors
/// Invalid UTF-8 outside a cut point, binary input, git conflict markers
/// (unless [`crate::ConflictMode::Union`]), a bad leak pattern, or a repair the
/// loss guard refuses.
pub fn repair(input: &[u8], opts: &Options) -> Result<Repair, Error> {
    let _ = (input, opts);
    todo!()
}

/// Fast check: does this input need the engine at all? One pass over the
/// bytes; `false` means [`repair`] would leave it unchanged.
pub fn needs_repair(input: &[u8], opts: &Options) -> bool {
    let _ = (input, opts);
    todo!()
}
