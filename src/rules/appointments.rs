//! Rules of the `appointments` family: appointments files against the catalogs.

use crate::diag::codes::appointments::*;

use crate::date::Date;
use crate::diag::{Diagnostic, Fix, Rule, SourceFile, Spanned, codes};
use crate::lookalike;
use crate::model::{
    Appointments, Catalog, CatalogSet, Gallery, Gruppe, Lookup, Maade, RoleHolders,
};
use crate::suggest;
use crate::yaml::{Damage, Doc};
use foldhash::{HashSet, HashSetExt};
use std::sync::Arc;

/// A person key as every output shows it: an email address used as a key (or a reference to
/// one) is `<email>`, since the key reaches diagnostics, CI logs and `rg diff`'s shared outputs
/// where an address without `samtykke: true` may not appear.
pub(crate) fn shown_key(key: &str) -> &str {
    if looks_like_email(key) {
        "<email>"
    } else {
        key
    }
}

/// An email address as far as a key goes: something, `@`, something. Looser than
/// [`is_email`]: `meha@vordingborg` is still somebody's address.
fn looks_like_email(text: &str) -> bool {
    text.split_once('@')
        .is_some_and(|(local, domain)| !local.trim().is_empty() && !domain.trim().is_empty())
}

/// When appointments count as stale: today's date and `stale_after_months`.
#[derive(Clone, Copy, Debug)]
pub struct Staleness {
    pub today: Date,
    pub after_months: u32,
}

impl Staleness {
    /// Whether a confirmation date is older than `stale_after_months` (a date that is not one
    /// is reported as such, not as stale).
    pub(crate) fn is_stale(self, confirmed: &str) -> bool {
        Date::parse(confirmed)
            .is_some_and(|date| date.months_until(self.today) > i64::from(self.after_months))
    }
}

/// Checks one municipality's appointments against the gallery and the catalogs.
pub(crate) fn check(
    doc: &Doc<Appointments>,
    gallery: &Gallery,
    catalogs: &CatalogSet,
    staleness: Staleness,
) -> Vec<Diagnostic> {
    let (file, appointments) = (&doc.file, &doc.value);
    let mut check = AppointmentsCheck {
        file,
        damage: &doc.damage,
        appointments,
        gallery,
        staleness,
        persons: appointments
            .personer
            .iter()
            .map(|(key, _)| key.value.as_str())
            .collect(),
        person_keys: None,
        found: Vec::new(),
    };
    check.persons();
    check.cross_cutting();
    check.systems(catalogs);
    check.unused_persons();
    check.placeholders();
    check.found
}

struct AppointmentsCheck<'a> {
    file: &'a Arc<SourceFile>,
    damage: &'a Damage,
    appointments: &'a Appointments,
    gallery: &'a Gallery,
    staleness: Staleness,
    /// The keys under `personer`, looked up for every appointment.
    persons: HashSet<&'a str>,
    /// The same keys for "did you mean", folded when the first unknown person is met.
    person_keys: Option<suggest::Candidates<'a>>,
    found: Vec<Diagnostic>,
}

impl<'a> AppointmentsCheck<'a> {
    fn report<T>(
        &mut self,
        rule: &'static Rule,
        value: &Spanned<T>,
        message: String,
        help: Option<String>,
    ) {
        let found = Diagnostic::new(rule, message).maybe_help(help);
        self.found.push(found.at_value(self.file, value));
    }

    /// A finding whose help names the one value meant: the fix writes it over the value.
    fn report_fixed(
        &mut self,
        rule: &'static Rule,
        value: &Spanned<String>,
        message: String,
        help: Option<String>,
        answer: Option<&str>,
    ) {
        let found = Diagnostic::new(rule, message)
            .maybe_help(help)
            .at_value(self.file, value);
        let found = match answer {
            Some(answer) => found.with_fix(Fix::replace(value.span, answer)),
            None => found,
        };
        self.found.push(found);
    }

    fn persons(&mut self) {
        let appointments = self.appointments;
        for (key, person) in appointments.personer.iter() {
            self.person_key(key);
            if let Some(email) = &person.email
                && !is_email(&email.value)
            {
                self.report(
                    &INVALID_EMAIL,
                    email,
                    // Not the address itself: diagnostics reach `rg diff --format json` and CI
                    // logs, where an email without `samtykke: true` may not appear.
                    format!(
                        "the email of `{}` is not an email address",
                        shown_key(&key.value)
                    ),
                    Some("write it as name@domain, e.g. meha@vordingborg.dk".into()),
                );
            }
            if let Some(confirmed) = &person.bekraeftet {
                self.confirmation(&key.value, confirmed);
            }
        }
    }

