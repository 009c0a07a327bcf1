/* ml-format.h — numbers, units and ion labels as the app and membrane-calc
 * print them (one style for both)
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

char        *ml_format_significant           (double      value,
                                              int         digits);

/* A count as words a lecture can say: "830", "5.4 million". */
void         ml_format_append_count          (GString    *s,
                                              double      n);

/* A ratio as the small whole numbers of a stoichiometry, "3" and "2" for
 * 1.5, with a denominator up to @max_denominator; returns FALSE and gives
 * the ratio with two decimals over "1" when there is no such pair. */
gboolean     ml_format_ratio                 (double      ratio,
                                              int         max_denominator,
                                              char      **numerator,
                                              char      **denominator);

/* "K⁺", "Ca²⁺", "Cl⁻". */
char        *ml_ion_label                    (const char *name,
                                              int         z);

G_END_DECLS
