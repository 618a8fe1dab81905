#![no_main]

use iso8583_response::dialect::{CUP_POS, CUP_POS_UNFRAMED, detect_cup_framing};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    iso8583_response_fuzz::decode_and_check(data, &CUP_POS);
    iso8583_response_fuzz::decode_and_check(data, &CUP_POS_UNFRAMED);
    iso8583_response_fuzz::decode_and_check(data, detect_cup_framing(data));
});
