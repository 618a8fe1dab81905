//! Decode errors: where the input was wrong, at which byte, and how.

use core::fmt;

/// The part of a message a [`DecodeError`] points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Location {
    /// The transport framing: the length header before the message.
    Frame,
    /// The fixed header bytes after the framing (for example a CUP TPDU and header).
    Header,
    /// The message type indicator.
    Mti,
    /// The primary bitmap (fields 1 to 64).
    PrimaryBitmap,
    /// The secondary bitmap (fields 65 to 128).
    SecondaryBitmap,
    /// The tertiary bitmap (fields 129 to 192), in a dialect that has one.
    TertiaryBitmap,
    /// A data field, by number (2 to 192).
    Field(u8),
    /// Bytes after the last field the bitmaps announce.
    End,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Frame => f.write_str("framing"),
            Location::Header => f.write_str("header"),
            Location::Mti => f.write_str("MTI"),
            Location::PrimaryBitmap => f.write_str("primary bitmap"),
            Location::SecondaryBitmap => f.write_str("secondary bitmap"),
            Location::TertiaryBitmap => f.write_str("tertiary bitmap"),
            Location::Field(n) => write!(f, "field {n}"),
            Location::End => f.write_str("end of message"),
        }
    }
}

/// What was wrong. Each kind carries what was expected and what was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ended early: `needed` bytes were required from the offset, `available` remained.
    Truncated {
        /// Bytes the part needs.
        needed: usize,
        /// Bytes left in the input.
        available: usize,
    },
    /// A byte that is not a decimal digit (or a BCD nibble above 9) inside a numeric value.
    BadDigit {
        /// The offending byte.
        byte: u8,
    },
    /// The pad nibble of an odd-length BCD value is neither `0` nor `F`: most likely the sender
    /// aligns the value the other way (see [`Align`](crate::dialect::Align)).
    BadPad {
        /// The byte holding the pad nibble.
        byte: u8,
    },
    /// A length prefix that is not a decimal number in its encoding.
    BadLengthPrefix {
        /// The offending byte.
        byte: u8,
    },
    /// A length prefix larger than the field's maximum.
    LengthOverMax {
        /// The length the prefix declares.
        found: usize,
        /// The field's maximum.
        max: usize,
    },
    /// A character that is not a hexadecimal digit where hex text is required
    /// (a hex-ASCII bitmap or a binary field written as hex).
    BadHex {
        /// The offending byte.
        byte: u8,
    },
    /// A hex-text field whose length is odd, so it cannot hold whole bytes.
    OddHexLength {
        /// The length found, in characters.
        found: usize,
    },
    /// An amount (x+n) whose sign character is neither `C` (credit) nor `D` (debit).
    BadAmountSign {
        /// The offending byte.
        byte: u8,
    },
    /// A byte that cannot appear in track data.
    BadTrackCharacter {
        /// The offending byte.
        byte: u8,
    },
    /// A bitmap bit is set for a field the dialect does not define (or, at the secondary
    /// bitmap, bit 1 is set in a dialect without one). The offset is that of the bitmap byte
    /// or hex character holding the bit.
    FieldNotInDialect,
    /// Bytes remain after the last field.
    TrailingBytes {
        /// How many bytes remain.
        count: usize,
    },
    /// The framing length header disagrees with the bytes that follow it.
    FrameLength {
        /// The length the header declares.
        declared: usize,
        /// The bytes actually present after the header.
        actual: usize,
    },
    /// Malformed BER-TLV inside a field (EMV data in field 55); see
    /// [`TlvError`](crate::emv::TlvError) for the position inside the field.
    BadTlv {
        /// What was wrong.
        fault: crate::emv::TlvFault,
    },
    /// The input is longer than this crate decodes: 65,535 bytes, the most a 2-byte length
    /// header can announce.
    InputTooLong {
        /// The input's length.
        length: usize,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ErrorKind::Truncated { needed, available } => {
                write!(f, "needs {needed} bytes but only {available} remain")
            }
            ErrorKind::BadDigit { byte } => {
                write!(f, "expected a decimal digit, found {}", Byte(byte))
            }
            ErrorKind::BadPad { byte } => write!(
                f,
                "BCD pad nibble must be 0 or F, found {} (is the value aligned the other way?)",
                Byte(byte)
            ),
            ErrorKind::BadLengthPrefix { byte } => {
                write!(f, "length prefix is not a decimal number ({})", Byte(byte))
            }
            ErrorKind::LengthOverMax { found, max } => {
                write!(f, "length {found} exceeds maximum {max}")
            }
            ErrorKind::BadHex { byte } => {
                write!(f, "expected a hex digit, found {}", Byte(byte))
            }
            ErrorKind::OddHexLength { found } => {
                write!(f, "hex text has an odd length {found}")
            }
            ErrorKind::BadAmountSign { byte } => {
                write!(f, "amount sign must be C or D, found {}", Byte(byte))
            }
            ErrorKind::BadTrackCharacter { byte } => {
                write!(f, "unexpected character in track data ({})", Byte(byte))
            }
            ErrorKind::FieldNotInDialect => {
                f.write_str("bit set for a field the dialect does not define")
            }
            ErrorKind::TrailingBytes { count } => {
                write!(f, "{count} unexpected bytes after the last field")
            }
            ErrorKind::FrameLength { declared, actual } => {
                write!(f, "length header says {declared} bytes but {actual} follow")
            }
            ErrorKind::BadTlv { fault } => write!(f, "{fault}"),
            ErrorKind::InputTooLong { length } => {
                write!(f, "input of {length} bytes is too long to decode")
            }
        }
    }
}

