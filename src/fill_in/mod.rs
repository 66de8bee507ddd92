//! The municipality's side in the shapes its staff fill in: the appointments scaffold of
//! `rg new appointments` (YAML, a fill-in workbook, or its CSV form) and `rg import`, which
//! reads such a workbook back into appointments YAML with every bad cell a located finding.
//! The layout both sides share is in [`layout`].

pub(crate) mod import;
pub(crate) mod layout;
pub(crate) mod read;
pub(crate) mod scaffold;
pub(crate) mod workbook;
