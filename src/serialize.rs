//! `serde::Serialize` for the decoded message and its explanation: one JSON shape, the one the
//! example CLI prints (the README's "JSON" section documents it).
//!
//! Every object has all its keys, `null` where the message lacks the value. Card numbers are
//! masked and secrets redacted exactly as `Display` shows them, inside field 55 too; a text comes
//! in both languages as `{"en": …, "zh": …}` and a list of texts as `{"en": […], "zh": […]}`.

use core::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::codes::{Explanation, LegacyClass, Lookup, Situation, Text};
#[cfg(feature = "alloc")]
use crate::codes::{MatchKind, TextMatch};
use crate::decode::{Detection, Partial};
use crate::dialect::{CupHeader, Framing, Sensitivity};
use crate::emv::{self, ChipResults, Tlvs};
use crate::error::DecodeError;
use crate::message::{Field, Message};
use crate::{Diagnosis, ResponseCode};

/// A value serialised as the text its `Display` writes.
struct Shown<T>(T);

impl<T: fmt::Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// Bytes as upper-case hex text.
struct Hex<'a>(&'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02X}"))
    }
}

/// A list of texts as `{"en": […], "zh": […]}`.
struct Texts(&'static [Text]);

impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct In(&'static [Text], bool);
        impl Serialize for In {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().map(|t| if self.1 { t.zh } else { t.en }))
            }
        }
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("en", &In(self.0, false))?;
        map.serialize_entry("zh", &In(self.0, true))?;
        map.end()
    }
}

/// `{"kind": "code", "code", "scheme", "outcome", "actor", "retry", "meaning", "family",
/// "causes", "operator_steps", "cardholder_steps", "display", "class", "verified", "private",
/// "note"}`; `class` is the legacy CUP class `{"class", "meaning", "retry"}` or `null`. For a
/// [`Lookup`], `code` is the code asked about and `table_entry` (the entry that answered: a
/// range such as `008-059`, or the generic table's code) and `basis` follow it.
fn explanation_entries<M: SerializeMap>(
    map: &mut M,
    e: &Explanation,
    lookup: Option<&Lookup>,
) -> Result<(), M::Error> {
    struct Class(&'static LegacyClass);
    impl Serialize for Class {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(3))?;
            map.serialize_entry("class", &Shown(self.0.class))?;
            map.serialize_entry("meaning", &self.0.meaning)?;
            map.serialize_entry("retry", &self.0.retry)?;
            map.end()
        }
    }
    map.serialize_entry("kind", "code")?;
    match lookup {
        Some(l) => {
            map.serialize_entry("code", l.code.as_str())?;
            map.serialize_entry("table_entry", e.code)?;
            map.serialize_entry("basis", &l.basis)?;
        }
        None => map.serialize_entry("code", e.code)?,
    }
    map.serialize_entry("scheme", &e.scheme)?;
    map.serialize_entry("outcome", &e.outcome)?;
    map.serialize_entry("actor", &e.actor)?;
    map.serialize_entry("retry", &e.retry)?;
    map.serialize_entry("meaning", &e.meaning)?;
    map.serialize_entry("family", e.family.id)?;
    map.serialize_entry("causes", &Texts(e.causes))?;
    map.serialize_entry("operator_steps", &Texts(e.operator_steps))?;
    map.serialize_entry("cardholder_steps", &Texts(e.cardholder_steps))?;
    map.serialize_entry("display", e.display)?;
    map.serialize_entry("class", &e.legacy_class().map(Class))?;
    map.serialize_entry("verified", &e.verified)?;
    map.serialize_entry("private", &e.private)?;
    map.serialize_entry("note", &e.note)
}

/// The code's object: see `explanation_entries`.
impl Serialize for Explanation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        explanation_entries(&mut map, self, None)?;
        map.end()
    }
}

/// The explanation's object with the code asked, the table entry and the basis.
impl Serialize for Lookup {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        explanation_entries(&mut map, self.explanation, Some(self))?;
        map.end()
    }
}

/// `{"id", "name", "causes", "operator_steps", "cardholder_steps"}`.
impl Serialize for crate::codes::Family {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("id", self.id)?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("causes", &Texts(self.causes))?;
        map.serialize_entry("operator_steps", &Texts(self.operator_steps))?;
        map.serialize_entry("cardholder_steps", &Texts(self.cardholder_steps))?;
        map.end()
    }
}

