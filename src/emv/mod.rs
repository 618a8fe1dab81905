//! EMV chip data (field 55): a zero-copy BER-TLV reader, the tag dictionary, and views that show
//! the data tag by tag with card data masked.
//!
//! ```
//! use iso8583_response::emv::{Data, EmvData, Tag, tag_info};
//!
//! // 9F27 (cryptogram information data) = 80, 5A (the card number), 5F20 (the cardholder name).
//! let hex = b"9F2701805A0847617390010101195F2009544553542F43415244";
//! let emv = EmvData::new(Data::hex(hex));
//! // Printed forms mask the card number and never show the name.
//! assert_eq!(emv.to_string(), "9F27=80 5A=476173******0119 5F20=redacted (9 bytes)");
//! assert_eq!(tag_info(Tag(0x9F27)).unwrap().name.en, "Cryptogram Information Data");
//! assert_eq!(emv.find(Tag(0x9F27)).unwrap().value().get(0), Some(0x80));
//! ```
//!
//! The tag dictionary is data: `data/emv/tags.txt` in the crate, compiled by `build.rs`, with
//! each tag's names in English and Chinese, who sets it (card, terminal, issuer), its format and
//! length, and its sensitivity. Names and formats follow EMV 4.4 Book 3 Annex A, the EMV
//! contactless books and the PBOC/UnionPay IC card specifications (see the file's header).

mod chip;
mod show;
mod tlv;

pub use chip::{ChipResults, Cryptogram, CvmResults, Finding};
pub use show::{EmvData, MaskedValue};
pub use tlv::{Data, MAX_DEPTH, Tag, Tlv, TlvError, TlvFault, Tlvs, validate};

use crate::codes::Text;
use crate::dialect::Sensitivity;

/// Who puts a data object in the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TagSource {
    /// The card (ICC).
    Icc,
    /// The terminal.
    Terminal,
    /// The issuer, in a response (91, 71, 72, 8A from the host).
    Issuer,
    /// The acquirer or the network.
    Network,
}

/// How a data object's value is written (EMV Book 3, section 4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TagFormat {
    /// `b`: binary.
    Binary,
    /// `n`: numeric, BCD right-justified with leading zeros.
    Numeric,
    /// `cn`: compressed numeric, BCD left-justified and padded with `F`.
    CompressedNumeric,
    /// `an`: alphanumeric.
    Alphanumeric,
    /// `ans`: alphanumeric and special characters.
    AlphanumericSpecial,
    /// `a`: alphabetic.
    Alphabetic,
    /// A constructed data object: its value is more TLV.
    Template,
}

/// What the dictionary knows about one tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TagInfo {
    /// The tag.
    pub tag: Tag,
    /// Its name in English (as EMV names it) and Chinese (as PBOC/UnionPay documents do).
    pub name: Text,
    /// Who sets it.
    pub source: TagSource,
    /// How its value is written.
    pub format: TagFormat,
    /// Shortest value, in bytes.
    pub min_len: u16,
    /// Longest value, in bytes (`u16::MAX` when the specification gives no bound).
    pub max_len: u16,
    /// How its value may be shown: [`Sensitivity::Pan`] for 5A, [`Sensitivity::Secret`] for
    /// track data, names and PIN data, [`Sensitivity::Public`] otherwise.
    pub sensitivity: Sensitivity,
}

/// The dictionary entry of `tag`, if the crate knows it.
pub fn tag_info(tag: Tag) -> Option<&'static TagInfo> {
    tags::TAGS
        .binary_search_by_key(&tag, |t| t.tag)
        .ok()
        .and_then(|i| tags::TAGS.get(i))
}

/// Every tag the dictionary knows, in tag order.
pub fn tag_dictionary() -> impl Iterator<Item = &'static TagInfo> {
    tags::TAGS.iter()
}

/// How the value of `tag` may be shown: the dictionary's word, [`Sensitivity::Public`] for
/// tags it does not know.
pub fn tag_sensitivity(tag: Tag) -> Sensitivity {
    tag_info(tag).map_or(Sensitivity::Public, |t| t.sensitivity)
}

#[allow(clippy::unreadable_literal)]
mod tags {
    use super::{Sensitivity, Tag, TagFormat, TagInfo, TagSource, Text};
    include!(concat!(env!("OUT_DIR"), "/emv_tags.rs"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_data_tags_are_sensitive() {
        assert_eq!(tag_sensitivity(Tag(0x5A)), Sensitivity::Pan);
        for tag in [0x57, 0x56, 0x9F6B, 0x9F1F, 0x9F20, 0x5F20] {
            assert_eq!(tag_sensitivity(Tag(tag)), Sensitivity::Secret, "{tag:X}");
        }
        assert_eq!(tag_sensitivity(Tag(0x9F26)), Sensitivity::Public);
        assert_eq!(tag_sensitivity(Tag(0xDFFFFF)), Sensitivity::Public);
    }

    #[test]
    fn dictionary_is_sorted_and_large_enough() {
        assert!(tags::TAGS.len() >= 80);
        assert!(tags::TAGS.windows(2).all(|w| w[0].tag < w[1].tag));
        for t in tag_dictionary() {
            assert!(!t.name.en.is_empty() && !t.name.zh.is_empty(), "{}", t.tag);
            assert!(t.min_len <= t.max_len, "{}", t.tag);
            assert_eq!(
                t.tag.is_constructed(),
                t.format == TagFormat::Template,
                "{}: constructed bit and template format disagree",
                t.tag
            );
        }
    }
}
