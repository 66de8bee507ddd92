//! `rg list`: the gallery's roles as a table, JSON or Markdown.

use crate::cli::{ListArgs, ListFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::model::{GalleryRole, Maade, Phase};
use crate::render::grid::{Align, Cell, Grid};
use crate::render::markdown_text;
use crate::render::role::maade_text;
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

/// The list fitted to the terminal: ids never broken, names wrapped at spaces; on a narrow
/// terminal the group goes first, then how and when the role is filled, and on one too narrow
/// for an id beside the longest word of a name, the names.
fn table(rows: &[Row], ctx: &Context) -> String {
    let mut grid = Grid::new()
        .column("id", Align::Left, 0)
        .column("navn", Align::Left, 1)
        .column("gruppe", Align::Left, 3)
        .column("besættes", Align::Left, 2);
    for row in rows {
        let filled = match row.fase {
            Some(phase) => Cell::pieces([
                maade_text(row.maade).to_string(),
                format!("i {}", phase.id()),
            ]),
            None => Cell::text(maade_text(row.maade)),
        };
        grid.row(vec![
            Cell::whole(row.id),
            Cell::text(row.navn),
            Cell::whole(row.gruppe),
            filled,
        ]);
    }
    grid.render(ctx.term.width, ctx.term.color)
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
