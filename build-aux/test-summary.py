#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the test cases in meson's testlog.json files and prints one line,
"N passed, N failed". A TAP test counts each of its cases; a test program
that crashed or failed without a failing case counts one failure more."""

import json
import re
import sys

passed = failed = skipped = 0

for path in sys.argv[1:]:
    try:
        lines = open(path, encoding='utf-8').read().splitlines()
    except OSError as error:
        print(f'{path}: {error}', file=sys.stderr)
        failed += 1
        continue
    for line in lines:
        test = json.loads(line)
        out = test.get('stdout') or ''
        ok = len(re.findall(r'^ok \d+(?! # SKIP)', out, re.M))
        skip = len(re.findall(r'^ok \d+ # SKIP', out, re.M))
        not_ok = len(re.findall(r'^not ok \d+', out, re.M))
        result = test.get('result')
        if ok + skip + not_ok == 0:
            if result == 'OK':
                ok = 1
            elif result == 'SKIP':
                skip = 1
        if result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and not_ok == 0:
            not_ok = 1
        passed += ok
        skipped += skip
        failed += not_ok

summary = f'{passed} passed, {failed} failed'
if skipped:
    summary += f', {skipped} skipped'
print(summary)
sys.exit(1 if failed or passed == 0 else 0)
