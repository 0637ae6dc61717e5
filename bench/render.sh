#!/bin/sh
# Full render of a corpus against Hugo building the same records, in one
# loop (interleaved, so that load on the machine hits both alike).
#   bench/render.sh [BUILD_DIR] [CORPUS] [RUNS]
#     BUILD_DIR  devplan's build folder (default: build)
#     CORPUS     a plan repository made by gen-corpus.py (default:
#                bench/out/corpus-1000, generated on first use); it is
#                copied first, never changed
#     RUNS       runs of each (default 5)
# Then the incremental render: one devplan commit (progress of one goal)
# and a plain `devplan render` into the folder of the last full render,
# RUNS times. "Today" is fixed (DEVPLAN_TODAY): the site shows the date
# of HEAD's commit, so a commit on another day changes every page.
# Output goes to tmpfs (/dev/shm). Prints, for each tool, the median wall
# time, pages/s and peak memory (/usr/bin/time -f %M), and the ratio.
# Needs hugo (Debian: apt-get install hugo) and /usr/bin/time.
set -e
cd "$(dirname "$0")/.."
build=${1:-build}
corpus=${2:-bench/out/corpus-1000}
runs=${3:-5}
case $build in
/*) devplan=$build/devplan ;;
*) devplan=$(pwd)/$build/devplan ;;
esac
[ -x "$devplan" ] || { echo "build first: ninja -C $build" >&2; exit 3; }
command -v hugo >/dev/null || { echo "needs hugo" >&2; exit 3; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time" >&2; exit 3; }
if [ ! -d "$corpus" ]; then
	case $corpus in
	bench/out/corpus-*) python3 bench/gen-corpus.py "${corpus#bench/out/corpus-}" "$corpus" ;;
	*) echo "no corpus at $corpus" >&2; exit 3 ;;
	esac
fi
corpus=$(cd "$corpus" && pwd)

work=$(mktemp -d /dev/shm/devplan-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
# devplan keeps its render cache in .git/devplan/: work on a copy.
cp -a "$corpus" "$work/repo"

# The Hugo site: the same Markdown files with their front matter, and a
# layout that writes each page's title and content.
site=$work/hugo
mkdir -p "$site/layouts/_default" "$site/content"
cp -a "$corpus/people" "$site/content/people"
cat >"$site/hugo.toml" <<'EOF'
baseURL = "http://example.org/"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
EOF
for l in single list; do
	cat >"$site/layouts/_default/$l.html" <<'EOF'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
{{ .Content }}
</body></html>
EOF
done

export DEVPLAN_TODAY=2026-11-30
git -C "$work/repo" config user.email p00001@example.com
git -C "$work/repo" config user.name Bench
i=0
: >"$work/times"
while [ "$i" -lt "$runs" ]; do
	rm -rf "$work/hugo-out" "$work/site"
	/usr/bin/time -f "hugo %e %M" -a -o "$work/times" \
		hugo --quiet -s "$site" -d "$work/hugo-out" >/dev/null
	hugo_pages=$(find "$work/hugo-out" -name '*.html' | wc -l)
	(cd "$work/repo" && /usr/bin/time -f "devplan %e %M" -a -o "$work/times" \
		"$devplan" render --full -o "$work/site" >/dev/null)
	devplan_pages=$(find "$work/site" -name '*.html' | wc -l)
	charts=$(grep -l 'class="chart"' "$work"/site/people/*/goals/goal-0.html | wc -l)
	i=$((i + 1))
done

# The incremental render: the folder of the last full render, one commit.
(cd "$work/repo" && "$devplan" render -o "$work/site" >/dev/null)
i=0
while [ "$i" -lt "$runs" ]; do
	(cd "$work/repo" &&
		"$devplan" --as p00001 progress goal-$((i % 10)) $((41 + i)) >/dev/null &&
		/usr/bin/time -f "incremental %e %M" -a -o "$work/times" \
			"$devplan" render -o "$work/site" >"$work/inc.out")
	i=$((i + 1))
done
sed -n 2p "$work/inc.out"
rm -rf "$work/hugo-out"
(cd "$work/repo" && "$devplan" render --full -o "$work/fresh" >/dev/null)
if diff -r "$work/site" "$work/fresh" >/dev/null; then
	echo "incremental site = full render of the same commit (diff -r: none)"
else
	echo "incremental site DIFFERS from a full render"
fi

python3 - "$work/times" "$hugo_pages" "$devplan_pages" "$charts" "$runs" <<'PY'
import statistics, sys
times, hp, dp, charts, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
rows = {}
for line in open(times):
    f = line.split()
    if len(f) == 3 and f[0] in ("hugo", "devplan", "incremental"):
        rows.setdefault(f[0], []).append((float(f[1]), int(f[2])))
def med(tool):
    return (statistics.median(t for t, _ in rows[tool]),
            max(m for _, m in rows[tool]))
ht, hm = med("hugo")
dt, dm = med("devplan")
print(f"runs: {runs} of each, interleaved; goal pages with a progress chart (goal-0): {charts}")
print(f"hugo     {hp:7d} pages  median {ht:7.2f} s  {hp / ht:9.0f} pages/s  peak {hm / 1024:6.1f} MB")
print(f"devplan  {dp:7d} pages  median {dt:7.2f} s  {dp / dt:9.0f} pages/s  peak {dm / 1024:6.1f} MB")
print(f"ratio (devplan pages/s over hugo's): {(dp / dt) / (hp / ht):.2f}x")
it, im = med("incremental")
print(f"incremental render after one commit: median {it:.2f} s, peak {im / 1024:.1f} MB")
PY
