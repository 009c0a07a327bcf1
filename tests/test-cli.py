#!/usr/bin/env python3
# test-cli.py — membrane-calc from the outside: exit codes, JSON, numbers
#
# Copyright 2026 The Membrane Lab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run as `python3 tests/test-cli.py /path/to/membrane-calc` (meson does) or
# with MEMBRANE_CALC set.  Every expected number is computed here in Python
# from the textbook equation, independently of the C core, or is a hand
# calculation shown in a comment.

import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
    BINARY = sys.argv.pop(1)
else:
    BINARY = os.environ.get('MEMBRANE_CALC', 'membrane-calc')

# CODATA 2018 exact constants (SI 2019): R = N_A·k_B, F = N_A·e.
N_A = 6.02214076e23
R = N_A * 1.380649e-23
F = N_A * 1.602176634e-19

PRESET_IDS = ['mammalian-neuron', 'squid-axon', 'skeletal-muscle',
              'cardiac-myocyte', 'astrocyte', 'red-blood-cell', 'pump-neuron']


def rt_over_f_mv(t_c):
    return 1000.0 * R * (t_c + 273.15) / F


def nernst_mv(z, c_in, c_out, t_c):
    # E = (RT/zF)·ln(c_out/c_in)
    return rt_over_f_mv(t_c) / z * math.log(c_out / c_in)


def reject_constant(name):
    raise ValueError('non-finite number in JSON: ' + name)


def env_c():
    env = dict(os.environ)
    env['LC_ALL'] = 'C.UTF-8'
    env['LANGUAGE'] = 'C'
    return env


def run(*args, env=None):
    return subprocess.run([BINARY] + list(args), capture_output=True, text=True,
                          encoding='utf-8', env=env or env_c(), timeout=60)


# A value that is a bare nan/inf token (not inside a string such as "-inf").
BARE_NONFINITE = re.compile(r':\s*[-+]?(nan|inf|infinity)\b', re.IGNORECASE)


class CliTestCase(unittest.TestCase):
    def calc_json(self, *args, env=None):
        p = run(*args, '--json', env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, '')
        self.assertIsNone(BARE_NONFINITE.search(p.stdout), p.stdout)
        return json.loads(p.stdout, parse_constant=reject_constant)

    def assert_bad_input(self, args, *needles):
        p = run(*args)
        self.assertEqual(p.returncode, 2, (args, p.stdout, p.stderr))
        lines = p.stderr.strip('\n').split('\n')
        self.assertEqual(len(lines), 1, (args, p.stderr))
        self.assertTrue(p.stderr.endswith('\n'))
        for needle in needles:
            self.assertIn(needle, lines[0], args)
        return lines[0]

    @staticmethod
    def ion(sol, name):
        return next(i for i in sol['ions'] if i['name'] == name)


class TestPresets(CliTestCase):
    def test_squid_goldman(self):
        # Goldman–Hodgkin–Katz voltage equation, Hodgkin & Katz (1949)
        # J. Physiol. 108:37–77, with the preset's numbers (docs/ARCHITECTURE.md):
        # K 400/20, Na 50/440, Cl 52/560 mM; P_K:P_Na:P_Cl = 1:0.04:0.45; 18 °C.
        sol = self.calc_json('--preset', 'squid-axon')
        self.assertEqual(sol['temperature_c'], 18)
        p_k, p_na, p_cl = 1.0, 0.04, 0.45
        num = p_k * 20 + p_na * 440 + p_cl * 52
        den = p_k * 400 + p_na * 50 + p_cl * 560
        expected = rt_over_f_mv(18) * math.log(num / den)
        self.assertAlmostEqual(sol['vm_ghk_mv'], expected, delta=1e-9)
        # Hodgkin & Katz report about −60 mV; the formula gives −59.5 mV.
        self.assertAlmostEqual(sol['vm_ghk_mv'], -59.5, delta=1.0)
        # The squid preset has the pump off: V_rest is V_ghk.
        self.assertEqual(sol['pump']['mode'], 'off')
        self.assertAlmostEqual(sol['vm_rest_mv'], sol['vm_ghk_mv'], delta=1e-12)
        self.assertIsNone(sol['condition'])
        # RT/F at 18 °C from the CODATA constants.
        self.assertAlmostEqual(sol['rt_over_f_mv'], rt_over_f_mv(18), delta=1e-12)

    def test_list_presets(self):
        p = run('--list-presets')
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.splitlines()
        ids = [line.split('\t')[0] for line in lines]
        self.assertEqual(sorted(ids), sorted(PRESET_IDS))
        self.assertEqual(ids[0], 'mammalian-neuron')  # the default comes first
        for line in lines:
            self.assertIn('\t', line)
            self.assertTrue(line.split('\t', 1)[1].strip())

    def test_all_presets_solve(self):
        for preset in PRESET_IDS:
            with self.subTest(preset=preset):
                sol = self.calc_json('--preset', preset)
                self.assertIsNone(sol['condition'])
                self.assertTrue(-120 < sol['vm_rest_mv'] < 0)

    def test_mandatory_keys(self):
        sol = self.calc_json('--preset', 'mammalian-neuron', '--donnan', '100,-1,150')
        for key in ['temperature_c', 'rt_over_f_mv', 'vm_mv', 'vm_rest_mv', 'vm_ghk_mv',
                    'condition', 'pump', 'ions', 'charge', 'donnan']:
            self.assertIn(key, sol)
        for key in ['ratio', 'current_ua_cm2', 'contribution_mv']:
            self.assertIn(key, sol['pump'])
        self.assertGreater(len(sol['ions']), 0)
        for ion in sol['ions']:
            for key in ['name', 'valence', 'c_in_mm', 'c_out_mm', 'permeability_cm_s',
                        'nernst_mv', 'driving_force_mv', 'chemical_push_mv',
                        'electrical_push_mv', 'current_ua_cm2',
                        'delta_g_out_j_mol', 'delta_g_chemical_j_mol',
                        'delta_g_electrical_j_mol']:
                self.assertIn(key, ion)
        for key in ['radius_um', 'capacitance_uf_cm2', 'ions_moved', 'fraction_of_cell_k']:
            self.assertIn(key, sol['charge'])
        for key in ['k_in_mm', 'cl_in_mm', 'ratio', 'vm_mv', 'osmotic_excess_mosm']:
            self.assertIn(key, sol['donnan'])

    def test_default_is_mammalian_neuron(self):
        self.assertEqual(self.calc_json(), self.calc_json('--preset', 'mammalian-neuron'))

    def test_preset_plus_ion_replaces(self):
        # --ion on top of a preset replaces the ion of that name and keeps the rest.
        base = self.calc_json('--preset', 'squid-axon')
        sol = self.calc_json('--preset', 'squid-axon', '--ion', 'K,1,400,40,1e-6')
        self.assertEqual([i['name'] for i in sol['ions']], [i['name'] for i in base['ions']])
        self.assertEqual(self.ion(sol, 'K')['c_out_mm'], 40)
        for key in ('valence', 'c_in_mm', 'c_out_mm', 'permeability_cm_s', 'nernst_mv'):
            self.assertEqual(self.ion(sol, 'Na')[key], self.ion(base, 'Na')[key])
        # Raising K_out depolarizes (Nernst: ln(40/400) > ln(20/400)).
        self.assertGreater(sol['vm_ghk_mv'], base['vm_ghk_mv'])


