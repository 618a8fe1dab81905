//! A field's layout boiled down, at compile time, to what the decoder's inner loop needs: eight
//! bytes, no enums to match beyond one small code.

use super::{Align, Encoding, FieldSpec, Kind, Prefix, PrefixEncoding, Unit};

/// How units of a variable length turn into wire bytes.
pub(crate) const SIZE_SAME: u8 = 0;
/// Two hex characters a byte.
pub(crate) const SIZE_DOUBLE: u8 = 1;
/// Two BCD digits a byte.
pub(crate) const SIZE_HALF: u8 = 2;
/// An ASCII sign, then two BCD digits a byte.
pub(crate) const SIZE_SIGN_HALF: u8 = 3;

/// No content check (text, raw binary).
pub(crate) const CHECK_NONE: u8 = 0;
/// ASCII decimal digits.
pub(crate) const CHECK_DIGITS: u8 = 1;
/// Hex characters.
pub(crate) const CHECK_HEX: u8 = 2;
/// BCD digits, the pad nibble (if any) first: right-justified.
pub(crate) const CHECK_BCD_RIGHT: u8 = 3;
/// BCD digits, the pad nibble (if any) last: left-justified.
pub(crate) const CHECK_BCD_LEFT: u8 = 4;
/// Anything else: the general check on the field's spec.
pub(crate) const CHECK_GENERAL: u8 = 5;
/// EBCDIC decimal digits (F0 to F9).
pub(crate) const CHECK_EBCDIC_DIGITS: u8 = 6;

/// The fast walk's steps (see `decode::walk`). Fixed wire length; text or raw bytes.
pub(crate) const OP_FIXED: u8 = 0;
/// Fixed wire length; ASCII digits, checked later as part of a run.
pub(crate) const OP_FIXED_DIGITS: u8 = 1;
/// Two ASCII length digits (checked later), then that many bytes of text or raw bytes.
pub(crate) const OP_LL: u8 = 2;
/// Two ASCII length digits, then that many ASCII digits: all checked later.
pub(crate) const OP_LL_DIGITS: u8 = 3;
/// Three ASCII length digits (checked later), then that many bytes of text or raw bytes.
pub(crate) const OP_LLL: u8 = 4;
/// Three ASCII length digits, then that many ASCII digits: all checked later.
pub(crate) const OP_LLL_DIGITS: u8 = 5;
/// Two ASCII length digits (checked later), then hex text, checked on the spot.
pub(crate) const OP_LL_HEX: u8 = 6;
/// Three ASCII length digits (checked later), then hex text, checked on the spot.
pub(crate) const OP_LLL_HEX: u8 = 7;
/// Any other layout: read and checked on the spot.
pub(crate) const OP_OTHER: u8 = 8;

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
    /// One of the `SIZE_*` rules.
    pub(crate) size: u8,
    /// One of the `CHECK_*` codes.
    pub(crate) check: u8,
    /// The declared length must be even (hex text counted in characters).
    pub(crate) even: bool,
    /// The fast walk's step: one of the `OP_*` codes.
    pub(crate) op: u8,
}

impl Plan {
    /// The plan of an undefined field (never used: its bit is rejected first).
    pub(crate) const NONE: Plan = Plan {
        fixed: 0,
        max: 0,
        prefix_len: 0,
        prefix: PrefixEncoding::Ascii,
        size: SIZE_SAME,
        check: CHECK_NONE,
        even: false,
        op: OP_FIXED,
    };

