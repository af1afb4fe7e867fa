//! Generated inputs for the benchmarks: an article of made-up sentences, cut
//! into drafts the way the completer breaks them (restarts, tail echoes,
//! exact repeats, empty answers, leaked prompt lines, glued markers, a
//! trailer). No corpus text: words are random syllables (English-like) or
//! random kana and kanji (Japanese-like), from a fixed seed.

#![allow(dead_code)] // each bench target uses a different part

/// Which script the made-up article is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// ASCII words, `. ` sentence ends.
    En,
    /// Kana and kanji runs, `。` sentence ends.
    Ja,
}

/// The shape of one generated input.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Script.
    pub lang: Lang,
    /// Length of the clean article, in chars.
    pub article_chars: usize,
    /// Number of answers the completer appended (markers).
    pub fragments: usize,
    /// Length of each answer, in chars.
    pub budget: usize,
    /// Share of answers that re-emit known text (echo or exact repeat).
    pub repeat_share: f64,
    /// Seed.
    pub seed: u64,
}

impl Shape {
    /// A typical post: ~20k chars, 8 answers of ~3k chars.
    pub fn post(lang: Lang) -> Shape {
        Shape {
            lang,
            article_chars: 20_000,
            fragments: 8,
            budget: 3_000,
            repeat_share: 0.55,
            seed: 7,
        }
    }

    /// The same with `times` times the article, `times` times the answers and
    /// heavier repetition: about `times` times the bytes.
    pub fn scaled(self, times: usize) -> Shape {
        Shape {
            article_chars: self.article_chars * times,
            fragments: self.fragments * times,
            repeat_share: if times > 1 { 0.7 } else { self.repeat_share },
            ..self
        }
    }
}

/// A small deterministic generator (xorshift64*), so inputs are the same on
/// every run without a `rand` dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

/// A clean article of about `chars` chars: headings, paragraphs, lists.
pub fn article(lang: Lang, chars: usize, rng: &mut Rng) -> String {
    let words = vocabulary(lang, rng);
    let mut out = String::new();
    let mut count = 0;
    while count < chars {
        let block = match rng.below(10) {
            0 => format!("## {}", heading(lang, &words, rng)),
            1 => list(lang, &words, rng),
            _ => paragraph(lang, &words, rng),
        };
        count += block.chars().count() + 2;
        out.push_str(&block);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out
}

fn vocabulary(lang: Lang, rng: &mut Rng) -> Vec<String> {
    const ONSETS: &[&str] = &[
        "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr",
        "pl", "gr", "sh", "th",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ea", "ou", "ai"];
    (0..3000)
        .map(|_| match lang {
            Lang::En => (0..rng.range(1, 3))
                .map(|_| {
                    let mut s = ONSETS[rng.below(ONSETS.len())].to_string();
                    s.push_str(VOWELS[rng.below(VOWELS.len())]);
                    if rng.below(3) == 0 {
                        s.push_str(ONSETS[rng.below(ONSETS.len())]);
                    }
                    s
                })
                .collect(),
            Lang::Ja => {
                let (base, span) = match rng.below(3) {
                    0 => (0x3041, 0x52),   // hiragana
                    1 => (0x30A1, 0x52),   // katakana
                    _ => (0x4E00, 0x1000), // kanji
                };
                (0..rng.range(1, 4))
                    .map(|_| char::from_u32(base + rng.below(span) as u32).unwrap_or('の'))
                    .collect()
            }
        })
        .collect()
}

/// A word, with common words much more frequent (roughly Zipf).
fn word<'w>(words: &'w [String], rng: &mut Rng) -> &'w str {
    let r = rng.unit();
    &words[((r * r * r) * words.len() as f64) as usize % words.len()]
}

fn sentence(lang: Lang, words: &[String], rng: &mut Rng) -> String {
    let n = rng.range(6, 22);
    let mut s = String::new();
    for k in 0..n {
        let w = word(words, rng);
        match lang {
            Lang::En => {
                if k > 0 {
                    s.push(' ');
                }
                if k == 0 {
                    let mut c = w.chars();
                    if let Some(f) = c.next() {
                        s.extend(f.to_uppercase());
                        s.push_str(c.as_str());
                    }
                } else if rng.below(25) == 0 {
                    s.push_str(&format!("**{w}**"));
                } else {
                    s.push_str(w);
                }
                if k + 1 < n && rng.below(9) == 0 {
                    s.push(',');
                }
            }
            Lang::Ja => {
                s.push_str(w);
                if k + 1 < n && rng.below(6) == 0 {
                    s.push('、');
                }
            }
        }
    }
    s.push(match lang {
        Lang::En => '.',
        Lang::Ja => '。',
    });
    s
}

