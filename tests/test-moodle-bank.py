#!/usr/bin/env python3
# test-moodle-bank.py — a question bank of membrane-calc read as Moodle reads it
#
# Copyright 2026 The Membrane Lab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run as `python3 tests/test-moodle-bank.py /path/to/membrane-calc` (meson
# does) or with MEMBRANE_CALC set.  A 20-problem bank is read the way
# Moodle's importer reads it: qformat_xml (question/format/xml/format.php:
# readquestions, import_headers, import_answer, import_numerical,
# import_category) takes the fields below from the XML, and qtype_numerical
# (question/type/numerical: questiontype.php save_unit_options and the
# answer processor's apply_units, question.php is_complete_response,
# get_matching_answer and apply_unit_penalty) decides whether an answer
# typed with a unit is refused, converted or graded.  Those rules are
# written out here, from Moodle's source, and a student's answers are
# graded with them: "53.4 mV", "0.0534 V", "53.4" and "5.2 %" must all be
# right, as they are in the app.

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
    BINARY = sys.argv.pop(1)
else:
    BINARY = os.environ.get('MEMBRANE_CALC', 'membrane-calc')

# qtype_numerical's constants (questiontype.php).
UNITINPUT, UNITRADIO, UNITSELECT, UNITNONE = 0, 1, 2, 3
UNITGRADEDOUTOFMARK, UNITGRADEDOUTOFMAX = 1, 2

# qformat_xml::trans_format's names.
FORMATS = {'moodle_auto_format', 'html', 'plain_text', 'wiki_like', 'markdown'}

# PHP's is_numeric for the plain decimals written here.
NUMBER = re.compile(r'^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$')

TOPIC_TITLES = {
    'nernst': 'Nernst potential',
    'ghk': 'Goldman–Hodgkin–Katz potential',
    'driving-force': 'Driving force',
    'delta-g': 'Free energy of transport',
    'charge': 'Charging the membrane',
    'donnan': 'Donnan equilibrium',
}


def run(*args):
    env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='C')
    return subprocess.run([BINARY] + list(args), capture_output=True, text=True,
                          encoding='utf-8', env=env, timeout=120)


def text_of(element, path):
    """getpath($xml, array(..., 'text', 0, '#')): the text, trimmed, or None."""
    node = element.find(path)
    if node is None:
        return None
    return (node.text or '').strip()


def moodle_apply_units(response, units, unitsleft=False):
    """qtype_numerical_answer_processor::apply_units: (value, unit, multiplier)."""
    response = response.replace(' ', '')
    response = re.sub(r'(?:e|E|(?:x|\*|×)10(?:\^|\*\*))([+-]?\d+)', r'e\1', response)
    if '.' in response or response.count(',') > 1:
        response = response.replace(',', '')
    else:
        response = response.replace(',', '.')
    number = r'[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?'
    m = re.search(number + '$', response) if unitsleft else re.match(number, response)
    if not m:
        return None, None, None
    unit = response[:m.start()] if unitsleft else response[m.end():]
    multiplier = 1 / units[unit] if unit in units else None
    return float(m.group(0)), unit, multiplier


