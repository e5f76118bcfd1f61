//! `marginalia suggest PATH... [--json] [--write NAME] [--min-score X] [--lexicon FILE]`:
//! rule-based attribution suggestions for articles (see `docs/suggest.md`).
//!
//! Without options it lists the suggestions for people to read; `--json` prints one JSON
//! document per article and line; `--write NAME` writes them as annotator NAME's sidecars
//! through the store (atomic, never over a sidecar that does not parse), refusing any sidecar
//! a person made. Exit 0 when every article was handled, 1 when a sidecar was refused, 2 for
//! bad usage or unreadable input (messages name the file, and line:col for RON).

use std::io::Write as _;
use std::path::PathBuf;

use crate::cli::{CommonArgs, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SuggestArgs};
use crate::commands::common::{advance, print_error, progress_bar, resolve_schema};
use crate::corpus::Corpus;
use crate::model::{Article, Schema};
use crate::store::sidecar::{self, SidecarError};
use crate::store::{GOLD, OpenedSidecar, check_annotator, sidecar_path};
use crate::suggest::json::ArticleJson;
use crate::suggest::sidecar::{refuse_overwrite, to_doc};
use crate::suggest::{Lexicon, Suggester, Suggestion};

/// Run the command.
#[must_use]
pub fn run(args: &SuggestArgs, common: &CommonArgs) -> u8 {
    if !(0.0..=1.0).contains(&args.min_score) {
        print_error(&format!("--min-score {} is outside 0..1", args.min_score));
        return EXIT_USAGE;
    }
    if let Some(name) = &args.write {
        if let Err(message) = check_annotator(name) {
            print_error(&message);
            return EXIT_USAGE;
        }
        if name == GOLD {
            print_error("--write gold: `gold` is reserved for adjudicated files");
            return EXIT_USAGE;
        }
    }
    let schema = match resolve_schema(common) {
        Ok(schema) => schema,
        Err(message) => {
            print_error(&message);
            return EXIT_USAGE;
        }
    };
    let lexicon = match &args.lexicon {
        Some(path) => Lexicon::load(path),
        None => Ok(Lexicon::builtin()),
    };
    let suggester = match lexicon {
        Ok(lexicon) => Suggester::new(lexicon),
        Err(e) => {
            print_error(&e.to_string());
            return EXIT_USAGE;
        }
    };
    let mut code = EXIT_OK;
    let mut articles: Vec<PathBuf> = Vec::new();
    for path in &args.paths {
        match Corpus::scan(path) {
            Ok(corpus) => {
                for problem in corpus.problems() {
                    print_error(problem);
                    code = EXIT_USAGE;
                }
                if path.is_file() {
                    // An article named on the command line is reported as given.
                    articles.extend(corpus.entries().iter().map(|_| path.clone()));
                } else {
                    articles.extend(corpus.entries().iter().map(|e| e.path.clone()));
                }
            }
            Err(e) => {
                print_error(&e.to_string());
                code = EXIT_USAGE;
            }
        }
    }
    let bar = args
        .paths
        .iter()
        .any(|p| p.is_dir())
        .then(progress_bar)
        .flatten();
    let mut out = std::io::stdout().lock();
    let total = articles.len();
    let mut written = 0usize;
    for (n, path) in articles.iter().enumerate() {
        advance(bar.as_ref(), n, total);
        let article = match Article::load(path) {
            Ok(article) => article,
            Err(e) => {
                print_error(&e.to_string());
                code = code.max(EXIT_USAGE);
                continue;
            }
        };
        let mut suggestions = suggester.suggest(&article, &schema);
        suggestions.retain(|s| s.score >= args.min_score);
        if let Some(name) = &args.write {
            match write(&article, &schema, name, suggester.lexicon(), &suggestions) {
                Ok(()) => written += 1,
                Err(Refusal::Person(message)) => {
                    print_error(&message);
                    code = code.max(EXIT_PROBLEMS);
                }
                Err(Refusal::Store(e)) => {
                    print_error(&e.to_string());
                    code = code.max(EXIT_USAGE);
                }
            }
        }
        let shown = path.display().to_string();
        let printed = if args.json {
            writeln!(out, "{}", ArticleJson::new(&shown, &suggestions).to_line())
        } else if args.write.is_none() {
            write!(out, "{}", human(&shown, &suggestions))
        } else {
            Ok(())
        };
        if printed.is_err() {
            // Output closed (a pipe to `head`): nothing more to say.
            return code;
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(name) = &args.write
        && !args.json
    {
        eprintln!("wrote {written} of {total} `{name}` sidecars");
    }
    code
}

/// Why a sidecar was not written.
enum Refusal {
    /// A person's sidecar (or one edited since the suggester wrote it).
    Person(String),
    /// The store refused or failed (broken file, newer format, I/O).
    Store(SidecarError),
}

fn write(
    article: &Article,
    schema: &Schema,
    name: &str,
    lexicon: &Lexicon,
    suggestions: &[Suggestion],
) -> Result<(), Refusal> {
    let path = sidecar_path(article.path(), name);
    // Judge the file as it is on disk, before re-anchoring could change it.
    if let Some(existing) = sidecar::load(&path).map_err(Refusal::Store)?
        && let Some(why) = refuse_overwrite(&existing)
    {
        return Err(Refusal::Person(format!(
            "{}: {why}; not overwritten (use another --write NAME, or move the file)",
            path.display()
        )));
    }
    let mut opened =
        OpenedSidecar::open_at(&path, article, name, schema).map_err(Refusal::Store)?;
    let now = crate::store::open::now_rfc3339();
    let mut doc = to_doc(article, schema, name, &now, &lexicon.id(), suggestions);
    if !opened.is_new() {
        doc.created.clone_from(&opened.doc.created);
    }
    let new_and_empty = opened.is_new() && doc.spans.is_empty();
    opened.doc = doc;
    if new_and_empty {
        // An article with nothing to suggest still gets its (empty) sidecar, so `agree` and
        // `review` see the suggester as an annotator of it.
        return sidecar::save(&path, &opened.doc).map_err(Refusal::Store);
    }
    opened.save().map(|_| ()).map_err(Refusal::Store)
}

/// The suggestions of one article for people to read.
fn human(path: &str, suggestions: &[Suggestion]) -> String {
    use std::fmt::Write as _;
    let mut s = format!("{path}: {} suggestions\n", suggestions.len());
    for sugg in suggestions {
        let quote = |span: Option<&crate::suggest::SuggestedSpan>| {
            span.map_or_else(|| "-".to_owned(), |x| format!("{:?}", x.text))
        };
        let _ = writeln!(
            s,
            "  {:.2}  source {}  cue {}  claim {}",
            sugg.score,
            quote(sugg.source.as_ref()),
            quote(sugg.cue.as_ref()),
            quote(sugg.claim.as_ref()),
        );
        let attrs: Vec<String> = sugg
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let _ = writeln!(s, "        {}; {}", sugg.reason, attrs.join(" "));
    }
    s
}
