//! Explaining what a terminal showed or a merchant typed: a response code printed in the text,
//! a known display text, a scheme's published meaning, or the symptoms of a situation with no
//! code.
//!
//! How a text is read:
//! 1. It is normalised: full-width forms and Chinese punctuation folded, Traditional Chinese
//!    made Simplified (a table generated at build time from OpenCC's dictionaries), ASCII
//!    upper-cased, abbreviations spelled out (`INSUFF` → `INSUFFICIENT`, `TXN` → `TRANSACTION`),
//!    then squashed: spaces and punctuation dropped, so `PICK UP`, `PICK-UP` and `PICKUP` read
//!    alike. Synonyms (发卡机构 / 发卡方 / 发卡银行 / 发卡行, 网络 / 通讯 / 通信, …) are
//!    expanded into the phrase table at build time.
//! 2. A code printed in the text (`05 交易失败`, `RC=51`, `(51)`, `应答码:A0`, `DECLINED 05`)
//!    decides.
//! 3. Otherwise every known phrase in the text is found at once by an Aho-Corasick automaton
//!    (the `aho-corasick` crate; English phrases must start and end on word boundaries). The
//!    most specific phrase wins: its length once generic words (ERROR, CALL, CARD, 请重试,
//!    请换卡, …) and umbrella phrases (交易失败, 请联系发卡行, …) are taken out. Generic words
//!    never decide; umbrella phrases answer with their triage only when nothing specific
//!    matched. Two specific phrases of about the same weight pointing at unrelated answers give
//!    an ambiguous answer with the candidates, not the first hit.
//! 4. Modifiers change the outcome: a pick-up word (`PICK UP`, `RETAIN`, 没收, 吞卡) anywhere
//!    makes the answer a pick-up (54 becomes 33, 59 becomes 34, and so on, else 04); a partial
//!    word (`PARTIAL`, 部分) turns an approval into a partial approval (10).
//!
//! The automaton is built once, at the first call (a few milliseconds; this is why text
//! matching needs the `alloc` feature); later calls do not allocate.

use alloc::boxed::Box;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind as AcMatchKind};
use once_cell::race::OnceBox;

use super::normalize::{Prepared, mark_words, prepare_into};
use super::{Class, Explanation, Outcome, Pattern, Retry, Scheme, Situation, explain, tables};

/// Longest text, in bytes, that is read; a longer one is read up to this length.
pub const MAX_TEXT: usize = 384;

/// Most candidates an ambiguous answer lists.
const MAX_CANDIDATES: usize = 24;

/// Most phrase matches looked at in one text (at most 64: a bit each in a `u64`).
const MAX_MATCHES: usize = 64;
const _: () = assert!(MAX_MATCHES <= 64);

/// Room for the squashed text: abbreviations spelled out can make it longer than the text.
const MAX_SQUASHED: usize = 3 * MAX_TEXT;
// Places in the squashed text are kept in 16 bits.
const _: () = assert!(MAX_SQUASHED < 1 << 16);

/// Texts up to this long are read with small buffers.
const SHORT_TEXT: usize = 128;

/// How the answer was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TextBasis {
    /// The whole text is a known phrase.
    Exact,
    /// Known phrases found inside the text.
    Contains,
    /// A response code printed in the text.
    PrintedCode,
}

/// What kind of answer a text got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MatchKind {
    /// A response code's explanation ([`TextMatch::explanation`]).
    Code,
    /// A situation with no response code ([`TextMatch::situation`]).
    Situation,
    /// Several unrelated codes or situations fit: [`TextMatch::explanations`] lists them and
    /// [`TextMatch::situation`] gives the triage to follow.
    Ambiguous,
}

/// The answer to a display text or a merchant's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TextMatch {
    /// The known phrase that decided, normalised (for a printed code, the code as the table
    /// lists it).
    pub text: &'static str,
    /// How it was found.
    pub basis: TextBasis,
    /// What kind of answer it is.
    pub kind: MatchKind,
    /// Whether a pick-up word in the text made (or confirmed) a pick-up answer.
    pub pick_up: bool,
    /// Always a run of candidates from the start, then empty slots.
    candidates: [Option<&'static Explanation>; MAX_CANDIDATES],
    situation: Option<&'static Situation>,
}

impl TextMatch {
    /// For a code answer, its explanation (the first candidate).
    pub fn explanation(&self) -> Option<&'static Explanation> {
        match self.kind {
            MatchKind::Code => self.candidates[0],
            _ => None,
        }
    }

    /// The explanations that fit: for a code answer, the answer first, then the same text's
    /// codes in other schemes; for an ambiguous one, every candidate.
    pub fn explanations(&self) -> impl Iterator<Item = &'static Explanation> + '_ {
        // The candidates fill the list from its start: the first empty slot ends them.
        self.candidates.iter().map_while(|c| *c)
    }

    /// The (scheme, code) pairs of [`explanations`](Self::explanations).
    pub fn codes(&self) -> impl Iterator<Item = (Scheme, &'static str)> + '_ {
        self.explanations().map(|e| (e.scheme, e.code))
    }

    /// The situation: the answer for a situation, the triage to follow for an ambiguous
    /// answer, or one that also fits a code answer (`交易超时` is both CUP 98 and a time-out
    /// with an unknown outcome).
    pub fn situation(&self) -> Option<&'static Situation> {
        self.situation
    }

    fn new(text: &'static str, basis: TextBasis, kind: MatchKind) -> TextMatch {
        TextMatch {
            text,
            basis,
            kind,
            pick_up: false,
            candidates: [None; MAX_CANDIDATES],
            situation: None,
        }
    }

    fn gist(&self) -> Gist {
        Gist {
            first: self.candidates[0],
            situation: self.situation,
        }
    }

    /// Adds `e` after the candidates, unless it is one of them. They fill the list from its
    /// start, so one pass up to the first empty slot both looks for `e` and finds the room.
    fn push(&mut self, e: &'static Explanation) {
        for slot in &mut self.candidates {
            match slot {
                Some(c) if core::ptr::eq(*c, e) => return,
                Some(_) => {}
                None => {
                    *slot = Some(e);
                    return;
                }
            }
        }
    }

    /// Keeps the candidates `keep` accepts, in order, in place. The same as pushing them
    /// again into an empty list: candidates are always distinct (every one is pushed, or
    /// copied from a compiled list that was) and fill the list from its start.
    fn retain(&mut self, keep: impl Fn(&Explanation) -> bool) {
        let mut kept = 0usize;
        for i in 0..MAX_CANDIDATES {
            let Some(e) = self.candidates.get(i).copied().flatten() else {
                break;
            };
            if keep(e)
                && let Some(slot) = self.candidates.get_mut(kept)
            {
                *slot = Some(e);
                kept = kept.saturating_add(1);
            }
        }
        for slot in self.candidates.iter_mut().skip(kept) {
            *slot = None;
        }
    }
}

/// The Simplified form of a Traditional character (see `T2S` in build.rs): most characters
/// have none, which the bit table says at once; for the others, the entry after those of
/// every bit set before its own.
fn t2s(c: char) -> Option<char> {
    // Below U+3400 the difference wraps to a large number, past the table like those above it.
    let i = u32::from(c).wrapping_sub(0x3400) as usize;
    let word = *tables::T2S_BITS.get(i / 64)?;
    if word & (1u64 << (i % 64)) == 0 {
        return None;
    }
    let below = word & (1u64 << (i % 64)).wrapping_sub(1);
    let rank = usize::from(*tables::T2S_RANK.get(i / 64)?);
    tables::T2S
        .get(rank.wrapping_add(below.count_ones() as usize))
        .copied()
}

