//! Card data is never printed in full, in any output path: fields 2 and 34, tracks, PIN data,
//! key material, and the card number, tracks and name inside field 55; short card numbers keep
//! enough digits hidden; custom dialects that redefine the card fields still mask them.

use std::fmt::Write as _;

use iso8583_response::codes::Lang;
use iso8583_response::dialect::{
    self, CUP_POS_UNFRAMED, Dialect, FieldSpec, ISO87_ASCII, ISO87_ASCII_BINBITMAP, ISO87_BCD,
    ISO93_ASCII, ISO93_BCD, Sensitivity,
};
use iso8583_response::emv::{Tag, tag_info};
use iso8583_response::encode::{Draft, encode};
use iso8583_response::{Message, decode, mask};

use crate::common::{unhex, vector};

/// Card data in the masking vectors (tests/vectors/masking, made by pyiso8583): field 2, 34,
/// 35, 45, 52 and, inside 55, tags 5A, 57, 5F20, 9F1F, 9F20 and 9F6B.
const SECRETS: [&str; 12] = [
    "4000009876543219",   // 2 and 5A
    "4000001111222233",   // 34
    "4000001234567899",   // 57
    "4000005555666677",   // 9F6B
    "29122010000000000",  // 35 discretionary data
    "TEST/CARD",          // 45 and 5F20
    "544553542F43415244", // 5F20 as hex
    "0123456789ABCDEF",   // 52
    "313233343536",       // 9F1F
    "123456",             // 9F1F as text
    "D2912201000000000F", // 57 tail
    "9876543219",         // more than the last 4 of the PAN
];

/// Every printed form of a decoded message the library offers.
fn library_outputs(message: &Message<'_>) -> String {
    let mut out = String::new();
    write!(out, "{message}\n{message:?}\n{message:#?}\n").unwrap();
    for field in message.fields() {
        write!(out, "{field}\n{field:#}\n{field:?}\n").unwrap();
        if let Some(emv) = field.emv() {
            write!(out, "{emv}\n{emv:#}\n{emv:?}\n").unwrap();
            emv.write_tree(&mut out, "  ", Lang::Zh).unwrap();
            for tlv in emv.tlvs().flatten() {
                writeln!(out, "{tlv:?} {}", tlv.masked()).unwrap();
            }
        }
    }
    let diagnosis = message.diagnose();
    write!(out, "{diagnosis}\n{diagnosis:?}\n").unwrap();
    diagnosis.write(&mut out, Lang::Zh).unwrap();
    #[cfg(feature = "serde")]
    {
        out.push_str(&serde_json::to_string(&diagnosis).unwrap());
        out.push_str(&serde_json::to_string(message).unwrap());
        for field in message.fields() {
            out.push_str(&serde_json::to_string(&field).unwrap());
        }
    }
    out
}

fn assert_no_secret(out: &str, context: &str) {
    for secret in SECRETS {
        assert!(
            !out.contains(secret),
            "{context}: {secret} printed in\n{out}"
        );
    }
}

#[test]
fn pyiso8583_messages_with_card_data_everywhere_print_none_of_it() {
    for (file, dialect) in [
        ("masking/iso87-ascii.hex", &ISO87_ASCII),
        ("masking/iso87-ascii-short-pan.hex", &ISO87_ASCII),
        ("masking/iso87-ascii-binbitmap.hex", &ISO87_ASCII_BINBITMAP),
        (
            "masking/iso87-ascii-binbitmap-short-pan.hex",
            &ISO87_ASCII_BINBITMAP,
        ),
    ] {
        let bytes = vector(file);
        let message = decode(&bytes, dialect).unwrap();
        let out = library_outputs(&message);
        assert_no_secret(&out, file);
        // The chip data is there, tag by tag, with the card data masked.
        let f55 = message.field(55).unwrap().to_string();
        assert!(
            f55.starts_with("9F26=C2A1E40F2B7A7A11 9F27=80 5A=400000******3219 "),
            "{f55}"
        );
        for redacted in [
            "57=redacted (17 bytes)",
            "5F20=redacted (9 bytes)",
            "9F1F=redacted (6 bytes)",
            "9F20=redacted (4 bytes)",
            "9F6B=redacted (14 bytes)",
        ] {
            assert!(
                f55.contains(redacted),
                "{file}: {redacted} missing in {f55}"
            );
        }
        assert!(f55.ends_with("8A=3035"), "{f55}");
        assert_eq!(message.field(34).unwrap().to_string(), "400000******2233");
        if file.contains("short") {
            // 11 digits: only the last four, six hidden (the Luhn digit cannot rebuild them).
            assert_eq!(message.field(2).unwrap().to_string(), "4******2345");
            assert!(!out.contains("40000012345"), "{out}");
        }
    }
}

