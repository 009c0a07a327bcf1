/* ml-window-private.h — what ml-window.c and ml-window-files.c share
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ml-window.h"
#include "ml-donnan-window.h"

G_BEGIN_DECLS

struct _MlWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toasts;
  AdwFlap              *flap;
  AdwWindowTitle       *title;
  GtkPaned             *paned;
  GtkWidget            *math_scroller;
  MlControls           *controls;
  MlGauge              *gauge;
  MlMembraneView       *membrane;
  MlMathView           *math;
  MlDonnanWindow       *donnan;      /* the calculator, while open */

  MlSession            *session;     /* the cell, its history and origin */
  char                 *last_error;
  GCancellable         *load_cancellable; /* while a file loads */
  GSettings            *settings;    /* NULL when the schema is not installed */

  gboolean              close_confirmed;
  gboolean              restore_state;
  gboolean              was_fullscreen;
};

/* What to do once unsaved changes are saved or discarded. */
typedef void (*MlWindowContinuation) (MlWindow *self,
                                      gpointer  data);

void     ml_window_confirm_discard    (MlWindow             *self,
                                       MlWindowContinuation  continuation,
                                       gpointer              data,
                                       GDestroyNotify        destroy);
void     ml_window_open_dialog        (MlWindow             *self);
void     ml_window_save_dialog        (MlWindow             *self,
                                       MlWindowContinuation  then,
                                       gpointer              data,
                                       GDestroyNotify        destroy);
void     ml_window_save_current       (MlWindow             *self,
                                       MlWindowContinuation  then,
                                       gpointer              data,
                                       GDestroyNotify        destroy);
void     ml_window_update_title       (MlWindow             *self);
void     ml_window_export_dialog      (MlWindow             *self);

G_END_DECLS
