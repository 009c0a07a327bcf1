/* test-gui.c — the real main window, driven as a user would
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (meson suite "gui").  Each test changes the cell through a
 * control of the window — a slider, typed text, a switch — waits for a
 * frame, and checks that the gauge's accessible value, the math panel and
 * the arrows all say what the core says for the same cell, solved here
 * independently from a copy.  Then it renders the window to PNG at the sizes
 * a lecture hall and a desktop use, light and dark.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gui-test-support.h"
#include "ml-controls.h"
#include "ml-donnan-window.h"
#include "ml-format.h"
#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-screenshot.h"
#include "ml-window-private.h"

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Iterates until the window has drawn at least one more frame. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 start = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (widget);
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      if (clock != NULL && gdk_frame_clock_get_frame_counter (clock) > start + 1)
        break;
    }
  /* The needle eases for about 150 ms. */
  wait_ms (250);
}

static MlWindow *
window_new (int width,
            int height)
{
  MlWindow *window = ml_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (GTK_WIDGET (window));
  return window;
}

static void
window_destroy (MlWindow *window)
{
  /* Never ask about unsaved changes when a test ends. */
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (20);
}

static char *
format_mv (double mv)
{
  char buf[64];
  GString *s = g_string_new (NULL);

  /* The math view writes millivolts with two decimals, a real minus sign and
   * an explicit plus. */
  g_snprintf (buf, sizeof buf, "%.2f", fabs (mv));
  if (strcmp (buf, "0.00") != 0)
    g_string_append (s, mv < 0 ? "−" : "+");
  g_string_append (s, buf);
  g_string_append (s, " mV");
  return g_string_free (s, FALSE);
}

/* Everything the window shows must agree with the core for a copy of the cell. */
static void
assert_views_match_core (MlWindow *window)
{
  g_autoptr(MlCell) copy = ml_cell_copy (ml_window_get_cell (window));
  MlSolution expected;
  g_autofree char *math = NULL;
  char *problem;
  MlMembraneView *view = ml_window_get_membrane_view (window);

  ml_cell_solve (copy, &expected);
  g_assert_true (expected.vm_defined);

  /* The gauge: the accessible value is the core's V_m, exactly. */
  g_assert_cmpfloat (ml_gauge_get_value (ml_window_get_gauge (window)), ==, expected.vm_mv);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (ml_window_get_gauge (window)),
                                                GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, expected.vm_mv);
  g_assert_null (problem);
  g_assert_cmpfloat_with_epsilon (ml_gauge_get_needle_value (ml_window_get_gauge (window)),
                                  expected.vm_mv, 1e-6);

  /* The math: the same V_rest and every Nernst potential, as numbers. */
  math = ml_math_view_get_text (ml_window_get_math_view (window));
  {
    g_autofree char *vm = format_mv (expected.vm_rest_mv);

    if (strstr (math, vm) == NULL)
      g_error ("the math does not show V_rest %s:\n%s", vm, math);
  }
  for (guint i = 0; i < expected.n_ions; i++)
    if (expected.ions[i].nernst_state == ML_NERNST_DEFINED)
      {
        g_autofree char *e = format_mv (expected.ions[i].nernst_mv);

        if (strstr (math, e) == NULL)
          g_error ("the math does not show E_%s %s", expected.ions[i].ion.name, e);
      }
  g_assert_null (strstr (math, "nan"));
  g_assert_null (strstr (math, "inf"));

  /* The arrows: docs/ARCHITECTURE.md's rule, worked out here from the driving force:
   * a cation with a positive driving force leaves, an anion enters. */
  g_assert_cmpuint (ml_membrane_view_get_n_arrows (view), ==, expected.n_ions);
  for (guint i = 0; i < expected.n_ions; i++)
    {
      const MlIonResult *r = &expected.ions[i];
      int want = 0;

      if (r->nernst_state == ML_NERNST_DEFINED && fabs (r->driving_force_mv) >= ML_EQUILIBRIUM_MV)
        want = (r->driving_force_mv > 0) == (r->ion.z > 0) ? 1 : -1;
      else if (r->nernst_state == ML_NERNST_MINUS_INFINITY)
        want = r->ion.z > 0 ? 1 : -1;
      else if (r->nernst_state == ML_NERNST_PLUS_INFINITY)
        want = r->ion.z > 0 ? -1 : 1;
      g_assert_cmpint (ml_membrane_view_get_arrow_direction (view, i), ==, want);
    }
}

static void
type_into (MlLogControl *control,
           const char   *text)
{
  GtkSpinButton *spin = ml_log_control_get_spin (control);

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
}

static void
slide_to (MlLogControl *control,
          double        position)
{
  gtk_range_set_value (ml_log_control_get_scale (control), position);
}

