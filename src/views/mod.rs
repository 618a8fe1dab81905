//! Typed views of single fields, one module each: the amount and its currency (4 and 49),
//! balances (54), the local date and time (12 and 13), and the masked card number (2). The EMV
//! view of field 55 is [`crate::emv`]. [`Diagnosis`](crate::Diagnosis) assembles them.

mod amount;
mod balance;
mod currency;
mod datetime;
mod pan;

pub use amount::Amount;
pub use balance::{Balance, Balances};
pub use currency::{CURRENCIES, Currency};
pub use datetime::LocalDateTime;
pub use pan::MaskedPan;

/// Serialises a value through its `Display`.
#[cfg(feature = "serde")]
pub(crate) struct AsStr<'t, T>(pub(crate) &'t T);

#[cfg(feature = "serde")]
impl<T: core::fmt::Display> serde::Serialize for AsStr<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}