/// The full spelling of an abbreviation terminals print (INSUFF → INSUFFICIENT). Most words
/// are none, which their first two characters and length tell at once (inlined, so that
/// check costs no call); the others are looked up.
#[inline(always)]
fn canon(word: &[u8]) -> Option<&'static str> {
    let b36 = |c: u8| match c {
        b'A'..=b'Z' => Some(usize::from(c.wrapping_sub(b'A'))),
        b'0'..=b'9' => Some(usize::from(c.wrapping_sub(b'0')).wrapping_add(26)),
        _ => None,
    };
    let [a, b, ..] = *word else { return None };
    let slot = b36(a)?.wrapping_mul(36).wrapping_add(b36(b)?);
    let lengths = tables::ABBREVIATION_LENGTHS.get(slot).copied().unwrap_or(0);
    if word.len() >= 32 || lengths & (1u32 << word.len()) == 0 {
        return None;
    }
    abbreviation(word, slot)
}

/// The abbreviation `word` among those starting with the same two characters (`slot`).
#[inline(never)]
fn abbreviation(word: &[u8], slot: usize) -> Option<&'static str> {
    let first =
        |slot: usize| usize::from(tables::ABBREVIATION_FIRST.get(slot).copied().unwrap_or(0));
    tables::ABBREVIATIONS
        .get(first(slot)..first(slot.wrapping_add(1)))?
        .iter()
        .find(|(a, _)| *a == word)
        .map(|&(_, spelled)| spelled)
}

/// What is built once, at the first call: the automaton over every phrase, and each phrase's
/// own answer for ASCII and for Chinese text, so a look-up only reads it.
struct Compiled {
    /// A DFA over every phrase's squashed form, walked byte by byte.
    automaton: DFA,
    /// Per phrase: its answer in ASCII text, then in Chinese text.
    answers: alloc::vec::Vec<[PhraseAnswer; 2]>,
    /// The candidates of every answer, one run per answer.
    explanations: alloc::vec::Vec<&'static Explanation>,
    /// Per phrase: what the scan checks of it at each match (see [`Scan::run`]), worked
    /// out once rather than read from the phrase each time.
    checks: alloc::vec::Vec<Checks>,
}

/// What the scan checks of a phrase it finds, a bit each, and the length of its squashed
/// form: all the scan reads of a phrase at a match, in one word.
#[derive(Clone, Copy, Default)]
struct Checks(u32);

impl Checks {
    /// It starts with an ASCII letter or digit: a word boundary must come before it.
    const START: u32 = 1 << 16;
    /// It ends with an ASCII letter or digit and is no modifier: a word boundary must follow.
    const END: u32 = 1 << 17;
    /// It is a strong phrase that names a funds or limit decline.
    const FUNDS: u32 = 1 << 18;
    /// It is a pick-up word.
    const PICK_UP: u32 = 1 << 19;
    /// It is a partial-approval word.
    const PARTIAL: u32 = 1 << 20;
    /// It denies an approval.
    const DENIED: u32 = 1 << 21;
    /// Any of the modifiers.
    const MODIFIERS: u32 = Checks::PICK_UP | Checks::PARTIAL | Checks::DENIED;

    fn of(p: &Pattern) -> Checks {
        let bytes = p.squashed.as_bytes();
        let start = bytes.first().is_some_and(u8::is_ascii_alphanumeric);
        let end = bytes.last().is_some_and(u8::is_ascii_alphanumeric) && !(p.pick_up || p.partial);
        let funds = p.class == Class::Strong && funds_phrase(p);
        let len = u32::from(u16::try_from(bytes.len()).unwrap_or(u16::MAX));
        [
            (start, Checks::START),
            (end, Checks::END),
            (funds, Checks::FUNDS),
            (p.pick_up, Checks::PICK_UP),
            (p.partial, Checks::PARTIAL),
            (p.not_approved, Checks::DENIED),
        ]
        .iter()
        .filter(|(set, _)| *set)
        .fold(Checks(len), |c, (_, bit)| Checks(c.0 | bit))
    }

    fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }

    /// The length of the phrase's squashed form, in bytes.
    fn len(self) -> usize {
        (self.0 & 0xFFFF) as usize
    }
}

/// One phrase's own answer, as compiled: its candidates are a run of
/// [`Compiled::explanations`].
#[derive(Clone, Copy)]
struct PhraseAnswer {
    kind: MatchKind,
    /// Its first candidate and situation, which are all that agreement looks at.
    gist: Gist,
    start: u32,
    len: u8,
}

impl PhraseAnswer {
    /// For a phrase with no compiled answer; never read, as every phrase has one (the answers
    /// are compiled from the phrase table itself).
    const NONE: PhraseAnswer = PhraseAnswer {
        kind: MatchKind::Situation,
        gist: Gist {
            first: None,
            situation: None,
        },
        start: 0,
        len: 0,
    };
}

/// What two answers are compared by: the first candidate and the situation.
#[derive(Clone, Copy)]
struct Gist {
    first: Option<&'static Explanation>,
    situation: Option<&'static Situation>,
}

impl Compiled {
    /// A found phrase's own answer.
    fn answer(&self, f: &Found, cjk: bool) -> PhraseAnswer {
        self.answers
            .get(usize::from(f.index))
            .and_then(|a| a.get(usize::from(cjk)))
            .copied()
            .unwrap_or(PhraseAnswer::NONE)
    }

    /// The candidates of a compiled answer.
    fn candidates(&self, a: &PhraseAnswer) -> &[&'static Explanation] {
        let start = a.start as usize;
        self.explanations
            .get(start..start.saturating_add(usize::from(a.len)))
            .unwrap_or_default()
    }

    /// A found phrase's own answer, written out. Inlined, so it is written where the caller
    /// keeps it rather than copied there (an answer is some 200 bytes).
    #[inline(always)]
    fn text_match(&self, f: &Found, basis: TextBasis, cjk: bool) -> TextMatch {
        let a = self.answer(f, cjk);
        let mut m = TextMatch::new(f.pattern.text, basis, a.kind);
        m.situation = a.gist.situation;
        for (slot, e) in m.candidates.iter_mut().zip(self.candidates(&a)) {
            *slot = Some(*e);
        }
        m
    }
}

static COMPILED: OnceBox<Compiled> = OnceBox::new();

fn compiled() -> Option<&'static Compiled> {
    COMPILED
        .get_or_try_init(|| {
            let automaton = DFA::builder()
                .match_kind(AcMatchKind::Standard)
                .prefilter(false)
                .build(tables::PATTERNS.iter().map(|p| p.squashed))?;
            let mut explanations = alloc::vec::Vec::new();
            let mut compile = |p: &'static Pattern, cjk: bool| {
                let m = phrase_answer(p, TextBasis::Exact, cjk);
                let start = u32::try_from(explanations.len()).unwrap_or(u32::MAX);
                explanations.extend(m.explanations());
                PhraseAnswer {
                    kind: m.kind,
                    gist: m.gist(),
                    start,
                    len: u8::try_from(m.explanations().count()).unwrap_or(u8::MAX),
                }
            };
            let answers = tables::PATTERNS
                .iter()
                .map(|p| [compile(p, false), compile(p, true)])
                .collect();
            let checks = tables::PATTERNS.iter().map(Checks::of).collect();
            Ok::<_, aho_corasick::BuildError>(Box::new(Compiled {
                automaton,
                answers,
                explanations,
                checks,
            }))
        })
        .ok()
}

/// A phrase found in the squashed text.
#[derive(Clone, Copy)]
struct Found {
    pattern: &'static Pattern,
    /// Its index in the phrase table.
    index: u16,
    start: u16,
    end: u16,
}

