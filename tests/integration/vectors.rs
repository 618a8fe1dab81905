//! Third-party messages, one `.hex` file each under tests/vectors/<dialect>/, decoded as their
//! sources read them. Provenance: tests/vectors/README.md.
//!
//! File format: hex with `#` comments. `#= <field> <json string>` states an expected value (the
//! field number, or `mti`, `tpdu`, `header`); `#! <text>` states that decoding fails with exactly
//! that error message. Directives: `#% header N` (N bytes before the MTI, such as a TPDU),
//! `#% partial` (the source reads only some of the fields), `#% no-reading` (the source gives no
//! reading: the message must decode, nothing more). Values are digits for numeric and track fields, text for text fields
//! (GBK decoded for cup-pos; `hex:` + hex when the bytes are not text), upper-case hex for binary.

use std::fs;
use std::path::Path;

use iso8583_response::dialect::{self, CupHeader, Dialect, Framing, Kind};
use iso8583_response::{Message, Options, decode, decode_with};

use crate::common::{plain, unhex};

struct Vector {
    path: String,
    bytes: Vec<u8>,
    expects: Vec<(String, String)>,
    error: Option<String>,
    header: u8,
    partial: bool,
    no_reading: bool,
    /// `#% dialect`, `#% length`, `#% anomaly` (tests/vectors/thirdparty/).
    dialect: Option<String>,
    length: Option<String>,
    anomalies: Vec<u8>,
}

fn load(dir: &str) -> Vec<Vector> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(dir);
    let mut paths: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "hex"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let mut expects = Vec::new();
            let mut error = None;
            let (mut header, mut partial, mut no_reading) = (0, false, false);
            let (mut dialect, mut length, mut anomalies) = (None, None, Vec::new());
            for line in text.lines() {
                match line.strip_prefix("#% ").map(str::trim) {
                    Some("partial") => partial = true,
                    Some("no-reading") => no_reading = true,
                    Some(d) if d.starts_with("header ") => header = d[7..].parse().unwrap(),
                    Some(d) if d.starts_with("dialect ") => dialect = Some(d[8..].to_owned()),
                    Some(d) if d.starts_with("length ") => length = Some(d[7..].to_owned()),
                    Some(d) if d.starts_with("anomaly ") => anomalies.push(d[8..].parse().unwrap()),
                    Some(d) if d.starts_with("layout ") => {}
                    Some(d) => panic!("{}: unknown directive {d}", path.display()),
                    None => {}
                }
                if let Some(rest) = line.strip_prefix("#= ") {
                    let (key, value) = rest.split_once(' ').unwrap();
                    let value: String = serde_json::from_str(value).unwrap();
                    expects.push((key.to_owned(), value));
                } else if let Some(rest) = line.strip_prefix("#! ") {
                    error = Some(rest.to_owned());
                }
            }
            Vector {
                path: path.display().to_string(),
                bytes: unhex(&text),
                expects,
                error,
                header,
                partial,
                no_reading,
                dialect,
                length,
                anomalies,
            }
        })
        .collect()
}

/// A text field's value as the vectors write it: GBK decoded, or `hex:` and the bytes.
fn gbk_or_hex(raw: &[u8]) -> String {
    let (text, _, bad) = encoding_rs::GBK.decode(raw);
    if bad || text.chars().any(|c| c.is_control()) {
        format!("hex:{}", hex::encode_upper(raw))
    } else {
        text.into_owned()
    }
}

