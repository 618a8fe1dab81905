//! Printing chip data safely: every printed form of TLV data goes through here, so the card
//! number (5A) is masked and track data, names and PIN data are redacted at every depth.

use core::fmt::{self, Write};

use super::tlv::{Data, MAX_DEPTH, Tag, Tlv, Tlvs};
use super::{TagFormat, tag_info};
use crate::codes::Lang;
use crate::dialect::Sensitivity;
use crate::mask;

/// BER-TLV data (EMV field 55) as a view: look tags up, walk them, print them masked.
///
/// `Display` writes the data objects on one line, `tag=value` separated by spaces and templates
/// in braces: `9F27=80 5A=476173******0119 70{57=redacted (19 bytes)}`. The alternate form
/// (`{:#}`) writes one object a line, indented by depth, with the tag's English name. Values of
/// sensitive tags are masked (5A) or redacted (57, 56, 9F6B, 9F1F, 9F20, 5F20, …) in both; after
/// a malformed object the rest of the data is redacted, since where its card data lies can no
/// longer be known. `Debug` shows only the length.
#[derive(Clone, Copy)]
pub struct EmvData<'a> {
    data: Data<'a>,
    offset: usize,
    field: Option<u8>,
}

impl<'a> EmvData<'a> {
    /// The data read on its own.
    pub const fn new(data: Data<'a>) -> EmvData<'a> {
        EmvData {
            data,
            offset: 0,
            field: None,
        }
    }

    /// Data that starts at byte `offset` of a message, in field `field`: its errors then carry
    /// that offset and field.
    pub const fn in_field(data: Data<'a>, offset: usize, field: u8) -> EmvData<'a> {
        EmvData {
            data,
            offset,
            field: Some(field),
        }
    }

    /// The bytes.
    pub const fn data(&self) -> Data<'a> {
        self.data
    }

    /// The top-level data objects.
    pub fn tlvs(&self) -> Tlvs<'a> {
        Tlvs::in_input(self.data, self.offset, self.field)
    }

    /// The first data object with `tag`, at any depth (templates followed to [`MAX_DEPTH`]);
    /// `None` if there is none before the first fault.
    pub fn find(&self, tag: Tag) -> Option<Tlv<'a>> {
        fn search<'a>(tlvs: Tlvs<'a>, tag: Tag, depth: usize) -> Option<Tlv<'a>> {
            for tlv in tlvs {
                let tlv = tlv.ok()?;
                if tlv.tag() == tag {
                    return Some(tlv);
                }
                if depth < MAX_DEPTH
                    && let Some(found) = tlv
                        .children()
                        .and_then(|c| search(c, tag, depth.saturating_add(1)))
                {
                    return Some(found);
                }
            }
            None
        }
        search(self.tlvs(), tag, 0)
    }

    /// Checks the whole tree; the first fault, with its position in the field and the input.
    pub fn validate(&self) -> Result<(), super::TlvError> {
        super::validate(self.tlvs())
    }

    /// Writes the data one object a line, indented by depth, with tag names in `lang`; each
    /// line starts with `indent`.
    pub fn write_tree(&self, out: &mut dyn Write, indent: &str, lang: Lang) -> fmt::Result {
        walk(out, self.tlvs(), 0, &mut Tree { indent, lang })
    }
}

impl fmt::Debug for EmvData<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EmvData({} bytes)", self.data.len())
    }
}

impl fmt::Display for EmvData<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            self.write_tree(f, "", Lang::En)
        } else {
            walk(f, self.tlvs(), 0, &mut Line { first: true })
        }
    }
}

/// The value of one data object as it may be shown (see [`Tlv::masked`]).
#[derive(Clone, Copy, Debug)]
pub struct MaskedValue<'t, 'a>(&'t Tlv<'a>);

impl fmt::Display for MaskedValue<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_value(f, self.0)
    }
}

impl<'a> Tlv<'a> {
    /// The value as it may be printed: a card number (5A) masked to its first 6 and last 4
    /// digits at most, track data, names and PIN data as `redacted (N bytes)`, anything else
    /// as upper-case hex. For a template, its bytes as hex unless a tag inside is sensitive;
    /// walk [`children`](Tlv::children) to show templates.
    pub fn masked(&self) -> MaskedValue<'_, 'a> {
        MaskedValue(self)
    }
}

/// Writes the value of one data object as it may be shown: the card number masked, secrets
/// redacted, anything else as upper-case hex.
pub(crate) fn write_value(out: &mut dyn Write, tlv: &Tlv<'_>) -> fmt::Result {
    let value = tlv.value();
    if let Some(children) = tlv.children()
        && !all_public(children, 0)
    {
        return mask::write_redacted(out, value.len());
    }
    // A tag nobody knows, holding text: it may be card data written as text or hex digits
    // (chip data read the wrong way round does exactly that), so it is not shown.
    let unknown_text = super::tag_info(tlv.tag()).is_none()
        && value.len() >= 8
        && value.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
    match super::tag_sensitivity(tlv.tag()) {
        Sensitivity::Pan => mask::write_pan(out, pan_digits(value)),
        Sensitivity::Public if !unknown_text => mask::write_hex(out, value.bytes()),
        _ => mask::write_redacted(out, value.len()),
    }
}

