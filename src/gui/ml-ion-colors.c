/* ml-ion-colors.c — the one ion palette of the app
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ml-ion-colors.h"

#include <string.h>

typedef struct
{
  const char *name;
  const char *light;
  const char *dark;
} IonColor;

static const IonColor palette[] = {
  { "K",  "#0072B2", "#56B4E9" }, /* blue, sky blue */
  { "Na", "#D55E00", "#F08A4B" }, /* vermillion */
  { "Cl", "#009E73", "#3CCB9E" }, /* bluish green */
  { "Ca", "#CC79A7", "#E3A6C8" }, /* reddish purple */
};

void
ml_ion_color (const char *name,
              gboolean    dark,
              GdkRGBA    *out)
{
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (g_strcmp0 (name, palette[i].name) == 0)
      {
        gdk_rgba_parse (out, dark ? palette[i].dark : palette[i].light);
        return;
      }

  gdk_rgba_parse (out, dark ? "#BBBBBB" : "#666666");
}

char *
ml_ion_label (const char *name,
              int         z)
{
  const char *sign;

  switch (z)
    {
    case 1:
      sign = "⁺";
      break;
    case -1:
      sign = "⁻";
      break;
    case 2:
      sign = "²⁺";
      break;
    case -2:
      sign = "²⁻";
      break;
    default:
      sign = "";
    }

  return g_strconcat (name, sign, NULL);
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
