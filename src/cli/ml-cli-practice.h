/* ml-cli-practice.h — membrane-calc --practice: problems, a Moodle bank or
 * a worksheet
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The options as given (NULL or FALSE when absent), checked by
 * ml_cli_practice_run(). */
typedef struct
{
  const char *topics;    /* --practice nernst,ghk or all */
  const char *count;     /* --count, 1–500, 10 by default */
  const char *seed;      /* --seed, a whole number ≥ 0, 1 by default */
  gboolean    answers;   /* --answers */
  gboolean    json;      /* --json */
  const char *moodle;    /* --moodle FILE.xml */
  const char *pdf;       /* --pdf FILE.pdf */
} MlCliPractice;

/* Prints the problems to @out (or writes the file asked for): 0, or 2 with
 * @error set (G_OPTION_ERROR_BAD_VALUE, one line naming the option). */
int  ml_cli_practice_run (const MlCliPractice  *practice,
                          GString              *out,
                          GError              **error);

G_END_DECLS
