/* ml-lesson.c — guided lessons: reading, applying a step, quantities,
 * explanations and the check of a prediction
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson comes from the program's resources or from a user's disk, and
 * is read as carefully as a scenario: every key is checked, a broken one
 * is an error naming "[Step 3] Key", and a lesson is returned only whole.
 * Numbers shown to the student are the core's: explanations name
 * quantities, and ml_lesson_fill() (ml-lesson-numbers.c) puts in the
 * values of the solutions before and after the step.
 */
#define G_LOG_DOMAIN "ml-lesson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-lesson.h"
#include "ml-lesson-private.h"
#include "ml-file-io.h"
#include "ml-keyfile-reader.h"
#include "ml-params.h"
#include "ml-physics.h"
#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-text.h"

#include <math.h>
#include <string.h>

#define GROUP_LESSON "Lesson"
#define LESSON_MAX_BYTES (256 * 1024)
#define LESSONS_PATH RESOURCE_BASE "/lessons/"
/* Without a Tolerance, a direction is "stays" within half a millivolt. */
#define DEFAULT_TOLERANCE 0.5

struct _MlLesson
{
  char         *title;
  char         *description;
  char         *preset;
  guint         n_steps;
  MlLessonStep  steps[ML_LESSON_MAX_STEPS];
};

static const char * const page_names[] = {
  "membrane", "time-course", "plots", "donnan", NULL
};

/* Teaching order. */
static const char * const lesson_ids[] = {
  "two-forces",
  "nernst",
  "driving-force",
  "ghk-vote",
  "pump",
  "free-energy",
  "few-ions",
  "donnan",
  "temperature",
  "cardiac-potassium",
  NULL
};

static void
step_clear (MlLessonStep *step)
{
  g_free (step->title);
  g_free (step->text);
  g_free (step->preset);
  g_strfreev (step->set_ids);
  g_free (step->set_values);
  g_free (step->page);
  g_free (step->question);
  g_free (step->quantity);
  for (guint i = 0; i < step->n_choices; i++)
    g_free (step->choices[i]);
  g_free (step->explain);
  memset (step, 0, sizeof *step);
}

void
ml_lesson_free (MlLesson *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_steps; i++)
    step_clear (&self->steps[i]);
  g_free (self->title);
  g_free (self->description);
  g_free (self->preset);
  g_free (self);
}

/* Reading ------------------------------------------------------------------ */

/* The keys a step may have; another is a typing error worth reporting. */
static const char * const step_keys[] = {
  "Title", "Text", "Preset", "Set", "Pump", "Page", "Run", "Forces", "Legend", "Clamp", "Donnan",
  "Question", "Ask", "Quantity", "Tolerance", "Choices", "Answer", "Explain", NULL
};

static gboolean
key_is_known (const char         *key,
              const char * const *known)
{
  g_autofree char *base = g_strdup (key);
  char *bracket = strchr (base, '[');

  if (bracket != NULL)
    *bracket = '\0';
  return g_strv_contains (known, base);
}

static gboolean
check_keys (GKeyFile            *keyfile,
            const char          *group,
            const char * const  *known,
            GError             **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!key_is_known (keys[i], known))
      {
        g_autofree char *quoted = ml_keyfile_quote (keys[i]);

        ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, quoted,
                               _("a lesson has no such key"));
        return FALSE;
      }
  return TRUE;
}

static gboolean
read_number (GKeyFile    *keyfile,
             const char  *group,
             const char  *key,
             double       min,
             double       max,
             double      *out,
             GError     **error)
{
  gboolean present;
  g_autofree char *raw = ml_keyfile_get_trimmed (keyfile, group, key, FALSE, &present, error);

  if (!present)
    return TRUE;
  if (!ml_text_parse_decimal (raw, out) || !(*out >= min && *out <= max))
    {
      g_autofree char *quoted = ml_keyfile_quote (raw);
      char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lo, sizeof lo, "%g", min);
      g_ascii_formatd (hi, sizeof hi, "%g", max);
      /* Translators: a lesson's number out of range: the value, then the
       * lowest and highest allowed. */
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, key,
                             _("“%s” is not a number from %s to %s"), quoted, lo, hi);
      return FALSE;
    }
  return TRUE;
}

