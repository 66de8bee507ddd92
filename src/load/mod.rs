//! Discover → read: finding files, reading and decoding them, `rg.toml`, and loading the
//! gallery. Loaders only load: the rules run in the check stage.

pub mod config;
pub mod discover;
pub mod gallery;
pub mod read;
pub mod workspace;
