/* ml-params.c — the one table of a cell's parameters
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ranges are those of data/presets/FORMAT.md: wide enough for any cell
 * a lecturer may invent (a bath of 1 M, a cell of 100 mm), narrow enough
 * that every number the solver derives stays finite.  The slider spans are
 * narrower, those of a physiology lab; a typed value may leave them.
 *
 * Defaults come from the ML_DEFAULT_* macros of ml-params.h, which MlCell's
 * init uses too; test-params checks that a new cell holds them.
 */
#define G_LOG_DOMAIN "ml-params"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-params.h"
#include "ml-physics.h"

#include <math.h>
#include <string.h>

/* In MlParamKind order: the reader and the writer go through the table in
 * this order, which is the order of the keys in a saved file. */
static const MlParam params[ML_N_PARAMS] = {
  [ML_PARAM_TEMPERATURE] = {
    /* 200 °C is far beyond life and still gives finite numbers; at
     * −273.15 °C (0 K) the solver reports a condition, which a lesson may
     * want to show, so the bottom of the range is included. */
    .kind = ML_PARAM_TEMPERATURE,
    .id = "temperature",
    .group = ML_GROUP_MEMBRANE, .key = "Temperature",
    .unit = "°C",
    .min = -ML_ZERO_CELSIUS_K, .max = 200.0, .default_value = ML_DEFAULT_TEMPERATURE_C,
    .slider_min = 0.0, .slider_max = 45.0,
    .flags = ML_PARAM_FLAG_REQUIRED | ML_PARAM_FLAG_CELL_ANY_FINITE,
    .label = N_("Temperature"),
    .property = "temperature",
  },
  [ML_PARAM_PUMP_RATIO] = {
    /* Na⁺ out per K⁺ in: 1 is electroneutral, 1.5 the 3:2 pump. */
    .kind = ML_PARAM_PUMP_RATIO,
    .id = "pump.ratio",
    .group = ML_GROUP_PUMP, .key = "Ratio",
    .unit = NULL,
    .min = 1.0, .max = 10.0, .default_value = ML_DEFAULT_PUMP_RATIO,
    .slider_min = 1.0, .slider_max = 3.0,
    .flags = ML_PARAM_FLAG_NONE,
    .label = N_("Pump coupling ratio"),
    .property = "pump-ratio",
  },
  [ML_PARAM_PUMP_CURRENT] = {
    /* Negative runs the pump backwards, as a teaching case. */
    .kind = ML_PARAM_PUMP_CURRENT,
    .id = "pump.current",
    .group = ML_GROUP_PUMP, .key = "Current",
    .unit = "µA/cm²",
    .min = -1000.0, .max = 1000.0, .default_value = ML_DEFAULT_PUMP_CURRENT,
    .slider_min = 0.0, .slider_max = 5.0,
    .flags = ML_PARAM_FLAG_NONE,
    .label = N_("Pump current at the reference temperature"),
    .property = "pump-current",
  },
  [ML_PARAM_PUMP_MAX_CURRENT] = {
    /* The kinetic pump's Ī: its current with Na⁺ inside and K⁺ outside
     * saturating, at the reference temperature and far positive V. */
    .kind = ML_PARAM_PUMP_MAX_CURRENT,
    .id = "pump.imax",
    .group = ML_GROUP_PUMP, .key = "MaxCurrent",
    .unit = "µA/cm²",
    .min = 0.0, .max = 1000.0, .default_value = ML_DEFAULT_PUMP_MAX_CURRENT,
    .slider_min = 0.0, .slider_max = 5.0,
    .flags = ML_PARAM_FLAG_NONE,
    .label = N_("Maximal pump current"),
    .property = "pump-max-current",
  },
  [ML_PARAM_PUMP_Q10] = {
    .kind = ML_PARAM_PUMP_Q10,
    .id = "pump.q10",
    .group = ML_GROUP_PUMP, .key = "Q10",
    .unit = NULL,
    .min = 0.1, .max = 10.0, .default_value = ML_DEFAULT_PUMP_Q10,
    .slider_min = 1.0, .slider_max = 4.0,
    .flags = ML_PARAM_FLAG_NONE,
    .label = N_("Pump Q10 temperature coefficient"),
    .property = "pump-q10",
  },
  [ML_PARAM_PUMP_T_REF] = {
    /* Q10^((t − t_ref)/10) needs a reference above absolute zero. */
    .kind = ML_PARAM_PUMP_T_REF,
    .id = "pump.t_ref",
    .group = ML_GROUP_PUMP, .key = "ReferenceTemperature",
    .unit = "°C",
    .min = -ML_ZERO_CELSIUS_K, .max = 1000.0, .default_value = ML_DEFAULT_PUMP_T_REF_C,
    .slider_min = 0.0, .slider_max = 45.0,
    .flags = ML_PARAM_FLAG_MIN_OPEN,
    .label = N_("Pump reference temperature"),
    .property = "pump-reference-temperature",
  },
  [ML_PARAM_RADIUS] = {
    .kind = ML_PARAM_RADIUS,
    .id = "radius",
    .group = ML_GROUP_GEOMETRY, .key = "Radius",
    .unit = "µm",
    .min = 1e-3, .max = 1e5, .default_value = ML_DEFAULT_RADIUS_UM,
    .slider_min = 1.0, .slider_max = 1000.0,
    .flags = ML_PARAM_FLAG_LOG,
    .label = N_("Cell radius"),
    .property = "radius",
  },
  [ML_PARAM_CAPACITANCE] = {
    .kind = ML_PARAM_CAPACITANCE,
    .id = "capacitance",
    .group = ML_GROUP_GEOMETRY, .key = "Capacitance",
    .unit = "µF/cm²",
    .min = 1e-3, .max = 100.0, .default_value = ML_DEFAULT_CAPACITANCE,
    .slider_min = 0.5, .slider_max = 2.0,
    .flags = ML_PARAM_FLAG_NONE,
    .label = N_("Specific membrane capacitance"),
    .property = "capacitance",
  },
  /* Zero is a concentration (an ion absent on one side, E = ±∞), so the
   * sliders, which are logarithmic, start at 10 nM instead. */
  [ML_PARAM_ION_C_IN] = {
    .kind = ML_PARAM_ION_C_IN,
    .id = ".in",
    .group = ML_ION_GROUP_PREFIX, .key = "Inside",
    .unit = "mM",
    .min = 0.0, .max = 1e5, .default_value = 0.0,
    .slider_min = 1e-5, .slider_max = 1000.0,
    .flags = ML_PARAM_FLAG_PER_ION | ML_PARAM_FLAG_REQUIRED | ML_PARAM_FLAG_LOG,
    .label = N_("Inside concentration"),
    .ion_field = ML_ION_FIELD_C_IN,
  },
  [ML_PARAM_ION_C_OUT] = {
    .kind = ML_PARAM_ION_C_OUT,
    .id = ".out",
    .group = ML_ION_GROUP_PREFIX, .key = "Outside",
    .unit = "mM",
    .min = 0.0, .max = 1e5, .default_value = 0.0,
    .slider_min = 1e-5, .slider_max = 1000.0,
    .flags = ML_PARAM_FLAG_PER_ION | ML_PARAM_FLAG_REQUIRED | ML_PARAM_FLAG_LOG,
    .label = N_("Outside concentration"),
    .ion_field = ML_ION_FIELD_C_OUT,
  },
  [ML_PARAM_ION_P] = {
    /* 1 cm/s is a membrane that is hardly there; 0 is a closed channel. */
    .kind = ML_PARAM_ION_P,
    .id = ".p",
    .group = ML_ION_GROUP_PREFIX, .key = "Permeability",
    .unit = "cm/s",
    .min = 0.0, .max = 1.0, .default_value = 0.0,
    .slider_min = 1e-9, .slider_max = 1e-4,
    .flags = ML_PARAM_FLAG_PER_ION | ML_PARAM_FLAG_REQUIRED | ML_PARAM_FLAG_LOG,
    .label = N_("Permeability"),
    .ion_field = ML_ION_FIELD_P,
  },
  [ML_PARAM_ION_ENABLED] = {
    .kind = ML_PARAM_ION_ENABLED,
    .id = ".enabled",
    .group = ML_ION_GROUP_PREFIX, .key = "Enabled",
    .unit = NULL,
    .min = 0.0, .max = 1.0, .default_value = 1.0,
    .slider_min = 0.0, .slider_max = 1.0,
    .flags = ML_PARAM_FLAG_PER_ION | ML_PARAM_FLAG_BOOLEAN,
    .label = N_("In the model"),
  },
};

