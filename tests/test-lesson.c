/* test-lesson.c — guided lessons (ml-lesson.h): reading, applying, the
 * numbers they reveal and the check of a prediction
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every shipped lesson is walked step by step as the app does: the
 * solution before the step, its setting, the solution after.  Each number
 * question is then answered with the core's value (right), the value
 * beyond its tolerance (wrong), words and a unit that does not fit (no
 * attempt).  The textbook's headline numbers are checked where a lesson
 * repeats them; their sources are given at each.
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-cell-pump.h"
#include "ml-format.h"
#include "ml-lesson.h"
#include "ml-physics.h"
#include "ml-params.h"
#include "ml-presets.h"
#include "ml-scenario.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

/* RT/F at 37 °C in mV from the CODATA 2018 exact constants, k_B·T/e. */
#define RT_F_37 (1000.0 * 1.380649e-23 * 310.15 / 1.602176634e-19)

static void
assert_close (double value,
              double expected,
              double tolerance)
{
  if (!(fabs (value - expected) <= tolerance))
    g_error ("got %.12g, expected %.12g ± %g", value, expected, tolerance);
}

static MlCell *
lesson_cell (const MlLesson *lesson)
{
  MlCell *cell = ml_cell_new ();

  g_assert_nonnull (ml_lesson_get_preset (lesson));
  g_assert_true (ml_presets_load (cell, ml_lesson_get_preset (lesson), NULL));
  return cell;
}

static double
quantity (const MlLessonStep *step,
          const char         *name,
          const MlSolution   *sol)
{
  double value = NAN;

  g_assert_true (ml_lesson_quantity (step, name, sol, &value, NULL));
  return value;
}

/* The answer as a student types it: the value to @decimals, a comma as
 * the decimal separator when @comma. */
static char *
typed (double   value,
       int      decimals,
       gboolean comma)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *s;

  g_ascii_formatd (buf, sizeof buf, decimals == 1 ? "%.1f" : "%.3f", value);
  s = g_strdup (buf);
  if (comma)
    g_strdelimit (s, ".", ',');
  return s;
}

static void
check_number_question (const MlLessonStep *step,
                       const MlSolution   *before,
                       const MlSolution   *after)
{
  MlLessonAnswer answer = { 0 };
  g_autofree char *message = NULL;
  g_autofree char *exact = typed (quantity (step, step->quantity, after), 3, FALSE);
  g_autofree char *comma = typed (quantity (step, step->quantity, after), 3, TRUE);
  g_autofree char *far = typed (quantity (step, step->quantity, after) + 3 * step->tolerance + 1,
                                3, FALSE);
  const char *unit = NULL;
  double value;

  g_assert_true (ml_lesson_quantity (step, step->quantity, after, &value, &unit));

  answer.number = exact;
  g_assert_cmpint (ml_lesson_step_check (step, before, after, &answer, NULL), ==, ML_LESSON_RIGHT);
  answer.number = comma;
  g_assert_cmpint (ml_lesson_step_check (step, before, after, &answer, NULL), ==, ML_LESSON_RIGHT);
  answer.number = far;
  g_assert_cmpint (ml_lesson_step_check (step, before, after, &answer, NULL), ==, ML_LESSON_WRONG);
  answer.number = "about minus seventy";
  g_assert_cmpint (ml_lesson_step_check (step, before, after, &answer, &message), ==,
                   ML_LESSON_NOT_A_NUMBER);
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  answer.number = "12 mM";
  g_assert_cmpint (ml_lesson_step_check (step, before, after, &answer, &message), ==,
                   ML_LESSON_WRONG_UNIT);
  g_assert_nonnull (strstr (message, unit));
  if (strcmp (unit, "mV") == 0)
    {
      /* In volts: −82.6 mV typed as −0.0826 V. */
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *volts = NULL;

      g_ascii_formatd (buf, sizeof buf, "%.6f", value / 1000.0);
      volts = g_strdup_printf ("%s V", buf);
      answer.number = volts;
      g_assert_cmpint (ml_lesson_step_check (step, before, after, &answer, NULL), ==,
                       ML_LESSON_RIGHT);
    }
}

/* The directions the shipped lessons ask, by hand: more K⁺ outside, a
 * cooler cell (E_K ∝ T), a blocked pump (its hyperpolarising current
 * gone), Na⁺ made the most permeant ion, and a cooled pump all depolarise;
 * a bigger sphere holds more ions per area, so the share falls. */
static const struct
{
  const char        *lesson;
  guint              step;
  MlLessonDirection  direction;
} expected_directions[] = {
  { "two-forces", 2, ML_LESSON_UP },
  { "nernst", 3, ML_LESSON_UP },
  { "ghk-vote", 6, ML_LESSON_UP },
  { "pump", 3, ML_LESSON_UP },
  { "few-ions", 3, ML_LESSON_DOWN },
  { "temperature", 2, ML_LESSON_UP },
  { "cardiac-potassium", 2, ML_LESSON_UP },
};

static void
check_direction_question (const char         *id,
                          guint               number,
                          const MlLessonStep *step,
                          const MlSolution   *before,
                          const MlSolution   *after)
{
  MlLessonDirection d = ml_lesson_step_direction (step, before, after);
  gboolean listed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (expected_directions); i++)
    if (strcmp (expected_directions[i].lesson, id) == 0 && expected_directions[i].step == number)
      {
        g_assert_cmpint (d, ==, expected_directions[i].direction);
        listed = TRUE;
      }
  if (!listed)
    g_error ("%s step %u: a direction question the test does not know", id, number);
  for (MlLessonDirection a = ML_LESSON_UP; a <= ML_LESSON_SAME; a++)
    {
      MlLessonAnswer answer = { .direction = a };

      g_assert_cmpint (ml_lesson_step_check (step, before, after, &answer, NULL), ==,
                       a == d ? ML_LESSON_RIGHT : ML_LESSON_WRONG);
    }
}

