//! `rg lsp`: a language server on stdin/stdout (JSON-RPC with Content-Length framing, through
//! `lsp-server`, synchronous on one thread besides its two I/O threads).
//!
//! Every document is checked as `rg check FILE` checks it, in its workspace (the folder of the
//! `rg.toml` above it, else of `.git`, else its own), with the texts the editor holds in place
//! of their files: on open and save at once, on change 150 ms after the last change of a burst
//! (a change after 150 ms of quiet is checked at once). When a catalog changes, the open
//! appointments files of its workspace are checked again and published first; then the files
//! of `rg.toml`'s appointments folder, a few at a time between messages, each published when
//! its findings differ from what was published for it last.

mod actions;
mod assist;
mod context;
mod scratch;
mod text;

use crate::diag::{Diagnostic, SourceFile};
use crate::load::discover::FileKind;
use crate::load::workspace::Workspace;
use crate::pipeline::session::Session;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification, request};
use scratch::Scratch;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a burst of changes is left alone before its document is checked.
const QUIET: Duration = Duration::from_millis(150);

/// Files on disk checked between two looks for a message.
const BATCH: usize = 8;

/// Runs the server until the editor says `exit`; `Err` on a broken connection.
pub(crate) fn run(gallery_flag: Option<&Path>) -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let (id, _params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let answer = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "rg", "version": env!("CARGO_PKG_VERSION")},
    });
    connection
        .initialize_finish(id, answer)
        .map_err(|e| e.to_string())?;
    let mut server = Server::new(&connection, gallery_flag);
    server.serve(&connection)?;
    drop(server);
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())
}

