/* ml-practice-check.c — reading a student's answer to a practice problem
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Students type answers as they write them on paper: "−82,6 mV",
 * "-0.0826 V", "5.4 × 10^6", "5,4·10⁶", "0.002 %".  The text is normalised
 * to one ASCII form (minus signs, decimal comma, spaces, multiplication
 * signs, superscript exponents), the number is read with
 * ml_text_parse_decimal() (so "nan", "inf" and hex are refused), and the
 * rest must be a unit of the problem's quantity.  A text that is not a
 * number, or a unit of another quantity, is not counted as an attempt: the
 * verdict says so and the message says what was expected.
 */
#define G_LOG_DOMAIN "ml-practice"

#include "config.h"

#include "ml-practice.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ml-text.h"

/* An answer longer than this is not a number anyone typed. */
#define ANSWER_MAX_BYTES 80
#define QUOTE_MAX_BYTES  40

typedef struct
{
  const char     *symbol;   /* after normalisation: "u" for µ, "*" for ·, "^-1" for ⁻¹ */
  MlPracticeUnit  unit;
  double          factor;   /* to the problem's unit */
} UnitSymbol;

static const UnitSymbol units[] = {
  { "mV", ML_PRACTICE_UNIT_MILLIVOLT, 1.0 },
  { "mv", ML_PRACTICE_UNIT_MILLIVOLT, 1.0 },
  { "V", ML_PRACTICE_UNIT_MILLIVOLT, 1000.0 },
  { "uV", ML_PRACTICE_UNIT_MILLIVOLT, 0.001 },
  { "kJ/mol", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 1.0 },
  { "kj/mol", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 1.0 },
  { "kJ*mol^-1", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 1.0 },
  { "kJmol^-1", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 1.0 },
  { "kJ", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 1.0 },
  { "J/mol", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 0.001 },
  { "j/mol", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 0.001 },
  { "J*mol^-1", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 0.001 },
  { "Jmol^-1", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 0.001 },
  { "J", ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, 0.001 },
  { "mM", ML_PRACTICE_UNIT_MILLIMOLAR, 1.0 },
  { "mmol/L", ML_PRACTICE_UNIT_MILLIMOLAR, 1.0 },
  { "mmol/l", ML_PRACTICE_UNIT_MILLIMOLAR, 1.0 },
  { "M", ML_PRACTICE_UNIT_MILLIMOLAR, 1000.0 },
  { "uM", ML_PRACTICE_UNIT_MILLIMOLAR, 0.001 },
  { "nM", ML_PRACTICE_UNIT_MILLIMOLAR, 1e-6 },
  { "%", ML_PRACTICE_UNIT_FRACTION, 0.01 },
  { "ions", ML_PRACTICE_UNIT_ION_COUNT, 1.0 },
  { "ion", ML_PRACTICE_UNIT_ION_COUNT, 1.0 },
};

static int
superscript_digit (gunichar c)
{
  static const gunichar sup[] = { 0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074,
                                  0x2075, 0x2076, 0x2077, 0x2078, 0x2079 };

  for (int i = 0; i < 10; i++)
    if (sup[i] == c)
      return i;
  return -1;
}

/* One ASCII spelling: no spaces, "-" for every minus, "*" for every
 * multiplication sign, "u" for µ, "^-6" for ⁻⁶.  NULL for text that is
 * not UTF-8. */
