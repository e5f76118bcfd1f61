//! Making a text selection at word granularity and adjusting it by word, character or
//! sentence (SLATE-style grow and shrink keys). Offsets stay Unicode scalar values.

use crate::config::KeyMode;
use crate::tui::action::Action;
use crate::tui::app::{App, Pending, Selection};
use crate::tui::effect::Effect;
use crate::tui::mode::Mode;
use crate::tui::update::{manage, nav, records};
use crate::tui::{keyname, words};

/// Start selecting the word at (or after) the caret.
pub(crate) fn start(app: &mut App) {
    let para = app.art.para;
    let text = app.art.article.para_text(para);
    let caret = app.art.article.para_char_to_byte(para, app.art.caret);
    let word = words::word_at_or_after(text, caret).or_else(|| words::word_at_or_after(text, 0));
    let Some((s, e)) = word else {
        app.warn("no word to select in this paragraph");
        return;
    };
    let sel = Selection {
        para,
        start: app.art.article.para_byte_to_char(para, s),
        end: app.art.article.para_byte_to_char(para, e),
    };
    app.art.selection = Some(sel);
    app.mode = Mode::Select;
    nav::ensure_visible(app, para, sel.start);
    let kinds: Vec<String> = app
        .schema
        .spans
        .iter()
        .filter(|k| k.enabled)
        .map(|k| format!("{} {}", k.key, k.name))
        .collect();
    let k = |a: &Action| keyname::key_in(app, KeyMode::Select, a);
    let word = app
        .art
        .article
        .para_slice(para, sel.start, sel.end)
        .unwrap_or("");
    app.say(format!(
        "selecting “{}”: {}/{} grow/shrink, {}/{} move; {}",
        crate::tui::display::truncate(word, 30),
        k(&Action::SelGrowWord),
        k(&Action::SelShrinkWord),
        k(&Action::SelNextWord),
        k(&Action::SelPrevWord),
        kinds.join(", ")
    ));
}

/// Handle an action while selecting.
pub(crate) fn handle(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(sel) = app.art.selection else {
        app.mode = Mode::Normal;
        return;
    };
    let placing = match &app.pending {
        Some(Pending::Reattach(id)) => Some(id.clone()),
        _ => None,
    };
    match action {
        Action::Confirm | Action::MakeSpan(_) if placing.is_some() => {
            if let (Action::Confirm, Some(id)) = (&action, placing) {
                app.pending = None;
                manage::reattach(app, &id, sel, fx);
            } else {
                let attach = keyname::key_in(app, KeyMode::Select, &Action::Confirm);
                let cancel = keyname::key_in(app, KeyMode::Select, &Action::Cancel);
                app.warn(format!(
                    "placing an orphan: {attach} attaches it to the selection ({cancel} cancels)"
                ));
            }
        }
        Action::MakeSpan(kind) => records::make_span(app, &kind, sel, fx),
        Action::Confirm => {
            let kinds: Vec<String> = app
                .schema
                .spans
                .iter()
                .filter(|k| k.enabled)
                .map(|k| format!("{} {}", k.key, k.name))
                .collect();
            app.say(format!(
                "press a kind key to mark the selection: {}",
                kinds.join(", ")
            ));
        }
        Action::Cancel => {
            app.art.selection = None;
            app.mode = Mode::Normal;
            match app.pending.take() {
                Some(Pending::Reattach(id)) => {
                    let list = keyname::key(app, &Action::Orphans);
                    app.say(format!("{id} stays orphaned ({list} lists orphans)"));
                }
                Some(_) => app.say("attribution cancelled"),
                None => app.say("selection cancelled"),
            }
        }
        Action::Help => {
            app.art.selection = None;
            app.pending = None;
            app.mode = Mode::Help(0);
        }
        other => {
            if let Some(new) = adjust(app, sel, &other) {
                app.art.selection = Some(new);
                let text = app
                    .art
                    .article
                    .para_slice(new.para, new.start, new.end)
                    .unwrap_or("");
                app.say(format!(
                    "“{}” · {} chars ({}..{})",
                    crate::tui::display::truncate(text, 60),
                    new.end - new.start,
                    new.start,
                    new.end
                ));
                nav::scroll_to_show(app, new.para, new.end.saturating_sub(1).max(new.start));
            } else if other == Action::SelToPhrase {
                let grow = keyname::key_in(app, KeyMode::Select, &Action::SelGrowWord);
                app.say(format!(
                    "no larger phrase read around the selection: {grow} grows it by a word"
                ));
            }
        }
    }
}

/// The selection after one adjustment, if it changes and stays non-empty.
fn adjust(app: &App, sel: Selection, action: &Action) -> Option<Selection> {
    let article = &app.art.article;
    let p = sel.para;
    let text = article.para_text(p);
    let len = article.paragraphs().get(p)?.char_len;
    let sb = article.para_char_to_byte(p, sel.start);
    let eb = article.para_char_to_byte(p, sel.end);
    let ch = |b: usize| article.para_byte_to_char(p, b);
    let (start, end) = match action {
        Action::SelNextWord => {
            let (s, e) = words::word_starting_after(text, eb)?;
            (ch(s), ch(e))
        }
        Action::SelPrevWord => {
            let (s, e) = words::word_ending_before(text, sb)?;
            (ch(s), ch(e))
        }
        Action::SelGrowWord => (sel.start, ch(words::word_starting_after(text, eb)?.1)),
        Action::SelShrinkWord => {
            // Drop the last word (and any punctuation after it).
            let (ws, _) = words::word_ending_before(text, eb)?;
            (sel.start, ch(words::word_ending_before(text, ws)?.1))
        }
        Action::SelGrowStartWord => (ch(words::word_ending_before(text, sb)?.0), sel.end),
        Action::SelShrinkStartWord => {
            let (_, first_end) = words::word_at_or_after(text, sb)?;
            (ch(words::word_starting_after(text, first_end)?.0), sel.end)
        }
        Action::SelGrowChar => (sel.start, (sel.end + 1).min(len)),
        Action::SelShrinkChar => (sel.start, sel.end.saturating_sub(1)),
        Action::SelGrowStartChar => (sel.start.saturating_sub(1), sel.end),
        Action::SelShrinkStartChar => (sel.start + 1, sel.end),
        Action::SelToSentenceEnd => (sel.start, ch(words::sentence_end(text, eb)).max(sel.end)),
        Action::SelToSentenceStart => (ch(words::sentence_start(text, sb)).min(sel.start), sel.end),
        Action::SelToPhrase => crate::tui::update::phrase::around(article, &app.schema, sel)?,
        _ => return None,
    };
    let new = Selection {
        para: p,
        start,
        end,
    };
    (start < end && end <= len && new != sel).then_some(new)
}
