//! One data field: its length (fixed or prefixed), its bytes, and a check of its content.

use super::plan::Plan;
use super::primitives::{
    Fail, PResult, decimal, find_bad, find_bad_bcd, find_non_digit, find_non_hex, hex_value, take,
};
use crate::dialect::{Align, Encoding, FieldSpec, Kind, PrefixEncoding, Unit};
use crate::error::ErrorKind;

/// Reads one field laid out as `spec` (whose compiled form is `plan`) and checks its content;
/// returns its value bytes, prefix excluded.
#[cfg(test)]
pub(crate) fn field<'a>(input: &'a [u8], spec: &FieldSpec, plan: Plan) -> PResult<'a, &'a [u8]> {
    let (rest, (value, len)) = bounds(input, spec, plan)?;
    match check(value, spec, len) {
        Ok(()) => Ok((rest, value)),
        Err((index, kind)) => Err(nom::Err::Error(Fail {
            kind,
            // the faulty byte is `index` bytes into `value`, which `rest` follows
            rest: value.len().saturating_sub(index).saturating_add(rest.len()),
        })),
    }
}

/// Finds where one field laid out as `spec` (whose compiled form is `plan`) ends, without
/// looking at its content: its value bytes (prefix excluded) and its length in units.
#[inline]
pub(crate) fn bounds<'a>(
    input: &'a [u8],
    spec: &FieldSpec,
    plan: Plan,
) -> PResult<'a, (&'a [u8], usize)> {
    let (rest, len, wire) = if plan.prefix_len == 0 {
        (input, usize::from(plan.max), plan.fixed as usize)
    } else {
        let (rest, len) = match plan.prefix {
            PrefixEncoding::Ascii => ascii_prefix(input, plan.prefix_len)?,
            encoding => decimal(input, spec.prefix.digits(), encoding)?,
        };
        if len > usize::from(plan.max) {
            return Err(Fail::at(
                input,
                0,
                ErrorKind::LengthOverMax {
                    found: len,
                    max: usize::from(plan.max),
                },
            ));
        }
        if plan.even && len % 2 != 0 {
            return Err(Fail::at(input, 0, ErrorKind::OddHexLength { found: len }));
        }
        (rest, len, plan.wire(len))
    };
    let (rest, value) = take(wire)(rest)?;
    Ok((rest, (value, len)))
}

/// An ASCII length prefix of `size` digits, read without a loop for the usual two and three.
#[inline]
fn ascii_prefix(input: &[u8], size: u8) -> PResult<'_, usize> {
    let digit = |i: usize| -> Option<usize> {
        let d = input.get(i)?.wrapping_sub(b'0');
        (d < 10).then_some(usize::from(d))
    };
    let value = match size {
        2 => digit(0)
            .zip(digit(1))
            .map(|(a, b)| a.wrapping_mul(10).wrapping_add(b)),
        3 => digit(0).zip(digit(1)).zip(digit(2)).map(|((a, b), c)| {
            a.wrapping_mul(100)
                .wrapping_add(b.wrapping_mul(10))
                .wrapping_add(c)
        }),
        _ => None,
    };
    match (value, input.get(usize::from(size)..)) {
        (Some(value), Some(rest)) => Ok((rest, value)),
        // Short input, a bad digit or an unusual width: the general reader says which.
        _ => decimal(input, size, PrefixEncoding::Ascii),
    }
}

