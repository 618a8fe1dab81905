//! The local transaction date and time (fields 12 and 13).

use core::fmt;

use crate::dialect::Standard;
use crate::message::{Field, Message};

/// A local transaction date and time from fields 12 and 13 (1987: `hhmmss` and `MMDD`;
/// 1993: `YYMMDDhhmmss` in field 12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct LocalDateTime {
    /// Two-digit year, when the message carries it.
    pub year: Option<u8>,
    /// Month and day, when the message carries them.
    pub month_day: Option<(u8, u8)>,
    /// Hours, minutes, seconds, when the message carries them.
    pub time: Option<(u8, u8, u8)>,
}

impl LocalDateTime {
    /// The local date and time a message carries: `hhmmss` in field 12 and `MMDD` in 13 under
    /// ISO 8583:1987, `YYMMDDhhmmss` in field 12 under 1993.
    pub fn from_message(message: &Message<'_>) -> Option<LocalDateTime> {
        match message.dialect().standard() {
            Standard::Iso1993 => {
                message
                    .field(12)
                    .and_then(|f| pairs::<6>(&f))
                    .map(|[y, mo, d, h, mi, s]| LocalDateTime {
                        year: Some(y),
                        month_day: Some((mo, d)),
                        time: Some((h, mi, s)),
                    })
            }
            _ => {
                let time = message
                    .field(12)
                    .and_then(|f| pairs::<3>(&f))
                    .map(|[h, m, s]| (h, m, s));
                let month_day = message
                    .field(13)
                    .and_then(|f| pairs::<2>(&f))
                    .map(|[m, d]| (m, d));
                (time.is_some() || month_day.is_some()).then_some(LocalDateTime {
                    year: None,
                    month_day,
                    time,
                })
            }
        }
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some((m, d)) = self.month_day {
            if let Some(y) = self.year {
                // Two-digit years: 00-49 are 20xx, 50-99 are 19xx.
                let century = if y < 50 { 20 } else { 19 };
                write!(f, "{century}{y:02}-")?;
            }
            write!(f, "{m:02}-{d:02}")?;
            sep = " ";
        }
        if let Some((h, mi, s)) = self.time {
            write!(f, "{sep}{h:02}:{mi:02}:{s:02}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for LocalDateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Up to 12 decimal digits of a field, as numbers in pairs.
fn pairs<const N: usize>(field: &Field<'_>) -> Option<[u8; N]> {
    let mut digits = field.digits()?;
    if digits.len() != N.checked_mul(2)? {
        return None;
    }
    let mut out = [0u8; N];
    for slot in &mut out {
        let hi = digits.next()?.checked_sub(b'0').filter(|d| *d <= 9)?;
        let lo = digits.next()?.checked_sub(b'0').filter(|d| *d <= 9)?;
        *slot = hi.checked_mul(10)?.checked_add(lo)?;
    }
    Some(out)
}
