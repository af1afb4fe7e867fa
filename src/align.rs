//! The fuzzy-overlap engine: places every segment, and every run inside a
//! segment, against the article built so far.
//!
//! # Design
//!
//! The article is built as one stream of key chars (see [`crate::normalize`]),
//! each remembering which segment and key it came from. Segments are parsed in
//! input order, LZ77-style: at each position the engine looks for a *copy*, a
//! run of the input equal to a run already in the article, seeded by k-grams of
//! the keys (a hash map from k-gram to article positions, bounded per gram) and
//! extended char by char. Anything that is not a copy is a *literal*.
//!
//! The parse keeps a mode:
//!
//! - **frontier**: the input is writing new text at the end of the article;
//!   literals are appended (and indexed at once, so a repeat inside the same
//!   fragment is found: the real corpus has thousands of them where no marker
//!   is). A copy that ends exactly at the article's end is a seam repeat (the
//!   cut sentence again; in code, only after a blank line) and is dropped, as is a segment opening that says
//!   the cut line's end again with a slip or two (a few edits in a bounded
//!   window before the cut), or the one or two chars a draft cut into a
//!   sentence had (`e.g. b` + `bigger`); a copy of an earlier place is a
//!   re-emission when it is long, or covers whole sentences, or starts the
//!   segment, except a short Latin sentence (about 115 letters at most) amid
//!   new text: a refrain (documentation repeats `This value is not
//!   exported…` under every option), kept and reported. Amid an answer's
//!   new text (a sentence's worth of it), the segment's last sentence, cut
//!   (it ends in a letter or digit), is no whole sentence: a copy running
//!   to it says the start of an earlier one (`… over each of the
//!   name-value pairs` of `… pairs in the query.`), new text. Japanese answers
//!   saying a sentence again amid new text are the model repeating itself:
//!   that stays a re-emission.
//! - **echo**: the input is re-emitting known text (restart echo, tail echo,
//!   exact repeat). Copies chain forward from where the last one ended
//!   (short anchors accepted near the expected place), so light edits and
//!   dropped sentences do not break the chain. A k-gram so common that the
//!   index left out its newer positions (`<!-- YAML added` under every
//!   entry of a reference page) is looked for in the window where the
//!   echo chains too (hashed once per expected place): an echo that left
//!   out the end of a `response.end()` heading goes on in that entry's
//!   history block, not in `request.end()`'s, the oldest one alike. Literal runs between copies are
//!   compared, on a bounded window with a deadline, with the article text they
//!   stand for: similar ones (or all there but a piece left out) are
//!   variants (dropped, reported), dissimilar ones are kept as insertions at
//!   that place and reported as unsure. Drafts disagree there in two ways
//!   the real files show over and over: a kept sentence that says one an
//!   earlier draft kept at that place whole and more (`…しています。` said
//!   again as `…していますし、…。`, behind a clause, or with words added
//!   inside) replaces it, the
//!   richer variant in its place (the other is hidden from the layout and
//!   reported as a variant); one that says such a sentence again with a few
//!   words changed, no fuller (85% alike), is a variant, the first wording
//!   kept; one that says two known sentences as one, but for the joint, is
//!   a variant. A copy taken right where the echo left
//!   off goes on with it however long the new words before it were, and a
//!   sentence of the main line that an earlier insertion split in two in
//!   the article counts whole when the input goes on with its rest. A copy
//!   found after input the echo could not place is extended backwards over
//!   whole sentences it also copies (their own start was too short an
//!   anchor); a sentence that is a known one behind a connective
//!   (`もちろん、`, `And, `) is a re-emission, the connective a variant. An
//!   echo cut a letter or two into the sentence it had reached, or into
//!   the next one when it left a sentence out (`… them. Wi` before `It
//!   was …. With …`), said those letters again. When the
//!   chain reaches the article's end, the mode goes back to frontier and what
//!   follows is new text; so it does when the chain has reached the
//!   article's last sentence, cut (prose on one line, no heading, row or
//!   code), and the input goes on for a while copying nothing: the echo
//!   left the cut sentence out and went on from its cut. So it does, at
//!   settling, when the echo's furthest copy reached the stop before the
//!   article's last sentence, cut and stop-less over however many lines
//!   (a heading's end, `* Returns: {Iterator}`, the cut paragraph), and the
//!   input went on well past it: what follows is new text, however many of
//!   its sentences an earlier entry says too (they may keep the echo
//!   going; only copies before that point weigh the echo's order). Inside the original draft, an echo also ends when
//!   the input goes on for a while copying nothing: the author quoted
//!   itself, and what follows is new text at the article's end, not
//!   insertions at the quoted place. If the echo began at a sentence start
//!   amid the draft's new text, the quotation itself is the author's too
//!   (a comment quoted under its summary, a status page's highlights): it
//!   is kept in place and reported (`quotes`), not dropped; so is code
//!   said again from a line start amid the draft's new text up to the
//!   article's end (an example's `cjs` twin under the `mjs` block just
//!   written: in the draft, reaching the end is no seam repeat). So does an
//!   echo amid an answer's new text made of template lines (headings,
//!   table rows, code) when the input goes on with another row of the same
//!   table: a subcommand's `#### Flags` table opening with the rows of the
//!   one before, then a row of its own; so does one of table rows said
//!   from under a row the answer wrote up to the answer's cut (`tool link
//!   gitlab`'s `--project`, then the `--environment` … `--yes` rows
//!   `tool link github` has); so does one said from the first line
//!   under a heading the answer wrote (its `<!-- YAML` block aside) up to
//!   the answer's cut (a second `createInterface`'s options list, the
//!   first's word for word: an echo says the heading too); so does one
//!   opening an answer that
//!   goes on inside the table the draft was cut in; so does a fenced
//!   block said again amid an answer's new text from a line start up to
//!   its closing fence, the input going on with new text (an example's
//!   `cjs` twin saying its `mjs` lines under `require`s of its own). An
//!   echo region of a
//!   spaced script
//!   in which
//!   two or more sentences, a quarter of its weight, say what the article
//!   does not (neither copied, nor alike, nor all there with a piece left
//!   out) is the author's template filled in again (`… from tarball files`
//!   / `… from git references` under each option of a manual): kept whole,
//!   as new text. Past the segment's opening, or from an opening that goes
//!   on from the cut as an earlier place did from the same words, a
//!   sentence alike but for a word the text it stands for does not say
//!   (not two letters swapped: an echo's slip) says what the article does
//!   not (`… from urls`, `eucJP ju-file.txt` for `latin2 pu-file.txt`),
//!   and a region amid new text that opens with such a heading (`##
//!   \`after([fn][, options])\`` over the `before` section just written)
//!   is the template's next section whatever its body says again, as is
//!   a region amid new text each of whose sentences says such a word,
//!   however short (`… "\`yyerror()\`"-Funktionen …` under `bison`,
//!   after `flex`'s `yywrap`); a segment's opening is an echo's edited
//!   lead only if, in a spaced script, its edits are slips (`duction to
//!   the parser generator` going on from a cut `An intro` is no edit of
//!   `flex`'s `… the scanner generator`);
//!   a restart opens its answer and may reword. Since the twentieth session in every segment, not only
//!   the first (an answer going on with a reference page's next functions
//!   says the earlier ones' sentences again, each with its own). So is an
//!   echo region of a spaced script whose copies say the article out of
//!   its order (less than 80% of their weight in one forward chain): an
//!   echo says one stretch of the article again in order, while a manual's
//!   subcommands each copy the `#### Synopsis` / `#### Flags` lines and
//!   option rows of the ones before. (Japanese restarts in the real files
//!   reorder and rewrite what they say again: left out.) And so is, since
//!   the twenty-third session, an echo of a spaced script amid new text
//!   (a sentence, 60 keys, written at the article's end before it),
//!   outside code, whose copies end well before the article's end and
//!   after which the input goes on writing: a restart or tail echo comes back to the
//!   article's end (or leaves out only the cut sentence), while an entry
//!   of a reference page says an earlier entry's `<!-- YAML` lines and
//!   sentences with a name changed, then goes on with the next entry. It
//!   is kept where it stands and reported (`quotes`), no longer dropped
//!   with the entry after it laid out at the copied place. (The synthetic
//!   answers echo only at their openings; the real Japanese ones repeat
//!   themselves amid new text, which stays a re-emission.) In the first
//!   draft, code said again up to the draft's end is an example's twin
//!   (`cjs` after `mjs`); after an echo, code going on from a cut line as
//!   the block it twins did from that same line is new text.
//!
//! Early in an answer that went on writing a table row an earlier
//! segment was cut in, a copy of the rest of an earlier row alike up to
//! there (`… a la entrada estándar de la \`orden2\` (se ejecutan de forma
//! **concurrente** )`, every piping row's tail), the input's next line
//! not the one after it, is that row going on (kept and reported), not
//! the text an echo's edited lead catches up with.
//!
//! A table row opening with the cell the row above ends with (`…
//! [Shift-JIS](…)` then `[Shift-JIS](…) | …`) says cells twice in a row,
//! kept: a cut line said again opens where its line does.
//!
//! Sentences end at a terminal (an ASCII one before whitespace) or a line
//! break; a number opening its line (`1. ` of an item, `### 4. ` of a
//! heading) ends none.
//!
//! Weights measure evidence: a CJK char weighs more than a Latin one, and a
//! char inside HTML markup (a tag, a comment, of several lines too: a
//! reference page's `<!-- YAML` history block under every entry) almost
//! nothing, since pages built from templates repeat their markup in every
//! block.
//!
//! At a segment start, a suffix of the article equal to a prefix of the
//! segment (3+ chars starting a word, or 5+ from inside the cut word) is the
//! repeated cut; so are one or two kanji or katakana, or an opening
//! bracket and one (`（完` + `（完）`) (a char cut in two and
//! written again), one or two chars ending a sentence that the article
//! already ends with (an answer of `。` or `庭。` again), a link text's `]`
//! said again (`…とは？]` + `](/…)`), and the one or two
//! non-ASCII chars between where the last answer's echo stopped and the
//! article's end (`…下書` + `き静かに。`; an empty answer between, or an
//! echo of an earlier place that writes nothing at the end, changes
//! nothing). With none, the segment continues
//! the cut mid-word, and so does one that copies, from where the draft
//! said the cut's last words before, a few words of that sentence and then
//! leaves it (`…想像を` + `はるかに超える…導いて`, said earlier as
//! `…想像をはるかに超える…繋がって`), or, cut inside a URL, a short
//! stretch of the same link template past a line end (a list of links),
//! or, cut in a line (a table row) that an earlier line says alike up to
//! the copy's place, the rest of that line as the earlier one goes on,
//! the input's next line not the one after it (`…?packages=fence6` +
//! `-lite) | [71](…/f/fence` of the `fence-lite` row above),
//! or, cut a char into a link line's words (`[詳`), the rest of that word
//! and line from the template (a book list), or, cut inside a URL, the
//! rest of it as a heading above says it, or, cut inside a word (two
//! chars or more said before the copy's place too), the word's rest and
//! its sentence's end, then a template line (an image, a link, a
//! listing's row) left inside, the input's next sentence not the one
//! that follows there (`…现在的样` + `子。` + the next image of the
//! folder). A short exact sentence
//! before an echo's edited first
//! sentence is the echo's lead, not a continuation of the cut. Such an
//! overlap that begins a longer copy of an earlier place, past a sentence
//! end, is an echo's first chars instead (a title that starts like the cut
//! word), unless that copy is one token (a cut URL going on as a heading
//! above said it) or, from the middle of a line, says little past the
//! overlap (`tag=…-22)` and the
//! `生成AI` the next book's heading opens with, as the last one's did), or
//! the earlier place is a twin of the cut line (the same words stand
//! before both: `* Type:` + `"all", "non`, the entry above's `* Type:
//! "all", "none", or "root"`) and the copy says no whole sentence past
//! that line (an echo from inside an earlier row goes on with the rows
//! after it). A
//! segment whose opening was appended as new text but is an edited
//! copy of the text before its first copy (that copy catching up with the
//! cut, or weighing what an opening copy needs), or says the line before
//! that copy again with a few words more (`## Test your restores` as
//! `Test your restores regularly:`), is an echo, its opening a
//! variant; before a long copy, the region is the segment's opening, not
//! a repeat amid new text (an echo of a link list from inside a word,
//! `rtierugn` for `rtierung`, is no list the author wrote twice).
//! Inside an echo, after an edited stretch, the next sentence is looked
//! for where the edit ends and at the next sentence start, so an anchor
//! too short for a k-gram seed keeps the chain. Copies
//! never cross a bounded window of candidates, so the cost is linear in the
//! input: each input char is either appended once or covered by one accepted
//! copy, and each position probes at most [`MAX_CANDIDATES`]. Mid-sentence
//! amid new text at a common k-gram, where only a long copy is acceptable,
//! one probe answers for a whole stretch of starts (`LongMemo`): a small
//! vocabulary, where every k-gram is common, costs a probe per stretch, not
//! dozens per char. Past a segment's opening, where only a long copy or one
//! catching up with the article's end can be taken there, the long ones
//! come from the positions of one anchor k-gram per stretch (`AnchorMemo`,
//! exact: the same copies as the probes), the others from the newest
//! positions only; on a long file this saves a few cache misses per char.
//! A chain's links are read only when another position is wanted.
//!
//! A sentence that completes a cut at the end of text kept as an insertion
//! is anchored right after that cut; the merger lays it out there.
//!
//! The best formatting any draft had: an echo's copies are recorded
//! sentence by sentence, and one copy alone never sees the line breaks
//! between them, so after each segment its copies that follow each other
//! in both the input and the article form chains, and every stretch of a
//! chain that the article laid out on one line of one source (a
//! whitespace-collapsed answer's new text) takes the input's formatting
//! when the input breaks it into more lines (the paragraphs the collapsed
//! copy lost, said again formatted by a later echo). Never over the
//! original draft's lines (the author's); over the first fragment's when no
//! seam was found only if the echo breaks one line into four or more (an
//! answer glued on unmarked, collapsed; an answer saying a draft's
//! paragraph again may break it once or twice). A stretch leaves a word
//! cut at its edges to the article's source, and is not taken where a
//! joint inside the article's source run has decoration the two sources
//! do not share on a line of their own (`**` closing the article's line:
//! the layout takes a run's closing marks from its own source).
//!
//! At settling, the article's last sentence, cut, said again with two
//! letters swapped and going on past the cut (`Не используйте пе` and
//! `Не используйет первое лицо`) is the cut said again: a variant, the
//! article's letters kept, and the rest goes on from the cut.

use crate::normalize::{
    FxBuild, Keys, gram_hash as hash, is_hangul, is_spaced_script, weight, weight_of,
};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::time::Duration;

/// A k-gram seen more often than this is common: only the oldest
/// [`COMMON_PROBES`] of its positions are probed (the rest of the text finds
/// its copies through rarer k-grams).
const COMMON_GRAM: usize = 4 * MAX_CANDIDATES;
/// Positions probed for a common k-gram.
const COMMON_PROBES: usize = 8;
/// Length of the k-grams that seed copies.
pub const K_GRAM: usize = 8;
/// Article positions remembered per k-gram (first ones win).
pub const MAX_CANDIDATES: usize = 48;

/// Keys of a segment's opening, where a short copy may be an edited one
/// (an echo's lead, an opening catching up with the cut it continues).
const LEAD_KEYS: usize = 120;
/// Keys before the cut where an edited seam repeat may begin.
const EDITED_SEAM: usize = 200;
/// A copy this heavy is a re-emission wherever it is, even mid-sentence
/// inside new text (shorter ones there may be a quoted phrase).
const LONG_COPY: f32 = 80.0;
/// Similarity from which a sentence kept where another draft kept one is
/// that one reworded.
const EDITED_SAME: f32 = 0.85;
/// What a fuller variant of a kept sentence says more, at least (`X.`
/// then `X; so Y.`), by weight: a changed stop alone is not more.
const FULLER_BY: f32 = 4.0;
/// A copy this heavy is a re-emission when it covers whole sentences or
/// starts a segment.
const MIN_COPY: f32 = 16.0;
/// A copy opening a segment needs this weight.
const MIN_FRESH: f32 = 10.0;
/// A copy ending at the article's end (seam repeat) needs this weight.
const MIN_SEAM: f32 = 6.0;
/// A repeat inside new text lighter than this is a quotation, not a restart.
const SHORT_REPEAT: f32 = 160.0;
/// A Latin sentence said again amid new text lighter than this (about 115
/// letters) is a refrain. (32, about 90 letters, until the twenty-first
/// session: reference pages repeat longer ones, `This method is primarily
/// intended to be called from within the action function …`; set 9 went
/// from 27 to 33 of 54 exact, nothing worse elsewhere.)
const LATIN_REFRAIN: f32 = 40.0;
/// A chain of copies this heavy puts the parse in echo mode.
const ECHO_RUN: f32 = 40.0;
/// Weight of a key char inside HTML markup (a tag or a comment).
const MARKUP_WEIGHT: f32 = 0.05;
/// An echo region ends after a stretch this heavy that copies nothing.
const ECHO_GAP: f32 = ECHO_RUN;
/// Literal runs lighter than this inside an echo are dropped as edits.
const TINY_VARIANT: f32 = 4.0;
/// Key chars from which a segment opening with the end of the article's
/// cut word overlaps it, even from the middle of that word.
const MID_WORD_OVERLAP: usize = 5;
/// Keys before an earlier copy of an answer's opening compared with the
/// cut phrase the article ends with.
const CUT_PHRASE: usize = 8;
/// Keys of a cut line of code that an earlier line says whole, for the
/// text after that one to be the cut line's going on (a twin example).
const TWIN_LINE: usize = 12;
/// Keys of a cut line [`Article::goes_on_like_its_twin`] walks back, at
/// most.
const TWIN_WALK: usize = 1024;
/// Similarity from which the cut line and an earlier one, up to where an
/// answer's opening copies that one, are rows of one template (their
/// names differ: `[elpa-relint](…)|[V:0,I:0` and `[elpa-flycheck](…)|
/// [V:0,I:1`, 81% alike).
const ROW_ALIKE: f32 = 0.75;
/// Keys a segment writes at the article's end (a sentence: an answer
/// completing the cut one will do) before an echo amid them (in a spaced
/// script, going back to new text) is its template's.
const TEMPLATE_AFTER: usize = 60;
/// Keys between the article's end and where an answer's template copy
/// ends, at least.
const TEMPLATE_GAP: usize = 40;
/// Share of a sentence's chars that, found in order in the article text it
/// stands for, make it a re-emission with a piece left out.
const CONTAINED: f32 = 0.95;
/// Longest connective (`だからこそ、`) before a re-emitted sentence, in key
/// chars.
const MAX_CONNECTIVE: usize = 8;
/// Similarity above which a re-emitted sentence is the same sentence.
const SAME_SENTENCE: f32 = 0.9;
/// Keys of a sentence (no stop inside, over lines) an echo may leave out
/// before the article's end and go on with new text after.
const LEFT_OUT_SENTENCE: usize = 200;
/// Article keys past the place an echo is expected at where a piece it
/// left out may end (as far as [`chains`] looks).
const NEAR_WINDOW: usize = 400;
/// Similarity above which a segment's opening is an edited copy of the
/// article text its echo follows.
const EDITED_LEAD: f32 = 0.75;
/// Longest window compared with `similar`.
const DIFF_WINDOW: usize = 1500;
/// An echo region says the article in its order for at least this share
/// of its copied weight (see `in_order_share`).
const ORDER_SHARE: f32 = 0.8;
/// Copies of a region weighed for their order, at most (quadratic work).
const ORDER_COPIES: usize = 256;

/// Where a key char of the article comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Source {
    /// Segment number.
    pub seg: u32,
    /// Key index inside that segment.
    pub key: u32,
}

/// Text kept although it could not be placed: laid out before the main-line
/// article position `anchor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// Article positions holding its keys.
    pub k: Range<usize>,
    /// Main-line position it is laid out before.
    pub anchor: usize,
}

/// What the parse decided for a run of a segment's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// New text, appended to the article.
    New,
    /// Already in the article (copy); dropped.
    Repeat,
    /// The cut sentence repeated at a segment start; dropped.
    SeamOverlap,
    /// A lightly edited copy of known text; dropped.
    Variant,
    /// Could not be placed; kept as an insertion.
    Unsure,
    /// A repeat whose formatting replaced the article's.
    Reformat,
}

/// A run of one segment's keys and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Segment number.
    pub seg: usize,
    /// Key range inside the segment.
    pub keys: Range<usize>,
    /// Decision.
    pub kind: SpanKind,
    /// Article position it matched or was placed at.
    pub at: usize,
}

/// Where each k-gram occurs in the article: the first [`MAX_CANDIDATES`]
/// positions of each hash, oldest first, as chains through two arrays
/// indexed by position (no allocation per k-gram; 8 bytes per position and
/// one small map entry per distinct k-gram). Positions are added and
/// removed in stack order, as the article grows and shrinks at its end.
/// A map entry takes 20 bytes (a hash split in two halves, so nothing
/// needs 8-byte alignment): on a file of a few MB the map is the largest
/// table of the engine, and every char looks into it at a random place.
#[derive(Debug, Default)]
struct KgramIndex {
    heads: HashMap<GramKey, Chain, FxBuild>,
    /// Next position with the same hash, per position.
    next: Vec<u32>,
    /// Previous position with the same hash, per position.
    prev: Vec<u32>,
}

/// A k-gram's 64-bit hash as a map key of 4-byte alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GramKey([u32; 2]);

impl From<u64> for GramKey {
    fn from(h: u64) -> Self {
        GramKey([h as u32, (h >> 32) as u32])
    }
}

impl std::hash::Hash for GramKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(u64::from(self.0[0]) | (u64::from(self.0[1]) << 32));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chain {
    first: u32,
    last: u32,
    /// Positions recorded (at most [`MAX_CANDIDATES`]).
    len: u16,
    /// Positions seen, recorded or not (saturating; only compared with
    /// small bounds).
    seen: u16,
}

const NONE: u32 = u32::MAX;

impl KgramIndex {
    /// Room for `positions`; the map for a quarter of them as distinct
    /// k-grams (it grows when there are more: a broken file repeats much,
    /// and a half-empty map of a few MB file misses the cache more).
    fn reserve(&mut self, positions: usize) {
        self.heads.reserve(positions / 2);
        self.next.reserve(positions);
        self.prev.reserve(positions);
    }

    /// Records that the k-gram hashed `h` starts at `pos` (the newest
    /// position, after every recorded one).
    fn push(&mut self, h: u64, pos: usize) {
        if self.next.len() <= pos {
            self.next.resize(pos + 1, NONE);
            self.prev.resize(pos + 1, NONE);
        }
        let p = pos as u32;
        match self.heads.entry(GramKey::from(h)) {
            Entry::Vacant(v) => {
                v.insert(Chain {
                    first: p,
                    last: p,
                    len: 1,
                    seen: 1,
                });
            }
            Entry::Occupied(mut o) => {
                let c = o.get_mut();
                c.seen = c.seen.saturating_add(1);
                if (c.len as usize) < MAX_CANDIDATES {
                    self.next[c.last as usize] = p;
                    self.prev[pos] = c.last;
                    c.last = p;
                    c.len += 1;
                }
            }
        }
    }

    /// Forgets `pos` for hash `h` if it is the newest recorded position.
    fn remove_last(&mut self, h: u64, pos: usize) {
        let Entry::Occupied(mut o) = self.heads.entry(GramKey::from(h)) else {
            return;
        };
        let c = o.get_mut();
        if c.last as usize != pos {
            // Seen but not recorded (the chain was full).
            c.seen = c.seen.saturating_sub(1).max(c.len);
            return;
        }
        if c.len == 1 {
            o.remove();
        } else {
            let before = self.prev[pos];
            self.next[before as usize] = NONE;
            c.last = before;
            c.len -= 1;
            c.seen -= 1;
        }
        self.prev[pos] = NONE;
    }

    /// How many of the recorded positions of a chain are worth probing:
    /// all of them, unless the k-gram is so common (boilerplate, a small
    /// vocabulary) that the oldest few stand for the rest.
    fn probes(c: &Chain) -> usize {
        if c.seen as usize > COMMON_GRAM {
            COMMON_PROBES
        } else {
            MAX_CANDIDATES
        }
    }

    /// The chain of hash `h`, if any article position has it.
    fn chain(&self, h: u64) -> Option<Chain> {
        self.heads.get(&GramKey::from(h)).copied()
    }

    /// Does the chain leave out newer positions?
    fn is_full(c: &Chain) -> bool {
        c.seen as usize > MAX_CANDIDATES
    }

    /// The recorded positions of a chain from `from` on, newest first (a
    /// link is read only past a position that qualifies).
    fn newest(&self, c: Chain, from: usize) -> impl Iterator<Item = usize> + '_ {
        let last = c.last as usize;
        std::iter::successors((last >= from).then_some(last), move |&p| {
            let b = self.prev[p];
            (b != NONE && b as usize >= from).then_some(b as usize)
        })
    }

    /// Is the chain of hash `h` full, its newer positions left out?
    fn full(&self, h: u64) -> bool {
        self.chain(h).is_some_and(|c| Self::is_full(&c))
    }

    /// The position after `pos` with the same hash.
    fn after(&self, pos: usize) -> Option<usize> {
        let n = *self.next.get(pos)?;
        (n != NONE).then_some(n as usize)
    }

    /// The positions of hash `h` worth probing, oldest first (see
    /// [`KgramIndex::probes`]).
    fn probed(&self, h: u64) -> Positions<'_> {
        self.walk(self.chain(h), true)
    }

    /// Positions of hash `h`, oldest first.
    fn positions(&self, h: u64) -> Positions<'_> {
        self.walk(self.chain(h), false)
    }

    /// The recorded positions of a chain (`None`: no position), oldest
    /// first; `probed`: only those worth probing.
    fn walk(&self, chain: Option<Chain>, probed: bool) -> Positions<'_> {
        Positions {
            index: self,
            next: chain.map(|c| c.first as usize),
            left: chain.map_or(0, |c| {
                let all = c.len as usize;
                if probed {
                    all.min(Self::probes(&c))
                } else {
                    all
                }
            }),
        }
    }
}

/// A walk along one chain of the index, at most `left` positions long. The
/// link to the next position is read only when another one is wanted: on a
/// large article each link is a cache miss, and most chains hold one
/// position.
struct Positions<'a> {
    index: &'a KgramIndex,
    next: Option<usize>,
    left: usize,
}

impl Iterator for Positions<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.left == 0 {
            return None;
        }
        let p = self.next?;
        self.left -= 1;
        self.next = if self.left > 0 {
            self.index.after(p)
        } else {
            None
        };
        Some(p)
    }
}

/// Keys an answer's opening may add to the line it says again before an
/// echo of the text under it (`Test your restores` + `regularly:`).
const LINE_RESTATED: usize = 40;

/// Whose formatting a segment's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// The original draft, before the first fragment's seam.
    Draft,
    /// The first fragment, no seam found: the draft's, but an answer
    /// glued on unmarked may be in it.
    Unsure,
    /// An answer's.
    Answer,
}

/// Line breaks an echo puts into a stretch the article has on one line that
/// make it a collapsed answer, in a first fragment with no seam found (an
/// answer re-emitting a draft's paragraph may break it once or twice).
const COLLAPSED_BREAKS: usize = 3;

/// The article being built.
#[derive(Debug, Default)]
pub struct Article {
    /// Key chars, in creation order.
    pub chars: Vec<char>,
    /// Source of each key char.
    pub src: Vec<Source>,
    /// Byte offset of each key char's source in the segments' text.
    src_pos: Vec<u32>,
    /// End of the main line (everything appended as new text).
    pub frontier: usize,
    /// Positions that belong to insertions.
    pub insertions: Vec<Insertion>,
    /// Every decision, in input order.
    pub spans: Vec<Span>,
    /// Runs of the original draft that say known text again but were kept
    /// as the author's own quotation (also among `spans`, as new text).
    pub quotes: Vec<Span>,
    /// Positions of sentences a fuller variant replaced: not laid out.
    pub hidden: Vec<Range<usize>>,
    /// The same, per position (sized when first needed).
    hidden_mask: Vec<bool>,
    index: KgramIndex,
    /// Run of each article position: main-line text and each insertion
    /// are contiguous runs in creation order, numbered increasingly.
    run: Vec<u32>,
    /// Runs started so far.
    runs: u32,
    /// Whether the last pushed position belongs to an insertion.
    last_inserted: bool,
    /// The next pushed position starts a run (a new insertion).
    run_break: bool,
    /// Facts about the segment being placed.
    cur: SegCache,
    /// The article's end when that segment began: the cut it continues.
    seg_frontier: usize,
    /// Per placed segment: does the gap before each key hold a line break?
    breaks: Vec<Vec<Gap>>,
    /// Per placed segment: is it the original draft (the author's
    /// formatting, which no answer restyles)?
    originals: Vec<Origin>,
    /// Per placed segment: a hash of the decoration (what is not
    /// whitespace: a `**`, a heading mark) in the text before each key, 0
    /// for none.
    marked: Vec<Vec<u32>>,
    /// Where the last segment's echo stopped, when that segment ended
    /// inside one: the next answer may go on from there.
    echo_stop: Option<usize>,
    /// Chars taken back so far (a memo of article text is stale after one).
    pops: usize,
    /// Tests: probe every start as if there were no anchors, and count the
    /// starts answered through one.
    #[cfg(test)]
    probe_only: bool,
    #[cfg(test)]
    anchored_starts: std::cell::Cell<usize>,
}

/// A sentence another draft kept where a new one goes, and what the new
/// one is to it (see `variant_at`): article positions.
enum Variant {
    /// Says it whole and more: replaces it.
    Fuller(Range<usize>),
    /// Says it with a few words changed: a variant of it.
    Edited(Range<usize>),
}

