//! Render: one file per document format, plus text helpers they share.

pub mod markdown_text;
