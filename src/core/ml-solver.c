/* ml-solver.c — from a cell to its resting potential and every derived number
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The resting potential is the V at which Σ I_ion(V) + I_pump(V) = 0.  Every
 * GHK current rises strictly with V, so the sum has at most one root; the
 * solver brackets it and then takes Newton steps that fall back to bisection
 * whenever a step would leave the bracket.  It cannot fail to converge.  The
 * closed forms (GHK, its Ca²⁺ quadratic, Mullins–Noda) start it close to the
 * root and are reported beside it for the "show the math" display.
 */
#include "config.h"

#include "ml-solution.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Roots beyond |x| = 500 (13 V at 37 °C) come only from concentrations that
 * are zero or nearly so: there the currents underflow and never balance. */
#define X_BRACKET_LIMIT 1000.0
#define X_ROOT_LIMIT    500.0

typedef struct
{
  guint  n;
  int    z[ML_MAX_IONS];
  double p[ML_MAX_IONS];   /* weighted: P_Na/r for a steady-state pump */
  double c_in[ML_MAX_IONS];
  double c_out[ML_MAX_IONS];
  double i_const;          /* µA/cm², outward */
} Problem;

static double
problem_current (const Problem *pb,
                 double         x,
                 double        *slope)
{
  double sum = pb->i_const, dsum = 0.0;

  for (guint i = 0; i < pb->n; i++)
    {
      double d = 0.0;

      sum += ml_ghk_current_x (pb->z[i], pb->p[i], pb->c_in[i], pb->c_out[i], x,
                               slope != NULL ? &d : NULL);
      dsum += d;
    }

  if (slope != NULL)
    *slope = dsum;
  return sum;
}

static MlCondition
problem_root (const Problem *pb,
              double         x0,
              double        *root)
{
  double lo, hi, x, f, df = 0.0, step = 0.02;

  *root = 0.0;
  if (pb->n == 0)
    return ML_CONDITION_NO_PERMEANT_ION;

  if (!isfinite (x0) || fabs (x0) > X_ROOT_LIMIT)
    x0 = 0.0;

  /* Bracket the root, growing the step fourfold from a start close to it. */
  f = problem_current (pb, x0, &df);
  x = x0;
  if (f > 0.0)
    {
      double f_lo;

      hi = x0;
      for (;;)
        {
          lo = x0 - step;
          if (lo < -X_BRACKET_LIMIT)
            return ML_CONDITION_UNBALANCED;
          f_lo = problem_current (pb, lo, NULL);
          if (f_lo <= 0.0)
            break;
          hi = lo;
          step *= 4.0;
        }
      if (f_lo == 0.0)
        x = hi = lo;
    }
  else if (f < 0.0)
    {
      double f_hi;

      lo = x0;
      for (;;)
        {
          hi = x0 + step;
          if (hi > X_BRACKET_LIMIT)
            return ML_CONDITION_UNBALANCED;
          f_hi = problem_current (pb, hi, NULL);
          if (f_hi >= 0.0)
            break;
          lo = hi;
          step *= 4.0;
        }
      if (f_hi == 0.0)
        x = lo = hi;
    }
  else
    lo = hi = x0;

  /* If the bracket moved away from x0, restart Newton from its middle. */
  if (x < lo || x > hi)
    {
      x = 0.5 * (lo + hi);
      f = problem_current (pb, x, &df);
      if (f > 0.0)
        hi = x;
      else if (f < 0.0)
        lo = x;
    }

  for (int iter = 0; iter < 300 && lo < hi && f != 0.0; iter++)
    {
      double xn = df > 0.0 ? x - f / df : NAN;

      if (!(xn > lo && xn < hi))
        xn = 0.5 * (lo + hi);
      if (fabs (xn - x) <= 4.0 * DBL_EPSILON * fmax (1.0, fabs (x)))
        {
          x = xn;
          break;
        }
      x = xn;
      f = problem_current (pb, x, &df);
      if (f > 0.0)
        hi = x;
      else if (f < 0.0)
        lo = x;
      if (hi - lo <= 4.0 * DBL_EPSILON * fmax (1.0, fabs (x)))
        break;
    }

  if (!isfinite (x) || fabs (x) > X_ROOT_LIMIT)
    return ML_CONDITION_UNBALANCED;

  *root = x;
  return ML_CONDITION_NONE;
}

