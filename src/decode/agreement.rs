//! The fast walk against the exact walk (see `walk.rs`): a unit test, as the exact walk alone is
//! not public.

use std::format;
use std::string::String;
use std::vec::Vec;

use super::{Options, Partial, run};
use crate::dialect::{Dialect, Encoding, FieldSpec, Kind, Prefix, Unit};
use crate::encode::OwnedDraft;
use crate::error::DecodeError;
use crate::message::Message;

#[path = "../../tests/support/random.rs"]
mod random;

/// The fast walk and the exact walk give the same answer (the same fields, or the same
/// error) on every test vector, on random valid messages of every dialect, and on many
/// mutations of each: bytes changed (digits to other characters among them), cut, removed
/// or repeated.
#[test]
fn fast_walk_agrees_with_exact_walk() {
    use crate::dialect::{BUILT_IN, CUP_POS_UNFRAMED, detect_cup_framing};
    use random::draft_for;

    // The fields read (of a partial message too), the anomalies, and the error if any.
    let fields = |m: &Message<'_>| {
        let read = m
            .fields()
            .map(|f| (f.number(), f.offset(), f.raw().len()))
            .collect::<Vec<_>>();
        (read, m.anomalies().collect::<Vec<_>>(), m.is_partial())
    };
    let shape = |r: &Result<Message<'_>, Partial<'_>>| match r {
        Ok(m) => (fields(m), None),
        Err(p) => (p.message().map(fields).unwrap_or_default(), Some(p.error())),
    };
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound.max(1) as u64) as usize
    };
    // Starting points: the vectors, then random valid messages.
    let mut bases: Vec<(&Dialect, Vec<u8>)> = Vec::new();
    for (name, dialect) in BUILT_IN {
        // The EBCDIC messages share a directory with other EBCDIC layouts.
        let (dir, mark) = match name {
            "iso87-ebcdic" => ("ebcdic", "#% dialect iso87-ebcdic"),
            _ => (name, ""),
        };
        let dir = format!("{}/tests/vectors/{dir}", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "hex") {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            if !text.contains(mark) {
                continue;
            }
            let digits: String = text
                .lines()
                .map(|line| line.split('#').next().unwrap_or(""))
                .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
                .collect();
            let bytes = hex::decode(digits).unwrap();
            let dialect = if name == "cup-pos" {
                detect_cup_framing(&bytes)
            } else {
                dialect
            };
            bases.push((dialect, bytes));
        }
    }
    let dialects = BUILT_IN.iter().map(|(_, d)| *d).chain([&CUP_POS_UNFRAMED]);
    for dialect in dialects {
        for _ in 0..60 {
            let picks: Vec<(u8, Vec<u8>)> = (0..next(24))
                .map(|_| {
                    let n = 2 + next(127) as u8;
                    (n, (0..next(40)).map(|_| next(256) as u8).collect())
                })
                .collect();
            let header: Vec<u8> = (0..8).map(|_| next(256) as u8).collect();
            let draft = draft_for(dialect, next(10_000) as u16, &header, &picks);
            bases.push((
                dialect,
                crate::encode::encode(&draft.draft(), dialect).unwrap(),
            ));
        }
    }
    let (mut accepted, mut rejected) = (0, 0);
    for (dialect, bytes) in &bases {
        for round in 0..400 {
            let mut m = bytes.clone();
            for _ in 0..usize::from(round > 0) * (1 + next(3)) {
                let at = next(m.len());
                match next(8) {
                    0 => m.truncate(at),
                    1 => m.insert(at, m.get(at).copied().unwrap_or(b'0')),
                    2 => {
                        if at < m.len() {
                            m.remove(at);
                        }
                    }
                    _ => {
                        if let Some(b) = m.get_mut(at) {
                            *b = b"0123456789:/ AFaf=D\x00\xff\x99\x3f"[next(23)];
                        }
                    }
                }
            }
            let options = [Options::STRICT, Options::TOLERANT][next(2)];
            let fast = run::<true>(&m, dialect, options);
            let exact = run::<false>(&m, dialect, options);
            assert_eq!(
                shape(&fast),
                shape(&exact),
                "{} {options:?} {}",
                dialect.name(),
                hex::encode(&m)
            );
            // Tolerance moves no boundary: a strict decode that succeeds is the tolerant one,
            // with no anomaly; one that fails on content is a tolerant success or stops at a
            // boundary fault further on.
            let strict = run::<true>(&m, dialect, Options::STRICT);
            let tolerant = run::<true>(&m, dialect, Options::TOLERANT);
            match (&strict, &tolerant) {
                (Ok(_), _) => assert_eq!(shape(&strict), shape(&tolerant)),
                (Err(s), Ok(t)) => assert!(
                    t.anomalies().next().map(DecodeError::from) == Some(s.error()),
                    "{} {}",
                    dialect.name(),
                    hex::encode(&m)
                ),
                (Err(s), Err(t)) => assert!(t.error().offset() >= s.error().offset()),
            }
            if fast.is_ok() {
                accepted += 1;
            } else {
                rejected += 1;
            }
        }
    }
    assert!(
        accepted > 20_000 && rejected > 20_000,
        "{accepted} {rejected}"
    );
}
