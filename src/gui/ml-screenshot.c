/* ml-screenshot.c — render a widget to a PNG file
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by `membrane-lab --screenshot` and by the GUI tests: a widget's
 * paintable is snapshotted into a render node and drawn with cairo, so the
 * picture is what the cairo renderer would show, without a screen grab.
 */
#define G_LOG_DOMAIN "ml-screenshot"

#include "config.h"

#include "ml-screenshot.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

cairo_surface_t *
ml_screenshot_surface_on (GtkWidget     *widget,
                          const GdkRGBA *background)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  width = MAX (gtk_widget_get_width (widget), 1);
  height = MAX (gtk_widget_get_height (widget), 1);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  if (background != NULL)
    {
      gdk_cairo_set_source_rgba (cr, background);
      cairo_paint (cr);
    }
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

cairo_surface_t *
ml_screenshot_surface (GtkWidget *widget)
{
  return ml_screenshot_surface_on (widget, NULL);
}

static GskRenderNode *
widget_node (GtkWidget *widget,
             int        width,
             int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

gboolean
ml_screenshot_widget (GtkWidget   *widget,
                      const char  *path,
                      GError     **error)
{
  return ml_screenshot_widget_scaled (widget, path, 1.0, error);
}

/**
 * ml_screenshot_widget_scaled:
 *
 * Like ml_screenshot_widget(), in the format the name's extension asks
 * for: .svg and .pdf as vectors (text stays text), anything else as a PNG
 * at @scale × the widget's pixels.
 */
gboolean
ml_screenshot_widget_scaled (GtkWidget   *widget,
                             const char  *path,
                             double       scale,
                             GError     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean vector = has_suffix (path, ".svg") || has_suffix (path, ".pdf");
  int width = MAX (gtk_widget_get_width (widget), 1);
  int height = MAX (gtk_widget_get_height (widget), 1);

  if (!vector && scale == 1.0)
    {
      surface = ml_screenshot_surface (widget);
      status = cairo_surface_write_to_png (surface, path);
    }
  else
    {
      g_autoptr(GskRenderNode) node = widget_node (widget, width, height);
      cairo_t *cr;

      if (has_suffix (path, ".svg"))
        surface = cairo_svg_surface_create (path, width, height);
      else if (has_suffix (path, ".pdf"))
        surface = cairo_pdf_surface_create (path, width, height);
      else
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)(width * scale),
                                              (int)(height * scale));
      cr = cairo_create (surface);
      if (!vector)
        cairo_scale (cr, scale, scale);
      if (node != NULL)
        gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (vector)
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
      else
        status = cairo_surface_write_to_png (surface, path);
    }

  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is a file name, the second %s the reason. */
                   _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
ml_surface_is_varied (cairo_surface_t *surface,
                      guint            min_colors)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);

  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      {
        guint32 pixel = *(const guint32 *)(data + y * stride + x * 4);

        g_hash_table_add (seen, GUINT_TO_POINTER (pixel + 1));
        if (g_hash_table_size (seen) >= min_colors)
          return TRUE;
      }
  return FALSE;
}

guint
ml_surface_count_differing (cairo_surface_t *surface)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 corner = *(const guint32 *)data;
  guint count = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (((const guint32 *)(data + y * stride))[x] != corner)
        count++;
  return count;
}
