//! The field loop: every field the bitmaps announce, in ascending order, each ending where the
//! next begins. Two walks share the job.
//!
//! - [`fast`] takes well-formed messages in the usual layouts. It goes a bitmap byte (eight
//!   fields) at a time: the fixed-length fields of a group cost one look-up in the dialect's
//!   group sums; ASCII length prefixes are read without checking; and the bytes that must be
//!   ASCII digits (numeric values, ASCII prefixes) are gathered into runs of adjacent bytes and
//!   checked sixteen at a time when a run ends, not field by field. Any doubt, and it gives up.
//! - [`exact`] reads every field and checks it before the next, so that the first fault found
//!   is the first in the message, named with its field and offset. It runs when [`fast`] gives
//!   up, from the first field again: a run checked late may hold a fault earlier than the one
//!   that stopped the walk.
//!
//! Both record where each group of eight fields ends in the message's table; `exact` overwrites
//! whatever `fast` left there.

use super::fail_at;
use super::fast::all_bcd_digits;
use super::fast::{all_digits, all_hex, field_end};
use super::field;
use super::plan::{Check, GroupWalker, Plan, SUM_DIGITS, Step, group_end};
use crate::dialect::Dialect;
use crate::error::{DecodeError, ErrorKind, Location};
use crate::message::Bitmap;

/// Bytes `start..end` of the input that must all be ASCII digits (or, with `BCD`, all BCD
/// digits), not yet checked.
struct Run<const BCD: bool> {
    start: usize,
    end: usize,
}

/// The two runs of the fast walk: ASCII digits and BCD digits.
struct Runs {
    digits: Run<false>,
    bcd: Run<true>,
}

impl Runs {
    /// Empty runs at `at`.
    fn at(at: usize) -> Runs {
        Runs {
            digits: Run { start: at, end: at },
            bcd: Run { start: at, end: at },
        }
    }

    /// Whether both runs are good (an empty run costs no call).
    #[inline(always)]
    fn check(&self, input: &[u8]) -> Option<()> {
        if self.digits.start != self.digits.end {
            self.digits.check(input)?;
        }
        if self.bcd.start != self.bcd.end {
            self.bcd.check(input)?;
        }
        Some(())
    }
}

impl<const BCD: bool> Run<BCD> {
    /// Adds `start..end`: it extends the run if adjacent, else the run is checked and replaced.
    #[inline(always)]
    fn add(&mut self, input: &[u8], start: usize, end: usize) -> Option<()> {
        if start != self.end {
            self.check(input)?;
            self.start = start;
        }
        self.end = end;
        Some(())
    }

    /// Whether the run lies inside the input and holds only digits.
    #[inline(never)]
    fn check(&self, input: &[u8]) -> Option<()> {
        let run = input.get(self.start..self.end)?;
        if BCD {
            all_bcd_digits(run).then_some(())
        } else {
            all_digits(run).then_some(())
        }
    }
}

/// End of the field at `at` with an `N`-digit ASCII length prefix and a byte-for-byte value of
/// at most `max` bytes. With `CHECK` the prefix is not checked here: a non-digit gives some
/// other number, and the run holding the prefix rejects it later; without, it is checked now
/// (there is no run). Reads no byte outside the input.
#[inline(always)]
fn prefixed<const N: usize, const CHECK: bool>(input: &[u8], at: usize, max: u16) -> Option<usize> {
    let len = if CHECK {
        unchecked_length::<N>(input, at)?
    } else {
        checked_length::<N>(input, at)?
    };
    (len <= usize::from(max)).then(|| at.wrapping_add(N).wrapping_add(len))
}

/// The value of the `N` ASCII digits at `at`, or `None` if one is not a digit.
#[inline(always)]
fn checked_length<const N: usize>(input: &[u8], at: usize) -> Option<usize> {
    let digits = input.get(at..)?.first_chunk::<N>()?;
    let mut n = 0usize;
    let mut worst = 0u8;
    for &b in digits {
        let d = b.wrapping_sub(b'0');
        worst = worst.max(d);
        n = n.wrapping_mul(10).wrapping_add(usize::from(d));
    }
    (worst < 10).then_some(n)
}