#[cfg(feature = "std")]
#[test]
fn the_cli_prints_none_of_it_in_any_mode() {
    use crate::cli::{run, stderr, stdout};
    for (file, name) in [
        ("masking/iso87-ascii.hex", "iso87-ascii"),
        ("masking/iso87-ascii-short-pan.hex", "iso87-ascii"),
        ("masking/iso87-ascii-binbitmap.hex", "iso87-ascii-binbitmap"),
    ] {
        let hex: String = vector(file).iter().map(|b| format!("{b:02X}")).collect();
        for extra in [&[][..], &["--json"], &["--lang", "zh"], &["--lines"]] {
            let mut args = vec!["decode", "--dialect", name];
            args.extend_from_slice(extra);
            let lines = extra == ["--lines"];
            if !lines {
                args.push(&hex);
            }
            let o = run(&args, if lines { &hex } else { "" });
            assert!(o.status.success(), "{file} {extra:?}: {}", stderr(&o));
            let out = stdout(&o);
            assert_no_secret(&out, &format!("{file} {extra:?}"));
            assert!(!out.contains("40000012345"), "{out}");
        }
        let o = run(&["decode", "--dialect", name, "--json", &hex], "");
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let emv = v["emv"].as_array().unwrap();
        let tags: Vec<&str> = emv.iter().map(|t| t["tag"].as_str().unwrap()).collect();
        assert_eq!(
            tags,
            [
                "9F26", "9F27", "5A", "57", "5F20", "9F1F", "9F20", "9F6B", "8A"
            ]
        );
        assert_eq!(emv[2]["value"], "400000******3219");
        assert_eq!(emv[3]["value"], "redacted (17 bytes)");
        assert_eq!(emv[0]["name"]["en"], "Application Cryptogram");
        assert_eq!(emv[0]["name"]["zh"], "应用密文");
    }
}

/// Field 55 holding the same data objects in every built-in dialect (raw bytes in binary ones).
fn card_data_draft<'v>(mti: &str, pan: &'v [u8], tlv: &'v [u8], track: &'v [u8]) -> Draft<'v> {
    let mut draft = Draft::new(mti);
    draft
        .set(2, pan)
        .set(3, b"000000")
        .set(35, track)
        .set(55, tlv);
    draft
}

#[test]
fn every_dialect_masks_card_data_in_field_55() {
    let tlv = unhex(
        "5A084000009876543219 57114000001234567899D2912201000000000F 5F2009544553542F43415244",
    );
    let pan = b"4000009876543219";
    let track = b"4000009876543219D29122010000000000";
    let dialects: [&Dialect; 6] = [
        &ISO87_ASCII,
        &ISO87_ASCII_BINBITMAP,
        &ISO87_BCD,
        &ISO93_ASCII,
        &ISO93_BCD,
        &CUP_POS_UNFRAMED,
    ];
    for d in dialects {
        let track: &[u8] =
            if d.field(35).unwrap().encoding == ISO87_ASCII.field(35).unwrap().encoding {
                b"4000009876543219=29122010000000000"
            } else {
                track
            };
        let mut draft = card_data_draft(
            if d.standard() == dialect::Standard::Iso1993 {
                "1110"
            } else {
                "0110"
            },
            pan,
            &tlv,
            track,
        );
        if d.name() == "cup-pos" {
            draft.header(b"\x60\x00\x00\x00\x00\x60\x31\x00\x31\x00\x00");
        }
        let bytes = encode(&draft, d).unwrap_or_else(|e| panic!("{}: {e}", d.name()));
        let message = decode(&bytes, d).unwrap_or_else(|e| panic!("{}: {e}", d.name()));
        let out = library_outputs(&message);
        assert_no_secret(&out, d.name());
        assert!(out.contains("5A=400000******3219"), "{}: {out}", d.name());
        assert!(out.contains("5F20=redacted (9 bytes)"), "{}", d.name());
    }
}

