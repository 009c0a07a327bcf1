/* test-solver.c — ml_cell_solve() against the closed forms and the physics
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Property tests over thousands of random cells (fixed seed, so a failure
 * can be replayed), then the degenerate inputs one by one, then the pump.
 * The oracles are the closed forms of ml-physics.c and sums the test makes
 * itself with ml_ghk_current(); none of the expected numbers is copied from
 * the solver's own output.
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-physics.h"
#include "ml-solution.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#define N_RANDOM_CELLS 4000

/* The solver's search range in units of RT/F (ml-solver.c X_ROOT_LIMIT):
 * a root beyond it is reported as UNBALANCED. */
#define ROOT_LIMIT_X 500.0

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
assert_finite (double      value,
               const char *what)
{
  if (!isfinite (value))
    g_error ("%s is not finite: %g", what, value);
}

/* Every double in an MlSolution, field by field. */
static void
assert_solution_finite (const MlSolution *sol)
{
  assert_finite (sol->temperature_c, "temperature_c");
  assert_finite (sol->temperature_k, "temperature_k");
  assert_finite (sol->rt_over_f_mv, "rt_over_f_mv");
  assert_finite (sol->vm_mv, "vm_mv");
  assert_finite (sol->vm_rest_mv, "vm_rest_mv");
  assert_finite (sol->vm_ghk_mv, "vm_ghk_mv");
  assert_finite (sol->vm_formula_mv, "vm_formula_mv");
  assert_finite (sol->pump_ratio, "pump_ratio");
  assert_finite (sol->pump_q10_factor, "pump_q10_factor");
  assert_finite (sol->pump_current_ua_cm2, "pump_current_ua_cm2");
  assert_finite (sol->pump_contribution_mv, "pump_contribution_mv");
  assert_finite (sol->net_current_ua_cm2, "net_current_ua_cm2");
  assert_finite (sol->radius_um, "radius_um");
  assert_finite (sol->capacitance_uf_cm2, "capacitance_uf_cm2");
  assert_finite (sol->charge.area_cm2, "charge.area_cm2");
  assert_finite (sol->charge.volume_l, "charge.volume_l");
  assert_finite (sol->charge.charge_c, "charge.charge_c");
  assert_finite (sol->charge.ions_moved, "charge.ions_moved");
  assert_finite (sol->charge.fraction, "charge.fraction");

  g_assert_cmpuint (sol->n_ions, <=, ML_MAX_IONS);
  for (guint i = 0; i < sol->n_ions; i++)
    {
      const MlIonResult *r = &sol->ions[i];

      assert_finite (r->ion.c_in, "ion.c_in");
      assert_finite (r->ion.c_out, "ion.c_out");
      assert_finite (r->ion.p, "ion.p");
      assert_finite (r->nernst_mv, "nernst_mv");
      assert_finite (r->driving_force_mv, "driving_force_mv");
      assert_finite (r->current_ua_cm2, "current_ua_cm2");
      assert_finite (r->delta_g_chemical, "delta_g_chemical");
      assert_finite (r->delta_g_electrical, "delta_g_electrical");
      assert_finite (r->delta_g_total, "delta_g_total");
      assert_finite (r->p_relative, "p_relative");
      if (r->nernst_state != ML_NERNST_DEFINED)
        g_assert_cmpfloat (r->nernst_mv, ==, 0.0);
      /* The decisions agree with each other: ΔG = −zF·(V − E) has the
       * sign of the direction, within the same band of equilibrium. */
      if (r->delta_g_defined)
        g_assert_cmpint (r->spontaneous_out, ==, r->direction > 0);
      else
        g_assert_false (r->spontaneous_out);
      if (sol->vm_defined && r->nernst_state == ML_NERNST_DEFINED)
        g_assert_cmpint (r->at_equilibrium, ==, r->direction == 0);
      else
        g_assert_false (r->at_equilibrium);
    }
  if (sol->p_reference_ion >= 0)
    {
      g_assert_cmpint (sol->p_reference_ion, <, (int)sol->n_ions);
      g_assert_true (sol->ions[sol->p_reference_ion].permeant);
      g_assert_cmpfloat (sol->ions[sol->p_reference_ion].p_relative, ==, 1.0);
    }
  g_assert_true (sol->pump_running == FALSE || sol->pump_mode != ML_PUMP_OFF);

  /* Undefined numbers are 0, and a condition says why. */
  if (sol->condition != ML_CONDITION_NONE)
    {
      g_assert_cmpfloat (sol->vm_rest_mv, ==, 0.0);
      g_assert_nonnull (ml_condition_message (sol->condition));
    }
}

static MlCell *
cell_new_with (const MlIon *ions,
               guint        n)
{
  MlCell *cell = ml_cell_new ();

  for (guint i = 0; i < n; i++)
    g_assert_cmpint (ml_cell_set_ion (cell, &ions[i]), ==, (int)i);
  return cell;
}

/* data/presets/mammalian-neuron.membrane, value for value. */
static MlCell *
mammalian_neuron_new (void)
{
  static const MlIon ions[] = {
    { "K",  1, 140.0,  5.0,   5e-7,    true },
    { "Na", 1, 15.0,   145.0, 2.5e-8,  true },
    { "Cl", -1, 10.0,  110.0, 2.25e-7, true },
    { "Ca", 2, 0.0001, 2.0,   5e-10,   true },
  };
  MlCell *cell = cell_new_with (ions, G_N_ELEMENTS (ions));

  ml_cell_set_temperature (cell, 37.0);
  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_set_pump_ratio (cell, 1.5);
  ml_cell_set_pump_current (cell, 0.5);
  ml_cell_set_pump_q10 (cell, 2.4);
  ml_cell_set_pump_reference_temperature (cell, 37.0);
  return cell;
}

static double
log_uniform (double lo,
             double hi)
{
  return exp (g_test_rand_double_range (log (lo), log (hi)));
}

static MlCell *
random_cell_new (void)
{
  static const char *names[] = { "K", "Na", "Cl", "Ca" };
  static const int valences[] = { 1, -1, 2 };
  MlCell *cell = ml_cell_new ();
  int n = g_test_rand_int_range (2, 5);

  for (int i = 0; i < n; i++)
    {
      MlIon ion = { 0 };

      g_strlcpy (ion.name, names[i], sizeof ion.name);
      ion.z = valences[g_test_rand_int_range (0, 3)];
      ion.c_in = log_uniform (1e-4, 1000.0);
      ion.c_out = log_uniform (1e-4, 1000.0);
      ion.p = log_uniform (1e-10, 1e-5);
      ion.enabled = true;
      /* Often make Na a cation so the ratio pump has something to act on. */
      if (i == 1 && g_test_rand_bit ())
        ion.z = 1;
      g_assert_cmpint (ml_cell_set_ion (cell, &ion), ==, i);
    }

  ml_cell_set_temperature (cell, g_test_rand_double_range (0.0, 45.0));
  switch (g_test_rand_int_range (0, 3))
    {
    case 0:
      ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
      break;
    case 1:
      ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
      ml_cell_set_pump_ratio (cell, g_test_rand_double_range (1.0, 3.0));
      break;
    default:
      ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
      ml_cell_set_pump_current (cell, g_test_rand_double_range (-5.0, 5.0));
      break;
    }
  return cell;
}

