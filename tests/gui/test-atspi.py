#!/usr/bin/python3
# test-atspi.py — Membrane Lab as a screen reader reads it
#
# Copyright 2026 The Membrane Lab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the real app under Xvfb and a private D-Bus session (meson starts
# both) and reads it over AT-SPI with pyatspi, as Orca does.  What a blind
# student must be able to learn: the membrane potential, in the same number
# that membrane-calc prints; each slider's value in its unit; the result of
# a change made from the keyboard, spoken where the focus is; and a name for
# everything that takes the focus.
#
# Usage: test-atspi.py MEMBRANE-LAB MEMBRANE-CALC

import json
import os
import re
import subprocess
import sys
import time
import unittest

try:
    import pyatspi
except ImportError:
    # The README's test command installs it (python3-pyatspi); a missing
    # module is a broken setup, not a reason to pass.
    sys.exit('test-atspi: pyatspi is missing (Debian package python3-pyatspi)')

APP, CALC = sys.argv[1], sys.argv[2]
del sys.argv[1:3]

MINUS = '\u2212'


def fmt_mv(mv, digits=1):
    # The app's style: U+2212 for minus, no sign for zero.
    text = f'{mv:.{digits}f}'
    return text.replace('-', MINUS) + ' mV'


def calc_json(*args):
    out = subprocess.run([CALC, *args, '--json'], capture_output=True, text=True,
                         check=True, timeout=30).stdout
    return json.loads(out)


