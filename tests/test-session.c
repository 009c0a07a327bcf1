/* test-session.c — the document behind a window, without a display
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a user does with files, presets and undo, checked on MlSession
 * alone: a round trip through a file gives the same cell, the modified flag
 * and the title follow every change, undo crosses a preset switch, and a bad
 * file or a failed save changes nothing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-session.h"

static char *test_dir;

static char *
temp_path (const char *name)
{
  return g_build_filename (test_dir, name, NULL);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_starts_on_default (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  g_autoptr(MlCell) neuron = ml_cell_new ();
  MlSolution expected;

  g_assert_true (ml_presets_load (neuron, ML_PRESET_DEFAULT, NULL));
  g_assert_true (ml_cell_equal (ml_session_get_cell (session), neuron));
  g_assert_cmpstr (ml_session_get_preset_id (session), ==, ML_PRESET_DEFAULT);
  g_assert_null (ml_session_get_file (session));
  g_assert_false (ml_session_get_modified (session));
  g_assert_false (ml_history_can_undo (ml_session_get_history (session)));
  g_assert_cmpstr (ml_session_get_title (session), ==, ml_cell_get_name (neuron));

  /* The solution is the core's for the same cell, solved independently. */
  ml_cell_solve (neuron, &expected);
  g_assert_cmpfloat (ml_session_get_solution (session)->vm_mv, ==, expected.vm_mv);
}

/* One change, one solution: views redraw once per edit. */
static void
test_solved_once_per_change (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  MlCell *cell = ml_session_get_cell (session);
  guint solved = 0;
  MlSolution expected;

  g_signal_connect (session, "solved", G_CALLBACK (count_cb), &solved);
  ml_cell_set_temperature (cell, 20.0);
  g_assert_cmpuint (solved, ==, 1);
  ml_cell_solve (cell, &expected);
  g_assert_cmpfloat (ml_session_get_solution (session)->vm_mv, ==, expected.vm_mv);
  g_assert_cmpfloat (ml_session_get_solution (session)->temperature_c, ==, 20.0);

  g_assert_true (ml_session_load_preset (session, "squid-axon", NULL));
  g_assert_cmpuint (solved, ==, 2);
}

static void
test_modified_follows_edits (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  MlCell *cell = ml_session_get_cell (session);
  guint notified = 0;

  g_signal_connect (session, "notify::modified", G_CALLBACK (count_notify_cb), &notified);
  ml_cell_set_temperature (cell, 20.0);
  g_assert_true (ml_session_get_modified (session));
  g_assert_cmpuint (notified, ==, 1);
  ml_cell_set_temperature (cell, 25.0);
  g_assert_cmpuint (notified, ==, 1);

  /* Editing back to the reference is not a modification. */
  ml_cell_set_temperature (cell, ml_cell_get_temperature (ml_session_get_reference (session)));
  g_assert_false (ml_session_get_modified (session));
  g_assert_cmpuint (notified, ==, 2);

  ml_cell_set_temperature (cell, 20.0);
  ml_session_reset (session);
  g_assert_false (ml_session_get_modified (session));
  /* … and reset is a step that undo takes back. */
  ml_session_undo (session);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 20.0);
}

static void
test_title_follows_name (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  MlCell *cell = ml_session_get_cell (session);
  guint notified = 0;

  g_signal_connect (session, "notify::title", G_CALLBACK (count_notify_cb), &notified);
  ml_cell_set_name (cell, "My cell");
  g_assert_cmpstr (ml_session_get_title (session), ==, "My cell");
  g_assert_cmpuint (notified, ==, 1);
  ml_cell_set_name (cell, "");
  g_assert_cmpstr (ml_session_get_title (session), ==, "Untitled cell");
  g_assert_cmpuint (notified, ==, 2);
  /* A change of something else leaves the title alone. */
  ml_cell_set_temperature (cell, 30.0);
  g_assert_cmpuint (notified, ==, 2);
}

