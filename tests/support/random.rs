//! Random valid messages for any dialect, from random bytes: shared by the round-trip properties
//! (tests/integration/round_trip.rs) and the decoder's unit tests (included with `#[path]`).
//! The including module brings the dialect and encoder types into scope.

use super::{Dialect, Encoding, FieldSpec, Kind, OwnedDraft, Prefix, Unit};
use std::format;
use std::vec;
use std::vec::Vec;

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
        if *n < 2 || fields.iter().any(|(m, _)| m == n) {
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
