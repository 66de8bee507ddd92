//! Hover, go to definition and completion: what the cursor is on ([`super::context`]), looked
//! up in the workspace's gallery and catalogs.

use super::context::{self, At, Node, Place, Step};
use super::{Server, text};
use crate::diag::SourceFile;
use crate::load::discover::FileKind;
use crate::model::{
    Catalog, Gallery, GalleryOrigin, GalleryRole, Gruppe, Integration, Lookup, Maade, Phase,
    Status, Theme,
};
use crate::pipeline::session::Session;
use crate::render::markdown_text::inline;
use crate::vocab::Vocabulary;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location,
    MarkupContent, MarkupKind, Range, TextEdit,
};
use std::sync::Arc;

/// What the cursor names.
enum Subject {
    Role(String),
    Person(String),
    System(String),
}

/// Where a catalog names a role.
const CATALOG_ROLES: &[&str] = &[
    "roller.*.rolle",
    "spoc.?",
    "klik_opgaver.*.ansvarlig",
    "klik_opgaver.*.udfoerer",
    "klik_opgaver.*.udfoerer.*",
    "klik_opgaver.*.involverede",
    "klik_opgaver.*.involverede.*",
    "roller.*.personsammenfald.anbefalet.*",
    "roller.*.personsammenfald.undgaas.*",
];

/// Whether a path fits a pattern: keys by name, `*` any list item, `?` any key.
fn matches(path: &[Step], pattern: &str) -> bool {
    let parts: Vec<&str> = pattern.split('.').collect();
    parts.len() == path.len()
        && parts.iter().zip(path).all(|(part, step)| match step {
            Step::Index(_) => *part == "*",
            Step::Key(key) => *part == "?" || part == key,
        })
}

fn any(path: &[Step], patterns: &[&str]) -> bool {
    patterns.iter().any(|pattern| matches(path, pattern))
}

fn subject(kind: FileKind, at: &At) -> Option<Subject> {
    let (path, value, word) = (&at.path[..], at.place == Place::Value, at.text.clone());
    match kind {
        FileKind::Catalog if value && any(path, CATALOG_ROLES) => Some(Subject::Role(word)),
        FileKind::Appointments => {
            let role_keys = ["tvaergaaende.?", "systemer.*.udpegninger.?"];
            let holders = [
                "tvaergaaende.?",
                "tvaergaaende.?.*",
                "systemer.*.udpegninger.?",
                "systemer.*.udpegninger.?.*",
            ];
            if !value && any(path, &role_keys) {
                Some(Subject::Role(word))
            } else if value && any(path, &holders) || !value && matches(path, "personer.?") {
                Some(Subject::Person(word))
            } else if value && matches(path, "systemer.*.system") {
                Some(Subject::System(word))
            } else {
                None
            }
        }
        FileKind::GalleryRole if value && any(path, &["udpegning.afloeses_af", "id"]) => {
            Some(Subject::Role(word))
        }
        _ => None,
    }
}

/// The system entry an appointments path lies in: `systemer[i]`.
fn system_index(path: &[Step]) -> Option<usize> {
    match path {
        [Step::Key(key), Step::Index(i), ..] if key == "systemer" => Some(*i),
        _ => None,
    }
}

/// The catalog a document's cursor is in the context of: the catalog itself, or the catalog of
/// the appointments entry's system.
fn catalog_of(
    session: &mut Session,
    kind: FileKind,
    file: &Arc<SourceFile>,
    at: &At,
    tree: Option<&Node>,
) -> Option<Catalog> {
    match kind {
        FileKind::Catalog => crate::yaml::document::<Catalog>(file).value,
        FileKind::Appointments => {
            let i = system_index(&at.path)?;
            let name = tree?.text(&[
                Step::Key("systemer".into()),
                Step::Index(i),
                Step::Key("system".into()),
            ])?;
            match session.catalogs().lookup(name) {
                Lookup::Usable(catalog) => Some(catalog.clone()),
                Lookup::Broken(entry) => entry.catalog.clone(),
                // Two catalogs for the system: which one holds cannot be told.
                Lookup::Ambiguous(..) | Lookup::Unknown => None,
            }
        }
        _ => None,
    }
}

