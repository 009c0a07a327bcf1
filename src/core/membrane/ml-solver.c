/* ml-solver.c — from a cell to its resting potential and every derived number
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The resting potential is the V at which the currents of every mechanism
 * sum to zero: Σ I_ion(V) + I_pump(V) + Σ I_other(V) = 0.  Every GHK
 * current rises strictly with V, so the sum has at most one root; the
 * solver brackets it and then takes Newton steps that fall back to bisection
 * whenever a step would leave the bracket.  It cannot fail to converge.  The
 * closed forms (GHK, its Ca²⁺ quadratic, Mullins–Noda) start it close to the
 * root and are reported beside it for the "show the math" display.
 */
#include "config.h"

#include "ml-solution.h"
#include "ml-pump.h"

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
  double pump_amplitude;   /* kinetic pump: Ī × Q10 × substrates; 0 without */
  double pump_sigma_term;  /* 0.0365·σ of its outside Na⁺, for f(V) */
  /* The cell's mechanisms whose current follows V, evaluated at V =
   * x·RT/F; the others' constant currents are in i_const. */
  const MlEnv        *env;
  double              rt_over_f;
  guint               n_mech;
  const MlMechanism  *mech[ML_MAX_MECHANISMS];
} Problem;

/* The current of the cell's other mechanisms at x, and its slope in x. */
static double
mechanisms_current (const Problem *pb,
                    double         x,
                    double        *slope)
{
  double sum = 0.0, dsum = 0.0;

  for (guint m = 0; m < pb->n_mech; m++)
    {
      const MlMechanism *mech = pb->mech[m];
      MlMechanismFlux f = { 0 };

      mech->klass->flux (pb->env, mech->values, x * pb->rt_over_f, &f);
      sum += f.current_ua_cm2;
      if (slope != NULL && f.current_ua_cm2 != 0.0)
        {
          /* Central differences: the classes give currents, not slopes. */
          const double h = 1e-6 * fmax (1.0, fabs (x));
          MlMechanismFlux up = { 0 }, down = { 0 };

          mech->klass->flux (pb->env, mech->values, (x + h) * pb->rt_over_f, &up);
          mech->klass->flux (pb->env, mech->values, (x - h) * pb->rt_over_f, &down);
          dsum += (up.current_ua_cm2 - down.current_ua_cm2) / (2.0 * h);
        }
    }
  if (slope != NULL)
    *slope = dsum;
  return sum;
}

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

  if (pb->pump_amplitude > 0.0)
    {
      double d = 0.0;

      sum += ml_pump_kinetic_current (pb->pump_amplitude, x, pb->pump_sigma_term,
                                      slope != NULL ? &d : NULL);
      dsum += d;
    }

  if (pb->n_mech > 0)
    {
      double d = 0.0;

      sum += mechanisms_current (pb, x, slope != NULL ? &d : NULL);
      dsum += d;
    }

  if (slope != NULL)
    *slope = dsum;
  return sum;
}

/* Rounding of x: a Newton step this small cannot be told from zero. */
static inline double
x_tolerance (double x)
{
  return 4.0 * DBL_EPSILON * fmax (1.0, fabs (x));
}

/* Safeguarded Newton.  The start is a closed form or V_ghk, usually within a
 * few ulps of the root, so the first Newton step is normally below rounding
 * and the root costs one evaluation.  Until the root is bracketed each step
 * is at least twice the one before, so a sum that never changes sign walks
 * out of range in a few dozen steps; once bracketed, a step that would leave
 * the bracket is replaced by bisection. */
