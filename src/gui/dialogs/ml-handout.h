/* ml-handout.h — a printable lab handout of the scenario, as PDF
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-window.h"

G_BEGIN_DECLS

/* Writes @window's scenario as a handout: its name, notes and source, the
 * membrane figure, the math with the numbers, the table of salines of
 * rising K⁺ with an empty column for what the students measure, and the
 * plot of V_m against outside K⁺.  A4 or Letter, from the locale's paper.
 * The membrane view must be on screen (the window shows its page first). */
gboolean  ml_handout_write  (MlWindow    *window,
                             const char  *path,
                             GError     **error);

G_END_DECLS
