#!/usr/bin/env bash
# Median time of `rg check` over the repository's own gallery, catalogs and examples, next to
# `rg list` and `true` measured in the same run (these machines are noisy: compare ratios).
# Installs hyperfine from Debian's packages when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hyperfine >/dev/null; then
    apt-get update -qq && apt-get install -y -qq hyperfine
fi
cargo build --release --locked --quiet
rg=target/release/rg
paths=(gallery)
for dir in catalogs examples; do [ -d "$dir" ] && paths+=("$dir"); done
results=$(mktemp)
trap 'rm -f "$results"' EXIT
hyperfine --warmup 5 --runs "${RUNS:-50}" -N --style none --export-json "$results" \
    "true" "$rg list" "$rg check ${paths[*]}" >/dev/null
python3 - "$results" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
base = runs[0]["median"]
print("| command | median [ms] | vs `true` |")
print("|---|---:|---:|")
for r in runs:
    print(f"| `{r['command']}` | {r['median'] * 1000:.2f} | {r['median'] / base:.1f}× |")
PY
