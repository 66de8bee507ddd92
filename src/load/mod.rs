//! Discover → load: reading files, parsing YAML with limits, the embedded gallery, `rg.toml`.

pub mod config;
pub mod discover;
pub mod gallery;
pub mod read;
pub mod workspace;
pub mod yaml;
