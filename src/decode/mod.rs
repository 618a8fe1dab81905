//! The decoder: framing, MTI, bitmaps, then every field the bitmaps announce, in one pass.
//!
//! Where each part lives:
//! - `mod.rs`: framing (length header, fixed header), MTI and bitmaps, the [`Options`]
//!   (tolerant or strict) and [`Partial`] results.
//! - `plan.rs`: what the decoder compiles a dialect's field specs into (a plan per field, with
//!   its [`Step`](plan::Step) and [`Check`](plan::Check), and the group sums), and the one
//!   group-of-eight routine the fast walk and `Message::field` share.
//! - `walk.rs`: the field loop, a fast walk and an exact one. `fast.rs`: the word-at-a-time
//!   checks and the one-field fast path. `field.rs`: one field's bounds and content check.
//!   `primitives.rs`: bytes, digits, prefixes.
//! - `detect.rs`: finding the dialect and framing of an unnamed message.
//!
//! nom is used where a parser reads as the grammar it implements: the framing, MTI, bitmap and
//! length-prefix parsers and the exact walk's field parser return nom's `IResult` with the
//! crate's own error ([`Fail`](primitives::Fail)) and complete (not streaming) semantics, so
//! short input inside a message is [`ErrorKind::Truncated`], never "incomplete". It is not
//! used in the fast walk: there a field is a table look-up and an addition, and checks go
//! eight or sixteen bytes at a time over runs of fields, which no combinator expresses
//! without cost. Any doubt in the fast walk sends the message to the exact walk, which finds
//! the first fault field by field.

mod detect;
mod fast;
mod field;
pub(crate) mod plan;
mod primitives;
mod walk;

#[cfg(all(test, feature = "std"))]
mod agreement;

use primitives::{Fail, PResult, decimal, find_non_digit, hex_value, take};

pub use detect::{Detection, detect};
pub(crate) use field::check_field;
pub(crate) use primitives::{hex_value as hex_digit, value_of as prefix_value};

use crate::dialect::{
    BitmapEncoding, Dialect, Framing, LengthHeader, MtiEncoding, PrefixEncoding, bit,
};
use crate::error::{DecodeError, ErrorKind, Location};
use crate::message::{Message, Mti};

/// How strictly [`decode_with`] and [`decode_partial`] read a message's content.
///
/// Field boundaries are exact either way: a length header, MTI, bitmap, length prefix or field
/// end that cannot be found is always a [`DecodeError`]. What differs is a fault that moves no
/// boundary (an [`Anomaly`](crate::Anomaly)): tolerant decoding (the default, [`decode`]) keeps the field and lists
/// the fault in [`Message::anomalies`]; strict decoding rejects the message at the first fault.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Options {
    strict: bool,
}

impl Options {
    /// Content faults become anomalies; the message is kept.
    pub const TOLERANT: Options = Options { strict: false };
    /// The first fault of any kind rejects the message, for validators and tests.
    pub const STRICT: Options = Options { strict: true };

    /// These options, strict or not.
    #[must_use = "this returns new options and leaves the receiver as it was"]
    pub const fn strict(self, strict: bool) -> Options {
        Options { strict }
    }

    /// Whether content faults reject the message.
    pub const fn is_strict(self) -> bool {
        self.strict
    }
}

/// What a decode that stopped at a fault could read before it (see [`decode_partial`]).
#[derive(Clone, Debug)]
pub struct Partial<'a> {
    message: Option<Message<'a>>,
    error: DecodeError,
}

impl<'a> Partial<'a> {
    /// Why decoding stopped.
    pub fn error(&self) -> DecodeError {
        self.error
    }

    /// The fields read before the fault, as a message whose [`Message::is_partial`] is true
    /// (or, when every field was read and only the length header disagrees, false); `None` when
    /// the fault came before the first field (a length header that no cut or trailing bytes
    /// explain, the header, the MTI or a bitmap).
    pub fn message(&self) -> Option<&Message<'a>> {
        self.message.as_ref()
    }

    /// [`Partial::message`], by value.
    pub fn into_message(self) -> Option<Message<'a>> {
        self.message
    }
}