static MlCondition
problem_root (const Problem *pb,
              double         x0,
              double        *root)
{
  double lo = -X_BRACKET_LIMIT, hi = X_BRACKET_LIMIT;
  gboolean have_lo = FALSE, have_hi = FALSE;
  double x, f, df = 0.0, last_step = 0.0, last_f = INFINITY;
  int newton_budget = 8;

  *root = 0.0;
  if (pb->n == 0)
    return ML_CONDITION_NO_PERMEANT_ION;

  if (!isfinite (x0) || fabs (x0) > X_ROOT_LIMIT)
    x0 = 0.0;

  x = x0;
  f = problem_current (pb, x, &df);

  for (int iter = 0; iter < 400; iter++)
    {
      double xn, newton;

      if (f > 0.0)
        {
          hi = x;
          have_hi = TRUE;
        }
      else if (f < 0.0)
        {
          lo = x;
          have_lo = TRUE;
        }
      else if (f == 0.0)
        break;
      else
        return ML_CONDITION_UNBALANCED; /* NaN: cannot happen with valid input */

      if (have_lo && have_hi && hi - lo <= x_tolerance (x))
        break;

      newton = df > 0.0 ? -f / df : NAN;
      if (isfinite (newton) && fabs (newton) <= x_tolerance (x))
        {
          xn = x + newton;
          if (xn < lo || xn > hi)
            xn = x;
          x = xn;
          break;
        }

      if (have_lo && have_hi)
        {
          xn = x + newton;
          if (!(xn > lo && xn < hi))
            xn = 0.5 * (lo + hi);
        }
      else
        {
          /* Move towards the sign change: by Newton while it at least
           * halves the current (from one side of a convex sum it creeps up
           * on the root without crossing it), for at most a few steps in
           * all; otherwise at least twice as far as before, so that a sum
           * without a root walks out of range in a few dozen steps. */
          double dir = f > 0.0 ? -1.0 : 1.0;
          double len = isfinite (newton) && newton * dir > 0.0 ? fabs (newton) : 0.02;

          if (isfinite (newton) && newton * dir > 0.0 && fabs (f) <= 0.5 * last_f
              && newton_budget > 0)
            newton_budget--;
          else
            {
              len = fmax (len, 2.0 * last_step);
              newton_budget = 0;
            }
          last_f = fabs (f);
          xn = x + dir * len;
          /* Stop at the end of the range, and give up only from there: a
           * long step must not jump over a root inside it. */
          if (fabs (xn) > X_BRACKET_LIMIT)
            {
              if (fabs (x) >= X_BRACKET_LIMIT)
                return ML_CONDITION_UNBALANCED;
              xn = dir * X_BRACKET_LIMIT;
            }
          last_step = len;
        }

      x = xn;
      f = problem_current (pb, x, &df);
    }

  if (!isfinite (x) || fabs (x) > X_ROOT_LIMIT)
    return ML_CONDITION_UNBALANCED;

  *root = x;
  return ML_CONDITION_NONE;
}

/* What the solver reads from the cell, read once: the getters check the
 * instance type on every call, and the solve reads each value several times. */
typedef struct
{
  double      t_c;
  double      rt_over_f;   /* mV; 0 when T ≤ 0 K */
  MlPumpMode  pump_mode;
  double      pump_ratio;
  double      pump_current;
  double      pump_max_current;
  double      pump_q10_factor;
  double      radius;
  double      capacitance;
  guint       n_ions;
  MlIon       ions[ML_MAX_IONS];
  int         k_ion;       /* the K⁺, or -1 */
  int         na_ion;      /* the Na⁺, or -1 */
  gboolean    pump_fed;    /* on, with Na⁺ inside and K⁺ outside to move */
  guint       n_mech;
  MlMechanism mech[ML_MAX_MECHANISMS];
  MlEnv       env;         /* only when n_mech > 0 */
} Snapshot;

static void
snapshot_read (MlCell   *cell,
               Snapshot *snap)
{
  snap->t_c = ml_cell_get_temperature (cell);
  snap->rt_over_f = ml_rt_over_f_mv (snap->t_c);
  snap->pump_mode = ml_cell_get_pump_mode (cell);
  snap->pump_ratio = ml_cell_get_pump_ratio (cell);
  snap->pump_current = ml_cell_get_pump_current (cell);
  snap->pump_max_current = ml_cell_get_pump_max_current (cell);
  snap->pump_q10_factor = ml_q10_factor (ml_cell_get_pump_q10 (cell), snap->t_c,
                                         ml_cell_get_pump_reference_temperature (cell));
  snap->radius = ml_cell_get_radius (cell);
  snap->capacitance = ml_cell_get_capacitance (cell);
  snap->n_ions = MIN (ml_cell_get_n_ions (cell), ML_MAX_IONS);
  snap->k_ion = snap->na_ion = -1;
  for (guint i = 0; i < snap->n_ions; i++)
    {
      snap->ions[i] = *ml_cell_get_ion (cell, i);
      if (snap->ions[i].role == ML_ION_ROLE_K)
        snap->k_ion = (int)i;
      else if (snap->ions[i].role == ML_ION_ROLE_NA)
        snap->na_ion = (int)i;
    }

  /* The pump binds Na⁺ inside and K⁺ outside; without either it cannot
   * complete a cycle and idles, in both of its modes.  A switched-off ion
   * is not in the model, so it feeds nothing. */
  snap->n_mech = ml_cell_get_n_mechanisms (cell);
  for (guint m = 0; m < snap->n_mech; m++)
    snap->mech[m] = *ml_cell_get_mechanism (cell, m);
  /* What the mechanisms read; the Nernst potentials only the words and the
   * reversal potentials need come later (fill_mechanisms()). */
  if (snap->n_mech > 0)
    ml_env_init (&snap->env, snap->t_c, snap->ions, snap->n_ions);

  snap->pump_fed = snap->pump_mode != ML_PUMP_OFF
                   && snap->na_ion >= 0 && snap->k_ion >= 0
                   && snap->ions[snap->na_ion].enabled && snap->ions[snap->na_ion].c_in > 0.0
                   && snap->ions[snap->k_ion].enabled && snap->ions[snap->k_ion].c_out > 0.0;
}

