/* ml-curves.c — the numbers behind the plots
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ml-curves.h"
#include "ml-physics.h"
#include "ml-cell-pump.h"
#include "ml-sweep.h"

#include <math.h>

double
ml_nernst_slope_mv_per_decade (int    z,
                               double t_c)
{
  double rtf = ml_rt_over_f_mv (t_c);

  if (z == 0 || !(rtf > 0.0))
    return 0.0;
  return rtf * G_LN10 / z;
}

MlKoutCurve *
ml_kout_curve_new (MlCell   *cell,
                   double    k_from,
                   double    k_to,
                   guint     n,
                   gboolean  trade_na)
{
  g_autoptr (MlSweep) sweep = NULL;
  g_autofree MlSolution *sols = NULL;
  MlKoutCurve *self;
  MlSolution now;
  int k;
  g_autofree char *id = NULL;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);
  k = ml_cell_find_role (cell, ML_ION_ROLE_K);
  if (k < 0)
    return NULL;
  id = g_strdup_printf ("%s.out", ml_cell_get_ion (cell, k)->name);
  sweep = ml_sweep_new_range (id, k_from, k_to, n, TRUE, cell, NULL);
  if (sweep == NULL)
    return NULL;
  ml_sweep_set_trade_na (sweep, trade_na);

  self = g_new0 (MlKoutCurve, 1);
  self->n = n;
  self->k_out = g_new0 (double, n);
  self->vm = g_new0 (double, n);
  self->vm_defined = g_new0 (gboolean, n);
  self->e_k = g_new0 (double, n);
  self->e_defined = g_new0 (gboolean, n);
  self->vm_cl = g_new0 (double, n);
  self->vm_cl_defined = g_new0 (gboolean, n);
  self->trade_na = trade_na && ml_sweep_can_trade_na (sweep, cell);
  self->slope = ml_nernst_slope_mv_per_decade (1, ml_cell_get_temperature (cell));

  sols = g_new0 (MlSolution, n);
  ml_sweep_run (sweep, cell, sols);
  for (guint i = 0; i < n; i++)
    {
      self->k_out[i] = ml_sweep_get_value (sweep, i);
      self->vm_defined[i] = sols[i].vm_defined;
      self->vm[i] = sols[i].vm_defined ? sols[i].vm_mv : 0.0;
      self->e_defined[i] = sols[i].ions[k].nernst_state == ML_NERNST_DEFINED;
      self->e_k[i] = self->e_defined[i] ? sols[i].ions[k].nernst_mv : 0.0;
    }
  ml_sweep_run_cl_equilibrated (sweep, cell, sols);
  for (guint i = 0; i < n; i++)
    {
      self->vm_cl_defined[i] = sols[i].vm_defined;
      self->vm_cl[i] = sols[i].vm_defined ? sols[i].vm_mv : 0.0;
    }
  {
    int cl = ml_cell_find_role (cell, ML_ION_ROLE_CL);
    const MlIon *ion = cl >= 0 ? ml_cell_get_ion (cell, cl) : NULL;

    self->has_cl = ion != NULL && ion->enabled && ion->p > 0.0;
  }

  {
    g_autoptr (MlSweep) decades = ml_sweep_new_range (id, 10.0, 100.0, 2, TRUE, cell, NULL);
    MlSolution at[2];

    if (decades != NULL)
      {
        ml_sweep_set_trade_na (decades, trade_na);
        ml_sweep_run (decades, cell, at);
        for (guint d = 0; d < 2; d++)
          {
            self->decade_defined[d] = at[d].vm_defined;
            self->vm_decade[d] = at[d].vm_defined ? at[d].vm_mv : 0.0;
          }
        ml_sweep_run_cl_equilibrated (decades, cell, at);
        for (guint d = 0; d < 2; d++)
          {
            self->cl_decade_defined[d] = at[d].vm_defined;
            self->vm_cl_decade[d] = at[d].vm_defined ? at[d].vm_mv : 0.0;
          }
      }
  }

  ml_cell_solve (cell, &now);
  self->now_k_out = ml_cell_get_ion (cell, k)->c_out;
  self->now_defined = now.vm_defined;
  self->now_vm = now.vm_defined ? now.vm_mv : 0.0;
  return self;
}

void
ml_kout_curve_free (MlKoutCurve *self)
{
  if (self == NULL)
    return;
  g_free (self->k_out);
  g_free (self->vm);
  g_free (self->vm_defined);
  g_free (self->e_k);
  g_free (self->e_defined);
  g_free (self->vm_cl);
  g_free (self->vm_cl_defined);
  g_free (self);
}

void
ml_iv_at (MlCell     *cell,
          double      v_mv,
          MlSolution *out)
{
  ml_cell_solve_at (cell, v_mv, out);
}

MlIvCurve *
ml_iv_curve_new (MlCell *cell,
                 double  v_from,
                 double  v_to,
                 guint   n)
{
  MlIvCurve *self;
  MlSolution sol;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);
  g_return_val_if_fail (n >= 2, NULL);

  self = g_new0 (MlIvCurve, 1);
  self->n = n;
  self->n_ions = MIN (ml_cell_get_n_ions (cell), ML_MAX_IONS);
  self->v = g_new0 (double, n);
  self->pump = g_new0 (double, n);
  self->total = g_new0 (double, n);
  for (guint k = 0; k < self->n_ions; k++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, k);

      self->i[k] = g_new0 (double, n);
      g_strlcpy (self->names[k], ion->name, sizeof self->names[k]);
      self->z[k] = ion->z;
    }

  for (guint j = 0; j < n; j++)
    {
      double v = v_from + (v_to - v_from) * j / (n - 1);

      ml_cell_solve_at (cell, v, &sol);
      self->v[j] = v;
      self->pump[j] = sol.pump_current_ua_cm2;
      self->total[j] = sol.net_current_ua_cm2;
      for (guint k = 0; k < self->n_ions; k++)
        self->i[k][j] = sol.ions[k].current_ua_cm2;
    }

  /* Reversal potentials and the rest: the cell's own solution. */
  ml_cell_solve (cell, &sol);
  for (guint k = 0; k < self->n_ions; k++)
    {
      self->permeant[k] = sol.ions[k].permeant;
      self->e_state[k] = sol.ions[k].nernst_state;
      self->e[k] = sol.ions[k].nernst_mv;
    }
  self->rest_defined = sol.vm_defined;
  self->rest = sol.vm_defined ? sol.vm_mv : 0.0;
  return self;
}

