/* ml-steady-state.c — fitting a cell to a flux steady state
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ml-steady-state.h"
#include "ml-ode.h"
#include "ml-params.h"
#include "ml-solution.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (ml-steady-state-error-quark, ml_steady_state_error)

#define V_SCAN_STEP_MV  2.0
#define V_SCAN_RANGE_MV 300.0

typedef struct
{
  MlCell        *work;      /* a copy the trials change */
  guint          k;         /* fitted parameters */
  const char   **ids;
  double         unit[ML_ODE_MAX_STATES];
  guint          n_rows;    /* ions that move */
  guint          rows[ML_MAX_IONS];
  int            dropped;   /* the row left to the sum, -1 until chosen */
} Fit;

/* Each row's net flux at @vm with the fitted parameters at @x. */
static void
fluxes_at (Fit          *fit,
           const double *x,
           double        vm,
           double       *flux)
{
  MlSolution sol;

  ml_cell_begin_batch (fit->work);
  for (guint j = 0; j < fit->k; j++)
    ml_params_set_value (fit->work, fit->ids[j], x[j]);
  ml_cell_end_batch (fit->work);
  ml_cell_solve_at (fit->work, vm, &sol);
  for (guint r = 0; r < fit->n_rows; r++)
    flux[r] = sol.ions[fit->rows[r]].net_flux_ua_cm2;
}

/* At @vm: the parameters that balance every row but the dropped one in
 * @x, and that row's imbalance.  FALSE when they cannot be found. */
static gboolean
solve_at (Fit    *fit,
          double  vm,
          double *x,
          double *residual)
{
  double zero[ML_ODE_MAX_STATES] = { 0 }, trial[ML_ODE_MAX_STATES];
  double base[ML_MAX_IONS], col[ML_MAX_IONS][ML_ODE_MAX_STATES];
  double m[ML_ODE_MAX_STATES * ML_ODE_MAX_STATES], b[ML_ODE_MAX_STATES];
  int piv[ML_ODE_MAX_STATES];
  guint k = fit->k;

  fluxes_at (fit, zero, vm, base);
  for (guint j = 0; j < k; j++)
    {
      double f[ML_MAX_IONS];

      memset (trial, 0, sizeof trial);
      trial[j] = fit->unit[j];
      fluxes_at (fit, trial, vm, f);
      for (guint r = 0; r < fit->n_rows; r++)
        col[r][j] = (f[r] - base[r]) / fit->unit[j];
    }

  /* Which row to leave to the sum: the first whose removal leaves a
   * solvable system, chosen once so that the residual is one function. */
  for (int d = fit->dropped >= 0 ? fit->dropped : 0; d < (int)fit->n_rows; d++)
    {
      guint row = 0;

      for (guint r = 0; r < fit->n_rows; r++)
        {
          if ((int)r == d)
            continue;
          for (guint j = 0; j < k; j++)
            m[row * k + j] = col[r][j];
          b[row] = -base[r];
          row++;
        }
      if (ml_ode_lu_decompose (k, m, piv))
        {
          ml_ode_lu_solve (k, m, piv, b);
          fit->dropped = d;
          *residual = base[d];
          for (guint j = 0; j < k; j++)
            {
              x[j] = b[j];
              *residual += col[d][j] * b[j];
            }
          return isfinite (*residual);
        }
      if (fit->dropped >= 0)
        break;
    }
  return FALSE;
}

