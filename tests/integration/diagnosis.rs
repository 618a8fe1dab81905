//! Whole responses diagnosed: the explanation under the dialect's scheme and the reference data
//! an operator reads out, asserted field by field; masking in every printed form.

use iso8583_response::codes::{Basis, Lang, Outcome, Scheme};
use iso8583_response::dialect::{self, CUP_POS, ISO87_ASCII, ISO93_ASCII, ProcessingRequirement};
use iso8583_response::{Amount, Currency, decode};

use crate::common::vector;

#[test]
fn decline_with_balances() {
    let bytes = vector("iso87-ascii/pyiso8583-0210-funds-decline-54.hex");
    let message = decode(&bytes, &ISO87_ASCII).unwrap();
    let d = message.diagnose();
    assert!(d.is_response());
    assert_eq!(d.response_code().unwrap().as_str(), "51");
    let r = d.response().unwrap();
    assert_eq!(
        (r.basis, r.explanation.scheme, r.explanation.code),
        (Basis::Exact, Scheme::Iso87, "51")
    );
    assert_eq!(r.explanation.outcome, Outcome::Declined);
    assert_eq!(d.rrn().unwrap().as_str(), Some("616314004281"));
    assert_eq!(d.stan().unwrap().as_str(), Some("004281"));
    assert!(d.auth_code().is_none());
    assert_eq!(d.terminal_id().unwrap().as_str(), Some("POS00042"));
    assert_eq!(d.merchant_id().unwrap().as_str(), Some("MERCH0000004242"));
    let amount = d.amount().unwrap();
    assert_eq!(amount.minor, 12550);
    assert_eq!(amount.currency.unwrap().alpha, "CNY");
    assert_eq!(amount.to_string(), "125.50 CNY");
    assert_eq!(d.local_time().unwrap().to_string(), "06-12 14:31:07");
    assert_eq!(d.pan().unwrap().to_string(), "476173******0119");
    let balances: Vec<_> = d.balances().collect();
    assert_eq!(balances.len(), 3);
    assert_eq!((balances[0].account_type, balances[0].amount_type), (10, 2));
    assert_eq!(balances[0].amount.to_string(), "32.10 CNY");
    assert!(!balances[0].debit);
    assert_eq!(balances[1].amount_type_name().en, "ledger balance");
    assert_eq!(balances[1].amount.minor, 4500);
    assert_eq!((balances[2].account_type, balances[2].debit), (30, true));
    assert_eq!(
        balances[2].to_string(),
        "available balance (credit): -19.99 CNY"
    );
    assert!(d.processing_requirement().is_none());

    let shown = d.to_string();
    assert!(shown.contains("Response 51 (iso87)"), "{shown}");
    assert!(shown.contains("125.50 CNY"), "{shown}");
    assert!(
        shown.contains("available balance (savings): 32.10 CNY"),
        "{shown}"
    );
    assert!(!shown.contains("4761739001010119"), "{shown}");
    assert!(!format!("{d:?}").contains("4761739001010119"));
    let mut zh = String::new();
    d.write(&mut zh, Lang::Zh).unwrap();
    assert!(zh.contains("应答码 51"), "{zh}");
    assert!(zh.contains("参考号（37域）"), "{zh}");
}

#[test]
fn approval() {
    let bytes = vector("iso87-ascii-binbitmap/secondary_0410.hex");
    let message = decode(&bytes, &dialect::ISO87_ASCII_BINBITMAP).unwrap();
    let d = message.diagnose();
    assert!(d.is_response());
    let r = d.response().unwrap();
    assert_eq!(r.explanation.outcome, Outcome::Approved);
    assert_eq!(d.amount().unwrap().to_string(), "125.50 USD");
    assert_eq!(d.rrn().unwrap().as_str(), Some("616314004271"));
    assert!(d.local_time().is_none());
    assert_eq!(d.balances().count(), 0);
}

