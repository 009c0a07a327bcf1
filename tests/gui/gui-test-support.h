/* gui-test-support.h — what the GUI tests share
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-cell.h"

G_BEGIN_DECLS

/* Adds an ion to @cell, asserting that it fits. */
void              test_add_ion          (MlCell     *cell,
                                         const char *name,
                                         int         z,
                                         double      c_in,
                                         double      c_out,
                                         double      p);

/* $ML_SCREENSHOT_DIR (meson sets it to <builddir>/screenshots), made if
 * missing; the temporary folder when unset. */
const char       *test_screenshot_dir   (void);

/* @widget rendered over Adwaita's window colour, light or dark, as it looks
 * in the app: the views have no background of their own. */
cairo_surface_t  *test_render_on_theme  (GtkWidget  *widget,
                                         gboolean    dark);

/* Writes @surface as @name into test_screenshot_dir (), asserting success. */
void              test_write_png        (cairo_surface_t *surface,
                                         const char      *name);

/* Keys as a user sends them: through the X server (XTEST), so they reach
 * the window the way a keyboard's or a presentation clicker's do, shortcuts,
 * focus and popovers included.  @accel is in gtk_accelerator_parse()'s
 * form ("<Control>f", "Page_Down", "<Alt>2"); the main loop runs until
 * the keys have arrived.  The window is given the X input focus first. */
void              test_press_keys       (GtkWidget  *window,
                                         const char *accel);

/* Types @text (ASCII) key by key, as test_press_keys() sends them. */
void              test_type_text        (GtkWidget  *window,
                                         const char *text);

/* Runs the main loop for @ms milliseconds. */
void              test_wait_ms          (guint       ms);

/* The first widget under @root, @root included, depth first, for which
 * @match says TRUE. */
typedef gboolean (*TestWidgetMatch) (GtkWidget     *widget,
                                     gconstpointer  data);
GtkWidget        *test_find_widget      (GtkWidget       *root,
                                         TestWidgetMatch  match,
                                         gconstpointer    data);

G_END_DECLS
