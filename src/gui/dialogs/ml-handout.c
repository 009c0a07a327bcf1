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

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ml-figure.h"
#include "ml-format.h"
#include "ml-plot.h"
#include "ml-sweep.h"

#define MARGIN 48.0   /* points */

static const double k_values[] = { 2.5, 5.0, 10.0, 20.0, 40.0, 80.0 };

typedef struct
{
  cairo_t *cr;
  double   width;     /* of the page, points */
  double   height;
  double   y;         /* where the next block goes */
} Page;

/* A paragraph at the page's width; returns its height. */
static double
paragraph (Page       *page,
           const char *text,
           double      size,
           gboolean    bold,
           gboolean    mono)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (page->cr);
  PangoFontDescription *desc = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (desc, mono ? "Monospace" : "Sans");
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int)((page->width - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgb (page->cr, 0.1, 0.1, 0.1);
  cairo_move_to (page->cr, MARGIN, page->y);
  pango_cairo_show_layout (page->cr, layout);
  page->y += h;
  return h;
}

/* @widget as drawn on screen, scaled to fit @max_w × @max_h: a picture at
 * three times its pixels, sharp in print. */
static void
widget_figure (Page      *page,
               GtkWidget *widget,
               double     max_w,
               double     max_h)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_surface_t *image;
  cairo_t *icr;
  double scale;

  if (w <= 0 || h <= 0)
    return;
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 3 * w, 3 * h);
  icr = cairo_create (image);
  cairo_scale (icr, 3.0, 3.0);
  gsk_render_node_draw (node, icr);
  cairo_destroy (icr);
  cairo_surface_flush (image);

  scale = MIN (max_w / w, max_h / h);
  cairo_save (page->cr);
  cairo_translate (page->cr, MARGIN + (max_w - w * scale) / 2.0, page->y);
  cairo_scale (page->cr, scale / 3.0, scale / 3.0);
  cairo_set_source_surface (page->cr, image, 0, 0);
  cairo_paint (page->cr);
  cairo_restore (page->cr);
  cairo_surface_destroy (image);
  page->y += h * scale;
}

static void
practical_table (Page   *page,
                 MlCell *cell)
{
  g_autoptr (MlSweep) sweep = NULL;
  g_autofree char *spec = NULL;
  MlSolution sols[G_N_ELEMENTS (k_values)];
  g_autoptr (MlCell) point = ml_cell_copy (cell);
  int k = ml_cell_find_role (cell, ML_ION_ROLE_K), na = ml_cell_find_role (cell, ML_ION_ROLE_NA);
  const char *heads[] = { N_("Saline"), N_("K⁺ out (mM)"), N_("Na⁺ out (mM)"),
                          N_("V_m predicted (mV)"), N_("E_K (mV)"), N_("V_m measured (mV)") };
  double col_w = (page->width - 2 * MARGIN) / G_N_ELEMENTS (heads);
  double row_h = 22.0;

  if (k < 0)
    {
      paragraph (page, _("This cell has no K⁺: there is no K⁺ practical to prepare."), 11, FALSE,
                 FALSE);
      return;
    }
  spec = g_strdup_printf ("%s.out=2.5,5,10,20,40,80", ml_cell_get_ion (cell, k)->name);
  sweep = ml_sweep_parse (spec, cell, NULL);
  if (sweep == NULL)
    return;
  ml_sweep_run (sweep, cell, sols);

  cairo_set_line_width (page->cr, 0.6);
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    {
      g_autoptr (PangoLayout) layout = pango_cairo_create_layout (page->cr);
      PangoFontDescription *desc = pango_font_description_from_string ("Sans Bold 8");

      pango_layout_set_font_description (layout, desc);
      pango_font_description_free (desc);
      pango_layout_set_width (layout, (int)((col_w - 6) * PANGO_SCALE));
      pango_layout_set_text (layout, _(heads[c]), -1);
      cairo_move_to (page->cr, MARGIN + c * col_w + 3, page->y);
      pango_cairo_show_layout (page->cr, layout);
    }
  page->y += 2 * row_h;
  for (guint r = 0; r < G_N_ELEMENTS (k_values); r++)
    {
      g_autofree char *label = g_strdup_printf ("%c", 'A' + r);
      g_autofree char *kv = ml_format_significant (k_values[r], 3);
      g_autofree char *nav = NULL;
      g_autofree char *vm = sols[r].vm_defined ? ml_format_fixed (sols[r].vm_mv, 1, FALSE)
                                               : g_strdup ("—");
      g_autofree char *ek = ml_format_fixed (sols[r].ions[k].nernst_mv, 1, FALSE);
      const char *cells[5];

      ml_sweep_set_point (sweep, cell, r, point);
      nav = na >= 0 ? ml_format_significant (ml_cell_get_ion (point, na)->c_out, 4) : g_strdup ("—");
      cells[0] = label;
      cells[1] = kv;
      cells[2] = nav;
      cells[3] = vm;
      cells[4] = ek;
      for (guint c = 0; c < 5; c++)
        {
          g_autoptr (PangoLayout) layout = pango_cairo_create_layout (page->cr);
          PangoFontDescription *desc = pango_font_description_from_string ("Sans 10");

          pango_layout_set_font_description (layout, desc);
          pango_font_description_free (desc);
          pango_layout_set_text (layout, cells[c], -1);
          cairo_set_source_rgb (page->cr, 0.1, 0.1, 0.1);
          cairo_move_to (page->cr, MARGIN + c * col_w + 3, page->y + 4);
          pango_cairo_show_layout (page->cr, layout);
        }
      /* The measured column: a line to write on. */
      cairo_set_source_rgb (page->cr, 0.4, 0.4, 0.4);
      cairo_move_to (page->cr, MARGIN + 5 * col_w + 3, page->y + row_h - 2);
      cairo_line_to (page->cr, MARGIN + 6 * col_w - 6, page->y + row_h - 2);
      cairo_stroke (page->cr);
      page->y += row_h;
    }
  page->y += 8;
}

