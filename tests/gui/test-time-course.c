/* test-time-course.c — the time course page and the gauge's trace of a change
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window, driven as a lecturer drives it: show the page, block the
 * pump with its key action, run the clock, cool the cell.  Every number the
 * page shows is checked against the core (ml_cell_solve, ml_simulation) or
 * against membrane-calc, run as a separate process: the chart and the
 * command line must print the same time course.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "gui-test-support.h"
#include "ml-chart-recorder.h"
#include "ml-format.h"
#include "ml-cell-pump.h"
#include "ml-screenshot.h"
#include "ml-time-course-page.h"
#include "ml-window-private.h"

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
assert_close (double      value,
              double      expected,
              double      tolerance,
              const char *what)
{
  if (!(fabs (value - expected) <= tolerance))
    g_error ("%s: got %.12g, expected %.12g ± %g", what, value, expected, tolerance);
}

static MlWindow *
window_new (int width,
            int height)
{
  MlWindow *window = ml_window_new_full (NULL, FALSE);
  g_autoptr (GError) error = NULL;

  g_assert_true (ml_window_load_preset (window, "mammalian-neuron", &error));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
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

/* The page, shown and paused, so that only the test moves its clock. */
static MlTimeCoursePage *
show_page (MlWindow *window)
{
  GtkWidget *page;

  ml_window_show_page (window, "time-course");
  wait_ms (100);
  page = ml_window_get_page (window, "time-course");
  g_assert_nonnull (page);
  g_assert_true (ML_IS_TIME_COURSE_PAGE (page));
  /* Shown, it runs by itself (at ×100 by default): on a loaded machine
   * the second frame, the first that moves the clock, may come late. */
  g_assert_cmpfloat (ml_time_course_page_get_speed (ML_TIME_COURSE_PAGE (page)), ==, 100.0);
  for (int i = 0; i < 100 && ml_simulation_get_time (ml_time_course_page_get_simulation (
                                ML_TIME_COURSE_PAGE (page))) <= 0.0; i++)
    wait_ms (20);
  g_assert_cmpfloat (ml_simulation_get_time (ml_time_course_page_get_simulation (ML_TIME_COURSE_PAGE (page))),
                     >, 0.0);
  ml_time_course_page_set_playing (ML_TIME_COURSE_PAGE (page), FALSE);
  /* From here only the test moves the clock: Clear starts at 0. */
  g_assert_true (gtk_widget_activate_action (page, "recorder.clear", NULL));
  return ML_TIME_COURSE_PAGE (page);
}

static const MlSimulationSample *
last_sample (MlSimulation *sim)
{
  return ml_simulation_get_sample (sim, ml_simulation_get_n_samples (sim) - 1);
}

/* membrane-calc's CSV, last line, as numbers by column name. */
static GHashTable *
calc_last_row (const char * const *args)
{
  const char *calc = g_getenv ("MEMBRANE_CALC");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) head = NULL;
  g_auto (GStrv) cells = NULL;
  GHashTable *row = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = 0;
  guint n;

  g_assert_nonnull (calc);
  g_ptr_array_add (argv, (char *)calc);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 2);
  head = g_strsplit (lines[0], ",", -1);
  cells = g_strsplit (lines[n - 1], ",", -1);
  for (guint i = 0; head[i] != NULL && cells[i] != NULL; i++)
    {
      double *v = g_new (double, 1);

      *v = g_ascii_strtod (cells[i], NULL);
      g_hash_table_insert (row, g_strdup (head[i]), v);
    }
  return row;
}

/* Ouabain on the Membrane page (Shift+Ctrl+O), then the Time Course
 * (Alt+2): the recording starts from the blocked cell and runs down over
 * two hours as a block during the run does (test-simulation: −64.9 mV to
 * about −28 mV), not flat at the blocked cell's −64.9 mV. */
