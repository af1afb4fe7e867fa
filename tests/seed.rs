//! The file this project started from (`../shared/corpus/seed-anthropic-investment.md`),
//! when the shared corpus sits next to the checkout: it must come out as one
//! article. Skipped quietly when the corpus is absent.

use redraft::{Options, repair};

#[test]
fn seed_file_comes_out_as_one_article() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/seed-anthropic-investment.md"
    );
    let Ok(input) = std::fs::read(path) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    let out = repair(&input, &Options::default()).expect("the seed repairs");
    let text = String::from_utf8(out.output.clone()).expect("UTF-8");
    let fm_end = text[4..].find("\n---\n").expect("front matter") + 9;
    assert!(
        input.starts_with(&out.output[..fm_end]),
        "front matter byte for byte"
    );
    assert!(!text.contains("---END---"));
    assert_eq!(
        text.matches("AI基盤の「土台」に投資する").count(),
        1,
        "土 / 台 joined once"
    );
    let question = "あなたはこのAnthropicの巨額投資から、どのような未来を想像しますか？";
    assert_eq!(
        text.matches(question).count(),
        1,
        "no duplicated question line"
    );
    assert!(
        text.trim_end()
            .ends_with("その問いを投げかけているのだと私は感じています。"),
        "closing section complete"
    );
    let title = "Anthropicの500億ドル投資計画：その真意とAI業界に何をもたらすのか？";
    assert_eq!(
        text.matches(title).count(),
        2,
        "title in front matter and body, once each"
    );
    let again = repair(&out.output, &Options::default()).expect("repairs again");
    assert_eq!(again.output, out.output, "idempotent");
}
