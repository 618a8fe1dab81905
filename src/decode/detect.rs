//! Finding the dialect and framing of a message nobody named: every built-in dialect, with
//! every length header and fixed header sizes up to [`MAX_HEADER`] bytes, keeping the reading
//! that decodes whole with the fewest anomalies.

use super::{Options, run_framed};
use crate::dialect::{BUILT_IN, BitmapEncoding, CUP_POS, Dialect, Framing, LengthHeader, Standard};
use crate::error::ErrorKind;

/// The largest fixed header (TPDU, network header) [`detect`] tries, in bytes.
const MAX_HEADER: u8 = 16;

/// How a message was found to be laid out (see [`detect`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Detection {
    /// The CLI name of the built-in dialect (`iso87-ascii`, `cup-pos`, …).
    pub name: &'static str,
    /// The built-in dialect, with its own framing.
    pub base: &'static Dialect,
    /// The framing found: length header and fixed header bytes before the MTI.
    pub framing: Framing,
    /// The anomalies of the reading (see [`Message::anomalies`](crate::Message::anomalies)).
    pub anomalies: usize,
    /// Whether the reading decodes whole; when no reading does, the one that reads furthest
    /// is given, and decoding it stops at a fault ([`decode_partial`](crate::decode_partial)).
    ///
    /// A reading that is not whole is a guess: if it is the wrong dialect or framing, its
    /// fields hold pieces of other fields, a card number's digits among them, where no mask
    /// applies. Do not print or log such a reading's values unless the user chose it; the
    /// example CLI refuses it and names the options that would decode with it.
    pub complete: bool,
    /// Another reading as good as this one by every measure, if any (the first of them in
    /// the order of [`BUILT_IN`]): the bytes alone cannot choose.
    pub tie: Option<(&'static str, Framing)>,
}

impl Detection {
    /// The dialect to decode the message with: the built-in one with the framing found.
    pub fn dialect(&self) -> Dialect {
        self.base.with_framing(self.framing)
    }
}

/// What ranks one reading before another; smaller is better.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    /// The MTI has a reserved version, class, function or origin digit (`0000`, say).
    odd_mti: bool,
    /// A binary primary bitmap whose eight bytes are all ASCII hex digits: the bitmap of an
    /// ASCII dialect, written as hex text, read as binary (by chance one in about 10^8).
    hex_text_bitmap: bool,
    /// Bytes the reading leaves unexplained: header bytes of no known kind (a TPDU, a BASE24
    /// header and CUP's own header are known), and what a partial reading leaves after its
    /// last field when the input does not simply end inside the next one (a cut explains
    /// that).
    unexplained: usize,
    /// Decodes whole first.
    incomplete: bool,
    anomalies: usize,
    /// The MTI's version digit (0: 1987, 1: 1993) disagrees with the dialect's standard.
    mismatch: bool,
    /// Fewer header bytes.
    header: u8,
    /// Among partial readings, the one that read furthest.
    unread: usize,
}

/// Whether `header` is a kind of header seen in front of ISO 8583 messages: a 5-byte TPDU
/// (id 60 or 68), alone or followed by four ASCII length digits, BASE24's `ISO` and nine
/// digits, a network header of 10 or 12 ASCII letters and digits, or the dialect's own (CUP's
/// TPDU and header).
fn known_header(header: &[u8], own: bool) -> bool {
    match header {
        [] => true,
        [0x60 | 0x68, _, _, _, _] => true,
        // A TPDU, then a 4-digit ASCII length (some senders put the TPDU first).
        [0x60 | 0x68, _, _, _, _, length @ ..] if length.len() == 4 => {
            length.iter().all(u8::is_ascii_digit)
        }
        [b'I', b'S', b'O', digits @ ..] if digits.len() == 9 => {
            digits.iter().all(u8::is_ascii_digit)
        }
        _ if header.len() == 10 || header.len() == 12 => {
            header.iter().all(u8::is_ascii_alphanumeric)
        }
        _ => own,
    }
}