fn check(vector: &Vector, message: &Message<'_>) {
    if vector.no_reading {
        assert!(vector.expects.is_empty(), "{}", vector.path);
        return;
    }
    assert!(
        !vector.expects.is_empty(),
        "{}: no expectations",
        vector.path
    );
    for (key, want) in &vector.expects {
        let got = match key.as_str() {
            "mti" => message.mti().as_str().to_owned(),
            "tpdu" => hex::encode_upper(CupHeader::new(message.header()).unwrap().tpdu()),
            "header" => hex::encode_upper(CupHeader::new(message.header()).unwrap().header()),
            n => {
                let n: u8 = n.parse().unwrap();
                let field = message
                    .field(n)
                    .unwrap_or_else(|| panic!("{}: field {n} missing", vector.path));
                // The response code as the crate reads it (EBCDIC in an ASCII field too).
                if let (39, Some(code)) = (n, message.response_code()) {
                    assert_eq!(code.as_str(), want, "{}: 39", vector.path);
                    continue;
                }
                if field.spec().kind == Kind::Text && message.dialect().name() == "cup-pos" {
                    gbk_or_hex(field.raw())
                } else {
                    plain(&field)
                }
            }
        };
        assert_eq!(&got, want, "{}: {key}", vector.path);
    }
    if vector.partial {
        return;
    }
    // Every present field is accounted for by an expectation.
    let stated = vector
        .expects
        .iter()
        .filter(|(k, _)| k.parse::<u8>().is_ok())
        .count();
    assert_eq!(
        message.fields().count(),
        stated,
        "{}: field count",
        vector.path
    );
}

fn run(dir: &str, dialect: impl Fn(&[u8]) -> &'static Dialect) -> usize {
    let vectors = load(dir);
    let mut ran = 0;
    for vector in &vectors {
        let mut chosen: Dialect = *dialect(&vector.bytes);
        // A directory may hold other layouts too (tests/vectors/ebcdic/).
        if vector
            .dialect
            .as_deref()
            .is_some_and(|d| d != chosen.name())
        {
            continue;
        }
        ran += 1;
        if vector.header > 0 {
            chosen = chosen.with_framing(Framing::header(vector.header));
        }
        // `#!` lines state what a strict decode says; a tolerant one says the same, or reads
        // the message and lists it as the first anomaly.
        let result = decode_with(&vector.bytes, &chosen, Options::STRICT);
        let tolerant = decode(&vector.bytes, &chosen);
        match (&vector.error, result) {
            (None, Ok(message)) => {
                check(vector, &message);
                let tolerant = tolerant.unwrap();
                check(vector, &tolerant);
                assert_eq!(tolerant.anomalies().count(), 0, "{}", vector.path);
            }
            (Some(want), Err(e)) => {
                assert_eq!(&e.to_string(), want, "{}", vector.path);
                match tolerant {
                    Err(t) => assert_eq!(t, e, "{}", vector.path),
                    Ok(m) => assert_eq!(
                        m.anomalies().next().map(|a| a.to_string()).as_ref(),
                        Some(want),
                        "{}",
                        vector.path
                    ),
                }
            }
            (None, Err(e)) => panic!("{}: {e}", vector.path),
            (Some(want), Ok(_)) => panic!("{}: decoded, expected {want}", vector.path),
        }
    }
    ran
}

#[test]
fn iso87_ascii() {
    assert!(run("iso87-ascii", |_| &dialect::ISO87_ASCII) >= 3);
}

#[test]
fn iso87_ascii_binbitmap() {
    assert!(run("iso87-ascii-binbitmap", |_| &dialect::ISO87_ASCII_BINBITMAP) >= 3);
}

#[test]
fn cup_pos_framed_and_unframed() {
    assert!(run("cup-pos", dialect::detect_cup_framing) >= 10);
}

#[test]
fn iso87_bcd() {
    assert!(run("iso87-bcd", |_| &dialect::ISO87_BCD) >= 8);
}

#[test]
fn iso93_ascii() {
    assert!(run("iso93-ascii", |_| &dialect::ISO93_ASCII) >= 10);
}

#[test]
fn iso87_ebcdic() {
    assert!(run("ebcdic", |_| &dialect::ISO87_EBCDIC) >= 9);
}

#[test]
fn iso93_bcd() {
    assert!(run("iso93-bcd", |_| &dialect::ISO93_BCD) >= 2);
}

