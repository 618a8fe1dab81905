//! What the decoder compiles a dialect's field specs into, at compile time: per field a
//! [`Plan`] (a dozen bytes: lengths, a [`Step`] for the fast walk, a [`Check`] for the content)
//! and per group of eight fields the group sums. The dialect is plain data; this is the
//! decoder's view of it, stored beside it so that building it costs nothing at run time.

// The builders here are `const fn`s over fixed-size tables, evaluated at compile time for the
// built-in dialects (an out-of-range index is then a compile error); at run time (a dialect
// built in a `let`) their indexes stay below 129 by construction.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use crate::dialect::{Align, Encoding, FieldSpec, Kind, Prefix, PrefixEncoding, Unit};

/// How units of a declared length turn into wire bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Size {
    /// One byte a unit.
    Same,
    /// Two hex characters a byte.
    Double,
    /// Two BCD digits a byte.
    Half,
    /// An ASCII sign, then two BCD digits a byte.
    SignHalf,
}

/// The content check of a field (see `decode::fast::field_end` and `decode::field::check`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Check {
    /// None (text, raw binary).
    None,
    /// ASCII decimal digits.
    Digits,
    /// Hex characters.
    Hex,
    /// BCD digits, the pad nibble (if any) first: right-justified.
    BcdRight,
    /// BCD digits, the pad nibble (if any) last: left-justified.
    BcdLeft,
    /// BCD track data (digits, the separator D and filler F), the pad nibble (if any) first.
    BcdTrackRight,
    /// BCD track data, the pad nibble (if any) last.
    BcdTrackLeft,
    /// EBCDIC decimal digits (F0 to F9).
    EbcdicDigits,
    /// Anything else: the general check on the field's spec.
    General,
}

/// The fast walk's step for a field (see `decode::walk`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Step {
    /// Fixed wire length; text or raw bytes.
    Fixed,
    /// Fixed wire length; ASCII digits, checked later as part of a run.
    FixedDigits,
    /// Fixed wire length; an even number of BCD digits, checked later as part of a BCD run.
    FixedBcd,
    /// Fixed wire length; an odd number of BCD digits, right-justified: the first nibble, the
    /// pad, must be 0 (a pad F is left to the exact walk), the bytes join the BCD run.
    FixedBcdPadFirst,
    /// As [`Step::FixedBcdPadFirst`], left-justified: the last nibble is the pad.
    FixedBcdPadLast,
    /// Two ASCII length digits, then that many bytes of text or raw bytes.
    Ll,
    /// Two ASCII length digits, then that many ASCII digits.
    LlDigits,
    /// Three ASCII length digits, then that many bytes of text or raw bytes.
    Lll,
    /// Three ASCII length digits, then that many ASCII digits.
    LllDigits,
    /// Two ASCII length digits, then hex text.
    LlHex,
    /// Three ASCII length digits, then hex text.
    LllHex,
    /// A BCD length prefix (one or two bytes), then text or raw bytes.
    BcdPrefixed,
    /// A BCD length prefix, then BCD digits (either alignment; the pad nibble of an odd count
    /// 0 or F), which join the BCD run.
    BcdPrefixedBcd,
    /// Any other layout: read on its own.
    Other,
}

/// The decoder's view of one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Plan {
    /// Wire bytes of a fixed field.
    pub(crate) fixed: u32,
    /// Largest length a prefix may declare, in the spec's units.
    pub(crate) max: u16,
    /// Bytes of the length prefix; 0 for a fixed field.
    pub(crate) prefix_len: u8,
    /// How the prefix is written.
    pub(crate) prefix: PrefixEncoding,
    /// How a declared length turns into wire bytes.
    pub(crate) size: Size,
    /// The content check.
    pub(crate) check: Check,
    /// The declared length must be even (hex text counted in characters).
    pub(crate) even: bool,
    /// The fast walk's step.
    pub(crate) step: Step,
}

impl Plan {
    /// The plan of an undefined field (never used: its bit is rejected first).
    pub(crate) const NONE: Plan = Plan {
        fixed: 0,
        max: 0,
        prefix_len: 0,
        prefix: PrefixEncoding::Ascii,
        size: Size::Same,
        check: Check::None,
        even: false,
        step: Step::Fixed,
    };

