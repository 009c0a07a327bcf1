/* test-disk-changes.c — a save over what another program changed
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario is opened, edited in a text editor as well, changed in the
 * window and saved with Ctrl+S.  The other program's edit used to be lost
 * without a word, and a file deleted meanwhile was made again.  Now the
 * save compares the file's etag with the one of the last read or write and
 * asks, as GNOME Text Editor does: Reload (the edits one undo away) or
 * Overwrite; for a deleted file, Save Again.  Cancel leaves the disk alone.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gui-test-support.h"
#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-window-private.h"

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
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
wait_idle (MlWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  wait_ms (50);
  while ((ml_session_get_busy (ml_window_get_session (window)) || ml_window_is_loading (window))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  wait_ms (50);
}

/* Ctrl+S; then the question's @response, or none when NULL. */
static void
save (MlWindow   *window,
      const char *response,
      const char *heading)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  wait_ms (100);
  dialog = find_question ();
  if (response == NULL)
    g_assert_null (dialog);
  else
    {
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
      g_assert_true (adw_message_dialog_has_response (dialog, response));
      {
        /* As a person sees it: screenshots/disk-changed.png, disk-deleted.png. */
        cairo_surface_t *surface = test_render_on_theme (GTK_WIDGET (dialog), FALSE);

        test_write_png (surface, g_str_equal (heading, "File Deleted") ? "disk-deleted.png"
                                                                       : "disk-changed.png");
        cairo_surface_destroy (surface);
      }
      adw_message_dialog_response (dialog, response);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  wait_idle (window);
}

/* What another program writes: the squid axon, at @temperature. */
static void
write_other (GFile  *file,
             double  temperature)
{
  g_autoptr(MlCell) other = ml_cell_new ();

  /* A later modification time than the window's own write, whatever the
   * file system's clock resolution. */
  g_usleep (20000);
  g_assert_true (ml_presets_load (other, "squid-axon", NULL));
  ml_cell_set_temperature (other, temperature);
  g_assert_true (ml_scenario_save_file (other, file, NULL, NULL));
}

static double
temperature_on_disk (GFile *file)
{
  g_autoptr(MlCell) cell = ml_cell_new ();

  g_assert_true (ml_scenario_load_file (cell, file, NULL, NULL));
  return ml_cell_get_temperature (cell);
}

static void
test_changed_and_deleted (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ml-disk-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "practical.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MlWindow *window = ml_window_new_full (NULL, FALSE);
  MlCell *cell = ml_window_get_cell (window);

  gtk_window_present (GTK_WINDOW (window));
  wait_ms (200);
  g_assert_true (ml_window_save_file (window, file, NULL));
  wait_idle (window);

  /* Nothing changed on disk: a save does not ask. */
  ml_cell_set_temperature (cell, 30.0);
  save (window, NULL, NULL);
  g_assert_cmpfloat (temperature_on_disk (file), ==, 30.0);

  /* Changed by another program: Cancel keeps its file. */
  write_other (file, 12.0);
  ml_cell_set_temperature (cell, 31.0);
  save (window, "cancel", "File Changed on Disk");
  g_assert_cmpfloat (temperature_on_disk (file), ==, 12.0);
  g_assert_true (ml_window_get_modified (window));

  /* Overwrite: the window's cell goes to disk, and the next save, with
   * nothing changed on disk since, asks nothing. */
  save (window, "overwrite", "File Changed on Disk");
  g_assert_cmpfloat (temperature_on_disk (file), ==, 31.0);
  ml_cell_set_temperature (cell, 32.0);
  save (window, NULL, NULL);
  g_assert_cmpfloat (temperature_on_disk (file), ==, 32.0);

  /* Reload: the other program's cell, the edit one undo away. */
  write_other (file, 14.0);
  ml_cell_set_temperature (cell, 33.0);
  save (window, "reload", "File Changed on Disk");
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 14.0);
  g_assert_cmpfloat (temperature_on_disk (file), ==, 14.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 33.0);

  /* Deleted: not made again without asking. */
  g_assert_cmpint (g_remove (path), ==, 0);
  save (window, "cancel", "File Deleted");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  save (window, "save", "File Deleted");
  g_assert_cmpfloat (temperature_on_disk (file), ==, 33.0);

  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (20);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/disk-changes/changed-and-deleted", test_changed_and_deleted);
  return g_test_run ();
}