/// `{"kind": "situation", "id", "name", "family", "actor", "escalate", "retry", "causes",
/// "operator_steps", "cardholder_steps", "call"}`.
fn situation_entries<M: SerializeMap>(map: &mut M, s: &Situation) -> Result<(), M::Error> {
    map.serialize_entry("kind", "situation")?;
    map.serialize_entry("id", s.id)?;
    map.serialize_entry("name", &s.name)?;
    map.serialize_entry("family", s.family.id)?;
    map.serialize_entry("actor", &s.actor)?;
    map.serialize_entry("escalate", &s.escalate)?;
    map.serialize_entry("retry", &s.retry)?;
    map.serialize_entry("causes", &Texts(s.causes))?;
    map.serialize_entry("operator_steps", &Texts(s.operator_steps))?;
    map.serialize_entry("cardholder_steps", &Texts(s.cardholder_steps))?;
    map.serialize_entry("call", &s.call)
}

/// The situation's object: see `situation_entries`.
impl Serialize for Situation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        situation_entries(&mut map, self)?;
        map.end()
    }
}

/// A text's answer. A code: the explanation's object, `also` (the same text's codes in other
/// schemes) and `situation` (one that also fits, or `null`). A situation: the situation's
/// object. Ambiguous: `{"kind": "ambiguous", "candidates": […], "triage": situation}`. Each
/// ends with `matched`: `{"display_text", "basis", "pick_up", "codes": [{"scheme", "code"}]}`.
#[cfg(feature = "alloc")]
impl Serialize for TextMatch {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Codes<'t>(&'t TextMatch);
        impl Serialize for Codes<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                struct Code(crate::codes::Scheme, &'static str);
                impl Serialize for Code {
                    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        let mut map = s.serialize_map(Some(2))?;
                        map.serialize_entry("scheme", &self.0)?;
                        map.serialize_entry("code", self.1)?;
                        map.end()
                    }
                }
                s.collect_seq(self.0.codes().map(|(scheme, code)| Code(scheme, code)))
            }
        }
        struct Matched<'t>(&'t TextMatch);
        impl Serialize for Matched<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(4))?;
                map.serialize_entry("display_text", self.0.text)?;
                map.serialize_entry("basis", &self.0.basis)?;
                map.serialize_entry("pick_up", &self.0.pick_up)?;
                map.serialize_entry("codes", &Codes(self.0))?;
                map.end()
            }
        }
        struct List<'t>(&'t TextMatch, usize);
        impl Serialize for List<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.explanations().skip(self.1))
            }
        }
        let mut map = s.serialize_map(None)?;
        match (self.kind, self.explanations().next(), self.situation()) {
            (MatchKind::Code, Some(first), situation) => {
                explanation_entries(&mut map, first, None)?;
                map.serialize_entry("also", &List(self, 1))?;
                map.serialize_entry("situation", &situation)?;
            }
            (MatchKind::Situation, _, Some(situation)) => {
                situation_entries(&mut map, situation)?;
            }
            (_, _, triage) => {
                map.serialize_entry("kind", "ambiguous")?;
                map.serialize_entry("candidates", &List(self, 0))?;
                map.serialize_entry("triage", &triage)?;
            }
        }
        map.serialize_entry("matched", &Matched(self))?;
        map.end()
    }
}

/// `{"length": "none" | "bin2" | "bcd2" | "ascii4", "header_len": bytes, "length_counts_itself"}`.
impl Serialize for Framing {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("length", self.length.name())?;
        map.serialize_entry("header_len", &self.header_len)?;
        map.serialize_entry("length_counts_itself", &self.length_counts_itself)?;
        map.end()
    }
}

/// The value as `Display` shows it: card numbers masked, secrets redacted, field 55 as its
/// masked TLV list, binary as hex, text decoded as the dialect says.
impl Serialize for Field<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The message and its diagnosis, one object:
///
/// `{"dialect", "framing", "partial", "header", "mti", "fields": {"2": "476173******0119", …},
/// "anomalies": [Anomaly], "emv": [tag] | null, "response", "situation", "chip", "reference"}`
/// (the last four as [`Diagnosis`] writes them). `header` is `null` or
/// `{"hex", "tpdu", "cup_header", "processing_requirement"}` (the last three for a CUP header,
/// else `null`). A tag of `emv` is `{"tag", "name": {"en", "zh"}, "value", "children"}`
/// (`name` `null` for a tag the dictionary lacks; `value` masked where it holds card data;
/// `children` the list inside a template, else `null`), and a malformed rest
/// `{"error": {"message", "location", "field", "offset"}}`.
impl Serialize for Message<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        message_entries(&mut map, self)?;
        map.end()
    }
}

