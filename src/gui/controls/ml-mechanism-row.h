/* ml-mechanism-row.h — one transporter's controls
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-cell.h"
#include "ml-log-control.h"
#include "ml-mechanism.h"

G_BEGIN_DECLS

#define ML_TYPE_MECHANISM_ROW (ml_mechanism_row_get_type ())
G_DECLARE_FINAL_TYPE (MlMechanismRow, ml_mechanism_row, ML, MECHANISM_ROW, GtkBox)

GtkWidget              *ml_mechanism_row_new                (MlCell                 *cell,
                                                             MlCell                 *reference,
                                                             const MlMechanismClass *klass);
const MlMechanismClass *ml_mechanism_row_get_class          (MlMechanismRow         *self);
/* The control of the class's parameter in @slot, or NULL. */
MlLogControl           *ml_mechanism_row_get_control        (MlMechanismRow         *self,
                                                             guint                   slot);
GtkButton              *ml_mechanism_row_get_remove_button  (MlMechanismRow         *self);
/* The solution's words for why it does not run as it should, or NULL. */
void                    ml_mechanism_row_set_state          (MlMechanismRow         *self,
                                                             const char             *state);
const char             *ml_mechanism_row_get_state          (MlMechanismRow         *self);

G_END_DECLS
