//! Views over a decoded message: [`Message`], [`Field`], [`Mti`], [`Bitmap`] and the typed
//! value views. Everything borrows the caller's input; nothing is copied or allocated.

use core::fmt;

use crate::decode::plan::{GroupWalker, group_end};
use crate::decode::prefix_value;
use crate::dialect::{
    Align, Dialect, Encoding, FieldSpec, Kind, Prefix, Sensitivity, TextEncoding, Unit, bit,
};
use crate::error::{Anomaly, ErrorKind, Location};
use crate::mask;

/// A message type indicator: four decimal digits (version, class, function, origin).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mti {
    digits: [u8; 4],
}

impl Mti {
    /// Builds an MTI from four ASCII digits (the decoder has checked them).
    pub(crate) const fn from_digits(digits: [u8; 4]) -> Mti {
        Mti { digits }
    }

    /// The MTI as four ASCII digits, e.g. `"0110"`.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.digits).unwrap_or("????")
    }

    fn digit(&self, i: usize) -> u8 {
        self.digits.get(i).map_or(0, |d| d.wrapping_sub(b'0'))
    }

    /// First digit: the ISO 8583 version (0 = 1987, 1 = 1993, 2 = 2003, 8 = national, 9 = private).
    pub fn version(&self) -> u8 {
        self.digit(0)
    }

    /// Second digit: the message class (1 authorisation, 2 financial, 3 file action, 4 reversal
    /// or chargeback, 5 reconciliation, 6 administrative, 7 fee collection, 8 network management).
    pub fn class(&self) -> u8 {
        self.digit(1)
    }

    /// Third digit: the message function (0 request, 1 request response, 2 advice, 3 advice
    /// response, 4 notification, 5 notification acknowledgement, 6 instruction, 7 instruction
    /// acknowledgement).
    pub fn function(&self) -> u8 {
        self.digit(2)
    }

    /// Fourth digit: the origin (0 acquirer, 1 acquirer repeat, 2 issuer, 3 issuer repeat,
    /// 4 other, 5 other repeat).
    pub fn origin(&self) -> u8 {
        self.digit(3)
    }

    /// Whether the message answers another: a request response, advice response, notification
    /// acknowledgement or instruction acknowledgement (an odd function digit below 8).
    pub fn is_response(&self) -> bool {
        matches!(self.function(), 1 | 3 | 5 | 7)
    }

    /// A short English name of the class, e.g. `"authorisation"`.
    pub fn class_name(&self) -> &'static str {
        match self.class() {
            1 => "authorisation",
            2 => "financial",
            3 => "file action",
            4 => "reversal",
            5 => "reconciliation",
            6 => "administrative",
            7 => "fee collection",
            8 => "network management",
            _ => "reserved class",
        }
    }

    /// A short English name of the function, e.g. `"request response"`.
    pub fn function_name(&self) -> &'static str {
        match self.function() {
            0 => "request",
            1 => "request response",
            2 => "advice",
            3 => "advice response",
            4 => "notification",
            5 => "notification acknowledgement",
            6 => "instruction",
            7 => "instruction acknowledgement",
            _ => "reserved function",
        }
    }
}

impl fmt::Display for Mti {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Mti {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mti({})", self.as_str())
    }
}

/// The primary and secondary bitmaps as one 128-bit set; field 1 is the most significant bit.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bitmap(u128);

impl Bitmap {
    /// The bitmap with these bits.
    pub const fn from_bits(bits: u128) -> Bitmap {
        Bitmap(bits)
    }

    /// All 128 bits.
    pub const fn bits(&self) -> u128 {
        self.0
    }

    /// Whether field `n` is present (field 1 means a secondary bitmap is present).
    pub const fn contains(&self, n: u8) -> bool {
        self.0 & bit(n) != 0
    }

    /// The primary bitmap (fields 1 to 64).
    pub const fn primary(&self) -> u64 {
        (self.0 >> 64) as u64
    }

    /// The secondary bitmap (fields 65 to 128), if field 1 says there is one.
    pub const fn secondary(&self) -> Option<u64> {
        if self.contains(1) {
            Some(self.0 as u64)
        } else {
            None
        }
    }

