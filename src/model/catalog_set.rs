//! The catalogs a run knows, by system: what appointments are checked and diffed against. A
//! catalog that could not be read or has errors is kept too, so that an appointments entry
//! naming its system can say why it was not checked instead of "no catalog".

use super::Catalog;
use crate::diag::{Diagnostic, SourceFile};
use std::collections::HashMap;
use std::sync::Arc;

/// One catalog file of the run.
#[derive(Debug)]
pub struct CatalogEntry {
    pub file: Arc<SourceFile>,
    /// What could be read of it.
    pub catalog: Option<Catalog>,
    /// Read whole and without errors: appointments can be checked against it.
    pub usable: bool,
    /// Every finding about the file (levels not applied).
    pub diagnostics: Vec<Diagnostic>,
}

impl CatalogEntry {
    pub fn system(&self) -> Option<&str> {
        self.catalog.as_ref().map(|c| c.system.value.as_str())
    }
}

/// What a run knows of the catalog for a system.
#[derive(Clone, Copy, Debug)]
pub enum Lookup<'a> {
    Usable(&'a Catalog),
    /// The catalog exists but has errors (or could not be read at all, and its file is named
    /// like the system).
    Broken(&'a CatalogEntry),
    /// Two catalogs declare the system: which one the municipalities were given cannot be told.
    Ambiguous(&'a CatalogEntry, &'a CatalogEntry),
    Unknown,
}

/// Catalogs by system, in the order they were added.
#[derive(Debug, Default)]
pub struct CatalogSet {
    entries: Vec<CatalogEntry>,
    /// The first entry of each system, by its name in ASCII lower case.
    by_system: HashMap<String, usize>,
    /// The second entry of a system declared twice among the named or among the reference
    /// catalogs.
    second: HashMap<String, usize>,
    /// Whether each entry is only a reference.
    reference: Vec<bool>,
}

/// System names match exactly, except for the case of ASCII letters (`sapa` is `SAPA`; a
/// look-alike letter is not).
fn system_key(name: &str) -> String {
    name.to_ascii_lowercase()
}

impl CatalogSet {
    /// Adds a catalog the run names (checked, or the folder `rg diff` reads).
    pub fn push(&mut self, entry: CatalogEntry) {
        self.add(entry, false);
    }

    /// Adds a catalog only read as a reference (the catalogs folder beside the checked
    /// files): a catalog the run names for the same system shadows it, as
    /// `rg check <(git show HEAD:catalogs/sapa.yaml) kommuner/` means.
    pub fn push_reference(&mut self, entry: CatalogEntry) {
        self.add(entry, true);
    }

    fn add(&mut self, entry: CatalogEntry, reference: bool) {
        if let Some(system) = entry.system() {
            let key = system_key(system);
            match self.by_system.get(&key) {
                None => {
                    self.by_system.insert(key, self.entries.len());
                }
                Some(&first) if self.reference[first] == reference => {
                    self.second.entry(key).or_insert(self.entries.len());
                }
                Some(_) => {}
            }
        }
        self.entries.push(entry);
        self.reference.push(reference);
    }

    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    /// The entries, in order, to build the set again with some of them replaced.
    pub fn into_entries(self) -> Vec<CatalogEntry> {
        self.entries
    }

    /// The entry that first declared a system.
    pub fn first_of(&self, system: &str) -> Option<&CatalogEntry> {
        self.by_system
            .get(&system_key(system))
            .map(|&index| &self.entries[index])
    }

    pub fn lookup(&self, system: &str) -> Lookup<'_> {
        if let Some(entry) = self.first_of(system) {
            if let Some(&second) = self.second.get(&system_key(system)) {
                return Lookup::Ambiguous(entry, &self.entries[second]);
            }
            return match (&entry.catalog, entry.usable) {
                (Some(catalog), true) => Lookup::Usable(catalog),
                _ => Lookup::Broken(entry),
            };
        }
        // A catalog that could not be read at all names no system; its file name may.
        let unread = self.entries.iter().find(|e| {
            e.catalog.is_none()
                && e.file
                    .path
                    .file_stem()
                    .is_some_and(|stem| stem.to_string_lossy().eq_ignore_ascii_case(system))
        });
        unread.map_or(Lookup::Unknown, Lookup::Broken)
    }

    /// The systems of every catalog read, for a help that lists them.
    pub fn systems(&self) -> Vec<&str> {
        let mut systems: Vec<&str> = self
            .entries
            .iter()
            .filter_map(CatalogEntry::system)
            .collect();
        systems.sort_unstable();
        systems.dedup();
        systems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn set_of(system: &str) -> CatalogSet {
        let file = SourceFile::new(
            Path::new("catalogs/x.yaml"),
            format!("system: {system}\nroller: []\n"),
        );
        let catalog = crate::yaml::document::<Catalog>(&file).value;
        let mut set = CatalogSet::default();
        set.push(CatalogEntry {
            file,
            catalog,
            usable: true,
            diagnostics: Vec::new(),
        });
        set
    }

    #[test]
    fn names_match_ignoring_ascii_case_only() {
        let set = set_of("KY");
        assert!(matches!(set.lookup("ky"), Lookup::Usable(_)));
        assert!(matches!(set.lookup("\u{212a}Y"), Lookup::Unknown));
        let set = set_of("Ø");
        assert!(matches!(set.lookup("ø"), Lookup::Unknown));
    }
}
