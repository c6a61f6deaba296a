#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CI check (issue 14): every user-visible string in widgets/ and app/workbench/ has a finished
# Simplified Chinese translation. lupdate scans the sources into a temporary copy of the zh_CN .ts
# (the committed file is never touched); a string that is new there, unfinished, empty or only
# kept as obsolete fails the check, named, as does a translation that drops a %1/%n placeholder.
# Fix: /usr/lib/qt6/bin/lupdate -locations none widgets app/workbench \
#          -ts translations/ladder-workbench_zh_CN.ts   then translate the new messages (linguist).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=packages.sh
source "$ROOT/scripts/packages.sh"
install_missing_packages check-translations qt6-l10n-tools qt6-tools-dev-tools python3
LUPDATE="${LUPDATE:-/usr/lib/qt6/bin/lupdate}"
TS="${TS:-$ROOT/translations/ladder-workbench_zh_CN.ts}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$TS" "$tmp/scanned.ts"
(cd "$ROOT" && "$LUPDATE" -silent -locations none widgets app/workbench -ts "$tmp/scanned.ts")

python3 - "$TS" "$tmp/scanned.ts" <<'PY'
import re, sys
import xml.etree.ElementTree as ET

def messages(path):
    """(context, source, comment) -> (type, [translation texts], numerus) for every message."""
    found = {}
    for context in ET.parse(path).getroot().iter('context'):
        name = context.findtext('name')
        for m in context.iter('message'):
            key = (name, m.findtext('source') or '', m.findtext('comment') or '')
            t = m.find('translation')
            kind = t.get('type', 'finished') if t is not None else 'missing'
            forms = [f.text or '' for f in t.iter('numerusform')] if t is not None else []
            if t is not None and not forms:
                forms = [t.text or '']
            found[key] = (kind, forms, m.get('numerus') == 'yes')
    return found

committed, scanned = messages(sys.argv[1]), messages(sys.argv[2])
placeholder = re.compile(r'%(?:\d+|n)')
problems = []
for key, (scan_kind, _, numerus) in sorted(scanned.items()):
    if scan_kind in ('obsolete', 'vanished'):
        continue  # no longer in the sources
    context, source, _ = key
    label = f'{context}: "{source}"'
    if key not in committed:
        problems.append(f'{label}: not in the .ts (new string)')
        continue
    kind, forms, _ = committed[key]
    if kind in ('obsolete', 'vanished'):
        problems.append(f'{label}: only kept as {kind} in the .ts')
    elif kind != 'finished':
        problems.append(f'{label}: {kind}')
    elif not forms or any(not f.strip() for f in forms):
        problems.append(f'{label}: empty translation')
    else:
        wanted = sorted(set(placeholder.findall(source)) - ({'%n'} if not numerus else set()))
        for f in forms:
            if sorted(set(placeholder.findall(f)) - ({'%n'} if not numerus else set())) != wanted:
                problems.append(f'{label}: placeholders {wanted} not all in "{f}"')
live = sum(1 for k, v in scanned.items() if v[0] not in ('obsolete', 'vanished'))
if problems:
    print(f'check-translations: {len(problems)} of {live} source strings lack a finished zh_CN translation '
          f'in {sys.argv[1]}:', file=sys.stderr)
    for p in problems:
        print('  ' + p, file=sys.stderr)
    sys.exit(1)
print(f'check-translations: all {live} source strings have a finished zh_CN translation')
PY