/* A clamped step reads its numbers at the clamp's V, so {vm} there is
 * the clamp itself; the cell's own V_m is {rest}.  (driving-force said
 * "the cell rests at −70.0 mV without the clamp" with {vm}, which is the
 * clamp: the free cell rests at −70.6 mV.) */
static void
check_clamp_words (const char         *id,
                   guint               number,
                   const MlLessonStep *step)
{
  static const char *clamped[] = { "{vm}", "{before.vm}", "{change.vm}" };

  if (!step->has_clamp)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (clamped); i++)
    if ((step->text != NULL && strstr (step->text, clamped[i]) != NULL)
        || (step->explain != NULL && strstr (step->explain, clamped[i]) != NULL))
      g_error ("%s step %u: %s under a clamp is the clamp's V; the cell's own is {rest}",
               id, number, clamped[i]);
}

/* The value of a filled number written just before @at ("−7.3 mV more
 * negative"): TRUE with its sign when @at follows "… mV". */
static gboolean
number_before (const char *text,
               const char *at,
               gboolean   *negative)
{
  const char *p = at;
  const char *unit = "mV";

  /* Back over " mV" (joined by a no-break space), then the digits. */
  if (p - text < 3 || strncmp (p - 2, unit, 2) != 0)
    return FALSE;
  p -= 2;
  if (p - text >= 2 && strncmp (p - 2, "\u00a0", 2) == 0)
    p -= 2;
  else if (p > text && p[-1] == ' ')
    p--;
  else
    return FALSE;
  while (p > text && (g_ascii_isdigit (p[-1]) || p[-1] == '.'))
    p--;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  *negative = p - text >= 3 && strncmp (p - 3, "−", 3) == 0;
  return TRUE;
}

/* What a sentence claims about the numbers it shows, checked against
 * them: "near E_X" or "close to E_X" means within 10 mV (the nearest other
 * E of the shipped cells is over 20 mV away); "near its own E" is too vague
 * to check and is refused; "−7.3 mV more negative" is a double negative; a
 * text that says the pump is stopped is read while it is. */
static void
check_claims (const char         *id,
              guint               number,
              const MlLessonStep *step,
              const char         *filled,
              const MlSolution   *sol)
{
  static const char *near[] = { "near E_", "close to E_" };
  static const char *sign_words[] = { " more negative", " less negative" };

  for (guint k = 0; k < G_N_ELEMENTS (near); k++)
    for (const char *p = strstr (filled, near[k]); p != NULL; p = strstr (p + 1, near[k]))
      {
        const char *name = p + strlen (near[k]);
        gsize len = 0;
        char ion[ML_ION_NAME_MAX];

        while (g_ascii_isalpha (name[len]) && len + 1 < sizeof ion)
          len++;
        memcpy (ion, name, len);
        ion[len] = '\0';
        for (guint i = 0; i < sol->n_ions; i++)
          if (strcmp (sol->ions[i].ion.name, ion) == 0
              && !(fabs (sol->vm_mv - sol->ions[i].nernst_mv) <= 10.0))
            g_error ("%s step %u: \"%s%s\" but V_m %.1f mV and E %.1f mV: %s", id, number,
                     near[k], ion, sol->vm_mv, sol->ions[i].nernst_mv, filled);
      }
  if (strstr (filled, "near its own E") != NULL || strstr (filled, "close to its own E") != NULL)
    g_error ("%s step %u: \"near its own E\" names no E to check: %s", id, number, filled);
  for (guint k = 0; k < G_N_ELEMENTS (sign_words); k++)
    for (const char *p = strstr (filled, sign_words[k]); p != NULL;
         p = strstr (p + 1, sign_words[k]))
      {
        gboolean negative;

        if (number_before (filled, p, &negative) && negative)
          g_error ("%s step %u: a negative number made \"%s\": %s", id, number,
                   sign_words[k] + 1, filled);
      }
  if (strstr (filled, "pump is stopped") != NULL && sol->pump_running)
    g_error ("%s step %u: the text says the pump is stopped while it runs", id, number);
  (void) step;
}

/* A direction's explanation opens with the words of the right answer
 * ("Less negative, …"), the words the student chose from. */
static void
check_direction_words (const char         *id,
                       guint               number,
                       const MlLessonStep *step,
                       const char         *explain,
                       const MlSolution   *before,
                       const MlSolution   *after)
{
  const char *language = g_getenv ("LANGUAGE");
  const char *words = ml_lesson_direction_label (step, before,
                                                 ml_lesson_step_direction (step, before, after));

  /* The labels are translated through the catalogue, which a core test
   * does not bind: the check is for the English text. */
  if (language != NULL && strcmp (language, "C") != 0 && !g_str_has_prefix (language, "en"))
    return;
  if (!g_str_has_prefix (explain, words))
    g_error ("%s step %u: the explanation should open with \"%s\": %s", id, number, words,
             explain);
}

/* Walks @id as the app does and returns the solutions of each step before
 * and after it, and the temperature split of its change (for the textbook
 * checks), @n at most; each may be NULL. */