gboolean
ml_handout_write (MlWindow    *window,
                  const char  *path,
                  GError     **error)
{
  MlSession *session = ml_window_get_session (window);
  MlCell *cell = ml_session_get_cell (session);
  GtkPaperSize *paper = gtk_paper_size_new (NULL);
  double width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  double height = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
  cairo_surface_t *surface;
  cairo_status_t status;
  Page page;
  g_autofree char *math = ml_math_view_get_copy_text (ml_window_get_math_view (window));
  g_autofree char *caption = ml_figure_caption (session);

  gtk_paper_size_free (paper);
  surface = cairo_pdf_surface_create (path, width, height);
  page = (Page) { cairo_create (surface), width, height, MARGIN };

  /* Page 1: the scenario, the membrane, the math. */
  paragraph (&page, ml_session_get_title (session), 20, TRUE, FALSE);
  page.y += 4;
  if (ml_cell_get_description (cell) != NULL && ml_cell_get_description (cell)[0] != '\0')
    paragraph (&page, ml_cell_get_description (cell), 11, FALSE, FALSE);
  if (ml_cell_get_source (cell) != NULL && ml_cell_get_source (cell)[0] != '\0')
    {
      /* Translators: on the handout, before the scenario's source. */
      g_autofree char *source = g_strdup_printf (_("Source: %s"), ml_cell_get_source (cell));

      paragraph (&page, source, 9, FALSE, FALSE);
    }
  paragraph (&page, caption, 9, FALSE, FALSE);
  page.y += 10;
  widget_figure (&page, GTK_WIDGET (ml_window_get_membrane_view (window)), width - 2 * MARGIN,
                 0.33 * height);
  page.y += 10;
  paragraph (&page, _("The math, with this cell’s numbers"), 12, TRUE, FALSE);
  page.y += 4;
  paragraph (&page, math, 7.5, FALSE, FALSE);
  cairo_show_page (page.cr);

  /* Page 2: the practical. */
  page.y = MARGIN;
  paragraph (&page, _("Practical: V_m in salines of rising K⁺"), 16, TRUE, FALSE);
  page.y += 4;
  paragraph (&page, _("Each saline takes out as much Na⁺ as it adds K⁺. Measure V_m in each, write "
                      "it in the last column, and plot it on the graph below beside the "
                      "prediction (solid) and the Nernst line of K⁺ (dashed). Where does the "
                      "cell follow E_K, and where does it bend away, and why?"), 10, FALSE, FALSE);
  page.y += 12;
  practical_table (&page, cell);
  {
    g_autoptr (GtkWidget) plot = g_object_ref_sink (ml_plot_new (ML_PLOT_KOUT));
    double plot_w = width - 2 * MARGIN, plot_h = MIN (height - page.y - MARGIN, 0.6 * plot_w);

    ml_plot_set_session (ML_PLOT (plot), session);
    cairo_save (page.cr);
    cairo_translate (page.cr, MARGIN, page.y);
    ml_plot_draw (ML_PLOT (plot), page.cr, (int)plot_w, (int)plot_h);
    cairo_restore (page.cr);
    ml_plot_set_session (ML_PLOT (plot), NULL);
  }
  cairo_show_page (page.cr);

  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), name,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
