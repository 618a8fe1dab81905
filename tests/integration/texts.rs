//! Terminal texts and merchants' words: the cases the matcher was built for, the situations
//! reachable by their phrases, and the safety rules over every known text and generated
//! variants of it.

use iso8583_response::codes::{
    self, MatchKind, Outcome, Retry, Scheme, TextBasis, TextMatch, explain_text, situations,
};

fn answer(text: &str) -> TextMatch {
    explain_text(text).unwrap_or_else(|| panic!("{text:?} matched nothing"))
}

fn code_of(text: &str) -> (&'static str, Outcome) {
    let m = answer(text);
    assert_eq!(m.kind, MatchKind::Code, "{text:?}: {m:?}");
    let e = m.explanation().unwrap();
    (e.code, e.outcome)
}

fn situation_of(text: &str) -> &'static str {
    answer(text)
        .situation()
        .unwrap_or_else(|| panic!("{text:?}: no situation"))
        .id
}

#[test]
fn merchants_words_with_no_code_reach_a_situation() {
    for (text, id) in [
        ("用户异常", "user-abnormal"),
        ("POS机显示用户异常", "user-abnormal"),
        ("刷不了卡", "magstripe-unreadable"),
        ("通讯失败", "communication-failure"),
        ("超时", "timeout-unknown-outcome"),
        ("网络异常", "communication-failure"),
        ("联系发卡机构", "contact-issuer-triage"),
        ("CARD READ ERROR", "magstripe-unreadable"),
        ("COMMS ERROR", "communication-failure"),
        ("CHIP ERROR", "chip-unreadable"),
        ("交易失败", "transaction-failed"),
        ("交易失敗", "transaction-failed"),
        ("通訊失敗", "communication-failure"),
        ("通信异常", "communication-failure"),
    ] {
        assert_eq!(situation_of(text), id, "{text}");
    }
    // Sentences nobody listed whole, read by their keywords.
    for (text, id) in [
        ("我们店的pos机今天突然开不开机了", "terminal-no-power"),
        ("顾客的卡在机器上刷了好几次都没反应", "magstripe-unreadable"),
        ("打印机一直不出小票怎么办", "printer-problem"),
        ("机器连不上wifi了", "communication-failure"),
        ("the printer is out of paper again", "printer-problem"),
        (
            "my terminal won't connect to the internet",
            "communication-failure",
        ),
        ("customer card chip not working", "chip-unreadable"),
    ] {
        assert_eq!(situation_of(text), id, "{text}");
    }
}

#[test]
fn the_unsafe_answers_of_containment_are_gone() {
    // Pick-up words make a pick-up.
    assert_eq!(
        code_of("EXPIRED CARD - PICK UP"),
        ("33", Outcome::PickUpCard)
    );
    assert_eq!(
        code_of("SUSPECTED FRAUD - PICK UP"),
        ("34", Outcome::PickUpCard)
    );
    assert_eq!(code_of("过期卡，请没收").1, Outcome::PickUpCard);
    assert_eq!(code_of("PIC UP").1, Outcome::PickUpCard);
    // ERROR and CALL do not decide.
    for text in ["CARD READ ERROR", "COMMS ERROR", "CHIP ERROR"] {
        assert_ne!(answer(text).kind, MatchKind::Code, "{text}");
    }
    let m = explain_text("Call help desk");
    assert!(m.is_none_or(|m| m.kind != MatchKind::Code), "{m:?}");
    // 交易失败 is the umbrella triage, not "request in progress".
    assert_eq!(answer("交易失败").kind, MatchKind::Situation);
    // 请换卡 alone is no restricted card to retain.
    let m = explain_text("请换卡");
    assert!(
        m.is_none_or(|m| m.explanations().all(|e| e.outcome != Outcome::PickUpCard)),
        "{m:?}"
    );
    // The most specific phrase wins over the generic ones around it.
    assert_eq!(code_of("无效卡号请联系发卡行或换卡重试").0, "14");
}

