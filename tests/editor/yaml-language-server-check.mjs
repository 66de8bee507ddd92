// Checks that an editor gets completion and validation from the committed schemas, by talking to
// yaml-language-server (the server behind VS Code's YAML extension) over stdio as an editor does.
//
//   npm install --prefix /tmp/yls yaml-language-server
//   node tests/editor/yaml-language-server-check.mjs /tmp/yls/node_modules/.bin/yaml-language-server
//
// 1. A catalog naming its schema by the modeline `rg new catalog` writes: completions where a
//    key, a role id, a phase and a theme are typed, and a diagnostic under a misspelt role id.
// 2. Files with no modeline, associated by the `yaml.schemas` setting the README gives for
//    VS Code: a gallery role, gallery/galleri.yaml (which the role schema must not claim) and
//    an appointments file.
// Exit 0 when every expectation holds.

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const server = process.argv[2] ?? "yaml-language-server";
const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

// A repository as users have it: schemas/ (as `rg schema --dir schemas` writes it), catalogs/,
// gallery/ and a folder of appointments.
const root = mkdtempSync(join(tmpdir(), "rg-yls-"));
for (const folder of ["schemas", "catalogs", "gallery", "udpegninger"]) mkdirSync(join(root, folder));
for (const kind of ["catalog", "appointments", "gallery-role", "galleri", "config"]) {
  copyFileSync(join(repo, "schemas", `${kind}.schema.json`), join(root, "schemas", `${kind}.schema.json`));
}

// The association the README shows for VS Code's settings.json.
const settings = {
  yaml: {
    validate: true,
    completion: true,
    hover: true,
    schemaStore: { enable: false },
    schemas: {
      "./schemas/gallery-role.schema.json": ["gallery/*.yaml", "!gallery/galleri.yaml"],
      "./schemas/galleri.schema.json": "gallery/galleri.yaml",
      "./schemas/catalog.schema.json": "catalogs/*.yaml",
      "./schemas/appointments.schema.json": "udpegninger/*.yaml",
    },
  },
};

const child = spawn(server, ["--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnostics = new Map(); // uri -> latest diagnostics
const waiting = new Map(); // uri -> resolve

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve) => pending.set(id, resolve));
}

child.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
    buffer = buffer.subarray(headerEnd + 4 + length);
    if (message.id !== undefined && message.method === undefined) {
      pending.get(message.id)?.(message.result);
    } else if (message.method === "workspace/configuration") {
      send({ id: message.id, result: message.params.items.map((item) => settings[item.section] ?? null) });
    } else if (message.id !== undefined) {
      send({ id: message.id, result: null }); // client/registerCapability and the like
    } else if (message.method === "textDocument/publishDiagnostics") {
      diagnostics.set(message.params.uri, message.params.diagnostics);
      waiting.get(message.params.uri)?.();
    }
  }
});

const failures = [];
function expect(what, ok, detail) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${ok ? "" : `: ${JSON.stringify(detail)}`}`);
  if (!ok) failures.push(what);
}

/// Writes and opens a document; resolves once its first diagnostics are published.
function open(path, text) {
  const file = join(root, path);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const published = new Promise((resolve) => {
    waiting.set(uri, resolve);
    setTimeout(resolve, 10000);
  });
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "yaml", version: 1, text } } });
  return { uri, published };
}
async function complete(uri, line, character) {
  const result = await request("textDocument/completion", { textDocument: { uri }, position: { line, character } });
  return (Array.isArray(result) ? result : result?.items ?? []).map((item) => item.label);
}

await request("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(root).href,
  workspaceFolders: [{ uri: pathToFileURL(root).href, name: "repo" }],
  capabilities: {
    workspace: { configuration: true, workspaceFolders: true },
    textDocument: { completion: { completionItem: { snippetSupport: true } } },
  },
});
send({ method: "initialized", params: {} });
send({ method: "workspace/didChangeConfiguration", params: { settings } });

// 1. The modeline.
const catalogLines = [
  "# yaml-language-server: $schema=../schemas/catalog.schema.json",
  "system: SAPA",
  "", //                                   line 2: a new top-level key
  "roller:",
  "  - rolle: ", //                        line 4: a role id
  "    status:",
  "      ", //                             line 6: a phase key
  "klik_opgaver:",
  "  - id: PS-01",
  "    tema: ", //                         line 9: a theme
  "  - id: PS-02",
  "    ansvarlig: projektleer", //         line 11: misspelt role id
];
// Written outside catalogs/ so that only the modeline can name its schema.
mkdirSync(join(root, "elsewhere"));
const catalog = open("elsewhere/sapa.yaml", catalogLines.join("\n") + "\n");
const keys = await complete(catalog.uri, 2, 0);
expect("modeline: top-level keys", ["titel", "galleri", "fagomraade", "integrationer", "spoc"].every((k) => keys.includes(k)), keys);
const roles = await complete(catalog.uri, 4, 11);
expect("modeline: the 33 role ids after `rolle:`", roles.includes("projektleder") && roles.length === 33, roles);
const phases = await complete(catalog.uri, 6, 6);
expect("modeline: phases as status keys", ["opvarmning", "fase-1", "fase-4"].every((p) => phases.includes(p)), phases);
const themes = await complete(catalog.uri, 9, 10);
expect("modeline: the 7 themes after `tema:`", themes.includes("projektstyring-og-ledelse") && themes.length === 7, themes);
await catalog.published;
const misspelt = (diagnostics.get(catalog.uri) ?? []).find((d) => d.range.start.line === 11);
expect("modeline: a diagnostic under the misspelt role id", misspelt?.range.start.character === 15, diagnostics.get(catalog.uri));

// 2. The settings.json association.
const role = open("gallery/projektleder.yaml", "id: projektleder\ngruppe: \n");
const groups = await complete(role.uri, 1, 8);
expect("yaml.schemas: gallery role `gruppe` values", groups.join() === "systemspecifik,tvaergaaende,infrastruktur", groups);
const galleri = open("gallery/galleri.yaml", readFileSync(join(repo, "gallery", "galleri.yaml"), "utf8"));
await galleri.published;
expect("yaml.schemas: galleri.yaml validates (the role schema does not claim it)", (diagnostics.get(galleri.uri) ?? []).length === 0, diagnostics.get(galleri.uri));
const appointmentLines = [
  "kommune: Vordingborg",
  "tvaergaaende:",
  "  ", //                                 line 2: a cross-cutting role key
  "systemer:",
  "  - system: SAPA",
  "    fase: fase-3",
  "    udpegninger:",
  "      ", //                             line 7: any role key
];
const appointments = open("udpegninger/vordingborg.yaml", appointmentLines.join("\n") + "\n");
const cross = await complete(appointments.uri, 2, 2);
expect(
  "yaml.schemas: only cross-cutting roles under `tvaergaaende`",
  cross.includes("kombit-programleder") && !cross.includes("projektleder") && cross.length === 23,
  cross,
);
const any = await complete(appointments.uri, 7, 6);
expect("yaml.schemas: every role under `udpegninger`", any.includes("projektleder") && any.length === 33, any);

await request("shutdown", null);
send({ method: "exit" });
child.kill();
process.exit(failures.length === 0 ? 0 : 1);
