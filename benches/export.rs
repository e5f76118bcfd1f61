//! Benchmarks of corpus listing and dataset export on a generated corpus of 10,000 articles
//! with 20 claims each (one sidecar per article).
//!
//! `cargo bench --bench export -- --warm-up-time 1 --measurement-time 2`
//! (`MARGINALIA_BENCH_ARTICLES=N` changes the corpus size).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::corpus::{Corpus, summarize};
use marginalia::export::brat::BratRenderer;
use marginalia::export::label_studio::LabelStudioRenderer;
use marginalia::export::table::{TableKind, TableRenderer};
use marginalia::export::{OffsetUnit, Renderer, Selection, export_corpus};
use marginalia::model::Schema;

#[path = "../tests/export_support/mod.rs"]
mod export_support;

fn articles() -> usize {
    std::env::var("MARGINALIA_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn run(corpus: &Corpus, renderer: &dyn Renderer) -> usize {
    let mut out = std::io::sink();
    let stats = export_corpus(
        corpus,
        renderer,
        &Selection::All,
        false,
        &mut out,
        "sink",
        false,
    )
    .expect("export");
    assert!(stats.errors.is_empty(), "{:?}", stats.errors);
    stats.documents
}

fn bench(c: &mut Criterion) {
    let n = articles();
    let dir = tempfile::tempdir().expect("tempdir");
    let started = std::time::Instant::now();
    export_support::generate_corpus(dir.path(), n, 20);
    eprintln!("generated {n} articles in {:.1?}", started.elapsed());
    let schema = Schema::default_schema();

    let mut group = c.benchmark_group(format!("corpus_{n}"));
    group.sample_size(10);
    group.bench_function("scan", |b| {
        b.iter(|| black_box(Corpus::scan(dir.path()).expect("scan").entries().len()));
    });
    let corpus = Corpus::scan(dir.path()).expect("scan");
    assert_eq!(corpus.entries().len(), n);
    // What a corpus browser's background thread does after the listing is shown.
    group.bench_function("summaries", |b| {
        b.iter(|| {
            corpus
                .entries()
                .iter()
                .flat_map(|e| &e.sidecars)
                .map(|s| summarize(&s.path, "Claim").expect("summary").claims)
                .sum::<usize>()
        });
    });
    let jsonl = TableRenderer::new(&schema, TableKind::Jsonl).expect("jsonl");
    group.bench_function("export_jsonl", |b| b.iter(|| run(&corpus, &jsonl)));
    let csv = TableRenderer::new(&schema, TableKind::Csv).expect("csv");
    group.bench_function("export_csv", |b| b.iter(|| run(&corpus, &csv)));
    let ls = LabelStudioRenderer::new(&schema, &corpus.annotators(), OffsetUnit::Codepoint)
        .expect("label studio");
    group.bench_function("export_label_studio", |b| b.iter(|| run(&corpus, &ls)));
    let out = tempfile::tempdir().expect("brat out");
    let brat = BratRenderer::new(&schema, out.path());
    brat.write_conf().expect("conf");
    group.bench_function("export_brat", |b| b.iter(|| run(&corpus, &brat)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
