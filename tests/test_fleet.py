#!/usr/bin/env python3
"""test_fleet.py: what an IT team with many screens reads (issue 19).

    test_fleet.py CORRIDOR SOURCE_DIR player|heartbeat|report|rules

player: corridor on the fast clock with the status file, the metrics file and the play log on:
the metrics after a good load, after a refused reload and as it stops (promtool check metrics
when promtool is installed), one play log line per page the player put up, nothing lost
across a restart, and `corridor report`'s totals agreeing with the play log and the pages the
status file showed. heartbeat: a page up for an hour is drawn again, and the metrics
written, every 30 s. report: `corridor report` on a known pair of logs, as a table and CSV, with
--from and --until, and a line cut short by a power cut. rules: docs/corridor-alerts.yml
through `promtool check rules` and `promtool test rules` (status 77, skipped, without promtool).
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from test_env import EMULATOR, SCALE, check, failures

BIN, SRC, WHAT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
FIXTURES = os.path.join(SRC, "tests", "fleet")
PROMTOOL = shutil.which("promtool")


def run(*args, **kw):
    return subprocess.run([*EMULATOR, BIN, *args], capture_output=True, text=True,
                          timeout=120 * SCALE, **kw)


def metrics(path):
    """The samples of a metrics file: {name or name{labels}: value}."""
    out = {}
    try:
        text = open(path).read()
    except OSError:
        return {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            out[name] = float(value)
    return out


def promtool_accepts(path, what):
    if not PROMTOOL:
        print("note: promtool is not installed; %s not checked with it" % what)
        return
    with open(path) as f:
        r = subprocess.run([PROMTOOL, "check", "metrics"], stdin=f, capture_output=True, text=True)
    check(r.returncode == 0, "promtool check metrics accepts the metrics %s: %s%s"
          % (what, r.stdout, r.stderr))


def wait_for(cond, seconds):
    until = time.monotonic() + seconds * SCALE
    while time.monotonic() < until:
        if cond():
            return True
        time.sleep(0.02)
    return cond()


PLAYLIST = """name: Fleet
timezone: UTC
defaults:
  duration: 10s
  transition: none
slides:
  - type: text
    title: Hand hygiene
    body: Wash your hands
  - type: text
    title: Flu jabs
    duration: 20s
  - type: quote
    text: Small things, done well
    name: A nurse
"""

PAGE_LINE = re.compile(r"player: slide (\d+) \(")


def pages_logged(log):
    """The slides the player's log says went up, in order."""
    return [int(m.group(1)) for m in PAGE_LINE.finditer(log)]


def play(tmp, exit_after, extra=(), watch=None):
    """Runs the player to its end on the fast clock (60 times real time); WATCH(proc) runs
    meanwhile. Returns (exit status, stderr, slides the status file showed in order)."""
    out = os.path.join(tmp, "out")
    args = [os.path.join(tmp, "ward.yaml"), "--window", "320x180", "--screen", "ward-12",
            "--now", "2024-03-19 10:00", "--clock-rate", "60", "--exit-after", exit_after,
            "--poll", "0", "--status", os.path.join(out, "status.json"),
            "--metrics", os.path.join(out, "corridor.prom"),
            "--play-log", os.path.join(out, "plays.jsonl"), *extra]
    err = open(os.path.join(tmp, "stderr"), "w+")
    proc = subprocess.Popen([*EMULATOR, BIN, *args], stderr=err, stdout=subprocess.DEVNULL)
    seen = []
    status_path = os.path.join(out, "status.json")

    def look():
        try:
            s = json.load(open(status_path))
        except (OSError, ValueError):
            return
        key = (s["slide"]["index"], s["slide"]["page"], s["slide"]["since"])
        if not seen or seen[-1] != key:
            seen.append(key)

    try:
        if watch:
            watch(proc, look)
        until = time.monotonic() + 120 * SCALE
        while proc.poll() is None and time.monotonic() < until:
            look()
            time.sleep(0.01)
        if proc.poll() is None:
            proc.kill()
        rc = proc.wait()
    finally:
        err.seek(0)
        log = err.read()
        err.close()
    return rc, log, seen


def play_log(tmp):
    try:
        return [json.loads(l) for l in open(os.path.join(tmp, "out", "plays.jsonl"))]
    except OSError:
        return []


