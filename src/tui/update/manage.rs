//! Looking after what re-anchoring left and the entity list: confirming fuzzy spans, placing
//! orphaned spans again (same id, attributes and links) or deleting them, and renaming or
//! deleting speaker entities. Nothing is dropped without an explicit key, and every change is
//! one undoable step.

use crate::config::KeyMode;
use crate::model::annotation::EditError;
use crate::model::{Anchor, AnchorStatus};
use crate::tui::action::Action;
use crate::tui::app::{App, Pending, Selection};
use crate::tui::effect::Effect;
use crate::tui::manage_list::{KEY_CONFIRM, KEY_DELETE, KEY_PLACE, KEY_RENAME, review_items};
use crate::tui::mode::{Field, LineEdit, MenuItem, Mode, TextPrompt};
use crate::tui::update::common::warn_no_record;
use crate::tui::update::{edit, nav, records};
use crate::tui::{display, keyname};

/// Confirm the place of the selected span (a fuzzy or moved span becomes exact).
pub(crate) fn confirm_anchor(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(span) = app.art.selected() else {
        warn_no_record(app, "nothing to confirm");
        return;
    };
    let id = span.id.clone();
    if span.status == AnchorStatus::Exact {
        app.say(format!("{id} is already exact: nothing to confirm"));
        return;
    }
    confirm(app, fx, &id);
}

fn confirm(app: &mut App, fx: &mut Vec<Effect>, id: &str) {
    edit(
        app,
        fx,
        &format!("confirmed the place of {id}"),
        |doc, _, _| {
            let span = doc
                .span_mut(id)
                .ok_or_else(|| EditError::NotFound(id.to_owned()))?;
            span.status = AnchorStatus::Exact;
            Ok(())
        },
    );
}

/// Open the list of orphaned and fuzzy spans.
pub(crate) fn open_orphans(app: &mut App) {
    if review_items(app).is_empty() {
        app.say("no orphaned or fuzzy spans: every span is placed");
        return;
    }
    app.mode = Mode::Orphans(0);
}

/// Open the list of entities.
pub(crate) fn open_entities(app: &mut App) {
    if app.art.doc.entities.is_empty() {
        let link = keyname::key(app, &Action::LinkEntity);
        app.say(format!(
            "no entities yet: {link} on a speaker mention links it to one"
        ));
        return;
    }
    app.mode = Mode::Entities(0);
}

/// Handle a key in the orphan or entity list.
pub(crate) fn handle(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    match std::mem::take(&mut app.mode) {
        Mode::Orphans(cursor) => orphans(app, action, cursor, fx),
        Mode::Entities(cursor) => entities(app, action, cursor, fx),
        other => app.mode = other,
    }
}

fn moved(action: &Action, cursor: usize, n: usize) -> Option<usize> {
    match action {
        Action::ListDown => Some((cursor + 1).min(n.saturating_sub(1))),
        Action::ListUp => Some(cursor.saturating_sub(1)),
        _ => None,
    }
}

fn orphans(app: &mut App, action: Action, cursor: usize, fx: &mut Vec<Effect>) {
    let items: Vec<(String, AnchorStatus, usize)> = review_items(app)
        .iter()
        .map(|s| (s.id.clone(), s.status, s.anchor.para))
        .collect();
    let n = items.len();
    if let Some(c) = moved(&action, cursor, n) {
        app.mode = Mode::Orphans(c);
        return;
    }
    let Some((id, status, para)) = items.get(cursor.min(n.saturating_sub(1))).cloned() else {
        return;
    };
    match action {
        Action::Confirm | Action::PickKey(KEY_PLACE) => {
            if status == AnchorStatus::Orphaned {
                start_placing(app, &id, para);
            } else {
                nav::set_para(app, para);
                nav::ensure_para_visible(app);
                records::select_record(app, &id);
                let confirm = keyname::key(app, &Action::ConfirmAnchor);
                app.say(format!(
                    "{id} is fuzzy: check its place; {confirm} confirms it"
                ));
            }
        }
        Action::PickKey(KEY_CONFIRM) if status == AnchorStatus::Fuzzy => {
            confirm(app, fx, &id);
            reopen(app, cursor);
        }
        Action::PickKey(KEY_DELETE) => {
            let label = format!("deleted {} span {id}", status.as_str());
            edit(app, fx, &label, |doc, _, _| {
                doc.remove_span(&id).map(|_| ())
            });
            reopen(app, cursor);
        }
        Action::Cancel => {}
        _ => app.mode = Mode::Orphans(cursor),
    }
}

