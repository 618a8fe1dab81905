//! The decoder: framing, MTI, bitmaps, then every field the bitmaps announce, in one pass.
//!
//! Parsers are built from nom combinators over `&[u8]` with complete (not streaming) semantics:
//! short input inside a message is [`ErrorKind::Truncated`], never "incomplete". The fields are
//! walked twice over only when something is wrong: a fast walk accepts well-formed messages, and
//! the exact walk (the nom field parser, field by field) finds the first fault (`walk.rs`).

mod fast;
mod field;
mod primitives;
mod walk;

#[cfg(all(test, feature = "std"))]
mod agreement;

use primitives::{Fail, PResult, decimal, find_bad_bcd, find_non_digit, hex_value, take};

pub(crate) use primitives::{hex_value as hex_digit, value_of as prefix_value};

use crate::dialect::{BitmapEncoding, Dialect, LengthHeader, MtiEncoding, PrefixEncoding, bit};
use crate::error::{DecodeError, ErrorKind, Location};
use crate::message::{Message, Mti};

/// Decodes one message laid out as `dialect`.
///
/// One pass over `input`, no heap allocation, no copy: the returned [`Message`] borrows `input`
/// and finds any field in constant time.
///
/// # Errors
/// A [`DecodeError`] naming the part (framing, header, MTI, a bitmap, a field, or bytes after the
/// end), the byte offset in `input`, and what was expected and found: truncation, a bad digit,
/// a bad length prefix or one over the field's maximum, a bad hex bitmap, a bit set for a field
/// the dialect does not define, trailing bytes, a framing length that disagrees with the input.
///
/// # Example
/// ```
/// use iso8583_response::{decode, dialect::ISO87_ASCII};
///
/// let bytes = b"0110100000000200000000000001255005";
/// let message = decode(bytes, &ISO87_ASCII)?;
/// assert_eq!(message.mti().as_str(), "0110");
/// assert_eq!(message.field(4).unwrap().as_str(), Some("000000012550"));
/// assert_eq!(message.response_code().unwrap().as_str(), "05");
/// # Ok::<(), iso8583_response::DecodeError>(())
/// ```
pub fn decode<'a>(input: &'a [u8], dialect: &'a Dialect) -> Result<Message<'a>, DecodeError> {
    decode_with::<true>(input, dialect)
}

/// [`decode`] with the exact walk alone, for the fuzz targets (built with `--cfg fuzzing`), which
/// hold it to the same answers as [`decode`].
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn decode_exact<'a>(input: &'a [u8], dialect: &'a Dialect) -> Result<Message<'a>, DecodeError> {
    decode_with::<false>(input, dialect)
}

/// [`decode`], with the fast walk (`FAST`) or with the exact walk alone (for tests that hold the
/// two to the same answers).
#[inline(always)]
fn decode_with<'a, const FAST: bool>(
    input: &'a [u8],
    dialect: &'a Dialect,
) -> Result<Message<'a>, DecodeError> {
    if u16::try_from(input.len()).is_err() {
        return Err(DecodeError::new(
            Location::Frame,
            0,
            ErrorKind::InputTooLong {
                length: input.len(),
            },
        ));
    }
    let total = input.len();
    let fail = |location: Location| move |e: nom::Err<Fail>| fail_at(total, location, e);
    let pos = |rest: &[u8]| total.saturating_sub(rest.len());

    let framing = dialect.framing();
    let (rest, ()) = length_header(input, framing.length).map_err(fail(Location::Frame))?;
    let header_start = pos(rest);
    let (rest, _header) =
        take(usize::from(framing.header_len))(rest).map_err(fail(Location::Header))?;
    let (rest, mti) = mti(rest, dialect.mti_encoding()).map_err(fail(Location::Mti))?;

    let encoding = dialect.bitmap_encoding();
    let primary_at = pos(rest);
    let (rest, primary) = bitmap(rest, encoding).map_err(fail(Location::PrimaryBitmap))?;
    let mut present = u128::from(primary) << 64;
    let defined = dialect.defined_fields();
    undefined(present, defined, primary_at, encoding, 1)?;
    let mut rest = rest;
    if present & bit(1) != 0 {
        let secondary_at = pos(rest);
        let (after, secondary) = bitmap(rest, encoding).map_err(fail(Location::SecondaryBitmap))?;
        present |= u128::from(secondary);
        undefined(present, defined, secondary_at, encoding, 65)?;
        rest = after;
    }

    let data_start = pos(rest);
    // Built before the fields so that their end offsets are written where they will stay.
    let mut message = Message::new(
        input,
        dialect,
        (header_start as u16, u16::from(framing.header_len)),
        mti,
        present,
        data_start as u16,
    );
    let ends = message.group_ends_mut();
    if !FAST || walk::fast(input, dialect, present, data_start, ends).is_none() {
        walk::exact(input, dialect, present, data_start, ends)?;
    }
    Ok(message)
}