/// The value of the `N` ASCII digits at `at`, not checked (see [`prefixed`]).
#[inline(always)]
fn unchecked_length<const N: usize>(input: &[u8], at: usize) -> Option<usize> {
    let digits = input.get(at..)?.first_chunk::<N>()?;
    Some(digits.iter().fold(0usize, |n, &b| {
        n.wrapping_mul(10)
            .wrapping_add(usize::from(b.wrapping_sub(b'0')))
    }))
}

/// The fast walk from `at` (the first data byte): `Some(())` when every field is well formed and
/// the last ends exactly at the end of the input; `None` for anything else, with no promise about
/// what has been written to `ends`.
///
/// It goes a group of eight fields (one bitmap byte) at a time, the sixteen groups unrolled so
/// that each knows its place in the tables. When the group's fixed-length fields are all text,
/// or all digits, one look-up in the dialect's group sums gives their total length (the digits
/// join the run), and a single field of another kind standing first or last is walked on its
/// own; other groups go field by field.
///
/// Not inlined: on its own it keeps its state in registers.
#[inline(never)]
pub(super) fn fast<const CHECK: bool>(
    input: &[u8],
    dialect: &Dialect,
    present: u128,
    at: usize,
    ends: &mut [u16; 16],
) -> Option<()> {
    let sums = dialect.sums();
    let mut w = Walk {
        input,
        dialect,
        at,
        runs: Runs::at(at),
    };
    // Field 1 announces the secondary bitmap; it is not a data field.
    let data = present & !(1u128 << 127);
    let (high, low) = ((data >> 64) as u64, data as u64);
    // One call per group, with its number as a constant: group g is byte g % 8 of its word,
    // counted from the most significant.
    macro_rules! groups {
        ($word:expr, $($g:literal)*) => {
            $( w.group::<CHECK>(sums, ends, $g, ($word >> (56 - 8 * ($g % 8))) as u8)?; )*
        };
    }
    groups!(high, 0 1 2 3 4 5 6 7);
    if low != 0 {
        groups!(low, 8 9 10 11 12 13 14 15);
    }
    if CHECK {
        w.runs.check(input)?;
    }
    (w.at == input.len()).then_some(())
}

/// The fast walk's state.
struct Walk<'a> {
    input: &'a [u8],
    dialect: &'a Dialect,
    at: usize,
    runs: Runs,
}

impl Walk<'_> {
    /// The fields of group `g` that `byte` announces (see [`group_end`]); records where the
    /// group ends.
    #[inline(always)]
    fn group<const CHECK: bool>(
        &mut self,
        sums: &[[u16; 256]; 16],
        ends: &mut [u16; 16],
        g: usize,
        byte: u8,
    ) -> Option<()> {
        if byte == 0 {
            return Some(());
        }
        let from = self.at;
        let at = group_end(&mut Fields::<CHECK>(self), sums, g, byte, from)?;
        self.at = at;
        if let Some(slot) = ends.get_mut(g) {
            *slot = at as u16;
        }
        Some(())
    }
}

/// The fast walk as a [`GroupWalker`], content checked with `CHECK`.
struct Fields<'w, 'a, const CHECK: bool>(&'w mut Walk<'a>);

impl<const CHECK: bool> GroupWalker for Fields<'_, '_, CHECK> {
    /// Field `n`. Not inlined, as the group loop is unrolled.
    #[inline(never)]
    fn one(&mut self, n: usize, at: usize) -> Option<usize> {
        let w = &mut *self.0;
        let plan = w.dialect.plans().get(n)?;
        step::<CHECK>(w.input, w.dialect, plan, n, at, &mut w.runs)
    }

