//! The card number (field 2), masked in every printed form.

use core::fmt;

use crate::message::Field;

/// A card number that prints masked (first 6 and last 4 digits) in every form.
#[derive(Clone, Copy)]
pub struct MaskedPan<'a>(pub(crate) Field<'a>);

impl fmt::Display for MaskedPan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The characters whatever the encoding, as the field's own Display reads them.
        crate::mask::write_pan(f, self.0.ascii())
    }
}

impl fmt::Debug for MaskedPan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MaskedPan(\"{self}\")")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for MaskedPan<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