/* The ion named @name with valence +1, as the test's own oracle reads a
 * cell (the core goes by the role). */
static const MlIon *
cation_named (MlCell     *cell,
              const char *name)
{
  for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, i);

      if (strcmp (ion->name, name) == 0 && ion->z == 1)
        return ion;
    }
  return NULL;
}

/* The pump turns over only with Na⁺ inside and K⁺ outside, both switched
 * on; otherwise it idles in either mode (docs/ARCHITECTURE.md: its rate follows its
 * substrates). */
static gboolean
pump_is_fed (MlCell *cell)
{
  const MlIon *k = cation_named (cell, "K");
  const MlIon *na = cation_named (cell, "Na");

  return ml_cell_get_pump_mode (cell) != ML_PUMP_OFF
         && k != NULL && k->enabled && k->c_out > 0.0
         && na != NULL && na->enabled && na->c_in > 0.0;
}

/* The permeant species of a cell, with P_Na/r when a ratio pump runs
 * (the Mullins–Noda weighting, docs/ARCHITECTURE.md). */
static guint
species_of (MlCell    *cell,
            gboolean   with_pump,
            MlSpecies *out,
            gboolean  *divalent)
{
  guint n = 0;

  *divalent = FALSE;
  for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, i);
      double p = ion->p;

      if (!ion->enabled || p <= 0.0)
        continue;
      if (with_pump && ml_cell_get_pump_mode (cell) == ML_PUMP_RATIO && pump_is_fed (cell)
          && strcmp (ion->name, "Na") == 0 && ion->z == 1)
        p /= ml_cell_get_pump_ratio (cell);
      if (ion->z == 2)
        *divalent = TRUE;
      out[n++] = (MlSpecies) { ion->z, ion->c_in, ion->c_out, p };
    }
  return n;
}

/* Σ I_ion(V) + I_pump, summed here with ml_ghk_current(); also the sum of
 * the magnitudes of every one-way flux and the pump. */
static double
net_current (MlCell *cell,
             double  vm_mv,
             double *scale)
{
  double t_c = ml_cell_get_temperature (cell);
  double sum = 0.0, abs_sum = 0.0, i_na = 0.0, pump = 0.0;

  for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, i);
      double c;

      if (!ion->enabled || ion->p <= 0.0)
        continue;
      c = ml_ghk_current (ion->z, ion->p, ion->c_in, ion->c_out, vm_mv, t_c);
      sum += c;
      /* The scale of rounding is that of the one-way fluxes that cancel,
       * not of the net current (which is 0 at an ion's own E). */
      abs_sum += fabs (ml_ghk_current (ion->z, ion->p, ion->c_in, 0.0, vm_mv, t_c))
                 + fabs (ml_ghk_current (ion->z, ion->p, 0.0, ion->c_out, vm_mv, t_c));
      if (strcmp (ion->name, "Na") == 0 && ion->z == 1)
        i_na = c;
    }

  /* The 3:2 pump in steady state carries −(1 − 1/r)·I_Na (one net charge
   * out per 3 Na⁺); in current mode its set current scaled by Q10. */
  if (!pump_is_fed (cell))
    pump = 0.0;
  else if (ml_cell_get_pump_mode (cell) == ML_PUMP_RATIO)
    pump = -(1.0 - 1.0 / ml_cell_get_pump_ratio (cell)) * i_na;
  else if (ml_cell_get_pump_mode (cell) == ML_PUMP_CURRENT)
    pump = ml_cell_get_pump_current (cell)
           * ml_q10_factor (ml_cell_get_pump_q10 (cell), t_c,
                            ml_cell_get_pump_reference_temperature (cell));
  if (scale != NULL)
    *scale = abs_sum + fabs (pump);
  return sum + pump;
}

/* On failure, the cell in full, so it can become a fixed test case. */
static void
dump_cell (MlCell *cell)
{
  for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, i);

      g_test_message ("ion %s z=%d in=%.17g out=%.17g p=%.17g enabled=%d",
                      ion->name, ion->z, ion->c_in, ion->c_out, ion->p, ion->enabled);
    }
  g_test_message ("T=%.17g pump mode=%d current=%.17g ratio=%.17g",
                  ml_cell_get_temperature (cell), ml_cell_get_pump_mode (cell),
                  ml_cell_get_pump_current (cell), ml_cell_get_pump_ratio (cell));
}

/* How often each branch ran, so a change to the generator that stops
 * exercising one is seen in the log. */
static guint n_formula[ML_FORMULA_NUMERIC + 1];
static guint n_unbalanced, n_mullins_noda_direct;

