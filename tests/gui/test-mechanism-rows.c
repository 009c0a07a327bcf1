/* test-mechanism-rows.c — the controls pane's transporters, driven as a user
 * would
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Transporters" section shows one row per mechanism instance of the
 * cell, made from its class: the rows follow the cell (a value set on it, a
 * preset, undo, a file), their sliders and buttons edit it through MlCell,
 * so undo takes back a drag or a removal in one step, and "Add
 * transporter" offers exactly the classes the cell does not have.  Keys go
 * through the X server (test_press_keys), as a user's do.  Last, the pane
 * is rendered scrolled to the section at 1024×768 and 1920×1080, light and
 * dark, and no label of the section may be cut.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gui-test-support.h"
#include "ml-controls.h"
#include "ml-mechanism.h"
#include "ml-params.h"
#include "ml-screenshot.h"
#include "ml-window-private.h"

/* Waits up to 3 s for @cond (polled). */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    for (int _i = 0; _i < 60 && !(cond); _i++) \
      test_wait_ms (50); \
  } G_STMT_END

static MlWindow *
window_new (int width,
            int height)
{
  MlWindow *window = ml_window_new (NULL);

  g_assert_true (ml_window_load_preset (window, "mammalian-neuron", NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_ms (300);
  return window;
}

static void
window_destroy (MlWindow *window)
{
  /* Never ask about unsaved changes when a test ends. */
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  test_wait_ms (50);
}

static guint
n_rows (MlControls *controls)
{
  guint n = 0;

  while (ml_controls_get_mechanism_row (controls, n) != NULL)
    n++;
  return n;
}

/* The rows name the cell's classes, in the cell's order, and nothing else. */
static void
assert_rows (MlControls *controls,
             const char *first,
             ...)
{
  va_list args;
  guint n = 0;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *), n++)
    {
      MlMechanismRow *row = ml_controls_get_mechanism_row (controls, n);

      g_assert_nonnull (row);
      g_assert_cmpstr (ml_mechanism_row_get_class (row)->id, ==, id);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
    }
  va_end (args);
  g_assert_cmpuint (n_rows (controls), ==, n);
}

static double
mechanism_value (MlWindow   *window,
                 const char *id)
{
  double value = NAN;

  g_assert_true (ml_params_get_value (ml_window_get_cell (window), id, &value));
  return value;
}

/* Scrolls the controls pane so that @widget is in sight, near its top. */
static void
scroll_to (MlControls *controls,
           GtkWidget  *widget)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (controls));
  GtkAdjustment *vadj;
  graphene_point_t top;

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* Where it is in the pane as scrolled now, plus how far that is. */
  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (vadj, MAX (gtk_adjustment_get_value (vadj) + top.y - 120, 0));
  test_wait_ms (100);
}

/* The labels of "Add transporter"'s menu, as it is when opened. */
static GStrv
add_menu_labels (MlControls *controls)
{
  GtkMenuButton *button = ml_controls_get_add_mechanism_button (controls);
  GMenuModel *model;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  /* Where a user would see it: a popover far below the screen has no
   * monitor to be placed on. */
  scroll_to (controls, GTK_WIDGET (button));
  gtk_menu_button_popup (button);
  model = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (model);
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;

      g_assert_true (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s",
                                                      &label));
      g_strv_builder_add (labels, label);
    }
  gtk_menu_button_popdown (button);
  test_wait_ms (50);
  return g_strv_builder_end (labels);
}

static const char *
class_name (const char *id)
{
  return ml_mechanism_class_get_name (ml_mechanism_class_find (id));
}

static gboolean
label_with_text (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The label under @root that shows @text, and shows it. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  GtkWidget *label = test_find_widget (root, label_with_text, text);

  return label != NULL && gtk_widget_is_visible (label);
}

static void
assert_accessible_label (GtkWidget  *widget,
                         const char *label)
{
  char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  if (problem != NULL)
    g_error ("%s: %s", G_OBJECT_TYPE_NAME (widget), problem);
}

/* The mammalian neuron has NKCC1 and the Ca²⁺ pump: two rows, each named
 * by its class, a control per parameter named by the parameter's label and
 * showing the cell's value, and a Remove button a screen reader names. */
