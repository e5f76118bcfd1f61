//! Suggestions of an article too large to read whole: only a window around the caret is
//! read (so memory and the per-key work stay bounded), the window follows the caret, and
//! `s` past the window's last suggestion reads on instead of wrapping around.

mod common;

use std::time::{Duration, Instant};

use common::app_with;
use marginalia::suggest::window::{WHOLE_ARTICLE_BYTES, WINDOW_BYTES};
use marginalia::tui::app::App;
use marginalia::tui::assist;

const SENTENCE: &str = "The minister said on Monday that “talks are close to a deal”. ";

/// An article of `bytes` bytes, one report per sentence, a paragraph every 14 sentences.
fn big(bytes: usize) -> App {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < bytes {
        text.push_str(SENTENCE);
        n += 1;
        if n % 14 == 0 {
            text.push_str("\n\n");
        }
    }
    app_with(&text)
}

/// Run the shell's tick until the suggestions are in (the loader runs on a thread).
fn settle(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(60);
    assist::shell::tick(app);
    while app.art.assist.is_loading() {
        assert!(Instant::now() < deadline, "suggestions never arrived");
        std::thread::sleep(Duration::from_millis(5));
        assist::shell::tick(app);
    }
}

#[test]
fn a_large_article_is_read_a_window_at_a_time_and_the_window_follows_the_caret() {
    let mut app = big(WHOLE_ARTICLE_BYTES * 3);
    let len = app.art.article.text().len();
    assist::shell::begin(&mut app);
    settle(&mut app);
    let first = app.art.assist.window.clone();
    assert_eq!(first.start, 0);
    assert_eq!(first.end, WINDOW_BYTES);
    // One suggestion per sentence of the window, not of the article.
    let n = app.art.assist.suggestions.len();
    let per_window = WINDOW_BYTES / SENTENCE.len();
    assert!(
        n > per_window / 2 && n <= per_window + 1,
        "{n} for {per_window}"
    );
    assert!(
        app.art
            .assist
            .suggestions
            .iter()
            .all(|s| s.claim.as_ref().is_some_and(|c| c.doc_end <= WINDOW_BYTES))
    );

    // Jump to the end: the shell reads the window there.
    app.press("G");
    settle(&mut app);
    let w = app.art.assist.window.clone();
    assert_eq!(w.end, len, "{w:?}");
    assert!(app.art.assist.suggestions.len() <= per_window + 1);
    app.press("s");
    let i = app.art.assist.current.expect("a suggestion selected");
    let claim = app.art.assist.suggestions[i].claim.clone().expect("claim");
    assert!(
        claim.para + 3 >= app.art.article.paragraphs().len(),
        "{claim:?}"
    );
}

#[test]
fn stepping_past_the_window_reads_on_instead_of_wrapping() {
    let mut app = big(WHOLE_ARTICLE_BYTES * 2);
    assist::shell::begin(&mut app);
    settle(&mut app);
    let window = app.art.assist.window.clone();
    // Select the window's last suggestion, then step once more.
    let last = app.art.assist.suggestions.len() - 1;
    let claim = app.art.assist.suggestions[last]
        .claim
        .clone()
        .expect("claim");
    app.art.para = claim.para;
    app.art.caret = claim.start;
    app.art.assist.current = Some(last);
    app.press("s");
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("reading on"), "{said}");
    let article = &app.art.article;
    let at = article.paragraphs()[app.art.para].byte_start
        + article.para_char_to_byte(app.art.para, app.art.caret);
    assert!(at >= window.end, "caret at byte {at}, window {window:?}");
    settle(&mut app);
    assert!(app.art.assist.window.start > window.start);
    app.press("s");
    let i = app.art.assist.current.expect("a suggestion further on");
    let c = app.art.assist.suggestions[i].claim.clone().expect("claim");
    assert!(c.doc_start >= claim.doc_start, "{c:?} after {claim:?}");
}

#[test]
fn an_article_up_to_the_limit_is_read_whole() {
    let mut app = big(WHOLE_ARTICLE_BYTES / 2);
    assist::shell::compute_now(&mut app);
    assert_eq!(app.art.assist.window, 0..app.art.article.text().len());
}

#[test]
fn stepping_past_the_article_end_goes_on_from_its_start() {
    let mut app = big(WHOLE_ARTICLE_BYTES * 2);
    assist::shell::begin(&mut app);
    settle(&mut app);
    app.press("G");
    settle(&mut app);
    let last = app.art.article.paragraphs().len() - 1;
    app.art.para = last;
    app.art.caret = app.art.article.paragraphs()[last].char_len;
    app.art.assist.current = None;
    // Accepting the paragraph's last suggestion leaves none after it in the part read, which
    // is not "none left" in a large article.
    let last_one = app.art.assist.suggestions.len() - 1;
    app.art.assist.current = Some(last_one);
    app.press("A");
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("none left after it in the part read (s reads on)"),
        "{said}"
    );
    app.art.para = last;
    app.art.caret = app.art.article.paragraphs()[last].char_len;
    app.art.assist.current = None;
    app.press("s");
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("the end of the article; reading on from ¶ 1"),
        "{said}"
    );
    assert_eq!((app.art.para, app.art.caret), (0, 0));
    settle(&mut app);
    assert_eq!(app.art.assist.window.start, 0);
    app.press("s");
    let i = app.art.assist.current.expect("a suggestion at the start");
    let claim = app.art.assist.suggestions[i].claim.clone().expect("claim");
    assert_eq!(claim.para, 0);
}