    /// The plan for `spec`.
    pub(crate) const fn of(spec: &FieldSpec) -> Plan {
        let size = match (spec.unit, spec.encoding, spec.kind) {
            (Unit::Wire, _, _) => SIZE_SAME,
            (_, Encoding::HexAscii, _) => SIZE_DOUBLE,
            (_, Encoding::Bcd(_), Kind::Amount) => SIZE_SIGN_HALF,
            (_, Encoding::Bcd(_), _) => SIZE_HALF,
            _ => SIZE_SAME,
        };
        let check = match (spec.encoding, spec.kind) {
            (_, Kind::Text) | (Encoding::Binary | Encoding::Ebcdic, Kind::Binary) => CHECK_NONE,
            (Encoding::Binary, _) => CHECK_NONE,
            (Encoding::Ebcdic, Kind::Numeric) => CHECK_EBCDIC_DIGITS,
            (Encoding::HexAscii, _) => CHECK_HEX,
            (Encoding::Ascii, Kind::Numeric | Kind::Binary) => CHECK_DIGITS,
            (Encoding::Bcd(Align::Right), Kind::Numeric) if matches!(spec.unit, Unit::Value) => {
                CHECK_BCD_RIGHT
            }
            (Encoding::Bcd(Align::Left), Kind::Numeric) if matches!(spec.unit, Unit::Value) => {
                CHECK_BCD_LEFT
            }
            _ => CHECK_GENERAL,
        };
        let fixed = matches!(spec.prefix, Prefix::Fixed);
        let wire = spec.wire_len(spec.max as usize);
        let prefix_len = spec.prefix_size() as u8;
        let even = matches!(spec.unit, Unit::Wire) && matches!(spec.encoding, Encoding::HexAscii);
        // Only byte-for-byte layouts whose content is unchecked or ASCII digits take the
        // walk's short cuts, and only with no prefix or an ASCII one of two or three digits.
        let simple = size == SIZE_SAME && !even && (check == CHECK_NONE || check == CHECK_DIGITS);
        let ascii = matches!(spec.prefix_encoding, PrefixEncoding::Ascii);
        let digits = check == CHECK_DIGITS;
        // Hex text counted in characters (an even count) or in bytes (two characters each).
        let hex = check == CHECK_HEX && (size == SIZE_DOUBLE || (size == SIZE_SAME && even));
        let op = match (simple, prefix_len, ascii, digits) {
            (false, 2, true, _) if hex => OP_LL_HEX,
            (false, 3, true, _) if hex => OP_LLL_HEX,
            (false, _, _, _) => OP_OTHER,
            (true, 0, _, false) => OP_FIXED,
            (true, 0, _, true) => OP_FIXED_DIGITS,
            (true, 2, true, false) => OP_LL,
            (true, 2, true, true) => OP_LL_DIGITS,
            (true, 3, true, false) => OP_LLL,
            (true, 3, true, true) => OP_LLL_DIGITS,
            _ => OP_OTHER,
        };
        Plan {
            fixed: if fixed { wire as u32 } else { 0 },
            max: spec.max,
            prefix_len,
            prefix: spec.prefix_encoding,
            size,
            check,
            even,
            op,
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
            SIZE_DOUBLE => len.saturating_mul(2),
            SIZE_HALF => len.div_ceil(2),
            SIZE_SIGN_HALF => len.saturating_sub(1).div_ceil(2).saturating_add(1),
            _ => len,
        }
    }
}

/// A group-sum entry's flag: the fixed-length fields are ASCII digits, which join the digit
/// run.
pub(crate) const SUM_DIGITS: u16 = 0x4000;
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
pub(crate) const SUM_MAX: u32 = 0x0FFF;

/// Group sums for group `g` (fields `8g + 1` to `8g + 8`). For each bitmap byte of the group
/// (bit 7 is field `8g + 1`): the total wire length of the fixed-length fields it announces, when
/// they are all text or all digits ([`SUM_DIGITS`]), and at most one other field stands first
/// ([`SUM_LEAD`]) or last ([`SUM_TAIL`]); else [`SUM_NONE`]. Byte 0 announces nothing and sums to
/// 0.
pub(crate) const fn group_sums(plans: &[Plan; 129], g: usize) -> [u16; 256] {
    let mut sums = [0u16; 256];
    let mut byte = 1;
    while byte < 256 {
        let (mut total, mut text, mut digits) = (0u32, false, false);
        // Fields of other kinds: how many, and their positions (0 = first present).
        let (mut others, mut other_at, mut count) = (0, 0, 0);
        let mut i = 0;
        while i < 8 {
            if byte & (0x80 >> i) != 0 {
                let plan = &plans[g * 8 + 1 + i];
                match plan.op {
                    OP_FIXED => text = true,
                    OP_FIXED_DIGITS => digits = true,
                    _ => {
                        others += 1;
                        other_at = count;
                    }
                }
                if matches!(plan.op, OP_FIXED | OP_FIXED_DIGITS) {
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
        sums[byte] = if place == SUM_NONE || (text && digits) || total > SUM_MAX {
            SUM_NONE
        } else if digits {
            total as u16 | SUM_DIGITS | place
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