#[test]
fn custom_dialects_that_redefine_card_fields_still_mask_them() {
    const MY_HOST: Dialect = ISO87_ASCII
        .with_name("my-host")
        .with_field(2, FieldSpec::text(19, "Card").ll())
        .with_field(34, FieldSpec::numeric(28, "Long card").ll())
        .with_field(35, FieldSpec::track(37, "Track").ll())
        .with_field(45, FieldSpec::text(76, "Track one").ll())
        .with_field(52, FieldSpec::text(16, "PIN"))
        .with_field(55, FieldSpec::text(999, "Chip data").lll())
        .with_field(48, FieldSpec::text(99, "Free").ll());
    let mut draft = Draft::new("0200");
    draft
        .set(2, b"4000009876543219")
        .set(34, b"4000001111222233")
        .set(35, b"4000009876543219=2912201000000000")
        .set(45, b"B4000009876543219^TEST/CARD^29122010")
        .set(52, b"0123456789ABCDEF")
        .set(55, b"5A084000009876543219");
    let bytes = encode(&draft, &MY_HOST).unwrap();
    let message = decode(&bytes, &MY_HOST).unwrap();
    for n in [2, 34, 35, 45, 52, 55] {
        assert!(message.field(n).unwrap().is_sensitive(), "field {n}");
    }
    assert_eq!(MY_HOST.sensitivity(48), Some(Sensitivity::Public));
    let out = library_outputs(&message);
    assert_no_secret(&out, "my-host");
    // A spec copied from another field of a built-in dialect is masked at its new number.
    const COPIED: Dialect = ISO87_ASCII
        .with_field(2, ISO87_ASCII.field(32).unwrap().with_max(19))
        .with_field(35, ISO87_BCD.field(44).unwrap().with_max(37));
    let mut draft = Draft::new("0200");
    draft
        .set(2, b"4000009876543219")
        .set(35, b"4000009876543219=2912201000000000");
    let bytes = encode(&draft, &COPIED).unwrap();
    let copied = decode(&bytes, &COPIED).unwrap();
    assert_no_secret(&library_outputs(&copied), "copied specs");
    assert!(out.contains("400000******3219"), "{out}");
    // Chip data declared as text is read as hex TLV when it is hex.
    assert_eq!(
        message.field(55).unwrap().to_string(),
        "5A=400000******3219"
    );
    // An explicit opt-out stands.
    const TEST_HOST: Dialect = ISO87_ASCII.with_field(
        2,
        FieldSpec::numeric(19, "Test card")
            .ll()
            .with_sensitivity(Sensitivity::Public),
    );
    let mut draft = Draft::new("0200");
    draft.set(2, b"4000009876543219");
    let bytes = encode(&draft, &TEST_HOST).unwrap();
    let m = decode(&bytes, &TEST_HOST).map(|m| m.field(2).unwrap().to_string());
    assert_eq!(m.unwrap(), "4000009876543219");
}

