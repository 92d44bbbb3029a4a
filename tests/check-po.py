#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-po.py — the Indonesian a person reads is complete and in the glossary's words

Fails when po/id.po has an untranslated or fuzzy entry, when a source
string (from the files po/POTFILES lists) has no translation, when a file
with translatable strings is missing from po/POTFILES, when a translation
uses a wording doc/glossary.md rules out, or when the interface writes a
time 10:45 rather than 10.45 (PUEBI).

Usage: check-po.py SOURCE-ROOT
"""

import ast
import os
import re
import subprocess
import sys
import tempfile

# (pattern in a msgstr, unless the msgid matches, what to write instead)
BANNED = [
    (r'(?i)\bantrian\b', None, 'antrean'),
    (r'(?i)\brujukan\b', r'(?i)\brefer', 'penentuan ruang (rujukan is a referral)'),
    (r'(?i)\btindakan\b', r'(?i)procedure', 'kegiatan (tindakan is a medical procedure)'),
    (r'\bterdiri dari\b', None, 'terdiri atas'),
    (r'persentil 90', None, 'persentil ke-90'),
    (r'mendahului (urutan|giliran)', None, 'di luar urutan'),
    (r'orang di depan', None, '%d antrean sebelum Anda'),
    (r'Tidak ada yang mendahului', None, 'Tidak ada antrean sebelum Anda'),
    (r'Dilayani sejak', None, 'Sudah dilayani %d mnt'),
    (r'\bdifabel\b', None, 'penyandang disabilitas'),
    (r'^Lintas klaster$', None, 'Lintas Klaster'),
    (r'[YMD]{2,4}-[YMD]{2}-[YMD]{2,4}', None, 'TTTT-BB-HH or HH-BB-TTTT'),
    (r'%H:%M|\b\d{1,2}:\d{2}\b', None, 'a time written 10.45 (%H.%M)'),
]

# Time formats in the interface's code: shown to people, so 10.45.
COLON_TIME = re.compile(r'"[^"\n]*%[HIk]:%M[^"\n]*"')


def unquote(lines):
    return ''.join(ast.literal_eval(line) for line in lines)  # PO strings are C strings


def read_po(path):
    """The entries of a PO file: (msgid, [msgstr…], flags, line)."""
    entries = []
    entry = None
    field = None
    with open(path, encoding='utf-8') as po:
        for number, line in enumerate(po, 1):
            line = line.rstrip('\n')
            if not line.strip():
                entry = None
                continue
            if entry is None:
                entry = {'flags': set(), 'line': number, 'msgid': [], 'msgstr': {}}
                entries.append(entry)
            if line.startswith('#,'):
                entry['flags'].update(flag.strip() for flag in line[2:].split(','))
            elif line.startswith('#'):
                continue
            elif line.startswith('msgid_plural '):
                field = ('plural', None)
                entry['plural'] = [line[len('msgid_plural '):]]
            elif line.startswith('msgid '):
                field = ('msgid', None)
                entry['msgid'] = [line[len('msgid '):]]
            elif line.startswith('msgstr'):
                match = re.match(r'msgstr(?:\[(\d+)\])? (.*)', line)
                field = ('msgstr', int(match.group(1) or 0))
                entry['msgstr'][field[1]] = [match.group(2)]
            elif line.startswith('"'):
                if field[0] == 'msgstr':
                    entry['msgstr'][field[1]].append(line)
                else:
                    entry[field[0]].append(line)
    return [(unquote(e['msgid']), [unquote(s) for s in e['msgstr'].values()], e['flags'], e['line'])
            for e in entries if e['msgid'] or e['msgstr']]


def check_entries(po_path, problems):
    for msgid, msgstrs, flags, line in read_po(po_path):
        where = f'po/id.po:{line}'
        if msgid == '':
            continue
        if 'fuzzy' in flags:
            problems.append(f'{where}: fuzzy: {msgid!r}')
        if not msgstrs or any(s == '' for s in msgstrs):
            problems.append(f'{where}: untranslated: {msgid!r}')
        for msgstr in msgstrs:
            for pattern, unless, instead in BANNED:
                if re.search(pattern, msgstr) and not (unless and re.search(unless, msgid)):
                    problems.append(f'{where}: “{msgstr}”: write {instead}')


def check_sources(top, problems):
    """Every source string has a translation, and every file with
    translatable strings is in po/POTFILES."""
    with open(os.path.join(top, 'po', 'POTFILES'), encoding='utf-8') as listed:
        potfiles = [line.strip() for line in listed if line.strip() and not line.startswith('#')]
    for folder in ('src', 'ui', 'data'):
        for root, _dirs, files in os.walk(os.path.join(top, folder)):
            for name in files:
                path = os.path.join(root, name)
                relative = os.path.relpath(path, top)
                if not name.endswith(('.c', '.ui', '.in', '.xml')) or relative in potfiles:
                    continue
                with open(path, encoding='utf-8', errors='replace') as source:
                    text = source.read()
                if re.search(r'\b(N?_|g_dngettext)\s*\(\s*"|translatable="yes"', text):
                    problems.append(f'{relative}: has translatable strings but is not in po/POTFILES')

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'giliran.pot')
        subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments',
                        '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                        '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
                        '--keyword=g_dpgettext2:2c,3', '-D', top, '-o', pot] + potfiles,
                       check=True, stderr=subprocess.DEVNULL)
        compared = subprocess.run(['msgcmp', os.path.join(top, 'po', 'id.po'), pot],
                                  capture_output=True, text=True)
        for line in compared.stderr.splitlines():
            if 'this message is not used' not in line and line.strip():
                problems.append(f'msgcmp: {line}')
        if compared.returncode != 0 and not any(p.startswith('msgcmp') for p in problems):
            problems.append('msgcmp: po/id.po lacks source strings')


def check_times(top, problems):
    for folder in ('src/app', 'src/client'):
        for root, _dirs, files in os.walk(os.path.join(top, folder)):
            for name in files:
                if not name.endswith('.c'):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding='utf-8') as source:
                    for number, line in enumerate(source, 1):
                        if COLON_TIME.search(line):
                            problems.append(f'{os.path.relpath(path, top)}:{number}: '
                                            'a time is shown 10.45 (%H.%M), not 10:45')


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    problems = []
    po_path = os.path.join(top, 'po', 'id.po')

    checked = subprocess.run(['msgfmt', '-c', '-o', os.devnull, po_path], capture_output=True, text=True)
    if checked.returncode != 0:
        problems.append(f'msgfmt -c: {checked.stderr.strip()}')
    check_entries(po_path, problems)
    check_sources(top, problems)
    check_times(top, problems)

    for problem in problems:
        print(problem)
    if problems:
        print(f'{len(problems)} problems in the Indonesian')
        return 1
    print('po/id.po: complete, and in the glossary\'s words')
    return 0


if __name__ == '__main__':
    sys.exit(main())
