#![no_main]

//! Any text: no panic; every answer is consistent (a code answer has its explanation, a
//! situation answer its situation); the safety rules hold (a pick-up word never gives a
//! non-pick-up answer; an approval is never given for a text that says partial).

use iso8583_response::codes::{MatchKind, Outcome, Scheme, explain, explain_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(found) = explain_text(text) {
        match found.kind {
            MatchKind::Code => assert!(found.explanation().is_some()),
            MatchKind::Situation => assert!(found.situation().is_some()),
            _ => assert!(found.explanations().next().is_some() && found.situation().is_some()),
        }
        if found.pick_up {
            assert!(
                found
                    .explanations()
                    .all(|e| e.outcome == Outcome::PickUpCard)
            );
        }
        assert!(!found.text.is_empty());
    }
    for scheme in [None].into_iter().chain(Scheme::ALL.map(Some)) {
        if let Some(l) = explain(text, scheme) {
            assert_eq!(l.code.as_str(), text);
            assert!(!l.explanation.meaning.en.is_empty() && !l.explanation.meaning.zh.is_empty());
        }
    }
});
