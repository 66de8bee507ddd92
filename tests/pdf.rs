//! `rg compile --format pdf`.
//!
//! With a stand-in browser (`tests/support/fake-browser.sh`, always run): the flags the browser
//! gets, the page it prints, the temporary page and profile removed after success, failure and
//! a timeout (the browser's helper processes ended too), the PDF written like every `-o`, and
//! exit 2 when no browser can be had.
//!
//! With the real thing (Chromium and poppler; skipped when missing unless
//! `RG_REQUIRE_EXTERNAL=1`): the three repository catalogs printed and read back with
//! `pdftotext` (every role's name, the version line, "side 1 af N", the PDF's title and
//! language), and with `pdftotext -bbox` (no word outside the page's margins, no two words on
//! top of each other, no page less than a quarter full but the last of a chapter, and every
//! role's heading on the same page as its first table).

mod support;

use rollegalleri::api::{self, Checker, ResolvedCatalog};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CATALOGS: [&str; 3] = [
    "catalogs/sapa.yaml",
    "catalogs/ky.yaml",
    "catalogs/bom.yaml",
];

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fake_browser() -> PathBuf {
    here().join("tests/support/fake-browser.sh")
}

fn rg(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rg"));
    command
        .args(args)
        .current_dir(here())
        .env("NO_COLOR", "1")
        .env_remove("RG_BROWSER")
        .env_remove("RG_BROWSER_TIMEOUT");
    for (key, value) in envs {
        command.env(key, value);
    }
    command.output().expect("rg runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn resolved(path: &str) -> ResolvedCatalog {
    let file = api::read_file(Path::new(path)).unwrap();
    Checker::embedded().resolve(file).unwrap()
}

/// The arguments the fake browser got, one a line.
fn logged(log: &Path) -> Vec<String> {
    fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

fn value_of<'a>(args: &'a [String], flag: &str) -> &'a str {
    args.iter()
        .find_map(|a| a.strip_prefix(flag))
        .unwrap_or_else(|| panic!("no {flag} in {args:?}"))
}

/// The temporary folder the browser worked in (the folder of its profile).
fn work_folder(args: &[String]) -> PathBuf {
    Path::new(value_of(args, "--user-data-dir="))
        .parent()
        .unwrap()
        .to_path_buf()
}

// ------------------------------------------------------------------ with a stand-in browser

#[test]
fn the_browser_prints_the_html_page_with_the_machine_flags() {
    let dir = tempfile::tempdir().unwrap();
    let (log, copy, out) = (
        dir.path().join("args"),
        dir.path().join("page.html"),
        dir.path().join("sapa.pdf"),
    );
    let output = rg(
        &[
            "compile",
            "catalogs/sapa.yaml",
            "--format",
            "pdf",
            "-o",
            out.to_str().unwrap(),
            "--browser",
            fake_browser().to_str().unwrap(),
        ],
        &[
            ("FAKE_BROWSER_LOG", log.to_str().unwrap()),
            ("FAKE_BROWSER_COPY", copy.to_str().unwrap()),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    assert!(
        fs::read(&out)
            .unwrap()
            .starts_with(b"%PDF-1.4\n% a fake PDF")
    );
    let args = logged(&log);
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
    ] {
        assert!(args.iter().any(|a| a == flag), "{flag} not in {args:?}");
    }
    // The page printed is the HTML document, as `--format html` writes it.
    let page = fs::read_to_string(&copy).unwrap();
    assert_eq!(page, api::compile_html(&resolved("catalogs/sapa.yaml")));
    assert!(args.last().unwrap().starts_with("file:///"), "{args:?}");
    // A fresh profile and the page, in one temporary folder, removed afterwards.
    let work = work_folder(&args);
    assert!(work.starts_with(std::env::temp_dir()), "{}", work.display());
    assert!(!work.exists(), "{} is left behind", work.display());
    // Only the PDF (and the test's own files) in the target folder: no temporary file.
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["args", "page.html", "sapa.pdf"]);
}

