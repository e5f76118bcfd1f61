//! Property test: on random Unicode text (CRLF, BOM, emoji ZWJ sequences, combining marks,
//! quotation marks and reporting verbs mixed in) the suggester never panics, and every
//! suggested span lies inside one paragraph, on grapheme boundaries, with text equal to its
//! slice.

use std::path::Path;

use marginalia::model::{Article, Schema};
use marginalia::suggest::Suggester;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,6}",
        prop::sample::select(vec![
            " said ",
            " told CNN that ",
            "According to ",
            ", according to ",
            " he ",
            "“",
            "”",
            "\"",
            "''",
            ": ",
            ", ",
            ". ",
            "\r\n",
            "\n\n",
            "\r",
            "\u{feff}",
            "e\u{301}",
            "👩\u{200d}👩\u{200d}👧",
            "🇺🇳",
            "漢字",
            "𝄞",
            "’s ",
            "Mr. ",
            "The official ",
            " may ",
            " not ",
            "(",
            ")",
            "—",
            "that ",
            " who ",
            "whose ",
            "\u{200d}",
            "\u{301}",
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn spans_stay_inside_the_text_on_grapheme_boundaries(
        parts in prop::collection::vec(piece(), 1..40)
    ) {
        let raw = parts.concat();
        let Ok(article) = Article::from_text(Path::new("p.txt"), &raw) else {
            return Ok(());
        };
        let suggester = Suggester::builtin();
        let out = suggester.suggest(&article, &Schema::default_schema());
        prop_assert_eq!(&out, &suggester.suggest(&article, &Schema::default_schema()));
        for s in &out {
            prop_assert!((0.0..=1.0).contains(&s.score));
            for span in [&s.cue, &s.source, &s.claim].into_iter().flatten() {
                prop_assert!(span.start < span.end);
                let para = article.para_text(span.para);
                let text = article.para_slice(span.para, span.start, span.end);
                prop_assert_eq!(text, Some(span.text.as_str()));
                prop_assert_eq!(article.slice(span.doc_start, span.doc_end), Some(span.text.as_str()));
                let bounds: Vec<usize> = para.grapheme_indices(true).map(|(i, _)| i).chain([para.len()]).collect();
                let a = article.para_char_to_byte(span.para, span.start);
                let b = article.para_char_to_byte(span.para, span.end);
                prop_assert!(bounds.contains(&a) && bounds.contains(&b), "{:?} in {:?}", span, para);
            }
        }
    }
}