class TestIons(CliTestCase):
    KNA = ['--ion', 'K,1,140,5,1e-6', '--ion', 'Na,1,15,145,5e-8']

    def test_chloride_nernst(self):
        # Hand: RT/F at 37 °C = 26.7267 mV; 26.7267·ln(5/110) = 26.7267·(−3.09104)
        # = −82.61 mV.
        sol = self.calc_json('--ion', 'Cl,-1,5,110,1e-6', '--temperature', '37')
        self.assertEqual(len(sol['ions']), 1)
        cl = sol['ions'][0]
        self.assertAlmostEqual(cl['nernst_mv'], -82.6, delta=0.1)
        self.assertAlmostEqual(cl['nernst_mv'], nernst_mv(-1, 5, 110, 37), delta=1e-9)
        # A single permeant ion sits at its own Nernst potential.
        self.assertAlmostEqual(sol['vm_rest_mv'], cl['nernst_mv'], delta=1e-9)

    def test_clamped_driving_force_and_delta_g(self):
        sol = self.calc_json(*self.KNA, '--vm', '-70')
        self.assertEqual(sol['vm_mv'], -70)
        self.assertEqual(sol['pump']['mode'], 'off')  # only --ion: pump off
        for name, z, c_in, c_out in [('K', 1, 140, 5), ('Na', 1, 15, 145)]:
            ion = self.ion(sol, name)
            e = nernst_mv(z, c_in, c_out, 37)
            # Driving force V_m − E (docs/ARCHITECTURE.md).
            self.assertAlmostEqual(ion['driving_force_mv'], -70 - e, delta=1e-9)
            # Its two parts: the gradient's push −E and the field's V_m.
            self.assertAlmostEqual(ion['chemical_push_mv'], -e, delta=1e-9)
            self.assertEqual(ion['electrical_push_mv'], -70)
            self.assertEqual(ion['chemical_push_mv'] + ion['electrical_push_mv'],
                             ion['driving_force_mv'])
            # ΔG = RT·ln(c_out/c_in) − zF·V_m, J/mol (docs/ARCHITECTURE.md).
            t = 37 + 273.15
            dg = R * t * math.log(c_out / c_in) - z * F * (-70e-3)
            self.assertAlmostEqual(ion['delta_g_out_j_mol'], dg, delta=1e-6 * abs(dg))
        # K⁺ at −70 mV is above E_K = −89 mV: leaving is downhill.
        # Hand: 8.314·310.15·ln(5/140) + 96485·0.070 = −8593 + 6754 = −1839 J/mol.
        self.assertLess(self.ion(sol, 'K')['delta_g_out_j_mol'], 0)
        self.assertAlmostEqual(self.ion(sol, 'K')['delta_g_out_j_mol'], -1839, delta=2)
        # V_rest is still solved and differs from the clamp.
        self.assertNotEqual(sol['vm_rest_mv'], -70)

    def test_mullins_noda(self):
        # Mullins & Noda (1963) J. Gen. Physiol. 47:117–132, r = 3/2:
        # V = (RT/F)·ln[(r·P_K·K_o + P_Na·Na_o)/(r·P_K·K_i + P_Na·Na_i)].
        sol = self.calc_json(*self.KNA, '--pump-ratio', '1.5')
        r, p_k, p_na = 1.5, 1e-6, 5e-8
        expected = rt_over_f_mv(37) * math.log((r * p_k * 5 + p_na * 145)
                                                / (r * p_k * 140 + p_na * 15))
        self.assertAlmostEqual(sol['vm_rest_mv'], expected, delta=1e-9)
        self.assertEqual(sol['pump']['ratio'], 1.5)
        # An outward pump hyperpolarizes.
        self.assertLess(sol['pump']['contribution_mv'], 0)
        self.assertAlmostEqual(sol['pump']['contribution_mv'],
                               sol['vm_rest_mv'] - sol['vm_ghk_mv'], delta=1e-9)

    def test_pump_current(self):
        sol = self.calc_json(*self.KNA, '--pump-current', '1')
        self.assertEqual(sol['pump']['mode'], 'current')
        self.assertIsNone(sol['pump']['ratio'])
        # Cell at 37 °C, pump reference 37 °C: Q10^0 = 1, the current is as given.
        self.assertAlmostEqual(sol['pump']['current_ua_cm2'], 1.0, delta=1e-12)
        # An outward (positive) current must be balanced by net inward ion
        # current, which needs a more negative V: the contribution is < 0.
        self.assertLess(sol['pump']['contribution_mv'], 0)
        # Zero net current at V_rest, pump included.
        self.assertAlmostEqual(sol['net_current_ua_cm2'], 0.0, delta=1e-9)

    def test_donnan(self):
        # Open-bath Donnan: K_in·Cl_in = 150², K_in − Cl_in = |z_A|·A = 100,
        # V = −(RT/F)·ln(K_in/K_out).  Hand: K_in = (100 + √(100² + 4·150²))/2
        # = 208.11 mM.
        sol = self.calc_json('--ion', 'K,1,140,5,1e-6', '--donnan', '100,-1,150')
        d = sol['donnan']
        self.assertAlmostEqual(d['k_in_mm'] * d['cl_in_mm'] / 150 ** 2, 1.0, delta=1e-9)
        self.assertAlmostEqual(d['k_in_mm'] - d['cl_in_mm'], 100, delta=1e-9)
        self.assertAlmostEqual(d['k_in_mm'], 208.11, delta=0.01)
        vm = -rt_over_f_mv(sol['temperature_c']) * math.log(d['k_in_mm'] / 150)
        self.assertAlmostEqual(d['vm_mv'], vm, delta=1e-9)

    def test_donnan_valence_range(self):
        # The valences the lessons take, −1 to −10: a trivalent anion.
        # Hand: K_in − Cl_in = 3·100 = 300, K_in·Cl_in = 150², so
        # K_in = (300 + √(300² + 4·150²))/2 = 362.13 mM.
        sol = self.calc_json('--ion', 'K,1,140,5,1e-6', '--donnan', '100,-3,150')
        self.assertAlmostEqual(sol['donnan']['k_in_mm'], 362.13, delta=0.01)
        sol = self.calc_json('--ion', 'K,1,140,5,1e-6', '--donnan', '100,-10,150')
        self.assertAlmostEqual(sol['donnan']['k_in_mm'] - sol['donnan']['cl_in_mm'], 1000,
                               delta=1e-6)
        for z in ('-11', '0', '1', '-2.5'):
            self.assert_bad_input(['--donnan', '100,%s,150' % z], 'valence', '-10', '-1')

    def test_donnan_closed_equal_volumes(self):
        # Hand: A = 100 mM (z = −1) and no KCl inside, 100 mM KCl outside,
        # equal volumes.  δ mM of KCl moves in: (100 + δ)·δ = (100 − δ)²,
        # so 300·δ = 10000, δ = 33.33 mM.  K_in = 133.33, Cl_in = 33.33,
        # K_out = Cl_out = 66.67 mM, r = 2, V = −(RT/F)·ln 2 = −18.53 mV at
        # 37 °C, osmotic excess (133.33 + 33.33 + 100) − 133.33 = 133.33 mOsm.
        sol = self.calc_json('--ion', 'K,1,140,5,1e-6', '--donnan-closed', '100,-1,0,100,1,1')
        self.assertNotIn('donnan', sol)
        d = sol['donnan_closed']
        self.assertEqual(sorted(d), sorted(['k_in_mm', 'cl_in_mm', 'k_out_mm', 'cl_out_mm',
                                            'ratio', 'vm_mv', 'osmotic_excess_mosm']))
        self.assertAlmostEqual(d['k_in_mm'], 400 / 3, delta=1e-9)
        self.assertAlmostEqual(d['cl_in_mm'], 100 / 3, delta=1e-9)
        self.assertAlmostEqual(d['k_out_mm'], 200 / 3, delta=1e-9)
        self.assertAlmostEqual(d['cl_out_mm'], 200 / 3, delta=1e-9)
        self.assertAlmostEqual(d['ratio'], 2, delta=1e-12)
        self.assertAlmostEqual(d['vm_mv'], -rt_over_f_mv(37) * math.log(2), delta=1e-9)
        self.assertAlmostEqual(d['vm_mv'], -18.53, delta=0.01)
        self.assertAlmostEqual(d['osmotic_excess_mosm'], 400 / 3, delta=1e-9)

    def test_donnan_closed_conservation(self):
        # A = 50 mM of valence −2 with its 100 mM K⁺ and 20 mM KCl inside
        # (volume 2), 100 mM KCl outside (volume 3).  Hand, before:
        # total K  = (2·50 + 20)·2 + 100·3 = 240 + 300 = 540 (mM·volume),
        # total Cl = 20·2 + 100·3 = 40 + 300 = 340.  KCl only moves between
        # the two, so K_in·2 + K_out·3 and Cl_in·2 + Cl_out·3 must stay so.
        sol = self.calc_json('--ion', 'K,1,140,5,1e-6',
                             '--donnan-closed', '50,-2,20,100,2,3')
        d = sol['donnan_closed']
        self.assertAlmostEqual(d['k_in_mm'] * 2 + d['k_out_mm'] * 3, 540, delta=1e-9)
        self.assertAlmostEqual(d['cl_in_mm'] * 2 + d['cl_out_mm'] * 3, 340, delta=1e-9)
        # Donnan rule, K_in·Cl_in = K_out·Cl_out, to 1e-9 relative.
        product_in = d['k_in_mm'] * d['cl_in_mm']
        product_out = d['k_out_mm'] * d['cl_out_mm']
        self.assertLess(abs(product_in - product_out), 1e-9 * product_out)
        # Electroneutrality on each side: K_in − Cl_in = |z_A|·A = 100, K_out = Cl_out.
        self.assertAlmostEqual(d['k_in_mm'] - d['cl_in_mm'], 100, delta=1e-9)
        self.assertAlmostEqual(d['k_out_mm'], d['cl_out_mm'], delta=1e-9)
        # Something moved: the start (K_in = 120, Cl_in = 20) is no equilibrium
        # (120·20 = 2400 ≠ 100·100), so the test sees a real solve.
        self.assertNotAlmostEqual(d['cl_in_mm'], 20, delta=1)
        self.assertAlmostEqual(d['ratio'], d['k_in_mm'] / d['k_out_mm'], delta=1e-12)

    def test_donnan_closed_large_outside_is_open_bath(self):
        # With VOUT ≫ VIN the outside cannot change: the closed answer tends
        # to the open bath of the same KCl (K_in = 208.11 mM, test_donnan).
        # Hand: about 108 mM Cl moves in and takes 108·VIN/VOUT mM from the
        # outside, 1e-4 mM of 150 for VOUT/VIN = 1e6.
        open_bath = self.calc_json('--ion', 'K,1,140,5,1e-6',
                                   '--donnan', '100,-1,150')['donnan']
        errors = []
        for v_out in ('1', '1000', '1000000'):
            d = self.calc_json('--ion', 'K,1,140,5,1e-6',
                               '--donnan-closed', '100,-1,0,150,1,' + v_out)['donnan_closed']
            errors.append(abs(d['k_in_mm'] / open_bath['k_in_mm'] - 1))
        self.assertGreater(errors[0], 0.1)  # equal volumes are far from the bath
        self.assertLess(errors[2], errors[1])
        self.assertLess(errors[1], errors[0])
        self.assertLess(errors[2], 1e-5)
        self.assertAlmostEqual(d['vm_mv'], open_bath['vm_mv'], delta=1e-3)

    def test_donnan_closed_table(self):
        p = run('--preset', 'squid-axon', '--donnan-closed', '100,-1,0,100,1,1')
        self.assertEqual(p.returncode, 0, p.stderr)
        # The concentrations of test_donnan_closed_equal_volumes, to 4 digits;
        # V at the squid preset's 18 °C, the cell's temperature.  Hand:
        # RT/F = 25.0894 mV, −25.0894·ln 2 = −17.39 mV.
        # (with the app's U+2212 minus)
        for needle in ['closed', '133.3 mM', '33.33 mM', '66.67 mM', '\u221217.39 mV']:
            self.assertIn(needle, p.stdout)
        self.assertEqual('%.2f' % (-rt_over_f_mv(18) * math.log(2)), '-17.39')
        self.assertIsNone(re.search(r'\b(nan|inf)\b', p.stdout, re.IGNORECASE), p.stdout)
        # The Donnan answer alone: not the whole squid axon before it.
        self.assertIn('Temperature 18 °C (of Squid giant axon)', p.stdout)
        self.assertNotIn('V_rest', p.stdout)
        self.assertNotIn('Per ion', p.stdout)

    def test_pump_undefined_without_vm(self):
        # At absolute zero V_m is undefined (docs/ARCHITECTURE.md); the pump current of
        # either mode depends on V_m and is undefined with it, not 0.
        for args in ([], ['--pump-current', '1'], ['--pump-ratio', '1.5'], ['--pump', 'kinetic']):
            with self.subTest(args=args):
                sol = self.calc_json(*args, '--temperature', '-273.15')
                self.assertIsNone(sol['vm_mv'])
                self.assertIsNone(sol['pump']['current_ua_cm2'])
                self.assertIsNone(sol['net_current_ua_cm2'])
                p = run(*args, '--temperature', '-273.15')
                self.assertEqual(p.returncode, 0, p.stderr)
                pump = next(line for line in p.stdout.splitlines()
                            if line.startswith('Pump '))
                self.assertIn('undefined', pump)
                self.assertNotIn('µA/cm²', pump)
        # The same cell at 37 °C does print a current: the check above can fail.
        self.assertIsNotNone(self.calc_json('--pump-current', '1')['pump']['current_ua_cm2'])

    def test_zero_outside_is_a_condition(self):
        # Only K⁺ and none outside: E_K = −∞, the currents never balance.
        args = ['--ion', 'K,1,140,0,1e-6']
        sol = self.calc_json(*args)
        self.assertIsInstance(sol['condition'], str)
        self.assertTrue(sol['condition'])
        self.assertIsNone(sol['vm_rest_mv'])
        self.assertIsNone(sol['vm_mv'])
        self.assertIsNone(sol['ions'][0]['nernst_mv'])
        p = run(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIsNone(re.search(r'\b(nan|inf)\b', p.stdout, re.IGNORECASE), p.stdout)
        self.assertIn('−∞', p.stdout)

    def test_table(self):
        p = run('--preset', 'squid-axon')
        self.assertEqual(p.returncode, 0, p.stderr)
        # The app's number style: U+2212 for minus (ml-format.h).
        for needle in ['RT/F', 'K⁺', 'Na⁺', 'Cl⁻', '\u221259.52']:
            self.assertIn(needle, p.stdout)
        self.assertNotIn('-59.52', p.stdout)
        p = run('--preset', 'squid-axon', '--donnan', '100,-1,150')
        self.assertIn('Donnan', p.stdout)
        # Hand: K_in = (A + √(A² + 4·bath²))/2 = 208.11 mM, r = K_in/150,
        # V = −(RT/F)·ln r at the squid's 18 °C.
        k_in = (100 + math.sqrt(100 ** 2 + 4 * 150 ** 2)) / 2
        v = -rt_over_f_mv(18) * math.log(k_in / 150)
        self.assertIn(('%.2f mV' % v).replace('-', '\u2212'), p.stdout)
        # "Donnan" contains "nan": look for the word only.
        self.assertIsNone(re.search(r'\b(nan|inf)\b', p.stdout, re.IGNORECASE), p.stdout)

    def test_help(self):
        p = run('--help')
        self.assertEqual(p.returncode, 0)
        self.assertIn('--ion', p.stdout)
        self.assertIn('--donnan-closed=A,ZA,KCL_IN,KCL_OUT,VIN,VOUT', p.stdout)


class TestBadInput(CliTestCase):
    def test_negative_concentration(self):
        self.assert_bad_input(['--ion', 'K,1,-5,5,1e-6'], '--ion', 'inside', '-5')

    def test_not_a_number(self):
        self.assert_bad_input(['--ion', 'K,1,abc,5,1e-6'], '--ion', 'abc')

    def test_nan(self):
        self.assert_bad_input(['--ion', 'K,1,5,5,nan'], '--ion', 'nan')

    def test_field_count(self):
        self.assert_bad_input(['--ion', 'K,1,5'], '--ion', '5')

    def test_valence(self):
        self.assert_bad_input(['--ion', 'K,3,5,5,1e-6'], '--ion', 'valence')

    def test_unknown_preset(self):
        self.assert_bad_input(['--preset', 'nope'], 'nope', '--list-presets')

    def test_missing_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'missing.membrane')
            self.assert_bad_input([path], path)

    def test_invalid_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'bad.membrane')
            with open(path, 'w', encoding='utf-8') as f:
                f.write('[Membrane]\nVersion=1\nName=Bad\nTemperature=hot\n')
            self.assert_bad_input([path], path)

    def test_temperature(self):
        self.assert_bad_input(['--temperature', 'x'], '--temperature')

    def test_temperature_range_matches_files(self):
        # data/presets/FORMAT.md: Temperature −273.15 … 200 °C, for a file and
        # the command line alike.
        self.assert_bad_input(['--temperature', '500'], '--temperature', '500', '200')
        self.assert_bad_input(['--temperature', '-273.16'], '--temperature')
        # Too large for a double: out of range, not "not a number"; the
        # same for a field of --ion.
        line = self.assert_bad_input(['--temperature', '1e400'], '--temperature', '1e400', '200')
        self.assertNotIn('not a number', line)
        line = self.assert_bad_input(['--ion', 'K,1,1e400,5,1e-6'], '--ion', '1e400')
        self.assertNotIn('not a number', line)
        self.assert_bad_input(['--temperature', '-1e400'], '--temperature', '-1e400')
        # Too small for a double: zero, which is a temperature.
        self.assertEqual(self.calc_json('--temperature', '1e-400')['temperature_c'], 0)
        self.assertEqual(self.calc_json('--temperature', '200')['temperature_c'], 200)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'hot.membrane')
            for t, status in (('37', 0), ('200', 0), ('500', 2)):
                with open(path, 'w', encoding='utf-8') as f:
                    f.write('[Membrane]\nVersion=1\nName=Hot\nTemperature=%s\n'
                            '[Ion K]\nValence=1\nInside=140\nOutside=5\n'
                            'Permeability=1e-6\n' % t)
                with self.subTest(temperature=t):
                    self.assertEqual(run(path).returncode, status)

    def test_limits_match_format(self):
        # The ranges of data/presets/FORMAT.md, at and just past each edge.
        good = [['--ion', 'K,1,100000,0,1'], ['--pump-ratio', '1'], ['--pump-ratio', '10'],
                ['--pump-current', '-1000'], ['--pump-current', '1000'],
                ['--radius', '0.001'], ['--radius', '100000'],
                ['--capacitance', '0.001'], ['--capacitance', '100']]
        bad = [['--ion', 'K,1,100001,5,1e-6'], ['--ion', 'K,1,5,5,1.01'],
               ['--pump-ratio', '10.1'], ['--pump-current', '1001'],
               ['--radius', '0.0009'], ['--radius', '100001'],
               ['--capacitance', '0.0009'], ['--capacitance', '101']]
        for args in good:
            with self.subTest(args=args):
                self.assertEqual(run(*args).returncode, 0, args)
        for args in bad:
            with self.subTest(args=args):
                self.assert_bad_input(args, args[0])

    def test_pump_ratio(self):
        self.assert_bad_input(['--pump-ratio', '0.5'], '--pump-ratio')

    def test_pump_both(self):
        self.assert_bad_input(['--pump-ratio', '1.5', '--pump-current', '1'], '--pump-')

    def test_donnan(self):
        self.assert_bad_input(['--donnan', '100,1,150'], '--donnan')
        self.assert_bad_input(['--donnan', '100,-1'], '--donnan')
        self.assert_bad_input(['--donnan', '100,-1,0'], '--donnan', 'bath')

    def test_donnan_closed(self):
        opt = '--donnan-closed'
        self.assert_bad_input([opt, '100,-1,0,100,1'], opt, '6', '5')
        self.assert_bad_input([opt, '100,1,0,100,1,1'], opt, 'valence')
        self.assert_bad_input([opt, '100,-1,x,100,1,1'], opt, 'x')
        self.assert_bad_input([opt, '100,-1,-1,100,1,1'], opt, '-1')
        self.assert_bad_input([opt, '100,-1,0,100,0,1'], opt, 'volume')
        self.assert_bad_input([opt, '100,-1,0,100,1,-1'], opt, 'volume')
        self.assert_bad_input([opt, '100,-1,0,100,1,nan'], opt, 'nan')
        # No KCl anywhere: no K⁺ outside, so no ratio and no equilibrium.
        self.assert_bad_input([opt, '100,-1,0,0,1,1'], opt, 'equilibrium')
        # At 0 K there is no V either.
        self.assert_bad_input([opt, '100,-1,0,100,1,1', '--temperature', '-273.15'], opt)

    def test_message_quotes_argument(self):
        # The option, the argument and the problem are one message.
        line = self.assert_bad_input(['--ion', 'K,1,abc,5,1e-6'])
        self.assertIn('--ion “K,1,abc,5,1e-6”: the inside concentration “abc”', line)

    def test_unknown_option(self):
        self.assert_bad_input(['--no-such-option'], '--no-such-option')


