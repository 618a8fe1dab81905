//! No input makes the decoder panic: random bytes and mutated real messages, in every dialect.
//! On success every field lies inside the input, in order, and printing masks the card number.

use iso8583_response::dialect::{self, BUILT_IN, CUP_POS_UNFRAMED, Dialect};
use iso8583_response::{Message, decode};
use proptest::prelude::*;

use crate::common::unhex;

fn all_dialects() -> Vec<&'static Dialect> {
    let mut all: Vec<&'static Dialect> = BUILT_IN.iter().map(|(_, d)| *d).collect();
    all.push(&CUP_POS_UNFRAMED);
    all
}

fn check(input: &[u8], message: &Message<'_>) {
    let base = input.as_ptr() as usize;
    let mut end = message.header().len();
    for field in message.fields() {
        let start = field.raw().as_ptr() as usize - base;
        assert!(start >= end);
        end = start + field.raw().len();
        assert!(end <= input.len());
        let _ = field.to_string();
        if let Some(digits) = field.digits() {
            assert_eq!(digits.len(), digits.clone().count());
        }
        if let Some(bytes) = field.bytes() {
            assert_eq!(bytes.len(), bytes.clone().count());
        }
    }
    let _ = format!("{message} {message:?}");
    let _ = message.response_code();
}

fn seeds() -> Vec<Vec<u8>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
    let mut out = Vec::new();
    for dir in ["iso87-ascii", "iso87-ascii-binbitmap", "cup-pos"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            out.push(unhex(
                &std::fs::read_to_string(entry.unwrap().path()).unwrap(),
            ));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..400)) {
        for d in all_dialects() {
            if let Ok(message) = decode(&input, d) {
                check(&input, &message);
            }
        }
    }

    #[test]
    fn mutated_messages_never_panic(
        which in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let seeds = seeds();
        let mut input = which.get(&seeds).clone();
        for (at, byte) in edits {
            let i = at.index(input.len());
            input[i] = byte;
        }
        let keep = input.len() - cut.index(input.len() / 4 + 1);
        input.truncate(keep);
        for d in all_dialects() {
            if let Ok(message) = decode(&input, d) {
                check(&input, &message);
            }
        }
        let d = dialect::detect_cup_framing(&input);
        if let Ok(message) = decode(&input, d) {
            check(&input, &message);
        }
    }
}

/// The fuzz corpora (seeded from tests/vectors, grown by fuzzing) replayed as an ordinary test.
#[test]
fn fuzz_corpus_replays_cleanly() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus");
    let targets: [(&str, &[&Dialect]); 7] = [
        ("decode_iso87_ascii", &[&dialect::ISO87_ASCII]),
        ("decode_iso87_binbitmap", &[&dialect::ISO87_ASCII_BINBITMAP]),
        ("decode_iso87_bcd", &[&dialect::ISO87_BCD]),
        ("decode_iso87_ebcdic", &[&dialect::ISO87_EBCDIC]),
        ("decode_iso93_ascii", &[&dialect::ISO93_ASCII]),
        ("decode_iso93_bcd", &[&dialect::ISO93_BCD]),
        ("decode_cup_pos", &[&dialect::CUP_POS, &CUP_POS_UNFRAMED]),
    ];
    let mut replayed = 0;
    for (target, dialects) in targets {
        let Ok(dir) = std::fs::read_dir(format!("{root}/{target}")) else {
            continue;
        };
        for entry in dir {
            let input = std::fs::read(entry.unwrap().path()).unwrap();
            for d in dialects {
                if let Ok(message) = decode(&input, d) {
                    check(&input, &message);
                }
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 40, "{replayed}");
}
