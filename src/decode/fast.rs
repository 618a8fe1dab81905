//! Word-at-a-time and vector-friendly checks, and the one-field fast path: for the common layouts
//! (fixed or ASCII/BCD/binary-prefixed fields whose content is text, raw bytes, ASCII digits, hex
//! text or BCD digits) `field_end` finds where a well-formed field ends and nothing else.
//! Anything unusual or wrong makes it answer `None`; the nom parser in `field.rs` then reads the
//! field again and either accepts it or says exactly what is wrong and where. The fast path never
//! accepts what the parser would reject (a test holds the two to the same answers). The digit and
//! hex checks also serve the fast walk's digit runs and hex fields (`walk.rs`).

use super::plan::{Check, Plan};
use super::primitives::{is_digit, is_hex};
use crate::dialect::PrefixEncoding;

/// End offset of the well-formed field that starts at `pos`, or `None`. Without `CHECK`, the
/// content is not looked at: only the length prefix must be well formed.
#[inline(always)]
pub(crate) fn field_end<const CHECK: bool>(input: &[u8], pos: usize, plan: &Plan) -> Option<usize> {
    let (start, len, wire) = if plan.prefix_len == 0 {
        (pos, usize::from(plan.max), plan.fixed as usize)
    } else {
        let len = prefix(input, pos, plan)?;
        if !plan.length_ok(len) {
            return None;
        }
        (
            pos.checked_add(usize::from(plan.prefix_len))?,
            len,
            plan.wire(len),
        )
    };
    let end = start.checked_add(wire)?;
    let value = input.get(start..end)?;
    if !CHECK {
        return Some(end);
    }
    let ok = match plan.check {
        Check::None => true,
        Check::Digits => all_digits(value),
        Check::Hex => all_hex(value),
        Check::BcdRight => bcd(value, len % 2 == 1, false),
        Check::BcdLeft => bcd(value, false, len % 2 == 1),
        Check::BcdTrackRight => bcd_track(value, len % 2 == 1, false),
        Check::BcdTrackLeft => bcd_track(value, false, len % 2 == 1),
        Check::EbcdicDigits => value.iter().all(|&b| crate::ebcdic::is_digit(b)),
        Check::General => false,
    };
    ok.then_some(end)
}

/// The value of the length prefix at `pos`.
#[inline(always)]
fn prefix(input: &[u8], pos: usize, plan: &Plan) -> Option<usize> {
    let bytes = input.get(pos..pos.checked_add(usize::from(plan.prefix_len))?)?;
    match plan.prefix {
        PrefixEncoding::Ascii => bytes.iter().try_fold(0usize, |n, &b| {
            let d = b.wrapping_sub(b'0');
            (d < 10).then(|| n.wrapping_mul(10).wrapping_add(usize::from(d)))
        }),
        PrefixEncoding::Bcd => bytes.iter().try_fold(0usize, |n, &b| {
            let (hi, lo) = (b >> 4, b & 0x0F);
            (hi < 10 && lo < 10).then(|| {
                n.wrapping_mul(100)
                    .wrapping_add(usize::from(hi).wrapping_mul(10))
                    .wrapping_add(usize::from(lo))
            })
        }),
        PrefixEncoding::Binary => Some(
            bytes
                .iter()
                .fold(0usize, |n, &b| n.wrapping_shl(8) | usize::from(b)),
        ),
        PrefixEncoding::Ebcdic => bytes.iter().try_fold(0usize, |n, &b| {
            let d = b.wrapping_sub(0xF0);
            (d < 10).then(|| n.wrapping_mul(10).wrapping_add(usize::from(d)))
        }),
    }
}

const LOW: u64 = 0x0F0F_0F0F_0F0F_0F0F;
const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
const THREES: u64 = 0x3030_3030_3030_3030;
const SIXES: u64 = 0x0606_0606_0606_0606;

/// Zero when every byte of the word is an ASCII digit: high nibbles all 3 (so no byte exceeds
/// 0x3F and adding 6 carries across none), and no low nibble above 9 (adding 6 would carry into
/// the high nibble). A byte that fails makes some bit of its high nibble non-zero; a carry out of
/// a failing byte can only add faults, never hide one.
#[inline(always)]
fn non_digits64(x: u64) -> u64 {
    ((x ^ THREES) | (x.wrapping_add(SIXES) ^ THREES)) & HIGH
}

#[inline(always)]
fn non_digits32(x: u32) -> u64 {
    non_digits64(u64::from(x) | (THREES << 32))
}

