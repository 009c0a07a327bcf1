/* ml-ion-colors.h — the one ion palette of the app
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"): K⁺ blue,
 * Na⁺ vermillion, Cl⁻ bluish green, Ca²⁺ reddish purple, any other ion grey.
 * The dark variants are lighter so they keep contrast on a dark background. */
void         ml_ion_color         (const char *name,
                                   gboolean    dark,
                                   GdkRGBA    *out);

/* "K⁺", "Na⁺", "Cl⁻", "Ca²⁺"; for other names the name with its charge. */
char        *ml_ion_label         (const char *name,
                                   int         z);

/* Whether the widget is drawn on a dark background, from its CSS colour. */
gboolean     ml_widget_is_dark    (GtkWidget  *widget);

G_END_DECLS
