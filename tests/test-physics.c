/* test-physics.c — textbook cases for the pure equations in ml-physics.c
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected number carries its source: a textbook value, a paper, or a
 * hand calculation written out beside it, with R = N_A·k_B = 8.314462618
 * J/(mol·K) and F = N_A·e = 96485.33212 C/mol (CODATA 2018, exact).
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-physics.h"
#include "ml-solution.h"

#include <float.h>
#include <glib.h>
#include <math.h>

/* RT/F at 37 °C: 8.314462618 × 310.15 / 96485.33212 × 1000 = 26.72666 mV. */
#define RTF_37 26.726659

static void
assert_close (double value,
              double expected,
              double tolerance)
{
  if (!(fabs (value - expected) <= tolerance))
    g_error ("got %.17g, expected %.17g ± %g (off by %g)",
             value, expected, tolerance, value - expected);
}

static void
assert_rel (double value,
            double expected,
            double rel)
{
  if (!(fabs (value - expected) <= rel * fabs (expected)))
    g_error ("got %.17g, expected %.17g to %g relative (off by %g relative)",
             value, expected, rel, (value - expected) / expected);
}

static void
test_constants_rt_over_f (void)
{
  /* docs/ARCHITECTURE.md, CODATA 2018: RT/F = 26.7267 mV at 37 °C. */
  assert_close (ml_rt_over_f_mv (37.0), 26.7267, 1e-4);
  /* The constants themselves: R = 6.02214076e23 × 1.380649e-23 and
   * F = 6.02214076e23 × 1.602176634e-19 (exact products, CODATA 2018). */
  assert_rel (ML_GAS_CONSTANT, 8.314462618, 1e-9);
  assert_rel (ML_FARADAY, 96485.33212, 1e-9);
  assert_close (ml_kelvin_from_celsius (37.0), 310.15, 1e-12);
}

static void
test_nernst_chloride_neuron (void)
{
  double e;

  /* Cl⁻ 5 mM inside, 110 mM outside, 37 °C:
   * E = (RT/−F)·ln(110/5) = −26.7267 × ln 22 = −26.7267 × 3.09104 = −82.61 mV. */
  g_assert_true (ml_nernst_mv (-1, 5.0, 110.0, 37.0, &e));
  assert_close (e, -82.6, 0.05);
}

static void
test_nernst_potassium_cooling (void)
{
  double e37, e20;

  /* E ∝ T: cooling from 37 to 20 °C scales every Nernst potential by the
   * ratio of absolute temperatures 293.15/310.15 = 0.945188, about 5.5 %
   * smaller.  K⁺ 140/5 mM (Purves, Neuroscience, Table 2.1). */
  g_assert_true (ml_nernst_mv (1, 140.0, 5.0, 37.0, &e37));
  g_assert_true (ml_nernst_mv (1, 140.0, 5.0, 20.0, &e20));
  g_assert_cmpfloat (e37, <, 0.0);
  assert_rel (e20 / e37, 293.15 / 310.15, 1e-12);
  assert_close (1.0 - fabs (e20) / fabs (e37), 0.055, 0.001);
}

static void
test_nernst_divalent (void)
{
  double e1, e2;

  /* E = RT/(zF)·ln(ratio): z = 2 needs exactly half the voltage. */
  g_assert_true (ml_nernst_mv (1, 0.0001, 2.0, 37.0, &e1));
  g_assert_true (ml_nernst_mv (2, 0.0001, 2.0, 37.0, &e2));
  assert_rel (e2, e1 / 2.0, 1e-12);
  /* Hand: 26.7267/2 × ln(20000) = 13.3633 × 9.90349 = 132.34 mV. */
  assert_close (e2, 132.34, 0.01);
}

