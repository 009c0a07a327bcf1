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

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ml-format.h"
#include "ml-ion-colors.h"
#include "ml-simulation.h"

char *
ml_figure_caption (MlSession *session)
{
  return ml_figure_caption_for (ml_session_get_cell (session), ml_session_get_reference (session),
                                ml_session_get_title (session));
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

void
ml_figure_widget_size (GtkWidget *widget,
                       int       *width,
                       int       *height)
{
  graphene_rect_t bounds;

  if (gtk_widget_compute_bounds (widget, widget, &bounds))
    {
      *width = MAX (1, (int) ceil (bounds.size.width));
      *height = MAX (1, (int) ceil (bounds.size.height));
    }
  else
    {
      *width = MAX (1, gtk_widget_get_width (widget));
      *height = MAX (1, gtk_widget_get_height (widget));
    }
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
