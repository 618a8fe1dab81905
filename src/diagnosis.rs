//! A whole response diagnosed: the explanation of field 39 under the dialect's scheme, and the
//! reference data an operator reads out on the phone to the issuer or the acquirer.

use core::fmt;

use crate::codes::{Lookup, Situation, explain, situation};
use crate::dialect::{CupHeader, ProcessingRequirement, Sensitivity};
use crate::emv::ChipResults;
use crate::message::{Field, Message, Mti, ResponseCode};
use crate::views::{Amount, Balances, LocalDateTime, MaskedPan};

/// What an operator needs about a whole response: the explained response code and the reference
/// data to quote to the issuer or acquirer.
///
/// Diagnosing costs one look-up of field 39 and of its explanation: the reference data are
/// views the diagnosis assembles when asked ([`rrn`](Self::rrn), [`amount`](Self::amount),
/// [`balances`](Self::balances), …), each a field look-up, never a copy or an allocation.
///
/// Diagnosing a request (an MTI whose function digit says request or advice, such as 0200)
/// means diagnosing a message that got no answer: the outcome is unknown, and
/// [`Diagnosis::situation`] gives the time-out advice (check whether the payment went through,
/// reverse it, never charge twice) with the same reference data.
///
/// `Display` and `Debug` (and `Serialize`, with the `serde` feature) show the card number
/// masked to its first 6 and last 4 digits at most.
#[derive(Clone)]
pub struct Diagnosis<'a> {
    message: Message<'a>,
    response_code: Option<ResponseCode>,
    response: Option<Lookup>,
    situation: Option<&'static Situation>,
}

impl<'a> Diagnosis<'a> {
    /// Diagnoses a decoded message.
    pub fn new(message: &Message<'a>) -> Diagnosis<'a> {
        let response_code = message.response_code();
        let response =
            response_code.and_then(|c| explain(c.as_str(), Some(message.dialect().scheme())));
        let situation = if message.is_response() {
            None
        } else {
            situation("timeout-unknown-outcome")
        };
        Diagnosis {
            message: message.clone(),
            response_code,
            response,
            situation,
        }
    }

    /// The message diagnosed.
    pub fn message(&self) -> &Message<'a> {
        &self.message
    }

    /// The message type.
    pub fn mti(&self) -> Mti {
        self.message.mti()
    }

    /// Whether the message is a response at all.
    pub fn is_response(&self) -> bool {
        self.message.is_response()
    }

    /// The response code (field 39), if present.
    pub fn response_code(&self) -> Option<ResponseCode> {
        self.response_code
    }

    /// Its explanation under the dialect's scheme, if the code is known.
    pub fn response(&self) -> Option<Lookup> {
        self.response
    }

    /// For a request that got no response: the time-out situation and its triage.
    pub fn situation(&self) -> Option<&'static Situation> {
        self.situation
    }

    /// Retrieval reference number (field 37).
    pub fn rrn(&self) -> Option<Field<'a>> {
        self.message.field(37)
    }

    /// Systems trace audit number (field 11).
    pub fn stan(&self) -> Option<Field<'a>> {
        self.message.field(11)
    }

    /// Authorisation code (field 38).
    pub fn auth_code(&self) -> Option<Field<'a>> {
        self.message.field(38)
    }

    /// Terminal id (field 41).
    pub fn terminal_id(&self) -> Option<Field<'a>> {
        self.message.field(41)
    }

    /// Merchant id (field 42).
    pub fn merchant_id(&self) -> Option<Field<'a>> {
        self.message.field(42)
    }

    /// Additional response data (field 44).
    pub fn additional_response(&self) -> Option<Field<'a>> {
        self.message.field(44)
    }

    /// Transaction amount (field 4) in the currency of field 49.
    pub fn amount(&self) -> Option<Amount> {
        let amount = self.message.field(4)?;
        Amount::from_fields(&amount, self.message.field(49).as_ref())
    }

    /// Local date and time (fields 12 and 13).
    pub fn local_time(&self) -> Option<LocalDateTime> {
        LocalDateTime::from_message(&self.message)
    }

    /// The entries of field 54, additional amounts, such as balances after a funds decline
    /// (empty when absent).
    pub fn balances(&self) -> Balances<'a> {
        match self.message.field(54) {
            Some(f) if f.spec().encoding == crate::dialect::Encoding::Ebcdic => {
                Balances::new_ebcdic(f.raw())
            }
            Some(f) => Balances::new(f.raw()),
            None => Balances::new(&[]),
        }
    }

    /// What a CUP POS centre asks the terminal to do next, when it asks anything.
    pub fn processing_requirement(&self) -> Option<ProcessingRequirement> {
        CupHeader::new(self.message.header())
            .map(|h| h.processing_requirement())
            .filter(ProcessingRequirement::is_action)
    }

    /// The card number (field 2); shown masked.
    pub fn pan(&self) -> Option<MaskedPan<'a>> {
        // A dialect that marks field 2 secret has it redacted everywhere, here too.
        self.message
            .field(2)
            .filter(|f| f.sensitivity() != Sensitivity::Secret)
            .map(MaskedPan)
    }

    /// The chip's results in field 55 (cryptogram, card response code, issuer scripts, TVR,
    /// CVM), when the message carries chip data.
    pub fn chip(&self) -> Option<ChipResults<'a>> {
        let field = self.message.field(55)?;
        (field.sensitivity() == Sensitivity::Tlv)
            .then(|| field.emv())
            .flatten()
            .map(ChipResults::new)
    }
}