static void
test_nernst_degenerate (void)
{
  double e = 123.0;

  /* A cation with nothing outside: ln(0/c) → −∞, so E → −∞. */
  g_assert_false (ml_nernst_mv (1, 140.0, 0.0, 37.0, &e));
  g_assert_cmpfloat (e, ==, -1.0);
  /* Nothing inside: E → +∞ for a cation, −∞ for an anion. */
  g_assert_false (ml_nernst_mv (1, 0.0, 5.0, 37.0, &e));
  g_assert_cmpfloat (e, ==, 1.0);
  g_assert_false (ml_nernst_mv (-1, 0.0, 110.0, 37.0, &e));
  g_assert_cmpfloat (e, ==, -1.0);
  g_assert_false (ml_nernst_mv (-1, 10.0, 0.0, 37.0, &e));
  g_assert_cmpfloat (e, ==, 1.0);
  /* Both empty, no charge, or no temperature: undefined, 0. */
  g_assert_false (ml_nernst_mv (1, 0.0, 0.0, 37.0, &e));
  g_assert_cmpfloat (e, ==, 0.0);
  g_assert_false (ml_nernst_mv (0, 140.0, 5.0, 37.0, &e));
  g_assert_cmpfloat (e, ==, 0.0);
  g_assert_false (ml_nernst_mv (1, 140.0, 5.0, -ML_ZERO_CELSIUS_K, &e));
  g_assert_cmpfloat (e, ==, 0.0);
  g_assert_false (ml_nernst_mv (1, 140.0, 5.0, -300.0, &e));
  g_assert_cmpfloat (e, ==, 0.0);
  g_assert_false (ml_nernst_mv (1, 140.0, 5.0, NAN, &e));
  g_assert_false (ml_nernst_mv (1, -1.0, 5.0, 37.0, &e));

  g_assert_false (ml_temperature_valid (-ML_ZERO_CELSIUS_K));
  g_assert_false (ml_temperature_valid (-300.0));
  g_assert_true (ml_temperature_valid (-273.0));
  g_assert_cmpfloat (ml_rt_over_f_mv (-ML_ZERO_CELSIUS_K), ==, 0.0);
  g_assert_cmpfloat (ml_rt_over_f_mv (-300.0), ==, 0.0);

  /* A denormal against a large concentration: c_out/c_in overflows, but
   * the logarithm of the ratio does not.  Hand: ln(1e5/1e-320) =
   * 325·ln 10 = 748.34, × 26.7267 = 20000.7 mV. */
  g_assert_true (ml_nernst_mv (1, 1e-320, 1e5, 37.0, &e));
  assert_rel (e, RTF_37 * 325.0 * G_LN10, 1e-3);
}

static void
test_driving_force_neuron (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  MlIon k = { "K", 1, 140.0, 4.0, 5e-7, true };
  MlIon na = { "Na", 1, 15.0, 145.0, 2.5e-8, true };
  MlSolution sol;
  int ik, ina;

  ik = ml_cell_set_ion (cell, &k);
  ina = ml_cell_set_ion (cell, &na);
  ml_cell_solve_at (cell, -70.0, &sol);

  g_assert_true (sol.vm_defined);
  g_assert_true (sol.vm_clamped);
  assert_close (sol.vm_mv, -70.0, 0.0);

  /* E_K = 26.7267 × ln(4/140) = 26.7267 × (−3.55535) = −95.02 mV;
   * E_Na = 26.7267 × ln(145/15) = 26.7267 × 2.26868 = +60.63 mV.
   * At −70 mV: V − E_K = −70 + 95.02 = +25.02 mV (K⁺ leaves),
   *            V − E_Na = −70 − 60.63 = −130.63 mV (Na⁺ enters). */
  assert_close (sol.ions[ik].nernst_mv, -95.02, 0.01);
  assert_close (sol.ions[ina].nernst_mv, 60.63, 0.01);
  assert_close (sol.ions[ik].driving_force_mv, 25.02, 0.01);
  assert_close (sol.ions[ina].driving_force_mv, -130.63, 0.01);
  g_assert_cmpint (sol.ions[ik].direction, ==, 1);
  g_assert_cmpint (sol.ions[ina].direction, ==, -1);
  /* The currents agree with the arrows: K⁺ outward (+), Na⁺ inward (−). */
  g_assert_cmpfloat (sol.ions[ik].current_ua_cm2, >, 0.0);
  g_assert_cmpfloat (sol.ions[ina].current_ua_cm2, <, 0.0);
}

/* The driving force in its two parts, as the membrane view's thin arrows
 * draw them: the gradient's push (−E) and the field's (V_m). */
