/* fuzz-lesson.c — libFuzzer target for the lesson reader
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A teacher writes a lesson file by hand and opens it with --lesson FILE;
 * the input is such a file, read with ml_lesson_load_data().  Refused: one
 * error, not empty, valid UTF-8, at most ERROR_MAX_BYTES.  Read: what the
 * reader promises the pane (ml-lesson.h) holds, and every step can be
 * walked as the pane walks it (applied to a cell, solved, its texts filled,
 * an answer of each kind checked) with no fatal GLib message, every text
 * valid UTF-8.
 *
 * Built with -fsanitize=fuzzer it is a fuzzer; built with fuzz-main.c it
 * replays the corpus (tests/fuzz/corpus/lesson and data/lessons) as a
 * regression test.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ml-lesson.h"
#include "ml-physics.h"
#include "ml-presets.h"

#define ERROR_MAX_BYTES 400

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
fail (const char *format,
      ...)
{
  va_list args;

  fputs ("fuzz-lesson: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

static void
check_text (const char *what,
            guint       step,
            const char *text,
            gboolean    required)
{
  if (text == NULL)
    {
      if (required)
        fail ("step %u: %s is missing", step + 1, what);
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    fail ("step %u: %s is not valid UTF-8", step + 1, what);
  if (required && text[0] == '\0')
    fail ("step %u: %s is empty", step + 1, what);
}

static void
check_filled (const MlLessonStep *step,
              guint               index,
              const char         *text,
              const MlSolution   *before,
              const MlSolution   *after)
{
  g_autofree char *filled = NULL;

  if (text == NULL)
    return;
  filled = ml_lesson_fill (step, text, before, after);
  if (filled == NULL || !g_utf8_validate (filled, -1, NULL))
    fail ("step %u: a filled text is not valid UTF-8", index + 1);
}

/* The pane's walk: the step's setting, its numbers, an answer of its kind. */
static void
walk (const MlLesson *lesson)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  const char *preset = ml_lesson_get_preset (lesson);

  if (!ml_presets_load (cell, preset != NULL ? preset : "mammalian-neuron", NULL))
    fail ("the lesson's preset “%s” was read but does not load", preset);

  for (guint i = 0; i < ml_lesson_get_n_steps (lesson); i++)
    {
      const MlLessonStep *step = ml_lesson_get_step (lesson, i);
      g_autoptr(GError) error = NULL;
      MlSolution before, after;
      MlLessonAnswer answer = { ML_LESSON_UP, "-70 mV", 0 };
      g_autofree char *message = NULL;

      check_text ("Text", i, step->text, TRUE);
      check_text ("Title", i, step->title, FALSE);
      check_text ("Ask", i, step->question, step->ask != ML_LESSON_ASK_NONE);
      check_text ("Explain", i, step->explain, FALSE);
      if (step->n_choices > ML_LESSON_MAX_CHOICES)
        fail ("step %u: %u choices", i + 1, step->n_choices);
      for (guint c = 0; c < step->n_choices; c++)
        check_text ("a choice", i, step->choices[c], TRUE);
      if (step->ask == ML_LESSON_ASK_CHOICE && step->answer >= step->n_choices)
        fail ("step %u: the answer %u of %u choices", i + 1, step->answer + 1, step->n_choices);
      if (step->has_donnan && !ml_donnan_valence_is_valid (step->donnan_valence))
        fail ("step %u: Donnan valence %d", i + 1, step->donnan_valence);

      ml_lesson_step_solve (step, cell, &before);
      ml_lesson_step_apply (step, cell, ML_PUMP_KINETIC, &error);
      ml_lesson_step_solve (step, cell, &after);
      check_filled (step, i, step->text, &before, &after);
      check_filled (step, i, step->question, &before, &after);
      check_filled (step, i, step->explain, &before, &after);
      if (step->ask != ML_LESSON_ASK_NONE)
        {
          ml_lesson_step_check (step, &before, &after, &answer, &message);
          if (message != NULL && !g_utf8_validate (message, -1, NULL))
            fail ("step %u: the verdict's message is not valid UTF-8", i + 1);
        }
    }
}

static void
trap_cb (int signum)
{
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  /* The reader must refuse what the pane or the core would warn about. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* GLib stops at a fatal message with a breakpoint, which libFuzzer does
   * not catch: the process would end without saving the input. */
  signal (SIGTRAP, trap_cb);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlLesson) lesson = NULL;

  lesson = ml_lesson_load_data ((const char *)data, size, &error);
  if (lesson == NULL)
    {
      gsize len;

      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        fail ("refused without a message");
      len = strlen (error->message);
      if (!g_utf8_validate (error->message, len, NULL))
        fail ("the message is not valid UTF-8");
      if (len > ERROR_MAX_BYTES)
        fail ("the message is %" G_GSIZE_FORMAT " bytes, more than %d: %s", len,
              ERROR_MAX_BYTES, error->message);
      return 0;
    }
  if (error != NULL)
    fail ("read, with an error as well: %s", error->message);
  if (ml_lesson_get_n_steps (lesson) < 1 || ml_lesson_get_n_steps (lesson) > ML_LESSON_MAX_STEPS)
    fail ("%u steps", ml_lesson_get_n_steps (lesson));
  if (ml_lesson_get_title (lesson) == NULL || ml_lesson_get_title (lesson)[0] == '\0'
      || !g_utf8_validate (ml_lesson_get_title (lesson), -1, NULL))
    fail ("the lesson's title is missing, empty or not UTF-8");
  walk (lesson);
  return 0;
}
