//! Runs one decoder on one message a given number of times, for instruction counts under
//! callgrind: two runs with different counts, subtracted, give the instructions of one decode
//! free of start-up (see `instructions.sh`).
//!
//! `instructions <decoder> <message> <iterations>`
//! - decoder: `ours` (the crate's `decode`, tolerant: content not checked), `ours-strict`
//!   (`decode_with` and `Options::STRICT`: every byte checked), `baseline` (the plain strict
//!   byte-at-a-time loop of `baseline_decode`), `i8583`, `iso8583-codec`;
//! - message: `<name>/<spec>` for a headline message of messages.jsonl (`emv_0210/default_ascii`)
//!   with ours' dialect chosen by the spec, or `<dialect>:<path>` for a vector file of
//!   tests/vectors (hex, `#` comments, `#% header N`).

use std::hint::black_box;

use iso8583_response::dialect::{self, Dialect};
use iso8583_response_peers::{baseline_decode, codec_spec, i8583_spec, lines, vector};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [decoder, message, iterations] = &args[..] else {
        eprintln!("usage: instructions <ours|baseline|i8583|iso8583-codec> <message> <iterations>");
        std::process::exit(2);
    };
    let iterations: usize = iterations.parse().expect("iterations");
    let (bytes, d): (Vec<u8>, Dialect) = match message.split_once(':') {
        Some((name, path)) => vector(name, path),
        None => {
            let (name, spec) = message.split_once('/').expect("<name>/<spec>");
            let line = lines()
                .into_iter()
                .find(|l| l.name == name && l.spec == spec)
                .expect("headline message");
            let d = match spec {
                "default" => dialect::ISO87_ASCII_BINBITMAP,
                _ => dialect::ISO87_ASCII,
            };
            (line.bytes, d)
        }
    };
    let mut found = 0usize;
    match decoder.as_str() {
        "ours" => {
            for _ in 0..iterations {
                let m = iso8583_response::decode(black_box(&bytes), black_box(&d)).unwrap();
                found += usize::from(m.field(39).is_some());
            }
        }
        "ours-strict" => {
            let strict = iso8583_response::Options::STRICT;
            for _ in 0..iterations {
                let m = iso8583_response::decode_with(black_box(&bytes), black_box(&d), strict)
                    .unwrap();
                found += usize::from(m.field(39).is_some());
            }
        }
        "baseline" => {
            assert!(
                baseline_decode(&bytes, &d).is_some(),
                "the baseline rejects it"
            );
            for _ in 0..iterations {
                found += usize::from(baseline_decode(black_box(&bytes), black_box(&d)).is_some());
            }
        }
        "i8583" => {
            let spec = i8583_spec();
            for _ in 0..iterations {
                let mut u = i8583::Unpacker::new(black_box(&bytes));
                let fields = u.unpack(black_box(&spec)).unwrap();
                found += usize::from(fields[39].is_some());
            }
        }
        "iso8583-codec" => {
            let spec = codec_spec();
            for _ in 0..iterations {
                let m = iso8583_codec::Message::parse(black_box(&spec), black_box(&bytes)).unwrap();
                found += usize::from(m.field(39).is_some());
            }
        }
        other => panic!("unknown decoder {other}"),
    }
    black_box(found);
}
