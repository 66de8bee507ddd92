//! Embeds `gallery/` in the binary: writes a list of `(file name, include_str!)` pairs, so the
//! tool works on a machine with no files, and the same files pre-parsed as one JSON document,
//! so that start-up reads JSON instead of parsing YAML (`rg list` in a few milliseconds).

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let gallery = Path::new(&manifest).join("gallery");
    println!("cargo:rerun-if-changed={}", gallery.display());
    let mut names: Vec<String> = fs::read_dir(&gallery)
        .expect("the gallery/ folder is part of the package")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut out = String::from("pub(crate) static FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = gallery.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    println!(
        "cargo:rustc-env=RG_EMBEDDED_GALLERY_VERSION={}",
        embedded_version(&gallery)
    );
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out_dir).join("embedded_gallery.rs"), out).expect("OUT_DIR is writable");
    fs::write(
        Path::new(&out_dir).join("embedded_gallery.json"),
        preparsed(&gallery, &names),
    )
    .expect("OUT_DIR is writable");
}

/// `{"galleri": ..., "roles": [...]}` with the roles in file-name order, or `null` when a file
/// is not valid YAML: the binary then parses the YAML itself and reports what is wrong.
fn preparsed(gallery: &Path, names: &[String]) -> String {
    let mut galleri = serde_json::Value::Null;
    let mut roles = Vec::new();
    for name in names {
        let text = fs::read_to_string(gallery.join(name)).unwrap_or_default();
        let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(&text) else {
            return "null".to_string();
        };
        if name == "galleri.yaml" {
            galleri = value;
        } else {
            roles.push(value);
        }
    }
    serde_json::json!({ "galleri": galleri, "roles": roles }).to_string()
}

/// The `version:` line of galleri.yaml, for `--version` (no YAML parser in the build script).
fn embedded_version(gallery: &Path) -> String {
    let text = fs::read_to_string(gallery.join("galleri.yaml")).unwrap_or_default();
    text.lines()
        .find_map(|line| line.strip_prefix("version:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .unwrap_or_else(|| "unknown".to_string())
}