/// A role in Markdown: name, id, group, effect, how it is appointed, and its status per phase
/// in the catalog (★ where it is the SPOC).
fn role_markdown(role: &GalleryRole, catalog: Option<&Catalog>) -> String {
    let mut out = format!(
        "**{}** · `{}` · {}\n\n{}\n\n*{}*\n",
        inline(&role.navn),
        role.id.value,
        role.gruppe.id(),
        inline(&role.effekt),
        inline(&crate::render::role::udpegning_text(role)),
    );
    let Some(catalog) = catalog else {
        return out;
    };
    let system = inline(&catalog.system.value);
    let Some(entry) = catalog.entry(&role.id.value) else {
        out.push_str(&format!("\nIkke i kataloget for {system}.\n"));
        return out;
    };
    if let Some(name) = &entry.navn {
        out.push_str(&format!("\nNavn i kataloget: {}\n", inline(&name.value)));
    }
    let spoc = |phase: Phase| {
        catalog.spoc.as_ref().is_some_and(|spoc| {
            spoc.value
                .iter()
                .any(|(p, id)| p.value == phase && id.value == role.id.value)
        })
    };
    let headers: Vec<&str> = Phase::ALL.iter().map(|p| p.id()).collect();
    let cells: Vec<String> = Phase::ALL
        .iter()
        .map(|phase| {
            let status = match entry.status_in(*phase) {
                Status::Inaktiv => "–".to_string(),
                status => status.id().to_string(),
            };
            if spoc(*phase) {
                format!("{status} ★")
            } else {
                status
            }
        })
        .collect();
    out.push_str(&format!(
        "\nStatus i kataloget for {system} (★ SPOC):\n\n| {} |\n|{}\n| {} |\n",
        headers.join(" | "),
        ":-:|".repeat(headers.len()),
        cells.join(" | ")
    ));
    out
}

/// What the cursor is on in a document, and the document's session and kind.
struct Cursor {
    file: Arc<SourceFile>,
    root: std::path::PathBuf,
    at: At,
    tree: Option<Node>,
}

impl Server {
    fn cursor(&self, uri: &lsp_types::Uri, position: lsp_types::Position) -> Option<Cursor> {
        let document = self.documents.get(uri.as_str())?;
        let file = Arc::clone(&document.file);
        let offset = text::offset(&file.text, position);
        let (at, tree) = context::at(&file, offset);
        Some(Cursor {
            root: document.root.clone(),
            file,
            at: at?,
            tree,
        })
    }

