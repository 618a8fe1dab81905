//! A whole response diagnosed: the explanation of field 39 under the dialect's scheme, and the
//! reference data an operator reads out on the phone to the issuer or the acquirer.

use core::fmt;

use crate::codes::{Lookup, Situation, Text, explain, situation};
use crate::dialect::{CupHeader, ProcessingRequirement, Standard};
use crate::message::{Field, Message, Mti, ResponseCode};

/// An ISO 4217 currency: numeric code, alphabetic code, minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Currency {
    /// The numeric code, e.g. 156.
    pub numeric: u16,
    /// The alphabetic code, e.g. `CNY`.
    pub alpha: &'static str,
    /// Digits after the decimal point.
    pub exponent: u8,
}

/// The currencies the crate names, from ISO 4217.
pub const CURRENCIES: [Currency; 44] = {
    const fn c(numeric: u16, alpha: &'static str, exponent: u8) -> Currency {
        Currency {
            numeric,
            alpha,
            exponent,
        }
    }
    [
        c(36, "AUD", 2),
        c(48, "BHD", 3),
        c(124, "CAD", 2),
        c(152, "CLP", 0),
        c(156, "CNY", 2),
        c(203, "CZK", 2),
        c(208, "DKK", 2),
        c(344, "HKD", 2),
        c(348, "HUF", 2),
        c(356, "INR", 2),
        c(360, "IDR", 2),
        c(368, "IQD", 3),
        c(392, "JPY", 0),
        c(400, "JOD", 3),
        c(410, "KRW", 0),
        c(414, "KWD", 3),
        c(434, "LYD", 3),
        c(446, "MOP", 2),
        c(458, "MYR", 2),
        c(484, "MXN", 2),
        c(512, "OMR", 3),
        c(554, "NZD", 2),
        c(578, "NOK", 2),
        c(608, "PHP", 2),
        c(643, "RUB", 2),
        c(682, "SAR", 2),
        c(702, "SGD", 2),
        c(704, "VND", 0),
        c(710, "ZAR", 2),
        c(752, "SEK", 2),
        c(756, "CHF", 2),
        c(764, "THB", 2),
        c(784, "AED", 2),
        c(788, "TND", 3),
        c(826, "GBP", 2),
        c(840, "USD", 2),
        c(901, "TWD", 2),
        c(949, "TRY", 2),
        c(950, "XAF", 0),
        c(952, "XOF", 0),
        c(978, "EUR", 2),
        c(985, "PLN", 2),
        c(986, "BRL", 2),
        c(548, "VUV", 0),
    ]
};

impl Currency {
    /// The currency with this numeric code.
    pub fn from_numeric(numeric: u16) -> Option<Currency> {
        CURRENCIES.iter().copied().find(|c| c.numeric == numeric)
    }

    /// The currency with this alphabetic code.
    pub fn from_alpha(alpha: &str) -> Option<Currency> {
        CURRENCIES.iter().copied().find(|c| c.alpha == alpha)
    }

    /// The currency a field 49 value names: three digits, or an alphabetic code.
    pub fn from_code(code: &str) -> Option<Currency> {
        match code.parse::<u16>() {
            Ok(n) if code.len() == 3 => Currency::from_numeric(n),
            _ => Currency::from_alpha(code),
        }
    }
}

/// An amount in minor units with its currency code as sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Amount {
    /// The amount in minor units (cents, fen).
    pub minor: u64,
    /// The currency, if the crate knows its code.
    pub currency: Option<Currency>,
    /// The currency code as sent (three characters), if any.
    code: [u8; 3],
}

impl Amount {
    /// An amount of `minor` units in the currency `code` names (`840`, `USD`, …).
    pub fn new(minor: u64, code: &str) -> Amount {
        let mut bytes = [b' '; 3];
        for (b, c) in bytes.iter_mut().zip(code.bytes()) {
            *b = c;
        }
        Amount {
            minor,
            currency: Currency::from_code(code),
            code: bytes,
        }
    }

    /// The currency code as sent.
    pub fn code(&self) -> &str {
        core::str::from_utf8(&self.code).unwrap_or("").trim_end()
    }
}

