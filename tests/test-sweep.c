/* test-sweep.c — one parameter over a range (ml-sweep.h)
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected potentials are the Goldman–Hodgkin–Katz voltage equation
 * written out here for monovalent ions with the pump off (Hodgkin & Katz
 * 1949): V = (RT/F)·ln((P_K·K_o + P_Na·Na_o + P_Cl·Cl_i)/(P_K·K_i + P_Na·Na_i
 * + P_Cl·Cl_o)), RT/F from the CODATA constants.
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-curves.h"
#include "ml-presets.h"
#include "ml-sweep.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

/* RT/F at 37 °C in mV from the CODATA 2018 exact constants: R = N_A·k_B,
 * F = N_A·e, so RT/F = k_B·T/e (26.7268 mV). */
#define RT_F_37 (1000.0 * 1.380649e-23 * 310.15 / 1.602176634e-19)

static void
assert_close (double value,
              double expected,
              double tolerance)
{
  if (!(fabs (value - expected) <= tolerance))
    g_error ("got %.12g, expected %.12g ± %g", value, expected, tolerance);
}

/* The neuron's three monovalent ions, 1 : 0.05 : 0.45, pump off. */
static MlCell *
cell_new (void)
{
  MlCell *cell = ml_cell_new ();
  const MlIon ions[] = {
    { "K", 1, 140.0, 5.0, 5e-7, true },
    { "Na", 1, 15.0, 145.0, 2.5e-8, true },
    { "Cl", -1, 10.0, 110.0, 2.25e-7, true },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ions); i++)
    g_assert_cmpint (ml_cell_set_ion (cell, &ions[i]), >=, 0);
  ml_cell_set_temperature (cell, 37.0);
  return cell;
}

static double
ghk (double k_o,
     double na_o)
{
  return RT_F_37 * log ((1.0 * k_o + 0.05 * na_o + 0.45 * 10.0)
                        / (1.0 * 140.0 + 0.05 * 15.0 + 0.45 * 110.0));
}

static void
test_k_sweep_trades_na (void)
{
  g_autoptr (MlCell) cell = cell_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (MlSweep) sweep = ml_sweep_parse ("K.out=2.5,5,10,20,40,80", cell, &error);
  MlSolution sols[6];

  g_assert_no_error (error);
  g_assert_cmpuint (ml_sweep_get_n_points (sweep), ==, 6);
  g_assert_true (ml_sweep_get_trade_na (sweep));
  g_assert_true (ml_sweep_can_trade_na (sweep, cell));
  ml_sweep_run (sweep, cell, sols);
  for (guint i = 0; i < 6; i++)
    {
      double k = ml_sweep_get_value (sweep, i);

      /* Na⁺ outside is 145 − (K − 5): the saline keeps 150 mM of cations. */
      assert_close (sols[i].vm_mv, ghk (k, 145.0 - (k - 5.0)), 1e-9);
      assert_close (sols[i].ions[0].nernst_mv, RT_F_37 * log (k / 140.0), 1e-5);
    }
  /* The base cell is not changed. */
  assert_close (ml_cell_get_ion (cell, 0)->c_out, 5.0, 0.0);
  assert_close (ml_cell_get_ion (cell, 1)->c_out, 145.0, 0.0);

  /* Kept Na⁺: the bath's osmolarity rises. */
  ml_sweep_set_trade_na (sweep, FALSE);
  ml_sweep_run (sweep, cell, sols);
  for (guint i = 0; i < 6; i++)
    assert_close (sols[i].vm_mv, ghk (ml_sweep_get_value (sweep, i), 145.0), 1e-9);
}

static void
test_log_range (void)
{
  g_autoptr (MlCell) cell = cell_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (MlSweep) sweep = ml_sweep_parse ("K.out=0.1:1000:5:log", cell, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ml_sweep_get_n_points (sweep), ==, 5);
  /* One decade a step, ends exact. */
  assert_close (ml_sweep_get_value (sweep, 0), 0.1, 0.0);
  assert_close (ml_sweep_get_value (sweep, 1), 1.0, 1e-12);
  assert_close (ml_sweep_get_value (sweep, 2), 10.0, 1e-11);
  assert_close (ml_sweep_get_value (sweep, 4), 1000.0, 0.0);

  {
    g_autoptr (MlSweep) lin = ml_sweep_parse ("temperature=0:40:5", cell, &error);

    g_assert_no_error (error);
    assert_close (ml_sweep_get_value (lin, 1), 10.0, 1e-12);
    g_assert_false (ml_sweep_can_trade_na (lin, cell));
  }
}

