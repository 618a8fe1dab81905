//! China UnionPay POS terminal messages (the 64-field terminal-to-POS-centre format).
//!
//! Layout: an optional 2-byte big-endian length, a 5-byte TPDU (`60`, destination, source), a
//! 6-byte header, a BCD MTI, one 8-byte binary bitmap, then the fields. Length prefixes are BCD
//! (LL one byte, LLL two bytes) and count digits for numeric and track fields, bytes otherwise.
//! Numerics are BCD; odd lengths are left-aligned (pad nibble last) except field 23, which is
//! right-aligned. Text fields are ASCII, and 43, 56, 59 and 63 may hold GBK-encoded Chinese: they
//! are exposed as bytes, not validated. The table comes from the CUP POS terminal specification
//! as quoted by open terminal code, checked against real messages (see `tests/vectors/README.md`).
//!
//! Acquirers that encrypt track data send fields 35 and 36 as binary; override them with
//! [`Dialect::with_field`] for such hosts.

use crate::codes::{Scheme, Text};

use super::{
    Align, BitmapEncoding, Dialect, Encoding, FieldSpec, Framing, LengthHeader, MtiEncoding,
    PrefixEncoding, Sensitivity, Standard, TextEncoding,
};

/// BCD numeric, fixed length.
const fn n(len: u16, name: &'static str) -> Option<FieldSpec> {
    Some(bcd(FieldSpec::numeric(len, name)))
}
/// BCD numeric, left-aligned, variable.
const fn nvar(spec: FieldSpec) -> Option<FieldSpec> {
    Some(bcd(spec).with_encoding(Encoding::Bcd(Align::Left)))
}
const fn bcd(spec: FieldSpec) -> FieldSpec {
    spec.with_encoding(Encoding::Bcd(Align::Right))
        .with_prefix_encoding(PrefixEncoding::Bcd)
}
/// ASCII text (prefix, if any, in BCD).
const fn ans(spec: FieldSpec) -> Option<FieldSpec> {
    Some(spec.with_prefix_encoding(PrefixEncoding::Bcd))
}
/// Raw binary (prefix, if any, in BCD, counting bytes).
const fn b(spec: FieldSpec) -> Option<FieldSpec> {
    Some(spec.with_prefix_encoding(PrefixEncoding::Bcd))
}

const fn table() -> [Option<FieldSpec>; 129] {
    let mut t: [Option<FieldSpec>; 129] = [None; 129];
    t[2] = nvar(
        FieldSpec::numeric(19, "Primary account number")
            .ll()
            .with_sensitivity(Sensitivity::Pan),
    );
    t[3] = n(6, "Processing code");
    t[4] = n(12, "Amount, transaction");
    t[11] = n(6, "Systems trace audit number");
    t[12] = n(6, "Time, local transaction");
    t[13] = n(4, "Date, local transaction");
    t[14] = n(4, "Date, expiration");
    t[15] = n(4, "Date, settlement");
    t[22] = nvar(FieldSpec::numeric(3, "Point of service entry mode"));
    t[23] = n(3, "Card sequence number");
    t[24] = n(3, "Network international identifier");
    t[25] = n(2, "Point of service condition code");
    t[26] = n(2, "Point of service PIN capture code");
    t[32] = nvar(FieldSpec::numeric(11, "Acquiring institution identification code").ll());
    t[35] = Some(
        bcd(FieldSpec::track(37, "Track 2 data").ll())
            .with_encoding(Encoding::Bcd(Align::Left))
            .with_sensitivity(Sensitivity::Secret),
    );
    t[36] = Some(
        bcd(FieldSpec::track(104, "Track 3 data").lll())
            .with_encoding(Encoding::Bcd(Align::Left))
            .with_sensitivity(Sensitivity::Secret),
    );
    t[37] = ans(FieldSpec::text(12, "Retrieval reference number"));
    t[38] = ans(FieldSpec::text(6, "Authorisation identification response"));
    t[39] = ans(FieldSpec::text(2, "Response code"));
    t[41] = ans(FieldSpec::text(8, "Card acceptor terminal identification"));
    t[42] = ans(FieldSpec::text(15, "Card acceptor identification code"));
    t[43] = ans(FieldSpec::text(40, "Card acceptor name/location"));
    t[44] = ans(FieldSpec::text(25, "Additional response data").ll());
    t[45] = ans(FieldSpec::text(76, "Track 1 data")
        .ll()
        .with_sensitivity(Sensitivity::Secret));
    t[46] = ans(FieldSpec::text(999, "Additional data, ISO").lll());
    t[47] = b(FieldSpec::binary(999, "Additional data, national").lll());
    t[48] = nvar(FieldSpec::numeric(322, "Additional data, private").lll());
    t[49] = ans(FieldSpec::text(3, "Currency code, transaction"));
    t[52] = b(FieldSpec::binary(8, "PIN data").with_sensitivity(Sensitivity::Secret));
    t[53] = Some(
        bcd(FieldSpec::numeric(
            16,
            "Security related control information",
        ))
        .with_sensitivity(Sensitivity::Secret),
    );
    t[54] = ans(FieldSpec::text(120, "Balance amount").lll());
    t[55] = b(FieldSpec::binary(999, "ICC data (EMV)").lll());
    t[56] = ans(FieldSpec::text(999, "Additional information").lll());
    t[57] = b(FieldSpec::binary(999, "Reserved, private").lll());
    t[58] = ans(FieldSpec::text(100, "PBOC electronic purse data").lll());
    t[59] = ans(FieldSpec::text(999, "Reserved, private").lll());
    t[60] = nvar(FieldSpec::numeric(20, "Reserved, private (type, batch, network code)").lll());
    t[61] = nvar(FieldSpec::numeric(29, "Original message data").lll());
    // In a sign-on response field 62 carries the encrypted working keys (PIN, MAC and track
    // keys with their check values); in parameter downloads, parameters and public keys. Key
    // material is never shown, so the field is redacted in every message (its length shown).
    t[62] = b(
        FieldSpec::binary(512, "Reserved, private (keys, parameters)")
            .lll()
            .with_sensitivity(Sensitivity::Secret),
    );
    t[63] = ans(FieldSpec::text(163, "Reserved, private").lll());
    t[64] = b(FieldSpec::binary(8, "Message authentication code"));
    t
}

