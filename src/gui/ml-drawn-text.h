/* ml-drawn-text.h — how the drawn views set their text
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The drawn views scale their text with their size, so they draw it
 * unhinted: hinting would snap each new size to the pixel grid, and
 * preparing a hinted size runs the font's own program, a cost paid again
 * each time a view switches between sizes. */
void         ml_drawn_text_setup   (GtkWidget *widget);

/* A text size in pixels rounded down to a few steps (1 px below 24 px, 2 px
 * up to 48 px, 4 px above), so the views share fonts and a resize does not
 * make a new font for every pixel of width.  Down, so that a size chosen to
 * fit a width still fits.  Never below 1 px. */
double       ml_drawn_text_px      (double     px);

/* The desktop's text scaling for @widget: GtkSettings:gtk-xft-dpi (1024 ×
 * dpi) over 96 dpi, so 1.0 at 96 dpi and 1.5 at 144; GNOME's "Large Text"
 * (text-scaling-factor 1.25) reaches GTK this way on X11 and Wayland.  1.0
 * when the setting is unset (-1), else clamped to [0.5, 3].  GTK applies
 * it to widget text by itself, but not to the absolute sizes the drawn
 * views choose, so they multiply their size by it before rounding:
 *
 *   px = ml_drawn_text_px (size_px * ml_drawn_text_scale (widget));
 *
 * GTK restyles every widget when the setting changes, so a view that
 * caches text or sizes reads it where it reads the theme, in css_changed. */
double       ml_drawn_text_scale   (GtkWidget *widget);

G_END_DECLS
