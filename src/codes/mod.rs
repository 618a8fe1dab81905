//! Response codes explained: what the host answered, why, who must act, whether a retry can
//! help, and what the operator and the cardholder should do, in English and Simplified Chinese.
//!
//! One compile-time `phf` table per scheme (ISO 8583:1987, ISO 8583:1993, Visa, Mastercard,
//! China UnionPay, and the legacy CUP POS table), built from the plain-text knowledge in the
//! crate's `data/` directory. Look-ups never allocate.
//!
//! ```
//! use iso8583_response::codes::{explain, Basis, Lang, Outcome, Scheme};
//!
//! let found = explain("51", None).unwrap();
//! assert_eq!(found.explanation.outcome, Outcome::Declined);
//! assert_eq!(found.basis, Basis::Exact);
//! println!("{}", found.explanation.meaning.get(Lang::Zh));
//!
//! // The scheme's own meaning wins: CUP 05 is a failed cardholder authentication.
//! let cup = explain("05", Some(Scheme::Cup)).unwrap();
//! assert_eq!(cup.explanation.scheme, Scheme::Cup);
//! ```

// The text matcher's normalisation (build.rs includes it too).
#[cfg(feature = "alloc")]
mod normalize;
mod situation;
#[cfg(feature = "alloc")]
mod text;

use core::fmt;

use crate::message::ResponseCode;

pub use situation::{Situation, situation, situations};
#[cfg(feature = "alloc")]
pub use text::{MAX_TEXT, MatchKind, TextBasis, TextMatch, explain_text};

/// A language the explanations are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language for a BCP 47 tag, any case: `en` and every `en-*` give English; `zh` and
    /// every `zh-*` (`zh-CN`, `zh-SG`, `zh-Hans`, and also `zh-TW`, `zh-HK`, `zh-Hant`) give
    /// Chinese. The Chinese texts are Simplified Chinese whatever the tag asks for: the crate
    /// has no Traditional texts.
    ///
    /// ```
    /// use iso8583_response::codes::Lang;
    /// assert_eq!(Lang::from_tag("zh-TW"), Some(Lang::Zh));
    /// assert_eq!(Lang::from_tag("EN-au"), Some(Lang::En));
    /// assert_eq!(Lang::from_tag("fr"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?;
        if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else if primary.eq_ignore_ascii_case("zh") {
            Some(Lang::Zh)
        } else {
            None
        }
    }
}

/// A text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// The code tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Scheme {
    /// ISO 8583:1987 generic response codes (two characters).
    Iso87,
    /// ISO 8583:1993 action codes (three digits).
    Iso93,
    /// Visa.
    Visa,
    /// Mastercard.
    Mastercard,
    /// China UnionPay network codes, with the recommended terminal display.
    Cup,
    /// The older CUP POS table with its A to E terminal classes and screen texts.
    CupLegacy,
}

impl Scheme {
    /// Every scheme.
    pub const ALL: [Scheme; 6] = [
        Scheme::Iso87,
        Scheme::Iso93,
        Scheme::Visa,
        Scheme::Mastercard,
        Scheme::Cup,
        Scheme::CupLegacy,
    ];

    /// The scheme's name: `iso87`, `iso93`, `visa`, `mastercard`, `cup`, `cup-legacy`.
    pub const fn name(self) -> &'static str {
        match self {
            Scheme::Iso87 => "iso87",
            Scheme::Iso93 => "iso93",
            Scheme::Visa => "visa",
            Scheme::Mastercard => "mastercard",
            Scheme::Cup => "cup",
            Scheme::CupLegacy => "cup-legacy",
        }
    }

    /// The scheme with this name.
    pub fn from_name(name: &str) -> Option<Scheme> {
        Scheme::ALL.into_iter().find(|s| s.name() == name)
    }

    fn table(self) -> &'static Table {
        match self {
            Scheme::Iso87 => &tables::TABLE_ISO87,
            Scheme::Iso93 => &tables::TABLE_ISO93,
            Scheme::Visa => &tables::TABLE_VISA,
            Scheme::Mastercard => &tables::TABLE_MASTERCARD,
            Scheme::Cup => &tables::TABLE_CUP,
            Scheme::CupLegacy => &tables::TABLE_CUP_LEGACY,
        }
    }

    fn ranges(self) -> &'static [CodeRange] {
        self.table().ranges
    }

    /// The generic table this scheme falls back to for codes it does not list.
    const fn generic(self) -> Scheme {
        match self {
            Scheme::Iso93 => Scheme::Iso93,
            _ => Scheme::Iso87,
        }
    }

    /// Every explanation in this scheme's table, exact codes then ranges.
    pub fn entries(self) -> impl Iterator<Item = &'static Explanation> {
        self.table()
            .entries
            .iter()
            .chain(self.ranges().iter().map(|r| &r.explanation))
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the answer means for the sale, in the reference's classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Outcome {
    /// Approved.
    Approved,
    /// Declined.
    Declined,
    /// Refer to the card issuer.
    ReferToIssuer,
    /// Pick up (retain) the card.
    PickUpCard,
    /// Try again later.
    RetryLater,
    /// Re-enter the data (amount, PIN, card details).
    ReEnter,
    /// Format or system error.
    FormatOrSystemError,
    /// Suspected fraud or a security problem.
    FraudOrSecurity,
}

