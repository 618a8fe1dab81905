//! Decode speed of iso8583-response against peer crates, on the three headline messages of
//! `messages.jsonl` (a copy of `shared/bench/messages.jsonl`).
//!
//! `cargo bench --bench peers`. Bench ids: `peers/<name>/ours-<spec>`, `peers/<name>/i8583`,
//! `peers/<name>/iso8583-codec`. Each timed closure does a full decode and asserts that field 39
//! equals the line's `field39`, so no library can skip work.
//!
//! Every library gets a field table equal to pyiso8583's ISO 8583:1987 specs (`default` and
//! `default_ascii`), and before any timing every field it decodes is compared with the line's
//! `fields`: a peer that cannot decode a message is reported and not timed.
//!
//! - ours: `ISO87_ASCII_BINBITMAP` on `default` bytes, `ISO87_ASCII` on `default_ascii` bytes.
//! - i8583 0.1: only hex (ASCII) bitmaps, so `default_ascii` bytes.
//! - iso8583-codec 0.1: only binary bitmaps, so `default` bytes.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use iso8583_response::dialect::{self, Dialect};
use iso8583_response_peers::{check_codec, check_i8583, check_ours, codec_spec, i8583_spec, lines};

fn peers(c: &mut Criterion) {
    let lines = lines();
    let i8583_spec = i8583_spec();
    let codec_spec = codec_spec();
    let mut names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    names.dedup();

    let mut group = c.benchmark_group("peers");
    for name in names {
        for line in lines.iter().filter(|l| l.name == name) {
            let code = line.field39.as_str();
            let bytes = &line.bytes;

            // Ours, on both encodings.
            let d: &Dialect = match line.spec.as_str() {
                "default" => &dialect::ISO87_ASCII_BINBITMAP,
                "default_ascii" => &dialect::ISO87_ASCII,
                other => panic!("unknown spec {other}"),
            };
            // BenchmarkId::new(message, library): reported as peers/<name>/<library> and stored
            // under target/criterion/peers/<name>/<library>/ (a '/' in a plain string id would
            // be flattened to '_' in the directory name).
            let ours = format!("ours-{}", line.spec);
            let id = BenchmarkId::new(name, &ours);
            match check_ours(line, d) {
                Ok(()) => {
                    group.bench_function(id, |b| {
                        b.iter(|| {
                            let m =
                                iso8583_response::decode(black_box(bytes), black_box(d)).unwrap();
                            assert_eq!(m.field(39).and_then(|f| f.as_str()), Some(code));
                        })
                    });
                }
                Err(e) => println!("peers/{name}/{ours}: NOT BENCHED, ours cannot decode it: {e}"),
            }

            // i8583 reads hex bitmaps: the default_ascii bytes.
            if line.spec == "default_ascii" {
                let id = BenchmarkId::new(name, "i8583");
                match check_i8583(line, &i8583_spec) {
                    Ok(()) => {
                        group.bench_function(id, |b| {
                            b.iter(|| {
                                let mut u = i8583::Unpacker::new(black_box(bytes));
                                let fields = u.unpack(black_box(&i8583_spec)).unwrap();
                                assert_eq!(fields[39], Some(code.as_bytes()));
                            })
                        });
                    }
                    Err(e) => {
                        println!("peers/{name}/i8583: NOT BENCHED, i8583 cannot decode it: {e}")
                    }
                }
            }

            // iso8583-codec reads binary bitmaps: the default bytes.
            if line.spec == "default" {
                let id = BenchmarkId::new(name, "iso8583-codec");
                match check_codec(line, &codec_spec) {
                    Ok(()) => {
                        group.bench_function(id, |b| {
                            b.iter(|| {
                                let m = iso8583_codec::Message::parse(
                                    black_box(&codec_spec),
                                    black_box(bytes),
                                )
                                .unwrap();
                                assert_eq!(m.field(39).and_then(|v| v.as_str()), Some(code));
                            })
                        });
                    }
                    Err(e) => {
                        println!(
                            "peers/{name}/iso8583-codec: NOT BENCHED, iso8583-codec cannot decode it: {e}"
                        )
                    }
                }
            }
        }
    }
    group.finish();
}

/// Packed (BCD) layouts against the plain strict byte-at-a-time decoder of the same tables
/// (`baseline_decode`): `baseline/<vector>/ours-strict` and `baseline/<vector>/loop`.
fn baseline(c: &mut Criterion) {
    let mut group = c.benchmark_group("baseline");
    let strict = iso8583_response::Options::STRICT;
    for (name, bytes, d) in iso8583_response_peers::packed_vectors() {
        assert!(
            iso8583_response_peers::baseline_decode(&bytes, &d).is_some(),
            "{name}"
        );
        group.bench_function(BenchmarkId::new(&name, "ours-strict"), |b| {
            b.iter(|| {
                let m = iso8583_response::decode_with(black_box(&bytes), black_box(&d), strict);
                assert!(m.unwrap().fields().next().is_some());
            })
        });
        group.bench_function(BenchmarkId::new(&name, "loop"), |b| {
            b.iter(|| {
                let ends =
                    iso8583_response_peers::baseline_decode(black_box(&bytes), black_box(&d));
                assert!(ends.is_some());
            })
        });
    }
    group.finish();
}

criterion_group!(benches, peers, baseline);
criterion_main!(benches);
