//! The explanation tables against the reference (../shared/reference/response-codes.tsv):
//! completeness, outcomes, both languages, display texts, scheme overrides, look-up rules.

use std::collections::HashMap;

use iso8583_response::codes::{self, Basis, Lang, Outcome, Scheme, explain};
#[cfg(feature = "alloc")]
use iso8583_response::codes::{TextBasis, explain_text};

const TSV: &str = include_str!("../../data/reference/response-codes.tsv");

struct Row<'a> {
    scheme: &'a str,
    code: &'a str,
    meaning: &'a str,
    display_zh: &'a str,
    outcome: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    TSV.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row {
                scheme: c[0],
                code: c[1],
                meaning: c[2],
                display_zh: c[3],
                outcome: c[4],
            }
        })
        .collect()
}

fn scheme_of(name: &str) -> Scheme {
    match name {
        "ISO8583:1987" => Scheme::Iso87,
        "ISO8583:1993" | "ISO8583:1993-private" => Scheme::Iso93,
        "Visa" => Scheme::Visa,
        "Mastercard" => Scheme::Mastercard,
        "CUP" => Scheme::Cup,
        "CUP-POS-legacy" => Scheme::CupLegacy,
        other => panic!("unknown scheme {other}"),
    }
}

fn outcome_of(name: &str) -> Outcome {
    match name {
        "approved" => Outcome::Approved,
        "declined" => Outcome::Declined,
        "refer-to-issuer" => Outcome::ReferToIssuer,
        "pick-up-card" => Outcome::PickUpCard,
        "retry-later" => Outcome::RetryLater,
        "re-enter" => Outcome::ReEnter,
        "format-or-system-error" => Outcome::FormatOrSystemError,
        "fraud-or-security" => Outcome::FraudOrSecurity,
        other => panic!("unknown outcome {other}"),
    }
}

/// Every row of the reference is in its table, found exactly (or as the range it is), with the
/// same outcome unless the entry's note says why; unverified rows are marked so.
#[test]
fn every_reference_row_is_explained_with_its_outcome() {
    let rows = rows();
    assert!(rows.len() > 450);
    let entries: HashMap<(Scheme, &str), &codes::Explanation> = Scheme::ALL
        .iter()
        .flat_map(|&s| s.entries().map(move |e| ((s, e.code), e)))
        .collect();
    for row in &rows {
        let scheme = scheme_of(row.scheme);
        let e = entries
            .get(&(scheme, row.code))
            .unwrap_or_else(|| panic!("{} {} missing", row.scheme, row.code));
        let unverified = row.meaning.contains("[unverified");
        assert_eq!(
            e.verified, !unverified,
            "{} {}: verified flag",
            row.scheme, row.code
        );
        assert_eq!(
            e.private,
            row.scheme == "ISO8583:1993-private",
            "{} {}",
            row.scheme,
            row.code
        );
        if e.note.is_none() {
            assert_eq!(
                e.outcome,
                outcome_of(row.outcome),
                "{} {}: outcome",
                row.scheme,
                row.code
            );
        }
        if !row.code.contains('-') {
            let found = explain(row.code, Some(scheme)).unwrap();
            assert_eq!(found.basis, Basis::Exact, "{} {}", row.scheme, row.code);
            assert!(
                std::ptr::eq(found.explanation, *e),
                "{} {}",
                row.scheme,
                row.code
            );
        }
    }
    // Nothing in the tables that the reference lacks, except entries marked unverified that
    // say where they come from (CUP A9, a terminal wording with no primary source).
    let listed: std::collections::HashSet<(Scheme, &str)> =
        rows.iter().map(|r| (scheme_of(r.scheme), r.code)).collect();
    for (key, e) in &entries {
        if !e.verified && e.note.is_some() {
            continue;
        }
        assert!(listed.contains(key), "{:?} is not in the reference", key);
    }
}

/// CUP display texts are kept exactly as the reference prints them.
#[test]
fn cup_display_texts_are_the_references() {
    for row in rows().iter().filter(|r| r.scheme.starts_with("CUP")) {
        if row.display_zh.is_empty() {
            continue;
        }
        let e = explain(row.code, Some(scheme_of(row.scheme)))
            .unwrap()
            .explanation;
        for variant in row.display_zh.split(" / ") {
            let variant = variant.trim();
            assert!(
                e.display
                    .iter()
                    .any(|d| *d == variant || variant.starts_with(*d)),
                "{} {}: display {variant:?} not in {:?}",
                row.scheme,
                row.code,
                e.display
            );
        }
    }
}