static void
test_default_preset_rows (void)
{
  MlWindow *window = window_new (1024, 768);
  MlControls *controls = ml_window_get_controls (window);
  MlCell *reference = ml_session_get_reference (ml_window_get_session (window));
  const char *ids[] = { "nkcc1", "pmca" };
  const char *removes[] = { "Remove NKCC1", "Remove PMCA" };
  g_auto (GStrv) offered = NULL;

  assert_rows (controls, "nkcc1", "pmca", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      MlMechanismRow *row = ml_controls_get_mechanism_row (controls, i);
      const MlMechanismClass *klass = ml_mechanism_class_find (ids[i]);

      /* Its name and what it moves, in the user's language. */
      g_assert_true (shows_text (GTK_WIDGET (row), ml_mechanism_class_get_name (klass)));
      g_assert_true (shows_text (GTK_WIDGET (row), ml_mechanism_class_get_stoichiometry (klass)));
      g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (row),
                                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY));
      assert_accessible_label (GTK_WIDGET (ml_mechanism_row_get_remove_button (row)), removes[i]);
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (ml_mechanism_row_get_remove_button (row))));

      for (guint slot = 0; slot < klass->n_params; slot++)
        {
          const MlParam *param = &klass->params[slot];
          MlLogControl *control = ml_mechanism_row_get_control (row, slot);
          g_autofree char *unit = NULL;
          double default_value;

          g_assert_nonnull (control);
          g_assert_true (control == ml_controls_get_mechanism_control (controls, param->id));
          assert_accessible_label (GTK_WIDGET (control), ml_param_get_label (param));
          g_assert_true (shows_text (GTK_WIDGET (row), ml_param_get_label (param)));
          assert_accessible_label (GTK_WIDGET (ml_log_control_get_scale (control)),
                                   ml_param_get_label (param));
          g_object_get (control, "unit", &unit, "default-value", &default_value, NULL);
          g_assert_cmpstr (unit, ==, param->unit);
          g_assert_cmpfloat (ml_log_control_get_value (control), ==,
                             mechanism_value (window, param->id));
          {
            double expected;

            g_assert_true (ml_params_get_value (reference, param->id, &expected));
            g_assert_cmpfloat (default_value, ==, expected);
          }
        }
      g_assert_null (ml_mechanism_row_get_control (row, klass->n_params));
    }
  /* The Ca²⁺ pump's two parameters, both with their own controls. */
  g_assert_nonnull (ml_controls_get_mechanism_control (controls, "pmca.km"));
  g_assert_null (ml_controls_get_mechanism_control (controls, "kcc2.imax"));

  /* The menu offers what the cell does not have, builtins never. */
  assert_accessible_label (GTK_WIDGET (ml_controls_get_add_mechanism_button (controls)),
                           "Add transporter");
  offered = add_menu_labels (controls);
  g_assert_cmpuint (g_strv_length (offered), ==, 2);
  g_assert_cmpstr (offered[0], ==, class_name ("kcc2"));
  g_assert_cmpstr (offered[1], ==, class_name ("ncx"));
  window_destroy (window);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* A value set on the cell reaches its control and nothing else, and is
 * not echoed back as an edit; the solution's words are shown. */