/// With a known currency: `125.50 USD`; otherwise the minor units and the code as sent.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.currency {
            Some(c) if c.exponent > 0 => {
                let scale = 10u64.saturating_pow(u32::from(c.exponent));
                let whole = self.minor.checked_div(scale).unwrap_or(0);
                let part = self.minor.checked_rem(scale).unwrap_or(0);
                write!(
                    f,
                    "{whole}.{part:0width$} {}",
                    c.alpha,
                    width = usize::from(c.exponent)
                )
            }
            Some(c) => write!(f, "{} {}", self.minor, c.alpha),
            None if self.code().is_empty() => {
                write!(f, "{} (minor units, no currency)", self.minor)
            }
            None => write!(f, "{} (minor units, currency {})", self.minor, self.code()),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Amount", 4)?;
        st.serialize_field("minor", &self.minor)?;
        st.serialize_field("currency", self.code())?;
        st.serialize_field("exponent", &self.currency.map(|c| c.exponent))?;
        st.serialize_field("display", &AsStr(self))?;
        st.end()
    }
}

/// Serialises a value through its `Display`.
#[cfg(feature = "serde")]
struct AsStr<'t, T>(&'t T);

#[cfg(feature = "serde")]
impl<T: fmt::Display> serde::Serialize for AsStr<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// One entry of field 54, additional amounts: 20 characters of account type, amount type,
/// currency, sign and a 12-digit amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Balance {
    /// Account type (positions 1–2), e.g. 10 savings, 20 cheque, 30 credit.
    pub account_type: u8,
    /// Amount type (positions 3–4), e.g. 01 ledger balance, 02 available balance.
    pub amount_type: u8,
    /// The amount, negative balances marked by `debit`.
    pub amount: Amount,
    /// `true` for a `D` (debit, negative) sign.
    pub debit: bool,
}

impl Balance {
    /// A name for the amount type.
    pub fn amount_type_name(&self) -> Text {
        match self.amount_type {
            1 => Text {
                en: "ledger balance",
                zh: "账面余额",
            },
            2 => Text {
                en: "available balance",
                zh: "可用余额",
            },
            3 => Text {
                en: "amount owing",
                zh: "欠款金额",
            },
            4 => Text {
                en: "amount due",
                zh: "应还金额",
            },
            20 => Text {
                en: "remaining this cycle",
                zh: "本期剩余额度",
            },
            40 => Text {
                en: "cash amount",
                zh: "现金金额",
            },
            _ => Text {
                en: "amount",
                zh: "金额",
            },
        }
    }

    /// A name for the account type.
    pub fn account_type_name(&self) -> Text {
        match self.account_type {
            0 => Text {
                en: "default account",
                zh: "默认账户",
            },
            10 => Text {
                en: "savings",
                zh: "储蓄账户",
            },
            20 => Text {
                en: "cheque",
                zh: "支票账户",
            },
            30 => Text {
                en: "credit",
                zh: "信用账户",
            },
            _ => Text {
                en: "account",
                zh: "账户",
            },
        }
    }
}

impl fmt::Display for Balance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.debit { "-" } else { "" };
        write!(
            f,
            "{} ({}): {sign}{}",
            self.amount_type_name().en,
            self.account_type_name().en,
            self.amount
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Balance {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Balance", 5)?;
        st.serialize_field("account_type", &self.account_type)?;
        st.serialize_field("amount_type", &self.amount_type)?;
        st.serialize_field("sign", if self.debit { "D" } else { "C" })?;
        st.serialize_field("amount", &self.amount)?;
        st.serialize_field("display", &AsStr(self))?;
        st.end()
    }
}

/// The entries of field 54 (see [`Balance`]); entries that do not parse are skipped.
#[derive(Clone, Debug)]
pub struct Balances<'a> {
    rest: &'a [u8],
}

impl Iterator for Balances<'_> {
    type Item = Balance;

    fn next(&mut self) -> Option<Balance> {
        loop {
            let (chunk, rest) = self.rest.split_at_checked(20)?;
            self.rest = rest;
            if let Some(b) = parse_balance(chunk) {
                return Some(b);
            }
        }
    }
}

fn number(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    bytes.iter().try_fold(0u64, |n, &b| {
        n.checked_mul(10)?
            .checked_add(u64::from(b.wrapping_sub(b'0')))
    })
}

fn parse_balance(chunk: &[u8]) -> Option<Balance> {
    let account_type = u8::try_from(number(chunk.get(0..2)?)?).ok()?;
    let amount_type = u8::try_from(number(chunk.get(2..4)?)?).ok()?;
    let code = core::str::from_utf8(chunk.get(4..7)?).ok()?;
    let debit = match chunk.get(7)? {
        b'C' => false,
        b'D' => true,
        _ => return None,
    };
    let minor = number(chunk.get(8..20)?)?;
    Some(Balance {
        account_type,
        amount_type,
        amount: Amount::new(minor, code),
        debit,
    })
}

