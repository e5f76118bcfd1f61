//! The fast manual path: `a` takes a picker's answer without asking when there is one
//! obvious answer (the only speaker mention or cue of the claim's sentence, or the one just
//! marked); `c` right after marking a cue proposes the claim up to the end of the reported
//! clause (marking it attributes it at once); `.` repeats the last attribute changes on the
//! selected record, as vim's `.` repeats the last change.

use crate::model::Span;
use crate::tui::action::Action;
use crate::tui::app::{App, Selection};
use crate::tui::effect::Effect;
use crate::tui::mode::{Field, MenuItem, Mode};
use crate::tui::repeat::{Change, Role, entity_of};
use crate::tui::update::{edit, nav};
use crate::tui::{keyname, words};

/// `.`: set the last menu's values on the selected record (its attribution and speaker
/// entity where the values were theirs), as one undo step.
pub(crate) fn repeat(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(id) = app.art.selected().map(|s| s.id.clone()) else {
        crate::tui::update::common::warn_no_record(app, "nothing to repeat on");
        return;
    };
    if app.repeat.is_empty() {
        let menu = keyname::key(app, &Action::EditAttributes);
        app.warn(format!(
            "nothing to repeat yet: set values in a menu ({menu}) first"
        ));
        return;
    }
    let changes = app.repeat.clone();
    let doc = &app.art.doc;
    let targets: Vec<(Option<String>, &Change)> = changes
        .iter()
        .map(|c| {
            let owner = match c.role {
                Role::Own => Some(id.clone()),
                Role::Attribution => doc.attribution_of(&id).map(|a| a.id.clone()),
                Role::Entity => entity_of(doc, &id),
            };
            (owner, c)
        })
        .collect();
    let skipped = targets.iter().filter(|(o, _)| o.is_none()).count();
    let done: Vec<String> = targets
        .iter()
        .filter(|(o, _)| o.is_some())
        .map(|(_, c)| {
            format!(
                "{} = {}",
                field_label(&c.field),
                c.value.as_deref().unwrap_or("(unset)")
            )
        })
        .collect();
    let label = format!("repeated on {id}: {}", done.join(", "));
    let applied = edit(app, fx, &label, |doc, schema, _| {
        for (owner, change) in &targets {
            let Some(owner) = owner else { continue };
            let item = MenuItem {
                owner: owner.clone(),
                field: change.field.clone(),
            };
            crate::tui::update::pickers::set_field(doc, schema, &item, change.value.as_deref())?;
        }
        Ok(())
    });
    if applied.is_some() && skipped > 0 {
        app.add_note(&format!(
            "{skipped} value(s) left out: {id} has no attribution or entity for them"
        ));
    }
}

fn field_label(field: &Field) -> String {
    match field {
        Field::Attr(a) => a.clone(),
        Field::Confidence => "confidence".to_owned(),
        Field::Note => "note".to_owned(),
        Field::Name => "name".to_owned(),
    }
}

/// The character range of the sentence around `span` in its paragraph.
fn sentence_of(app: &App, span: &Span) -> (usize, usize) {
    let article = &app.art.article;
    let p = span.anchor.para;
    let text = article.para_text(p);
    let sb = article.para_char_to_byte(p, span.anchor.start);
    let eb = article.para_char_to_byte(p, span.anchor.end.saturating_sub(1));
    let start = words::sentence_start(text, sb);
    let end = words::sentence_end(text, eb);
    (
        article.para_byte_to_char(p, start),
        article.para_byte_to_char(p, end),
    )
}

/// Why a picker was skipped, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Obvious {
    /// The only candidate in the claim's sentence.
    OnlyInSentence,
    /// The span marked just before.
    JustMarked,
}

impl Obvious {
    /// Words for the status message.
    #[must_use]
    pub fn says(self) -> &'static str {
        match self {
            Self::OnlyInSentence => "the only one in the sentence",
            Self::JustMarked => "just marked",
        }
    }
}

