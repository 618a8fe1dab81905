//! The chip's own results, read from field 55 and said in words: the card-side response code
//! (8A), issuer authentication data (91), issuer scripts (71/72), the cryptogram type (9F27),
//! the terminal verification results (95) and transaction status information (9B) bit by bit,
//! and the CVM results (9F34).
//!
//! Bit layouts follow EMV 4.4 Book 3 Annex C (C3 CVM codes, C5 TVR, C6 TSI) and Book 3 section
//! 6.5.5 (cryptogram information data). Every text is written for this crate in English and
//! Chinese.

use core::fmt;

use super::{EmvData, Tag};
use crate::codes::{Family, Lang, Text, families};

/// One bit of a bit string, with what it means when set and the cause family it points at.
struct BitMeaning {
    /// 1-based byte, 8..=1 bit as EMV numbers them (b8 is the most significant).
    byte: u8,
    bit: u8,
    text: Text,
    family: Option<&'static str>,
}

const fn bit(
    byte: u8,
    bit: u8,
    en: &'static str,
    zh: &'static str,
    family: Option<&'static str>,
) -> BitMeaning {
    BitMeaning {
        byte,
        bit,
        text: Text { en, zh },
        family,
    }
}

/// Terminal verification results, tag 95 (EMV Book 3 Annex C5).
const TVR: [BitMeaning; 27] = [
    bit(
        1,
        8,
        "offline data authentication was not performed",
        "未执行脱机数据认证",
        None,
    ),
    bit(
        1,
        7,
        "static data authentication (SDA) failed",
        "静态数据认证（SDA）失败",
        Some("card-physical"),
    ),
    bit(
        1,
        6,
        "chip data missing",
        "IC卡数据缺失",
        Some("card-physical"),
    ),
    bit(
        1,
        5,
        "card is on the terminal's exception (hot) list",
        "卡片在终端黑名单中",
        Some("suspicious"),
    ),
    bit(
        1,
        4,
        "dynamic data authentication (DDA) failed",
        "动态数据认证（DDA）失败",
        Some("card-physical"),
    ),
    bit(
        1,
        3,
        "combined data authentication (CDA) failed",
        "复合动态数据认证（CDA）失败",
        Some("card-physical"),
    ),
    bit(1, 2, "SDA was selected", "选择了静态数据认证", None),
    bit(
        2,
        8,
        "card and terminal have different application versions",
        "卡片与终端的应用版本不同",
        None,
    ),
    bit(
        2,
        7,
        "the card application has expired",
        "卡片应用已过期",
        Some("card-status"),
    ),
    bit(
        2,
        6,
        "the card application is not yet effective",
        "卡片应用尚未生效",
        Some("card-status"),
    ),
    bit(
        2,
        5,
        "the requested service is not allowed for this card",
        "该卡不允许此项服务",
        Some("card-status"),
    ),
    bit(2, 4, "new card", "新卡", None),
    bit(
        3,
        8,
        "cardholder verification was not successful",
        "持卡人验证未成功",
        Some("operator-input"),
    ),
    bit(
        3,
        7,
        "unrecognised cardholder verification method",
        "无法识别的持卡人验证方法",
        Some("card-status"),
    ),
    bit(
        3,
        6,
        "PIN try limit exceeded",
        "PIN重试次数已超限",
        Some("operator-input"),
    ),
    bit(
        3,
        5,
        "PIN required but the PIN pad is missing or not working",
        "需要输入密码但密码键盘缺失或故障",
        Some("terminal-hardware"),
    ),
    bit(
        3,
        4,
        "PIN required, PIN pad present, but no PIN was entered",
        "需要输入密码但未输入",
        Some("operator-input"),
    ),
    bit(3, 3, "online PIN entered", "已输入联机密码", None),
    bit(
        4,
        8,
        "transaction exceeds the floor limit",
        "交易金额超过最低限额（需联机）",
        None,
    ),
    bit(
        4,
        7,
        "lower consecutive offline limit exceeded",
        "超过连续脱机交易下限",
        None,
    ),
    bit(
        4,
        6,
        "upper consecutive offline limit exceeded",
        "超过连续脱机交易上限",
        None,
    ),
    bit(
        4,
        5,
        "transaction selected at random for online processing",
        "交易被随机选择联机处理",
        None,
    ),
    bit(
        4,
        4,
        "merchant forced the transaction online",
        "商户强制联机",
        None,
    ),
    bit(5, 8, "default TDOL used", "使用了默认TDOL", None),
    bit(
        5,
        7,
        "issuer authentication failed",
        "发卡行认证失败",
        Some("issuer-system"),
    ),
    bit(
        5,
        6,
        "issuer script processing failed before the final GENERATE AC",
        "最终GENERATE AC前发卡行脚本处理失败",
        Some("issuer-system"),
    ),
    bit(
        5,
        5,
        "issuer script processing failed after the final GENERATE AC",
        "最终GENERATE AC后发卡行脚本处理失败",
        Some("issuer-system"),
    ),
];

