/* ml-cell-params.c — a cell seen through the parameter table
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table (ml-params.c) and the mechanism classes (ml-mechanism.c) know
 * nothing of MlCell; this file joins them to it: ids resolved to an ion or
 * a mechanism of a cell, values read and set through the cell's setters,
 * and the environment a mechanism reads.
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-mechanism.h"
#include "ml-params.h"
#include "ml-physics.h"

#include <math.h>
#include <string.h>

static gboolean
ion_name_is_valid (const char *name,
                   gsize       length)
{
  if (length == 0 || length >= ML_ION_NAME_MAX)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  return TRUE;
}

const MlParam *
ml_params_parse_id (const char *id,
                    char       *ion_name,
                    gsize       ion_name_size)
{
  const char *dot;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (ion_name == NULL || ion_name_size > 0, NULL);

  if (ion_name != NULL)
    ion_name[0] = '\0';

  /* The cell's own first: "pump.ratio" is not the field "ratio" of an ion
   * named "pump" (no ion field is called that, which test-params checks). */
  for (guint k = 0; k < ML_N_PARAMS; k++)
    if (!ml_param_is_per_ion (ml_params_get_kind (k)) && strcmp (id, ml_params_get_kind (k)->id) == 0)
      return ml_params_get_kind (k);

  dot = strrchr (id, '.');
  if (dot == NULL)
    return NULL;

  /* A mechanism's: "kcc2.imax".  No mechanism has a field of an ion's name
   * (in, out, p, enabled), so an ion called "kcc2" keeps its own. */
  {
    g_autofree char *class_id = g_strndup (id, dot - id);
    const MlMechanismClass *klass = ml_mechanism_class_find (class_id);
    const MlParam *param = klass != NULL ? ml_mechanism_class_find_param (klass, dot + 1) : NULL;

    if (param != NULL)
      return param;
  }

  if (!ion_name_is_valid (id, dot - id))
    return NULL;

  for (guint k = 0; k < ML_N_PARAMS; k++)
    if (ml_param_is_per_ion (ml_params_get_kind (k)) && strcmp (dot, ml_params_get_kind (k)->id) == 0)
      {
        if (ion_name != NULL)
          g_strlcpy (ion_name, id, MIN (ion_name_size, (gsize)(dot - id) + 1));
        return ml_params_get_kind (k);
      }
  return NULL;
}

const MlParam *
ml_params_get (const char *id)
{
  return ml_params_parse_id (id, NULL, 0);
}

gboolean
ml_params_id_is_continuous (const char *id)
{
  const MlParam *param = id != NULL ? ml_params_get (id) : NULL;

  return param != NULL && !(param->flags & ML_PARAM_FLAG_BOOLEAN);
}

const MlParam *
ml_params_lookup_key (const char *group,
                      const char *key)
{
  gboolean ion;

  g_return_val_if_fail (group != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_has_prefix (group, ML_MECHANISM_GROUP_PREFIX))
    {
      const MlMechanismClass *klass
        = ml_mechanism_class_find (group + strlen (ML_MECHANISM_GROUP_PREFIX));

      for (guint k = 0; klass != NULL && k < klass->n_params; k++)
        if (strcmp (key, klass->params[k].key) == 0)
          return &klass->params[k];
      return NULL;
    }

  ion = g_str_has_prefix (group, ML_ION_GROUP_PREFIX);
  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);

      if (ml_param_is_per_ion (param) != ion || strcmp (key, param->key) != 0)
        continue;
      if (ion || strcmp (group, param->group) == 0)
        return param;
    }
  return NULL;
}

double
ml_param_get_value (const MlParam *param,
                    MlCell        *cell,
                    guint          ion)
{
  g_return_val_if_fail (param != NULL, 0.0);
  g_return_val_if_fail (ML_IS_CELL (cell), 0.0);

  switch (param->kind)
    {
    case ML_PARAM_TEMPERATURE:
      return ml_cell_get_temperature (cell);
    case ML_PARAM_PUMP_RATIO:
      return ml_cell_get_pump_ratio (cell);
    case ML_PARAM_PUMP_CURRENT:
      return ml_cell_get_pump_current (cell);
    case ML_PARAM_PUMP_MAX_CURRENT:
      return ml_cell_get_pump_max_current (cell);
    case ML_PARAM_PUMP_Q10:
      return ml_cell_get_pump_q10 (cell);
    case ML_PARAM_PUMP_T_REF:
      return ml_cell_get_pump_reference_temperature (cell);
    case ML_PARAM_RADIUS:
      return ml_cell_get_radius (cell);
    case ML_PARAM_CAPACITANCE:
      return ml_cell_get_capacitance (cell);
    case ML_PARAM_ION_C_IN:
    case ML_PARAM_ION_C_OUT:
    case ML_PARAM_ION_P:
      return ml_cell_get_ion_value (cell, ion, param->ion_field);
    case ML_PARAM_ION_ENABLED:
      g_return_val_if_fail (ion < ml_cell_get_n_ions (cell), 0.0);
      return ml_cell_get_ion (cell, ion)->enabled ? 1.0 : 0.0;
    case ML_PARAM_MECHANISM:
      return ml_cell_get_mechanism_value (cell, ion, param->slot);
    case ML_N_PARAMS:
    default:
      g_return_val_if_reached (0.0);
    }
}

