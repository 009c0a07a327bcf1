/* ml-math-view.h — "the math": every equation with the numbers plugged in
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-session.h"
#include "ml-solution.h"

G_BEGIN_DECLS

#define ML_TYPE_MATH_VIEW (ml_math_view_get_type ())
G_DECLARE_FINAL_TYPE (MlMathView, ml_math_view, ML, MATH_VIEW, GtkWidget)

GtkWidget   *ml_math_view_new              (void);
void         ml_math_view_set_solution     (MlMathView       *self,
                                            const MlSolution *solution);
/* Whether the formula lines wrap now.  They stay whole while the view is
 * wide enough for them, and wrap in a narrower one, so that nothing is cut
 * off in a narrow pane or with large text (presentation mode). */
gboolean     ml_math_view_get_formulas_wrap (MlMathView     *self);

/* All the text the view shows, one line per row, for tests and copying. */
/* With sub- and superscripts as Unicode, for the clipboard. */
char        *ml_math_view_get_copy_text  (MlMathView       *self);
char        *ml_math_view_get_text         (MlMathView       *self);

void         ml_math_view_set_session (MlMathView *self,
                                       MlSession  *session);
MlSession   *ml_math_view_get_session (MlMathView *self);

G_END_DECLS
