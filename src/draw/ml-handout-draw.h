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

/* Writes the lab handout of @cell, titled @title (the caption says what
 * differs from @reference, which may be NULL), on paper of @paper_width ×
 * @paper_height points: two pages, the cell, its equations, aims,
 * procedure and temperature, then the salines of rising K⁺ with the V_m
 * predicted at once and after Cl⁻ has redistributed, the plot and the
 * questions.  The V_m measured and kept with the cell are shown only
 * @with_measured (the instructor's copy).  The app and membrane-calc both
 * write it with this one function. */
gboolean  ml_handout_render (const char       *path,
                             MlCell           *cell,
                             MlCell           *reference,
                             const char       *title,
                             gboolean          with_measured,
                             double            paper_width,
                             double            paper_height,
                             GError          **error);

/* The locale's paper (LC_PAPER): A4 unless it is Letter's 216 mm wide. */
void      ml_handout_paper  (double           *width_pt,
                             double           *height_pt);

G_END_DECLS
