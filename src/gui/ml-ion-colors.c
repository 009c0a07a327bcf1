/* ml-ion-colors.c — the one ion palette of the app
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every ion has one hue, Okabe and Ito's, in three strengths: a shape colour
 * for what is drawn (channels, particles, arrows, gauge pointers), a text
 * colour for what is read, and a stronger text colour for high contrast.
 * Text needs more than shapes: WCAG 2.1 asks 4.5:1 of text (1.4.3), 7:1
 * for AAA (1.4.6), and 3:1 of the graphics one needs to understand a view
 * (1.4.11).  As text on the light backgrounds, Okabe and Ito's Na⁺, Cl⁻
 * and Ca²⁺ reached only 2.7 to 3.9:1; their dark variants already reach
 * 4.5:1 and stay the dark text colours, but for Cl⁻.
 *
 * The other text colours keep the CIELAB hue angle of their shape colour
 * within a degree, at the lightness that reaches the ratio and the
 * largest chroma the sRGB gamut allows there, so K⁺ stays blue, Na⁺
 * vermillion, Cl⁻ bluish green and Ca²⁺ reddish purple.  Bringing all
 * four to the same contrast leaves little but hue to tell them apart, and
 * blue and bluish green differ little in hue for someone without blue
 * cones; so Cl⁻ stands one step further from the background than the
 * others, darker in light, lighter in dark.
 *
 * Contrast ratio, from WCAG 2.1's definitions of relative luminance and
 * contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance,
 * #dfn-contrast-ratio):
 *
 *   C' = C/12.92 if C ≤ 0.03928, else ((C + 0.055)/1.055)^2.4  for R, G, B
 *   L  = 0.2126 R' + 0.7152 G' + 0.0722 B'
 *   ratio = (L_lighter + 0.05) / (L_darker + 0.05)
 *
 * (sRGB writes 0.04045 for 0.03928; no 8-bit value lies between the two.)
 *
 * The backgrounds are those of libadwaita 1.2, in which high contrast
 * keeps the normal ones: light #FAFAFA (window, the controls, the gauge,
 * the math) and #FFFFFF (views, cards); dark #1E1E1E (views), #242424
 * (window), #303030 (header bar) and #383838 (dialogs, popovers, the
 * lightest); and the membrane view's tinted water over the window colour,
 * outside (blue 8 %, 10 % dark) and inside (amber 8 %): light #EAF1F8 and
 * #F8F2EA, dark #293039 and #343029.  Ratios, the worst one last:
 *
 *   light            #FAFAFA #FFFFFF #F8F2EA #EAF1F8
 *   shape K   #0072B2   4.97    5.19    4.66    4.55
 *         Na  #CB5900   4.05    4.23    3.80    3.71
 *         Cl  #008B65   4.12    4.30    3.87    3.78
 *         Ca  #AF5E8C   4.19    4.37    3.93    3.84
 *   text  K   #0071B0   5.04    5.26    4.73    4.62
 *         Na  #B24E00   5.05    5.27    4.74    4.63
 *         Cl  #006246   7.10    7.41    6.66    6.50
 *         Ca  #A0517E   5.06    5.29    4.75    4.64
 *         ?   #666666   5.50    5.74    5.16    5.04
 *   high  K   #005383   7.84    8.19    7.36    7.19
 *   con-  Na  #853800   7.85    8.19    7.37    7.19
 *   trast Cl  #00432F  10.91   11.39   10.24   10.00
 *         Ca  #803360   7.86    8.20    7.37    7.20
 *         ?   #4D4D4D   8.10    8.45    7.60    7.42
 *
 *   dark             #1E1E1E #242424 #303030 #293039 #343029 #383838
 *   shape K   #56B4E9   7.22    6.73    5.72    5.77    5.69    5.08
 *         Na  #F08A4B   6.70    6.24    5.31    5.36    5.27    4.71
 *         Cl  #3CCB9E   8.12    7.56    6.43    6.49    6.39    5.71
 *         Ca  #E3A6C8   8.38    7.80    6.63    6.70    6.59    5.89
 *   text  K   #56B4E9   7.22    6.73    5.72    5.77    5.69    5.08
 *         Na  #F08A4B   6.70    6.24    5.31    5.36    5.27    4.71
 *         Cl  #4FDAAC   9.49    8.84    7.51    7.59    7.47    6.68
 *         Ca  #E3A6C8   8.38    7.80    6.63    6.70    6.59    5.89
 *         ?   #BBBBBB   8.68    8.09    6.87    6.94    6.83    6.11
 *   high  K   #8FD2FF  10.19    9.48    8.06    8.14    8.02    7.16
 *   con-  Na  #FFBC96  10.23    9.52    8.10    8.18    8.05    7.19
 *   trast Cl  #6DF6C6  12.42   11.57    9.83    9.93    9.78    8.74
 *         Ca  #FFC9E7  11.72   10.91    9.28    9.36    9.22    8.24
 *         ?   #D0D0D0  10.81   10.06    8.56    8.64    8.51    7.60
 *
 * The light shape colours of Na⁺, Cl⁻ and Ca²⁺ are a little darker than
 * Okabe and Ito's (#D55E00, #009E73, #CC79A7; CIE76 ΔE 4, 8 and 10, same
 * hue): the membrane view draws its particles at 85 % opacity, and the
 * originals then fell below 3:1 (Ca²⁺ did even when opaque).  Now every
 * shape colour keeps 3:1 at 85 %.
 *
 * Told apart: between any two of the four, in every set, CIE76 ΔE is 36
 * or more, and still 13 or more for text (11 for shapes) once a protan,
 * deutan or tritan view is simulated (Machado, Oliveira & Fernandes 2009,
 * severity 1).  The closest pair is mostly K⁺ and Cl⁻ seen without blue
 * cones; the 11 is that of Okabe and Ito's own dark colours, which the
 * dark shapes are.  tests/gui/test-colors.c checks all of this.
 */
#define G_LOG_DOMAIN "ml-ion-colors"

#include "config.h"

#include "ml-ion-colors.h"
#include "ml-palette.h"

#include <adwaita.h>
#include <string.h>

/* The colours themselves are in src/draw/ml-palette.c, shared with the
 * figures membrane-calc writes. */
static void
to_gdk (const MlRgba *c,
        GdkRGBA      *out)
{
  out->red = c->red;
  out->green = c->green;
  out->blue = c->blue;
  out->alpha = c->alpha;
}

void
ml_ion_color (const char *name,
              gboolean    dark,
              GdkRGBA    *out)
{
  MlRgba c;

  g_return_if_fail (out != NULL);
  ml_palette_ion (name, dark, FALSE, FALSE, &c);
  to_gdk (&c, out);
}

void
ml_ion_text_color (const char *name,
                   gboolean    dark,
                   gboolean    high_contrast,
                   GdkRGBA    *out)
{
  MlRgba c;

  g_return_if_fail (out != NULL);
  ml_palette_ion (name, dark, TRUE, high_contrast, &c);
  to_gdk (&c, out);
}

gboolean
ml_widget_is_dark (GtkWidget *widget)
{
  GdkRGBA fg;

  /* Light text means a dark background; this follows AdwStyleManager and any
   * high-contrast theme without asking either. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  return (0.299 * fg.red + 0.587 * fg.green + 0.114 * fg.blue) > 0.5;
}

gboolean
ml_widget_is_high_contrast (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  /* The display's manager, not the default one, for a widget on a second
   * display; both follow the desktop's setting. */
  return adw_style_manager_get_high_contrast (
           adw_style_manager_get_for_display (gtk_widget_get_display (widget)));
}
