//! The encoder: the mirror of [`decode`](crate::decode), for simulators, test fixtures and round
//! trips. [`encode_into`] writes into the caller's buffer and needs no allocator; [`encode`]
//! (feature `alloc`) returns a `Vec`.
//!
//! Values are given as the decoder's views show them: for numeric, track and amount fields the
//! characters (`"000000012550"`, `"4761739001010119D2712"`, `"C00000100"`), for text fields the
//! bytes, for binary fields the raw bytes (not hex). The encoder packs BCD, writes hex text,
//! length prefixes, bitmaps and framing as the dialect says.
//!
//! ```
//! use iso8583_response::{decode, encode::{encode_into, Draft}, dialect::ISO87_BCD};
//!
//! let mut draft = Draft::new("0210");
//! draft.set(2, b"4761739001010119")
//!     .set(4, b"12550")          // fixed numerics are zero-padded on the left
//!     .set(39, b"51");
//! let mut buf = [0u8; 64];
//! let len = encode_into(&draft, &ISO87_BCD, &mut buf)?;
//! let message = decode(&buf[..len], &ISO87_BCD).unwrap();
//! assert_eq!(message.field(4).unwrap().to_string(), "000000012550");
//! assert_eq!(message.response_code().unwrap().as_str(), "51");
//! # Ok::<(), iso8583_response::encode::EncodeError>(())
//! ```

use core::fmt;

use crate::dialect::{
    Align, BitmapEncoding, Dialect, Encoding, FieldSpec, Kind, LengthHeader, MtiEncoding, Prefix,
    PrefixEncoding, Unit, bit,
};

/// A message to encode: MTI, header bytes and field values (see the module docs for how values
/// are written). Borrows the values; lives on the stack.
#[derive(Clone)]
pub struct Draft<'v> {
    mti: [u8; 4],
    header: &'v [u8],
    fields: [Option<&'v [u8]>; 193],
}

impl fmt::Debug for Draft<'_> {
    /// Shows the MTI and which fields are set, never their values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Numbers<'d, 'v>(&'d Draft<'v>);
        impl fmt::Debug for Numbers<'_, '_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.0.numbers()).finish()
            }
        }
        f.debug_struct("Draft")
            .field("mti", &core::str::from_utf8(&self.mti).unwrap_or("????"))
            .field("fields", &Numbers(self))
            .finish()
    }
}

impl<'v> Draft<'v> {
    /// An empty message with this MTI (four digits; anything else fails at encoding).
    pub fn new(mti: &str) -> Draft<'v> {
        let mut digits = [0u8; 4];
        for (d, b) in digits
            .iter_mut()
            .zip(mti.bytes().chain(core::iter::repeat(0)))
        {
            *d = b;
        }
        if mti.len() != 4 {
            digits = [0; 4];
        }
        Draft {
            mti: digits,
            header: &[],
            fields: [None; 193],
        }
    }

    /// Sets the header bytes written after the length header (the CUP TPDU and header).
    pub fn header(&mut self, header: &'v [u8]) -> &mut Draft<'v> {
        self.header = header;
        self
    }

    /// Sets field `n` (2 to 192, but not 65 when the dialect has a tertiary bitmap, whose bit
    /// it is; others are ignored).
    pub fn set(&mut self, n: u8, value: &'v [u8]) -> &mut Draft<'v> {
        if (2..=192).contains(&n)
            && let Some(slot) = self.fields.get_mut(usize::from(n))
        {
            *slot = Some(value);
        }
        self
    }

    /// Removes field `n`.
    pub fn clear(&mut self, n: u8) -> &mut Draft<'v> {
        if let Some(slot) = self.fields.get_mut(usize::from(n)) {
            *slot = None;
        }
        self
    }

    /// Field `n`'s value, if set.
    pub fn get(&self, n: u8) -> Option<&'v [u8]> {
        self.fields.get(usize::from(n)).copied().flatten()
    }

    /// The numbers of the fields set, ascending.
    pub fn numbers(&self) -> impl Iterator<Item = u8> + '_ {
        (2u8..=192).filter(|&n| self.get(n).is_some())
    }
}

