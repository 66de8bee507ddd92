//! `rg completions SHELL`: a completion script for bash, zsh, fish, PowerShell (or elvish).
//!
//! The scripts are static, so the values an argument takes are written into them: where an
//! argument takes a role id (`rg show ROLE`) the script offers the embedded gallery's ids, and
//! where it takes a rule code (`rg explain CODE`, `--deny/--warn/--allow CODE`) every rule code,
//! each with its name or summary as the description shells show. The command line itself still
//! accepts what it accepted before (a Danish role name, a code without `rg::`): the values are
//! added only to the copy of the command the script is generated from.

use crate::cli::{self, CompletionsArgs};
use crate::commands::{Failure, Outcome};
use crate::diag::registry;
use crate::load::gallery;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap_complete::Shell;
use std::io::Write;

/// Argument ids that take a role id.
const ROLE_ARGS: [&str; 1] = ["role"];
/// Argument ids that take a rule code.
const CODE_ARGS: [&str; 4] = ["code", "deny", "warn", "allow"];

/// `program`: the name the program was run by, which the script completes.
pub fn run(args: &CompletionsArgs, program: &str, out: &mut dyn Write) -> Result<Outcome, Failure> {
    out.write_all(script(args.shell, program).as_bytes())?;
    Ok(Outcome::Clean)
}

/// The completion script for `shell`, completing the program called `name`.
pub fn script(shell: Shell, name: &str) -> String {
    let mut command = command(name);
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut buffer);
    let script = String::from_utf8(buffer).expect("clap_complete writes UTF-8");
    match shell {
        Shell::Bash => bash_whole_words(script, name),
        Shell::PowerShell => powershell_values(script, &command, name),
        Shell::Fish => fish_values(script, &command, name),
        Shell::Zsh => zsh_colons(script),
        _ => script,
    }
}

/// In zsh's `((value\:"description" ...))` lists clap escapes a value's colons once, but the
/// list is `eval`ed before `_describe` splits value from description at the first colon, so
/// `rg::catalog::unknown_role` would complete as `rg`. The codes' colons need `\\\:`.
fn zsh_colons(mut script: String) -> String {
    for rule in registry::ALL.iter().copied() {
        let once = rule.code.replace(':', "\\:");
        let twice = rule.code.replace(':', "\\\\\\:");
        for start in ["\n", "(("] {
            script = script.replace(&format!("{start}{once}\\:"), &format!("{start}{twice}\\:"));
        }
    }
    script
}

/// clap_complete's fish script completes the values of options but not of positionals. This
/// adds them for the subcommands' positionals (`rg show ROLE`, `rg explain CODE`, `rg schema KIND`,
/// `rg completions SHELL`) in clap's own form.
fn fish_values(mut script: String, command: &clap::Command, name: &str) -> String {
    let escape = |text: &str| {
        text.replace('\\', "\\\\")
            .replace('\'', "\\'")
            .replace('"', "\\\"")
            .replace('$', "\\$")
    };
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        for arg in sub.get_positionals().filter(|a| !a.is_hide_set()) {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| {
                    let help = v.get_help().map(|h| h.to_string()).unwrap_or_default();
                    format!("{}\\t'{}'", escape(v.get_name()), escape(&help))
                })
                .collect();
            if values.is_empty() {
                continue;
            }
            script.push_str(&format!(
                "complete -c {name} -n \"__fish_{fn_name}_using_subcommand {sub}\" -f -a \"{values}\"\n",
                fn_name = name.replace('-', "_"),
                sub = sub.get_name(),
                values = values.join("\n"),
            ));
        }
    }
    script
}

