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
 * @text: "90", "90s", "30min", "2h", "1.5h", "3d", "10y"
 * @seconds: (out): the duration in seconds
 *
 * A decimal number (ml_text_parse_decimal()) with an optional unit: s
 * (the default), min, h, d or y (a year of 365 days).  Negative and infinite durations are
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
    { "y", 365.0 * 86400.0 },
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

/* Markup to Unicode ------------------------------------------------------ */

typedef struct
{
  GString *out;
  GString *script;  /* the text of the outermost <sub> or <sup> */
  int      depth;   /* of <sub> and <sup> */
  gboolean super;   /* that outermost one is <sup> */
} MarkupState;

static const char *
script_of (gunichar c,
           gboolean super)
{
  /* Unicode's sub- and superscripts (U+2070 block, and the Latin letters
   * it has). */
  static const char *sub_digits[] = { "₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉" };
  static const char *sup_digits[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  static const struct { gunichar c; const char *sub; const char *sup; } others[] = {
    { '+', "₊", "⁺" }, { '-', "₋", "⁻" }, { 0x2212, "₋", "⁻" }, { '=', "₌", "⁼" },
    { '(', "₍", "⁽" }, { ')', "₎", "⁾" }, { 'a', "ₐ", "ᵃ" }, { 'e', "ₑ", "ᵉ" },
    { 'h', "ₕ", "ʰ" }, { 'i', "ᵢ", "ⁱ" }, { 'k', "ₖ", "ᵏ" }, { 'l', "ₗ", "ˡ" },
    { 'm', "ₘ", "ᵐ" }, { 'n', "ₙ", "ⁿ" }, { 'o', "ₒ", "ᵒ" }, { 'p', "ₚ", "ᵖ" },
    { 'r', "ᵣ", "ʳ" }, { 's', "ₛ", "ˢ" }, { 't', "ₜ", "ᵗ" }, { 'x', "ₓ", "ˣ" },
    { 'u', "ᵤ", "ᵘ" }, { 'v', "ᵥ", "ᵛ" }, { 'j', "ⱼ", "ʲ" },
    { 'K', "ₖ", "ᴷ" },
  };

  if (c >= '0' && c <= '9')
    return super ? sup_digits[c - '0'] : sub_digits[c - '0'];
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (others[i].c == c)
      return super ? others[i].sup : others[i].sub;
  return NULL;
}

/* All of @text as scripts when every character has one; else the text
 * marked the plain way, "_(…)" or "^(…)". */
static void
append_script (GString    *out,
               const char *text,
               gboolean    super)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (script_of (g_utf8_get_char (p), super) == NULL)
      {
        g_string_append (out, super ? "^(" : "_(");
        g_string_append (out, text);
        g_string_append_c (out, ')');
        return;
      }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append (out, script_of (g_utf8_get_char (p), super));
}

static void
markup_text (GMarkupParseContext *context,
             const char          *text,
             gsize                length,
             gpointer             user_data,
             GError             **error)
{
  MarkupState *st = user_data;

  g_string_append_len (st->depth > 0 ? st->script : st->out, text, length);
}

static void
markup_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  MarkupState *st = user_data;

  if (strcmp (element, "sub") != 0 && strcmp (element, "sup") != 0)
    return;
  if (st->depth++ == 0)
    {
      st->super = strcmp (element, "sup") == 0;
      g_string_truncate (st->script, 0);
    }
}

static void
markup_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  MarkupState *st = user_data;

  if ((strcmp (element, "sub") == 0 || strcmp (element, "sup") == 0) && st->depth > 0
      && --st->depth == 0)
    append_script (st->out, st->script->str, st->super);
}

char *
ml_text_markup_to_unicode (const char *markup)
{
  static const GMarkupParser parser = { markup_start, markup_end, markup_text, NULL, NULL };
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autofree char *wrapped = NULL;
  MarkupState st = { 0 };

  if (markup == NULL)
    return g_strdup ("");
  st.out = g_string_new (NULL);
  st.script = g_string_new (NULL);
  wrapped = g_strconcat ("<m>", markup, "</m>", NULL);
  context = g_markup_parse_context_new (&parser, 0, &st, NULL);
  if (!g_markup_parse_context_parse (context, wrapped, -1, NULL)
      || !g_markup_parse_context_end_parse (context, NULL))
    {
      g_string_free (st.out, TRUE);
      g_string_free (st.script, TRUE);
      return g_strdup (markup);
    }
  g_string_free (st.script, TRUE);
  return g_string_free (st.out, FALSE);
}
