//! The dependency rule of docs/architecture.md, checked on the source: which layer may use
//! which, read from the `use crate::...` lines and `crate::...` paths of every file in `src/`
//! (comments and `#[cfg(test)]` modules left out). A broken rule fails with the file and the
//! import, so the next change cannot quietly undo the layering.
//!
//! - `model` uses only `model`; `store` only `model` and `store`.
//! - The domain (`review`, `export`, `import`, `corpus`, `check`, `suggest`) uses `model`,
//!   `store` and itself, never `config`, `tui`, `commands` or `cli`, and no terminal crate.
//! - `config` uses `model` and, for the keymap, the `tui::action` vocabulary only.
//! - In `tui`: state (everything not listed below) uses no update, view or shell file;
//!   update (every `update` module: `tui::update`, `tui::corpus::update`,
//!   `tui::review::update`) and view (every `view` module, and `tui::corpus::row`) use state
//!   and `tui::layout` but not each other, nor the shell (`tui::run`, `tui::persist`,
//!   `tui::input`, every `shell` module).
//! - No import circle between `tui` files other than a module and its own children.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`tui::update::nav`) -> source text without comments and test modules.
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.expect("src is readable");
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let rel = path.strip_prefix(&root).expect("below src");
        let mut parts: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        if parts == ["lib"] || parts == ["main"] {
            parts.clear();
        }
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        out.insert(parts.join("::"), code_only(&text));
    }
    out
}

