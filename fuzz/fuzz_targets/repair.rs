//! `redraft::repair` on arbitrary bytes with default options: it must never
//! panic, and a successful repair must keep the front matter byte for byte
//! and be a fixed point (repairing the output again changes nothing, or is
//! refused by the loss guard as the first repair's report announced).
//!
//! `REDRAFT_FUZZ_PANICS_ONLY=1` skips the idempotence check, to hunt panics
//! and hangs while known idempotence failures are being fixed.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn panics_only() -> bool {
    static FLAG: OnceLock<bool> = OnceLock::new();
    *FLAG.get_or_init(|| std::env::var_os("REDRAFT_FUZZ_PANICS_ONLY").is_some_and(|v| v == "1"))
}

fuzz_target!(|data: &[u8]| {
    let opts = redraft::Options::default();
    let Ok(once) = redraft::repair(data, &opts) else {
        return;
    };
    let fm = redraft::front_matter::find(data);
    assert!(
        once.output.starts_with(&data[..fm.end]),
        "front matter bytes preserved"
    );
    if panics_only() {
        return;
    }
    match redraft::repair(&once.output, &opts) {
        Ok(twice) => assert!(twice.output == once.output, "repair is idempotent"),
        // The first repair tried a second pass, the loss guard refused it,
        // and the report says so: refusing again leaves the file as it is.
        Err(e) if matches!(e.kind(), redraft::ErrorKind::WouldLoseText { .. }) => assert!(
            once.report.warnings.iter().any(|w| w.contains("kept the first repair")),
            "a repaired file is refused on a second run without warning: {e}"
        ),
        Err(e) => panic!("the output of a successful repair fails to repair again: {e}"),
    }
});
