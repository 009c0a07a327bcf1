/* ml-palette.c — the one ion palette, as numbers
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contrast ratios of each variant are worked out in
 * src/gui/ml-ion-colors.c, which reads its colours from here.
 */
#include "config.h"

#include "ml-palette.h"

#include <string.h>

typedef struct
{
  const char *name;
  guint32     light, dark;            /* shapes */
  guint32     text_light, text_dark;  /* ≥ 4.5:1 */
  guint32     hc_light, hc_dark;      /* ≥ 7:1 */
} IonColor;

static const IonColor palette[] = {
  { "K",  0x0072B2, 0x56B4E9, 0x0071B0, 0x56B4E9, 0x005383, 0x8FD2FF },
  { "Na", 0xCB5900, 0xF08A4B, 0xB24E00, 0xF08A4B, 0x853800, 0xFFBC96 },
  { "Cl", 0x008B65, 0x3CCB9E, 0x006246, 0x4FDAAC, 0x00432F, 0x6DF6C6 },
  { "Ca", 0xAF5E8C, 0xE3A6C8, 0xA0517E, 0xE3A6C8, 0x803360, 0xFFC9E7 },
};

static const IonColor grey = { NULL, 0x666666, 0xBBBBBB, 0x666666, 0xBBBBBB, 0x4D4D4D, 0xD0D0D0 };

void
ml_palette_ion (const char *name,
                gboolean    dark,
                gboolean    text,
                gboolean    high_contrast,
                MlRgba     *out)
{
  const IonColor *ion = &grey;
  guint32 rgb;

  g_return_if_fail (out != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (g_strcmp0 (name, palette[i].name) == 0)
      ion = &palette[i];
  if (!text)
    rgb = dark ? ion->dark : ion->light;
  else if (high_contrast)
    rgb = dark ? ion->hc_dark : ion->hc_light;
  else
    rgb = dark ? ion->text_dark : ion->text_light;
  out->red = ((rgb >> 16) & 0xff) / 255.0f;
  out->green = ((rgb >> 8) & 0xff) / 255.0f;
  out->blue = (rgb & 0xff) / 255.0f;
  out->alpha = 1.0f;
}

double
ml_palette_secondary_alpha (gboolean high_contrast,
                            double   alpha)
{
  return high_contrast ? 1.0 : alpha;
}