    /// The numbers of the data fields present (2 to 128), in order.
    pub fn numbers(&self) -> impl Iterator<Item = u8> + use<> {
        let mut bits = self.0 & !bit(1);
        core::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let index = bits.leading_zeros();
            bits &= !(1u128 << 127u32.saturating_sub(index));
            u8::try_from(index.saturating_add(1)).ok()
        })
    }
}

impl fmt::Debug for Bitmap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bitmap({:016X}", self.primary())?;
        if let Some(s) = self.secondary() {
            write!(f, " {s:016X}")?;
        }
        f.write_str(")")
    }
}

/// A response code (field 39): two characters under ISO 8583:1987, three digits (an action
/// code) under 1993. Held by value, so it outlives the message.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ResponseCode {
    bytes: [u8; 3],
    len: u8,
}

impl ResponseCode {
    /// A code from its text (1 to 3 ASCII characters).
    pub fn new(code: &str) -> Option<ResponseCode> {
        ResponseCode::from_bytes(code.as_bytes())
    }

    /// A code from 1 to 3 printable ASCII bytes.
    #[inline]
    pub fn from_bytes(code: &[u8]) -> Option<ResponseCode> {
        // Spelled out rather than copied, so that no call to memcpy is made for 1 to 3 bytes.
        let (bytes, len) = match *code {
            [a] => ([a, 0, 0], 1),
            [a, b] => ([a, b, 0], 2),
            [a, b, c] => ([a, b, c], 3),
            _ => return None,
        };
        if !code.iter().all(u8::is_ascii_graphic) {
            return None;
        }
        Some(ResponseCode { bytes, len })
    }

    /// The code as text, e.g. `"05"` or `"116"`.
    pub fn as_str(&self) -> &str {
        self.bytes
            .get(..usize::from(self.len))
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// The code's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }
}

impl fmt::Display for ResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for ResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResponseCode({:?})", self.as_str())
    }
}

/// A decoded message: views over the caller's input.
///
/// Look-ups take constant time: the decoder records where the last present field of each group
/// of eight fields (1–8, 9–16, …, 121–128) ends, so a field is found from the end of the groups
/// before it plus at most seven fields of its own group. The message is small (128 bytes)
/// and cheap to move. Fields returned borrow the input, not the message, so the message can be
/// dropped while they are kept.
///
/// `Debug` and `Display` mask the card number (fields 2 and 34, and tag 5A inside field 55) and
/// never show track data, PIN blocks, names or other fields the dialect marks
/// [`Sensitivity::Secret`].
#[derive(Clone)]
pub struct Message<'a> {
    input: &'a [u8],
    dialect: &'a Dialect,
    bitmap: Bitmap,
    mti: Mti,
    /// Offset and length of the fixed header.
    header: (u16, u16),
    /// Offset of the first data field.
    data_start: u16,
    /// Where the last present field of each group of eight ends (unused for empty groups).
    group_ends: [u16; 16],
    /// The fields read: the bitmap's, or those before the fault in a partial message.
    read: u128,
    /// The tertiary bitmap (fields 129 to 192; 0 without one), and the fields of it read.
    tertiary: u64,
    tertiary_read: u64,
    /// Whether the content was checked and found clean (a strict decode): then
    /// [`Message::anomalies`] has nothing to look for.
    checked: bool,
    /// Whether decoding stopped before the end (see [`Message::is_partial`]).
    partial: bool,
}

