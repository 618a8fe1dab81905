//! Decode speed: the three headline messages in every dialect that can carry them, one message
//! per built-in dialect from the test vectors, and cost against message size (64 B to 8 KB).
//!
//! `cargo bench --bench decode`. Every timed closure asserts its result, so a broken decoder
//! cannot look fast.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use iso8583_response::decode;
use iso8583_response::dialect::{self, Dialect};

#[path = "../tests/support/vectors.rs"]
mod support;
use support::vector;

/// The headline messages (../shared/bench/messages.jsonl, copied into tests/vectors).
fn headline(c: &mut Criterion) {
    let cases: [(&str, &str, &Dialect, &str); 6] = [
        (
            "auth_0110",
            "iso87-ascii-binbitmap/auth_0110.hex",
            &dialect::ISO87_ASCII_BINBITMAP,
            "05",
        ),
        (
            "emv_0210",
            "iso87-ascii-binbitmap/emv_0210.hex",
            &dialect::ISO87_ASCII_BINBITMAP,
            "51",
        ),
        (
            "secondary_0410",
            "iso87-ascii-binbitmap/secondary_0410.hex",
            &dialect::ISO87_ASCII_BINBITMAP,
            "00",
        ),
        (
            "auth_0110",
            "iso87-ascii/auth_0110.hex",
            &dialect::ISO87_ASCII,
            "05",
        ),
        (
            "emv_0210",
            "iso87-ascii/emv_0210.hex",
            &dialect::ISO87_ASCII,
            "51",
        ),
        (
            "secondary_0410",
            "iso87-ascii/secondary_0410.hex",
            &dialect::ISO87_ASCII,
            "00",
        ),
    ];
    let mut group = c.benchmark_group("decode/headline");
    for (name, path, d, code) in cases {
        let bytes = vector(path);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new(d.name(), name), &bytes, |b, bytes| {
            b.iter(|| {
                let m = decode(black_box(bytes), black_box(d)).unwrap();
                assert_eq!(m.response_code().unwrap().as_str(), code);
            })
        });
    }
    group.finish();
}

/// One real message per dialect.
fn per_dialect(c: &mut Criterion) {
    let cases: [(&str, &Dialect); 6] = [
        ("iso87-ascii/jpos-jimmod-0200.hex", &dialect::ISO87_ASCII),
        (
            "iso87-ascii-binbitmap/jpos-users-bergert-0800.hex",
            &dialect::ISO87_ASCII_BINBITMAP,
        ),
        ("iso87-bcd/uob-tpdu-0200-emv-sale.hex", &dialect::ISO87_BCD),
        (
            "iso93-ascii/fluidpay-balance-inquiry-atm-1100.hex",
            &dialect::ISO93_ASCII,
        ),
        (
            "iso93-bcd/synapseix-issue1-jpos-1810.hex",
            &dialect::ISO93_BCD,
        ),
        (
            "cup-pos/vfwz-0210-pay-response-gbk43-56-59.hex",
            &dialect::CUP_POS_UNFRAMED,
        ),
    ];
    let mut group = c.benchmark_group("decode/dialect");
    for (path, d) in cases {
        let mut bytes = vector(path);
        let mut d: Dialect = *d;
        if path.contains("tpdu") {
            // The UOB message carries a 5-byte TPDU before the MTI.
            d = d.with_framing(dialect::Framing::header(5));
        }
        let fields = decode(&bytes, &d).unwrap().fields().count();
        bytes.shrink_to_fit();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(d.name()), &bytes, |b, bytes| {
            b.iter(|| {
                let m = decode(black_box(bytes), black_box(&d)).unwrap();
                assert_eq!(m.bitmap().numbers().count(), fields);
            })
        });
    }
    group.finish();
}

/// Cost against size: iso87-ascii messages whose field 48 (LLL) and fields 111 to 127 are filled
/// with text until the message is about the target size.
fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode/size");
    for target in [64usize, 256, 1024, 4096, 8192] {
        let mut message = b"0200".to_vec();
        let mut body = Vec::new();
        let mut bits = 0u128;
        let mut left = target.saturating_sub(4 + 32);
        // Field 3, then LLL text fields of up to 999 characters.
        bits |= 1 << (128 - 3);
        body.extend_from_slice(b"000000");
        left = left.saturating_sub(6);
        for n in [48u32, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120] {
            if left <= 3 {
                break;
            }
            let len = (left - 3).min(999);
            bits |= 1 << (128 - n);
            body.extend_from_slice(format!("{len:03}").as_bytes());
            body.extend(std::iter::repeat_n(b'x', len));
            left -= 3 + len;
        }
        bits |= 1 << 127; // secondary bitmap
        message.extend_from_slice(format!("{bits:032X}").as_bytes());
        message.extend_from_slice(&body);
        assert!(decode(&message, &dialect::ISO87_ASCII).is_ok());
        group.throughput(Throughput::Bytes(message.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(message.len()),
            &message,
            |b, m| {
                b.iter(|| {
                    let d = decode(black_box(m), &dialect::ISO87_ASCII).unwrap();
                    assert!(d.has(3));
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, headline, per_dialect, scaling);
criterion_main!(benches);