static void
walk_lesson_full (const char         *id,
                  MlSolution         *befores,
                  MlSolution         *afters,
                  MlTemperatureSplit *splits,
                  guint               n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MlLesson) lesson = ml_lessons_load (id, &error);
  g_autoptr (MlCell) cell = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (lesson);
  g_assert_cmpuint (ml_lesson_get_n_steps (lesson), >=, 2);
  g_assert_nonnull (ml_lesson_get_title (lesson));
  cell = lesson_cell (lesson);

  for (guint i = 0; i < ml_lesson_get_n_steps (lesson); i++)
    {
      const MlLessonStep *step = ml_lesson_get_step (lesson, i);
      g_autofree char *text = NULL;
      g_autofree char *explain = NULL;
      g_autoptr (MlCell) old = NULL;
      MlSolution before, after;
      MlTemperatureSplit split;
      gboolean has_split;

      check_clamp_words (id, i + 1, step);
      /* A question hides the gauge until it is answered: a number asked
       * of a cell the step does not change needs V_m in the text. */
      if (step->ask == ML_LESSON_ASK_NUMBER && !ml_lesson_step_has_setting (step)
          && !step->has_clamp && step->quantity != NULL
          && (g_str_has_prefix (step->quantity, "dg") || g_str_has_prefix (step->quantity, "df.")
              || g_str_has_prefix (step->quantity, "i.")) && strstr (step->text, "{vm}") == NULL)
        g_error ("%s step %u: the question needs V_m, which the gauge hides: state {vm}", id,
                 i + 1);
      ml_lesson_step_solve (step, cell, &before);
      if (step->ask == ML_LESSON_ASK_NONE)
        {
          /* A step without a question sets up first, then is read. */
          g_assert_true (ml_lesson_step_apply (step, cell, ML_PUMP_KINETIC, &error));
          ml_lesson_step_solve (step, cell, &before);
        }
      text = ml_lesson_fill (step, step->text, &before, &before);
      if (strstr (text, "—") != NULL)
        g_error ("%s step %u: a quantity of the text is undefined: %s", id, i + 1, text);
      check_claims (id, i + 1, step, text, &before);
      if (step->ask == ML_LESSON_ASK_NONE)
        {
          if (i < n && befores != NULL)
            befores[i] = before;
          if (i < n && afters != NULL)
            afters[i] = before;
          continue;
        }
      old = ml_cell_copy (cell);
      g_assert_true (ml_lesson_step_apply (step, cell, ML_PUMP_KINETIC, &error));
      g_assert_no_error (error);
      ml_lesson_step_solve (step, cell, &after);
      has_split = ml_lesson_step_split (step, old, cell, &split);
      g_clear_object (&old);
      if (i < n && befores != NULL)
        befores[i] = before;
      if (i < n && afters != NULL)
        afters[i] = after;
      if (i < n && splits != NULL)
        splits[i] = has_split ? split : (MlTemperatureSplit) { NAN, NAN, NAN, NAN };
      explain = ml_lesson_fill_split (step, step->explain, &before, &after,
                                      has_split ? &split : NULL);
      if (strstr (explain, "—") != NULL || strchr (explain, '{') != NULL)
        g_error ("%s step %u: the explanation is not filled: %s", id, i + 1, explain);
      check_claims (id, i + 1, step, explain, &after);
      if (step->ask == ML_LESSON_ASK_DIRECTION)
        check_direction_words (id, i + 1, step, explain, &before, &after);

      switch (step->ask)
        {
        case ML_LESSON_ASK_NUMBER:
          check_number_question (step, &before, &after);
          break;
        case ML_LESSON_ASK_DIRECTION:
          check_direction_question (id, i + 1, step, &before, &after);
          break;
        case ML_LESSON_ASK_CHOICE:
          {
            MlLessonAnswer right = { .choice = step->answer };
            MlLessonAnswer wrong = { .choice = (step->answer + 1) % step->n_choices };

            g_assert_cmpint (ml_lesson_step_check (step, &before, &after, &right, NULL), ==,
                             ML_LESSON_RIGHT);
            g_assert_cmpint (ml_lesson_step_check (step, &before, &after, &wrong, NULL), ==,
                             ML_LESSON_WRONG);
          }
          break;
        case ML_LESSON_ASK_NONE:
        default:
          g_assert_not_reached ();
        }
    }
}

static void
walk_lesson (const char *id,
             MlSolution *afters,
             guint       n)
{
  walk_lesson_full (id, NULL, afters, NULL, n);
}

static void
test_every_lesson_walks (void)
{
  const char * const *ids = ml_lessons_list ();

  g_assert_cmpuint (g_strv_length ((char **)ids), >=, 10);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_test_message ("lesson %s", ids[i]);
      walk_lesson (ids[i], NULL, 0);
    }
}

static const MlIonResult *
ion_of (const MlSolution *sol,
        const char       *name)
{
  for (guint i = 0; i < sol->n_ions; i++)
    if (strcmp (sol->ions[i].ion.name, name) == 0)
      return &sol->ions[i];
  g_assert_not_reached ();
  return NULL;
}

static double
rest_of (const char *preset)
{
  g_autoptr (MlCell) cell = ml_cell_new ();
  MlSolution sol;

  g_assert_true (ml_presets_load (cell, preset, NULL));
  ml_cell_solve (cell, &sol);
  g_assert_true (sol.vm_defined);
  return sol.vm_mv;
}

