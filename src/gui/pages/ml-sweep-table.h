/* ml-sweep-table.h — the K⁺ practical's table: predicted beside measured
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-plot.h"
#include "ml-session.h"

G_BEGIN_DECLS

#define ML_TYPE_SWEEP_TABLE (ml_sweep_table_get_type ())
G_DECLARE_FINAL_TYPE (MlSweepTable, ml_sweep_table, ML, SWEEP_TABLE, GtkWidget)

/* The rows are the salines of a resting-potential practical (outside K⁺
 * 2.5, 5, 10, 20, 40, 80 mM); measured values typed in appear on @plot. */
GtkWidget   *ml_sweep_table_new          (MlSession    *session,
                                          MlPlot       *plot);
void         ml_sweep_table_set_trade_na (MlSweepTable *self,
                                          gboolean      trade);
guint        ml_sweep_table_get_n_rows   (MlSweepTable *self);
/* Types @text as the measured V_m of row @row, as a user would; returns
 * whether it was taken (an empty text clears it). */
gboolean     ml_sweep_table_set_measured (MlSweepTable *self,
                                          guint         row,
                                          const char   *text);
/* The table as tab-separated text (what Copy puts on the clipboard). */
char        *ml_sweep_table_to_tsv       (MlSweepTable *self);
/* The same with commas, what Save CSV writes. */
char        *ml_sweep_table_to_csv       (MlSweepTable *self);
const char  *ml_sweep_table_get_message  (MlSweepTable *self);

G_END_DECLS