#[test]
fn printed_codes_are_read() {
    for (text, code) in [
        ("05 交易失败", "05"),
        ("交易失败 51", "51"),
        ("RC=51", "51"),
        ("(51)", "51"),
        ("交易失败（51）", "51"),
        ("应答码:A0", "A0"),
        ("应答码：A0", "A0"),
        ("DECLINED 05", "05"),
        ("ERROR 96", "96"),
        ("错误码:55", "55"),
    ] {
        let m = answer(text);
        assert_eq!(m.basis, TextBasis::PrintedCode, "{text}");
        assert_eq!(m.explanation().unwrap().code, code, "{text}");
    }
    // Chinese text reads UnionPay's meaning; other text the generic one.
    assert_eq!(
        answer("应答码:05").explanation().unwrap().scheme,
        Scheme::Cup
    );
    assert_eq!(answer("RC 05").explanation().unwrap().scheme, Scheme::Iso87);
    // Numbers that are not codes are not read as codes.
    assert_ne!(answer("PIN TRIES EXCEEDED 3").basis, TextBasis::PrintedCode);
    assert_eq!(code_of("PIN TRIES EXCEEDED 3").0, "75");
}

#[test]
fn synonyms_abbreviations_and_traditional_chinese() {
    for (text, code) in [
        ("请与发卡机构联系", "01"),
        ("请与发卡方联系", "01"),
        ("请与发卡银行联系", "01"),
        ("卡片过期", "54"),
        ("过期卡", "54"),
        ("卡已过期", "54"),
        ("不予承兑", "05"),
        ("INVLD CARD", "14"),
        ("INSUFF FUNDS", "51"),
        ("INSUFFICIENTFUNDS", "51"),
        ("NSF", "51"),
        ("MAX PIN", "75"),
        ("MAX PIN TRIES", "75"),
        ("UNAUTH TRANS", "57"),
        ("TRANS NOT PERMITTED", "57"),
        ("TXN NOT ALLOWED", "57"),
        ("AMT ERROR", "13"),
        ("INVLD MERCH", "03"),
        ("INVALID ACCT", "14"),
        ("DONOTHONOR", "05"),
        ("PICKUPCARD", "04"),
        ("餘額不足", "51"),
        ("請與發卡銀行聯絡", "01"),
        ("卡片過期", "54"),
        ("密碼錯誤", "55"),
        ("查发卡方", "01"),
    ] {
        assert_eq!(code_of(text).0, code, "{text}");
    }
    assert_eq!(code_of("沒收卡").1, Outcome::PickUpCard);
}

#[test]
fn partial_approvals_are_never_full_ones() {
    for text in [
        "PARTIAL APPROVAL",
        "APPROVED - PARTIAL",
        "APPROVED PARTIAL AMOUNT",
        "部分承兑",
        "交易成功 部分",
    ] {
        let m = answer(text);
        assert!(
            m.explanations().all(|e| e.code != "00" && e.code != "000"),
            "{text}: {m:?}"
        );
        assert!(
            m.explanations().any(|e| e.code == "10" || e.code == "002"),
            "{text}"
        );
    }
}

#[test]
fn unrelated_answers_are_ambiguous_with_a_triage() {
    let m = answer("交易失败，请联系发卡行");
    assert_eq!(m.kind, MatchKind::Ambiguous);
    assert!(m.explanations().count() > 5);
    assert_eq!(m.situation().unwrap().id, "contact-issuer-triage");
    let m = answer("CARD EXPIRED - INVALID PIN - DECLINED");
    assert_eq!(m.kind, MatchKind::Ambiguous, "{m:?}");
    assert!(m.situation().is_some());
}

#[test]
fn unknown_texts_get_no_answer() {
    let words_en = [
        "BANANA", "WEATHER", "GUITAR", "PURPLE", "MOUNTAIN", "SANDWICH",
    ];
    let words_zh = ["香蕉", "天气", "吉他", "紫色", "高山", "三明治"];
    for a in words_en {
        for b in words_en {
            assert!(explain_text(&format!("{a} {b}")).is_none(), "{a} {b}");
        }
    }
    for a in words_zh {
        for b in words_zh {
            assert!(explain_text(&format!("{a}{b}")).is_none(), "{a}{b}");
        }
    }
    for text in ["", "   ", "!!!", "12345", "HELLO WORLD"] {
        assert!(explain_text(text).is_none(), "{text:?}");
    }
}