/* The one rule for taking part in the currents: switched on, a channel open,
 * and some of the ion on at least one side.  Solver and results share it. */
static inline gboolean
ion_takes_part (const MlIon *ion)
{
  return ion->enabled && ion->p > 0.0 && (ion->c_in > 0.0 || ion->c_out > 0.0);
}

static gboolean
values_valid (const MlIon *ion)
{
  return isfinite (ion->c_in) && isfinite (ion->c_out) && isfinite (ion->p)
         && ion->c_in >= 0.0 && ion->c_out >= 0.0 && ion->p >= 0.0;
}

/* Builds the equation for V_rest (with_pump) or V_ghk; also a closed-form
 * estimate, which formula that is and, for a divalent one, its divalent
 * cation. */
static MlCondition
problem_build (const Snapshot *snap,
               gboolean        with_pump,
               Problem        *pb,
               MlFormula      *formula,
               double         *formula_mv,
               int            *divalent_ion)
{
  MlSpecies species[ML_MAX_IONS];
  gboolean other_valence = FALSE, scaled = FALSE, other_current = FALSE;
  guint n_divalent = 0;
  int last_divalent = -1;
  gboolean ok;

  pb->n = 0;
  pb->i_const = 0.0;
  pb->env = &snap->env;
  pb->rt_over_f = snap->rt_over_f;
  pb->n_mech = 0;
  pb->pump_amplitude = 0.0;

  /* KCC2 and NKCC1 carry no charge; a pump whose rate does not follow V
   * (PMCA) is a constant current; only the rest is evaluated at each V. */
  for (guint m = 0; m < snap->n_mech; m++)
    {
      const MlMechanism *mech = &snap->mech[m];

      if (mech->klass->electroneutral)
        continue;
      if (mech->klass->voltage_dependent)
        pb->mech[pb->n_mech++] = mech;
      else
        {
          MlMechanismFlux f = { 0 };

          mech->klass->flux (&snap->env, mech->values, 0.0, &f);
          pb->i_const += f.current_ua_cm2;
          other_current = other_current || f.current_ua_cm2 != 0.0;
        }
    }
  pb->pump_sigma_term = 0.0;
  *formula = ML_FORMULA_NONE;
  *formula_mv = 0.0;
  *divalent_ion = -1;

  for (guint i = 0; i < snap->n_ions; i++)
    {
      const MlIon *ion = &snap->ions[i];
      double p = ion->p;

      if (!values_valid (ion))
        return ML_CONDITION_INVALID_VALUE;
      if (!ion_takes_part (ion))
        continue;

      /* A steady-state pump moves r Na⁺ out for each K⁺ in; its current is
       * −(1 − 1/r)·I_Na, which leaves I_Na/r in the sum (Mullins–Noda). */
      if (with_pump && snap->pump_fed && snap->pump_mode == ML_PUMP_RATIO
          && snap->pump_ratio != 1.0 && (int)i == snap->na_ion)
        {
          p /= snap->pump_ratio;
          scaled = TRUE;
        }

      pb->z[pb->n] = ion->z;
      pb->p[pb->n] = p;
      pb->c_in[pb->n] = ion->c_in;
      pb->c_out[pb->n] = ion->c_out;
      species[pb->n] = (MlSpecies) { ion->z, ion->c_in, ion->c_out, p };
      if (ion->z == 2)
        {
          n_divalent++;
          last_divalent = (int)i;
        }
      else if (ion->z != 1 && ion->z != -1)
        other_valence = TRUE;
      pb->n++;
    }

  if (with_pump && snap->pump_fed && snap->pump_mode == ML_PUMP_CURRENT)
    pb->i_const += snap->pump_current * snap->pump_q10_factor;
  if (with_pump && snap->pump_fed && snap->pump_mode == ML_PUMP_KINETIC)
    {
      const MlIon *na = &snap->ions[snap->na_ion];

      pb->pump_amplitude = snap->pump_max_current * snap->pump_q10_factor
                           * ml_pump_substrate_factor (na->c_in,
                                                       snap->ions[snap->k_ion].c_out);
      pb->pump_sigma_term = ml_pump_sigma_term (na->c_out);
      if (!(pb->pump_amplitude > 0.0) || !isfinite (pb->pump_amplitude))
        pb->pump_amplitude = 0.0;
    }

  if (!(snap->rt_over_f > 0.0))
    return ML_CONDITION_BAD_TEMPERATURE;
  if (pb->n == 0)
    return ML_CONDITION_NO_PERMEANT_ION;

  if (pb->i_const != 0.0 || pb->pump_amplitude > 0.0 || other_valence || other_current
      || pb->n_mech > 0)
    {
      *formula = ML_FORMULA_NUMERIC;
      return ML_CONDITION_NONE;
    }

  if (n_divalent > 0)
    {
      ok = ml_ghk_divalent_voltage_mv (species, pb->n, snap->t_c, formula_mv);
      *formula = scaled ? ML_FORMULA_MULLINS_NODA_DIVALENT : ML_FORMULA_GHK_DIVALENT;
      /* One ion can be named in a label ("GHK with Mg²⁺"); several cannot. */
      *divalent_ion = n_divalent == 1 ? last_divalent : -1;
    }
  else
    {
      ok = ml_ghk_voltage_mv (species, pb->n, snap->t_c, formula_mv);
      *formula = scaled ? ML_FORMULA_MULLINS_NODA : ML_FORMULA_GHK;
    }

  if (!ok)
    {
      *formula = ML_FORMULA_NONE;
      *formula_mv = 0.0;
      *divalent_ion = -1;
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
  r->permeant = ion_takes_part (ion);

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
      /* V + (−E) is V − E to the last bit, so the parts add up exactly. */
      r->chemical_push_mv = -r->nernst_mv;
      r->electrical_push_mv = vm_mv;
      r->at_equilibrium = fabs (r->driving_force_mv) < ML_EQUILIBRIUM_MV;
      if (!r->at_equilibrium)
        r->direction = (r->driving_force_mv > 0.0) == (ion->z > 0) ? 1 : -1;
    }
  else if (r->nernst_state == ML_NERNST_PLUS_INFINITY)
    r->direction = ion->z > 0 ? -1 : 1;
  else if (r->nernst_state == ML_NERNST_MINUS_INFINITY)
    r->direction = ion->z > 0 ? 1 : -1;

  if (r->permeant && rt_over_f > 0.0)
    r->current_ua_cm2 = ml_ghk_current_x (ion->z, ion->p, ion->c_in, ion->c_out,
                                          vm_mv / rt_over_f, NULL);

  /* ΔG = RT·ln(c_out/c_in) − zFV, and RT·ln(c_out/c_in) is z·F·E: the
   * Nernst potential already holds the logarithm (same value as
   * ml_delta_g_out() to rounding, one log fewer per ion). */
  r->delta_g_electrical = -ion->z * ML_FARADAY * vm_mv / 1000.0;
  if (r->nernst_state == ML_NERNST_DEFINED)
    {
      r->delta_g_defined = TRUE;
      r->delta_g_chemical = ion->z * ML_FARADAY * r->nernst_mv / 1000.0;
      r->delta_g_total = r->delta_g_chemical + r->delta_g_electrical;
      /* ΔG = −zF·(V_m − E): the same sign as the direction, and the same
       * band of equilibrium, so no view shows "at equilibrium" beside
       * "spontaneous". */
      r->spontaneous_out = !r->at_equilibrium && r->delta_g_total < 0.0;
    }
}

