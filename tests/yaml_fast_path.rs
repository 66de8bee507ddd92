//! The differential tests of rg's fast YAML path (`src/yaml/fast.rs`) against saphyr-parser:
//! whenever the fast path reads a document, its events (tokens, texts, styles, byte spans) are
//! saphyr-parser's, and saphyr-parser reads the document without an error; whenever the fast
//! path cannot be sure, it leaves the document to saphyr-parser.
//!
//! - every YAML file of the repository (gallery, catalogs, examples, each test fixture) agrees,
//!   and the gallery, catalogs and examples take the fast path;
//! - every file with one line deleted, repeated, indented or cut agrees;
//! - generated documents in the subset (block and flow collections, plain and quoted scalars
//!   with escapes, block scalars, comments, empty values) take the fast path and agree;
//! - the same documents with a few characters changed (`:`, `#`, quotes, brackets, tabs, line
//!   breaks …) agree or are left to saphyr-parser;
//! - documents built from lines around the subset (anchors, aliases, tags, `?` keys, scalars
//!   over several lines, directives, several documents) agree or are left to saphyr-parser.

use proptest::prelude::*;
use proptest::test_runner::Config;
use rollegalleri::api;
use std::fs;
use std::path::{Path, PathBuf};

fn agrees(text: &str) -> bool {
    match api::yaml_fast_path(text) {
        Ok(taken) => taken,
        Err(difference) => panic!("{difference}\n--- document ---\n{text}\n---"),
    }
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(yaml_files(&path));
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn read(path: &Path) -> Option<String> {
    String::from_utf8(fs::read(path).ok()?).ok()
}

// ------------------------------------------------------------------ the repository's files

#[test]
fn the_repository_files_take_the_fast_path() {
    let mut read_files = 0;
    for dir in ["gallery", "catalogs", "examples"] {
        for path in yaml_files(Path::new(dir)) {
            let text = read(&path).unwrap();
            // Two gallery roles list their integrations in a flow list over three lines,
            // which the fast path leaves to saphyr-parser.
            let multi_line_flow = text.lines().any(|l| l.contains(": [") && !l.contains(']'));
            assert_eq!(
                agrees(&text),
                !multi_line_flow,
                "{} is read by the other parser",
                path.display()
            );
            read_files += 1;
        }
    }
    assert!(read_files >= 40, "{read_files}");
}

#[test]
fn every_test_fixture_agrees() {
    let (mut taken, mut all) = (0, 0);
    for path in yaml_files(Path::new("tests")) {
        let Some(text) = read(&path) else { continue };
        all += 1;
        taken += usize::from(agrees(&text));
    }
    // Most fixtures are valid files with one rule broken, in the subset.
    assert!(all >= 100 && taken * 2 > all, "{taken} of {all}");
}

/// Each line of `text` deleted, repeated, indented one space more or less, and cut in half.
fn line_mutations(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut mutated = Vec::new();
    for i in 0..lines.len() {
        let with = |line: &str| {
            let mut out = String::new();
            for (j, l) in lines.iter().enumerate() {
                out.push_str(if i == j { line } else { l });
            }
            out
        };
        let line = lines[i];
        mutated.push(with(""));
        mutated.push(with(&format!("{line}{line}")));
        mutated.push(with(&format!(" {line}")));
        mutated.push(with(line.strip_prefix(' ').unwrap_or(line)));
        let half = (0..=line.len() / 2)
            .rev()
            .find(|&c| line.is_char_boundary(c))
            .unwrap_or(0);
        mutated.push(with(&format!("{}\n", &line[..half])));
    }
    mutated
}

#[test]
fn line_mutations_of_the_repository_files_agree() {
    let mut files = yaml_files(Path::new("examples"));
    files.extend(yaml_files(Path::new("catalogs")));
    files.extend(
        ["projektleder.yaml", "galleri.yaml", "superbruger.yaml"]
            .map(|f| Path::new("gallery").join(f)),
    );
    let (mut taken, mut all) = (0, 0);
    for path in files {
        for text in line_mutations(&read(&path).unwrap()) {
            all += 1;
            taken += usize::from(agrees(&text));
        }
    }
    // Most mutations still give a document in the subset (or one that saphyr-parser reads
    // differently from the original, which the fast path must follow).
    assert!(taken * 3 > all, "{taken} of {all}");
}

// ------------------------------------------------------------------ generated documents

/// A scalar and how it is written.
#[derive(Clone, Debug)]
struct Scalar {
    text: String,
    /// 0 plain, 1 single-quoted, 2 double-quoted.
    quote: u8,
}

#[derive(Clone, Debug)]
enum Flow {
    Scalar(Scalar),
    Seq(Vec<Flow>, bool),
    /// Entries with an empty value as `None`; a trailing comma or not.
    Map(Vec<(Scalar, Option<Flow>)>, bool),
}

#[derive(Clone, Debug)]
enum Node {
    Scalar(Scalar),
    Empty,
    Flow(Flow),
    Block(BlockScalar),
    Map(Vec<(Scalar, Node)>, Layout),
    Seq(Vec<Node>, Layout),
}

#[derive(Clone, Debug)]
struct BlockScalar {
    literal: bool,
    /// 0 clip, 1 strip (`-`), 2 keep (`+`).
    chomping: u8,
    /// Each content line: spaces beyond the block's indentation (none on the first), its
    /// text, and the empty lines after it (with a few spaces or none).
    lines: Vec<(usize, String, Vec<usize>)>,
    /// Empty lines before the first content line.
    leading: usize,
}

/// How a block collection is laid out.
#[derive(Clone, Debug)]
struct Layout {
    /// Spaces its entries are indented by, beyond its parent's.
    width: usize,
    /// A sequence as a mapping's value with its `-` in the mapping's column; a mapping or
    /// sequence as a sequence item starting on the `-` line.
    compact: bool,
    /// Comments: after values, on lines of their own; spaces before `:`.
    comments: u8,
    spaced: bool,
}

const WORD: &str = "[a-zA-Z0-9æøåÆØÅé][a-zA-Z0-9æøåÆØÅé._/()@-]{0,8}";

fn plain_text() -> impl Strategy<Value = String> {
    // Words joined by spaces, some with a `:` or `#` inside that does not end them.
    (
        prop::collection::vec(WORD, 1..4),
        prop::sample::select(vec!["", "", "", ":x", "#1", "-", " 1", ":"]),
    )
        .prop_map(|(words, tail)| {
            let text = words.join(" ");
            if tail == ":" {
                text.replace(' ', ":")
            } else {
                format!("{text}{tail}")
            }
        })
}

fn quoted_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "ø", "Å", " ", "  ", ":", ": ", "#", " #", "'", "\"", "\\", ",", "[", "]", "{",
            "}", "-", "&", "*", "!", "|", ">", "?", "%", "@", "`", "\n", "\t", "\u{85}", "é", "😀",
            "\u{7}", "\u{0}", "/",
        ]),
        0..10,
    )
    .prop_map(|parts| parts.concat())
}