/// What was wrong with a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    /// The MTI is not four digits.
    BadMti,
    /// The header does not have the length the dialect's framing wants.
    HeaderLength {
        /// Bytes given.
        found: usize,
        /// Bytes the dialect wants.
        expected: usize,
    },
    /// A field the dialect does not define is set, or a field above 64 in a dialect without a
    /// secondary bitmap.
    FieldNotInDialect,
    /// The value is longer than the field allows.
    TooLong {
        /// The value's length, in the field's units.
        found: usize,
        /// The field's maximum (or fixed) length.
        max: usize,
    },
    /// A fixed binary field's value has the wrong length (binary values are not padded).
    WrongLength {
        /// Bytes given.
        found: usize,
        /// Bytes the field holds.
        expected: usize,
    },
    /// A character that the field's kind or encoding cannot carry (a non-digit in a numeric
    /// field, a sign other than C or D in an amount, a track character BCD cannot pack).
    BadCharacter {
        /// The offending byte.
        byte: u8,
        /// Its index in the value.
        index: usize,
    },
    /// The output buffer is too small.
    BufferTooSmall {
        /// The whole message's length: a buffer of this size is enough.
        needed: usize,
    },
    /// The whole message would be longer than the framing's length header can say.
    MessageTooLong {
        /// The message's length.
        length: usize,
    },
}

/// Why a draft could not be encoded: the field (where there is one) and what was wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub struct EncodeError {
    /// The field, if the fault is in one.
    pub field: Option<u8>,
    /// What was wrong.
    pub kind: EncodeErrorKind,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.field {
            write!(f, "field {n}: ")?;
        }
        match self.kind {
            EncodeErrorKind::BadMti => f.write_str("the MTI must be four digits"),
            EncodeErrorKind::HeaderLength { found, expected } => {
                write!(f, "header has {found} bytes, the dialect wants {expected}")
            }
            EncodeErrorKind::FieldNotInDialect => {
                f.write_str("the dialect does not define this field")
            }
            EncodeErrorKind::TooLong { found, max } => {
                write!(f, "value of length {found} exceeds maximum {max}")
            }
            EncodeErrorKind::WrongLength { found, expected } => {
                write!(
                    f,
                    "binary value has {found} bytes, the field holds {expected}"
                )
            }
            EncodeErrorKind::BadCharacter { byte, index } => {
                write!(
                    f,
                    "byte 0x{byte:02X} at index {index} cannot be encoded in this field"
                )
            }
            EncodeErrorKind::BufferTooSmall { needed } => {
                write!(
                    f,
                    "output buffer too small (the message needs {needed} bytes)"
                )
            }
            EncodeErrorKind::MessageTooLong { length } => {
                write!(
                    f,
                    "message of {length} bytes is too long for its length header"
                )
            }
        }
    }
}

fn fault(field: Option<u8>, kind: EncodeErrorKind) -> EncodeError {
    EncodeError { field, kind }
}

/// A cursor over the output buffer. Past its end, it goes on counting without writing, so a
/// too-small buffer is reported with the whole length needed.
struct Out<'b> {
    buf: &'b mut [u8],
    len: usize,
    overflow: bool,
}

impl Out<'_> {
    fn push(&mut self, byte: u8) -> Result<(), EncodeError> {
        match self.buf.get_mut(self.len) {
            Some(slot) => *slot = byte,
            None => self.overflow = true,
        }
        self.len = self.len.saturating_add(1);
        Ok(())
    }

    fn extend(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        let end = self.len.saturating_add(bytes.len());
        match self.buf.get_mut(self.len..end) {
            Some(slot) => slot.copy_from_slice(bytes),
            None => self.overflow = true,
        }
        self.len = end;
        Ok(())
    }

    /// Writes `value` (at most 9999) as `digits` decimal digits in `encoding`.
    fn number(
        &mut self,
        value: usize,
        digits: u8,
        encoding: PrefixEncoding,
    ) -> Result<(), EncodeError> {
        match encoding {
            PrefixEncoding::Ascii | PrefixEncoding::Ebcdic => {
                let zero = if encoding == PrefixEncoding::Ebcdic {
                    0xF0u8
                } else {
                    b'0'
                };
                for i in (0..u32::from(digits)).rev() {
                    let d = digit_at(value, i);
                    self.push(zero.wrapping_add(d))?;
                }
            }
            PrefixEncoding::Bcd => {
                let bytes = u32::from(digits).div_ceil(2);
                for i in (0..bytes).rev() {
                    let hi = digit_at(value, i.wrapping_mul(2).wrapping_add(1));
                    let lo = digit_at(value, i.wrapping_mul(2));
                    self.push(hi << 4 | lo)?;
                }
            }
            PrefixEncoding::Binary => {
                if digits > 2 {
                    self.push((value >> 8) as u8)?;
                }
                self.push(value as u8)?;
            }
        }
        Ok(())
    }
}

/// The decimal digit of `value` at position `i` (0 is the units).
fn digit_at(value: usize, i: u32) -> u8 {
    let scaled = 10usize
        .checked_pow(i)
        .and_then(|p| value.checked_div(p))
        .unwrap_or(0);
    scaled.checked_rem(10).unwrap_or(0) as u8
}

