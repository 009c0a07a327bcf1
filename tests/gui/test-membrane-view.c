/* test-membrane-view.c — the membrane view's arrows, words and pictures
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks that every arrow points the way docs/ARCHITECTURE.md says (a cation with a
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

      /* docs/ARCHITECTURE.md: a cation with positive driving force leaves the cell, an
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

/* The two forces, the legend and the named numbers --------------------- */

/* The squid giant axon (Hodgkin & Katz 1949) at 18 °C, pump off, as the
 * preset: V_rest = −59.5 mV by GHK (test-physics.c). */
static MlCell *
squid_cell (void)
{
  MlCell *cell = ml_cell_new ();

  ml_cell_set_temperature (cell, 18.0);
  test_add_ion (cell, "K", 1, 400, 20, 1e-6);
  test_add_ion (cell, "Na", 1, 50, 440, 4e-8);
  test_add_ion (cell, "Cl", -1, 52, 560, 4.5e-7);
  return cell;
}

static void
assert_part (const char *text,
             const char *label,
             const char *part,
             double      mv,
             const char *way)
{
  g_autofree char *value = ml_membrane_view_format_mv (mv, TRUE);
  g_autofree char *want = g_strdup_printf ("%s %s push: %s, %s.", label, part, value, way);

  if (strstr (text, want) == NULL)
    g_error ("“%s” not in “%s”", want, text);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    data)
{
  (*(guint *) data)++;
}

/* show-forces: the description says both parts of every ion's V − E with
 * the core's numbers, and which way each pushes. */
static void
test_forces_description (void)
{
  g_autoptr (MlCell) cell = squid_cell ();
  g_autoptr (MlMembraneView) view = new_view ();
  MlSolution sol;
  const char *text;
  guint notified = 0;

  ml_cell_solve (cell, &sol);
  g_assert_true (sol.vm_defined);
  g_assert_cmpfloat_with_epsilon (sol.vm_mv, -59.52, 0.01);
  /* E_K = 25.0894 × ln(20/400) = −75.16 mV: the gradient pushes K⁺ out */
  g_assert_cmpfloat_with_epsilon (sol.ions[0].chemical_push_mv, 75.16, 0.01);
  ml_membrane_view_set_solution (view, &sol);

  text = ml_membrane_view_get_description (view);
  g_assert_null (strstr (text, "chemical push"));
  g_assert_false (ml_membrane_view_get_show_forces (view));

  g_signal_connect (view, "notify::show-forces", G_CALLBACK (notify_cb), &notified);
  g_object_set (view, "show-forces", TRUE, NULL);
  g_object_set (view, "show-forces", TRUE, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (ml_membrane_view_get_show_forces (view));

  text = ml_membrane_view_get_description (view);
  g_test_message ("%s", text);
  /* By hand: K⁺ chemical +75.2 (a cation pushed by a positive part
   * leaves), electrical −59.5 (in); Na⁺ chemical −54.6 (in), electrical
   * −59.5 (in); Cl⁻ chemical +59.6 and electrical −59.5: an anion pushed
   * by a positive part enters, by a negative one leaves. */
  assert_part (text, "K⁺", "chemical", sol.ions[0].chemical_push_mv, "outward");
  assert_part (text, "K⁺", "electrical", sol.ions[0].electrical_push_mv, "inward");
  assert_part (text, "Na⁺", "chemical", sol.ions[1].chemical_push_mv, "inward");
  assert_part (text, "Na⁺", "electrical", sol.ions[1].electrical_push_mv, "inward");
  assert_part (text, "Cl⁻", "chemical", sol.ions[2].chemical_push_mv, "inward");
  assert_part (text, "Cl⁻", "electrical", sol.ions[2].electrical_push_mv, "outward");
  g_assert_nonnull (strstr (text, "K⁺ chemical push: +75.2 mV, outward."));
  g_assert_nonnull (strstr (text, "K⁺ electrical push: −59.5 mV, inward."));
  assert_no_nan (text);

  /* an ion with E = −∞ has no parts to tell */
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, 0.0);
  ml_cell_solve (cell, &sol);
  ml_membrane_view_set_solution (view, &sol);
  text = ml_membrane_view_get_description (view);
  g_assert_null (strstr (text, "K⁺ chemical push"));
  g_assert_nonnull (strstr (text, "Na⁺ chemical push"));

  g_object_set (view, "show-forces", FALSE, NULL);
  g_assert_null (strstr (ml_membrane_view_get_description (view), "chemical push"));
  g_assert_cmpuint (notified, ==, 2);
}