/// Whether every object in the tree is well-formed and public, to [`MAX_DEPTH`].
fn all_public(tlvs: Tlvs<'_>, depth: usize) -> bool {
    depth < MAX_DEPTH
        && tlvs.into_iter().all(|tlv| {
            tlv.is_ok_and(|tlv| {
                super::tag_sensitivity(tlv.tag()) == Sensitivity::Public
                    && tlv
                        .children()
                        .is_none_or(|c| all_public(c, depth.saturating_add(1)))
            })
        })
}

/// The digits of a compressed-numeric card number: nibbles up to the first `F` pad.
fn pan_digits(value: Data<'_>) -> impl Iterator<Item = u8> + Clone + '_ {
    value
        .bytes()
        .flat_map(|b| [b >> 4, b & 0x0F])
        .take_while(|&n| n != 0x0F)
        .map(|n| {
            b"0123456789ABCDEF"
                .get(usize::from(n))
                .copied()
                .unwrap_or(b'?')
        })
}

/// The two layouts [`walk`] writes.
trait Layout {
    fn object(&mut self, out: &mut dyn Write, tlv: &Tlv<'_>, depth: usize) -> fmt::Result;
    fn open(&mut self, out: &mut dyn Write, tlv: &Tlv<'_>, depth: usize) -> fmt::Result;
    fn close(&mut self, out: &mut dyn Write) -> fmt::Result;
    fn rest(&mut self, out: &mut dyn Write, depth: usize, note: fmt::Arguments<'_>) -> fmt::Result;
}

/// Walks the objects, templates followed to [`MAX_DEPTH`]; past it, a template is redacted.
fn walk(out: &mut dyn Write, tlvs: Tlvs<'_>, depth: usize, layout: &mut dyn Layout) -> fmt::Result {
    let end = tlvs.end_position();
    for tlv in tlvs {
        let tlv = match tlv {
            Ok(tlv) => tlv,
            Err(e) => {
                return layout.rest(
                    out,
                    depth,
                    format_args!(
                        "malformed TLV ({}) at byte {}: the rest redacted ({} bytes)",
                        e.fault(),
                        e.position(),
                        end.saturating_sub(e.position())
                    ),
                );
            }
        };
        match tlv.children() {
            Some(children) if depth < MAX_DEPTH => {
                layout.open(out, &tlv, depth)?;
                walk(out, children, depth.saturating_add(1), layout)?;
                layout.close(out)?;
            }
            Some(_) => {
                layout.open(out, &tlv, depth)?;
                layout.rest(
                    out,
                    depth.saturating_add(1),
                    format_args!("nested too deep: redacted ({} bytes)", tlv.value().len()),
                )?;
                layout.close(out)?;
            }
            None => layout.object(out, &tlv, depth)?,
        }
    }
    Ok(())
}

/// One line: `9F27=80 70{5A=… 57=redacted (19 bytes)}`.
struct Line {
    first: bool,
}

impl Line {
    fn gap(&mut self, out: &mut dyn Write) -> fmt::Result {
        if !core::mem::replace(&mut self.first, false) {
            out.write_char(' ')?;
        }
        Ok(())
    }
}

impl Layout for Line {
    fn object(&mut self, out: &mut dyn Write, tlv: &Tlv<'_>, _: usize) -> fmt::Result {
        self.gap(out)?;
        write!(out, "{}=", tlv.tag())?;
        write_value(out, tlv)
    }
    fn open(&mut self, out: &mut dyn Write, tlv: &Tlv<'_>, _: usize) -> fmt::Result {
        self.gap(out)?;
        write!(out, "{}{{", tlv.tag())?;
        self.first = true;
        Ok(())
    }
    fn close(&mut self, out: &mut dyn Write) -> fmt::Result {
        self.first = false;
        out.write_char('}')
    }
    fn rest(&mut self, out: &mut dyn Write, _: usize, note: fmt::Arguments<'_>) -> fmt::Result {
        self.gap(out)?;
        out.write_fmt(note)
    }
}

/// One object a line: `  9F27  Cryptogram Information Data  80`.
struct Tree<'i> {
    indent: &'i str,
    lang: Lang,
}

impl Tree<'_> {
    fn start(&self, out: &mut dyn Write, depth: usize) -> fmt::Result {
        out.write_str(self.indent)?;
        for _ in 0..depth {
            out.write_str("  ")?;
        }
        Ok(())
    }

    fn head(&self, out: &mut dyn Write, tlv: &Tlv<'_>, depth: usize) -> fmt::Result {
        self.start(out, depth)?;
        let name = tag_info(tlv.tag()).map_or(
            match self.lang {
                Lang::Zh => "未知标签",
                _ => "unknown tag",
            },
            |t| t.name.get(self.lang),
        );
        let tag = tlv.tag();
        let width = match tag.value() {
            0..=0xFF => 2,
            0x100..=0xFFFF => 4,
            _ => 6,
        };
        write!(
            out,
            "{tag}{:pad$} {name}",
            "",
            pad = 6usize.saturating_sub(width)
        )
    }
}

impl Layout for Tree<'_> {
    fn object(&mut self, out: &mut dyn Write, tlv: &Tlv<'_>, depth: usize) -> fmt::Result {
        self.head(out, tlv, depth)?;
        out.write_str(": ")?;
        write_value(out, tlv)?;
        let text = tag_info(tlv.tag()).is_some_and(|t| {
            matches!(
                t.format,
                TagFormat::Alphanumeric | TagFormat::AlphanumericSpecial | TagFormat::Alphabetic
            ) && t.sensitivity == Sensitivity::Public
        });
        if text
            && tlv
                .value()
                .bytes()
                .all(|b| b.is_ascii_graphic() || b == b' ')
        {
            out.write_str(" \"")?;
            for b in tlv.value().bytes() {
                out.write_char(char::from(b))?;
            }
            out.write_char('"')?;
        }
        out.write_char('\n')
    }
    fn open(&mut self, out: &mut dyn Write, tlv: &Tlv<'_>, depth: usize) -> fmt::Result {
        self.head(out, tlv, depth)?;
        out.write_char('\n')
    }
    fn close(&mut self, _: &mut dyn Write) -> fmt::Result {
        Ok(())
    }
    fn rest(&mut self, out: &mut dyn Write, depth: usize, note: fmt::Arguments<'_>) -> fmt::Result {
        self.start(out, depth)?;
        out.write_fmt(note)?;
        out.write_char('\n')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};

    fn shown(hex: &[u8]) -> String {
        EmvData::new(Data::hex(hex)).to_string()
    }

    #[test]
    fn card_data_is_masked_at_every_depth() {
        // 70 { 5A 08 4000009876543219, 57 0A …, 5F20 04 "TEST" }, then 9F27 01 80.
        let hex = b"701C5A084000009876543219570A4000009876543219D2915F20045445535491279F270180";
        let fixed: alloc::vec::Vec<u8> = {
            // Recompute the template length so the vector stays well-formed.
            let inner = &hex[4..hex.len() - 8];
            let mut v = alloc::format!("70{:02X}", inner.len() / 2).into_bytes();
            v.extend_from_slice(inner);
            v.extend_from_slice(b"9F270180");
            v
        };
        let out = shown(&fixed);
        assert!(!out.contains("4000009876543219"), "{out}");
        assert!(!out.contains("54455354"), "{out}");
        assert!(out.contains("5A=400000******3219"), "{out}");
        assert!(out.contains("57=redacted (10 bytes)"), "{out}");
        assert!(out.contains("5F20=redacted (4 bytes)"), "{out}");
        assert!(out.ends_with("9F27=80"), "{out}");
        let tree = alloc::format!("{:#}", EmvData::new(Data::hex(&fixed)));
        assert!(
            !tree.contains("4000009876543219") && !tree.contains("TEST"),
            "{tree}"
        );
        assert!(tree.contains("  5A "), "{tree}");
    }

    #[test]
    fn after_a_fault_the_rest_is_redacted() {
        // 9F27 01 80, then 5A claims 0x20 bytes but only 8 follow.
        let out = shown(b"9F2701805A204000009876543219");
        assert!(out.starts_with("9F27=80 malformed TLV"), "{out}");
        assert!(!out.contains("9876543219"), "{out}");
        // Text that is not TLV at all is never printed.
        let out = shown(b"4000009876543219");
        assert!(!out.contains("9876543219"), "{out}");
    }

    #[test]
    fn odd_length_pan_drops_its_pad() {
        // 5A 08 with 15 digits and an F pad.
        let out = shown(b"5A08371449635398431F");
        assert_eq!(out, "5A=37144******8431");
        assert_eq!(
            EmvData::new(Data::hex(b"5A08371449635398431F"))
                .find(Tag(0x5A))
                .map(|t| t.value().len()),
            Some(8)
        );
        let _ = "".to_string();
    }

    #[test]
    fn a_template_shown_whole_hides_what_it_holds() {
        let hex = b"700A5A084000009876543219";
        let outer = Tlvs::new(Data::hex(hex)).next().unwrap().unwrap();
        assert_eq!(outer.masked().to_string(), "redacted (10 bytes)");
        let outer = Tlvs::new(Data::hex(b"77049F270180"))
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(outer.masked().to_string(), "9F270180");
    }
}