def test_player(tmp):
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    ward = os.path.join(tmp, "ward.yaml")
    open(ward, "w").write(PLAYLIST)
    prom = os.path.join(out, "corridor.prom")

    def refuse_a_reload(proc, look):
        ok = wait_for(lambda: metrics(prom).get("corridor_playlist_generation") == 1, 30)
        check(ok, "the metrics file is written after the first load")
        m = metrics(prom)
        check(m.get("corridor_up") == 1 and m.get("corridor_last_reload_ok") == 1
              and m.get("corridor_playlist_errors") == 0 and m.get("corridor_clock_trusted") == 1
              and m.get("corridor_slide_index") in (1, 2, 3), "after a good load: %s" % m)
        check(any(k.startswith('corridor_info{screen="ward-12"') for k in m),
              "corridor_info names the screen")
        promtool_accepts(prom, "after a good load")
        # A save with a mistake: the last good playlist plays on, the metrics say so at once.
        broken = os.path.join(tmp, "ward.yaml.new")
        open(broken, "w").write(PLAYLIST.replace("duration: 20s", "duration: twenty"))
        os.rename(broken, ward)
        ok = wait_for(lambda: metrics(prom).get("corridor_last_reload_ok") == 0, 30)
        m = metrics(prom)
        check(ok and m.get("corridor_playlist_errors", 0) >= 1
              and m.get("corridor_playlist_generation") == 1 and m.get("corridor_up") == 1,
              "after a refused reload: %s" % m)
        promtool_accepts(prom, "after a refused reload")

    rc, log, seen = play(tmp, "10m", watch=refuse_a_reload)
    check(rc == 0, "the player stopped cleanly (%d)" % rc)
    m = metrics(prom)
    check(m.get("corridor_up") == 0, "corridor_up 0 once it stopped")
    promtool_accepts(prom, "as it stopped")
    lines = play_log(tmp)
    up = pages_logged(log)
    check(len(lines) == len(up) and [l["slide"] for l in lines] == up,
          "one play log line per page put up (%d lines, %d pages)" % (len(lines), len(up)))
    seconds = sum(l["seconds"] for l in lines)
    check(abs(seconds - 600) < 2, "the lines' seconds add up to the 10 minutes played (%.1f)"
          % seconds)
    check(all(l["screen"] == "ward-12" and l["playlist_hash"] and l["type"] in ("text", "quote")
              and l["page"] == 1 for l in lines), "each line names screen, type, page and hash")
    # What the status file showed is in the play log, in the same order.
    shown = [s for s, _, _ in seen]
    it = iter([l["slide"] for l in lines])
    check(len(shown) > 5 and all(s in it for s in shown),
          "the pages the status file showed (%d) are in the play log in order" % len(shown))

    # A restart appends: nothing the first run wrote is lost.
    open(ward, "w").write(PLAYLIST)
    first = open(os.path.join(out, "plays.jsonl")).read()
    def stop_it(proc, look):  # as systemd stops it: SIGTERM, mid-page
        wait_for(lambda: len(play_log(tmp)) > len(lines) + 3, 30)
        proc.send_signal(signal.SIGTERM)

    rc, log2, _ = play(tmp, "1h", extra=["--distrust-clock"], watch=stop_it)
    check(rc == 0, "the second run stopped cleanly on SIGTERM (%d)" % rc)
    text = open(os.path.join(out, "plays.jsonl")).read()
    check(text.startswith(first), "the second run appended to the play log")
    lines2 = play_log(tmp)
    check(len(lines2) == len(lines) + len(pages_logged(log2)),
          "one line per page over both runs (%d)" % len(lines2))
    m = metrics(prom)
    check(m.get("corridor_clock_trusted") == 0, "an untrusted clock: corridor_clock_trusted 0")

    # corridor report agrees with the play log.
    r = run("report", os.path.join(out, "plays.jsonl"), "--csv")
    check(r.returncode == 0, "report runs: %s" % r.stderr)
    rows = [l.split(",") for l in r.stdout.splitlines()[1:]]
    check(sum(int(x[4]) for x in rows) == len(lines2), "report counts every line")
    for slide in (1, 2, 3):
        want = sum(l["seconds"] for l in lines2 if l["slide"] == slide) / 60
        got = sum(float(x[5]) for x in rows if x[1] == str(slide))
        check(abs(want - got) < 0.01, "slide %d: %.2f minutes reported, %.2f logged"
              % (slide, got, want))


def test_heartbeat(tmp):
    """A page that stays up an hour, with no clock on it: the metrics are still written, and
    the page drawn again, every 30 s, so the last frame's time stays fresh."""
    os.makedirs(os.path.join(tmp, "out"))
    open(os.path.join(tmp, "ward.yaml"), "w").write(
        "name: Still\ntimezone: UTC\ntheme:\n  clock: false\nslides:\n"
        "  - type: text\n    title: One poster all day\n    duration: 1h\n")
    prom = os.path.join(tmp, "out", "corridor.prom")
    rc, _, _ = play(tmp, "40s", extra=["--clock-rate", "1"])
    m = metrics(prom)
    check(rc == 0 and m.get("corridor_up") == 0, "the still page's run stopped cleanly")
    start = m.get("corridor_start_time_seconds", 0)
    check(m.get("corridor_frames_total", 0) >= 2
          and 29 <= m.get("corridor_last_frame_timestamp_seconds", 0) - start <= 40,
          "the page was drawn again after 30 s: %s" % m)