#[test]
fn every_situation_is_reached_by_each_of_its_phrases() {
    let mut count = 0;
    for s in situations() {
        assert!(s.phrases.len() >= 8, "{}", s.id);
        for phrase in s.phrases {
            let m = answer(phrase);
            assert_eq!(m.situation().map(|x| x.id), Some(s.id), "{phrase:?}: {m:?}");
            count += 1;
        }
        assert!(!s.operator_steps.is_empty() && !s.causes.is_empty());
        assert!(!s.call.en.is_empty() && !s.call.zh.is_empty());
    }
    assert!(count > 200, "{count}");
    // The guides' own questions are all there.
    for id in [
        "terminal-no-power",
        "magstripe-unreadable",
        "chip-unreadable",
        "contactless-failed",
        "pin-pad-fault",
        "printer-problem",
        "communication-failure",
        "timeout-unknown-outcome",
        "not-signed-on",
        "software-fault-after-update",
        "user-abnormal",
        "transaction-failed",
        "contact-issuer-triage",
    ] {
        assert!(codes::situation(id).is_some(), "{id}");
    }
}

/// Every known text: display texts of every code, and situation phrases.
fn known_texts() -> Vec<String> {
    let mut texts: Vec<String> = codes::display_texts().map(|(t, _)| t.to_owned()).collect();
    for s in situations() {
        texts.extend(s.phrases.iter().map(|p| (*p).to_owned()));
    }
    texts
}