static double
ion_value (MlWindow   *window,
           const char *name,
           MlIonField  field)
{
  MlCell *cell = ml_window_get_cell (window);

  return ml_cell_get_ion_value (cell, ml_cell_find_ion (cell, name), field);
}

static void
test_opens_on_default (void)
{
  MlWindow *window = window_new (1024, 768);
  MlSolution expected;
  g_autoptr(MlCell) neuron = ml_cell_new_default ();

  /* The default preset at once, with the right numbers. */
  g_assert_true (ml_cell_equal (ml_window_get_cell (window), neuron));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Mammalian neuron"));
  ml_cell_solve (neuron, &expected);
  g_assert_cmpfloat (ml_window_get_solution (window)->vm_rest_mv, ==, expected.vm_rest_mv);
  assert_views_match_core (window);
  window_destroy (window);
}

static void
test_controls_drive_the_core (void)
{
  MlWindow *window = window_new (1024, 768);
  MlControls *controls = ml_window_get_controls (window);
  MlCell *cell = ml_window_get_cell (window);

  /* Temperature, by typing an exact value. */
  type_into (ml_controls_get_control (controls, ML_CONTROL_TEMPERATURE), "20");
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 20.0);
  wait_for_frame (GTK_WIDGET (window));
  assert_views_match_core (window);

  /* The spin button's arrow keys step the value, and the spin button's own
   * re-reading of its text afterwards must not undo the step. */
  {
    GtkSpinButton *spin = ml_log_control_get_spin (ml_controls_get_control (controls,
                                                                              ML_CONTROL_TEMPERATURE));

    gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 0);
    gtk_spin_button_update (spin);
    g_assert_cmpfloat_with_epsilon (ml_cell_get_temperature (cell), 20.1, 1e-9);
    gtk_spin_button_spin (spin, GTK_SPIN_STEP_BACKWARD, 0);
    gtk_spin_button_update (spin);
    g_assert_cmpfloat_with_epsilon (ml_cell_get_temperature (cell), 20.0, 1e-9);
  }

  /* K⁺ outside, by the slider: position log10(20 mM), rounded by the slider
   * to three significant digits. */
  slide_to (ml_controls_get_ion_control (controls, "K", ML_ION_FIELD_C_OUT), log10 (20.0));
  g_assert_cmpfloat_with_epsilon (ion_value (window, "K", ML_ION_FIELD_C_OUT), 20.0, 1e-9);
  wait_for_frame (GTK_WIDGET (window));
  assert_views_match_core (window);

  /* Na⁺ inside, typed: kept exactly, not rounded through the log slider. */
  type_into (ml_controls_get_ion_control (controls, "Na", ML_ION_FIELD_C_IN), "12.345");
  g_assert_cmpfloat (ion_value (window, "Na", ML_ION_FIELD_C_IN), ==, 12.345);
  wait_for_frame (GTK_WIDGET (window));
  assert_views_match_core (window);

  /* 100 nM of Ca²⁺ inside must be settable. */
  type_into (ml_controls_get_ion_control (controls, "Ca", ML_ION_FIELD_C_IN), "0.0001");
  g_assert_cmpfloat (ion_value (window, "Ca", ML_ION_FIELD_C_IN), ==, 0.0001);

  /* Cl⁻ permeability relative to P_K: 2 × P_K. */
  type_into (ml_controls_get_ion_control (controls, "Cl", ML_ION_FIELD_P), "2");
  g_assert_cmpfloat_with_epsilon (ion_value (window, "Cl", ML_ION_FIELD_P),
                                  2.0 * ion_value (window, "K", ML_ION_FIELD_P), 1e-20);
  wait_for_frame (GTK_WIDGET (window));
  assert_views_match_core (window);

  /* Ca²⁺ switched off, then the pump blocked. */
  gtk_switch_set_active (ml_controls_get_ion_switch (controls, "Ca"), FALSE);
  g_assert_false (ml_cell_get_ion (cell, ml_cell_find_ion (cell, "Ca"))->enabled);
  gtk_switch_set_active (ml_controls_get_pump_switch (controls), FALSE);
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_OFF);
  wait_for_frame (GTK_WIDGET (window));
  assert_views_match_core (window);
  g_assert_cmpfloat (ml_window_get_solution (window)->pump_contribution_mv, ==, 0.0);

  /* The pump back as a fixed current, at a typed rate. */
  gtk_switch_set_active (ml_controls_get_pump_switch (controls), TRUE);
  gtk_toggle_button_set_active (ml_controls_get_pump_mode_button (controls, ML_PUMP_CURRENT), TRUE);
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_CURRENT);
  g_assert_false (gtk_toggle_button_get_active (ml_controls_get_pump_mode_button (controls, ML_PUMP_RATIO)));
  type_into (ml_controls_get_control (controls, ML_CONTROL_PUMP_CURRENT), "1.5");
  g_assert_cmpfloat (ml_cell_get_pump_current (cell), ==, 1.5);
  wait_for_frame (GTK_WIDGET (window));
  assert_views_match_core (window);

  /* The radius changes the charge count, not V_m. */
  type_into (ml_controls_get_control (controls, ML_CONTROL_RADIUS), "50");
  g_assert_cmpfloat (ml_cell_get_radius (cell), ==, 50.0);
  wait_for_frame (GTK_WIDGET (window));
  assert_views_match_core (window);

  /* Text that is not a number is refused and changes nothing. */
  {
    g_autoptr(MlCell) before = ml_cell_copy (cell);

    type_into (ml_controls_get_ion_control (controls, "K", ML_ION_FIELD_C_IN), "lots");
    g_assert_true (ml_cell_equal (cell, before));
    /* … and says so where a keyboard user sees it, not only in a tooltip. */
    g_assert_nonnull (ml_window_get_last_error (window));
    g_assert_nonnull (strstr (ml_window_get_last_error (window), "lots"));
    type_into (ml_controls_get_ion_control (controls, "K", ML_ION_FIELD_C_IN), "-4");
    g_assert_true (ml_cell_equal (cell, before));
  }

  /* A control's reset button returns to the preset's value. */
  {
    MlLogControl *t = ml_controls_get_control (controls, ML_CONTROL_TEMPERATURE);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL));
    g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 37.0);
    g_assert_cmpfloat (ml_log_control_get_value (t), ==, 37.0);
  }

  window_destroy (window);
}