static void
check_random_cell (MlCell *cell)
{
  MlSpecies species[ML_MAX_IONS];
  gboolean divalent;
  double t_c = ml_cell_get_temperature (cell);
  double rtf = ml_rt_over_f_mv (t_c);
  MlPumpMode mode = ml_cell_get_pump_mode (cell);
  MlSolution sol;
  double scale, net;
  guint n;

  ml_cell_solve (cell, &sol);
  assert_solution_finite (&sol);

  /* Concentrations are all > 0 here, so only a pump current larger than the
   * channels can carry may leave the equation without a root in range:
   * check that claim independently at the ends of the range. */
  if (sol.condition == ML_CONDITION_UNBALANCED)
    {
      double lo = net_current (cell, -ROOT_LIMIT_X * rtf, NULL);
      double hi = net_current (cell, ROOT_LIMIT_X * rtf, NULL);

      if ((lo > 0.0) != (hi > 0.0))
        dump_cell (cell);
      g_assert_cmpint (mode, ==, ML_PUMP_CURRENT);
      g_assert_true ((lo > 0.0) == (hi > 0.0));
      n_unbalanced++;
      return;
    }
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_NONE);
  g_assert_cmpint (sol.ghk_condition, ==, ML_CONDITION_NONE);
  g_assert_true (sol.vm_defined);
  n_formula[sol.formula]++;

  /* Zero net current at V_rest, as the solver reports it and as summed
   * here, relative to the size of the currents that cancel. */
  net = net_current (cell, sol.vm_rest_mv, &scale);
  if (!(fabs (net) <= 1e-12 * scale))
    {
      dump_cell (cell);
      g_test_message ("V_rest=%.17g formula=%d", sol.vm_rest_mv, sol.formula);
    }
  g_assert_cmpfloat (scale, >, 0.0);
  g_assert_cmpfloat (fabs (net), <=, 1e-12 * scale);
  g_assert_cmpfloat (fabs (sol.net_current_ua_cm2), <=, 1e-12 * scale);

  /* The closed form agrees with the solver, and with the physics functions
   * called directly. */
  if (mode == ML_PUMP_CURRENT && ml_cell_get_pump_current (cell) != 0.0 && pump_is_fed (cell))
    g_assert_cmpint (sol.formula, ==, ML_FORMULA_NUMERIC);
  else
    {
      double expected;
      gboolean ok;

      g_assert_cmpint (sol.formula, !=, ML_FORMULA_NUMERIC);
      g_assert_cmpint (sol.formula, !=, ML_FORMULA_NONE);
      assert_close (sol.vm_formula_mv, sol.vm_rest_mv, 1e-9);

      n = species_of (cell, TRUE, species, &divalent);
      if (divalent)
        ok = ml_ghk_divalent_voltage_mv (species, n, t_c, &expected);
      else
        ok = ml_ghk_voltage_mv (species, n, t_c, &expected);
      g_assert_true (ok);
      assert_close (sol.vm_rest_mv, expected, 1e-9);

      /* Only K⁺ and Na⁺, both cations, with a ratio pump: Mullins–Noda. */
      if (mode == ML_PUMP_RATIO && sol.n_ions == 2 && sol.ions[0].ion.z == 1
          && sol.ions[1].ion.z == 1 && pump_is_fed (cell))
        {
          const MlIon *k = &sol.ions[0].ion, *na = &sol.ions[1].ion;

          g_assert_true (ml_mullins_noda_mv (ml_cell_get_pump_ratio (cell), k->p, k->c_in,
                                             k->c_out, na->p, na->c_in, na->c_out, t_c,
                                             &expected));
          assert_close (sol.vm_rest_mv, expected, 1e-9);
          g_assert_cmpint (sol.formula, ==, ML_FORMULA_MULLINS_NODA);
          n_mullins_noda_direct++;
        }
    }

  /* V_ghk is the monovalent or Ca²⁺ GHK voltage of the same ions. */
  {
    double expected;

    n = species_of (cell, FALSE, species, &divalent);
    g_assert_true (divalent ? ml_ghk_divalent_voltage_mv (species, n, t_c, &expected)
                            : ml_ghk_voltage_mv (species, n, t_c, &expected));
    assert_close (sol.vm_ghk_mv, expected, 1e-9);
  }

  /* Without the pump, V lies between the lowest and highest E: each current
   * points towards its own E, so they cannot cancel outside that span. */
  if (mode == ML_PUMP_OFF)
    {
      double e_min = INFINITY, e_max = -INFINITY;

      for (guint i = 0; i < sol.n_ions; i++)
        {
          g_assert_cmpint (sol.ions[i].nernst_state, ==, ML_NERNST_DEFINED);
          e_min = MIN (e_min, sol.ions[i].nernst_mv);
          e_max = MAX (e_max, sol.ions[i].nernst_mv);
        }
      g_assert_cmpfloat (sol.vm_rest_mv, >=, e_min - 1e-9);
      g_assert_cmpfloat (sol.vm_rest_mv, <=, e_max + 1e-9);
      g_assert_cmpfloat (sol.pump_contribution_mv, ==, 0.0);
    }

  /* ΔG per ion, every valence, against ml_delta_g_out() at V_rest. */
  for (guint i = 0; i < sol.n_ions; i++)
    {
      const MlIonResult *r = &sol.ions[i];
      double chem, elec, total;

      g_assert_true (ml_delta_g_out (r->ion.z, r->ion.c_in, r->ion.c_out, sol.vm_mv, t_c,
                                     &chem, &elec, &total));
      g_assert_true (r->delta_g_defined);
      assert_close (r->delta_g_chemical, chem, 1e-12 * fabs (chem) + 1e-9);
      assert_close (r->delta_g_electrical, elec, 1e-12 * fabs (elec) + 1e-9);
      assert_close (r->delta_g_total, total, 1e-12 * (fabs (chem) + fabs (elec)) + 1e-9);
    }

  /* Each per-ion current is continuous through V = 0: the slope at 0 is at
   * most P·z²·F·(c_in + c_out)/(RT/F) µA/cm² per mV, so ±1e-9 mV moves it
   * by less than that times 1e-9, plus rounding of I(0). */
  for (guint i = 0; i < sol.n_ions; i++)
    {
      const MlIon *ion = &sol.ions[i].ion;
      double i0 = ml_ghk_current (ion->z, ion->p, ion->c_in, ion->c_out, 0.0, t_c);
      double bound = ion->p * ion->z * ion->z * ML_FARADAY * (ion->c_in + ion->c_out)
                     / rtf * 1e-9 + 1e-14 * fabs (i0);

      assert_close (ml_ghk_current (ion->z, ion->p, ion->c_in, ion->c_out, 1e-9, t_c), i0, bound);
      assert_close (ml_ghk_current (ion->z, ion->p, ion->c_in, ion->c_out, -1e-9, t_c), i0, bound);
    }
}

static void
test_random_cells (void)
{
  for (int k = 0; k < N_RANDOM_CELLS; k++)
    {
      g_autoptr(MlCell) cell = random_cell_new ();

      check_random_cell (cell);
    }

  g_test_message ("formulas: GHK %u, GHK-Ca %u, Mullins-Noda %u (%u against "
                  "ml_mullins_noda_mv), Mullins-Noda-Ca %u, numeric %u; unbalanced %u",
                  n_formula[ML_FORMULA_GHK], n_formula[ML_FORMULA_GHK_DIVALENT],
                  n_formula[ML_FORMULA_MULLINS_NODA], n_mullins_noda_direct,
                  n_formula[ML_FORMULA_MULLINS_NODA_DIVALENT], n_formula[ML_FORMULA_NUMERIC],
                  n_unbalanced);
  /* Each closed form is exercised. */
  for (MlFormula f = ML_FORMULA_GHK; f <= ML_FORMULA_NUMERIC; f++)
    g_assert_cmpuint (n_formula[f], >, 50);
  g_assert_cmpuint (n_mullins_noda_direct, >, 10);
}

