//! `redraft::repair` on arbitrary bytes with default options: it must never
//! panic, and a successful repair must keep the front matter byte for byte
//! and be a fixed point (repairing the output again changes nothing).
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
    let twice = redraft::repair(&once.output, &opts)
        .expect("the output of a successful repair repairs again");
    assert!(twice.output == once.output, "repair is idempotent");
});
