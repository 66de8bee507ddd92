//! The phase timeline as an inline SVG, drawn from the outline's [`Timeline`]: a column per
//! phase under the brackets Implementering and Drift og forvaltning, the SPOC of each phase on
//! top (the SPOC's changing profile, as the standard's Figur 5 draws it), one row per role with
//! a dark bar where it is obligatorisk and a light one where it is anbefalet, a star on the
//! SPOC's phases, and a dashed line at the hand-over from fase 3 to fase 4. Every text is
//! escaped; the figure carries `<title>` and `<desc>`, and the table beside it says the same.
//! (No `xmlns`: the HTML parser puts an inline `<svg>` in its namespace, and the document names
//! no URL at all.)

use super::html::escape;
use super::outline::{Timeline, TimelineRow};
use crate::model::{Phase, Status};
use std::fmt::Write;

/// The drawing's units: 1000 across the text width (about 0.18 mm each in print).
const WIDTH: f32 = 1000.0;
const LABEL: f32 = 330.0;
const COLUMN: f32 = (WIDTH - LABEL) / 5.0;
const FONT: f32 = 15.0;
const SMALL: f32 = 13.0;
const LINE: f32 = 17.0;
/// An estimate of a character's advance in DejaVu Sans, on the wide side so text never
/// runs into its neighbour.
const ADVANCE: f32 = 0.6;
const DARK: &str = "#1f4e79";
const LIGHT: &str = "#b9d0e8";
const STAR: &str = "#c8900a";
const RULE: &str = "#b8c4d0";
const FAMILY: &str = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

/// The figure's `<svg>` element.
pub fn timeline(figure: &Timeline) -> String {
    let mut body = String::new();
    let mut y = brackets(&mut body);
    y = phase_headers(&mut body, y);
    y = spoc_row(&mut body, figure, y);
    let top = y;
    for group in &figure.groups {
        y = group_row(&mut body, &group.heading, y);
        for row in &group.rows {
            y = role_row(&mut body, row, y);
        }
    }
    handover_line(&mut body, top - 6.0, y);
    gridlines(&mut body, top, y);
    let height = legend(&mut body, figure, y + 14.0);
    let title_id = format!("{}-titel", figure.id);
    let desc_id = format!("{}-beskrivelse", figure.id);
    format!(
        "<svg viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" \
         height=\"{height}\" role=\"img\" aria-labelledby=\"{t} {d}\" font-family=\"{FAMILY}\" \
         font-size=\"{FONT}\">\n<title id=\"{t}\">{}</title>\n<desc id=\"{d}\">{}</desc>\n{body}</svg>",
        escape(&figure.title),
        escape(&figure.description),
        t = escape(&title_id),
        d = escape(&desc_id),
    )
}

fn column_x(index: usize) -> f32 {
    LABEL + COLUMN * index as f32
}

/// Lines of at most `width` units at `size`, broken at spaces and after hyphens; a text that
/// needs more than `max` lines ends in "…" (the table beside the figure has it whole).
fn wrap(text: &str, width: f32, size: f32, max: usize) -> Vec<String> {
    let fits = ((width / (size * ADVANCE)) as usize).max(4);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in pieces(text) {
        let candidate = format!("{line}{word}");
        if !line.is_empty() && candidate.trim_end().chars().count() > fits {
            lines.push(line.trim_end().to_string());
            line = word.trim_start().to_string();
        } else {
            line = candidate;
        }
    }
    lines.push(line.trim_end().to_string());
    let mut lines: Vec<String> = lines
        .into_iter()
        .flat_map(|l| hard_split(&l, fits))
        .collect();
    if lines.len() > max {
        lines.truncate(max);
        let last: String = lines[max - 1].chars().take(fits - 1).collect();
        lines[max - 1] = format!("{}…", last.trim_end());
    }
    lines
}