/* The lessons' headline numbers are the textbooks'. */
static void
test_textbook_numbers (void)
{
  MlSolution steps[8], befores[8];

  /* Chloride 5/110 mM at 37 °C: E_Cl = −(RT/F)·ln(110/5) = −82.6 mV
   * (Purves et al. 2018, ch. 2; by hand 26.727 × 3.0910 = 82.61). */
  walk_lesson ("nernst", steps, G_N_ELEMENTS (steps));
  assert_close (ion_of (&steps[1], "Cl")->nernst_mv, -RT_F_37 * log (110.0 / 5.0), 1e-9);
  assert_close (ion_of (&steps[1], "Cl")->nernst_mv, -82.6, 0.05);
  /* Cooling 37 → 20 °C scales E_K by 293.15/310.15, 5.5 % less. */
  assert_close (ion_of (&steps[2], "K")->nernst_mv / ion_of (&steps[1], "K")->nernst_mv,
                293.15 / 310.15, 1e-12);
  /* Ca²⁺ 2 mM / 0.1 µM: (RT/2F)·ln(20 000) = 132.3 mV at 37 °C. */
  assert_close (ion_of (&steps[4], "Ca")->nernst_mv, RT_F_37 / 2 * log (2.0 / 0.0001), 1e-9);

  /* At −70 mV with E_K ≈ −95 and E_Na ≈ +61 mV the driving forces are
   * +25 and −131 mV (Purves et al. 2018, ch. 2). */
  walk_lesson ("driving-force", steps, G_N_ELEMENTS (steps));
  assert_close (ion_of (&steps[1], "K")->driving_force_mv, 25.0, 0.5);
  assert_close (ion_of (&steps[2], "Na")->driving_force_mv, -131.0, 0.5);
  assert_close (steps[1].vm_mv, -70.0, 1e-12);

  /* P_Na = P_K: the GHK equation gives about −7 mV (Purves et al. 2018):
   * by hand (RT/F)·ln((5 + 145 + 0.45·10)/(140 + 15 + 0.45·110)) at
   * 37 °C with P_Cl/P_K = 0.45 is −7.5 mV (Ca²⁺ adds nearly nothing). */
  walk_lesson_full ("ghk-vote", befores, steps, NULL, G_N_ELEMENTS (steps));
  assert_close (steps[3].vm_ghk_mv, RT_F_37 * log ((5 + 145 + 0.45 * 10) / (140 + 15 + 0.45 * 110)),
                0.05);
  /* Only K⁺ permeant, no pump: V_m is E_K; and the pump is stopped
   * before the question is asked, as the text says. */
  assert_close (steps[1].vm_mv, ion_of (&steps[1], "K")->nernst_mv, 1e-6);
  g_assert_false (befores[1].pump_running);
  /* P_Na = P_K: V_m between E_K and E_Na, and chloride (E_Cl ≈ −64 mV)
   * pulls it more negative than K⁺ and Na⁺ alone: by hand, with P_Cl = 0,
   * (RT/F)·ln((5 + 145)/(140 + 15)) = −0.88 mV, against −7.5 mV with it. */
  g_assert_cmpfloat (steps[3].vm_mv, >, ion_of (&steps[3], "K")->nernst_mv);
  g_assert_cmpfloat (steps[3].vm_mv, <, ion_of (&steps[3], "Na")->nernst_mv);
  g_assert_cmpfloat (steps[3].vm_ghk_mv, <, RT_F_37 * log (150.0 / 155.0) - 5.0);
  /* The swap starts from the resting neuron, not from the toxin's cell:
   * −69 → +17 mV (the textbook's −68 → +19 mV is the GHK value alone,
   * by hand (RT/F)·ln((0.05·5 + 145 + 0.45·10)/(0.05·140 + 15 + 0.45·110))
   * = +19.8 mV). */
  assert_close (befores[5].vm_mv, rest_of ("mammalian-neuron"), 1e-9);
  assert_close (steps[5].vm_ghk_mv,
                RT_F_37 * log ((0.05 * 5 + 145 + 0.45 * 10) / (0.05 * 140 + 15 + 0.45 * 110)),
                0.05);
  g_assert_cmpfloat (steps[5].vm_mv, >, 0);
}

static void
test_fill (void)
{
  g_autoptr (MlLesson) lesson = NULL;
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autofree char *filled = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *vm = NULL, *vm0 = NULL, *dv = NULL;
  const char *data =
    "[Lesson]\nVersion=1\nTitle=T\nPreset=mammalian-neuron\n"
    "[Step 1]\nText=t\nQuestion=direction\nAsk=a\nSet=K.out=20\n"
    "Explain=V {vm} was {before.vm} moved {change.vm}; E {e.K}; {nope.K}\n";
  const MlLessonStep *step;
  MlSolution before, after;

  lesson = ml_lesson_load_data (data, -1, NULL);
  /* {nope.K} is not a quantity: refused when read. */
  g_assert_null (lesson);

  lesson = ml_lesson_load_data ("[Lesson]\nVersion=1\nTitle=T\n"
                                "[Step 1]\nText=t\nQuestion=direction\nAsk=a\nSet=K.out=20\n"
                                "Explain=V {vm} was {before.vm} moved {change.vm}; E {e.K}; "
                                "{e.Xx}\n", -1, NULL);
  g_assert_nonnull (lesson);
  step = ml_lesson_get_step (lesson, 0);
  g_assert_true (ml_presets_load (cell, "mammalian-neuron", NULL));
  ml_lesson_step_solve (step, cell, &before);
  g_assert_true (ml_lesson_step_apply (step, cell, ML_PUMP_KINETIC, NULL));
  ml_lesson_step_solve (step, cell, &after);
  filled = ml_lesson_fill (step, step->explain, &before, &after);
  vm = ml_format_fixed (after.vm_mv, 1, FALSE);
  vm0 = ml_format_fixed (before.vm_mv, 1, FALSE);
  dv = ml_format_fixed (after.vm_mv - before.vm_mv, 1, TRUE);
  /* An ion the cell lacks shows as a dash, never as a number. */
  /* Each number is joined to its unit by a no-break space. */
  expected = g_strdup_printf ("V %s\u00a0mV was %s\u00a0mV moved %s\u00a0mV; E %s\u00a0mV; —",
                              vm, vm0, dv,
                              ml_format_fixed (ion_of (&after, "K")->nernst_mv, 1, FALSE));
  g_assert_cmpstr (filled, ==, expected);
  g_assert_nonnull (strstr (filled, "−"));

  /* A positive potential carries its "+", as E_Na = +60.6 mV does;
   * RT/F is a size. */
  g_free (filled);
  filled = ml_lesson_fill (step, "{e.Na} {rtf}", &before, &after);
  g_assert_true (g_str_has_prefix (filled, "+"));
  g_assert_null (strchr (filled + 1, '+'));

  /* A unit with a slash is not broken at it ("0.583 µA/" | "cm²"). */
  g_free (filled);
  filled = ml_lesson_fill (step, "{i.K}", &before, &after);
  g_assert_nonnull (strstr (filled, "\u00a0µA/\u2060cm²"));
}