static gboolean
values_valid (const MlIon *ion)
{
  return isfinite (ion->c_in) && isfinite (ion->c_out) && isfinite (ion->p)
         && ion->c_in >= 0.0 && ion->c_out >= 0.0 && ion->p >= 0.0;
}

/* Builds the equation for V_rest (with_pump) or V_ghk; also a closed-form
 * estimate and which formula that is. */
static MlCondition
problem_build (MlCell     *cell,
               gboolean    with_pump,
               double      q10_factor,
               Problem    *pb,
               MlFormula  *formula,
               double     *formula_mv)
{
  MlPumpMode mode = ml_cell_get_pump_mode (cell);
  double ratio = ml_cell_get_pump_ratio (cell);
  double t_c = ml_cell_get_temperature (cell);
  MlSpecies species[ML_MAX_IONS];
  gboolean divalent = FALSE, other_valence = FALSE, scaled = FALSE;
  guint n_ions = ml_cell_get_n_ions (cell);
  gboolean ok;

  memset (pb, 0, sizeof *pb);
  *formula = ML_FORMULA_NONE;
  *formula_mv = 0.0;

  for (guint i = 0; i < n_ions; i++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, i);
      double p = ion->p;

      if (!values_valid (ion))
        return ML_CONDITION_INVALID_VALUE;
      if (!ion->enabled || p <= 0.0)
        continue;

      /* A steady-state pump moves r Na⁺ out for each K⁺ in; its current is
       * −(1 − 1/r)·I_Na, which leaves I_Na/r in the sum (Mullins–Noda). */
      if (with_pump && mode == ML_PUMP_RATIO && strcmp (ion->name, "Na") == 0
          && ion->z == 1 && ratio != 1.0)
        {
          p /= ratio;
          scaled = TRUE;
        }

      pb->z[pb->n] = ion->z;
      pb->p[pb->n] = p;
      pb->c_in[pb->n] = ion->c_in;
      pb->c_out[pb->n] = ion->c_out;
      species[pb->n] = (MlSpecies) { ion->z, ion->c_in, ion->c_out, p };
      if (ion->z == 2)
        divalent = TRUE;
      else if (ion->z != 1 && ion->z != -1)
        other_valence = TRUE;
      pb->n++;
    }

  if (with_pump && mode == ML_PUMP_CURRENT)
    pb->i_const = ml_cell_get_pump_current (cell) * q10_factor;

  if (!ml_temperature_valid (t_c))
    return ML_CONDITION_BAD_TEMPERATURE;
  if (pb->n == 0)
    return ML_CONDITION_NO_PERMEANT_ION;

  if (pb->i_const != 0.0 || other_valence)
    {
      *formula = ML_FORMULA_NUMERIC;
      return ML_CONDITION_NONE;
    }

  if (divalent)
    {
      ok = ml_ghk_divalent_voltage_mv (species, pb->n, t_c, formula_mv);
      *formula = scaled ? ML_FORMULA_MULLINS_NODA_DIVALENT : ML_FORMULA_GHK_DIVALENT;
    }
  else
    {
      ok = ml_ghk_voltage_mv (species, pb->n, t_c, formula_mv);
      *formula = scaled ? ML_FORMULA_MULLINS_NODA : ML_FORMULA_GHK;
    }

  if (!ok)
    {
      *formula = ML_FORMULA_NONE;
      *formula_mv = 0.0;
    }
  return ML_CONDITION_NONE;
}