    pub(super) fn hover(&mut self, params: HoverParams) -> Option<Hover> {
        let place = params.text_document_position_params;
        let cursor = self.cursor(&place.text_document.uri, place.position)?;
        let session = self.session(&cursor.root)?;
        let kind = session.kind(&cursor.file);
        let markdown = match subject(kind, &cursor.at)? {
            Subject::Role(id) => {
                let catalog = catalog_of(
                    session,
                    kind,
                    &cursor.file,
                    &cursor.at,
                    cursor.tree.as_ref(),
                );
                let role = session.pipeline.gallery.role(&id)?;
                role_markdown(role, catalog.as_ref())
            }
            Subject::Person(key) => {
                let tree = cursor.tree.as_ref()?;
                let person = [Step::Key("personer".into()), Step::Key(key.clone())];
                let name = tree.text(&[&person[..], &[Step::Key("navn".into())]].concat());
                match name {
                    Some(name) => format!("**{}** · `{}`", inline(name), inline(&key)),
                    None => format!("`{}` is not under `personer`", inline(&key)),
                }
            }
            Subject::System(name) => {
                let entry = session.catalogs().first_of(&name)?;
                let title = entry
                    .catalog
                    .as_ref()
                    .and_then(|c| c.titel.get().cloned())
                    .unwrap_or_default();
                format!(
                    "**{}** · {}\n\n`{}`",
                    inline(&name),
                    inline(&title),
                    inline(&entry.file.name)
                )
            }
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(text::range(&cursor.file, cursor.at.word)),
        })
    }

    pub(super) fn definition(
        &mut self,
        params: GotoDefinitionParams,
    ) -> Option<GotoDefinitionResponse> {
        let place = params.text_document_position_params;
        let uri = place.text_document.uri.clone();
        let cursor = self.cursor(&uri, place.position)?;
        let session = self.session(&cursor.root)?;
        let kind = session.kind(&cursor.file);
        let location = match subject(kind, &cursor.at)? {
            Subject::Role(id) => {
                let gallery = &session.pipeline.gallery;
                match gallery.origin {
                    GalleryOrigin::Folder(_) => {
                        let (role, file) = gallery
                            .roles_with_files()
                            .find(|(role, _)| role.id.value == id)?;
                        Location::new(
                            text::uri_of(&text::absolute(&file.path))?,
                            text::range(file, role.id.span),
                        )
                    }
                    GalleryOrigin::Embedded => {
                        let role = gallery.role(&id)?.clone();
                        let path = self.scratch.role(&role)?;
                        Location::new(text::uri_of(&path)?, Range::default())
                    }
                }
            }
            Subject::Person(key) => {
                let keys = cursor.tree.as_ref()?.keys(&[Step::Key("personer".into())]);
                let (_, span) = keys.into_iter().find(|(k, _)| *k == key)?;
                Location::new(uri, text::range(&cursor.file, span))
            }
            Subject::System(name) => {
                let entry = session.catalogs().first_of(&name)?;
                let span = entry
                    .catalog
                    .as_ref()
                    .map(|c| c.system.span)
                    .unwrap_or_default();
                Location::new(
                    text::uri_of(&text::absolute(&entry.file.path))?,
                    text::range(&entry.file, span),
                )
            }
        };
        Some(GotoDefinitionResponse::Scalar(location))
    }

    pub(super) fn completion(&mut self, params: CompletionParams) -> Option<CompletionResponse> {
        let place = params.text_document_position;
        let cursor = self.cursor(&place.text_document.uri, place.position)?;
        let session = self.session(&cursor.root)?;
        let kind = session.kind(&cursor.file);
        let offered = match kind {
            FileKind::Catalog => in_catalog(&session.pipeline.gallery, &cursor),
            FileKind::Appointments => in_appointments(session, kind, &cursor),
            FileKind::GalleryRole => in_gallery_role(&session.pipeline.gallery, &cursor),
            _ => Vec::new(),
        };
        let range = text::range(&cursor.file, cursor.at.word);
        let rest = &cursor.file.text[cursor.at.word.end()..];
        let colon_follows = rest.trim_start_matches(' ').starts_with(':');
        let as_key = cursor.at.place == Place::Key && !colon_follows;
        let items = offered
            .into_iter()
            .enumerate()
            .map(|(i, offer)| {
                let new_text = if as_key {
                    format!("{}: ", offer.label)
                } else {
                    offer.label.clone()
                };
                CompletionItem {
                    kind: Some(CompletionItemKind::VALUE),
                    detail: offer.detail,
                    documentation: offer.documentation.map(lsp_types::Documentation::String),
                    sort_text: Some(format!("{}{i:04}", offer.rank)),
                    filter_text: Some(offer.label.clone()),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
                    label: offer.label,
                    ..CompletionItem::default()
                }
            })
            .collect();
        Some(CompletionResponse::Array(items))
    }
}

/// One completion: the id to write, what it is, and its rank (0 first).
struct Offer {
    label: String,
    detail: Option<String>,
    documentation: Option<String>,
    rank: u8,
}

fn offer(label: &str, detail: &str, rank: u8) -> Offer {
    Offer {
        label: label.to_string(),
        detail: Some(detail.to_string()),
        documentation: None,
        rank,
    }
}

fn vocabulary<V: Vocabulary>(except: &[&str]) -> Vec<Offer> {
    V::all()
        .iter()
        .filter(|value| !except.contains(&value.id()))
        .map(|value| offer(value.id(), value.title(), 0))
        .collect()
}

fn role_offer(role: &GalleryRole, rank: u8) -> Offer {
    Offer {
        label: role.id.value.clone(),
        detail: Some(format!("{} · {}", role.navn, role.gruppe.id())),
        documentation: Some(role.effekt.clone()),
        rank,
    }
}