/// The CUP framing: a 2-byte length, then the 5-byte TPDU and 6-byte header.
const FRAMED: Framing = Framing::length(LengthHeader::Binary2).with_header(11);

/// China UnionPay POS terminal messages with their 2-byte big-endian length.
///
/// Maximum lengths follow the larger of the sources where they disagree: field 54 up to 120
/// characters (the CUP table says 20), 55 up to 999 bytes (255), 60 up to 20 digits (17).
pub const CUP_POS: Dialect = Dialect::new(
    "cup-pos",
    Standard::Iso1987,
    FRAMED,
    MtiEncoding::Bcd,
    BitmapEncoding::Binary,
    table(),
)
.with_scheme(Scheme::Cup)
.with_text_encoding(TextEncoding::Gbk);

/// [`CUP_POS`] without the 2-byte length, as messages are often copied from logs: the input
/// starts with the TPDU.
pub const CUP_POS_UNFRAMED: Dialect = CUP_POS.with_framing(Framing::header(11));

/// Chooses between [`CUP_POS`] and [`CUP_POS_UNFRAMED`] for `bytes`: framed when the first two
/// bytes count exactly the bytes after them, unframed otherwise (a TPDU starts with `0x60`, which
/// as a length would exceed any message this size).
pub fn detect_cup_framing(bytes: &[u8]) -> &'static Dialect {
    match bytes {
        [hi, lo, rest @ ..] if usize::from(u16::from_be_bytes([*hi, *lo])) == rest.len() => {
            &CUP_POS
        }
        _ => &CUP_POS_UNFRAMED,
    }
}

/// The CUP TPDU and 6-byte header, as found by [`Message::header`](crate::Message::header).
///
/// ```
/// use iso8583_response::dialect::{CupHeader, ProcessingRequirement};
///
/// let header = CupHeader::new(&[0x60, 0x00, 0x03, 0x00, 0x00, 0x60, 0x31, 0x03, 0x31, 0x01, 0x00]).unwrap();
/// assert_eq!(header.tpdu(), &[0x60, 0x00, 0x03, 0x00, 0x00]);
/// assert_eq!(header.processing_requirement(), ProcessingRequirement::SignOnAgain);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CupHeader<'a> {
    tpdu: &'a [u8],
    header: &'a [u8],
}

impl<'a> CupHeader<'a> {
    /// Splits the 11 header bytes of a CUP message; `None` if there are not exactly 11.
    pub fn new(bytes: &'a [u8]) -> Option<CupHeader<'a>> {
        if bytes.len() != 11 {
            return None;
        }
        let (tpdu, header) = bytes.split_at_checked(5)?;
        Some(CupHeader { tpdu, header })
    }

    /// The 5-byte TPDU: ID (`0x60`), destination address, source address.
    pub fn tpdu(&self) -> &'a [u8] {
        self.tpdu
    }

    /// The TPDU destination address (bytes 2 and 3).
    pub fn destination(&self) -> u16 {
        self.word(1)
    }

    /// The TPDU source address (bytes 4 and 5).
    pub fn source(&self) -> u16 {
        self.word(3)
    }

    fn word(&self, at: usize) -> u16 {
        match self.tpdu.get(at..at.saturating_add(2)) {
            Some(&[hi, lo]) => u16::from_be_bytes([hi, lo]),
            _ => 0,
        }
    }

