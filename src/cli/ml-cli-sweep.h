/* ml-cli-sweep.h — membrane-calc --sweep: one parameter over a range
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ml-cell.h"
#include "ml-sweep.h"

G_BEGIN_DECLS

/* The sweep's table (or CSV with a header line, or JSON with the same
 * names) of every point: the value, Na⁺ outside when it is traded, V_m at
 * once (vm_mv) and once Cl⁻ has redistributed (vm_cl_equilibrated_mv,
 * ml_cell_solve_cl_equilibrated()), each E and each V − E. */
void  ml_cli_sweep_run (MlSweep  *sweep,
                        MlCell   *cell,
                        gboolean  csv,
                        gboolean  json,
                        GString  *out);

G_END_DECLS
