/* ml-cell-pump.c — the pump sized to a cell, and a temperature change split
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ml-cell-pump.h"
#include "ml-params.h"
#include "ml-physics.h"
#include "ml-solution.h"

#include <math.h>

gboolean
ml_cell_balance_pump (MlCell *cell)
{
  g_autoptr (MlCell) steady = NULL;
  MlSolution sol;
  const MlIon *na, *k;
  int na_i, k_i;
  double per_imax, wanted, imax;

  g_return_val_if_fail (ML_IS_CELL (cell), FALSE);

  na_i = ml_cell_find_role (cell, ML_ION_ROLE_NA);
  k_i = ml_cell_find_role (cell, ML_ION_ROLE_K);
  if (na_i < 0 || k_i < 0)
    return FALSE;
  na = ml_cell_get_ion (cell, na_i);
  k = ml_cell_get_ion (cell, k_i);

  /* The steady state of a 3:2 pump, whatever mode the cell is in. */
  steady = ml_cell_copy (cell);
  ml_cell_set_pump_mode (steady, ML_PUMP_RATIO);
  ml_cell_set_pump_ratio (steady, (double)ML_PUMP_NA_PER_CYCLE / ML_PUMP_K_PER_CYCLE);
  ml_cell_solve (steady, &sol);
  if (!sol.vm_defined || !sol.pump_running)
    return FALSE;

  /* There the pump current is −I_Na/3; the kinetic form gives Ī times the
   * rest of its factors at that V. */
  wanted = sol.pump_current_ua_cm2;
  per_imax = sol.pump_q10_factor
             * ml_pump_substrate_factor (na->c_in, k->c_out)
             * ml_pump_voltage_factor (sol.vm_mv / sol.rt_over_f_mv, na->c_out, NULL);
  if (!(wanted > 0.0) || !(per_imax > 0.0))
    return FALSE;
  imax = wanted / per_imax;
  if (!isfinite (imax) || !ml_params_cell_accepts (ML_PARAM_PUMP_MAX_CURRENT, imax))
    return FALSE;

  ml_cell_set_pump_max_current (cell, imax);
  return TRUE;
}

MlCell *
ml_cell_hold_pump_kinetics (MlCell *before,
                            MlCell *after)
{
  MlCell *held;
  double t_ref;

  g_return_val_if_fail (ML_IS_CELL (before), NULL);
  g_return_val_if_fail (ML_IS_CELL (after), NULL);

  /* Q10^((t − t_ref)/10) stays the same when t_ref moves with t. */
  held = ml_cell_copy (after);
  t_ref = ml_cell_get_pump_reference_temperature (before)
          + ml_cell_get_temperature (after) - ml_cell_get_temperature (before);
  if (ml_params_cell_accepts (ML_PARAM_PUMP_T_REF, t_ref))
    ml_cell_set_pump_reference_temperature (held, t_ref);
  return held;
}

gboolean
ml_cell_split_temperature_change (MlCell             *before,
                                  MlCell             *after,
                                  MlTemperatureSplit *out)
{
  g_autofree char *key = NULL;
  g_autoptr (MlCell) held = NULL;
  MlSolution a, b, h;

  g_return_val_if_fail (ML_IS_CELL (before), FALSE);
  g_return_val_if_fail (ML_IS_CELL (after), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  key = ml_cell_difference (before, after);
  if (g_strcmp0 (key, "temperature") != 0)
    return FALSE;

  held = ml_cell_hold_pump_kinetics (before, after);
  ml_cell_solve (before, &a);
  ml_cell_solve (after, &b);
  ml_cell_solve (held, &h);
  if (!a.vm_defined || !b.vm_defined || !h.vm_defined)
    return FALSE;
  /* The reference temperature could not follow (beyond its range). */
  if (fabs (h.pump_q10_factor - a.pump_q10_factor) > 1e-12 * fmax (1.0, a.pump_q10_factor))
    return FALSE;

  out->before_mv = a.vm_mv;
  out->after_mv = b.vm_mv;
  out->thermodynamic_mv = h.vm_mv - a.vm_mv;
  out->kinetic_mv = b.vm_mv - h.vm_mv;
  return TRUE;
}
