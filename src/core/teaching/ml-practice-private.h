/* ml-practice-private.h — the problem's fields, for the files of ml-practice
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ml-practice.h"

G_BEGIN_DECLS

#define MAX_GIVENS 12

struct _MlProblem
{
  MlPracticeTopic  topic;
  guint64          seed;
  guint            index;
  const char      *asked;
  const char      *ion;
  MlPracticeGiven  givens[MAX_GIVENS];
  guint            n_givens;
  /* Pango markup (<i>, <sub> and entities only, which HTML reads the
   * same), and the same as plain text ("V_m", "[K⁺]out"). */
  char            *question_markup;
  char            *hint_markup;
  char            *solution_markup;
  char            *question;
  char            *hint;
  char            *solution;
  char            *answer_text;
  double           answer;
  MlPracticeUnit   unit;
  double           tolerance;
};

/* ml-practice-topics.c: chooses the values of @problem from its topic,
 * seed and index, and writes everything else (the texts as markup). */
void  _ml_practice_fill (MlProblem *problem);

G_END_DECLS