static void
test_rows_follow_the_cell (void)
{
  MlWindow *window = window_new (1024, 768);
  MlControls *controls = ml_window_get_controls (window);
  MlCell *cell = ml_window_get_cell (window);
  MlLogControl *imax = ml_controls_get_mechanism_control (controls, "nkcc1.imax");
  MlLogControl *km = ml_controls_get_mechanism_control (controls, "pmca.km");
  MlMechanismRow *nkcc1 = ml_controls_get_mechanism_row (controls, 0);
  double km_before = ml_log_control_get_value (km);
  guint edits = 0, changes = 0;
  int cl = ml_cell_find_ion (cell, "Cl");

  g_signal_connect (imax, "value-changed", G_CALLBACK (count_cb), &edits);
  g_signal_connect (cell, "changed", G_CALLBACK (count_cb), &changes);

  g_assert_cmpfloat (ml_log_control_get_value (imax), !=, 0.5);
  g_assert_true (ml_params_set_value (cell, "nkcc1.imax", 0.5));
  g_assert_cmpfloat (ml_log_control_get_value (imax), ==, 0.5);
  g_assert_cmpfloat (ml_log_control_get_value (km), ==, km_before);
  g_assert_cmpuint (edits, ==, 0);
  g_assert_cmpuint (changes, ==, 1);
  /* The rows were kept, not made again. */
  g_assert_true (ml_controls_get_mechanism_row (controls, 0) == nkcc1);

  /* The words come from the solution: none while NKCC1 runs, "no Cl⁻"
   * once Cl⁻ takes no part. */
  g_assert_null (ml_window_get_solution (window)->mechanisms[2].state);
  g_assert_null (ml_mechanism_row_get_state (nkcc1));
  ml_cell_set_ion_enabled (cell, cl, FALSE);
  g_assert_true (ml_window_get_solution (window)->mechanisms[2].klass
                 == ml_mechanism_class_find ("nkcc1"));
  g_assert_nonnull (ml_window_get_solution (window)->mechanisms[2].state);
  g_assert_cmpstr (ml_mechanism_row_get_state (nkcc1), ==,
                   ml_window_get_solution (window)->mechanisms[2].state);
  g_assert_cmpstr (ml_mechanism_row_get_state (nkcc1), ==,
                   ml_mechanism_missing_ion_message (ML_ION_ROLE_CL));
  g_assert_true (shows_text (GTK_WIDGET (nkcc1), ml_mechanism_row_get_state (nkcc1)));
  ml_cell_set_ion_enabled (cell, cl, TRUE);
  g_assert_null (ml_mechanism_row_get_state (nkcc1));
  g_assert_false (shows_text (GTK_WIDGET (nkcc1),
                              ml_mechanism_missing_ion_message (ML_ION_ROLE_CL)));
  g_signal_handlers_disconnect_by_func (cell, count_cb, &changes);
  window_destroy (window);
}

/* The slider, the entry and the reset edit the cell; a drag is one undo
 * step. */
static void
test_control_sets_the_cell (void)
{
  MlWindow *window = window_new (1024, 768);
  MlControls *controls = ml_window_get_controls (window);
  MlLogControl *imax = ml_controls_get_mechanism_control (controls, "nkcc1.imax");
  GtkRange *scale = ml_log_control_get_scale (imax);
  GtkSpinButton *spin = ml_log_control_get_spin (imax);
  double start = mechanism_value (window, "nkcc1.imax");
  double km = mechanism_value (window, "pmca.km");
  double reference;

  g_assert_true (ml_params_get_value (ml_session_get_reference (ml_window_get_session (window)),
                                      "nkcc1.imax", &reference));
  g_assert_cmpfloat (start, !=, 0.2);

  /* A drag through ten positions, then one undo. */
  for (int i = 1; i <= 10; i++)
    gtk_range_set_value (scale, log10 (0.02 * i));
  g_assert_cmpfloat_with_epsilon (mechanism_value (window, "nkcc1.imax"), 0.2, 1e-12);
  g_assert_cmpfloat (mechanism_value (window, "pmca.km"), ==, km);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (mechanism_value (window, "nkcc1.imax"), ==, start);
  g_assert_cmpfloat (ml_log_control_get_value (imax), ==, start);

  /* A typed value, exactly. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "0.0321");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (mechanism_value (window, "nkcc1.imax"), ==, 0.0321);

  /* Reset goes back to the preset's value. */
  {
    GtkWidget *reset = NULL;

    for (GtkWidget *w = gtk_widget_get_last_child (gtk_widget_get_first_child (GTK_WIDGET (imax)));
         w != NULL && reset == NULL; w = gtk_widget_get_prev_sibling (w))
      if (GTK_IS_BUTTON (w))
        reset = w;
    g_assert_nonnull (reset);
    g_signal_emit_by_name (reset, "clicked");
  }
  g_assert_cmpfloat (mechanism_value (window, "nkcc1.imax"), ==, reference);
  window_destroy (window);
}

/* Remove takes the mechanism out of the cell, one undo brings it back with
 * its value; from the keyboard the focus goes on to "Add transporter". */