fn scalar() -> impl Strategy<Value = Scalar> {
    prop_oneof![
        3 => plain_text().prop_map(|text| Scalar { text, quote: 0 }),
        1 => quoted_text().prop_map(|text| Scalar { text, quote: 1 }),
        1 => quoted_text().prop_map(|text| Scalar { text, quote: 2 }),
    ]
}

/// A key: mostly plain, sometimes quoted, never long.
fn key() -> impl Strategy<Value = Scalar> {
    prop_oneof![
        4 => WORD.prop_map(|text| Scalar { text, quote: 0 }),
        1 => plain_text().prop_map(|text| Scalar { text, quote: 0 }),
        1 => quoted_text().prop_map(|text| Scalar { text, quote: 2 }),
        1 => quoted_text().prop_map(|text| Scalar { text, quote: 1 }),
    ]
}

fn flow() -> impl Strategy<Value = Flow> {
    let leaf = scalar().prop_map(Flow::Scalar);
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..4), any::<bool>())
                .prop_map(|(items, comma)| Flow::Seq(items, comma)),
            (
                prop::collection::vec((key(), prop::option::weighted(0.8, inner)), 0..4),
                any::<bool>()
            )
                .prop_map(|(entries, comma)| Flow::Map(entries, comma)),
        ]
    })
}