impl<'a> Message<'a> {
    /// A message with no field ends recorded yet. `input` is at most `u16::MAX` bytes long.
    pub(crate) fn new(
        input: &'a [u8],
        dialect: &'a Dialect,
        header: (u16, u16),
        mti: Mti,
        bitmap: u128,
        data_start: u16,
    ) -> Message<'a> {
        Message {
            input,
            dialect,
            bitmap: Bitmap(bitmap),
            mti,
            header,
            data_start,
            group_ends: [0; 16],
            read: bitmap,
            tertiary: 0,
            tertiary_read: 0,
            checked: false,
            partial: false,
        }
    }

    /// Records whether the decoder checked the content (and found it clean).
    #[inline]
    pub(crate) fn set_checked(&mut self, checked: bool) {
        self.checked = checked;
    }

    /// Records the tertiary bitmap (fields 129 to 192) of a dialect that has one: bit 65 is
    /// then its, not a data field's.
    pub(crate) fn set_tertiary(&mut self, bits: u64) {
        self.read &= !bit(65);
        self.tertiary = bits;
        self.tertiary_read = bits;
    }

    /// Marks the message as cut short: only the fields in `read` (1 to 128, and 129 to 192)
    /// were read whole.
    pub(crate) fn set_partial(&mut self, (read, tertiary): (u128, u64)) {
        self.read = read;
        self.tertiary_read = tertiary;
        self.partial = true;
    }

    /// The tertiary bitmap (fields 129 to 192, field 129 the most significant bit), when the
    /// dialect has one and bit 65 announced it.
    pub fn tertiary_bitmap(&self) -> Option<u64> {
        (self.dialect.has_tertiary_bitmap() && self.bitmap.0 & bit(65) != 0)
            .then_some(self.tertiary)
    }

    /// Where the fields after 128 begin: where the last field up to 128 ends.
    fn tertiary_start(&self) -> Option<usize> {
        let data = self.read & !bit(1);
        if data == 0 {
            return Some(usize::from(self.data_start));
        }
        let last = 128u32.saturating_sub(data.trailing_zeros());
        let group = last.saturating_sub(1) / 8;
        self.group_ends
            .get(group as usize)
            .map(|&end| usize::from(end))
    }

    /// The numbers of the fields read after 128, in order.
    fn tertiary_numbers(&self) -> impl Iterator<Item = u8> + use<> {
        crate::dialect::tertiary_numbers(self.tertiary_read)
    }

    /// Whether decoding stopped at a fault before the last field the bitmaps announce (see
    /// [`decode_partial`](crate::decode_partial)): [`has`](Self::has), [`field`](Self::field)
    /// and [`fields`](Self::fields) then give only the fields read before the fault, while
    /// [`bitmap`](Self::bitmap) is still the bitmap as sent.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// The content faults found in the message, in order (see [`Anomaly`]): none when it
    /// follows its dialect to the letter. The default decode does not look at content, so this
    /// checks every field on each call (a strict decode has checked it already and answers at
    /// once); bytes after the last field that a length header counts are the last anomaly. The BER-TLV inside field 55 is not checked here (field 55 is binary data
    /// to ISO 8583): [`EmvData::validate`](crate::emv::EmvData::validate) does that.
    pub fn anomalies(&self) -> Anomalies<'a> {
        Anomalies {
            message: self.clone(),
            bits: self.read & !bit(1),
            more: self.tertiary_read,
            at: usize::from(self.data_start),
            content: !self.checked,
            done: false,
        }
    }

    /// Where the decoder records the end offset of each group's last present field.
    #[inline]
    pub(crate) fn group_ends_mut(&mut self) -> &mut [u16; 16] {
        &mut self.group_ends
    }

    /// The dialect the message was decoded with.
    pub fn dialect(&self) -> &'a Dialect {
        self.dialect
    }

    /// The whole input the message was decoded from.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The fixed header bytes between the length header and the MTI (empty for most dialects;
    /// the TPDU and header for CUP, see [`CupHeader`](crate::dialect::CupHeader)).
    pub fn header(&self) -> &'a [u8] {
        let (start, len) = (usize::from(self.header.0), usize::from(self.header.1));
        self.input
            .get(start..start.saturating_add(len))
            .unwrap_or_default()
    }

    /// The message type indicator.
    pub fn mti(&self) -> Mti {
        self.mti
    }

    /// Whether the message is a response (see [`Mti::is_response`]).
    pub fn is_response(&self) -> bool {
        self.mti.is_response()
    }

    /// The bitmaps.
    pub fn bitmap(&self) -> Bitmap {
        self.bitmap
    }

    /// Whether data field `n` is present (and, in a [partial](Self::is_partial) message, was
    /// read).
    pub fn has(&self, n: u8) -> bool {
        match n {
            129..=192 => self.tertiary_read & crate::dialect::tertiary_bit(n) != 0,
            _ => n >= 2 && self.read & bit(n) != 0,
        }
    }

    /// Field `n` (2 to 128, and 129 to 192 in a dialect with a tertiary bitmap), if present.
    pub fn field(&self, n: u8) -> Option<Field<'a>> {
        if !self.has(n) {
            return None;
        }
        if n > 128 {
            // After 128, from the first tertiary field on, one at a time.
            let mut at = self.tertiary_start()?;
            for m in self.tertiary_numbers().take_while(|&m| m < n) {
                at = self.end_at(usize::from(m), at)?;
            }
            return self.field_at(n, at);
        }
        // Bits of the data fields numbered below `k` (field 1 is the most significant bit).
        let data = self.read & !bit(1);
        let below = |k: u8| data & !(bit(k) | bit(k).wrapping_sub(1));
        // n is 2 to 128: its group is 0 to 15, whose first field is 8 * group + 1.
        let group = n.wrapping_sub(1) / 8;
        let first = group.wrapping_mul(8).wrapping_add(1);
        // The group's first present field starts where the last field of an earlier group ends.
        let before = below(first);
        let at = if before == 0 {
            usize::from(self.data_start)
        } else {
            // 128 - trailing zeros is that field's number, 1 to 128.
            let last = 128u32.saturating_sub(before.trailing_zeros());
            let group = last.saturating_sub(1) / 8;
            usize::from(*self.group_ends.get(group as usize)?)
        };
        // Then the fields of n's own group that come before it (bit 7 is the group's first
        // field): as the fast walk goes (`Walk::group` in decode/walk.rs), the group sums add up the fixed-length ones and a single
        // field of another kind first or last is stepped over alone; else one at a time.
        let offset = u32::from(n.wrapping_sub(1) % 8);
        let within =
            (data >> 120u32.saturating_sub(u32::from(group) << 3)) as u8 & !(0xFFu8 >> offset);
        let at = group_end(
            &mut Ends(self),
            self.dialect.sums(),
            usize::from(group),
            within,
            at,
        )?;
        self.field_at(n, at)
    }

    /// Where field `n`, known to be present and to start at `start`, ends (its content read as
    /// it is).
    fn end_at(&self, n: usize, start: usize) -> Option<usize> {
        let plan = self.dialect.plan(n);
        if plan.prefix_len == 0 {
            return start.checked_add(plan.fixed as usize);
        }
        let prefix_end = start.checked_add(usize::from(plan.prefix_len))?;
        let len = prefix_value(self.input.get(start..prefix_end)?, plan.prefix).ok()?;
        prefix_end.checked_add(plan.wire(len))
    }

    /// Field `n`, known to be present and to start at `start`.
    fn field_at(&self, n: u8, start: usize) -> Option<Field<'a>> {
        let spec = self.dialect.field(n)?;
        let plan = self.dialect.plan(usize::from(n));
        let prefix_len = usize::from(plan.prefix_len);
        let prefix = self.input.get(start..start.checked_add(prefix_len)?)?;
        let value_start = start.checked_add(prefix_len)?;
        let (len, wire) = match spec.prefix {
            Prefix::Fixed => (usize::from(spec.max), plan.fixed as usize),
            _ => {
                let len = prefix_value(prefix, spec.prefix_encoding).ok()?;
                (len, plan.wire(len))
            }
        };
        let raw = self
            .input
            .get(value_start..value_start.checked_add(wire)?)?;
        Some(Field {
            number: n,
            spec,
            raw,
            offset: value_start,
            len,
            text_encoding: self.dialect.text_encoding(),
        })
    }

    /// The present data fields, in order (bitmaps excluded).
    pub fn fields(&self) -> impl Iterator<Item = Field<'a>> + '_ {
        // Each field starts where the one before it ended.
        let mut at = usize::from(self.data_start);
        let numbers = Bitmap(self.read).numbers().chain(self.tertiary_numbers());
        numbers.map_while(move |n| {
            let field = self.field_at(n, at)?;
            at = field.end();
            Some(field)
        })
    }

    /// The response code (field 39), if present and readable as 1 to 3 ASCII characters or BCD
    /// digits.
    pub fn response_code(&self) -> Option<ResponseCode> {
        let field = self.field(39)?;
        let ebcdic = |raw: &[u8]| {
            let mut bytes = [0u8; 3];
            for (out, &b) in bytes.iter_mut().zip(raw) {
                *out = crate::ebcdic::to_ascii(b)?;
            }
            let trimmed = raw
                .iter()
                .rposition(|&b| b != 0x40)
                .map_or(0, |i| i.saturating_add(1));
            ResponseCode::from_bytes(bytes.get(..trimmed.min(3))?)
        };
        match field.spec.encoding {
            Encoding::Ascii => {
                let raw = field.raw;
                let end = raw
                    .iter()
                    .rposition(|&b| b != b' ')
                    .map_or(0, |i| i.saturating_add(1));
                // Hosts that write text in EBCDIC inside an ASCII or BCD message (F0 F0 for
                // "00") are read as they mean it: EBCDIC digits and letters are no ASCII.
                return ResponseCode::from_bytes(raw.get(..end)?).or_else(|| {
                    raw.iter()
                        .all(|&b| b >= 0xC1 && crate::ebcdic::to_char(b).is_ascii_alphanumeric())
                        .then(|| ebcdic(raw))?
                });
            }
            Encoding::Ebcdic => return ebcdic(field.raw),
            _ => {}
        }
        let mut bytes = [0u8; 3];
        let mut len = 0usize;
        for digit in field.digits()? {
            *bytes.get_mut(len)? = digit;
            len = len.saturating_add(1);
        }
        ResponseCode::new(core::str::from_utf8(bytes.get(..len)?).ok()?)
    }
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Fields<'m, 'a>(&'m Message<'a>);
        impl fmt::Debug for Fields<'_, '_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_map()
                    .entries(self.0.fields().map(|field| (field.number(), field)))
                    .finish()
            }
        }
        f.debug_struct("Message")
            .field("dialect", &self.dialect.name())
            .field("mti", &self.mti)
            .field("bitmap", &self.bitmap)
            .field("tertiary_bitmap", &self.tertiary_bitmap())
            .field("fields", &Fields(self))
            .finish()
    }
}

