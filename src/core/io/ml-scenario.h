/* ml-scenario.h — .membrane scenario files: load and save an MlCell
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is a GKeyFile documented in data/presets/FORMAT.md.  Loading
 * validates everything first and touches the cell only when the whole file is
 * good, in one change; it reads only a regular file of bounded size.  Saving
 * is atomic: a failed save leaves the old file as it was (ml-file-io.h).
 */
#pragma once

#include <gio/gio.h>

#include "ml-cell.h"

G_BEGIN_DECLS

#define ML_SCENARIO_ERROR (ml_scenario_error_quark ())

typedef enum
{
  ML_SCENARIO_ERROR_PARSE,      /* not a key file */
  ML_SCENARIO_ERROR_MISSING,    /* a required key or group is absent */
  ML_SCENARIO_ERROR_INVALID,    /* a value of the wrong type, NaN, negative, out of range */
  ML_SCENARIO_ERROR_TOO_LARGE,  /* more than ML_SCENARIO_MAX_BYTES */
  ML_SCENARIO_ERROR_TOO_MANY,   /* more ions than ML_MAX_IONS */
} MlScenarioError;

#define ML_SCENARIO_MAX_BYTES (256 * 1024)
#define ML_SCENARIO_FORMAT_VERSION 1

GQuark    ml_scenario_error_quark (void);

gboolean  ml_scenario_load_data   (MlCell        *cell,
                                   const char    *data,
                                   gsize          length,
                                   GError       **error);
gboolean  ml_scenario_load_file   (MlCell        *cell,
                                   GFile         *file,
                                   GCancellable  *cancellable,
                                   GError       **error);
void      ml_scenario_load_file_async  (GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
MlCell   *ml_scenario_load_file_finish (GFile               *file,
                                        GAsyncResult        *result,
                                        GError             **error);
char     *ml_scenario_to_data     (MlCell        *cell,
                                   gsize         *length);
gboolean  ml_scenario_save_file   (MlCell        *cell,
                                   GFile         *file,
                                   GCancellable  *cancellable,
                                   GError       **error);
void      ml_scenario_save_file_async  (MlCell              *cell,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  ml_scenario_save_file_finish (GFile               *file,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