static void
test_random_degenerate (void)
{
  /* Random cells with zeros, closed channels and disabled ions sprinkled in:
   * whatever comes out must be finite, with a condition when undefined. */
  for (int k = 0; k < N_RANDOM_CELLS; k++)
    {
      g_autoptr(MlCell) cell = random_cell_new ();
      MlSolution sol;

      for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
        {
          switch (g_test_rand_int_range (0, 6))
            {
            case 0:
              ml_cell_set_ion_value (cell, i, ML_ION_FIELD_C_IN, 0.0);
              break;
            case 1:
              ml_cell_set_ion_value (cell, i, ML_ION_FIELD_C_OUT, 0.0);
              break;
            case 2:
              ml_cell_set_ion_value (cell, i, ML_ION_FIELD_P, 0.0);
              break;
            case 3:
              ml_cell_set_ion_enabled (cell, i, FALSE);
              break;
            case 4:
              ml_cell_set_ion_value (cell, i, ML_ION_FIELD_C_OUT, 1e5);
              ml_cell_set_ion_value (cell, i, ML_ION_FIELD_C_IN, 1e-300);
              break;
            default:
              break;
            }
        }
      if (g_test_rand_int_range (0, 10) == 0)
        ml_cell_set_temperature (cell, g_test_rand_double_range (-400.0, -273.15));

      ml_cell_solve (cell, &sol);
      assert_solution_finite (&sol);
      ml_cell_solve_at (cell, g_test_rand_double_range (-200.0, 200.0), &sol);
      assert_solution_finite (&sol);

      /* When defined, the net current is zero there. */
      ml_cell_solve (cell, &sol);
      if (sol.condition == ML_CONDITION_NONE)
        {
          double scale, net = net_current (cell, sol.vm_rest_mv, &scale);

          g_assert_cmpfloat (fabs (net), <=, 1e-12 * scale);
        }
    }
}

static void
test_degenerate_no_ions (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  MlSolution sol;

  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_NO_PERMEANT_ION);
  g_assert_false (sol.vm_defined);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_NONE);
  g_assert_cmpuint (sol.n_ions, ==, 0);
  assert_solution_finite (&sol);
}

static void
test_degenerate_all_closed (void)
{
  static const MlIon ions[] = {
    { "K",  1, 140.0, 5.0,   0.0, true },
    { "Na", 1, 15.0,  145.0, 0.0, true },
  };
  g_autoptr(MlCell) cell = cell_new_with (ions, 2);
  MlSolution sol;

  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_NO_PERMEANT_ION);
  g_assert_cmpint (sol.ghk_condition, ==, ML_CONDITION_NO_PERMEANT_ION);
  g_assert_false (sol.vm_defined);
  /* The Nernst potentials are still there to show. */
  g_assert_cmpint (sol.ions[0].nernst_state, ==, ML_NERNST_DEFINED);
  g_assert_cmpfloat (sol.ions[0].nernst_mv, <, 0.0);
  g_assert_false (sol.ions[0].permeant);
  assert_solution_finite (&sol);

  /* A pump cannot make up for closed channels. */
  ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_NO_PERMEANT_ION);
  assert_solution_finite (&sol);
}

static void
test_degenerate_temperature (void)
{
  static const MlIon k = { "K", 1, 140.0, 5.0, 5e-7, true };
  const double temps[] = { -ML_ZERO_CELSIUS_K, -300.0 };

  for (guint i = 0; i < G_N_ELEMENTS (temps); i++)
    {
      g_autoptr(MlCell) cell = cell_new_with (&k, 1);
      MlSolution sol;

      ml_cell_set_temperature (cell, temps[i]);
      ml_cell_solve (cell, &sol);
      g_assert_cmpint (sol.condition, ==, ML_CONDITION_BAD_TEMPERATURE);
      g_assert_false (sol.vm_defined);
      g_assert_cmpfloat (sol.rt_over_f_mv, ==, 0.0);
      g_assert_cmpint (sol.ions[0].nernst_state, ==, ML_NERNST_UNDEFINED);
      assert_solution_finite (&sol);

      /* A clamp does not define anything at T ≤ 0 K either. */
      ml_cell_solve_at (cell, -70.0, &sol);
      g_assert_false (sol.vm_defined);
      assert_solution_finite (&sol);
    }
}

static void
test_degenerate_unbalanced (void)
{
  /* Only K⁺, none outside: I_K = P·F·K_in·B(−x) > 0 at every V, so the
   * current never reaches zero (V → −∞). */
  static const MlIon k = { "K", 1, 140.0, 0.0, 5e-7, true };
  g_autoptr(MlCell) cell = cell_new_with (&k, 1);
  MlSolution sol;

  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_UNBALANCED);
  g_assert_false (sol.vm_defined);
  g_assert_cmpint (sol.ions[0].nernst_state, ==, ML_NERNST_MINUS_INFINITY);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_NONE);
  assert_solution_finite (&sol);

  /* The same with nothing inside: V → +∞. */
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_IN, 0.0);
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 5.0);
  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_UNBALANCED);
  g_assert_cmpint (sol.ions[0].nernst_state, ==, ML_NERNST_PLUS_INFINITY);
  assert_solution_finite (&sol);
}

static void
test_degenerate_zero_k_out_with_na (void)
{
  /* K_out = 0 but Na⁺ present: Na⁺ carries the inward current that balances
   * the K⁺ efflux.  GHK: V = RT/F·ln[(P_K·0 + P_Na·145)/(P_K·140 + P_Na·15)]
   * = 26.7267 × ln(0.05·145/(140 + 0.75)) = 26.7267 × ln(7.25/140.75)
   * = 26.7267 × (−2.96604) = −79.27 mV. */
  static const MlIon ions[] = {
    { "K",  1, 140.0, 0.0,   1e-6, true },
    { "Na", 1, 15.0,  145.0, 5e-8, true },
  };
  g_autoptr(MlCell) cell = cell_new_with (ions, 2);
  MlSolution sol;

  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_NONE);
  g_assert_true (sol.vm_defined);
  assert_close (sol.vm_rest_mv, -79.27, 0.01);
  g_assert_cmpint (sol.ions[0].nernst_state, ==, ML_NERNST_MINUS_INFINITY);
  g_assert_cmpfloat (sol.ions[0].nernst_mv, ==, 0.0);
  g_assert_cmpfloat (sol.ions[0].driving_force_mv, ==, 0.0);
  g_assert_false (sol.ions[0].delta_g_defined);
  /* E_K = −∞ lies below any V: K⁺ leaves. */
  g_assert_cmpint (sol.ions[0].direction, ==, 1);
  g_assert_cmpint (sol.ions[1].nernst_state, ==, ML_NERNST_DEFINED);
  assert_solution_finite (&sol);
}

/* An ion with none on either side carries nothing whatever its P: it is not
 * permeant, and a cell of only such ions has no permeant ion (rather than
 * a "resting potential" of 0 mV that any V would satisfy). */
static void
test_empty_ion_takes_no_part (void)
{
  static const MlIon ions[] = {
    { "K",  1, 140.0, 5.0,   5e-7,   true },
    { "Na", 1, 15.0,  145.0, 2.5e-8, true },
    { "X",  1, 0.0,   0.0,   1e-6,   true },
  };
  g_autoptr(MlCell) with = cell_new_with (ions, 3);
  g_autoptr(MlCell) without = cell_new_with (ions, 2);
  g_autoptr(MlCell) only = cell_new_with (&ions[2], 1);
  MlSolution a, b;

  ml_cell_solve (with, &a);
  ml_cell_solve (without, &b);
  g_assert_false (a.ions[2].permeant);
  assert_close (a.vm_rest_mv, b.vm_rest_mv, 1e-12);

  ml_cell_solve (only, &a);
  g_assert_cmpint (a.condition, ==, ML_CONDITION_NO_PERMEANT_ION);
}

