/* ml-sweep.c — one parameter over a range, every point a full solution
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ml-sweep"

#include "config.h"

#include "ml-sweep.h"
#include "ml-text.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define QUOTE_BYTES 60

struct _MlSweep
{
  char          *id;
  const MlParam *param;
  char           ion_name[ML_ION_NAME_MAX];
  GArray        *values;    /* double */
  gboolean       trade_na;
};

static MlSweep *
sweep_new (const char  *id,
           MlCell      *cell,
           GError     **error)
{
  g_autoptr (MlSweep) self = g_new0 (MlSweep, 1);
  double current;

  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->trade_na = TRUE;
  self->param = ml_params_parse_id (id, self->ion_name, sizeof self->ion_name);
  if (self->param == NULL || !ml_params_get_value (cell, id, &current)
      || (self->param->flags & ML_PARAM_FLAG_BOOLEAN))
    {
      g_autofree char *quoted = ml_text_cut (id, QUOTE_BYTES);

      /* Translators: %s is what was given as a parameter id, "K.out". */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a number parameter of this cell (--list-parameters lists "
                          "them)"), quoted);
      return NULL;
    }
  self->id = g_strdup (id);
  return g_steal_pointer (&self);
}

static gboolean
add_value (MlSweep  *self,
           double    value,
           GError  **error)
{
  if (!ml_param_accepts (self->param, value))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf, sizeof buf, "%g", value);
      /* Translators: a value of a sweep is out of range; "K.out: 1e9 is
       * not a value it takes". */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s: %s is not a value it takes (--list-parameters gives the range)"),
                 self->id, buf);
      return FALSE;
    }
  if (self->values->len >= ML_SWEEP_MAX_POINTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s: a sweep has at most %d points"), self->id, ML_SWEEP_MAX_POINTS);
      return FALSE;
    }
  g_array_append_val (self->values, value);
  return TRUE;
}