/// Article positions of two known sentences one input sentence says as one
/// (see `known_join`).
struct KnownJoin {
    head: Range<usize>,
    tail: Range<usize>,
}

/// A segment as the aligner sees it.
pub struct SegmentKeys<'a> {
    /// Segment number.
    pub seg: usize,
    /// Its keys.
    pub keys: &'a Keys,
    /// The clean text its keys point into.
    pub text: &'a str,
    /// Whether it starts a fragment or a seam (overlap rules apply).
    pub boundary: bool,
    /// The original draft before fragment 0's seam: a short repeat inside it
    /// is the author's (a refrain, a quoted summary, boilerplate lines), kept.
    pub original: bool,
}

/// Per-segment facts computed once when the segment is placed, so that the
/// parse asks them in O(1): sentence ends and prefix sums of key weights.
#[derive(Debug, Default)]
struct SegCache {
    /// `ends[i]`: key `i` ends a sentence or a line.
    ends: Vec<bool>,
    /// `last_end[i]`: the last key at or before `i` that ends one, + 1 (0:
    /// none).
    last_end: Vec<u32>,
    /// `wsum[i]`: total weight of keys `..i`.
    wsum: Vec<f32>,
}

impl SegCache {
    fn new(s: &SegmentKeys<'_>) -> Self {
        let n = s.keys.len();
        let ends: Vec<bool> = (0..n).map(|i| i + 1 == n || ends_sentence(s, i)).collect();
        let mut last_end = Vec::with_capacity(n);
        let mut last = 0u32;
        for (i, &e) in ends.iter().enumerate() {
            if e {
                last = i as u32 + 1;
            }
            last_end.push(last);
        }
        let mut wsum = Vec::with_capacity(n + 1);
        let mut total = 0.0;
        wsum.push(total);
        // The segment's bytes, and a little past its last key: a tag's `>`
        // is decoration, not a key.
        let span = match (s.keys.pos.first(), n.checked_sub(1)) {
            (Some(&from), Some(last)) => from..(s.keys.end(last) + 8).min(s.text.len()),
            _ => 0..0,
        };
        let tags: Vec<Range<usize>> = html_markup(s.text, span).collect();
        let mut t = 0;
        for (&c, &p) in s.keys.chars.iter().zip(&s.keys.pos) {
            while t < tags.len() && tags[t].end <= p {
                t += 1;
            }
            let markup = t < tags.len() && tags[t].start <= p;
            total += if markup { MARKUP_WEIGHT } else { weight(c) };
            wsum.push(total);
        }
        SegCache {
            ends,
            last_end,
            wsum,
        }
    }

    /// Does key `i` start a sentence or a line?
    fn starts(&self, i: usize) -> bool {
        i == 0 || self.ends[i - 1]
    }

    /// Does key `end - 1` end a sentence or a line?
    fn ends_before(&self, end: usize) -> bool {
        end >= self.ends.len() || self.ends[end - 1]
    }

    /// Weight of keys `from..to`.
    fn weight(&self, from: usize, to: usize) -> f32 {
        self.wsum[to] - self.wsum[from]
    }

    /// The largest `m` in `1..l` with a sentence end before `i + m`.
    fn last_end_within(&self, i: usize, l: usize) -> Option<usize> {
        if l < 2 {
            return None;
        }
        let e = self.last_end[i + l - 2] as usize; // last end at or before i+l-2, +1
        (e > i).then(|| e - i)
    }

    /// The smallest `end` with `weight(i, end) >= w`, if the segment has it.
    fn reach(&self, i: usize, w: f32) -> Option<usize> {
        let target = self.wsum[i] + w;
        let end = self.wsum.partition_point(|&x| x < target);
        (end < self.wsum.len()).then_some(end)
    }

    /// Weight of the longest sentence or line among keys `from..to`.
    fn longest_unit(&self, from: usize, to: usize) -> f32 {
        let mut best: f32 = 0.0;
        let mut start = from;
        for i in from..to {
            if i + 1 == to || self.ends[i] {
                best = best.max(self.weight(start, i + 1));
                start = i + 1;
            }
        }
        best
    }
}

/// The result of [`Article::long_copy`] for input starts `from..until`: no
/// long copy starts there, except at `found` (input, article position).
#[derive(Debug, Clone, Copy, Default)]
struct LongMemo {
    from: usize,
    until: usize,
    found: Option<(usize, usize)>,
}

/// The long copies that may start at input `from..until` (mid-sentence amid
/// new text, past a segment's opening), found once through the k-gram at
/// `until - 1` (see [`Article::anchored_copies`]).
#[derive(Debug, Default)]
struct AnchorMemo {
    from: usize,
    until: usize,
    /// The anchor's positions could not all be read (its chain is full):
    /// probe as usual.
    fallback: bool,
    /// The anchor's hash and its chain when the memo was made; `None`: no
    /// long copy can start from `from` on (too little text left).
    anchor: Option<(u64, Option<Chain>)>,
    /// [`Article::pops`] when the memo was made.
    pops: usize,
    runs: Vec<AnchorRun>,
}

/// A stretch of input `p..end` equal to the article from `j` (one run of
/// it), through the anchor; `exact`: it ends at a mismatch, at the input's
/// end or where the run ends (not where the article ended then).
#[derive(Debug, Clone, Copy)]
struct AnchorRun {
    p: usize,
    j: usize,
    end: usize,
    exact: bool,
}

/// What one segment's placing remembers between starts.
#[derive(Debug, Default)]
struct Memos {
    long: LongMemo,
    anchored: AnchorMemo,
    near: NearMemo,
}

/// The k-grams of the window an echo chains in, for the expected place
/// they were hashed at (see [`Article::near_positions`]).
#[derive(Debug, Default)]
struct NearMemo {
    expected: Option<usize>,
    grams: Vec<(u64, usize)>,
}

/// What separates a key from the one before it in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    None,
    Space,
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Frontier,
    /// Re-emitting known text: the last copy ended at input `last_i` and
    /// article `expected`.
    Echo {
        expected: usize,
        last_i: usize,
    },
}

/// An echo region of one segment: input keys from `start`, with the copies
/// found in it; settled sentence by sentence when it ends.
struct Region {
    start: usize,
    expected: usize,
    copies: Vec<(usize, usize, usize)>,
    /// It began while the input was writing new text at the article's end.
    amid_new_text: bool,
    /// It opens the segment.
    opening: bool,
    /// Keys the segment had written at the article's end when it began.
    written: usize,
    /// [`Article::template_amid_new_text`]'s last answer, for the key it
    /// was asked.
    amid_template: Option<(usize, bool)>,
    /// [`Region::template_until`]'s last answer, for the key (and the
    /// `code` flag) it was asked.
    template: Option<(usize, bool, bool)>,
}

impl Region {
    /// Are the region's keys up to `end` template lines, the table going
    /// on at `end` with a row of its own (see [`template_lines`])? With
    /// `code`, lines of a fenced block said again from a line start amid
    /// new text up to the block's closing fence count too (the input goes
    /// on with new text: an example's `cjs` twin says its `mjs` lines
    /// again under `require`s of its own; see [`fenced`]). Asked for every
    /// key past the last copy: answered once per copy.
    fn template_until(&mut self, s: &SegmentKeys<'_>, end: usize, code: bool) -> bool {
        match self.template {
            Some((at, c, answer)) if at == end && c == code => answer,
            _ => {
                let code_block = || {
                    self.amid_new_text && line_start(s, self.start) && fenced(s, self.start..end)
                };
                let answer = table_goes_on(s, end) && template_lines(s, self.start..end)
                    || code && code_block() && spaced(s, self.start..end);
                self.template = Some((end, code, answer));
                answer
            }
        }
    }
}

impl Article {
    /// An empty article.
    pub fn new() -> Self {
        Article::default()
    }

    /// An empty article sized for an input of `keys` key chars: room for
    /// half of them (a broken file is mostly re-emitted text), so growing
    /// costs one copy at most and a clean file wastes nothing.
    pub fn with_capacity(keys: usize) -> Self {
        let keys = keys / 2;
        let mut a = Article::default();
        a.chars.reserve(keys);
        a.src.reserve(keys);
        a.src_pos.reserve(keys);
        a.run.reserve(keys);
        a.index.reserve(keys);
        a
    }

    /// Places one segment.
    pub fn place(&mut self, s: &SegmentKeys<'_>) {
        let n = s.keys.len();
        self.note_breaks(s);
        self.cur = SegCache::new(s);
        self.seg_frontier = self.frontier;
        let mut i = 0;
        // The article was cut inside a table: an answer may go on with its
        // rows (asked once, before this segment adds text).
        let opens_in_table = self.cut_in_table(s);
        if s.boundary && self.frontier > 0 {
            i = self.start_overlap(s);
        }
        let mut mode = Mode::Frontier;
        // A segment opening with the cut sentence again goes on at the
        // article's end, unless that overlap is the start of a longer copy
        // of an earlier place past a sentence or line end: an echo (from the
        // title, from the middle of a line) whose first chars happen to end
        // the article too.
        if i > 0
            && self
                .best_copy(s, 0, Mode::Frontier, true, &mut Memos::default())
                .is_some_and(|(j, l)| {
                    // One token copied (a URL said again in a list: `…/dp`
                    // + `amazon.co.jp/dp/4297…` of the heading above) is
                    // no echo: the cut URL goes on.
                    let one_token = || url_token(s, l);
                    // From the middle of a line, what the copy says past
                    // the overlap must weigh what a segment's opening copy
                    // needs: `tag=nullpodesu-22)` + the next heading's
                    // `生成AI` is a seam repeat, then another book. (A
                    // title line said again is short.)
                    // The earlier place a twin of the cut line (the same
                    // words before it: `* Type:` + `"all", "non` and the
                    // entry above's `* Type: "all", "none", or "root"`):
                    // the overlap says the cut again, and the answer goes
                    // on at the article's end.
                    // It says no whole sentence past that line: an echo
                    // from inside an earlier row goes on with the rows
                    // after it, a template leaves its words at the next
                    // sentence (`… from tarball files` / `… from urls`).
                    let twin = || {
                        let o = self.frontier - i;
                        j >= CUT_PHRASE
                            && o >= CUT_PHRASE
                            && self.chars[j - CUT_PHRASE..j] == self.chars[o - CUT_PHRASE..o]
                            && (0..l)
                                .find(|&k| ends_sentence(s, k))
                                .is_some_and(|e| !(e + 1..l).any(|k| ends_sentence(s, k)))
                    };
                    l > i
                        && j + l != self.frontier
                        && (self.unit_start(j) || self.cur.weight(i, l) >= MIN_FRESH)
                        && !twin()
                        && !one_token()
                        && (self.cur.ends_before(l)
                            || self.cur.last_end_within(0, l).is_some_and(|m| m > i))
                        // A table cut inside a row (`| Fl`), the answer
                        // saying the row whole: every table of a template
                        // has it, so it copies an earlier one too.
                        && !(opens_in_table && template_lines(s, 0..l))
                })
        {
            self.spans.pop();
            i = 0;
        }
        // No text yet in this segment.
        let mut fresh = i == 0;
        // An answer going on from a cut phrase the draft also said earlier
        // (`…私たちの想像を` + `はるかに超える…へと私たちを導いて`, as
        // `…私たちの想像をはるかに超える…へと繋がって`) copies that earlier
        // place for a few words, then leaves it mid-sentence: it continues
        // the cut, it does not echo. Those words are new text.
        if fresh
            && s.boundary
            && let Some((j, l)) = self.best_copy(s, 0, Mode::Frontier, true, &mut Memos::default())
            && (self.goes_on_from_cut_phrase(s, j, l) || self.goes_on_like_its_row(s, j, l))
        {
            for k in 0..l {
                self.append_new(s, k);
            }
            i = l;
            fresh = false;
        }
        let mut run_weight = 0.0;
        let mut region: Option<Region> = None;
        let mut memos = Memos::default();
        // End of the last copy of an echo region that was not markup.
        let mut last_strong = 0;
        while i < n {
            let Some((j, l)) = self.best_copy(s, i, mode, fresh, &mut memos) else {
                if mode == Mode::Frontier {
                    self.append_new(s, i);
                } else if let Some(r) = region.as_mut()
                    && last_strong > r.start
                    && self.cur.weight(last_strong, i) >= ECHO_GAP
                    && (s.original
                        || self.template_amid_new_text(
                            s,
                            r,
                            last_strong,
                            match mode {
                                Mode::Echo { expected, .. } => Some(expected),
                                Mode::Frontier => None,
                            },
                        )
                        || (r.amid_new_text || r.opening && opens_in_table)
                            && r.template_until(
                                s,
                                last_strong,
                                self.cur.weight(0, r.start) >= ECHO_GAP,
                            ))
                {
                    // A long stretch that copies nothing (markup aside): the
                    // echo is over and the input writes new text again, from
                    // the sentence after the echo's last real copy.
                    // (A segment opening on one light anchor is new text
                    // from its start: `settle` decides that over all of it.)
                    let resume = if r.opening && self.weak_opening(r, i) {
                        i
                    } else {
                        (last_strong..i).find(|&k| self.cur.starts(k)).unwrap_or(i)
                    };
                    r.copies.retain(|&(ci, _, _)| ci < resume);
                    for c in &mut r.copies {
                        c.2 = c.2.min(resume - c.0);
                    }
                    if let Some(r) = region.take() {
                        if (r.amid_new_text || !s.original && r.opening) && self.cur.starts(r.start)
                        {
                            // The draft said sentences again from a
                            // sentence start amid its own new text and went
                            // on writing: the author quoting itself (a
                            // comment quoted under its summary), kept and
                            // reported.
                            self.keep_quote(s, r.start..resume);
                        } else {
                            self.settle(s, r, resume);
                        }
                    }
                    mode = Mode::Frontier;
                    run_weight = 0.0;
                    memos = Memos::default();
                    i = resume;
                    continue;
                } else if let Mode::Echo { expected, .. } = mode
                    && region.as_ref().is_some_and(|r| last_strong > r.start)
                    && self.left_only_the_cut(s.text, expected)
                    && self.cur.weight(last_strong, i) >= ECHO_GAP
                {
                    // The echo reached the article's last, cut sentence and
                    // went on with new text: it left the cut one out (or
                    // rewrote it) and continued it. The rest is new text at
                    // the article's end (`settle` sees past the frontier),
                    // not insertions at the echo's place.
                    if let Some(r) = region.take() {
                        // Left out whole (no edited copy of it to see past):
                        // the new text starts where the last copy ended.
                        let to = match r.copies.last() {
                            Some(&(ci, cj, cl))
                                if self.past_frontier(s, ci + cl, cj + cl, i).is_none() =>
                            {
                                ci + cl
                            }
                            _ => i,
                        };
                        self.settle(s, r, to);
                        i = to;
                    }
                    last_strong = 0;
                    mode = Mode::Frontier;
                    run_weight = 0.0;
                    memos = Memos::default();
                    continue;
                }
                fresh = false;
                i += 1;
                continue;
            };
            if mode == Mode::Frontier
                && let Some(m) = self.ends_like_a_row_above(s, i, j, l)
            {
                // The cut row going on ends as the row above does (`…
                // (se ejecutan de forma **concurrente** )`): new text.
                self.keep_quote(s, i..i + m);
                fresh = false;
                i += m;
                continue;
            }
            if mode == Mode::Frontier && self.goes_on_like_its_twin(s, j) {
                // The code goes on as the block it twins did from the same
                // cut line (`// Pin the public key, simil` + `ar to HPKP
                // …`, the `cjs` example under its `mjs` one): new text.
                self.keep_quote(s, i..i + l);
                fresh = false;
                i += l;
                continue;
            }
            if self.catches_up_with_cut(s, i, j, l) {
                // The opening taken for new text may be an edited copy of
                // the text before the cut (an echo's lead).
                self.retract_edited_lead(s, i, j, l);
            }
            let w = self.cur.weight(i, i + l);
            // A copy taken right where the echo left off goes on with it,
            // however long the new words before it.
            let chained = matches!(mode, Mode::Echo { expected, last_i }
                if chains(i, j, last_i, expected) || j == expected);
            run_weight = if chained { run_weight + w } else { w };
            let reaches = j + l == self.frontier;
            // A segment that opened with an edited copy of the text before
            // this one (`Sentence 1 drfat` + `article …`) is an echo too.
            let edited_opening = mode == Mode::Frontier && self.edited_opening(s, i, j, l);
            let echo = !reaches && (fresh || run_weight >= ECHO_RUN || chained || edited_opening);
            // An edited opening before a long copy is the segment's opening
            // (an echo from inside a word, `rtierugn` for `rtierung`), not
            // new text.
            let opened = edited_opening && w >= LONG_COPY;
            let amid_new_text = mode == Mode::Frontier && !fresh && !opened;
            let fresh_before = fresh || opened;
            fresh = false;
            if region.is_none() && (echo || mode != Mode::Frontier) {
                // An echo that starts mid-sentence owns the whole sentence:
                // take back what was just appended of it, so the sentence is
                // judged as one (a reworded start is a variant, not debris).
                let start = if mode == Mode::Frontier {
                    self.retract_to_sentence_start(s, i, j + l)
                } else {
                    i
                };
                // An echo that starts in the middle of an earlier sentence,
                // edited there: its opening was taken for a continuation.
                let start = if start == i {
                    self.retract_edited_lead(s, i, j, l)
                } else {
                    self.retract_copied_lead(s, start, j, l);
                    start
                };
                // An echo that opens a sentence amid new text, after a
                // sentence that was itself a copy too short to be taken
                // (`もちろん、` + a known sentence): that one is part of it.
                let (start, lead_copy) = match (start == i && amid_new_text)
                    .then(|| self.retract_copied_sentence(s, i, j, l))
                    .flatten()
                {
                    Some((from, m)) => (from, Some((i - m, j - m, m))),
                    None => (start, None),
                };
                region = Some(Region {
                    start,
                    expected: j,
                    copies: lead_copy.into_iter().collect(),
                    amid_new_text,
                    opening: fresh_before,
                    written: self.frontier.saturating_sub(self.seg_frontier),
                    amid_template: None,
                    template: None,
                });
            }
            if w >= MIN_COPY {
                last_strong = i + l;
            }
            match region.as_mut() {
                Some(r) => {
                    // Inside an echo, the keys before a copy that were not
                    // placed may copy the article text before it too (a
                    // sentence whose start was too short an anchor).
                    // Only over sentences with no copy yet: a sentence
                    // copied in part around new words is judged as it is.
                    let floor = r.copies.last().map_or(r.start, |&(ci, _, cl)| ci + cl);
                    let m = self.common_suffix(&s.keys.chars[floor..i], j, 400);
                    let opens = (floor..=i - m).rev().find(|&k| self.cur.starts(k));
                    let m = if opens.is_some() { m } else { 0 };
                    r.copies.push((i - m, j - m, l + m));
                }
                // A short repeat inside the original draft, or of markup
                // lines, amid new text: the author's. In the draft, one that
                // reaches the article's end is no seam repeat (its seam
                // comes later): it is text said twice in a row (a table's
                // cells, a refrain).
                None if amid_new_text
                    && (s.original
                        || s.seg == 0 && in_indented_code(s.text, s.keys.pos[i])
                        || reaches
                            && !paragraph_start(s, i)
                            && in_fence(s.text, s.keys.pos[i])
                        // A table row opening with the cell the row above
                        // ends with (`… [Shift-JIS](…)` then `[Shift-JIS](…)
                        // | …`): cells said twice in a row, no cut line
                        // said again (that would open where its line does).
                        || reaches
                            && line_start(s, i)
                            && self.gap_before(j) != Gap::Break
                            && line_at(s.text, s.keys.pos[i])
                                .split('`')
                                .step_by(2)
                                .any(|outside_code| outside_code.contains(" | "))
                        || !reaches
                            && (markup_lines(s, i..i + l) || self.heading_names_link(s, i, j))) =>
                {
                    for k in i..i + l {
                        self.append_new(s, k);
                    }
                }
                // A short Latin sentence said again amid an answer's new
                // text: a refrain (documentation says `This value is not
                // exported…` under every option), kept and reported. So is
                // one saying the line just written again, well into an
                // answer's new text (`6. RESOLVE_ESM_MATCH(MATCH)` over the
                // definition's title line, `* \`/home/node_modules/bar.js\``
                // over `* \`/node_modules/bar.js\``): no seam repeat there.
                // (In the first fragment, a seam the seam finder missed
                // says the cut line again so.)
                None if amid_new_text
                    && (!reaches
                        || s.seg > 0 && self.frontier - self.seg_frontier >= TEMPLATE_AFTER)
                    && self.latin_refrain(s, i, l) =>
                {
                    self.keep_quote(s, i..i + l);
                }
                None => {
                    // A re-emission right after the segment's opening
                    // literal: that opening may be the end of the title or
                    // an edited copy of the text before `j`.
                    if amid_new_text {
                        self.retract_edited_lead(s, i, j, l);
                    }
                    self.record_copy(s, i, j, l);
                }
            }
            i += l;
            if reaches {
                if let Some(r) = region.take() {
                    if self.drafts_code_again(s, &r) {
                        // Up to the block just written: an example's twin
                        // (`cjs` after `mjs`, the first example's `require`
                        // lines, then this one's body).
                        self.keep_quote(s, r.start..i);
                    } else {
                        self.settle(s, r, i);
                    }
                }
                mode = Mode::Frontier;
                run_weight = 0.0;
            } else if echo {
                mode = Mode::Echo {
                    expected: j + l,
                    last_i: i,
                };
            }
        }
        if let Some(mut r) = region.take() {
            if self.drafts_code_again(s, &r)
                || s.original
                    && r.amid_new_text
                    && self.cur.starts(r.start)
                    && after_finished_line(s.text, s.keys.pos[r.start])
            {
                // Up to the draft's end (a compiler's message shown twice).
                // (A restart the seam finder missed opens with the title,
                // not in code.) So is a draft's section that says an earlier one's
                // template lines up to the seam, from a line after a
                // finished sentence (`## \`crypto\`` and its `<!-- YAML`
                // block under `## \`Crypto\``): an answer the seam finder
                // missed opens after the draft's cut line.
                self.keep_quote(s, r.start..n);
            } else if !s.original
                && (r.amid_new_text || r.opening && opens_in_table)
                && last_strong > r.start
                && last_strong < n
                && self.cur.starts(r.start)
                && r.template_until(s, last_strong, false)
            {
                // Template lines said again, then a row of the table's own
                // up to the answer's end (cut): as when the input goes on
                // for a while, the template filled in again.
                self.keep_quote(s, r.start..last_strong);
                for k in last_strong..n {
                    self.append_new(s, k);
                }
            } else if !s.original
                && r.amid_new_text
                && r.written >= TEMPLATE_AFTER
                && table_goes_on(s, r.start)
                && template_lines(s, r.start..n)
            {
                // Rows an earlier table of the template has, said from
                // under a row the answer wrote (`| \`--project\` | …` of
                // `npm trust gitlab`, then `--environment`, `--dry-run`,
                // … as `npm trust github` has them) up to the answer's
                // cut: the template filled in again, no echo.
                self.keep_quote(s, r.start..n);
            } else if !s.original
                && r.amid_new_text
                && r.written >= TEMPLATE_AFTER
                && self.cur.starts(r.start)
                && spaced(s, r.start..n)
                && under_heading(s, r.start)
            {
                // An entry's body said again right under its own new
                // heading up to the answer's cut (a second
                // `createInterface`'s options list, the first's word for
                // word): the template filled in again. An echo says the
                // heading too.
                self.keep_quote(s, r.start..n);
            } else {
                self.settle(s, r, n);
            }
        }
        // An empty answer says nothing of where the last echo stopped: the
        // answer after it may go on from there all the same.
        if n == 0 {
            return;
        }
        let stopped = self.echo_stop;
        self.echo_stop = match mode {
            Mode::Echo { expected, .. } => Some(expected),
            Mode::Frontier => None,
        };
        // An echo whose last sentence, cut short, was settled as a variant
        // (its copy cut back to the sentence before) still stopped where its
        // last keys re-emit the article: a char or two before its end, which
        // this segment did not write.
        let f = self.frontier;
        if self.echo_stop.is_none_or(|e| f.saturating_sub(e) > 2)
            && n >= K_GRAM
            && f > K_GRAM + 2
            && self.src[f - 1].seg as usize != s.seg
            && let Some(x) =
                (1..=2).find(|&x| s.keys.chars[n - K_GRAM..] == self.chars[f - x - K_GRAM..f - x])
        {
            self.echo_stop = Some(f - x);
        }
        // Nor does an echo of an earlier place that wrote nothing at the
        // article's end: the end is still the one cut inside a char.
        let near = |e: Option<usize>| e.is_some_and(|e| e < f && f - e <= 2);
        if f == self.seg_frontier && near(stopped) && !near(self.echo_stop) {
            self.echo_stop = stopped;
        }
        self.restyle_chains(s);
    }

    /// An echo's copies are recorded sentence by sentence, so a copy alone
    /// never sees the line breaks between its sentences: copies following
    /// each other in both the input and the article are one chain, and
    /// every stretch of it the article laid out from one source run (a
    /// whitespace-collapsed restart's new text, say) takes the echo's
    /// formatting when the echo breaks it into more lines (the paragraphs
    /// a collapsed copy lost, said again formatted by a later answer).
    fn restyle_chains(&mut self, s: &SegmentKeys<'_>) {
        let first = self.spans.len()
            - self
                .spans
                .iter()
                .rev()
                .take_while(|x| x.seg == s.seg)
                .count();
        let copy = |x: &Span| {
            matches!(
                x.kind,
                SpanKind::Repeat | SpanKind::Reformat | SpanKind::SeamOverlap
            )
        };
        let mut x = first;
        while x < self.spans.len() {
            if !copy(&self.spans[x]) {
                x += 1;
                continue;
            }
            let mut y = x + 1;
            while y < self.spans.len()
                && copy(&self.spans[y])
                && self.spans[y].keys.start == self.spans[y - 1].keys.end
                && self.spans[y].at == self.spans[y - 1].at + self.spans[y - 1].keys.len()
            {
                y += 1;
            }
            if y > x {
                let (i0, j0) = (self.spans[x].keys.start, self.spans[x].at);
                let len = self.spans[y - 1].keys.end - i0;
                if self.restyle_pieces(s, i0, j0, len) {
                    for span in &mut self.spans[x..y] {
                        span.kind = SpanKind::Reformat;
                    }
                }
            }
            x = y;
        }
    }

    /// Over the chain of input `i0..` copying article `j0..` (`len` keys),
    /// gives each stretch laid out from one source run the input's
    /// formatting when the input breaks it into more lines. Did any?
    fn restyle_pieces(&mut self, s: &SegmentKeys<'_>, i0: usize, j0: usize, len: usize) -> bool {
        if j0 + len > self.frontier || (j0..j0 + len).any(|q| self.is_hidden(q)) {
            return false;
        }
        // Article position `q` of the chain goes on from `q - 1` in its
        // source, on the same line.
        let same_line = |q: usize| {
            let (a, b) = (self.src[q - 1], self.src[q]);
            a.seg == b.seg && a.key + 1 == b.key && self.gap_before(q) != Gap::Break
        };
        // Input keys `i - 1` and `i` touch.
        let input_glued = |i: usize| s.keys.end(i - 1) == s.keys.pos[i];
        // Letters of a script that spaces its words.
        let word_char = |c: char| c.is_alphanumeric() && (is_spaced_script(c) || is_hangul(c));
        // A word goes on across `q` in the article's source, or (inside
        // the chain) in the input.
        let mid_word = |q: usize| {
            q > 0
                && q < self.chars.len()
                && word_char(self.chars[q - 1])
                && word_char(self.chars[q])
                && (self.src[q - 1].seg == self.src[q].seg
                    && self.src[q - 1].key + 1 == self.src[q].key
                    && self.gap_before(q) == Gap::None
                    || q > j0 && q < j0 + len && input_glued(i0 + q - j0))
        };
        // The decoration in the source text before article position `q`,
        // and before input key `i`.
        let marked_at = |q: usize| {
            if q < self.chars.len() {
                let src = self.src[q];
                self.marked[src.seg as usize][src.key as usize]
            } else {
                0
            }
        };
        let input_marked = |i: usize| self.marked[s.seg].get(i).copied().unwrap_or(0);
        // Input key `i` opens a line after a break, or opens the segment
        // with a heading mark.
        let opens_line = |i: usize| {
            if i == 0 {
                let pos = s.keys.pos[0];
                let from = s.text[..pos].rfind('\n').map_or(0, |n| n + 1);
                s.text[from..pos].trim_start().starts_with('#')
            } else {
                self.breaks[s.seg].get(i) == Some(&Gap::Break)
            }
        };
        // A joint the stretch makes inside the article's source run where
        // the sources decorate differently, or alike inside an input line
        // (the layout takes a run's closing marks from its own source and
        // the next run's opening ones from its: `**` lost, or a backtick
        // said twice; a fence opening the input's line, or a heading mark
        // opening the segment, is said once).
        let joint_marked = |q: usize, i: usize| {
            let (m, n) = (marked_at(q), input_marked(i));
            q > 0
                && q < self.chars.len()
                && self.src[q - 1].seg == self.src[q].seg
                && self.src[q - 1].key + 1 == self.src[q].key
                && (m != n || m != 0 && !opens_line(i))
        };
        let mut stretches: Vec<Range<usize>> = Vec::new();
        let mut p = 0;
        while p < len {
            let mut e = p + 1;
            while e < len && same_line(j0 + e) {
                e += 1;
            }
            let from = self.src[j0 + p].seg as usize;
            // A chain may open or close mid-word (after a slip, or where
            // the article's line was cut): the word is left to the
            // article's source (cut there, it would take one source's
            // decoration before it and the other's after: `#### \`i` +
            // `nclude\``).
            let mut a = j0 + p;
            while a < j0 + e && mid_word(a) {
                a += 1;
            }
            let mut b = j0 + e;
            while b > a && mid_word(b) {
                b -= 1;
            }
            let (a, b) = (a - j0, b - j0);
            // Only a stretch the article has on one line (two formatted
            // answers breaking a paragraph differently are alike), whose
            // joints each source decorates alike: taken from `迅速…` of
            // an answer opening there, the `**` the article's line closes
            // the stretch with would go. A first fragment
            // with no seam found is the draft's, unless such a stretch of
            // it that the echo breaks into paragraphs is an answer
            // collapsed and glued on unmarked.
            let input = newlines(s.text, s.keys, i0 + a, i0 + b.max(a));
            let collapsed = b > a + 1
                && !joint_marked(j0 + a, i0 + a)
                && !joint_marked(j0 + b, i0 + b)
                && match self.originals[from] {
                    Origin::Draft => false,
                    Origin::Unsure => input >= COLLAPSED_BREAKS,
                    Origin::Answer => input > 0,
                };
            if from != s.seg && collapsed {
                stretches.push(a..b);
            }
            p = e;
        }
        for d in stretches.iter().flat_map(|r| r.clone()) {
            self.src[j0 + d] = Source {
                seg: s.seg as u32,
                key: (i0 + d) as u32,
            };
            self.src_pos[j0 + d] = s.keys.pos[i0 + d] as u32;
        }
        !stretches.is_empty()
    }

