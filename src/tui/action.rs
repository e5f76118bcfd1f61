//! The `Action` vocabulary: everything a key (or the mouse, or the outer loop) can ask the app
//! to do. Bindable variants are named in `keymap.ron` in `snake_case`; internal ones are
//! `#[serde(skip)]`. [`Action::describe`] is the one-line text the help screen shows.

use serde::{Deserialize, Serialize};

/// One thing the user (or the shell) asks for. `update` is the only consumer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Move to the next paragraph.
    NextParagraph,
    /// Move to the previous paragraph.
    PrevParagraph,
    /// Scroll one screen down.
    PageDown,
    /// Scroll one screen up.
    PageUp,
    /// Scroll one line down.
    ScrollDown,
    /// Scroll one line up.
    ScrollUp,
    /// Go to the first paragraph.
    Top,
    /// Go to the end of the article.
    Bottom,
    /// Jump to the next paragraph not marked done.
    NextTodo,
    /// Mark the current paragraph done (or not done).
    ToggleDone,
    /// Search the article for text.
    Search,
    /// Go to the next search match.
    SearchNext,
    /// Go to the previous search match.
    SearchPrev,
    /// Start selecting text at the caret (word granularity).
    StartSelection,
    /// Move the caret one character (grapheme) right, into the next paragraph at the end.
    CaretRight,
    /// Move the caret one character (grapheme) left, into the previous paragraph at the start.
    CaretLeft,
    /// Move the caret to the start of the next word.
    CaretNextWord,
    /// Move the caret to the start of this or the previous word.
    CaretPrevWord,
    /// Move the caret to the end of this or the next word.
    CaretWordEnd,
    /// Move the caret to the start of its sentence.
    CaretSentenceStart,
    /// Move the caret to the last word of its sentence.
    CaretSentenceEnd,
    /// Move the caret to the start of the next sentence.
    CaretNextSentence,
    /// Move the caret to the start of this or the previous sentence.
    CaretPrevSentence,
    /// Select the next record of the paragraph.
    NextRecord,
    /// Select the previous record of the paragraph.
    PrevRecord,
    /// Attribute the selected claim: pick its source mention, entity and cue.
    Attribute,
    /// Link the selected speaker mention to a speaker entity.
    LinkEntity,
    /// Open the attribute menu of the selected record.
    EditAttributes,
    /// Set the annotator's confidence in the selected record.
    SetConfidence,
    /// Edit the free-text note of the selected record.
    EditNote,
    /// Repeat the values set in the last attribute menu on the selected record (vim's `.`).
    RepeatChanges,
    /// Go to the next pending suggestion (across paragraphs).
    NextSuggestion,
    /// Go to the previous pending suggestion.
    PrevSuggestion,
    /// Accept the selected suggestion: its records become yours (one undo step).
    AcceptSuggestion,
    /// Reject the selected suggestion (remembered in the sidecar).
    RejectSuggestion,
    /// Accept the selected suggestion, then open the claim's attribute menu.
    EditSuggestion,
    /// Accept every pending suggestion of the paragraph (one undo step).
    AcceptParagraphSuggestions,
    /// Right after marking a cue: select the claim that follows it (to the end of the
    /// reported clause), to mark with the claim key.
    ProposeClaim,
    /// Delete the selected record.
    Delete,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Show or hide the key help.
    Help,
    /// Quit (asks again when edits are not saved).
    Quit,
    /// Suspend to the shell (`fg` resumes), as `ctrl-z` does in other terminal programs.
    Suspend,
    /// Move the selection to the next word.
    SelNextWord,
    /// Move the selection to the previous word.
    SelPrevWord,
    /// Grow the selection's end by one word.
    SelGrowWord,
    /// Shrink the selection's end by one word.
    SelShrinkWord,
    /// Grow the selection's start by one word (leftwards).
    SelGrowStartWord,
    /// Shrink the selection's start by one word.
    SelShrinkStartWord,
    /// Grow the selection's end by one character.
    SelGrowChar,
    /// Shrink the selection's end by one character.
    SelShrinkChar,
    /// Grow the selection's start by one character (leftwards).
    SelGrowStartChar,
    /// Shrink the selection's start by one character.
    SelShrinkStartChar,
    /// Extend the selection to the end of its sentence (before the full stop).
    SelToSentenceEnd,
    /// Extend the selection back to the start of its sentence.
    SelToSentenceStart,
    /// Grow the selection to the phrase the suggester reads around it.
    SelToPhrase,
    /// Move up in a list.
    ListUp,
    /// Move down in a list.
    ListDown,
    /// Confirm the highlighted choice or the typed text.
    Confirm,
    /// Close the popup or cancel the selection.
    Cancel,
    /// Delete the character before the text cursor.
    Backspace,
    /// Move the text cursor left.
    CursorLeft,
    /// Move the text cursor right.
    CursorRight,
    /// Clear an attribute value (optional attributes only).
    ClearValue,
    /// Corpus: open the selected article in the annotation screen.
    OpenArticle,
    /// Corpus: go to the first article of the list.
    FirstArticle,
    /// Corpus: go to the last article of the list.
    LastArticle,
    /// Corpus: type to filter the list by path.
    FilterPath,
    /// Corpus: cycle the status filter (all, not done, not started, in progress, done).
    CycleStatusFilter,
    /// Corpus: clear the path and status filters.
    ClearFilter,
    /// Corpus: sort by path (again: reverse).
    SortName,
    /// Corpus: sort by status (again: reverse).
    SortStatus,
    /// Corpus: sort by paragraphs done (again: reverse).
    SortProgress,
    /// Corpus: sort by number of claims (again: reverse).
    SortClaims,
    /// Corpus: sort by last modification (again: reverse).
    SortModified,
    /// Save and open the next article of the corpus list.
    NextArticle,
    /// Save and open the previous article of the corpus list.
    PrevArticle,
    /// Save and go back to the corpus list.
    BackToList,
    /// Open the review screen on this article (back to it when editing the gold sidecar).
    Review,
    /// Review: go to the next item of the queue.
    NextItem,
    /// Review: go to the previous item of the queue.
    PrevItem,
    /// Review: go to the next undecided item.
    NextUndecided,
    /// Review: go to the previous undecided item.
    PrevUndecided,
    /// Review: take the first annotator's (A's) version into gold.
    TakeA,
    /// Review: take the second annotator's (B's) version into gold.
    TakeB,
    /// Review: take every annotator's version (each distinct extent once).
    TakeAll,
    /// Review: take a version, then edit the gold copy on the annotation screen.
    EditItem,
    /// Review: reject the item (nothing goes into gold).
    Reject,
    /// Review: accept every undecided full agreement at once.
    AcceptAgreements,
    /// Review: undo the last decision.
    UndoDecision,
    /// Review: take the version of the annotator with this index (digits 3-9).
    #[serde(skip)]
    Take(usize),
    /// Confirm the place of a fuzzy (approximately re-anchored) span.
    ConfirmAnchor,
    /// List orphaned spans, to place them again or delete them.
    Orphans,
    /// List the speaker entities, to rename or delete them.
    Entities,
    /// After a save conflict: write the edits in memory to a side file.
    SaveConflictCopy,
    /// After a save conflict: reload the sidecar from disk (undo brings edits back).
    ReloadSidecar,
    /// Move the text cursor to the start of the line.
    CursorHome,
    /// Move the text cursor to the end of the line.
    CursorEnd,
    /// Delete the character after the text cursor.
    DeleteForward,
    /// Start a new line in a note.
    InsertNewline,
    /// Turn the selection into a span of this schema kind.
    #[serde(skip)]
    MakeSpan(String),
    /// A typed character (text input, filter lists).
    #[serde(skip)]
    InsertChar(char),
    /// A single-key choice in a value picker or menu.
    #[serde(skip)]
    PickKey(char),
    /// The terminal was resized to (columns, rows).
    #[serde(skip)]
    Resize(u16, u16),
    /// Mouse click at (column, row).
    #[serde(skip)]
    Click(u16, u16),
    /// Mouse wheel at (column, row): positive scrolls down.
    #[serde(skip)]
    Wheel(i16, u16, u16),
    /// The outer loop finished a save: `Err` carries the message.
    #[serde(skip)]
    SaveFinished(Result<(), String>),
    /// The outer loop did not save because the sidecar changed on disk (the message says so).
    #[serde(skip)]
    SaveConflict(String),
    /// The outer loop finished a disk task (side file, reload): what to tell the user.
    #[serde(skip)]
    Report(Result<String, String>),
}