FORMAT_MD = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         '..', 'data', 'presets', 'FORMAT.md')


def list_parameters(*args):
    """--list-parameters as {id: (unit, range, label)}, in order."""
    p = run('--list-parameters', *args)
    if p.returncode != 0 or p.stderr != '':
        raise AssertionError(p.stderr)
    params = {}
    for line in p.stdout.splitlines():
        fields = line.split('\t')
        if len(fields) != 4:
            raise AssertionError('not 4 tab-separated fields: %r' % line)
        if fields[0] in params:
            raise AssertionError('id twice: %r' % fields[0])
        params[fields[0]] = tuple(fields[1:])
    return params


def parse_range(text):
    """'[a, b]' or '(a, b]' as (a, b, min_open); None for a boolean."""
    if text == '{false, true}':
        return None
    m = re.fullmatch(r'([\[(])(\S+), (\S+)\]', text)
    if m is None:
        raise AssertionError('not a range: %r' % text)
    return float(m.group(2)), float(m.group(3)), m.group(1) == '('


class TestMechanisms(CliTestCase):
    """--mechanism, --set, --list-mechanisms and the mechanisms in --json."""

    def test_list_mechanisms(self):
        p = run('--list-mechanisms')
        self.assertEqual(p.returncode, 0, p.stderr)
        rows = [line.split('\t') for line in p.stdout.strip().split('\n')]
        ids = [r[0] for r in rows]
        self.assertEqual(ids[:2], ['leak', 'nak-pump'])
        for kind in ('kcc2', 'nkcc1', 'pmca', 'ncx'):
            self.assertIn(kind, ids)
        for r in rows:
            self.assertEqual(len(r), 5, r)
            self.assertIn(r[1], ('channel', 'pump', 'cotransporter', 'exchanger'))
            self.assertTrue(r[4].strip(), r)   # a source for each

    def test_set_any_parameter(self):
        base = self.calc_json()
        sol = self.calc_json('--set', 'K.out=10', '--set', 'nkcc1.imax=0')
        self.assertEqual(self.ion(sol, 'K')['c_out_mm'], 10)
        nkcc1 = next(m for m in sol['mechanisms'] if m['id'] == 'nkcc1')
        self.assertEqual(nkcc1['flux_ua_cm2']['Cl'], 0)
        # NKCC1 stopped, Cl⁻ no longer balances: its net flux is the leak's.
        cl = self.ion(sol, 'Cl')
        self.assertAlmostEqual(cl['net_flux_ua_cm2'], cl['current_ua_cm2'], delta=1e-12)
        self.assertNotEqual(base['vm_mv'], sol['vm_mv'])
        # --set of the table's cell parameters, as --temperature
        self.assertEqual(self.calc_json('--set', 'temperature=20')['temperature_c'], 20)

    def test_add_mechanism(self):
        sol = self.calc_json('--mechanism', 'kcc2', '--set', 'kcc2.imax=0.2')
        kcc2 = next(m for m in sol['mechanisms'] if m['id'] == 'kcc2')
        # K 140/5, Cl 10/110 (the default neuron): J = 0.2·(1400 − 550)/(1400 + 550).
        j = 0.2 * (140 * 10 - 5 * 110) / (140 * 10 + 5 * 110)
        self.assertAlmostEqual(kcc2['flux_ua_cm2']['K'], j, delta=1e-12)
        self.assertAlmostEqual(kcc2['flux_ua_cm2']['Cl'], -j, delta=1e-12)
        self.assertEqual(kcc2['current_ua_cm2'], 0)
        # each ion's net flux is the sum over every mechanism
        for ion in sol['ions']:
            total = sum(m['flux_ua_cm2'][ion['name']] for m in sol['mechanisms'])
            self.assertAlmostEqual(ion['net_flux_ua_cm2'], total, delta=1e-12)

    def test_bad_mechanism_options(self):
        self.assert_bad_input(['--mechanism', 'nope'], '--mechanism', 'nope', '--list-mechanisms')
        self.assert_bad_input(['--mechanism', 'leak'], '--mechanism', 'leak')
        self.assert_bad_input(['--set', 'K.out'], '--set', 'ID=VALUE')
        self.assert_bad_input(['--set', 'nope.x=1'], '--set', 'nope.x')
        self.assert_bad_input(['--set', 'kcc2.imax=1'], '--set', '--mechanism kcc2')
        self.assert_bad_input(['--set', 'K.out=-1'], '--set', 'K.out')
        self.assert_bad_input(['--set', 'K.out=ten'], '--set', 'K.out')

    def test_save_and_load_mechanisms(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'cell.membrane')
            p = run('--mechanism', 'kcc2', '--set', 'kcc2.imax=0.125', '--save', path)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(path, encoding='utf-8') as f:
                text = f.read()
            self.assertIn('[Mechanism kcc2]', text)
            self.assertNotIn('Fit=', text)
            sol = self.calc_json(path)
            kcc2 = next(m for m in sol['mechanisms'] if m['id'] == 'kcc2')
            self.assertAlmostEqual(kcc2['flux_ua_cm2']['K'],
                                   0.125 * 850 / 1950, delta=1e-12)

    def test_pump_off_runs_down(self):
        # The first reproducer: the strong-pump neuron with its pump
        # blocked before the run stayed at −53.30 mV for two hours.
        _, rows = self.simulate('--preset', 'pump-neuron', '--pump', 'off', '--simulate', '2h')
        self.assertGreater(rows[-1]['vm_mv'], rows[0]['vm_mv'] + 20)
        self.assertGreater(rows[-1]['Na_in_mm'], 2 * rows[0]['Na_in_mm'])

    def simulate(self, *args):
        p = run(*args, '--csv')
        self.assertEqual(p.returncode, 0, p.stderr)
        return read_csv(p.stdout)


