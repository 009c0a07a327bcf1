/* ml-cli.h — membrane-calc as a function
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int ml_cli_run (int       argc,
                char    **argv,
                GString  *out,
                GString  *err);

G_END_DECLS
