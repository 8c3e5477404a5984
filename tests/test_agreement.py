#!/usr/bin/env python3
"""Schema and check agree: docs/playlist.schema.json (what an editor underlines) and
`corridor check` (what the screen accepts) are run over one corpus of good and bad playlists,
and must give the same answer for every file.

The corpus is tests/mistakes/ (a ward playlist and ninety one-mistake copies of it) and the
snippets below, each a small playlist with one thing to agree on. The editor's view is a YAML
1.2 parse (ruamel.yaml, as the YAML language server reads a file) validated with jsonschema.

A schema cannot know some things, and ONLY_CHECK lists the files where check refuses what the
schema accepts, each with its reason. The reasons are few: files and folders, fonts, time zones,
what lies between two values (an end before its start, a weekday that is not the date's, a key
given twice, a slide's '- ' lost), and the raw text YAML hides from both (invisible characters,
a backslash in a path). The schema never refuses what check accepts, and a listed file that
agrees fails too, so that the list stays short and true.

Usage: test_agreement.py CORRIDOR SOURCE_DIR   Needs python3-jsonschema and python3-ruamel.yaml.
"""
import json
import os
import subprocess
import sys
import tempfile

from test_env import EMULATOR, SCALE

try:
    import jsonschema
    import ruamel.yaml
except ImportError:
    # Debian's packages are installed for Debian's python3; another python3 may come first.
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != '/usr/bin/python3':
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    raise

CORRIDOR = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
MISTAKES = os.path.join(SOURCE, 'tests', 'mistakes')

FILES = 'a file or folder: whether it exists, and what it holds'
BETWEEN = 'what lies between two values or keys'
RAW = 'characters YAML reads without a word, seen only in the raw text'
KIND = 'whether a file is a playlist or a session file (a playlist names its session files)'

ONLY_CHECK = {
    # tests/mistakes
    'wrong-file-case': FILES,
    'missing-session-file': FILES,
    'zero-width-space-in-screen': RAW,
    'weekday-mismatch': BETWEEN,
    'no-such-day': BETWEEN + ' (the day and the month)',
    'end-before-start': BETWEEN,
    'backwards-session': BETWEEN,
    'timezone-city': 'the time zones this system knows',
    'timezone-bst': 'the time zones this system knows',
    'power-08-day-twice': BETWEEN + ' (friday and fri are one day)',
    'power-10-dates-backwards': BETWEEN,
    'power-12-hours-overlap': BETWEEN,
    'power-16-two-for-every-screen': BETWEEN + ' (two schedules)',
    'power-17-screen-in-two': BETWEEN + ' (two schedules)',
    'power-18-weekday-wrong': BETWEEN,
    'old-mac-line-ends': RAW + ' (YAML reads a lone carriage return as a line end)',
    'type-video': FILES + ' (a picture named as a video slide\'s clip)',
    # snippets
    'a time zone this system does not know': 'the time zones this system knows',
    'a font that is not installed': 'the fonts installed',
    'a session from 9.30pm to 11am': BETWEEN + ' (a range that runs past midnight starts in the '
                                     'evening and ends in the morning)',
}

# Small playlists with one thing each: (name, text, extra files), check and the schema agree.
HEAD = 'slides:\n  - type: text\n    title: Hello\n'


def slide(keys):
    return 'slides:\n  - ' + '\n    '.join(keys.strip('\n').split('\n')) + '\n'