class TestParameters(CliTestCase):
    CELL_IDS = ['temperature', 'pump.ratio', 'pump.current', 'pump.imax', 'pump.q10', 'pump.t_ref',
                'radius', 'capacitance']
    ION_FIELDS = ['in', 'out', 'p', 'enabled']

    def test_list(self):
        params = list_parameters()
        # The cell's own, then each ion of the default preset by its name,
        # then each of its mechanisms' (it has NKCC1 and the Ca²⁺ pump).
        sol = self.calc_json()
        ions = [i['name'] for i in sol['ions']]
        self.assertEqual(ions, ['K', 'Na', 'Cl', 'Ca'])
        self.assertEqual([m['id'] for m in sol['mechanisms']], ['leak', 'nak-pump', 'nkcc1', 'pmca'])
        expected = (self.CELL_IDS + ['%s.%s' % (n, f) for n in ions for f in self.ION_FIELDS]
                    + ['nkcc1.imax', 'pmca.imax', 'pmca.km'])
        self.assertEqual(list(params), expected)
        for pid, (unit, rng, label) in params.items():
            with self.subTest(id=pid):
                self.assertTrue(label.strip())
                self.assertTrue(re.fullmatch(r'[a-zA-Z0-9_.]+', pid))
                if pid.endswith('.enabled'):
                    self.assertIsNone(parse_range(rng))
                else:
                    lo, hi, _ = parse_range(rng)
                    self.assertLess(lo, hi)
        self.assertEqual(params['temperature'], ('°C', '[-273.15, 200]', 'Temperature'))
        self.assertEqual(params['pump.t_ref'][1], '(-273.15, 1000]')
        self.assertEqual(params['K.p'], ('cm/s', '[0, 1]', 'Permeability'))
        self.assertEqual(params['pump.ratio'][0], '')

    def test_list_follows_the_cell(self):
        red = list_parameters('--preset', 'red-blood-cell')
        names = [i['name'] for i in self.calc_json('--preset', 'red-blood-cell')['ions']]
        self.assertEqual([i for i in red if i.endswith('.in')], [n + '.in' for n in names])
        # Only --ion: only that ion, under the name the cell keeps ("k" is K).
        only = list_parameters('--ion', 'k,1,140,5,1e-6')
        self.assertEqual([i for i in only if '.' in i and not i.startswith('pump.')],
                         ['K.in', 'K.out', 'K.p', 'K.enabled'])
        # Bad options are still refused.
        self.assert_bad_input(['--list-parameters', '--radius', '0'], '--radius')

    def test_ranges_match_options(self):
        # Every range --list-parameters prints is the one the option takes:
        # its ends accepted, the next double outside refused.
        params = list_parameters()
        options = {
            'temperature': lambda v: ['--temperature', v],
            'pump.ratio': lambda v: ['--pump-ratio', v],
            'pump.current': lambda v: ['--pump-current', v],
            'radius': lambda v: ['--radius', v],
            'capacitance': lambda v: ['--capacitance', v],
            'K.in': lambda v: ['--ion', 'K,1,%s,5,1e-6' % v],
            'K.out': lambda v: ['--ion', 'K,1,140,%s,1e-6' % v],
            'K.p': lambda v: ['--ion', 'K,1,140,5,%s' % v],
        }
        for pid, make in options.items():
            lo, hi, open_min = parse_range(params[pid][1])
            self.assertFalse(open_min)
            with self.subTest(id=pid):
                for v in (lo, hi):
                    p = run(*make(repr(v)))
                    self.assertEqual(p.returncode, 0, (pid, v, p.stderr))
                for v in (math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf)):
                    self.assert_bad_input(make(repr(v)), make(repr(v))[0])

    def test_ranges_match_format(self):
        # data/presets/FORMAT.md documents each parameter's id, unit and
        # range; they must be the table's.
        params = list_parameters()
        with open(FORMAT_MD, encoding='utf-8') as f:
            rows = [line for line in f if line.startswith('|')]
        seen = set()
        for row in rows:
            cells = [c.strip() for c in row.strip().strip('|').split('|')]
            if len(cells) != 7 or not cells[2].startswith('`'):
                continue
            pid = cells[2].strip('`').replace('NAME', 'K')
            unit, rng = cells[4], cells[6].replace('−', '-')
            seen.add(pid)
            with self.subTest(id=pid):
                self.assertIn(pid, params)
                self.assertEqual(unit, params[pid][0])
                expected = parse_range(params[pid][1])
                if expected is None:
                    self.assertEqual(rng, '')
                    continue
                m = re.fullmatch(r'(\S+) … (\S+)', rng)
                if m:
                    got = (float(m.group(1)), float(m.group(2)), False)
                else:
                    m = re.fullmatch(r'above (\S+), up to (\S+)', rng)
                    self.assertIsNotNone(m, rng)
                    got = (float(m.group(1)), float(m.group(2)), True)
                self.assertEqual(got, expected)
        self.assertEqual(seen, {i for i in params if i in self.CELL_IDS or i.startswith('K.')})


