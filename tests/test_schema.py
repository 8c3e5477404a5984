#!/usr/bin/env python3
"""Checks docs/playlist.schema.json, the schema editors use to help people write playlists.

The sample playlists and session file in playlists/ must pass it, and a set of snippets with
the mistakes people make must fail it. Each file is read twice:

  * as corridor reads it, every value a string (yaml.BaseLoader), so "2024-03-19" stays text
    and "10:00" is not turned into a number of minutes;
  * as an editor using the YAML language server reads it (YAML 1.2: true/false and plain
    numbers become booleans and numbers, dates and times stay text).

Usage: test_schema.py [SOURCE_DIR]   (default: the folder above this one)
Needs the Debian packages python3-yaml and python3-jsonschema. Ends with "N passed, M failed".
"""
import json
import os
import re
import sys

import jsonschema
import yaml

SOURCE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                         os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
SCHEMA_PATH = os.path.join(SOURCE, 'docs', 'playlist.schema.json')
PLAYLISTS = os.path.join(SOURCE, 'playlists')
MODELINE = '# yaml-language-server: $schema=../docs/playlist.schema.json'


class EditorLoader(yaml.SafeLoader):
    """YAML 1.2 core schema, as the YAML language server reads a file."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:int',
                           'tag:yaml.org,2002:float', 'tag:yaml.org,2002:timestamp')]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EditorLoader.add_implicit_resolver(
    'tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))
EditorLoader.add_implicit_resolver(
    'tag:yaml.org,2002:int', re.compile(r'^[-+]?[0-9]+$'), list('-+0123456789'))
EditorLoader.add_implicit_resolver(
    'tag:yaml.org,2002:float', re.compile(r'^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$'),
    list('-+.0123456789'))

LOADERS = (('as corridor reads it', yaml.BaseLoader), ('as an editor reads it', EditorLoader))

passed = 0
failed = 0


def check(name, ok, detail=''):
    global passed, failed
    if ok:
        passed += 1
        print('ok   %s' % name)
    else:
        failed += 1
        print('FAIL %s%s' % (name, ': ' + detail if detail else ''))


def errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def describe(errs):
    return '; '.join('%s: %s' % ('/'.join(str(p) for p in e.absolute_path) or '(top)',
                                 e.message[:200]) for e in errs[:5])


with open(SCHEMA_PATH, encoding='utf-8') as f:
    schema = json.load(f)

try:
    jsonschema.Draft7Validator.check_schema(schema)
    check('the schema is a valid draft-07 schema', True)
except jsonschema.SchemaError as e:
    check('the schema is a valid draft-07 schema', False, str(e)[:300])
    print('%d passed, %d failed' % (passed, failed))
    sys.exit(1)

whole = jsonschema.Draft7Validator(schema)
# The session file's own part of the schema, with the definitions it refers to.
session_file_schema = {k: v for k, v in schema.items() if k not in ('if', 'then', 'else')}
session_file_schema['$ref'] = '#/definitions/sessionFile'
session_file = jsonschema.Draft7Validator(session_file_schema)


def load(text, loader):
    return yaml.load(text, Loader=loader)


# --- The sample files ----------------------------------------------------------------------

samples = {}
for name, validators in (('social-work-week.yaml', [('schema', whole)]),
                         ('example.yaml', [('schema', whole)]),
                         ('training-2024.yaml', [('schema', whole),
                                                 ('session file schema', session_file)])):
    path = os.path.join(PLAYLISTS, name)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    check('%s starts with the schema line for editors' % name, text.startswith(MODELINE + '\n'))
    for how, loader in LOADERS:
        doc = load(text, loader)
        samples.setdefault(name, doc)
        for label, v in validators:
            errs = errors(v, doc)
            check('%s passes the %s, %s' % (name, label, how), not errs, describe(errs))


def named_files(doc):
    """Every file a playlist names, relative to its folder."""
    theme = doc.get('theme') or {}
    if theme.get('logo'):
        yield theme['logo']
    for slide in doc.get('slides') or []:
        for key in ('file', 'photo'):
            if slide.get(key):
                yield slide[key]
        if isinstance(slide.get('sessions'), str):
            yield slide['sessions']


for name in ('social-work-week.yaml', 'example.yaml'):
    names = sorted(set(named_files(samples[name])))
    missing = [n for n in names if not os.path.isfile(os.path.join(PLAYLISTS, n))]
    check('every file %s names exists (%d files)' % (name, len(names)), not missing,
          'missing: ' + ', '.join(missing))

art = []
for folder, _, files in os.walk(os.path.join(PLAYLISTS, 'assets')):
    art += [os.path.join(folder, f) for f in files]
big = [os.path.relpath(p, SOURCE) for p in art if os.path.getsize(p) >= 500 * 1024]
check('the artwork is there and each file is under 500 KB (%d files)' % len(art),
      art and not big, 'too big: ' + ', '.join(big))


def luminance(hex_colour):
    h = hex_colour.lstrip('#')
    if len(h) == 3:
        h = ''.join(c * 2 for c in h)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a, b):
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


theme = samples['social-work-week.yaml']['theme']
ratio = contrast(theme['text'], theme['background'])
check('social-work-week.yaml: text on background is at least 4.5 to 1 (%.1f)' % ratio, ratio >= 4.5)

# The colour names are offered one by one to the editor, and the colour pattern takes each of
# them in any letter case, spaced or hyphenated, as corridor does.
colour = schema['definitions']['colour']
colour_names = [snippet['body'] for snippet in colour.get('defaultSnippets', [])]
colour_pattern = re.compile(colour['pattern'])
odd = [variant for n in colour_names
       for variant in (n, n.upper(), n.capitalize(), n.swapcase(), '-'.join(n), ' %s ' % n)
       if not colour_pattern.search(variant)]
check('the %d colour names are offered and accepted in any letter case' % len(colour_names),
      len(colour_names) == 148 and not odd, ', '.join(odd[:5]))

# example.yaml is where people look up how a setting is written, so it shows every key.
defs = schema['definitions']
example = samples['example.yaml']
used = {'playlist': set(example), 'theme': set(example['theme']),
        'defaults': set(example['defaults']), 'when': set(), 'session': set()}
for slide in example['slides']:
    used.setdefault(slide['type'] + 'Slide', set()).update(slide)
    used['when'].update(slide.get('when') or {})
    if isinstance(slide.get('sessions'), list):
        for session in slide['sessions']:
            used['session'].update(session)
# Keys every slide may carry need to appear on one slide; the others on a slide of their type.
slide_kinds = ['sessionsSlide', 'imageSlide', 'quoteSlide', 'textSlide']
common = set.intersection(*(set(defs[k]['properties']) for k in slide_kinds))
on_any_slide = set().union(*(used.get(k, set()) for k in slide_kinds))
unused = ['slide.%s' % key for key in sorted(common - on_any_slide)]
unused += ['%s.%s' % (kind, key) for kind in sorted(set(used) | set(slide_kinds))
           for key in sorted(set(defs[kind]['properties']) - used.get(kind, set())
                             - (common if kind in slide_kinds else set()))]
check('example.yaml uses every key there is', not unused, 'not used: ' + ', '.join(unused))


# --- Snippets: playlists that must pass, and mistakes that must be caught ------------------

def playlist(slide, head=''):
    """A playlist holding one slide; SLIDE holds the slide's keys, one per line."""
    lines = slide.strip('\n').split('\n')
    return head + 'slides:\n  - ' + '\n    '.join(lines) + '\n'


