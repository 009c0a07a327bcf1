/* ml-handout-draw.h — a printable lab handout of a scenario, as PDF
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ml-cell.h"

G_BEGIN_DECLS

/* Draws a figure of the membrane at (@x, @y) within @max_w × @max_h and
 * returns the height it took. */
typedef double (*MlHandoutFigure) (cairo_t  *cr,
                                   double    x,
                                   double    y,
                                   double    max_w,
                                   double    max_h,
                                   gpointer  user_data);

/* Writes the handout of @cell (what differs from @reference in its caption)
 * titled @title, with @numbers as the page's math (in monospace when
 * @numbers_are_table, whose columns line up by spaces), @figure (may be
 * NULL) above them, on paper of @paper_width × @paper_height points. */
gboolean  ml_handout_render (const char       *path,
                             MlCell           *cell,
                             MlCell           *reference,
                             const char       *title,
                             const char       *numbers,
                             gboolean          numbers_are_table,
                             MlHandoutFigure   figure,
                             gpointer          figure_data,
                             double            paper_width,
                             double            paper_height,
                             GError          **error);

/* The locale's paper (LC_PAPER): A4 unless it is Letter's 216 mm wide. */
void      ml_handout_paper  (double           *width_pt,
                             double           *height_pt);

G_END_DECLS
