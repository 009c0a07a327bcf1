/* ml-cli-figure.c — membrane-calc --plot and --handout
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same drawing as the app's Plots page and Lab Handout, from the
 * drawing library, so a lab can make its figures in a script.  The curves
 * span what the page shows: 0.1–1000 mM of K⁺, the I–V range, 0–45 °C.
 */

#include "config.h"

#include "ml-cli-figure.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ml-curves.h"
#include "ml-figure-write.h"
#include "ml-handout-draw.h"
#include "ml-plot-draw.h"

#define FIGURE_WIDTH  900
#define FIGURE_HEIGHT 560
#define N_KOUT 200
#define N_IV   251
#define N_TEMP 46

typedef struct
{
  MlPlotData  data;
  MlPlotStyle style;
} Figure;

static void
draw_figure (cairo_t  *cr,
             int       width,
             int       height,
             gpointer  user_data)
{
  Figure *figure = user_data;

  ml_plot_draw_data (&figure->data, &figure->style, cr, width, height);
}

gboolean
ml_cli_write_plot (MlCell      *cell,
                   MlCell      *reference,
                   const char  *name,
                   const char  *kind,
                   const char  *path,
                   GError     **error)
{
  g_autoptr (MlKoutCurve) kout = NULL;
  g_autoptr (MlIvCurve) iv = NULL;
  g_autoptr (MlTemperatureCurve) temp = NULL;
  g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) vs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *param = NULL;
  g_autofree char *caption = NULL;
  MlFigureFormat format;
  Figure figure = { { 0 } };

  g_return_val_if_fail (ML_IS_CELL (cell) && kind != NULL && path != NULL, FALSE);

  if (!ml_figure_format_for_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A figure is saved as .png, .svg or .pdf; add one of them to the name"));
      return FALSE;
    }
  if (strcmp (kind, "kout") == 0)
    {
      int k = ml_cell_find_role (cell, ML_ION_ROLE_K);

      kout = ml_kout_curve_new (cell, 0.1, 1000.0, N_KOUT, TRUE);
      if (kout == NULL || k < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The plot of V_m against outside K⁺ needs a cell with K⁺"));
          return FALSE;
        }
      figure.data.kind = ML_PLOT_KOUT;
      figure.data.kout = kout;
      if (ml_cell_get_measured (cell, &param, xs, vs))
        {
          g_autofree char *id = g_strdup_printf ("%s.out", ml_cell_get_ion (cell, k)->name);

          if (g_strcmp0 (param, id) == 0)
            {
              figure.data.measured_k = (const double *)(gpointer)xs->data;
              figure.data.measured_vm = (const double *)(gpointer)vs->data;
              figure.data.n_measured = xs->len;
            }
        }
    }
  else if (strcmp (kind, "iv") == 0)
    {
      iv = ml_iv_curve_new (cell, ML_PLOT_IV_FROM, ML_PLOT_IV_TO, N_IV);
      figure.data.kind = ML_PLOT_IV;
      figure.data.iv = iv;
    }
  else if (strcmp (kind, "temperature") == 0)
    {
      temp = ml_temperature_curve_new (cell, 0.0, 45.0, N_TEMP);
      figure.data.kind = ML_PLOT_TEMPERATURE;
      figure.data.temp = temp;
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a plot; use kout, iv or temperature"), kind);
      return FALSE;
    }

  ml_plot_style_init_print (&figure.style);
  caption = ml_figure_caption_for (cell, reference, name);
  /* A PNG at twice the pixels, for print; vectors need no scale. */
  return ml_figure_write (path, FIGURE_WIDTH, FIGURE_HEIGHT, format == ML_FIGURE_PNG ? 2.0 : 1.0,
                          caption, draw_figure, &figure, error);
}

gboolean
ml_cli_write_handout (MlCell      *cell,
                      MlCell      *reference,
                      const char  *title,
                      gboolean     with_measured,
                      const char  *path,
                      GError     **error)
{
  MlFigureFormat format;
  double w, h;

  g_return_val_if_fail (ML_IS_CELL (cell) && path != NULL, FALSE);

  if (!ml_figure_format_for_path (path, &format) || format != ML_FIGURE_PDF)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The handout is a PDF; give a file name ending in .pdf"));
      return FALSE;
    }
  ml_handout_paper (&w, &h);
  return ml_handout_render (path, cell, reference, title, with_measured, w, h, error);
}
