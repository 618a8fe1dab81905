//! The held-out corpus (tests/heldout/, collected from public sources the tables were not
//! written from): how often real terminal texts and merchants' words get the right answer, and
//! that none gets an unsafe one.
//!
//! Unsafe: a text with a pick-up word answered with a code that does not keep the card; a
//! decline answered as an approval; a funds or limit decline answered "retry now". An ambiguous
//! answer or no answer is honest, not unsafe. Texts the source calls pick-ups but whose words
//! do not say so (ISO 60 "contact acquirer" where a processor's note adds "collect the card")
//! are counted and printed, not failed.

use iso8583_response::codes::{MatchKind, Outcome, Retry, TextMatch, explain_text};

fn rows(file: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(format!(
        "{}/tests/heldout/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn outcome_name(m: &TextMatch) -> &'static str {
    match m.kind {
        MatchKind::Code => m.explanation().unwrap().outcome.as_str(),
        MatchKind::Situation => "situation",
        _ => "ambiguous",
    }
}

#[test]
fn terminal_texts_get_the_right_outcome_and_never_an_unsafe_one() {
    let rows = rows("terminal-texts.tsv");
    let (mut total, mut answered, mut right_outcome, mut right_code, mut with_code) =
        (0, 0, 0, 0, 0);
    let mut unsafe_answers = Vec::new();
    let mut misses = Vec::new();
    let mut pick_up_missed = Vec::new();
    for r in &rows {
        let [text, _scheme, code, outcome, _source] = &r[..] else {
            panic!("bad row {r:?}");
        };
        total += 1;
        let Some(m) = explain_text(text) else {
            misses.push((text.clone(), code.clone()));
            continue;
        };
        answered += 1;
        let ours = outcome_name(&m);
        if code != "-" {
            with_code += 1;
            if ours == outcome {
                right_outcome += 1;
            }
            if m.kind == MatchKind::Code && m.codes().any(|(_, c)| c == code) {
                right_code += 1;
            }
        }
        if m.kind == MatchKind::Code {
            let e = m.explanation().unwrap();
            let funds = ["51", "61", "65", "116", "121", "123"].contains(&code.as_str());
            if outcome == "pick_up_card" && e.outcome != Outcome::PickUpCard {
                pick_up_missed.push(format!("{text} -> {} {}", e.scheme, e.code));
            }
            if (outcome == "pick_up_card" && e.outcome != Outcome::PickUpCard && m.pick_up)
                || (outcome != "approved" && e.outcome == Outcome::Approved)
                || (funds && e.retry == Retry::AtOnce)
            {
                unsafe_answers.push(format!("{text} -> {} {} ({ours})", e.scheme, e.code));
            }
        }
    }
    println!(
        "held-out terminal texts: {total}; answered {answered}; of the {with_code} with a code: \
         right outcome {right_outcome}, right code {right_code}; no answer {}; pick-up by the source but not \
         by us (no pick-up word in the text): {}",
        misses.len(),
        pick_up_missed.len()
    );
    let ascii = misses.iter().filter(|(t, _)| t.is_ascii()).count();
    let coded = misses.iter().filter(|(_, c)| c != "-").count();
    println!(
        "no answer: {ascii} English, {} Chinese; {coded} of them with a code in the source",
        misses.len() - ascii
    );
    assert!(unsafe_answers.is_empty(), "unsafe: {unsafe_answers:#?}");
    // Floors a little under what was measured when the matcher was built (see the closing note
    // of issue 9): a regression shows here.
    assert!(
        right_outcome * 100 >= with_code * 75,
        "{right_outcome} of {with_code}"
    );
    assert!(
        right_code * 100 >= with_code * 80,
        "{right_code} of {with_code}"
    );
}

#[test]
fn merchant_phrasings_reach_the_right_situation() {
    let rows = rows("merchant-phrasings.tsv");
    let (mut total, mut right_situation, mut right_family) = (0, 0, 0);
    for r in &rows {
        let [text, situation, family, _source] = &r[..] else {
            panic!("bad row {r:?}");
        };
        total += 1;
        let Some(m) = explain_text(text) else {
            continue;
        };
        let s = m.situation();
        if s.is_some_and(|s| s.id == situation) {
            right_situation += 1;
        }
        let fam = s
            .map(|s| s.family.id)
            .or_else(|| m.explanation().map(|e| e.family.id));
        if fam == Some(family.as_str()) {
            right_family += 1;
        }
    }
    println!(
        "held-out merchant phrasings: {total}; right situation {right_situation}; right family {right_family}"
    );
    assert!(
        right_family * 100 >= total * 60,
        "{right_family} of {total}"
    );
}