    /// The article's last sentence, when it is cut (no stop ends it), of an
    /// earlier segment, and `chars` open with it but for two letters
    /// swapped (a slip or two: the same letters, few places differing) and
    /// go on past it.
    fn edited_cut(&self, s: &SegmentKeys<'_>, chars: &[char]) -> Option<Range<usize>> {
        const REACH: usize = 200;
        let f = self.frontier;
        if f == 0 || f != self.chars.len() || is_terminal(self.chars[f - 1]) {
            return None;
        }
        let st = (f.saturating_sub(REACH).max(1)..f)
            .rev()
            .find(|&q| self.sentence_starts_at(q))?;
        let d = st..f;
        let n = d.len();
        if n < 12
            || chars.len() < n + 2
            || d.clone()
                .any(|q| self.is_hidden(q) || self.src[q].seg as usize == s.seg)
        {
            return None;
        }
        let known = &self.chars[d.clone()];
        let said = &chars[..n];
        let differ = known.iter().zip(said).filter(|(x, y)| x != y).count();
        if differ == 0 || differ > 4 {
            return None;
        }
        let (mut x, mut y) = (known.to_vec(), said.to_vec());
        x.sort_unstable();
        y.sort_unstable();
        (x == y).then_some(d)
    }

    /// Is echo region `r`, up to input key `end`, a template said again
    /// amid new text: in a spaced script, after the segment wrote
    /// [`TEMPLATE_AFTER`] keys at the article's end, outside code, its
    /// copies ending well before that end and the article's text after
    /// where the echo stands more than the cut sentence (a restart or tail
    /// echo comes back to the end, or leaves out only the cut sentence)?
    /// Asked for every key past the last copy: answered once per copy.
    fn template_amid_new_text(
        &self,
        s: &SegmentKeys<'_>,
        r: &mut Region,
        end: usize,
        expected: Option<usize>,
    ) -> bool {
        if !r.amid_new_text || r.written < TEMPLATE_AFTER {
            return false;
        }
        if let Some((at, answer)) = r.amid_template
            && at == end
        {
            return answer;
        }
        let reach = r.copies.iter().map(|&(_, j, l)| j + l).max().unwrap_or(0);
        // Code has its own rule (an example's twin, see `template_until`).
        let answer = reach + TEMPLATE_GAP <= self.frontier
            && expected.is_none_or(|e| !self.left_only_the_cut(s.text, e))
            && !in_fence(s.text, s.keys.pos[r.start])
            && spaced(s, r.start..end);
        r.amid_template = Some((end, answer));
        answer
    }

    /// Is only the article's last sentence after article position `ke`
    /// (a stop right before it, or a few chars before: the next words may
    /// open alike, `[Symbol.i` of `iterator` and of `in the query`): cut,
    /// no stop to the end, at most [`LEFT_OUT_SENTENCE`] keys over any
    /// lines? The keys `ke` is past that stop.
    fn leaves_out_the_cut_sentence(&self, ke: usize) -> Option<usize> {
        let f = self.frontier;
        if ke >= f || f - ke > LEFT_OUT_SENTENCE {
            return None;
        }
        let stop = (ke.saturating_sub(3)..ke)
            .rev()
            .find(|&k| is_terminal(self.chars[k]))?;
        (!self.chars[stop + 1..f].iter().any(|&c| is_terminal(c))).then_some(ke - stop - 1)
    }

    /// Is the article's text after `expected` one prose sentence it ends
    /// with, cut (no terminal at the end; 200 keys at most; on one line of
    /// `text`, no heading, table row or code, which end without one)?
    fn left_only_the_cut(&self, text: &str, expected: usize) -> bool {
        let f = self.frontier;
        if expected >= f
            || f - expected > 200
            || is_terminal(self.chars[f - 1])
            || (expected..f - 1).any(|k| is_terminal(self.chars[k]))
        {
            return false;
        }
        let (from, to) = (
            self.src_pos[expected] as usize,
            self.src_pos[f - 1] as usize,
        );
        let Some(span) = text.get(from..to) else {
            return false;
        };
        let line_start = text[..from].rfind('\n').map_or(0, |n| n + 1);
        let line = &text[line_start..];
        !span.contains('\n')
            && !line.starts_with(['#', '|'])
            && !crate::clean::indented(line)
            && !in_fence(text, from)
    }

    /// Keeps input keys `keys`, known text said again, as new text where
    /// they stand, and reports them (`repeat kept`).
    fn keep_quote(&mut self, s: &SegmentKeys<'_>, keys: Range<usize>) {
        self.quotes.push(Span {
            seg: s.seg,
            keys: keys.clone(),
            kind: SpanKind::New,
            at: self.chars.len(),
        });
        for k in keys {
            self.append_new(s, k);
        }
    }

    /// Are input keys `i..i + l` whole sentences of a
    /// [spaced script](is_spaced_script) (Latin, accented too),
    /// lighter than [`LATIN_REFRAIN`], with more of the segment after them?
    fn latin_refrain(&self, s: &SegmentKeys<'_>, i: usize, l: usize) -> bool {
        // New text goes on after it: an echo may end its answer so.
        i + l < s.keys.len()
            && self.cur.starts(i)
            && self.cur.ends_before(i + l)
            && self.cur.weight(i, i + l) < LATIN_REFRAIN
            && spaced(s, i..i + l)
    }

    /// Total weight of the copies of an echo region.
    fn copied_weight(&self, r: &Region) -> f32 {
        r.copies
            .iter()
            .map(|&(i, _, l)| self.cur.weight(i, i + l))
            .sum()
    }

    /// Was the article cut inside a table: its last line a row (`| …`)?
    /// An answer going on there with rows said before fills the table in.
    /// (The article's positions point into the clean text all segments
    /// share; a text that does not hold them tells nothing.)
    fn cut_in_table(&self, s: &SegmentKeys<'_>) -> bool {
        let Some(&p) = self.src_pos.get(self.seg_frontier.wrapping_sub(1)) else {
            return false;
        };
        let Some(before) = s.text.get(..p as usize) else {
            return false;
        };
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        s.text[start..].trim_start().starts_with('|')
    }

    /// Removes the new text appended from the start of the sentence holding
    /// input key `i` (if all of it was appended just now, in this segment);
    /// returns where that sentence starts.
    fn retract_to_sentence_start(&mut self, s: &SegmentKeys<'_>, i: usize, keep: usize) -> usize {
        let floor = i.saturating_sub(400);
        let Some(start) = (floor..=i).rev().find(|&k| self.cur.starts(k)) else {
            return i;
        };
        if self.retract(s, start, i, keep) {
            start
        } else {
            i
        }
    }

    /// Takes back input keys `start..i` of `s` if they are the last ones
    /// appended to the article, all as new text, and article positions
    /// `..keep` (the copy that follows them) stay; says whether it did.
    fn retract(&mut self, s: &SegmentKeys<'_>, start: usize, i: usize, keep: usize) -> bool {
        let n = i - start;
        if n == 0 || n + keep > self.chars.len() || self.frontier != self.chars.len() {
            return false;
        }
        let ours = self.ends_with_keys(s, start..i);
        let Some(last) = self.spans.last_mut() else {
            return false;
        };
        if !ours
            || last.kind != SpanKind::New
            || last.seg != s.seg
            || last.keys.end != i
            || last.keys.start > start
        {
            return false;
        }
        last.keys.end = start;
        if last.keys.is_empty() {
            self.spans.pop();
        }
        self.take_back(n);
        true
    }

    /// Are the article's last chars exactly `keys` of segment `s`, in
    /// order (appended from it just now)?
    fn ends_with_keys(&self, s: &SegmentKeys<'_>, keys: Range<usize>) -> bool {
        keys.len() <= self.src.len()
            && self.src[self.src.len() - keys.len()..]
                .iter()
                .zip(keys)
                .all(|(src, k)| src.seg as usize == s.seg && src.key as usize == k)
    }

    /// Input key `i` starts a sentence that copies article text at `j`;
    /// the sentence before it was just appended as new text. If that
    /// sentence ends with the article text right before `j` and only a
    /// connective (`もちろん、`, `And, `) or nothing precedes the copied
    /// part, takes it back: returns its start and the length of the copied
    /// part.
    fn retract_copied_sentence(
        &mut self,
        s: &SegmentKeys<'_>,
        i: usize,
        j: usize,
        l: usize,
    ) -> Option<(usize, usize)> {
        if i == 0 || !self.cur.starts(i) {
            return None;
        }
        let floor = i.saturating_sub(200);
        let start = (floor..i).rev().find(|&k| self.cur.starts(k))?;
        let m = self.common_suffix(&s.keys.chars[start..i], j, usize::MAX);
        let lead = i - start - m;
        if m < K_GRAM || m < 2 * lead || !is_connective(&s.keys.chars[start..start + lead]) {
            return None;
        }
        self.retract(s, start, i, j + l).then_some((start, m))
    }

    /// How many chars at the end of `input` (at most `max`) equal the
    /// article chars right before position `j`.
    fn common_suffix(&self, input: &[char], j: usize, max: usize) -> usize {
        input
            .iter()
            .rev()
            .zip(self.chars[..j].iter().rev())
            .take(max)
            .take_while(|(a, b)| a == b)
            .count()
    }

    /// Removes the last `n` chars appended to the main line.
    fn take_back(&mut self, n: usize) {
        for _ in 0..n {
            self.pop_char();
        }
        self.frontier = self.chars.len();
    }

    /// At a segment start, the keys `0..i` were appended as a continuation
    /// of the cut, and the first copy, at article `j`, follows them. If they
    /// are an edited copy of the article text right before `j` (the echo
    /// started mid-sentence, with an edit: `的分部时段内运营。` for
    /// `的部分时段内运营。`), take them back as a variant. Returns where the
    /// echo starts (`i` when it does not).
    fn retract_edited_lead(&mut self, s: &SegmentKeys<'_>, i: usize, j: usize, l: usize) -> usize {
        let Some((kind, at, o)) = self.edited_lead(s, i, j, l) else {
            return i;
        };
        self.spans.pop();
        if o > 0 {
            self.spans.pop(); // the seam overlap is part of the lead
        }
        self.take_back(i - o);
        self.spans.push(Span {
            seg: s.seg,
            keys: 0..i,
            kind,
            at,
        });
        i
    }

    /// At a segment start, keys `0..start` were appended as new text, and
    /// the echo whose first copy lies at article `j` was taken back to the
    /// start of its (edited) sentence, `start`. If `0..start` is a sentence
    /// tail copied from shortly before `j` (`第1文がを庭。` + `第2下文書き…`,
    /// an exact sentence too short to anchor the echo, then an edited
    /// one), it is the echo's lead: a repeat, not a continuation of the
    /// cut.
    fn retract_copied_lead(&mut self, s: &SegmentKeys<'_>, start: usize, j: usize, l: usize) {
        // The copy must stay whole once the lead is taken back.
        if !(2..=LEAD_KEYS).contains(&start)
            || self.frontier != self.chars.len()
            || self.chars.len() < start + j + l
        {
            return;
        }
        let Some(last) = self.spans.last() else {
            return;
        };
        if last.kind != SpanKind::New || last.seg != s.seg || last.keys != (0..start) {
            return;
        }
        let Some(p) = self.tail_copy(&s.keys.chars[..start], j) else {
            return;
        };
        if self.ends_with_keys(s, 0..start) && p + start <= self.chars.len() {
            self.spans.pop();
            self.take_back(start);
            self.spans.push(Span {
                seg: s.seg,
                keys: 0..start,
                kind: SpanKind::Repeat,
                at: p - start,
            });
        }
    }

    /// What [`Article::retract_edited_lead`] would make of the keys `0..i`:
    /// the kind and article position of the span they become, and how many
    /// of them (`o`) were a seam overlap rather than appended text (a
    /// repeated answer opening like the cut: `Sen` + `Sentence 5 …`).
    fn edited_lead(
        &self,
        s: &SegmentKeys<'_>,
        i: usize,
        j: usize,
        l: usize,
    ) -> Option<(SpanKind, usize, usize)> {
        if !(2..=LEAD_KEYS).contains(&i) || self.frontier != self.chars.len() {
            return None;
        }
        let last = self.spans.last()?;
        if last.kind != SpanKind::New || last.seg != s.seg || last.keys.end != i {
            return None;
        }
        let o = last.keys.start;
        let overlap = o == 0
            || self.spans.len() >= 2 && {
                let before = &self.spans[self.spans.len() - 2];
                before.kind == SpanKind::SeamOverlap && before.seg == s.seg && before.keys == (0..o)
            };
        // The copy must stay whole once the lead is taken back.
        if !overlap || self.chars.len() < (i - o) + j + l {
            return None;
        }
        // An edited lead is a sentence's tail: one that opens a code
        // block (`ne:` + ```` ```console ```` before a command said again)
        // is mostly the fence's info string, alike everywhere.
        if s.text[s.keys.pos[0]..s.keys.pos[i]].contains("```") {
            return None;
        }
        let lead = &s.keys.chars[..i];
        // A restart whose title lost its first words (`ての記事` of
        // `下書きについての記事`): the lead is the end of the title line.
        let title = self.title_end();
        let found = if title >= i && title < j && self.chars[title - i..title] == *lead {
            (SpanKind::Repeat, title - i)
        } else if i >= 6
            && j >= i
            && similar_at_least(lead, &self.chars[j - i..j], EDITED_LEAD)
            // In a spaced script, other words than slips (`An intro` +
            // `duction to the parser generator is in \`info bison\`.`
            // before `flex`'s `… the scanner generator is in \`info
            // flex\`.`) are the answer going on from the cut, unless the
            // copy after them catches up with the cut exactly: an echo
            // rewording its lead (`and yeast, and knead for about ten`).
            && (!lead.iter().all(|&c| is_spaced_script(c))
                || only_slips(&self.chars[j - i..j], lead)
                || j + l == self.seg_frontier)
        {
            (SpanKind::Variant, j - i)
        } else if let Some(p) = self.tail_copy(lead, j) {
            // The end of a sentence shortly before `j`, the sentences in
            // between left out by the echo (`reader draft.  Sentence 2`).
            (SpanKind::Repeat, p - i)
        } else if let Some(k) = self.line_said_in_lead(lead, j) {
            // The line before `j` (a heading) said again with a few words
            // more (`## Test your restores` as `Test your restores
            // regularly:` before the paragraph under it): the echo
            // restating it.
            (SpanKind::Variant, k)
        } else {
            return None;
        };
        self.ends_with_keys(s, o..i)
            .then_some((found.0, found.1, o))
    }

    /// Where the article's line before `j` starts, when `j` opens a line
    /// and `lead` opens with that whole line (8 keys at least) and says at
    /// most [`LINE_RESTATED`] keys more.
    fn line_said_in_lead(&self, lead: &[char], j: usize) -> Option<usize> {
        if j == 0 || j > self.frontier || self.gap_before(j) != Gap::Break {
            return None;
        }
        let k = (j.saturating_sub(lead.len())..j)
            .rev()
            .find(|&q| q == 0 || self.gap_before(q) == Gap::Break)?;
        let line = &self.chars[k..j];
        (line.len() >= 8
            && lead.len() > line.len()
            && lead.len() - line.len() <= LINE_RESTATED
            && lead.starts_with(line))
        .then_some(k)
    }

    /// An article position in the 400 before `j` where the text before it
    /// equals `lead`: the tail of a sentence, at least [`MID_WORD_OVERLAP`]
    /// keys ending with its terminal (3: `hub.` of `github.`, the echo
    /// having left out what followed).
    fn tail_copy(&self, lead: &[char], j: usize) -> Option<usize> {
        let n = lead.len();
        if n < 3 || !lead.last().is_some_and(|&c| is_terminal(c)) {
            return None;
        }
        (n..=j.min(self.chars.len()))
            .rev()
            .take(400)
            .find(|&p| self.chars[p - n..p] == *lead)
    }

    /// Where the article's first line (its title) ends, looking a bounded
    /// way; 0 when no line break is found.
    fn title_end(&self) -> usize {
        (1..self.frontier.min(300))
            .find(|&k| {
                let (a, b) = (self.src[k - 1], self.src[k]);
                a.seg == b.seg
                    && a.key + 1 == b.key
                    && self.breaks[b.seg as usize][b.key as usize] == Gap::Break
            })
            .unwrap_or(0)
    }

    /// An article position where `chars` occur whole, if any.
    fn find_whole(&self, chars: &[char]) -> Option<usize> {
        if chars.len() < K_GRAM {
            return None;
        }
        self.index
            .positions(hash(&chars[..K_GRAM]))
            .find(|&j| self.chars.get(j..j + chars.len()) == Some(chars))
    }

    /// Removes the last article char and its k-gram from the index.
    fn pop_char(&mut self) {
        let len = self.chars.len();
        if len >= K_GRAM {
            let start = len - K_GRAM;
            let h = hash(&self.chars[start..len]);
            self.index.remove_last(h, start);
        }
        self.chars.pop();
        self.pops += 1;
        self.src.pop();
        self.src_pos.pop();
        self.run.pop();
    }

    fn note_breaks(&mut self, s: &SegmentKeys<'_>) {
        while self.breaks.len() < s.seg {
            self.breaks.push(Vec::new());
        }
        let k = s.keys;
        let b = (0..k.len())
            .map(|i| {
                let from = if i == 0 { 0 } else { k.end(i - 1) };
                let gap = &s.text[from..k.pos[i]];
                if i > 0 && gap.contains('\n') {
                    Gap::Break
                } else if gap.contains(char::is_whitespace) {
                    Gap::Space
                } else {
                    Gap::None
                }
            })
            .collect();
        if self.breaks.len() == s.seg {
            self.breaks.push(b);
        } else {
            self.breaks[s.seg] = b;
        }
        // (Before the first key, from its line's start: the clean text
        // holds the segments before this one.)
        let marked = (0..k.len())
            .map(|i| {
                let from = if i == 0 {
                    s.text[..k.pos[0]].rfind('\n').map_or(0, |n| n + 1)
                } else {
                    k.end(i - 1)
                };
                decoration_hash(&s.text[from..k.pos[i]])
            })
            .collect();
        if self.marked.len() <= s.seg {
            self.marked.resize(s.seg + 1, Vec::new());
        }
        self.marked[s.seg] = marked;
        if self.originals.len() <= s.seg {
            self.originals.resize(s.seg + 1, Origin::Answer);
        }
        self.originals[s.seg] = if s.original {
            Origin::Draft
        } else if s.seg == 0 {
            Origin::Unsure
        } else {
            Origin::Answer
        };
    }

    /// Length of the repeated cut at a segment start: the longest prefix of
    /// the segment equal to a suffix of the article (3+ chars; ASCII needs a
    /// word start in the article).
    fn start_overlap(&mut self, s: &SegmentKeys<'_>) -> usize {
        let f = self.frontier;
        let ks = &s.keys.chars;
        let max = ks.len().min(f).min(2000);
        let last = self.chars[f - 1];
        // A draft cut after a space (`<iframe ` + `frameborder=…`) ended
        // its word: no overlap starts inside it.
        let mid_word = !self.cut_after_space(s);
        let mut best = (3..=max)
            .rev()
            .filter(|&l| ks[l - 1] == last)
            .find(|&l| {
                self.chars[f - l..f] == ks[..l]
                    && (self.word_start(f - l) || mid_word && l >= MID_WORD_OVERLAP)
            })
            .unwrap_or(0);
        // A cut inside a character is re-emitted whole by the next answer: a
        // one- or two-char overlap of kanji or katakana (never doubled in
        // running text) is that re-emission.
        // So is one of a draft cut a char or two into a sentence or line
        // (`e.g. b`, `I`, `次に` on a line of its own), then an answer that
        // repeats that sentence from its start (`bigger`): a word opening
        // with those chars twice is not text. An answer of only those
        // chars says the cut again.
        if best == 0 {
            best = (1..=max.min(2))
                .rev()
                .find(|&l| {
                    self.chars[f - l..f] == ks[..l]
                        && (ks[..l].iter().all(|&c| is_kanji_or_katakana(c))
                            // An opening bracket and its first char (`（完`).
                            || l == 2
                                && matches!(ks[0], '(' | '（' | '「' | '『' | '【' | '《' | '〈')
                                && is_kanji_or_katakana(ks[1])
                            || ks.len() > l && self.unit_start(f - l) && !is_terminal(ks[l - 1])
                            // An answer that is only the cut word's chars
                            // again (`…the intended be` + `be`).
                            || ks.len() == l
                                && self.word_start(f - l)
                                && ks.iter().all(|c| c.is_alphanumeric()))
                })
                .unwrap_or(0);
        }
        // The last answer echoed the article up to a char or two before its
        // end and was cut there (inside a char): this one re-emits those
        // chars whole and goes on (`…下書` + `き静かに。`, kana too). Not
        // ASCII: `…late` + ` reader` goes on from the draft's `later`.
        if best == 0
            && let Some(e) = self.echo_stop
            && e < f
            && f - e <= max.min(2)
            && self.chars[e..f] == ks[..f - e]
            && ks[..f - e].iter().all(|&c| !is_spaced_script(c))
        {
            best = f - e;
        }
        // A draft cut right after a link text's `]` (or its `](`), then an
        // answer going on from that bracket (`…とは？]` + `](/2025/…)`,
        // `…кода?](` + `](pkg-basics…`): said twice.
        if best == 0 {
            best = [&[']', '('][..], &[']'][..]]
                .into_iter()
                .find(|b| self.chars[..f].ends_with(b) && ks.len() > b.len() && ks.starts_with(b))
                .map_or(0, <[char]>::len);
        }
        // An answer that is only the sentence end the article already has
        // (`。` or `庭。` again after `…庭` + `。`) repeats it.
        if best == 0
            && ks.len() <= 2
            && ks.last().is_some_and(|&c| is_terminal(c))
            && self.chars[..f].ends_with(ks)
        {
            best = ks.len();
        }
        // Where the repeated stretch starts in the article: an edited one
        // may be longer or shorter than its segment keys.
        let mut at = f - best;
        if best == 0
            && let Some((keys, from)) = self.edited_overlap(ks)
        {
            (best, at) = (keys, from);
        }
        if best > 0 {
            self.spans.push(Span {
                seg: s.seg,
                keys: 0..best,
                kind: SpanKind::SeamOverlap,
                at,
            });
        }
        best
    }