#[test]
fn every_text_exists_in_both_languages() {
    let mut count = 0;
    for scheme in Scheme::ALL {
        for e in scheme.entries() {
            for t in [&e.meaning]
                .into_iter()
                .chain(e.causes)
                .chain(e.operator_steps)
                .chain(e.cardholder_steps)
            {
                assert!(
                    !t.en.trim().is_empty(),
                    "{scheme} {}: empty English",
                    e.code
                );
                assert!(
                    !t.zh.trim().is_empty(),
                    "{scheme} {}: empty Chinese",
                    e.code
                );
                assert!(
                    t.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{scheme} {}: {:?} is not Chinese",
                    e.code,
                    t.zh
                );
                assert!(
                    t.en.is_ascii() || t.en.contains('’'),
                    "{scheme} {}: {:?} is not English",
                    e.code,
                    t.en
                );
            }
            assert!(
                !e.operator_steps.is_empty() && !e.cardholder_steps.is_empty(),
                "{scheme} {}",
                e.code
            );
            // Terminal classes belong to the legacy CUP table (which gives none for 17 and 76).
            if scheme != Scheme::CupLegacy {
                assert!(e.class.is_none(), "{scheme} {}", e.code);
            }
            count += 1;
        }
    }
    assert!(count > 450);
    let classed = Scheme::CupLegacy
        .entries()
        .filter(|e| e.class.is_some())
        .count();
    assert!(classed >= 60, "{classed}");
    for f in codes::families() {
        assert!(!f.name.en.is_empty() && !f.name.zh.is_empty());
        assert!(!f.operator_steps.is_empty() && !f.cardholder_steps.is_empty());
    }
}

/// Every display text leads back to its code.
#[cfg(feature = "alloc")]
#[test]
fn display_texts_lead_back_to_their_codes() {
    let mut count = 0;
    for scheme in Scheme::ALL {
        for e in scheme.entries().filter(|e| !e.code.contains('-')) {
            for text in e.display {
                let m =
                    explain_text(text).unwrap_or_else(|| panic!("{scheme} {}: {text:?}", e.code));
                assert_eq!(m.basis, TextBasis::Exact, "{text}");
                let codes: Vec<_> = m.codes().collect();
                // The code itself, or, where a table lists the same text for a code and its
                // pick-up counterpart (legacy CUP 54 and 33), the code without a pick-up word.
                let twin = e.outcome == Outcome::PickUpCard
                    && codes.iter().any(|&(s, c)| {
                        s == scheme
                            && explain(c, Some(s)).unwrap().explanation.outcome
                                != Outcome::PickUpCard
                    });
                assert!(
                    codes.contains(&(scheme, e.code)) || twin,
                    "{text:?} gives {codes:?}"
                );
                count += 1;
            }
        }
    }
    assert!(count > 100, "{count}");
    for (text, codes) in codes::display_texts() {
        for &(scheme, code) in codes {
            assert!(
                explain(code, Some(scheme)).is_some(),
                "{text}: {scheme} {code}"
            );
        }
    }
}

#[cfg(feature = "alloc")]
#[test]
fn display_texts_from_terminals() {
    let cases: &[(&str, Scheme, &str)] = &[
        ("CONTACT ISSUER", Scheme::Iso87, "01"),
        ("contact issuer", Scheme::Iso87, "01"),
        ("ＣＯＮＴＡＣＴ　ＩＳＳＵＥＲ", Scheme::Iso87, "01"),
        ("Call Issuer", Scheme::Iso87, "01"),
        ("REFER TO CARD ISSUER", Scheme::Iso87, "01"),
        ("DO NOT HONOR", Scheme::Iso87, "05"),
        ("insufficient funds", Scheme::Iso87, "51"),
        ("EXPIRED CARD", Scheme::Iso87, "54"),
        ("PICK UP CARD", Scheme::Iso87, "04"),
        ("INCORRECT PIN", Scheme::Iso87, "55"),
        ("请与发卡行联系", Scheme::Cup, "01"),
        ("请持卡人与发卡银行联系", Scheme::Cup, "01"),
        ("余额不足", Scheme::Cup, "51"),
        ("过期卡", Scheme::Cup, "54"),
        ("密码错", Scheme::Cup, "55"),
        ("交易失败，请联系发卡行", Scheme::CupLegacy, "01"),
        ("交易失败,请联系发卡行", Scheme::CupLegacy, "01"),
        ("余额不足，请查询", Scheme::CupLegacy, "51"),
        ("MAC校验错，请重新签到", Scheme::Cup, "A0"),
    ];
    for &(text, scheme, code) in cases {
        let m = explain_text(text).unwrap_or_else(|| panic!("{text:?} matched nothing"));
        let codes: Vec<_> = m.codes().collect();
        assert!(codes.contains(&(scheme, code)), "{text:?}: {codes:?}");
    }
    // A longer screen message containing a known text.
    let m = explain_text("交易失败 余额不足，请查询").unwrap();
    assert_eq!(m.basis, TextBasis::Contains);
    assert!(m.codes().any(|(_, c)| c == "51"));
    // The code printed in it decides.
    let m = explain_text("交易失败 余额不足，请查询 (51)").unwrap();
    assert_eq!(m.basis, TextBasis::PrintedCode);
    assert_eq!(m.explanation().unwrap().code, "51");
    assert!(explain_text("HELLO WORLD").is_none());
    assert!(explain_text("   ").is_none());
}

