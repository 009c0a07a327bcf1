/* test-math-view.c — "the math" panel shows the core's numbers, in words when undefined
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds cells through the core, hands their solutions to MlMathView and
 * reads back its plain text; renders it light and dark into
 * $ML_SCREENSHOT_DIR so a person can look at it.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ml-cell.h"
#include "gui-test-support.h"
#include "ml-math-view-private.h"
#include "ml-screenshot.h"
#include "ml-solution.h"

/* A mammalian neuron (Purves et al. 2018, Table 2.1): K 140/5, Na 15/145, Cl 10/110 at 37 °C,
 * P 1 : 0.05 : 0.45. */
static MlCell *
neuron_new (MlPumpMode mode)
{
  MlCell *cell = ml_cell_new ();

  ml_cell_set_temperature (cell, 37.0);
  test_add_ion (cell, "K", 1, 140.0, 5.0, 5e-7);
  test_add_ion (cell, "Na", 1, 15.0, 145.0, 2.5e-8);
  test_add_ion (cell, "Cl", -1, 10.0, 110.0, 2.25e-7);
  ml_cell_set_pump_mode (cell, mode);
  return cell;
}

/* The view's number format: two decimals, U+2212 for minus, + when positive. */
static char *
format_mv (double mv)
{
  char buf[64];

  g_snprintf (buf, sizeof buf, "%.2f", fabs (mv));
  return g_strdup_printf ("%s%s", mv < 0.0 ? "−" : "+", buf);
}

static GtkWidget *
view_with (MlCell     *cell,
           MlSolution *sol)
{
  GtkWidget *view = ml_math_view_new ();

  g_object_ref_sink (view);
  ml_cell_solve (cell, sol);
  ml_math_view_set_solution (ML_MATH_VIEW (view), sol);
  return view;
}

static void
assert_no_nan (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_assert_null (strstr (lower, "nan"));
  g_assert_null (strstr (lower, "inf"));
}

static int
find_ion (const MlSolution *sol,
          const char       *name)
{
  for (guint i = 0; i < sol->n_ions; i++)
    if (strcmp (sol->ions[i].ion.name, name) == 0)
      return (int) i;
  return -1;
}

static void
test_ghk (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_OFF);
  MlSolution sol;
  g_autoptr (GtkWidget) view = view_with (cell, &sol);
  g_autofree char *text = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_autofree char *e_k = format_mv (sol.ions[find_ion (&sol, "K")].nernst_mv);
  g_autofree char *v_rest = format_mv (sol.vm_rest_mv);

  g_test_message ("%s", text);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_GHK);
  g_assert_cmpfloat_with_epsilon (sol.ions[0].nernst_mv, -89.06, 0.01);
  /* 26.7267 · ln(16.75 / 190.25) = −64.94 */
  g_assert_cmpfloat_with_epsilon (sol.vm_rest_mv, -64.94, 0.01);

  g_assert_cmpstr (e_k, ==, "−89.06");
  g_assert_nonnull (strstr (text, e_k));
  g_assert_nonnull (strstr (text, v_rest));
  g_assert_nonnull (strstr (text, "Goldman–Hodgkin–Katz"));
  g_assert_nonnull (strstr (text, "T = 310.15 K"));
  g_assert_nonnull (strstr (text, "RT/F = 26.73 mV"));
  g_assert_nonnull (strstr (text, "ln(5 / 140)"));
  /* Permeabilities relative to P_K, concentrations substituted. */
  g_assert_nonnull (strstr (text, "1 · 5 + 0.05 · 145 + 0.45 · 10"));
  g_assert_nonnull (strstr (text, "1 · 140 + 0.05 · 15 + 0.45 · 110"));
  g_assert_nonnull (strstr (text, "out: spontaneous"));
  g_assert_nonnull (strstr (text, "million ions"));
  g_assert_nonnull (strstr (text, "% of the cell’s K⁺"));
  assert_no_nan (text);
}

static void
test_mullins_noda (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_RATIO);
  MlSolution sol;
  g_autoptr (GtkWidget) view = view_with (cell, &sol);
  g_autofree char *text = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_autofree char *v_rest = format_mv (sol.vm_rest_mv);
  g_autofree char *v_ghk = format_mv (sol.vm_ghk_mv);

  g_test_message ("%s", text);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_MULLINS_NODA);
  g_assert_nonnull (strstr (text, "Mullins–Noda"));
  g_assert_nonnull (strstr (text, "r = 1.5"));
  g_assert_nonnull (strstr (text, "1.5 · 1 · 5 + 0.05 · 145 + 1.5 · 0.45 · 10"));
  g_assert_nonnull (strstr (text, v_rest));
  g_assert_nonnull (strstr (text, v_ghk));
  g_assert_nonnull (strstr (text, "Pump contribution"));
  assert_no_nan (text);
}