#[test]
fn cup_sign_on_response() {
    let bytes = vector("cup-pos/ipaynow-0810-signin-response.hex");
    let message = decode(&bytes, &CUP_POS).unwrap();
    let d = message.diagnose();
    assert!(d.is_response());
    assert_eq!(d.mti().as_str(), "0810");
    let r = d.response().unwrap();
    assert_eq!(
        (r.explanation.scheme, r.explanation.outcome),
        (Scheme::Cup, Outcome::Approved)
    );
    assert_eq!(d.stan().unwrap().to_string(), "000441");
    assert_eq!(d.rrn().unwrap().as_str(), Some("150908836028"));
    assert_eq!(d.terminal_id().unwrap().as_str(), Some("00001142"));
    assert_eq!(d.merchant_id().unwrap().as_str(), Some("123456789012345"));
    assert_eq!(d.local_time().unwrap().to_string(), "09-08 09:13:09");
    assert!(d.amount().is_none() && d.pan().is_none());
    assert!(d.processing_requirement().is_none());

    // The same response with the header's processing requirement set to 3 (sign on again):
    // header byte 3 of the 6 is the 14th byte of the framed message.
    let mut asked = bytes.clone();
    assert_eq!(asked[2 + 5 + 2], 0x00);
    asked[2 + 5 + 2] = 0x03;
    let message = decode(&asked, &CUP_POS).unwrap();
    let d = message.diagnose();
    assert_eq!(
        d.processing_requirement(),
        Some(ProcessingRequirement::SignOnAgain)
    );
    assert!(d.to_string().contains("sign on again"));
}

#[test]
fn cup_purchase_response_uses_the_cup_table() {
    let bytes = vector("cup-pos/vfwz-0210-pay-response-gbk43-56-59.hex");
    let message = decode(&bytes, dialect::detect_cup_framing(&bytes)).unwrap();
    let d = message.diagnose();
    assert_eq!(d.response().unwrap().explanation.scheme, Scheme::Cup);
    assert_eq!(d.amount().unwrap().to_string(), "11.11 CNY");
    assert_eq!(d.auth_code().unwrap().as_str(), Some("650852"));
    assert_eq!(d.pan().unwrap().to_string(), "622424******0069");
    assert_eq!(d.local_time().unwrap().to_string(), "08-24 14:15:56");
}

#[test]
fn iso93_response_uses_the_action_codes() {
    let bytes = vector("iso93-ascii/fluidpay-purchase-authorization-1210.hex");
    let message = decode(&bytes, &ISO93_ASCII).unwrap();
    let d = message.diagnose();
    let r = d.response().unwrap();
    assert_eq!(
        (r.explanation.scheme, r.explanation.code),
        (Scheme::Iso93, "000")
    );
    assert_eq!(d.local_time().unwrap().to_string(), "1995-01-23 15:49:52");
    assert_eq!(d.amount().unwrap().to_string(), "200.00 USD");
}

#[test]
fn requests_are_flagged() {
    let bytes = vector("cup-pos/vfwz-0200-pay-request.hex");
    let message = decode(&bytes, dialect::detect_cup_framing(&bytes)).unwrap();
    let d = message.diagnose();
    assert!(!d.is_response());
    assert!(d.response().is_none());
    // A request that got no answer: the outcome is unknown, with the time-out triage and the
    // reference data to quote.
    let text = d.to_string();
    assert!(text.starts_with("This message is a request"), "{text}");
    let s = d.situation().unwrap();
    assert_eq!(s.id, "timeout-unknown-outcome");
    assert!(text.contains(s.operator_steps[0].en), "{text}");
    assert!(text.contains("Trace number (11)"), "{text}");
    let mut zh = String::new();
    d.write(&mut zh, iso8583_response::codes::Lang::Zh).unwrap();
    assert!(
        zh.contains("交易结果未知") && zh.contains(s.operator_steps[0].zh),
        "{zh}"
    );
    // A response gets no such advice.
    let bytes = vector("iso87-ascii/auth_0110.hex");
    let d = decode(&bytes, &dialect::ISO87_ASCII).unwrap().diagnose();
    assert!(d.situation().is_none());
}

