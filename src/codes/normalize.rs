// Shared by the library and build.rs (through `include!`), so display texts in the tables and
// texts to look up are normalised by the very same code. Core only: no allocation.

/// Folds one non-ASCII character for matching: full-width forms (U+FF01 to U+FF5E) and the
/// ideographic space to ASCII, Chinese punctuation to its ASCII counterpart, Traditional
/// Chinese to Simplified through `t2s`. ASCII letters are upper-cased by the caller.
#[inline]
pub(crate) fn fold<F: Fn(char) -> Option<char>>(c: char, t2s: &F) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{3002}' | '\u{FF61}' => '.',
        '\u{3001}' => ',',
        '\u{3010}' | '\u{3014}' | '\u{300C}' | '\u{300E}' => '[',
        '\u{3011}' | '\u{3015}' | '\u{300D}' | '\u{300F}' => ']',
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => '\'',
        '\u{2014}' | '\u{2013}' | '\u{2212}' => '-',
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(u32::from(c).wrapping_sub(0xFEE0)).map_or(c, |a| a.to_ascii_uppercase())
        }
        '\u{3400}'.. => t2s(c).unwrap_or(c),
        _ => c,
    }
}

/// Whether a byte is an ASCII letter or digit, read by table in the hot loop of
/// [`prepare_into`].
#[allow(clippy::indexing_slicing)]
const ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0usize;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// [`ALNUM`] for one byte (always in range: the table has an entry for every byte).
#[inline]
fn alnum(b: u8) -> bool {
    ALNUM.get(usize::from(b)).copied().unwrap_or(false)
}

/// How many 64-bit words of unit-start marks a squashed text of `len` bytes needs.
pub(crate) const fn mark_words(len: usize) -> usize {
    (len / 64).saturating_add(1)
}

/// Whether a character is kept in the squashed form: a letter or digit (CJK ideographs without
/// consulting Unicode's tables).
#[inline]
fn kept(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}') || c.is_alphanumeric()
}

/// Where [`prepare_into`] writes.
pub(crate) struct Prepared<'o> {
    /// The normalised text: ASCII letters upper-cased, other characters folded (see
    /// [`fold`]), runs of white space collapsed to one space, leading and trailing spaces and
    /// trailing `.` and `!` removed. Never longer than the input.
    pub(crate) normalized: &'o mut [u8],
    /// The squashed text: the normalised text's ASCII words (letters and digits, each replaced
    /// by `canon(word)` when that gives its full spelling) and its other letters (Chinese
    /// characters), with everything else (spaces, punctuation, symbols) dropped.
    pub(crate) squashed: &'o mut [u8],
    /// One bit per squashed byte: set where a unit (an ASCII word, one other character)
    /// starts, so matches can be held to word boundaries.
    pub(crate) starts: &'o mut [u64],
}

/// Writes the one space a run of white space stands for, if one is pending.
#[inline]
fn space(normalized: &mut [u8], n: &mut usize, pending: &mut bool) -> Option<()> {
    if core::mem::take(pending) {
        *normalized.get_mut(*n)? = b' ';
        *n = n.saturating_add(1);
    }
    Some(())
}

/// Copies what fits of `src` to the start of `dst`; returns the bytes copied.
fn copy(src: &[u8], dst: &mut [u8]) -> usize {
    let n = src.len().min(dst.len());
    if let (Some(d), Some(s)) = (dst.get_mut(..n), src.get(..n)) {
        d.copy_from_slice(s);
    }
    n
}

/// Appends one unit to the squashed text and marks where it starts; what does not fit is cut.
fn squash(unit: &[u8], squashed: &mut [u8], starts: &mut [u64], s: &mut usize) {
    let Some(bits) = starts.get_mut(*s / 64) else {
        return;
    };
    *bits |= 1u64 << (*s % 64);
    *s = s.saturating_add(copy(unit, squashed.get_mut(*s..).unwrap_or_default()));
}

