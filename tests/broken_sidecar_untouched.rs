//! A sidecar that does not parse is byte-identical after every batch command ran on its
//! directory (whatever the command's exit status), and after the store's open/save path.

use std::fs;
use std::path::Path;
use std::process::Command;

use marginalia::model::{Article, Schema};
use marginalia::store::SidecarSlot;

const BROKEN: &[u8] =
    b"(\n    format_version: 1,\n    schema: \"newsattr/1\",\n    annotator: bob\n";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for entry in fs::read_dir(sample).expect("ls").flatten() {
        fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    fs::write(dir.path().join("wire-002.bob.ann.ron"), BROKEN).expect("break bob");
    dir
}

#[test]
fn batch_commands_leave_a_broken_sidecar_alone() {
    let dir = corpus();
    let d = dir.path();
    let out = d.join("out");
    let runs: Vec<Vec<String>> = vec![
        vec!["check".into(), ".".into()],
        vec![
            "check".into(),
            "--json".into(),
            "wire-002.bob.ann.ron".into(),
        ],
        vec![
            "agree".into(),
            ".".into(),
            "--annotators".into(),
            "alice,bob".into(),
        ],
        vec![
            "agree".into(),
            "wire-002.txt".into(),
            "--annotators".into(),
            "alice,bob".into(),
        ],
        vec![
            "export".into(),
            ".".into(),
            "--format".into(),
            "jsonl".into(),
            "-o".into(),
            out.join("x.jsonl").display().to_string(),
        ],
        vec![
            "export".into(),
            ".".into(),
            "--format".into(),
            "brat".into(),
            "-o".into(),
            out.join("brat").display().to_string(),
        ],
    ];
    for args in runs {
        let status = Command::new(env!("CARGO_BIN_EXE_marginalia"))
            .args(&args)
            .current_dir(d)
            .output()
            .expect("run marginalia");
        assert_ne!(
            status.status.code(),
            None,
            "{args:?} was killed by a signal"
        );
        assert_eq!(
            fs::read(d.join("wire-002.bob.ann.ron")).expect("read"),
            BROKEN,
            "`marginalia {}` changed the broken sidecar",
            args.join(" ")
        );
        assert!(!d.join("wire-002.bob.ann.ron.bak").exists());
    }
}

#[test]
fn open_and_save_leave_a_broken_sidecar_alone() {
    let dir = corpus();
    let article = Article::load(&dir.path().join("wire-002.txt")).expect("article");
    let schema = Schema::default_schema();
    let mut slot = SidecarSlot::open(&article, "bob", &schema);
    assert!(slot.ready_mut().is_none(), "refused");
    let SidecarSlot::Refused { error, .. } = &slot else {
        panic!("refused");
    };
    assert!(
        error.to_string().contains("wire-002.bob.ann.ron:4:"),
        "{error}"
    );
    // Another annotator's sidecar in the same directory still opens and saves.
    let mut alice = SidecarSlot::open(&article, "alice", &schema);
    let opened = alice.ready_mut().expect("alice opens");
    opened.doc.done.remove(&5);
    assert!(
        opened.save().expect("save alice"),
        "alice's sidecar written"
    );
    assert_eq!(
        fs::read(dir.path().join("wire-002.bob.ann.ron")).expect("read"),
        BROKEN
    );
}
