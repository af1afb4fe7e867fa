//! Prints the aligner's decisions for one file (a development aid):
//! `cargo run --example trace -- FILE [FROM [TO]]` lists the spans whose
//! input offsets fall in FROM..TO.

use redraft::{Options, repair};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: trace FILE [FROM [TO]]")?;
    let from: usize = args.get(2).map_or(Ok(0), |s| s.parse())?;
    let to: usize = args.get(3).map_or(Ok(usize::MAX), |s| s.parse())?;
    let input = std::fs::read(path)?;
    let opts = Options {
        loss_guard: false,
        ..Options::default()
    };
    let r = repair(&input, &opts)?;
    for a in &r.report.actions {
        if a.offset >= from && a.offset < to {
            println!(
                "{:>7} {:>5} #{:<2} {:?} {}",
                a.offset, a.len, a.fragment, a.kind, a.excerpt
            );
        }
    }
    Ok(())
}
