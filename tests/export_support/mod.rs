//! Corpora built with the model API for the export and import tests and the export benchmark:
//! the sample article annotated by two annotators, and a generated corpus of any size.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use marginalia::model::{AnnotationDoc, Article, Confidence, Schema};
use marginalia::store::{sidecar, sidecar_path};

/// A fixed timestamp so that sidecars and exports are reproducible.
pub const NOW: &str = "2026-01-01T00:00:00Z";

/// Paragraph-relative character range of the `nth` occurrence of `needle` in paragraph `para`.
pub fn find(article: &Article, para: usize, needle: &str, nth: usize) -> (usize, usize) {
    let text = article.para_text(para);
    let (byte, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` not in paragraph {para}: {text}"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// Builds one annotator's document quote by quote.
pub struct Builder<'a> {
    pub schema: &'a Schema,
    pub article: &'a Article,
    pub doc: AnnotationDoc,
}

impl<'a> Builder<'a> {
    pub fn new(schema: &'a Schema, article: &'a Article, annotator: &str) -> Self {
        Self {
            schema,
            article,
            doc: AnnotationDoc::new(schema, article, annotator, NOW),
        }
    }

    pub fn span(&mut self, kind: &str, para: usize, quote: &str, nth: usize) -> String {
        let (s, e) = find(self.article, para, quote, nth);
        let id = self
            .doc
            .add_span(self.schema, self.article, kind, para, s, e)
            .expect("span");
        let attrs = self.schema.span_kind(kind).map(|k| k.attrs.clone());
        self.choose_defaults(&id, &attrs.unwrap_or_default());
        id
    }

    /// These annotators chose every value: the schema default where no other is set
    /// (new records carry no values until one is chosen).
    fn choose_defaults(&mut self, id: &str, attrs: &[String]) {
        for (k, v) in self.schema.defaults_for(attrs) {
            self.doc
                .set_attr(self.schema, id, &k, Some(&v))
                .expect("default value");
        }
    }

    pub fn entity(&mut self, name: &str, attrs: &[(&str, &str)]) -> String {
        let id = self
            .doc
            .add_entity(self.schema, "SpeakerEntity", name)
            .expect("entity");
        let kind = self
            .schema
            .entity_kind("SpeakerEntity")
            .map(|k| k.attrs.clone());
        self.choose_defaults(&id, &kind.unwrap_or_default());
        self.set(&id, attrs);
        id
    }

    pub fn speaker(&mut self, para: usize, quote: &str, entity: &str) -> String {
        let id = self.span("Speaker", para, quote, 0);
        self.doc.span_mut(&id).expect("speaker").entity = Some(entity.to_owned());
        id
    }

    pub fn set(&mut self, id: &str, attrs: &[(&str, &str)]) {
        for (k, v) in attrs {
            self.doc
                .set_attr(self.schema, id, k, Some(v))
                .expect("attribute");
        }
    }

    pub fn attribute(&mut self, claim: &str, sources: &[&str], cue: Option<&str>) -> String {
        let sources: Vec<String> = sources.iter().map(|s| (*s).to_owned()).collect();
        let id = self
            .doc
            .attribute(self.schema, claim, &sources, cue)
            .expect("attribution");
        let attrs = self.schema.relation.attrs.clone();
        self.choose_defaults(&id, &attrs);
        id
    }

    pub fn save(mut self, article_path: &Path) -> PathBuf {
        self.doc.canonicalize();
        let path = sidecar_path(article_path, &self.doc.annotator);
        sidecar::save(&path, &self.doc).expect("save sidecar");
        path
    }
}

/// Copy `sample-data/wire-001.txt` into `dir` and annotate it as `alice` and `gold`
/// (gold differs: one claim fewer and another certainty).
pub fn wire_corpus(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/wire-001.txt");
    let path = dir.join("wire-001.txt");
    std::fs::copy(&src, &path).expect("copy sample article");
    let article = Article::load(&path).expect("load article");
    let schema = Schema::default_schema();
    for annotator in ["alice", "gold"] {
        let mut b = Builder::new(&schema, &article, annotator);
        let headline = b.span(
            "Claim",
            0,
            "Port of Valmora braces for second week of dock strike",
            0,
        );
        b.set(
            &headline,
            &[("quote_form", "none"), ("check_worthiness", "unimportant")],
        );

        let union = b.entity(
            "Valmora Dockworkers’ Union",
            &[
                ("speaker_type", "ngo_civil_society"),
                ("identification", "named_organization"),
            ],
        );
        let s1 = b.speaker(1, "The Valmora Dockworkers’ Union", &union);
        let k1 = b.span("Cue", 1, "said", 0);
        let c1 = b.span(
            "Claim",
            1,
            "its members would stay off the job until the port authority restores the night-shift bonus it cut in March",
            0,
        );
        b.set(
            &c1,
            &[
                ("claim_type", "event"),
                ("check_worthiness", "check_worthy"),
            ],
        );
        let a1 = b.attribute(&c1, &[&s1], Some(&k1));
        b.set(&a1, &[("stake", "self"), ("knowledge", "first_hand")]);

        let official = b.entity(
            "port authority official (unnamed)",
            &[
                ("speaker_type", "government"),
                ("identification", "anonymous_described"),
            ],
        );
        let s2 = b.speaker(2, "a port authority official", &official);
        let k2 = b.span("Cue", 2, "told the Harbour Gazette", 0);
        let c2 = b.span(
            "Claim",
            2,
            "talks with the union are close to producing an agreement on overtime pay",
            0,
        );
        b.set(
            &c2,
            &[("claim_type", "prediction"), ("certainty", "probable")],
        );
        let a2 = b.attribute(&c2, &[&s2], Some(&k2));
        b.set(
            &a2,
            &[
                ("channel", "other_outlet"),
                ("via", "Harbour Gazette"),
                ("stake", "third_party"),
            ],
        );
        b.doc.span_mut(&c2).expect("c2").confidence = Confidence::Medium;
        b.doc.span_mut(&c2).expect("c2").note =
            Some("certainty rated on \"producing an agreement\"".to_owned());

        let s3 = b.speaker(2, "the official", &official);
        let k3 = b.span("Cue", 2, "said", 0);
        let c3 = b.span("Claim", 2, "the negotiations are “fragile”", 0);
        b.set(
            &c3,
            &[("claim_type", "characterization"), ("quote_form", "mixed")],
        );
        let a3 = b.attribute(&c3, &[&s3], Some(&k3));
        b.set(
            &a3,
            &[("channel", "other_outlet"), ("via", "Harbour Gazette")],
        );
        if annotator == "alice" {
            let c4 = b.span("Claim", 2, "could collapse at any moment", 0);
            b.set(
                &c4,
                &[("claim_type", "prediction"), ("certainty", "possible")],
            );
            b.attribute(&c4, &[&s3], Some(&k3));
        }

        let minister = b.entity(
            "Ilse Marquardt",
            &[
                ("speaker_type", "government"),
                ("identification", "named_person"),
            ],
        );
        let s5 = b.speaker(3, "Transport minister Ilse Marquardt", &minister);
        let k5 = b.span("Cue", 3, "confirmed", 0);
        b.set(&k5, &[("cue_stance", "endorsing")]);
        let c5 = b.span(
            "Claim",
            3,
            "41 container ships were waiting outside the harbour on Sunday, up from 12 a week earlier",
            0,
        );
        b.set(&c5, &[("claim_type", "quantity")]);
        let a5 = b.attribute(&c5, &[&s5], Some(&k5));
        b.set(
            &a5,
            &[(
                "stake",
                if annotator == "gold" {
                    "third_party"
                } else {
                    "self"
                },
            )],
        );

        let ruiz = b.entity(
            "Tomás Ruiz",
            &[
                ("speaker_type", "corporate"),
                ("identification", "named_person"),
            ],
        );
        let c6 = b.span(
            "Claim",
            4,
            "“We are losing around 3 million euros a day,”",
            0,
        );
        b.set(&c6, &[("claim_type", "quantity"), ("quote_form", "direct")]);
        let k6 = b.span("Cue", 4, "said", 0);
        let s6 = b.speaker(4, "Tomás Ruiz", &ruiz);
        let a6 = b.attribute(&c6, &[&s6], Some(&k6));
        b.set(
            &a6,
            &[("channel", "interview_this_outlet"), ("stake", "self")],
        );

        let chamber = b.entity(
            "regional chamber of commerce",
            &[
                ("speaker_type", "ngo_civil_society"),
                ("identification", "named_organization"),
            ],
        );
        let s7 = b.speaker(5, "the regional chamber of commerce", &chamber);
        let c7 = b.span(
            "Claim",
            5,
            "exports through Valmora fell by 18% in the first week of the strike",
            0,
        );
        b.set(&c7, &[("claim_type", "quantity")]);
        let a7 = b.attribute(&c7, &[&s7], None);
        b.set(
            &a7,
            &[("channel", "document"), ("verification", "corroborated")],
        );
        b.doc.attribution_mut(&a7).expect("a7").confidence = Confidence::Low;
        b.doc.attribution_mut(&a7).expect("a7").note = Some("figures, not a person".to_owned());

        let union2 = b.speaker(6, "The union", &union);
        let k8 = b.span("Cue", 6, "denied", 0);
        b.set(&k8, &[("cue_stance", "denial")]);
        let c8 = b.span(
            "Claim",
            6,
            "it had rejected a mediator proposed by the city council",
            0,
        );
        b.set(&c8, &[("polarity", "negative")]);
        b.attribute(&c8, &[&union2], Some(&k8));
        b.doc.done.extend([0, 1, 2]);
        b.save(&path);
    }
    path
}

/// Text of generated article `n`: `paras` paragraphs, each quoting one speaker, with curly
/// quotes, CJK and an astral character.
pub fn generated_text(n: usize, paras: usize) -> String {
    let mut text = format!("Generated report {n} — “Harbour” news 🚢\n");
    for p in 0..paras {
        text.push_str(&format!(
            "\nOfficial {p} of the 港務局 said on Monday that the port 🚢 will reopen after {} days of talks, and that “nothing is settled”.\n",
            p + n % 7
        ));
    }
    text
}

/// Write a corpus of `articles` generated articles under `dir` (in 100 subdirectories), each
/// with one `alice` sidecar of `claims` claims: most attributed to a speaker through a cue,
/// every fifth without a cue, every tenth in the writer's voice.
pub fn generate_corpus(dir: &Path, articles: usize, claims: usize) {
    let schema = Schema::default_schema();
    for n in 0..articles {
        let sub = dir.join(format!("batch-{:03}", n % 100));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let path = sub.join(format!("article-{n:05}.txt"));
        let text = generated_text(n, claims);
        std::fs::write(&path, &text).expect("write article");
        let article = Article::from_text(&path, &text).expect("article");
        let mut b = Builder::new(&schema, &article, "alice");
        for p in 1..=claims {
            let claim = b.span("Claim", p, "the port 🚢 will reopen after", 0);
            b.set(&claim, &[("claim_type", "prediction")]);
            if p % 10 == 0 {
                continue;
            }
            let entity = b.entity(
                &format!("Official {}", p - 1),
                &[("speaker_type", "government")],
            );
            let speaker = b.speaker(p, &format!("Official {}", p - 1), &entity);
            let cue = (p % 5 != 0).then(|| b.span("Cue", p, "said", 0));
            let a = b.attribute(&claim, &[&speaker], cue.as_deref());
            b.set(&a, &[("stake", "self")]);
        }
        b.save(&path);
    }
}
