/* test-lessons.c — every shipped lesson taken in the real window, from the
 * keyboard's actions
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each lesson is started from the Lessons menu's action and stepped with
 * win.lesson-next (Page Down).  At a question the gauge hides its needle
 * and number and the math is hidden; the prediction is committed, right
 * for one half of the questions and wrong for the other, and then the
 * session's cell must be the core's cell for that step (the step applied
 * to a copy of the cell before it), the gauge must show again, and the
 * explanation must hold the core's numbers.  Going back (Page Up) must
 * bring the cell of the step before.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gui-test-support.h"
#include "ml-lesson-pane.h"
#include "ml-cell-pump.h"
#include "ml-time-course-page.h"
#include "ml-presets.h"
#include <glib/gstdio.h>
#include "ml-window-private.h"

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

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (150);
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
typed_answer (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f", value));
}

/* Answers the pane's question, right when @right, and commits. */
static void
answer (MlLessonPane       *pane,
        const MlLessonStep *step,
        MlCell             *cell,
        gboolean            right)
{
  g_autoptr (MlCell) expected = ml_cell_copy (cell);
  MlSolution before, after;
  MlTemperatureSplit split;
  gboolean has_split;

  ml_lesson_step_solve (step, cell, &before);
  g_assert_true (ml_lesson_step_apply (step, expected, ML_PUMP_KINETIC, NULL));
  ml_lesson_step_solve (step, expected, &after);
  has_split = ml_lesson_step_split (step, cell, expected, &split);

  /* Nothing chosen yet: nothing to commit. */
  if (step->ask != ML_LESSON_ASK_NUMBER)
    g_assert_false (ml_lesson_pane_commit (pane));

  switch (step->ask)
    {
    case ML_LESSON_ASK_DIRECTION:
      {
        MlLessonDirection d = ml_lesson_step_direction (step, &before, &after);

        ml_lesson_pane_set_direction (pane, right ? d : (d + 1) % 3);
      }
      break;
    case ML_LESSON_ASK_CHOICE:
      ml_lesson_pane_set_choice (pane, right ? step->answer : (step->answer + 1) % step->n_choices);
      break;
    case ML_LESSON_ASK_NUMBER:
      {
        double value = 0;
        g_autofree char *text = NULL;

        g_assert_true (ml_lesson_quantity (step, step->quantity, &after, &value, NULL));
        text = typed_answer (right ? value : value + 4 * step->tolerance + 1);
        /* First words, which cost nothing: the step still waits. */
        ml_lesson_pane_set_number (pane, "minus seventy");
        g_assert_false (ml_lesson_pane_commit (pane));
        g_assert_true (ml_lesson_pane_get_concealed (pane));
        ml_lesson_pane_set_number (pane, text);
      }
      break;
    case ML_LESSON_ASK_NONE:
    default:
      g_assert_not_reached ();
    }
  g_assert_true (ml_lesson_pane_commit (pane));
  wait_ms (10);
  g_assert_true (ml_lesson_pane_get_answered (pane));
  g_assert_cmpint (ml_lesson_pane_get_verdict (pane), ==, right ? ML_LESSON_RIGHT : ML_LESSON_WRONG);

  /* The session's cell is the core's cell for the step. */
  {
    MlSolution now;
    g_autofree char *explained = ml_lesson_fill_split (step, step->explain, &before, &after,
                                                       has_split ? &split : NULL);

    ml_lesson_step_solve (step, cell, &now);
    g_assert_cmpfloat (now.vm_mv, ==, after.vm_mv);
    for (guint i = 0; i < now.n_ions; i++)
      g_assert_cmpfloat (now.ions[i].nernst_mv, ==, after.ions[i].nernst_mv);
    g_assert_cmpstr (ml_lesson_pane_get_explanation (pane), ==, explained);
  }
}

