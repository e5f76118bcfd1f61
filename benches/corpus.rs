//! Corpus browser cost on generated corpora of 100 and 10,000 articles (half with a sidecar):
//! opening (scan + state + first frame, summaries left to the background), drawing a frame,
//! a cursor move, a re-sort of every row and a filter keystroke, through the real `update` and
//! `render` on a `TestBackend`. A frame and a cursor move should cost the same at both sizes;
//! sorting and filtering grow with the corpus (once per key press).
//! `benches/corpus-latency.sh` measures the same end to end through tmux.
//!
//! Run briefly: `cargo bench --bench corpus -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::config::{Keymap, Theme};
use marginalia::model::Schema;
use marginalia::tui::action::Action;
use marginalia::tui::app::App;
use marginalia::tui::corpus::shell::{open_dir, wait_loaded};
use marginalia::tui::update::update;
use marginalia::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ARTICLE: &str = include_str!("../sample-data/wire-001.txt");
const SIDECAR: &str = include_str!("../sample-data/wire-001.alice.ann.ron");

fn generate(root: &Path, n: usize) {
    for i in 0..n {
        let dir = root.join(format!("d{:02}", i % 100));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join(format!("a{i:05}.txt")), ARTICLE).expect("article");
        if i % 2 == 0 {
            std::fs::write(dir.join(format!("a{i:05}.alice.ann.ron")), SIDECAR).expect("sidecar");
        }
    }
}

fn app(root: &Path, load: bool) -> App {
    let mut app = open_dir(
        root,
        Schema::default_schema(),
        Keymap::default(),
        "alice".to_owned(),
        load,
    )
    .expect("corpus opens");
    update(&mut app, Action::Resize(120, 40));
    if load {
        wait_loaded(&mut app);
    }
    app
}

fn frame(terminal: &mut Terminal<TestBackend>, app: &App, theme: &Theme) {
    terminal
        .draw(|f| view::render(app, theme, f))
        .expect("draw");
}

fn bench(c: &mut Criterion) {
    let theme = Theme::dark();
    for n in [100, 10_000] {
        let dir = tempfile::tempdir().expect("temp dir");
        generate(dir.path(), n);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        c.bench_function(&format!("corpus {n}: open (scan + first frame)"), |b| {
            b.iter(|| {
                let app = app(dir.path(), false);
                frame(&mut terminal, &app, &theme);
                black_box(app.size)
            });
        });
        let mut loaded = app(dir.path(), true);
        c.bench_function(&format!("corpus {n}: frame"), |b| {
            b.iter(|| frame(&mut terminal, &loaded, &theme));
        });
        c.bench_function(&format!("corpus {n}: key j + frame"), |b| {
            b.iter(|| {
                loaded.press("j");
                frame(&mut terminal, &loaded, &theme);
            });
        });
        c.bench_function(&format!("corpus {n}: sort by status + frame"), |b| {
            b.iter(|| {
                loaded.press("s");
                frame(&mut terminal, &loaded, &theme);
            });
        });
        loaded.press("n /");
        c.bench_function(&format!("corpus {n}: filter keystroke + frame"), |b| {
            b.iter(|| {
                loaded.type_text("7");
                frame(&mut terminal, &loaded, &theme);
                loaded.press("backspace");
            });
        });
        loaded.press("esc");
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
