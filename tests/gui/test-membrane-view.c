/* test-membrane-view.c — the membrane view's arrows, words and pictures
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks that every arrow points the way DESIGN.md says (a cation with a
 * positive driving force leaves, an anion with one enters), that the
 * accessible description says what the picture shows, and renders the view to
 * PNG at projector and full-HD sizes, light and dark, so a person can look.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ml-cell.h"
#include "gui-test-support.h"
#include "ml-format.h"
#include "ml-membrane-view.h"
#include "ml-membrane-view-private.h"
#include "ml-screenshot.h"
#include "ml-solution.h"

static const char *labels[] = { "K⁺", "Na⁺", "Cl⁻", "Ca²⁺" };

/* A mammalian neuron (Purves et al. 2018, Table 2.1): V ≈ −64.9 mV by GHK. */
static MlCell *
neuron_cell (void)
{
  MlCell *cell = ml_cell_new ();
  const MlIon ions[] = {
    { "K", 1, 140, 5, 5e-7, true },
    { "Na", 1, 15, 145, 2.5e-8, true },
    { "Cl", -1, 10, 110, 2.25e-7, true },
    { "Ca", 2, 0.0001, 2, 5e-10, true },
  };

  ml_cell_set_temperature (cell, 37.0);
  for (guint i = 0; i < G_N_ELEMENTS (ions); i++)
    g_assert_cmpint (ml_cell_set_ion (cell, &ions[i]), ==, (int) i);
  return cell;
}

static MlMembraneView *
new_view (void)
{
  return ML_MEMBRANE_VIEW (g_object_ref_sink (ml_membrane_view_new ()));
}

static void
assert_no_nan (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  g_assert_null (strstr (lower, "nan"));
  g_assert_null (strstr (lower, "inf"));
}

static void
test_arrows_follow_sign_rule (void)
{
  g_autoptr (MlCell) cell = neuron_cell ();
  g_autoptr (MlMembraneView) view = new_view ();
  MlSolution sol;

  ml_cell_solve (cell, &sol);
  g_assert_true (sol.vm_defined);
  g_assert_cmpfloat_with_epsilon (sol.vm_mv, -64.9, 0.5);

  ml_membrane_view_set_solution (view, &sol);
  g_assert_cmpuint (ml_membrane_view_get_n_arrows (view), ==, sol.n_ions);

  for (guint i = 0; i < sol.n_ions; i++)
    {
      const MlIonResult *r = &sol.ions[i];
      int expected;

      /* DESIGN.md: a cation with positive driving force leaves the cell, an
       * anion with positive driving force enters it. */
      if (fabs (r->driving_force_mv) < ML_EQUILIBRIUM_MV)
        expected = 0;
      else if (r->driving_force_mv > 0)
        expected = r->ion.z > 0 ? 1 : -1;
      else
        expected = r->ion.z > 0 ? -1 : 1;

      g_assert_cmpint (ml_membrane_view_get_arrow_direction (view, i), ==, expected);
    }

  /* the neuron numbers above */
  g_assert_cmpfloat_with_epsilon (sol.ions[0].nernst_mv, 26.7267 * log (5.0 / 140.0), 0.05);
  g_assert_cmpfloat (sol.ions[0].driving_force_mv, >, 20);
  g_assert_cmpint (ml_membrane_view_get_arrow_direction (view, 0), ==, 1);   /* K⁺ out */
  g_assert_cmpint (ml_membrane_view_get_arrow_direction (view, 1), ==, -1);  /* Na⁺ in */
  g_assert_cmpint (ml_membrane_view_get_arrow_direction (view, 3), ==, -1);  /* Ca²⁺ in */
}

static void
test_description_names_every_ion (void)
{
  g_autoptr (MlCell) cell = neuron_cell ();
  g_autoptr (MlMembraneView) view = new_view ();
  MlSolution sol;
  const char *text;

  ml_cell_solve (cell, &sol);
  ml_membrane_view_set_solution (view, &sol);
  text = ml_membrane_view_get_description (view);
  g_test_message ("%s", text);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_nonnull (strstr (text, labels[i]));
  g_assert_nonnull (strstr (text, "inside negative"));
  g_assert_nonnull (strstr (text, "moves out"));
  g_assert_nonnull (strstr (text, "moves in"));
  g_assert_nonnull (strstr (text, "−64.9 mV"));
  g_assert_nonnull (strstr (text, "Pump blocked"));
  assert_no_nan (text);

  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_solve (cell, &sol);
  ml_membrane_view_set_solution (view, &sol);
  g_assert_nonnull (strstr (ml_membrane_view_get_description (view), "3 Na⁺ out, 2 K⁺ in"));
}

