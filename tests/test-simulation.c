/* test-simulation.c — the pump–leak time course (ml-simulation.h)
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model is that of Tosteson & Hoffman (1960), J. Gen. Physiol. 44:169:
 * leaks and a pump move ions, water follows osmolarity.  Its exact
 * properties are checked here: what leaves the cell is what the cell lost
 * (conservation), the inside stays neutral, a cell at rest stays at rest,
 * a blocked pump first moves V by exactly the pump's contribution and then
 * lets Na⁺ in, K⁺ out and water in, and a restored pump brings the cell
 * back.  Accuracy is checked against the same run at a far tighter
 * tolerance, stability against the step a caller asks for.  None of the
 * expected numbers is copied from the program's output.
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-physics.h"
#include "ml-scenario.h"
#include "ml-simulation.h"
#include "ml-solution.h"

#include <gio/gio.h>
#include <glib.h>
#include <math.h>
#include <string.h>

/* Helpers --------------------------------------------------------------- */

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
            double rtol)
{
  if (!(fabs (value - expected) <= rtol * fabs (expected)))
    g_error ("got %.17g, expected %.17g (relative tolerance %g, off by %g relative)",
             value, expected, rtol, (value - expected) / expected);
}

static MlCell *
load_preset (const char *id)
{
  g_autofree char *name = g_strconcat (id, ".membrane", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("TEST_DATA_DIR"), "..", "..", "data",
                                            "presets", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  MlCell *cell = ml_cell_new ();

  if (!ml_scenario_load_file (cell, file, NULL, &error))
    g_error ("cannot load %s: %s", path, error->message);
  return cell;
}

static const char * const presets[] = {
  "mammalian-neuron", "skeletal-muscle", "cardiac-myocyte",
  "astrocyte", "red-blood-cell", "squid-axon", "pump-neuron",
};

static void
assert_sample_finite (const MlSimulationSample *s)
{
  gboolean ok = isfinite (s->t_s) && isfinite (s->vm_mv) && isfinite (s->volume)
                && isfinite (s->pump_current_ua_cm2) && s->n_ions <= ML_MAX_IONS;

  for (guint i = 0; ok && i < s->n_ions; i++)
    ok = isfinite (s->c_in[i]) && isfinite (s->e_mv[i]);
  if (!ok)
    g_error ("a sample at t = %g s is not finite (V %g, volume %g, pump %g)",
             s->t_s, s->vm_mv, s->volume, s->pump_current_ua_cm2);
}

static void
assert_samples_finite (MlSimulation *sim)
{
  for (guint i = 0; i < ml_simulation_get_n_samples (sim); i++)
    assert_sample_finite (ml_simulation_get_sample (sim, i));
}

/* Field by field: the padding of a copied struct is not defined. */
static void
assert_sample_equal (const MlSimulationSample *a,
                     const MlSimulationSample *b)
{
  g_assert_cmpfloat (a->t_s, ==, b->t_s);
  g_assert_cmpint (a->vm_defined, ==, b->vm_defined);
  g_assert_cmpfloat (a->vm_mv, ==, b->vm_mv);
  g_assert_cmpfloat (a->volume, ==, b->volume);
  g_assert_cmpfloat (a->pump_current_ua_cm2, ==, b->pump_current_ua_cm2);
  g_assert_cmpuint (a->n_ions, ==, b->n_ions);
  for (guint i = 0; i < a->n_ions; i++)
    {
      g_assert_cmpfloat (a->c_in[i], ==, b->c_in[i]);
      g_assert_cmpint (a->e_state[i], ==, b->e_state[i]);
      g_assert_cmpfloat (a->e_mv[i], ==, b->e_mv[i]);
    }
}

static const MlSimulationSample *
last_sample (MlSimulation *sim)
{
  return ml_simulation_get_sample (sim, ml_simulation_get_n_samples (sim) - 1);
}

/* Applies the simulated cell with the pump in @mode. */
static void
apply_pump_mode (MlSimulation *sim,
                 MlPumpMode    mode,
                 const char   *label)
{
  g_autoptr (MlCell) cell = ml_cell_copy (ml_simulation_get_cell (sim));

  ml_cell_set_pump_mode (cell, mode);
  ml_simulation_apply (sim, cell, label);
}

/* A simulation of @id with the pump blocked at t = 0. */
static MlSimulation *
blocked_simulation (const char *id)
{
  g_autoptr (MlCell) cell = load_preset (id);
  MlSimulation *sim = ml_simulation_new (cell);

  apply_pump_mode (sim, ML_PUMP_OFF, "ouabain");
  g_assert_cmpint (ml_simulation_get_stop (sim), ==, ML_SIMULATION_RUNNING);
  return sim;
}

/* Conservation and neutrality ------------------------------------------- */

static void
test_conservation (void)
{
  g_autoptr (MlCell) cell = load_preset ("mammalian-neuron");
  g_autoptr (MlSimulation) sim = blocked_simulation ("mammalian-neuron");
  static const double times[] = { 1.0, 60.0, 600.0, 1800.0, 3600.0, 7200.0 };

  for (guint t = 0; t < G_N_ELEMENTS (times); t++)
    {
      g_assert_true (ml_simulation_advance (sim, times[t]));
      assert_close (ml_simulation_get_time (sim), times[t], 0.0);

      /* The model moves ions only across the membrane: what is inside
       * plus what has gone out is what there was (mM × V₀, so the
       * preset's c_in at V = V₀). */
      for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
        {
          double start = ml_cell_get_ion (cell, i)->c_in;

          assert_rel (ml_simulation_get_amount (sim, i) + ml_simulation_get_moved (sim, i),
                      start, 1e-9);
        }
      /* Every current crossing is balanced (V_m is the zero of the net
       * current), so the inside stays neutral. */
      assert_close (ml_simulation_get_charge_imbalance (sim), 0.0, 1e-9);
    }

  /* Something did move: Na⁺ in (moved < 0), K⁺ out (moved > 0). */
  g_assert_cmpfloat (ml_simulation_get_moved (sim, ml_cell_find_role (cell, ML_ION_ROLE_NA)), <,
                     -1.0);
  g_assert_cmpfloat (ml_simulation_get_moved (sim, ml_cell_find_role (cell, ML_ION_ROLE_K)), >,
                     1.0);
  assert_samples_finite (sim);
}

/* At rest ----------------------------------------------------------------- */

static void
test_rest (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
    {
      g_autoptr (MlCell) cell = load_preset (presets[p]);
      g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
      const MlSimulationSample *s0, *s1;
      MlSolution sol;

      ml_cell_solve (cell, &sol);
      g_assert_true (sol.vm_defined);
      s0 = ml_simulation_get_sample (sim, 0);
      g_assert_cmpuint (ml_simulation_get_n_samples (sim), ==, 1);
      assert_close (s0->t_s, 0.0, 0.0);
      /* The start is the cell's own resting state. */
      assert_close (s0->vm_mv, sol.vm_rest_mv, 1e-9);
      assert_close (s0->volume, 1.0, 1e-12);

      g_assert_true (ml_simulation_advance (sim, 3600.0));
      s0 = ml_simulation_get_sample (sim, 0);
      s1 = last_sample (sim);
      assert_close (s1->t_s, 3600.0, 0.0);
      g_test_message ("%s at rest for 1 h: V %.6f → %.6f mV, volume %.8f", presets[p],
                      s0->vm_mv, s1->vm_mv, s1->volume);
      if (strcmp (presets[p], "squid-axon") != 0)
        {
          /* A steady state of its own mechanisms stays put, and nothing
           * hidden holds it: a millionth of a mV in an hour, no more. */
          assert_close (s1->vm_mv, s0->vm_mv, 1e-4);
          for (guint i = 0; i < s1->n_ions; i++)
            assert_rel (s1->c_in[i], ml_cell_get_ion (cell, i)->c_in, 1e-6);
        }
      else
        {
          /* No pump, as Hodgkin and Katz computed it: it runs down at once
           * (Na⁺ leaks in at 4.4 µA/cm² with nothing to return it). */
          g_assert_cmpfloat (s1->vm_mv, >, s0->vm_mv + 0.3);
          g_assert_cmpfloat (s1->c_in[ml_cell_find_role (cell, ML_ION_ROLE_NA)], >,
                             ml_cell_get_ion (cell, ml_cell_find_role (cell, ML_ION_ROLE_NA))->c_in);
        }
      assert_close (ml_simulation_get_charge_imbalance (sim), 0.0, 1e-9);
      assert_samples_finite (sim);
    }
}

/* Pump block ---------------------------------------------------------------- */

/* The time at which sample field c_in[ion] first reaches @level, linearly
 * interpolated; -1 if never. */
static double
time_to_reach (MlSimulation *sim,
               guint         first,
               guint         ion,
               double        level)
{
  for (guint i = first + 1; i < ml_simulation_get_n_samples (sim); i++)
    {
      const MlSimulationSample *a = ml_simulation_get_sample (sim, i - 1);
      const MlSimulationSample *b = ml_simulation_get_sample (sim, i);

      if (a->c_in[ion] < level && b->c_in[ion] >= level)
        return a->t_s + (b->t_s - a->t_s) * (level - a->c_in[ion]) / (b->c_in[ion] - a->c_in[ion]);
    }
  return -1.0;
}

static void
test_pump_block (void)
{
  g_autoptr (MlCell) cell = load_preset ("mammalian-neuron");
  g_autoptr (MlCell) blocked = ml_cell_copy (cell);
  g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
  int na = ml_cell_find_role (cell, ML_ION_ROLE_NA);
  int k = ml_cell_find_role (cell, ML_ION_ROLE_K);
  MlSolution rest, off;
  MlSimulationSample before, after;
  const MlSimulationSample *end;
  guint first;
  double t_double;

  ml_cell_solve (cell, &rest);
  ml_cell_set_pump_mode (blocked, ML_PUMP_OFF);
  ml_cell_solve (blocked, &off);
  g_assert_true (rest.vm_defined && off.vm_defined);
  /* The pump hyperpolarises this cell by a few mV. */
  g_assert_cmpfloat (rest.pump_contribution_mv, <, -1.0);

  apply_pump_mode (sim, ML_PUMP_OFF, "ouabain");
  first = ml_simulation_get_n_samples (sim) - 1;
  g_assert_cmpuint (first, ==, 1);
  /* Copies: the samples move as the trace grows. */
  before = *ml_simulation_get_sample (sim, 0);
  after = *ml_simulation_get_sample (sim, first);

  /* At the instant of the block nothing has moved yet: V is the
   * pump-free root of the same concentrations, V_rest − contribution. */
  assert_close (after.t_s, before.t_s, 0.0);
  assert_close (before.vm_mv, rest.vm_rest_mv, 1e-9);
  assert_close (after.vm_mv, off.vm_rest_mv, 1e-9);
  assert_close (after.vm_mv - before.vm_mv, -rest.pump_contribution_mv, 1e-6);
  assert_close (after.pump_current_ua_cm2, 0.0, 0.0);

  for (int step = 1; step <= 120; step++)
    g_assert_true (ml_simulation_advance (sim, 60.0 * step));

  /* Na⁺ leaks in, K⁺ out, V depolarises and water follows: monotone
   * over every sample of the two hours. */
  for (guint i = first + 1; i < ml_simulation_get_n_samples (sim); i++)
    {
      const MlSimulationSample *a = ml_simulation_get_sample (sim, i - 1);
      const MlSimulationSample *b = ml_simulation_get_sample (sim, i);

      g_assert_cmpfloat (b->t_s, >, a->t_s);
      if (!(b->c_in[na] >= a->c_in[na]) || !(b->c_in[k] <= a->c_in[k])
          || !(b->vm_mv >= a->vm_mv) || !(b->volume >= a->volume))
        g_error ("not monotone between t = %g and %g s: Na %.9g → %.9g, K %.9g → %.9g, "
                 "V %.9g → %.9g, volume %.9g → %.9g", a->t_s, b->t_s, a->c_in[na], b->c_in[na],
                 a->c_in[k], b->c_in[k], a->vm_mv, b->vm_mv, a->volume, b->volume);
    }
  end = last_sample (sim);
  assert_close (end->t_s, 7200.0, 0.0);
  g_assert_cmpfloat (end->c_in[na], >, ml_cell_get_ion (cell, na)->c_in);
  g_assert_cmpfloat (end->c_in[k], <, ml_cell_get_ion (cell, k)->c_in);
  g_assert_cmpfloat (end->vm_mv, >, after.vm_mv);
  g_assert_cmpfloat (end->volume, >, 1.0);

  t_double = time_to_reach (sim, first, na, 2.0 * ml_cell_get_ion (cell, na)->c_in);
  g_test_message ("pump block: Na⁺ inside doubles (%g → %g mM) after %.1f s (%.2f min); "
                  "after 2 h V %.3f mV (from %.3f), Na⁺ %.3f, K⁺ %.3f mM, volume %.4f",
                  ml_cell_get_ion (cell, na)->c_in, 2.0 * ml_cell_get_ion (cell, na)->c_in,
                  t_double, t_double / 60.0, end->vm_mv, before.vm_mv, end->c_in[na],
                  end->c_in[k], end->volume);
  g_assert_cmpfloat (t_double, >, 0.0);
  g_assert_cmpfloat (t_double, <, 7200.0);
  assert_samples_finite (sim);
}

/* The rates right after the block, against the flux the test computes
 * itself.  Ion i moves by its leak, its background transport (sized at
 * rest to cancel what leak and pump leave over there, so at t = 0
 *   b_Na = −(I_Na(V_rest) + 3·I_p),  b_K = −(I_K(V_rest) − 2·I_p))
 * and nothing else once the pump is blocked; for a sphere A/V = 3/r, so
 *   dy/dt = −(3/r)·(I_leak(V_block) + b)/(zF)  mM/s
 * with I in µA/cm² and r in cm (the 10⁻⁶ of µA and the 10⁶ of mM per
 * mol/cm³ cancel).  The GHK currents are those of the solutions (checked
 * against the closed forms in test-solver), the slope of the trace a
 * forward difference over 0.1 s: its error is Δt/2τ with τ of minutes. */
static void
test_block_initial_rate (void)
{
  g_autoptr (MlCell) cell = load_preset ("mammalian-neuron");
  g_autoptr (MlCell) blocked = ml_cell_copy (cell);
  g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
  int roles[] = { ml_cell_find_role (cell, ML_ION_ROLE_NA), ml_cell_find_role (cell, ML_ION_ROLE_K) };
  double pump_share[] = { 3.0, -2.0 };
  double a_over_v = 3.0 / (ml_cell_get_radius (cell) * 1e-4);
  const double dt = 0.1;
  double y0[2];
  MlSolution rest, off;

  ml_cell_solve (cell, &rest);
  ml_cell_set_pump_mode (blocked, ML_PUMP_OFF);
  ml_cell_solve (blocked, &off);
  ml_simulation_set_tolerance (sim, 1e-9);
  apply_pump_mode (sim, ML_PUMP_OFF, "ouabain");
  for (guint j = 0; j < 2; j++)
    y0[j] = ml_simulation_get_amount (sim, roles[j]);
  g_assert_true (ml_simulation_advance (sim, dt));

  for (guint j = 0; j < 2; j++)
    {
      int i = roles[j];
      double b = -(rest.ions[i].current_ua_cm2 + pump_share[j] * rest.pump_current_ua_cm2);
      double expected = -a_over_v * (off.ions[i].current_ua_cm2 + b) / ML_FARADAY;
      double rate = (ml_simulation_get_amount (sim, i) - y0[j]) / dt;

      g_test_message ("%s: d(amount)/dt at the block %.6g mM/s, expected %.6g",
                      ml_cell_get_ion (cell, i)->name, rate, expected);
      assert_rel (rate, expected, 1e-3);
    }
  /* Na⁺ enters, K⁺ leaves. */
  g_assert_cmpfloat (ml_simulation_get_amount (sim, roles[0]), >, y0[0]);
  g_assert_cmpfloat (ml_simulation_get_amount (sim, roles[1]), <, y0[1]);
}

static void
test_restore (void)
{
  g_autoptr (MlSimulation) sim = blocked_simulation ("mammalian-neuron");
  double v0 = ml_simulation_get_sample (sim, 0)->vm_mv;
  const MlSimulationSample *s;

  g_assert_true (ml_simulation_advance (sim, 7200.0));
  s = last_sample (sim);
  /* Well away from rest after 2 h, so that coming back means something. */
  g_assert_cmpfloat (fabs (s->vm_mv - v0), >, 5.0);
  g_assert_cmpfloat (s->volume, >, 1.01);

  apply_pump_mode (sim, ML_PUMP_KINETIC, "washout");
  g_assert_true (ml_simulation_advance (sim, 7200.0 + 10.0 * 3600.0));
  s = last_sample (sim);
  g_test_message ("restore: after 10 h V %.4f mV (start %.4f), volume %.5f", s->vm_mv, v0,
                  s->volume);
  assert_close (s->vm_mv, v0, 0.5);
  assert_close (s->volume, 1.0, 0.01);
  assert_close (ml_simulation_get_charge_imbalance (sim), 0.0, 1e-9);
  assert_samples_finite (sim);
}

/* Accuracy and stability ---------------------------------------------------- */

static void
test_fine_reference (void)
{
  g_autoptr (MlSimulation) sim = blocked_simulation ("mammalian-neuron");
  g_autoptr (MlSimulation) ref = blocked_simulation ("mammalian-neuron");
  static const double minutes[] = { 30.0, 60.0, 120.0 };

  ml_simulation_set_tolerance (sim, 1e-5);
  ml_simulation_set_tolerance (ref, 1e-9);
  ml_simulation_set_max_step (ref, 10.0);

  for (guint m = 0; m < G_N_ELEMENTS (minutes); m++)
    {
      const MlSimulationSample *a, *b;

      g_assert_true (ml_simulation_advance (sim, 60.0 * minutes[m]));
      g_assert_true (ml_simulation_advance (ref, 60.0 * minutes[m]));
      a = last_sample (sim);
      b = last_sample (ref);
      assert_close (a->t_s, b->t_s, 0.0);
      g_test_message ("%g min: V %.6f vs %.6f mV (reference)", minutes[m], a->vm_mv, b->vm_mv);
      assert_close (a->vm_mv, b->vm_mv, 0.01);
      for (guint i = 0; i < a->n_ions; i++)
        assert_rel (a->c_in[i], b->c_in[i], 1e-4);
      assert_close (a->volume, b->volume, 1e-4);
    }
  g_test_message ("steps: %u at 1e-5, %u at the reference", ml_simulation_get_n_steps (sim),
                  ml_simulation_get_n_steps (ref));
  g_assert_cmpuint (ml_simulation_get_n_steps (ref), >, ml_simulation_get_n_steps (sim));
}

static void
test_any_step (void)
{
  g_autoptr (MlSimulation) one = blocked_simulation ("mammalian-neuron");
  g_autoptr (MlSimulation) many = blocked_simulation ("mammalian-neuron");
  const MlSimulationSample *a, *b;
  MlSimulationStop stop;

  g_assert_true (ml_simulation_advance (one, 7200.0));
  for (int t = 1; t <= 7200; t++)
    g_assert_true (ml_simulation_advance (many, (double)t));
  a = last_sample (one);
  b = last_sample (many);
  assert_close (a->t_s, 7200.0, 0.0);
  assert_close (b->t_s, 7200.0, 0.0);
  g_test_message ("7200 s in one call: V %.6f mV; in 7200 calls: %.6f mV", a->vm_mv, b->vm_mv);
  assert_close (a->vm_mv, b->vm_mv, 0.01);
  for (guint i = 0; i < a->n_ions; i++)
    assert_rel (a->c_in[i], b->c_in[i], 1e-4);

  /* A very long request in one go: no NaN, and it either gets there or
   * pauses for a reason of the model, not for the integrator. */
  ml_simulation_advance (one, 7200.0 + 1e5);
  stop = ml_simulation_get_stop (one);
  g_test_message ("1e5 s more in one call: stop %d at t = %g s, volume %g", stop,
                  ml_simulation_get_time (one), ml_simulation_get_volume (one));
  g_assert_true (stop == ML_SIMULATION_RUNNING || stop == ML_SIMULATION_STOP_LYSIS
                 || stop == ML_SIMULATION_STOP_DEPLETED || stop == ML_SIMULATION_STOP_SHRUNK);
  if (stop == ML_SIMULATION_RUNNING)
    assert_close (ml_simulation_get_time (one), 7200.0 + 1e5, 0.0);
  else
    g_assert_nonnull (ml_simulation_get_stop_message (one));
  assert_samples_finite (one);
  assert_close (ml_simulation_get_charge_imbalance (one), 0.0, 1e-9);
}

/* Pauses ------------------------------------------------------------------- */

static void
test_undefined (void)
{
  g_autoptr (MlCell) cell = load_preset ("mammalian-neuron");
  g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
  g_autoptr (MlCell) closed = NULL;
  g_autoptr (GArray) kept = g_array_new (FALSE, FALSE, sizeof (MlSimulationSample));
  double t_pause;
  guint n;

  g_assert_true (ml_simulation_advance (sim, 600.0));
  for (guint i = 0; i < ml_simulation_get_n_samples (sim); i++)
    g_array_append_val (kept, *ml_simulation_get_sample (sim, i));

  closed = ml_cell_copy (ml_simulation_get_cell (sim));
  for (guint i = 0; i < ml_cell_get_n_ions (closed); i++)
    ml_cell_set_ion_value (closed, i, ML_ION_FIELD_P, 0.0);
  ml_simulation_apply (sim, closed, "all channels closed");

  g_assert_cmpint (ml_simulation_get_stop (sim), ==, ML_SIMULATION_STOP_UNDEFINED);
  g_assert_nonnull (ml_simulation_get_stop_message (sim));
  g_assert_cmpint (ml_simulation_get_solution (sim)->condition, ==,
                   ML_CONDITION_NO_PERMEANT_ION);
  t_pause = ml_simulation_get_time (sim);
  assert_close (t_pause, 600.0, 0.0);

  n = ml_simulation_get_n_samples (sim);
  g_assert_false (ml_simulation_advance (sim, 1200.0));
  assert_close (ml_simulation_get_time (sim), t_pause, 0.0);
  g_assert_cmpuint (ml_simulation_get_n_samples (sim), ==, n);

  /* The trace before the pause is kept as it was. */
  g_assert_cmpuint (n, >=, kept->len);
  for (guint i = 0; i < kept->len; i++)
    {
      const MlSimulationSample *a = &g_array_index (kept, MlSimulationSample, i);
      const MlSimulationSample *b = ml_simulation_get_sample (sim, i);

      assert_sample_equal (a, b);
    }
  assert_samples_finite (sim);

  /* Opening the channels again resolves the pause, from where it was. */
  ml_simulation_apply (sim, cell, "channels open");
  g_assert_cmpint (ml_simulation_get_stop (sim), ==, ML_SIMULATION_RUNNING);
  g_assert_null (ml_simulation_get_stop_message (sim));
  g_assert_true (ml_simulation_advance (sim, 1200.0));
  assert_close (ml_simulation_get_time (sim), 1200.0, 0.0);
  assert_samples_finite (sim);
}

static void
assert_lysis (MlSimulation *sim,
              double        t_end)
{
  double t_pause;
  guint n;

  g_assert_false (ml_simulation_advance (sim, t_end));
  g_assert_cmpint (ml_simulation_get_stop (sim), ==, ML_SIMULATION_STOP_LYSIS);
  g_assert_nonnull (ml_simulation_get_stop_message (sim));
  g_test_message ("lysis at t = %.1f s (%.2f h), volume %.4f: %s", ml_simulation_get_time (sim),
                  ml_simulation_get_time (sim) / 3600.0, ml_simulation_get_volume (sim),
                  ml_simulation_get_stop_message (sim));
  t_pause = ml_simulation_get_time (sim);
  g_assert_cmpfloat (t_pause, <, t_end);
  g_assert_cmpfloat (ml_simulation_get_volume (sim), >=, ML_SIMULATION_LYSIS_VOLUME);
  g_assert_cmpfloat (last_sample (sim)->volume, >=, ML_SIMULATION_LYSIS_VOLUME);
  assert_close (last_sample (sim)->t_s, t_pause, 0.0);

  /* Paused: the clock stays where it stopped. */
  n = ml_simulation_get_n_samples (sim);
  g_assert_false (ml_simulation_advance (sim, t_end + 3600.0));
  g_assert_false (ml_simulation_advance (sim, t_pause + 1.0));
  assert_close (ml_simulation_get_time (sim), t_pause, 0.0);
  g_assert_cmpuint (ml_simulation_get_n_samples (sim), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (ml_simulation_get_sample (sim, i)->t_s, <=, t_pause);
  assert_samples_finite (sim);
}

static void
test_lysis (void)
{
  /* The neuron blocked for 20 h swells without limit (Tosteson & Hoffman:
   * without the pump the impermeant solutes draw water in). */
  {
    g_autoptr (MlSimulation) sim = blocked_simulation ("mammalian-neuron");

    assert_lysis (sim, 20.0 * 3600.0);
  }
  /* A high-K⁺ bath, K⁺ for Na⁺ so that the bath stays isotonic: K⁺ and
   * Cl⁻ enter together and water follows (Boyle & Conway 1941, J. Physiol.
   * 100:1), with the pump running. */
  {
    g_autoptr (MlCell) cell = load_preset ("mammalian-neuron");
    g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
    g_autoptr (MlCell) high_k = ml_cell_copy (ml_simulation_get_cell (sim));
    int k = ml_cell_find_role (high_k, ML_ION_ROLE_K);
    int na = ml_cell_find_role (high_k, ML_ION_ROLE_NA);

    ml_cell_set_ion_value (high_k, k, ML_ION_FIELD_C_OUT, 145.0);
    ml_cell_set_ion_value (high_k, na, ML_ION_FIELD_C_OUT, 5.0);
    ml_simulation_apply (sim, high_k, "K⁺ for Na⁺ outside");
    g_assert_cmpint (ml_simulation_get_stop (sim), ==, ML_SIMULATION_RUNNING);
    assert_lysis (sim, 20.0 * 3600.0);
  }
}

/* A lysed cell whose pump comes back is not held at the pause: it shrinks
 * back and the run goes on (the pause is for crossing into lysis). */
static void
test_recovery_after_lysis (void)
{
  g_autoptr (MlSimulation) sim = blocked_simulation ("mammalian-neuron");
  double v_lysis, t_lysis;

  g_assert_false (ml_simulation_advance (sim, 20.0 * 3600.0));
  g_assert_cmpint (ml_simulation_get_stop (sim), ==, ML_SIMULATION_STOP_LYSIS);
  v_lysis = ml_simulation_get_volume (sim);
  t_lysis = ml_simulation_get_time (sim);
  apply_pump_mode (sim, ML_PUMP_KINETIC, "pump restored");
  g_assert_cmpint (ml_simulation_get_stop (sim), ==, ML_SIMULATION_RUNNING);
  g_assert_true (ml_simulation_advance (sim, t_lysis + 4.0 * 3600.0));
  g_assert_cmpfloat (ml_simulation_get_volume (sim), <, v_lysis);
  g_assert_cmpfloat (ml_simulation_get_volume (sim), <, ML_SIMULATION_LYSIS_VOLUME);
  assert_samples_finite (sim);
}

/* Switched off, an ion takes no part: nothing moves it.  The squid axon
 * has no pump, so Na⁺ leaks in until it is switched off; then Na⁺ inside
 * must stay where it is. */
static void
test_disabled_ion_is_still (void)
{
  g_autoptr (MlCell) cell = load_preset ("squid-axon");
  g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
  g_autoptr (MlCell) off = ml_cell_copy (cell);
  int na = ml_cell_find_role (off, ML_ION_ROLE_NA);
  double before;

  ml_cell_set_ion_enabled (off, na, FALSE);
  g_assert_true (ml_simulation_advance (sim, 600.0));
  /* The amount inside: concentration × volume (the axon has swollen a
   * little while Na⁺ leaked in). */
  before = last_sample (sim)->c_in[na] * last_sample (sim)->volume;
  ml_simulation_apply (sim, off, "Na⁺ off");
  g_assert_true (ml_simulation_advance (sim, 4200.0));
  /* Only water can change it: within the volume's change. */
  assert_close (last_sample (sim)->c_in[na] * last_sample (sim)->volume, before, 1e-9 * before);
}

/* A smaller cell runs down faster: the rate goes with surface over volume,
 * 3/r (hand: a cell of 5 µm has twice the 10 µm cell's 3/r, so after a
 * block its Na⁺ rises about twice as fast at first). */
static void
test_radius_event (void)
{
  g_autoptr (MlSimulation) big = blocked_simulation ("mammalian-neuron");
  g_autoptr (MlSimulation) small = blocked_simulation ("mammalian-neuron");
  g_autoptr (MlCell) half = ml_cell_copy (ml_simulation_get_cell (small));
  double d_big, d_small;

  ml_cell_set_radius (half, 5.0);
  ml_simulation_apply (small, half, "radius 5 µm");
  g_assert_true (ml_simulation_advance (big, 60.0));
  g_assert_true (ml_simulation_advance (small, 60.0));
  d_big = last_sample (big)->c_in[1] - 15.0;
  d_small = last_sample (small)->c_in[1] - 15.0;
  g_test_message ("Na⁺ rise in 60 s: %.4f mM (10 µm), %.4f mM (5 µm)", d_big, d_small);
  assert_close (d_small / d_big, 2.0, 0.02);
}

/* An inside concentration set by hand is the one the run then has, with
 * the other ions and the volume as they were, while the neutral solutes
 * can make room for it (Na⁺ 15 → 20 mM: 10 mOsm of the bath's extra). */
static void
test_inside_event (void)
{
  g_autoptr (MlCell) cell = load_preset ("mammalian-neuron");
  g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
  g_autoptr (MlCell) more = ml_cell_copy (cell);

  ml_cell_set_ion_value (more, 1, ML_ION_FIELD_C_IN, 14.0);
  ml_simulation_apply (sim, more, "Na⁺ inside 15 → 14 mM");
  assert_close (last_sample (sim)->c_in[1], 14.0, 1e-12);
  assert_close (last_sample (sim)->c_in[0], 140.0, 1e-12);
  assert_close (last_sample (sim)->volume, 1.0, 1e-12);
  g_assert_cmpfloat (fabs (ml_simulation_get_charge_imbalance (sim)), <, 1e-12);
}

/* Marks and labels -------------------------------------------------------- */

static void
test_marks (void)
{
  g_autoptr (MlCell) cell = load_preset ("mammalian-neuron");
  g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
  const MlSimulationMark *mark;

  g_assert_cmpuint (ml_simulation_get_n_marks (sim), ==, 0);
  g_assert_true (ml_simulation_advance (sim, 300.0));
  apply_pump_mode (sim, ML_PUMP_OFF, "ouabain");
  g_assert_cmpuint (ml_simulation_get_n_marks (sim), ==, 1);
  mark = ml_simulation_get_mark (sim, 0);
  assert_close (mark->t_s, 300.0, 0.0);
  g_assert_cmpstr (mark->label, ==, "ouabain");

  /* No label, no mark. */
  g_assert_true (ml_simulation_advance (sim, 600.0));
  apply_pump_mode (sim, ML_PUMP_KINETIC, NULL);
  g_assert_cmpuint (ml_simulation_get_n_marks (sim), ==, 1);

  g_assert_true (ml_simulation_advance (sim, 900.0));
  apply_pump_mode (sim, ML_PUMP_OFF, "again");
  g_assert_cmpuint (ml_simulation_get_n_marks (sim), ==, 2);
  mark = ml_simulation_get_mark (sim, 1);
  assert_close (mark->t_s, 900.0, 0.0);
  g_assert_cmpstr (mark->label, ==, "again");
}

static void
test_describe_change (void)
{
  g_autoptr (MlCell) cell = load_preset ("mammalian-neuron");
  g_autoptr (MlCell) other = ml_cell_copy (cell);
  int na = ml_cell_find_role (cell, ML_ION_ROLE_NA);
  char *text;

  text = ml_simulation_describe_change (cell, other);
  g_assert_null (text);

  ml_cell_set_pump_mode (other, ML_PUMP_OFF);
  text = ml_simulation_describe_change (cell, other);
  g_assert_cmpstr (text, ==, "pump blocked");
  g_free (text);
  text = ml_simulation_describe_change (other, cell);
  g_assert_cmpstr (text, ==, "pump restored");
  g_free (text);

  g_clear_object (&other);
  other = ml_cell_copy (cell);
  ml_cell_set_ion_value (other, na, ML_ION_FIELD_P, 25.0 * ml_cell_get_ion (cell, na)->p);
  text = ml_simulation_describe_change (cell, other);
  g_test_message ("P_Na × 25: \"%s\"", text);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "× 25"));
  g_assert_nonnull (strstr (text, "Na"));
  g_free (text);

  g_clear_object (&other);
  other = ml_cell_copy (cell);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 37.0);
  ml_cell_set_temperature (other, 17.0);
  text = ml_simulation_describe_change (cell, other);
  g_assert_cmpstr (text, ==, "cooled to 17 °C");
  g_free (text);
  text = ml_simulation_describe_change (other, cell);
  g_assert_cmpstr (text, ==, "warmed to 37 °C");
  g_free (text);
}