/* Why the pump does what it does, in one word for the views and the CLI. */
static MlPumpState
pump_state_of (const Snapshot   *snap,
               const MlSolution *out)
{
  if (snap->pump_mode == ML_PUMP_OFF)
    return ML_PUMP_STATE_OFF;
  if (snap->k_ion < 0 || !snap->ions[snap->k_ion].enabled)
    return ML_PUMP_STATE_NO_K_ION;
  if (snap->na_ion < 0 || !snap->ions[snap->na_ion].enabled)
    return ML_PUMP_STATE_NO_NA_ION;
  if (!(snap->ions[snap->na_ion].c_in > 0.0))
    return ML_PUMP_STATE_NO_NA_INSIDE;
  if (!(snap->ions[snap->k_ion].c_out > 0.0))
    return ML_PUMP_STATE_NO_K_OUTSIDE;
  if (!out->vm_defined)
    return ML_PUMP_STATE_UNDEFINED;
  if (out->pump_current_ua_cm2 < 0.0
      || (out->pump_mode == ML_PUMP_RATIO && out->pump_na_efflux_ua_cm2 < 0.0))
    return ML_PUMP_STATE_BACKWARDS;
  if (!out->pump_running)
    return out->pump_mode == ML_PUMP_RATIO ? ML_PUMP_STATE_NO_LEAK : ML_PUMP_STATE_ZERO_RATE;
  return ML_PUMP_STATE_RUNNING;
}

