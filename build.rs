//! Embeds `gallery/` in the binary: writes a list of `(file name, include_str!)` pairs, so the
//! tool works on a machine with no files.

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
    let target =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_gallery.rs");
    fs::write(target, out).expect("OUT_DIR is writable");
}

/// The `version:` line of galleri.yaml, for `--version` (no YAML parser in the build script).
fn embedded_version(gallery: &Path) -> String {
    let text = fs::read_to_string(gallery.join("galleri.yaml")).unwrap_or_default();
    text.lines()
        .find_map(|line| line.strip_prefix("version:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .unwrap_or_else(|| "unknown".to_string())
}
