/* ml-handout.h — a printable lab handout of the scenario, as PDF
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-window.h"

G_BEGIN_DECLS

/* Writes @window's scenario as the lab handout (ml_handout_render(), as
 * membrane-calc --handout does), on the locale's paper, A4 or Letter; the
 * measured V_m the scenario keeps only @with_measured. */
gboolean  ml_handout_write  (MlWindow    *window,
                             const char  *path,
                             gboolean     with_measured,
                             GError     **error);

G_END_DECLS
