//! `rg show ROLE`: one role in full, as text, JSON or Markdown.

use crate::cli::{ShowArgs, ShowFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::model::{Gallery, GalleryRole};
use crate::render::role;
use crate::suggest;
use std::io::Write;

pub fn run(args: &ShowArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let gallery = ctx.gallery()?;
    let found = find(&gallery, &args.role)?;
    match args.format {
        ShowFormat::Text => write!(out, "{}", role::text(found, &ctx.term))?,
        ShowFormat::Json => writeln!(out, "{}", crate::printable::json_pretty(found)?)?,
        ShowFormat::Markdown => write!(out, "{}", role::markdown(found))?,
    }
    Ok(Outcome::Clean)
}

fn find<'g>(gallery: &'g Gallery, wanted: &str) -> Result<&'g GalleryRole, Failure> {
    gallery.lookup(wanted).ok_or_else(|| {
        let hint = suggest::did_you_mean(gallery.suggest(wanted))
            .unwrap_or_else(|| "`rg list` shows every role".to_string());
        Failure::message(format!("no role `{wanted}` in the gallery; {hint}"))
    })
}
