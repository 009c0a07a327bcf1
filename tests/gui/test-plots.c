/* test-plots.c — the Plots page and the figure exporter
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plots' words are checked against the core (ml_cell_solve_at for the
 * cursor's currents, the Nernst slope by hand: ln 10 × RT/F = 61.54 mV at
 * 37 °C), the figures against the real tools: xmllint parses every SVG,
 * pdftoppm renders every PDF to a page that is not blank, and a PNG at 2×
 * has twice the pixels.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "gui-test-support.h"
#include "ml-details-window.h"
#include "ml-figure.h"
#include "ml-format.h"
#include "ml-plots-page.h"
#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-sweep.h"
#include "ml-sweep-table.h"
#include "ml-screenshot.h"
#include "ml-window-private.h"

static char *test_dir;

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static MlWindow *
window_new (void)
{
  MlWindow *window = ml_window_new_full (NULL, FALSE);
  g_autoptr (GError) error = NULL;

  g_assert_true (ml_window_load_preset (window, "mammalian-neuron", &error));
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (200);
  return window;
}

static void
window_destroy (MlWindow *window)
{
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (20);
}

static MlPlotsPage *
show_plots (MlWindow *window)
{
  GtkWidget *page;

  ml_window_show_page (window, "plots");
  wait_ms (100);
  page = ml_window_get_page (window, "plots");
  g_assert_true (ML_IS_PLOTS_PAGE (page));
  return ML_PLOTS_PAGE (page);
}

static void
test_kout_words (void)
{
  MlWindow *window = window_new ();
  MlPlotsPage *page = show_plots (window);
  MlPlot *plot = ml_plots_page_get_plot (page);
  const double k[] = { 2.5, 10.0, 40.0 }, v[] = { -75.0, -60.0, -38.0 };
  const char *summary;

  summary = ml_plot_get_summary (plot);
  g_test_message ("%s", summary);
  /* ln 10 × 26.7268 mV = 61.54 mV per decade (hand). */
  g_assert_nonnull (strstr (summary, "61.5 mV per tenfold K⁺"));
  /* The preset's rest (membrane-calc --json: vm_mv −69.32). */
  g_assert_nonnull (strstr (summary, "Now −69.3 mV at 5 mM"));
  /* V_m at 10 mM K⁺ (Na⁺ 140 mM) from the command line's sweep:
   * membrane-calc --sweep K.out=10 gives −62.86 mV at once, and
   * −62.49 mV once Cl⁻ has redistributed (vm_cl_equilibrated_mv). */
  g_assert_nonnull (strstr (summary, "At 10 mM, −62.9 mV at once, −62.5 mV once Cl⁻ has "
                                     "redistributed."));
  ml_plot_set_measured (plot, k, v, 3);
  g_assert_nonnull (strstr (ml_plot_get_summary (plot), "3 measured points"));

  /* Cooled to 17 °C the slope is ln 10 × 24.9 mV = 57.6 mV (hand). */
  ml_cell_set_temperature (ml_window_get_cell (window), 17.0);
  g_assert_nonnull (strstr (ml_plot_get_summary (plot), "57.6 mV per tenfold K⁺"));
  window_destroy (window);
}

static void
test_iv_cursor (void)
{
  MlWindow *window = window_new ();
  MlPlotsPage *page = show_plots (window);
  MlPlot *plot = ml_plots_page_get_plot (page);
  MlCell *cell = ml_window_get_cell (window);
  MlSolution at;
  g_autofree char *k = NULL;
  g_autofree char *vrest = NULL;
  const char *summary;

  ml_plots_page_show_kind (page, ML_PLOT_IV);
  g_assert_cmpint (ml_plot_get_kind (plot), ==, ML_PLOT_IV);
  ml_plot_set_cursor (plot, -70.0);
  summary = ml_plot_get_summary (plot);
  g_test_message ("%s", summary);
  /* The driving forces at exactly −70 mV, from the core's clamp. */
  ml_cell_solve_at (cell, -70.0, &at);
  k = ml_format_fixed (at.ions[0].current_ua_cm2, 3, TRUE);
  g_assert_nonnull (strstr (summary, "At the cursor, −70.0 mV:"));
  g_assert_nonnull (strstr (summary, k));
  vrest = ml_format_millivolts (ml_window_get_solution (window)->vm_mv, 1, TRUE);
  g_assert_nonnull (strstr (summary, vrest));

  /* The arrow keys move it: one mV, ten with Shift. */
  gtk_widget_grab_focus (GTK_WIDGET (plot));
  ml_plot_set_cursor (plot, ml_plot_get_cursor (plot) + 1.0);
  g_assert_cmpfloat (ml_plot_get_cursor (plot), ==, -69.0);
  ml_plot_set_cursor (plot, 1e9);
  g_assert_cmpfloat (ml_plot_get_cursor (plot), ==, 100.0);
  ml_plot_set_cursor (plot, NAN);
  g_assert_true (isfinite (ml_plot_get_cursor (plot)));
  window_destroy (window);
}

