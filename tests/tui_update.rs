//! Pure state-update tests driven by key sequences through the default keymap.

mod common;

use common::{app_with, exact, wire};
use marginalia::tui::action::Action;
use marginalia::tui::app::SaveState;
use marginalia::tui::effect::Effect;
use marginalia::tui::mode::Mode;
use marginalia::tui::update::update;

#[test]
fn speaker_cue_and_claim_from_keys() {
    let mut app = wire();
    let fx = app.press("j v e e e s");
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(exact(&app, "S1"), "The Valmora Dockworkers’ Union");
    // The caret continues after the new span: the next word is the cue.
    app.press("v u");
    assert_eq!(exact(&app, "K1"), "said");
    app.press("/");
    app.type_text("its members");
    app.press("enter v $ c");
    assert_eq!(
        exact(&app, "C1"),
        "its members would stay off the job until the port authority restores the night-shift bonus it cut in March"
    );
    let c1 = app.art.doc.span("C1").expect("claim");
    assert!(c1.attrs.is_empty(), "no value stored until chosen");
    assert_eq!(c1.anchor.para, 1);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn attribute_a_claim_then_set_certainty_and_channel() {
    let mut app = wire();
    app.press("j v e e e s v u");
    app.press("/");
    app.type_text("its");
    app.press("enter v $ c");
    // a: the sentence's only mention (S1, a new entity) and cue (K1) are taken without a
    // list; the claim's menu opens.
    app.press("a");
    let att = app
        .art
        .doc
        .attribution_of("C1")
        .expect("attributed")
        .clone();
    assert_eq!(att.sources, vec!["S1".to_owned()]);
    assert_eq!(att.cue.as_deref(), Some("K1"));
    assert_eq!(att.attrs.get("channel"), None, "left at default: unset");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("the only one in the sentence")),
        "{:?}",
        app.message
    );
    assert_eq!(app.art.doc.entities.len(), 1);
    assert_eq!(
        app.art.doc.entities[0].name,
        "The Valmora Dockworkers’ Union"
    );
    assert!(matches!(app.mode, Mode::Menu(_)));
    // 2 = certainty, p = probable; 6 = channel, r = other_outlet, which asks for `via` at once.
    app.press("2 p 6 r");
    let Mode::Text(prompt) = &app.mode else {
        panic!("other_outlet asks for via, got {:?}", app.mode);
    };
    assert_eq!(
        prompt.item.field,
        marginalia::tui::mode::Field::Attr("via".into())
    );
    app.type_text("Harbour Gazette");
    app.press("enter esc");
    let claim = app.art.doc.span("C1").expect("claim");
    assert_eq!(
        claim.attrs.get("certainty").map(String::as_str),
        Some("probable")
    );
    let att = app.art.doc.attribution_of("C1").expect("attributed");
    assert_eq!(
        att.attrs.get("channel").map(String::as_str),
        Some("other_outlet")
    );
    assert_eq!(
        att.attrs.get("via").map(String::as_str),
        Some("Harbour Gazette")
    );
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn second_mention_links_to_an_existing_entity_by_filter() {
    let mut app = wire();
    // ¶3: "a port authority official" ... "the official".
    app.press("j j");
    app.press("/");
    app.type_text("a port");
    app.press("enter v e e e s L enter");
    assert_eq!(app.art.doc.entities.len(), 1);
    app.press("/");
    app.type_text("the official");
    app.press("enter v e s L");
    app.type_text("port");
    app.press("enter");
    let s2 = app.art.doc.span("S2").expect("second mention");
    assert_eq!(s2.anchor.exact, "the official");
    assert_eq!(s2.entity.as_deref(), Some("E1"));
    assert_eq!(app.art.doc.entities.len(), 1, "no new entity");
}

#[test]
fn new_source_mention_from_the_attribution_flow() {
    let mut app = wire();
    app.press("j j /");
    app.type_text("talks");
    app.press("enter v $ c");
    // Put the caret on the mention; C1 stays the selected record.
    app.press("/");
    app.type_text("a port");
    app.press("enter");
    // No mentions exist yet, so "+ new mention" is the first choice.
    app.press("a enter");
    assert_eq!(app.mode, Mode::Select);
    app.press("e e e s");
    // The mention is created and the entity list opens (new entity), then the cue list.
    assert!(matches!(app.mode, Mode::List(_)));
    app.press("enter");
    assert!(matches!(app.mode, Mode::List(_)));
    // No cue is marked yet: the list starts on "+ new cue"; one up is "no cue".
    app.press("up enter");
    let att = app.art.doc.attribution_of("C1").expect("attributed");
    assert_eq!(att.cue, None, "chose no cue");
    assert_eq!(exact(&app, &att.sources[0]), "a port authority official");
    assert_eq!(app.art.doc.entities[0].name, "a port authority official");
}