/* The pump's words come from the solution: its ratio, its current, and
 * whether it has any Na⁺ to move. */
static void
test_description_pump (void)
{
  g_autoptr (MlCell) cell = neuron_cell ();
  g_autoptr (MlMembraneView) view = new_view ();
  MlSolution sol;
  const char *text;

  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_set_pump_ratio (cell, 2.0);
  ml_cell_solve (cell, &sol);
  ml_membrane_view_set_solution (view, &sol);
  text = ml_membrane_view_get_description (view);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Pump on: 2 Na⁺ out, 1 K⁺ in."));
  g_assert_null (strstr (text, "3 Na⁺"));

  /* no small whole numbers: r Na⁺ per K⁺ */
  ml_cell_set_pump_ratio (cell, 1.37);
  ml_cell_solve (cell, &sol);
  ml_membrane_view_set_solution (view, &sol);
  text = ml_membrane_view_get_description (view);
  g_assert_nonnull (strstr (text, "Pump on: 1.37 Na⁺ out, 1 K⁺ in."));

  /* a fixed current has no stoichiometry, only its current (Q10 factor 1
   * at the 37 °C reference) */
  ml_cell_set_pump_ratio (cell, 1.5);
  ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
  ml_cell_set_pump_current (cell, 0.5);
  ml_cell_solve (cell, &sol);
  g_assert_cmpfloat_with_epsilon (sol.pump_current_ua_cm2, 0.5, 1e-9);
  ml_membrane_view_set_solution (view, &sol);
  text = ml_membrane_view_get_description (view);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Pump on at a fixed current of +0.50 µA/cm²"));
  g_assert_null (strstr (text, "3 Na⁺"));
  g_assert_null (strstr (text, "2 K⁺"));

  /* steady state with Na⁺ switched off: nothing to pump */
  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_set_ion_enabled (cell, 1, FALSE);
  ml_cell_solve (cell, &sol);
  g_assert_cmpfloat (sol.pump_current_ua_cm2, ==, 0.0);
  ml_membrane_view_set_solution (view, &sol);
  text = ml_membrane_view_get_description (view);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "carries no current: there is no Na⁺"));
  g_assert_null (strstr (text, "Pump on:"));

  /* … or with its channel closed: no leak for the pump to balance */
  ml_cell_set_ion_enabled (cell, 1, TRUE);
  ml_cell_set_ion_value (cell, 1, ML_ION_FIELD_P, 0.0);
  ml_cell_solve (cell, &sol);
  g_assert_cmpfloat (sol.pump_current_ua_cm2, ==, 0.0);
  ml_membrane_view_set_solution (view, &sol);
  text = ml_membrane_view_get_description (view);
  g_assert_nonnull (strstr (text, "carries no current: the Na⁺ channel is closed"));
  g_assert_null (strstr (text, "Pump on:"));

  /* … or, in either model, with no K⁺ outside to take in (the core says
   * it idles: MlSolution.pump_running) */
  ml_cell_set_ion_value (cell, 1, ML_ION_FIELD_P, 5e-8);
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 0.0);
  for (int mode = ML_PUMP_RATIO; mode <= ML_PUMP_CURRENT; mode++)
    {
      ml_cell_set_pump_mode (cell, mode);
      ml_cell_solve (cell, &sol);
      g_assert_false (sol.pump_running);
      g_assert_cmpfloat (sol.pump_current_ua_cm2, ==, 0.0);
      ml_membrane_view_set_solution (view, &sol);
      text = ml_membrane_view_get_description (view);
      g_assert_nonnull (strstr (text, "there is no K⁺ outside"));
    }
  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 5.0);

  /* … or with no Na⁺ in the cell at all */
  ml_cell_clear_ions (cell);
  g_assert_cmpint (ml_cell_set_ion (cell, &(MlIon) { "K", 1, 140, 5, 5e-7, true }), ==, 0);
  ml_cell_solve (cell, &sol);
  ml_membrane_view_set_solution (view, &sol);
  text = ml_membrane_view_get_description (view);
  g_assert_nonnull (strstr (text, "carries no current: there is no Na⁺"));

  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  ml_cell_solve (cell, &sol);
  ml_membrane_view_set_solution (view, &sol);
  g_assert_nonnull (strstr (ml_membrane_view_get_description (view), "Pump blocked."));
}