static void
test_numeric (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_CURRENT);
  MlSolution sol;
  g_autoptr (GtkWidget) view = view_with (cell, &sol);
  g_autofree char *text = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_autofree char *v_rest = format_mv (sol.vm_rest_mv);

  g_test_message ("%s", text);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_NUMERIC);
  g_assert_nonnull (strstr (text, "solved numerically"));
  g_assert_nonnull (strstr (text, "ΣIion(V) + Ipump = 0"));
  g_assert_nonnull (strstr (text, "Ipump = 0.5 µA/cm² × 1.00"));
  g_assert_nonnull (strstr (text, v_rest));
  assert_no_nan (text);
}

/* docs/ARCHITECTURE.md: a cooling experiment must show RT/F and the pump's Q10 apart.
 * The steady state says why Q10 does not show there; a fixed current shows
 * its Q10 factor instead. */
static void
test_pump_q10 (void)
{
  const char *steady = "its Q10 does not change Vrest";
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_RATIO);
  MlSolution sol;
  g_autoptr (GtkWidget) view = NULL;
  g_autofree char *text = NULL;
  g_autofree char *current = NULL;
  g_autofree char *off = NULL;

  ml_cell_set_temperature (cell, 27.0);
  view = view_with (cell, &sol);
  text = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, steady));
  g_assert_nonnull (strstr (text, "follows the Na⁺ leak"));
  /* names the button of the model that shows it, "Kinetic" */
  g_assert_nonnull (strstr (text, "“Kinetic” keeps its rate and shows the kinetic effect of cooling"));
  g_assert_null (strstr (text, "Q10 factor"));
  /* the pump's lines, each one translatable sentence */
  g_assert_nonnull (strstr (text, "Without the pump: VGHK = "));
  g_assert_nonnull (strstr (text, "Pump contribution: Vrest − VGHK = "));
  g_assert_nonnull (strstr (text, " µA/cm² (outward positive)"));

  /* A fixed current at 27 °C: Q10 2.4 about 37 °C scales it by 1/2.4. */
  ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
  ml_cell_solve (cell, &sol);
  g_assert_cmpfloat_with_epsilon (sol.pump_q10_factor, 1.0 / 2.4, 1e-9);
  ml_math_view_set_solution (ML_MATH_VIEW (view), &sol);
  current = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_test_message ("%s", current);
  g_assert_null (strstr (current, steady));
  g_assert_nonnull (strstr (current, "Ipump = 0.5 µA/cm² × 0.42 (Q10 factor) = 0.21 µA/cm²"));

  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  ml_cell_solve (cell, &sol);
  ml_math_view_set_solution (ML_MATH_VIEW (view), &sol);
  off = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_assert_null (strstr (off, steady));
  g_assert_null (strstr (off, "Q10 factor"));
}

static void
test_divalent (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_OFF);
  MlSolution sol;
  g_autoptr (GtkWidget) view = NULL;
  g_autofree char *text = NULL;
  g_autofree char *v_rest = NULL;

  test_add_ion (cell, "Ca", 2, 0.0001, 2.0, 1e-9);
  view = view_with (cell, &sol);
  text = ml_math_view_get_text (ML_MATH_VIEW (view));
  v_rest = format_mv (sol.vm_rest_mv);

  g_test_message ("%s", text);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_GHK_DIVALENT);
  g_assert_nonnull (strstr (text, "positive root"));
  g_assert_nonnull (strstr (text, "Ca²⁺"));
  g_assert_nonnull (strstr (text, "ln(2 / 0.0001)"));
  g_assert_nonnull (strstr (text, v_rest));
  assert_no_nan (text);

  /* With the 3:2 pump: Mullins–Noda with Ca²⁺. */
  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_solve (cell, &sol);
  ml_math_view_set_solution (ML_MATH_VIEW (view), &sol);
  g_free (text);
  text = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_test_message ("%s", text);
  g_assert_cmpint (sol.formula, ==, ML_FORMULA_MULLINS_NODA_DIVALENT);
  g_assert_nonnull (strstr (text, "Mullins–Noda"));
  g_assert_nonnull (strstr (text, "r = 1.5"));
  assert_no_nan (text);
}

