/* ml-figure-write.c — a drawing as a PNG, SVG or PDF figure with a caption
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same drawing code as on screen, into cairo's image, SVG or PDF
 * surface: vectors stay vectors in SVG and PDF.  A caption line under the
 * figure names the scenario, its temperature and what was changed, so a
 * printed figure says which cell it shows.  Used by the app and by
 * membrane-calc.
 */
#include "config.h"

#include "ml-figure-write.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ml-file-io.h"
#include "ml-format.h"
#include "ml-simulation.h"

gboolean
ml_figure_format_for_path (const char     *path,
                           MlFigureFormat *format)
{
  g_autofree char *lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;

  if (lower == NULL)
    return FALSE;
  if (g_str_has_suffix (lower, ".png"))
    *format = ML_FIGURE_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = ML_FIGURE_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = ML_FIGURE_PDF;
  else
    return FALSE;
  return TRUE;
}

char *
ml_figure_caption_for (MlCell     *cell,
                       MlCell     *reference,
                       const char *name)
{
  g_autofree char *change = reference != NULL ? ml_simulation_describe_change (reference, cell)
                                              : NULL;
  g_autofree char *t = ml_format_significant (ml_cell_get_temperature (cell), 4);

  if (change != NULL)
    /* Translators: a figure's caption: the scenario, its temperature and
     * what was changed, "Mammalian neuron, 37 °C — P(Na⁺) × 20". */
    return g_strdup_printf (_("%s, %s °C — %s"), name, t, change);
  /* Translators: a figure's caption, "Mammalian neuron, 37 °C". */
  return g_strdup_printf (_("%s, %s °C"), name, t);
}

static void
draw_caption (cairo_t    *cr,
              const char *caption,
              int         width,
              int         y,
              int         band,
              gboolean    dark)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_absolute_size (desc, 0.5 * band * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, caption, -1);
  pango_layout_set_width (layout, (width - band) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (dark)
    cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  else
    cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_move_to (cr, 0.5 * band, y + (band - h) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

gboolean
ml_figure_write (const char    *path,
                 int            width,
                 int            height,
                 double         scale,
                 const char    *caption,
                 MlFigureDraw   draw,
                 gpointer       user_data,
                 GError       **error)
{
  return ml_figure_write_on (path, width, height, scale, caption, FALSE, draw, user_data, error);
}

gboolean
ml_figure_write_on (const char    *path,
                    int            width,
                    int            height,
                    double         scale,
                    const char    *caption,
                    gboolean       dark,
                    MlFigureDraw   draw,
                    gpointer       user_data,
                    GError       **error)
{
  MlFigureFormat format;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int band = caption != NULL ? MAX (28, height / 24) : 0;
  int total = height + band;

  g_return_val_if_fail (path != NULL && draw != NULL, FALSE);

  if (!ml_figure_format_for_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A figure is saved as .png, .svg or .pdf; add one of them to the name"));
      return FALSE;
    }
  if (width <= 0 || height <= 0 || !(scale >= 1.0 && scale <= 4.0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The figure has no size to save"));
      return FALSE;
    }

  switch (format)
    {
    case ML_FIGURE_SVG:
      surface = cairo_svg_surface_create_for_stream (ml_figure_append_bytes, bytes, width, total);
      break;
    case ML_FIGURE_PDF:
      surface = cairo_pdf_surface_create_for_stream (ml_figure_append_bytes, bytes, width, total);
      break;
    case ML_FIGURE_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(width * scale),
                                            (int)(total * scale));
      break;
    }
  cr = cairo_create (surface);
  if (format == ML_FIGURE_PNG)
    cairo_scale (cr, scale, scale);
  /* White paper for a document; the dark style's background for a figure
   * drawn in it, whose light lines would vanish on white. */
  if (dark)
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  draw (cr, width, height, user_data);
  cairo_restore (cr);
  if (caption != NULL)
    draw_caption (cr, caption, width, height, band, dark);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (format == ML_FIGURE_PNG)
    status = cairo_surface_write_to_png_stream (surface, ml_figure_append_bytes, bytes);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  return ml_figure_save_bytes (path, status, bytes, error);
}

cairo_status_t
ml_figure_append_bytes (void                *closure,
                        const unsigned char *data,
                        unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
ml_figure_save_bytes (const char      *path,
                      cairo_status_t   status,
                      GByteArray      *bytes,
                      GError         **error)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr (GError) local = NULL;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: the first %s is a file name, the second the reason. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), name,
                   cairo_status_to_string (status));
      return FALSE;
    }
  /* The whole file is drawn in memory first and replaces the old one only
   * once it is written: a full disk leaves the old figure as it was. */
  file = g_file_new_for_path (path);
  return ml_file_replace_atomic (file, (const char *)bytes->data, bytes->len, NULL, error);
}