#[test]
fn a_browser_that_fails_leaves_nothing_and_says_what_it_said() {
    let dir = tempfile::tempdir().unwrap();
    let (log, out) = (dir.path().join("args"), dir.path().join("ud.pdf"));
    let output = rg(
        &[
            "compile",
            "catalogs/ky.yaml",
            "--format",
            "pdf",
            "-o",
            out.to_str().unwrap(),
            "--browser",
            fake_browser().to_str().unwrap(),
        ],
        &[
            ("FAKE_BROWSER_LOG", log.to_str().unwrap()),
            ("FAKE_BROWSER_MODE", "fail"),
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("did not print the PDF"), "{err}");
    assert!(
        err.contains("fake browser: cannot print this page"),
        "{err}"
    );
    assert!(!out.exists());
    assert!(!work_folder(&logged(&log)).exists());
}

/// Whether a process still runs (a zombie, waiting to be reaped by its new parent, does not).
fn running(pid: &str) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

#[test]
fn a_browser_that_hangs_is_ended_with_its_helpers_after_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let (log, out) = (dir.path().join("args"), dir.path().join("ud.pdf"));
    let started = std::time::Instant::now();
    let output = rg(
        &[
            "compile",
            "catalogs/bom.yaml",
            "--format",
            "pdf",
            "-o",
            out.to_str().unwrap(),
            "--browser",
            fake_browser().to_str().unwrap(),
        ],
        &[
            ("FAKE_BROWSER_LOG", log.to_str().unwrap()),
            ("FAKE_BROWSER_MODE", "hang"),
            ("RG_BROWSER_TIMEOUT", "1"),
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(started.elapsed().as_secs() < 30);
    assert!(
        stderr(&output).contains("did not finish within 1 s"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
    assert!(!work_folder(&logged(&log)).exists());
    let pids = fs::read_to_string(dir.path().join("args.pids")).unwrap();
    // Give the system a moment to reap the orphaned helper.
    std::thread::sleep(std::time::Duration::from_millis(300));
    for pid in pids.lines() {
        assert!(!running(pid), "process {pid} still runs");
    }
}

#[test]
fn the_pdf_is_written_like_every_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let (log, out) = (dir.path().join("args"), dir.path().join("ud.pdf"));
    fs::write(&out, "mit eget").unwrap();
    let run = |force: bool| {
        let mut args = vec![
            "compile",
            "catalogs/sapa.yaml",
            "--format",
            "pdf",
            "-o",
            out.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        let browser = fake_browser();
        let mut envs = vec![("FAKE_BROWSER_LOG", log.to_str().unwrap().to_string())];
        envs.push(("RG_BROWSER", browser.to_str().unwrap().to_string()));
        let envs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        rg(&args, &envs)
    };
    // Refused before the browser runs: nothing is printed to be thrown away.
    let output = run(false);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("already exists; use --force"));
    assert!(!log.exists(), "the browser ran");
    assert_eq!(fs::read_to_string(&out).unwrap(), "mit eget");
    // RG_BROWSER names the browser; --force replaces the file.
    let output = run(true);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(fs::read(&out).unwrap().starts_with(b"%PDF-"));
    let missing = dir.path().join("mangler/ud.pdf");
    let output = rg(
        &[
            "compile",
            "catalogs/sapa.yaml",
            "--format",
            "pdf",
            "-o",
            missing.to_str().unwrap(),
            "--browser",
            fake_browser().to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn without_a_browser_or_an_output_file_it_cannot_run() {
    let output = rg(
        &[
            "compile",
            "catalogs/sapa.yaml",
            "--format",
            "pdf",
            "-o",
            "/tmp/x.pdf",
            "--browser",
            "/nonexistent/chromium",
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("the browser `/nonexistent/chromium` named by --browser does not exist"),
        "{err}"
    );
    let output = rg(
        &[
            "compile",
            "catalogs/sapa.yaml",
            "--format",
            "pdf",
            "-o",
            "/tmp/x.pdf",
        ],
        &[("RG_BROWSER", "/nonexistent/edge")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("named by RG_BROWSER does not exist"));
    // A PDF is binary: it goes to a file, never to the terminal.
    let output = rg(&["compile", "catalogs/sapa.yaml", "--format", "pdf"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--output"), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    // --browser belongs to the PDF.
    let output = rg(
        &[
            "compile",
            "catalogs/sapa.yaml",
            "--browser",
            "/usr/bin/chromium",
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("only with --format pdf"));
}

/// With no browser on PATH, the message names every place tried and `--browser`; on a machine
/// with a browser in an install folder it is found there instead.
#[test]
fn no_browser_on_path_is_exit_2_naming_the_places_tried() {
    let empty = tempfile::tempdir().unwrap();
    let output = rg(
        &[
            "compile",
            "catalogs/sapa.yaml",
            "--format",
            "pdf",
            "-o",
            "/nonexistent/x.pdf",
        ],
        &[("PATH", empty.path().to_str().unwrap())],
    );
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    if err.contains("no Chromium, Chrome or Edge found") {
        for place in [
            "`chromium` on PATH",
            "`google-chrome` on PATH",
            "`msedge` on PATH",
        ] {
            assert!(err.contains(place), "{place}: {err}");
        }
        assert!(err.contains("/opt/google/chrome/chrome"), "{err}");
        assert!(err.contains("--browser PATH or RG_BROWSER"), "{err}");
    } else {
        // Found in an install folder: it got as far as the output's missing folder.
        assert!(
            err.contains("the folder `/nonexistent` does not exist"),
            "{err}"
        );
    }
}

// ------------------------------------------------------------------ with Chromium and poppler

/// One word of `pdftotext -bbox`, in points from the page's top left corner.
#[derive(Clone, Debug)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

struct Page {
    width: f64,
    height: f64,
    words: Vec<Word>,
}

fn attribute(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The pages of `pdftotext -bbox` output.
fn pages(bbox: &str) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for line in bbox.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(Page {
                width: attribute(line, "width"),
                height: attribute(line, "height"),
                words: Vec::new(),
            });
        } else if line.starts_with("<word ") {
            let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            pages.last_mut().unwrap().words.push(Word {
                text: unescape(text),
                x0: attribute(line, "xMin"),
                y0: attribute(line, "yMin"),
                x1: attribute(line, "xMax"),
                y1: attribute(line, "yMax"),
            });
        }
    }
    pages
}

/// The page's margins in points, as `print.css` sets them: top, right, bottom, left.
const MM: f64 = 72.0 / 25.4;
const MARGINS: [f64; 4] = [16.0 * MM, 16.0 * MM, 20.0 * MM, 18.0 * MM];
/// A point of slack: a glyph's box reaches a little past its line box (a line filled to the
/// right edge, a heading at the top of a page), which is no text outside the margin.
const SLACK: f64 = 1.0;

impl Page {
    fn body_bottom(&self) -> f64 {
        self.height - MARGINS[2]
    }

    /// The words of the text area, the running footer left out.
    fn body(&self) -> impl Iterator<Item = &Word> {
        self.words.iter().filter(|w| w.y0 < self.body_bottom())
    }

    /// How far down the text area the text reaches, 0 to 1.
    fn fill(&self) -> f64 {
        let lowest = self.body().map(|w| w.y1).fold(MARGINS[0], f64::max);
        (lowest - MARGINS[0]) / (self.body_bottom() - MARGINS[0])
    }

    /// The first line of the text area.
    fn first_line(&self) -> String {
        let top = self.body().map(|w| w.y0).fold(f64::MAX, f64::min);
        let mut line: Vec<&Word> = self.body().filter(|w| (w.y0 - top).abs() < 2.0).collect();
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        normalized(
            &line
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// Text as a reader reads it: soft hyphens and the hyphen of a word broken at one dropped,
/// whitespace as one space.
fn normalized(text: &str) -> String {
    let joined = text
        .replace("\u{ad}\u{2010}\n", "")
        .replace("\u{ad}-\n", "")
        .replace('\u{ad}', "")
        .replace("-\n", "-");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run(program: &Path, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{} {args:?}: {}",
        program.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_repository_catalogs_print_cleanly_on_a4() {
    let why = "it prints the catalogs and reads the PDFs back";
    let Some(browser) = support::browser(why) else {
        return;
    };
    let (Some(pdftotext), Some(pdfinfo)) = (
        support::program("pdftotext", why),
        support::program("pdfinfo", why),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for path in CATALOGS {
        let catalog = resolved(path);
        let pdf = dir
            .path()
            .join(format!("{}.pdf", catalog.system.replace(' ', "-")));
        let output = rg(
            &[
                "compile",
                path,
                "--format",
                "pdf",
                "-o",
                pdf.to_str().unwrap(),
                "--browser",
                browser.to_str().unwrap(),
            ],
            &[],
        );
        assert!(output.status.success(), "{path}: {}", stderr(&output));
        let pdf = pdf.to_str().unwrap();
        let info = run(&pdfinfo, &[pdf]);
        assert!(
            info.contains(&format!("Title:           {}", catalog.titel)),
            "{info}"
        );
        assert!(info.contains("(A4)"), "{path}: {info}");
        assert!(
            fs::read(pdf)
                .unwrap()
                .windows(10)
                .any(|w| w == b"/Lang (da)"),
            "{path}: the PDF does not say it is in Danish"
        );
        let count: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        read_back(
            path,
            &catalog,
            &run(&pdftotext, &[pdf, "-"]),
            count,
            &mut failures,
        );
        let bbox = run(&pdftotext, &["-bbox", pdf, "-"]);
        layout(path, &catalog, &pages(&bbox), &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every role's name, the version line and "side 1 af N" are in the text.
fn read_back(
    path: &str,
    catalog: &ResolvedCatalog,
    text: &str,
    pages: usize,
    failures: &mut Vec<String>,
) {
    let text = normalized(text);
    for role in &catalog.roller {
        if !text.contains(&normalized(&role.navn)) {
            failures.push(format!("{path}: `{}` is not in the PDF's text", role.navn));
        }
    }
    let version = catalog.dokument.version.as_deref().unwrap();
    let footer = format!("{} · Rollekatalog version {version}", catalog.system);
    for needle in [
        footer,
        format!("side 1 af {pages}"),
        format!("side {pages} af {pages}"),
    ] {
        if !text.contains(&needle) {
            failures.push(format!("{path}: `{needle}` is not in the PDF's text"));
        }
    }
}

fn layout(path: &str, catalog: &ResolvedCatalog, pages: &[Page], failures: &mut Vec<String>) {
    let chapters = api::chapter_titles(catalog);
    for (index, page) in pages.iter().enumerate() {
        let number = index + 1;
        inside_margins(path, number, page, failures);
        no_overlaps(path, number, page, failures);
        let chapter_end = pages.get(index + 1).is_none_or(|next| {
            chapters
                .iter()
                .any(|c| next.first_line().starts_with(c.as_str()))
        });
        if page.fill() < 0.25 && !chapter_end {
            failures.push(format!(
                "{path}: page {number} is {:.0}% full and does not end a chapter",
                page.fill() * 100.0
            ));
        }
    }
    headings_keep_their_tables(path, catalog, pages, failures);
}

fn inside_margins(path: &str, number: usize, page: &Page, failures: &mut Vec<String>) {
    let [top, right, bottom, left] = MARGINS;
    for w in &page.words {
        let footer = w.y0 >= page.height - bottom;
        let inside = w.x0 >= left - SLACK
            && w.x1 <= page.width - right + SLACK
            && w.y0 >= top - SLACK
            // The running footer sits in the bottom margin, clear of the paper's edge.
            && w.y1 <= if footer { page.height - 5.0 * MM } else { page.height - bottom + SLACK };
        if !inside {
            failures.push(format!(
                "{path}: page {number}: `{}` at ({:.1}, {:.1})–({:.1}, {:.1}) is outside the margins",
                w.text, w.x0, w.y0, w.x1, w.y1
            ));
        }
    }
}

fn no_overlaps(path: &str, number: usize, page: &Page, failures: &mut Vec<String>) {
    let mut words: Vec<&Word> = page.words.iter().collect();
    words.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    for (i, a) in words.iter().enumerate() {
        for b in words[i + 1..].iter().take_while(|b| b.y0 < a.y1) {
            // Glyph boxes of lines set close may touch; a word on top of another covers it.
            let width = a.x1.min(b.x1) - a.x0.max(b.x0);
            let height = a.y1.min(b.y1) - a.y0.max(b.y0);
            let smaller = ((a.y1 - a.y0).min(b.y1 - b.y0)).max(1.0);
            if width > 1.0 && height > 0.3 * smaller {
                failures.push(format!(
                    "{path}: page {number}: `{}` and `{}` overlap",
                    a.text, b.text
                ));
            }
        }
    }
}

/// The lines of a page set in type larger than `height` points (headings), top to bottom.
fn large_lines(page: &Page, height: f64) -> Vec<(f64, String)> {
    let mut words: Vec<&Word> = page.body().filter(|w| w.y1 - w.y0 > height).collect();
    words.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, Vec<&str>)> = Vec::new();
    for w in words {
        match lines.last_mut() {
            Some((y, line)) if (w.y0 - *y).abs() < 1.0 => line.push(&w.text),
            _ => lines.push((w.y0, vec![&w.text])),
        }
    }
    lines
        .into_iter()
        .map(|(y, line)| (y, normalized(&line.join(" "))))
        .collect()
}

/// A role's heading (its name in the larger type of an `h4`, 11.5 pt) is followed on its own
/// page by the header of its first table.
fn headings_keep_their_tables(
    path: &str,
    catalog: &ResolvedCatalog,
    pages: &[Page],
    failures: &mut Vec<String>,
) {
    for role in &catalog.roller {
        let name = normalized(&role.navn);
        let heading = pages.iter().enumerate().find_map(|(n, page)| {
            large_lines(page, 12.3)
                .into_iter()
                .find(|(_, line)| {
                    line.len() >= name.len().min(12) && name.starts_with(line.as_str())
                })
                .map(|(y, _)| (n, y))
        });
        let Some((n, y)) = heading else {
            failures.push(format!("{path}: no heading for `{}`", role.navn));
            continue;
        };
        let table = pages[n]
            .body()
            .any(|w| w.y0 > y && matches!(w.text.as_str(), "Opgaver" | "Ansvar"));
        if !table {
            failures.push(format!(
                "{path}: page {}: the heading `{}` is not followed by its table",
                n + 1,
                role.navn
            ));
        }
    }
}

/// The layout checks on made-up pages: each finds what it looks for, so a clean run means
/// something.
#[test]
fn the_layout_checks_find_what_they_look_for() {
    let word = |text: &str, x0: f64, y0: f64, x1: f64, y1: f64| Word {
        text: text.into(),
        x0,
        y0,
        x1,
        y1,
    };
    let a4 = |words: Vec<Word>| Page {
        width: 595.3,
        height: 841.9,
        words,
    };
    let mut failures = Vec::new();
    let overflowing = a4(vec![word("Opvarmningsperiode", 500.0, 100.0, 560.0, 110.0)]);
    inside_margins("t", 1, &overflowing, &mut failures);
    assert_eq!(failures.len(), 1, "{failures:?}");
    let on_top = a4(vec![
        word("Opvarmnings", 100.0, 100.0, 160.0, 110.0),
        word("KOMBIT", 150.0, 101.0, 190.0, 111.0),
        word("næste", 100.0, 110.5, 130.0, 120.5),
    ]);
    failures.clear();
    no_overlaps("t", 1, &on_top, &mut failures);
    assert_eq!(failures, ["t: page 1: `Opvarmnings` and `KOMBIT` overlap"]);
    let short = a4(vec![word("Kort", 60.0, 60.0, 80.0, 70.0)]);
    assert!(short.fill() < 0.25);
    let full = a4(vec![word("Lang", 60.0, 60.0, 80.0, 700.0)]);
    assert!(full.fill() > 0.75);
    assert_eq!(
        normalized("Opvarmnings\u{ad}\u{2010}\nperiode KOMBIT-\nprogramleder"),
        "Opvarmningsperiode KOMBIT-programleder"
    );
}
