/* ml-history.h — undo and redo of the edits of one cell
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ml-cell.h"

G_BEGIN_DECLS

#define ML_TYPE_HISTORY (ml_history_get_type ())
G_DECLARE_FINAL_TYPE (MlHistory, ml_history, ML, HISTORY, GObject)

/* Edits of the same single value that follow each other within this many
 * milliseconds are one step: one slider drag is one undo. */
#define ML_HISTORY_MERGE_MS 1500

MlHistory *ml_history_new        (MlCell    *cell);
gboolean   ml_history_can_undo   (MlHistory *self);
gboolean   ml_history_can_redo   (MlHistory *self);
void       ml_history_undo       (MlHistory *self);
void       ml_history_redo       (MlHistory *self);
/* Forget everything (a file was opened); the current cell is the start. */
void       ml_history_clear      (MlHistory *self);
/* Ends the current step: the next edit starts a new one even if it touches
 * the same value (e.g. at the end of a drag). */
void       ml_history_seal       (MlHistory *self);

G_END_DECLS
