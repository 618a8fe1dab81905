//! # iso8583-response
//!
//! Decode ISO 8583 authorisation responses without copying or allocating, in six common
//! dialects, with errors that name the field and the byte offset.
//!
//! A POS terminal or a payment gateway gets bytes back from the host and must answer one
//! question fast: what did the host say? [`decode`] reads the message in one pass over the
//! caller's bytes; the [`Message`] it returns finds any field in constant time and offers typed,
//! zero-copy views of it: digits for numeric and BCD fields, `&str` for ASCII text, bytes for
//! binary data.
//!
//! ```
//! use iso8583_response::{decode, dialect::ISO87_ASCII};
//!
//! // A 0110 authorisation response as pyiso8583's `default_ascii` spec encodes it.
//! let bytes = b"0110723C04800EC08000\
//!     164761739001010119 000000 000000012550 0612143005 004271 143005 0612 2712 051 00\
//!     616314004271 A1B2C3 05 POS00042 MERCH0000004242 840";
//! // (spaces added between fields for reading; they are removed here)
//! let bytes: Vec<u8> = bytes.iter().copied().filter(|&b| b != b' ').collect();
//! let message = decode(&bytes, &ISO87_ASCII)?;
//!
//! assert_eq!(message.mti().as_str(), "0110");
//! assert!(message.is_response());
//! assert_eq!(message.response_code().unwrap().as_str(), "05");
//! assert_eq!(message.field(37).unwrap().as_str(), Some("616314004271"));
//! // Card numbers are masked wherever the crate prints them.
//! assert_eq!(message.field(2).unwrap().to_string(), "476173******0119");
//! # Ok::<(), iso8583_response::DecodeError>(())
//! ```
//!
//! ## Design
//! - **Dialects are data.** A [`Dialect`](dialect::Dialect) is a `const` value: framing, MTI and
//!   bitmap encodings and a [`FieldSpec`](dialect::FieldSpec) per field. Take a built-in one and
//!   change a field with `const fn`s, or write your own; see [`dialect`].
//! - **Zero-copy, no allocation.** Every field is a slice of the input; the message holds a fixed
//!   table of field end offsets. The decode path never touches the heap.
//! - **No panics.** Any input yields a `Message` or a [`DecodeError`]: truncation, a bad digit, a
//!   bad length prefix or one over the maximum, a bad hex bitmap, a bit for a field the dialect
//!   lacks, trailing bytes. Each carries the part, the byte offset and expected versus found.
//!   The crate forbids `unsafe` code.
//! - **Masking.** `Debug` and `Display` of messages and fields show a card number as its first 6
//!   and last 4 digits and never show track data, PIN blocks or security data.
//!
//! ## Features
//! - `std` (default): implements `std::error::Error` for [`DecodeError`]; implies `alloc`.
//! - `alloc`: nothing yet that needs it in the decoder; reserved for the encoder.
//! - `serde`: `Serialize` for the error types.
//!
//! Without default features the crate is `#![no_std]` and builds for bare-metal targets such as
//! `thumbv7em-none-eabihf`.
//!
//! ## Minimum supported Rust version
//! Rust 1.88 (edition 2024).
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations, unreachable_pub)]
#![deny(rustdoc::broken_intra_doc_links)]
#![doc(test(attr(deny(warnings))))]
#![cfg_attr(
    not(test),
    warn(
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::arithmetic_side_effects
    )
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(any(feature = "alloc", test))]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod codes;
mod decode;
mod diagnosis;
pub mod dialect;
pub mod encode;
mod error;
pub mod mask;
mod message;

pub use decode::decode;
pub use diagnosis::{
    Amount, Balance, Balances, CURRENCIES, Currency, Diagnosis, LocalDateTime, MaskedPan,
};
pub use error::{DecodeError, ErrorKind, Location};
pub use message::{Bitmap, Bytes, Digits, Field, Message, Mti, ResponseCode};