GOOD = {
    'a colour as #RGB, a name in capitals, a duration as 1m30s': playlist(
        'type: text\ntitle: Hello\nbackground: "#036"\ntext: White\naccent: DarkSlateGray\n'
        'duration: 1m30s'),
    'the date and time forms people type': playlist(
        'type: sessions\nsessions:\n'
        '  - {date: 19 Mar 2024, time: 9am–4.45pm, title: A}\n'
        '  - {date: Tuesday 19 March 2024, time: 09:00-16:45, title: B}\n'
        '  - {date: 19th March 2024, start: "9:30", end: 12 noon, title: C}\n'
        '  - {date: 2024-03-19, time: 9.30am to 4.45pm, title: D}'),
    'a schedule with a date and time, days as a list, hours as a list': playlist(
        'type: text\ntitle: Hi\nwhen:\n  from: 2024-03-19 09:00\n  until: 22 March 2024 5pm\n'
        '  days: [mon, Wednesday, fri]\n  hours: [07:30-09:30, 17:00-24:00]'),
    'on a quote slide, text is the quotation': playlist(
        'type: quote\ntext: Bringing relief at the lowest time is priceless.\nname: John Sloan'),
    'a session file entry with a link': '- date: 2024-03-19\n  time: 10am to 12pm\n'
                                        '  title: A\n  link: https://example.org/join\n',
    'forms corridor also reads: Dark Blue, rgb(), 1 min 30 sec, mon-fri, 9 to 5': playlist(
        'type: sessions\nbackground: Dark Blue\naccent: rgb(0, 94, 184)\nduration: 1 min 30 sec\n'
        'when:\n  days: mon-fri\n  from: Tuesday, 19 March 2024\n'
        'sessions:\n  - {date: "March 19, 2024", time: 9 to 5, title: A}'),
    'clock: yes, duration: 10, days: 3': playlist(
        'type: sessions\nshow: upcoming\ndays: 3\nsessions: training-2024.yaml\nduration: 10',
        head='theme:\n  clock: yes\n'),
}

