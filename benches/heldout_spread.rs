//! How `explain_text`'s time spreads over the held-out texts (tests/heldout): for each text,
//! the best of seven batches of 3,000 calls, in ns per call; then how many are over 300 ns,
//! the slowest text up to 50 bytes, and the slowest texts. A timed loop rather than criterion
//! (which would take minutes for 379 texts); the criterion figures are in `explain`. Runs
//! only with `HELDOUT_SPREAD=1`.

mod heldout;

use std::hint::black_box;
use std::time::Instant;

use iso8583_response::codes::explain_text;

fn main() {
    if std::env::var_os("HELDOUT_SPREAD").is_none() {
        println!("heldout_spread: set HELDOUT_SPREAD=1 to run it");
        return;
    }
    let texts = heldout::texts();
    // The automaton is built at the first call.
    let _ = explain_text("x");
    let mut rows: Vec<(f64, &str)> = texts
        .iter()
        .map(|&t| {
            let best = (0..7)
                .map(|_| {
                    let start = Instant::now();
                    for _ in 0..3000 {
                        black_box(explain_text(black_box(t)));
                    }
                    start.elapsed().as_nanos() as f64 / 3000.0
                })
                .fold(f64::MAX, f64::min);
            (best, t)
        })
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let over: Vec<_> = rows.iter().filter(|r| r.0 > 300.0).collect();
    let short_max = rows
        .iter()
        .filter(|r| r.1.len() <= 50)
        .map(|r| r.0)
        .fold(0.0, f64::max);
    println!(
        "{} texts: median {:.0} ns; {} over 300 ns, the shortest of them {} bytes; slowest up to 50 bytes {short_max:.0} ns",
        rows.len(),
        rows[rows.len() / 2].0,
        over.len(),
        over.iter().map(|r| r.1.len()).min().unwrap_or(0),
    );
    for (ns, text) in rows.iter().take(15) {
        println!("{ns:6.0} ns {:4} B  {text}", text.len());
    }
}