/// Checks a value's content against its kind and encoding; on a fault, the index of the faulty
/// byte within `value` and the kind.
pub(crate) fn check(value: &[u8], spec: &FieldSpec, len: usize) -> Result<(), (usize, ErrorKind)> {
    let bad_digit = |value: &[u8], i: usize| {
        (
            i,
            ErrorKind::BadDigit {
                byte: value.get(i).copied().unwrap_or(0),
            },
        )
    };
    match (spec.encoding, spec.kind) {
        (_, Kind::Text) | (Encoding::Binary, _) | (Encoding::Ebcdic, Kind::Binary) => Ok(()),
        (Encoding::Ebcdic, kind) => check_ebcdic(value, kind),
        (Encoding::HexAscii, _) => match find_non_hex(value) {
            None => Ok(()),
            Some(i) => Err((
                i,
                ErrorKind::BadHex {
                    byte: value.get(i).copied().unwrap_or(0),
                },
            )),
        },
        (Encoding::Ascii, Kind::Numeric | Kind::Binary) => match find_non_digit(value) {
            None => Ok(()),
            Some(i) => Err(bad_digit(value, i)),
        },
        (Encoding::Ascii, Kind::Track) => {
            match find_bad(value, |b| b == b'=' || hex_value(b).is_some()) {
                None => Ok(()),
                Some(i) => Err((
                    i,
                    ErrorKind::BadTrackCharacter {
                        byte: value.get(i).copied().unwrap_or(0),
                    },
                )),
            }
        }
        (Encoding::Ascii, Kind::Amount) => {
            let Some((&sign, digits)) = value.split_first() else {
                return Ok(());
            };
            if sign != b'C' && sign != b'D' {
                return Err((0, ErrorKind::BadAmountSign { byte: sign }));
            }
            match find_non_digit(digits) {
                None => Ok(()),
                Some(i) => Err(bad_digit(value, i.saturating_add(1))),
            }
        }
        (Encoding::Bcd(align), kind) => {
            let (offset, packed, digits) = match kind {
                Kind::Amount => {
                    let Some((&sign, packed)) = value.split_first() else {
                        return Ok(());
                    };
                    if sign != b'C' && sign != b'D' {
                        return Err((0, ErrorKind::BadAmountSign { byte: sign }));
                    }
                    (1, packed, len.saturating_sub(1))
                }
                _ => (0, value, len),
            };
            let odd = matches!(spec.unit, Unit::Value) && digits % 2 == 1;
            let (skip_first, skip_last) = match align {
                Align::Right => (odd, false),
                Align::Left => (false, odd),
            };
            let pad = |n: u8| n == 0 || n == 0x0F;
            let pad_byte = match (skip_first, skip_last) {
                (true, _) => packed.first().filter(|&&b| !pad(b >> 4)).map(|_| 0),
                (_, true) => packed
                    .last()
                    .filter(|&&b| !pad(b & 0x0F))
                    .map(|_| packed.len().saturating_sub(1)),
                _ => None,
            };
            if let Some(i) = pad_byte {
                let i = i.saturating_add(offset);
                let byte = value.get(i).copied().unwrap_or(0);
                return Err((i, ErrorKind::BadPad { byte }));
            }
            let track = matches!(kind, Kind::Track);
            let ok = |n: u8| n <= 9 || (track && (n == 0x0D || n == 0x0F));
            match find_bad_bcd(packed, skip_first, skip_last, ok) {
                None => Ok(()),
                Some(i) => {
                    let i = i.saturating_add(offset);
                    let byte = value.get(i).copied().unwrap_or(0);
                    Err((
                        i,
                        if track {
                            ErrorKind::BadTrackCharacter { byte }
                        } else {
                            ErrorKind::BadDigit { byte }
                        },
                    ))
                }
            }
        }
    }
}

/// [`check`] for an EBCDIC value: digits F0 to F9; track data, as in ASCII, may also hold the
/// separator `=` (7E) and the hex letters `A` to `F` (C1 to C6: the separator `D`, the filler
/// `F`); an amount starts with `C` (C3) or `D` (C4).
fn check_ebcdic(value: &[u8], kind: Kind) -> Result<(), (usize, ErrorKind)> {
    let digit = crate::ebcdic::is_digit;
    let (offset, digits) = match (kind, value.split_first()) {
        (Kind::Amount, Some((&sign, rest))) => {
            if sign != 0xC3 && sign != 0xC4 {
                return Err((0, ErrorKind::BadAmountSign { byte: sign }));
            }
            (1, rest)
        }
        _ => (0, value),
    };
    let ok = |b: u8| digit(b) || (kind == Kind::Track && (b == 0x7E || (0xC1..=0xC6).contains(&b)));
    match find_bad(digits, ok) {
        None => Ok(()),
        Some(i) => {
            let i = i.saturating_add(offset);
            let byte = value.get(i).copied().unwrap_or(0);
            Err((
                i,
                if kind == Kind::Track {
                    ErrorKind::BadTrackCharacter { byte }
                } else {
                    ErrorKind::BadDigit { byte }
                },
            ))
        }
    }
}

