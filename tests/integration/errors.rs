//! Every error kind, with the part, the byte offset and the one-sentence message asserted.

use iso8583_response::dialect::{
    CUP_POS, CUP_POS_UNFRAMED, Dialect, ISO87_ASCII, ISO87_ASCII_BINBITMAP, ISO87_BCD, ISO93_BCD,
};
use iso8583_response::{DecodeError, ErrorKind, Location, Options, decode, decode_with};

use crate::common::unhex;

/// Decodes `input` strictly and checks the error's location, offset, kind and text; decoded
/// tolerantly, a content fault in a field is the message's first anomaly instead, with the same
/// location, offset and kind, and any other fault the same error.
fn fails(
    dialect: &Dialect,
    input: &[u8],
    location: Location,
    offset: usize,
    kind: ErrorKind,
    text: &str,
) {
    let content = matches!(
        kind,
        ErrorKind::BadDigit { .. }
            | ErrorKind::BadPad { .. }
            | ErrorKind::BadHex { .. }
            | ErrorKind::BadAmountSign { .. }
            | ErrorKind::BadTrackCharacter { .. }
    ) && matches!(location, Location::Field(_));
    let err = decode_with(input, dialect, Options::STRICT).expect_err(text);
    match decode(input, dialect) {
        Ok(message) if content => {
            let first = message.anomalies().next().map(DecodeError::from);
            assert_eq!(first, Some(err), "{text}");
            assert_eq!(message.anomalies().next().unwrap().to_string(), text);
        }
        Ok(message) => panic!("{text}: accepted {message:?}"),
        Err(e) => {
            assert!(!content, "{text}: rejected by the tolerant decode");
            assert_eq!(e, err);
        }
    }
    assert_eq!(err.location(), location, "{err}");
    assert_eq!(err.offset(), offset, "{err}");
    assert_eq!(err.kind(), kind, "{err}");
    assert_eq!(err.to_string(), text);
    if let Location::Field(n) = location {
        assert_eq!(err.field(), Some(n));
    }
}

#[test]
fn truncated_field() {
    fails(
        &ISO87_ASCII,
        b"0110400000000000000016" as &[u8],
        Location::Field(2),
        22,
        ErrorKind::Truncated {
            needed: 16,
            available: 0,
        },
        "field 2: needs 16 bytes but only 0 remain at offset 22",
    );
    fails(
        &ISO87_ASCII,
        b"011040000000000000001647617390",
        Location::Field(2),
        22,
        ErrorKind::Truncated {
            needed: 16,
            available: 8,
        },
        "field 2: needs 16 bytes but only 8 remain at offset 22",
    );
}

#[test]
fn truncated_before_the_fields() {
    fails(
        &ISO87_ASCII,
        b"",
        Location::Mti,
        0,
        ErrorKind::Truncated {
            needed: 4,
            available: 0,
        },
        "MTI: needs 4 bytes but only 0 remain at offset 0",
    );
    fails(
        &ISO87_ASCII,
        b"0110F0000000",
        Location::PrimaryBitmap,
        4,
        ErrorKind::Truncated {
            needed: 16,
            available: 8,
        },
        "primary bitmap: needs 16 bytes but only 8 remain at offset 4",
    );
    fails(
        &ISO87_ASCII,
        b"0110C000000000000000000000",
        Location::SecondaryBitmap,
        20,
        ErrorKind::Truncated {
            needed: 16,
            available: 6,
        },
        "secondary bitmap: needs 16 bytes but only 6 remain at offset 20",
    );
    fails(
        &CUP_POS_UNFRAMED,
        &[0x60, 0x00, 0x03, 0x00],
        Location::Header,
        0,
        ErrorKind::Truncated {
            needed: 11,
            available: 4,
        },
        "header: needs 11 bytes but only 4 remain at offset 0",
    );
    fails(
        &CUP_POS,
        &[0x00],
        Location::Frame,
        0,
        ErrorKind::Truncated {
            needed: 2,
            available: 1,
        },
        "framing: needs 2 bytes but only 1 remain at offset 0",
    );
}

