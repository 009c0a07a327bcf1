/* test-files.c — the window and --screenshot against hostile files
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a user can pick in the Open dialog or name on the command line: a
 * FIFO with no writer (open() would block for ever and freeze the window),
 * /dev/zero (never ends), a 100 MB file.  Each is refused within a second
 * with a message in a toast, and the cell is left as it was; a message that
 * quotes "&" or "<" still shows in the toast (libadwaita 1.2 reads toast
 * titles as markup).
 */
#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-window-private.h"

/* Reading must never block; SIGALRM turns a hang into a failure. */
#define HANG_GUARD_S 10

static char *test_dir;

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static MlWindow *
window_new (void)
{
  MlWindow *window = ml_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
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

static char *
temp_path (const char *name)
{
  return g_build_filename (test_dir, name, NULL);
}

/* The text of every label under @widget, joined: what the toast shows. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static char *
shown_text (MlWindow *window)
{
  GString *text = g_string_new (NULL);

  collect_labels (GTK_WIDGET (window->toasts), text);
  return g_string_free (text, FALSE);
}

/* Opens @path the way the Open dialog does (in the background) and waits
 * for the refusal, which must come within a second and leave the cell. */
static void
assert_open_refused (const char *path,
                     const char *reason)
{
  MlWindow *window = window_new ();
  MlCell *cell = ml_window_get_cell (window);
  g_autoptr(MlCell) before = ml_cell_copy (cell);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  gint64 start = g_get_monotonic_time ();
  const char *message;

  alarm (HANG_GUARD_S);
  ml_window_start_loading (window, file, TRUE);
  while (ml_window_is_loading (window))
    g_main_context_iteration (NULL, FALSE);
  alarm (0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  message = ml_window_get_last_error (window);
  g_assert_nonnull (message);
  g_test_message ("%s: %s", path, message);
  g_assert_nonnull (strstr (message, "Could not open"));
  g_assert_nonnull (strstr (message, reason));
  g_assert_true (ml_cell_equal (cell, before));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  g_assert_null (ml_window_get_file (window));
  window_destroy (window);
}

static void
test_open_dev_zero (void)
{
  assert_open_refused ("/dev/zero", "not a regular file");
}

static void
test_open_fifo (void)
{
  g_autofree char *fifo = temp_path ("pipe.membrane");

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_open_refused (fifo, "not a regular file");
  g_unlink (fifo);
}

static void
test_open_large (void)
{
  g_autofree char *big = temp_path ("big.membrane");
  int fd = g_open (big, O_WRONLY | O_CREAT, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1000 * 1000), ==, 0);
  close (fd);
  assert_open_refused (big, "too large");
  g_unlink (big);
}

/* A good file opened in the background arrives as one undo step. */
static void
test_open_good_in_background (void)
{
  MlWindow *window = window_new ();
  g_autoptr(MlCell) squid = ml_cell_new ();
  g_autofree char *path = temp_path ("squid.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (ml_presets_load (squid, "squid-axon", NULL));
  g_assert_true (ml_scenario_save_file (squid, file, NULL, NULL));
  ml_window_start_loading (window, file, TRUE);
  while (ml_window_is_loading (window))
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (ml_cell_equal (ml_window_get_cell (window), squid));
  g_assert_true (g_file_equal (ml_window_get_file (window), file));
  g_assert_false (ml_window_get_modified (window));
  g_assert_true (ml_history_can_undo (ml_window_get_history (window)));
  window_destroy (window);
  g_unlink (path);
}

/* Markup characters in a message: before, the toast showed only its
 * close button. */
static void
test_toast_shows_markup_characters (void)
{
  MlWindow *window = window_new ();
  const char *message = "Could not open “a&b<c>.membrane”: [Ion <K>] Inside: “1 & 2”";
  g_autofree char *shown = NULL;

  ml_window_show_error (window, message);
  wait_ms (300);
  shown = shown_text (window);
  g_assert_nonnull (strstr (shown, message));
  window_destroy (window);
}

/* A 200 KB message becomes a toast of a readable length. */
static void
test_toast_is_cut (void)
{
  MlWindow *window = window_new ();
  g_autoptr(GString) message = g_string_new ("The file is not a scenario: ");
  g_autofree char *shown = NULL;

  for (int i = 0; i < 200000; i++)
    g_string_append_c (message, 'x');
  g_string_append (message, "\nwhich is not a key-value pair");
  ml_window_show_error (window, message->str);
  wait_ms (300);
  g_assert_cmpuint (strlen (ml_window_get_last_error (window)), <, 300);
  g_assert_null (strchr (ml_window_get_last_error (window), '\n'));
  shown = shown_text (window);
  g_assert_nonnull (strstr (shown, ml_window_get_last_error (window)));
  window_destroy (window);
}

/* A failed save names the file and leaves what was there. */
static void
test_save_error_names_file (void)
{
  MlWindow *window = window_new ();
  g_autofree char *folder = temp_path ("folder.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  ml_cell_set_temperature (ml_window_get_cell (window), 20.0);
  g_assert_false (ml_window_save_file (window, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Could not save “"));
  g_assert_nonnull (strstr (error->message, "folder.membrane"));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_true (ml_window_get_modified (window));
  g_assert_null (ml_window_get_file (window));
  window_destroy (window);
  g_rmdir (folder);
}

/* Closing while a save still writes: the window waits for the save, so the
 * file is whole and no temporary stays behind, then closes. */
static void
test_close_waits_for_save (void)
{
  MlWindow *window = window_new ();
  g_autofree char *path = temp_path ("closing.membrane");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MlCell) on_disk = ml_cell_new ();
  gint64 deadline;

  g_assert_true (ml_window_save_file (window, file, NULL));
  ml_cell_set_temperature (ml_window_get_cell (window), 24.0);
  g_object_ref (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (ml_session_get_busy (ml_window_get_session (window)));
  gtk_window_close (GTK_WINDOW (window));
  /* Still there while the save runs … */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (gtk_widget_get_visible (GTK_WIDGET (window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  /* … then gone, with the file written whole. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (ml_scenario_load_file (on_disk, file, NULL, NULL));
  g_assert_cmpfloat (ml_cell_get_temperature (on_disk), ==, 24.0);
  g_object_unref (window);
  g_unlink (path);
}

/* membrane-lab --screenshot on a hostile file: exit status 2 and one line,
 * quickly, and no picture. */
static void
assert_screenshot_refused (const char * const *files,
                           const char         *needle)
{
  const char *binary = g_getenv ("MEMBRANE_LAB");
  g_autofree char *png = temp_path ("refused.png");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  int status = -1;
  gint64 start;

  if (binary == NULL)
    {
      g_test_skip ("MEMBRANE_LAB is not set");
      return;
    }

  g_ptr_array_add (argv, (char *)binary);
  g_ptr_array_add (argv, "--screenshot");
  g_ptr_array_add (argv, png);
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)files[i]);
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  alarm (HANG_GUARD_S * 3);
  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, NULL));
  alarm (0);
  g_test_message ("%s: %.1f s: %s", files[0],
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC, err);
  /* GTK's start under Xvfb included: about 0.1 s here. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, needle));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
test_screenshot_refuses_special_files (void)
{
  g_autofree char *fifo = temp_path ("shot-pipe.membrane");
  g_autofree char *big = temp_path ("shot-big.membrane");
  const char *zero[] = { "/dev/zero", NULL };
  const char *pipe[] = { fifo, NULL };
  const char *large[] = { big, NULL };
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1000 * 1000), ==, 0);
  close (fd);

  assert_screenshot_refused (zero, "not a regular file");
  assert_screenshot_refused (pipe, "not a regular file");
  assert_screenshot_refused (large, "too large");
  g_unlink (fifo);
  g_unlink (big);
}

/* Before, the second file was ignored and the exit status was 0. */
static void
test_screenshot_refuses_two_files (void)
{
  g_autofree char *good = g_build_filename (g_getenv ("TEST_DATA_DIR"), "good-minimal.membrane",
                                            NULL);
  g_autofree char *bad = g_build_filename (g_getenv ("TEST_DATA_DIR"), "bad-nan.membrane", NULL);
  const char *files[] = { good, bad, NULL };

  assert_screenshot_refused (files, "one scenario");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  test_dir = g_dir_make_tmp ("membrane-lab-files-XXXXXX", NULL);

  g_test_add_func ("/files/open/dev-zero", test_open_dev_zero);
  g_test_add_func ("/files/open/fifo", test_open_fifo);
  g_test_add_func ("/files/open/large", test_open_large);
  g_test_add_func ("/files/open/good-in-background", test_open_good_in_background);
  g_test_add_func ("/files/toast/markup-characters", test_toast_shows_markup_characters);
  g_test_add_func ("/files/toast/cut", test_toast_is_cut);
  g_test_add_func ("/files/save/error-names-file", test_save_error_names_file);
  g_test_add_func ("/files/save/close-waits", test_close_waits_for_save);
  g_test_add_func ("/files/screenshot/special-files", test_screenshot_refuses_special_files);
  g_test_add_func ("/files/screenshot/two-files", test_screenshot_refuses_two_files);

  status = g_test_run ();
  g_rmdir (test_dir);
  return status;
}