static void
test_remove_and_undo (void)
{
  MlWindow *window = window_new (1024, 768);
  MlControls *controls = ml_window_get_controls (window);
  MlCell *cell = ml_window_get_cell (window);
  g_autoptr(MlCell) before = NULL;
  g_auto (GStrv) offered = NULL;
  GtkWidget *focus;

  g_assert_true (ml_params_set_value (cell, "nkcc1.imax", 0.07));
  ml_history_seal (ml_window_get_history (window));
  before = ml_cell_copy (cell);

  /* A click. */
  g_signal_emit_by_name (ml_mechanism_row_get_remove_button (ml_controls_get_mechanism_row (controls, 0)),
                         "clicked");
  g_assert_cmpint (ml_cell_find_mechanism (cell, "nkcc1"), <, 0);
  g_assert_cmpint (ml_cell_find_mechanism (cell, "pmca"), ==, 0);
  assert_rows (controls, "pmca", NULL);
  g_assert_null (ml_controls_get_mechanism_control (controls, "nkcc1.imax"));
  offered = add_menu_labels (controls);
  g_assert_true (g_strv_contains ((const char * const *)offered, class_name ("nkcc1")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (ml_cell_equal (cell, before));
  assert_rows (controls, "nkcc1", "pmca", NULL);
  g_assert_cmpfloat (ml_log_control_get_value (ml_controls_get_mechanism_control (controls,
                                                                                "nkcc1.imax")),
                     ==, 0.07);

  /* The keyboard: Space on the Ca²⁺ pump's Remove. */
  adw_flap_set_reveal_flap (window->flap, TRUE);
  test_wait_ms (400);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (ml_mechanism_row_get_remove_button (
                                          ml_controls_get_mechanism_row (controls, 1)))));
  test_press_keys (GTK_WIDGET (window), "space");
  WAIT_FOR (ml_cell_find_mechanism (cell, "pmca") < 0);
  g_assert_cmpint (ml_cell_find_mechanism (cell, "pmca"), <, 0);
  assert_rows (controls, "nkcc1", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (ml_controls_get_add_mechanism_button (controls))
                 || gtk_widget_is_ancestor (focus,
                                            GTK_WIDGET (ml_controls_get_add_mechanism_button (controls))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (ml_cell_equal (cell, before));
  window_destroy (window);
}

/* "Add transporter" from the keyboard: Return opens the menu, Return
 * again adds KCC2 with its class's defaults; with every class in the cell there
 * is nothing left to offer. */
static void
test_add_from_the_menu (void)
{
  MlWindow *window = window_new (1024, 768);
  MlControls *controls = ml_window_get_controls (window);
  MlCell *cell = ml_window_get_cell (window);
  GtkMenuButton *add = ml_controls_get_add_mechanism_button (controls);
  const MlMechanismClass *kcc2 = ml_mechanism_class_find ("kcc2");
  g_auto (GStrv) offered = NULL;

  adw_flap_set_reveal_flap (window->flap, TRUE);
  test_wait_ms (400);
  g_assert_cmpint (ml_cell_find_mechanism (cell, "kcc2"), <, 0);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (add)));
  /* The pane scrolls it into sight; its popover opens there. */
  test_wait_ms (300);
  test_press_keys (GTK_WIDGET (window), "Return");
  WAIT_FOR (gtk_menu_button_get_popover (add) != NULL
            && gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (add))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (add))));
  /* Opened from the keyboard, the menu has the focus on its first item,
   * the first class the cell lacks: KCC2. */
  test_wait_ms (100);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (gtk_menu_button_get_popover (add))));
  test_press_keys (GTK_WIDGET (window), "Return");
  WAIT_FOR (ml_cell_get_n_mechanisms (cell) == 3);
  g_assert_cmpint (ml_cell_find_mechanism (cell, "kcc2"), ==, 2);
  g_assert_cmpfloat (mechanism_value (window, "kcc2.imax"), ==, kcc2->params[0].default_value);
  assert_rows (controls, "nkcc1", "pmca", "kcc2", NULL);
  g_assert_cmpfloat (ml_log_control_get_value (ml_controls_get_mechanism_control (controls,
                                                                                "kcc2.imax")),
                     ==, kcc2->params[0].default_value);
  {
    MlMechanismRow *row = ml_controls_get_mechanism_row (controls, 2);

    assert_accessible_label (GTK_WIDGET (ml_mechanism_row_get_remove_button (row)), "Remove KCC2");
  }
  offered = add_menu_labels (controls);
  g_assert_cmpuint (g_strv_length (offered), ==, 1);
  g_assert_cmpstr (offered[0], ==, class_name ("ncx"));
  /* Adding is one undo step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  assert_rows (controls, "nkcc1", "pmca", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  assert_rows (controls, "nkcc1", "pmca", "kcc2", NULL);

  /* The last one by its action: nothing is left to add. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (controls), "controls.add-mechanism",
                                             "s", "ncx"));
  assert_rows (controls, "nkcc1", "pmca", "kcc2", "ncx", NULL);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (add)));
  /* A builtin is never added, even when asked by name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (controls), "controls.add-mechanism",
                                             "s", "nak-pump"));
  g_assert_cmpuint (ml_cell_get_n_mechanisms (cell), ==, 4);
  window_destroy (window);
}

/* Another preset, a file and undo make the rows again for their cell. */
static void
test_preset_and_file_rebuild (void)
{
  MlWindow *window = window_new (1024, 768);
  MlControls *controls = ml_window_get_controls (window);
  MlCell *cell = ml_window_get_cell (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("membrane-lab-mechanisms-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kcc2.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *none = "None: only the channels and the Na⁺/K⁺ pump move ions.";

  g_assert_true (ml_window_load_preset (window, "cardiac-myocyte", &error));
  g_assert_no_error (error);
  assert_rows (controls, "nkcc1", "ncx", NULL);
  g_assert_false (shows_text (GTK_WIDGET (controls), none));
  g_assert_cmpfloat (ml_log_control_get_value (ml_controls_get_mechanism_control (controls,
                                                                                "ncx.k")),
                     ==, mechanism_value (window, "ncx.k"));
  {
    double reference, shown;

    g_assert_true (ml_params_get_value (ml_session_get_reference (ml_window_get_session (window)),
                                        "nkcc1.imax", &reference));
    g_object_get (ml_controls_get_mechanism_control (controls, "nkcc1.imax"),
                  "default-value", &shown, NULL);
    g_assert_cmpfloat (shown, ==, reference);
  }

  /* The squid axon has none: the section says so. */
  g_assert_true (ml_window_load_preset (window, "squid-axon", &error));
  g_assert_no_error (error);
  assert_rows (controls, NULL);
  g_assert_true (shows_text (GTK_WIDGET (controls), none));

  /* A file with KCC2 alone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (controls), "controls.add-mechanism",
                                             "s", "kcc2"));
  g_assert_true (ml_params_set_value (cell, "kcc2.imax", 0.3));
  g_assert_true (ml_window_save_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ml_window_load_preset (window, "cardiac-myocyte", &error));
  assert_rows (controls, "nkcc1", "ncx", NULL);
  g_assert_true (ml_window_load_file (window, file, &error));
  g_assert_no_error (error);
  assert_rows (controls, "kcc2", NULL);
  g_assert_cmpfloat (ml_log_control_get_value (ml_controls_get_mechanism_control (controls,
                                                                                "kcc2.imax")),
                     ==, 0.3);

  /* Undo across the load brings the myocyte's rows back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  assert_rows (controls, "nkcc1", "ncx", NULL);

  g_remove (path);
  g_rmdir (dir);
  window_destroy (window);
}

/* Ctrl+F's list has each transporter's parameters, and going to one puts
 * the focus in its entry. */
static void
test_go_to_parameter (void)
{
  MlWindow *window = window_new (1024, 768);
  MlControls *controls = ml_window_get_controls (window);
  g_auto (GStrv) nkcc1 = _ml_window_find_matches (window, "nkcc1");
  g_auto (GStrv) pump = _ml_window_find_matches (window, "ca pump half");
  g_auto (GStrv) kcc2 = _ml_window_find_matches (window, "kcc2.imax");

  g_assert_true (g_strv_contains ((const char * const *)nkcc1, "nkcc1.imax"));
  g_assert_cmpuint (g_strv_length (pump), ==, 1);
  g_assert_cmpstr (pump[0], ==, "pmca.km");
  /* Not in this cell: not offered. */
  g_assert_cmpuint (g_strv_length (kcc2), ==, 0);
  g_assert_false (ml_window_go_to_parameter (window, "kcc2.imax"));

  adw_flap_set_reveal_flap (window->flap, TRUE);
  test_wait_ms (400);
  g_assert_true (ml_window_go_to_parameter (window, "pmca.km"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window))
                 == GTK_WIDGET (ml_log_control_get_spin (ml_controls_get_mechanism_control (controls,
                                                                                         "pmca.km")))
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                            GTK_WIDGET (ml_log_control_get_spin (
                                              ml_controls_get_mechanism_control (controls, "pmca.km")))));
  window_destroy (window);
}

/* Every label in the section has the room it asks for: none cut, none
 * ellipsized. */
static void
assert_labels_fit (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_labels_fit (child);

  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget))
    {
      int minimum;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (gtk_widget_get_width (widget) < minimum
          || pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
        g_error ("the label “%s” is cut: %d px for %d", gtk_label_get_text (GTK_LABEL (widget)),
                 gtk_widget_get_width (widget), minimum);
    }
}