/* One of @names, or -1 with an error listing them. */
static int
read_word (GKeyFile            *keyfile,
           const char          *group,
           const char          *key,
           const char * const  *names,
           GError             **error)
{
  gboolean present;
  g_autofree char *raw = ml_keyfile_get_trimmed (keyfile, group, key, FALSE, &present, error);
  g_autofree char *list = NULL;
  g_autofree char *quoted = NULL;

  if (!present)
    return -2;
  for (int i = 0; names[i] != NULL; i++)
    if (strcmp (raw, names[i]) == 0)
      return i;
  list = g_strjoinv (", ", (char **)names);
  quoted = ml_keyfile_quote (raw);
  /* Translators: the value a lesson gave, then the words it may use. */
  ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, key,
                         _("“%s” is not one of %s"), quoted, list);
  return -1;
}

static gboolean
read_view (GKeyFile      *keyfile,
           const char    *group,
           const char    *key,
           MlLessonView  *out,
           GError       **error)
{
  static const char * const words[] = { "false", "true", NULL };
  int word = read_word (keyfile, group, key, words, error);

  if (word == -1)
    return FALSE;
  *out = word == -2 ? ML_LESSON_VIEW_KEEP : word == 1 ? ML_LESSON_VIEW_ON : ML_LESSON_VIEW_OFF;
  return TRUE;
}

/* Set=K.out=20;Na.p=5e-7: ids of the parameter table and values in range. */
static gboolean
read_set (GKeyFile      *keyfile,
          const char    *group,
          MlLessonStep  *step,
          GError       **error)
{
  gboolean present;
  g_autofree char *raw = ml_keyfile_get_trimmed (keyfile, group, "Set", FALSE, &present, error);
  g_auto (GStrv) items = NULL;
  GPtrArray *ids;
  GArray *values;

  if (!present)
    return TRUE;
  items = g_strsplit (raw, ";", -1);
  ids = g_ptr_array_new_with_free_func (g_free);
  values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      char *eq = strchr (item, '=');
      const MlParam *param;
      double value;

      if (*item == '\0')
        continue;
      if (eq != NULL)
        *eq = '\0';
      param = eq != NULL ? ml_params_parse_id (g_strstrip (item), NULL, 0) : NULL;
      if (param == NULL || !ml_text_parse_decimal (g_strstrip (eq + 1), &value)
          || !ml_param_accepts (param, value))
        {
          g_autofree char *quoted = ml_keyfile_quote (item);

          /* Translators: a lesson's setting "K.out=20" that is wrong; do not
           * translate ID=VALUE. */
          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, "Set",
                                 _("“%s” is not ID=VALUE with an id of the parameter "
                                   "table and a value in its range"), quoted);
          g_ptr_array_unref (ids);
          g_array_unref (values);
          return FALSE;
        }
      g_ptr_array_add (ids, g_strdup (item));
      g_array_append_val (values, value);
    }
  step->n_set = ids->len;
  g_ptr_array_add (ids, NULL);
  step->set_ids = (char **)g_ptr_array_free (ids, FALSE);
  step->set_values = (double *)(gpointer)g_array_free (values, FALSE);
  return TRUE;
}