static void
assert_refused (const char *data,
                const char *where)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MlLesson) lesson = ml_lesson_load_data (data, -1, &error);

  if (lesson != NULL)
    g_error ("accepted, but it should name %s:\n%s", where, data);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ML_SCENARIO_ERROR);
  if (strstr (error->message, where) == NULL)
    g_error ("“%s” does not name %s", error->message, where);
}

#define HEAD "[Lesson]\nVersion=1\nTitle=T\n"

static void
test_bad_lessons (void)
{
  assert_refused ("", "[Lesson]");
  assert_refused ("[Lesson]\nTitle=T\n[Step 1]\nText=t\n", "[Lesson] Version");
  assert_refused ("[Lesson]\nVersion=2\nTitle=T\n[Step 1]\nText=t\n", "[Lesson] Version");
  assert_refused (HEAD, "[Step 1]");
  assert_refused (HEAD "[Step 1]\nText=t\n[Step 3]\nText=t\n", "[Step 3]");
  assert_refused (HEAD "[Step 1]\nText=t\n[Step 2]\nTitle=x\n", "[Step 2] Text");
  assert_refused (HEAD "[Step 1]\nText=t\nColour=red\n", "[Step 1] Colour");
  assert_refused (HEAD "[Step 1]\nText=t\nSet=K.out=-3\n", "[Step 1] Set");
  assert_refused (HEAD "[Step 1]\nText=t\nSet=K.outside=3\n", "[Step 1] Set");
  assert_refused (HEAD "[Step 1]\nText=t\nSet=K.out\n", "[Step 1] Set");
  assert_refused (HEAD "[Step 1]\nText=t\nPreset=../ui/style\n", "[Step 1] Preset");
  assert_refused (HEAD "[Step 1]\nText=t\nPump=poison\n", "[Step 1] Pump");
  assert_refused (HEAD "[Step 1]\nText=t\nRun=100\n", "[Step 1] Run");
  assert_refused (HEAD "[Step 1]\nText=t\nQuestion=number\nAsk=a\nExplain=e\n",
                  "[Step 1] Tolerance");
  assert_refused (HEAD "[Step 1]\nText=t\nQuestion=number\nAsk=a\nTolerance=1\n",
                  "[Step 1] Explain");
  assert_refused (HEAD "[Step 1]\nText=t\nQuestion=guess\nAsk=a\n", "[Step 1] Question");
  assert_refused (HEAD "[Step 1]\nText=t\nQuestion=direction\nAsk=a\nExplain=e\n",
                  "[Step 1] Question");
  assert_refused (HEAD "[Step 1]\nText=t\nQuestion=choice\nAsk=a\nChoices=x;y;z\nAnswer=4\n"
                  "Explain=e\n", "[Step 1] Answer");
  assert_refused (HEAD "[Step 1]\nText=t\nQuestion=choice\nAsk=a\nChoices=x\nAnswer=1\n"
                  "Explain=e\n", "[Step 1] Choices");
  assert_refused (HEAD "[Step 1]\nText=a {vm\n", "[Step 1] Text");
  assert_refused (HEAD "[Step 1]\nText=t\nDonnan=120,1,100\n", "[Step 1] Donnan");
  assert_refused (HEAD "[Step 1]\nText=\\q\n", "[Step 1] Text");
  assert_refused ("\xff\xfe", "UTF-8");
  /* From review: a leading zero, empty choices, a question's keys on a
   * step that asks nothing, a bath too dilute for sane numbers. */
  assert_refused (HEAD "[Step 01]\nText=t\n", "[Step 01]");
  assert_refused (HEAD "[Step 1]\nText=t\nQuestion=choice\nAsk=a\nChoices=;;\nAnswer=1\n"
                  "Explain=e\n", "[Step 1] Choices");
  assert_refused (HEAD "[Step 1]\nText=t\nChoices=x;y\n", "[Step 1] Question");
  assert_refused (HEAD "[Step 1]\nText=t\nTolerance=1\n", "[Step 1] Question");
  assert_refused (HEAD "[Step 1]\nText=t\nDonnan=1000,-10,1e-300\n", "[Step 1] Donnan");
  /* Every language is checked, not only the user's. */
  assert_refused (HEAD "[Step 1]\nText=t\nText[de]={bogus}\n", "[Step 1] Text[de]");
  assert_refused (HEAD "[Step 1]\nText=t\nFoo[de]=1\n", "[Step 1] Foo[de]");
  assert_refused (HEAD "[Step 1]\nText=t\nQuestion=choice\nAsk=a\nChoices=x;y;z\n"
                  "Choices[de]=a;b\nAnswer=3\nExplain=e\n", "[Step 1] Choices[de]");
  assert_refused (HEAD "[Step 1]\nText=t\nExplain[fr]=x\n", "[Step 1] Question");
}

/* A number question about a quantity the model leaves undefined (an ion
 * the cell lacks) can have no right answer: it costs no attempt. */
