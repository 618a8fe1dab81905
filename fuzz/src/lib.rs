//! Checks shared by the fuzz targets: more than "no panic".

use std::fmt::Write as _;

use iso8583_response::dialect::{
    Align, BitmapEncoding, Dialect, Encoding, FieldSpec, Framing, Kind, LengthHeader, MtiEncoding,
    Prefix, PrefixEncoding, Sensitivity, Standard, Unit,
};
use iso8583_response::emv::{self, EmvData, MAX_DEPTH, Tlvs};
use iso8583_response::encode::{OwnedDraft, encode};
use iso8583_response::{
    Anomaly, DecodeError, ErrorKind, Message, Options, decode_exact, decode_partial, decode_with,
    detect, mask,
};

/// Decodes `data` with `dialect`, strictly and tolerantly: the decoder's fast walk and its exact
/// walk give the same answer (the same fields and anomalies, or the same error); tolerance moves
/// no boundary (a strict success is the tolerant reading with no anomaly, a strict content fault
/// is the tolerant reading's first anomaly or comes before its error); a partial decode keeps
/// the fields before its fault; each message read passes [`check`].
pub fn decode_and_check(data: &[u8], dialect: &Dialect) {
    for options in [Options::STRICT, Options::TOLERANT] {
        let decoded = decode_with(data, dialect, options);
        let exact = decode_exact(data, dialect, options);
        assert_eq!(
            layout(&decoded),
            layout(&exact),
            "fast and exact walks differ"
        );
        if let Ok(message) = &decoded {
            check(data, message);
        }
    }
    let strict = decode_with(data, dialect, Options::STRICT);
    let tolerant = decode_partial(data, dialect, Options::TOLERANT);
    match (&strict, &tolerant) {
        (Ok(s), Ok(t)) => {
            assert_eq!(layout(&Ok(s.clone())), layout(&Ok(t.clone())));
            assert_eq!(t.anomalies().count(), 0);
        }
        (Ok(_), Err(p)) => panic!(
            "tolerant decoding rejects what strict accepts: {}",
            p.error()
        ),
        (Err(s), Ok(t)) => {
            assert_eq!(t.anomalies().next().map(DecodeError::from), Some(*s));
        }
        (Err(s), Err(p)) => assert!(p.error() == *s || p.error().offset() > s.offset()),
    }
    if let Err(partial) = tolerant {
        if let Some(message) = partial.message() {
            // Cut short, unless every field was read and only the length header disagrees.
            let frame = matches!(partial.error().kind(), ErrorKind::FrameLength { .. });
            assert!(message.is_partial() || frame);
            check(data, message);
        }
    }
}

/// The fields' numbers and places, the anomalies, or the error.
#[allow(clippy::type_complexity)]
fn layout(
    result: &Result<Message<'_>, DecodeError>,
) -> Result<(Vec<(u8, usize, usize)>, Vec<Anomaly>), DecodeError> {
    match result {
        Ok(message) => Ok((
            message
                .fields()
                .map(|f| (f.number(), f.offset(), f.raw().len()))
                .collect(),
            message.anomalies().collect(),
        )),
        Err(e) => Err(*e),
    }
}

/// `detect` on arbitrary bytes: no panic, and the reading it names decodes as it says (whole
/// or partial, with the anomalies it counted).
pub fn detect_and_check(data: &[u8]) {
    let Some(found) = detect(data) else {
        return;
    };
    let dialect = found.dialect();
    match decode_partial(data, &dialect, Options::TOLERANT) {
        Ok(message) => {
            assert!(found.complete);
            assert_eq!(message.anomalies().count(), found.anomalies);
            check(data, &message);
        }
        Err(partial) => {
            assert!(!found.complete);
            check(
                data,
                partial.message().expect("a detected reading reads a field"),
            );
        }
    }
}

