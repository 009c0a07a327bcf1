/* ml-lesson.h — guided lessons: steps that set up a cell, ask a
 * prediction, and explain the answer with the core's numbers
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson is a key file (data/lessons/FORMAT.md) read by the scenario
 * reader's helpers: [Lesson] with a title, then [Step 1] … [Step N].  A
 * step may set the cell up (a preset, parameters of the parameter table,
 * the pump blocked or restored), name a page and a time course to start,
 * and ask a question: the direction V_m (or another quantity) moves, a
 * number with a tolerance, or a choice.  A step with a question applies
 * its settings only when the student has committed to an answer, so the
 * prediction is made before anything shows the result.  Explanations hold
 * {placeholders} that are filled from the solutions before and after the
 * step, never typed numbers.
 */
#pragma once

#include <gio/gio.h>

#include "ml-cell.h"
#include "ml-solution.h"
#include "ml-cell-pump.h"

G_BEGIN_DECLS

#define ML_LESSON_MAX_STEPS 64
#define ML_LESSON_MAX_CHOICES 6
/* The longest texts a lesson may give, in characters, in every language:
 * a label lays out a long word that cannot break in a time that grows
 * roughly with the square of its length (25 000 characters took 40 s), so
 * the reader refuses more than the pane shows in well under a second (the
 * shipped lessons' longest are 43, 165, 457, 103, 63 and 367). */
#define ML_LESSON_TITLE_MAX_CHARS       80
#define ML_LESSON_DESCRIPTION_MAX_CHARS 400
#define ML_LESSON_TEXT_MAX_CHARS        640
#define ML_LESSON_ASK_MAX_CHARS         240
#define ML_LESSON_CHOICE_MAX_CHARS      100
#define ML_LESSON_EXPLAIN_MAX_CHARS     640
#define ML_LESSON_FORMAT_VERSION 1

typedef enum
{
  ML_LESSON_ASK_NONE,
  ML_LESSON_ASK_DIRECTION,  /* up, down or stays */
  ML_LESSON_ASK_NUMBER,     /* a value of the quantity, within the tolerance */
  ML_LESSON_ASK_CHOICE,     /* one of the choices */
} MlLessonAsk;

typedef enum
{
  ML_LESSON_PUMP_KEEP,
  ML_LESSON_PUMP_BLOCK,
  ML_LESSON_PUMP_RESTORE,
} MlLessonPump;

typedef enum
{
  ML_LESSON_UP,
  ML_LESSON_DOWN,
  ML_LESSON_SAME,
} MlLessonDirection;

typedef enum
{
  ML_LESSON_RIGHT,
  ML_LESSON_WRONG,
  ML_LESSON_NOT_A_NUMBER,   /* costs no attempt */
  ML_LESSON_WRONG_UNIT,     /* costs no attempt */
} MlLessonVerdict;

/* A view option a step can set: left alone, off or on. */
typedef enum
{
  ML_LESSON_VIEW_KEEP,
  ML_LESSON_VIEW_OFF,
  ML_LESSON_VIEW_ON,
} MlLessonView;

typedef struct
{
  char          *title;        /* may be NULL */
  char          *text;
  /* The setting, applied in one change. */
  char          *preset;       /* NULL: none */
  guint          n_set;
  char         **set_ids;      /* parameter ids, "K.out" */
  double        *set_values;
  MlLessonPump   pump;
  char          *page;         /* "membrane", "time-course", "plots", "donnan"; NULL */
  double         run_speed;    /* start the time course at this speed; 0: no */
  MlLessonView   forces;       /* the membrane view's two forces */
  MlLessonView   legend;
  /* The Donnan quantities' case: impermeant anion inside, its valence and
   * the bath's KCl (open bath), at the cell's temperature. */
  gboolean       has_clamp;    /* the step's numbers read at V held here */
  double         clamp_mv;
  gboolean       has_donnan;
  double         donnan_anion_mm;
  int            donnan_valence;
  double         donnan_bath_mm;
  /* The question. */
  MlLessonAsk    ask;
  char          *question;
  char          *quantity;     /* what a number or direction is about: "vm", "e.K" … */
  double         tolerance;    /* in the quantity's unit */
  guint          n_choices;
  char          *choices[ML_LESSON_MAX_CHOICES];
  guint          answer;       /* the right choice, from 0 */
  char          *explain;      /* shown after the answer, with {placeholders} */
} MlLessonStep;

typedef struct _MlLesson MlLesson;

/* The student's answer to a step. */
typedef struct
{
  MlLessonDirection  direction;
  const char        *number;   /* as typed */
  guint              choice;
} MlLessonAnswer;

