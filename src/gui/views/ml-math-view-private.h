/* ml-math-view-private.h — what the math view's two files share
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-math-view.c builds the labels and the table and holds the public API;
 * ml-math-view-lines.c writes the markup into them.
 */
#pragma once

#include "ml-math-view.h"

G_BEGIN_DECLS

enum
{
  COL_ION,
  COL_DRIVING,
  COL_CURRENT,
  COL_DG_CHEMICAL,
  COL_DG_ELECTRICAL,
  COL_DG_TOTAL,
  COL_VERDICT,
  N_COLS
};

struct _MlMathView
{
  GtkWidget   parent_instance;

  MlSession  *session;      /* followed through "solved" */

  GtkWidget  *box;
  GtkLabel   *constants_label;
  GtkWidget  *nernst_box;
  GPtrArray  *nernst_labels;        /* GtkLabel *, one per ion */
  GtkLabel   *formula_intro_label;
  GtkLabel   *formula_label;
  GtkLabel   *substituted_label;
  GtkLabel   *rest_label;
  GtkLabel   *ghk_label;
  GtkLabel   *pump_label;
  GtkLabel   *q10_label;            /* why Q10 leaves a steady-state V_rest alone */
  GtkLabel   *clamp_label;
  GtkLabel   *mechanisms_heading;
  GtkLabel   *mechanisms_label;     /* the other mechanisms and each ion's balance */
  GtkLabel   *table_heading;
  GtkGrid    *table;
  GtkWidget  *table_scroller;       /* the table alone scrolls sideways */
  GtkLabel   *headers[N_COLS];
  GPtrArray  *cells;                /* GtkLabel *, N_COLS per ion row */
  GtkLabel   *charge_label;

  MlSolution  solution;
  gboolean    has_solution;
  guint       quiet_timeout;        /* while a slider moves */
  gint64      last_solved;
  gboolean    dark;
  gboolean    high_contrast;
  gboolean    formulas_wrap;
};

/* ml-math-view-lines.c */
void         ml_math_view_write_lines     (MlMathView       *self);

G_END_DECLS
