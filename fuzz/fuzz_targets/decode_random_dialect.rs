#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    iso8583_response_fuzz::random_dialect_and_check(data);
});