#[test]
fn bad_digit_in_a_numeric_field() {
    fails(
        &ISO87_ASCII,
        b"011020000000000000000A0000",
        Location::Field(3),
        21,
        ErrorKind::BadDigit { byte: b'A' },
        "field 3: expected a decimal digit, found 'A' (0x41) at offset 21",
    );
    // BCD: field 3 is three packed bytes; the second holds 0x1F.
    fails(
        &ISO87_BCD,
        &[0x02, 0x10, 0x20, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x1F, 0x00],
        Location::Field(3),
        11,
        ErrorKind::BadDigit { byte: 0x1F },
        "field 3: expected a decimal digit, found 0x1F at offset 11",
    );
    fails(
        &ISO87_ASCII,
        b"01X0",
        Location::Mti,
        2,
        ErrorKind::BadDigit { byte: b'X' },
        "MTI: expected a decimal digit, found 'X' (0x58) at offset 2",
    );
}

#[test]
fn bad_length_prefix() {
    fails(
        &ISO87_ASCII,
        b"011040000000000000001X4761739001010119",
        Location::Field(2),
        21,
        ErrorKind::BadLengthPrefix { byte: b'X' },
        "field 2: length prefix is not a decimal number ('X' (0x58)) at offset 21",
    );
}

#[test]
fn length_over_maximum() {
    // Fields 2, 3, 4 and 25 take 38 bytes from offset 20, so field 35 starts at 58.
    let mut input = b"01107000008020000000".to_vec();
    input.extend_from_slice(b"164761739001010119" as &[u8]);
    input.extend_from_slice(b"000000000000012550" as &[u8]);
    input.extend_from_slice(b"00");
    input.extend_from_slice(b"414761739001010119=27122010000000000000000000");
    fails(
        &ISO87_ASCII,
        &input,
        Location::Field(35),
        58,
        ErrorKind::LengthOverMax { found: 41, max: 37 },
        "field 35: length 41 exceeds maximum 37 at offset 58",
    );
}

#[test]
fn bad_hex() {
    fails(
        &ISO87_ASCII,
        b"011072g0000000000000",
        Location::PrimaryBitmap,
        6,
        ErrorKind::BadHex { byte: b'g' },
        "primary bitmap: expected a hex digit, found 'g' (0x67) at offset 6",
    );
    // Field 52, a PIN block written as 16 hex characters; the last is not hex.
    fails(
        &ISO87_ASCII,
        b"011000000000000010000123456789ABCDEZ",
        Location::Field(52),
        35,
        ErrorKind::BadHex { byte: b'Z' },
        "field 52: expected a hex digit, found 'Z' (0x5A) at offset 35",
    );
}

#[test]
fn odd_hex_length() {
    // Field 55 in iso87-ascii: hex text whose LLL prefix counts characters.
    fails(
        &ISO87_ASCII,
        b"011000000000000002000039F2",
        Location::Field(55),
        20,
        ErrorKind::OddHexLength { found: 3 },
        "field 55: hex text has an odd length 3 at offset 20",
    );
}

#[test]
fn bad_amount_sign() {
    fails(
        &ISO87_ASCII,
        b"01100000001000000000X00000100",
        Location::Field(28),
        20,
        ErrorKind::BadAmountSign { byte: b'X' },
        "field 28: amount sign must be C or D, found 'X' (0x58) at offset 20",
    );
}

#[test]
fn bad_track_character() {
    fails(
        &ISO87_ASCII,
        b"011000000000200000000412?4",
        Location::Field(35),
        24,
        ErrorKind::BadTrackCharacter { byte: b'?' },
        "field 35: unexpected character in track data ('?' (0x3F)) at offset 24",
    );
}

#[test]
fn field_not_in_dialect() {
    const NO_48: Dialect = ISO87_ASCII.without_field(48);
    // Bit 48 is in the twelfth hex character of the bitmap (offset 4 + 11).
    fails(
        &NO_48,
        b"01100000000000010000003abc",
        Location::Field(48),
        15,
        ErrorKind::FieldNotInDialect,
        "field 48: bit set for a field the dialect does not define at offset 15",
    );
    // CUP POS defines no field 5 and no secondary bitmap; the bitmap starts after the TPDU,
    // header and MTI, at offset 13.
    let mut input = unhex("6000030000 603100310100 0210");
    input.extend_from_slice(&[0x08, 0, 0, 0, 0, 0, 0, 0]);
    fails(
        &CUP_POS_UNFRAMED,
        &input,
        Location::Field(5),
        13,
        ErrorKind::FieldNotInDialect,
        "field 5: bit set for a field the dialect does not define at offset 13",
    );
    let mut input = unhex("6000030000 603100310100 0210");
    input.extend_from_slice(&[0x80, 0, 0, 0, 0, 0, 0, 0]);
    fails(
        &CUP_POS_UNFRAMED,
        &input,
        Location::SecondaryBitmap,
        13,
        ErrorKind::FieldNotInDialect,
        "secondary bitmap: bit set for a field the dialect does not define at offset 13",
    );
}