fn paragraph(lang: Lang, words: &[String], rng: &mut Rng) -> String {
    let sep = if lang == Lang::En { " " } else { "" };
    (0..rng.range(2, 6))
        .map(|_| sentence(lang, words, rng))
        .collect::<Vec<_>>()
        .join(sep)
}

fn heading(lang: Lang, words: &[String], rng: &mut Rng) -> String {
    let sep = if lang == Lang::En { " " } else { "" };
    (0..rng.range(2, 5))
        .map(|_| word(words, rng).to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

fn list(lang: Lang, words: &[String], rng: &mut Rng) -> String {
    (0..rng.range(2, 5))
        .map(|_| format!("- {}", sentence(lang, words, rng)))
        .collect::<Vec<_>>()
        .join("\n")
}

const MARKER: &str = "---END---";

/// A broken file of the given shape: YAML front matter, the drafts with
/// their markers, sometimes a trailer.
pub fn broken(shape: Shape) -> String {
    let mut rng = Rng::new(shape.seed);
    let a: Vec<char> = article(shape.lang, shape.article_chars, &mut rng)
        .chars()
        .collect();
    let starts = sentence_starts(&a);
    let n = a.len();
    let mut pos = n * rng.range(30, 60) / 100;
    let mut body: String = a[..pos].iter().collect();
    let mut prev = String::new();
    for _ in 0..shape.fragments {
        let r = rng.unit();
        let out = if r < shape.repeat_share * 0.2 && !prev.is_empty() {
            prev.clone()
        } else if r < shape.repeat_share {
            echo(&a, &starts, &mut pos, shape.budget, &mut rng)
        } else if r < 0.95 {
            // A continuation: from the cut, or repeating the cut sentence.
            let s = if rng.below(3) == 0 {
                starts.iter().copied().rfind(|&x| x <= pos).unwrap_or(pos)
            } else {
                pos
            };
            let end = (s + shape.budget).min(n);
            let piece: String = a[s..end].iter().collect();
            pos = pos.max(end);
            if rng.below(20) == 0 {
                collapse(&piece)
            } else {
                piece
            }
        } else {
            String::new()
        };
        body.truncate(body.trim_end().len());
        body.push_str("\n\n");
        if !out.is_empty() && rng.below(16) == 0 {
            body.push_str(leak(shape.lang));
            body.push('\n');
        }
        body.push_str(&out);
        body.push_str(if rng.below(12) == 0 { "" } else { "\n\n" });
        body.push_str(MARKER);
        prev = out;
    }
    let mut file = String::from("---\ntitle: \"A generated post\"\ndate: 2025-01-01\n---\n\n");
    file.push_str(&body);
    if rng.below(2) == 0 {
        file.push_str(
            "\n\n---\n\n## Related\n\n- [one](/2025/01/02/one/)\n- [two](/2025/03/04/two/)",
        );
    }
    file.push('\n');
    file
}

/// A clean file: front matter and an article, no marker, no repeated run.
pub fn clean(lang: Lang, chars: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let a = article(lang, chars, &mut rng);
    format!("---\ntitle: \"A clean post\"\n---\n\n{a}\n")
}

/// Re-emitted known text: from the top, or from a sentence before the cut,
/// lightly edited, often whitespace-collapsed; when the budget allows, it
/// runs on past the cut with new text (and moves the cut).
fn echo(a: &[char], starts: &[usize], pos: &mut usize, budget: usize, rng: &mut Rng) -> String {
    let s = if rng.below(3) == 0 {
        0
    } else {
        let before: Vec<usize> = starts.iter().copied().filter(|&x| x < *pos).collect();
        if before.is_empty() {
            0
        } else {
            before[rng.below(before.len())]
        }
    };
    let end = (s + budget).min(a.len());
    *pos = (*pos).max(end);
    let mut text: String = a[s..end].iter().collect();
    if rng.below(4) == 0 {
        text = swap_chars(&text, rng);
    }
    if rng.below(5) == 0 {
        text = collapse(&text);
    }
    text
}

fn swap_chars(t: &str, rng: &mut Rng) -> String {
    let mut c: Vec<char> = t.chars().collect();
    for _ in 0..(c.len() / 400).max(1) {
        let i = rng.below(c.len().max(2) - 1);
        if c[i].is_alphanumeric() && c.get(i + 1).is_some_and(|x| x.is_alphanumeric()) {
            c.swap(i, i + 1);
        }
    }
    c.into_iter().collect()
}

fn collapse(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn leak(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Here is the continuation of the article:",
        Lang::Ja => "【既存の記事の最後の部分】",
    }
}

fn sentence_starts(a: &[char]) -> Vec<usize> {
    let mut out = vec![0];
    for i in 1..a.len() {
        let p = a[i - 1];
        let ends = p == '。' || p == '\n' || (p == ' ' && i >= 2 && a[i - 2] == '.');
        if ends && !a[i].is_whitespace() {
            out.push(i);
        }
    }
    out
}