static gboolean
surfaces_differ (cairo_surface_t *a,
                 cairo_surface_t *b,
                 guint            min_pixels)
{
  int h = cairo_image_surface_get_height (a);
  int w = cairo_image_surface_get_width (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (((const guint32 *) (pa + y * stride))[x] != ((const guint32 *) (pb + y * stride))[x])
        n++;
  g_test_message ("%u pixels differ", n);
  return n >= min_pixels;
}

/* Every text the last frame laid out, for the checks below. */
static void
assert_texts_at_least (MlMembraneView *mv,
                       double          px)
{
  for (guint i = 0; i < N_TEXTS; i++)
    if (mv->texts[i].layout != NULL && mv->texts[i].text != NULL)
      if (mv->texts[i].size < px * PANGO_SCALE - 1)
        g_error ("“%s” at %.1f px, under %.0f px", mv->texts[i].text,
                 mv->texts[i].size / (double) PANGO_SCALE, px);
}

/* The numbers under the channels say what they are: "V − E" beside every
 * driving force at every size, the pump's µA/cm² never in that row. */
static void
assert_labels_named (MlMembraneView *mv)
{
  for (guint slot = 0; slot < mv->solution.n_ions + 1; slot++)
    {
      const char *value = mv->texts[TEXT_SLOT_0 + 3 * slot + 1].text;
      const char *last = mv->texts[TEXT_SLOT_0 + 3 * slot + 2].text;
      guint pump_slot = mv->solution.n_ions / 2;

      g_assert_nonnull (value);
      if (slot == pump_slot)
        {
          g_assert_null (strstr (value, "µA/cm²"));
          g_assert_null (strstr (value, "mV"));
          if (mv->solution.pump_mode != ML_PUMP_OFF)
            g_assert_nonnull (strstr (last, "µA/cm²"));
        }
      else
        g_assert_nonnull (strstr (value, "V − E"));
      g_assert_false (pango_layout_is_ellipsized (mv->texts[TEXT_SLOT_0 + 3 * slot + 1].layout));
    }
}

static void
test_legend_and_forces_render (void)
{
  static const int sizes[][2] = { { 410, 400 }, { 560, 360 }, { 360, 300 }, { 1300, 700 },
                                  { 1900, 620 } };

  for (guint d = 0; d < 2; d++)
    {
      set_dark (d == 1);
      for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
        {
          g_autoptr (MlCell) cell = squid_cell ();
          GtkWidget *view = ml_membrane_view_new ();
          MlMembraneView *mv = ML_MEMBRANE_VIEW (view);
          GtkWindow *window = show_view (view, sizes[k][0], sizes[k][1]);
          cairo_surface_t *plain, *legend, *forces;
          g_autofree char *name = NULL;
          MlSolution sol;

          ml_cell_set_pump_mode (cell, ML_PUMP_KINETIC);
          ml_cell_solve (cell, &sol);
          ml_membrane_view_set_solution (mv, &sol);
          spin (20);
          plain = test_render_on_theme (view, d == 1);
          assert_labels_named (mv);

          g_object_set (view, "show-legend", TRUE, NULL);
          g_assert_true (ml_membrane_view_get_show_legend (mv));
          spin (20);
          legend = test_render_on_theme (view, d == 1);
          g_assert_true (surfaces_differ (plain, legend, sizes[k][0] * sizes[k][1] / 50));
          assert_labels_named (mv);
          g_assert_nonnull (strstr (mv->texts[TEXT_LEGEND].text, "Arrow length: driving force V − E"));
          g_assert_null (strstr (mv->texts[TEXT_LEGEND].text, "chemical push"));

          g_object_set (view, "show-forces", TRUE, NULL);
          spin (20);
          forces = test_render_on_theme (view, d == 1);
          g_assert_true (surfaces_differ (legend, forces, 500));
          g_assert_nonnull (strstr (mv->texts[TEXT_LEGEND].text, "chemical push"));
          /* each ion's two labels, in words and mV, never cut */
          for (guint i = 0; i < sol.n_ions; i++)
            {
              const CachedText *chem = &mv->texts[TEXT_FORCE_0 + 2 * i + FORCE_CHEMICAL];
              const CachedText *elec = &mv->texts[TEXT_FORCE_0 + 2 * i + FORCE_ELECTRICAL];
              g_autofree char *mv_chem = ml_membrane_view_format_mv (sol.ions[i].chemical_push_mv,
                                                                      TRUE);

              g_assert_nonnull (chem->text);
              g_assert_nonnull (strstr (chem->text, "chemical"));
              g_assert_nonnull (strstr (chem->text, mv_chem));
              g_assert_nonnull (strstr (elec->text, "electrical"));
              g_assert_false (pango_layout_is_ellipsized (chem->layout));
              g_assert_false (pango_layout_is_ellipsized (elec->layout));
            }
          assert_labels_named (mv);
          name = g_strdup_printf ("membrane-view-forces-legend-%dx%d-%s.png", sizes[k][0],
                                  sizes[k][1], d ? "dark" : "light");
          test_write_png (forces, name);

          /* the forces alone */
          g_object_set (view, "show-legend", FALSE, NULL);
          spin (20);
          cairo_surface_destroy (legend);
          legend = test_render_on_theme (view, d == 1);
          g_free (name);
          name = g_strdup_printf ("membrane-view-forces-%dx%d-%s.png", sizes[k][0], sizes[k][1],
                                  d ? "dark" : "light");
          test_write_png (legend, name);
          assert_labels_named (mv);

          /* and off again: the picture of before */
          g_object_set (view, "show-legend", FALSE, "show-forces", FALSE, NULL);
          spin (20);
          cairo_surface_destroy (legend);
          legend = test_render_on_theme (view, d == 1);
          g_assert_false (surfaces_differ (plain, legend, 1));

          cairo_surface_destroy (plain);
          cairo_surface_destroy (legend);
          cairo_surface_destroy (forces);
          gtk_window_destroy (window);
        }
    }
  set_dark (FALSE);
}

/* Presentation mode sets a CSS font size of 14 pt (18.7 px) on the view;
 * every drawn label follows it, the new ones too. */
static void
test_presentation_font_floor (void)
{
  g_autoptr (MlCell) cell = squid_cell ();
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();
  GtkWidget *view = ml_membrane_view_new ();
  MlMembraneView *mv = ML_MEMBRANE_VIEW (view);
  GtkWindow *window;
  cairo_surface_t *surface;
  MlSolution sol;

  gtk_css_provider_load_from_data (provider, "membrane-view { font-size: 14pt; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  window = show_view (view, 410, 400);
  ml_cell_set_pump_mode (cell, ML_PUMP_KINETIC);
  ml_cell_solve (cell, &sol);
  ml_membrane_view_set_solution (mv, &sol);
  g_object_set (view, "show-legend", TRUE, "show-forces", TRUE, NULL);
  spin (20);
  surface = test_render_on_theme (view, FALSE);
  assert_texts_at_least (mv, 18.0);
  assert_labels_named (mv);
  test_write_png (surface, "membrane-view-forces-legend-presentation-410x400.png");
  cairo_surface_destroy (surface);

  gtk_window_destroy (window);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (provider));
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

/* The darkest grey (0–1, the mean of R, G and B) among the pixels of the
 * rectangle whose channels agree within 0.04: text in the text colour,
 * not the ions' coloured particles. */
static double
darkest_grey (cairo_surface_t *surface,
              int x0, int y0, int x1, int y1)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  double darkest = 1.0;

  cairo_surface_flush (surface);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + 4 * x);
        double r = ((p >> 16) & 0xff) / 255.0, g = ((p >> 8) & 0xff) / 255.0, b = (p & 0xff) / 255.0;

        if (fabs (r - g) < 0.04 && fabs (g - b) < 0.04)
          darkest = MIN (darkest, (r + g + b) / 3);
      }
  return darkest;
}

