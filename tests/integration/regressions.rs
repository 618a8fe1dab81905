//! Inputs the fuzzers found, each frozen as a named test with its bytes inline.

use iso8583_response::decode;
use iso8583_response::dialect::ISO87_BCD;
use iso8583_response::encode::{OwnedDraft, encode};

/// fuzz/artifacts/round_trip/crash-0286dc30… (its first byte, 0x02, picked the dialect): an
/// iso87-bcd 0200 whose track 2 (field 35) holds
/// an `F` nibble before its end. The decoder accepts `F` in BCD track data (it is the usual
/// filler) and shows it as `F`; the encoder refused to pack it back, so a decoded message could
/// not be encoded. The encoder now packs `F` in track data too.
#[test]
fn round_trip_track_with_f_nibble() {
    let bytes = [
        0x02, 0x00, 0x30, 0x20, 0x05, 0x80, 0x20, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x15, 0x00, 0x10, 0x79, 0x89, 0x00, 0x71, 0x00, 0x21, 0x00, 0x11, 0x00, 0x45,
        0x0f, 0x12, 0x00, 0x00, 0x54, 0x11, 0x53, 0x54, 0x30, 0x30, 0x30, 0x30,
    ];
    let message = decode(&bytes, &ISO87_BCD).unwrap();
    let track = message.field(35).unwrap();
    let shown: String = track.digits().unwrap().map(char::from).collect();
    assert!(shown.contains('F'), "{shown}");
    let values = OwnedDraft::from_message(&message);
    let again = encode(&values.draft(), &ISO87_BCD).unwrap();
    let back = decode(&again, &ISO87_BCD).unwrap();
    assert_eq!(OwnedDraft::from_message(&back), values);
}

/// Found by decoding with random user dialects (issue 10): with a zero-length fixed field after
/// a field cut short, the fast walk ran past the end, and the zero-length field then "ended" at
/// the input's end, so decode returned Ok with field 37 unreadable. It must give the exact
/// walk's error.
#[test]
fn fast_walk_does_not_accept_a_truncated_field_before_a_zero_length_one() {
    use iso8583_response::dialect::{Align, Dialect, Encoding, FieldSpec, ISO87_ASCII_BINBITMAP};
    use iso8583_response::{ErrorKind, Location};
    const FLAGGED: Dialect = ISO87_ASCII_BINBITMAP.with_field(
        41,
        FieldSpec::numeric(0, "flag").with_encoding(Encoding::Bcd(Align::Right)),
    );
    // 0200, bitmap with fields 37 and 41, then 5 of field 37's 12 bytes.
    let mut bytes = b"0200".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 0, 0x08, 0x80, 0, 0]);
    bytes.extend_from_slice(b"12345");
    let err = decode(&bytes, &FLAGGED).unwrap_err();
    assert_eq!(err.location(), Location::Field(37));
    assert_eq!(err.offset(), 12);
    assert!(matches!(
        err.kind(),
        ErrorKind::Truncated {
            needed: 12,
            available: 5
        }
    ));
    assert_eq!(
        err.to_string(),
        "field 37: needs 12 bytes but only 5 remain at offset 12"
    );
}

/// A dialect whose maximum its length prefix cannot write is refused when it is built (a
/// `const` one does not compile: see the `with_field` docs).
#[test]
#[should_panic(expected = "must fit in its length prefix")]
fn a_maximum_the_prefix_cannot_write_is_refused() {
    use iso8583_response::dialect::{FieldSpec, ISO87_ASCII, PrefixEncoding};
    let max = std::hint::black_box(999);
    let _ = ISO87_ASCII.with_field(
        48,
        FieldSpec::binary(max, "Counted in one byte")
            .ll()
            .with_prefix_encoding(PrefixEncoding::Binary),
    );
}

/// Found by a fresh-user session (ranking of `detect` for messages cut short): an iso87-ascii
/// response behind a 4-digit ASCII length, cut after field 39 (`00`). `detect` used to prefer a
/// reading that decodes "whole" as iso93-ascii behind a 2-byte header of no known kind; the
/// cut, which the length header announces, now explains the missing tail and the reading that
/// leaves no byte unexplained wins.
#[test]
fn detection_reads_a_cut_message_behind_its_length_header() {
    let hex = "3031303630313130383230343030303030323930303030303030303030303430303030303030303030363132313433303035323731323030504f53303030343230324135303030303030303030303030303030303030";
    let bytes = hex::decode(hex).unwrap();
    let found = iso8583_response::detect(&bytes).unwrap();
    assert_eq!(found.name, "iso87-ascii");
    assert_eq!(
        found.framing.length,
        iso8583_response::dialect::LengthHeader::Ascii4
    );
    assert!(!found.complete);
    let dialect = found.dialect();
    let partial =
        iso8583_response::decode_partial(&bytes, &dialect, Default::default()).unwrap_err();
    let message = partial.message().unwrap();
    assert_eq!(message.response_code().unwrap().as_str(), "00");
}

