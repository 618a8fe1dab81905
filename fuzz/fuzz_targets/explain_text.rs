#![no_main]

use iso8583_response::codes::{Scheme, TextBasis, explain, explain_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(found) = explain_text(text) {
        assert!(!found.codes.is_empty());
        if found.basis == TextBasis::Exact {
            assert!(!found.text.is_empty());
        }
        // Every code a display text names has an explanation in its scheme.
        assert_eq!(found.explanations().count(), found.codes.len());
    }
    for scheme in [None].into_iter().chain(Scheme::ALL.map(Some)) {
        if let Some(l) = explain(text, scheme) {
            assert_eq!(l.code.as_str(), text);
            assert!(!l.explanation.meaning.en.is_empty() && !l.explanation.meaning.zh.is_empty());
        }
    }
});