/* The pump's stoichiometry as the picture labels it. */
static void
test_format_ratio (void)
{
  static const struct { double r; const char *n, *d; gboolean whole; } cases[] = {
    { 1.5, "3", "2", TRUE },
    { 1.4999, "3", "2", TRUE },
    { 2.0, "2", "1", TRUE },
    { 1.0, "1", "1", TRUE },
    { 1.33, "4", "3", TRUE },
    { 2.5, "5", "2", TRUE },
    { 1.37, "1.37", "1", FALSE },
    { 2.913, "2.91", "1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *n = NULL;
      g_autofree char *d = NULL;

      g_assert_cmpint (ml_format_ratio (cases[i].r, 4, &n, &d), ==, cases[i].whole);
      g_assert_cmpstr (n, ==, cases[i].n);
      g_assert_cmpstr (d, ==, cases[i].d);
    }
}

static void
test_equilibrium (void)
{
  g_autoptr (MlCell) cell = neuron_cell ();
  g_autoptr (MlMembraneView) view = new_view ();
  MlSolution sol;
  const char *text;

  ml_cell_solve (cell, &sol);
  ml_cell_solve_at (cell, sol.ions[0].nernst_mv, &sol);
  ml_membrane_view_set_solution (view, &sol);

  g_assert_cmpuint (ml_membrane_view_get_n_arrows (view), ==, 4);
  g_assert_cmpint (ml_membrane_view_get_arrow_direction (view, 0), ==, 0);
  g_assert_cmpint (ml_membrane_view_get_arrow_direction (view, 1), ==, -1);

  text = ml_membrane_view_get_description (view);
  g_assert_nonnull (strstr (text, "K⁺: at equilibrium"));
  assert_no_nan (text);
}

static void
test_degenerate (void)
{
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (MlMembraneView) view = new_view ();
  MlSolution sol;
  const char *text, *why;

  ml_cell_solve (cell, &sol);
  g_assert_false (sol.vm_defined);
  ml_membrane_view_set_solution (view, &sol);

  g_assert_cmpuint (ml_membrane_view_get_n_arrows (view), ==, 0);
  why = ml_condition_message (sol.condition);
  g_assert_nonnull (why);
  text = ml_membrane_view_get_description (view);
  g_assert_nonnull (strstr (text, why));
  assert_no_nan (text);

  /* and back to nothing at all */
  ml_membrane_view_set_solution (view, NULL);
  g_assert_cmpuint (ml_membrane_view_get_n_arrows (view), ==, 0);
  assert_no_nan (ml_membrane_view_get_description (view));
}

static void
test_infinite_and_closed (void)
{
  g_autoptr (MlCell) cell = neuron_cell ();
  g_autoptr (MlMembraneView) view = new_view ();
  MlSolution sol;
  const char *text;

  /* no K⁺ outside: E_K = −∞, so K⁺ leaves whatever V is */
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 0.0);
  ml_cell_set_ion_value (cell, 2, ML_ION_FIELD_P, 0.0);
  ml_cell_set_ion_enabled (cell, 3, FALSE);
  ml_cell_solve (cell, &sol);
  ml_membrane_view_set_solution (view, &sol);

  g_assert_cmpuint (ml_membrane_view_get_n_arrows (view), ==, 4);
  g_assert_cmpint (ml_membrane_view_get_arrow_direction (view, 0), ==, 1);
  text = ml_membrane_view_get_description (view);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "∞"));
  g_assert_nonnull (strstr (text, "channel is closed"));
  g_assert_nonnull (strstr (text, "switched off"));
}

static void
test_accessible_role (void)
{
  g_autoptr (MlMembraneView) view = new_view ();

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
}

/* Rendering ----------------------------------------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWindow *
show_view (GtkWidget *view,
           int        width,
           int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_set_size_request (view, width, height);
  gtk_window_set_child (window, view);
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);

  while ((gtk_widget_get_width (view) != width || gtk_widget_get_height (view) != height ||
          !gtk_widget_get_mapped (view)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  spin (50);

  g_assert_cmpint (gtk_widget_get_width (view), ==, width);
  g_assert_cmpint (gtk_widget_get_height (view), ==, height);
  return window;
}

/* Renders the view over the theme's window colour and saves it. */
static void
render_png (GtkWidget  *view,
            gboolean    dark,
            const char *name)
{
  int w = gtk_widget_get_width (view);
  int h = gtk_widget_get_height (view);
  cairo_surface_t *surface = test_render_on_theme (view, dark);
  g_autofree char *file = g_strdup_printf ("membrane-view-%s-%dx%d-%s.png", name, w, h,
                                           dark ? "dark" : "light");

  /* not blank: plenty of pixels differ from the first one */
  g_assert_cmpint (ml_surface_count_differing (surface), >, w * h / 10);
  test_write_png (surface, file);
  cairo_surface_destroy (surface);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  spin (50);
}