/* Every control a keyboard can reach must have a name a screen reader can say:
 * an accessible label, a labelled-by relation, or a visible text label. */
static gboolean
has_visible_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_text (GTK_LABEL (child))[0] != '\0')
        return TRUE;
      if (has_visible_text (child))
        return TRUE;
    }
  return FALSE;
}

static void
check_names (GtkWidget *widget,
             guint     *checked)
{
  /* Scroll bars are ranges too, but nobody tabs to them. */
  gboolean control = ((GTK_IS_RANGE (widget) && gtk_widget_get_focusable (widget))
                      || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget)
                      || GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget)
                      || (GTK_IS_BUTTON (widget) && gtk_widget_get_focusable (widget)));

  if (control && gtk_widget_get_visible (widget))
    {
      gboolean named = gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL)
                       || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY)
                       || (GTK_IS_BUTTON (widget) && has_visible_text (widget));

      if (!named)
        g_error ("a %s has no accessible name", G_OBJECT_TYPE_NAME (widget));
      (*checked)++;
      /* The parts of a spin button or drop-down are named by their parent. */
      if (!GTK_IS_MENU_BUTTON (widget) && !GTK_IS_BUTTON (widget))
        return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_names (child, checked);
}

static void
test_every_control_is_named (void)
{
  MlWindow *window = window_new (1920, 1080);
  guint checked = 0;

  check_names (GTK_WIDGET (window), &checked);
  /* Four ions × (3 sliders + 3 spin buttons + 3 resets + switch), the
   * temperature, pump and cell rows, and the header bar: well over 50. */
  g_assert_cmpuint (checked, >, 50);
  window_destroy (window);
}

/* With P_K = 0 a permeability relative to P_K is undefined: the other rows
 * show their real value in cm/s instead of a made-up 0, and stay editable. */
static void
test_closed_potassium_shows_absolute (void)
{
  MlWindow *window = window_new (1024, 768);
  MlControls *controls = ml_window_get_controls (window);
  MlLogControl *na = ml_controls_get_ion_control (controls, "Na", ML_ION_FIELD_P);
  double p_na = ion_value (window, "Na", ML_ION_FIELD_P);

  type_into (ml_controls_get_ion_control (controls, "K", ML_ION_FIELD_P), "0");
  g_assert_cmpfloat (ion_value (window, "K", ML_ION_FIELD_P), ==, 0.0);
  g_assert_cmpfloat (ml_log_control_get_value (na), ==, p_na);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (na)));

  type_into (na, "1e-7");
  g_assert_cmpfloat (ion_value (window, "Na", ML_ION_FIELD_P), ==, 1e-7);

  /* P_K back: the row is relative again, 1e-7 / 5e-7 = 0.2. */
  type_into (ml_controls_get_ion_control (controls, "K", ML_ION_FIELD_P), "5e-7");
  g_assert_cmpfloat_with_epsilon (ml_log_control_get_value (na), 0.2, 1e-12);
  window_destroy (window);
}

