//! Menus and pickers: the attribute menu of a record, single-key value pickers (keys from
//! the schema), confidence, text prompts (notes, text attributes), filter lists and search
//! input. Picking a value saves at once and returns to the menu on the next line.

use crate::model::annotation::EditError;
use crate::model::{AnnotationDoc, Confidence, Level, Schema};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::menu_keys::{current_value, item_key, menu_key};
use crate::tui::mode::{Field, LineEdit, Menu, MenuItem, Mode, TextPrompt, ValuePicker};
use crate::tui::update::common::warn_no_record;
use crate::tui::update::menu::menu_items;
use crate::tui::update::{edit, nav, records};
use crate::tui::{display, keyname};

/// Open the confidence picker of the selected record.
pub(crate) fn open_confidence(app: &mut App) {
    if let Some(id) = app.art.selected().map(|s| s.id.clone()) {
        open_field(
            app,
            MenuItem {
                owner: id,
                field: Field::Confidence,
            },
            None,
        );
    } else {
        warn_no_record(app, "no confidence to set");
    }
}

/// Open the note editor of the selected record.
pub(crate) fn open_note(app: &mut App) {
    if let Some(id) = app.art.selected().map(|s| s.id.clone()) {
        open_field(
            app,
            MenuItem {
                owner: id,
                field: Field::Note,
            },
            None,
        );
    } else {
        warn_no_record(app, "no note to edit");
    }
}

fn confidence_choices() -> Vec<(char, String, String)> {
    vec![
        ('h', "high".into(), "sure of this record".into()),
        ('m', "medium".into(), "some doubt".into()),
        ('l', "low".into(), "unsure; reviewed first".into()),
    ]
}

fn open_field(app: &mut App, item: MenuItem, back: Option<Menu>) {
    let current = current_value(&app.art.doc, &item);
    let choices = match &item.field {
        Field::Confidence => confidence_choices(),
        Field::Note | Field::Name => {
            let edit = LineEdit::with(current.as_deref().unwrap_or(""));
            app.mode = Mode::Text(TextPrompt { item, edit, back });
            return;
        }
        Field::Attr(name) => {
            let Some(def) = app.schema.attr(name) else {
                return;
            };
            if def.level == Level::Text {
                // An empty `via` starts with the outlet the cue names, so `enter` takes it.
                let proposed = current.or_else(|| {
                    (name == "via")
                        .then(|| {
                            crate::tui::assist::via_of(&app.art.doc, &app.art.assist, &item.owner)
                        })
                        .flatten()
                });
                let edit = LineEdit::with(proposed.as_deref().unwrap_or(""));
                app.mode = Mode::Text(TextPrompt { item, edit, back });
                return;
            }
            def.values
                .iter()
                .map(|v| (v.key, v.name.clone(), v.definition.clone()))
                .collect()
        }
    };
    // Start on the value set, else on the schema default (so `enter` chooses it).
    let default = match &item.field {
        Field::Attr(name) => app.schema.default_of(name).map(str::to_owned),
        _ => None,
    };
    let cursor = current
        .or(default)
        .and_then(|c| choices.iter().position(|(_, n, _)| *n == c))
        .unwrap_or(0);
    app.mode = Mode::Values(ValuePicker {
        item,
        choices,
        cursor,
        back,
    });
}

/// Set one value (`None` clears it) of a record.
pub(crate) fn set_field(
    doc: &mut AnnotationDoc,
    schema: &Schema,
    item: &MenuItem,
    value: Option<&str>,
) -> Result<(), EditError> {
    match &item.field {
        Field::Attr(name) => doc.set_attr(schema, &item.owner, name, value),
        Field::Name => {
            let name = value
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .ok_or_else(|| EditError::BadValue("an entity needs a name".to_owned()))?;
            let entity = doc
                .entity_mut(&item.owner)
                .ok_or_else(|| EditError::NotFound(item.owner.clone()))?;
            entity.name = name.to_owned();
            Ok(())
        }
        Field::Confidence | Field::Note => {
            let not_found = || EditError::NotFound(item.owner.clone());
            let (confidence, note) = if let Some(s) = doc.span_mut(&item.owner) {
                (&mut s.confidence, &mut s.note)
            } else if let Some(e) = doc.entity_mut(&item.owner) {
                (&mut e.confidence, &mut e.note)
            } else if let Some(a) = doc.attribution_mut(&item.owner) {
                (&mut a.confidence, &mut a.note)
            } else {
                return Err(not_found());
            };
            if item.field == Field::Note {
                *note = value.map(str::to_owned).filter(|v| !v.trim().is_empty());
            } else {
                *confidence = match value {
                    Some("medium") => Confidence::Medium,
                    Some("low") => Confidence::Low,
                    _ => Confidence::High,
                };
            }
            Ok(())
        }
    }
}

fn field_name(item: &MenuItem) -> String {
    match &item.field {
        Field::Attr(n) => n.clone(),
        Field::Confidence => "confidence".to_owned(),
        Field::Note => "note".to_owned(),
        Field::Name => "name".to_owned(),
    }
}