fn capabilities() -> lsp_types::ServerCapabilities {
    use lsp_types::*;
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some([" ", ":", "[", ","].iter().map(|c| c.to_string()).collect()),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// An open document.
pub(crate) struct Document {
    pub(crate) uri: lsp_types::Uri,
    /// As the pipeline names it (relative to the current folder when below it).
    pub(crate) path: PathBuf,
    /// Its workspace's root (absolute).
    pub(crate) root: PathBuf,
    pub(crate) version: i32,
    pub(crate) file: Arc<SourceFile>,
    /// The findings of the last check and the version they are for.
    pub(crate) checked: Option<(i32, Vec<Diagnostic>)>,
    /// What was last published for it.
    pub(crate) published: Option<(i32, Vec<lsp_types::Diagnostic>)>,
}

struct Server {
    /// Sends a message to the editor (through the connection's writer thread).
    sender: Box<dyn Fn(Message)>,
    gallery_flag: Option<PathBuf>,
    documents: HashMap<String, Document>,
    sessions: HashMap<PathBuf, Session>,
    /// Documents whose check waits for a burst of changes to end.
    due: HashMap<String, Instant>,
    last_change: HashMap<String, Instant>,
    /// Files on disk to check again: their workspace's root and their path.
    queue: VecDeque<(PathBuf, PathBuf)>,
    /// What was last published for files that are not open.
    published: HashMap<String, Vec<lsp_types::Diagnostic>>,
    scratch: Scratch,
}

impl Server {
    fn new(connection: &Connection, gallery_flag: Option<&Path>) -> Server {
        let sender = connection.sender.clone();
        Server {
            // A closed connection ends the loop at the next receive.
            sender: Box::new(move |message| {
                let _ = sender.send(message);
            }),
            gallery_flag: gallery_flag.map(Path::to_path_buf),
            documents: HashMap::new(),
            sessions: HashMap::new(),
            due: HashMap::new(),
            last_change: HashMap::new(),
            queue: VecDeque::new(),
            published: HashMap::new(),
            scratch: Scratch::default(),
        }
    }

    fn serve(&mut self, connection: &Connection) -> Result<(), String> {
        loop {
            let message = match self.wait() {
                None => match connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                },
                Some(wait) => match connection.receiver.recv_timeout(wait) {
                    Ok(message) => message,
                    Err(error) if error.is_timeout() => {
                        self.work();
                        continue;
                    }
                    Err(_) => return Ok(()),
                },
            };
            match message {
                Message::Request(request) => {
                    if connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    self.request(request);
                }
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
    }

    /// How long to wait for a message before work is due: `None` when nothing is.
    fn wait(&self) -> Option<Duration> {
        let now = Instant::now();
        let debounced = self
            .due
            .values()
            .min()
            .map(|at| at.saturating_duration_since(now));
        match debounced {
            Some(wait) => Some(wait),
            None if !self.queue.is_empty() => Some(Duration::ZERO),
            None => None,
        }
    }

    /// The documents whose burst has ended, else a batch of files from the queue.
    fn work(&mut self) {
        let now = Instant::now();
        let ready: Vec<String> = self
            .due
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        if !ready.is_empty() {
            for uri in ready {
                self.due.remove(&uri);
                self.check_document(&uri);
            }
            return;
        }
        self.check_batch();
    }

    fn send(&self, message: Message) {
        (self.sender)(message);
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params).into());
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Some(params) = parse::<lsp_types::DidOpenTextDocumentParams>(notification) {
                    self.opened(params.text_document);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Some(params) = parse::<lsp_types::DidChangeTextDocumentParams>(notification)
                {
                    self.changed(params);
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                if let Some(params) = parse::<lsp_types::DidSaveTextDocumentParams>(notification) {
                    self.saved(params.text_document.uri.as_str());
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Some(params) = parse::<lsp_types::DidCloseTextDocumentParams>(notification) {
                    self.closed(params.text_document.uri.as_str());
                }
            }
            notification::DidChangeWatchedFiles::METHOD => {
                if let Some(params) = parse::<lsp_types::DidChangeWatchedFilesParams>(notification)
                {
                    for change in params.changes {
                        if let Some(path) = text::path_of(&change.uri) {
                            self.changed_on_disk(&path);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            request::HoverRequest::METHOD => self.answer(request, |s, p| s.hover(p)),
            request::GotoDefinition::METHOD => self.answer(request, |s, p| s.definition(p)),
            request::Completion::METHOD => self.answer(request, |s, p| s.completion(p)),
            request::CodeActionRequest::METHOD => self.answer(request, |s, p| s.code_actions(p)),
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("rg lsp does not answer {}", request.method),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response.into());
    }

    fn answer<P: DeserializeOwned, R: serde::Serialize>(
        &mut self,
        request: Request,
        handle: impl FnOnce(&mut Server, P) -> Option<R>,
    ) -> Result<serde_json::Value, (ErrorCode, String)> {
        let params: P = serde_json::from_value(request.params)
            .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        serde_json::to_value(handle(self, params))
            .map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    fn opened(&mut self, item: lsp_types::TextDocumentItem) {
        let Some(absolute) = text::path_of(&item.uri).map(|p| text::absolute(&p)) else {
            return;
        };
        let root = Workspace::root_of(absolute.parent().unwrap_or(Path::new("/")));
        // Named as the workspace's folders will be: relative to the current folder only when
        // the root is too.
        let path = match text::shown(&root).is_absolute() {
            true => absolute.clone(),
            false => text::shown(&absolute),
        };
        let key = item.uri.as_str().to_string();
        let document = Document {
            file: SourceFile::new(&path, item.text),
            uri: item.uri,
            path,
            root,
            version: item.version,
            checked: None,
            published: None,
        };
        self.published.remove(&key);
        self.documents.insert(key.clone(), document);
        self.check_document(&key);
    }

    fn changed(&mut self, params: lsp_types::DidChangeTextDocumentParams) {
        let key = params.text_document.uri.as_str().to_string();
        let Some(document) = self.documents.get_mut(&key) else {
            return;
        };
        let mut text = document.file.text.clone();
        for change in params.content_changes {
            text::apply_change(&mut text, change);
        }
        document.file = SourceFile::new(&document.path, text);
        document.version = params.text_document.version;
        let now = Instant::now();
        let quiet = self
            .last_change
            .insert(key.clone(), now)
            .is_none_or(|last| now.duration_since(last) >= QUIET);
        if quiet && !self.due.contains_key(&key) {
            self.check_document(&key);
        } else {
            self.due.insert(key, now + QUIET);
        }
    }

    fn saved(&mut self, uri: &str) {
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let path = document.path.clone();
        self.due.remove(uri);
        if self.changed_on_disk(&path) {
            return;
        }
        self.check_document(uri);
    }

    fn closed(&mut self, uri: &str) {
        self.due.remove(uri);
        self.last_change.remove(uri);
        let Some(document) = self.documents.remove(uri) else {
            return;
        };
        let catalog = self
            .session(&document.root)
            .map(|session| {
                session.release(&document.path);
                session.kind(&document.file) == FileKind::Catalog
            })
            .unwrap_or(false);
        self.notify::<notification::PublishDiagnostics>(lsp_types::PublishDiagnosticsParams {
            uri: document.uri.clone(),
            diagnostics: Vec::new(),
            version: None,
        });
        if catalog {
            self.dependents(&document.root, uri);
        }
    }

    /// A file changed on disk (saved, or reported by the editor's watcher): a changed
    /// `rg.toml` or gallery file opens its workspace anew and checks its open documents again.
    /// `true` when it did.
    fn changed_on_disk(&mut self, path: &Path) -> bool {
        let absolute = text::absolute(path);
        let settings = absolute.file_name().is_some_and(|n| n == "rg.toml")
            || matches!(
                crate::load::discover::kind_by_folder(&absolute),
                Some(FileKind::GalleryRole | FileKind::Galleri)
            );
        if !settings {
            return false;
        }
        let root = Workspace::root_of(absolute.parent().unwrap_or(Path::new("/")));
        self.sessions.remove(&root);
        let open: Vec<String> = self
            .documents
            .iter()
            .filter(|(_, d)| d.root == root)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in open {
            self.check_document(&uri);
        }
        true
    }

    /// The workspace's session, opened on first use with every open document of it held.
    fn session(&mut self, root: &Path) -> Option<&mut Session> {
        if !self.sessions.contains_key(root) {
            let workspace = Workspace::discover_in(&text::shown(root));
            match Session::open(&workspace, self.gallery_flag.as_deref()) {
                Ok(mut session) => {
                    for document in self.documents.values().filter(|d| d.root == root) {
                        session.hold(Arc::clone(&document.file));
                    }
                    self.sessions.insert(root.to_path_buf(), session);
                }
                Err(error) => {
                    let message = format!("rg: {}", crate::printable::one_line(&error.message));
                    self.notify::<notification::ShowMessage>(lsp_types::ShowMessageParams {
                        typ: lsp_types::MessageType::ERROR,
                        message,
                    });
                    return None;
                }
            }
        }
        self.sessions.get_mut(root)
    }

    /// Checks a document as it is now, publishes its findings, and after a catalog the files
    /// that depend on it.
    fn check_document(&mut self, uri: &str) {
        self.check(uri, true);
    }

    /// Checks a document; `own` when for a change of its own (then its findings are published
    /// even when they did not change, for the new version).
    fn check(&mut self, uri: &str, own: bool) {
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let (root, file, version) = (
            document.root.clone(),
            Arc::clone(&document.file),
            document.version,
        );
        let Some(session) = self.session(&root) else {
            return;
        };
        session.hold(Arc::clone(&file));
        let catalog = session.kind(&file) == FileKind::Catalog;
        let found = session.check(&file.path);
        let diagnostics = actions::to_lsp(&found, &mut self.scratch);
        if let Some(document) = self.documents.get_mut(uri) {
            document.checked = Some((version, found));
            let published = Some((version, diagnostics));
            // Checked again for another file's change: published only if its findings changed.
            let same = !own && document.published == published;
            document.published = published.clone();
            let uri = document.uri.clone();
            if let (false, Some((version, diagnostics))) = (same, published) {
                self.notify::<notification::PublishDiagnostics>(
                    lsp_types::PublishDiagnosticsParams {
                        uri,
                        diagnostics,
                        version: Some(version),
                    },
                );
            }
        }
        if catalog {
            self.dependents(&root, uri);
        }
    }

    /// After a catalog changed: the open appointments files of its workspace now, then the
    /// appointments folder's other files through the queue.
    fn dependents(&mut self, root: &Path, changed: &str) {
        let open: Vec<String> = self
            .documents
            .iter()
            .filter(|(uri, d)| d.root == root && uri.as_str() != changed)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in open {
            let is_appointments = match (self.documents.get(&uri), self.sessions.get(root)) {
                (Some(document), Some(session)) => {
                    session.kind(&document.file) == FileKind::Appointments
                }
                _ => false,
            };
            if is_appointments && !self.due.contains_key(&uri) {
                self.check(&uri, false);
            }
        }
        let Some(session) = self.sessions.get(root) else {
            return;
        };
        let files: Vec<PathBuf> = session
            .appointments_files()
            .into_iter()
            .filter(|path| !session.is_held(path))
            .collect();
        self.queue.retain(|(r, _)| r != root);
        self.queue
            .extend(files.into_iter().map(|path| (root.to_path_buf(), path)));
    }

    /// Checks a few queued files of one workspace and publishes those whose findings changed.
    fn check_batch(&mut self) {
        let Some((root, _)) = self.queue.front().cloned() else {
            return;
        };
        let mut paths = Vec::new();
        while paths.len() < BATCH && self.queue.front().is_some_and(|(r, _)| *r == root) {
            if let Some((_, path)) = self.queue.pop_front() {
                paths.push(path);
            }
        }
        let Some(session) = self.session(&root) else {
            return;
        };
        let checked = session.check_many(&paths);
        for (path, found) in checked {
            let Some(uri) = text::uri_of(&text::absolute(&path)) else {
                continue;
            };
            let diagnostics = actions::to_lsp(&found, &mut self.scratch);
            let key = uri.as_str().to_string();
            if self.documents.contains_key(&key) {
                continue;
            }
            let before = self.published.get(&key).map_or(&[][..], Vec::as_slice);
            if before == diagnostics.as_slice() {
                continue;
            }
            self.published.insert(key, diagnostics.clone());
            self.notify::<notification::PublishDiagnostics>(lsp_types::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            });
        }
    }

    /// A document checked at its current version (a request may come before a debounced check).
    fn current(&mut self, uri: &lsp_types::Uri) -> Option<&Document> {
        let key = uri.as_str();
        let stale = self
            .documents
            .get(key)
            .is_some_and(|d| d.checked.as_ref().is_none_or(|(v, _)| *v != d.version));
        if stale {
            self.due.remove(key);
            self.check_document(key);
        }
        self.documents.get(key)
    }
}

fn parse<P: DeserializeOwned>(notification: Notification) -> Option<P> {
    serde_json::from_value(notification.params).ok()
}
