#!/usr/bin/env python3
"""test_preview.py: `corridor preview`, the report page beside the playlist.

    test_preview.py CORRIDOR SOURCE_DIR reports|watch|browser

reports: a good playlist, one with several mistakes, unreadable ones, hostile titles, the last
good report kept under a broken one, a huge playlist, and where the report may be written; each
page parsed and checked. watch: --watch over saves, a broken save, a fix, a picture replaced
and the playlist removed, each report in place within 2 s, and readers never see half a page.
browser: headless Chromium's screenshot of two reports against reference pictures (status 77,
skipped, when /usr/bin/chromium is not installed).
"""
import html.parser
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

from test_env import EMULATOR, SCALE, check, failures

BIN, SRC, WHAT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
FIXTURES = os.path.join(SRC, "tests", "preview")
AT = "2024-03-19 10:30"
MARK = "<!-- made by corridor preview -->"


def run(*args, **kw):
    return subprocess.run([*EMULATOR, BIN, *args], capture_output=True, text=True,
                          timeout=300 * SCALE, **kw)


class Page(html.parser.HTMLParser):
    """The parts of a report page the tests look at."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.imgs, self.ids, self.links = [], [], set(), []
        self.headings = []  # (tag, text)
        self.mistakes = []  # each: dict(text, pre, mark, where, link)
        self.text = []
        self.title = ""
        self._stack, self._heading, self._li, self._in = [], None, None, []
        self.feed(text)
        self.close()
        self.all_text = "".join(self.text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "img":
            self.imgs.append(a)
        if tag == "a":
            self.links.append(a.get("href", ""))
            if self._li is not None:
                self._li["link"] = a.get("href", "")
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = [tag, ""]
        if tag == "li" and a.get("class") in ("error", "warning"):
            self._li = {"text": "", "pre": "", "mark": "", "where": "", "link": ""}
        if tag in ("pre", "mark", "p", "title"):
            self._in.append((tag, a.get("class", "")))

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4") and self._heading:
            self.headings.append(tuple(self._heading))
            self._heading = None
        if tag == "li" and self._li is not None:
            self.mistakes.append(self._li)
            self._li = None
        if tag in ("pre", "mark", "p", "title") and self._in:
            self._in.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self._heading[1] += data
        inside = self._in
        if inside and inside[-1][0] == "title":
            self.title += data
        if self._li is not None:
            self._li["text"] += data
            kinds = [t for t, _ in inside]
            if "pre" in kinds:
                self._li["pre"] += data
            if "mark" in kinds:
                self._li["mark"] += data
            if inside and inside[-1] == ("p", "where"):
                self._li["where"] += data


def report(out):
    with open(os.path.join(out, "index.html"), encoding="utf-8") as f:
        return f.read()


def common_checks(name, out, text):
    """What every report page must be: ours, whole, script-free, every picture there and
    described."""
    page = Page(text)
    check(text.startswith(MARK), f"{name}: the page starts with corridor's mark")
    check(text.rstrip().endswith("</html>"), f"{name}: the page is whole")
    tags = {t for t, _ in page.tags}
    allowed = {"html", "head", "meta", "title", "style", "body", "main", "section", "h1", "h2",
               "h3", "h4", "p", "strong", "span", "figure", "figcaption", "img", "ol", "ul", "li",
               "table", "caption", "tr", "th", "td", "pre", "mark", "code", "a"}
    check(tags <= allowed, f"{name}: only corridor's own elements ({sorted(tags - allowed)})")
    check(("html", {"lang": "en"}) in page.tags, f"{name}: the page says its language")
    for href in page.links:
        check(href.startswith("#") and href[1:] in page.ids,
              f"{name}: link {href} goes to a place on the page")
    for img in page.imgs:
        check(set(img) <= {"src", "alt", "width", "height"}, f"{name}: img has only safe attributes")
        check(img.get("alt", "").strip() != "", f"{name}: {img.get('src')} has alt text")
        src = img.get("src", "")
        check(not src.startswith("/") and ".." not in src.split("/")
              and os.path.isfile(os.path.join(out, src)), f"{name}: picture {src} is there")
    check(page.headings and page.headings[0][0] == "h1", f"{name}: the verdict comes first")
    return page


def copy_fixture(name, folder):
    os.makedirs(folder, exist_ok=True)
    dst = os.path.join(folder, name)
    shutil.copy(os.path.join(FIXTURES, name), dst)
    return dst


def files_under(root, skip):
    found = set()
    for d, dirs, files in os.walk(root):
        if os.path.abspath(d).startswith(os.path.abspath(skip)):
            continue
        found |= {os.path.join(d, f) for f in files}
    return found


def check_messages(name, path, page):
    """Each of check's messages is on the page, at its line and column, with its line and the
    spot marked, in the order check gives them."""
    msgs = []
    for line in run("check", path).stderr.splitlines():
        m = re.match(r"^(.*?):(\d+):(\d+): (error|warning): (.*)$", line)
        if m:
            msgs.append((line, int(m.group(2)), int(m.group(3)), m.group(5)))
    check(len(msgs) >= 5, f"{name}: check finds {len(msgs)} mistakes")
    source = open(path, encoding="utf-8").read().split("\n")
    check(len(page.mistakes) == len(msgs), f"{name}: the page lists {len(page.mistakes)} of them")
    for (line, ln, col, msg), item in zip(msgs, page.mistakes):
        check(item["where"] == line, f"{name}: '{line}' is on the page as check prints it")
        check(f"on line {ln}, column {col}" in item["text"], f"{name}: line {ln} said in words")
        check(item["pre"].strip("\n") == source[ln - 1], f"{name}: line {ln} is shown")
        check(item["mark"] != "" and source[ln - 1][col - 1:].startswith(item["mark"]),
              f"{name}: the spot at column {col} of line {ln} is marked ('{item['mark']}')")
        check(msg in item["text"], f"{name}: the fix for line {ln} is there")


def test_reports(tmp):
    # A good playlist: the sample, with its pictures, where it lives.
    good = os.path.join(SRC, "playlists", "social-work-week.yaml")
    before = files_under(os.path.join(SRC, "playlists"), "/nonexistent")
    out = os.path.join(tmp, "good")
    r = run("preview", good, "--out", out, "--at", AT)
    check(r.returncode == 0, f"good: exit 0 ({r.returncode}: {r.stderr.strip()})")
    page = common_checks("good", out, report(out))
    check(page.headings[0][1] == "Plays: 14 slides", f"good: verdict '{page.headings[0][1]}'")
    drawn = os.path.join(tmp, "render")
    run("render", good, "--at", AT, "--size", "1920x1080", "--out", drawn)
    pages = sorted(f for f in os.listdir(drawn) if f != "contact-sheet.png")
    shown = sorted(os.path.basename(i["src"]) for i in page.imgs
                   if not i["src"].endswith("contact-sheet.png"))
    check(shown == pages, f"good: a picture for each of the {len(pages)} pages render draws")
    check(all(f"slide-{n}" in page.ids for n in range(1, 15)), "good: every slide has its place")
    check("Tuesday 19 March 2024" in page.all_text and "Monday 25 March 2024" in page.all_text,
          "good: the coming week, day by day")
    check("World Social Work Day, session 1" in page.all_text, "good: the day's timetable")
    check(files_under(os.path.join(SRC, "playlists"), "/nonexistent") == before,
          "good: nothing written beside the playlist")

    # Several mistakes: each at its line, as check prints it.
    folder = os.path.join(tmp, "m")
    path = copy_fixture("mistakes.yaml", folder)
    out = os.path.join(tmp, "m-report")
    r = run("preview", path, "--out", out, "--at", AT)
    check(r.returncode == 1, f"mistakes: exit 1 ({r.returncode})")
    page = common_checks("mistakes", out, report(out))
    check(page.headings[0][1].startswith("5 mistakes: the screens keep playing"),
          f"mistakes: verdict '{page.headings[0][1]}'")
    check_messages("mistakes", path, page)
    check(all(f"In slide {n}." in page.all_text for n in range(1, 6)),
          "mistakes: each names its slide")

    # The last good report stays under a broken one: its pictures and its slides.
    folder = os.path.join(tmp, "k")
    path = copy_fixture("hostile.yaml", folder)
    out = os.path.join(tmp, "k-report")
    run("preview", path, "--out", out, "--at", AT)
    shutil.copy(os.path.join(FIXTURES, "mistakes.yaml"), path)
    r = run("preview", path, "--out", out, "--at", AT)
    page = common_checks("kept", out, report(out))
    check(re.match(r"5 mistakes: the screens keep playing the version of \d\d:\d\d on ",
                   page.headings[0][1]) is not None, f"kept: verdict '{page.headings[0][1]}'")
    kept = [i["src"] for i in page.imgs]
    check(len(kept) >= 3 and all("-plays/" in s for s in kept),
          "kept: the pictures are the last good report's")
    check(page.links == ["#slide-1", "#slide-2", "#slide-3"],
          f"kept: links only to slides the last good version has ({page.links})")
    versions = [d for d in os.listdir(out) if d != "index.html"]
    check(len(versions) == 2, f"kept: two version folders ({versions})")

    # Unreadable: no file, a folder, a file that is not text.
    for name, target in (("missing", os.path.join(tmp, "no-such.yaml")),
                         ("folder", os.path.join(tmp, "m"))):
        out = os.path.join(tmp, f"u-{name}")
        r = run("preview", target, "--out", out)
        check(r.returncode == 1, f"unreadable {name}: exit 1")
        page = common_checks(f"unreadable {name}", out, report(out))
        check(page.headings[0][1].startswith("The playlist cannot be read"),
              f"unreadable {name}: verdict '{page.headings[0][1]}'")
    check("does not exist" in report(os.path.join(tmp, "u-missing")),
          "unreadable: says the file does not exist")
    binary = os.path.join(tmp, "binary.yaml")
    with open(binary, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    out = os.path.join(tmp, "u-binary")
    r = run("preview", binary, "--out", out)
    page = common_checks("not text", out, report(out))
    check(r.returncode == 1 and "mistake" in page.headings[0][1], "not text: a mistake, shown")

    # Hostile titles: shown as the characters they are.
    folder = os.path.join(tmp, "h")
    path = copy_fixture("hostile.yaml", folder)
    out = os.path.join(tmp, "h-report")
    r = run("preview", path, "--out", out, "--at", AT, "--size", "ward-3=1080x1920")
    check(r.returncode == 0, f"hostile: exit 0 ({r.stderr.strip()})")
    text = report(out)
    page = common_checks("hostile", out, text)
    for shown in ("<script>alert(1)</script>", '<iframe src="https://example.org"></iframe>',
                  '<a href="https://example.org">click</a>', "&amp; host", "<!-- comment -->",
                  'Ward <b>3</b> & "friends"', "Today's <sessions>"):
        check(shown in page.all_text, f"hostile: '{shown}' shows as text")
    check("<script" not in text.lower() and "<iframe" not in text.lower(),
          "hostile: no script or frame element in the page")
    alts = " ".join(i["alt"] for i in page.imgs)
    check('"><img src=x onerror=alert(2)>' in alts and "</main>" in alts,
          "hostile: the alt text holds the quote and the body as text")
    check(page.title == "hostile.yaml: corridor report", f"hostile: title '{page.title}'")
    check([h for h in page.headings if h[0] == "h3"][:2] ==
          [("h3", "Screen ward-3 (1080 by 1920 pixels, portrait, on its side)"),
           ("h3", "Any other screen (1920 by 1080 pixels, landscape)")],
          "hostile: each screen `screens:` names, at its size, then any other")

    # Nothing read outside the allowed folders: a picture beside, not inside, is refused.
    os.makedirs(os.path.join(tmp, "secret"), exist_ok=True)
    picture = next(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(SRC, "playlists"))
                   for f in fs if f.endswith(".png"))
    shutil.copy(picture, os.path.join(tmp, "secret", "photo.png"))
    os.makedirs(os.path.join(tmp, "o"), exist_ok=True)
    path = os.path.join(tmp, "o", "p.yaml")
    with open(path, "w") as f:
        f.write("slides:\n  - type: image\n    file: ../secret/photo.png\n")
    out = os.path.join(tmp, "o-report")
    r = run("preview", path, "--out", out, "--at", AT)
    page = common_checks("outside", out, report(out))
    check(r.returncode == 1 and "outside" in page.all_text and not page.imgs,
          "outside: a picture outside the playlist's folder is a mistake, never shown")

    # Where the report may go: not the playlist's folder, not over someone else's page.
    before = files_under(os.path.join(tmp, "h"), "/nonexistent")
    r = run("preview", path, "--out", os.path.join(tmp, "o"))
    check(r.returncode == 1 and "playlist's own folder" in r.stderr,
          f"out: the playlist's folder is refused ({r.stderr.strip()})")
    check(not os.path.exists(os.path.join(tmp, "o", "index.html")), "out: nothing written there")
    foreign = os.path.join(tmp, "foreign")
    os.makedirs(foreign)
    with open(os.path.join(foreign, "index.html"), "w") as f:
        f.write("<p>the intranet</p>\n")
    r = run("preview", path, "--out", foreign)
    check(r.returncode == 1 and "not made by corridor preview" in r.stderr,
          "out: another program's index.html is refused")
    check(open(os.path.join(foreign, "index.html")).read() == "<p>the intranet</p>\n"
          and os.listdir(foreign) == ["index.html"], "out: and left as it was")
    check(files_under(os.path.join(tmp, "h"), "/nonexistent") == before,
          "out: the playlist's folder is untouched")

    # A huge playlist: a report of bounded size, with a note.
    folder = os.path.join(tmp, "big")
    os.makedirs(folder)
    lines = ["slides:"]
    for i in range(400):
        lines += [f"  - type: text", f"    title: Slide number {i} <&>",
                  f"    screens: [screen-{i % 12}]"]
    lines += ["  - type: sessions", "    title: Many", "    sessions:"]
    for i in range(600):
        lines += [f"      - date: 2024-03-19", f"        time: {8 + i % 10}:00 to {9 + i % 10}:00",
                  f"        title: Session {i}"]
    with open(os.path.join(folder, "big.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    out = os.path.join(tmp, "big-report")
    started = time.monotonic()
    r = run("preview", os.path.join(folder, "big.yaml"), "--out", out, "--at", AT)
    took = time.monotonic() - started
    text = report(out)
    page = common_checks("huge", out, text)
    pictures = [i for i in page.imgs if not i["src"].endswith("contact-sheet.png")]
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print(f"huge: {len(pictures)} pictures, page {len(text)} bytes, report {size} bytes, "
          f"{took:.1f} s")
    check(r.returncode == 0, "huge: it plays")
    check(len(pictures) <= 60, f"huge: at most 60 page pictures ({len(pictures)})")
    check(len([h for h in page.headings if h[0] == "h3" and "pixels" in h[1]]) <= 6,
          "huge: at most 6 screens")
    check("too large to show whole" in page.all_text, "huge: a note says what was left out")
    check(len(text) < 3.5 * 1024 * 1024 and size < 40 * 1024 * 1024, "huge: bounded size")

    # Thousands of warnings: the page lists what fits, says so, and still shows what plays.
    lines = ["slides:", "  - type: text", "    title: Still on"]
    for i in range(2500):
        lines += ["  - type: text", f"    title: Old news number {i}, with a long title",
                  "    when:", "      until: 2020-01-01"]
    with open(os.path.join(folder, "warnings.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    out = os.path.join(tmp, "warnings-report")
    r = run("preview", os.path.join(folder, "warnings.yaml"), "--out", out, "--at", AT)
    text = report(out)
    page = common_checks("warnings", out, text)
    listed = text.count('<li class="warning">')
    print(f"warnings: {listed} of 2500 listed, page {len(text)} bytes")
    check(r.returncode == 0 and page.headings[0][1] == "Plays: 2501 slides, 2500 warnings",
          f"warnings: verdict '{page.headings[0][1]}'")
    check("More messages than fit here" in page.all_text and len(text) < 3.5 * 1024 * 1024,
          "warnings: a bounded list, with a note")
    check(any("Still on" in i["alt"] for i in page.imgs), "warnings: what plays is still shown")

    # Usage mistakes get a sentence and status 2, and write nothing.
    for args, said in ((["preview"], "the playlist is missing"),
                       (["preview", "p.yaml"], "--out is missing"),
                       (["preview", "p.yaml", "--out"], "--out needs a value"),
                       (["preview", "p.yaml", "--out", "r", "--size", "big"], "--size 'big'"),
                       (["preview", "p.yaml", "--out", "r", "--poll", "0"], "--poll '0'"),
                       (["preview", "p.yaml", "--out", "r", "--at", "19/03/2024"],
                        "is not a date corridor reads"),
                       (["preview", "p.yaml", "--out", "r", "--bogus"], "unknown option")):
        r = run(*args, cwd=tmp)
        check(r.returncode == 2 and said in r.stderr and not os.path.exists(
            os.path.join(tmp, "r")), f"usage: {' '.join(args)}: status 2, '{said}'")
    check("corridor preview PLAYLIST --out DIR" in run("--help").stdout, "usage: --help says it")


def test_watch(tmp):
    share = os.path.join(tmp, "share")
    os.makedirs(os.path.join(share, "assets"))
    pictures = sorted(os.path.join(d, f) for d, _, fs in
                      os.walk(os.path.join(SRC, "playlists", "assets")) for f in fs
                      if f.endswith(".png"))
    shutil.copy(pictures[0], os.path.join(share, "assets", "poster.png"))
    path = os.path.join(share, "p.yaml")

    def playlist(title):
        return ("slides:\n  - type: text\n    title: " + title +
                "\n  - type: image\n    file: assets/poster.png\n")

    with open(path, "w") as f:
        f.write(playlist("First version"))
    out = os.path.join(tmp, "report")
    proc = subprocess.Popen([*EMULATOR, BIN, "preview", path, "--out", out, "--watch", "--at", AT],
                            stderr=subprocess.PIPE, text=True)
    index = os.path.join(out, "index.html")
    seen, stop, torn = [], threading.Event(), []

    def reader():
        # A reader on the share: every page read is whole and its pictures are there.
        while not stop.is_set():
            try:
                with open(index, encoding="utf-8") as f:
                    text = f.read()
            except FileNotFoundError:
                continue
            seen.append(1)
            if not (text.startswith(MARK) and text.rstrip().endswith("</html>")):
                torn.append("half a page")
            for src in re.findall(r'src="([^"]+)"', text):
                if not os.path.exists(os.path.join(out, src)):
                    torn.append(src)
            time.sleep(0.005)

    def wait_for(what, test, limit):
        started = time.monotonic()
        while time.monotonic() - started < limit * SCALE:
            try:
                if test(report(out)):
                    took = time.monotonic() - started
                    print(f"watch: {what}: report replaced after {took * 1000:.0f} ms")
                    return took
            except FileNotFoundError:
                pass
            time.sleep(0.01)
        check(False, f"watch: {what}: no report within {limit} s")
        return None

    try:
        wait_for("first report", lambda t: "First version" in t, 20)
        thread = threading.Thread(target=reader)
        thread.start()
        times = []
        # A save by rename, as most editors do.
        with open(path + ".tmp", "w") as f:
            f.write(playlist("Second version"))
        os.replace(path + ".tmp", path)
        times.append(wait_for("save by rename", lambda t: "Second version" in t, 2))
        # A broken save, written in place.
        with open(path, "w") as f:
            f.write(playlist("Third version") + "    durations: 5s\n")
        times.append(wait_for("broken save", lambda t: "1 mistake:" in t, 2))
        check("unknown key &#39;durations&#39;" in report(out) and "Second version" in report(out),
              "watch: the mistake, above the last good version's pictures")
        # The fix.
        with open(path, "w") as f:
            f.write(playlist("Fourth version"))
        times.append(wait_for("fix", lambda t: "Fourth version" in t and "Plays:" in t, 2))
        # A picture the playlist names is replaced.
        before = re.findall(r'src="([^"/]+)/', report(out))[0]
        shutil.copy(pictures[-1], os.path.join(share, "assets", "poster.png.part"))
        os.replace(os.path.join(share, "assets", "poster.png.part"),
                   os.path.join(share, "assets", "poster.png"))
        times.append(wait_for("picture replaced",
                              lambda t: re.findall(r'src="([^"/]+)/', t)[0] != before, 2))
        # The playlist removed, then put back.
        os.rename(path, path + ".away")
        times.append(wait_for("playlist removed", lambda t: "cannot be read" in t, 2))
        os.rename(path + ".away", path)
        times.append(wait_for("playlist back", lambda t: "Plays:" in t, 2))
        stop.set()
        thread.join()
        check(all(t is not None and t < 2 * SCALE for t in times), "watch: every report within 2 s")
        check(len(seen) > 20 and not torn,
              f"watch: {len(seen)} reads, never half a report ({torn[:3]})")
        versions = [d for d in os.listdir(out) if d != "index.html"]
        check(len(versions) <= 3, f"watch: old reports are removed ({len(versions)} kept)")
    finally:
        stop.set()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = None
        err = proc.stderr.read()
        print(err, end="")
    check(rc == 0, f"watch: stops on SIGTERM with status 0 ({rc})")


def read_png(path):
    """Pixels of an 8-bit, non-interlaced RGB or RGBA PNG as (width, height, rows of RGB)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[i] for i in range(stride) if i % bpp < 3))
        prev = line
    return w, h, rows


