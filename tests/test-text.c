/* test-text.c — one number syntax and bounded quotes for every reader
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scenario reader and membrane-calc both use ml_text_parse_decimal(), so
 * what one accepts the other does; every message that repeats input goes
 * through ml_text_cut().
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "ml-text.h"

static void
test_decimal_accepts (void)
{
  static const struct { const char *text; double value; } cases[] = {
    { "0", 0.0 },
    { "-3", -3.0 },
    { "+2.5", 2.5 },
    { "1e-6", 1e-6 },
    { "5E2", 500.0 },
    { ".5", 0.5 },
    { "140.", 140.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double v = -1234.0;

      g_assert_true (ml_text_parse_decimal (cases[i].text, &v));
      g_assert_cmpfloat (v, ==, cases[i].value);
    }
}

static void
test_decimal_refuses (void)
{
  /* Hex (g_ascii_strtod reads "0x1p5" as 32), spelled-out non-numbers,
   * whitespace, a decimal comma, trailing characters. */
  static const char * const texts[] = {
    "", " 5", "5 ", "0x10", "0x1p5", "0X1P5", "nan", "NaN", "inf", "-inf",
    "infinity", "5,5", "5x", "1e", "--1", "e5", "١٢",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      double v = 42.0;

      g_assert_false (ml_text_parse_decimal (texts[i], &v));
      g_assert_cmpfloat (v, ==, 42.0);
    }
}

static void
test_decimal_overflow (void)
{
  double v = 0.0;

  /* Too large for a double: infinite, so the caller calls it out of range. */
  g_assert_true (ml_text_parse_decimal ("1e400", &v));
  g_assert_true (isinf (v) && v > 0);
  g_assert_true (ml_text_parse_decimal ("-1e400", &v));
  g_assert_true (isinf (v) && v < 0);
  /* Too small: zero or nearly, never an error. */
  g_assert_true (ml_text_parse_decimal ("1e-400", &v));
  g_assert_cmpfloat (fabs (v), <, 1e-300);
}

/* Not the locale's decimal comma: a German user's file reads the same. */
static void
test_decimal_ignores_locale (void)
{
  double v = 0.0;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  g_assert_true (ml_text_parse_decimal ("2.5", &v));
  g_assert_cmpfloat (v, ==, 2.5);
  g_assert_false (ml_text_parse_decimal ("2,5", &v));
  setlocale (LC_NUMERIC, "C");
}

static void
test_cut_short_is_kept (void)
{
  g_autofree char *same = ml_text_cut ("K⁺ inside", 40);
  g_autofree char *empty = ml_text_cut (NULL, 40);

  g_assert_cmpstr (same, ==, "K⁺ inside");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_cut_long_keeps_both_ends (void)
{
  g_autoptr(GString) text = g_string_new ("Key file contains line “");
  g_autofree char *cut = NULL;

  for (int i = 0; i < 200000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "” which is not a key-value pair");

  cut = ml_text_cut (text->str, 120);
  g_assert_cmpuint (strlen (cut), <=, 120);
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_true (g_str_has_prefix (cut, "Key file contains line “"));
  g_assert_true (g_str_has_suffix (cut, "which is not a key-value pair"));
  g_assert_nonnull (strstr (cut, "…"));
}

/* Multi-byte characters are never split, whatever the limit. */
static void
test_cut_on_character_boundaries (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < 100; i++)
    g_string_append (text, "µ⁺€😀");
  for (gsize max = 16; max < 200; max++)
    {
      g_autofree char *cut = ml_text_cut (text->str, max);

      g_assert_cmpuint (strlen (cut), <=, max);
      g_assert_true (g_utf8_validate (cut, -1, NULL));
    }
}

static void
test_cut_repairs_utf8 (void)
{
  g_autofree char *cut = ml_text_cut ("a\xff\xfe" "b", 40);

  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_true (g_str_has_prefix (cut, "a"));
  g_assert_true (g_str_has_suffix (cut, "b"));
}

static void
test_one_line (void)
{
  g_autofree char *line = ml_text_one_line ("first\nsecond\r\tthird", 100);

  g_assert_cmpstr (line, ==, "first second  third");
}

/* Sub- and superscripts as Unicode where it has them (U+2070 block and
 * the Latin letters), marked the plain way where it has not. */
static void
test_markup_to_unicode (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "E<sub>K</sub> = 10<sup>3</sup>", "Eₖ = 10³" },
    { "e<sup>FV/RT</sup>", "e^(FV/RT)" },
    { "<i>I</i><sub>pump</sub> + <i>I</i><sub>ion</sub>", "Iₚᵤₘₚ + Iᵢₒₙ" },
    { "[Na⁺]<sub>in</sub> &amp; <b>Ca</b><sup>2+</sup>", "[Na⁺]ᵢₙ & Ca²⁺" },
    { "E<sub>Na</sub>", "E_(Na)" },
    { "plain", "plain" },
    { "broken <sub>", "broken <sub>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ml_text_markup_to_unicode (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/decimal/accepts", test_decimal_accepts);
  g_test_add_func ("/text/decimal/refuses", test_decimal_refuses);
  g_test_add_func ("/text/decimal/overflow", test_decimal_overflow);
  g_test_add_func ("/text/decimal/ignores-locale", test_decimal_ignores_locale);
  g_test_add_func ("/text/cut/short-is-kept", test_cut_short_is_kept);
  g_test_add_func ("/text/cut/long-keeps-both-ends", test_cut_long_keeps_both_ends);
  g_test_add_func ("/text/cut/character-boundaries", test_cut_on_character_boundaries);
  g_test_add_func ("/text/cut/repairs-utf8", test_cut_repairs_utf8);
  g_test_add_func ("/text/one-line", test_one_line);

  g_test_add_func ("/text/markup-to-unicode", test_markup_to_unicode);
  return g_test_run ();
}
