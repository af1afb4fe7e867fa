//! Segmentation into units that survive whitespace collapse: sentences
//! (UAX #29 via unicode-segmentation, which knows the CJK terminators `。！？`)
//! further cut at line breaks, so that headings, list items, table rows and
//! quotes are units of their own.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the sentences of `text[range]` (offsets into `text`),
/// without surrounding whitespace, empty ones skipped.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let base = range.start;
    for (off, sentence) in text[range].split_sentence_bound_indices() {
        let mut line_off = 0;
        for line in sentence.split_inclusive('\n') {
            let start = base + off + line_off;
            line_off += line.len();
            let trimmed_start = line.len() - line.trim_start().len();
            let body = line.trim();
            if !body.is_empty() {
                let s = start + trimmed_start;
                out.push(s..s + body.len());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        sentences(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect()
    }

    #[test]
    fn japanese_sentences() {
        assert_eq!(
            texts("一文目です。二文目です！三？"),
            vec!["一文目です。", "二文目です！", "三？"]
        );
    }

    #[test]
    fn english_sentences_and_lines() {
        assert_eq!(
            texts("## Title\n\nOne. Two here.\n- item"),
            vec!["## Title", "One.", "Two here.", "- item"]
        );
    }
}
