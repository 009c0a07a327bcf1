/* ml-chart-recorder.h — the time course of a simulation, drawn
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-simulation.h"

G_BEGIN_DECLS

#define ML_TYPE_CHART_RECORDER (ml_chart_recorder_get_type ())
G_DECLARE_FINAL_TYPE (MlChartRecorder, ml_chart_recorder, ML, CHART_RECORDER, GtkWidget)

GtkWidget   *ml_chart_recorder_new            (void);
/* The run to draw, not owned: the caller keeps it alive while it is set,
 * and calls ml_chart_recorder_update () when it has new samples.
 * @shadow (nullable) is drawn as a dashed V_m trace labelled @shadow_label:
 * the same run with one assumption changed. */
void         ml_chart_recorder_set_simulation (MlChartRecorder *self,
                                               MlSimulation    *simulation,
                                               MlSimulation    *shadow,
                                               const char      *shadow_label);
void         ml_chart_recorder_update         (MlChartRecorder *self);
/* The same on a frame of a running clock: the spoken summary follows at
 * most once a second, or at once after an event or a pause. */
void         ml_chart_recorder_tick           (MlChartRecorder *self);
/* Draws the chart into @cr at @width × @height, as on screen (also for
 * exports and benchmarks). */
void         ml_chart_recorder_draw           (MlChartRecorder *self,
                                               cairo_t         *cr,
                                               int              width,
                                               int              height);
/* For tests: where the voltage panel's label starting with @text ("E Cl")
 * was drawn last, its middle's y in px. */
gboolean     ml_chart_recorder_get_label_y    (MlChartRecorder *self,
                                               const char      *text,
                                               double          *y);
/* What a sighted user reads from it: V_m, the time, the last event. */
const char  *ml_chart_recorder_get_summary    (MlChartRecorder *self);

G_END_DECLS