/* Every {name} of @text is a quantity the lesson can fill. */
static gboolean
check_placeholders (const char  *text,
                    const char  *group,
                    const char  *key,
                    GError     **error)
{
  for (const char *p = text; p != NULL && (p = strchr (p, '{')) != NULL; p++)
    {
      const char *end = strchr (p, '}');
      g_autofree char *name = end != NULL ? g_strndup (p + 1, end - p - 1) : NULL;

      if (name == NULL || !_ml_lesson_quantity_name_is_valid (name))
        {
          g_autofree char *quoted = ml_keyfile_quote (name != NULL ? name : p);

          /* Translators: a {placeholder} in a lesson's text that names no
           * quantity. */
          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, key,
                                 _("“{%s}” is not a quantity the lesson can fill in"), quoted);
          return FALSE;
        }
    }
  return TRUE;
}

/* No spelling of @key ("Text", "Text[de]" …) is empty or blank: a lesson
 * that says nothing in one language says nothing in any. */
static gboolean
check_not_empty (GKeyFile    *keyfile,
                 const char  *group,
                 const char  *key,
                 GError     **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
  gsize key_length = strlen (key);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (strncmp (keys[i], key, key_length) != 0
          || (keys[i][key_length] != '\0' && keys[i][key_length] != '['))
        continue;
      /* Before GKeyFile reads it: it sets its error twice over a trailing
       * backslash. */
      if (!ml_keyfile_check_escapes (keyfile, group, keys[i], error))
        return FALSE;
      value = g_key_file_get_string (keyfile, group, keys[i], NULL);
      if (value != NULL && *g_strstrip (value) == '\0')
        {
          g_autofree char *where = ml_keyfile_quote (keys[i]);

          ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, where,
                                _("the text is empty"));
          return FALSE;
        }
    }
  return TRUE;
}