/// A byte shown for people: printable ASCII in quotes, anything else in hex.
struct Byte(u8);

impl fmt::Display for Byte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_ascii_graphic() || self.0 == b' ' {
            write!(f, "'{}' (0x{:02X})", char::from(self.0), self.0)
        } else {
            write!(f, "0x{:02X}", self.0)
        }
    }
}

/// Why a message could not be decoded: the part, the byte offset in the caller's input, and the
/// kind of fault with what was expected and found.
///
/// It is small, `Copy` and `'static`: it holds offsets, never slices of the input, so it can be
/// stored or sent across threads freely.
///
/// ```
/// use iso8583_response::{decode, dialect::ISO87_ASCII, ErrorKind, Location};
///
/// let err = decode(b"0110", &ISO87_ASCII).unwrap_err();
/// assert_eq!(err.location(), Location::PrimaryBitmap);
/// assert_eq!(err.offset(), 4);
/// assert!(matches!(err.kind(), ErrorKind::Truncated { needed: 16, available: 0 }));
/// assert_eq!(err.to_string(), "primary bitmap: needs 16 bytes but only 0 remain at offset 4");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{location}: {kind} at offset {offset}")]
pub struct DecodeError {
    location: Location,
    offset: usize,
    kind: ErrorKind,
}

impl DecodeError {
    /// Builds an error.
    pub const fn new(location: Location, offset: usize, kind: ErrorKind) -> Self {
        DecodeError {
            location,
            offset,
            kind,
        }
    }

    /// The part of the message that was wrong.
    pub const fn location(&self) -> Location {
        self.location
    }

    /// The field number when the error is inside a data field.
    pub const fn field(&self) -> Option<u8> {
        match self.location {
            Location::Field(n) => Some(n),
            _ => None,
        }
    }

    /// Byte offset, in the caller's input, of the first byte found wrong.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// What was wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }
}

/// A fault in a field's content that moves no boundary: a sign that is neither `C` nor `D`, a
/// non-digit in a numeric field, a character that cannot be in track data or hex text, a BCD pad
/// nibble other than 0 or F, or bytes after the last field that a length header counts. (The
/// BER-TLV inside field 55 is not checked: see [`EmvData::validate`](crate::emv::EmvData::validate).)
/// In a field holding card data, the faulty byte shown keeps only what is wrong with it.
///
/// The default decoding ([`decode`](crate::decode)) keeps such a field, sliced where its length
/// says, and lists the fault in [`Message::anomalies`](crate::Message::anomalies); strict decoding
/// ([`Options::STRICT`](crate::Options::STRICT)) rejects the message with a [`DecodeError`] of
/// the same location, offset and kind instead. The wording is the error's.
///
/// ```
/// use iso8583_response::{decode, dialect::ISO87_ASCII, ErrorKind};
///
/// // Field 28 (amount, transaction fee) with '0' where the sign C or D belongs.
/// let bytes = b"0110000000100200000000000010005";
/// let message = decode(bytes, &ISO87_ASCII)?;
/// let anomaly = message.anomalies().next().unwrap();
/// assert_eq!(anomaly.field(), Some(28));
/// assert_eq!(anomaly.offset(), 20);
/// assert_eq!(anomaly.kind(), ErrorKind::BadAmountSign { byte: b'0' });
/// assert_eq!(message.response_code().unwrap().as_str(), "05");
/// # Ok::<(), iso8583_response::DecodeError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Anomaly(DecodeError);

impl Anomaly {
    /// Builds an anomaly.
    pub const fn new(location: Location, offset: usize, kind: ErrorKind) -> Self {
        Anomaly(DecodeError::new(location, offset, kind))
    }

    /// The part of the message: a field, or [`Location::End`] for trailing bytes.
    pub const fn location(&self) -> Location {
        self.0.location()
    }

    /// The field number, when the anomaly is inside a data field.
    pub const fn field(&self) -> Option<u8> {
        self.0.field()
    }

    /// Byte offset, in the caller's input, of the first byte found wrong.
    pub const fn offset(&self) -> usize {
        self.0.offset()
    }

    /// What was wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.0.kind()
    }
}

impl fmt::Display for Anomaly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<Anomaly> for DecodeError {
    fn from(a: Anomaly) -> DecodeError {
        a.0
    }
}
