/* ml-ion-row.h — one ion's controls
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-cell.h"
#include "ml-log-control.h"

G_BEGIN_DECLS

#define ML_TYPE_ION_ROW (ml_ion_row_get_type ())
G_DECLARE_FINAL_TYPE (MlIonRow, ml_ion_row, ML, ION_ROW, GtkBox)

GtkWidget    *ml_ion_row_new          (MlCell      *cell,
                                       MlCell      *reference,
                                       const MlIon *ion);
const char   *ml_ion_row_get_name     (MlIonRow    *self);
MlLogControl *ml_ion_row_get_control  (MlIonRow    *self,
                                       MlIonField   field);
GtkSwitch    *ml_ion_row_get_switch   (MlIonRow    *self);
void          ml_ion_row_set_style    (MlIonRow    *self,
                                       gboolean     dark,
                                       gboolean     high_contrast);

G_END_DECLS
