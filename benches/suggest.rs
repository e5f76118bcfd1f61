//! Speed of `marginalia suggest`: a 600-word news article (target < 2 ms) and the 10 MB
//! benchmark articles of `benches/load.rs`, one paragraph and many (target < 1 s), so the
//! rules stay linear in the text.
//!
//! `cargo bench --bench suggest -- --warm-up-time 1 --measurement-time 3`

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::model::{Article, Schema};
use marginalia::suggest::Suggester;

const TEN_MB: usize = 10 * 1024 * 1024;
/// The sentence of `benches/load.rs`.
const SENTENCE: &str = "The “port” official 林 said the talks could collapse 👩‍👩‍👧 at any moment. ";

/// Paragraphs of wire-style attribution, written for this benchmark (about 100 words).
const WIRE: &[&str] = &[
    "The transport union said on Monday that its members would stay off the job until the port authority restores the night bonus.",
    "“We are losing money every day,” said Anna Berg, who runs a cargo firm. She added that two drivers had quit.",
    "A senior official told Reuters that talks were close to a deal, but the official said they could still collapse.",
    "According to the chamber of commerce, exports fell by 18% in the first week. The mayor denied that the city had ignored warnings.",
];

fn wire_article(words: usize) -> String {
    let mut text = String::from("Dock strike enters second week\n\n");
    let mut i = 0;
    while text.split_whitespace().count() < words {
        text.push_str(WIRE[i % WIRE.len()]);
        text.push_str("\n\n");
        i += 1;
    }
    text
}

fn big_article(paragraph_every: Option<usize>) -> String {
    let mut text = String::with_capacity(TEN_MB + 1024);
    let mut n = 0;
    while text.len() < TEN_MB {
        text.push_str(SENTENCE);
        n += 1;
        if paragraph_every.is_some_and(|every| n % every == 0) {
            text.push_str("\n\n");
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let schema = Schema::default_schema();
    let suggester = Suggester::builtin();
    let wire = Article::from_text(Path::new("wire.txt"), &wire_article(600)).unwrap();
    assert!(suggester.suggest(&wire, &schema).len() >= 20);
    c.bench_function("suggest 600-word article", |b| {
        b.iter(|| suggester.suggest(&wire, &schema));
    });
    let mut group = c.benchmark_group("suggest 10 MB");
    group.sample_size(10);
    for (name, every) in [("single-paragraph", None), ("many-paragraphs", Some(4))] {
        let article = Article::from_text(Path::new("big.txt"), &big_article(every)).unwrap();
        group.bench_function(name, |b| b.iter(|| suggester.suggest(&article, &schema)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
