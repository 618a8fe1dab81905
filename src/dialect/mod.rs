//! Dialects: how a message's bytes are laid out, as plain `const` data.
//!
//! A [`Dialect`] names the framing, the MTI and bitmap encodings and a [`FieldSpec`] for every
//! field number. The decoder reads nothing but this data, so a dialect of your own is a `const`:
//!
//! ```
//! use iso8583_response::dialect::{FieldSpec, ISO87_ASCII, Dialect};
//!
//! // pyiso8583-style ASCII, but field 48 is a four-digit LLLL text field up to 4096 characters.
//! const MY_HOST: Dialect = ISO87_ASCII
//!     .with_name("my-host")
//!     .with_field(48, FieldSpec::text(4096, "Additional data").llll());
//!
//! assert_eq!(MY_HOST.field(48).unwrap().max, 4096);
//! assert_eq!(MY_HOST.field(4), ISO87_ASCII.field(4));
//! ```
//!
//! The built-in dialects, each checked against an independent implementation (see
//! `tests/vectors/README.md`):
//!
//! | constant | CLI name | what it decodes |
//! |---|---|---|
//! | [`ISO87_ASCII`] | `iso87-ascii` | ISO 8583:1987, ASCII throughout, hex bitmap (pyiso8583 `default_ascii`, jPOS `ISO87APackager`) |
//! | [`ISO87_ASCII_BINBITMAP`] | `iso87-ascii-binbitmap` | ASCII fields, binary bitmaps and binary fields (pyiso8583 `default`) |
//! | [`ISO87_BCD`] | `iso87-bcd` | BCD MTI, numerics and length prefixes, binary bitmap (jPOS `ISO87BPackager`) |
//! | [`ISO87_EBCDIC`] | `iso87-ebcdic` | EBCDIC (code page 037) MTI, numerics, text and length prefixes, binary bitmap (IBM hosts, Mastercard-style interfaces, jPOS `IFE_*` fields) |
//! | [`ISO93_ASCII`] | `iso93-ascii` | ISO 8583:1993 field table in ASCII (jPOS `ISO93APackager`) |
//! | [`ISO93_BCD`] | `iso93-bcd` | ISO 8583:1993 field table in BCD (jPOS `ISO93BPackager`) |
//! | [`CUP_POS`] | `cup-pos` | China UnionPay POS terminal messages, with the 2-byte length |
//! | [`CUP_POS_UNFRAMED`] | `cup-pos` (no length) | the same without the 2-byte length, as copied from logs |

// The items here are `const fn`s over fixed-size tables, evaluated at compile time for the
// built-in dialects: an out-of-range index or overflow there is a compile error, not a panic at
// run time; the few that users may call at run time check their arguments first.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use crate::codes::Scheme;

mod build;

use crate::decode::plan::{self, Plan};
mod cup;
mod iso87;
mod iso93;

pub use cup::{CUP_POS, CUP_POS_UNFRAMED, CupHeader, ProcessingRequirement, detect_cup_framing};
pub use iso87::{ISO87_ASCII, ISO87_ASCII_BINBITMAP, ISO87_BCD, ISO87_EBCDIC};
pub use iso93::{ISO93_ASCII, ISO93_BCD};

/// Every built-in dialect with the name the CLI accepts for it.
///
/// `cup-pos` maps to [`CUP_POS`]; use [`detect_cup_framing`] to choose between it and
/// [`CUP_POS_UNFRAMED`] for a given message.
pub const BUILT_IN: [(&str, &Dialect); 7] = [
    ("iso87-ascii", &ISO87_ASCII),
    ("iso87-ascii-binbitmap", &ISO87_ASCII_BINBITMAP),
    ("iso87-bcd", &ISO87_BCD),
    ("iso87-ebcdic", &ISO87_EBCDIC),
    ("iso93-ascii", &ISO93_ASCII),
    ("iso93-bcd", &ISO93_BCD),
    ("cup-pos", &CUP_POS),
];

/// Looks a built-in dialect up by its CLI name (`iso87-ascii`, `cup-pos`, …).
///
/// `cup-pos` is [`CUP_POS`], with its 2-byte length; messages copied from logs often start at
/// the TPDU instead: [`detect_cup_framing`] chooses between it and [`CUP_POS_UNFRAMED`] per
/// message, as the CLI does.
pub fn by_name(name: &str) -> Option<&'static Dialect> {
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, dialect)| *dialect)
}

