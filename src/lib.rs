//! # iso8583-response
//!
//! Decode ISO 8583 authorisation responses without copying or allocating, in seven common
//! dialects, and explain them: what the host answered, why a card was declined, who must act,
//! whether a retry can help, and what the operator and the cardholder should do, in English and
//! Simplified Chinese.
//!
//! A POS terminal or a payment gateway gets bytes back from the host and must answer one
//! question fast: what did the host say? [`decode`] reads the message in one pass over the
//! caller's bytes; the [`Message`] it returns finds any field in constant time and offers typed,
//! zero-copy views of it: digits for numeric and BCD fields, `&str` for ASCII text, bytes for
//! binary data. [`Message::diagnose`] explains field 39 under the dialect's scheme and gathers
//! the reference data an operator reads out on the phone.
//!
//! ```
//! use iso8583_response::{decode, dialect::ISO87_ASCII};
//! use iso8583_response::codes::{Lang, Outcome};
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
//! assert_eq!(message.field(37).unwrap().as_str(), Some("616314004271"));
//! // Card numbers are masked wherever the crate prints them.
//! assert_eq!(message.field(2).unwrap().to_string(), "476173******0119");
//!
//! // What the host said, and what to do.
//! let diagnosis = message.diagnose();
//! let answer = diagnosis.response().unwrap().explanation;
//! assert_eq!(answer.code, "05");
//! assert_eq!(answer.outcome, Outcome::Declined);
//! println!("{}", answer.meaning.get(Lang::Zh));
//! for step in answer.operator_steps {
//!     println!("- {}", step.en);
//! }
//! assert_eq!(diagnosis.amount().unwrap().to_string(), "125.50 USD");
//! # Ok::<(), iso8583_response::DecodeError>(())
//! ```
//!
//! ## Modules
//! - [`dialect`]: how bytes are laid out, as `const` data; the seven built-in dialects.
//! - [`decode`] and [`Message`]: the zero-copy decoder and its views.
//! - [`codes`]: response-code tables per scheme (ISO 8583:1987 and 1993, Visa, Mastercard, China
//!   UnionPay and its legacy POS table), explanation by code, by terminal display text and by a
//!   merchant's own words, and situations that have no response code.
//! - [`emv`]: EMV chip data (field 55) read as BER-TLV, with a tag dictionary and masking.
//! - [`Diagnosis`]: a whole response explained, with reference data.
//! - [`encode`]: the mirror of decode, into a caller's buffer or (with `alloc`) a `Vec`.
//! - [`mask`]: how card numbers and secrets are shown.
//!
//! ## Design
//! - **Dialects are data.** A [`Dialect`](dialect::Dialect) is a `const` value: framing, MTI and
//!   bitmap encodings and a [`FieldSpec`](dialect::FieldSpec) per field. Take a built-in one and
//!   change a field with `const fn`s, or write your own; see [`dialect`].
//! - **Zero-copy, no allocation.** Every field is a slice of the input; the message holds a fixed
//!   table of field end offsets. Decoding, explaining and diagnosing never touch the heap (a
//!   test with a counting allocator holds them to it). Framing, MTI and bitmaps are nom
//!   parsers, and so is the field parser; a word-at-a-time fast path in front of it handles
//!   well-formed fields of the common layouts and hands everything else to the parser.
//! - **No panics.** Any input yields a `Message` or a [`DecodeError`]: truncation, a bad length
//!   prefix or one over the maximum, a bad hex bitmap, a bit for a field the dialect lacks,
//!   trailing bytes no length header counts, a framing length that disagrees. Content faults
//!   that move no boundary (a bad digit, a bad BCD pad nibble, an amount sign, a hex or track
//!   character) are [`Anomaly`]s of the message by default and errors with
//!   [`Options::STRICT`]. Each carries the part, the byte offset and expected versus found. The
//!   crate forbids `unsafe` code.
//!   Inputs are limited to 65,535 bytes, the most a 2-byte length header can announce.
//! - **Masking.** `Debug`, `Display` and `Serialize` of messages, fields and diagnoses show a
//!   card number as its first 6 and last 4 digits at most (fewer when it is short, so it
//!   cannot be rebuilt), inside field 55 too, and never show track data, names, PIN blocks,
//!   security data or key material. Sensitivity follows the field number, so a custom dialect
//!   that redefines field 2 or 35 still masks it.
//! - **Knowledge as data.** The explanations come from plain-text files in the crate's `data/`
//!   directory, compiled by `build.rs` into `phf` maps; tests hold them to the project's
//!   reference sheet of response codes.
//!
//! ## Features
//! - `std` (default): implements `std::error::Error` for the error types; implies `alloc`.
//! - `alloc`: [`encode::encode`] returning a `Vec`, and [`encode::OwnedDraft`]; text matching
//!   ([`codes::explain_text`]), whose automaton is built once, at first use.
//! - `serde`: `Serialize` for [`Message`], [`Field`], [`Partial`], [`Detection`], [`Diagnosis`],
//!   the errors, and the explanations and text answers in [`codes`]: one JSON shape, the one
//!   the example CLI prints (the README's "JSON" section lists every key). Every object has
//!   all its keys (`null` where the message lacks the value); card data is masked as `Display`
//!   masks it, inside field 55 too.
//! - `gbk`: text fields of dialects whose [`TextEncoding`](dialect::TextEncoding) is GBK
//!   (`cup-pos`) shown as Chinese characters, through the `encoding_rs` crate, without heap.
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use iso8583_response::{decode, dialect::ISO87_ASCII};
//!
//! // A 0110 declined with 05, as pyiso8583's `default_ascii` spec writes it.
//! let bytes = b"0110723C04800EC08000164761739001010119000000000000012550061214300500427114\
//!               30050612271205100616314004271A1B2C305POS00042MERCH0000004242840";
//! let message = decode(bytes, &ISO87_ASCII).unwrap();
//! let json = serde_json::to_value(&message).unwrap();
//! assert_eq!(json["mti"], "0110");
//! assert_eq!(json["fields"]["2"], "476173******0119"); // masked
//! assert_eq!(json["response"]["outcome"], "declined"); // 05
//! assert_eq!(json["reference"]["amount"]["display"], "125.50 USD");
//! # }
//! ```
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
pub mod ebcdic;
pub mod emv;
pub mod encode;
mod error;
pub mod mask;
mod message;
#[cfg(feature = "serde")]
mod serialize;
pub mod views;

#[cfg(fuzzing)]
#[doc(hidden)]
pub use decode::decode_exact;
pub use decode::{Detection, Options, Partial, decode, decode_partial, decode_with, detect};
pub use diagnosis::Diagnosis;
pub use error::{Anomaly, DecodeError, ErrorKind, Location};
pub use message::{Anomalies, Bitmap, Bytes, Digits, Field, Message, Mti, ResponseCode};
pub use views::{Amount, Balance, Balances, CURRENCIES, Currency, LocalDateTime, MaskedPan};
