/* ml-view-session.c — how a view follows a session
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every view, page and the controls pane take a "session" property and
 * subscribe themselves to its "solved" signal, so the window only places
 * them and never pushes numbers into them.  This is the one piece of that
 * they all share.
 */
#define G_LOG_DOMAIN "ml-view"

#include "config.h"

#include "ml-view-session.h"

/**
 * ml_view_follow_session:
 * @view: the view (a GObject)
 * @slot: where @view keeps its session
 * @session: (nullable): the new session
 * @solved_cb: called as `solved_cb (view, session)` after each solution
 *
 * Leaves the old session and follows @session; the handler goes with the
 * view (g_signal_connect_object).  The caller then shows the current
 * solution and notifies its property.
 *
 * Returns: %TRUE when the session changed
 */
gboolean
ml_view_follow_session (gpointer     view,
                        MlSession  **slot,
                        MlSession   *session,
                        GCallback    solved_cb)
{
  g_return_val_if_fail (G_IS_OBJECT (view), FALSE);
  g_return_val_if_fail (session == NULL || ML_IS_SESSION (session), FALSE);

  if (*slot == session)
    return FALSE;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, view);
  g_set_object (slot, session);
  if (session != NULL)
    g_signal_connect_object (session, "solved", solved_cb, view, G_CONNECT_SWAPPED);
  return TRUE;
}
