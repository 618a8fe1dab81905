//! Random valid messages for any dialect, from random bytes: shared by the round-trip properties
//! (tests/integration/round_trip.rs) and the decoder's unit tests (included with `#[path]`).
//! The including module brings the dialect and encoder types into scope.

use super::{Dialect, Encoding, FieldSpec, Kind, OwnedDraft, Prefix, Unit};
use std::format;
use std::vec;
use std::vec::Vec;

/// A small seeded random number source (xorshift): `next(n)` is a number below `n` (0 for 0).
pub(super) fn numbers(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed | 1;
    move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound.max(1) as u64) as usize
    }
}

/// A valid value for `spec` made from random bytes: the length from the first byte (capped so
/// messages stay well under 64 KiB), the content from the rest.
pub(super) fn value_for(spec: &FieldSpec, seed: &[u8]) -> Vec<u8> {
    let fixed = matches!(spec.prefix, Prefix::Fixed);
    let max = usize::from(spec.max);
    // Binary fields counted in hex characters hold half as many bytes.
    let unit_per_byte = match (spec.unit, spec.encoding) {
        (Unit::Wire, Encoding::HexAscii) => 2,
        _ => 1,
    };
    let cap = (max / unit_per_byte).min(150);
    let len = if fixed {
        max / unit_per_byte
    } else {
        usize::from(seed.first().copied().unwrap_or(0)) % (cap + 1)
    };
    let mut bytes = seed.iter().copied().skip(1).chain((0u8..=255).cycle());
    let mut next = || bytes.next().unwrap_or(0);
    match spec.kind {
        Kind::Numeric => (0..len).map(|_| b'0' + next() % 10).collect(),
        Kind::Amount if len == 0 => Vec::new(),
        Kind::Amount => {
            let mut v = vec![if next() % 2 == 0 { b'C' } else { b'D' }];
            v.extend((1..len).map(|_| b'0' + next() % 10));
            v
        }
        Kind::Track => {
            // Digits, one separator, and now and then the F filler the decoder accepts.
            let sep = if matches!(spec.encoding, Encoding::Bcd(_)) {
                b'D'
            } else {
                b'='
            };
            let at = if len > 2 {
                Some(usize::from(next()) % len)
            } else {
                None
            };
            (0..len)
                .map(|i| match next() % 16 {
                    _ if Some(i) == at => sep,
                    0 => b'F',
                    r => b'0' + r % 10,
                })
                .collect()
        }
        Kind::Text => (0..len).map(|_| 0x20 + next() % 0x5F).collect(),
        _ => (0..len).map(|_| next()).collect(),
    }
}

/// A draft of the fields `picks` names (undefined and repeated numbers skipped), each with a
/// value made by [`value_for`] from its seed bytes.
pub(super) fn draft_for(
    dialect: &Dialect,
    mti: u16,
    header: &[u8],
    picks: &[(u8, Vec<u8>)],
) -> OwnedDraft {
    let mut fields: Vec<(u8, Vec<u8>)> = Vec::new();
    for (n, seed) in picks {
        let Some(spec) = dialect.field(*n) else {
            continue;
        };
        // Bit 65 announces the tertiary bitmap in a dialect that has one.
        let tertiary_bit = *n == 65 && dialect.has_tertiary_bitmap();
        if *n < 2 || tertiary_bit || fields.iter().any(|(m, _)| m == n) {
            continue;
        }
        fields.push((*n, value_for(spec, seed)));
    }
    fields.sort_by_key(|(n, _)| *n);
    let mut m = [0u8; 4];
    m.copy_from_slice(format!("{:04}", mti % 10000).as_bytes());
    OwnedDraft {
        mti: m,
        header: header
            .iter()
            .copied()
            .cycle()
            .take(usize::from(dialect.framing().header_len))
            .collect(),
        fields,
    }
}

/// A random user dialect: every field 2 to 128 defined or not, each of a random kind with any
/// encoding the kind allows (ASCII, BCD either way, EBCDIC, raw or hex binary), fixed (zero
/// length among them) or with an LL, LLL or LLLL prefix in ASCII, BCD, binary or EBCDIC, its
/// maximum anywhere the prefix can write (very large ones too); random MTI and bitmap
/// encodings, and a random framing. `next(n)` gives a random number below `n`.
pub(super) fn random_dialect(next: &mut impl FnMut(usize) -> usize) -> Dialect {
    use super::{BitmapEncoding, Framing, LengthHeader, MtiEncoding, Standard};
    let mut fields: [Option<FieldSpec>; 129] = [None; 129];
    fields[1] = Some(FieldSpec::binary(8, "Secondary bitmap"));
    for slot in fields.iter_mut().skip(2) {
        if next(10) >= 3 {
            *slot = Some(random_spec(next));
        }
    }
    let framing = Framing::length(LengthHeader::ALL[next(4)]).with_header(next(6) as u8);
    let framing = if next(4) == 0 {
        framing.counting_itself()
    } else {
        framing
    };
    let dialect = Dialect::new(
        "random",
        [Standard::Iso1987, Standard::Iso1993][next(2)],
        framing,
        [MtiEncoding::Ascii, MtiEncoding::Bcd, MtiEncoding::Ebcdic][next(3)],
        [
            BitmapEncoding::Binary,
            BitmapEncoding::HexAscii,
            BitmapEncoding::HexEbcdic,
        ][next(3)],
        fields,
    );
    // A tertiary bitmap now and then, with fields 129 to 192 of its own.
    if next(3) != 0 {
        return dialect;
    }
    let mut dialect = dialect.with_tertiary_bitmap();
    for n in 129..=192u8 {
        if next(10) < 4 {
            dialect = dialect.with_field(n, random_spec(next));
        }
    }
    dialect
}

/// A random field spec (see [`random_dialect`]).
fn random_spec(next: &mut impl FnMut(usize) -> usize) -> FieldSpec {
    use super::{Align, PrefixEncoding};
    let kind = [
        Kind::Numeric,
        Kind::Text,
        Kind::Binary,
        Kind::Track,
        Kind::Amount,
    ][next(5)];
    let align = if next(2) == 0 {
        Align::Left
    } else {
        Align::Right
    };
    let encoding = match kind {
        Kind::Text => [Encoding::Ascii, Encoding::Ebcdic][next(2)],
        Kind::Binary => [Encoding::Binary, Encoding::HexAscii][next(2)],
        _ => [Encoding::Ascii, Encoding::Bcd(align), Encoding::Ebcdic][next(3)],
    };
    let prefix = [Prefix::Fixed, Prefix::Ll, Prefix::Lll, Prefix::Llll][next(4)];
    let prefix_encoding = [
        PrefixEncoding::Ascii,
        PrefixEncoding::Bcd,
        PrefixEncoding::Binary,
        PrefixEncoding::Ebcdic,
    ][next(4)];
    // Hex-written binary counted in characters now and then.
    let unit = if encoding == Encoding::HexAscii && next(3) == 0 {
        Unit::Wire
    } else {
        Unit::Value
    };
    let spec = FieldSpec::new(kind, 0, "Random")
        .with_encoding(encoding)
        .with_prefix(prefix)
        .with_prefix_encoding(prefix_encoding)
        .with_unit(unit);
    let capacity = spec.prefix_capacity().min(9_999);
    let max = match next(8) {
        // Zero-length, and very large fields.
        0 => 0,
        1 => capacity.min(2_000) - next(10).min(capacity.min(2_000)),
        _ => 1 + next(40.min(capacity.max(1))),
    };
    let max = if unit == Unit::Wire { max & !1 } else { max };
    spec.with_max(max as u16)
}
