#![no_main]

//! The BER-TLV reader on any bytes, raw and as hex text: never a panic; positions inside the
//! data; every printed form keeps sensitive values (5A, 57, 5F20, …) out.

use iso8583_response::emv::{Data, EmvData, Tlvs, validate};
use iso8583_response_fuzz::check_emv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for data in [Data::raw(bytes), Data::hex(bytes)] {
        let view = EmvData::new(data);
        for tlv in Tlvs::new(data) {
            match tlv {
                Ok(t) => assert!(t.value_position() + t.value().len() <= data.len()),
                Err(e) => assert!(e.position() <= data.len()),
            }
        }
        let _ = validate(view.tlvs());
        let line = view.to_string();
        let tree = format!("{view:#}");
        check_emv(&view, &[&line, &tree]);
    }
});
