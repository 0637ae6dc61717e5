#!/usr/bin/env python3
"""Generate a plan repository with N people for benchmarks.

    bench/gen-corpus.py N DIR [grouped|flat] [H]
    HISTORY=H bench/gen-corpus.py N DIR [grouped]

Each person gets a profile and 10 goals with actions (11 records), so
10,000 people make about 110,000 records, as PRODUCT.md's scale section
describes. The repository is written in one commit through
`git fast-import`, so generating it takes seconds.

With H (the 4th argument or HISTORY in the environment), H commits of
history follow, written in the same `git fast-import` stream: each one
changes one or a few records of random people the way devplan would
(progress, status, a comment, a hand edit of several people's goals
through `devplan commit`, or an approval: a commit that changes no file),
with devplan's subjects and trailers, one author per commit, ten minutes
apart. The random choices are seeded: the same arguments give the same
repository.
"""
import os
import random
import subprocess
import sys

GOAL = """---
title: "Goal {g} of {p}"
status: active   # proposed | draft | active | blocked | done | dropped
type: skill
created: 2026-01-{d:02d}
due: 2027-0{m}-15
progress: {prog}
competencies: [systems-programming]
actions:
  - title: First step for goal {g}
    due: 2027-01-31
    done: true
  - title: Second step for goal {g}
    done: false
success: Something shipped
---
Why goal {g} matters to {p}.
"""

PROFILE = """---
name: Person {i}
email: {p}@example.com
role: engineer
manager: {mgr}
mentor: ""
team: team-{team}
---
Profile of person {i}.
"""

FILES = {
    "devplan.yaml": "org: Bench Corp\nschema: 1\npolicy:\n  admins: []\n  review: goals\n",
    "framework/competencies.yaml": "competencies:\n  - id: systems-programming\n"
    "    name: Systems programming\n    category: technical\n",
    "framework/roles/engineer.md": "---\ntitle: Engineer\ntrack: ic\nlevel: 2\n"
    "requires:\n  systems-programming: 2\nnext: []\n---\nEngineer.\n",
    ".gitattributes": "people/**/*.md merge=devplan\n",
}


def blob(out, data):
    data = data.encode()
    out.write(b"blob\ndata %d\n" % len(data))
    out.write(data)
    out.write(b"\n")


def group(p):
    """devplan's group of an id: FNV-1a (32-bit) modulo 100, two digits."""
    h = 2166136261
    for b in p.encode():
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return "%02d" % (h % 100)


def person_dir(p, grouped):
    """people/<id> or, grouped, people/<group>/<id>."""
    return f"people/{group(p)}/{p}" if grouped else f"people/{p}"


COMMENT = """---
record: {rec}
author: {who}
role: manager
date: {date}
---
{text}
"""

STATUSES = ["active", "blocked", "active", "done"]


def goal_text(p, g, prog, status="active"):
    text = GOAL.format(g=g, p=p, d=g + 1, m=g % 9 + 1, prog=prog)
    return text.replace("status: active ", "status: %s " % status)


def commit(out, who, when, msg, changes):
    """One commit on main: `changes` is a list of (path, text)."""
    msg = msg.encode()
    out.write(b"commit refs/heads/main\n")
    out.write(b"author %s <%s@example.com> %d +0000\n" % (who, who, when))
    out.write(b"committer %s <%s@example.com> %d +0000\n" % (who, who, when))
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    for name, text in changes:
        data = text.encode()
        out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data))


