#!/usr/bin/env bash
# Side-by-side benchmark (issue 8): `rg check` on generated corpora of scale 1 and 100 against
#   - `cat` of the same files (the I/O floor) and `parse-only` (typed parse, no rules: the
#     parse floor; also on one thread),
#   - ajv-cli and check-jsonschema validating the appointments files against the JSON Schema
#     that `rg schema appointments` prints, and yamllint with its relaxed config;
# rg's peak RSS (GNU time), `rg list` / `rg show projektleder` start-up against `true`, and
# `rg compile` of the largest repository catalog to HTML (target < 50 ms) and to PDF (the
# time is the browser's: Chromium, when the machine has one), and `rg lsp`'s latency from a
# catalog's didChange to its publishDiagnostics at scale 1 (tools/lsp-latency.rs; target: median
# < 50 ms).
# It prints Markdown tables for BENCHMARKS.md: medians and ratios (wall time), and CPU time
# (user + system), which other work on a shared machine disturbs less.
#
# Installs what it needs: hyperfine, GNU time, Node.js and python3-venv from Debian's packages
# when missing, and the peers into a temporary folder (ajv-cli from npm, check-jsonschema and
# yamllint from PyPI in a venv); nothing is installed into the repository.
#
# Knobs: SCALES ("1 100"), RUNS (10, scale 1), RUNS_LARGE (3, rg and the floors at scale 100),
# PEERS_LARGE (1: run the peers at scale 100, once each, ~25 min; 0 skips them), KEEP=1 keeps
# the temporary folder, ONLY=compile runs the compile benchmark alone (no peers, no corpora),
# ONLY=hostile the hostile sizes alone: files from `tools/gen-hostile.rs` at SIZES ("1000 10000
# 100000"), each command against `rg check --quiet` of the same file, HOSTILE_RUNS (3) runs.
# The machine is shared and noisy: only ratios within one hyperfine run are compared, and the
# load average is printed with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

SCALES=${SCALES:-1 100}
RUNS=${RUNS:-10}
RUNS_LARGE=${RUNS_LARGE:-3}
PEERS_LARGE=${PEERS_LARGE:-1}
AJV_CLI=5.0.0
AJV_FORMATS=3.0.1
CHECK_JSONSCHEMA=0.39.0
YAMLLINT=1.38.0

say() { echo "bench: $*" >&2; }