/// The roles a catalog lists, each with its status per phase, from its tree (or, when the
/// document does not parse, from its `rolle:` lines).
fn listed_roles(cursor: &Cursor) -> Vec<(String, Vec<(Phase, Status)>)> {
    let roller = [Step::Key("roller".into())];
    let Some(Node::Seq(items, _)) = cursor.tree.as_ref().and_then(|t| t.get(&roller)) else {
        return cursor
            .file
            .text
            .lines()
            .filter_map(|line| {
                let line = line.trim_start().trim_start_matches("- ");
                let id = line.strip_prefix("rolle:")?.trim();
                (!id.is_empty()).then(|| (id.to_string(), Vec::new()))
            })
            .collect();
    };
    items
        .iter()
        .filter_map(|item| {
            let id = item.text(&[Step::Key("rolle".into())])?;
            let status = [Step::Key("status".into())];
            let statuses = item
                .keys(&status)
                .into_iter()
                .filter_map(|(phase, _)| {
                    let written = item.text(&[status[0].clone(), Step::Key(phase.into())])?;
                    Some((Phase::from_id(phase)?, Status::from_id(written)?))
                })
                .collect();
            Some((id.to_string(), statuses))
        })
        .collect()
}

fn status_in(statuses: &[(Phase, Status)], phase: Phase) -> Status {
    statuses
        .iter()
        .find(|(p, _)| *p == phase)
        .map_or(Status::Inaktiv, |(_, s)| *s)
}

/// The roles of the catalog, those fitting a phase first (`wanted`), as completions.
fn catalog_offers(
    gallery: &Gallery,
    listed: &[(String, Vec<(Phase, Status)>)],
    first: impl Fn(&[(Phase, Status)]) -> bool,
) -> Vec<Offer> {
    listed
        .iter()
        .filter_map(|(id, statuses)| {
            let role = gallery.role(id)?;
            Some(role_offer(role, if first(statuses) { 0 } else { 1 }))
        })
        .collect()
}