impl fmt::Debug for Diagnosis<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Diagnosis")
            .field("mti", &self.mti())
            .field("response_code", &self.response_code)
            .field("response", &self.response)
            .field("situation", &self.situation.map(|s| s.id))
            .field("rrn", &self.rrn())
            .field("stan", &self.stan())
            .field("amount", &self.amount())
            .field("pan", &self.pan())
            .finish_non_exhaustive()
    }
}

/// A balance written in Chinese: amount type (account type): amount.
struct BalanceZh<'b>(&'b crate::views::Balance, &'static str);

impl fmt::Display for BalanceZh<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}（{}）：{}{}",
            self.0.amount_type_name().zh,
            self.0.account_type_name().zh,
            self.1,
            self.0.amount
        )
    }
}

impl<'a> Message<'a> {
    /// Diagnoses the message: see [`Diagnosis`].
    pub fn diagnose(&self) -> Diagnosis<'a> {
        Diagnosis::new(self)
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
        if !self.is_response() {
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
            // Announced but not reached: the message was cut short before field 39.
            (None, _) if self.message.is_partial() && self.message.bitmap().contains(39) => {
                writeln!(
                    f,
                    "{}",
                    label(
                        "Response code (field 39) announced but not read: the message was cut short before it.",
                        "报文声明了应答码（39域），但报文在此之前被截断，未能读到。"
                    )
                )?
            }
            (None, _) => writeln!(
                f,
                "{}",
                label("No response code (field 39).", "无应答码（39域）。")
            )?,
        }
        if let Some(chip) = self.chip().filter(|c| !c.is_empty()) {
            writeln!(f, "{}:", label("Chip data (55)", "IC卡数据（55域）"))?;
            chip.write(
                f,
                self.response_code.as_ref().map(ResponseCode::as_str),
                lang,
            )?;
        }
        if let Some(p) = self.processing_requirement() {
            writeln!(
                f,
                "{}: {}",
                label("Host asks the terminal to", "主机要求终端"),
                p.meaning().get(lang)
            )?;
        }
        writeln!(f, "{}:", label("Reference data", "参考信息"))?;
        let mut line = |name_en: &'static str, name_zh: &'static str, value: &dyn fmt::Display| {
            writeln!(f, "  {:<22} {value}", if zh { name_zh } else { name_en })
        };
        if let Some(v) = &self.rrn() {
            line("RRN (37)", "参考号（37域）", v)?;
        }
        if let Some(v) = &self.stan() {
            line("Trace number (11)", "流水号（11域）", v)?;
        }
        if let Some(v) = &self.auth_code() {
            line("Auth code (38)", "授权码（38域）", v)?;
        }
        if let Some(v) = &self.terminal_id() {
            line("Terminal id (41)", "终端号（41域）", v)?;
        }
        if let Some(v) = &self.merchant_id() {
            line("Merchant id (42)", "商户号（42域）", v)?;
        }
        if let Some(v) = &self.amount() {
            line("Amount (4/49)", "金额（4/49域）", v)?;
        }
        if let Some(v) = &self.local_time() {
            line("Local time (12/13)", "交易时间（12/13域）", v)?;
        }
        if let Some(v) = &self.pan() {
            line("Card (2)", "卡号（2域）", v)?;
        }
        if let Some(v) = &self.additional_response() {
            line("Additional data (44)", "附加响应数据（44域）", v)?;
        }
        for b in self.balances() {
            if zh {
                let sign = if b.debit { "-" } else { "" };
                let shown = BalanceZh(&b, sign);
                line("Balance (54)", "余额（54域）", &shown)?;
            } else {
                line("Balance (54)", "余额（54域）", &b)?;
            }
        }
        Ok(())
    }
}
