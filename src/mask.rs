//! How sensitive values are shown: card numbers masked to at most their first 6 and last 4
//! digits, secrets replaced by their length. Every printed form of a field goes through here,
//! and so does every EMV tag of field 55 (see [`crate::emv`]).

use core::fmt::{self, Write};

/// Most digits shown at the start of a masked card number.
pub const PAN_HEAD: usize = 6;
/// Most digits shown at the end of a masked card number.
pub const PAN_TAIL: usize = 4;
/// Fewest digits hidden in a masked card number, whatever its length.
///
/// With six digits hidden, one of them the Luhn check digit's partner, 100,000 numbers remain
/// that fit what is shown, so the number cannot be rebuilt from it. A card number shorter than
/// 16 digits therefore shows fewer than its first 6 and last 4: the head shrinks first, since
/// the last four digits are what cashiers and issuers quote.
pub const PAN_MIN_HIDDEN: usize = 6;

/// How many leading and trailing characters of a `len`-character card number may be shown.
///
/// ```
/// use iso8583_response::mask::pan_shown;
/// assert_eq!(pan_shown(16), (6, 4)); // 476173******0119
/// assert_eq!(pan_shown(19), (6, 4));
/// assert_eq!(pan_shown(15), (5, 4)); // six hidden
/// assert_eq!(pan_shown(11), (1, 4));
/// assert_eq!(pan_shown(9), (0, 3));
/// assert_eq!(pan_shown(6), (0, 0));
/// ```
pub const fn pan_shown(len: usize) -> (usize, usize) {
    // At least PAN_MIN_HIDDEN hidden, at most PAN_HEAD + PAN_TAIL shown; the tail first.
    let shown = len.saturating_sub(PAN_MIN_HIDDEN);
    let shown = if shown < PAN_HEAD + PAN_TAIL {
        shown
    } else {
        PAN_HEAD + PAN_TAIL
    };
    let tail = if shown < PAN_TAIL { shown } else { PAN_TAIL };
    (shown.saturating_sub(tail), tail)
}

/// Writes a card number with all but its first and last few digits replaced by `*`: the first
/// 6 and last 4 digits at most, fewer when the number is short (see [`pan_shown`]).
///
/// Digits are counted, not characters: spaces and dashes between groups (`4761 7390 …`) and
/// padding are kept where they are, and count for nothing; any other character is written as
/// `*`, so nothing but the digits [`pan_shown`] allows can come out.
pub fn write_pan<W, I>(out: &mut W, chars: I) -> fmt::Result
where
    W: Write + ?Sized,
    I: Iterator<Item = u8> + Clone,
{
    let count = chars.clone().filter(u8::is_ascii_digit).count();
    let (head, tail) = pan_shown(count);
    let mut k = 0usize;
    for c in chars {
        if c.is_ascii_digit() {
            let visible = k < head || k >= count.saturating_sub(tail);
            k = k.saturating_add(1);
            out.write_char(if visible { char::from(c) } else { '*' })?;
        } else if c == b' ' || c == b'-' {
            out.write_char(char::from(c))?;
        } else {
            out.write_char('*')?;
        }
    }
    Ok(())
}

/// Writes the marker that stands for a secret value: `redacted (N bytes)`.
pub fn write_redacted<W: Write + ?Sized>(out: &mut W, len: usize) -> fmt::Result {
    write!(out, "redacted ({len} bytes)")
}

/// Writes bytes as upper-case hex.
pub fn write_hex<W, I>(out: &mut W, bytes: I) -> fmt::Result
where
    W: Write + ?Sized,
    I: Iterator<Item = u8>,
{
    for b in bytes {
        write!(out, "{b:02X}")?;
    }
    Ok(())
}

/// Writes text: valid UTF-8 as it is, with a backslash written `\\` and control characters
/// escaped (`\x0A` below 0x80, `\u{85}` above), and bytes that are not UTF-8 as `\xNN`; so
/// every escape reads back to one meaning.
pub fn write_text<W: Write + ?Sized>(out: &mut W, bytes: &[u8]) -> fmt::Result {
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            write_char(out, c)?;
        }
        for b in chunk.invalid() {
            write!(out, "\\x{b:02X}")?;
        }
    }
    Ok(())
}

