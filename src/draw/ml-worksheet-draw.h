/* ml-worksheet-draw.h — practice problems as a printable PDF worksheet
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ml-practice.h"

G_BEGIN_DECLS

/* Writes @title and the @n problems, numbered, each with room to work and a
 * line for the answer, then the answer key from a new page: each answer
 * and its worked solution.  @path is replaced only when the whole PDF is
 * written. */
gboolean  ml_worksheet_render (const char  *path,
                               MlProblem  **problems,
                               guint        n,
                               const char  *title,
                               double       paper_w_pt,
                               double       paper_h_pt,
                               GError     **error);

G_END_DECLS
