//! brat standoff export: for each document and annotator `OUT/<annotator>/<doc_id>.txt` (the
//! normalised text, LF only) and `.ann`, with one `annotation.conf` at `OUT/` declaring every
//! type and attribute value (brat looks for it in parent directories).
//!
//! Mapping: each placed span is a `T` line (split into fragments at line breaks, since a `T`
//! text cannot hold one); speaker mentions carry their entity as `N ... Entity:<id>` and the
//! entity attributes; an attribution with a cue is an event triggered by an `Attribution` `T`
//! over the cue's text, written right after the cue's own `Cue` `T` (brat allows nothing but
//! events to refer to a trigger), `E Attribution:T<trigger> Source:T.. Source2:T..
//! Content:T..`, with its attributes on the event; without a cue it is
//! one `AttributedTo` relation per source plus its attributes on the claim. Free-text attributes
//! and notes are `#` lines. A nested attribution is a `#n Within <E|R>` note whose text is the
//! enclosing attribution's event or relation id; an entity's confidence and note are notes on
//! its first `N` reference. Paragraph progress (`done`) has no place in brat and is not written.
//!
//! Files are written from the export's worker threads; a file that already holds the same
//! bytes is left untouched.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::export::brat_conf::{
    ATTRIBUTION_CONFIDENCE, CONFIDENCE, CONTENT_ROLE, ENTITY_CONFIDENCE_NOTE, ENTITY_DB,
    FACTUALITY, NO_CUE_RELATION, SOURCE_ROLE, WITHIN_NOTE, camel,
};
use crate::export::brat_lines::is_line_break;
use crate::export::place::place;
use crate::export::{ExportDoc, ExportError, Renderer, derived};
use crate::model::{AnnotationDoc, Article, Confidence, Level, Schema, Span};

/// Writes brat files under a directory.
#[derive(Debug)]
pub struct BratRenderer {
    schema: Schema,
    out_dir: PathBuf,
    /// Directories already created by this export: most documents share their directory, and
    /// asking the file system again costs two system calls per document.
    made_dirs: Mutex<HashSet<PathBuf>>,
}

impl BratRenderer {
    /// A renderer writing under `out_dir`.
    #[must_use]
    pub fn new(schema: &Schema, out_dir: &Path) -> Self {
        Self {
            schema: schema.clone(),
            out_dir: out_dir.to_owned(),
            made_dirs: Mutex::new(HashSet::new()),
        }
    }

    /// Create `dir` (and its parents) unless this export already did.
    fn make_dir(&self, dir: &Path) -> Result<(), ExportError> {
        let known = |dirs: &HashSet<PathBuf>| dirs.contains(dir);
        if known(
            &self
                .made_dirs
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        ) {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
        self.made_dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(dir.to_owned());
        Ok(())
    }

    /// Write `annotation.conf` into the output directory (creating it).
    ///
    /// # Errors
    /// [`ExportError::Io`] naming the file.
    pub fn write_conf(&self) -> Result<(), ExportError> {
        std::fs::create_dir_all(&self.out_dir).map_err(|e| ExportError::io(&self.out_dir, e))?;
        let path = self.out_dir.join("annotation.conf");
        let text = crate::export::brat_conf::annotation_conf(&self.schema);
        std::fs::write(&path, text).map_err(|e| ExportError::io(&path, e))
    }
}

impl Renderer for BratRenderer {
    fn render(&self, doc: &ExportDoc) -> Result<Vec<u8>, ExportError> {
        for ann in &doc.annotations {
            let base = self.out_dir.join(&ann.annotator).join(&doc.doc_id);
            if let Some(dir) = base.parent() {
                self.make_dir(dir)?;
            }
            let txt = with_suffix(&base, ".txt");
            write_if_changed(&txt, doc.article.text().as_bytes())?;
            let ann_path = with_suffix(&base, ".ann");
            let text = ann_text(&self.schema, &doc.article, ann);
            write_if_changed(&ann_path, text.as_bytes())?;
        }
        Ok(Vec::new())
    }
}

/// Write `bytes` to `path` unless the file already holds exactly them. Re-exporting into the
/// same directory then rewrites only what changed (and keeps those files' modification
/// times); comparing is much cheaper than truncating and rewriting a file. Export files are
/// not sidecars: a crash mid-export leaves a file to export again, never lost work, so there
/// is no temporary file, fsync or rename.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    if let Ok(mut file) = std::fs::File::open(path)
        && file
            .metadata()
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        let mut old = Vec::with_capacity(bytes.len());
        if file.read_to_end(&mut old).is_ok() && old == bytes {
            return Ok(());
        }
    }
    std::fs::write(path, bytes).map_err(|e| ExportError::io(path, e))
}

