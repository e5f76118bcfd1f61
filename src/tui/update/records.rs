//! Creating and changing annotations: spans from the selection, the attribution flow
//! (source mention -> entity -> cue), entity links, deletion, done marks, undo and redo.

use crate::model::annotation::EditError;
use crate::model::edit::{DeleteConsequences, RemovedAttribution, RemovedBecause};
use crate::model::{AnnotationDoc, Span};
use crate::tui::action::Action;
use crate::tui::app::{App, Pending, Selection};
use crate::tui::effect::Effect;
use crate::tui::mode::{LineEdit, ListChoice, ListPicker, ListPurpose, Mode};
use crate::tui::preselect;
use crate::tui::update::common::warn_no_record;
use crate::tui::update::{edit, menu, nav};
use crate::tui::{display, keyname};

/// Most existing mentions offered in a source or cue list.
const LIST_LIMIT: usize = 200;

/// Short label of a span: `S1 ¶2 “text” → E1 name`.
#[must_use]
pub fn span_label(doc: &AnnotationDoc, span: &Span) -> String {
    let mut label = format!(
        "{} ¶{} “{}”",
        span.id,
        span.anchor.para + 1,
        display::truncate(&span.anchor.exact, 40)
    );
    if let Some(e) = span.entity.as_deref().and_then(|e| doc.entity(e)) {
        label.push_str(&format!(" → {} {}", e.id, display::truncate(&e.name, 30)));
    }
    label
}

/// Select the record with this id in the current paragraph (if it is there).
pub(crate) fn select_record(app: &mut App, id: &str) {
    if let Some(i) = app
        .art
        .spans_of(app.art.para)
        .iter()
        .position(|s| s.id == id)
    {
        app.art.record = i;
    }
}

/// Turn the selection into a span of `kind`, then continue a pending attribution.
pub(crate) fn make_span(app: &mut App, kind: &str, sel: Selection, fx: &mut Vec<Effect>) {
    let label = format!("marked {kind}");
    let Some(id) = edit(app, fx, &label, |doc, schema, article| {
        doc.add_span(schema, article, kind, sel.para, sel.start, sel.end)
    }) else {
        return;
    };
    app.art.selection = None;
    app.art.caret = sel.end;
    app.mode = Mode::Normal;
    select_record(app, &id);
    app.say(format!(
        "{id}: marked {kind} “{}”",
        display::truncate(&exact(app, &id), 40)
    ));
    app.last_marked = Some(id.clone());
    let from_cue = app.claim_from_cue.take();
    if app.schema.is_claim_kind(kind) && from_cue.is_some() && app.pending.is_none() {
        // The claim `c` proposed after a cue: attribute it now (the obvious source and cue).
        attribute(app, fx);
        return;
    }
    match app.pending.take() {
        Some(Pending::SourceFor(claim)) if app.schema.is_source_kind(kind) => {
            open_entity_list(app, &id, Some(claim));
        }
        Some(Pending::CueFor(claim, sources)) if app.schema.is_cue_kind(kind) => {
            finish_attribution(app, fx, &claim, &sources, Some(&id));
        }
        _ => {}
    }
}

fn exact(app: &App, id: &str) -> String {
    app.art
        .doc
        .span(id)
        .map(|s| s.anchor.exact.clone())
        .unwrap_or_default()
}

/// Move the record selection by `delta`, wrapping.
pub(crate) fn cycle(app: &mut App, delta: isize) {
    let n = app.art.spans_of(app.art.para).len();
    if n == 0 {
        let select = keyname::key(app, &Action::StartSelection);
        app.say(format!(
            "no records in this paragraph: press {select} to select text"
        ));
        return;
    }
    let cur = isize::try_from(app.art.record.min(n - 1)).unwrap_or(0);
    let n_i = isize::try_from(n).unwrap_or(1);
    app.art.record = usize::try_from((cur + delta).rem_euclid(n_i)).unwrap_or(0);
    // The caret goes to the record, so the selection and the caret agree.
    if let Some(start) = app.art.selected().map(|s| s.anchor.start) {
        app.art.caret = start;
        nav::scroll_to_show(app, app.art.para, start);
    }
}