    /// The 6-byte header: application class, software version, terminal status and processing
    /// requirement, software sub-version.
    pub fn header(&self) -> &'a [u8] {
        self.header
    }

    /// The application class (header byte 1; `0x60` for POS).
    pub fn application(&self) -> u8 {
        self.header.first().copied().unwrap_or(0)
    }

    /// The terminal status nibble: 0 normal, 1 test.
    pub fn terminal_status(&self) -> u8 {
        self.header.get(2).map_or(0, |b| b >> 4)
    }

    /// What the POS centre asks the terminal to do next (the low nibble of header byte 3).
    pub fn processing_requirement(&self) -> ProcessingRequirement {
        ProcessingRequirement::from_nibble(self.header.get(2).map_or(0, |b| b & 0x0F))
    }
}

/// The processing requirement a CUP POS centre sets in a response header (处理要求).
///
/// Values 0 to 6 are as three independent terminal implementations list them; 7 and 9 appear in
/// one further source only, and one source reads 6 as "download the terminal program".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ProcessingRequirement {
    /// 0: nothing to do (无处理要求).
    None,
    /// 1: download terminal parameters (下传终端参数).
    DownloadParameters,
    /// 2: upload terminal status (上传终端状态信息).
    UploadStatus,
    /// 3: sign on again (重新签到).
    SignOnAgain,
    /// 4: update the public keys (通知终端发起更新公钥信息操作).
    UpdatePublicKeys,
    /// 5: download IC card parameters (下载终端IC卡参数).
    DownloadIcParameters,
    /// 6: TMS parameter download (TMS参数下载).
    TmsDownload,
    /// 7: reset management statistics (管理统计数据项清0).
    ResetStatistics,
    /// 9: update public keys and IC card parameters (更新公钥和IC卡参数).
    UpdateKeysAndIcParameters,
    /// Any other value.
    Other(u8),
}

impl ProcessingRequirement {
    /// The requirement a nibble stands for.
    pub const fn from_nibble(nibble: u8) -> ProcessingRequirement {
        match nibble {
            0 => ProcessingRequirement::None,
            1 => ProcessingRequirement::DownloadParameters,
            2 => ProcessingRequirement::UploadStatus,
            3 => ProcessingRequirement::SignOnAgain,
            4 => ProcessingRequirement::UpdatePublicKeys,
            5 => ProcessingRequirement::DownloadIcParameters,
            6 => ProcessingRequirement::TmsDownload,
            7 => ProcessingRequirement::ResetStatistics,
            9 => ProcessingRequirement::UpdateKeysAndIcParameters,
            other => ProcessingRequirement::Other(other),
        }
    }

    /// Whether the terminal is asked to do something (any value but 0).
    pub const fn is_action(&self) -> bool {
        !matches!(self, ProcessingRequirement::None)
    }

    /// The header's nibble for it.
    pub const fn nibble(&self) -> u8 {
        match self {
            ProcessingRequirement::None => 0,
            ProcessingRequirement::DownloadParameters => 1,
            ProcessingRequirement::UploadStatus => 2,
            ProcessingRequirement::SignOnAgain => 3,
            ProcessingRequirement::UpdatePublicKeys => 4,
            ProcessingRequirement::DownloadIcParameters => 5,
            ProcessingRequirement::TmsDownload => 6,
            ProcessingRequirement::ResetStatistics => 7,
            ProcessingRequirement::UpdateKeysAndIcParameters => 9,
            ProcessingRequirement::Other(n) => *n,
        }
    }

    /// What it asks, in English and Chinese (the Chinese as the terminal specifications word
    /// it).
    pub const fn meaning(&self) -> Text {
        let zh = match self {
            ProcessingRequirement::None => "无处理要求",
            ProcessingRequirement::DownloadParameters => "下传终端参数",
            ProcessingRequirement::UploadStatus => "上传终端状态信息",
            ProcessingRequirement::SignOnAgain => "重新签到",
            ProcessingRequirement::UpdatePublicKeys => "更新公钥信息",
            ProcessingRequirement::DownloadIcParameters => "下载终端IC卡参数",
            ProcessingRequirement::TmsDownload => "TMS参数下载",
            ProcessingRequirement::ResetStatistics => "管理统计数据项清零",
            ProcessingRequirement::UpdateKeysAndIcParameters => "更新公钥和IC卡参数",
            ProcessingRequirement::Other(_) => "未知的处理要求",
        };
        Text {
            en: self.describe(),
            zh,
        }
    }

    /// A short English description.
    pub const fn describe(&self) -> &'static str {
        match self {
            ProcessingRequirement::None => "no processing requirement",
            ProcessingRequirement::DownloadParameters => "download terminal parameters",
            ProcessingRequirement::UploadStatus => "upload terminal status",
            ProcessingRequirement::SignOnAgain => "sign on again",
            ProcessingRequirement::UpdatePublicKeys => "update the public keys",
            ProcessingRequirement::DownloadIcParameters => "download IC card parameters",
            ProcessingRequirement::TmsDownload => "download TMS parameters",
            ProcessingRequirement::ResetStatistics => "reset management statistics",
            ProcessingRequirement::UpdateKeysAndIcParameters => {
                "update public keys and IC card parameters"
            }
            ProcessingRequirement::Other(_) => "unknown processing requirement",
        }
    }
}
