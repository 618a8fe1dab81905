//! `explain`: say what an ISO 8583 response code, a terminal's display text or a whole message
//! means, and what to do about it, in English or Chinese.
//!
//! ```text
//! cargo run --example explain                      # decode a built-in sample decline response
//! cargo run --example explain -- 51                # explain a code (generic ISO table)
//! cargo run --example explain -- --scheme cup A0 --lang zh
//! cargo run --example explain -- --text "请与发卡行联系" --json
//! cargo run --example explain -- decode --dialect iso87-ascii 30313130...
//! echo 3031... | cargo run --example explain -- decode --dialect iso87-ascii-binbitmap --json
//! cargo run --example explain -- decode --dialect cup-pos --lines < messages.txt
//! ```
//!
//! Hex may contain spaces and newlines, as pasted from logs; without hex arguments it is read
//! from stdin. Card numbers are masked (first 6, last 4); track data, PIN blocks and security data
//! are shown only as `redacted (N bytes)`. Errors are one line on stderr with exit status 2.

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

mod input;

use iso8583_response::codes::{
    self, Explanation, Lang, Lookup, MatchKind, Scheme, Situation, Text, TextBasis, TextMatch,
};
use iso8583_response::dialect::{self, CupHeader, Dialect, Framing, LengthHeader, Sensitivity};
use iso8583_response::{
    DecodeError, Detection, Message, Options as DecodeOptions, Partial, decode, decode_partial,
    detect,
};
use serde_json::{Map, Value, json};

/// A 0110 authorisation response declined with 05, as pyiso8583's `default_ascii` spec encodes it.
const SAMPLE: &str = "0110723C04800EC08000164761739001010119000000000000012550061214300500427114\
                      30050612271205100616314004271A1B2C305POS00042MERCH0000004242840";

const USAGE: &str = "usage: explain [--json] [--lang en|zh] [--scheme <scheme>] <CODE>
       explain [--json] [--lang en|zh] --text <DISPLAY TEXT>
       explain decode --dialect <name>|auto [--length none|bin2|bcd2|ascii4] [--header N]
                      [--strict] [--json] [--lines] [--binary] [--lang en|zh] [HEX ...]
schemes: iso87, iso93, visa, mastercard, cup, cup-legacy
dialects: iso87-ascii, iso87-ascii-binbitmap, iso87-bcd, iso87-ebcdic, iso93-ascii, iso93-bcd,
          cup-pos, auto (try every dialect, length header and header size up to 16 bytes)";

/// A failure to report: one line on stderr, exit status 2; or the reader of our output went
/// away (`explain ... | head`), which ends the run quietly.
struct Failure(String);

const BROKEN_PIPE: &str = "\0broken pipe";

impl From<iso8583_response::DecodeError> for Failure {
    fn from(e: iso8583_response::DecodeError) -> Self {
        Failure(e.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure(BROKEN_PIPE.into())
        } else {
            Failure(e.to_string())
        }
    }
}

