/* bench-chart.c — how long the chart recorder takes to draw
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/ARCHITECTURE.md budgets a redraw of ≤ 4 ms at 1920×1080 with the cairo
 * renderer for 10,000 points a trace, and 60 frames a second for the
 * recorder at ×10⁴.  The run: the default neuron, its pump blocked, then
 * 12,000 steps of one second (more than 10,000 samples in each trace).
 * The chart is drawn into an image surface of 1920×1080, as the cairo
 * renderer does.  Then a recorder at ×10⁴: each frame advances 10⁴/60 s
 * and redraws.  Prints medians; always exits 0.
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "ml-chart-recorder.h"
#include "ml-plot.h"
#include "ml-presets.h"
#include "ml-session.h"

#define N_DRAWS  51
#define N_FRAMES 240

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
draw_ms (MlChartRecorder *chart)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  gint64 start = g_get_monotonic_time ();

  ml_chart_recorder_draw (chart, cr, 1920, 1080);
  cairo_surface_flush (surface);
  start = g_get_monotonic_time () - start;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return start / 1000.0;
}

static double
draw_ms_plot (MlPlot *plot)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  gint64 start = g_get_monotonic_time ();

  ml_plot_draw (plot, cr, 1920, 1080);
  cairo_surface_flush (surface);
  start = g_get_monotonic_time () - start;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return start / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (MlCell) blocked = NULL;
  g_autoptr (MlSimulation) sim = NULL;
  g_autoptr (MlSimulation) live = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *chart;
  double draws[N_DRAWS], frames[N_FRAMES];

  gtk_init ();
  adw_init ();
  if (!ml_presets_load (cell, ML_PRESET_DEFAULT, &error))
    {
      g_print ("cannot load the default preset: %s\n", error->message);
      return EXIT_SUCCESS;
    }
  blocked = ml_cell_copy (cell);
  ml_cell_set_pump_mode (blocked, ML_PUMP_OFF);

  sim = ml_simulation_new (cell);
  ml_simulation_set_max_samples (sim, 30000);
  ml_simulation_apply (sim, blocked, "pump blocked");
  for (int t = 1; t <= 12000; t++)
    ml_simulation_advance (sim, t);

  chart = g_object_ref_sink (ml_chart_recorder_new ());
  ml_chart_recorder_set_simulation (ML_CHART_RECORDER (chart), sim, NULL, NULL);
  for (int i = 0; i < N_DRAWS; i++)
    draws[i] = draw_ms (ML_CHART_RECORDER (chart));
  qsort (draws, N_DRAWS, sizeof draws[0], compare_doubles);
  g_print ("chart, %u samples a trace, 1920×1080: median %.2f ms, max %.2f ms (budget 4 ms)\n",
           ml_simulation_get_n_samples (sim), draws[N_DRAWS / 2], draws[N_DRAWS - 1]);

  /* ×10⁴: a frame's advance and redraw. */
  live = ml_simulation_new (cell);
  ml_simulation_apply (live, blocked, "pump blocked");
  ml_chart_recorder_set_simulation (ML_CHART_RECORDER (chart), live, NULL, NULL);
  for (int i = 0; i < N_FRAMES; i++)
    {
      gint64 start = g_get_monotonic_time ();

      ml_simulation_advance (live, (i + 1) * 1e4 / 60.0);
      ml_chart_recorder_tick (ML_CHART_RECORDER (chart));
      frames[i] = (g_get_monotonic_time () - start) / 1000.0 + draw_ms (ML_CHART_RECORDER (chart));
    }
  qsort (frames, N_FRAMES, sizeof frames[0], compare_doubles);
  g_print ("recorder at ×10⁴, %d frames (%.1f simulated h): median %.2f ms, p99 %.2f ms a frame "
           "(60 fps needs < 16.7 ms)\n", N_FRAMES, N_FRAMES * 1e4 / 60.0 / 3600.0,
           frames[N_FRAMES / 2], frames[(N_FRAMES * 99) / 100]);

  ml_chart_recorder_set_simulation (ML_CHART_RECORDER (chart), NULL, NULL, NULL);
  g_object_unref (chart);

  /* docs/ARCHITECTURE.md: each plot redraws in ≤ 4 ms at 1920×1080, so a dragged
   * slider moves the curves live: a change recomputes the curve in the
   * core (the session's "solved") and draws it. */
  {
    g_autoptr (MlSession) session = ml_session_new ();
    static const char *names[] = { "V_m–K⁺ out", "I–V", "V_m–T" };

    for (int kind = ML_PLOT_KOUT; kind <= ML_PLOT_TEMPERATURE; kind++)
      {
        GtkWidget *plot = g_object_ref_sink (ml_plot_new (kind));
        MlCell *c = ml_session_get_cell (session);
        double times[N_DRAWS];

        ml_plot_set_session (ML_PLOT (plot), session);
        for (int i = 0; i < N_DRAWS; i++)
          {
            gint64 start = g_get_monotonic_time ();

            /* A slider step: the curve again, then the picture. */
            ml_cell_set_temperature (c, 30.0 + (i % 10));
            times[i] = (g_get_monotonic_time () - start) / 1000.0 + draw_ms_plot (ML_PLOT (plot));
          }
        qsort (times, N_DRAWS, sizeof times[0], compare_doubles);
        g_print ("plot %s, change and redraw at 1920×1080: median %.2f ms, max %.2f ms "
                 "(budget 4 ms)\n", names[kind], times[N_DRAWS / 2], times[N_DRAWS - 1]);
        ml_plot_set_session (ML_PLOT (plot), NULL);
        g_object_unref (plot);
      }
  }
  return EXIT_SUCCESS;
}