/// Save a value and go back to the menu (next line) or to normal mode.
fn commit(
    app: &mut App,
    fx: &mut Vec<Effect>,
    item: &MenuItem,
    value: Option<&str>,
    back: Option<Menu>,
) {
    let label = format!(
        "{} {} = {}",
        item.owner,
        field_name(item),
        value.unwrap_or("(unset)")
    );
    let ok = edit(app, fx, &label, |doc, schema, _| {
        set_field(doc, schema, item, value)
    })
    .is_some();
    let follow_up = if ok {
        follow_up(app, item, value)
    } else {
        None
    };
    let mut back = back;
    if ok && let Some(menu) = back.as_mut() {
        // `.` repeats the values of the last menu in which something was set.
        if std::mem::take(&mut menu.fresh) {
            app.repeat.clear();
        }
        let record = menu.record.clone();
        crate::tui::repeat::remember(&mut app.repeat, &app.art.doc, &record, item, value);
    }
    app.mode = match back {
        Some(mut menu) => {
            // Attribution ids may appear after an edit; rebuild the lines.
            menu.items = menu_items(app, &menu.record, menu.entity.as_deref());
            if ok {
                menu.cursor = (menu.cursor + 1).min(menu.items.len().saturating_sub(1));
            }
            Mode::Menu(menu)
        }
        None => Mode::Normal,
    };
    if let Some(next) = follow_up {
        let back = match std::mem::take(&mut app.mode) {
            Mode::Menu(mut menu) => {
                // Continue after the follow-up's own line when the prompt is done.
                if let Some(i) = menu.items.iter().position(|i| *i == next) {
                    menu.cursor = i;
                }
                Some(menu)
            }
            _ => None,
        };
        // The cue names the intermediary ("told the Harbour Gazette"): take it, say so.
        let named = match &next.field {
            Field::Attr(a) if a == "via" => {
                crate::tui::assist::via_of(&app.art.doc, &app.art.assist, &next.owner)
            }
            _ => None,
        };
        if let Some(via) = named {
            let line = back
                .as_ref()
                .and_then(|m| m.items.iter().position(|i| *i == next))
                .and_then(menu_key);
            commit(app, fx, &next, Some(&via), back);
            let change = line.map_or_else(String::new, |k| format!(" ({k} changes it)"));
            app.say(format!(
                "{} = {}, via = {via} as the cue names it{change}",
                field_name(item),
                value.unwrap_or("")
            ));
            return;
        }
        let save = keyname::key_in(app, crate::config::KeyMode::Input, &Action::Confirm);
        let skip = keyname::key_in(app, crate::config::KeyMode::Input, &Action::Cancel);
        app.say(format!(
            "{} = {}: the schema asks for {} too ({save} saves, {skip} skips)",
            field_name(item),
            value.unwrap_or(""),
            field_name(&next)
        ));
        open_field(app, next, back);
    }
}

/// Values that need another value: (attribute, value, the attribute that must be filled).
/// The default schema defines `via` as "needed when channel is other_outlet".
const FOLLOW_UPS: &[(&str, &str, &str)] = &[("channel", "other_outlet", "via")];

/// The value to ask for next after `item` was set to `value`, if it is still empty.
fn follow_up(app: &App, item: &MenuItem, value: Option<&str>) -> Option<MenuItem> {
    let Field::Attr(name) = &item.field else {
        return None;
    };
    let (_, _, then) = FOLLOW_UPS
        .iter()
        .find(|(a, v, _)| a == name && Some(*v) == value)?;
    app.schema.attr(then)?;
    let next = MenuItem {
        owner: item.owner.clone(),
        field: Field::Attr((*then).to_owned()),
    };
    current_value(&app.art.doc, &next).is_none().then_some(next)
}

