//! Situations with no response code: the terminal is dead, the card will not read, the network
//! dropped, a timeout left the outcome unknown, the screen says "user abnormal" or just
//! "transaction failed". Knowledge entries like the codes' explanations, compiled from
//! `data/situations.txt`, written for this crate from the merchant troubleshooting guides.

use super::{Actor, Family, Retry, Text, tables};

/// What is known about one situation that has no response code.
///
/// ```
/// use iso8583_response::codes::{situation, Actor};
///
/// let s = situation("timeout-unknown-outcome").unwrap();
/// assert_eq!(s.family.id, "network");
/// assert_eq!(s.actor, Actor::Operator);
/// for (i, step) in s.operator_steps.iter().enumerate() {
///     println!("{}. {}", i + 1, step.en);
/// }
/// ```
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Situation {
    /// Its id, e.g. `magstripe-unreadable`.
    pub id: &'static str,
    /// What the situation is, in a line.
    pub name: Text,
    /// The cause family it belongs to.
    pub family: &'static Family,
    /// Who acts first.
    pub actor: Actor,
    /// Whom to call when the steps do not help.
    pub escalate: Actor,
    /// Whether trying the payment again can help.
    pub retry: Retry,
    /// How merchants say it and terminals show it (normalised: upper case, single spaces).
    pub phrases: &'static [&'static str],
    /// Likely causes.
    pub causes: &'static [Text],
    /// Ordered triage for the operator, the cheapest check first.
    pub operator_steps: &'static [Text],
    /// What the cardholder can do.
    pub cardholder_steps: &'static [Text],
    /// When to call whom.
    pub call: Text,
}

/// Every situation, in the order of the data file.
pub fn situations() -> impl Iterator<Item = &'static Situation> {
    tables::SITUATIONS.iter()
}

/// The situation with this id.
pub fn situation(id: &str) -> Option<&'static Situation> {
    tables::SITUATIONS.iter().find(|s| s.id == id)
}