/// The version of ISO 8583 a dialect follows: it decides, among other things, whether field 39 is a
/// two-character response code (1987) or a three-digit action code (1993).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Standard {
    /// ISO 8583:1987.
    Iso1987,
    /// ISO 8583:1993.
    Iso1993,
}

/// What comes before the MTI: a length header, then fixed header bytes (a TPDU, a network
/// header such as BASE24's `ISO` and nine digits), exposed by
/// [`Message::header`](crate::Message::header).
///
/// ```
/// use iso8583_response::dialect::{Framing, LengthHeader, ISO87_BCD};
///
/// // A 2-byte binary length, then a 5-byte TPDU, then the message.
/// let framed = ISO87_BCD.with_framing(Framing::length(LengthHeader::Binary2).with_header(5));
/// assert_eq!(framed.framing().size(), 7);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Framing {
    /// The length header, if any.
    pub length: LengthHeader,
    /// How many fixed header bytes follow the length header (the CUP TPDU and header: 11).
    pub header_len: u8,
    /// Whether the length header counts its own bytes as well as those that follow it.
    pub length_counts_itself: bool,
}

impl Framing {
    /// No framing: the message starts with its MTI.
    pub const NONE: Framing = Framing {
        length: LengthHeader::None,
        header_len: 0,
        length_counts_itself: false,
    };

    /// A length header alone.
    pub const fn length(length: LengthHeader) -> Framing {
        Framing {
            length,
            ..Framing::NONE
        }
    }

    /// `len` fixed header bytes alone.
    pub const fn header(len: u8) -> Framing {
        Framing {
            header_len: len,
            ..Framing::NONE
        }
    }

    /// The same framing with `len` fixed header bytes after the length header.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_header(self, len: u8) -> Framing {
        Framing {
            header_len: len,
            ..self
        }
    }

    /// The same framing, its length header counting its own bytes too.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn counting_itself(self) -> Framing {
        Framing {
            length_counts_itself: true,
            ..self
        }
    }

    /// Bytes before the MTI: the length header and the fixed header.
    pub const fn size(self) -> usize {
        self.length.size() + self.header_len as usize
    }
}

/// A transport length header in front of the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LengthHeader {
    /// None.
    None,
    /// Two bytes, big-endian binary, counting the bytes that follow.
    Binary2,
    /// Two bytes of packed BCD (four digits), counting the bytes that follow.
    Bcd2,
    /// Four ASCII digits counting the bytes that follow.
    Ascii4,
}

impl LengthHeader {
    /// Every kind of length header, `None` first.
    pub const ALL: [LengthHeader; 4] = [
        LengthHeader::None,
        LengthHeader::Binary2,
        LengthHeader::Bcd2,
        LengthHeader::Ascii4,
    ];

    /// Bytes the header occupies.
    pub const fn size(self) -> usize {
        match self {
            LengthHeader::None => 0,
            LengthHeader::Binary2 | LengthHeader::Bcd2 => 2,
            LengthHeader::Ascii4 => 4,
        }
    }

    /// The CLI's name: `none`, `bin2`, `bcd2` or `ascii4`.
    pub const fn name(self) -> &'static str {
        match self {
            LengthHeader::None => "none",
            LengthHeader::Binary2 => "bin2",
            LengthHeader::Bcd2 => "bcd2",
            LengthHeader::Ascii4 => "ascii4",
        }
    }

    /// The header a CLI name stands for.
    pub fn by_name(name: &str) -> Option<LengthHeader> {
        LengthHeader::ALL.into_iter().find(|h| h.name() == name)
    }
}

/// How the message type indicator is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MtiEncoding {
    /// Four ASCII digits.
    Ascii,
    /// Two bytes of packed BCD.
    Bcd,
    /// Four EBCDIC digits (F0 to F9).
    Ebcdic,
}

/// How bitmaps are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BitmapEncoding {
    /// Eight raw bytes per bitmap.
    Binary,
    /// Sixteen hex characters per bitmap, upper or lower case.
    HexAscii,
    /// Sixteen hex characters per bitmap in EBCDIC (jPOS `IFE_BITMAP`).
    HexEbcdic,
}