/// Bash splits the word being completed at `:` (it is in `COMP_WORDBREAKS`), so `rg::cat<TAB>`
/// would never match a rule code. The wrapper rebuilds the words from the line itself, lets
/// clap's function complete the whole word, then drops the part before the last `:` from each
/// candidate, since that is the part bash replaces (what bash-completion's
/// `__ltrim_colon_completions` does). Written for bash 3.2 too (macOS).
fn bash_whole_words(script: String, name: &str) -> String {
    let function = format!("_{}", name.replace('-', "__"));
    let wrapper = format!("{function}_whole_words");
    let script = script.replace(
        &format!("complete -F {function} "),
        &format!("complete -F {wrapper} "),
    );
    let mut out = script;
    out.push_str(&format!(
        r#"
# Rule codes contain `::`, and bash splits words at `:`: complete the whole word instead.
{wrapper}() {{
    local line="${{COMP_LINE:0:COMP_POINT}}"
    local -a words
    read -r -a words <<< "$line"
    if [[ -z "$line" || "$line" == *[[:space:]] ]]; then
        words+=("")
    fi
    local count=${{#words[@]}}
    local cur="${{words[count-1]}}" prev=""
    if (( count > 1 )); then
        prev="${{words[count-2]}}"
    fi
    COMP_WORDS=("${{words[@]}}")
    COMP_CWORD=$(( count - 1 ))
    {function} "$1" "$cur" "$prev"
    if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
        local colon_word="${{cur%"${{cur##*:}}"}}" i
        for i in "${{!COMPREPLY[@]}}"; do
            COMPREPLY[i]="${{COMPREPLY[i]#"$colon_word"}}"
        done
    fi
}}
"#
    ));
    out
}

/// clap_complete's PowerShell script completes subcommands and option names but no values.
/// This adds them: a positional's values (role ids, rule codes, kinds, shells) into its
/// subcommand's case, and an option's values (`--deny CODE`, `--format`) in a switch on the
/// subcommand and the word before the cursor, ahead of clap's own.
fn powershell_values(script: String, command: &clap::Command, name: &str) -> String {
    let mut positionals = Vec::new();
    let mut options = Vec::new();
    collect_values(command, name, &mut positionals, &mut options);
    let mut script = script;
    for (path, values) in positionals {
        let case = format!("        '{path}' {{\n");
        if let Some(at) = script.find(&case) {
            let lines: String = values.iter().map(|v| powershell_result(v, 12)).collect();
            script.insert_str(at + case.len(), &lines);
        }
    }
    let anchor = "    $completions = @(switch ($command) {\n";
    if let Some(at) = script.find(anchor) {
        let mut prelude = String::from(
            "    # Values of options (`--deny CODE`, `--format FORMAT`): by the word before the cursor.\n\
             \x20   $previous = if ($wordToComplete) { $commandElements[$commandElements.Count - 2] } else { $commandElements[$commandElements.Count - 1] }\n\
             \x20   $values = @(switch (\"$command;\" + $previous.Extent.Text) {\n",
        );
        for (key, values) in options {
            prelude.push_str(&format!("        '{key}' {{\n"));
            for value in &values {
                prelude.push_str(&powershell_result(value, 12));
            }
            prelude.push_str("            break\n        }\n");
        }
        prelude.push_str(
            "    })\n\
             \x20   if ($values.Count -gt 0) {\n\
             \x20       $values.Where{ $_.CompletionText -like \"$wordToComplete*\" } |\n\
             \x20           Sort-Object -Property ListItemText\n\
             \x20       return\n\
             \x20   }\n\n",
        );
        script.insert_str(at, &prelude);
    }
    script
}

type Values = Vec<(String, Vec<PossibleValue>)>;

fn collect_values(
    command: &clap::Command,
    path: &str,
    positionals: &mut Values,
    options: &mut Values,
) {
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let values: Vec<PossibleValue> = arg
            .get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect();
        if values.is_empty() {
            continue;
        }
        if arg.is_positional() {
            positionals.push((path.to_string(), values));
        } else {
            for long in arg.get_long_and_visible_aliases().unwrap_or_default() {
                options.push((format!("{path};--{long}"), values.clone()));
            }
            if let Some(short) = arg.get_short() {
                options.push((format!("{path};-{short}"), values.clone()));
            }
        }
    }
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        collect_values(
            sub,
            &format!("{path};{}", sub.get_name()),
            positionals,
            options,
        );
    }
}

fn powershell_result(value: &PossibleValue, indent: usize) -> String {
    let quote = |text: &str| text.replace('\'', "''");
    let name = quote(value.get_name());
    let help = value
        .get_help()
        .map(|h| quote(&h.to_string()))
        .unwrap_or_else(|| name.clone());
    format!(
        "{:indent$}[CompletionResult]::new('{name}', '{name}', [CompletionResultType]::ParameterValue, '{help}')\n",
        ""
    )
}

/// The command line (named `program`) with role ids and rule codes as the values of the
/// arguments that take them.
pub fn command(program: &str) -> clap::Command {
    let embedded = gallery::load_embedded().gallery;
    let roles: Vec<PossibleValue> = crate::model::STANDARD_ORDER
        .iter()
        .map(|id| {
            let value = PossibleValue::new(*id);
            match embedded.as_ref().and_then(|g| g.role(id)) {
                Some(role) => value.help(role.navn.clone()),
                None => value,
            }
        })
        .collect();
    let codes: Vec<PossibleValue> = registry::ALL
        .iter()
        .copied()
        .map(|rule| PossibleValue::new(rule.code).help(rule.summary))
        .collect();
    with_values(cli::command(program), &roles, &codes)
}

fn with_values(
    mut command: clap::Command,
    roles: &[PossibleValue],
    codes: &[PossibleValue],
) -> clap::Command {
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        let values = if ROLE_ARGS.contains(&id.as_str()) {
            roles
        } else if CODE_ARGS.contains(&id.as_str()) {
            codes
        } else {
            continue;
        };
        let parser = PossibleValuesParser::new(values.to_vec());
        command = command.mut_arg(id, |arg| arg.value_parser(parser));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| with_values(sub, roles, codes));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn values(command: &clap::Command, path: &[&str], arg: &str) -> Vec<String> {
        let mut command = command;
        for name in path {
            command = command.find_subcommand(name).unwrap();
        }
        command
            .get_arguments()
            .find(|a| a.get_id() == arg)
            .unwrap()
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect()
    }

    #[test]
    fn role_and_code_arguments_get_their_values() {
        let command = command("rg");
        let roles = values(&command, &["show"], "role");
        assert_eq!(roles, crate::model::STANDARD_ORDER);
        let codes = values(&command, &["explain"], "code");
        assert!(codes.contains(&"rg::catalog::unknown_role".to_string()));
        assert_eq!(codes.len(), registry::ALL.iter().copied().count());
        assert_eq!(values(&command, &["check"], "deny"), codes);
        assert_eq!(values(&command, &["check"], "allow"), codes);
    }

    #[test]
    fn the_real_command_line_still_takes_names() {
        // `rg show "Faglig leder"` must parse: the values are only in the generated scripts.
        let parsed = Cli::try_parse_from(["rg", "show", "Faglig leder"]);
        assert!(parsed.is_ok());
        let parsed = Cli::try_parse_from(["rg", "explain", "unknown_role"]);
        assert!(parsed.is_ok());
    }
}