SNIPPETS = [
    ('type written Text', slide('type: Text\ntitle: Hi'), {}),
    ('transition written Fade', slide('type: text\ntitle: Hi\ntransition: Fade'), {}),
    ('show, fit and finished in capitals',
     slide('type: sessions\nshow: Upcoming\nfinished: HIDE\nsessions:\n'
           '  - {date: 2027-10-05, time: 9am to 10am, title: A}'), {}),
    ('from with seconds', slide('type: text\ntitle: Hi\nwhen:\n  from: 2027-10-04 08:00:00'), {}),
    ('until with a T and seconds',
     slide('type: text\ntitle: Hi\nwhen:\n  until: 2027-10-04T08:00:00'), {}),
    ('screens: []', slide('type: text\ntitle: Hi\nscreens: []'), {}),
    ('transition_time: 5s', 'defaults:\n  transition_time: 5s\n' + HEAD, {}),
    ('transition_time: 5', 'defaults:\n  transition_time: 5\n' + HEAD, {}),
    ('transition_time: 5000ms', 'defaults:\n  transition_time: 5000ms\n' + HEAD, {}),
    ('transition_time: 6s', 'defaults:\n  transition_time: 6s\n' + HEAD, {}),
    ('transition_time: 5.5', 'defaults:\n  transition_time: 5.5\n' + HEAD, {}),
    ('transition_time: 1m', 'defaults:\n  transition_time: 1m\n' + HEAD, {}),
    ('transition_time: 0.8s', 'defaults:\n  transition_time: 0.8s\n' + HEAD, {}),
    ('duration: 24h', 'defaults:\n  duration: 24h\n' + HEAD, {}),
    ('duration: 25h', 'defaults:\n  duration: 25h\n' + HEAD, {}),
    ('duration: 1440m', 'defaults:\n  duration: 1440m\n' + HEAD, {}),
    ('duration: 1441m', 'defaults:\n  duration: 1441m\n' + HEAD, {}),
    ('duration: 86400', 'defaults:\n  duration: 86400\n' + HEAD, {}),
    ('duration: 86401', 'defaults:\n  duration: 86401\n' + HEAD, {}),
    ('duration: 90000s', 'defaults:\n  duration: 90000s\n' + HEAD, {}),
    ('duration: 1h30m', 'defaults:\n  duration: 1h30m\n' + HEAD, {}),
    ('a session past midnight',
     slide('type: sessions\nsessions:\n  - {date: 2027-10-05, time: 10pm to 2am, title: A}'), {}),
    ('hours past midnight', slide('type: text\ntitle: Hi\nwhen:\n  hours: 22:00-06:00'), {}),
    ('a session from 9.30pm to 11am',
     slide('type: sessions\nsessions:\n  - {date: 2027-10-05, time: 9.30pm to 11am, title: A}'),
     {}),
    ('days written with commas', slide('type: text\ntitle: Hi\nwhen:\n  days: mon, wed'), {}),
    ('hours written with commas',
     slide('type: text\ntitle: Hi\nwhen:\n  hours: 08:00-12:00, 13:00-18:00'), {}),
    ('a session file with sessions: on top',
     slide('type: sessions\nsessions: wrapped.yaml'),
     {'wrapped.yaml': 'sessions:\n  - date: 2027-10-05\n    time: 9am to 10am\n    title: A\n'}),
    ('a session file as a list',
     slide('type: sessions\nsessions: listed.yaml'),
     {'listed.yaml': '- date: 2027-10-05\n  time: 9am to 10am\n  title: A\n'}),
    ('a two-digit year', slide('type: text\ntitle: Hi\nwhen:\n  from: 4/10/27'), {}),
    ('a time zone this system does not know', 'timezone: Europe/Atlantis\n' + HEAD, {}),
    ('a font that is not installed', 'theme:\n  font: Comic Sands Pro\n' + HEAD, {}),
    ('when written as a value', slide('type: text\ntitle: Hi\nwhen: weekends'), {}),
    ('clock: Yes', 'theme:\n  clock: Yes\n' + HEAD, {}),
    ('a colour in capitals', slide('type: text\ntitle: Hi\nbackground: NAVY'), {}),
    ('power: mon-fri, sat and sun', HEAD + 'power:\n  mon-fri: 7am to 7.30pm\n  sat and sun: off\n',
     {}),
    ('power: false and on', HEAD + 'power:\n  weekdays: on\n  weekends: false\n', {}),
    ('power: all day and a list',
     HEAD + 'power:\n  weekdays: [07:00-12:00, 1pm to 7pm]\n  weekends: all day\n', {}),
    ('power: a range of dates',
     HEAD + 'power:\n  every day: 07:00-19:30\n  dates:\n'
     '    24 December 2026 to 2 January 2027: 08:00-16:00\n    2026-12-25: off\n', {}),
    ('power: a schedule per screen',
     HEAD + 'power:\n  - screens: [ward-7]\n    every day: 06:00-22:00\n'
     '  - weekdays: 07:00-19:30\n    weekends: off\n', {}),
    ('power: one time', HEAD + 'power:\n  weekdays: 7am\n  weekends: off\n', {}),
    ('power: a date among the days', HEAD + 'power:\n  weekdays: 7am\n  2026-12-25: off\n', {}),
    ('power: screens alone', HEAD + 'power:\n  screens: [ward-7]\n', {}),
    ('power: empty', HEAD + 'power:\n', {}),
    ('power: saturday: 1', HEAD + 'power:\n  weekdays: off\n  saturday: 1\n  sunday: off\n', {}),
    ('power: saturday: yes, sunday: none',
     HEAD + 'power:\n  weekdays: off\n  saturday: yes\n  sunday: none\n', {}),
    ('a link with a # in it',
     slide('type: sessions\nsessions:\n'
           '  - {date: 2027-10-05, time: 9am to 10am, title: A, link: "https://a.org/x#y"}'), {}),
]

