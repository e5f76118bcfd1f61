//! Loading 10 MB articles (one paragraph; many paragraphs), parsing / opening a sidecar with
//! 3,000 spans written against them, and re-anchoring those spans after an edit.
//!
//! `cargo bench --bench load -- --warm-up-time 1 --measurement-time 2`

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::store::sidecar::{parse, save, to_ron};
use marginalia::store::{OpenedSidecar, reanchor};

const TEN_MB: usize = 10 * 1024 * 1024;
const SENTENCE: &str = "The “port” official 林 said the talks could collapse 👩‍👩‍👧 at any moment. ";

fn write_article(dir: &Path, name: &str, paragraph_every: Option<usize>) -> PathBuf {
    let mut text = String::with_capacity(TEN_MB + 1024);
    let mut n = 0;
    while text.len() < TEN_MB {
        text.push_str(SENTENCE);
        n += 1;
        if paragraph_every.is_some_and(|every| n % every == 0) {
            text.push_str("\n\n");
        }
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A sidecar with `n` claims spread over the article.
fn annotate(article: &Article, schema: &Schema, n: usize) -> AnnotationDoc {
    let mut doc = AnnotationDoc::new(schema, article, "bench", "2026-01-01T00:00:00Z");
    let paras = article.paragraphs();
    for i in 0..n {
        let p = &paras[i * paras.len() / n];
        let start = (i * 7919) % p.char_len.saturating_sub(40).max(1);
        doc.add_span(schema, article, "Claim", p.index, start, start + 30)
            .unwrap();
    }
    doc
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let schema = Schema::default_schema();
    for (name, every) in [("single-paragraph", None), ("many-paragraphs", Some(4))] {
        let path = write_article(dir.path(), &format!("{name}.txt"), every);
        c.bench_function(&format!("Article::load 10 MB {name}"), |b| {
            b.iter(|| Article::load(&path).unwrap())
        });
        let article = Article::load(&path).unwrap();
        let doc = annotate(&article, &schema, 3_000);
        let text = to_ron(&doc);
        c.bench_function(&format!("sidecar parse 3000 spans ({name})"), |b| {
            b.iter(|| parse(&text, Path::new("x.ann.ron")).unwrap())
        });
        let sidecar = dir.path().join(format!("{name}.bench.ann.ron"));
        save(&sidecar, &doc).unwrap();
        c.bench_function(
            &format!("OpenedSidecar::open load+parse+check 3000 spans ({name})"),
            |b| b.iter(|| OpenedSidecar::open(&article, "bench", &schema).unwrap()),
        );
        // Text inserted at the very start: every span of the single paragraph shifts (exact
        // quote search near the old place); with many paragraphs, every paragraph moves.
        let prefix = if every.is_some() {
            "Breaking.\n\n"
        } else {
            "Breaking: "
        };
        let shifted = Article::from_text(&path, &format!("{prefix}{}", article.text())).unwrap();
        c.bench_function(
            &format!("reanchor 3000 spans after an insertion ({name})"),
            |b| {
                b.iter_batched(
                    || doc.clone(),
                    |mut d| reanchor(&mut d, &shifted),
                    criterion::BatchSize::LargeInput,
                )
            },
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
