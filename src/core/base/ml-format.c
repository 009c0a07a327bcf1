/* ml-format.c — numbers as the widgets print them
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gauge, the membrane and the math panel print the same quantities, so
 * they print them the same way: a real minus sign (U+2212), an explicit plus
 * where a direction matters, no "−0.0" from rounding, significant digits
 * without an exponent for concentrations, and large counts in words.  The
 * number of decimals is the caller's: the gauge shows one, the equations two.
 */
#define G_LOG_DOMAIN "ml-format"

#include "config.h"

#include "ml-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Replaces an ASCII minus by U+2212 and drops the sign of a number that
 * rounds to zero ("−0.00" reads as a mistake). */
static void
append_signed (GString    *s,
               const char *formatted,
               gboolean    plus)
{
  gboolean nonzero = strpbrk (formatted, "123456789") != NULL;

  if (formatted[0] == '-')
    {
      if (nonzero)
        g_string_append (s, "−");
      formatted++;
    }
  else if (plus && nonzero)
    g_string_append_c (s, '+');
  g_string_append (s, formatted);
}

void
ml_format_append_fixed (GString  *s,
                        double    value,
                        int       decimals,
                        gboolean  plus)
{
  char buf[64];

  g_return_if_fail (s != NULL);

  if (!isfinite (value))
    {
      g_string_append (s, _("undefined"));
      return;
    }
  g_snprintf (buf, sizeof buf, "%.*f", decimals, value);
  append_signed (s, buf, plus);
}

char *
ml_format_fixed (double   value,
                 int      decimals,
                 gboolean plus)
{
  GString *s = g_string_new (NULL);

  ml_format_append_fixed (s, value, decimals, plus);
  return g_string_free (s, FALSE);
}

void
ml_format_append_millivolts (GString  *s,
                             double    mv,
                             int       decimals,
                             gboolean  plus)
{
  ml_format_append_fixed (s, mv, decimals, plus);
  g_string_append (s, " mV");
}

char *
ml_format_millivolts (double   mv,
                      int      decimals,
                      gboolean plus)
{
  g_autofree char *number = ml_format_fixed (mv, decimals, plus);

  /* Translators: a voltage, %s is a signed number such as "+20.0" */
  return g_strdup_printf (_("%s mV"), number);
}

void
ml_format_append_significant (GString *s,
                              double   value,
                              int      digits)
{
  char buf[64];
  int decimals;
  char *sep;

  g_return_if_fail (s != NULL);

  if (!isfinite (value))
    {
      g_string_append (s, _("undefined"));
      return;
    }
  if (value == 0.0)
    {
      g_string_append_c (s, '0');
      return;
    }

  decimals = digits - 1 - (int) floor (log10 (fabs (value)));
  decimals = CLAMP (decimals, 0, 10);
  g_snprintf (buf, sizeof buf, "%.*f", decimals, value);

  /* The decimal separator depends on the locale; trim only after it. */
  sep = strpbrk (buf, ".,");
  if (sep != NULL && decimals > 0)
    {
      char *end = buf + strlen (buf) - 1;

      while (end > sep && *end == '0')
        *end-- = '\0';
      if (end == sep)
        *end = '\0';
    }
  append_signed (s, buf, FALSE);
}

char *
ml_format_significant (double value,
                       int    digits)
{
  GString *s = g_string_new (NULL);

  ml_format_append_significant (s, value, digits);
  return g_string_free (s, FALSE);
}

void
ml_format_append_count (GString *s,
                        double   n)
{
  g_autoptr (GString) number = NULL;

  g_return_if_fail (s != NULL);

  if (!isfinite (n) || n < 0.0)
    {
      g_string_append (s, _("undefined"));
      return;
    }
  if (n < 1e6)
    {
      ml_format_append_fixed (s, round (n), 0, FALSE);
      return;
    }

  /* Whole format strings, so a language can put the word before the number,
   * inflect it or use its own spacing. */
  number = g_string_new (NULL);
  if (n >= 1e12)
    {
      ml_format_append_significant (number, n / 1e12, 2);
      /* Translators: %s is a number, e.g. "1.2 trillion" (10¹²). */
      g_string_append_printf (s, _("%s trillion"), number->str);
    }
  else if (n >= 1e9)
    {
      ml_format_append_significant (number, n / 1e9, 2);
      /* Translators: %s is a number, e.g. "3.2 billion" (10⁹). */
      g_string_append_printf (s, _("%s billion"), number->str);
    }
  else
    {
      ml_format_append_significant (number, n / 1e6, 2);
      /* Translators: %s is a number, e.g. "5.4 million" (10⁶). */
      g_string_append_printf (s, _("%s million"), number->str);
    }
}

gboolean
ml_format_ratio (double   ratio,
                 int      max_denominator,
                 char   **numerator,
                 char   **denominator)
{
  /* Compared at the two decimals the ratio control shows, so 1.33 reads as
   * 4 : 3 and a slider value of 1.4999 as 3 : 2. */
  double shown = round (ratio * 100.0) / 100.0;

  g_return_val_if_fail (numerator != NULL && denominator != NULL, FALSE);

  *numerator = *denominator = NULL;
  if (!isfinite (ratio) || ratio <= 0.0)
    return FALSE;

  for (int d = 1; d <= max_denominator; d++)
    {
      double n = round (shown * d);

      if (n >= 1.0 && fabs (shown - n / d) < 0.005)
        {
          *numerator = g_strdup_printf ("%d", (int) n);
          *denominator = g_strdup_printf ("%d", d);
          return TRUE;
        }
    }

  *numerator = ml_format_fixed (shown, 2, FALSE);
  *denominator = g_strdup ("1");
  return FALSE;
}

/**
 * ml_ion_label:
 * @name: an ion's short name ("K")
 * @z: its valence
 *
 * The ion as text, name and charge: "K⁺", "Ca²⁺", "Cl⁻".
 *
 * Returns: (transfer full): the label
 */
char *
ml_ion_label (const char *name,
              int         z)
{
  static const char *const digits[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  g_autofree char *number = g_strdup_printf ("%d", ABS (z));
  GString *label = g_string_new (name);

  /* "⁺" alone for a charge of one, the superscript digits before it else
   * (a Donnan anion of valence −3 is "A³⁻"). */
  if (z == 0)
    return g_string_free (label, FALSE);
  if (ABS (z) != 1)
    for (const char *d = number; *d != '\0'; d++)
      g_string_append (label, digits[*d - '0']);
  g_string_append (label, z > 0 ? "⁺" : "⁻");
  return g_string_free (label, FALSE);
}