class TestSolutionDecisions(CliTestCase):
    """The keys added for the views' decisions, computed by the core."""

    def test_new_keys(self):
        # The presets' pump is kinetic: no closed form holds it.
        kinetic = self.calc_json()
        self.assertEqual(kinetic['pump']['mode'], 'kinetic')
        self.assertEqual(kinetic['pump']['state'], 'running')
        self.assertEqual(kinetic['formula'], 'numeric')
        # The preset's Ca²⁺ pump carries a current no closed form holds;
        # with its rate at zero the Mullins–Noda form applies again.
        self.assertEqual(self.calc_json('--pump-ratio', '1.5')['formula'], 'numeric')
        sol = self.calc_json('--pump-ratio', '1.5', '--set', 'pmca.imax=0')
        self.assertIs(sol['pump']['running'], True)
        self.assertEqual(sol['p_reference_ion'], 'K')
        self.assertEqual(sol['divalent_ion'], 'Ca')
        self.assertEqual(sol['formula'], 'mullins-noda-divalent')
        roles = [i['role'] for i in sol['ions']]
        self.assertEqual(roles, ['K', 'Na', 'Cl', 'Ca'])
        for ion in sol['ions']:
            with self.subTest(ion=ion['name']):
                self.assertIs(ion['at_equilibrium'], False)
                # ΔG < 0 for leaving ⇔ it leaves (docs/ARCHITECTURE.md).
                self.assertIs(ion['spontaneous_out'], ion['delta_g_out_j_mol'] < 0)
                self.assertEqual(ion['spontaneous_out'], ion['direction'] > 0)
        # The preset's P_Na/P_K = 2.5e-8/5e-7 = 0.05.
        self.assertAlmostEqual(self.ion(sol, 'Na')['p_relative'], 0.05, delta=1e-15)
        self.assertEqual(self.ion(sol, 'K')['p_relative'], 1)

    def test_equilibrium_and_undefined(self):
        # Clamped at E_K, K⁺ is at equilibrium and neither way is downhill.
        e_k = nernst_mv(1, 140, 5, 37)
        sol = self.calc_json('--ion', 'K,1,140,5,1e-6', '--vm', repr(e_k))
        k = sol['ions'][0]
        self.assertIs(k['at_equilibrium'], True)
        self.assertIs(k['spontaneous_out'], False)
        self.assertEqual(k['direction'], 0)
        # No K⁺ outside: ΔG is undefined, and so is spontaneous_out.
        sol = self.calc_json('--ion', 'K,1,140,0,1e-6', '--ion', 'Na,1,15,145,5e-8')
        self.assertIsNone(self.ion(sol, 'K')['spontaneous_out'])
        self.assertIsNone(sol['divalent_ion'])
        # Nothing permeant: no reference, no relative P.
        sol = self.calc_json('--ion', 'K,1,140,5,0')
        self.assertIsNone(sol['p_reference_ion'])
        self.assertIsNone(sol['ions'][0]['p_relative'])

    def test_pump_idles_without_k_outside(self):
        # K 140/0 and Na 15/145 (P 1e-6 and 5e-8), pump at a fixed 0.5 µA/cm²:
        # with no K⁺ outside the pump cannot cycle, so V_rest is the GHK
        # value 26.7267·ln(5e-8·145/(1e-6·140 + 5e-8·15)) = −79.27 mV.
        sol = self.calc_json('--ion', 'K,1,140,0,1e-6', '--ion', 'Na,1,15,145,5e-8',
                             '--pump-current', '0.5')
        self.assertIs(sol['pump']['running'], False)
        self.assertEqual(sol['pump']['current_ua_cm2'], 0)
        self.assertAlmostEqual(sol['vm_rest_mv'], sol['vm_ghk_mv'], delta=1e-12)
        expected = rt_over_f_mv(37) * math.log(5e-8 * 145 / (1e-6 * 140 + 5e-8 * 15))
        self.assertAlmostEqual(sol['vm_rest_mv'], expected, delta=1e-9)
        self.assertAlmostEqual(sol['vm_rest_mv'], -79.27, delta=0.01)

    def test_divalent_label_names_the_ion(self):
        # A Mg²⁺ cell is not "GHK with Ca²⁺".
        args = ['--ion', 'K,1,140,5,5e-7', '--ion', 'Na,1,15,145,2.5e-8',
                '--ion', 'Mg,2,0.5,1,1e-7']
        self.assertEqual(self.calc_json(*args)['divalent_ion'], 'Mg')
        p = run(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn('GHK with Mg²⁺', p.stdout)
        self.assertNotIn('Ca²⁺', p.stdout)
        p = run(*args, '--ion', 'Ca,2,0.0001,2,5e-10')
        self.assertIn('GHK with divalent cations', p.stdout)
        p = run('--pump-ratio', '1.5', '--set', 'pmca.imax=0')
        self.assertIn('Mullins–Noda with Ca²⁺', p.stdout)


class TestIonNameCase(CliTestCase):
    def test_lower_case_k_is_potassium(self):
        # The default preset holds K; "k" replaces it (names compare without
        # regard to case, as in a file) instead of adding a second potassium.
        base = self.calc_json()
        sol = self.calc_json('--preset', 'mammalian-neuron', '--ion', 'k,1,100,5,5e-7')
        self.assertEqual([i['name'] for i in sol['ions']], [i['name'] for i in base['ions']])
        self.assertEqual(self.ion(sol, 'K')['c_in_mm'], 100)
        self.assertEqual(self.ion(sol, 'K')['role'], 'K')

    def test_lower_case_ions_alone(self):
        # Only --ion: "k" and "na" are K⁺ and Na⁺, so the steady pump is the
        # Mullins–Noda one and the charge is counted in K⁺.
        sol = self.calc_json('--ion', 'k,1,140,5,1e-6', '--ion', 'na,1,15,145,5e-8',
                             '--pump-ratio', '1.5')
        self.assertEqual([i['name'] for i in sol['ions']], ['K', 'Na'])
        self.assertEqual(sol['formula'], 'mullins-noda')
        self.assertIsNotNone(sol['charge']['fraction_of_cell_k'])
        # The second spelling of the same ion replaces the first.
        sol = self.calc_json('--ion', 'K,1,140,5,1e-6', '--ion', 'k,1,120,5,1e-6')
        self.assertEqual(len(sol['ions']), 1)
        self.assertEqual(sol['ions'][0]['c_in_mm'], 120)

    def test_lower_case_saves_as_k(self):
        # What --save writes loads again: never [Ion k] beside [Ion K].
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'k.membrane')
            p = run('--preset', 'mammalian-neuron', '--ion', 'k,1,100,5,5e-7', '--save', path)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(path, encoding='utf-8') as f:
                text = f.read()
            self.assertIn('[Ion K]\n', text)
            self.assertNotIn('[Ion k]', text)
            self.assertEqual(run(path).returncode, 0)


def run_bytes(*args, timeout=60):
    """membrane-calc with arguments as bytes (not necessarily UTF-8)."""
    return subprocess.run([BINARY.encode()] + list(args), capture_output=True,
                          env=env_c(), timeout=timeout)


class TestCharge(CliTestCase):
    def test_no_potassium_inside_is_undefined(self):
        # A cell without K⁺ inside has no "fraction of the cell's K⁺": null
        # in JSON and words in the table, never 0.
        args = ['--ion', 'K,1,0,5,1e-6', '--ion', 'Na,1,10,145,5e-8']
        sol = self.calc_json(*args)
        self.assertIsNone(sol['charge']['fraction_of_cell_k'])
        self.assertGreater(sol['charge']['ions_moved'], 0)
        self.assertIn('holds no K⁺', run(*args).stdout)

    def test_fraction_over_one_says_too_little(self):
        # r = 0.01 µm, K_in = 1 µM: the cell holds
        # 1e-6 mol/L × 4/3·π·(1e-7 dm)³ × N_A ≈ 2.5e-3 K⁺ ions, while charging
        # C·A = 1e-6 F/cm² × 4π·(1e-6 cm)² to ~90 mV takes ~7 ions.
        args = ['--ion', 'K,1,0.001,5,1e-6', '--ion', 'Na,1,10,145,5e-8', '--radius', '0.01']
        sol = self.calc_json(*args)
        self.assertGreater(sol['charge']['fraction_of_cell_k'], 1000)
        self.assertIn('too little K⁺', run(*args).stdout)

    def test_pump_current_help_names_q10(self):
        p = run('--help')
        self.assertIn('Q10', p.stdout)


class TestHostileInput(CliTestCase):
    """Input that once broke the promise "a clear message, nothing lost"."""

    def assert_refused_fast(self, path, needle):
        # Refused within a second; before, /dev/zero grew to 4 GiB and a
        # FIFO blocked open() for ever (the timeout turns a hang into a
        # failure).
        start = time.monotonic()
        p = run(path)
        self.assertLess(time.monotonic() - start, 1.0)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(p.stdout, '')
        self.assertEqual(p.stderr.count('\n'), 1, p.stderr)
        self.assertIn(needle, p.stderr)

    def test_dev_zero(self):
        self.assert_refused_fast('/dev/zero', 'not a regular file')

    def test_fifo_without_writer(self):
        with tempfile.TemporaryDirectory() as tmp:
            fifo = os.path.join(tmp, 'pipe.membrane')
            os.mkfifo(fifo)
            self.assert_refused_fast(fifo, 'not a regular file')

    def test_folder(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.assert_refused_fast(tmp, 'folder')

    def test_100_mb_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            big = os.path.join(tmp, 'big.membrane')
            with open(big, 'wb') as f:
                f.truncate(100 * 1000 * 1000)  # sparse: costs no disk
            self.assert_refused_fast(big, 'too large')

    def test_long_line_gives_short_message(self):
        # GKeyFile quotes the bad line whole; the message must stay a line
        # a person can read (under 300 bytes), saying what is wrong.
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'long.membrane')
            with open(path, 'w') as f:
                f.write('[Membrane]\n' + 'x' * 200000 + '\n')
            p = run(path)
            self.assertEqual(p.returncode, 2)
            self.assertLess(len(p.stderr.encode()), 300, p.stderr)
            self.assertIn('key-value pair', p.stderr)

    def test_long_file_name_is_cut(self):
        name = 'a' * 3000 + '.membrane'
        p = run(name)
        self.assertEqual(p.returncode, 2)
        self.assertLess(len(p.stderr.encode()), 300, p.stderr)

    def test_long_argument_is_cut(self):
        line = self.assert_bad_input(['--ion', 'K,1,' + '1' * 100000 + ',5,1e-6'], '--ion',
                                     'too long')
        self.assertLess(len(line.encode()), 300)

    def test_long_values_accepted(self):
        # What a user types is accepted: an output path of a real folder
        # tree, a sweep of 16 values, an --ion written with many digits.
        # Only the quotation in a message is shortened (to 60 bytes).
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, 'home', 'student', 'Documents', 'Physiology-2026',
                                  'week3', 'resting-potential-practical', 'group-B')
            os.makedirs(folder)
            for args, name in ((['--plot', 'kout', '--out'], 'kout-plot-for-the-handout.png'),
                               (['--handout'], 'resting-potential-handout-group-B.pdf'),
                               (['--practice', 'nernst', '--count', '2', '--moodle'],
                                'nernst-question-bank-for-moodle.xml'),
                               (['--practice', 'nernst', '--count', '2', '--pdf'],
                                'nernst-worksheet-with-answers.pdf')):
                path = os.path.join(folder, name)
                self.assertGreater(len(path.encode()), 60)
                p = run(*args, path)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertGreater(os.path.getsize(path), 0)
        values = ','.join(str(v) for v in range(1, 17))
        p = run('--sweep', 'K.out=' + values, '--csv')
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(p.stdout.strip().split('\n')), 1 + 16)
        # The same ion with every digit written gives the same V_rest.
        long_k = 'K,1,140.00000000000000000000,5.000000000000000000000,1.000000000000000000e-06'
        self.assertGreater(len(long_k), 60)
        a = self.calc_json('--ion', long_k)
        b = self.calc_json('--ion', 'K,1,140,5,1e-6')
        self.assertEqual(a['vm_ghk_mv'], b['vm_ghk_mv'])
        # A long bad value is refused with its quotation shortened.
        line = self.assert_bad_input(['--ion', 'K,1,140,5,' + '7' * 2000 + 'x'],
                                     '--ion', 'not a number')
        self.assertLess(len(line.encode()), 300)

    def test_option_value_not_utf8(self):
        # GOption said only "Invalid byte sequence in conversion input".
        p = run_bytes(b'--temperature', b'\xff')
        self.assertEqual(p.returncode, 2)
        err = p.stderr.decode('utf-8')
        self.assertEqual(err.count('\n'), 1)
        self.assertIn('--temperature', err)
        self.assertIn('UTF-8', err)
        p = run_bytes(b'--ion', b'K\xfe,1,140,5,1e-6')
        self.assertEqual(p.returncode, 2)
        self.assertIn('--ion', p.stderr.decode('utf-8'))

    def test_hex_numbers_refused_as_in_files(self):
        # g_ascii_strtod reads 0x1p5 as 32; scenario files refuse hex, and
        # so does the command line.
        self.assert_bad_input(['--temperature', '0x1p5'], '--temperature', '0x1p5')
        self.assert_bad_input(['--ion', 'K,1,0x8C,5,1e-6'], '--ion', '0x8C')
        self.assert_bad_input(['--vm', 'infinity'], '--vm', 'infinity')

    def test_broken_escape_in_file(self):
        path = os.path.join(os.environ.get('TEST_DATA_DIR', 'tests/data'),
                            'bad-broken-escape.membrane')
        self.assert_bad_input([path], 'Name', 'escape')


