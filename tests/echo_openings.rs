//! Echo openings and seams found by the property tests (`tests/properties.rs`),
//! minimized: each input and the repair it must get. Each case failed
//! before (or, for the sentence-tail echo, during) the engine change its
//! comment describes.

#![allow(clippy::unwrap_used)]

use redraft::Options;

fn repaired(input: &str) -> String {
    String::from_utf8(
        redraft::repair(input.as_bytes(), &Options::default())
            .unwrap()
            .output,
    )
    .unwrap()
}

/// A cut `…the draf` goes on behind an ellipsis with `t. Sentence 4`: `t.` +
/// `Sentence` also copies the end of an earlier sentence and the start of the
/// next, but two chars of it say nothing; the cut word goes on (before, `t.`
/// was dropped as a repeat and the rest of the draft laid out after sentence
/// 0).
#[test]
fn mid_word_copy_across_a_sentence_end_is_not_an_echo_opening() {
    let input = "# A post about drafts\n\nSentence 0 measured article draft answer draft wrote river quietly the short. Sentence 1 the again short wrote. Sentence 2 short wrote short kept seven article short again token short wrote. Sentence 3 window quietly short draft the draf\n\n...t. Sentence 4 draft model the answer short article wrote kept article short article. Sentence 5 draft quietly wrote kept river quietly. Sentence 6 kept the green short again quietl\n\n---END---\n\nSentence 0 measured article draft answer draft wrote river quietly the short. Sentence 1 the again short wrote. Sentence 2 short wrote short kept seven article short again token short wrote. Sentence 3 window quietly short draft the draft. Sentence 4 draft model the answer short article wrote kept a\n\n---END---\n\nSentence 6 kept the green short again quietly the draft model. Sentence 7 draft found sho\n\n---END---\n";
    let want = "# A post about drafts\n\nSentence 0 measured article draft answer draft wrote river quietly the short. Sentence 1 the again short wrote. Sentence 2 short wrote short kept seven article short again token short wrote. Sentence 3 window quietly short draft the draft. Sentence 4 draft model the answer short article wrote kept article short article. Sentence 5 draft quietly wrote kept river quietly. Sentence 6 kept the green short again quietly the draft model. Sentence 7 draft found sho\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// `… the draft` + `.... Sentence 4`: three dots are the continuation marker,
/// the fourth is the period of the cut sentence (before, all four went and
/// `draftSentence` was glued).
#[test]
fn a_fourth_dot_after_an_ellipsis_is_the_cut_sentences_period() {
    let input = "# A post\n\nSentence 2 short wrote short kept seven article. Sentence 3 window quietly short draft the draft\n\n.... Sentence 4 draft model the answer short article wrote kept article short article. Senten\n\n---END---\n";
    let want = "# A post\n\nSentence 2 short wrote short kept seven article. Sentence 3 window quietly short draft the draft. Sentence 4 draft model the answer short article wrote kept article short article. Senten\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The draft stops inside a heading (`## The mi`), and the unmarked first
/// answer echoes from the middle of the title (`rafts`): that is fragment 0's
/// seam, and the echo completes the heading.
#[test]
fn a_heading_cut_mid_word_then_a_mid_word_echo_is_the_seam() {
    let input = "# A post about drafts\n\nSentence 0 short again later quietly. Sentence 1 market measured model answer token limit draft model draft. Sentence 2 draft window answer model draft cut short. Sentence 3 draft model short article short draft.\n\n## The mi\n\nrafts\n\nSentence 0 short again later quietly. Sentence 1 market measured model answer token limit draft model draft. Sentence 2 draft window answer model draft cut short. Sentence 3 draft model short article short draft.\n\n## The middle part\n\nSentence 4 draft model cut. Sentence 5 short draft mea\n\n---END---\n";
    let want = "# A post about drafts\n\nSentence 0 short again later quietly. Sentence 1 market measured model answer token limit draft model draft. Sentence 2 draft window answer model draft cut short. Sentence 3 draft model short article short draft.\n\n## The middle part\n\nSentence 4 draft model cut. Sentence 5 short draft mea\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The unmarked first answer restarts from the end of the title line
/// (`ついての記事`), with sentence 0 left out: the title tail is part of the restart,
/// not text glued to the cut.
#[test]
fn an_echo_opening_with_the_end_of_the_title_is_an_echo() {
    let input = "# 下書きについての記事\n\n第0文下書きは下書きモデル回答。\n\n第1文モデル回答下書き書いた下書きモデル回答。第2文書いた下書き。第3文下書き書いた静かに「土台」静かに下\n\nついての記事\n\n\n\n第1文モデル回答下書き書いた下書きモデル回答。第2文書いた下\n\n---END---\n\n「土台」静かに下書きモデル回答。第4文書いた下書きモデル下書き書いた下書き。第5\n\n---END---\n\n第1文モデル回答下書き書いた下書きモデル回答。第2文書いた下書き。第3文下書き書いた静かに「土台」静かに下書きモデル回答。第4文書いた下書きモデル下書き書い\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文下書きは下書きモデル回答。\n\n第1文モデル回答下書き書いた下書きモデル回答。第2文書いた下書き。第3文下書き書いた静かに「土台」静かに下書きモデル回答。第4文書いた下書きモデル下書き書いた下書き。第5\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// After the cut, the answer echoes with its first sentence lightly edited
/// (`第文0`) and catches up with the cut exactly: the edited opening is a
/// variant, and the completion joins the cut.
#[test]
fn an_edited_echo_catching_up_with_the_cut_is_an_echo() {
    let input = "# 下書きについての記事\n\n第0文下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。第3文下書き\n\n第文0下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。第3文下書きモデ\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。第3文下書きモデ\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The answer repeats the cut sentence (`第5文窓下書`) and goes on: what follows is
/// new text at the article's end, even where its first words copy an earlier
/// sentence (before, the rest was kept as an unsure insertion in the middle of
/// the article).
#[test]
fn a_seam_repeat_does_not_open_an_echo() {
    let input = "# 記事\n\n第1文モデル回答下書き書いた下書きモデル回答。第4文書いた下書きモデル下書き書いた下書き。第5文窓下書\n\n---END---\n\n第5文窓下書き書いた下書きモデル下書き回答。第6文読者書いた残した下書きモデル回答記事読者下書き。\n\n---END---\n";
    let want = "# 記事\n\n第1文モデル回答下書き書いた下書きモデル回答。第4文書いた下書きモデル下書き書いた下書き。第5文窓下書き書いた下書きモデル下書き回答。第6文読者書いた残した下書きモデル回答記事読者下書き。\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The cut `…第3文下書き` ends with the first chars of the title (`下書き…`); the
/// restart's title line is an echo, not the cut sentence said again plus
/// `についての記事`.
#[test]
fn a_restart_whose_title_ends_like_the_cut_is_a_restart() {
    let input = "# 下書きについての記事\n\n第0文下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。第3文下書き\n\n# 下書きについての記事\n\n\n\n第1文静かに再び下書きが下書き。第2文下書き。第\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。第3文下書き\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The unmarked first answer echoes from the tail of sentence 0 (`reader
/// draft.`), with sentence 1 left out: the tail is part of the echo, found
/// shortly before the sentences it goes on with, not the rest of the cut word
/// `d`; and a run of short whole sentences copied together is a re-emission.
#[test]
fn an_echo_opening_with_a_sentence_tail_before_a_left_out_sentence_is_an_echo() {
    let input = "# A post about drafts\n\nSentence 0 the draft model reader draft. Sentence 1 seven reader the. Sentence 2 draft cut. Sentence 3 found quietly draft token draft. Sentence 4 short again quietly draft. Sentence 5 draft model answer draft model found draft window. Sentence 6 token answer draft model short draft answer limit draft model answer. Sentence 7 draft answer draft quietly window d\n\nreader draft.  Sentence 2 draft cut. Sentence 3 found quietly draft token draft. Sentence 4 short again quietly draft. Sentence 5 draft model answe\n\n---END---\n\nwer draft model found draft window. Sentence 6 token answer draft model short draft answer limit draft model answer. Sentence 7 draft answer draft quietly window draft. Sentence 8 draft model answer model.\n\n---END---\n";
    let want = "# A post about drafts\n\nSentence 0 the draft model reader draft. Sentence 1 seven reader the. Sentence 2 draft cut. Sentence 3 found quietly draft token draft. Sentence 4 short again quietly draft. Sentence 5 draft model answer draft model found draft window. Sentence 6 token answer draft model short draft answer limit draft model answer. Sentence 7 draft answer draft quietly window draft. Sentence 8 draft model answer model.\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// A short cut line (`第3文下`), then an echo whose one-sentence first paragraph
/// is edited (`第文0`): the paragraph after it repeats earlier text, so the seam
/// is at the edited sentence.
#[test]
fn a_short_cut_line_then_an_edited_one_sentence_echo_is_the_seam() {
    let input = "# 下書きについての記事\n\n第0文下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。\n\n第3文下\n\n第文0下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。\n\n第3文下書き\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文下書き。\n\n第1文静かに再び下書きが下書き。第2文下書き。\n\n第3文下書き\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The draft stops on a short line (`第14文回答記事回答読`), and the unmarked first
/// answer says it again and completes it: that is fragment 0's seam, and the
/// completion joins the cut without a paragraph break in the middle of the
/// word.
#[test]
fn a_short_cut_line_said_again_and_completed_is_the_seam() {
    let input = "# 記事\n\n第12文書いた静かに下書き。第13文残した書いた下書きモデル回答記事読者静かに。\n\n第14文回答記事回答読\n\n第14文回答記事回答読者。第15文回答下書き書いた下書き。 ## 中盤の話 第16文下書きモデル下書き回答下書きモデル。\n\n---END---\n";
    let want = "# 記事\n\n第12文書いた静かに下書き。第13文残した書いた下書きモデル回答記事読者静かに。\n\n第14文回答記事回答読者。第15文回答下書き書いた下書き。 ## 中盤の話 第16文下書きモデル下書き回答下書きモデル。\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// Inside an echo, an edited sentence (`書下き` for `下書き`) breaks the chain of
/// copies; the next sentence starts with `第4文`, too short for a k-gram seed,
/// and completes the cut there. The echo now looks for it where the edit ends
/// and at the next sentence start: before, the rest of the echo was kept as an
/// unsure insertion and a later answer's `文` joined the wrong cut
/// (`第5第4文書いた…`).
#[test]
fn an_echo_goes_on_past_an_edited_sentence_with_a_short_anchor() {
    let input = "# 下書きについての記事\n\n第0文下書きモデル回答下書き。第1文書いた下書き静かに書いた下書きモデル回答。\n\n第2文下書きモデル下書き回答下書き。第3文回答庭下書き庭。第4文\n\n第2文下書きモデル下書き回答下書き。第3文回答庭書下き庭。第4文庭下書き庭。第5\n\n---END---\n\n...文書いた下書きが下書き庭下書き回答庭。第6文が回答庭が。第7文静かに書いた残した\n\n---END---\n\n第2文下書きモデル下書き回答下書き。第3文回答庭下書き庭。第4文庭下書き庭。第5文書いた下書きが下書き庭下書き回答庭。第6文が回答庭が。第7文静かに書いた残した下書\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文下書きモデル回答下書き。第1文書いた下書き静かに書いた下書きモデル回答。\n\n第2文下書きモデル下書き回答下書き。第3文回答庭下書き庭。第4文庭下書き庭。第5文書いた下書きが下書き庭下書き回答庭。第6文が回答庭が。第7文静かに書いた残した下書\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// After a cut at a word end (`…later found`), the answer goes on with ` draft.
/// Sentence 4 …`: `draft.` + `Sentence` also copies the end of sentence 2 and a
/// sentence start, and the answer's later `after found` shares 8 keys with the
/// cut (`terfound`). Only a longer catch-up (16 keys) makes such an opening an
/// echo; before, the continuation was laid out before sentence 3.
#[test]
fn a_word_continuing_the_cut_is_not_an_echo_by_a_chance_match_later() {
    let input = "# A post about drafts\n\nSentence 0 draft the measured reader cut draft quietly the model. Sentence 1 measured short draft window the seven short quietly window article.\n\n## The middle part\n\nSentence 2 short draft model article short again answer draft. Sentence 3 draft window draft later found\n\n draft. Sentence 4 the cut draft after found draft quietly draft model short again. Sentence 5 dra\n\n---END---\n";
    let want = "# A post about drafts\n\nSentence 0 draft the measured reader cut draft quietly the model. Sentence 1 measured short draft window the seven short quietly window article.\n\n## The middle part\n\nSentence 2 short draft model article short again answer draft. Sentence 3 draft window draft later found draft. Sentence 4 the cut draft after found draft quietly draft model short again. Sentence 5 dra\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The unmarked first answer opens with a lightly edited copy of an earlier
/// sentence (`Sentence 1 drfat article …`): its copy after the edit weighs as
/// much as an opening copy must, so the segment is an echo and the edited
/// opening a variant. Before, it was glued to the cut (`token liSentence 1
/// drfat …`).
#[test]
fn an_edited_echo_at_the_seam_is_an_echo() {
    let input = "# A post about drafts\n\nSentence 0 draft model answer draft token draft limit. Sentence 1 draft article quietly draft model short. Sentence 2 draft again draft token limit draft model answer draft model. Sentence 3 token li\n\nSentence 1 drfat article quietly draft model short. Se\n\n---END---\n\n...mit draft model answer. Sentence 4 draft.\n\nSentence 5 draft quietly model answer. Sentence 6 window draft model short draft \n\n---END---\n\nmodel again draft.\n\n---END---\n\nentence 2 draft again draft token limit draft model answer draft model. Sentence 3 token limit draft model answer. Sentence 4 draft.\n\nSentence 5 draft quietly model answer. Sentence 6 windo\n\n---END---\n";
    let want = "# A post about drafts\n\nSentence 0 draft model answer draft token draft limit. Sentence 1 draft article quietly draft model short. Sentence 2 draft again draft token limit draft model answer draft model. Sentence 3 token limit draft model answer. Sentence 4 draft.\n\nSentence 5 draft quietly model answer. Sentence 6 window draft model short draft model again draft.\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The same answer comes twice. Its edited first sentence (`answre`) opens like
/// the cut it follows (`Sen` + `Sentence 5`), so its first chars are taken for
/// the cut said again; the answer then catches up with the cut exactly. The
/// whole opening, overlap included, is the edited copy: before, it was glued to
/// the cut (`token liSentence 5 draft model answre`).
#[test]
fn a_repeated_edited_answer_opening_like_the_cut_is_a_variant() {
    let input = "# A post about drafts\n\nSentence 0 draft model answer draft short. Sentence 1 short draft model answer draft. Sentence 2 answer token window market draft. Sentence 3 draft lost later limit draft. Sentence 4 draft model answer draft cut draft short draft model quietly. Sentence 5 draft model answer draft. Sentence 6 draft model answer draft model token li\n\nSentence 5 draft model answre draft. Sentence 6 draft model answer draft model token limit draft. Sentence 7 draft model answer reader the draft. Sen\n\n---END---\n\nSentence 5 draft model answre draft. Sentence 6 draft model answer draft model token limit draft. Sentence 7 draft model answer reader the draft. Sen\n\n---END---\n\ntence 8 short draft model answer.\n\n---END---\n";
    let want = "# A post about drafts\n\nSentence 0 draft model answer draft short. Sentence 1 short draft model answer draft. Sentence 2 answer token window market draft. Sentence 3 draft lost later limit draft. Sentence 4 draft model answer draft cut draft short draft model quietly. Sentence 5 draft model answer draft. Sentence 6 draft model answer draft model token limit draft. Sentence 7 draft model answer reader the draft. Sentence 8 short draft model answer.\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// Answers that are only the sentence end the article already has: the first
/// `。` completes the cut, the next ones repeat it (before, each was kept as
/// a paragraph of its own). A different end (`!`) is not a repeat of the
/// text and is kept.
#[test]
fn a_lone_sentence_end_said_again_is_a_repeat() {
    let input = "# 下書きについての記事\n\n第13文書いた下書き庭回答記事。第14文回答下書きが記事回答書いた庭\n\n---END---\n\n。\n\n---END---\n\n。\n\n---END---\n\n。\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第13文書いた下書き庭回答記事。第14文回答下書きが記事回答書いた庭。\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
    let input = "# 記事\n\n第1文は本文です。第2文は回答の\n\n---END---\n\n庭。\n\n---END---\n\n庭。\n\n---END---\n";
    let want = "# 記事\n\n第1文は本文です。第2文は回答の庭。\n";
    assert_eq!(repaired(input), want);
    let input = "# A post\n\nSentence one is here. Sentence two is the gard\n---END---\nen.\n---END---\n.\n---END---\n!\n---END---\n";
    let want = "# A post\n\nSentence one is here. Sentence two is the garden.\n\n!\n";
    assert_eq!(repaired(input), want);
}

/// The draft is cut after `「土台」` (a closing bracket, so not taken for a
/// cut), and its unmarked first answer restarts from the title's tail
/// (`きについての記事`), then repeats the lead. A one-line paragraph that ends
/// the title, followed by a repeat, is the seam (before, the title tail was
/// kept and glued to the last answer's text, which lost `第5文読者記事`).
#[test]
fn a_title_tail_line_then_a_repeat_after_a_cut_at_a_closing_bracket_is_the_seam() {
    let input = "# 下書きについての記事\n\n第0文静かに下書き書いた下書き庭記事回答庭。第1文下書き回答書いた下書き。第2文書いた下書きモデル回答。第3文書いた回答記事投資下書き書いた。第4文「土台」回答書いた回答「土台」\n\nきについての記事\n\n第0文静かに下書き書いた下書き庭記事回答庭。第1文下書き回答\n\n---END---\n\n第4文「土台」回答書いた回答「土台」。第5文読者記事書いたを下書き書いた庭下書き\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文静かに下書き書いた下書き庭記事回答庭。第1文下書き回答書いた下書き。第2文書いた下書きモデル回答。第3文書いた回答記事投資下書き書いた。第4文「土台」回答書いた回答「土台」。第5文読者記事書いたを下書き書いた庭下書き\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The unmarked first answer echoes `第1文がを庭。` (exact, too short to
/// anchor an echo), then an edited `第2下文…`, then an exact sentence. The
/// seam is found from the third sentence, and the short exact one is the
/// echo's lead, not a continuation of the cut `書い` (before, it was glued to
/// the cut and the later answer completing `第5文…` was laid out around it).
#[test]
fn a_short_exact_sentence_before_an_edited_one_is_the_echos_lead() {
    let input = "# 下書きについての記事\n\n第0文下書き。第1文がを庭。第2文下書きモデル回答。第3文書いた残した下書きモデル回答書いた。第4文読者下書き書いた残した。第5文書いた下書き書い\n\n第1文がを庭。第2下文書きモデル回答。第3文書いた残した下書きモデル回答書いた。\n\n---END---\n\n第5文書いた下書き書いた「土台」静かに。第6文下書きモデル下書き。第7文回答書い\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文下書き。第1文がを庭。第2文下書きモデル回答。第3文書いた残した下書きモデル回答書いた。第4文読者下書き書いた残した。第5文書いた下書き書いた「土台」静かに。第6文下書きモデル下書き。第7文回答書い\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// A draft cut inside a number (`Sentence 1` / `第1`) whose unmarked answer
/// goes on with its next digit (`0 seven`, `0文`): the paragraph break is the
/// seam, and the number is joined (before, it stayed split in two).
#[test]
fn a_cut_inside_a_number_goes_on_with_its_digits() {
    let input = "# A post about drafts\n\nSentence 8 quietly river short seven quietly short. Sentence 9 kept article wrote draft seven draft. Sentence 1\n\n0 seven measured short kept found short window again short. Sentence 11 window market window short again.\n\n---END---\n";
    let want = "# A post about drafts\n\nSentence 8 quietly river short seven quietly short. Sentence 9 kept article wrote draft seven draft. Sentence 10 seven measured short kept found short window again short. Sentence 11 window market window short again.\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
    let input = "# 記事\n\n第8文下書きが回答記事。第9文静かに下書き回答記事読者書いた。第1\n\n0文回答記事庭下書き書いた下書き。第11文回答記事残した。\n\n---END---\n";
    let want = "# 記事\n\n第8文下書きが回答記事。第9文静かに下書き回答記事読者書いた。第10文回答記事庭下書き書いた下書き。第11文回答記事残した。\n";
    assert_eq!(repaired(input), want);
}

/// The draft ends with a whole heading; its unmarked first answer echoes the
/// paragraph before the heading, edited (`第2下文`). A sentence of it said
/// whole in the text just before the heading makes the seam (before, the echo
/// was kept as the author's new section, in part).
#[test]
fn a_draft_cut_after_a_heading_then_an_echo_of_the_text_before_it_is_the_seam() {
    let input = "# 下書きについての記事\n\n第0文下書きモデル下書き静かに。\n\n第1文書いた下書きモデル「土台」回答。第2文下書き静かに下書き。第3文静かに書いた下書き回答。第4文書いた下書き回答庭下書き。第5文書いた下書き回答下書き。第6文回答モデル回答。\n\n第7文下書き回答庭下書き書いた下書き。\n\n## 中盤の話\n\n第1文書いた下書きモデル「土台」回答。第2下文書き静かに下書き。第3文静かに書いた下書き回答。\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文下書きモデル下書き静かに。\n\n第1文書いた下書きモデル「土台」回答。第2文下書き静かに下書き。第3文静かに書いた下書き回答。第4文書いた下書き回答庭下書き。第5文書いた下書き回答下書き。第6文回答モデル回答。\n\n第7文下書き回答庭下書き書いた下書き。\n\n## 中盤の話\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The same, where the echo runs on to the heading again and is cut in it
/// (`## 中盤の`): the cut heading goes with the echo.
#[test]
fn an_echo_after_a_heading_that_writes_the_heading_again_is_the_seam() {
    let input = "# 下書きについての記事\n\n第0文回答下書き回答記事書いた。\n\n第1文回答下書きモデル回答。\n\n## 中盤の話\n\n第0文回答下書き回答記事書いた。\n\n第1文回答下書きモデル回答。\n\n## 中盤の\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文回答下書き回答記事書いた。\n\n第1文回答下書きモデル回答。\n\n## 中盤の話\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The draft is cut after `「土台」`, before its `。`, and its unmarked first
/// answer echoes sentences said whole just before: the seam (before, the echo
/// was kept as the author's, and the later answer's `。第7文…` no longer
/// completed the cut sentence, whose `。` was lost).
#[test]
fn a_cut_after_a_closing_quote_then_an_echo_is_the_seam() {
    let input = "# 下書きについての記事\n\n第0文回答書いた読者下書き。第1文見つけた静かに回答庭下書き回答庭。第2文回答下書き書いた残した。第3文書いた庭緑の下書き庭書いたが庭。\n\n第4文書いた残した下書きが下書き回答記事。第5文回答庭書いた静かに書いた残した書いた回答書いた。\n\n第6文書いたが書いた残した回答下書き回答「土台」\n\n第2文回答下書き書いた残した。第3文書いた緑庭の下書き庭書いたが庭。\n\n第4文書\n\n---END---\n\n...。第7文下書きモデル庭下書き。第8文下書き回答庭下書き静かに下書き。第9文下書き書いた庭下書き緑の。第10文回答記事回答読者回答庭が。\n\n第11文見つけた下書きが下書き回答庭下書きが\n\n---END---\n\nきが下書き回答記事。第5文回答庭書いた静かに書いた残した書いた回答書いた。\n\n第6文書いたが書いた残した回答下書き回答「土台」。第7\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文回答書いた読者下書き。第1文見つけた静かに回答庭下書き回答庭。第2文回答下書き書いた残した。第3文書いた庭緑の下書き庭書いたが庭。\n\n第4文書いた残した下書きが下書き回答記事。第5文回答庭書いた静かに書いた残した書いた回答書いた。\n\n第6文書いたが書いた残した回答下書き回答「土台」。第7文下書きモデル庭下書き。第8文下書き回答庭下書き静かに下書き。第9文下書き書いた庭下書き緑の。第10文回答記事回答読者回答庭が。\n\n第11文見つけた下書きが下書き回答庭下書きが\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// A draft cut after a whole word (`Sentence`) whose unmarked answer goes on
/// with a space (` 7 window …`): the space says the text goes on (before, the
/// paragraph break stayed inside `Sentence 7`).
#[test]
fn an_answer_opening_with_one_space_goes_on_after_the_cut_word() {
    let input = "# A post about drafts\n\nSentence 5 draft model window draft model article short found quietly. Sentence 6 draft measured quietly found draft seven the a.\n\nSentence\n\n 7 window the article draft short again answer draft model answer river. Sentence 8 draft model answer quietly draft.\n\n---END---\n";
    let want = "# A post about drafts\n\nSentence 5 draft model window draft model article short found quietly. Sentence 6 draft measured quietly found draft seven the a.\n\nSentence 7 window the article draft short again answer draft model answer river. Sentence 8 draft model answer quietly draft.\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The draft's last line is cut (`…下書きモ`); its unmarked answer says the
/// end of that line again from inside a word (`ル市場下書きモ`) and goes on:
/// the seam, and the overlap is a repeat (before, no seam was found and the
/// two stayed as paragraphs).
#[test]
fn an_answer_repeating_the_cut_line_from_inside_a_word_is_the_seam() {
    let input = "# 下書きについての記事\n\n第0文書いた下書き書いたモデル回答。\n\n第1文下書き書いた下書きモデル下書き回答。\n\n第2文下書き回答下書き。\n\n第3文モデル市場下書きモ\n\nル市場下書きモデル下書き。第4文書いた残した下書き。第5文静かにモデル回答書いた\n\n---END---\n\n第3文モデル市場下書きモデル下書き。第4文書いた残した下書き。第5文静かにモデル\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文書いた下書き書いたモデル回答。\n\n第1文下書き書いた下書きモデル下書き回答。\n\n第2文下書き回答下書き。\n\n第3文モデル市場下書きモデル下書き。第4文書いた残した下書き。第5文静かにモデル回答書いた\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// A restart echo stops one char short of the article's end, cut inside
/// that char (`…下書` + broken bytes); the next answer writes the char again
/// whole and goes on (`き静かに。`). Kana may double in running text, so only
/// the echo's stop says it is a repeat (before, `下書きき静かに`).
#[test]
fn an_answer_going_on_from_where_the_last_echo_stopped_repeats_the_cut_char() {
    let input = "# 下書きについての記事\n\n第0文下書き静かにモデル回答下書きモデル。第1文静かに書いた下書き回答。第2文下書き回答下書き庭。第3文書いた下書きモデル回答下書き回答書いた。\n\n第4文書いた残した下書き回答下書きモデル書いた。第5文下書きモデル回答市場下書きモデル。\n\n第6文下書き書いた残した下書き。\n\n第7文見つけた下書きモデル回答下書き書いた下書き\n\n# 下書きについての記事\n\n第0文下書き静かにモデル回答下書きモデル。第1文静かに書いた下書き回答。第2文下書き回答下書き庭。第3文書いた下書きモデル回答下書き回答書いた。\n\n第4文書いた残した下書き回答下書きモデル書いた。第5文下書きモデル回答市場下書きモデル。\n\n第6文下書き書いた残した下書き。\n\n第7文見つけた下書きモデル回答下書き書いた下書�\n\n---END---\n\nき静かに。\n\n第8文下書きが庭下書き庭回答書いた。第9文書いた下書き回答静かに編集回答下書き庭回答庭。\n\n第10文\n\n---END---\n\n第4文書いた残した下書き回答下書きモデル書いた。第5文下書きモデル回答市場下書きモデル。\n\n第6文下書き書いた残した下書き。\n\n第7文見つけた下書きモデル回答下書き書いた下書き静かに。\n\n第8文下書きが庭下書き庭回答書いた。第9文書いた下書き回答静かに編集回答\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文下書き静かにモデル回答下書きモデル。第1文静かに書いた下書き回答。第2文下書き回答下書き庭。第3文書いた下書きモデル回答下書き回答書いた。\n\n第4文書いた残した下書き回答下書きモデル書いた。第5文下書きモデル回答市場下書きモデル。\n\n第6文下書き書いた残した下書き。\n\n第7文見つけた下書きモデル回答下書き書いた下書き静かに。\n\n第8文下書きが庭下書き庭回答書いた。第9文書いた下書き回答静かに編集回答下書き庭回答庭。\n\n第10文\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// An echo stops one char short of the cut (`late` for `later`), and the
/// next answer goes on from the draft's cut (`... reader seven.`): in ASCII a
/// char or two after an echo's stop is not taken for a re-emission (it was,
/// for a moment: `latereader`).
#[test]
fn an_ascii_answer_after_an_echo_stop_goes_on_from_the_cut() {
    let input = "# A post about drafts\n\nSentence 0 short again token draft model answer short. Sentence 1 the answer article short token. Sentence 2 the article model short a short found measured short draft. Sentence 3 short answer draft quietly. Sentence 4 short a window draft article. Sentence 5 garden short article wrote. Sentence 6 draft model token answer measured seven green short. Sentence 7 window a the seven. Sentence 8 seven green short again article draft seven draft.\n\nSentence 9 draft answer short a measured river. Sentence 10 quietly short again the short the seven later\n\nound measured short draft. Sentence 3 short answer draft quietly. Sentence 4 short a window draft article. Sentence 5 garden short article wrote. Sentence 6 draft model token answer measured seven green short. Sentence 7 window a the seven. Sentence 8 seven green short again article draft seven draft.\n\nSentence 9 draft answer short a measured river. Sentence 10 quietly short again the short the seven late\n\n---END---\n\n... reader seven. Sentence 11 draft seven garden short. Sentence 12 seven quietly window draft seven article the short quietly the found. Sentence 13 short a short draft. Sentence 14 seven article quietly short river window draft model quietly short draft. Sentence 15 found short again wrote token wrote article short again the wrote. Sentence 16 the short again short measured short draft article short. Sentence 17 model reader kept short draft article wrote reader wrote. Sentence 18 the seven short the seven draft short draft.\n\nSente\n\n---END---\n\nSentence 9 draft answer short a measured river. Sentence 10 quietly short again the short the seven later reader seven. Sentence 11 draft seven garden short. Sentence 12 se\n\n---END---\n";
    let want = "# A post about drafts\n\nSentence 0 short again token draft model answer short. Sentence 1 the answer article short token. Sentence 2 the article model short a short found measured short draft. Sentence 3 short answer draft quietly. Sentence 4 short a window draft article. Sentence 5 garden short article wrote. Sentence 6 draft model token answer measured seven green short. Sentence 7 window a the seven. Sentence 8 seven green short again article draft seven draft.\n\nSentence 9 draft answer short a measured river. Sentence 10 quietly short again the short the seven later reader seven. Sentence 11 draft seven garden short. Sentence 12 seven quietly window draft seven article the short quietly the found. Sentence 13 short a short draft. Sentence 14 seven article quietly short river window draft model quietly short draft. Sentence 15 found short again wrote token wrote article short again the wrote. Sentence 16 the short again short measured short draft article short. Sentence 17 model reader kept short draft article wrote reader wrote. Sentence 18 the seven short the seven draft short draft.\n\nSente\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// A draft cut two chars into a line (`次に`), then an answer repeating that
/// line from its start: the two chars are said once (before, `次に次に`).
#[test]
fn a_cut_two_chars_into_a_line_repeated_by_the_answer_is_said_once() {
    let input = "---\ntitle: t\n---\n\n最初の段落です。ここまでは問題ありません。\n\n次に\n\n---END---\n\n次に、**ビジネスへの影響**について考えてみよう。短期的な痛みと長期的な信頼の二つがある。\n\n---END---\n";
    let want = "---\ntitle: t\n---\n\n最初の段落です。ここまでは問題ありません。\n\n次に、**ビジネスへの影響**について考えてみよう。短期的な痛みと長期的な信頼の二つがある。\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// The answer says the end of the cut line again with a slip (`wihle` for
/// `while`) and goes on from the cut: an edited seam repeat, said once
/// (before, `borrowedropped here wihle still borrowed`).
#[test]
fn an_edited_repeat_of_the_cut_line_is_a_seam_repeat() {
    let input = "---\ntitle: t\n---\n\n# Borrowing rules\n\nThe compiler reports the error at the end of the block. The value is dropped here while still borrowe\n\ndropped here wihle still borrowed, and the fix is to keep the value alive for as long as the reference.\n\n---END---\n";
    let want = "---\ntitle: t\n---\n\n# Borrowing rules\n\nThe compiler reports the error at the end of the block. The value is dropped here while still borrowed, and the fix is to keep the value alive for as long as the reference.\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// An echo cut inside a char (`…下書き�`) whose last sentence, cut short,
/// was settled as a repeat: its copy was cut back to the sentence before,
/// yet it stopped one char before the article's end, and the next answer
/// re-emits that char (`が再び…`): said once (before, `下書きがが再び`).
#[test]
fn an_echo_settled_short_still_stops_before_the_cut_char() {
    let input = "# 下書きについての記事\n\n第0文静かに回答記事読者書いた回答庭。\n\n第1文下書き庭書いた回答下書き回答が回答。第2文書いた下書きが回答が下書きモデル書いた下書き。第3文「土台」下書きモデル回答下書き庭下書き。\n\n第4文書いた下書き回答「土台」書いた回答下書き。第5文書いた回答緑の庭。第6文書いた「土台」下書き書いた。第7文下書き回答下書き読者下書き回答下書き。第8文「土台」下書きが\n\n第2文書いた下書きが回答が下書きモデル書いた下書き。第3文「土台」下書きモデル回答下書き庭下書き。\n\n第4文書いた下書き回答「土台」書いた回答下書き。第5文書いた回答緑の庭。第6文書いた「土台」下書き書いた。第7文下書き回答下書き読者下書き回答下書き。第8文「土台」下書き�\n\n---END---\n\nが再び回答下書き。\n\n第9文下書き緑の書いた残した回答書いた。第10文回答記事読者静かに書いた。\n\n第11文回答下書きモデル庭。\n\n---END---\n\n第7文下書き回答下書き読者下書き回答下書き。第8文「土台」下書きが再び回答下書き。\n\n第9文下書き緑の書いた残した回答書いた。第10文回答記事読者静かに書いた。\n\n第11文回答下書きモデル庭。\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文静かに回答記事読者書いた回答庭。\n\n第1文下書き庭書いた回答下書き回答が回答。第2文書いた下書きが回答が下書きモデル書いた下書き。第3文「土台」下書きモデル回答下書き庭下書き。\n\n第4文書いた下書き回答「土台」書いた回答下書き。第5文書いた回答緑の庭。第6文書いた「土台」下書き書いた。第7文下書き回答下書き読者下書き回答下書き。第8文「土台」下書きが再び回答下書き。\n\n第9文下書き緑の書いた残した回答書いた。第10文回答記事読者静かに書いた。\n\n第11文回答下書きモデル庭。\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}

/// An answer echoing the text across an earlier seam, where that seam's
/// cut char (`庭�`) is said whole (`庭。`): the `。` is the cut completed,
/// not a slip of an edited seam repeat (the edited-repeat check once took
/// the whole echo for one and dropped it, gluing `庭第15文`). The collapsed
/// echo's spaces after `。` are its breaks, as the last answer has them.
#[test]
fn an_echo_across_an_earlier_seam_is_no_edited_seam_repeat() {
    let input = "# 下書きについての記事\n\n第0文庭書いた庭見つけた下書き庭再び下書き。第1文回答見つけた回答記事回答下書き回答。\n\n第2文回答見つけた下書きが回答庭。\n\n第3文回答庭回答静かにが静かに「土台」。\n\n第4文回答記事静かに見つけた緑の「土台」下書き回答が庭。第5文回答読者見つけたが書いた緑の回答庭書いた庭。第6文回答「土台」回答見つけた庭回答庭静かにが。第7文庭下書き庭。第8文静かに見つけた静かに書いた庭緑の。\n\n第9文読者回答庭回答記事庭。第10文回答庭下書き見つけたが庭「土台�\n\n回答静かにが静かに「土台」。 第4文回答記事静かに見つけた緑の「土台」下書き回答が庭。第5文回答読者見つけたが書いた緑の回答庭書いた庭。第6文回答「土台」回答見つけた庭回答庭静かにが。第7文庭下書き庭。第8文静かに見つけた静かに書いた庭緑の。 第9文読者回答庭回答記事庭。第10文回答庭下書き見つけたが庭「土台」緑の回答記事庭。第11文庭緑の回答静かに緑の見つけた庭「土台」。 第12文回答庭が静かに緑の回答緑の記事庭。第13文回答記事庭川下書き。 第14文見つけた再び回答と庭�\n\n---END---\n\n...\n第15文書いた静かに見つけた書いた下書き。第16文下書き回答静かに記事が下書きモデル回答。\n\n第17文下書きモデル下書き。第18文書いた下書き書\n\n---END---\n\n回答庭下書き見つけたが庭「土台」緑の回答記事庭。第11文庭緑の回答静かに緑の見つけた庭「土台」。\n\n第12文回答庭が静かに緑の回答緑の記事庭。第13文回答記事庭川下書き。\n\n第14文見つけた再び回答と庭。\n\n第15文書いた静かに見つけた書いた下書き。第16文下書き回答静かに記事が下書きモデル回答。\n\n第17文下書きモデル下書き。第18文書いた下書き書いたモデル回答。\n\n第19文書いた静かに下書き。第20文下書きモデル回答下書きモデル。第21文書いた下書き回答下書き書いた下書き。第22文書いた\n\n---END---\n";
    let want = "# 下書きについての記事\n\n第0文庭書いた庭見つけた下書き庭再び下書き。第1文回答見つけた回答記事回答下書き回答。\n\n第2文回答見つけた下書きが回答庭。\n\n第3文回答庭回答静かにが静かに「土台」。\n\n第4文回答記事静かに見つけた緑の「土台」下書き回答が庭。第5文回答読者見つけたが書いた緑の回答庭書いた庭。第6文回答「土台」回答見つけた庭回答庭静かにが。第7文庭下書き庭。第8文静かに見つけた静かに書いた庭緑の。\n\n第9文読者回答庭回答記事庭。第10文回答庭下書き見つけたが庭「土台」緑の回答記事庭。第11文庭緑の回答静かに緑の見つけた庭「土台」。\n\n第12文回答庭が静かに緑の回答緑の記事庭。第13文回答記事庭川下書き。\n\n第14文見つけた再び回答と庭。\n\n第15文書いた静かに見つけた書いた下書き。第16文下書き回答静かに記事が下書きモデル回答。\n\n第17文下書きモデル下書き。第18文書いた下書き書いたモデル回答。\n\n第19文書いた静かに下書き。第20文下書きモデル回答下書きモデル。第21文書いた下書き回答下書き書いた下書き。第22文書いた\n";
    assert_eq!(repaired(input), want);
    assert_eq!(repaired(want), want, "idempotent");
}
