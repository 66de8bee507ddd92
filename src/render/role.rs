//! One gallery role in full, as `rg show` prints it (text or Markdown) and the language server
//! shows it (hover, the read-only role document).

use crate::model::{Duty, GalleryRole, Maade, Mark};
use crate::render::markdown_text;
use crate::term::{Term, wrap};

/// How a role is filled, in the gallery's words.
pub(crate) fn maade_text(maade: Maade) -> &'static str {
    match maade {
        Maade::Udpeges => "udpeges",
        Maade::Aktiveres => "aktiveres",
        Maade::IkkeInitieret => "ikke initieret",
    }
}

/// The role's appointment as a Danish sentence fragment.
pub(crate) fn udpegning_text(role: &GalleryRole) -> String {
    let u = &role.udpegning;
    let mut parts = vec![maade_text(u.maade).to_string()];
    if let Some(fase) = u.fase {
        parts.push(format!("i {}", fase.title()));
    }
    if let Some(after) = u.udfases_efter {
        parts.push(format!("udfases efter {}", after.title()));
    }
    if let Some(by) = &u.afloeses_af {
        parts.push(format!("afløses af {}", by.value));
    }
    parts.join(", ")
}

fn marks(duty: &Duty) -> (String, String) {
    let mark = |m: Mark, letter: &str| match m {
        Mark::Yes => letter.to_string(),
        Mark::No => String::new(),
        Mark::Conditional => format!("({letter})"),
    };
    (
        mark(duty.implementering, "I"),
        mark(duty.drift_og_forvaltning, "D"),
    )
}

/// Duties with their I/D columns, each bullet wrapped under a hanging indent.
fn duty_lines(duties: &[Duty], width: usize) -> String {
    let mut out = String::new();
    for duty in duties {
        let (i, d) = marks(duty);
        let first = format!("  {i:<3} {d:<3} • ");
        let rest = " ".repeat(first.chars().count());
        out.push_str(&wrap(&duty.tekst, width, &first, &rest));
    }
    out
}

/// The role as `rg show` prints it to a file or pipe: no colour, 100 columns.
pub(crate) fn plain_text(role: &GalleryRole) -> String {
    text(role, &Term::plain_at(100))
}

pub(crate) fn text(role: &GalleryRole, term: &Term) -> String {
    let mut out = format!(
        "{}  ({} · {})\n",
        term.bold(&role.navn),
        role.id.value,
        role.gruppe.id()
    );
    let width = term.width.min(100);
    let section = |out: &mut String, heading: &str, body: &str| {
        out.push_str(&format!(
            "\n{}\n{}",
            term.bold(heading),
            wrap(body, width, "  ", "  ")
        ));
    };
    section(&mut out, "Effekt", &role.effekt);
    if let Some(beskrivelse) = &role.beskrivelse {
        section(&mut out, "Beskrivelse", beskrivelse);
    }
    for (heading, duties) in [("Opgaver", &role.opgaver), ("Ansvar", &role.ansvar)] {
        out.push_str(&format!(
            "\n{}  (I = implementering, D = drift og forvaltning, (I)/(D) = betinget)\n{}",
            term.bold(heading),
            duty_lines(duties, width)
        ));
    }
    out.push_str(&format!("\n{}\n", term.bold("Kompetencer")));
    for kompetence in &role.kompetencer {
        out.push_str(&wrap(kompetence, width, "  • ", "    "));
    }
    section(&mut out, "Kendetegn", &role.kendetegn);
    section(&mut out, "Udpegning", &udpegning_text(role));
    if !role.integrationer.is_empty() {
        let names: Vec<_> = role.integrationer.iter().map(|i| i.value.title()).collect();
        section(&mut out, "Integrationer", &names.join(", "));
    }
    out
}

fn markdown_duties(heading: &str, duties: &[Duty]) -> String {
    let mut out = format!(
        "\n## {heading}\n\n| {heading} | Implementering | Drift og forvaltning |\n|---|:-:|:-:|\n"
    );
    for duty in duties {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            markdown_text::cell(&duty.tekst),
            duty.implementering.symbol(),
            duty.drift_og_forvaltning.symbol()
        ));
    }
    out
}

pub(crate) fn markdown(role: &GalleryRole) -> String {
    let mut out = format!(
        "# {}\n\n*{}* · `{}`\n\n## Effekt\n\n{}\n",
        markdown_text::inline(&role.navn),
        role.gruppe.id(),
        role.id.value,
        markdown_text::inline(&role.effekt)
    );
    if let Some(beskrivelse) = &role.beskrivelse {
        out.push_str(&format!(
            "\n## Beskrivelse\n\n{}\n",
            markdown_text::inline(beskrivelse)
        ));
    }
    out.push_str(&markdown_duties("Opgaver", &role.opgaver));
    out.push_str(&markdown_duties("Ansvar", &role.ansvar));
    out.push_str("\n## Kompetencer\n\n");
    for kompetence in &role.kompetencer {
        out.push_str(&format!("- {}\n", markdown_text::inline(kompetence)));
    }
    out.push_str(&format!(
        "\n## Kendetegn\n\n{}\n\n## Udpegning\n\n{}\n",
        markdown_text::inline(&role.kendetegn),
        markdown_text::inline(&udpegning_text(role))
    ));
    out
}
