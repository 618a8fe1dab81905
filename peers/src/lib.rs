//! What the peer comparison shares between the criterion bench (`benches/peers.rs`) and the
//! instruction counter (`src/bin/instructions.rs`): the field table every library gets, each
//! library's spec built from it, the headline messages, the field-by-field check that a library
//! decodes a message right before it is measured, and a plain byte-at-a-time decoder over our
//! own dialect tables as the baseline for packed (BCD) layouts.

use std::collections::BTreeMap;

use iso8583_response::dialect::Dialect;

/// What a field holds, for the peers that want to know (the same split as our ISO 8583:1987
/// table: `n` fields numeric; `ans`, `x+n` and tracks text; `b` binary).
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    N,
    T,
    B,
}
pub use Kind::{B, N, T};

/// pyiso8583's ISO 8583:1987 table, fields 2 to 128: (number, length prefix digits (0 for
/// fixed), maximum length in the `default` spec, kind). In `default_ascii` the binary fields
/// (52, 55, 64, 65, 96, 128) are hex text of twice that many characters, and the rest is the
/// same. Generated from `iso8583.specs.default`; ASCII MTI and ASCII length prefixes throughout.
#[rustfmt::skip]
pub const PYISO8583_1987: [(u8, u8, u16, Kind); 127] = [
    (2, 2, 19, N), (3, 0, 6, N), (4, 0, 12, N), (5, 0, 12, N), (6, 0, 12, N), (7, 0, 10, N),
    (8, 0, 8, N), (9, 0, 8, N), (10, 0, 8, N), (11, 0, 6, N), (12, 0, 6, N), (13, 0, 4, N),
    (14, 0, 4, N), (15, 0, 4, N), (16, 0, 4, N), (17, 0, 4, N), (18, 0, 4, N), (19, 0, 3, N),
    (20, 0, 3, N), (21, 0, 3, N), (22, 0, 3, N), (23, 0, 3, N), (24, 0, 3, N), (25, 0, 2, N),
    (26, 0, 2, N), (27, 0, 1, N), (28, 0, 9, T), (29, 0, 9, T), (30, 0, 9, T), (31, 0, 9, T),
    (32, 2, 11, N), (33, 2, 11, N), (34, 2, 28, T), (35, 2, 37, T), (36, 3, 104, T), (37, 0, 12, T),
    (38, 0, 6, T), (39, 0, 2, T), (40, 0, 3, T), (41, 0, 8, T), (42, 0, 15, T), (43, 0, 40, T),
    (44, 2, 25, T), (45, 2, 76, T), (46, 3, 999, T), (47, 3, 999, T), (48, 3, 999, T), (49, 0, 3, T),
    (50, 0, 3, T), (51, 0, 3, T), (52, 0, 8, B), (53, 0, 16, N), (54, 3, 240, T), (55, 3, 255, B),
    (56, 3, 999, T), (57, 3, 999, T), (58, 3, 999, T), (59, 3, 999, T), (60, 3, 999, T), (61, 3, 999, T),
    (62, 3, 999, T), (63, 3, 999, T), (64, 0, 8, B), (65, 0, 8, B), (66, 0, 1, N), (67, 0, 2, N),
    (68, 0, 3, N), (69, 0, 3, N), (70, 0, 3, N), (71, 0, 4, N), (72, 0, 4, N), (73, 0, 6, N),
    (74, 0, 10, N), (75, 0, 10, N), (76, 0, 10, N), (77, 0, 10, N), (78, 0, 10, N), (79, 0, 10, N),
    (80, 0, 10, N), (81, 0, 10, N), (82, 0, 12, N), (83, 0, 12, N), (84, 0, 12, N), (85, 0, 12, N),
    (86, 0, 16, N), (87, 0, 16, N), (88, 0, 16, N), (89, 0, 16, N), (90, 0, 42, N), (91, 0, 1, T),
    (92, 0, 2, T), (93, 0, 5, T), (94, 0, 7, T), (95, 0, 42, T), (96, 0, 8, B), (97, 0, 17, T),
    (98, 0, 25, T), (99, 2, 11, N), (100, 2, 11, N), (101, 2, 17, T), (102, 2, 28, T), (103, 2, 28, T),
    (104, 3, 100, T), (105, 3, 999, T), (106, 3, 999, T), (107, 3, 999, T), (108, 3, 999, T), (109, 3, 999, T),
    (110, 3, 999, T), (111, 3, 999, T), (112, 3, 999, T), (113, 3, 999, T), (114, 3, 999, T), (115, 3, 999, T),
    (116, 3, 999, T), (117, 3, 999, T), (118, 3, 999, T), (119, 3, 999, T), (120, 3, 999, T), (121, 3, 999, T),
    (122, 3, 999, T), (123, 3, 999, T), (124, 3, 999, T), (125, 3, 999, T), (126, 3, 999, T), (127, 3, 999, T),
    (128, 0, 8, B),
];

