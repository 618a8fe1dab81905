//! Integration tests: one test binary, one module per topic.

#[cfg(feature = "std")]
mod cli;
mod common;
mod diagnosis;
mod errors;
mod knowledge;
mod pyiso8583;
mod robustness;
mod vectors;
mod views;