/// A local transaction date and time from fields 12 and 13 (1987: `hhmmss` and `MMDD`;
/// 1993: `YYMMDDhhmmss` in field 12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LocalDateTime {
    /// Two-digit year, when the message carries it.
    pub year: Option<u8>,
    /// Month and day, when the message carries them.
    pub month_day: Option<(u8, u8)>,
    /// Hours, minutes, seconds, when the message carries them.
    pub time: Option<(u8, u8, u8)>,
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some((m, d)) = self.month_day {
            if let Some(y) = self.year {
                // Two-digit years: 00-49 are 20xx, 50-99 are 19xx.
                let century = if y < 50 { 20 } else { 19 };
                write!(f, "{century}{y:02}-")?;
            }
            write!(f, "{m:02}-{d:02}")?;
            sep = " ";
        }
        if let Some((h, mi, s)) = self.time {
            write!(f, "{sep}{h:02}:{mi:02}:{s:02}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for LocalDateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Up to 12 decimal digits of a field, as numbers in pairs.
fn pairs<const N: usize>(field: &Field<'_>) -> Option<[u8; N]> {
    let mut digits = field.digits()?;
    if digits.len() != N.checked_mul(2)? {
        return None;
    }
    let mut out = [0u8; N];
    for slot in &mut out {
        let hi = digits.next()?.checked_sub(b'0').filter(|d| *d <= 9)?;
        let lo = digits.next()?.checked_sub(b'0').filter(|d| *d <= 9)?;
        *slot = hi.checked_mul(10)?.checked_add(lo)?;
    }
    Some(out)
}

/// What an operator needs about a whole response: the explained response code and the reference
/// data to quote to the issuer or acquirer. Built without allocating; every field borrows the
/// message's input.
///
/// Diagnosing a request (an MTI whose function digit says request or advice, such as 0200)
/// means diagnosing a message that got no answer: the outcome is unknown, and
/// [`Diagnosis::situation`] gives the time-out advice (check whether the payment went through,
/// reverse it, never charge twice) with the same reference data.
///
/// `Display` and `Debug` (and `Serialize`, with the `serde` feature) show the card number
/// masked to its first 6 and last 4 digits.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Diagnosis<'a> {
    /// The message type.
    pub mti: Mti,
    /// Whether the message is a response at all.
    pub is_response: bool,
    /// The response code (field 39), if present.
    pub response_code: Option<ResponseCode>,
    /// Its explanation under the dialect's scheme, if the code is known.
    pub response: Option<Lookup>,
    /// Retrieval reference number (field 37).
    pub rrn: Option<Field<'a>>,
    /// Systems trace audit number (field 11).
    pub stan: Option<Field<'a>>,
    /// Authorisation code (field 38).
    pub auth_code: Option<Field<'a>>,
    /// Terminal id (field 41).
    pub terminal_id: Option<Field<'a>>,
    /// Merchant id (field 42).
    pub merchant_id: Option<Field<'a>>,
    /// Transaction amount (field 4) in the currency of field 49.
    pub amount: Option<Amount>,
    /// Local date and time (fields 12 and 13).
    pub local_time: Option<LocalDateTime>,
    /// Additional response data (field 44).
    pub additional_response: Option<Field<'a>>,
    /// Additional amounts (field 54), such as balances after a funds decline.
    pub balances: Option<Field<'a>>,
    /// What a CUP POS centre asks the terminal to do next, when it asks anything.
    pub processing_requirement: Option<ProcessingRequirement>,
    /// The card number (field 2); shown masked.
    pub pan: Option<MaskedPan<'a>>,
    /// For a request that got no response: the time-out situation and its triage.
    pub situation: Option<&'static Situation>,
}

impl<'a> Diagnosis<'a> {
    /// Diagnoses a decoded message.
    pub fn new(message: &Message<'a>) -> Diagnosis<'a> {
        let dialect = message.dialect();
        let response_code = message.response_code();
        let response = response_code.and_then(|c| explain(c.as_str(), Some(dialect.scheme())));
        let currency = message.field(49);
        let amount = message.field(4).and_then(|f| {
            let digits = f.digits()?;
            let mut minor = 0u64;
            for d in digits {
                let d = d.checked_sub(b'0').filter(|d| *d <= 9)?;
                minor = minor.checked_mul(10)?.checked_add(u64::from(d))?;
            }
            let code: &str = currency.and_then(|c| c.as_str()).unwrap_or_default();
            Some(Amount::new(minor, code.trim()))
        });
        let local_time = match dialect.standard() {
            Standard::Iso1993 => {
                message
                    .field(12)
                    .and_then(|f| pairs::<6>(&f))
                    .map(|[y, mo, d, h, mi, s]| LocalDateTime {
                        year: Some(y),
                        month_day: Some((mo, d)),
                        time: Some((h, mi, s)),
                    })
            }
            _ => {
                let time = message
                    .field(12)
                    .and_then(|f| pairs::<3>(&f))
                    .map(|[h, m, s]| (h, m, s));
                let month_day = message
                    .field(13)
                    .and_then(|f| pairs::<2>(&f))
                    .map(|[m, d]| (m, d));
                (time.is_some() || month_day.is_some()).then_some(LocalDateTime {
                    year: None,
                    month_day,
                    time,
                })
            }
        };
        let processing_requirement = CupHeader::new(message.header())
            .map(|h| h.processing_requirement())
            .filter(ProcessingRequirement::is_action);
        Diagnosis {
            mti: message.mti(),
            is_response: message.is_response(),
            response_code,
            response,
            rrn: message.field(37),
            stan: message.field(11),
            auth_code: message.field(38),
            terminal_id: message.field(41),
            merchant_id: message.field(42),
            amount,
            local_time,
            additional_response: message.field(44),
            balances: message.field(54),
            processing_requirement,
            pan: message.field(2).map(MaskedPan),
            situation: (!message.is_response())
                .then(|| situation("timeout-unknown-outcome"))
                .flatten(),
        }
    }

    /// The entries of field 54 (empty when absent).
    pub fn balances(&self) -> Balances<'a> {
        Balances {
            rest: self.balances.map_or(&[], |f| f.raw()),
        }
    }
}

impl<'a> Message<'a> {
    /// Diagnoses the message: see [`Diagnosis`].
    pub fn diagnose(&self) -> Diagnosis<'a> {
        Diagnosis::new(self)
    }
}

