//! How fast `rg lsp` answers an edit: it drives the server as an editor does, in a corpus
//! workspace, and times each `didChange` of a catalog until the `publishDiagnostics` for that
//! version arrives, and until the last appointments file the change affects is published.
//!
//! `cargo run --release --example lsp-latency -- --corpus DIR [--rg PATH] [--changes N] [--gap-ms MS]`
//!
//! DIR is a corpus from `gen-corpus` (its `rg.toml` names `catalogs/` and `udpegninger/`).
//! Each change renames `projektleder` in the catalog's roles (and back, every other time), so
//! that every municipality's appointments of that system change their findings. Changes are
//! `--gap-ms` apart (default 400), longer than the server's 150 ms quiet time, as an editor
//! sends them when someone pauses; the figures are medians over `--changes` (default 40).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Args {
    corpus: PathBuf,
    rg: PathBuf,
    changes: usize,
    gap: Duration,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        corpus: PathBuf::new(),
        rg: PathBuf::from("target/release/rg"),
        changes: 40,
        gap: Duration::from_millis(400),
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let value = given.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--corpus" => args.corpus = PathBuf::from(value),
            "--rg" => args.rg = PathBuf::from(value),
            "--changes" => args.changes = value.parse().map_err(|_| "--changes N")?,
            "--gap-ms" => {
                args.gap = Duration::from_millis(value.parse().map_err(|_| "--gap-ms MS")?)
            }
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if args.corpus.as_os_str().is_empty() {
        return Err("--corpus DIR is needed (a corpus from gen-corpus)".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    match args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let corpus = args.corpus.canonicalize().map_err(|e| e.to_string())?;
    let rg = args
        .rg
        .canonicalize()
        .map_err(|e| format!("{}: {e}", args.rg.display()))?;
    let catalog = first_catalog(&corpus)?;
    let original = std::fs::read_to_string(&catalog).map_err(|e| e.to_string())?;
    let renamed = original.replacen("rolle: projektleder\n", "rolle: projektledr\n", 1);
    if renamed == original {
        return Err(format!(
            "{} has no `rolle: projektleder`",
            catalog.display()
        ));
    }
    let mut server = Server::start(&rg, &corpus)?;
    let uri = uri(&catalog);
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": original}}),
    )?;
    server.published(&uri, 1)?;
    let mut own = Vec::new();
    let mut all = Vec::new();
    let mut files = 0;
    for change in 0..args.changes {
        std::thread::sleep(args.gap);
        let version = change as i64 + 2;
        let text = if change % 2 == 0 { &renamed } else { &original };
        let sent = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        )?;
        own.push(server.published(&uri, version)?.duration_since(sent));
        let (last, count) = server.quiet(Duration::from_millis(300));
        all.push(last.map_or(Duration::ZERO, |at| at.duration_since(sent)));
        files = files.max(count);
    }
    server.stop()?;
    println!(
        "rg lsp, didChange of {} → publishDiagnostics",
        catalog.display()
    );
    println!(
        "  {} changes, {} ms apart",
        args.changes,
        args.gap.as_millis()
    );
    report("the catalog's own diagnostics", &mut own);
    report(
        &format!("the last of the {files} appointments files re-published"),
        &mut all,
    );
    Ok(())
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "  {what}: median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn first_catalog(corpus: &Path) -> Result<PathBuf, String> {
    let mut catalogs: Vec<PathBuf> = std::fs::read_dir(corpus.join("catalogs"))
        .map_err(|e| format!("{}/catalogs: {e}", corpus.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    catalogs.sort();
    catalogs
        .into_iter()
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("rolle: projektleder\n")))
        .ok_or("no catalog with `rolle: projektleder`".into())
}

struct Server {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    incoming: Receiver<(Instant, Value)>,
    next_id: i64,
}

impl Server {
    fn start(rg: &Path, corpus: &Path) -> Result<Server, String> {
        let mut child = Command::new(rg)
            .arg("lsp")
            .current_dir(corpus)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", rg.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if sender.send((Instant::now(), message)).is_err() {
                    return;
                }
            }
        });
        let mut server = Server {
            child,
            stdin,
            incoming,
            next_id: 1,
        };
        server.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(corpus), "capabilities": {}}),
        )?;
        server.notify("initialized", json!({}))?;
        Ok(server)
    }

    fn send(&mut self, message: Value) -> Result<(), String> {
        let body = serde_json::to_vec(&message).map_err(|e| e.to_string())?;
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).map_err(|e| e.to_string())?;
        self.stdin.write_all(&body).map_err(|e| e.to_string())?;
        self.stdin.flush().map_err(|e| e.to_string())
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        loop {
            let (_, message) = self.receive(Duration::from_secs(60))?;
            if message["id"] == id {
                return Ok(message["result"].clone());
            }
        }
    }

    fn receive(&mut self, wait: Duration) -> Result<(Instant, Value), String> {
        self.incoming
            .recv_timeout(wait)
            .map_err(|_| "rg lsp did not answer in time".to_string())
    }

    /// When the diagnostics of a document's version arrived.
    fn published(&mut self, uri: &str, version: i64) -> Result<Instant, String> {
        loop {
            let (at, message) = self.receive(Duration::from_secs(60))?;
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
            {
                return Ok(at);
            }
        }
    }

    /// Reads until nothing arrives for `quiet`: when the last message came, and how many.
    fn quiet(&mut self, quiet: Duration) -> (Option<Instant>, usize) {
        let mut last = None;
        let mut count = 0;
        while let Ok((at, _)) = self.incoming.recv_timeout(quiet) {
            last = Some(at);
            count += 1;
        }
        (last, count)
    }

    fn stop(mut self) -> Result<(), String> {
        self.request("shutdown", Value::Null)?;
        self.notify("exit", Value::Null)?;
        self.child.wait().map_err(|e| e.to_string())?;
        Ok(())
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}