impl BitmapEncoding {
    /// Bytes one 64-bit bitmap occupies.
    pub const fn size(self) -> usize {
        match self {
            BitmapEncoding::Binary => 8,
            BitmapEncoding::HexAscii | BitmapEncoding::HexEbcdic => 16,
        }
    }
}

/// What a field's value is, whatever its encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Kind {
    /// `n`: decimal digits.
    Numeric,
    /// `a`, `an`, `ans`: text. Not validated: national fields may hold any bytes (GBK, for example).
    Text,
    /// `b`: binary data.
    Binary,
    /// `z`: track data: digits with a separator (`=` or `D`).
    Track,
    /// `x+n`: a sign character, `C` (credit) or `D` (debit), followed by digits. The length counts
    /// the sign.
    Amount,
}

/// How a field's value is encoded on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// One ASCII byte per character or digit.
    Ascii,
    /// Packed BCD, two digits per byte; an odd count is padded as `Align` says. For
    /// [`Kind::Amount`] the sign is one ASCII byte before the packed digits.
    Bcd(Align),
    /// Raw bytes.
    Binary,
    /// Raw bytes written as two hex characters each (either case).
    HexAscii,
    /// One EBCDIC (code page 037) byte per character or digit: digits are F0 to F9, the sign
    /// of an amount `C` (C3) or `D` (C4). For binary fields it means raw bytes, as
    /// [`Encoding::Binary`].
    Ebcdic,
}

/// How a dialect's text fields are read where they hold bytes outside ASCII (names and
/// addresses in field 43, free text in private fields).
///
/// Text that is not valid in the encoding is shown with the bad bytes escaped (`\xC9`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-8 (ASCII is a part of it).
    Utf8,
    /// GBK (GB 2312 extended), as China UnionPay terminals send Chinese. Decoded with the
    /// `gbk` feature (the `encoding_rs` crate); without it the bytes are shown escaped.
    Gbk,
}

/// Where the pad nibble goes when an odd number of digits is packed as BCD.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Align {
    /// Right-justified: the pad nibble comes first (`0x01 0x23` for `123`).
    Right,
    /// Left-justified: the pad nibble comes last (`0x12 0x30` for `123`).
    Left,
}

/// Whether a field's length is fixed or given by a prefix of 2, 3 or 4 digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Prefix {
    /// Fixed length: [`FieldSpec::max`] is the length.
    Fixed,
    /// Up to 99, two digits.
    Ll,
    /// Up to 999, three digits.
    Lll,
    /// Up to 9999, four digits.
    Llll,
}

impl Prefix {
    /// The number of decimal digits in the prefix (0 for fixed fields).
    pub const fn digits(self) -> u8 {
        match self {
            Prefix::Fixed => 0,
            Prefix::Ll => 2,
            Prefix::Lll => 3,
            Prefix::Llll => 4,
        }
    }
}

/// How a length prefix is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PrefixEncoding {
    /// ASCII digits, one byte each (LL = 2 bytes, LLL = 3, LLLL = 4).
    Ascii,
    /// Packed BCD, right-justified (LL = 1 byte, LLL and LLLL = 2 bytes).
    Bcd,
    /// A big-endian binary count (LL = 1 byte, LLL and LLLL = 2 bytes).
    Binary,
    /// EBCDIC digits, one byte each (F0 to F9; LL = 2 bytes, LLL = 3, LLLL = 4).
    Ebcdic,
}

/// What a length (the fixed length or a prefix's value) counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// Units of the value: digits for numeric, track and amount fields, characters for text,
    /// bytes for binary data (even when written as hex).
    Value,
    /// Bytes on the wire (for example hex characters of a hex-written binary field, as pyiso8583's
    /// `default_ascii` counts field 55).
    Wire,
}

