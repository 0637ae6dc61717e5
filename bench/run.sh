#!/bin/sh
# Benchmarks: the cost of one devplan commit as the organisation grows,
# against `git add && git commit` on the same repository, in one run.
#   bench/run.sh [BUILD_DIR] [SIZES...]      (default: build 1000 10000)
#   LAYOUT=grouped bench/run.sh ...          people/<g>/<id>/ instead
# Prints the median wall time of 15 runs of each operation per size.
set -e
cd "$(dirname "$0")/.."
build=${1:-build}
shift 2>/dev/null || true
sizes=${*:-1000 10000}
devplan=$(pwd)/$build/devplan
[ -x "$devplan" ] || { echo "build first: ninja -C $build" >&2; exit 3; }
out=$(pwd)/bench/out
mkdir -p "$out"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=p00001@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=p00001@example.com
export DEVPLAN_PAGER=cat

for n in $sizes; do
	repo=$out/corpus-$n${LAYOUT:+-$LAYOUT}
	[ -d "$repo" ] || python3 bench/gen-corpus.py "$n" "$repo" ${LAYOUT:-flat}
	git -C "$repo" config user.email p00001@example.com
	python3 - "$repo" "$devplan" "$n" <<'PY'
import statistics, subprocess, sys, time
repo, devplan, n = sys.argv[1], sys.argv[2], sys.argv[3]
def run(cmd, **kw):
    t = time.perf_counter()
    subprocess.run(cmd, cwd=repo, check=True, stdout=subprocess.DEVNULL, **kw)
    return (time.perf_counter() - t) * 1000
def median(f, k=15):
    return statistics.median(f(i) for i in range(k))
sys.path.insert(0, "bench")
from importlib import import_module
gen = import_module("gen-corpus")
grouped = repo.endswith("-grouped")
def pdir(p):
    return gen.person_dir(p, grouped)
def git_commit(i):
    path = f"{repo}/{pdir('p00002')}/goals/goal-1.md"
    with open(path, "a") as fp:
        fp.write(f"line {i}\n")
    t = time.perf_counter()
    subprocess.run(["git", "add", f"{pdir('p00002')}/goals/goal-1.md"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", f"x {i}"], cwd=repo, check=True)
    return (time.perf_counter() - t) * 1000
g = median(git_commit)
s = median(lambda i: run([devplan, "set", "p00001/goal-3", f"progress={i}"]))
ng = median(lambda i: run([devplan, "new-goal", f"Benchmark goal {i}"]))
ls = median(lambda i: run([devplan, "goals", "p00001"]))
lg = median(lambda i: run(["git", "log", "--oneline", "--", pdir("p00001") + "/"]), 5)
print(f"{n:>6} people ({'grouped' if grouped else 'flat'}): git add+commit {g:7.1f} ms | devplan set {s:7.1f} ms ({s/g:.2f}x) "
      f"| devplan new-goal {ng:7.1f} ms ({ng/g:.2f}x) | devplan goals <person> {ls:6.1f} ms "
      f"| git log -- <person> {lg:6.1f} ms")
PY
done
