/* test-gauge.c — MlGauge shows the solver's V_m, its E's and its words
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/gui/meson.build).  Besides the asserts, it writes
 * the gauge as PNGs into $ML_SCREENSHOT_DIR, light and dark, small and
 * large, so a change to the drawing can be looked at.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ml-cell.h"
#include "gui-test-support.h"
#include "ml-gauge.h"
#include "ml-screenshot.h"
#include "ml-session.h"
#include "ml-solution.h"

#define P_K 1e-6  /* cm/s; only the ratios matter for V_rest */

/* K 140/5, Na 15/145, Cl 10/110 mM, P 1 : 0.05 : 0.45, 37 °C. */
static MlCell *
neuron_cell (void)
{
  MlCell *cell = ml_cell_new ();

  ml_cell_set_temperature (cell, 37.0);
  test_add_ion (cell, "K", 1, 140, 5, P_K);
  test_add_ion (cell, "Na", 1, 15, 145, 0.05 * P_K);
  test_add_ion (cell, "Cl", -1, 10, 110, 0.45 * P_K);
  return cell;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @done says so, or two seconds pass. */
static gboolean
wait_for (gboolean (*done) (GtkWidget *), GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (2000, timeout_cb, &timed_out);

  while (!done (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static gboolean
is_drawn (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  guint *frames = data;

  return ++*frames < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static guint frames_seen;

static gboolean
frames_done (GtkWidget *widget)
{
  return frames_seen >= 3;
}

/* Until the window has drawn a few frames, it has nothing to paint. */
static void
wait_for_frames (GtkWidget *widget)
{
  frames_seen = 0;
  gtk_widget_add_tick_callback (widget, count_frame_cb, &frames_seen, NULL);
  g_assert_true (wait_for (frames_done, widget));
}

static gboolean
needle_arrived (GtkWidget *widget)
{
  MlGauge *gauge = ML_GAUGE (widget);

  return ml_gauge_get_needle_value (gauge) == ml_gauge_get_value (gauge);
}

/* An undecorated window exactly @width × @height, so the gauge fills it. */
static GtkWidget *
gauge_window (int         width,
              int         height,
              GtkWidget **window_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *gauge = ml_gauge_new ();

  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), gauge);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_drawn, gauge));
  *window_out = window;
  return gauge;
}

static void
test_value (void)
{
  g_autoptr(MlCell) cell = neuron_cell ();
  double expected = 26.7267 * log ((5 + 0.05 * 145 + 0.45 * 10) / (140 + 0.05 * 15 + 0.45 * 110));
  g_autofree char *number = NULL;
  MlSolution sol;
  GtkWidget *window;
  GtkWidget *gauge = gauge_window (360, 300, &window);
  double lo, hi;

  ml_cell_solve (cell, &sol);
  g_assert_cmpfloat_with_epsilon (sol.vm_rest_mv, expected, 0.01);

  ml_gauge_set_solution (ML_GAUGE (gauge), &sol);
  g_assert_cmpfloat (ml_gauge_get_value (ML_GAUGE (gauge)), ==, sol.vm_rest_mv);
  g_assert_true (wait_for (needle_arrived, gauge));
  g_assert_cmpfloat (ml_gauge_get_needle_value (ML_GAUGE (gauge)), ==, sol.vm_rest_mv);

  ml_gauge_get_range (ML_GAUGE (gauge), &lo, &hi);
  g_assert_cmpfloat (lo, ==, -120.0);
  g_assert_cmpfloat (hi, ==, 80.0);

  /* "−64.9", with the real minus sign. */
  number = g_strdup_printf ("\xe2\x88\x92%.1f", fabs (sol.vm_rest_mv));
  g_assert_nonnull (strstr (ml_gauge_get_value_text (ML_GAUGE (gauge)), number));
  g_assert_nonnull (strstr (ml_gauge_get_value_text (ML_GAUGE (gauge)), "K⁺"));
  g_assert_nonnull (strstr (ml_gauge_get_value_text (ML_GAUGE (gauge)), "Cl⁻"));
  g_assert_null (strstr (ml_gauge_get_value_text (ML_GAUGE (gauge)), "-"));
  /* The English separators, now translatable, read as before. */
  g_assert_true (g_str_has_prefix (ml_gauge_get_value_text (ML_GAUGE (gauge)),
                                   "Membrane potential \xe2\x88\x92"));
  g_assert_nonnull (strstr (ml_gauge_get_value_text (ML_GAUGE (gauge)), " mV, resting; E K⁺ "));
  g_assert_nonnull (strstr (ml_gauge_get_value_text (ML_GAUGE (gauge)), " mV, E "));

  /* What a screen reader gets is the same. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_ROLE_METER);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       ml_gauge_get_value_text (ML_GAUGE (gauge)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                       sol.vm_rest_mv);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_MIN,
                                       -120.0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_MAX,
                                       80.0);
  /* GTK 4.8 announces a changed name, not a changed value: the name
   * carries V_m, the description each E. */
  {
    g_autofree char *name = g_strdup_printf ("Membrane potential %s mV, resting", number);

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         name);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_animation (void)
{
  g_autoptr(MlCell) cell = neuron_cell ();
  MlSolution rest, clamped;
  GtkWidget *window;
  GtkWidget *gauge = gauge_window (360, 300, &window);
  gboolean moving = FALSE;
  gint64 start;

  ml_cell_solve (cell, &rest);
  ml_cell_solve_at (cell, 20.0, &clamped);
  ml_gauge_set_solution (ML_GAUGE (gauge), &rest);
  g_assert_true (wait_for (needle_arrived, gauge));

  ml_gauge_set_solution (ML_GAUGE (gauge), &clamped);
  /* The target is there at once, the needle follows. */
  g_assert_cmpfloat (ml_gauge_get_value (ML_GAUGE (gauge)), ==, 20.0);
  g_assert_cmpfloat (ml_gauge_get_needle_value (ML_GAUGE (gauge)), ==, rest.vm_rest_mv);

  start = g_get_monotonic_time ();
  while (!needle_arrived (gauge) && g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    {
      double needle = ml_gauge_get_needle_value (ML_GAUGE (gauge));

      g_assert_true (isfinite (needle));
      if (needle > rest.vm_rest_mv && needle < 20.0)
        moving = TRUE;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (needle_arrived (gauge));
  g_assert_true (moving);
  g_assert_nonnull (strstr (ml_gauge_get_value_text (ML_GAUGE (gauge)), "+20.0"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_range_widens (void)
{
  g_autoptr(MlCell) cell = neuron_cell ();
  MlSolution sol;
  GtkWidget *window;
  GtkWidget *gauge = gauge_window (360, 300, &window);
  double lo, hi;

  /* Ca²⁺ 0.0001/2 mM: E_Ca = 13.36·ln(20000) ≈ +132 mV. */
  test_add_ion (cell, "Ca", 2, 0.0001, 2.0, 0.0);
  ml_cell_solve (cell, &sol);
  g_assert_cmpfloat (sol.ions[3].nernst_mv, >, 120.0);
  g_assert_cmpfloat (sol.ions[3].nernst_mv, <, 140.0);

  ml_gauge_set_solution (ML_GAUGE (gauge), &sol);
  ml_gauge_get_range (ML_GAUGE (gauge), &lo, &hi);
  g_assert_cmpfloat (lo, ==, -120.0);
  g_assert_cmpfloat (hi, ==, 140.0);
  g_assert_nonnull (strstr (ml_gauge_get_value_text (ML_GAUGE (gauge)), "Ca²⁺ +"));

  /* K⁺ 400/1 mM: E_K ≈ −160 mV. */
  test_add_ion (cell, "K", 1, 400, 1, P_K);
  ml_cell_solve (cell, &sol);
  ml_gauge_set_solution (ML_GAUGE (gauge), &sol);
  ml_gauge_get_range (ML_GAUGE (gauge), &lo, &hi);
  g_assert_cmpfloat (lo, ==, -180.0);
  g_assert_cmpfloat (hi, ==, 140.0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_MIN,
                                       -180.0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_MAX,
                                       140.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_no_nan (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  g_assert_null (strstr (lower, "nan"));
  g_assert_null (strstr (lower, "inf"));
}

static void
test_degenerate (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  MlSolution sol;
  GtkWidget *window;
  GtkWidget *gauge = gauge_window (360, 300, &window);
  const char *text;

  /* Ions, but none permeant. */
  test_add_ion (cell, "K", 1, 140, 5, 0.0);
  test_add_ion (cell, "Na", 1, 0.0, 145, 0.0);
  ml_cell_solve (cell, &sol);
  g_assert_false (sol.vm_defined);
  g_assert_cmpint (sol.condition, ==, ML_CONDITION_NO_PERMEANT_ION);

  ml_gauge_set_solution (ML_GAUGE (gauge), &sol);
  text = ml_gauge_get_value_text (ML_GAUGE (gauge));
  g_test_message ("degenerate: %s", text);
  assert_no_nan (text);
  g_assert_nonnull (strstr (text, ml_condition_message (ML_CONDITION_NO_PERMEANT_ION)));
  g_assert_cmpfloat (ml_gauge_get_value (ML_GAUGE (gauge)), ==, 0.0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                       0.0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       text);
  g_assert_true (isfinite (ml_gauge_get_needle_value (ML_GAUGE (gauge))));

  /* Drawing it must not trip over anything either. */
  g_assert_true (wait_for (is_drawn, gauge));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
screenshot (const char       *name,
            const MlSolution *sol,
            int               width,
            int               height,
            gboolean          dark)
{
  g_autofree char *file = NULL;
  cairo_surface_t *surface;
  GtkWidget *window;
  GtkWidget *gauge;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);

  gauge = gauge_window (width, height, &window);
  ml_gauge_set_solution (ML_GAUGE (gauge), sol);
  g_assert_true (wait_for (needle_arrived, gauge));
  wait_for_frames (gauge);
  g_assert_cmpint (gtk_widget_get_width (gauge), ==, width);
  g_assert_cmpint (gtk_widget_get_height (gauge), ==, height);

  /* The window paints its own background: the top-left pixel. */
  surface = ml_screenshot_surface (window);
  g_assert_cmpuint (ml_surface_count_differing (surface), >, (guint) (width * height / 50));

  file = g_strdup_printf ("gauge-%s-%dx%d-%s.png", name, width, height, dark ? "dark" : "light");
  test_write_png (surface, file);

  cairo_surface_destroy (surface);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshots (void)
{
  g_autoptr(MlCell) cell = neuron_cell ();
  g_autoptr(MlCell) empty = ml_cell_new ();
  MlSolution sol, wide, clamped, broken, unbalanced, on_tick;
  static const int sizes[][2] = { { 300, 250 }, { 640, 520 } };

  ml_cell_solve (cell, &sol);
  ml_cell_solve_at (cell, 30.0, &clamped);
  /* the needle right over the "−80" label */
  ml_cell_solve_at (cell, -80.5, &on_tick);

  test_add_ion (empty, "K", 1, 140, 5, 0.0);
  ml_cell_solve (empty, &broken);

  /* The longest message there is; made by hand, whatever the core says. */
  unbalanced = broken;
  unbalanced.condition = ML_CONDITION_UNBALANCED;

  /* E_Ca ≈ +132 mV, and Na⁺ absent inside: E_Na → +∞. */
  test_add_ion (cell, "Ca", 2, 0.0001, 2.0, 0.0);
  test_add_ion (cell, "Na", 1, 0.0, 145, 0.05 * P_K);
  ml_cell_solve (cell, &wide);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int dark = 0; dark <= 1; dark++)
      {
        screenshot ("rest", &sol, sizes[i][0], sizes[i][1], dark);
        screenshot ("wide", &wide, sizes[i][0], sizes[i][1], dark);
        screenshot ("clamped", &clamped, sizes[i][0], sizes[i][1], dark);
        screenshot ("undefined", &broken, sizes[i][0], sizes[i][1], dark);
        screenshot ("unbalanced", &unbalanced, sizes[i][0], sizes[i][1], dark);
        screenshot ("on-tick", &on_tick, sizes[i][0], sizes[i][1], dark);
      }
  screenshot ("rest", &sol, 220, 180, FALSE);
  screenshot ("unbalanced", &unbalanced, 220, 180, FALSE);
  screenshot ("undefined", &broken, 220, 180, FALSE);
  screenshot ("on-tick", &on_tick, 220, 180, FALSE);
  screenshot ("rest", &sol, 260, 220, FALSE);
}

/* Renders what the gauge's own snapshot () gives, at its size. */
static void
draw_gauge_once (GtkWidget *gauge)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (gauge)->snapshot (gauge, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        gtk_widget_get_width (gauge),
                                        gtk_widget_get_height (gauge));
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Not a timed test (docs/ARCHITECTURE.md): reports how long a redraw at 600×500 takes. */
static void
test_draw_time (void)
{
  g_autoptr(MlCell) cell = neuron_cell ();
  MlSolution sol[2];
  GtkWidget *window;
  GtkWidget *gauge = gauge_window (600, 500, &window);
  gint64 start;
  const int rounds = 100;

  ml_cell_solve (cell, &sol[0]);
  ml_cell_solve_at (cell, -40.0, &sol[1]);
  ml_gauge_set_solution (ML_GAUGE (gauge), &sol[0]);
  wait_for_frames (gauge);
  g_assert_cmpint (gtk_widget_get_width (gauge), ==, 600);

  start = g_get_monotonic_time ();
  for (int i = 0; i < rounds; i++)
    {
      /* A new solution each time: the cached dial is rebuilt too. */
      ml_gauge_set_solution (ML_GAUGE (gauge), &sol[i % 2]);
      draw_gauge_once (gauge);
    }
  g_test_message ("gauge at 600x500: %.3f ms per new solution",
                  (g_get_monotonic_time () - start) / 1000.0 / rounds);

  start = g_get_monotonic_time ();
  for (int i = 0; i < rounds; i++)
    draw_gauge_once (gauge);
  g_test_message ("gauge at 600x500: %.3f ms per animation frame",
                  (g_get_monotonic_time () - start) / 1000.0 / rounds);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A view subscribes itself: after set_session the window pushes nothing,
 * and each change of the session's cell reaches the gauge; a second
 * session replaces the first, which no longer reaches it. */
static void
test_follows_session (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  g_autoptr(MlSession) other = ml_session_new ();
  GtkWidget *gauge = g_object_ref_sink (ml_gauge_new ());
  MlSolution expected;

  ml_gauge_set_session (ML_GAUGE (gauge), session);
  g_assert_true (ml_gauge_get_session (ML_GAUGE (gauge)) == session);
  g_assert_cmpfloat (ml_gauge_get_value (ML_GAUGE (gauge)), ==,
                     ml_session_get_solution (session)->vm_mv);

  ml_cell_set_temperature (ml_session_get_cell (session), 20.0);
  ml_cell_solve (ml_session_get_cell (session), &expected);
  g_assert_cmpfloat (ml_gauge_get_value (ML_GAUGE (gauge)), ==, expected.vm_mv);

  g_object_set (gauge, "session", other, NULL);
  ml_cell_set_temperature (ml_session_get_cell (session), 5.0);
  g_assert_cmpfloat (ml_gauge_get_value (ML_GAUGE (gauge)), ==,
                     ml_session_get_solution (other)->vm_mv);
  g_assert_cmpfloat (ml_gauge_get_value (ML_GAUGE (gauge)), !=,
                     ml_session_get_solution (session)->vm_mv);

  /* The view may go first: the session then no longer knows it. */
  g_object_unref (gauge);
  ml_cell_set_temperature (ml_session_get_cell (other), 30.0);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gauge/value", test_value);
  g_test_add_func ("/gauge/follows-session", test_follows_session);
  g_test_add_func ("/gauge/animation", test_animation);
  g_test_add_func ("/gauge/range-widens", test_range_widens);
  g_test_add_func ("/gauge/degenerate", test_degenerate);
  g_test_add_func ("/gauge/screenshots", test_screenshots);
  g_test_add_func ("/gauge/draw-time", test_draw_time);

  return g_test_run ();
}