fn message_entries<M: SerializeMap>(map: &mut M, m: &Message<'_>) -> Result<(), M::Error> {
    struct Header<'a>(&'a [u8]);
    impl Serialize for Header<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let cup = CupHeader::new(self.0);
            let mut map = s.serialize_map(Some(4))?;
            map.serialize_entry("hex", &Shown(Hex(self.0)))?;
            map.serialize_entry("tpdu", &cup.as_ref().map(|c| Shown(Hex(c.tpdu()))))?;
            map.serialize_entry("cup_header", &cup.as_ref().map(|c| Shown(Hex(c.header()))))?;
            map.serialize_entry(
                "processing_requirement",
                &cup.map(|c| Requirement(c.processing_requirement())),
            )?;
            map.end()
        }
    }
    struct Fields<'m, 'a>(&'m Message<'a>);
    impl Serialize for Fields<'_, '_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.fields().map(|f| (f.number(), f)))
        }
    }
    struct Anomalies<'m, 'a>(&'m Message<'a>);
    impl Serialize for Anomalies<'_, '_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.anomalies())
        }
    }
    let header = m.header();
    map.serialize_entry("dialect", m.dialect().name())?;
    map.serialize_entry("framing", &m.dialect().framing())?;
    map.serialize_entry("partial", &m.is_partial())?;
    map.serialize_entry("header", &(!header.is_empty()).then_some(Header(header)))?;
    map.serialize_entry("mti", m.mti().as_str())?;
    map.serialize_entry("fields", &Fields(m))?;
    map.serialize_entry("anomalies", &Anomalies(m))?;
    let emv = m
        .field(55)
        .filter(|f| f.sensitivity() == Sensitivity::Tlv)
        .and_then(|f| f.emv());
    map.serialize_entry("emv", &emv.map(|e| TagList(e.tlvs(), 0)))?;
    diagnosis_entries(map, &m.diagnose())
}

/// Field 55 tag by tag (see [`Message`]'s object).
struct TagList<'a>(Tlvs<'a>, usize);

impl Serialize for TagList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        for tlv in self.0.clone() {
            let tlv = match tlv {
                Ok(tlv) => tlv,
                Err(e) => {
                    // `{"error": {"message", "location", "field", "offset"}}`.
                    struct Malformed(emv::TlvError);
                    impl Serialize for Malformed {
                        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                            struct Error(emv::TlvError);
                            impl Serialize for Error {
                                fn serialize<S: Serializer>(
                                    &self,
                                    s: S,
                                ) -> Result<S::Ok, S::Error> {
                                    let e = self.0;
                                    let mut map = s.serialize_map(Some(4))?;
                                    map.serialize_entry("message", &Shown(e.fault()))?;
                                    map.serialize_entry(
                                        "location",
                                        &e.field().map(|n| Shown(crate::Location::Field(n))),
                                    )?;
                                    map.serialize_entry("field", &e.field())?;
                                    map.serialize_entry("offset", &e.offset())?;
                                    map.end()
                                }
                            }
                            let mut map = s.serialize_map(Some(1))?;
                            map.serialize_entry("error", &Error(self.0))?;
                            map.end()
                        }
                    }
                    seq.serialize_element(&Malformed(e))?;
                    break;
                }
            };
            struct Tag<'t, 'a>(&'t emv::Tlv<'a>, usize);
            impl Serialize for Tag<'_, '_> {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    let (tlv, depth) = (self.0, self.1);
                    let info = emv::tag_info(tlv.tag());
                    let children = tlv.children().filter(|_| depth < emv::MAX_DEPTH);
                    let mut map = s.serialize_map(Some(5))?;
                    map.serialize_entry("tag", &Shown(tlv.tag()))?;
                    map.serialize_entry("name", &info.map(|i| i.name))?;
                    let value = children.is_none().then(|| Shown(tlv.masked()));
                    map.serialize_entry("value", &value)?;
                    map.serialize_entry(
                        "children",
                        &children.map(|c| TagList(c, depth.saturating_add(1))),
                    )?;
                    map.end()
                }
            }
            seq.serialize_element(&Tag(&tlv, self.1))?;
        }
        seq.end()
    }
}