#[test]
fn a_pick_up_word_always_gives_a_pick_up() {
    let mut checked = 0;
    for text in known_texts() {
        for variant in [
            format!("{text} - PICK UP"),
            format!("PICK UP CARD {text}"),
            format!("{text}，请没收"),
            format!("吞卡 {text}"),
            format!("{text} RETAIN CARD"),
            format!("{text} PICKUP"),
        ] {
            let m = answer(&variant);
            assert!(m.pick_up, "{variant:?}");
            assert!(m.explanations().next().is_some(), "{variant:?}");
            assert!(
                m.explanations().all(|e| e.outcome == Outcome::PickUpCard),
                "{variant:?}: {m:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
    // A negated pick-up word is not one.
    assert!(explain_text("DO NOT PICK UP").is_none_or(|m| !m.pick_up));
}

#[test]
fn a_funds_or_limit_text_never_says_retry_now() {
    let mut checked = 0;
    for (text, codes) in codes::display_texts() {
        let funds = codes.iter().any(|&(s, c)| {
            codes::explain(c, Some(s)).is_some_and(|l| l.explanation.family.id == "funds-limits")
        });
        if !funds {
            continue;
        }
        for variant in [
            text.to_owned(),
            format!("{text} PLEASE RETRY"),
            format!("{text}，请重试"),
            format!("TRY AGAIN {text}"),
            format!("{text} 请稍后重试"),
        ] {
            let m = answer(&variant);
            assert!(
                m.explanations().all(|e| e.retry != Retry::AtOnce),
                "{variant:?}: {m:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn texts_are_read_in_bounded_time_and_space_whatever_their_length() {
    let long = "余额不足".repeat(1000);
    let m = answer(&long);
    assert_eq!(m.explanation().unwrap().code, "51");
    let junk: String = (0..5000u32).filter_map(char::from_u32).collect();
    let _ = explain_text(&junk);
}

/// A text that denies an approval is never answered "approved" (found by a fresh user: these
/// all read as 00 once).
#[test]
fn a_denied_approval_is_never_an_approval() {
    for text in [
        "未批准",
        "交易未批准",
        "不批准",
        "没有批准",
        "批准失败",
        "拒绝批准",
        "NOT ACCEPTED",
        "APPROVAL DENIED",
        "NO APPROVAL",
        "APPROVED? NO",
        "扣款成功但显示失败",
        "交易成功？否",
        "NOT APPROVED",
    ] {
        let m = explain_text(text);
        assert!(
            m.is_none_or(|m| m.explanations().all(|e| e.outcome != Outcome::Approved)),
            "{text}: {m:?}"
        );
    }
    // Charged but shown as failed: the outcome is unclear, the time-out triage applies.
    assert_eq!(
        situation_of("扣款成功但显示失败"),
        "timeout-unknown-outcome"
    );
    // Plain approvals stay approvals.
    assert_eq!(code_of("APPROVED").1, Outcome::Approved);
    assert_eq!(code_of("交易成功").1, Outcome::Approved);
}

#[test]
fn codes_between_words_and_codes_that_disagree_with_the_words() {
    assert_eq!(code_of("DECLINED 51 - SEE BANK").0, "51");
    assert_eq!(code_of("DECLINED 51 CALL").0, "51");
    // The words and the code disagree: both are candidates, not the code alone.
    let m = answer("INSUFFICIENT FUNDS RC 91");
    assert_eq!(m.kind, MatchKind::Ambiguous);
    let codes: Vec<&str> = m.codes().map(|(_, c)| c).collect();
    assert!(codes.contains(&"91") && codes.contains(&"51"), "{codes:?}");
    // A count is not a code.
    assert_eq!(code_of("PIN TRIES EXCEEDED 3").0, "75");
}

#[test]
fn a_negated_pick_up_phrase_is_no_pick_up() {
    for text in [
        "DO NOT RETAIN CARD",
        "DON'T PICK UP",
        "不要没收",
        "请勿没收",
    ] {
        let m = explain_text(text);
        assert!(
            m.is_none_or(
                |m| !m.pick_up && m.explanations().all(|e| e.outcome != Outcome::PickUpCard)
            ),
            "{text}: {m:?}"
        );
    }
    // NO is not taken as a negation: "CARD NO. PICK UP" is a card number and a pick-up.
    for text in [
        "NO PICKUP",
        "51 - CARD NO. PICK UP",
        "RC 51 CASINO PICK UP",
        "卡片过期，无法识别，吞卡",
    ] {
        assert!(
            answer(text)
                .explanations()
                .all(|e| e.outcome == Outcome::PickUpCard),
            "{text}"
        );
    }
    // The pick-up word is what the answer says matched.
    assert_eq!(answer("KEEP CARD").text, "KEEP CARD");
}

#[test]
fn taiwan_and_hong_kong_wordings() {
    assert_eq!(situation_of("晶片讀取失敗"), "chip-unreadable");
    assert_eq!(situation_of("請改用晶片"), "chip-unreadable");
    assert_eq!(situation_of("連線逾時"), "timeout-unknown-outcome");
    assert_eq!(code_of("請洽發卡行").0, "01");
    assert_eq!(code_of("疑似詐騙").0, "59");
    assert_eq!(code_of("請收卡").1, Outcome::PickUpCard);
}

/// Found by an attacker: pick-up and partial words inflected, after many other words, past the
/// length read in one go, or beside a funds text with a re-enter code.
#[test]
fn modifiers_hold_whatever_surrounds_them() {
    for text in [
        "INSUFFICIENT FUNDS - CARD RETAINED".to_owned(),
        "EXPIRED CARD CAPTURED".to_owned(),
        "EXPIRED CARD CONFISCATED".to_owned(),
        "EXPIRED CARD PICKED UP".to_owned(),
        "NSF - RETAINING CARD".to_owned(),
        "余额不足 吃卡".to_owned(),
        "卡被收回".to_owned(),
        format!("INSUFFICIENT FUNDS {}PICK UP", "NSF ".repeat(31)),
        format!("RC 51 {}PICK UP", "COMMS ".repeat(37)),
        format!("INSUFFICIENT FUNDS{}PICK UP", " ".repeat(360)),
        format!("余额不足{}没收", "，请稍后再试".repeat(21)),
        format!("余额不足 PICK UP{}", "譂".repeat(110)),
    ] {
        let m = answer(&text);
        assert!(m.pick_up, "{text}");
        assert!(
            m.explanations().all(|e| e.outcome == Outcome::PickUpCard),
            "{text}: {m:?}"
        );
    }
    for text in [
        "部份批准 00",
        "交易成功 部份扣款",
        "APPROVED PARTLY",
        "APPROVED PARTIALAMOUNT",
        "APPROVED FOR LESSER AMOUNT",
        &format!("APPROVED {}PARTIAL", "TXN ".repeat(31)),
    ] {
        let m = explain_text(text);
        assert!(
            m.is_none_or(|m| m.explanations().all(|e| e.code != "00" && e.code != "000")),
            "{text}: {m:?}"
        );
    }
    for text in [
        "NSF RE-ENTER TRANSACTION",
        "OVER LIMIT - RE-ENTER",
        "NO FUNDS - RE-ENTER",
    ] {
        let m = answer(text);
        assert!(
            m.explanations().all(|e| e.retry != Retry::AtOnce),
            "{text}: {m:?}"
        );
    }
    // A number beside words nobody knows is not a code.
    for text in ["AMOUNT 25", "ROOM 54", "HELLO 12"] {
        assert!(explain_text(text).is_none(), "{text}");
    }
}
