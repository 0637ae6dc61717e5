#!/bin/sh
# devplan check over a whole repository, without and with its cache
# (.git/devplan/check-cache), with and without the walk's reader thread,
# against `git status -uno` and `-uall` (which stat every file the same
# way) and the floor (bench/floor-check.c: list, read and parse every
# record, nothing else) in the same run.
#   bench/check.sh BUILD_DIR REPO          e.g. build /tmp/me-c10k
#   RUNS=11 OLD=/path/to/old/devplan bench/check.sh ...
# REPO is not changed except for its check cache: copy a corpus first
# (cp -a /tmp/corpus-10000 /tmp/<you>-c10k). OLD, if set, is another
# devplan binary (say, before a change) timed in the same loop.
# Prints medians of wall time and of CPU time (user + system: on a
# shared machine, the less noisy figure) and records per second.
set -e
build=${1:?usage: bench/check.sh BUILD_DIR REPO}
repo=${2:?usage: bench/check.sh BUILD_DIR REPO}
runs=${RUNS:-11}
devplan=$(cd "$build" && pwd)/devplan
[ -x "$devplan" ] || { echo "build first: ninja -C $build" >&2; exit 3; }
[ -f "$repo/devplan.yaml" ] || { echo "$repo: not a plan repository" >&2; exit 3; }
floor=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if cc -O2 -o "$tmp/floor-check" "$(dirname "$0")/floor-check.c" -lyaml 2>/dev/null; then
	floor=$tmp/floor-check
fi
python3 - "$repo" "$devplan" "$runs" "${OLD:-}" "$floor" <<'PY'
import os, re, resource, statistics, subprocess, sys, time
repo, devplan, runs, old, floor = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
cache = os.path.join(repo, ".git", "devplan", "check-cache")

def run(cmd, env=None):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=repo, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True,
                       env=dict(os.environ, **(env or {})))
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    m = re.search(r"checked (\d+) record", p.stderr)
    return wall, cpu, int(m.group(1)) if m else 0, r1.ru_maxrss

def cold():
    if os.path.exists(cache):
        os.unlink(cache)
    return run([devplan, "check"])

def cold_one_thread():
    if os.path.exists(cache):
        os.unlink(cache)
    return run([devplan, "check"], {"DEVPLAN_WALK_THREADS": "0"})

def cached():
    return run([devplan, "check"])

def floor_check():
    return run([floor, repo])

def old_check():
    return run([old, "check"])

def git_status():
    return run(["git", "status", "--porcelain", "-uall"])

def git_status_uno():
    return run(["git", "status", "--porcelain", "-uno"])

cases = [("devplan check, no cache", cold),
         ("  the same, one thread", cold_one_thread),
         ("devplan check, cached", cached),
         ("git status -uno", git_status_uno),
         ("git status -uall", git_status)]
if floor:
    cases.append(("floor-check", floor_check))
if old:
    cases.insert(0, ("old devplan check", old_check))
cached()  # warm the page cache and write the check cache
res = {name: [] for name, _ in cases}
for i in range(runs):  # interleaved: load on the machine hits all alike
    for name, f in cases:
        res[name].append(f())
records = max(r[2] for rs in res.values() for r in rs)
print(f"{repo}: {records} records, median of {runs}, "
      f"load average {os.getloadavg()[0]:.1f}")
for name, _ in cases:
    wall = statistics.median(r[0] for r in res[name])
    cpu = statistics.median(r[1] for r in res[name])
    line = f"{name:26} wall {wall * 1000:8.0f} ms  cpu {cpu * 1000:8.0f} ms"
    if "devplan" in name or "thread" in name or "floor" in name:
        line += (f"  {records / wall:9.0f} records/s wall"
                 f"  {records / cpu:9.0f} records/s cpu")
    print(line)
print(f"peak RSS of any run: {max(r[3] for rs in res.values() for r in rs) // 1024} MB")
PY
