//! The YAML layer: a file's text read as events within limits, then as the typed model with
//! every structural mistake reported. Above the base layer (`diag`), below the model.

mod entries;
mod events;
mod fast;
pub(crate) mod limits;
mod read;

pub use entries::Entries;
pub(crate) use events::{Events, Style, Token};
pub(crate) use fast::agrees as fast_path_agrees;
pub(crate) use read::{Damage, Doc, FromYaml, Reader, Slot, document, empty_document};
pub use read::{Keyed, Written};

/// Declares a struct read from a YAML mapping: the struct as written, and its [`FromYaml`]
/// that reads every key, reports unknown and repeated keys, and requires each field that has
/// no `#[serde(default …)]` (written first among a field's serde options, as schemars reads
/// the same attribute to mark the field required in the JSON Schema).
macro_rules! yaml_struct {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[$($fattr:tt)*])*
                $fvis:vis $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$($fattr)*])* $fvis $field: $ty, )*
        }

        impl $crate::yaml::FromYaml for $name {
            const EXPECTED: &'static str = concat!("a mapping (", stringify!($name), ")");

            fn read(r: &mut $crate::yaml::Reader<'_>) -> Option<$name> {
                const KNOWN: &[&str] = &[$(stringify!($field)),*];
                $( let mut $field = $crate::yaml::Slot::<$ty>::Absent; )*
                #[allow(unused_variables)] // used only by structs with a required field
                let map = r.mapping(Self::EXPECTED, KNOWN, |r, key, key_span| match key {
                    $( stringify!($field) => {
                        r.enter(stringify!($field));
                        $field.fill(r, key_span);
                        r.leave();
                        true
                    } )*
                    _ => false,
                })?;
                $( let $field = $crate::yaml::field_value!($field, r, map; $(#[$($fattr)*])*); )*
                Some($name { $( $field: $field?, )* })
            }
        }
    };
}

/// A field's value once its mapping is read: `Some(default)` when a field with
/// `#[serde(default …)]` is absent, a "missing field" finding when a required one is.
macro_rules! field_value {
    ($field:ident, $r:ident, $map:ident; ) => {
        $field.required($r, &$map, stringify!($field))
    };
    ($field:ident, $r:ident, $map:ident; #[serde(default $($options:tt)*)] $($rest:tt)*) => {
        Some($field.optional())
    };
    ($field:ident, $r:ident, $map:ident; #[$($other:tt)*] $($rest:tt)*) => {
        $crate::yaml::field_value!($field, $r, $map; $($rest)*)
    };
}

pub(crate) use {field_value, yaml_struct};

/// Reads a text as `T`, for tests.
#[cfg(test)]
pub(crate) fn parse_str<T: FromYaml>(text: &str) -> read::Parsed<T> {
    let file = crate::diag::SourceFile::new(std::path::Path::new("test.yaml"), text.to_string());
    document(&file)
}

/// The keys of a document's top-level mapping, however it is written (block or flow style);
/// `None` when the document is not a mapping or cannot be read that far.
pub(crate) fn top_level_keys(
    file: &std::sync::Arc<crate::diag::SourceFile>,
) -> Option<Vec<String>> {
    let mut events = Events::new(file);
    if !matches!(events.next_event().token, Token::MapStart) {
        return None;
    }
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut expecting_key = true;
    loop {
        let event = events.next_event();
        match event.token {
            Token::End => return None,
            Token::MapEnd | Token::SeqEnd if depth == 0 => return Some(keys),
            Token::MapStart | Token::SeqStart => depth += 1,
            Token::MapEnd | Token::SeqEnd => depth -= 1,
            Token::Scalar(text, _) if depth == 0 && expecting_key => keys.push(text.into_owned()),
            Token::Scalar(..) => {}
        }
        if depth == 0 {
            expecting_key = !expecting_key;
        }
    }
}