class TestSave(CliTestCase):
    def test_save_writes_what_the_options_describe(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, 'k20.membrane')
            args = ['--preset', 'squid-axon', '--ion', 'K,1,400,20,1e-6', '--temperature', '6.3']
            direct = self.calc_json(*args)
            saved = self.calc_json(*args, '--save', out)
            self.assertEqual(saved, direct)
            # The file reads back to the same numbers, to the last digit.
            self.assertEqual(self.calc_json(out), direct)
            self.assertEqual(sorted(os.listdir(tmp)), ['k20.membrane'])

    def test_save_of_ions_alone_is_named_after_the_file(self):
        # Only --ion options: no preset name to keep, and a scenario needs
        # one, so the file's own name is used; it loads again.
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, 'chloride cell.membrane')
            args = ['--ion', 'Cl,-1,5,110,1e-6']
            self.assertEqual(run(*args, '--save', out).returncode, 0)
            sol = self.calc_json(out)
            self.assertEqual(sol['name'], 'chloride cell')
            self.assertEqual(sol['ions'][0]['nernst_mv'], self.calc_json(*args)['ions'][0]['nernst_mv'])

    def test_save_twice_gives_identical_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            a = os.path.join(tmp, 'a.membrane')
            b = os.path.join(tmp, 'b.membrane')
            self.assertEqual(run('--preset', 'astrocyte', '--save', a).returncode, 0)
            self.assertEqual(run(a, '--save', b).returncode, 0)
            with open(a, 'rb') as fa, open(b, 'rb') as fb:
                self.assertEqual(fa.read(), fb.read())

    def test_bad_option_writes_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, 'cell.membrane')
            with open(out, 'w') as f:
                f.write('old content\n')
            self.assert_bad_input(['--preset', 'squid-axon', '--ion', 'K,1,-4,5,1e-6',
                                   '--save', out], '--ion')
            self.assert_bad_input(['--preset', 'squid-axon', '--save', out, '--vm', '-70'],
                                  '--save')
            with open(out) as f:
                self.assertEqual(f.read(), 'old content\n')
            self.assertEqual(os.listdir(tmp), ['cell.membrane'])

    def test_save_into_missing_folder(self):
        line = self.assert_bad_input(['--save', '/nonexistent-ml-dir/cell.membrane'],
                                     'cannot save', 'cell.membrane')
        self.assertLess(len(line.encode()), 300)

    def test_save_onto_full_disk_keeps_old_file(self):
        # A real full disk: a 16 KiB tmpfs, mounted when the test runs as
        # root (the CI does), filled up before the save.
        if os.geteuid() != 0 or shutil.which('mount') is None:
            self.skipTest('mounting a tmpfs needs root')
        tmp = tempfile.mkdtemp()
        try:
            if subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', tmp],
                              capture_output=True).returncode != 0:
                self.skipTest('cannot mount a tmpfs here')
            try:
                out = os.path.join(tmp, 'cell.membrane')
                self.assertEqual(run('--preset', 'squid-axon', '--save', out).returncode, 0)
                with open(out, 'rb') as f:
                    old = f.read()
                fd = os.open(os.path.join(tmp, 'filler'), os.O_WRONLY | os.O_CREAT)
                try:
                    while os.write(fd, b'x' * 1024) == 1024:
                        pass
                except OSError:
                    pass
                os.close(fd)
                names = sorted(os.listdir(tmp))
                p = run('--preset', 'mammalian-neuron', '--save', out)
                self.assertEqual(p.returncode, 2)
                self.assertIn('unchanged', p.stderr)
                with open(out, 'rb') as f:
                    self.assertEqual(f.read(), old)
                self.assertEqual(sorted(os.listdir(tmp)), names)
            finally:
                subprocess.run(['umount', tmp])
        finally:
            os.rmdir(tmp)