/* @key or a translation of it ("Explain[fr]"). */
static gboolean
has_any_spelling (GKeyFile   *keyfile,
                  const char *group,
                  const char *key)
{
  g_auto (GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
  gsize key_length = strlen (key);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (strncmp (keys[i], key, key_length) == 0
        && (keys[i][key_length] == '\0' || keys[i][key_length] == '['))
      return TRUE;
  return FALSE;
}

/* Every spelling of @key ("Text", "Text[de]" …) holds only quantities the
 * lesson can fill and escapes that read; for "Choices", as many choices as
 * the English. */
static gboolean
check_translations (GKeyFile    *keyfile,
                    const char  *group,
                    const char  *key,
                    gsize        n_choices,
                    GError     **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
  gsize key_length = strlen (key);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (strncmp (keys[i], key, key_length) != 0 || keys[i][key_length] != '[')
        continue;
      if (n_choices > 0 ? !ml_keyfile_check_list_escapes (keyfile, group, keys[i], error)
                        : !ml_keyfile_check_escapes (keyfile, group, keys[i], error))
        return FALSE;
      value = g_key_file_get_value (keyfile, group, keys[i], NULL);
      if (n_choices > 0)
        {
          g_auto (GStrv) list = g_key_file_get_string_list (keyfile, group, keys[i], NULL, NULL);

          if (list == NULL || g_strv_length (list) != n_choices)
            {
              ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, keys[i],
                                     _("a translation needs as many choices as the English, "
                                       "%u, in the same order"), (guint) n_choices);
              return FALSE;
            }
        }
      else if (!check_placeholders (value, group, keys[i], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_question (GKeyFile      *keyfile,
               const char    *group,
               MlLessonStep  *step,
               GError       **error)
{
  static const char * const kinds[] = { "direction", "number", "choice", NULL };
  int kind = read_word (keyfile, group, "Question", kinds, error);
  gboolean present;

  if (kind == -1)
    return FALSE;
  step->tolerance = DEFAULT_TOLERANCE;
  if (kind == -2)
    {
      static const char * const needs_question[] = {
        "Ask", "Answer", "Choices", "Quantity", "Tolerance", "Explain", NULL
      };

      for (guint i = 0; needs_question[i] != NULL; i++)
        if (has_any_spelling (keyfile, group, needs_question[i]))
          {
            /* Translators: %s is a key of a lesson (Ask, Choices …); keep
             * the words direction, number and choice. */
            ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_MISSING, group, "Question",
                                   _("%s needs a Question: direction, number or choice"),
                                   needs_question[i]);
            return FALSE;
          }
      return TRUE;
    }
  step->ask = ML_LESSON_ASK_DIRECTION + kind;
  step->question = ml_keyfile_read_locale_string (keyfile, group, "Ask", TRUE, error);
  if (step->question == NULL)
    return FALSE;

  if (step->ask != ML_LESSON_ASK_CHOICE)
    {
      g_autofree char *quantity = ml_keyfile_get_trimmed (keyfile, group, "Quantity", FALSE,
                                                          &present, error);

      step->quantity = g_strdup (present ? quantity : "vm");
      if (!_ml_lesson_quantity_name_is_valid (step->quantity) || g_str_has_prefix (step->quantity, "before.")
          || g_str_has_prefix (step->quantity, "change."))
        {
          g_autofree char *quoted = ml_keyfile_quote (step->quantity);

          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, "Quantity",
                                 _("“%s” is not a quantity the lesson can fill in"), quoted);
          return FALSE;
        }
      if (!read_number (keyfile, group, "Tolerance", 0.0, 1e30, &step->tolerance, error))
        return FALSE;
      if (step->ask == ML_LESSON_ASK_NUMBER && !g_key_file_has_key (keyfile, group, "Tolerance",
                                                                    NULL))
        {
          ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, group, "Tolerance",
                                _("a number question needs the tolerance of its answer"));
          return FALSE;
        }
      return TRUE;
    }

  {
    g_auto (GStrv) choices = NULL;
    double answer = 0;
    gsize n = 0;

    /* The English choices decide for every language: a lesson whose only
     * Choices are Choices[de] is refused in German too. */
    if (!g_key_file_has_key (keyfile, group, "Choices", NULL))
      {
        ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, group, "Choices",
                              _("the key is missing; it is required"));
        return FALSE;
      }
    if (!ml_keyfile_check_list_escapes (keyfile, group, "Choices", error))
      return FALSE;
    {
      g_auto (GStrv) english = g_key_file_get_string_list (keyfile, group, "Choices", NULL, NULL);

      if (english != NULL
          && !check_translations (keyfile, group, "Choices", g_strv_length (english), error))
        return FALSE;
    }
    {
      /* g_key_file_get_locale_string_list() splits at every ';', "\;"
       * too: the user's language's key is found, then read as a list. */
      g_autofree char *locale = g_key_file_get_locale_for_key (keyfile, group, "Choices", NULL);
      g_autofree char *key = locale != NULL ? g_strdup_printf ("Choices[%s]", locale)
                                            : g_strdup ("Choices");

      choices = g_key_file_get_string_list (keyfile, group, key, &n, NULL);
    }
    if (choices == NULL || n < 2 || n > ML_LESSON_MAX_CHOICES)
      {
        ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, "Choices",
                               _("a choice question needs from 2 to %d choices, separated "
                                 "by semicolons"), ML_LESSON_MAX_CHOICES);
        return FALSE;
      }
    for (gsize i = 0; i < n; i++)
      if (*g_strstrip (choices[i]) == '\0')
        {
          ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, "Choices",
                                _("a choice is empty"));
          return FALSE;
        }
    for (gsize i = 0; i < n; i++)
      step->choices[i] = g_strdup (choices[i]);
    step->n_choices = n;
    if (!g_key_file_has_key (keyfile, group, "Answer", NULL))
      {
        ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, group, "Answer",
                              _("a choice question needs the number of its right choice"));
        return FALSE;
      }
    if (!read_number (keyfile, group, "Answer", 1, n, &answer, error))
      return FALSE;
    if (answer != floor (answer))
      {
        ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, "Answer",
                              _("the right choice is counted from 1, a whole number"));
        return FALSE;
      }
    step->answer = (guint)answer - 1;
  }
  return TRUE;
}