with open(os.path.join(SOURCE, 'docs', 'playlist.schema.json'), encoding='utf-8') as f:
    SCHEMA = json.load(f)
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
YAML12 = ruamel.yaml.YAML(typ='safe', pure=True)
# YAML 1.2's core schema has no dates: the YAML language server keeps 2024-03-19 as text, while
# ruamel.yaml turns it into a date as YAML 1.1 did. Keep it text.
YAML12.constructor.add_constructor(
    'tag:yaml.org,2002:timestamp', lambda constructor, node: constructor.construct_scalar(node))

passed = failed = 0


def editor_view(path):
    """None when the editor accepts the file, else what it says."""
    try:
        with open(path, 'rb') as f:
            doc = YAML12.load(f.read().decode('utf-8'))
    except Exception as e:  # noqa: BLE001: any parse failure is the editor's red line
        return 'YAML: ' + str(e).split('\n')[0][:120]
    errs = list(VALIDATOR.iter_errors(doc))
    if not errs:
        return None
    worst = jsonschema.exceptions.best_match(errs)
    return '%s: %s' % ('/'.join(str(p) for p in worst.absolute_path) or '(top)',
                       worst.message[:160])


def check_view(folder, name):
    """None when check accepts the file, else its first error."""
    run = subprocess.run([*EMULATOR, CORRIDOR, 'check', name], cwd=folder, capture_output=True,
                         timeout=60 * SCALE)
    if run.returncode == 0:
        return None
    out = (run.stdout + run.stderr).decode('utf-8', 'replace').splitlines()
    return next((l for l in out if ': error: ' in l), out[0] if out else 'refused')[:200]


def compare(label, key, folder, name, extra_schema_files=()):
    global passed, failed
    said_check = check_view(folder, name)
    said_editor = editor_view(os.path.join(folder, name))
    for extra in extra_schema_files:  # session files the playlist names
        said_editor = said_editor or editor_view(os.path.join(folder, extra))
    reason = ONLY_CHECK.get(key)
    if (said_check is None) == (said_editor is None):
        if reason:
            failed += 1
            print('FAIL %s: listed as known only to check (%s), but both %s it' %
                  (label, reason, 'accept' if said_check is None else 'refuse'))
        else:
            passed += 1
            print('ok   %s: both %s' % (label, 'accept' if said_check is None else 'refuse'))
    elif said_check is None:
        failed += 1
        print('FAIL %s: check accepts it, the schema refuses it: %s' % (label, said_editor))
    elif reason:
        passed += 1
        print('ok   %s: only check can know (%s)' % (label, reason))
    else:
        failed += 1
        print('FAIL %s: check refuses it (%s), the schema accepts it' % (label, said_check))


names = sorted(n for n in os.listdir(MISTAKES) if n.endswith('.yaml') and n != 'training.yaml')
for name in names:
    key = name[:-5].split('-', 1)[1] if name[:1].isdigit() else name[:-5]
    compare('mistakes/' + name, key, MISTAKES, name,
            ('training.yaml',) if name == 'base.yaml' else ())

with tempfile.TemporaryDirectory() as tmp:
    for i, (label, text, extra) in enumerate(SNIPPETS):
        folder = os.path.join(tmp, str(i))
        os.mkdir(folder)
        for fname, ftext in list(extra.items()) + [('playlist.yaml', text)]:
            with open(os.path.join(folder, fname), 'w', encoding='utf-8') as f:
                f.write(ftext)
        compare(label, label, folder, 'playlist.yaml', tuple(extra))

# Every pattern carries a sentence for editors to show instead of the pattern itself
# (patternErrorMessage for the YAML language server, errorMessage for ajv-errors). Patterns
# under 'if' only choose a branch and are never reported; one under 'not' is reported as the
# sentence of the value it belongs to.
bare = []


def walk(node, path):
    if isinstance(node, dict):
        quiet = path.endswith('/not') or '/if/' in path
        if 'pattern' in node and not quiet and not ('patternErrorMessage' in node and
                                                     'errorMessage' in node):
            bare.append(path)
        for k, v in node.items():
            walk(v, path + '/' + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, '%s/%d' % (path, i))


walk(SCHEMA, '#')
if bare:
    failed += 1
    print('FAIL patterns without a sentence for the editor: ' + ', '.join(bare[:8]))
else:
    passed += 1
    print('ok   every pattern has a patternErrorMessage and an errorMessage')

print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
