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

/// For each byte, its upper-case form if it is an ASCII letter or digit, else 0: one look-up
/// both tells a word's bytes and gives what is written for them in the hot loop of
/// [`prepare_into`].
#[allow(clippy::indexing_slicing)]
const WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = (b as u8).to_ascii_uppercase();
        }
        b += 1;
    }
    t
};

/// [`WORD`] for one byte (always in range: the table has an entry for every byte).
#[inline(always)]
fn word_byte(b: u8) -> u8 {
    WORD.get(usize::from(b)).copied().unwrap_or(0)
}

/// Eight bytes of text read as a little-endian `u64`: the bytes upper-cased (ASCII letters;
/// the rest as they are) and how many of them, from the first, are ASCII letters or digits.
/// Each byte is tested on its own without a borrow or carry reaching the next (the "has
/// between" of Bit Twiddling Hacks, as in `first_digit`).
#[inline(always)]
pub(crate) fn word_chunk(x: u64) -> (u64, usize) {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const LOW: u64 = ONES * 0x7F;
    const HIGH: u64 = ONES * 0x80;
    // For `lo < byte < hi`: `ONES * (127 + hi)` and `ONES * (127 - lo)`.
    const DIGIT: (u64, u64) = (ONES * (127 + 0x3A), ONES * (127 - 0x2F));
    const LETTER: (u64, u64) = (ONES * (127 + 0x7B), ONES * (127 - 0x60));
    // The high bit of each byte of `y` (at most 0x7F) set where `lo < y < hi` and `x` is ASCII.
    let between = |y: u64, (below, above): (u64, u64)| {
        below.wrapping_sub(y) & !x & y.wrapping_add(above) & HIGH
    };
    let y = x & LOW;
    let lower = between(y, LETTER);
    let letters = between(y | (ONES * 0x20), LETTER);
    let digits = between(y, DIGIT);
    let other = !(letters | digits) & HIGH;
    let len = (other.trailing_zeros() / 8) as usize;
    // 0x80 shifted to 0x20 in each lower-case byte, which is above 0x20: no borrow.
    (x.wrapping_sub(lower >> 2), len)
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

/// Copies what fits of `src` to the start of `dst`; returns the bytes copied. A byte at a
/// time: what is copied is a unit of a few bytes, for which a call to `memcpy` costs more.
#[inline]
fn copy(src: &[u8], dst: &mut [u8]) -> usize {
    let mut n = 0usize;
    for (d, &b) in dst.iter_mut().zip(src) {
        *d = b;
        n = n.wrapping_add(1);
    }
    n
}

/// Marks a unit starting at `s` in the squashed text; false if there is no mark for it (the
/// unit is then left out).
#[inline(always)]
fn mark(starts: &mut [u64], s: usize) -> bool {
    match starts.get_mut(s / 64) {
        Some(bits) => {
            *bits |= 1u64 << (s % 64);
            true
        }
        None => false,
    }
}

/// Appends one unit to the squashed text and marks where it starts; what does not fit is cut.
fn squash(unit: &[u8], squashed: &mut [u8], starts: &mut [u64], s: &mut usize) {
    if mark(starts, *s) {
        *s = s.saturating_add(copy(unit, squashed.get_mut(*s..).unwrap_or_default()));
    }
}

/// Copies the run of CJK ideographs (U+4000 to U+9FFF) at the start of `rest` into the
/// normalised text and, each marked a unit of its own, into the squashed text: one already
/// Simplified as it is (in the squashed text only if it fits whole), a Traditional one as its
/// Simplified form (as [`squash`] writes it), if that is an ideograph of three bytes too (as
/// good as always). Returns the bytes read, `None` if the normalised text is full. A tight
/// loop of its own: most Chinese texts are such runs.
///
/// `t2s_bits` has a bit for each character from U+3400 up that `t2s` may change: a character
/// whose bit is clear is copied as it is without asking `t2s`; the others (and all past the
/// table's end, or all when it is empty) are asked of `t2s` in [`simplified`].
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn ideographs<F: Fn(char) -> Option<char>>(
    rest: &[u8],
    normalized: &mut [u8],
    squashed: &mut [u8],
    starts: &mut [u64],
    n: &mut usize,
    s: &mut usize,
    t2s: &F,
    t2s_bits: &[u64],
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
    let mut k = 0usize;
    for ((chunk, a), q) in rest
        .chunks_exact(3)
        .zip(nd.chunks_exact_mut(3))
        .zip(sd.chunks_exact_mut(3))
    {
        let &[b0, b1, b2] = chunk else { break };
        let lead = b0.wrapping_sub(0xE4);
        if lead > 5 {
            break;
        }
        // Most characters have no Simplified form, which their bit alone tells: the code
        // point less U+3400 is 0xC00 + (lead - 0xE4) << 12 + the continuation bytes' six
        // bits each, so its word of bits is 0x30 + (lead - 0xE4) << 6 + the first
        // continuation's bits, and its bit the second's.
        let word = (usize::from(lead) << 6 | usize::from(b1 & 0x3F)).wrapping_add(0x30);
        let unit = if t2s_bits
            .get(word)
            .is_some_and(|bits| bits & (1u64 << (b2 & 0x3F)) == 0)
        {
            [b0, b1, b2]
        } else {
            match simplified([b0, b1, b2], t2s) {
                Some(unit) => unit,
                None => break,
            }
        };
        a.copy_from_slice(&unit);
        q.copy_from_slice(&unit);
        let at = s.wrapping_add(k);
        if let Some(bits) = starts.get_mut(at / 64) {
            *bits |= 1u64 << (at % 64);
        }
        k = k.wrapping_add(3);
    }
    *n = n.wrapping_add(k);
    *s = s.wrapping_add(k);
    Some(k)
}

/// What [`ideographs`] writes for the ideograph `unit` (U+4000 to U+9FFF) that `t2s` may
/// change: its Simplified form if that is an ideograph of three bytes too, else it as it is;
/// `None` for another Simplified form, which ends the run. Kept out of the loop, which seldom
/// needs it.
#[cold]
#[inline(never)]
fn simplified<F: Fn(char) -> Option<char>>(unit: [u8; 3], t2s: &F) -> Option<[u8; 3]> {
    let [b0, b1, b2] = unit;
    let code = u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
    match char::from_u32(code).and_then(t2s) {
        None => Some(unit),
        Some(simple) if ('\u{3400}'..='\u{9FFF}').contains(&simple) => {
            let mut unit = [0u8; 3];
            simple.encode_utf8(&mut unit);
            Some(unit)
        }
        Some(_) => None,
    }
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
/// `t2s` gives a Traditional character's Simplified form; `t2s_bits` (see [`ideographs`])
/// lets most ideographs pass without asking it, and may be empty.
pub(crate) fn prepare_into<'c, F, C>(
    text: &str,
    out: Prepared<'_>,
    t2s: &F,
    t2s_bits: &[u64],
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
        if word_byte(b) != 0 {
            // A run of ASCII letters and digits: upper-cased into the normalised text and, in
            // the same pass, into the squashed one as one unit (what does not fit there is
            // cut); an abbreviation's spelling then takes its place.
            space(normalized, &mut n, &mut pending_space)?;
            let (wn, ws) = (n, s);
            let marked = mark(starts, ws);
            // Eight bytes at a time while the text and both buffers have them: the bytes
            // past the word's end are written too, and overwritten by what follows.
            let mut ended = false;
            while marked
                && let (Some(chunk), Some(nd), Some(sd)) = (
                    bytes.get(i..i.wrapping_add(8)),
                    normalized.get_mut(n..n.wrapping_add(8)),
                    squashed.get_mut(s..s.wrapping_add(8)),
                )
            {
                let (upper, len) = word_chunk(u64::from_le_bytes(
                    <[u8; 8]>::try_from(chunk).unwrap_or([0; 8]),
                ));
                nd.copy_from_slice(&upper.to_le_bytes());
                sd.copy_from_slice(&upper.to_le_bytes());
                i = i.wrapping_add(len);
                n = n.wrapping_add(len);
                s = s.wrapping_add(len);
                if len < 8 {
                    ended = true;
                    break;
                }
            }
            while let Some(&c) = bytes.get(i)
                && !ended
            {
                let u = word_byte(c);
                if u == 0 {
                    break;
                }
                // None: the normalised text is full.
                *normalized.get_mut(n)? = u;
                n = n.wrapping_add(1);
                i = i.wrapping_add(1);
                if marked && let Some(q) = squashed.get_mut(s) {
                    *q = u;
                    s = s.wrapping_add(1);
                }
            }
            if let Some(spelled) = canon(normalized.get(wn..n).unwrap_or_default()) {
                // A spelling may hold spaces ("PICK UP"): dropped like any other, within
                // the one unit.
                s = ws;
                if marked {
                    for &c in spelled.as_bytes() {
                        if c != b' '
                            && let Some(q) = squashed.get_mut(s)
                        {
                            *q = c;
                            s = s.wrapping_add(1);
                        }
                    }
                }
            }
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
            let read = ideographs(
                rest, normalized, squashed, starts, &mut n, &mut s, t2s, t2s_bits,
            )?;
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
