//! Round trips through the encoder in every dialect: `decode(encode(m)) == m` for random valid
//! messages, and `encode(decode(bytes)) == bytes` for the canonical bytes that produces.
//! Regression seeds are kept in `proptest-regressions/`.

use iso8583_response::decode;
use iso8583_response::dialect::{
    Align, BUILT_IN, BitmapEncoding, CUP_POS_UNFRAMED, Dialect, Encoding, FieldSpec, Framing, Kind,
    LengthHeader, MtiEncoding, Prefix, PrefixEncoding, Standard, Unit,
};
use iso8583_response::encode::{Draft, EncodeErrorKind, OwnedDraft, encode, encode_into};
use proptest::prelude::*;

#[path = "../support/random.rs"]
mod random;
use random::draft_for;

fn dialects() -> Vec<&'static Dialect> {
    let mut all: Vec<&'static Dialect> = BUILT_IN.iter().map(|(_, d)| *d).collect();
    all.push(&CUP_POS_UNFRAMED);
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn decode_encode_round_trip(
        mti in any::<u16>(),
        header in proptest::collection::vec(any::<u8>(), 1..12),
        picks in proptest::collection::vec((2u8..=128, proptest::collection::vec(any::<u8>(), 0..200)), 0..24),
    ) {
        for dialect in dialects() {
            let want = draft_for(dialect, mti, &header, &picks);
            let bytes = encode(&want.draft(), dialect).unwrap();
            let message = decode(&bytes, dialect)
                .unwrap_or_else(|e| panic!("{}: {e}", dialect.name()));
            let got = OwnedDraft::from_message(&message);
            prop_assert_eq!(&got, &want, "{}", dialect.name());
            // Look-up by number finds what iteration finds, and nothing for absent fields.
            let mut seen = 0;
            for field in message.fields() {
                let again = message.field(field.number()).unwrap();
                prop_assert_eq!((again.offset(), again.raw()), (field.offset(), field.raw()));
                seen += 1;
            }
            prop_assert_eq!(seen, (2..=128u8).filter(|&n| message.field(n).is_some()).count());
            // The bytes are canonical: encoding what was decoded gives them back.
            let again = encode(&got.draft(), dialect).unwrap();
            prop_assert_eq!(&again, &bytes, "{}", dialect.name());
            // The no_std form writes the same bytes.
            let mut buf = vec![0u8; bytes.len()];
            prop_assert_eq!(encode_into(&want.draft(), dialect, &mut buf), Ok(bytes.len()));
            prop_assert_eq!(&buf, &bytes);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Round trips in random user dialects (every prefix and content encoding, zero-length and
    /// very large fields, any framing): what is encoded decodes to the same values, strictly
    /// and with no anomaly, and look-up by number finds what iteration finds.
    #[test]
    fn random_dialects_round_trip(
        seed in any::<u64>(),
        mti in any::<u16>(),
        picks in proptest::collection::vec((2u8..=192, proptest::collection::vec(any::<u8>(), 0..60)), 0..24),
    ) {
        let mut next = random::numbers(seed);
        let dialect = random::random_dialect(&mut next);
        let want = draft_for(&dialect, mti, b"HEADER", &picks);
        let bytes = match encode(&want.draft(), &dialect) {
            Err(e) if matches!(e.kind, EncodeErrorKind::MessageTooLong { .. }) => return Ok(()),
            other => other.unwrap(),
        };
        let message = iso8583_response::decode_with(&bytes, &dialect, iso8583_response::Options::STRICT)
            .unwrap_or_else(|e| panic!("{e}: {}", hex::encode(&bytes)));
        prop_assert_eq!(&OwnedDraft::from_message(&message), &want);
        let tolerant = decode(&bytes, &dialect).unwrap();
        prop_assert_eq!(tolerant.anomalies().count(), 0);
        for field in message.fields() {
            let again = message.field(field.number()).unwrap();
            prop_assert_eq!((again.offset(), again.raw()), (field.offset(), field.raw()));
        }
    }
}

/// The canonical vectors of every dialect re-encode to their own bytes.
#[test]
fn vectors_reencode_to_their_bytes() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
    let mut count = 0;
    for (dir, d) in [
        (
            "iso87-ascii-binbitmap",
            &iso8583_response::dialect::ISO87_ASCII_BINBITMAP,
        ),
        ("iso87-ascii", &iso8583_response::dialect::ISO87_ASCII),
    ] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // pyiso8583's own messages are canonical; third-party ones may pad differently.
            if !(name.starts_with("auth_")
                || name.starts_with("emv_")
                || name.starts_with("secondary_")
                || name.starts_with("pyiso8583"))
            {
                continue;
            }
            let bytes = crate::common::unhex(&std::fs::read_to_string(&path).unwrap());
            let message = decode(&bytes, d).unwrap();
            let again = encode(&OwnedDraft::from_message(&message).draft(), d).unwrap();
            assert_eq!(again, bytes, "{name}");
            count += 1;
        }
    }
    assert!(count >= 7);
}

