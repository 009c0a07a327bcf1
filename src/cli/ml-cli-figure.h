/* ml-cli-figure.h — membrane-calc --plot and --handout: figures and the lab
 * handout without the app
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ml-cell.h"

G_BEGIN_DECLS

/* Writes the plot @kind ("kout", "iv" or "temperature") of @cell to @path,
 * PNG, SVG or PDF by its extension, with a caption naming @name and what
 * differs from @reference (may be NULL). */
gboolean  ml_cli_write_plot    (MlCell      *cell,
                                MlCell      *reference,
                                const char  *name,
                                const char  *kind,
                                const char  *path,
                                GError     **error);

/* Writes the lab handout of @cell to @path (a PDF, on the locale's paper),
 * the one the app writes (ml_handout_render()); the measured V_m the cell
 * keeps only @with_measured. */
gboolean  ml_cli_write_handout (MlCell      *cell,
                                MlCell      *reference,
                                const char  *title,
                                gboolean     with_measured,
                                const char  *path,
                                GError     **error);

G_END_DECLS
