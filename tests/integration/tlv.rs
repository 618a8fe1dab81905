//! The BER-TLV reader against pyemv, an independent implementation, tag by tag, on EMV data from
//! other projects (tests/vectors/emv: vectors.tsv says where each blob comes from, expected.tsv
//! is pyemv's reading written by make_expected.py). Also: whatever the data, the printed forms
//! of `EmvData` never show the card number, track data or the cardholder name.

use std::collections::BTreeMap;
use std::path::PathBuf;

use iso8583_response::emv::{Data, EmvData, TlvError, TlvFault, Tlvs};

/// Rows as expected.tsv writes them: (tag path from the top, value as upper-case hex).
type Rows = Vec<(String, String)>;

/// A blob the crate reads and pyemv rejects: the crate's reading, and why it is the right one.
/// Each is checked both ways: pyemv's row must still be an ERROR, and the crate must read
/// exactly these rows.
struct KnownDifference {
    name: &'static str,
    crate_rows: &'static [(&'static str, &'static str)],
    why: &'static str,
}

const KNOWN_DIFFERENCES: &[KnownDifference] = &[KnownDifference {
    name: "jpos-zero-padding",
    crate_rows: &[("FE", "")],
    why: "FE 00 00: the last 00 is padding. EMV Book 3 Annex B1 lets '00' bytes without meaning \
          occur before, between or after data objects, and the crate skips them; pyemv reads the \
          00 as a tag and fails for want of its length.",
}];

/// Tags whose values must never be printed (card number, track data, cardholder name).
const SENSITIVE: &[u32] = &[0x5A, 0x57, 0x56, 0x9F6B, 0x9F1F, 0x9F20, 0x5F20];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/emv")
}

/// Data rows of a TSV file: `#` lines and the header row (first field `name`) skipped.
fn tsv(file: &str) -> Vec<Vec<String>> {
    let path = dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_owned).collect::<Vec<_>>())
        .filter(|f| f[0] != "name")
        .collect()
}

/// The vectors, in file order: (name, bytes).
fn vectors() -> Vec<(String, Vec<u8>)> {
    tsv("vectors.tsv")
        .into_iter()
        .map(|f| {
            assert_eq!(f.len(), 3, "vectors.tsv row {f:?}");
            assert!(!f[2].is_empty(), "{}: no source", f[0]);
            let bytes = hex::decode(&f[1]).unwrap_or_else(|e| panic!("{}: {e}", f[0]));
            (f[0].clone(), bytes)
        })
        .collect()
}

/// pyemv's reading by vector name: its rows, or its error message.
fn expected() -> BTreeMap<String, Result<Rows, String>> {
    let mut out: BTreeMap<String, Result<Rows, String>> = BTreeMap::new();
    for f in tsv("expected.tsv") {
        assert_eq!(f.len(), 3, "expected.tsv row {f:?}");
        let [name, path, value] = [&f[0], &f[1], &f[2]];
        if path == "ERROR" {
            assert!(
                out.insert(name.clone(), Err(value.clone())).is_none(),
                "{name}"
            );
            continue;
        }
        match out.entry(name.clone()).or_insert_with(|| Ok(Vec::new())) {
            Ok(rows) => rows.push((path.clone(), value.clone())),
            Err(_) => panic!("{name}: rows after an ERROR row"),
        }
    }
    out
}

fn hex_of(data: Data<'_>) -> String {
    data.bytes().map(|b| format!("{b:02X}")).collect()
}

/// Walks the data objects depth first, templates followed all the way down, pushing one row per
/// object (a template's row holds its whole value) until the first fault.
fn walk(tlvs: Tlvs<'_>, prefix: &str, rows: &mut Rows) -> Result<(), TlvError> {
    for tlv in tlvs {
        let tlv = tlv?;
        let path = if prefix.is_empty() {
            tlv.tag().to_string()
        } else {
            format!("{prefix}/{}", tlv.tag())
        };
        rows.push((path.clone(), hex_of(tlv.value())));
        if let Some(children) = tlv.children() {
            walk(children, &path, rows)?;
        }
    }
    Ok(())
}

/// The crate's reading of `bytes`, raw and as hex text; both must be the same. The rows read
/// before a fault are returned with it.
fn read(name: &str, bytes: &[u8]) -> (Rows, Result<(), TlvError>) {
    let mut raw_rows = Vec::new();
    let raw = walk(Tlvs::new(Data::raw(bytes)), "", &mut raw_rows);
    let text = hex::encode_upper(bytes);
    let mut hex_rows = Vec::new();
    let hex = walk(Tlvs::new(Data::hex(text.as_bytes())), "", &mut hex_rows);
    assert_eq!(
        raw_rows, hex_rows,
        "{name}: raw and hex data read differently"
    );
    match (&raw, &hex) {
        (Ok(()), Ok(())) => {}
        (Err(r), Err(h)) => {
            assert_eq!(
                (r.fault(), r.tag(), r.position()),
                (h.fault(), h.tag(), h.position()),
                "{name}: raw and hex faults differ"
            );
            assert_eq!(h.offset(), 2 * h.position(), "{name}: hex offset");
        }
        _ => panic!("{name}: raw {raw:?}, hex {hex:?}"),
    }
    (raw_rows, raw)
}

