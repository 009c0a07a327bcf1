/* test-shell.c — the window as a shell: pages that plug in, actions that
 * follow the session
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A later page (the time course, plots, lessons) is one call to
 * ml_window_add_page() with a function that builds it for the session.
 * These tests add such a page and check that it is built only when first
 * shown, once, for the window's session, and that the page switcher shows
 * only when there is more than one page.
 */
#include "config.h"

#include <adwaita.h>

#include "ml-window-private.h"

static guint pages_built;
static MlSession *page_session;

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
  MlWindow *window = ml_window_new_full (NULL, FALSE);

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

static GtkWidget *
test_page_new (MlSession *session)
{
  pages_built++;
  page_session = session;
  return gtk_label_new ("A test page");
}

static void
test_page_built_when_shown (void)
{
  MlWindow *window = window_new ();

  pages_built = 0;
  page_session = NULL;
  /* The membrane and the time course: a switcher, whose page is not built
   * before it is shown. */
  g_assert_nonnull (window->switcher_title);
  g_assert_null (ml_window_get_page (window, "time-course"));

  ml_window_add_page (window, "test", "Test", "view-grid-symbolic", test_page_new);
  g_assert_nonnull (window->switcher_title);
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (window->switcher_title)) != NULL);
  g_assert_cmpstr (adw_view_switcher_title_get_title (window->switcher_title), ==,
                   adw_window_title_get_title (window->title));
  wait_ms (50);
  g_assert_cmpuint (pages_built, ==, 0);
  g_assert_null (ml_window_get_page (window, "test"));

  ml_window_show_page (window, "test");
  wait_ms (50);
  g_assert_cmpuint (pages_built, ==, 1);
  g_assert_true (page_session == ml_window_get_session (window));
  g_assert_true (GTK_IS_LABEL (ml_window_get_page (window, "test")));

  /* Back and forth: built once. */
  ml_window_show_page (window, "membrane");
  ml_window_show_page (window, "test");
  wait_ms (50);
  g_assert_cmpuint (pages_built, ==, 1);
  window_destroy (window);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The header's undo and redo buttons follow the session's history: a
 * button is sensitive exactly when its action is enabled. */
static void
test_actions_follow_session (void)
{
  MlWindow *window = window_new ();
  MlSession *session = ml_window_get_session (window);
  GtkWidget *undo = find_button (GTK_WIDGET (window), "win.undo");
  GtkWidget *redo = find_button (GTK_WIDGET (window), "win.redo");

  g_assert_nonnull (undo);
  g_assert_nonnull (redo);
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));

  ml_cell_set_temperature (ml_session_get_cell (session), 20.0);
  g_assert_true (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (ml_cell_get_temperature (ml_session_get_cell (session)), ==, 37.0);
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_true (gtk_widget_get_sensitive (redo));

  /* A preset is one step, with no question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "squid-axon"));
  g_assert_cmpstr (ml_session_get_preset_id (session), ==, "squid-axon");
  g_assert_true (gtk_widget_get_sensitive (undo));
  window_destroy (window);
}

/* The scalar controls are bound to the cell: a change from the model side
 * (undo, a preset) reaches the control, and the control's value reaches the
 * cell; the reset value follows the reference. */
static void
test_controls_bound_to_cell (void)
{
  MlWindow *window = window_new ();
  MlSession *session = ml_window_get_session (window);
  MlCell *cell = ml_session_get_cell (session);
  MlLogControl *t = ml_controls_get_control (window->controls, ML_CONTROL_TEMPERATURE);
  double reset = 0.0;

  ml_cell_set_temperature (cell, 21.0);
  g_assert_cmpfloat (ml_log_control_get_value (t), ==, 21.0);

  g_object_set (t, "value", 25.0, NULL);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 25.0);

  ml_session_undo (session);
  g_assert_cmpfloat (ml_log_control_get_value (t), ==, ml_cell_get_temperature (cell));

  g_assert_true (ml_session_load_preset (session, "squid-axon", NULL));
  g_assert_cmpfloat (ml_log_control_get_value (t), ==, 18.0);
  g_object_get (t, "default-value", &reset, NULL);
  g_assert_cmpfloat (reset, ==, 18.0);
  window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/shell/page-built-when-shown", test_page_built_when_shown);
  g_test_add_func ("/shell/actions-follow-session", test_actions_follow_session);
  g_test_add_func ("/shell/controls-bound-to-cell", test_controls_bound_to_cell);

  return g_test_run ();
}
