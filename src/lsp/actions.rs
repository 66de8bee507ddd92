//! Findings as the protocol has them, and the quick fixes: one code action per finding that
//! carries a certain fix, and one that applies all of a file's fixes that fit together.

use super::scratch::Scratch;
use super::{Server, text};
use crate::diag::{self, Diagnostic, Fix, Level, apply};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeDescription,
    DiagnosticSeverity, NumberOrString, Range, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

/// The findings of one file for the editor: range (UTF-16), severity, code linked to its
/// explanation, rg's message with its help on a second line.
pub(super) fn to_lsp(found: &[Diagnostic], scratch: &mut Scratch) -> Vec<lsp_types::Diagnostic> {
    found.iter().map(|d| one(d, scratch)).collect()
}

fn one(found: &Diagnostic, scratch: &mut Scratch) -> lsp_types::Diagnostic {
    let range = match (&found.location, found.span()) {
        (Some(location), Some(span)) => text::range(&location.file, span),
        _ => Range::default(),
    };
    let severity = match found.level {
        Level::Error => DiagnosticSeverity::ERROR,
        _ => DiagnosticSeverity::WARNING,
    };
    let href = scratch
        .explanation(found.rule)
        .and_then(|path| text::uri_of(&path));
    let message = match &found.help {
        Some(help) => format!("{}\nhelp: {help}", found.message),
        None => found.message.clone(),
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(found.code().to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("rg".into()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

/// A fix's edits in a file's text.
fn edits(file: &diag::SourceFile, fix: &Fix) -> Vec<TextEdit> {
    fix.edits
        .iter()
        .map(|edit| TextEdit::new(text::range(file, edit.span), edit.replacement.clone()))
        .collect()
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))
}

fn intersects(a: Range, b: Range) -> bool {
    let before = |x: lsp_types::Position, y: lsp_types::Position| {
        (x.line, x.character) < (y.line, y.character)
    };
    !before(a.end, b.start) && !before(b.end, a.start)
}

impl Server {
    pub(super) fn code_actions(
        &mut self,
        params: CodeActionParams,
    ) -> Option<Vec<CodeActionOrCommand>> {
        let wanted = |kind: &CodeActionKind| {
            params
                .context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
        };
        let document = self.current(&params.text_document.uri)?;
        let (uri, file) = (document.uri.clone(), std::sync::Arc::clone(&document.file));
        let found: Vec<Diagnostic> = document
            .checked
            .as_ref()
            .map(|(_, found)| found.clone())
            .unwrap_or_default();
        let mut actions = Vec::new();
        let fixable: Vec<&Diagnostic> = found.iter().filter(|d| d.fix.is_some()).collect();
        if wanted(&CodeActionKind::QUICKFIX) {
            for diagnostic in &fixable {
                let Some(fix) = &diagnostic.fix else { continue };
                let shown = one(diagnostic, &mut self.scratch);
                if !intersects(shown.range, params.range) {
                    continue;
                }
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown]),
                    edit: Some(workspace_edit(&uri, edits(&file, fix))),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                }));
            }
        }
        let fixes: Vec<&Fix> = fixable.iter().filter_map(|d| d.fix.as_deref()).collect();
        let together = apply::select(&file.text, &fixes);
        if wanted(&CodeActionKind::SOURCE_FIX_ALL) && !together.is_empty() {
            let all = together.iter().flat_map(|fix| edits(&file, fix)).collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Apply rg's certain fixes in this file ({})", together.len()),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(workspace_edit(&uri, all)),
                ..CodeAction::default()
            }));
        }
        Some(actions)
    }
}
