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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep/k-trades-na", test_k_sweep_trades_na);
  g_test_add_func ("/sweep/log-range", test_log_range);
  g_test_add_func ("/sweep/trade-runs-out", test_trade_runs_out);
  g_test_add_func ("/sweep/bad-specs", test_bad_specs);
  return g_test_run ();
}