/* A preset never asks; the edit before it is one undo away. */
static void
test_undo_across_preset_switch (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  MlCell *cell = ml_session_get_cell (session);
  g_autoptr(MlCell) squid = ml_cell_new ();
  g_autoptr(MlCell) edited = NULL;

  g_assert_true (ml_presets_load (squid, "squid-axon", NULL));
  ml_cell_set_temperature (cell, 22.0);
  edited = ml_cell_copy (cell);

  g_assert_true (ml_session_load_preset (session, "squid-axon", NULL));
  g_assert_true (ml_cell_equal (cell, squid));
  g_assert_cmpstr (ml_session_get_preset_id (session), ==, "squid-axon");
  g_assert_false (ml_session_get_modified (session));

  ml_session_undo (session);
  g_assert_true (ml_cell_equal (cell, edited));
  /* Against the squid axon it came from now, the edit is a modification. */
  g_assert_true (ml_session_get_modified (session));
  ml_session_redo (session);
  g_assert_true (ml_cell_equal (cell, squid));
  g_assert_false (ml_session_get_modified (session));
}

static void
test_unknown_preset_changes_nothing (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  g_autoptr(MlCell) before = ml_cell_copy (ml_session_get_cell (session));
  g_autoptr(GError) error = NULL;

  g_assert_false (ml_session_load_preset (session, "no-such-preset", &error));
  g_assert_nonnull (error);
  g_assert_true (ml_cell_equal (ml_session_get_cell (session), before));
  g_assert_cmpstr (ml_session_get_preset_id (session), ==, ML_PRESET_DEFAULT);
  g_assert_false (ml_history_can_undo (ml_session_get_history (session)));
}

static void
test_file_round_trip (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  g_autoptr(MlSession) other = ml_session_new ();
  MlCell *cell = ml_session_get_cell (session);
  g_autofree char *path = temp_path ("round-trip.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  ml_cell_set_temperature (cell, 21.5);
  ml_cell_set_ion_value (cell, ml_cell_find_ion (cell, "Na"), ML_ION_FIELD_C_OUT, 123.456);
  g_assert_true (ml_session_get_modified (session));

  g_assert_true (ml_session_save_file (session, file, &error));
  g_assert_no_error (error);
  g_assert_false (ml_session_get_modified (session));
  g_assert_true (g_file_equal (ml_session_get_file (session), file));
  g_assert_null (ml_session_get_preset_id (session));

  /* Another session opens it: the same cell, bit for bit. */
  g_assert_true (ml_session_load_file (other, file, &error));
  g_assert_no_error (error);
  g_assert_true (ml_cell_equal (ml_session_get_cell (other), cell));
  g_assert_false (ml_session_get_modified (other));
  g_assert_true (ml_history_can_undo (ml_session_get_history (other)));

  /* Reset returns to what was saved, not to the preset. */
  ml_cell_set_temperature (cell, 5.0);
  ml_session_reset (session);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 21.5);
  g_unlink (path);
}