impl Outcome {
    /// The class as written in JSON: `approved`, `declined`, `refer_to_issuer`, `pick_up_card`,
    /// `retry_later`, `re_enter`, `format_or_system_error`, `fraud_or_security`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::Declined => "declined",
            Outcome::ReferToIssuer => "refer_to_issuer",
            Outcome::PickUpCard => "pick_up_card",
            Outcome::RetryLater => "retry_later",
            Outcome::ReEnter => "re_enter",
            Outcome::FormatOrSystemError => "format_or_system_error",
            Outcome::FraudOrSecurity => "fraud_or_security",
        }
    }

    /// A short label.
    pub const fn label(self) -> Text {
        match self {
            Outcome::Approved => Text {
                en: "approved",
                zh: "交易成功",
            },
            Outcome::Declined => Text {
                en: "declined",
                zh: "交易被拒",
            },
            Outcome::ReferToIssuer => Text {
                en: "refer to the card issuer",
                zh: "请联系发卡行",
            },
            Outcome::PickUpCard => Text {
                en: "pick up the card",
                zh: "没收卡",
            },
            Outcome::RetryLater => Text {
                en: "try again later",
                zh: "请稍后重试",
            },
            Outcome::ReEnter => Text {
                en: "re-enter and try again",
                zh: "请重新输入",
            },
            Outcome::FormatOrSystemError => Text {
                en: "format or system error",
                zh: "格式或系统错误",
            },
            Outcome::FraudOrSecurity => Text {
                en: "suspected fraud or security problem",
                zh: "疑似欺诈或安全问题",
            },
        }
    }
}

/// Who must act next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Actor {
    /// The cardholder (持卡人).
    Cardholder,
    /// The merchant's staff at the till (收银员).
    Operator,
    /// The acquirer: the merchant's bank or payment provider, and the terminal vendor (收单机构).
    Acquirer,
    /// The card issuer (发卡行).
    Issuer,
}

impl Actor {
    /// `cardholder`, `operator`, `acquirer` or `issuer`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Actor::Cardholder => "cardholder",
            Actor::Operator => "operator",
            Actor::Acquirer => "acquirer",
            Actor::Issuer => "issuer",
        }
    }

    /// A short label.
    pub const fn label(self) -> Text {
        match self {
            Actor::Cardholder => Text {
                en: "the cardholder",
                zh: "持卡人",
            },
            Actor::Operator => Text {
                en: "the operator",
                zh: "收银员",
            },
            Actor::Acquirer => Text {
                en: "the acquirer or terminal vendor",
                zh: "收单机构或终端服务商",
            },
            Actor::Issuer => Text {
                en: "the card issuer",
                zh: "发卡行",
            },
        }
    }
}

/// Whether sending the transaction again can help.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Retry {
    /// Never (a hard decline, or nothing to retry).
    Never,
    /// Only after someone fixes something (funds, PIN, data, keys, set-up, the issuer).
    AfterFix,
    /// Later, unchanged: the condition is temporary.
    Later,
    /// At once.
    AtOnce,
}