/// Mark the current paragraph done (or not).
pub(crate) fn toggle_done(app: &mut App, fx: &mut Vec<Effect>) {
    let p = app.art.para;
    let was = app.art.doc.done.contains(&p);
    let label = if was {
        format!("paragraph {} not done", p + 1)
    } else {
        format!("paragraph {} done", p + 1)
    };
    edit(app, fx, &label, |doc, _, _| {
        if was {
            doc.done.remove(&p);
        } else {
            doc.done.insert(p);
        }
        Ok(())
    });
}

/// Delete the selected record and what depends on it, as one undo step. The message says
/// what went with it; when an attribution would lose its last source (its values go, the
/// claim returns to the writer's voice) the first press only asks, and pressing the key
/// again confirms.
pub(crate) fn delete(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(id) = app.art.selected().map(|s| s.id.clone()) else {
        warn_no_record(app, "nothing to delete");
        return;
    };
    let what = app.art.doc.delete_consequences(&id);
    if what.empties_an_attribution() && app.delete_armed.as_deref() != Some(id.as_str()) {
        let again = keyname::key(app, &Action::Delete);
        let gone: Vec<String> = what
            .removed
            .iter()
            .filter(|r| r.because == RemovedBecause::LastSource)
            .map(removed_label)
            .collect();
        app.delete_armed = Some(id.clone());
        app.warn(format!(
            "{id} is the only source of {}: {again} again deletes it and that attribution (the claim goes back to the writer's voice), any other key keeps it",
            gone.join(", ")
        ));
        return;
    }
    app.delete_armed = None;
    let label = delete_label(&id, &what);
    if edit(app, fx, &label, |doc, _, _| {
        doc.remove_span(&id).map(|_| ())
    })
    .is_some()
    {
        let n = app.art.spans_of(app.art.para).len();
        app.art.record = app.art.record.min(n.saturating_sub(1));
        // Then what the caret is on, if anything.
        app.art.select_under_caret();
    }
}

/// `A1 (C2: cue, channel, via)`: an attribution a delete removes and what it carried.
fn removed_label(r: &RemovedAttribution) -> String {
    if r.values.is_empty() {
        format!("{} (of {})", r.id, r.claim)
    } else {
        format!("{} (of {}, with {})", r.id, r.claim, r.values.join(", "))
    }
}

/// What a delete did, for the message and the undo label.
fn delete_label(id: &str, what: &DeleteConsequences) -> String {
    let mut parts = Vec::new();
    if !what.removed.is_empty() {
        let list: Vec<String> = what.removed.iter().map(removed_label).collect();
        parts.push(format!("removed attribution {}", list.join(", ")));
    }
    if !what.lost_cue.is_empty() {
        parts.push(format!("{} now without a cue", what.lost_cue.join(", ")));
    }
    if !what.lost_source.is_empty() {
        parts.push(format!("{} lost a source", what.lost_source.join(", ")));
    }
    if parts.is_empty() {
        format!("deleted {id}")
    } else {
        format!("deleted {id}; {}", parts.join("; "))
    }
}

