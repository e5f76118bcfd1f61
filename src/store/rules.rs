//! Rules across values and records that checking each value against the schema cannot see:
//! the newsattr schema's `via` needed with `channel: other_outlet`, a writer's-voice
//! `quote_form` on an attributed claim, source mentions not linked to an entity, and the same
//! span marked twice. Each rule applies only when the schema defines what it names, so another
//! schema is not held to newsattr's rules.
//!
//! Severity: a rule the schema states (`via` is "needed when channel is other_outlet") is an
//! error; values that are allowed but probably a slip are warnings.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::annotation::AnnotationDoc;
use crate::model::schema::Schema;
use crate::store::validate::{Problem, ProblemKind};

/// The channel attribute, its value for relayed reports, and the attribute naming the relay.
const CHANNEL: &str = "channel";
const OTHER_OUTLET: &str = "other_outlet";
const VIA: &str = "via";
/// The claim attribute of how it is reported, and its writer's-voice value.
const QUOTE_FORM: &str = "quote_form";
const WRITERS_VOICE: &str = "none";

/// Append the problems the rules find in `doc`.
pub fn check_rules(doc: &AnnotationDoc, schema: &Schema, out: &mut Vec<Problem>) {
    check_via(doc, schema, out);
    check_quote_form(doc, schema, out);
    check_unlinked_sources(doc, schema, out);
    check_duplicate_spans(doc, out);
}

fn has_value(schema: &Schema, attr: &str, value: &str) -> bool {
    schema.attr(attr).is_some_and(|d| d.value(value).is_some())
}

fn check_via(doc: &AnnotationDoc, schema: &Schema, out: &mut Vec<Problem>) {
    if schema.attr(VIA).is_none() || !has_value(schema, CHANNEL, OTHER_OUTLET) {
        return;
    }
    for a in &doc.attributions {
        let channel = a.attrs.get(CHANNEL).map(String::as_str);
        let via = a.attrs.get(VIA).map(|v| v.trim()).filter(|v| !v.is_empty());
        match (channel, via) {
            (Some(OTHER_OUTLET), None) => out.push(Problem::new(
                ProblemKind::Consistency,
                Some(&a.id),
                format!(
                    "`{CHANNEL}` is {OTHER_OUTLET} but `{VIA}` is empty: name the outlet the report was relayed from"
                ),
            )),
            (channel, Some(via)) if channel != Some(OTHER_OUTLET) => out.push(Problem::warning(
                ProblemKind::Consistency,
                Some(&a.id),
                format!(
                    "`{VIA}` is “{via}” but `{CHANNEL}` is {}, not {OTHER_OUTLET}",
                    channel.unwrap_or("unset")
                ),
            )),
            _ => {}
        }
    }
}

fn check_quote_form(doc: &AnnotationDoc, schema: &Schema, out: &mut Vec<Problem>) {
    if !has_value(schema, QUOTE_FORM, WRITERS_VOICE) {
        return;
    }
    for a in &doc.attributions {
        let Some(claim) = doc.span(&a.claim) else {
            continue;
        };
        if claim.attrs.get(QUOTE_FORM).map(String::as_str) == Some(WRITERS_VOICE) {
            out.push(Problem::warning(
                ProblemKind::Consistency,
                Some(&claim.id),
                format!(
                    "`{QUOTE_FORM}` is {WRITERS_VOICE} (writer's voice) but the claim is attributed by {}",
                    a.id
                ),
            ));
        }
    }
}

fn check_unlinked_sources(doc: &AnnotationDoc, schema: &Schema, out: &mut Vec<Problem>) {
    // One warning per mention, naming the first attribution that uses it.
    let mut unlinked: BTreeMap<&str, &str> = BTreeMap::new();
    for a in &doc.attributions {
        for source in &a.sources {
            let Some(span) = doc.span(source) else {
                continue;
            };
            let takes_entity = schema
                .span_kind(&span.kind)
                .is_some_and(|k| k.entity.is_some());
            if takes_entity && span.entity.is_none() {
                unlinked.entry(span.id.as_str()).or_insert(a.id.as_str());
            }
        }
    }
    for (span, attribution) in unlinked {
        out.push(Problem::warning(
            ProblemKind::UnlinkedSource,
            Some(span),
            format!("source mention of {attribution} is not linked to an entity"),
        ));
    }
}