/// Decodes one message laid out as `dialect`, tolerant of content faults.
///
/// One pass over `input`, no heap allocation, no copy: the returned [`Message`] borrows `input`
/// and finds any field in constant time. A fault that moves no boundary (a sign other than `C`
/// or `D`, a non-digit in a numeric field, a bad pad nibble, trailing bytes a length header
/// counts) does not reject the message: it is listed by [`Message::anomalies`]. Use
/// [`decode_with`] and [`Options::STRICT`] to reject those too, and [`decode_partial`] to keep
/// the fields read before a fault that does stop decoding.
///
/// # Errors
/// A [`DecodeError`] naming the part (framing, header, MTI, a bitmap, a field, or bytes after the
/// end), the byte offset in `input`, and what was expected and found: truncation, a bad length
/// prefix or one over the field's maximum, a bad hex bitmap, a bit set for a field the dialect
/// does not define, trailing bytes no length header counts, a framing length that disagrees
/// with the input.
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
/// assert_eq!(message.anomalies().count(), 0);
/// # Ok::<(), iso8583_response::DecodeError>(())
/// ```
pub fn decode<'a>(input: &'a [u8], dialect: &'a Dialect) -> Result<Message<'a>, DecodeError> {
    core::<true, false>(input, dialect, dialect.framing(), Options::TOLERANT, |_| {})
}

/// [`decode`] with [`Options`]: `Options::STRICT` rejects content faults as well.
///
/// ```
/// use iso8583_response::{decode_with, dialect::ISO87_ASCII, ErrorKind, Options};
///
/// let bytes = b"0110000000100200000000000010005";
/// let err = decode_with(bytes, &ISO87_ASCII, Options::STRICT).unwrap_err();
/// assert_eq!(err.field(), Some(28));
/// assert_eq!(err.kind(), ErrorKind::BadAmountSign { byte: b'0' });
/// assert!(decode_with(bytes, &ISO87_ASCII, Options::TOLERANT).is_ok());
/// ```
///
/// # Errors
/// As [`decode`]; with `Options::STRICT`, also the first content fault.
pub fn decode_with<'a>(
    input: &'a [u8],
    dialect: &'a Dialect,
    options: Options,
) -> Result<Message<'a>, DecodeError> {
    core::<true, false>(input, dialect, dialect.framing(), options, |_| {})
}

/// [`decode_with`], keeping what was read when decoding stops: a message cut short after field
/// 39 (as log lines often are) still gives its response code.
///
/// ```
/// use iso8583_response::{decode_partial, dialect::ISO87_ASCII, ErrorKind, Options};
///
/// // Fields 4, 39 and 41 announced; the input ends inside field 41.
/// let bytes = b"0110100000000280000000000001255005TERM";
/// let partial = decode_partial(bytes, &ISO87_ASCII, Options::TOLERANT).unwrap_err();
/// assert_eq!(partial.error().field(), Some(41));
/// assert!(matches!(partial.error().kind(), ErrorKind::Truncated { .. }));
/// let message = partial.message().unwrap();
/// assert!(message.is_partial());
/// assert_eq!(message.response_code().unwrap().as_str(), "05");
/// assert!(!message.has(41));
/// ```
///
/// # Errors
/// A [`Partial`]: the error, and the message of the fields read before it, if any.
// The partial message is returned by value: the decoder does not allocate.
#[allow(clippy::result_large_err)]
pub fn decode_partial<'a>(
    input: &'a [u8],
    dialect: &'a Dialect,
    options: Options,
) -> Result<Message<'a>, Partial<'a>> {
    run::<true>(input, dialect, options)
}

/// [`decode_with`] with the exact walk alone, for the fuzz targets (built with `--cfg fuzzing`),
/// which hold it to the same answers as [`decode_with`].
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn decode_exact<'a>(
    input: &'a [u8],
    dialect: &'a Dialect,
    options: Options,
) -> Result<Message<'a>, DecodeError> {
    core::<false, false>(input, dialect, dialect.framing(), options, |_| {})
}

/// The decoder, with the fast walk (`FAST`) or with the exact walk alone (for tests that hold
/// the two to the same answers), keeping the message read before a fault.
#[inline(always)]
#[allow(clippy::result_large_err)]
fn run<'a, const FAST: bool>(
    input: &'a [u8],
    dialect: &'a Dialect,
    options: Options,
) -> Result<Message<'a>, Partial<'a>> {
    run_framed::<FAST>(input, dialect, dialect.framing(), options)
}

