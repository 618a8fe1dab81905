//! Messages as people paste them: hex with or without separators (spaces, `:`, `-`), `0x` and
//! `\x` prefixes, `hexdump -C`, `xxd` and `od` layouts (offsets and the text column dropped), a
//! log line with anything before the message, or raw bytes. Bounded: input longer than any
//! message can be is refused without being held whole.

use std::io::{self, BufRead, Read};

/// The most bytes a message can have (what a 2-byte length header can announce).
pub const MAX_MESSAGE: usize = 65_535;

/// The most input read for one message: its hex in a `hexdump -C` layout takes about four
/// characters a byte, plus offsets.
pub const MAX_INPUT: usize = 5 * MAX_MESSAGE;

/// A message read from text, and what was skipped before it, if anything.
#[derive(Debug)]
pub struct Parsed {
    pub bytes: Vec<u8>,
    pub skipped: Option<String>,
}

/// Whether bytes look like text rather than a raw binary message.
pub fn is_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .is_ok_and(|s| s.chars().all(|c| !c.is_control() || c.is_whitespace()))
}

/// Reads at most `MAX_INPUT` bytes of `reader`; more is an error, and what is beyond is never
/// stored.
pub fn read_bounded(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    reader
        .take(MAX_INPUT as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| e.to_string())?;
    if buf.len() > MAX_INPUT {
        return Err(format!(
            "input is longer than any message can be (more than {MAX_INPUT} bytes)"
        ));
    }
    Ok(buf)
}

/// One line of `reader`, at most `MAX_INPUT` bytes: `Ok(None)` at the end, `Err` for a line
/// too long (the rest of it is read and dropped, a chunk at a time).
pub fn read_line(reader: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut line = Vec::new();
    let n = reader
        .by_ref()
        .take(MAX_INPUT as u64 + 1)
        .read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    if line.len() > MAX_INPUT && line.last() != Some(&b'\n') {
        // Drop the rest of the line without keeping it.
        loop {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    reader.consume(i + 1);
                    break;
                }
                None => {
                    let len = buf.len();
                    reader.consume(len);
                }
            }
        }
        return Ok(Some(Err(format!(
            "line is longer than any message can be (more than {MAX_INPUT} bytes)"
        ))));
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    Ok(Some(Ok(line)))
}

/// How a token writes its bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Colon,
    Dash,
    Prefixed,
}

/// The hex digits of one whitespace-separated token, if it is hex in one of the accepted
/// styles: `3031`, `30:31`, `30-31`, `0x30`, `0x3031`, `\x30\x31`.
fn hex_token(token: &str) -> Option<(String, Style)> {
    let (digits, style) = if token.contains("\\x") {
        (token.replace("\\x", ""), Style::Prefixed)
    } else if let Some(rest) = token
        .strip_prefix("0x")
        .or_else(|| token.strip_prefix("0X"))
    {
        (rest.replace("0x", "").replace(',', ""), Style::Prefixed)
    } else if token.contains(':') {
        (token.replace(':', ""), Style::Colon)
    } else if token.contains('-') {
        (token.replace('-', ""), Style::Dash)
    } else {
        (token.trim_end_matches(',').to_owned(), Style::Plain)
    };
    (!digits.is_empty() && digits.len() % 2 == 0 && digits.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some((digits, style))
}

/// The hex of one line of a dump layout, if the line is one: an offset, byte groups, and an
/// optional text column (`|…|`, `>…<`, or anything after the groups in `xxd`).
fn dump_line(line: &str) -> Option<String> {
    let line = line.trim_start();
    let offset = line.split_whitespace().next()?;
    let xxd = offset.ends_with(':');
    let digits = offset.strip_suffix(':').unwrap_or(offset);
    if digits.len() < 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let rest = line.get(offset.len()..)?.trim_start();
    // xxd puts its text column after two spaces; hexdump -C and od delimit theirs with |…|
    // and >…<.
    let groups = if xxd {
        rest.split("  ").next().unwrap_or_default()
    } else {
        rest.split(['|', '>']).next().unwrap_or_default()
    };
    let mut hex = String::new();
    for t in groups.split_whitespace() {
        if !matches!(t.len(), 2 | 4) || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        hex.push_str(t);
    }
    Some(hex)
}

/// Whether text looks like a dump: every non-empty line starts with an offset and byte groups
/// (or is a `*` line, where hexdump and od leave out repeated lines).
fn is_dump(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    !lines.is_empty()
        && lines.iter().all(|l| {
            // A lone final offset line (hexdump -C ends with one), or a `*`.
            dump_line(l).is_some()
                || l.trim() == "*"
                || l.split_whitespace().count() == 1 && offset_of(l).is_some()
        })
        && lines
            .iter()
            .any(|l| dump_line(l).is_some_and(|h| !h.is_empty()))
}

/// The offset a dump line starts with, read as hex.
fn offset_of(line: &str) -> Option<usize> {
    let t = line.split_whitespace().next()?;
    let t = t.strip_suffix(':').unwrap_or(t);
    (t.len() >= 6)
        .then(|| usize::from_str_radix(t, 16).ok())
        .flatten()
}

/// The bytes of a dump, with the lines a `*` stands for put back (the offset of the line after
/// it says how many bytes of the line before it repeat).
fn dump_bytes(text: &str) -> Result<Vec<u8>, String> {
    let mut bytes: Vec<u8> = Vec::new();
    let mut last: Vec<u8> = Vec::new();
    let mut repeat = false;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if line.trim() == "*" {
            repeat = true;
            continue;
        }
        let offset = offset_of(line);
        if repeat {
            let target = offset.ok_or("a dump line after '*' has no offset")?;
            if last.is_empty() || target > MAX_INPUT {
                return Err("a '*' in the dump cannot be expanded".into());
            }
            while bytes.len() < target {
                let take = (target - bytes.len()).min(last.len());
                bytes.extend_from_slice(&last[..take]);
            }
            repeat = false;
        }
        if let Some(at) = offset
            && at != bytes.len()
            && dump_line(line).is_some_and(|h| !h.is_empty())
        {
            return Err(format!(
                "the dump's offsets do not follow on (line at 0x{at:x}, {} bytes read)",
                bytes.len()
            ));
        }
        if let Some(hex) = dump_line(line) {
            let line_bytes = decode_hex(&hex)?;
            bytes.extend_from_slice(&line_bytes);
            if !line_bytes.is_empty() {
                last = line_bytes;
            }
        }
    }
    if bytes.len() > MAX_MESSAGE {
        return Err(format!(
            "{} bytes is longer than any message can be ({MAX_MESSAGE})",
            bytes.len()
        ));
    }
    Ok(bytes)
}