impl Found {
    fn weight(&self) -> (u16, u16) {
        (self.pattern.substance, self.end.saturating_sub(self.start))
    }
    fn overlaps(&self, other: &Found) -> bool {
        self.start < other.end && other.start < self.end
    }
    fn within(&self, other: &Found) -> bool {
        other.start <= self.start
            && self.end <= other.end
            && (other.start, other.end) != (self.start, self.end)
    }
}

/// Explains what a terminal showed or a merchant typed: `CONTACT ISSUER`, `余额不足`,
/// `EXPIRED CARD - PICK UP`, `05 交易失败`, `刷不了卡`, `POS机显示用户异常`.
///
/// `None` means nothing known was found: an honest "no match", never a guess. See the module
/// documentation for how the text is read.
///
/// ```
/// use iso8583_response::codes::{explain_text, MatchKind, Outcome, Scheme, TextBasis};
///
/// let m = explain_text("  contact   issuer ").unwrap();
/// assert_eq!(m.basis, TextBasis::Exact);
/// assert!(m.codes().any(|c| c == (Scheme::Iso87, "01")));
///
/// // A pick-up word changes the answer: expired and to be kept is 33, not 54.
/// let m = explain_text("EXPIRED CARD - PICK UP").unwrap();
/// assert_eq!(m.explanation().unwrap().outcome, Outcome::PickUpCard);
///
/// // The code printed in the text decides.
/// let m = explain_text("交易失败 51").unwrap();
/// assert_eq!((m.basis, m.explanation().unwrap().code), (TextBasis::PrintedCode, "51"));
///
/// // Words with no code lead to a situation and its triage.
/// let m = explain_text("刷不了卡").unwrap();
/// assert_eq!(m.kind, MatchKind::Situation);
/// assert_eq!(m.situation().unwrap().family.id, "card-physical");
/// assert!(explain_text("HELLO WORLD").is_none());
/// ```
pub fn explain_text(text: &str) -> Option<TextMatch> {
    let compiled = compiled()?;
    // Most texts are short: they are read with small buffers (less to clear on each call).
    if text.len() <= SHORT_TEXT {
        let mut scan = Scan::<
            { 2 * SHORT_TEXT },
            { 3 * SHORT_TEXT },
            { mark_words(3 * SHORT_TEXT) },
            32,
        >::new();
        scan.run(compiled, text)?;
        return decide(compiled, &scan.view()?);
    }
    let head = cut(text, MAX_TEXT);
    let mut scan =
        Scan::<{ 2 * MAX_TEXT }, MAX_SQUASHED, { mark_words(MAX_SQUASHED) }, MAX_MATCHES>::new();
    scan.run(compiled, head)?;
    // A longer text is read for its modifiers to the end, a piece at a time: a pick-up word
    // at the end of a long message still counts.
    // Pieces overlap by `OVERLAP` bytes, so a phrase cut by a piece's end is whole in the next.
    const OVERLAP: usize = 64;
    let mut from = head.len();
    while from < text.len() {
        let mut start = from.saturating_sub(OVERLAP);
        while !text.is_char_boundary(start) {
            start = start.saturating_sub(1);
        }
        let piece = cut(text.get(start..).unwrap_or_default(), MAX_TEXT);
        let mut more =
            Scan::<{ 2 * MAX_TEXT }, MAX_SQUASHED, { mark_words(MAX_SQUASHED) }, MAX_MATCHES>::new(
            );
        if more.run(compiled, piece).is_some() {
            scan.modifiers.merge(more.modifiers);
        }
        let next = start.saturating_add(piece.len());
        if next <= from {
            break;
        }
        from = next;
    }
    decide(compiled, &scan.view()?)
}

/// What a scan found, as [`decide`] reads it.
struct View<'s> {
    normalized: &'s [u8],
    len: usize,
    found: &'s [Option<Found>],
    modifiers: Modifiers,
}

/// The answer from what the text's scan found.
fn decide(compiled: &Compiled, view: &View<'_>) -> Option<TextMatch> {
    let View {
        normalized,
        len,
        found,
        modifiers:
            Modifiers {
                pick_up,
                partial,
                denied,
                funds,
            },
    } = *view;
    if len == 0 {
        return None;
    }
    let cjk = !normalized.is_ascii();
    let all = || found.iter().flatten();
    // Asked only of a text with a code-shaped token: most have none.
    let has_phrase = || all().any(|f| f.pattern.class != Class::Modifier);

    let phrases = || exact_or_contained(compiled, len, found, cjk);
    let mut answer = match printed_code(normalized, cjk, has_phrase) {
        // The code printed in the text decides, unless the words say something unrelated
        // (INSUFFICIENT FUNDS RC 91): then both are candidates.
        Some(e) => {
            let mut code = TextMatch::new(e.code, TextBasis::PrintedCode, MatchKind::Code);
            code.push(e);
            // Only a phrase's own code answer counts here: one with rivals is ambiguous.
            if let Some(Words::Phrase { top, rivals: 0, .. }) = phrases()
                && let words = compiled.answer(top, cjk)
                && words.kind == MatchKind::Code
                && !agrees(code.gist(), words.gist)
            {
                code.kind = MatchKind::Ambiguous;
                for &e in compiled.candidates(&words) {
                    code.push(e);
                }
                code.situation = words
                    .gist
                    .situation
                    .or_else(|| super::situation("transaction-failed"));
            }
            code
        }
        None => match phrases() {
            Some(words) => words.answer(compiled, found, cjk),
            // Only modifiers: a pick-up word alone still says to keep the card.
            None if pick_up => {
                let word = all()
                    .find(|f| f.pattern.pick_up)
                    .map_or("04", |f| f.pattern.text);
                let mut m = TextMatch::new(word, TextBasis::Contains, MatchKind::Code);
                if let Some(e) = pick_up_code(None, cjk) {
                    m.push(e);
                }
                m
            }
            None => return None,
        },
    };
    // An ambiguous answer follows the umbrella the text itself names (请联系发卡行 rather than
    // 交易失败), when it names one.
    if answer.kind == MatchKind::Ambiguous
        && let Some(w) = all()
            .filter(|f| f.pattern.class == Class::Weak && f.pattern.situation.is_some())
            .max_by_key(|f| f.end.saturating_sub(f.start))
    {
        answer.situation = w.pattern.situation;
    }
    apply_modifiers(&mut answer, pick_up, partial, cjk);
    deny_approval(&mut answer, denied);
    if let Some(f) = funds {
        no_retry_now(&mut answer, || {
            compiled.text_match(&f, TextBasis::Contains, cjk)
        });
    }
    Some(answer)
}

