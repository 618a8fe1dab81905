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

use super::build::{Profile, ans, b, lllvar_ans, llvar_ans, llvar_n, n, numbered, secret, xn};
use super::{
    BitmapEncoding, Dialect, Encoding, FieldSpec, Framing, MtiEncoding, PrefixEncoding,
    Sensitivity, Standard, Unit,
};

/// The ISO 8583:1987 field table, abstract: ASCII values, raw binary, ASCII prefixes.
pub(super) const TABLE: [Option<FieldSpec>; 129] = numbered([
    (1, b(8, "Secondary bitmap")),
    (
        2,
        Some(
            FieldSpec::numeric(19, "Primary account number")
                .ll()
                .with_sensitivity(Sensitivity::Pan),
        ),
    ),
    (3, n(6, "Processing code")),
    (4, n(12, "Amount, transaction")),
    (5, n(12, "Amount, settlement")),
    (6, n(12, "Amount, cardholder billing")),
    (7, n(10, "Transmission date and time")),
    (8, n(8, "Amount, cardholder billing fee")),
    (9, n(8, "Conversion rate, settlement")),
    (10, n(8, "Conversion rate, cardholder billing")),
    (11, n(6, "Systems trace audit number")),
    (12, n(6, "Time, local transaction")),
    (13, n(4, "Date, local transaction")),
    (14, n(4, "Date, expiration")),
    (15, n(4, "Date, settlement")),
    (16, n(4, "Date, conversion")),
    (17, n(4, "Date, capture")),
    (18, n(4, "Merchant type")),
    (19, n(3, "Acquiring institution country code")),
    (20, n(3, "PAN extended, country code")),
    (21, n(3, "Forwarding institution country code")),
    (22, n(3, "Point of service entry mode")),
    (23, n(3, "Card sequence number")),
    (24, n(3, "Network international identifier")),
    (25, n(2, "Point of service condition code")),
    (26, n(2, "Point of service PIN capture code")),
    (27, n(1, "Authorisation identification response length")),
    (28, xn(9, "Amount, transaction fee")),
    (29, xn(9, "Amount, settlement fee")),
    (30, xn(9, "Amount, transaction processing fee")),
    (31, xn(9, "Amount, settlement processing fee")),
    (32, llvar_n(11, "Acquiring institution identification code")),
    (
        33,
        llvar_n(11, "Forwarding institution identification code"),
    ),
    (34, llvar_ans(28, "Primary account number, extended")),
    (35, secret(Some(FieldSpec::track(37, "Track 2 data").ll()))),
    (
        36,
        secret(Some(FieldSpec::track(104, "Track 3 data").lll())),
    ),
    (37, ans(12, "Retrieval reference number")),
    (38, ans(6, "Authorisation identification response")),
    (39, ans(2, "Response code")),
    (40, ans(3, "Service restriction code")),
    (41, ans(8, "Card acceptor terminal identification")),
    (42, ans(15, "Card acceptor identification code")),
    (43, ans(40, "Card acceptor name/location")),
    (44, llvar_ans(25, "Additional response data")),
    (45, secret(llvar_ans(76, "Track 1 data"))),
    (46, lllvar_ans(999, "Additional data, ISO")),
    (47, lllvar_ans(999, "Additional data, national")),
    (48, lllvar_ans(999, "Additional data, private")),
    (49, ans(3, "Currency code, transaction")),
    (50, ans(3, "Currency code, settlement")),
    (51, ans(3, "Currency code, cardholder billing")),
    (52, secret(b(8, "PIN data"))),
    (53, secret(n(16, "Security related control information"))),
    (54, lllvar_ans(240, "Additional amounts")),
    (55, Some(FieldSpec::binary(999, "ICC data (EMV)").lll())),
    (56, lllvar_ans(999, "Reserved, ISO")),
    (57, lllvar_ans(999, "Reserved, national")),
    (58, lllvar_ans(999, "Reserved, national")),
    (59, lllvar_ans(999, "Reserved, national")),
    (60, lllvar_ans(999, "Reserved, national")),
    (61, lllvar_ans(999, "Reserved, private")),
    (62, lllvar_ans(999, "Reserved, private")),
    (63, lllvar_ans(999, "Reserved, private")),
    (64, b(8, "Message authentication code")),
    (65, b(8, "Bitmap, extended")),
    (66, n(1, "Settlement code")),
    (67, n(2, "Extended payment code")),
    (68, n(3, "Receiving institution country code")),
    (69, n(3, "Settlement institution country code")),
    (70, n(3, "Network management information code")),
    (71, n(4, "Message number")),
    (72, n(4, "Message number, last")),
    (73, n(6, "Date, action")),
    (74, n(10, "Credits, number")),
    (75, n(10, "Credits, reversal number")),
    (76, n(10, "Debits, number")),
    (77, n(10, "Debits, reversal number")),
    (78, n(10, "Transfer, number")),
    (79, n(10, "Transfer, reversal number")),
    (80, n(10, "Inquiries, number")),
    (81, n(10, "Authorisations, number")),
    (82, n(12, "Credits, processing fee amount")),
    (83, n(12, "Credits, transaction fee amount")),
    (84, n(12, "Debits, processing fee amount")),
    (85, n(12, "Debits, transaction fee amount")),
    (86, n(16, "Credits, amount")),
    (87, n(16, "Credits, reversal amount")),
    (88, n(16, "Debits, amount")),
    (89, n(16, "Debits, reversal amount")),
    (90, n(42, "Original data elements")),
    (91, ans(1, "File update code")),
    (92, ans(2, "File security code")),
    (93, ans(5, "Response indicator")),
    (94, ans(7, "Service indicator")),
    (95, ans(42, "Replacement amounts")),
    (96, secret(b(8, "Message security code"))),
    (97, xn(17, "Amount, net settlement")),
    (98, ans(25, "Payee")),
    (
        99,
        llvar_n(11, "Settlement institution identification code"),
    ),
    (
        100,
        llvar_n(11, "Receiving institution identification code"),
    ),
    (101, llvar_ans(17, "File name")),
    (102, llvar_ans(28, "Account identification 1")),
    (103, llvar_ans(28, "Account identification 2")),
    (104, lllvar_ans(100, "Transaction description")),
    (105, lllvar_ans(999, "Reserved, ISO")),
    (106, lllvar_ans(999, "Reserved, ISO")),
    (107, lllvar_ans(999, "Reserved, ISO")),
    (108, lllvar_ans(999, "Reserved, ISO")),
    (109, lllvar_ans(999, "Reserved, ISO")),
    (110, lllvar_ans(999, "Reserved, ISO")),
    (111, lllvar_ans(999, "Reserved, ISO")),
    (112, lllvar_ans(999, "Reserved, national")),
    (113, lllvar_ans(999, "Reserved, national")),
    (114, lllvar_ans(999, "Reserved, national")),
    (115, lllvar_ans(999, "Reserved, national")),
    (116, lllvar_ans(999, "Reserved, national")),
    (117, lllvar_ans(999, "Reserved, national")),
    (118, lllvar_ans(999, "Reserved, national")),
    (119, lllvar_ans(999, "Reserved, national")),
    (120, lllvar_ans(999, "Reserved, private")),
    (121, lllvar_ans(999, "Reserved, private")),
    (122, lllvar_ans(999, "Reserved, private")),
    (123, lllvar_ans(999, "Reserved, private")),
    (124, lllvar_ans(999, "Reserved, private")),
    (125, lllvar_ans(999, "Reserved, private")),
    (126, lllvar_ans(999, "Reserved, private")),
    (127, lllvar_ans(999, "Reserved, private")),
    (128, b(8, "Message authentication code")),
]);

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
/// `Field`'s `Display` (and so the CLI's dump and JSON) decodes EBCDIC text; `Field::digits`
/// gives ASCII digits; `raw()` and `text()` give the bytes as sent, which
/// [`ebcdic::to_char`](crate::ebcdic::to_char) turns into characters; `as_str()` is `None`.
pub const ISO87_EBCDIC: Dialect = Dialect::new(
    "iso87-ebcdic",
    Standard::Iso1987,
    Framing::NONE,
    MtiEncoding::Ebcdic,
    BitmapEncoding::Binary,
    Profile::EBCDIC.apply(TABLE),
);
