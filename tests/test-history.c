/* test-history.c — undo and redo of cell edits
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lecture rule: "let's go back and try the other way" is one key.  One
 * slider drag is one step, one preset is one step, and undo restores the
 * cell exactly.
 */
#include "config.h"

#include "ml-history.h"
#include "ml-mechanism.h"
#include "ml-presets.h"

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_drag_is_one_step (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) start = ml_cell_copy (cell);
  g_autoptr(MlHistory) history = ml_history_new (cell);
  int k = ml_cell_find_ion (cell, "K");

  g_assert_false (ml_history_can_undo (history));

  /* A drag: 200 positions of one value, well inside the merge window. */
  for (int i = 0; i < 200; i++)
    ml_cell_set_ion_value (cell, k, ML_ION_FIELD_C_OUT, 5.0 + i * 0.1);
  g_assert_true (ml_history_can_undo (history));

  ml_history_undo (history);
  g_assert_true (ml_cell_equal (cell, start));
  g_assert_false (ml_history_can_undo (history));
  g_assert_true (ml_history_can_redo (history));

  ml_history_redo (history);
  g_assert_cmpfloat (ml_cell_get_ion_value (cell, k, ML_ION_FIELD_C_OUT), ==, 5.0 + 199 * 0.1);
}

static void
test_different_values_are_steps (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) start = ml_cell_copy (cell);
  g_autoptr(MlHistory) history = ml_history_new (cell);
  g_autoptr(MlCell) after_temperature = NULL;

  ml_cell_set_temperature (cell, 20.0);
  after_temperature = ml_cell_copy (cell);
  ml_cell_set_radius (cell, 30.0);

  ml_history_undo (history);
  g_assert_true (ml_cell_equal (cell, after_temperature));
  ml_history_undo (history);
  g_assert_true (ml_cell_equal (cell, start));
}

static void
test_seal_splits_a_drag (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlHistory) history = ml_history_new (cell);

  ml_cell_set_temperature (cell, 30.0);
  ml_history_seal (history);
  ml_cell_set_temperature (cell, 20.0);

  ml_history_undo (history);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 30.0);
  ml_history_undo (history);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 37.0);
}

static void
test_preset_is_one_step (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) start = ml_cell_copy (cell);
  g_autoptr(MlHistory) history = ml_history_new (cell);
  g_autoptr(GError) error = NULL;

  /* The squid preset changes the temperature and every ion: one batch. */
  g_assert_true (ml_presets_load (cell, "squid-axon", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 18.0);

  ml_history_undo (history);
  g_assert_true (ml_cell_equal (cell, start));
  g_assert_false (ml_history_can_undo (history));
}

static void
test_new_edit_clears_redo (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlHistory) history = ml_history_new (cell);
  guint notified = 0;

  g_signal_connect (history, "notify::can-redo", G_CALLBACK (count_cb), &notified);

  ml_cell_set_temperature (cell, 25.0);
  ml_history_undo (history);
  g_assert_true (ml_history_can_redo (history));
  g_assert_cmpuint (notified, ==, 1);

  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  g_assert_false (ml_history_can_redo (history));
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_switches_are_steps (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) start = ml_cell_copy (cell);
  g_autoptr(MlHistory) history = ml_history_new (cell);
  int ca = ml_cell_find_ion (cell, "Ca");

  /* Off and on again at once: two steps, and the first undo turns it off. */
  ml_cell_set_ion_enabled (cell, ca, FALSE);
  ml_cell_set_ion_enabled (cell, ca, TRUE);
  ml_history_undo (history);
  g_assert_false (ml_cell_get_ion (cell, ca)->enabled);
  ml_history_undo (history);
  g_assert_true (ml_cell_equal (cell, start));

  /* The pump through its three modes: three steps. */
  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_history_undo (history);
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_CURRENT);
}

static void
test_drag_back_to_start_is_no_step (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlHistory) history = ml_history_new (cell);

  ml_cell_set_temperature (cell, 30.0);
  ml_cell_set_temperature (cell, 37.0);
  g_assert_false (ml_history_can_undo (history));

  /* … and leaves what could be redone: radius changed and undone, then a
   * temperature drag that comes back to where it started. */
  ml_history_seal (history);
  ml_cell_set_radius (cell, 30.0);
  ml_history_undo (history);
  g_assert_true (ml_history_can_redo (history));
  ml_cell_set_temperature (cell, 36.0);
  ml_cell_set_temperature (cell, 37.0);
  g_assert_true (ml_history_can_redo (history));
  ml_history_redo (history);
  g_assert_cmpfloat (ml_cell_get_radius (cell), ==, 30.0);
}

static void
test_clear (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlHistory) history = ml_history_new (cell);

  ml_cell_set_temperature (cell, 25.0);
  ml_history_clear (history);
  g_assert_false (ml_history_can_undo (history));

  /* The cleared state is the new start: the next edit undoes to 25 °C. */
  ml_cell_set_temperature (cell, 10.0);
  ml_history_undo (history);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 25.0);
}

