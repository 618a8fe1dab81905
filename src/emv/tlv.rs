//! A zero-copy BER-TLV reader (EMV Book 3 Annex B): tags of one to four bytes, short and long
//! form lengths, constructed data objects walked as a tree.
//!
//! The reader works on [`Data`], a byte string that is either raw (binary dialects) or written
//! as hex text (ASCII dialects put field 55 on the wire as hex characters): bytes are read in
//! place, hex pairs decoded as they are read, and nothing is copied or allocated. It is written
//! by hand rather than with nom's combinators because the same grammar must run over hex text,
//! which is not a byte slice of the values it holds.

use core::fmt;

use crate::decode::hex_digit;
use crate::error::{DecodeError, ErrorKind, Location};
use crate::message::Bytes;

/// A byte string read in place: raw bytes, or bytes written as pairs of hex characters.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Data<'a> {
    wire: &'a [u8],
    hex: bool,
}

impl<'a> Data<'a> {
    /// Raw bytes.
    pub const fn raw(bytes: &'a [u8]) -> Data<'a> {
        Data {
            wire: bytes,
            hex: false,
        }
    }

    /// Bytes written as hex text, two characters a byte (either case). A trailing odd character
    /// is not part of any byte.
    pub const fn hex(text: &'a [u8]) -> Data<'a> {
        Data {
            wire: text,
            hex: true,
        }
    }

    /// How many bytes the data holds.
    pub const fn len(&self) -> usize {
        if self.hex {
            self.wire.len() / 2
        } else {
            self.wire.len()
        }
    }

    /// Whether it holds no byte.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the bytes are written as hex text.
    pub const fn is_hex(&self) -> bool {
        self.hex
    }

    /// The data as it is on the wire (hex text for hex data).
    pub const fn wire(&self) -> &'a [u8] {
        self.wire
    }

    /// Byte `i`, or `None` past the end or at a pair that is not hex.
    pub fn get(&self, i: usize) -> Option<u8> {
        if !self.hex {
            return self.wire.get(i).copied();
        }
        let at = i.checked_mul(2)?;
        let hi = hex_digit(*self.wire.get(at)?)?;
        let lo = hex_digit(*self.wire.get(at.checked_add(1)?)?)?;
        Some(hi << 4 | lo)
    }

    /// Bytes `start..end`, or `None` if the range does not lie inside the data.
    pub fn slice(&self, start: usize, end: usize) -> Option<Data<'a>> {
        if start > end || end > self.len() {
            return None;
        }
        let scale = if self.hex { 2 } else { 1 };
        let wire = self
            .wire
            .get(start.checked_mul(scale)?..end.checked_mul(scale)?)?;
        Some(Data {
            wire,
            hex: self.hex,
        })
    }

    /// Where byte `i` starts on the wire, counted from the start of the data.
    pub const fn wire_offset(&self, i: usize) -> usize {
        if self.hex { i.saturating_mul(2) } else { i }
    }

    /// The bytes, hex decoded on the fly.
    pub fn bytes(&self) -> Bytes<'a> {
        Bytes::new(
            self.wire
                .get(..self.wire_offset(self.len()))
                .unwrap_or_default(),
            self.hex,
        )
    }
}

impl fmt::Debug for Data<'_> {
    /// Only the length: the data may hold card numbers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Data({} bytes)", self.len())
    }
}

/// A BER-TLV tag: its bytes, big-endian, in a `u32` (`0x9F26`, `0x5A`, `0xBF0C`, `0xDF8129`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag(pub u32);

impl Tag {
    /// The tag's value as a number (`0x9F26`).
    pub const fn value(self) -> u32 {
        self.0
    }

    /// The first byte of the tag.
    pub const fn first_byte(self) -> u8 {
        let v = self.0;
        let first = if v > 0xFF_FFFF {
            v >> 24
        } else if v > 0xFFFF {
            v >> 16
        } else if v > 0xFF {
            v >> 8
        } else {
            v
        };
        first as u8
    }

    /// Whether the data object is constructed (its value is more TLV): bit 6 of the first byte.
    pub const fn is_constructed(self) -> bool {
        self.first_byte() & 0x20 != 0
    }
}

impl fmt::Display for Tag {
    /// Upper-case hex, as EMV writes tags: `9F26`, `5A`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = match self.0 {
            0..=0xFF => 2,
            0x100..=0xFFFF => 4,
            0x1_0000..=0xFF_FFFF => 6,
            _ => 8,
        };
        write!(f, "{:0width$X}", self.0)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Tag {
    /// As upper-case hex text, e.g. `"9F26"`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag({self})")
    }
}