class MoodleNumerical:
    """What import_numerical and save_unit_options store, and how the
    question then grades a response."""

    def __init__(self, test, q):
        self.test = test
        # import_headers: the name is required.
        self.name = text_of(q, 'name/text')
        test.assertTrue(self.name, 'xmlimportnoname')
        qt = q.find('questiontext')
        test.assertIsNotNone(qt)
        test.assertIn(qt.get('format', 'html'), FORMATS)
        self.questiontext = text_of(q, 'questiontext/text')
        test.assertTrue(self.questiontext)
        gf = q.find('generalfeedback')
        test.assertIsNotNone(gf)
        test.assertIn(gf.get('format'), FORMATS)
        self.generalfeedback = text_of(q, 'generalfeedback/text')
        for field in ('defaultgrade', 'penalty'):
            test.assertRegex(text_of(q, field), NUMBER, field)
        # import_answer and import_numerical's answers.
        self.answers = []
        for a in q.findall('answer'):
            fraction = a.get('fraction')
            test.assertRegex(fraction, NUMBER)
            value = text_of(a, 'text')
            test.assertRegex(value, NUMBER, 'a numerical answer is a number')
            tolerance = text_of(a, 'tolerance')
            test.assertRegex(tolerance, NUMBER)
            test.assertIsNotNone(a.find('feedback/text'))
            self.answers.append((float(value), abs(float(tolerance)), float(fraction) / 100))
        test.assertEqual(len(self.answers), 1)
        # Units: save_units keeps a unit only with a name and a non-zero
        # multiplier, and each name once.
        self.units = {}
        for u in q.findall('units/unit'):
            name, multiplier = text_of(u, 'unit_name'), text_of(u, 'multiplier')
            test.assertTrue(name)
            test.assertRegex(multiplier, NUMBER)
            test.assertNotEqual(float(multiplier), 0.0)
            test.assertNotIn(name, self.units, 'errorrepeatedunit')
            # apply_units strips every space from a response: a name with
            # one could never be typed.
            test.assertNotIn(' ', name)
            self.units[name] = float(multiplier)
        # The unit options, each written out rather than left to a default.
        for field in ('unitgradingtype', 'unitpenalty', 'showunits', 'unitsleft'):
            test.assertRegex(text_of(q, field), NUMBER, field)
        # save_unit_options on import: showunits as read; unitgradingtype
        # 0 (set so whatever the file says); unitsleft as a boolean.
        self.unitdisplay = int(text_of(q, 'showunits'))
        self.unitgradingtype = 0
        self.unitpenalty = float(text_of(q, 'unitpenalty'))
        self.unitsleft = bool(int(text_of(q, 'unitsleft')))
        self.hints = [text_of(h, 'text') for h in q.findall('hint')]

    def is_complete_response(self, response):
        value, unit, _ = moodle_apply_units(response, self.units, self.unitsleft)
        if value is None:
            return False
        if self.unitdisplay != UNITINPUT and unit:
            return False  # 'invalidnumbernounit': Moodle refuses the answer.
        return True

    def grade(self, response):
        """The fraction of the mark, or None when Moodle refuses the response."""
        if not self.is_complete_response(response):
            return None
        value, unit, multiplier = moodle_apply_units(response, self.units, self.unitsleft)
        scaled = value * multiplier if multiplier is not None else value
        for answer, tolerance, fraction in self.answers:
            eps = 1e-14 * max(tolerance, abs(answer), 1e-14)
            if answer - tolerance - eps <= scaled <= answer + tolerance + eps:
                right = multiplier is not None
            elif answer - tolerance - eps <= value <= answer + tolerance + eps:
                right = False
            else:
                continue
            if not right and self.unitgradingtype == UNITGRADEDOUTOFMARK:
                fraction -= self.unitpenalty * fraction
            elif not right and self.unitgradingtype == UNITGRADEDOUTOFMAX:
                fraction -= self.unitpenalty
            return max(fraction, 0)
        return 0.0


def html_to_plain(html):
    """The app's plain spelling of the HTML: "<sub>m</sub>" after a letter is
    "_m", after "]" plain ("[K⁺]out"); other tags go."""
    html = re.sub(r'^<p>|</p>$', '', html)
    html = re.sub(r'(?<=\])<sub>', '', html)
    html = html.replace('<sub>', '_').replace('</sub>', '').replace('<br/>', '\n')
    html = re.sub(r'</?i>', '', html)
    return html.replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&')


