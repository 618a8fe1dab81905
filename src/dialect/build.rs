//! Shared building blocks for the built-in field tables: short constructors for table rows and
//! the encoding profiles that turn an abstract table (ASCII values, raw binary, ASCII prefixes)
//! into a concrete one.

use super::{Align, Encoding, FieldSpec, Kind, Prefix, PrefixEncoding, Sensitivity};

pub(super) const fn n(len: u16, name: &'static str) -> Option<FieldSpec> {
    Some(FieldSpec::numeric(len, name))
}
pub(super) const fn ans(len: u16, name: &'static str) -> Option<FieldSpec> {
    Some(FieldSpec::text(len, name))
}
pub(super) const fn b(len: u16, name: &'static str) -> Option<FieldSpec> {
    Some(FieldSpec::binary(len, name))
}
pub(super) const fn xn(len: u16, name: &'static str) -> Option<FieldSpec> {
    Some(FieldSpec::amount(len, name))
}
pub(super) const fn llvar_n(max: u16, name: &'static str) -> Option<FieldSpec> {
    Some(FieldSpec::numeric(max, name).ll())
}
pub(super) const fn llvar_ans(max: u16, name: &'static str) -> Option<FieldSpec> {
    Some(FieldSpec::text(max, name).ll())
}
pub(super) const fn lllvar_ans(max: u16, name: &'static str) -> Option<FieldSpec> {
    Some(FieldSpec::text(max, name).lll())
}
pub(super) const fn secret(spec: Option<FieldSpec>) -> Option<FieldSpec> {
    match spec {
        Some(s) => Some(s.with_sensitivity(Sensitivity::Secret)),
        None => None,
    }
}

/// How a family of dialects writes each kind of field; applied to an abstract table whose specs
/// are all ASCII with raw binary.
#[derive(Clone, Copy)]
pub(super) struct Profile {
    /// Fixed-length numerics (and the digits of fixed amounts).
    pub(super) numeric_fixed: Encoding,
    /// Variable-length numerics.
    pub(super) numeric_var: Encoding,
    /// Track data.
    pub(super) track: Encoding,
    /// Binary data.
    pub(super) binary: Encoding,
    /// Length prefixes.
    pub(super) prefix: PrefixEncoding,
    /// Text.
    pub(super) text: Encoding,
}

impl Profile {
    pub(super) const ASCII_HEX: Profile = Profile {
        numeric_fixed: Encoding::Ascii,
        numeric_var: Encoding::Ascii,
        track: Encoding::Ascii,
        binary: Encoding::HexAscii,
        prefix: PrefixEncoding::Ascii,
        text: Encoding::Ascii,
    };
    pub(super) const ASCII_RAW: Profile = Profile {
        binary: Encoding::Binary,
        ..Profile::ASCII_HEX
    };
    /// jPOS `ISO87BPackager` and `ISO93BPackager`: `IFB_NUMERIC` right-justified, `IFB_LLNUM`
    /// left-justified, BCD prefixes, raw binary.
    pub(super) const BCD: Profile = Profile {
        numeric_fixed: Encoding::Bcd(Align::Right),
        numeric_var: Encoding::Bcd(Align::Left),
        track: Encoding::Bcd(Align::Left),
        binary: Encoding::Binary,
        prefix: PrefixEncoding::Bcd,
        text: Encoding::Ascii,
    };
    /// EBCDIC (code page 037) throughout, as IBM hosts and Mastercard write it: digits, text,
    /// track data and length prefixes one EBCDIC byte a character; binary data raw.
    pub(super) const EBCDIC: Profile = Profile {
        numeric_fixed: Encoding::Ebcdic,
        numeric_var: Encoding::Ebcdic,
        track: Encoding::Ebcdic,
        binary: Encoding::Binary,
        prefix: PrefixEncoding::Ebcdic,
        text: Encoding::Ebcdic,
    };

    pub(super) const fn apply(self, table: [Option<FieldSpec>; 129]) -> [Option<FieldSpec>; 129] {
        let mut out = table;
        let mut i = 0;
        while i < out.len() {
            if let Some(spec) = table[i] {
                let fixed = matches!(spec.prefix, Prefix::Fixed);
                let encoding = match spec.kind {
                    Kind::Numeric if fixed => self.numeric_fixed,
                    Kind::Numeric => self.numeric_var,
                    Kind::Amount => self.numeric_fixed,
                    Kind::Track => self.track,
                    Kind::Binary => self.binary,
                    Kind::Text => self.text,
                };
                out[i] = Some(
                    spec.with_encoding(encoding)
                        .with_prefix_encoding(self.prefix),
                );
            }
            i += 1;
        }
        out
    }
}

/// A field table from numbered rows, 1 to 128 in ascending order: a row left out leaves its
/// field undefined instead of shifting every later field, and a row out of order or numbered
/// twice fails the build (the tables are `const`).
pub(super) const fn numbered<const N: usize>(
    rows: [(u8, Option<FieldSpec>); N],
) -> [Option<FieldSpec>; 129] {
    let mut table: [Option<FieldSpec>; 129] = [None; 129];
    let mut i = 0;
    let mut last = 0u8;
    while i < N {
        let (n, spec) = rows[i];
        assert!(
            n > last && n <= 128,
            "field table rows must be numbered 1 to 128, ascending"
        );
        table[n as usize] = spec;
        last = n;
        i += 1;
    }
    table
}