void
ml_param_set_value (const MlParam *param,
                    MlCell        *cell,
                    guint          ion,
                    double         value)
{
  g_return_if_fail (param != NULL);
  g_return_if_fail (ML_IS_CELL (cell));

  switch (param->kind)
    {
    case ML_PARAM_TEMPERATURE:
      ml_cell_set_temperature (cell, value);
      break;
    case ML_PARAM_PUMP_RATIO:
      ml_cell_set_pump_ratio (cell, value);
      break;
    case ML_PARAM_PUMP_CURRENT:
      ml_cell_set_pump_current (cell, value);
      break;
    case ML_PARAM_PUMP_MAX_CURRENT:
      ml_cell_set_pump_max_current (cell, value);
      break;
    case ML_PARAM_PUMP_Q10:
      ml_cell_set_pump_q10 (cell, value);
      break;
    case ML_PARAM_PUMP_T_REF:
      ml_cell_set_pump_reference_temperature (cell, value);
      break;
    case ML_PARAM_RADIUS:
      ml_cell_set_radius (cell, value);
      break;
    case ML_PARAM_CAPACITANCE:
      ml_cell_set_capacitance (cell, value);
      break;
    case ML_PARAM_ION_C_IN:
    case ML_PARAM_ION_C_OUT:
    case ML_PARAM_ION_P:
      ml_cell_set_ion_value (cell, ion, param->ion_field, value);
      break;
    case ML_PARAM_ION_ENABLED:
      g_return_if_fail (value == 0.0 || value == 1.0);
      ml_cell_set_ion_enabled (cell, ion, value != 0.0);
      break;
    case ML_PARAM_MECHANISM:
      ml_cell_set_mechanism_value (cell, ion, param->slot, value);
      break;
    case ML_N_PARAMS:
    default:
      g_return_if_reached ();
    }
}

/* The parameter and, per ion, the ion's index in @cell; NULL when either
 * is missing. */
static const MlParam *
resolve (MlCell     *cell,
         const char *id,
         guint      *ion)
{
  char name[ML_ION_NAME_MAX];
  const MlParam *param = ml_params_parse_id (id, name, sizeof name);
  int index;

  *ion = 0;
  /* A mechanism's value, of the cell's instance of its class. */
  if (param != NULL && param->kind == ML_PARAM_MECHANISM)
    {
      index = ml_cell_find_mechanism (cell, param->mechanism);
      if (index < 0)
        return NULL;
      *ion = (guint)index;
      return param;
    }
  if (param == NULL || !ml_param_is_per_ion (param))
    return param;

  /* Compared as the cell compares names: "k.in" is K⁺ inside. */
  index = ml_cell_find_ion (cell, name);
  if (index < 0)
    return NULL;
  *ion = (guint)index;
  return param;
}

gboolean
ml_params_get_value (MlCell     *cell,
                     const char *id,
                     double     *value)
{
  const MlParam *param;
  guint ion;

  g_return_val_if_fail (ML_IS_CELL (cell), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  param = resolve (cell, id, &ion);
  if (param == NULL)
    return FALSE;
  *value = ml_param_get_value (param, cell, ion);
  return TRUE;
}

gboolean
ml_params_set_value (MlCell     *cell,
                     const char *id,
                     double      value)
{
  const MlParam *param;
  guint ion;

  g_return_val_if_fail (ML_IS_CELL (cell), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  param = resolve (cell, id, &ion);
  if (param == NULL || !ml_param_accepts (param, value))
    return FALSE;
  ml_param_set_value (param, cell, ion, value);
  return TRUE;
}

void
ml_env_from_cell (MlEnv  *env,
                  MlCell *cell)
{
  MlIon ions[ML_MAX_IONS];
  guint n;

  g_return_if_fail (env != NULL);
  g_return_if_fail (ML_IS_CELL (cell));

  n = MIN (ml_cell_get_n_ions (cell), ML_MAX_IONS);
  for (guint i = 0; i < n; i++)
    ions[i] = *ml_cell_get_ion (cell, i);
  ml_env_init (env, ml_cell_get_temperature (cell), ions, n);
  for (guint i = 0; i < n; i++)
    {
      double e;

      env->e_mv[i] = ml_nernst_mv (ions[i].z, ions[i].c_in, ions[i].c_out, env->t_c, &e)
                     ? e : NAN;
    }
}

char *
ml_cell_describe_mechanism (MlCell *cell,
                            guint   index,
                            double  vm_mv)
{
  const MlMechanism *mech;
  MlMechanismFlux f = { 0 };
  MlEnv env;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);
  g_return_val_if_fail (index < ml_cell_get_n_mechanisms (cell), NULL);

  mech = ml_cell_get_mechanism (cell, index);
  if (mech->klass->substitute == NULL || !isfinite (vm_mv))
    return NULL;
  ml_env_from_cell (&env, cell);
  mech->klass->flux (&env, mech->values, vm_mv, &f);
  return mech->klass->substitute (&env, mech->values, vm_mv, &f);
}
