//! Integration tests: one test binary, one module per topic.

#[cfg(feature = "std")]
mod cli;
mod common;
mod diagnosis;
mod errors;
#[cfg(feature = "alloc")]
mod heldout;
mod knowledge;
#[cfg(feature = "alloc")]
mod masking;
mod pyiso8583;
#[cfg(feature = "alloc")]
mod regressions;
mod robustness;
#[cfg(feature = "alloc")]
mod round_trip;
#[cfg(feature = "alloc")]
mod texts;
mod tlv;
mod vectors;
mod views;
