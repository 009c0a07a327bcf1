/* ml-cell-pump.h — what the Na⁺/K⁺ pump means for a whole cell
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pump's kinetics are ml-pump's, plain functions of concentrations and
 * V; these need the cell and its solution: sizing the pump to the cell's
 * Na⁺ leak, and splitting a temperature change into its RT/F and Q10
 * parts.  Kept apart so that the kinetics sit below the solver and these
 * above it.
 */
#pragma once

#include "ml-cell.h"
#include "ml-pump.h"

G_BEGIN_DECLS

/* Sets the kinetic pump's maximal current so that, at the cell's present
 * concentrations and temperature, it moves out exactly the Na⁺ that leaks
 * in: the state a steady 3:2 pump reaches (Mullins–Noda).  The cell's V_rest
 * with the kinetic pump is then that of the steady state.  Only on request:
 * nothing calls it when a permeability changes.  Returns FALSE, and leaves
 * the cell alone, when there is no such value (no Na⁺ leak, the pump idles,
 * V_rest undefined, or the value would be beyond the parameter's range). */
gboolean  ml_cell_balance_pump      (MlCell *cell);

/* A temperature change split in two (docs/ARCHITECTURE.md: the cooling experiment).
 * The thermodynamic part is the change with the pump's kinetics held (its
 * Q10 factor kept at the old temperature's): RT/F in every leak and in the
 * pump's voltage factor.  The kinetic part is the rest: the pump's rate
 * scaled by its Q10.  Both at once, before any concentration moves. */
typedef struct
{
  double  before_mv;
  double  after_mv;
  double  thermodynamic_mv;   /* V(T new, kinetics of T old) − V(T old) */
  double  kinetic_mv;         /* V(T new) − V(T new, kinetics of T old) */
} MlTemperatureSplit;

/* FALSE when @before and @after differ in anything but the temperature, or
 * a V_rest is undefined. */
gboolean  ml_cell_split_temperature_change (MlCell             *before,
                                            MlCell             *after,
                                            MlTemperatureSplit *out);
/* The cell at @after's temperature with the pump's kinetics of @before's:
 * the reference pump temperature moved with the temperature.  New cell. */
MlCell   *ml_cell_hold_pump_kinetics       (MlCell             *before,
                                            MlCell             *after);

G_END_DECLS
