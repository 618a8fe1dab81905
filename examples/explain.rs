//! `explain`: decode ISO 8583 messages from hex and say what they hold.
//!
//! ```text
//! cargo run --example explain                      # decode a built-in sample decline response
//! cargo run --example explain -- decode --dialect iso87-ascii 30313130...
//! echo 3031... | cargo run --example explain -- decode --dialect iso87-ascii-binbitmap --json
//! cargo run --example explain -- decode --dialect cup-pos --lines < messages.txt
//! ```
//!
//! Hex may contain spaces and newlines, as pasted from logs; without hex arguments it is read
//! from stdin. Card numbers are masked (first 6, last 4); track data, PIN blocks and security data
//! are shown only as `redacted (N bytes)`. Errors are one line on stderr with exit status 2.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use iso8583_response::dialect::{self, CupHeader, Dialect, Kind, Sensitivity};
use iso8583_response::{Field, Message, decode, mask};
use serde_json::{Map, Value, json};

/// A 0110 authorisation response declined with 05, as pyiso8583's `default_ascii` spec encodes it.
const SAMPLE: &str = "0110723C04800EC08000164761739001010119000000000000012550061214300500427114\
                      30050612271205100616314004271A1B2C305POS00042MERCH0000004242840";

const USAGE: &str = "usage: explain [decode --dialect <name> [--json] [--lines] [HEX ...]]
dialects: iso87-ascii, iso87-ascii-binbitmap, iso87-bcd, iso93-ascii, iso93-bcd, cup-pos";

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure(message)) if message == BROKEN_PIPE => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            let _ = writeln!(io::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let mut out = io::stdout().lock();
    match args.split_first() {
        None => {
            writeln!(out, "Sample: a 0110 authorisation response (iso87-ascii)\n")?;
            let message = decode(SAMPLE.as_bytes(), &dialect::ISO87_ASCII)?;
            write_dump(&mut out, &message)?;
            Ok(ExitCode::SUCCESS)
        }
        Some((command, rest)) if command == "decode" => decode_command(&mut out, rest),
        Some((flag, _)) if flag == "-h" || flag == "--help" => {
            writeln!(out, "{USAGE}")?;
            Ok(ExitCode::SUCCESS)
        }
        Some((other, _)) => Err(Failure(format!("unknown command '{other}'\n{USAGE}"))),
    }
}

struct Options {
    dialect: Option<&'static Dialect>,
    json: bool,
    lines: bool,
    hex: Vec<String>,
}

fn parse_options(args: &[String]) -> Result<Options, Failure> {
    let mut options = Options {
        dialect: None,
        json: false,
        lines: false,
        hex: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--lines" => options.lines = true,
            "--dialect" => {
                let name = args
                    .next()
                    .ok_or_else(|| Failure("--dialect needs a name".into()))?;
                options.dialect = Some(dialect::by_name(name).ok_or_else(|| {
                    Failure(format!(
                        "unknown dialect '{name}' (known: {})",
                        dialect::BUILT_IN.map(|(n, _)| n).join(", ")
                    ))
                })?);
            }
            flag if flag.starts_with("--") => {
                return Err(Failure(format!("unknown option '{flag}'\n{USAGE}")));
            }
            hex => options.hex.push(hex.to_owned()),
        }
    }
    Ok(options)
}

