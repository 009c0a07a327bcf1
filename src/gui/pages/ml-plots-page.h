/* ml-plots-page.h — the plots of the cell, for a lab to be prepared with
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-plot.h"
#include "ml-session.h"

G_BEGIN_DECLS

#define ML_TYPE_PLOTS_PAGE (ml_plots_page_get_type ())
G_DECLARE_FINAL_TYPE (MlPlotsPage, ml_plots_page, ML, PLOTS_PAGE, GtkWidget)

/* The window's page factory (MlWindowPageFactory). */
GtkWidget   *ml_plots_page_new       (MlSession   *session);
MlPlot      *ml_plots_page_get_plot  (MlPlotsPage *self);
/* The K⁺ practical's table (an MlSweepTable). */
GtkWidget   *ml_plots_page_get_table (MlPlotsPage *self);
void         ml_plots_page_show_kind (MlPlotsPage *self,
                                      MlPlotKind   kind);

G_END_DECLS
