//! Byte-level primitives shared by the parsers: taking bytes, decimal and BCD digits, hex.
//!
//! Parsers return nom's `IResult` with [`Fail`], which records the kind of fault and how many
//! input bytes remained where it happened; `decode` turns that into an absolute offset.

use crate::error::ErrorKind;

/// A parser failure: what went wrong and the length of the input left at the faulty byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fail {
    pub(crate) kind: ErrorKind,
    pub(crate) rest: usize,
}

impl Fail {
    /// A failure at byte `index` of `input`.
    pub(crate) fn at(input: &[u8], index: usize, kind: ErrorKind) -> nom::Err<Fail> {
        nom::Err::Error(Fail {
            kind,
            rest: input.len().saturating_sub(index),
        })
    }
}

impl<'a> nom::error::ParseError<&'a [u8]> for Fail {
    fn from_error_kind(input: &'a [u8], _kind: nom::error::ErrorKind) -> Self {
        Fail {
            kind: ErrorKind::Truncated {
                needed: 0,
                available: input.len(),
            },
            rest: input.len(),
        }
    }

    fn append(_input: &'a [u8], _kind: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}

/// nom's result type with [`Fail`].
pub(crate) type PResult<'a, T> = nom::IResult<&'a [u8], T, Fail>;

/// Takes exactly `count` bytes, or fails with `Truncated` at the current position.
pub(crate) fn take(count: usize) -> impl Fn(&[u8]) -> PResult<'_, &[u8]> {
    move |input: &[u8]| match input.split_at_checked(count) {
        Some((taken, rest)) => Ok((rest, taken)),
        None => Err(Fail::at(
            input,
            0,
            ErrorKind::Truncated {
                needed: count,
                available: input.len(),
            },
        )),
    }
}

/// Hex digit values by byte; 0xFF for bytes that are not hex digits. (Built at compile time,
/// where an out-of-range index would fail the build.)
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
static HEX: [u8; 256] = {
    let mut table = [0xFFu8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'A' as usize + i] = 10 + i as u8;
        table[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

/// The value of a hex digit, either case.
#[inline]
pub(crate) fn hex_value(byte: u8) -> Option<u8> {
    match HEX.get(usize::from(byte)) {
        Some(&v) if v != 0xFF => Some(v),
        _ => None,
    }
}

/// Index of the first byte of `bytes` that `ok` rejects. The common case, all valid, is one
/// branch-free pass the compiler can vectorise; the position is searched only on failure.
#[inline]
pub(crate) fn find_bad(bytes: &[u8], ok: impl Fn(u8) -> bool) -> Option<usize> {
    if bytes.iter().fold(true, |all, &b| all & ok(b)) {
        return None;
    }
    bytes.iter().position(|&b| !ok(b))
}

/// Whether a byte is an ASCII decimal digit (branch-free).
#[inline(always)]
pub(crate) fn is_digit(b: u8) -> bool {
    b.wrapping_sub(b'0') < 10
}

/// Whether a byte is a hex digit, either case. Arithmetic rather than a table look-up, so
/// passes over long fields (EMV data) vectorise.
#[inline(always)]
pub(crate) fn is_hex(b: u8) -> bool {
    let lower = b | 0x20;
    is_digit(b) | (lower.wrapping_sub(b'a') < 6)
}

/// Index of the first byte that is not an ASCII decimal digit.
#[inline]
pub(crate) fn find_non_digit(bytes: &[u8]) -> Option<usize> {
    find_bad(bytes, is_digit)
}

/// Index of the first byte that is not a hex digit.
#[inline]
pub(crate) fn find_non_hex(bytes: &[u8]) -> Option<usize> {
    find_bad(bytes, is_hex)
}

/// Index of the first byte holding a BCD nibble above 9, skipping the pad nibble: `skip_first`
/// exempts the high nibble of the first byte, `skip_last` the low nibble of the last byte.
pub(crate) fn find_bad_bcd(
    bytes: &[u8],
    skip_first: bool,
    skip_last: bool,
    ok: impl Fn(u8) -> bool,
) -> Option<usize> {
    let last = bytes.len().saturating_sub(1);
    bytes.iter().enumerate().position(|(i, &b)| {
        let high_ok = (skip_first && i == 0) || ok(b >> 4);
        let low_ok = (skip_last && i == last) || ok(b & 0x0F);
        !(high_ok && low_ok)
    })
}

/// Reads `digits` decimal digits written as `encoding` at the start of `input`; used for length
/// prefixes and length headers. Fails with `BadLengthPrefix` at the faulty byte.
pub(crate) fn decimal(
    input: &[u8],
    digits: u8,
    encoding: crate::dialect::PrefixEncoding,
) -> PResult<'_, usize> {
    use crate::dialect::PrefixEncoding;
    let size = match encoding {
        PrefixEncoding::Ascii | PrefixEncoding::Ebcdic => usize::from(digits),
        PrefixEncoding::Bcd => usize::from(digits).div_ceil(2),
        PrefixEncoding::Binary => {
            if digits <= 2 {
                1
            } else {
                2
            }
        }
    };
    let (rest, bytes) = take(size)(input)?;
    match value_of(bytes, encoding) {
        Ok(value) => Ok((rest, value)),
        Err(index) => {
            let byte = bytes.get(index).copied().unwrap_or(0);
            Err(Fail::at(input, index, ErrorKind::BadLengthPrefix { byte }))
        }
    }
}

/// The number written in `bytes` (already the right size), or the index of the faulty byte.
pub(crate) fn value_of(
    bytes: &[u8],
    encoding: crate::dialect::PrefixEncoding,
) -> Result<usize, usize> {
    use crate::dialect::PrefixEncoding;
    let mut value = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        value = match encoding {
            PrefixEncoding::Ascii if b.is_ascii_digit() => value
                .wrapping_mul(10)
                .wrapping_add(usize::from(b.wrapping_sub(b'0'))),
            PrefixEncoding::Bcd if b >> 4 <= 9 && b & 0x0F <= 9 => {
                value.wrapping_mul(100).wrapping_add(usize::from(
                    (b >> 4).wrapping_mul(10).wrapping_add(b & 0x0F),
                ))
            }
            PrefixEncoding::Binary => value.wrapping_shl(8) | usize::from(b),
            PrefixEncoding::Ebcdic if crate::ebcdic::is_digit(b) => value
                .wrapping_mul(10)
                .wrapping_add(usize::from(b.wrapping_sub(0xF0))),
            _ => return Err(i),
        };
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::PrefixEncoding;

    #[test]
    fn take_reports_needed_and_available() {
        assert_eq!(take(2)(b"abc"), Ok((&b"c"[..], &b"ab"[..])));
        let err = take(5)(b"abc").unwrap_err();
        assert_eq!(
            err,
            nom::Err::Error(Fail {
                kind: ErrorKind::Truncated {
                    needed: 5,
                    available: 3
                },
                rest: 3
            })
        );
    }

    #[test]
    fn hex_digits_either_case() {
        assert_eq!(hex_value(b'7'), Some(7));
        assert_eq!(hex_value(b'a'), Some(10));
        assert_eq!(hex_value(b'F'), Some(15));
        assert_eq!(hex_value(b'g'), None);
        assert_eq!(hex_value(b' '), None);
    }

    #[test]
    fn decimal_prefixes_in_each_encoding() {
        assert_eq!(
            decimal(b"37x", 2, PrefixEncoding::Ascii),
            Ok((&b"x"[..], 37))
        );
        assert_eq!(
            decimal(b"104", 3, PrefixEncoding::Ascii),
            Ok((&b""[..], 104))
        );
        assert_eq!(
            decimal(&[0x37, 0xAA], 2, PrefixEncoding::Bcd),
            Ok((&[0xAA][..], 37))
        );
        assert_eq!(
            decimal(&[0x01, 0x04], 3, PrefixEncoding::Bcd),
            Ok((&b""[..], 104))
        );
        assert_eq!(
            decimal(&[0x09, 0x99], 4, PrefixEncoding::Bcd),
            Ok((&b""[..], 999))
        );
        assert_eq!(
            decimal(&[0x25], 2, PrefixEncoding::Binary),
            Ok((&b""[..], 37))
        );
        assert_eq!(
            decimal(&[0x01, 0x00], 3, PrefixEncoding::Binary),
            Ok((&b""[..], 256))
        );
    }

    #[test]
    fn decimal_rejects_non_digits_at_their_byte() {
        let err = decimal(b"3A", 2, PrefixEncoding::Ascii).unwrap_err();
        assert_eq!(
            err,
            nom::Err::Error(Fail {
                kind: ErrorKind::BadLengthPrefix { byte: b'A' },
                rest: 1
            })
        );
        let err = decimal(&[0x01, 0x2A], 3, PrefixEncoding::Bcd).unwrap_err();
        assert_eq!(
            err,
            nom::Err::Error(Fail {
                kind: ErrorKind::BadLengthPrefix { byte: 0x2A },
                rest: 1
            })
        );
        let err = decimal(b"1", 3, PrefixEncoding::Ascii).unwrap_err();
        assert!(matches!(
            err,
            nom::Err::Error(Fail {
                kind: ErrorKind::Truncated {
                    needed: 3,
                    available: 1
                },
                rest: 1
            })
        ));
    }

    #[test]
    fn bcd_checks_skip_only_the_pad_nibble() {
        let digit = |n: u8| n <= 9;
        assert_eq!(find_bad_bcd(&[0x01, 0x23], false, false, digit), None);
        assert_eq!(find_bad_bcd(&[0xF1, 0x23], true, false, digit), None);
        assert_eq!(find_bad_bcd(&[0xF1, 0x23], false, false, digit), Some(0));
        assert_eq!(find_bad_bcd(&[0x12, 0x3F], false, true, digit), None);
        assert_eq!(find_bad_bcd(&[0x12, 0x3F], true, false, digit), Some(1));
        assert_eq!(find_bad_bcd(&[0x12, 0xA3], false, true, digit), Some(1));
    }
}