impl Retry {
    /// `never`, `after_fix`, `later` or `at_once`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::AfterFix => "after_fix",
            Retry::Later => "later",
            Retry::AtOnce => "at_once",
        }
    }

    /// A short label.
    pub const fn label(self) -> Text {
        match self {
            Retry::Never => Text {
                en: "do not retry",
                zh: "不要重试",
            },
            Retry::AfterFix => Text {
                en: "retry only after the cause is fixed",
                zh: "问题解决后再重试",
            },
            Retry::Later => Text {
                en: "retry later",
                zh: "稍后可重试",
            },
            Retry::AtOnce => Text {
                en: "retry now",
                zh: "可立即重试",
            },
        }
    }
}

/// A cause family from the merchant troubleshooting guides, with its default causes and steps.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Family {
    /// The family's id, e.g. `contact-issuer`.
    pub id: &'static str,
    /// Its name.
    pub name: Text,
    /// Likely causes.
    pub causes: &'static [Text],
    /// Steps for the operator, in order.
    pub operator_steps: &'static [Text],
    /// Steps for the cardholder, in order.
    pub cardholder_steps: &'static [Text],
}

/// Everything the crate knows about one response code (or range of codes) in one scheme.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// The code as the table lists it (`05`, `N7`, `116`), or the range (`008-059`).
    pub code: &'static str,
    /// The table it comes from.
    pub scheme: Scheme,
    /// What the code means.
    pub meaning: Text,
    /// The outcome class.
    pub outcome: Outcome,
    /// The cause family.
    pub family: &'static Family,
    /// Who must act next.
    pub actor: Actor,
    /// Whether a retry can help.
    pub retry: Retry,
    /// Likely causes.
    pub causes: &'static [Text],
    /// Steps for the operator, in order.
    pub operator_steps: &'static [Text],
    /// Steps for the cardholder, in order.
    pub cardholder_steps: &'static [Text],
    /// Texts terminals show for this code.
    pub display: &'static [&'static str],
    /// `false` where the reference rests on a single or non-citable source.
    pub verified: bool,
    /// A 3-digit value outside ISO's assignments, seen in processor documentation.
    pub private: bool,
    /// The legacy CUP POS terminal class, A (success) to E (system fault).
    pub class: Option<char>,
    /// Why this entry departs from the reference, where it does.
    pub note: Option<&'static str>,
}

/// One scheme's compiled table: the entries, the `phf` map from code to entry, a dense index
/// for the usual shapes (two upper-case letters or digits, three digits) that answers without
/// hashing, and the ranges.
struct Table {
    entries: &'static [Explanation],
    map: &'static phf::Map<&'static str, u16>,
    index2: &'static [u16; 1296],
    index3: &'static [u16; 1000],
    ranges: &'static [CodeRange],
}

impl Table {
    /// The entry for exactly `code`.
    #[inline]
    fn get(&self, code: &str) -> Option<&'static Explanation> {
        let b36 = |c: u8| match c {
            b'0'..=b'9' => Some(usize::from(c.wrapping_sub(b'0'))),
            b'A'..=b'Z' => Some(usize::from(c.wrapping_sub(b'A')).wrapping_add(10)),
            _ => None,
        };
        let slot = match *code.as_bytes() {
            [a, b] => match (b36(a), b36(b)) {
                (Some(a), Some(b)) => self.index2.get(a.wrapping_mul(36).wrapping_add(b)),
                _ => return None,
            },
            [a, b, c] if code.bytes().all(|d| d.is_ascii_digit()) => {
                let n = usize::from(a.wrapping_sub(b'0'))
                    .wrapping_mul(100)
                    .wrapping_add(usize::from(b.wrapping_sub(b'0')).wrapping_mul(10))
                    .wrapping_add(usize::from(c.wrapping_sub(b'0')));
                self.index3.get(n)
            }
            // Other shapes (the one-digit class keys, odd private codes) go through the map.
            _ => self.map.get(code),
        };
        match slot {
            Some(&i) if i != u16::MAX => self.entries.get(usize::from(i)),
            _ => None,
        }
    }
}

/// A range of codes sharing one explanation (for example ISO 8583:1993 `008-059`).
#[derive(Debug)]
pub(crate) struct CodeRange {
    low: &'static str,
    high: &'static str,
    explanation: Explanation,
}

