/* ml-screenshot.h — render a widget to a PNG file
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders @widget as it is now (allocated and mapped) at its own size, with
 * the cairo renderer, into a PNG at @path. */
gboolean     ml_screenshot_widget     (GtkWidget   *widget,
                                       const char  *path,
                                       GError     **error);
/* The same, the format by the name's extension: .svg and .pdf as vectors,
 * any other a PNG at @scale (1 to 4) × the widget's pixels. */
gboolean     ml_screenshot_widget_scaled (GtkWidget   *widget,
                                          const char  *path,
                                          double       scale,
                                          GError     **error);
/* The same into a new image surface. */
cairo_surface_t *ml_screenshot_surface (GtkWidget  *widget);
/* … painted over @background first, for a widget that has none of its own. */
cairo_surface_t *ml_screenshot_surface_on (GtkWidget     *widget,
                                           const GdkRGBA *background);
/* Whether the image has at least @min_colors different pixel values: a blank
 * or single-colour render fails this. */
gboolean     ml_surface_is_varied     (cairo_surface_t *surface,
                                       guint            min_colors);
/* How many pixels differ from the top-left one (the background). */
guint        ml_surface_count_differing (cairo_surface_t *surface);

G_END_DECLS
