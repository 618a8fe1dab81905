//! How sensitive values are shown: card numbers masked to their first 6 and last 4 digits,
//! secrets replaced by their length. Every printed form of a field goes through here.

use core::fmt::{self, Write};

/// Digits shown at the start of a masked card number.
pub const PAN_HEAD: usize = 6;
/// Digits shown at the end of a masked card number.
pub const PAN_TAIL: usize = 4;

/// Writes a card number with all but the first 6 and last 4 characters replaced by `*`.
///
/// A number too short to keep at least one hidden character between the two ends (fewer than 11
/// characters) is masked entirely.
pub fn write_pan<W, I>(out: &mut W, chars: I) -> fmt::Result
where
    W: Write + ?Sized,
    I: ExactSizeIterator<Item = u8>,
{
    let count = chars.len();
    let shown = count > PAN_HEAD + PAN_TAIL;
    for (i, c) in chars.enumerate() {
        let visible = shown && (i < PAN_HEAD || i >= count.saturating_sub(PAN_TAIL));
        out.write_char(if visible { char::from(c) } else { '*' })?;
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

/// Writes text: valid UTF-8 as it is with control characters escaped, other bytes as `\xNN`.
pub fn write_text<W: Write + ?Sized>(out: &mut W, bytes: &[u8]) -> fmt::Result {
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() {
                write!(out, "\\x{:02X}", u32::from(c))?;
            } else {
                out.write_char(c)?;
            }
        }
        for b in chunk.invalid() {
            write!(out, "\\x{b:02X}")?;
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

    #[test]
    fn pans_keep_six_and_four() {
        assert_eq!(pan("4761739001010119"), "476173******0119");
        assert_eq!(pan("5413330089600010123"), "541333*********0123");
        assert_eq!(pan("12345678901"), "123456*8901");
        assert_eq!(pan("1234567890"), "**********");
        assert_eq!(pan(""), "");
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
