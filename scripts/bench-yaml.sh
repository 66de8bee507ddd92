#!/usr/bin/env bash
# The YAML fast path's benchmark (issue 17): `rg check` of this checkout against a baseline
# revision (BASE, default: where this branch left `main`) and against ajv-cli, on generated
# corpora, in one run:
#   - instruction counts (valgrind's callgrind, one thread: repeatable on a shared machine) of
#     `rg check --quiet` and `parse-only` at scale 1, before and after;
#   - the share of files (and bytes) that the fast path reads, each checked against
#     saphyr-parser's events (`parse-only --fast-path`);
#   - hyperfine: wall time (median) and CPU time (user + system, mean) of `rg check --quiet`
#     before and after, and of `ajv validate` over the appointments files against
#     `rg schema appointments`, at each scale of SCALES (default "1 10"; "1 10 100" adds the
#     150 MB corpus, ~15 min more).
# It prints Markdown for BENCHMARKS.md, with the load average before and after.
#
# The baseline is `git archive BASE` built in a temporary folder with this checkout's target
# folder (the dependencies are shared, only the crate is built again); its binaries are copied
# away before this checkout is built. ajv-cli is installed from npm into the temporary folder
# (Node.js from Debian's packages when missing), as scripts/bench.sh does.
#
# Knobs: BASE (a revision), SCALES ("1 10"), RUNS (10 at scale 1, 5 at 10, 3 at 100), KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
BASE=${BASE:-$(git merge-base HEAD main)}
SCALES=${SCALES:-1 10}
AJV_CLI=5.0.0
AJV_FORMATS=3.0.1

say() { echo "bench-yaml: $*" >&2; }
need() { # need COMMAND PACKAGE...
    command -v "$1" >/dev/null || {
        say "installing ${*:2}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${@:2}" >/dev/null
    }
}
need hyperfine hyperfine
need valgrind valgrind
need npm nodejs npm
need python3 python3

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d)
cleanup() { [ "${KEEP:-0}" = 1 ] && say "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

say "building the baseline ($BASE)"
mkdir -p "$work/base-src" "$work/base" "$work/new"
git archive "$BASE" | tar -x -C "$work/base-src"
CARGO_TARGET_DIR="$repo/target" cargo build --release --locked --quiet \
    --manifest-path "$work/base-src/Cargo.toml" --bin rg --example parse-only --example gen-corpus
cp target/release/rg target/release/examples/parse-only target/release/examples/gen-corpus "$work/base/"
say "building this checkout ($(git rev-parse --short HEAD))"
cargo build --release --locked --quiet --bin rg --example parse-only
cp target/release/rg target/release/examples/parse-only "$work/new/"

say "installing ajv-cli into $work"
npm install --prefix "$work/npm" --no-audit --no-fund --loglevel=error \
    "ajv-cli@$AJV_CLI" "ajv-formats@$AJV_FORMATS" >/dev/null
ajv="$work/npm/node_modules/.bin/ajv"
"$work/new/rg" schema appointments -o "$work/appointments.schema.json"

instructions() { # instructions COMMAND... (in the current folder, one thread)
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/Collected :/ {print $NF}'
}

for scale in $SCALES; do
    say "generating the scale-$scale corpus"
    "$work/base/gen-corpus" --out "$work/scale-$scale" --municipalities 98 --systems 30 \
        --scale "$scale" >/dev/null 2>&1
    cd "$work/scale-$scale"
    find gallery catalogs udpegninger -name '*.yaml' -printf '%s\n' |
        awk '{s += $1} END {print s}' >"$work/bytes-$scale.txt"
    "$work/new/parse-only" --fast-path gallery catalogs udpegninger >"$work/share-$scale.txt"
    if [ "$scale" = 1 ]; then
        say "scale 1: instruction counts (callgrind)"
        {
            echo "rg check (before) $(instructions "$work/base/rg" check --quiet)"
            echo "rg check $(instructions "$work/new/rg" check --quiet)"
            echo "parse-only (before) $(instructions "$work/base/parse-only" gallery catalogs udpegninger)"
            echo "parse-only $(instructions "$work/new/parse-only" gallery catalogs udpegninger)"
        } >"$work/instructions.txt"
    fi
    case "$scale" in 1) runs=${RUNS:-10} ;; 10) runs=${RUNS:-5} ;; *) runs=${RUNS:-3} ;; esac
    say "scale $scale: hyperfine, $runs runs each"
    hyperfine --style none --runs "$runs" --warmup 1 --export-json "$work/run-$scale.json" \
        -n "rg check (before)" "$work/base/rg check --quiet" \
        -n "rg check" "$work/new/rg check --quiet" \
        -n ajv "$ajv validate --spec=draft2020 -c ajv-formats -s $work/appointments.schema.json -d 'udpegninger/*.yaml'" \
        >/dev/null
    cd "$repo"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$SCALES" "$load_before" "$load_after" "$BASE" <<'PY'
import json, os, sys

work, scales, before, after, base = sys.argv[1], sys.argv[2].split(), sys.argv[3], sys.argv[4], sys.argv[5]
read = lambda name: open(os.path.join(work, name)).read().strip()
print(f"Load average (1, 5, 15 min): {before} before, {after} after; baseline `{base[:9]}`.\n")
counts = dict(line.rsplit(" ", 1) for line in read("instructions.txt").splitlines()) if "1" in scales else {}
if counts:
    size = int(read("bytes-1.txt"))
    print("| scale 1, one thread | instructions | per byte | after / before |")
    print("|---|---:|---:|---:|")
    for what in ("rg check", "parse-only"):
        old, new = int(counts[f"{what} (before)"]), int(counts[what])
        print(f"| `{what}` before | {old / 1e6:,.0f} M | {old / size:.0f} | |")
        print(f"| `{what}` | {new / 1e6:,.0f} M | {new / size:.0f} | {new / old:.2f} |")
    print()
print("| scale | MB | fast path | `rg check` before: wall / CPU [ms] | `rg check`: wall / CPU [ms] "
      "| ajv: wall / CPU [ms] | CPU: ajv / rg | rg ≤ ½ ajv (CPU) |")
print("|---:|---:|---|---:|---:|---:|---:|---|")
for scale in scales:
    results = {r["command"]: r for r in json.load(open(os.path.join(work, f"run-{scale}.json")))["results"]}
    cpu = lambda r: (r["user"] + r["system"]) * 1000
    fmt = lambda r: f"{r['median'] * 1000:,.0f} / {cpu(r):,.0f}"
    old, new, ajv = results["rg check (before)"], results["rg check"], results["ajv"]
    share = read(f"share-{scale}.txt").removeprefix("fast path: ")
    ratio = cpu(ajv) / cpu(new)
    print(f"| {scale} | {int(read(f'bytes-{scale}.txt')) / 1e6:,.1f} | {share} | {fmt(old)} | {fmt(new)} "
          f"| {fmt(ajv)} | {ratio:.1f}× | {'yes' if ratio >= 2 else '**no**'} |")
PY