static void
test_undefined_costs_nothing (void)
{
  g_autoptr (MlLesson) lesson = ml_lesson_load_data (HEAD "[Step 1]\nText=t\n"
                                                     "Question=number\nAsk=a\nQuantity=e.Xx\n"
                                                     "Tolerance=1\nExplain=e\n", -1, NULL);
  g_autoptr (MlCell) cell = ml_cell_new ();
  const MlLessonStep *step;
  MlLessonAnswer answer = { .number = "-70" };
  MlSolution sol;

  g_assert_nonnull (lesson);
  step = ml_lesson_get_step (lesson, 0);
  g_assert_true (ml_presets_load (cell, "mammalian-neuron", NULL));
  ml_cell_solve (cell, &sol);
  g_assert_cmpint (ml_lesson_step_check (step, &sol, &sol, &answer, NULL), ==,
                   ML_LESSON_NOT_A_NUMBER);
}

/* A setting the cell cannot take leaves the cell as it was. */
static void
test_apply_is_whole (void)
{
  g_autoptr (MlLesson) lesson = ml_lesson_load_data (HEAD "[Step 1]\nText=t\n"
                                                     "Set=K.out=20;Mg.in=1\n", -1, NULL);
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (GError) error = NULL;
  double k_out = 0;

  g_assert_nonnull (lesson);
  g_assert_true (ml_presets_load (cell, "mammalian-neuron", NULL));
  g_assert_false (ml_lesson_step_apply (ml_lesson_get_step (lesson, 0), cell, ML_PUMP_KINETIC,
                                        &error));
  g_assert_nonnull (strstr (error->message, "Mg.in"));
  g_assert_true (ml_params_get_value (cell, "K.out", &k_out));
  assert_close (k_out, 5.0, 0);
}

/* One range of Donnan valences for the reader, the calculator and the
 * window: every valence the reader takes the core solves (a -3 was taken
 * by the reader and refused by the window and membrane-calc). */
static void
test_donnan_valence (void)
{
  for (int z = -12; z <= 1; z++)
    {
      g_autofree char *data = g_strdup_printf (HEAD "[Step 1]\nText=t\nDonnan=120,%d,100\n", z);
      g_autoptr (GError) error = NULL;
      g_autoptr (MlLesson) lesson = ml_lesson_load_data (data, -1, &error);
      MlDonnan d;

      g_assert_cmpint (lesson != NULL, ==, ml_donnan_valence_is_valid (z));
      g_assert_cmpint (ml_donnan_open_bath (120, z, 100, 37, &d), ==, ml_donnan_valence_is_valid (z));
      if (lesson == NULL)
        {
          g_assert_nonnull (strstr (error->message, "[Step 1] Donnan"));
          continue;
        }
      g_assert_cmpint (ml_lesson_get_step (lesson, 0)->donnan_valence, ==, z);
    }
  /* Hand calculation, open bath: K_in − Cl_in = 3·120 = 360 and
   * K_in·Cl_in = 100², so K_in = (360 + √(360² + 4·100²))/2 = 385.91 mM. */
  {
    MlDonnan d;

    g_assert_true (ml_donnan_open_bath (120, -3, 100, 37, &d));
    assert_close (d.k_in, 385.91, 0.01);
  }
  g_assert_true (ml_donnan_valence_is_valid (-10));
  g_assert_false (ml_donnan_valence_is_valid (-11));
  g_assert_false (ml_donnan_valence_is_valid (0));
}

/* A lesson file's error names the file, whether it is missing or wrong
 * ("No such file or directory" alone, before). */
static void
test_file_errors_name_the_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ml-lesson-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "week3-missing.lesson", NULL);
  g_autofree char *broken = g_build_filename (dir, "week3-broken.lesson", NULL);
  g_autoptr (GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr (GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr (GError) error = NULL;
  MlLesson *lesson;

  lesson = ml_lesson_load_file (missing_file, NULL, &error);
  g_assert_null (lesson);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "week3-missing.lesson"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (broken, HEAD "[Step 1]\nText=t\nDonnan=120,1,100\n", -1,
                                      NULL));
  lesson = ml_lesson_load_file (broken_file, NULL, &error);
  g_assert_null (lesson);
  g_assert_true (error->domain == ML_SCENARIO_ERROR);
  g_assert_nonnull (strstr (error->message, "week3-broken.lesson"));
  g_assert_nonnull (strstr (error->message, "[Step 1] Donnan"));
  g_remove (broken);
  g_rmdir (dir);
}