static gboolean
run_ok (const char * const *argv,
        char              **out)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, out, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* The practical's table: predictions from the core's sweep, measured values
 * typed in (refused in place when not a V_m), drawn on the plot. */
static void
test_sweep_table (void)
{
  MlWindow *window = window_new ();
  MlPlotsPage *page = show_plots (window);
  MlSweepTable *table = ML_SWEEP_TABLE (ml_plots_page_get_table (page));
  MlPlot *plot = ml_plots_page_get_plot (page);
  g_autoptr (MlSweep) sweep = ml_sweep_parse ("K.out=2.5,5,10,20,40,80",
                                              ml_window_get_cell (window), NULL);
  MlSolution sols[6], later[6];
  g_autofree char *tsv = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_cmpuint (ml_sweep_table_get_n_rows (table), ==, 6);
  g_assert_true (ml_sweep_table_set_measured (table, 0, "−75"));
  g_assert_true (ml_sweep_table_set_measured (table, 2, "-60.5 mV"));
  g_assert_false (ml_sweep_table_set_measured (table, 3, "abc"));
  g_assert_nonnull (strstr (ml_sweep_table_get_message (table), "“abc”"));
  g_assert_false (ml_sweep_table_set_measured (table, 3, "1e9"));
  g_assert_false (ml_sweep_table_set_measured (table, 3, "nan"));
  g_assert_nonnull (strstr (ml_plot_get_summary (plot), "2 measured points"));
  /* Kept in the cell, so saved with the scenario and undoable. */
  g_assert_nonnull (strstr (ml_cell_get_measured_text (ml_window_get_cell (window)), "2.5 -75"));
  g_assert_true (ml_sweep_table_set_measured (table, 0, ""));
  g_assert_nonnull (strstr (ml_plot_get_summary (plot), "1 measured point"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_nonnull (strstr (ml_plot_get_summary (plot), "2 measured points"));
  g_assert_true (ml_sweep_table_set_measured (table, 0, ""));

  /* The copied text holds the core's numbers, Na⁺ traded (saline). */
  ml_sweep_run (sweep, ml_window_get_cell (window), sols);
  ml_sweep_run_cl_equilibrated (sweep, ml_window_get_cell (window), later);
  tsv = ml_sweep_table_to_tsv (table);
  lines = g_strsplit (tsv, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "K.out mM\tNa.out mM\tV_m predicted mV\t"
                                             "V_m after Cl redistributed mV\tE_K mV"));
  for (guint r = 0; r < 6; r++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[r + 1], "\t", -1);

      g_assert_cmpfloat (fabs (g_ascii_strtod (cells[2], NULL) - sols[r].vm_mv), <, 1e-4);
      /* The neuron is not in Cl⁻ equilibrium at 5 mM (E_Cl −64 mV against
       * V_m −69 mV), so after Cl⁻ the column differs at every saline. */
      g_assert_cmpfloat (fabs (g_ascii_strtod (cells[3], NULL) - later[r].vm_mv), <, 1e-4);
      g_assert_cmpfloat (fabs (later[r].vm_mv - sols[r].vm_mv), >, 0.1);
      if (r == 2)
        {
          g_assert_cmpfloat (g_ascii_strtod (cells[6], NULL), ==, -60.5);
          g_assert_cmpfloat (fabs (g_ascii_strtod (cells[7], NULL) - (-60.5 - sols[r].vm_mv)),
                             <, 1e-4);
        }
      else
        g_assert_cmpstr (cells[6], ==, "");
      /* Then each other ion's E and V − E, the core's: Na⁺ first. */
      g_assert_cmpfloat (fabs (g_ascii_strtod (cells[8], NULL) - sols[r].ions[1].nernst_mv), <,
                         1e-4);
      g_assert_cmpfloat (fabs (g_ascii_strtod (cells[9], NULL)
                               - sols[r].ions[1].driving_force_mv), <, 1e-4);
    }
  g_assert_nonnull (strstr (lines[0], "\tE_Na mV\tV_m - E_Na mV\tE_Cl mV"));
  /* The CSV has the same cells with commas. */
  {
    g_autofree char *csv = ml_sweep_table_to_csv (table);
    g_auto (GStrv) csv_lines = g_strsplit (csv, "\n", -1);
    g_auto (GStrv) a = g_strsplit (csv_lines[3], ",", -1);
    g_auto (GStrv) b = g_strsplit (lines[3], "\t", -1);

    g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
    for (guint i = 0; a[i] != NULL; i++)
      g_assert_cmpstr (a[i], ==, b[i]);
  }
  window_destroy (window);
}

