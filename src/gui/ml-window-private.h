/* ml-window-private.h — what the window's files share
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

  /* From the template. */
  AdwToastOverlay      *toasts;
  AdwFlap              *flap;
  AdwHeaderBar         *header;
  AdwWindowTitle       *title;
  AdwViewSwitcherTitle *switcher_title; /* instead of title, with two pages */
  AdwViewSwitcherBar   *switcher_bar;   /* at the bottom, when the title has no room */
  AdwViewStack         *stack;
  GtkPaned             *paned;
  GtkWidget            *math_scroller;
  MlControls           *controls;
  MlGauge              *gauge;
  MlMembraneView       *membrane;
  MlMathView           *math;
  GtkMenuButton        *presets_button;
  GtkMenuButton        *main_menu_button;
  GtkWidget            *content_box;
  GtkWidget            *page_overlay;
  GtkWidget            *math_box;
  GtkWidget            *bottom_box;

  GtkWidget            *lesson_pane;      /* MlLessonPane, hidden without a lesson */
  GtkWidget            *lesson_separator;
  GtkWidget            *math_concealed;   /* stands for the math while a step waits */

  MlDonnanWindow       *donnan;      /* the calculator, while open */
  MlSession            *session;     /* the cell, its history and origin */
  char                 *last_error;
  GCancellable         *load_cancellable; /* while a file loads */
  GSettings            *settings;    /* NULL when the schema is not installed */
  GFile                *disk_file;   /* the file as last read or written … */
  char                 *disk_etag;   /* … and its etag then; NULL if unknown */

  gboolean              close_confirmed;
  gboolean              close_when_idle; /* close once the save ends */
  guint64               n_solved;        /* solutions shown so far */
  gboolean              restore_state;
  gboolean              fullscreen;
  gboolean              presentation;
  gboolean              was_fullscreen;
  gboolean              controls_before_presentation;
  MlPumpMode            pump_mode_before_block; /* what "restore" brings back */
};

/* What to do once unsaved changes are saved or discarded. */
typedef void (*MlWindowContinuation) (MlWindow *self,
                                      gpointer  data);

/* ml-window-actions.c: the handout (the instructor's copy @with_measured);
 * FALSE when it could not be written, and the window says why. */
gboolean _ml_window_write_handout     (MlWindow             *self,
                                       const char           *path,
                                       gboolean              with_measured);

/* ml-window-files.c */
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
void     ml_window_export_dialog      (MlWindow             *self);
/* Follows the session's file, so a save sees what another program did. */
void     _ml_window_setup_files       (MlWindow             *self);

/* ml-window.c */
void     ml_window_update_title       (MlWindow             *self);

/* ml-window-actions.c */
void     _ml_window_class_install_actions (GtkWidgetClass   *widget_class);
/* ml-window-lessons.c */
void        _ml_window_setup_lessons              (MlWindow       *self);
void        _ml_window_class_install_lesson_actions (GtkWidgetClass *widget_class);
GMenuModel *_ml_window_lessons_menu_new           (void);
/* Beside the pages; in presentation mode on the membrane page, beside the
 * math, so the views keep the window's width for the back row's sizes. */
void        _ml_window_place_lesson_pane          (MlWindow       *self);
/* ml-window-find.c: Ctrl+F, go to a parameter by its name. */
void        _ml_window_find_parameter             (MlWindow       *self);
GStrv       _ml_window_find_matches               (MlWindow       *self,
                                                   const char     *text);
void     _ml_window_update_actions        (MlWindow         *self);

G_END_DECLS
