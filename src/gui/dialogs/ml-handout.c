/* ml-handout.c — a printable lab handout of the scenario, as PDF
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two pages through cairo's PDF surface.  The first has the scenario (name,
 * notes, source), the membrane as the app draws it and the math with every
 * number substituted; the second the practical: the salines of rising K⁺
 * with the V_m the model predicts and an empty column to write the
 * measured one in, and the plot of V_m against outside K⁺ with the Nernst
 * line.  Every number is the core's (ml_sweep_run, the math view's text).
 */
#define G_LOG_DOMAIN "ml-handout"

#include "config.h"

#include "ml-handout.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml-handout-draw.h"

/* The membrane view as on screen, as a picture at three times its pixels,
 * sharp in print. */
static double
membrane_figure (cairo_t  *cr,
                 double    x,
                 double    y,
                 double    max_w,
                 double    max_h,
                 gpointer  user_data)
{
  GtkWidget *widget = GTK_WIDGET (user_data);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_surface_t *image;
  cairo_t *icr;
  double scale;

  if (w <= 0 || h <= 0)
    return 0.0;
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return 0.0;
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 3 * w, 3 * h);
  icr = cairo_create (image);
  cairo_scale (icr, 3.0, 3.0);
  gsk_render_node_draw (node, icr);
  cairo_destroy (icr);
  cairo_surface_flush (image);

  scale = MIN (max_w / w, max_h / h);
  cairo_save (cr);
  cairo_translate (cr, x + (max_w - w * scale) / 2.0, y);
  cairo_scale (cr, scale / 3.0, scale / 3.0);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
  return h * scale;
}

gboolean
ml_handout_write (MlWindow    *window,
                  const char  *path,
                  GError     **error)
{
  MlSession *session = ml_window_get_session (window);
  g_autofree char *math = ml_math_view_get_copy_text (ml_window_get_math_view (window));
  double width, height;

  ml_handout_paper (&width, &height);
  return ml_handout_render (path, ml_session_get_cell (session), ml_session_get_reference (session),
                            ml_session_get_title (session), math, FALSE, membrane_figure,
                            ml_window_get_membrane_view (window), width, height, error);
}