/// `{"response", "situation", "chip", "reference"}`: `response` is the [`Lookup`]'s object, or
/// `{"kind": "unknown", "code", "basis": "unknown"}` for a code no table has, or `null`; `situation` a situation's
/// object or `null`; `chip` the chip's results in field 55 or `null`; `reference` what the
/// operator reads out on the phone (see `reference_entries`).
impl Serialize for Diagnosis<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        diagnosis_entries(&mut map, self)?;
        map.end()
    }
}

fn diagnosis_entries<M: SerializeMap>(map: &mut M, d: &Diagnosis<'_>) -> Result<(), M::Error> {
    struct Unknown(ResponseCode);
    impl Serialize for Unknown {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(3))?;
            map.serialize_entry("kind", "unknown")?;
            map.serialize_entry("code", self.0.as_str())?;
            map.serialize_entry("basis", "unknown")?;
            map.end()
        }
    }
    match (d.response(), d.response_code()) {
        (Some(lookup), _) => map.serialize_entry("response", &lookup)?,
        (None, Some(code)) => map.serialize_entry("response", &Unknown(code))?,
        (None, None) => map.serialize_entry("response", &None::<()>)?,
    }
    map.serialize_entry("situation", &d.situation())?;
    let chip = d.chip().map(|c| Chip(c, d.response_code()));
    map.serialize_entry("chip", &chip)?;
    map.serialize_entry("reference", &Reference(d))
}

/// The chip's results, with field 39 to compare the card's response code with:
/// `{"cryptogram": {"type", "meaning"} | null, "card_response_code": {"code",
/// "agrees_with_field_39"} | null, "issuer_authentication_data", "issuer_scripts":
/// {"before_final_generate_ac", "after_final_generate_ac", "commands"}, "tvr": [finding],
/// "tsi": [finding], "cvm": {"method", "successful"} | null}`; a finding is
/// `{"en", "zh", "family"}`.
struct Chip<'a>(ChipResults<'a>, Option<ResponseCode>);

impl Serialize for Chip<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let chip = &self.0;
        let mut map = s.serialize_map(Some(7))?;
        map.serialize_entry(
            "cryptogram",
            &chip
                .cryptogram()
                .map(|c| Two(("type", c.as_str()), ("meaning", c.meaning()))),
        )?;
        let card_code = chip.card_response_code().map(|code| {
            let text = core::str::from_utf8(&code).unwrap_or("");
            let agrees = self.1.map(|rc| rc.as_str() == text);
            (code, agrees)
        });
        map.serialize_entry(
            "card_response_code",
            &card_code.map(|(code, agrees)| {
                Two(("code", CardCode(code)), ("agrees_with_field_39", agrees))
            }),
        )?;
        map.serialize_entry("issuer_authentication_data", &chip.issuer_authentication())?;
        let (before, after, commands) = chip.scripts();
        map.serialize_entry(
            "issuer_scripts",
            &Three(
                ("before_final_generate_ac", before),
                ("after_final_generate_ac", after),
                ("commands", commands),
            ),
        )?;
        map.serialize_entry("tvr", &Findings(chip, false))?;
        map.serialize_entry("tsi", &Findings(chip, true))?;
        map.serialize_entry(
            "cvm",
            &chip
                .cvm()
                .map(|c| Two(("method", c.method), ("successful", c.successful))),
        )?;
        map.end()
    }
}

/// A CUP header's processing requirement: `{"code": nibble, "meaning": {"en", "zh"}}`.
struct Requirement(crate::dialect::ProcessingRequirement);

impl Serialize for Requirement {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Two(("code", self.0.nibble()), ("meaning", self.0.meaning())).serialize(s)
    }
}

/// A two-entry object.
struct Two<A, B>((&'static str, A), (&'static str, B));

impl<A: Serialize, B: Serialize> Serialize for Two<A, B> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry(self.0.0, &self.0.1)?;
        map.serialize_entry(self.1.0, &self.1.1)?;
        map.end()
    }
}

/// A three-entry object.
struct Three<A, B, C>((&'static str, A), (&'static str, B), (&'static str, C));

impl<A: Serialize, B: Serialize, C: Serialize> Serialize for Three<A, B, C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry(self.0.0, &self.0.1)?;
        map.serialize_entry(self.1.0, &self.1.1)?;
        map.serialize_entry(self.2.0, &self.2.1)?;
        map.end()
    }
}

