/* ml-cli.h — membrane-calc as a function
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* The one error of bad input on the command line: a message for stderr,
 * one line, and exit status 2 (ml_cli_run). */
#define ml_cli_set_bad_value(error, ...) \
  g_set_error ((error), G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, __VA_ARGS__)

G_BEGIN_DECLS

int ml_cli_run (int       argc,
                char    **argv,
                GString  *out,
                GString  *err);

G_END_DECLS