    /// A key under `personer` that is an email address, or that holds an invisible character
    /// (it looks like another key and is not).
    fn person_key(&mut self, key: &Spanned<String>) {
        if looks_like_email(&key.value) {
            self.report(
                &EMAIL_AS_KEY,
                key,
                "the person key `<email>` is an email address".into(),
                Some(EMAIL_KEY_HELP.into()),
            );
        } else if let Some(named) = lookalike::invisible(&key.value) {
            self.report(
                &codes::yaml::INVALID_VALUE,
                key,
                format!(
                    "the person key `{}` holds {named}, an invisible character",
                    key.value
                ),
                Some("delete it: a key that only looks like another is another key".into()),
            );
        }
    }

    /// A confirmation date older than `stale_after_months` is stale: stale contacts are why
    /// KLIK mail bounces.
    fn confirmation(&mut self, key: &str, confirmed: &Spanned<String>) {
        let Some(date) = Date::parse(&confirmed.value) else {
            self.report(
                &crate::diag::codes::yaml::INVALID_VALUE,
                confirmed,
                format!("`{}` is not a date", confirmed.value),
                Some("write the date as YYYY-MM-DD, e.g. 2024-03-01".into()),
            );
            return;
        };
        let Staleness {
            today,
            after_months,
        } = self.staleness;
        let age = date.months_until(today);
        if age > i64::from(after_months) {
            self.report(
                &STALE,
                confirmed,
                format!(
                    "`{}` was last confirmed {date}, {age} months ago",
                    shown_key(key)
                ),
                Some(format!(
                    "confirm the appointments and update `bekraeftet` (stale after {after_months} months; `stale_after_months` in rg.toml)"
                )),
            );
        }
    }

    fn cross_cutting(&mut self) {
        let appointments = self.appointments;
        for (role, _) in appointments.tvaergaaende.iter() {
            match self.gallery.role(&role.value) {
                Some(found) if found.gruppe != Gruppe::Systemspecifik => self.activated(role),
                Some(_) => self.report(
                    &UNKNOWN_ROLE,
                    role,
                    format!(
                        "`{}` is systemspecifik, not a cross-cutting role",
                        role.value
                    ),
                    Some("appoint it under the system it belongs to, in `systemer`".into()),
                ),
                None => {
                    let cross = self
                        .gallery
                        .roles()
                        .iter()
                        .filter(|r| r.gruppe != Gruppe::Systemspecifik);
                    let answer = suggest::nearest_by(
                        &role.value,
                        cross.flat_map(|r| {
                            [
                                (r.id.value.as_str(), r.id.value.as_str()),
                                (r.navn.as_str(), r.id.value.as_str()),
                            ]
                        }),
                    );
                    let help = suggest::did_you_mean(answer);
                    self.report_fixed(
                        &UNKNOWN_ROLE,
                        role,
                        format!("unknown cross-cutting role `{}`", role.value),
                        lookalike::help(&role.value, help),
                        answer,
                    );
                }
            }
        }
        self.holders(&appointments.tvaergaaende);
    }

    fn systems(&mut self, catalogs: &CatalogSet) {
        let appointments = self.appointments;
        // A list whose entries could not be read is not an empty one.
        if appointments.systemer.value.is_empty() && !self.damage.in_field("systemer") {
            self.report(
                &EMPTY_SYSTEMS,
                &appointments.systemer,
                "the file lists no systems".into(),
                Some("add an entry per system under `systemer`".into()),
            );
        }
        let mut seen = HashSet::new();
        for system in &appointments.systemer.value {
            let name = system.system.value.to_ascii_lowercase();
            if !seen.insert(name) {
                self.report(
                    &DUPLICATE_SYSTEM,
                    &system.system,
                    format!("system `{}` is listed twice", system.system.value),
                    Some("merge the two entries".into()),
                );
            }
            match catalogs.lookup(&system.system.value) {
                Lookup::Usable(catalog) => self.system_roles(&system.udpegninger, catalog),
                Lookup::Broken(entry) => self.report(
                    &UNKNOWN_SYSTEM,
                    &system.system,
                    format!(
                        "the catalog for `{}` ({}) has errors, so this system was not checked",
                        system.system.value, entry.file.name
                    ),
                    Some(format!("fix the errors reported for {}", entry.file.name)),
                ),
                Lookup::Ambiguous(first, second) => self.report(
                    &UNKNOWN_SYSTEM,
                    &system.system,
                    format!(
                        "both {} and {} declare `{}`, so this system was not checked",
                        first.file.name, second.file.name, system.system.value
                    ),
                    Some("keep one catalog for the system (rg::catalog::duplicate_system)".into()),
                ),
                Lookup::Unknown => {
                    let name = system.system.value.as_str();
                    let known = catalogs.systems();
                    let answer = system_meant(name, &known, catalogs);
                    let help = lookalike::invisible_note(name)
                        .or_else(|| lookalike::lookalike_note(name, known.iter().copied()))
                        .or_else(|| {
                            suggest::did_you_mean(suggest::nearest(name, known.iter().copied()))
                        })
                        .unwrap_or_else(|| match known.len() {
                        0 => "add a catalog for it under `catalogs/`; none was found".into(),
                        n => format!(
                            "the catalogs are for {}; add one for this system or correct the name",
                            listing(&known, n)
                        ),
                    });
                    self.report_fixed(
                        &UNKNOWN_SYSTEM,
                        &system.system,
                        format!("no catalog for system `{}`", system.system.value),
                        Some(help),
                        answer.as_deref(),
                    );
                }
            }
            self.holders(&system.udpegninger);
        }
    }