    /// Does the article's last char stand before spaces at the end of its
    /// line in the clean text (the draft was cut after a space)?
    fn cut_after_space(&self, s: &SegmentKeys<'_>) -> bool {
        let Some(&at) = self.src_pos.get(self.frontier.wrapping_sub(1)) else {
            return false;
        };
        let at = at as usize;
        let Some(c) = s.text.get(at..).and_then(|t| t.chars().next()) else {
            return false;
        };
        let rest = &s.text[at + c.len_utf8()..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        !line.is_empty() && line.chars().all(|c| c == ' ' || c == '\t')
    }

    /// The length of an edited seam repeat opening the segment `ks`: the
    /// answer said the end of the cut line again with a slip or two
    /// (`dropped here wihle still borrowe` + `d …` after `…while still
    /// borrowe`). Its first [`K_GRAM`] keys occur at a word start among the
    /// article's last [`EDITED_SEAM`] keys, and from there to the cut the
    /// article and the segment's opening are a few edits apart (one in
    /// twenty, at least one), none of them in a number. More is other
    /// words (a list of links: `get` then `get_mut`), and a digit changed
    /// is another image or issue, not a slip. Returns how many segment keys stand for that stretch
    /// and where it starts in the article; what follows goes on from the
    /// cut. Bounded: a few windows of at most [`EDITED_SEAM`] keys, compared
    /// once per segment.
    fn edited_overlap(&self, ks: &[char]) -> Option<(usize, usize)> {
        let f = self.frontier;
        if ks.len() < K_GRAM || f < 12 {
            return None;
        }
        let from = f.saturating_sub(EDITED_SEAM);
        let mut best: Option<(usize, usize, usize)> = None; // (edits, segment keys, start)
        let last = self.src[f - 1];
        for a in from..=f - 12 {
            if self.chars[a..a + K_GRAM] != ks[..K_GRAM] || !self.word_start(a) {
                continue;
            }
            // The stretch is one piece of the cut segment: an edit across
            // an earlier seam may be that seam's completion (a `。` cut
            // inside its bytes, said whole by this answer), not a slip.
            let first = self.src[a];
            if first.seg != last.seg
                || last
                    .key
                    .checked_sub(first.key)
                    .is_none_or(|d| d as usize != f - 1 - a)
            {
                continue;
            }
            let tail = &self.chars[a..f];
            let slack = 1 + tail.len() / 20;
            let take = ks.len().min(tail.len() + slack);
            let Some((d, e)) = edit_prefix(tail, &ks[..take], slack) else {
                continue;
            };
            // A slip leaves numbers alone: `bg2021030302.jpg` and
            // `bg2021030303.jpg` are two images, `#110` and `#114` two
            // issues.
            let digit = |c: &&char| c.is_ascii_digit();
            if !tail.iter().filter(digit).eq(ks[..e].iter().filter(digit)) {
                continue;
            }
            if d > 0 && best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, e, a));
            }
        }
        best.map(|(_, e, a)| (e, a))
    }

    /// Does article position `p` open a sentence or a line: the first key,
    /// one after a line break, or after a sentence end (an ASCII one, or a
    /// colon or semicolon, with whitespace between)?
    fn unit_start(&self, p: usize) -> bool {
        if p == 0 || self.gap_before(p) == Gap::Break {
            return true;
        }
        let c = self.chars[p - 1];
        if c.is_ascii() {
            matches!(c, '.' | '!' | '?' | ':' | ';') && self.gap_before(p) != Gap::None
        } else {
            is_terminal(c) || matches!(c, '：' | '；')
        }
    }

    /// Short ASCII overlaps must start at a word start in the article, so
    /// that a cut `…the` followed by `their…` is not taken for a repeat; from
    /// [`MID_WORD_OVERLAP`] chars on, an answer repeating the end of a cut
    /// word (`Sentence` + `ntence 9 …`) is one.
    fn word_start(&self, p: usize) -> bool {
        if !self.chars[p].is_ascii_alphanumeric() {
            return true;
        }
        p == 0
            || !self.chars[p - 1].is_ascii_alphanumeric()
            || self.src[p - 1].seg != self.src[p].seg
            || self.gap_before(p) != Gap::None
    }

    /// The best acceptable copy at input position `i`, as (article position,
    /// length).
    fn best_copy(
        &self,
        s: &SegmentKeys<'_>,
        i: usize,
        mode: Mode,
        fresh: bool,
        memos: &mut Memos,
    ) -> Option<(usize, usize)> {
        let ks = &s.keys.chars;
        let mut best: Option<(usize, usize, bool)> = None;
        let mut consider = |j: usize, l: usize, this: &Self| {
            if l == 0 {
                return;
            }
            // A copy running past the end of a sentence it repeats whole is
            // cut back to that sentence end.
            let l = if this.acceptable(s, i, j, l, mode, fresh) {
                l
            } else {
                match this.cur.last_end_within(i, l) {
                    Some(m) if this.acceptable(s, i, j, m, mode, fresh) => m,
                    _ => return,
                }
            };
            let is_near =
                matches!(mode, Mode::Echo { expected, last_i } if chains(i, j, last_i, expected));
            let reaches = j + l == this.frontier;
            let better = match best {
                None => true,
                Some((bj, bl, bn)) => {
                    let b_reaches = bj + bl == this.frontier;
                    (is_near && !bn)
                        || (is_near == bn
                            && (l > bl
                                || (l == bl && reaches && !b_reaches)
                                || (l == bl && reaches == b_reaches && j < bj)))
                }
            };
            if better {
                best = Some((j, l, is_near));
            }
        };
        // A long run going on where the echo was expected wins over any
        // other place (near copies are preferred): no need to look further.
        let mut settled = false;
        if let Mode::Echo { expected, last_i } = mode
            && expected < self.chars.len()
        {
            let l = self.extend(ks, i, expected);
            settled = l >= 4 * K_GRAM && self.acceptable(s, i, expected, l, mode, fresh);
            consider(expected, l, self);
            // A sentence after an edited stretch: the echo goes on where
            // the edit ends, as long as it was (a swap), or at the next
            // sentence start (a shorter or longer rewording). Copies too
            // short for a k-gram seed are found only here.
            if !settled && l == 0 && self.cur.starts(i) {
                let same_length = expected + (i - last_i);
                let next_sentence = (expected + 1..self.chars.len().min(expected + 400))
                    .find(|&q| is_terminal(self.chars[q - 1]));
                for q in [Some(same_length), next_sentence].into_iter().flatten() {
                    if q < self.chars.len() {
                        consider(q, self.extend(ks, i, q), self);
                    }
                }
            }
        }
        let mut lengths: Vec<(usize, usize)> = Vec::new();
        // Candidates came through an anchor (see `anchored_copies`).
        let mut anchored = false;
        if !settled && i + K_GRAM <= ks.len() {
            let h = hash(&ks[i..i + K_GRAM]);
            let mid = mode == Mode::Frontier && !fresh && !self.cur.starts(i);
            let chain = self.index.chain(h);
            // Mid-sentence amid new text, a common k-gram: only a long copy
            // can be taken here (see `long_copy`).
            let mut long_found = false;
            if mid && chain.is_some_and(|c| KgramIndex::is_full(&c)) {
                match self.long_copy(ks, i, &mut memos.long) {
                    Some(None) => return None,
                    Some(Some(j)) => {
                        let l = self.extend(ks, i, j);
                        lengths.push((j, l));
                        consider(j, l, self);
                        long_found = true;
                    }
                    None => {}
                }
            }
            // Mid-sentence amid new text past the opening, only a long copy
            // or one catching up with the article's end can be taken: the
            // first are known through their anchor, the others are among
            // the newest positions (see `anchored_copies`). Either is kept
            // to the positions a probe would see: all the recorded ones,
            // which end at the chain's last (unless the k-gram is so common
            // that only the oldest few are probed).
            if mid
                && i > LEAD_KEYS
                && !long_found
                && !self.probe_only()
                && let Some(c) = chain
                && KgramIndex::probes(&c) >= c.len as usize
                && let Some(copies) = self.anchored_copies(ks, i, &mut memos.anchored)
            {
                anchored = true;
                #[cfg(test)]
                self.anchored_starts.set(self.anchored_starts.get() + 1);
                for (j, l) in copies {
                    if j <= c.last as usize {
                        lengths.push((j, l));
                        consider(j, l, self);
                    }
                }
                let from = self.frontier.saturating_sub(ks.len() - i);
                for j in self.index.newest(c, from) {
                    if j < self.frontier {
                        let l = self.extend(ks, i, j);
                        if l >= K_GRAM {
                            lengths.push((j, l));
                            consider(j, l, self);
                        }
                    }
                }
            }
            if !anchored {
                for j in self.index.walk(chain, true) {
                    let l = self.extend(ks, i, j);
                    if l >= K_GRAM {
                        lengths.push((j, l));
                        consider(j, l, self);
                    }
                }
            }
            // Inside an echo, a k-gram so common that the index left out
            // its newer positions (`<!-- YAML added` under every entry of
            // a reference page) may go on right past where the echo was
            // expected, a piece left out: the index cannot tell, so the
            // window where the echo chains is looked at (bounded, once
            // per expected place that misses).
            if let Mode::Echo { expected, last_i } = mode
                && !lengths.iter().any(|&(j, _)| chains(i, j, last_i, expected))
                && chain.is_some_and(|c| KgramIndex::is_full(&c))
            {
                // Only as long a copy as the index gave (a shorter one near
                // is no better evidence than the long one elsewhere), and
                // longer than a name (`aptitude 正規表達式` of a heading
                // and of a table's caption under it).
                let longest = lengths.iter().map(|&(_, l)| l).max().unwrap_or(0);
                for q in self.near_positions(&ks[i..i + K_GRAM], expected, &mut memos.near) {
                    let l = self.extend(ks, i, q);
                    if l >= (2 * K_GRAM).max(longest) && chains(i, q, last_i, expected) {
                        consider(q, l, self);
                    }
                }
            }
        }
        // A segment opening with the article's own opening (a restart's
        // title) is that copy, however common its first k-gram is (`#
        // hashbrown` of a page whose every link names the crate): the
        // walk above may not reach that oldest place.
        // Only a copy of the whole title line counts so (a word the
        // article opens with, `Sentence`, is no title).
        let title = if fresh && i == 0 { self.title_end() } else { 0 };
        if title > 0 {
            let l = self.extend(ks, 0, 0);
            if l >= title {
                consider(0, l, self);
            }
        }
        let (j, l, is_near) = best?;
        // New text running into a copy just before a sentence starts (`…で` +
        // `す。彼らは…`): the chars before the sentence start stay new.
        if mode == Mode::Frontier
            && !fresh
            && !self.cur.starts(i)
            && (1..l.min(7)).any(|d| self.cur.starts(i + d))
        {
            return None;
        }
        // An anchor that several different places match about as far (list
        // items, link lines) is not evidence of a re-emission by itself.
        let rivals = lengths
            .iter()
            .filter(|&&(j2, l2)| j2 != j && l2 + 2 >= l && j2.abs_diff(j) >= l)
            .count();
        let strong = self.cur.weight(i, i + l) >= LONG_COPY || j + l == self.frontier;
        // Through an anchor, only strong copies are acceptable (and the
        // rivals, a subset of the probed ones, do not count).
        debug_assert!(
            !anchored || strong,
            "a weak copy at {i} taken through an anchor"
        );
        // (The article's own opening is no such anchor: a restart opens
        // with its title, whatever else says the title's words.)
        let restart = title > 0 && j == 0 && l >= title;
        if rivals > 0 && !is_near && !strong && !restart {
            return None;
        }
        Some((j, l))
    }

    /// The article positions in the window where an echo expected at
    /// `expected` chains (see [`chains`]) whose k-gram is `gram`. The
    /// window's k-grams are hashed once per expected place
    /// ([`NearMemo`]).
    fn near_positions(&self, gram: &[char], expected: usize, memo: &mut NearMemo) -> Vec<usize> {
        if memo.expected != Some(expected) {
            let end = (expected + NEAR_WINDOW).min(self.chars.len());
            memo.expected = Some(expected);
            memo.grams.clear();
            for q in expected..end.saturating_sub(K_GRAM - 1) {
                memo.grams.push((hash(&self.chars[q..q + K_GRAM]), q));
            }
        }
        let h = hash(gram);
        memo.grams
            .iter()
            .filter(|&&(g, q)| g == h && self.chars[q..q + K_GRAM] == *gram)
            .map(|&(_, q)| q)
            .collect()
    }

    /// Is there a copy of weight [`LONG_COPY`] starting at input `i`, mid-
    /// sentence amid new text (the only kind acceptable there, but for one
    /// reaching the article's end, which a common k-gram's oldest positions
    /// never are)? `Some(None)`: no; `Some(Some(j))`: at article `j`;
    /// `None`: unknown, probe as usual.
    ///
    /// Such a copy from any start in `i..=a` covers the k-gram at `a`, where
    /// the input reaches that weight from `i`, so one probe of that k-gram's
    /// positions answers for every start up to `a` (remembered in
    /// [`LongMemo`]): in a small vocabulary, where every k-gram is common,
    /// this replaces dozens of probes per key, each a cache miss. Only a
    /// full chain is used: positions added later never join it, so the
    /// answer holds while the article grows.
    fn long_copy(&self, ks: &[char], i: usize, memo: &mut LongMemo) -> Option<Option<usize>> {
        if memo.from <= i && i < memo.until {
            return Some(memo.found.filter(|&(p, _)| p == i).map(|(_, j)| j));
        }
        let Some(end) = self.cur.reach(i, LONG_COPY) else {
            // Not enough text left for one.
            *memo = LongMemo {
                from: i,
                until: ks.len(),
                found: None,
            };
            return Some(None);
        };
        let a = end.max(i + K_GRAM) - K_GRAM;
        let h = hash(&ks[a..a + K_GRAM]);
        if !self.index.full(h) {
            return None;
        }
        let mut found: Option<(usize, usize)> = None;
        for ja in self.index.probed(h) {
            // Back from the anchor to where the copy starts (not before `i`).
            let main = ja < self.frontier;
            let (mut p, mut j) = (a, ja);
            while p > i
                && j > 0
                && ks[p - 1] == self.chars[j - 1]
                && self.run[j - 1] == self.run[ja]
                && (j - 1 < self.frontier) == main
            {
                p -= 1;
                j -= 1;
            }
            if found.is_some_and(|(fp, _)| fp <= p) {
                continue;
            }
            let l = self.extend(ks, p, j);
            if p + l >= a + K_GRAM && self.cur.weight(p, p + l) >= LONG_COPY {
                found = Some((p, j));
            }
        }
        let until = found.map_or(a + 1, |(p, _)| p + 1);
        *memo = LongMemo {
            from: i,
            until,
            found,
        };
        Some(found.filter(|&(p, _)| p == i).map(|(_, j)| j))
    }

    #[cfg(test)]
    fn probe_only(&self) -> bool {
        self.probe_only
    }

    #[cfg(not(test))]
    #[allow(clippy::unused_self)]
    fn probe_only(&self) -> bool {
        false
    }

    /// The copies at input `i` (article position, length) that are long
    /// enough to be taken mid-sentence amid new text (weight [`LONG_COPY`]);
    /// `None`: unknown, probe as usual.
    ///
    /// Such a copy from any start in `i..=a` covers the k-gram at `a`, where
    /// the input reaches that weight from `i` (as in [`Article::long_copy`]).
    /// The memo walks that anchor's positions once, each back to where its
    /// match with the input begins (not before `i`) and on to where it
    /// ends, and answers every start up to `a` from those stretches without
    /// reading the article: on a long file, where most k-grams have a few
    /// positions, this replaces a few probes per key, each a cache miss.
    /// Exact: a full anchor chain leaves positions out, so it is not used;
    /// a new position of the anchor or a char taken back renews the memo;
    /// a stretch that ended where the article then ended is measured again.
    fn anchored_copies(
        &self,
        ks: &[char],
        i: usize,
        memo: &mut AnchorMemo,
    ) -> Option<Vec<(usize, usize)>> {
        let valid = memo.from <= i
            && i < memo.until
            && memo.pops == self.pops
            && memo
                .anchor
                .is_none_or(|(h, c)| memo.fallback || self.index.chain(h) == c);
        if !valid {
            self.anchor_memo(ks, i, memo);
        }
        if memo.fallback {
            return None;
        }
        let mut copies = Vec::new();
        for r in &memo.runs {
            if r.p > i || r.end < i + K_GRAM {
                continue;
            }
            let j = r.j + (i - r.p);
            let l = if r.exact {
                (r.end - i).min(self.copy_limit(j).saturating_sub(j))
            } else {
                self.extend(ks, i, j)
            };
            if l >= K_GRAM {
                copies.push((j, l));
            }
        }
        Some(copies)
    }

    /// Makes the memo of [`Article::anchored_copies`] for starts from `i`.
    fn anchor_memo(&self, ks: &[char], i: usize, memo: &mut AnchorMemo) {
        memo.from = i;
        memo.pops = self.pops;
        memo.fallback = false;
        memo.runs.clear();
        // The weight is reached a little early (float sums), never late.
        let Some(end) = self.cur.reach(i, LONG_COPY - 0.01) else {
            memo.until = ks.len();
            memo.anchor = None;
            return;
        };
        let a = end.max(i + K_GRAM) - K_GRAM;
        let h = hash(&ks[a..a + K_GRAM]);
        let chain = self.index.chain(h);
        memo.until = a + 1;
        memo.anchor = Some((h, chain));
        let Some(c) = chain else {
            return;
        };
        if KgramIndex::is_full(&c) {
            memo.fallback = true;
            return;
        }
        for ja in self.index.positions(h) {
            let n = (ks.len() - a).min(self.chars.len() - ja);
            let m = ks[a..a + n]
                .iter()
                .zip(&self.chars[ja..ja + n])
                .take_while(|(x, y)| x == y)
                .count();
            if m < K_GRAM {
                continue;
            }
            let back = (i..a)
                .rev()
                .zip((0..ja).rev())
                .take_while(|&(p, q)| ks[p] == self.chars[q])
                .count();
            let (p, j, exact) = (a - back, ja - back, m < n || a + m == ks.len());
            // Cut where the article's runs change, as `extend` cuts a copy.
            let run = &self.run[j..ja + m];
            let mut start = 0;
            while start < run.len() {
                let r = run[start];
                let len = run[start..].partition_point(|&x| x == r);
                let last = start + len == run.len();
                memo.runs.push(AnchorRun {
                    p: p + start,
                    j: j + start,
                    end: p + start + len,
                    exact: !last || exact,
                });
                start += len;
            }
        }
    }

    /// Where a copy from article position `j` must end: at the main line's
    /// end if it starts before it, else at the article's end.
    fn copy_limit(&self, j: usize) -> usize {
        if j < self.frontier {
            self.frontier
        } else {
            self.chars.len()
        }
    }

    /// Length of the exact match of input `i..` against article `j..`.
    fn extend(&self, ks: &[char], i: usize, j: usize) -> usize {
        let max = (ks.len() - i).min(self.copy_limit(j).saturating_sub(j));
        let (a, b) = (&ks[i..i + max], &self.chars[j..j + max]);
        // Compare eight chars at a time (no early exit inside a block, so
        // it vectorises), then char by char.
        let mut l = 0;
        for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
            let diff = x
                .iter()
                .zip(y)
                .fold(0u32, |d, (&p, &q)| d | (p as u32 ^ q as u32));
            if diff != 0 {
                break;
            }
            l += 8;
        }
        while l < max && a[l] == b[l] {
            l += 1;
        }
        // A copy never runs from an insertion into the main line, another
        // insertion or back: they are adjacent in creation order only.
        if l > 0 && self.run[j + l - 1] != self.run[j] {
            let r = self.run[j];
            l = self.run[j..j + l].partition_point(|&x| x == r);
        }
        l
    }

    fn acceptable(
        &self,
        s: &SegmentKeys<'_>,
        i: usize,
        j: usize,
        l: usize,
        mode: Mode,
        fresh: bool,
    ) -> bool {
        let w = self.cur.weight(i, i + l);
        let reaches = j + l == self.frontier;
        // After a gap of new wording, only a longer match re-anchors.
        if let Mode::Echo { expected, last_i } = mode
            && chains(i, j, last_i, expected)
            && (l >= K_GRAM.max(i.saturating_sub(last_i) / 2)
                || (l >= 3 && (i + l == s.keys.len() || reaches)))
        {
            return true;
        }
        let starts = self.cur.starts(i);
        if mode == Mode::Frontier && self.edited_opening(s, i, j, l) {
            return true;
        }
        // So is catching up with the cut this segment continues, after an
        // opening taken for new text.
        if w >= MIN_COPY
            && self.catches_up_with_cut(s, i, j, l)
            && self.edited_lead(s, i, j, l).is_some()
        {
            return true;
        }
        // Catching up with the article's end exactly is strong evidence,
        // unless a short one opens a line after a finished line of the same
        // text (a heading's last words starting the next paragraph).
        if reaches
            && (w >= MIN_COPY
                || (w >= MIN_SEAM && (fresh || starts && !self.after_finished_line(s, i))))
        {
            return true;
        }
        // A segment that opens with known text is an echo: a shorter anchor
        // will do there (a tail echo starts anywhere, even mid-sentence).
        if fresh {
            // A segment opening with the article's own opening restarts it
            // (a title line is short, and its first word may be cut off).
            // An answer opening mid-word with the end of a known sentence
            // and the start of the next (`ft short. Sentence 2…`) echoes
            // them: it does not continue the cut word. The part after the
            // sentence end must say something, or the segment must reach
            // the cut again later (`… found draft`): `rticle. The` after a
            // cut `a`, with nothing more, is the cut word `article` going
            // on.
            let spans_sentences = i == 0
                && l >= K_GRAM
                && self.cur.last_end_within(i, l).is_some_and(|m| {
                    m >= 2
                        && l - m >= K_GRAM / 2
                        && (self.cur.weight(i + m, i + l) >= MIN_FRESH / 2.0
                            || self.catches_up_later(s, i + l))
                });
            return w >= MIN_FRESH || (i == 0 && j < K_GRAM && l >= K_GRAM) || spans_sentences;
        }
        // Whole sentences: one heavy enough, or several short ones. A
        // sentence of the main line that an insertion split in the article
        // (kept text pushed before the rest of the line was written) counts
        // whole when the input goes on with the rest.
        // Amid new text (a sentence's worth written at the article's end:
        // an echo cut while saying the article again is judged as one),
        // a segment's last sentence, cut (`… over each of
        // the name-value pairs`), is no whole one: a copy running to the
        // cut says a sentence's start (an earlier entry's `… pairs in the
        // query.`). (A copy of the article's end as the segment found it
        // says the cut again.)
        let cut_off = mode == Mode::Frontier
            && self.frontier.saturating_sub(self.seg_frontier) >= TEMPLATE_AFTER
            && i + l == s.keys.len()
            && s.keys.chars[i + l - 1].is_alphanumeric()
            && j + l != self.seg_frontier;
        w >= LONG_COPY
            || (w >= MIN_COPY
                && starts
                && !cut_off
                && (self.cur.ends_before(i + l)
                    || self
                        .cur
                        .ends_before(i + l + self.main_line_rest(s, i + l, j + l)))
                && (self.cur.longest_unit(i, i + l) >= MIN_COPY || w >= 2.0 * MIN_COPY))
    }

    /// Is echo region `r` code of the first draft said again from a line
    /// start amid its new text (the author's, kept and reported)?
    fn drafts_code_again(&self, s: &SegmentKeys<'_>, r: &Region) -> bool {
        s.seg == 0
            && r.amid_new_text
            && self.cur.starts(r.start)
            && in_fence(s.text, s.keys.pos[r.start])
    }

    /// Does article text `j..` follow, there, the whole line of code the
    /// article ends with ([`TWIN_LINE`] keys at least, from its line
    /// start, inside a fenced block; an earlier segment's cut): an
    /// example's twin going on as the block it copies did from that line?
    fn goes_on_like_its_twin(&self, s: &SegmentKeys<'_>, j: usize) -> bool {
        let f = self.frontier;
        if f != self.chars.len() || f == 0 || j + TWIN_LINE > f || j < TWIN_LINE {
            return false;
        }
        // The line an earlier segment was cut in, this one going on there.
        if self.src[f - 1].seg as usize == s.seg {
            return false;
        }
        // Keys of the cut line, back to its start.
        let Some(m) = self.line_before(s.text, f, f - 1) else {
            return false;
        };
        m >= TWIN_LINE
            && m <= j
            && j + m <= f - m
            && self.chars[j - m..j] == self.chars[f - m..f]
            && in_fence(s.text, self.src_pos[f - 1] as usize)
    }

    /// Keys of article position `p`'s source line before `p` (back to the
    /// line start, within the segment of key `last`, `p` itself or the one
    /// before it), if the line starts within [`TWIN_WALK`] keys (a longer
    /// one, a collapsed restart, is no line of a table or of code).
    fn line_before(&self, text: &str, p: usize, last: usize) -> Option<usize> {
        let at = *self.src_pos.get(last)? as usize;
        let line_start = text.get(..at)?.rfind('\n').map_or(0, |n| n + 1);
        let seg = self.src[last].seg;
        let on_line = |k: usize| self.src[k].seg == seg && self.src_pos[k] as usize >= line_start;
        let m = (1..=p.min(TWIN_WALK))
            .take_while(|&m| on_line(p - m))
            .count();
        (m < TWIN_WALK || p == m || !on_line(p - m - 1)).then_some(m)
    }

    /// Does the copy of input `0..l` at article `j`, opening an answer, go
    /// on the line the article was cut in as an earlier line alike did
    /// from there (a table row, [`TWIN_LINE`] keys at least, [`ROW_ALIKE`]
    /// up to the copy's place), staying inside that line, the input's next
    /// line not the one that follows there? `[ \`shorewall6-lite\` ](…
    /// ?packages=shorewall6` + `-lite) | [71](…/s/shorewall` of the
    /// `shorewall-lite` row above, then `6-lite.html) | …`: the answer
    /// completes the cut row from the table's template, new text. (A tail
    /// echo from inside an earlier row goes on with the rows after it.)
    fn goes_on_like_its_row(&self, s: &SegmentKeys<'_>, j: usize, l: usize) -> bool {
        let f = self.frontier;
        f == self.chars.len()
            && f > 0
            && l < s.keys.len()
            && self
                .line_before(s.text, f, f - 1)
                .is_some_and(|m| self.rows_alike(s, 0, j, l, m))
    }

    /// The test [`Article::goes_on_like_its_row`] and
    /// [`Article::ends_like_a_row_above`] share: the article's last `m`
    /// keys (its last line, [`TWIN_LINE`] keys at least) and the line of
    /// article `j` up to `j` are [`ROW_ALIKE`], the copy at input `i` of
    /// `j..j + l` stays inside that line, before the article's last one,
    /// and the input's next sentence after it is not the one after `j + l`.
    fn rows_alike(&self, s: &SegmentKeys<'_>, i: usize, j: usize, l: usize, m: usize) -> bool {
        let f = self.frontier;
        if j == 0 || l == 0 || m < TWIN_LINE || j + l + m > f {
            return false;
        }
        let Some(mj) = self.line_before(s.text, j, j) else {
            return false;
        };
        let (from, to) = (self.src_pos[j] as usize, self.src_pos[j + l - 1] as usize);
        mj >= TWIN_LINE
            && self.src[j].seg == self.src[j + l - 1].seg
            && !s.text[from..to].contains('\n')
            && !self.next_sentences_alike(s, i + l, j + l)
            && similarity(&self.chars[j - mj..j], &self.chars[f - m..f]) >= ROW_ALIKE
    }

    /// Keys of the article's last line back to its start, through this
    /// segment's opening on it (an answer going on from the line an
    /// earlier segment was cut in) into that line; `None` past
    /// [`TWIN_WALK`] keys.
    fn frontier_line(&self, s: &SegmentKeys<'_>) -> Option<usize> {
        let f = self.frontier;
        let mut k = f;
        while k > 0 {
            let seg = self.src[k - 1].seg;
            let at = self.src_pos[k - 1] as usize;
            let line_start = s.text.get(..at)?.rfind('\n').map_or(0, |n| n + 1);
            while k > 0 && self.src[k - 1].seg == seg && self.src_pos[k - 1] as usize >= line_start
            {
                k -= 1;
                if f - k > TWIN_WALK {
                    return None;
                }
            }
            // Into the line before only from this segment's first line.
            let opened_here = seg as usize == s.seg
                && s.keys.pos.first().is_some_and(|&p| p >= line_start)
                && k > 0
                && self.src[k - 1].seg != seg;
            if !opened_here {
                break;
            }
        }
        Some(f - k)
    }

    /// Does the copy at input `i` of article `j..j + l`, in the opening of
    /// a segment that went on writing the line an earlier one was cut in,
    /// say the rest of an earlier line alike up to there (a table row's
    /// tail every row has: `… a la entrada estándar de la \`orden2\` (se
    /// ejecutan de forma **concurrente** )`), the input's next line not the
    /// one after it? Then it is the cut row going on, not an echo whose
    /// lead the opening was. How many of its keys are on that line.
    fn ends_like_a_row_above(
        &self,
        s: &SegmentKeys<'_>,
        i: usize,
        j: usize,
        l: usize,
    ) -> Option<usize> {
        let f = self.frontier;
        if j == 0 || i == 0 || i > LEAD_KEYS || f != self.chars.len() || f != self.seg_frontier + i
        {
            return None;
        }
        // The copy up to its line's end (rows open alike: `orden1 …`).
        let on_line = (1..=l)
            .find(|&k| k == l || s.text[s.keys.end(i + k - 1)..s.keys.pos[i + k]].contains('\n'))
            .filter(|&k| self.src[j + k - 1].seg == self.src[j].seg)?;
        // A table's row (a list of links goes on as its own template does,
        // see `goes_on_from_cut_phrase`).
        if !line_at(s.text, self.src_pos[j] as usize).contains('|') {
            return None;
        }
        let m = self.frontier_line(s)?;
        (m > i && self.sentence_ends_at(j + on_line) && self.rows_alike(s, i, j, on_line, m))
            .then_some(on_line)
    }

    /// Does the copy of input `0..l` at article `j` follow, there, the
    /// words the article ends with (3 keys at least, the cut mid-sentence),
    /// stay inside one sentence and leave it before it ends, the input going
    /// on with other words? Then the segment says the cut phrase's usual
    /// continuation.
    fn goes_on_from_cut_phrase(&self, s: &SegmentKeys<'_>, j: usize, l: usize) -> bool {
        let f = self.frontier;
        if j + l >= f || l >= s.keys.len() || f == 0 || is_terminal(self.chars[f - 1]) {
            return false;
        }
        let same = (1..=CUT_PHRASE)
            .take_while(|&m| m <= j && self.chars[j - m] == self.chars[f - m])
            .count();
        // Within one sentence: an echo from inside a word (`Sentenc` +
        // `e 0 found …. Sentence`) says a sentence's end and goes on. Past
        // a line end only inside a URL, where the cut's whole phrase stood
        // there too and the copy stays short (a list of links from one
        // template: `…/collections/bt` + `ree_map/struct.IntoKeys.html)`
        // and the next item's opening, then another item).
        let within = !self.sentence_ends_at(j + l) && !(0..l).any(|k| ends_sentence(s, k));
        // A link line cut a char or two in (`[詳` + `しく見る →](…/dp/` of
        // the line before, then another URL): the template says the cut
        // words whatever they are, from inside a word there too.
        let cut_in_word = same >= 1 && self.gap_before(j) == Gap::None;
        let template = (same == CUT_PHRASE || cut_in_word && markup_lines(s, 0..l))
            && self.cur.weight(0, l) < LONG_COPY
            && !self.sentence_ends_at(j + l)
            && s.keys.chars[..l].contains(&'/');
        // Cut inside a URL that a heading above says whole (`…amazon.co.j`
        // + `p/dp/4296…?tag=…)`, the book's heading link): the copy is that
        // one token, ending with its line there.
        let url = same == CUT_PHRASE && url_token(s, l);
        // A template's line cut inside a word (`The server that ke` + `eps
        // the shared counters …. |`, a table row every subcommand has):
        // the copy is the rest of that line, where the cut phrase stood
        // before too, and the input leaves it there (an echo from there
        // would go on with what followed).
        let k = s.keys;
        let line_rest = same == CUT_PHRASE
            && cut_in_word
            && self.sentence_ends_at(j + l)
            && (l == k.len() || s.text[k.end(l - 1)..k.pos[l]].contains('\n'))
            && (0..l - 1).all(|i| !s.text[k.end(i)..k.pos[i + 1]].contains('\n'));
        // The cut word's rest and its sentence's end, then a line of the
        // page's template (an image or link line, a listing's row), left
        // inside (`…这是它现在的样` + `子。` + `![](…/bg2022031101.webp)`,
        // where `…这是它以前的样子。` stood before over an image of the same
        // folder; `…i386, mip` + `s64el, …, s390x` + the next row's
        // `evince | 40.4-1 | experimental` and `-debug`): past the cut's
        // sentence the copy is the template, no evidence of an echo, and
        // the input's next sentence is not the one that follows there.
        let word_then_template = same >= 2
            && cut_in_word
            && !self.sentence_ends_at(j + l)
            && self.cur.weight(0, l) < LONG_COPY
            && (0..l).find(|&k| ends_sentence(s, k)).is_some_and(|m| {
                m + 1 < l && self.cur.weight(0, m + 1) < MIN_FRESH && markup_lines(s, m + 1..l)
            })
            && !self.next_sentences_alike(s, l, j + l);
        same >= 3 && within || template || url || line_rest || word_then_template
    }

    /// Do the input's next sentence after key `i` and the article's next
    /// after position `q` open alike ([`K_GRAM`] keys, within a bounded
    /// reach)? Then a copy that stopped before `i` and `q` was an echo
    /// with a slip, going on.
    fn next_sentences_alike(&self, s: &SegmentKeys<'_>, i: usize, q: usize) -> bool {
        const REACH: usize = 400;
        let Some(p) = (i + 1..s.keys.len().min(i + REACH)).find(|&k| self.cur.starts(k)) else {
            return false;
        };
        let to = self.frontier.min(q + REACH);
        let Some(r) = (q + 1..to).find(|&r| self.sentence_starts_at(r)) else {
            return false;
        };
        let k = K_GRAM.min(s.keys.len() - p).min(self.frontier - r);
        k > 0 && s.keys.chars[p..p + k] == self.chars[r..r + k]
    }

    /// Length of the copy of input `i..` that goes on with the main line
    /// after the insertions that start at article `p` (a main-line copy
    /// stopped there by them), if any.
    fn main_line_rest(&self, s: &SegmentKeys<'_>, i: usize, p: usize) -> usize {
        if p >= self.frontier || i >= s.keys.len() {
            return 0;
        }
        let mut q = p;
        // A few consecutive insertions at most.
        for _ in 0..8 {
            match self.insertion_at(q) {
                Some(ins) if ins.k.start == q => q = ins.k.end,
                _ => break,
            }
        }
        if q == p || q >= self.frontier || self.insertion_at(q).is_some() {
            return 0;
        }
        self.extend(&s.keys.chars, i, q)
    }

    /// Does the segment open with an edited copy of the article text before
    /// `j` (keys `0..i`, appended as new text), followed by this copy of
    /// weight [`MIN_FRESH`], as a segment opening with a copy would?
    fn edited_opening(&self, s: &SegmentKeys<'_>, i: usize, j: usize, l: usize) -> bool {
        i > 0
            && self.cur.weight(i, i + l) >= MIN_FRESH
            && matches!(
                self.edited_lead(s, i, j, l),
                Some((SpanKind::Variant, _, 0))
            )
    }

    /// Do the article's last 16 keys occur in the segment from input key
    /// `from` on (the segment reaches the cut it follows, further on)?
    fn catches_up_later(&self, s: &SegmentKeys<'_>, from: usize) -> bool {
        let k = (2 * K_GRAM).min(self.frontier);
        let tail = &self.chars[self.frontier - k..self.frontier];
        k > 0
            && s.keys
                .chars
                .get(from..)
                .is_some_and(|rest| rest.windows(k).any(|w| w == tail))
    }

    /// Does a copy at input `i` of article `j..j + l` end exactly at the
    /// cut this segment continues, with only the segment's own opening
    /// (at most 120 keys) appended after that cut? When that opening is an
    /// edited copy of the text before the copy, the segment is an echo.
    fn catches_up_with_cut(&self, s: &SegmentKeys<'_>, i: usize, j: usize, l: usize) -> bool {
        s.boundary
            && (1..=LEAD_KEYS).contains(&i)
            && j + l == self.seg_frontier
            && self.frontier == self.seg_frontier + i
            && self.frontier == self.chars.len()
    }

    /// Does input key `i` open a line right after a finished line (a
    /// heading, or ending a sentence) that the article's end holds, so the
    /// two were written together?
    fn after_finished_line(&self, s: &SegmentKeys<'_>, i: usize) -> bool {
        if i == 0
            || self.frontier == 0
            || self.src[self.frontier - 1]
                != (Source {
                    seg: s.seg as u32,
                    key: (i - 1) as u32,
                })
        {
            return false;
        }
        let k = s.keys;
        if !s.text[k.end(i - 1)..k.pos[i]].contains('\n') {
            return false;
        }
        let before = &s.text[..k.end(i - 1)];
        let line = before[before.rfind('\n').map_or(0, |p| p + 1)..].trim();
        line.starts_with('#') || line.ends_with(is_terminal)
    }

    fn record_copy(&mut self, s: &SegmentKeys<'_>, i: usize, j: usize, l: usize) {
        let mut kind = SpanKind::Repeat;
        if j + l <= self.frontier && self.more_structured(s, i, j, l) {
            for d in 0..l {
                self.src[j + d] = Source {
                    seg: s.seg as u32,
                    key: (i + d) as u32,
                };
                self.src_pos[j + d] = s.keys.pos[i + d] as u32;
            }
            kind = SpanKind::Reformat;
        }
        self.spans.push(Span {
            seg: s.seg,
            keys: i..i + l,
            kind,
            at: j,
        });
    }

    /// Does the input copy carry more line breaks than the article's copy?
    fn more_structured(&self, s: &SegmentKeys<'_>, i: usize, j: usize, l: usize) -> bool {
        if l < 2 {
            return false;
        }
        let input = newlines(s.text, s.keys, i, i + l);
        if input == 0 {
            return false;
        }
        let mut article = 0;
        let mut d = 0;
        while d + 1 < l {
            let (a, b) = (self.src[j + d], self.src[j + d + 1]);
            if a.seg != b.seg || a.key + 1 != b.key {
                article += 1; // a join counts as a break
            }
            d += 1;
        }
        // Compare within the article's own segments too.
        article += self.newlines_in_article(j, l);
        input > article
    }

    fn newlines_in_article(&self, j: usize, l: usize) -> usize {
        let mut total = 0;
        for d in 0..l.saturating_sub(1) {
            let (a, b) = (self.src[j + d], self.src[j + d + 1]);
            if a.seg == b.seg && a.key + 1 == b.key {
                total += usize::from(self.breaks[b.seg as usize][b.key as usize] == Gap::Break);
            }
        }
        total
    }

    fn append_new(&mut self, s: &SegmentKeys<'_>, i: usize) {
        let p = self.chars.len();
        self.push_char(s, i, false);
        self.frontier = self.chars.len();
        match self.spans.last_mut() {
            Some(last) if last.kind == SpanKind::New && last.seg == s.seg && last.keys.end == i => {
                last.keys.end = i + 1;
            }
            _ => self.spans.push(Span {
                seg: s.seg,
                keys: i..i + 1,
                kind: SpanKind::New,
                at: p,
            }),
        }
    }

    fn push_char(&mut self, s: &SegmentKeys<'_>, i: usize, inserted: bool) {
        self.chars.push(s.keys.chars[i]);
        if self.run.is_empty() || inserted != self.last_inserted || self.run_break {
            self.runs += 1;
            self.run_break = false;
        }
        self.last_inserted = inserted;
        self.run.push(self.runs);
        self.src.push(Source {
            seg: s.seg as u32,
            key: i as u32,
        });
        self.src_pos.push(s.keys.pos[i] as u32);
        let n = self.chars.len();
        if n >= K_GRAM {
            let start = n - K_GRAM;
            self.index.push(hash(&self.chars[start..n]), start);
        }
    }

    /// Settles an echo region sentence by sentence: a sentence mostly
    /// covered by copies (or similar to the article text it stands for) is a
    /// re-emission, its uncovered chars variants; any other sentence is kept
    /// whole, as an insertion after the article sentence the echo had reached.
    /// Text running past the article's end after an edited cut is new text.
    fn settle(&mut self, s: &SegmentKeys<'_>, r: Region, end: usize) {
        if r.amid_new_text
            && self.copied_weight(&r) < SHORT_REPEAT
            && (s.original
                || r.copies.iter().all(|&(i, _, l)| markup_lines(s, i..i + l))
                || r.copies
                    .iter()
                    .all(|&(i, j, _)| self.heading_names_link(s, i, j)))
        {
            for i in r.start..end {
                self.append_new(s, i);
            }
            return;
        }
        if r.opening && self.weak_opening(&r, end) {
            for i in r.start..end {
                self.append_new(s, i);
            }
            return;
        }
        let mut cov: Vec<Option<usize>> = vec![None; end - r.start];
        for &(i, j, l) in &r.copies {
            for d in 0..l {
                cov[i + d - r.start] = Some(j + d);
            }
        }
        let mut settle_end = end;
        if let Some(&(i, j, l)) = r.copies.last()
            && let Some(new_from) = self.past_frontier(s, i + l, j + l, end)
        {
            let ke = j + l;
            for d in 0..new_from - (i + l) {
                cov[i + l + d - r.start] = Some((ke + d).min(self.frontier.saturating_sub(1)));
            }
            settle_end = new_from;
        } else if let Some(&(i, j, l)) = r.copies.iter().max_by_key(|&&(_, j, l)| j + l)
            && let Some(past) = self.leaves_out_the_cut_sentence(j + l)
            && past < l
            && end.saturating_sub(i + l) > self.frontier - (j + l) + TEMPLATE_GAP
        {
            // The echo got no further than the stop before the article's
            // last sentence, cut and stop-less over however many lines
            // (`[Symbol.` + `iterator]()\`` + `* Returns: {Iterator}` +
            // `Returns an ES6 \`Iterator\` over each of the name-value
            // pairs`), and went on with other words (`in the query
            // string.` …): it left that sentence out and went on from its
            // cut. What follows is new text at the article's end, however
            // many of its sentences an earlier entry says too.
            settle_end = i + l - past;
        } else if let Some(&(i, _, l)) = r.copies.last()
            && r.amid_new_text
            && self.copied_weight(&r) < SHORT_REPEAT
        {
            // A few sentences repeated in the middle of new text (the model,
            // or the author, quoting itself): what follows them is new text
            // at the article's end, not an edit of the place they quote.
            settle_end = (i + l..end).find(|&k| self.cur.starts(k)).unwrap_or(end);
        }
        // Text past the article's end is new either way: the region up to
        // it decides.
        if self.template_like(s, &r, &cov, settle_end) {
            for i in r.start..end {
                self.append_new(s, i);
            }
            return;
        }
        let mut a = r.start;
        let mut last_k = r.expected;
        let mut keep: Option<(Range<usize>, usize)> = None;
        while a < settle_end {
            let mut b = a + 1;
            while b < settle_end && !self.cur.ends_before(b) {
                b += 1;
            }
            let c = &cov[a - r.start..b - r.start];
            if let Some(j) = self.cut_echo_tail(s, a..b, c, last_k) {
                // The echo cut a few chars into the sentence it had reached
                // (`… works. Wi` before `With …`): too short to seed a copy,
                // but the article says exactly that there.
                if let Some((range, anchor)) = keep.take() {
                    self.insert(s, range, anchor);
                }
                self.record_copy(s, a, j, b - a);
                last_k = j + (b - a);
            } else if self.is_reemission(s, a..b, c, last_k) {
                if let Some((range, anchor)) = keep.take() {
                    self.insert(s, range, anchor);
                }
                match self.completes_cut(s, a, c) {
                    // The copy ends where the article's text was cut: the
                    // rest of the sentence completes it (the complete
                    // sentence over its cut-off prefix), kept there.
                    Some(t) => {
                        self.record_runs(s, a, &c[..t], &mut last_k);
                        keep = Some((a + t..b, last_k));
                    }
                    None => self.record_runs(s, a, c, &mut last_k),
                }
            } else if let Some(t) = self.completes_inserted_cut(c) {
                // Mostly new, but it opens with the end of a sentence cut at
                // the end of text kept as an insertion: the rest completes
                // it there (laid out right after the cut).
                if let Some((range, anchor)) = keep.take() {
                    self.insert(s, range, anchor);
                }
                self.record_runs(s, a, &c[..t], &mut last_k);
                keep = Some((a + t..b, last_k));
            } else if let Some(j) = self.find_whole(&s.keys.chars[a..b]) {
                // Kept before (an earlier answer's variant): a repeat of it.
                if let Some((range, anchor)) = keep.take() {
                    self.insert(s, range, anchor);
                }
                self.record_copy(s, a, j, b - a);
            } else if let Some(join) = self.known_join(&s.keys.chars[a..b]) {
                // Two known sentences said as one (`X.` and `Y.` as `X, and
                // Y.`): nothing in it is new but the joint.
                if let Some((range, anchor)) = keep.take() {
                    self.insert(s, range, anchor);
                }
                let (head, tail) = (join.head.len(), join.tail.len());
                self.record_copy(s, a, join.head.start, head);
                if a + head < b - tail {
                    self.spans.push(Span {
                        seg: s.seg,
                        keys: a + head..b - tail,
                        kind: SpanKind::Variant,
                        at: join.head.end,
                    });
                }
                self.record_copy(s, b - tail, join.tail.start, tail);
            } else if b == settle_end
                && settle_end < end
                && let Some(d) = self.edited_cut(s, &s.keys.chars[a..b])
            {
                // The article's last sentence, cut, said again with two
                // letters swapped and going on past the cut (`Не
                // используйте пе` / `Не используйет первое лицо`): the
                // cut said again, a variant, and its rest goes on from the
                // cut.
                if let Some((range, anchor)) = keep.take() {
                    self.insert(s, range, anchor);
                }
                let n = d.len();
                self.spans.push(Span {
                    seg: s.seg,
                    keys: a..a + n,
                    kind: SpanKind::Variant,
                    at: d.start,
                });
                for k in a + n..b {
                    self.append_new(s, k);
                }
            } else {
                let anchor = match &keep {
                    Some((_, anchor)) => *anchor,
                    None => self.sentence_start_after(last_k),
                };
                match self.variant_at(s, &s.keys.chars[a..b], last_k, anchor) {
                    // The fuller variant of a sentence kept there before
                    // (`X.` then `So, X.`; `X.` then `X, and Y.`): this one
                    // replaces it.
                    Some(Variant::Fuller(d)) => self.supersede(d),
                    // Another draft's wording of a sentence kept there, no
                    // fuller: the first stays, this one is a variant.
                    Some(Variant::Edited(d)) => {
                        if let Some((range, anchor)) = keep.take() {
                            self.insert(s, range, anchor);
                        }
                        self.spans.push(Span {
                            seg: s.seg,
                            keys: a..b,
                            kind: SpanKind::Variant,
                            at: d.start,
                        });
                        a = b;
                        continue;
                    }
                    None => {}
                }
                keep = match keep {
                    Some((range, anchor)) => Some((range.start..b, anchor)),
                    None => Some((a..b, anchor)),
                };
            }
            a = b;
        }
        if let Some((range, anchor)) = keep.take() {
            self.insert(s, range, anchor);
        }
        for i in settle_end..end {
            self.append_new(s, i);
        }
    }

    /// Is the echo region `r` the author's template filled in again:
    /// sections that open alike and differ in their names (`That is,
    /// dependencies that point to a local tarball file …` / `… to a git
    /// repository …`)? Its copies say the article out of its order (less
    /// than [`ORDER_SHARE`] of their weight in one forward chain: each
    /// section copies lines of the sections before it); or two or more of
    /// its sentences say nothing the article has, a quarter of its weight
    /// or more: a model saying known text again edits it lightly, the
    /// variants are alike (Node's `dnsPromises` functions say the `dns`
    /// ones' sentences again, each with a sentence of its own). In a
    /// spaced script (Latin, Cyrillic): Japanese answers rewrite what they
    /// say again, in their own order, and a restart there is the model's.
    fn template_like(
        &self,
        s: &SegmentKeys<'_>,
        r: &Region,
        cov: &[Option<usize>],
        end: usize,
    ) -> bool {
        let spaced = s.keys.chars[r.start..end]
            .iter()
            .filter(|&&c| is_spaced_script(c))
            .count();
        if spaced * 10 < (end - r.start) * 9 {
            return false;
        }
        if self.in_order_share(r, end) < ORDER_SHARE {
            return true;
        }
        let (mut a, mut last_k) = (r.start, r.expected);
        let (mut fresh, mut fresh_w) = (0, 0.0);
        let (mut sentences, mut other) = (0, 0);
        let opening_echo = r.opening && !self.opens_with_cut_phrase(r);
        while a < end {
            let mut b = a + 1;
            while b < end && !self.cur.ends_before(b) {
                b += 1;
            }
            let c = &cov[a - r.start..b - r.start];
            let chars = &s.keys.chars[a..b];
            // An echo's edit leaves the sentence all there, with a piece
            // left out or a slip: a template's names are words not there.
            let window = &self.chars[last_k.min(self.chars.len())
                ..(last_k + 2 * chars.len() + 40).min(self.chars.len())];
            // Past the segment's opening (an answer that went on at the
            // article's end first), or from an opening that goes on from
            // the cut as an earlier place did from the same words
            // (`memakai \`vi` + `m\` dengan yang berikut.` and the next
            // example), a sentence saying a word the text it stands for
            // does not, not even with two letters swapped (an echo's
            // slip), is a template's: `… from urls` for `… from tarball
            // files`, `eucJP ju-file.txt` for `latin2 pu-file.txt`. (A
            // restart opens its answer from the title or a sentence start,
            // and may reword.)
            let other_words = !opening_echo && self.says_other_words(s, a..b, c, last_k);
            sentences += 1;
            other += usize::from(other_words);
            // Amid new text, a region opening with a heading that names
            // what the heading it stands for does not (`## \`after([fn][,
            // options])\`` over `## \`before(…)\``) is the next section
            // of the template, however alike its body: an echo says the
            // heading again as it was, a slip aside.
            if a == r.start
                && r.amid_new_text
                && other_words
                && line_start(s, a)
                && crate::clean::is_heading(line_at(s.text, s.keys.pos[a]))
            {
                return true;
            }
            if (self.is_reemission(s, a..b, c, last_k)
                || self.find_whole(chars).is_some()
                || contained(chars, window, SAME_SENTENCE))
                && !other_words
            {
                if let Some(&j) = c.iter().flatten().last() {
                    last_k = j + 1;
                }
            } else {
                fresh += 1;
                fresh_w += self.cur.weight(a, b);
            }
            a = b;
        }
        // Amid new text, a sentence or two each saying a word the text
        // they stand for does not (`… "\`yyerror()\`"-Funktionen …` under
        // `bison`, written after `flex`'s `… "\`yywrap()\`"-Funktionen …`):
        // the template's, however short.
        if r.amid_new_text && sentences > 0 && other == sentences {
            return true;
        }
        fresh >= 2 && fresh_w >= 0.25 * self.cur.weight(r.start, end)
    }

    /// Does echo region `r` open its segment with a copy of a place that
    /// the article's cut words ([`CUT_PHRASE`] keys) stand before, as
    /// they stand at the segment's start?
    fn opens_with_cut_phrase(&self, r: &Region) -> bool {
        let f = self.seg_frontier;
        let Some(&(0, j, _)) = r.copies.first() else {
            return false;
        };
        j >= CUT_PHRASE
            && f >= CUT_PHRASE
            && j < f
            && self.chars[j - CUT_PHRASE..j] == self.chars[f - CUT_PHRASE..f]
    }

    /// Does input sentence `run` (covered by `cov`, the echo at `last_k`)
    /// hold a word of three letters or more that the article text it
    /// stands for (40 keys around its copies) does not say, not even with
    /// two neighbouring letters swapped (an echo's slip: `wihle`)?
    fn says_other_words(
        &self,
        s: &SegmentKeys<'_>,
        run: Range<usize>,
        cov: &[Option<usize>],
        last_k: usize,
    ) -> bool {
        let lo = cov.iter().flatten().min().copied().unwrap_or(last_k);
        let hi = cov
            .iter()
            .flatten()
            .max()
            .map_or(last_k + run.len(), |&j| j + 1);
        let n = self.chars.len();
        let window = &self.chars[lo.saturating_sub(40).min(n)..(hi + 40).min(n)];
        let says = |w: &[char]| window.windows(w.len()).any(|x| x == w);
        let text = &s.text[s.keys.pos[run.start]..s.keys.end(run.end - 1)];
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
            .any(|w| {
                let k: Vec<char> = w.chars().map(|c| c.to_ascii_lowercase()).collect();
                !says(&k)
                    && !(0..k.len() - 1).any(|i| {
                        let mut t = k.clone();
                        t.swap(i, i + 1);
                        says(&t)
                    })
            })
    }

    /// The share of echo region `r`'s copied weight that says the article
    /// in its order (the heaviest chain of copies going forward): an echo
    /// says one stretch of the article again in its order, past a stray
    /// anchor or two; the sections of a template filled in again (a
    /// manual's `#### Synopsis`, `#### Flags` and option rows under each
    /// subcommand) copy lines from all over it. The first
    /// [`ORDER_COPIES`] copies before input key `end` tell (bounded work:
    /// what runs past the article's end is new text either way).
    fn in_order_share(&self, r: &Region, end: usize) -> f32 {
        let copies: Vec<(usize, f32)> = r
            .copies
            .iter()
            .filter(|&&(i, _, _)| i < end)
            .take(ORDER_COPIES)
            .map(|&(i, j, l)| (j, self.cur.weight(i, i + l)))
            .collect();
        let total: f32 = copies.iter().map(|c| c.1).sum();
        let mut best = vec![0.0f32; copies.len()];
        for (n, &(j, w)) in copies.iter().enumerate() {
            best[n] = w
                + (0..n)
                    .filter(|&m| copies[m].0 <= j)
                    .map(|m| best[m])
                    .fold(0.0, f32::max);
        }
        let chain = best.iter().copied().fold(0.0, f32::max);
        if total > 0.0 { chain / total } else { 1.0 }
    }

    /// Is the uncovered sentence `run`, which ends the segment (a cut), the
    /// first chars of the article's text where the echo had reached
    /// (`last_k`), or of the sentence after it (the echo left one out)?
    /// Too short to seed a copy, but said there. Returns where.
    fn cut_echo_tail(
        &self,
        s: &SegmentKeys<'_>,
        run: Range<usize>,
        cov: &[Option<usize>],
        last_k: usize,
    ) -> Option<usize> {
        if run.end < s.keys.len() || cov.iter().any(Option::is_some) || last_k >= self.frontier {
            return None;
        }
        let chars = &s.keys.chars[run];
        let said = |j: usize| self.chars[j..self.frontier].starts_with(chars);
        [last_k, self.sentence_start_after(last_k + 1)]
            .into_iter()
            .find(|&j| said(j))
    }

    /// Does the re-emitted sentence at input key `a` (coverage `cov`) copy
    /// article text up to a cut, then go on uncovered? Returns how many of
    /// its keys the copy spans. A cut: the copied article char is the last
    /// of its segment's text there and ends no sentence.
    fn completes_cut(&self, s: &SegmentKeys<'_>, a: usize, cov: &[Option<usize>]) -> Option<usize> {
        let t = cov.iter().rposition(Option::is_some)? + 1;
        if t == cov.len() {
            return None;
        }
        let k = cov[t - 1]?;
        let cut = self.chars.get(k) == Some(&s.keys.chars[a + t - 1])
            && k + 1 < self.chars.len()
            && self.src[k + 1].seg != self.src[k].seg
            && !is_terminal(self.chars[k]);
        cut.then_some(t)
    }

    /// [`Article::completes_cut`] for a cut that ends an insertion: the
    /// sentence's coverage `cov` opens with a full copy of article text that
    /// ends its segment and an insertion, and nothing completes it yet.
    fn completes_inserted_cut(&self, cov: &[Option<usize>]) -> Option<usize> {
        let t = cov.iter().position(Option::is_none)?;
        if t < 2 || cov[t..].iter().any(Option::is_some) {
            return None;
        }
        let k = cov[t - 1]?;
        let from = cov[0]?;
        let src = *self.src.get(k)?;
        let ends_segment = self
            .breaks
            .get(src.seg as usize)
            .is_some_and(|b| b.len() == src.key as usize + 1);
        let recent = || self.insertions.iter().rev().take(64);
        let inserted = recent().any(|ins| ins.k.end == k + 1 && ins.k.start <= from)
            && !recent().any(|ins| ins.anchor == k + 1);
        (ends_segment && inserted && from + t == k + 1 && !is_terminal(self.chars[k])).then_some(t)
    }

    /// Is input key `i` on a heading line whose copy at article `j` sits on
    /// a link line (a table of contents)? A section heading named like its
    /// entry in the contents is the author's, not a re-emission.
    fn heading_names_link(&self, s: &SegmentKeys<'_>, i: usize, j: usize) -> bool {
        let Some(&at) = self.src_pos.get(j) else {
            return false;
        };
        let heading = line_at(s.text, s.keys.pos[i]);
        let link = line_at(s.text, at as usize);
        heading.starts_with('#') && !link.starts_with('#') && link.contains("](#")
    }

    /// Does an echo region that opens a segment rest on one light anchor
    /// (a templated link or image line matching an earlier one up to a
    /// digit) followed by a long run that matches nothing? Then the segment
    /// is new text continuing the article, not an edited echo.
    fn weak_opening(&self, r: &Region, end: usize) -> bool {
        let Some(&(i, _, l)) = r.copies.last() else {
            return false;
        };
        let copied = self.copied_weight(r);
        copied < ECHO_RUN
            && !self.cur.ends_before(i + l)
            && self.cur.weight(i + l, end) >= LONG_COPY.max(3.0 * copied)
    }

    /// After an echo's last copy (ending at input `ce`, article `ke`), does
    /// the input go on with an edited version of the article's remaining
    /// text `ke..frontier` and then past it? Returns where the new text
    /// starts. The two are aligned with a bounded diff.
    fn past_frontier(
        &self,
        s: &SegmentKeys<'_>,
        ce: usize,
        ke: usize,
        end: usize,
    ) -> Option<usize> {
        if ce >= end || ke > self.frontier || self.frontier - ke > 400 {
            return None;
        }
        let known = &self.chars[ke..self.frontier];
        // A cut word of a few chars comes back edited at once (`lay` /
        // `alyout`), or not at all: look only that far for it.
        let reach = if known.len() < 12 { 4 } else { 64 };
        let window = &s.keys.chars[ce..end.min(ce + known.len() + reach)];
        if end - ce <= known.len() + 8 {
            return None;
        }
        if known.is_empty() {
            return Some(ce);
        }
        // Map the end of `known` to a position in `window`: just after the
        // last window char matched to a known char.
        let mut matched = 0;
        let mut to = 0;
        for op in &char_diff(known, window) {
            if let similar::DiffOp::Equal { new_index, len, .. } = *op {
                matched += len;
                to = new_index + len;
            }
        }
        // Too little of the known text came back: the echo dropped or
        // rewrote its last sentence and went straight on with new text.
        // An edited copy is about as long as the text it copies and mostly
        // matches it: chars matched here and there across a longer window
        // are chance (new text sharing common letters), not a copy.
        let enough = known.len() < 12
            || (matched * 2 >= known.len()
                && to <= known.len() + known.len() / 4 + 8
                && matched * 10 >= to * 6);
        let from = match (enough, known.len() <= 60) {
            (true, _) => ce + to,
            (false, true) => ce,
            // A whole paragraph not echoed: the echo diverged, not a cut.
            (false, false) => return None,
        };
        (from < end).then_some(from)
    }

    fn is_reemission(
        &self,
        s: &SegmentKeys<'_>,
        run: Range<usize>,
        cov: &[Option<usize>],
        last_k: usize,
    ) -> bool {
        let chars = &s.keys.chars[run.clone()];
        let n = cov.len();
        // A sentence's stop covered alone, after uncovered chars, belongs
        // to the next copy (`…后是台手动通过的` + `。</ins>…`): it says
        // nothing about where this sentence is.
        let lone_stop =
            n >= 2 && cov[n - 1].is_some() && cov[n - 2].is_none() && is_terminal(chars[n - 1]);
        let cov = if lone_stop { &cov[..n - 1] } else { cov };
        let covered: Vec<usize> = cov.iter().flatten().copied().collect();
        let (Some(&first), Some(&last)) = (covered.first(), covered.last()) else {
            let to = (last_k + n + 16).min(self.chars.len());
            let known = &self.chars[last_k.min(to)..to];
            // Alike, or all there with a piece left out (an echo that
            // dropped part of a line: `!beekka.com/…` for `![](https://
            // cdn.beekka.com/…`): nothing in it is new.
            return similar_at_least(chars, known, SAME_SENTENCE)
                || (n >= 12 && contained(chars, known, CONTAINED));
        };
        let lead = cov.iter().position(Option::is_some).unwrap_or(0);
        let tail = n - 1 - cov.iter().rposition(Option::is_some).unwrap_or(n - 1);
        let from = first.saturating_sub(lead);
        let to = (last + 1 + tail).min(self.chars.len()).max(from);
        let monotone = covered.windows(2).all(|w| w[1] > w[0]);
        let tolerance = 3 + n / 20;
        // Every char found, in order: a re-emission (the article may have
        // more, when the echo dropped a sentence).
        if monotone && n - covered.len() <= tolerance && to - from + tolerance >= n {
            return true;
        }
        let lit_w: f32 = chars
            .iter()
            .zip(cov)
            .filter(|(_, c)| c.is_none())
            .map(|(&ch, _)| weight(ch))
            .sum();
        if monotone && lit_w < TINY_VARIANT && (to - from).abs_diff(n) <= tolerance {
            return true;
        }
        // A connective put before a known sentence (`もちろん、` + the
        // sentence, `And, ` + the sentence): the rest is all there, in one
        // piece.
        let connective = lead > 0
            && is_connective(&chars[..lead])
            && cov[lead..].iter().all(Option::is_some)
            && monotone
            && last + 1 == first + (n - lead)
            && n - lead >= 2 * lead;
        if connective {
            return true;
        }
        // Alike, or all there with a piece left out and a slip or two
        // (`[微增长时代](http://www.runayifeng.html)` for the line whose
        // URL went on `…ruanyifeng.com/blog/…`).
        // Past its last copy, the piece left out may stand before the
        // rest (a mashed row: `…/g/g++.` + `debian.org/…libstdc++-10-dev)
        // …` of the row after, the text between left out): look that far.
        let reach = if tail > 0 {
            (to + n).min(self.chars.len())
        } else {
            to
        };
        similar_at_least(chars, &self.chars[from..to], SAME_SENTENCE)
            || n >= 12 && contained(chars, &self.chars[from..reach], CONTAINED)
    }

    /// Records the copied runs of a re-emitted sentence as repeats and its
    /// uncovered chars as variants.
    fn record_runs(
        &mut self,
        s: &SegmentKeys<'_>,
        a: usize,
        cov: &[Option<usize>],
        last_k: &mut usize,
    ) {
        // A covered char counts as copied only if it really equals the
        // article char it maps to (edited cuts are mapped approximately).
        let copied = |d: usize, this: &Self| {
            cov[d].filter(|&k| this.chars.get(k) == Some(&s.keys.chars[a + d]))
        };
        let mut d = 0;
        while d < cov.len() {
            let mut e = d + 1;
            match copied(d, self) {
                Some(j) => {
                    while e < cov.len() && copied(e, self) == Some(j + (e - d)) {
                        e += 1;
                    }
                    self.record_copy(s, a + d, j, e - d);
                    *last_k = j + (e - d);
                }
                None => {
                    while e < cov.len() && copied(e, self).is_none() {
                        e += 1;
                    }
                    self.spans.push(Span {
                        seg: s.seg,
                        keys: a + d..a + e,
                        kind: SpanKind::Variant,
                        at: *last_k,
                    });
                }
            }
            d = e;
        }
    }

    /// What the new sentence `chars` is to a sentence an earlier segment
    /// kept where it is laid out (the main-line sentence right before or
    /// after `anchor`, or ending where the echo's last copy ended, or one of
    /// an insertion anchored there), if anything:
    ///
    /// - [`Variant::Fuller`]: it says that sentence whole and more, all of
    ///   it in order, words added before, inside or after it (`X.` then `X,
    ///   and Y.`, `So, X.`, `X with Y.`; a comma or two may be left out).
    ///   That sentence must weigh [`MIN_COPY`] (a heading or a short phrase
    ///   is not replaced by a sentence that starts with its words), and the
    ///   new one must say [`FULLER_BY`] more.
    /// - [`Variant::Edited`]: no fuller, it says one of them again with a
    ///   few words changed (similar at [`EDITED_SAME`]).
    ///
    /// Only sentences ending with a stop count. A few are compared, each on
    /// a bounded window; a fuller one anywhere wins over an edited one.
    fn variant_at(
        &self,
        s: &SegmentKeys<'_>,
        chars: &[char],
        last_k: usize,
        anchor: usize,
    ) -> Option<Variant> {
        let n = chars.len();
        if !(2 * K_GRAM..=DIFF_WINDOW).contains(&n) {
            return None;
        }
        let near: Vec<Range<usize>> = self
            .sentences_near(last_k, anchor)
            .into_iter()
            .filter(|d| {
                is_terminal(self.chars[d.end - 1])
                    && !d.clone().any(|q| self.is_hidden(q))
                    // Drafts disagreeing: one answer saying both is the
                    // author's.
                    && d.clone().all(|q| self.src[q].seg as usize != s.seg)
            })
            .collect();
        let fuller = |d: &Range<usize>| {
            let dk = &self.chars[d.clone()];
            if dk.len() < 12
                || dk.len() >= n
                || weight_of(dk) < MIN_COPY
                || weight_of(chars) - weight_of(dk) < FULLER_BY
            {
                return false;
            }
            let p = chars.iter().zip(dk).take_while(|(a, b)| a == b).count();
            let q = chars[p..]
                .iter()
                .rev()
                .zip(dk[p..].iter().rev())
                .take_while(|(a, b)| a == b)
                .count();
            p + q == dk.len() || contained(dk, chars, CONTAINED)
        };
        // Alike at 85% needs lengths within a quarter or so. In a spaced
        // script, an echo's edits are slips (two letters swapped) and
        // pieces left out: a sentence saying other words is a template's
        // (`The \`lines.openSync()\` method creates …` under the entry
        // after `The \`lines.open()\` method creates …`), kept. (Japanese
        // restarts reword.)
        let spaced_script = chars.iter().all(|&c| is_spaced_script(c));
        let edited = |d: &Range<usize>| {
            n >= 24
                && d.len() >= 24
                && 4 * d.len() >= 3 * n
                && 4 * n >= 3 * d.len()
                && similar_at_least(chars, &self.chars[d.clone()], EDITED_SAME)
                && (!spaced_script || only_slips(&self.chars[d.clone()], chars))
        };
        if let Some(d) = near.iter().find(|d| fuller(d)) {
            return Some(Variant::Fuller(d.clone()));
        }
        near.into_iter().find(|d| edited(d)).map(Variant::Edited)
    }

    /// The sentences laid out next to a sentence kept before `anchor`: the
    /// main line's around `anchor` and ending at `last_k` (or the
    /// insertion's sentence starting at `anchor`), and those of the recent
    /// insertions anchored there (bounded).
    fn sentences_near(&self, last_k: usize, anchor: usize) -> Vec<Range<usize>> {
        const REACH: usize = 600;
        let mut out = Vec::new();
        let main =
            |q: usize| q <= self.frontier && self.insertion_at(q.saturating_sub(1)).is_none();
        for end in [anchor, last_k] {
            if end > 0 && main(end) && self.sentence_ends_at(end) {
                let from = end.saturating_sub(REACH);
                if let Some(st) = (from..end - 1).rev().find(|&q| self.sentence_starts_at(q))
                    && self.run[st] == self.run[end - 1]
                {
                    out.push(st..end);
                }
            }
        }
        if anchor < self.frontier && main(anchor + 1) && self.sentence_starts_at(anchor) {
            let to = self.frontier.min(anchor + REACH);
            if let Some(e) = (anchor + 1..=to).find(|&q| self.sentence_ends_at(q))
                && self.run[anchor] == self.run[e - 1]
            {
                out.push(anchor..e);
            }
        } else if let Some(ins) = self.insertion_at(anchor)
            && self.sentence_starts_at(anchor)
        {
            // Anchored before a sentence of an insertion (an earlier
            // answer's, kept there).
            out.push(anchor..self.insertion_sentence_end(ins, anchor, anchor + REACH));
        }
        // Each may cost a bounded diff or two: a few at most.
        const MAX_NEAR: usize = 6;
        let mut budget = 4 * REACH;
        for ins in self.insertions.iter().rev().take(64) {
            if ins.anchor != anchor {
                continue;
            }
            let mut st = ins.k.start;
            while st < ins.k.end && budget > 0 && out.len() < MAX_NEAR {
                let e = self.insertion_sentence_end(ins, st, ins.k.end);
                budget = budget.saturating_sub(e - st);
                out.push(st..e);
                st = e;
            }
        }
        out
    }

    /// Where the sentence of insertion `ins` starting at `st` ends: after
    /// its stop, or where the insertion ends (`to` at most).
    fn insertion_sentence_end(&self, ins: &Insertion, st: usize, to: usize) -> usize {
        let to = to.min(ins.k.end);
        (st + 1..=to)
            .find(|&q| {
                q == ins.k.end || (is_terminal(self.chars[q - 1]) && self.sentence_ends_at(q))
            })
            .unwrap_or(to)
    }

    /// Is the sentence `chars` two known ones said as one: the opening of a
    /// sentence of the article (all of it but its stop), a joint lighter
    /// than [`TINY_VARIANT`] (`し、`, `, and`), and another whole sentence
    /// of the article? Their article positions.
    fn known_join(&self, chars: &[char]) -> Option<KnownJoin> {
        let n = chars.len();
        if n < 3 * K_GRAM {
            return None;
        }
        for j in self.index.positions(hash(&chars[..K_GRAM])) {
            let l = chars
                .iter()
                .zip(&self.chars[j..])
                .take_while(|(a, b)| a == b)
                .count();
            // The head is a whole sentence up to its stop.
            let stop = self.chars.get(j + l).is_some_and(|&c| is_terminal(c))
                && self.sentence_ends_at(j + l + 1);
            if l < 12 || l + K_GRAM > n || !stop || !self.sentence_starts_at(j) {
                continue;
            }
            let mut joint = 0.0;
            for t in l..n - K_GRAM {
                if t > l {
                    joint += weight(chars[t - 1]);
                }
                if joint >= TINY_VARIANT {
                    break;
                }
                let rest = &chars[t..];
                if weight_of(rest) < MIN_COPY || !is_terminal(rest[rest.len() - 1]) {
                    continue;
                }
                if let Some(r) = self.find_whole(rest)
                    && self.sentence_starts_at(r)
                    && self.sentence_ends_at(r + rest.len())
                {
                    return Some(KnownJoin {
                        head: j..j + l,
                        tail: r..r + rest.len(),
                    });
                }
            }
        }
        None
    }

    /// Was article position `q` replaced by a fuller variant (not laid
    /// out)?
    pub fn is_hidden(&self, q: usize) -> bool {
        self.hidden_mask.get(q) == Some(&true)
    }

    /// The insertion holding article position `q`, if any.
    fn insertion_at(&self, q: usize) -> Option<&Insertion> {
        let x = self
            .insertions
            .partition_point(|i| i.k.start <= q)
            .checked_sub(1)?;
        let ins = &self.insertions[x];
        (q < ins.k.end).then_some(ins)
    }

    /// Does article position `q` start a sentence, a line or an insertion?
    fn sentence_starts_at(&self, q: usize) -> bool {
        q == 0
            || self.insertion_at(q).is_some_and(|ins| ins.k.start == q)
            || (q < self.chars.len() && self.starts_after_stop(q))
    }

    /// Does the sentence ending before article position `q` end there (a
    /// stop or a line break follows, or its run of text ends)?
    fn sentence_ends_at(&self, q: usize) -> bool {
        q == self.frontier
            || q == self.chars.len()
            || self.insertion_at(q - 1).is_some_and(|ins| ins.k.end == q)
            || self.starts_after_stop(q)
    }

    /// Does article position `q` (> 0) follow a sentence end or a line
    /// break?
    fn starts_after_stop(&self, q: usize) -> bool {
        let prev = self.chars[q - 1];
        // `<!--` opens an HTML comment, it ends nothing.
        let comment = prev == '!' && q >= 2 && self.chars[q - 2] == '<';
        let ends =
            is_terminal(prev) && !comment && (!prev.is_ascii() || self.gap_before(q) != Gap::None);
        ends || self.break_before(q)
    }

    /// Stops laying out the sentence at article positions `d` (a fuller
    /// variant of it is kept): its input keys are reported as a variant.
    /// Nothing happens unless every key of it is found in a decision that
    /// kept it.
    fn supersede(&mut self, d: Range<usize>) {
        // The kept input runs that laid the sentence out.
        let mut runs: Vec<(usize, Range<usize>)> = Vec::new();
        for q in d.clone() {
            let Source { seg, key } = self.src[q];
            let (seg, key) = (seg as usize, key as usize);
            match runs.last_mut() {
                Some((s, r)) if *s == seg && r.end == key => r.end += 1,
                _ => runs.push((seg, key..key + 1)),
            }
        }
        let mut found = Vec::with_capacity(runs.len());
        for (seg, r) in &runs {
            let Some(x) = self.spans.iter().rposition(|s| {
                s.seg == *seg
                    && matches!(s.kind, SpanKind::New | SpanKind::Unsure)
                    && s.keys.start <= r.start
                    && r.end <= s.keys.end
            }) else {
                return;
            };
            found.push(x);
        }
        // Split each decision around the run (from the last, so earlier
        // indices stay valid).
        let mut order: Vec<(usize, Range<usize>)> = found
            .into_iter()
            .zip(runs.into_iter().map(|(_, r)| r))
            .collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.start.cmp(&a.1.start)));
        for (x, r) in order {
            let span = self.spans[x].clone();
            let mut parts = Vec::with_capacity(3);
            if span.keys.start < r.start {
                parts.push(Span {
                    keys: span.keys.start..r.start,
                    ..span.clone()
                });
            }
            parts.push(Span {
                keys: r.clone(),
                kind: SpanKind::Variant,
                at: d.start,
                ..span.clone()
            });
            if r.end < span.keys.end {
                parts.push(Span {
                    keys: r.end..span.keys.end,
                    ..span
                });
            }
            self.spans.splice(x..x + 1, parts);
        }
        if self.hidden_mask.len() < d.end {
            self.hidden_mask.resize(self.chars.len().max(d.end), false);
        }
        self.hidden_mask[d.clone()].fill(true);
        self.hidden.push(d);
    }

    /// The first article position at or after `p` that starts a sentence or
    /// a line (bounded look-ahead).
    fn sentence_start_after(&self, p: usize) -> usize {
        let starts = |q: usize| self.starts_after_stop(q);
        let limit = self.frontier.min(p + 600);
        if let Some(q) = (p.max(1)..limit).find(|&q| starts(q)) {
            return q;
        }
        if limit == self.frontier {
            return self.frontier;
        }
        // No sentence start ahead: the one behind, never mid-word.
        (p.saturating_sub(600).max(1)..p.min(self.chars.len()))
            .rev()
            .find(|&q| starts(q))
            .unwrap_or(p)
    }

    fn break_before(&self, q: usize) -> bool {
        self.gap_before(q) == Gap::Break
    }

    /// What separated article char `q` from the key before it in its source.
    fn gap_before(&self, q: usize) -> Gap {
        let src = self.src[q];
        self.breaks
            .get(src.seg as usize)
            .and_then(|b| b.get(src.key as usize))
            .copied()
            .unwrap_or(Gap::None)
    }

    /// Keeps input keys `run` as an insertion laid out before `anchor`.
    fn insert(&mut self, s: &SegmentKeys<'_>, run: Range<usize>, anchor: usize) {
        let start = self.chars.len();
        self.run_break = true;
        for i in run.clone() {
            self.push_char(s, i, true);
        }
        self.insertions.push(Insertion {
            k: start..self.chars.len(),
            anchor,
        });
        self.spans.push(Span {
            seg: s.seg,
            keys: run,
            kind: SpanKind::Unsure,
            at: anchor,
        });
    }
}

