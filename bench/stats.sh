#!/bin/sh
# Times `devplan stats` against `devplan due` (the other command that
# reads every goal of the repository in one walk) on the same corpus, in
# the same run, interleaved: medians of RUNS runs of the processor time
# (user + system: the shared machine's load makes wall time noise), the
# wall time and the peak memory (maximum resident set), from GNU time.
#   sh bench/stats.sh BUILD CORPUS... (RUNS=7 by default)
# A corpus is a copy made with bench/gen-corpus.py; it is only read.
set -e
build=$(cd "$1" && pwd)
shift
runs=${RUNS:-7}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for corpus in "$@"; do
	: >/tmp/bench-stats.$$
	i=0
	while [ $i -lt "$runs" ]; do
		for cmd in "stats --format json" "due --within 0 --format json"; do
			/usr/bin/time -f "$cmd|%U %S|%e|%M" -a -o /tmp/bench-stats.$$ \
				"$build/devplan" -C "$corpus" $cmd >/dev/null || :
		done
		i=$((i + 1))
	done
	people=$(ls "$corpus/people" | wc -l)
	for cmd in "stats --format json" "due --within 0 --format json"; do
		c=$(grep "^$cmd|" /tmp/bench-stats.$$ | cut -d'|' -f2 |
			awk '{print $1 + $2}' | median)
		w=$(grep "^$cmd|" /tmp/bench-stats.$$ | cut -d'|' -f3 | median)
		m=$(grep "^$cmd|" /tmp/bench-stats.$$ | cut -d'|' -f4 | median)
		echo "$people people: devplan $cmd: cpu ${c} s, wall ${w} s, ${m} KB"
	done
	rm -f /tmp/bench-stats.$$
done