/// The nibble a character packs into, for numeric (digits) or track values (digits, the
/// separator `D` or `=`, and `F`, which the decoder accepts as filler in BCD track data).
fn nibble(c: u8, track: bool) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c.wrapping_sub(b'0')),
        b'D' | b'd' | b'=' if track => Some(0x0D),
        b'F' | b'f' if track => Some(0x0F),
        _ => None,
    }
}

/// Encodes one field's value (prefix included).
fn field(out: &mut Out<'_>, n: u8, spec: &FieldSpec, value: &[u8]) -> Result<(), EncodeError> {
    let err = |kind| fault(Some(n), kind);
    let max = usize::from(spec.max);
    let fixed = matches!(spec.prefix, Prefix::Fixed);
    // The value's length in the spec's units, and any padding a fixed field needs.
    let units = match (spec.unit, spec.encoding) {
        (Unit::Wire, Encoding::HexAscii) => value.len().saturating_mul(2),
        (Unit::Wire, Encoding::Bcd(_)) => value.len().div_ceil(2),
        _ => value.len(),
    };
    if units > max {
        return Err(err(EncodeErrorKind::TooLong { found: units, max }));
    }
    if fixed && units != max && matches!(spec.kind, Kind::Binary) {
        return Err(err(EncodeErrorKind::WrongLength {
            found: value.len(),
            expected: max,
        }));
    }
    let len = if fixed { max } else { units };
    let pad = len.saturating_sub(units);
    if !fixed {
        out.number(len, spec.prefix.digits(), spec.prefix_encoding)?;
    }
    // Validate characters.
    let check_digits = |digits: &[u8], offset: usize, track: bool| match digits
        .iter()
        .position(|&c| nibble(c, track).is_none() || (!track && !c.is_ascii_digit()))
    {
        Some(i) => Err(err(EncodeErrorKind::BadCharacter {
            byte: digits.get(i).copied().unwrap_or(0),
            index: i.saturating_add(offset),
        })),
        None => Ok(()),
    };
    let (sign, digits) = match spec.kind {
        Kind::Amount => match value.split_first() {
            Some((&s, rest)) if s == b'C' || s == b'D' => (Some(s), rest),
            Some((&s, _)) => return Err(err(EncodeErrorKind::BadCharacter { byte: s, index: 0 })),
            None => (None, value),
        },
        _ => (None, value),
    };
    match (spec.kind, spec.encoding) {
        (Kind::Numeric | Kind::Amount, _) => {
            check_digits(digits, usize::from(sign.is_some()), false)?
        }
        (Kind::Track, Encoding::Bcd(_)) => check_digits(digits, 0, true)?,
        _ => {}
    }
    match spec.encoding {
        Encoding::Ascii => {
            if let Some(s) = sign {
                out.push(s)?;
            }
            match spec.kind {
                // Numbers are right-justified with zeros, text left-justified with spaces.
                Kind::Numeric | Kind::Amount => {
                    for _ in 0..pad {
                        out.push(b'0')?;
                    }
                    out.extend(digits)?;
                }
                _ => {
                    out.extend(digits)?;
                    for _ in 0..pad {
                        out.push(b' ')?;
                    }
                }
            }
        }
        Encoding::Binary => out.extend(value)?,
        // Binary values are raw bytes in EBCDIC dialects too.
        Encoding::Ebcdic if spec.kind == Kind::Binary => out.extend(value)?,
        Encoding::Ebcdic => {
            // As ASCII, each character then written in code page 037.
            let numeric = matches!(spec.kind, Kind::Numeric | Kind::Amount);
            let (fill, lead) = if numeric { (b'0', pad) } else { (b' ', 0) };
            let trail = pad.saturating_sub(lead);
            let text = sign
                .into_iter()
                .chain(core::iter::repeat_n(fill, lead))
                .chain(digits.iter().copied())
                .chain(core::iter::repeat_n(fill, trail));
            for (i, c) in text.enumerate() {
                let Some(e) = crate::ebcdic::from_ascii(c) else {
                    return Err(err(EncodeErrorKind::BadCharacter { byte: c, index: i }));
                };
                out.push(e)?;
            }
        }
        Encoding::HexAscii => {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            for &b in value {
                out.push(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'))?;
                out.push(HEX.get(usize::from(b & 0x0F)).copied().unwrap_or(b'0'))?;
            }
        }
        Encoding::Bcd(align) => {
            if let Some(s) = sign {
                out.push(s)?;
            }
            let track = matches!(spec.kind, Kind::Track);
            if !matches!(spec.kind, Kind::Numeric | Kind::Amount | Kind::Track) {
                // Text or binary with a BCD encoding: written as it is.
                out.extend(value)?;
                return Ok(());
            }
            // Zero-padding of a short fixed number comes first; then the pad nibble of an odd
            // count goes where the alignment says.
            let count = len.saturating_sub(usize::from(sign.is_some()));
            let mut nibbles = core::iter::repeat_n(0u8, count.saturating_sub(digits.len()))
                .chain(digits.iter().map(|&c| nibble(c, track).unwrap_or(0)));
            let odd = count % 2 == 1;
            let mut first = true;
            for _ in 0..count.div_ceil(2) {
                let (hi, lo) = match (odd, align, first) {
                    (true, Align::Right, true) => (0, nibbles.next().unwrap_or(0)),
                    _ => (nibbles.next().unwrap_or(0), nibbles.next().unwrap_or(0)),
                };
                first = false;
                out.push(hi << 4 | lo)?;
            }
        }
    }
    Ok(())
}

/// Encodes `draft` laid out as `dialect` into `buf`; returns the number of bytes written.
///
/// # Errors
/// An [`EncodeError`] naming the field and the fault: a value too long, a wrong-length binary
/// value, a character the field cannot carry, a field the dialect lacks, a bad MTI or header,
/// or a buffer too small.
pub fn encode_into(
    draft: &Draft<'_>,
    dialect: &Dialect,
    buf: &mut [u8],
) -> Result<usize, EncodeError> {
    let framing = dialect.framing();
    let mut out = Out {
        buf,
        len: 0,
        overflow: false,
    };
    let length_size = framing.length.size();
    for _ in 0..length_size {
        out.push(0)?;
    }
    if draft.header.len() != usize::from(framing.header_len) {
        return Err(fault(
            None,
            EncodeErrorKind::HeaderLength {
                found: draft.header.len(),
                expected: usize::from(framing.header_len),
            },
        ));
    }
    out.extend(draft.header)?;
    if !draft.mti.iter().all(u8::is_ascii_digit) {
        return Err(fault(None, EncodeErrorKind::BadMti));
    }
    match dialect.mti_encoding() {
        MtiEncoding::Ascii => out.extend(&draft.mti)?,
        MtiEncoding::Ebcdic => {
            for &d in &draft.mti {
                out.push(0xF0 | (d & 0x0F))?;
            }
        }
        MtiEncoding::Bcd => {
            let d = |i: usize| draft.mti.get(i).map_or(0, |c| c.wrapping_sub(b'0'));
            out.push(d(0) << 4 | d(1))?;
            out.push(d(2) << 4 | d(3))?;
        }
    }
    let mut present = 0u128;
    let mut tertiary = 0u64;
    let third = dialect.has_tertiary_bitmap();
    for n in draft.numbers() {
        // Fields after 128 need a tertiary bitmap, and bit 65 is then its, not a field's.
        let undefined = dialect.field(n).is_none() || (n > 128 && !third) || (n == 65 && third);
        if undefined {
            return Err(fault(Some(n), EncodeErrorKind::FieldNotInDialect));
        }
        if n > 128 {
            tertiary |= crate::dialect::tertiary_bit(n);
        } else {
            present |= bit(n);
        }
    }
    if tertiary != 0 {
        present |= bit(65);
    }
    if present & (u128::MAX >> 64) != 0 {
        if dialect.field(1).is_none() {
            let n = draft.numbers().find(|&n| n > 64);
            return Err(fault(n, EncodeErrorKind::FieldNotInDialect));
        }
        present |= bit(1);
    }
    let all = [(present >> 64) as u64, present as u64, tertiary];
    let count = match (present & bit(1) != 0, tertiary != 0) {
        (_, true) => 3,
        (true, false) => 2,
        _ => 1,
    };
    for &word in all.get(..count).unwrap_or_default() {
        match dialect.bitmap_encoding() {
            BitmapEncoding::Binary => out.extend(&word.to_be_bytes())?,
            encoding @ (BitmapEncoding::HexAscii | BitmapEncoding::HexEbcdic) => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                for shift in (0..16u32).rev().map(|i| i.wrapping_mul(4)) {
                    let nib = (word.wrapping_shr(shift) & 0xF) as usize;
                    let c = HEX.get(nib).copied().unwrap_or(b'0');
                    if encoding == BitmapEncoding::HexEbcdic {
                        out.push(crate::ebcdic::from_ascii(c).unwrap_or(0xF0))?;
                    } else {
                        out.push(c)?;
                    }
                }
            }
        }
    }
    for n in draft.numbers() {
        if let (Some(spec), Some(value)) = (dialect.field(n), draft.get(n)) {
            field(&mut out, n, spec, value)?;
        }
    }
    let total = out.len;
    if out.overflow {
        return Err(fault(
            None,
            EncodeErrorKind::BufferTooSmall { needed: total },
        ));
    }
    let body = if framing.length_counts_itself {
        total
    } else {
        total.saturating_sub(length_size)
    };
    let (limit, encoding) = match framing.length {
        LengthHeader::None => return Ok(total),
        LengthHeader::Binary2 => (usize::from(u16::MAX), PrefixEncoding::Binary),
        LengthHeader::Bcd2 => (9999, PrefixEncoding::Bcd),
        LengthHeader::Ascii4 => (9999, PrefixEncoding::Ascii),
    };
    if body > limit {
        return Err(fault(
            None,
            EncodeErrorKind::MessageTooLong { length: body },
        ));
    }
    let mut head = Out {
        buf: out.buf,
        len: 0,
        overflow: false,
    };
    head.number(body, 4, encoding)?;
    Ok(total)
}