static void
test_presentation_mode (void)
{
  MlWindow *window = window_new (1024, 768);
  g_autofree char *preset = NULL;
  gboolean fullscreen = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_object_get (window, "fullscreen", &fullscreen, NULL);
  g_assert_true (fullscreen);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_object_get (window, "fullscreen", &fullscreen, NULL);
  g_assert_false (fullscreen);

  /* The presets menu marks where the cell came from (the "win.preset"
   * action's state is this property). */
  g_object_get (window, "preset", &preset, NULL);
  g_assert_cmpstr (preset, ==, "mammalian-neuron");
  window_destroy (window);
}

static void
collect_menu_buttons (GtkWidget *widget,
                      GPtrArray *out)
{
  if (GTK_IS_MENU_BUTTON (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_menu_buttons (child, out);
}

static guint
count_shortcuts_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      n += GTK_IS_SHORTCUTS_WINDOW (item);
    }
  return n;
}

/* The menus and the shortcuts window are built when first asked for, not
 * with the window (the start is faster); asked for, they hold everything. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_menus_on_demand (void)
{
  MlWindow *window = window_new (1024, 768);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  const char * const *ids = ml_presets_list ();
  guint n_presets = g_strv_length ((char **) ids);
  gboolean saw_presets = FALSE, saw_main = FALSE;

  GtkMenuButton *add = ml_controls_get_add_mechanism_button (ml_window_get_controls (window));

  /* The presets, the main menu and the controls' "Add transporter". */
  collect_menu_buttons (GTK_WIDGET (window), buttons);
  g_assert_cmpuint (buttons->len, ==, 3);
  g_assert_true (g_ptr_array_find (buttons, add, NULL));
  for (guint i = 0; i < buttons->len; i++)
    g_assert_null (gtk_menu_button_get_popover (buttons->pdata[i]));
  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = buttons->pdata[i];
      GtkPopover *popover;
      GMenuModel *model;

      /* Opened where it is in sight, by test-mechanism-rows. */
      if (button == add)
        continue;

      gtk_menu_button_popup (button);
      wait_for_frame (GTK_WIDGET (window));
      popover = gtk_menu_button_get_popover (button);
      g_assert_true (GTK_IS_POPOVER_MENU (popover));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
      if (gtk_menu_button_get_primary (button))
        {
          /* files, lessons, view, help */
          g_assert_cmpint (g_menu_model_get_n_items (model), ==, 4);
          saw_main = TRUE;
        }
      else
        {
          g_assert_cmpint (g_menu_model_get_n_items (model), ==, n_presets);
          for (guint j = 0; j < n_presets; j++)
            {
              g_autofree char *label = NULL;
              g_autofree char *name = ml_presets_get_name (ids[j]);

              g_assert_true (g_menu_model_get_item_attribute (model, j, G_MENU_ATTRIBUTE_LABEL, "s", &label));
              g_assert_cmpstr (label, ==, name);
            }
          /* Each preset is shown with its description and its source. */
          {
            g_autofree char *description = ml_presets_get_string ("squid-axon", "Description");
            g_autofree char *source = ml_presets_get_string ("squid-axon", "Source");

            g_assert_nonnull (description);
            g_assert_true (has_label (GTK_WIDGET (popover), description));
            g_assert_true (has_label (GTK_WIDGET (popover), source));
            wait_for_frame (GTK_WIDGET (window));
            {
              cairo_surface_t *shot = test_render_on_theme (GTK_WIDGET (popover), FALSE);

              test_write_png (shot, "presets-menu.png");
              cairo_surface_destroy (shot);
            }
          }
          saw_presets = TRUE;
        }
      gtk_menu_button_popdown (button);
      /* A second opening keeps the same popover. */
      gtk_menu_button_popup (button);
      g_assert_true (gtk_menu_button_get_popover (button) == popover);
      gtk_menu_button_popdown (button);
    }
  g_assert_true (saw_presets && saw_main);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_cmpuint (count_shortcuts_windows (), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_cmpuint (count_shortcuts_windows (), ==, 1);
  window_destroy (window);
  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
}

