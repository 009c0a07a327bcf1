/* ml-sweep.h — one parameter over a range, every point a full solution
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sweep sets one parameter of the parameter table (ml-params.h) to each
 * of a list of values, everything else held, and solves the cell at each.
 * The resting-potential practical is the sweep of outside K⁺: real salines
 * keep their osmolarity by taking out as much Na⁺ as they add K⁺, and a
 * sweep of K.out does the same unless told not to (ml_sweep_set_trade_na).
 */
#pragma once

#include <glib.h>

#include "ml-cell.h"
#include "ml-params.h"
#include "ml-solution.h"

G_BEGIN_DECLS

#define ML_SWEEP_MAX_POINTS 10000

typedef struct _MlSweep MlSweep;

/* "K.out=2.5,5,10,20,40,80" (a list) or "K.out=0.1:1000:50:log" (FROM:TO:N,
 * linear unless ":log"), for the parameters of @cell.  Every value must be
 * one the parameter takes.  NULL with a message naming what is wrong. */
MlSweep        *ml_sweep_parse          (const char  *spec,
                                         MlCell      *cell,
                                         GError     **error);
MlSweep        *ml_sweep_new_range      (const char  *id,
                                         double       from,
                                         double       to,
                                         guint        n,
                                         gboolean     logarithmic,
                                         MlCell      *cell,
                                         GError     **error);
void            ml_sweep_free           (MlSweep     *self);

const char     *ml_sweep_get_id         (MlSweep     *self);
const MlParam  *ml_sweep_get_param      (MlSweep     *self);
guint           ml_sweep_get_n_points   (MlSweep     *self);
double          ml_sweep_get_value      (MlSweep     *self,
                                         guint        index);
/* Whether the sweep trades Na⁺ outside for K⁺ outside (TRUE by default,
 * and only for a sweep of K⁺ outside in a cell with Na⁺). */
gboolean        ml_sweep_get_trade_na   (MlSweep     *self);
void            ml_sweep_set_trade_na   (MlSweep     *self,
                                         gboolean     trade);
gboolean        ml_sweep_can_trade_na   (MlSweep     *self,
                                         MlCell      *cell);

/* @cell as it is at point @index: the base with the swept value (and the
 * Na⁺ traded for it).  FALSE when the trade would need more Na⁺ than the
 * bath has: then Na⁺ outside is 0 and the bath's osmolarity is not kept. */
gboolean        ml_sweep_set_point      (MlSweep     *self,
                                         MlCell      *base,
                                         guint        index,
                                         MlCell      *cell);
/* Solves every point from @base (not changed) into @out, which holds
 * ml_sweep_get_n_points () solutions. */
void            ml_sweep_run            (MlSweep     *self,
                                         MlCell      *base,
                                         MlSolution  *out);

/* After the instant: the cell once its Cl⁻ has redistributed.
 *
 * In this model Cl⁻ crosses the membrane by its passive GHK leak alone (no
 * transporter moves it), so a change of the bath is followed, over
 * minutes, by Cl⁻ moving until E_Cl = V_m (Hodgkin & Horowicz 1959,
 * J. Physiol. 148:127).  Then Cl⁻ carries no current and V_m is the
 * zero-current potential of everything else: the solution of the cell
 * with P_Cl = 0.  @out is the whole solution of the cell with Cl⁻ inside
 * set to that equilibrium, c_in = c_out·e^(V_m·F/RT), so E_Cl = V_m in it.
 *
 * What else would follow is held: the K⁺ that enters with the Cl⁻ and the
 * water that follows both (the fibre swells) are not modelled, so K⁺ and
 * Na⁺ inside, and the volume, stay as they are.
 *
 * Only ions of the Cl⁻ role redistribute; a cell without a permeant Cl⁻
 * gives its instant solution.  Without any other permeant ion the result is
 * undefined (ML_CONDITION_NO_PERMEANT_ION).  Returns FALSE then, and when
 * the equilibrium Cl⁻ inside is beyond what a concentration may be: then
 * @out is the solution with P_Cl = 0, whose V_m is the same. */
gboolean        ml_cell_solve_cl_equilibrated (MlCell     *cell,
                                               MlSolution *out);
/* As ml_sweep_run(), each point after its Cl⁻ has redistributed. */
void            ml_sweep_run_cl_equilibrated  (MlSweep    *self,
                                               MlCell     *base,
                                               MlSolution *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlSweep, ml_sweep_free)

G_END_DECLS