/// Words with their trailing space, split after hyphens and slashes too.
fn pieces(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        current.push(c);
        if matches!(c, ' ' | '-' | '/') {
            pieces.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// A word longer than a line, cut into lines.
fn hard_split(line: &str, fits: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= fits {
        return vec![line.to_string()];
    }
    chars.chunks(fits).map(|c| c.iter().collect()).collect()
}

/// A text of one or more lines from its first baseline.
fn text(out: &mut String, x: f32, y: f32, lines: &[String], attributes: &str) {
    let _ = write!(out, "<text x=\"{x}\" y=\"{y}\"{attributes}>");
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { LINE };
        let _ = write!(out, "<tspan x=\"{x}\" dy=\"{dy}\">{}</tspan>", escape(line));
    }
    out.push_str("</text>\n");
}

/// Implementering over opvarmning to fase 3, Drift og forvaltning over fase 4.
fn brackets(out: &mut String) -> f32 {
    for (label, first, last) in [("Implementering", 0, 3), ("Drift og forvaltning", 4, 4)] {
        let (x0, x1) = (column_x(first) + 4.0, column_x(last + 1) - 4.0);
        let lines = wrap(label, x1 - x0, SMALL, 2);
        let y = 14.0 + LINE * (2 - lines.len()) as f32;
        text(
            out,
            (x0 + x1) / 2.0,
            y,
            &lines,
            &format!(" font-size=\"{SMALL}\" text-anchor=\"middle\" fill=\"{DARK}\""),
        );
        let _ = writeln!(
            out,
            "<path d=\"M{x0} 40 V36 H{x1} V40\" fill=\"none\" stroke=\"{DARK}\" stroke-width=\"1.5\"/>"
        );
    }
    48.0
}

/// "Opvarmning" and "Fase 1" … over "Opstart" …, centred over each column.
fn phase_headers(out: &mut String, y: f32) -> f32 {
    for (index, phase) in Phase::ALL.iter().enumerate() {
        let (number, name) = match phase.title().split_once(": ") {
            Some((number, name)) => (number, name),
            None => ("Opvarmnings-", "periode"),
        };
        let lines = [number.to_string(), name.to_string()];
        let x = column_x(index) + COLUMN / 2.0;
        text(
            out,
            x,
            y + FONT,
            &lines,
            " text-anchor=\"middle\" font-weight=\"bold\"",
        );
    }
    y + FONT + LINE + 10.0
}

/// The SPOC of each phase, on a tinted band.
fn spoc_row(out: &mut String, figure: &Timeline, y: f32) -> f32 {
    let names: Vec<Vec<String>> = figure
        .spoc
        .iter()
        .map(|name| {
            wrap(
                name.as_deref().unwrap_or("ikke angivet"),
                COLUMN - 10.0,
                SMALL,
                3,
            )
        })
        .collect();
    let lines = names.iter().map(Vec::len).max().unwrap_or(1);
    let height = 12.0 + LINE * lines as f32;
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"{y}\" width=\"{WIDTH}\" height=\"{height}\" fill=\"#fbf3df\"/>"
    );
    star(out, 10.0, y + height / 2.0 - 1.0, 7.0);
    text(
        out,
        22.0,
        y + height / 2.0 + 4.0,
        &["SPOC i fasen".to_string()],
        " font-weight=\"bold\"",
    );
    for (index, lines) in names.iter().enumerate() {
        let x = column_x(index) + COLUMN / 2.0;
        text(
            out,
            x,
            y + 8.0 + SMALL,
            lines,
            &format!(" font-size=\"{SMALL}\" text-anchor=\"middle\""),
        );
    }
    y + height + 6.0
}

fn group_row(out: &mut String, heading: &str, y: f32) -> f32 {
    let lines = wrap(heading, WIDTH - 10.0, FONT, 1);
    text(
        out,
        4.0,
        y + FONT + 6.0,
        &lines,
        &format!(" font-weight=\"bold\" fill=\"{DARK}\""),
    );
    let bottom = y + FONT + 12.0;
    let _ = writeln!(
        out,
        "<line x1=\"0\" y1=\"{bottom}\" x2=\"{WIDTH}\" y2=\"{bottom}\" stroke=\"{DARK}\" stroke-width=\"1\"/>"
    );
    bottom
}

/// One role: its name, a bar over each run of phases with the same status, stars on the SPOC.
fn role_row(out: &mut String, row: &TimelineRow, y: f32) -> f32 {
    let lines = wrap(&row.name, LABEL - 24.0, FONT, 3);
    let height = 8.0 + LINE * lines.len() as f32;
    text(out, 14.0, y + 4.0 + FONT - 2.0, &lines, "");
    let middle = y + height / 2.0;
    for (first, last, status) in runs(&row.status) {
        let (x0, x1) = (column_x(first) + 5.0, column_x(last + 1) - 5.0);
        let fill = if status == Status::Obligatorisk {
            format!("fill=\"{DARK}\"")
        } else {
            format!("fill=\"{LIGHT}\" stroke=\"{DARK}\" stroke-width=\"0.8\"")
        };
        let _ = writeln!(
            out,
            "<rect x=\"{x0}\" y=\"{}\" width=\"{}\" height=\"10\" rx=\"3\" {fill}/>",
            middle - 5.0,
            x1 - x0
        );
    }
    for (index, spoc) in row.spoc.iter().enumerate() {
        if *spoc {
            star(out, column_x(index) + COLUMN / 2.0, middle, 9.0);
        }
    }
    let bottom = y + height;
    let _ = writeln!(
        out,
        "<line x1=\"0\" y1=\"{bottom}\" x2=\"{WIDTH}\" y2=\"{bottom}\" stroke=\"{RULE}\" stroke-width=\"0.5\"/>"
    );
    bottom
}

