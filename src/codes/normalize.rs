// Shared by the library and build.rs (through `include!`), so display texts in the tables and
// texts to look up are normalised by the very same code. Core only: no allocation.

/// Normalises a terminal display text into `out`: ASCII letters upper-cased, full-width forms
/// (U+FF01 to U+FF5E, the ideographic space U+3000 and full stop U+3002) mapped to ASCII, runs of
/// white space collapsed to one space, and leading or trailing spaces and `.`, `!` removed.
/// Returns the normalised text, or `None` if it does not fit in `out`.
pub(crate) fn normalize_into<'b>(text: &str, out: &'b mut [u8]) -> Option<&'b str> {
    let mut len = 0usize;
    let mut pending_space = false;
    for c in text.chars() {
        let c = match c {
            '\u{3000}' => ' ',
            '\u{3002}' => '.',
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(u32::from(c).wrapping_sub(0xFEE0)).unwrap_or(c)
            }
            _ => c,
        };
        if c.is_whitespace() {
            pending_space = len > 0;
            continue;
        }
        let c = c.to_ascii_uppercase();
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