/// Transaction status information, tag 9B (EMV Book 3 Annex C6).
const TSI: [BitMeaning; 6] = [
    bit(
        1,
        8,
        "offline data authentication was performed",
        "已执行脱机数据认证",
        None,
    ),
    bit(
        1,
        7,
        "cardholder verification was performed",
        "已执行持卡人验证",
        None,
    ),
    bit(
        1,
        6,
        "card risk management was performed",
        "已执行卡片风险管理",
        None,
    ),
    bit(
        1,
        5,
        "issuer authentication was performed",
        "已执行发卡行认证",
        None,
    ),
    bit(
        1,
        4,
        "terminal risk management was performed",
        "已执行终端风险管理",
        None,
    ),
    bit(
        1,
        3,
        "script processing was performed",
        "已执行脚本处理",
        None,
    ),
];

/// The cryptogram the card generated (9F27, bits 8–7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Cryptogram {
    /// Application authentication cryptogram: the card declined.
    Aac,
    /// Transaction certificate: the card approved (offline, or after the issuer approved).
    Tc,
    /// Authorisation request cryptogram: the card asks for the issuer's decision online.
    Arqc,
    /// The fourth value, reserved (application authorisation referral in older versions).
    Reserved,
}

impl Cryptogram {
    /// The cryptogram type of a 9F27 byte.
    pub const fn from_cid(cid: u8) -> Cryptogram {
        match cid >> 6 {
            0 => Cryptogram::Aac,
            1 => Cryptogram::Tc,
            2 => Cryptogram::Arqc,
            _ => Cryptogram::Reserved,
        }
    }

    /// `AAC`, `TC`, `ARQC` or `RFU`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Cryptogram::Aac => "AAC",
            Cryptogram::Tc => "TC",
            Cryptogram::Arqc => "ARQC",
            Cryptogram::Reserved => "RFU",
        }
    }

    /// What it means for the sale.
    pub const fn meaning(self) -> Text {
        match self {
            Cryptogram::Aac => Text {
                en: "AAC: the card itself declined the transaction",
                zh: "AAC：卡片自身拒绝了交易",
            },
            Cryptogram::Tc => Text {
                en: "TC: the card approved the transaction",
                zh: "TC：卡片批准了交易",
            },
            Cryptogram::Arqc => Text {
                en: "ARQC: the card asked for the issuer's decision online",
                zh: "ARQC：卡片请求发卡行联机授权",
            },
            Cryptogram::Reserved => Text {
                en: "reserved cryptogram type",
                zh: "保留的密文类型",
            },
        }
    }
}

/// One thing the chip data says, in words, with the cause family it points at, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// The tag it comes from.
    pub tag: Tag,
    /// What it says.
    pub text: Text,
    /// The cause family (from the merchant guides) it points at.
    pub family: Option<&'static Family>,
}

/// The CVM results, tag 9F34 (EMV Book 3 Annex C3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CvmResults {
    /// The method performed.
    pub method: Text,
    /// `Some(true)` successful, `Some(false)` failed, `None` unknown.
    pub successful: Option<bool>,
}

