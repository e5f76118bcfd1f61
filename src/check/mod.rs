//! `marginalia check`: find every problem in a set of articles and sidecars without changing
//! anything on disk.
//!
//! Files are grouped by directory and article stem, because a stem is what links an article to
//! its sidecars (`<stem>.<annotator>.ann.ron`). Each group is checked for: article load errors,
//! two articles sharing a stem (`a.txt` and `a.md`), sidecars that do not parse (with
//! `path:line:col`), come from a newer program, break the schema or their own references, or
//! whose anchors no longer match the text, and sidecars without an article.

pub mod anchors;
pub mod report;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::{Article, Schema};
use crate::store::paths::{SIDECAR_SUFFIX, is_article_path, parse_sidecar_name};
use crate::store::sidecar::{self, SidecarError};
use crate::store::validate::check_doc;
use crate::store::{ProblemKind, Severity};

pub use anchors::AnchorSummary;
pub use report::{CheckReport, Finding, FindingKind};

/// The files of one directory that share an article stem.
#[derive(Debug, Default)]
struct Group {
    articles: Vec<PathBuf>,
    sidecars: Vec<PathBuf>,
}

/// Check `paths` (files or directories, searched recursively) against `schema`.
///
/// # Errors
/// A message naming a path that does not exist or cannot be listed (usage error).
pub fn check_paths(paths: &[PathBuf], schema: &Schema) -> Result<CheckReport, String> {
    check_paths_with_progress(paths, schema, Fix::No, &mut |_, _| {})
}

/// Whether `check` may write: `--fix` writes the re-anchored sidecars of changed articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// Never write (the default).
    No,
    /// Write each sidecar whose article changed, re-anchored, keeping the original as `.bak`.
    Reanchor,
}

/// As [`check_paths`], writing re-anchored sidecars when `fix` says so, and calling
/// `progress(done, total)` as articles are checked.
///
/// # Errors
/// As [`check_paths`].
pub fn check_paths_with_progress(
    paths: &[PathBuf],
    schema: &Schema,
    fix: Fix,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<CheckReport, String> {
    let mut groups: BTreeMap<(PathBuf, String), Group> = BTreeMap::new();
    let mut report = CheckReport::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if meta.is_dir() {
            walk(path, &mut groups, &mut report)?;
        } else {
            add_with_siblings(path, &mut groups, &mut report)?;
        }
    }
    let total = groups.len();
    for (done, ((dir, stem), group)) in groups.iter().enumerate() {
        progress(done, total);
        check_group(dir, stem, group, schema, fix, &mut report);
    }
    progress(total, total);
    report.sort();
    Ok(report)
}

/// Add every article and sidecar below `dir`, walked as every command walks a directory
/// ([`crate::corpus::walk`]); what cannot be walked is a warning.
fn walk(
    dir: &Path,
    groups: &mut BTreeMap<(PathBuf, String), Group>,
    report: &mut CheckReport,
) -> Result<(), String> {
    let walk = crate::corpus::walk_files(dir, usize::MAX)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    // A link loop or an unreadable subdirectory does not stop the check of the rest.
    for problem in walk.problems {
        report.push(Finding {
            severity: Severity::Warning,
            ..Finding::new(dir, FindingKind::Unreadable, problem)
        });
    }
    for path in &walk.files {
        add_file(path, groups, report, false);
    }
    Ok(())
}

/// Add a file named on the command line, plus the article and sidecars that belong with it.
fn add_with_siblings(
    path: &Path,
    groups: &mut BTreeMap<(PathBuf, String), Group>,
    report: &mut CheckReport,
) -> Result<(), String> {
    let Some(stem) = add_file(path, groups, report, true) else {
        return Ok(());
    };
    let dir = parent_of(path);
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let sibling = entry.path();
        if sibling.file_name() != path.file_name()
            && stem_of(&sibling).as_deref() == Some(stem.as_str())
        {
            add_file(&sibling, groups, report, false);
        }
    }
    Ok(())
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The article stem a file belongs to, if it is an article or a sidecar.
fn stem_of(path: &Path) -> Option<String> {
    if let Some((stem, _)) = parse_sidecar_name(path) {
        return Some(stem);
    }
    if is_article_path(path) {
        return path.file_stem().map(|s| s.to_string_lossy().into_owned());
    }
    None
}

/// File one path into its group; returns the stem. Sidecar-looking names with an invalid
/// annotator are reported; other files are ignored unless named explicitly.
fn add_file(
    path: &Path,
    groups: &mut BTreeMap<(PathBuf, String), Group>,
    report: &mut CheckReport,
    explicit: bool,
) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let dir = parent_of(path);
    if let Some((stem, _)) = parse_sidecar_name(path) {
        let group = groups.entry((dir, stem.clone())).or_default();
        if !group
            .sidecars
            .iter()
            .any(|p| p.file_name() == path.file_name())
        {
            group.sidecars.push(path.to_owned());
        }
        return Some(stem);
    }
    if let Some(base) = name.strip_suffix(SIDECAR_SUFFIX) {
        let annotator = base.rsplit_once('.').map_or("", |(_, a)| a);
        report.push(Finding::new(
            path,
            FindingKind::BadAnnotator,
            format!(
                "not a valid sidecar name: annotator `{annotator}` must be [A-Za-z0-9_-]+ (expected <article stem>.<annotator>{SIDECAR_SUFFIX})"
            ),
        ));
        return None;
    }
    if is_article_path(path) {
        let stem = path.file_stem()?.to_string_lossy().into_owned();
        let group = groups.entry((dir, stem.clone())).or_default();
        if !group
            .articles
            .iter()
            .any(|p| p.file_name() == path.file_name())
        {
            group.articles.push(path.to_owned());
        }
        return Some(stem);
    }
    if explicit {
        report.push(Finding::new(
            path,
            FindingKind::NotAnArticle,
            "neither an article (.txt, .md) nor a sidecar (.ann.ron)".to_owned(),
        ));
    }
    None
}