fn in_catalog(gallery: &Gallery, cursor: &Cursor) -> Vec<Offer> {
    let at = &cursor.at;
    let (path, value) = (&at.path[..], at.place == Place::Value);
    let listed = listed_roles(cursor);
    let phase_of_key = |path: &[Step]| match path.last() {
        Some(Step::Key(key)) => Phase::from_id(key),
        _ => None,
    };
    if value && matches(path, "roller.*.rolle") {
        return gallery
            .roles()
            .iter()
            .map(|role| {
                let listed_already = listed.iter().any(|(id, _)| *id == role.id.value);
                role_offer(role, if listed_already { 1 } else { 0 })
            })
            .collect();
    }
    if value && matches(path, "spoc.?") {
        let phase = phase_of_key(path);
        return catalog_offers(gallery, &listed, |statuses| {
            phase.is_some_and(|p| status_in(statuses, p) == Status::Obligatorisk)
        });
    }
    if value && any(path, &CATALOG_ROLES[2..]) {
        let task_phase = cursor
            .tree
            .as_ref()
            .zip(path.get(1))
            .and_then(|(tree, index)| {
                tree.text(&[
                    Step::Key("klik_opgaver".into()),
                    index.clone(),
                    Step::Key("fase".into()),
                ])
            })
            .and_then(Phase::from_id);
        return catalog_offers(gallery, &listed, |statuses| {
            task_phase.is_some_and(|p| status_in(statuses, p) != Status::Inaktiv)
        });
    }
    let written_keys = |at_path: &[Step]| -> Vec<String> {
        let parent = &at_path[..at_path.len().saturating_sub(1)];
        cursor
            .tree
            .as_ref()
            .map(|t| t.keys(parent).iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default()
    };
    if !value && any(path, &["spoc.?", "roller.*.status.?"]) {
        let keys = written_keys(path);
        let except: Vec<&str> = keys
            .iter()
            .map(String::as_str)
            .filter(|k| *k != at.text)
            .collect();
        return vocabulary::<Phase>(&except);
    }
    if value && matches(path, "roller.*.status.?") {
        return vocabulary::<Status>(&[]);
    }
    if value
        && any(
            path,
            &[
                "roller.*.udpeges",
                "roller.*.aktiveres",
                "klik_opgaver.*.fase",
            ],
        )
    {
        return vocabulary::<Phase>(&[]);
    }
    if value && matches(path, "klik_opgaver.*.tema") {
        return vocabulary::<Theme>(&[]);
    }
    if value && any(path, &["integrationer.*", "integrationer"]) {
        return vocabulary::<Integration>(&[]);
    }
    if value && matches(path, "dokument.status") {
        return vocabulary::<crate::model::DocumentStatus>(&[]);
    }
    Vec::new()
}

fn in_appointments(session: &mut Session, kind: FileKind, cursor: &Cursor) -> Vec<Offer> {
    let at = &cursor.at;
    let (path, value) = (&at.path[..], at.place == Place::Value);
    let gallery = &session.pipeline.gallery;
    if !value && matches(path, "tvaergaaende.?") {
        return gallery
            .roles()
            .iter()
            .filter(|role| role.gruppe != Gruppe::Systemspecifik)
            .map(|role| role_offer(role, 0))
            .collect();
    }
    let holders = [
        "tvaergaaende.?",
        "tvaergaaende.?.*",
        "systemer.*.udpegninger.?",
        "systemer.*.udpegninger.?.*",
    ];
    if value && any(path, &holders) {
        let Some(tree) = cursor.tree.as_ref() else {
            return Vec::new();
        };
        let personer = Step::Key("personer".into());
        return tree
            .keys(std::slice::from_ref(&personer))
            .into_iter()
            .map(|(key, _)| {
                let name = tree
                    .text(&[
                        personer.clone(),
                        Step::Key(key.into()),
                        Step::Key("navn".into()),
                    ])
                    .unwrap_or_default();
                offer(key, name, 0)
            })
            .collect();
    }
    if value && matches(path, "systemer.*.fase") {
        return vocabulary::<Phase>(&[]);
    }
    if value && matches(path, "systemer.*.system") {
        return session
            .catalogs()
            .entries()
            .iter()
            .filter_map(|entry| {
                let catalog = entry.catalog.as_ref()?;
                Some(offer(&catalog.system.value, &entry.file.name, 0))
            })
            .collect();
    }
    if !value && matches(path, "systemer.*.udpegninger.?") {
        let catalog = catalog_of(session, kind, &cursor.file, at, cursor.tree.as_ref());
        let gallery = &session.pipeline.gallery;
        let phase = system_index(path)
            .zip(cursor.tree.as_ref())
            .and_then(|(i, tree)| {
                tree.text(&[
                    Step::Key("systemer".into()),
                    Step::Index(i),
                    Step::Key("fase".into()),
                ])
            })
            .and_then(Phase::from_id);
        return match catalog {
            Some(catalog) => catalog
                .roller
                .iter()
                .filter_map(|entry| {
                    let role = gallery.role(&entry.rolle.value)?;
                    let needed = phase.is_some_and(|p| entry.status_in(p) != Status::Inaktiv);
                    Some(role_offer(role, if needed { 0 } else { 1 }))
                })
                .collect(),
            None => gallery
                .roles()
                .iter()
                .filter(|role| role.gruppe == Gruppe::Systemspecifik)
                .map(|role| role_offer(role, 0))
                .collect(),
        };
    }
    Vec::new()
}

fn in_gallery_role(gallery: &Gallery, cursor: &Cursor) -> Vec<Offer> {
    let at = &cursor.at;
    if at.place != Place::Value {
        return Vec::new();
    }
    let path = &at.path[..];
    if matches(path, "udpegning.afloeses_af") {
        return gallery.roles().iter().map(|r| role_offer(r, 0)).collect();
    }
    if any(path, &["udpegning.fase", "udpegning.udfases_efter"]) {
        return vocabulary::<Phase>(&[]);
    }
    if matches(path, "udpegning.maade") {
        return vocabulary::<Maade>(&[]);
    }
    if matches(path, "gruppe") {
        return vocabulary::<Gruppe>(&[]);
    }
    if matches(path, "integrationer.*") {
        return vocabulary::<Integration>(&[]);
    }
    Vec::new()
}
