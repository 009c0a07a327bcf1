/* ml-lesson-private.h — what the lesson reader and its numbers share
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether {name} names a quantity ("vm", "before.e.K", "change.df.Na"). */
gboolean _ml_lesson_quantity_name_is_valid (const char *name);

G_END_DECLS
