//! Opening and saving the sidecar of one article for one annotator: the API the annotation
//! screen, review mode and export use.
//!
//! Guarantees (issue "saving never loses work"):
//! - a sidecar that does not parse, or comes from a newer program, yields
//!   [`SidecarSlot::Refused`], which has no way to save; the lower-level [`sidecar::save`] also
//!   refuses to replace such a file, so no code path can overwrite it;
//! - an older format version is migrated in memory, and a file that opening changed without the
//!   user (migration, re-anchoring) is copied to `<file>.bak` before the first write;
//! - a file changed on disk by someone else since it was read is not overwritten silently;
//! - attribute values are checked against the schema on load and listed as problems.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::annotation::AnnotationDoc;
use crate::model::article::Article;
use crate::model::schema::Schema;
use crate::store::atomic::write_atomic;
use crate::store::paths::{check_annotator, sidecar_path};
use crate::store::reanchor::{ReanchorReport, reanchor};
use crate::store::sidecar::{self, SidecarError};
use crate::store::validate::{Problem, check_against_article, check_doc};

/// The current time as RFC 3339 UTC with whole seconds (`2026-11-25T09:30:00Z`).
#[must_use]
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// The sidecar of one article and annotator, loaded (or started), re-anchored and checked.
#[derive(Debug)]
pub struct OpenedSidecar {
    path: PathBuf,
    /// The annotations. Edit them through the [`AnnotationDoc`] API, then call
    /// [`OpenedSidecar::save`].
    pub doc: AnnotationDoc,
    /// What re-anchoring did on open (all `kept` when the article is unchanged).
    pub report: ReanchorReport,
    /// Schema and consistency problems found on open (the file still opens).
    pub problems: Vec<Problem>,
    migrated_from: Option<u32>,
    /// The bytes read from disk, kept until they are backed up (migration or re-anchoring
    /// changed the document without the user).
    pending_backup: Option<Vec<u8>>,
    /// SHA-256 of the file as last read or written by us; `None` when there was no file.
    disk_hash: Option<[u8; 32]>,
    /// The document as last read or written, to skip saves that would change nothing.
    saved: Option<AnnotationDoc>,
    /// The document as opened (after migration and re-anchoring). When edits bring the
    /// annotations back to it (an edit undone), its `modified` time is written again, so the
    /// file's bytes return to what they were and version control sees no change.
    opened_as: Option<AnnotationDoc>,
}

/// The result of opening a sidecar: ready to edit, or refused (never written).
#[derive(Debug)]
pub enum SidecarSlot {
    /// Loaded or started; may be edited and saved.
    Ready(Box<OpenedSidecar>),
    /// The file exists but cannot be used (parse error at `path:line:col`, a newer format, an
    /// unreadable file). There is deliberately no way to save this slot.
    Refused {
        /// The sidecar path.
        path: PathBuf,
        /// Why it was refused; its message names the file (and line:col for parse errors).
        error: SidecarError,
    },
}

impl SidecarSlot {
    /// Open the sidecar of `article` for `annotator` (next to the article).
    #[must_use]
    pub fn open(article: &Article, annotator: &str, schema: &Schema) -> Self {
        let path = sidecar_path(article.path(), annotator);
        match OpenedSidecar::open_at(&path, article, annotator, schema) {
            Ok(opened) => Self::Ready(Box::new(opened)),
            Err(error) => Self::Refused { path, error },
        }
    }

    /// The opened sidecar, if it could be used.
    #[must_use]
    pub fn ready(&self) -> Option<&OpenedSidecar> {
        match self {
            Self::Ready(o) => Some(o),
            Self::Refused { .. } => None,
        }
    }

    /// The opened sidecar, mutably.
    pub fn ready_mut(&mut self) -> Option<&mut OpenedSidecar> {
        match self {
            Self::Ready(o) => Some(o),
            Self::Refused { .. } => None,
        }
    }

    /// The sidecar path.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Ready(o) => o.path(),
            Self::Refused { path, .. } => path,
        }
    }
}

impl OpenedSidecar {
    /// Open the sidecar of `article` for `annotator` at its usual place next to the article.
    ///
    /// # Errors
    /// See [`OpenedSidecar::open_at`].
    pub fn open(article: &Article, annotator: &str, schema: &Schema) -> Result<Self, SidecarError> {
        Self::open_at(
            &sidecar_path(article.path(), annotator),
            article,
            annotator,
            schema,
        )
    }

    /// Open the sidecar at `path`: load it (or start an empty document when there is none),
    /// migrate an older format in memory, re-anchor the spans to the current text and check
    /// the document against `schema`.
    ///
    /// # Errors
    /// [`SidecarError::BadAnnotator`] for an invalid annotator name; [`SidecarError::Parse`]
    /// (`path:line:col`), [`SidecarError::FutureVersion`] or [`SidecarError::Io`] when the file
    /// cannot be used. Nothing is written in any case.
    pub fn open_at(
        path: &Path,
        article: &Article,
        annotator: &str,
        schema: &Schema,
    ) -> Result<Self, SidecarError> {
        check_annotator(annotator).map_err(|message| SidecarError::BadAnnotator {
            path: path.to_owned(),
            message,
        })?;
        let Some(bytes) = sidecar::read_bytes(path)? else {
            let doc = AnnotationDoc::new(schema, article, annotator, &now_rfc3339());
            return Ok(Self {
                path: path.to_owned(),
                doc,
                report: ReanchorReport::default(),
                problems: Vec::new(),
                migrated_from: None,
                pending_backup: None,
                disk_hash: None,
                saved: None,
                opened_as: None,
            });
        };
        let text = sidecar::decode(&bytes, path)?;
        let (mut doc, migrated_from) = sidecar::parse_any(text, path)?;
        let as_read = doc.clone();
        let report = reanchor(&mut doc, article);
        let mut problems = check_doc(&doc, schema);
        // After re-anchoring this lists orphans and any hand-edited offsets that do not match.
        problems.extend(check_against_article(&doc, article));
        if doc.annotator != annotator {
            problems.push(Problem::new(
                crate::store::validate::ProblemKind::Header,
                None,
                format!(
                    "the file says annotator `{}`, opened as `{annotator}`",
                    doc.annotator
                ),
            ));
        }
        let changed_without_user = migrated_from.is_some() || doc != as_read;
        // A migration or re-anchoring alone is not written: the file changes on disk only
        // when the annotator changes an annotation (sidecars are shared through git). The
        // first such save writes the migrated, re-anchored document after backing up the
        // original bytes.
        Ok(Self {
            path: path.to_owned(),
            report,
            problems,
            migrated_from,
            disk_hash: Some(sha256_of(&bytes)),
            pending_backup: changed_without_user.then_some(bytes),
            saved: Some(doc.clone()),
            opened_as: Some(doc.clone()),
            doc,
        })
    }