class TestMoodleBank(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='ml-moodle-')

    def tearDown(self):
        shutil.rmtree(self.dir)

    def bank(self, topics, count, seed):
        path = os.path.join(self.dir, 'bank.xml')
        args = ['--practice', topics, '--count', str(count), '--seed', str(seed)]
        p = run(*args, '--moodle', path)
        self.assertEqual(p.returncode, 0, p.stderr)
        j = run(*args, '--json')
        self.assertEqual(j.returncode, 0, j.stderr)
        with open(path, 'rb') as f:
            data = f.read()
        # readquestions: xmlize of the whole file, then quiz → question.
        root = ET.fromstring(data)
        self.assertEqual(root.tag, 'quiz')
        return root.findall('question'), json.loads(j.stdout)['problems']

    def check_category(self, question, seed):
        # import_category: category/text is the path; "$course$/" puts it
        # in the course, and "top" is the course's top category.  A "//"
        # is a "/" inside a name.
        path = text_of(question, 'category/text')
        self.assertIsNotNone(path, 'a category question has category/text')
        self.assertTrue(path.startswith('$course$/top/'), path)
        names = path.replace('//', '\0').split('/')
        self.assertTrue(all(names), path)
        self.assertIn('set %d' % seed, names[-1])

    def test_bank_of_twenty(self):
        questions, problems = self.bank('all', 20, 7)
        self.assertEqual(len(questions), 21)
        # The first "question" is the category the others go into.
        self.assertEqual(questions[0].get('type'), 'category')
        self.check_category(questions[0], 7)
        numerical = questions[1:]
        names = []
        for q, p in zip(numerical, problems):
            self.assertEqual(q.get('type'), 'numerical')
            m = MoodleNumerical(self, q)
            names.append(m.name)
            # Named with the worksheet's numbering (the worksheet prints
            # "N." before the problem that --json numbers N), zero-padded so
            # Moodle's list by name keeps that order.
            self.assertEqual(m.name, 'Problem %02d: %s' % (p['number'], TOPIC_TITLES[p['topic']]))
            self.assertEqual(html_to_plain(m.questiontext), p['question'])
            self.assertEqual(html_to_plain(m.generalfeedback), '\n'.join(p['solution']))
            self.assertEqual(len(m.hints), 1)
            self.assertEqual(html_to_plain(m.hints[0]), p['hint'])
            self.assertAlmostEqual(m.answers[0][0], p['answer'], delta=1e-9 * abs(p['answer']))
            self.assert_grades(m, p)
        self.assertEqual(names, sorted(names))
        self.assertEqual(len(set(names)), 20)

    @unittest.skipUnless(shutil.which('pdftotext'), 'pdftotext (poppler-utils) is not installed')
    def test_numbers_are_the_worksheets(self):
        # The worksheet of the same set prints problem N as "N." before its
        # text; the bank's question N is that problem.
        questions, problems = self.bank('all', 20, 7)
        pdf = os.path.join(self.dir, 'sheet.pdf')
        p = run('--practice', 'all', '--count', '20', '--seed', '7', '--pdf', pdf)
        self.assertEqual(p.returncode, 0, p.stderr)
        t = subprocess.run(['pdftotext', pdf, '-'], capture_output=True, text=True,
                           encoding='utf-8', timeout=60)
        self.assertEqual(t.returncode, 0, t.stderr)
        # Lines and pages as single spaces.
        sheet = ' ' + re.sub(r'\s+', ' ', t.stdout[:t.stdout.index('Answer key')])
        at = 0
        for q, problem in zip(questions[1:], problems):
            number = int(re.match(r'Problem (\d+): ', text_of(q, 'name/text')).group(1))
            mark = sheet.index(' %d. ' % number, at)
            # The question's first words, before any subscript.
            start = re.sub(r'\s+', ' ', re.split(r'_|<', problem['question'])[0])[:15]
            at = sheet.index(start, mark)
            self.assertLess(at - mark, 8, (number, start))
            self.assertEqual(html_to_plain(text_of(q, 'questiontext/text')), problem['question'])

    def test_fractions_take_percent(self):
        questions, problems = self.bank('charge', 20, 3)
        fractions = 0
        for q, p in zip(questions[1:], problems):
            m = MoodleNumerical(self, q)
            self.assert_grades(m, p)
            if p['asked'] == 'fraction':
                fractions += 1
                self.assertEqual(m.units, {'%': 100.0})
        self.assertGreater(fractions, 2)

    def assert_grades(self, m, p):
        answer, unit = p['answer'], p['unit_symbol']
        # Units are optional: a bare number is graded in full ...
        self.assertEqual(m.grade('%.6g' % answer), 1.0, (m.name, m.units))
        self.assertEqual(m.unitdisplay, UNITINPUT)
        # ... and so is one with any unit of the bank, converted by its
        # multiplier (0.0534 V for 53.4 mV), with or without a space.
        for name, multiplier in m.units.items():
            typed = '%.6g' % (answer * multiplier)
            self.assertEqual(m.grade(typed + ' ' + name), 1.0, (m.name, typed, name))
            self.assertEqual(m.grade(typed + name), 1.0, (m.name, typed, name))
        if unit:
            self.assertEqual(m.units.get(unit), 1.0, 'the base unit, multiplier 1')
        if p['unit'] == 'millivolt':
            self.assertEqual(m.units, {'mV': 1.0, 'V': 0.001, 'µV': 1000.0})
            self.assertEqual(m.grade('%.6g mV' % answer), 1.0)
            self.assertEqual(m.grade('%.6g V' % (answer / 1000)), 1.0)
        if p['unit'] == 'fraction':
            self.assertEqual(m.grade('%.6g %%' % (100 * answer)), 1.0)
        # A wrong number is wrong whatever its unit.
        wrong = answer + 5 * p['tolerance']
        self.assertEqual(m.grade('%.6g' % wrong), 0.0)
        for name, multiplier in m.units.items():
            self.assertEqual(m.grade('%.6g %s' % (wrong * multiplier, name)), 0.0)
        # The other sign is wrong.
        self.assertEqual(m.grade('%.6g' % -answer), 0.0)


if __name__ == '__main__':
    unittest.main(verbosity=2)