/// How carefully a field's value must be treated when shown.
///
/// Sensitivity follows a field's meaning. The [`FieldSpec`] constructors leave it as
/// [`Sensitivity::FromNumber`], which is settled from the number of the field the spec stands
/// at whenever the value is shown ([`Dialect::sensitivity`], [`Field::sensitivity`](crate::Field::sensitivity)),
/// so a custom dialect that redefines field 2 or 35 still masks it, even with a spec copied
/// from another field:
///
/// ```
/// use iso8583_response::dialect::{FieldSpec, Sensitivity, ISO87_ASCII, Dialect};
///
/// const MY_HOST: Dialect = ISO87_ASCII
///     .with_field(2, FieldSpec::text(19, "Card").ll())           // still a card number
///     .with_field(35, FieldSpec::text(37, "Track 2").ll())       // still track data
///     .with_field(48, FieldSpec::text(99, "Loyalty id").ll())    // public
///     // An explicit choice stands: this host's field 62 carries working keys.
///     .with_field(62, FieldSpec::binary(99, "Keys").ll().with_sensitivity(Sensitivity::Secret))
///     // A built-in field's spec copied to field 34 is a card number there.
///     .with_field(34, *ISO87_ASCII.field(32).unwrap());
///
/// assert_eq!(MY_HOST.sensitivity(2), Some(Sensitivity::Pan));
/// assert_eq!(MY_HOST.sensitivity(34), Some(Sensitivity::Pan));
/// assert_eq!(MY_HOST.sensitivity(35), Some(Sensitivity::Secret));
/// assert_eq!(MY_HOST.sensitivity(48), Some(Sensitivity::Public));
/// assert_eq!(MY_HOST.sensitivity(55), Some(Sensitivity::Tlv));
/// assert_eq!(MY_HOST.sensitivity(62), Some(Sensitivity::Secret));
/// ```
///
/// To print a field in full anyway (a test host's dummy card numbers, say), opt out explicitly
/// with `.with_sensitivity(Sensitivity::Public)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Sensitivity {
    /// Safe to print.
    Public,
    /// A card number: shown as the first 6 and last 4 digits at most (fewer when it is short,
    /// see [`mask::pan_shown`](crate::mask::pan_shown)).
    Pan,
    /// Track data, PIN blocks, security data, key material: never shown, only the length.
    Secret,
    /// BER-TLV data such as EMV field 55: shown tag by tag, with the card number (tag 5A)
    /// masked and track data, names and PIN data (57, 56, 9F6B, 9F1F, 9F20, 5F20, 9F0B, 99, …)
    /// redacted; a value that is not well-formed TLV is redacted from the first fault on.
    Tlv,
    /// Whatever the field number means: [`Sensitivity::for_field`]. What the `FieldSpec`
    /// constructors give; a dialect replaces it when the spec is put in place.
    FromNumber,
}

impl Sensitivity {
    /// The sensitivity a field number's meaning implies in ISO 8583 (1987 and 1993 agree, and
    /// so do the national variants the crate knows): 2 (PAN) and 34 (PAN, extended) are card
    /// numbers; 35, 36 and 45 (track 2, 3 and 1 data) and 52 (PIN data) are secret, and so are
    /// 53 (security related control information, where hosts put key indexes and sometimes
    /// whole keys) and 96 (message security code); 55 (ICC data) is TLV; every other field is
    /// public, the MACs (64, 128) among them: a MAC proves, it does not hide.
    pub const fn for_field(n: u8) -> Sensitivity {
        match n {
            2 | 34 => Sensitivity::Pan,
            35 | 36 | 45 | 52 | 53 | 96 => Sensitivity::Secret,
            55 => Sensitivity::Tlv,
            _ => Sensitivity::Public,
        }
    }

    /// This sensitivity for field `n`: [`Sensitivity::FromNumber`] settled, any other kept.
    pub const fn settle(self, n: u8) -> Sensitivity {
        match self {
            Sensitivity::FromNumber => Sensitivity::for_field(n),
            other => other,
        }
    }
}

/// The layout of one field: everything the decoder needs, as plain data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FieldSpec {
    /// The field's name, for dumps.
    pub name: &'static str,
    /// What the value is.
    pub kind: Kind,
    /// How the value is encoded.
    pub encoding: Encoding,
    /// Fixed or prefixed length.
    pub prefix: Prefix,
    /// How the prefix is written (ignored for fixed fields).
    pub prefix_encoding: PrefixEncoding,
    /// What the length counts.
    pub unit: Unit,
    /// The fixed length, or the maximum a prefix may declare, in [`FieldSpec::unit`]s.
    pub max: u16,
    /// How the value may be shown: [`Sensitivity::FromNumber`] (the constructors' default)
    /// means "what the field number implies", settled where the spec is used.
    pub sensitivity: Sensitivity,
}