static void
test_blocked_then_shown (void)
{
  MlWindow *window = window_new (1920, 1080);
  MlTimeCoursePage *page;
  MlSimulation *sim;
  double start;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.block-pump", NULL));
  wait_ms (20);
  page = show_page (window);
  sim = ml_time_course_page_get_simulation (page);
  start = last_sample (sim)->vm_mv;
  assert_close (start, ml_window_get_solution (window)->vm_mv, 1e-9, "starts at the blocked cell");
  ml_time_course_page_advance (page, 7200.0);
  sim = ml_time_course_page_get_simulation (page);
  g_test_message ("blocked before the run: %.2f mV → %.2f mV in 2 h", start, last_sample (sim)->vm_mv);
  g_assert_cmpfloat (last_sample (sim)->vm_mv, >, start + 20.0);
  g_assert_cmpfloat (last_sample (sim)->volume, >, 1.1);
  window_destroy (window);
}

/* Blocking the pump on the default neuron: the step the core's pump
 * contribution predicts, then two hours of rundown that end where
 * membrane-calc --simulate 2h --event 0:pump-off ends. */
static void
test_block_and_rundown (void)
{
  MlWindow *window = window_new (1920, 1080);
  MlTimeCoursePage *page = show_page (window);
  MlSimulation *sim = ml_time_course_page_get_simulation (page);
  const MlSolution *rest = ml_window_get_solution (window);
  double v_rest = rest->vm_mv, contribution = rest->pump_contribution_mv;
  const char * const args[] = { "--simulate", "2h", "--event", "0:pump-off", "--csv", NULL };
  g_autoptr (GHashTable) cli = NULL;
  const MlSimulationSample *s;
  guint marks;

  g_assert_nonnull (sim);
  assert_close (last_sample (sim)->vm_mv, v_rest, 1e-9, "the run starts at rest");
  assert_close (ml_simulation_get_time (sim), 0.0, 0.0, "the clock starts at 0");

  /* The key action, as Shift+Ctrl+O does it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.block-pump", NULL));
  wait_ms (20);
  sim = ml_time_course_page_get_simulation (page);
  marks = ml_simulation_get_n_marks (sim);
  g_assert_cmpuint (marks, ==, 1);
  g_assert_cmpstr (ml_simulation_get_mark (sim, 0)->label, ==, "pump blocked");
  s = last_sample (sim);
  /* The first step is the pump's share, as the math pane says it, and the
   * V_m the gauge shows for the blocked cell. */
  assert_close (s->vm_mv, v_rest - contribution, 1e-9, "step = pump contribution");
  assert_close (s->vm_mv, ml_window_get_solution (window)->vm_mv, 1e-9, "chart = gauge");

  /* The gauge keeps where the needle was, and by how much it moved. */
  {
    double ghost = 0.0;

    g_assert_true (ml_gauge_get_ghost (ml_window_get_gauge (window), &ghost));
    assert_close (ghost, v_rest, 1e-9, "ghost mark");
    g_assert_nonnull (strstr (ml_gauge_get_value_text (ml_window_get_gauge (window)), "from "));
  }

  /* Two simulated hours in one go, as a frame at ×10⁵ would take them. */
  ml_time_course_page_advance (page, 7200.0);
  s = last_sample (sim);
  assert_close (s->t_s, 7200.0, 1e-9, "clock");
  cli = calc_last_row (args);
  assert_close (*(double *)g_hash_table_lookup (cli, "t_s"), 7200.0, 0.0, "CLI clock");
  /* Same model, same tolerance; only how the run is cut into calls
   * differs, which the integrator's error bounds (test-simulation: 1e-4 mV
   * between one call and 7200). */
  assert_close (s->vm_mv, *(double *)g_hash_table_lookup (cli, "vm_mv"), 0.01, "V_m vs CLI");
  assert_close (s->c_in[1], *(double *)g_hash_table_lookup (cli, "Na_in_mm"), 0.01, "Na vs CLI");
  assert_close (s->volume, *(double *)g_hash_table_lookup (cli, "volume"), 1e-4, "volume vs CLI");
  /* The rundown: Na⁺ has more than doubled, V_m depolarised, the cell
   * swelled. */
  g_assert_cmpfloat (s->c_in[1], >, 30.0);
  g_assert_cmpfloat (s->vm_mv, >, v_rest + 20.0);
  g_assert_cmpfloat (s->volume, >, 1.1);

  /* What a screen reader hears of the page: V_m, the time, the event. */
  {
    const char *summary = ml_chart_recorder_get_summary (ml_time_course_page_get_chart (page));

    g_test_message ("%s", summary);
    g_assert_nonnull (strstr (summary, "At 2 h 00 min 00 s"));
    g_assert_nonnull (strstr (summary, "Last event: pump blocked"));
    g_assert_nonnull (strstr (summary, "V_m "));
  }

  /* Drawn, not blank, at 1920×1080 light and dark. */
  for (int dark = 0; dark < 2; dark++)
    {
      cairo_surface_t *surface;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      wait_ms (100);
      surface = test_render_on_theme (GTK_WIDGET (ml_time_course_page_get_chart (page)), dark);
      g_assert_true (ml_surface_is_varied (surface, 40));
      test_write_png (surface, dark ? "time-course-dark.png" : "time-course-light.png");
      cairo_surface_destroy (surface);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Restore: one more mark, and the pump back in the model it had. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-pump", NULL));
  wait_ms (20);
  g_assert_cmpint (ml_cell_get_pump_mode (ml_window_get_cell (window)), ==, ML_PUMP_KINETIC);
  g_assert_cmpuint (ml_simulation_get_n_marks (sim), ==, 2);
  g_assert_cmpstr (ml_simulation_get_mark (sim, 1)->label, ==, "pump restored");
  window_destroy (window);
}

/* A slider dragged over many steps is one event, labelled with the whole
 * change; the permeability acts at once, the concentrations do not jump. */
static void
test_drag_is_one_event (void)
{
  MlWindow *window = window_new (1024, 768);
  MlTimeCoursePage *page = show_page (window);
  MlCell *cell = ml_window_get_cell (window);
  int na = ml_cell_find_role (cell, ML_ION_ROLE_NA);
  double p = ml_cell_get_ion_value (cell, na, ML_ION_FIELD_P);
  MlSimulation *sim;
  const MlSimulationSample *s;
  double na_before;

  ml_time_course_page_advance (page, 60.0);
  sim = ml_time_course_page_get_simulation (page);
  na_before = last_sample (sim)->c_in[na];
  for (int step = 1; step <= 20; step++)
    {
      ml_cell_set_ion_value (cell, na, ML_ION_FIELD_P, p * (1.0 + 19.0 * step / 20.0));
      wait_ms (5);
    }
  g_assert_cmpuint (ml_simulation_get_n_marks (sim), ==, 1);
  g_assert_cmpstr (ml_simulation_get_mark (sim, 0)->label, ==, "P(Na⁺) × 20");
  s = last_sample (sim);
  assert_close (s->c_in[na], na_before, 0.0, "no jump in Na⁺ inside");
  assert_close (s->vm_mv, ml_window_get_solution (window)->vm_mv, 1e-9, "chart = gauge");

  /* After a pause, the next change is its own event. */
  wait_ms (800);
  ml_cell_set_ion_value (cell, na, ML_ION_FIELD_P, p);
  g_assert_cmpuint (ml_simulation_get_n_marks (sim), ==, 2);
  window_destroy (window);
}

/* Cooling: the status splits the change into RT/F and the pump's Q10 as
 * the core does, and a second run with the pump's kinetics held goes
 * along. */
static void
test_cooling_split (void)
{
  MlWindow *window = window_new (1024, 768);
  MlTimeCoursePage *page = show_page (window);
  MlCell *cell = ml_window_get_cell (window);
  g_autoptr (MlCell) before = ml_cell_copy (cell);
  g_autoptr (MlCell) after = NULL;
  MlTemperatureSplit split;
  g_autofree char *thermo = NULL;
  g_autofree char *kinetic = NULL;
  const char *status;

  ml_time_course_page_advance (page, 60.0);
  ml_cell_set_temperature (cell, 17.0);
  after = ml_cell_copy (cell);
  g_assert_true (ml_cell_split_temperature_change (before, after, &split));
  /* The parts add up to the whole change. */
  assert_close (split.thermodynamic_mv + split.kinetic_mv, split.after_mv - split.before_mv,
                1e-9, "parts add up");
  status = ml_time_course_page_get_status (page);
  g_test_message ("%s", status);
  thermo = ml_format_millivolts (split.thermodynamic_mv, 1, TRUE);
  kinetic = ml_format_millivolts (split.kinetic_mv, 1, TRUE);
  g_assert_nonnull (strstr (status, thermo));
  g_assert_nonnull (strstr (status, kinetic));
  g_assert_nonnull (strstr (status, "RT/F"));
  g_assert_cmpstr (ml_simulation_get_mark (ml_time_course_page_get_simulation (page), 0)->label,
                   ==, "cooled to 17 °C");
  window_destroy (window);
}

/* The shipped cooling scenario: the dashed run (pump kinetics held) and
 * the real one part as the concentrations move; a picture for the note. */
static void
test_cooling_scenario (void)
{
  MlWindow *window = window_new (1920, 1080);
  MlTimeCoursePage *page;
  g_autoptr (GError) error = NULL;
  MlSimulation *sim;
  const MlSimulationSample *s;
  cairo_surface_t *surface;

  g_assert_true (ml_window_load_preset (window, "pump-neuron", &error));
  page = show_page (window);
  ml_time_course_page_advance (page, 600.0);
  ml_cell_set_temperature (ml_window_get_cell (window), 27.0);
  ml_time_course_page_advance (page, 3600.0);
  sim = ml_time_course_page_get_simulation (page);
  s = last_sample (sim);
  /* Cooled, the slower pump lets Na⁺ rise: the real run has more Na⁺
   * inside than at the start. */
  g_assert_cmpfloat (s->c_in[1], >, 15.0 + 1.0);
  g_assert_nonnull (strstr (ml_time_course_page_get_status (page), "dashed"));
  wait_ms (100);
  surface = test_render_on_theme (GTK_WIDGET (page), FALSE);
  test_write_png (surface, "time-course-cooling.png");
  g_assert_true (ml_surface_is_varied (surface, 40));
  cairo_surface_destroy (surface);
  window_destroy (window);
}

/* A run that reaches a cell without a permeant ion pauses with words on
 * the page, keeps its trace, and stops its clock. */
static void
test_pause_in_words (void)
{
  MlWindow *window = window_new (1024, 768);
  MlTimeCoursePage *page = show_page (window);
  MlCell *cell = ml_window_get_cell (window);
  MlSimulation *sim;
  guint n;
  double t;

  ml_time_course_page_advance (page, 30.0);
  ml_cell_begin_batch (cell);
  for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
    ml_cell_set_ion_value (cell, i, ML_ION_FIELD_P, 0.0);
  ml_cell_end_batch (cell);
  sim = ml_time_course_page_get_simulation (page);
  g_assert_cmpint (ml_simulation_get_stop (sim), ==, ML_SIMULATION_STOP_UNDEFINED);
  g_assert_nonnull (strstr (ml_time_course_page_get_status (page), "no permeant ion"));
  n = ml_simulation_get_n_samples (sim);
  t = ml_simulation_get_time (sim);
  g_assert_cmpuint (n, >, 2);
  ml_time_course_page_advance (page, 600.0);
  assert_close (ml_simulation_get_time (sim), t, 0.0, "the clock waits");
  for (guint i = 0; i < ml_simulation_get_n_samples (sim); i++)
    g_assert_true (isfinite (ml_simulation_get_sample (sim, i)->vm_mv));

  /* Undo brings the channels back, and the run goes on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_ms (20);
  g_assert_cmpint (ml_simulation_get_stop (sim), ==, ML_SIMULATION_RUNNING);
  ml_time_course_page_advance (page, 60.0);
  g_assert_cmpfloat (ml_simulation_get_time (sim), >, t);
  window_destroy (window);
}

/* Another preset starts the run again from it. */
static void
test_preset_restarts (void)
{
  MlWindow *window = window_new (1024, 768);
  MlTimeCoursePage *page = show_page (window);
  g_autoptr (GError) error = NULL;
  MlSimulation *sim;

  ml_time_course_page_advance (page, 600.0);
  g_assert_true (ml_window_load_preset (window, "squid-axon", &error));
  sim = ml_time_course_page_get_simulation (page);
  assert_close (ml_simulation_get_time (sim), 0.0, 0.0, "a new run");
  assert_close (last_sample (sim)->vm_mv, ml_window_get_solution (window)->vm_mv, 1e-9,
                "from the new cell");
  window_destroy (window);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Saving keeps the run (the saved cell becomes the reference, not a new
 * cell); restore brings back the model the pump ran in. */
static void
test_save_keeps_run (void)
{
  MlWindow *window = window_new (1024, 768);
  MlTimeCoursePage *page = show_page (window);
  MlCell *cell = ml_window_get_cell (window);
  g_autofree char *dir = g_dir_make_tmp ("ml-time-course-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.membrane", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  MlSimulation *sim;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.block-pump", NULL));
  ml_time_course_page_advance (page, 600.0);
  g_assert_true (ml_window_save_file (window, file, &error));
  ml_cell_set_temperature (cell, 30.0);
  sim = ml_time_course_page_get_simulation (page);
  g_assert_cmpfloat (ml_simulation_get_time (sim), >=, 600.0);
  g_assert_cmpuint (ml_simulation_get_n_marks (sim), ==, 2);

  /* The steady-state model, switched off by hand, comes back as it was. */
  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-pump", NULL));
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_RATIO);
  /* With the pump on there is nothing to restore: its button is off, the
   * block button on; and the other way round. */
  wait_ms (20);
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (page), "win.restore-pump")));
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (page), "win.block-pump")));
  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  wait_ms (20);
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (page), "win.restore-pump")));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (page), "win.block-pump")));
  g_remove (path);
  g_rmdir (dir);
  window_destroy (window);
}

