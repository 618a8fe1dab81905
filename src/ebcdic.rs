//! EBCDIC, code page 037 (US/Canada): the code page IBM hosts, jPOS's `IFE_*` fields and
//! Mastercard's IPM files write ISO 8583 text in. The table is generated at build time from
//! `data/ebcdic/cp037.txt`, itself written from Python's `cp037` codec.
//!
//! Digits (F0–F9), upper- and lower-case letters and the space (40) are the same in code pages
//! 037, 500 and 1047; they differ only in a few punctuation marks (`[ ] ^ ¬ ! |`).

include!(concat!(env!("OUT_DIR"), "/ebcdic.rs"));

/// The character an EBCDIC (code page 037) byte stands for.
#[inline]
pub fn to_char(byte: u8) -> char {
    CP037.get(usize::from(byte)).copied().unwrap_or('\u{FFFD}')
}

/// The ASCII byte an EBCDIC byte stands for, or `None` if it stands for no ASCII character.
#[inline]
pub fn to_ascii(byte: u8) -> Option<u8> {
    let c = to_char(byte);
    u8::try_from(u32::from(c)).ok().filter(u8::is_ascii)
}

/// The EBCDIC byte of an ASCII character (`None` above 0x7F).
#[inline]
pub fn from_ascii(byte: u8) -> Option<u8> {
    FROM_ASCII.get(usize::from(byte)).copied()
}

/// Whether an EBCDIC byte is a decimal digit (F0 to F9).
#[inline(always)]
pub(crate) fn is_digit(byte: u8) -> bool {
    byte.wrapping_sub(0xF0) < 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_page_037_where_it_matters() {
        assert_eq!(to_char(0xF0), '0');
        assert_eq!(to_char(0xF9), '9');
        assert_eq!(to_char(0xC1), 'A');
        assert_eq!(to_char(0xE9), 'Z');
        assert_eq!(to_char(0x81), 'a');
        assert_eq!(to_char(0x40), ' ');
        assert_eq!(to_char(0x7E), '=');
        // Where code pages 037 and 1047 differ.
        assert_eq!(to_char(0xBA), '[');
        assert_eq!(to_char(0xB0), '^');
        assert_eq!(to_char(0x5F), '¬');
        for b in 0..128u8 {
            let e = from_ascii(b).unwrap();
            assert_eq!(to_ascii(e), Some(b), "{b:#x}");
        }
        assert!(is_digit(0xF5) && !is_digit(0xFA) && !is_digit(0x35));
    }
}