/// The card's response code (tag 8A): two characters, or hex if they are not text.
struct CardCode([u8; 2]);

impl Serialize for CardCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match core::str::from_utf8(&self.0) {
            Ok(text) if self.0.iter().all(u8::is_ascii_graphic) => s.serialize_str(text),
            _ => s.collect_str(&Hex(&self.0)),
        }
    }
}

/// The TVR's (or with `true` the TSI's) findings: `{"en", "zh", "family"}` each.
struct Findings<'c, 'a>(&'c ChipResults<'a>, bool);

impl Serialize for Findings<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct One(emv::Finding);
        impl Serialize for One {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(3))?;
                map.serialize_entry("en", self.0.text.en)?;
                map.serialize_entry("zh", self.0.text.zh)?;
                map.serialize_entry("family", &self.0.family.map(|f| f.id))?;
                map.end()
            }
        }
        if self.1 {
            s.collect_seq(self.0.tsi().map(One))
        } else {
            s.collect_seq(self.0.tvr().map(One))
        }
    }
}

/// What the operator reads out on the phone: `{"is_response", "rrn", "stan", "auth_code",
/// "terminal_id", "merchant_id", "additional_response", "amount", "local_time", "pan",
/// "balances", "processing_requirement"}` (`amount` and each balance as [`Amount`] and
/// [`Balance`] write them, `pan` masked, `processing_requirement` in words; `null` or `[]`
/// where the message lacks them).
///
/// [`Amount`]: crate::Amount
/// [`Balance`]: crate::Balance
struct Reference<'d, 'a>(&'d Diagnosis<'a>);

impl Serialize for Reference<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Balances<'d, 'a>(&'d Diagnosis<'a>);
        impl Serialize for Balances<'_, '_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.balances())
            }
        }
        let d = self.0;
        let mut map = s.serialize_map(Some(12))?;
        map.serialize_entry("is_response", &d.is_response())?;
        map.serialize_entry("rrn", &d.rrn())?;
        map.serialize_entry("stan", &d.stan())?;
        map.serialize_entry("auth_code", &d.auth_code())?;
        map.serialize_entry("terminal_id", &d.terminal_id())?;
        map.serialize_entry("merchant_id", &d.merchant_id())?;
        map.serialize_entry("additional_response", &d.additional_response())?;
        map.serialize_entry("amount", &d.amount())?;
        map.serialize_entry("local_time", &d.local_time())?;
        map.serialize_entry("pan", &d.pan())?;
        map.serialize_entry("balances", &Balances(d))?;
        map.serialize_entry(
            "processing_requirement",
            &d.processing_requirement().map(Requirement),
        )?;
        map.end()
    }
}

/// The one error shape: `{"message", "location", "field", "offset"}`: what was wrong, where
/// in words (`field 28`, `primary bitmap`), the field number or `null`, and the byte offset in
/// the input.
impl Serialize for DecodeError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("message", &Shown(self.kind()))?;
        map.serialize_entry("location", &Shown(self.location()))?;
        map.serialize_entry("field", &self.field())?;
        map.serialize_entry("offset", &self.offset())?;
        map.end()
    }
}

/// As [`DecodeError`]: `{"message", "location", "field", "offset"}` (`field` is `null` for
/// trailing bytes).
impl Serialize for crate::Anomaly {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DecodeError::from(*self).serialize(s)
    }
}

/// What was read before the fault, and the fault: the [`Message`]'s object (with `"partial":
/// true`) and `"error"`, the [`DecodeError`]'s object; when the fault came before the MTI and
/// bitmaps were read, `{"partial": true, "error"}` alone.
impl Serialize for Partial<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        match self.message() {
            Some(message) => message_entries(&mut map, message)?,
            None => map.serialize_entry("partial", &true)?,
        }
        map.serialize_entry("error", &self.error())?;
        map.end()
    }
}

/// `{"dialect", "framing", "anomaly_count", "complete", "tie": {"dialect", "framing"} | null}`.
impl Serialize for Detection {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("dialect", self.name)?;
        map.serialize_entry("framing", &self.framing)?;
        map.serialize_entry("anomaly_count", &self.anomalies)?;
        map.serialize_entry("complete", &self.complete)?;
        let tie = self
            .tie
            .map(|(name, framing)| Two(("dialect", name), ("framing", framing)));
        map.serialize_entry("tie", &tie)?;
        map.end()
    }
}