/// A text that names a funds or limit decline is never answered "retry now": answers that
/// would (a re-enter code beside NSF) give way to the funds decline's own.
fn no_retry_now(m: &mut TextMatch, funds: impl FnOnce() -> TextMatch) {
    if !m.explanations().any(|e| e.retry == Retry::AtOnce) {
        return;
    }
    m.retain(|e| e.retry != Retry::AtOnce);
    if m.candidates[0].is_none() {
        *m = funds();
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    text.get(..end).unwrap_or_default()
}

/// What modifies an answer, gathered over the whole text.
#[derive(Clone, Copy, Default)]
struct Modifiers {
    pick_up: bool,
    partial: bool,
    denied: bool,
    /// A phrase naming a funds or limit decline.
    funds: Option<Found>,
}

impl Modifiers {
    fn merge(&mut self, other: Modifiers) {
        self.pick_up |= other.pick_up;
        self.partial |= other.partial;
        self.denied |= other.denied;
        self.funds = self.funds.or(other.funds);
    }
}

/// One piece of text read: normalised, squashed, its phrases found.
/// `N` bytes for the normalised text (twice the text: a Traditional character may grow),
/// `S` for the squashed one (three times: abbreviations spelled out), `W` words of unit
/// marks, `M` phrases kept.
struct Scan<const N: usize, const S: usize, const W: usize, const M: usize> {
    nbuf: [u8; N],
    nlen: usize,
    sbuf: [u8; S],
    len: usize,
    starts: [u64; W],
    found: [Option<Found>; M],
    count: usize,
    modifiers: Modifiers,
}

impl<const N: usize, const S: usize, const W: usize, const M: usize> Scan<N, S, W, M> {
    fn new() -> Self {
        Scan {
            nbuf: [0; N],
            nlen: 0,
            sbuf: [0; S],
            len: 0,
            starts: [0; W],
            found: [None; M],
            count: 0,
            modifiers: Modifiers::default(),
        }
    }

    fn view(&self) -> Option<View<'_>> {
        Some(View {
            normalized: self.nbuf.get(..self.nlen)?,
            len: self.len,
            found: self.found.get(..self.count)?,
            modifiers: self.modifiers,
        })
    }

    fn boundary(&self, at: usize) -> bool {
        at == self.len
            || self
                .starts
                .get(at / 64)
                .is_some_and(|w| w & (1u64 << (at % 64)) != 0)
    }

    /// Reads `text` (at most `MAX_TEXT` bytes): every known phrase in it, held to word
    /// boundaries where it is English (modifiers only at their start, so RETAINED and
    /// PARTIALAMOUNT count), and the modifiers, which are gathered even past the cap on
    /// phrases kept.
    fn run(&mut self, compiled: &Compiled, text: &str) -> Option<()> {
        let out = Prepared {
            normalized: &mut self.nbuf,
            squashed: &mut self.sbuf,
            starts: &mut self.starts,
        };
        let (nlen, len) = prepare_into(text, out, &t2s, &tables::T2S_BITS, &canon)?;
        self.nlen = nlen;
        self.len = len;
        // Every phrase ending at each byte: the DFA's match states list them all (standard
        // semantics keep the shorter phrases that end inside longer ones).
        let dfa = &compiled.automaton;
        let mut sid = dfa.start_state(Anchored::No).ok()?;
        let mut from = 0usize;
        while from < len {
            // The match states ahead, a batch at a time.
            let mut hits = [Hit::default(); 16];
            let (next, read, count) = walk(
                dfa,
                sid,
                self.sbuf.get(from..len).unwrap_or_default(),
                &mut hits,
            );
            sid = next;
            for hit in hits.get(..count).unwrap_or_default() {
                self.found_at(compiled, hit.sid, from.saturating_add(hit.end as usize));
            }
            from = from.saturating_add(read);
        }
        Some(())
    }

    /// Keeps the phrases that end at `end` (in the match state `sid`) and gathers their
    /// modifiers.
    fn found_at(&mut self, compiled: &Compiled, sid: StateID, end: usize) {
        let dfa = &compiled.automaton;
        for k in 0..dfa.match_len(sid) {
            let pid = dfa.match_pattern(sid, k).as_usize();
            let Some(&checks) = compiled.checks.get(pid) else {
                continue;
            };
            let start = end.saturating_sub(checks.len());
            if (checks.has(Checks::START) && !self.boundary(start))
                || (checks.has(Checks::END) && !self.boundary(end))
            {
                continue;
            }
            // A negated pick-up phrase (DO NOT RETAIN CARD, 不要没收) is no phrase.
            if checks.has(Checks::PICK_UP) && self.negated(start) {
                continue;
            }
            let Some(pattern) = tables::PATTERNS.get(pid) else {
                continue;
            };
            // Phrase indexes and places in the squashed text fit 16 bits (build.rs and
            // `MAX_SQUASHED` see to it).
            let f = Found {
                pattern,
                index: pid as u16,
                start: start as u16,
                end: end as u16,
            };
            if checks.has(Checks::MODIFIERS | Checks::FUNDS) {
                let m = &mut self.modifiers;
                m.pick_up |= checks.has(Checks::PICK_UP);
                m.partial |= checks.has(Checks::PARTIAL);
                m.denied |= checks.has(Checks::DENIED);
                if m.funds.is_none() && checks.has(Checks::FUNDS) {
                    m.funds = Some(f);
                }
            }
            if let Some(slot) = self.found.get_mut(self.count) {
                *slot = Some(f);
                self.count = self.count.saturating_add(1);
            }
        }
    }

    /// Whether the unit just before `at` negates a pick-up word: NOT, DONT or NEVER as a word;
    /// 不, 不要, 勿 (请勿), 无需 or 无须 right before it. (NO is not one: "CARD NO. PICK UP".)
    fn negated(&self, at: usize) -> bool {
        let before = self.sbuf.get(..at).unwrap_or_default();
        // The words must start on a word boundary (CASINO does not end in a negation); DONT
        // may be DON'T, two units.
        [b"NOT".as_slice(), b"DONT", b"NEVER"]
            .iter()
            .any(|n| before.ends_with(n) && self.boundary(at.saturating_sub(n.len())))
            || ["不", "不要", "勿", "无需", "无须"]
                .iter()
                .any(|n| before.ends_with(n.as_bytes()))
    }
}

/// A match state the automaton entered, and the bytes read when it did.
#[derive(Clone, Copy)]
struct Hit {
    sid: StateID,
    end: u32,
}

impl Default for Hit {
    fn default() -> Hit {
        Hit {
            sid: StateID::ZERO,
            end: 0,
        }
    }
}

/// Walks the automaton from `sid` over `bytes`, noting the match states it enters in `hits`
/// until they are full. Returns the state reached, the bytes read and the hits noted. A
/// function of its own, so its loop keeps what it reads in registers.
#[inline(never)]
fn walk(dfa: &DFA, mut sid: StateID, bytes: &[u8], hits: &mut [Hit]) -> (StateID, usize, usize) {
    let mut count = 0usize;
    for (i, &byte) in bytes.iter().enumerate() {
        let next = dfa.next_state(Anchored::No, sid, byte);
        if dfa.is_special(next) && dfa.is_match(next) {
            // Full: the byte is read again in the next batch, from the state before it.
            let Some(hit) = hits.get_mut(count) else {
                return (sid, i, count);
            };
            *hit = Hit {
                sid: next,
                end: i.wrapping_add(1) as u32,
            };
            count = count.wrapping_add(1);
        }
        sid = next;
    }
    (sid, bytes.len(), count)
}

/// Whether a phrase names a funds or limit decline (its first code's family).
fn funds_phrase(p: &Pattern) -> bool {
    p.codes
        .first()
        .and_then(|&(s, c)| explain(c, Some(s)))
        .is_some_and(|l| l.explanation.family.id == "funds-limits")
}

/// A text that denies or fails an approval (未批准, NOT APPROVED, 扣款成功但显示失败) is never
/// answered "approved": approvals are dropped from the answer, and if none is left the triage
/// for a transaction whose outcome is unclear is given instead.
fn deny_approval(m: &mut TextMatch, denied: bool) {
    if !denied || !m.explanations().any(|e| e.outcome == Outcome::Approved) {
        return;
    }
    m.retain(|e| e.outcome != Outcome::Approved);
    if m.candidates[0].is_none() {
        m.kind = MatchKind::Situation;
        m.situation = super::situation("transaction-failed");
    } else if m.kind == MatchKind::Code {
        m.situation = m
            .situation
            .or_else(|| super::situation("transaction-failed"));
    }
}

/// The schemes to prefer for a text: UnionPay's for Chinese text, the card schemes' otherwise.
fn preference(cjk: bool) -> [Scheme; 6] {
    if cjk {
        [
            Scheme::Cup,
            Scheme::CupLegacy,
            Scheme::Iso87,
            Scheme::Visa,
            Scheme::Mastercard,
            Scheme::Iso93,
        ]
    } else {
        [
            Scheme::Iso87,
            Scheme::Visa,
            Scheme::Mastercard,
            Scheme::Iso93,
            Scheme::Cup,
            Scheme::CupLegacy,
        ]
    }
}

