#!/usr/bin/env python3
"""Runs `corridor check` over tests/mistakes/: base.yaml with one mistake in each file.

expect.txt says, for each file, the line a good message must name, whether it is an error (the
playlist must not play), a warning (it plays, but something is said) or ok (a valid oddity that
must be accepted without a word), and the words the message at that line must use (any case).

Usage: test_mistakes.py CORRIDOR SOURCE_DIR [NAME...]   Ends with "N passed, M failed".
"""
import os
import re
import subprocess
import sys

from test_env import EMULATOR, SCALE

CORRIDOR, SOURCE = os.path.abspath(sys.argv[1]), sys.argv[2]
ONLY = sys.argv[3:]
FOLDER = os.path.join(SOURCE, 'tests', 'mistakes')
HEAD = re.compile(r'^(?P<file>[^\n]*?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*)$')

passed = failed = 0


def messages(name):
    run = subprocess.run([*EMULATOR, CORRIDOR, 'check', name], cwd=FOLDER, capture_output=True,
                         timeout=60 * SCALE)
    out = run.stdout.decode('utf-8', 'replace') + run.stderr.decode('utf-8', 'replace')
    found = [m.groupdict() for m in map(HEAD.match, out.splitlines()) if m]
    return run.returncode, found, out


rc, found, out = messages('base.yaml')
if rc != 0 or found:
    print('FAIL base.yaml must pass without a word:\n' + out)
    sys.exit(1)

with open(os.path.join(FOLDER, 'expect.txt'), encoding='utf-8') as f:
    rows = [l.rstrip('\n').split('\t') for l in f if l.strip() and not l.startswith('#')]
for row in rows:
    name, line, kind, words = row[0], int(row[1]), row[2], row[3:]
    if ONLY and not any(o in name for o in ONLY):
        continue
    rc, found, out = messages(name)
    problem = None
    if kind == 'ok':
        if rc != 0 or found:
            problem = 'a valid oddity must be accepted without a word'
    else:
        if kind == 'error' and rc == 0:
            problem = 'check said OK'
        elif kind == 'warning' and rc != 0:
            problem = 'the playlist must still play (a warning, not an error)'
        at = [m for m in found if int(m['line']) == line and m['sev'] == kind]
        good = [m for m in at if all(w.lower() in m['msg'].lower() for w in words)]
        if not problem and not good:
            problem = 'no %s at line %d using %s' % (kind, line, ', '.join(repr(w) for w in words))
        if not problem and '\n' in ''.join(m['msg'] for m in good):
            problem = 'the message holds a raw line break'
    if problem:
        failed += 1
        print('FAIL %s: %s\n%s' % (name, problem, '\n'.join('    ' + l for l in out.splitlines()[:12])))
    else:
        passed += 1
        print('ok   %s' % name)

print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