impl FieldSpec {
    /// A fixed-length field of `kind` with `len` units, ASCII-encoded, its sensitivity to follow
    /// the field number it is given ([`Sensitivity::FromNumber`]).
    pub const fn new(kind: Kind, len: u16, name: &'static str) -> FieldSpec {
        let encoding = match kind {
            Kind::Binary => Encoding::Binary,
            _ => Encoding::Ascii,
        };
        FieldSpec {
            name,
            kind,
            encoding,
            prefix: Prefix::Fixed,
            prefix_encoding: PrefixEncoding::Ascii,
            unit: Unit::Value,
            max: len,
            sensitivity: Sensitivity::FromNumber,
        }
    }

    /// A fixed numeric field (`n`) of `len` digits, ASCII.
    pub const fn numeric(len: u16, name: &'static str) -> FieldSpec {
        FieldSpec::new(Kind::Numeric, len, name)
    }

    /// A fixed text field (`a`, `an`, `ans`) of `len` characters, ASCII.
    pub const fn text(len: u16, name: &'static str) -> FieldSpec {
        FieldSpec::new(Kind::Text, len, name)
    }

    /// A fixed binary field (`b`) of `len` bytes, raw.
    pub const fn binary(len: u16, name: &'static str) -> FieldSpec {
        FieldSpec::new(Kind::Binary, len, name)
    }

    /// A fixed track field (`z`) of `len` characters, ASCII.
    pub const fn track(len: u16, name: &'static str) -> FieldSpec {
        FieldSpec::new(Kind::Track, len, name)
    }

    /// A fixed amount (`x+n`) of `len` characters counting the sign, ASCII.
    pub const fn amount(len: u16, name: &'static str) -> FieldSpec {
        FieldSpec::new(Kind::Amount, len, name)
    }

    /// The same field with a two-digit length prefix; `max` becomes the maximum.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn ll(self) -> FieldSpec {
        self.with_prefix(Prefix::Ll)
    }

    /// The same field with a three-digit length prefix.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn lll(self) -> FieldSpec {
        self.with_prefix(Prefix::Lll)
    }

    /// The same field with a four-digit length prefix.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn llll(self) -> FieldSpec {
        self.with_prefix(Prefix::Llll)
    }

    /// The same field with another prefix.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_prefix(mut self, prefix: Prefix) -> FieldSpec {
        self.prefix = prefix;
        self
    }

    /// The same field with another value encoding.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_encoding(mut self, encoding: Encoding) -> FieldSpec {
        self.encoding = encoding;
        self
    }

    /// The same field with another prefix encoding.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_prefix_encoding(mut self, prefix_encoding: PrefixEncoding) -> FieldSpec {
        self.prefix_encoding = prefix_encoding;
        self
    }

    /// The same field with another length unit.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_unit(mut self, unit: Unit) -> FieldSpec {
        self.unit = unit;
        self
    }

    /// The same field with another maximum (or fixed) length.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_max(mut self, max: u16) -> FieldSpec {
        self.max = max;
        self
    }

    /// The same field with another sensitivity. An explicit choice stands wherever the spec is
    /// put; [`Sensitivity::Public`] opts out of masking.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_sensitivity(mut self, sensitivity: Sensitivity) -> FieldSpec {
        self.sensitivity = sensitivity;
        self
    }

    /// The same field with another name.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_name(mut self, name: &'static str) -> FieldSpec {
        self.name = name;
        self
    }

    /// Bytes the length prefix occupies on the wire.
    pub const fn prefix_size(&self) -> usize {
        let digits = self.prefix.digits() as usize;
        match self.prefix_encoding {
            _ if digits == 0 => 0,
            PrefixEncoding::Ascii | PrefixEncoding::Ebcdic => digits,
            PrefixEncoding::Bcd => digits.div_ceil(2),
            PrefixEncoding::Binary => {
                if digits <= 2 {
                    1
                } else {
                    2
                }
            }
        }
    }

    /// The largest length the prefix can write: 99, 999 or 9999 decimal digits, 255 or 65,535
    /// for a one- or two-byte binary count; a fixed field's length is not limited.
    pub const fn prefix_capacity(&self) -> usize {
        match (self.prefix, self.prefix_encoding) {
            (Prefix::Fixed, _) => usize::MAX,
            (Prefix::Ll, PrefixEncoding::Binary) => 255,
            (_, PrefixEncoding::Binary) => 65_535,
            (Prefix::Ll, _) => 99,
            (Prefix::Lll, _) => 999,
            (Prefix::Llll, _) => 9_999,
        }
    }

    /// Bytes on the wire for a value of `len` length units (sign included for amounts).
    pub const fn wire_len(&self, len: usize) -> usize {
        if let Unit::Wire = self.unit {
            return len;
        }
        match self.encoding {
            Encoding::Ascii | Encoding::Binary | Encoding::Ebcdic => len,
            Encoding::HexAscii => len.saturating_mul(2),
            Encoding::Bcd(_) => match self.kind {
                // The sign, then the digits packed (an empty amount has no sign either).
                Kind::Amount if len == 0 => 0,
                Kind::Amount => 1 + len.saturating_sub(1).div_ceil(2),
                _ => len.div_ceil(2),
            },
        }
    }
}

