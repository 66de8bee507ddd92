#!/bin/sh
# A stand-in for Chromium in tests of `rg compile --format pdf`: it writes its arguments, one a
# line, to $FAKE_BROWSER_LOG, then as $FAKE_BROWSER_MODE says:
#   print (default)  copies the page to $FAKE_BROWSER_COPY (if set) and writes a tiny PDF
#   fail             says so on stderr and exits 3
#   hang             starts a helper process and waits for ever (for the timeout); the ids of
#                    both are in $FAKE_BROWSER_LOG.pids
log=${FAKE_BROWSER_LOG:-/dev/null}
printf '%s\n' "$@" > "$log"
pdf=
page=
for arg in "$@"; do
  case $arg in
    --print-to-pdf=*) pdf=${arg#--print-to-pdf=} ;;
    file://*) page=${arg#file://} ;;
  esac
done
case ${FAKE_BROWSER_MODE:-print} in
  fail)
    echo "fake browser: cannot print this page" >&2
    exit 3
    ;;
  hang)
    sleep 600 &
    echo $$ > "$log.pids"
    echo $! >> "$log.pids"
    wait
    exit 0
    ;;
esac
if [ -n "$FAKE_BROWSER_COPY" ]; then cp "$page" "$FAKE_BROWSER_COPY"; fi
printf '%%PDF-1.4\n%% a fake PDF\n' > "$pdf"
