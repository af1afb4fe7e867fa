//! Writes the generated benchmark inputs to a folder, for `scripts/bench.sh`:
//!
//! ```sh
//! cargo bench --bench gen_inputs -- OUT_DIR
//! ```
//!
//! `OUT_DIR/scale/{en,ja}-x1.md` and `-x10.md` (the 10x scaling pair),
//! `OUT_DIR/big/ja-100-answers.md` and `en-3mb.md` (single large files) and
//! `OUT_DIR/clean/` (200 clean posts, no marker). Without a folder (plain
//! `cargo bench`) it does nothing.

#![allow(missing_docs, clippy::unwrap_used)]

mod synth;

use std::fs;
use std::path::Path;
use synth::{Lang, Shape};

fn main() {
    // cargo passes `--bench`; the first other argument is the folder.
    let Some(out) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        return;
    };
    let out = Path::new(&out);
    for dir in ["scale", "big", "clean"] {
        fs::create_dir_all(out.join(dir)).unwrap();
    }
    for (lang, name) in [(Lang::En, "en"), (Lang::Ja, "ja")] {
        let base = Shape::post(lang);
        for times in [1, 10] {
            let text = synth::broken(base.scaled(times));
            fs::write(out.join(format!("scale/{name}-x{times}.md")), text).unwrap();
        }
    }
    let hundred = Shape {
        fragments: 100,
        budget: 1_500,
        article_chars: 60_000,
        ..Shape::post(Lang::Ja)
    };
    fs::write(out.join("big/ja-100-answers.md"), synth::broken(hundred)).unwrap();
    let few_mb = Shape {
        article_chars: 1_000_000,
        fragments: 400,
        budget: 6_000,
        ..Shape::post(Lang::En)
    };
    fs::write(out.join("big/en-3mb.md"), synth::broken(few_mb)).unwrap();
    for n in 0..200 {
        let lang = if n % 2 == 0 { Lang::Ja } else { Lang::En };
        let text = synth::clean(lang, 8_000, 100 + n);
        fs::write(out.join(format!("clean/post-{n:03}.md")), text).unwrap();
    }
}