const MlParam *
ml_params_get_kind (MlParamKind kind)
{
  g_return_val_if_fail (kind < ML_N_PARAMS, NULL);
  return &params[kind];
}

gboolean
ml_param_is_per_ion (const MlParam *param)
{
  g_return_val_if_fail (param != NULL, FALSE);
  return (param->flags & ML_PARAM_FLAG_PER_ION) != 0;
}

const MlParam *
ml_params_lookup_ion_field (MlIonField field)
{
  for (guint k = 0; k < ML_N_PARAMS; k++)
    if ((params[k].flags & (ML_PARAM_FLAG_PER_ION | ML_PARAM_FLAG_BOOLEAN)) == ML_PARAM_FLAG_PER_ION
        && params[k].ion_field == field)
      return &params[k];
  g_return_val_if_reached (NULL);
}

char *
ml_param_dup_id (const MlParam *param,
                 const char    *ion_name)
{
  g_return_val_if_fail (param != NULL, NULL);

  if (!ml_param_is_per_ion (param))
    return g_strdup (param->id);
  g_return_val_if_fail (ion_name != NULL, NULL);
  return g_strconcat (ion_name, param->id, NULL);
}

char *
ml_param_dup_group (const MlParam *param,
                    const char    *ion_name)
{
  g_return_val_if_fail (param != NULL, NULL);

  if (!ml_param_is_per_ion (param))
    return g_strdup (param->group);
  g_return_val_if_fail (ion_name != NULL, NULL);
  return g_strconcat (param->group, ion_name, NULL);
}

const char *
ml_param_get_label (const MlParam *param)
{
  g_return_val_if_fail (param != NULL, NULL);
  return _(param->label);
}

gboolean
ml_param_accepts (const MlParam *param,
                  double         value)
{
  g_return_val_if_fail (param != NULL, FALSE);

  if (!isfinite (value))
    return FALSE;
  if (param->flags & ML_PARAM_FLAG_BOOLEAN)
    return value == 0.0 || value == 1.0;
  if (param->flags & ML_PARAM_FLAG_MIN_OPEN)
    return value > param->min && value <= param->max;
  return value >= param->min && value <= param->max;
}

gboolean
ml_param_cell_accepts (const MlParam *param,
                       double         value)
{
  g_return_val_if_fail (param != NULL, FALSE);

  if (param->flags & ML_PARAM_FLAG_CELL_ANY_FINITE)
    return isfinite (value);
  return ml_param_accepts (param, value);
}

gboolean
ml_params_cell_accepts (MlParamKind kind,
                        double      value)
{
  g_return_val_if_fail (kind < ML_N_PARAMS, FALSE);
  return ml_param_cell_accepts (&params[kind], value);
}