typedef enum
{
  SCENE_NEURON,
  SCENE_OFF,
  SCENE_EQUILIBRIUM,
  SCENE_DEGENERATE,
  SCENE_EMPTY,
  SCENE_PUMP_RATIO,     /* r = 1.37: no whole numbers */
  SCENE_PUMP_CURRENT,   /* a fixed current: no stoichiometry */
  SCENE_PUMP_IDLE,      /* steady state with Na⁺ switched off */
  SCENE_DEGENERATE_PUMP, /* no permeant ion, the pump at a fixed current */
} Scene;

static void
solve_scene (Scene       scene,
             MlSolution *sol)
{
  g_autoptr (MlCell) cell = NULL;

  if (scene == SCENE_EMPTY)
    {
      cell = ml_cell_new ();
      ml_cell_solve (cell, sol);
      return;
    }

  if (scene == SCENE_DEGENERATE || scene == SCENE_DEGENERATE_PUMP)
    {
      cell = neuron_cell ();
      for (guint i = 0; i < 4; i++)
        ml_cell_set_ion_value (cell, i, ML_ION_FIELD_P, 0.0);
      if (scene == SCENE_DEGENERATE_PUMP)
        {
          ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
          ml_cell_set_pump_current (cell, 0.5);
        }
      ml_cell_solve (cell, sol);
      g_assert_false (sol->vm_defined);
      return;
    }

  cell = neuron_cell ();
  switch (scene)
    {
    case SCENE_NEURON:
      ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
      ml_cell_solve (cell, sol);
      break;
    case SCENE_OFF:
      /* pump blocked, Cl⁻ closed, Ca²⁺ switched off, no K⁺ outside (E = −∞) */
      ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 0.0);
      ml_cell_set_ion_value (cell, 2, ML_ION_FIELD_P, 0.0);
      ml_cell_set_ion_enabled (cell, 3, FALSE);
      ml_cell_solve (cell, sol);
      break;
    case SCENE_EQUILIBRIUM:
      ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
      ml_cell_solve (cell, sol);
      ml_cell_solve_at (cell, sol->ions[2].nernst_mv, sol);
      break;
    case SCENE_PUMP_RATIO:
      ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
      ml_cell_set_pump_ratio (cell, 1.37);
      ml_cell_solve (cell, sol);
      break;
    case SCENE_PUMP_CURRENT:
      ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
      ml_cell_set_pump_current (cell, 0.5);
      ml_cell_solve (cell, sol);
      break;
    case SCENE_PUMP_IDLE:
      ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
      ml_cell_set_ion_enabled (cell, 1, FALSE);
      ml_cell_solve (cell, sol);
      break;
    case SCENE_DEGENERATE:
    case SCENE_DEGENERATE_PUMP:
    case SCENE_EMPTY:
    default:
      g_assert_not_reached ();
    }
}

static void
test_render (void)
{
  static const int sizes[][2] = { { 560, 360 }, { 1300, 700 }, { 420, 300 }, { 400, 560 } };
  static const struct { Scene scene; const char *name; } scenes[] = {
    { SCENE_NEURON, "neuron" },
    { SCENE_OFF, "off" },
    { SCENE_EQUILIBRIUM, "equilibrium" },
    { SCENE_DEGENERATE, "undefined" },
    { SCENE_DEGENERATE_PUMP, "undefined-pump" },
    { SCENE_EMPTY, "empty" },
    { SCENE_PUMP_RATIO, "pump-ratio" },
    { SCENE_PUMP_CURRENT, "pump-current" },
    { SCENE_PUMP_IDLE, "pump-idle" },
  };

  for (guint d = 0; d < 2; d++)
    {
      set_dark (d == 1);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          GtkWidget *view = ml_membrane_view_new ();
          GtkWindow *window = show_view (view, sizes[s][0], sizes[s][1]);

          for (guint k = 0; k < G_N_ELEMENTS (scenes); k++)
            {
              MlSolution sol;

              solve_scene (scenes[k].scene, &sol);
              ml_membrane_view_set_solution (ML_MEMBRANE_VIEW (view), &sol);
              spin (20);
              render_png (view, d == 1, scenes[k].name);
            }
          gtk_window_destroy (window);
        }
    }
  set_dark (FALSE);
}

