/* ml-practice-page.h — practice problems to answer, with hints and worked solutions
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-practice.h"
#include "ml-session.h"

G_BEGIN_DECLS

#define ML_TYPE_PRACTICE_PAGE (ml_practice_page_get_type ())
G_DECLARE_FINAL_TYPE (MlPracticePage, ml_practice_page, ML, PRACTICE_PAGE, GtkWidget)

/* The window's page factory (MlWindowPageFactory). */
GtkWidget         *ml_practice_page_new         (MlSession       *session);

/* A topic id ("nernst", …) or "all", whose problems take turns through the
 * six topics as membrane-calc --practice all does.  Starts at problem 1. */
void               ml_practice_page_set_topic   (MlPracticePage  *self,
                                                 const char      *topic_id_or_all);
/* NULL when all topics take turns. */
const char        *ml_practice_page_get_topic   (MlPracticePage  *self);
/* Starts at problem 1 of set @seed. */
void               ml_practice_page_set_seed    (MlPracticePage  *self,
                                                 guint64          seed);
guint64            ml_practice_page_get_seed    (MlPracticePage  *self);
/* The problem shown, owned by the page. */
const MlProblem   *ml_practice_page_get_problem (MlPracticePage  *self);
/* The next problem of the same set (problem N + 1). */
void               ml_practice_page_next        (MlPracticePage  *self);
/* As if @text were typed in the answer box and Check pressed. */
MlPracticeVerdict  ml_practice_page_answer      (MlPracticePage  *self,
                                                 const char      *text);
/* As if Show Solution were pressed. */
void               ml_practice_page_show_solution (MlPracticePage *self);
/* Problems right at the first counted attempt, of those attempted (a
 * solution shown before any answer counts as attempted). */
void               ml_practice_page_get_score   (MlPracticePage  *self,
                                                 guint           *right,
                                                 guint           *attempted);
/* The feedback shown under the answer: the verdict, the hint, the worked
 * solution; "" before an answer. */
const char        *ml_practice_page_get_feedback (MlPracticePage *self);
/* Writes @count problems of the page's topic and seed: Moodle XML for a
 * name ending in .xml, a PDF worksheet with its answer key for .pdf. */
gboolean           ml_practice_page_export      (MlPracticePage  *self,
                                                 const char      *path,
                                                 guint            count,
                                                 GError         **error);

G_END_DECLS