#[test]
fn selection_grows_and_shrinks_by_word_and_character_in_any_script() {
    let mut app = app_with("中文字 “quoted” 👩‍🔬 e\u{301}tude end.");
    app.press("v");
    let sel = |app: &marginalia::tui::app::App| {
        let s = app.art.selection.expect("selecting");
        app.art
            .article
            .para_slice(0, s.start, s.end)
            .expect("in range")
            .to_owned()
    };
    assert_eq!(sel(&app), "中");
    app.press("e e");
    assert_eq!(sel(&app), "中文字");
    app.press("e");
    assert_eq!(sel(&app), "中文字 “quoted");
    app.press("l");
    assert_eq!(sel(&app), "中文字 “quoted”");
    app.press("E");
    assert_eq!(sel(&app), "中文字");
    app.press("w");
    assert_eq!(sel(&app), "quoted");
    app.press("H");
    assert_eq!(sel(&app), "“quoted");
    app.press("w");
    assert_eq!(sel(&app), "e\u{301}tude");
    app.press("h");
    assert_eq!(sel(&app), "e\u{301}tud");
    app.press("L");
    assert_eq!(sel(&app), "\u{301}tud");
    app.press("c");
    // Offsets are Unicode scalar values: 中文字 (3) + space + “quoted” (8) + space + 👩‍🔬 (3) + space
    // + e = 18 (the combining accent starts the span).
    let c = app.art.doc.span("C1").expect("claim");
    assert_eq!((c.anchor.start, c.anchor.end), (18, 22));
}

#[test]
fn delete_undo_redo() {
    let mut app = wire();
    app.press("j v s v u");
    assert_eq!(app.art.doc.spans.len(), 2);
    app.press("d");
    assert_eq!(app.art.doc.spans.len(), 1);
    app.press("u");
    assert_eq!(app.art.doc.spans.len(), 2);
    app.press("u u");
    assert_eq!(app.art.doc.spans.len(), 0);
    let fx = app.press("u");
    assert!(fx.is_empty(), "nothing left to undo");
    app.press("ctrl-r ctrl-r");
    assert_eq!(app.art.doc.spans.len(), 2);
    // A new change clears redo.
    app.press("u v c ctrl-r");
    assert_eq!(app.art.doc.spans.len(), 2);
    assert!(app.art.doc.spans.iter().any(|s| s.kind == "Claim"));
}

#[test]
fn done_marks_and_next_todo() {
    let mut app = wire();
    app.press("space j space");
    assert_eq!(
        app.art.doc.done.iter().copied().collect::<Vec<_>>(),
        vec![0, 1]
    );
    app.press("g ]");
    assert_eq!(app.art.para, 2);
    app.press("space ]");
    assert_eq!(app.art.para, 3);
    app.press("space");
    assert!(!app.art.doc.done.contains(&3) || app.art.doc.done.len() == 4);
    app.press("space");
    assert!(!app.art.doc.done.contains(&3));
}

#[test]
fn search_next_previous_and_wrap() {
    let mut app = wire();
    app.press("/");
    app.type_text("union");
    app.press("enter");
    // Smart case: "union" finds "Union" in ¶2, then "the union" in ¶3 and ¶7.
    assert_eq!(app.art.para, 1);
    app.press("n");
    assert_eq!(app.art.para, 2);
    app.press("n");
    assert_eq!(app.art.para, 6);
    app.press("n");
    assert_eq!(app.art.para, 1, "wrapped");
    app.press("N");
    assert_eq!(app.art.para, 6);
    let m = app.art.found.expect("match");
    assert_eq!(
        app.art.article.para_slice(m.para, m.start, m.end),
        Some("union")
    );
    // An upper-case letter makes it exact about case.
    app.press("/");
    app.type_text("Union");
    app.press("enter");
    assert_eq!(app.art.para, 1);
}

#[test]
fn confidence_and_note() {
    let mut app = wire();
    app.press("j v c ! l i");
    app.type_text("unsure about the span");
    app.press("enter");
    let c = app.art.doc.span("C1").expect("claim");
    assert_eq!(c.confidence, marginalia::model::Confidence::Low);
    assert_eq!(c.note.as_deref(), Some("unsure about the span"));
}

#[test]
fn failed_save_keeps_edits_and_quit_asks_twice() {
    let mut app = wire();
    app.press("j v c");
    update(&mut app, Action::SaveFinished(Err("disk full".to_owned())));
    assert!(matches!(app.art.save, SaveState::Failed(_)));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("disk full"))
    );
    let fx = app.press("q");
    assert!(fx.is_empty() && !app.should_quit, "first quit only warns");
    let fx = app.press("q");
    assert_eq!(fx, vec![Effect::Quit]);
    // A save still pending does not block quitting: the shell saves before it exits.
    let mut app = wire();
    app.press("j v c");
    assert_eq!(app.art.save, SaveState::Pending);
    assert_eq!(app.press("q"), vec![Effect::Quit]);
    // After a successful retry, one press quits.
    let mut app = wire();
    app.press("j v c");
    update(&mut app, Action::SaveFinished(Ok(())));
    assert_eq!(app.art.save, SaveState::Saved);
    assert_eq!(app.press("q"), vec![Effect::Quit]);
}