/// The line of `text` holding byte `at`, without its indentation.
fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    text[start..end].trim_start()
}

/// Are the lines holding input keys `run` all markup or code (list items,
/// link lines, table rows, HTML, quotes, fenced code)? Such lines repeat in
/// real documents; a short repeat of them amid new text is the author's.
fn markup_lines(s: &SegmentKeys<'_>, run: Range<usize>) -> bool {
    if run.is_empty() {
        return false;
    }
    let Range { start, end } = run_lines(s, run);
    let markup = |line: &str| {
        let t = line.trim();
        // An indented line goes on with a list item (or is code).
        t.is_empty()
            || line.starts_with("  ")
            || line.starts_with('\t')
            || t.starts_with(['-', '*', '+', '|', '<', '>', '`', '['])
            || t.contains("](")
            // A link target's rest, the line cut inside its URL
            // (`.org/stable/std/…/struct.IntoIter.html)`).
            || (t.ends_with(')') && t.contains('/') && !t.contains(char::is_whitespace))
            || t.split_once(". ").is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
            })
    };
    // A run opening with a block's fence line is code from the next line.
    let code_from = match s.text[start..end].split_once('\n') {
        Some((first, _)) if first.trim_start().starts_with("```") => start + first.len() + 1,
        _ => start,
    };
    s.text[start..end].lines().all(markup) || in_fence(s.text, code_from)
}

