/* ml-membrane-view.h — the membrane, its channels, pump, charges and arrows
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-session.h"
#include "ml-solution.h"

G_BEGIN_DECLS

#define ML_TYPE_MEMBRANE_VIEW (ml_membrane_view_get_type ())
G_DECLARE_FINAL_TYPE (MlMembraneView, ml_membrane_view, ML, MEMBRANE_VIEW, GtkWidget)

GtkWidget   *ml_membrane_view_new                  (void);
void         ml_membrane_view_set_solution         (MlMembraneView   *self,
                                                    const MlSolution *solution);

/* The arrow model, for tests: one arrow per ion of the solution, in order.
 * direction: +1 outward, −1 inward, 0 at equilibrium / undefined. */
guint        ml_membrane_view_get_n_arrows         (MlMembraneView   *self);
int          ml_membrane_view_get_arrow_direction  (MlMembraneView   *self,
                                                    guint             index);
/* A pump that is off was never in the cell (not blocked). */
void         ml_membrane_view_set_pump_absent       (MlMembraneView   *self,
                                                     gboolean          absent);
/* The accessible description: what the picture shows, in words. */
const char  *ml_membrane_view_get_description      (MlMembraneView   *self);

void         ml_membrane_view_set_session (MlMembraneView *self,
                                           MlSession      *session);
MlSession   *ml_membrane_view_get_session (MlMembraneView *self);

/* Two thin arrows beside each ion's arrow: the chemical and the electrical
 * part of its driving force (MlIonResult.chemical_push_mv and
 * electrical_push_mv), each labelled in words and mV. */
void         ml_membrane_view_set_show_forces (MlMembraneView *self,
                                               gboolean        show_forces);
gboolean     ml_membrane_view_get_show_forces (MlMembraneView *self);
/* A legend beside or under the picture: what length, thickness, dots and
 * charges mean. */
void         ml_membrane_view_set_show_legend (MlMembraneView *self,
                                               gboolean        show_legend);
gboolean     ml_membrane_view_get_show_legend (MlMembraneView *self);

G_END_DECLS