fn check_duplicate_spans(doc: &AnnotationDoc, out: &mut Vec<Problem>) {
    let mut first: BTreeMap<(&str, usize, usize, usize), &str> = BTreeMap::new();
    let mut reported = BTreeSet::new();
    for s in &doc.spans {
        let a = &s.anchor;
        let key = (s.kind.as_str(), a.para, a.start, a.end);
        match first.get(&key) {
            Some(original) if reported.insert(s.id.as_str()) => out.push(Problem::warning(
                ProblemKind::DuplicateSpan,
                Some(&s.id),
                format!(
                    "same {} span as {original} (paragraph {}, {}..{}); delete one",
                    s.kind,
                    a.para + 1,
                    a.start,
                    a.end
                ),
            )),
            Some(_) => {}
            None => {
                first.insert(key, s.id.as_str());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::Article;
    use crate::store::validate::Severity;

    /// "A US official told CNN that talks are volatile." with speaker S1 (entity E1), cue K1,
    /// claim C1 attributed by A1.
    fn setup() -> (Schema, Article, AnnotationDoc) {
        let schema = Schema::default_schema();
        let article = Article::from_text(
            Path::new("a.txt"),
            "A US official told CNN that talks are volatile.",
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
            .add_span(&schema, &article, "Claim", 0, 28, 46)
            .expect("c");
        doc.attribute(&schema, &c, &[s], Some(&k)).expect("a");
        (schema, article, doc)
    }

    fn run(doc: &AnnotationDoc, schema: &Schema) -> Vec<(Severity, ProblemKind, Option<String>)> {
        let mut out = Vec::new();
        check_rules(doc, schema, &mut out);
        out.into_iter()
            .map(|p| (p.severity, p.kind, p.record))
            .collect()
    }

    #[test]
    fn a_consistent_document_passes() {
        let (schema, _, doc) = setup();
        assert_eq!(run(&doc, &schema), vec![]);
    }

    #[test]
    fn via_is_required_with_other_outlet_and_suspicious_without() {
        let (schema, _, mut doc) = setup();
        let a = &mut doc.attributions[0].attrs;
        a.insert(CHANNEL.into(), OTHER_OUTLET.into());
        a.insert(VIA.into(), "  ".into());
        let err = (
            Severity::Error,
            ProblemKind::Consistency,
            Some("A1".to_owned()),
        );
        assert_eq!(run(&doc, &schema), vec![err.clone()]);
        doc.attributions[0].attrs.remove(VIA);
        assert_eq!(run(&doc, &schema), vec![err]);
        doc.attributions[0].attrs.insert(VIA.into(), "CNN".into());
        assert_eq!(run(&doc, &schema), vec![]);
        doc.attributions[0]
            .attrs
            .insert(CHANNEL.into(), "interview_this_outlet".into());
        assert_eq!(
            run(&doc, &schema),
            vec![(
                Severity::Warning,
                ProblemKind::Consistency,
                Some("A1".to_owned())
            )]
        );
    }

    #[test]
    fn writers_voice_on_an_attributed_claim_is_a_warning() {
        let (schema, _, mut doc) = setup();
        let claim = doc.span_mut("C1").expect("claim");
        claim.attrs.insert(QUOTE_FORM.into(), WRITERS_VOICE.into());
        assert_eq!(
            run(&doc, &schema),
            vec![(
                Severity::Warning,
                ProblemKind::Consistency,
                Some("C1".to_owned())
            )]
        );
        doc.attributions.clear();
        assert_eq!(run(&doc, &schema), vec![], "unattributed: writer's voice");
    }

    #[test]
    fn source_mentions_without_entity_are_reported_once() {
        let (schema, article, mut doc) = setup();
        doc.span_mut("S1").expect("s").entity = None;
        let c2 = doc
            .add_span(&schema, &article, "Claim", 0, 0, 4)
            .expect("c2");
        doc.attribute(&schema, &c2, &["S1".to_owned()], None)
            .expect("a2");
        assert_eq!(
            run(&doc, &schema),
            vec![(
                Severity::Warning,
                ProblemKind::UnlinkedSource,
                Some("S1".to_owned())
            )]
        );
    }

    #[test]
    fn the_same_span_twice_is_reported_but_overlaps_are_not() {
        let (schema, article, mut doc) = setup();
        let twin = doc
            .add_span(&schema, &article, "Claim", 0, 28, 46)
            .expect("twin");
        doc.add_span(&schema, &article, "Claim", 0, 28, 40)
            .expect("overlap");
        doc.add_span(&schema, &article, "Speaker", 0, 28, 46)
            .expect("other kind");
        assert_eq!(
            run(&doc, &schema),
            vec![(Severity::Warning, ProblemKind::DuplicateSpan, Some(twin))]
        );
    }
}
