//! The loss guard: after a repair, every sentence of the input must be in
//! the output or accounted for as a dropped artefact (every char of it
//! recognised as a repeat of kept text or a variant of it, or a trimmed
//! ending). Text already removed by cleaning (markers, leaks, ellipses,
//! broken chars) never reaches the guard. What it catches is a sentence
//! holding new text that the layout lost or cut apart.
//!
//! The check is linear: the output's key k-grams go in a hash set, and each
//! input sentence must have all of its k-grams there. A cut-off sentence whose
//! full version was kept passes, since its k-grams are a subset.

use crate::normalize::{FxBuild, fold, gram_hash as hash, key_string};
use std::collections::HashSet;
use std::ops::Range;

/// Keys in a k-gram.
pub const K: usize = 8;

/// A sentence the output would lose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// Byte range in the text that was checked.
    pub range: Range<usize>,
}

/// The set of key k-grams of `output`.
pub fn grams(output: &str) -> HashSet<u64, FxBuild> {
    let keys: Vec<char> = output.chars().filter_map(fold).collect();
    let mut set = HashSet::with_capacity_and_hasher(keys.len(), FxBuild::default());
    set.extend(keys.windows(K).map(hash));
    set
}

/// Checks `sentences` of `text` against the output's k-grams; sentences
/// overlapping an `excused` range are skipped. Returns the first lost one.
pub fn first_lost(
    text: &str,
    sentences: &[Range<usize>],
    excused: &[Range<usize>],
    output: &HashSet<u64, FxBuild>,
) -> Option<Lost> {
    for r in sentences {
        if excused.iter().any(|e| e.start < r.end && r.start < e.end) {
            continue;
        }
        let keys: Vec<char> = key_string(&text[r.clone()]).chars().collect();
        if keys.len() < K {
            continue;
        }
        if keys.windows(K).any(|w| !output.contains(&hash(w))) {
            return Some(Lost { range: r.clone() });
        }
    }
    None
}

/// How the engine treated one input key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyClass {
    /// Kept: must be in the output, in order with its neighbours.
    Kept,
    /// A repeat of text kept elsewhere.
    Repeat,
    /// Dropped as a variant of kept text.
    Variant,
}

/// Checks one sentence's keys against the output's k-grams: every k-gram
/// holding kept text (and no variant) must be there, so kept text is neither
/// lost nor cut apart from the repeat it continues. Returns the first key of a
/// missing k-gram.
pub fn first_missing(
    chars: &[char],
    class: &[KeyClass],
    output: &HashSet<u64, FxBuild>,
) -> Option<usize> {
    (0..chars.len().saturating_sub(K - 1)).find(|&i| {
        let c = &class[i..i + K];
        c.contains(&KeyClass::Kept)
            && !c.contains(&KeyClass::Variant)
            && !output.contains(&hash(&chars[i..i + K]))
    })
}

/// Is the k-gram of `before` (the article text a run was placed after)
/// and the run's first keys `kept` in the output?
pub fn joined(before: &[char], kept: &[char], output: &HashSet<u64, FxBuild>) -> bool {
    let gram: Vec<char> = before.iter().chain(kept).copied().collect();
    gram.len() == K && output.contains(&hash(&gram))
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn kept_and_cut_sentences_pass() {
        let out = grams("これは完全な文章の例です。次の文もあります。");
        let text = "これは完全な文章の例で";
        let all = vec![0..text.len()];
        assert_eq!(first_lost(text, &all, &[], &out), None);
    }

    #[test]
    fn kept_text_cut_from_its_sentence_is_caught() {
        let out = grams("新しい文はここで終わることで、別の段落です。");
        let chars: Vec<char> = "新しい文はここで終わることです。".chars().collect();
        let mut class = vec![KeyClass::Kept; chars.len()];
        assert_eq!(first_missing(&chars, &class, &out), Some(7));
        class[14..].fill(KeyClass::Variant);
        assert_eq!(first_missing(&chars, &class, &out), None);
    }

    #[test]
    fn a_missing_sentence_is_caught() {
        let out = grams("これは完全な文章の例です。");
        let text = "まったく別の長い文がここにあります。";
        let all = vec![0..text.len()];
        assert!(first_lost(text, &all, &[], &out).is_some());
        assert_eq!(first_lost(text, &all, &[0..3], &out), None);
    }
}