/// A readable dump: the MTI, then one line per field with its number, name and (masked) value.
impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header = self.header();
        if !header.is_empty() {
            f.write_str("header ")?;
            mask::write_hex(f, header.iter().copied())?;
            f.write_str("\n")?;
        }
        writeln!(
            f,
            "MTI {} ({} {})",
            self.mti,
            self.mti.class_name(),
            self.mti.function_name()
        )?;
        for field in self.fields() {
            writeln!(f, "{:>3} {:<44} {}", field.number(), field.name(), field)?;
        }
        Ok(())
    }
}

/// One field of a message: its bytes and typed views of its value.
///
/// `Display` writes the value as text: digits for numeric and track fields, the text of text
/// fields, upper-case hex for binary ones; a card number masked to its first 6 and last 4 digits
/// at most, a secret field as `redacted (N bytes)`, TLV data (field 55) tag by tag with the card
/// data inside it masked (see [`EmvData`](crate::emv::EmvData)); `{:#}` on field 55 lists one
/// tag a line.
#[derive(Clone, Copy)]
pub struct Field<'a> {
    number: u8,
    spec: &'a FieldSpec,
    raw: &'a [u8],
    offset: usize,
    len: usize,
    /// The dialect's reading of text bytes outside ASCII.
    text_encoding: TextEncoding,
}

