/* ml-text.h — reading numbers and quoting input, the same everywhere
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scenario reader, the command line and the window all read numbers that
 * a person typed and all repeat input back in messages.  These helpers make
 * them agree: one syntax for a number, one bound on what a message quotes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A message that quotes someone else's text (a parser's explanation, a file
 * name, a value) keeps at most this many bytes of it. */
#define ML_TEXT_QUOTE_MAX_BYTES    120
/* A whole message shown to a person or printed as one line. */
#define ML_TEXT_MESSAGE_MAX_BYTES  280

gboolean  ml_text_parse_decimal (const char  *text,
                                 double      *out);
gboolean  ml_text_parse_duration (const char *text,
                                  double     *seconds);
/* Pango markup as plain Unicode text: <sub> and <sup> become sub- and
 * superscript characters where Unicode has them ("E<sub>K</sub>" → "Eₖ",
 * "e<sup>FV/RT</sup>" → "e^(FV/RT)" where it has not), other tags go,
 * entities are decoded.  The markup itself when it does not parse. */
char     *ml_text_markup_to_unicode (const char *markup);
char     *ml_text_cut           (const char  *text,
                                 gsize        max_bytes);
char     *ml_text_one_line      (const char  *text,
                                 gsize        max_bytes);

G_END_DECLS