    /// The plan for `spec`.
    pub(crate) const fn of(spec: &FieldSpec) -> Plan {
        let size = match (spec.unit, spec.encoding, spec.kind) {
            (Unit::Wire, _, _) => Size::Same,
            (_, Encoding::HexAscii, _) => Size::Double,
            (_, Encoding::Bcd(_), Kind::Amount) => Size::SignHalf,
            (_, Encoding::Bcd(_), _) => Size::Half,
            _ => Size::Same,
        };
        let value_units = matches!(spec.unit, Unit::Value);
        let check = match (spec.encoding, spec.kind) {
            (_, Kind::Text) | (Encoding::Binary | Encoding::Ebcdic, Kind::Binary) => Check::None,
            (Encoding::Binary, _) => Check::None,
            (Encoding::Ebcdic, Kind::Numeric) => Check::EbcdicDigits,
            (Encoding::HexAscii, _) => Check::Hex,
            (Encoding::Ascii, Kind::Numeric | Kind::Binary) => Check::Digits,
            (Encoding::Bcd(Align::Right), Kind::Numeric) if value_units => Check::BcdRight,
            (Encoding::Bcd(Align::Left), Kind::Numeric) if value_units => Check::BcdLeft,
            (Encoding::Bcd(Align::Right), Kind::Track) if value_units => Check::BcdTrackRight,
            (Encoding::Bcd(Align::Left), Kind::Track) if value_units => Check::BcdTrackLeft,
            _ => Check::General,
        };
        let fixed = matches!(spec.prefix, Prefix::Fixed);
        let wire = spec.wire_len(spec.max as usize);
        let prefix_len = spec.prefix_size() as u8;
        let even = matches!(spec.unit, Unit::Wire) && matches!(spec.encoding, Encoding::HexAscii);
        // Byte-for-byte layouts whose content is unchecked or ASCII digits take the walk's
        // short cuts, with no prefix or an ASCII one of two or three digits; so do fixed BCD
        // numerics, and hex text after an ASCII prefix.
        let same = matches!(size, Size::Same) && !even;
        let ascii = matches!(spec.prefix_encoding, PrefixEncoding::Ascii);
        let digits = matches!(check, Check::Digits);
        let plain = same && (digits || matches!(check, Check::None));
        let bcd = matches!(check, Check::BcdRight | Check::BcdLeft);
        // Hex text counted in characters (an even count) or in bytes (two characters each).
        let hex = matches!(check, Check::Hex)
            && (matches!(size, Size::Double) || (matches!(size, Size::Same) && even));
        let odd = spec.max % 2 == 1;
        let bcd_prefix = matches!(spec.prefix_encoding, PrefixEncoding::Bcd)
            && !matches!(spec.prefix, Prefix::Fixed)
            && (prefix_len == 1 || prefix_len == 2);
        let step = match (prefix_len, ascii) {
            _ if bcd_prefix && bcd => Step::BcdPrefixedBcd,
            _ if bcd_prefix && plain && !digits => Step::BcdPrefixed,
            (0, _) if bcd && !odd => Step::FixedBcd,
            (0, _) if bcd && matches!(check, Check::BcdRight) => Step::FixedBcdPadFirst,
            (0, _) if bcd => Step::FixedBcdPadLast,
            (0, _) if plain && digits => Step::FixedDigits,
            (0, _) if plain => Step::Fixed,
            (2, true) if plain && digits => Step::LlDigits,
            (2, true) if plain => Step::Ll,
            (3, true) if plain && digits => Step::LllDigits,
            (3, true) if plain => Step::Lll,
            (2, true) if hex => Step::LlHex,
            (3, true) if hex => Step::LllHex,
            _ => Step::Other,
        };
        Plan {
            fixed: if fixed { wire as u32 } else { 0 },
            max: spec.max,
            prefix_len,
            prefix: spec.prefix_encoding,
            size,
            check,
            even,
            step,
        }
    }

    /// Whether a prefix may declare `len` units: at most the maximum, and even for hex text
    /// counted in characters.
    #[inline]
    pub(crate) fn length_ok(self, len: usize) -> bool {
        (!self.even || len.is_multiple_of(2)) && len <= usize::from(self.max)
    }

    /// Wire bytes for a declared length of `len` units.
    #[inline]
    pub(crate) fn wire(self, len: usize) -> usize {
        match self.size {
            Size::Double => len.saturating_mul(2),
            Size::Half => len.div_ceil(2),
            // An empty amount has no sign either.
            Size::SignHalf if len == 0 => 0,
            Size::SignHalf => len.saturating_sub(1).div_ceil(2).saturating_add(1),
            _ => len,
        }
    }
}

/// A group-sum entry's flag: the fixed-length fields are ASCII digits, which join the digit
/// run.
pub(crate) const SUM_DIGITS: u16 = 0x4000;
/// A group-sum entry's flag: the fixed-length fields are BCD digits, which join the BCD run.
pub(crate) const SUM_BCD: u16 = 0x0800;
/// A group-sum entry's flag: the fields must be walked one by one (two or more of variable
/// length, one in the middle, a mix of fixed-length text and digits, or more than [`SUM_MAX`]
/// bytes).
pub(crate) const SUM_NONE: u16 = 0x8000;
/// A group-sum entry's flag: the first field present has a variable length (or another check);
/// it is walked on its own before the sum is added.
pub(crate) const SUM_LEAD: u16 = 0x2000;
/// A group-sum entry's flag: the last field present has a variable length (or another check);
/// it is walked on its own after the sum is added.
pub(crate) const SUM_TAIL: u16 = 0x1000;
/// The largest total wire length a group-sum entry holds.
pub(crate) const SUM_MAX: u32 = 0x07FF;