    #[inline(always)]
    fn fixed(&mut self, start: usize, end: usize, sum: u16) -> Option<()> {
        if !CHECK {
            return Some(());
        }
        let w = &mut *self.0;
        if sum & SUM_DIGITS != 0 {
            w.runs.digits.add(w.input, start, end)
        } else {
            w.runs.bcd.add(w.input, start, end)
        }
    }

    /// One field at a time (not inlined, as [`GroupWalker::one`]).
    #[inline(never)]
    fn each(&mut self, first: usize, byte: u8, at: usize) -> Option<usize> {
        let w = &mut *self.0;
        let mut bits = byte;
        let mut at = at;
        while bits != 0 {
            let z = bits.leading_zeros() & 7;
            bits ^= 0x80 >> z;
            let n = first.wrapping_add(z as usize);
            let plan = w.dialect.plans().get(n)?;
            at = step::<CHECK>(w.input, w.dialect, plan, n, at, &mut w.runs)?;
        }
        Some(at)
    }
}

/// One field of the fast walk, at `at`: where it ends, its digits added to the run. Without
/// `CHECK`, only what finds the field's end is checked (its ASCII length prefix), not its
/// content.
#[inline(always)]
fn step<const CHECK: bool>(
    input: &[u8],
    dialect: &Dialect,
    plan: &Plan,
    n: usize,
    at: usize,
    runs: &mut Runs,
) -> Option<usize> {
    let end = match plan.step {
        Step::Fixed | Step::FixedDigits => at.wrapping_add(plan.fixed as usize),
        Step::FixedBcd | Step::FixedBcdPadFirst | Step::FixedBcdPadLast => {
            let end = at.wrapping_add(plan.fixed as usize);
            if CHECK {
                // The pad nibble is 0 or F. A 0 passes as a digit of the run (but another
                // digit must not); with an F, the byte holding it is checked here and the
                // run takes the others.
                let (mut from, mut to) = (at, end);
                match plan.step {
                    Step::FixedBcdPadFirst => {
                        let b = *input.get(at)?;
                        match b >> 4 {
                            0 => {}
                            0x0F if b & 0x0F <= 9 => from = at.wrapping_add(1),
                            _ => return None,
                        }
                    }
                    Step::FixedBcdPadLast => {
                        let b = *input.get(end.wrapping_sub(1))?;
                        match b & 0x0F {
                            0 => {}
                            0x0F if b >> 4 <= 9 => to = end.wrapping_sub(1),
                            _ => return None,
                        }
                    }
                    _ => {}
                }
                runs.bcd.add(input, from, to)?;
            }
            return Some(end);
        }
        Step::BcdPrefixed | Step::BcdPrefixedBcd => {
            return bcd_prefixed::<CHECK>(input, at, plan, runs);
        }
        Step::Ll | Step::LlDigits => prefixed::<2, CHECK>(input, at, plan.max)?,
        Step::Lll | Step::LllDigits => prefixed::<3, CHECK>(input, at, plan.max)?,
        Step::LlHex => hex_text::<2, CHECK>(input, at, plan)?,
        Step::LllHex => hex_text::<3, CHECK>(input, at, plan)?,
        Step::Other if CHECK => return other(input, at, n, dialect, plan).ok(),
        Step::Other => return bounds(input, at, n, dialect, plan).ok(),
    };
    if !CHECK {
        // Prefixes are checked where they are read: no run.
        return Some(end);
    }
    // The digits checked later: the whole field, or its ASCII prefix (none for fixed text).
    let digits_end = match plan.step {
        Step::FixedDigits | Step::LlDigits | Step::LllDigits => end,
        _ => at.wrapping_add(usize::from(plan.prefix_len)),
    };
    if digits_end != at {
        runs.digits.add(input, at, digits_end)?;
    }
    Some(end)
}

