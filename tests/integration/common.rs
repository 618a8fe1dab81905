//! Helpers shared by the integration tests.

use iso8583_response::Field;

/// A field's value unmasked, in the form the vectors record: digits (BCD unpacked, pad dropped,
/// track separator `D`), text as it is, binary as upper-case hex.
pub fn plain(field: &Field<'_>) -> String {
    if let Some(digits) = field.digits() {
        return digits.map(char::from).collect();
    }
    if let Some(bytes) = field.bytes() {
        return bytes.map(|b| format!("{b:02X}")).collect();
    }
    if field.spec().encoding == iso8583_response::dialect::Encoding::Ebcdic {
        return field
            .raw()
            .iter()
            .map(|&b| iso8583_response::ebcdic::to_char(b))
            .collect();
    }
    String::from_utf8_lossy(field.raw()).into_owned()
}

#[path = "../support/vectors.rs"]
mod support;
pub use support::{unhex, vector};