static void
fill_ion (const MlIon  *ion,
          double        t_c,
          double        vm_mv,
          gboolean      vm_defined,
          double        rt_over_f,
          MlIonResult  *r)
{
  double e;

  memset (r, 0, sizeof *r);
  r->ion = *ion;
  r->permeant = ion->enabled && ion->p > 0.0;

  if (ml_nernst_mv (ion->z, ion->c_in, ion->c_out, t_c, &e))
    {
      r->nernst_state = ML_NERNST_DEFINED;
      r->nernst_mv = e;
    }
  else if (e > 0.0)
    r->nernst_state = ML_NERNST_PLUS_INFINITY;
  else if (e < 0.0)
    r->nernst_state = ML_NERNST_MINUS_INFINITY;
  else
    r->nernst_state = ML_NERNST_UNDEFINED;

  if (!vm_defined)
    return;

  if (r->nernst_state == ML_NERNST_DEFINED)
    {
      r->driving_force_mv = vm_mv - r->nernst_mv;
      if (fabs (r->driving_force_mv) >= ML_EQUILIBRIUM_MV)
        r->direction = (r->driving_force_mv > 0.0) == (ion->z > 0) ? 1 : -1;
    }
  else if (r->nernst_state == ML_NERNST_PLUS_INFINITY)
    r->direction = ion->z > 0 ? -1 : 1;
  else if (r->nernst_state == ML_NERNST_MINUS_INFINITY)
    r->direction = ion->z > 0 ? 1 : -1;

  if (r->permeant && rt_over_f > 0.0)
    r->current_ua_cm2 = ml_ghk_current_x (ion->z, ion->p, ion->c_in, ion->c_out,
                                          vm_mv / rt_over_f, NULL);

  r->delta_g_defined = ml_delta_g_out (ion->z, ion->c_in, ion->c_out, vm_mv, t_c,
                                       &r->delta_g_chemical,
                                       &r->delta_g_electrical,
                                       &r->delta_g_total);
}