/// A card number that prints masked (first 6 and last 4 digits) in every form.
#[derive(Clone, Copy)]
pub struct MaskedPan<'a>(Field<'a>);

impl fmt::Display for MaskedPan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.digits() {
            Some(digits) => crate::mask::write_pan(f, digits),
            None => crate::mask::write_pan(f, self.0.raw().iter().copied()),
        }
    }
}

impl fmt::Debug for MaskedPan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MaskedPan(\"{self}\")")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for MaskedPan<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The reference data and the explanation, one item a line, in English.
impl fmt::Display for Diagnosis<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, crate::codes::Lang::En)
    }
}

impl Diagnosis<'_> {
    /// Writes the diagnosis for people, in `lang`: the answer, what to do, and the reference data.
    pub fn write(&self, f: &mut dyn fmt::Write, lang: crate::codes::Lang) -> fmt::Result {
        let zh = lang == crate::codes::Lang::Zh;
        let label = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
        if !self.is_response {
            writeln!(
                f,
                "{}",
                label(
                    "This message is a request (MTI says request or advice): if it got no response, the outcome is unknown.",
                    "该报文是请求报文：如果没有收到应答，交易结果未知。"
                )
            )?;
        }
        if let Some(s) = self.situation {
            writeln!(f, "{}", s.name.get(lang))?;
            writeln!(f, "  {}:", label("Operator, in order", "收银员依次处理"))?;
            for (i, step) in s.operator_steps.iter().enumerate() {
                writeln!(f, "    {}. {}", i.saturating_add(1), step.get(lang))?;
            }
            writeln!(
                f,
                "  {}: {}",
                label("When to call", "何时求助"),
                s.call.get(lang)
            )?;
        }
        match (&self.response_code, &self.response) {
            (Some(code), Some(l)) => {
                let e = l.explanation;
                writeln!(
                    f,
                    "{} {code} ({}): {}",
                    label("Response", "应答码"),
                    e.scheme,
                    e.meaning.get(lang)
                )?;
                writeln!(
                    f,
                    "  {}: {}",
                    label("Outcome", "结果"),
                    e.outcome.label().get(lang)
                )?;
                writeln!(
                    f,
                    "  {}: {}",
                    label("Who acts", "处理方"),
                    e.actor.label().get(lang)
                )?;
                // An approval has nothing to retry: no retry line.
                if e.outcome != crate::codes::Outcome::Approved {
                    writeln!(
                        f,
                        "  {}: {}",
                        label("Retry", "重试"),
                        e.retry.label().get(lang)
                    )?;
                }
                if e.outcome != crate::codes::Outcome::Approved {
                    writeln!(f, "  {}:", label("Likely causes", "可能原因"))?;
                    for c in e.causes {
                        writeln!(f, "    - {}", c.get(lang))?;
                    }
                }
                writeln!(f, "  {}:", label("Operator", "收银员"))?;
                for (i, s) in e.operator_steps.iter().enumerate() {
                    writeln!(f, "    {}. {}", i.saturating_add(1), s.get(lang))?;
                }
                writeln!(f, "  {}:", label("Cardholder", "持卡人"))?;
                for (i, s) in e.cardholder_steps.iter().enumerate() {
                    writeln!(f, "    {}. {}", i.saturating_add(1), s.get(lang))?;
                }
            }
            (Some(code), None) => writeln!(
                f,
                "{} {code}: {}",
                label("Response", "应答码"),
                label("unknown code", "未知应答码")
            )?,
            (None, _) => writeln!(
                f,
                "{}",
                label("No response code (field 39).", "无应答码（39域）。")
            )?,
        }
        if let Some(p) = self.processing_requirement {
            writeln!(
                f,
                "{}: {}",
                label("Host asks the terminal to", "主机要求终端"),
                p.describe()
            )?;
        }
        writeln!(f, "{}:", label("Reference data", "参考信息"))?;
        let mut line = |name_en: &'static str, name_zh: &'static str, value: &dyn fmt::Display| {
            writeln!(f, "  {:<22} {value}", if zh { name_zh } else { name_en })
        };
        if let Some(v) = &self.rrn {
            line("RRN (37)", "参考号（37域）", v)?;
        }
        if let Some(v) = &self.stan {
            line("Trace number (11)", "流水号（11域）", v)?;
        }
        if let Some(v) = &self.auth_code {
            line("Auth code (38)", "授权码（38域）", v)?;
        }
        if let Some(v) = &self.terminal_id {
            line("Terminal id (41)", "终端号（41域）", v)?;
        }
        if let Some(v) = &self.merchant_id {
            line("Merchant id (42)", "商户号（42域）", v)?;
        }
        if let Some(v) = &self.amount {
            line("Amount (4/49)", "金额（4/49域）", v)?;
        }
        if let Some(v) = &self.local_time {
            line("Local time (12/13)", "交易时间（12/13域）", v)?;
        }
        if let Some(v) = &self.pan {
            line("Card (2)", "卡号（2域）", v)?;
        }
        if let Some(v) = &self.additional_response {
            line("Additional data (44)", "附加响应数据（44域）", v)?;
        }
        for b in self.balances() {
            line("Balance (54)", "余额（54域）", &b)?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Diagnosis<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};
        struct Shown<'f, 'a>(&'f Option<Field<'a>>);
        impl serde::Serialize for Shown<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self.0 {
                    Some(f) => s.collect_str(f),
                    None => s.serialize_none(),
                }
            }
        }
        struct All<'d, 'a>(&'d Diagnosis<'a>);
        impl serde::Serialize for All<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(None)?;
                for b in self.0.balances() {
                    seq.serialize_element(&b)?;
                }
                seq.end()
            }
        }
        let mut st = s.serialize_struct("Diagnosis", 17)?;
        st.serialize_field("mti", self.mti.as_str())?;
        st.serialize_field("is_response", &self.is_response)?;
        st.serialize_field(
            "response_code",
            &self.response_code.as_ref().map(ResponseCode::as_str),
        )?;
        st.serialize_field("response", &self.response.as_ref().map(|l| l.explanation))?;
        st.serialize_field("basis", &self.response.as_ref().map(|l| l.basis))?;
        st.serialize_field("rrn", &Shown(&self.rrn))?;
        st.serialize_field("stan", &Shown(&self.stan))?;
        st.serialize_field("auth_code", &Shown(&self.auth_code))?;
        st.serialize_field("terminal_id", &Shown(&self.terminal_id))?;
        st.serialize_field("merchant_id", &Shown(&self.merchant_id))?;
        st.serialize_field("amount", &self.amount)?;
        st.serialize_field("local_time", &self.local_time)?;
        st.serialize_field("additional_response", &Shown(&self.additional_response))?;
        st.serialize_field("balances", &All(self))?;
        st.serialize_field("processing_requirement", &self.processing_requirement)?;
        st.serialize_field("pan", &self.pan)?;
        st.serialize_field("situation", &self.situation)?;
        st.end()
    }
}
