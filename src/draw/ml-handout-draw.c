/* ml-handout-draw.c — a printable lab handout of a scenario, as PDF
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two pages through cairo's PDF surface.  The first has the scenario (name,
 * notes, source), a figure of the membrane when the caller can draw one,
 * and the numbers of the cell; the second the practical: the salines of
 * rising K⁺ with the V_m the model predicts and an empty column to write
 * the measured one in, and the plot of V_m against outside K⁺ with the
 * Nernst line.  Every number is the core's.  The app and membrane-calc
 * both write it.
 */
#define _GNU_SOURCE  /* glibc's LC_PAPER items of <langinfo.h> */

#include "config.h"

#include "ml-handout-draw.h"

#include <cairo-pdf.h>
#include <langinfo.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ml-curves.h"
#include "ml-figure-write.h"
#include "ml-format.h"
#include "ml-plot-draw.h"
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

/* The practical's plot, with the points the cell keeps as measured. */
static void
practical_plot (Page   *page,
                MlCell *cell,
                double  width,
                double  height)
{
  g_autoptr (MlKoutCurve) curve = ml_kout_curve_new (cell, 0.1, 1000.0, 200, TRUE);
  g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) vs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *param = NULL;
  MlPlotData data = { 0 };
  MlPlotStyle style;
  int k = ml_cell_find_role (cell, ML_ION_ROLE_K);

  if (curve == NULL || k < 0)
    return;
  if (ml_cell_get_measured (cell, &param, xs, vs))
    {
      g_autofree char *id = g_strdup_printf ("%s.out", ml_cell_get_ion (cell, k)->name);

      if (g_strcmp0 (param, id) == 0)
        {
          data.measured_k = (const double *)(gpointer)xs->data;
          data.measured_vm = (const double *)(gpointer)vs->data;
          data.n_measured = xs->len;
        }
    }
  data.kind = ML_PLOT_KOUT;
  data.kout = curve;
  ml_plot_style_init_print (&style);
  cairo_save (page->cr);
  cairo_translate (page->cr, MARGIN, page->y);
  ml_plot_draw_data (&data, &style, page->cr, (int)width, (int)height);
  cairo_restore (page->cr);
  page->y += height;
}

gboolean
ml_handout_render (const char       *path,
                   MlCell           *cell,
                   MlCell           *reference,
                   const char       *title,
                   const char       *numbers,
                   gboolean          numbers_are_table,
                   MlHandoutFigure   figure,
                   gpointer          figure_data,
                   double            paper_width,
                   double            paper_height,
                   GError          **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Page page;
  g_autofree char *caption = ml_figure_caption_for (cell, reference, title);
  double width = paper_width, height = paper_height;

  g_return_val_if_fail (path != NULL && ML_IS_CELL (cell), FALSE);

  surface = cairo_pdf_surface_create_for_stream (ml_figure_append_bytes, bytes, width, height);
  page = (Page) { cairo_create (surface), width, height, MARGIN };

  /* Page 1: the scenario, the membrane, its numbers. */
  paragraph (&page, title, 20, TRUE, FALSE);
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
  if (figure != NULL)
    page.y += figure (page.cr, MARGIN, page.y, width - 2 * MARGIN, 0.33 * height, figure_data);
  page.y += 10;
  paragraph (&page, _("The math, with this cell’s numbers"), 12, TRUE, FALSE);
  page.y += 4;
  paragraph (&page, numbers != NULL ? numbers : "", 7.5, FALSE, numbers_are_table);
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
  practical_plot (&page, cell, width - 2 * MARGIN,
                  MIN (height - page.y - MARGIN, 0.6 * (width - 2 * MARGIN)));
  cairo_show_page (page.cr);

  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return ml_figure_save_bytes (path, status, bytes, error);
}

void
ml_handout_paper (double *width_pt,
                  double *height_pt)
{
  /* A4, 210 × 297 mm, unless the locale's paper is Letter (8.5 × 11 in). */
  double w_mm = 210.0, h_mm = 297.0;
#ifdef HAVE_NL_PAPER
  w_mm = (double)(gsize) nl_langinfo (_NL_PAPER_WIDTH);
  h_mm = (double)(gsize) nl_langinfo (_NL_PAPER_HEIGHT);
  if (!(w_mm > 0.0 && h_mm > 0.0))
    {
      w_mm = 210.0;
      h_mm = 297.0;
    }
#endif
  if (fabs (w_mm - 216.0) < 1.0 && fabs (h_mm - 279.0) < 1.0)
    {
      *width_pt = 612.0;
      *height_pt = 792.0;
      return;
    }
  *width_pt = 595.2755905511812;   /* 210 mm in points, 72 per inch */
  *height_pt = 841.8897637795276;
}
