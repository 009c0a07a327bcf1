/* ml-ion-colors.h — the one ion palette of the app
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-format.h"

G_BEGIN_DECLS

/* Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"): K⁺ blue,
 * Na⁺ vermillion, Cl⁻ bluish green, Ca²⁺ reddish purple, any other ion grey.
 * The dark variants are lighter so they keep contrast on a dark background.
 * For shapes only (channels, particles, arrows, pointers): they reach the
 * 3:1 of graphics on Adwaita's backgrounds, not the 4.5:1 of text. */
void         ml_ion_color         (const char *name,
                                   gboolean    dark,
                                   GdkRGBA    *out);

/* The same hues for text: at least 4.5:1 on Adwaita's light (@dark FALSE)
 * or dark backgrounds, 7:1 when @high_contrast, the desktop's high-contrast
 * setting (ml_widget_is_high_contrast ()).  Use it for every word, symbol
 * or glyph drawn or marked up in an ion's colour; ml-ion-colors.c has the
 * ratios. */
void         ml_ion_text_color    (const char *name,
                                   gboolean    dark,
                                   gboolean    high_contrast,
                                   GdkRGBA    *out);

/* "K⁺", "Na⁺", "Cl⁻", "Ca²⁺"; for other names the name with its charge. */

/* Whether the widget is drawn on a dark background, from its CSS colour. */
gboolean     ml_widget_is_dark    (GtkWidget  *widget);

/* Whether the desktop asks for high contrast (AdwStyleManager of the
 * widget's display).  Turning it on or off reloads the stylesheet, so a
 * view reads it in css_changed, beside ml_widget_is_dark (). */
gboolean     ml_widget_is_high_contrast (GtkWidget *widget);

G_END_DECLS