/* The lesson format, from a review of hostile lessons. */
static void
test_format_review (void)
{
  const char *old = g_getenv ("LANGUAGE");
  g_autofree char *saved = g_strdup (old);
  const char *choice_de_only = HEAD "[Step 1]\nText=t\nQuestion=choice\nAsk=a\n"
                               "Choices[de]=x;y\nAnswer=1\nExplain=e\n";

  /* Choices[de] alone: refused in every language, German included. */
  assert_refused (choice_de_only, "[Step 1] Choices");
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_MESSAGES, "C.UTF-8");
  assert_refused (choice_de_only, "[Step 1] Choices");
  {
    /* "\;" is a semicolon inside a choice, in German too. */
    g_autoptr (GError) error = NULL;
    g_autoptr (MlLesson) lesson = ml_lesson_load_data (
      HEAD "[Step 1]\nText=t\nQuestion=choice\nAsk=a\nChoices=K\\; Na;Cl\n"
      "Choices[de]=K\\; Na (de);Cl (de)\nAnswer=1\nExplain=e\n", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ml_lesson_get_step (lesson, 0)->n_choices, ==, 2);
    g_assert_cmpstr (ml_lesson_get_step (lesson, 0)->choices[0], ==, "K; Na (de)");
  }
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (MlLesson) lesson = ml_lesson_load_data (
      HEAD "[Step 1]\nText=t\nQuestion=choice\nAsk=a\nChoices=K\\; Na;Cl;Ca\nAnswer=1\n"
      "Explain=e\n", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ml_lesson_get_step (lesson, 0)->n_choices, ==, 3);
    g_assert_cmpstr (ml_lesson_get_step (lesson, 0)->choices[0], ==, "K; Na");
    g_assert_cmpstr (ml_lesson_get_step (lesson, 0)->choices[1], ==, "Cl");
  }
  /* Empty texts, in any language. */
  assert_refused ("[Lesson]\nVersion=1\nTitle=\n[Step 1]\nText=t\n", "[Lesson] Title");
  assert_refused (HEAD "[Step 1]\nText=\n", "[Step 1] Text");
  assert_refused (HEAD "[Step 1]\nText=  \n", "[Step 1] Text");
  assert_refused (HEAD "[Step 1]\nText=t\nText[de]=\n", "[Step 1] Text[de]");
  assert_refused (HEAD "[Step 1]\nTitle=\nText=t\n", "[Step 1] Title");
  /* A group or a key given twice names both lines (1-based: [Lesson] is
   * line 1). */
  assert_refused (HEAD "[Step 1]\nText=t\n[Step 1]\nText=u\n", "lines 4 and 6");
  assert_refused (HEAD "[Step 1]\nText=t\n[Step 1]\nText=u\n", "[Step 1]");
  assert_refused (HEAD "[Step 1]\nText=t\n\n# note\nText = u\n", "[Step 1] Text");
  assert_refused (HEAD "[Step 1]\nText=t\n\n# note\nText = u\n", "lines 5 and 8");
  assert_refused ("[Lesson]\nVersion=1\nTitle=T\nTitle=U\n[Step 1]\nText=t\n", "lines 3 and 4");
}

/* The lesson in German is read in German and walks the same. */
static void
test_german (void)
{
  g_autoptr (MlLesson) lesson = NULL;
  const char *old = g_getenv ("LANGUAGE");
  g_autofree char *saved = g_strdup (old);

  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_MESSAGES, "C.UTF-8");
  lesson = ml_lessons_load ("nernst", NULL);
  g_assert_nonnull (lesson);
  g_assert_cmpstr (ml_lesson_get_title (lesson), ==, "Das Nernst-Potential");
  for (guint i = 0; i < ml_lesson_get_n_steps (lesson); i++)
    g_assert_true (g_utf8_validate (ml_lesson_get_step (lesson, i)->text, -1, NULL));
  walk_lesson ("nernst", NULL, 0);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* What each lesson says around its numbers holds for those numbers. */
static void
test_lessons_tell_the_truth (void)
{
  MlSolution befores[8], afters[8];
  MlTemperatureSplit splits[8];
  g_autoptr (MlLesson) lesson = NULL;
  g_autoptr (MlCell) cell = ml_cell_new ();
  const MlIonResult *k, *na;
  MlSolution rest;
  double g_k, g_na;

  /* driving-force, step 4, at −70 mV with 4 mM K⁺ outside: the issue's
   * independent re-computation gives a driving-force ratio of about 5.2
   * (130.6/25.0) and a chord-conductance ratio g_K/g_Na of about 4.5, far
   * from the permeabilities' 20; so |I_Na| > |I_K|. */
  walk_lesson_full ("driving-force", befores, afters, NULL, G_N_ELEMENTS (afters));
  lesson = ml_lessons_load ("driving-force", NULL);
  k = ion_of (&afters[3], "K");
  na = ion_of (&afters[3], "Na");
  g_k = k->current_ua_cm2 / k->driving_force_mv;
  g_na = na->current_ua_cm2 / na->driving_force_mv;
  assert_close (fabs (na->driving_force_mv / k->driving_force_mv), 5.2, 0.05);
  assert_close (g_k / g_na, 4.5, 0.05);
  g_assert_cmpfloat (fabs (na->current_ua_cm2), >, fabs (k->current_ua_cm2));
  {
    double value;

    /* {rest} is the free cell's V_m (−70.83 mV: the preset's pump Ī is
     * fitted with its NKCC1 and Ca²⁺ pump), not the clamp's −70. */
    g_assert_true (ml_lesson_quantity (ml_lesson_get_step (lesson, 3), "rest", &afters[3],
                                       &value, NULL));
    g_assert_true (ml_presets_load (cell, "mammalian-neuron", NULL));
    g_assert_true (ml_params_set_value (cell, "K.out", 4.0));
    ml_cell_solve (cell, &rest);
    assert_close (value, rest.vm_mv, 1e-9);
    assert_close (value, -70.83, 0.01);
    /* "Even there the Na⁺ current is larger in size than the K⁺ current." */
    g_assert_cmpfloat (fabs (ion_of (&rest, "Na")->current_ua_cm2), >,
                       fabs (ion_of (&rest, "K")->current_ua_cm2));
  }

  /* two-forces, step 4: both pushes on Na⁺ inward, so they add. */
  walk_lesson_full ("two-forces", befores, afters, NULL, G_N_ELEMENTS (afters));
  na = ion_of (&afters[3], "Na");
  g_assert_cmpfloat (na->chemical_push_mv, <, 0);
  g_assert_cmpfloat (na->electrical_push_mv, <, 0);
  assert_close (na->driving_force_mv, na->chemical_push_mv + na->electrical_push_mv, 1e-9);

  /* pump: the default neuron, as the chapter's −70 → −66 mV on
   * poisoning (Purves et al. 2018, ch. 4), within 1.5 mV; the step is the
   * pump's own share, and the time course is already recording when the
   * pump is blocked, so the block is an event of a run of the pumped
   * cell and the rundown follows it. */
  walk_lesson_full ("pump", befores, afters, NULL, G_N_ELEMENTS (afters));
  g_clear_pointer (&lesson, ml_lesson_free);
  lesson = ml_lessons_load ("pump", NULL);
  g_assert_cmpstr (ml_lesson_get_preset (lesson), ==, "mammalian-neuron");
  assert_close (befores[2].vm_mv, -70.0, 1.5);
  assert_close (afters[2].vm_mv, -66.0, 1.5);
  assert_close (afters[2].vm_mv - befores[2].vm_mv, -befores[2].pump_contribution_mv, 1e-9);
  g_assert_cmpfloat (ml_lesson_get_step (lesson, 1)->run_speed, >, 0);
  g_assert_cmpint (ml_lesson_get_step (lesson, 2)->pump, ==, ML_LESSON_PUMP_BLOCK);

  /* temperature, 37 → 17 °C as the chapter's experiment: the choice
   * marked right is the larger part of the core's split, in each cell;
   * and a slowed pump gives back at most its share of V_m. */
  walk_lesson_full ("temperature", befores, afters, splits, G_N_ELEMENTS (afters));
  g_clear_pointer (&lesson, ml_lesson_free);
  lesson = ml_lessons_load ("temperature", NULL);
  for (guint i = 0; i < ml_lesson_get_n_steps (lesson); i++)
    {
      const MlLessonStep *step = ml_lesson_get_step (lesson, i);
      gboolean rtf_larger;

      if (step->ask != ML_LESSON_ASK_CHOICE)
        continue;
      g_assert_true (isfinite (splits[i].thermodynamic_mv));
      assert_close (befores[i].temperature_c, 37.0, 1e-12);
      assert_close (afters[i].temperature_c, 17.0, 1e-12);
      rtf_larger = fabs (splits[i].thermodynamic_mv) > fabs (splits[i].kinetic_mv);
      g_assert_cmpuint (step->answer, ==, rtf_larger ? 0 : 1);
      g_assert_cmpfloat (fabs (splits[i].kinetic_mv), <=, fabs (befores[i].pump_contribution_mv));
      /* Both parts depolarise. */
      g_assert_cmpfloat (splits[i].thermodynamic_mv, >, 0);
      g_assert_cmpfloat (splits[i].kinetic_mv, >, 0);
    }

  /* cardiac-potassium: the bath is in the normal range the text gives,
   * 3.5–5 mM (Weiss et al. 2017). */
  g_clear_pointer (&lesson, ml_lesson_free);
  lesson = ml_lessons_load ("cardiac-potassium", NULL);
  {
    g_autoptr (MlCell) heart = lesson_cell (lesson);
    double k_out;

    g_assert_true (ml_lesson_step_apply (ml_lesson_get_step (lesson, 0), heart, ML_PUMP_KINETIC,
                                         NULL));
    g_assert_true (ml_params_get_value (heart, "K.out", &k_out));
    g_assert_cmpfloat (k_out, >=, 3.5);
    g_assert_cmpfloat (k_out, <=, 5.0);
  }
}