static void
test_difference_keys (void)
{
  g_autoptr(MlCell) a = ml_cell_new_default ();
  g_autoptr(MlCell) b = ml_cell_copy (a);
  g_autofree char *none = ml_cell_difference (a, b);
  g_autofree char *one = NULL;
  g_autofree char *many = NULL;

  g_assert_null (none);
  ml_cell_set_ion_value (b, ml_cell_find_ion (b, "Na"), ML_ION_FIELD_P, 1e-7);
  one = ml_cell_difference (a, b);
  /* The parameter table's id, as the signal's detail names it. */
  g_assert_cmpstr (one, ==, "Na.p");
  ml_cell_set_temperature (b, 10.0);
  many = ml_cell_difference (a, b);
  g_assert_cmpstr (many, ==, "many");
}

/* A drag of the kinetic pump's Ī is one undo step (its key was missing
 * from the history's own list of sliders before the table said it), and
 * so is a drag of a mechanism's rate; a switch flipped twice is two. */
static void
test_drags_merge_by_the_table (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlHistory) history = ml_history_new (cell);
  double imax = ml_cell_get_pump_max_current (cell);
  int k;

  for (int i = 1; i <= 20; i++)
    ml_cell_set_pump_max_current (cell, imax + 0.01 * i);
  g_assert_cmpstr (ml_cell_get_change (cell), ==, "pump.imax");
  ml_history_undo (history);
  g_assert_cmpfloat (ml_cell_get_pump_max_current (cell), ==, imax);
  g_assert_false (ml_history_can_undo (history));

  k = ml_cell_add_mechanism (cell, ml_mechanism_class_find ("kcc2"));
  for (int i = 1; i <= 20; i++)
    ml_cell_set_mechanism_value (cell, k, 0, 0.01 * i);
  g_assert_cmpstr (ml_cell_get_change (cell), ==, "kcc2.imax");
  ml_history_undo (history);   /* the drag */
  g_assert_cmpfloat (ml_cell_get_mechanism_value (cell, k, 0), ==,
                     ml_mechanism_class_find ("kcc2")->params[0].default_value);
  ml_history_undo (history);   /* the addition */
  g_assert_cmpint (ml_cell_find_mechanism (cell, "kcc2"), ==, -1);

  ml_cell_set_ion_enabled (cell, 0, FALSE);
  ml_cell_set_ion_enabled (cell, 0, TRUE);
  ml_history_undo (history);
  g_assert_false (ml_cell_get_ion (cell, 0)->enabled);
}

/* A mechanism's value swept by a slider is one step like any other value;
 * a mechanism added or removed is a step of its own, and does not merge
 * with a drag of one of its values. */
static void
test_mechanism_drag_is_one_step (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) start = ml_cell_copy (cell);
  g_autoptr(MlHistory) history = ml_history_new (cell);
  g_autoptr(MlCell) after_drag = NULL;
  int nkcc1 = ml_cell_find_mechanism (cell, "nkcc1");
  int pmca = ml_cell_find_mechanism (cell, "pmca");
  g_autofree char *key = NULL;

  g_assert_cmpint (nkcc1, >=, 0);
  g_assert_cmpint (pmca, >=, 0);

  for (int i = 1; i <= 100; i++)
    ml_cell_set_mechanism_value (cell, nkcc1, 0, 0.001 * i);
  key = ml_cell_difference (start, cell);
  g_assert_cmpstr (key, ==, "nkcc1.imax");
  after_drag = ml_cell_copy (cell);

  /* Another parameter of another mechanism: a new step. */
  for (int i = 1; i <= 10; i++)
    ml_cell_set_mechanism_value (cell, pmca, 1, 0.0001 * i);
  /* The mechanism goes: one more. */
  ml_cell_remove_mechanism (cell, nkcc1);
  g_assert_cmpint (ml_cell_find_mechanism (cell, "nkcc1"), <, 0);

  ml_history_undo (history);
  g_assert_cmpint (ml_cell_find_mechanism (cell, "nkcc1"), ==, nkcc1);
  g_assert_cmpfloat (ml_cell_get_mechanism_value (cell, nkcc1, 0), ==, 0.1);
  ml_history_undo (history);
  g_assert_true (ml_cell_equal (cell, after_drag));
  ml_history_undo (history);
  g_assert_true (ml_cell_equal (cell, start));
  g_assert_false (ml_history_can_undo (history));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/drag-is-one-step", test_drag_is_one_step);
  g_test_add_func ("/history/different-values-are-steps", test_different_values_are_steps);
  g_test_add_func ("/history/seal-splits-a-drag", test_seal_splits_a_drag);
  g_test_add_func ("/history/preset-is-one-step", test_preset_is_one_step);
  g_test_add_func ("/history/new-edit-clears-redo", test_new_edit_clears_redo);
  g_test_add_func ("/history/switches-are-steps", test_switches_are_steps);
  g_test_add_func ("/history/drag-back-to-start-is-no-step", test_drag_back_to_start_is_no_step);
  g_test_add_func ("/history/clear", test_clear);
  g_test_add_func ("/history/difference-keys", test_difference_keys);
  g_test_add_func ("/history/drags-merge-by-the-table", test_drags_merge_by_the_table);
  g_test_add_func ("/history/mechanism-drag-is-one-step", test_mechanism_drag_is_one_step);

  return g_test_run ();
}