apt_updated=
apt_install() {
    if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
    say "installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
need() { # need COMMAND PACKAGE...
    command -v "$1" >/dev/null || apt_install "${@:2}"
}

need hyperfine hyperfine
need /usr/bin/time time
need python3 python3

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d)
cleanup() { [ "${KEEP:-0}" = 1 ] && say "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

say "building rg (release)"
cargo build --release --locked --quiet --bins
rg="$repo/target/release/rg"
# The largest catalog by size; the HTML is written to a file, as a user would.
largest=$(ls -S "$repo"/catalogs/*.yaml | head -1)
say "rg compile $(basename "$largest"): HTML, then PDF if a browser is here"
hyperfine -N --style none --runs 100 --warmup 10 --export-json "$work/compile.json" \
    -n "rg compile (html)" "$rg compile $largest --format html -o $work/compiled.html --force" \
    >/dev/null
if browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome); then
    hyperfine -N --style none --runs 5 --warmup 1 --export-json "$work/compile-pdf.json" \
        -n "rg compile (pdf)" \
        "$rg compile $largest --format pdf -o $work/compiled.pdf --force --browser $browser" \
        >/dev/null
fi
echo "$(basename "$largest")" >"$work/largest.txt"
if [ "${ONLY:-}" = compile ] || [ "${ONLY:-}" = hostile ]; then
    SCALES=
fi

if [ -n "$SCALES" ]; then
need npm nodejs npm

say "installing the peers into $work"
npm install --prefix "$work/npm" --no-audit --no-fund --loglevel=error \
    "ajv-cli@$AJV_CLI" "ajv-formats@$AJV_FORMATS" >/dev/null
# Debian's python3 makes venvs only with python3-venv installed.
python3 -m venv "$work/venv" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$work/venv"; }
"$work/venv/bin/pip" install -q --disable-pip-version-check \
    "check-jsonschema==$CHECK_JSONSCHEMA" "yamllint==$YAMLLINT"
ajv="$work/npm/node_modules/.bin/ajv"
cjs="$work/venv/bin/check-jsonschema"
yamllint="$work/venv/bin/yamllint"

say "building gen-corpus, parse-only and lsp-latency (release)"
cargo build --release --locked --quiet --example gen-corpus --example parse-only --example lsp-latency
parse_only="$repo/target/release/examples/parse-only"
"$rg" schema appointments -o "$work/appointments.schema.json"
schema="$work/appointments.schema.json"

# Every command runs in the corpus folder, whose rg.toml names gallery/, catalogs/, udpegninger/.
cmd_cat='cat gallery/*.yaml catalogs/*.yaml udpegninger/*.yaml'
cmd_parse="$parse_only gallery catalogs udpegninger"
cmd_parse1="RAYON_NUM_THREADS=1 $parse_only gallery catalogs udpegninger"
cmd_rg="$rg check --quiet"
cmd_diff="$rg diff --quiet; [ \$? -le 1 ]" # exit 1 = gaps found, as generated
cmd_ajv="$ajv validate --spec=draft2020 -c ajv-formats -s $schema -d 'udpegninger/*.yaml'"
cmd_cjs="$cjs --schemafile $schema udpegninger/*.yaml"
cmd_yamllint="$yamllint -d relaxed gallery catalogs udpegninger"
fi

bench() { # bench JSON RUNS WARMUP COMMAND...
    local json=$1 runs=$2 warmup=$3
    shift 3
    hyperfine --style none --runs "$runs" --warmup "$warmup" --export-json "$json" "$@" >/dev/null
}

peak_rss_kb() { # peak_rss_kb COMMAND... (in the current folder)
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
}

{
    echo "load_before=$load_before"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "cores=$(nproc)"
    echo "memory=$(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "kernel=$(uname -r)"
    echo "rustc=$(rustc --version)"
    echo "hyperfine=$(hyperfine --version)"
    echo "node=$(node --version 2>/dev/null) ajv-cli=$AJV_CLI check-jsonschema=$CHECK_JSONSCHEMA yamllint=$YAMLLINT"
    echo "browser=$( (chromium --version || google-chrome --version) 2>/dev/null | head -1)"
} >"$work/machine.txt"

for scale in $SCALES; do
    corpus="$work/scale-$scale"
    say "generating the scale-$scale corpus"
    "$repo/target/release/examples/gen-corpus" --out "$corpus" --scale "$scale" 2>"$work/gen-$scale.txt"
    cd "$corpus"
    find gallery catalogs udpegninger -name '*.yaml' -printf '%s\n' |
        awk '{s += $1} END {print s}' >"$work/bytes-$scale.txt"
    find udpegninger -name '*.yaml' | wc -l >"$work/files-$scale.txt"
    peak_rss_kb "$rg" check --quiet >"$work/rss-$scale.txt"
    if [ "$scale" = 1 ]; then
        say "scale 1: rg lsp, a catalog's didChange until its publishDiagnostics (target: median < 50 ms)"
        "$repo/target/release/examples/lsp-latency" --rg "$rg" --corpus "$corpus" >"$work/lsp-1.txt"
        say "scale 1: every command in one hyperfine run ($RUNS runs each)"
        bench "$work/run-$scale.json" "$RUNS" 1 \
            -n cat "$cmd_cat" -n parse-only "$cmd_parse" -n "parse-only (1 thread)" "$cmd_parse1" \
            -n "rg check" "$cmd_rg" -n "rg diff" "$cmd_diff" \
            -n ajv "$cmd_ajv" -n check-jsonschema "$cmd_cjs" -n yamllint "$cmd_yamllint"
    else
        say "scale $scale: rg and the floors ($RUNS_LARGE runs each)"
        bench "$work/run-$scale.json" "$RUNS_LARGE" 1 \
            -n cat "$cmd_cat" -n parse-only "$cmd_parse" -n "parse-only (1 thread)" "$cmd_parse1" \
            -n "rg check" "$cmd_rg" -n "rg diff" "$cmd_diff" \
            -n "rg check, scale 1" "cd $work/scale-1 && $cmd_rg"
        if [ "$PEERS_LARGE" = 1 ]; then
            say "scale $scale: rg and the peers, once each (slow)"
            bench "$work/peers-$scale.json" 1 0 \
                -n "rg check" "$cmd_rg" -n ajv "$cmd_ajv" -n check-jsonschema "$cmd_cjs" \
                -n yamllint "$cmd_yamllint"
        fi
    fi
    cd "$repo"
done

if [ "${ONLY:-}" = hostile ]; then
    say "building gen-hostile (release)"
    cargo build --release --locked --quiet --example gen-hostile
    : >"$work/hostile.txt"
    for size in ${SIZES:-1000 10000 100000}; do
        dir="$work/hostile-$size"
        "$repo/target/release/examples/gen-hostile" --out "$dir" --size "$size"
        cd "$dir"
        # case|file|command: every command of one file is measured in one hyperfine run,
        # against `rg check --quiet` of that file.
        while IFS='|' read -r case file commands; do
            args=(-n "check --quiet" "$rg check --quiet $file; [ \$? -le 1 ]")
            IFS=';' read -ra list <<<"$commands"
            for c in "${list[@]}"; do
                args+=(-n "$c" "$rg $c $file >/dev/null 2>&1; [ \$? -le 1 ]")
            done
            say "hostile $case at $size"
            bench "$work/hostile-$size-$case.json" "${HOSTILE_RUNS:-3}" 0 "${args[@]}"
            echo "$size|$case|$file|$(stat -c %s "$file")" >>"$work/hostile.txt"
        done <<'CASES'
tasks|catalogs/opgaver.yaml|check;compile --format markdown;compile --format html;compile --format json;table --format csv
errors|fejl/mange-fejl.yaml|check;check --format json;check --format github;check --format sarif
one-line|fejl/en-linje.yaml|check;check --format json
persons|udpegninger/personer.yaml|check;diff;diff --format json;diff --format markdown;diff --overview
unknown|udpegninger/ukendte.yaml|check;check --format json;diff
CASES
        cd "$repo"
    done
fi

if [ -n "$SCALES" ]; then
say "start-up, with the embedded gallery (an empty folder)"
mkdir "$work/empty"
cd "$work/empty"
hyperfine -N --style none --runs 300 --warmup 20 --export-json "$work/startup.json" \
    -n true true -n "rg list" "$rg list" -n "rg show projektleder" "$rg show projektleder" >/dev/null
cd "$repo"
fi
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/machine.txt"

python3 - "$work" "$SCALES" <<'PY'
import json, os, sys

work, scales = sys.argv[1], sys.argv[2].split()
machine = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(work, "machine.txt")))

def runs(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return {}
    return {r["command"]: r for r in json.load(open(path))["results"]}

def ms(seconds):
    return f"{seconds * 1000:,.1f}"

def cpu_of(result):
    """Mean user + system time: less sensitive than wall time to other work on the machine."""
    return result["user"] + result["system"]

def read(name):
    return open(os.path.join(work, name)).read().strip()

print("## Machine\n")
print(f"- {machine['cpu']}, {machine['cores']} cores, {machine['memory']}, Linux {machine['kernel']}")
print(f"- {machine['rustc']}; {machine['hyperfine']}; Node.js {machine['node']}")
print(f"- load average (1, 5, 15 min): {machine['load_before']} before, {machine['load_after']} after\n")

main = {}
for scale in scales:
    size = int(read(f"bytes-{scale}.txt")) / 1e6
    files = read(f"files-{scale}.txt")
    print(f"## Scale {scale}: {size:,.1f} MB of YAML, {files} appointments files\n")
    for title, name in (("", f"run-{scale}.json"), ("peers, one run each", f"peers-{scale}.json")):
        results = runs(name)
        if not results:
            continue
        if not title:
            main[scale] = results
        else:
            print(f"*{title} (rg check measured again in the same run):*\n")
        rg = results["rg check"]
        print("| command | median [ms] | rg / command | command / rg | CPU [ms] | CPU: command / rg |")
        print("|---|---:|---:|---:|---:|---:|")
        for command, r in results.items():
            m, cpu = r["median"], cpu_of(r)
            print(f"| {command} | {ms(m)} | {rg['median'] / m:.2f} | {m / rg['median']:.1f}× "
                  f"| {ms(cpu)} | {cpu / cpu_of(rg):.1f}× |")
        print()
    print(f"Peak RSS of `rg check`: {int(read(f'rss-{scale}.txt')) / 1024:.1f} MiB\n")

startup = runs("startup.json")
if startup:
    print("## Start-up (embedded gallery)\n")
    print("| command | median [ms] | minus `true` [ms] |")
    print("|---|---:|---:|")
    base = startup["true"]["median"]
    for command, r in startup.items():
        print(f"| {command} | {r['median'] * 1000:.2f} | {(r['median'] - base) * 1000:.2f} |")
    print()

hostile_path = os.path.join(work, "hostile.txt")
if os.path.exists(hostile_path):
    rows = [line.strip().split("|") for line in open(hostile_path) if line.strip()]
    sizes = sorted({int(r[0]) for r in rows})
    cases = list(dict.fromkeys(r[1] for r in rows))
    files = {r[1]: r[2] for r in rows}
    mb = {(int(r[0]), r[1]): int(r[3]) / 1e6 for r in rows}
    print("## Hostile sizes\n")
    print("Each file grows in one direction (`tools/gen-hostile.rs`); medians of wall time, CPU "
          "(user + system) in brackets. *× check* is the command against `rg check --quiet` of "
          "the same file in the same run; *growth* is the time at one size over the size before "
          "(10× the input: 10 is linear).\n")
    head = " | ".join(f"N = {n:,}" for n in sizes)
    print(f"| file | command | {head} | × check (N = {sizes[-1]:,}) | growth |")
    print("|---|---|" + "---:|" * len(sizes) + "---:|---:|")
    for case in cases:
        at = {n: runs(f"hostile-{n}-{case}.json") for n in sizes}
        for command in at[sizes[0]]:
            cells, medians = [], []
            for n in sizes:
                r = at[n].get(command)
                if r is None:
                    cells.append("–")
                    continue
                medians.append(r["median"])
                cells.append(f"{ms(r['median'])} ms ({ms(cpu_of(r))})")
            last = at[sizes[-1]]
            times = f"{last[command]['median'] / last['check --quiet']['median']:.1f}×" \
                if command in last else "–"
            growth = ", ".join(f"{b / a:.1f}" for a, b in zip(medians, medians[1:]))
            sizes_mb = ", ".join(f"{mb[(n, case)]:.1f}" for n in sizes)
            print(f"| `{files[case]}` ({sizes_mb} MB) | `rg {command}` | {' | '.join(cells)} "
                  f"| {times} | {growth} |")
    print()

if os.path.exists(os.path.join(work, "lsp-1.txt")):
    print("## rg lsp (scale 1)\n")
    print("```\n" + read("lsp-1.txt") + "\n```\n")

compiled = {**runs("compile.json"), **runs("compile-pdf.json")}
print(f"## Compiling the rollekatalog ({read('largest.txt')}, the largest catalog)\n")
if machine.get("browser"):
    print(f"PDF printed by {machine['browser']}.\n")
print("| command | median [ms] | min [ms] | max [ms] | runs |")
print("|---|---:|---:|---:|---:|")
for command, r in compiled.items():
    print(f"| {command} | {ms(r['median'])} | {ms(r['min'])} | {ms(r['max'])} | {len(r['times'])} |")
print()

print("## Targets\n")
def verdict(ok):
    return "met" if ok else "**missed**"
one, big = main.get("1", {}), main.get("100", {})
def ratio(results, slow, fast):
    wall = results[slow]["median"] / results[fast]["median"]
    return wall, cpu_of(results[slow]) / cpu_of(results[fast])
if one:
    for peer, goal in (("ajv", 5), ("check-jsonschema", 50)):
        wall, cpu = ratio(one, peer, "rg check")
        print(f"- scale 1, {peer} / rg = {wall:.1f}× wall, {cpu:.1f}× CPU (target ≥ {goal}×): "
              f"{verdict(wall >= goal)}")
    wall, cpu = ratio(one, "rg check", "parse-only")
    print(f"- scale 1, rg / parse-only = {wall:.2f} wall, {cpu:.2f} CPU (target ≤ 1.5): "
          f"{verdict(wall <= 1.5)}")
if big and "rg check, scale 1" in big:
    wall, cpu = ratio(big, "rg check", "rg check, scale 1")
    print(f"- scale 100 / scale 1 = {wall:.0f}× wall, {cpu:.0f}× CPU (target ≤ 110×): {verdict(wall <= 110)}")
if big:
    rss = int(read("rss-100.txt")) / 1024
    print(f"- scale 100 peak RSS = {rss:.1f} MiB (target < 100 MB): {verdict(rss * 1.048576 < 100)}")
if startup:
    lst = startup["rg list"]["median"]
    print(f"- `rg list` = {lst * 1000:.2f} ms, {(lst - base) * 1000:.2f} ms over `true` "
          f"(target < 3 ms and within 3 ms): {verdict(lst < 0.003 and lst - base < 0.003)}")
html = compiled["rg compile (html)"]["median"]
print(f"- `rg compile` to HTML = {html * 1000:.1f} ms (target < 50 ms): {verdict(html < 0.05)}")
PY