/* The scenario's name and notes are the user's: one undoable change each;
 * an empty name is refused and the old one kept. */
static void
test_details (void)
{
  MlWindow *window = window_new ();
  MlSession *session = ml_window_get_session (window);
  GtkWidget *details = ml_details_window_new (GTK_WINDOW (window), session);

  gtk_window_present (GTK_WINDOW (details));
  g_assert_true (ml_details_window_enter (ML_DETAILS_WINDOW (details), 0, "  Practical 3 cell "));
  g_assert_cmpstr (ml_session_get_title (session), ==, "Practical 3 cell");
  g_assert_true (ml_session_get_modified (session));
  g_assert_false (ml_details_window_enter (ML_DETAILS_WINDOW (details), 0, "   "));
  g_assert_cmpstr (ml_session_get_title (session), ==, "Practical 3 cell");
  g_assert_true (ml_details_window_enter (ML_DETAILS_WINDOW (details), 1, "Salines A–F, 22 °C"));
  g_assert_cmpstr (ml_cell_get_description (ml_window_get_cell (window)), ==, "Salines A–F, 22 °C");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (ml_session_get_title (session), ==, "Mammalian neuron");
  gtk_window_destroy (GTK_WINDOW (details));
  window_destroy (window);
}

static char *
pdf_text (const char *pdf)
{
  const char *pdftotext[] = { "pdftotext", pdf, "-", NULL };
  char *text = NULL;

  g_assert_true (run_ok (pdftotext, &text));
  return text;
}

/* The handout: two pages on the locale's paper (A4 for C.UTF-8, whose
 * LC_PAPER is 210 × 297 mm), both with something printed, the practical's
 * predictions in its text; the student's copy without the measured V_m,
 * the instructor's with it. */
