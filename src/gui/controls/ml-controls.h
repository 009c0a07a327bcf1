/* ml-controls.h — the controls pane: every input of the cell
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-cell.h"
#include "ml-log-control.h"
#include "ml-mechanism-row.h"
#include "ml-session.h"

G_BEGIN_DECLS

#define ML_TYPE_CONTROLS (ml_controls_get_type ())
G_DECLARE_FINAL_TYPE (MlControls, ml_controls, ML, CONTROLS, GtkWidget)

typedef enum
{
  ML_CONTROL_TEMPERATURE,
  ML_CONTROL_PUMP_RATIO,
  ML_CONTROL_PUMP_CURRENT,
  ML_CONTROL_PUMP_MAX_CURRENT,
  ML_CONTROL_PUMP_Q10,
  ML_CONTROL_RADIUS,
  ML_CONTROL_CAPACITANCE,
  ML_N_CONTROLS
} MlControlId;

GtkWidget    *ml_controls_new                (void);
/* The cell the controls edit, and the cell their reset buttons return to. */
void          ml_controls_set_cell           (MlControls  *self,
                                              MlCell      *cell,
                                              MlCell      *reference);
void          ml_controls_set_session        (MlControls  *self,
                                              MlSession   *session);
MlLogControl *ml_controls_get_control        (MlControls  *self,
                                              MlControlId  id);
/* The concentration or permeability control of the ion named @name. */
MlLogControl *ml_controls_get_ion_control    (MlControls  *self,
                                              const char  *name,
                                              MlIonField   field);
GtkSwitch    *ml_controls_get_ion_switch     (MlControls  *self,
                                              const char  *name);
GtkSwitch    *ml_controls_get_pump_switch    (MlControls  *self);
/* The button that chooses the pump model @mode (kinetic, ratio or current). */
GtkToggleButton *ml_controls_get_pump_mode_button (MlControls *self,
                                                   MlPumpMode  mode);
/* The row of the cell's mechanism @index, in the cell's order; NULL past
 * the last. */
MlMechanismRow *ml_controls_get_mechanism_row  (MlControls  *self,
                                                guint        index);
/* The control of a mechanism's parameter by its id ("kcc2.imax"). */
MlLogControl *ml_controls_get_mechanism_control (MlControls *self,
                                                 const char *id);
GtkMenuButton *ml_controls_get_add_mechanism_button (MlControls *self);

G_END_DECLS
