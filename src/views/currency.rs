//! ISO 4217 currencies: numeric and alphabetic codes and minor units.

/// An ISO 4217 currency: numeric code, alphabetic code, minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Currency {
    /// The numeric code, e.g. 156.
    pub numeric: u16,
    /// The alphabetic code, e.g. `CNY`.
    pub alpha: &'static str,
    /// Digits after the decimal point.
    pub exponent: u8,
}

include!(concat!(env!("OUT_DIR"), "/currencies.rs"));

impl Currency {
    /// The currency with this numeric code.
    ///
    /// ```
    /// use iso8583_response::Currency;
    /// let yen = Currency::from_numeric(392).unwrap();
    /// assert_eq!((yen.alpha, yen.exponent), ("JPY", 0));
    /// assert_eq!(Currency::from_numeric(48).unwrap().exponent, 3); // BHD
    /// ```
    pub fn from_numeric(numeric: u16) -> Option<Currency> {
        CURRENCIES
            .binary_search_by_key(&numeric, |c| c.numeric)
            .ok()
            .and_then(|i| CURRENCIES.get(i))
            .copied()
    }

    /// The currency with this alphabetic code.
    pub fn from_alpha(alpha: &str) -> Option<Currency> {
        CURRENCIES.iter().copied().find(|c| c.alpha == alpha)
    }

    /// The currency a field 49 value names: three digits, or an alphabetic code.
    pub fn from_code(code: &str) -> Option<Currency> {
        match code.as_bytes() {
            [a, b, c] if code.bytes().all(|d| d.is_ascii_digit()) => {
                let digit = |d: &u8| u16::from(d.wrapping_sub(b'0'));
                Currency::from_numeric(
                    digit(a)
                        .wrapping_mul(100)
                        .wrapping_add(digit(b).wrapping_mul(10))
                        .wrapping_add(digit(c)),
                )
            }
            _ => Currency::from_alpha(code),
        }
    }
}
