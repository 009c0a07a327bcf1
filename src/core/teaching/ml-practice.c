/* ml-practice.c — generated practice problems: topics, units, the problem
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ids and names of the topics and units, and the problem as a value
 * with accessors.  What a problem holds is chosen in ml-practice-topics.c,
 * read back in ml-practice-check.c and exported in ml-practice-moodle.c.
 */
#define G_LOG_DOMAIN "ml-practice"

#include "config.h"

#include "ml-practice.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ml-practice-private.h"

static const char *const topic_ids[] = {
  "nernst", "ghk", "driving-force", "delta-g", "charge", "donnan", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (topic_ids) == ML_PRACTICE_N_TOPICS + 1);

/* ------------------------------------------------------------------------ */
/* Markup to plain text                                                     */

/* The texts are written once, as markup; the plain text spells a
 * subscript with "_" ("V_m", "P_Na"), or with nothing after a bracket
 * ("[K⁺]out"), the way a textbook's plain-text notation does. */
static void
plain_text (GMarkupParseContext *context,
            const char          *text,
            gsize                length,
            gpointer             user_data,
            GError             **error)
{
  g_string_append_len (user_data, text, length);
}

static void
plain_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  GString *out = user_data;

  if (strcmp (element, "sub") == 0 && out->len > 0 && out->str[out->len - 1] != ']')
    g_string_append_c (out, '_');
}

static char *
markup_to_plain (const char *markup)
{
  static const GMarkupParser parser = { plain_start, NULL, plain_text, NULL, NULL };
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autofree char *wrapped = g_strconcat ("<m>", markup, "</m>", NULL);
  GString *out = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser, 0, out, NULL);
  if (!g_markup_parse_context_parse (context, wrapped, -1, NULL)
      || !g_markup_parse_context_end_parse (context, NULL))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The plain text of @p's markup; markup that does not parse (a
 * translation that broke a tag) is shown as the text it is. */
static void
derive_plain (char **markup,
              char **plain)
{
  *plain = markup_to_plain (*markup);
  if (*plain == NULL)
    {
      g_warning ("practice text is not valid markup: %s", *markup);
      *plain = g_strdup (*markup);
      g_free (*markup);
      *markup = g_markup_escape_text (*plain, -1);
    }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

const char *
ml_practice_topic_id (MlPracticeTopic topic)
{
  g_return_val_if_fail (topic < ML_PRACTICE_N_TOPICS, NULL);
  return topic_ids[topic];
}

gboolean
ml_practice_topic_from_id (const char      *id,
                           MlPracticeTopic *topic)
{
  for (guint i = 0; id != NULL && topic_ids[i] != NULL; i++)
    if (strcmp (id, topic_ids[i]) == 0)
      {
        if (topic != NULL)
          *topic = i;
        return TRUE;
      }
  return FALSE;
}

const char *const *
ml_practice_topic_ids (void)
{
  return topic_ids;
}

const char *
ml_practice_topic_title (MlPracticeTopic topic)
{
  switch (topic)
    {
    case ML_PRACTICE_NERNST:
      return _("Nernst potential");
    case ML_PRACTICE_GHK:
      return _("Goldman–Hodgkin–Katz potential");
    case ML_PRACTICE_DRIVING_FORCE:
      return _("Driving force");
    case ML_PRACTICE_DELTA_G:
      return _("Free energy of transport");
    case ML_PRACTICE_CHARGE:
      return _("Charging the membrane");
    case ML_PRACTICE_DONNAN:
      return _("Donnan equilibrium");
    case ML_PRACTICE_N_TOPICS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

const char *
ml_practice_unit_id (MlPracticeUnit unit)
{
  static const char *const ids[] = {
    "millivolt", "kilojoule-per-mole", "ion-count", "fraction", "millimolar", "ratio"
  };

  g_return_val_if_fail ((guint) unit < G_N_ELEMENTS (ids), NULL);
  return ids[unit];
}

const char *
ml_practice_unit_symbol (MlPracticeUnit unit)
{
  static const char *const symbols[] = { "mV", "kJ/mol", "", "", "mM", "" };

  g_return_val_if_fail ((guint) unit < G_N_ELEMENTS (symbols), NULL);
  return symbols[unit];
}

/**
 * ml_practice_generate:
 * @topic: what the problem practises
 * @seed: the set's number
 * @index: the problem's place in the set
 *
 * Returns: (transfer full): the problem, the same for the same arguments
 */
MlProblem *
ml_practice_generate (MlPracticeTopic topic,
                      guint64         seed,
                      guint           index)
{
  MlProblem *p;

  g_return_val_if_fail (topic < ML_PRACTICE_N_TOPICS, NULL);

  p = g_new0 (MlProblem, 1);
  p->topic = topic;
  p->seed = seed;
  p->index = index;
  _ml_practice_fill (p);
  derive_plain (&p->question_markup, &p->question);
  derive_plain (&p->hint_markup, &p->hint);
  derive_plain (&p->solution_markup, &p->solution);
  return p;
}

void
ml_problem_free (MlProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->question_markup);
  g_free (problem->hint_markup);
  g_free (problem->solution_markup);
  g_free (problem->question);
  g_free (problem->hint);
  g_free (problem->solution);
  g_free (problem->answer_text);
  g_free (problem);
}

MlPracticeTopic
ml_problem_get_topic (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, ML_PRACTICE_NERNST);
  return problem->topic;
}

guint64
ml_problem_get_seed (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, 0);
  return problem->seed;
}

guint
ml_problem_get_index (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, 0);
  return problem->index;
}

const char *
ml_problem_get_asked (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return problem->asked;
}

const char *
ml_problem_get_ion (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return problem->ion;
}

guint
ml_problem_get_n_givens (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, 0);
  return problem->n_givens;
}

const MlPracticeGiven *
ml_problem_get_given (const MlProblem *problem,
                      guint            i)
{
  g_return_val_if_fail (problem != NULL && i < problem->n_givens, NULL);
  return &problem->givens[i];
}

gboolean
ml_problem_lookup_given (const MlProblem *problem,
                         const char      *key,
                         double          *value)
{
  g_return_val_if_fail (problem != NULL && key != NULL, FALSE);

  for (guint i = 0; i < problem->n_givens; i++)
    if (strcmp (problem->givens[i].key, key) == 0)
      {
        if (value != NULL)
          *value = problem->givens[i].value;
        return TRUE;
      }
  return FALSE;
}

const char *
ml_problem_get_question (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return problem->question;
}

double
ml_problem_get_answer (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, 0.0);
  return problem->answer;
}

MlPracticeUnit
ml_problem_get_unit (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, ML_PRACTICE_UNIT_MILLIVOLT);
  return problem->unit;
}

double
ml_problem_get_tolerance (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, 0.0);
  return problem->tolerance;
}

const char *
ml_problem_get_hint (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return problem->hint;
}

const char *
ml_problem_get_solution (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return problem->solution;
}

const char *
ml_problem_get_question_markup (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return problem->question_markup;
}

const char *
ml_problem_get_hint_markup (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return problem->hint_markup;
}

const char *
ml_problem_get_solution_markup (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return problem->solution_markup;
}

const char *
ml_problem_get_answer_text (const MlProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return problem->answer_text;
}
