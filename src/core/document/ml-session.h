/* ml-session.h — one open cell: the document behind a window
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ml-cell.h"
#include "ml-history.h"
#include "ml-solution.h"

G_BEGIN_DECLS

#define ML_TYPE_SESSION (ml_session_get_type ())
G_DECLARE_FINAL_TYPE (MlSession, ml_session, ML, SESSION, GObject)

MlSession        *ml_session_new               (void);

MlCell           *ml_session_get_cell          (MlSession            *self);
MlCell           *ml_session_get_reference     (MlSession            *self);
MlHistory        *ml_session_get_history       (MlSession            *self);
const MlSolution *ml_session_get_solution      (MlSession            *self);
GFile            *ml_session_get_file          (MlSession            *self);
const char       *ml_session_get_preset_id     (MlSession            *self);
gboolean          ml_session_get_modified      (MlSession            *self);
const char       *ml_session_get_title         (MlSession            *self);
gboolean          ml_session_get_busy          (MlSession            *self);

gboolean          ml_session_load_preset       (MlSession            *self,
                                                const char           *id,
                                                GError              **error);
gboolean          ml_session_load_file         (MlSession            *self,
                                                GFile                *file,
                                                GError              **error);
void              ml_session_load_file_async   (MlSession            *self,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean          ml_session_load_file_finish  (MlSession            *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean          ml_session_save_file         (MlSession            *self,
                                                GFile                *file,
                                                GError              **error);
void              ml_session_save_file_async   (MlSession            *self,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean          ml_session_save_file_finish  (MlSession            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void              ml_session_undo              (MlSession            *self);
void              ml_session_redo              (MlSession            *self);
void              ml_session_reset             (MlSession            *self);
/* The cell as it is now is the start: nothing to undo (at start-up). */
void              ml_session_forget_history    (MlSession            *self);

G_END_DECLS