/* K⁺ when it is permeant, since textbooks write P_K : P_Na : P_Cl; without
 * it the ion that dominates V_m, so the others read as fractions of it. */
static int
p_reference (const MlSolution *sol,
             int               k_ion)
{
  int best = -1;

  if (k_ion >= 0 && sol->ions[k_ion].permeant)
    return k_ion;
  for (guint i = 0; i < sol->n_ions; i++)
    if (sol->ions[i].permeant && (best < 0 || sol->ions[i].ion.p > sol->ions[best].ion.p))
      best = (int)i;
  return best;
}

/* A start for a root without a closed form: the GHK value of the leaks
 * alone (a Ca²⁺ pump's or an exchanger's small current moves it little);
 * with a 3:2 pump in a cell near its steady state the Mullins–Noda value
 * (within a few tenths of a mV for the presets), so Newton needs two or
 * three steps from there instead of five or six.  @fallback where neither
 * holds. */
static double
numeric_guess (const Snapshot *snap,
               gboolean        with_pump,
               double          fallback)
{
  MlSpecies species[ML_MAX_IONS];
  guint n = 0, n_divalent = 0;
  double v;
  double vm_ghk = fallback;

  with_pump = with_pump && snap->pump_fed && snap->pump_mode != ML_PUMP_OFF;
  for (guint i = 0; i < snap->n_ions; i++)
    {
      const MlIon *ion = &snap->ions[i];

      if (!ion_takes_part (ion))
        continue;
      if (ion->z == 2)
        n_divalent++;
      else if (ion->z != 1 && ion->z != -1)
        return vm_ghk;
      species[n++] = (MlSpecies) { ion->z, ion->c_in, ion->c_out,
                                   with_pump && (int)i == snap->na_ion ? ion->p / 1.5 : ion->p };
    }
  if (n == 0)
    return vm_ghk;
  if (!(n_divalent > 0 ? ml_ghk_divalent_voltage_mv (species, n, snap->t_c, &v)
                       : ml_ghk_voltage_mv (species, n, snap->t_c, &v))
      || !isfinite (v))
    return vm_ghk;
  return v;
}

