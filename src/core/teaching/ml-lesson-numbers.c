/* ml-lesson-numbers.c — a lesson's quantities, its explanations filled
 * with them, and the check of a prediction
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson's text names a quantity ({vm}, {e.K}, {before.dg.Na}); the
 * value comes from a solution the core computed, formatted with its unit
 * through ml-format.  A prediction is read as a practice answer is
 * (ml_practice_parse_in_unit) and compared with the quantity after the
 * step within the step's tolerance.
 */
#define G_LOG_DOMAIN "ml-lesson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-lesson.h"
#include "ml-cell-pump.h"
#include "ml-lesson-private.h"
#include "ml-format.h"
#include "ml-physics.h"
#include "ml-practice.h"

#include <math.h>
#include <string.h>

/* Quantities --------------------------------------------------------------- */

typedef enum
{
  Q_VM, Q_REST, Q_GHK, Q_PUMP, Q_PUMP_CURRENT, Q_RTF, Q_T, Q_IONS, Q_FRACTION, Q_ONE_IN,
  Q_SLOPE, Q_SPLIT_RTF, Q_SPLIT_PUMP,
  Q_E, Q_DF, Q_CURRENT, Q_CONDUCTANCE, Q_DG, Q_DG_CHEM, Q_DG_EL, Q_P,
  Q_DONNAN_VM, Q_DONNAN_RATIO, Q_DONNAN_K, Q_DONNAN_CL, Q_DONNAN_OSM,
} Quantity;

static const struct
{
  const char *name;
  Quantity    q;
  gboolean    per_ion;
  const char *unit;
  int         decimals;   /* -1: a count in words, -2: significant digits */
} quantities[] = {
  { "vm", Q_VM, FALSE, "mV", 1 },
  { "rest", Q_REST, FALSE, "mV", 1 },
  { "ghk", Q_GHK, FALSE, "mV", 1 },
  { "pump", Q_PUMP, FALSE, "mV", 1 },
  { "pump-current", Q_PUMP_CURRENT, FALSE, "µA/cm²", 3 },
  { "rtf", Q_RTF, FALSE, "mV", 2 },
  { "t", Q_T, FALSE, "°C", 1 },
  { "ions", Q_IONS, FALSE, "", -1 },
  { "fraction", Q_FRACTION, FALSE, "%", -2 },
  { "one-in", Q_ONE_IN, FALSE, "", -1 },
  { "slope", Q_SLOPE, FALSE, "mV", 1 },
  { "split.rtf", Q_SPLIT_RTF, FALSE, "mV", 1 },
  { "split.pump", Q_SPLIT_PUMP, FALSE, "mV", 1 },
  { "e", Q_E, TRUE, "mV", 1 },
  { "df", Q_DF, TRUE, "mV", 1 },
  { "i", Q_CURRENT, TRUE, "µA/cm²", 3 },
  { "g", Q_CONDUCTANCE, TRUE, "mS/cm²", -2 },
  { "dg", Q_DG, TRUE, "kJ/mol", 2 },
  { "dgchem", Q_DG_CHEM, TRUE, "kJ/mol", 2 },
  { "dgel", Q_DG_EL, TRUE, "kJ/mol", 2 },
  { "p", Q_P, TRUE, "", -2 },
  { "donnan.vm", Q_DONNAN_VM, FALSE, "mV", 1 },
  { "donnan.ratio", Q_DONNAN_RATIO, FALSE, "", -2 },
  { "donnan.k", Q_DONNAN_K, FALSE, "mM", -2 },
  { "donnan.cl", Q_DONNAN_CL, FALSE, "mM", -2 },
  { "donnan.osm", Q_DONNAN_OSM, FALSE, "mOsm", -2 },
};

/* "e.K" → the entry of "e" and the ion "K"; "before." and "change." are
 * stripped by the caller. */
static int
find_quantity (const char  *name,
               const char **ion)
{
  for (guint i = 0; i < G_N_ELEMENTS (quantities); i++)
    {
      gsize len = strlen (quantities[i].name);

      if (strncmp (name, quantities[i].name, len) != 0)
        continue;
      if (!quantities[i].per_ion && name[len] == '\0')
        {
          *ion = NULL;
          return i;
        }
      if (quantities[i].per_ion && name[len] == '.' && name[len + 1] != '\0'
          && strlen (name + len + 1) < ML_ION_NAME_MAX)
        {
          *ion = name + len + 1;
          return i;
        }
    }
  return -1;
}

static const char *
strip_when (const char *name,
            int        *when)
{
  *when = 0;
  if (g_str_has_prefix (name, "before."))
    {
      *when = 1;
      return name + 7;
    }
  if (g_str_has_prefix (name, "change."))
    {
      *when = 2;
      return name + 7;
    }
  return name;
}