impl CodeRange {
    /// Whether `code` lies in the range: numerically for digit ranges, otherwise character by
    /// character (`0A-9Z`: a digit then a letter).
    fn contains(&self, code: &str) -> bool {
        if code.len() != self.low.len() {
            return false;
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if digits(self.low) && digits(self.high) {
            return digits(code) && self.low <= code && code <= self.high;
        }
        code.bytes()
            .zip(self.low.bytes().zip(self.high.bytes()))
            .all(|(c, (lo, hi))| {
                c.is_ascii_alphanumeric() && !c.is_ascii_lowercase() && lo <= c && c <= hi
            })
    }
}

/// How an explanation was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Basis {
    /// The code is in the scheme's table.
    Exact,
    /// The scheme's table lacks the code; the generic ISO table has it.
    Generic,
    /// The code lies in a range the table describes.
    Range,
    /// Not listed anywhere: the class the code's first digit implies (ISO 8583:1993).
    Inferred,
}

/// The answer to a look-up: the explanation, the code asked about, and how it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Lookup {
    /// The explanation.
    pub explanation: &'static Explanation,
    /// The code that was looked up.
    pub code: ResponseCode,
    /// How it was found.
    pub basis: Basis,
}

/// Explains a response code.
///
/// With a scheme, that scheme's table is tried first, then the generic ISO table (1987 for
/// two-character codes, 1993 for three-digit ones), then ranges. Without one, the generic table
/// is used. A three-digit code no table lists gets the class its first digit implies, marked
/// [`Basis::Inferred`]. `None` means the code is unknown: not 2 or 3 characters, or characters no
/// table covers.
pub fn explain(code: &str, scheme: Option<Scheme>) -> Option<Lookup> {
    let asked = ResponseCode::new(code)?;
    let scheme = scheme.unwrap_or(if code.len() == 3 {
        Scheme::Iso93
    } else {
        Scheme::Iso87
    });
    match scheme.table().get(code) {
        Some(explanation) => Some(Lookup {
            explanation,
            code: asked,
            basis: Basis::Exact,
        }),
        None => explain_unlisted(code, asked, scheme),
    }
}

/// The first of `schemes` for which [`explain`] answers `code` from a table that lists it:
/// the scheme's own (`Basis::Exact`) or the generic table it falls back to
/// (`Basis::Generic`), not its further rules (ranges, classes). The same as asking `explain`
/// of each scheme in turn and keeping those two kinds of answer, but no table is read twice
/// (most schemes fall back to the same one): this is for the text matcher, which tries a
/// printed code in six schemes.
#[cfg(feature = "alloc")]
pub(crate) fn explain_listed(code: &str, schemes: &[Scheme]) -> Option<&'static Explanation> {
    ResponseCode::new(code)?;
    let mut read = 0u8;
    let mut look = |scheme: Scheme| {
        let bit = 1u8.checked_shl(u32::from(scheme as u8)).unwrap_or(0);
        if read & bit != 0 {
            return None;
        }
        read |= bit;
        scheme.table().get(code)
    };
    for &scheme in schemes {
        if let Some(e) = look(scheme) {
            return Some(e);
        }
        let fallback = if code.len() == 3 {
            Scheme::Iso93
        } else {
            scheme.generic()
        };
        if fallback != scheme
            && let Some(e) = look(fallback)
        {
            return Some(e);
        }
    }
    None
}

/// The rest of [`explain`]'s rules, for codes the scheme's table does not list.
#[cold]
#[inline(never)]
fn explain_unlisted(code: &str, asked: ResponseCode, scheme: Scheme) -> Option<Lookup> {
    let found = |explanation, basis| {
        Some(Lookup {
            explanation,
            code: asked,
            basis,
        })
    };
    let fallback = if code.len() == 3 {
        Scheme::Iso93
    } else {
        scheme.generic()
    };
    if fallback != scheme
        && let Some(e) = fallback.table().get(code)
    {
        return found(e, Basis::Generic);
    }
    for table in [scheme, fallback] {
        if let Some(r) = table.ranges().iter().find(|r| r.contains(code)) {
            return found(&r.explanation, Basis::Range);
        }
    }
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) {
        let class = code.get(..1)?;
        let e = tables::TABLE_ISO93_CLASSES.get(class)?;
        return found(e, Basis::Inferred);
    }
    None
}