def history(out, n, grouped, count):
    """`count` commits like devplan's, on random people."""
    rnd = random.Random(n * 7919 + count)
    state = {}  # (person, goal) -> [progress, status]
    when = 1795000000
    mark = 0
    for k in range(count):
        when += 600
        i = rnd.randrange(n)
        p = "p%05d" % i
        d = person_dir(p, grouped)
        mgr = "p%05d" % (i // 10)
        who = p.encode()
        kind = rnd.random()
        if kind < 0.60:  # devplan progress
            g = rnd.randrange(10)
            st = state.setdefault((p, g), [g * 10, "active"])
            old = st[0]
            st[0] = min(100, old + rnd.randrange(1, 20))
            if st[0] == old:
                st[0] = old - 1
            rec = "%s/goals/goal-%d.md" % (d, g)
            msg = ("goal(%s): goal-%d: progress %d -> %d\n\n"
                   "Devplan-Person: %s\nDevplan-Record: %s\n"
                   % (p, g, old, st[0], p, rec))
            commit(out, who, when, msg, [(rec, goal_text(p, g, *st))])
        elif kind < 0.75:  # devplan set status
            g = rnd.randrange(10)
            st = state.setdefault((p, g), [g * 10, "active"])
            old = st[1]
            st[1] = STATUSES[(STATUSES.index(old) + 1) % len(STATUSES)]
            rec = "%s/goals/goal-%d.md" % (d, g)
            msg = ("goal(%s): goal-%d: status %s -> %s\n\n"
                   "Devplan-Person: %s\nDevplan-Record: %s\n"
                   % (p, g, old, st[1], p, rec))
            commit(out, who, when, msg, [(rec, goal_text(p, g, *st))])
        elif kind < 0.85:  # devplan comment, by the manager
            mark += 1
            day = "2026-%02d-%02d" % (mark % 12 + 1, mark % 28 + 1)
            g = rnd.randrange(10)
            target = "%s/goals/goal-%d.md" % (d, g)
            rec = "%s/comments/%s-%s-%04x.md" % (d, day, mgr, mark & 0xFFFF)
            text = "Comment %d on goal %d." % (mark, g)
            msg = ("comment(%s): %s comments on goal-%d\n\n%s\n\n"
                   "Devplan-Person: %s\nDevplan-Record: %s\n"
                   "Devplan-Comment-On: %s\nDevplan-Role: manager\n"
                   % (p, mgr, g, text, p, rec, target))
            commit(out, mgr.encode(), when, msg,
                   [(rec, COMMENT.format(rec=target, who=mgr, date=day,
                                         text=text))])
        elif kind < 0.93:  # devplan approve: a commit with no change
            msg = ("approve(%s): %s approves %s's plan at %07x\n\n"
                   "Devplan-Person: %s\nDevplan-Approves: %040x\n"
                   "Reviewed-by: Person %d <%s@example.com>\n"
                   % (p, mgr, p, k, p, k, i // 10, mgr))
            commit(out, mgr.encode(), when, msg, [])
        else:  # devplan commit: hand edits of 2 to 4 people's goals
            changes, names = [], []
            for _ in range(rnd.randrange(2, 5)):
                j = rnd.randrange(n)
                q = "p%05d" % j
                g = rnd.randrange(10)
                st = state.setdefault((q, g), [g * 10, "active"])
                st[0] = (st[0] + 5) % 101
                rec = "%s/goals/goal-%d.md" % (person_dir(q, grouped), g)
                changes.append((rec, goal_text(q, g, *st)))
                names.append(rec)
            msg = "commit: %d records edited by hand\n\n" % len(names)
            msg += "".join("Devplan-Record: %s\n" % r for r in names)
            commit(out, who, when, msg, changes)


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    grouped = len(sys.argv) > 3 and sys.argv[3] == "grouped"
    count = int(sys.argv[4]) if len(sys.argv) > 4 else \
        int(os.environ.get("HISTORY", "0") or 0)
    if grouped:
        FILES["devplan.yaml"] += "layout: grouped\n"
    subprocess.run(["git", "init", "-q", "-b", "main", path], check=True)
    fi = subprocess.Popen(["git", "-C", path, "fast-import", "--quiet"],
                          stdin=subprocess.PIPE)
    out = fi.stdin
    msg = b"bench corpus\n"
    out.write(b"commit refs/heads/main\n")
    out.write(b"author Bench <bench@example.com> 1795000000 +0000\n")
    out.write(b"committer Bench <bench@example.com> 1795000000 +0000\n")
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    for name, text in FILES.items():
        data = text.encode()
        out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data))
    for i in range(n):
        p = "p%05d" % i
        mgr = "p%05d" % (i // 10) if i else '""'
        data = PROFILE.format(i=i, p=p, mgr=mgr, team=i // 10).encode()
        d = person_dir(p, grouped).encode()
        out.write(b"M 100644 inline %s/profile.md\ndata %d\n%s\n" % (d, len(data), data))
        for g in range(10):
            data = GOAL.format(g=g, p=p, d=g + 1, m=g % 9 + 1, prog=g * 10).encode()
            out.write(b"M 100644 inline %s/goals/goal-%d.md\ndata %d\n%s\n" % (d, g, len(data), data))
    if count:
        history(out, n, grouped, count)
    out.close()
    if fi.wait():
        sys.exit("fast-import failed")
    subprocess.run(["git", "-C", path, "reset", "-q", "--hard"], check=True)


if __name__ == "__main__":
    main()
