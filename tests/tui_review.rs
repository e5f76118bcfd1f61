//! Key-sequence tests of adjudication on the review screen: keys resolved through the default
//! keymap, effects performed as the shell performs them, assertions on the gold document in
//! memory and on disk (wire-002 with alice and bob from sample-data).

mod review_support;

use marginalia::review::adjudicate::Decision;
use marginalia::tui::app::{SaveState, Screen};
use review_support::{annotation_app, gold_on_disk, press, review, review_app, texts, workspace};

const ONLY_ALICE: &str = "leaving two streets in the old town under 40 centimetres of water";

#[test]
fn the_queue_starts_with_disagreements_and_nothing_is_written_yet() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let app = review_app(&article, &["alice", "bob"]);
    let r = review(&app);
    assert_eq!(app.screen, Screen::Review);
    assert_eq!(r.names(), ["alice", "bob"]);
    let p = r.adj.progress();
    assert_eq!((p.decided, p.total, p.pending_agreements), (0, 23, 13));
    assert_eq!(r.cursor, 0);
    assert!(!r.adj.items()[0].is_agreement());
    assert!(!marginalia::review::session::gold_path(&article).exists());
}

#[test]
fn take_a_then_take_b_write_each_version_to_gold() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    // Item 1: a claim only alice marked.
    press(&mut app, "1");
    assert_eq!(texts(&gold_on_disk(&article), "Claim"), [ONLY_ALICE]);
    // The cursor moved on to item 2: the engineer's mention, with different boundaries.
    assert_eq!(review(&app).cursor, 1);
    press(&mut app, "b");
    let gold = gold_on_disk(&article);
    assert_eq!(texts(&gold, "Speaker"), ["Chief engineer 林美华"]);
    assert_eq!(gold.annotator, "gold");
    let speaker = gold
        .spans
        .iter()
        .find(|s| s.kind == "Speaker")
        .expect("speaker");
    let entity = gold
        .entity(
            speaker
                .entity
                .as_deref()
                .expect("the mention brought its entity"),
        )
        .expect("entity in gold");
    assert_eq!(entity.name, "林美华");
    let r = review(&app);
    assert_eq!(r.adj.decision(0), Some(Decision::Take(0)));
    assert_eq!(r.adj.decision(1), Some(Decision::Take(1)));
    assert_eq!(r.save, SaveState::Saved);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("2/23 decided"))
    );
}

#[test]
fn taking_a_side_that_has_no_version_is_refused() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    press(&mut app, "2");
    let msg = app.message.clone().expect("a message");
    assert!(
        msg.error && msg.text.contains("bob has no version"),
        "{msg:?}"
    );
    assert_eq!(review(&app).adj.progress().decided, 0);
    assert!(
        review(&app).undo.is_empty(),
        "a refused decision leaves no undo step"
    );
}

#[test]
fn accept_every_agreement_with_one_key() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    press(&mut app, "A");
    let r = review(&app);
    let p = r.adj.progress();
    assert_eq!((p.decided, p.pending_agreements), (13, 0));
    assert_eq!(r.cursor, 0, "back to the first undecided item");
    let gold = gold_on_disk(&article);
    assert_eq!(gold.spans.len(), 13);
    assert!(!texts(&gold, "Claim").contains(&ONLY_ALICE.to_owned()));
    // Pressing it again changes nothing.
    press(&mut app, "A");
    assert_eq!(review(&app).undo.len(), 1);
}

#[test]
fn take_both_keeps_each_extent_and_refuses_label_conflicts() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    press(&mut app, "j t");
    let speakers = texts(&gold_on_disk(&article), "Speaker");
    assert_eq!(
        speakers,
        [
            "Chief engineer 林美华",
            "Chief engineer 林美华 (Lin Meihua)"
        ]
    );
    // Item 5 differs only in labels: nothing to keep both of.
    press(&mut app, "j j t");
    assert_eq!(review(&app).cursor, 4);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("labels"))
    );
}

#[test]
fn reject_puts_nothing_into_gold() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    press(&mut app, "x");
    let r = review(&app);
    assert_eq!(r.adj.decision(0), Some(Decision::Reject));
    assert!(r.adj.gold().spans.is_empty());
    assert_eq!(r.adj.progress().decided, 1);
    assert_eq!(r.cursor, 1);
}

