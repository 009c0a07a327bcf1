/* gui-test-support.c — what the GUI tests share
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gui-test-support.h"

#include <glib/gstdio.h>

#include "ml-screenshot.h"

void
test_add_ion (MlCell     *cell,
              const char *name,
              int         z,
              double      c_in,
              double      c_out,
              double      p)
{
  MlIon ion = { .z = z, .c_in = c_in, .c_out = c_out, .p = p, .enabled = true };

  g_strlcpy (ion.name, name, sizeof ion.name);
  g_assert_cmpint (ml_cell_set_ion (cell, &ion), >=, 0);
}

const char *
test_screenshot_dir (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    {
      const char *env = g_getenv ("ML_SCREENSHOT_DIR");

      dir = g_strdup (env != NULL && env[0] != '\0' ? env : g_get_tmp_dir ());
      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
    }
  return dir;
}

cairo_surface_t *
test_render_on_theme (GtkWidget *widget,
                      gboolean   dark)
{
  /* libadwaita's window background: #fafafa light, #242424 dark. */
  GdkRGBA background;

  gdk_rgba_parse (&background, dark ? "#242424" : "#fafafa");
  return ml_screenshot_surface_on (widget, &background);
}

void
test_write_png (cairo_surface_t *surface,
                const char      *name)
{
  g_autofree char *path = g_build_filename (test_screenshot_dir (), name, NULL);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("wrote %s", path);
}