#[test]
fn an_approval_has_no_retry_line() {
    let bytes = vector("iso93-ascii/fluidpay-purchase-authorization-1210.hex");
    let d = decode(&bytes, &ISO93_ASCII).unwrap().diagnose();
    assert!(!d.to_string().contains("Retry"));
    let mut zh = String::new();
    d.write(&mut zh, iso8583_response::codes::Lang::Zh).unwrap();
    assert!(!zh.contains("重试"), "{zh}");
}

#[test]
fn currencies_and_amounts() {
    assert_eq!(Currency::from_code("392").unwrap().exponent, 0);
    assert_eq!(Amount::new(1500, "392").to_string(), "1500 JPY");
    assert_eq!(Amount::new(1500, "048").to_string(), "1.500 BHD");
    assert_eq!(Amount::new(7, "978").to_string(), "0.07 EUR");
    assert_eq!(Amount::new(7, "EUR").to_string(), "0.07 EUR");
    assert_eq!(
        Amount::new(12345, "999").to_string(),
        "12345 (minor units, currency 999)"
    );
    assert_eq!(
        Amount::new(12345, "").to_string(),
        "12345 (minor units, no currency)"
    );
}

#[cfg(feature = "serde")]
#[test]
fn serialised_diagnosis_keeps_the_mask() {
    let bytes = vector("iso87-ascii/pyiso8583-0210-funds-decline-54.hex");
    let message = decode(&bytes, &ISO87_ASCII).unwrap();
    let json = serde_json::to_value(message.diagnose()).unwrap();
    assert_eq!(json["reference"]["pan"], "476173******0119");
    assert_eq!(json["response"]["outcome"], "declined");
    assert_eq!(json["response"]["family"], "funds-limits");
    assert_eq!(
        json["reference"]["balances"][0]["display"],
        "available balance (savings): 32.10 CNY"
    );
    assert_eq!(json["reference"]["amount"]["display"], "125.50 CNY");
    assert!(!json.to_string().contains("4761739001010119"));
    // The message's object holds the diagnosis's entries as they are, after its own.
    let whole = serde_json::to_value(&message).unwrap();
    for key in ["response", "situation", "chip", "reference"] {
        assert_eq!(whole[key], json[key], "{key}");
    }
    assert_eq!(whole["fields"]["2"], "476173******0119");
    assert!(!whole.to_string().contains("4761739001010119"));
}

#[test]
fn chip_results_are_explained_in_both_languages() {
    use iso8583_response::emv::Cryptogram;
    let bytes = vector("iso87-ascii-binbitmap/emv_0210.hex");
    let d = decode(&bytes, &dialect::ISO87_ASCII_BINBITMAP)
        .unwrap()
        .diagnose();
    let chip = d.chip().unwrap();
    assert_eq!(chip.cryptogram(), Some(Cryptogram::Arqc));
    assert_eq!(chip.card_response_code(), Some(*b"51"));
    assert!(chip.issuer_authentication());
    assert_eq!(chip.scripts(), (0, 1, 1));
    let tvr: Vec<&str> = chip.tvr().map(|f| f.text.en).collect();
    assert_eq!(tvr, ["transaction exceeds the floor limit"]);
    let en = d.to_string();
    assert!(
        en.contains("ARQC: the card asked for the issuer's decision online"),
        "{en}"
    );
    assert!(
        en.contains("Authorisation response code for the card (8A): 51 (same as field 39)"),
        "{en}"
    );
    let mut zh = String::new();
    d.write(&mut zh, iso8583_response::codes::Lang::Zh).unwrap();
    assert!(zh.contains("ARQC：卡片请求发卡行联机授权"), "{zh}");
    assert!(zh.contains("交易金额超过最低限额"), "{zh}");
}