/// One character of text, escaped as [`write_text`] says.
fn write_char<W: Write + ?Sized>(out: &mut W, c: char) -> fmt::Result {
    match c {
        '\\' => out.write_str("\\\\"),
        c if c.is_control() && c.is_ascii() => write!(out, "\\x{:02X}", u32::from(c)),
        c if c.is_control() => write!(out, "\\u{{{:x}}}", u32::from(c)),
        c => out.write_char(c),
    }
}

/// Writes GBK-encoded text (Chinese as China UnionPay terminals send it) readably: characters
/// decoded, control characters and bytes that are not GBK escaped as in [`write_text`].
///
/// Decoding needs the `gbk` feature (the `encoding_rs` crate's decoder, which reads GBK as
/// the WHATWG Encoding Standard does, GB 18030's four-byte forms included); without it this
/// is [`write_text`].
pub fn write_gbk_text<W: Write + ?Sized>(out: &mut W, bytes: &[u8]) -> fmt::Result {
    #[cfg(feature = "gbk")]
    {
        let mut rest = bytes;
        while let Some((&b, tail)) = rest.split_first() {
            if b.is_ascii() {
                write_text(out, &[b])?;
                rest = tail;
                continue;
            }
            // A GBK character is two bytes; GB 18030's four-byte forms have a digit second.
            let len = if tail.first().is_some_and(u8::is_ascii_digit) {
                4
            } else {
                2
            };
            match (rest.get(..len).and_then(gbk_char), rest.get(len..)) {
                (Some(c), Some(after)) if !c.is_control() => {
                    out.write_char(c)?;
                    rest = after;
                }
                _ => {
                    write!(out, "\\x{b:02X}")?;
                    rest = tail;
                }
            }
        }
        Ok(())
    }
    #[cfg(not(feature = "gbk"))]
    write_text(out, bytes)
}

