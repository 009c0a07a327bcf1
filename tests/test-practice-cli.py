#!/usr/bin/env python3
# test-practice-cli.py — membrane-calc --practice from the outside
#
# Copyright 2026 The Membrane Lab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run as `python3 tests/test-practice-cli.py /path/to/membrane-calc` (meson
# does) or with MEMBRANE_CALC set.  The answers of --json are recomputed
# here from their given values with the textbook equations (Nernst; GHK,
# Hodgkin & Katz 1949; ΔG = RT·ln(c_out/c_in) − zF·V_m; N = C·4πr²·|V|/(|z|e);
# the open-bath Donnan ratio), with the CODATA 2018 exact constants, and the
# Moodle bank and the PDF worksheet are read back with the real tools.

import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zlib

if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
    BINARY = sys.argv.pop(1)
else:
    BINARY = os.environ.get('MEMBRANE_CALC', 'membrane-calc')

E = 1.602176634e-19
N_A = 6.02214076e23
R = N_A * 1.380649e-23
F = N_A * E

TOPICS = ['nernst', 'ghk', 'driving-force', 'delta-g', 'charge', 'donnan']


def rt_f_mv(t_c):
    return 1000.0 * R * (t_c + 273.15) / F


def expected_answer(p):
    g = p['given']
    topic, asked = p['topic'], p['asked']
    if topic in ('nernst', 'driving-force'):
        e = rt_f_mv(g['t_c']) / g['z'] * math.log(g['c_out'] / g['c_in'])
        return e if topic == 'nernst' else g['vm'] - e
    if topic == 'ghk':
        num = g['p_k'] * g['k_out'] + g['p_na'] * g['na_out'] + g['p_cl'] * g['cl_in']
        den = g['p_k'] * g['k_in'] + g['p_na'] * g['na_in'] + g['p_cl'] * g['cl_out']
        return rt_f_mv(g['t_c']) * math.log(num / den)
    if topic == 'delta-g':
        t_k = g['t_c'] + 273.15
        return (R * t_k * math.log(g['c_out'] / g['c_in']) - g['z'] * F * g['vm'] / 1000) / 1000
    if topic == 'charge':
        r_cm = g['radius_um'] * 1e-4
        # From vm_start to vm: K⁺ leaving from 0, Na⁺ or Ca²⁺ entering.
        dv = g['vm'] - g['vm_start']
        n = g['capacitance_uf_cm2'] * 1e-6 * 4 * math.pi * r_cm ** 2 * abs(dv) / 1000 \
            / (abs(g['z']) * E)
        if asked == 'ions-moved':
            return n
        litres = 4 / 3 * math.pi * r_cm ** 3 / 1000
        return n / (g['c_in'] / 1000 * litres * N_A)
    if topic == 'donnan':
        # K_in − Cl_in = |z|·A and K_in·Cl_in = c²: c·r − c/r = |z|·A.
        fixed, c = abs(g['z_a']) * g['a_mm'], g['bath_mm']
        r = (fixed + math.sqrt(fixed ** 2 + 4 * c ** 2)) / (2 * c)
        return {'vm': -rt_f_mv(g['t_c']) * math.log(r), 'k-in': r * c, 'ratio': r}[asked]
    raise AssertionError('unknown topic ' + topic)


def env_c():
    env = dict(os.environ)
    env['LC_ALL'] = 'C.UTF-8'
    env['LANGUAGE'] = 'C'
    return env


def run(*args):
    return subprocess.run([BINARY] + list(args), capture_output=True, text=True,
                          encoding='utf-8', env=env_c(), timeout=120)


def tool(name):
    return shutil.which(name) is not None


def png_has_ink(path):
    """True when some pixel of an 8-bit grey, RGB or RGBA PNG is not white."""
    with open(path, 'rb') as f:
        data = f.read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', path
    pos, idat, header = 8, b'', None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    width, height, depth, colour = header[:4]
    assert depth == 8 and colour in (0, 2, 6), header
    bpp = {0: 1, 2: 3, 6: 4}[colour]
    raw, stride = zlib.decompress(idat), width * bpp
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xff
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xff
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xff
            elif ftype == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xff
        for x in range(width):
            if any(v < 200 for v in line[x * bpp:x * bpp + min(bpp, 3)]):
                return True
        prev = line
    return False


class PracticeTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='ml-practice-cli-')

    def tearDown(self):
        shutil.rmtree(self.dir)

    def ok(self, *args):
        p = run(*args)
        self.assertEqual(p.returncode, 0, (args, p.stderr))
        self.assertEqual(p.stderr, '', args)
        return p.stdout

    def problems(self, *args):
        return json.loads(self.ok('--practice', *args, '--json'))['problems']

    def assert_bad_input(self, args, *needles):
        p = run(*args)
        self.assertEqual(p.returncode, 2, (args, p.stdout, p.stderr))
        lines = p.stderr.strip('\n').split('\n')
        self.assertEqual(len(lines), 1, (args, p.stderr))
        for needle in needles:
            self.assertIn(needle, lines[0], args)


class TestJson(PracticeTestCase):
    def test_answers_recomputed(self):
        problems = self.problems('all', '--count', '300', '--seed', '11')
        self.assertEqual(len(problems), 300)
        for i, p in enumerate(problems):
            # Mixed topics take turns; each topic numbers its own problems.
            self.assertEqual(p['number'], i + 1)
            self.assertEqual(p['topic'], TOPICS[i % 6])
            self.assertEqual(p['index'], i // 6)
            expected = expected_answer(p)
            self.assertAlmostEqual(p['answer'], expected, delta=1e-9 * abs(expected), msg=p)
            self.assertGreater(p['tolerance'], 0)
            self.assertTrue(p['solution'][-1].endswith(p['answer_text'])
                            or p['answer_text'] in '\n'.join(p['solution']), p)

    def test_defaults(self):
        problems = self.problems('ghk')
        self.assertEqual(len(problems), 10)
        self.assertEqual(problems, self.problems('ghk', '--seed', '1', '--count', '10'))

    def test_same_seed_same_output(self):
        for args in (['all', '--count', '12', '--seed', '5'],
                     ['all', '--count', '12', '--seed', '5', '--answers']):
            self.assertEqual(self.ok('--practice', *args), self.ok('--practice', *args))
        a = self.ok('--practice', 'all', '--count', '12', '--seed', '5', '--answers')
        b = self.ok('--practice', 'all', '--count', '12', '--seed', '6', '--answers')
        self.assertNotEqual(a, b)
        # Not only the title: the problems differ too.
        self.assertNotEqual(a.split('\n', 1)[1], b.split('\n', 1)[1])

    def test_text_output(self):
        text = self.ok('--practice', 'nernst', '--count', '3', '--seed', '2')
        self.assertIn('1. ', text)
        self.assertIn('3. ', text)
        self.assertNotIn('Answer:', text)
        problems = self.problems('nernst', '--count', '3', '--seed', '2')
        answers = self.ok('--practice', 'nernst', '--count', '3', '--seed', '2', '--answers')
        for p in problems:
            self.assertIn(p['question'], text)
            self.assertIn('Answer: ' + p['answer_text'], answers)
            for line in p['solution']:
                self.assertIn(line, answers)

    def test_bad_options(self):
        self.assert_bad_input(['--practice', 'voltage'], '--practice', 'voltage')
        self.assert_bad_input(['--practice', 'nernst,'], '--practice')
        # An empty list once divided by zero.
        self.assert_bad_input(['--practice', ''], '--practice')
        self.assert_bad_input(['--practice', 'nernst', '--count', '0'], '--count', '0')
        self.assert_bad_input(['--practice', 'nernst', '--count', '10000'], '--count', '10000')
        self.assert_bad_input(['--practice', 'nernst', '--count', '2.5'], '--count')
        self.assert_bad_input(['--practice', 'nernst', '--seed', 'x'], '--seed', 'x')
        self.assert_bad_input(['--practice', 'nernst', '--seed', '-3'], '--seed')
        self.assert_bad_input(['--count', '5'], '--practice')
        self.assert_bad_input(['--practice', 'nernst', '--vm', '-70'], '--practice')
        self.assert_bad_input(['--practice', 'nernst', '--sweep', 'K.out=1,2'], '--practice')
        self.assert_bad_input(['--practice', 'nernst', '--preset', 'squid-axon'], '--practice')
        self.assert_bad_input(['--practice', 'nernst', '--moodle', 'a.xml', '--pdf', 'b.pdf'],
                              '--moodle', '--pdf')
        self.assert_bad_input(['--practice', 'nernst', '--pdf',
                               os.path.join(self.dir, 'w.png')], '--pdf', '.pdf')
        self.assert_bad_input(['--practice', 'nernst', '--moodle',
                               os.path.join(self.dir, 'no', 'f.xml')], '--moodle')
        self.assertEqual(os.listdir(self.dir), [])


class TestMoodle(PracticeTestCase):
    @unittest.skipUnless(tool('xmllint'), 'xmllint (libxml2-utils) is not installed')
    def test_bank(self):
        path = os.path.join(self.dir, 'f.xml')
        args = ['--practice', 'nernst', '--count', '20', '--seed', '7', '--moodle', path]
        self.assertIn('Wrote', self.ok(*args))
        lint = subprocess.run(['xmllint', '--noout', path], capture_output=True, text=True)
        self.assertEqual(lint.returncode, 0, lint.stderr)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        self.assertTrue(text.startswith('<?xml version="1.0" encoding="UTF-8"?>'))
        self.assertEqual(text.count('<question type="numerical">'), 20)
        problems = json.loads(self.ok(*args, '--json'))['problems']
        questions = ET.parse(path).getroot().findall('question')
        self.assertEqual(len(questions), 21)
        # The category first, then the problems.
        self.assertEqual(questions[0].get('type'), 'category')
        questions = questions[1:]
        for q, p in zip(questions, problems):
            self.assertEqual(q.get('type'), 'numerical')
            answers = q.findall('answer')
            self.assertEqual(len(answers), 1)
            self.assertEqual(answers[0].get('fraction'), '100')
            value = float(answers[0].find('text').text)
            # Printed with ten significant digits.
            self.assertAlmostEqual(value, p['answer'], delta=1e-9 * abs(p['answer']))
            self.assertAlmostEqual(float(answers[0].find('tolerance').text), p['tolerance'])
            self.assertEqual(q.find('defaultgrade').text, '1')
            self.assertEqual(q.find('units/unit/unit_name').text, 'mV')
            self.assertEqual(q.find('units/unit/multiplier').text, '1')
            html = q.find('questiontext/text').text
            self.assertIn(p['question'].replace('&', '&amp;'), html)
            feedback = q.find('generalfeedback/text').text
            self.assertIn(p['solution'][-1], feedback)
            self.assertIn('<br/>', feedback)


class TestWorksheet(PracticeTestCase):
    @unittest.skipUnless(tool('pdftoppm') and tool('pdfinfo') and tool('pdftotext'),
                         'pdftoppm, pdfinfo and pdftotext (poppler-utils) are not installed')
    def test_pdf(self):
        path = os.path.join(self.dir, 'w.pdf')
        self.assertIn('Wrote', self.ok('--practice', 'all', '--count', '12', '--seed', '4',
                                       '--pdf', path))
        info = subprocess.run(['pdfinfo', path], capture_output=True, text=True, timeout=60)
        self.assertEqual(info.returncode, 0, info.stderr)
        pages = int(next(line.split()[1] for line in info.stdout.split('\n')
                         if line.startswith('Pages:')))
        self.assertGreaterEqual(pages, 2)
        first_key = None
        for page in range(1, pages + 1):
            t = subprocess.run(['pdftotext', '-f', str(page), '-l', str(page), path, '-'],
                               capture_output=True, text=True, encoding='utf-8', timeout=60)
            self.assertEqual(t.returncode, 0, t.stderr)
            if 'Answer key' in t.stdout and first_key is None:
                first_key = page
        self.assertIsNotNone(first_key)
        self.assertGreater(first_key, 1)
        # The key is on pages of its own: the first page has the problems only.
        problems = self.problems('all', '--count', '12', '--seed', '4')
        text = subprocess.run(['pdftotext', path, '-'], capture_output=True, text=True,
                              encoding='utf-8', timeout=60).stdout
        for p in problems:
            self.assertIn(p['answer_text'].split(' ')[0], text)
        prefix = os.path.join(self.dir, 'page')
        ppm = subprocess.run(['pdftoppm', '-r', '30', '-png', path, prefix],
                             capture_output=True, text=True, timeout=120)
        self.assertEqual(ppm.returncode, 0, ppm.stderr)
        pngs = sorted(f for f in os.listdir(self.dir) if f.endswith('.png'))
        self.assertEqual(len(pngs), pages)
        for png in pngs:
            self.assertTrue(png_has_ink(os.path.join(self.dir, png)), png)

    def test_bad_option_keeps_the_old_file(self):
        path = os.path.join(self.dir, 'old.pdf')
        with open(path, 'w') as f:
            f.write('old')
        self.assert_bad_input(['--practice', 'nernst', '--pdf', path, '--count', 'many'],
                              '--count')
        with open(path) as f:
            self.assertEqual(f.read(), 'old')


if __name__ == '__main__':
    unittest.main(verbosity=2)
