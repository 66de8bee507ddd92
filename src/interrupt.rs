//! An interrupted run (Ctrl-C's SIGINT, or SIGTERM) leaves no temporary file behind: the files
//! being written are listed here, and a thread of its own removes them when the signal comes,
//! then exits with the conventional code, 128 + the signal (130, 143).
//!
//! The list is locked while a temporary file is made, renamed into place or removed, and by
//! the thread while it removes them: a file is never renamed into place half removed, and none
//! is made unlisted. Elsewhere than on Unix an interrupt ends the run as it always did.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The temporary files that exist now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the list was held leaves it usable: it holds paths only.
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `f` with the list locked, the handler installed first; `f` adds or removes the files
/// it makes, renames or removes.
pub(crate) fn with_pending<R>(f: impl FnOnce(&mut Vec<PathBuf>) -> R) -> R {
    install();
    f(&mut pending())
}

/// Takes a file off the list (it was renamed into place or removed).
pub(crate) fn forget(list: &mut Vec<PathBuf>, path: &Path) {
    list.retain(|listed| listed != path);
}

#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // Without the handler (a system that refuses it) an interrupt ends the run as before.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let mut list = pending();
                for path in list.drain(..) {
                    let _ = std::fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn install() {}