fn with_suffix(base: &Path, suffix: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Runs of `text` (starting at document offset `start`) between line breaks, as
/// `(start, end)` document offsets, skipping empty runs.
#[must_use]
pub fn fragments(text: &str, start: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run_start = start;
    let mut pos = start;
    for c in text.chars() {
        if is_line_break(c) {
            if pos > run_start {
                out.push((run_start, pos));
            }
            run_start = pos + 1;
        }
        pos += 1;
    }
    if pos > run_start {
        out.push((run_start, pos));
    }
    out
}

/// A value safe inside an `.ann` field: line breaks and TABs become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_line_break(c) || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A value safe as an attribute token: no whitespace.
fn token(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

#[derive(Default)]
struct Lines {
    body: String,
    attrs: String,
    notes: String,
    next: HashMap<char, usize>,
}

impl Lines {
    fn id(&mut self, prefix: char) -> String {
        let n = self.next.entry(prefix).or_insert(0);
        *n += 1;
        format!("{prefix}{n}")
    }

    fn attr(&mut self, name: &str, target: &str, value: &str) {
        let id = self.id('A');
        let _ = writeln!(self.attrs, "{id}\t{name} {target} {}", token(value));
    }

    fn note(&mut self, ty: &str, target: &str, text: &str) {
        let id = self.id('#');
        let _ = writeln!(self.notes, "{id}\t{ty} {target}\t{}", one_line(text));
    }

    /// Attribute values of one record: categorical ones as `A` lines, text ones as notes.
    fn record_attrs<'a>(
        &mut self,
        schema: &Schema,
        target: &str,
        attrs: impl Iterator<Item = (&'a String, &'a String)>,
    ) {
        for (name, value) in attrs {
            let text = schema.attr(name).is_some_and(|d| d.level == Level::Text);
            if text {
                self.note(&camel(name), target, value);
            } else {
                self.attr(&camel(name), target, value);
            }
        }
    }
}

/// The `.ann` text of one annotator's document.
#[must_use]
pub fn ann_text(schema: &Schema, article: &Article, doc: &AnnotationDoc) -> String {
    let rel = &schema.relation;
    let mut lines = Lines::default();
    // Spans in the order an import of this file would store them: by their text-bound
    // extent (line breaks at either end are not part of a brat span), kind, then position.
    let mut placed_spans: Vec<_> = doc
        .spans
        .iter()
        .enumerate()
        .filter_map(|(index, span)| {
            let placed = place(article, span)?;
            let frags = fragments(placed.text, placed.start);
            let first = frags.first()?.0;
            let last = frags.last()?.1;
            Some((
                (first, last, span.kind.as_str(), index),
                span,
                placed,
                frags,
            ))
        })
        .collect();
    placed_spans.sort_by(|a, b| a.0.cmp(&b.0));
    // A cue is written as the event trigger only when its attribution's event is written too,
    // i.e. when the claim could be placed (an unplaced claim would leave a typeless trigger
    // that an import reads back as a plain cue).
    let placed: HashSet<&str> = placed_spans
        .iter()
        .map(|(_, span, _, _)| span.id.as_str())
        .collect();
    let triggers: HashSet<&str> = doc
        .attributions
        .iter()
        .filter(|a| placed.contains(a.claim.as_str()))
        .filter_map(|a| a.cue.as_deref())
        .collect();
    let mut t_ids: HashMap<&str, String> = HashMap::new();
    // brat lets only events refer to an event trigger (no attribute, note or normalization),
    // so a cue that triggers attributions is written twice over the same text: as a `Cue`
    // carrying its own attributes and notes, and as the `Attribution` trigger the events use
    // (the layout PolNeAR and PARC-derived corpora publish).
    let mut trigger_ids: HashMap<&str, String> = HashMap::new();
    let mut trigger_at: HashMap<String, String> = HashMap::new();
    for (_, span, placed, frags) in &placed_spans {
        let id = lines.id('T');
        let ty = span.kind.as_str();
        let spec: Vec<String> = frags.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let text: Vec<&str> = frags
            .iter()
            .filter_map(|&(s, e)| {
                article.para_slice(
                    placed.para,
                    s - placed.start + placed.para_start,
                    e - placed.start + placed.para_start,
                )
            })
            .collect();
        let (spec, text) = (spec.join(";"), text.join(" "));
        let _ = writeln!(lines.body, "{id}\t{ty} {spec}\t{text}");
        t_ids.insert(span.id.as_str(), id);
        if schema.is_cue_kind(&span.kind) && triggers.contains(span.id.as_str()) {
            // Cues with the same extent share one trigger: brat's verifier warns about two
            // triggers with identical span and type.
            let trigger = trigger_at
                .entry(spec.clone())
                .or_insert_with(|| {
                    let trigger = lines.id('T');
                    let _ = writeln!(lines.body, "{trigger}\t{} {spec}\t{text}", rel.name);
                    trigger
                })
                .clone();
            trigger_ids.insert(span.id.as_str(), trigger);
        }
    }
    let spans_in_order: Vec<&Span> = placed_spans.iter().map(|(_, span, _, _)| *span).collect();
    let mut a_targets: HashMap<&str, String> = HashMap::new();
    for att in &doc.attributions {
        let Some(claim) = t_ids.get(att.claim.as_str()) else {
            continue;
        };
        let sources: Vec<&String> = att
            .sources
            .iter()
            .filter_map(|s| t_ids.get(s.as_str()))
            .collect();
        match att.cue.as_deref().and_then(|c| trigger_ids.get(c)) {
            Some(cue) => {
                let id = lines.id('E');
                let mut args = format!("{}:{cue}", rel.name);
                for (i, source) in sources.iter().enumerate() {
                    let role = if i == 0 {
                        SOURCE_ROLE.to_owned()
                    } else {
                        format!("{SOURCE_ROLE}{}", i + 1)
                    };
                    let _ = write!(args, " {role}:{source}");
                }
                let _ = write!(args, " {CONTENT_ROLE}:{claim}");
                let _ = writeln!(lines.body, "{id}\t{args}");
                a_targets.insert(att.id.as_str(), id);
            }
            None => {
                let mut first = None;
                for source in sources {
                    let id = lines.id('R');
                    let _ = writeln!(
                        lines.body,
                        "{id}\t{NO_CUE_RELATION} Arg1:{claim} Arg2:{source}"
                    );
                    first.get_or_insert(id);
                }
                if let Some(r) = first {
                    a_targets.insert(att.id.as_str(), r);
                }
            }
        }
    }
    // Entity references, then attributes and notes, each in record order.
    let mut first_reference: Vec<(&crate::model::Entity, String)> = Vec::new();
    for span in &spans_in_order {
        let (Some(t), Some(entity)) = (
            t_ids.get(span.id.as_str()),
            span.entity.as_deref().and_then(|e| doc.entity(e)),
        ) else {
            continue;
        };
        let id = lines.id('N');
        let _ = writeln!(
            lines.body,
            "{id}\tReference {t} {ENTITY_DB}:{}\t{}",
            token(&entity.id),
            one_line(&entity.name)
        );
        if !first_reference.iter().any(|(e, _)| e.id == entity.id) {
            first_reference.push((entity, id));
        }
    }
    for span in &spans_in_order {
        let Some(t) = t_ids.get(span.id.as_str()).cloned() else {
            continue;
        };
        lines.record_attrs(schema, &t, span.attrs.iter());
        if let Some(entity) = span.entity.as_deref().and_then(|e| doc.entity(e)) {
            lines.record_attrs(schema, &t, entity.attrs.iter());
        }
        if schema.is_claim_kind(&span.kind) {
            let get = |n: &str| span.attrs.get(n).map(String::as_str);
            if let Some(tag) = derived::factbank(get("certainty"), get("polarity")) {
                lines.attr(FACTUALITY, &t, &tag);
            }
        }
        if span.confidence != Confidence::High {
            lines.attr(CONFIDENCE, &t, span.confidence.as_str());
        }
        if let Some(note) = &span.note {
            lines.note("AnnotatorNotes", &t, note);
        }
    }
    for att in &doc.attributions {
        let Some(claim) = t_ids.get(att.claim.as_str()) else {
            continue;
        };
        let event = a_targets
            .get(att.id.as_str())
            .filter(|id| id.starts_with('E'));
        let target = event.unwrap_or(claim).clone();
        lines.record_attrs(schema, &target, att.attrs.iter());
        if att.confidence != Confidence::High {
            let name = if event.is_some() {
                CONFIDENCE
            } else {
                ATTRIBUTION_CONFIDENCE
            };
            lines.attr(name, &target, att.confidence.as_str());
        }
        if let Some(note) = &att.note {
            let on = a_targets.get(att.id.as_str()).unwrap_or(claim).clone();
            lines.note("AnnotatorNotes", &on, note);
        }
    }
    // Entity confidence and note on the entity's first reference (brat has no attributes on
    // normalizations), then nested attributions as a note naming the enclosing event or
    // relation.
    for (entity, n) in &first_reference {
        if entity.confidence != Confidence::High {
            lines.note(ENTITY_CONFIDENCE_NOTE, n, entity.confidence.as_str());
        }
        if let Some(note) = &entity.note {
            lines.note("AnnotatorNotes", n, note);
        }
    }
    for att in &doc.attributions {
        let (Some(inner), Some(outer)) = (
            a_targets.get(att.id.as_str()),
            att.within.as_deref().and_then(|w| a_targets.get(w)),
        ) else {
            continue;
        };
        let (inner, outer) = (inner.clone(), outer.clone());
        lines.note(WITHIN_NOTE, &inner, &outer);
    }
    let mut out = lines.body;
    out.push_str(&lines.attrs);
    out.push_str(&lines.notes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_of_an_attribution_whose_claim_has_no_text_bound_extent_stays_a_cue() {
        // The claim covers only a line break, which brat cannot mark: no event is written, so
        // its cue must keep its own type (or a re-import would read a different document).
        let schema = Schema::default_schema();
        let article = Article::from_text(Path::new("a.txt"), "said it\nyes").expect("article");
        let mut doc = AnnotationDoc::new(&schema, &article, "A", "t");
        let k = doc
            .add_span(&schema, &article, "Cue", 0, 0, 4)
            .expect("cue");
        let s = doc
            .add_span(&schema, &article, "Speaker", 0, 5, 7)
            .expect("speaker");
        let c = doc
            .add_span(&schema, &article, "Claim", 0, 7, 8)
            .expect("claim");
        doc.attribute(&schema, &c, &[s], Some(&k))
            .expect("attribution");
        let ann = ann_text(&schema, &article, &doc);
        assert!(ann.contains("\tCue 0 4\tsaid"), "{ann}");
        assert!(!ann.contains("Attribution 0 4"), "{ann}");
    }

    #[test]
    fn a_cue_that_triggers_an_event_keeps_its_attributes_off_the_trigger() {
        let schema = Schema::default_schema();
        let article = Article::from_text(Path::new("a.txt"), "Ann said it rains").expect("article");
        let mut doc = AnnotationDoc::new(&schema, &article, "A", "t");
        let s = doc
            .add_span(&schema, &article, "Speaker", 0, 0, 3)
            .expect("speaker");
        let k = doc
            .add_span(&schema, &article, "Cue", 0, 4, 8)
            .expect("cue");
        let c = doc
            .add_span(&schema, &article, "Claim", 0, 9, 17)
            .expect("claim");
        doc.set_attr(&schema, &k, "cue_stance", Some("neutral"))
            .expect("stance");
        doc.attribute(&schema, &c, &[s], Some(&k))
            .expect("attribution");
        let ann = ann_text(&schema, &article, &doc);
        assert!(
            ann.contains("T2\tCue 4 8\tsaid\nT3\tAttribution 4 8\tsaid\n"),
            "{ann}"
        );
        assert!(
            ann.contains("E1\tAttribution:T3 Source:T1 Content:T4"),
            "{ann}"
        );
        assert!(ann.contains("\tCueStance T2 neutral"), "{ann}");
    }

    #[test]
    fn cues_with_the_same_extent_share_one_trigger() {
        let schema = Schema::default_schema();
        let text = "Ann and Bo said it rains";
        let article = Article::from_text(Path::new("a.txt"), text).expect("article");
        let mut doc = AnnotationDoc::new(&schema, &article, "A", "t");
        let ann_span = doc
            .add_span(&schema, &article, "Speaker", 0, 0, 3)
            .expect("speaker");
        let bo = doc
            .add_span(&schema, &article, "Speaker", 0, 8, 10)
            .expect("speaker");
        let k1 = doc
            .add_span(&schema, &article, "Cue", 0, 11, 15)
            .expect("cue");
        let k2 = doc
            .add_span(&schema, &article, "Cue", 0, 11, 15)
            .expect("cue");
        let c1 = doc
            .add_span(&schema, &article, "Claim", 0, 16, 24)
            .expect("claim");
        let c2 = doc
            .add_span(&schema, &article, "Claim", 0, 19, 24)
            .expect("claim");
        doc.attribute(&schema, &c1, &[ann_span], Some(&k1))
            .expect("attribution");
        doc.attribute(&schema, &c2, &[bo], Some(&k2))
            .expect("attribution");
        let ann = ann_text(&schema, &article, &doc);
        assert_eq!(ann.matches("\tAttribution 11 15\tsaid").count(), 1, "{ann}");
        assert_eq!(ann.matches("\tCue 11 15\tsaid").count(), 2, "{ann}");
        let trigger = ann
            .lines()
            .find(|l| l.contains("\tAttribution 11 15"))
            .and_then(|l| l.split('\t').next())
            .expect("trigger");
        let events: Vec<&str> = ann.lines().filter(|l| l.starts_with('E')).collect();
        assert_eq!(events.len(), 2, "{ann}");
        assert!(
            events
                .iter()
                .all(|e| e.contains(&format!("Attribution:{trigger} "))),
            "{ann}"
        );
    }

    #[test]
    fn rewrites_only_files_whose_content_differs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let same = dir.path().join("same.ann");
        let changed = dir.path().join("changed.ann");
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        for (path, text) in [(&same, "T1\tClaim 0 4\tRain\n"), (&changed, "stale\n")] {
            std::fs::write(path, text).expect("write");
            let file = std::fs::File::options()
                .write(true)
                .open(path)
                .expect("open");
            file.set_modified(old).expect("set mtime");
        }
        write_if_changed(&same, b"T1\tClaim 0 4\tRain\n").expect("same");
        write_if_changed(&changed, b"T1\tClaim 0 4\tRain\n").expect("changed");
        let new = dir.path().join("sub").join("new.ann");
        assert!(write_if_changed(&new, b"x").is_err(), "parent missing");
        let mtime = |p: &Path| {
            std::fs::metadata(p)
                .and_then(|m| m.modified())
                .expect("mtime")
        };
        assert_eq!(mtime(&same), old);
        assert_ne!(mtime(&changed), old);
        assert_eq!(
            std::fs::read_to_string(&changed).expect("read"),
            "T1\tClaim 0 4\tRain\n"
        );
    }

    #[test]
    fn fragments_split_at_line_breaks() {
        assert_eq!(fragments("ab\ncd", 10), [(10, 12), (13, 15)]);
        assert_eq!(fragments("ab\n", 0), [(0, 2)]);
        assert_eq!(fragments("a\u{2028}\nb", 0), [(0, 1), (3, 4)]);
        assert!(fragments("\n", 0).is_empty());
    }
}