/// Undo (or redo) the last change.
pub(crate) fn undo(app: &mut App, fx: &mut Vec<Effect>, is_undo: bool) {
    if app.art.is_read_only() {
        app.warn("read-only: nothing to undo");
        return;
    }
    let result = if is_undo {
        app.art.history.undo(&app.art.doc)
    } else {
        app.art.history.redo(&app.art.doc)
    };
    match result {
        Some(step) => {
            app.art.doc = step.doc;
            // Go back to where the change was, unless it is the paragraph on screen (a long
            // paragraph would otherwise jump to its start).
            if step.para != app.art.para {
                nav::set_para(app, step.para);
                nav::ensure_para_visible(app);
            }
            let n = app.art.spans_of(app.art.para).len();
            app.art.record = app.art.record.min(n.saturating_sub(1));
            app.say(format!(
                "{}: {}",
                if is_undo { "undone" } else { "redone" },
                step.label
            ));
            super::request_save(app, fx);
        }
        None => app.say(if is_undo {
            "nothing to undo"
        } else {
            "nothing to redo"
        }),
    }
}

/// Spans of the kinds accepted by `is_kind`, current paragraph first, then nearest ones.
fn nearby(app: &App, is_kind: impl Fn(&str) -> bool) -> Vec<(ListChoice, String)> {
    let p = app.art.para;
    let mut spans: Vec<&Span> = app
        .art
        .doc
        .spans
        .iter()
        .filter(|s| is_kind(&s.kind))
        .collect();
    spans.sort_by_key(|s| (s.anchor.para.abs_diff(p), s.anchor.para > p, s.anchor.start));
    spans
        .into_iter()
        .take(LIST_LIMIT)
        .map(|s| {
            (
                ListChoice::Record(s.id.clone()),
                span_label(&app.art.doc, s),
            )
        })
        .collect()
}

/// Start attributing the selected claim: choose its source mention, its entity and cue.
/// A claim not yet attributed skips every list with one obvious answer (see
/// [`quick_attribute`]); `a` on an attributed claim shows every list.
pub(crate) fn attribute(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(claim) = app.art.selected().cloned() else {
        warn_no_record(app, "no claim to attribute");
        return;
    };
    app.new_entity = None;
    if !app.schema.is_claim_kind(&claim.kind) {
        app.warn(format!(
            "{} is a {}: only a {} can be attributed",
            claim.id, claim.kind, app.schema.relation.from
        ));
        return;
    }
    if app.art.doc.attribution_of(&claim.id).is_none() && quick_attribute(app, fx, &claim) {
        return;
    }
    open_source_list(app, &claim);
}