impl<'a> Field<'a> {
    /// The field number.
    pub fn number(&self) -> u8 {
        self.number
    }

    /// The field's layout in its dialect.
    pub fn spec(&self) -> &'a FieldSpec {
        self.spec
    }

    /// The field's name in its dialect.
    pub fn name(&self) -> &'static str {
        self.spec.name
    }

    /// The field's name in `lang` (see [`codes::field_name`](crate::codes::field_name)).
    pub fn name_in(&self, lang: crate::codes::Lang) -> &'static str {
        crate::codes::field_name(self.spec.name, lang)
    }

    /// The value's bytes as they are on the wire (length prefix excluded).
    ///
    /// Not masked: for a card number or track data this is the clear value. Print a field
    /// through its `Display` (masked), never through `raw`, `as_str` or `digits`.
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Byte offset of the value (after its length prefix) in the caller's input.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Byte offset just past the value in the caller's input: where the next field starts.
    pub fn end(&self) -> usize {
        self.offset.saturating_add(self.raw.len())
    }

    /// The value's length in the units its spec counts (digits, characters or bytes): the
    /// prefix's value, or the fixed length.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Whether the value must not be shown in full (a card number, a secret, or TLV data that
    /// may hold either).
    pub fn is_sensitive(&self) -> bool {
        !matches!(self.sensitivity(), Sensitivity::Public)
    }

    /// How the value may be shown: the spec's sensitivity, settled by the field number if the
    /// spec left it open.
    pub fn sensitivity(&self) -> Sensitivity {
        self.spec.sensitivity.settle(self.number)
    }

    /// The value as BER-TLV data (EMV field 55 and other chip data), for binary fields (raw or
    /// written as hex) and fields marked [`Sensitivity::Tlv`]; `None` for others.
    ///
    /// The view's errors carry this field's number and offsets in the caller's input.
    pub fn emv(&self) -> Option<crate::emv::EmvData<'a>> {
        // Hex text where raw bytes were expected (chip data declared as text, or sent as hex
        // in a binary field; white space around it ignored) is read as hex: read as raw bytes,
        // its characters would pass for unknown tags and print card data hex-encoded.
        let trimmed = self.raw.trim_ascii();
        let hex_text = (self.spec.kind == Kind::Text || self.sensitivity() == Sensitivity::Tlv)
            && trimmed.len() >= 4
            && trimmed.len().is_multiple_of(2)
            && trimmed.iter().all(u8::is_ascii_hexdigit);
        let data = match self.spec.encoding {
            Encoding::HexAscii => crate::emv::Data::hex(self.raw),
            _ if hex_text && self.sensitivity() == Sensitivity::Tlv => {
                crate::emv::Data::hex(trimmed)
            }
            _ if self.spec.kind == Kind::Binary || self.sensitivity() == Sensitivity::Tlv => {
                crate::emv::Data::raw(self.raw)
            }
            _ => return None,
        };
        Some(crate::emv::EmvData::in_field(
            data,
            self.offset,
            self.number,
        ))
    }

    /// The value as text, without copying, when it is ASCII-encoded valid UTF-8 (numerics,
    /// tracks, amounts and text in ASCII dialects; text in BCD dialects).
    ///
    /// Not masked: check [`is_sensitive`](Self::is_sensitive) before printing it.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.spec.encoding {
            Encoding::Ascii => core::str::from_utf8(self.raw).ok(),
            _ => None,
        }
    }

    /// The value's characters for numeric, track and amount fields, whatever the encoding: BCD is
    /// unpacked and its pad nibble dropped; a track separator nibble reads `D`; an amount starts
    /// with its sign. `None` for text and binary fields.
    ///
    /// Not masked (a card number's digits are all there): check
    /// [`is_sensitive`](Self::is_sensitive) before printing them.
    pub fn digits(&self) -> Option<Digits<'a>> {
        match self.spec.kind {
            Kind::Numeric | Kind::Track | Kind::Amount => Some(Digits::new(self)),
            Kind::Text | Kind::Binary => None,
        }
    }

    /// The value's characters as ASCII bytes, whatever the encoding: digits of numeric, track
    /// and amount fields (BCD unpacked), EBCDIC text turned into ASCII (`?` for what ASCII
    /// lacks), other bytes as they are. For the views that read codes and amounts from text.
    pub(crate) fn ascii(&self) -> impl Iterator<Item = u8> + Clone + 'a {
        let digits = self.digits();
        let ebcdic = self.spec.encoding == Encoding::Ebcdic;
        let raw = self.raw.iter().copied();
        let text = raw.map(move |b| {
            if ebcdic {
                crate::ebcdic::to_ascii(b).unwrap_or(b'?')
            } else {
                b
            }
        });
        let (a, b) = match digits {
            Some(d) => (Some(d), None),
            None => (None, Some(text)),
        };
        a.into_iter().flatten().chain(b.into_iter().flatten())
    }

    /// The bytes of a binary field, hex text decoded on the fly. `None` for other kinds.
    pub fn bytes(&self) -> Option<Bytes<'a>> {
        match self.spec.kind {
            Kind::Binary => Some(Bytes {
                raw: self.raw,
                hex: matches!(self.spec.encoding, Encoding::HexAscii),
                pos: 0,
            }),
            _ => None,
        }
    }

    /// The raw bytes of a text field (they may be in a national encoding such as GBK).
    /// `None` for other kinds.
    pub fn text(&self) -> Option<&'a [u8]> {
        match self.spec.kind {
            Kind::Text => Some(self.raw),
            _ => None,
        }
    }
}

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sensitivity() {
            Sensitivity::Public => {}
            // The characters whatever the encoding (BCD unpacked, EBCDIC read), so that the
            // same card number is masked the same way in every dialect.
            Sensitivity::Pan => return mask::write_pan(f, self.ascii()),
            Sensitivity::Tlv => {
                if let Some(emv) = self.emv() {
                    return fmt::Display::fmt(&emv, f);
                }
                return mask::write_redacted(f, self.raw.len());
            }
            _ => return mask::write_redacted(f, self.raw.len()),
        }
        if let Some(digits) = self.digits() {
            for c in digits {
                fmt::Write::write_char(f, char::from(c))?;
            }
            return Ok(());
        }
        if let Some(bytes) = self.bytes() {
            return mask::write_hex(f, bytes);
        }
        match (self.spec.encoding, self.text_encoding) {
            (Encoding::Ebcdic, _) => mask::write_ebcdic_text(f, self.raw),
            (_, TextEncoding::Gbk) => mask::write_gbk_text(f, self.raw),
            _ => mask::write_text(f, self.raw),
        }
    }
}

