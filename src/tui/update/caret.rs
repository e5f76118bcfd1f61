//! Moving the caret in normal mode: by character (grapheme), word and sentence, crossing into
//! the next or previous paragraph at the ends, and scrolling so the caret stays on screen.
//! The text motions are in [`crate::tui::motion`]; this applies them to the app.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::motion;
use crate::tui::update::nav;

/// Where a motion that ran off its paragraph lands in the neighbouring one.
#[derive(Clone, Copy)]
enum Enter {
    /// Start of the paragraph.
    Start,
    /// Its first word.
    FirstWord,
    /// The end of its first word.
    FirstWordEnd,
    /// Its last grapheme.
    Last,
    /// Its last word.
    LastWord,
    /// Its last sentence.
    LastSentence,
}

/// Apply a caret motion; returns false for actions that are not caret motions.
pub(crate) fn handle(app: &mut App, action: &Action) -> bool {
    let p = app.art.para;
    let text = app.art.article.para_text(p);
    let here = app
        .art
        .article
        .para_char_to_byte(p, app.art.caret)
        .min(text.len());
    let (moved, forward, enter) = match action {
        Action::CaretRight => (motion::right(text, here), true, Enter::Start),
        Action::CaretLeft => (motion::left(text, here), false, Enter::Last),
        Action::CaretNextWord => (motion::next_word(text, here), true, Enter::FirstWord),
        Action::CaretPrevWord => (motion::prev_word(text, here), false, Enter::LastWord),
        Action::CaretWordEnd => (motion::word_end(text, here), true, Enter::FirstWordEnd),
        Action::CaretNextSentence => (motion::next_sentence(text, here), true, Enter::Start),
        Action::CaretPrevSentence => (
            motion::prev_sentence(text, here),
            false,
            Enter::LastSentence,
        ),
        Action::CaretSentenceStart => {
            let to = motion::sentence_start(text, here);
            set_caret(app, p, to);
            return true;
        }
        Action::CaretSentenceEnd => {
            if let Some(to) = motion::sentence_end(text, here) {
                set_caret(app, p, to);
            }
            return true;
        }
        _ => return false,
    };
    match moved {
        Some(to) => set_caret(app, p, to),
        None => cross(app, forward, enter),
    }
    true
}

/// Put the caret at byte `to` of paragraph `p` (the current one) and keep it in view.
fn set_caret(app: &mut App, p: usize, to: usize) {
    app.art.caret = app.art.article.para_byte_to_char(p, to);
    nav::scroll_to_show(app, p, app.art.caret);
    app.art.select_under_caret();
}

/// Leave the paragraph forwards or backwards, landing where `enter` says.
fn cross(app: &mut App, forward: bool, enter: Enter) {
    let p = app.art.para;
    let target = if forward {
        p + 1
    } else if let Some(q) = p.checked_sub(1) {
        q
    } else {
        app.say("start of the article");
        return;
    };
    if target >= app.art.para_count() {
        app.say("end of the article");
        return;
    }
    nav::set_para(app, target);
    let text = app.art.article.para_text(target);
    let to = match enter {
        Enter::Start => 0,
        Enter::FirstWord => motion::first_word(text),
        Enter::FirstWordEnd => motion::first_word_end(text),
        Enter::Last => motion::last_caret(text),
        Enter::LastWord => motion::last_word(text),
        Enter::LastSentence => motion::sentence_start(text, text.len()),
    };
    set_caret(app, target, to);
}
