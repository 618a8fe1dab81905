//! ISO 8583:1993 dialects, laid out as jPOS's `ISO93APackager` and `ISO93BPackager` write them.
//!
//! Field 39 is a three-digit action code. Differences from the 1987 table that matter when
//! reading responses: field 12 is the local date and time (`YYMMDDhhmmss`), 22 the 12-character
//! POS data code, 24 the function code, 25 the message reason code, 43 and 44 variable text
//! up to 99. As in jPOS, track 2 and 3 (35, 36) are ASCII text in both encodings, and fields 53,
//! 55 and 96 are raw bytes with a byte count even in the ASCII dialect. Field 54 is accepted up
//! to 240 characters and field 55 up to 999 bytes, the larger maxima seen in implementations.

use super::build::{Profile, ans, b, lllvar_ans, llvar_ans, llvar_n, n, numbered, secret};
use super::{
    Align, BitmapEncoding, Dialect, Encoding, FieldSpec, Framing, Kind, MtiEncoding,
    PrefixEncoding, Sensitivity, Standard,
};

/// The ISO 8583:1993 field table, abstract: ASCII values, raw binary, ASCII prefixes.
const TABLE: [Option<FieldSpec>; 129] = numbered([
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
    (5, n(12, "Amount, reconciliation")),
    (6, n(12, "Amount, cardholder billing")),
    (7, n(10, "Date and time, transmission")),
    (8, n(8, "Amount, cardholder billing fee")),
    (9, n(8, "Conversion rate, reconciliation")),
    (10, n(8, "Conversion rate, cardholder billing")),
    (11, n(6, "Systems trace audit number")),
    (12, n(12, "Date and time, local transaction")),
    (13, n(4, "Date, effective")),
    (14, n(4, "Date, expiration")),
    (15, n(6, "Date, settlement")),
    (16, n(4, "Date, conversion")),
    (17, n(4, "Date, capture")),
    (18, n(4, "Merchant type")),
    (19, n(3, "Country code, acquiring institution")),
    (20, n(3, "Country code, primary account number")),
    (21, n(3, "Country code, forwarding institution")),
    (22, ans(12, "Point of service data code")),
    (23, n(3, "Card sequence number")),
    (24, n(3, "Function code")),
    (25, n(4, "Message reason code")),
    (26, n(4, "Card acceptor business code")),
    (27, n(1, "Approval code length")),
    (28, n(6, "Date, reconciliation")),
    (29, n(3, "Reconciliation indicator")),
    (30, n(24, "Amounts, original")),
    (31, llvar_ans(99, "Acquirer reference data")),
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
    (38, ans(6, "Approval code")),
    (39, n(3, "Action code")),
    (40, n(3, "Service code")),
    (41, ans(8, "Card acceptor terminal identification")),
    (42, ans(15, "Card acceptor identification code")),
    (43, llvar_ans(99, "Card acceptor name/location")),
    (44, llvar_ans(99, "Additional response data")),
    (45, secret(Some(FieldSpec::text(76, "Track 1 data").ll()))),
    (46, lllvar_ans(204, "Amounts, fees")),
    (47, lllvar_ans(999, "Additional data, national")),
    (48, lllvar_ans(999, "Additional data, private")),
    (49, ans(3, "Currency code, transaction")),
    (50, ans(3, "Currency code, reconciliation")),
    (51, ans(3, "Currency code, cardholder billing")),
    (52, secret(Some(FieldSpec::binary(8, "PIN data")))),
    (
        53,
        secret(Some(
            FieldSpec::binary(48, "Security related control information").ll(),
        )),
    ),
    (54, lllvar_ans(240, "Amounts, additional")),
    (55, Some(FieldSpec::binary(999, "ICC data (EMV)").lll())),
    (56, llvar_n(35, "Original data elements")),
    (57, n(3, "Authorisation life cycle code")),
    (
        58,
        llvar_n(11, "Authorising agent institution identification code"),
    ),
    (59, lllvar_ans(999, "Transport data")),
    (60, lllvar_ans(999, "Reserved, national")),
    (61, lllvar_ans(999, "Reserved, national")),
    (62, lllvar_ans(999, "Reserved, private")),
    (63, lllvar_ans(999, "Reserved, private")),
    (64, b(8, "Message authentication code")),
    (65, b(8, "Reserved, ISO (tertiary bitmap)")),
    (66, lllvar_ans(204, "Amounts, original fees")),
    (67, n(2, "Extended payment data")),
    (68, n(3, "Country code, receiving institution")),
    (69, n(3, "Country code, settlement institution")),
    (70, n(3, "Country code, authorising agent institution")),
    (71, n(8, "Message number")),
    (72, lllvar_ans(999, "Data record")),
    (73, n(6, "Date, action")),
    (74, n(10, "Credits, number")),
    (75, n(10, "Credits, reversal number")),
    (76, n(10, "Debits, number")),
    (77, n(10, "Debits, reversal number")),
    (78, n(10, "Transfer, number")),
    (79, n(10, "Transfer, reversal number")),
    (80, n(10, "Inquiries, number")),
    (81, n(10, "Authorisations, number")),
    (82, n(10, "Inquiries, reversal number")),
    (83, n(10, "Payments, number")),
    (84, n(10, "Payments, reversal number")),
    (85, n(10, "Fee collections, number")),
    (86, n(16, "Credits, amount")),
    (87, n(16, "Credits, reversal amount")),
    (88, n(16, "Debits, amount")),
    (89, n(16, "Debits, reversal amount")),
    (90, n(10, "Authorisations, reversal number")),
    (
        91,
        n(3, "Country code, transaction destination institution"),
    ),
    (92, n(3, "Country code, transaction originator institution")),
    (
        93,
        llvar_n(
            11,
            "Transaction destination institution identification code",
        ),
    ),
    (
        94,
        llvar_n(11, "Transaction originator institution identification code"),
    ),
    (95, llvar_ans(99, "Card issuer reference data")),
    (
        96,
        secret(Some(FieldSpec::binary(999, "Key management data").lll())),
    ),
    (
        97,
        Some(FieldSpec::amount(17, "Amount, net reconciliation")),
    ),
    (98, ans(25, "Payee")),
    (
        99,
        llvar_ans(11, "Settlement institution identification code"),
    ),
    (
        100,
        llvar_n(11, "Receiving institution identification code"),
    ),
    (101, llvar_ans(17, "File name")),
    (102, llvar_ans(28, "Account identification 1")),
    (103, llvar_ans(28, "Account identification 2")),
    (104, lllvar_ans(100, "Transaction description")),
    (105, n(16, "Credits, chargeback amount")),
    (106, n(16, "Debits, chargeback amount")),
    (107, n(10, "Credits, chargeback number")),
    (108, n(10, "Debits, chargeback number")),
    (109, llvar_ans(84, "Credits, fee amounts")),
    (110, llvar_ans(84, "Debits, fee amounts")),
    (111, lllvar_ans(999, "Reserved, ISO")),
    (112, lllvar_ans(999, "Reserved, ISO")),
    (113, lllvar_ans(999, "Reserved, ISO")),
    (114, lllvar_ans(999, "Reserved, ISO")),
    (115, lllvar_ans(999, "Reserved, ISO")),
    (116, lllvar_ans(999, "Reserved, national")),
    (117, lllvar_ans(999, "Reserved, national")),
    (118, lllvar_ans(999, "Reserved, national")),
    (119, lllvar_ans(999, "Reserved, national")),
    (120, lllvar_ans(999, "Reserved, national")),
    (121, lllvar_ans(999, "Reserved, national")),
    (122, lllvar_ans(999, "Reserved, national")),
    (123, lllvar_ans(999, "Reserved, private")),
    (124, lllvar_ans(999, "Reserved, private")),
    (125, lllvar_ans(999, "Reserved, private")),
    (126, lllvar_ans(999, "Reserved, private")),
    (127, lllvar_ans(999, "Reserved, private")),
    (128, b(8, "Message authentication code")),
]);