static gboolean
read_step (GKeyFile      *keyfile,
           const char    *group,
           MlLessonStep  *step,
           GError       **error)
{
  static const char * const pump_words[] = { "block", "restore", NULL };
  gboolean present;
  int word;

  if (!check_keys (keyfile, group, step_keys, error))
    return FALSE;
  if (!check_not_empty (keyfile, group, "Title", error)
      || !check_not_empty (keyfile, group, "Text", error)
      || !check_not_empty (keyfile, group, "Ask", error)
      || !check_not_empty (keyfile, group, "Explain", error))
    return FALSE;
  /* Every text the pane shows, in every language, within its cap. */
  if (!ml_keyfile_check_length (keyfile, group, "Title", ML_LESSON_TITLE_MAX_CHARS, FALSE, error)
      || !ml_keyfile_check_length (keyfile, group, "Text", ML_LESSON_TEXT_MAX_CHARS, FALSE, error)
      || !ml_keyfile_check_length (keyfile, group, "Ask", ML_LESSON_ASK_MAX_CHARS, FALSE, error)
      || !ml_keyfile_check_length (keyfile, group, "Choices", ML_LESSON_CHOICE_MAX_CHARS, TRUE,
                                   error)
      || !ml_keyfile_check_length (keyfile, group, "Explain", ML_LESSON_EXPLAIN_MAX_CHARS, FALSE,
                                   error))
    return FALSE;
  if (g_key_file_has_key (keyfile, group, "Title", NULL))
    {
      step->title = ml_keyfile_read_locale_string (keyfile, group, "Title", FALSE, error);
      if (step->title == NULL)
        return FALSE;
    }
  step->text = ml_keyfile_read_locale_string (keyfile, group, "Text", TRUE, error);
  if (step->text == NULL || !check_translations (keyfile, group, "Text", 0, error)
      || !check_translations (keyfile, group, "Ask", 0, error)
      || !check_translations (keyfile, group, "Title", 0, error)
      || !check_translations (keyfile, group, "Explain", 0, error)
      || !check_placeholders (step->text, group, "Text", error))
    return FALSE;

  if (g_key_file_has_key (keyfile, group, "Preset", NULL))
    {
      step->preset = ml_keyfile_get_trimmed (keyfile, group, "Preset", FALSE, &present, error);
      if (!ml_presets_exists (step->preset))
        {
          g_autofree char *quoted = ml_keyfile_quote (step->preset);

          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, "Preset",
                                 _("there is no preset “%s”"), quoted);
          return FALSE;
        }
    }
  if (!read_set (keyfile, group, step, error))
    return FALSE;
  word = read_word (keyfile, group, "Pump", pump_words, error);
  if (word == -1)
    return FALSE;
  step->pump = word == 0 ? ML_LESSON_PUMP_BLOCK : word == 1 ? ML_LESSON_PUMP_RESTORE
                                                            : ML_LESSON_PUMP_KEEP;
  word = read_word (keyfile, group, "Page", page_names, error);
  if (word == -1)
    return FALSE;
  if (word >= 0)
    step->page = g_strdup (page_names[word]);
  if (!read_number (keyfile, group, "Run", 1.0, 1e5, &step->run_speed, error))
    return FALSE;
  if (step->run_speed > 0 && g_strcmp0 (step->page, "time-course") != 0)
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, "Run",
                            _("a run is shown on the time course: add Page=time-course"));
      return FALSE;
    }
  if (!read_view (keyfile, group, "Forces", &step->forces, error)
      || !read_view (keyfile, group, "Legend", &step->legend, error))
    return FALSE;

  if (g_key_file_has_key (keyfile, group, "Clamp", NULL))
    {
      if (!read_number (keyfile, group, "Clamp", -300.0, 300.0, &step->clamp_mv, error))
        return FALSE;
      step->has_clamp = TRUE;
    }
  if (g_key_file_has_key (keyfile, group, "Donnan", NULL))
    {
      g_autofree char *raw = ml_keyfile_get_trimmed (keyfile, group, "Donnan", FALSE, &present,
                                                     error);
      g_auto (GStrv) parts = g_strsplit (raw, ",", -1);
      double z = 0;

      if (g_strv_length (parts) != 3
          || !ml_text_parse_decimal (g_strstrip (parts[0]), &step->donnan_anion_mm)
          || !ml_text_parse_decimal (g_strstrip (parts[1]), &z)
          || !ml_text_parse_decimal (g_strstrip (parts[2]), &step->donnan_bath_mm)
          || !(step->donnan_anion_mm >= 0.1 && step->donnan_anion_mm <= 1000)
          || !(z == floor (z) && fabs (z) <= 100 && ml_donnan_valence_is_valid ((int)z))
          || !(step->donnan_bath_mm >= 0.1 && step->donnan_bath_mm <= 1000))
        {
          g_autofree char *what = NULL;

          /* Translators: the two numbers are the valences the Donnan
           * calculator takes, −10 and −1. */
          what = g_strdup_printf (_("give the impermeant anion in mM (0.1 to 1000), its "
                                    "valence (%d to %d) and the bath's KCl in mM (0.1 to "
                                    "1000), separated by commas"),
                                  ML_DONNAN_VALENCE_MIN, ML_DONNAN_VALENCE_MAX);
          ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, "Donnan", what);
          return FALSE;
        }
      step->donnan_valence = (int)z;
      step->has_donnan = TRUE;
    }

  if (!read_question (keyfile, group, step, error))
    return FALSE;
  if (g_key_file_has_key (keyfile, group, "Explain", NULL))
    {
      step->explain = ml_keyfile_read_locale_string (keyfile, group, "Explain", FALSE, error);
      if (step->explain == NULL || !check_placeholders (step->explain, group, "Explain", error))
        return FALSE;
    }
  else if (step->ask != ML_LESSON_ASK_NONE)
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, group, "Explain",
                            _("a question needs the explanation shown after the answer"));
      return FALSE;
    }
  if (step->ask == ML_LESSON_ASK_DIRECTION && !ml_lesson_step_has_setting (step))
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, "Question",
                            _("a direction question needs a change to predict: Preset, Set "
                              "or Pump"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_groups (GKeyFile  *keyfile,
              guint     *n_steps,
              GError   **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (keyfile, NULL);
  guint n = 0;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *g = groups[i];
      guint64 number = 0;

      if (strcmp (g, GROUP_LESSON) == 0)
        continue;
      if (!g_str_has_prefix (g, "Step ") || g[5] == '0'
          || !g_ascii_string_to_unsigned (g + 5, 10, 1, ML_LESSON_MAX_STEPS, &number, NULL)
          || number != (guint64)n + 1)
        {
          g_autofree char *quoted = ml_keyfile_quote (g);

          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, quoted, NULL,
                                 _("a lesson has [Lesson] and then [Step 1], [Step 2] … in "
                                   "order, at most %d steps"), ML_LESSON_MAX_STEPS);
          return FALSE;
        }
      n++;
    }
  if (n == 0)
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, "Step 1", NULL,
                            _("a lesson needs at least one step"));
      return FALSE;
    }
  *n_steps = n;
  return TRUE;
}