/// End of a field at `at` with a BCD length prefix of one or two bytes (checked here): text or
/// raw bytes, or BCD digits that join the BCD run (with `CHECK`), the pad nibble of an odd
/// count, first or last as the alignment says, 0 or F.
#[inline(never)]
fn bcd_prefixed<const CHECK: bool>(
    input: &[u8],
    at: usize,
    plan: &Plan,
    runs: &mut Runs,
) -> Option<usize> {
    let size = usize::from(plan.prefix_len);
    let mut len = 0usize;
    for &b in input.get(at..at.wrapping_add(size))? {
        let (hi, lo) = (b >> 4, b & 0x0F);
        if hi > 9 || lo > 9 {
            return None;
        }
        len = len
            .wrapping_mul(100)
            .wrapping_add(usize::from(hi).wrapping_mul(10))
            .wrapping_add(usize::from(lo));
    }
    if len > usize::from(plan.max) {
        return None;
    }
    let start = at.wrapping_add(size);
    let end = start.wrapping_add(plan.wire(len));
    let value = input.get(start..end)?;
    if !CHECK || plan.step != Step::BcdPrefixedBcd {
        return Some(end);
    }
    let (mut from, mut to) = (start, end);
    if len % 2 == 1 {
        let left = plan.check == Check::BcdLeft;
        let b = if left {
            *value.last()?
        } else {
            *value.first()?
        };
        let (pad, digit) = if left {
            (b & 0x0F, b >> 4)
        } else {
            (b >> 4, b & 0x0F)
        };
        match pad {
            0 => {}
            0x0F if digit <= 9 => {
                if left {
                    to = end.wrapping_sub(1);
                } else {
                    from = start.wrapping_add(1);
                }
            }
            _ => return None,
        }
    }
    runs.bcd.add(input, from, to)?;
    Some(end)
}

/// End of a field of hex text at `at` after an `N`-digit ASCII length prefix (not checked here:
/// it joins the digit run). The length counts characters (and must be even) or bytes (two
/// characters each); the text is checked now.
#[inline(never)]
fn hex_text<const N: usize, const CHECK: bool>(
    input: &[u8],
    at: usize,
    plan: &Plan,
) -> Option<usize> {
    let len = if CHECK {
        unchecked_length::<N>(input, at)?
    } else {
        checked_length::<N>(input, at)?
    };
    if !plan.length_ok(len) {
        return None;
    }
    let start = at.wrapping_add(N);
    let end = start.wrapping_add(plan.wire(len));
    let value = input.get(start..end)?;
    (!CHECK || all_hex(value)).then_some(end)
}

/// End of a field in a layout the fast walk has no short cut for: the word-at-a-time checks,
/// else the parser, which accepts what they leave to it or says what is wrong.
#[inline(never)]
fn other(
    input: &[u8],
    at: usize,
    n: usize,
    dialect: &Dialect,
    plan: &Plan,
) -> Result<usize, DecodeError> {
    match read::<true>(input, at, n, dialect, plan)? {
        (end, None) => Ok(end),
        (_, Some(fault)) => Err(fault),
    }
}

/// End of a field in a layout the fast walk has no short cut for, its content not checked.
#[inline(never)]
fn bounds(
    input: &[u8],
    at: usize,
    n: usize,
    dialect: &Dialect,
    plan: &Plan,
) -> Result<usize, DecodeError> {
    read::<false>(input, at, n, dialect, plan).map(|(end, _)| end)
}

