#![no_main]

use iso8583_response::dialect::ISO87_EBCDIC;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    iso8583_response_fuzz::decode_and_check(data, &ISO87_EBCDIC);
});