#[test]
fn scheme_tables_win_over_the_generic_one() {
    let iso = explain("05", None).unwrap().explanation;
    let cup = explain("05", Some(Scheme::Cup)).unwrap().explanation;
    assert_eq!(iso.scheme, Scheme::Iso87);
    assert_eq!(cup.scheme, Scheme::Cup);
    assert_ne!(iso.meaning.en, cup.meaning.en);
    for code in ["76", "79", "89"] {
        let visa = explain(code, Some(Scheme::Visa)).unwrap().explanation;
        let mc = explain(code, Some(Scheme::Mastercard)).unwrap().explanation;
        assert_eq!(
            (visa.scheme, mc.scheme),
            (Scheme::Visa, Scheme::Mastercard),
            "{code}"
        );
        assert_ne!(visa.meaning.en, mc.meaning.en, "{code}");
    }
    let a0 = explain("A0", Some(Scheme::Cup)).unwrap();
    assert_eq!(a0.basis, Basis::Exact);
    assert_eq!(a0.explanation.family.id, "security-auth");
}

#[test]
fn unknown_codes_get_a_class_or_nothing() {
    // A code a scheme lacks falls back to the generic table.
    let l = explain("08", Some(Scheme::Cup)).unwrap();
    assert_eq!(
        (l.basis, l.explanation.scheme),
        (Basis::Generic, Scheme::Iso87)
    );
    // Every two-character upper-case alphanumeric code and every three-digit code has an answer.
    let alnum = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for &a in alnum {
        for &b in alnum {
            let code = String::from_utf8(vec![a, b]).unwrap();
            assert!(explain(&code, None).is_some(), "{code}");
        }
    }
    for n in 0..1000 {
        let code = format!("{n:03}");
        let l = explain(&code, None).unwrap();
        if l.basis == Basis::Range {
            assert!(l.explanation.code.contains('-'));
        }
    }
    let l = explain("050", None).unwrap();
    assert_eq!((l.basis, l.explanation.code), (Basis::Range, "008-059"));
    assert_eq!(l.code.as_str(), "050");
    let l = explain("Q7", None).unwrap();
    assert_eq!(l.basis, Basis::Range);
    assert!(explain("a1", None).is_none());
    assert!(explain("1234", None).is_none());
    assert!(explain("", None).is_none());
    assert!(explain("9", None).is_none());
}

#[test]
fn languages_are_chosen_by_tag() {
    let e = explain("51", None).unwrap().explanation;
    assert_eq!(e.meaning.get(Lang::En), e.meaning.en);
    assert_eq!(e.meaning.get(Lang::Zh), e.meaning.zh);
    assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
    assert_eq!(Lang::from_tag("fr"), None);
    assert_eq!(Scheme::from_name("cup-legacy"), Some(Scheme::CupLegacy));
    assert_eq!(Scheme::CupLegacy.to_string(), "cup-legacy");
}

/// The legacy CUP classes are explained, and no entry's retry advice is looser than its class
/// allows unless its note says why.
#[test]
fn legacy_classes_are_explained_and_agree_with_retry_advice() {
    use iso8583_response::codes::Retry;
    let rank = |r: Retry| match r {
        Retry::AtOnce => 0,
        Retry::Later => 1,
        Retry::AfterFix => 2,
        _ => 3,
    };
    let mut classed = 0;
    for e in Scheme::CupLegacy.entries() {
        let Some(class) = e.legacy_class() else {
            continue;
        };
        classed += 1;
        assert_eq!(Some(class.class), e.class);
        assert!(!class.meaning.en.is_empty() && !class.meaning.zh.is_empty());
        assert!(
            rank(e.retry) >= rank(class.retry) || e.note.is_some(),
            "cup-legacy {} (class {}) retry {:?} is looser than its class",
            e.code,
            class.class,
            e.retry
        );
    }
    assert!(classed >= 60, "{classed}");
}