/// Every field lies inside the input, in order, without overlap; field look-up agrees with
/// iteration; every printed form masks the card number and hides secrets.
pub fn check(data: &[u8], message: &Message<'_>) {
    let base = data.as_ptr() as usize;
    let mut end = message.header().len();
    for field in message.fields() {
        let start = field.raw().as_ptr() as usize - base;
        assert_eq!(start, field.offset());
        assert!(
            start >= end,
            "field {} overlaps the one before",
            field.number()
        );
        end = start + field.raw().len();
        assert!(end <= data.len());
        let again = message
            .field(field.number())
            .expect("listed field is found");
        assert_eq!(again.raw().as_ptr(), field.raw().as_ptr());
        if let Some(d) = field.digits() {
            assert_eq!(d.len(), d.clone().count());
        }
        if let Some(b) = field.bytes() {
            assert_eq!(b.len(), b.clone().count());
        }
        let shown = field.to_string();
        let debug = format!("{field:?}");
        match field.sensitivity() {
            Sensitivity::Pan => {
                let mut masked = String::new();
                let ebcdic = field.spec().encoding == iso8583_response::dialect::Encoding::Ebcdic;
                let characters: Vec<u8> = field
                    .raw()
                    .iter()
                    .map(|&b| {
                        if ebcdic {
                            iso8583_response::ebcdic::to_ascii(b).unwrap_or(b'?')
                        } else {
                            b
                        }
                    })
                    .collect();
                match field.digits() {
                    Some(d) => mask::write_pan(&mut masked, d).unwrap(),
                    None => mask::write_pan(&mut masked, characters.iter().copied()).unwrap(),
                }
                assert_eq!(shown, masked, "card number not masked");
                assert!(debug.contains(&format!("\"{masked}\"")));
                // At most 6 + 4 digits shown, and at least 6 hidden.
                let digits = match field.digits() {
                    Some(d) => d.filter(u8::is_ascii_digit).count(),
                    None => characters.iter().filter(|b| b.is_ascii_digit()).count(),
                };
                let shown_digits = masked.chars().filter(char::is_ascii_digit).count();
                assert!(
                    shown_digits <= 10 && shown_digits <= digits.saturating_sub(6),
                    "too much of the card number shown: {masked}"
                );
            }
            Sensitivity::Secret => {
                assert_eq!(shown, format!("redacted ({} bytes)", field.raw().len()));
            }
            Sensitivity::Tlv => match field.emv() {
                Some(data) => check_emv(&data, &[&shown, &debug, &format!("{data:#}")]),
                None => assert_eq!(shown, format!("redacted ({} bytes)", field.raw().len())),
            },
            _ => {}
        }
    }
    // The dump and Debug print each field through its Display; no secret bytes leak around it.
    let mut dump = String::new();
    write!(dump, "{message}{message:?}").unwrap();
    let diagnosis = message.diagnose();
    let mut text = String::new();
    write!(text, "{diagnosis}{diagnosis:?}").unwrap();
    if let Some(pan) = &diagnosis.pan() {
        let shown = pan.to_string();
        assert_eq!(
            Some(shown.as_str()),
            message.field(2).map(|f| f.to_string()).as_deref()
        );
    }
    let _ = diagnosis.balances().count();
    let _ = message.response_code();
    check_json(message);
}

/// The message's JSON document is written without error and shows each field as its
/// `Display` does (whose masking `check` holds); field 55's tag list hides chip card data as
/// its `Display` does; the reference data's card number is field 2 as shown.
fn check_json(message: &Message<'_>) {
    let json = serde_json::to_value(message).expect("a message always serialises");
    for field in message.fields() {
        assert_eq!(
            json["fields"][field.number().to_string()].as_str(),
            Some(field.to_string().as_str()),
            "field {} in JSON differs from its Display",
            field.number()
        );
    }
    if let Some(data) = message
        .field(55)
        .filter(|f| f.sensitivity() == Sensitivity::Tlv)
        .and_then(|f| f.emv())
    {
        check_emv(&data, &[&json["emv"].to_string()]);
    }
    if let Some(pan) = json["reference"]["pan"].as_str() {
        assert_eq!(Some(pan), json["fields"]["2"].as_str());
    }
}

/// decode strictly (a message with anomalies holds values the encoder refuses), then encode
/// what was decoded, then decode again: the same values.
pub fn round_trip(data: &[u8], dialect: &Dialect) {
    let Ok(message) = decode_with(data, dialect, Options::STRICT) else {
        return;
    };
    let values = OwnedDraft::from_message(&message);
    let bytes = encode(&values.draft(), dialect).expect("a decoded message encodes");
    let again = decode_with(&bytes, dialect, Options::STRICT).expect("an encoded message decodes");
    assert_eq!(OwnedDraft::from_message(&again), values);
    // Canonical bytes are a fixed point.
    let twice = encode(&OwnedDraft::from_message(&again).draft(), dialect).unwrap();
    assert_eq!(twice, bytes);
}