fn block_scalar() -> impl Strategy<Value = BlockScalar> {
    let line_text = prop::collection::vec(
        prop::sample::select(vec![
            "tekst",
            "ø",
            " ",
            "  ",
            ": ",
            "#",
            " # ikke en kommentar",
            "- ",
            "'",
            "\"",
            "\\",
            "[a, b]",
            "{",
            "æ",
            "|",
            ">",
        ]),
        1..6,
    )
    .prop_map(|parts| parts.concat())
    .prop_filter("a content line starts with content", |t| {
        !t.starts_with(' ')
    });
    (
        any::<bool>(),
        0u8..3,
        prop::collection::vec(
            (0usize..3, line_text, prop::collection::vec(0usize..2, 0..2)),
            1..5,
        ),
        0usize..2,
    )
        .prop_map(|(literal, chomping, mut lines, leading)| {
            lines[0].0 = 0;
            BlockScalar {
                literal,
                chomping,
                lines,
                leading,
            }
        })
}

fn layout() -> impl Strategy<Value = Layout> {
    (1usize..5, any::<bool>(), 0u8..4, prop::bool::weighted(0.1)).prop_map(
        |(width, compact, comments, spaced)| Layout {
            width,
            compact,
            comments,
            spaced,
        },
    )
}

fn leaf_node() -> impl Strategy<Value = Node> {
    prop_oneof![
        6 => scalar().prop_map(Node::Scalar),
        1 => Just(Node::Empty),
        2 => flow().prop_map(Node::Flow),
        2 => block_scalar().prop_map(Node::Block),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    leaf_node().prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            (
                prop::collection::vec((key(), inner.clone()), 1..5),
                layout()
            )
                .prop_map(|(entries, layout)| Node::Map(unique(entries), layout)),
            (prop::collection::vec(inner, 1..5), layout())
                .prop_map(|(items, layout)| Node::Seq(items, layout)),
        ]
    })
}

/// Keys once each (a repeated key is valid YAML, but keeps the documents closer to rg's).
fn unique(entries: Vec<(Scalar, Node)>) -> Vec<(Scalar, Node)> {
    let mut seen = std::collections::HashSet::new();
    entries
        .into_iter()
        .filter(|(k, _)| seen.insert((k.text.clone(), k.quote)))
        .collect()
}

/// A document: a block mapping or sequence at the root, maybe after comments and `---`.
fn document() -> impl Strategy<Value = String> {
    (
        node().prop_filter("a collection at the root", |n| {
            matches!(n, Node::Map(..) | Node::Seq(..))
        }),
        0u8..4,
        any::<bool>(),
    )
        .prop_map(|(root, start, final_break)| {
            let mut out = Emitter::default();
            match start {
                1 => out.text.push_str("---\n"),
                2 => out.text.push_str("# rollekatalog\n\n--- # start\n"),
                3 => out.text.push_str("# en kommentar\n"),
                _ => {}
            }
            out.block(&root, 0);
            if !final_break && out.text.ends_with('\n') && !out.ends_in_block {
                out.text.pop();
            }
            out.text
        })
}

#[derive(Default)]
struct Emitter {
    text: String,
    /// The last thing written is a block scalar: a comment line after it must be in column
    /// 0, or it would be its content.
    ends_in_block: bool,
}

impl Emitter {
    fn spaces(&mut self, n: usize) {
        self.text.extend(std::iter::repeat_n(' ', n));
    }