#[test]
fn trailing_bytes() {
    fails(
        &ISO87_ASCII_BINBITMAP,
        b"0800\x00\x00\x00\x00\x00\x00\x00\x00xyz",
        Location::End,
        12,
        ErrorKind::TrailingBytes { count: 3 },
        "end of message: 3 unexpected bytes after the last field at offset 12",
    );
}

#[test]
fn frame_length_mismatch() {
    let mut input = vec![0x00, 0x20];
    input.extend_from_slice(&unhex("6000030000 603100310100 0810 0000000000000000"));
    fails(
        &CUP_POS,
        &input,
        Location::Frame,
        0,
        ErrorKind::FrameLength {
            declared: 32,
            actual: 21,
        },
        "framing: length header says 32 bytes but 21 follow at offset 0",
    );
    input[1] = 21;
    assert!(decode(&input, &CUP_POS).is_ok());
}

/// Bad input never panics: every prefix of a real message fails with an offset inside it.
#[test]
fn every_truncation_is_an_error_inside_the_input() {
    let message = unhex(include_str!(
        "../vectors/iso87-ascii-binbitmap/emv_0210.hex"
    ));
    assert!(decode(&message, &ISO87_ASCII_BINBITMAP).is_ok());
    for end in 0..message.len() {
        let err = decode(&message[..end], &ISO87_ASCII_BINBITMAP).unwrap_err();
        assert!(err.offset() <= end, "{end}: {err}");
        assert!(
            matches!(err.kind(), ErrorKind::Truncated { .. }),
            "{end}: {err}"
        );
    }
}

#[test]
fn bad_pad_nibble() {
    // iso93-bcd field 39 (n3, left-justified) at offset 10: `00 04` is "004" right-justified;
    // the pad nibble sits in the byte at offset 11.
    fails(
        &ISO93_BCD,
        &unhex("1210 0000000002000000 0004"),
        Location::Field(39),
        11,
        ErrorKind::BadPad { byte: 0x04 },
        "field 39: BCD pad nibble must be 0 or F, found 0x04 (is the value aligned the other way?) at offset 11",
    );
    // An F pad is accepted: iso87-bcd field 24 (n3, right-justified) `F3 33` is 333.
    let bytes = unhex("0800 0000010000000000 F333");
    let message = decode(&bytes, &ISO87_BCD).unwrap();
    assert_eq!(message.field(24).unwrap().to_string(), "333");
}

/// A dialect with a tertiary bitmap: the third bitmap cut short, and a bit set in it for a field
/// the dialect does not define, each named with its offset.
#[test]
fn tertiary_bitmap_faults() {
    use iso8583_response::dialect::FieldSpec;
    let d = ISO87_ASCII
        .with_tertiary_bitmap()
        .with_field(150, FieldSpec::text(99, "Loyalty").ll());
    // Bits 1 and 65 set; the tertiary bitmap has 10 of its 16 characters.
    fails(
        &d,
        b"0110\
          8000000000000000\
          8000000000000000\
          0000040000",
        Location::TertiaryBitmap,
        36,
        ErrorKind::Truncated {
            needed: 16,
            available: 10,
        },
        "tertiary bitmap: needs 16 bytes but only 10 remain at offset 36",
    );
    // Field 129 announced (first bit of the tertiary bitmap): not defined.
    fails(
        &d,
        b"0110\
          8000000000000000\
          8000000000000000\
          8000000000000000",
        Location::Field(129),
        36,
        ErrorKind::FieldNotInDialect,
        "field 129: bit set for a field the dialect does not define at offset 36",
    );
    // Without a tertiary bitmap, bit 65 is field 65 (8 bytes of binary, as hex text).
    let message = iso8583_response::decode(
        b"0110\
          8000000000000000\
          8000000000000000\
          0123456789ABCDEF",
        &ISO87_ASCII,
    )
    .unwrap();
    assert!(message.has(65));
    assert_eq!(message.tertiary_bitmap(), None);
}