MlSweep *
ml_sweep_new_range (const char  *id,
                    double       from,
                    double       to,
                    guint        n,
                    gboolean     logarithmic,
                    MlCell      *cell,
                    GError     **error)
{
  g_autoptr (MlSweep) self = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (ML_IS_CELL (cell), NULL);

  self = sweep_new (id, cell, error);
  if (self == NULL)
    return NULL;
  if (n < 2 || n > ML_SWEEP_MAX_POINTS || !isfinite (from) || !isfinite (to))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s: a range needs FROM:TO:N with N from 2 to %d"), id,
                 ML_SWEEP_MAX_POINTS);
      return NULL;
    }
  if (logarithmic && !(from > 0.0 && to > 0.0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s: a logarithmic range needs FROM and TO above 0"), id);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      double f = (double)i / (n - 1);
      double v = logarithmic ? exp (log (from) + f * (log (to) - log (from)))
                             : from + f * (to - from);

      /* The ends exactly as given, not as rounding leaves them. */
      if (i == 0)
        v = from;
      else if (i == n - 1)
        v = to;
      if (!add_value (self, v, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

MlSweep *
ml_sweep_parse (const char  *spec,
                MlCell      *cell,
                GError     **error)
{
  g_autoptr (MlSweep) self = NULL;
  g_autofree char *id = NULL;
  g_auto (GStrv) parts = NULL;
  const char *eq;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);

  eq = spec != NULL ? strchr (spec, '=') : NULL;
  if (eq == NULL || eq == spec || eq[1] == '\0')
    {
      g_autofree char *quoted = ml_text_cut (spec != NULL ? spec : "", QUOTE_BYTES);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s”: write PARAM=V1,V2,… or PARAM=FROM:TO:N[:log], e.g. "
                          "K.out=2.5,5,10 or K.out=0.1:1000:50:log"), quoted);
      return NULL;
    }
  id = g_strndup (spec, eq - spec);

  if (strchr (eq + 1, ':') != NULL)
    {
      double from, to, n;
      gboolean logarithmic = FALSE;
      guint count;

      parts = g_strsplit (eq + 1, ":", -1);
      count = g_strv_length (parts);
      if ((count == 4 && strcmp (parts[3], "log") != 0 && strcmp (parts[3], "lin") != 0)
          || (count != 3 && count != 4)
          || !ml_text_parse_decimal (parts[0], &from) || !ml_text_parse_decimal (parts[1], &to)
          || !ml_text_parse_decimal (parts[2], &n) || n != floor (n) || n < 2
          || n > ML_SWEEP_MAX_POINTS)
        {
          g_autofree char *quoted = ml_text_cut (eq + 1, QUOTE_BYTES);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s: “%s” is not FROM:TO:N or FROM:TO:N:log with N from 2 to %d"),
                     id, quoted, ML_SWEEP_MAX_POINTS);
          return NULL;
        }
      logarithmic = count == 4 && strcmp (parts[3], "log") == 0;
      return ml_sweep_new_range (id, from, to, (guint)n, logarithmic, cell, error);
    }

  self = sweep_new (id, cell, error);
  if (self == NULL)
    return NULL;
  parts = g_strsplit (eq + 1, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      double v;

      if (!ml_text_parse_decimal (parts[i], &v))
        {
          g_autofree char *quoted = ml_text_cut (parts[i], QUOTE_BYTES);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s: “%s” is not a number"), id, quoted);
          return NULL;
        }
      if (!add_value (self, v, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

void
ml_sweep_free (MlSweep *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_clear_pointer (&self->values, g_array_unref);
  g_free (self);
}

const char *
ml_sweep_get_id (MlSweep *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const MlParam *
ml_sweep_get_param (MlSweep *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->param;
}

guint
ml_sweep_get_n_points (MlSweep *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->values->len;
}

double
ml_sweep_get_value (MlSweep *self,
                    guint    index)
{
  g_return_val_if_fail (self != NULL && index < self->values->len, 0.0);
  return g_array_index (self->values, double, index);
}

gboolean
ml_sweep_get_trade_na (MlSweep *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->trade_na;
}

void
ml_sweep_set_trade_na (MlSweep  *self,
                       gboolean  trade)
{
  g_return_if_fail (self != NULL);
  self->trade_na = !!trade;
}

/* A sweep of K⁺ outside, with Na⁺ outside to take from. */
gboolean
ml_sweep_can_trade_na (MlSweep *self,
                       MlCell  *cell)
{
  int i;

  g_return_val_if_fail (self != NULL, FALSE);
  if (self->param->kind != ML_PARAM_ION_C_OUT)
    return FALSE;
  i = ml_cell_find_ion (cell, self->ion_name);
  return i >= 0 && i == ml_cell_find_role (cell, ML_ION_ROLE_K)
         && ml_cell_find_role (cell, ML_ION_ROLE_NA) >= 0;
}

gboolean
ml_sweep_set_point (MlSweep *self,
                    MlCell  *base,
                    guint    index,
                    MlCell  *cell)
{
  double value;
  gboolean kept = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->values->len, FALSE);

  value = g_array_index (self->values, double, index);
  ml_cell_begin_batch (cell);
  if (self->trade_na && ml_sweep_can_trade_na (self, base))
    {
      int k = ml_cell_find_role (base, ML_ION_ROLE_K);
      int na = ml_cell_find_role (base, ML_ION_ROLE_NA);
      double na_out = ml_cell_get_ion (base, na)->c_out
                      - (value - ml_cell_get_ion (base, k)->c_out);

      if (na_out < 0.0)
        {
          na_out = 0.0;
          kept = FALSE;
        }
      ml_cell_set_ion_value (cell, na, ML_ION_FIELD_C_OUT, na_out);
    }
  ml_params_set_value (cell, self->id, value);
  ml_cell_end_batch (cell);
  return kept;
}

/* Every point of @self from @base, each solved by @cl_equilibrated's
 * solver: at once, or once Cl⁻ has redistributed. */
static void
run_points (MlSweep    *self,
            MlCell     *base,
            MlSolution *out,
            gboolean    cl_equilibrated)
{
  g_autoptr (MlCell) cell = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ML_IS_CELL (base));
  g_return_if_fail (out != NULL);

  cell = ml_cell_copy (base);
  for (guint i = 0; i < self->values->len; i++)
    {
      ml_sweep_set_point (self, base, i, cell);
      if (cl_equilibrated)
        ml_cell_solve_cl_equilibrated (cell, &out[i]);
      else
        ml_cell_solve (cell, &out[i]);
    }
}

void
ml_sweep_run (MlSweep    *self,
              MlCell     *base,
              MlSolution *out)
{
  run_points (self, base, out, FALSE);
}

gboolean
ml_cell_solve_cl_equilibrated (MlCell     *cell,
                               MlSolution *out)
{
  g_autoptr (MlCell) copy = NULL;
  gboolean closed[ML_MAX_IONS] = { FALSE };
  double p[ML_MAX_IONS] = { 0.0 };
  gboolean any = FALSE, set_all = TRUE;
  guint n;
  MlSolution without;

  g_return_val_if_fail (ML_IS_CELL (cell), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  copy = ml_cell_copy (cell);
  n = MIN (ml_cell_get_n_ions (copy), ML_MAX_IONS);
  ml_cell_begin_batch (copy);
  for (guint i = 0; i < n; i++)
    {
      const MlIon *ion = ml_cell_get_ion (copy, i);

      if (ion->role == ML_ION_ROLE_CL && ion->enabled && ion->p > 0.0)
        {
          closed[i] = TRUE;
          p[i] = ion->p;
          any = TRUE;
          ml_cell_set_ion_value (copy, i, ML_ION_FIELD_P, 0.0);
        }
    }
  ml_cell_end_batch (copy);
  if (!any)
    {
      ml_cell_solve (cell, out);
      return out->vm_defined;
    }

  /* With Cl⁻ closed, V_m is what the other ions and the pump make it. */
  ml_cell_solve (copy, &without);
  if (!without.vm_defined)
    {
      *out = without;
      return FALSE;
    }

  ml_cell_begin_batch (copy);
  for (guint i = 0; i < n; i++)
    {
      const MlIon *ion = ml_cell_get_ion (copy, i);
      /* E = (RT/zF)·ln(c_out/c_in) = V_m  ⇔  c_in = c_out·e^(−zV_m/(RT/F)). */
      double c_in = ion->c_out * exp (-ion->z * without.vm_mv / without.rt_over_f_mv);

      if (!closed[i])
        continue;
      if (!isfinite (c_in) || !ml_concentration_is_valid (c_in))
        {
          set_all = FALSE;
          continue;
        }
      ml_cell_set_ion_value (copy, i, ML_ION_FIELD_C_IN, c_in);
    }
  if (set_all)
    for (guint i = 0; i < n; i++)
      if (closed[i])
        ml_cell_set_ion_value (copy, i, ML_ION_FIELD_P, p[i]);
  ml_cell_end_batch (copy);
  if (!set_all)
    {
      *out = without;
      return FALSE;
    }
  ml_cell_solve (copy, out);
  return out->vm_defined;
}

void
ml_sweep_run_cl_equilibrated (MlSweep    *self,
                              MlCell     *base,
                              MlSolution *out)
{
  run_points (self, base, out, TRUE);
}
