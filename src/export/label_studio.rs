//! Label Studio export: a JSON array of tasks, one per document, `data.text` the normalised
//! article, one annotation per annotator (`completed_by` a numeric user id; the mapping from
//! annotator names is written next to the output). Spans are `labels` results with
//! `value.text`; attributes, confidence, notes and entity names are per-region `choices` /
//! `textarea` results sharing the span's id; attributions are `relation` results from the
//! claim to each source (`attributed_to`) and to the cue (`cued_by`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::export::ls_config::{
    ATTRIBUTED_TO, ATTRIBUTION_CONFIDENCE, ATTRIBUTION_NOTE, CONFIDENCE, CUED_BY, ENTITY,
    ENTITY_CONFIDENCE, ENTITY_NOTE, LABELS, NOTE, TEXT, WITHIN,
};
use crate::export::place::{Utf16Offsets, place};
use crate::export::{ExportDoc, ExportError, OffsetUnit, Renderer};
use crate::model::{AnnotationDoc, Article, Confidence, Level, Schema};
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

    fn annotation<'a>(
        &self,
        article: &'a Article,
        doc: &'a AnnotationDoc,
        utf16: Option<&Utf16Offsets>,
    ) -> Vec<Item<'a>> {
        let unit = |o: usize| utf16.map_or(o, |m| m.convert(o));
        let mut regions = Vec::new();
        let mut extras = Vec::new();
        let mut placed_ids = std::collections::HashSet::new();
        for span in &doc.spans {
            let Some(p) = place(article, span) else {
                continue;
            };
            placed_ids.insert(span.id.as_str());
            let (start, end, text) = (unit(p.start), unit(p.end), p.text);
            regions.push(Item::Region(Region {
                id: &span.id,
                from_name: LABELS,
                to_name: TEXT,
                ty: "labels",
                value: RegionValue::Labels {
                    start,
                    end,
                    text,
                    labels: [&span.kind],
                },
            }));
            let mut per_region = |name: &'a str, value: &'a str, is_text: bool| {
                let (ty, value) = if is_text {
                    let value = RegionValue::TextArea {
                        start,
                        end,
                        text: [value],
                    };
                    ("textarea", value)
                } else {
                    // Geometry repeated as in the region (result_format.md).
                    let value = RegionValue::Choices {
                        start,
                        end,
                        text,
                        choices: [value],
                    };
                    ("choices", value)
                };
                extras.push(Item::Region(Region {
                    id: &span.id,
                    from_name: name,
                    to_name: TEXT,
                    ty,
                    value,
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
                if e.confidence != Confidence::High {
                    per_region(ENTITY_CONFIDENCE, e.confidence.as_str(), false);
                }
                if let Some(note) = &e.note {
                    per_region(ENTITY_NOTE, note, true);
                }
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
            let outer = a
                .within
                .as_deref()
                .and_then(|w| doc.attribution(w))
                .map(|o| &o.claim);
            let targets = a
                .sources
                .iter()
                .map(|s| (s, ATTRIBUTED_TO))
                .chain(a.cue.iter().map(|c| (c, CUED_BY)))
                .chain(outer.map(|c| (c, WITHIN)));
            for (to, label) in targets {
                if placed_ids.contains(to.as_str()) {
                    relations.push(Item::Relation(Relation {
                        from_id: &a.claim,
                        to_id: to,
                        ty: "relation",
                        direction: "right",
                        labels: [label],
                    }));
                }
            }
        }
        regions.extend(extras);
        regions.extend(relations);
        regions
    }
}

/// One item of `annotations[].result`.
#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Region(Region<'a>),
    Relation(Relation<'a>),
}

#[derive(Serialize)]
struct Region<'a> {
    id: &'a str,
    from_name: &'a str,
    to_name: &'static str,
    #[serde(rename = "type")]
    ty: &'static str,
    value: RegionValue<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum RegionValue<'a> {
    Labels {
        start: usize,
        end: usize,
        text: &'a str,
        labels: [&'a str; 1],
    },
    Choices {
        start: usize,
        end: usize,
        text: &'a str,
        choices: [&'a str; 1],
    },
    TextArea {
        start: usize,
        end: usize,
        text: [&'a str; 1],
    },
}

#[derive(Serialize)]
struct Relation<'a> {
    from_id: &'a str,
    to_id: &'a str,
    #[serde(rename = "type")]
    ty: &'static str,
    direction: &'static str,
    labels: [&'static str; 1],
}

#[derive(Serialize)]
struct Task<'a> {
    id: u64,
    data: TaskData<'a>,
    annotations: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct TaskData<'a> {
    text: &'a str,
    doc_id: &'a str,
    article_sha256: &'a str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: u64,
    completed_by: u64,
    result: Vec<Item<'a>>,
    was_cancelled: bool,
    ground_truth: bool,
    created_at: &'a str,
    updated_at: &'a str,
    task: u64,
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
        let n_users = self.users.len().max(1) as u64;
        let annotations = doc
            .annotations
            .iter()
            .map(|ann| {
                let user = self.users.get(&ann.annotator).copied().unwrap_or(0);
                Annotation {
                    id: doc.index as u64 * n_users + user,
                    completed_by: user,
                    result: self.annotation(&doc.article, ann, utf16.as_ref()),
                    was_cancelled: false,
                    ground_truth: ann.annotator == GOLD,
                    created_at: &ann.created,
                    updated_at: &ann.modified,
                    task: task_id,
                }
            })
            .collect();
        let task = Task {
            id: task_id,
            data: TaskData {
                text: doc.article.text(),
                doc_id: &doc.doc_id,
                article_sha256: doc.article.sha256(),
            },
            annotations,
        };
        serde_json::to_vec(&task).map_err(|e| ExportError::Invalid(format!("json: {e}")))
    }
}