BAD = {  # a mistake, and what the first complaint about it must mention
    "an unknown key ('durations')": (playlist('type: text\ntitle: Hi\ndurations: 10s'),
        'durations'),
    "an unknown top-level key ('slide')": ('slide:\n  - type: text\n    title: Hi\n',
        "'slide'"),
    'a date written 19/03/2024': (playlist(
        'type: sessions\nsessions:\n  - {date: 19/03/2024, time: 10am to 12pm, title: A}'),
        'date:'),
    'a date without a year': (playlist(
        'type: sessions\nsessions:\n  - {date: 19 March, time: 10am to 12pm, title: A}'),
        'date:'),
    'a session with no time': (playlist(
        'type: sessions\nsessions:\n  - {date: 2024-03-19, title: A}'),
        'sessions/0:'),
    'a session with both time and start/end': (playlist(
        'type: sessions\nsessions:\n'
        '  - {date: 2024-03-19, time: 10am to 12pm, start: 10am, end: 12pm, title: A}'),
        'sessions/0:'),
    'a session with a start and no end': (playlist(
        'type: sessions\nsessions:\n  - {date: 2024-03-19, start: 10am, title: A}'),
        "'end'"),
    "a time range with no end ('10am')": (playlist(
        'type: sessions\nsessions:\n  - {date: 2024-03-19, time: 10am, title: A}'),
        'time:'),
    "a session key that does not exist ('room')": ('- date: 2024-03-19\n  time: 9am to 5pm\n'
                                                   '  title: A\n  room: B12\n',
        "'room'"),
    "a five-digit colour ('#12345')": (playlist('type: text\ntitle: Hi\nbackground: "#12345"'),
        'background:'),
    'a colour code without quotes (the # starts a note)': (playlist(
        'type: text\ntitle: Hi\nbackground: #005EB8'),
        'background:'),
    "a misspelt colour name ('tael')": (playlist('type: text\ntitle: Hi\naccent: tael'),
        'accent:'),
    "a quote slide with no words ('text')": (playlist(
        'type: quote\nname: John Sloan\nbackground: navy'),
        "'text' is a required"),
    "a quote-slide key on a text slide ('name')": (playlist(
        'type: text\ntitle: Hi\nname: John Sloan'),
        "'name' was unexpected"),
    'an image slide with no file': (playlist('type: image\nfit: cover'),
        "'file' is a required"),
    "show: tomorrow": (playlist('type: sessions\nshow: tomorrow\nsessions: training-2024.yaml'),
        'show:'),
    "finished: remove": (playlist('type: sessions\nfinished: remove\nsessions: a.yaml'),
        'finished:'),
    "fit: stretch": (playlist('type: image\nfile: a.png\nfit: stretch'),
        'fit:'),
    "transition: wipe": (playlist('type: text\ntitle: Hi\ntransition: wipe'),
        'transition:'),
    "type: slideshow": (playlist('type: slideshow\nfile: a.mp4'),
        'type:'),
    "a video's loop: 0": (playlist('type: video\nfile: a.mp4\nloop: 0'),
        'loop:'),
    "a video's loop: forever": (playlist('type: video\nfile: a.mp4\nloop: forever'),
        'loop:'),
    'a duration of 0s': (playlist('type: text\ntitle: Hi\nduration: 0s'),
        'duration:'),
    "a duration spelt out ('ten seconds')": (playlist('type: text\ntitle: Hi\nduration: ten seconds'),
        'duration:'),
    "hours written '8 till late'": (playlist('type: text\ntitle: Hi\nwhen:\n  hours: 8 till late'),
        'hours:'),
    "a misspelt day ('mondya')": (playlist('type: text\ntitle: Hi\nwhen:\n  days: [mondya, fri]'),
        'days/0:'),
    "'when:' with nothing under it": (playlist('type: text\ntitle: Hi\nwhen:'),
        'when:'),
    'a blank title': (playlist('type: text\ntitle: ""'), 'title:'),
    'a title of non-breaking spaces': (playlist('type: text\ntitle: "\u00a0\u00a0"'), 'title:'),
    'a quote with no name': (playlist('type: quote\ntext: Hello'), "'name' is a required"),
    "a link without https:// ('www.example.org')": (playlist(
        'type: sessions\nsessions:\n'
        '  - {date: 2024-03-19, time: 10am to 12pm, title: A, link: www.example.org}'),
        'link:'),
    'a slide with no type': (playlist('title: Hi'),
        "'type' is a required"),
    'a playlist with no slides': ('name: Empty\n',
        "'slides' is a required"),
    "clock: maybe": ('theme:\n  clock: maybe\n' + playlist('type: text\ntitle: Hi'),
        'clock:'),
}

for how, loader in LOADERS:
    for name, text in GOOD.items():
        errs = errors(whole, load(text, loader))
        check('passes: %s, %s' % (name, how), not errs, describe(errs))
    for name, (text, needle) in BAD.items():
        worst = jsonschema.exceptions.best_match(whole.iter_errors(load(text, loader)))
        said = '' if worst is None else '%s: %s' % (
            '/'.join(str(p) for p in worst.absolute_path), worst.message)
        check('caught: %s, %s' % (name, how), needle in said,
              'the schema accepted it' if worst is None else 'it said: ' + said[:200])

print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
