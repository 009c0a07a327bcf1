/* ml-time-course-page.h — the cell over time, on a chart recorder
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-chart-recorder.h"
#include "ml-session.h"
#include "ml-simulation.h"

G_BEGIN_DECLS

#define ML_TYPE_TIME_COURSE_PAGE (ml_time_course_page_get_type ())
G_DECLARE_FINAL_TYPE (MlTimeCoursePage, ml_time_course_page, ML, TIME_COURSE_PAGE, GtkWidget)

/* The window's page factory (MlWindowPageFactory). */
GtkWidget        *ml_time_course_page_new            (MlSession        *session);

MlSimulation     *ml_time_course_page_get_simulation (MlTimeCoursePage *self);
MlChartRecorder  *ml_time_course_page_get_chart      (MlTimeCoursePage *self);
/* Simulated seconds per second: 1, 10 … 100000. */
double            ml_time_course_page_get_speed      (MlTimeCoursePage *self);
void              ml_time_course_page_set_speed      (MlTimeCoursePage *self,
                                                      double            speed);
gboolean          ml_time_course_page_get_playing    (MlTimeCoursePage *self);
void              ml_time_course_page_set_playing    (MlTimeCoursePage *self,
                                                      gboolean          playing);
/* Runs the clock on by @seconds of simulated time, as frames would. */
void              ml_time_course_page_advance        (MlTimeCoursePage *self,
                                                      double            seconds);
/* The words under the chart (a pause, a temperature change split). */
const char       *ml_time_course_page_get_status     (MlTimeCoursePage *self);

G_END_DECLS