/// Fields 53, 55 and 96 stay raw bytes in jPOS `ISO93APackager` (`IFA_LLBINARY`,
/// `IFA_LLLBINARY`), unlike the hex-written fixed binary fields.
const fn raw_variable_binary(mut table: [Option<FieldSpec>; 129]) -> [Option<FieldSpec>; 129] {
    let mut i = 0;
    while i < table.len() {
        if let Some(spec) = table[i]
            && matches!(spec.kind, Kind::Binary)
            && !matches!(spec.prefix, super::Prefix::Fixed)
        {
            table[i] = Some(spec.with_encoding(Encoding::Binary));
        }
        i += 1;
    }
    table
}

/// jPOS `ISO93BPackager`: every numeric, fixed or variable, is left-justified (`RIGHT_PADDED`:
/// `"840"` packs as `84 00`); track data is ASCII text.
const BCD93: Profile = Profile {
    numeric_fixed: Encoding::Bcd(Align::Left),
    numeric_var: Encoding::Bcd(Align::Left),
    track: Encoding::Ascii,
    binary: Encoding::Binary,
    prefix: PrefixEncoding::Bcd,
    text: Encoding::Ascii,
};

/// ISO 8583:1993 in ASCII, as jPOS `ISO93APackager`: ASCII MTI, numerics, text and prefixes,
/// hex-ASCII bitmaps; fixed binary fields (52, 64, 65, 128) as hex text, variable ones
/// (53, 55, 96) as raw bytes.
pub const ISO93_ASCII: Dialect = Dialect::new(
    "iso93-ascii",
    Standard::Iso1993,
    Framing::NONE,
    MtiEncoding::Ascii,
    BitmapEncoding::HexAscii,
    raw_variable_binary(Profile::ASCII_HEX.apply(TABLE)),
);

/// ISO 8583:1993 in BCD, as jPOS `ISO93BPackager`: BCD MTI, numerics (left-justified) and
/// prefixes, binary bitmaps, ASCII text and track data, raw binary, amounts as an ASCII sign and
/// BCD digits.
pub const ISO93_BCD: Dialect = Dialect::new(
    "iso93-bcd",
    Standard::Iso1993,
    Framing::NONE,
    MtiEncoding::Bcd,
    BitmapEncoding::Binary,
    BCD93.apply(TABLE),
);
