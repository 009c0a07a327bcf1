/* ml-window.h — the main window
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ml-cell.h"
#include "ml-controls.h"
#include "ml-gauge.h"
#include "ml-history.h"
#include "ml-lesson-pane.h"
#include "ml-math-view.h"
#include "ml-membrane-view.h"
#include "ml-session.h"
#include "ml-solution.h"

G_BEGIN_DECLS

#define ML_TYPE_WINDOW (ml_window_get_type ())
G_DECLARE_FINAL_TYPE (MlWindow, ml_window, ML, WINDOW, AdwApplicationWindow)

MlWindow         *ml_window_new                (GtkApplication *application);
/* @restore_state: take size, panes and style from GSettings (not for screenshots). */
MlWindow         *ml_window_new_full           (GtkApplication *application,
                                                gboolean        restore_state);
/* Builds a page for @session; see ml_window_add_page(). */
typedef GtkWidget *(*MlWindowPageFactory) (MlSession *session);

void              ml_window_add_page           (MlWindow            *self,
                                                const char          *name,
                                                const char          *title,
                                                const char          *icon_name,
                                                MlWindowPageFactory  factory);
void              ml_window_show_page          (MlWindow            *self,
                                                const char          *name);
GtkWidget        *ml_window_get_page           (MlWindow            *self,
                                                const char          *name);
/* Opens @file, asking first about unsaved edits; errors become a toast. */
void              ml_window_open_file          (MlWindow       *self,
                                                GFile          *file);
MlSession        *ml_window_get_session        (MlWindow       *self);
MlCell           *ml_window_get_cell           (MlWindow       *self);
const MlSolution *ml_window_get_solution       (MlWindow       *self);
MlHistory        *ml_window_get_history        (MlWindow       *self);
MlControls       *ml_window_get_controls       (MlWindow       *self);
MlGauge          *ml_window_get_gauge          (MlWindow       *self);
MlMembraneView   *ml_window_get_membrane_view  (MlWindow       *self);
MlMathView       *ml_window_get_math_view      (MlWindow       *self);

/* Replace the cell without asking; returns FALSE (cell untouched) on error. */
gboolean          ml_window_load_preset        (MlWindow       *self,
                                                const char     *id,
                                                GError        **error);
gboolean          ml_window_load_file          (MlWindow       *self,
                                                GFile          *file,
                                                GError        **error);
/* Loads in the background; errors become a toast (see ml-window.c). */
void              ml_window_start_loading      (MlWindow       *self,
                                                GFile          *file,
                                                gboolean        undoable);
gboolean          ml_window_is_loading         (MlWindow       *self);
gboolean          ml_window_save_file          (MlWindow       *self,
                                                GFile          *file,
                                                GError        **error);
/* The file the scenario came from or was saved to; NULL for a preset. */
GFile            *ml_window_get_file           (MlWindow       *self);
gboolean          ml_window_get_modified       (MlWindow       *self);
/* Shows an error to the user (a toast). */
void              ml_window_show_error         (MlWindow       *self,
                                                const char     *message);
/* The last message shown with ml_window_show_error, for tests. */
const char       *ml_window_get_last_error     (MlWindow       *self);

/* Starts a shipped lesson (by its id) or a lesson file in the pane beside
 * the pages; FALSE with @error for a lesson that does not load. */
gboolean          ml_window_start_lesson       (MlWindow       *self,
                                                const char     *id_or_path,
                                                GError        **error);
MlLessonPane     *ml_window_get_lesson_pane    (MlWindow       *self);
/* Opens the controls and gives the focus to the control of parameter @id
 * ("K.out", "temperature"); FALSE when it is not shown for this cell. */
gboolean          ml_window_go_to_parameter    (MlWindow       *self,
                                                const char     *id);

G_END_DECLS