/// A whole dialect: framing, MTI and bitmap encodings, and the field table.
///
/// Built with `const fn`s, so a dialect (or a built-in one with some fields changed) can live in
/// a `const`. The set of defined fields is kept beside the table, so the decoder rejects a bitmap
/// bit for an undefined field before reading any field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    name: &'static str,
    standard: Standard,
    scheme: Scheme,
    framing: Framing,
    mti: MtiEncoding,
    bitmap: BitmapEncoding,
    fields: [Option<FieldSpec>; 129],
    defined: u128,
    plans: [Plan; 129],
    /// See [`plan::group_sums`].
    sums: [[u16; 256]; 16],
    /// Whether bit 65 announces a tertiary bitmap (fields 129 to 192).
    tertiary: bool,
    /// Fields 129 to 192 (index 0 is field 129).
    extra: [Option<FieldSpec>; 64],
    /// The bits of the defined fields 129 to 192 (field 129 is the most significant bit).
    extra_defined: u64,
    /// How bytes outside ASCII in text fields are read.
    text_encoding: TextEncoding,
}

impl core::fmt::Debug for Dialect {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Dialect")
            .field("name", &self.name)
            .field("standard", &self.standard)
            .field("scheme", &self.scheme)
            .field("framing", &self.framing)
            .field("mti", &self.mti)
            .field("bitmap", &self.bitmap)
            .field(
                "defined_fields",
                &(self.defined.count_ones() + self.extra_defined.count_ones()),
            )
            .field("tertiary_bitmap", &self.tertiary)
            .field("text_encoding", &self.text_encoding)
            .finish()
    }
}

/// The tertiary bitmap bit of field `n` (129 to 192): field 129 is the most significant bit;
/// 0 for other numbers.
pub(crate) const fn tertiary_bit(n: u8) -> u64 {
    if n < 129 || n > 192 {
        return 0;
    }
    1u64 << (192 - n as u32)
}

/// The numbers of the fields (129 to 192) whose bits are set in a tertiary bitmap, in order.
pub(crate) fn tertiary_numbers(bits: u64) -> impl Iterator<Item = u8> {
    (129..=192u8).filter(move |&n| bits & tertiary_bit(n) != 0)
}

/// The bitmap bit of field `n` (1 to 128): field 1 is the most significant bit.
pub(crate) const fn bit(n: u8) -> u128 {
    if n == 0 || n > 128 {
        0
    } else {
        1u128 << (128 - n as u32)
    }
}