    fn system_roles(&mut self, holders: &RoleHolders, catalog: &Catalog) {
        for (role, _) in holders.iter() {
            let in_catalog = catalog.entry(&role.value).is_some();
            if !in_catalog {
                let ids = catalog.roller.iter().map(|r| r.rolle.value.as_str());
                let answer = self.gallery.suggest_among(&role.value, ids);
                let help = lookalike::help(&role.value, suggest::did_you_mean(answer));
                self.report_fixed(
                    &UNKNOWN_ROLE,
                    role,
                    format!(
                        "`{}` is not a role in the {} catalog",
                        role.value, catalog.system.value
                    ),
                    help,
                    answer,
                );
                continue;
            }
            self.activated(role);
        }
    }

    fn activated(&mut self, role: &Spanned<String>) {
        if self
            .gallery
            .role(&role.value)
            .is_some_and(|r| r.udpegning.maade == Maade::Aktiveres)
        {
            self.report(
                &ACTIVATED_ROLE_APPOINTED,
                role,
                format!("`{}` is activated by function, not appointed", role.value),
                Some("the role follows a job; no appointment is needed".into()),
            );
        }
    }

    /// Every person named exists, and none is named twice for one role.
    fn holders(&mut self, holders: &RoleHolders) {
        for (role, persons) in holders.iter() {
            let repeated = repeats(persons);
            for (index, person) in persons.iter().enumerate() {
                if repeated[index] {
                    self.report(
                        &DUPLICATE_PERSON,
                        person,
                        format!(
                            "`{}` is listed twice for `{}`",
                            shown_key(&person.value),
                            role.value
                        ),
                        Some("list each person once per role".into()),
                    );
                }
                self.reference(person);
            }
        }
    }

    /// A reference to a person: by a key under `personer`, and not by an email address (which
    /// is reported as that, known or not, rather than also as an unknown person).
    fn reference(&mut self, person: &Spanned<String>) {
        if looks_like_email(&person.value) {
            self.report(
                &EMAIL_AS_KEY,
                person,
                "the reference `<email>` is an email address, not a person key".into(),
                Some(EMAIL_KEY_HELP.into()),
            );
            return;
        }
        if self.persons.contains(person.value.as_str()) {
            return;
        }
        let personer = &self.appointments.personer;
        let keys = self.person_keys.get_or_insert_with(|| {
            suggest::Candidates::new(personer.iter().map(|(k, _)| k.value.as_str()))
        });
        let near = keys.nearest(&person.value);
        let help = near
            .map(|key| format!("did you mean `{}`?", shown_key(key)))
            .or_else(|| Some("add the person under `personer`".into()));
        // A key that is an email address is never written into another place by a fix.
        let answer = near.filter(|key| !looks_like_email(key));
        self.report_fixed(
            &UNKNOWN_PERSON,
            person,
            format!("unknown person `{}`", person.value),
            lookalike::help(&person.value, help),
            answer,
        );
    }

    fn unused_persons(&mut self) {
        let appointments = self.appointments;
        let systems = appointments.systemer.value.iter().map(|s| &s.udpegninger);
        let used: HashSet<&str> = std::iter::once(&appointments.tvaergaaende)
            .chain(systems)
            .flat_map(|holders| holders.iter().flat_map(|(_, persons)| persons.iter()))
            .map(|p| p.value.as_str())
            .collect();
        for (key, person) in appointments.personer.iter() {
            // The scaffold's example person is a placeholder, reported as that.
            if !used.contains(key.value.as_str()) && !person.has_blank_name() {
                self.report(
                    &UNUSED_PERSON,
                    key,
                    format!("`{}` is appointed to no role", shown_key(&key.value)),
                    Some("appoint the person or remove the entry".into()),
                );
            }
        }
    }
}