/* High contrast draws the secondary labels ("Outside", "Inside
 * (cytosol)", "moves out") in the full text colour, not the grey of the
 * normal style: their darkest pixels are as dark as the ion's name's
 * black "V − E" line. */
static void
test_high_contrast_labels (void)
{
  g_autoptr (GSettings) a11y = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema =
    source != NULL ? g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface", TRUE)
                   : NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  double label[2], strong[2];

  if (schema == NULL || !g_settings_schema_has_key (schema, "high-contrast"))
    {
      g_test_skip ("no org.gnome.desktop.a11y.interface schema to ask for high contrast");
      return;
    }
  a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  set_dark (FALSE);
  for (int hc = 0; hc < 2; hc++)
    {
      GtkWidget *view = ml_membrane_view_new ();
      GtkWindow *window;
      cairo_surface_t *surface;
      MlSolution sol;
      int w = 1000, h = 600;

      g_settings_set_boolean (a11y, "high-contrast", hc == 1);
      spin (100);
      g_assert_cmpint (adw_style_manager_get_high_contrast (manager), ==, hc == 1);
      window = show_view (view, w, h);
      solve_scene (SCENE_NEURON, &sol);
      ml_membrane_view_set_solution (ML_MEMBRANE_VIEW (view), &sol);
      spin (50);
      surface = test_render_on_theme (view, FALSE);
      test_write_png (surface, hc ? "membrane-view-high-contrast.png" : "membrane-view-normal.png");
      /* "Inside (cytosol)" in the bottom left corner; the row of "V − E"
       * under the channels, drawn in the text colour at full strength. */
      label[hc] = darkest_grey (surface, 0, h * 0.90, w * 0.2, h);
      strong[hc] = darkest_grey (surface, 0, h * 0.62, w, h * 0.80);
      g_test_message ("%s: darkest of the label %.3f, of the strong text %.3f",
                      hc ? "high contrast" : "normal", label[hc], strong[hc]);
      cairo_surface_destroy (surface);
      gtk_window_destroy (window);
    }
  g_settings_set_boolean (a11y, "high-contrast", FALSE);
  spin (100);
  /* Normally the label is a lighter grey than the strong text … */
  g_assert_cmpfloat (label[0], >, strong[0] + 0.1);
  /* … in high contrast it is as dark. */
  g_assert_cmpfloat (fabs (label[1] - strong[1]), <, 0.05);
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
  g_test_add_func ("/membrane-view/forces/description", test_forces_description);
  g_test_add_func ("/membrane-view/legend/render", test_legend_and_forces_render);
  g_test_add_func ("/membrane-view/presentation/font-floor", test_presentation_font_floor);
  g_test_add_func ("/membrane-view/high-contrast/labels", test_high_contrast_labels);

  return g_test_run ();
}