static void
test_driving_force_parts_squid (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  MlIon k = { "K", 1, 400.0, 20.0, 1e-6, true };
  MlIon na = { "Na", 1, 50.0, 440.0, 4e-8, true };
  MlIon k_gone = { "K", 1, 400.0, 0.0, 1e-6, true };
  MlSolution sol;
  int ik, ina;

  ml_cell_set_temperature (cell, 18.0);
  ik = ml_cell_set_ion (cell, &k);
  ina = ml_cell_set_ion (cell, &na);
  ml_cell_solve_at (cell, -70.0, &sol);

  /* Squid axon at 18 °C, RT/F = 25.0894 mV:
   *   E_K  = 25.0894 × ln(20/400) = 25.0894 × (−2.99573) = −75.16 mV,
   *        so the gradient pushes K⁺ out with +75.16 mV;
   *   E_Na = 25.0894 × ln(440/50) = 25.0894 × 2.17475 = +54.56 mV,
   *        so it pushes Na⁺ in with −54.56 mV.
   * At −70 mV the field pulls both in with −70 mV:
   *   K⁺:  +75.16 − 70 = +5.16 mV = V − E_K, out;
   *   Na⁺: −54.56 − 70 = −124.56 mV = V − E_Na, in. */
  assert_close (sol.ions[ik].chemical_push_mv, 75.16, 0.01);
  assert_close (sol.ions[ik].electrical_push_mv, -70.0, 0.0);
  assert_close (sol.ions[ik].driving_force_mv, 5.16, 0.01);
  assert_close (sol.ions[ina].chemical_push_mv, -54.56, 0.01);
  assert_close (sol.ions[ina].electrical_push_mv, -70.0, 0.0);
  assert_close (sol.ions[ina].driving_force_mv, -124.56, 0.01);
  for (guint i = 0; i < sol.n_ions; i++)
    {
      const MlIonResult *r = &sol.ions[i];

      /* to the last bit: V + (−E) is V − E */
      g_assert_cmpfloat (r->chemical_push_mv + r->electrical_push_mv, ==, r->driving_force_mv);
      g_assert_cmpfloat (r->chemical_push_mv, ==, -r->nernst_mv);
    }

  /* The solved V_m of the same cell: still the two parts of V − E. */
  ml_cell_solve (cell, &sol);
  g_assert_true (sol.vm_defined);
  g_assert_cmpfloat (sol.ions[ik].electrical_push_mv, ==, sol.vm_mv);
  g_assert_cmpfloat (sol.ions[ik].chemical_push_mv + sol.ions[ik].electrical_push_mv, ==,
                     sol.ions[ik].driving_force_mv);

  /* E = −∞ (no K⁺ outside): no number for either part, as for V − E. */
  ml_cell_set_ion (cell, &k_gone);
  ml_cell_solve_at (cell, -70.0, &sol);
  g_assert_cmpint (sol.ions[ik].nernst_state, ==, ML_NERNST_MINUS_INFINITY);
  g_assert_cmpfloat (sol.ions[ik].chemical_push_mv, ==, 0.0);
  g_assert_cmpfloat (sol.ions[ik].electrical_push_mv, ==, 0.0);
  g_assert_cmpfloat (sol.ions[ina].electrical_push_mv, ==, -70.0);

  /* No V_m (nothing permeant): both 0 for every ion. */
  ml_cell_set_ion_value (cell, ik, ML_ION_FIELD_P, 0.0);
  ml_cell_set_ion_value (cell, ina, ML_ION_FIELD_P, 0.0);
  ml_cell_solve (cell, &sol);
  g_assert_false (sol.vm_defined);
  for (guint i = 0; i < sol.n_ions; i++)
    {
      g_assert_cmpfloat (sol.ions[i].chemical_push_mv, ==, 0.0);
      g_assert_cmpfloat (sol.ions[i].electrical_push_mv, ==, 0.0);
    }
}

static void
test_delta_g_potassium_efflux (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  MlIon k = { "K", 1, 140.0, 4.0, 5e-7, true };
  double chem, elec, total;
  MlSolution sol;

  /* Moving 1 mol K⁺ out at −70 mV, 37 °C:
   * chemical   = RT·ln(4/140) = 8.314462618 × 310.15 × (−3.55535) = −9168.3 J/mol
   * electrical = −zFV = −96485.33212 × (−0.070) = +6754.0 J/mol
   * total      = −2414.3 J/mol < 0: efflux is spontaneous at rest. */
  g_assert_true (ml_delta_g_out (1, 140.0, 4.0, -70.0, 37.0, &chem, &elec, &total));
  assert_close (chem, -9168.3, 0.1);
  assert_rel (elec, 96485.33212 * 0.070, 1e-9); /* F rounded to 10 digits */
  assert_close (total, -2414.3, 0.1);
  g_assert_cmpfloat (total, <, 0.0);
  assert_rel (chem + elec, total, 1e-15);

  /* The solver reports the same parts (its chemical part comes from E). */
  ml_cell_set_ion (cell, &k);
  ml_cell_solve_at (cell, -70.0, &sol);
  g_assert_true (sol.ions[0].delta_g_defined);
  assert_rel (sol.ions[0].delta_g_chemical, chem, 1e-12);
  assert_rel (sol.ions[0].delta_g_electrical, elec, 1e-12);
  assert_rel (sol.ions[0].delta_g_total,
              sol.ions[0].delta_g_chemical + sol.ions[0].delta_g_electrical, 1e-15);

  /* A zero concentration: chemical part infinite, so undefined; the
   * electrical part −zFV is still there.  For Ca²⁺ at +10 mV:
   * −2 × 96485.33212 × 0.010 = −1929.7 J/mol. */
  g_assert_false (ml_delta_g_out (2, 0.0, 2.0, 10.0, 37.0, &chem, &elec, &total));
  g_assert_cmpfloat (chem, ==, 0.0);
  g_assert_cmpfloat (total, ==, 0.0);
  assert_rel (elec, -2.0 * 96485.33212 * 0.010, 1e-9);
}