/// Reads a message from text as people paste it (see the module docs).
pub fn parse(text: &str) -> Result<Parsed, String> {
    if text.trim().is_empty() {
        return Err("no hex given".into());
    }
    if is_dump(text) {
        return dump_bytes(text).map(|bytes| Parsed {
            bytes,
            skipped: None,
        });
    }
    // The message is the last run of hex tokens written in one style; anything before it (a
    // time stamp, "RX:", a log prefix) is skipped and reported.
    let tokens: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
        .collect();
    let mut start = tokens.len();
    let mut style = None;
    for (i, (_, t)) in tokens.iter().enumerate().rev() {
        match hex_token(t) {
            Some((_, s)) if style.is_none_or(|x| x == s) => {
                style = Some(s);
                start = i;
            }
            _ => break,
        }
    }
    let Some(&(first, _)) = tokens.get(start) else {
        // Nothing reads as hex: say what is wrong with it, a bad character before an odd count.
        let compact: String = text.split_whitespace().collect();
        let err = decode_hex(&compact).err();
        return Err(err.unwrap_or_else(|| "no hex found".into()));
    };
    let hex: String = tokens[start..]
        .iter()
        .filter_map(|(_, t)| hex_token(t).map(|(d, _)| d))
        .collect();
    let prefix = text[..first].trim();
    let skipped = (!prefix.is_empty()).then(|| {
        format!(
            "skipped {} characters before the message: {:?}",
            prefix.chars().count(),
            without_data(prefix)
        )
    });
    decode_hex(&hex).map(|bytes| Parsed { bytes, skipped })
}

/// What was skipped, shown without anything that could be data: every run of more than eight
/// hex digits (another message) is replaced by its length, every other digit (ASCII or not) is
/// shown as `#` (a card number may be written there in any form: grouped by any separator, as
/// hex bytes, in full-width digits), and the rest is cut at 60 characters.
fn without_data(prefix: &str) -> String {
    let others: String = prefix
        .chars()
        .map(|c| {
            if c.is_numeric() && !c.is_ascii() {
                '#'
            } else {
                c
            }
        })
        .collect();
    let out = replace_runs(
        &others,
        |c| c.is_ascii_hexdigit(),
        |run| {
            if run.len() > 8 {
                format!("<{} hex digits>", run.len())
            } else {
                run.replace(|c: char| c.is_ascii_digit(), "#")
            }
        },
    );
    out.chars().take(60).collect()
}

/// `text` with every maximal run of characters that `in_run` accepts replaced by `replace(run)`.
pub fn replace_runs(
    text: &str,
    in_run: impl Fn(char) -> bool,
    replace: impl Fn(&str) -> String,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (in_run(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push_str(&replace(&text[s..i]));
                start = None;
                out.push(c);
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(s) = start {
        out.push_str(&replace(&text[s..]));
    }
    out
}

fn decode_hex(digits: &str) -> Result<Vec<u8>, String> {
    if let Some((i, c)) = digits.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
        return Err(format!(
            "bad hex: {c:?} at hex digit {} is not a hex digit",
            i + 1
        ));
    }
    if digits.len() % 2 == 1 {
        return Err(format!(
            "bad hex: odd number of hex digits ({}); a byte is two digits",
            digits.len()
        ));
    }
    if digits.len() / 2 > MAX_MESSAGE {
        return Err(format!(
            "{} bytes is longer than any message can be ({MAX_MESSAGE})",
            digits.len() / 2
        ));
    }
    hex::decode(digits).map_err(|e| format!("bad hex: {e}"))
}