impl Dialect {
    /// A dialect with the given encodings and field table. Index `n` of `fields` describes field
    /// `n`; index 0 is ignored, index 1 (when `Some`) allows a secondary bitmap.
    pub const fn new(
        name: &'static str,
        standard: Standard,
        framing: Framing,
        mti: MtiEncoding,
        bitmap: BitmapEncoding,
        fields: [Option<FieldSpec>; 129],
    ) -> Dialect {
        let mut defined = 0u128;
        let mut plans = [Plan::NONE; 129];
        let mut n = 1;
        while n <= 128 {
            if let Some(spec) = &fields[n] {
                assert!(
                    spec.max as usize <= spec.prefix_capacity(),
                    "a field's maximum must fit in its length prefix"
                );
                defined |= bit(n as u8);
                plans[n] = Plan::of(spec);
            }
            n += 1;
        }
        Dialect {
            name,
            standard,
            scheme: match standard {
                Standard::Iso1987 => Scheme::Iso87,
                Standard::Iso1993 => Scheme::Iso93,
            },
            framing,
            mti,
            bitmap,
            fields,
            defined,
            plans,
            sums: plan::all_group_sums(&plans),
            tertiary: false,
            extra: [None; 64],
            extra_defined: 0,
            text_encoding: TextEncoding::Utf8,
        }
    }

    /// The same dialect with a tertiary bitmap, as pyiso8583 4 and jPOS read it: bit 65 no
    /// longer announces a data field but a third bitmap, right after the secondary one and
    /// written the same way, whose bits announce fields 129 to 192 (define them with
    /// [`with_field`](Self::with_field)). The fields after 128 are read by the exact walk and
    /// found by [`Message::field`](crate::Message::field) in time linear in their number.
    ///
    /// ```
    /// use iso8583_response::dialect::{FieldSpec, ISO87_ASCII};
    /// use iso8583_response::decode;
    ///
    /// let d = ISO87_ASCII
    ///     .with_tertiary_bitmap()
    ///     .with_field(150, FieldSpec::text(99, "Loyalty").ll());
    /// // 0110; primary bitmap (1: secondary, 39), secondary (65: tertiary), tertiary (150);
    /// // then fields 39 and 150.
    /// let bytes = b"0110\
    ///     8000000002000000\
    ///     8000000000000000\
    ///     0000040000000000\
    ///     05\
    ///     05HELLO";
    /// let message = decode(bytes, &d)?;
    /// assert_eq!(message.tertiary_bitmap(), Some(0x0000_0400_0000_0000));
    /// assert_eq!(message.field(150).unwrap().text(), Some(&b"HELLO"[..]));
    /// assert_eq!(message.response_code().unwrap().as_str(), "05");
    /// # Ok::<(), iso8583_response::DecodeError>(())
    /// ```
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_tertiary_bitmap(mut self) -> Dialect {
        self.tertiary = true;
        self
    }

    /// Whether bit 65 announces a tertiary bitmap (see [`with_tertiary_bitmap`](Self::with_tertiary_bitmap)).
    pub const fn has_tertiary_bitmap(&self) -> bool {
        self.tertiary
    }

    /// The bits of the defined fields 129 to 192 (field 129 is the most significant bit).
    pub const fn defined_tertiary_fields(&self) -> u64 {
        self.extra_defined
    }

    /// The same dialect with field `n` (1 to 192) defined as `spec`; a sensitivity left as
    /// [`Sensitivity::FromNumber`] means what `n` implies (see [`Sensitivity`]). Fields 129 to
    /// 192 are announced only in a dialect with a tertiary bitmap
    /// ([`with_tertiary_bitmap`](Self::with_tertiary_bitmap)).
    ///
    /// # Panics
    /// A number outside 1 to 192, or a maximum the field's length prefix cannot write (an LL
    /// field longer than 99, a one-byte binary count over 255, …), fails constant evaluation,
    /// so a `const` dialect with either does not compile; built at run time, it panics.
    ///
    /// ```compile_fail
    /// use iso8583_response::dialect::{Dialect, FieldSpec, ISO87_ASCII};
    /// // An LL prefix writes at most 99: this does not compile.
    /// const BAD: Dialect = ISO87_ASCII.with_field(48, FieldSpec::text(4096, "Too long").ll());
    /// ```
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_field(mut self, n: u8, spec: FieldSpec) -> Dialect {
        assert!(n >= 1 && n <= 192, "field numbers run from 1 to 192");
        assert!(
            spec.max as usize <= spec.prefix_capacity(),
            "a field's maximum must fit in its length prefix"
        );
        if n > 128 {
            self.extra[n as usize - 129] = Some(spec);
            self.extra_defined |= tertiary_bit(n);
            return self;
        }
        self.fields[n as usize] = Some(spec);
        self.plans[n as usize] = Plan::of(&spec);
        self.defined |= bit(n);
        let g = (n as usize - 1) / 8;
        self.sums[g] = plan::group_sums(&self.plans, g);
        self
    }