/// Turns a parser failure into an error at an absolute offset in an input of `total` bytes.
fn fail_at(total: usize, location: Location, e: nom::Err<Fail>) -> DecodeError {
    let f = match e {
        nom::Err::Error(f) | nom::Err::Failure(f) => f,
        nom::Err::Incomplete(_) => Fail {
            kind: ErrorKind::Truncated {
                needed: 0,
                available: 0,
            },
            rest: 0,
        },
    };
    DecodeError::new(location, total.saturating_sub(f.rest), f.kind)
}

/// Rejects the first bit, among fields `first..first + 64`, set for a field the dialect lacks;
/// the offset is that of the bitmap byte (or hex character) holding the bit.
fn undefined(
    bitmap: u128,
    defined: u128,
    bitmap_at: usize,
    encoding: BitmapEncoding,
    first: u32,
) -> Result<(), DecodeError> {
    let window = if first == 1 {
        u128::MAX << 64
    } else {
        u128::MAX >> 64
    };
    let stray = bitmap & !defined & window;
    if stray == 0 {
        return Ok(());
    }
    let n = stray.leading_zeros().saturating_add(1);
    let within = n.saturating_sub(first) as usize;
    let per_byte = match encoding {
        BitmapEncoding::Binary => 8,
        BitmapEncoding::HexAscii => 4,
    };
    // Bit 1 announces a secondary bitmap: the dialect has none.
    let location = match n {
        1 => Location::SecondaryBitmap,
        n => Location::Field(u8::try_from(n).unwrap_or(u8::MAX)),
    };
    Err(DecodeError::new(
        location,
        bitmap_at.saturating_add(within.checked_div(per_byte).unwrap_or(0)),
        ErrorKind::FieldNotInDialect,
    ))
}

/// The length header: checks the declared length against the bytes that follow.
fn length_header(input: &[u8], header: LengthHeader) -> PResult<'_, ()> {
    let declared = match header {
        LengthHeader::None => return Ok((input, ())),
        LengthHeader::Binary2 => decimal(input, 4, PrefixEncoding::Binary),
        LengthHeader::Ascii4 => decimal(input, 4, PrefixEncoding::Ascii),
    };
    let (rest, declared) = declared.map_err(|e| match e {
        nom::Err::Error(mut f) => {
            if let ErrorKind::BadLengthPrefix { byte } = f.kind {
                f.kind = ErrorKind::BadDigit { byte };
            }
            nom::Err::Error(f)
        }
        other => other,
    })?;
    if declared != rest.len() {
        return Err(Fail::at(
            input,
            0,
            ErrorKind::FrameLength {
                declared,
                actual: rest.len(),
            },
        ));
    }
    Ok((rest, ()))
}

/// The message type indicator: four ASCII digits or two BCD bytes.
fn mti(input: &[u8], encoding: MtiEncoding) -> PResult<'_, Mti> {
    let mut digits = [0u8; 4];
    match encoding {
        MtiEncoding::Ascii => {
            let (rest, bytes) = take(4)(input)?;
            if let Some(i) = find_non_digit(bytes) {
                let byte = bytes.get(i).copied().unwrap_or(0);
                return Err(Fail::at(input, i, ErrorKind::BadDigit { byte }));
            }
            if let Some(four) = bytes.first_chunk::<4>() {
                digits = *four;
            }
            Ok((rest, Mti::from_digits(digits)))
        }
        MtiEncoding::Bcd => {
            let (rest, bytes) = take(2)(input)?;
            if let Some(i) = find_bad_bcd(bytes, false, false, |n| n <= 9) {
                let byte = bytes.get(i).copied().unwrap_or(0);
                return Err(Fail::at(input, i, ErrorKind::BadDigit { byte }));
            }
            for (pair, &b) in digits.chunks_exact_mut(2).zip(bytes) {
                pair.copy_from_slice(&[b'0' | (b >> 4), b'0' | (b & 0x0F)]);
            }
            Ok((rest, Mti::from_digits(digits)))
        }
    }
}

