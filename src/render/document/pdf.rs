//! The rollekatalog as PDF (`rg compile --format pdf -o FILE`): the HTML document printed by a
//! Chromium-family browser already on the machine, in headless print-to-PDF. No typesetting
//! engine is built into the tool (one measured at ~370 crates and a 15-minute build); the
//! browser that the reader would print the HTML with does it, with the document's own
//! `@page` margin boxes as the running footer and its `<title>` and `lang` as the PDF's title
//! and language.
//!
//! The browser runs in a fresh temporary folder holding the page, its profile and the PDF,
//! removed afterwards whatever happens; it is started in a process group of its own, so that on
//! a timeout the browser and every helper process it started are ended.

use crate::failure::Failure;
use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the browser may take, unless `RG_BROWSER_TIMEOUT` (seconds) says otherwise.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Programs looked up on `PATH`, in order.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// Where the browser comes from, for the messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Environment,
    Found,
}

/// The browser to print with: `--browser`, else `RG_BROWSER`, else the first one found on
/// `PATH` or in the usual install folders. None found is exit 2, naming every place tried.
pub fn find_browser(flag: Option<&Path>) -> Result<(PathBuf, Origin), Failure> {
    if let Some(path) = flag {
        return named(path, "--browser").map(|p| (p, Origin::Flag));
    }
    if let Some(path) = std::env::var_os("RG_BROWSER").filter(|v| !v.is_empty()) {
        return named(Path::new(&path), "RG_BROWSER").map(|p| (p, Origin::Environment));
    }
    search(std::env::var_os("PATH"), install_folders())
        .map(|found| (found, Origin::Found))
        .map_err(|tried| {
            Failure::message(format!(
                "no Chromium, Chrome or Edge found to print the PDF; tried {}. Install one, or \
                 name it with --browser PATH or RG_BROWSER",
                tried.join(", ")
            ))
        })
}

/// The first browser on `path` (a `PATH` value) or among `folders`; else every place tried.
fn search(path: Option<OsString>, folders: Vec<PathBuf>) -> Result<PathBuf, Vec<String>> {
    let mut tried = Vec::new();
    for name in NAMES {
        if let Some(found) = on_path(path.as_ref(), name) {
            return Ok(found);
        }
        tried.push(format!("`{name}` on PATH"));
    }
    for folder in folders {
        if folder.is_file() {
            return Ok(folder);
        }
        tried.push(format!("`{}`", folder.display()));
    }
    Err(tried)
}

fn named(path: &Path, by: &str) -> Result<PathBuf, Failure> {
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    // A bare name (`--browser chromium`) is looked up on PATH.
    if path.components().count() == 1
        && let Some(found) = on_path(std::env::var_os("PATH").as_ref(), &path.to_string_lossy())
    {
        return Ok(found);
    }
    Err(Failure::message(format!(
        "the browser `{}` named by {by} does not exist",
        path.display()
    )))
}

fn on_path(path: Option<&OsString>, name: &str) -> Option<PathBuf> {
    let suffixes: &[&str] = if cfg!(windows) { &[".exe", ""] } else { &[""] };
    std::env::split_paths(path?)
        .filter(|dir| !dir.as_os_str().is_empty())
        .flat_map(|dir| suffixes.iter().map(move |s| dir.join(format!("{name}{s}"))))
        .find(|candidate| candidate.is_file())
}

/// The browsers' usual install folders on this kind of system.
fn install_folders() -> Vec<PathBuf> {
    if cfg!(windows) {
        return windows_folders();
    }
    if cfg!(target_os = "macos") {
        let apps = [
            "Google Chrome.app/Contents/MacOS/Google Chrome",
            "Chromium.app/Contents/MacOS/Chromium",
            "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
        ];
        let mut roots = vec![PathBuf::from("/Applications")];
        if let Some(home) = std::env::var_os("HOME") {
            roots.push(PathBuf::from(home).join("Applications"));
        }
        return roots
            .iter()
            .flat_map(|root| apps.iter().map(move |app| root.join(app)))
            .collect();
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/snap/bin/chromium",
        "/usr/bin/google-chrome",
        "/opt/google/chrome/chrome",
        "/usr/bin/microsoft-edge",
        "/opt/microsoft/msedge/msedge",
    ]
    .iter()
    .map(PathBuf::from)
    .collect()
}

fn windows_folders() -> Vec<PathBuf> {
    let programs = [
        "Google\\Chrome\\Application\\chrome.exe",
        "Microsoft\\Edge\\Application\\msedge.exe",
        "Chromium\\Application\\chrome.exe",
    ];
    ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"]
        .iter()
        .filter_map(std::env::var_os)
        .flat_map(|root| {
            programs
                .iter()
                .map(move |program| PathBuf::from(&root).join(program))
        })
        .collect()
}

