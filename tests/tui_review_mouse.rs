//! Mouse sequences on the review screen: clicks on spans in the article and on queue rows,
//! the wheel over the article and over the queue. Positions are found on the rendered screen
//! (TestBackend), then fed to `update` as mouse actions (wire-002, alice and bob).

mod review_support;

use marginalia::config::Theme;
use marginalia::tui::action::Action;
use marginalia::tui::app::App;
use marginalia::tui::layout::review_geometry::{ReviewAreas, areas_for};
use marginalia::tui::update::update;
use marginalia::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use review_support::{press, review, review_app, workspace};

const SIZE: (u16, u16) = (120, 40);

fn app() -> (tempfile::TempDir, App) {
    let (dir, article) = workspace("wire-002", &["alice", "bob"]);
    let app = review_app(&article, &["alice", "bob"]);
    (dir, app)
}

fn panes() -> ReviewAreas {
    areas_for(SIZE).expect("120x40 gets the review screen")
}

fn screen(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test terminal");
    terminal
        .draw(|f| view::render(app, &Theme::dark(), f))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The text rows inside the article pane, as drawn.
fn article_rows(app: &App) -> Vec<String> {
    let buf = screen(app);
    let a = panes().article;
    (a.y + 1..a.bottom() - 1)
        .map(|y| {
            (a.x + 1..a.right() - 1)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// The first cell of the screen, within columns `x0..x1`, where `text` is drawn.
fn find(app: &App, text: &str, x0: u16, x1: u16) -> (u16, u16) {
    let buf = screen(app);
    for y in 0..buf.area.height {
        let row: String = (x0..x1).map(|x| buf[(x, y)].symbol().to_owned()).collect();
        if let Some(byte) = row.find(text) {
            let x = row[..byte].chars().count();
            return (x0 + u16::try_from(x).expect("fits"), y);
        }
    }
    panic!("`{text}` not on screen")
}

fn click_text_in_article(app: &mut App, text: &str) {
    let a = panes().article;
    let (x, y) = find(app, text, a.x + 1, a.right() - 1);
    update(app, Action::Click(x, y));
}

#[test]
fn a_click_on_a_span_selects_its_item_and_the_innermost_of_overlapping_spans() {
    let (_dir, mut app) = app();
    // Item 2: a claim (alice 37-119, bob 37-80); item 3: bob's claim 90-119 inside alice's.
    press(&mut app, "j j");
    assert_eq!(review(&app).cursor, 2);
    let before = article_rows(&app);
    click_text_in_article(&mut app, "software fault");
    assert_eq!(
        review(&app).cursor,
        3,
        "the shorter span inside the claim wins"
    );
    assert_eq!(
        article_rows(&app),
        before,
        "the pane keeps its place: the clicked span is on screen"
    );
    click_text_in_article(&mut app, "hydraulic");
    assert_eq!(
        review(&app).cursor,
        2,
        "only the long claim covers this word"
    );
    // Alice's speaker mention runs on to “(Lin Meihua)”, bob's stops before it: still item 1.
    click_text_in_article(&mut app, "Lin Meihua");
    assert_eq!(review(&app).cursor, 1);
}

#[test]
fn a_click_where_no_span_is_changes_nothing() {
    let (_dir, mut app) = app();
    press(&mut app, "j");
    let a = panes().article;
    // The pane's border, the message line, and the blank end of a short line.
    update(&mut app, Action::Click(a.x, a.y + 2));
    update(&mut app, Action::Click(5, SIZE.1 - 2));
    let rows = article_rows(&app);
    let short = rows
        .iter()
        .position(|r| !r.is_empty() && r.chars().count() + 3 < usize::from(a.width) - 2)
        .expect("a short line");
    let y = a.y + 1 + u16::try_from(short).expect("fits");
    update(&mut app, Action::Click(a.right() - 3, y));
    assert_eq!(review(&app).cursor, 1);
    assert!(review(&app).scroll.is_none());
}

#[test]
fn a_click_on_a_queue_row_selects_that_item() {
    let (_dir, mut app) = app();
    let q = panes().queue;
    let (x, y) = find(&app, "Residents", q.x + 1, q.right() - 1);
    update(&mut app, Action::Click(x, y));
    assert_eq!(review(&app).cursor, 8);
    // Back up the queue.
    let (x, y) = find(&app, "leaving", q.x + 1, q.right() - 1);
    update(&mut app, Action::Click(x, y));
    assert_eq!(review(&app).cursor, 0);
    // The queue's borders and title select nothing.
    update(&mut app, Action::Click(q.x + 3, q.y));
    update(&mut app, Action::Click(q.x, q.y + 3));
    assert_eq!(review(&app).cursor, 0);
}

#[test]
fn a_click_on_a_scrolled_queue_selects_the_item_drawn_on_that_row() {
    let (_dir, mut app) = app();
    press(&mut app, "j j j j j j j j j j j j j j j j j j j j j");
    assert_eq!(review(&app).cursor, 21);
    let q = panes().queue;
    let (x, y) = find(&app, "it had ignored", q.x + 1, q.right() - 1);
    update(&mut app, Action::Click(x, y));
    assert_eq!(review(&app).cursor, 17);
}

#[test]
fn the_wheel_scrolls_the_article_until_another_item_is_current() {
    let (_dir, mut app) = app();
    let a = panes().article;
    let before = article_rows(&app);
    update(&mut app, Action::Wheel(3, a.x + 5, a.y + 5));
    let after = article_rows(&app);
    // Three lines down, the blank line between paragraphs counting as one (as on the
    // annotation screen).
    let third = 3;
    assert!(!before[third].is_empty());
    assert_eq!(after[0], before[third]);
    assert_eq!(review(&app).cursor, 0, "the wheel does not change the item");
    // Up a long way: the start of the article.
    update(&mut app, Action::Wheel(-30, a.x + 5, a.y + 5));
    let first_line = review(&app)
        .article
        .para_text(0)
        .chars()
        .take(20)
        .collect::<String>();
    assert!(
        article_rows(&app)[0].starts_with(&first_line),
        "{:?}",
        article_rows(&app)[0]
    );
    // Another item: the pane follows it again, as if it had never been scrolled.
    update(&mut app, Action::Wheel(30, a.x + 5, a.y + 5));
    press(&mut app, "j");
    let followed = article_rows(&app);
    let (_dir2, mut fresh) = self::app();
    press(&mut fresh, "j");
    assert_eq!(followed, article_rows(&fresh));
}

#[test]
fn the_wheel_over_the_queue_moves_through_the_items() {
    let (_dir, mut app) = app();
    let q = panes().queue;
    update(&mut app, Action::Wheel(3, q.x + 4, q.y + 4));
    assert_eq!(review(&app).cursor, 3);
    update(&mut app, Action::Wheel(-3, q.x + 4, q.y + 4));
    update(&mut app, Action::Wheel(-3, q.x + 4, q.y + 4));
    assert_eq!(review(&app).cursor, 0);
    assert!(
        review(&app).scroll.is_none(),
        "the article was not scrolled"
    );
}

#[test]
fn a_click_while_choosing_a_version_to_edit_cancels_the_choice() {
    let (_dir, mut app) = app();
    press(&mut app, "j e");
    assert!(review(&app).choosing_edit);
    click_text_in_article(&mut app, "software fault");
    assert!(!review(&app).choosing_edit);
    assert_eq!(review(&app).cursor, 3);
    // The next take key decides item 3 instead of choosing a version of item 1.
    press(&mut app, "2");
    assert!(review(&app).adj.is_decided(3));
    assert!(!review(&app).adj.is_decided(1));
}

#[test]
fn the_mouse_on_a_terminal_too_small_for_review_does_nothing() {
    let (_dir, mut app) = app();
    update(&mut app, Action::Resize(40, 10));
    update(&mut app, Action::Click(10, 3));
    update(&mut app, Action::Wheel(3, 10, 3));
    assert_eq!(review(&app).cursor, 0);
    assert!(review(&app).scroll.is_none());
}
