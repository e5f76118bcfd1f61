//! Label Studio export: a JSON array of tasks, one per document, `data.text` the normalised
//! article, one annotation per annotator (`completed_by` a numeric user id; the mapping from
//! annotator names is written next to the output). Spans are `labels` results with
//! `value.text`; attributes, confidence, notes and entity names are per-region `choices` /
//! `textarea` results sharing the span's id; attributions are `relation` results from the
//! claim to each source (`attributed_to`) and to the cue (`cued_by`).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::export::ls_config::{
    ATTRIBUTED_TO, ATTRIBUTION_CONFIDENCE, ATTRIBUTION_NOTE, CONFIDENCE, CUED_BY, ENTITY, LABELS,
    NOTE, TEXT,
};
use crate::export::place::{Utf16Offsets, place};
use crate::export::{ExportDoc, ExportError, OffsetUnit, Renderer};
use crate::model::{AnnotationDoc, Article, Level, Schema};
use crate::store::GOLD;

/// Renders Label Studio tasks.
#[derive(Debug, Clone)]
pub struct LabelStudioRenderer {
    schema: Schema,
    users: BTreeMap<String, u64>,
    offsets: OffsetUnit,
}

impl LabelStudioRenderer {
    /// A renderer; `annotators` (every annotator of the corpus) get user ids 1, 2, ... in
    /// sorted order.
    ///
    /// # Errors
    /// [`ExportError::Invalid`] when a schema attribute clashes with a control name.
    pub fn new(
        schema: &Schema,
        annotators: &[String],
        offsets: OffsetUnit,
    ) -> Result<Self, ExportError> {
        crate::export::ls_config::labeling_config(schema).map_err(ExportError::Invalid)?;
        let mut sorted = annotators.to_vec();
        sorted.sort();
        sorted.dedup();
        let users = sorted.into_iter().zip(1..).collect();
        Ok(Self {
            schema: schema.clone(),
            users,
            offsets,
        })
    }

    /// The annotator -> user id mapping as JSON (`{"alice": 1, ...}`).
    #[must_use]
    pub fn users_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.users).unwrap_or_default();
        text.push('\n');
        text
    }

    fn annotation(
        &self,
        article: &Article,
        doc: &AnnotationDoc,
        utf16: Option<&Utf16Offsets>,
    ) -> Vec<Value> {
        let unit = |o: usize| utf16.map_or(o, |m| m.convert(o));
        let mut regions = Vec::new();
        let mut extras = Vec::new();
        let mut placed_ids = std::collections::HashSet::new();
        for span in &doc.spans {
            let Some(p) = place(article, span) else {
                continue;
            };
            placed_ids.insert(span.id.as_str());
            let geometry = |extra: (&str, Value)| {
                let mut v = json!({"start": unit(p.start), "end": unit(p.end), "text": p.text});
                if let Some(obj) = v.as_object_mut() {
                    obj.insert(extra.0.to_owned(), extra.1);
                }
                v
            };
            regions.push(json!({
                "id": span.id, "from_name": LABELS, "to_name": TEXT, "type": "labels",
                "value": geometry(("labels", json!([span.kind]))),
            }));
            let mut per_region = |name: &str, value: &str, text: bool| {
                let (ty, key, payload) = if text {
                    ("textarea", "text", json!([value]))
                } else {
                    ("choices", "choices", json!([value]))
                };
                let mut v = json!({"start": unit(p.start), "end": unit(p.end)});
                if let Some(obj) = v.as_object_mut() {
                    obj.insert(key.to_owned(), payload);
                }
                extras.push(json!({
                    "id": span.id, "from_name": name, "to_name": TEXT, "type": ty, "value": v,
                }));
            };
            let is_text = |name: &str| {
                self.schema
                    .attr(name)
                    .is_some_and(|d| d.level == Level::Text)
            };
            let entity = span.entity.as_deref().and_then(|e| doc.entity(e));
            let attribution = self
                .schema
                .is_claim_kind(&span.kind)
                .then(|| doc.attribution_of(&span.id))
                .flatten();
            for (name, value) in span
                .attrs
                .iter()
                .chain(entity.iter().flat_map(|e| e.attrs.iter()))
                .chain(attribution.iter().flat_map(|a| a.attrs.iter()))
            {
                per_region(name, value, is_text(name));
            }
            per_region(CONFIDENCE, span.confidence.as_str(), false);
            if let Some(note) = &span.note {
                per_region(NOTE, note, true);
            }
            if let Some(e) = entity {
                per_region(ENTITY, &e.name, true);
            }
            if let Some(a) = attribution {
                per_region(ATTRIBUTION_CONFIDENCE, a.confidence.as_str(), false);
                if let Some(note) = &a.note {
                    per_region(ATTRIBUTION_NOTE, note, true);
                }
            }
        }
        let mut relations = Vec::new();
        for a in &doc.attributions {
            if !placed_ids.contains(a.claim.as_str()) {
                continue;
            }
            let targets = a
                .sources
                .iter()
                .map(|s| (s, ATTRIBUTED_TO))
                .chain(a.cue.iter().map(|c| (c, CUED_BY)));
            for (to, label) in targets {
                if placed_ids.contains(to.as_str()) {
                    relations.push(json!({
                        "from_id": a.claim, "to_id": to, "type": "relation",
                        "direction": "right", "labels": [label],
                    }));
                }
            }
        }
        regions.extend(extras);
        regions.extend(relations);
        regions
    }
}

impl Renderer for LabelStudioRenderer {
    fn header(&self) -> Vec<u8> {
        b"[\n".to_vec()
    }

    fn separator(&self) -> &[u8] {
        b",\n"
    }

    fn footer(&self) -> Vec<u8> {
        b"\n]\n".to_vec()
    }

    fn render(&self, doc: &ExportDoc) -> Result<Vec<u8>, ExportError> {
        let task_id = doc.index as u64 + 1;
        let utf16 =
            (self.offsets == OffsetUnit::Utf16).then(|| Utf16Offsets::new(doc.article.text()));
        let n_users = self.users.len() as u64;
        let annotations: Vec<Value> = doc
            .annotations
            .iter()
            .map(|ann| {
                let user = self.users.get(&ann.annotator).copied().unwrap_or(0);
                json!({
                    "id": doc.index as u64 * n_users.max(1) + user,
                    "completed_by": user,
                    "result": self.annotation(&doc.article, ann, utf16.as_ref()),
                    "was_cancelled": false,
                    "ground_truth": ann.annotator == GOLD,
                    "created_at": ann.created,
                    "updated_at": ann.modified,
                    "task": task_id,
                })
            })
            .collect();
        let task = json!({
            "id": task_id,
            "data": {
                "text": doc.article.text(),
                "doc_id": doc.doc_id,
                "article_sha256": doc.article.sha256(),
            },
            "annotations": annotations,
        });
        serde_json::to_vec(&task).map_err(|e| ExportError::Invalid(format!("json: {e}")))
    }
}
