//! The top-level modules of `src/` import each other one way: read from the
//! source (every `crate::` path, in `use` lines and in expressions, test code
//! included), the graph of top-level modules has no cycle. A feature that needs
//! something from a module above it is a sign that code sits in the wrong layer
//! (README, "Architecture").

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where a module uses another: `(from, to)` with one place that shows it.
type Edges = BTreeMap<(String, String), String>;

#[test]
fn the_top_level_modules_import_each_other_without_a_cycle() {
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let modules = declared_modules(&lib);
    assert!(modules.len() > 10, "found only {modules:?} in lib.rs");
    // A name re-exported at the crate root would hide whose it is.
    assert!(
        !strip(&lib).contains("pub use"),
        "lib.rs re-exports a name: name its module instead, so the check sees the import"
    );
    let edges = module_edges(src, &modules);
    if let Some(cycle) = find_cycle(&edges) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|pair| {
                let from_to = (pair[0].clone(), pair[1].clone());
                format!("  {} -> {} ({})", pair[0], pair[1], edges[&from_to])
            })
            .collect();
        panic!(
            "the modules of src/ import each other in a cycle: {}\n{}",
            cycle.join(" -> "),
            steps.join("\n")
        );
    }
}

/// The modules `lib.rs` declares (`mod x;`, `pub mod x;`, `pub(crate) mod x;`).
/// The domain layer is pure: `domain` and `scoring` hold types and rules; what
/// they judge is loaded in the layers above (`decisions::facts`).
#[test]
fn the_domain_layer_runs_no_query() {
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut found = Vec::new();
    for module in ["domain", "scoring"] {
        for file in rust_files(&src.join(module)) {
            let code = strip(&std::fs::read_to_string(&file).unwrap());
            for (n, line) in code.lines().enumerate() {
                for word in [
                    "sqlx::query",
                    "PgConnection",
                    "PgPool",
                    "Executor",
                    "Transaction",
                ] {
                    if line.contains(word) {
                        found.push(format!("{}:{}: {word}", file.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the domain layer reaches the database:\n{}",
        found.join("\n")
    );
}

fn declared_modules(lib: &str) -> BTreeSet<String> {
    strip(lib)
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_suffix(';')?;
            let name = rest.rsplit_once("mod ")?.1;
            is_ident(name).then(|| name.to_owned())
        })
        .collect()
}

fn is_ident(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Every `crate::` import between different top-level modules, with its place.
fn module_edges(src: &Path, modules: &BTreeSet<String>) -> Edges {
    let mut edges = Edges::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).unwrap();
        let mut parts: Vec<String> = relative
            .iter()
            .map(|part| part.to_string_lossy().into_owned())
            .collect();
        let file_name = parts.pop().unwrap();
        // `src/x.rs` and everything under `src/x/` belong to module `x`.
        let (top, depth) = match parts.first() {
            Some(dir) => {
                let nested = usize::from(file_name != "mod.rs");
                (dir.clone(), parts.len() + nested)
            }
            None => (file_name.trim_end_matches(".rs").to_owned(), 1),
        };
        if !modules.contains(&top) {
            continue; // lib.rs and main.rs are the crate root, not a module.
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for (line, target) in imports(&source, depth) {
            if target != top && modules.contains(&target) {
                edges
                    .entry((top.clone(), target))
                    .or_insert_with(|| format!("{}:{line}", relative.display()));
            }
        }
    }
    edges
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The first segment after each `crate::` (or a `super::` chain that climbs to
/// the crate root from a file `depth` modules deep), with its line. In a group,
/// `crate::{a, b::c}`, each item's first segment.
fn imports(source: &str, depth: usize) -> Vec<(usize, String)> {
    let code = strip(source);
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < code.len() {
        let starts_word = at == 0 || !is_ident_byte(bytes[at - 1]);
        let root_path = if !starts_word {
            None
        } else if code[at..].starts_with("crate::") {
            Some(at + "crate::".len())
        } else if code[at..].starts_with("super::") {
            let mut end = at;
            let mut climbs = 0;
            while code[end..].starts_with("super::") {
                end += "super::".len();
                climbs += 1;
            }
            (climbs >= depth).then_some(end)
        } else {
            None
        };
        let Some(path) = root_path else {
            at += 1;
            continue;
        };
        let line = code[..at].matches('\n').count() + 1;
        for name in first_segments(&code[path..]) {
            found.push((line, name));
        }
        at = path;
    }
    found
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// `a::b` gives `a`; `{a, b::{c, d}, e}` gives `a`, `b`, `e`.
fn first_segments(path: &str) -> Vec<String> {
    let path = path.trim_start();
    let word = |text: &str| -> String {
        text.trim_start()
            .bytes()
            .take_while(|&b| is_ident_byte(b))
            .map(char::from)
            .collect()
    };
    let Some(group) = path.strip_prefix('{') else {
        return vec![word(path)];
    };
    let mut names = Vec::new();
    let mut depth = 0;
    let mut item_start = true;
    for (i, c) in group.char_indices() {
        if item_start && depth == 0 && !c.is_whitespace() {
            names.push(word(&group[i..]));
            item_start = false;
        }
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            _ => {}
        }
    }
    names.retain(|name| !name.is_empty() && name != "self");
    names
}

/// The source with comments, strings and character literals blanked out (line
/// breaks kept), so a path named in a comment or a text is not an import.
fn strip(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let skip = if rest.starts_with(&['/', '/']) {
            rest.iter().position(|&c| c == '\n').unwrap_or(rest.len())
        } else if rest.starts_with(&['/', '*']) {
            let mut depth = 0;
            let mut j = 0;
            while j < rest.len() {
                if rest[j..].starts_with(&['/', '*']) {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(&['*', '/']) {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            j
        } else if rest[0] == 'r'
            && (i == 0 || !is_ident_byte(chars[i - 1] as u8))
            && rest[1..].iter().take_while(|&&c| c == '#').count() + 1 < rest.len()
            && rest[1 + rest[1..].iter().take_while(|&&c| c == '#').count()] == '"'
        {
            // A raw string: r"…", r#"…"#, …
            let hashes = rest[1..].iter().take_while(|&&c| c == '#').count();
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body = 2 + hashes;
            (body..rest.len())
                .find(|&j| rest[j..].starts_with(&close))
                .map_or(rest.len(), |j| j + close.len())
        } else if rest[0] == '"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            (j + 1).min(rest.len())
        } else if rest[0] == '\'' && rest.get(1) == Some(&'\\') {
            // An escaped character: '\n', '\'', '\u{…}'.
            2 + rest[2..]
                .iter()
                .position(|&c| c == '\'')
                .map_or(rest.len() - 2, |j| j + 1)
        } else if rest[0] == '\'' && rest.get(2) == Some(&'\'') {
            3
        } else {
            0
        };
        if skip == 0 {
            out.push(rest[0]);
            i += 1;
        } else {
            out.extend(rest[..skip].iter().map(|&c| blank(c)));
            i += skip;
        }
    }
    out
}

/// One cycle of the graph, as its modules in order with the first repeated at
/// the end, or `None` when the graph has none.
fn find_cycle(edges: &Edges) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        next.entry(from).or_default().push(to);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        marks: &mut BTreeMap<&'a str, Mark>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        marks.insert(node, Mark::Open);
        path.push(node);
        for &to in next.get(node).into_iter().flatten() {
            match marks.get(to) {
                Some(Mark::Open) => {
                    let start = path.iter().position(|&n| n == to).unwrap();
                    let mut cycle: Vec<String> =
                        path[start..].iter().map(|&n| n.to_owned()).collect();
                    cycle.push(to.to_owned());
                    return Some(cycle);
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(cycle) = visit(to, next, marks, path) {
                        return Some(cycle);
                    }
                }
            }
        }
        path.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    let nodes: Vec<&str> = next.keys().copied().collect();
    for node in nodes {
        if !marks.contains_key(node)
            && let Some(cycle) = visit(node, &next, &mut marks, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

fn graph(pairs: &[(&str, &str)]) -> Edges {
    pairs
        .iter()
        .map(|&(from, to)| ((from.to_owned(), to.to_owned()), "test".to_owned()))
        .collect()
}

#[test]
fn the_cycle_finder_names_the_modules_of_a_cycle_in_order() {
    let knot = graph(&[
        ("app", "pages"),
        ("pages", "doubts"),
        ("doubts", "interview"),
        ("interview", "web"),
        ("interview", "doubts"),
    ]);
    assert_eq!(
        find_cycle(&knot).unwrap(),
        ["doubts", "interview", "doubts"]
    );
    let ring = graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]);
    assert_eq!(find_cycle(&ring).unwrap(), ["a", "b", "c", "a"]);
}

#[test]
fn the_cycle_finder_finds_none_in_layers() {
    // Two paths to the same module are a diamond, not a cycle.
    let layers = graph(&[
        ("app", "pages"),
        ("app", "web"),
        ("pages", "doubts"),
        ("pages", "rounds"),
        ("doubts", "rounds"),
        ("doubts", "web"),
        ("rounds", "web"),
    ]);
    assert_eq!(find_cycle(&layers), None);
}

#[test]
fn the_import_reader_sees_groups_and_paths_in_code_but_not_in_comments_or_texts() {
    let source = r##"
        //! Uses `crate::commented` only in a comment.
        use crate::{auth::{Authorized, Role}, self, web};
        use crate::error::Result;
        /* crate::blocked */
        fn f() -> crate::rounds::RoundStatus {
            let _ = "crate::quoted";
            let _ = r#"crate::raw"#;
            let _ = ('"', '\'');
            let _ = pub_crate::not_a_root;
            crate::doubts::open(super::scoring::gate())
        }
    "##;
    let names: Vec<String> = imports(source, 1).into_iter().map(|(_, n)| n).collect();
    assert_eq!(
        names,
        ["auth", "web", "error", "rounds", "doubts", "scoring"]
    );
    // Deeper in a module, `super::` stays inside it.
    let nested: Vec<String> = imports(source, 2).into_iter().map(|(_, n)| n).collect();
    assert_eq!(nested, ["auth", "web", "error", "rounds", "doubts"]);
    assert_eq!(
        declared_modules("pub mod a;\nmod b;\n#[cfg(test)]\nmod c;\npub(crate) mod d;"),
        ["a", "b", "c", "d"].map(str::to_owned).into()
    );
}
