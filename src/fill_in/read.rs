//! Reading a filled-in workbook for `rg import`: an xlsx file (calamine), or its CSV form (the
//! sheets one after another, each after a line naming it, as `rg new appointments --format csv`
//! writes them; `,` or `;` between cells, as Danish spreadsheet programs save CSV). Every cell
//! keeps its place, so that a finding can name it (`Udpegninger!C7`) and, in CSV, point at it.

use super::layout;
use crate::diag::{ByteSpan, Diagnostic, SourceFile, codes};
use calamine::{Data, Reader};
use std::sync::Arc;

/// One cell's text and, in CSV, where it is in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CellText {
    pub text: String,
    pub span: Option<ByteSpan>,
}

/// A sheet's cells by 0-based row and column, from A1.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<CellText>>,
}

impl Sheet {
    pub(crate) fn cell(&self, row: usize, column: usize) -> Option<&CellText> {
        self.rows.get(row)?.get(column)
    }

    pub(crate) fn text(&self, row: usize, column: usize) -> &str {
        self.cell(row, column).map_or("", |c| c.text.trim())
    }
}

/// What was read: the file (its text when it is CSV) and its sheets.
pub(crate) struct Book {
    pub file: Arc<SourceFile>,
    pub sheets: Vec<Sheet>,
}

impl Book {
    pub(crate) fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }
}

/// Reads an xlsx workbook's sheets. A file that is no workbook is `rg::file::unreadable`.
pub(crate) fn xlsx(path: &std::path::Path, bytes: Vec<u8>) -> Result<Book, Diagnostic> {
    let file = SourceFile::new(path, String::new());
    let unreadable = |error: &dyn std::fmt::Display| {
        Diagnostic::new(
            &codes::file::UNREADABLE,
            format!("cannot read the workbook: {error}"),
        )
        .with_help("save it as an Excel workbook (.xlsx), or as the CSV `rg new appointments --format csv` writes")
        .in_file(&file)
    };
    let mut workbook =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(&e))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<CellText>> = Vec::new();
        for (row, column, data) in range.cells() {
            let (row, column) = (row + top as usize, column + left as usize);
            if rows.len() <= row {
                rows.resize(row + 1, Vec::new());
            }
            if rows[row].len() <= column {
                rows[row].resize(column + 1, CellText::default());
            }
            rows[row][column].text = cell_text(data);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(Book { file, sheets })
}

/// A cell as the text a person typed: a whole number without `.0`, a boolean as ja/nej.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{}", *number as i64)
        }
        Data::Bool(true) => layout::YES.to_string(),
        Data::Bool(false) => layout::NO.to_string(),
        other => other.to_string(),
    }
}

/// Reads the CSV form: `Kommune,<name>`, then each sheet after a line holding its name alone,
/// its header row first. Rows before the first sheet line belong to the instructions sheet.
pub(crate) fn csv(file: Arc<SourceFile>) -> Book {
    let lines = records(&file.text);
    let mut sheets = vec![Sheet {
        name: layout::INSTRUCTIONS.to_string(),
        rows: Vec::new(),
    }];
    for line in lines {
        let filled: Vec<&CellText> = line.iter().filter(|c| !c.text.trim().is_empty()).collect();
        if let [only] = filled.as_slice()
            && [layout::PERSONS, layout::APPOINTMENTS]
                .iter()
                .any(|name| name.eq_ignore_ascii_case(only.text.trim()))
            && line[0].text.trim() == only.text.trim()
        {
            sheets.push(Sheet {
                name: only.text.trim().to_string(),
                rows: Vec::new(),
            });
            continue;
        }
        if let Some(sheet) = sheets.last_mut() {
            sheet.rows.push(line);
        }
    }
    Book { file, sheets }
}

/// The records of a CSV text, each field with its span; the separator is `;` when the first
/// line has more of them than of `,`. A field that `rg` wrote with a leading `'` (so that no
/// spreadsheet took it for a formula) is read without it.
fn records(text: &str) -> Vec<Vec<CellText>> {
    let first = text.lines().next().unwrap_or_default();
    let separator = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut field = String::new();
    let mut start = 0;
    let mut quoted = false;
    let end_record = |record: &mut Vec<CellText>, records: &mut Vec<Vec<CellText>>| {
        if !(record.len() == 1 && record[0].text.is_empty()) {
            records.push(std::mem::take(record));
        } else {
            record.clear();
        }
    };
    while let Some((at, c)) = chars.next() {
        match c {
            '"' if quoted => {
                if chars.peek().is_some_and(|(_, next)| *next == '"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            }
            '"' if field.is_empty() => quoted = true,
            c if c == separator && !quoted => {
                record.push(unquoted(std::mem::take(&mut field), start, at));
                start = at + 1;
            }
            '\r' | '\n' if !quoted => {
                if c == '\r' && chars.peek().is_some_and(|(_, next)| *next == '\n') {
                    chars.next();
                }
                record.push(unquoted(std::mem::take(&mut field), start, at));
                end_record(&mut record, &mut records);
                start = chars.peek().map_or(text.len(), |(next, _)| *next);
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(unquoted(field, start, text.len()));
        end_record(&mut record, &mut records);
    }
    records
}

fn unquoted(text: String, start: usize, end: usize) -> CellText {
    let text = match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => text,
    };
    CellText {
        text,
        span: Some(ByteSpan::new(start, end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<Vec<String>> {
        records(text)
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn csv_fields_quotes_and_separators() {
        assert_eq!(
            texts("a,\"b, c\",\"d \"\"e\"\"\"\r\n\r\nf,'=g\n"),
            [vec!["a", "b, c", "d \"e\""], vec!["f", "=g"]]
        );
        assert_eq!(texts("a;b,c;d\n"), [vec!["a", "b,c", "d"]]);
    }

    #[test]
    fn csv_spans_point_at_their_fields() {
        let text = "kommune,Næstved\nx,\"y\"\n";
        let records = records(text);
        let span = records[0][1].span.unwrap();
        assert_eq!(&text[span.offset..span.end()], "Næstved");
        let span = records[1][1].span.unwrap();
        assert_eq!(&text[span.offset..span.end()], "\"y\"");
    }

    #[test]
    fn csv_sheets_follow_their_name_lines() {
        let file = SourceFile::new(
            std::path::Path::new("u.csv"),
            "Kommune,Næstved\nPersoner\nnøgle,navn\nmette,Mette\nUdpegninger\nsystem,fase\nSAPA,fase-3\n"
                .into(),
        );
        let book = csv(file);
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Vejledning", "Personer", "Udpegninger"]);
        assert_eq!(book.sheet("Personer").unwrap().text(1, 0), "mette");
        assert_eq!(book.sheet("Udpegninger").unwrap().text(1, 1), "fase-3");
        assert_eq!(book.sheet("Vejledning").unwrap().text(0, 1), "Næstved");
    }
}
