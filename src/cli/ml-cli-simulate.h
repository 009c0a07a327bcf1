/* ml-cli-simulate.h — membrane-calc --simulate: a time course as a table
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ml-cell.h"

G_BEGIN_DECLS

typedef struct _MlCliSimulate MlCliSimulate;

/* Reads --simulate DURATION, --every DURATION (NULL: chosen from the
 * duration) and the --event T:WHAT options against @cell, whose ions the
 * parameter ids must name.  WHAT is pump-off, pump-on or ID=VALUE with an
 * id of the parameter table.  NULL with a one-line error naming the bad
 * option. */
MlCliSimulate *ml_cli_simulate_parse (const char    *duration,
                                      const char    *every,
                                      char         **events,
                                      MlCell        *cell,
                                      GError       **error);
void           ml_cli_simulate_free  (MlCliSimulate *self);

/* Runs it from @cell and appends the table or CSV to @out. */
void           ml_cli_simulate_run   (MlCliSimulate *self,
                                      MlCell        *cell,
                                      gboolean       csv,
                                      GString       *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlCliSimulate, ml_cli_simulate_free)

G_END_DECLS
