#!/usr/bin/env bash
# Side-by-side benchmark (issues 8 and 17): `rg check` on generated corpora of scale 1, 10 and
# 100 against
#   - `cat` of the same files (the I/O floor) and `parse-only` (typed parse, no rules: the
#     parse floor; also on one thread),
#   - ajv-cli and check-jsonschema validating the appointments files against the JSON Schema
#     that `rg schema appointments` prints, and yamllint with its relaxed config;
# `rg diff` in every format against `rg check --quiet` of the same corpus, in one hyperfine run
# per scale: wall and CPU time, and each one's peak RSS (GNU time, every run);
# rg's peak RSS, `rg list` / `rg show projektleder` start-up against `true`, and `rg compile` of
# the largest repository catalog to HTML (target < 50 ms) and to PDF (the time is the browser's:
# Chromium, when the machine has one), `rg lsp`'s latency from a catalog's didChange to its
# publishDiagnostics at scale 1 (tools/lsp-latency.rs; target: median < 50 ms), and the hostile
# sizes: files from `tools/gen-hostile.rs` that grow in one direction, each command against
# `rg check --quiet` of the same file.
# It prints Markdown tables for BENCHMARKS.md: medians and ratios (wall time), and CPU time
# (user + system), which other work on a shared machine disturbs less, and a Targets section
# that states each target met or missed, in wall and in CPU time.
#
# Installs what it needs: hyperfine, GNU time, Node.js and python3-venv from Debian's packages
# when missing, and the peers into a temporary folder (ajv-cli from npm, check-jsonschema and
# yamllint from PyPI in a venv); nothing is installed into the repository. rg is built with
# `cargo build --release` into cargo's target folder (CARGO_TARGET_DIR is honoured).
#
# Knobs: SCALES ("1 10 100"); RUNS (10, scale 1); RUNS_LARGE (3, rg, the floors and, at scale
# 10, ajv at the larger scales; at scale 100 ajv runs once, beside `rg check`); PEERS_LARGE (1:
# check-jsonschema and yamllint at the larger scales too, once each: ~2 min at scale 10, ~20 min
# at scale 100; 0 skips them); DIFF_RUNS (RUNS_LARGE: runs of the diff table at the larger
# scales; scale 1 has RUNS); FORMATS (all: which rows of the diff table, from "quiet human json
# markdown github csv overview overview-json overview-markdown overview-csv overview-xlsx");
# HOSTILE (1: the hostile sizes after the scales; 0 skips them) at SIZES ("1000 10000 100000"),
# HOSTILE_RUNS (3) runs; KEEP=1 keeps the temporary folder. ONLY=compile runs the compile
# benchmark alone (no peers, no corpora), ONLY=hostile the hostile sizes alone.
#
# How long (2 cores; `rg diff` at scale 100 as of 2026-12-02: ~25 s in the human format, ~60 s
# in JSON, ~240 s for one run of every format; ajv ~7 s at scale 100 on a quiet machine, ~27 s
# under load): building aside, about 45 min with the defaults: scale 1 ~4 min (check-jsonschema
# and yamllint 11 runs each), scale 10 ~4 min (2 of them the peers), scale 100 ~34 min (20 the
# peers once each, 12 the diff table: 3 runs of each format), the hostile sizes ~3 min, the rest
# ~1 min. PEERS_LARGE=0: ~23 min; with DIFF_RUNS=1 too: ~15 min; SCALES="1 10": ~11 min;
# ONLY=hostile: ~3 min. A busy machine takes up to twice as long (a test with SCALES="1 10"
# RUNS=3 RUNS_LARGE=1 PEERS_LARGE=0 SIZES="1000 10000" took 15 min at load 4-5); a faster
# `rg diff` shortens the diff table in proportion.
#
# The machine is shared and noisy: only ratios within one hyperfine run are compared, and the
# load average is printed with the figures (before, at the start of each scale, after).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