/* The views learn from the solution which ion the pump moves. */
static void
test_pump_ion (void)
{
  static const MlIon ions[] = {
    { "Cl", -1, 10.0, 110.0, 2.25e-7, true },
    { "K",  1,  140.0, 5.0,  5e-7,    true },
    { "Na", 1,  15.0, 145.0, 2.5e-8,  true },
  };
  g_autoptr(MlCell) cell = cell_new_with (ions, 3);
  g_autoptr(MlCell) no_na = cell_new_with (ions, 2);
  MlSolution sol;

  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.pump_ion, ==, 2);
  ml_cell_solve (no_na, &sol);
  g_assert_cmpint (sol.pump_ion, ==, -1);
}

static void
test_condition_messages (void)
{
  g_assert_null (ml_condition_message (ML_CONDITION_NONE));
  for (MlCondition c = ML_CONDITION_BAD_TEMPERATURE; c <= ML_CONDITION_INVALID_VALUE; c++)
    {
      const char *m = ml_condition_message (c);

      g_assert_nonnull (m);
      g_assert_cmpuint (strlen (m), >, 0);
    }
}

static void
test_disabled_ion_is_absent (void)
{
  static const MlIon three[] = {
    { "K",  1, 140.0, 5.0,   5e-7,    true },
    { "Na", 1, 15.0,  145.0, 2.5e-8,  true },
    { "Cl", -1, 10.0, 110.0, 2.25e-7, true },
  };
  g_autoptr(MlCell) with = cell_new_with (three, 3);
  g_autoptr(MlCell) without = cell_new_with (three, 2);
  MlSolution a, b;

  ml_cell_set_ion_enabled (with, 2, FALSE);
  ml_cell_solve (with, &a);
  ml_cell_solve (without, &b);

  g_assert_cmpint (a.condition, ==, ML_CONDITION_NONE);
  assert_close (a.vm_rest_mv, b.vm_rest_mv, 1e-12);
  g_assert_false (a.ions[2].permeant);
  g_assert_cmpfloat (a.ions[2].current_ua_cm2, ==, 0.0);
  /* Its Nernst potential is still shown: −26.7267 × ln 11 = −64.09 mV. */
  assert_close (a.ions[2].nernst_mv, -64.09, 0.01);

  /* Every ion disabled: nothing permeant. */
  ml_cell_set_ion_enabled (with, 0, FALSE);
  ml_cell_set_ion_enabled (with, 1, FALSE);
  ml_cell_solve (with, &a);
  g_assert_cmpint (a.condition, ==, ML_CONDITION_NO_PERMEANT_ION);
  assert_solution_finite (&a);
}

static void
test_pump_mammalian_neuron (void)
{
  g_autoptr(MlCell) cell = mammalian_neuron_new ();
  MlSolution sol;

  /* Without Ca²⁺ (P_Ca is 1/1000 of P_K), by hand:
   *   GHK:  (5 + 0.05·145 + 0.45·10)/(140 + 0.05·15 + 0.45·110) = 16.75/190.25
   *         → 26.7267 × ln 0.08804 = −64.94 mV
   *   Mullins–Noda, P_Na/1.5: (5 + 4.8333 + 4.5)/(140 + 0.5 + 49.5) = 14.333/190
   *         → 26.7267 × ln 0.07544 = −69.07 mV
   * so the 3:2 pump adds about −4.1 mV. */
  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_NONE);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_MULLINS_NODA_DIVALENT);
  assert_close (sol.vm_ghk_mv, -64.94, 0.1);
  assert_close (sol.vm_rest_mv, -69.07, 0.1);
  g_assert_cmpfloat (sol.pump_contribution_mv, <, -1.0);
  g_assert_cmpfloat (sol.pump_contribution_mv, >, -10.0);
  assert_close (sol.pump_contribution_mv, sol.vm_rest_mv - sol.vm_ghk_mv, 1e-12);
  /* The pump current is outward: one net charge out per cycle. */
  g_assert_cmpfloat (sol.pump_current_ua_cm2, >, 0.0);
  g_assert_cmpfloat (fabs (sol.net_current_ua_cm2), <=,
                     1e-9 * fabs (sol.pump_current_ua_cm2));
  assert_solution_finite (&sol);

  /* Blocked (ouabain): no pump current and no contribution. */
  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  ml_cell_solve (cell, &sol);
  g_assert_cmpfloat (sol.pump_contribution_mv, ==, 0.0);
  g_assert_cmpfloat (sol.pump_current_ua_cm2, ==, 0.0);
  assert_close (sol.vm_rest_mv, -64.94, 0.1);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_GHK_DIVALENT);
}

static void
test_pump_cooling_experiment (void)
{
  g_autoptr(MlCell) cell = mammalian_neuron_new ();
  MlSolution warm, cold, cold_q1;
  int k;

  ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
  ml_cell_set_pump_current (cell, 0.5);
  k = ml_cell_find_ion (cell, "K");

  ml_cell_solve (cell, &warm);
  ml_cell_set_temperature (cell, 27.0);
  ml_cell_solve (cell, &cold);

  /* Kinetics: Q10 = 2.4 about 37 °C, so at 27 °C the pump runs at
   * 2.4^(−1) = 1/2.4 of its rate: 0.5/2.4 = 0.208333 µA/cm². */
  assert_close (warm.pump_current_ua_cm2, 0.5, 1e-12);
  assert_close (cold.pump_current_ua_cm2, 0.5 / 2.4, 1e-12);
  assert_close (cold.pump_q10_factor, 1.0 / 2.4, 1e-12);

  /* Thermodynamics: RT/F and every E scale with T in kelvin,
   * 300.15/310.15 = 0.967758, a 3.2 % change — much smaller than the
   * pump's 58 % slowdown. */
  assert_close (cold.rt_over_f_mv / warm.rt_over_f_mv, 300.15 / 310.15, 1e-12);
  assert_close (cold.ions[k].nernst_mv / warm.ions[k].nernst_mv, 300.15 / 310.15, 1e-12);

  /* Separate the two: with Q10 = 1 only thermodynamics acts, so the pump
   * current is unchanged and any change in V comes from RT/F. */
  ml_cell_set_pump_q10 (cell, 1.0);
  ml_cell_solve (cell, &cold_q1);
  assert_close (cold_q1.pump_current_ua_cm2, 0.5, 1e-12);
  g_assert_cmpfloat (cold_q1.pump_q10_factor, ==, 1.0);
  /* A slower pump hyperpolarizes less: */
  g_assert_cmpfloat (cold.pump_contribution_mv, <, 0.0);
  g_assert_cmpfloat (cold.pump_contribution_mv, >, cold_q1.pump_contribution_mv);
  /* and the solved V balances the currents in every case. */
  for (guint i = 0; i < 3; i++)
    {
      const MlSolution *s = i == 0 ? &warm : i == 1 ? &cold : &cold_q1;

      g_assert_cmpint (s->condition, ==, ML_CONDITION_NONE);
      g_assert_cmpint (s->formula, ==, ML_FORMULA_NUMERIC);
      g_assert_cmpfloat (fabs (s->net_current_ua_cm2), <=, 1e-9 * s->pump_current_ua_cm2);
    }
}

