//! Integration tests: one test binary, one module per topic.

mod common;
mod errors;
mod pyiso8583;
mod vectors;