/// Whether every byte is an ASCII digit. Values under 16 bytes take two overlapping word loads
/// and no loop; longer ones go sixteen bytes at a time (see [`all_in_blocks`]).
#[inline(always)]
pub(crate) fn all_digits(value: &[u8]) -> bool {
    let w32 = |b: Option<&[u8; 4]>| b.map_or(HIGH, |b| non_digits32(u32::from_le_bytes(*b)));
    let w64 = |b: Option<&[u8; 8]>| b.map_or(HIGH, |b| non_digits64(u64::from_le_bytes(*b)));
    match value.len() {
        0..=3 => value.iter().all(|&b| is_digit(b)),
        4..=8 => w32(value.first_chunk()) | w32(value.last_chunk()) == 0,
        9..=15 => w64(value.first_chunk()) | w64(value.last_chunk()) == 0,
        _ => digits16(value),
    }
}

/// [`all_digits`] from 16 bytes on. Not inlined: inside a larger function the compiler no longer
/// makes vector code of the sixteen-byte test.
#[inline(never)]
fn digits16(value: &[u8]) -> bool {
    // Non-zero unless '0' to '9'.
    all_in_blocks::<16>(value, is_digit, |b| b.wrapping_sub(b'0').saturating_sub(9))
}

/// Whether every byte is a hex digit (either case).
#[inline(always)]
pub(crate) fn all_hex(value: &[u8]) -> bool {
    if value.len() < 16 {
        value.iter().all(|&b| is_hex(b))
    } else {
        hex16(value)
    }
}

/// [`all_hex`] from 16 bytes on (not inlined, as [`digits16`]).
#[inline(never)]
fn hex16(value: &[u8]) -> bool {
    // Non-zero unless '0' to '9', or 'a' to 'f' once upper case is folded to lower.
    all_in_blocks::<32>(value, is_hex, |b| {
        let digit = b.wrapping_sub(b'0').saturating_sub(9);
        let letter = (b | 0x20).wrapping_sub(b'a').saturating_sub(5);
        digit.min(letter)
    })
}

/// Whether every byte is good, where `fault` is zero for a good byte: `N` bytes at a time (the
/// last `N` overlapping), each block tested with no branch, so that the compiler makes a few
/// vector instructions of it (saturating subtractions and a minimum) and one test a block.
/// Values shorter than `N` (16 or 32) take two overlapping sixteens, or under 16 bytes, `ok` one
/// byte at a time.
#[inline(always)]
fn all_in_blocks<const N: usize>(
    value: &[u8],
    ok: impl Fn(u8) -> bool,
    fault: impl Fn(u8) -> u8 + Copy,
) -> bool {
    // Two sixteens cover every value shorter than N only up to N = 32.
    const { assert!(N == 16 || N == 32) };
    let faults16 = |block: &[u8; 16]| block.iter().fold(0u8, |f, &b| f | fault(b));
    let faults = |block: &[u8; N]| block.iter().fold(0u8, |f, &b| f | fault(b));
    let Some(last) = value.last_chunk::<N>() else {
        return match (value.first_chunk::<16>(), value.last_chunk::<16>()) {
            (Some(first), Some(last)) => faults16(first) | faults16(last) == 0,
            _ => value.iter().all(|&b| ok(b)),
        };
    };
    if faults(last) != 0 {
        return false;
    }
    let (blocks, _) = value.as_chunks::<N>();
    for block in blocks {
        if faults(block) != 0 {
            return false;
        }
    }
    true
}

const BYTE_TOPS: u64 = 0x8080_8080_8080_8080;

/// Whether every byte of the word is a hex digit (either case), with no branch: each byte's test
/// is an addition whose top bit says the answer, and no byte below 0x80 carries into the next.
#[inline(always)]
fn hex_word(x: u64) -> bool {
    let ones = 0x0101_0101_0101_0101u64;
    // Digits: x ^ 0x30 below 10. Letters: (x | 0x20) ^ 0x60 from 1 to 6.
    let t = x ^ THREES;
    let u = (x | (ones * 0x20)) ^ (ones * 0x60);
    let digit = !t.wrapping_add(ones * 0x76);
    let letter = u.wrapping_add(ones * 0x7F) & !u.wrapping_add(ones * 0x79);
    x & BYTE_TOPS == 0 && !(digit | letter) & BYTE_TOPS == 0
}