#[test]
fn chip_results_point_at_a_cause_and_flag_a_disagreeing_8a() {
    use iso8583_response::emv::{ChipResults, Cryptogram, Data, EmvData};
    // 9F27 = 00 (AAC), 95 with "PIN try limit exceeded" (byte 3, bit 6) and "expired
    // application" (byte 2, bit 7), 8A = "05", 9F34 = 01 00 01 (offline PIN, failed).
    let chip = ChipResults::new(EmvData::new(Data::hex(
        b"9F270100950500402000008A0230359F3403010001",
    )));
    assert_eq!(chip.cryptogram(), Some(Cryptogram::Aac));
    let families: Vec<Option<&str>> = chip.tvr().map(|f| f.family.map(|x| x.id)).collect();
    assert_eq!(families, [Some("card-status"), Some("operator-input")]);
    let cvm = chip.cvm().unwrap();
    assert_eq!(cvm.successful, Some(false));
    let mut out = String::new();
    chip.write(&mut out, Some("51"), iso8583_response::codes::Lang::En)
        .unwrap();
    assert!(out.contains("05 (differs from field 39 51)"), "{out}");
    assert!(
        out.contains("PIN try limit exceeded [cause: Input errors]")
            || out.contains("PIN try limit exceeded [cause:"),
        "{out}"
    );
}

/// The same response encoded in ASCII and in EBCDIC gives the same amount, currency and
/// balances (found by a fresh-user session: the EBCDIC currency and balances were dropped).
#[cfg(feature = "alloc")]
#[test]
fn ebcdic_views_read_what_ascii_views_read() {
    use iso8583_response::dialect::{ISO87_ASCII, ISO87_EBCDIC};
    use iso8583_response::encode::{Draft, encode};
    let mut draft = Draft::new("0110");
    draft
        .set(4, b"000000012550")
        .set(39, b"00")
        .set(49, b"978")
        .set(54, b"0001978C000000012345");
    for dialect in [&ISO87_ASCII, &ISO87_EBCDIC] {
        let bytes = encode(&draft, dialect).unwrap();
        let message = iso8583_response::decode(&bytes, dialect).unwrap();
        let d = message.diagnose();
        assert_eq!(
            d.amount().unwrap().to_string(),
            "125.50 EUR",
            "{}",
            dialect.name()
        );
        let balances: Vec<String> = d.balances().map(|b| b.to_string()).collect();
        assert_eq!(balances.len(), 1, "{}", dialect.name());
        assert!(balances[0].ends_with("123.45 EUR"), "{}", balances[0]);
        assert_eq!(d.response_code().unwrap().as_str(), "00");
    }
}

#[cfg(feature = "serde")]
#[test]
fn serialised_chip_data_keeps_its_templates_and_the_card_response_code() {
    let bytes = vector("iso87-ascii-binbitmap/emv_0210.hex");
    let message = decode(&bytes, &dialect::ISO87_ASCII_BINBITMAP).unwrap();
    let json = serde_json::to_value(&message).unwrap();
    let emv = json["emv"].as_array().unwrap();
    let template = emv.iter().find(|t| t["tag"] == "72").unwrap();
    assert_eq!(template["value"], serde_json::Value::Null);
    let inner: Vec<&str> = template["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap())
        .collect();
    assert_eq!(inner, ["9F18", "86"]);
    let primitive = emv.iter().find(|t| t["tag"] == "9F27").unwrap();
    assert_eq!(primitive["value"], "80");
    assert_eq!(primitive["children"], serde_json::Value::Null);
    // Tag 8A holds "51" as text, and field 39 says 51 too.
    assert_eq!(
        json["chip"]["card_response_code"],
        serde_json::json!({"code": "51", "agrees_with_field_39": true})
    );
    assert_eq!(json["chip"]["cryptogram"]["type"], "ARQC");
}