static void
test_ghk_swap_permeabilities (void)
{
  /* Mammalian neuron, K 140/5, Na 15/145, Cl 10/110 mM, 37 °C.
   * P_K : P_Na : P_Cl = 1 : 0.05 : 0.45:
   *   (5 + 0.05·145 + 0.45·10)/(140 + 0.05·15 + 0.45·110) = 16.75/190.25
   *   V = 26.7267 × ln 0.088042 = −64.94 mV
   * swapped, P_K : P_Na = 0.05 : 1:
   *   (0.05·5 + 145 + 4.5)/(0.05·140 + 15 + 49.5) = 149.75/71.5
   *   V = 26.7267 × ln 2.09441 = +19.76 mV */
  MlSpecies rest[] = {
    { 1, 140.0, 5.0, 1.0 }, { 1, 15.0, 145.0, 0.05 }, { -1, 10.0, 110.0, 0.45 },
  };
  MlSpecies swapped[] = {
    { 1, 140.0, 5.0, 0.05 }, { 1, 15.0, 145.0, 1.0 }, { -1, 10.0, 110.0, 0.45 },
  };
  double v_rest, v_swapped;

  g_assert_true (ml_ghk_voltage_mv (rest, 3, 37.0, &v_rest));
  g_assert_true (ml_ghk_voltage_mv (swapped, 3, 37.0, &v_swapped));
  assert_close (v_rest, -64.94, 0.01);
  assert_close (v_swapped, 19.76, 0.01);
  g_assert_cmpfloat (v_swapped, >, 0.0);
}

static void
test_ghk_squid_axon (void)
{
  /* Squid giant axon at 18 °C (Hodgkin & Katz 1949, J. Physiol. 108:37):
   * K 400/20, Na 50/440, Cl 52/560 mM, P_K : P_Na : P_Cl = 1 : 0.04 : 0.45.
   *   num = 20 + 0.04·440 + 0.45·52  = 20 + 17.6 + 23.4 = 61
   *   den = 400 + 0.04·50 + 0.45·560 = 400 + 2 + 252  = 654
   *   RT/F at 291.15 K = 25.0894 mV
   *   V = 25.0894 × ln(61/654) = 25.0894 × (−2.37223) = −59.52 mV
   * Hodgkin & Katz report about −60 mV. */
  MlSpecies squid[] = {
    { 1, 400.0, 20.0, 1.0 }, { 1, 50.0, 440.0, 0.04 }, { -1, 52.0, 560.0, 0.45 },
  };
  double v;

  g_assert_true (ml_ghk_voltage_mv (squid, 3, 18.0, &v));
  assert_close (v, -59.52, 0.01);
  assert_close (v, -60.0, 1.0);
}

static void
test_ghk_closed_forms (void)
{
  MlSpecies neuron[] = {
    { 1, 140.0, 5.0, 1.0 }, { 1, 15.0, 145.0, 0.05 }, { -1, 10.0, 110.0, 0.45 },
    { 2, 0.0001, 2.0, 0.0 },
  };
  MlSpecies k_only[] = { { 1, 140.0, 0.0, 1.0 } };
  MlSpecies odd[] = { { 1, 140.0, 5.0, 1.0 }, { 3, 1.0, 1.0, 1.0 } };
  double v_mono, v_div, v_r1, v_r15, v;

  /* With P_Ca = 0 the Ca²⁺ quadratic must give the monovalent equation. */
  g_assert_true (ml_ghk_voltage_mv (neuron, 3, 37.0, &v_mono));
  g_assert_true (ml_ghk_divalent_voltage_mv (neuron, 4, 37.0, &v_div));
  assert_close (v_div, v_mono, 1e-12);

  /* A little Ca²⁺ permeability depolarizes: E_Ca is about +132 mV. */
  neuron[3].p = 0.01;
  g_assert_true (ml_ghk_divalent_voltage_mv (neuron, 4, 37.0, &v));
  g_assert_cmpfloat (v, >, v_mono);
  /* …and that V is a zero of the summed GHK currents (the definition). */
  {
    double sum = 0.0, scale = 0.0;

    for (guint i = 0; i < 4; i++)
      {
        double c = ml_ghk_current (neuron[i].z, neuron[i].p * 1e-6, neuron[i].c_in,
                                   neuron[i].c_out, v, 37.0);
        sum += c;
        scale += fabs (c);
      }
    g_assert_cmpfloat (fabs (sum), <=, 1e-12 * scale);
  }

  /* Mullins–Noda: K 140/5, Na 15/145, P_Na/P_K = 0.05, 37 °C.
   * r = 1:   (5 + 7.25)/(140 + 0.75)     → 26.7267 × ln(12.25/140.75) = −65.25 mV
   * r = 1.5: (1.5·5 + 7.25)/(1.5·140 + 0.75) = 14.75/210.75 → −71.08 mV
   * r = 1 is GHK without Cl⁻. */
  g_assert_true (ml_mullins_noda_mv (1.0, 1.0, 140.0, 5.0, 0.05, 15.0, 145.0, 37.0, &v_r1));
  g_assert_true (ml_mullins_noda_mv (1.5, 1.0, 140.0, 5.0, 0.05, 15.0, 145.0, 37.0, &v_r15));
  assert_close (v_r1, -65.25, 0.01);
  assert_close (v_r15, -71.08, 0.01);
  g_assert_cmpfloat (v_r15, <, v_r1);
  g_assert_true (ml_ghk_voltage_mv (neuron, 2, 37.0, &v_mono));
  assert_close (v_r1, v_mono, 1e-12);

  /* No outside K⁺ and nothing else: the numerator is 0, V → −∞. */
  g_assert_false (ml_ghk_voltage_mv (k_only, 1, 37.0, &v));
  g_assert_cmpfloat (v, ==, 0.0);
  g_assert_false (ml_ghk_divalent_voltage_mv (k_only, 1, 37.0, &v));
  /* A valence the closed forms do not cover. */
  g_assert_false (ml_ghk_voltage_mv (odd, 2, 37.0, &v));
  g_assert_false (ml_ghk_divalent_voltage_mv (odd, 2, 37.0, &v));
  /* No temperature. */
  g_assert_false (ml_ghk_voltage_mv (neuron, 3, -300.0, &v));
}

