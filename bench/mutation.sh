#!/bin/sh
# One devplan mutation against `git add <file> && git commit` and against
# libgit2's floor (bench/floor.c), on the same repository, in one run.
#   bench/mutation.sh [BUILD_DIR] [SIZES...]     (default: build 1000 10000)
#   RUNS=15 bench/mutation.sh ...                runs per median (>= 10)
# Uses hyperfine when installed (median of RUNS runs), else a loop.
set -e
cd "$(dirname "$0")/.."
build=${1:-build}
shift 2>/dev/null || true
sizes=${*:-1000 10000}
runs=${RUNS:-15}
devplan=$(pwd)/$build/devplan
[ -x "$devplan" ] || { echo "build first: ninja -C $build" >&2; exit 3; }
out=$(pwd)/bench/out
mkdir -p "$out"
floor=$out/floor
cc -O2 -o "$floor" bench/floor.c $(pkg-config --cflags --libs libgit2)
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=p00001@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=p00001@example.com
export DEVPLAN_PAGER=cat

for n in $sizes; do
	repo=$out/corpus-$n
	[ -d "$repo" ] || python3 bench/gen-corpus.py "$n" "$repo" flat
	git -C "$repo" config user.email p00001@example.com
	python3 - "$repo" "$devplan" "$floor" "$n" "$runs" <<'PY'
import shutil, statistics, subprocess, sys, time
repo, devplan, floor, n, runs = sys.argv[1:6]
runs = int(runs)
def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, cwd=repo, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000
def median(f):
    return statistics.median(f(i) for i in range(runs))
def git_commit(i):
    path = "people/p00002/goals/goal-1.md"
    with open(f"{repo}/{path}", "a") as fp:
        fp.write(f"line {i}\n")
    return run(["sh", "-c", f"git add {path} && git commit -q -m 'x {i}'"])
# The floor commits a valid record: the one gen-corpus.py wrote (the root
# commit's, which also mends a corpus an older floor left "floor N" in),
# a line added to its body.
floor_path = "people/p00003/goals/goal-1.md"
root = subprocess.run(["git", "rev-list", "--max-parents=0", "HEAD"], cwd=repo,
                      check=True, capture_output=True, text=True).stdout.split()[0]
floor_base = subprocess.run(["git", "show", f"{root}:{floor_path}"], cwd=repo,
                            check=True, capture_output=True, text=True).stdout
if not floor_base.endswith("\n"):
    floor_base += "\n"
# Interleave the three so that load on the machine hits them alike.
g, s, f = [], [], []
for i in range(runs):
    g.append(git_commit(i))
    s.append(run([devplan, "set", "p00001/goal-3", f"progress={i}"]))
    f.append(run([floor, repo, floor_path, floor_base + f"floor {i}\n"]))
subprocess.run(["git", "checkout", "-q", "--", "people/p00003"], cwd=repo)
g, s, f = statistics.median(g), statistics.median(s), statistics.median(f)
print(f"{n:>6} people: git add+commit {g:7.1f} ms | devplan set {s:7.1f} ms "
      f"({s/g:.2f}x) | libgit2 floor {f:7.1f} ms ({f/g:.2f}x) | median of {runs}")
PY
done