static void
test_bad_file_changes_nothing (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  MlCell *cell = ml_session_get_cell (session);
  g_autofree char *path = temp_path ("broken.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MlCell) before = NULL;
  g_autofree char *title = NULL;
  guint solved = 0;

  g_assert_true (g_file_set_contents (path, "[Membrane]\nVersion=1\nName=Broken\nTemperature=nan\n",
                                      -1, NULL));
  ml_cell_set_temperature (cell, 30.0);
  before = ml_cell_copy (cell);
  title = g_strdup (ml_session_get_title (session));
  g_signal_connect (session, "solved", G_CALLBACK (count_cb), &solved);

  g_assert_false (ml_session_load_file (session, file, &error));
  g_assert_nonnull (error);
  /* The message names the file and the key. */
  g_assert_nonnull (strstr (error->message, "Could not open “broken.membrane”"));
  g_assert_nonnull (strstr (error->message, "Temperature"));
  g_assert_true (ml_cell_equal (cell, before));
  g_assert_true (ml_session_get_modified (session));
  g_assert_cmpstr (ml_session_get_title (session), ==, title);
  g_assert_null (ml_session_get_file (session));
  g_assert_cmpstr (ml_session_get_preset_id (session), ==, ML_PRESET_DEFAULT);
  g_assert_cmpuint (solved, ==, 0);
  g_unlink (path);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = ml_session_load_file_finish (ML_SESSION (source), result, &wait->error);
  wait->done = TRUE;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = ml_session_save_file_finish (ML_SESSION (source), result, &wait->error);
  wait->done = TRUE;
}

static void
wait_for (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

/* What the window does: both in the background, busy meanwhile. */
static void
test_async_save_and_load (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  g_autoptr(MlSession) other = ml_session_new ();
  MlCell *cell = ml_session_get_cell (session);
  g_autofree char *path = temp_path ("async.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Wait save = { 0 }, load = { 0 };

  ml_cell_set_temperature (cell, 12.5);
  ml_session_save_file_async (session, file, NULL, save_done_cb, &save);
  g_assert_true (ml_session_get_busy (session));
  /* An edit during the save is not what was saved. */
  ml_cell_set_temperature (cell, 13.0);
  wait_for (&save);
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  g_assert_false (ml_session_get_busy (session));
  g_assert_true (ml_session_get_modified (session));
  g_assert_cmpfloat (ml_cell_get_temperature (ml_session_get_reference (session)), ==, 12.5);

  ml_session_load_file_async (other, file, NULL, load_done_cb, &load);
  wait_for (&load);
  g_assert_no_error (load.error);
  g_assert_cmpfloat (ml_cell_get_temperature (ml_session_get_cell (other)), ==, 12.5);
  g_assert_true (g_file_equal (ml_session_get_file (other), file));
  g_unlink (path);
}

/* A failed save leaves the session as it was: still modified, still of
 * its old origin. */
static void
test_failed_save_changes_nothing (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  g_autofree char *folder = temp_path ("folder.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  Wait save = { 0 };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  ml_cell_set_temperature (ml_session_get_cell (session), 19.0);
  ml_session_save_file_async (session, file, NULL, save_done_cb, &save);
  wait_for (&save);
  g_assert_false (save.ok);
  g_assert_nonnull (save.error);
  g_assert_nonnull (strstr (save.error->message, "Could not save “folder.membrane”"));
  g_clear_error (&save.error);
  g_assert_true (ml_session_get_modified (session));
  g_assert_null (ml_session_get_file (session));
  g_assert_cmpstr (ml_session_get_preset_id (session), ==, ML_PRESET_DEFAULT);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_rmdir (folder);
}

static void
test_forget_history (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  guint notified = 0;

  g_signal_connect (session, "notify::can-undo", G_CALLBACK (count_notify_cb), &notified);
  g_assert_true (ml_session_load_preset (session, "astrocyte", NULL));
  g_assert_true (ml_history_can_undo (ml_session_get_history (session)));
  g_assert_cmpuint (notified, ==, 1);
  ml_session_forget_history (session);
  g_assert_false (ml_history_can_undo (ml_session_get_history (session)));
  g_assert_cmpuint (notified, ==, 2);
}

/* Undo back past a file that was opened returns to where the edited cell
 * came from: Save then writes there, never over the file opened after it. */
static void
test_undo_across_open_restores_origin (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  MlCell *cell = ml_session_get_cell (session);
  g_autofree char *a_path = temp_path ("origin-a.membrane");
  g_autofree char *b_path = temp_path ("origin-b.membrane");
  g_autoptr(GFile) a = g_file_new_for_path (a_path);
  g_autoptr(GFile) b = g_file_new_for_path (b_path);
  g_autoptr(MlCell) squid = ml_cell_new ();

  g_assert_true (ml_presets_load (squid, "squid-axon", NULL));
  g_assert_true (ml_scenario_save_file (squid, b, NULL, NULL));
  g_assert_true (ml_session_save_file (session, a, NULL));
  ml_cell_set_temperature (cell, 11.0);

  g_assert_true (ml_session_load_file (session, b, NULL));
  g_assert_true (g_file_equal (ml_session_get_file (session), b));

  ml_session_undo (session);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 11.0);
  g_assert_true (g_file_equal (ml_session_get_file (session), a));
  g_assert_true (ml_session_get_modified (session));

  ml_session_redo (session);
  g_assert_true (ml_cell_equal (cell, squid));
  g_assert_true (g_file_equal (ml_session_get_file (session), b));
  g_assert_false (ml_session_get_modified (session));
  g_unlink (a_path);
  g_unlink (b_path);
}

/* A save that ends after a preset was chosen writes its file, but the
 * session now shows the preset and stays the preset's. */
static void
test_save_finishing_after_preset (void)
{
  g_autoptr(MlSession) session = ml_session_new ();
  g_autofree char *path = temp_path ("late-save.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MlCell) on_disk = ml_cell_new ();
  Wait save = { 0 };

  ml_cell_set_temperature (ml_session_get_cell (session), 23.0);
  ml_session_save_file_async (session, file, NULL, save_done_cb, &save);
  g_assert_true (ml_session_load_preset (session, "astrocyte", NULL));
  wait_for (&save);
  g_assert_true (save.ok);
  g_assert_null (ml_session_get_file (session));
  g_assert_cmpstr (ml_session_get_preset_id (session), ==, "astrocyte");
  g_assert_false (ml_session_get_modified (session));
  g_assert_true (ml_scenario_load_file (on_disk, file, NULL, NULL));
  g_assert_cmpfloat (ml_cell_get_temperature (on_disk), ==, 23.0);
  g_unlink (path);
}

static void
count_origin_cb (MlSession *session,
                 guint     *count)
{
  (*count)++;
}

/* "origin-changed" comes with a load and with undo back across one, not
 * with a save (which makes the saved cell the reference) nor with edits. */
static void
test_origin_changed (void)
{
  g_autoptr (MlSession) session = ml_session_new ();
  g_autofree char *path = g_build_filename (test_dir, "origin.membrane", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  guint count = 0;

  g_signal_connect (session, "origin-changed", G_CALLBACK (count_origin_cb), &count);
  g_assert_true (ml_session_load_preset (session, "squid-axon", NULL));
  g_assert_cmpuint (count, ==, 1);
  ml_cell_set_temperature (ml_session_get_cell (session), 10.0);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (ml_session_save_file (session, file, NULL));
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (ml_session_load_preset (session, "astrocyte", NULL));
  g_assert_cmpuint (count, ==, 2);
  ml_session_undo (session);
  g_assert_cmpuint (count, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("ml-session-XXXXXX", NULL);

  g_test_add_func ("/session/starts-on-default", test_starts_on_default);
  g_test_add_func ("/session/solved-once-per-change", test_solved_once_per_change);
  g_test_add_func ("/session/modified-follows-edits", test_modified_follows_edits);
  g_test_add_func ("/session/title-follows-name", test_title_follows_name);
  g_test_add_func ("/session/undo-across-preset-switch", test_undo_across_preset_switch);
  g_test_add_func ("/session/unknown-preset-changes-nothing", test_unknown_preset_changes_nothing);
  g_test_add_func ("/session/file-round-trip", test_file_round_trip);
  g_test_add_func ("/session/bad-file-changes-nothing", test_bad_file_changes_nothing);
  g_test_add_func ("/session/async-save-and-load", test_async_save_and_load);
  g_test_add_func ("/session/failed-save-changes-nothing", test_failed_save_changes_nothing);
  g_test_add_func ("/session/forget-history", test_forget_history);
  g_test_add_func ("/session/undo-across-open-restores-origin", test_undo_across_open_restores_origin);
  g_test_add_func ("/session/save-finishing-after-preset", test_save_finishing_after_preset);
  g_test_add_func ("/session/origin-changed", test_origin_changed);

  status = g_test_run ();
  g_rmdir (test_dir);
  return status;
}
