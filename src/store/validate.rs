//! Consistency checks of a parsed sidecar: against the schema (kinds, attributes, values),
//! within itself (duplicate ids, dangling references, links whose kinds do not fit the
//! relation) and against the article text (anchors whose quote no longer matches).
//!
//! Every check returns a list of [`Problem`]s instead of failing, so a sidecar with problems
//! still opens and `marginalia check` can list them all.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::annotation::{AnchorStatus, AnnotationDoc};
use crate::model::article::Article;
use crate::model::schema::Schema;
use crate::store::reanchor::Locator;

/// What kind of problem was found (stable names for `--json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A kind, attribute or value the schema does not know, or a missing required value.
    Schema,
    /// Two records share an id.
    DuplicateId,
    /// A reference to a record that does not exist, or of the wrong kind.
    DanglingReference,
    /// An anchor whose range is empty or outside its paragraph.
    BadRange,
    /// An anchor whose quote does not match the article text at its offsets.
    StaleAnchor,
    /// A span that re-anchoring could not place; kept for the annotator to place again.
    Orphaned,
    /// The article changed since the sidecar was written.
    ArticleChanged,
    /// The header does not fit the file (annotator or article name).
    Header,
    /// Values of a record that contradict each other or a rule of the schema (`via` with
    /// `channel`, `quote_form` of an attributed claim); see [`crate::store::rules`].
    Consistency,
    /// A source mention of an attribution that is not linked to an entity.
    UnlinkedSource,
    /// Two spans of the same kind over the same range.
    DuplicateSpan,
}

impl ProblemKind {
    /// The stable name used in `check` output (as serialised).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Schema => "schema",
            Self::DuplicateId => "duplicate_id",
            Self::DanglingReference => "dangling_reference",
            Self::BadRange => "bad_range",
            Self::StaleAnchor => "stale_anchor",
            Self::Orphaned => "orphaned",
            Self::ArticleChanged => "article_changed",
            Self::Header => "header",
            Self::Consistency => "consistency",
            Self::UnlinkedSource => "unlinked_source",
            Self::DuplicateSpan => "duplicate_span",
        }
    }
}

/// How serious a problem is: errors make `marginalia check` fail, warnings are shown only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The file breaks the format, the schema or one of its rules.
    #[default]
    Error,
    /// Allowed, but probably a slip worth a look.
    Warning,
    /// Nothing wrong; said so the reader knows (spans that re-anchoring would move exactly).
    Info,
}

/// One problem in a sidecar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Category.
    pub kind: ProblemKind,
    /// Error or warning.
    pub severity: Severity,
    /// Id of the record concerned, if any.
    pub record: Option<String>,
    /// Human-readable description.
    pub message: String,
}

impl Problem {
    /// An error.
    #[must_use]
    pub fn new(kind: ProblemKind, record: Option<&str>, message: String) -> Self {
        Self {
            kind,
            severity: Severity::Error,
            record: record.map(str::to_owned),
            message,
        }
    }

