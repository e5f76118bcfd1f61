//! Label Studio import: a JSON export of its tasks (`data.text` with `annotations[].result[]`,
//! as `export --format label-studio` writes it or Label Studio's own JSON export) into one
//! article and one sidecar per annotator. Each annotation's `completed_by` names its
//! annotator: through an `{"name": id}` file (the `.annotators.json` the export writes next
//! to the tasks, found there by default), an email's local part, or `user<id>`.
//!
//! Offsets are read as Unicode scalar values (what Label Studio's Text tag counts) unless the
//! file is said to count UTF-16 code units; text with CRLF or a BOM is normalised as articles
//! are, and offsets follow. Nothing that cannot be used is dropped silently: every problem is
//! a warning naming the file and task, and what was left out is counted by type.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::import::counts::Counts;
use crate::import::dir::ImportReport;
use crate::import::label_studio_result::ResultReader;
use crate::import::offsets::{InputUnit, OffsetMap};
use crate::import::write_out::{article_at, article_path, is_safe_doc_id, write_docs};
use crate::model::{AnnotationDoc, Schema};
use crate::store::paths::is_valid_annotator;

/// How to import a Label Studio export.
#[derive(Debug, Clone, Default)]
pub struct LabelStudioOptions {
    /// Where articles and sidecars are written.
    pub output: PathBuf,
    /// Overwrite existing sidecars.
    pub force: bool,
    /// Timestamp for sidecars whose annotation has no `created_at` / `updated_at`.
    pub now: String,
    /// How the file counts offsets.
    pub unit: InputUnit,
    /// Label Studio user id -> annotator name.
    pub users: BTreeMap<u64, String>,
    /// Annotator of annotations without `completed_by`.
    pub annotator: Option<String>,
    /// Key of the task text in `data` (`text` unless the labeling config names another).
    pub text_key: String,
}

/// Message of a JSON error as `file:line:column: message`.
#[must_use]
pub fn json_error(file: &Path, e: &serde_json::Error) -> String {
    let text = e.to_string();
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    format!("{}:{}:{}: {message}", file.display(), e.line(), e.column())
}

/// Read an annotator file: a JSON object `{"alice": 1, ...}` (annotator name -> Label Studio
/// user id), inverted.
///
/// # Errors
/// A message naming the file (with line and column for JSON errors), or a bad name or id.
pub fn read_users(path: &Path) -> Result<BTreeMap<u64, String>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let names: BTreeMap<String, u64> =
        serde_json::from_slice(&bytes).map_err(|e| json_error(path, &e))?;
    let mut users = BTreeMap::new();
    for (name, id) in names {
        if !is_valid_annotator(&name) {
            return Err(format!(
                "{}: `{name}` is not an annotator name ([A-Za-z0-9_-]+)",
                path.display()
            ));
        }
        if let Some(other) = users.insert(id, name.clone()) {
            return Err(format!(
                "{}: user id {id} is given to both {other} and {name}",
                path.display()
            ));
        }
    }
    Ok(users)
}

/// The annotator file the export writes next to `tasks`: `<stem>.annotators.json`.
#[must_use]
pub fn default_users_file(tasks: &Path) -> PathBuf {
    tasks.with_extension("annotators.json")
}

/// An annotator name made of the characters names allow (others become `-`).
fn clean_name(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The annotator of an annotation, or why it has none.
fn annotator_of(annotation: &Value, options: &LabelStudioOptions) -> Result<String, String> {
    let by_id = |id: u64| {
        options
            .users
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("user{id}"))
    };
    let by_email = |email: &str| {
        let local = email.split('@').next().unwrap_or_default();
        Some(clean_name(local)).filter(|n| is_valid_annotator(n))
    };
    match annotation.get("completed_by") {
        Some(Value::Number(n)) => n
            .as_u64()
            .map(by_id)
            .ok_or_else(|| format!("completed_by {n} is not a user id")),
        Some(Value::Object(user)) => user
            .get("email")
            .and_then(Value::as_str)
            .and_then(by_email)
            .or_else(|| user.get("id").and_then(Value::as_u64).map(by_id))
            .ok_or_else(|| "completed_by has neither an email nor an id".to_owned()),
        Some(Value::String(email)) => {
            by_email(email).ok_or_else(|| format!("completed_by {email:?} is not usable"))
        }
        None | Some(Value::Null) => options
            .annotator
            .clone()
            .ok_or_else(|| "no completed_by; pass --annotator NAME".to_owned()),
        Some(other) => Err(format!("completed_by {other} is not a user")),
    }
}

