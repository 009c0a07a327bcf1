/* ml-cli-practice.c — membrane-calc --practice
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A teacher makes a set of problems in a script: printed (with or without
 * the answers), as JSON, as a Moodle XML question bank or as a PDF
 * worksheet with its answer key.  The set is (topics, count, seed): the
 * same options make the same problems anywhere.  Mixed topics take turns,
 * and each topic numbers its own problems, so "nernst,ghk" holds the same
 * Nernst problems as "nernst" alone.
 */
#define G_LOG_DOMAIN "membrane-calc"

#include "config.h"

#include "ml-cli.h"

#include "ml-cli-practice.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ml-figure-write.h"
#include "ml-file-io.h"
#include "ml-handout-draw.h"
#include "ml-practice.h"
#include "ml-text.h"
#include "ml-worksheet-draw.h"

#define COUNT_DEFAULT 10
#define COUNT_MAX     500
#define SEED_DEFAULT  1
#define QUOTE_MAX     60

/* Digits only: no sign, no space, no exponent. */
static gboolean
parse_whole (const char *text,
             guint64     max,
             guint64    *out)
{
  if (text == NULL || text[0] == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

static GArray *
parse_topics (const char  *text,
              GError     **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GArray) topics = g_array_new (FALSE, FALSE, sizeof (MlPracticeTopic));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      MlPracticeTopic topic;

      if (strcmp (parts[i], "all") == 0)
        {
          for (topic = 0; topic < ML_PRACTICE_N_TOPICS; topic++)
            g_array_append_val (topics, topic);
          continue;
        }
      if (!ml_practice_topic_from_id (parts[i], &topic))
        {
          g_autofree char *quoted = ml_text_cut (parts[i], QUOTE_MAX);
          g_autofree char *ids = g_strjoinv (", ", (GStrv) ml_practice_topic_ids ());

          /* Translators: %s is what was given, then the list of topics
           * ("nernst, ghk, …"); do not translate "all". */
          ml_cli_set_bad_value (error, _("--practice: “%s” is not a topic; use %s or all"), quoted,
                         ids);
          return NULL;
        }
      g_array_append_val (topics, topic);
    }
  if (topics->len == 0)
    {
      g_autofree char *ids = g_strjoinv (", ", (GStrv) ml_practice_topic_ids ());

      /* Translators: the list of topics ("nernst, ghk, …"); do not
       * translate "all". */
      ml_cli_set_bad_value (error, _("--practice needs a topic: %s or all"), ids);
      return NULL;
    }
  return g_steal_pointer (&topics);
}

static void
json_string (GString    *s,
             const char *text)
{
  g_string_append_c (s, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (s, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (s, "\\n");
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (s, "\\u%04x", *p);
      else
        g_string_append_c (s, (char) *p);
    }
  g_string_append_c (s, '"');
}

static void
json_number (GString *s,
             double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (value))
    g_string_append (s, g_ascii_dtostr (buf, sizeof buf, value));
  else
    g_string_append (s, "null");
}

static char *
problems_to_json (MlProblem **problems,
                  guint       n,
                  guint64     seed,
                  GArray     *topics)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{\n  \"seed\": %" G_GUINT64_FORMAT ",\n  \"topics\": [", seed);
  for (guint i = 0; i < topics->len; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      json_string (s, ml_practice_topic_id (g_array_index (topics, MlPracticeTopic, i)));
    }
  g_string_append (s, "],\n  \"problems\": [");
  for (guint i = 0; i < n; i++)
    {
      const MlProblem *p = problems[i];
      g_auto (GStrv) lines = g_strsplit (ml_problem_get_solution (p), "\n", -1);

      g_string_append_printf (s, "%s\n    {\n      \"number\": %u,\n      \"topic\": ",
                              i > 0 ? "," : "", i + 1);
      json_string (s, ml_practice_topic_id (ml_problem_get_topic (p)));
      g_string_append_printf (s, ",\n      \"index\": %u,\n      \"asked\": ",
                              ml_problem_get_index (p));
      json_string (s, ml_problem_get_asked (p));
      g_string_append (s, ",\n      \"ion\": ");
      if (ml_problem_get_ion (p) != NULL)
        json_string (s, ml_problem_get_ion (p));
      else
        g_string_append (s, "null");
      g_string_append (s, ",\n      \"question\": ");
      json_string (s, ml_problem_get_question (p));
      g_string_append (s, ",\n      \"given\": {");
      for (guint k = 0; k < ml_problem_get_n_givens (p); k++)
        {
          const MlPracticeGiven *g = ml_problem_get_given (p, k);

          g_string_append (s, k > 0 ? ", " : "");
          json_string (s, g->key);
          g_string_append (s, ": ");
          json_number (s, g->value);
        }
      g_string_append (s, "},\n      \"answer\": ");
      json_number (s, ml_problem_get_answer (p));
      g_string_append (s, ",\n      \"unit\": ");
      json_string (s, ml_practice_unit_id (ml_problem_get_unit (p)));
      g_string_append (s, ",\n      \"unit_symbol\": ");
      json_string (s, ml_practice_unit_symbol (ml_problem_get_unit (p)));
      g_string_append (s, ",\n      \"tolerance\": ");
      json_number (s, ml_problem_get_tolerance (p));
      g_string_append (s, ",\n      \"answer_text\": ");
      json_string (s, ml_problem_get_answer_text (p));
      g_string_append (s, ",\n      \"hint\": ");
      json_string (s, ml_problem_get_hint (p));
      g_string_append (s, ",\n      \"solution\": [");
      for (guint k = 0; lines[k] != NULL; k++)
        {
          g_string_append (s, k > 0 ? ", " : "");
          json_string (s, lines[k]);
        }
      g_string_append (s, "]\n    }");
    }
  g_string_append (s, "\n  ]\n}\n");
  return g_string_free (s, FALSE);
}