static void
test_degenerate (void)
{
  g_autoptr (MlCell) cell = ml_cell_new ();
  MlSolution sol;
  g_autoptr (GtkWidget) view = view_with (cell, &sol);
  g_autofree char *text = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_autofree char *cold = NULL;
  g_autofree char *empty = NULL;

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, ml_condition_message (ML_CONDITION_NO_PERMEANT_ION)));
  assert_no_nan (text);

  /* Colder than absolute zero, with ions: every E is undefined. */
  g_object_unref (cell);
  cell = neuron_new (ML_PUMP_RATIO);
  ml_cell_set_temperature (cell, -300.0);
  ml_cell_solve (cell, &sol);
  ml_math_view_set_solution (ML_MATH_VIEW (view), &sol);
  cold = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_test_message ("%s", cold);
  g_assert_nonnull (strstr (cold, ml_condition_message (ML_CONDITION_BAD_TEMPERATURE)));
  assert_no_nan (cold);

  /* A zero concentration sends E_K to −∞, said in words. */
  g_object_unref (cell);
  cell = neuron_new (ML_PUMP_OFF);
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 0.0);
  ml_cell_solve (cell, &sol);
  ml_math_view_set_solution (ML_MATH_VIEW (view), &sol);
  empty = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_test_message ("%s", empty);
  g_assert_nonnull (strstr (empty, "−∞: no K⁺ outside"));
  assert_no_nan (empty);
}

static void
test_clamped (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_OFF);
  MlSolution sol;
  g_autoptr (GtkWidget) view = ml_math_view_new ();
  g_autofree char *text = NULL;

  g_object_ref_sink (view);
  ml_cell_solve_at (cell, -40.0, &sol);
  ml_math_view_set_solution (ML_MATH_VIEW (view), &sol);
  text = ml_math_view_get_text (ML_MATH_VIEW (view));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "clamped at −40.00 mV"));
  assert_no_nan (text);
}

/* The number of rows follows the number of ions, both ways. */
static void
test_ion_count (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_OFF);
  MlSolution sol;
  g_autoptr (GtkWidget) view = view_with (cell, &sol);

  for (int round = 0; round < 3; round++)
    {
      g_autofree char *text = NULL;

      test_add_ion (cell, "Ca", 2, 0.0001, 2.0, 1e-9);
      ml_cell_solve (cell, &sol);
      ml_math_view_set_solution (ML_MATH_VIEW (view), &sol);
      ml_cell_clear_ions (cell);
      ml_cell_solve (cell, &sol);
      ml_math_view_set_solution (ML_MATH_VIEW (view), &sol);
      text = ml_math_view_get_text (ML_MATH_VIEW (view));
      g_assert_null (strstr (text, "K⁺"));
      test_add_ion (cell, "K", 1, 140.0, 5.0, 5e-7);
    }
}

static void
test_speed (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_RATIO);
  MlSolution sol;
  g_autoptr (GtkWidget) view = view_with (cell, &sol);
  GtkWidget *window = gtk_window_new ();
  gint64 start, elapsed;

  /* Shown, as in the app, so that label changes queue real work. */
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  start = g_get_monotonic_time ();
  for (int i = 0; i < 1000; i++)
    {
      ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 2.0 + i * 0.01);
      ml_cell_solve (cell, &sol);
      ml_math_view_set_solution (ML_MATH_VIEW (view), &sol);
    }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("1000 updates: %.1f ms", elapsed / 1000.0);
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Screenshots -------------------------------------------------------------- */

