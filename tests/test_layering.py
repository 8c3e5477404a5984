#!/usr/bin/env python3
"""test_layering.py: corridor's include rules, read from the sources.

1. A pure module (schedule, layout, deck, frames, value, schema, power_schedule: no clock, no screen, time and
   sizes as parameters) includes, directly or through corridor's own headers, neither SDL nor a
   header of the drawing or playing side (render, player, screen, present, font, image, text).
2. A private header (NAME_priv.h) is included only by its family: src/NAME.c, src/NAME_*.c, its
   own headers, and the family's tests (tests/test_NAME*.c).
3. The loader goes one way: read, YAML tree, schema, file stage, model. The schema family
   (src/schema*.c and .h) records what a playlist names and reads no disk: it includes, directly
   or through corridor's headers, none of the loader's or the file stage's headers (loader,
   userfile, ics) and calls no function that opens, reads or looks at a file.
4. The renderer's files call one way: render.c -> render_assets.c -> render_pictures.c ->
   render_video.c -> render_layout.c; none calls a function defined in a file before it in
   that order.

Usage: test_layering.py SOURCE_DIR. Prints each broken rule as FILE: what it includes, and
through which headers; exits 1 if any.
"""
import os
import re
import sys

PURE = ("schedule", "layout", "deck", "frames", "value", "schema", "power_schedule")
DRAWING = ("render", "player", "screen", "present", "font", "image", "text")
# The schema family's rule 3: headers above it, and calls that touch the disk.
SCHEMA_ABOVE = ("loader.h", "loader_priv.h", "userfile.h", "ics.h")
DISK_CALLS = re.compile(r"\b(fopen|freopen|open|openat|opendir|stat|lstat|fstat|access|"
                        r"realpath|readlink|read|fread|cor_file_\w+|cor_path_list_folder|"
                        r"cor_font_\w+|cor_image_\w+|cor_ics_\w+|cor_clock_zone_exists|"
                        r"cor_video_(?:check|probe|still|open)|"
                        r"cor_load_\w+|cor_playlist_load\w*)\s*\(")
CODE_NOISE = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                        re.S)
# Rule 4: the render family's files, each calling only the ones after it.
RENDER_ORDER = ("render.c", "render_assets.c", "render_pictures.c", "render_video.c",
                "render_layout.c")
DEFINITION = re.compile(r"^[A-Za-z][^;{}()]*?\b(\w+)\([^;{}]*\)\s*\{", re.M)
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def includes(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return INCLUDE.findall(f.read())


def family(name):
    """The module a file of src/ belongs to: layout_text.c -> layout."""
    return re.split(r"[_.]", name, 1)[0]


def reached_includes(src, name, seen=None, via=()):
    """(header, via) for each of corridor's headers NAME includes, directly or through others."""
    seen = set() if seen is None else seen
    found = []
    for kind, inc in includes(os.path.join(src, name)):
        if kind != '"' or inc in seen or not os.path.exists(os.path.join(src, inc)):
            continue
        seen.add(inc)
        found.append((inc, via))
        found += reached_includes(src, inc, seen, via + (inc,))
    return found


def disk_calls(path):
    """(line, call) for each call in PATH that touches the disk, comments and strings left out."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    code = CODE_NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return [(code.count("\n", 0, m.start()) + 1, m.group(1)) for m in DISK_CALLS.finditer(code)]


def code_of(path):
    """PATH's text with comments and strings blanked, lines kept."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return CODE_NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def upward_calls(src):
    """Broken rule 4: (file, line, function, file defining it) for each call up the order."""
    defined = {}
    order = [n for n in RENDER_ORDER if os.path.exists(os.path.join(src, n))]
    for name in order:
        for m in DEFINITION.finditer(code_of(os.path.join(src, name))):
            if not m.group(0).startswith("static"):
                defined[m.group(1)] = name
    found = []
    for rank, name in enumerate(order):
        code = code_of(os.path.join(src, name))
        for m in re.finditer(r"\b(\w+)\s*\(", code):
            owner = defined.get(m.group(1))
            if owner and order.index(owner) < rank:
                found.append((name, code.count("\n", 0, m.start()) + 1, m.group(1), owner))
    return found


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

    for name in files:
        if not name.endswith((".c", ".h")) or family(name) != "schema":
            continue
        for inc, via in reached_includes(src, name):
            if inc in SCHEMA_ABOVE:
                how = " (through %s)" % " -> ".join(via) if via else ""
                broken.append("src/%s: the schema stage includes %s%s, a stage above it" %
                              (name, inc, how))
        for line, call in disk_calls(os.path.join(src, name)):
            broken.append("src/%s:%d: the schema stage calls %s(), which reads the disk or calls back into the loader; "
                          "record a need for the file stage (loader_files.c) instead" %
                          (name, line, call))

    for name, line, func, owner in upward_calls(src):
        broken.append("src/%s:%d: calls %s() of %s, a file above it in the renderer's order "
                      "(%s)" % (name, line, func, owner, " -> ".join(RENDER_ORDER)))

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
