#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""git's index file for the tests, read independently of devplan.

  index-file.py dump INDEX [PATH...]   every byte, decoded, one line each:
                                       header, entries, extensions; the
                                       stat data of PATHs printed as "-"
  index-file.py strip-tree INDEX       rewrites INDEX without its TREE
                                       extension (new checksum)
  index-file.py check INDEX            checksum right, entries sorted
Versions 2 and 3 only; exits 1 on anything else.
"""
import hashlib
import struct
import sys


def parse(data):
    if data[:4] != b"DIRC" or hashlib.sha1(data[:-20]).digest() != data[-20:]:
        sys.exit("bad index file")
    version, n = struct.unpack(">II", data[4:12])
    if version not in (2, 3):
        sys.exit("version %d" % version)
    off, entries = 12, []
    for _ in range(n):
        fixed = 62
        flags = struct.unpack(">H", data[off + 60:off + 62])[0]
        if flags & 0x4000:
            fixed += 2
        nul = data.index(b"\0", off + fixed)
        path = data[off + fixed:nul]
        size = (fixed + len(path) + 8) & ~7
        entries.append((path, data[off:off + size]))
        off += size
    exts = []
    while off < len(data) - 20:
        sig, ln = data[off:off + 4], struct.unpack(">I", data[off + 4:off + 8])[0]
        exts.append((sig, data[off:off + 8 + ln]))
        off += 8 + ln
    return version, entries, exts


def dump(path, volatile):
    data = open(path, "rb").read()
    version, entries, exts = parse(data)
    print("version %d entries %d" % (version, len(entries)))
    for p, raw in entries:
        stat = struct.unpack(">10I", raw[:40])
        shown = "-" if p.decode() in volatile else " ".join(map(str, stat))
        print("%s %s %s %s" % (p.decode(), raw[40:60].hex(), raw[60:].hex(), shown))
    for sig, raw in exts:
        print("ext %s %d %s" % (sig.decode("latin-1"), len(raw),
                                hashlib.sha1(raw).hexdigest()))


def strip_tree(path):
    data = open(path, "rb").read()
    version, entries, exts = parse(data)
    body = data[:12] + b"".join(raw for _, raw in entries)
    body += b"".join(raw for sig, raw in exts if sig != b"TREE")
    open(path, "wb").write(body + hashlib.sha1(body).digest())


def check(path):
    version, entries, exts = parse(open(path, "rb").read())
    names = [p for p, _ in entries]
    if names != sorted(names) or len(set(names)) != len(names):
        sys.exit("entries out of order")


cmd = sys.argv[1]
if cmd == "dump":
    dump(sys.argv[2], set(sys.argv[3:]))
elif cmd == "strip-tree":
    strip_tree(sys.argv[2])
elif cmd == "check":
    check(sys.argv[2])
else:
    sys.exit("usage: index-file.py dump|strip-tree|check INDEX")