/// Take the obvious source (the only mention of the claim's sentence not a source
/// elsewhere, or the one just marked), its entity (linked already, named word for word by
/// an entity, or new when nothing matches) and the obvious cue without showing their lists;
/// the first step without an obvious answer shows its list, pre-selected. Says what it
/// chose. False when not even the source is obvious.
fn quick_attribute(app: &mut App, fx: &mut Vec<Effect>, claim: &Span) -> bool {
    let doc = &app.art.doc;
    let Some((source, why)) = super::quick::obvious(
        app,
        claim,
        |k| app.schema.is_source_kind(k),
        |s| is_source_elsewhere(doc, &s.id, &claim.id),
    ) else {
        return false;
    };
    let mut chose = vec![format!(
        "{source} “{}” ({})",
        display::truncate(&exact(app, &source), 30),
        why.says()
    )];
    let purpose = ListPurpose::Source {
        claim: claim.id.clone(),
    };
    list_chosen(app, fx, purpose, ListChoice::Record(source.clone()), "");
    if let Mode::List(ListPicker {
        purpose: purpose @ ListPurpose::Entity { .. },
        ..
    }) = &app.mode
    {
        let purpose = purpose.clone();
        let text = exact(app, &source);
        let matched = preselect::entity_match(&app.art.doc, &source, &text);
        let choice = match matched {
            _ if super::quick::is_pronoun(&text) => None,
            Some((e, true)) => Some(ListChoice::Record(e)),
            Some((_, false)) => None,
            None => Some(ListChoice::NewEntity),
        };
        let Some(choice) = choice else {
            app.say(format!(
                "source {}; which entity is “{}”?",
                chose.join(", "),
                display::truncate(&text, 30)
            ));
            return true;
        };
        list_chosen(app, fx, purpose, choice, "");
        if let Some(e) = app.art.doc.span(&source).and_then(|s| s.entity.clone()) {
            let new = if app.new_entity.as_deref() == Some(e.as_str()) {
                "new "
            } else {
                ""
            };
            chose.push(format!("{new}entity {e}"));
        }
    }
    if let Mode::List(ListPicker {
        purpose: purpose @ ListPurpose::Cue { .. },
        ..
    }) = &app.mode
    {
        let purpose = purpose.clone();
        let doc = &app.art.doc;
        let cue = super::quick::obvious(
            app,
            claim,
            |k| app.schema.is_cue_kind(k),
            |s| {
                doc.attributions
                    .iter()
                    .any(|a| a.claim != claim.id && a.cue.as_deref() == Some(s.id.as_str()))
            },
        );
        let Some((cue, why)) = cue else {
            app.say(format!("source {}; choose the cue", chose.join(", ")));
            return true;
        };
        chose.push(format!(
            "cue {cue} “{}” ({})",
            display::truncate(&exact(app, &cue), 20),
            why.says()
        ));
        list_chosen(app, fx, purpose, ListChoice::Record(cue), "");
    }
    let cue_taken = app
        .art
        .doc
        .attribution_of(&claim.id)
        .and_then(|a| a.cue.clone());
    if let Some(cue) = cue_taken
        && !chose.iter().any(|c| c.starts_with("cue "))
    {
        chose.push(format!(
            "cue {cue} “{}”",
            display::truncate(&exact(app, &cue), 20)
        ));
    }
    if app.art.doc.attribution_of(&claim.id).is_some() {
        let undo = keyname::key(app, &Action::Undo);
        let again = keyname::key(app, &Action::Attribute);
        let close = keyname::key_in(app, crate::config::KeyMode::Picker, &Action::Cancel);
        app.say(format!(
            "attributed {}: {} ({undo} undoes, {again} again chooses otherwise); set its values ({close} closes)",
            claim.id,
            chose.join(", ")
        ));
    }
    true
}

/// The obvious cue of `claim` when it is not attributed yet (see [`super::quick::obvious`]).
fn obvious_cue(app: &App, claim: &str) -> Option<String> {
    let doc = &app.art.doc;
    if doc.attribution_of(claim).is_some() {
        return None;
    }
    let span = doc.span(claim)?;
    super::quick::obvious(
        app,
        span,
        |k| app.schema.is_cue_kind(k),
        |s| {
            doc.attributions
                .iter()
                .any(|a| a.claim != claim && a.cue.as_deref() == Some(s.id.as_str()))
        },
    )
    .map(|(cue, _)| cue)
}

/// The source list of `claim`, pre-selected on the nearest mention not yet a source.
fn open_source_list(app: &mut App, claim: &Span) {
    let claim = claim.clone();
    let mut items = nearby(app, |k| app.schema.is_source_kind(k));
    items.push((
        ListChoice::NewFromSelection,
        "+ new mention: select its text".to_owned(),
    ));
    items.push((ListChoice::Nothing, "∅ none: writer's voice".to_owned()));
    let doc = &app.art.doc;
    let cursor = preselect::nearest(
        doc,
        &claim,
        &items,
        |s| is_source_elsewhere(doc, &s.id, &claim.id),
        true,
        &ListChoice::NewFromSelection,
    );
    app.mode = Mode::List(ListPicker {
        purpose: ListPurpose::Source { claim: claim.id },
        filter: LineEdit::default(),
        items,
        cursor,
    });
}

/// True when `span` is a source of an attribution of a claim other than `claim`.
fn is_source_elsewhere(doc: &AnnotationDoc, span: &str, claim: &str) -> bool {
    doc.attributions
        .iter()
        .any(|a| a.claim != claim && a.sources.iter().any(|s| s == span))
}

