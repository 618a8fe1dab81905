//! Reads criterion's estimates for the `peers` group after `cargo bench --bench peers` and prints
//! the median decode time of each library per message, and ours / peer.
//!
//! `cargo run --release --bin ratios [CRITERION_DIR]`; the directory defaults to
//! `$CARGO_TARGET_DIR/criterion`, else `target/criterion` beside this crate's Cargo.toml.
//!
//! Ours is compared on the same bytes as the peer: ours-default_ascii with i8583 (hex bitmaps),
//! ours-default with iso8583-codec (binary bitmaps). A ratio below 1 means ours is faster.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const COLUMNS: [&str; 4] = [
    "ours-default",
    "ours-default_ascii",
    "i8583",
    "iso8583-codec",
];

fn median_ns(path: &Path) -> Option<f64> {
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn main() {
    let root: PathBuf = match std::env::args_os().nth(1) {
        Some(dir) => dir.into(),
        None => match std::env::var_os("CARGO_TARGET_DIR") {
            Some(t) => PathBuf::from(t).join("criterion"),
            None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion"),
        },
    };
    let group = root.join("peers");
    let Ok(entries) = std::fs::read_dir(&group) else {
        eprintln!(
            "no criterion results in {}: run `cargo bench --bench peers` first",
            group.display()
        );
        std::process::exit(1);
    };

    // message -> library -> median ns
    let mut table: BTreeMap<String, BTreeMap<&str, f64>> = BTreeMap::new();
    for entry in entries.flatten() {
        let message = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_dir() || message == "report" {
            continue;
        }
        for column in COLUMNS {
            let path = entry.path().join(column).join("new/estimates.json");
            if let Some(ns) = median_ns(&path) {
                table.entry(message.clone()).or_default().insert(column, ns);
            }
        }
    }
    if table.is_empty() {
        eprintln!("no estimates under {}", group.display());
        std::process::exit(1);
    }

    let cell = |v: Option<f64>, digits: usize| match v {
        Some(v) => format!("{v:.digits$}"),
        None => "-".to_owned(),
    };
    println!(
        "median decode + field 39, ns (criterion: {})",
        group.display()
    );
    println!();
    println!(
        "| {:<16} | {:>12} | {:>18} | {:>10} | {:>13} | {:>13} | {:>21} |",
        "message",
        "ours-default",
        "ours-default_ascii",
        "i8583",
        "iso8583-codec",
        "ours / i8583",
        "ours / iso8583-codec"
    );
    println!(
        "|{:-<18}|{:->14}|{:->20}|{:->12}|{:->15}|{:->15}|{:->23}|",
        "", "", "", "", "", "", ""
    );
    for (message, m) in &table {
        let get = |k: &str| m.get(k).copied();
        let ratio = |ours: Option<f64>, peer: Option<f64>| ours.zip(peer).map(|(o, p)| o / p);
        println!(
            "| {:<16} | {:>12} | {:>18} | {:>10} | {:>13} | {:>13} | {:>21} |",
            message,
            cell(get("ours-default"), 1),
            cell(get("ours-default_ascii"), 1),
            cell(get("i8583"), 1),
            cell(get("iso8583-codec"), 1),
            cell(ratio(get("ours-default_ascii"), get("i8583")), 3),
            cell(ratio(get("ours-default"), get("iso8583-codec")), 3),
        );
    }
    println!();
    println!("ratio = ours median / peer median on the same bytes (< 1: ours faster);");
    println!("ours-default_ascii vs i8583 (hex bitmaps), ours-default vs iso8583-codec (binary).");
    println!("'-': no estimate (not benched, e.g. the peer cannot decode that message).");
}
