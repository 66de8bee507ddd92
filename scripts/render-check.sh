#!/usr/bin/env bash
# Looks at the compiled rollekatalog as a reader would: compiles an example catalog to HTML,
# prints it to PDF with headless Chromium (no network: every host is unresolvable, so the file
# must be self-contained) and turns its first pages into PNGs with pdftoppm.
#
#   scripts/render-check.sh [CATALOG] [OUT_DIR]        (default: catalogs/sapa.yaml target/render-check)
#   PAGES=8 DPI=80 scripts/render-check.sh catalogs/bom.yaml
#
# Needs Debian's `chromium` and `poppler-utils`: apt-get install chromium poppler-utils
# Not run by CI; open the PNGs (and the PDF) and read them.
set -euo pipefail

catalog="${1:-catalogs/sapa.yaml}"
out="${2:-target/render-check}"
pages="${PAGES:-6}"
dpi="${DPI:-70}"

for tool in chromium pdftoppm pdfinfo; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: \`$tool\` is missing; install it with: apt-get install chromium poppler-utils" >&2
    exit 2
  fi
done

mkdir -p "$out"
name="$(basename "$catalog" .yaml)"
html="$out/$name.html"
pdf="$out/$name.pdf"

cargo run --quiet --bin rg -- compile "$catalog" --format html -o "$html" --force

# --no-sandbox: Chromium's sandbox needs user namespaces, which containers and CI often lack.
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --host-resolver-rules="MAP * ~NOTFOUND" \
  --print-to-pdf="$pdf" "file://$(realpath "$html")" 2>/dev/null

pdfinfo "$pdf" | grep -E '^(Pages|Page size):'
rm -f "$out/$name"-*.png
pdftoppm -png -r "$dpi" -f 1 -l "$pages" "$pdf" "$out/$name"
ls "$out/$name"-*.png