/// The byte range of the whole lines that input keys `run` (not empty)
/// touch.
fn run_lines(s: &SegmentKeys<'_>, run: Range<usize>) -> Range<usize> {
    let from = s.keys.pos[run.start];
    let to = s.keys.end(run.end - 1);
    let start = s.text[..from].rfind('\n').map_or(0, |p| p + 1);
    let end = s.text[to..].find('\n').map_or(s.text.len(), |p| to + p);
    start..end
}

/// Are input keys `run` lines of a template in a spaced script: headings,
/// table rows and code, not prose? An answer writing new text that says
/// such lines again and goes on with another row of the same table (a
/// subcommand's `#### Flags` table opening with the rows of the one
/// before, then a row of its own, [`table_goes_on`]) fills the template
/// in again: an echo would go on with the rows it had.
fn template_lines(s: &SegmentKeys<'_>, run: Range<usize>) -> bool {
    if run.is_empty() || !spaced(s, run.clone()) {
        return false;
    }
    let Range { start, end } = run_lines(s, run);
    s.text[start..end].lines().all(|line| {
        let t = line.trim();
        t.is_empty() || t.starts_with(['#', '|']) || t.starts_with("```")
    }) || in_fence(s.text, start)
}

/// Does input key `k` open the first line under a heading of its
/// segment, a comment block (`<!-- YAML … -->`) and blank lines aside?
fn under_heading(s: &SegmentKeys<'_>, k: usize) -> bool {
    let Some(&first) = s.keys.pos.first() else {
        return false;
    };
    let at = s.keys.pos[k];
    let at = s.text[..at].rfind('\n').map_or(0, |n| n + 1);
    let from = first.max(at.saturating_sub(4096)).min(at);
    let Some(before) = s.text.get(from..at) else {
        return false;
    };
    // Back over a comment block ending right before the line.
    let mut rest = before.trim_end();
    if rest.ends_with("-->") {
        match rest.rfind("<!--") {
            Some(c) => rest = rest[..c].trim_end(),
            None => return false,
        }
    }
    crate::clean::is_heading(rest.rsplit('\n').next().unwrap_or("").trim())
}

/// Are input keys `run` all of a [spaced script](is_spaced_script)?
fn spaced(s: &SegmentKeys<'_>, run: Range<usize>) -> bool {
    s.keys.chars[run].iter().all(|&c| is_spaced_script(c))
}

/// Does the input go on at key `k` with another row of the table the key
/// before ends in (no blank line between)?
fn table_goes_on(s: &SegmentKeys<'_>, k: usize) -> bool {
    if k == 0 || k >= s.keys.len() {
        return false;
    }
    let gap = &s.text[s.keys.end(k - 1)..s.keys.pos[k]];
    let line_start = s.text[..s.keys.pos[k]].rfind('\n').map_or(0, |p| p + 1);
    gap.matches('\n').count() == 1 && s.text[line_start..].trim_start().starts_with('|')
}

/// Byte ranges of HTML markup in `text`, in order: comments (`<!-- … -->`,
/// lines of them too, up to [`LONGEST_COMMENT`] bytes: node's `<!-- YAML`
/// history blocks) and tags (`<div …>`, `</p>`, on one line), bounded in
/// length.
/// Pages built from templates repeat them everywhere; a copy made of them
/// is weak evidence of a re-emission.
fn html_markup(text: &str, within: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    const LONGEST: usize = 400;
    let b = &text.as_bytes()[..within.end];
    let mut from = within.start;
    let mut close: Option<usize> = None;
    std::iter::from_fn(move || {
        while let Some(off) = memchr::memchr(b'<', &b[from..]) {
            let start = from + off;
            from = start + 1;
            let rest = &b[start + 1..b.len().min(start + LONGEST)];
            if rest.starts_with(b"!--") {
                // A comment may take lines (a reference page's `<!-- YAML`
                // history block under every entry, alike from one to the
                // next). The next `-->` is looked up once for all the
                // openings before it: linear.
                if close.is_none_or(|c| c < start + 4) {
                    close = memchr::memmem::find(&b[start + 4..], b"-->").map(|e| start + 4 + e);
                }
                match close {
                    Some(c) if c + 3 - start <= LONGEST_COMMENT => {
                        from = c + 3;
                        return Some(start..c + 3);
                    }
                    Some(_) => continue,
                    None => return None,
                }
            }
            let end = if rest
                .iter()
                .position(|&c| c != b'/')
                .is_some_and(|k| k <= 1 && rest[k].is_ascii_alphabetic())
            {
                memchr::memchr(b'>', rest).map(|e| start + 1 + e + 1)
            } else {
                None
            };
            if let Some(end) = end
                && !b[start..end].contains(&b'\n')
            {
                from = end;
                return Some(start..end);
            }
        }
        None
    })
}

/// Bytes of an HTML comment [`html_markup`] looks through for its end.
const LONGEST_COMMENT: usize = 4096;

/// Do input keys `0..l` lie in one ASCII token with a `/` in it (a URL, a
/// path)? CJK text has no spaces: a line of it is no token.
fn url_token(s: &SegmentKeys<'_>, l: usize) -> bool {
    if l == 0 || l > s.keys.len() {
        return false;
    }
    let t = &s.text[s.keys.pos[0]..s.keys.end(l - 1)];
    t.is_ascii() && t.contains('/') && !t.contains(char::is_whitespace)
}

/// Is byte `at` of `text` inside a fenced code block? Looks back a bounded
/// way: a fence line with an info string (```` ```cjs ````) opens a
/// block, and the fences after the nearest such one pair up from there;
/// with none, fences are counted from the window's start (which may fall
/// inside a block on a long page: the info string is the surer sign, and
/// reference pages tag their blocks).
pub(crate) fn in_fence(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(16 * 1024);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let fence = |l: &&str| l.trim_start().starts_with("```");
    let window = &text[from..at];
    // Fences after the nearest one with an info string (```` ```cjs ````,
    // which opens a block whatever the count from the window's start
    // says) pair up from there; with none, count from the window's start.
    let mut after = 0;
    for l in window.lines().rev().filter(fence) {
        if l.trim().len() > 3 {
            return after % 2 == 0;
        }
        after += 1;
    }
    after % 2 == 1
}

/// Does the line holding byte `at` of `text` come after one that ends a
/// sentence (a terminal, a closing bracket or quote after one)?
fn after_finished_line(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let before = text[..line_start].trim_end();
    before
        .trim_end_matches([')', ']', '"', '\'', '*', '_', '」', '）'])
        .ends_with(['.', '!', '?', '。', '！', '？'])
}

/// Does a copy at input `i`, article `j` go on with the chain whose last
/// copy ended at input `last_i`, article `expected`? The skipped spans must
/// look like an edit (similar lengths) or a dropped sentence (input skips
/// nothing).
fn chains(i: usize, j: usize, last_i: usize, expected: usize) -> bool {
    if j + 8 < expected {
        return false;
    }
    let gi = i.saturating_sub(last_i);
    let gk = j.saturating_sub(expected);
    if gi == 0 {
        return gk <= 400;
    }
    gi <= 48 && gk.abs_diff(gi) <= 24
}

/// Kanji and katakana (not hiragana, which doubles in running text).
fn is_kanji_or_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The fewest edits turning `tail` into a prefix of `seg`, and that
/// prefix's length (the longest among equals), when at most `max`. Only
/// cells within `max` of the diagonal are computed: `O(tail × max)`.
fn edit_prefix(tail: &[char], seg: &[char], max: usize) -> Option<(usize, usize)> {
    const FAR: usize = usize::MAX / 2;
    // Row over `seg` positions: edits turning `tail[..r]` into `seg[..c]`.
    let mut row: Vec<usize> = (0..=seg.len())
        .map(|c| if c <= max { c } else { FAR })
        .collect();
    for (r, &t) in tail.iter().enumerate() {
        let lo = (r + 1).saturating_sub(max);
        let hi = seg.len().min(r + 1 + max);
        if lo > hi {
            return None; // `seg` ends too far before `tail` does
        }
        let mut diag = row[lo.saturating_sub(1)];
        if lo == 0 {
            row[0] = r + 1;
        } else {
            row[lo - 1] = FAR;
        }
        let mut best = if lo == 0 { row[0] } else { FAR };
        for c in lo.max(1)..=hi {
            let sub = diag + usize::from(t != seg[c - 1]);
            diag = row[c];
            row[c] = sub.min(row[c] + 1).min(row[c - 1] + 1);
            best = best.min(row[c]);
        }
        if best > max {
            return None;
        }
    }
    // Columns outside the last row's band hold older rows' values.
    let lo = tail.len().saturating_sub(max);
    let hi = seg.len().min(tail.len() + max);
    let (e, &d) = row[lo..=hi]
        .iter()
        .enumerate()
        .rev()
        .min_by_key(|&(_, d)| *d)?;
    (d <= max).then_some((d, lo + e))
}

/// Sentence-ending key chars.
pub fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '.' | '!' | '?')
}

/// Does key `i` end a sentence or a line? An ASCII `.` `!` `?` `:` only
/// ends one before whitespace (not inside `example.com` or `3.5`).
fn ends_sentence(s: &SegmentKeys<'_>, i: usize) -> bool {
    let k = s.keys;
    let c = k.chars[i];
    let (from, to) = (k.end(i), k.pos[i + 1]);
    if from == to {
        return is_terminal(c) && !c.is_ascii();
    }
    let gap = &s.text[from..to];
    if !gap.contains('\n') && c == '.' && line_number(s, i) {
        return false;
    }
    gap.contains('\n')
        || (is_terminal(c)
            && (!c.is_ascii()
                || gap.starts_with(char::is_whitespace)
                || gap
                    .trim_start_matches(['*', '_', '`', ')'])
                    .starts_with(char::is_whitespace)))
}