static void
problems_to_text (GString     *out,
                  MlProblem  **problems,
                  guint        n,
                  const char  *title,
                  gboolean     answers)
{
  g_string_append_printf (out, "%s\n", title);
  for (guint i = 0; i < n; i++)
    {
      const MlProblem *p = problems[i];

      g_string_append_printf (out, "\n%u. %s\n", i + 1, ml_problem_get_question (p));
      if (answers)
        {
          g_auto (GStrv) lines = g_strsplit (ml_problem_get_solution (p), "\n", -1);

          /* Translators: before a practice problem's answer, "−82.6 mV". */
          g_string_append_printf (out, "   %s %s\n", _("Answer:"), ml_problem_get_answer_text (p));
          for (guint k = 0; lines[k] != NULL; k++)
            g_string_append_printf (out, "     %s\n", lines[k]);
        }
    }
}

static char *
quote_file (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  return ml_text_cut (display, QUOTE_MAX);
}

static gboolean
write_file (const MlCliPractice  *practice,
            MlProblem           **problems,
            guint                 n,
            const char           *title,
            GError              **error)
{
  g_autoptr (GError) local_error = NULL;
  const char *option = practice->moodle != NULL ? "--moodle" : "--pdf";
  const char *path = practice->moodle != NULL ? practice->moodle : practice->pdf;
  MlFigureFormat format;
  gboolean ok;

  if (practice->moodle != NULL)
    {
      g_autofree char *xml = ml_practice_moodle_xml (problems, n, title);
      g_autoptr (GFile) file = g_file_new_for_path (path);

      ok = ml_file_replace_atomic (file, xml, strlen (xml), NULL, &local_error);
    }
  else if (!ml_figure_format_for_path (path, &format) || format != ML_FIGURE_PDF)
    {
      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The worksheet is a PDF; give a file name ending in .pdf"));
      ok = FALSE;
    }
  else
    {
      double w, h;

      ml_handout_paper (&w, &h);
      ok = ml_worksheet_render (path, problems, n, title, w, h, &local_error);
    }
  if (!ok)
    {
      g_autofree char *quoted = quote_file (path);

      /* Translators: %s is an option (--moodle, --pdf), then its file and the reason. */
      ml_cli_set_bad_value (error, _("%s “%s”: %s"), option, quoted, local_error->message);
    }
  return ok;
}

int
ml_cli_practice_run (const MlCliPractice  *practice,
                     GString              *out,
                     GError              **error)
{
  g_autoptr (GArray) topics = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *title = NULL, *seed_text = NULL;
  guint64 count = COUNT_DEFAULT, seed = SEED_DEFAULT;

  g_return_val_if_fail (practice != NULL && practice->topics != NULL, 2);

  topics = parse_topics (practice->topics, error);
  if (topics == NULL)
    return 2;
  if (practice->count != NULL && (!parse_whole (practice->count, G_MAXUINT64, &count)
                                  || count < 1 || count > COUNT_MAX))
    {
      g_autofree char *quoted = ml_text_cut (practice->count, QUOTE_MAX);

      /* Translators: %s is the value given, then the largest count. */
      ml_cli_set_bad_value (error, _("--count: “%s” is not a whole number from 1 to %d"), quoted,
                     COUNT_MAX);
      return 2;
    }
  if (practice->seed != NULL && !parse_whole (practice->seed, G_MAXUINT64, &seed))
    {
      g_autofree char *quoted = ml_text_cut (practice->seed, QUOTE_MAX);

      ml_cli_set_bad_value (error, _("--seed: “%s” is not a whole number of 0 or more"), quoted);
      return 2;
    }
  if (practice->moodle != NULL && practice->pdf != NULL)
    {
      ml_cli_set_bad_value (error, _("--moodle and --pdf each write the problems to a file; give one "
                              "of them"));
      return 2;
    }
  if (practice->answers && (practice->moodle != NULL || practice->pdf != NULL))
    {
      ml_cli_set_bad_value (error, _("--answers prints the answers; the file of --moodle or --pdf "
                              "holds them already"));
      return 2;
    }

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ml_problem_free);
  for (guint i = 0; i < count; i++)
    g_ptr_array_add (problems,
                     ml_practice_generate (g_array_index (topics, MlPracticeTopic, i % topics->len),
                                           seed, i / topics->len));
  seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  /* Translators: the title of a set of problems; %s is its seed, a number. */
  title = g_strdup_printf (_("Membrane Lab practice problems, set %s"), seed_text);

  if ((practice->moodle != NULL || practice->pdf != NULL)
      && !write_file (practice, (MlProblem **) problems->pdata, problems->len, title, error))
    return 2;

  if (practice->json)
    {
      g_autofree char *json = problems_to_json ((MlProblem **) problems->pdata, problems->len,
                                                seed, topics);

      g_string_append (out, json);
    }
  else if (practice->moodle != NULL || practice->pdf != NULL)
    {
      g_autofree char *quoted = quote_file (practice->moodle != NULL ? practice->moodle
                                                                     : practice->pdf);

      /* Translators: %s is the file just written. */
      g_string_append_printf (out, _("Wrote “%s”.\n"), quoted);
    }
  else
    problems_to_text (out, (MlProblem **) problems->pdata, problems->len, title,
                      practice->answers);
  return 0;
}