/// [`run`] with `framing` in place of the dialect's own (for [`detect`]).
#[inline(always)]
#[allow(clippy::result_large_err)]
fn run_framed<'a, const FAST: bool>(
    input: &'a [u8],
    dialect: &'a Dialect,
    framing: Framing,
    options: Options,
) -> Result<Message<'a>, Partial<'a>> {
    let mut kept = None;
    core::<FAST, true>(input, dialect, framing, options, |m| kept = Some(m)).map_err(|error| {
        Partial {
            message: kept,
            error,
        }
    })
}

/// The decoder proper. With `PARTIAL`, on a fault after the fields began, `keep` gets the
/// message of the fields read before it ([`decode`] has no use for it: the `Ok` path then
/// moves no more than a `Message`, and a length header that disagrees stops it at once).
#[inline(always)]
fn core<'a, const FAST: bool, const PARTIAL: bool>(
    input: &'a [u8],
    dialect: &'a Dialect,
    framing: Framing,
    options: Options,
    keep: impl FnOnce(Message<'a>),
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
    // A length header that disagrees with the input stops a whole decode at once; a partial
    // one reads on as far as both allow when a cut (the header announces up to twice what
    // follows) or bytes after the message (it announces less) explain the difference, and
    // reports it in the end. Any other disagreement means the header is not one.
    let (input, frame_fault) = match length_header(input, framing) {
        Ok(end) => (input.get(..end).unwrap_or(input), None),
        Err(fault) => match fault.kind() {
            ErrorKind::FrameLength { declared, actual }
                if PARTIAL && declared <= actual.saturating_mul(2).saturating_add(16) =>
            {
                let end = declared
                    .saturating_add(framing.length.size())
                    .min(input.len());
                (input.get(..end).unwrap_or(input), Some(fault))
            }
            _ => return Err(fault),
        },
    };
    let total = input.len();
    let fail = |location: Location| {
        move |e: nom::Err<Fail>| frame_fault.unwrap_or(fail_at(total, location, e))
    };
    let pos = |rest: &[u8]| total.saturating_sub(rest.len());

    let rest = input.get(framing.length.size()..).unwrap_or_default();
    let header_start = pos(rest);
    let (rest, _header) =
        take(usize::from(framing.header_len))(rest).map_err(fail(Location::Header))?;
    let (rest, mti) = mti(rest, dialect.mti_encoding()).map_err(fail(Location::Mti))?;

    let encoding = dialect.bitmap_encoding();
    let primary_at = pos(rest);
    let (rest, primary) = bitmap(rest, encoding).map_err(fail(Location::PrimaryBitmap))?;
    let mut present = u128::from(primary) << 64;
    let defined = dialect.defined_fields();
    let stray = |e| frame_fault.unwrap_or(e);
    undefined(present, defined, primary_at, encoding, 1).map_err(stray)?;
    let mut rest = rest;
    let mut tertiary = 0u64;
    if present & bit(1) != 0 {
        let secondary_at = pos(rest);
        let (after, secondary) = bitmap(rest, encoding).map_err(fail(Location::SecondaryBitmap))?;
        present |= u128::from(secondary);
        rest = after;
        // Bit 65 announces the tertiary bitmap in a dialect that has one: not a data field.
        let data = if dialect.has_tertiary_bitmap() {
            present & !bit(65)
        } else {
            present
        };
        undefined(data, defined, secondary_at, encoding, 65).map_err(stray)?;
        if dialect.has_tertiary_bitmap() && present & bit(65) != 0 {
            let tertiary_at = pos(rest);
            let (after, third) = bitmap(rest, encoding).map_err(fail(Location::TertiaryBitmap))?;
            tertiary = third;
            undefined_tertiary(tertiary, dialect, tertiary_at, encoding).map_err(stray)?;
            rest = after;
        }
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
    // The bitmap as sent; bit 65 of a dialect with a tertiary bitmap is no data field.
    if dialect.has_tertiary_bitmap() {
        present &= !bit(65);
        message.set_tertiary(tertiary);
    }
    // Tolerant decoding looks at content only when asked (`Message::anomalies`); strict
    // decoding checks it now, and the message is then known to have none.
    let strict = options.strict;
    message.set_checked(strict);
    let ends = message.group_ends_mut();
    // Fields after 128 are for the exact walk alone.
    let fast = match (FAST && frame_fault.is_none() && tertiary == 0, strict) {
        (false, _) => None,
        (true, true) => walk::fast::<true>(input, dialect, present, data_start, ends),
        (true, false) => walk::fast::<false>(input, dialect, present, data_start, ends),
    };
    // The fast walk checks that the last field ends the input; a length header makes bytes
    // after it an anomaly, which the exact walk allows.
    if fast.is_some() {
        return Ok(message);
    }
    let rules = walk::Rules {
        strict,
        framed: framing.length.size() != 0,
    };
    match walk::exact(
        input,
        dialect,
        (present, tertiary),
        data_start,
        message.group_ends_mut(),
        rules,
    ) {
        // Every field read: the only fault is the length header's, if any.
        Ok(()) => match frame_fault {
            None => Ok(message),
            Some(error) => {
                keep(message);
                Err(error)
            }
        },
        // A message cut short stops at the field that was cut, which says more than its
        // length header; a header announcing less than follows is the cause of any stop.
        Err(stop) => {
            let cut = matches!(
                frame_fault.map(|f| f.kind()),
                Some(ErrorKind::FrameLength { declared, actual }) if declared > actual
            );
            let error = match frame_fault {
                Some(fault) if !cut => fault,
                _ => stop.error,
            };
            message.set_partial(stop.read);
            keep(message);
            Err(error)
        }
    }
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
        BitmapEncoding::HexAscii | BitmapEncoding::HexEbcdic => 4,
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

/// Rejects the first bit of the tertiary bitmap set for a field (129 to 192) the dialect does
/// not define; the offset is that of the bitmap byte (or hex character) holding the bit.
fn undefined_tertiary(
    bits: u64,
    dialect: &Dialect,
    bitmap_at: usize,
    encoding: BitmapEncoding,
) -> Result<(), DecodeError> {
    let stray = bits & !dialect.defined_tertiary_fields();
    if stray == 0 {
        return Ok(());
    }
    let within = stray.leading_zeros() as usize;
    let per_byte = match encoding {
        BitmapEncoding::Binary => 8,
        BitmapEncoding::HexAscii | BitmapEncoding::HexEbcdic => 4,
    };
    Err(DecodeError::new(
        Location::Field(u8::try_from(within.saturating_add(129)).unwrap_or(u8::MAX)),
        bitmap_at.saturating_add(within.checked_div(per_byte).unwrap_or(0)),
        ErrorKind::FieldNotInDialect,
    ))
}

/// The length header: where the message it announces ends (the input's length when the two
/// agree), or why not. A declared length that disagrees with the input is a
/// [`ErrorKind::FrameLength`] at offset 0; a header that is not a number, [`ErrorKind::BadDigit`]
/// at its byte.
fn length_header(input: &[u8], framing: Framing) -> Result<usize, DecodeError> {
    let size = framing.length.size();
    let encoding = match framing.length {
        LengthHeader::None => return Ok(input.len()),
        LengthHeader::Binary2 => PrefixEncoding::Binary,
        LengthHeader::Bcd2 => PrefixEncoding::Bcd,
        LengthHeader::Ascii4 => PrefixEncoding::Ascii,
    };
    // Four digits: two bytes binary or BCD, four ASCII.
    let (rest, declared) = decimal(input, 4, encoding).map_err(|e| {
        let mut error = fail_at(input.len(), Location::Frame, e);
        if let ErrorKind::BadLengthPrefix { byte } = error.kind() {
            error = DecodeError::new(
                Location::Frame,
                error.offset(),
                ErrorKind::BadDigit { byte },
            );
        }
        error
    })?;
    // Some hosts count the header itself.
    let declared_body = if framing.length_counts_itself {
        declared.saturating_sub(size)
    } else {
        declared
    };
    if declared_body != rest.len() {
        return Err(DecodeError::new(
            Location::Frame,
            0,
            ErrorKind::FrameLength {
                declared: declared_body,
                actual: rest.len(),
            },
        ));
    }
    Ok(input.len())
}

/// The message type indicator: four ASCII or EBCDIC digits, or two BCD bytes.
#[inline(always)]
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
        MtiEncoding::Ebcdic => {
            let (rest, bytes) = take(4)(input)?;
            for ((digit, &b), i) in digits.iter_mut().zip(bytes).zip(0..) {
                if !crate::ebcdic::is_digit(b) {
                    return Err(Fail::at(input, i, ErrorKind::BadDigit { byte: b }));
                }
                *digit = b'0' | (b & 0x0F);
            }
            Ok((rest, Mti::from_digits(digits)))
        }
        MtiEncoding::Bcd => {
            let (rest, bytes) = take(2)(input)?;
            let [a, b] = bytes.first_chunk::<2>().copied().unwrap_or([0xFF; 2]);
            // Four nibbles at once: adding 6 to one above 9 carries out of it.
            let x = u16::from_be_bytes([a, b]);
            let (lo, hi) = (x & 0x0F0F, (x >> 4) & 0x0F0F);
            if (lo.wrapping_add(0x0606) | hi.wrapping_add(0x0606)) & 0xF0F0 != 0 {
                let i = usize::from(a >> 4 <= 9 && a & 0x0F <= 9);
                let byte = if i == 0 { a } else { b };
                return Err(Fail::at(input, i, ErrorKind::BadDigit { byte }));
            }
            digits = [
                b'0' | a >> 4,
                b'0' | (a & 0x0F),
                b'0' | b >> 4,
                b'0' | (b & 0x0F),
            ];
            Ok((rest, Mti::from_digits(digits)))
        }
    }
}

