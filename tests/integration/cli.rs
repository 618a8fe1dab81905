//! The example CLI end to end: dump, JSON, `--lines`, exit statuses, masking.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The example binary `cargo test` builds beside the test binaries.
fn explain() -> Command {
    let mut path: PathBuf = std::env::current_exe().unwrap();
    path.pop();
    if path.ends_with("deps") {
        path.pop();
    }
    path.push("examples");
    path.push(format!("explain{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "example binary missing at {}",
        path.display()
    );
    Command::new(path)
}

/// Runs the CLI with arguments and stdin given as raw bytes (they need not be UTF-8).
fn run_raw(args: &[&std::ffi::OsStr], stdin: &[u8]) -> Output {
    let mut child = explain()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Written from a thread: the CLI may stop reading early (input too long).
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

pub(crate) fn run(args: &[&str], stdin: &str) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    run_raw(&args, stdin.as_bytes())
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn vector_hex(path: &str) -> String {
    let text = std::fs::read_to_string(format!(
        "{}/tests/vectors/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_arguments_decodes_the_sample() {
    let o = run(&[], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("MTI     0110"), "{out}");
    assert!(out.contains("476173******0119"), "{out}");
    assert!(!out.contains("4761739001010119"), "{out}");
    assert!(out.contains("Response 05 (iso87)"), "{out}");
    assert!(out.contains("Reference data:"), "{out}");
    assert!(out.contains("125.50 USD"), "{out}");
}

#[test]
fn dump_from_arguments_with_spaces_and_newlines() {
    let hex = vector_hex("iso87-ascii-binbitmap/emv_0210.hex");
    let o = run(&["decode", "--dialect", "iso87-ascii-binbitmap", &hex], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(" 55  ICC data (EMV)"), "{out}");
    assert!(
        out.contains("9F26   Application Cryptogram: C2A1E40F2B7A7A11"),
        "{out}"
    );
    assert!(out.contains("541333******0010"), "{out}");
    assert!(!out.contains("5413330089600010"), "{out}");
}

#[test]
fn json_from_stdin() {
    let hex = vector_hex("iso87-ascii/auth_0110.hex");
    let o = run(&["decode", "--dialect", "iso87-ascii", "--json"], &hex);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["dialect"], "iso87-ascii");
    assert_eq!(v["mti"], "0110");
    assert_eq!(v["fields"]["2"], "476173******0119");
    assert_eq!(v["fields"]["39"], "05");
    assert_eq!(v["fields"]["42"], "MERCH0000004242");
    assert_eq!(v["fields"].as_object().unwrap().len(), 16);
}

#[test]
fn cup_json_decodes_gbk_and_detects_framing() {
    let unframed = vector_hex("cup-pos/vfwz-0210-pay-response-gbk43-56-59.hex");
    let o = run(&["decode", "--dialect", "cup-pos", "--json", &unframed], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["header"]["tpdu"], "6000030000");
    assert_eq!(
        v["fields"]["43"].as_str().unwrap().trim_end(),
        "河南省银隆信息技术有限公司"
    );
    assert_eq!(v["fields"]["56"], "00+成功");
    assert_eq!(v["fields"]["2"], "622424******0069");
    assert_eq!(v["fields"]["53"], "redacted (8 bytes)");

    let framed = vector_hex("cup-pos/ipaynow-0810-signin-response.hex");
    let o = run(&["decode", "--dialect", "cup-pos", "--json", &framed], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["mti"], "0810");
    assert_eq!(v["fields"]["60"], "00000006003");
}

#[test]
fn secrets_are_redacted_in_json() {
    // iso87-ascii 0200 with PAN (2), track 2 (35) and PIN block (52).
    let track2 = "4761739001010119=2712201000000000000";
    assert_eq!(track2.len(), 36);
    let message = format!(
        "0200700000002000100016{}{}{}{}{}{}",
        "4761739001010119", "000000", "000000000100", "36", track2, "FFFF0123456789AB"
    );
    let hex: String = message.bytes().map(|b| format!("{b:02X}")).collect();
    let o = run(&["decode", "--dialect", "iso87-ascii", "--json", &hex], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["fields"]["35"], "redacted (36 bytes)");
    assert_eq!(v["fields"]["52"], "redacted (16 bytes)");
    assert!(!out.contains("4761739001010119"), "{out}");
    assert!(!out.contains("0123456789AB"), "{out}");
    assert!(!out.contains("2712201"), "{out}");
}

#[test]
fn lines_mode_reports_each_line() {
    let good = vector_hex("iso87-ascii/auth_0110.hex").replace('\n', "");
    let input = format!("{good}\nzz\n\n30313130\n");
    let o = run(&["decode", "--dialect", "iso87-ascii", "--lines"], &input);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["fields"]["39"], "05");
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("bad hex")
    );
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(lines[2]["partial"], true);
    assert_eq!(
        lines[2]["error"],
        serde_json::json!({
            "message": "needs 16 bytes but only 0 remain",
            "location": "primary bitmap",
            "field": null,
            "offset": 4
        })
    );
}

#[test]
fn errors_are_one_line_with_status_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["decode", "--dialect", "nope", "00"],
            "error: unknown dialect 'nope'",
        ),
        (
            &["decode", "--dialect", "iso87-ascii", "30G1"],
            "error: bad hex: 'G'",
        ),
        (
            &["decode", "--dialect", "iso87-ascii", "303"],
            "error: bad hex: odd number",
        ),
        (
            &["decode", "--dialect", "iso87-ascii", "3031"],
            "error: MTI: needs 4 bytes",
        ),
        (
            &[
                "decode",
                "--dialect",
                "iso87-ascii",
                "30313130 30303030303030303030303030303030 FF",
            ],
            "error: end of message: 1 unexpected bytes after the last field at offset 20",
        ),
        (&["decode", "3031"], "error: decode needs --dialect"),
        (
            &["frobnicate"],
            "error: 'frobnicate' is not a response code",
        ),
        (&["--scheme", "amex", "05"], "error: unknown scheme 'amex'"),
        (&["--lang", "fr", "05"], "error: unknown language 'fr'"),
    ];
    for (args, want) in cases {
        let o = run(args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with(want), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
}

#[test]
fn field_errors_name_field_and_offset() {
    // Field 2 declares 20 digits, more than its maximum of 19.
    let message = "01104000000000000000204761739001010119000";
    let hex: String = message.bytes().map(|b| format!("{b:02X}")).collect();
    let o = run(&["decode", "--dialect", "iso87-ascii", &hex], "");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: field 2: length 20 exceeds maximum 19 at offset 20\n"
    );
}

