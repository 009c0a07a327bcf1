/* test-lesson-limits.c — the longest lesson the reader takes opens at once
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A label lays out a word that cannot break in a time that grows about
 * with the square of its length: a step's Text of 25 000 characters without
 * a space kept the window from its first frame for 40 s.  The reader caps
 * every text (ML_LESSON_*_MAX_CHARS); this writes the worst lesson those
 * caps allow — a title, every step's text, question, six choices and
 * explanation each at its cap in one unbreakable word, as many steps as fit
 * the file's size limit — and times the pane from the start of the lesson
 * to its first frame, then to the frame after an answer shows the
 * explanation: each must be under a second.  One character more than a
 * cap is refused, naming the step and the key.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ml-lesson.h"
#include "ml-lesson-pane.h"
#include "ml-window-private.h"

static guint frames;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  frames++;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Seconds until the next frame is painted. */
static double
time_to_frame (MlWindow *window,
               gint64    start)
{
  guint before = frames;
  gint64 deadline = start + 30 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (frames == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

/* One word of @n characters that cannot break: a two-byte letter, so the
 * cap counts characters, not bytes. */
static char *
word (guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, "é");
  return g_string_free (s, FALSE);
}

static char *
worst_lesson (guint extra, const char *where)
{
  GString *s = g_string_new (NULL);
  g_autofree char *title = word (ML_LESSON_TITLE_MAX_CHARS + (g_str_equal (where, "Title") ? extra : 0));
  g_autofree char *text = word (ML_LESSON_TEXT_MAX_CHARS + (g_str_equal (where, "Text") ? extra : 0));
  g_autofree char *ask = word (ML_LESSON_ASK_MAX_CHARS + (g_str_equal (where, "Ask") ? extra : 0));
  g_autofree char *choice = word (ML_LESSON_CHOICE_MAX_CHARS);
  g_autofree char *last_choice = word (ML_LESSON_CHOICE_MAX_CHARS
                                       + (g_str_equal (where, "Choices") ? extra : 0));
  g_autofree char *explain = word (ML_LESSON_EXPLAIN_MAX_CHARS
                                   + (g_str_equal (where, "Explain") ? extra : 0));
  g_autofree char *description = word (ML_LESSON_DESCRIPTION_MAX_CHARS
                                       + (g_str_equal (where, "Description") ? extra : 0));

  g_string_append_printf (s, "[Lesson]\nVersion=1\nTitle=%s\nDescription=%s\n"
                          "Preset=mammalian-neuron\n", title, description);
  for (guint i = 1; i <= ML_LESSON_MAX_STEPS; i++)
    {
      gsize before = s->len;

      g_string_append_printf (s, "\n[Step %u]\nTitle=%s\nText=%s\nQuestion=choice\nAsk=%s\n"
                              "Choices=%s;%s;%s;%s;%s;%s\nAnswer=1\nExplain=%s\n",
                              i, title, text, ask, choice, choice, choice, choice, choice,
                              last_choice, explain);
      /* As many steps as the reader's 256 KiB take. */
      if (s->len > 256 * 1024)
        {
          g_string_truncate (s, before);
          break;
        }
    }
  return g_string_free (s, FALSE);
}

static void
test_caps_refused (void)
{
  const char *keys[] = { "Title", "Text", "Ask", "Choices", "Explain", "Description" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *data = worst_lesson (1, keys[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MlLesson) lesson = ml_lesson_load_data (data, -1, &error);
      g_autofree char *where = g_strdup_printf ("] %s", keys[i]);

      g_assert_null (lesson);
      g_test_message ("%s: %s", keys[i], error->message);
      g_assert_nonnull (strstr (error->message, where));
      /* The lesson's own title is the first too long a title. */
      g_assert_nonnull (strstr (error->message, i == 0 || g_str_equal (keys[i], "Description")
                                                ? "[Lesson]" : "[Step 1]"));
    }
}

static void
test_worst_opens_fast (void)
{
  g_autofree char *data = worst_lesson (0, "");
  g_autofree char *dir = g_dir_make_tmp ("ml-lesson-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "worst.lesson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MlLesson) lesson = ml_lesson_load_data (data, -1, &error);
  MlWindow *window;
  MlLessonPane *pane;
  GdkFrameClock *clock;
  double opened, answered;
  gint64 start;

  g_assert_no_error (error);
  g_assert_nonnull (lesson);
  g_test_message ("%u steps, %zu bytes", ml_lesson_get_n_steps (lesson), strlen (data));
  g_assert_cmpuint (ml_lesson_get_n_steps (lesson), >=, 2);
  g_assert_true (g_file_set_contents (path, data, -1, NULL));

  window = ml_window_new_full (NULL, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (300);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert_nonnull (clock);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  /* The pane is built with the first lesson: a shipped one, timed too,
   * so that what is timed next is the worst lesson's text alone. */
  start = g_get_monotonic_time ();
  g_assert_true (ml_window_start_lesson (window, "nernst", &error));
  g_test_message ("the pane with a shipped lesson: %.3f s", time_to_frame (window, start));
  wait_ms (200);

  start = g_get_monotonic_time ();
  g_assert_true (ml_window_start_lesson (window, path, &error));
  g_assert_no_error (error);
  opened = time_to_frame (window, start);
  pane = ml_window_get_lesson_pane (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pane)));

  start = g_get_monotonic_time ();
  ml_lesson_pane_set_choice (pane, 0);
  g_assert_true (ml_lesson_pane_commit (pane));
  answered = time_to_frame (window, start);
  g_test_message ("first frame %.3f s, after the answer %.3f s", opened, answered);
  g_assert_cmpfloat (opened, <, 1.0);
  g_assert_cmpfloat (answered, <, 1.0);

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
  g_test_add_func ("/lesson-limits/caps-refused", test_caps_refused);
  g_test_add_func ("/lesson-limits/worst-opens-fast", test_worst_opens_fast);
  return g_test_run ();
}