/// The one character `bytes` encode in GBK, if they encode exactly one.
#[cfg(feature = "gbk")]
fn gbk_char(bytes: &[u8]) -> Option<char> {
    use encoding_rs::DecoderResult;
    let mut decoder = encoding_rs::GBK.new_decoder_without_bom_handling();
    let mut buf = [0u8; 8];
    let text = core::str::from_utf8_mut(&mut buf).ok()?;
    // With the last input given, "input empty" means every byte was read and decoded.
    let (result, _, written) = decoder.decode_to_str_without_replacement(bytes, text, true);
    if result != DecoderResult::InputEmpty {
        return None;
    }
    let mut chars = text[..written].chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Writes EBCDIC (code page 037) text readably, control characters escaped as in
/// [`write_text`].
pub fn write_ebcdic_text<W: Write + ?Sized>(out: &mut W, bytes: &[u8]) -> fmt::Result {
    for &b in bytes {
        let c = crate::ebcdic::to_char(b);
        if c == '\\' {
            out.write_str("\\\\")?;
        } else if c.is_control() {
            write!(out, "\\x{b:02X}")?;
        } else {
            out.write_char(c)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn pan(s: &str) -> String {
        let mut out = String::new();
        write_pan(&mut out, s.bytes()).unwrap();
        out
    }

    #[cfg(feature = "gbk")]
    #[test]
    fn gbk_text_is_decoded_a_character_at_a_time() {
        let gbk = |bytes: &[u8]| {
            let mut out = String::new();
            write_gbk_text(&mut out, bytes).unwrap();
            out
        };
        // 成功 in GBK, with ASCII around it.
        assert_eq!(gbk(b"00+\xB3\xC9\xB9\xA6"), "00+成功");
        // GB 18030's four-byte form (U+00A5 is 81 30 84 36).
        assert_eq!(gbk(b"\x81\x30\x84\x36"), "\u{a5}");
        // A lead byte with no trail, a trail that cannot follow, a control character.
        assert_eq!(gbk(b"A\xB3"), "A\\xB3");
        assert_eq!(gbk(b"\xB3\x0A"), "\\xB3\\x0A");
        assert_eq!(gbk(b"\xFF\xFFZ"), "\\xFF\\xFFZ");
        // GB 18030 maps 81 30 81 30 to U+0080, a control character: escaped, byte by byte.
        assert_eq!(gbk(b"\x81\x30\x81\x30"), "\\x810\\x810");
        assert_eq!(gbk(b""), "");
    }

    #[test]
    fn every_escape_reads_back_to_one_meaning() {
        let text = |bytes: &[u8]| {
            let mut out = String::new();
            write_text(&mut out, bytes).unwrap();
            out
        };
        // The four characters `\x85`, the byte 0x85, and U+0085 (C2 85) differ.
        assert_eq!(text(b"\\x85"), "\\\\x85");
        assert_eq!(text(b"\x85"), "\\x85");
        assert_eq!(text(b"\xC2\x85"), "\\u{85}");
        assert_eq!(text(b"a\nb"), "a\\x0Ab");
        assert_eq!(text("成功".as_bytes()), "成功");
        let mut out = String::new();
        // EBCDIC E0 is a backslash.
        write_ebcdic_text(&mut out, &[0xE0, 0xC1, 0x25]).unwrap();
        assert_eq!(out, "\\\\A\\x25");
    }

    #[test]
    fn pan_shown_hides_six_and_shows_ten_at_most() {
        for len in 0..64 {
            let (head, tail) = pan_shown(len);
            assert!(head <= PAN_HEAD && tail <= PAN_TAIL, "{len}");
            assert_eq!(
                head + tail,
                len.saturating_sub(PAN_MIN_HIDDEN).min(PAN_HEAD + PAN_TAIL),
                "{len}"
            );
            // The tail is filled first.
            assert!(head == 0 || tail == PAN_TAIL, "{len}");
        }
    }

    #[test]
    fn pans_keep_six_and_four() {
        assert_eq!(pan("4761739001010119"), "476173******0119");
        assert_eq!(pan("5413330089600010123"), "541333*********0123");
        assert_eq!(pan("371449635398431"), "37144******8431");
        assert_eq!(pan("12345678901"), "1******8901");
        assert_eq!(pan("123456789012"), "12******9012");
        assert_eq!(pan("1234567890"), "******7890");
        assert_eq!(pan("123456"), "******");
        assert_eq!(pan(""), "");
    }

    #[test]
    fn digits_are_counted_not_characters() {
        // Padding, spaces and dashes count for nothing.
        assert_eq!(pan("12345678           "), "******78           ");
        assert_eq!(pan("12345678901        "), "1******8901        ");
        assert_eq!(pan("1234 5678 9012"), "12** **** 9012");
        assert_eq!(pan("1234-5678-901"), "1***-***8-901");
        // Anything else is never shown.
        assert_eq!(pan("4761\u{1}739001010119"), "4761*73******0119");
    }

    #[test]
    fn every_length_hides_at_least_six_and_shows_at_most_six_and_four() {
        for len in 0..=40usize {
            let digits: String = (0..len)
                .map(|i| char::from(b'0' + (i % 10) as u8))
                .collect();
            let shown = pan(&digits);
            let hidden = shown.chars().filter(|&c| c == '*').count();
            assert_eq!(shown.chars().count(), len);
            assert!(hidden >= PAN_MIN_HIDDEN.min(len), "{len}: {shown}");
            let (head, tail) = pan_shown(len);
            assert!(head <= PAN_HEAD && tail <= PAN_TAIL, "{len}");
            assert_eq!(hidden, len - head - tail, "{len}");
        }
    }

    #[test]
    fn text_escapes_controls_and_invalid_bytes() {
        let mut out = String::new();
        write_text(&mut out, b"AB\x01\xFFC").unwrap();
        assert_eq!(out, "AB\\x01\\xFFC");
        let mut out = String::new();
        write_hex(&mut out, [0x9F, 0x26].into_iter()).unwrap();
        assert_eq!(out, "9F26");
        let mut out = String::new();
        write_redacted(&mut out, 8).unwrap();
        assert_eq!(out, "redacted (8 bytes)");
    }
}
