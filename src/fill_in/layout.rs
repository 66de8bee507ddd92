//! The fill-in workbook's layout, shared by the writer (`rg new appointments --format xlsx|csv`)
//! and the reader (`rg import`): sheet names, the columns each sheet must have, and the words
//! a cell may hold.

/// The sheet that explains the workbook and names the municipality.
pub const INSTRUCTIONS: &str = "Vejledning";
/// One row per person.
pub const PERSONS: &str = "Personer";
/// One row per role of each system (and of the cross-cutting roles).
pub const APPOINTMENTS: &str = "Udpegninger";
/// The hidden sheet the drop-down lists read.
pub const LISTS: &str = "Lister";

/// The label of the instructions sheet's row that holds the municipality's name beside it.
pub const KOMMUNE: &str = "Kommune";

/// The columns of *Personer*, as the importer looks them up (by header, in any order).
pub const PERSON_COLUMNS: [&str; 4] = ["nøgle", "navn", "email", "samtykke"];
/// The columns of *Udpegninger* the importer reads.
pub const APPOINTMENT_COLUMNS: [&str; 4] = ["system", "fase", "rolle", "personer"];
/// Columns after those, for the reader of the sheet only; the importer ignores them.
pub const APPOINTMENT_HELP: [&str; 2] = ["rollenavn", "status pr. fase"];

/// The `system` of a row that appoints a cross-cutting role for every system (`tvaergaaende`).
pub const CROSS_CUTTING: &str = "tværgående";

/// `samtykke` written as consent; anything else but these and blank is reported.
pub const YES: &str = "ja";
pub const NO: &str = "nej";

/// Whether a `samtykke` cell says yes, no, or something else (`None`).
pub fn consent(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "true" | "sand" => Some(true),
        "nej" | "false" | "falsk" | "" => Some(false),
        _ => None,
    }
}

/// Rows of the sheets the drop-down lists cover (well beyond any municipality's needs).
pub const FILL_ROWS: u32 = 1000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_is_yes_no_or_neither() {
        assert_eq!(consent("ja"), Some(true));
        assert_eq!(consent(" JA "), Some(true));
        assert_eq!(consent("TRUE"), Some(true));
        assert_eq!(consent("nej"), Some(false));
        assert_eq!(consent(""), Some(false));
        assert_eq!(consent("måske"), None);
    }
}