/// Copies the run of CJK ideographs (U+4000 to U+9FFF) at the start of `rest` into the
/// normalised text and, each marked a unit of its own, into the squashed text: one already
/// Simplified as it is (in the squashed text only if it fits whole), a Traditional one as its
/// Simplified form (as [`squash`] writes it), if that is an ideograph of three bytes too (as
/// good as always). Returns the bytes read, `None` if the normalised text is full. A tight
/// loop of its own: most Chinese texts are such runs.
#[inline]
fn ideographs<F: Fn(char) -> Option<char>>(
    rest: &[u8],
    normalized: &mut [u8],
    squashed: &mut [u8],
    starts: &mut [u64],
    n: &mut usize,
    s: &mut usize,
    t2s: &F,
) -> Option<usize> {
    // Where the rest of the text would fit whole in both texts even as ideographs (as good
    // as always), a character cannot be cut or left out, so the loop needs no check of room
    // per character; otherwise each is checked.
    let most = (rest.len() / 3).saturating_mul(3);
    let n_end = n.saturating_add(most);
    let s_end = s.saturating_add(most);
    let (Some(nd), Some(sd), true) = (
        normalized.get_mut(*n..n_end),
        squashed.get_mut(*s..s_end),
        s_end / 64 < starts.len(),
    ) else {
        return ideographs_checked(rest, normalized, squashed, starts, n, s, t2s);
    };
    let mut read = 0usize;
    let mut at = *s;
    for ((chunk, a), b) in rest
        .chunks_exact(3)
        .zip(nd.chunks_exact_mut(3))
        .zip(sd.chunks_exact_mut(3))
    {
        let (&[b0, b1, b2], [a0, a1, a2], [q0, q1, q2]) = (chunk, a, b) else {
            break;
        };
        if !(0xE4..=0xE9).contains(&b0) {
            break;
        }
        let code = u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
        let Some(c) = char::from_u32(code) else { break };
        let [u0, u1, u2] = match t2s(c) {
            None => [b0, b1, b2],
            Some(simple) if ('\u{3400}'..='\u{9FFF}').contains(&simple) => {
                let mut unit = [0u8; 3];
                simple.encode_utf8(&mut unit);
                unit
            }
            Some(_) => break,
        };
        (*a0, *a1, *a2) = (u0, u1, u2);
        (*q0, *q1, *q2) = (u0, u1, u2);
        if let Some(bits) = starts.get_mut(at / 64) {
            *bits |= 1u64 << (at % 64);
        }
        at = at.wrapping_add(3);
        read = read.wrapping_add(3);
    }
    *n = n.wrapping_add(read);
    *s = at;
    Some(read)
}

/// [`ideographs`] where the texts may be full: room is checked for every character.
#[inline(never)]
fn ideographs_checked<F: Fn(char) -> Option<char>>(
    rest: &[u8],
    normalized: &mut [u8],
    squashed: &mut [u8],
    starts: &mut [u64],
    n: &mut usize,
    s: &mut usize,
    t2s: &F,
) -> Option<usize> {
    let mut read = 0usize;
    // Every character of the run is three bytes, so the run's characters are the input's
    // three-byte chunks up to the first that is not one of them.
    for chunk in rest.chunks_exact(3) {
        let &[b0, b1, b2] = chunk else { break };
        if !(0xE4..=0xE9).contains(&b0) {
            break;
        }
        let code = u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
        let Some(c) = char::from_u32(code) else { break };
        let end = n.checked_add(3)?;
        match t2s(c) {
            None => {
                let unit = [b0, b1, b2];
                normalized.get_mut(*n..end)?.copy_from_slice(&unit);
                if let Some(bits) = starts.get_mut(*s / 64) {
                    *bits |= 1u64 << (*s % 64);
                    if let Some(dst) = squashed.get_mut(*s..s.saturating_add(3)) {
                        dst.copy_from_slice(&unit);
                        *s = s.saturating_add(3);
                    }
                }
            }
            Some(simple) if ('\u{3400}'..='\u{9FFF}').contains(&simple) => {
                let mut unit = [0u8; 3];
                simple.encode_utf8(&mut unit);
                normalized.get_mut(*n..end)?.copy_from_slice(&unit);
                squash(&unit, squashed, starts, s);
            }
            Some(_) => break,
        }
        *n = end;
        read = read.saturating_add(3);
    }
    Some(read)
}