/// What was wrong with BER-TLV data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TlvFault {
    /// The data ended inside a tag.
    TruncatedTag,
    /// A tag longer than four bytes.
    TagTooLong,
    /// The data ended inside a length.
    TruncatedLength,
    /// The indefinite length form (`80`), which EMV does not use.
    IndefiniteLength,
    /// A long-form length of more than four bytes (first length byte `85` to `FF`).
    LengthTooLong {
        /// The first length byte.
        byte: u8,
    },
    /// The value runs past the end of the data (or of the template holding it).
    ValueOverrun {
        /// Bytes the length announces.
        needed: usize,
        /// Bytes that remain.
        available: usize,
    },
    /// A pair of characters that is not hex, in hex-written data.
    BadHex,
}

impl fmt::Display for TlvFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            TlvFault::TruncatedTag => f.write_str("TLV data ends inside a tag"),
            TlvFault::TagTooLong => f.write_str("TLV tag longer than 4 bytes"),
            TlvFault::TruncatedLength => f.write_str("TLV data ends inside a length"),
            TlvFault::IndefiniteLength => f.write_str("TLV indefinite length (80) is not allowed"),
            TlvFault::LengthTooLong { byte } => {
                write!(f, "TLV length form 0x{byte:02X} is longer than 4 bytes")
            }
            TlvFault::ValueOverrun { needed, available } => write!(
                f,
                "TLV value needs {needed} bytes but only {available} remain"
            ),
            TlvFault::BadHex => f.write_str("TLV data is not hex text"),
        }
    }
}

/// Malformed BER-TLV: the fault, the tag it was in (when its tag was read), and where — as a
/// byte offset inside the data and as an offset in the caller's whole input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TlvError {
    fault: TlvFault,
    tag: Option<Tag>,
    position: usize,
    offset: usize,
    field: Option<u8>,
}

impl TlvError {
    /// What was wrong.
    pub const fn fault(&self) -> TlvFault {
        self.fault
    }

    /// The tag whose length or value was wrong, if its tag had been read.
    pub const fn tag(&self) -> Option<Tag> {
        self.tag
    }

    /// Byte offset of the fault inside the TLV data (in bytes, not hex characters).
    pub const fn position(&self) -> usize {
        self.position
    }

    /// Byte offset of the fault in the caller's input (hex characters count as they are on the
    /// wire); the same as [`position`](Self::position) for data read on its own.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The field the data came from, if it came from a message.
    pub const fn field(&self) -> Option<u8> {
        self.field
    }
}

impl fmt::Display for TlvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.field {
            write!(f, "field {n}: ")?;
        }
        write!(f, "{}", self.fault)?;
        if let Some(tag) = self.tag {
            write!(f, " (tag {tag})")?;
        }
        write!(
            f,
            " at byte {} of the TLV data, offset {}",
            self.position, self.offset
        )
    }
}

#[cfg(feature = "std")]
impl std::error::Error for TlvError {}

impl From<TlvError> for DecodeError {
    /// The error as a decode error of the field it came from (field 55 if it came from none),
    /// at its offset in the input.
    fn from(e: TlvError) -> DecodeError {
        DecodeError::new(
            Location::Field(e.field.unwrap_or(55)),
            e.offset,
            ErrorKind::BadTlv { fault: e.fault },
        )
    }
}

/// One data object: its tag and its value, borrowed from the data.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    tag: Tag,
    value: Data<'a>,
    /// Byte offset of the tag inside the outermost data.
    position: usize,
    /// Byte offset of the value inside the outermost data.
    value_position: usize,
    /// Where the outermost data starts in the caller's input, and its field.
    base: Base,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Base {
    offset: usize,
    field: Option<u8>,
}

impl<'a> Tlv<'a> {
    /// The tag.
    pub const fn tag(&self) -> Tag {
        self.tag
    }