/* x/(eˣ − 1) in long double: an oracle independent of ml_bernoulli(). */
static double
bernoulli_oracle (double x)
{
  long double lx = x;

  return (double)(lx / expm1l (lx));
}

static void
test_bernoulli (void)
{
  /* B(0) = 1 (the limit of x/(eˣ − 1)). */
  g_assert_cmpfloat (ml_bernoulli (0.0), ==, 1.0);

  for (int i = -2000; i <= 2000; i++)
    {
      /* Log-spaced |x| from 1e-12 to 700 on both sides. */
      double mag = pow (10.0, -12.0 + 14.845 * abs (i) / 2000.0);
      double x = i < 0 ? -mag : mag;
      double b = ml_bernoulli (x);

      /* B(−x) = x + B(x), exact (−x/(e^(−x) − 1) = x·eˣ/(eˣ − 1)); the
       * rounding scale is that of the terms added. */
      assert_close (ml_bernoulli (-x), x + b, 4.0 * DBL_EPSILON * (fabs (x) + fabs (b)));

      /* Away from 0, the plain formula is accurate; there compare to
       * 1e-15 relative, and near 0 with the long-double oracle. */
      if (fabs (x) >= 1e-4 && fabs (x) <= 700.0)
        assert_rel (b, x / expm1 (x), 1e-15);
      assert_rel (b, bernoulli_oracle (x), 1e-15);
    }

  /* Continuity across the series switch at |x| = 1e-4: the two sides
   * differ by about B'·Δx = 0.5 × 2e-13, far below 1e-12. */
  for (int s = -1; s <= 1; s += 2)
    {
      double below = ml_bernoulli (s * (1e-4 - 1e-13));
      double above = ml_bernoulli (s * (1e-4 + 1e-13));

      assert_close (below, above, 1e-12);
      assert_rel (below, bernoulli_oracle (s * (1e-4 - 1e-13)), 1e-15);
      assert_rel (above, bernoulli_oracle (s * (1e-4 + 1e-13)), 1e-15);
    }

  /* Far out it stays finite: B(800) = 800·e^(−800) underflows to 0, B(−800) = 800. */
  g_assert_true (isfinite (ml_bernoulli (800.0)));
  g_assert_cmpfloat (ml_bernoulli (800.0), >=, 0.0);
  assert_rel (ml_bernoulli (-800.0), 800.0, 1e-15);
}

static void
test_ghk_current_zero_at_nernst (void)
{
  double e, i;
  const double p = 1e-6;

  /* K⁺ 140/5 at 37 °C: at E_K the two fluxes cancel.  The scale of each
   * one-way flux is P·F·c_in·B(−x), here about 1e-6 × 96485 × 140 × 3 ≈ 40. */
  g_assert_true (ml_nernst_mv (1, 140.0, 5.0, 37.0, &e));
  i = ml_ghk_current (1, p, 140.0, 5.0, e, 37.0);
  g_assert_cmpfloat (fabs (i), <=, 1e-12 * p * ML_FARADAY * 140.0 * 3.0);

  /* The same for Cl⁻ and Ca²⁺. */
  g_assert_true (ml_nernst_mv (-1, 10.0, 110.0, 37.0, &e));
  g_assert_cmpfloat (fabs (ml_ghk_current (-1, p, 10.0, 110.0, e, 37.0)), <=,
                     1e-12 * p * ML_FARADAY * 110.0 * 3.0);
  g_assert_true (ml_nernst_mv (2, 0.0001, 2.0, 37.0, &e));
  g_assert_cmpfloat (fabs (ml_ghk_current (2, p, 0.0001, 2.0, e, 37.0)), <=,
                     1e-12 * p * 2.0 * ML_FARADAY * 2.0 * 20.0);

  /* Above E_K the K⁺ current is outward (+), below inward (−). */
  g_assert_true (ml_nernst_mv (1, 140.0, 5.0, 37.0, &e));
  g_assert_cmpfloat (ml_ghk_current (1, p, 140.0, 5.0, e + 1.0, 37.0), >, 0.0);
  g_assert_cmpfloat (ml_ghk_current (1, p, 140.0, 5.0, e - 1.0, 37.0), <, 0.0);

  /* No temperature: 0, not NaN. */
  g_assert_cmpfloat (ml_ghk_current (1, p, 140.0, 5.0, -70.0, -300.0), ==, 0.0);
}

