#!/usr/bin/env python3
"""Generate a plan repository with N people for benchmarks.

    bench/gen-corpus.py N DIR [grouped]

Each person gets a profile and 10 goals with actions (11 records), so
10,000 people make about 110,000 records, as PRODUCT.md's scale section
describes. The repository is written in one commit through
`git fast-import`, so generating it takes seconds.
"""
import os
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


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    grouped = len(sys.argv) > 3 and sys.argv[3] == "grouped"
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
    out.close()
    if fi.wait():
        sys.exit("fast-import failed")
    subprocess.run(["git", "-C", path, "reset", "-q", "--hard"], check=True)


if __name__ == "__main__":
    main()