fn show(rows: &[(String, String)]) -> String {
    rows.iter().map(|(p, v)| format!("  {p} = {v}\n")).collect()
}

#[test]
fn the_reader_agrees_with_pyemv_tag_by_tag() {
    let vectors = vectors();
    let mut expected = expected();
    assert!(vectors.len() >= 15, "only {} vectors", vectors.len());
    let (mut agreed, mut rejected) = (0, 0);
    for (name, bytes) in &vectors {
        let want = expected
            .remove(name)
            .unwrap_or_else(|| panic!("{name}: not in expected.tsv"));
        let (rows, result) = read(name, bytes);
        if let Some(known) = KNOWN_DIFFERENCES.iter().find(|d| d.name == name) {
            let why = known.why;
            assert!(
                want.is_err(),
                "{name}: pyemv now reads it; drop it from KNOWN_DIFFERENCES"
            );
            let crate_rows: Rows = known
                .crate_rows
                .iter()
                .map(|(p, v)| ((*p).to_owned(), (*v).to_owned()))
                .collect();
            assert!(result.is_ok(), "{name}: {result:?} ({why})");
            assert_eq!(rows, crate_rows, "{name} ({why})");
            continue;
        }
        match want {
            Ok(want) => {
                if let Err(e) = result {
                    panic!(
                        "{name}: pyemv reads it, the crate fails: {e}\nread so far:\n{}\
                         pyemv:\n{}",
                        show(&rows),
                        show(&want)
                    );
                }
                assert!(
                    rows == want,
                    "{name}: readings differ\ncrate:\n{}pyemv:\n{}",
                    show(&rows),
                    show(&want)
                );
                agreed += 1;
            }
            Err(message) => {
                let e = result.expect_err(&format!(
                    "{name}: pyemv rejects it ({message}), the crate reads\n{}",
                    show(&rows)
                ));
                // A fault points at a byte of the data; running out of data inside a tag or a
                // length points just past the last byte, where the missing byte would be.
                let end = bytes.len();
                match e.fault() {
                    TlvFault::TruncatedTag | TlvFault::TruncatedLength => {
                        assert!(e.position() <= end, "{name}: {e} (data is {end} bytes)")
                    }
                    _ => assert!(e.position() < end, "{name}: {e} (data is {end} bytes)"),
                }
                assert_eq!(e.offset(), e.position(), "{name}: raw data offset");
                rejected += 1;
            }
        }
    }
    assert!(
        expected.is_empty(),
        "expected.tsv names no vector: {:?}",
        expected.keys().collect::<Vec<_>>()
    );
    for known in KNOWN_DIFFERENCES {
        let name = known.name;
        assert!(
            vectors.iter().any(|v| v.0 == name),
            "{name}: no such vector"
        );
    }
    assert_eq!(
        agreed + rejected + KNOWN_DIFFERENCES.len(),
        vectors.len(),
        "every vector checked"
    );
}

#[test]
fn printed_forms_never_show_card_data() {
    let expected = expected();
    let mut checked = 0;
    for (name, bytes) in vectors() {
        // Sensitive values as either reader found them (the crate's up to its first fault).
        let (mut rows, _) = read(&name, &bytes);
        if let Some(Ok(theirs)) = expected.get(&name) {
            rows.extend(theirs.iter().cloned());
        }
        let secrets: Vec<String> = rows
            .into_iter()
            .filter(|(path, value)| {
                let tag = path.rsplit('/').next().unwrap_or_default();
                let tag = u32::from_str_radix(tag, 16).unwrap();
                SENSITIVE.contains(&tag) && value.len() >= 8
            })
            .map(|(_, value)| value)
            .collect();
        let text = hex::encode_upper(&bytes);
        for data in [Data::raw(&bytes), Data::hex(text.as_bytes())] {
            let emv = EmvData::new(data);
            for shown in [emv.to_string(), format!("{emv:#}")] {
                for secret in &secrets {
                    assert!(
                        !shown.contains(secret.as_str()),
                        "{name}: {secret} printed:\n{shown}"
                    );
                    // Names and track 1 data are text: the text must not show either.
                    let raw = hex::decode(secret).unwrap();
                    if raw.len() >= 8 && raw.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
                        let words = String::from_utf8(raw).unwrap();
                        assert!(
                            !shown.contains(words.trim()),
                            "{name}: {words:?} printed:\n{shown}"
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 40, "only {checked} sensitive values checked");
}