/// The explanation of a response code printed in the text: after a keyword (`RC`, `CODE`,
/// `应答码`, `错误码`, …), in brackets, or standing first or last beside other words.
fn printed_code(
    normalized: &[u8],
    cjk: bool,
    has_phrase: impl Fn() -> bool,
) -> Option<&'static Explanation> {
    const KEYWORDS: [&str; 14] = [
        "RC",
        "RESP",
        "RESPONSE",
        "CODE",
        "ERROR",
        "ERR",
        "RESPCODE",
        "应答码",
        "响应码",
        "返回码",
        "错误码",
        "错误代码",
        "代码",
        "原因码",
    ];
    let bytes = normalized;
    let alnum = |c: &u8| c.is_ascii_alphanumeric();
    // Tokens are runs of ASCII letters and digits. Every code has a digit, so only the tokens
    // around digits are read; a long text with no code is passed over quickly.
    let mut i = 0usize;
    while let Some(digit) = first_digit(bytes.get(i..)?) {
        let at = i.saturating_add(digit);
        let before_digit = bytes.get(..at)?;
        let start = at.saturating_sub(before_digit.iter().rev().take_while(|c| alnum(c)).count());
        i = at.saturating_add(bytes.get(at..)?.iter().take_while(|c| alnum(c)).count());
        let token = bytes.get(start..i)?;
        let shaped = match *token {
            [a, b] => {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    || (a.is_ascii_uppercase() && b.is_ascii_digit())
                    || (a.is_ascii_digit() && b.is_ascii_uppercase())
            }
            [_, _, _] => token.iter().all(u8::is_ascii_digit),
            _ => false,
        };
        if !shaped {
            continue;
        }
        let has_phrase = has_phrase();
        let prefix = bytes.get(..start)?;
        let mut before = prefix;
        while let [rest @ .., b' ' | b':' | b'=' | b'#' | b'-' | b'.'] = before {
            before = rest;
        }
        let after = bytes.get(i..)?;
        // The last byte first: most texts end no keyword, and it spares a comparison each.
        let after_keyword = KEYWORDS.iter().any(|k| {
            before.last() == k.as_bytes().last()
                && before.ends_with(k.as_bytes())
                && before
                    .len()
                    .checked_sub(k.len())
                    .and_then(|at| before.get(at.checked_sub(1)?))
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
        });
        let bracketed = matches!(before.last(), Some(b'(' | b'['))
            && matches!(after.first(), Some(b')' | b']'));
        let separated_after = after
            .first()
            .is_some_and(|&c| matches!(c, b' ' | b'-' | b':' | b',') || !c.is_ascii());
        let separated_before = prefix
            .last()
            .is_some_and(|&c| matches!(c, b' ' | b'-' | b':') || !c.is_ascii());
        // Nothing but separators before it: the token stands first.
        let leading = before.is_empty() && separated_after;
        let trailing = after.is_empty() && !before.is_empty() && separated_before;
        // Three digits only after a keyword or in brackets: bare ones are often amounts.
        if token.len() == 3 && !(after_keyword || bracketed) {
            continue;
        }
        let alone = before.is_empty() && after.is_empty();
        // Standing first, last or between words, two digits are a code only beside words the
        // tables know (DECLINED 05, not ROOM 54).
        let leading = leading && has_phrase;
        let trailing = trailing && has_phrase;
        // Between words (DECLINED 51 - SEE BANK): two digits set apart by spaces or dashes,
        // when no other number is in the text (a count or an amount would be one).
        let between = has_phrase
            && token.len() == 2
            && token.iter().all(u8::is_ascii_digit)
            && separated_before
            && separated_after
            && digit_runs(bytes) == 1;
        if !(after_keyword || bracketed || leading || trailing || alone || between) {
            continue;
        }
        let token = core::str::from_utf8(token).ok()?;
        // Only a code a table lists counts (not one a range or class would explain).
        if let Some(e) = super::explain_listed(token, &preference(cjk)) {
            return Some(e);
        }
    }
    None
}

/// Where the first ASCII digit of `bytes` is. Eight bytes at a time, as one `u64`: in each
/// byte below 0x80, `0x2F < byte < 0x3A` is worked out without a borrow or carry reaching the
/// next byte (the "has between" of Bit Twiddling Hacks), so a chunk with no digit is passed over
/// at once and the first with one is read a byte at a time.
fn first_digit(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const LOW: u64 = ONES * 0x7F;
    const HIGH: u64 = ONES * 0x80;
    const BELOW: u64 = ONES * (127 + 0x3A);
    const ABOVE: u64 = ONES * (127 - 0x2F);
    let mut at = 0usize;
    for chunk in bytes.chunks_exact(8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Bytes of `y` are at most 0x7F: neither operation wraps, in any byte.
        let y = x & LOW;
        let digits = BELOW.wrapping_sub(y) & !x & y.wrapping_add(ABOVE) & HIGH;
        if digits != 0 {
            break;
        }
        at = at.saturating_add(8);
    }
    let offset = bytes.get(at..)?.iter().position(u8::is_ascii_digit)?;
    Some(at.saturating_add(offset))
}

/// How many runs of ASCII digits the text has.
fn digit_runs(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .zip(core::iter::once(&b' ').chain(bytes.iter()))
        .filter(|(b, prev)| b.is_ascii_digit() && !prev.is_ascii_digit())
        .count()
}

/// Whether two explanations give the same answer for the sale.
fn related(a: &Explanation, b: &Explanation) -> bool {
    a.outcome == b.outcome
}

/// Whether a scheme is the text's own: UnionPay's tables for Chinese text, the two-character
/// card-scheme tables for other text. Codes of the others are kept only where they agree.
fn own(scheme: Scheme, cjk: bool) -> bool {
    match scheme {
        Scheme::Cup | Scheme::CupLegacy => cjk,
        Scheme::Iso87 | Scheme::Visa | Scheme::Mastercard => !cjk,
        Scheme::Iso93 => false,
    }
}

