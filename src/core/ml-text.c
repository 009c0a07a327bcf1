/* ml-text.c — reading numbers and quoting input, the same everywhere
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ml-text"

#include "config.h"

#include "ml-text.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/**
 * ml_text_parse_decimal:
 * @text: the whole text of a number, already trimmed
 * @out: (out): the value
 *
 * Reads a decimal number in C syntax whatever the locale ("-3", "1.5e-6").
 * Refused: an empty text, leading space, trailing characters, hexadecimal
 * ("0x10", "0x1p5"), and "nan", "inf" or "infinity" written out.  A decimal
 * number too large for a double ("1e400") is accepted as ±infinity so that
 * the caller can call it out of range rather than not a number.
 *
 * Returns: %TRUE when @text is such a number
 */
gboolean
ml_text_parse_decimal (const char *text,
                       double     *out)
{
  char *end = NULL;
  double value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || text[0] == '\0' || g_ascii_isspace (text[0]))
    return FALSE;

  /* Only digits, one sign, a point and an exponent: this refuses hex
   * (which g_ascii_strtod takes) and the spelled-out words at once. */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || isnan (value))
    return FALSE;
  if (isinf (value) && errno != ERANGE)
    return FALSE;

  *out = value;
  return TRUE;
}

/**
 * ml_text_parse_duration:
 * @text: "90", "90s", "30min", "2h", "1.5h", "3d"
 * @seconds: (out): the duration in seconds
 *
 * A decimal number (ml_text_parse_decimal()) with an optional unit: s
 * (the default), min, h or d.  Negative and infinite durations are
 * refused.
 *
 * Returns: %TRUE when @text is such a duration
 */
gboolean
ml_text_parse_duration (const char *text,
                        double     *seconds)
{
  static const struct { const char *unit; double factor; } units[] = {
    { "min", 60.0 }, { "s", 1.0 }, { "h", 3600.0 }, { "d", 86400.0 },
  };
  g_autofree char *number = NULL;
  double factor = 1.0, value;
  gsize len;

  g_return_val_if_fail (seconds != NULL, FALSE);
  if (text == NULL)
    return FALSE;

  len = strlen (text);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (text, units[i].unit))
      {
        len -= strlen (units[i].unit);
        factor = units[i].factor;
        break;
      }
  number = g_strndup (text, len);
  if (!ml_text_parse_decimal (number, &value) || !(value >= 0.0) || !isfinite (value * factor))
    return FALSE;
  *seconds = value * factor;
  return TRUE;
}

/* The longest prefix of @text of at most @max_bytes that ends on a
 * character boundary; @text is valid UTF-8. */
static gsize
prefix_length (const char *text,
               gsize       max_bytes)
{
  const char *end = text;

  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);

      if ((gsize)(next - text) > max_bytes)
        break;
      end = next;
    }
  return end - text;
}

/**
 * ml_text_cut:
 * @text: (nullable): any bytes, ending with a NUL
 * @max_bytes: the longest result, in bytes, ellipsis included
 *
 * A copy of @text fit to be quoted in a message: invalid UTF-8 is replaced,
 * and a text longer than @max_bytes loses its middle, on character
 * boundaries, for a "…".  The middle, because a parser's message ends with
 * what is wrong ("Key file contains line “xxx…xxx” which is not a key-value
 * pair") and a quoted value ends where it went wrong.
 *
 * Returns: (transfer full): the copy, never %NULL
 */
char *
ml_text_cut (const char *text,
             gsize       max_bytes)
{
  static const char ellipsis[] = "…";
  g_autofree char *valid = NULL;
  gsize room, head, tail, length;
  const char *tail_start;

  g_return_val_if_fail (max_bytes >= 16, NULL);

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  length = strlen (valid);
  if (length <= max_bytes)
    return g_steal_pointer (&valid);

  room = max_bytes - (sizeof ellipsis - 1);
  head = prefix_length (valid, room - room / 3);
  /* The tail starts on a character boundary at most room − head from the end. */
  tail_start = valid + length - (room - head);
  while (((guchar)*tail_start & 0xC0) == 0x80)
    tail_start++;
  tail = valid + length - tail_start;
  return g_strdup_printf ("%.*s%s%.*s", (int)head, valid, ellipsis, (int)tail, tail_start);
}

/**
 * ml_text_one_line:
 * @text: (nullable): any bytes, ending with a NUL
 * @max_bytes: the longest result, in bytes
 *
 * Like ml_text_cut(), with every line break and other control character
 * turned into a space, for stderr and toasts.
 *
 * Returns: (transfer full): the line, never %NULL
 */
char *
ml_text_one_line (const char *text,
                  gsize       max_bytes)
{
  char *line = ml_text_cut (text, max_bytes);

  for (char *p = line; *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      *p = ' ';
  return line;
}