/// Import every task of the Label Studio JSON export `file`.
///
/// # Errors
/// A message naming the file when it cannot be read or is not JSON of tasks.
pub fn import_label_studio(
    schema: &Schema,
    file: &Path,
    options: &LabelStudioOptions,
) -> Result<ImportReport, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let parsed: Value = serde_json::from_slice(&bytes).map_err(|e| json_error(file, &e))?;
    let tasks = match parsed {
        Value::Array(tasks) => tasks,
        task @ Value::Object(_) => vec![task],
        _ => {
            return Err(format!(
                "{}: not a Label Studio export (a JSON array of tasks)",
                file.display()
            ));
        }
    };
    let mut report = ImportReport::default();
    let mut seen_docs = BTreeSet::new();
    for (index, task) in tasks.iter().enumerate() {
        let task_id = task
            .get("id")
            .and_then(Value::as_u64)
            .unwrap_or(index as u64 + 1);
        let label = format!("{}: task {task_id}", file.display());
        import_task(
            schema,
            task,
            task_id,
            &label,
            options,
            &mut seen_docs,
            &mut report,
        );
    }
    Ok(report)
}

fn import_task(
    schema: &Schema,
    task: &Value,
    task_id: u64,
    label: &str,
    options: &LabelStudioOptions,
    seen_docs: &mut BTreeSet<String>,
    report: &mut ImportReport,
) {
    let data = task.get("data");
    let Some(text) = data
        .and_then(|d| d.get(&options.text_key))
        .and_then(Value::as_str)
    else {
        report.errors.push(format!(
            "{label}: no data.{} text; task skipped",
            options.text_key
        ));
        return;
    };
    let given = data.and_then(|d| d.get("doc_id")).and_then(Value::as_str);
    let doc_id = match given {
        Some(id) if is_safe_doc_id(id) => id.to_owned(),
        Some(id) => {
            report.warnings.push(format!(
                "{label}: doc_id {id:?} is not a relative path inside the output; named task-{task_id}"
            ));
            format!("task-{task_id}")
        }
        None => format!("task-{task_id}"),
    };
    if !seen_docs.insert(doc_id.clone()) {
        report.errors.push(format!(
            "{label}: a task with doc_id {doc_id:?} came earlier; task skipped"
        ));
        return;
    }
    let path = article_path(&options.output, &doc_id);
    let article = match article_at(&path, text) {
        Ok(a) => a,
        Err(e) => {
            report.errors.push(format!("{label}: {e}"));
            return;
        }
    };
    let map = OffsetMap::new(text, options.unit);
    let mut docs: Vec<AnnotationDoc> = Vec::new();
    let mut counts = Counts::default();
    let none = Vec::new();
    let annotations = task
        .get("annotations")
        .and_then(Value::as_array)
        .unwrap_or(&none);
    if let Some(p) = task.get("predictions").and_then(Value::as_array)
        && !p.is_empty()
    {
        *counts.skipped.entry("prediction".to_owned()).or_default() += p.len();
    }
    for (i, annotation) in annotations.iter().enumerate() {
        let shown = annotation
            .get("id")
            .and_then(Value::as_u64)
            .map_or_else(|| format!("#{}", i + 1), |id| id.to_string());
        let a_label = format!("{label}, annotation {shown}");
        if annotation.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
            *counts
                .skipped
                .entry("cancelled annotation".to_owned())
                .or_default() += 1;
            continue;
        }
        let name = match annotator_of(annotation, options) {
            Ok(n) => n,
            Err(e) => {
                report.errors.push(format!("{a_label}: {e}; skipped"));
                continue;
            }
        };
        if docs.iter().any(|d| d.annotator == name) {
            report
                .errors
                .push(format!("{a_label}: a second annotation by {name}; skipped"));
            continue;
        }
        let time = |key: &str| {
            annotation
                .get(key)
                .and_then(Value::as_str)
                .map_or_else(|| options.now.clone(), str::to_owned)
        };
        let mut doc = AnnotationDoc::new(schema, &article, &name, &time("created_at"));
        doc.modified = time("updated_at");
        let results = annotation
            .get("result")
            .and_then(Value::as_array)
            .unwrap_or(&none);
        let mut reader = ResultReader::new(schema, &article, &map, a_label, doc);
        reader.read(results);
        report.warnings.append(&mut reader.warnings);
        counts.add(&reader.counts);
        docs.push(reader.doc);
    }
    report.counts.add(&counts);
    let (written, errors) = write_docs(&path, text, &article, &docs, options.force);
    report.written.extend(written);
    report.errors.extend(errors);
}