pub fn kind(n: u8) -> Kind {
    PYISO8583_1987[usize::from(n) - 2].3
}

/// i8583's spec for pyiso8583's `default_ascii`: ASCII MTI, hex bitmaps, ASCII prefixes, binary
/// fields as hex text (i8583 only reads hex bitmaps). Lengths count wire bytes. i8583 ignores
/// the data type, so it only labels the field here.
pub fn i8583_spec() -> [Option<i8583::data::Spec>; 129] {
    use i8583::data::{Size, Spec, Type};
    std::array::from_fn(|i| match i {
        0 => Some(Spec {
            data_type: Type::NUM,
            data_size: Size::FIXED(4),
        }),
        1 => Some(Spec {
            data_type: Type::AN,
            data_size: Size::BMP,
        }),
        _ => {
            let (n, digits, max, kind) = PYISO8583_1987[i - 2];
            assert_eq!(usize::from(n), i);
            let max = if kind == B { 2 * max } else { max };
            Some(Spec {
                data_type: match kind {
                    N => Type::NUM,
                    T => Type::ANS,
                    B => Type::AN, // hex text
                },
                data_size: match digits {
                    0 => Size::FIXED(max),
                    2 => Size::LL(max),
                    _ => Size::LLL(max),
                },
            })
        }
    })
}

/// iso8583-codec's spec for pyiso8583's `default`: ASCII MTI, binary bitmaps (the only kind it
/// reads), ASCII prefixes, raw binary fields. Field 65 cannot be declared: the codec reserves it
/// as the tertiary-bitmap indicator and rejects messages that set it.
pub fn codec_spec() -> iso8583_codec::Spec {
    use iso8583_codec::{FieldSpec, Length, Spec};
    let fields = PYISO8583_1987
        .iter()
        .filter(|f| f.0 != 65)
        .map(|&(n, digits, max, kind)| {
            let name: &'static str = Box::leak(format!("Field {n}").into_boxed_str());
            let length = match digits {
                0 => Length::fixed(max),
                2 => Length::llvar(max),
                _ => Length::lllvar(max),
            };
            match kind {
                N => FieldSpec::numeric(n, name, length),
                T => FieldSpec::text(n, name, length),
                B => FieldSpec::binary(n, name, length),
            }
        })
        .collect();
    Spec::new("pyiso8583 default (ISO 8583:1987)", fields).expect("valid iso8583-codec spec")
}

/// One line of messages.jsonl.
pub struct Line {
    pub name: String,
    pub spec: String,
    pub bytes: Vec<u8>,
    pub field39: String,
    /// Field number to value as the JSON has it (binary values as upper-case hex).
    pub fields: BTreeMap<u8, String>,
}

pub fn lines() -> Vec<Line> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/messages.jsonl");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let s = |k: &str| v[k].as_str().unwrap_or_else(|| panic!("{k}")).to_owned();
            Line {
                name: s("name"),
                spec: s("spec"),
                bytes: hex::decode(s("hex")).expect("hex"),
                field39: s("field39"),
                fields: v["fields"]
                    .as_object()
                    .expect("fields")
                    .iter()
                    .map(|(k, v)| (k.parse().unwrap(), v.as_str().unwrap().to_owned()))
                    .collect(),
            }
        })
        .collect()
}

/// A decoded value as the JSON writes it: raw binary as upper-case hex, the rest as text.
pub fn shown(raw: &[u8], binary: bool) -> String {
    if binary {
        hex::encode_upper(raw)
    } else {
        String::from_utf8_lossy(raw).into_owned()
    }
}

