//! Review on the bundled sample data: `marginalia agree sample-data --annotators alice,bob`
//! end to end, and adjudication of wire-001 resumed from its gold sidecar and completed.

use std::path::Path;
use std::process::Command;

use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::review::adjudicate::{Adjudication, Decision};
use marginalia::store::{GOLD, load_for_article, sidecar, sidecar_path};

fn sample(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

fn load(article: &Path, annotator: &str) -> Option<AnnotationDoc> {
    let text = Article::load(article).expect("article");
    load_for_article(&sidecar_path(article, annotator), &text)
        .expect("sidecar parses")
        .map(|(doc, _)| doc)
}

#[test]
fn agree_on_sample_data_compares_every_annotated_article() {
    let out = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "agree",
            "sample-data",
            "--annotators",
            "alice,bob",
            "--json",
        ])
        .output()
        .expect("run marginalia");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let docs = json["documents"].as_array().expect("documents");
    let names: Vec<&str> = docs.iter().filter_map(|d| d["article"].as_str()).collect();
    assert_eq!(
        names,
        [
            "sample-data/wire-001.txt",
            "sample-data/wire-002.txt",
            "sample-data/wire-003.md"
        ]
    );
    assert_eq!(json["skipped"].as_array().map(Vec::len), Some(0));
    // Span counts in the report are the sidecars' spans, per kind, summed over the corpus.
    let mut claims = [0usize; 2];
    for d in &names {
        for (i, who) in ["alice", "bob"].iter().enumerate() {
            let doc = load(&sample(d.trim_start_matches("sample-data/")), who).expect("sidecar");
            claims[i] += doc.spans.iter().filter(|s| s.kind == "Claim").count();
        }
    }
    let corpus_claims = json["corpus"]["spans"]
        .as_array()
        .and_then(|k| k.iter().find(|k| k["kind"] == "Claim"))
        .expect("Claim row");
    assert_eq!(corpus_claims["spans"][0].as_u64(), Some(claims[0] as u64));
    assert_eq!(corpus_claims["spans"][1].as_u64(), Some(claims[1] as u64));
    let f1 = corpus_claims["overlap"]["f1"]["value"]
        .as_f64()
        .expect("defined");
    assert!((0.0..=1.0).contains(&f1));

    let text = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["agree", "sample-data", "--annotators", "alice,bob"])
        .output()
        .expect("run marginalia");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("=== corpus: 3 documents pooled ==="),
        "{text}"
    );
    assert!(text.contains("Cohen κ"), "{text}");
}

#[test]
fn adjudicating_wire_001_resumes_from_its_gold_sidecar() {
    let article_path = sample("wire-001.txt");
    let article = Article::load(&article_path).expect("article");
    let docs = vec![
        load(&article_path, "alice").expect("alice"),
        load(&article_path, "bob").expect("bob"),
    ];
    let gold = load(&article_path, GOLD).expect("gold sidecar");
    let schema = Schema::default_schema();
    let resumed = Adjudication::new(
        &schema,
        &article,
        docs.clone(),
        Some(gold.clone()),
        "2026-03-01T00:00:00Z",
    );
    let progress = resumed.progress();
    assert_eq!(
        progress.decided, progress.total,
        "the sample gold file is fully adjudicated: every item is reflected in it"
    );
    assert_eq!(
        resumed.gold(),
        &gold,
        "resuming does not change the gold document"
    );
    // From scratch: accept agreements, then take the first annotator present everywhere else.
    let mut adj = Adjudication::new(&schema, &article, docs, None, "2026-03-01T00:00:00Z");
    assert_eq!(adj.progress().total, progress.total);
    adj.accept_agreements("2026-03-01T00:00:00Z");
    while let Some(next) = adj.next_undecided(None) {
        let who = adj
            .item(next)
            .and_then(|i| i.present().first().copied())
            .expect("someone");
        adj.decide(next, Decision::Take(who), "2026-03-01T00:00:00Z")
            .expect("decide");
    }
    let done = adj.progress();
    assert_eq!(done.decided, done.total);
    // The result is an ordinary sidecar that loads again with every link intact.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wire-001.gold.ann.ron");
    sidecar::save(&path, adj.gold()).expect("save");
    let back = sidecar::load(&path).expect("parse").expect("exists");
    assert_eq!(&back, adj.gold());
    for a in &back.attributions {
        assert!(back.span(&a.claim).is_some());
        assert!(a.sources.iter().all(|s| back.span(s).is_some()));
    }
    for s in &back.spans {
        assert!(s.entity.as_ref().is_none_or(|e| back.entity(e).is_some()));
    }
}
