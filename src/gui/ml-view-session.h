/* ml-view-session.h — how a view follows a session
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-session.h"

G_BEGIN_DECLS

gboolean ml_view_follow_session (gpointer     view,
                                 MlSession  **slot,
                                 MlSession   *session,
                                 GCallback    solved_cb);

G_END_DECLS