/// One 64-bit bitmap: eight raw bytes or sixteen hex characters.
fn bitmap(input: &[u8], encoding: BitmapEncoding) -> PResult<'_, u64> {
    let (rest, bytes) = take(encoding.size())(input)?;
    match encoding {
        BitmapEncoding::Binary => match bytes.first_chunk::<8>() {
            Some(word) => Ok((rest, u64::from_be_bytes(*word))),
            None => Err(Fail::at(
                input,
                0,
                ErrorKind::Truncated {
                    needed: 8,
                    available: bytes.len(),
                },
            )),
        },
        BitmapEncoding::HexAscii => {
            if let Some(value) = fast::hex_u64(bytes) {
                return Ok((rest, value));
            }
            let bad = bytes
                .iter()
                .position(|&b| hex_value(b).is_none())
                .unwrap_or(0);
            let byte = bytes.get(bad).copied().unwrap_or(0);
            Err(Fail::at(input, bad, ErrorKind::BadHex { byte }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::borrow::ToOwned;

    #[test]
    fn bitmaps_binary_and_hex() {
        assert_eq!(
            bitmap(
                &[0x72, 0x3C, 0x04, 0x80, 0x0E, 0xC0, 0x80, 0x00, 0xFF],
                BitmapEncoding::Binary
            ),
            Ok((&[0xFF][..], 0x723C_0480_0EC0_8000))
        );
        assert_eq!(
            bitmap(b"723c04800EC08000", BitmapEncoding::HexAscii),
            Ok((&b""[..], 0x723C_0480_0EC0_8000))
        );
        assert_eq!(
            bitmap(b"723C04800EC0800Z", BitmapEncoding::HexAscii),
            Err(nom::Err::Error(Fail {
                kind: ErrorKind::BadHex { byte: b'Z' },
                rest: 1
            }))
        );
        assert!(matches!(
            bitmap(&[0; 7], BitmapEncoding::Binary),
            Err(nom::Err::Error(Fail {
                kind: ErrorKind::Truncated {
                    needed: 8,
                    available: 7
                },
                rest: 7
            }))
        ));
    }

    #[test]
    fn mti_ascii_and_bcd() {
        assert_eq!(
            mti(b"0210", MtiEncoding::Ascii).map(|(_, m)| m.as_str().to_owned()),
            Ok("0210".to_owned())
        );
        assert_eq!(
            mti(&[0x08, 0x10], MtiEncoding::Bcd).map(|(_, m)| m.as_str().to_owned()),
            Ok("0810".to_owned())
        );
        assert_eq!(
            mti(b"02X0", MtiEncoding::Ascii).map(|_| ()),
            Err(nom::Err::Error(Fail {
                kind: ErrorKind::BadDigit { byte: b'X' },
                rest: 2
            }))
        );
        assert_eq!(
            mti(&[0x02, 0x1A], MtiEncoding::Bcd).map(|_| ()),
            Err(nom::Err::Error(Fail {
                kind: ErrorKind::BadDigit { byte: 0x1A },
                rest: 1
            }))
        );
    }

    #[test]
    fn length_headers() {
        assert_eq!(
            length_header(&[0x00, 0x02, 0xAA, 0xBB], LengthHeader::Binary2),
            Ok((&[0xAA, 0xBB][..], ()))
        );
        assert_eq!(
            length_header(b"0002ab", LengthHeader::Ascii4),
            Ok((&b"ab"[..], ()))
        );
        assert_eq!(
            length_header(&[0x00, 0x05, 0xAA], LengthHeader::Binary2),
            Err(nom::Err::Error(Fail {
                kind: ErrorKind::FrameLength {
                    declared: 5,
                    actual: 1
                },
                rest: 3
            }))
        );
        assert_eq!(
            length_header(b"00x2ab", LengthHeader::Ascii4),
            Err(nom::Err::Error(Fail {
                kind: ErrorKind::BadDigit { byte: b'x' },
                rest: 4
            }))
        );
    }
}
