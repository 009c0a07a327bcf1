/* ml-log-control.h — a slider with a spin button for exact entry and a reset
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ML_TYPE_LOG_CONTROL (ml_log_control_get_type ())
G_DECLARE_FINAL_TYPE (MlLogControl, ml_log_control, ML, LOG_CONTROL, GtkWidget)

/* @logarithmic: the slider moves in log10 of the value; @allow_zero: the
 * slider's leftmost notch (and an entry of 0) means exactly 0 ("closed"). */
GtkWidget   *ml_log_control_new            (double        lower,
                                            double        upper,
                                            gboolean      logarithmic,
                                            gboolean      allow_zero);
double       ml_log_control_get_value      (MlLogControl *self);
/* Sets the shown value without emitting "value-changed". */
void         ml_log_control_set_value      (MlLogControl *self,
                                            double        value);
/* The value the reset button returns to. */
void         ml_log_control_set_default    (MlLogControl *self,
                                            double        value);
void         ml_log_control_set_range      (MlLogControl *self,
                                            double        lower,
                                            double        upper);
/* Accessible name of the slider, the spin button and the reset button. */
void         ml_log_control_set_label      (MlLogControl *self,
                                            const char   *label);
void         ml_log_control_set_unit       (MlLogControl *self,
                                            const char   *unit);
/* Significant digits shown in the spin button (default 4). */
void         ml_log_control_set_digits     (MlLogControl *self,
                                            guint         digits);
/* The slider's tooltip, instead of its value (e.g. the absolute P in cm/s). */
void         ml_log_control_set_note       (MlLogControl *self,
                                            const char   *note);
/* Ends the accessible description with the result of the last change. */
void         ml_log_control_set_result     (MlLogControl *self,
                                            const char   *result);
GtkRange    *ml_log_control_get_scale      (MlLogControl *self);
GtkSpinButton *ml_log_control_get_spin     (MlLogControl *self);

G_END_DECLS
