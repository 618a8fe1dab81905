//! The held-out texts (tests/heldout): terminal texts and merchants' phrasings nobody on the
//! project wrote, the first column of each file. Used to measure only, never to write tables.

/// Every held-out text, terminal texts first.
pub fn texts() -> Vec<&'static str> {
    [
        include_str!("../tests/heldout/terminal-texts.tsv"),
        include_str!("../tests/heldout/merchant-phrasings.tsv"),
    ]
    .iter()
    .flat_map(|f| f.lines().skip(1))
    .filter_map(|l| l.split('\t').next())
    .collect()
}