/// Group sums for group `g` (fields `8g + 1` to `8g + 8`). For each bitmap byte of the group
/// (bit 7 is field `8g + 1`): the total wire length of the fixed-length fields it announces, when
/// they are all text, all ASCII digits ([`SUM_DIGITS`]) or all BCD digits ([`SUM_BCD`]), and at
/// most one other field stands first
/// ([`SUM_LEAD`]) or last ([`SUM_TAIL`]); else [`SUM_NONE`]. Byte 0 announces nothing and sums to
/// 0.
pub(crate) const fn group_sums(plans: &[Plan; 129], g: usize) -> [u16; 256] {
    let mut sums = [0u16; 256];
    let mut byte = 1;
    while byte < 256 {
        let (mut total, mut text, mut digits, mut bcd) = (0u32, false, false, false);
        // Fields of other kinds: how many, and their positions (0 = first present).
        let (mut others, mut other_at, mut count) = (0, 0, 0);
        let mut i = 0;
        while i < 8 {
            if byte & (0x80 >> i) != 0 {
                let plan = &plans[g * 8 + 1 + i];
                match plan.step {
                    Step::Fixed => text = true,
                    Step::FixedDigits => digits = true,
                    Step::FixedBcd => bcd = true,
                    _ => {
                        others += 1;
                        other_at = count;
                    }
                }
                if matches!(plan.step, Step::Fixed | Step::FixedDigits | Step::FixedBcd) {
                    total += plan.fixed;
                }
                count += 1;
            }
            i += 1;
        }
        let place = match (others, other_at) {
            (0, _) => 0,
            (1, 0) => SUM_LEAD,
            (1, at) if at == count - 1 => SUM_TAIL,
            _ => SUM_NONE,
        };
        // One kind of fixed field only: their bytes are one run.
        let kinds = text as u8 + digits as u8 + bcd as u8;
        sums[byte] = if place == SUM_NONE || kinds > 1 || total > SUM_MAX {
            SUM_NONE
        } else if digits {
            total as u16 | SUM_DIGITS | place
        } else if bcd {
            total as u16 | SUM_BCD | place
        } else {
            total as u16 | place
        };
        byte += 1;
    }
    sums
}

/// [`group_sums`] for all sixteen groups.
pub(crate) const fn all_group_sums(plans: &[Plan; 129]) -> [[u16; 256]; 16] {
    let mut all = [[0u16; 256]; 16];
    let mut g = 0;
    while g < 16 {
        all[g] = group_sums(plans, g);
        g += 1;
    }
    all
}

/// What walks a group of eight fields (see [`group_end`]): the fast walk, and
/// `Message::field` finding where a field starts.
pub(crate) trait GroupWalker {
    /// Where field `n`, starting at `at`, ends.
    fn one(&mut self, n: usize, at: usize) -> Option<usize>;
    /// Bytes `start..end` hold fixed-length fields whose group-sum entry is `sum` (its
    /// [`SUM_DIGITS`] or [`SUM_BCD`] flag says what they must hold).
    fn fixed(&mut self, start: usize, end: usize, sum: u16) -> Option<()>;
    /// Where the fields `byte` announces in the group whose first field is `first` end, from
    /// `at`, one at a time.
    fn each(&mut self, first: usize, byte: u8, at: usize) -> Option<usize> {
        let mut bits = byte;
        let mut at = at;
        while bits != 0 {
            let z = bits.leading_zeros() & 7;
            bits ^= 0x80 >> z;
            at = self.one(first.wrapping_add(z as usize), at)?;
        }
        Some(at)
    }
}

/// Where the fields of group `g` (fields `8g + 1` to `8g + 8`) that `byte` announces end,
/// from `at`: one look-up in the group sums gives the total length of the fixed-length fields,
/// a single field of another kind first or last is stepped over on its own, and any other
/// group goes one field at a time. The one routine for the fast walk and for field look-up.
#[inline(always)]
pub(crate) fn group_end(
    walker: &mut impl GroupWalker,
    sums: &[[u16; 256]; 16],
    g: usize,
    byte: u8,
    at: usize,
) -> Option<usize> {
    let first = (g << 3) | 1;
    let sum = sums
        .get(g)
        .and_then(|sums| sums.get(usize::from(byte)))
        .copied()
        .unwrap_or(SUM_NONE);
    if sum & SUM_NONE != 0 {
        return walker.each(first, byte, at);
    }
    let mut at = at;
    if sum & SUM_LEAD != 0 {
        at = walker.one(first.wrapping_add((byte.leading_zeros() & 7) as usize), at)?;
    }
    let start = at;
    at = at.wrapping_add(usize::from(sum & SUM_MAX as u16));
    if sum & (SUM_DIGITS | SUM_BCD) != 0 {
        walker.fixed(start, at, sum)?;
    }
    if sum & SUM_TAIL != 0 {
        let z = 7 ^ (byte.trailing_zeros() & 7);
        at = walker.one(first.wrapping_add(z as usize), at)?;
    }
    Some(at)
}
