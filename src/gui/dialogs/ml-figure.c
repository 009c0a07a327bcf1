/* ml-figure.c — a view or plot as a PNG, SVG or PDF figure with a caption
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same drawing code as on screen, into cairo's image, SVG or PDF
 * surface: vectors stay vectors in SVG and PDF.  A caption line under the
 * figure names the scenario, its temperature and what was changed, so a
 * printed figure says which cell it shows.
 */
#define G_LOG_DOMAIN "ml-figure"

#include "config.h"

#include "ml-figure.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ml-format.h"
#include "ml-ion-colors.h"
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
ml_figure_caption (MlSession *session)
{
  MlCell *cell = ml_session_get_cell (session);
  g_autofree char *change = ml_simulation_describe_change (ml_session_get_reference (session),
                                                           cell);
  g_autofree char *t = ml_format_significant (ml_cell_get_temperature (cell), 4);
  const char *name = ml_session_get_title (session);

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
      surface = cairo_svg_surface_create (path, width, total);
      break;
    case ML_FIGURE_PDF:
      surface = cairo_pdf_surface_create (path, width, total);
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
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      /* Translators: the first %s is a file name, the second the reason. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), name,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GtkWidget    *widget;
  MlSession    *session;
  MlFigureDraw  draw;
  gpointer      user_data;
} SaveData;

static void
toast (GtkWidget  *widget,
       const char *message)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_TOAST_OVERLAY (w))
      {
        g_autofree char *escaped = g_markup_escape_text (message, -1);

        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (w), adw_toast_new (escaped));
        return;
      }
  g_warning ("%s", message);
}

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  SaveData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT && gtk_widget_get_root (data->widget) != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "scale");
      g_autofree char *caption = ml_figure_caption (data->session);
      g_autoptr (GError) error = NULL;
      double scale = choice != NULL ? g_ascii_strtod (choice, NULL) : 1.0;

      if (path == NULL)
        toast (data->widget, _("Figures can only be exported to a local folder"));
      else if (!ml_figure_write_on (path, gtk_widget_get_width (data->widget),
                                    gtk_widget_get_height (data->widget), scale, caption,
                                    ml_widget_is_dark (data->widget), data->draw,
                                    data->user_data, &error))
        toast (data->widget, error->message);
    }
  g_object_unref (data->widget);
  g_object_unref (data->session);
  g_free (data);
  g_object_unref (dialog);
}

void
ml_figure_save_dialog (GtkWidget    *widget,
                       MlSession    *session,
                       const char   *what,
                       MlFigureDraw  draw,
                       gpointer      user_data)
{
  static const char *scale_ids[] = { "1", "2", "3", NULL };
  static const char *scale_labels[] = { N_("1× (screen)"), N_("2× (print)"), N_("3× (poster)"), NULL };
  const char *labels[4];
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  SaveData *data;
  const char *cell_name = ml_session_get_title (session);
  struct { const char *label; const char *mime; } filters[] = {
    { N_("PNG images"), "image/png" },
    { N_("SVG drawings"), "image/svg+xml" },
    { N_("PDF documents"), "application/pdf" },
  };

  dialog = gtk_file_chooser_native_new (_("Save the Figure"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(filters[i].label));
      gtk_file_filter_add_mime_type (filter, filters[i].mime);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  for (guint i = 0; i < 3; i++)
    labels[i] = _(scale_labels[i]);
  labels[3] = NULL;
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "scale", _("PNG size"), scale_ids,
                               labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "scale", "1");
  /* Translators: the file name offered, "Mammalian neuron — plot.png". */
  name = g_strdup_printf (_("%s — %s.png"), cell_name, what);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  data = g_new0 (SaveData, 1);
  data->widget = g_object_ref (widget);
  data->session = g_object_ref (session);
  data->draw = draw;
  data->user_data = user_data;
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* A widget's picture as a figure's content: its render node. */
void
ml_figure_draw_widget (cairo_t  *cr,
                       int       width,
                       int       height,
                       gpointer  user_data)
{
  GtkWidget *widget = GTK_WIDGET (user_data);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    gsk_render_node_draw (node, cr);
}