/* Trading more Na⁺ than the bath has: Na⁺ goes to 0 and says so. */
static void
test_trade_runs_out (void)
{
  g_autoptr (MlCell) cell = cell_new ();
  g_autoptr (MlCell) point = ml_cell_copy (cell);
  g_autoptr (MlSweep) sweep = ml_sweep_parse ("K.out=100,200", cell, NULL);

  g_assert_true (ml_sweep_set_point (sweep, cell, 0, point));
  assert_close (ml_cell_get_ion (point, 1)->c_out, 50.0, 0.0);
  g_assert_false (ml_sweep_set_point (sweep, cell, 1, point));
  assert_close (ml_cell_get_ion (point, 1)->c_out, 0.0, 0.0);
}

static void
test_bad_specs (void)
{
  g_autoptr (MlCell) cell = cell_new ();
  const char *bad[] = {
    "K.out", "=1,2", "K.out=", "Xx.out=1", "K.enabled=0,1", "K.out=1,abc", "K.out=-1",
    "K.out=1:10", "K.out=1:10:1", "K.out=1:10:2.5", "K.out=0:10:5:log", "K.out=1:10:5:exp",
    "K.out=1:10:100000", "K.out=0x10", "temperature=1e400",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (MlSweep) sweep = ml_sweep_parse (bad[i], cell, &error);

      if (sweep != NULL)
        g_error ("“%s” was accepted", bad[i]);
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_null (strchr (error->message, '\n'));
    }
}

/* After Cl⁻ has redistributed (E_Cl = V_m) it carries no current, so V_m
 * is the GHK potential of K⁺ and Na⁺ alone:
 *   V = (RT/F)·ln((K_o + 0.05·Na_o)/(140 + 0.05·15)).
 * At 100 mM K⁺ (Na⁺ 145 − 95 = 50 mM) by hand: ln(102.5/140.75) =
 * ln 0.728242 = −0.317133, × 26.7268 mV = −8.476 mV; the instant value with
 * Cl⁻ inside still at 10 mM is ln((102.5 + 4.5)/(140.75 + 49.5)) =
 * ln 0.562418 = −0.575544 → −15.382 mV. */
static void
test_cl_equilibrated (void)
{
  g_autoptr (MlCell) cell = cell_new ();
  g_autoptr (MlSweep) sweep = ml_sweep_parse ("K.out=2.5,5,10,20,40,80,100", cell, NULL);
  MlSolution now[7], later[7];

  ml_sweep_run (sweep, cell, now);
  ml_sweep_run_cl_equilibrated (sweep, cell, later);
  assert_close (now[6].vm_mv, -15.382, 0.002);
  assert_close (later[6].vm_mv, -8.476, 0.002);
  for (guint i = 0; i < 7; i++)
    {
      double k = ml_sweep_get_value (sweep, i), na = 145.0 - (k - 5.0);

      g_assert_true (later[i].vm_defined);
      assert_close (later[i].vm_mv, RT_F_37 * log ((k + 0.05 * na) / (140.0 + 0.05 * 15.0)), 1e-6);
      /* Cl⁻ is at equilibrium in the solution given: E_Cl = V_m, no current,
       * and K⁺ inside is held. */
      assert_close (later[i].ions[2].nernst_mv, later[i].vm_mv, 1e-6);
      assert_close (later[i].ions[2].current_ua_cm2, 0.0, 1e-9);
      assert_close (later[i].ions[0].ion.c_in, 140.0, 0.0);
      g_assert_true (later[i].ions[2].permeant);
    }
  /* The cell itself is not changed. */
  assert_close (ml_cell_get_ion (cell, 2)->c_in, 10.0, 0.0);
}

