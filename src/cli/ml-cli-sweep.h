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

/* The sweep's table (or CSV with a header line) of every point: the
 * value, Na⁺ outside when it is traded, V_m, each E and each V − E. */
void  ml_cli_sweep_run (MlSweep  *sweep,
                        MlCell   *cell,
                        gboolean  csv,
                        GString  *out);

G_END_DECLS
