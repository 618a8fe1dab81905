//! An amount in minor units with its currency (fields 4 and 49, and the amounts of field 54).

use core::fmt;

#[cfg(feature = "serde")]
use super::AsStr;
use super::Currency;
use crate::message::Field;

/// An amount in minor units with its currency code as sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Amount {
    /// The amount in minor units (cents, fen).
    pub minor: u64,
    /// The currency, if the crate knows its code.
    pub currency: Option<Currency>,
    /// The currency code as sent (three characters), if any.
    code: [u8; 3],
}

impl Amount {
    /// An amount of `minor` units in the currency `code` names (`840`, `USD`, …).
    pub fn new(minor: u64, code: &str) -> Amount {
        let mut bytes = [b' '; 3];
        for (b, c) in bytes.iter_mut().zip(code.bytes()) {
            *b = c;
        }
        Amount {
            minor,
            currency: Currency::from_code(code),
            code: bytes,
        }
    }

    /// The amount of an amount field (digits, any encoding) in the currency a currency field
    /// names (`None` if the amount is not all digits or does not fit in a `u64`).
    pub fn from_fields(amount: &Field<'_>, currency: Option<&Field<'_>>) -> Option<Amount> {
        let mut minor = 0u64;
        for d in amount.digits()? {
            let d = d.checked_sub(b'0').filter(|d| *d <= 9)?;
            minor = minor.checked_mul(10)?.checked_add(u64::from(d))?;
        }
        // The code's characters whatever the encoding (ASCII, BCD digits, EBCDIC).
        let mut code = [b' '; 3];
        if let Some(c) = currency {
            for (slot, ch) in code.iter_mut().zip(c.ascii()) {
                *slot = ch;
            }
        }
        let code = core::str::from_utf8(&code).unwrap_or_default();
        Some(Amount::new(minor, code.trim()))
    }

    /// The currency code as sent.
    pub fn code(&self) -> &str {
        core::str::from_utf8(&self.code).unwrap_or("").trim_end()
    }
}

/// With a known currency: `125.50 USD`; otherwise the minor units and the code as sent.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.currency {
            Some(c) if c.exponent > 0 => {
                let scale = 10u64.saturating_pow(u32::from(c.exponent));
                let whole = self.minor.checked_div(scale).unwrap_or(0);
                let part = self.minor.checked_rem(scale).unwrap_or(0);
                write!(
                    f,
                    "{whole}.{part:0width$} {}",
                    c.alpha,
                    width = usize::from(c.exponent)
                )
            }
            Some(c) => write!(f, "{} {}", self.minor, c.alpha),
            None if self.code().is_empty() => {
                write!(f, "{} (minor units, no currency)", self.minor)
            }
            None => write!(f, "{} (minor units, currency {})", self.minor, self.code()),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Amount", 4)?;
        st.serialize_field("minor", &self.minor)?;
        st.serialize_field("currency", self.code())?;
        st.serialize_field("exponent", &self.currency.map(|c| c.exponent))?;
        st.serialize_field("display", &AsStr(self))?;
        st.end()
    }
}
