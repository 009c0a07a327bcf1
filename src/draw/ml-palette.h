/* ml-palette.h — the one ion palette, as numbers
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A colour with components in [0, 1]: the same layout as GdkRGBA, so the
 * GUI converts by copying. */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} MlRgba;

/* Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"): K⁺ blue,
 * Na⁺ vermillion, Cl⁻ bluish green, Ca²⁺ reddish purple, any other ion
 * grey; lighter on a dark background.  @text: a variant for words, at least
 * 4.5:1 on Adwaita's backgrounds (7:1 with @high_contrast); otherwise for
 * shapes (3:1). */
void  ml_palette_ion (const char *name,
                      gboolean    dark,
                      gboolean    text,
                      gboolean    high_contrast,
                      MlRgba     *out);

/* The opacity of a secondary word or tick drawn in the text colour (an
 * axis's numbers, "moves out", "resting potential"): @alpha normally, full
 * in high contrast, where grey on white is what the user asked to lose. */
double ml_palette_secondary_alpha (gboolean high_contrast,
                                   double   alpha);

G_END_DECLS