static void
solve (MlCell     *cell,
       gboolean    clamp,
       double      vm_clamp,
       MlSolution *out)
{
  double t_c = ml_cell_get_temperature (cell);
  Problem pb;
  MlFormula ghk_formula;
  double ghk_formula_mv, x, k_in = 0.0;

  g_return_if_fail (ML_IS_CELL (cell));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->temperature_c = t_c;
  out->temperature_k = ml_kelvin_from_celsius (t_c);
  out->rt_over_f_mv = ml_rt_over_f_mv (t_c);
  out->pump_mode = ml_cell_get_pump_mode (cell);
  out->pump_ratio = ml_cell_get_pump_ratio (cell);
  out->pump_q10_factor = ml_q10_factor (ml_cell_get_pump_q10 (cell), t_c,
                                        ml_cell_get_pump_reference_temperature (cell));
  out->radius_um = ml_cell_get_radius (cell);
  out->capacitance_uf_cm2 = ml_cell_get_capacitance (cell);
  out->charge_ion = -1;

  /* Without the pump. */
  out->ghk_condition = problem_build (cell, FALSE, 1.0, &pb, &ghk_formula, &ghk_formula_mv);
  if (out->ghk_condition == ML_CONDITION_NONE)
    {
      out->ghk_condition = problem_root (&pb, ghk_formula_mv / out->rt_over_f_mv, &x);
      out->vm_ghk_mv = out->ghk_condition == ML_CONDITION_NONE ? x * out->rt_over_f_mv : 0.0;
    }

  /* With it: the resting potential. */
  if (out->pump_mode == ML_PUMP_OFF)
    {
      out->condition = out->ghk_condition;
      out->vm_rest_mv = out->vm_ghk_mv;
      out->formula = ghk_formula;
      out->vm_formula_mv = ghk_formula_mv;
    }
  else
    {
      out->condition = problem_build (cell, TRUE, out->pump_q10_factor, &pb,
                                      &out->formula, &out->vm_formula_mv);
      if (out->condition == ML_CONDITION_NONE)
        {
          double guess = out->formula == ML_FORMULA_NUMERIC || out->formula == ML_FORMULA_NONE
                         ? out->vm_ghk_mv : out->vm_formula_mv;

          out->condition = problem_root (&pb, guess / out->rt_over_f_mv, &x);
          out->vm_rest_mv = out->condition == ML_CONDITION_NONE ? x * out->rt_over_f_mv : 0.0;
        }
    }

  if (out->condition != ML_CONDITION_NONE)
    {
      out->formula = ML_FORMULA_NONE;
      out->vm_formula_mv = 0.0;
    }
  if (out->condition == ML_CONDITION_NONE && out->ghk_condition == ML_CONDITION_NONE)
    out->pump_contribution_mv = out->vm_rest_mv - out->vm_ghk_mv;

  if (clamp)
    {
      out->vm_clamped = TRUE;
      out->vm_defined = isfinite (vm_clamp) && ml_temperature_valid (t_c);
      out->vm_mv = out->vm_defined ? vm_clamp : 0.0;
    }
  else
    {
      out->vm_defined = out->condition == ML_CONDITION_NONE;
      out->vm_mv = out->vm_rest_mv;
    }

  out->n_ions = ml_cell_get_n_ions (cell);
  for (guint i = 0; i < out->n_ions; i++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, i);
      MlIonResult *r = &out->ions[i];

      fill_ion (ion, t_c, out->vm_mv, out->vm_defined, out->rt_over_f_mv, r);
      out->net_current_ua_cm2 += r->current_ua_cm2;

      if (strcmp (ion->name, "K") == 0 && ion->z == 1)
        {
          out->charge_ion = (int)i;
          k_in = ion->c_in;
        }
      if (out->vm_defined && out->pump_mode == ML_PUMP_RATIO && r->permeant
          && strcmp (ion->name, "Na") == 0 && ion->z == 1)
        out->pump_current_ua_cm2 = -(1.0 - 1.0 / out->pump_ratio) * r->current_ua_cm2;
    }

  if (out->vm_defined && out->pump_mode == ML_PUMP_CURRENT)
    out->pump_current_ua_cm2 = ml_cell_get_pump_current (cell) * out->pump_q10_factor;
  out->net_current_ua_cm2 += out->pump_current_ua_cm2;

  ml_charge_sphere (out->radius_um, out->capacitance_uf_cm2,
                    out->vm_defined ? out->vm_mv : 0.0, 1, k_in, &out->charge);
}

/**
 * ml_cell_solve:
 * @cell: the cell
 * @out: (out caller-allocates): the solution
 *
 * Solves for the resting potential and evaluates every per-ion number there.
 */
void
ml_cell_solve (MlCell     *cell,
               MlSolution *out)
{
  solve (cell, FALSE, 0.0, out);
}

/**
 * ml_cell_solve_at:
 *
 * Like ml_cell_solve(), but the per-ion numbers, the pump current and the
 * charge are evaluated at @vm_mv (a voltage clamp); V_rest is still solved.
 */
void
ml_cell_solve_at (MlCell     *cell,
                  double      vm_mv,
                  MlSolution *out)
{
  solve (cell, TRUE, vm_mv, out);
}

const char *
ml_condition_message (MlCondition condition)
{
  switch (condition)
    {
    case ML_CONDITION_NONE:
      return NULL;
    case ML_CONDITION_BAD_TEMPERATURE:
      return _("undefined: the temperature is at or below absolute zero");
    case ML_CONDITION_NO_PERMEANT_ION:
      return _("undefined: no permeant ion");
    case ML_CONDITION_UNBALANCED:
      return _("undefined: the currents never balance, because a concentration is zero");
    case ML_CONDITION_INVALID_VALUE:
      return _("undefined: a concentration or permeability is not a valid number");
    default:
      g_return_val_if_reached (NULL);
    }
}