/// The chip's results in a message's field 55 (see the module documentation).
///
/// ```
/// use iso8583_response::emv::{ChipResults, Cryptogram, Data, EmvData};
///
/// // 9F27 = 80 (ARQC), 95 = 00 00 00 80 00 (over the floor limit), 8A = "51".
/// let emv = EmvData::new(Data::hex(b"9F270180950500000080008A023531"));
/// let chip = ChipResults::new(emv);
/// assert_eq!(chip.cryptogram(), Some(Cryptogram::Arqc));
/// assert_eq!(chip.card_response_code(), Some(*b"51"));
/// let tvr: Vec<&str> = chip.tvr().map(|f| f.text.en).collect();
/// assert_eq!(tvr, ["transaction exceeds the floor limit"]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ChipResults<'a> {
    emv: EmvData<'a>,
}

fn bits<'t>(
    value: [u8; 5],
    table: impl Iterator<Item = &'t BitMeaning> + 't,
    tag: Tag,
) -> impl Iterator<Item = Finding> + 't {
    table
        .filter(move |m| {
            let byte = value
                .get(usize::from(m.byte.saturating_sub(1)))
                .copied()
                .unwrap_or(0);
            byte & (1u8 << m.bit.saturating_sub(1)) != 0
        })
        .map(move |m| Finding {
            tag,
            text: m.text,
            family: m.family.and_then(|id| families().find(|f| f.id == id)),
        })
}

impl<'a> ChipResults<'a> {
    /// The results in this chip data.
    pub const fn new(emv: EmvData<'a>) -> ChipResults<'a> {
        ChipResults { emv }
    }

    /// The first `N` bytes of `tag`'s value (zeros past its end), if the tag is there.
    fn value<const N: usize>(&self, tag: u32) -> Option<[u8; N]> {
        let tlv = self.emv.find(Tag(tag))?;
        let mut out = [0u8; N];
        for (o, b) in out.iter_mut().zip(tlv.value().bytes()) {
            *o = b;
        }
        Some(out)
    }

    /// The authorisation response code the card gets (8A), two characters: in a response, the
    /// issuer's answer passed to the chip; it should agree with field 39.
    pub fn card_response_code(&self) -> Option<[u8; 2]> {
        self.value::<2>(0x8A)
    }

    /// The cryptogram type (9F27).
    pub fn cryptogram(&self) -> Option<Cryptogram> {
        self.value::<1>(0x9F27)
            .map(|[cid]| Cryptogram::from_cid(cid))
    }

    /// Whether the issuer sent authentication data (91) for the card to check.
    pub fn issuer_authentication(&self) -> bool {
        self.emv.find(Tag(0x91)).is_some()
    }

    /// Issuer scripts: (templates 71, to run before the final GENERATE AC; templates 72, after;
    /// commands 86 in all).
    pub fn scripts(&self) -> (usize, usize, usize) {
        let (mut before, mut after, mut commands) = (0usize, 0usize, 0usize);
        for tlv in self.emv.tlvs().map_while(Result::ok) {
            let count = |t: &super::Tlv<'_>| {
                t.children().map_or(0, |c| {
                    c.map_while(Result::ok)
                        .filter(|x| x.tag() == Tag(0x86))
                        .count()
                })
            };
            match tlv.tag().value() {
                0x71 => {
                    before = before.saturating_add(1);
                    commands = commands.saturating_add(count(&tlv));
                }
                0x72 => {
                    after = after.saturating_add(1);
                    commands = commands.saturating_add(count(&tlv));
                }
                _ => {}
            }
        }
        (before, after, commands)
    }