static void
wait_frames (GtkWidget *widget,
             int        n)
{
  GdkFrameClock *clock;

  while (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) <= 0)
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (widget);
  for (int i = 0; i < n; i++)
    {
      gint64 counter = gdk_frame_clock_get_frame_counter (clock);
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      while (gdk_frame_clock_get_frame_counter (clock) == counter
             && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
}

static void
render_png (GtkWidget  *widget,
            gboolean    dark,
            const char *name)
{
  cairo_surface_t *surface = test_render_on_theme (widget, dark);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* Not blank: many pixels differ from the corner. */
  g_assert_cmpint (ml_surface_count_differing (surface), >, width * height / 200);
  test_write_png (surface, name);
  cairo_surface_destroy (surface);
}

static void
screenshot (gboolean    dark,
            MlCell     *cell,
            int         width,
            const char *name)
{
  MlSolution sol;
  g_autoptr (GtkWidget) view = view_with (cell, &sol);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box;
  g_autofree char *text = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 500);
  /* As in the app, a control takes the first focus; alone in a window the
   * first selectable label would, and show all its text selected. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("Control"));
  gtk_box_append (GTK_BOX (box), view);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (window, 3);

  /* The colours change with the theme; the text must not. */
  text = ml_math_view_get_text (ML_MATH_VIEW (view));
  assert_no_nan (text);
  render_png (view, dark, name);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* In a pane like the app's (vertical scrolling only), the formulas stay on
 * one line when there is room and wrap when there is not, and nothing is
 * wider than the pane: the numbers at the ends of the lines stay in sight. */
static void
test_formulas_wrap_when_narrow (void)
{
  static const struct { int width; gboolean wraps; } cases[] = {
    { 1400, FALSE }, { 430, TRUE }, { 1400, FALSE },
  };
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_RATIO);
  MlSolution sol;
  GtkWidget *view = view_with (cell, &sol);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MlMathView *math = ML_MATH_VIEW (view);

      gtk_window_set_default_size (GTK_WINDOW (window), cases[i].width, 600);
      gtk_window_present (GTK_WINDOW (window));
      wait_frames (window, 3);
      g_test_message ("window %d px: view %d px, formulas wrap: %d", cases[i].width,
                      gtk_widget_get_width (view), ml_math_view_get_formulas_wrap (math));
      g_assert_cmpint (ml_math_view_get_formulas_wrap (math), ==, cases[i].wraps);
      g_assert_true (gtk_label_get_wrap (math->formula_label) == cases[i].wraps);
      g_assert_true (gtk_label_get_wrap (g_ptr_array_index (math->nernst_labels, 0)) == cases[i].wraps);
      /* The view fits the window, and each line fits the view. */
      g_assert_cmpint (gtk_widget_get_width (view), <=, cases[i].width);
      for (guint j = 0; j < math->nernst_labels->len; j++)
        {
          GtkWidget *line = g_ptr_array_index (math->nernst_labels, j);
          int natural;

          gtk_widget_measure (line, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          if (!cases[i].wraps)
            g_assert_cmpint (gtk_widget_get_width (line), >=, natural);
          g_assert_cmpint (gtk_widget_get_width (line), <, gtk_widget_get_width (view));
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshot_light (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_OFF);

  screenshot (FALSE, cell, 1000, "math-view-light.png");
}

static void
test_screenshot_dark (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_RATIO);

  screenshot (TRUE, cell, 1000, "math-view-dark.png");
}

/* Infinite E, a divalent ion, the pump as a current, in a narrow pane. */
static void
test_screenshot_narrow (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_CURRENT);

  test_add_ion (cell, "Ca", 2, 0.0001, 2.0, 1e-9);
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 0.0);
  screenshot (FALSE, cell, 600, "math-view-narrow.png");
}

static void
test_screenshot_undefined (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_RATIO);

  ml_cell_set_temperature (cell, -300.0);
  screenshot (TRUE, cell, 1000, "math-view-undefined.png");
}

/* Copy the Math keeps sub- and superscripts, as Unicode text: E_K is
 * "Eₖ" and the divalent quadratic's w = e^(FV/RT), not "EK" and "eFV/RT". */
static void
test_copy_keeps_scripts (void)
{
  g_autoptr (MlCell) cell = neuron_new (ML_PUMP_OFF);
  MlSolution sol;
  g_autoptr (GtkWidget) view = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *plain = NULL;

  test_add_ion (cell, "Ca", 2, 0.0001, 2.0, 5e-10);
  view = view_with (cell, &sol);
  copy = ml_math_view_get_copy_text (ML_MATH_VIEW (view));
  plain = ml_math_view_get_text (ML_MATH_VIEW (view));

  g_test_message ("%s", copy);
  g_assert_nonnull (strstr (copy, "Eₖ = "));
  g_assert_nonnull (strstr (copy, "e^(FV/RT)"));
  g_assert_null (strstr (copy, "eFV/RT"));
  g_assert_nonnull (strstr (plain, "eFV/RT"));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/math-view/ghk", test_ghk);
  g_test_add_func ("/math-view/mullins-noda", test_mullins_noda);
  g_test_add_func ("/math-view/numeric", test_numeric);
  g_test_add_func ("/math-view/pump-q10", test_pump_q10);
  g_test_add_func ("/math-view/divalent", test_divalent);
  g_test_add_func ("/math-view/degenerate", test_degenerate);
  g_test_add_func ("/math-view/clamped", test_clamped);
  g_test_add_func ("/math-view/ion-count", test_ion_count);
  g_test_add_func ("/math-view/speed", test_speed);
  g_test_add_func ("/math-view/screenshot-light", test_screenshot_light);
  g_test_add_func ("/math-view/screenshot-dark", test_screenshot_dark);
  g_test_add_func ("/math-view/screenshot-narrow", test_screenshot_narrow);
  g_test_add_func ("/math-view/formulas-wrap-when-narrow", test_formulas_wrap_when_narrow);
  g_test_add_func ("/math-view/screenshot-undefined", test_screenshot_undefined);

  g_test_add_func ("/math-view/copy-keeps-scripts", test_copy_keeps_scripts);
  return g_test_run ();
}