/* Each mechanism at V_m, and each ion's net flux over them. */
static void
fill_mechanisms (Snapshot   *snap,
                 MlSolution *out)
{
  MlMechanismResult *r;

  /* The reversal potentials and words read E: the solution has them. */
  for (guint i = 0; i < out->n_ions && snap->n_mech > 0; i++)
    snap->env.e_mv[i] = out->ions[i].nernst_state == ML_NERNST_DEFINED
                        ? out->ions[i].nernst_mv : NAN;

  out->n_mechanisms = 0;

  r = &out->mechanisms[out->n_mechanisms++];
  r->klass = ml_mechanism_class_leak ();
  r->instance = -1;
  for (guint i = 0; i < out->n_ions; i++)
    {
      r->flux_ua_cm2[i] = out->ions[i].current_ua_cm2;
      r->current_ua_cm2 += out->ions[i].current_ua_cm2;
    }

  r = &out->mechanisms[out->n_mechanisms++];
  r->klass = ml_mechanism_class_nak_pump ();
  r->instance = -1;
  r->current_ua_cm2 = out->pump_current_ua_cm2;
  if (snap->na_ion >= 0)
    r->flux_ua_cm2[snap->na_ion] = out->pump_na_efflux_ua_cm2;
  if (snap->k_ion >= 0)
    r->flux_ua_cm2[snap->k_ion] = -out->pump_k_influx_ua_cm2;
  r->state = ml_pump_state_message (out->pump_state);

  for (guint m = 0; m < snap->n_mech; m++)
    {
      const MlMechanism *mech = &snap->mech[m];
      MlMechanismFlux f = { 0 };

      r = &out->mechanisms[out->n_mechanisms++];
      r->klass = mech->klass;
      r->instance = (int)m;
      if (out->vm_defined)
        mech->klass->flux (&snap->env, mech->values, out->vm_mv, &f);
      r->current_ua_cm2 = f.current_ua_cm2;
      memcpy (r->flux_ua_cm2, f.flux_ua_cm2, sizeof r->flux_ua_cm2);
      if (mech->klass->reversal != NULL)
        {
          double e = mech->klass->reversal (&snap->env);

          r->reversal_defined = isfinite (e);
          r->reversal_mv = r->reversal_defined ? e : 0.0;
        }
      r->state = out->vm_defined && mech->klass->state != NULL
                 ? mech->klass->state (&snap->env, mech->values, &f) : NULL;
      out->net_current_ua_cm2 += f.current_ua_cm2;
    }

  {
    double largest = 0.0, worst = 0.0;

    for (guint k = 0; k < out->n_mechanisms; k++)
      for (guint i = 0; i < out->n_ions; i++)
        {
          out->ions[i].net_flux_ua_cm2 += out->mechanisms[k].flux_ua_cm2[i];
          largest = fmax (largest, fabs (out->mechanisms[k].flux_ua_cm2[i]));
        }
    out->drifting_ion = -1;
    for (guint i = 0; i < out->n_ions; i++)
      if (fabs (out->ions[i].net_flux_ua_cm2) > worst)
        {
          worst = fabs (out->ions[i].net_flux_ua_cm2);
          out->drifting_ion = (int)i;
        }
    out->steady_state = out->vm_defined && worst <= 1e-9 * largest;
    if (out->steady_state || !out->vm_defined)
      out->drifting_ion = -1;
  }
}