/* Thinning ------------------------------------------------------------------ */

static void
test_thinning (void)
{
  g_autoptr (MlCell) cell = load_preset ("mammalian-neuron");
  g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
  double t_mark;
  guint max_seen = 0;

  ml_simulation_set_max_samples (sim, 100);
  for (int t = 1; t <= 100; t++)
    g_assert_true (ml_simulation_advance (sim, 5.0 * t));
  apply_pump_mode (sim, ML_PUMP_OFF, "ouabain");
  t_mark = ml_simulation_get_mark (sim, 0)->t_s;
  assert_close (t_mark, 500.0, 0.0);

  /* 5 s a call to 10 000 s, short of the blocked cell's lysis. */
  for (int t = 101; t <= 2000; t++)
    {
      gboolean found = FALSE;
      guint n;

      g_assert_true (ml_simulation_advance (sim, 5.0 * t));
      n = ml_simulation_get_n_samples (sim);
      max_seen = MAX (max_seen, n);
      g_assert_cmpuint (n, <=, 101);

      /* In time order; two samples share a time only at an event (before
       * and after it, so that the trace shows the step). */
      for (guint i = 1; i < n; i++)
        {
          double a = ml_simulation_get_sample (sim, i - 1)->t_s;
          double b = ml_simulation_get_sample (sim, i)->t_s;

          g_assert_cmpfloat (b, >=, a);
          if (b == a)
            g_assert_cmpfloat (b, ==, t_mark);
        }
      /* The first sample and the event's survive every thinning. */
      assert_close (ml_simulation_get_sample (sim, 0)->t_s, 0.0, 0.0);
      for (guint i = 0; i < n && !found; i++)
        found = ml_simulation_get_sample (sim, i)->t_s == t_mark;
      g_assert_true (found);
      /* Both sides of the event stay, so the step is still a step: one
       * sample at the mark's time at the resting V, one at the blocked V. */
      {
        guint at_mark = 0;

        for (guint i = 0; i < n; i++)
          if (ml_simulation_get_sample (sim, i)->t_s == t_mark)
            at_mark++;
        g_assert_cmpuint (at_mark, ==, 2);
      }
      assert_close (last_sample (sim)->t_s, 5.0 * t, 0.0);
    }
  g_test_message ("thinning: at most %u samples kept", max_seen);
  /* It did thin: more samples were recorded than kept. */
  g_assert_cmpuint (max_seen, >, 50);
  assert_samples_finite (sim);
}

