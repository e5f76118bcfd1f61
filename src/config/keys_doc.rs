//! `docs/keys.md`, generated from the default keymap so the documentation cannot drift from
//! the code (`tests/tui_docs.rs` compares them).

use crate::config::keymap::{KeyMode, default_rows};
use crate::model::Schema;
use crate::tui::action::Action;

/// `docs/keys.md`, generated from the default bindings (a test keeps the file in sync).
#[must_use]
pub fn keys_markdown(schema: &Schema) -> String {
    let mut out = String::from(
        "# Default keys\n\n\
         Generated from the keymap defaults (`src/config/keymap.rs`, via `src/config/keys_doc.rs`); a test fails when this file \
         is out of date (regenerate with `UPDATE_DOCS=1 cargo test --test tui_docs`).\n\n\
         Override any key in `keymap.ron` in the config directory (`$MARGINALIA_CONFIG_DIR`, \
         else the platform config directory, e.g. `~/.config/marginalia/`). Anything you leave out \
         keeps its default. A key bound twice in one mode, an unknown key name or an unknown action \
         stops the program at startup with `path:line:col: message`.\n\n\
         ```ron\n(\n    normal: { \"ctrl-n\": next_paragraph, \"x\": delete },\n    select: { \"m\": sel_grow_word },\n)\n```\n\n\
         ## A suggested bundle: 2 keys\n\n\
         When an article opens, the suggester's bundles (speaker, cue, claim, attribution and the \
         values the words show) appear as dim underlined ghosts; the status bar counts them and the \
         annotation pane lists the paragraph's with their reasons. `s` goes to the next pending \
         one (`S` the previous), `A` accepts it: its records are made, saved, flagged `suggested`, \
         undone by one `u`, and the next suggestion is selected. So a correct suggestion costs \
         `s A` the first time and `A` after that. `x` rejects one (remembered in the sidecar, it \
         does not come back), `C` accepts and opens the claim's attribute menu (\"right spans, one \
         value wrong\"), `P` accepts every pending suggestion of the paragraph in one undo step. \
         Suggestions are off with `--no-suggest` or `suggestions: false` in `config.ron`.\n\n\
         ## A full bundle by hand: 15 keys\n\n\
         On \"Meanwhile, a port authority official told the Harbour Gazette that talks with the \
         union are close to producing an agreement on overtime pay.\" (caret on \"a\"; \
         `benches/keystrokes.sh` replays this and four more bundles of the sample article):\n\n\
         1. `v p s` (3): `v` selects \"a\", `p` grows it to the phrase read there, \"a port \
         authority official\", `s` marks it a Speaker.\n\
         2. `v p u` (3): \"told\" grows to \"told the Harbour Gazette\", marked a Cue.\n\
         3. `c c` (2): right after a cue, `c` proposes the claim (the reported clause after \
         \"that\", to the end of the sentence); `c` marks it a Claim. With one speaker and one cue \
         just marked, it is attributed to them at once (the status bar says so; `u` undoes) and its \
         attribute menu opens. A new entity takes `identification` and `speaker_type` from the \
         mention's words (\"a port authority official\": anonymous_described, government).\n\
         4. `6 r` (2): channel other_outlet; `via` is taken from the cue (\"the Harbour Gazette\").\n\
         5. `2 p` (2): certainty probable.\n\
         6. `! m` (2): annotator confidence medium.\n\
         7. `esc` (1) closes the menu. `.` on another claim repeats the same values.\n\n\
         ## A claim, step by step\n\n\
         Every key of the long way, on \"The union said on Monday that its members would stay out.\":\n\n\
         1. `v` selects the word at the caret (the terminal cursor), `e` grows it to \
         \"The union\", `s` marks it a Speaker. The caret moves after it.\n\
         2. `v u` marks \"said\" as the Cue.\n\
         3. `/its` `enter` puts the caret on \"its\"; `v $ c` marks the rest of the sentence \
         (without the full stop) as a Claim, which becomes the selected record.\n\
         4. `a` attributes the claim. Each list starts on the obvious answer, marked `▶`, so \
         `enter` takes it: the nearest mention of the paragraph that is not yet a source; for its \
         entity \"+ new entity\" (named after the mention) unless an entity's name matches the \
         mention (\"the union\" -> \"The Valmora Dockworkers' Union\"); then the nearest cue not \
         yet used. Type to filter, `up`/`down` to choose another.\n\
         5. The claim's attribute menu opens on its attribution's first line; after a new entity \
         its `speaker_type` and `identification` are offered at the end. `2 p` sets certainty to \
         probable, `6 r` sets the channel to other_outlet and asks for `via` (type `CNN`, `enter`; \
         `esc` skips it), `!` sets confidence, `esc` closes the menu. A value you do not set stays \
         unset (shown dimmed as the schema default): agreement and exports only see values \
         someone chose. Every change is saved at once; `u` undoes.\n\
         6. `space` marks the paragraph done, `]` jumps to the next one not done.\n\n\
         `d` deletes the selected record and says what went with it (`u` brings everything back \
         in one step). Deleting the only source of an attribution asks first: `d` again deletes \
         it with the attribution (its values go, the claim returns to the writer's voice). \
         Search (`/`) is smart-case (lower case matches any case) and finds curly and straight \
         quotes alike. `ctrl-z` suspends to the shell, `fg` resumes.\n\n\
         ## Moving the caret\n\n\
         In normal mode the caret (the terminal cursor) is where `v` starts a selection. \
         `h`/`l` (or `left`/`right`) move it by one character (a grapheme cluster: an emoji with \
         ZWJ or a letter with combining accents is one step); `w` to the next word, `b` back to \
         the start of a word, `e` to the end of a word; `0` to the start of the sentence and `$` \
         to its last word; `(` and `)` to the previous and next sentence. At the end of a \
         paragraph they carry on into the next one (and back at its start); the view scrolls to \
         keep the caret on screen. A mouse click puts the caret on the clicked character. When \
         the caret lands on a span (by a motion, a search, `n`/`N` or a click), that span becomes \
         the selected record, so `enter`, `a`, `d` act on what the caret is on; `tab` moves the \
         caret to the record it selects. \
         Speaker mentions are linked to an entity with `L` (or during `a`).\n\n\
         ## When the article or the sidecar changed\n\n\
         - Opening an article that changed since the sidecar was written re-anchors every span and \
         says so: `re-anchored: N kept, M moved, F fuzzy, O orphaned`. The first save keeps the \
         file as it was in `<sidecar>.bak`.\n\
         - Fuzzy spans (placed by approximate search) are marked `~` until you check them: `y` \
         confirms the selected one.\n\
         - Orphans (their text is gone) are never dropped: `o` lists them; `p` (or `enter`) starts \
         placing one: go to its new text, `v` selects, `enter` attaches it there, keeping its id, \
         attributes and links. `d` deletes it; `u` undoes either.\n\
         - `E` lists the speaker entities: `r` renames, `d` deletes one (its mentions are \
         unlinked; `u` undoes).\n\
         - If the sidecar changed on disk while you worked (another program, a `git pull`), it is \
         not overwritten: the status bar says CONFLICT; `W` writes your version to \
         `<sidecar>.conflict-<time>.ann.ron`, `ctrl-l` reloads the file from disk (`u` then brings \
         your edits back).\n",
    );
    let rows = default_rows();
    for mode in KeyMode::ALL {
        out.push_str(&format!(
            "\n## {}\n\n| Key | Action (`keymap.ron` name) | What it does |\n|---|---|---|\n",
            mode.name()
        ));
        let mut seen: Vec<&Action> = Vec::new();
        for (m, _, action) in &rows {
            if *m != mode || seen.contains(&action) {
                continue;
            }
            seen.push(action);
            let keys: Vec<String> = rows
                .iter()
                .filter(|(m2, _, a)| *m2 == mode && a == action)
                .map(|(_, k, _)| format!("`{k}`"))
                .collect();
            let name = ron::to_string(action).unwrap_or_default();
            out.push_str(&format!(
                "| {} | `{}` | {} |\n",
                keys.join(" "),
                name.trim_matches('"'),
                action.describe()
            ));
        }
        match mode {
            KeyMode::Select => {
                out.push_str("\nSpan kinds from the schema (they must not be bound in `select`):\n\n");
                for kind in schema.spans.iter().filter(|k| k.enabled) {
                    out.push_str(&format!("- `{}`: mark the selection as a {}\n", kind.key, kind.name));
                }
            }
            KeyMode::Picker => out.push_str(
                "\nIn the attribute menu `1`-`9`, `0` (then `a`, `b`, ... in a long menu) open a line; \
                 `!` is confidence and `i` the note in every menu. A value nobody chose shows the \
                 schema default, dimmed, marked `(default)`: it is not stored until chosen (the \
                 value picker starts on it, so `enter` chooses it). In a value picker each value \
                 has the single key given by the schema (`AttrValue.key`), shown next to it; the \
                 row `enter` takes is marked `▶`.\n",
            ),
            KeyMode::Input => out.push_str("\nOther keys are typed.\n"),
            KeyMode::Review => out.push_str(
                "\nWith three or more annotators, `3`-`9` take the third... ninth annotator's \
                 version. After `e`, a digit (or `a`, `b`) chooses the version to edit; `R` on the \
                 annotation screen comes back. A click on a span in the article or on a row of \
                 the queue makes that item current (the innermost of overlapping spans); the \
                 wheel scrolls the article, or moves through the queue under the pointer. See \
                 `docs/review.md`.\n",
            ),
            _ => {}
        }
    }
    out
}