impl fmt::Debug for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Shown<'f, 'a>(&'f Field<'a>);
        impl fmt::Debug for Shown<'_, '_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "\"{}\"", self.0)
            }
        }
        f.debug_struct("Field")
            .field("number", &self.number)
            .field("name", &self.spec.name)
            .field("offset", &self.offset)
            .field("value", &Shown(self))
            .finish()
    }
}

/// The characters of a numeric, track or amount value (see [`Field::digits`]), as ASCII bytes.
///
/// Its `Debug` shows only the count, so a card number cannot leak through it.
#[derive(Clone)]
pub struct Digits<'a> {
    bytes: &'a [u8],
    bcd: bool,
    ebcdic: bool,
    sign: Option<u8>,
    front: usize,
    back: usize,
}

impl<'a> Digits<'a> {
    fn new(field: &Field<'a>) -> Digits<'a> {
        let raw = field.raw;
        let Encoding::Bcd(align) = field.spec.encoding else {
            return Digits {
                bytes: raw,
                bcd: false,
                ebcdic: field.spec.encoding == Encoding::Ebcdic,
                sign: None,
                front: 0,
                back: raw.len(),
            };
        };
        let (sign, packed, count) = match (field.spec.kind, raw.split_first()) {
            (Kind::Amount, Some((&sign, packed))) => {
                (Some(sign), packed, field.len.saturating_sub(1))
            }
            _ => (None, raw, field.len),
        };
        let nibbles = packed.len().saturating_mul(2);
        let count = match field.spec.unit {
            Unit::Value => count.min(nibbles),
            Unit::Wire => nibbles,
        };
        let pad = nibbles.saturating_sub(count);
        let (front, back) = match align {
            Align::Right => (pad, nibbles),
            Align::Left => (0, count),
        };
        Digits {
            bytes: packed,
            bcd: true,
            ebcdic: false,
            sign,
            front,
            back,
        }
    }
}

impl Iterator for Digits<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if let Some(sign) = self.sign.take() {
            return Some(sign);
        }
        if self.front >= self.back {
            return None;
        }
        let i = self.front;
        self.front = self.front.saturating_add(1);
        if !self.bcd {
            let b = self.bytes.get(i).copied()?;
            if self.ebcdic {
                // A byte that is no ASCII character (an anomaly) reads as '?'.
                return Some(crate::ebcdic::to_ascii(b).unwrap_or(b'?'));
            }
            return Some(b);
        }
        let byte = self.bytes.get(i / 2).copied()?;
        let nibble = if i.is_multiple_of(2) {
            byte >> 4
        } else {
            byte & 0x0F
        };
        Some(match nibble {
            0..=9 => b'0' | nibble,
            _ => nibble.wrapping_add(b'A' - 10),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self
            .back
            .saturating_sub(self.front)
            .saturating_add(usize::from(self.sign.is_some()));
        (n, Some(n))
    }
}

impl ExactSizeIterator for Digits<'_> {}

impl fmt::Debug for Digits<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digits({} characters)", self.len())
    }
}