void
ml_iv_curve_free (MlIvCurve *self)
{
  if (self == NULL)
    return;
  g_free (self->v);
  g_free (self->pump);
  g_free (self->total);
  for (guint k = 0; k < ML_MAX_IONS; k++)
    g_free (self->i[k]);
  g_free (self);
}

MlTemperatureCurve *
ml_temperature_curve_new (MlCell *cell,
                          double  t_from,
                          double  t_to,
                          guint   n)
{
  MlTemperatureCurve *self;
  g_autoptr (MlCell) point = NULL;
  MlSolution sol;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);
  g_return_val_if_fail (n >= 2, NULL);

  self = g_new0 (MlTemperatureCurve, 1);
  self->n = n;
  self->t = g_new0 (double, n);
  self->vm = g_new0 (double, n);
  self->vm_held = g_new0 (double, n);
  self->defined = g_new0 (gboolean, n);
  point = ml_cell_copy (cell);
  for (guint j = 0; j < n; j++)
    {
      g_autoptr (MlCell) held = NULL;
      MlSolution h;

      self->t[j] = t_from + (t_to - t_from) * j / (n - 1);
      ml_cell_set_temperature (point, self->t[j]);
      ml_cell_solve (point, &sol);
      held = ml_cell_hold_pump_kinetics (cell, point);
      ml_cell_solve (held, &h);
      self->defined[j] = sol.vm_defined && h.vm_defined;
      self->vm[j] = sol.vm_defined ? sol.vm_mv : 0.0;
      self->vm_held[j] = h.vm_defined ? h.vm_mv : 0.0;
    }
  ml_cell_solve (cell, &sol);
  self->now_t = ml_cell_get_temperature (cell);
  self->now_vm = sol.vm_defined ? sol.vm_mv : 0.0;
  return self;
}

void
ml_temperature_curve_free (MlTemperatureCurve *self)
{
  if (self == NULL)
    return;
  g_free (self->t);
  g_free (self->vm);
  g_free (self->vm_held);
  g_free (self->defined);
  g_free (self);
}