/// The catalog's system a name was meant for, when that is certain: the name without its
/// invisible characters, the catalog's name it only looks like (a Kelvin sign for `K`), or the
/// one near enough to be a typo.
fn system_meant(name: &str, known: &[&str], catalogs: &CatalogSet) -> Option<String> {
    if lookalike::invisible(name).is_some() {
        let plain: String = name
            .chars()
            .filter(|c| !crate::printable::is_invisible(*c))
            .collect();
        return catalogs.first_of(&plain).is_some().then_some(plain);
    }
    if let Some(twin) = lookalike::plain_twin(name, known.iter().copied()) {
        return Some(twin.to_string());
    }
    if lookalike::lookalike_note(name, known.iter().copied()).is_some() {
        return None;
    }
    suggest::nearest(name, known.iter().copied()).map(str::to_string)
}

impl AppointmentsCheck<'_> {
    /// The blanks `rg new appointments` leaves: each system's phase and the example person's
    /// name. A system without a phase is checked but not diffed.
    fn placeholders(&mut self) {
        let appointments = self.appointments;
        for (key, person) in appointments.personer.iter() {
            if person.has_blank_name() {
                let message = format!("the name of `{}` is still blank", shown_key(&key.value));
                let help = "write the person's full name, and give the person a key of their own (e.g. `mette`)";
                let span = blank_span(person.navn.span, self.file);
                self.found.push(
                    Diagnostic::new(&PLACEHOLDER, message)
                        .with_help(help)
                        .at(self.file, span),
                );
            }
        }
        for system in &appointments.systemer.value {
            let fase = &system.fase;
            if let (None, Some(span)) = (fase.value, fase.span) {
                let message = format!(
                    "the phase of `{}` is still blank; the system is not compared until it is written",
                    system.system.value
                );
                let help = "write the system's current phase in the municipality: opvarmning, fase-1, fase-2, fase-3 or fase-4";
                let span = crate::rules::catalog::widen_empty(span, self.file);
                self.found.push(
                    Diagnostic::new(&PLACEHOLDER, message)
                        .with_help(help)
                        .at(self.file, span),
                );
            }
        }
    }
}

/// The span of a blank value as written: `""` or `''` whole (the reader's span of an empty
/// quoted scalar may run on to the end of the line), an empty value widened to sit a caret.
fn blank_span(span: crate::diag::ByteSpan, file: &SourceFile) -> crate::diag::ByteSpan {
    let written = file.text.get(span.offset..).unwrap_or_default();
    if written.starts_with("\"\"") || written.starts_with("''") {
        crate::diag::ByteSpan {
            offset: span.offset,
            len: 2,
        }
    } else {
        crate::rules::catalog::widen_empty(span, file)
    }
}

const EMAIL_KEY_HELP: &str = "give the person a short key (e.g. `mette`) and write the address under its `email`, where it is shown only with `samtykke: true`";

/// The first few systems, and how many more there are.
fn listing(systems: &[&str], n: usize) -> String {
    const SHOWN: usize = 8;
    match n {
        n if n <= SHOWN => systems.join(", "),
        n => format!("{} and {} more", systems[..SHOWN].join(", "), n - SHOWN),
    }
}

/// A plausible email address: one `@`, a local part, a dotted domain, no spaces.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

/// For each person, whether it was listed before. A role has a handful of holders, for which
/// a scan of the ones before is cheapest; a long list (thousands, by hand or by a script) gets
/// a set, so that it stays linear.
fn repeats(persons: &[Spanned<String>]) -> Vec<bool> {
    const SCAN_UP_TO: usize = 16;
    if persons.len() <= SCAN_UP_TO {
        return (0..persons.len())
            .map(|i| persons[..i].iter().any(|p| p.value == persons[i].value))
            .collect();
    }
    let mut seen = HashSet::with_capacity(persons.len());
    persons
        .iter()
        .map(|p| !seen.insert(p.value.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("meha@vordingborg.dk"));
        assert!(!is_email("meha.vordingborg.dk"));
        assert!(!is_email("meha@vordingborg"));
        assert!(!is_email("me ha@vordingborg.dk"));
        assert!(!is_email("a@b@c.dk"));
    }

    #[test]
    fn email_keys_are_masked() {
        assert_eq!(shown_key("meha@secret.dk"), "<email>");
        assert_eq!(shown_key("meha@secret"), "<email>");
        assert_eq!(shown_key("mette"), "mette");
        assert_eq!(shown_key("@"), "@");
    }
}