/// Finds the built-in dialect and framing `input` decodes with: every dialect of
/// [`BUILT_IN`], each with no length header, a 2-byte binary or BCD one, or four ASCII digits,
/// and 0 to 16 fixed header bytes (CUP with its own 11-byte TPDU and header).
///
/// A reading whose MTI has no reserved digit wins; then the one that leaves the fewest bytes
/// unexplained (header bytes of no known kind, where a 5-byte TPDU, BASE24's `ISO` and nine
/// digits and CUP's own header are known; and for a reading that stops early, the bytes after
/// its last field unless the input simply ends inside the next one, as in a message cut
/// short); then one that decodes whole, the fewest anomalies, an MTI version that matches the
/// dialect's standard, the fewest header bytes, the one that reads furthest, and the order of
/// [`BUILT_IN`]. A length header must agree with the input, or announce at most twice what
/// follows (a cut). `None` when no reading gets as far as the first field.
///
/// About 400 trial decodes, most stopping at the MTI or a bitmap: microseconds, not
/// nanoseconds. Meant for tools and logs, not for a host link whose layout is known.
///
/// ```
/// use iso8583_response::{decode, detect, dialect::LengthHeader};
///
/// // A 4-digit ASCII length, then an ASCII message with a hex bitmap.
/// let bytes = b"00340110100000000200000000000001255005";
/// let found = detect(bytes).unwrap();
/// assert_eq!(found.name, "iso87-ascii");
/// assert_eq!(found.framing.length, LengthHeader::Ascii4);
/// let dialect = found.dialect();
/// let message = decode(bytes, &dialect)?;
/// assert_eq!(message.response_code().unwrap().as_str(), "05");
/// # Ok::<(), iso8583_response::DecodeError>(())
/// ```
pub fn detect(input: &[u8]) -> Option<Detection> {
    let mut best: Option<(Rank, Detection)> = None;
    for (name, base) in BUILT_IN {
        for framing in framings(base) {
            let Some((rank, found)) = attempt(input, name, base, framing) else {
                continue;
            };
            match &mut best {
                Some((r, b)) if rank == *r => {
                    if b.tie.is_none() && b.name != name {
                        b.tie = Some((name, framing));
                    }
                }
                Some((r, _)) if rank > *r => {}
                _ => best = Some((rank, found)),
            }
        }
    }
    best.map(|(_, found)| found)
}

/// The framings tried for `base`: for CUP, its own 11-byte TPDU and header behind each kind
/// of length header; for the others, every length header and header size.
fn framings(base: &Dialect) -> impl Iterator<Item = Framing> + '_ {
    let cup = core::ptr::eq(base, &CUP_POS);
    let own = base.framing().header_len;
    LengthHeader::ALL.into_iter().flat_map(move |length| {
        let headers = if cup { own..=own } else { 0..=MAX_HEADER };
        headers.map(move |header| Framing::length(length).with_header(header))
    })
}

/// One reading: its rank and what it found, or `None` if it stops before the first field.
fn attempt(
    input: &[u8],
    name: &'static str,
    base: &'static Dialect,
    framing: Framing,
) -> Option<(Rank, Detection)> {
    let (message, error) = match run_framed::<true>(input, base, framing, Options::TOLERANT) {
        Ok(message) => (message, None),
        Err(partial) => (partial.message.clone()?, Some(partial.error)),
    };
    let complete = error.is_none();
    let mti = message.mti();
    let odd_mti = !matches!(mti.version(), 0 | 1 | 2 | 8 | 9)
        || !(1..=8).contains(&mti.class())
        || mti.function() > 7
        || mti.origin() > 5;
    let read_to = message.fields().last().map_or(0, |field| field.end());
    // A partial reading that got no field whole tells nothing.
    if !complete && read_to == 0 {
        return None;
    }
    let anomalies = message.anomalies().count();
    let version = message.mti().version();
    let mismatch = match base.standard() {
        Standard::Iso1987 => version != 0,
        Standard::Iso1993 => version != 1,
    };
    let unread = input.len().saturating_sub(read_to);
    // The input ends inside the next field: a cut, which explains the bytes after the last
    // field read.
    let cut = matches!(error.map(|e| e.kind()), Some(ErrorKind::Truncated { .. }));
    let own = core::ptr::eq(base, &CUP_POS) && framing.header_len == base.framing().header_len;
    let mut unexplained = if known_header(message.header(), own) {
        0
    } else {
        usize::from(framing.header_len)
    };
    if !complete && !cut {
        unexplained = unexplained.saturating_add(unread);
    }
    let hex_text_bitmap = base.bitmap_encoding() == BitmapEncoding::Binary
        && message
            .bitmap()
            .primary()
            .to_be_bytes()
            .iter()
            .all(u8::is_ascii_hexdigit);
    let rank = Rank {
        odd_mti,
        hex_text_bitmap,
        unexplained,
        incomplete: !complete,
        anomalies,
        mismatch,
        header: framing.header_len,
        unread,
    };
    let found = Detection {
        name,
        base,
        framing,
        anomalies,
        complete,
        tie: None,
    };
    Some((rank, found))
}
