#!/usr/bin/env python3
"""test_layering.py: corridor's include rules, read from the sources.

1. A pure module (schedule, layout, deck, frames, value, schema, power_schedule: no clock, no screen, time and
   sizes as parameters) includes, directly or through corridor's own headers, neither SDL nor a
   header of the drawing or playing side (render, player, screen, present, font, image, text).
2. A private header (NAME_priv.h) is included only by its family: src/NAME.c, src/NAME_*.c, its
   own headers, and the family's tests (tests/test_NAME*.c).

Usage: test_layering.py SOURCE_DIR. Prints each broken rule as FILE: what it includes, and
through which headers; exits 1 if any.
"""
import os
import re
import sys

PURE = ("schedule", "layout", "deck", "frames", "value", "schema", "power_schedule")
DRAWING = ("render", "player", "screen", "present", "font", "image", "text")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def includes(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return INCLUDE.findall(f.read())


def family(name):
    """The module a file of src/ belongs to: layout_text.c -> layout."""
    return re.split(r"[_.]", name, 1)[0]


def drawing_includes(src, name, seen=None, via=()):
    """(what, via) for each SDL or drawing header NAME reaches through corridor's headers."""
    seen = set() if seen is None else seen
    found = []
    for kind, inc in includes(os.path.join(src, name)):
        if kind == "<":
            if inc.startswith("SDL"):
                found.append((inc, via))
            continue
        if family(inc) in DRAWING:
            found.append((inc, via))
        if inc not in seen and os.path.exists(os.path.join(src, inc)):
            seen.add(inc)
            found += drawing_includes(src, inc, seen, via + (inc,))
    return found


def main():
    root = sys.argv[1]
    src = os.path.join(root, "src")
    broken = []
    files = sorted(os.listdir(src))
    for name in files:
        if not name.endswith((".c", ".h")) or (family(name) not in PURE and name.rsplit(".", 1)[0] not in PURE):
            continue
        for inc, via in drawing_includes(src, name):
            how = " (through %s)" % " -> ".join(via) if via else ""
            broken.append("src/%s: a pure module includes %s%s" % (name, inc, how))

    places = []
    for folder in ("src", "tests", "fuzz", "bench"):
        if os.path.isdir(os.path.join(root, folder)):
            places += [(folder, n) for n in sorted(os.listdir(os.path.join(root, folder)))]
    for folder, name in places:
        path = os.path.join(root, folder, name)
        if not name.endswith((".c", ".h")) or not os.path.isfile(path):
            continue
        for kind, inc in includes(path):
            m = re.fullmatch(r"(\w+)_priv\.h", inc)
            if kind != '"' or not m:
                continue
            owner = m.group(1)
            if folder == "src" and family(name) == owner:
                continue
            if folder == "tests" and name.startswith("test_" + owner):
                continue
            broken.append("%s/%s: includes %s, private to %s.c and %s_*.c" %
                          (folder, name, inc, owner, owner))
    for line in broken:
        print(line)
    print("%d include rules broken" % len(broken))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