static void
take_lesson (const char *id,
             gboolean    right_first)
{
  MlWindow *window = window_new ();
  MlLessonPane *pane = ml_window_get_lesson_pane (window);
  MlCell *cell = ml_window_get_cell (window);
  g_autofree char *action = g_strdup_printf ("lesson::%s", id);
  gboolean right = right_first;
  const MlLesson *lesson;
  guint n;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson", "s", id));
  wait_ms (20);
  lesson = ml_lesson_pane_get_lesson (pane);
  g_assert_nonnull (lesson);
  g_assert_true (gtk_widget_get_visible (window->lesson_pane));
  n = ml_lesson_get_n_steps (lesson);

  for (guint i = 0; i < n; i++)
    {
      const MlLessonStep *step = ml_lesson_get_step (lesson, i);

      g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, i);
      g_assert_null (strstr (ml_lesson_pane_get_text (pane), "{"));
      /* The text is the lesson's, in the user's language, up to its first
       * number. */
      {
        const char *brace = strchr (step->text, '{');
        gsize len = brace != NULL ? (gsize)(brace - step->text) : strlen (step->text);

        g_assert_cmpint (strncmp (ml_lesson_pane_get_text (pane), step->text, len), ==, 0);
      }
      if (step->ask != ML_LESSON_ASK_NONE)
        {
          /* The prediction comes before anything shows the answer. */
          g_assert_true (ml_lesson_pane_get_concealed (pane));
          g_assert_true (ml_gauge_get_concealed (window->gauge));
          g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->math)));
          answer (pane, step, cell, right);
          right = !right;
          g_assert_false (ml_gauge_get_concealed (window->gauge));
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->math)));
        }
      else
        g_assert_false (ml_gauge_get_concealed (window->gauge));
      if (i + 1 < n)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-next", NULL));
      wait_ms (5);
    }
  /* The last step: nothing further. */
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, n - 1);

  /* Back one step: the cell of the step before, replayed from the start. */
  if (n >= 2)
    {
      g_autoptr (MlCell) replay = ml_cell_new ();
      MlSolution expected, now;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-previous",
                                                 NULL));
      wait_ms (5);
      g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, n - 2);
      g_assert_true (ml_presets_load (replay, ml_lesson_get_preset (lesson), NULL));
      for (guint i = 0; i < n - 2; i++)
        g_assert_true (ml_lesson_step_apply (ml_lesson_get_step (lesson, i), replay,
                                             ML_PUMP_KINETIC, NULL));
      /* Every step before was taken (a question answered): its setting
       * is in the cell, and a question shows its answer again. */
      g_assert_true (ml_lesson_step_apply (ml_lesson_get_step (lesson, n - 2), replay,
                                           ML_PUMP_KINETIC, NULL));
      ml_cell_solve (replay, &expected);
      ml_cell_solve (cell, &now);
      g_assert_cmpfloat (now.vm_mv, ==, expected.vm_mv);
      if (ml_lesson_get_step (lesson, n - 2)->ask != ML_LESSON_ASK_NONE)
        {
          g_assert_true (ml_lesson_pane_get_answered (pane));
          g_assert_false (ml_lesson_pane_get_concealed (pane));
          g_assert_nonnull (ml_lesson_pane_get_explanation (pane));
        }
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-close", NULL));
  wait_ms (5);
  g_assert_false (gtk_widget_get_visible (window->lesson_pane));
  g_assert_false (ml_gauge_get_concealed (window->gauge));
  window_destroy (window);
}

static void
test_every_lesson (void)
{
  const char * const *ids = ml_lessons_list ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_test_message ("lesson %s", ids[i]);
      take_lesson (ids[i], i % 2 == 0);
    }
}

/* A lesson in German is taken as the English one is, and its pane shows
 * the German text with the core's numbers. */
