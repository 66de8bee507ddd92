//! Writing YAML scalars by hand: plain where YAML reads them back as the same text, quoted
//! where it would not.

/// A scalar, double-quoted when a plain one would be read differently.
pub fn scalar(text: &str) -> String {
    let risky = text.is_empty()
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        || matches!(text, "true" | "false" | "null" | "yes" | "no" | "~")
        || text.parse::<f64>().is_ok();
    if risky {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        text.to_string()
    }
}

/// A flow sequence of ids: `[a, b]`.
pub fn flow_list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|i| scalar(i.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(scalar("Byg og Miljø"), "Byg og Miljø");
        assert_eq!(scalar("1.6"), "\"1.6\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(flow_list(&["a", "b"]), "[a, b]");
    }
}
