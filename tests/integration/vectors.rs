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
            for line in text.lines() {
                match line.strip_prefix("#% ").map(str::trim) {
                    Some("partial") => partial = true,
                    Some("no-reading") => no_reading = true,
                    Some(d) if d.starts_with("header ") => header = d[7..].parse().unwrap(),
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
    for vector in &vectors {
        let mut chosen: Dialect = *dialect(&vector.bytes);
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
    vectors.len()
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
fn iso93_bcd() {
    assert!(run("iso93-bcd", |_| &dialect::ISO93_BCD) >= 2);
}