MlLesson           *ml_lesson_load_data      (const char          *data,
                                              gsize                length,
                                              GError             **error);
MlLesson           *ml_lesson_load_file      (GFile               *file,
                                              GCancellable        *cancellable,
                                              GError             **error);
void                ml_lesson_free           (MlLesson            *self);

const char         *ml_lesson_get_title      (const MlLesson      *self);
const char         *ml_lesson_get_description (const MlLesson     *self);
/* The preset the lesson starts from; NULL to start from the cell as it is. */
const char         *ml_lesson_get_preset     (const MlLesson      *self);
guint               ml_lesson_get_n_steps    (const MlLesson      *self);
const MlLessonStep *ml_lesson_get_step       (const MlLesson      *self,
                                              guint                index);

/* Whether the step changes the cell (a preset, parameters, the pump). */
gboolean            ml_lesson_step_has_setting (const MlLessonStep *step);
/* Applies the step's setting to @cell in one change; a restored pump runs
 * in @restore_mode (the model it ran in before a block).  FALSE, with
 * @cell untouched, when the cell cannot take it (a parameter of an ion it
 * does not hold). */
gboolean            ml_lesson_step_apply     (const MlLessonStep  *step,
                                              MlCell              *cell,
                                              MlPumpMode           restore_mode,
                                              GError             **error);

/* The solution the step's numbers are read from: @cell at rest, or with
 * V held at the step's Clamp. */
void                ml_lesson_step_solve     (const MlLessonStep  *step,
                                              MlCell              *cell,
                                              MlSolution          *out);

/* The value of a quantity name ("vm", "e.K", "dg.Na", "ions" … listed in
 * FORMAT.md) in @sol, and its unit symbol ("mV", "kJ/mol", "" …).  FALSE
 * for an unknown name or an ion the cell lacks, or a value @sol leaves
 * undefined. */
gboolean            ml_lesson_quantity       (const MlLessonStep  *step,
                                              const char          *name,
                                              const MlSolution    *sol,
                                              double              *value,
                                              const char         **unit);
/* @text with each {name}, {before.name} and {change.name} replaced by the
 * quantity after the step, before it, and the difference, formatted with
 * its unit; a name the solutions cannot give shows as "—". */
char               *ml_lesson_fill           (const MlLessonStep  *step,
                                              const char          *text,
                                              const MlSolution    *before,
                                              const MlSolution    *after);
/* The same, where the step changed only the temperature: @split (from
 * ml_lesson_step_split, may be NULL) gives {split.rtf} and {split.pump},
 * the change's RT/F part and its pump-kinetics part. */
char               *ml_lesson_fill_split     (const MlLessonStep  *step,
                                              const char          *text,
                                              const MlSolution    *before,
                                              const MlSolution    *after,
                                              const MlTemperatureSplit *split);
/* The step's change from @before to @after (copies of the cell before and
 * after its setting) split into its RT/F and pump-kinetics parts
 * (ml_cell_split_temperature_change); FALSE unless only the temperature
 * changed. */
gboolean            ml_lesson_step_split     (const MlLessonStep  *step,
                                              MlCell              *before,
                                              MlCell              *after,
                                              MlTemperatureSplit  *out);
/* The words of a direction answer for the step's quantity, whose value
 * before the step is @before: "Less negative" and "More negative" for a
 * potential below zero, "More positive" and "Less positive" above it,
 * "Larger" and "Smaller" for other quantities; "Stays the same".
 * Translated. */
const char         *ml_lesson_direction_label (const MlLessonStep *step,
                                               const MlSolution   *before,
                                               MlLessonDirection   direction);
/* Where the step's quantity went from @before to @after (SAME within the
 * step's tolerance). */
MlLessonDirection   ml_lesson_step_direction (const MlLessonStep  *step,
                                              const MlSolution    *before,
                                              const MlSolution    *after);
/* Whether @answer is right; for a number also NOT_A_NUMBER or WRONG_UNIT,
 * with *@message (translated) saying why. */
MlLessonVerdict     ml_lesson_step_check     (const MlLessonStep  *step,
                                              const MlSolution    *before,
                                              const MlSolution    *after,
                                              const MlLessonAnswer *answer,
                                              char               **message);

/* The shipped lessons, in teaching order. */
const char * const *ml_lessons_list          (void);
MlLesson           *ml_lessons_load          (const char          *id,
                                              GError             **error);
/* The title in the user's language; NULL for an unknown id. */
char               *ml_lessons_get_title     (const char          *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlLesson, ml_lesson_free)

G_END_DECLS
