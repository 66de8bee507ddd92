//! `rg list`: the gallery's roles as a table, JSON or Markdown.

use crate::cli::{ListArgs, ListFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::model::{GalleryRole, Maade, Phase};
use crate::render::markdown_text;
use crate::render::role::maade_text;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use std::io::Write;

/// One row of the list, also its JSON shape.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    navn: &'a str,
    gruppe: &'static str,
    maade: Maade,
    fase: Option<Phase>,
}

impl<'a> Row<'a> {
    fn of(role: &'a GalleryRole) -> Row<'a> {
        Row {
            id: &role.id.value,
            navn: &role.navn,
            gruppe: role.gruppe.id(),
            maade: role.udpegning.maade,
            fase: role.udpegning.fase,
        }
    }
}

pub fn run(args: &ListArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let gallery = ctx.gallery()?;
    let rows: Vec<Row> = gallery
        .roles()
        .iter()
        .filter(|role| args.gruppe.is_none_or(|g| role.gruppe == g))
        .map(Row::of)
        .collect();
    match args.format {
        ListFormat::Table => writeln!(out, "{}", table(&rows, ctx))?,
        ListFormat::Json => writeln!(out, "{}", crate::printable::json_pretty(&rows)?)?,
        ListFormat::Markdown => write!(out, "{}", markdown(&rows))?,
    }
    Ok(Outcome::Clean)
}

fn table(rows: &[Row], ctx: &Context) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(["id", "navn", "gruppe", "besættes", "fase"]);
    if !ctx.term.is_terminal {
        table.set_width(ctx.term.width as u16);
    }
    for row in rows {
        table.add_row([
            row.id,
            row.navn,
            row.gruppe,
            maade_text(row.maade),
            row.fase.map_or("", Phase::id),
        ]);
    }
    table
}

fn markdown(rows: &[Row]) -> String {
    let mut out = String::from("| id | navn | gruppe | besættes | fase |\n|---|---|---|---|---|\n");
    for row in rows {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            row.id,
            markdown_text::cell(row.navn),
            row.gruppe,
            maade_text(row.maade),
            row.fase.map_or("", Phase::id)
        ));
    }
    out
}
