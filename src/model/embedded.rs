//! The gallery compiled into the binary (written by build.rs): its files, and the same files
//! pre-parsed as one JSON document. Loaded by `load::gallery`; its role ids feed the schemas.

include!(concat!(env!("OUT_DIR"), "/embedded_gallery.rs"));

/// The same files pre-parsed by build.rs (`null` if one was not valid YAML).
pub(crate) static JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/embedded_gallery.json"));