/// Every sensitive data object in `data` (to the depth the views follow) appears in each of
/// `shown` only masked: its value's hex (and, for text, the text) never appears, unless the same
/// bytes also stand in a public value, where they may legitimately be printed.
pub fn check_emv(data: &EmvData<'_>, shown: &[&str]) {
    let mut public = String::new();
    let mut secrets: Vec<(Vec<u8>, Sensitivity)> = Vec::new();
    collect(data.tlvs(), 0, &mut public, &mut secrets);
    for (secret, kind) in secrets {
        let hex: String = secret.iter().map(|b| format!("{b:02X}")).collect();
        let digits: String = secret
            .iter()
            .flat_map(|b| [b >> 4, b & 15])
            .take_while(|&n| n != 15)
            .map(|n| {
                char::from_digit(u32::from(n), 16)
                    .unwrap()
                    .to_ascii_uppercase()
            })
            .collect();
        for out in shown {
            if hex.len() >= 8 && !public.contains(&hex) {
                assert!(!out.contains(&hex), "sensitive value {hex} printed: {out}");
            }
            if digits.len() >= 11 && !public.contains(&digits) {
                assert!(
                    !out.contains(&digits),
                    "card number {digits} printed: {out}"
                );
            }
            // Names and tracks as text (a card number's bytes are BCD, not text).
            if kind == Sensitivity::Secret
                && secret.len() >= 4
                && secret.iter().all(|b| b.is_ascii_graphic() && *b != b'*')
                && let Ok(text) = std::str::from_utf8(&secret)
            {
                let in_public = public.contains(text);
                assert!(
                    in_public || !out.contains(text),
                    "name or track {text} printed: {out}"
                );
            }
        }
    }
}

fn collect(
    tlvs: Tlvs<'_>,
    depth: usize,
    public: &mut String,
    secrets: &mut Vec<(Vec<u8>, Sensitivity)>,
) {
    for tlv in tlvs {
        let Ok(tlv) = tlv else { return };
        // Tags are printed too: a secret value spelling a tag is not a leak.
        write!(public, "{} ", tlv.tag()).unwrap();
        match tlv.children() {
            Some(children) if depth < MAX_DEPTH => collect(children, depth + 1, public, secrets),
            _ if emv::tag_sensitivity(tlv.tag()) == Sensitivity::Public => {
                let bytes: Vec<u8> = tlv.value().bytes().collect();
                for b in &bytes {
                    write!(public, "{b:02X}").unwrap();
                }
                public.push(' ');
                public.push_str(&String::from_utf8_lossy(&bytes));
                public.push(' ');
            }
            _ => secrets.push((
                tlv.value().bytes().collect(),
                emv::tag_sensitivity(tlv.tag()),
            )),
        }
    }
}

#[path = "../../tests/support/random.rs"]
mod random;

/// A random user dialect seeded by the first eight bytes (see `tests/support/random.rs`): the
/// rest decoded as it is, and as the fields of a draft encoded in that dialect, each held to
/// [`decode_and_check`]; the encoded draft decodes back to its values.
pub fn random_dialect_and_check(data: &[u8]) {
    let Some((seed, rest)) = data.split_first_chunk::<8>() else {
        return;
    };
    let mut next = random::numbers(u64::from_le_bytes(*seed));
    let dialect = random::random_dialect(&mut next);
    decode_and_check(rest, &dialect);
    let picks: Vec<(u8, Vec<u8>)> = rest
        .chunks(12)
        .map(|c| (2 + c[0] % 191, c.to_vec()))
        .collect();
    let draft = random::draft_for(&dialect, next(10_000) as u16, rest, &picks);
    let Ok(bytes) = encode(&draft.draft(), &dialect) else {
        return;
    };
    decode_and_check(&bytes, &dialect);
    let message = decode_with(&bytes, &dialect, Options::STRICT).expect("an encoded draft decodes");
    assert_eq!(OwnedDraft::from_message(&message), draft);
}