    /// A warning.
    #[must_use]
    pub fn warning(kind: ProblemKind, record: Option<&str>, message: String) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::new(kind, record, message)
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.record {
            Some(id) => write!(f, "{id}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Check a document against the schema and itself (no article needed).
#[must_use]
pub fn check_doc(doc: &AnnotationDoc, schema: &Schema) -> Vec<Problem> {
    let mut out = Vec::new();
    if doc.schema != schema.id() {
        out.push(Problem::new(
            ProblemKind::Schema,
            None,
            format!(
                "written with schema `{}`, checked against `{}`",
                doc.schema,
                schema.id()
            ),
        ));
    }
    check_ids(doc, &mut out);
    for e in &doc.entities {
        match schema.entity_kind(&e.kind) {
            None => out.push(schema_problem(
                &e.id,
                format!("unknown entity kind `{}`", e.kind),
            )),
            Some(kind) => check_attrs(schema, &e.id, &kind.attrs, &e.attrs, &mut out),
        }
    }
    for s in &doc.spans {
        let Some(kind) = schema.span_kind(&s.kind) else {
            out.push(schema_problem(
                &s.id,
                format!("unknown span kind `{}`", s.kind),
            ));
            continue;
        };
        check_attrs(schema, &s.id, &kind.attrs, &s.attrs, &mut out);
        if s.anchor.is_empty() {
            out.push(Problem::new(
                ProblemKind::BadRange,
                Some(&s.id),
                format!("empty range {}..{}", s.anchor.start, s.anchor.end),
            ));
        }
        if let Some(entity) = &s.entity {
            match (doc.entity(entity), &kind.entity) {
                (None, _) => out.push(dangling(&s.id, format!("entity `{entity}` does not exist"))),
                (Some(_), None) => out.push(dangling(
                    &s.id,
                    format!("a {} span cannot refer to an entity (`{entity}`)", s.kind),
                )),
                (Some(e), Some(want)) if e.kind != *want => out.push(dangling(
                    &s.id,
                    format!("entity `{entity}` is a {}, expected a {want}", e.kind),
                )),
                _ => {}
            }
        }
    }
    let paragraphs = doc.article.paragraphs.len();
    for &p in doc.done.iter().filter(|&&p| p >= paragraphs) {
        out.push(Problem::new(
            ProblemKind::BadRange,
            None,
            format!(
                "paragraph {} is marked done but the article has {paragraphs}",
                p + 1
            ),
        ));
    }
    check_attributions(doc, schema, &mut out);
    crate::store::rules::check_rules(doc, schema, &mut out);
    out
}

fn schema_problem(id: &str, message: String) -> Problem {
    Problem::new(ProblemKind::Schema, Some(id), message)
}

fn dangling(id: &str, message: String) -> Problem {
    Problem::new(ProblemKind::DanglingReference, Some(id), message)
}

fn check_ids(doc: &AnnotationDoc, out: &mut Vec<Problem>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let ids = doc
        .entities
        .iter()
        .map(|e| e.id.as_str())
        .chain(doc.spans.iter().map(|s| s.id.as_str()))
        .chain(doc.attributions.iter().map(|a| a.id.as_str()));
    for id in ids {
        *seen.entry(id).or_default() += 1;
    }
    for (id, n) in seen.into_iter().filter(|&(_, n)| n > 1) {
        out.push(Problem::new(
            ProblemKind::DuplicateId,
            Some(id),
            format!("id used by {n} records"),
        ));
    }
}

/// Attribute names must be declared for the record's kind, values allowed, and every
/// non-optional attribute without a schema default set (an unset value with a default is
/// one the annotator left at the default, not a mistake).
fn check_attrs(
    schema: &Schema,
    id: &str,
    allowed: &[String],
    attrs: &BTreeMap<String, String>,
    out: &mut Vec<Problem>,
) {
    for (name, value) in attrs {
        if !allowed.contains(name) {
            out.push(schema_problem(
                id,
                format!("attribute `{name}` does not belong to this kind"),
            ));
        } else if let Err(message) = schema.check_value(name, value) {
            out.push(schema_problem(id, message));
        }
    }
    for name in allowed {
        let required = schema
            .attr(name)
            .is_some_and(|d| !d.optional && d.default.is_none());
        if required && !attrs.contains_key(name) {
            out.push(schema_problem(id, format!("missing value for `{name}`")));
        }
    }
}

fn check_attributions(doc: &AnnotationDoc, schema: &Schema, out: &mut Vec<Problem>) {
    let rel = &schema.relation;
    let span_kind = |id: &str| doc.span(id).map(|s| s.kind.as_str());
    let mut claims_seen = BTreeSet::new();
    for a in &doc.attributions {
        check_attrs(schema, &a.id, &rel.attrs, &a.attrs, out);
        match span_kind(&a.claim) {
            None => out.push(dangling(
                &a.id,
                format!("claim `{}` does not exist", a.claim),
            )),
            Some(kind) if !schema.is_claim_kind(kind) => out.push(dangling(
                &a.id,
                format!("`{}` is a {kind}, not a {}", a.claim, rel.from),
            )),
            Some(_) => {
                if !claims_seen.insert(a.claim.as_str()) {
                    out.push(dangling(
                        &a.id,
                        format!("claim `{}` has more than one {}", a.claim, rel.name),
                    ));
                }
            }
        }
        if a.sources.is_empty() {
            out.push(dangling(&a.id, "no source".to_owned()));
        }
        for source in &a.sources {
            match span_kind(source) {
                None => out.push(dangling(&a.id, format!("source `{source}` does not exist"))),
                Some(kind) if !schema.is_source_kind(kind) => out.push(dangling(
                    &a.id,
                    format!(
                        "source `{source}` is a {kind}, not one of {}",
                        rel.to.join(", ")
                    ),
                )),
                Some(_) => {}
            }
        }
        if let Some(cue) = &a.cue {
            match span_kind(cue) {
                None => out.push(dangling(&a.id, format!("cue `{cue}` does not exist"))),
                Some(kind) if !schema.is_cue_kind(kind) => {
                    out.push(dangling(
                        &a.id,
                        format!("cue `{cue}` is a {kind}, not a cue"),
                    ));
                }
                Some(_) => {}
            }
        }
        if let Some(within) = &a.within {
            if doc.attribution(within).is_none() {
                out.push(dangling(
                    &a.id,
                    format!("within `{within}`: no such {}", rel.name),
                ));
            } else if within_cycles(doc, &a.id) {
                out.push(dangling(&a.id, format!("within `{within}` forms a cycle")));
            }
        }
    }
}

/// Does following `within` from attribution `start` come back to it?
fn within_cycles(doc: &AnnotationDoc, start: &str) -> bool {
    let mut current = doc.attribution(start).and_then(|a| a.within.as_deref());
    let mut steps = 0;
    while let Some(id) = current {
        if id == start || steps > doc.attributions.len() {
            return true;
        }
        steps += 1;
        current = doc.attribution(id).and_then(|a| a.within.as_deref());
    }
    false
}

/// Check a document's anchors and header against the article it belongs to, as the document
/// stands: orphaned spans, and quotes that do not match where they are (a hand-edited offset,
/// or an article changed since the sidecar was written) with what re-anchoring would do with
/// them. Call it on a re-anchored document to see only what re-anchoring could not solve
/// (`marginalia check` does, see [`crate::check`]).
#[must_use]
pub fn check_against_article(doc: &AnnotationDoc, article: &Article) -> Vec<Problem> {
    let mut out = Vec::new();
    if doc.article.file != article.file_name() {
        out.push(Problem::new(
            ProblemKind::Header,
            None,
            format!(
                "written for article `{}`, found next to `{}`",
                doc.article.file,
                article.file_name()
            ),
        ));
    }
    let locator = Locator::new(&doc.article.paragraphs, article);
    for span in &doc.spans {
        let a = &span.anchor;
        // Paragraphs are numbered from 1 in every message, as on the screens.
        let para = a.para + 1;
        if span.status == AnchorStatus::Orphaned {
            out.push(Problem::new(
                ProblemKind::Orphaned,
                Some(&span.id),
                format!(
                    "orphaned {} “{}” (paragraph {para}); place it again or delete it",
                    span.kind, a.exact
                ),
            ));
            continue;
        }
        let here = article.para_slice(a.para, a.start, a.end);
        if here == Some(a.exact.as_str()) {
            continue;
        }
        let found = match here {
            Some(text) => format!("the text there is “{text}”"),
            None => format!("paragraph {para} has no range {}..{}", a.start, a.end),
        };
        let fix = match locator.locate(a) {
            Some(l) => format!(
                "re-anchoring would {} it to paragraph {} {}..{} (score {:.2})",
                if l.status == AnchorStatus::Fuzzy {
                    "fuzzily move"
                } else {
                    "move"
                },
                l.anchor.para + 1,
                l.anchor.start,
                l.anchor.end,
                l.score
            ),
            None => "re-anchoring would orphan it (kept in the sidecar)".to_owned(),
        };
        out.push(Problem::new(
            ProblemKind::StaleAnchor,
            Some(&span.id),
            format!(
                "quote “{}” does not match paragraph {para} {}..{}: {found}; {fix}",
                a.exact, a.start, a.end
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn setup() -> (Schema, Article, AnnotationDoc) {
        let schema = Schema::default_schema();
        let article = Article::from_text(
            Path::new("a.txt"),
            "A US official told CNN that talks are “volatile”.",
        )
        .expect("article");
        let mut doc = AnnotationDoc::new(&schema, &article, "A", "t");
        let s = doc
            .add_span(&schema, &article, "Speaker", 0, 0, 13)
            .expect("s");
        let e = doc
            .add_entity(&schema, "SpeakerEntity", "official")
            .expect("e");
        doc.span_mut(&s).expect("s").entity = Some(e);
        let k = doc
            .add_span(&schema, &article, "Cue", 0, 14, 22)
            .expect("k");
        let c = doc
            .add_span(&schema, &article, "Claim", 0, 28, 48)
            .expect("c");
        doc.attribute(&schema, &c, &[s], Some(&k)).expect("a");
        (schema, article, doc)
    }

    #[test]
    fn clean_document_has_no_problems() {
        let (schema, article, doc) = setup();
        assert_eq!(check_doc(&doc, &schema), vec![]);
        assert_eq!(check_against_article(&doc, &article), vec![]);
    }

    #[test]
    fn schema_violations_and_dangling_links_are_listed() {
        let (schema, _, mut doc) = setup();
        doc.spans[2].attrs.insert("certainty".into(), "sure".into());
        doc.spans[2].attrs.insert("colour".into(), "red".into());
        doc.spans[0].entity = Some("E9".into());
        doc.attributions[0].cue = Some("C1".into());
        doc.attributions[0].within = Some("A1".into());
        doc.spans[1].id = "S1".into();
        let kinds: Vec<ProblemKind> = check_doc(&doc, &schema).iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds.iter().filter(|k| **k == ProblemKind::Schema).count(),
            2,
            "{kinds:?}"
        );
        assert!(kinds.contains(&ProblemKind::DuplicateId));
        assert!(
            kinds
                .iter()
                .filter(|k| **k == ProblemKind::DanglingReference)
                .count()
                >= 3,
            "{kinds:?}"
        );
    }

    #[test]
    fn stale_anchor_says_how_it_would_be_resolved() {
        let (_, _, doc) = setup();
        let changed = Article::from_text(
            Path::new("a.txt"),
            "Late on Sunday, a US official told CNN that talks are “volatile”.",
        )
        .expect("article");
        let problems = check_against_article(&doc, &changed);
        let stale: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.kind == ProblemKind::StaleAnchor)
            .collect();
        assert_eq!(stale.len(), 3, "{problems:?}");
        assert!(stale[2].message.contains("would move it"), "{}", stale[2]);
    }
}
