/* ml-steady-state.h — a cell whose every ion is in flux balance
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At rest the currents sum to zero; in a steady state each ion's does too,
 * so no concentration drifts.  A cell of n ions that move has n − 1 such
 * conditions beyond the sum, and the fit finds them by changing n − 1
 * parameters the caller names, each one that a mechanism's current is
 * proportional to (the pump's Ī, a cotransporter's rate, a permeability):
 * for a trial V the ions' balances are linear in them, and V is then the
 * root of the one balance left, bracketed and bisected.
 */
#pragma once

#include "ml-cell.h"

G_BEGIN_DECLS

#define ML_STEADY_STATE_ERROR (ml_steady_state_error_quark ())

typedef enum
{
  ML_STEADY_STATE_ERROR_COUNT,      /* not n − 1 parameters for n ions */
  ML_STEADY_STATE_ERROR_PARAMETER,  /* an id that is no parameter of the cell */
  ML_STEADY_STATE_ERROR_NO_ROOT,    /* no V balances the ions */
  ML_STEADY_STATE_ERROR_NEGATIVE,   /* a fitted rate would be negative */
} MlSteadyStateError;

GQuark    ml_steady_state_error_quark  (void);

/* Sets the @n_params parameters @param_ids of @cell so that every ion's
 * net flux is zero at its resting potential, in one change; on error the
 * cell is untouched. */
gboolean  ml_cell_fit_steady_state     (MlCell              *cell,
                                        const char * const  *param_ids,
                                        guint                n_params,
                                        GError             **error);

/* The largest |net flux| of any ion at @cell's resting potential, and the
 * largest flux any single mechanism carries of any ion there (the scale
 * the first is small against), both in µA/cm². */
void      ml_cell_flux_balance         (MlCell              *cell,
                                        double              *max_net,
                                        double              *max_flux);

G_END_DECLS