fn main() -> ExitCode {
    match arguments(std::env::args_os().skip(1)).and_then(|args| run(&args)) {
        Ok(code) => code,
        Err(Failure(message)) if message == BROKEN_PIPE => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            let _ = writeln!(io::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The arguments as text; one that is not valid UTF-8 is an error naming it, never a panic.
fn arguments(args: impl Iterator<Item = OsString>) -> Result<Vec<String>, Failure> {
    args.enumerate()
        .map(|(i, a)| {
            a.into_string().map_err(|a| {
                Failure(format!(
                    "argument {} is not valid UTF-8 text: {}",
                    i + 1,
                    a.to_string_lossy()
                ))
            })
        })
        .collect()
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let mut out = io::stdout().lock();
    match args.split_first() {
        None => {
            writeln!(out, "Sample: a 0110 authorisation response (iso87-ascii)\n")?;
            let message = decode(SAMPLE.as_bytes(), &dialect::ISO87_ASCII)?;
            let layout = Layout {
                dialect: dialect::ISO87_ASCII,
                detection: None,
            };
            write_dump(&mut out, &message, &layout, None, Lang::En)?;
            Ok(ExitCode::SUCCESS)
        }
        Some((command, rest)) if command == "decode" => decode_command(&mut out, rest),
        Some((flag, _)) if flag == "-h" || flag == "--help" => {
            writeln!(out, "{USAGE}")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(_) => explain_command(&mut out, args),
    }
}

struct Options {
    dialect: Option<&'static Dialect>,
    /// `--dialect auto`.
    auto: bool,
    length: Option<LengthHeader>,
    header: Option<u8>,
    strict: bool,
    json: bool,
    lines: bool,
    binary: bool,
    lang: Lang,
    scheme: Option<Scheme>,
    text: Option<String>,
    /// Positional arguments: hex for decode, the code otherwise.
    rest: Vec<String>,
}

fn parse_options(args: &[String]) -> Result<Options, Failure> {
    let mut options = Options {
        dialect: None,
        auto: false,
        length: None,
        header: None,
        strict: false,
        json: false,
        lines: false,
        binary: false,
        lang: Lang::En,
        scheme: None,
        text: None,
        rest: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--strict" => options.strict = true,
            "--length" => {
                let name = args
                    .next()
                    .ok_or_else(|| Failure("--length needs none, bin2, bcd2 or ascii4".into()))?;
                options.length = Some(LengthHeader::by_name(name).ok_or_else(|| {
                    Failure(format!(
                        "unknown length header '{name}' (known: none, bin2, bcd2, ascii4)"
                    ))
                })?);
            }
            "--header" => {
                let n = args
                    .next()
                    .ok_or_else(|| Failure("--header needs a number of bytes".into()))?;
                options.header = Some(n.parse().map_err(|_| {
                    Failure(format!(
                        "--header needs a number of bytes from 0 to 255, not '{n}'"
                    ))
                })?);
            }
            "--lines" => options.lines = true,
            "--binary" => options.binary = true,
            "--lang" => {
                let tag = args
                    .next()
                    .ok_or_else(|| Failure("--lang needs en or zh".into()))?;
                options.lang = Lang::from_tag(tag)
                    .ok_or_else(|| Failure(format!("unknown language '{tag}' (known: en, zh)")))?;
            }
            "--scheme" => {
                let name = args
                    .next()
                    .ok_or_else(|| Failure("--scheme needs a name".into()))?;
                let name = &name.to_ascii_lowercase();
                let name = match name.as_str() {
                    "mc" => "mastercard",
                    "unionpay" | "upi" | "cup-new" => "cup",
                    "iso8583-1987" | "1987" => "iso87",
                    "iso8583-1993" | "1993" => "iso93",
                    other => other,
                };
                options.scheme = Some(Scheme::from_name(name).ok_or_else(|| {
                    Failure(format!(
                        "unknown scheme '{name}' (known: {})",
                        Scheme::ALL.map(Scheme::name).join(", ")
                    ))
                })?);
            }
            "--text" => {
                let text = args
                    .next()
                    .ok_or_else(|| Failure("--text needs a text".into()))?;
                options.text = Some(text.clone());
            }
            "--dialect" => {
                let name = args
                    .next()
                    .ok_or_else(|| Failure("--dialect needs a name".into()))?;
                if name == "auto" {
                    options.auto = true;
                    continue;
                }
                options.dialect = Some(dialect::by_name(name).ok_or_else(|| {
                    Failure(format!(
                        "unknown dialect '{name}' (known: {}, auto)",
                        dialect::BUILT_IN.map(|(n, _)| n).join(", ")
                    ))
                })?);
            }
            flag if flag.starts_with("--") => {
                return Err(Failure(format!("unknown option '{flag}'\n{USAGE}")));
            }
            other => options.rest.push(other.to_owned()),
        }
    }
    Ok(options)
}

fn decode_command(out: &mut impl Write, args: &[String]) -> Result<ExitCode, Failure> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        writeln!(out, "{USAGE}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let options = parse_options(args)?;
    if options.dialect.is_none() && !options.auto {
        return Err(Failure(format!(
            "decode needs --dialect <name> or --dialect auto\n{USAGE}"
        )));
    }
    if options.auto && (options.length.is_some() || options.header.is_some()) {
        return Err(Failure(
            "--dialect auto finds the length header and header itself; drop --length and --header"
                .into(),
        ));
    }
    if options.lines {
        if !options.rest.is_empty() {
            return Err(Failure(
                "--lines reads messages from stdin, not arguments".into(),
            ));
        }
        return decode_lines(out, &options);
    }
    let bytes = if options.rest.is_empty() {
        let raw = input::read_bounded(io::stdin().lock()).map_err(Failure)?;
        if options.binary || !input::is_text(&raw) {
            raw
        } else {
            let text = String::from_utf8_lossy(&raw);
            let parsed = input::parse(&text).map_err(Failure)?;
            if let Some(note) = &parsed.skipped {
                writeln!(io::stderr(), "note: {note}")?;
            }
            parsed.bytes
        }
    } else {
        if options.binary {
            return Err(Failure("--binary reads the message from stdin".into()));
        }
        let parsed = input::parse(&options.rest.join(" ")).map_err(Failure)?;
        if let Some(note) = &parsed.skipped {
            writeln!(io::stderr(), "note: {note}")?;
        }
        parsed.bytes
    };
    let layout = Layout::choose(&options, &bytes)?;
    if let (Some(found), false) = (&layout.detection, options.json) {
        writeln!(io::stderr(), "note: {}", detection_note(found))?;
    }
    let decode_options = DecodeOptions::STRICT.strict(options.strict);
    let decoded = decode_partial(&bytes, &layout.dialect, decode_options);
    if options.json {
        if let Err(partial) = &decoded {
            writeln!(io::stderr(), "error: {}", partial.error())?;
        }
        writeln!(out, "{}", to_json(&decoded, &layout))?;
    } else {
        let (message, error) = match &decoded {
            Ok(message) => (message, None),
            Err(partial) => match partial.message() {
                Some(message) if message.fields().next().is_some() => {
                    writeln!(io::stderr(), "error: {}", partial.error())?;
                    (message, Some(partial.error()))
                }
                // Nothing was read: the error alone.
                _ => return Err(partial.error().into()),
            },
        };
        write_dump(out, message, &layout, error, options.lang)?;
    }
    Ok(if decoded.is_err() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The dialect a message is decoded with, and how it was found.
struct Layout {
    dialect: Dialect,
    /// What `--dialect auto` found.
    detection: Option<Detection>,
}

impl Layout {
    /// The named dialect (CUP's framing chosen per message) with `--length` and `--header`
    /// applied, or what `--dialect auto` finds.
    fn choose(options: &Options, bytes: &[u8]) -> Result<Layout, Failure> {
        if options.auto {
            let found = detect(bytes).ok_or_else(|| {
                Failure(
                    "no built-in dialect reads this message, with any length header or a header \
                     of up to 16 bytes"
                        .into(),
                )
            })?;
            // A reading that does not decode whole is a guess: its fields may hold pieces
            // of other fields, card numbers included, where nothing masks them. Name it, and
            // leave it to the user to decode with it.
            if !found.complete {
                return Err(Failure(format!(
                    "no built-in dialect reads this message whole; the reading that gets \
                     furthest is {} with {} ({}), a guess that may be wrong: decode with those \
                     options to see what it reads",
                    found.name,
                    framing_words(found.framing),
                    options_for(&found)
                )));
            }
            return Ok(Layout {
                dialect: found.dialect(),
                detection: Some(found),
            });
        }
        let named = options.dialect.unwrap_or(&dialect::ISO87_ASCII);
        let mut chosen = *choose(named, bytes);
        if options.length.is_some() || options.header.is_some() {
            let own = chosen.framing();
            let framing = Framing::length(options.length.unwrap_or(own.length))
                .with_header(options.header.unwrap_or(own.header_len));
            chosen = chosen.with_framing(framing);
        }
        Ok(Layout {
            dialect: chosen,
            detection: None,
        })
    }
}

/// The options that name a detected reading: `--dialect iso87-bcd --length bin2 --header 5`.
fn options_for(found: &Detection) -> String {
    format!(
        "--dialect {} --length {} --header {}",
        found.name,
        found.framing.length.name(),
        found.framing.header_len
    )
}

/// What `--dialect auto` found, in a sentence.
fn detection_note(found: &Detection) -> String {
    let mut note = format!(
        "--dialect auto: read as {} with {}",
        found.name,
        framing_words(found.framing)
    );
    match found.anomalies {
        0 => {}
        1 => note.push_str(", 1 anomaly"),
        n => note.push_str(&format!(", {n} anomalies")),
    }
    if let Some((other, framing)) = found.tie {
        note.push_str(&format!(
            "; {other} with {} reads it just as well (a tie)",
            framing_words(framing)
        ));
    }
    note
}

/// A framing in words: `no length header, no header`, `bin2 length header, 5-byte header`.
fn framing_words(framing: Framing) -> String {
    let length = match framing.length {
        LengthHeader::None => "no length header".to_owned(),
        other => format!("{} length header", other.name()),
    };
    let header = match framing.header_len {
        0 => "no header".to_owned(),
        n => format!("{n}-byte header"),
    };
    format!("{length}, {header}")
}

/// `explain [--scheme S] CODE` and `explain --text TEXT`: exit status 1 when nothing is known.
fn explain_command(out: &mut impl Write, args: &[String]) -> Result<ExitCode, Failure> {
    let options = parse_options(args)?;
    if options.dialect.is_some() || options.lines {
        return Err(Failure(format!(
            "--dialect and --lines belong to decode\n{USAGE}"
        )));
    }
    if let Some(text) = &options.text {
        if options.scheme.is_some() {
            return Err(Failure(
                "--scheme applies to codes; a text's codes are looked up in every scheme".into(),
            ));
        }
        if !options.rest.is_empty() {
            return Err(Failure("give either a code or --text, not both".into()));
        }
        let Some(found) = codes::explain_text(text) else {
            writeln!(
                io::stderr(),
                "{}",
                if options.lang == Lang::Zh {
                    format!("没有已知的终端文字或情形与“{text}”匹配")
                } else {
                    format!("no known display text or situation matches \"{text}\"")
                }
            )?;
            return Ok(ExitCode::from(1));
        };
        if options.json {
            writeln!(out, "{}", json!(found))?;
        } else {
            write_text_match(out, &found, options.lang)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let [code] = options.rest.as_slice() else {
        return Err(Failure(format!("give one response code\n{USAGE}")));
    };
    if code.is_empty() || code.len() > 3 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Failure(format!(
            "'{code}' is not a response code (1 to 3 letters or digits)\n{USAGE}"
        )));
    }
    let code = &code.to_ascii_uppercase();
    let Some(lookup) = codes::explain(code, options.scheme) else {
        let scheme = options
            .scheme
            .map_or(String::new(), |s| format!(" in scheme {s}"));
        writeln!(io::stderr(), "unknown response code '{code}'{scheme}")?;
        return Ok(ExitCode::from(1));
    };
    if options.json {
        writeln!(out, "{}", json!(lookup))?;
    } else {
        write_explanation(out, lookup.explanation, Some(&lookup), options.lang)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_explanation(
    out: &mut impl Write,
    e: &Explanation,
    lookup: Option<&Lookup>,
    lang: Lang,
) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    let code = lookup.map_or(e.code, |l| l.code.as_str());
    writeln!(out, "{code} ({}): {}", e.scheme, e.meaning.get(lang))?;
    if let Some(l) = lookup {
        match l.basis {
            codes::Basis::Exact => {}
            codes::Basis::Generic => writeln!(
                out,
                "  {}",
                if zh {
                    "（该方案表未列出，按 ISO 通用表解释）"
                } else {
                    "(not in this scheme's table; the generic ISO table's meaning)"
                }
            )?,
            codes::Basis::Range if zh => writeln!(out, "  （属于区间 {}）", e.code)?,
            codes::Basis::Range => writeln!(out, "  (in the range {})", e.code)?,
            codes::Basis::Inferred => writeln!(
                out,
                "  {}",
                if zh {
                    "（未列出的代码：按首位数字推断类别）"
                } else {
                    "(unlisted code: class inferred from its first digit)"
                }
            )?,
            // A basis added in a later version: nothing more to say about it here.
            _ => {}
        }
    }
    if !e.verified {
        writeln!(
            out,
            "  {}",
            if zh {
                "（参考资料未能核实此条）"
            } else {
                "(this entry rests on a single or unverified source)"
            }
        )?;
    }
    let label = |en: &'static str, z: &'static str| if zh { z } else { en };
    writeln!(
        out,
        "  {}: {}",
        label("Outcome", "结果"),
        e.outcome.label().get(lang)
    )?;
    writeln!(
        out,
        "  {}: {}",
        label("Who acts", "处理方"),
        e.actor.label().get(lang)
    )?;
    if e.outcome != codes::Outcome::Approved {
        writeln!(
            out,
            "  {}: {}",
            label("Retry", "重试"),
            e.retry.label().get(lang)
        )?;
    }
    if let Some(class) = e.legacy_class() {
        writeln!(
            out,
            "  {}: {}",
            label("Terminal class", "终端类别"),
            class.meaning.get(lang)
        )?;
    }
    if !e.display.is_empty() {
        writeln!(
            out,
            "  {}: {}",
            label("Terminal shows", "终端显示"),
            e.display.join(" / ")
        )?;
    }
    write_list(
        out,
        label("Likely causes", "可能原因"),
        e.causes,
        false,
        lang,
    )?;
    write_list(
        out,
        label("Operator", "收银员"),
        e.operator_steps,
        true,
        lang,
    )?;
    write_list(
        out,
        label("Cardholder", "持卡人"),
        e.cardholder_steps,
        true,
        lang,
    )?;
    Ok(())
}

fn write_text_match(out: &mut impl Write, found: &TextMatch, lang: Lang) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    let label = |en: &'static str, z: &'static str| if zh { z } else { en };
    let how = match found.basis {
        TextBasis::Exact => label("known text", "已知文字"),
        TextBasis::PrintedCode => label("the code printed in the text", "文字中的应答码"),
        _ => label("found in the text", "文字中包含"),
    };
    writeln!(
        out,
        "{} \"{}\" ({how})",
        label("Matched", "匹配"),
        found.text
    )?;
    if found.pick_up {
        writeln!(
            out,
            "{}",
            label(
                "The text says to keep the card: the answer is a pick-up.",
                "文字要求没收卡片：按没收卡处理。"
            )
        )?;
    }
    writeln!(out)?;
    match found.kind {
        MatchKind::Code => {
            for (i, e) in found.explanations().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write_explanation(out, e, None, lang)?;
            }
            if let Some(s) = found.situation() {
                writeln!(
                    out,
                    "\n{}: {}",
                    label("This also fits", "也可能是"),
                    s.name.get(lang)
                )?;
                write_situation(out, s, lang)?;
            }
        }
        MatchKind::Situation => {
            if let Some(s) = found.situation() {
                writeln!(out, "{}", s.name.get(lang))?;
                write_situation(out, s, lang)?;
            }
        }
        _ => {
            writeln!(
                out,
                "{}",
                label(
                    "The text alone does not say which; it fits:",
                    "仅凭这段文字无法确定原因，可能是："
                )
            )?;
            for e in found.explanations() {
                writeln!(
                    out,
                    "  - {} {}: {} ({})",
                    e.scheme,
                    e.code,
                    e.meaning.get(lang),
                    e.outcome.label().get(lang)
                )?;
            }
            if let Some(s) = found.situation() {
                writeln!(
                    out,
                    "\n{}: {}",
                    label(
                        "Until it is clear, follow",
                        "在弄清原因之前，请按以下步骤排查"
                    ),
                    s.name.get(lang)
                )?;
                write_situation(out, s, lang)?;
            }
        }
    }
    Ok(())
}

/// A heading and its items, as bullets or numbered in order.
fn write_list(
    out: &mut impl Write,
    heading: &str,
    items: &[Text],
    numbered: bool,
    lang: Lang,
) -> io::Result<()> {
    writeln!(out, "  {heading}:")?;
    for (i, item) in items.iter().enumerate() {
        if numbered {
            writeln!(out, "    {}. {}", i + 1, item.get(lang))?;
        } else {
            writeln!(out, "    - {}", item.get(lang))?;
        }
    }
    Ok(())
}

fn write_situation(out: &mut impl Write, s: &Situation, lang: Lang) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    let label = |en: &'static str, z: &'static str| if zh { z } else { en };
    writeln!(
        out,
        "  {}: {}",
        label("Cause family", "原因类别"),
        s.family.name.get(lang)
    )?;
    writeln!(
        out,
        "  {}: {}",
        label("Who acts", "处理方"),
        s.actor.label().get(lang)
    )?;
    writeln!(
        out,
        "  {}: {}",
        label("Retry", "重试"),
        s.retry.label().get(lang)
    )?;
    write_list(
        out,
        label("Likely causes", "可能原因"),
        s.causes,
        false,
        lang,
    )?;
    write_list(
        out,
        label("Operator, in order", "收银员依次排查"),
        s.operator_steps,
        true,
        lang,
    )?;
    if !s.cardholder_steps.is_empty() {
        write_list(
            out,
            label("Cardholder", "持卡人"),
            s.cardholder_steps,
            true,
            lang,
        )?;
    }
    writeln!(
        out,
        "  {}: {}",
        label("When to call", "何时求助"),
        s.call.get(lang)
    )
}

/// One message per stdin line, one JSON object per output line; exit status 2 if any line failed
/// (a partial decode among them).
fn decode_lines(out: &mut impl Write, options: &Options) -> Result<ExitCode, Failure> {
    let mut failed = false;
    let mut stdin = io::stdin().lock();
    let mut number = 0usize;
    let decode_options = DecodeOptions::STRICT.strict(options.strict);
    while let Some(line) = input::read_line(&mut stdin)? {
        number += 1;
        let result = line
            .map_err(Failure)
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|e| {
                    Failure(format!(
                        "line is not UTF-8 text (byte {})",
                        e.utf8_error().valid_up_to() + 1
                    ))
                })
            })
            .and_then(|line| {
                if line.trim().is_empty() {
                    return Ok(None);
                }
                let parsed = input::parse(&line).map_err(Failure)?;
                let layout = Layout::choose(options, &parsed.bytes)?;
                let decoded = decode_partial(&parsed.bytes, &layout.dialect, decode_options);
                let mut object = to_json(&decoded, &layout);
                if let (Some(note), Value::Object(map)) = (parsed.skipped, &mut object) {
                    map.insert("skipped".into(), json!(note));
                }
                Ok(Some((object, decoded.is_err())))
            });
        let object = match result {
            Ok(None) => continue,
            Ok(Some((Value::Object(map), partial))) => {
                failed |= partial;
                let mut with_line = Map::new();
                with_line.insert("line".into(), json!(number));
                with_line.extend(map);
                Value::Object(with_line)
            }
            Ok(Some((other, _))) => other,
            Err(Failure(error)) => {
                failed = true;
                // The crate's error shape; a fault in the input itself has no field or
                // offset in a message.
                json!({"line": number, "error": {
                    "message": error, "location": "input", "field": null, "offset": null
                }})
            }
        };
        writeln!(out, "{object}")?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// For `cup-pos`, whether the 2-byte length is there is decided per message.
fn choose(dialect: &'static Dialect, bytes: &[u8]) -> &'static Dialect {
    if dialect.name() == "cup-pos" {
        dialect::detect_cup_framing(bytes)
    } else {
        dialect
    }
}

/// The JSON document of a decoded message: the library's own serialisation of the message or,
/// for a partial decode, of the [`Partial`] (`"partial": true` with the `"error"`), with
/// `"detected"` added when `--dialect auto` chose the dialect.
fn to_json(decoded: &Result<Message<'_>, Partial<'_>>, layout: &Layout) -> Value {
    let mut object = match decoded {
        Ok(message) => serde_json::to_value(message),
        Err(partial) => serde_json::to_value(partial),
    }
    .unwrap_or_else(|e| json!({ "error": { "message": e.to_string() } }));
    if let (Some(found), Value::Object(map)) = (&layout.detection, &mut object) {
        map.insert("detected".into(), json!(found));
    }
    object
}

/// `text` followed by spaces up to `width` columns, counting wide (CJK) characters as two.
fn padded(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// The MTI's class and function in words, in `lang`.
fn mti_words(mti: iso8583_response::Mti, lang: Lang) -> (&'static str, &'static str) {
    if lang != Lang::Zh {
        return (mti.class_name(), mti.function_name());
    }
    let class = match mti.class() {
        1 => "授权",
        2 => "金融",
        3 => "文件处理",
        4 => "冲正",
        5 => "对账",
        6 => "管理",
        7 => "费用收取",
        8 => "网络管理",
        _ => "保留类别",
    };
    let function = match mti.function() {
        0 => "请求",
        1 => "请求应答",
        2 => "通知",
        3 => "通知应答",
        4 => "告知",
        5 => "告知确认",
        6 => "指令",
        7 => "指令确认",
        _ => "保留功能",
    };
    (class, function)
}

fn write_dump(
    out: &mut impl Write,
    message: &Message<'_>,
    layout: &Layout,
    error: Option<DecodeError>,
    lang: Lang,
) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    writeln!(
        out,
        "{} {}",
        if zh { "报文格式" } else { "dialect" },
        message.dialect().name()
    )?;
    let framing = layout.dialect.framing();
    let cup = CupHeader::new(message.header()).filter(|_| message.dialect().name() == "cup-pos");
    if framing.length != LengthHeader::None || (framing.header_len > 0 && cup.is_none()) {
        let header = message.header();
        let mut shown = hex::encode_upper(header);
        if !header.is_empty() && header.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
            shown.push_str(&format!(" \"{}\"", String::from_utf8_lossy(header)));
        }
        if zh {
            let length = match framing.length {
                LengthHeader::None => "无长度头".to_owned(),
                other => format!("{} 长度头", other.name()),
            };
            writeln!(
                out,
                "帧格式   {length}，报文头 {} 字节 {shown}",
                framing.header_len
            )?;
        } else {
            writeln!(out, "framing {}  {shown}", framing_words(framing))?;
        }
    }
    if let Some(header) = cup {
        writeln!(
            out,
            "TPDU    {}  {} {}  ({})",
            hex::encode_upper(header.tpdu()),
            if zh { "报文头" } else { "header" },
            hex::encode_upper(header.header()),
            header.processing_requirement().meaning().get(lang)
        )?;
    }
    let mti = message.mti();
    let (class, function) = mti_words(mti, lang);
    if zh {
        writeln!(out, "报文类型 {mti}（{class}{function}）")?;
    } else {
        writeln!(out, "MTI     {mti} ({class} {function})")?;
    }
    for field in message.fields() {
        let note = match field.sensitivity() {
            Sensitivity::Pan if zh => "  （已屏蔽）",
            Sensitivity::Pan => "  (masked)",
            _ => "",
        };
        if let Some(emv) = field
            .emv()
            .filter(|_| field.sensitivity() == Sensitivity::Tlv)
        {
            let size = emv.data().len();
            writeln!(
                out,
                "{:>3}  {} {}",
                field.number(),
                padded(field.name_in(lang), 46),
                if zh {
                    format!("{size} 字节，BER-TLV（标签列表）")
                } else {
                    format!("{size} bytes, BER-TLV:")
                }
            )?;
            let mut tree = String::new();
            emv.write_tree(&mut tree, "       ", lang)
                .map_err(|_| io::Error::other("formatting field 55 failed"))?;
            write!(out, "{tree}")?;
            continue;
        }
        writeln!(
            out,
            "{:>3}  {} {}{note}",
            field.number(),
            padded(field.name_in(lang), 46),
            field
        )?;
        for anomaly in message
            .anomalies()
            .filter(|a| a.field() == Some(field.number()))
        {
            let label = if zh { "内容异常" } else { "anomaly" };
            writeln!(
                out,
                "     ! {label}: {} at offset {}",
                anomaly.kind(),
                anomaly.offset()
            )?;
        }
    }
    for anomaly in message.anomalies().filter(|a| a.field().is_none()) {
        let label = if zh { "内容异常" } else { "anomaly" };
        writeln!(out, "     ! {label}: {anomaly}")?;
    }
    if let Some(e) = error {
        if zh {
            writeln!(out, "\n只解出部分报文：解码在此停止 — {e}")?;
        } else {
            writeln!(out, "\npartial: decoding stopped here — {e}")?;
        }
    }
    writeln!(out)?;
    let mut text = String::new();
    message
        .diagnose()
        .write(&mut text, lang)
        .map_err(|_| io::Error::other("formatting the diagnosis failed"))?;
    write!(out, "{text}")
}
