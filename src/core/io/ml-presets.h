/* ml-presets.h — the shipped cell presets, read from the core's GResource
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presets are ordinary .membrane files (data/presets) compiled into a
 * GResource, loaded with the same loader as a user's files.
 */
#pragma once

#include "ml-cell.h"

G_BEGIN_DECLS

#define ML_PRESET_DEFAULT "mammalian-neuron"

/* The preset ids in display order, the default first; NULL-terminated,
 * owned by the core. */
const char * const *ml_presets_list           (void);
gboolean            ml_presets_exists         (const char  *id);
/* The preset's Name, translated where the file carries a translation. */
char               *ml_presets_get_name       (const char  *id);
/* "Name", "Description", "Source" of its [Membrane] group, localized;
 * NULL when it has none. */
char               *ml_presets_get_string     (const char  *id,
                                               const char  *key);
gboolean            ml_presets_load           (MlCell      *cell,
                                               const char  *id,
                                               GError     **error);
/* A new cell holding the default preset. */
MlCell             *ml_cell_new_default       (void);

G_END_DECLS
