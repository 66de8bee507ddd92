//! Programs outside Rust that some tests need (headless Chromium to print, poppler to read a
//! PDF back). A test asks for one here: when it is missing the test prints `SKIPPED: <why>` and
//! passes, unless `RG_REQUIRE_EXTERNAL=1` is set (CI sets it), and then it fails.
#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};

/// The Chromium-family browsers a test may print with, by the names they go by on PATH.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// Whether a missing program fails the test (`RG_REQUIRE_EXTERNAL=1`).
pub fn required() -> bool {
    std::env::var("RG_REQUIRE_EXTERNAL").is_ok_and(|v| v == "1")
}

/// A program on PATH, or `None` after saying why the test is skipped; with
/// `RG_REQUIRE_EXTERNAL=1` a missing program panics instead.
pub fn program(name: &str, why: &str) -> Option<PathBuf> {
    if let Some(found) = on_path(name) {
        return Some(found);
    }
    missing(&format!("`{name}` is not on PATH; {why}"))
}

/// A Chromium-family browser on PATH (`RG_BROWSER` first, as `rg` itself looks).
pub fn browser(why: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("RG_BROWSER").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(path));
    }
    if let Some(found) = BROWSERS.iter().find_map(|name| on_path(name)) {
        return Some(found);
    }
    missing(&format!(
        "no Chromium-family browser ({}) is on PATH; {why}",
        BROWSERS.join(", ")
    ))
}

fn missing(message: &str) -> Option<PathBuf> {
    if required() {
        panic!(
            "{message} (RG_REQUIRE_EXTERNAL=1: install it, e.g. apt-get install chromium poppler-utils)"
        );
    }
    eprintln!("SKIPPED: {message}");
    println!("SKIPPED: {message}");
    None
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}
