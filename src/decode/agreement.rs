//! The fast walk against the exact walk (see `walk.rs`): a unit test, as the exact walk alone is
//! not public.

use std::format;
use std::string::String;
use std::vec::Vec;

use super::{Options, Partial, run};
use crate::dialect::{
    Align, BitmapEncoding, Dialect, Encoding, FieldSpec, Framing, Kind, LengthHeader, MtiEncoding,
    Prefix, PrefixEncoding, Standard, Unit,
};
use crate::encode::{EncodeErrorKind, OwnedDraft};
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

    // The fields read (of a partial message too), the anomalies, and the error if any.
    // What iteration finds, and look-up by number (which reads the group ends the walk
    // recorded) the same, for every number.
    let fields = |m: &Message<'_>| {
        let read = m
            .fields()
            .map(|f| (f.number(), f.offset(), f.raw().len()))
            .collect::<Vec<_>>();
        let looked_up = (2..=192u8)
            .filter_map(|n| m.field(n).map(|f| (f.number(), f.offset(), f.raw().len())))
            .collect::<Vec<_>>();
        assert_eq!(read, looked_up);
        for n in 2..=192u8 {
            assert_eq!(m.has(n), read.iter().any(|f| f.0 == n), "has({n})");
        }
        (read, m.anomalies().collect::<Vec<_>>(), m.is_partial())
    };
    let shape = |r: &Result<Message<'_>, Partial<'_>>| match r {
        Ok(m) => (fields(m), None),
        Err(p) => (p.message().map(fields).unwrap_or_default(), Some(p.error())),
    };
    let mut next = random::numbers(0x2545_f491_4f6c_dd1du64);
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
    // Random user dialects, each with a few messages (leaked: the bases borrow them).
    let mut randoms: Vec<&'static Dialect> = Vec::new();
    for _ in 0..40 {
        randoms.push(std::boxed::Box::leak(std::boxed::Box::new(
            random::random_dialect(&mut next),
        )));
    }
    let dialects = BUILT_IN
        .iter()
        .map(|(_, d)| *d)
        .chain([&CUP_POS_UNFRAMED])
        .chain(randoms.iter().copied());
    for dialect in dialects {
        let count = if dialect.name() == "random" { 8 } else { 60 };
        for _ in 0..count {
            if let Some((_, bytes)) = random_message(dialect, &mut next) {
                bases.push((dialect, bytes));
            }
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
                // A length header that disagrees is reported at offset 0 when every field was read.
                (Err(s), Err(t)) => assert!(
                    t.error().offset() >= s.error().offset()
                        || matches!(t.error().kind(), crate::ErrorKind::FrameLength { .. })
                ),
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

/// The fast walk takes every well-formed message, tolerantly and strictly: random valid
/// messages of every built-in dialect and of random user dialects, and the test vectors that
/// decode strictly. (A give-up is never wrong, the exact walk then answers, but it is slow;
/// this holds the fast walk's speed.)
#[test]
fn fast_walk_takes_well_formed_messages() {
    use crate::dialect::{BUILT_IN, CUP_POS_UNFRAMED};
    let mut next = random::numbers(0x9e37_79b9_7f4a_7c15u64);
    let mut randoms: Vec<Dialect> = Vec::new();
    for _ in 0..60 {
        randoms.push(random::random_dialect(&mut next));
    }
    let dialects = BUILT_IN
        .iter()
        .map(|(_, d)| *d)
        .chain([&CUP_POS_UNFRAMED])
        .chain(randoms.iter());
    let mut taken = 0;
    for dialect in dialects {
        for _ in 0..40 {
            let Some((draft, bytes)) = random_message(dialect, &mut next) else {
                continue;
            };
            let framing = dialect.framing();
            let at = framing.size();
            let message = run::<false>(&bytes, dialect, Options::STRICT).unwrap_or_else(|p| {
                let specs: Vec<_> = draft
                    .fields
                    .iter()
                    .map(|(n, v)| (n, dialect.field(*n), v.len()))
                    .collect();
                panic!(
                    "{}: {} {specs:?} {:?}",
                    p.error(),
                    hex::encode(&bytes),
                    dialect.framing()
                )
            });
            let data_start = message.fields().next().map_or(bytes.len(), |f| {
                f.offset() - usize::from(dialect.plan(usize::from(f.number())).prefix_len)
            });
            let present = message.bitmap().bits();
            let _ = at;
            // Fields after 128 are the exact walk's alone.
            if message.tertiary_bitmap().is_some() {
                continue;
            }
            for strict in [true, false] {
                let mut ends = [0u16; 16];
                let fast = if strict {
                    super::walk::fast::<true>(&bytes, dialect, present, data_start, &mut ends)
                } else {
                    super::walk::fast::<false>(&bytes, dialect, present, data_start, &mut ends)
                };
                assert!(
                    fast.is_some(),
                    "fast walk gave up ({}strict): {:?} {}",
                    if strict { "" } else { "not " },
                    message,
                    hex::encode(&bytes)
                );
                taken += 1;
            }
        }
    }
    assert!(taken > 3_500, "{taken}");
}

/// The tolerant fast walk checks length prefixes and nothing else: a ':' in an ASCII prefix
/// (one past '9') is a bad prefix, not the number ten.
#[test]
fn tolerant_fast_walk_refuses_a_colon_in_a_prefix() {
    use crate::dialect::ISO87_ASCII;
    // Field 2 with the prefix "0:" and ten digits after it.
    let bytes = b"011040000000000000000:4761739001";
    let mut ends = [0u16; 16];
    let present = 1u128 << 126;
    assert!(super::walk::fast::<false>(bytes, &ISO87_ASCII, present, 20, &mut ends).is_none());
    let err = crate::decode(bytes, &ISO87_ASCII).unwrap_err();
    assert_eq!(
        err.kind(),
        crate::ErrorKind::BadLengthPrefix { byte: b':' },
        "{err}"
    );
}

/// The tolerant fast walk is taken when content is bad: a field's content is the anomalies'
/// business, not the walk's (each built-in dialect, a byte of every field changed that is no
/// length prefix).
#[test]
fn tolerant_fast_walk_takes_bad_content() {
    use crate::dialect::{BUILT_IN, CUP_POS_UNFRAMED};
    use random::draft_for;
    let mut next = random::numbers(0x51ed_270b_a1b2_c3d4u64);
    let mut taken = 0;
    for dialect in BUILT_IN.iter().map(|(_, d)| *d).chain([&CUP_POS_UNFRAMED]) {
        for _ in 0..60 {
            let picks: Vec<(u8, Vec<u8>)> = (0..1 + next(12))
                .map(|_| {
                    let n = 2 + next(127) as u8;
                    (n, (0..next(30)).map(|_| next(256) as u8).collect())
                })
                .collect();
            let draft = draft_for(dialect, 210, b"HEADERHEADER", &picks);
            let Ok(mut bytes) = crate::encode::encode(&draft.draft(), dialect) else {
                continue;
            };
            let message = crate::decode(&bytes, dialect).unwrap();
            // A content byte of some field (never its prefix), set to a letter.
            let fields: Vec<_> = message
                .fields()
                .filter(|f| !f.raw().is_empty())
                .map(|f| (f.offset(), f.raw().len()))
                .collect();
            let Some(&(at, len)) = fields.get(next(fields.len().max(1))) else {
                continue;
            };
            let data_start = message.fields().next().map_or(bytes.len(), |f| {
                f.offset() - usize::from(dialect.plan(usize::from(f.number())).prefix_len)
            });
            let present = message.bitmap().bits();
            bytes[at + next(len)] = b'Z';
            let mut ends = [0u16; 16];
            assert!(
                super::walk::fast::<false>(&bytes, dialect, present, data_start, &mut ends)
                    .is_some(),
                "{} {}",
                dialect.name(),
                hex::encode(&bytes)
            );
            taken += 1;
        }
    }
    assert!(taken > 300, "{taken}");
}

/// Odd-length fixed BCD numerics padded with F (as many terminals send them) are taken by the
/// strict fast walk, whichever side the pad is on.
#[test]
fn strict_fast_walk_takes_f_pads() {
    use crate::dialect::{ISO87_BCD, ISO93_BCD};
    // 0200, field 19 (n 3) alone: 0xF051 right-justified in iso87-bcd (F pad first)...
    let right = [
        0x02, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x51,
    ];
    // ...and 0x051F left-justified in iso93-bcd (F pad last).
    let left = [
        0x12, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x1F,
    ];
    for (bytes, dialect) in [(&right, &ISO87_BCD), (&left, &ISO93_BCD)] {
        let mut ends = [0u16; 16];
        let present = 1u128 << (128 - 19);
        assert!(
            super::walk::fast::<true>(bytes, dialect, present, 10, &mut ends).is_some(),
            "{}",
            dialect.name()
        );
        let message = crate::decode_with(bytes, dialect, Options::STRICT).unwrap();
        assert_eq!(
            message
                .field(19)
                .unwrap()
                .digits()
                .unwrap()
                .collect::<Vec<_>>(),
            b"051"
        );
        // A pad that is a digit is no pad.
        let mut bad = *bytes;
        if dialect.name() == "iso87-bcd" {
            bad[10] = 0x30;
        } else {
            bad[11] = 0x13;
        }
        assert!(super::walk::fast::<true>(&bad, dialect, present, 10, &mut ends).is_none());
    }
    // A BCD-prefixed LL numeric: iso87-bcd field 2, 15 digits left-justified, F pad last.
    let pan = [
        0x02, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x15, 0x47, 0x61, 0x73, 0x90,
        0x01, 0x01, 0x01, 0x9F,
    ];
    let mut ends = [0u16; 16];
    let present = 1u128 << 126;
    assert!(super::walk::fast::<true>(&pan, &ISO87_BCD, present, 10, &mut ends).is_some());
    let message = crate::decode_with(&pan, &ISO87_BCD, Options::STRICT).unwrap();
    assert_eq!(message.field(2).unwrap().digits().unwrap().len(), 15);
    // The digit beside the pad must be a digit; the pad must be 0 or F.
    for bad in [0xAF, 0x95] {
        let mut b = pan;
        b[18] = bad;
        assert!(super::walk::fast::<true>(&b, &ISO87_BCD, present, 10, &mut ends).is_none());
    }
    // The same right-justified (pad first), in a dialect of one's own.
    let right = ISO87_BCD.with_field(
        2,
        FieldSpec::numeric(19, "PAN")
            .ll()
            .with_encoding(Encoding::Bcd(Align::Right))
            .with_prefix_encoding(PrefixEncoding::Bcd),
    );
    let mut pan = pan;
    pan[11..19].copy_from_slice(&[0xF4, 0x76, 0x17, 0x39, 0x00, 0x10, 0x10, 0x19]);
    assert!(super::walk::fast::<true>(&pan, &right, present, 10, &mut ends).is_some());
    for bad in [0xFA, 0x54] {
        let mut b = pan;
        b[11] = bad;
        assert!(super::walk::fast::<true>(&b, &right, present, 10, &mut ends).is_none());
    }
}

/// A partial message holds the fields before the fault and no other; bytes after the last field
/// with no length header are an error even when content is tolerated.
#[test]
fn partial_messages_and_trailing_bytes() {
    use crate::dialect::ISO87_ASCII;
    // Fields 4, 39 and 41 announced; the input ends inside 41.
    let bytes = b"0110100000000280000000000001255005TERM";
    for options in [Options::TOLERANT, Options::STRICT] {
        let partial = run::<false>(bytes, &ISO87_ASCII, options).unwrap_err();
        let message = partial.message().unwrap();
        assert!(message.is_partial());
        let read: Vec<u8> = message.fields().map(|f| f.number()).collect();
        assert_eq!(read, [4, 39]);
        assert!(message.has(4) && message.has(39) && !message.has(41));
        assert_eq!(message.field(39).unwrap().raw(), b"05");
        assert!(message.field(41).is_none());
        assert_eq!(partial.error().field(), Some(41));
    }
    // Two bytes after field 39, no length header: the end of the message is not known.
    let bytes = b"01100000000002000000" as &[u8];
    let bytes = [bytes, b"05XY"].concat();
    for options in [Options::TOLERANT, Options::STRICT] {
        for fast in [true, false] {
            let result = if fast {
                run::<true>(&bytes, &ISO87_ASCII, options)
            } else {
                run::<false>(&bytes, &ISO87_ASCII, options)
            };
            let partial = result.unwrap_err();
            assert_eq!(partial.error().location(), crate::Location::End);
            assert_eq!(partial.error().offset(), 22);
        }
    }
}

/// A random valid message of `dialect` (see `tests/support/random.rs`): its draft and bytes, or
/// `None` when it would not fit a 4-digit length header.
fn random_message(
    dialect: &Dialect,
    next: &mut impl FnMut(usize) -> usize,
) -> Option<(OwnedDraft, Vec<u8>)> {
    let picks: Vec<(u8, Vec<u8>)> = (0..next(24))
        .map(|_| {
            let n = 2 + next(191) as u8;
            (n, (0..next(40)).map(|_| next(256) as u8).collect())
        })
        .collect();
    let header: Vec<u8> = (0..8).map(|_| next(256) as u8).collect();
    let draft = random::draft_for(dialect, next(10_000) as u16, &header, &picks);
    match crate::encode::encode(&draft.draft(), dialect) {
        Err(e) if matches!(e.kind, EncodeErrorKind::MessageTooLong { .. }) => None,
        other => Some((draft, other.unwrap())),
    }
}

/// A message cut inside a field after 128 keeps the tertiary fields read before the cut.
#[test]
fn partial_messages_keep_tertiary_fields() {
    use crate::dialect::ISO87_ASCII;
    let d = ISO87_ASCII
        .with_tertiary_bitmap()
        .with_field(130, FieldSpec::text(99, "a").ll())
        .with_field(150, FieldSpec::text(99, "b").ll());
    // Bits 1 and 65; tertiary bits 130 and 150; field 130 whole, 150 cut.
    let bytes = [
        b"0110" as &[u8],
        b"8000000000000000",
        b"8000000000000000",
        b"4000040000000000",
        b"03ABC",
        b"09HEL",
    ]
    .concat();
    let partial = run::<false>(&bytes, &d, Options::TOLERANT).unwrap_err();
    assert_eq!(partial.error().field(), Some(150));
    let message = partial.message().unwrap();
    assert!(message.has(130) && !message.has(150));
    assert_eq!(message.field(130).unwrap().raw(), b"ABC");
    let read: Vec<u8> = message.fields().map(|f| f.number()).collect();
    assert_eq!(read, [130]);
}
