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
hyperfine --warmup 5 --runs "${RUNS:-50}" -N --export-markdown "${OUT:-/dev/stdout}" \
    "true" \
    "$rg list" \
    "$rg check ${paths[*]}"