/// The explanations of a phrase's codes, those of the preferred scheme first, each with
/// whether it is of the phrase's most reliable kind; `count` of them.
fn explanations_of(
    pattern: &Pattern,
    cjk: bool,
) -> (
    [(Option<&'static Explanation>, bool); MAX_CANDIDATES],
    usize,
) {
    let mut out = [(None, false); MAX_CANDIDATES];
    let mut n = 0usize;
    let best = usize::from(pattern.best);
    for scheme in preference(cjk) {
        for (i, &(s, c)) in pattern.codes.iter().enumerate() {
            if s != scheme {
                continue;
            }
            let Some(l) = explain(c, Some(s)) else {
                continue;
            };
            if let Some(slot) = out.get_mut(n) {
                *slot = (Some(l.explanation), i < best);
                n = n.saturating_add(1);
            }
        }
    }
    (out, n)
}

/// What one phrase answers on its own: its codes (one answer if the most reliable ones of the
/// text's own schemes agree, else ambiguous), or its situation.
fn phrase_answer(pattern: &'static Pattern, basis: TextBasis, cjk: bool) -> TextMatch {
    let (list, n) = explanations_of(pattern, cjk);
    let codes = || {
        list.iter()
            .take(n)
            .filter_map(|&(e, best)| Some((e?, best)))
    };
    let any_own = codes().any(|(e, best)| best && own(e.scheme, cjk));
    let reliable =
        |(e, best): (&'static Explanation, bool)| best && (!any_own || own(e.scheme, cjk));
    // A code beside its own pick-up counterpart (the legacy CUP table lists 过期卡 for both 54
    // and 33) reads as the code: keeping the card takes a pick-up word in the text.
    let counterpart_of_another = |e: &Explanation| {
        e.outcome == Outcome::PickUpCard
            && codes().filter(|&c| reliable(c)).any(|(d, _)| {
                d.outcome != Outcome::PickUpCard
                    && tables::PICK_UP_CODES
                        .iter()
                        .any(|&(from, to)| from == d.code && to == e.code)
            })
    };
    let deciding = |c: (&'static Explanation, bool)| reliable(c) && !counterpart_of_another(c.0);
    let Some((first, _)) = codes().find(|&c| deciding(c)) else {
        let mut m = TextMatch::new(pattern.text, basis, MatchKind::Situation);
        m.situation = pattern.situation;
        return m;
    };
    let agree = codes()
        .filter(|&c| deciding(c))
        .all(|(e, _)| related(first, e));
    let kind = if agree && !pattern.generic {
        MatchKind::Code
    } else {
        MatchKind::Ambiguous
    };
    let mut m = TextMatch::new(pattern.text, basis, kind);
    m.push(first);
    for (e, best) in codes() {
        // Other codes for the same words are listed only when they agree.
        if deciding((e, best)) || related(first, e) {
            m.push(e);
        }
    }
    m.situation = pattern.situation;
    if kind == MatchKind::Ambiguous && m.situation.is_none() {
        m.situation = super::situation("transaction-failed");
    }
    m
}

/// What the known phrases in a text say, kept small: most are compared or passed over, and
/// only the one that answers is written out as a [`TextMatch`].
enum Words<'f> {
    /// A phrase's own answer, made ambiguous by `rivals` (a bit per index in the found list):
    /// specific phrases elsewhere that point somewhere else.
    Phrase {
        top: &'f Found,
        basis: TextBasis,
        rivals: u64,
        /// The answer's first candidate and situation once the rivals are added.
        gist: Gist,
        /// The found phrases inside a longer one found at the same place (a bit each).
        inside: u64,
    },
    /// A situation, from a sentence's keywords or an umbrella phrase.
    Situation {
        text: &'static str,
        situation: Option<&'static Situation>,
    },
}

impl Words<'_> {
    /// The answer written out (inlined for the same reason as [`Compiled::text_match`]).
    #[inline(always)]
    fn answer(&self, compiled: &Compiled, all: &[Option<Found>], cjk: bool) -> TextMatch {
        let (top, basis, rivals, gist, inside) = match *self {
            Words::Phrase {
                top,
                basis,
                rivals,
                gist,
                inside,
            } => (top, basis, rivals, gist, inside),
            Words::Situation { text, situation } => {
                let mut m = TextMatch::new(text, TextBasis::Contains, MatchKind::Situation);
                m.situation = situation;
                return m;
            }
        };
        let mut m = compiled.text_match(top, basis, cjk);
        if basis == TextBasis::Exact {
            return m;
        }
        if rivals != 0 {
            for (_, rival) in found_in(all, !rivals) {
                for &e in compiled.candidates(&compiled.answer(rival, cjk)) {
                    m.push(e);
                }
            }
            m.situation = gist.situation;
            m.kind = MatchKind::Ambiguous;
        }
        if m.kind == MatchKind::Ambiguous && m.candidates[0].is_none() {
            // Only situations compete: the first stands, the rest are in its triage.
            m.kind = MatchKind::Situation;
        }
        if m.kind == MatchKind::Ambiguous && m.situation.is_none() {
            m.situation = best(all, inside, Class::Weak)
                .and_then(|w| w.pattern.situation)
                .or_else(|| super::situation("transaction-failed"));
        }
        m
    }
}

/// A bit for the `i`th found phrase (none past the 64th: at most `MAX_MATCHES` are kept).
fn bit(i: usize) -> u64 {
    1u64.checked_shl(u32::try_from(i).unwrap_or(u32::MAX))
        .unwrap_or(0)
}

/// The found phrases, with their index, but for those in `skip` (a bit each).
fn found_in(all: &[Option<Found>], skip: u64) -> impl Iterator<Item = (usize, &Found)> {
    all.iter()
        .enumerate()
        .filter(move |&(i, _)| bit(i) != 0 && skip & bit(i) == 0)
        .filter_map(|(i, f)| Some((i, f.as_ref()?)))
}

/// The weightiest phrase of a class, but for those inside another (the first of equals).
fn best(all: &[Option<Found>], inside: u64, class: Class) -> Option<&Found> {
    found_in(all, inside)
        .map(|(_, f)| f)
        .filter(move |f| f.pattern.class == class)
        .max_by(|a, b| a.weight().cmp(&b.weight()).then(b.start.cmp(&a.start)))
}

/// What the known phrases say: the whole text, else the most specific phrase inside it.
fn exact_or_contained<'f>(
    compiled: &Compiled,
    len: usize,
    all: &'f [Option<Found>],
    cjk: bool,
) -> Option<Words<'f>> {
    // A phrase that covers the whole text is the text.
    if let Some(f) = all
        .iter()
        .flatten()
        .find(|f| f.start == 0 && usize::from(f.end) == len && f.pattern.class != Class::Modifier)
    {
        return Some(Words::Phrase {
            top: f,
            basis: TextBasis::Exact,
            rivals: 0,
            gist: compiled.answer(f, cjk).gist,
            inside: 0,
        });
    }
    // Phrases inside a longer phrase found at the same place do not count on their own.
    let Survey {
        inside,
        strong,
        top,
    } = survey(all);
    if let Some(top) = top {
        let mut gist = compiled.answer(top, cjk).gist;
        // Another specific phrase, about as weighty and elsewhere in the text, that points
        // somewhere else makes the answer ambiguous. The answer's gist grows as rivals are
        // added, as its candidates will: the strong phrases are read in order, lowest bit first.
        let mut rivals = 0u64;
        let mut rest = strong;
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest.wrapping_sub(1);
            let Some(Some(rival)) = all.get(i) else {
                continue;
            };
            if rival.overlaps(top)
                || u32::from(rival.pattern.substance).saturating_mul(3)
                    < u32::from(top.pattern.substance).saturating_mul(2)
            {
                continue;
            }
            let other = compiled.answer(rival, cjk).gist;
            if agrees(gist, other) {
                continue;
            }
            rivals |= bit(i);
            gist.first = gist.first.or(other.first);
            gist.situation = gist.situation.or(other.situation);
        }
        return Some(Words::Phrase {
            top,
            basis: TextBasis::Contains,
            rivals,
            gist,
            inside,
        });
    }
    // Nothing specific: a merchant's own sentence, read by its keywords.
    if let Some(words) = by_keywords(all) {
        return Some(words);
    }
    // Nothing at all: an umbrella phrase gives its triage.
    let weak = found_in(all, inside)
        .map(|(_, f)| f)
        .filter(|f| f.pattern.class == Class::Weak && f.pattern.situation.is_some())
        .max_by(|a, b| a.weight().1.cmp(&b.weight().1).then(b.start.cmp(&a.start)))?;
    Some(Words::Situation {
        text: weak.pattern.text,
        situation: weak.pattern.situation,
    })
}

/// What [`exact_or_contained`] reads of the found phrases, worked out in one pass rather than
/// one pass each.
struct Survey<'f> {
    /// The phrases inside a longer one found at the same place (a bit each).
    inside: u64,
    /// The strong phrases not inside another (a bit each).
    strong: u64,
    /// The weightiest of those: what [`best`] gives for `Class::Strong`.
    top: Option<&'f Found>,
}

