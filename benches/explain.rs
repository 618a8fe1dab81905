//! Explanation speed: by code, by display text, and a whole-response diagnosis.
//!
//! `cargo bench --bench explain`. Every timed closure asserts its result.

mod heldout;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use iso8583_response::codes::{Outcome, Scheme, explain, explain_text};
use iso8583_response::decode;
use iso8583_response::dialect::ISO87_ASCII_BINBITMAP;

fn by_code(c: &mut Criterion) {
    let mut group = c.benchmark_group("explain/code");
    group.bench_function("iso87 51", |b| {
        b.iter(|| {
            let l = explain(black_box("51"), None).unwrap();
            assert_eq!(l.explanation.outcome, Outcome::Declined);
        })
    });
    group.bench_function("cup A0", |b| {
        b.iter(|| {
            let l = explain(black_box("A0"), Some(Scheme::Cup)).unwrap();
            assert_eq!(l.explanation.scheme, Scheme::Cup);
        })
    });
    group.bench_function("iso93 116", |b| {
        b.iter(|| {
            let l = explain(black_box("116"), None).unwrap();
            assert_eq!(l.explanation.outcome, Outcome::Declined);
        })
    });
    group.finish();
}

fn by_text(c: &mut Criterion) {
    let mut group = c.benchmark_group("explain/text");
    // Exact texts, texts with known phrases inside, printed codes, modifiers, merchants' words
    // with no code, Traditional Chinese, abbreviations.
    for text in [
        "CONTACT ISSUER",
        "contact  issuer",
        "请与发卡行联系",
        "余额不足，请查询",
        "交易失败 余额不足，请查询 (51)",
        "交易失败 余额不足，请查询",
        "EXPIRED CARD - PICK UP",
        "DECLINED - INSUFF FUNDS - PLEASE USE ANOTHER CARD",
        "請與發卡銀行聯絡",
        "POS机刷卡一直显示通讯失败怎么办",
        "无效卡号请联系发卡行或换卡重试",
    ] {
        group.bench_function(text, |b| {
            b.iter(|| {
                let m = explain_text(black_box(text)).unwrap();
                assert!(m.explanations().next().is_some() || m.situation().is_some());
            })
        });
    }
    // Misses: nothing known, short and long.
    for text in [
        "HELLO WORLD",
        "The quick brown fox jumps over the lazy dog while the terminal hums quietly in the corner of the shop, 1234567890",
    ] {
        group.bench_function(format!("miss/{}", text.len()), |b| {
            b.iter(|| assert!(explain_text(black_box(text)).is_none()))
        });
    }
    // The held-out corpus (tests/heldout), texts nobody on the project wrote: one pass over
    // all of them, and over those up to 48 bytes (screen texts and short questions). The
    // median divided by the count is the mean time per text.
    let heldout = heldout::texts();
    let short: Vec<&str> = heldout.iter().copied().filter(|t| t.len() <= 48).collect();
    for (name, texts) in [
        ("heldout/all", &heldout),
        ("heldout/up to 48 bytes", &short),
    ] {
        group.bench_function(format!("{name} ({} texts)", texts.len()), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .filter(|t| explain_text(black_box(t)).is_some())
                    .count()
            })
        });
    }
    group.finish();
}

fn diagnosis(c: &mut Criterion) {
    let hex = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/iso87-ascii-binbitmap/emv_0210.hex"
    ))
    .unwrap();
    let digits: String = hex
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.chars().filter(|c| !c.is_whitespace()))
        .collect();
    let bytes = hex::decode(digits).unwrap();
    let message = decode(&bytes, &ISO87_ASCII_BINBITMAP).unwrap();
    c.bench_function("diagnosis/emv_0210", |b| {
        b.iter(|| {
            let d = black_box(&message).diagnose();
            assert_eq!(d.response().unwrap().explanation.code, "51");
        })
    });
    c.bench_function("diagnosis/decode+diagnose emv_0210", |b| {
        b.iter(|| {
            let m = decode(black_box(&bytes), &ISO87_ASCII_BINBITMAP).unwrap();
            let d = m.diagnose();
            assert!(d.amount().is_some());
        })
    });
}

criterion_group!(benches, by_code, by_text, diagnosis);
criterion_main!(benches);