static void
solve (MlCell     *cell,
       gboolean    clamp,
       double      vm_clamp,
       MlSolution *out)
{
  Snapshot snap;
  Problem pb;
  MlFormula ghk_formula;
  int ghk_divalent_ion;
  double ghk_formula_mv, x, k_in = 0.0;
  double t_c, rtf;

  g_return_if_fail (ML_IS_CELL (cell));
  g_return_if_fail (out != NULL);

  snapshot_read (cell, &snap);
  t_c = snap.t_c;
  rtf = snap.rt_over_f;

  memset (out, 0, sizeof *out);
  out->temperature_c = t_c;
  out->temperature_k = ml_kelvin_from_celsius (t_c);
  out->rt_over_f_mv = rtf;
  out->pump_mode = snap.pump_mode;
  out->pump_ratio = snap.pump_ratio;
  out->pump_q10_factor = snap.pump_q10_factor;
  out->pump_max_current_ua_cm2 = snap.pump_max_current;
  out->radius_um = snap.radius;
  out->capacitance_uf_cm2 = snap.capacitance;
  out->charge_ion = snap.k_ion;
  out->pump_ion = snap.na_ion;
  out->divalent_ion = -1;
  out->p_reference_ion = -1;

  /* Without the pump. */
  out->ghk_condition = problem_build (&snap, FALSE, &pb, &ghk_formula, &ghk_formula_mv,
                                      &ghk_divalent_ion);
  if (out->ghk_condition == ML_CONDITION_NONE)
    {
      double guess = ghk_formula == ML_FORMULA_NUMERIC || ghk_formula == ML_FORMULA_NONE
                     ? numeric_guess (&snap, FALSE, 0.0) : ghk_formula_mv;

      out->ghk_condition = problem_root (&pb, guess / rtf, &x);
      out->vm_ghk_mv = out->ghk_condition == ML_CONDITION_NONE ? x * rtf : 0.0;
    }

  /* With it: the resting potential. */
  if (out->pump_mode == ML_PUMP_OFF)
    {
      out->condition = out->ghk_condition;
      out->vm_rest_mv = out->vm_ghk_mv;
      out->formula = ghk_formula;
      out->vm_formula_mv = ghk_formula_mv;
      out->divalent_ion = ghk_divalent_ion;
    }
  else
    {
      out->condition = problem_build (&snap, TRUE, &pb, &out->formula, &out->vm_formula_mv,
                                      &out->divalent_ion);
      if (out->condition == ML_CONDITION_NONE)
        {
          double guess = out->formula == ML_FORMULA_NUMERIC || out->formula == ML_FORMULA_NONE
                         ? numeric_guess (&snap, TRUE, out->vm_ghk_mv) : out->vm_formula_mv;

          out->condition = problem_root (&pb, guess / rtf, &x);
          out->vm_rest_mv = out->condition == ML_CONDITION_NONE ? x * rtf : 0.0;
        }
    }

  if (out->condition != ML_CONDITION_NONE)
    {
      out->formula = ML_FORMULA_NONE;
      out->vm_formula_mv = 0.0;
      out->divalent_ion = -1;
    }
  if (out->condition == ML_CONDITION_NONE && out->ghk_condition == ML_CONDITION_NONE)
    out->pump_contribution_mv = out->vm_rest_mv - out->vm_ghk_mv;

  if (clamp)
    {
      out->vm_clamped = TRUE;
      /* Beyond ±100 V the currents and charges leave the range of doubles. */
      out->vm_defined = isfinite (vm_clamp) && fabs (vm_clamp) <= 1e5 && rtf > 0.0;
      out->vm_mv = out->vm_defined ? vm_clamp : 0.0;
    }
  else
    {
      out->vm_defined = out->condition == ML_CONDITION_NONE;
      out->vm_mv = out->vm_rest_mv;
    }

  out->n_ions = snap.n_ions;
  for (guint i = 0; i < out->n_ions; i++)
    {
      const MlIon *ion = &snap.ions[i];
      MlIonResult *r = &out->ions[i];

      fill_ion (ion, t_c, out->vm_mv, out->vm_defined, rtf, r);
      out->net_current_ua_cm2 += r->current_ua_cm2;
    }

  if (snap.k_ion >= 0)
    k_in = snap.ions[snap.k_ion].c_in;

  /* In the steady state the pump moves out the Na⁺ that leaks in, r for
   * each K⁺ it takes in: its current is −(1 − 1/r)·I_Na, and it turns over
   * while there is a leak, even at r = 1 when it carries no net charge.
   * The other two modes are 3:2: three Na⁺ out and two K⁺ in per charge. */
  if (out->vm_defined && snap.pump_fed && out->pump_mode == ML_PUMP_RATIO)
    {
      const MlIonResult *na = &out->ions[snap.na_ion];

      if (na->permeant)
        {
          out->pump_current_ua_cm2 = -(1.0 - 1.0 / out->pump_ratio) * na->current_ua_cm2;
          out->pump_na_efflux_ua_cm2 = -na->current_ua_cm2;
          out->pump_k_influx_ua_cm2 = -na->current_ua_cm2 / out->pump_ratio;
        }
      out->pump_running = na->permeant && na->current_ua_cm2 != 0.0;
    }
  else if (out->vm_defined && snap.pump_fed && out->pump_mode == ML_PUMP_CURRENT)
    {
      out->pump_current_ua_cm2 = snap.pump_current * snap.pump_q10_factor;
      out->pump_running = out->pump_current_ua_cm2 != 0.0;
    }
  else if (out->vm_defined && snap.pump_fed && out->pump_mode == ML_PUMP_KINETIC)
    {
      const MlIon *na = &snap.ions[snap.na_ion];

      out->pump_substrate_factor = ml_pump_substrate_factor (na->c_in,
                                                             snap.ions[snap.k_ion].c_out);
      out->pump_voltage_factor = ml_pump_voltage_factor (out->vm_mv / rtf, na->c_out, NULL);
      out->pump_current_ua_cm2 = snap.pump_max_current * snap.pump_q10_factor
                                 * out->pump_substrate_factor * out->pump_voltage_factor;
      out->pump_running = out->pump_current_ua_cm2 > 0.0;
    }
  if (out->pump_mode == ML_PUMP_CURRENT || out->pump_mode == ML_PUMP_KINETIC)
    {
      out->pump_na_efflux_ua_cm2 = ML_PUMP_NA_PER_CYCLE * out->pump_current_ua_cm2;
      out->pump_k_influx_ua_cm2 = ML_PUMP_K_PER_CYCLE * out->pump_current_ua_cm2;
    }
  out->pump_state = pump_state_of (&snap, out);
  out->net_current_ua_cm2 += out->pump_current_ua_cm2;

  out->p_reference_ion = p_reference (out, snap.k_ion);
  for (guint i = 0; i < out->n_ions && out->p_reference_ion >= 0; i++)
    out->ions[i].p_relative = out->ions[i].ion.p / out->ions[out->p_reference_ion].ion.p;

  ml_charge_sphere (out->radius_um, out->capacitance_uf_cm2,
                    out->vm_defined ? out->vm_mv : 0.0, 1, k_in, &out->charge);

  fill_mechanisms (&snap, out);
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

void
ml_mechanism_result_counts (const MlMechanismResult *m,
                            const MlSolution        *sol,
                            int                     *counts)
{
  double smallest = INFINITY;

  g_return_if_fail (m != NULL && sol != NULL && counts != NULL);

  for (guint i = 0; i < ML_MAX_IONS; i++)
    counts[i] = 0;
  for (guint i = 0; i < sol->n_ions; i++)
    if (m->flux_ua_cm2[i] != 0.0 && sol->ions[i].ion.z != 0)
      smallest = fmin (smallest, fabs (m->flux_ua_cm2[i] / sol->ions[i].ion.z));
  if (!isfinite (smallest) || !(smallest > 0.0))
    return;
  for (guint i = 0; i < sol->n_ions; i++)
    if (m->flux_ua_cm2[i] != 0.0 && sol->ions[i].ion.z != 0)
      counts[i] = (int) round (fabs (m->flux_ua_cm2[i] / sol->ions[i].ion.z) / smallest);
}

int
ml_mechanism_result_direction (const MlMechanismResult *m,
                               const MlSolution        *sol,
                               guint                    ion)
{
  g_return_val_if_fail (m != NULL && sol != NULL && ion < sol->n_ions, 0);

  if (m->flux_ua_cm2[ion] == 0.0)
    return 0;
  /* A charge flux outward is a cation leaving or an anion entering. */
  return (m->flux_ua_cm2[ion] > 0.0) == (sol->ions[ion].ion.z > 0) ? 1 : -1;
}

const char *
ml_pump_state_message (MlPumpState state)
{
  switch (state)
    {
    case ML_PUMP_STATE_OFF:
      return _("The pump is blocked");
    case ML_PUMP_STATE_RUNNING:
      return NULL;
    case ML_PUMP_STATE_BACKWARDS:
      return _("The pump runs backwards: Na⁺ in and K⁺ out, an inward current");
    case ML_PUMP_STATE_NO_K_ION:
      return _("The pump idles: the cell has no K⁺");
    case ML_PUMP_STATE_NO_NA_ION:
      return _("The pump idles: the cell has no Na⁺");
    case ML_PUMP_STATE_NO_NA_INSIDE:
      return _("The pump idles: no Na⁺ inside to move out");
    case ML_PUMP_STATE_NO_K_OUTSIDE:
      return _("The pump idles: no K⁺ outside to move in");
    case ML_PUMP_STATE_NO_LEAK:
      return _("The pump idles: no Na⁺ leaks in for it to balance");
    case ML_PUMP_STATE_ZERO_RATE:
      return _("The pump idles: its rate is set to zero");
    case ML_PUMP_STATE_UNDEFINED:
      return _("The pump’s current is undefined: V_m is undefined");
    default:
      g_return_val_if_reached (NULL);
    }
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
      return _("undefined: the currents never balance (a concentration is zero, or the pump "
               "current is more than the open channels can carry)");
    case ML_CONDITION_INVALID_VALUE:
      return _("undefined: a concentration or permeability is not a valid number");
    default:
      g_return_val_if_reached (NULL);
    }
}