    /// The value.
    pub const fn value(&self) -> Data<'a> {
        self.value
    }

    /// Byte offset of the tag inside the TLV data it was read from (the outermost one, for
    /// nested objects).
    pub const fn position(&self) -> usize {
        self.position
    }

    /// Byte offset of the value inside the outermost TLV data.
    pub const fn value_position(&self) -> usize {
        self.value_position
    }

    /// Byte offset of the value in the caller's input.
    pub const fn offset(&self) -> usize {
        self.base
            .offset
            .saturating_add(self.value.wire_offset(self.value_position))
    }

    /// Whether the tag says the value is more TLV.
    pub const fn is_constructed(&self) -> bool {
        self.tag.is_constructed()
    }

    /// The data objects inside a constructed one (`70`, `77`, `71`, `72`, …); `None` for a
    /// primitive one.
    pub fn children(&self) -> Option<Tlvs<'a>> {
        self.is_constructed().then_some(Tlvs {
            data: self.value,
            at: 0,
            origin: self.value_position,
            base: self.base,
            done: false,
        })
    }
}

impl fmt::Debug for Tlv<'_> {
    /// The tag and the value's length; the value may hold card data, so it is not shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tlv")
            .field("tag", &self.tag)
            .field("len", &self.value.len())
            .field("position", &self.position)
            .finish()
    }
}

/// The data objects of BER-TLV data, in order, one level deep (see [`Tlv::children`] to go
/// down). Yields an error once and stops at the first fault. Padding bytes `00` between
/// objects are skipped, as EMV allows.
///
/// ```
/// use iso8583_response::emv::{Data, Tag, Tlvs};
///
/// // 9F27 01 80, then template 71 holding 9F18 04 00000001 and 86 03 (3 bytes).
/// let bytes = [0x9F, 0x27, 0x01, 0x80, 0x71, 0x0C, 0x9F, 0x18, 0x04, 0, 0, 0, 1, 0x86, 0x03, 1, 2, 3];
/// let mut tlvs = Tlvs::new(Data::raw(&bytes));
/// let cid = tlvs.next().unwrap()?;
/// assert_eq!(cid.tag(), Tag(0x9F27));
/// assert_eq!(cid.value().get(0), Some(0x80));
/// let script = tlvs.next().unwrap()?;
/// let inside: Vec<Tag> = script.children().unwrap().map(|t| t.map(|t| t.tag())).collect::<Result<_, _>>()?;
/// assert_eq!(inside, [Tag(0x9F18), Tag(0x86)]);
/// assert!(tlvs.next().is_none());
///
/// // A length that runs past the end names the tag and the byte.
/// let err = Tlvs::new(Data::hex(b"9F260810")).next().unwrap().unwrap_err();
/// assert_eq!(err.tag(), Some(Tag(0x9F26)));
/// assert_eq!(err.position(), 2); // the length byte
/// # Ok::<(), iso8583_response::emv::TlvError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Tlvs<'a> {
    data: Data<'a>,
    /// Next byte to read, inside `data`.
    at: usize,
    /// Where `data` starts inside the outermost data.
    origin: usize,
    base: Base,
    done: bool,
}