#[test]
fn cup_sign_on_keys_are_redacted() {
    // A CUP 0810 sign-on response: 39 = 00, 62 = 24 bytes of encrypted working keys.
    let keys = unhex("A1B2C3D4E5F60718293A4B5C6D7E8F90 11223344 55667788");
    let mut draft = Draft::new("0810");
    draft
        .header(b"\x60\x00\x00\x00\x00\x60\x31\x00\x31\x00\x00")
        .set(11, b"000001")
        .set(39, b"00")
        .set(41, b"12345678")
        .set(62, &keys);
    let bytes = encode(&draft, &CUP_POS_UNFRAMED).unwrap();
    let message = decode(&bytes, &CUP_POS_UNFRAMED).unwrap();
    assert_eq!(
        message.field(62).unwrap().to_string(),
        "redacted (24 bytes)"
    );
    let out = library_outputs(&message);
    assert!(!out.contains("A1B2C3D4"), "{out}");
}

#[test]
fn short_card_numbers_cannot_be_rebuilt() {
    // For every length, at least six digits stay hidden; so with the Luhn check digit at least
    // 10^5 numbers fit what is shown.
    for len in 8..=19usize {
        let digits: String = "4000001234567890123".chars().take(len).collect();
        let mut shown = String::new();
        mask::write_pan(&mut shown, digits.bytes()).unwrap();
        assert!(shown.matches('*').count() >= 6, "{len}: {shown}");
    }
}

#[test]
fn the_dictionary_names_the_common_tags() {
    for tag in [
        0x9F26, 0x9F27, 0x9F10, 0x9F37, 0x9F36, 0x95, 0x9A, 0x9C, 0x9F02, 0x5F2A, 0x82, 0x9F1A,
        0x91, 0x8A, 0x71, 0x72, 0x9F18, 0x86, 0x9B, 0x9F34, 0x5A, 0x57,
    ] {
        let info = tag_info(Tag(tag)).unwrap_or_else(|| panic!("{tag:X} missing"));
        assert!(!info.name.zh.is_empty());
    }
}

#[test]
fn a_card_number_is_masked_the_same_way_in_every_dialect_and_field() {
    // Field 34 is text in some dialects: its EBCDIC digits must be read before masking, as
    // field 2's are, or the mask hides everything in one dialect and not in another.
    for (name, d) in dialect::BUILT_IN {
        let mut draft = Draft::new(if d.standard() == dialect::Standard::Iso1993 {
            "1110"
        } else {
            "0110"
        });
        draft.set(2, b"4000009876543219");
        if d.field(34).is_some() {
            draft.set(34, b"4000009876543219");
        }
        if d.name() == "cup-pos" {
            draft.header(b"\x60\x00\x00\x00\x00\x60\x31\x00\x31\x00\x00");
        }
        let bytes = encode(&draft, d).unwrap_or_else(|e| panic!("{name}: {e}"));
        let message = decode(&bytes, d).unwrap_or_else(|e| panic!("{name}: {e}"));
        for n in [2, 34] {
            if let Some(f) = message.field(n) {
                assert_eq!(f.to_string(), "400000******3219", "{name} field {n}");
            }
        }
        assert_no_secret(&library_outputs(&message), name);
    }
    // A dialect of one's own with the card number as EBCDIC text: the diagnosis's card number
    // is masked as the field is (the fuzzer found them differing).
    const MY_EBCDIC: Dialect = dialect::ISO87_EBCDIC.with_name("my-ebcdic").with_field(
        2,
        FieldSpec::text(19, "Card")
            .ll()
            .with_encoding(dialect::Encoding::Ebcdic)
            .with_prefix_encoding(dialect::PrefixEncoding::Ebcdic),
    );
    let mut draft = Draft::new("0110");
    draft.set(2, b"4000009876543219");
    let bytes = encode(&draft, &MY_EBCDIC).unwrap();
    let message = decode(&bytes, &MY_EBCDIC).unwrap();
    let field = message.field(2).unwrap();
    assert_eq!(field.to_string(), "400000******3219");
    assert_eq!(
        message.diagnose().pan().unwrap().to_string(),
        "400000******3219"
    );
}