static void
test_clamp (void)
{
  g_autoptr(MlCell) cell = mammalian_neuron_new ();
  MlSolution rest, clamped;

  ml_cell_solve (cell, &rest);
  ml_cell_solve_at (cell, 0.0, &clamped);

  /* V_rest is still solved; the per-ion numbers are at the clamp. */
  g_assert_true (clamped.vm_clamped);
  g_assert_cmpfloat (clamped.vm_mv, ==, 0.0);
  assert_close (clamped.vm_rest_mv, rest.vm_rest_mv, 0.0);
  /* At 0 mV K⁺: I = P·F·(c_in − c_out) = 5e-7 × 96485.33212 × 135
   * = 6.51276 µA/cm² (see test-physics /ghk-current/through-zero). */
  assert_close (clamped.ions[0].current_ua_cm2, 6.51276, 1e-5);
  /* Off rest, the net current is not zero. */
  g_assert_cmpfloat (clamped.net_current_ua_cm2, >, 1.0);

  ml_cell_solve_at (cell, NAN, &clamped);
  g_assert_false (clamped.vm_defined);
  assert_solution_finite (&clamped);
}

/* The sign of ΔG, by hand with CODATA R = 8.314462618 J/(mol·K) and
 * F = 96485.33212 C/mol at 37 °C (RT = 2578.73 J/mol), clamped at −70 mV:
 *   K⁺ 140/5:   ΔG_chem = RT·ln(5/140) = −8.593 kJ/mol,
 *               ΔG_elec = −zFV = +6.754 kJ/mol, total −1.839: leaving is
 *               spontaneous;
 *   Na⁺ 15/145: ΔG_chem = RT·ln(145/15) = +5.850, total +12.604: entering is;
 *   Cl⁻ 10/110: ΔG_chem = RT·ln(110/10) = +6.184, ΔG_elec = +FV = −6.754,
 *               total −0.570: leaving is (V_m = −70 mV lies below
 *               E_Cl = −64.09 mV, and an anion moves against V − E). */
static void
test_spontaneous (void)
{
  g_autoptr(MlCell) cell = mammalian_neuron_new ();
  MlSolution sol;
  double e_k;

  ml_cell_solve_at (cell, -70.0, &sol);
  g_assert_true (sol.vm_defined);
  assert_close (sol.ions[0].delta_g_chemical, -8592.86, 0.01);
  assert_close (sol.ions[0].delta_g_electrical, 6753.97, 0.01);
  assert_close (sol.ions[0].delta_g_total, -1838.88, 0.01);
  g_assert_true (sol.ions[0].spontaneous_out);
  g_assert_cmpint (sol.ions[0].direction, ==, 1);
  assert_close (sol.ions[1].delta_g_total, 12604.30, 0.01);
  g_assert_false (sol.ions[1].spontaneous_out);
  g_assert_cmpint (sol.ions[1].direction, ==, -1);
  assert_close (sol.ions[2].delta_g_total, -570.45, 0.01);
  g_assert_true (sol.ions[2].spontaneous_out);
  g_assert_cmpint (sol.ions[2].direction, ==, 1);
  for (guint i = 0; i < 3; i++)
    g_assert_false (sol.ions[i].at_equilibrium);

  /* E_K = 26.7267 × ln(5/140) = −89.06 mV.  Within ML_EQUILIBRIUM_MV of it
   * the ion is at equilibrium and neither way is spontaneous, although
   * ΔG is a few J/mol from 0; just outside the band it moves again. */
  e_k = sol.ions[0].nernst_mv;
  assert_close (e_k, -89.0587, 1e-4);
  ml_cell_solve_at (cell, e_k + 0.04, &sol);
  g_assert_true (sol.ions[0].at_equilibrium);
  g_assert_cmpfloat (sol.ions[0].delta_g_total, <, 0.0);
  g_assert_false (sol.ions[0].spontaneous_out);
  g_assert_cmpint (sol.ions[0].direction, ==, 0);
  ml_cell_solve_at (cell, e_k + 0.06, &sol);
  g_assert_false (sol.ions[0].at_equilibrium);
  g_assert_true (sol.ions[0].spontaneous_out);
  g_assert_cmpint (sol.ions[0].direction, ==, 1);
  ml_cell_solve_at (cell, e_k - 0.06, &sol);
  g_assert_false (sol.ions[0].at_equilibrium);
  g_assert_false (sol.ions[0].spontaneous_out);
  g_assert_cmpint (sol.ions[0].direction, ==, -1);

  /* No K⁺ outside: ΔG is −∞, undefined, and so is spontaneous_out. */
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 0.0);
  ml_cell_solve_at (cell, -70.0, &sol);
  g_assert_false (sol.ions[0].delta_g_defined);
  g_assert_false (sol.ions[0].spontaneous_out);
  g_assert_false (sol.ions[0].at_equilibrium);

  /* No V_m (0 K): nothing is decided. */
  ml_cell_set_temperature (cell, -300.0);
  ml_cell_solve (cell, &sol);
  for (guint i = 0; i < sol.n_ions; i++)
    {
      g_assert_false (sol.ions[i].spontaneous_out);
      g_assert_false (sol.ions[i].at_equilibrium);
    }
}

