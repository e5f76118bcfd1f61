//! Keys of assisted annotation: move to the next / previous pending suggestion, accept it
//! (its records are made at once, saved, one undo step), reject it (remembered in the
//! sidecar), accept then open the attribute menu, or accept every pending suggestion of the
//! paragraph.

use crate::suggest::Suggestion;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::assist::accept::{Accepted, accept};
use crate::tui::assist::reading;
use crate::tui::effect::Effect;
use crate::tui::keyname;
use crate::tui::update::{edit, nav, records};

/// Say why there is nothing to act on.
fn none_pending(app: &mut App) {
    let msg = if !app.suggest.enabled {
        "suggestions are off (config.ron `suggestions: true`, or run without --no-suggest)"
            .to_owned()
    } else if app.art.assist.is_loading() {
        "suggestions are still being computed".to_owned()
    } else {
        "no pending suggestions: every one is accepted, rejected or covered by your records"
            .to_owned()
    };
    app.say(msg);
}

/// Go to suggestion `i`: its paragraph, the caret on its first span, in view.
fn go_to(app: &mut App, i: usize) {
    app.art.assist.current = Some(i);
    let Some(s) = app.art.assist.suggestions.get(i).cloned() else {
        return;
    };
    let Some(claim) = &s.claim else { return };
    let first = [&s.source, &s.cue]
        .into_iter()
        .flatten()
        .filter(|x| x.para == claim.para)
        .map(|x| x.start)
        .chain([claim.start])
        .min()
        .unwrap_or(claim.start);
    if claim.para != app.art.para {
        nav::set_para(app, claim.para);
    }
    app.art.caret = first;
    nav::ensure_visible(app, claim.para, first);
    let n = app
        .art
        .assist
        .pending_count(&app.art.doc, &app.schema, app.art.history.changes());
    let k = |a: &Action| keyname::key(app, a);
    app.say(format!(
        "suggestion ({n} pending): {} — {} ({:.2}); {} accepts, {} rejects, {} accepts and edits",
        crate::tui::assist::describe(&s),
        s.reason,
        s.score,
        k(&Action::AcceptSuggestion),
        k(&Action::RejectSuggestion),
        k(&Action::EditSuggestion)
    ));
}

/// `next_suggestion` / `prev_suggestion`. In a large article read a window at a time, a
/// step past the window's last suggestion moves the caret past the window, where the shell
/// reads the next one; past the article's end (start) it goes on from its start (end), as a
/// whole article wraps around.
pub(crate) fn step(app: &mut App, forward: bool) {
    let from = (app.art.para, app.art.caret);
    let a = &app.art.assist;
    let len = app.art.article.text().len();
    let whole = crate::suggest::window::is_whole(&app.art.article, &a.window);
    match a.step(from, forward, whole, &app.art.doc, &app.schema) {
        Some(i) => go_to(app, i),
        None if a.is_ready() && !whole => {
            let w = a.window.clone();
            let key = keyname::key(app, &Action::NextSuggestion);
            let (byte, said) = match (forward, a.reaches(forward, len)) {
                (true, false) => (w.end, "no more suggestions in the part read; reading on"),
                (false, false) => (
                    w.start.saturating_sub(1),
                    "no earlier suggestions in the part read; reading back",
                ),
                (true, true) => (0, "the end of the article; reading on"),
                (false, true) => (
                    len.saturating_sub(1),
                    "the start of the article; reading back",
                ),
            };
            let para = read_from(app, byte);
            app.say(format!(
                "{said} from ¶ {} (a large article is read a window at a time): {key} again in a moment",
                para + 1
            ));
        }
        None => none_pending(app),
    }
}

/// Put the caret on byte `byte` of the text (the shell reads the suggestions around it);
/// returns its paragraph.
fn read_from(app: &mut App, byte: usize) -> usize {
    let article = std::sync::Arc::clone(&app.art.article);
    let paragraphs = article.paragraphs();
    let para = paragraphs
        .partition_point(|p| p.byte_end < byte)
        .min(paragraphs.len().saturating_sub(1));
    let start = paragraphs.get(para).map_or(0, |p| p.byte_start);
    let caret = article.para_byte_to_char(para, byte.saturating_sub(start));
    if para != app.art.para {
        nav::set_para(app, para);
    }
    app.art.caret = caret;
    nav::ensure_visible(app, para, caret);
    app.art.assist.current = None;
    para
}

/// The next pending suggestion after the caret for accept and reject to move to; wrapping
/// around only when the suggestions cover the whole article.
fn next_after_caret(app: &App) -> Option<usize> {
    let a = &app.art.assist;
    let whole = crate::suggest::window::is_whole(&app.art.article, &a.window);
    let from = (app.art.para, app.art.caret);
    a.step(from, true, whole, &app.art.doc, &app.schema)
}

