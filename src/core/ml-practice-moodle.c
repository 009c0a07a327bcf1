/* ml-practice-moodle.c — practice problems as a Moodle XML question bank
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One numerical question per problem, with the worked solution as general
 * feedback and the hint as the interactive mode's hint, in the format of
 * https://docs.moodle.org/en/Moodle_XML_format.  Numbers are written in the
 * C locale whatever the user's, since Moodle reads "." only.
 */
#define G_LOG_DOMAIN "ml-practice"

#include "config.h"

#include "ml-practice.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Text for inside a CDATA section: HTML-escaped, and no "]]>" left to end
 * the section early (escaping turns ">" into "&gt;" already; the split is
 * kept for text that arrives pre-escaped). */
static void
append_cdata (GString    *s,
              const char *html)
{
  const char *p = html, *end;

  g_string_append (s, "<![CDATA[");
  while ((end = strstr (p, "]]>")) != NULL)
    {
      g_string_append_len (s, p, end - p);
      g_string_append (s, "]]]]><![CDATA[>");
      p = end + 3;
    }
  g_string_append (s, p);
  g_string_append (s, "]]>");
}

static void
append_html_text (GString    *s,
                  const char *tag,
                  const char *plain)
{
  g_autofree char *escaped = g_markup_escape_text (plain, -1);
  g_autofree char *html = g_strdup_printf ("<p>%s</p>", escaped);

  g_string_append_printf (s, "    <%s format=\"html\">\n      <text>", tag);
  append_cdata (s, html);
  g_string_append_printf (s, "</text>\n    </%s>\n", tag);
}

/* The worked solution, a line per line. */
static char *
solution_html (const char *solution)
{
  g_auto (GStrv) lines = g_strsplit (solution, "\n", -1);
  GString *s = g_string_new ("<p>");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (lines[i], -1);

      if (i > 0)
        g_string_append (s, "<br/>");
      g_string_append (s, escaped);
    }
  g_string_append (s, "</p>");
  return g_string_free (s, FALSE);
}

static void
append_number (GString    *s,
               const char *format,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, format, value));
}

/* Units Moodle may accept beside the base one; a multiplier says how many
 * of the unit make one of the base unit. */
static void
append_units (GString        *s,
              MlPracticeUnit  unit)
{
  static const struct { MlPracticeUnit unit; const char *name; const char *multiplier; } extra[] = {
    { ML_PRACTICE_UNIT_MILLIVOLT, "V", "0.001" },
    { ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, "J/mol", "1000" },
  };
  const char *symbol = ml_practice_unit_symbol (unit);

  g_string_append (s, "    <unitgradingtype>0</unitgradingtype>\n"
                      "    <unitpenalty>0</unitpenalty>\n"
                      "    <showunits>3</showunits>\n"
                      "    <unitsleft>0</unitsleft>\n");
  if (symbol[0] == '\0')
    return;
  g_string_append_printf (s, "    <units>\n      <unit>\n        <multiplier>1</multiplier>\n"
                             "        <unit_name>%s</unit_name>\n      </unit>\n", symbol);
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    if (extra[i].unit == unit)
      g_string_append_printf (s, "      <unit>\n        <multiplier>%s</multiplier>\n"
                                 "        <unit_name>%s</unit_name>\n      </unit>\n",
                              extra[i].multiplier, extra[i].name);
  g_string_append (s, "    </units>\n");
}

/**
 * ml_practice_moodle_xml:
 * @problems: (array length=n): the problems
 * @n: how many
 *
 * Returns: (transfer full): a Moodle XML quiz, UTF-8
 */
char *
ml_practice_moodle_xml (MlProblem **problems,
                        guint       n)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");

  g_return_val_if_fail (problems != NULL || n == 0, NULL);

  for (guint i = 0; i < n; i++)
    {
      const MlProblem *p = problems[i];
      g_autofree char *name = NULL, *escaped_name = NULL, *solution = NULL;
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, ml_problem_get_seed (p));

      /* Translators: a question's name in a Moodle question bank: the
       * topic ("Nernst potential"), the set's seed (a number) and the
       * problem's number within its topic in the set. */
      name = g_strdup_printf (_("%s, set %s, no. %u"),
                              ml_practice_topic_title (ml_problem_get_topic (p)),
                              seed, ml_problem_get_index (p) + 1);
      escaped_name = g_markup_escape_text (name, -1);
      solution = solution_html (ml_problem_get_solution (p));

      g_string_append (s, "  <question type=\"numerical\">\n");
      g_string_append_printf (s, "    <name>\n      <text>%s</text>\n    </name>\n",
                              escaped_name);
      append_html_text (s, "questiontext", ml_problem_get_question (p));
      g_string_append (s, "    <generalfeedback format=\"html\">\n      <text>");
      append_cdata (s, solution);
      g_string_append (s, "</text>\n    </generalfeedback>\n");
      g_string_append (s, "    <defaultgrade>1</defaultgrade>\n    <penalty>0.3333333</penalty>\n"
                          "    <hidden>0</hidden>\n");
      g_string_append (s, "    <answer fraction=\"100\" format=\"moodle_auto_format\">\n"
                          "      <text>");
      append_number (s, "%.10g", ml_problem_get_answer (p));
      g_string_append (s, "</text>\n      <tolerance>");
      append_number (s, "%.6g", ml_problem_get_tolerance (p));
      g_string_append (s, "</tolerance>\n      <feedback format=\"html\">\n        <text>");
      {
        g_autofree char *escaped = g_markup_escape_text (ml_problem_get_answer_text (p), -1);

        append_cdata (s, escaped);
      }
      g_string_append (s, "</text>\n      </feedback>\n    </answer>\n");
      append_units (s, ml_problem_get_unit (p));
      append_html_text (s, "hint", ml_problem_get_hint (p));
      g_string_append (s, "  </question>\n");
    }
  g_string_append (s, "</quiz>\n");
  return g_string_free (s, FALSE);
}
