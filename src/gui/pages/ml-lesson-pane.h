/* ml-lesson-pane.h — a guided lesson beside the views
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-lesson.h"
#include "ml-session.h"

G_BEGIN_DECLS

#define ML_TYPE_LESSON_PANE (ml_lesson_pane_get_type ())
G_DECLARE_FINAL_TYPE (MlLessonPane, ml_lesson_pane, ML, LESSON_PANE, GtkWidget)

GtkWidget          *ml_lesson_pane_new            (MlSession    *session);

/* Takes @lesson (owned from then) and starts it at its first step: the
 * lesson's preset is loaded as one undoable change. */
void                ml_lesson_pane_start          (MlLessonPane *self,
                                                   MlLesson     *lesson);
void                ml_lesson_pane_stop           (MlLessonPane *self);
const MlLesson     *ml_lesson_pane_get_lesson     (MlLessonPane *self);
guint               ml_lesson_pane_get_step       (MlLessonPane *self);

gboolean            ml_lesson_pane_next           (MlLessonPane *self);
gboolean            ml_lesson_pane_previous       (MlLessonPane *self);
/* The focus where the step is taken: a question's entry or choice, the
 * result once answered, else the Next button. */
void                ml_lesson_pane_focus_step     (MlLessonPane *self);
/* The step asks and is not answered yet: Page Down reveals. */
gboolean            ml_lesson_pane_get_asking     (MlLessonPane *self);
void                ml_lesson_pane_restart        (MlLessonPane *self);
/* Step @step (from 0) as it starts, every step before it taken (their
 * settings applied, questions unanswered); the last step past the end. */
void                ml_lesson_pane_go_to_step     (MlLessonPane *self,
                                                   guint         step);

/* The prediction of the step's question, as the controls would set it;
 * then commit: FALSE when the answer costs no attempt (not a number, a
 * unit that does not fit) and the step still waits. */
void                ml_lesson_pane_set_direction  (MlLessonPane      *self,
                                                   MlLessonDirection  direction);
void                ml_lesson_pane_set_number     (MlLessonPane      *self,
                                                   const char        *text);
void                ml_lesson_pane_set_choice     (MlLessonPane      *self,
                                                   guint              choice);
gboolean            ml_lesson_pane_commit         (MlLessonPane      *self);

/* Whether the step waits for a prediction (the result is hidden). */
gboolean            ml_lesson_pane_get_concealed  (MlLessonPane      *self);
gboolean            ml_lesson_pane_get_answered   (MlLessonPane      *self);
MlLessonVerdict     ml_lesson_pane_get_verdict    (MlLessonPane      *self);
/* The words shown: the step's text, the result and the explanation. */
const char         *ml_lesson_pane_get_text       (MlLessonPane      *self);
const char         *ml_lesson_pane_get_result     (MlLessonPane      *self);
const char         *ml_lesson_pane_get_explanation (MlLessonPane     *self);

G_END_DECLS
