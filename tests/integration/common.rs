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
    String::from_utf8_lossy(field.raw()).into_owned()
}

/// Hex text to bytes; `#` starts a comment running to the end of the line; white space ignored.
pub fn unhex(text: &str) -> Vec<u8> {
    let digits: String = text
        .lines()
        .map(|line| line.split('#').next().unwrap_or(""))
        .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
        .collect();
    hex::decode(digits).expect("vector hex is valid")
}

/// The bytes of `tests/vectors/<path>`.
pub fn vector(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    unhex(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}