#[test]
fn encode_errors_name_the_field() {
    let d = &iso8583_response::dialect::ISO87_ASCII;
    let check = |draft: &Draft<'_>, field: Option<u8>, kind: EncodeErrorKind, text: &str| {
        let err = encode(draft, d).unwrap_err();
        assert_eq!((err.field, err.kind), (field, kind));
        assert_eq!(err.to_string(), text);
    };
    let mut draft = Draft::new("0110");
    draft.set(2, b"47617390010101190000");
    check(
        &draft,
        Some(2),
        EncodeErrorKind::TooLong { found: 20, max: 19 },
        "field 2: value of length 20 exceeds maximum 19",
    );
    let mut draft = Draft::new("0110");
    draft.set(4, b"12A");
    check(
        &draft,
        Some(4),
        EncodeErrorKind::BadCharacter {
            byte: b'A',
            index: 2,
        },
        "field 4: byte 0x41 at index 2 cannot be encoded in this field",
    );
    let mut draft = Draft::new("0110");
    draft.set(52, b"1234");
    check(
        &draft,
        Some(52),
        EncodeErrorKind::WrongLength {
            found: 4,
            expected: 8,
        },
        "field 52: binary value has 4 bytes, the field holds 8",
    );
    let mut draft = Draft::new("0110");
    draft.set(28, b"X00000100");
    check(
        &draft,
        Some(28),
        EncodeErrorKind::BadCharacter {
            byte: b'X',
            index: 0,
        },
        "field 28: byte 0x58 at index 0 cannot be encoded in this field",
    );
    check(
        &Draft::new("01A0"),
        None,
        EncodeErrorKind::BadMti,
        "the MTI must be four digits",
    );
    let mut draft = Draft::new("0110");
    draft.set(3, b"000000");
    let mut small = [0u8; 8];
    let err = encode_into(&draft, d, &mut small).unwrap_err();
    // The error gives the whole length: a buffer that size is enough, at the first try.
    let EncodeErrorKind::BufferTooSmall { needed } = err.kind else {
        panic!("{err}");
    };
    let mut exact = vec![0u8; needed];
    assert_eq!(encode_into(&draft, d, &mut exact).unwrap(), needed);
    assert_eq!(exact, encode(&draft, d).unwrap());
    let mut one_short = vec![0u8; needed - 1];
    assert!(encode_into(&draft, d, &mut one_short).is_err());
    // CUP has no field 5 and no secondary bitmap; its header is 11 bytes.
    let cup = &iso8583_response::dialect::CUP_POS;
    let mut draft = Draft::new("0210");
    draft
        .header(&[0x60, 0, 3, 0, 0, 0x60, 0x31, 0, 0x31, 1, 0])
        .set(5, b"1");
    let err = encode(&draft, cup).unwrap_err();
    assert_eq!(
        (err.field, err.kind),
        (Some(5), EncodeErrorKind::FieldNotInDialect)
    );
    let mut draft = Draft::new("0210");
    draft.set(3, b"000000");
    let err = encode(&draft, cup).unwrap_err();
    assert_eq!(
        err.kind,
        EncodeErrorKind::HeaderLength {
            found: 0,
            expected: 11
        }
    );
}

#[test]
fn short_fixed_values_are_padded() {
    let d = &iso8583_response::dialect::ISO87_BCD;
    let mut draft = Draft::new("0200");
    draft.set(3, b"1").set(22, b"51").set(41, b"T1");
    let bytes = encode(&draft, d).unwrap();
    let m = decode(&bytes, d).unwrap();
    assert_eq!(m.field(3).unwrap().to_string(), "000001");
    assert_eq!(m.field(22).unwrap().to_string(), "051");
    assert_eq!(m.field(41).unwrap().as_str(), Some("T1      "));
}
