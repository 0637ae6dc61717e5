#!/bin/sh
# Whole-repository views against `devplan check`, on the 10,000-person corpus.
#
#   sh bench/views.sh BUILD            # RUNS=5 by default
#
# Copies $CORPUS (default /tmp/corpus-10000, never modified) to $DIR
# (default /tmp/views-bench) and adds skills, career maps and a
# 1,010-person team with bench/add-plan-data.py, once; an existing $DIR
# whose history holds that commit is reused. Then runs, interleaved in one loop so
# that the load of a shared machine falls on all alike, RUNS times each:
#   check, team p00001 (10 reports), team p00002 (1,010 reports), due,
#   matrix, match p00500, import-framework of a CSV (FT's two exports in
#   turn, so that every import changes the framework and commits)
# and prints the medians of the wall-clock and of the CPU time (user +
# system), each with its ratio to check's.
set -eu

BUILD=${1:?usage: sh bench/views.sh BUILD}
RUNS=${RUNS:-5}
CORPUS=${CORPUS:-/tmp/corpus-10000}
DIR=${DIR:-/tmp/views-bench}
SRC=$(cd "$(dirname "$0")/.." && pwd)
DP=$(cd "$BUILD" && pwd)/devplan
FT=$SRC/tests/fixtures/ft-engineering-progression
MARK="bench: skills, career maps, a large team"

if ! git -C "$DIR" log --format=%s 2>/dev/null | grep -qxF "$MARK"; then
	rm -rf "$DIR"
	cp -a "$CORPUS" "$DIR"
	python3 "$SRC/bench/add-plan-data.py" "$DIR"
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
cd "$DIR"

# name|arguments
cat >"$OUT/cmds" <<EOF
check|check
team-10|team p00001
team-1010|team p00002
due|due
matrix|matrix
match|match p00500
import|import-framework CSV
EOF

i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	while IFS='|' read -r name args; do
		if [ "$name" = import ]; then
			csv=$FT/converted.csv
			[ $((i % 2)) = 0 ] && csv=$FT/converted-legacy.csv
			args="import-framework $csv"
		fi
		# shellcheck disable=SC2086 # the arguments are words
		/usr/bin/time -f "%e %U %S" -o "$OUT/t" \
			"$DP" --as p00000 $args </dev/null >/dev/null 2>&1 || true
		tail -1 "$OUT/t" >>"$OUT/$name"
	done <"$OUT/cmds"
done

median() { # FILE COLUMN-EXPR: the median of awk's expression per line
	awk "{ print $2 }" "$1" | sort -g | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

cw=$(median "$OUT/check" '$1')
cc=$(median "$OUT/check" '$2 + $3')
printf '%-10s %10s %7s %10s %7s\n' command wall ratio cpu ratio
while IFS='|' read -r name args; do
	w=$(median "$OUT/$name" '$1')
	c=$(median "$OUT/$name" '$2 + $3')
	awk -v n="$name" -v w="$w" -v c="$c" -v cw="$cw" -v cc="$cc" 'BEGIN {
		printf "%-10s %9.2fs %6.2fx %9.2fs %6.2fx\n", n, w, w / cw, c, c / cc }'
done <"$OUT/cmds"
echo "($RUNS runs each, interleaved; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