/// Encodes `draft` laid out as `dialect` into a new vector.
///
/// # Errors
/// As [`encode_into`], except that the buffer is never too small.
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub fn encode(draft: &Draft<'_>, dialect: &Dialect) -> Result<alloc::vec::Vec<u8>, EncodeError> {
    // An upper bound: framing, header, MTI, three hex bitmaps, and per field a 4-byte prefix and
    // twice the value (hex text) or a sign and the value.
    let bound = 4usize
        .saturating_add(draft.header.len())
        .saturating_add(4 + 48)
        .saturating_add(
            draft
                .numbers()
                .filter_map(|n| Some((draft.get(n)?, dialect.field(n)?)))
                .map(|(v, spec)| {
                    4usize.saturating_add(
                        v.len()
                            .max(usize::from(spec.max))
                            .saturating_mul(2)
                            .saturating_add(1),
                    )
                })
                .sum::<usize>(),
        );
    let mut buf = alloc::vec![0u8; bound];
    let len = encode_into(draft, dialect, &mut buf)?;
    buf.truncate(len);
    Ok(buf)
}

/// A message's values owned: what [`Draft`] borrows, built from a decoded message, for round
/// trips and for editing a message before encoding it again.
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
#[derive(Clone, PartialEq, Eq)]
pub struct OwnedDraft {
    /// The MTI's four digits.
    pub mti: [u8; 4],
    /// The header bytes before the MTI.
    pub header: alloc::vec::Vec<u8>,
    /// The fields set, ascending, with their values as [`Draft`] takes them.
    pub fields: alloc::vec::Vec<(u8, alloc::vec::Vec<u8>)>,
}

