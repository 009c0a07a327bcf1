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
#include "config.h"

#include "ml-format.h"

#include <glib/gi18n.h>
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

void
ml_format_append_count (GString *s,
                        double   n)
{
  g_return_if_fail (s != NULL);

  if (!isfinite (n) || n < 0.0)
    g_string_append (s, _("undefined"));
  else if (n >= 1e12)
    {
      ml_format_append_significant (s, n / 1e12, 2);
      /* Translators: follows a number, e.g. "1.2 trillion" (10¹²). */
      g_string_append (s, _(" trillion"));
    }
  else if (n >= 1e9)
    {
      ml_format_append_significant (s, n / 1e9, 2);
      /* Translators: follows a number, e.g. "3.2 billion" (10⁹). */
      g_string_append (s, _(" billion"));
    }
  else if (n >= 1e6)
    {
      ml_format_append_significant (s, n / 1e6, 2);
      /* Translators: follows a number, e.g. "5.4 million" (10⁶). */
      g_string_append (s, _(" million"));
    }
  else
    ml_format_append_fixed (s, round (n), 0, FALSE);
}