/* Renders the pane scrolled to the section, after checking that the
 * section fits it. */
static void
write_section (MlWindow   *window,
               gboolean    dark,
               const char *name)
{
  MlControls *controls = ml_window_get_controls (window);
  GtkWidget *add = GTK_WIDGET (ml_controls_get_add_mechanism_button (controls));
  GtkWidget *section = gtk_widget_get_parent (add);
  cairo_surface_t *surface;

  /* Laid out first: the rows may be new. */
  test_wait_ms (200);
  scroll_to (controls, section);
  test_wait_ms (200);

  /* The section lies within the pane, its buttons too. */
  g_assert_cmpint (gtk_widget_get_width (section), <=, gtk_widget_get_width (GTK_WIDGET (controls)));
  for (guint i = 0; ml_controls_get_mechanism_row (controls, i) != NULL; i++)
    {
      graphene_rect_t bounds;
      GtkWidget *remove = GTK_WIDGET (ml_mechanism_row_get_remove_button (
                                        ml_controls_get_mechanism_row (controls, i)));

      g_assert_true (gtk_widget_compute_bounds (remove, GTK_WIDGET (controls), &bounds));
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                         gtk_widget_get_width (GTK_WIDGET (controls)));
    }
  assert_labels_fit (section);

  surface = test_render_on_theme (GTK_WIDGET (controls), dark);
  g_assert_true (ml_surface_is_varied (surface, 16));
  test_write_png (surface, name);
  cairo_surface_destroy (surface);
}