/// Compares every decoded data field with the line's `fields`: same set, same values.
pub fn same_fields(got: &BTreeMap<u8, String>, line: &Line) -> Result<(), String> {
    if got == &line.fields {
        return Ok(());
    }
    for (n, want) in &line.fields {
        match got.get(n) {
            None => return Err(format!("field {n} missing")),
            Some(v) if v != want => return Err(format!("field {n} = {v:?}, expected {want:?}")),
            _ => {}
        }
    }
    let extra: Vec<_> = got
        .keys()
        .filter(|n| !line.fields.contains_key(n))
        .collect();
    Err(format!("unexpected fields {extra:?}"))
}

pub fn check_ours(line: &Line, d: &Dialect) -> Result<(), String> {
    let m = iso8583_response::decode(&line.bytes, d).map_err(|e| e.to_string())?;
    let raw_binary = line.spec == "default";
    let got = m
        .fields()
        .map(|f| {
            (
                f.number(),
                shown(f.raw(), raw_binary && kind(f.number()) == B),
            )
        })
        .collect();
    same_fields(&got, line)
}

pub fn check_i8583(line: &Line, spec: &[Option<i8583::data::Spec>; 129]) -> Result<(), String> {
    let mut u = i8583::Unpacker::new(&line.bytes);
    let fields = u.unpack(spec)?;
    let got = fields
        .iter()
        .enumerate()
        .skip(2) // MTI and bitmap
        .filter_map(|(n, v)| v.map(|v| (n as u8, shown(v, false))))
        .collect();
    same_fields(&got, line)?;
    // i8583 does not report trailing bytes: check that the last field ends the message.
    let last = fields.iter().rev().find_map(|v| *v).unwrap();
    let end = last.as_ptr() as usize + last.len() - line.bytes.as_ptr() as usize;
    if end != line.bytes.len() {
        return Err(format!("stopped at byte {end} of {}", line.bytes.len()));
    }
    Ok(())
}

pub fn check_codec(line: &Line, spec: &iso8583_codec::Spec) -> Result<(), String> {
    use iso8583_codec::FieldValue;
    let m = iso8583_codec::Message::parse(spec, &line.bytes).map_err(|e| e.to_string())?;
    let got = m
        .fields()
        .map(|(n, v)| {
            let s = match v {
                FieldValue::Binary(b) => shown(b, true),
                FieldValue::Text(s) | FieldValue::Digits(s) => s.clone(),
            };
            (n, s)
        })
        .collect();
    same_fields(&got, line)
}

