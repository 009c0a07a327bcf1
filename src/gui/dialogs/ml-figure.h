/* ml-figure.h — a view or plot as a PNG, SVG or PDF figure with a caption
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-figure-write.h"
#include "ml-session.h"

G_BEGIN_DECLS

/* "Mammalian neuron, 37 °C — P(Na⁺) × 20": the scenario's name, its
 * temperature and what differs from the cell as it was loaded. */
char     *ml_figure_caption         (MlSession      *session);
/* The size of @widget's picture: its border box, padding included (what
 * gtk_widget_get_width() leaves out), so ml_figure_draw_widget() draws it
 * at one pixel per pixel. */
void      ml_figure_widget_size     (GtkWidget      *widget,
                                     int            *width,
                                     int            *height);
/* An MlFigureDraw for a widget as it is on screen (@user_data the widget),
 * best at the size ml_figure_widget_size() gives. */
void      ml_figure_draw_widget     (cairo_t        *cr,
                                     int             width,
                                     int             height,
                                     gpointer        user_data);
/* A save dialog for @widget's figure, at its size on screen, the format by
 * the extension chosen; errors become a toast of the window. */
void      ml_figure_save_dialog     (GtkWidget      *widget,
                                     MlSession      *session,
                                     const char     *what,
                                     MlFigureDraw    draw,
                                     gpointer        user_data);

G_END_DECLS