def wait_for(predicate, timeout=10.0, step=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = predicate()
        if result:
            return result
        time.sleep(step)
    return None


def tab_to(node):
    # GTK 4.8 does not implement Component.GrabFocus: Tab to the node, as a
    # keyboard user does; whether it has the focus at the end.
    for _ in range(120):
        if node.getState().contains(pyatspi.STATE_FOCUSED):
            return True
        pyatspi.Registry.generateKeyboardEvent(0xff09, None, pyatspi.KEY_SYM)  # Tab
        time.sleep(0.05)
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def walk(node):
    yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from walk(child)


def find(root, role, name_start):
    for node in walk(root):
        try:
            if node.getRoleName() == role and (node.name or '').startswith(name_start):
                return node
        except Exception:
            continue
    return None


def unnamed_showing(app):
    unnamed = []
    for node in walk(app):
        try:
            states = node.getState()
            if (states.contains(pyatspi.STATE_FOCUSABLE)
                    and states.contains(pyatspi.STATE_SHOWING)
                    and not (node.name or '').strip()):
                unnamed.append(f'{node.getRoleName()} under {node.parent.getRoleName()} '
                               f'{node.parent.name!r}')
        except Exception:
            continue
    return unnamed


class ScreenReaderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        env = dict(os.environ)
        # The bridge on: what a user with Orca has.
        env.pop('NO_AT_BRIDGE', None)
        env.pop('GTK_A11Y', None)

        def app():
            desktop = pyatspi.Registry.getDesktop(0)
            for a in desktop:
                if a is not None and a.name == 'membrane-lab':
                    return a
            return None

        # A second try: on a loaded machine the first start now and then
        # meets an X server or an accessibility bus that is not ready yet.
        for attempt in range(2):
            cls.proc = subprocess.Popen([APP, '--preset', 'mammalian-neuron'], env=env,
                                        stderr=subprocess.PIPE, text=True)
            cls.app = wait_for(lambda: cls.proc.poll() is None and app(), timeout=20)
            if cls.app is not None:
                break
            cls.proc.kill()
            _, err = cls.proc.communicate(timeout=10)
            print(f'test-atspi: start {attempt + 1} did not appear on the bus '
                  f'(exit status {cls.proc.returncode}): {err.strip()[-2000:]}', file=sys.stderr)
        assert cls.app is not None, 'the app did not appear on the AT-SPI bus'
        cls.gauge = wait_for(lambda: find(cls.app, 'level bar', 'Membrane potential'))
        assert cls.gauge is not None, 'no gauge'

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.communicate(timeout=10)

    def test_gauge_speaks_what_the_core_computed(self):
        sol = calc_json('--preset', 'mammalian-neuron')
        self.assertEqual(self.gauge.name, f'Membrane potential {fmt_mv(sol["vm_mv"])}, resting')
        # The description lists each ion's E, K⁺ first.
        k = next(i for i in sol['ions'] if i['name'] == 'K')
        self.assertIn('E K⁺ ' + fmt_mv(k['nernst_mv']), self.gauge.description)
        self.assertTrue(self.gauge.getState().contains(pyatspi.STATE_FOCUSABLE))

    def test_membrane_names_its_transporters(self):
        # What a sighted user sees as the membrane's slots, a blind user
        # reads in its description: each transporter, what it moves, its
        # current, as the core's --json has them.
        sol = calc_json('--preset', 'mammalian-neuron')
        view = find(self.app, 'image', 'Membrane')
        self.assertIsNotNone(view)
        text = view.description
        for m in sol['mechanisms'][2:]:
            self.assertIn(m['id'].upper() if m['id'] != 'pmca' else 'PMCA', text)
        self.assertIn('NKCC1 (1 Na⁺ + 1 K⁺ + 2 Cl⁻ in), no net charge.', text)
        self.assertIn('PMCA (1 Ca²⁺ out), ', text)

    def test_slider_reads_in_mm(self):
        slider = find(self.app, 'slider', 'K⁺ inside concentration')
        self.assertIsNotNone(slider)
        # A name that says it once ("… concentration", not "… Inside").
        self.assertEqual(slider.name, 'K⁺ inside concentration')
        # 140 mM, not log10(140) = 2.146; the preset's value.
        self.assertAlmostEqual(slider.queryValue().currentValue, 140.0, places=9)
        self.assertIn('mM', slider.description)
        spin = find(self.app, 'spin button', 'K⁺ inside concentration')
        self.assertAlmostEqual(spin.queryValue().currentValue, 140.0, places=9)

    def test_keyboard_change_is_spoken(self):
        slider = find(self.app, 'slider', 'K⁺ outside concentration')
        before = slider.queryValue().currentValue
        self.assertTrue(tab_to(slider))
        # Where V_m is before the step, as the gauge says it.
        was = re.match(r'Membrane potential (\S+ mV)', self.gauge.name).group(1)
        # One step right, from the keyboard (XTEST through the registry).
        pyatspi.Registry.generateKeyboardEvent(0xff53, None, pyatspi.KEY_SYM)  # Right
        self.assertTrue(wait_for(lambda: slider.queryValue().currentValue != before))
        k_out = slider.queryValue().currentValue
        self.assertGreater(k_out, before)

        # The same cell from the command line: the default neuron with K⁺
        # outside at the new value.
        base = calc_json('--preset', 'mammalian-neuron')
        k = next(i for i in base['ions'] if i['name'] == 'K')
        sol = calc_json('--preset', 'mammalian-neuron', '--ion',
                        f'K,1,{k["c_in_mm"]!r},{k_out!r},{k["permeability_cm_s"]!r}')
        expected = 'membrane potential now ' + fmt_mv(sol['vm_mv'])
        self.assertTrue(wait_for(lambda: expected in slider.description),
                        (slider.description, expected))
        # The gauge keeps where V_m was until the next change, and says so.
        self.assertTrue(self.gauge.name.startswith(
            f'Membrane potential {fmt_mv(sol["vm_mv"])}, resting (from '), self.gauge.name)
        self.assertIn(f'from {was}: ', self.gauge.name)

    def test_zz_end_of_range_keeps_description(self):
        # Last (it moves K⁺ outside to its end): holding Page Up at the end
        # of a slider's range, a screen-reader user still hears V_m, not a
        # bare "50 mM" in place of the description.
        slider = find(self.app, 'slider', 'K⁺ outside concentration')
        self.assertTrue(tab_to(slider))
        pyatspi.Registry.generateKeyboardEvent(0xff57, None, pyatspi.KEY_SYM)  # End
        top = slider.queryValue().maximumValue
        self.assertTrue(wait_for(lambda: slider.queryValue().currentValue == top))
        self.assertTrue(wait_for(lambda: 'membrane potential now' in slider.description),
                        slider.description)
        for _ in range(4):
            pyatspi.Registry.generateKeyboardEvent(0xff55, None, pyatspi.KEY_SYM)  # Page_Up
            time.sleep(0.2)
        time.sleep(0.5)
        self.assertEqual(slider.queryValue().currentValue, top)
        self.assertIn('membrane potential now', slider.description)
        self.assertIn('mV', slider.description)

    def test_no_focusable_node_is_unnamed(self):
        unnamed = []
        checked = 0
        for node in walk(self.app):
            try:
                states = node.getState()
                if not (states.contains(pyatspi.STATE_FOCUSABLE)
                        and states.contains(pyatspi.STATE_VISIBLE)):
                    continue
                checked += 1
                if not (node.name or '').strip():
                    unnamed.append(f'{node.getRoleName()} under {node.parent.getRoleName()} '
                                   f'{node.parent.name!r}')
            except Exception:
                continue
        # The header, the views and some 60 controls: the walk saw them.
        self.assertGreater(checked, 40)
        self.assertEqual(unnamed, [])


    # X keycodes of the left modifiers on Xvfb's keymap: AT-SPI presses and
    # releases a keysym at once, and holds down only a keycode.
    ALT, CTRL, SHIFT = 64, 37, 50

    def keys(self, *keys):
        """Holds the modifier keycodes down, presses the last key (a keysym),
        and lets the modifiers go."""
        for code in keys[:-1]:
            pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_PRESS)
        pyatspi.Registry.generateKeyboardEvent(keys[-1], None, pyatspi.KEY_SYM)
        for code in reversed(keys[:-1]):
            pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_RELEASE)

    def test_zz_time_course_is_read(self):
        # Last (the name sorts so): it leaves the app on another page.
        self.keys(self.ALT, ord('2'))
        chart = wait_for(lambda: find(self.app, 'image', 'Chart recorder'))
        self.assertIsNotNone(chart, 'Alt+2 did not show the time course')
        self.assertTrue(wait_for(lambda: 'V_m ' in (chart.description or '')),
                        chart.description)
        self.assertRegex(chart.description, r'^At \d')
        # Ouabain from the keyboard: the chart says what happened, and when.
        self.keys(self.SHIFT, self.CTRL, ord('o'))
        self.assertTrue(wait_for(lambda: 'Last event: pump blocked' in
                                 (chart.description or '')), chart.description)
        # The page's own controls have names too.
        unnamed = []
        for node in walk(self.app):
            try:
                states = node.getState()
                if (states.contains(pyatspi.STATE_FOCUSABLE)
                        and states.contains(pyatspi.STATE_SHOWING)
                        and not (node.name or '').strip()):
                    unnamed.append(f'{node.getRoleName()} under {node.parent.getRoleName()}')
            except Exception:
                continue
        self.assertEqual(unnamed, [])



