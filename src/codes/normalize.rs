// Shared by the library and build.rs (through `include!`), so display texts in the tables and
// texts to look up are normalised by the very same code. Core only: no allocation.

/// Folds one character for matching: full-width forms (U+FF01 to U+FF5E) and the ideographic
/// space to ASCII, Chinese punctuation to its ASCII counterpart, Traditional Chinese to
/// Simplified through `t2s`, ASCII letters to upper case.
pub(crate) fn fold(c: char, t2s: &dyn Fn(char) -> Option<char>) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{3002}' | '\u{FF61}' => '.',
        '\u{3001}' => ',',
        '\u{3010}' | '\u{3014}' | '\u{300C}' | '\u{300E}' => '[',
        '\u{3011}' | '\u{3015}' | '\u{300D}' | '\u{300F}' => ']',
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => '\'',
        '\u{2014}' | '\u{2013}' | '\u{2212}' => '-',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c).wrapping_sub(0xFEE0)).unwrap_or(c),
        '\u{3400}'.. => t2s(c).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_uppercase()
}

/// Normalises a terminal display text into `out`: each character folded (see [`fold`]), runs
/// of white space collapsed to one space, and leading or trailing spaces and `.`, `!` removed.
/// Returns the normalised text, or `None` if it does not fit in `out`.
pub(crate) fn normalize_into<'b>(
    text: &str,
    out: &'b mut [u8],
    t2s: &dyn Fn(char) -> Option<char>,
) -> Option<&'b str> {
    let mut len = 0usize;
    let mut pending_space = false;
    for c in text.chars() {
        let c = fold(c, t2s);
        if c.is_whitespace() {
            pending_space = len > 0;
            continue;
        }
        let mut utf8 = [0u8; 4];
        let encoded = c.encode_utf8(&mut utf8).as_bytes();
        let needed = encoded.len().checked_add(usize::from(pending_space))?;
        let end = len.checked_add(needed)?;
        let slot = out.get_mut(len..end)?;
        let (space, rest) = slot.split_at_mut(usize::from(pending_space));
        if let Some(s) = space.first_mut() {
            *s = b' ';
        }
        rest.copy_from_slice(encoded);
        len = end;
        pending_space = false;
    }
    // Trailing full stops and exclamation marks carry no meaning on a terminal screen.
    while let Some(&last) = out.get(len.checked_sub(1)?) {
        if last == b'.' || last == b'!' || last == b' ' {
            len = len.checked_sub(1)?;
        } else {
            break;
        }
        if len == 0 {
            break;
        }
    }
    core::str::from_utf8(out.get(..len)?).ok()
}

/// How many 64-bit words of unit-start marks a squashed text of `len` bytes needs.
pub(crate) const fn mark_words(len: usize) -> usize {
    (len / 64).saturating_add(1)
}

/// Squashes a normalised text for matching: ASCII words (letters and digits) are kept, each
/// replaced by `canon(word)` when that gives its full spelling; other letters (Chinese
/// characters) are kept one by one; everything else (spaces, punctuation, symbols) is dropped.
/// Each kept unit (an ASCII word or one other character) sets the bit of its first byte in
/// `starts`, so matches can be held to word boundaries. Returns the length written, or `None`
/// if `out` or `starts` is too small.
pub(crate) fn squash_into<'c>(
    normalized: &str,
    out: &mut [u8],
    starts: &mut [u64],
    canon: &dyn Fn(&str) -> Option<&'c str>,
) -> Option<usize> {
    let mut len = 0usize;
    let mark = |at: usize, starts: &mut [u64]| -> Option<()> {
        let word = starts.get_mut(at / 64)?;
        *word |= 1u64 << (at % 64);
        Some(())
    };
    let push = |bytes: &[u8], len: &mut usize, out: &mut [u8]| -> Option<()> {
        let end = len.checked_add(bytes.len())?;
        out.get_mut(*len..end)?.copy_from_slice(bytes);
        *len = end;
        Some(())
    };
    let bytes = normalized.as_bytes();
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i = i.checked_add(1)?;
            }
            let word = normalized.get(start..i)?;
            let word = canon(word).unwrap_or(word);
            mark(len, starts)?;
            // A canonical spelling may hold spaces ("PICK UP"): dropped like any other.
            for part in word.split(' ') {
                push(part.as_bytes(), &mut len, out)?;
            }
            continue;
        }
        let c = normalized.get(i..)?.chars().next()?;
        let width = c.len_utf8();
        if !b.is_ascii() && c.is_alphanumeric() {
            mark(len, starts)?;
            push(
                normalized.as_bytes().get(i..i.checked_add(width)?)?,
                &mut len,
                out,
            )?;
        }
        i = i.checked_add(width)?;
    }
    Some(len)
}