#[test]
fn undo_takes_back_the_last_decision_on_disk_too() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    press(&mut app, "A 1");
    assert_eq!(gold_on_disk(&article).spans.len(), 14);
    press(&mut app, "u");
    assert_eq!(review(&app).cursor, 0, "back on the undone item");
    assert_eq!(review(&app).adj.progress().decided, 13);
    assert_eq!(gold_on_disk(&article).spans.len(), 13);
    press(&mut app, "u");
    assert_eq!(gold_on_disk(&article).spans.len(), 0);
    press(&mut app, "u");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text == "nothing to undo")
    );
}

#[test]
fn reopening_resumes_from_the_gold_sidecar() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    press(&mut app, "A 1 x q");
    assert!(app.should_quit);
    let again = review_app(&article, &["alice", "bob"]);
    let r = review(&again);
    assert_eq!(
        r.adj.progress().decided,
        15,
        "13 agreements, item 1 and the rejection recorded in gold"
    );
    assert_eq!(
        r.cursor, 2,
        "the first undecided item, after the rejected one"
    );
    assert_eq!(
        r.adj.gold().review_rejections.len(),
        2,
        "one record per version rejected"
    );
    assert_eq!(r.adj.gold().spans.len(), 14);
}

#[test]
fn edit_takes_a_version_opens_it_on_the_annotation_screen_and_comes_back() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    // Item 1 has one version: `e` takes it and opens it at once.
    press(&mut app, "e");
    assert_eq!(app.screen, Screen::Annotate);
    assert_eq!(app.annotator, "gold");
    let selected = app.art.selected().expect("the gold record is selected");
    assert_eq!(selected.anchor.exact, ONLY_ALICE);
    // claim_type is the first line of the claim's menu; `e` picks `event`.
    press(&mut app, "enter 1 e esc");
    press(&mut app, "R");
    assert_eq!(app.screen, Screen::Review);
    assert_eq!(app.annotator, "gold");
    let claim = |doc: &marginalia::model::AnnotationDoc| {
        doc.spans
            .iter()
            .find(|s| s.anchor.exact == ONLY_ALICE)
            .and_then(|s| s.attrs.get("claim_type").cloned())
    };
    assert_eq!(claim(&gold_on_disk(&article)).as_deref(), Some("event"));
    assert_eq!(claim(review(&app).adj.gold()).as_deref(), Some("event"));
    assert_eq!(review(&app).cursor, 1, "on to the next undecided item");
    // The review keeps saving (the re-opened gold sidecar knows the edited file).
    press(&mut app, "a");
    assert_eq!(review(&app).save, SaveState::Saved);
    let gold = gold_on_disk(&article);
    assert_eq!(claim(&gold).as_deref(), Some("event"));
    assert_eq!(
        texts(&gold, "Speaker"),
        ["Chief engineer 林美华 (Lin Meihua)"]
    );
}

#[test]
fn edit_asks_which_version_when_there_are_several() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    press(&mut app, "j e");
    assert!(review(&app).choosing_edit);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("edit which version"))
    );
    press(&mut app, "esc");
    assert!(!review(&app).choosing_edit);
    assert_eq!(review(&app).adj.progress().decided, 0);
    press(&mut app, "e 2");
    assert_eq!(app.screen, Screen::Annotate);
    assert_eq!(
        app.art.selected().map(|s| s.anchor.exact.as_str()),
        Some("Chief engineer 林美华")
    );
    press(&mut app, "q");
    assert_eq!(
        app.screen,
        Screen::Review,
        "quit while editing gold goes back to review"
    );
}

#[test]
fn the_third_annotator_is_taken_with_3() {
    let (dir, article) = workspace("wire-002", &["alice", "bob"]);
    let alice = std::fs::read_to_string(dir.path().join("wire-002.alice.ann.ron")).expect("read");
    std::fs::write(
        dir.path().join("wire-002.carol.ann.ron"),
        alice.replace("annotator: \"alice\"", "annotator: \"carol\""),
    )
    .expect("carol");
    let mut app = review_app(&article, &["alice", "bob", "carol"]);
    let first = review(&app).adj.items()[0].clone();
    assert!(first.members[2].is_some(), "carol has a version of item 1");
    press(&mut app, "3");
    assert_eq!(review(&app).adj.decision(0), Some(Decision::Take(2)));
    assert_eq!(gold_on_disk(&article).spans.len(), 1);
    press(&mut app, "j j j j 9");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("no annotator 9"))
    );
}