/// Back to the list after a change, unless it is empty now.
fn reopen(app: &mut App, cursor: usize) {
    let n = review_items(app).len();
    if n > 0 {
        app.mode = Mode::Orphans(cursor.min(n - 1));
    }
}

fn start_placing(app: &mut App, id: &str, old_para: usize) {
    let quote = app
        .art
        .doc
        .span(id)
        .map(|s| display::truncate(&s.anchor.exact, 40))
        .unwrap_or_default();
    // Start near where it was; the annotator moves and searches freely before selecting.
    nav::set_para(app, old_para);
    nav::ensure_para_visible(app);
    app.mode = Mode::Normal;
    app.pending = Some(Pending::Reattach(id.to_owned()));
    let moves = keyname::pair_in(
        app,
        KeyMode::Normal,
        &Action::NextParagraph,
        &Action::PrevParagraph,
    );
    let search = keyname::key(app, &Action::Search);
    let select = keyname::key(app, &Action::StartSelection);
    let attach = keyname::key_in(app, KeyMode::Select, &Action::Confirm);
    let cancel = keyname::key(app, &Action::Cancel);
    app.say(format!(
        "placing {id} (was “{quote}”): go to its new text ({moves}, {search} search), {select} selects, {attach} attaches it there ({cancel} cancels)"
    ));
}

/// Give the orphan `id` the selected text as its new place; its id, attributes, entity and
/// attribution links are kept.
pub(crate) fn reattach(app: &mut App, id: &str, sel: Selection, fx: &mut Vec<Effect>) {
    let label = format!("placed {id} again");
    let placed = edit(app, fx, &label, |doc, _, article| {
        let anchor =
            Anchor::new(article, sel.para, sel.start, sel.end).ok_or(EditError::BadRange {
                para: sel.para,
                start: sel.start,
                end: sel.end,
            })?;
        let span = doc
            .span_mut(id)
            .ok_or_else(|| EditError::NotFound(id.to_owned()))?;
        span.anchor = anchor;
        span.status = AnchorStatus::Exact;
        doc.canonicalize();
        Ok(())
    });
    app.art.selection = None;
    app.mode = Mode::Normal;
    if placed.is_some() {
        app.art.caret = sel.end;
        records::select_record(app, id);
        let left = app.art.orphans().len();
        app.say(format!(
            "{id} placed at “{}” (id, attributes and links kept); {left} orphan(s) left",
            display::truncate(app.art.doc.span(id).map_or("", |s| &s.anchor.exact), 40)
        ));
    }
}

fn entities(app: &mut App, action: Action, cursor: usize, fx: &mut Vec<Effect>) {
    let ids: Vec<String> = app.art.doc.entities.iter().map(|e| e.id.clone()).collect();
    let n = ids.len();
    if let Some(c) = moved(&action, cursor, n) {
        app.mode = Mode::Entities(c);
        return;
    }
    let Some(id) = ids.get(cursor.min(n.saturating_sub(1))).cloned() else {
        return;
    };
    match action {
        Action::Confirm | Action::PickKey(KEY_RENAME) => {
            let name = app
                .art
                .doc
                .entity(&id)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            app.mode = Mode::Text(TextPrompt {
                item: MenuItem {
                    owner: id,
                    field: Field::Name,
                },
                edit: LineEdit::with(&name),
                back: None,
            });
        }
        Action::PickKey(KEY_DELETE) => {
            let mentions = app
                .art
                .doc
                .spans
                .iter()
                .filter(|s| s.entity.as_deref() == Some(id.as_str()))
                .count();
            let label = format!("deleted entity {id} ({mentions} mention(s) unlinked)");
            edit(app, fx, &label, |doc, _, _| {
                doc.remove_entity(&id).map(|_| ())
            });
            let n = app.art.doc.entities.len();
            if n > 0 {
                app.mode = Mode::Entities(cursor.min(n - 1));
            }
        }
        Action::Cancel => {}
        _ => app.mode = Mode::Entities(cursor),
    }
}
