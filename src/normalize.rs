//! Comparison keys: the text with whitespace and Markdown decoration removed,
//! full-width forms folded to ASCII and letters lower-cased, each key char
//! mapped back to its source byte offset.
//!
//! On keys a whitespace-collapsed echo (`**見出し** 本文…` on one line) and its
//! structured original (`## 見出し\n\n本文…`) compare equal, and segmentation
//! differences vanish: the engine never compares sentence units for equality.

/// Keys of one span of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    /// The folded key chars.
    pub chars: Vec<char>,
    /// Byte offset in the source text of each key char.
    pub pos: Vec<usize>,
    /// Byte length in the source of each key char.
    pub len: Vec<u8>,
}

impl Keys {
    /// Number of key chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether there are no key chars.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Source byte offset just after key char `i`.
    pub fn end(&self, i: usize) -> usize {
        self.pos[i] + self.len[i] as usize
    }
}

/// Computes the keys of `text[range]`, offsets relative to `text`.
pub fn keys(text: &str, start: usize, end: usize) -> Keys {
    let mut k = Keys::default();
    // At most one key per byte; about one per byte in ASCII text, one per
    // three in CJK.
    let room = (end - start) / 2;
    k.chars.reserve(room);
    k.pos.reserve(room);
    k.len.reserve(room);
    for (i, c) in text[start..end].char_indices() {
        if let Some(f) = fold(c) {
            k.chars.push(f);
            k.pos.push(start + i);
            k.len.push(c.len_utf8() as u8);
        }
    }
    k
}

/// The key of one char, or `None` when it is ignored in comparisons
/// (whitespace, Markdown decoration, U+FFFD).
pub fn fold(c: char) -> Option<char> {
    if c.is_ascii() {
        return (!c.is_whitespace() && !is_decoration(c)).then(|| c.to_ascii_lowercase());
    }
    // Most of CJK text: kana, ideographs and CJK punctuation, caseless and
    // never whitespace (U+3000 is the one ideographic space).
    if matches!(c as u32, 0x3001..=0x9FFF) {
        return Some(c);
    }
    if c.is_whitespace() || c == '\u{FFFD}' {
        return None;
    }
    let c = match c as u32 {
        // Full-width ASCII forms to ASCII.
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii() {
        return (!is_decoration(c)).then(|| c.to_ascii_lowercase());
    }
    Some(if caseless(c) {
        c
    } else {
        c.to_lowercase().next().unwrap_or(c)
    })
}

/// Scripts without case (CJK punctuation, kana, ideographs, Hangul): most
/// of the text, spared the case table lookup.
fn caseless(c: char) -> bool {
    matches!(c as u32, 0x3000..=0xA63F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF)
}

/// Markdown decoration, ignored in comparisons.
pub fn is_decoration(c: char) -> bool {
    matches!(c, '#' | '*' | '>' | '_' | '`' | '|' | '-' | '~')
}

/// Weight of a key char in length thresholds: a letter of an alphabet
/// (ASCII, Greek, Cyrillic) carries about a third of the information of a
/// CJK char. Accented Latin letters, rare amid ASCII ones except in
/// Vietnamese, keep the full weight: measured, Vietnamese echoes need it.
pub fn weight(c: char) -> f32 {
    if c.is_ascii() || matches!(c, '\u{0370}'..='\u{052F}') {
        0.35
    } else {
        1.0
    }
}

/// Total weight of a run of key chars.
pub fn weight_of(chars: &[char]) -> f32 {
    chars.iter().map(|&c| weight(c)).sum()
}

/// A fast hasher for small keys (chars, k-gram hashes): one multiply per
/// word, as in rustc's FxHash. Not for data an attacker picks the keys of
/// with intent: a slow file is the worst outcome.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Is `c` of a script that writes words apart (Latin with its accents,
/// Greek, Cyrillic and the other alphabets before the CJK blocks at
/// U+2E80)? There a char carries less than a CJK one: twelve of them are
/// two words a text may well say twice, and a letter next to a letter is
/// inside a word.
pub fn is_spaced_script(c: char) -> bool {
    c < '\u{2E80}'
}

/// Is `c` a Hangul syllable or letter? Korean spaces its words, though
/// its letters are no [spaced script](is_spaced_script) in the weights'
/// sense.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Is `c` a letter or digit of a [spaced script](is_spaced_script): part
/// of a word that a space ends.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && is_spaced_script(c)
}

/// Hash maps and sets keyed by chars or k-gram hashes.
pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// FNV-1a hash of a run of key chars: the k-gram hash of the aligner's index
/// and of the loss guard (collisions are harmless: matches are confirmed).
pub fn gram_hash(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Normalizes a whole string to its key (for comparisons outside the engine).
pub fn key_string(s: &str) -> String {
    s.chars().filter_map(fold).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsed_and_structured_text_have_equal_keys() {
        let a = "## 見出し\n\n本文です。\n\n- **項目** です";
        let b = "見出し 本文です。 項目 です";
        assert_eq!(key_string(a), key_string(b));
    }

    #[test]
    fn width_and_case_fold() {
        assert_eq!(key_string("ＡＢＣ１ Hello"), "abc1hello");
    }

    #[test]
    fn keys_map_to_source_offsets() {
        let t = "x ## ab";
        let k = keys(t, 0, t.len());
        assert_eq!(k.chars, vec!['x', 'a', 'b']);
        assert_eq!(k.pos, vec![0, 5, 6]);
        assert_eq!(k.end(2), 7);
    }

    #[test]
    fn caseless_ranges_have_no_lowercase() {
        for c in ('\u{3000}'..='\u{A63F}')
            .chain('\u{AC00}'..='\u{D7A3}')
            .chain('\u{F900}'..='\u{FAFF}')
        {
            assert!(caseless(c));
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
        assert!(!caseless('Ä') && !caseless('Ж'));
        assert_eq!(key_string("ÄÖ Жx"), "äöжx");
    }

    #[test]
    fn alphabet_letters_weigh_alike() {
        assert_eq!(weight('d'), weight('д'));
        assert_eq!(weight('d'), weight('δ'));
        assert_eq!(weight('語'), 1.0);
        assert!(weight_of(&['с', 'т', 'р', 'о', 'к', 'а']) < 3.0);
    }

    #[test]
    fn broken_char_is_ignored() {
        assert_eq!(key_string("ab\u{FFFD}"), "ab");
    }
}
