//! Startup configuration: keymap, theme and config errors are printed as `path:line:col:
//! message` before the terminal is taken over (exit code 2); user themes and the demo
//! article; sidecars that fail to parse open read-only and are never written over.

use std::path::Path;
use std::process::{Command, Output};

use marginalia::model::{Article, Schema};
use marginalia::tui::app::SaveState;
use marginalia::tui::persist;

const BIN: &str = env!("CARGO_BIN_EXE_marginalia");
const WIRE: &str = include_str!("../sample-data/wire-001.txt");

fn run(config: &Path, data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .args(["--annotator", "ci"])
        .env("MARGINALIA_CONFIG_DIR", config)
        .env("MARGINALIA_DATA_DIR", data)
        .output()
        .expect("run marginalia")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn setup() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
    String,
) {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    let data = dir.path().join("data");
    std::fs::create_dir_all(config.join("themes")).expect("config dir");
    let article = dir.path().join("wire-001.txt");
    std::fs::write(&article, WIRE).expect("article");
    let article = article.display().to_string();
    (dir, config, data, article)
}

#[test]
fn keymap_errors_name_file_line_and_column() {
    let (_dir, config, data, article) = setup();
    let keymap = config.join("keymap.ron");
    std::fs::write(&keymap, "(\n    normal: { \"x\": explode },\n)\n").expect("write");
    let out = run(&config, &data, &[&article]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:2:", keymap.display())), "{err}");
    assert!(err.contains("explode"), "{err}");
    assert!(err.contains("--no-user-config"), "{err}");

    std::fs::write(
        &keymap,
        "(\n    normal: {\n        \"x\": delete,\n        \"x\": undo,\n    },\n)\n",
    )
    .expect("write");
    let err = stderr(&run(&config, &data, &[&article]));
    assert!(
        err.contains(&format!("{}:4:9: key `x` is bound twice", keymap.display())),
        "{err}"
    );

    std::fs::write(&keymap, "(\n    select: { \"c\": sel_grow_word },\n)\n").expect("write");
    let err = stderr(&run(&config, &data, &[&article]));
    assert!(
        err.contains(&format!(
            "{}:2:15: key `c` marks a Claim span",
            keymap.display()
        )),
        "{err}"
    );

    // --no-user-config ignores the broken file (and then needs a terminal).
    let out = run(&config, &data, &[&article, "--no-user-config"]);
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn theme_errors_and_user_themes() {
    let (_dir, config, data, article) = setup();
    let bad = config.join("themes").join("mine.ron");
    std::fs::write(&bad, "(\n  speaker: (fg: \"blurple\"),\n)\n").expect("write");
    let out = run(&config, &data, &[&article, "--theme", "mine"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{}:2:", bad.display())),
        "{}",
        stderr(&out)
    );

    std::fs::write(&bad, "(speaker: (fg: \"#ff0000\", bold: true))").expect("write");
    let out = run(&config, &data, &[&article, "--theme", "mine"]);
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );

    let out = run(&config, &data, &[&article, "--theme", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no such theme"), "{}", stderr(&out));

    let path = bad.display().to_string();
    std::fs::write(&bad, "(bogus: 1)").expect("write");
    let out = run(&config, &data, &[&article, "--theme", &path]);
    assert!(
        stderr(&out).contains(&format!("{path}:1:")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_file_errors_and_defaults() {
    let (_dir, config, data, article) = setup();
    let file = config.join("config.ron");
    std::fs::write(&file, "(\n  annotator: \"alice\",\n  colour: \"red\",\n)\n").expect("write");
    let out = run(&config, &data, &[&article]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{}:3:", file.display())),
        "{}",
        stderr(&out)
    );
    std::fs::write(&file, "(theme: \"light\")").expect("write");
    let out = run(&config, &data, &[&article]);
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
    std::fs::write(&file, "(theme: \"nope\")").expect("write");
    let out = run(&config, &data, &[&article]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn demo_article_is_copied_into_the_data_directory_once() {
    let (_dir, config, data, _) = setup();
    let out = run(&config, &data, &[]);
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
    let demo = data.join("demo").join("wire-001.txt");
    assert_eq!(std::fs::read_to_string(&demo).expect("demo copied"), WIRE);
    // An edited demo is not overwritten.
    std::fs::write(&demo, "changed\n").expect("write");
    run(&config, &data, &[]);
    assert_eq!(std::fs::read_to_string(&demo).expect("demo"), "changed\n");
}

#[test]
fn unparseable_sidecar_opens_read_only_and_is_never_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wire-001.txt");
    std::fs::write(&path, WIRE).expect("article");
    let sidecar = dir.path().join("wire-001.ci.ann.ron");
    let broken = "(\n  format_version: 1,\n  spans: [ oops\n";
    std::fs::write(&sidecar, broken).expect("sidecar");
    let article = Article::load(&path).expect("article loads");
    let (mut state, _) = persist::open(article, "ci", &Schema::default_schema());
    let SaveState::ReadOnly(message) = &state.save else {
        panic!("expected read-only, got {:?}", state.save);
    };
    assert!(message.contains("wire-001.ci.ann.ron:"), "{message}");
    assert!(persist::save(&mut state).is_err());
    assert_eq!(std::fs::read_to_string(&sidecar).expect("sidecar"), broken);
}

#[test]
fn saves_round_trip_through_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wire-001.txt");
    std::fs::write(&path, WIRE).expect("article");
    let schema = Schema::default_schema();
    let article = Article::load(&path).expect("article loads");
    let (state, _) = persist::open(article, "ci", &schema);
    let mut app = marginalia::tui::app::App::new(
        schema.clone(),
        marginalia::config::Keymap::default(),
        "ci".to_owned(),
        state,
    );
    let fx = app.press("j v e e e s");
    assert_eq!(fx, vec![marginalia::tui::effect::Effect::Save]);
    persist::save(&mut app.art).expect("saved");
    let article = Article::load(&path).expect("article loads");
    let (state, note) = persist::open(article, "ci", &schema);
    assert!(note.is_none());
    assert_eq!(state.doc.spans.len(), 1);
    assert_eq!(
        state.doc.spans[0].anchor.exact,
        "The Valmora Dockworkers’ Union"
    );
}

#[test]
fn failed_save_reports_the_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wire-001.txt");
    std::fs::write(&path, WIRE).expect("article");
    let article = Article::load(&path).expect("article loads");
    let (mut state, _) = persist::open(article, "ci", &Schema::default_schema());
    // A directory where the sidecar should go makes the atomic rename fail. (An empty new
    // document is not written at all, so mark a paragraph done first.)
    state.doc.done.insert(0);
    std::fs::create_dir(&state.sidecar).expect("block the sidecar path");
    let err = persist::save(&mut state).expect_err("cannot save over a directory");
    assert!(err.contains("wire-001.ci.ann.ron"), "{err}");
}