    /// The sidecar path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The format version the file was migrated from, if it was older.
    #[must_use]
    pub fn migrated_from(&self) -> Option<u32> {
        self.migrated_from
    }

    /// True when no sidecar existed yet.
    #[must_use]
    pub fn is_new(&self) -> bool {
        self.disk_hash.is_none()
    }

    /// True when the document differs from what is on disk.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.doc)
    }

    /// Write the document if it changed: set `modified` to now, write `<file>.bak` first when
    /// opening changed the file without the user, then replace the sidecar atomically.
    /// Returns whether a file was written. A new, empty document is not written.
    ///
    /// # Errors
    /// [`SidecarError::ChangedOnDisk`] when someone else changed the file since it was read
    /// (reload it), [`SidecarError::WouldOverwriteBroken`] when the file on disk no longer
    /// parses, [`SidecarError::Io`] when writing fails. The file on disk is untouched then.
    pub fn save(&mut self) -> Result<bool, SidecarError> {
        if !self.is_dirty() {
            return Ok(false);
        }
        if self.disk_hash.is_none() && is_empty(&self.doc) {
            return Ok(false);
        }
        self.check_disk_unchanged()?;
        if let Some(original) = &self.pending_backup {
            let bak = backup_path(&self.path);
            write_atomic(&bak, original).map_err(|source| SidecarError::Io {
                path: bak.clone(),
                action: "cannot write backup",
                source,
            })?;
            self.pending_backup = None;
        }
        let mut doc = self.doc.clone();
        doc.modified = match &self.opened_as {
            Some(opened) if same_annotations(opened, &doc) => opened.modified.clone(),
            _ => now_rfc3339(),
        };
        doc.canonicalize();
        let text = sidecar::to_ron(&doc);
        write_atomic(&self.path, text.as_bytes()).map_err(|source| SidecarError::Io {
            path: self.path.clone(),
            action: "cannot save",
            source,
        })?;
        self.disk_hash = Some(sha256_of(text.as_bytes()));
        self.doc = doc;
        self.saved = Some(self.doc.clone());
        Ok(true)
    }

    /// Write what opening changed without the user (re-anchoring, migration), keeping the
    /// original as `.bak`, as `marginalia check --fix` does. Returns whether a file was
    /// written (`false` when opening changed nothing).
    ///
    /// # Errors
    /// As [`OpenedSidecar::save`].
    pub fn write_what_opening_changed(&mut self) -> Result<bool, SidecarError> {
        if self.pending_backup.is_none() {
            return self.save();
        }
        // Not the annotator's edit, but the content changed: a new modification time.
        self.opened_as = None;
        self.saved = None;
        self.save()
    }

    /// The file must be as we last saw it (or still absent).
    fn check_disk_unchanged(&self) -> Result<(), SidecarError> {
        let current = sidecar::read_bytes(&self.path)?;
        match (&self.disk_hash, current) {
            (None, None) => Ok(()),
            (Some(ours), Some(bytes)) if *ours == sha256_of(&bytes) => Ok(()),
            (_, Some(bytes)) => {
                // Say the more serious thing when the new content is not even a sidecar.
                let parses = sidecar::decode(&bytes, &self.path)
                    .and_then(|t| sidecar::parse_any(t, &self.path))
                    .is_ok();
                Err(if parses {
                    SidecarError::ChangedOnDisk {
                        path: self.path.clone(),
                    }
                } else {
                    SidecarError::WouldOverwriteBroken {
                        path: self.path.clone(),
                    }
                })
            }
            (Some(_), None) => Err(SidecarError::ChangedOnDisk {
                path: self.path.clone(),
            }),
        }
    }
}

/// `<file>.bak`, or `<file>.bak.2`, `.bak.3`... when earlier backups exist.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let base = path.as_os_str().to_owned();
    let mut candidate = PathBuf::from(format!("{}.bak", base.to_string_lossy()));
    let mut n = 2;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{}.bak.{n}", base.to_string_lossy()));
        n += 1;
    }
    candidate
}

/// True when `a` and `b` differ at most in their modification time.
fn same_annotations(a: &AnnotationDoc, b: &AnnotationDoc) -> bool {
    let mut b = b.clone();
    b.modified.clone_from(&a.modified);
    *a == b
}

fn is_empty(doc: &AnnotationDoc) -> bool {
    doc.spans.is_empty()
        && doc.entities.is_empty()
        && doc.attributions.is_empty()
        && doc.done.is_empty()
        && doc.rejected.is_empty()
}

fn sha256_of(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).into()
}