fn decode_command(out: &mut impl Write, args: &[String]) -> Result<ExitCode, Failure> {
    let options = parse_options(args)?;
    let dialect = options
        .dialect
        .ok_or_else(|| Failure(format!("decode needs --dialect <name>\n{USAGE}")))?;
    if options.lines {
        if !options.hex.is_empty() {
            return Err(Failure(
                "--lines reads messages from stdin, not arguments".into(),
            ));
        }
        return decode_lines(out, dialect);
    }
    let text = if options.hex.is_empty() {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text)?;
        text
    } else {
        options.hex.join(" ")
    };
    let bytes = parse_hex(&text)?;
    let dialect = choose(dialect, &bytes);
    let message = decode(&bytes, dialect)?;
    if options.json {
        writeln!(out, "{}", to_json(&message))?;
    } else {
        write_dump(out, &message)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One message per stdin line, one JSON object per output line; exit status 2 if any line failed.
fn decode_lines(out: &mut impl Write, dialect: &'static Dialect) -> Result<ExitCode, Failure> {
    let mut failed = false;
    for (index, line) in io::stdin().lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let result = parse_hex(&line).and_then(|bytes| {
            let message = decode(&bytes, choose(dialect, &bytes))?;
            Ok(to_json(&message))
        });
        let object = match result {
            Ok(Value::Object(map)) => {
                let mut with_line = Map::new();
                with_line.insert("line".into(), json!(number));
                with_line.extend(map);
                Value::Object(with_line)
            }
            Ok(other) => other,
            Err(Failure(error)) => {
                failed = true;
                json!({"line": number, "error": error})
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

/// Hex text to bytes; white space (spaces, tabs, newlines) is ignored.
fn parse_hex(text: &str) -> Result<Vec<u8>, Failure> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Err(Failure("no hex given".into()));
    }
    hex::decode(&digits).map_err(|e| match e {
        hex::FromHexError::InvalidHexCharacter { c, index } => Failure(format!(
            "bad hex: '{c}' at hex digit {index} is not a hex digit"
        )),
        hex::FromHexError::OddLength => Failure(format!(
            "bad hex: odd number of hex digits ({})",
            digits.len()
        )),
        other => Failure(format!("bad hex: {other}")),
    })
}

/// A field's value for people and for JSON: masked card number, redacted secrets, digits,
/// text (GBK decoded for cup-pos), or upper-case hex.
fn value(message: &Message<'_>, field: &Field<'_>) -> String {
    if field.is_sensitive() {
        // The crate's Display masks card numbers and redacts secrets.
        return field.to_string();
    }
    match field.spec().kind {
        Kind::Text if message.dialect().name() == "cup-pos" => {
            let (text, _, malformed) = encoding_rs::GBK.decode(field.raw());
            if malformed {
                let mut shown = String::new();
                let _ = mask::write_text(&mut shown, field.raw());
                shown
            } else {
                text.into_owned()
            }
        }
        _ => field.to_string(),
    }
}

fn to_json(message: &Message<'_>) -> Value {
    let mut object = Map::new();
    object.insert("dialect".into(), json!(message.dialect().name()));
    if let Some(header) = CupHeader::new(message.header()) {
        let requirement = header.processing_requirement();
        object.insert(
            "header".into(),
            json!({
                "tpdu": hex::encode_upper(header.tpdu()),
                "header": hex::encode_upper(header.header()),
                "processing_requirement": requirement.describe(),
            }),
        );
    }
    object.insert("mti".into(), json!(message.mti().as_str()));
    let fields: Map<String, Value> = message
        .fields()
        .map(|field| (field.number().to_string(), json!(value(message, &field))))
        .collect();
    object.insert("fields".into(), Value::Object(fields));
    Value::Object(object)
}

fn write_dump(out: &mut impl Write, message: &Message<'_>) -> io::Result<()> {
    writeln!(out, "dialect {}", message.dialect().name())?;
    if let Some(header) = CupHeader::new(message.header()) {
        writeln!(
            out,
            "TPDU    {}  header {}  ({})",
            hex::encode_upper(header.tpdu()),
            hex::encode_upper(header.header()),
            header.processing_requirement().describe()
        )?;
    }
    let mti = message.mti();
    writeln!(
        out,
        "MTI     {} ({} {})",
        mti,
        mti.class_name(),
        mti.function_name()
    )?;
    for field in message.fields() {
        let note = match field.spec().sensitivity {
            Sensitivity::Pan => "  (masked)",
            _ => "",
        };
        writeln!(
            out,
            "{:>3}  {:<46} {}{note}",
            field.number(),
            field.name(),
            value(message, &field)
        )?;
    }
    match message.response_code() {
        Some(code) if message.is_response() => {
            writeln!(out, "\nResponse code {code}.")?;
        }
        Some(code) => writeln!(
            out,
            "\nField 39 is {code}, but the MTI says this is not a response."
        )?,
        None if message.is_response() => {
            writeln!(out, "\nThe response carries no response code (field 39).")?
        }
        None => writeln!(
            out,
            "\nThis is a request ({}); it carries no response code.",
            mti
        )?,
    }
    Ok(())
}