gboolean
_ml_lesson_quantity_name_is_valid (const char *name)
{
  const char *ion;
  int when;

  return find_quantity (strip_when (name, &when), &ion) >= 0;
}

static const MlIonResult *
find_ion (const MlSolution *sol,
          const char       *name)
{
  for (guint i = 0; i < sol->n_ions; i++)
    if (g_ascii_strcasecmp (sol->ions[i].ion.name, name) == 0)
      return &sol->ions[i];
  return NULL;
}

static gboolean
quantity_value (const MlLessonStep       *step,
                int                       entry,
                const char               *ion_name,
                const MlSolution         *sol,
                const MlTemperatureSplit *split,
                double                   *value)
{
  const MlIonResult *ion = ion_name != NULL ? find_ion (sol, ion_name) : NULL;
  MlDonnan donnan;
  gboolean nernst, dg;

  if (quantities[entry].per_ion && ion == NULL)
    return FALSE;
  nernst = ion != NULL && ion->nernst_state == ML_NERNST_DEFINED;
  dg = ion != NULL && ion->delta_g_defined && sol->vm_defined;
  switch (quantities[entry].q)
    {
    case Q_VM:
      *value = sol->vm_mv;
      return sol->vm_defined;
    case Q_REST:
      /* The cell's own resting potential, also where a clamp holds V. */
      *value = sol->vm_rest_mv;
      return sol->condition == ML_CONDITION_NONE;
    case Q_SPLIT_RTF:
      *value = split != NULL ? split->thermodynamic_mv : 0;
      return split != NULL;
    case Q_SPLIT_PUMP:
      *value = split != NULL ? split->kinetic_mv : 0;
      return split != NULL;
    case Q_GHK:
      *value = sol->vm_ghk_mv;
      return sol->ghk_condition == ML_CONDITION_NONE;
    case Q_PUMP:
      *value = sol->pump_contribution_mv;
      return sol->vm_defined;
    case Q_PUMP_CURRENT:
      *value = sol->pump_current_ua_cm2;
      return sol->vm_defined;
    case Q_RTF:
      *value = sol->rt_over_f_mv;
      return TRUE;
    case Q_T:
      *value = sol->temperature_c;
      return TRUE;
    case Q_IONS:
      *value = sol->charge.ions_moved;
      return sol->vm_defined;
    case Q_FRACTION:
      *value = 100.0 * sol->charge.fraction;
      return sol->vm_defined && sol->charge.fraction_defined;
    case Q_ONE_IN:
      *value = sol->charge.fraction > 0 ? 1.0 / sol->charge.fraction : 0;
      return sol->vm_defined && sol->charge.fraction_defined && sol->charge.fraction > 0;
    case Q_SLOPE:
      *value = sol->rt_over_f_mv * G_LN10;
      return TRUE;
    case Q_E:
      *value = ion->nernst_mv;
      return nernst;
    case Q_DF:
      *value = ion->driving_force_mv;
      return nernst && sol->vm_defined;
    case Q_CURRENT:
      *value = ion->current_ua_cm2;
      return sol->vm_defined;
    case Q_CONDUCTANCE:
      /* The chord conductance I/(V − E): µA/cm² per mV is mS/cm². */
      if (!nernst || !sol->vm_defined || fabs (ion->driving_force_mv) < 1e-9)
        return FALSE;
      *value = ion->current_ua_cm2 / ion->driving_force_mv;
      return TRUE;
    case Q_DG:
      *value = ion->delta_g_total / 1000.0;
      return dg;
    case Q_DG_CHEM:
      *value = ion->delta_g_chemical / 1000.0;
      return dg;
    case Q_DG_EL:
      *value = ion->delta_g_electrical / 1000.0;
      return dg;
    case Q_P:
      *value = ion->p_relative;
      return ion->permeant;
    case Q_DONNAN_VM:
    case Q_DONNAN_RATIO:
    case Q_DONNAN_K:
    case Q_DONNAN_CL:
    case Q_DONNAN_OSM:
      if (!step->has_donnan
          || !ml_donnan_open_bath (step->donnan_anion_mm, step->donnan_valence,
                                   step->donnan_bath_mm, sol->temperature_c, &donnan))
        return FALSE;
      switch (quantities[entry].q)
        {
        case Q_DONNAN_VM: *value = donnan.vm_mv; break;
        case Q_DONNAN_RATIO: *value = donnan.ratio; break;
        case Q_DONNAN_K: *value = donnan.k_in; break;
        case Q_DONNAN_CL: *value = donnan.cl_in; break;
        default: *value = donnan.osmotic_excess_mosm; break;
        }
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
ml_lesson_quantity (const MlLessonStep  *step,
                    const char          *name,
                    const MlSolution    *sol,
                    double              *value,
                    const char         **unit)
{
  const char *ion;
  int entry;

  g_return_val_if_fail (step != NULL && name != NULL && sol != NULL && value != NULL, FALSE);

  entry = find_quantity (name, &ion);
  if (entry < 0)
    return FALSE;
  if (unit != NULL)
    *unit = quantities[entry].unit;
  return quantity_value (step, entry, ion, sol, NULL, value) && isfinite (*value);
}

static void
append_quantity (GString    *s,
                 int         entry,
                 double      value,
                 gboolean    plus)
{
  const char *unit = quantities[entry].unit;

  if (quantities[entry].decimals == -1)
    ml_format_append_count (s, value);
  else if (quantities[entry].decimals == -2)
    ml_format_append_significant (s, value, 3);
  else
    ml_format_append_fixed (s, value, quantities[entry].decimals, plus);
  /* A no-break space: a number is never parted from its unit; and a word
   * joiner after a slash keeps "µA/cm²" on one line. */
  if (unit[0] != '\0' && strcmp (unit, "%") != 0)
    g_string_append (s, "\u00a0");
  for (const char *u = unit; *u != '\0'; u++)
    {
      g_string_append_c (s, *u);
      if (*u == '/')
        g_string_append (s, "\u2060");
    }
}

/* A potential is written with its sign, "+60.6 mV" as "−89.1 mV", as
 * physiology writes E_Na; RT/F and the Nernst slope are sizes. */
static gboolean
is_signed (int entry)
{
  return strcmp (quantities[entry].unit, "mV") == 0 && quantities[entry].q != Q_RTF
         && quantities[entry].q != Q_SLOPE;
}

char *
ml_lesson_fill (const MlLessonStep *step,
                const char         *text,
                const MlSolution   *before,
                const MlSolution   *after)
{
  return ml_lesson_fill_split (step, text, before, after, NULL);
}

char *
ml_lesson_fill_split (const MlLessonStep       *step,
                      const char               *text,
                      const MlSolution         *before,
                      const MlSolution         *after,
                      const MlTemperatureSplit *split)
{
  GString *s;
  const char *p;

  g_return_val_if_fail (step != NULL && before != NULL && after != NULL, NULL);

  if (text == NULL)
    return g_strdup ("");
  s = g_string_new (NULL);
  for (p = text; *p != '\0';)
    {
      const char *open = strchr (p, '{');
      const char *close = open != NULL ? strchr (open, '}') : NULL;
      g_autofree char *name = NULL;
      const char *base, *ion;
      double a = 0, b = 0;
      int when, entry;
      gboolean ok;

      if (close == NULL)
        {
          g_string_append (s, p);
          break;
        }
      g_string_append_len (s, p, open - p);
      p = close + 1;
      name = g_strndup (open + 1, close - open - 1);
      base = strip_when (name, &when);
      entry = find_quantity (base, &ion);
      if (entry < 0)
        {
          g_string_append (s, "—");
          continue;
        }
      ok = quantity_value (step, entry, ion, after, split, &a) && isfinite (a);
      if (when != 0)
        ok = quantity_value (step, entry, ion, before, split, &b) && isfinite (b) && (when == 1 || ok);
      if (!ok)
        g_string_append (s, "—");
      else if (when == 1)
        append_quantity (s, entry, b, is_signed (entry));
      else if (when == 2)
        append_quantity (s, entry, a - b, TRUE);
      else
        append_quantity (s, entry, a, is_signed (entry));
    }
  return g_string_free (s, FALSE);
}

/* Checking ----------------------------------------------------------------- */

MlLessonDirection
ml_lesson_step_direction (const MlLessonStep *step,
                          const MlSolution   *before,
                          const MlSolution   *after)
{
  double a = 0, b = 0;
  const char *name = step->quantity != NULL ? step->quantity : "vm";

  if (!ml_lesson_quantity (step, name, before, &b, NULL)
      || !ml_lesson_quantity (step, name, after, &a, NULL) || fabs (a - b) <= step->tolerance)
    return ML_LESSON_SAME;
  return a > b ? ML_LESSON_UP : ML_LESSON_DOWN;
}

/* A typed answer, "−82,6 mV", "-0.0826 V", read as practice problems read
 * theirs; a quantity without a unit of the practice's takes plain
 * numbers. */
static MlLessonVerdict
parse_answer (const char  *text,
              const char  *unit,
              double      *value,
              char       **message)
{
  MlPracticeUnit kind = ML_PRACTICE_UNIT_RATIO;
  MlPracticeVerdict verdict;

  if (strcmp (unit, "mV") == 0)
    kind = ML_PRACTICE_UNIT_MILLIVOLT;
  else if (strcmp (unit, "kJ/mol") == 0)
    kind = ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE;
  else if (strcmp (unit, "mM") == 0)
    kind = ML_PRACTICE_UNIT_MILLIMOLAR;
  else if (unit[0] == '\0')
    kind = ML_PRACTICE_UNIT_ION_COUNT;
  if (ml_practice_parse_in_unit (kind, text, value, &verdict))
    return ML_LESSON_RIGHT;
  *message = ml_practice_refusal_message (kind, text, verdict);
  return verdict == ML_PRACTICE_WRONG_UNIT ? ML_LESSON_WRONG_UNIT : ML_LESSON_NOT_A_NUMBER;
}

MlLessonVerdict
ml_lesson_step_check (const MlLessonStep   *step,
                      const MlSolution     *before,
                      const MlSolution     *after,
                      const MlLessonAnswer *answer,
                      char                **message)
{
  char *ignored = NULL;
  char **msg = message != NULL ? message : &ignored;
  MlLessonVerdict verdict = ML_LESSON_WRONG;
  const char *unit = "";
  double right = 0, typed = 0;

  g_return_val_if_fail (step != NULL && answer != NULL, ML_LESSON_WRONG);

  *msg = NULL;
  switch (step->ask)
    {
    case ML_LESSON_ASK_DIRECTION:
      verdict = answer->direction == ml_lesson_step_direction (step, before, after)
                ? ML_LESSON_RIGHT : ML_LESSON_WRONG;
      break;
    case ML_LESSON_ASK_CHOICE:
      verdict = answer->choice == step->answer ? ML_LESSON_RIGHT : ML_LESSON_WRONG;
      break;
    case ML_LESSON_ASK_NUMBER:
      if (!ml_lesson_quantity (step, step->quantity, after, &right, &unit))
        {
          /* No answer can be right: it costs no attempt. */
          *msg = g_strdup (_("The model leaves this quantity undefined here"));
          verdict = ML_LESSON_NOT_A_NUMBER;
          break;
        }
      verdict = parse_answer (answer->number, unit, &typed, msg);
      if (verdict == ML_LESSON_RIGHT)
        verdict = fabs (typed - right) <= step->tolerance ? ML_LESSON_RIGHT : ML_LESSON_WRONG;
      break;
    case ML_LESSON_ASK_NONE:
    default:
      verdict = ML_LESSON_RIGHT;
      break;
    }
  g_free (ignored);
  return verdict;
}

/* The temperature split ----------------------------------------------------- */

gboolean
ml_lesson_step_split (const MlLessonStep *step,
                      MlCell             *before,
                      MlCell             *after,
                      MlTemperatureSplit *out)
{
  g_return_val_if_fail (step != NULL && out != NULL, FALSE);

  if (step->preset != NULL || step->pump != ML_LESSON_PUMP_KEEP)
    return FALSE;
  return ml_cell_split_temperature_change (before, after, out);
}

/* Direction words ----------------------------------------------------------- */

const char *
ml_lesson_direction_label (const MlLessonStep *step,
                           const MlSolution   *before,
                           MlLessonDirection   direction)
{
  const char *name = step->quantity != NULL ? step->quantity : "vm";
  const char *unit = "";
  double value = 0;
  gboolean potential;

  g_return_val_if_fail (step != NULL && before != NULL, "");

  if (direction == ML_LESSON_SAME)
    /* Translators: an answer to "which way does V_m go?" */
    return C_("prediction", "Stays the same");
  /* "Up" and "down" are ambiguous for a negative potential (a smaller E_K
   * is a less negative one), so a potential's answers name its sign. */
  potential = ml_lesson_quantity (step, name, before, &value, &unit) && strcmp (unit, "mV") == 0;
  if (potential && value < 0)
    return direction == ML_LESSON_UP
           /* Translators: an answer to "which way does V_m go?" for a
            * negative potential (−70 → −60 mV) */
           ? C_("prediction", "Less negative")
           /* Translators: −70 → −80 mV */
           : C_("prediction", "More negative");
  if (potential)
    return direction == ML_LESSON_UP
           /* Translators: +50 → +60 mV */
           ? C_("prediction", "More positive")
           /* Translators: +50 → +40 mV */
           : C_("prediction", "Less positive");
  return direction == ML_LESSON_UP
         /* Translators: an answer to "which way does it go?" for a
          * quantity that is not a potential (a share, a count) */
         ? C_("prediction", "Larger")
         : C_("prediction", "Smaller");
}
