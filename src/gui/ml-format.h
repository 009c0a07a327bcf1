/* ml-format.h — numbers as the widgets print them
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @decimals after the point, a U+2212 minus, a "+" when @plus is set, and no
 * sign on a number that rounds to zero; "undefined" when not finite. */
void         ml_format_append_fixed          (GString    *s,
                                              double      value,
                                              int         decimals,
                                              gboolean    plus);
char        *ml_format_fixed                 (double      value,
                                              int         decimals,
                                              gboolean    plus);

/* The same followed by " mV"; the unit is a symbol here, as in an equation,
 * and not translated. */
void         ml_format_append_millivolts     (GString    *s,
                                              double      mv,
                                              int         decimals,
                                              gboolean    plus);
/* A translatable "%s mV" around ml_format_fixed (): "−64.9 mV". */
char        *ml_format_millivolts            (double      mv,
                                              int         decimals,
                                              gboolean    plus);

/* About @digits significant digits, no trailing zeros, never an exponent:
 * concentrations, relative permeabilities, percentages. */
void         ml_format_append_significant    (GString    *s,
                                              double      value,
                                              int         digits);

/* A count as words a lecture can say: "830", "5.4 million". */
void         ml_format_append_count          (GString    *s,
                                              double      n);

G_END_DECLS