/// The baseline for packed layouts: a plain, strict decoder that reads a message of `dialect`
/// one field and one byte at a time, straight from the public field specs (no plans, no group
/// sums, no word-at-a-time checks). Returns where each present field ends, or `None` for any
/// fault. What a careful first implementation would do; the crate's decoder should not be
/// slower on the same messages.
pub fn baseline_decode(input: &[u8], dialect: &Dialect) -> Option<[u32; 129]> {
    use iso8583_response::dialect::{
        BitmapEncoding, Encoding, Kind as K, MtiEncoding, Prefix, PrefixEncoding,
    };
    let mut at = dialect.framing().size();
    // MTI.
    match dialect.mti_encoding() {
        MtiEncoding::Bcd => {
            for &b in input.get(at..at + 2)? {
                if b >> 4 > 9 || b & 15 > 9 {
                    return None;
                }
            }
            at += 2;
        }
        _ => {
            for &b in input.get(at..at + 4)? {
                if !b.is_ascii_digit() {
                    return None;
                }
            }
            at += 4;
        }
    }
    // Bitmaps: a 64-bit word each, read a byte (or a hex character) at a time.
    let bitmap = |at: &mut usize| -> Option<u64> {
        let mut word = 0u64;
        match dialect.bitmap_encoding() {
            BitmapEncoding::Binary => {
                for &b in input.get(*at..*at + 8)? {
                    word = word << 8 | u64::from(b);
                }
                *at += 8;
            }
            _ => {
                for &c in input.get(*at..*at + 16)? {
                    word = word << 4 | u64::from((c as char).to_digit(16)?);
                }
                *at += 16;
            }
        }
        Some(word)
    };
    let primary = bitmap(&mut at)?;
    let secondary = if primary >> 63 != 0 {
        bitmap(&mut at)?
    } else {
        0
    };
    let mut bits = u128::from(primary) << 64 | u128::from(secondary);
    bits &= !(1u128 << 127);
    let mut ends = [0u32; 129];
    while bits != 0 {
        let n = bits.leading_zeros() as u8 + 1;
        bits &= !(1u128 << (128 - u32::from(n)));
        let spec = dialect.field(n)?;
        // Length: fixed, or a prefix of ASCII digits, BCD or binary.
        let len = if spec.prefix == Prefix::Fixed {
            usize::from(spec.max)
        } else {
            let size = spec.prefix_size();
            let mut len = 0usize;
            for &b in input.get(at..at + size)? {
                len = match spec.prefix_encoding {
                    PrefixEncoding::Ascii if b.is_ascii_digit() => len * 10 + usize::from(b - b'0'),
                    PrefixEncoding::Bcd if b >> 4 <= 9 && b & 15 <= 9 => {
                        len * 100 + usize::from(b >> 4) * 10 + usize::from(b & 15)
                    }
                    PrefixEncoding::Binary => len << 8 | usize::from(b),
                    _ => return None,
                };
            }
            if len > usize::from(spec.max) {
                return None;
            }
            at += size;
            len
        };
        let wire = spec.wire_len(len);
        let value = input.get(at..at + wire)?;
        // Content, a byte at a time.
        let ok = match (spec.encoding, spec.kind) {
            (_, K::Text) | (Encoding::Binary, _) => true,
            (Encoding::Ascii, K::Numeric) => value.iter().all(u8::is_ascii_digit),
            (Encoding::Ascii, K::Amount) => {
                matches!(value.first(), Some(b'C' | b'D'))
                    && value[1..].iter().all(u8::is_ascii_digit)
            }
            (Encoding::Ascii, _) => value.iter().all(|&b| b == b'=' || b.is_ascii_hexdigit()),
            (Encoding::HexAscii, _) => value.iter().all(u8::is_ascii_hexdigit),
            (Encoding::Bcd(_), kind) => {
                let digits = if kind == K::Amount {
                    if !matches!(value.first(), Some(b'C' | b'D')) {
                        return None;
                    }
                    &value[1..]
                } else {
                    value
                };
                let track = kind == K::Track;
                // Pad nibbles are 0 or F: accept F in either place, as digits otherwise.
                digits.iter().all(|&b| {
                    let good = |d: u8| d <= 9 || d == 15 || (track && d == 13);
                    good(b >> 4) && good(b & 15)
                })
            }
            _ => true,
        };
        if !ok {
            return None;
        }
        at += wire;
        ends[usize::from(n)] = at as u32;
    }
    (at == input.len()).then_some(ends)
}

/// A test vector of the main crate (`tests/vectors/<dir>/<file>.hex`: hex, `#` comments,
/// `#% header N`) and the built-in dialect `name` to decode it with (CUP's framing chosen per
/// message).
pub fn vector(name: &str, path: &str) -> (Vec<u8>, Dialect) {
    use iso8583_response::dialect::{self, Framing};
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut d = *dialect::by_name(name).expect("dialect");
    let mut hex = String::new();
    for line in text.lines() {
        hex.extend(line.split('#').next().unwrap_or("").split_whitespace());
    }
    let bytes = hex::decode(&hex).expect("hex");
    if name == "cup-pos" {
        d = *dialect::detect_cup_framing(&bytes);
    }
    for line in text.lines() {
        if let Some(n) = line.strip_prefix("#% header ") {
            d = d.with_framing(Framing::header(n.trim().parse().expect("header size")));
        }
    }
    (bytes, d)
}

/// The packed-field vectors the baseline is measured on: every iso87-bcd and cup-pos vector of
/// the main crate that decodes (those marked `#!` are rejection tests).
pub fn packed_vectors() -> Vec<(String, Vec<u8>, Dialect)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors");
    let mut out = Vec::new();
    for name in ["iso87-bcd", "cup-pos"] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{name}"))
            .expect("vector directory")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "hex"))
            .collect();
        paths.sort();
        for path in paths {
            let path = path.to_string_lossy().into_owned();
            if std::fs::read_to_string(&path).is_ok_and(|t| t.contains("\n#! ")) {
                continue;
            }
            let (bytes, d) = vector(name, &path);
            let file = path
                .rsplit('/')
                .next()
                .unwrap_or(&path)
                .trim_end_matches(".hex");
            out.push((format!("{name}/{file}"), bytes, d));
        }
    }
    out
}
