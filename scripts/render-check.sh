#!/usr/bin/env bash
# Looks at the compiled rollekatalog as a reader would: prints an example catalog to PDF with
# `rg compile --format pdf` (headless Chromium; the page is self-contained, so no network is
# needed) and turns its pages into PNGs with pdftoppm.
#
#   scripts/render-check.sh [CATALOG] [OUT_DIR]        (default: catalogs/sapa.yaml target/render-check)
#   PAGES=8 DPI=80 scripts/render-check.sh catalogs/bom.yaml
#
# Needs Debian's `chromium` and `poppler-utils`: apt-get install chromium poppler-utils
# Not run by CI (tests/pdf.rs checks the pages there); open the PNGs (and the PDF) and read them.
set -euo pipefail

catalog="${1:-catalogs/sapa.yaml}"
out="${2:-target/render-check}"
pages="${PAGES:-999}"
dpi="${DPI:-60}"

for tool in pdftoppm pdfinfo; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: \`$tool\` is missing; install it with: apt-get install chromium poppler-utils" >&2
    exit 2
  fi
done

mkdir -p "$out"
name="$(basename "$catalog" .yaml)"
pdf="$out/$name.pdf"

cargo run --quiet --bin rg -- compile "$catalog" --format pdf -o "$pdf" --force

pdfinfo "$pdf" | grep -E '^(Title|Pages|Page size):'
rm -f "$out/$name"-*.png
pdftoppm -png -r "$dpi" -f 1 -l "$pages" "$pdf" "$out/$name"
ls "$out/$name"-*.png
