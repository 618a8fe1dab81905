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
            (_, Kind::Text) | (Encoding::Binary, _) => CHECK_NONE,
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
        Plan {
            fixed: if fixed { wire as u32 } else { 0 },
            max: spec.max,
            prefix_len: spec.prefix_size() as u8,
            prefix: spec.prefix_encoding,
            size,
            check,
            even: matches!(spec.unit, Unit::Wire) && matches!(spec.encoding, Encoding::HexAscii),
        }
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