class TestLocale(CliTestCase):
    def german_env(self, tmp):
        env = env_c()
        env['LC_ALL'] = 'de_DE.UTF-8'
        available = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout
        if 'de_de.utf8' in [n.lower().replace('-', '') for n in available.split()]:
            return env
        # Not installed: compile it into a temporary LOCPATH when glibc's
        # sources are there, so the test runs on minimal systems too.
        if not os.path.exists('/usr/share/i18n/locales/de_DE'):
            return None
        try:
            made = subprocess.run(['localedef', '-i', 'de_DE', '-f', 'UTF-8',
                                   os.path.join(tmp, 'de_DE.UTF-8')],
                                  capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        # localedef exits 1 for warnings while still writing the locale
        # (as in tests/test-i18n.py): judge by the file, not the status.
        if (made.returncode not in (0, 1)
                or not os.path.exists(os.path.join(tmp, 'de_DE.UTF-8', 'LC_CTYPE'))):
            return None
        env['LOCPATH'] = tmp
        return env

    def test_german_locale_json(self):
        # A German locale writes 0,5 for one half; JSON must keep the dot.
        with tempfile.TemporaryDirectory() as tmp:
            env = self.german_env(tmp)
            if env is None:
                self.skipTest('de_DE.UTF-8 is not available')
            sol = self.calc_json('--preset', 'squid-axon', env=env)
            self.assertAlmostEqual(sol['vm_ghk_mv'], -59.5, delta=1.0)
            self.assertEqual(sol, self.calc_json('--preset', 'squid-axon'))
            # Input is C syntax too, whatever the locale.
            sol = self.calc_json('--ion', 'Cl,-1,5,110,1e-6', '--temperature', '36.5', env=env)
            self.assertEqual(sol['temperature_c'], 36.5)


def read_csv(text):
    lines = text.strip('\n').split('\n')
    head = lines[0].split(',')
    rows = []
    for line in lines[1:]:
        # The event column is last and may be quoted.
        parts = line.split(',', len(head) - 1)
        row = {}
        for key, value in zip(head, parts):
            if key == 'event':
                row[key] = value.strip('"')
            else:
                row[key] = float(value) if value != '' else None
        rows.append(row)
    return head, rows


class TestPumpModels(CliTestCase):
    """The kinetic pump keeps its rate when a permeability changes."""

    TOXIN = ['--preset', 'mammalian-neuron', '--ion', 'Na,1,15,145,5e-7']   # P_Na = P_K of the neuron preset

    def test_neurotoxin(self):
        # Pump-free GHK with P_K : P_Na : P_Cl = 1 : 1 : 0.45 (K 140/5,
        # Na 15/145, Cl 10/110 mM, 37 °C), by hand:
        # (RT/F)·ln((5 + 145 + 0.45·10)/(140 + 15 + 0.45·110)) = −7.49 mV.
        ghk = rt_over_f_mv(37) * math.log((5 + 145 + 0.45 * 10) / (140 + 15 + 0.45 * 110))
        before = self.calc_json()
        kinetic = self.calc_json(*self.TOXIN)
        self.assertAlmostEqual(kinetic['vm_ghk_mv'], ghk, delta=0.01)
        # The kinetic pump keeps (nearly) its current, so V_m stays within
        # its small share of the pump-free value: about −9 mV, not −17.
        self.assertLess(abs(kinetic['vm_mv'] - ghk), 2.0)
        ratio = kinetic['pump']['current_ua_cm2'] / before['pump']['current_ua_cm2']
        self.assertLess(ratio, 1.5)
        # The steady-state pump re-balances the Na⁺ leak at once: its current
        # jumps with P_Na and V_m goes to about −17 mV.
        steady = self.calc_json(*self.TOXIN, '--pump-ratio', '1.5')
        self.assertGreater(steady['pump']['current_ua_cm2'] / before['pump']['current_ua_cm2'], 5)
        self.assertLess(steady['vm_mv'], kinetic['vm_mv'] - 5)
        # --balance-pump re-sizes the kinetic pump only when asked, to the
        # steady state's V_m.
        balanced = self.calc_json(*self.TOXIN, '--balance-pump')
        self.assertAlmostEqual(balanced['vm_mv'], steady['vm_mv'], delta=1e-6)
        self.assertNotEqual(balanced['pump']['max_current_ua_cm2'],
                            kinetic['pump']['max_current_ua_cm2'])

    def test_presets_start_at_the_steady_state(self):
        # Each preset but the squid axon (no pump, as Hodgkin and Katz
        # computed it) is a steady state of its own mechanisms: every ion's
        # net flux is zero within 1e-9 of the pump's Na⁺ flux.
        for preset in PRESET_IDS:
            with self.subTest(preset=preset):
                sol = self.calc_json('--preset', preset)
                pump = next(m for m in sol['mechanisms'] if m['id'] == 'nak-pump')
                scale = max(abs(f) for f in pump['flux_ua_cm2'].values())
                worst = max(abs(i['net_flux_ua_cm2']) for i in sol['ions'])
                if preset == 'squid-axon':
                    self.assertEqual(scale, 0)
                    self.assertGreater(worst, 1)
                    self.assertIs(sol['steady_state'], False)
                    continue
                self.assertLess(worst, 1e-9 * scale)
                self.assertIs(sol['steady_state'], True)
                # every mechanism shown, with its fluxes summing to its current
                for m in sol['mechanisms']:
                    self.assertAlmostEqual(sum(m['flux_ua_cm2'].values()), m['current_ua_cm2'],
                                           delta=1e-12)

    def test_pump_options(self):
        sol = self.calc_json('--pump-imax', '2')
        self.assertEqual(sol['pump']['mode'], 'kinetic')
        self.assertEqual(sol['pump']['max_current_ua_cm2'], 2)
        self.assertEqual(self.calc_json('--pump', 'off')['pump']['state'], 'off')
        no_na = self.calc_json('--preset', 'mammalian-neuron', '--ion', 'Na,1,0,145,2.5e-8')
        self.assertEqual(no_na['pump']['state'], 'no-na-inside')
        self.assertEqual(no_na['pump']['current_ua_cm2'], 0)
        self.assert_bad_input(['--pump', 'fast'], '--pump', 'fast')
        self.assert_bad_input(['--pump-imax', '-1'], '--pump-imax')
        self.assert_bad_input(['--pump', 'off', '--pump-ratio', '1.5'], '--pump')
        self.assert_bad_input(['--ion', 'K,1,140,5,1e-6', '--balance-pump'], '--balance-pump')


class TestSimulate(CliTestCase):
    """--simulate: the time course of the pump–leak model."""

    def test_years(self):
        # "up to 10 years": 10y is taken (a year of 365 days, so the last
        # row is at 87 600 h), 11y is not.
        p = run('--simulate', '10y', '--csv')
        self.assertEqual(p.returncode, 0, p.stderr)
        last = p.stdout.strip().split('\n')[-1].split(',')
        self.assertAlmostEqual(float(last[0]), 10 * 365 * 86400, delta=1e-6)
        self.assert_bad_input(['--simulate', '11y'], '--simulate', '10 years')

    def test_event_rows_count(self):
        # 80 000 time rows (1000 s every 12.5 ms) and 10 001 events of two
        # rows each: more than the 100 000 rows a run may print, refused at
        # once instead of running.
        events = []
        for i in range(10001):
            events += ['--event', '%gs:pump-off' % (0.05 * (i + 1))]
        start = time.monotonic()
        line = self.assert_bad_input(['--simulate', '1000s', '--every', '0.0125s'] + events,
                                     '--simulate', '100000', 'events')
        self.assertIn('20002', line)
        self.assertLess(time.monotonic() - start, 5.0)

    def test_progress_on_a_terminal(self):
        # A run over a second says how far it is on stderr when stderr is a
        # terminal, and clears the line; piped, stderr stays empty.
        import pty
        master, slave = pty.openpty()
        try:
            start = time.monotonic()
            p = subprocess.run([BINARY, '--simulate', '10y', '--every', '1h', '--csv'],
                               stdout=subprocess.PIPE, stderr=slave, env=env_c(), timeout=120)
            took = time.monotonic() - start
            os.close(slave)
            slave = None
            err = b''
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                err += chunk
        finally:
            if slave is not None:
                os.close(slave)
            os.close(master)
        self.assertEqual(p.returncode, 0)
        if took > 1.5:
            self.assertIn(b'simulating', err)
            self.assertIn(b'%', err)
            self.assertTrue(err.endswith(b'\r\x1b[K'), err[-40:])
        p = run('--simulate', '10y', '--every', '1h', '--csv')
        self.assertEqual(p.returncode, 0)
        self.assertEqual(p.stderr, '')

    def simulate(self, *args):
        p = run(*args, '--csv')
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, '')
        self.assertNotRegex(p.stdout.lower(), r'\bnan\b|\binf')
        return read_csv(p.stdout)

    def test_pump_block_runs_down(self):
        head, rows = self.simulate('--simulate', '2h', '--event', '0:pump-off')
        self.assertEqual(head[:3], ['t_s', 'vm_mv', 'K_in_mm'])
        rest = self.calc_json()
        blocked = self.calc_json('--pump', 'off')
        # The first row is the cell at rest, the second the instant after the
        # block: the numbers of the instant solution.
        self.assertEqual(rows[0]['t_s'], 0)
        self.assertAlmostEqual(rows[0]['vm_mv'], rest['vm_mv'], delta=1e-6)
        self.assertEqual(rows[1]['t_s'], 0)
        self.assertEqual(rows[1]['event'], 'pump blocked')
        self.assertAlmostEqual(rows[1]['vm_mv'], blocked['vm_mv'], delta=1e-6)
        self.assertAlmostEqual(rows[0]['vm_mv'] - rows[1]['vm_mv'],
                               rest['pump']['contribution_mv'], delta=1e-6)
        self.assertEqual(rows[-1]['t_s'], 7200)
        # Then the gradients run down and the cell swells, row by row.
        for a, b in zip(rows[1:], rows[2:]):
            self.assertGreater(b['Na_in_mm'], a['Na_in_mm'])
            self.assertLess(b['K_in_mm'], a['K_in_mm'])
            self.assertGreater(b['vm_mv'], a['vm_mv'])
            self.assertGreater(b['volume'], a['volume'])
            self.assertEqual(b['pump_ua_cm2'], 0)
        # Each E is the Nernst potential of the row's own concentrations.
        last = rows[-1]
        self.assertAlmostEqual(last['e_Na_mv'], nernst_mv(1, last['Na_in_mm'], 145, 37),
                               delta=1e-6)
        # An hour is minutes to hours of rundown for a 10 µm cell: Na⁺ inside
        # has more than doubled, and not yet reached the bath's 145 mM.
        self.assertGreater(last['Na_in_mm'], 30)
        self.assertLess(last['Na_in_mm'], 145)

    def test_rest_stays_at_rest(self):
        for preset in PRESET_IDS:
            with self.subTest(preset=preset):
                _, rows = self.simulate('--preset', preset, '--simulate', '1h')
                if preset == 'squid-axon':
                    # No pump: it runs down from the first minute.
                    self.assertGreater(rows[-1]['Na_in_mm'], rows[0]['Na_in_mm'] * 1.02)
                    continue
                for key in rows[0]:
                    if key.endswith('_in_mm'):
                        self.assertLess(abs(rows[-1][key] / rows[0][key] - 1), 1e-3, key)
                self.assertLess(abs(rows[-1]['vm_mv'] - rows[0]['vm_mv']), 0.1)

    def test_events_and_rows(self):
        _, rows = self.simulate('--simulate', '30min', '--every', '5min',
                                '--event', '10min:Na.p=5e-7', '--event', '20min:temperature=17')
        times = [r['t_s'] for r in rows]
        # 0, 5, 10 (before), 10 (after), 15, 20, 20, 25, 30 min.
        self.assertEqual(times, [0, 300, 600, 600, 900, 1200, 1200, 1500, 1800])
        self.assertEqual(rows[3]['event'], 'P(Na⁺) × 20')
        self.assertEqual(rows[6]['event'], 'cooled to 17 °C')
        # The permeability acts at once on V_m, not on the concentrations.
        self.assertEqual(rows[3]['Na_in_mm'], rows[2]['Na_in_mm'])
        self.assertGreater(rows[3]['vm_mv'], rows[2]['vm_mv'] + 50)

    def test_pause_is_kept_in_words(self):
        _, rows = self.simulate('--ion', 'K,1,140,5,1e-6', '--ion', 'Na,1,15,145,1e-8',
                                '--simulate', '1h', '--event', '10min:K.p=0',
                                '--event', '10min:Na.p=0')
        self.assertIn('no permeant ion', rows[-1]['event'])
        self.assertLessEqual(rows[-1]['t_s'], 600)
        table = run('--ion', 'K,1,140,5,1e-6', '--simulate', '1h', '--event', '10min:K.p=0')
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertIn('Paused', table.stdout)

    def test_events_after_a_pause(self):
        # Events due at the pause still apply, and may end it: absolute zero
        # and back, at the same time.
        _, rows = self.simulate('--simulate', '2h', '--every', '30min',
                                '--event', '1h:temperature=-273.15',
                                '--event', '1h:temperature=37')
        self.assertEqual(rows[-1]['t_s'], 7200)
        self.assertIsNone(next(r for r in rows if r['event'].startswith('cooled'))['vm_mv'])
        # A pause no event ends says how many it did not reach.
        _, rows = self.simulate('--ion', 'K,1,140,5,1e-6', '--simulate', '2h',
                                '--event', '1h:K.p=0', '--event', '90min:K.p=1e-6')
        self.assertIn('1 later event not applied', rows[-1]['event'])
        self.assertEqual(sum('Paused' in r['event'] for r in rows), 1)

    def test_balanced_pump_keeps_rest(self):
        # The squid axon has no pump and runs down.  A pump balanced on
        # request to its Na⁺ leak holds Na⁺ far better (the K⁺ its 3:2 cycle
        # returns is less than leaks out, so it is not a steady state).
        _, without = self.simulate('--preset', 'squid-axon', '--simulate', '2h')
        _, rows = self.simulate('--preset', 'squid-axon', '--balance-pump', '--simulate', '2h')
        self.assertGreater(without[-1]['Na_in_mm'], 50 * 1.05)
        self.assertLess(abs(rows[-1]['Na_in_mm'] / 50 - 1),
                        0.5 * (without[-1]['Na_in_mm'] / 50 - 1))
        self.assertGreater(rows[-1]['pump_ua_cm2'], 0)

    def test_bad_events(self):
        base = ['--simulate', '2h']
        self.assert_bad_input(base + ['--event', '3h:pump-off'], '3h:pump-off', 'after the end')
        self.assert_bad_input(base + ['--event', 'soon:pump-off'], 'soon')
        self.assert_bad_input(base + ['--event', 'pump-off'], 'T:WHAT')
        self.assert_bad_input(base + ['--event', '1h:pump'], 'pump')
        self.assert_bad_input(base + ['--event', '1h:Xx.p=1'], 'Xx.p')
        self.assert_bad_input(base + ['--event', '1h:Na.p=2'], 'Na.p')
        self.assert_bad_input(base + ['--event', '1h:Na.p=0x1'], 'Na.p')
        self.assert_bad_input(['--simulate', '0'], '--simulate')
        self.assert_bad_input(['--simulate', '-1h'], '--simulate')
        self.assert_bad_input(['--simulate', '2h', '--every', '0'], '--every')
        self.assert_bad_input(['--event', '0:pump-off'], '--simulate')
        self.assert_bad_input(['--simulate', '2h', '--json'], '--simulate')


