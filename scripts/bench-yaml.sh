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
#     150 MB corpus, ~15 min more);
#   - the median CPU time of the same three commands (hyperfine gives only the mean): rounds in
#     which each runs once, in turn, its user + system time read from wait4's rusage.
# It prints Markdown for BENCHMARKS.md, with the load average before and after.
#
# The baseline is `git archive BASE` built in a temporary folder with this checkout's target
# folder (the dependencies are shared, only the crate is built again); its binaries are copied
# away before this checkout is built. ajv-cli is installed from npm into the temporary folder
# (Node.js from Debian's packages when missing), as scripts/bench.sh does.
#
# Knobs: BASE (a revision), SCALES ("1 10"), RUNS (10 at scale 1, 5 at 10, 3 at 100), KEEP=1.
#
# Last run (SCALES="1 10 100", baseline 9c783f377, 2 shared cores; load average 4.60 4.18 4.88
# before, 7.26 6.85 6.32 after: a busy machine, so only ratios within the run count). Wall =
# hyperfine's median, CPU = the median user + system time of the rounds, in ms:
#
#   | scale |    MB | fast path (files)     | rg check before | rg check      | ajv             | CPU ajv / rg |
#   |     1 |   1.9 |  160 of 162 (98.8%)   |     192 /   177 |     98 /   57 |  2,154 /  1,408 | 24.9x        |
#   |    10 |  15.3 | 1042 of 1044 (99.8%)  |  1,994 /  1,314 |    630 /  407 |  5,298 /  3,370 |  8.3x        |
#   |   100 | 149.5 | 9862 of 9864 (99.98%) | 18,650 / 13,631 |  5,026 / 3,487 | 26,847 / 17,348 |  5.0x        |
#
#   Scale 100 again (load 2.37 before, 6.03 after): rg check before 19,206 / 12,613, rg check
#   5,609 / 3,871, ajv 25,689 / 21,719 (5.6x). Instructions at scale 1, one thread: rg check
#   640 M -> 199 M (0.31), parse-only 609 M -> 166 M (0.27). Peak RSS of rg check at scale 100:
#   13.5 MB before, 12.5 MB after. The two files left to saphyr-parser are the gallery roles
#   with a flow list over three lines (also 2 of the repository's 40 files).
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
if cmp -s "$work/base/rg" "$work/new/rg"; then
    say "the baseline and this checkout built the same rg: nothing to compare"
    exit 1
fi

say "installing ajv-cli into $work"
npm install --prefix "$work/npm" --no-audit --no-fund --loglevel=error \
    "ajv-cli@$AJV_CLI" "ajv-formats@$AJV_FORMATS" >/dev/null
ajv="$work/npm/node_modules/.bin/ajv"
"$work/new/rg" schema appointments -o "$work/appointments.schema.json"
"$work/new/parse-only" --fast-path gallery catalogs examples >"$work/share-repo.txt"

# rounds.py RUNS OUT.json NAME=COMMAND...: each round runs every command once (the order turned
# by one each round), in the current folder; per run the wall time and user + system time.
cat >"$work/rounds.py" <<'PY'
import json, os, subprocess, sys, time

runs, out, named = int(sys.argv[1]), sys.argv[2], [a.split("=", 1) for a in sys.argv[3:]]
results = {name: {"wall": [], "cpu": []} for name, _ in named}
for r in range(runs + 1):  # the first round warms the caches and is not kept
    for name, command in named[r % len(named):] + named[:r % len(named)]:
        start = time.perf_counter()
        child = subprocess.Popen(["sh", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{name} failed: {command}")
        if r > 0:
            results[name]["wall"].append(wall)
            results[name]["cpu"].append(usage.ru_utime + usage.ru_stime)
json.dump(results, open(out, "w"))
PY

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
    say "scale $scale: $runs rounds of the three, CPU time per run"
    python3 "$work/rounds.py" "$runs" "$work/rounds-$scale.json" \
        "rg check (before)=$work/base/rg check --quiet" "rg check=$work/new/rg check --quiet" \
        "ajv=$ajv validate --spec=draft2020 -c ajv-formats -s $work/appointments.schema.json -d 'udpegninger/*.yaml'"
    cd "$repo"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$SCALES" "$load_before" "$load_after" "$BASE" <<'PY'
import json, os, sys

work, scales, before, after, base = sys.argv[1], sys.argv[2].split(), sys.argv[3], sys.argv[4], sys.argv[5]
read = lambda name: open(os.path.join(work, name)).read().strip()
print(f"Load average (1, 5, 15 min): {before} before, {after} after; baseline `{base[:9]}`.\n")
print(f"The repository's gallery, catalogs and examples: {read('share-repo.txt')}.\n")
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
print("Wall: hyperfine's median; CPU (user + system): the median of the rounds, hyperfine's mean in "
      "parentheses. [ms]\n")
print("| scale | MB | fast path | `rg check` before: wall / CPU | `rg check`: wall / CPU "
      "| ajv: wall / CPU | CPU: ajv / rg | rg ≤ ½ ajv (CPU) |")
print("|---:|---:|---|---:|---:|---:|---:|---|")
median = lambda xs: sorted(xs)[len(xs) // 2] if len(xs) % 2 else sum(sorted(xs)[len(xs) // 2 - 1:len(xs) // 2 + 1]) / 2
for scale in scales:
    results = {r["command"]: r for r in json.load(open(os.path.join(work, f"run-{scale}.json")))["results"]}
    rounds = json.load(open(os.path.join(work, f"rounds-{scale}.json")))
    cpu = lambda name: median(rounds[name]["cpu"]) * 1000
    fmt = lambda name: (f"{results[name]['median'] * 1000:,.0f} / {cpu(name):,.0f} "
                        f"({(results[name]['user'] + results[name]['system']) * 1000:,.0f})")
    share = read(f"share-{scale}.txt").removeprefix("fast path: ")
    ratio = cpu("ajv") / cpu("rg check")
    print(f"| {scale} | {int(read(f'bytes-{scale}.txt')) / 1e6:,.1f} | {share} | {fmt('rg check (before)')} "
          f"| {fmt('rg check')} | {fmt('ajv')} | {ratio:.1f}× | {'yes' if ratio >= 2 else '**no**'} |")
PY
