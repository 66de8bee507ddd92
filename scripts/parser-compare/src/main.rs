//! Parses every appointments file in a folder with each contender, best of N rounds, one
//! thread, and prints the time and throughput of each.

mod model;

use serde_saphyr::options::DuplicateKeyPolicy;
use std::time::Instant;

/// rg's settings (src/load/yaml.rs), with the knobs that could matter for speed.
fn saphyr(duplicates: DuplicateKeyPolicy, budget: bool) -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = duplicates;
    options.with_snippet = false;
    if !budget {
        options.budget = None;
    }
    options
}

fn typed_saphyr<T: serde::de::DeserializeOwned>(
    text: &str,
    options: serde_saphyr::Options,
) -> bool {
    serde_saphyr::from_str_with_options::<T>(text, options).is_ok()
}

fn yaml_rust2_events(text: &str) -> bool {
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    loop {
        match parser.next_token() {
            Ok((yaml_rust2::Event::StreamEnd, _)) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

type Contender = (&'static str, fn(&str) -> bool);

const CONTENDERS: &[Contender] = &[
    ("serde-saphyr, typed + spans, rg's settings", |t| {
        typed_saphyr::<model::saphyr::Appointments>(t, saphyr(DuplicateKeyPolicy::Error, true))
    }),
    ("serde-saphyr, typed + spans, no budget", |t| {
        typed_saphyr::<model::saphyr::Appointments>(t, saphyr(DuplicateKeyPolicy::Error, false))
    }),
    (
        "serde-saphyr, typed + spans, duplicates passed through",
        |t| {
            typed_saphyr::<model::saphyr::Appointments>(
                t,
                saphyr(DuplicateKeyPolicy::PassThrough, true),
            )
        },
    ),
    ("serde-saphyr, typed + spans, last duplicate wins", |t| {
        typed_saphyr::<model::saphyr::Appointments>(t, saphyr(DuplicateKeyPolicy::LastWins, true))
    }),
    ("serde-saphyr, typed, no spans", |t| {
        typed_saphyr::<model::plain::Appointments>(t, saphyr(DuplicateKeyPolicy::Error, true))
    }),
    ("marked-yaml, typed + spans, duplicate keys refused", |t| {
        let options = marked_yaml::LoaderOptions::default().error_on_duplicate_keys(true);
        marked_yaml::from_yaml_with_options::<model::marked::Appointments>(0, t, options).is_ok()
    }),
    ("marked-yaml, typed, no spans", |t| {
        marked_yaml::from_yaml::<model::plain::Appointments>(0, t).is_ok()
    }),
    ("granit-parser events (serde-saphyr's parser)", |t| {
        granit_parser::Parser::new_from_str(t).all(|event| event.is_ok())
    }),
    ("saphyr-parser events", |t| {
        saphyr_parser::Parser::new_from_str(t).all(|event| event.is_ok())
    }),
    (
        "yaml-rust2 events (marked-yaml's parser)",
        yaml_rust2_events,
    ),
    ("yaml-spanned value tree (libyaml-safer)", |t| {
        yaml_spanned::from_str(t).is_ok()
    }),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: parser-compare DIR [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(7, |r| r.parse().expect("ROUNDS is a number"));
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .expect("DIR is a folder")
        .map(|entry| std::fs::read_to_string(entry.expect("readable").path()).expect("UTF-8"))
        .collect();
    texts.sort();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} files, {:.2} MB, best of {rounds} rounds, one thread\n",
        texts.len(),
        bytes as f64 / 1e6
    );
    println!("| parser | ms | MB/s |\n|---|---:|---:|");
    for (name, parse) in CONTENDERS {
        let mut best = f64::MAX;
        for _ in 0..rounds {
            let start = Instant::now();
            let parsed = texts.iter().filter(|text| parse(text)).count();
            assert_eq!(parsed, texts.len(), "{name} refused a file");
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!(
            "| {name} | {:.1} | {:.1} |",
            best * 1e3,
            bytes as f64 / best / 1e6
        );
    }
}