/* The controls offer the kinetic pump, say what it assumes, and balance
 * it only when asked. */
static void
test_kinetic_controls (void)
{
  MlWindow *window = window_new (1920, 1080);
  MlControls *controls = ml_window_get_controls (window);
  MlCell *cell = ml_window_get_cell (window);
  GtkToggleButton *kinetic = ml_controls_get_pump_mode_button (controls, ML_PUMP_KINETIC);
  GtkToggleButton *ratio = ml_controls_get_pump_mode_button (controls, ML_PUMP_RATIO);
  int na = ml_cell_find_role (cell, ML_ION_ROLE_NA);
  int k = ml_cell_find_role (cell, ML_ION_ROLE_K);
  double imax = ml_cell_get_pump_max_current (cell);
  g_autoptr (MlCell) steady = NULL;
  MlSolution sol;

  g_assert_true (gtk_toggle_button_get_active (kinetic));
  /* The neurotoxin: P_Na = P_K leaves the kinetic pump's Ī alone. */
  ml_cell_set_ion_value (cell, na, ML_ION_FIELD_P, ml_cell_get_ion_value (cell, k, ML_ION_FIELD_P));
  g_assert_cmpfloat (ml_cell_get_pump_max_current (cell), ==, imax);
  g_assert_cmpfloat (ml_window_get_solution (window)->vm_mv, >, -10.0);
  g_assert_cmpfloat (ml_window_get_solution (window)->vm_mv, <, -7.0);

  /* Balancing on request gives the steady state's V_m. */
  steady = ml_cell_copy (cell);
  ml_cell_set_pump_mode (steady, ML_PUMP_RATIO);
  ml_cell_set_pump_ratio (steady, 1.5);
  ml_cell_solve (steady, &sol);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.balance-pump", NULL));
  assert_close (ml_window_get_solution (window)->vm_mv, sol.vm_mv, 1e-6, "balanced");
  g_assert_cmpfloat (ml_cell_get_pump_max_current (cell), >, 5.0 * imax);
  /* One undo step takes it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (ml_cell_get_pump_max_current (cell), ==, imax);

  /* The steady-state button switches the model. */
  gtk_toggle_button_set_active (ratio, TRUE);
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_RATIO);
  window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/time-course/block-and-rundown", test_block_and_rundown);
  g_test_add_func ("/time-course/blocked-then-shown", test_blocked_then_shown);
  g_test_add_func ("/time-course/drag-is-one-event", test_drag_is_one_event);
  g_test_add_func ("/time-course/cooling-split", test_cooling_split);
  g_test_add_func ("/time-course/cooling-scenario", test_cooling_scenario);
  g_test_add_func ("/time-course/pause-in-words", test_pause_in_words);
  g_test_add_func ("/time-course/preset-restarts", test_preset_restarts);
  g_test_add_func ("/time-course/kinetic-controls", test_kinetic_controls);
  g_test_add_func ("/time-course/save-keeps-run", test_save_keeps_run);
  return g_test_run ();
}