/// Normalises and squashes `text` in one pass (see [`Prepared`]). Returns the lengths written:
/// `None` if the normalised text does not fit; a squashed text that does not fit is cut.
pub(crate) fn prepare_into<'c, F, C>(
    text: &str,
    out: Prepared<'_>,
    t2s: &F,
    canon: &C,
) -> Option<(usize, usize)>
where
    F: Fn(char) -> Option<char>,
    C: Fn(&[u8]) -> Option<&'c str>,
{
    let Prepared {
        normalized,
        squashed,
        starts,
    } = out;
    let mut n = 0usize;
    let mut s = 0usize;
    let mut pending_space = false;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        if alnum(b) {
            // A run of ASCII letters and digits: upper-cased into the normalised text, then
            // into the squashed one, spelled out if it is an abbreviation.
            space(normalized, &mut n, &mut pending_space)?;
            let rest = bytes.get(i..).unwrap_or_default();
            let len = rest.iter().position(|&c| !alnum(c)).unwrap_or(rest.len());
            let end = n.checked_add(len)?;
            // None: the normalised text is full.
            let word = normalized.get_mut(n..end)?;
            // Upper-cased into the normalised text and, in the same pass, into the squashed
            // one where it fits whole (as good as always); an abbreviation's spelling then
            // takes its place there (what a shorter spelling leaves of the word lies past the
            // squashed length, which is all that is read).
            let s_end = s.wrapping_add(len);
            let copied = match squashed.get_mut(s..s_end) {
                Some(dst) if starts.get(s / 64).is_some() => {
                    for ((d, q), &c) in word.iter_mut().zip(dst).zip(rest) {
                        let upper = c.to_ascii_uppercase();
                        *d = upper;
                        *q = upper;
                    }
                    true
                }
                _ => {
                    for (d, &c) in word.iter_mut().zip(rest) {
                        *d = c.to_ascii_uppercase();
                    }
                    false
                }
            };
            let word: &[u8] = word;
            match canon(word) {
                // A spelling may hold spaces ("PICK UP"): dropped like any other.
                Some(spelled) if spelled.contains(' ') => {
                    let mut first = true;
                    for part in spelled.split(' ') {
                        if first {
                            squash(part.as_bytes(), squashed, starts, &mut s);
                            first = false;
                        } else {
                            // Same unit: no new word start.
                            let room = squashed.get_mut(s..).unwrap_or_default();
                            s = s.saturating_add(copy(part.as_bytes(), room));
                        }
                    }
                }
                Some(spelled) => squash(spelled.as_bytes(), squashed, starts, &mut s),
                None if copied => {
                    if let Some(bits) = starts.get_mut(s / 64) {
                        *bits |= 1u64 << (s % 64);
                    }
                    s = s_end;
                }
                None => squash(word, squashed, starts, &mut s),
            }
            n = end;
            i = i.saturating_add(len);
            continue;
        }
        if b.is_ascii() {
            i = i.saturating_add(1);
            if b.is_ascii_whitespace() {
                pending_space = n > 0;
                continue;
            }
            space(normalized, &mut n, &mut pending_space)?;
            *normalized.get_mut(n)? = b;
            n = n.saturating_add(1);
            continue;
        }
        // The common non-ASCII case: CJK ideographs (U+4000 to U+9FFF, three bytes each, never
        // white space), read a run at a time.
        if (0xE4..=0xE9).contains(&b) {
            space(normalized, &mut n, &mut pending_space)?;
            let rest = bytes.get(i..).unwrap_or_default();
            let read = ideographs(rest, normalized, squashed, starts, &mut n, &mut s, t2s)?;
            if read > 0 {
                i = i.saturating_add(read);
                continue;
            }
        }
        let original = text.get(i..).and_then(|r| r.chars().next())?;
        let width = original.len_utf8();
        let c = fold(original, t2s);
        let source = bytes.get(i..i.saturating_add(width))?;
        i = i.saturating_add(width);
        if c.is_whitespace() {
            pending_space = n > 0;
            continue;
        }
        space(normalized, &mut n, &mut pending_space)?;
        let mut utf8 = [0u8; 4];
        // Most characters fold to themselves: their bytes are copied as they are.
        let encoded = if c == original {
            source
        } else {
            c.encode_utf8(&mut utf8).as_bytes()
        };
        let end = n.checked_add(encoded.len())?;
        copy(encoded, normalized.get_mut(n..end)?);
        n = end;
        if c.is_ascii_alphanumeric() {
            // A full-width letter or digit: a word of its own.
            squash(encoded, squashed, starts, &mut s);
        } else if !c.is_ascii() && kept(c) {
            squash(encoded, squashed, starts, &mut s);
        }
    }
    // Trailing full stops and exclamation marks carry no meaning on a terminal screen.
    while n > 0
        && matches!(
            normalized.get(n.saturating_sub(1)),
            Some(b'.' | b'!' | b' ')
        )
    {
        n = n.saturating_sub(1);
    }
    Some((n, s))
}