MlLesson *
ml_lesson_load_data (const char  *data,
                     gsize        length,
                     GError     **error)
{
  static const char * const lesson_keys[] = {
    "Version", "Title", "Description", "Preset", NULL
  };
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (MlLesson) lesson = NULL;
  double version = 0;
  gboolean present;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == (gsize)-1)
    length = strnlen (data, LESSON_MAX_BYTES + 1);
  if (length > LESSON_MAX_BYTES)
    {
      g_set_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_TOO_LARGE,
                   _("The file is too large for a lesson (at most %d KiB)"),
                   LESSON_MAX_BYTES / 1024);
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (length > 0 && !g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_PARSE,
                           _("The file is not a lesson: it is not valid UTF-8 text"));
      return NULL;
    }
  if (!ml_keyfile_check_duplicates (data, length, error))
    return NULL;
  /* Every language's keys are kept, so each is checked, not only the
   * user's: a lesson that loads in English loads in German. */
  if (!g_key_file_load_from_data (keyfile, length > 0 ? data : "", length,
                                  G_KEY_FILE_KEEP_TRANSLATIONS,
                                  &local_error))
    {
      g_autofree char *reason = ml_text_cut (local_error->message, ML_TEXT_QUOTE_MAX_BYTES);

      /* Translators: %s is the key file parser's own explanation. */
      g_set_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_PARSE,
                   _("The file is not a lesson: %s"), reason);
      return NULL;
    }
  if (!g_key_file_has_group (keyfile, GROUP_LESSON))
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, GROUP_LESSON, NULL,
                            _("the group is missing; a lesson starts with it"));
      return NULL;
    }

  lesson = g_new0 (MlLesson, 1);
  if (!check_keys (keyfile, GROUP_LESSON, lesson_keys, error))
    return NULL;
  if (!g_key_file_has_key (keyfile, GROUP_LESSON, "Version", NULL))
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, GROUP_LESSON, "Version",
                            _("the key is missing; it is required"));
      return NULL;
    }
  if (!read_number (keyfile, GROUP_LESSON, "Version", 1, ML_LESSON_FORMAT_VERSION, &version,
                    error))
    return NULL;
  if (!check_not_empty (keyfile, GROUP_LESSON, "Title", error)
      || !ml_keyfile_check_length (keyfile, GROUP_LESSON, "Title", ML_LESSON_TITLE_MAX_CHARS, FALSE,
                                   error)
      || !ml_keyfile_check_length (keyfile, GROUP_LESSON, "Description",
                                   ML_LESSON_DESCRIPTION_MAX_CHARS, FALSE, error))
    return NULL;
  lesson->title = ml_keyfile_read_locale_string (keyfile, GROUP_LESSON, "Title", TRUE, error);
  if (lesson->title == NULL)
    return NULL;
  if (g_key_file_has_key (keyfile, GROUP_LESSON, "Description", NULL))
    {
      lesson->description = ml_keyfile_read_locale_string (keyfile, GROUP_LESSON, "Description",
                                                           FALSE, error);
      if (lesson->description == NULL)
        return NULL;
    }
  if (g_key_file_has_key (keyfile, GROUP_LESSON, "Preset", NULL))
    {
      lesson->preset = ml_keyfile_get_trimmed (keyfile, GROUP_LESSON, "Preset", FALSE, &present,
                                               error);
      if (!ml_presets_exists (lesson->preset))
        {
          g_autofree char *quoted = ml_keyfile_quote (lesson->preset);

          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, GROUP_LESSON, "Preset",
                                 _("there is no preset “%s”"), quoted);
          return NULL;
        }
    }

  if (!check_groups (keyfile, &lesson->n_steps, error))
    return NULL;
  for (guint i = 0; i < lesson->n_steps; i++)
    {
      g_autofree char *group = g_strdup_printf ("Step %u", i + 1);

      if (!read_step (keyfile, group, &lesson->steps[i], error))
        return NULL;
    }
  return g_steal_pointer (&lesson);
}

