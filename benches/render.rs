//! Layout and render cost on 10 MB articles: one with thousands of paragraphs and one single
//! 10 MB paragraph. Measures opening (article parse + state + first frame), drawing a frame,
//! jumping to the end, and key presses, all through the real `update` and `render` on a
//! `TestBackend` (terminal I/O excluded; `benches/tmux-latency.sh` measures it end to end).
//!
//! Run briefly: `cargo bench --bench render -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::config::{Keymap, Theme};
use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::tui::action::Action;
use marginalia::tui::app::{App, ArticleState, SaveState};
use marginalia::tui::update::update;
use marginalia::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const TARGET: usize = 10 * 1024 * 1024;
const SENTENCE: &str = "The minister said on Monday that “talks are close to a deal”, \
    according to officials in 中文 and café reports 👩‍🔬. ";

/// About 10 MB in paragraphs of ~2 KB.
fn many_paragraphs() -> String {
    let mut text = String::with_capacity(TARGET + 4096);
    while text.len() < TARGET {
        for _ in 0..14 {
            text.push_str(SENTENCE);
        }
        text.push_str("\n\n");
    }
    text
}

/// About 10 MB in one paragraph.
fn one_paragraph() -> String {
    let mut text = String::with_capacity(TARGET + 4096);
    while text.len() < TARGET {
        text.push_str(SENTENCE);
    }
    text
}

fn open(text: &str) -> App {
    let article = Article::from_text(Path::new("bench.txt"), text).expect("valid article");
    let schema = Schema::default_schema();
    let doc = AnnotationDoc::new(&schema, &article, "bench", "2026-01-01T00:00:00Z");
    let state = ArticleState::new(
        article,
        doc,
        PathBuf::from("bench.ann.ron"),
        SaveState::Saved,
    );
    let mut app = App::new(schema, Keymap::default(), "bench".to_owned(), state);
    update(&mut app, Action::Resize(120, 40));
    app
}

fn frame(app: &App, terminal: &mut Terminal<TestBackend>, theme: &Theme) {
    terminal
        .draw(|f| view::render(app, theme, f))
        .expect("draw");
}

fn bench_article(c: &mut Criterion, name: &str, text: &str) {
    let theme = Theme::dark();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.bench_function("open_and_first_frame", |b| {
        b.iter(|| {
            let app = open(black_box(text));
            frame(&app, &mut terminal, &theme);
            app
        });
    });
    let mut app = open(text);
    group.bench_function("frame", |b| b.iter(|| frame(&app, &mut terminal, &theme)));
    group.bench_function("jump_to_end_and_frame", |b| {
        b.iter(|| {
            update(&mut app, Action::Top);
            update(&mut app, Action::Bottom);
            frame(&app, &mut terminal, &theme);
        });
    });
    update(&mut app, Action::Top);
    group.bench_function("key_next_paragraph_and_frame", |b| {
        b.iter(|| {
            update(&mut app, Action::NextParagraph);
            frame(&app, &mut terminal, &theme);
        });
    });
    group.bench_function("key_page_down_and_frame", |b| {
        b.iter(|| {
            update(&mut app, Action::PageDown);
            frame(&app, &mut terminal, &theme);
        });
    });
    group.bench_function("key_select_grow_word_and_frame", |b| {
        b.iter(|| {
            update(&mut app, Action::StartSelection);
            for _ in 0..5 {
                update(&mut app, Action::SelGrowWord);
            }
            update(&mut app, Action::Cancel);
            frame(&app, &mut terminal, &theme);
        });
    });
    group.bench_function("mark_claim_and_frame", |b| {
        b.iter(|| {
            update(&mut app, Action::StartSelection);
            update(&mut app, Action::SelGrowWord);
            update(&mut app, Action::MakeSpan("Claim".to_owned()));
            update(&mut app, Action::Undo);
            frame(&app, &mut terminal, &theme);
        });
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_article(c, "10MB_paragraphs", &many_paragraphs());
    bench_article(c, "10MB_one_paragraph", &one_paragraph());
}

criterion_group!(render, benches);
criterion_main!(render);