/// The bytes of a binary value (see [`Field::bytes`]), hex text decoded on the fly.
#[derive(Clone)]
pub struct Bytes<'a> {
    raw: &'a [u8],
    hex: bool,
    pos: usize,
}

impl<'a> Bytes<'a> {
    /// The bytes of `raw`, read as pairs of hex characters when `hex`.
    pub(crate) const fn new(raw: &'a [u8], hex: bool) -> Bytes<'a> {
        Bytes { raw, hex, pos: 0 }
    }
}

impl Iterator for Bytes<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if !self.hex {
            let b = self.raw.get(self.pos).copied()?;
            self.pos = self.pos.saturating_add(1);
            return Some(b);
        }
        // A character that is not a hex digit (an anomaly the decoder lists) reads as 0, so
        // that the count stays what `len` says.
        let nibble = |b: u8| crate::decode::hex_digit(b).unwrap_or(0);
        let hi = nibble(*self.raw.get(self.pos)?);
        let lo = nibble(*self.raw.get(self.pos.saturating_add(1))?);
        self.pos = self.pos.saturating_add(2);
        Some(hi << 4 | lo)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.raw.len().saturating_sub(self.pos);
        let n = if self.hex { left / 2 } else { left };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Bytes<'_> {}

impl fmt::Debug for Bytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({} bytes)", self.len())
    }
}

