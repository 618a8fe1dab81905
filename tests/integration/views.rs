//! The views over a decoded message: typed values, look-up, masking in every printed form.

use iso8583_response::dialect::{
    self, CUP_POS, CupHeader, Dialect, FieldSpec, ISO87_ASCII, ISO87_BCD, ISO93_BCD,
    ProcessingRequirement,
};
use iso8583_response::{Field, decode};

use crate::common::{plain, unhex, vector};

/// Every vector: fields found by number equal those iterated, and lie inside the input, in
/// order, without overlap.
#[test]
fn fields_are_ordered_disjoint_slices_of_the_input() {
    let dirs: [(&str, &Dialect); 3] = [
        ("iso87-ascii", &dialect::ISO87_ASCII),
        ("iso87-ascii-binbitmap", &dialect::ISO87_ASCII_BINBITMAP),
        ("cup-pos", &CUP_POS),
    ];
    let mut checked = 0;
    for (dir, d) in dirs {
        for entry in std::fs::read_dir(format!(
            "{}/tests/vectors/{dir}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
        {
            let path = entry.unwrap().path();
            let bytes = unhex(&std::fs::read_to_string(&path).unwrap());
            let d = if dir == "cup-pos" {
                dialect::detect_cup_framing(&bytes)
            } else {
                d
            };
            let Ok(message) = decode(&bytes, d) else {
                continue;
            };
            let base = bytes.as_ptr() as usize;
            let mut end = 0;
            for field in message.fields() {
                let start = field.raw().as_ptr() as usize - base;
                assert_eq!(start, field.offset(), "{}", path.display());
                assert!(
                    start >= end,
                    "{}: field {} overlaps",
                    path.display(),
                    field.number()
                );
                end = start + field.raw().len();
                assert!(end <= bytes.len());
                let again = message.field(field.number()).unwrap();
                assert_eq!((again.offset(), again.raw()), (field.offset(), field.raw()));
            }
            checked += 1;
        }
    }
    assert!(checked >= 15);
}

#[test]
fn bcd_views_unpack_digits_and_track_separator() {
    // iso87-bcd 0200: field 2 (17 digits, left-justified, pad nibble last), field 3,
    // field 35 (track 2 with a D separator, 21 digits).
    let bytes = unhex(
        "0200 6000000020000000
         17 4761739001010119 10
         000000
         21 4761739001010119 D2712 0",
    );
    let message = decode(&bytes, &ISO87_BCD).unwrap();
    let pan = message.field(2).unwrap();
    assert_eq!(plain(&pan), "47617390010101191");
    assert_eq!(pan.len(), 17);
    assert_eq!(pan.digits().unwrap().len(), 17);
    assert_eq!(pan.to_string(), "476173*******1191");
    let track = message.field(35).unwrap();
    assert_eq!(plain(&track), "4761739001010119D2712");
    assert_eq!(track.to_string(), "redacted (11 bytes)");
    assert_eq!(message.field(3).unwrap().as_str(), None);
    assert!(message.field(4).is_none());
}

#[test]
fn iso93_bcd_action_code_is_left_justified() {
    // 1110 with field 39 = 100 (n3, packed 10 00) and field 41.
    let bytes = unhex("1110 0000000002800000 1000 5445524D30303031");
    let message = decode(&bytes, &ISO93_BCD).unwrap();
    assert_eq!(message.mti().version(), 1);
    assert!(message.is_response());
    assert_eq!(message.response_code().unwrap().as_str(), "100");
    assert_eq!(message.field(41).unwrap().as_str(), Some("TERM0001"));
}

#[test]
fn mti_parts() {
    let message = decode(
        b"0430\x00\x00\x00\x00\x00\x00\x00\x00",
        &dialect::ISO87_ASCII_BINBITMAP,
    )
    .unwrap();
    let mti = message.mti();
    assert_eq!(
        (mti.version(), mti.class(), mti.function(), mti.origin()),
        (0, 4, 3, 0)
    );
    assert_eq!(mti.class_name(), "reversal");
    assert_eq!(mti.function_name(), "advice response");
    assert!(mti.is_response());
    assert!(message.response_code().is_none());
    assert_eq!(message.fields().count(), 0);
}

#[test]
fn cup_header_and_processing_requirement() {
    let bytes = vector("cup-pos/ipaynow-0810-signin-response.hex");
    let message = decode(&bytes, &CUP_POS).unwrap();
    let header = CupHeader::new(message.header()).unwrap();
    assert_eq!(header.tpdu(), &[0x60, 0x00, 0x00, 0x00, 0x02]);
    assert_eq!(header.application(), 0x60);
    assert_eq!(header.destination(), 0x0000);
    assert_eq!(header.source(), 0x0002);
    assert_eq!(header.processing_requirement(), ProcessingRequirement::None);
    assert_eq!(
        ProcessingRequirement::from_nibble(3),
        ProcessingRequirement::SignOnAgain
    );
    assert!(ProcessingRequirement::from_nibble(3).is_action());
    assert_eq!(
        ProcessingRequirement::from_nibble(8),
        ProcessingRequirement::Other(8)
    );
}

#[test]
fn card_data_never_printed_in_full() {
    let bytes = vector("cup-pos/csdn-maxwoods-0200-sale-ic.hex");
    let message = decode(&bytes, dialect::detect_cup_framing(&bytes)).unwrap();
    let pan = plain(&message.field(2).unwrap());
    let track = plain(&message.field(35).unwrap());
    let pin = plain(&message.field(52).unwrap());
    for shown in [
        format!("{message}"),
        format!("{message:?}"),
        format!("{message:#?}"),
    ] {
        assert!(!shown.contains(&pan), "{shown}");
        assert!(!shown.contains(&track[..12]), "{shown}");
        assert!(!shown.contains(&pin), "{shown}");
        assert!(shown.contains(&pan[..6]), "{shown}");
    }
    for field in message.fields() {
        let shown = format!("{field} {field:?} {:?}", field.digits());
        assert!(!shown.contains(&pan), "{shown}");
        assert!(!shown.contains(&pin), "{shown}");
    }
}

#[test]
fn fields_outlive_the_message() {
    let bytes = vector("iso87-ascii/auth_0110.hex");
    let field: Field<'_> = {
        let message = decode(&bytes, &ISO87_ASCII).unwrap();
        message.field(42).unwrap()
    };
    assert_eq!(field.as_str(), Some("MERCH0000004242"));
    assert_eq!(field.name(), "Card acceptor identification code");
}

#[test]
fn user_dialects_are_consts() {
    const WIDE_48: Dialect = ISO87_ASCII
        .with_name("wide-48")
        .with_field(48, FieldSpec::text(4096, "Additional data").llll());
    assert_eq!(WIDE_48.name(), "wide-48");
    assert_eq!(WIDE_48.field(48).unwrap().max, 4096);
    assert_eq!(WIDE_48.field(2), ISO87_ASCII.field(2));
    let message = decode(b"011000000000000100000005hello", &WIDE_48).unwrap();
    assert_eq!(message.field(48).unwrap().as_str(), Some("hello"));
    // The built-in reads the same bytes with a three-digit prefix: 000 characters, then
    // trailing bytes.
    assert!(decode(b"011000000000000100000005hello", &ISO87_ASCII).is_err());
    assert_eq!(dialect::by_name("iso93-bcd").unwrap().name(), "iso93-bcd");
    assert!(dialect::by_name("iso93").is_none());
}
