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

/* Markup of a problem (<i>, <sub> and entities, which HTML reads alike)
 * as a paragraph, a line break for each "\n". */
static char *
markup_html (const char *markup)
{
  g_auto (GStrv) lines = g_strsplit (markup, "\n", -1);
  GString *s = g_string_new ("<p>");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, "<br/>");
      g_string_append (s, lines[i]);
    }
  g_string_append (s, "</p>");
  return g_string_free (s, FALSE);
}

static void
append_html_text (GString    *s,
                  const char *tag,
                  const char *markup)
{
  g_autofree char *html = markup_html (markup);

  g_string_append_printf (s, "    <%s format=\"html\">\n      <text>", tag);
  append_cdata (s, html);
  g_string_append_printf (s, "</text>\n    </%s>\n", tag);
}

static void
append_number (GString    *s,
               const char *format,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, format, value));
}

/* The units Moodle takes for an answer.  Moodle's numerical question
 * divides a number typed with a unit by that unit's multiplier to get the
 * first (base) unit's value, so a multiplier is how many of the unit make
 * one of the base unit: 0.001 V per mV, 100 % per fraction.  These are
 * the units the app's own checker takes (ml-practice-check.c) spelt as a
 * student types them; a fraction has no base unit of its own, only "%". */
static void
append_units (GString        *s,
              MlPracticeUnit  unit)
{
  static const struct { MlPracticeUnit unit; const char *name; const char *multiplier; } units[] = {
    { ML_PRACTICE_UNIT_MILLIVOLT, "mV", "1" },
    { ML_PRACTICE_UNIT_MILLIVOLT, "V", "0.001" },
    { ML_PRACTICE_UNIT_MILLIVOLT, "µV", "1000" },
    { ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, "kJ/mol", "1" },
    { ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, "J/mol", "1000" },
    { ML_PRACTICE_UNIT_MILLIMOLAR, "mM", "1" },
    { ML_PRACTICE_UNIT_MILLIMOLAR, "mmol/L", "1" },
    { ML_PRACTICE_UNIT_MILLIMOLAR, "M", "0.001" },
    { ML_PRACTICE_UNIT_MILLIMOLAR, "µM", "1000" },
    { ML_PRACTICE_UNIT_ION_COUNT, "ions", "1" },
    { ML_PRACTICE_UNIT_FRACTION, "%", "100" },
  };
  gboolean any = FALSE;

  /* Moodle's qtype_numerical: showunits 0 is UNITINPUT (a unit may be
   * typed after the number), and unitgradingtype 0 takes nothing off when
   * it is left out: units are optional, and a unit typed is converted by
   * its multiplier before the answer is graded.  (showunits 3, UNITNONE,
   * refuses any answer with a unit.)  unitpenalty is Moodle's default; it
   * applies only when units are required. */
  g_string_append (s, "    <unitgradingtype>0</unitgradingtype>\n"
                      "    <unitpenalty>0.1</unitpenalty>\n"
                      "    <showunits>0</showunits>\n"
                      "    <unitsleft>0</unitsleft>\n");
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (units[i].unit == unit)
      {
        if (!any)
          g_string_append (s, "    <units>\n");
        any = TRUE;
        g_string_append_printf (s, "      <unit>\n        <multiplier>%s</multiplier>\n"
                                   "        <unit_name>%s</unit_name>\n      </unit>\n",
                                units[i].multiplier, units[i].name);
      }
  if (any)
    g_string_append (s, "    </units>\n");
}

/* A category question: Moodle puts the questions after it into that
 * category, made under the course's top category on import.  A "/" would
 * start a subcategory, so it is written as Moodle writes one in a name. */
static void
append_category (GString    *s,
                 const char *category)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  g_auto (GStrv) parts = g_strsplit (category, "/", -1);

  name = g_strjoinv ("//", parts);
  path = g_strconcat ("$course$/top/Membrane Lab/", name, NULL);
  escaped = g_markup_escape_text (path, -1);
  g_string_append_printf (s, "  <question type=\"category\">\n    <category>\n      <text>%s</text>\n"
                             "    </category>\n  </question>\n", escaped);
}

/**
 * ml_practice_moodle_xml:
 * @problems: (array length=n): the problems
 * @n: how many
 * @category: the category to import them into: the set's title
 *
 * Returns: (transfer full): a Moodle XML quiz, UTF-8
 */
char *
ml_practice_moodle_xml (MlProblem  **problems,
                        guint        n,
                        const char  *category)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
  int width = 1;

  g_return_val_if_fail (problems != NULL || n == 0, NULL);
  g_return_val_if_fail (category != NULL, NULL);

  append_category (s, category);
  /* "07" in a set of twenty: Moodle lists a category's questions by name. */
  for (guint k = n; k >= 10; k /= 10)
    width++;
  for (guint i = 0; i < n; i++)
    {
      const MlProblem *p = problems[i];
      g_autofree char *name = NULL, *escaped_name = NULL, *number = NULL;

      number = g_strdup_printf ("%0*u", width, i + 1);
      /* Translators: a question's name in a Moodle question bank: its
       * number on the worksheet ("07"), then its topic ("Nernst
       * potential"). */
      name = g_strdup_printf (_("Problem %s: %s"), number,
                              ml_practice_topic_title (ml_problem_get_topic (p)));
      escaped_name = g_markup_escape_text (name, -1);

      g_string_append (s, "  <question type=\"numerical\">\n");
      g_string_append_printf (s, "    <name>\n      <text>%s</text>\n    </name>\n",
                              escaped_name);
      append_html_text (s, "questiontext", ml_problem_get_question_markup (p));
      append_html_text (s, "generalfeedback", ml_problem_get_solution_markup (p));
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
      append_html_text (s, "hint", ml_problem_get_hint_markup (p));
      g_string_append (s, "  </question>\n");
    }
  g_string_append (s, "</quiz>\n");
  return g_string_free (s, FALSE);
}