static void
test_ghk_current_through_zero (void)
{
  /* As V → 0, (1 − e^(−u)) → u with u = zFV/RT, so
   *   I → P·z²·(F²V/RT)·(c_in − c_out)/(zFV/RT) = P·z·F·(c_in − c_out).
   * Units: P [cm/s] · F [C/mol] · c [mM = 1e-6 mol/cm³] = 1e-6 A/cm² = µA/cm².
   * K⁺ 140/5, P = 1e-6 cm/s: 1e-6 × 96485.33212 × 135 = 13.02552 µA/cm². */
  const double p = 1e-6;
  double i0 = ml_ghk_current (1, p, 140.0, 5.0, 0.0, 37.0);
  double ip = ml_ghk_current (1, p, 140.0, 5.0, 1e-9, 37.0);
  double im = ml_ghk_current (1, p, 140.0, 5.0, -1e-9, 37.0);

  assert_rel (i0, 13.02552, 1e-6);
  /* The slope at 0 is P·F·(c_in + c_out)/(2·RT/F) ≈ 1e-6 × 96485 × 72.5/26.73
   * ≈ 0.26 µA/cm² per mV, so ±1e-9 mV moves I by ≈ 2.6e-10: continuous, and
   * still ordered (2.6e-10 is 2e-11 of I, well above rounding). */
  assert_close (ip, i0, 1e-9);
  assert_close (im, i0, 1e-9);
  g_assert_cmpfloat (im, <, i0);
  g_assert_cmpfloat (i0, <, ip);
  assert_rel ((ip - im) / 2e-9, p * ML_FARADAY * 145.0 / 2.0 / ml_rt_over_f_mv (37.0), 1e-3);

  /* Ca²⁺: I(0) = P·2·F·(c_in − c_out) = 1e-6 × 2 × 96485.33212 × (0.0001 − 2)
   * = −0.385922 µA/cm². */
  assert_rel (ml_ghk_current (2, p, 0.0001, 2.0, 0.0, 37.0), -0.385922, 1e-5);
  /* Cl⁻: z = −1: 1e-6 × (−1) × 96485.33212 × (10 − 110) = +9.648533 µA/cm². */
  assert_rel (ml_ghk_current (-1, p, 10.0, 110.0, 0.0, 37.0), 9.648533, 1e-6);
}

static void
test_ghk_current_monotone (void)
{
  const int zs[] = { 1, -1, 2, -2 };

  /* dI/dV > 0 everywhere (docs/ARCHITECTURE.md: each GHK current rises with V), and
   * the analytic slope of ml_ghk_current_x matches a central difference. */
  for (guint k = 0; k < G_N_ELEMENTS (zs); k++)
    {
      double prev = -INFINITY;

      for (double x = -40.0; x <= 40.0; x += 0.0137)
        {
          double slope, h = 1e-6;
          double i = ml_ghk_current_x (zs[k], 1e-6, 140.0, 5.0, x, &slope);
          double fd = (ml_ghk_current_x (zs[k], 1e-6, 140.0, 5.0, x + h, NULL)
                       - ml_ghk_current_x (zs[k], 1e-6, 140.0, 5.0, x - h, NULL)) / (2.0 * h);

          g_assert_cmpfloat (slope, >, 0.0);
          g_assert_cmpfloat (i, >, prev);
          assert_rel (slope, fd, 1e-5);
          prev = i;
        }
    }
}

static void
test_charge_sphere (void)
{
  MlCharge c;

  /* r = 10 µm = 1e-3 cm: A = 4π·(1e-3)² = 1.256637e-5 cm²;
   * Q = 1e-6 F/cm² × 1.256637e-5 cm² × 0.070 V = 8.79646e-13 C;
   * N = Q/e = 8.79646e-13 / 1.602176634e-19 = 5.4903e6 K⁺ ions.
   * Volume = 4/3·π·(1e-3)³ cm³ = 4.18879e-9 cm³ = 4.18879e-12 L; at 140 mM it
   * holds 0.140 × 4.18879e-12 × 6.02214076e23 = 3.5316e11 K⁺, so the
   * fraction moved is 5.4903e6/3.5316e11 = 1.5546e-5. */
  ml_charge_sphere (10.0, 1.0, -70.0, 1, 140.0, &c);
  assert_rel (c.area_cm2, 4.0 * G_PI * 1e-6, 1e-12);
  assert_rel (c.volume_l, 4.0 / 3.0 * G_PI * 1e-9 * 1e-3, 1e-12);
  assert_rel (c.charge_c, 8.79646e-13, 1e-5);
  assert_rel (c.ions_moved, 5.4903e6, 1e-4);
  assert_rel (c.fraction, 1.5546e-5, 1e-4);

  /* Ca²⁺ carries two charges: half as many ions. */
  {
    MlCharge ca;

    ml_charge_sphere (10.0, 1.0, -70.0, 2, 140.0, &ca);
    assert_rel (ca.ions_moved, c.ions_moved / 2.0, 1e-15);
  }

  /* No K⁺ inside: fraction 0, not a division by zero. */
  ml_charge_sphere (10.0, 1.0, -70.0, 1, 0.0, &c);
  g_assert_cmpfloat (c.fraction, ==, 0.0);
  g_assert_true (isfinite (c.ions_moved));
}

