//! Opening the attribute menu of a record: its own attributes, its entity's, its
//! attribution's, then confidence and note (the keys inside the menu are in `pickers`).

use crate::tui::app::App;
use crate::tui::mode::{Field, Menu, MenuItem, Mode};
use crate::tui::update::common::warn_no_record;

/// Menu lines of a record: its own attributes, its entity's, its attribution's, the
/// attributes of `extra_entity` (a speaker entity just created), then confidence and note.
pub(crate) fn menu_items(app: &App, id: &str, extra_entity: Option<&str>) -> Vec<MenuItem> {
    let doc = &app.art.doc;
    let schema = &app.schema;
    let Some(span) = doc.span(id) else {
        return Vec::new();
    };
    let attr = |owner: &str, name: &String| MenuItem {
        owner: owner.to_owned(),
        field: Field::Attr(name.clone()),
    };
    let mut items: Vec<MenuItem> = Vec::new();
    if let Some(kind) = schema.span_kind(&span.kind) {
        items.extend(kind.attrs.iter().map(|a| attr(id, a)));
        if let Some(entity) = span.entity.as_deref().and_then(|e| doc.entity(e))
            && let Some(ek) = schema.entity_kind(&entity.kind)
        {
            items.push(MenuItem {
                owner: entity.id.clone(),
                field: Field::Name,
            });
            items.extend(ek.attrs.iter().map(|a| attr(&entity.id, a)));
        }
    }
    if let Some(att) = doc.attribution_of(id) {
        items.extend(schema.relation.attrs.iter().map(|a| attr(&att.id, a)));
    }
    if let Some(entity) = extra_entity.and_then(|e| doc.entity(e))
        && let Some(ek) = schema.entity_kind(&entity.kind)
    {
        items.extend(ek.attrs.iter().map(|a| attr(&entity.id, a)));
    }
    items.push(MenuItem {
        owner: id.to_owned(),
        field: Field::Confidence,
    });
    items.push(MenuItem {
        owner: id.to_owned(),
        field: Field::Note,
    });
    items
}

/// Open the attribute menu of the selected record.
pub(crate) fn open_menu(app: &mut App) {
    let Some(id) = app.art.selected().map(|s| s.id.clone()) else {
        warn_no_record(app, "no attributes to edit");
        return;
    };
    let items = menu_items(app, &id, None);
    app.mode = Mode::Menu(Menu {
        record: id,
        items,
        cursor: 0,
        entity: None,
        fresh: true,
    });
}

/// Open the menu of `claim` on its first attribution attribute; the attributes of
/// `new_entity` (created during `a`) are offered at its end.
pub(crate) fn open_menu_at_relation(app: &mut App, claim: &str, new_entity: Option<String>) {
    let items = menu_items(app, claim, new_entity.as_deref());
    let att = app.art.doc.attribution_of(claim).map(|a| a.id.clone());
    let cursor = items
        .iter()
        .position(|i| Some(&i.owner) == att.as_ref())
        .unwrap_or(0);
    app.mode = Mode::Menu(Menu {
        record: claim.to_owned(),
        items,
        cursor,
        entity: new_entity,
        fresh: true,
    });
}