/* A pump blocked before the run starts (ouabain on the Membrane page,
 * then the Time Course; `--pump off --simulate`) runs the cell down as a
 * block during the run does: nothing but the cell's own mechanisms moves
 * an ion, whenever the block came.  Both runs start from the
 * same concentrations and the same pump-free rates, so the two traces agree
 * to the integrator's tolerance (0.05 mV over two hours, rtol 1e-6 on
 * amounts of ~100 mM). */
static void
test_blocked_before_run (void)
{
  g_autoptr (MlCell) rest = load_preset ("mammalian-neuron");
  g_autoptr (MlCell) blocked = ml_cell_copy (rest);
  g_autoptr (MlSimulation) before = NULL;
  g_autoptr (MlSimulation) during = ml_simulation_new (rest);
  const MlSimulationSample *a, *b;

  ml_cell_set_pump_mode (blocked, ML_PUMP_OFF);
  before = ml_simulation_new (blocked);
  apply_pump_mode (during, ML_PUMP_OFF, "ouabain");
  for (int step = 1; step <= 120; step++)
    {
      g_assert_true (ml_simulation_advance (before, 60.0 * step));
      g_assert_true (ml_simulation_advance (during, 60.0 * step));
    }
  a = ml_simulation_get_sample (before, ml_simulation_get_n_samples (before) - 1);
  b = ml_simulation_get_sample (during, ml_simulation_get_n_samples (during) - 1);
  g_test_message ("after 2 h: blocked before %.3f mV, blocked during %.3f mV", a->vm_mv, b->vm_mv);
  /* The pump lesson's rundown: from −64.9 mV to about −28 mV, not flat. */
  g_assert_cmpfloat (a->vm_mv, >, ml_simulation_get_sample (before, 0)->vm_mv + 20.0);
  assert_close (a->vm_mv, b->vm_mv, 0.05);
  assert_close (a->volume, b->volume, 1e-3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/simulation/conservation", test_conservation);
  g_test_add_func ("/simulation/rest", test_rest);
  g_test_add_func ("/simulation/pump-block", test_pump_block);
  g_test_add_func ("/simulation/pump-block/initial-rate", test_block_initial_rate);
  g_test_add_func ("/simulation/pump-block/before-the-run", test_blocked_before_run);
  g_test_add_func ("/simulation/restore", test_restore);
  g_test_add_func ("/simulation/fine-reference", test_fine_reference);
  g_test_add_func ("/simulation/any-step", test_any_step);
  g_test_add_func ("/simulation/stop/undefined", test_undefined);
  g_test_add_func ("/simulation/stop/lysis", test_lysis);
  g_test_add_func ("/simulation/marks", test_marks);
  g_test_add_func ("/simulation/describe-change", test_describe_change);
  g_test_add_func ("/simulation/thinning", test_thinning);
  g_test_add_func ("/simulation/recovery-after-lysis", test_recovery_after_lysis);
  g_test_add_func ("/simulation/disabled-ion-is-still", test_disabled_ion_is_still);
  g_test_add_func ("/simulation/radius-event", test_radius_event);
  g_test_add_func ("/simulation/inside-event", test_inside_event);

  return g_test_run ();
}
