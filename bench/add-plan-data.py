#!/usr/bin/env python3
"""Adds plan data to a corpus made by gen-corpus.py, in one commit.

    python3 bench/add-plan-data.py DIR [BIG]

gen-corpus.py writes profiles and goals only; `devplan matrix` and
`devplan match` have nothing to do without self-assessments. This adds,
deterministically:
  - 12 competencies to framework/competencies.yaml (13 with
    systems-programming) and a role `senior-engineer` that `engineer`
    leads to, each requiring 6 of them;
  - people/<p>/skills.md for everyone: 8 competencies, levels 1-8, a
    target for some;
  - people/<p>/career-map.md for every fifth person (up to senior-engineer);
  - BIG people (default 1000) moved under one manager, p00002, so that
    `devplan team p00002` has a large team.
DIR must be a copy (see bench/views.sh): the corpus in /tmp is shared.
"""
import os
import random
import re
import subprocess
import sys

COMPS = ["systems-programming"] + ["skill-%02d" % i for i in range(1, 13)]
BIG_MANAGER = "p00002"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def role(rid, title, level, requires, nxt):
    req = "".join("  %s: %d\n" % (c, l) for c, l in requires)
    return ("---\ntitle: %s\ntrack: ic\nlevel: %d\nrequires:\n%snext: [%s]\n"
            "---\n%s.\n" % (title, level, req, ", ".join(nxt), title))


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    top = sys.argv[1]
    big = int(sys.argv[2]) if len(sys.argv) == 3 else 1000
    rnd = random.Random(6)
    cat = os.path.join(top, "framework", "competencies.yaml")
    with open(cat, encoding="utf-8") as f:
        text = f.read()
    for c in COMPS[1:]:
        if "id: %s\n" % c in text:
            continue
        text += ("  - id: %s\n    name: Skill %s\n    category: technical\n"
                 % (c, c[-2:]))
    write(cat, text)
    write(os.path.join(top, "framework", "roles", "engineer.md"),
          role("engineer", "Engineer", 2,
               [(c, 2 + i % 3) for i, c in enumerate(COMPS[:6])],
               ["senior-engineer"]))
    write(os.path.join(top, "framework", "roles", "senior-engineer.md"),
          role("senior-engineer", "Senior Engineer", 3,
               [(c, 4 + i % 3) for i, c in enumerate(COMPS[3:9])], []))
    people = sorted(os.listdir(os.path.join(top, "people")))
    for n, p in enumerate(people):
        d = os.path.join(top, "people", p)
        lines = []
        for c in sorted(rnd.sample(COMPS, 8)):
            lines.append("  %s:\n    level: %d\n" % (c, rnd.randint(1, 8)))
            if rnd.random() < 0.3:
                lines.append("    target: %d\n" % rnd.randint(5, 9))
            lines.append("    date: 2026-0%d-1%d\n"
                         % (rnd.randint(1, 9), rnd.randint(0, 9)))
        write(os.path.join(d, "skills.md"),
              "---\ncompetencies:\n%s---\nMy own view.\n" % "".join(lines))
        if n % 5 == 0:
            write(os.path.join(d, "career-map.md"),
                  "---\nrole: engineer\naspirations: \"\"\ndirections:\n"
                  "  - id: a%05d\n    type: up\n    role: senior-engineer\n"
                  "    horizon: 2 years\n    added: 2026-06-01\n"
                  "barriers:\n  internal: []\n  external: []\nbuddy: \"\"\n"
                  "---\nWhere I want to go.\n" % n)
    # a large team: the last BIG people report to one manager
    for p in people[len(people) - big:] if big else []:
        prof = os.path.join(top, "people", p, "profile.md")
        with open(prof, encoding="utf-8") as f:
            text = f.read()
        write(prof, re.sub(r"(?m)^manager: .*$", "manager: " + BIG_MANAGER,
                           text, count=1))
    subprocess.run(["git", "-C", top, "add", "-A"], check=True)
    subprocess.run(["git", "-C", top, "-c", "user.name=Bench",
                    "-c", "user.email=bench@example.com", "commit", "-q",
                    "-m", "bench: skills, career maps, a large team"],
                   check=True)


if __name__ == "__main__":
    main()