/// The anomalies of a message (see [`Message::anomalies`]), in order of offset.
#[derive(Clone, Debug)]
pub struct Anomalies<'a> {
    message: Message<'a>,
    /// The fields still to look at: 2 to 128, then 129 to 192.
    bits: u128,
    more: u64,
    /// Where the next of them starts.
    at: usize,
    /// Whether there may be any (else the decoder checked the content and found it clean).
    content: bool,
    /// Whether the bytes after the last field have been looked at.
    done: bool,
}

impl<'a> Iterator for Anomalies<'a> {
    type Item = Anomaly;

    fn next(&mut self) -> Option<Anomaly> {
        while self.content && (self.bits | u128::from(self.more)) != 0 {
            let n = if self.bits != 0 {
                let n = u8::try_from(self.bits.leading_zeros().saturating_add(1)).ok()?;
                self.bits &= !bit(n);
                n
            } else {
                let n = u8::try_from(self.more.leading_zeros().saturating_add(129)).ok()?;
                self.more &= !crate::dialect::tertiary_bit(n);
                n
            };
            let field = self.message.field_at(n, self.at)?;
            self.at = field.end();
            if let Err((index, kind)) =
                crate::decode::check_field(field.raw, field.spec, field.len, n)
            {
                let at = field.offset.saturating_add(index);
                return Some(Anomaly::new(Location::Field(n), at, kind));
            }
        }
        if !self.content || self.done || self.message.partial {
            return None;
        }
        self.done = true;
        let count = self.message.input.len().saturating_sub(self.at);
        (count > 0 && self.at >= usize::from(self.message.data_start))
            .then(|| Anomaly::new(Location::End, self.at, ErrorKind::TrailingBytes { count }))
    }
}

/// A message's fields as a [`GroupWalker`], to find where a field starts.
struct Ends<'m, 'a>(&'m Message<'a>);

impl GroupWalker for Ends<'_, '_> {
    #[inline]
    fn one(&mut self, n: usize, at: usize) -> Option<usize> {
        self.0.end_at(n, at)
    }

    #[inline(always)]
    fn fixed(&mut self, _start: usize, _end: usize, _sum: u16) -> Option<()> {
        Some(())
    }
}