class LessonReaderTest(unittest.TestCase):
    """A lesson taken with a screen reader: the step is read, Page Down
    steps on, the gauge says it hides V_m until the prediction, the typed
    prediction and Enter give the result in words."""

    @classmethod
    def setUpClass(cls):
        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env.pop('GTK_A11Y', None)

        def app():
            desktop = pyatspi.Registry.getDesktop(0)
            for a in desktop:
                if a is not None and a.name == 'membrane-lab':
                    return a
            return None

        for attempt in range(2):
            cls.proc = subprocess.Popen([APP, '--lesson', 'nernst'], env=env,
                                        stderr=subprocess.PIPE, text=True)
            cls.app = wait_for(lambda: cls.proc.poll() is None and app(), timeout=20)
            if cls.app is not None:
                break
            cls.proc.kill()
            cls.proc.communicate(timeout=10)
        assert cls.app is not None, 'the app did not appear on the AT-SPI bus'

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.communicate(timeout=10)

    def label_starting(self, text):
        return wait_for(lambda: find(self.app, 'label', text))

    def test_lesson_by_keyboard(self):
        self.assertIsNotNone(self.label_starting('Step 1 of 5'), 'the step is not read')
        self.assertIsNotNone(self.label_starting('The Nernst potential'))
        # RT/F at 37 °C, filled in by the core: 26.73 mV (k_B·T/e).
        text = self.label_starting('An ion is at equilibrium')
        self.assertIsNotNone(text)
        # (the number is joined to its unit by a no-break space)
        self.assertIn(fmt_mv(26.7267, 2)[:-3], text.name)

        pyatspi.Registry.generateKeyboardEvent(0xff56, None, pyatspi.KEY_SYM)  # Page_Down
        self.assertIsNotNone(self.label_starting('Step 2 of 5'), 'Page Down did not step')
        gauge = wait_for(lambda: find(self.app, 'level bar', 'Membrane potential: hidden'))
        self.assertIsNotNone(gauge, 'the gauge does not say it hides V_m')
        entry = wait_for(lambda: find(self.app, 'text', 'Your prediction'))
        self.assertIsNotNone(entry, 'no named entry for the prediction')
        entry.queryEditableText().setTextContents('-82')
        # GTK 4.8 takes no focus requests over AT-SPI: the button's action.
        check = wait_for(lambda: find(self.app, 'push button', 'Check My Prediction'))
        self.assertIsNotNone(check, 'no button to commit the prediction: '
                             + repr([(n.getRoleName(), n.name) for n in walk(self.app)
                                     if 'button' in n.getRoleName()][:40]))
        check.queryAction().doAction(0)
        # E_Cl for 5/110 mM at 37 °C: −(RT/F)·ln 22 = −82.6 mV; −82 is within 1 mV.
        result = self.label_starting('Right. You predicted')
        self.assertIsNotNone(result, 'the result is not read')
        self.assertIn(fmt_mv(-82.61)[:-3], result.name)
        self.assertIsNotNone(wait_for(lambda: find(self.app, 'level bar', 'Membrane potential −')))
        # Every control the lesson shows has a name, and so has the
        # Practice page's (Alt+4).
        self.assertEqual(unnamed_showing(self.app), [])
        ScreenReaderTest.keys(self, ScreenReaderTest.ALT, ord('4'))
        self.assertIsNotNone(wait_for(lambda: find(self.app, 'text', 'Your answer')),
                             'Alt+4 did not show the practice page')
        self.assertEqual(unnamed_showing(self.app), [])

if __name__ == '__main__':
    unittest.main(verbosity=2)
