/* ml-practice.h — generated practice problems with worked solutions
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A problem is a pure function of (topic, seed, index): the same three
 * numbers give the same question, values and answer on every machine, so a
 * teacher can hand out "set 7" and mark it later.  Every answer and every
 * number of a worked solution comes from the core's physics.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ML_PRACTICE_NERNST,         /* "nernst": an ion's equilibrium potential */
  ML_PRACTICE_GHK,            /* "ghk": V_m from three permeabilities */
  ML_PRACTICE_DRIVING_FORCE,  /* "driving-force": V_m − E_ion */
  ML_PRACTICE_DELTA_G,        /* "delta-g": ΔG of moving one mole out */
  ML_PRACTICE_CHARGE,         /* "charge": ions that charge the membrane */
  ML_PRACTICE_DONNAN,         /* "donnan": open-bath Donnan equilibrium */
  ML_PRACTICE_N_TOPICS
} MlPracticeTopic;

typedef enum
{
  ML_PRACTICE_UNIT_MILLIVOLT,
  ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE,
  ML_PRACTICE_UNIT_ION_COUNT,
  ML_PRACTICE_UNIT_FRACTION,     /* a plain fraction; "%" divides by 100 */
  ML_PRACTICE_UNIT_MILLIMOLAR,
  ML_PRACTICE_UNIT_RATIO,        /* dimensionless */
} MlPracticeUnit;

typedef enum
{
  ML_PRACTICE_RIGHT,
  ML_PRACTICE_WRONG,
  ML_PRACTICE_NOT_A_NUMBER,   /* costs no attempt */
  ML_PRACTICE_WRONG_UNIT,     /* costs no attempt */
} MlPracticeVerdict;

/* One given value in machine form: @key is one of "z", "c_in", "c_out",
 * "t_c", "vm", "p_k", "p_na", "p_cl", "k_in", "k_out", "na_in", "na_out",
 * "cl_in", "cl_out", "radius_um", "capacitance_uf_cm2", "a_mm", "z_a",
 * "bath_mm"; concentrations in mM, temperature in °C, V_m in mV,
 * permeabilities relative to P_K. */
typedef struct
{
  const char *key;
  double      value;
} MlPracticeGiven;

typedef struct _MlProblem MlProblem;

/* Topic ids: "nernst", "ghk", "driving-force", "delta-g", "charge",
 * "donnan".  ml_practice_topic_from_id() returns FALSE for another id. */
const char        *ml_practice_topic_id        (MlPracticeTopic   topic);
gboolean           ml_practice_topic_from_id   (const char       *id,
                                                MlPracticeTopic  *topic);
/* NULL-terminated, in the order of the enum; not to be freed. */
const char *const *ml_practice_topic_ids       (void);
/* "Nernst potential", translated. */
const char        *ml_practice_topic_title     (MlPracticeTopic   topic);

/* "millivolt", "kilojoule-per-mole", "ion-count", "fraction",
 * "millimolar", "ratio": for JSON. */
const char        *ml_practice_unit_id         (MlPracticeUnit    unit);
/* "mV", "kJ/mol", "mM"; "" for counts, fractions and ratios. */
const char        *ml_practice_unit_symbol     (MlPracticeUnit    unit);

MlProblem         *ml_practice_generate        (MlPracticeTopic   topic,
                                                guint64           seed,
                                                guint             index);
void               ml_problem_free             (MlProblem        *problem);

MlPracticeTopic    ml_problem_get_topic        (const MlProblem  *problem);
guint64            ml_problem_get_seed         (const MlProblem  *problem);
guint              ml_problem_get_index        (const MlProblem  *problem);
/* What is asked within the topic: "E" (nernst), "vm" (ghk, donnan),
 * "driving-force", "delta-g", "ions-moved" or "fraction" (charge), "k-in"
 * or "ratio" (donnan). */
const char        *ml_problem_get_asked        (const MlProblem  *problem);
/* The ion's name ("K", "Na", "Cl", "Ca") for nernst, driving-force,
 * delta-g and charge; NULL otherwise. */
const char        *ml_problem_get_ion          (const MlProblem  *problem);
guint              ml_problem_get_n_givens     (const MlProblem  *problem);
const MlPracticeGiven *ml_problem_get_given    (const MlProblem  *problem,
                                                guint             i);
gboolean           ml_problem_lookup_given     (const MlProblem  *problem,
                                                const char       *key,
                                                double           *value);
/* Plain Unicode text, with "V_m", "E_K", "P_Na" and "[K⁺]out" for the
 * subscripts, for a terminal or JSON. */
const char        *ml_problem_get_question     (const MlProblem  *problem);
double             ml_problem_get_answer       (const MlProblem  *problem);
MlPracticeUnit     ml_problem_get_unit         (const MlProblem  *problem);
/* Absolute, in the problem's unit. */
double             ml_problem_get_tolerance    (const MlProblem  *problem);
const char        *ml_problem_get_hint         (const MlProblem  *problem);
/* Lines separated by "\n", plain Unicode text. */
const char        *ml_problem_get_solution     (const MlProblem  *problem);
/* The question, hint and solution as Pango markup: <i>V</i><sub>m</sub>
 * for V_m; only <i>, <sub> and the entities &amp; &lt; &gt;, which are
 * HTML too.  Their text is the plain text's, but for the subscripts. */
const char        *ml_problem_get_question_markup (const MlProblem *problem);
const char        *ml_problem_get_hint_markup     (const MlProblem *problem);
const char        *ml_problem_get_solution_markup (const MlProblem *problem);
/* The answer as printed at the end of the solution: "−82.6 mV". */
const char        *ml_problem_get_answer_text  (const MlProblem  *problem);

/* ml-practice-check.c: reads @answer_text ("−82.6", "-0,0826 V",
 * "5.4×10^6", "0.002 %") and says whether it is right; @message (may be
 * NULL) receives a translated sentence for the student. */
MlPracticeVerdict  ml_problem_check            (const MlProblem  *problem,
                                                const char       *answer_text,
                                                char            **message);
/* The message ml_problem_check() gives for a wrong answer, as Pango
 * markup with the hint typeset. */
char              *ml_problem_wrong_message_markup (const MlProblem *problem);
/* The number of @answer_text in @unit, or converted to it ("−0.0826 V"
 * for mV); FALSE with the verdict (NOT_A_NUMBER or WRONG_UNIT) when it has
 * none.  Lessons read their predictions with it too. */
gboolean           ml_practice_parse_in_unit   (MlPracticeUnit    unit,
                                                const char       *answer_text,
                                                double           *value,
                                                MlPracticeVerdict *verdict);
/* Why an answer was refused (NOT_A_NUMBER or WRONG_UNIT), translated. */
char              *ml_practice_refusal_message (MlPracticeUnit    unit,
                                                const char       *answer_text,
                                                MlPracticeVerdict verdict);
/* The number of @answer_text in the problem's unit; FALSE with the verdict
 * (NOT_A_NUMBER or WRONG_UNIT) when it has none. */
gboolean           ml_problem_parse_answer     (const MlProblem  *problem,
                                                const char       *answer_text,
                                                double           *value,
                                                MlPracticeVerdict *verdict);

/* ml-practice-moodle.c: a Moodle XML question bank: a category question
 * named @category (the set's title, as on its worksheet), then one
 * numerical question per problem, named with its number on the
 * worksheet. */
char              *ml_practice_moodle_xml      (MlProblem       **problems,
                                                guint             n,
                                                const char       *category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlProblem, ml_problem_free)

G_END_DECLS