/// The value of 16 hex characters (either case), or `None` if there are not 16 or one is not a
/// hex digit: eight characters at a time, no table.
#[inline(always)]
pub(crate) fn hex_u64(text: &[u8]) -> Option<u64> {
    #[inline(always)]
    fn word(chunk: &[u8; 8]) -> u64 {
        let x = u64::from_le_bytes(*chunk);
        // Per byte: the low nibble, plus 9 for letters (bit 6 set).
        let letters = (x >> 6) & 0x0101_0101_0101_0101;
        let nibbles = (x & LOW).wrapping_add(letters.wrapping_mul(9));
        // Pairs of nibbles into bytes (first character high), then the four bytes together.
        let pairs =
            ((nibbles & 0x000F_000F_000F_000F) << 12 | (nibbles & 0x0F00_0F00_0F00_0F00)) >> 8;
        let pairs = (pairs | (pairs >> 8)) & 0x0000_FFFF_0000_FFFF;
        let packed = (pairs | (pairs >> 16)) as u32;
        // The first character pair sits in the lowest byte: swap into big-endian order.
        u64::from(packed.swap_bytes())
    }
    let (first, rest) = text.split_first_chunk::<8>()?;
    let second = rest.first_chunk::<8>()?;
    let valid = |chunk: &[u8; 8]| hex_word(u64::from_le_bytes(*chunk));
    (rest.len() == 8 && valid(first) && valid(second)).then(|| word(first) << 32 | word(second))
}

/// Whether every nibble of `value` is a BCD digit, eight bytes at a time.
#[inline(always)]
fn all_bcd(value: &[u8]) -> bool {
    let mut chunks = value.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            return false;
        };
        let x = u64::from_le_bytes(word);
        // A nibble above 9 carries into the next nibble when 6 is added.
        let lo = (x & LOW).wrapping_add(SIXES);
        let hi = (x.wrapping_shr(4) & LOW).wrapping_add(SIXES);
        if (lo | hi) & HIGH != 0 {
            return false;
        }
    }
    chunks
        .remainder()
        .iter()
        .all(|&b| b >> 4 < 10 && b & 0x0F < 10)
}

/// BCD track data: every nibble a digit, the separator D or the filler F; the pad nibble of an
/// odd count (first or last) 0 or F.
#[inline(always)]
fn bcd_track(value: &[u8], pad_first: bool, pad_last: bool) -> bool {
    // Bit n set for the nibbles that cannot be in track data: A, B, C and E.
    const BAD: u16 = 1 << 0xA | 1 << 0xB | 1 << 0xC | 1 << 0xE;
    const NOT_PAD: u16 = !(1 << 0x0 | 1 << 0xF);
    let pad_ok = match (pad_first, pad_last, value.first(), value.last()) {
        (true, _, Some(&b), _) => NOT_PAD >> (b >> 4) & 1 == 0,
        (_, true, _, Some(&b)) => NOT_PAD >> (b & 0x0F) & 1 == 0,
        _ => true,
    };
    pad_ok
        && value
            .iter()
            .all(|&b| BAD >> (b >> 4) & 1 == 0 && BAD >> (b & 0x0F) & 1 == 0)
}

/// Whether every byte holds two BCD digits (no pad), for the fast walk's BCD runs.
#[inline(always)]
pub(crate) fn all_bcd_digits(value: &[u8]) -> bool {
    all_bcd(value)
}

