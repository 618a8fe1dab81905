//! Reading the hex test vectors; shared by the integration tests, the allocation test and the
//! benches (included with `#[path]`).

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
    // From the crate, or from the benches member beside it.
    let root = env!("CARGO_MANIFEST_DIR");
    let path = if std::path::Path::new(&format!("{root}/tests/vectors")).is_dir() {
        format!("{root}/tests/vectors/{path}")
    } else {
        format!("{root}/../tests/vectors/{path}")
    };
    unhex(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}