gboolean
ml_cell_fit_steady_state (MlCell              *cell,
                          const char * const  *param_ids,
                          guint                n_params,
                          GError             **error)
{
  Fit fit = { 0 };
  MlSolution sol;
  double x[ML_ODE_MAX_STATES], lo, hi, r_lo, r_hi, v0;
  gboolean found = FALSE;

  g_return_val_if_fail (ML_IS_CELL (cell), FALSE);
  g_return_val_if_fail (param_ids != NULL || n_params == 0, FALSE);

  if (n_params > ML_ODE_MAX_STATES)
    n_params = ML_ODE_MAX_STATES;

  for (guint j = 0; j < n_params; j++)
    {
      double value;

      if (!ml_params_get_value (cell, param_ids[j], &value))
        {
          g_set_error (error, ML_STEADY_STATE_ERROR, ML_STEADY_STATE_ERROR_PARAMETER,
                       /* Translators: %s is a parameter id such as "kcc2.imax". */
                       _("“%s” is not a parameter of this cell"), param_ids[j]);
          return FALSE;
        }
      fit.unit[j] = value > 0.0 ? value : 1e-3 * ml_params_get (param_ids[j])->slider_max;
    }

  fit.work = ml_cell_copy (cell);
  fit.k = n_params;
  fit.ids = (const char **)param_ids;
  fit.dropped = -1;
  ml_cell_solve (cell, &sol);
  v0 = sol.vm_defined ? sol.vm_mv : -60.0;
  for (guint i = 0; i < sol.n_ions; i++)
    if (sol.ions[i].ion.enabled)
      fit.rows[fit.n_rows++] = i;

  if (fit.n_rows != n_params + 1)
    {
      g_set_error (error, ML_STEADY_STATE_ERROR, ML_STEADY_STATE_ERROR_COUNT,
                   /* Translators: the first %u is a number of ions, the second of
                    * parameters. */
                   _("a steady state of %u ions needs %u fitted parameters, one fewer "
                     "than the ions; %u are named"),
                   fit.n_rows, fit.n_rows > 0 ? fit.n_rows - 1 : 0, n_params);
      g_object_unref (fit.work);
      return FALSE;
    }

  /* Bracket the root of the left-over balance, outwards from V_rest. */
  lo = hi = v0;
  found = solve_at (&fit, v0, x, &r_lo);
  r_hi = r_lo;
  for (double step = V_SCAN_STEP_MV; found && r_lo != 0.0 && step <= V_SCAN_RANGE_MV;
       step += V_SCAN_STEP_MV)
    {
      double r;

      if (solve_at (&fit, v0 + step, x, &r) && (r > 0.0) != (r_lo > 0.0))
        {
          lo = v0 + step - V_SCAN_STEP_MV;
          hi = v0 + step;
          solve_at (&fit, lo, x, &r_lo);
          r_hi = r;
          break;
        }
      if (solve_at (&fit, v0 - step, x, &r) && (r > 0.0) != (r_lo > 0.0))
        {
          lo = v0 - step;
          hi = v0 - step + V_SCAN_STEP_MV;
          r_hi = r_lo;
          solve_at (&fit, hi, x, &r_hi);
          solve_at (&fit, lo, x, &r_lo);
          break;
        }
    }
  found = found && (r_lo == 0.0 || (r_lo > 0.0) != (r_hi > 0.0));

  if (found && r_lo != 0.0)
    {
      /* Bisection to the last bit. */
      for (int iter = 0; iter < 200 && hi - lo > 1e-13 * fmax (1.0, fabs (lo)); iter++)
        {
          double mid = 0.5 * (lo + hi), r;

          if (!solve_at (&fit, mid, x, &r))
            {
              found = FALSE;
              break;
            }
          if ((r > 0.0) == (r_lo > 0.0))
            {
              lo = mid;
              r_lo = r;
            }
          else
            hi = mid;
        }
      found = found && solve_at (&fit, 0.5 * (lo + hi), x, &r_lo);
    }
  g_object_unref (fit.work);

  if (!found)
    {
      g_set_error_literal (error, ML_STEADY_STATE_ERROR, ML_STEADY_STATE_ERROR_NO_ROOT,
                           _("no membrane potential balances every ion with these "
                             "parameters"));
      return FALSE;
    }

  for (guint j = 0; j < n_params; j++)
    if (x[j] < 0.0 || !ml_param_accepts (ml_params_get (param_ids[j]), x[j]))
      {
        g_autofree char *value = g_strdup_printf ("%.4g", x[j]);

        g_set_error (error, ML_STEADY_STATE_ERROR, ML_STEADY_STATE_ERROR_NEGATIVE,
                     /* Translators: %s are a parameter id ("kcc2.imax") and a number. */
                     _("the steady state needs %s = %s, which the parameter cannot "
                       "take: that mechanism would have to run the other way"),
                     param_ids[j], value);
        return FALSE;
      }

  ml_cell_begin_batch (cell);
  for (guint j = 0; j < n_params; j++)
    ml_params_set_value (cell, param_ids[j], x[j]);
  ml_cell_end_batch (cell);
  return TRUE;
}

void
ml_cell_flux_balance (MlCell *cell,
                      double *max_net,
                      double *max_flux)
{
  MlSolution sol;

  g_return_if_fail (ML_IS_CELL (cell));

  ml_cell_solve (cell, &sol);
  *max_net = 0.0;
  *max_flux = 0.0;
  for (guint i = 0; i < sol.n_ions; i++)
    {
      *max_net = fmax (*max_net, fabs (sol.ions[i].net_flux_ua_cm2));
      for (guint k = 0; k < sol.n_mechanisms; k++)
        *max_flux = fmax (*max_flux, fabs (sol.mechanisms[k].flux_ua_cm2[i]));
    }
}
