//! The gallery in use: its version file and its 33 roles in the standard's order, with the
//! lookups every command makes (by id, by Danish name, the nearest to a typo, a removed role).

use super::{Galleri, GalleryRole, Gruppe};
use crate::diag::SourceFile;
use crate::suggest;
use std::path::PathBuf;
use std::sync::Arc;

/// The 33 roles of Rollegalleri v1.6 in the standard's own order (its overview figure).
pub const STANDARD_ORDER: [&str; 33] = [
    "projektejer",
    "projektleder",
    "gevinstejer",
    "faglig-leder",
    "traener",
    "superbruger",
    "systemadministrator",
    "systemejer",
    "systemansvarlig",
    "supportberettiget-bruger",
    "kombit-programleder",
    "it-digitaliseringschef",
    "it-arkitekt",
    "tekniker",
    "underskriftberettiget",
    "klik-administrator",
    "infrastrukturejer",
    "infrastrukturansvarlig",
    "fk-oeko-koordinator",
    "systemejer-fk-oeko-finans",
    "systemejer-fk-oeko-debitor",
    "systemansvarlig-fk-oeko-finans",
    "systemansvarlig-fk-oeko-debitor",
    "rolleadministrator",
    "aftaleadministrator",
    "fordelingskomponentadministrator",
    "fk-oeko-finans-administrator",
    "fk-oeko-debitor-administrator",
    "forvaltningsansvarlig",
    "klassifikations-sortimentsadministrator",
    "organisationsadministrator",
    "ruteadministrator",
    "sundhedsagentadministrator",
];

/// Where a gallery came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GalleryOrigin {
    Embedded,
    Folder(PathBuf),
}

/// A gallery: its version file and its roles in the standard's order, each with its file.
#[derive(Debug)]
pub struct Gallery {
    pub galleri: Galleri,
    pub origin: GalleryOrigin,
    roles: Vec<GalleryRole>,
    /// The file of each role, in the same order as `roles`, so diagnostics can point into it.
    role_files: Vec<Arc<SourceFile>>,
    /// Every file read, `galleri.yaml` included.
    pub sources: Vec<Arc<SourceFile>>,
}

/// A role the gallery's version history says was removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedRole {
    /// The role's name as the history writes it.
    pub name: String,
    /// The gallery version that removed it.
    pub version: String,
}

impl Gallery {
    /// A gallery from its parts; roles are put in the standard's order.
    pub(crate) fn new(
        galleri: Galleri,
        origin: GalleryOrigin,
        roles: Vec<(GalleryRole, Arc<SourceFile>)>,
        sources: Vec<Arc<SourceFile>>,
    ) -> Gallery {
        let mut roles = roles;
        roles.sort_by_key(|(role, _)| standard_rank(&role.id.value));
        let (roles, role_files) = roles.into_iter().unzip();
        Gallery {
            galleri,
            origin,
            roles,
            role_files,
            sources,
        }
    }

    pub fn roles(&self) -> &[GalleryRole] {
        &self.roles
    }

    pub fn role(&self, id: &str) -> Option<&GalleryRole> {
        self.roles.iter().find(|role| role.id.value == id)
    }

    /// The roles with the files they were read from.
    pub fn roles_with_files(&self) -> impl Iterator<Item = (&GalleryRole, &Arc<SourceFile>)> {
        self.roles.iter().zip(&self.role_files)
    }

    pub fn version(&self) -> &str {
        &self.galleri.version
    }

    /// A role by id or by Danish name, ignoring case and æ/ø/å spelling (`træner`, `Faglig leder`).
    pub fn lookup(&self, input: &str) -> Option<&GalleryRole> {
        let wanted = suggest::fold(input);
        self.roles.iter().find(|role| {
            role.id.value == wanted
                || suggest::fold(&role.navn) == wanted
                || role
                    .navn
                    .split('/')
                    .any(|part| suggest::fold(part) == wanted)
                || role
                    .navn
                    .split(" (")
                    .next()
                    .is_some_and(|n| suggest::fold(n) == wanted)
        })
    }

    /// The id nearest to a mistyped id or name.
    pub fn suggest(&self, input: &str) -> Option<&str> {
        let ids = self
            .roles
            .iter()
            .map(|r| (r.id.value.as_str(), r.id.value.as_str()));
        let names = self
            .roles
            .iter()
            .map(|r| (r.navn.as_str(), r.id.value.as_str()));
        suggest::nearest_by(input, ids.chain(names))
    }

    /// The id nearest to a mistyped one among `candidates` (ids of this gallery).
    pub fn suggest_among<'a>(
        &self,
        input: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        let candidates: Vec<&'a str> = candidates.into_iter().collect();
        let names: Vec<String> = candidates
            .iter()
            .map(|id| {
                self.role(id)
                    .map_or_else(|| id.to_string(), |role| role.navn.clone())
            })
            .collect();
        let pairs = candidates.iter().map(|id| (*id, *id)).chain(
            names
                .iter()
                .map(String::as_str)
                .zip(candidates.iter().copied()),
        );
        let near = suggest::nearest_by(input, pairs)?;
        candidates.into_iter().find(|id| *id == near)
    }

    /// Ids of the roles in a group.
    pub fn ids_in(&self, gruppe: Gruppe) -> impl Iterator<Item = &str> {
        self.roles
            .iter()
            .filter(move |r| r.gruppe == gruppe)
            .map(|r| r.id.value.as_str())
    }

    /// The role the version history says was removed under this id or name (`sikkerhedsansvarlig`
    /// was removed in 1.6): the history's own words ("Fjernelse af rollen …", "Rollen som … udgår").
    pub fn removed(&self, input: &str) -> Option<RemovedRole> {
        let wanted = suggest::fold(input);
        self.galleri.historik.iter().find_map(|version| {
            version.aendringer.iter().find_map(|change| {
                removed_name(change)
                    .filter(|name| suggest::fold(name) == wanted)
                    .map(|name| RemovedRole {
                        name: name.to_string(),
                        version: version.version.clone(),
                    })
            })
        })
    }
}

/// The role a change bullet removes, by the history's two phrasings.
fn removed_name(change: &str) -> Option<&str> {
    let word_after = |lead: &str| {
        let at = change.find(lead)? + lead.len();
        let word = change[at..].split_whitespace().next()?;
        Some(word.trim_end_matches([',', '.', ';', ':']))
    };
    word_after("Fjernelse af rollen ").or_else(|| {
        let at = change.find("Rollen som ")? + "Rollen som ".len();
        let rest = &change[at..];
        let end = rest.find(" udgår")?;
        Some(rest[..end].trim()).filter(|name| !name.contains(' '))
    })
}

fn standard_rank(id: &str) -> (usize, String) {
    let rank = STANDARD_ORDER.iter().position(|known| *known == id);
    (rank.unwrap_or(STANDARD_ORDER.len()), id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_roles_are_read_from_the_history() {
        assert_eq!(
            removed_name("Fjernelse af rollen Sikkerhedsansvarlig, som erstattes af …"),
            Some("Sikkerhedsansvarlig")
        );
        assert_eq!(
            removed_name("Rollen som STS-projektleder udgår. Rollen er i praksis …"),
            Some("STS-projektleder")
        );
        assert_eq!(
            removed_name("Ændring i KOMBIT-programleders opgavebeskrivelse"),
            None
        );
    }
}
