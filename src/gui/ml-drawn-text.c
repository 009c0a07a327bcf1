/* ml-drawn-text.c — how the drawn views set their text
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ml-drawn-text"

#include "config.h"

#include "ml-drawn-text.h"
#include "ml-plot-draw.h"

#include <math.h>

void
ml_drawn_text_setup (GtkWidget *widget)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  g_return_if_fail (GTK_IS_WIDGET (widget));

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  gtk_widget_set_font_options (widget, options);
  cairo_font_options_destroy (options);
}

double
ml_drawn_text_px (double px)
{
  return ml_draw_text_px (px);
}

double
ml_drawn_text_scale (GtkWidget *widget)
{
  int dpi = -1;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 1.0);

  /* The widget's display's settings: on a second display they may differ.
   * -1, or nothing, means no desktop said anything. */
  g_object_get (gtk_widget_get_settings (widget), "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    return 1.0;
  return CLAMP (dpi / (1024.0 * 96.0), 0.5, 3.0);
}