/// `detect` finds a reading of every vector that gives the source's values: as it is, and
/// behind each kind of length header.
#[test]
fn detection_reads_every_vector_as_its_source() {
    use iso8583_response::detect;
    use iso8583_response::dialect::LengthHeader;
    let mut checked = 0;
    for dir in [
        "iso87-ascii",
        "iso87-ascii-binbitmap",
        "iso87-bcd",
        "iso93-ascii",
        "iso93-bcd",
        "cup-pos",
    ] {
        for vector in load(dir).iter().filter(|v| v.error.is_none()) {
            let framed_by_cup =
                dir == "cup-pos" && dialect::detect_cup_framing(&vector.bytes) == &dialect::CUP_POS;
            for length in LengthHeader::ALL {
                if framed_by_cup && length != LengthHeader::None {
                    continue;
                }
                let body = vector.bytes.len();
                let mut bytes = match length {
                    LengthHeader::None => vec![],
                    LengthHeader::Binary2 => (body as u16).to_be_bytes().to_vec(),
                    LengthHeader::Bcd2 => {
                        let d = format!("{body:04}");
                        hex::decode(d).unwrap()
                    }
                    _ => format!("{body:04}").into_bytes(),
                };
                bytes.extend_from_slice(&vector.bytes);
                let found = detect(&bytes).unwrap_or_else(|| panic!("{}: nothing", vector.path));
                assert!(found.complete, "{} {length:?}: {found:?}", vector.path);
                assert_eq!(found.anomalies, 0, "{} {length:?}", vector.path);
                if !framed_by_cup && dir != "cup-pos" {
                    assert_eq!(found.framing.length, length, "{}: {found:?}", vector.path);
                    assert_eq!(found.framing.header_len, vector.header, "{}", vector.path);
                }
                let chosen = found.dialect();
                let message = decode(&bytes, &chosen).unwrap();
                check(vector, &message);
                // A 1993 MTI read by the 1993 table is no mistake: the 1810 in iso87-bcd/ is
                // jPOS output the source read with both.
                let version_says = message.mti().version() == 1 && found.name.starts_with("iso93");
                assert!(
                    found.name == dir || found.tie.is_some() || version_says,
                    "{}: {found:?}",
                    vector.path
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

/// Messages from jPOS's packager tests, moov-io, issue threads and Stack Overflow, each with
/// what its source says about its layout (tests/vectors/thirdparty/README.md): decoded in the
/// named dialect and framing, tolerantly, they give the source's values; every anomaly found is
/// in a field the source's notes say breaks the table, and a strict decode refuses them; cut
/// messages give the fields before the cut; and `detect` finds a reading with the same values.
#[test]
fn third_party_messages_as_their_sources_read_them() {
    use iso8583_response::dialect::LengthHeader;
    use iso8583_response::{decode_partial, detect};
    let mut decoded = 0;
    for vector in load("thirdparty") {
        let Some(name) = vector.dialect.as_deref().filter(|d| *d != "unknown") else {
            continue;
        };
        let length = LengthHeader::by_name(vector.length.as_deref().unwrap_or("none")).unwrap();
        let chosen = dialect::by_name(name)
            .unwrap()
            .with_framing(Framing::length(length).with_header(vector.header));
        let message = match decode_partial(&vector.bytes, &chosen, Options::TOLERANT) {
            Ok(message) => message,
            Err(partial) => {
                assert!(vector.partial, "{}: {}", vector.path, partial.error());
                partial.into_message().unwrap()
            }
        };
        check(&vector, &message);
        for anomaly in message.anomalies() {
            let n = anomaly.field().unwrap();
            assert!(vector.anomalies.contains(&n), "{}: {anomaly}", vector.path);
        }
        if message.anomalies().next().is_some() {
            assert!(decode_with(&vector.bytes, &chosen, Options::STRICT).is_err());
        }
        let found = detect(&vector.bytes).unwrap_or_else(|| panic!("{}", vector.path));
        let again = found.dialect();
        let message = match decode_partial(&vector.bytes, &again, Options::TOLERANT) {
            Ok(message) => message,
            Err(partial) => partial.into_message().unwrap(),
        };
        check(&vector, &message);
        decoded += 1;
    }
    assert!(decoded >= 15, "{decoded}");
}
