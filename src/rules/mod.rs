//! The semantic rules, one file per family; each takes what the load stage could read and
//! returns its findings. Codes, levels and explanations are declared once in
//! [`crate::diag::registry`].

pub(crate) mod appointments;
pub(crate) mod catalog;
pub(crate) mod gallery;