MlLesson *
ml_lesson_load_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  MlLesson *lesson = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (ml_file_read_bounded (file, LESSON_MAX_BYTES, cancellable, &contents, &length,
                            &local_error))
    lesson = ml_lesson_load_data (contents, length, &local_error);
  if (lesson == NULL)
    {
      /* The message names the file: "No such file or directory" alone
       * does not say which of the lessons a teacher gave was wrong. */
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *quoted = ml_text_cut (name, ML_TEXT_QUOTE_MAX_BYTES);

      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: the first %s is the lesson file's name, the
                    * second why it does not open. */
                   _("The lesson “%s” cannot be opened: %s"), quoted, local_error->message);
    }
  return lesson;
}

const char *
ml_lesson_get_title (const MlLesson *self)
{
  return self->title;
}

const char *
ml_lesson_get_description (const MlLesson *self)
{
  return self->description;
}

const char *
ml_lesson_get_preset (const MlLesson *self)
{
  return self->preset;
}

guint
ml_lesson_get_n_steps (const MlLesson *self)
{
  return self->n_steps;
}

const MlLessonStep *
ml_lesson_get_step (const MlLesson *self,
                    guint           index)
{
  g_return_val_if_fail (index < self->n_steps, NULL);
  return &self->steps[index];
}

/* Applying ----------------------------------------------------------------- */

