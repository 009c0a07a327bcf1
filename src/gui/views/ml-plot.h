/* ml-plot.h — the plots of a cell: V_m against outside K⁺, I–V, V_m against T
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-plot-draw.h"
#include "ml-session.h"

G_BEGIN_DECLS


#define ML_TYPE_PLOT (ml_plot_get_type ())
G_DECLARE_FINAL_TYPE (MlPlot, ml_plot, ML, PLOT, GtkWidget)

GtkWidget   *ml_plot_new            (MlPlotKind   kind);
MlPlotKind   ml_plot_get_kind       (MlPlot      *self);
void         ml_plot_set_kind       (MlPlot      *self,
                                     MlPlotKind   kind);
void         ml_plot_set_session    (MlPlot      *self,
                                     MlSession   *session);
/* V_m against K⁺: whether the curve trades Na⁺ for K⁺ outside. */
void         ml_plot_set_trade_na   (MlPlot      *self,
                                     gboolean     trade);
/* Measured V_m at outside K⁺ values, drawn as open circles on the K⁺ plot. */
void         ml_plot_set_measured   (MlPlot      *self,
                                     const double *k_out,
                                     const double *vm,
                                     guint        n);
/* The I–V cursor, in mV; the arrow keys move it. */
double       ml_plot_get_cursor     (MlPlot      *self);
void         ml_plot_set_cursor     (MlPlot      *self,
                                     double       v_mv);
/* Draws the plot at @width × @height into @cr, as on screen. */
void         ml_plot_draw           (MlPlot      *self,
                                     cairo_t     *cr,
                                     int          width,
                                     int          height);
/* What a sighted user reads from it, in words. */
const char  *ml_plot_get_summary    (MlPlot      *self);

G_END_DECLS