/// Link the selected mention to an entity.
pub(crate) fn link_entity(app: &mut App) {
    let Some(span) = app.art.selected().cloned() else {
        warn_no_record(app, "no speaker mention to link");
        return;
    };
    if app
        .schema
        .span_kind(&span.kind)
        .and_then(|k| k.entity.as_ref())
        .is_none()
    {
        app.warn(format!("{} mentions no entity", span.kind));
        return;
    }
    open_entity_list(app, &span.id, None);
}

fn open_entity_list(app: &mut App, mention: &str, then_claim: Option<String>) {
    let name = exact(app, mention);
    let mut items = vec![(
        ListChoice::NewEntity,
        format!(
            "+ new entity (named by the filter, else “{}”)",
            display::truncate(&name, 30)
        ),
    )];
    items.extend(app.art.doc.entities.iter().map(|e| {
        (
            ListChoice::Record(e.id.clone()),
            format!("{} {}", e.id, display::clean(&e.name)),
        )
    }));
    // Start on "+ new entity" unless an entity's name matches the mention: pre-selecting an
    // unrelated entity linked new speakers to it silently.
    let cursor = preselect::matching_entity(&app.art.doc, mention, &name)
        .and_then(|e| {
            items
                .iter()
                .position(|(c, _)| *c == ListChoice::Record(e.clone()))
        })
        .unwrap_or(0);
    app.mode = Mode::List(ListPicker {
        purpose: ListPurpose::Entity {
            mention: mention.to_owned(),
            then_claim,
        },
        filter: LineEdit::default(),
        items,
        cursor,
    });
}

fn open_cue_list(app: &mut App, claim: String, sources: Vec<String>) {
    let mut items = nearby(app, |k| app.schema.is_cue_kind(k));
    items.truncate(20);
    items.push((ListChoice::Nothing, "∅ no cue".to_owned()));
    items.push((
        ListChoice::NewFromSelection,
        "+ new cue: select its text".to_owned(),
    ));
    let doc = &app.art.doc;
    let cursor = doc.span(&claim).map_or(0, |c| {
        preselect::nearest(
            doc,
            c,
            &items,
            |s| {
                doc.attributions
                    .iter()
                    .any(|a| a.claim != claim && a.cue.as_deref() == Some(s.id.as_str()))
            },
            false,
            &ListChoice::NewFromSelection,
        )
    });
    app.mode = Mode::List(ListPicker {
        purpose: ListPurpose::Cue { claim, sources },
        filter: LineEdit::default(),
        items,
        cursor,
    });
}

fn finish_attribution(
    app: &mut App,
    fx: &mut Vec<Effect>,
    claim: &str,
    sources: &[String],
    cue: Option<&str>,
) {
    let label = format!("attributed {claim}");
    if edit(app, fx, &label, |doc, schema, _| {
        doc.attribute(schema, claim, sources, cue)
    })
    .is_some()
    {
        select_record(app, claim);
        let new_entity = app.new_entity.take();
        menu::open_menu_at_relation(app, claim, new_entity);
        let who: Vec<String> = sources
            .iter()
            .map(|s| {
                let entity = app.art.doc.span(s).and_then(|m| m.entity.as_deref());
                entity.map_or_else(|| s.clone(), |e| format!("{s} ({e})"))
            })
            .collect();
        let cue = cue.map_or_else(|| "no cue".to_owned(), |k| format!("cue {k}"));
        let close = keyname::key_in(app, crate::config::KeyMode::Picker, &Action::Cancel);
        app.say(format!(
            "attributed {claim} to {}, {cue}; set its attributes in the menu ({close} closes it)",
            who.join(", ")
        ));
    } else {
        app.mode = Mode::Normal;
    }
}