SCALES=${SCALES:-1 10 100}
RUNS=${RUNS:-10}
RUNS_LARGE=${RUNS_LARGE:-3}
PEERS_LARGE=${PEERS_LARGE:-1}
DIFF_RUNS=${DIFF_RUNS:-$RUNS_LARGE}
FORMATS=${FORMATS:-quiet human json markdown github csv overview overview-json overview-markdown overview-csv overview-xlsx}
HOSTILE=${HOSTILE:-1}
SIZES=${SIZES:-1000 10000 100000}
HOSTILE_RUNS=${HOSTILE_RUNS:-3}
AJV_CLI=5.0.0
AJV_FORMATS=3.0.1
CHECK_JSONSCHEMA=0.39.0
YAMLLINT=1.38.0

say() { echo "bench: $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

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

load_before=$(loadavg)
work=$(mktemp -d)
cleanup() { [ "${KEEP:-0}" = 1 ] && say "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

# Where cargo puts the binaries: CARGO_TARGET_DIR or build.target-dir when set, else target/.
target=$(cargo metadata --format-version 1 --no-deps --locked |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
say "building rg (release) into $target"
cargo build --release --locked --quiet --bins
rg="$target/release/rg"
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
case "${ONLY:-}" in
compile) SCALES= HOSTILE=0 ;;
hostile) SCALES= HOSTILE=1 ;;
esac

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
parse_only="$target/release/examples/parse-only"
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

# The diff table's rows: name|arguments of `rg diff` (@OUT@: a file in the temporary folder).
diff_rows=(
    "quiet|--quiet"
    "human|"
    "json|--format json"
    "markdown|--format markdown"
    "github|--format github"
    "csv|--format csv"
    "overview|--overview"
    "overview-json|--overview --format json"
    "overview-markdown|--overview --format markdown"
    "overview-csv|--overview --format csv"
    "overview-xlsx|--overview --format xlsx -o @OUT@ --force"
)

bench() { # bench JSON RUNS WARMUP COMMAND...
    local json=$1 runs=$2 warmup=$3
    shift 3
    hyperfine --style none --runs "$runs" --warmup "$warmup" --export-json "$json" "$@" >/dev/null
}

peak_rss_kb() { # peak_rss_kb COMMAND... (in the current folder)
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
}

# diff_table SCALE RUNS WARMUP (in the corpus folder): `rg check --quiet` and `rg diff` in each
# format of FORMATS in one hyperfine run, output to /dev/null (the workbook to a file); every
# run under GNU time, whose Maximum resident set size (%M, KB) is appended to one file per row.
diff_table() {
    local scale=$1 runs=$2 warmup=$3 dir="$work/diff-$1" row name args label
    mkdir -p "$dir"
    local list=(-n "rg check --quiet"
        "/usr/bin/time -f %M -a -o $dir/rss-check.txt $rg check --quiet >/dev/null")
    : >"$dir/rows.txt"
    for row in "${diff_rows[@]}"; do
        name=${row%%|*} args=${row#*|}
        [[ " $FORMATS " == *" $name "* ]] || continue
        label="rg diff${args:+ ${args//@OUT@/FILE}}"
        args=${args//@OUT@/$dir/out-$name}
        echo "$name|$label|$args" >>"$dir/rows.txt"
        list+=(-n "$label" "/usr/bin/time -f %M -a -o $dir/rss-$name.txt $rg diff $args >/dev/null 2>&1; [ \$? -le 1 ]")
    done
    bench "$work/diff-$scale.json" "$runs" "$warmup" "${list[@]}"
}

# diff_sizes SCALE (in the corpus folder): the bytes each row writes, measured once.
diff_sizes() {
    local dir="$work/diff-$1" name label args bytes
    while IFS='|' read -r name label args; do
        if [ "$name" = overview-xlsx ]; then
            "$rg" diff $args >/dev/null 2>&1 || [ $? -le 1 ]
            bytes=$(stat -c %s "$dir/out-$name")
        else
            bytes=$( ("$rg" diff $args 2>/dev/null || [ $? -le 1 ]) | wc -c)
        fi
        echo "$name|$bytes" >>"$dir/sizes.txt"
    done <"$dir/rows.txt"
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
    loadavg >"$work/load-$scale.txt"
    corpus="$work/scale-$scale"
    say "generating the scale-$scale corpus (load average $(cat "$work/load-$scale.txt"))"
    "$target/release/examples/gen-corpus" --out "$corpus" --scale "$scale" 2>"$work/gen-$scale.txt"
    cd "$corpus"
    find gallery catalogs udpegninger -name '*.yaml' -printf '%s\n' |
        awk '{s += $1} END {print s}' >"$work/bytes-$scale.txt"
    find udpegninger -name '*.yaml' -printf '%s\n' |
        awk '{s += $1} END {print s}' >"$work/appointments-bytes-$scale.txt"
    find udpegninger -name '*.yaml' | wc -l >"$work/files-$scale.txt"
    peak_rss_kb "$rg" check --quiet >"$work/rss-$scale.txt"
    if [ "$scale" = 1 ]; then
        say "scale 1: rg lsp, a catalog's didChange until its publishDiagnostics (target: median < 50 ms)"
        "$target/release/examples/lsp-latency" --rg "$rg" --corpus "$corpus" >"$work/lsp-1.txt"
        say "scale 1: every command in one hyperfine run ($RUNS runs each)"
        bench "$work/run-$scale.json" "$RUNS" 1 \
            -n cat "$cmd_cat" -n parse-only "$cmd_parse" -n "parse-only (1 thread)" "$cmd_parse1" \
            -n "rg check" "$cmd_rg" -n "rg diff" "$cmd_diff" \
            -n ajv "$cmd_ajv" -n check-jsonschema "$cmd_cjs" -n yamllint "$cmd_yamllint"
        say "scale 1: the diff table ($RUNS runs each)"
        diff_table "$scale" "$RUNS" 1
        diff_sizes "$scale"
    else
        # ajv beside `rg check` at every scale (issue 17, goal 3): in the main run up to scale
        # 10, once at the larger scales (in the peers' run below).
        main=(-n cat "$cmd_cat" -n parse-only "$cmd_parse" -n "parse-only (1 thread)" "$cmd_parse1"
            -n "rg check" "$cmd_rg" -n "rg diff" "$cmd_diff")
        if [ -d "$work/scale-1" ]; then main+=(-n "rg check, scale 1" "cd $work/scale-1 && $cmd_rg"); fi
        peers=(-n "rg check" "$cmd_rg")
        if [ "$scale" -le 10 ]; then main+=(-n ajv "$cmd_ajv"); else peers+=(-n ajv "$cmd_ajv"); fi
        if [ "$PEERS_LARGE" = 1 ]; then peers+=(-n check-jsonschema "$cmd_cjs" -n yamllint "$cmd_yamllint"); fi
        say "scale $scale: rg and the floors ($RUNS_LARGE runs each)"
        bench "$work/run-$scale.json" "$RUNS_LARGE" 1 "${main[@]}"
        if [ "${#peers[@]}" -gt 3 ]; then # more than `rg check` itself
            say "scale $scale: rg check and the peers, once each (slow)"
            bench "$work/peers-$scale.json" 1 0 "${peers[@]}"
        fi
        say "scale $scale: the diff table ($DIFF_RUNS runs each)"
        diff_table "$scale" "$DIFF_RUNS" 0
    fi
    cd "$repo"
done

if [ "$HOSTILE" = 1 ]; then
    say "building gen-hostile (release)"
    cargo build --release --locked --quiet --example gen-hostile
    : >"$work/hostile.txt"
    for size in $SIZES; do
        dir="$work/hostile-$size"
        "$target/release/examples/gen-hostile" --out "$dir" --size "$size"
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
            bench "$work/hostile-$size-$case.json" "$HOSTILE_RUNS" 0 "${args[@]}"
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
echo "load_after=$(loadavg)" >>"$work/machine.txt"

python3 - "$work" "$SCALES" <<'PY'
import json, os, sys

work, scales = sys.argv[1], sys.argv[2].split()
machine = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(work, "machine.txt")))

def path(name):
    return os.path.join(work, name)

def runs(name):
    if not os.path.exists(path(name)):
        return {}
    return {r["command"]: r for r in json.load(open(path(name)))["results"]}

def ms(seconds):
    return f"{seconds * 1000:,.1f}"

def cpu_of(result):
    """Mean user + system time: less sensitive than wall time to other work on the machine."""
    return result["user"] + result["system"]

def read(name):
    return open(path(name)).read().strip()

def verdict(ok):
    return "met" if ok else "**missed**"

def both(wall_ok, cpu_ok):
    return f"wall {verdict(wall_ok)}, CPU {verdict(cpu_ok)}"

def ratio(results, slow, fast):
    """slow / fast in wall (medians) and in CPU (means of user + system), same run."""
    wall = results[slow]["median"] / results[fast]["median"]
    return wall, cpu_of(results[slow]) / cpu_of(results[fast])

def peak_kb(name):
    """The largest Maximum resident set size (KB) GNU time noted over a row's runs."""
    if not os.path.exists(path(name)):
        return None
    values = [int(line) for line in open(path(name)) if line.strip().isdigit()]
    return max(values) if values else None

def mb(kb):
    return kb * 1024 / 1e6

print("## Machine\n")
print(f"- {machine['cpu']}, {machine['cores']} cores, {machine['memory']}, Linux {machine['kernel']}")
print(f"- {machine['rustc']}; {machine['hyperfine']}; Node.js {machine['node']}")
print(f"- load average (1, 5, 15 min): {machine['load_before']} before, {machine['load_after']} after\n")

DIFF_TIME, DIFF_RSS, LINEAR = 1.3, 100.0, 3.0
LIMIT = 10 * 1024 * 1024  # rg's file size limit (src/load/read.rs)
main, peers, diffs = {}, {}, {}
sizes1 = {}
if os.path.exists(path("diff-1/sizes.txt")):
    sizes1 = {n: int(b) for n, b in (l.strip().split("|") for l in open(path("diff-1/sizes.txt")))}

def diff_rows(scale):
    """name, label of each row of the diff table at `scale`."""
    rows = path(f"diff-{scale}/rows.txt")
    if not os.path.exists(rows):
        return []
    return [tuple(line.rstrip("\n").split("|")[:2]) for line in open(rows) if line.strip()]

for scale in scales:
    size = int(read(f"bytes-{scale}.txt")) / 1e6
    files = read(f"files-{scale}.txt")
    print(f"## Scale {scale}: {size:,.1f} MB of YAML, {files} appointments files\n")
    print(f"Load average at the start of this scale: {read(f'load-{scale}.txt')}.\n")
    main[scale], peers[scale] = runs(f"run-{scale}.json"), runs(f"peers-{scale}.json")
    for title, results in (("", main[scale]), ("peers, one run each", peers[scale])):
        if not results:
            continue
        if title:
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

    diff = diffs[scale] = runs(f"diff-{scale}.json")
    if not diff:
        continue
    check = diff["rg check --quiet"]
    count = len(check["times"])
    reads = int(read(f"appointments-bytes-{scale}.txt"))
    files1 = int(read("files-1.txt")) if os.path.exists(path("files-1.txt")) else None
    print(f"*`rg diff` in each format against `rg check --quiet`, one hyperfine run ({count} "
          f"run{'s' if count != 1 else ''} each; output to /dev/null, the workbook to a file). Peak "
          f"RSS: the largest of the runs (GNU time), in MB (10⁶ bytes). Output: the bytes written"
          f"{', measured at scale 1' if scale == '1' else ', scale 1’s times the files (≈)'}; "
          f"the appointments files are {reads / 1e6:,.1f} MB.*\n")
    print("| command | median [ms] | × check | CPU [ms] | CPU × check | peak RSS [MB] | output [MB] |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    out_mb = {}
    for name, label in [("check", "rg check --quiet")] + diff_rows(scale):
        r = diff[label]
        kb = peak_kb(f"diff-{scale}/rss-{name}.txt")
        if name in sizes1 and files1:
            out_mb[name] = sizes1[name] * int(files) / files1 / 1e6
            output = f"{'' if scale == '1' else '≈ '}{out_mb[name]:,.1f}"
        else:
            output = "–"
        print(f"| `{label}` | {ms(r['median'])} | {r['median'] / check['median']:.2f}× | {ms(cpu_of(r))} "
              f"| {cpu_of(r) / cpu_of(check):.2f}× | {f'{mb(kb):,.1f}' if kb else '–'} | {output} |")
    print()
    print(f"Goal 2, time (≤ {DIFF_TIME}× `rg check --quiet`, same run), scale {scale}. The formats "
          "marked *plus output* write at least half as many bytes as the appointments files hold; "
          "their fair bar is 1.3× `rg check` plus the time to write that, and `rg diff --quiet` "
          "is the diff without output. The verdicts are on the raw ratios:\n")
    for name, label in diff_rows(scale):
        wall, cpu = ratio(diff, label, "rg check --quiet")
        line = f"- `{label}`: {wall:.2f}× wall, {cpu:.2f}× CPU: {both(wall <= DIFF_TIME, cpu <= DIFF_TIME)}"
        written = out_mb.get(name, 0) * 1e6
        if written >= reads / 2:
            line += (f"; *plus output*: {'≈ ' if scale != '1' else ''}{written / 1e6:,.0f} MB, "
                     f"{written / reads:.1f}× what it reads")
        print(line)
    print()
    if scale == "100":
        print(f"Goal 2, memory (peak RSS < {DIFF_RSS:.0f} MB), scale 100:\n")
        for name, label in diff_rows(scale):
            kb = peak_kb(f"diff-{scale}/rss-{name}.txt")
            if kb:
                print(f"- `{label}`: {mb(kb):,.1f} MB: {verdict(mb(kb) < DIFF_RSS)}")
        print()

startup = runs("startup.json")
if startup:
    print("## Start-up (embedded gallery)\n")
    print("| command | median [ms] | minus `true` [ms] |")
    print("|---|---:|---:|")
    base = startup["true"]["median"]
    for command, r in startup.items():
        print(f"| {command} | {r['median'] * 1000:.2f} | {(r['median'] - base) * 1000:.2f} |")
    print()

hostile = []  # (file, command, wall ok, CPU ok, why)
if os.path.exists(path("hostile.txt")):
    rows = [line.strip().split("|") for line in open(path("hostile.txt")) if line.strip()]
    sizes = sorted({int(r[0]) for r in rows})
    cases = list(dict.fromkeys(r[1] for r in rows))
    files = {r[1]: r[2] for r in rows}
    mbs = {(int(r[0]), r[1]): int(r[3]) / 1e6 for r in rows}
    print("## Hostile sizes\n")
    print("Each file grows in one direction (`tools/gen-hostile.rs`); medians of wall time, CPU "
          "(user + system) in brackets. *× check* is the command against `rg check --quiet` of "
          "the same file in the same run; *growth* is the time at one size over the size before "
          "(10× the input: 10 is linear). A file over rg's size limit is refused: *over the limit*.\n")
    head = " | ".join(f"N = {n:,}" for n in sizes)
    print(f"| file | command | {head} | × check (largest N within the limit) | growth |")
    print("|---|---|" + "---:|" * len(sizes) + "---:|---:|")
    for case in cases:
        at = {n: runs(f"hostile-{n}-{case}.json") for n in sizes}
        # Goal 1 holds for files within rg's documented limits: a bigger file is refused.
        within = [n for n in sizes if mbs[(n, case)] * 1e6 <= LIMIT]
        for command in at[sizes[0]]:
            cells, walls, cpus, steps = [], [], [], []
            for n in sizes:
                r = at[n].get(command)
                if r is None or n not in within:
                    cells.append("–" if r is None else "over the limit")
                    continue
                if walls:
                    steps.append(n / steps_from)
                steps_from = n
                walls.append(r["median"])
                cpus.append(cpu_of(r))
                cells.append(f"{ms(r['median'])} ms ({ms(cpu_of(r))})")
            last = at[within[-1]] if within else {}
            if command in last:
                wall, cpu = ratio(last, command, "check --quiet")
                times = f"{wall:.2f}× ({cpu:.2f}×) at N = {within[-1]:,}"
            else:
                wall = cpu = None
                times = "–"
            wgrowth = [b / a for a, b in zip(walls, walls[1:])]
            cgrowth = [b / a for a, b in zip(cpus, cpus[1:])]
            growth = ", ".join(f"{w:.1f} ({c:.1f})" for w, c in zip(wgrowth, cgrowth)) or "–"
            sizes_mb = ", ".join(f"{mbs[(n, case)]:.1f}" for n in sizes)
            print(f"| `{files[case]}` ({sizes_mb} MB) | `rg {command}` | {' | '.join(cells)} "
                  f"| {times} | {growth} |")
            # Linear: each step of K× the input costs at most 1.5 K× the time (15× per 10×).
            linear = lambda g: all(x <= 1.5 * k for x, k in zip(g, steps))
            wall_ok = wall is not None and wall <= LINEAR and linear(wgrowth)
            cpu_ok = cpu is not None and cpu <= LINEAR and linear(cgrowth)
            hostile.append((files[case], command, wall_ok, cpu_ok, times, growth))
    print()
    print(f"Goal 1 (× check ≤ {LINEAR:.0f} at the largest N within rg's {LIMIT >> 20} MiB limit, "
          "each 10× step ≤ 15×; wall, CPU in brackets):\n")
    for file, command, wall_ok, cpu_ok, times, growth in hostile:
        print(f"- `rg {command}` on `{file}`: × check {times}, growth {growth}: {both(wall_ok, cpu_ok)}")
    print()

if os.path.exists(path("lsp-1.txt")):
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
print("### Issue 17\n")
def missed_list(items):
    return "; ".join(items[:6]) + (f"; and {len(items) - 6} more" if len(items) > 6 else "")
if hostile:
    for what, index in (("wall", 2), ("CPU", 3)):
        bad = [f"`rg {h[1]}` on `{h[0]}`" for h in hostile if not h[index]]
        print(f"- Goal 1, linear everywhere (hostile sizes: × check ≤ {LINEAR:.0f}, ≤ 15× per 10×), "
              f"in {what}: {verdict(not bad)} ({len(hostile) - len(bad)} of {len(hostile)} commands"
              f"{'; missed: ' + missed_list(bad) if bad else ''})")
else:
    print("- Goal 1, linear everywhere: the hostile sizes were not run (HOSTILE=0)")
for scale in scales:
    diff = diffs.get(scale)
    if not diff:
        continue
    labels = [label for _, label in diff_rows(scale)]
    for what, index in (("wall", 0), ("CPU", 1)):
        got = {label: ratio(diff, label, "rg check --quiet")[index] for label in labels}
        bad = [f"`{l}` {r:.1f}×" for l, r in sorted(got.items(), key=lambda i: -i[1]) if r > LINEAR]
        print(f"- Goal 1 on the corpus, scale {scale}: every `rg diff` format ≤ {LINEAR:.0f}× `rg check "
              f"--quiet`, in {what}: {verdict(not bad)}{' (worst first: ' + missed_list(bad) + ')' if bad else ''}")
if "100" in diffs and diffs["100"]:
    over = []
    for name, label in diff_rows("100"):
        kb = peak_kb(f"diff-100/rss-{name}.txt")
        if kb and mb(kb) >= DIFF_RSS:
            over.append(f"`{label}` {mb(kb):,.0f} MB")
    print(f"- Goal 2, `rg diff` peak RSS < {DIFF_RSS:.0f} MB at scale 100 in every format: "
          f"{verdict(not over)}{' (' + missed_list(over) + ')' if over else ''}")
else:
    print("- Goal 2, `rg diff` peak RSS at scale 100: not measured (scale 100 not in SCALES)")
for scale in scales:
    diff = diffs.get(scale)
    if not diff:
        continue
    labels = [label for _, label in diff_rows(scale)]
    for what, index in (("wall", 0), ("CPU", 1)):
        got = {label: ratio(diff, label, "rg check --quiet")[index] for label in labels}
        bad = [f"`{l}` {r:.1f}×" for l, r in sorted(got.items(), key=lambda i: -i[1]) if r > DIFF_TIME]
        print(f"- Goal 2, `rg diff` ≤ {DIFF_TIME}× `rg check` at scale {scale} in every format, in {what}: "
              f"{verdict(not bad)} ({len(labels) - len(bad)} of {len(labels)}"
              f"{'; missed, worst first: ' + missed_list(bad) if bad else ''})")
for scale in scales:
    results = main.get(scale, {}) if "ajv" in main.get(scale, {}) else peers.get(scale, {})
    if "ajv" not in results:
        print(f"- Goal 3, scale {scale}: ajv not run")
        continue
    wall, cpu = ratio(results, "rg check", "ajv")
    n = len(results["ajv"]["times"])
    print(f"- Goal 3, `rg check` at most half of ajv at scale {scale} ({n} run{'s' if n != 1 else ''} "
          f"each, same run): rg / ajv = {cpu:.2f} in CPU ({ms(cpu_of(results['rg check']))} against "
          f"{ms(cpu_of(results['ajv']))} ms): {verdict(cpu <= 0.5)}; {wall:.2f} in wall: {verdict(wall <= 0.5)}")
print()
print("### Earlier targets\n")
one, big = main.get("1", {}), main.get("100", {})
if one:
    for peer, goal in (("ajv", 5), ("check-jsonschema", 50)):
        wall, cpu = ratio(one, peer, "rg check")
        print(f"- scale 1, {peer} / rg ≥ {goal}×: {wall:.1f}× wall, {cpu:.1f}× CPU: "
              f"{both(wall >= goal, cpu >= goal)}")
    wall, cpu = ratio(one, "rg check", "parse-only")
    print(f"- scale 1, rg / parse-only ≤ 1.5: {wall:.2f} wall, {cpu:.2f} CPU: {both(wall <= 1.5, cpu <= 1.5)}")
if big and "rg check, scale 1" in big:
    wall, cpu = ratio(big, "rg check", "rg check, scale 1")
    print(f"- scale 100 / scale 1 ≤ 110×: {wall:.0f}× wall, {cpu:.0f}× CPU: {both(wall <= 110, cpu <= 110)}")
if big:
    rss = int(read("rss-100.txt")) / 1024
    print(f"- `rg check` peak RSS at scale 100 < 100 MB: {rss:.1f} MiB: {verdict(rss * 1.048576 < 100)}")
if startup:
    lst = startup["rg list"]["median"]
    print(f"- `rg list` < 3 ms and within 3 ms of `true`: {lst * 1000:.2f} ms, {(lst - base) * 1000:.2f} ms "
          f"over `true`: {verdict(lst < 0.003 and lst - base < 0.003)}")
html = compiled["rg compile (html)"]["median"]
print(f"- `rg compile` to HTML < 50 ms: {html * 1000:.1f} ms: {verdict(html < 0.05)}")
PY