fn check_group(
    dir: &Path,
    stem: &str,
    group: &Group,
    schema: &Schema,
    fix: Fix,
    report: &mut CheckReport,
) {
    report.articles += group.articles.len();
    report.sidecars += group.sidecars.len();
    let mut articles = group.articles.clone();
    articles.sort();
    if articles.len() > 1 {
        let names: Vec<String> = articles.iter().map(|p| p.display().to_string()).collect();
        for path in &articles {
            report.push(Finding::new(
                path,
                FindingKind::NameClash,
                format!(
                    "{} map to the same sidecar names ({stem}.<annotator>{SIDECAR_SUFFIX}); rename one",
                    names.join(" and ")
                ),
            ));
        }
    }
    let loaded: Vec<Article> = articles
        .iter()
        .filter_map(|path| match Article::load(path) {
            Ok(a) => Some(a),
            Err(e) => {
                let kind = match e {
                    crate::model::ArticleError::Io { .. } => FindingKind::Unreadable,
                    _ => FindingKind::Article,
                };
                report.push(Finding::new(path, kind, e.to_string()));
                None
            }
        })
        .collect();
    let mut sidecars = group.sidecars.clone();
    sidecars.sort();
    let place = Place {
        dir,
        stem,
        articles: &articles,
        loaded: &loaded,
    };
    for path in &sidecars {
        check_sidecar(path, &place, schema, fix, report);
    }
}

/// The article group a sidecar belongs to.
struct Place<'a> {
    dir: &'a Path,
    stem: &'a str,
    articles: &'a [PathBuf],
    loaded: &'a [Article],
}

fn check_sidecar(
    path: &Path,
    place: &Place<'_>,
    schema: &Schema,
    fix: Fix,
    report: &mut CheckReport,
) {
    let Place {
        dir,
        stem,
        articles,
        loaded,
    } = *place;
    let doc = match sidecar::read_bytes(path)
        .and_then(|b| b.ok_or_else(|| not_found(path)))
        .and_then(|bytes| {
            let text = sidecar::decode(&bytes, path)?;
            sidecar::parse_any(text, path).map(|(doc, _)| doc)
        }) {
        Ok(doc) => doc,
        Err(e) => {
            report.push(Finding::from_sidecar_error(path, &e));
            return;
        }
    };
    if let Some((_, annotator)) = parse_sidecar_name(path)
        && doc.annotator != annotator
    {
        report.push(Finding::new(
            path,
            FindingKind::Doc(crate::store::ProblemKind::Header),
            format!(
                "the file name says annotator `{annotator}`, the file says `{}`",
                doc.annotator
            ),
        ));
    }
    for problem in check_doc(&doc, schema) {
        report.push(Finding::from_problem(path, problem));
    }
    // With two articles of one stem, the sidecar belongs to the one it names.
    let article = loaded
        .iter()
        .find(|a| a.file_name() == doc.article.file)
        .or_else(|| {
            if loaded.len() == 1 {
                loaded.first()
            } else {
                None
            }
        });
    match article {
        Some(article) => {
            let (mut summary, mut problems) = anchors::check_anchors(path, &doc, article);
            if summary.article_changed && fix == Fix::Reanchor {
                let annotator = parse_sidecar_name(path).map_or(doc.annotator.clone(), |(_, a)| a);
                match anchors::fix(path, article, &annotator, schema) {
                    Ok(written) => summary.fixed = written,
                    Err(e) => problems.push(crate::store::Problem::new(
                        ProblemKind::Header,
                        None,
                        format!("--fix could not write the re-anchored sidecar: {e}"),
                    )),
                }
            }
            for problem in problems {
                report.push(Finding::from_problem(path, problem));
            }
            if summary.article_changed {
                let tail = if summary.fixed {
                    "; written re-anchored, the original kept as .bak"
                } else {
                    "; `marginalia check --fix` writes it re-anchored"
                };
                report.push(Finding {
                    severity: Severity::Info,
                    ..Finding::new(
                        path,
                        FindingKind::Doc(ProblemKind::ArticleChanged),
                        format!(
                            "the article changed since this sidecar was written: {}{tail}",
                            summary.sentence()
                        ),
                    )
                });
            }
            report.anchors.push(summary);
        }
        None if articles.is_empty() => report.push(Finding::new(
            path,
            FindingKind::NoArticle,
            format!(
                "no article for this sidecar: expected {} or {}",
                dir.join(format!("{stem}.txt")).display(),
                dir.join(format!("{stem}.md")).display()
            ),
        )),
        // The article exists but failed to load: already reported.
        None => {}
    }
}

fn not_found(path: &Path) -> SidecarError {
    SidecarError::Io {
        path: path.to_owned(),
        action: "cannot read",
        source: std::io::Error::from(std::io::ErrorKind::NotFound),
    }
}