/// Runs of phases (first, last) with the same status, inaktiv left out.
fn runs(status: &[Status]) -> Vec<(usize, usize, Status)> {
    let mut runs: Vec<(usize, usize, Status)> = Vec::new();
    for (index, s) in status.iter().enumerate() {
        match runs.last_mut() {
            Some((_, last, run)) if *run == *s && *last + 1 == index => *last = index,
            _ => runs.push((index, index, *s)),
        }
    }
    runs.retain(|(_, _, s)| *s != Status::Inaktiv);
    runs
}

/// A five-pointed star centred on (x, y) with outer radius `r`, outlined in white so it reads
/// on a dark bar.
fn star(out: &mut String, x: f32, y: f32, r: f32) {
    let points: Vec<String> = (0..10)
        .map(|i| {
            let radius = if i % 2 == 0 { r } else { r * 0.45 };
            let angle = std::f32::consts::PI / 5.0 * i as f32 - std::f32::consts::FRAC_PI_2;
            format!(
                "{:.1},{:.1}",
                x + radius * angle.cos(),
                y + radius * angle.sin()
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "<polygon points=\"{}\" fill=\"{STAR}\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
        points.join(" ")
    );
}

fn handover_line(out: &mut String, top: f32, bottom: f32) {
    let x = column_x(4);
    let _ = writeln!(
        out,
        "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"{STAR}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
    );
}

/// Thin lines between the other phases.
fn gridlines(out: &mut String, top: f32, bottom: f32) {
    for index in 1..4 {
        let x = column_x(index);
        let _ = writeln!(
            out,
            "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"{RULE}\" stroke-width=\"0.5\"/>"
        );
    }
}

/// The legend's four keys in a row; returns the drawing's height.
fn legend(out: &mut String, figure: &Timeline, y: f32) -> f32 {
    let legend = &figure.legend;
    let mut x = 4.0;
    let baseline = y + SMALL;
    let small = format!(" font-size=\"{SMALL}\"");
    let advance = |label: &str| label.chars().count() as f32 * SMALL * ADVANCE + 30.0;
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{}\" width=\"28\" height=\"10\" rx=\"3\" fill=\"{DARK}\"/>",
        baseline - 9.0
    );
    text(
        out,
        x + 34.0,
        baseline,
        std::slice::from_ref(&legend.obligatorisk),
        &small,
    );
    x += 34.0 + advance(&legend.obligatorisk);
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{}\" width=\"28\" height=\"10\" rx=\"3\" fill=\"{LIGHT}\" stroke=\"{DARK}\" stroke-width=\"0.8\"/>",
        baseline - 9.0
    );
    text(
        out,
        x + 34.0,
        baseline,
        std::slice::from_ref(&legend.anbefalet),
        &small,
    );
    x += 34.0 + advance(&legend.anbefalet);
    star(out, x + 10.0, baseline - 4.0, 9.0);
    text(
        out,
        x + 24.0,
        baseline,
        std::slice::from_ref(&legend.spoc),
        &small,
    );
    x += 24.0 + advance(&legend.spoc);
    let _ = writeln!(
        out,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{STAR}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
        baseline - 4.0,
        x + 28.0,
        baseline - 4.0
    );
    let rest = wrap(&legend.handover, WIDTH - x - 40.0, SMALL, 2);
    text(out, x + 34.0, baseline, &rest, &small);
    baseline + LINE * (rest.len() - 1) as f32 + 8.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_join_equal_phases() {
        use Status::*;
        assert_eq!(
            runs(&[Inaktiv, Anbefalet, Obligatorisk, Obligatorisk, Anbefalet]),
            [(1, 1, Anbefalet), (2, 3, Obligatorisk), (4, 4, Anbefalet)]
        );
        assert!(runs(&[Inaktiv; 5]).is_empty());
    }

    #[test]
    fn long_names_wrap_and_are_cut_only_past_the_last_line() {
        let lines = wrap(
            "Systemansvarlig for opkrævningssystemet (FK ØKO debitor)",
            306.0,
            15.0,
            3,
        );
        assert!(lines.len() <= 3, "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "Systemansvarlig for opkrævningssystemet (FK ØKO debitor)"
        );
        assert_eq!(
            wrap("KOMBIT-programleder", 124.0, 13.0, 3),
            ["KOMBIT-", "programleder"]
        );
        let cut = wrap(&"ord ".repeat(100), 100.0, 15.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
    }
}