/// Does the `.` at key `i` close a number that opens its line (`1. ` of an
/// ordered item, `### 4. ` of a numbered heading)? That is no sentence: the
/// line goes on.
fn line_number(s: &SegmentKeys<'_>, i: usize) -> bool {
    let k = s.keys;
    let digits = k.chars[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let first = i - digits;
    // The digits and the dot are written together.
    if (first..i).any(|d| k.end(d) != k.pos[d + 1]) {
        return false;
    }
    first == 0 || s.text[k.end(first - 1)..k.pos[first]].contains('\n')
}

/// Are input keys `run` (from a line start) the rest of a fenced block, up
/// to its closing fence: the nearest fence line before them opens a block
/// (an info string: ```` ```cjs ````, within a bounded look back), none is
/// among their lines, and the first after them is a bare ```` ``` ````?
/// Asked of the lines themselves, not of the fence count from afar (see
/// [`in_fence`]).
fn fenced(s: &SegmentKeys<'_>, run: Range<usize>) -> bool {
    const LOOK_BACK: usize = 4 * 1024;
    if run.is_empty() || run.end >= s.keys.len() {
        return false;
    }
    let fence = |l: &str| l.trim_start().starts_with("```");
    let (from, to) = (s.keys.pos[run.start], s.keys.end(run.end - 1));
    let mut back = from.saturating_sub(LOOK_BACK);
    while !s.text.is_char_boundary(back) {
        back += 1;
    }
    let opens = s.text[back..from]
        .lines()
        .rev()
        .find(|l| fence(l))
        .is_some_and(|l| l.trim().len() > 3);
    let closes = s.text[to..s.keys.pos[run.end]]
        .lines()
        .skip(1)
        .find(|l| fence(l))
        .is_some_and(|l| l.trim() == "```");
    opens && closes && !s.text[from..to].lines().any(fence)
}

/// Does input key `i` open its line?
fn line_start(s: &SegmentKeys<'_>, i: usize) -> bool {
    i == 0 || s.text[s.keys.end(i - 1)..s.keys.pos[i]].contains('\n')
}

/// Does input key `i` open a paragraph (a blank line before it)? An answer
/// always does: the completer writes `\n\n` before it. Code said again
/// right after itself inside a block (`npm approve-scripts --all` above
/// `npm approve-scripts --allow-scripts-pending`) is no seam repeat.
fn paragraph_start(s: &SegmentKeys<'_>, i: usize) -> bool {
    i == 0
        || s.text[s.keys.end(i - 1)..s.keys.pos[i]]
            .matches('\n')
            .count()
            >= 2
}

/// Is byte `at` of `text` on a line indented as code (four spaces or a
/// tab) after a blank line or another such line? A listing of the first
/// draft says its lines again as it likes (`dists/stable/main/` over
/// `dists/stable/main/binary-amd64/`).
fn in_indented_code(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let code = crate::clean::indented;
    // Bounded, as `in_fence` is: a listing longer than that is code.
    let mut from = start.saturating_sub(16 * 1024);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    code(&text[start..])
        && text[from..start.saturating_sub(1).max(from)]
            .rsplit('\n')
            .find(|l| !code(l))
            .is_none_or(|l| l.trim().is_empty())
}

/// Line breaks between input keys `from..to`.
/// A hash of the decoration in `gap` (the text between two keys): its
/// chars that are not whitespace; 0 for none.
fn decoration_hash(gap: &str) -> u32 {
    gap.chars()
        .filter(|c| !c.is_whitespace())
        .fold(0u32, |h, c| (h ^ c as u32).wrapping_mul(0x0100_0193) | 1)
}

fn newlines(text: &str, k: &Keys, from: usize, to: usize) -> usize {
    (from..to.saturating_sub(1))
        .filter(|&i| text[k.end(i)..k.pos[i + 1]].contains('\n'))
        .count()
}

/// Similarity of two key runs in `0..=1`, on bounded windows with a deadline.
pub fn similarity(a: &[char], b: &[char]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let a = &a[..a.len().min(DIFF_WINDOW)];
    let b = &b[..b.len().min(DIFF_WINDOW)];
    let matched: usize = char_diff(a, b)
        .iter()
        .map(|op| match *op {
            similar::DiffOp::Equal { len, .. } => len,
            _ => 0,
        })
        .sum();
    2.0 * matched as f32 / (a.len() + b.len()) as f32
}

/// The char diff of `a` and `b` (old, new), with a deadline: every fuzzy
/// comparison of the engine goes through here, on bounded windows.
fn char_diff(a: &[char], b: &[char]) -> Vec<similar::DiffOp> {
    let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
    similar::TextDiff::configure()
        .timeout(Duration::from_millis(20))
        .diff_chars(&sa, &sb)
        .ops()
        .to_vec()
}

/// Is the similarity of `a` and `b` at least `threshold`? Skips the diff
/// when the share of common chars (an upper bound) is already too low.
pub fn similar_at_least(a: &[char], b: &[char], threshold: f32) -> bool {
    let (a, b) = (
        &a[..a.len().min(DIFF_WINDOW)],
        &b[..b.len().min(DIFF_WINDOW)],
    );
    if !a.is_empty() && !b.is_empty() && common_share(a, b) < threshold {
        return false;
    }
    numbers_found(a, b) && similarity(a, b) >= threshold
}

/// Can `lead` go before a known sentence without adding to it: nothing, or
/// a short connective ending in a comma (`もちろん、`, `And,`)?
fn is_connective(lead: &[char]) -> bool {
    lead.is_empty()
        || (lead.len() <= MAX_CONNECTIVE && matches!(lead.last(), Some('、' | ',' | '，')))
}

/// Are at least `share` of `a`'s chars found in `b`, in order and in at
/// most three pieces (a bounded diff), with every number of `a`?
fn contained(a: &[char], b: &[char], share: f32) -> bool {
    if a.is_empty() || a.len() > DIFF_WINDOW || b.len() > DIFF_WINDOW || !numbers_found(a, b) {
        return false;
    }
    // The chars in common, in any order, bound the ones found in order.
    if (common_count(a, b) as f32) < share * a.len() as f32 {
        return false;
    }
    let runs: Vec<usize> = char_diff(a, b)
        .iter()
        .filter_map(|op| match *op {
            similar::DiffOp::Equal { len, .. } => Some(len),
            _ => None,
        })
        .collect();
    // In a few pieces: chars matched here and there are chance. Slips (two
    // chars swapped) and a diff scattering its matches: see [`in_pieces`].
    let matched: usize = runs.iter().sum();
    runs.len() <= 3 && matched as f32 >= share * a.len() as f32 || in_pieces(a, b, share)
}

/// Does `b` say `a` with slips only: two chars at most that `a` does not
/// have at their place (letters swapped, or dropped; pieces left out)? A
/// char diff on a bounded window with a deadline.
fn only_slips(a: &[char], b: &[char]) -> bool {
    if a.len() > DIFF_WINDOW || b.len() > DIFF_WINDOW {
        return false;
    }
    let inserted: usize = char_diff(a, b)
        .iter()
        .map(|op| match *op {
            similar::DiffOp::Insert { new_len, .. } | similar::DiffOp::Replace { new_len, .. } => {
                new_len
            }
            _ => 0,
        })
        .sum();
    inserted <= 2
}

/// Longest run of `a` (at most this long) that [`in_pieces`] looks for in
/// `b` char by char.
const PIECES_MAX: usize = 400;

/// Is `a` found in `b` in order, in at most four pieces of four chars or
/// more, with at most two of its chars found nowhere (a swapped pair), and
/// at least `share` of its chars matched? Greedy, longest piece first: a
/// char diff scatters single matches over a long `b` (an echoed line with a
/// whole clause left out: `[VirtualBox](https://fr.wikipedia.wikipedai.org/…`
/// for a line saying `…wikipedia.org/wiki/VirtualBox) fournit … (https://
/// en.wikipedia.org/…`). Bounded: `a` of at most [`PIECES_MAX`] chars.
fn in_pieces(a: &[char], b: &[char], share: f32) -> bool {
    if a.len() > PIECES_MAX || a.len() < 12 {
        return false;
    }
    let (mut i, mut pos, mut pieces, mut skipped) = (0, 0, 0, 0);
    while i < a.len() {
        // The longest run of `a` from `i` found in `b` from `pos`.
        let mut best = (0, 0);
        for p in pos..b.len() {
            if b[p] != a[i] {
                continue;
            }
            let l = a[i..]
                .iter()
                .zip(&b[p..])
                .take_while(|(x, y)| x == y)
                .count();
            if l > best.0 {
                best = (l, p);
            }
        }
        if best.0 >= 4 {
            pieces += 1;
            i += best.0;
            pos = best.1 + best.0;
        } else {
            skipped += 1;
            i += 1;
        }
        if pieces > 4 || skipped > 2 {
            return false;
        }
    }
    (a.len() - skipped) as f32 >= share * a.len() as f32
}

/// Does every number of `a` occur in `b`? Sentences that differ in a
/// number (`Sentence 1` / `Sentence 5`, `2025年` / `2026年`) state
/// different facts, however alike the rest: neither is a variant of the
/// other.
fn numbers_found(a: &[char], b: &[char]) -> bool {
    let numbers = |t: &[char]| -> Vec<String> {
        t.split(|c| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
            .map(|run| run.iter().collect())
            .collect()
    };
    let theirs = numbers(b);
    numbers(a).iter().all(|n| theirs.contains(n))
}

/// Upper bound of the diff ratio: 2·Σ min(count_a, count_b) / (|a| + |b|).
fn common_share(a: &[char], b: &[char]) -> f32 {
    (2 * common_count(a, b)) as f32 / (a.len() + b.len()) as f32
}

/// How many chars `a` and `b` have in common, as multisets.
fn common_count(a: &[char], b: &[char]) -> usize {
    let mut counts: HashMap<char, i32, FxBuild> =
        HashMap::with_capacity_and_hasher(a.len(), FxBuild::default());
    for &c in a {
        *counts.entry(c).or_default() += 1;
    }
    let mut common = 0;
    for &c in b {
        if let Some(n) = counts.get_mut(&c)
            && *n > 0
        {
            *n -= 1;
            common += 1;
        }
    }
    common
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::keys;

    #[test]
    fn an_index_entry_takes_twenty_bytes() {
        assert_eq!(std::mem::size_of::<(GramKey, Chain)>(), 20);
    }

    #[test]
    fn edits_to_a_prefix() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let tail = c("droppedherewhilestillborrowe");
        let seg = c("droppedherewihlestillborrowed,andthefix");
        assert_eq!(edit_prefix(&tail, &seg, 3), Some((2, 28)));
        assert_eq!(edit_prefix(&tail, &c("somethingelseentirelyhere"), 3), None);
        assert_eq!(edit_prefix(&c("abc"), &c("abcdef"), 1), Some((0, 3)));
        // The band holds the answer when the edits are few.
        assert_eq!(
            edit_prefix(&c("abcdefgh"), &c("abxdefghij"), 1),
            Some((1, 8))
        );
        assert_eq!(
            edit_prefix(&c("abcdefgh"), &c("abdefghij"), 1),
            Some((1, 7))
        );
        assert_eq!(edit_prefix(&c("abcdefgh"), &c("zzzdefgh"), 2), None);
        assert_eq!(edit_prefix(&c("abcdefghijklmnop"), &c("abcd"), 2), None);
    }

    #[test]
    fn an_edited_seam_repeat_is_a_slip_not_other_words_or_numbers() {
        let count = |a: &Article, w: &str| main_text(a).matches(w).count();
        // A slip (`wihle`): the cut line said again.
        let a = place_all(&[
            "The value is dropped here while still borrowe",
            "dropped here wihle still borrowed, and the fix is to clone it first.",
        ]);
        assert_eq!(count(&a, "droppedhere"), 1, "{}", main_text(&a));
        // Another image, one digit apart: new text.
        let a = place_all(&[
            "![](https://cdn.example.com/img/bg2021030301.jpg)\n\n![](https://cdn.example",
            ".com/img/bg2021030302.jpg)\n\n![](https://cdn.example.com/img/bg2021030303.jpg)",
        ]);
        assert_eq!(count(&a, "bg2021030302"), 1, "{}", main_text(&a));
        // Other words in a list of links (`get_mut` for `get`): new text.
        let a = place_all(&[
            "- [`Widget::get`](https://docs.example.org/widget/struct.Widget.html#method.get)\n- [`Widget::get_mut`](https://docs.example.org/widget/struct.Widget.",
            "html#method.get_mut)\n- [`Widget::force_mut`](https://docs.example.org/widget/struct.Widget.html#method.force_mut)",
        ]);
        assert_eq!(count(&a, "widget::forcemut"), 1, "{}", main_text(&a));
    }

    #[test]
    fn sentences_differing_in_a_number_are_not_alike() {
        let k = |t: &str| {
            crate::normalize::key_string(t)
                .chars()
                .collect::<Vec<char>>()
        };
        let a = k("Sentence 5 draft draft draft draft.");
        assert!(!similar_at_least(
            &a,
            &k("Sentence 1 draft draft draft draft."),
            0.9
        ));
        assert!(similar_at_least(
            &a,
            &k("Sentence 5 darft draft draft draft."),
            0.9
        ));
        assert!(!similar_at_least(
            &k("2026年に施行されます。"),
            &k("2025年に施行されます。"),
            0.9
        ));
    }

    #[test]
    fn a_line_with_a_piece_left_out_is_contained() {
        let k = |t: &str| t.chars().collect::<Vec<char>>();
        let known = k("![](https://cdn.example.com/blog/2020/bg2020120101.jpg) next");
        assert!(contained(
            &k("!example.com/blog/2020/bg2020120101.jpg)"),
            &known,
            CONTAINED
        ));
        // A different number is a different fact.
        assert!(!contained(
            &k("!example.com/blog/2020/bg2020120102.jpg)"),
            &known,
            CONTAINED
        ));
        // Chars found here and there are chance, not a copy.
        assert!(!contained(&k("acme"), &k("a.c.m.e"), CONTAINED));
        // A clause left out and two chars swapped, a char diff scattering
        // its matches: found in pieces.
        assert!(contained(
            &k(
                "* [VirtualBox](https://fr.wikipedia.wikipedai.org/wiki/Hardware-assisted_virtualization)."
            ),
            &k(
                "* [VirtualBox](https://fr.wikipedia.org/wiki/VirtualBox) fournit une émulation du système complet sur i386 amd64 avec ou sans la [virtualisation assistée par le matériel](https://en.wikipedia.org/wiki/Hardware-assisted_virtualization)."
            ),
            CONTAINED
        ));
        // Five pieces are chance.
        assert!(in_pieces(
            &k("abcdefghijklmnop"),
            &k("abcdxefghxijklxmnop"),
            CONTAINED
        ));
        assert!(!in_pieces(
            &k("abcdefghijklmnopqrst"),
            &k("abcdxefghxijklxmnopxqrst"),
            CONTAINED
        ));
        // Two chars swapped where a piece was left out: still contained.
        assert!(contained(
            &k("[weekly](http://www.runayifeng.html)(2021#148)"),
            &k(
                "[weekly](http://www.ruanyifeng.com/blog/2021/03/weekly-issue-148.html)(2021#148) next"
            ),
            CONTAINED
        ));
    }

    #[test]
    fn html_markup_finds_tags_on_one_line_and_comments_on_several() {
        let t = "<div class=\"a\">Text <b>bold</b> a < b, 2<3 <!-- note --> </p\n<p>";
        let all = |t: &str| html_markup(t, 0..t.len()).count();
        let found: Vec<&str> = html_markup(t, 0..t.len()).map(|r| &t[r]).collect();
        assert_eq!(
            found,
            ["<div class=\"a\">", "<b>", "</b>", "<!-- note -->", "<p>"]
        );
        // A tag unclosed, on two lines or overlong: not markup.
        assert_eq!(all("<a href\n=\"x\">"), 0);
        assert_eq!(all(&format!("<a {}>", "x".repeat(500))), 0);
        // A comment may take lines (a reference page's history block),
        // within a bound; one never closed is none.
        let yaml = "<!-- YAML\nadded: v0.3.1\nchanges:\n  - version: v6.3.0\n-->";
        assert_eq!(all(yaml), 1);
        assert_eq!(all("<!-- open\nclose -->"), 1);
        assert_eq!(all("<!-- open\n<!-- again\n"), 0);
        assert_eq!(all(&format!("<!-- {} -->", "x\n".repeat(3000))), 0);
        // Openings before one close share its lookup, each found once.
        assert_eq!(all("<!-- a <!-- b --> <!-- c -->"), 2);
        assert_eq!(all("「<」と「>」"), 0);
        // Only within the range asked for.
        assert_eq!(html_markup(t, 5..t.len()).count(), 4);
    }

    #[test]
    fn markup_weighs_little_as_evidence() {
        let t = "<div class=\"goal-row\" style=\"display: flex;\">Seeds</div>";
        let k = keys(t, 0, t.len());
        let s = whole(t, &k);
        let cache = SegCache::new(&s);
        let all = cache.weight(0, k.len());
        let text = 5.0 * weight('s');
        assert!(all > text && all < text + 3.0, "weight {all}");
    }

    /// Made-up text from a small vocabulary (every k-gram common, as in a
    /// long post of set phrases), deterministic per seed.
    fn made_up(seed: &mut u64, words: usize) -> String {
        const VOCAB: [&str; 20] = [
            "pashar",
            "vudou",
            "touhpu",
            "gai",
            "saigrirai",
            "milou",
            "ne",
            "wai",
            "stapl",
            "tri",
            "falum",
            "coud",
            "rea",
            "ki",
            "lea",
            "vosh",
            "plou",
            "ta",
            "tru",
            "hea",
        ];
        let mut out = String::new();
        for n in 0..words {
            let (a, b) = (next_random(seed), next_random(seed));
            // Skewed: the minimum of two draws favours the first words.
            out.push_str(VOCAB[(a.min(b) % VOCAB.len() as u64) as usize]);
            out.push_str(match next_random(seed) % 23 {
                0 => ".\n\n",
                1..=3 => ". ",
                4 => ", ",
                _ if n % 7 == 6 => "\n",
                _ => " ",
            });
        }
        out
    }

    fn next_random(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *seed >> 33
    }

    /// A long original cut into answers that say parts of it again (from
    /// any char), with new made-up text and stutters in between.
    fn broken_drafts(seed: &mut u64) -> Vec<String> {
        let original = made_up(seed, 900);
        let chars: Vec<char> = original.chars().collect();
        let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        let mut cut = chars.len() / 4;
        let mut drafts = vec![slice(0, cut)];
        while cut < chars.len() {
            let mut answer = String::new();
            for _ in 0..1 + next_random(seed) % 4 {
                match next_random(seed) % 6 {
                    5 => {
                        // A short phrase said over and over.
                        let words = 3 + (next_random(seed) as usize) % 10;
                        let phrase = made_up(seed, words);
                        for _ in 0..3 + next_random(seed) % 6 {
                            answer.push_str(&phrase);
                        }
                    }
                    4 => {
                        // An echo with a sentence of its own in the middle.
                        let from = (next_random(seed) as usize) % cut;
                        let to = (from + 300 + (next_random(seed) as usize) % 900).min(cut);
                        let mid = from + (to - from) / 2;
                        let words = 8 + (next_random(seed) as usize) % 30;
                        answer.push_str(&slice(from, mid));
                        answer.push_str(&made_up(seed, words));
                        answer.push_str(&slice(mid, to));
                    }
                    0 => {
                        let from = (next_random(seed) as usize) % cut;
                        let to = (from + 50 + (next_random(seed) as usize) % 900).min(cut);
                        answer.push_str(&slice(from, to));
                    }
                    1 => {
                        let words = 20 + (next_random(seed) as usize) % 200;
                        answer.push_str(&made_up(seed, words));
                    }
                    2 => {
                        let words = 30 + (next_random(seed) as usize) % 60;
                        let phrase = made_up(seed, words);
                        answer.push_str(&phrase);
                        answer.push_str(&phrase);
                    }
                    _ => {
                        let end = (cut + 100 + (next_random(seed) as usize) % 600).min(chars.len());
                        answer.push_str(&slice(cut - (next_random(seed) as usize) % 40, end));
                        cut = end;
                    }
                }
            }
            drafts.push(answer);
        }
        drafts
    }

    #[test]
    fn copies_through_an_anchor_are_the_probed_ones() {
        let mut through_anchor = 0;
        for n in 0..32 {
            let mut seed = n;
            let drafts = broken_drafts(&mut seed);
            let texts: Vec<&str> = drafts.iter().map(String::as_str).collect();
            let fast = place_all_with(&texts, false);
            let probed = place_all_with(&texts, true);
            assert_eq!(fast.spans, probed.spans, "seed {n}");
            assert_eq!(fast.chars, probed.chars, "seed {n}");
            assert_eq!(fast.insertions.len(), probed.insertions.len(), "seed {n}");
            through_anchor += fast.anchored_starts.get();
        }
        // The anchors did answer most starts amid new text.
        assert!(through_anchor > 10_000, "{through_anchor} starts");
    }

    /// All of `t` as one segment (an answer's).
    fn whole<'a>(t: &'a str, k: &'a Keys) -> SegmentKeys<'a> {
        SegmentKeys {
            seg: 0,
            keys: k,
            text: t,
            boundary: true,
            original: false,
        }
    }

    fn place_all(texts: &[&str]) -> Article {
        place_all_with(texts, false)
    }

    /// Like [`place_all`], the first text being the original draft.
    fn place_drafts(texts: &[&str]) -> Article {
        let all: Vec<Keys> = texts.iter().map(|t| keys(t, 0, t.len())).collect();
        let mut a = Article::new();
        for (n, t) in texts.iter().enumerate() {
            a.place(&SegmentKeys {
                seg: n,
                keys: &all[n],
                text: t,
                boundary: true,
                original: n == 0,
            });
        }
        a
    }

    fn place_all_with(texts: &[&str], probe_only: bool) -> Article {
        // One text holding every segment, as the engine's clean text does
        // (article positions point into it).
        let text = texts.concat();
        let mut at = 0;
        let all: Vec<Keys> = texts
            .iter()
            .map(|t| {
                at += t.len();
                keys(&text, at - t.len(), at)
            })
            .collect();
        let mut a = Article::new();
        a.probe_only = probe_only;
        for (n, k) in all.iter().enumerate() {
            a.place(&SegmentKeys {
                seg: n,
                keys: k,
                text: &text,
                boundary: true,
                original: false,
            });
        }
        a
    }

    fn main_text(a: &Article) -> String {
        a.chars[..a.frontier].iter().collect()
    }

    /// The article's key chars in reading order.
    fn laid_out(a: &Article) -> String {
        crate::merge::layout(a)
            .iter()
            .map(|&q| a.chars[q])
            .collect()
    }

    const WORKSHOP: &str = "夏には乾燥が進み、材料の扱いが難しくなりました。湿度計を二台置いて、倉庫の窓を朝夕に開け閉めしています。秋になると注文が増え、週末も作業台に向か";

    #[test]
    fn a_fuller_variant_replaces_the_sentence_in_place() {
        let echo = "夏には乾燥が進み、材料の扱いが難しくなりました。湿度計を二台置いて、倉庫の窓を朝夕に開け閉めしていますし、木材の向きも週に一度は入れ替えています。秋になると注文が増え、週末も作業台に向かう日が続きました。";
        let a = place_all(&[WORKSHOP, echo]);
        assert_eq!(a.hidden.len(), 1);
        assert_eq!(
            laid_out(&a),
            "夏には乾燥が進み、材料の扱いが難しくなりました。湿度計を二台置いて、倉庫の窓を朝夕に開け閉めしていますし、木材の向きも週に一度は入れ替えています。秋になると注文が増え、週末も作業台に向かう日が続きました。"
        );
        // The draft's sentence is reported as a variant, not kept.
        assert!(
            a.spans
                .iter()
                .any(|s| s.seg == 0 && s.kind == SpanKind::Variant)
        );
    }

    /// The sentence a fuller variant replaces, if it is one.
    fn replaced(v: Option<Variant>) -> Option<Range<usize>> {
        match v {
            Some(Variant::Fuller(d)) => Some(d),
            _ => None,
        }
    }

    /// `variant_at` for `said` as a sentence of segment `seg`, kept
    /// right before the draft's sentence `kept`.
    fn fuller_probe(a: &Article, seg: usize, kept: &str, said: &str) -> Option<Range<usize>> {
        let kept: Vec<char> = keys(kept, 0, kept.len()).chars;
        let at = (0..a.chars.len())
            .find(|&q| a.chars[q..].starts_with(&kept))
            .expect("kept sentence in the article");
        let k = keys(said, 0, said.len());
        let s = SegmentKeys {
            seg,
            keys: &k,
            text: said,
            boundary: true,
            original: false,
        };
        replaced(a.variant_at(&s, &k.chars, at, at))
    }

    #[test]
    fn what_makes_a_fuller_variant() {
        let a = place_all(&[WORKSHOP]);
        let kept = "湿度計を二台置いて、倉庫の窓を朝夕に開け閉めしています。";
        let fuller = "湿度計を二台置いて、倉庫の窓を朝夕に開け閉めしていますし、木材の向きも週に一度は入れ替えています。";
        let d = fuller_probe(&a, 1, kept, fuller).expect("a later answer's fuller variant");
        assert_eq!(a.chars[d].iter().collect::<String>(), kept);
        // Said more behind a clause.
        let behind =
            "朝晩の冷え込みに備えるため、湿度計を二台置いて、倉庫の窓を朝夕に開け閉めしています。";
        assert!(fuller_probe(&a, 1, kept, behind).is_some());
        // Or inside it.
        let inside = "湿度計を二台置いて、北側にある倉庫の窓を朝夕に開け閉めしています。";
        assert!(fuller_probe(&a, 1, kept, inside).is_some());
        // Another sentence that shares its opening is not it said again.
        let other = "湿度計を二台置いて、毎晩の数値をノートに書き留めるようにしています。";
        assert_eq!(fuller_probe(&a, 1, kept, other), None);
        // The same answer saying both is the author's.
        assert_eq!(fuller_probe(&a, 0, kept, fuller), None);
        // A few more chars is a changed ending, not more said.
        let ending = "湿度計を二台置いて、倉庫の窓を朝夕に開け閉めしていますよね。";
        assert_eq!(fuller_probe(&a, 1, kept, ending), None);
        // Not the sentence the answer is at (an anchor elsewhere).
        let k: Vec<char> = keys(fuller, 0, fuller.len()).chars;
        let s = SegmentKeys {
            seg: 1,
            keys: &keys(fuller, 0, fuller.len()),
            text: fuller,
            boundary: true,
            original: false,
        };
        assert_eq!(replaced(a.variant_at(&s, &k, 3, 3)), None);
    }

    #[test]
    fn a_fuller_variant_of_an_inserted_sentence_is_found_at_its_start() {
        let a = place_all(&[
            "倉庫の床は毎朝ほうきで掃除しています。湿度計を二台置いて、倉庫の窓を朝夕に開け閉めしています。木材は壁際に立てて保管しています。",
            "倉庫の床は毎朝ほうきで掃除しています。工具は使うたびに元の棚へ戻すことにしています。湿度計を二台置いて、倉庫の窓を朝夕に開け閉めしています。",
        ]);
        let kept = "工具は使うたびに元の棚へ戻すことにしています。";
        let k: Vec<char> = keys(kept, 0, kept.len()).chars;
        let at = (0..a.chars.len())
            .find(|&q| a.chars[q..].starts_with(&k))
            .unwrap();
        assert!(a.insertion_at(at).is_some(), "{}", laid_out(&a));
        let fuller = "作業が終わったら、工具は使うたびに元の棚へ戻すことにしています。";
        let d = fuller_probe(&a, 2, kept, fuller).expect("the insertion's sentence");
        assert_eq!(a.chars[d].iter().collect::<String>(), kept);
    }

    #[test]
    fn mid_word_continuation_appends() {
        let a = place_all(&[
            "今後数十年続くであろうAI基盤の「土",
            "台」に投資する、という視点が重要になります。",
        ]);
        assert_eq!(
            main_text(&a),
            "今後数十年続くであろうai基盤の「土台」に投資する、という視点が重要になります。"
        );
    }

    #[test]
    fn an_answer_going_on_from_a_cut_phrase_said_before_continues_it() {
        let a = place_all(&[
            "芽は私たちの想像をはるかに超える大きな力で伸びる。葉は私たちの想像を",
            "はるかに超える大きな力で育ち、花をつけた。",
        ]);
        assert_eq!(
            laid_out(&a),
            "芽は私たちの想像をはるかに超える大きな力で伸びる。葉は私たちの想像をはるかに超える大きな力で育ち、花をつけた。"
        );
        // An echo from inside the cut word over a sentence's end is no
        // continuation of the cut (`Sentenc` + `e 0 found …. Sentence 2`).
        let a = place_all(&[
            "Sentence 0 found short kept token wrote short.\n\nSentence 1 reader article. Sentence 2 kept short draft. Sentenc\n\n",
            "e 0 found short kept token wrote short.\n\n Sentence 2 kept short \n\n",
            "e 4 short draft model quietly. Sentence 5 cut draft.",
        ]);
        assert_eq!(
            laid_out(&a).matches("foundshortkepttoken").count(),
            1,
            "{}",
            laid_out(&a)
        );
        // Saying the earlier sentence to its end is an echo of it.
        let a = place_all(&[
            "芽は私たちの想像をはるかに超える大きな力で伸びる。葉は私たちの想像を",
            "はるかに超える大きな力で伸びる。",
        ]);
        assert_eq!(
            laid_out(&a),
            "芽は私たちの想像をはるかに超える大きな力で伸びる。葉は私たちの想像を"
        );
    }

    #[test]
    fn a_connective_before_an_echoed_sentence_is_a_variant() {
        let first = "春の市場は静かに始まりました。多くの企業が様子を見ていたからです。\n\n道のりは決して平坦ではないでしょう。巨大な既存勢力との競争、技術的な壁の高さ、そして市場の認知には長い時間がかかります。\n\n最後の段落は途中で";
        let answer = "春の市場は静かに始まりました。多くの企業が様子を見ていたからです。\n\n新しい段落がここに入ります。専門家たちは、この変化が来年まで続くと見ています。\n\nもちろん、道のりは決して平坦ではないでしょう。巨大な既存勢力との競争、技術的な壁の高さ、そして市場の認知には長い時間がかかります。";
        let a = place_all(&[first, answer]);
        let kept: String = a.chars.iter().collect();
        assert!(!kept.contains("もちろん"), "{kept}");
        assert!(kept.contains("新しい段落がここに入ります"), "{kept}");
        let variant = a
            .spans
            .iter()
            .any(|sp| sp.seg == 1 && sp.kind == SpanKind::Variant);
        assert!(variant, "the connective is reported as a variant");
    }

    #[test]
    fn a_connective_before_a_sentence_quoted_amid_new_text_is_a_variant() {
        let first = "春の市場は静かに始まりました。\n\n道のりは決して平坦ではないでしょう。巨大な既存勢力との競争、技術的な壁の高さ、そして市場の認知には長い時間がかかります。\n\n最後の段落は途中で";
        let answer = "終わりました。新しい段落がここに入ります。専門家たちは、この変化が来年まで続くと見ています。もちろん、道のりは決して平坦ではないでしょう。巨大な既存勢力との競争、技術的な壁の高さ、そして市場の認知には長い時間がかかります。そして最後に新しい結びの文が来ます。";
        let a = place_all(&[first, answer]);
        let kept: String = a.chars.iter().collect();
        assert!(!kept.contains("もちろん"), "{kept}");
        assert!(kept.contains("新しい結びの文"), "{kept}");
    }

    #[test]
    fn an_answer_opening_mid_word_with_known_sentences_echoes_them() {
        let a = place_all(&[
            "Sentence 0 draft draft draft short. Sentence 1 article draft. Sentence 2 draft short draft draft. Sentence 5 short draft found dr",
            "ft short. Sentence 2 draft short draft draft. Sentence 5 short draft found draft cut draft.",
        ]);
        let main = main_text(&a);
        assert!(!main.contains("drft"), "{main}");
        assert!(main.contains("founddraftcutdraft."), "{main}");
    }

    #[test]
    fn seam_repeat_of_cut_sentence_is_dropped() {
        let a = place_all(&[
            "最初の文です。これは、単に技術",
            "これは、単に技術的な解決策ではありません。",
        ]);
        assert_eq!(
            main_text(&a),
            "最初の文です。これは、単に技術的な解決策ではありません。"
        );
    }

    #[test]
    fn an_answer_repeating_the_end_of_the_cut_word_overlaps_it() {
        let a = place_all(&[
            "The first part ends with the word Sentence",
            "ntence nine goes on.",
        ]);
        assert_eq!(
            main_text(&a),
            "thefirstpartendswiththewordsentenceninegoeson."
        );
        // Shorter than MID_WORD_OVERLAP, mid-word: a continuation.
        let a = place_all(&["We talked about the inter", "ternal parts."]);
        assert_eq!(main_text(&a), "wetalkedabouttheinterternalparts.");
    }

    #[test]
    fn restart_echo_is_dropped_and_new_tail_kept() {
        let first = "タイトルです。\n\n最初の段落はここにあります。二つ目の文もあります。\n\n次の段落が途中で";
        let echo = "タイトルです。 最初の段落はここにあります。二つ目の文もあります。 次の段落が途中で切れたあとに続きます。";
        let a = place_all(&[first, echo]);
        assert_eq!(
            main_text(&a),
            "タイトルです。最初の段落はここにあります。二つ目の文もあります。次の段落が途中で切れたあとに続きます。"
        );
    }

    #[test]
    fn templated_image_line_does_not_anchor_an_echo() {
        let img = |n: u32| {
            format!("![](https://cdn.example.com/blog/asset/2022/10/bg20221002{n:02}.webp)")
        };
        let first = format!("## 工具\n\n{}\n\n一个用于家庭内网的监控面板。", img(2));
        let second = "二、另一个工具，可以启动各种服务，界面简洁。";
        let third = format!(
            "{}\n\n一个开源工具，可以监控各种云服务的运行状况和延迟，支持告警，也能生成周报，适合小团队使用。\n\n9、[分形花园](https://www.fractal.garden/)\n\n一个开源程序，可以生成并展示各种分形图案，用户可以调整参数，观察图案的变化，很有意思。",
            img(3)
        );
        let a = place_all(&[&first, second, &third]);
        let main = main_text(&a);
        let tool = main.find("另一个工具").unwrap();
        let open = main.find("一个开源工具").unwrap();
        assert!(tool < open, "{main}");
        assert!(main.contains("bg2022100203"), "{main}");
        assert!(a.insertions.is_empty());
    }

    #[test]
    fn a_repeated_link_line_amid_new_text_is_kept() {
        let quote =
            "-- [《你的工作并没有消失，只是不断缩小》](https://newsletter.example.com/p/your-job)";
        let first = format!(
            "1、第一段引言，讲述工作的变化和未来的方向。\n\n{quote}\n\n2、第二段引言，讲的是别的"
        );
        let second =
            format!("事情，很有意思，值得一读再读。\n\n{quote}\n\n3、第三段引言，又是新的内容。");
        let a = place_all(&[&first, &second]);
        let main = main_text(&a);
        assert_eq!(main.matches("你的工作并没有消失").count(), 2, "{main}");
    }

    #[test]
    fn a_repeated_indented_list_line_amid_new_text_is_kept() {
        let note = "  (excluding those that depend directly on the unstable half type)";
        let first = format!(
            "The release stabilizes these items:\n\n- [x86 intrinsics](https://example.com/1)\n{note}\n- [Arm intrinsics](https://example.com/2)\n{note}\n- [Euler constants](https://example.com/3)\n"
        );
        let a = place_all(&[&first]);
        let main = main_text(&a);
        assert_eq!(main.matches("excludingthose").count(), 2, "{main}");
    }

    #[test]
    fn a_heading_ending_with_the_words_that_open_the_next_paragraph_keeps_both() {
        let a = place_all(&[
            "前の段落はここで終わります。\n\n### 最後に：未来を共創するパートナーとしてのオープンソースLLM\n\nオープンソースLLMの進化は、私たちに問いを投げかけています。",
        ]);
        let main = main_text(&a);
        assert_eq!(main.matches("オープンソースllm").count(), 2, "{main}");
    }

    #[test]
    fn an_echo_starting_mid_sentence_with_an_edit_is_not_a_continuation() {
        let a = place_all(&[
            "武汉是唯一的城市，其余均只能在指定区域的部分时段内运营。这就是为什么，无人驾驶首先在武汉爆火。它的政策最宽松，允许车内无安全员。武汉开放无人驾驶的区域，据说全球最大。\n\n用来在苹果笔记本玩",
            "的分部时段内运营。这就是为什么，无人驾驶首先在武汉爆火。它的政策最宽松，允许车内无安全员。武汉开放无人驾驶的区域，据说全球最大。",
        ]);
        let main = main_text(&a);
        assert!(!main.contains("分部"), "{main}");
        assert!(
            a.spans
                .iter()
                .any(|s| s.seg == 1 && s.kind == SpanKind::Variant && s.keys.start == 0),
            "{:?}",
            a.spans
        );
    }

    #[test]
    fn a_heading_named_like_its_contents_entry_is_kept() {
        let title = "Mapping the Maze of the UI Test Suite with Established Continuous Integration Practices";
        let text = format!(
            "Contents:\n\n- [{title}](#mapping-the-maze) by [Julien](https://example.com/j)\n- [Other work](#other) by [Ann](https://example.com/a)\n\nThe projects this year were many and varied, and here is what they did.\n\n### {title}\n\nJulien wrote a tool that sorts the tests into folders."
        );
        let a = place_all(&[&text]);
        let main = main_text(&a);
        assert_eq!(main.matches("mappingthemaze").count(), 3, "{main}");
    }

    #[test]
    fn a_repeated_sentence_amid_new_prose_is_dropped() {
        let a = place_all(&[
            "最初の段落では、問題の背景を丁寧に説明しています。次に進みます。",
            "そして新しい話題です。最初の段落では、問題の背景を丁寧に説明しています。さらに別の話。",
        ]);
        let main = main_text(&a);
        assert_eq!(main.matches("問題の背景").count(), 1, "{main}");
    }

    #[test]
    fn code_said_again_right_after_itself_is_no_seam_repeat() {
        let t = "Usage of the command, in short.\n\n```bash\nnpm approve-scripts --all\nnpm approve-scripts --allow-scripts-pending\n```\n";
        let a = place_all(&[t]);
        assert_eq!(main_text(&a), crate::normalize::key_string(t));
    }

    #[test]
    fn a_short_latin_refrain_amid_an_answers_new_text_is_kept_and_reported() {
        let refrain = "This value is not exported to the environment for child processes.";
        let a = place_all(&[
            &format!("The first option sets the cache folder. {refrain} "),
            &format!(
                "The second option sets the log level of every run. {refrain} The third option is a flag."
            ),
        ]);
        let main = main_text(&a);
        assert_eq!(main.matches("thisvalueisnotexported").count(), 2, "{main}");
        assert_eq!(a.quotes.len(), 1);
        // A long one is a re-emission all the same.
        let long = "This value is not exported to the environment of child processes, nor to the scripts they run, nor to the hooks that run after them, nor to any tool they call.";
        let a = place_all(&[
            &format!("The first option sets the cache folder. {long} "),
            &format!(
                "The second option sets the log level of every run. {long} The third option is a flag."
            ),
        ]);
        assert_eq!(main_text(&a).matches("thisvalueisnotexported").count(), 1);
    }

    #[test]
    fn a_table_header_said_again_amid_an_answers_new_text_is_kept() {
        // Documentation repeats its tables' header rows; accented Latin
        // (`Größe`) is a spaced script as ASCII is.
        let header = "Paket | Popcon | Größe | Schlüsselwort | Beschreibung\n---|---|---|---|---\n";
        let a = place_all(&[
            &format!(
                "Die erste Tabelle nennt die Werkzeuge für XML.\n\n{header}xsltproc | 16 | 162 | xslt | XSLT-Prozessor\n\n"
            ),
            &format!(
                "Die zweite Tabelle nennt die Werkzeuge für DSSSL.\n\n{header}openjade | 1 | 2 | dsssl | DSSSL-Prozessor\n"
            ),
        ]);
        let main = main_text(&a);
        assert_eq!(main.matches("paketpopcongröße").count(), 2, "{main}");
    }

    /// The first key at or after where `needle` starts in `t`.
    fn key_of(t: &str, k: &Keys, needle: &str) -> usize {
        k.pos.partition_point(|&p| p < t.find(needle).unwrap())
    }

    #[test]
    fn a_line_under_a_heading_past_its_history_block() {
        let t = "Text before.\n\n### `rl.createInterface(options)`\n\n<!-- YAML\nadded: v0.1.98\nchanges:\n  - version: v6.6.0\n-->\n\n* `options` {Object}\n  * `input` {stream.Readable}\n\nProse after.\n";
        let k = keys(t, 0, t.len());
        let s = whole(t, &k);
        let at = |needle: &str| key_of(t, &k, needle);
        assert!(under_heading(&s, at("options` {Object}")));
        // The next line, or a line after prose, is under no heading.
        assert!(!under_heading(&s, at("input` {stream")));
        assert!(!under_heading(&s, at("Prose after")));
        assert!(!under_heading(&s, at("Text before")));
    }

    #[test]
    fn slips_are_swaps_and_pieces_left_out_not_other_words() {
        let a: Vec<char> = "the lines.open() method creates a new reader."
            .chars()
            .collect();
        let said = |b: &str| only_slips(&a, &b.chars().collect::<Vec<_>>());
        assert!(said("the lines.open() mehtod creates a new reader."));
        assert!(said("the lines.open() method creates a reader."));
        assert!(!said("the lines.opensync() method creates a new reader."));
        assert!(!said("the lines.open() method creates a new writer."));
    }

    #[test]
    fn a_row_opening_with_the_cell_the_row_above_ends_with_is_kept() {
        let t = "encoding | note\n---|---\n[CP932](https://en.example.org/wiki/Code_page_932) |  code page 932, a variant of [Shift-JIS](https://en.example.org/wiki/Shift_JIS)\n[Shift-JIS](https://en.example.org/wiki/Shift_JIS) |  the JIS X 0208 standard for Japanese\n";
        let a = place_all(&[t]);
        let text = main_text(&a);
        assert_eq!(
            text.matches("[shiftjis](https://en.example.org/wiki/shiftjis)")
                .count(),
            2,
            "{text}"
        );
        // Code spans hold no cells: `a | grep` said again is no row.
        let t = "[87] Also: `readelf -d libfoo.so.1 | grep SONAME` as shown before, and the long tail\n`readelf -d libfoo.so.1 | grep SONAME` as shown before, and the long tail\n";
        let a = place_all(&[t]);
        assert_eq!(main_text(&a).matches("grepsoname").count(), 1);
    }

    #[test]
    fn a_word_the_article_does_not_say_is_a_templates_not_a_slip() {
        let draft = "Limits the ability to fetch dependencies from tarball files. That is, dependencies that point to a tarball file.\n";
        let a = place_all(&[draft]);
        let says_other = |t: &str| {
            let k = keys(t, 0, t.len());
            let s = SegmentKeys {
                seg: 1,
                keys: &k,
                text: t,
                boundary: true,
                original: false,
            };
            a.says_other_words(&s, 0..k.len(), &[], 0)
        };
        // Another name: the template filled in again.
        assert!(says_other(
            "Limits the ability to fetch dependencies from urls."
        ));
        // Two letters swapped, or a piece left out: an echo's slips.
        assert!(!says_other(
            "Limits the abiltiy to fetch dependencies from tarball files."
        ));
        assert!(!says_other("Limits the ability to fetch dependencies."));
        // Short words and numbers are no names.
        assert!(!says_other(
            "Limits the ability to fetch it from 2 tarball files."
        ));
    }

    #[test]
    fn template_lines_and_a_table_going_on() {
        let t = "#### Flags\n\n| Flag | Type |\n| --- | --- |\n| `--host` | String |\n| `--since` | Date |\n\nSome prose here.\n";
        let k = keys(t, 0, t.len());
        let s = whole(t, &k);
        let at = |needle: &str| key_of(t, &k, needle);
        // Heading and rows up to the `--host` row; the table goes on with
        // a row of its own.
        let host_end = at("| `--since`");
        assert!(template_lines(&s, 0..host_end));
        assert!(table_goes_on(&s, host_end));
        // Prose is no template line; a blank line ends the table.
        assert!(!template_lines(&s, 0..k.len()));
        assert!(!table_goes_on(&s, at("Some prose")));
    }

    #[test]
    fn a_block_with_an_info_string_is_code_on_a_long_page() {
        // A long block first: the look-back window opens inside it, so
        // counting fences from there says the wrong thing.
        let long: String = (0..1200).map(|n| format!("let x{n} = {n};\n")).collect();
        let t =
            format!("```\n{long}```\n\nProse between.\n\n```cjs\nconst a = 1;\n```\n\nAfter.\n");
        assert!(in_fence(&t, t.find("const a").unwrap()));
        assert!(!in_fence(&t, t.find("After.").unwrap()));
    }

    #[test]
    fn the_rest_of_a_fenced_block_up_to_its_closing_fence() {
        let t = "Some prose.\n\n```cjs\nconst a = require('a');\nconst b = a.open();\nb.close();\n```\n\nMore prose.\n\n```\nplain();\n```\n\nEnd.\n";
        let k = keys(t, 0, t.len());
        let s = whole(t, &k);
        let at = |needle: &str| key_of(t, &k, needle);
        // From a line inside the `cjs` block up to its closing fence.
        assert!(fenced(&s, at("const b")..at("More prose")));
        // Not closed right after the run (more of the block follows).
        assert!(!fenced(&s, at("const b")..at("b.close")));
        // Prose between blocks: the fence before it closes one.
        assert!(!fenced(&s, at("More prose")..at("plain")));
        // A block opened by a bare fence: no info string, not told apart
        // from a closing one.
        assert!(!fenced(&s, at("plain")..at("End")));
    }

    #[test]
    fn a_repeat_inside_the_original_draft_is_the_authors() {
        let a = place_drafts(&[
            "Update! More than 150 project members and invited guests attended the event.\n\nSome other text follows here.\n\nUpdate! More than 150 project members and invited guests attended the event.\n\nAnd the draft was cut",
            " off here, then went on.",
        ]);
        assert_eq!(main_text(&a).matches("morethan150").count(), 2);
    }

    #[test]
    fn a_long_quote_amid_the_original_drafts_new_text_is_kept_and_reported() {
        let quoted = "The seed library now lends out forty kinds of bean, squash and tomato, and every packet carries a card with the grower's notes. Borrowers return a handful of seeds at the end of the season, so the shelves fill up again without any buying. Twelve households signed up to turn the big compost heaps on Saturday mornings, which keeps them warm through the whole of March and April.";
        let draft = format!(
            "Highlights of the spring.\n\n{quoted}\n\nThe longer note from the keeper of the library follows.\n\n{quoted}\n\nThanks to everyone who sorted packets into drawers on those cold evenings; the tea fund paid for the biscuits, and there were a great many biscuits to go round. The draft was cut"
        );
        let a = place_drafts(&[&draft, " off here, then went on."]);
        let main = main_text(&a);
        assert_eq!(main.matches("theseedlibrary").count(), 2, "{main}");
        assert!(
            main.ends_with("thedraftwascutoffhere,thenwenton."),
            "{main}"
        );
        assert_eq!(a.quotes.len(), 1);
        assert!(a.quotes[0].keys.len() > 300);
    }

    #[test]
    fn code_said_again_up_to_the_drafts_end_is_an_examples_twin() {
        let body = "const net = meters.open('net');\n// Read the meter once a second and print what it says, with the time.\nsetInterval(() => {\n  const now = new Date().toISOString();\n  const packets = meters.read('net');\n  if (packets > net.limit) {\n    console.warn(`${now} ${net.name}: ${packets} packets, over ${net.limit}`);\n    return;\n  }\n  console.log(`${now} ${net.name}: ${packets} packets`);\n}, 1000);\n}\n```";
        let requires = "```cjs\nconst meters = require('node:meters');\nconst { setInterval } = require('node:timers');\nconst { hostname } = require('node:os');\n";
        let draft = format!(
            "# Meters\n\nOpen a meter first.\n\n```mjs\nimport meters from 'node:meters';\nconst disk = meters.open('disk');\n}}\n```\n\n{requires}\nconst disk = meters.open('disk');\n}}\n```\n\nThen read it.\n\n```mjs\nimport meters from 'node:meters';\n\n{{\n{body}\n\n{requires}\n{{\n{body}\n\nClose it when done, or it stays op"
        );
        let a = place_drafts(&[&draft, "en."]);
        let main = main_text(&a);
        // Both examples whole: the `mjs` block and its `cjs` twin.
        assert_eq!(main.matches("readthemeteroncea").count(), 2, "{main}");
        assert_eq!(main.matches("packets,over").count(), 2, "{main}");
        assert!(main.ends_with("oritstaysopen."), "{main}");
        assert_eq!(a.quotes.len(), 1);
    }

    #[test]
    fn code_going_on_from_a_cut_line_its_twin_said_goes_on_like_it() {
        fn seg<'a>(seg: usize, keys: &'a Keys, text: &'a str) -> SegmentKeys<'a> {
            SegmentKeys {
                seg,
                keys,
                text,
                boundary: true,
                original: false,
            }
        }
        let block = |head: &str, tail: &str| {
            format!(
                "```{head}\nsetInterval(() => {{\n  if (packets > net.limit) {{\n    // Over the limit: say so once, then wa{tail}"
            )
        };
        let rest = "it for the next reading.\n    return;\n  }\n}, 1000);\n```\n\n";
        let draft = format!("Read it.\n\n{}{}", block("mjs", rest), block("cjs", ""));
        // The article after the draft; `j` right after the `mjs` block's
        // line that the `cjs` one was cut in.
        let placed = |text: &str| {
            let k0 = keys(text, 0, draft.len());
            let k1 = keys(text, draft.len(), text.len());
            let mut a = Article::new();
            a.place(&seg(0, &k0, text));
            let chars: String = a.chars.iter().collect();
            let line = crate::normalize::key_string("Over the limit: say so once, then wa");
            let at = chars.find(&line).unwrap() + line.len();
            let j = chars[..at].chars().count();
            (a, k1, j)
        };
        let text = format!("{draft}{rest}");
        let (a, k1, j) = placed(&text);
        assert!(a.goes_on_like_its_twin(&seg(1, &k1, &text), j));
        // Elsewhere, or said by the segment that was cut, it is no twin.
        assert!(!a.goes_on_like_its_twin(&seg(1, &k1, &text), j - 3));
        assert!(!a.goes_on_like_its_twin(&seg(0, &k1, &text), j));
        // Prose says a sentence's opening again as it likes.
        let prose = text.replace("```", "");
        let draft_len = draft.len() - 3 * "```".len();
        let (k0, k1) = (
            keys(&prose, 0, draft_len),
            keys(&prose, draft_len, prose.len()),
        );
        let mut a = Article::new();
        a.place(&seg(0, &k0, &prose));
        assert_eq!(a.chars, placed(&text).0.chars);
        assert!(!a.goes_on_like_its_twin(&seg(1, &k1, &prose), j));
    }

    #[test]
    fn a_line_saying_the_one_just_written_again_well_into_an_answer_is_kept() {
        let draft = "Modules are looked up in folders named node_modules, from the folder of the file that asks for them and then in each folder abo";
        let answer = "ve it. If it is not found there, then it moves to the parent directory, and so on, until the root of the file system is reached. For example, if the file at /home/ry/projects/foo.js called require('bar.js'), then Node.js would look in the following locations, in this order:\n\n* `/home/ry/node_modules/bar.js`\n* `/home/node_modules/bar.js`\n* `/node_modules/bar.js`\n\nThis allows programs to localize their dependencies.";
        let a = place_all(&[draft, answer]);
        let main = main_text(&a);
        assert!(
            main.contains("/home/nodemodules/bar.js/nodemodules/bar.jsthisallows"),
            "{main}"
        );
        assert_eq!(a.quotes.len(), 1);
        // At an answer's opening, it is the cut line said again.
        let a = place_all(&[
            &format!("{draft}ve it, in this order:\n\n* `/home/node_modules/bar.js`"),
            "* `/node_modules/bar.js`\n\nThis allows programs to localize their dependencies.",
        ]);
        assert!(main_text(&a).contains("/home/nodemodules/bar.jsthisallows"));
    }

    #[test]
    fn an_answer_of_only_the_cut_words_chars_says_the_cut_again() {
        let a = place_all(&["This was not the intended be", "be"]);
        assert_eq!(main_text(&a), "thiswasnottheintendedbe");
        // Inside a word, the same chars go on with it.
        let a = place_all(&["This was not the intended probe", "be"]);
        assert_eq!(main_text(&a), "thiswasnottheintendedprobebe");
    }

    #[test]
    fn an_echo_cut_two_letters_into_a_sentence_repeats_them() {
        let draft = [
            "The first month went on digging. We lifted the grass by hand, fork by fork, because a rotavator would only have chopped the roots",
            " and spread them. It was slow work. With the beds cleared, we could plan.",
        ];
        let echo = "The first month went on digging. We lifted the grass by hand, fork by fork, because a rotavator would only have chopped the roots and spread them.";
        let whole = crate::normalize::key_string(&draft.concat());
        // Cut two letters into the sentence after the one the echo left out.
        let a = place_all(&[draft[0], draft[1], &format!("{echo} Wi")]);
        assert_eq!(main_text(&a), whole);
        assert!(a.insertions.is_empty());
        // Other letters there are kept, unsure.
        let a = place_all(&[draft[0], draft[1], &format!("{echo} So")]);
        assert_eq!(a.insertions.len(), 1);
    }

    #[test]
    fn an_echo_opening_with_a_words_last_letters_is_a_repeat() {
        let draft = "Please [report](https://github.com/example/tool/issues) any bugs you find!\n\n## What is new\n\nThe cache is now shared between projects, so a second checkout builds in seconds. The draft goes on and is cut";
        // `hub.` of `github.`, the echo leaving out what followed it.
        let a = place_all(&[
            draft,
            "hub.\n\n## What is new\n\nThe cache is now shared between projects, so a second checkout builds in seconds.",
        ]);
        assert_eq!(main_text(&a), crate::normalize::key_string(draft));
    }

    #[test]
    fn a_draft_cut_after_a_space_ended_its_word() {
        // `<iframe` + `frameborder`: no overlap from inside the word.
        let a = place_all(&[
            "Watch it here.\n\n<iframe \n\n",
            "frameborder=\"0\" src=\"x\">",
        ]);
        assert!(
            main_text(&a).contains("iframeframeborder"),
            "{}",
            main_text(&a)
        );
        // Cut inside the word, the answer says its end again.
        let a = place_all(&["Watch it here.\n\n<iframe", "frameborder=\"0\" src=\"x\">"]);
        assert!(main_text(&a).contains("<iframeborder"), "{}", main_text(&a));
    }

    #[test]
    fn an_answer_going_on_with_a_cut_link_from_a_template_is_new_text() {
        let draft = "- [`Default for gadget::map::{IntoKeys, Keys}`](https://docs.example.org/gadget/collections/tree_map/struct.IntoKeys.html)\n- [`Default for gadget::map::{IntoValues, Values}`](https://docs.example.org/gadget/collections/tr";
        let answer = "ee_map/struct.IntoKeys.html)\n- [`Default for gadget::map::Range`](https://docs.example.org/gadget/collections/tree_map/struct.Range.html)";
        let a = place_all(&[draft, answer]);
        let main = main_text(&a);
        assert!(main.contains("map::range]"), "{main}");
        assert_eq!(main.matches("intokeys.html").count(), 2, "{main}");
    }

    #[test]
    fn an_answer_saying_a_cut_url_again_goes_on_with_it() {
        // The URL goes on as the heading's said it: one token, no echo.
        let draft = "### [本](https://www.example.co.jp/dp/4297119544/?tag=x-22) 解説 [詳しく見る →](https://www.example.co.jp/dp";
        let answer = "example.co.jp/dp/4297119544/?tag=x-22)\n\n### [二冊目](https://www.example.co.jp/dp/4049112388/?tag=x-22)";
        let main = main_text(&place_all(&[draft, answer]));
        assert_eq!(main.matches("4297119544").count(), 2, "{main}");
        assert_eq!(main.matches("example.co.jp/dp").count(), 3, "{main}");
        // Cut inside the URL, the answer going on with it as the heading
        // said it, to its line's end.
        let draft = "### [本](https://www.example.co.jp/dp/4296080342/?tag=nullpodesu-22)\n\n解説の文です。\n\n[詳しく見る →](https://www.example.co.j";
        let answer = "p/dp/4296080342/?tag=nullpodesu-22)\n\n### [二冊目](https://www.example.co.jp/dp/4049112388/?tag=nullpodesu-22)";
        let main = main_text(&place_all(&[draft, answer]));
        assert_eq!(main.matches("4296080342").count(), 2, "{main}");
    }

    #[test]
    fn a_seam_repeat_then_a_few_chars_said_before_is_no_echo() {
        // `tag=…-22)` ends the article too; the next book's heading opens
        // like the last one (`生成AI`): too little to make an echo of it.
        let draft = "### [AI白書](https://www.example.co.jp/dp/4049112388/?tag=nullpodesu-22)\n\n説明一。\n\n[詳しく見る →](https://www.example.co.jp/dp/4049112388/?tag=nullpodesu-22)\n\n### [生成AIプロンプト入門](https://www.example.co.jp/dp/4798181986/?tag=nullpodesu-22)\n\n説明二。\n\n[詳しく見る →](https://www.example.co.jp/dp/4798181986/?tag=nullpodesu-22";
        let answer = "tag=nullpodesu-22)\n\n### [生成AI活用の最前線](https://www.example.co.jp/dp/4492558454/?tag=nullpodesu-22)\n\n説明三。";
        let text = laid_out(&place_all(&[draft, answer]));
        let (two, three) = (
            text.find("説明二").unwrap(),
            text.find("活用の最前線").unwrap(),
        );
        assert!(two < three, "{text}");
    }

    #[test]
    fn an_answer_going_on_inside_a_cut_link_word_from_a_template_is_new_text() {
        let draft = "[詳しく見る →](https://www.example.co.jp/dp/4815636605/)\n\n### [二冊目](https://www.example.co.jp/dp/4798181986/)\n\n[詳";
        let answer = "しく見る →](https://www.example.co.jp/dp/4798181986/)\n\n### [三冊目](https://www.example.co.jp/dp/4785730706/)";
        let a = place_all(&[draft, answer]);
        let main = main_text(&a);
        assert_eq!(main.matches("しく見る").count(), 2, "{main}");
        // An echo from a line's start is no continuation of the cut word.
        let echo = "[詳しく見る →](https://www.example.co.jp/dp/4815636605/)\n\n### [三冊目](https://www.example.co.jp/dp/4785730706/)";
        let main = main_text(&place_all(&[draft, echo]));
        assert_eq!(main.matches("しく見る").count(), 1, "{main}");
    }

    #[test]
    fn exact_repeat_is_dropped() {
        let t = "Some long English paragraph that goes on for a while, long enough to count.";
        let a = place_all(&[t, t]);
        assert_eq!(a.frontier, crate::normalize::key_string(t).chars().count());
        assert!(
            a.spans
                .iter()
                .any(|s| matches!(s.kind, SpanKind::Repeat | SpanKind::SeamOverlap))
        );
    }

    #[test]
    fn a_number_opening_its_line_ends_no_sentence() {
        let t = "### 4. パフォーマンス比較\n\n1. Make it. 2. Then go.\n12.5 percent.";
        let k = keys(t, 0, t.len());
        let s = whole(t, &k);
        let dot_after = |word: &str| {
            let at = t.find(word).unwrap() + word.len();
            k.pos.iter().position(|&p| p == at).unwrap()
        };
        assert!(!ends_sentence(&s, dot_after("### 4")));
        assert!(!ends_sentence(&s, dot_after("\n1")));
        assert!(ends_sentence(&s, dot_after("Make it")));
        // Mid-line, `2.` still follows a sentence end; `12.5` is a number.
        assert!(ends_sentence(&s, dot_after(" 2")));
        assert!(!ends_sentence(&s, dot_after("\n12")));
    }

    #[test]
    fn an_empty_answer_leaves_where_the_last_echo_stopped() {
        // The echo stops a char short of the cut (`否定で`, cut inside
        // `き`); an empty answer; then the char again whole and on.
        let draft =
            "最初の文です。ここには長い説明が続きます。この制約が新たな種となる可能性も否定でき";
        let echo = "ここには長い説明が続きます。この制約が新たな種となる可能性も否定で";
        let next = "きない。最高のチップが手に入らないなら、今あるものを活かす。";
        let want = "最初の文です。ここには長い説明が続きます。この制約が新たな種となる可能性も否定できない。最高のチップが手に入らないなら、今あるものを活かす。";
        // Nor does an echo of an earlier place, stopping short of the end.
        let early = "最初の文です。ここには長い説明が続きます。";
        for texts in [
            &[draft, echo, next][..],
            &[draft, echo, "", next],
            &[draft, echo, early, next],
        ] {
            assert_eq!(main_text(&place_all(texts)), want, "{texts:?}");
        }
    }

    #[test]
    fn short_legit_repeat_inside_new_text_is_kept() {
        let a = place_all(&["はい。本文の一文目です。はい。二文目です。"]);
        assert_eq!(main_text(&a), "はい。本文の一文目です。はい。二文目です。");
    }

    #[test]
    fn edited_echo_is_a_variant() {
        let first =
            "一つ目の文がここにあります。二つ目の文はこちらにあります。三つ目の文で終わります。";
        let echo =
            "一つ目の文がここにあります。二つ目の文はこちにらあります。三つ目の文で終わります。";
        let a = place_all(&[first, echo]);
        assert_eq!(
            main_text(&a).chars().count(),
            crate::normalize::key_string(first).chars().count()
        );
        assert!(a.insertions.is_empty());
    }

    #[test]
    fn an_echoed_line_with_a_piece_left_out_and_a_slip_is_a_variant() {
        let first = "周刊第一期。\n\n[美国制造是否可能](http://www.example.com/blog/2022/03/weekly-issue-198.html)（2022 #198）\n\n[微增长时代](http://www.ruanyifeng.com/blog/2021/03/weekly-issue-148.html)（2021 #148）\n\n[在线教育不等于录制视频](http://www.example.com/blog/2020/02/weekly-issue-96.html)（2020 #96）\n\n（完）";
        let echo = "[美国制造是否可能](http://www.example.com/blog/2022/03/weekly-issue-198.html)（2022 #198）\n\n[微增长时代](http://www.runayifeng.html)（2021 #148）\n\n[在线教育不等于录制视频](http://www.example.com/blog/2020/02/weekly-issue-96.html)（2020 #96）\n\n（完）";
        let a = place_all(&[first, echo]);
        assert!(a.insertions.is_empty());
        assert_eq!(main_text(&a), crate::normalize::key_string(first));
    }

    #[test]
    fn similarity_is_bounded() {
        let a: Vec<char> = "abcdef".chars().collect();
        assert!(similarity(&a, &a) > 0.99);
        assert_eq!(similarity(&a, &[]), 0.0);
    }

    #[test]
    fn a_collapsed_answer_takes_the_paragraphs_a_later_echo_gives_it() {
        let draft = "The first paragraph says what the post is about.\n\nThe second paragraph was cut in the midd";
        let collapsed = "le of a word. Then the answer wrote new text on one line. It had three paragraphs once. The last one ends here.";
        let echo = "The second paragraph was cut in the middle of a word.\n\nThen the answer wrote new text on one line.\n\nIt had three paragraphs once. The last one ends here.\n\nA closing line.";
        let a = place_drafts(&[draft, collapsed, echo]);
        let text = main_text(&a);
        let at = |needle: &str| text.find(needle).unwrap();
        // The collapsed answer's text is laid out from the echo, whose
        // formatting it takes; the draft keeps its own.
        for needle in ["thentheanswer", "ithadthree", "thelastone"] {
            assert_eq!(a.src[at(needle)].seg, 2, "{needle}");
        }
        assert_eq!(a.src[at("thefirstparagraph")].seg, 0);
        assert_eq!(a.src[at("thesecondparagraph")].seg, 0);
        // One line breaking it in two says nothing an answer re-emitting
        // the draft may not do: the draft keeps its own formatting.
        let split = "The first paragraph says\n\nwhat the post is about.\n\nThe second paragraph was cut in the middle of a word.";
        let n = place_drafts(&[draft]).frontier;
        let b = place_drafts(&[draft, split]);
        assert!((0..n).all(|q| b.src[q].seg == 0));
    }

    #[test]
    fn decoration_is_what_a_gap_holds_besides_whitespace() {
        assert_eq!(decoration_hash(""), 0);
        assert_eq!(decoration_hash(" \n\n "), 0);
        assert_ne!(decoration_hash("**"), 0);
        assert_eq!(decoration_hash("** \n"), decoration_hash("\n**"));
        assert_ne!(decoration_hash("**"), decoration_hash("`"));
        assert_ne!(decoration_hash("## "), decoration_hash("# "));
    }

    #[test]
    fn a_cut_said_again_with_two_letters_swapped_is_found() {
        let draft = "Первый абзац статьи о вопросах.\n\nНе используйте пе";
        let a = place_all(&[draft]);
        let other = "Другой текст.";
        let k = keys(other, 0, other.len());
        let s = SegmentKeys {
            seg: 1,
            keys: &k,
            text: other,
            boundary: true,
            original: false,
        };
        let c = |t: &str| t.chars().collect::<Vec<_>>();
        let d = a.edited_cut(&s, &c("неиспользуйетпервоелицо")).unwrap();
        assert_eq!(a.chars[d].iter().collect::<String>(), "неиспользуйтепе");
        // Said as it is, or with other letters, or not going on: no slip.
        assert!(a.edited_cut(&s, &c("неиспользуйтепервоелицо")).is_none());
        assert!(a.edited_cut(&s, &c("неиспользуймыпервоелицо")).is_none());
        assert!(a.edited_cut(&s, &c("неиспользуйетпе")).is_none());
    }

    #[test]
    fn a_lead_saying_the_line_before_the_echo_again_is_found() {
        let draft = "Intro text here.\n\n## Test your restores\n\nA backup you have never restored is a hope.";
        let a = place_all(&[draft]);
        let j = main_text(&a).find("abackup").unwrap();
        let c = |t: &str| t.chars().collect::<Vec<_>>();
        let k = a
            .line_said_in_lead(&c("testyourrestoresregularly:"), j)
            .unwrap();
        assert_eq!(a.chars[k..j].iter().collect::<String>(), "testyourrestores");
        // Another line's words, or far more words than a restatement: no.
        assert!(
            a.line_said_in_lead(&c("introtexthere.andmore"), j)
                .is_none()
        );
        let long = format!("testyourrestores{}", "x".repeat(LINE_RESTATED + 1));
        assert!(a.line_said_in_lead(&c(&long), j).is_none());
    }
}