/* A direction answer names the sign: "up" for a negative potential is
 * ambiguous (cooling makes E_K smaller and less negative). */
static void
test_direction_words (void)
{
  g_autoptr (MlLesson) lesson = ml_lesson_load_data (
    "[Lesson]\nVersion=1\nTitle=T\n"
    "[Step 1]\nText=t\nQuestion=direction\nAsk=a\nSet=K.out=20\nExplain=e\n"
    "[Step 2]\nText=t\nQuestion=direction\nAsk=a\nSet=radius=20\nQuantity=fraction\nExplain=e\n",
    -1, NULL);
  MlSolution sol = { 0 };

  g_assert_nonnull (lesson);
  sol.vm_defined = TRUE;
  sol.vm_mv = -69.1;
  g_assert_cmpstr (ml_lesson_direction_label (ml_lesson_get_step (lesson, 0), &sol, ML_LESSON_UP),
                   ==, "Less negative");
  g_assert_cmpstr (ml_lesson_direction_label (ml_lesson_get_step (lesson, 0), &sol, ML_LESSON_DOWN),
                   ==, "More negative");
  sol.vm_mv = 17.1;
  g_assert_cmpstr (ml_lesson_direction_label (ml_lesson_get_step (lesson, 0), &sol, ML_LESSON_UP),
                   ==, "More positive");
  g_assert_cmpstr (ml_lesson_direction_label (ml_lesson_get_step (lesson, 0), &sol, ML_LESSON_DOWN),
                   ==, "Less positive");
  g_assert_cmpstr (ml_lesson_direction_label (ml_lesson_get_step (lesson, 0), &sol, ML_LESSON_SAME),
                   ==, "Stays the same");
  g_assert_cmpstr (ml_lesson_direction_label (ml_lesson_get_step (lesson, 1), &sol, ML_LESSON_DOWN),
                   ==, "Smaller");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lesson/every-lesson-walks", test_every_lesson_walks);
  g_test_add_func ("/lesson/textbook-numbers", test_textbook_numbers);
  g_test_add_func ("/lesson/fill", test_fill);
  g_test_add_func ("/lesson/bad-lessons", test_bad_lessons);
  g_test_add_func ("/lesson/apply-is-whole", test_apply_is_whole);
  g_test_add_func ("/lesson/undefined-costs-nothing", test_undefined_costs_nothing);
  g_test_add_func ("/lesson/german", test_german);
  g_test_add_func ("/lesson/lessons-tell-the-truth", test_lessons_tell_the_truth);
  g_test_add_func ("/lesson/direction-words", test_direction_words);
  g_test_add_func ("/lesson/donnan-valence", test_donnan_valence);
  g_test_add_func ("/lesson/file-errors-name-the-file", test_file_errors_name_the_file);
  g_test_add_func ("/lesson/format-review", test_format_review);
  return g_test_run ();
}