/// The suggestion the accept and reject keys act on: the selected one while it is pending,
/// else the first pending one of the paragraph at or after the caret (else the first).
fn target(app: &App) -> Option<usize> {
    let a = &app.art.assist;
    if let Some(i) = a.current
        && a.is_pending(i, &app.art.doc, &app.schema)
    {
        return Some(i);
    }
    let here = a.pending_in(app.art.para, &app.art.doc, &app.schema);
    let caret = app.art.caret;
    here.iter()
        .copied()
        .find(|&i| {
            a.suggestions[i]
                .claim
                .as_ref()
                .is_some_and(|c| c.end > caret)
        })
        .or_else(|| here.first().copied())
}

/// Make the records of suggestions `list` as one undo step labelled `label`.
fn accept_all(app: &mut App, fx: &mut Vec<Effect>, list: &[usize], label: &str) -> Vec<Accepted> {
    let suggestions: Vec<Suggestion> = list
        .iter()
        .filter_map(|&i| app.art.assist.suggestions.get(i).cloned())
        .collect();
    let mut groups = app.art.assist.groups.clone();
    let schema = app.schema.clone();
    let read = move |text: &str| reading::entity_values(&schema, text, None);
    let made = edit(app, fx, label, |doc, schema, article| {
        suggestions
            .iter()
            .map(|s| accept(doc, schema, article, s, &mut groups, &read))
            .collect::<Result<Vec<_>, _>>()
    });
    if made.is_some() {
        app.art.assist.groups = groups;
    }
    made.unwrap_or_default()
}

/// What accepting made, for the message.
fn made_label(a: &Accepted) -> String {
    let mut parts = vec![a.claim.clone()];
    parts.extend(a.source.clone());
    if let Some((e, new)) = &a.entity {
        parts.push(if *new { format!("new {e}") } else { e.clone() });
    }
    parts.extend(a.cue.clone());
    parts.extend(a.attribution.clone());
    parts.join(" ")
}

/// `accept_suggestion` (then the next suggestion) and `edit_suggestion` (then the claim's
/// attribute menu).
pub(crate) fn accept_one(app: &mut App, fx: &mut Vec<Effect>, then_edit: bool) {
    let Some(i) = target(app) else {
        none_pending(app);
        return;
    };
    let made = accept_all(app, fx, &[i], "accepted a suggestion");
    let Some(a) = made.first() else { return };
    records::select_record(app, &a.claim);
    let undo = keyname::key(app, &Action::Undo);
    let text = format!("accepted: {} ({undo} undoes)", made_label(a));
    if then_edit {
        let entity = a
            .entity
            .as_ref()
            .filter(|(_, new)| *new)
            .map(|(e, _)| e.clone());
        crate::tui::update::menu::open_menu_at_relation(app, &a.claim.clone(), entity);
        if let crate::tui::mode::Mode::Menu(menu) = &mut app.mode {
            // "Right spans, one value wrong": start on the claim's first value.
            menu.cursor = 0;
        }
        app.say(text);
        return;
    }
    app.art.assist.current = None;
    let next = next_after_caret(app);
    if let Some(n) = next {
        go_to(app, n);
        app.art.assist.current = Some(n);
    }
    records::select_record(app, &a.claim);
    let whole = crate::suggest::window::is_whole(&app.art.article, &app.art.assist.window);
    let next_note = match next {
        Some(_) => String::new(),
        None if whole => "; no suggestions left".to_owned(),
        // A large article: others may be outside the part read.
        None => format!(
            "; none left after it in the part read ({} reads on)",
            keyname::key(app, &Action::NextSuggestion)
        ),
    };
    app.say(format!("{text}{next_note}"));
}

/// `reject_suggestion`: remember it as rejected (saved, undoable), then the next one.
pub(crate) fn reject(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(i) = target(app) else {
        none_pending(app);
        return;
    };
    let Some(s) = app.art.assist.suggestions.get(i).cloned() else {
        return;
    };
    let rejection = s.rejection(&app.art.article);
    let label = format!("rejected suggestion {}", crate::tui::assist::describe(&s));
    if edit(app, fx, &label, |doc, _, _| {
        doc.rejected.push(rejection);
        Ok(())
    })
    .is_none()
    {
        return;
    }
    app.art.assist.current = None;
    if let Some(n) = next_after_caret(app) {
        go_to(app, n);
    }
    app.say(label);
}

/// `accept_paragraph_suggestions`: every pending suggestion of the paragraph, one undo step.
pub(crate) fn accept_paragraph(app: &mut App, fx: &mut Vec<Effect>) {
    let list = app
        .art
        .assist
        .pending_in(app.art.para, &app.art.doc, &app.schema);
    if list.is_empty() {
        app.say(format!("no pending suggestions in ¶{}", app.art.para + 1));
        return;
    }
    let label = format!(
        "accepted {} suggestions in ¶{}",
        list.len(),
        app.art.para + 1
    );
    let made = accept_all(app, fx, &list, &label);
    if let Some(a) = made.first() {
        records::select_record(app, &a.claim);
    }
    app.art.assist.current = None;
}