static void
test_german (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr (MlLesson) german = NULL;

  g_setenv ("LANGUAGE", "de", TRUE);
  german = ml_lessons_load ("nernst", NULL);
  g_assert_cmpstr (ml_lesson_get_title (german), ==, "Das Nernst-Potential");
  take_lesson ("nernst", TRUE);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* The Lessons menu lists each shipped lesson by its title. */
static void
test_menu (void)
{
  MlWindow *window = window_new ();
  GtkPopover *popover;
  GMenuModel *model, *lessons = NULL;

  gtk_menu_button_popup (window->main_menu_button);
  wait_ms (30);
  popover = gtk_menu_button_get_popover (window->main_menu_button);
  g_assert_nonnull (popover);
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  for (int s = 0; s < g_menu_model_get_n_items (model) && lessons == NULL; s++)
    {
      GMenuModel *section = g_menu_model_get_item_link (model, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        if (lessons == NULL)
          lessons = g_menu_model_get_item_link (section, i, G_MENU_LINK_SUBMENU);
      g_clear_object (&section);
    }
  g_assert_nonnull (lessons);
  g_assert_cmpint (g_menu_model_get_n_items (lessons), ==,
                   g_strv_length ((char **)ml_lessons_list ()));
  for (int i = 0; i < g_menu_model_get_n_items (lessons); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *title = ml_lessons_get_title (ml_lessons_list ()[i]);

      g_assert_true (g_menu_model_get_item_attribute (lessons, i, "label", "s", &label));
      g_assert_cmpstr (label, ==, title);
    }
  g_object_unref (lessons);
  gtk_popover_popdown (popover);
  window_destroy (window);
}

/* A lesson file that does not load is an error naming step and key, and
 * the window keeps its cell. */
static void
test_bad_file (void)
{
  MlWindow *window = window_new ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "ml-bad.lesson", NULL);
  g_autoptr (GError) error = NULL;
  MlSolution before, after;

  g_assert_true (g_file_set_contents (path, "[Lesson]\nVersion=1\nTitle=T\n[Step 1]\n"
                                      "Text=t\nSet=K.out=-1\n", -1, NULL));
  ml_cell_solve (ml_window_get_cell (window), &before);
  g_assert_false (ml_window_start_lesson (window, path, &error));
  g_assert_nonnull (strstr (error->message, "[Step 1] Set"));
  g_assert_null (ml_lesson_pane_get_lesson (ml_window_get_lesson_pane (window)));
  ml_cell_solve (ml_window_get_cell (window), &after);
  g_assert_cmpfloat (before.vm_mv, ==, after.vm_mv);
  g_unlink (path);
  window_destroy (window);
}

/* The pump lesson as a class takes it: the recorder runs at rest, the
 * pump is blocked while it runs, and the cell runs down (Tosteson &
 * Hoffman 1960; this model after 2 h: V_m about −28 mV, Na⁺ inside about
 * 130 mM, volume about 1.2, issue 10's measurement), not a flat trace. */
static void
test_pump_rundown (void)
{
  MlWindow *window = window_new ();
  MlLessonPane *pane = ml_window_get_lesson_pane (window);
  GtkWidget *page;
  MlSimulation *sim;
  double start_vm, vm;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson", "s", "pump"));
  wait_ms (20);
  g_assert_true (ml_lesson_pane_next (pane));   /* step 2: the recorder runs */
  wait_ms (100);
  page = ml_window_get_page (window, "time-course");
  g_assert_nonnull (page);
  g_assert_true (ml_time_course_page_get_playing (ML_TIME_COURSE_PAGE (page)));
  g_assert_true (ml_lesson_pane_next (pane));   /* step 3: ouabain, asked */
  ml_lesson_pane_set_direction (pane, ML_LESSON_UP);
  g_assert_true (ml_lesson_pane_commit (pane));
  wait_ms (20);
  ml_time_course_page_set_playing (ML_TIME_COURSE_PAGE (page), FALSE);
  sim = ml_time_course_page_get_simulation (ML_TIME_COURSE_PAGE (page));
  start_vm = ml_simulation_get_solution (sim)->vm_mv;
  /* At once the block's few mV: −64.9 mV. */
  g_assert_cmpfloat (fabs (start_vm - (-64.93)), <, 0.5);
  ml_time_course_page_advance (ML_TIME_COURSE_PAGE (page), 7200.0);
  vm = ml_simulation_get_solution (sim)->vm_mv;
  g_assert_cmpfloat (vm, >, start_vm + 20.0);
  g_assert_cmpfloat (fabs (vm - (-28.0)), <, 3.0);
  window_destroy (window);
}

/* A typed "-7" is echoed as the model's numbers are written, "−7 mV",
 * beside "−8.9 mV", not a hyphen beside a minus. */
static void
test_prediction_echo (void)
{
  MlWindow *window = window_new ();
  MlLessonPane *pane = ml_window_get_lesson_pane (window);
  const char *result;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson", "s", "ghk-vote"));
  wait_ms (20);
  ml_lesson_pane_go_to_step (pane, 3);
  g_assert_cmpint (ml_lesson_get_step (ml_lesson_pane_get_lesson (pane), 3)->ask, ==,
                   ML_LESSON_ASK_NUMBER);
  ml_lesson_pane_set_number (pane, "-7");
  g_assert_true (ml_lesson_pane_commit (pane));
  result = ml_lesson_pane_get_result (pane);
  g_assert_nonnull (strstr (result, "−7\u00a0mV"));
  g_assert_null (strstr (result, "-7"));
  window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/lessons/every-lesson", test_every_lesson);
  g_test_add_func ("/lessons/menu", test_menu);
  g_test_add_func ("/lessons/german", test_german);
  g_test_add_func ("/lessons/bad-file", test_bad_file);
  g_test_add_func ("/lessons/pump-rundown", test_pump_rundown);
  g_test_add_func ("/lessons/prediction-echo", test_prediction_echo);
  return g_test_run ();
}
