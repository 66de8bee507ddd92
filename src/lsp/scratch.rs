//! Read-only files the server writes for the editor to open: the embedded gallery's roles (the
//! text `rg show` prints), where go to definition has no `gallery/<id>.yaml` to go to, and the
//! rules' explanations (`rg explain`), which a diagnostic's code links to. Every editor opens
//! a file; a URI scheme of rg's own would need a plugin in each. They live in a private
//! temporary folder made on first use (a name no other user can guess or take first) and
//! removed when the server ends.

use crate::diag::Rule;
use crate::model::GalleryRole;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Default)]
pub(crate) struct Scratch {
    folder: Option<tempfile::TempDir>,
    written: HashSet<PathBuf>,
}

impl Scratch {
    /// The file holding an embedded role as `rg show` prints it.
    pub(crate) fn role(&mut self, role: &GalleryRole) -> Option<PathBuf> {
        let text = crate::render::role::plain_text(role);
        self.file(
            Path::new("gallery"),
            &format!("{}.txt", role.id.value),
            &text,
        )
    }

    /// The file holding a rule's explanation, as `rg explain` prints it (Markdown).
    pub(crate) fn explanation(&mut self, rule: &Rule) -> Option<PathBuf> {
        let name = format!("{}.md", rule.code.replace("::", "-"));
        self.file(Path::new("explain"), &name, rule.explanation)
    }

    fn file(&mut self, folder: &Path, name: &str, text: &str) -> Option<PathBuf> {
        if self.folder.is_none() {
            self.folder = tempfile::Builder::new().prefix("rg-lsp-").tempdir().ok();
        }
        let path = self.folder.as_ref()?.path().join(folder).join(name);
        if self.written.contains(&path) {
            return Some(path);
        }
        std::fs::create_dir_all(path.parent()?).ok()?;
        std::fs::write(&path, text).ok()?;
        if let Ok(metadata) = std::fs::metadata(&path) {
            let mut permissions = metadata.permissions();
            permissions.set_readonly(true);
            let _ = std::fs::set_permissions(&path, permissions);
        }
        self.written.insert(path.clone());
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_written_once_read_only_and_removed_at_the_end() {
        let mut scratch = Scratch::default();
        let rule = &crate::diag::codes::catalog::UNKNOWN_ROLE;
        let path = scratch.explanation(rule).unwrap();
        assert!(path.ends_with("explain/rg-catalog-unknown_role.md"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), rule.explanation);
        assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
        assert_eq!(scratch.explanation(rule), Some(path.clone()));
        drop(scratch);
        assert!(!path.exists());
    }
}