static void
test_donnan_open_bath (void)
{
  MlDonnan d;

  /* 100 mM of A⁻ inside, 100 mM KCl bath.  r² − r − 1 = 0 (from
   * r²·c − |z|·A·r − c = 0 with A = c), so r = (1 + √5)/2 = 1.618034:
   * K_in = 161.803, Cl_in = 61.803 mM,
   * V = 26.7267 × ln(1/1.618034) = 26.7267 × (−0.481212) = −12.861 mV. */
  g_assert_true (ml_donnan_open_bath (100.0, -1, 100.0, 37.0, &d));
  assert_rel (d.ratio, (1.0 + sqrt (5.0)) / 2.0, 1e-14);
  assert_rel (d.k_in, 161.803399, 1e-8);
  assert_rel (d.cl_in, 61.803399, 1e-8);
  assert_close (d.vm_mv, -12.861, 0.001);
  /* The Donnan rule and electroneutrality inside. */
  assert_rel (d.k_in * d.cl_in, 100.0 * 100.0, 1e-14);
  assert_close (d.k_in - d.cl_in - 100.0, 0.0, 1e-12);
  g_assert_cmpfloat (d.vm_mv, <, 0.0);
  /* Osmotic excess: (161.80 + 61.80 + 100) − 200 = 123.61 mOsm. */
  assert_close (d.osmotic_excess_mosm, 123.607, 0.001);
  g_assert_cmpfloat (d.osmotic_excess_mosm, >, 0.0);

  /* Divalent anion: electroneutrality counts its charge twice. */
  g_assert_true (ml_donnan_open_bath (50.0, -2, 100.0, 37.0, &d));
  assert_close (d.k_in - d.cl_in - 100.0, 0.0, 1e-12);

  /* Invalid: a cation, no bath. */
  g_assert_false (ml_donnan_open_bath (100.0, 1, 100.0, 37.0, &d));
  g_assert_false (ml_donnan_open_bath (100.0, -1, 0.0, 37.0, &d));
}

/* A large bath against a cell full of impermeant anion and KCl: almost
 * all the inside Cl⁻ leaves.  By hand, with ρ = v_in/v_out = 1e-9 and
 * T = KCl_out + ρ·KCl_in = 1e-3 + 1e-4 = 1.1e-3 mM, the quadratic gives
 * Cl_in ≈ T²/(|z|A) = 1.21e-6 / 1e5 = 1.21e-11 mM (the terms dropped are
 * below 1e-8 relative).  Computed through the KCl moved, Cl_in came out 0. */
/* No K⁺ inside: the fraction of the cell's K⁺ is undefined, not 0. */
static void
test_charge_without_ions (void)
{
  MlCharge charge;

  ml_charge_sphere (10.0, 1.0, -70.0, 1, 0.0, &charge);
  g_assert_false (charge.fraction_defined);
  g_assert_cmpfloat (charge.fraction, ==, 0.0);
  g_assert_cmpfloat (charge.ions_moved, >, 0.0);

  /* 140 mM in a 10 µm cell: defined, and about 1e-5 (docs/ARCHITECTURE.md's "one in
   * 100,000"). */
  ml_charge_sphere (10.0, 1.0, -70.0, 1, 140.0, &charge);
  g_assert_true (charge.fraction_defined);
  g_assert_cmpfloat (charge.fraction, >, 1e-6);
  g_assert_cmpfloat (charge.fraction, <, 1e-4);
}

static void
test_donnan_closed_tiny_chloride (void)
{
  MlDonnan closed;

  g_assert_true (ml_donnan_closed (1e5, -1, 1e5, 1e-3, 1.0, 1e9, 37.0, &closed));
  g_assert_cmpfloat (closed.cl_in, >, 0.0);
  assert_rel (closed.cl_in, 1.21e-11, 1e-6);
  /* The Donnan rule holds to rounding, and so does electroneutrality. */
  assert_rel (closed.k_in * closed.cl_in, closed.k_out * closed.cl_out, 1e-12);
  assert_rel (closed.k_in - closed.cl_in, 1e5, 1e-15);
}

/* Equal volumes, no KCl inside: x = T²/(|z|A + 2T) with T = 10 mM and
 * |z|A = 100 mM gives Cl_in = 100/120 = 0.8333… mM, K_out = Cl_out =
 * 10 − 0.8333 = 9.1667 mM (hand calculation). */
