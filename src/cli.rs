//! The command line, as clap sees it. Each subcommand's work lives in `commands/<name>.rs`.

use crate::term::ColorChoice;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// rollegalleri: KOMBIT's Rollegalleri as YAML — check, compile and compare role catalogs.
#[derive(Debug, Parser)]
#[command(name = "rg", version = crate::VERSION_LINE, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use this gallery folder instead of rg.toml's, the repository's gallery/ or the embedded one.
    #[arg(long, global = true, value_name = "DIR")]
    pub gallery: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the gallery's roles.
    List(ListArgs),
    /// Show one role in full.
    Show(ShowArgs),
}

/// Output formats of `rg list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Markdown,
}

/// Group filter values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GruppeArg {
    Systemspecifik,
    Tvaergaaende,
    Infrastruktur,
}

impl GruppeArg {
    pub fn gruppe(self) -> crate::model::Gruppe {
        match self {
            GruppeArg::Systemspecifik => crate::model::Gruppe::Systemspecifik,
            GruppeArg::Tvaergaaende => crate::model::Gruppe::Tvaergaaende,
            GruppeArg::Infrastruktur => crate::model::Gruppe::Infrastruktur,
        }
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only roles of this group.
    #[arg(long, value_enum)]
    pub gruppe: Option<GruppeArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Output formats of `rg show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A role id (`projektleder`) or Danish name (`"Faglig leder"`, `træner`).
    pub role: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}
