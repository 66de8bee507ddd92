//! Render: one file per document format, plus text helpers they share.

pub mod danish;
pub mod diff_human;
pub mod diff_markdown;
pub mod html;
pub mod json;
pub mod markdown;
pub mod markdown_text;
pub mod overview;
pub mod table;
pub mod xlsx;