/// The text without `//` comments and without what follows the first `#[cfg(test)]`.
fn code_only(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or("");
    body.lines()
        .map(|line| match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::a::b` path named in `code` (inside `use` trees too, braces expanded).
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let head = rest[..end].trim_end_matches(':');
        if rest[end..].starts_with('{') {
            let tree = &rest[end + 1..];
            let close = matching_brace(tree);
            expand(head, &tree[..close], &mut out);
        } else {
            out.insert(head.to_owned());
        }
    }
    out
}

/// The paths of the `use` tree `{items}` below `prefix`.
fn expand(prefix: &str, items: &str, out: &mut BTreeSet<String>) {
    for item in split_top(items) {
        let item = item.trim();
        let item = item.split(" as ").next().unwrap_or("").trim();
        let join = |name: &str| {
            let name = name.trim().trim_end_matches(':');
            if name.is_empty() || name == "self" {
                prefix.to_owned()
            } else {
                format!("{prefix}::{name}")
            }
        };
        match item.find('{') {
            Some(brace) => {
                let inner = &item[brace + 1..];
                let close = matching_brace(inner);
                expand(&join(&item[..brace]), &inner[..close], out);
            }
            None => {
                out.insert(join(item));
            }
        }
    }
}

fn matching_brace(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

fn split_top(text: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// The module a path lands in: its longest prefix that is a module of the crate.
fn resolve<'a>(path: &str, modules: &'a BTreeMap<String, String>) -> Option<&'a str> {
    let mut parts: Vec<&str> = path.split("::").collect();
    while !parts.is_empty() {
        let candidate = parts.join("::");
        if let Some((name, _)) = modules.get_key_value(&candidate) {
            return Some(name);
        }
        parts.pop();
    }
    None
}

/// Each module's imports of other modules: module -> (imported module, the path as written).
fn graph(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeMap<String, String>> {
    modules
        .iter()
        .map(|(name, code)| {
            let imports = crate_paths(code)
                .into_iter()
                .filter_map(|p| {
                    let target = resolve(&p, modules)?;
                    (target != name && !target.is_empty())
                        .then(|| (target.to_owned(), format!("crate::{p}")))
                })
                .collect();
            (name.clone(), imports)
        })
        .collect()
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

fn under(module: &str, parent: &str) -> bool {
    module == parent || module.starts_with(&format!("{parent}::"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TuiLayer {
    State,
    Layout,
    Update,
    View,
    Shell,
}

fn tui_layer(module: &str) -> TuiLayer {
    // A screen's home (`tui` for the annotation screen, `tui::corpus`, `tui::review`) has the
    // same parts: its state, an `update` and a `view` (files or directories), a `shell`.
    let segments: Vec<&str> = module.split("::").collect();
    let has = |name: &str| segments.iter().skip(1).any(|s| *s == name);
    if under(module, "tui::layout") {
        TuiLayer::Layout
    } else if has("update") {
        TuiLayer::Update
    } else if has("view") || module == "tui::corpus::row" {
        TuiLayer::View
    } else if ["tui::run", "tui::persist", "tui::input"].contains(&module)
        || has("shell")
        || module == "tui"
    {
        TuiLayer::Shell
    } else {
        TuiLayer::State
    }
}

const DOMAIN: &[&str] = &["review", "export", "import", "corpus", "check", "suggest"];

/// Why `from` may not use `to`, if it may not.
fn broken_rule(from: &str, to: &str) -> Option<&'static str> {
    let (f, t) = (top(from), top(to));
    match f {
        "model" if t != "model" => Some("model uses only model"),
        "store" if !["model", "store"].contains(&t) => Some("store uses only model and store"),
        _ if DOMAIN.contains(&f) && ["config", "tui", "commands", "cli"].contains(&t) => {
            Some("the domain never uses config, tui, commands or cli")
        }
        "config" if !(["model", "config"].contains(&t) || to == "tui::action") => {
            Some("config uses model and the tui::action vocabulary only")
        }
        "tui" if t == "tui" => {
            let (lf, lt) = (tui_layer(from), tui_layer(to));
            match (lf, lt) {
                (
                    TuiLayer::State | TuiLayer::Layout,
                    TuiLayer::Update | TuiLayer::View | TuiLayer::Shell,
                ) => Some("tui state and layout use no update, view or shell file"),
                (TuiLayer::Update, TuiLayer::View) | (TuiLayer::View, TuiLayer::Update) => Some(
                    "update and view do not use each other (shared geometry is in tui::layout)",
                ),
                (TuiLayer::Update | TuiLayer::View, TuiLayer::Shell) => {
                    Some("update and view never use the shell")
                }
                _ => None,
            }
        }
        _ => None,
    }
}

#[test]
fn every_import_follows_the_layer_rule() {
    let modules = modules();
    let graph = graph(&modules);
    let mut broken = Vec::new();
    for (from, imports) in &graph {
        for (to, written) in imports {
            if let Some(rule) = broken_rule(from, to) {
                broken.push(format!(
                    "src/{}: `{written}` ({rule})",
                    from.replace("::", "/")
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "layer rule broken:\n{}",
        broken.join("\n")
    );
}

#[test]
fn no_domain_module_uses_a_terminal_crate() {
    let modules = modules();
    let mut broken = Vec::new();
    for (name, code) in &modules {
        if ["model", "store"].contains(&top(name)) || DOMAIN.contains(&top(name)) {
            for krate in ["ratatui::", "crossterm::"] {
                if code.contains(krate) {
                    broken.push(format!("src/{}: uses {krate}", name.replace("::", "/")));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn tui_files_form_no_circle_beyond_parent_and_child() {
    let modules = modules();
    let graph = graph(&modules);
    // Edges between tui files, leaving out a module's edges to its own descendants and
    // theirs to it (a parent and its children are one unit).
    let tui: BTreeMap<&str, Vec<&str>> = graph
        .iter()
        .filter(|(m, _)| top(m) == "tui")
        .map(|(m, imports)| {
            let next = imports
                .keys()
                .filter(|t| top(t) == "tui" && !under(t, m) && !under(m, t))
                .map(String::as_str)
                .collect();
            (m.as_str(), next)
        })
        .collect();
    let mut circles = Vec::new();
    for start in tui.keys() {
        // Depth-first search for a path back to `start`.
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(start, vec![start])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for &next in tui.get(at).map_or(&[][..], Vec::as_slice) {
                if next == *start {
                    let mut circle = path.clone();
                    circle.push(next);
                    circles.push(circle.join(" -> "));
                } else if seen.insert(next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
    circles.sort();
    circles.dedup();
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_reader_sees_imports_in_use_trees_and_paths() {
    let code = code_only(
        "use crate::tui::{app::App, update::{nav, caret}};\n// use crate::cli::x;\nfn f() { crate::store::save(); }\n#[cfg(test)]\nuse crate::commands::x;",
    );
    let paths = crate_paths(&code);
    for p in [
        "tui::app::App",
        "tui::update::nav",
        "tui::update::caret",
        "store::save",
    ] {
        assert!(paths.contains(p), "{p} in {paths:?}");
    }
    assert!(
        !paths
            .iter()
            .any(|p| p.starts_with("cli") || p.starts_with("commands"))
    );
    assert_eq!(
        broken_rule("tui::update::nav", "tui::view::annotations"),
        Some("update and view do not use each other (shared geometry is in tui::layout)")
    );
    assert!(broken_rule("review::align", "config").is_some());
    assert!(broken_rule("tui::run", "tui::update").is_none());
}
