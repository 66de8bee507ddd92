//! Render: the rollekatalog as a document (`document/`: one outline, one file per format), the
//! phase table, the diff's reports and workbooks, and the wording and text helpers they share.

pub mod danish;
pub mod diff_human;
pub mod diff_markdown;
pub(crate) mod diff_stream;
pub mod document;
pub mod findings;
pub(crate) mod grid;
pub mod markdown_text;
pub mod overview;
pub(crate) mod overview_human;
pub mod role;
pub mod table;
pub mod xlsx;
