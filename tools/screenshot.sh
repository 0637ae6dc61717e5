#!/bin/sh
# Renders the demo plan (tools/demo.sh) and takes a headless Chromium
# screenshot of a person's page, for the README.
#   tools/screenshot.sh [OUT.png] [PERSON]
# (default: docs/screenshot-person.png of alice). Needs Debian's chromium.
set -e
cd "$(dirname "$0")/.."
top=$(pwd)
out=${1:-$top/docs/screenshot-person.png}
person=${2:-alice}
case $out in /*) ;; *) out=$top/$out ;; esac
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "screenshot.sh: chromium is not installed (apt-get install chromium)" >&2
	exit 3
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sh tools/demo.sh "$work/plan" >"$work/demo.log" 2>&1 || {
	tail -n 20 "$work/demo.log" >&2
	exit 1
}
page=$work/plan/site/people/$person/index.html
[ -s "$page" ] || { echo "screenshot.sh: no page '$page'" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
rm -f "$out"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --hide-scrollbars \
	--user-data-dir="$work/profile" --screenshot="$out" \
	--window-size=1280,1600 "file://$page" >"$work/chromium.log" 2>&1 || {
	tail -n 20 "$work/chromium.log" >&2
	exit 1
}
[ -s "$out" ] || { echo "screenshot.sh: chromium wrote no screenshot" >&2; exit 1; }
echo "$out"
