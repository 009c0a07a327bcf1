/* test-quit.c — a scripted session that ends with Ctrl+Q and Discard
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application as a user drives it: a slider moved, every page shown, the
 * Donnan window opened, a lesson step answered, then app.quit (Ctrl+Q) and
 * a click on the "Save Changes?" dialog's Discard button, as a pointer
 * clicks it (the button's "clicked", not adw_message_dialog_response, so the
 * dialog answers and closes itself as it does for a person).  The window
 * must be gone and the application ended.  meson runs this program under
 * valgrind (test-quit-valgrind, through valgrind-check.py), which fails it on
 * any invalid read, write or free in any frame: the window used to be
 * destroyed from inside the dialog's response handler while the dialog,
 * transient for it, was still being finalised.
 */
#include "config.h"

#include <adwaita.h>

#include "ml-application.h"
#include "ml-lesson-pane.h"
#include "ml-window-private.h"

static MlWindow *window;   /* weak: NULL once the window is finalised */
static gboolean  script_ran;

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (label == NULL || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
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

static gboolean
script_cb (gpointer user_data)
{
  GApplication *app = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *scale;
  AdwMessageDialog *dialog;
  GtkWidget *discard;
  MlLessonPane *pane;

  window = ML_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  wait_ms (300);

  /* A slider moved by a step, as the arrow keys move it. */
  scale = find_widget (GTK_WIDGET (window), GTK_TYPE_SCALE, NULL);
  g_assert_nonnull (scale);
  gtk_range_set_value (GTK_RANGE (scale), gtk_range_get_value (GTK_RANGE (scale))
                       + gtk_adjustment_get_step_increment (gtk_range_get_adjustment (GTK_RANGE (scale))));
  wait_ms (100);
  g_assert_true (ml_window_get_modified (window));

  /* Every page, and the Donnan window. */
  ml_window_show_page (window, "time-course");
  wait_ms (300);
  ml_window_show_page (window, "plots");
  wait_ms (300);
  ml_window_show_page (window, "practice");
  wait_ms (300);
  ml_window_show_page (window, "membrane");
  wait_ms (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.donnan", NULL));
  wait_ms (300);

  /* A lesson: its first question answered. */
  g_assert_true (ml_window_start_lesson (window, "ghk-vote", &error));
  g_assert_no_error (error);
  pane = ml_window_get_lesson_pane (window);
  wait_ms (200);
  for (guint i = 0; i < 10 && !ml_lesson_pane_get_concealed (pane); i++)
    ml_lesson_pane_next (pane);
  g_assert_true (ml_lesson_pane_get_concealed (pane));
  {
    const MlLesson *lesson = ml_lesson_pane_get_lesson (pane);
    const MlLessonStep *step = ml_lesson_get_step (lesson, ml_lesson_pane_get_step (pane));

    if (step->ask == ML_LESSON_ASK_DIRECTION)
      ml_lesson_pane_set_direction (pane, ML_LESSON_UP);
    else if (step->ask == ML_LESSON_ASK_CHOICE)
      ml_lesson_pane_set_choice (pane, 0);
    else
      ml_lesson_pane_set_number (pane, "-80");
  }
  g_assert_true (ml_lesson_pane_commit (pane));
  wait_ms (200);
  g_assert_true (ml_window_get_modified (window));

  /* Ctrl+Q: the question; Discard, clicked. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  wait_ms (300);
  dialog = find_question ();
  g_assert_nonnull (dialog);
  discard = find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Discard");
  g_assert_nonnull (discard);
  g_signal_emit_by_name (discard, "clicked");
  script_ran = TRUE;
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app)
{
  g_idle_add (script_cb, app);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(MlApplication) app = NULL;
  char *args[] = { argv[0], NULL };
  guint timeout;
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  app = ml_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  /* A window that never closes must fail the test, not hang it. */
  timeout = g_timeout_add_seconds (240, (GSourceFunc) (void (*)(void)) abort, NULL);
  status = g_application_run (G_APPLICATION (app), 1, args);
  g_source_remove (timeout);

  g_assert_true (script_ran);
  g_assert_cmpint (status, ==, 0);
  /* Discard closed the window: the application ended without it. */
  g_assert_null (window);
  g_print ("ok: the session ended with Discard\n");
  return 0;
}
