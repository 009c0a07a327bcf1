/* ml-figure.h — a view or plot as a PNG, SVG or PDF figure with a caption
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-session.h"

G_BEGIN_DECLS

/* Draws the figure's content at @width × @height (in points for SVG and
 * PDF, in pixels before the scale for PNG). */
typedef void (*MlFigureDraw) (cairo_t  *cr,
                              int       width,
                              int       height,
                              gpointer  user_data);

typedef enum
{
  ML_FIGURE_PNG,
  ML_FIGURE_SVG,
  ML_FIGURE_PDF,
} MlFigureFormat;

/* The format a file name asks for by its extension (.png, .svg, .pdf, in
 * any case); FALSE for another. */
gboolean  ml_figure_format_for_path (const char     *path,
                                     MlFigureFormat *format);
/* "Mammalian neuron, 37 °C — P(Na⁺) × 20": the scenario's name, its
 * temperature and what differs from the cell as it was loaded. */
char     *ml_figure_caption         (MlSession      *session);
/* Writes the figure with @caption (may be NULL) in a line under it; a PNG
 * at @scale × the pixels (1, 2 or 3, for print). */
gboolean  ml_figure_write           (const char     *path,
                                     int             width,
                                     int             height,
                                     double          scale,
                                     const char     *caption,
                                     MlFigureDraw    draw,
                                     gpointer        user_data,
                                     GError        **error);
/* The same on the dark style's background when @dark. */
gboolean  ml_figure_write_on        (const char     *path,
                                     int             width,
                                     int             height,
                                     double          scale,
                                     const char     *caption,
                                     gboolean        dark,
                                     MlFigureDraw    draw,
                                     gpointer        user_data,
                                     GError        **error);
/* An MlFigureDraw for a widget as it is on screen (@user_data the widget). */
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