def test_report(tmp):
    logs = [os.path.join(FIXTURES, n) for n in ("plays-ward-12.jsonl", "plays-x-ray.jsonl")]
    env = dict(os.environ, TZ="UTC")
    r = run("report", *logs, env=env)
    check(r.returncode == 0, "report exits 0 with a cut line")
    check(r.stdout == open(os.path.join(FIXTURES, "report.txt")).read(),
          "the table:\n" + r.stdout)
    check("plays-ward-12.jsonl:8: not a play record" in r.stderr
          and "1 line left out" in r.stderr, "the cut line is named: " + r.stderr)
    r = run("report", *logs, "--csv", "--from", "2024-03-19", "--until", "2024-03-19", env=env)
    check(r.stdout == open(os.path.join(FIXTURES, "report-19th.csv")).read(),
          "CSV for the 19th:\n" + r.stdout)
    r = run("report", *logs, "--from", "2024-03-19 10:00", "--until", "2024-03-19 10:01",
            "--csv", env=env)
    check(r.stdout.splitlines()[1:] == [
        "ward-12,1,text,Hand hygiene,1,0.20", "ward-12,2,sessions,Today's talks,2,0.50",
        "ward-12,3,image,\"poster, \"\"flu\"\" jab.png\",1,0.50",
        "x-ray,1,text,Croeso i'r adran pelydr-X — â ŵ,1,1.00"], "from 10:00 until 10:01")
    # Lines that are not play records: each named and left out, the good one counted.
    bad = os.path.join(tmp, "bad.jsonl")
    good = ('{"time": "2024-03-19T10:00:00.000Z", "screen": "w", "slide": 1, "type": "text", '
            '"title": "A\\u00e9\\ud83d\\ude00", "page": 1, "seconds": 60}')
    lines = [good,
             good.replace('"slide": 1', '"slide": 1e300'),
             good.replace('"slide": 1', '"slide": -1'),
             good.replace('"seconds": 60', '"seconds": -5'),
             good.replace('"seconds": 60', '"seconds": nan'),
             good.replace('"title": "A', '"title": {"x": 1}, "t": "A'),
             good.replace('"time": "2024-03-19T10:00:00.000Z"', '"time": "yesterday"'),
             good.replace('\\u00e9', '\\u00'),
             good[:-1], "[]", "\x00{}", good + " trailing"]
    open(bad, "w").write("\n".join(lines) + "\n")
    r = run("report", bad, "--csv", env=env)
    check(r.returncode == 0 and r.stdout.splitlines()[1:] == ["w,1,text,A\u00e9\U0001F600,1,1.00"],
          "only the good line counts: " + r.stdout)
    check(all("bad.jsonl:%d: not a play record" % n in r.stderr for n in range(2, 13))
          and "11 lines left out" in r.stderr, "each bad line named: " + r.stderr)
    r = run("report", os.path.join(tmp, "missing.jsonl"))
    check(r.returncode == 1 and "cannot read" in r.stderr, "a missing log: exit 1")
    r = run("report", *logs, "--from", "Tusday")
    check(r.returncode == 2 and "'Tusday'" in r.stderr, "a wrong date: exit 2: " + r.stderr)
    r = run("report")
    check(r.returncode == 2 and "name at least one play log" in r.stderr, "no log: exit 2")


def test_rules(tmp):
    if not PROMTOOL:
        print("rules: skipped: promtool is not installed (apt-get install prometheus)")
        sys.exit(77)
    r = subprocess.run([PROMTOOL, "check", "rules", os.path.join(SRC, "docs", "corridor-alerts.yml")],
                       capture_output=True, text=True)
    check(r.returncode == 0, "promtool check rules: " + r.stdout + r.stderr)
    r = subprocess.run([PROMTOOL, "test", "rules", "alerts-test.yml"], cwd=FIXTURES,
                       capture_output=True, text=True)
    check(r.returncode == 0, "promtool test rules: " + r.stdout + r.stderr)


def main():
    tmp = tempfile.mkdtemp(prefix="corridor-fleet-")
    try:
        {"player": test_player, "heartbeat": test_heartbeat, "report": test_report,
         "rules": test_rules}[WHAT](tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d failed" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("all passed")


if __name__ == "__main__":
    main()