impl<'a> Tlvs<'a> {
    /// The data objects of `data` read on its own (offsets count from its start).
    pub fn new(data: Data<'a>) -> Tlvs<'a> {
        Tlvs::in_input(data, 0, None)
    }

    /// The data objects of `data` that starts at byte `offset` of the caller's input, in field
    /// `field`: errors then carry the input offset and the field.
    pub fn in_input(data: Data<'a>, offset: usize, field: Option<u8>) -> Tlvs<'a> {
        Tlvs {
            data,
            at: 0,
            origin: 0,
            base: Base { offset, field },
            done: false,
        }
    }

    /// Bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.at)
    }

    /// Where this level's data ends, as a position in the outermost data.
    pub(crate) fn end_position(&self) -> usize {
        self.origin.saturating_add(self.data.len())
    }

    fn fail(&mut self, fault: TlvFault, tag: Option<Tag>, at: usize) -> TlvError {
        self.done = true;
        let position = self.origin.saturating_add(at);
        TlvError {
            fault,
            tag,
            position,
            offset: self
                .base
                .offset
                .saturating_add(self.data.wire_offset(position)),
            field: self.base.field,
        }
    }

    /// Byte `i`, telling a bad hex pair from the end of the data.
    fn byte(&self, i: usize, end: TlvFault) -> Result<u8, TlvFault> {
        match self.data.get(i) {
            Some(b) => Ok(b),
            None if i < self.data.len() => Err(TlvFault::BadHex),
            None => Err(end),
        }
    }

    fn read(&mut self) -> Result<Option<Tlv<'a>>, TlvError> {
        // Skip padding.
        loop {
            if self.at >= self.data.len() {
                return Ok(None);
            }
            match self.byte(self.at, TlvFault::TruncatedTag) {
                Ok(0x00) => self.at = self.at.saturating_add(1),
                Ok(_) => break,
                Err(fault) => return Err(self.fail(fault, None, self.at)),
            }
        }
        let start = self.at;
        let mut i = start;
        let first = self
            .byte(i, TlvFault::TruncatedTag)
            .map_err(|f| self.fail(f, None, i))?;
        let mut tag = u32::from(first);
        i = i.saturating_add(1);
        if first & 0x1F == 0x1F {
            loop {
                let b = self
                    .byte(i, TlvFault::TruncatedTag)
                    .map_err(|f| self.fail(f, None, i))?;
                if tag > 0xFF_FFFF {
                    return Err(self.fail(TlvFault::TagTooLong, None, start));
                }
                tag = tag << 8 | u32::from(b);
                i = i.saturating_add(1);
                if b & 0x80 == 0 {
                    break;
                }
            }
        }
        let tag = Tag(tag);
        let length_at = i;
        let first_len = self
            .byte(i, TlvFault::TruncatedLength)
            .map_err(|f| self.fail(f, Some(tag), i))?;
        i = i.saturating_add(1);
        let len = match first_len {
            0..=0x7F => usize::from(first_len),
            0x80 => return Err(self.fail(TlvFault::IndefiniteLength, Some(tag), length_at)),
            0x81..=0x84 => {
                let mut len = 0usize;
                for _ in 0..(first_len & 0x7F) {
                    let b = self
                        .byte(i, TlvFault::TruncatedLength)
                        .map_err(|f| self.fail(f, Some(tag), i))?;
                    len = len << 8 | usize::from(b);
                    i = i.saturating_add(1);
                }
                len
            }
            byte => {
                return Err(self.fail(TlvFault::LengthTooLong { byte }, Some(tag), length_at));
            }
        };
        let available = self.data.len().saturating_sub(i);
        let end = match i.checked_add(len) {
            Some(end) if len <= available => end,
            _ => {
                return Err(self.fail(
                    TlvFault::ValueOverrun {
                        needed: len,
                        available,
                    },
                    Some(tag),
                    length_at,
                ));
            }
        };
        let value = self
            .data
            .slice(i, end)
            .ok_or_else(|| self.fail(TlvFault::BadHex, Some(tag), i))?;
        if value.hex
            && let Some(bad) = value.wire.iter().position(|&c| hex_digit(c).is_none())
        {
            return Err(self.fail(TlvFault::BadHex, Some(tag), i.saturating_add(bad / 2)));
        }
        self.at = end;
        Ok(Some(Tlv {
            tag,
            value,
            position: self.origin.saturating_add(start),
            value_position: self.origin.saturating_add(i),
            base: self.base,
        }))
    }
}

impl<'a> Iterator for Tlvs<'a> {
    type Item = Result<Tlv<'a>, TlvError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read() {
            Ok(Some(tlv)) => Some(Ok(tlv)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => Some(Err(e)),
        }
    }
}

impl core::iter::FusedIterator for Tlvs<'_> {}

/// Checks that `data` is well-formed BER-TLV all the way down (templates included, to a depth
/// of [`MAX_DEPTH`]); the first fault found, if any.
pub fn validate(tlvs: Tlvs<'_>) -> Result<(), TlvError> {
    fn walk(tlvs: Tlvs<'_>, depth: usize) -> Result<(), TlvError> {
        for tlv in tlvs {
            let tlv = tlv?;
            if depth < MAX_DEPTH
                && let Some(children) = tlv.children()
            {
                walk(children, depth.saturating_add(1))?;
            }
        }
        Ok(())
    }
    walk(tlvs, 0)
}

