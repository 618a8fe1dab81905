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

pub(crate) fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = explain()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
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
    assert!(lines[1]["error"].as_str().unwrap().starts_with("bad hex"));
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(
        lines[2]["error"],
        "primary bitmap: needs 16 bytes but only 0 remain at offset 4"
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