gboolean
ml_lesson_step_has_setting (const MlLessonStep *step)
{
  return step->preset != NULL || step->n_set > 0 || step->pump != ML_LESSON_PUMP_KEEP;
}

gboolean
ml_lesson_step_apply (const MlLessonStep  *step,
                      MlCell              *cell,
                      MlPumpMode           restore_mode,
                      GError             **error)
{
  g_autoptr (MlCell) scratch = NULL;

  g_return_val_if_fail (step != NULL && ML_IS_CELL (cell), FALSE);

  if (!ml_lesson_step_has_setting (step))
    return TRUE;
  /* Into a copy first, so a setting the cell cannot take leaves it as it
   * was, and the cell changes once. */
  scratch = ml_cell_copy (cell);
  if (step->preset != NULL && !ml_presets_load (scratch, step->preset, error))
    return FALSE;
  for (guint i = 0; i < step->n_set; i++)
    if (!ml_params_set_value (scratch, step->set_ids[i], step->set_values[i]))
      {
        /* Translators: %s is a parameter id of a lesson's step, "Ca.in". */
        g_set_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_INVALID,
                     _("The lesson sets “%s”, which this cell does not have"),
                     step->set_ids[i]);
        return FALSE;
      }
  if (step->pump == ML_LESSON_PUMP_BLOCK)
    ml_cell_set_pump_mode (scratch, ML_PUMP_OFF);
  else if (step->pump == ML_LESSON_PUMP_RESTORE && ml_cell_get_pump_mode (scratch) == ML_PUMP_OFF)
    ml_cell_set_pump_mode (scratch, restore_mode != ML_PUMP_OFF ? restore_mode : ML_PUMP_KINETIC);
  ml_cell_assign (cell, scratch);
  return TRUE;
}

void
ml_lesson_step_solve (const MlLessonStep *step,
                      MlCell             *cell,
                      MlSolution         *out)
{
  g_return_if_fail (step != NULL && ML_IS_CELL (cell) && out != NULL);

  if (step->has_clamp)
    ml_cell_solve_at (cell, step->clamp_mv, out);
  else
    ml_cell_solve (cell, out);
}

/* The shipped lessons ------------------------------------------------------ */

const char * const *
ml_lessons_list (void)
{
  return lesson_ids;
}

MlLesson *
ml_lessons_load (const char  *id,
                 GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize length;
  const char *data;

  if (id == NULL || !g_strv_contains (lesson_ids, id))
    {
      /* Translators: %s is the lesson id asked for. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no lesson “%s”"),
                   id != NULL ? id : "");
      return NULL;
    }
  path = g_strconcat (LESSONS_PATH, id, ".lesson", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return ml_lesson_load_data (data, length, error);
}

char *
ml_lessons_get_title (const char *id)
{
  g_autoptr (MlLesson) lesson = ml_lessons_load (id, NULL);

  return lesson != NULL ? g_strdup (lesson->title) : NULL;
}
