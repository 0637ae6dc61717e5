#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks the index's cache tree (TREE extension) against the index.

    cache-tree.py GIT_DIR [TREE]

Prints "fully valid" and exits 0 when every node is valid, names the tree
that TREE (default HEAD, which the index is expected to hold) has at its
folder and counts the index entries below it; otherwise prints what is wrong and exits 1. git has no command
that shows the extension (test-tool is not installed), hence this.
"""
import hashlib
import subprocess
import sys

gitdir = sys.argv[1]
want_tree = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
data = open(gitdir + "/index", "rb").read()
problems = []
if hashlib.sha1(data[:-20]).digest() != data[-20:]:
    problems.append("index checksum mismatch")
version = int.from_bytes(data[4:8], "big")
count = int.from_bytes(data[8:12], "big")
assert data[:4] == b"DIRC" and version in (2, 3), "unsupported index"
off, paths = 12, []
for _ in range(count):
    flags = int.from_bytes(data[off + 60:off + 62], "big")
    fixed = 64 if version >= 3 and flags & 0x4000 else 62
    end = data.index(b"\0", off + fixed)
    paths.append(data[off + fixed:end].decode())
    off += (fixed + end - (off + fixed) + 8) & ~7
tree = None
while off < len(data) - 20:
    sig, size = data[off:off + 4], int.from_bytes(data[off + 4:off + 8], "big")
    if sig == b"TREE":
        tree = data[off + 8:off + 8 + size]
    off += 8 + size
if tree is None:
    print("no TREE extension")
    sys.exit(1)


def below(prefix):
    return sum(1 for p in paths if p.startswith(prefix))


def node(pos, prefix):
    nul = tree.index(b"\0", pos)
    name = tree[pos:nul].decode()
    path = prefix + name + "/" if name else prefix
    nl = tree.index(b"\n", nul)
    entries, subs = (int(x) for x in tree[nul + 1:nl].split())
    pos = nl + 1
    if entries < 0:
        problems.append(f"'{path}' is invalid")
    else:
        oid = tree[pos:pos + 20].hex()
        pos += 20
        want = subprocess.run(
            ["git", "--git-dir", gitdir, "rev-parse",
             want_tree + ("^{tree}" if not path else ":" + path.rstrip("/"))],
            capture_output=True, text=True).stdout.strip()
        if oid != want:
            problems.append(f"'{path}': {oid}, {want_tree} has {want}")
        if entries != below(path):
            problems.append(f"'{path}': {entries} entries, "
                            f"the index has {below(path)}")
    for _ in range(subs):
        pos = node(pos, path)
    return pos


if node(0, "") != len(tree):
    problems.append("trailing bytes in TREE")
for p in problems:
    print(p)
print("fully valid" if not problems else "not valid")
sys.exit(1 if problems else 0)
