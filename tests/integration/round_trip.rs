//! Round trips through the encoder in every dialect: `decode(encode(m)) == m` for random valid
//! messages, and `encode(decode(bytes)) == bytes` for the canonical bytes that produces.
//! Regression seeds are kept in `proptest-regressions/`.

use iso8583_response::decode;
use iso8583_response::dialect::{
    BUILT_IN, CUP_POS_UNFRAMED, Dialect, Encoding, FieldSpec, Kind, Prefix, Unit,
};
use iso8583_response::encode::{Draft, EncodeErrorKind, OwnedDraft, encode, encode_into};
use proptest::prelude::*;

fn dialects() -> Vec<&'static Dialect> {
    let mut all: Vec<&'static Dialect> = BUILT_IN.iter().map(|(_, d)| *d).collect();
    all.push(&CUP_POS_UNFRAMED);
    all
}

/// A valid value for `spec` made from random bytes: the length from the first byte (capped so
/// messages stay well under 64 KiB), the content from the rest.
fn value_for(spec: &FieldSpec, seed: &[u8]) -> Vec<u8> {
    let fixed = matches!(spec.prefix, Prefix::Fixed);
    let max = usize::from(spec.max);
    // Binary fields counted in hex characters hold half as many bytes.
    let unit_per_byte = match (spec.unit, spec.encoding) {
        (Unit::Wire, Encoding::HexAscii) => 2,
        _ => 1,
    };
    let cap = (max / unit_per_byte).min(150);
    let len = if fixed {
        max / unit_per_byte
    } else {
        usize::from(seed.first().copied().unwrap_or(0)) % (cap + 1)
    };
    let mut bytes = seed.iter().copied().skip(1).chain((0u8..=255).cycle());
    let mut next = || bytes.next().unwrap_or(0);
    match spec.kind {
        Kind::Numeric => (0..len).map(|_| b'0' + next() % 10).collect(),
        Kind::Amount => {
            let mut v = vec![if next() % 2 == 0 { b'C' } else { b'D' }];
            v.extend((1..len).map(|_| b'0' + next() % 10));
            v
        }
        Kind::Track => {
            // Digits, one separator, and now and then the F filler the decoder accepts.
            let sep = if matches!(spec.encoding, Encoding::Bcd(_)) {
                b'D'
            } else {
                b'='
            };
            let at = if len > 2 {
                Some(usize::from(next()) % len)
            } else {
                None
            };
            (0..len)
                .map(|i| match next() % 16 {
                    _ if Some(i) == at => sep,
                    0 => b'F',
                    r => b'0' + r % 10,
                })
                .collect()
        }
        Kind::Text => (0..len).map(|_| 0x20 + next() % 0x5F).collect(),
        _ => (0..len).map(|_| next()).collect(),
    }
}

fn draft_for(dialect: &Dialect, mti: u16, header: &[u8], picks: &[(u8, Vec<u8>)]) -> OwnedDraft {
    let mut fields: Vec<(u8, Vec<u8>)> = Vec::new();
    for (n, seed) in picks {
        let Some(spec) = dialect.field(*n) else {
            continue;
        };
        if *n < 2 || fields.iter().any(|(m, _)| m == n) {
            continue;
        }
        fields.push((*n, value_for(spec, seed)));
    }
    fields.sort_by_key(|(n, _)| *n);
    let mut m = [0u8; 4];
    m.copy_from_slice(format!("{:04}", mti % 10000).as_bytes());
    OwnedDraft {
        mti: m,
        header: header
            .iter()
            .copied()
            .cycle()
            .take(usize::from(dialect.framing().header_len))
            .collect(),
        fields,
    }
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
    assert!(
        matches!(err.kind, EncodeErrorKind::BufferTooSmall { .. }),
        "{err}"
    );
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
