/* ml-gauge.h — the live voltage gauge
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-session.h"
#include "ml-solution.h"

G_BEGIN_DECLS

#define ML_TYPE_GAUGE (ml_gauge_get_type ())
G_DECLARE_FINAL_TYPE (MlGauge, ml_gauge, ML, GAUGE, GtkWidget)

GtkWidget   *ml_gauge_new                 (void);
/* Copies what it needs from @solution; the needle eases to the new V_m. */
void         ml_gauge_set_solution        (MlGauge          *self,
                                           const MlSolution *solution);
/* The V_m the gauge stands for (the target, not the animated needle). */
double       ml_gauge_get_value           (MlGauge          *self);
/* Where the needle is drawn now, during the animation. */
double       ml_gauge_get_needle_value    (MlGauge          *self);
/* The dial's range in mV, -120..+80 unless V_m or an E lies outside. */
void         ml_gauge_get_range           (MlGauge          *self,
                                           double           *min_mv,
                                           double           *max_mv);
/* The text read to a screen reader, e.g. "−65.2 mV" or the condition. */
const char  *ml_gauge_get_value_text      (MlGauge          *self);
/* Where V_m was before the last change, while the gauge shows it. */
void         ml_gauge_forget_ghost        (MlGauge          *self);
gboolean     ml_gauge_get_ghost           (MlGauge          *self,
                                           double           *ghost_mv);

/* Hides the needle and the number (a lesson waits for a prediction). */
void         ml_gauge_set_concealed       (MlGauge          *self,
                                           gboolean          concealed);
gboolean     ml_gauge_get_concealed       (MlGauge          *self);

/* Presentation mode: the number's digits at least @number_px tall (their
 * ink) and every text at least @text_px; 0 and 0 for none. */
void         ml_gauge_set_floors          (MlGauge          *self,
                                           double            number_px,
                                           double            text_px);
/* What the last drawing did: the digits' ink height and the smallest text
 * size, px (for tests of the presentation's sizes). */
double       ml_gauge_get_drawn_digit_height (MlGauge       *self);
double       ml_gauge_get_smallest_text   (MlGauge          *self);

void         ml_gauge_set_session (MlGauge   *self,
                                   MlSession *session);
MlSession   *ml_gauge_get_session (MlGauge   *self);

G_END_DECLS