/// Every known display text (normalised) with the codes it stands for, longest first.
pub fn display_texts() -> impl Iterator<Item = (&'static str, &'static [(Scheme, &'static str)])> {
    tables::DISPLAY_LIST.iter().copied()
}

/// The cause families, in the order of the guides.
pub fn families() -> impl Iterator<Item = &'static Family> {
    tables::FAMILIES.iter().copied()
}

/// How much a phrase counts when a text is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
pub(crate) enum Class {
    /// Names a cause: decides.
    Strong,
    /// An umbrella or generic phrase: answers only when nothing strong matched.
    Weak,
    /// No answer of its own (a pick-up or partial word, a generic word).
    Modifier,
}

/// One phrase of the text matcher (see `text.rs`), compiled from data/ by build.rs.
#[derive(Debug)]
#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
pub(crate) struct Pattern {
    /// What the automaton looks for: the phrase squashed (see `normalize::prepare_into`).
    pub(crate) squashed: &'static str,
    /// The phrase normalised, as people read it.
    pub(crate) text: &'static str,
    /// The codes it stands for, the most reliable first (display texts the tables list and
    /// our aliases, then the reference's published meanings).
    pub(crate) codes: &'static [(Scheme, &'static str)],
    /// How many of `codes`, from the start, are of the most reliable kind present.
    pub(crate) best: u8,
    /// The situation it stands for.
    pub(crate) situation: Option<&'static Situation>,
    pub(crate) class: Class,
    /// Bytes of the phrase that are not generic or umbrella words.
    pub(crate) substance: u16,
    pub(crate) pick_up: bool,
    pub(crate) partial: bool,
    pub(crate) generic: bool,
    /// As a keyword of a situation (see data/situations.txt): its weight, 0 if it is none.
    pub(crate) keyword: u8,
    /// The index in SITUATIONS of the situation it is a keyword of (`u8::MAX`: none).
    pub(crate) keyword_for: u8,
    /// A word saying something is wrong (不了, FAILED).
    pub(crate) symptom: bool,
    /// A word that denies an approval (未, NOT, DENIED).
    pub(crate) not_approved: bool,
}

/// A field's name in `lang`: the Chinese name of a built-in dialect's field (from
/// `data/field-names.txt`, after GB/T 15150 and the UnionPay POS specification), the English
/// name as given otherwise (a custom field's own name, or any name in English).
///
/// ```
/// use iso8583_response::codes::{Lang, field_name};
/// assert_eq!(field_name("Retrieval reference number", Lang::Zh), "检索参考号");
/// assert_eq!(field_name("My loyalty id", Lang::Zh), "My loyalty id");
/// ```
pub fn field_name(name: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => tables::FIELD_NAMES_ZH.get(name).copied().unwrap_or(name),
        _ => name,
    }
}

/// A terminal class of the legacy CUP POS table (A success, B retry, C do not retry, D the
/// operator acts, E system fault), from `data/codes/cup-legacy-classes.txt`.
#[derive(Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LegacyClass {
    /// The class letter, `A` to `E`.
    pub class: char,
    /// What the class tells the terminal and the operator.
    pub meaning: Text,
    /// The loosest retry advice the class allows (an entry may be stricter; a looser one says
    /// why in its note).
    pub retry: Retry,
    /// What the operator does, in order.
    pub operator_steps: &'static [Text],
}

impl Explanation {
    /// For a legacy CUP entry, its terminal class explained.
    ///
    /// ```
    /// use iso8583_response::codes::{explain, Scheme};
    /// let e = explain("51", Some(Scheme::CupLegacy)).unwrap().explanation;
    /// let class = e.legacy_class().unwrap();
    /// assert_eq!(Some(class.class), e.class);
    /// println!("{}", class.meaning.zh);
    /// ```
    pub fn legacy_class(&self) -> Option<&'static LegacyClass> {
        let c = self.class?;
        tables::LEGACY_CLASSES.iter().find(|l| l.class == c)
    }
}

#[allow(missing_docs, unreachable_pub, clippy::unreadable_literal, dead_code)]
mod tables {
    use super::{
        Actor, Class, CodeRange, Explanation, Family, LegacyClass, Outcome, Pattern, Retry, Scheme,
        Situation, Table, Text,
    };
    include!(concat!(env!("OUT_DIR"), "/codes.rs"));
}