/// [`check`] for field `n`: when the field holds card data (a card number, track data, PIN
/// or security data by its sensitivity), the faulty byte an error or anomaly shows keeps only
/// what is wrong with it: of a BCD byte the bad nibble (or the pad nibble), the other one, a
/// digit of the card data, zeroed; a byte that is a digit in ASCII or EBCDIC becomes 0x00.
pub(crate) fn check_field(
    value: &[u8],
    spec: &FieldSpec,
    len: usize,
    n: u8,
) -> Result<(), (usize, ErrorKind)> {
    use crate::dialect::Sensitivity;
    let Err((index, kind)) = check(value, spec, len) else {
        return Ok(());
    };
    if spec.sensitivity.settle(n) == Sensitivity::Public {
        return Err((index, kind));
    }
    let hide = |byte: u8| match spec.encoding {
        Encoding::Bcd(_) => {
            let track = spec.kind == Kind::Track;
            let bad = |nibble: u8| nibble > 9 && !(track && (nibble == 0x0D || nibble == 0x0F));
            let hi = if bad(byte >> 4) { byte & 0xF0 } else { 0 };
            let lo = if bad(byte & 0x0F) { byte & 0x0F } else { 0 };
            hi | lo
        }
        _ if byte.is_ascii_digit() || crate::ebcdic::is_digit(byte) => 0,
        _ => byte,
    };
    let kind = match kind {
        ErrorKind::BadDigit { byte } => ErrorKind::BadDigit { byte: hide(byte) },
        ErrorKind::BadTrackCharacter { byte } => ErrorKind::BadTrackCharacter { byte: hide(byte) },
        // The pad nibble stays (it holds no digit), the other goes.
        ErrorKind::BadPad { byte } => ErrorKind::BadPad {
            byte: match spec.encoding {
                Encoding::Bcd(Align::Right) => byte & 0xF0,
                _ => byte & 0x0F,
            },
        },
        other => other,
    };
    Err((index, kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::PrefixEncoding;

    fn read<'a>(input: &'a [u8], spec: &FieldSpec) -> PResult<'a, &'a [u8]> {
        field(input, spec, Plan::of(spec))
    }

    fn err_of(r: PResult<'_, &[u8]>) -> Fail {
        match r {
            Err(nom::Err::Error(f)) => f,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn fixed_ascii_numeric() {
        let spec = FieldSpec::numeric(6, "t");
        assert_eq!(
            read(b"000123rest", &spec),
            Ok((&b"rest"[..], &b"000123"[..]))
        );
        let f = err_of(read(b"00x123", &spec));
        assert_eq!(f.kind, ErrorKind::BadDigit { byte: b'x' });
        assert_eq!(f.rest, 4);
    }

    #[test]
    fn llvar_ascii_and_its_faults() {
        let spec = FieldSpec::numeric(19, "pan").ll();
        assert_eq!(read(b"044761!", &spec), Ok((&b"!"[..], &b"4761"[..])));
        let f = err_of(read(b"20476173900101011900", &spec));
        assert_eq!(f.kind, ErrorKind::LengthOverMax { found: 20, max: 19 });
        assert_eq!(f.rest, 20);
        let f = err_of(read(b"0547", &spec));
        assert_eq!(
            f.kind,
            ErrorKind::Truncated {
                needed: 5,
                available: 2
            }
        );
        assert_eq!(f.rest, 2);
    }

    #[test]
    fn bcd_numeric_alignment() {
        let right = FieldSpec::numeric(3, "t").with_encoding(Encoding::Bcd(Align::Right));
        assert_eq!(
            read(&[0x01, 0x23], &right),
            Ok((&b""[..], &[0x01, 0x23][..]))
        );
        let left = FieldSpec::numeric(19, "t")
            .ll()
            .with_encoding(Encoding::Bcd(Align::Left))
            .with_prefix_encoding(PrefixEncoding::Bcd);
        // 3 digits, left-justified, pad F at the end.
        assert_eq!(
            read(&[0x03, 0x12, 0x3F], &left),
            Ok((&b""[..], &[0x12, 0x3F][..]))
        );
        let f = err_of(read(&[0x03, 0x1A, 0x3F], &left));
        assert_eq!(f.kind, ErrorKind::BadDigit { byte: 0x1A });
        assert_eq!(f.rest, 2);
    }

    #[test]
    fn bcd_track_allows_separator() {
        let spec = FieldSpec::track(37, "t2")
            .ll()
            .with_encoding(Encoding::Bcd(Align::Left))
            .with_prefix_encoding(PrefixEncoding::Bcd);
        assert!(read(&[0x05, 0x12, 0xD4, 0x50], &spec).is_ok());
        let f = err_of(read(&[0x05, 0x12, 0xC4, 0x50], &spec));
        assert_eq!(f.kind, ErrorKind::BadTrackCharacter { byte: 0xC4 });
    }

    #[test]
    fn amounts_need_a_sign() {
        let ascii = FieldSpec::amount(9, "fee");
        assert!(read(b"C00000100", &ascii).is_ok());
        assert_eq!(
            err_of(read(b"X00000100", &ascii)).kind,
            ErrorKind::BadAmountSign { byte: b'X' }
        );
        let bcd = ascii.with_encoding(Encoding::Bcd(Align::Right));
        assert_eq!(bcd.wire_len(9), 5);
        assert!(read(&[b'D', 0x00, 0x00, 0x01, 0x00], &bcd).is_ok());
        assert_eq!(
            err_of(read(&[b'D', 0x00, 0x0B, 0x01, 0x00], &bcd)).kind,
            ErrorKind::BadDigit { byte: 0x0B }
        );
    }

    #[test]
    fn hex_text_binary() {
        let spec = FieldSpec::binary(8, "pin").with_encoding(Encoding::HexAscii);
        assert!(read(b"0123456789abcdEF", &spec).is_ok());
        let f = err_of(read(b"0123456789abcdEG", &spec));
        assert_eq!(f.kind, ErrorKind::BadHex { byte: b'G' });
        assert_eq!(f.rest, 1);
        let wire = FieldSpec::binary(999, "icc")
            .lll()
            .with_encoding(Encoding::HexAscii)
            .with_unit(Unit::Wire);
        assert!(read(b"0049F26", &wire).is_ok());
        assert_eq!(
            err_of(read(b"0039F2", &wire)).kind,
            ErrorKind::OddHexLength { found: 3 }
        );
    }
}