/// One 64-bit bitmap: eight raw bytes or sixteen hex characters (ASCII or EBCDIC).
#[inline]
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
        BitmapEncoding::HexEbcdic => ebcdic_hex(bytes).map(|value| (rest, value)).map_err(|i| {
            let byte = bytes.get(i).copied().unwrap_or(0);
            Fail::at(input, i, ErrorKind::BadHex { byte })
        }),
    }
}

/// The value of EBCDIC hex characters, or the index of the first that is not one. Kept out of
/// [`bitmap`], which then stays small enough to be inlined for the common encodings.
#[inline(never)]
fn ebcdic_hex(bytes: &[u8]) -> Result<u64, usize> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        let nibble = crate::ebcdic::to_ascii(b).and_then(hex_value).ok_or(i)?;
        value = value << 4 | u64::from(nibble);
    }
    Ok(value)
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
        // Every nibble of a BCD MTI, in both bytes, and every digit.
        for (bytes, text) in [([0x98, 0x76], "9876"), ([0x10, 0x05], "1005")] {
            assert_eq!(
                mti(&bytes, MtiEncoding::Bcd).map(|(_, m)| m.as_str().to_owned()),
                Ok(text.to_owned())
            );
        }
        for (bytes, at) in [([0xA2, 0x00], 0), ([0x0B, 0x00], 0), ([0x02, 0xC0], 1)] {
            let err = mti(&bytes, MtiEncoding::Bcd).unwrap_err();
            let nom::Err::Error(f) = err else {
                panic!("{err:?}")
            };
            assert_eq!(f.rest, 2 - at, "{bytes:02X?}");
            assert_eq!(f.kind, ErrorKind::BadDigit { byte: bytes[at] });
        }
        // EBCDIC digits F0 to F9.
        assert_eq!(
            mti(&[0xF0, 0xF2, 0xF1, 0xF9], MtiEncoding::Ebcdic).map(|(_, m)| m.as_str().to_owned()),
            Ok("0219".to_owned())
        );
        assert_eq!(
            mti(&[0xF0, 0xF2, 0x31, 0xF0], MtiEncoding::Ebcdic).map(|_| ()),
            Err(nom::Err::Error(Fail {
                kind: ErrorKind::BadDigit { byte: 0x31 },
                rest: 2
            }))
        );
    }

    #[test]
    fn ebcdic_hex_bitmaps() {
        // "723C04800EC08000" in EBCDIC: digits F0-F9, letters C1-C6.
        let text: alloc::vec::Vec<u8> = b"723C04800EC08000"
            .iter()
            .map(|&c| crate::ebcdic::from_ascii(c).unwrap())
            .collect();
        assert_eq!(
            bitmap(&text, BitmapEncoding::HexEbcdic),
            Ok((&b""[..], 0x723C_0480_0EC0_8000))
        );
        let mut bad = text.clone();
        bad[5] = 0xC7; // 'G'
        assert_eq!(
            bitmap(&bad, BitmapEncoding::HexEbcdic),
            Err(nom::Err::Error(Fail {
                kind: ErrorKind::BadHex { byte: 0xC7 },
                rest: 11
            }))
        );
    }

    /// A length header that a cut explains (it announces up to twice what follows) lets a
    /// partial decode read the fields that are there; one that announces more is no length
    /// header, and a whole decode stops at it either way.
    #[test]
    fn partial_decoding_behind_a_length_header() {
        use crate::dialect::{Framing, ISO87_ASCII};
        let d = ISO87_ASCII.with_framing(Framing::length(LengthHeader::Ascii4));
        // Fields 4, 39 and 41; 34 bytes follow the header, which announces 42 (a cut).
        let cut = b"00420110100000000280000000000001255005TERM";
        let partial = decode_partial(cut, &d, Options::TOLERANT).unwrap_err();
        assert_eq!(partial.error().field(), Some(41));
        let message = partial.into_message().unwrap();
        assert!(message.is_partial());
        assert_eq!(message.response_code().unwrap().as_str(), "05");
        let whole = decode(cut, &d).unwrap_err();
        assert_eq!(whole.location(), Location::Frame);
        assert_eq!(
            whole.kind(),
            ErrorKind::FrameLength {
                declared: 42,
                actual: 38
            }
        );
        // Announcing more than twice what follows (plus 16): not a cut, nothing read.
        let wild = b"09990110100000000280000000000001255005TERM";
        let partial = decode_partial(wild, &d, Options::TOLERANT).unwrap_err();
        assert!(partial.message().is_none());
        assert_eq!(partial.error().location(), Location::Frame);
        // Exactly at the limit (2 * 38 + 16 = 92): still a cut.
        let edge = b"00920110100000000280000000000001255005TERM";
        assert!(
            decode_partial(edge, &d, Options::TOLERANT)
                .unwrap_err()
                .message()
                .is_some()
        );
        let past = b"00930110100000000280000000000001255005TERM";
        assert!(
            decode_partial(past, &d, Options::TOLERANT)
                .unwrap_err()
                .message()
                .is_none()
        );
        // Announcing fewer bytes than follow: the fields are read within what it announces,
        // and the length header, not the field it stops in, is the fault.
        let short = b"00360110100000000280000000000001255005TERMINAL";
        let partial = decode_partial(short, &d, Options::TOLERANT).unwrap_err();
        assert_eq!(partial.error().location(), Location::Frame);
        assert_eq!(partial.message().unwrap().fields().count(), 2);
    }

    #[test]
    fn options_say_whether_they_are_strict() {
        assert!(Options::STRICT.is_strict());
        assert!(!Options::TOLERANT.is_strict());
        assert!(!Options::default().is_strict());
        assert!(Options::TOLERANT.strict(true).is_strict());
        assert!(!Options::STRICT.strict(false).is_strict());
    }

    #[test]
    fn length_headers() {
        let framing = Framing::length;
        assert_eq!(
            length_header(&[0x00, 0x02, 0xAA, 0xBB], framing(LengthHeader::Binary2)),
            Ok(4)
        );
        assert_eq!(
            length_header(
                &[0x00, 0x04, 0xAA, 0xBB],
                framing(LengthHeader::Binary2).counting_itself()
            ),
            Ok(4)
        );
        assert_eq!(
            length_header(&[0x00, 0x12, 0xAA, 0xBB], framing(LengthHeader::Bcd2)),
            Err(DecodeError::new(
                Location::Frame,
                0,
                ErrorKind::FrameLength {
                    declared: 12,
                    actual: 2
                }
            ))
        );
        assert_eq!(
            length_header(b"0002ab", framing(LengthHeader::Ascii4)),
            Ok(6)
        );
        assert_eq!(
            length_header(&[0x00, 0x05, 0xAA], framing(LengthHeader::Binary2)),
            Err(DecodeError::new(
                Location::Frame,
                0,
                ErrorKind::FrameLength {
                    declared: 5,
                    actual: 1
                }
            ))
        );
        assert_eq!(
            length_header(b"00x2ab", framing(LengthHeader::Ascii4)),
            Err(DecodeError::new(
                Location::Frame,
                2,
                ErrorKind::BadDigit { byte: b'x' }
            ))
        );
        assert_eq!(
            length_header(&[0x00, 0x1A, 0xAA], framing(LengthHeader::Bcd2)),
            Err(DecodeError::new(
                Location::Frame,
                1,
                ErrorKind::BadDigit { byte: 0x1A }
            ))
        );
    }
}