static void
test_donnan_closed_hand (void)
{
  MlDonnan closed;

  g_assert_true (ml_donnan_closed (100.0, -1, 0.0, 10.0, 1.0, 1.0, 37.0, &closed));
  assert_rel (closed.cl_in, 100.0 / 120.0, 1e-14);
  assert_rel (closed.k_in, 100.0 + 100.0 / 120.0, 1e-14);
  assert_rel (closed.k_out, 10.0 - 100.0 / 120.0, 1e-14);
  assert_rel (closed.cl_out, 10.0 - 100.0 / 120.0, 1e-14);
}

static void
test_donnan_closed (void)
{
  MlDonnan open, closed;
  const double a = 50.0, kcl_in = 20.0, kcl_out = 80.0, v_in = 1.0, v_out = 2.0;

  /* A huge outside is an open bath. */
  g_assert_true (ml_donnan_open_bath (100.0, -1, 100.0, 37.0, &open));
  g_assert_true (ml_donnan_closed (100.0, -1, 0.0, 100.0, 1.0, 1e9, 37.0, &closed));
  assert_rel (closed.k_in, open.k_in, 1e-6);
  assert_rel (closed.cl_in, open.cl_in, 1e-6);
  assert_rel (closed.vm_mv, open.vm_mv, 1e-6);

  /* A finite outside: K⁺ and Cl⁻ amounts are conserved, the Donnan rule
   * holds, and both sides stay neutral. */
  g_assert_true (ml_donnan_closed (a, -1, kcl_in, kcl_out, v_in, v_out, 37.0, &closed));
  assert_rel (closed.k_in * v_in + closed.k_out * v_out,
              (a + kcl_in) * v_in + kcl_out * v_out, 1e-12);
  assert_rel (closed.cl_in * v_in + closed.cl_out * v_out,
              kcl_in * v_in + kcl_out * v_out, 1e-12);
  assert_rel (closed.k_in * closed.cl_in, closed.k_out * closed.cl_out, 1e-12);
  assert_close (closed.k_in - closed.cl_in - a, 0.0, 1e-9);
  g_assert_cmpfloat (closed.vm_mv, <, 0.0);
  g_assert_cmpfloat (closed.osmotic_excess_mosm, >, 0.0);

  g_assert_false (ml_donnan_closed (a, -1, kcl_in, kcl_out, 0.0, v_out, 37.0, &closed));
}

static void
test_q10 (void)
{
  /* 2.4^((27 − 37)/10) = 2.4^(−1) = 1/2.4. */
  assert_rel (ml_q10_factor (2.4, 27.0, 37.0), 1.0 / 2.4, 1e-14);
  /* 3^((57 − 37)/10) = 9. */
  assert_rel (ml_q10_factor (3.0, 57.0, 37.0), 9.0, 1e-14);
  g_assert_cmpfloat (ml_q10_factor (2.4, 37.0, 37.0), ==, 1.0);
  /* Nonsense Q10: no scaling rather than NaN. */
  g_assert_cmpfloat (ml_q10_factor (0.0, 27.0, 37.0), ==, 1.0);
  g_assert_cmpfloat (ml_q10_factor (2.4, NAN, 37.0), ==, 1.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/constants/rt-over-f", test_constants_rt_over_f);
  g_test_add_func ("/nernst/chloride-neuron", test_nernst_chloride_neuron);
  g_test_add_func ("/nernst/potassium-cooling", test_nernst_potassium_cooling);
  g_test_add_func ("/nernst/divalent", test_nernst_divalent);
  g_test_add_func ("/nernst/degenerate", test_nernst_degenerate);
  g_test_add_func ("/driving-force/neuron", test_driving_force_neuron);
  g_test_add_func ("/driving-force/parts-squid", test_driving_force_parts_squid);
  g_test_add_func ("/delta-g/potassium-efflux", test_delta_g_potassium_efflux);
  g_test_add_func ("/ghk/swap-permeabilities", test_ghk_swap_permeabilities);
  g_test_add_func ("/ghk/squid-axon", test_ghk_squid_axon);
  g_test_add_func ("/ghk/closed-forms", test_ghk_closed_forms);
  g_test_add_func ("/bernoulli/identities", test_bernoulli);
  g_test_add_func ("/ghk-current/zero-at-nernst", test_ghk_current_zero_at_nernst);
  g_test_add_func ("/ghk-current/through-zero", test_ghk_current_through_zero);
  g_test_add_func ("/ghk-current/monotone", test_ghk_current_monotone);
  g_test_add_func ("/charge/sphere", test_charge_sphere);
  g_test_add_func ("/donnan/open-bath", test_donnan_open_bath);
  g_test_add_func ("/charge/without-ions", test_charge_without_ions);
  g_test_add_func ("/donnan/closed-tiny-chloride", test_donnan_closed_tiny_chloride);
  g_test_add_func ("/donnan/closed-hand", test_donnan_closed_hand);
  g_test_add_func ("/donnan/closed", test_donnan_closed);
  g_test_add_func ("/pump/q10", test_q10);

  return g_test_run ();
}
