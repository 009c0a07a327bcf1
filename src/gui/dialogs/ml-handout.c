/* ml-handout.c — the window's Lab Handout, as PDF
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The handout is drawn by the drawing library (ml_handout_render()), the
 * same function membrane-calc --handout calls, from the scenario's cell,
 * its title and the cell it started from: the two write the same pages.
 * The student's copy leaves the measured V_m out; the instructor's shows
 * the ones the scenario keeps.
 */
#define G_LOG_DOMAIN "ml-handout"

#include "config.h"

#include "ml-handout.h"

#include "ml-handout-draw.h"

gboolean
ml_handout_write (MlWindow    *window,
                  const char  *path,
                  gboolean     with_measured,
                  GError     **error)
{
  MlSession *session = ml_window_get_session (window);
  double width, height;

  g_debug ("handout to %s%s", path, with_measured ? ", with the measured points" : "");
  ml_handout_paper (&width, &height);
  return ml_handout_render (path, ml_session_get_cell (session), ml_session_get_reference (session),
                            ml_session_get_title (session), with_measured, width, height, error);
}