static GtkWidget *
find_shortcut (GtkWidget  *widget,
               const char *action)
{
  g_autofree char *name = NULL;

  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_object_get (widget, "action-name", &name, NULL);
      if (g_strcmp0 (name, action) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shortcut (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
shortcut_keys (GtkWidget *widget)
{
  if (GTK_IS_SHORTCUT_LABEL (widget))
    return gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *keys = shortcut_keys (child);

      if (keys != NULL)
        return keys;
    }
  return NULL;
}

/* The shortcuts window, built on demand, shows the keys the application
 * binds to each action (GTK fills them in for a window's help overlay). */
static gboolean
has_stack_switcher (GtkWidget *widget)
{
  if (GTK_IS_STACK_SWITCHER (widget) && gtk_widget_get_visible (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_stack_switcher (child))
      return TRUE;
  return FALSE;
}

static void
test_shortcuts_show_keys (void)
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.membranelab.MembraneLab.Test",
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  const char *open_keys[] = { "<Control>o", NULL };
  const char *undo_keys[] = { "<Control>z", NULL };
  MlWindow *window;
  GtkWindow *overlay;
  GtkWidget *shortcut;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  gtk_application_set_accels_for_action (app, "win.open", open_keys);
  gtk_application_set_accels_for_action (app, "win.undo", undo_keys);
  window = ml_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (GTK_WIDGET (window));

  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (window));

  shortcut = find_shortcut (GTK_WIDGET (overlay), "win.open");
  g_assert_nonnull (shortcut);
  g_assert_cmpstr (shortcut_keys (shortcut), ==, "<Control>o");
  shortcut = find_shortcut (GTK_WIDGET (overlay), "win.undo");
  g_assert_nonnull (shortcut);
  g_assert_cmpstr (shortcut_keys (shortcut), ==, "<Control>z");
  /* The pump's keys are there too. */
  g_assert_nonnull (find_shortcut (GTK_WIDGET (overlay), "win.block-pump"));
  g_assert_nonnull (find_shortcut (GTK_WIDGET (overlay), "win.restore-pump"));
  /* And what a lecturer needs without the mouse. */
  g_assert_nonnull (find_shortcut (GTK_WIDGET (overlay), "win.lesson-next"));
  g_assert_nonnull (find_shortcut (GTK_WIDGET (overlay), "win.lesson-previous"));
  g_assert_nonnull (find_shortcut (GTK_WIDGET (overlay), "win.next-preset"));
  g_assert_nonnull (find_shortcut (GTK_WIDGET (overlay), "win.previous-preset"));
  g_assert_nonnull (find_shortcut (GTK_WIDGET (overlay), "win.find-parameter"));
  /* Every shortcut on one page: a second page brings a page switcher
   * whose labels GTK 4.8 measures below zero (a fatal warning here). */
  g_assert_false (has_stack_switcher (GTK_WIDGET (overlay)));

  window_destroy (window);
  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
}

static MlDonnanWindow *
find_donnan (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ML_IS_DONNAN_WINDOW (item))
        return ML_DONNAN_WINDOW (item);
    }
  return NULL;
}

static void
test_donnan_window (void)
{
  MlWindow *window = window_new (1024, 768);
  MlDonnanWindow *donnan;
  g_autofree char *open_text = NULL;
  g_autofree char *closed_text = NULL;
  MlDonnan expected;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.donnan", NULL));
  wait_ms (50);
  donnan = find_donnan ();
  g_assert_nonnull (donnan);

  /* Open bath, 100 mM of a monovalent anion inside, 150 mM KCl outside, 37 °C.
   * By hand: r = (100 + √(100² + 4·150²)) / 300 = 1.38743, so K_in = 208.11 mM,
   * Cl_in = 108.11 mM, V = −26.7267 mV · ln r = −8.75 mV, and the inside holds
   * 208.11 + 108.11 + 100 − 300 = +116.2 mOsm more. */
  type_into (ml_donnan_window_get_control (donnan, ML_DONNAN_CONTROL_ANION), "100");
  type_into (ml_donnan_window_get_control (donnan, ML_DONNAN_CONTROL_BATH), "150");
  open_text = ml_donnan_window_get_text (donnan);
  g_assert_nonnull (strstr (open_text, "208.1 mM"));
  g_assert_nonnull (strstr (open_text, "108.1 mM"));
  g_assert_nonnull (strstr (open_text, "−8.75 mV"));
  g_assert_nonnull (strstr (open_text, "+116.2 mOsm"));

  /* A divalent anion holds twice the charge: |z_A|·A = 200 mM, so
   * r = (200 + √(200² + 4·150²)) / 300 = 1.86852, K_in = 280.3 mM,
   * Cl_in = 80.28 mM, V = −26.7267 mV · ln r = −16.71 mV. */
  ml_donnan_window_set_valence (donnan, -2);
  {
    g_autofree char *divalent = ml_donnan_window_get_text (donnan);

    g_assert_nonnull (strstr (divalent, "280.3 mM"));
    g_assert_nonnull (strstr (divalent, "80.28 mM"));
    g_assert_nonnull (strstr (divalent, "−16.71 mV"));
  }
  ml_donnan_window_set_valence (donnan, -1);

  /* Closed compartments of equal volume, no KCl inside at first: the numbers
   * are the core's (ml_donnan_closed), K_in·Cl_in = K_out·Cl_out. */
  ml_donnan_window_set_closed (donnan, TRUE);
  type_into (ml_donnan_window_get_control (donnan, ML_DONNAN_CONTROL_KCL_IN), "1");
  g_assert_true (ml_donnan_closed (100, -1, 1, 150, 1, 1, 37.0, &expected));
  closed_text = ml_donnan_window_get_text (donnan);
  {
    g_autofree char *v = ml_format_millivolts (expected.vm_mv, 2, TRUE);

    g_assert_nonnull (strstr (closed_text, v));
  }
  g_assert_cmpstr (open_text, !=, closed_text);
  g_assert_null (strstr (closed_text, "nan"));
  {
    g_autofree char *path = g_build_filename (test_screenshot_dir (), "donnan-closed.png", NULL);
    cairo_surface_t *surface;

    wait_for_frame (GTK_WIDGET (donnan));
    surface = ml_screenshot_surface (GTK_WIDGET (donnan));
    g_assert_true (ml_surface_is_varied (surface, 32));
    cairo_surface_write_to_png (surface, path);
    cairo_surface_destroy (surface);
  }

  /* The calculator follows the cell's temperature. */
  ml_cell_set_temperature (ml_window_get_cell (window), 20.0);
  {
    g_autofree char *cold = ml_donnan_window_get_text (donnan);

    g_assert_cmpstr (cold, !=, closed_text);
  }
  window_destroy (window);
  g_assert_null (find_donnan ());
}