#[cfg(feature = "alloc")]
impl fmt::Debug for OwnedDraft {
    /// Shows the MTI and which fields are set, never their values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedDraft")
            .field("mti", &core::str::from_utf8(&self.mti).unwrap_or("????"))
            .field(
                "fields",
                &self
                    .fields
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<alloc::vec::Vec<_>>(),
            )
            .finish()
    }
}

#[cfg(feature = "alloc")]
impl OwnedDraft {
    /// The values of a decoded message: characters of numeric, track and amount fields, bytes of
    /// text (EBCDIC text as ASCII) and binary fields.
    pub fn from_message(message: &crate::Message<'_>) -> OwnedDraft {
        let mut mti = [0u8; 4];
        mti.copy_from_slice(message.mti().as_str().as_bytes());
        let fields = message
            .fields()
            .map(|f| {
                let value = if let Some(d) = f.digits() {
                    d.collect()
                } else if let Some(b) = f.bytes() {
                    b.collect()
                } else if f.spec().encoding == crate::dialect::Encoding::Ebcdic {
                    // EBCDIC text as the ASCII the encoder takes ('?' for what ASCII lacks).
                    f.raw()
                        .iter()
                        .map(|&b| crate::ebcdic::to_ascii(b).unwrap_or(b'?'))
                        .collect()
                } else {
                    f.raw().to_vec()
                };
                (f.number(), value)
            })
            .collect();
        OwnedDraft {
            mti,
            header: message.header().to_vec(),
            fields,
        }
    }

    /// A draft borrowing these values.
    pub fn draft(&self) -> Draft<'_> {
        let mut draft = Draft::new(core::str::from_utf8(&self.mti).unwrap_or(""));
        draft.header(&self.header);
        for (n, value) in &self.fields {
            draft.set(*n, value);
        }
        draft
    }
}
