#!/usr/bin/env python3
# test-schema.py — every numeric settings key has a range
#
# Copyright 2026 The Membrane Lab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A key without a <range> takes any value a settings editor or dconf writes:
# window-width = -2147483648 gave a Gtk-CRITICAL at the next start.  With a
# range, GSettings refuses such a value and reads the default instead.
import sys
import unittest
import xml.etree.ElementTree as ET

NUMERIC = set('ynqiuxtd')   # GVariant's integer and double type codes
SCHEMA = sys.argv.pop(1) if len(sys.argv) > 1 else None


class TestSchema(unittest.TestCase):
    def test_numeric_keys_have_ranges(self):
        keys = ET.parse(SCHEMA).getroot().iter('key')
        numeric = [k for k in keys if k.get('type') in NUMERIC]
        self.assertTrue(numeric, 'no numeric key found: is this the schema?')
        for key in numeric:
            r = key.find('range')
            self.assertIsNotNone(r, key.get('name'))
            lo, hi = float(r.get('min')), float(r.get('max'))
            self.assertLess(lo, hi, key.get('name'))
            default = float(key.findtext('default'))
            self.assertTrue(lo <= default <= hi, key.get('name'))
            # The window's size: at least a usable window, at most what a
            # display server makes (32767 px, X11's limit).
            if key.get('name') in ('window-width', 'window-height'):
                self.assertGreater(lo, 0)
                self.assertLessEqual(hi, 32767)


if __name__ == '__main__':
    unittest.main()
