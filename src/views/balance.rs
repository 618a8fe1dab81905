//! Field 54, additional amounts: balances after a funds decline.

use core::fmt;

use super::Amount;
#[cfg(feature = "serde")]
use super::AsStr;
use crate::codes::Text;

/// One entry of field 54, additional amounts: 20 characters of account type, amount type,
/// currency, sign and a 12-digit amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Balance {
    /// Account type (positions 1–2), e.g. 10 savings, 20 cheque, 30 credit.
    pub account_type: u8,
    /// Amount type (positions 3–4), e.g. 01 ledger balance, 02 available balance.
    pub amount_type: u8,
    /// The amount, negative balances marked by `debit`.
    pub amount: Amount,
    /// `true` for a `D` (debit, negative) sign.
    pub debit: bool,
}

impl Balance {
    /// A name for the amount type.
    pub fn amount_type_name(&self) -> Text {
        match self.amount_type {
            1 => Text {
                en: "ledger balance",
                zh: "账面余额",
            },
            2 => Text {
                en: "available balance",
                zh: "可用余额",
            },
            3 => Text {
                en: "amount owing",
                zh: "欠款金额",
            },
            4 => Text {
                en: "amount due",
                zh: "应还金额",
            },
            20 => Text {
                en: "remaining this cycle",
                zh: "本期剩余额度",
            },
            40 => Text {
                en: "cash amount",
                zh: "现金金额",
            },
            _ => Text {
                en: "amount",
                zh: "金额",
            },
        }
    }

    /// A name for the account type.
    pub fn account_type_name(&self) -> Text {
        match self.account_type {
            0 => Text {
                en: "default account",
                zh: "默认账户",
            },
            10 => Text {
                en: "savings",
                zh: "储蓄账户",
            },
            20 => Text {
                en: "cheque",
                zh: "支票账户",
            },
            30 => Text {
                en: "credit",
                zh: "信用账户",
            },
            _ => Text {
                en: "account",
                zh: "账户",
            },
        }
    }
}

impl fmt::Display for Balance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.debit { "-" } else { "" };
        write!(
            f,
            "{} ({}): {sign}{}",
            self.amount_type_name().en,
            self.account_type_name().en,
            self.amount
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Balance {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Balance", 5)?;
        st.serialize_field("account_type", &self.account_type)?;
        st.serialize_field("amount_type", &self.amount_type)?;
        st.serialize_field("sign", if self.debit { "D" } else { "C" })?;
        st.serialize_field("amount", &self.amount)?;
        st.serialize_field("display", &AsStr(self))?;
        st.end()
    }
}

/// The entries of field 54 (see [`Balance`]); entries that do not parse are skipped.
#[derive(Clone, Debug)]
pub struct Balances<'a> {
    rest: &'a [u8],
    ebcdic: bool,
}

impl<'a> Balances<'a> {
    /// The entries of a field 54 value (20 characters each).
    pub fn new(value: &'a [u8]) -> Balances<'a> {
        Balances {
            rest: value,
            ebcdic: false,
        }
    }

    /// The entries of a field 54 value written in EBCDIC (code page 037).
    pub fn new_ebcdic(value: &'a [u8]) -> Balances<'a> {
        Balances {
            rest: value,
            ebcdic: true,
        }
    }
}

impl Iterator for Balances<'_> {
    type Item = Balance;

    fn next(&mut self) -> Option<Balance> {
        loop {
            let (chunk, rest) = self.rest.split_at_checked(20)?;
            self.rest = rest;
            let mut ascii = [0u8; 20];
            let chunk = if self.ebcdic {
                for (a, &e) in ascii.iter_mut().zip(chunk) {
                    *a = crate::ebcdic::to_ascii(e).unwrap_or(b'?');
                }
                &ascii[..]
            } else {
                chunk
            };
            if let Some(b) = parse_balance(chunk) {
                return Some(b);
            }
        }
    }
}

fn number(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    bytes.iter().try_fold(0u64, |n, &b| {
        n.checked_mul(10)?
            .checked_add(u64::from(b.wrapping_sub(b'0')))
    })
}

fn parse_balance(chunk: &[u8]) -> Option<Balance> {
    let account_type = u8::try_from(number(chunk.get(0..2)?)?).ok()?;
    let amount_type = u8::try_from(number(chunk.get(2..4)?)?).ok()?;
    let code = core::str::from_utf8(chunk.get(4..7)?).ok()?;
    let debit = match chunk.get(7)? {
        b'C' => false,
        b'D' => true,
        _ => return None,
    };
    let minor = number(chunk.get(8..20)?)?;
    Some(Balance {
        account_type,
        amount_type,
        amount: Amount::new(minor, code),
        debit,
    })
}
