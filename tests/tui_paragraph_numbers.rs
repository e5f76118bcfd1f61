//! One paragraph numbering (1-based) on every screen: the annotation screen's title, the
//! review detail and messages name the same paragraph with the same number.

mod review_support;

use marginalia::config::Theme;
use marginalia::tui::action::Action;
use marginalia::tui::app::App;
use marginalia::tui::update::update;
use marginalia::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use review_support::{annotation_app, press, review, review_app, workspace};

fn screen(app: &mut App) -> String {
    update(app, Action::Resize(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    terminal
        .draw(|f| view::render(app, &Theme::dark(), f))
        .expect("draw");
    let buf = terminal.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_review_detail_and_the_annotation_screen_number_paragraphs_alike() {
    let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    let r = review(&app);
    let item = &r.adj.items()[r.cursor];
    let para = item.para;
    let shown = screen(&mut app);
    // The detail's place line: `S3 · ¶4 10–25`.
    let expected = format!(" · ¶{} ", para + 1);
    assert!(shown.contains(&expected), "{expected} not in:\n{shown}");
    // The annotation screen on that paragraph names it the same way.
    let mut annotate = annotation_app(&article, "alice");
    for _ in 0..para {
        press(&mut annotate, "j");
    }
    let shown = screen(&mut annotate);
    assert!(shown.contains(&format!("¶{} ", para + 1)), "{shown}");
}