/// Field `n` at `at`: where it ends, or the boundary fault that hides its end; and, with
/// `CHECK`, the first content fault, if any.
#[inline(always)]
fn read<const CHECK: bool>(
    input: &[u8],
    at: usize,
    n: usize,
    dialect: &Dialect,
    plan: &Plan,
) -> Result<(usize, Option<DecodeError>), DecodeError> {
    if let Some(end) = field_end::<CHECK>(input, at, plan) {
        return Ok((end, None));
    }
    let location = Location::Field(n as u8);
    let Some(spec) = dialect.field(n as u8) else {
        // Bits without a spec are rejected before the walk; an empty field is harmless.
        return Ok((at, None));
    };
    let Some(here) = input.get(at..) else {
        // Past the end: the fast walk adds fixed lengths without looking, so an earlier field
        // was cut short. Never a field here (a zero-length one would "end" at the input's
        // end, moving the cursor back); the exact walk names the field that was cut.
        return Err(DecodeError::new(
            location,
            input.len(),
            ErrorKind::Truncated {
                needed: at.saturating_sub(input.len()),
                available: 0,
            },
        ));
    };
    let (after, (value, len)) =
        field::bounds(here, spec, *plan).map_err(|e| fail_at(input.len(), location, e))?;
    let end = input.len().saturating_sub(after.len());
    if !CHECK {
        return Ok((end, None));
    }
    let fault = field::check_field(value, spec, len, n as u8)
        .err()
        .map(|(index, kind)| {
            let value_at = end.saturating_sub(value.len());
            DecodeError::new(location, value_at.saturating_add(index), kind)
        });
    Ok((end, fault))
}

/// What the exact walk holds against a message.
#[derive(Clone, Copy)]
pub(super) struct Rules {
    /// Content is checked, and a fault in it stops the walk (else content is not looked at:
    /// [`Message::anomalies`](crate::Message::anomalies) finds its faults when asked).
    pub(super) strict: bool,
    /// A length header counts the input, so bytes after the last field are an anomaly, not a
    /// boundary fault (unless `strict`).
    pub(super) framed: bool,
}

/// Why the exact walk stopped, and what it had read by then.
pub(super) struct Stop {
    pub(super) error: DecodeError,
    /// The fields read whole (and bit 1 for the secondary bitmap), and those of the tertiary
    /// bitmap (129 to 192).
    pub(super) read: (u128, u64),
}

/// The exact walk from `at`: reads each field before the next, so the error returned is the
/// first fault in the message: the first of any kind with `rules.strict`, else the first
/// boundary fault.
pub(super) fn exact(
    input: &[u8],
    dialect: &Dialect,
    (present, tertiary): (u128, u64),
    mut at: usize,
    ends: &mut [u16; 16],
    rules: Rules,
) -> Result<(), Stop> {
    let mut read_so_far = (present & (1u128 << 127), 0u64);
    // Fields 2 to 128, then 129 to 192.
    let main = Bitmap::from_bits(present).numbers();
    let more = crate::dialect::tertiary_numbers(tertiary);
    for n in main.chain(more) {
        let stop = |error| Stop {
            error,
            read: read_so_far,
        };
        let number = usize::from(n);
        let plan = &dialect.plan(number);
        let (end, fault) = if rules.strict {
            read::<true>(input, at, number, dialect, plan)
        } else {
            read::<false>(input, at, number, dialect, plan)
        }
        .map_err(stop)?;
        if let Some(fault) = fault {
            return Err(stop(fault));
        }
        at = end;
        if n > 128 {
            read_so_far.1 |= crate::dialect::tertiary_bit(n);
            continue;
        }
        read_so_far.0 |= crate::dialect::bit(n);
        // The input is at most u16::MAX bytes long (checked before the walk); the last field
        // recorded in a group of eight is where the group ends.
        if let Some(slot) = ends.get_mut((number.wrapping_sub(1) >> 3) & 15) {
            *slot = at as u16;
        }
    }
    match input.get(at..) {
        // Trailing bytes stop the walk unless a length header counts them and content faults
        // are tolerated (then they are an anomaly).
        Some(rest) if !rest.is_empty() && (!rules.framed || rules.strict) => Err(Stop {
            error: DecodeError::new(
                Location::End,
                at,
                ErrorKind::TrailingBytes { count: rest.len() },
            ),
            read: read_so_far,
        }),
        _ => Ok(()),
    }
}