#[test]
fn read_only_article_refuses_edits_and_never_saves() {
    let mut app = wire();
    app.art.save = SaveState::ReadOnly("x.ann.ron:3:1: bad".to_owned());
    let fx = app.press("j v c space");
    assert!(fx.is_empty());
    assert!(app.art.doc.spans.is_empty() && app.art.doc.done.is_empty());
    assert!(app.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn help_opens_and_closes() {
    let mut app = wire();
    app.press("?");
    assert_eq!(app.mode, Mode::Help(0));
    app.press("j j ?");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn mouse_click_selects_a_paragraph_and_wheel_scrolls() {
    let mut app = wire();
    // Row 1 is ¶1; ¶2 starts on row 3 (after a gap line). Text starts at column 3.
    update(&mut app, Action::Click(10, 3));
    assert_eq!(app.art.para, 1);
    update(&mut app, Action::Wheel(3, 10, 3));
    assert_eq!(app.art.top.para, 1);
}

#[test]
fn long_articles_lay_out_only_what_is_visible() {
    let text: String = (0..3000)
        .map(|i| format!("Paragraph {i} says that the minister said things.\n\n"))
        .collect();
    let mut app = app_with(&text);
    app.press("G");
    assert_eq!(app.art.para, 2999);
    assert_eq!(app.art.top.para, 2999 - 18);
    assert!(
        app.art.wrap.borrow().len() < 50,
        "only visible paragraphs were wrapped"
    );
    app.press("g");
    assert_eq!(app.art.top.para, 0);
    app.press("ctrl-d");
    assert!(app.art.top.para > 10);
    assert!(app.art.para >= app.art.top.para);
}

#[test]
fn a_huge_single_paragraph_scrolls_to_its_end() {
    let text = "word ".repeat(200_000);
    let mut app = app_with(&text);
    app.press("G");
    let len = app.art.article.para_text(0).len();
    let lines = marginalia::tui::update::nav::visible_lines(&app);
    assert!(
        lines.iter().any(|l| l.byte_end >= len.saturating_sub(1)),
        "end on screen"
    );
    assert!(
        app.art.wrap.borrow().is_empty(),
        "huge paragraphs are not wrapped whole"
    );
    app.press("v c");
    let c = app.art.doc.span("C1").expect("claim near the end");
    assert!(c.anchor.start > 900_000);
}

#[test]
fn resize_to_tiny_and_back_keeps_state() {
    let mut app = wire();
    app.press("j j");
    update(&mut app, Action::Resize(20, 5));
    app.press("j k v e");
    update(&mut app, Action::Resize(0, 0));
    app.press("esc");
    update(&mut app, Action::Resize(120, 40));
    assert_eq!(app.art.para, 2);
}

#[test]
fn the_walkthrough_in_docs_keys_md_works() {
    let mut app = app_with("The union said on Monday that its members would stay out.");
    app.press("v e s v u /");
    app.type_text("its");
    app.press("enter v $ c a 2 p 6 r");
    app.type_text("CNN");
    app.press("enter esc space");
    assert_eq!(exact(&app, "S1"), "The union");
    assert_eq!(exact(&app, "K1"), "said");
    assert_eq!(exact(&app, "C1"), "its members would stay out");
    let a = app.art.doc.attribution_of("C1").expect("attributed");
    assert_eq!(
        (a.sources.as_slice(), a.cue.as_deref()),
        (&["S1".to_owned()][..], Some("K1"))
    );
    assert_eq!(
        a.attrs.get("channel").map(String::as_str),
        Some("other_outlet")
    );
    let c = app.art.doc.span("C1").expect("claim");
    assert_eq!(
        c.attrs.get("certainty").map(String::as_str),
        Some("probable")
    );
    assert!(app.art.doc.done.contains(&0));
}

#[test]
fn entity_name_and_attributes_from_a_mention() {
    let mut app = wire();
    app.press("j j /");
    app.type_text("a port");
    app.press("enter v e e e s L enter");
    // The mention's menu: entity name, speaker_type, identification, confidence, note.
    app.press("enter 1");
    for _ in 0..40 {
        app.press("backspace");
    }
    app.type_text("Port authority official (unnamed)");
    app.press("enter 2 g 3 d esc");
    let e = &app.art.doc.entities[0];
    assert_eq!(e.name, "Port authority official (unnamed)");
    assert_eq!(
        e.attrs.get("speaker_type").map(String::as_str),
        Some("government")
    );
    assert_eq!(
        e.attrs.get("identification").map(String::as_str),
        Some("anonymous_described")
    );
    // An empty name is refused and the old one kept.
    app.press("enter 1");
    for _ in 0..40 {
        app.press("backspace");
    }
    app.press("enter esc");
    assert_eq!(
        app.art.doc.entities[0].name,
        "Port authority official (unnamed)"
    );
}

#[test]
fn clicking_a_record_in_the_list_selects_it() {
    let mut app = wire();
    app.press("j v s v u v c");
    assert_eq!(app.art.record, 2);
    // 120x40: the side pane starts at column 72; its list's first line is row 1.
    update(&mut app, Action::Click(80, 1));
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("S1"));
    update(&mut app, Action::Click(80, 2));
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("K1"));
}