static void
test_screenshots (void)
{
  const int sizes[][2] = { { 1024, 768 }, { 1920, 1080 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          MlWindow *window = window_new (sizes[s][0], sizes[s][1]);
          MlCell *cell = ml_window_get_cell (window);
          const char *theme = dark ? "dark" : "light";
          g_autofree char *name = g_strdup_printf ("controls-transporters-%dx%d-%s.png",
                                                   sizes[s][0], sizes[s][1], theme);
          g_autofree char *idle = g_strdup_printf ("controls-transporters-idle-%dx%d-%s.png",
                                                   sizes[s][0], sizes[s][1], theme);
          g_autofree char *none = g_strdup_printf ("controls-transporters-none-%dx%d-%s.png",
                                                   sizes[s][0], sizes[s][1], theme);

          /* The controls are shown beside the picture at both sizes. */
          g_assert_true (adw_flap_get_reveal_flap (window->flap));
          g_assert_false (adw_flap_get_folded (window->flap));
          write_section (window, dark, name);

          /* With the words of a transporter that idles, and every class in
           * the cell. */
          ml_cell_set_ion_enabled (cell, ml_cell_find_ion (cell, "Cl"), FALSE);
          ml_cell_begin_batch (cell);
          ml_cell_add_mechanism (cell, ml_mechanism_class_find ("kcc2"));
          ml_cell_add_mechanism (cell, ml_mechanism_class_find ("ncx"));
          ml_cell_end_batch (cell);
          g_assert_nonnull (ml_mechanism_row_get_state (ml_controls_get_mechanism_row (
                                                          ml_window_get_controls (window), 0)));
          write_section (window, dark, idle);

          /* None at all. */
          g_assert_true (ml_window_load_preset (window, "squid-axon", NULL));
          write_section (window, dark, none);
          window_destroy (window);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
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

  g_test_add_func ("/mechanism-rows/default-preset", test_default_preset_rows);
  g_test_add_func ("/mechanism-rows/follow-the-cell", test_rows_follow_the_cell);
  g_test_add_func ("/mechanism-rows/control-sets-the-cell", test_control_sets_the_cell);
  g_test_add_func ("/mechanism-rows/remove-and-undo", test_remove_and_undo);
  g_test_add_func ("/mechanism-rows/add-from-the-menu", test_add_from_the_menu);
  g_test_add_func ("/mechanism-rows/preset-and-file-rebuild", test_preset_and_file_rebuild);
  g_test_add_func ("/mechanism-rows/go-to-parameter", test_go_to_parameter);
  g_test_add_func ("/mechanism-rows/screenshots", test_screenshots);

  return g_test_run ();
}