#[test]
fn r_on_the_annotation_screen_reviews_against_the_sidecars_next_to_the_article() {
    let (dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = annotation_app(&article, "bob");
    press(&mut app, "R");
    assert_eq!(app.screen, Screen::Review);
    assert_eq!(
        review(&app).names(),
        ["bob", "alice"],
        "the current annotator first"
    );
    press(&mut app, "q");
    assert_eq!(
        app.screen,
        Screen::Annotate,
        "quitting the review goes back"
    );
    assert!(app.review.is_none());
    assert!(!app.should_quit);

    std::fs::remove_file(dir.path().join("wire-002.alice.ann.ron")).expect("remove");
    let mut app = annotation_app(&article, "bob");
    press(&mut app, "R");
    assert_eq!(app.screen, Screen::Annotate);
    let msg = app.message.clone().expect("message");
    assert!(
        msg.error
            && msg.text.contains("at least two annotators")
            && msg.text.contains("found: bob"),
        "{msg:?}"
    );

    // On the gold sidecar itself, `R` explains instead of opening a second writer of it.
    let mut app = annotation_app(&article, "gold");
    press(&mut app, "R");
    assert_eq!(app.screen, Screen::Annotate);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("gold sidecar"))
    );
}

#[test]
fn a_broken_gold_sidecar_is_refused_and_left_alone() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let gold = marginalia::review::session::gold_path(&article);
    std::fs::write(&gold, "(format_version: 1, spans: [").expect("broken gold");
    let schema = marginalia::model::Schema::default_schema();
    let err = marginalia::tui::review::shell::open_review(
        &schema,
        &article,
        &["alice".to_owned(), "bob".to_owned()],
    )
    .expect_err("refused");
    assert!(err.contains("wire-002.gold.ann.ron"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&gold).expect("still there"),
        "(format_version: 1, spans: ["
    );
}

#[test]
fn a_gold_file_changed_on_disk_is_not_overwritten() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    press(&mut app, "1");
    let gold = marginalia::review::session::gold_path(&article);
    let theirs = std::fs::read_to_string(&gold)
        .expect("gold")
        .replace("quantity", "event");
    std::fs::write(&gold, &theirs).expect("someone else edits gold");
    press(&mut app, "1");
    assert!(matches!(review(&app).save, SaveState::Failed(_)));
    assert_eq!(std::fs::read_to_string(&gold).expect("gold"), theirs);
    // Quitting asks twice.
    press(&mut app, "q");
    assert!(!app.should_quit);
    press(&mut app, "q");
    assert!(app.should_quit);
}

#[test]
fn a_gold_file_re_anchored_to_a_changed_article_is_backed_up_before_the_first_write() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    press(&mut app, "A");
    let gold = marginalia::review::session::gold_path(&article);
    let before = std::fs::read(&gold).expect("gold written");
    // The article gains a word at the start of paragraph 1: every span there moves.
    let text = std::fs::read_to_string(&article).expect("article");
    std::fs::write(
        &article,
        text.replacen("A flood barrier", "Update: A flood barrier", 1),
    )
    .expect("edit article");
    let mut app = review_app(&article, &["alice", "bob"]);
    assert_eq!(
        review(&app).adj.progress().decided,
        13,
        "resumed after re-anchoring"
    );
    assert_eq!(
        std::fs::read(&gold).expect("gold"),
        before,
        "opening writes nothing"
    );
    press(&mut app, "1");
    let backup = std::path::PathBuf::from(format!("{}.bak", gold.display()));
    assert_eq!(std::fs::read(&backup).expect(".bak written"), before);
    let claims = texts(&gold_on_disk(&article), "Claim");
    assert!(
        claims.iter().any(|c| c.starts_with("A flood barrier")),
        "{claims:?}"
    );
    assert_eq!(gold_on_disk(&article).spans.len(), 14);
}