/// The one obvious span accepted by `is_kind` for `claim`: the only one in its sentence that
/// `used` does not exclude, else the one just marked (`last_marked`) when it is in the
/// sentence too.
pub(crate) fn obvious(
    app: &App,
    claim: &Span,
    is_kind: impl Fn(&str) -> bool,
    used: impl Fn(&Span) -> bool,
) -> Option<(String, Obvious)> {
    let (s, e) = sentence_of(app, claim);
    let in_sentence: Vec<&Span> = app
        .art
        .spans_of(claim.anchor.para)
        .into_iter()
        .filter(|x| is_kind(&x.kind) && x.anchor.start < e && x.anchor.end > s)
        .filter(|x| !used(x))
        .collect();
    if let [only] = in_sentence.as_slice() {
        return Some((only.id.clone(), Obvious::OnlyInSentence));
    }
    let last = app.last_marked.as_deref()?;
    in_sentence
        .iter()
        .find(|x| x.id == last)
        .map(|x| (x.id.clone(), Obvious::JustMarked))
}

/// Pronouns: a mention that is one of them names no entity by itself, so `a` asks which
/// entity it refers to instead of creating one.
pub(crate) fn is_pronoun(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "him" | "her" | "them" | "his" | "its"
    )
}

/// How many words after a cue a "that" may come and still open the claim ("told reporters
/// on Monday that ...").
const THAT_WITHIN: usize = 5;

/// Words that may stand between a cue and its claim ("said that ...", "said: ...").
const BEFORE_CLAIM: &[&str] = &["that"];

/// `c` in normal mode: right after marking a cue, select the text after it up to the end of
/// its sentence (leaving out "that" and the full stop) as the claim to mark; the selection
/// keys adjust it, the claim key marks it (and attributes it to the cue's speaker).
pub(crate) fn propose_claim(app: &mut App) {
    let cue = app
        .last_marked
        .as_deref()
        .and_then(|id| app.art.doc.span(id))
        .filter(|s| app.schema.is_cue_kind(&s.kind) && s.anchor.para == app.art.para)
        .cloned();
    let Some(cue) = cue else {
        let select = keyname::key(app, &Action::StartSelection);
        app.warn(format!(
            "nothing to propose: right after marking a cue ({select} then its kind key), this proposes the claim that follows it"
        ));
        return;
    };
    let article = &app.art.article;
    let p = cue.anchor.para;
    let text = article.para_text(p);
    let mut from = article.para_char_to_byte(p, cue.anchor.end);
    // "said on Monday that ...": the reported clause starts after a "that" a few words on.
    let stop = words::sentence_end(text, from);
    let mut probe = from;
    for _ in 0..THAT_WITHIN {
        let Some((s, e)) = words::word_starting_after(text, probe).filter(|w| w.1 <= stop) else {
            break;
        };
        if text[s..e].eq_ignore_ascii_case("that") {
            from = e;
            break;
        }
        probe = e;
    }
    // Skip punctuation and "that" between the cue and the claim.
    while let Some((s, e)) = words::word_starting_after(text, from) {
        let gap = &text[from..s];
        let word = text[s..e].to_lowercase();
        if gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | ':'))
            && BEFORE_CLAIM.contains(&word.as_str())
        {
            from = e;
            continue;
        }
        // Start at the word, or at an opening quotation mark right before it.
        let quote = gap
            .trim_end()
            .chars()
            .last()
            .filter(|c| matches!(c, '“' | '"' | '‘'));
        from = match quote {
            Some(q) => s - q.len_utf8(),
            None => s,
        };
        break;
    }
    let end = words::sentence_end(text, from);
    let start_ch = article.para_byte_to_char(p, from);
    let end_ch = article.para_byte_to_char(p, end);
    if end_ch <= start_ch {
        app.warn("no text after the cue in this sentence");
        return;
    }
    app.art.selection = Some(Selection {
        para: p,
        start: start_ch,
        end: end_ch,
    });
    app.claim_from_cue = Some(cue.id.clone());
    app.mode = Mode::Select;
    nav::ensure_visible(app, p, start_ch);
    let claim_key = app
        .schema
        .spans
        .iter()
        .find(|k| app.schema.is_claim_kind(&k.name))
        .map_or('c', |k| k.key);
    let shrink = keyname::key_in(app, crate::config::KeyMode::Select, &Action::SelShrinkWord);
    app.say(format!(
        "claim after {}: {claim_key} marks it and attributes it, {shrink} shrinks it",
        cue.id
    ));
}
