#!/usr/bin/env python3
# test-potfiles.py — every file with translatable strings is in po/POTFILES.in
#
# Copyright 2026 The Membrane Lab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# xgettext reads only the files POTFILES.in lists: a file of src/, data/ or
# ui/ with _("…"), N_("…"), C_("…", …) or NC_("…", …) (or a .ui file with
# translatable="yes") that is not listed stays English in every language.
# Run as `python3 tests/test-potfiles.py SOURCE_ROOT` (meson does).

import os
import re
import sys
import unittest

ROOT = sys.argv.pop(1) if len(sys.argv) > 1 and not sys.argv[1].startswith('-') else \
    os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')

# A gettext macro with a string literal as its first argument; not part of
# a longer name (g_test_add_func, MY_()), so "foo_(" does not count.
MARKED = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\(\s*"')
UI_MARKED = re.compile(r'translatable\s*=\s*"yes"')


def listed():
    with open(os.path.join(ROOT, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def marked_files():
    found = []
    for top in ('src', 'data', 'ui'):
        for folder, _dirs, names in os.walk(os.path.join(ROOT, top)):
            for name in names:
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, ROOT).replace(os.sep, '/')
                if name.endswith(('.c', '.h')):
                    pattern = MARKED
                elif name.endswith('.ui'):
                    pattern = UI_MARKED
                else:
                    continue
                with open(path, encoding='utf-8', errors='replace') as f:
                    if pattern.search(f.read()):
                        found.append(rel)
    return sorted(found)


class TestPotfiles(unittest.TestCase):
    def test_every_marked_file_is_listed(self):
        missing = sorted(set(marked_files()) - set(listed()))
        self.assertEqual(missing, [], 'add these to po/POTFILES.in')

    def test_listed_files_exist_and_are_sorted(self):
        entries = listed()
        for rel in entries:
            self.assertTrue(os.path.isfile(os.path.join(ROOT, rel)), rel)
        self.assertEqual(entries, sorted(entries))
        self.assertEqual(len(entries), len(set(entries)))

    def test_the_pattern_finds_what_it_should(self):
        # The check itself must be able to fail.
        self.assertTrue(MARKED.search('x = _("Save");'))
        self.assertTrue(MARKED.search('{ N_ ("K⁺ out"), '))
        self.assertTrue(MARKED.search('C_("plot", "now")'))
        self.assertFalse(MARKED.search('g_test_add_func ("/a", f);'))
        self.assertFalse(MARKED.search('#define _(s) gettext (s)'))


if __name__ == '__main__':
    unittest.main(verbosity=2)