    /// The same dialect without field `n`: a bitmap bit for it becomes an error.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn without_field(mut self, n: u8) -> Dialect {
        assert!(n >= 1 && n <= 128, "field numbers run from 1 to 128");
        self.fields[n as usize] = None;
        self.plans[n as usize] = Plan::NONE;
        self.defined &= !bit(n);
        let g = (n as usize - 1) / 8;
        self.sums[g] = plan::group_sums(&self.plans, g);
        self
    }

    /// The same dialect with text fields read in another character encoding where they hold
    /// bytes outside ASCII (`cup-pos` reads GBK). It changes how fields are shown and
    /// serialised, not what is accepted: text fields are not validated.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_text_encoding(mut self, encoding: TextEncoding) -> Dialect {
        self.text_encoding = encoding;
        self
    }

    /// How bytes outside ASCII in text fields are read: [`TextEncoding::Utf8`] unless the
    /// dialect says otherwise.
    pub const fn text_encoding(&self) -> TextEncoding {
        self.text_encoding
    }

    /// The same dialect with another response-code table: the scheme whose meanings field 39
    /// takes (by default the generic table of the dialect's ISO version; `Cup` for `cup-pos`).
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_scheme(mut self, scheme: Scheme) -> Dialect {
        self.scheme = scheme;
        self
    }

    /// The same dialect under another name.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_name(mut self, name: &'static str) -> Dialect {
        self.name = name;
        self
    }

    /// The same dialect with other framing.
    #[must_use = "this returns a new value and leaves the receiver as it was"]
    pub const fn with_framing(mut self, framing: Framing) -> Dialect {
        self.framing = framing;
        self
    }

    /// The dialect's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The ISO 8583 version the dialect follows.
    pub const fn standard(&self) -> Standard {
        self.standard
    }

    /// The response-code table field 39 is explained with.
    pub const fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The framing before the MTI.
    pub const fn framing(&self) -> Framing {
        self.framing
    }

    /// The MTI encoding.
    pub const fn mti_encoding(&self) -> MtiEncoding {
        self.mti
    }

    /// The bitmap encoding.
    pub const fn bitmap_encoding(&self) -> BitmapEncoding {
        self.bitmap
    }

    /// How field `n` is shown: its spec's sensitivity, settled by the number (see
    /// [`Sensitivity`]); `None` if the dialect does not define the field.
    pub const fn sensitivity(&self, n: u8) -> Option<Sensitivity> {
        match self.field(n) {
            Some(spec) => Some(spec.sensitivity.settle(n)),
            None => None,
        }
    }

    /// The layout of field `n`, if the dialect defines it.
    pub const fn field(&self, n: u8) -> Option<&FieldSpec> {
        if n > 128 && n <= 192 {
            return self.extra[n as usize - 129].as_ref();
        }
        if n as usize >= self.fields.len() {
            return None;
        }
        self.fields[n as usize].as_ref()
    }

    /// The decoder's plan for field `n` (defined or not).
    #[inline]
    pub(crate) fn plan(&self, n: usize) -> Plan {
        match self.plans.get(n) {
            Some(plan) => *plan,
            // Fields 129 to 192 are planned when read (only the exact walk reads them).
            None => u8::try_from(n)
                .ok()
                .and_then(|n| self.field(n))
                .map_or(Plan::NONE, Plan::of),
        }
    }

    /// The group sums of each group of eight fields (see [`plan::group_sums`]).
    #[inline]
    pub(crate) fn sums(&self) -> &[[u16; 256]; 16] {
        &self.sums
    }

    /// The decoder's plans, indexed by field number (entry 0 unused).
    #[inline]
    pub(crate) fn plans(&self) -> &[Plan; 129] {
        &self.plans
    }

    /// The bitmap bits of every defined field (field 1 is the most significant bit).
    pub const fn defined_fields(&self) -> u128 {
        self.defined
    }
}