/// BCD digits with a pad nibble (0 or F) first or last when the digit count is odd.
#[inline(always)]
fn bcd(value: &[u8], pad_first: bool, pad_last: bool) -> bool {
    let pad = |n: u8| n == 0 || n == 0x0F;
    let mut rest = value;
    if pad_first {
        let Some((&first, tail)) = rest.split_first() else {
            return true;
        };
        if !pad(first >> 4) || first & 0x0F > 9 {
            return false;
        }
        rest = tail;
    }
    if pad_last {
        let Some((&last, head)) = rest.split_last() else {
            return true;
        };
        if !pad(last & 0x0F) || last >> 4 > 9 {
            return false;
        }
        rest = head;
    }
    all_bcd(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_checks_agree_with_byte_checks() {
        for b in 0..=255u8 {
            let v = [b'1', b'2', b'3', b'4', b'5', b'6', b'7', b, b'9'];
            assert_eq!(all_digits(&v), b.is_ascii_digit(), "{b:#x}");
            let mut w = [b'0'; 9];
            w[0] = b;
            assert_eq!(all_digits(&w), b.is_ascii_digit(), "{b:#x}");
            let h = [b'a', b'F', b'0', b, b'9', b'c', b'D', b'e'];
            assert_eq!(all_hex(&h), b.is_ascii_hexdigit(), "{b:#x}");
            let bcd_ok = b >> 4 < 10 && b & 0x0F < 10;
            let v = [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, b, 0x34, 0x56];
            assert_eq!(all_bcd(&v), bcd_ok, "{b:#x}");
            let v = [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x33, 0x34, b];
            assert_eq!(all_bcd(&v), bcd_ok, "{b:#x}");
        }
    }

    #[test]
    fn hex_u64_matches_a_plain_parse() {
        let digits = b"0123456789abcdefABCDEF";
        let mut seed = 0x1234_5678_9abc_def0u64;
        for _ in 0..2000 {
            let mut text = [0u8; 16];
            for c in &mut text {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                *c = digits[(seed >> 33) as usize % digits.len()];
            }
            let plain = u64::from_str_radix(core::str::from_utf8(&text).unwrap(), 16).unwrap();
            assert_eq!(hex_u64(&text), Some(plain));
        }
        assert_eq!(hex_u64(b"0123"), None);
        assert_eq!(hex_u64(b"0123456789abcdef0"), None);
        for b in 0..=255u8 {
            for at in 0..16 {
                let mut text = *b"0123456789abcdef";
                text[at] = b;
                let expected = u64::from_str_radix(core::str::from_utf8(&text).unwrap_or("x"), 16);
                let expected = expected.ok().filter(|_| b.is_ascii_hexdigit());
                assert_eq!(hex_u64(&text), expected, "{b:#x} at {at}");
            }
        }
    }

    /// Every length from 0 to 70 and every position of one bad byte: the short word paths, the
    /// sixteen-byte chunks and the overlapping last chunk.
    #[test]
    fn runs_of_every_length() {
        for len in 0..=70usize {
            let digits: alloc::vec::Vec<u8> = (0..len).map(|i| b'0' + (i % 10) as u8).collect();
            let hex: alloc::vec::Vec<u8> = (0..len).map(|i| b"09afAF5c"[i % 8]).collect();
            assert!(all_digits(&digits), "{len}");
            assert!(all_hex(&hex), "{len}");
            for at in 0..len {
                for bad in [b'/', b':', b'g', b'G', b'@', b'`', 0x80, 0xB0, 0xFF, 0x00] {
                    let mut d = digits.clone();
                    d[at] = bad;
                    assert!(!all_digits(&d), "{len} {at} {bad:#x}");
                    let mut h = hex.clone();
                    h[at] = bad;
                    assert!(!all_hex(&h), "{len} {at} {bad:#x}");
                }
                let mut d = digits.clone();
                d[at] = b'a';
                assert!(!all_digits(&d), "{len} {at}");
            }
        }
    }

    #[test]
    fn pad_nibbles() {
        assert!(bcd(&[0x01, 0x23], true, false));
        assert!(bcd(&[0xF1, 0x23], true, false));
        assert!(!bcd(&[0x41, 0x23], true, false));
        assert!(bcd(&[0x12, 0x30], false, true));
        assert!(bcd(&[0x12, 0x3F], false, true));
        assert!(!bcd(&[0x12, 0x34], false, true));
        assert!(!bcd(&[0x1A, 0x30], false, true));
    }
}

#[cfg(test)]
mod agreement {
    use super::field_end;
    use crate::decode::field::field;
    use crate::dialect::BUILT_IN;

    /// Wherever the fast path accepts a field, the parser accepts it with the same end; where
    /// the parser accepts one of the layouts the fast path handles, so does the fast path.
    #[test]
    fn fast_path_agrees_with_the_parser() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet = b"0123456789ABCDEFabcdef=D \x00\xff\x12\x3f\x0f\xf0";
        let mut checked = 0;
        for (_, dialect) in BUILT_IN {
            for n in 2..=128u8 {
                let Some(spec) = dialect.field(n) else {
                    continue;
                };
                let plan = dialect.plan(usize::from(n));
                for _ in 0..300 {
                    let len = (next() % 40) as usize;
                    let mut input: [u8; 48] = [0; 48];
                    let mode = next() % 3;
                    for (i, b) in input.iter_mut().enumerate() {
                        let r = next();
                        *b = match mode {
                            // Plausible: digits, and a plausible prefix at the front.
                            0 if i < usize::from(plan.prefix_len) => b'0' + (r % 2) as u8,
                            0 => b'0' + (r % 10) as u8,
                            1 => alphabet[(r % alphabet.len() as u64) as usize],
                            _ => r as u8,
                        };
                    }
                    let input = &input[..len.max(usize::from(plan.prefix_len))];
                    let fast = field_end::<true>(input, 0, &plan);
                    let slow = field(input, spec, plan).map(|(rest, _)| input.len() - rest.len());
                    if let Some(end) = fast {
                        assert_eq!(
                            slow,
                            Ok(end),
                            "field {n} of {}: {input:02X?}",
                            dialect.name()
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000);
    }
}
