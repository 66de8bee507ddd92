//! The base layer: findings (`Diagnostic`, `Level`), the files they point into (`SourceFile`,
//! spans, `Spanned`), and the registry of every rule. It imports nothing else of the crate, so
//! every other layer can depend on it without a cycle.

pub(crate) mod apply;
mod diagnostic;
mod level;
pub(crate) mod registry;
mod source;

pub use diagnostic::{Diagnostic, Edit, Fix, Position, SheetCell};
pub use level::Level;
pub use registry::Rule;
pub(crate) use registry::codes;
pub(crate) use source::floor_char_boundary;
pub use source::{ByteSpan, SourceFile, Spanned};