    /// The terminal verification results (95) that are set, in words.
    pub fn tvr(&self) -> impl Iterator<Item = Finding> + '_ {
        let value = self.value::<5>(0x95).unwrap_or([0; 5]);
        bits(value, TVR.iter(), Tag(0x95))
    }

    /// The transaction status information (9B) that is set, in words.
    pub fn tsi(&self) -> impl Iterator<Item = Finding> + '_ {
        let [a, b] = self.value::<2>(0x9B).unwrap_or([0; 2]);
        bits([a, b, 0, 0, 0], TSI.iter(), Tag(0x9B))
    }

    /// The CVM results (9F34).
    pub fn cvm(&self) -> Option<CvmResults> {
        let [method, _condition, result] = self.value::<3>(0x9F34)?;
        let text = match method & 0x3F {
            0x00 => ("CVM processing failed", "持卡人验证处理失败"),
            0x01 => ("plaintext PIN checked by the card", "卡片脱机验证明文密码"),
            0x02 => ("enciphered PIN checked online", "联机验证加密密码"),
            0x03 => (
                "plaintext PIN checked by the card, and signature",
                "卡片验证明文密码并签名",
            ),
            0x04 => ("enciphered PIN checked by the card", "卡片脱机验证加密密码"),
            0x05 => (
                "enciphered PIN checked by the card, and signature",
                "卡片验证加密密码并签名",
            ),
            0x1E => ("signature", "签名"),
            0x1F => ("no CVM required", "无需持卡人验证"),
            0x3F => ("no CVM performed", "未执行持卡人验证"),
            _ => (
                "a scheme- or issuer-specific method",
                "卡组织或发卡行自定义方法",
            ),
        };
        Some(CvmResults {
            method: Text {
                en: text.0,
                zh: text.1,
            },
            successful: match result {
                1 => Some(false),
                2 => Some(true),
                _ => None,
            },
        })
    }

    /// Whether there is anything to say (see [`write`](Self::write)).
    pub fn is_empty(&self) -> bool {
        self.cryptogram().is_none()
            && self.card_response_code().is_none()
            && !self.issuer_authentication()
            && self.scripts() == (0, 0, 0)
            && self.tvr().next().is_none()
            && self.cvm().is_none()
    }

    /// Everything worth saying, in order: the cryptogram, the card's response code (and
    /// whether it disagrees with `field_39`), issuer authentication, scripts, TVR bits that
    /// point at a cause, and a failed CVM.
    pub fn write(&self, f: &mut dyn fmt::Write, field_39: Option<&str>, lang: Lang) -> fmt::Result {
        let zh = lang == Lang::Zh;
        let label = |en: &'static str, z: &'static str| if zh { z } else { en };
        if let Some(c) = self.cryptogram() {
            writeln!(
                f,
                "  {}: {}",
                label("Cryptogram (9F27)", "密文类型（9F27）"),
                c.meaning().get(lang)
            )?;
        }
        if let Some(code) = self.card_response_code() {
            let code = core::str::from_utf8(&code).unwrap_or("??");
            write!(
                f,
                "  {}: {code}",
                label(
                    "Authorisation response code for the card (8A)",
                    "给卡片的授权响应码（8A）"
                )
            )?;
            match field_39 {
                Some(rc) if rc != code => write!(
                    f,
                    " ({} {rc})",
                    label("differs from field 39", "与39域不同：")
                )?,
                Some(_) => write!(f, " ({})", label("same as field 39", "与39域一致"))?,
                None => {}
            }
            writeln!(f)?;
        }
        if self.issuer_authentication() {
            writeln!(
                f,
                "  {}",
                label(
                    "Issuer authentication data (91) present: the terminal passes it to the card",
                    "含发卡行认证数据（91）：终端须交给卡片验证"
                )
            )?;
        }
        let (before, after, commands) = self.scripts();
        if before.saturating_add(after) > 0 {
            writeln!(
                f,
                "  {}: {before} / {after} ({commands} {})",
                label(
                    "Issuer scripts the terminal must run, before / after the final GENERATE AC (71/72)",
                    "终端须执行的发卡行脚本，最终GENERATE AC前/后（71/72）"
                ),
                label("commands", "条指令")
            )?;
        }
        for finding in self.tvr() {
            write!(f, "  TVR (95): {}", finding.text.get(lang))?;
            if let Some(family) = finding.family {
                write!(
                    f,
                    " [{}: {}]",
                    label("cause", "原因"),
                    family.name.get(lang)
                )?;
            }
            writeln!(f)?;
        }
        if let Some(cvm) = self.cvm() {
            let result = match cvm.successful {
                Some(true) => label("successful", "成功"),
                Some(false) => label("failed", "失败"),
                None => label("result unknown", "结果未知"),
            };
            writeln!(
                f,
                "  {}: {}, {result}",
                label("CVM (9F34)", "持卡人验证（9F34）"),
                cvm.method.get(lang)
            )?;
        }
        Ok(())
    }
}
