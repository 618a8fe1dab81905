//! ISO 8583:1993 dialects, laid out as jPOS's `ISO93APackager` and `ISO93BPackager` write them.
//!
//! Field 39 is a three-digit action code. Differences from the 1987 table that matter when
//! reading responses: field 12 is the local date and time (`YYMMDDhhmmss`), 22 the 12-character
//! POS data code, 24 the function code, 25 the message reason code, 43 and 44 variable text
//! up to 99. As in jPOS, track 2 and 3 (35, 36) are ASCII text in both encodings, and fields 53,
//! 55 and 96 are raw bytes with a byte count even in the ASCII dialect. Field 54 is accepted up
//! to 240 characters and field 55 up to 999 bytes, the larger maxima seen in implementations.

use super::build::{Profile, ans, b, lllvar_ans, llvar_ans, llvar_n, n, secret};
use super::{
    Align, BitmapEncoding, Dialect, Encoding, FieldSpec, Framing, Kind, MtiEncoding,
    PrefixEncoding, Sensitivity, Standard,
};

/// The ISO 8583:1993 field table, abstract: ASCII values, raw binary, ASCII prefixes.
const TABLE: [Option<FieldSpec>; 129] = [
    None,
    b(8, "Secondary bitmap"),
    Some(
        FieldSpec::numeric(19, "Primary account number")
            .ll()
            .with_sensitivity(Sensitivity::Pan),
    ),
    n(6, "Processing code"),
    n(12, "Amount, transaction"),
    n(12, "Amount, reconciliation"),
    n(12, "Amount, cardholder billing"),
    n(10, "Date and time, transmission"),
    n(8, "Amount, cardholder billing fee"),
    n(8, "Conversion rate, reconciliation"),
    n(8, "Conversion rate, cardholder billing"),
    n(6, "Systems trace audit number"),
    n(12, "Date and time, local transaction"),
    n(4, "Date, effective"),
    n(4, "Date, expiration"),
    n(6, "Date, settlement"),
    n(4, "Date, conversion"),
    n(4, "Date, capture"),
    n(4, "Merchant type"),
    n(3, "Country code, acquiring institution"),
    n(3, "Country code, primary account number"),
    n(3, "Country code, forwarding institution"),
    ans(12, "Point of service data code"),
    n(3, "Card sequence number"),
    n(3, "Function code"),
    n(4, "Message reason code"),
    n(4, "Card acceptor business code"),
    n(1, "Approval code length"),
    n(6, "Date, reconciliation"),
    n(3, "Reconciliation indicator"),
    n(24, "Amounts, original"),
    llvar_ans(99, "Acquirer reference data"),
    llvar_n(11, "Acquiring institution identification code"),
    llvar_n(11, "Forwarding institution identification code"),
    llvar_ans(28, "Primary account number, extended"),
    secret(Some(FieldSpec::track(37, "Track 2 data").ll())),
    secret(Some(FieldSpec::track(104, "Track 3 data").lll())),
    ans(12, "Retrieval reference number"),
    ans(6, "Approval code"),
    n(3, "Action code"),
    n(3, "Service code"),
    ans(8, "Card acceptor terminal identification"),
    ans(15, "Card acceptor identification code"),
    llvar_ans(99, "Card acceptor name/location"),
    llvar_ans(99, "Additional response data"),
    secret(Some(FieldSpec::text(76, "Track 1 data").ll())),
    lllvar_ans(204, "Amounts, fees"),
    lllvar_ans(999, "Additional data, national"),
    lllvar_ans(999, "Additional data, private"),
    ans(3, "Currency code, transaction"),
    ans(3, "Currency code, reconciliation"),
    ans(3, "Currency code, cardholder billing"),
    secret(Some(FieldSpec::binary(8, "PIN data"))),
    secret(Some(
        FieldSpec::binary(48, "Security related control information").ll(),
    )),
    lllvar_ans(240, "Amounts, additional"),
    Some(FieldSpec::binary(999, "ICC data (EMV)").lll()),
    llvar_n(35, "Original data elements"),
    n(3, "Authorisation life cycle code"),
    llvar_n(11, "Authorising agent institution identification code"),
    lllvar_ans(999, "Transport data"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, national"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    b(8, "Message authentication code"),
    b(8, "Reserved, ISO (tertiary bitmap)"),
    lllvar_ans(204, "Amounts, original fees"),
    n(2, "Extended payment data"),
    n(3, "Country code, receiving institution"),
    n(3, "Country code, settlement institution"),
    n(3, "Country code, authorising agent institution"),
    n(8, "Message number"),
    lllvar_ans(999, "Data record"),
    n(6, "Date, action"),
    n(10, "Credits, number"),
    n(10, "Credits, reversal number"),
    n(10, "Debits, number"),
    n(10, "Debits, reversal number"),
    n(10, "Transfer, number"),
    n(10, "Transfer, reversal number"),
    n(10, "Inquiries, number"),
    n(10, "Authorisations, number"),
    n(10, "Inquiries, reversal number"),
    n(10, "Payments, number"),
    n(10, "Payments, reversal number"),
    n(10, "Fee collections, number"),
    n(16, "Credits, amount"),
    n(16, "Credits, reversal amount"),
    n(16, "Debits, amount"),
    n(16, "Debits, reversal amount"),
    n(10, "Authorisations, reversal number"),
    n(3, "Country code, transaction destination institution"),
    n(3, "Country code, transaction originator institution"),
    llvar_n(
        11,
        "Transaction destination institution identification code",
    ),
    llvar_n(11, "Transaction originator institution identification code"),
    llvar_ans(99, "Card issuer reference data"),
    secret(Some(FieldSpec::binary(999, "Key management data").lll())),
    Some(FieldSpec::amount(17, "Amount, net reconciliation")),
    ans(25, "Payee"),
    llvar_ans(11, "Settlement institution identification code"),
    llvar_n(11, "Receiving institution identification code"),
    llvar_ans(17, "File name"),
    llvar_ans(28, "Account identification 1"),
    llvar_ans(28, "Account identification 2"),
    lllvar_ans(100, "Transaction description"),
    n(16, "Credits, chargeback amount"),
    n(16, "Debits, chargeback amount"),
    n(10, "Credits, chargeback number"),
    n(10, "Debits, chargeback number"),
    llvar_ans(84, "Credits, fee amounts"),
    llvar_ans(84, "Debits, fee amounts"),
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
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    lllvar_ans(999, "Reserved, private"),
    b(8, "Message authentication code"),
];

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