/* A narrow, tall view (1024×768 with the controls pane open), the smallest
 * one and a wide one: every size draws all the particles, lipids between
 * the proteins and charges along the faces. */
static void
test_render_sizes (void)
{
  static const int sizes[][2] = { { 1300, 700 }, { 400, 560 }, { 360, 560 }, { 360, 300 } };
  guint n_particles = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      GtkWidget *view = ml_membrane_view_new ();
      GtkWindow *window = show_view (view, sizes[s][0], sizes[s][1]);
      MlMembraneView *mv = ML_MEMBRANE_VIEW (view);
      MlSolution sol;

      solve_scene (SCENE_NEURON, &sol);
      ml_membrane_view_set_solution (mv, &sol);
      spin (20);
      render_png (view, FALSE, "sizes");
      g_test_message ("%d×%d: %u particles, %u lipids, %u charges", sizes[s][0], sizes[s][1],
                      ml_membrane_view_get_n_particles_drawn (mv),
                      ml_membrane_view_get_n_lipids_drawn (mv),
                      ml_membrane_view_get_n_charges_drawn (mv));

      /* the same particles at every size: they shrink, never vanish */
      if (s == 0)
        n_particles = ml_membrane_view_get_n_particles_drawn (mv);
      g_assert_cmpuint (n_particles, >, 40);
      g_assert_cmpuint (ml_membrane_view_get_n_particles_drawn (mv), ==, n_particles);
      /* at least two heads per leaflet in each of the six gaps */
      g_assert_cmpuint (ml_membrane_view_get_n_lipids_drawn (mv), >=, 2 * 2 * 6);
      /* V_m ≈ −65 mV: a charge pair in most gaps */
      g_assert_cmpuint (ml_membrane_view_get_n_charges_drawn (mv), >=, 4);
      /* The status line under each channel is whole: in a narrow view the
       * short form ("out"/"in") rather than a cut "moves o…". */
      for (guint slot = 0; slot < N_SLOTS; slot++)
        {
          PangoLayout *status = mv->texts[TEXT_SLOT_0 + 3 * slot + 2].layout;

          if (status != NULL && mv->texts[TEXT_SLOT_0 + 3 * slot + 2].text != NULL)
            g_assert_false (pango_layout_is_ellipsized (status));
        }

      gtk_window_destroy (window);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Prints the median cost of one frame at full-HD size: snapshot plus cairo
 * rasterisation, as the cairo renderer does it on every slider step. */
static void
test_render_time (void)
{
  GtkWidget *view = ml_membrane_view_new ();
  GtkWindow *window = show_view (view, 1300, 700);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1300, 700);
  double times[200], snap_times[200];
  MlSolution sol;

  solve_scene (SCENE_NEURON, &sol);
  ml_membrane_view_set_solution (ML_MEMBRANE_VIEW (view), &sol);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      cairo_t *cr;
      gint64 start = g_get_monotonic_time ();

      GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      snap_times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cr = cairo_create (surface);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      gsk_render_node_unref (node);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_doubles);
  qsort (snap_times, G_N_ELEMENTS (snap_times), sizeof snap_times[0], compare_doubles);
  g_test_message ("membrane view 1300×700: median %.3f ms (snapshot alone %.3f ms), "
                  "90th percentile %.3f ms",
                  times[G_N_ELEMENTS (times) / 2], snap_times[G_N_ELEMENTS (times) / 2],
                  times[G_N_ELEMENTS (times) * 9 / 10]);

  cairo_surface_destroy (surface);
  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/membrane-view/arrows/sign-rule", test_arrows_follow_sign_rule);
  g_test_add_func ("/membrane-view/arrows/equilibrium", test_equilibrium);
  g_test_add_func ("/membrane-view/arrows/infinite-and-closed", test_infinite_and_closed);
  g_test_add_func ("/membrane-view/description/every-ion", test_description_names_every_ion);
  g_test_add_func ("/membrane-view/description/pump", test_description_pump);
  g_test_add_func ("/membrane-view/description/degenerate", test_degenerate);
  g_test_add_func ("/membrane-view/pump/ratio-format", test_format_ratio);
  g_test_add_func ("/membrane-view/accessible/role", test_accessible_role);
  g_test_add_func ("/membrane-view/render/png", test_render);
  g_test_add_func ("/membrane-view/render/sizes", test_render_sizes);
  g_test_add_func ("/membrane-view/render/time", test_render_time);

  return g_test_run ();
}
