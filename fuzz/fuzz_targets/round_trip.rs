#![no_main]

use iso8583_response::dialect::{BUILT_IN, CUP_POS_UNFRAMED};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the dialect, the rest is the message.
    let Some((&pick, message)) = data.split_first() else {
        return;
    };
    let dialect = match BUILT_IN.get(usize::from(pick) % (BUILT_IN.len() + 1)) {
        Some((_, d)) => *d,
        None => &CUP_POS_UNFRAMED,
    };
    iso8583_response_fuzz::round_trip(message, dialect);
});