/// The same kind of cut behind a 2-byte binary length and BASE24's 12-byte `ISO` header: the
/// known header explains its bytes, so a reading with a 9-byte header of no known kind loses.
#[test]
fn detection_knows_a_base24_header() {
    let message = crate::common::unhex(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/iso87-ascii/auth_0110.hex"
        ))
        .unwrap(),
    );
    let body = [b"ISO026000070" as &[u8], &message].concat();
    let framed = [&(body.len() as u16).to_be_bytes()[..], &body].concat();
    // Cut the last 10 bytes (inside field 49 or 42, after 39).
    let cut = &framed[..framed.len() - 10];
    let found = iso8583_response::detect(cut).unwrap();
    assert_eq!(found.name, "iso87-ascii");
    assert_eq!(found.framing.header_len, 12);
    let dialect = found.dialect();
    let partial = iso8583_response::decode_partial(cut, &dialect, Default::default()).unwrap_err();
    assert_eq!(
        partial.message().unwrap().response_code().unwrap().as_str(),
        "05"
    );
}

/// Found by an attacking session: an error or anomaly in a card-number or track field showed
/// the whole faulty byte, whose other BCD nibble is a digit the mask hides. Only the bad
/// nibble is shown now.
#[test]
fn faults_in_card_data_show_no_digit() {
    use iso8583_response::{ErrorKind, Options, decode_with};
    // iso87-bcd field 2, 16 digits, the 7th byte 9A.
    let pan = hex::decode("02004000000000000000164761739A01010119").unwrap();
    let message = decode(&pan, &ISO87_BCD).unwrap();
    let anomaly = message.anomalies().next().unwrap();
    assert_eq!(anomaly.kind(), ErrorKind::BadDigit { byte: 0x0A });
    let strict = decode_with(&pan, &ISO87_BCD, Options::STRICT).unwrap_err();
    assert_eq!(strict.kind(), ErrorKind::BadDigit { byte: 0x0A });
    // Field 35, track 2, with 1A.
    let track = hex::decode("0200000000002000000016476173900101011A").unwrap();
    let message = decode(&track, &ISO87_BCD).unwrap();
    let anomaly = message.anomalies().next().unwrap();
    assert_eq!(anomaly.kind(), ErrorKind::BadTrackCharacter { byte: 0x0A });
}

/// Found by an attacking session: a dialect that marks field 2 secret still had the diagnosis
/// show the masked card number. An explicit choice stands there too.
#[test]
fn a_secret_field_2_is_not_shown_by_the_diagnosis() {
    use iso8583_response::dialect::{FieldSpec, ISO87_ASCII, Sensitivity};
    let d = ISO87_ASCII.with_field(
        2,
        FieldSpec::numeric(19, "PAN")
            .ll()
            .with_sensitivity(Sensitivity::Secret),
    );
    let message = decode(b"02004000000000000000164761739001010119", &d).unwrap();
    let diagnosis = message.diagnose();
    assert!(diagnosis.pan().is_none());
    let mut shown = String::new();
    diagnosis
        .write(&mut shown, iso8583_response::codes::Lang::En)
        .unwrap();
    assert!(!shown.contains("476173"), "{shown}");
    assert!(!format!("{diagnosis:?}").contains("476173"));
}

/// Found by an attacking session: in a dialect with a tertiary bitmap, a bit for an undefined
/// field in the secondary bitmap was reported after the tertiary bitmap's faults; the first
/// fault in the message comes first.
#[test]
fn secondary_bitmap_faults_come_before_the_tertiary_bitmap() {
    use iso8583_response::Location;
    use iso8583_response::dialect::{FieldSpec, ISO87_ASCII};
    let d = ISO87_ASCII
        .with_tertiary_bitmap()
        .with_field(150, FieldSpec::text(9, "x").ll());
    // Field 70 removed; the secondary bitmap sets 65 (the tertiary bitmap) and 70; the
    // tertiary bitmap is cut short.
    let d = d.without_field(70);
    let bytes = [
        b"0200" as &[u8],
        b"8000000000000000",
        b"8400000000000000",
        b"00000",
    ]
    .concat();
    let bytes = &bytes[..];
    let err = decode(bytes, &d).unwrap_err();
    assert_eq!(err.location(), Location::Field(70));
    // The bitmap character holding bit 70: the second of the secondary bitmap.
    assert_eq!(err.offset(), 21);
}
