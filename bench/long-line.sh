#!/bin/sh
# Front matter on one very long line: parse time per size, to show it grows
# linearly (issue 5, section 9). Usage: sh bench/long-line.sh BUILDDIR
set -eu
build=$(cd "${1:-build}" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/devplan-long-line.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir"
git init -q plan && cd plan
git config user.name Bench && git config user.email bench@example.com
"$build/devplan" init --org Bench >/dev/null
mkdir -p people/p/goals
for kib in 8 16 32 63; do
	python3 - "$kib" >people/p/goals/long.md <<-\PY
	import sys
	limit = int(sys.argv[1]) * 1024 - 64
	items, n = [], 0
	while sum(len(i) + 2 for i in items) < limit:
	    items.append("item%d" % n)
	    n += 1
	print("---\ntitle: Long\nlist: [%s]\n---" % ", ".join(items))
	PY
	start=$(date +%s%N)
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		"$build/devplan" show people/p/goals/long.md --format json >/dev/null
	done
	end=$(date +%s%N)
	printf '%3d KiB on one line: %6.1f ms a show\n' "$kib" \
		"$(echo "($end - $start) / 10000000" | bc -l)"
done
