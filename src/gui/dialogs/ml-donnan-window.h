/* ml-donnan-window.h — the Donnan equilibrium calculator
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ml-donnan-view.h"
#include "ml-log-control.h"

G_BEGIN_DECLS

#define ML_TYPE_DONNAN_WINDOW (ml_donnan_window_get_type ())
G_DECLARE_FINAL_TYPE (MlDonnanWindow, ml_donnan_window, ML, DONNAN_WINDOW, AdwWindow)

typedef enum
{
  ML_DONNAN_CONTROL_ANION,        /* impermeant anion inside, mM */
  ML_DONNAN_CONTROL_BATH,         /* KCl outside (open bath) or initially outside, mM */
  ML_DONNAN_CONTROL_KCL_IN,       /* KCl initially inside (closed), mM */
  ML_DONNAN_CONTROL_VOLUME_RATIO, /* outside volume / inside volume (closed) */
  ML_DONNAN_N_CONTROLS
} MlDonnanControl;

MlDonnanWindow *ml_donnan_window_new            (GtkWindow       *parent,
                                                 double           temperature_c);
void            ml_donnan_window_set_temperature (MlDonnanWindow *self,
                                                 double           temperature_c);
MlLogControl   *ml_donnan_window_get_control    (MlDonnanWindow *self,
                                                 MlDonnanControl  control);
void            ml_donnan_window_set_closed     (MlDonnanWindow *self,
                                                 gboolean         closed);
void            ml_donnan_window_set_valence    (MlDonnanWindow *self,
                                                 int              z_a);
/* One open-bath case, for a lesson step ("Donnan=120,-1,100"). */
void            ml_donnan_window_set_case       (MlDonnanWindow *self,
                                                 double           anion_mm,
                                                 int              valence,
                                                 double           bath_kcl_mm);
/* Adds or removes the CSS class "presentation": larger text. */
void            ml_donnan_window_set_presentation (MlDonnanWindow *self,
                                                 gboolean         on);
/* The picture of the two compartments, for tests. */
MlDonnanView   *ml_donnan_window_get_view       (MlDonnanWindow *self);
/* The results as text, one line each, for tests and the clipboard. */
char           *ml_donnan_window_get_text       (MlDonnanWindow *self);

G_END_DECLS
