#!/usr/bin/env bash
# Opens a comparison's report.html in headless Chromium and fails unless the page is self-contained, logs no
# console error and renders (the screenshot is not blank). Usage: .ci/check-report.sh PATH/report.html
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
page=${1:?usage: .ci/check-report.sh PATH/report.html}
chromium=${CHROMIUM:-/usr/bin/chromium}

fail() {
  echo "check-report: $page: $*" >&2
  exit 1
}
[[ -f $page ]] || { echo "check-report: no such file: $page" >&2; exit 2; }
[[ -x $chromium ]] || { echo "check-report: $chromium not found (apt-get install -y chromium)" >&2; exit 2; }

# Self-contained: nothing points at the network and every src is a data: URI (a relative path would break
# as soon as the page is mailed or moved).
if grep -Eiq "(src|href)=[\"']?(https?:)?//" "$page"; then fail "refers to the network"; fi
not_embedded=$(grep -Eo 'src="[^"]*"' "$page" | grep -v '^src="data:' || true)
[[ -z $not_embedded ]] || fail "not embedded: $(head -c 200 <<<"$not_embedded")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
  --screenshot="$work/page.png" --window-size=1280,2000 "file://$(realpath "$page")" >"$work/log" 2>&1 \
  || { cat "$work/log" >&2; fail "chromium failed"; }
# Chromium logs every console message of the page as a CONSOLE line; a page without scripts should have none.
if grep -E 'CONSOLE|Uncaught' "$work/log" >&2; then fail "console errors (above)"; fi
[[ -s $work/page.png ]] || fail "chromium wrote no screenshot"
java "$here/ScreenshotCheck.java" "$work/page.png" || fail "the page renders blank"
echo "check-report: $page: self-contained, no console errors, renders"