/// How deep templates are followed when data is walked as a tree. Deeper objects are treated as
/// opaque (and, where sensitivity matters, redacted). EMV nests two or three levels at most.
pub const MAX_DEPTH: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;
    use alloc::vec::Vec;

    fn tags(data: Data<'_>) -> Result<Vec<(u32, usize)>, TlvError> {
        Tlvs::new(data)
            .map(|t| t.map(|t| (t.tag().value(), t.value().len())))
            .collect()
    }

    #[test]
    fn raw_and_hex_read_alike() {
        let raw = [
            0x5F, 0x2A, 0x02, 0x01, 0x56, 0x9F, 0x02, 0x06, 0, 0, 0, 0, 0x10, 0,
        ];
        let hex = b"5F2A0201569f02060000000010 00";
        let hex: Vec<u8> = hex.iter().copied().filter(|&b| b != b' ').collect();
        assert_eq!(tags(Data::raw(&raw)).unwrap(), [(0x5F2A, 2), (0x9F02, 6)]);
        assert_eq!(tags(Data::hex(&hex)).unwrap(), [(0x5F2A, 2), (0x9F02, 6)]);
    }

    #[test]
    fn long_form_lengths_and_three_byte_tags() {
        let mut raw = vec![0xDF, 0x81, 0x29, 0x81, 0x80];
        raw.extend([0xAB; 0x80]);
        raw.extend([0x9F, 0x10, 0x82, 0x00, 0x02, 1, 2]);
        assert_eq!(
            tags(Data::raw(&raw)).unwrap(),
            [(0xDF8129, 128), (0x9F10, 2)]
        );
    }

    #[test]
    fn faults_name_tag_and_position() {
        let cases: [(&[u8], TlvFault, Option<u32>, usize); 6] = [
            (b"9F", TlvFault::TruncatedTag, None, 1),
            (b"9F26", TlvFault::TruncatedLength, Some(0x9F26), 2),
            (b"9F2680", TlvFault::IndefiniteLength, Some(0x9F26), 2),
            (
                b"9F2685",
                TlvFault::LengthTooLong { byte: 0x85 },
                Some(0x9F26),
                2,
            ),
            (
                b"5A0A1234",
                TlvFault::ValueOverrun {
                    needed: 10,
                    available: 2,
                },
                Some(0x5A),
                1,
            ),
            (b"9FFFFFFF0101", TlvFault::TagTooLong, None, 0),
        ];
        for (hex, fault, tag, position) in cases {
            let err = Tlvs::in_input(Data::hex(hex), 100, Some(55))
                .find_map(Result::err)
                .unwrap();
            let shown = core::str::from_utf8(hex).unwrap();
            assert_eq!(err.fault(), fault, "{shown}");
            assert_eq!(err.tag().map(Tag::value), tag, "{shown}");
            assert_eq!(err.position(), position, "{shown}");
            assert_eq!(err.offset(), 100 + 2 * position, "{shown}");
            assert_eq!(err.field(), Some(55));
            let decode: DecodeError = err.into();
            assert_eq!(decode.location(), Location::Field(55));
            assert_eq!(decode.offset(), 100 + 2 * position);
        }
        let err = Tlvs::new(Data::hex(b"9F2701ZZ"))
            .find_map(Result::err)
            .unwrap();
        assert_eq!(err.fault(), TlvFault::BadHex);
        assert_eq!(err.position(), 3);
    }

    #[test]
    fn nested_templates_report_outer_positions() {
        // 77 07 [9F27 01 80, 8A 02 3030]
        let raw = [0x77, 0x08, 0x9F, 0x27, 0x01, 0x80, 0x8A, 0x02, 0x30, 0x30];
        let outer = Tlvs::new(Data::raw(&raw)).next().unwrap().unwrap();
        let inner: Vec<Tlv<'_>> = outer.children().unwrap().map(Result::unwrap).collect();
        assert_eq!(inner[1].tag(), Tag(0x8A));
        assert_eq!(inner[1].position(), 6);
        assert_eq!(inner[1].value_position(), 8);
        // A child that overruns its template is an error at the child's length byte.
        let bad = [0x70, 0x03, 0x5A, 0x05, 0x41, 0x11, 0x11];
        let outer = Tlvs::new(Data::raw(&bad)).next().unwrap().unwrap();
        let err = outer.children().unwrap().find_map(Result::err).unwrap();
        assert_eq!(err.tag(), Some(Tag(0x5A)));
        assert_eq!(err.position(), 3);
        assert!(validate(Tlvs::new(Data::raw(&bad))).is_err());
        assert!(validate(Tlvs::new(Data::raw(&raw))).is_ok());
    }

    #[test]
    fn padding_is_skipped_and_tags_print_as_hex() {
        assert_eq!(
            tags(Data::raw(&[0, 0, 0x95, 0x01, 0x80, 0])).unwrap(),
            [(0x95, 1)]
        );
        assert_eq!(Tag(0x9F26).to_string(), "9F26");
        assert_eq!(Tag(0x5A).to_string(), "5A");
        assert_eq!(Tag(0xDF8129).to_string(), "DF8129");
        assert!(Tag(0x70).is_constructed() && Tag(0xBF0C).is_constructed());
        assert!(!Tag(0x9F26).is_constructed() && !Tag(0x5A).is_constructed());
    }
}