impl Action {
    /// One-line description for the help screen.
    #[must_use]
    pub fn describe(&self) -> &'static str {
        match self {
            Self::NextParagraph => "next paragraph",
            Self::PrevParagraph => "previous paragraph",
            Self::PageDown => "page down",
            Self::PageUp => "page up",
            Self::ScrollDown => "scroll one line down",
            Self::ScrollUp => "scroll one line up",
            Self::Top => "go to the first paragraph",
            Self::Bottom => "go to the end of the article",
            Self::NextTodo => "next paragraph not done",
            Self::ToggleDone => "mark paragraph done / not done",
            Self::Search => "search the article",
            Self::SearchNext => "next match",
            Self::SearchPrev => "previous match",
            Self::StartSelection => "select text from the caret",
            Self::CaretRight => "caret: next character",
            Self::CaretLeft => "caret: previous character",
            Self::CaretNextWord => "caret: start of the next word",
            Self::CaretPrevWord => "caret: start of the (previous) word",
            Self::CaretWordEnd => "caret: end of the (next) word",
            Self::CaretSentenceStart => "caret: start of the sentence",
            Self::CaretSentenceEnd => "caret: last word of the sentence",
            Self::CaretNextSentence => "caret: next sentence",
            Self::CaretPrevSentence => "caret: start of the (previous) sentence",
            Self::NextRecord => "select next record",
            Self::PrevRecord => "select previous record",
            Self::Attribute => "attribute claim: source, entity, cue",
            Self::LinkEntity => "link speaker mention to an entity",
            Self::EditAttributes => "attribute menu of the record",
            Self::SetConfidence => "set annotator confidence",
            Self::EditNote => "edit the record's note",
            Self::RepeatChanges => "repeat the last menu's values on this record",
            Self::NextSuggestion => "next suggestion",
            Self::PrevSuggestion => "previous suggestion",
            Self::AcceptSuggestion => "accept the suggestion (then the next one)",
            Self::RejectSuggestion => "reject the suggestion (it does not come back)",
            Self::EditSuggestion => "accept the suggestion, then edit its values",
            Self::AcceptParagraphSuggestions => "accept every suggestion of the paragraph",
            Self::ProposeClaim => "after a cue: select the claim that follows it",
            Self::Delete => "delete the selected record",
            Self::Undo => "undo",
            Self::Redo => "redo",
            Self::Help => "show / hide this help",
            Self::Quit => "quit",
            Self::Suspend => "suspend to the shell (fg resumes)",
            Self::SelNextWord => "move selection to next word",
            Self::SelPrevWord => "move selection to previous word",
            Self::SelGrowWord => "grow end by a word",
            Self::SelShrinkWord => "shrink end by a word",
            Self::SelGrowStartWord => "grow start by a word",
            Self::SelShrinkStartWord => "shrink start by a word",
            Self::SelGrowChar => "grow end by a character",
            Self::SelShrinkChar => "shrink end by a character",
            Self::SelGrowStartChar => "grow start by a character",
            Self::SelShrinkStartChar => "shrink start by a character",
            Self::SelToSentenceEnd => "extend to end of sentence",
            Self::SelToSentenceStart => "extend to start of sentence",
            Self::SelToPhrase => {
                "grow to the phrase read here (a speaker's name, a cue with its addressee, a claim); again: the next larger"
            }
            Self::ListUp => "up",
            Self::ListDown => "down",
            Self::Confirm => "confirm",
            Self::Cancel => "cancel / close",
            Self::Backspace => "delete character",
            Self::CursorLeft => "cursor left",
            Self::CursorRight => "cursor right",
            Self::ClearValue => "clear the value",
            Self::OpenArticle => "open the article for annotation",
            Self::FirstArticle => "go to the first article",
            Self::LastArticle => "go to the last article",
            Self::FilterPath => "filter by path (type; enter keeps, esc restores)",
            Self::CycleStatusFilter => {
                "status filter: all, not done, not started, in progress, done"
            }
            Self::ClearFilter => "clear the filters",
            Self::SortName => "sort by path (again: reverse)",
            Self::SortStatus => "sort by status (again: reverse)",
            Self::SortProgress => "sort by paragraphs done (again: reverse)",
            Self::SortClaims => "sort by claims (again: reverse)",
            Self::SortModified => "sort by last change (again: reverse)",
            Self::NextArticle => "save, open the next article of the corpus list",
            Self::PrevArticle => "save, open the previous article of the corpus list",
            Self::BackToList => "save, back to the corpus list",
            Self::Review => "review annotators, adjudicate into gold",
            Self::NextItem => "next item in the queue",
            Self::PrevItem => "previous item in the queue",
            Self::NextUndecided => "next undecided item",
            Self::PrevUndecided => "previous undecided item",
            Self::TakeA => "take A: the first annotator's version",
            Self::TakeB => "take B: the second annotator's version",
            Self::TakeAll => "take both (all versions, each extent once)",
            Self::EditItem => "edit: take a version, change it on the annotation screen",
            Self::Reject => "reject: nothing goes into gold",
            Self::AcceptAgreements => "accept every full agreement",
            Self::UndoDecision => "undo the last decision",
            Self::Take(_) => "take the n-th annotator's version",
            Self::ConfirmAnchor => "confirm a fuzzy span's new place",
            Self::Orphans => "orphaned spans: place again or delete",
            Self::Entities => "speaker entities: rename or delete",
            Self::SaveConflictCopy => "save conflict: write my edits to a side file",
            Self::ReloadSidecar => "save conflict: reload the sidecar from disk",
            Self::CursorHome => "cursor to start",
            Self::CursorEnd => "cursor to end",
            Self::DeleteForward => "delete character after the cursor",
            Self::InsertNewline => "new line (notes)",
            Self::MakeSpan(_) => "mark the selection as a span",
            Self::InsertChar(_) => "type a character",
            Self::PickKey(_) => "pick a value",
            Self::Resize(..) => "terminal resized",
            Self::Click(..) => "mouse click",
            Self::Wheel(..) => "mouse wheel",
            Self::SaveFinished(_) => "save finished",
            Self::SaveConflict(_) => "save conflict",
            Self::Report(_) => "disk task finished",
        }
    }

    /// True for variants a keymap may bind (the rest are produced internally).
    #[must_use]
    pub fn is_bindable(&self) -> bool {
        !matches!(
            self,
            Self::MakeSpan(_)
                | Self::InsertChar(_)
                | Self::PickKey(_)
                | Self::Take(_)
                | Self::Resize(..)
                | Self::Click(..)
                | Self::Wheel(..)
                | Self::SaveFinished(_)
                | Self::SaveConflict(_)
                | Self::Report(_)
        )
    }
}
