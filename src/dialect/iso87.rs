//! ISO 8583:1987 dialects.
//!
//! The field table follows ISO 8583:1987 and pyiso8583's `default` specs, which agree on it.
//! jPOS's `ISO87APackager`/`ISO87BPackager` deviate in three fixed lengths, and the standard's
//! lengths are used instead: field 93 (response indicator) is `an 5` (jPOS: 6), field 96
//! (message security code) is `b 64`, eight bytes (jPOS: 16). Field 65 (extended bitmap) is
//! eight bytes, a 64-bit bitmap, as pyiso8583 reads it (jPOS: one byte; the standard's table
//! says `b 1`); like jPOS, and unlike pyiso8583, it is read in field order as ordinary data,
//! not as a third bitmap. Where the implementations disagree on a maximum, the larger is
//! accepted: field 54 up to 240 characters (pyiso8583; jPOS and the standard: 120), field 55 up
//! to 999.

use super::build::{Profile, ans, b, lllvar_ans, llvar_ans, llvar_n, n, secret, xn};
use super::{
    BitmapEncoding, Dialect, Encoding, FieldSpec, Framing, MtiEncoding, PrefixEncoding,
    Sensitivity, Standard, Unit,
};

/// The ISO 8583:1987 field table, abstract: ASCII values, raw binary, ASCII prefixes.
pub(super) const TABLE: [Option<FieldSpec>; 129] = [
    None,
    b(8, "Secondary bitmap"),
    Some(
        FieldSpec::numeric(19, "Primary account number")
            .ll()
            .with_sensitivity(Sensitivity::Pan),
    ),
    n(6, "Processing code"),
    n(12, "Amount, transaction"),
    n(12, "Amount, settlement"),
    n(12, "Amount, cardholder billing"),
    n(10, "Transmission date and time"),
    n(8, "Amount, cardholder billing fee"),
    n(8, "Conversion rate, settlement"),
    n(8, "Conversion rate, cardholder billing"),
    n(6, "Systems trace audit number"),
    n(6, "Time, local transaction"),
    n(4, "Date, local transaction"),
    n(4, "Date, expiration"),
    n(4, "Date, settlement"),
    n(4, "Date, conversion"),
    n(4, "Date, capture"),
    n(4, "Merchant type"),
    n(3, "Acquiring institution country code"),
    n(3, "PAN extended, country code"),
    n(3, "Forwarding institution country code"),
    n(3, "Point of service entry mode"),
    n(3, "Card sequence number"),
    n(3, "Network international identifier"),
    n(2, "Point of service condition code"),
    n(2, "Point of service PIN capture code"),
    n(1, "Authorisation identification response length"),
    xn(9, "Amount, transaction fee"),
    xn(9, "Amount, settlement fee"),
    xn(9, "Amount, transaction processing fee"),
    xn(9, "Amount, settlement processing fee"),
    llvar_n(11, "Acquiring institution identification code"),
    llvar_n(11, "Forwarding institution identification code"),
    llvar_ans(28, "Primary account number, extended"),
    secret(Some(FieldSpec::track(37, "Track 2 data").ll())),
    secret(Some(FieldSpec::track(104, "Track 3 data").lll())),
    ans(12, "Retrieval reference number"),
    ans(6, "Authorisation identification response"),
    ans(2, "Response code"),
    ans(3, "Service restriction code"),
    ans(8, "Card acceptor terminal identification"),
    ans(15, "Card acceptor identification code"),
    ans(40, "Card acceptor name/location"),
    llvar_ans(25, "Additional response data"),
    secret(llvar_ans(76, "Track 1 data")),
    lllvar_ans(999, "Additional data, ISO"),
    lllvar_ans(999, "Additional data, national"),
    lllvar_ans(999, "Additional data, private"),
    ans(3, "Currency code, transaction"),
    ans(3, "Currency code, settlement"),
    ans(3, "Currency code, cardholder billing"),
    secret(b(8, "PIN data")),
    secret(n(16, "Security related control information")),
    lllvar_ans(240, "Additional amounts"),
    Some(FieldSpec::binary(999, "ICC data (EMV)").lll()),
    lllvar_ans(999, "Reserved, ISO"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    b(8, "Message authentication code"),
    b(8, "Bitmap, extended"),
    n(1, "Settlement code"),
    n(2, "Extended payment code"),
    n(3, "Receiving institution country code"),
    n(3, "Settlement institution country code"),
    n(3, "Network management information code"),
    n(4, "Message number"),
    n(4, "Message number, last"),
    n(6, "Date, action"),
    n(10, "Credits, number"),
    n(10, "Credits, reversal number"),
    n(10, "Debits, number"),
    n(10, "Debits, reversal number"),
    n(10, "Transfer, number"),
    n(10, "Transfer, reversal number"),
    n(10, "Inquiries, number"),
    n(10, "Authorisations, number"),
    n(12, "Credits, processing fee amount"),
    n(12, "Credits, transaction fee amount"),
    n(12, "Debits, processing fee amount"),
    n(12, "Debits, transaction fee amount"),
    n(16, "Credits, amount"),
    n(16, "Credits, reversal amount"),
    n(16, "Debits, amount"),
    n(16, "Debits, reversal amount"),
    n(42, "Original data elements"),
    ans(1, "File update code"),
    ans(2, "File security code"),
    ans(5, "Response indicator"),
    ans(7, "Service indicator"),
    ans(42, "Replacement amounts"),
    secret(b(8, "Message security code")),
    xn(17, "Amount, net settlement"),
    ans(25, "Payee"),
    llvar_n(11, "Settlement institution identification code"),
    llvar_n(11, "Receiving institution identification code"),
    llvar_ans(17, "File name"),
    llvar_ans(28, "Account identification 1"),
    llvar_ans(28, "Account identification 2"),
    lllvar_ans(100, "Transaction description"),
    lllvar_ans(999, "Reserved, ISO"),
    lllvar_ans(999, "Reserved, ISO"),
    lllvar_ans(999, "Reserved, ISO"),
    lllvar_ans(999, "Reserved, ISO"),
    lllvar_ans(999, "Reserved, ISO"),
    lllvar_ans(999, "Reserved, ISO"),
    lllvar_ans(999, "Reserved, ISO"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    b(8, "Message authentication code"),
];

/// ISO 8583:1987 in ASCII: ASCII MTI, hex-ASCII bitmaps (either case), ASCII numerics, text and
/// length prefixes, binary fields as hex text (two characters a byte).
///
/// Decodes what pyiso8583 encodes with its `default_ascii` spec and what jPOS
/// `ISO87APackager` produces. Field 55 is hex text whose LLL prefix counts characters, as both
/// pyiso8583 (`max_len` 510) and jPOS (`IFA_LLLCHAR` 999) write it; up to 999 characters.
pub const ISO87_ASCII: Dialect = Dialect::new(
    "iso87-ascii",
    Standard::Iso1987,
    Framing::NONE,
    MtiEncoding::Ascii,
    BitmapEncoding::HexAscii,
    Profile::ASCII_HEX.apply(TABLE),
)
.with_field(
    55,
    FieldSpec::binary(999, "ICC data (EMV)")
        .lll()
        .with_encoding(Encoding::HexAscii)
        .with_unit(Unit::Wire),
);

/// ISO 8583:1987 with ASCII MTI, numerics, text and length prefixes, but 8-byte binary bitmaps
/// and raw binary fields (52, 55, 64, 65, 96, 128): pyiso8583's `default` spec.
pub const ISO87_ASCII_BINBITMAP: Dialect = Dialect::new(
    "iso87-ascii-binbitmap",
    Standard::Iso1987,
    Framing::NONE,
    MtiEncoding::Ascii,
    BitmapEncoding::Binary,
    Profile::ASCII_RAW.apply(TABLE),
);

/// ISO 8583:1987 in jPOS `ISO87BPackager` conventions: BCD MTI, binary bitmaps, BCD numerics
/// (fixed odd lengths right-justified, variable ones left-justified), BCD length prefixes, track
/// 2 in BCD with a `D` separator, ASCII text, amounts (x+n) as an ASCII `C`/`D` and BCD digits.
///
/// Track 3 (field 36) is ASCII text with a BCD prefix, as `ISO87BPackager` has it
/// (`IFB_LLLCHAR`).
pub const ISO87_BCD: Dialect = Dialect::new(
    "iso87-bcd",
    Standard::Iso1987,
    Framing::NONE,
    MtiEncoding::Bcd,
    BitmapEncoding::Binary,
    Profile::BCD.apply(TABLE),
)
.with_field(
    36,
    FieldSpec::track(104, "Track 3 data")
        .lll()
        .with_prefix_encoding(PrefixEncoding::Bcd)
        .with_sensitivity(Sensitivity::Secret),
);

/// ISO 8583:1987 in EBCDIC (code page 037), as IBM mainframe hosts and Mastercard-style
/// interfaces write it: EBCDIC MTI, 8-byte binary bitmaps, EBCDIC length prefixes (`F0F5` for
/// 05), numerics, amounts (`C`/`D` as C3/C4), track data and text all one EBCDIC byte a
/// character, binary fields (52, 55, 64, 65, 96, 128) raw. The field table is the one the other
/// ISO 8583:1987 dialects use (pyiso8583's).
///
/// Text views decode EBCDIC: `Display` and the CLI show it readable.
pub const ISO87_EBCDIC: Dialect = Dialect::new(
    "iso87-ebcdic",
    Standard::Iso1987,
    Framing::NONE,
    MtiEncoding::Ebcdic,
    BitmapEncoding::Binary,
    Profile::EBCDIC.apply(TABLE),
);