/* Whether the pump turns over, decided once in the core. */
static void
test_pump_running (void)
{
  static const MlIon no_k_out[] = {
    { "K",  1, 140.0, 0.0,   1e-6, true },
    { "Na", 1, 15.0,  145.0, 5e-8, true },
  };
  g_autoptr(MlCell) cell = mammalian_neuron_new ();
  g_autoptr(MlCell) starved = cell_new_with (no_k_out, 2);
  g_autoptr(MlCell) no_na = mammalian_neuron_new ();
  MlSolution sol, off;

  ml_cell_solve (cell, &sol);
  g_assert_true (sol.pump_running);
  g_assert_cmpfloat (sol.pump_current_ua_cm2, >, 0.0);

  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  ml_cell_solve (cell, &off);
  g_assert_false (off.pump_running);

  /* No Na⁺ inside: nothing to pump out, so the steady-state pump idles
   * and V_rest is the pump-free GHK value (not Mullins–Noda). */
  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_set_ion_value (cell, 1, ML_ION_FIELD_C_IN, 0.0);
  ml_cell_solve (cell, &sol);
  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  ml_cell_solve (cell, &off);
  g_assert_false (sol.pump_running);
  g_assert_cmpfloat (sol.pump_current_ua_cm2, ==, 0.0);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_GHK_DIVALENT);
  assert_close (sol.vm_rest_mv, off.vm_rest_mv, 0.0);
  g_assert_cmpfloat (sol.pump_contribution_mv, ==, 0.0);
  /* The same with a fixed current. */
  ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
  ml_cell_solve (cell, &sol);
  g_assert_false (sol.pump_running);
  g_assert_cmpfloat (sol.pump_current_ua_cm2, ==, 0.0);
  assert_close (sol.vm_rest_mv, off.vm_rest_mv, 0.0);

  /* No K⁺ outside: the fixed-current pump idles.  V_rest is then the GHK
   * value of test_degenerate_zero_k_out_with_na, −79.27 mV, not a
   * numeric root with 0.5 µA/cm² more outward current. */
  ml_cell_set_pump_mode (starved, ML_PUMP_CURRENT);
  ml_cell_set_pump_current (starved, 0.5);
  ml_cell_solve (starved, &sol);
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_NONE);
  g_assert_false (sol.pump_running);
  g_assert_cmpfloat (sol.pump_current_ua_cm2, ==, 0.0);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_GHK);
  assert_close (sol.vm_rest_mv, -79.27, 0.01);
  /* Give it K⁺ outside and it runs, at its set current. */
  ml_cell_set_ion_value (starved, 0, ML_ION_FIELD_C_OUT, 5.0);
  ml_cell_solve (starved, &sol);
  g_assert_true (sol.pump_running);
  assert_close (sol.pump_current_ua_cm2, 0.5, 1e-12);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_NUMERIC);
  /* A set current of 0 moves nothing. */
  ml_cell_set_pump_current (starved, 0.0);
  ml_cell_solve (starved, &sol);
  g_assert_false (sol.pump_running);

  /* A closed Na⁺ channel leaves no leak for the steady-state pump to
   * balance; a fixed current still runs. */
  ml_cell_set_ion_value (no_na, 1, ML_ION_FIELD_P, 0.0);
  ml_cell_solve (no_na, &sol);
  g_assert_false (sol.pump_running);
  g_assert_cmpfloat (sol.pump_current_ua_cm2, ==, 0.0);
  ml_cell_set_pump_mode (no_na, ML_PUMP_CURRENT);
  ml_cell_solve (no_na, &sol);
  g_assert_true (sol.pump_running);

  /* Na⁺ switched off or absent, K⁺ switched off: idle in both modes. */
  ml_cell_set_ion_value (no_na, 1, ML_ION_FIELD_P, 2.5e-8);
  ml_cell_set_ion_enabled (no_na, 1, FALSE);
  ml_cell_solve (no_na, &sol);
  g_assert_false (sol.pump_running);
  ml_cell_set_ion_enabled (no_na, 1, TRUE);
  ml_cell_set_ion_enabled (no_na, 0, FALSE);
  ml_cell_solve (no_na, &sol);
  g_assert_false (sol.pump_running);
  ml_cell_set_ion_enabled (no_na, 0, TRUE);
  ml_cell_remove_ion (no_na, 1);
  ml_cell_set_pump_mode (no_na, ML_PUMP_RATIO);
  ml_cell_solve (no_na, &sol);
  g_assert_false (sol.pump_running);
  g_assert_cmpint (sol.pump_ion, ==, -1);

  /* At a ratio of 1 the pump turns over without net current. */
  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_set_ion_value (cell, 1, ML_ION_FIELD_C_IN, 15.0);
  ml_cell_set_pump_ratio (cell, 1.0);
  ml_cell_solve (cell, &sol);
  g_assert_true (sol.pump_running);
  g_assert_cmpfloat (sol.pump_current_ua_cm2, ==, 0.0);

  /* Without a V_m nothing runs. */
  ml_cell_set_temperature (cell, -300.0);
  ml_cell_solve (cell, &sol);
  g_assert_false (sol.pump_running);
}

/* Permeabilities relative to K⁺, or to the most permeable ion without it:
 * the neuron's P are 5e-7 : 2.5e-8 : 2.25e-7 : 5e-10 cm/s. */
static void
test_p_reference (void)
{
  static const MlIon pair[] = {
    { "X", 1, 10.0, 1.0, 2e-7, true },
    { "Y", -1, 1.0, 10.0, 2e-7, true },
  };
  g_autoptr(MlCell) cell = mammalian_neuron_new ();
  g_autoptr(MlCell) equal = cell_new_with (pair, 2);
  MlSolution sol;

  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.p_reference_ion, ==, 0);
  assert_close (sol.ions[0].p_relative, 1.0, 0.0);
  assert_close (sol.ions[1].p_relative, 0.05, 1e-15);
  assert_close (sol.ions[2].p_relative, 0.45, 1e-15);
  assert_close (sol.ions[3].p_relative, 0.001, 1e-18);

  /* K⁺ closed: Cl⁻ is the most permeable, so P_Na/P_Cl = 2.5e-8/2.25e-7 =
   * 0.1111 and P_Ca/P_Cl = 5e-10/2.25e-7 = 0.002222; a closed K⁺ reads 0. */
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_P, 0.0);
  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.p_reference_ion, ==, 2);
  assert_close (sol.ions[0].p_relative, 0.0, 0.0);
  assert_close (sol.ions[1].p_relative, 1.0 / 9.0, 1e-15);
  assert_close (sol.ions[2].p_relative, 1.0, 0.0);
  assert_close (sol.ions[3].p_relative, 1.0 / 450.0, 1e-17);

  /* K⁺ switched off counts as not permeant, but its P is still shown
   * relative to the reference: 5e-7/2.25e-7 = 2.222. */
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_P, 5e-7);
  ml_cell_set_ion_enabled (cell, 0, FALSE);
  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.p_reference_ion, ==, 2);
  assert_close (sol.ions[0].p_relative, 20.0 / 9.0, 1e-14);

  /* Nothing permeant: no reference. */
  for (guint i = 0; i < 4; i++)
    ml_cell_set_ion_value (cell, i, ML_ION_FIELD_P, 0.0);
  ml_cell_solve (cell, &sol);
  g_assert_cmpint (sol.p_reference_ion, ==, -1);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (sol.ions[i].p_relative, ==, 0.0);

  /* Equals: the first. */
  ml_cell_solve (equal, &sol);
  g_assert_cmpint (sol.p_reference_ion, ==, 0);
  assert_close (sol.ions[1].p_relative, 1.0, 0.0);
}