static void
test_handout (void)
{
  MlWindow *window = window_new ();
  g_autofree char *pdf = g_build_filename (test_dir, "handout.pdf", NULL);
  g_autofree char *teacher = g_build_filename (test_dir, "handout-teacher.pdf", NULL);
  g_autofree char *prefix = g_build_filename (test_dir, "handout-page", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *teacher_text = NULL;
  const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
  const char *pdftoppm[] = { "pdftoppm", "-png", "-r", "40", pdf, prefix, NULL };

  /* A V_m measured at 20 mM K⁺ that no prediction of the neuron's salines
   * rounds to (they are −72.5 … −23.3 mV at once). */
  ml_cell_set_measured_point (ml_window_get_cell (window), "K.out", 20.0, -57.4);
  ml_window_show_page (window, "plots");
  wait_ms (50);
  g_assert_true (_ml_window_write_handout (window, pdf, FALSE));
  g_assert_true (_ml_window_write_handout (window, teacher, TRUE));
  g_assert_true (run_ok (pdfinfo, &info));
  g_test_message ("%s", info);
  g_assert_nonnull (strstr (info, "Pages:           2"));
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  text = pdf_text (pdf);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Mammalian neuron"));
  g_assert_nonnull (strstr (text, "measured"));
  /* The prediction at 10 mM K⁺, as membrane-calc --sweep K.out=10 gives
   * it: −62.86 mV at once, −62.49 mV once Cl⁻ has redistributed
   * (vm_cl_equilibrated_mv), to the handout's one decimal. */
  g_assert_nonnull (strstr (text, "−62.9"));
  g_assert_nonnull (strstr (text, "−62.5"));
  /* The sheet's parts. */
  g_assert_nonnull (strstr (text, "Aims"));
  g_assert_nonnull (strstr (text, "Procedure"));
  g_assert_nonnull (strstr (text, "Questions"));
  g_assert_nonnull (strstr (text, "Name:"));
  g_assert_nonnull (strstr (text, "Date:"));
  g_assert_nonnull (strstr (text, "37.0 °C"));
  /* The student's copy keeps the measured value to itself. */
  g_assert_null (strstr (text, "−57.4"));
  g_assert_null (strstr (text, "Instructor"));
  teacher_text = pdf_text (teacher);
  g_assert_nonnull (strstr (teacher_text, "−57.4"));
  g_assert_nonnull (strstr (teacher_text, "Instructor"));
  g_assert_true (run_ok (pdftoppm, NULL));
  for (int n = 1; n <= 2; n++)
    {
      g_autofree char *page = g_strdup_printf ("%s-%d.png", prefix, n);
      cairo_surface_t *surface = cairo_image_surface_create_from_png (page);

      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      g_assert_true (ml_surface_is_varied (surface, 10));
      cairo_surface_destroy (surface);
    }
  window_destroy (window);
}

/* One line each from the command line: the I–V curves as SVG, the
 * handout as PDF; a bad kind of plot is exit 2.  The window's handout and
 * membrane-calc's are one: the same text, for a preset and for a scenario
 * file with measured values, the student's and the instructor's copy. */
static void
test_command_line (void)
{
  const char *app = g_getenv ("MEMBRANE_LAB");
  const char *calc = g_getenv ("MEMBRANE_CALC");
  g_autofree char *svg = g_build_filename (test_dir, "cli-iv.svg", NULL);
  g_autofree char *pdf = g_build_filename (test_dir, "cli-handout.pdf", NULL);
  g_autofree char *calc_pdf = g_build_filename (test_dir, "calc-handout.pdf", NULL);
  g_autofree char *scenario = g_build_filename (test_dir, "measured.membrane", NULL);
  g_autofree char *info = NULL;
  const char *iv[] = { app, "--screenshot", svg, "--plot", "iv", "--size", "1024x768", NULL };
  const char *handout[] = { app, "--screenshot", pdf, "--handout", "--preset", "squid-axon", NULL };
  const char *calc_handout[] = { calc, "--preset", "squid-axon", "--handout", calc_pdf, NULL };
  const char *bad[] = { app, "--screenshot", svg, "--plot", "pie", NULL };
  const char *bad_measured[] = { app, "--screenshot", svg, "--handout-with-measured", NULL };
  const char *xmllint[] = { "xmllint", "--noout", svg, NULL };
  const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
  g_autofree char *said = NULL;

  g_assert_nonnull (app);
  g_assert_nonnull (calc);
  g_assert_true (run_ok (iv, NULL));
  g_assert_true (run_ok (xmllint, NULL));
  g_assert_true (run_ok (handout, NULL));
  g_assert_true (run_ok (pdfinfo, &info));
  g_assert_nonnull (strstr (info, "Pages:           2"));
  g_assert_false (run_ok (bad, NULL));
  g_assert_false (run_ok (bad_measured, NULL));

  /* membrane-calc says what it wrote: kept off the test's TAP output. */
  g_assert_true (run_ok (calc_handout, &said));
  {
    g_autofree char *a = pdf_text (pdf);
    g_autofree char *b = pdf_text (calc_pdf);

    g_assert_nonnull (strstr (a, "Squid"));
    g_assert_cmpstr (a, ==, b);
  }

  /* A scenario with a measured point: both copies from both. */
  {
    g_autoptr (MlCell) cell = ml_cell_new_default ();
    g_autoptr (GError) error = NULL;
    g_autoptr (GFile) file = g_file_new_for_path (scenario);

    ml_cell_set_measured_point (cell, "K.out", 40.0, -38.8);
    g_assert_true (ml_scenario_save_file (cell, file, NULL, &error));
    g_assert_no_error (error);
  }
  for (int teacher = 0; teacher < 2; teacher++)
    {
      const char *gui[] = { app, "--screenshot", pdf, "--handout", scenario,
                            teacher ? "--handout-with-measured" : NULL, NULL };
      const char *cli[] = { calc, scenario, "--handout", calc_pdf,
                            teacher ? "--handout-with-measured" : NULL, NULL };
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_autofree char *wrote = NULL;

      g_assert_true (run_ok (gui, NULL));
      g_assert_true (run_ok (cli, &wrote));
      a = pdf_text (pdf);
      b = pdf_text (calc_pdf);
      g_assert_cmpstr (a, ==, b);
      if (teacher)
        g_assert_nonnull (strstr (a, "−38.8"));
      else
        g_assert_null (strstr (a, "−38.8"));
    }
}

static void
draw_plot (cairo_t  *cr,
           int       width,
           int       height,
           gpointer  user_data)
{
  ml_plot_draw (ML_PLOT (user_data), cr, width, height);
}


/* Each kind of plot, light and dark, on screen; then as figures. */
static void
test_figures (void)
{
  MlWindow *window = window_new ();
  MlPlotsPage *page = show_plots (window);
  MlPlot *plot = ml_plots_page_get_plot (page);
  static const char *names[] = { "kout", "iv", "temperature" };

  for (int kind = ML_PLOT_KOUT; kind <= ML_PLOT_TEMPERATURE; kind++)
    {
      g_autofree char *caption = ml_figure_caption (ml_window_get_session (window));
      g_autofree char *svg = g_strdup_printf ("%s/plot-%s.svg", test_dir, names[kind]);
      g_autofree char *pdf = g_strdup_printf ("%s/plot-%s.pdf", test_dir, names[kind]);
      g_autofree char *png = g_strdup_printf ("%s/plot-%s.png", test_dir, names[kind]);
      g_autofree char *png2 = g_strdup_printf ("%s/plot-%s-2x.png", test_dir, names[kind]);
      g_autofree char *ppm = g_strdup_printf ("%s/page-%s", test_dir, names[kind]);
      g_autofree char *ppm_file = NULL;
      g_autoptr (GError) error = NULL;
      cairo_surface_t *one, *two;

      ml_plots_page_show_kind (page, kind);
      wait_ms (50);
      for (int dark = 0; dark < 2; dark++)
        {
          g_autofree char *shot = g_strdup_printf ("plot-%s-%s.png", names[kind],
                                                   dark ? "dark" : "light");
          cairo_surface_t *surface;

          adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                              dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                   : ADW_COLOR_SCHEME_FORCE_LIGHT);
          wait_ms (80);
          surface = test_render_on_theme (GTK_WIDGET (plot), dark);
          g_assert_true (ml_surface_is_varied (surface, 30));
          test_write_png (surface, shot);
          cairo_surface_destroy (surface);
        }
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          ADW_COLOR_SCHEME_FORCE_LIGHT);
      wait_ms (50);

      g_assert_nonnull (strstr (caption, "Mammalian neuron, 37 °C"));
      g_assert_true (ml_figure_write (svg, 900, 600, 1.0, caption, draw_plot, plot, &error));
      g_assert_true (ml_figure_write (pdf, 900, 600, 1.0, caption, draw_plot, plot, &error));
      g_assert_true (ml_figure_write (png, 900, 600, 1.0, caption, draw_plot, plot, &error));
      g_assert_true (ml_figure_write (png2, 900, 600, 2.0, caption, draw_plot, plot, &error));
      g_assert_no_error (error);

      /* A PNG at 2× has twice the pixels each way. */
      one = cairo_image_surface_create_from_png (png);
      two = cairo_image_surface_create_from_png (png2);
      g_assert_cmpint (cairo_image_surface_get_width (two), ==,
                       2 * cairo_image_surface_get_width (one));
      g_assert_cmpint (cairo_image_surface_get_height (two), ==,
                       2 * cairo_image_surface_get_height (one));
      g_assert_true (ml_surface_is_varied (one, 20));
      cairo_surface_destroy (one);
      cairo_surface_destroy (two);

      /* The SVG parses; the PDF renders to a page with something on it. */
      {
        const char *xmllint[] = { "xmllint", "--noout", svg, NULL };
        const char *pdftoppm[] = { "pdftoppm", "-png", "-r", "50", "-singlefile", pdf, ppm, NULL };
        cairo_surface_t *page_png;

        g_assert_true (run_ok (xmllint, NULL));
        g_assert_true (run_ok (pdftoppm, NULL));
        ppm_file = g_strdup_printf ("%s.png", ppm);
        page_png = cairo_image_surface_create_from_png (ppm_file);
        g_assert_cmpint (cairo_surface_status (page_png), ==, CAIRO_STATUS_SUCCESS);
        g_assert_true (ml_surface_is_varied (page_png, 10));
        cairo_surface_destroy (page_png);
      }
    }

  /* The whole window as the screenshot option writes it: SVG, PDF, and a
   * PNG at 2× with twice the pixels. */
  {
    g_autofree char *svg = g_build_filename (test_dir, "window.svg", NULL);
    g_autofree char *pdf = g_build_filename (test_dir, "window.pdf", NULL);
    g_autofree char *png = g_build_filename (test_dir, "window-2x.png", NULL);
    g_autofree char *ppm = g_build_filename (test_dir, "window-page", NULL);
    g_autofree char *ppm_png = g_strconcat (ppm, ".png", NULL);
    const char *xmllint[] = { "xmllint", "--noout", svg, NULL };
    const char *pdftoppm[] = { "pdftoppm", "-png", "-r", "30", "-singlefile", pdf, ppm, NULL };
    g_autoptr (GError) error = NULL;
    cairo_surface_t *surface;

    g_assert_true (ml_screenshot_widget_scaled (GTK_WIDGET (window), svg, 1.0, &error));
    g_assert_true (ml_screenshot_widget_scaled (GTK_WIDGET (window), pdf, 1.0, &error));
    g_assert_true (ml_screenshot_widget_scaled (GTK_WIDGET (window), png, 2.0, &error));
    g_assert_true (run_ok (xmllint, NULL));
    g_assert_true (run_ok (pdftoppm, NULL));
    surface = cairo_image_surface_create_from_png (ppm_png);
    g_assert_true (ml_surface_is_varied (surface, 10));
    cairo_surface_destroy (surface);
    surface = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==,
                     2 * gtk_widget_get_width (GTK_WIDGET (window)));
    cairo_surface_destroy (surface);
  }

  /* The main Export: the views with a caption line naming the scenario,
   * its temperature and what changed (P_Na × 20). */
  {
    g_autofree char *pdf = g_build_filename (test_dir, "views.pdf", NULL);
    g_autofree char *text = NULL;
    g_autofree char *caption = NULL;
    const char *pdftotext[] = { "pdftotext", pdf, "-", NULL };
    GtkWidget *views;
    MlCell *cell = ml_window_get_cell (window);
    g_autoptr (GError) error = NULL;

    ml_window_show_page (window, "membrane");
    wait_ms (100);
    views = gtk_paned_get_start_child (window->paned);
    ml_cell_set_ion_value (cell, 1, ML_ION_FIELD_P, 20.0 * ml_cell_get_ion_value (cell, 1, ML_ION_FIELD_P));
    caption = ml_figure_caption (ml_window_get_session (window));
    g_assert_cmpstr (caption, ==, "Mammalian neuron, 37 °C — P(Na⁺) × 20");
    g_assert_true (ml_figure_write_on (pdf, gtk_widget_get_width (views),
                                       gtk_widget_get_height (views), 1.0, caption, FALSE,
                                       ml_figure_draw_widget, views, &error));
    g_assert_true (run_ok (pdftotext, &text));
    g_assert_nonnull (strstr (text, "P(Na⁺) × 20"));
  }

  /* No extension, no figure: a message, nothing written. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *bad = g_build_filename (test_dir, "plot.txt", NULL);

    g_assert_false (ml_figure_write (bad, 900, 600, 1.0, NULL, draw_plot, plot, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  test_dir = g_dir_make_tmp ("ml-plots-XXXXXX", NULL);
  g_test_add_func ("/plots/kout-words", test_kout_words);
  g_test_add_func ("/plots/iv-cursor", test_iv_cursor);
  g_test_add_func ("/plots/figures", test_figures);
  g_test_add_func ("/plots/sweep-table", test_sweep_table);
  g_test_add_func ("/plots/details", test_details);
  g_test_add_func ("/plots/handout", test_handout);
  g_test_add_func ("/plots/command-line", test_command_line);
  status = g_test_run ();
  {
    g_autoptr (GDir) dir = g_dir_open (test_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (test_dir, name, NULL);

        g_remove (path);
      }
    g_rmdir (test_dir);
  }
  g_free (test_dir);
  return status;
}