/// Bytes after the last field: an error without a length header, an anomaly (field `None`,
/// location `End`) when a length header counts them, an error again when strict.
#[test]
fn trailing_bytes_counted_by_a_length_header_are_an_anomaly() {
    use iso8583_response::dialect::{Framing, LengthHeader};
    let body = b"01100000000002000000" as &[u8];
    let with_tail = [body, b"05XYZ"].concat();
    // No length header: the end of the message is not known, so the extra bytes are an error.
    let err = decode(&with_tail, &ISO87_ASCII).unwrap_err();
    assert_eq!(err.location(), Location::End);
    assert_eq!(err.offset(), 22);
    // A 4-digit ASCII length that counts them: an anomaly at the same offset.
    let d = ISO87_ASCII.with_framing(Framing::length(LengthHeader::Ascii4));
    let framed = [b"0025" as &[u8], &with_tail].concat();
    let message = decode(&framed, &d).unwrap();
    let anomaly = message.anomalies().next().unwrap();
    assert_eq!(anomaly.location(), Location::End);
    assert_eq!(anomaly.field(), None);
    assert_eq!(anomaly.offset(), 26);
    assert_eq!(anomaly.kind(), ErrorKind::TrailingBytes { count: 3 });
    assert_eq!(message.response_code().unwrap().as_str(), "05");
    let strict = decode_with(&framed, &d, Options::STRICT).unwrap_err();
    assert_eq!(DecodeError::from(anomaly), strict);
}

/// Each kind of length header, and one that counts itself, read and checked against the input;
/// a header that disagrees is an error at offset 0 naming both lengths.
#[test]
fn length_headers_of_every_kind() {
    use iso8583_response::dialect::{Framing, LengthHeader};
    let body = b"0110000000000200000005" as &[u8];
    let n = body.len();
    let cases: [(LengthHeader, Vec<u8>); 3] = [
        (LengthHeader::Binary2, (n as u16).to_be_bytes().to_vec()),
        (LengthHeader::Bcd2, vec![0x00, 0x22]),
        (LengthHeader::Ascii4, b"0022".to_vec()),
    ];
    for (length, header) in cases {
        let d = ISO87_ASCII.with_framing(Framing::length(length).with_header(0));
        let bytes = [header.as_slice(), body].concat();
        let message = decode(&bytes, &d).unwrap();
        assert_eq!(
            message.response_code().unwrap().as_str(),
            "05",
            "{length:?}"
        );
        // One byte short: the header disagrees.
        let short = &bytes[..bytes.len() - 1];
        let err = decode(short, &d).unwrap_err();
        assert_eq!(err.location(), Location::Frame, "{length:?}");
        assert_eq!(err.offset(), 0);
        assert_eq!(
            err.kind(),
            ErrorKind::FrameLength {
                declared: 22,
                actual: 21
            }
        );
    }
    // A length that counts its own two bytes.
    let d = ISO87_ASCII.with_framing(Framing::length(LengthHeader::Binary2).counting_itself());
    let bytes = [&[0x00, 24][..], body].concat();
    assert!(decode(&bytes, &d).is_ok());
    // A 5-byte header after the length: exposed by Message::header.
    let d = ISO87_ASCII.with_framing(Framing::length(LengthHeader::Binary2).with_header(5));
    let bytes = [&[0x00, 27][..], b"TPDU!", body].concat();
    let message = decode(&bytes, &d).unwrap();
    assert_eq!(message.header(), b"TPDU!");
    // A length header that is not a number.
    let d = ISO87_ASCII.with_framing(Framing::length(LengthHeader::Ascii4));
    let err = decode(&[b"00x4" as &[u8], body].concat(), &d).unwrap_err();
    assert_eq!((err.location(), err.offset()), (Location::Frame, 2));
    assert_eq!(err.kind(), ErrorKind::BadDigit { byte: b'x' });
}