static char *
normalise (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean in_sup = FALSE;

  if (!g_utf8_validate (text, -1, NULL))
    return g_string_free (s, TRUE);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = superscript_digit (c);
      gboolean sup = d >= 0 || c == 0x207B || c == 0x207A;

      if (sup && !in_sup)
        g_string_append_c (s, '^');
      in_sup = sup;
      if (d >= 0)
        g_string_append_c (s, '0' + d);
      else if (c == 0x207B)                       /* ⁻ */
        g_string_append_c (s, '-');
      else if (c == 0x207A)                       /* ⁺ */
        g_string_append_c (s, '+');
      else if (g_unichar_isspace (c) || c == 0x200B)
        continue;
      else if (c == 0x2212 || c == 0x2013)        /* − – */
        g_string_append_c (s, '-');
      else if (c == 0x00D7 || c == 0x00B7 || c == 0x22C5 || c == 'x' || c == 'X')
        g_string_append_c (s, '*');               /* × · ⋅ */
      else if (c == 0x00B5 || c == 0x03BC)        /* µ μ */
        g_string_append_c (s, 'u');
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* Decimal comma, or thousands separators: "82,6" is 82.6; "5,400,000"
 * (groups of three, more than one comma) is 5400000.  FALSE for anything
 * else with a comma. */
static gboolean
resolve_commas (GString *number)
{
  guint commas = 0;
  const char *last = NULL;

  for (const char *p = number->str; *p != '\0'; p++)
    if (*p == ',')
      {
        commas++;
        last = p;
      }
  if (commas == 0)
    return TRUE;
  if (strchr (number->str, '.') != NULL)
    return FALSE;
  if (commas == 1)
    {
      number->str[last - number->str] = '.';
      return TRUE;
    }
  for (gsize i = 0; i < number->len; i++)
    if (number->str[i] == ',')
      {
        if (i == 0 || number->len - i < 4 || !g_ascii_isdigit (number->str[i - 1]))
          return FALSE;
        for (gsize k = 1; k <= 3; k++)
          if (!g_ascii_isdigit (number->str[i + k]))
            return FALSE;
        if (i + 4 < number->len && g_ascii_isdigit (number->str[i + 4]))
          return FALSE;
      }
  for (char *from = number->str, *to = number->str;; from++)
    if (*from != ',' && (*to++ = *from) == '\0')
      break;
  g_string_set_size (number, strlen (number->str));
  return TRUE;
}

static gsize
scan_digits (const char *s)
{
  gsize n = 0;

  while (g_ascii_isdigit (s[n]))
    n++;
  return n;
}

/* Splits a normalised answer into its number, in C syntax, and the unit
 * after it; FALSE when it does not start with a number. */
static gboolean
split_number (const char  *text,
              double      *value,
              const char **unit)
{
  g_autoptr (GString) number = g_string_new (NULL);
  const char *p = text;
  gsize n, digits;

  if (*p == '+' || *p == '-')
    g_string_append_c (number, *p++);
  /* The mantissa: digits with a point or commas in them. */
  n = 0;
  digits = 0;
  while (g_ascii_isdigit (p[n]) || p[n] == '.' || p[n] == ',')
    digits += g_ascii_isdigit (p[n++]) ? 1 : 0;
  if (digits == 0)
    return FALSE;
  g_string_append_len (number, p, n);
  p += n;
  if (!resolve_commas (number))
    return FALSE;

  /* An exponent, "e-5" or "*10^-5" (also from "× 10⁻⁵"). */
  if ((p[0] == 'e' || p[0] == 'E')
      && (g_ascii_isdigit (p[1]) || ((p[1] == '-' || p[1] == '+') && g_ascii_isdigit (p[2]))))
    {
      gsize sign = g_ascii_isdigit (p[1]) ? 0 : 1;

      n = 1 + sign + scan_digits (p + 1 + sign);
      g_string_append_len (number, p, n);
      p += n;
    }
  else if (g_str_has_prefix (p, "*10^"))
    {
      const char *e = p + 4;
      gsize sign = (*e == '-' || *e == '+') ? 1 : 0;

      n = scan_digits (e + sign);
      if (n == 0)
        return FALSE;
      g_string_append_c (number, 'e');
      g_string_append_len (number, e, sign + n);
      p = e + sign + n;
    }

  if (!ml_text_parse_decimal (number->str, value) || !isfinite (*value))
    return FALSE;
  *unit = p;
  return TRUE;
}

static const char *
expected_units (MlPracticeUnit unit)
{
  switch (unit)
    {
    case ML_PRACTICE_UNIT_MILLIVOLT:
      return _("mV (or V)");
    case ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE:
      return _("kJ/mol (or J/mol)");
    case ML_PRACTICE_UNIT_MILLIMOLAR:
      return _("mM");
    case ML_PRACTICE_UNIT_ION_COUNT:
      return _("a number of ions, without a unit");
    case ML_PRACTICE_UNIT_FRACTION:
      return _("a fraction, or a percentage with %");
    case ML_PRACTICE_UNIT_RATIO:
    default:
      return _("a plain number, without a unit");
    }
}

gboolean
ml_practice_parse_in_unit (MlPracticeUnit     unit,
                           const char        *answer_text,
                           double            *value,
                           MlPracticeVerdict *verdict)
{
  g_autofree char *norm = NULL;
  const char *typed = NULL;
  double v;

  g_return_val_if_fail (value != NULL, FALSE);

  if (verdict != NULL)
    *verdict = ML_PRACTICE_NOT_A_NUMBER;
  if (answer_text == NULL || strlen (answer_text) > ANSWER_MAX_BYTES)
    return FALSE;
  norm = normalise (answer_text);
  if (norm == NULL || !split_number (norm, &v, &typed))
    return FALSE;

  if (*typed == '\0')
    {
      *value = v;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (typed, units[i].symbol) == 0)
      {
        if (units[i].unit != unit)
          {
            if (verdict != NULL)
              *verdict = ML_PRACTICE_WRONG_UNIT;
            return FALSE;
          }
        *value = v * units[i].factor;
        return isfinite (*value);
      }
  /* Not a unit of anything: "0x10", "12 apples". */
  return FALSE;
}

gboolean
ml_problem_parse_answer (const MlProblem   *problem,
                         const char        *answer_text,
                         double            *value,
                         MlPracticeVerdict *verdict)
{
  g_return_val_if_fail (problem != NULL && value != NULL, FALSE);

  return ml_practice_parse_in_unit (ml_problem_get_unit (problem), answer_text, value, verdict);
}

char *
ml_practice_refusal_message (MlPracticeUnit     unit,
                             const char        *answer_text,
                             MlPracticeVerdict  verdict)
{
  g_autofree char *quoted = NULL;
  g_autofree char *norm = NULL;
  const char *typed = NULL;
  double v;

  quoted = ml_text_one_line (answer_text != NULL ? answer_text : "", QUOTE_MAX_BYTES);
  norm = answer_text != NULL ? normalise (answer_text) : NULL;
  if (verdict == ML_PRACTICE_WRONG_UNIT)
    {
      /* Quote only the unit the student typed. */
      if (norm != NULL && split_number (norm, &v, &typed))
        {
          g_free (quoted);
          quoted = g_strdup (typed);
        }
      /* Translators: the first %s is the unit typed ("mM"), the second
       * what the answer is in ("mV (or V)"). */
      return g_strdup_printf (_("“%s” is not a unit of this answer: give it in %s."),
                              quoted, expected_units (unit));
    }
  if (answer_text == NULL || (norm != NULL && norm[0] == '\0'))
    return g_strdup (_("Type a number first."));
  /* Translators: %s is what the student typed. */
  return g_strdup_printf (_("“%s” is not a number. Type a number such as 12.5, −0.5 "
                            "or 5.4e6, and its unit if you like."), quoted);
}

/**
 * ml_problem_wrong_message_markup:
 * @problem: the problem
 *
 * The message of ml_problem_check() for a wrong answer, with the hint
 * typeset: Pango markup.
 *
 * Returns: (transfer full): the message
 */
char *
ml_problem_wrong_message_markup (const MlProblem *problem)
{
  /* U+FFFC stands in for the hint while the sentence is escaped. */
  static const char stand_in[] = "\xef\xbf\xbc";
  g_autofree char *sentence = NULL, *escaped = NULL;
  g_auto (GStrv) parts = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  sentence = g_strdup_printf (_("Not right yet. %s"), stand_in);
  escaped = g_markup_escape_text (sentence, -1);
  parts = g_strsplit (escaped, stand_in, 2);
  return g_strconcat (parts[0], ml_problem_get_hint_markup (problem),
                      parts[0] != NULL && parts[1] != NULL ? parts[1] : "", NULL);
}

/**
 * ml_problem_check:
 * @problem: the problem
 * @answer_text: what the student typed
 * @message: (out) (optional): a sentence for the student, translated
 *
 * Returns: RIGHT or WRONG; NOT_A_NUMBER or WRONG_UNIT for an answer that
 * cannot be judged and should not count as an attempt
 */
MlPracticeVerdict
ml_problem_check (const MlProblem  *problem,
                  const char       *answer_text,
                  char            **message)
{
  MlPracticeVerdict verdict;
  double value, answer, tolerance;

  g_return_val_if_fail (problem != NULL, ML_PRACTICE_NOT_A_NUMBER);

  if (!ml_problem_parse_answer (problem, answer_text, &value, &verdict))
    {
      if (message != NULL)
        *message = ml_practice_refusal_message (ml_problem_get_unit (problem), answer_text,
                                                verdict);
      return verdict;
    }

  answer = ml_problem_get_answer (problem);
  tolerance = ml_problem_get_tolerance (problem);
  /* A hair over the tolerance, so an answer exactly at its edge counts in
   * spite of rounding in the conversion from V. */
  verdict = fabs (value - answer) <= tolerance * (1.0 + 1e-9) ? ML_PRACTICE_RIGHT
                                                               : ML_PRACTICE_WRONG;
  if (message != NULL)
    {
      if (verdict == ML_PRACTICE_RIGHT)
        /* Translators: %s is the answer, "−82.6 mV". */
        *message = g_strdup_printf (_("Right: %s."), ml_problem_get_answer_text (problem));
      else
        /* Translators: %s is a hint, one sentence. */
        *message = g_strdup_printf (_("Not right yet. %s"), ml_problem_get_hint (problem));
    }
  return verdict;
}