/* The divalent formulas name the ion they hold.  With Mg²⁺ 0.5/1 mM,
 * P_Mg = 1e-7, beside K⁺ 140/5 (5e-7) and Na⁺ 15/145 (2.5e-8) at 37 °C:
 *   a = Σ P·c_in (monovalent) = 7.0e-5 + 3.75e-7 = 7.0375e-5,
 *   b = Σ P·c_out = 2.5e-6 + 3.625e-6 = 6.125e-6,
 *   d_in = 4·P_Mg·Mg_in = 2e-7, d_out = 4·P_Mg·Mg_out = 4e-7;
 *   (a + d_in)·w² + (a − b)·w − (b + d_out) = 0
 *   → 7.0575e-5·w² + 6.425e-5·w − 6.525e-6 = 0, w = 0.0922156,
 *   V = 26.7267 × ln w = −63.71 mV (−65.25 mV without Mg²⁺). */
static void
test_divalent_ion (void)
{
  static const MlIon ions[] = {
    { "K",  1, 140.0, 5.0,   5e-7,   true },
    { "Na", 1, 15.0,  145.0, 2.5e-8, true },
    { "Mg", 2, 0.5,   1.0,   1e-7,   true },
    { "Ca", 2, 1e-4,  2.0,   5e-10,  true },
  };
  g_autoptr(MlCell) mg = cell_new_with (ions, 3);
  g_autoptr(MlCell) both = cell_new_with (ions, 4);
  g_autoptr(MlCell) neuron = mammalian_neuron_new ();
  g_autoptr(MlCell) mono = cell_new_with (ions, 2);
  MlSolution sol;

  ml_cell_solve (mg, &sol);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_GHK_DIVALENT);
  g_assert_cmpint (sol.divalent_ion, ==, 2);
  g_assert_cmpstr (sol.ions[sol.divalent_ion].ion.name, ==, "Mg");
  assert_close (sol.vm_rest_mv, -63.706, 1e-3);

  /* With the steady pump: Mullins–Noda with the same ion. */
  ml_cell_set_pump_mode (mg, ML_PUMP_RATIO);
  ml_cell_solve (mg, &sol);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_MULLINS_NODA_DIVALENT);
  g_assert_cmpint (sol.divalent_ion, ==, 2);

  ml_cell_solve (neuron, &sol);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_MULLINS_NODA_DIVALENT);
  g_assert_cmpint (sol.divalent_ion, ==, 3);
  g_assert_cmpint (sol.ions[3].ion.role, ==, ML_ION_ROLE_CA);

  /* Two divalent cations: one formula, no single ion to name. */
  ml_cell_solve (both, &sol);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_GHK_DIVALENT);
  g_assert_cmpint (sol.divalent_ion, ==, -1);

  /* Ca²⁺ switched off leaves Mg²⁺ alone in the formula. */
  ml_cell_set_ion_enabled (both, 3, FALSE);
  ml_cell_solve (both, &sol);
  g_assert_cmpint (sol.divalent_ion, ==, 2);

  ml_cell_solve (mono, &sol);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_GHK);
  g_assert_cmpint (sol.divalent_ion, ==, -1);
}

/* The solver finds K⁺ and Na⁺ by role: a "k" typed in lower case is K⁺
 * (stored as "K"), and a "Na" anion is not the pump's Na⁺. */
static void
test_roles (void)
{
  static const MlIon ions[] = {
    { "k",  1, 140.0, 5.0,   5e-7,   true },
    { "NA", 1, 15.0,  145.0, 2.5e-8, true },
  };
  g_autoptr(MlCell) cell = cell_new_with (ions, 2);
  g_autoptr(MlCell) anion = ml_cell_new ();
  MlSolution sol;

  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_solve (cell, &sol);
  g_assert_cmpstr (sol.ions[0].ion.name, ==, "K");
  g_assert_cmpstr (sol.ions[1].ion.name, ==, "Na");
  g_assert_cmpint (sol.charge_ion, ==, 0);
  g_assert_cmpint (sol.pump_ion, ==, 1);
  g_assert_cmpint (sol.p_reference_ion, ==, 0);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_MULLINS_NODA);
  g_assert_true (sol.pump_running);

  g_assert_cmpint (ml_cell_set_ion (anion, &(MlIon) { "K", 1, 140.0, 5.0, 5e-7, true }), ==, 0);
  g_assert_cmpint (ml_cell_set_ion (anion, &(MlIon) { "Na", -1, 15.0, 145.0, 2.5e-8, true }),
                   ==, 1);
  ml_cell_set_pump_mode (anion, ML_PUMP_RATIO);
  ml_cell_solve (anion, &sol);
  g_assert_cmpint (sol.ions[1].ion.role, ==, ML_ION_ROLE_OTHER);
  g_assert_cmpint (sol.pump_ion, ==, -1);
  g_assert_false (sol.pump_running);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_GHK);
}

int
main (int    argc,
      char **argv)
{
  /* A fixed seed unless one is given with --seed, so a run is the same
   * thousands of cells every time and a failure replays. */
  g_autofree char **args = g_new0 (char *, argc + 2);
  gboolean seeded = FALSE;
  int n = 0;

  for (int i = 0; i < argc; i++)
    {
      seeded |= g_str_has_prefix (argv[i], "--seed");
      args[n++] = argv[i];
    }
  if (!seeded)
    args[n++] = (char *)"--seed=R02S4d656d6272616e654c61623a20736565640a";
  argv = args;
  argc = n;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/solver/random/closed-forms-and-balance", test_random_cells);
  g_test_add_func ("/solver/random/degenerate-finite", test_random_degenerate);
  g_test_add_func ("/solver/degenerate/no-ions", test_degenerate_no_ions);
  g_test_add_func ("/solver/degenerate/all-closed", test_degenerate_all_closed);
  g_test_add_func ("/solver/degenerate/temperature", test_degenerate_temperature);
  g_test_add_func ("/solver/degenerate/unbalanced", test_degenerate_unbalanced);
  g_test_add_func ("/solver/degenerate/zero-k-out-with-na", test_degenerate_zero_k_out_with_na);
  g_test_add_func ("/solver/degenerate/disabled-ion", test_disabled_ion_is_absent);
  g_test_add_func ("/solver/degenerate/empty-ion", test_empty_ion_takes_no_part);
  g_test_add_func ("/solver/pump/ion", test_pump_ion);
  g_test_add_func ("/solver/condition-messages", test_condition_messages);
  g_test_add_func ("/solver/pump/mammalian-neuron", test_pump_mammalian_neuron);
  g_test_add_func ("/solver/pump/cooling-experiment", test_pump_cooling_experiment);
  g_test_add_func ("/solver/clamp", test_clamp);
  g_test_add_func ("/solver/delta-g/spontaneous", test_spontaneous);
  g_test_add_func ("/solver/pump/running", test_pump_running);
  g_test_add_func ("/solver/p-reference", test_p_reference);
  g_test_add_func ("/solver/divalent-ion", test_divalent_ion);
  g_test_add_func ("/solver/roles", test_roles);

  return g_test_run ();
}