/* Skeletal muscle in 100 mM K⁺, the saline of Hodgkin & Horowicz (1959,
 * J. Physiol. 148:127): at once −35.5 mV (the value of an independent
 * re-computation of the preset), and once Cl⁻ has redistributed the GHK
 * potential of the other ions.  By hand, with Ca²⁺ switched off and the
 * pump blocked, GHK of K⁺ and Na⁺ alone (P_Na/P_K = 0.01, K⁺ 155 inside,
 * Na⁺ 12 inside and 145 − 96 = 49 outside), RT/F = 26.7268 mV at 37 °C:
 *   ln((100 + 0.49)/(155 + 0.12)) = ln 0.647821 = −0.434141 → −11.603 mV.
 * With the pump running its outward current takes V_m lower, by about
 * I_p/G (a mV or so once Cl⁻ no longer shunts it), never by more than 2 mV
 * here; Ca²⁺ (P_Ca/P_K = 0.001, far from its E) moves it by < 0.01 mV. */
static void
test_cl_equilibrated_muscle (void)
{
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (MlSweep) sweep = NULL;
  g_autoptr (MlKoutCurve) curve = NULL;
  MlSolution now, later, off;
  int ca;

  g_assert_true (ml_presets_load (cell, "skeletal-muscle", &error));
  g_assert_no_error (error);
  sweep = ml_sweep_parse ("K.out=100", cell, &error);
  g_assert_no_error (error);
  ml_sweep_run (sweep, cell, &now);
  ml_sweep_run_cl_equilibrated (sweep, cell, &later);
  assert_close (now.vm_mv, -35.5, 0.1);

  /* The plot's second curve is the same number. */
  curve = ml_kout_curve_new (cell, 10.0, 100.0, 2, TRUE);
  g_assert_true (curve->has_cl);
  g_assert_true (curve->vm_cl_defined[1]);
  assert_close (curve->vm_cl[1], later.vm_mv, 1e-9);
  assert_close (curve->vm[1], now.vm_mv, 1e-9);

  ca = ml_cell_find_role (cell, ML_ION_ROLE_CA);
  ml_cell_set_ion_enabled (cell, ca, FALSE);
  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  ml_sweep_run_cl_equilibrated (sweep, cell, &off);
  assert_close (off.vm_mv, -11.603, 0.002);
  g_assert_cmpfloat (later.vm_mv, <, off.vm_mv);
  g_assert_cmpfloat (later.vm_mv, >, off.vm_mv - 2.0);
}

/* Nothing to redistribute, or nothing else to set V_m. */
static void
test_cl_equilibrated_edges (void)
{
  g_autoptr (MlCell) cell = cell_new ();
  MlSolution a, b;

  /* Cl⁻ closed: the instant solution. */
  ml_cell_set_ion_value (cell, 2, ML_ION_FIELD_P, 0.0);
  ml_cell_solve (cell, &a);
  g_assert_true (ml_cell_solve_cl_equilibrated (cell, &b));
  assert_close (b.vm_mv, a.vm_mv, 0.0);

  /* Only Cl⁻ is permeant: once it has redistributed nothing sets V_m. */
  ml_cell_set_ion_value (cell, 2, ML_ION_FIELD_P, 1e-6);
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_P, 0.0);
  ml_cell_set_ion_value (cell, 1, ML_ION_FIELD_P, 0.0);
  g_assert_false (ml_cell_solve_cl_equilibrated (cell, &b));
  g_assert_false (b.vm_defined);
  g_assert_cmpint (b.condition, ==, ML_CONDITION_NO_PERMEANT_ION);
  g_assert_true (isfinite (b.vm_mv));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep/k-trades-na", test_k_sweep_trades_na);
  g_test_add_func ("/sweep/log-range", test_log_range);
  g_test_add_func ("/sweep/trade-runs-out", test_trade_runs_out);
  g_test_add_func ("/sweep/bad-specs", test_bad_specs);
  g_test_add_func ("/sweep/cl-equilibrated", test_cl_equilibrated);
  g_test_add_func ("/sweep/cl-equilibrated-muscle", test_cl_equilibrated_muscle);
  g_test_add_func ("/sweep/cl-equilibrated-edges", test_cl_equilibrated_edges);
  return g_test_run ();
}