static void
test_degenerate_cell_shows_words (void)
{
  MlWindow *window = window_new (1024, 768);
  MlCell *cell = ml_window_get_cell (window);
  g_autofree char *math = NULL;
  const char *message = ml_condition_message (ML_CONDITION_NO_PERMEANT_ION);

  /* Every channel closed: no permeant ion. */
  ml_cell_begin_batch (cell);
  for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
    ml_cell_set_ion_value (cell, i, ML_ION_FIELD_P, 0.0);
  ml_cell_end_batch (cell);
  wait_for_frame (GTK_WIDGET (window));

  g_assert_nonnull (strstr (ml_gauge_get_value_text (ml_window_get_gauge (window)), message));
  math = ml_math_view_get_text (ml_window_get_math_view (window));
  g_assert_nonnull (strstr (math, message));
  g_assert_null (strstr (math, "nan"));
  g_assert_null (strstr (ml_membrane_view_get_description (ml_window_get_membrane_view (window)),
                         "nan"));
  window_destroy (window);
}

static void
test_screenshots (void)
{
  const char *presets[] = { "mammalian-neuron", "squid-axon", "red-blood-cell" };
  const int sizes[][2] = { { 1024, 768 }, { 1920, 1080 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
          {
            MlWindow *window = window_new (sizes[s][0], sizes[s][1]);
            g_autoptr(GError) error = NULL;
            g_autofree char *name = g_strdup_printf ("window-%s-%dx%d-%s.png", presets[p],
                                                     sizes[s][0], sizes[s][1],
                                                     dark ? "dark" : "light");
            g_autofree char *path = g_build_filename (test_screenshot_dir (), name, NULL);
            cairo_surface_t *surface;

            g_assert_true (ml_window_load_preset (window, presets[p], &error));
            g_assert_no_error (error);
            wait_for_frame (GTK_WIDGET (window));
            assert_views_match_core (window);

            surface = ml_screenshot_surface (GTK_WIDGET (window));
            g_assert_cmpint (cairo_image_surface_get_width (surface), ==, sizes[s][0]);
            g_assert_cmpint (cairo_image_surface_get_height (surface), ==, sizes[s][1]);
            /* A blank or one-colour window has a handful of colours; the
             * membrane, the gauge and the text have hundreds. */
            g_assert_true (ml_surface_is_varied (surface, 64));
            g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
            cairo_surface_destroy (surface);
            g_test_message ("wrote %s", path);
            window_destroy (window);
          }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* Files, presets, undo and the unsaved-changes question. */

static char *
temp_path (const char *name)
{
  static char *dir = NULL;

  if (dir == NULL)
    dir = g_dir_make_tmp ("membrane-lab-test-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static void
test_file_round_trip (void)
{
  MlWindow *window = window_new (1024, 768);
  MlCell *cell = ml_window_get_cell (window);
  g_autofree char *path = temp_path ("round-trip.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MlCell) saved = NULL;
  g_autoptr(GError) error = NULL;

  ml_cell_set_temperature (cell, 21.5);
  ml_cell_set_ion_value (cell, ml_cell_find_ion (cell, "Na"), ML_ION_FIELD_C_OUT, 123.456);
  g_assert_true (ml_window_get_modified (window));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  g_assert_true (ml_window_save_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_false (ml_window_get_modified (window));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  saved = ml_cell_copy (cell);

  /* Change, then reopen: the cell is the saved one again, exactly. */
  ml_cell_set_temperature (cell, 5.0);
  g_assert_true (ml_window_load_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ml_cell_equal (cell, saved));
  g_assert_false (ml_window_get_modified (window));
  window_destroy (window);
}

static void
test_corrupt_file_leaves_cell (void)
{
  MlWindow *window = window_new (1024, 768);
  MlCell *cell = ml_window_get_cell (window);
  g_autofree char *path = temp_path ("corrupt.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MlCell) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_assert_true (g_file_set_contents (path, "[Membrane]\nVersion=1\nName=Broken\nTemperature=nan\n",
                                      -1, NULL));
  ml_cell_set_temperature (cell, 30.0);
  before = ml_cell_copy (cell);
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));

  g_assert_false (ml_window_load_file (window, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Temperature"));
  g_assert_true (ml_cell_equal (cell, before));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  g_assert_null (ml_window_get_file (window));
  window_destroy (window);
}

static void
test_preset_switch_is_one_undo (void)
{
  MlWindow *window = window_new (1024, 768);
  MlCell *cell = ml_window_get_cell (window);
  g_autoptr(MlCell) neuron = ml_cell_copy (cell);
  g_autoptr(MlCell) squid = ml_cell_new ();

  g_assert_true (ml_presets_load (squid, "squid-axon", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "squid-axon"));
  wait_for_frame (GTK_WIDGET (window));
  g_assert_true (ml_cell_equal (cell, squid));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Squid giant axon"));
  assert_views_match_core (window);

  /* One undo brings back the neuron, its title and its numbers. */
  g_assert_true (ml_history_can_undo (ml_window_get_history (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_for_frame (GTK_WIDGET (window));
  g_assert_true (ml_cell_equal (cell, neuron));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Mammalian neuron"));
  assert_views_match_core (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (ml_cell_equal (cell, squid));

  /* A slider dragged through many positions is one step too. */
  {
    MlLogControl *t = ml_controls_get_control (ml_window_get_controls (window),
                                               ML_CONTROL_TEMPERATURE);

    for (int i = 0; i < 40; i++)
      slide_to (t, 18.0 - i * 0.2);
    /* The temperature slider keeps one decimal. */
    g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 10.2);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_true (ml_cell_equal (cell, squid));
  }
  window_destroy (window);
}

static AdwMessageDialog *
find_question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

static void
answer (const char *response)
{
  AdwMessageDialog *dialog;

  wait_ms (50);
  dialog = find_question ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_ms (50);
}

/* Saves and loads run in the background: wait for both to end. */
static void
wait_for_files (MlWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((ml_session_get_busy (ml_window_get_session (window)) || ml_window_is_loading (window))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (ml_session_get_busy (ml_window_get_session (window)));
  wait_ms (20);
}

static void
test_unsaved_changes_question (void)
{
  MlWindow *window = window_new (1024, 768);
  MlCell *cell = ml_window_get_cell (window);
  g_autofree char *path = temp_path ("question.membrane");
  g_autofree char *other_path = temp_path ("other.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(MlCell) edited = NULL;
  g_autoptr(MlCell) on_disk = ml_cell_new ();
  g_autoptr(MlCell) squid = ml_cell_new ();

  g_assert_true (ml_presets_load (squid, "squid-axon", NULL));
  g_assert_true (ml_scenario_save_file (squid, other, NULL, NULL));
  g_assert_true (ml_window_save_file (window, file, NULL));
  ml_cell_set_temperature (cell, 11.0);
  edited = ml_cell_copy (cell);

  /* A preset never asks: the edit is one undo away. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "squid-axon");
  wait_ms (50);
  g_assert_null (find_question ());
  g_assert_true (ml_cell_equal (cell, squid));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (ml_cell_equal (cell, edited));

  /* Opening a file over the edit asks.  Cancel: nothing happens. */
  ml_window_open_file (window, other);
  answer ("cancel");
  wait_for_files (window);
  g_assert_true (ml_cell_equal (cell, edited));
  g_assert_true (ml_window_get_modified (window));

  /* Save: the edit goes to its file, then the other file opens. */
  g_assert_true (ml_window_load_file (window, file, NULL));
  ml_cell_set_temperature (cell, 11.0);
  ml_window_open_file (window, other);
  answer ("save");
  wait_for_files (window);
  g_assert_true (ml_scenario_load_file (on_disk, file, NULL, NULL));
  g_assert_true (ml_cell_equal (on_disk, edited));
  g_assert_true (ml_cell_equal (cell, squid));
  g_assert_true (g_file_equal (ml_window_get_file (window), other));

  /* Discard: the edit is dropped, the file opens, nothing is written. */
  g_assert_true (ml_window_load_file (window, file, NULL));
  ml_cell_set_temperature (cell, 3.0);
  ml_window_open_file (window, other);
  answer ("discard");
  wait_for_files (window);
  g_assert_true (ml_cell_equal (cell, squid));
  g_assert_true (ml_scenario_load_file (on_disk, file, NULL, NULL));
  g_assert_true (ml_cell_equal (on_disk, edited));

  /* Closing with unsaved edits asks too; cancel keeps the window. */
  ml_cell_set_temperature (cell, 4.0);
  gtk_window_close (GTK_WINDOW (window));
  answer ("cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  window_destroy (window);
}

static void
test_settings_come_back (void)
{
  MlWindow *first, *second;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *last = NULL;

  first = window_new (1100, 700);
  if (first->settings == NULL)
    {
      window_destroy (first);
      g_test_skip ("the GSettings schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first), "win.toggle-math", NULL));
  g_assert_false (gtk_widget_get_visible (first->math_scroller));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first), "win.preset", "s", "astrocyte"));
  gtk_window_close (GTK_WINDOW (first));
  wait_ms (50);

  settings = g_settings_new (APP_ID);
  last = g_settings_get_string (settings, "last-scenario");
  g_assert_cmpstr (last, ==, "preset:astrocyte");
  g_assert_false (g_settings_get_boolean (settings, "math-visible"));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  /* The next window starts with the math hidden and the stored size. */
  second = ml_window_new (NULL);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
    g_assert_cmpint (width, ==, 1100);
    g_assert_cmpint (height, ==, 700);
  }
  g_assert_false (gtk_widget_get_visible (second->math_scroller));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.toggle-math", NULL));
  g_settings_set_boolean (settings, "math-visible", TRUE);
  window_destroy (second);
}

static void
test_screenshot_option (void)
{
  const char *binary = g_getenv ("MEMBRANE_LAB");
  g_autofree char *path = temp_path ("option.png");
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  int status = -1;
  const char *argv[] = { binary, "--screenshot", path, "--size", "800x600",
                         "--preset", "squid-axon", "--dark", NULL };

  if (binary == NULL)
    {
      g_test_skip ("MEMBRANE_LAB is not set");
      return;
    }

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
  g_assert_true (ml_surface_is_varied (surface, 64));
  cairo_surface_destroy (surface);

  /* A bad size is refused with exit status 2 and one message. */
  {
    const char *bad[] = { binary, "--screenshot", path, "--size", "huge", NULL };

    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **)bad, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, &err, &status, NULL));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "--size"));
  }

  /* A preset and a file contradict each other: refused the same way, and
   * nothing is written. */
  {
    g_autofree char *file = g_build_filename (g_getenv ("TEST_DATA_DIR"), "..", "..", "data",
                                              "presets", "squid-axon.membrane", NULL);
    g_autofree char *other = temp_path ("both.png");
    const char *both[] = { binary, "--screenshot", other, "--preset", "squid-axon", file, NULL };

    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **)both, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, &err, &status, NULL));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "--preset"));
    g_assert_null (strchr (strchr (err, '\n') + 1, '\n'));
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* AdwApplication loads the app's style sheet; these windows have none. */
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* The window looks for its settings only when the schema is installed. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_add_func ("/window/opens-on-default-preset", test_opens_on_default);
  g_test_add_func ("/window/controls-drive-the-core", test_controls_drive_the_core);
  g_test_add_func ("/window/degenerate-cell-shows-words", test_degenerate_cell_shows_words);
  g_test_add_func ("/window/presentation-mode", test_presentation_mode);
  g_test_add_func ("/window/donnan", test_donnan_window);
  g_test_add_func ("/window/menus-on-demand", test_menus_on_demand);
  g_test_add_func ("/window/shortcuts-show-keys", test_shortcuts_show_keys);
  g_test_add_func ("/window/closed-potassium-shows-absolute", test_closed_potassium_shows_absolute);
  g_test_add_func ("/window/every-control-is-named", test_every_control_is_named);
  g_test_add_func ("/window/file-round-trip", test_file_round_trip);
  g_test_add_func ("/window/corrupt-file-leaves-cell", test_corrupt_file_leaves_cell);
  g_test_add_func ("/window/preset-switch-is-one-undo", test_preset_switch_is_one_undo);
  g_test_add_func ("/window/unsaved-changes-question", test_unsaved_changes_question);
  g_test_add_func ("/window/settings-come-back", test_settings_come_back);
  g_test_add_func ("/window/screenshot-option", test_screenshot_option);
  g_test_add_func ("/window/screenshots", test_screenshots);

  return g_test_run ();
}
