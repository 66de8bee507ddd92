//! Files are checked in parallel; what is printed must not depend on the number of threads.

use std::process::Command;

fn run_with_threads(threads: usize, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .env("NO_COLOR", "1")
        .output()
        .expect("rg runs");
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn same_with_one_and_many_threads(args: &[&str]) -> String {
    let one = run_with_threads(1, args);
    for threads in [2, 7] {
        assert_eq!(
            one,
            run_with_threads(threads, args),
            "{threads} threads: {args:?}"
        );
    }
    one
}

#[test]
fn check_output_does_not_depend_on_threads() {
    let json = same_with_one_and_many_threads(&["check", "tests/fixtures", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() > 30, "the fixtures hold many findings");
    same_with_one_and_many_threads(&["check", "tests/fixtures"]);
}

#[test]
fn diff_output_does_not_depend_on_threads() {
    let args = [
        "diff",
        "--catalogs",
        "tests/fixtures/catalogs",
        "tests/fixtures/diff",
    ];
    let human = same_with_one_and_many_threads(&args);
    assert!(human.contains("checked"), "{human}");
    same_with_one_and_many_threads(&[&args[..], &["--format", "json"]].concat());
}