def test_browser(tmp):
    chromium = "/usr/bin/chromium"
    if not os.path.exists(chromium):
        print("browser: skipped: /usr/bin/chromium is not installed (apt-get install chromium)")
        sys.exit(77)
    # Named from their own folder, so the page shows the same names on every run.
    reports = {"preview-plays": os.path.join(tmp, "h", "report"),
               "preview-mistakes": os.path.join(tmp, "m", "report")}
    copy_fixture("hostile.yaml", os.path.join(tmp, "h"))
    run("preview", "hostile.yaml", "--out", "report", "--at", AT, "--size", "ward-3=1080x1920",
        cwd=os.path.join(tmp, "h"))
    copy_fixture("mistakes.yaml", os.path.join(tmp, "m"))
    run("preview", "mistakes.yaml", "--out", "report", "--at", AT, cwd=os.path.join(tmp, "m"))
    build = os.environ.get("CORRIDOR_TEST_OUTPUT", tmp)
    for name, out in reports.items():
        profile = os.path.join(tmp, "profile-" + name)
        os.makedirs(profile)
        shot = os.path.join(build, name + "-actual.png")
        r = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync",
                            "--user-data-dir=" + profile, "--hide-scrollbars",
                            "--window-size=1280,1400", "--screenshot=" + shot,
                            "file://" + os.path.join(out, "index.html")],
                           capture_output=True, text=True, timeout=120)
        if not check(os.path.exists(shot), f"browser: {name}: Chromium took a screenshot"):
            print(r.stderr[-2000:], file=sys.stderr)
            continue
        print(f"browser: {name}: the screenshot is {shot}")
        w, h, rows = read_png(shot)
        reference = os.path.join(SRC, "tests", "reference", name + ".png")
        if not check(os.path.exists(reference), f"browser: {name}: {reference} exists (look at "
                     f"the screenshot before copying it there)"):
            continue
        rw, rh, ref = read_png(reference)
        if not check((w, h) == (rw, rh), f"browser: {name}: {w}x{h} like the reference"):
            continue
        # The report's time stamps differ from run to run: a few lines of text. Anything more
        # (a picture that did not load, a section moved) is far above this bound.
        differ = sum(1 for y in range(0, h, 2) for x in range(0, w * 3, 6)
                     if abs(rows[y][x] - ref[y][x]) > 64 or abs(rows[y][x + 1] - ref[y][x + 1]) > 64)
        share = differ / ((h // 2) * (w // 2))
        check(share < 0.02, f"browser: {name}: {share:.2%} of pixels differ from the reference")


def main():
    tmp = tempfile.mkdtemp(prefix="corridor-preview-")
    try:
        {"reports": test_reports, "watch": test_watch, "browser": test_browser}[WHAT](tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)


main()