    fn scalar(&mut self, s: &Scalar) {
        match s.quote {
            0 => self.text.push_str(&s.text),
            1 => {
                // Single quotes have no escapes: a line break, tab or control character
                // becomes a space.
                let text = s
                    .text
                    .replace(['\n', '\t', '\u{0}', '\u{7}'], " ")
                    .replace('\'', "''");
                self.text.push('\'');
                self.text.push_str(&text);
                self.text.push('\'');
            }
            _ => {
                self.text.push('"');
                for c in s.text.chars() {
                    match c {
                        '"' => self.text.push_str("\\\""),
                        '\\' => self.text.push_str("\\\\"),
                        '\n' => self.text.push_str("\\n"),
                        '\t' => self.text.push_str("\\t"),
                        '\u{0}' => self.text.push_str("\\0"),
                        '\u{7}' => self.text.push_str("\\a"),
                        '\u{85}' => self.text.push_str("\\N"),
                        'é' => self.text.push_str("\\u00e9"),
                        '😀' => self.text.push_str("\\U0001F600"),
                        '/' => self.text.push_str("\\/"),
                        c => self.text.push(c),
                    }
                }
                self.text.push('"');
            }
        }
    }

    fn flow(&mut self, f: &Flow) {
        match f {
            Flow::Scalar(s) => self.scalar(s),
            Flow::Seq(items, comma) => {
                self.text.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.text.push_str(", ");
                    }
                    self.flow(item);
                }
                if *comma && !items.is_empty() {
                    self.text.push(',');
                }
                self.text.push(']');
            }
            Flow::Map(entries, comma) => {
                self.text.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.text.push_str(", ");
                    }
                    self.scalar(k);
                    match v {
                        Some(v) => {
                            self.text.push_str(": ");
                            self.flow(v);
                        }
                        None => self.text.push(':'),
                    }
                }
                if *comma && !entries.is_empty() {
                    self.text.push_str(" ,");
                }
                self.text.push('}');
            }
        }
    }

    fn comment(&mut self, layout: &Layout, at: u8) {
        if layout.comments == at {
            self.text.push_str("  # note: ikke [en] værdi");
        }
    }

    fn comment_line(&mut self, layout: &Layout, col: usize) {
        if layout.comments == 3 {
            let col = if self.ends_in_block { 0 } else { col };
            self.spaces(col);
            self.text.push_str("# a line of its own\n\n");
        }
    }

    /// A value after `key:` or `- ` on the current line, of a collection in column `parent`
    /// whose nested collections go in column `child`.
    fn value(&mut self, node: &Node, parent: usize, child: usize, layout: &Layout) {
        self.ends_in_block = false;
        match node {
            Node::Scalar(s) => {
                self.text.push(' ');
                self.scalar(s);
                self.comment(layout, 1);
                self.text.push('\n');
            }
            Node::Empty => {
                self.comment(layout, 2);
                self.text.push('\n');
            }
            Node::Flow(f) => {
                self.text.push(' ');
                self.flow(f);
                self.comment(layout, 1);
                self.text.push('\n');
            }
            Node::Block(b) => self.block_scalar(b, parent, child),
            Node::Map(..) | Node::Seq(..) => {
                self.comment(layout, 2);
                self.text.push('\n');
                self.block(node, child);
            }
        }
    }

    fn block_scalar(&mut self, b: &BlockScalar, parent: usize, child: usize) {
        self.text.push(' ');
        self.text.push(if b.literal { '|' } else { '>' });
        self.text.push_str(["", "-", "+"][usize::from(b.chomping)]);
        self.text.push('\n');
        let indent = child.max(parent + 1);
        for _ in 0..b.leading {
            self.text.push('\n');
        }
        for (extra, line, empties) in &b.lines {
            self.spaces(indent + extra);
            self.text.push_str(line);
            self.text.push('\n');
            for spaces in empties {
                self.spaces((*spaces).min(indent));
                self.text.push('\n');
            }
        }
        self.ends_in_block = true;
    }

    /// A block mapping or sequence in column `col`, starting on a line of its own.
    fn block(&mut self, node: &Node, col: usize) {
        match node {
            Node::Map(entries, layout) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.comment_line(layout, col);
                    }
                    self.spaces(col);
                    self.entry(k, v, col, layout);
                }
            }
            Node::Seq(items, layout) => {
                for item in items {
                    self.spaces(col);
                    self.item(item, col, layout);
                }
            }
            _ => unreachable!("only collections are blocks"),
        }
    }

    /// `key: value` with the key at the current position, in a mapping in column `col`.
    fn entry(&mut self, k: &Scalar, v: &Node, col: usize, layout: &Layout) {
        self.scalar(k);
        if layout.spaced {
            self.text.push_str("  ");
        }
        self.text.push(':');
        match v {
            Node::Seq(_, inner) if inner.compact => {
                self.comment(layout, 2);
                self.text.push('\n');
                self.block(v, col);
            }
            _ => self.value(v, col, col + layout.width, layout),
        }
    }

    /// `- item` with the `-` at the current position, in a sequence in column `col`.
    fn item(&mut self, item: &Node, col: usize, layout: &Layout) {
        self.text.push('-');
        let inline = col + 1 + layout.width;
        match item {
            Node::Map(entries, inner) if layout.compact => {
                self.spaces(layout.width);
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.spaces(inline);
                    }
                    self.entry(k, v, inline, inner);
                }
            }
            Node::Seq(items, inner) if layout.compact => {
                self.spaces(layout.width);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.spaces(inline);
                    }
                    self.item(item, inline, inner);
                }
            }
            _ => self.value(item, col, col + layout.width, layout),
        }
    }
}

