/* test-settings-range.c — a stored window size out of any sane range
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a settings editor or a damaged keyfile leaves: window-width
 * -2147483648 and window-height 0.  The window must open at the schema's
 * defaults (1200 × 800) with no Gtk-CRITICAL (fatal here), as it does
 * once the schema gives the keys a range: GSettings then reads the default
 * for a stored value outside it.  The keyfile backend, in a temporary
 * folder, stands for dconf.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ml-window-private.h"

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_size_out_of_range (void)
{
  MlWindow *window = ml_window_new_full (NULL, TRUE);
  int width = 0, height = 0;

  g_assert_nonnull (window->settings);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (200);
  window->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (window));
  wait_ms (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("ml-settings-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (folder, "keyfile", NULL);
  int status;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile,
                                      "[io/github/membranelab/MembraneLab]\n"
                                      "window-width=-2147483648\n"
                                      "window-height=0\n", -1, NULL));
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/settings/size-out-of-range", test_size_out_of_range);
  status = g_test_run ();
  g_remove (keyfile);
  return status;
}
