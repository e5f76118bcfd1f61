//! What the pickers of the attribution flow start on: the obvious answer, so `enter` takes
//! it. The source list starts on the nearest mention not yet a source in the claim's
//! paragraph, the cue list on the nearest unused cue there, the entity list on "+ new
//! entity" unless an entity's name (or a mention already linked to it) matches the mention.

use crate::model::{AnnotationDoc, Span};
use crate::tui::mode::ListChoice;

/// Characters between two spans of one paragraph (0 when they overlap).
fn gap(a: &Span, b: &Span) -> usize {
    b.anchor
        .start
        .saturating_sub(a.anchor.end)
        .max(a.anchor.start.saturating_sub(b.anchor.end))
}

/// The row of the best span for `claim` among `items`: spans of the claim's paragraph that
/// `used` does not exclude, nearest first; else any span of the paragraph when
/// `fallback_used` (a speaker quoted twice in a sentence); else the row `otherwise`.
pub(crate) fn nearest(
    doc: &AnnotationDoc,
    claim: &Span,
    items: &[(ListChoice, String)],
    used: impl Fn(&Span) -> bool,
    fallback_used: bool,
    otherwise: &ListChoice,
) -> usize {
    let candidates = || {
        items.iter().enumerate().filter_map(|(i, (choice, _))| {
            let ListChoice::Record(id) = choice else {
                return None;
            };
            let span = doc.span(id)?;
            (span.anchor.para == claim.anchor.para).then_some((i, span))
        })
    };
    let best = candidates()
        .filter(|(_, s)| !used(s))
        .min_by_key(|(_, s)| gap(s, claim))
        .or_else(|| {
            fallback_used
                .then(|| candidates().min_by_key(|(_, s)| gap(s, claim)))
                .flatten()
        });
    match best {
        Some((i, _)) => i,
        None => items.iter().position(|(c, _)| c == otherwise).unwrap_or(0),
    }
}

/// Words of a name or mention, lower case, apostrophes straightened, a leading article
/// dropped: "The Dockworkers’ Union" -> ["dockworkers'", "union"].
fn words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace(['’', '‘'], "'");
    let mut out: Vec<String> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '"' | '“' | '”'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if out.len() > 1 && matches!(out[0].as_str(), "the" | "a" | "an") {
        out.remove(0);
    }
    out
}

/// True when `part` is a run of consecutive words of `whole`.
fn contains_run(whole: &[String], part: &[String]) -> bool {
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
}

/// The entity a mention with text `mention` most likely refers to: one whose name, or a
/// mention already linked to it, has the same words, or contains the mention's words in a
/// row ("the union" -> "The Valmora Dockworkers’ Union"). `None` when nothing matches: a new
/// entity is then the obvious answer.
#[must_use]
pub fn matching_entity(doc: &AnnotationDoc, mention_id: &str, mention: &str) -> Option<String> {
    entity_match(doc, mention_id, mention).map(|(e, _)| e)
}

/// [`matching_entity`], and whether the match is word for word (`true`) rather than the
/// mention's words found inside a longer name.
#[must_use]
pub fn entity_match(
    doc: &AnnotationDoc,
    mention_id: &str,
    mention: &str,
) -> Option<(String, bool)> {
    let want = words(mention);
    if want.is_empty() {
        return None;
    }
    let linked = |entity: &str| -> Vec<Vec<String>> {
        doc.spans
            .iter()
            .filter(|s| s.id != mention_id && s.entity.as_deref() == Some(entity))
            .map(|s| words(&s.anchor.exact))
            .collect()
    };
    let exact = doc
        .entities
        .iter()
        .find(|e| words(&e.name) == want || linked(&e.id).contains(&want));
    if let Some(e) = exact {
        return Some((e.id.clone(), true));
    }
    doc.entities
        .iter()
        .find(|e| {
            contains_run(&words(&e.name), &want)
                || linked(&e.id).iter().any(|w| contains_run(w, &want))
        })
        .map(|e| (e.id.clone(), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_the_article_and_straighten_apostrophes() {
        assert_eq!(words("The Dockworkers’ Union"), ["dockworkers'", "union"]);
        assert_eq!(words("The"), ["the"]);
        assert!(contains_run(
            &words("a port authority official"),
            &words("the official")
        ));
        assert!(!contains_run(
            &words("a port authority official"),
            &words("officials")
        ));
    }
}