fn timeout() -> Duration {
    std::env::var("RG_BROWSER_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(TIMEOUT, Duration::from_secs)
}

/// Prints the HTML page with the browser and returns the PDF's bytes.
pub fn print(html: &str, browser: &Path) -> Result<Vec<u8>, Failure> {
    let work = tempfile::Builder::new().prefix("rg-pdf-").tempdir()?;
    let result = print_in(work.path(), html, browser);
    remove(work);
    result
}

fn print_in(work: &Path, html: &str, browser: &Path) -> Result<Vec<u8>, Failure> {
    let page = work.join("rollekatalog.html");
    let pdf = work.join("rollekatalog.pdf");
    let profile = work.join("profil");
    std::fs::write(&page, html)?;
    std::fs::create_dir(&profile)?;
    let log = work.join("browser.log");
    let mut command = Command::new(browser);
    command
        .args(arguments(&profile, &pdf, &page))
        .stdin(Stdio::null())
        .stdout(Stdio::from(File::create(&log)?))
        .stderr(Stdio::from(File::create(&log)?));
    own_process_group(&mut command);
    let child = command.spawn().map_err(|error| {
        Failure::message(format!(
            "cannot start the browser `{}`: {error}",
            browser.display()
        ))
    })?;
    let status = wait(child, timeout(), browser)?;
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF-") {
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        return Err(Failure::message(format!(
            "the browser `{}` did not print the PDF ({status}){}",
            browser.display(),
            last_lines(&said)
        )));
    }
    Ok(bytes)
}

/// The headless print, as the machine's browser wants it: no sandbox (containers and CI lack
/// the namespaces), no GPU, no network of its own, a profile of its own, no header or footer
/// of the browser's (the document has its own).
fn arguments(profile: &Path, pdf: &Path, page: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-pdf-header-footer",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    let mut flag = |name: &str, path: &Path| {
        let mut arg = OsString::from(name);
        arg.push(path.as_os_str());
        args.push(arg);
    };
    flag("--user-data-dir=", profile);
    flag("--print-to-pdf=", pdf);
    args.push(OsString::from(file_url(page)));
    args
}

/// `file:///…` for an absolute path, with every byte outside the URL's safe set escaped.
fn file_url(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from(if shown.starts_with('/') {
        "file://"
    } else {
        "file:///"
    });
    for byte in shown.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                url.push(byte as char)
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

#[cfg(unix)]
fn own_process_group(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
}

#[cfg(not(unix))]
fn own_process_group(_: &mut Command) {}

/// Waits for the browser; past the timeout it and its helpers are ended. Either way any
/// helper still running afterwards is ended, so nothing holds the temporary folder.
fn wait(
    mut child: Child,
    timeout: Duration,
    browser: &Path,
) -> Result<std::process::ExitStatus, Failure> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait()? {
            end_group(&child);
            return Ok(status);
        }
        if Instant::now() >= deadline {
            end_group(&child);
            let _ = child.kill();
            let _ = child.wait();
            return Err(Failure::message(format!(
                "the browser `{}` did not finish within {} s (RG_BROWSER_TIMEOUT sets the limit)",
                browser.display(),
                timeout.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Ends the browser's process group (its id is the browser's own).
#[cfg(unix)]
fn end_group(child: &Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

#[cfg(windows)]
fn end_group(child: &Child) {
    let _ = Command::new("taskkill")
        .args(["/T", "/F", "/PID", &child.id().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

#[cfg(not(any(unix, windows)))]
fn end_group(_: &Child) {}

/// Removes the temporary folder, trying again briefly while a helper's files linger.
fn remove(work: tempfile::TempDir) {
    let path = work.keep();
    for _ in 0..20 {
        if std::fs::remove_dir_all(&path).is_ok() || !path.exists() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The last lines the browser printed, for the error message.
fn last_lines(said: &str) -> String {
    let lines: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = &lines[lines.len().saturating_sub(5)..];
    match tail.is_empty() {
        true => String::new(),
        false => format!(
            "; it said:\n{}",
            crate::printable::printable(&tail.join("\n"))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_what_urls_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/tmp/rg pdf/kåtalog.html")),
            "file:///tmp/rg%20pdf/k%C3%A5talog.html"
        );
        assert_eq!(
            file_url(Path::new("C:\\Users\\Anne B\\a.html")),
            "file:///C:/Users/Anne%20B/a.html"
        );
    }

    #[test]
    fn no_browser_names_every_place_tried() {
        let empty = tempfile::tempdir().unwrap();
        let folders = vec![empty.path().join("chrome"), empty.path().join("msedge")];
        let tried = search(Some(empty.path().as_os_str().to_owned()), folders).unwrap_err();
        assert_eq!(tried.len(), NAMES.len() + 2);
        assert_eq!(tried[0], "`chromium` on PATH");
        assert!(tried.last().unwrap().ends_with("msedge`"), "{tried:?}");
        // Every usual install folder of this kind of system is among those tried.
        assert!(install_folders().len() >= 3);
    }

    #[test]
    fn a_browser_on_path_or_in_a_folder_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let browser = dir.path().join("google-chrome");
        std::fs::write(&browser, "").unwrap();
        let path = Some(dir.path().as_os_str().to_owned());
        assert_eq!(search(path, Vec::new()), Ok(browser.clone()));
        assert_eq!(search(None, vec![browser.clone()]), Ok(browser));
    }

    #[test]
    fn the_browser_gets_the_machine_flags_and_its_own_profile() {
        let args = arguments(
            Path::new("/t/p"),
            Path::new("/t/o.pdf"),
            Path::new("/t/a.html"),
        );
        let args: Vec<String> = args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
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
            "--user-data-dir=/t/p",
            "--print-to-pdf=/t/o.pdf",
        ] {
            assert!(args.iter().any(|a| a == flag), "{flag}");
        }
        assert_eq!(args.last().unwrap(), "file:///t/a.html");
    }
}