fn pasted(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/vectors/pasted/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The same message as hexdump -C, xxd and od print it, as 0x-prefixed and colon-separated
/// bytes, in a log line, and as raw bytes on stdin: all decode alike.
#[test]
fn input_is_taken_as_people_paste_it() {
    for name in [
        "emv_0210.hexdump-C.txt",
        "emv_0210.xxd.txt",
        "emv_0210.od.txt",
        "emv_0210.0x.txt",
        "emv_0210.colon.txt",
        "emv_0210.log.txt",
        "emv_0210.bin",
    ] {
        let o = run_raw(
            &["decode", "--dialect", "iso87-ascii-binbitmap", "--json"].map(std::ffi::OsStr::new),
            &pasted(name),
        );
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["fields"]["39"], "51", "{name}");
        assert_eq!(v["mti"], "0210", "{name}");
        if name.contains("log") {
            let note = stderr(&o);
            assert!(note.contains("skipped 56 characters"), "{note}");
            // Digits in what was skipped are hidden: a card number could be there.
            assert!(note.contains("####-##-##"), "{note}");
        }
    }
    // As an argument too, with \x escapes.
    let hex: String = pasted("emv_0210.bin")
        .iter()
        .map(|b| format!("\\x{b:02x}"))
        .collect();
    let o = run(&["decode", "--dialect", "iso87-ascii-binbitmap", &hex], "");
    assert!(o.status.success(), "{}", stderr(&o));
    // An ASCII dialect's raw message is itself hex-looking text: --binary says which.
    let bytes = crate::common::vector("iso87-ascii/auth_0110.hex");
    let o = run_raw(
        &["decode", "--dialect", "iso87-ascii", "--binary", "--json"].map(std::ffi::OsStr::new),
        &bytes,
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn bad_input_names_the_real_problem() {
    let o = run(&["decode", "--dialect", "iso87-ascii", "30|31 3"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'|'"), "{}", stderr(&o));
    let o = run(&["decode", "--dialect", "iso87-ascii", "303"], "");
    assert!(
        stderr(&o).contains("odd number of hex digits (3)"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_errors_not_panics() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"30\xff31");
    for args in [
        vec![
            std::ffi::OsStr::new("decode"),
            std::ffi::OsStr::new("--dialect"),
            std::ffi::OsStr::new("iso87-ascii"),
            bad,
        ],
        vec![
            std::ffi::OsStr::new("--text"),
            std::ffi::OsStr::from_bytes(b"\xff\xfe"),
        ],
        vec![bad],
    ] {
        let o = run_raw(&args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.starts_with("error: argument") && err.contains("UTF-8"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn lines_mode_goes_on_after_bad_lines_and_bounds_memory() {
    let good = vector_hex("iso87-ascii/auth_0110.hex").replace('\n', "");
    let mut input = Vec::new();
    input.extend_from_slice(good.as_bytes());
    input.extend_from_slice(b"\n\xff\xfe not text\nzz\n");
    input.extend(std::iter::repeat_n(b'3', 400_000));
    input.extend_from_slice(b"\n");
    input.extend_from_slice(good.as_bytes());
    input.extend_from_slice(b"\n");
    let o = run_raw(
        &["decode", "--dialect", "iso87-ascii", "--lines"].map(std::ffi::OsStr::new),
        &input,
    );
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0]["fields"]["39"], "05");
    let message = |v: &Value| v["error"]["message"].as_str().unwrap().to_owned();
    assert!(message(&lines[1]).contains("not UTF-8"));
    assert_eq!(lines[1]["error"]["location"], "input");
    assert!(message(&lines[2]).contains("hex"));
    assert!(message(&lines[3]).contains("longer than any message"));
    assert_eq!(lines[4]["line"], 5);
    assert_eq!(lines[4]["fields"]["39"], "05");
    // A whole input too long is refused, not read whole.
    let o = run_raw(
        &["decode", "--dialect", "iso87-ascii"].map(std::ffi::OsStr::new),
        &vec![b'3'; 2_000_000],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("longer than any message"),
        "{}",
        stderr(&o)
    );
}

/// With --lang zh the dump is Chinese throughout: headings, field names, balances; columns are
/// aligned by display width (a Chinese character takes two columns).
#[test]
fn chinese_dump_is_chinese_throughout_and_aligned() {
    let o = run_raw(
        &[
            "decode",
            "--dialect",
            "iso87-ascii-binbitmap",
            "--lang",
            "zh",
        ]
        .map(std::ffi::OsStr::new),
        &pasted("emv_0210.xxd.txt"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("报文格式 iso87-ascii-binbitmap\n报文类型 0210（金融请求应答）"),
        "{out}"
    );
    assert!(
        out.contains("检索参考号") && out.contains("系统跟踪号") && out.contains("IC卡数据域"),
        "{out}"
    );
    assert!(out.contains("125 字节"), "{out}");
    assert!(!out.contains("Retrieval reference number"), "{out}");
    // Values start in the same column on every field line.
    let columns: Vec<usize> = out
        .lines()
        .filter(|l| l.starts_with(" 37 ") || l.starts_with(" 41 ") || l.starts_with("  3 "))
        .map(|l| {
            let value = l.rfind("  ").unwrap() + 2;
            unicode_width::UnicodeWidthStr::width(&l[..value])
        })
        .collect();
    assert_eq!(columns.len(), 3, "{out}");
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{out}"
    );
}

/// Found by an attacking session: a card number grouped with spaces in the log prefix the CLI
/// skips was echoed whole on stderr. Grouped or not, 12 digits or more are masked.
#[test]
fn a_grouped_card_number_in_a_skipped_prefix_is_masked() {
    let hex = vector_hex("iso87-ascii/auth_0110.hex").replace(['\n', ' '], "");
    let line = format!("2024-01-01 12:00:00 card 4761 7390 0101 0119 RX: {hex}");
    let out = run(&["decode", "--dialect", "iso87-ascii"], &line);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("note: skipped"), "{err}");
    assert!(!err.contains("7390"), "{err}");
    assert!(!err.contains("0101 0119"), "{err}");
}

/// Tolerant decoding end to end: an anomaly beside its field and in the JSON, a partial
/// message's error with exit status 2 and its response code, `--strict` refusing.
#[test]
fn anomalies_partial_and_strict() {
    let hex = |s: &str| hex::encode(s.as_bytes());
    // Field 28 with the sign '0' (as jPOS writes it), then 39.
    let odd = hex("0110000000100200000000000010005");
    let out = run(&["decode", "--dialect", "iso87-ascii", &odd], "");
    assert!(out.status.success());
    assert!(
        stdout(&out)
            .contains("! anomaly: amount sign must be C or D, found '0' (0x30) at offset 20")
    );
    let out = run(&["decode", "--dialect", "iso87-ascii", "--json", &odd], "");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["anomalies"][0]["field"], 28);
    assert_eq!(v["anomalies"][0]["offset"], 20);
    assert_eq!(v["response"]["code"], "05");
    let out = run(
        &["decode", "--dialect", "iso87-ascii", "--strict", &odd],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("field 28: amount sign must be C or D"));
    // Cut inside field 41: the error, and the response code read before it.
    let cut = hex("0110100000000280000000000001255005TERM");
    let out = run(&["decode", "--dialect", "iso87-ascii", "--json", &cut], "");
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["partial"], true);
    assert_eq!(v["response"]["code"], "05");
    assert_eq!(v["error"]["field"], 41);
    assert_eq!(v["error"]["location"], "field 41");
    // Cut inside the bitmap: no field read, still the library's document of the partial
    // decode (the error, and "partial": true).
    let out = run(
        &["decode", "--dialect", "iso87-ascii", "--json", "30313130"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["partial"], true);
    assert_eq!(v["error"]["location"], "primary bitmap");
    assert_eq!(v["error"]["offset"], 4);
}

/// The library's JSON of a decoded message (or of what a partial decode read), as the CLI
/// must print it.
fn library_json(bytes: &[u8], dialect: &iso8583_response::dialect::Dialect) -> Value {
    use iso8583_response::{Options, decode_partial};
    match decode_partial(bytes, dialect, Options::STRICT.strict(false)) {
        Ok(message) => serde_json::to_value(&message).unwrap(),
        Err(partial) => serde_json::to_value(&partial).unwrap(),
    }
}

#[test]
fn cli_json_is_the_library_serialisation() {
    use iso8583_response::dialect::{self, Dialect};
    let sets: [(&str, &str, &Dialect); 6] = [
        ("iso87-ascii", "iso87-ascii", &dialect::ISO87_ASCII),
        (
            "iso87-ascii-binbitmap",
            "iso87-ascii-binbitmap",
            &dialect::ISO87_ASCII_BINBITMAP,
        ),
        ("iso87-bcd", "iso87-bcd", &dialect::ISO87_BCD),
        ("iso93-ascii", "iso93-ascii", &dialect::ISO93_ASCII),
        ("iso93-bcd", "iso93-bcd", &dialect::ISO93_BCD),
        ("cup-pos", "cup-pos", &dialect::CUP_POS),
    ];
    let mut compared = 0;
    for (dir, name, chosen) in sets {
        let mut files: Vec<_> = std::fs::read_dir(format!(
            "{}/tests/vectors/{dir}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".hex"))
        .collect();
        files.sort();
        let hexes: Vec<String> = files
            .iter()
            .map(|f| {
                vector_hex(&format!("{dir}/{f}"))
                    .split_whitespace()
                    .collect()
            })
            .collect();
        let o = run(&["decode", "--dialect", name, "--lines"], &hexes.join("\n"));
        let lines: Vec<Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), files.len(), "{dir}");
        for ((file, hex), mut cli) in files.iter().zip(&hexes).zip(lines) {
            let bytes = hex::decode(hex).unwrap();
            let dialect = if name == "cup-pos" {
                dialect::detect_cup_framing(&bytes)
            } else {
                chosen
            };
            let object = cli.as_object_mut().unwrap();
            object.remove("line");
            assert_eq!(cli, library_json(&bytes, dialect), "{dir}/{file}");
            compared += 1;
        }
    }
    assert!(compared >= 40, "{compared}");
}

#[test]
fn cli_json_for_codes_and_texts_is_the_library_serialisation() {
    use iso8583_response::codes::{Scheme, explain, explain_text};
    for (args, library) in [
        (
            vec!["51", "--json"],
            serde_json::to_value(explain("51", None).unwrap()).unwrap(),
        ),
        (
            vec!["--scheme", "cup", "A0", "--json"],
            serde_json::to_value(explain("A0", Some(Scheme::Cup)).unwrap()).unwrap(),
        ),
        (
            vec!["--text", "交易失败 51", "--json"],
            serde_json::to_value(explain_text("交易失败 51").unwrap()).unwrap(),
        ),
        (
            vec!["--text", "刷不了卡", "--json"],
            serde_json::to_value(explain_text("刷不了卡").unwrap()).unwrap(),
        ),
        (
            vec!["--text", "EXPIRED CARD - PICK UP", "--json"],
            serde_json::to_value(explain_text("EXPIRED CARD - PICK UP").unwrap()).unwrap(),
        ),
    ] {
        let o = run(&args, "");
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let cli: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(cli, library, "{args:?}");
    }
}

#[test]
fn json_objects_have_every_key_even_when_empty() {
    // A bare 0800 with no response code, no chip data, no reference fields: every key is
    // there, null or empty.
    let o = run(
        &[
            "decode",
            "--dialect",
            "iso87-ascii",
            "--json",
            // 0800, field 11 only.
            &hex::encode("08000020000000000000123456"),
        ],
        "",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for key in [
        "dialect",
        "framing",
        "partial",
        "header",
        "mti",
        "fields",
        "anomalies",
        "emv",
        "response",
        "situation",
        "chip",
        "reference",
    ] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }
    assert_eq!(v["emv"], Value::Null);
    assert_eq!(v["response"], Value::Null);
    assert_eq!(v["reference"]["balances"], serde_json::json!([]));
    assert_eq!(v["reference"]["pan"], Value::Null);
    assert_eq!(v["framing"]["length"], "none");
    assert_eq!(v["reference"]["stan"], "123456");
    // A response code no table has still says what kind of answer it is.
    let o = run(
        &[
            "decode",
            "--dialect",
            "iso87-ascii",
            "--json",
            &hex::encode("02100000000002000000!!"),
        ],
        "",
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["response"],
        serde_json::json!({"kind": "unknown", "code": "!!", "basis": "unknown"})
    );
}

#[test]
fn auto_refuses_a_guess_that_could_show_card_data_unmasked() {
    // A message cut short: no dialect reads it whole. A wrong reading (binary bitmap) would
    // put the PAN's digits in fields that are not masked; the CLI names the guess instead.
    let hex = vector_hex("masking/iso87-ascii.hex");
    let hex: String = hex.split_whitespace().collect();
    for cut in (84..160).step_by(2) {
        let o = run(&["decode", "--dialect", "auto", "--json", &hex[..cut]], "");
        assert_eq!(o.status.code(), Some(2), "{cut}");
        assert!(stdout(&o).is_empty(), "{cut}: {}", stdout(&o));
        let err = stderr(&o);
        assert!(
            err.contains("no built-in dialect reads this message whole"),
            "{err}"
        );
        assert!(err.contains("--dialect "), "{err}");
        assert!(!err.contains("98765"), "{err}");
    }
    // The library ranks the hex-text bitmap of an ASCII message read as binary last.
    let bytes = hex::decode(&hex[..120]).unwrap();
    let found = iso8583_response::detect(&bytes).unwrap();
    assert_eq!(found.name, "iso87-ascii");
    assert!(!found.complete);
}

#[test]
fn skipped_log_prefixes_show_no_digits() {
    let hex: String = vector_hex("iso87-ascii-binbitmap/emv_0210.hex")
        .split_whitespace()
        .collect();
    for prefix in [
        "c=4111.1111.1111.1111 RX:",
        "[4111][1111]_4111/1111,1111 RX:",
        "pan 4111\u{3000}1111 RX:",
        "４１１１１１１１１１１１１１１１ RX:",
        "40:00:00:98:76:54:32:19 RX:",
        "0x40 0x00 0x00 0x98 0x76 RX:",
    ] {
        let o = run(
            &["decode", "--dialect", "iso87-ascii-binbitmap", "--lines"],
            &format!("{prefix} {hex}\n"),
        );
        assert!(o.status.success(), "{prefix}: {}", stderr(&o));
        let v: Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
        let skipped = v["skipped"].as_str().unwrap();
        // (U+3000 is written as its escape, whose digits are not data.)
        let shown = skipped
            .split_once(": ")
            .unwrap()
            .1
            .replace("\\u{3000}", " ");
        assert!(
            !shown.chars().any(char::is_numeric),
            "{prefix} -> {skipped}"
        );
        assert_eq!(v["fields"]["39"], "51");
    }
}

#[test]
fn a_situation_serialises_with_its_triage_in_both_languages() {
    use iso8583_response::codes::{explain_text, situations};
    for s in situations() {
        let v = serde_json::to_value(s).unwrap();
        assert_eq!(v["kind"], "situation");
        assert_eq!(v["id"], s.id);
        assert_eq!(v["family"], s.family.id);
        assert_eq!(v["name"]["zh"], s.name.zh);
        for key in ["causes", "operator_steps", "cardholder_steps"] {
            let en = v[key]["en"].as_array().unwrap();
            let zh = v[key]["zh"].as_array().unwrap();
            assert_eq!(en.len(), zh.len(), "{} {key}", s.id);
        }
        assert_eq!(
            v["operator_steps"]["en"].as_array().unwrap().len(),
            s.operator_steps.len()
        );
        assert_eq!(v["call"]["en"], s.call.en);
        assert_eq!(v["actor"], s.actor.as_str());
    }
    // A merchant's words with no code: the situation, and what decided.
    let v = serde_json::to_value(explain_text("刷不了卡").unwrap()).unwrap();
    assert_eq!(v["kind"], "situation");
    assert_eq!(v["id"], "magstripe-unreadable");
    assert!(!v["operator_steps"]["zh"].as_array().unwrap().is_empty());
    assert_eq!(v["matched"]["basis"], "exact");
}

#[test]
fn the_cup_header_line_is_chinese_under_lang_zh() {
    let hex = vector_hex("cup-pos/vfwz-0210-pay-response-gbk43-56-59.hex");
    let o = run(
        &["decode", "--dialect", "cup-pos", "--lang", "zh", &hex],
        "",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("报文头 603100310100  (无处理要求)"), "{out}");
    assert!(!out.contains("header"), "{out}");
}