class TestSweep(CliTestCase):
    """--sweep: one parameter over a range, every point the core's solution."""

    def sweep(self, *args):
        p = run(*args, '--csv')
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotRegex(p.stdout.lower(), r'\bnan\b|\binf')
        return read_csv(p.stdout)

    def test_k_sweep_is_the_practical(self):
        head, rows = self.sweep('--preset', 'mammalian-neuron',
                                '--sweep', 'K.out=2.5,5,10,20,40,80')
        self.assertEqual(head[:3], ['K.out', 'Na.out', 'vm_mv'])
        self.assertEqual([r['K.out'] for r in rows], [2.5, 5, 10, 20, 40, 80])
        base = self.calc_json('--preset', 'mammalian-neuron')
        na = self.ion(base, 'Na')
        for r in rows:
            with self.subTest(k=r['K.out']):
                # The saline trades Na⁺ for K⁺ mole for mole (150 mM).
                self.assertEqual(r['Na.out'], 145 - (r['K.out'] - 5))
                point = self.calc_json(
                    '--preset', 'mammalian-neuron',
                    '--ion', f'K,1,140,{r["K.out"]!r},5e-7',
                    '--ion', f'Na,1,{na["c_in_mm"]!r},{r["Na.out"]!r},{na["permeability_cm_s"]!r}')
                self.assertAlmostEqual(r['vm_mv'], point['vm_mv'], delta=1e-7)
                self.assertAlmostEqual(r['e_K_mv'], nernst_mv(1, 140, r['K.out'], 37), delta=1e-7)
                self.assertAlmostEqual(r['df_K_mv'], r['vm_mv'] - r['e_K_mv'], delta=1e-7)
        # V_m rises with K⁺ outside, less steeply than E_K at low K⁺ (the
        # Na⁺ leak), the bend the practical reads P_Na/P_K from.
        slope_low = rows[1]['vm_mv'] - rows[0]['vm_mv']
        slope_high = rows[5]['vm_mv'] - rows[4]['vm_mv']
        self.assertLess(slope_low, slope_high)

    def test_keep_na_and_log_range(self):
        head, rows = self.sweep('--sweep', 'K.out=0.1:1000:5:log', '--sweep-keep-na')
        self.assertNotIn('Na.out', head)
        self.assertEqual(len(rows), 5)
        self.assertAlmostEqual(rows[2]['K.out'], 10, delta=1e-9)
        table = run('--sweep', 'K.out=5,10')
        self.assertIn('K⁺ replaces Na⁺ outside', table.stdout)
        table = run('--sweep', 'K.out=5,10', '--sweep-keep-na')
        self.assertIn('Na⁺ outside is kept', table.stdout)

    def test_bad_sweeps(self):
        self.assert_bad_input(['--sweep', 'Xx.out=1'], 'Xx.out')
        self.assert_bad_input(['--sweep', 'K.out=1,abc'], 'abc')
        self.assert_bad_input(['--sweep', 'K.out=-1'], 'K.out')
        self.assert_bad_input(['--sweep', 'K.out=1:10:1'], 'K.out')
        self.assert_bad_input(['--sweep', 'K.out=5', '--json', '--csv'], '--json')
        self.assert_bad_input(['--sweep', 'K.out=5', '--vm', '-70'], '--sweep')
        self.assert_bad_input(['--sweep-keep-na'], '--sweep')

    def test_cl_equilibrated_column(self):
        # Once Cl⁻ inside has redistributed (E_Cl = V_m) it carries no current
        # and V_m is the GHK potential of K⁺ and Na⁺ alone (pump off, Ca²⁺
        # closed): V = (RT/F)·ln((P_K·K_o + P_Na·Na_o)/(P_K·K_i + P_Na·Na_i)).
        cell = ['--ion', 'K,1,140,5,5e-7', '--ion', 'Na,1,15,145,2.5e-8',
                '--ion', 'Cl,-1,10,110,2.25e-7', '--ion', 'Ca,2,0.0001,2,0', '--pump', 'off',
                '--temperature', '37', '--sweep', 'K.out=2.5,10,40,100']
        head, rows = self.sweep(*cell)
        self.assertEqual(head[:4], ['K.out', 'Na.out', 'vm_mv', 'vm_cl_equilibrated_mv'])
        p = run(*cell, '--json')
        self.assertEqual(p.returncode, 0, p.stderr)
        doc = json.loads(p.stdout, parse_constant=reject_constant)
        self.assertEqual(doc['parameter'], 'K.out')
        self.assertTrue(doc['na_traded'])
        self.assertEqual(len(doc['points']), len(rows))
        rtf = rt_over_f_mv(37)
        for r, j in zip(rows, doc['points']):
            with self.subTest(k=r['K.out']):
                k, na = r['K.out'], r['Na.out']
                self.assertEqual(na, 145 - (k - 5))
                later = rtf * math.log((k + 0.05 * na) / (140 + 0.05 * 15))
                now = rtf * math.log((k + 0.05 * na + 0.45 * 10) / (140 + 0.05 * 15 + 0.45 * 110))
                self.assertAlmostEqual(r['vm_cl_equilibrated_mv'], later, delta=1e-6)
                self.assertAlmostEqual(r['vm_mv'], now, delta=1e-6)
                for key in ('K.out', 'Na.out', 'vm_mv', 'vm_cl_equilibrated_mv', 'e_K_mv'):
                    self.assertAlmostEqual(j[key], r[key], delta=1e-9, msg=key)
        # At 100 mM by hand: ln(102.5/140.75) × 26.7268 = −8.476 mV, against
        # −15.382 mV at once (Cl⁻ inside still 10 mM).
        self.assertAlmostEqual(rows[3]['vm_cl_equilibrated_mv'], -8.476, delta=0.002)
        self.assertAlmostEqual(rows[3]['vm_mv'], -15.382, delta=0.002)
        table = run(*cell)
        self.assertIn('after Cl⁻', table.stdout)
        self.assertIn('K⁺ inside and the volume held', table.stdout)



def tool(name):
    return shutil.which(name) is not None


def minus_to_ascii(text):
    return text.replace('\u2212', '-')


class TestFigures(CliTestCase):
    """--plot KIND --out FILE and --handout FILE, checked with the real tools."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='ml-cli-figures-')

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, *args):
        p = run(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, '')
        self.assertIn('Wrote', p.stdout)
        return p

    def pdf_text(self, path):
        p = subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True,
                           text=True, encoding='utf-8', timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        return minus_to_ascii(p.stdout)

    @unittest.skipUnless(tool('xmllint'), 'xmllint (libxml2-utils) is not installed')
    def test_svg_parses(self):
        for kind in ('kout', 'iv', 'temperature'):
            path = os.path.join(self.dir, kind + '.svg')
            self.write('--preset', 'squid-axon', '--plot', kind, '--out', path)
            p = subprocess.run(['xmllint', '--noout', path], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, (kind, p.stderr))
            self.assertGreater(os.path.getsize(path), 2000, kind)

    def test_png_is_twice_the_pixels(self):
        path = os.path.join(self.dir, 'iv.png')
        self.write('--plot', 'iv', '--out', path)
        with open(path, 'rb') as f:
            head = f.read(24)
        self.assertEqual(head[:8], b'\x89PNG\r\n\x1a\n')
        width = int.from_bytes(head[16:20], 'big')
        height = int.from_bytes(head[20:24], 'big')
        # 900 × 560 points and a caption band of max(28, 560/24) = 28, at 2×.
        self.assertEqual((width, height), (1800, 2 * (560 + 28)))

    @unittest.skipUnless(tool('pdftotext'), 'pdftotext (poppler-utils) is not installed')
    def test_kout_pdf_names_the_slope_and_the_cell(self):
        path = os.path.join(self.dir, 'kout.pdf')
        self.write('--preset', 'squid-axon', '--plot', 'kout', '--out', path)
        text = self.pdf_text(path)
        # The Nernst slope (RT/F)·ln 10 at the squid's temperature, one decimal.
        t_c = self.calc_json('--preset', 'squid-axon')['temperature_c']
        slope = rt_over_f_mv(t_c) * math.log(10.0)
        self.assertIn('%.1f' % slope, text)
        self.assertIn('Squid', text)

    @unittest.skipUnless(tool('pdftotext') and tool('pdfinfo'),
                         'pdftotext and pdfinfo (poppler-utils) are not installed')
    def test_handout_holds_the_practical(self):
        path = os.path.join(self.dir, 'handout.pdf')
        self.write('--preset', 'mammalian-neuron', '--handout', path)
        info = subprocess.run(['pdfinfo', path], capture_output=True, text=True, timeout=60)
        self.assertEqual(info.returncode, 0, info.stderr)
        self.assertRegex(info.stdout, r'Pages:\s+2\b')
        text = self.pdf_text(path)
        # Each saline's predicted V_m is the sweep's, to the table's one decimal.
        p = run('--preset', 'mammalian-neuron', '--sweep', 'K.out=2.5,5,10,20,40,80', '--csv')
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.strip().split('\n')
        col = lines[0].split(',').index('vm_mv')
        col_cl = lines[0].split(',').index('vm_cl_equilibrated_mv')
        for row in lines[1:]:
            vm = float(row.split(',')[col])
            self.assertIn('%.1f' % vm, text, row)
            # And the prediction once Cl⁻ has redistributed, beside it.
            self.assertIn('%.1f' % float(row.split(',')[col_cl]), text, row)
        # A practical sheet: aims, procedure, temperature, questions, lines
        # for the name and the date; no measured points on the student's copy.
        for part in ('Aims', 'Procedure', 'Questions', 'Name:', 'Date:', '37.0 °C',
                     'after Cl'):
            self.assertIn(part, text)
        self.assertNotIn('Instructor', text)
        # One notation: E with a subscript, never "Eₖ" or "E_(Na)".
        self.assertNotIn('Eₖ', text)
        self.assertNotIn('E_(', text)
        self.assertNotIn('V_m', text)
        # And the first page has the cell's resting potential.
        vm = self.calc_json('--preset', 'mammalian-neuron')['vm_mv']
        self.assertIn('%.2f' % vm, text)

    @unittest.skipUnless(tool('pdftotext'), 'pdftotext (poppler-utils) is not installed')
    def test_handout_measured_only_when_asked(self):
        scenario = os.path.join(self.dir, 'measured.membrane')
        p = run('--preset', 'mammalian-neuron', '--save', scenario)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(scenario, 'a') as f:
            f.write('\n[Measured]\nParameter=K.out\nValues=20;\nVm=-57.4;\n')
        student = os.path.join(self.dir, 'student.pdf')
        teacher = os.path.join(self.dir, 'teacher.pdf')
        self.write(scenario, '--handout', student)
        self.write(scenario, '--handout', teacher, '--handout-with-measured')
        self.assertNotIn('-57.4', self.pdf_text(student))
        text = self.pdf_text(teacher)
        self.assertIn('-57.4', text)
        self.assertIn('Instructor', text)

    def test_bad_figures_leave_the_old_file(self):
        path = os.path.join(self.dir, 'old.pdf')
        with open(path, 'w') as f:
            f.write('old')
        self.assert_bad_input(['--plot', 'volts', '--out', path], '--plot', 'volts')
        self.assert_bad_input(['--plot', 'iv', '--out', os.path.join(self.dir, 'iv.jpg')],
                              '.png, .svg or .pdf')
        self.assert_bad_input(['--handout', os.path.join(self.dir, 'h.svg')], '.pdf')
        self.assert_bad_input(['--plot', 'iv'], '--out')
        self.assert_bad_input(['--plot', 'iv', '--out', path, '--handout', path], '--handout')
        self.assert_bad_input(['--out', path], '--plot')
        self.assert_bad_input(['--handout', path, '--json'], '--handout')
        self.assert_bad_input(['--handout-with-measured'], '--handout')
        self.assert_bad_input(['--plot', 'iv', '--out', self.dir], '--out')
        with open(path) as f:
            self.assertEqual(f.read(), 'old')
        self.assertEqual(sorted(os.listdir(self.dir)), ['old.pdf'])

if __name__ == '__main__':
    unittest.main(verbosity=2)