/// A choice was confirmed in a filter list.
pub(crate) fn list_chosen(
    app: &mut App,
    fx: &mut Vec<Effect>,
    purpose: ListPurpose,
    choice: ListChoice,
    filter: &str,
) {
    app.mode = Mode::Normal;
    match (purpose, choice) {
        (ListPurpose::Source { claim }, ListChoice::Record(source)) => {
            let linked = app.art.doc.span(&source).and_then(|s| s.entity.clone());
            if linked.is_some() {
                open_cue_list(app, claim, vec![source]);
            } else {
                open_entity_list(app, &source, Some(claim));
            }
        }
        (ListPurpose::Source { claim }, ListChoice::NewFromSelection) => {
            app.pending = Some(Pending::SourceFor(claim));
            super::select::start(app);
            app.say("select the speaker mention, then press its kind key");
        }
        (ListPurpose::Source { claim }, _) => {
            let had = app.art.doc.attribution_of(&claim).map(|a| a.id.clone());
            if let Some(a) = had {
                edit(
                    app,
                    fx,
                    &format!("{claim} in the writer's voice"),
                    |doc, _, _| {
                        doc.attributions.retain(|x| x.id != a);
                        Ok(())
                    },
                );
            } else {
                app.say(format!("{claim} stays in the writer's voice"));
            }
        }
        (ListPurpose::Cue { claim, sources }, ListChoice::Record(cue)) => {
            finish_attribution(app, fx, &claim, &sources, Some(&cue));
        }
        (ListPurpose::Cue { claim, sources }, ListChoice::NewFromSelection) => {
            app.pending = Some(Pending::CueFor(claim, sources));
            super::select::start(app);
            app.say("select the cue, then press its kind key");
        }
        (ListPurpose::Cue { claim, sources }, _) => {
            finish_attribution(app, fx, &claim, &sources, None);
        }
        (
            ListPurpose::Entity {
                mention,
                then_claim,
            },
            choice,
        ) => {
            let entity_kind = app
                .art
                .doc
                .span(&mention)
                .and_then(|s| app.schema.span_kind(&s.kind))
                .and_then(|k| k.entity.clone());
            let Some(entity_kind) = entity_kind else {
                return;
            };
            let name = if filter.trim().is_empty() {
                exact(app, &mention)
            } else {
                filter.trim().to_owned()
            };
            let label = format!("linked {mention}");
            let is_new = !matches!(choice, ListChoice::Record(_));
            let mention_text = exact(app, &mention);
            let values = crate::tui::assist::reading::entity_values(
                &app.schema,
                &mention_text,
                crate::tui::assist::identification_of(
                    &app.art.doc,
                    &app.art.assist,
                    &app.schema,
                    &mention,
                )
                .as_deref(),
            );
            let linked = edit(app, fx, &label, |doc, schema, _| {
                let entity = match choice {
                    ListChoice::Record(e) => e,
                    _ => {
                        // A new entity takes what the mention's words say (an official is
                        // government, "a US official" anonymous_described), not the defaults.
                        let e = doc.add_entity(schema, &entity_kind, &name)?;
                        for (k, v) in &values {
                            doc.set_attr(schema, &e, k, Some(v))?;
                        }
                        e
                    }
                };
                let span = doc
                    .span_mut(&mention)
                    .ok_or_else(|| EditError::NotFound(mention.clone()))?;
                span.entity = Some(entity.clone());
                Ok(entity)
            });
            if let Some(e) = linked {
                let name = app
                    .art
                    .doc
                    .entity(&e)
                    .map(|x| display::truncate(&x.name, 40))
                    .unwrap_or_default();
                app.say(format!("linked {mention} to {e} “{name}”"));
                if is_new && then_claim.is_some() {
                    app.new_entity = Some(e.clone());
                }
                if let Some(claim) = then_claim {
                    // A first attribution with one obvious cue takes it without a list.
                    match obvious_cue(app, &claim) {
                        Some(cue) => finish_attribution(app, fx, &claim, &[mention], Some(&cue)),
                        None => open_cue_list(app, claim, vec![mention]),
                    }
                }
            }
        }
    }
}