/// One change of a character: inserted, deleted or replaced, by one that matters to YAML.
#[derive(Clone, Debug)]
struct Edit {
    at: prop::sample::Index,
    kind: u8,
    with: char,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        any::<prop::sample::Index>(),
        0u8..3,
        prop::sample::select(vec![
            ':', ' ', '\n', '-', '#', '\'', '"', '[', ']', '{', '}', ',', '|', '>', '&', '*', '!',
            '?', '\\', '\t', '\r', '%', '@', 'a', 'ø', '.', '\u{feff}', '\u{0}',
        ]),
    )
        .prop_map(|(at, kind, with)| Edit { at, kind, with })
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let at = edit.at.index(chars.len() + 1);
        match edit.kind {
            0 => chars.insert(at, edit.with),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = edit.with,
            _ => chars.push(edit.with),
        }
    }
    chars.into_iter().collect()
}

/// Lines in and around the subset, for documents the fast path must leave alone or follow.
fn odd_line() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a: b",
        "a:",
        "  b: c",
        "    - d",
        "- e",
        "  - f: g",
        "  h",
        "k: &anker [1, 2]",
        "l: *anker",
        "m: !!str 3",
        "? n",
        ": o",
        "p: |",
        "  tekst",
        "   mere",
        "q: >-",
        "",
        "  ",
        "# kommentar",
        "  # kommentar",
        "---",
        "...",
        "%YAML 1.2",
        "r: \"to",
        "  linjer\"",
        "s: 'en ''citeret'' tekst'",
        "t: [u,",
        "  v]",
        "w: {x: y}",
        "z: a b: c",
        "æ: ø # å",
        "\ta: b",
        "a:\tb",
        "b: c\r",
        "- - x",
        "-",
        "[a, b]: c",
        "{a: b}",
        "\"k\": v",
        "c: d#e",
        "c: d #e",
    ])
    .prop_map(str::to_string)
}

fn odd_document() -> impl Strategy<Value = String> {
    prop::collection::vec(odd_line(), 1..12).prop_map(|lines| lines.join("\n") + "\n")
}

proptest! {
    #![proptest_config(Config { cases: 1500, ..Config::default() })]

    #[test]
    fn generated_documents_take_the_fast_path(text in document()) {
        prop_assert!(agrees(&text), "left to saphyr-parser:\n{}", text);
    }

    #[test]
    fn changed_documents_agree(text in document(), edits in prop::collection::vec(edit(), 1..4)) {
        agrees(&apply(&text, &edits));
    }

    #[test]
    fn documents_around_the_subset_agree(text in odd_document()) {
        agrees(&text);
    }
}