/// Which found phrases are inside a longer one found at the same place (a bit per phrase: at
/// most `MAX_MATCHES` are kept), and of the others, the strong ones and the weightiest of them.
/// The scan finds phrases in the order their ends come, so one pass from the last is enough: a
/// phrase is inside another if one ending later starts no later, or one ending with it starts
/// earlier.
fn survey(all: &[Option<Found>]) -> Survey<'_> {
    debug_assert!(
        all.windows(2)
            .all(|w| matches!(w, [a, b] if a.map(|f| f.end) <= b.map(|f| f.end)))
    );
    // A phrase's end and start (an empty slot, never kept, as an end of its own that starts
    // nowhere).
    let at = |i: usize| match all.get(i) {
        Some(Some(f)) => (Some(f.end), f.start),
        _ => (None, u16::MAX),
    };
    let mut inside = 0u64;
    let mut strong = 0u64;
    // The weightiest strong phrase so far, by weight, then the earlier start, then the later
    // place in the list: the pass runs backwards, and `best` keeps the last of equals.
    let mut top: Option<(&Found, usize)> = None;
    // The least start of the phrases ending after the group at hand.
    let mut later = u16::MAX;
    // The group at hand is `first..last`: the phrases ending where the one before `last` ends.
    // Plain indices rather than iterator adapters: this runs on every text with phrases.
    let mut last = all.len();
    while let Some(mut first) = last.checked_sub(1) {
        let (end, mut least) = at(first);
        while let Some(prev) = first.checked_sub(1)
            && let (e, s) = at(prev)
            && e == end
        {
            least = least.min(s);
            first = prev;
        }
        for i in first..last {
            let Some(Some(f)) = all.get(i) else { continue };
            if later <= f.start || least < f.start {
                inside |= bit(i);
            } else if f.pattern.class == Class::Strong {
                strong |= bit(i);
                let heavier =
                    top.is_none_or(|(t, j)| (f.weight(), t.start, i) > (t.weight(), f.start, j));
                if heavier {
                    top = Some((f, i));
                }
            }
        }
        later = later.min(least);
        last = first;
    }
    // The same as comparing every pair.
    debug_assert_eq!(
        inside,
        all.iter().enumerate().fold(0, |bits, (i, f)| {
            let within = f.is_some_and(|f| all.iter().flatten().any(|g| f.within(g)));
            if within { bits | bit(i) } else { bits }
        })
    );
    let top = top.map(|(t, _)| t);
    debug_assert!(
        top.map(|t| t as *const Found)
            == best(all, inside, Class::Strong).map(|t| t as *const Found)
    );
    Survey {
        inside,
        strong,
        top,
    }
}

/// The situation a sentence is about, from its keywords: each situation's keyword weights
/// added up (each keyword once), one more if the text also names a symptom; 3 decides, and the
/// highest score wins outright (a tie decides nothing).
fn by_keywords(found: &[Option<Found>]) -> Option<Words<'static>> {
    let situations = &tables::SITUATIONS;
    // Most texts have no keyword: nothing to add up.
    if !found
        .iter()
        .flatten()
        .any(|f| usize::from(f.pattern.keyword_for) < situations.len())
    {
        return None;
    }
    let mut scores = [0u32; 32];
    let mut tops: [Option<&'static Pattern>; 32] = [None; 32];
    let mut symptom = false;
    for (i, f) in found.iter().enumerate() {
        let Some(f) = f else { continue };
        let p = f.pattern;
        symptom |= p.symptom;
        let k = usize::from(p.keyword_for);
        let (Some(score), Some(top)) = (scores.get_mut(k), tops.get_mut(k)) else {
            continue;
        };
        // Each keyword once.
        if found
            .iter()
            .take(i)
            .flatten()
            .any(|g| core::ptr::eq(g.pattern, p))
        {
            continue;
        }
        *score = score.saturating_add(u32::from(p.keyword));
        if top.is_none_or(|t| p.keyword > t.keyword) {
            *top = Some(p);
        }
    }
    let mut best: Option<(usize, u32)> = None;
    let mut tie = false;
    for (k, &score) in scores.iter().enumerate().filter(|(_, s)| **s > 0) {
        match best {
            Some((_, b)) if score < b => {}
            Some((_, b)) if score == b => tie = true,
            _ => {
                best = Some((k, score));
                tie = false;
            }
        }
    }
    let (k, score) = best?;
    if score.saturating_add(u32::from(symptom)) < 3 || tie {
        return None;
    }
    let top = (*tops.get(k)?)?;
    Some(Words::Situation {
        text: top.text,
        situation: Some(situations.get(k)?),
    })
}

/// Whether two answers say the same thing.
fn agrees(a: Gist, b: Gist) -> bool {
    match (a.first, b.first) {
        (Some(x), Some(y)) => related(x, y),
        (Some(x), None) => b.situation.is_some_and(|s| s.family.id == x.family.id),
        (None, Some(y)) => a.situation.is_some_and(|s| s.family.id == y.family.id),
        (None, None) => match (a.situation, b.situation) {
            (Some(s), Some(t)) => s.id == t.id || s.family.id == t.family.id,
            _ => true,
        },
    }
}

/// The pick-up counterpart of `e` (54 → 33, 59 → 34, …; else 04), in its scheme if it has
/// one, else in the generic table.
fn pick_up_code(e: Option<&Explanation>, cjk: bool) -> Option<&'static Explanation> {
    let fallback = if cjk { Scheme::Cup } else { Scheme::Iso87 };
    let scheme = e.map_or(fallback, |e| e.scheme);
    let counterpart = e
        .and_then(|e| {
            tables::PICK_UP_CODES
                .iter()
                .find(|(from, _)| *from == e.code)
        })
        .map_or("04", |(_, to)| *to);
    let national = if cjk { Scheme::CupLegacy } else { scheme };
    [
        (counterpart, scheme),
        (counterpart, national),
        (counterpart, Scheme::Iso87),
        ("04", scheme),
        ("04", Scheme::Iso87),
    ]
    .into_iter()
    .filter_map(|(code, s)| explain(code, Some(s)))
    .map(|l| l.explanation)
    .find(|e| e.outcome == Outcome::PickUpCard)
}

