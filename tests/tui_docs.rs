//! `docs/keys.md` is generated from the default keymap; this test keeps it in sync and
//! checks every bindable action has a description.

use marginalia::config::keys_doc::keys_markdown;
use marginalia::model::Schema;

#[test]
fn keys_doc_is_up_to_date() {
    let expected = keys_markdown(&Schema::default_schema());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).expect("write docs/keys.md");
    }
    let actual = std::fs::read_to_string(path).expect("docs/keys.md exists");
    assert_eq!(
        actual, expected,
        "docs/keys.md is out of date: run UPDATE_DOCS=1 cargo test --test tui_docs"
    );
}

#[test]
fn every_bound_action_is_described() {
    for (mode, key, describe) in marginalia::config::Keymap::default_table() {
        assert!(!describe.is_empty(), "{mode} {key}");
    }
}
