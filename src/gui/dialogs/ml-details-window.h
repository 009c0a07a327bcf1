/* ml-details-window.h — the scenario's name, description and source
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ml-session.h"

G_BEGIN_DECLS

#define ML_TYPE_DETAILS_WINDOW (ml_details_window_get_type ())
G_DECLARE_FINAL_TYPE (MlDetailsWindow, ml_details_window, ML, DETAILS_WINDOW, AdwWindow)

/* Edits @session's cell: each field is one undoable change when it is
 * left or Enter is pressed; an empty name is refused in place. */
GtkWidget   *ml_details_window_new        (GtkWindow       *parent,
                                           MlSession       *session);
/* For tests: types into a field (0 name, 1 description, 2 source) and
 * commits it, as a user would; FALSE when refused. */
gboolean     ml_details_window_enter      (MlDetailsWindow *self,
                                           guint            field,
                                           const char      *text);

G_END_DECLS