/// Handle an action in a picker or input mode.
pub(crate) fn handle(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    match std::mem::take(&mut app.mode) {
        Mode::Search(mut line) => match action {
            Action::Confirm => {
                // An empty search repeats the last one.
                if !line.text.is_empty() {
                    app.art.search = Some(line.text);
                }
                nav::search(app, true);
            }
            Action::Cancel => {}
            other => {
                edit_line(&mut line, &other);
                app.mode = Mode::Search(line);
            }
        },
        Mode::Menu(mut menu) => {
            let n = menu.items.len();
            let chosen = match action {
                Action::ListDown => {
                    menu.cursor = (menu.cursor + 1).min(n.saturating_sub(1));
                    None
                }
                Action::ListUp => {
                    menu.cursor = menu.cursor.saturating_sub(1);
                    None
                }
                Action::Confirm => Some(menu.cursor),
                Action::PickKey(c) => (0..n).find(|&i| item_key(i, &menu.items[i]) == Some(c)),
                Action::Cancel => {
                    app.mode = Mode::Normal;
                    return;
                }
                _ => None,
            };
            match chosen.and_then(|i| menu.items.get(i).cloned()) {
                Some(item) => {
                    menu.cursor = chosen.unwrap_or(0);
                    open_field(app, item, Some(menu));
                }
                None => app.mode = Mode::Menu(menu),
            }
        }
        Mode::Values(mut picker) => {
            let n = picker.choices.len();
            let value = match action {
                Action::ListDown => {
                    picker.cursor = (picker.cursor + 1).min(n.saturating_sub(1));
                    None
                }
                Action::ListUp => {
                    picker.cursor = picker.cursor.saturating_sub(1);
                    None
                }
                Action::Confirm => picker.choices.get(picker.cursor).map(|c| Some(c.1.clone())),
                Action::PickKey(k) => picker
                    .choices
                    .iter()
                    .find(|c| c.0 == k)
                    .map(|c| Some(c.1.clone())),
                Action::ClearValue => {
                    let optional = match &picker.item.field {
                        Field::Attr(a) => app.schema.attr(a).is_some_and(|d| d.optional),
                        _ => false,
                    };
                    if optional {
                        Some(None)
                    } else {
                        app.warn("this value is required");
                        None
                    }
                }
                Action::Cancel => {
                    app.mode = picker.back.map_or(Mode::Normal, Mode::Menu);
                    return;
                }
                _ => None,
            };
            match value {
                Some(v) => commit(app, fx, &picker.item, v.as_deref(), picker.back),
                None => app.mode = Mode::Values(picker),
            }
        }
        Mode::Text(mut prompt) => match action {
            Action::Confirm => {
                let text = prompt.edit.text.clone();
                let value = Some(text.as_str()).filter(|t| !t.trim().is_empty());
                commit(app, fx, &prompt.item, value, prompt.back);
            }
            Action::Cancel => app.mode = prompt.back.map_or(Mode::Normal, Mode::Menu),
            Action::InsertNewline => {
                if prompt.item.field == Field::Note {
                    prompt.edit.insert_newline();
                } else {
                    app.warn("only notes have several lines");
                }
                app.mode = Mode::Text(prompt);
            }
            Action::ListUp | Action::ListDown => {
                let width = prompt_width(app.size);
                prompt_line_move(&mut prompt.edit, width, action == Action::ListDown);
                app.mode = Mode::Text(prompt);
            }
            other => {
                edit_line(&mut prompt.edit, &other);
                app.mode = Mode::Text(prompt);
            }
        },
        Mode::List(mut list) => {
            let n = list.visible().len();
            match action {
                Action::ListDown => list.cursor = (list.cursor + 1).min(n.saturating_sub(1)),
                Action::ListUp => list.cursor = list.cursor.saturating_sub(1),
                Action::Confirm => {
                    let chosen = list.visible().get(list.cursor).map(|(c, _)| c.clone());
                    if let Some(choice) = chosen {
                        let filter = list.filter.text.clone();
                        records::list_chosen(app, fx, list.purpose, choice, &filter);
                        return;
                    }
                }
                Action::Cancel => {
                    app.say("cancelled");
                    return;
                }
                other => {
                    edit_line(&mut list.filter, &other);
                    let n = list.visible().len();
                    list.cursor = list.cursor.min(n.saturating_sub(1));
                }
            }
            app.mode = Mode::List(list);
        }
        other => app.mode = other,
    }
}

fn edit_line(line: &mut LineEdit, action: &Action) {
    match action {
        Action::InsertChar(c) => line.insert(*c),
        Action::Backspace => line.backspace(),
        Action::DeleteForward => line.delete_forward(),
        Action::CursorLeft => line.move_by(false),
        Action::CursorRight => line.move_by(true),
        Action::CursorHome => line.home_end(false),
        Action::CursorEnd => line.home_end(true),
        _ => {}
    }
}

/// Text columns of the text prompt popup at terminal size `size` (the popup wraps long
/// notes into lines of this width).
#[must_use]
pub fn prompt_width(size: (u16, u16)) -> usize {
    usize::from(size.0.saturating_sub(4).min(72).saturating_sub(2)).max(1)
}

/// Up and down in a wrapped text prompt: the same column on the line above or below.
fn prompt_line_move(line: &mut LineEdit, width: usize, down: bool) {
    let rows = display::wrap_chars(&line.text, width);
    let row = rows
        .iter()
        .rposition(|&(s, _)| s <= line.cursor)
        .unwrap_or(0);
    let target = if down {
        row + 1
    } else if let Some(r) = row.checked_sub(1) {
        r
    } else {
        line.home_end(false);
        return;
    };
    let Some(&(ts, te)) = rows.get(target) else {
        line.home_end(true);
        return;
    };
    let col = display::width_of(&line.text, rows[row].0, line.cursor);
    line.cursor = display::char_at_col(&line.text, ts, te, col);
    // The end of a wrapped row is the start of the next one: stay on the target row (a row
    // ended by a line break ends before it, so its end is on the row).
    let hard_break = line.text.chars().nth(te) == Some('\n');
    if line.cursor >= te && target + 1 < rows.len() && !hard_break {
        line.cursor = te;
        line.move_by(false);
    }
}
