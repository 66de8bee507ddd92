//! Rules of the `gallery` family: a gallery's self-consistency (ids, references).

use crate::diag::codes::gallery::*;
use crate::diag::{Diagnostic, SourceFile};
use crate::model::{Gallery, GalleryRole};
use std::sync::Arc;

/// Every gallery rule over a loaded gallery.
pub(crate) fn check(gallery: &Gallery) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = gallery
        .roles_with_files()
        .filter_map(|(role, file)| check_id(file, role))
        .collect();
    found.extend(check_references(gallery));
    found
}

/// `id` must equal the file name without `.yaml`.
fn check_id(file: &Arc<SourceFile>, role: &GalleryRole) -> Option<Diagnostic> {
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
        .at_value(file, &role.id),
    )
}

/// Every id a role names (`afloeses_af`) must be a role of the same gallery.
fn check_references(gallery: &Gallery) -> Vec<Diagnostic> {
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
            .at_value(file, target)
            .suggesting(target.span, gallery.suggest(&target.value)),
        );
    }
    found
}
