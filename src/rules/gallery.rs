//! Rules of the `gallery` family: gallery self-consistency.

use super::{Level, Rule};

pub(crate) static ID_MISMATCH: Rule = Rule {
    code: "rg::gallery::id_mismatch",
    level: Level::Error,
    summary: "a gallery role's `id` differs from its file name",
    explanation: include_str!("docs/gallery/id_mismatch.md"),
};

pub(crate) static UNKNOWN_REFERENCE: Rule = Rule {
    code: "rg::gallery::unknown_reference",
    level: Level::Error,
    summary: "`afloeses_af` or another id names no gallery role",
    explanation: include_str!("docs/gallery/unknown_reference.md"),
};

/// Every rule of this family, in registry order.
pub(crate) static ALL: &[&Rule] = &[&ID_MISMATCH, &UNKNOWN_REFERENCE];

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::load::gallery::Gallery;
use crate::load::yaml::value_span;
use crate::model::GalleryRole;
use crate::suggest;
use std::sync::Arc;

/// `id` must equal the file name without `.yaml`.
pub(crate) fn check_id(file: &Arc<SourceFile>, role: &GalleryRole) -> Option<Diagnostic> {
    let stem = file.path.file_stem()?.to_string_lossy();
    if role.id.value == stem {
        return None;
    }
    Some(
        Diagnostic::new(
            &ID_MISMATCH,
            format!("id `{}` differs from the file name `{stem}`", role.id.value),
        )
        .with_help(format!(
            "rename the file to `{}.yaml` or set `id: {stem}`",
            role.id.value
        ))
        .at(file, value_span(file, &role.id.referenced)),
    )
}

/// Every id a role names (`afloeses_af`) must be a role of the same gallery.
pub(crate) fn check_references(gallery: &Gallery) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (role, file) in gallery.roles_with_files() {
        let Some(target) = &role.udpegning.afloeses_af else {
            continue;
        };
        if gallery.role(&target.value).is_some() {
            continue;
        }
        found.push(
            Diagnostic::new(
                &UNKNOWN_REFERENCE,
                format!(
                    "`afloeses_af` names `{}`, which is not a gallery role",
                    target.value
                ),
            )
            .maybe_help(suggest::did_you_mean(gallery.suggest(&target.value)))
            .at(file, value_span(file, &target.referenced)),
        );
    }
    found
}