/// Applies the pick-up and partial-approval words to an answer.
fn apply_modifiers(m: &mut TextMatch, pick_up: bool, partial: bool, cjk: bool) {
    if pick_up {
        m.pick_up = true;
        if m.explanations().any(|e| e.outcome == Outcome::PickUpCard) {
            m.retain(|e| e.outcome == Outcome::PickUpCard);
        } else {
            let base = if m.kind == MatchKind::Code {
                m.candidates[0]
            } else {
                None
            };
            let counterpart = pick_up_code(base, cjk);
            m.candidates = [None; MAX_CANDIDATES];
            m.candidates[0] = counterpart;
        }
        // The situation stays: a situation or ambiguous answer that became a pick-up keeps
        // its triage as context.
        let first = m.candidates[0];
        let agree = m
            .explanations()
            .all(|e| first.is_some_and(|f| related(f, e)));
        m.kind = if agree {
            MatchKind::Code
        } else {
            MatchKind::Ambiguous
        };
    }
    if partial {
        // A full approval (00, or 000 under ISO 8583:1993) is read as the partial one (10,
        // 002) of its scheme, or of the generic table.
        let before = m.candidates;
        m.candidates = [None; MAX_CANDIDATES];
        for e in before.iter().flatten() {
            let full = e.outcome == Outcome::Approved && (e.code == "00" || e.code == "000");
            let e = if full {
                let code = if e.code == "000" { "002" } else { "10" };
                [Some(e.scheme), Some(Scheme::Iso87)]
                    .into_iter()
                    .filter_map(|s| explain(code, s))
                    .find(|l| l.basis == super::Basis::Exact)
                    .map(|l| l.explanation)
            } else {
                Some(*e)
            };
            if let Some(e) = e {
                m.push(e);
            }
        }
        if m.candidates[0].is_none() && m.kind == MatchKind::Code {
            m.kind = MatchKind::Situation;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-bytes-at-a-time digit search finds what a byte-by-byte one finds, whatever the
    /// other bytes are.
    #[test]
    fn first_digit_is_the_first_ascii_digit() {
        for v in 0..=255u8 {
            for fill in [0u8, b'A', b' ', 0x7F, 0x80, 0xE4, 0xFF, b'/', b':'] {
                for at in 0..20 {
                    let mut bytes = [fill; 20];
                    bytes[at] = v;
                    let expected = bytes.iter().position(u8::is_ascii_digit);
                    assert_eq!(first_digit(&bytes), expected, "{v:#x} at {at} in {fill:#x}");
                }
            }
        }
    }

    /// Phrases of the tables whose most reliable codes disagree give ambiguous answers; every
    /// such phrase is one the tables really list for unrelated codes, reviewed and named here.
    #[test]
    fn phrases_that_stay_ambiguous_are_known() {
        const KNOWN: [&str; 4] = [
            "PRIVATE USE (FIRST DATA/UFC)",
            "拒绝,交换中心异常,请稍后重试",
            "超过允许的PIN试输入",
            "交易失败,请联系发卡行",
        ];
        let mut seen = alloc::vec::Vec::new();
        for p in tables::PATTERNS.iter().filter(|p| p.class == Class::Strong) {
            let cjk = !p.text.is_ascii();
            if phrase_answer(p, TextBasis::Exact, cjk).kind == MatchKind::Ambiguous {
                assert!(
                    KNOWN.iter().any(|k| p.text.starts_with(k)),
                    "{} is ambiguous",
                    p.text
                );
                seen.push(p.text);
            }
        }
        assert!(seen.len() <= 8, "{seen:?}");
    }

    /// The fast path of the normalisation lets an ideograph pass as it is when its bit in
    /// `T2S_BITS` is clear: the bit must be set for exactly the characters `t2s` changes.
    #[test]
    fn t2s_bits_mark_exactly_what_t2s_changes() {
        for code in 0x3400u32..=0x9FFF {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let i = (code - 0x3400) as usize;
            let bit = tables::T2S_BITS[i / 64] & (1 << (i % 64)) != 0;
            assert_eq!(bit, t2s(c).is_some_and(|s| s != c), "U+{code:04X}");
        }
    }

    /// Normalising with the bit table gives what asking `t2s` of every ideograph gives, in
    /// texts of every kind (Simplified, Traditional, mixed, runs cut by the buffers' ends).
    #[test]
    fn normalisation_with_t2s_bits_is_as_without() {
        let texts = [
            "請與發卡銀行聯絡",
            "无效卡号请联系发卡行或换卡重试",
            "交易失敗 餘額不足，請查詢 (51)",
            "POS機刷卡一直顯示通訊失敗怎麼辦",
            "全國性繳費交易逾時，請於臨櫃查詢交易結果",
            "ABC發卡行DEF 请联系",
            "",
        ];
        for text in texts {
            for room in [0usize, 3, 7, 12, 64, 256] {
                let run = |bits: &[u64]| {
                    let (mut n, mut s, mut w) = ([0u8; 256], [0u8; 384], [0u64; 8]);
                    let room_n = room.min(n.len());
                    let out = Prepared {
                        normalized: &mut n[..room_n],
                        squashed: &mut s[..room.min(384)],
                        starts: &mut w,
                    };
                    let lens = prepare_into(text, out, &t2s, bits, &canon);
                    (lens, n, s, w)
                };
                let (a, b) = (run(&tables::T2S_BITS), run(&[]));
                assert!(a == b, "{text:?} in {room} bytes");
            }
        }
    }

    /// An ideograph whose bit in `T2S_BITS` is clear is copied without asking `t2s` (the fast
    /// path, which the answers alone cannot tell from the slower ones it falls back to); one
    /// whose bit is set is asked.
    #[test]
    fn ideographs_with_a_clear_bit_are_not_asked_of_t2s() {
        let asked = core::cell::Cell::new(0usize);
        let counting = |c: char| {
            asked.set(asked.get() + 1);
            t2s(c)
        };
        let prepare = |text: &str| {
            asked.set(0);
            let (mut n, mut s, mut w) = ([0u8; 256], [0u8; 384], [0u64; 8]);
            let out = Prepared {
                normalized: &mut n,
                squashed: &mut s,
                starts: &mut w,
            };
            assert!(prepare_into(text, out, &counting, &tables::T2S_BITS, &canon).is_some());
            asked.get()
        };
        for text in [
            "无效卡号请联系发卡行或换卡重试",
            "交易失败 余额不足，请查询 (51)",
            "请与发卡行联系",
            "退货金额超限",
        ] {
            assert_eq!(prepare(text), 0, "{text}");
        }
        // Traditional text: each character with a Simplified form is asked once.
        let text = "請與發卡銀行聯絡";
        let expected = text.chars().filter(|&c| t2s(c).is_some()).count();
        assert!(expected >= 5);
        assert_eq!(prepare(text), expected);
    }

    /// Upper-casing eight bytes at a time gives what a byte-by-byte pass gives, up to the
    /// first byte that is not an ASCII letter or digit.
    #[test]
    fn word_chunk_is_bytewise() {
        let bytes: alloc::vec::Vec<u8> = (0..=255u8).collect();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for round in 0..20_000 {
            let mut chunk = [0u8; 8];
            for b in &mut chunk {
                // Mostly letters and digits, so words of every length come up.
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let r = (seed >> 33) as usize;
                *b = if r.is_multiple_of(4) {
                    bytes[r % 256]
                } else {
                    b"azAZ09mM"[r % 8]
                };
            }
            if round < 256 {
                chunk[round % 8] = round as u8;
            }
            let (upper, len) = super::super::normalize::word_chunk(u64::from_le_bytes(chunk));
            let expected = chunk
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            assert_eq!(len, expected, "{chunk:?}");
            let upper = upper.to_le_bytes();
            for k in 0..len {
                assert_eq!(upper[k], chunk[k].to_ascii_uppercase(), "{chunk:?}");
            }
        }
    }

    /// A printed code's look-up reads each table once, and answers what asking `explain` of
    /// each scheme in turn answers (its exact and generic answers only), for every code of
    /// two letters or digits and of three digits, in both orders of schemes.
    #[test]
    fn explain_listed_is_explain_in_turn() {
        let chars: alloc::vec::Vec<char> = ('0'..='9').chain('A'..='Z').collect();
        let mut codes = alloc::vec::Vec::new();
        for &a in &chars {
            for &b in &chars {
                codes.push(alloc::format!("{a}{b}"));
            }
        }
        codes.extend((0..1000).map(|n| alloc::format!("{n:03}")));
        codes.extend(["1", "0000", "5A1", "a1", ""].map(alloc::string::String::from));
        let mut found = 0;
        for cjk in [false, true] {
            let order = preference(cjk);
            for code in &codes {
                let expected = order.iter().find_map(|&s| {
                    explain(code, Some(s))
                        .filter(|l| {
                            matches!(
                                l.basis,
                                super::super::Basis::Exact | super::super::Basis::Generic
                            )
                        })
                        .map(|l| l.explanation)
                });
                let got = super::super::explain_listed(code, &order);
                assert_eq!(
                    got.map(|e| (e.scheme, e.code)),
                    expected.map(|e| (e.scheme, e.code)),
                    "{code} (cjk {cjk})"
                );
                found += usize::from(got.is_some());
            }
        }
        assert!(found > 500, "{found}");
    }
}
