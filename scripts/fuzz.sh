#!/usr/bin/env bash
# Runs each fuzz target under fuzz/ for SECONDS (default 60) with libFuzzer, one after the
# other, and prints per target: executions, coverage (libFuzzer's `cov`: edges reached, and
# `ft`: features), the corpus size and the crashes found. Crashing inputs land in
# fuzz/artifacts/TARGET/; turn each into a regression test (tests/fuzz_regressions.rs) and fix it.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]       (targets: gallery_role galleri catalog appointments compile yaml_fast)
#   JOBS=2 scripts/fuzz.sh 600                  (run two targets at a time)
#
# cargo-fuzz builds on the stable toolchain with `--sanitizer none` (no nightly needed; the
# sanitizers would need it). It is installed from crates.io when missing. Seed corpora are made
# afresh from the repository's gallery, catalogs, examples and test fixtures on every run, into
# fuzz/seeds/ (read only); what the fuzzer learns is kept in fuzz/corpus/ between runs.
# Not run by CI: run it before a release and after changing the loaders, rules or renderers.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(gallery_role galleri catalog appointments compile yaml_fast)
jobs="${JOBS:-1}"

toolchain=()
if command -v rustup >/dev/null; then
    toolchain=("+${RG_FUZZ_TOOLCHAIN:-stable}")
fi
if ! cargo "${toolchain[@]}" fuzz --version >/dev/null 2>&1; then
    cargo "${toolchain[@]}" install cargo-fuzz --locked
fi

# The seed files of each target (every fixture that parses as YAML at all is a fine seed: the
# fuzzer keeps the ones that reach new code).
seeds_of() {
    case "$1" in
        gallery_role) printf '%s\n' gallery/*.yaml tests/fixtures/gallery*/**/*.yaml tests/fixtures/yaml/*/*.yaml ;;
        galleri) printf '%s\n' gallery/galleri.yaml tests/fixtures/gallery*/**/galleri.yaml tests/fixtures/yaml/*/*.yaml ;;
        catalog | compile) printf '%s\n' catalogs/*.yaml tests/fixtures/catalogs/*.yaml tests/fixtures/catalog/*/*.yaml tests/fixtures/yaml/*/*.yaml tests/fixtures/file/*/*.yaml ;;
        appointments) printf '%s\n' examples/*.yaml tests/fixtures/appointments/*/*.yaml tests/fixtures/diff/*/*.yaml tests/fixtures/yaml/*/*.yaml tests/fixtures/file/*/*.yaml ;;
        # rg's fast YAML path against saphyr-parser: every YAML file of the repository.
        yaml_fast) printf '%s\n' gallery/*.yaml catalogs/*.yaml examples/*.yaml tests/fixtures/**/*.yaml ;;
        *) echo "unknown target: $1" >&2; return 2 ;;
    esac
}

shopt -s globstar nullglob
cd fuzz
for target in "${targets[@]}"; do
    rm -rf "seeds/$target"
    mkdir -p "seeds/$target" "corpus/$target" "artifacts/$target" logs
    (cd .. && seeds_of "$target") | while read -r file; do
        if [ -f "../$file" ]; then cp "../$file" "seeds/$target/$(echo "$file" | tr '/' '_')"; fi
    done
done

for target in "${targets[@]}"; do
    cargo "${toolchain[@]}" fuzz build --sanitizer none --release "$target" >/dev/null
done

run_one() {
    local target="$1"
    # -timeout: an input that takes 3 s (release build) is a hang worth a test;
    # -rss_limit_mb: a file may not make rg use 2 GiB.
    cargo "${toolchain[@]}" fuzz run --sanitizer none --release "$target" \
        "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -dict=rg.dict -max_len=65536 -timeout=3 \
        -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="artifacts/$target/" >"logs/$target.log" 2>&1 || true
}

running=0
for target in "${targets[@]}"; do
    run_one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait

status=0
printf '%-14s %12s %8s %8s %8s %8s\n' target executions exec/s cov ft crashes
for target in "${targets[@]}"; do
    log="logs/$target.log"
    executions=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')
    speed=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(echo "$last" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+' || echo '?')
    ft=$(echo "$last" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+' || echo '?')
    crashes=$(find "artifacts/$target" -type f | wc -l)
    printf '%-14s %12s %8s %8s %8s %8s\n' "$target" "$executions" "$speed" "$cov" "$ft" "$crashes"
    if [ "$crashes" -gt 0 ]; then
        status=1
        find "artifacts/$target" -type f | sed 's/^/    fuzz\//'
    fi
done
echo "logs: fuzz/logs/TARGET.log"
exit "$status"
