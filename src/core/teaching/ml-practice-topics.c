/* ml-practice-topics.c — the values, questions and worked solutions of each topic
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each topic draws its values from the ranges of a mammalian cell, rounded
 * as a textbook would print them, with a small PRNG of its own (splitmix64)
 * rather than g_random or rand(): a set must come out the same on every
 * machine and with every GLib.  The values are chosen as n/den for whole
 * numbers, so the printed value and the value computed with are the same
 * decimal.  Every answer is the core's (ml-physics, ml_cell_solve_at); this
 * file only chooses values and writes the sentences around them.
 */
#define G_LOG_DOMAIN "ml-practice"

#include "config.h"

#include "ml-practice.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ml-cell.h"
#include "ml-format.h"
#include "ml-physics.h"
#include "ml-practice-private.h"
#include "ml-solution.h"

/* ------------------------------------------------------------------------ */
/* Random values                                                            */

typedef struct
{
  guint64 state;
} Rng;

/* splitmix64 (Steele, Lea & Flood 2014), as in Vigna's reference code. */
static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
rng_init (Rng             *rng,
          MlPracticeTopic  topic,
          guint64          seed,
          guint            index)
{
  /* Seed, topic and index are mixed through the generator in turn, so
   * neighbouring seeds or indices do not give correlated streams. */
  rng->state = seed;
  rng->state = rng_next (rng) ^ ((guint64) topic + 1) * G_GUINT64_CONSTANT (0xD1B54A32D192ED03);
  rng->state = rng_next (rng) ^ ((guint64) index + 1) * G_GUINT64_CONSTANT (0x8CB92BA72F3D8DD7);
  rng_next (rng);
}

/* A whole number in [lo, hi]; the modulo bias is below 10⁻¹⁶ here. */
static int
rng_int (Rng *rng,
         int  lo,
         int  hi)
{
  g_assert (hi >= lo);
  return lo + (int) (rng_next (rng) % (guint64) (hi - lo + 1));
}

/* A value (lo + step·k)/den, a decimal as printed. */
typedef struct
{
  int lo, hi, step, den;
} Range;

static double
rng_range (Rng         *rng,
           const Range *range)
{
  int k = rng_int (rng, 0, (range->hi - range->lo) / range->step);

  return (double) (range->lo + range->step * k) / range->den;
}

/* The temperatures of the problems: body temperature most often, room
 * temperature and a warm bath sometimes. */
static double
rng_temperature (Rng *rng)
{
  static const double t[] = { 37, 37, 37, 37, 20, 22, 25, 30, 35 };

  return t[rng_int (rng, 0, G_N_ELEMENTS (t) - 1)];
}

/* V_m of a resting cell, −90 to −50 mV in whole millivolts. */
static double
rng_vm (Rng *rng)
{
  return rng_int (rng, -90, -50);
}

/* Mammalian concentrations (Hille, Ion Channels of Excitable Membranes,
 * 3rd ed., table 1.1, widened a little), in mM. */
typedef struct
{
  const char *name;
  int         z;
  Range       in;
  Range       out;
} IonRanges;

static const IonRanges ion_ranges[] = {
  { "K",  1,  { 120, 155, 5, 1 },  { 5, 20, 1, 2 } },      /* 2.5–10 mM by 0.5 */
  { "Na", 1,  { 5, 20, 1, 1 },     { 130, 150, 5, 1 } },
  { "Cl", -1, { 4, 30, 1, 1 },     { 100, 125, 5, 1 } },
  { "Ca", 2,  { 5, 20, 1, 100000 },{ 10, 25, 1, 10 } },    /* 50–200 nM; 1–2.5 mM */
};

enum { ION_K, ION_NA, ION_CL, ION_CA };

/* K⁺, Na⁺ and Cl⁻ in about equal shares; Ca²⁺ in one problem of @ca_in. */
static const IonRanges *
rng_ion (Rng *rng,
         int  ca_in)
{
  int k = rng_int (rng, 0, 3 * ca_in - 1);

  if (k < ca_in)
    return &ion_ranges[ION_CA];
  return &ion_ranges[(k - ca_in) % 3];
}

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

static void
add_given (MlProblem  *p,
           const char *key,
           double      value)
{
  g_assert (p->n_givens < MAX_GIVENS);
  p->givens[p->n_givens++] = (MlPracticeGiven) { key, value };
}

static char *
conc_text (double mm)
{
  g_autofree char *number = ml_format_significant (mm, 4);

  /* A calcium concentration inside is easier read in nM too. */
  if (mm > 0.0 && mm < 0.01)
    {
      g_autofree char *nm = ml_format_significant (mm * 1e6, 3);

      return g_strdup_printf ("%s mM (%s nM)", number, nm);
    }
  return g_strdup_printf ("%s\u00a0mM", number);
}

static char *
temp_text (double t_c)
{
  g_autofree char *number = ml_format_significant (t_c, 3);

  /* A no-break space: a line never parts a number from its unit. */
  return g_strdup_printf ("%s\u00a0°C", number);
}

static char *
mv_text (double  mv,
         int     decimals,
         gboolean plus)
{
  GString *s = g_string_new (NULL);

  ml_format_append_millivolts (s, mv, decimals, plus);
  return g_string_free (s, FALSE);
}

/* "5.49 × 10⁶" with @digits significant digits. */
static char *
sci_text (double x,
          int    digits)
{
  static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  GString *s = g_string_new (NULL);
  g_autofree char *exp_digits = NULL;
  double mantissa;
  int e;

  if (x == 0.0 || !isfinite (x))
    {
      ml_format_append_fixed (s, x, 0, FALSE);
      return g_string_free (s, FALSE);
    }
  e = (int) floor (log10 (fabs (x)));
  mantissa = x / pow (10.0, e);
  /* 9.996 at three digits is 10.0: carry into the exponent. */
  if (fabs (round (mantissa * pow (10.0, digits - 1))) >= pow (10.0, digits))
    {
      e++;
      mantissa /= 10.0;
    }
  ml_format_append_fixed (s, mantissa, digits - 1, FALSE);
  if (e == 0)
    return g_string_free (s, FALSE);
  g_string_append (s, " × 10");
  if (e < 0)
    g_string_append (s, "⁻");
  exp_digits = g_strdup_printf ("%d", abs (e));
  for (const char *c = exp_digits; *c != '\0'; c++)
    g_string_append (s, sup[*c - '0']);
  return g_string_free (s, FALSE);
}

static char *
valence_text (int z)
{
  return ml_format_fixed (z, 0, TRUE);
}

static char *
rt_f_text (double t_c)
{
  g_autofree char *rtf = ml_format_fixed (ml_rt_over_f_mv (t_c), 2, FALSE);
  g_autofree char *t = temp_text (t_c);

  /* Translators: a line of a worked solution; RT/F in mV at a temperature. */
  return g_strdup_printf (_("RT/F = %s mV at %s"), rtf, t);
}

/* @value as printed with @decimals, as a whole number of its last
 * decimal, read back from the printed text itself. */
static gint64
printed_units (double value,
               int    decimals)
{
  g_autofree char *text = ml_format_fixed (value, decimals, FALSE);
  gint64 units = 0;

  for (const char *c = text; *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      units = 10 * units + (*c - '0');
  return g_str_has_prefix (text, "−") ? -units : units;
}

/* "E_K = (RT/zF)·ln([K⁺]out/[K⁺]in) = (26.73 mV / +1)·ln(5/140) = −89.1 mV"
 * as the lines of a solution, in markup. */
static void
append_nernst_lines (GString          *s,
                     const IonRanges  *ion,
                     double            c_in,
                     double            c_out,
                     double            t_c,
                     double            e_mv,
                     gboolean          one_line)
{
  g_autofree char *label = ml_ion_label (ion->name, ion->z);
  g_autofree char *rtf = ml_format_fixed (ml_rt_over_f_mv (t_c), 2, FALSE);
  g_autofree char *z = valence_text (ion->z);
  g_autofree char *ci = ml_format_significant (c_in, 4);
  g_autofree char *co = ml_format_significant (c_out, 4);
  g_autofree char *e = mv_text (e_mv, 1, FALSE);
  g_autofree char *rt = rt_f_text (t_c);
  g_autofree char *rt_escaped = g_markup_escape_text (rt, -1);

  g_string_append_printf (s, "<i>E</i><sub>%s</sub> = (<i>RT</i>/<i>zF</i>)·"
                             "ln([%s]<sub>out</sub>/[%s]<sub>in</sub>)%s",
                          ion->name, label, label, one_line ? " " : "\n");
  if (!one_line)
    g_string_append_printf (s, "%s\n", rt_escaped);
  g_string_append_printf (s, "= (%s mV / %s)·ln(%s/%s)%s= %s", rtf, z, co, ci,
                          one_line ? " " : "\n", e);
}

static void
set_answer (MlProblem      *p,
            double          answer,
            MlPracticeUnit  unit,
            double          tolerance,
            char           *answer_text)
{
  p->answer = answer;
  p->unit = unit;
  p->tolerance = tolerance;
  p->answer_text = answer_text;
}

/* A translated sentence with its %s filled, as markup: the sentences carry
 * their own <i> and <sub>; the values filled in are escaped. */
static char *
markup_printf (const char *format,
               ...) G_GNUC_PRINTF (1, 2);

static char *
markup_printf (const char *format,
               ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return text;
}

/* ------------------------------------------------------------------------ */
/* Topics                                                                   */

/* A signed answer (a driving force, a ΔG) is at least this many
 * tolerances away from zero: no answer of the other sign is ever taken
 * as right, and the sign, which is the lesson, is never a matter of
 * rounding.  Values are drawn again until it is. */
#define SIGN_MARGIN 3.0

#define MV_TOLERANCE     0.5   /* mV */
#define KJ_TOLERANCE     0.2   /* kJ/mol */
#define MM_TOLERANCE     0.5   /* mM */

static void
make_nernst (MlProblem *p,
             Rng       *rng)
{
  const IonRanges *ion = rng_ion (rng, 4);
  double c_in = rng_range (rng, &ion->in), c_out = rng_range (rng, &ion->out);
  double t_c = rng_temperature (rng), e_mv = 0.0;
  g_autofree char *label = ml_ion_label (ion->name, ion->z);
  g_autofree char *ci = conc_text (c_in), *co = conc_text (c_out), *t = temp_text (t_c);
  GString *s = g_string_new (NULL);

  ml_nernst_mv (ion->z, c_in, c_out, t_c, &e_mv);
  p->asked = "E";
  p->ion = ion->name;
  add_given (p, "z", ion->z);
  add_given (p, "c_in", c_in);
  add_given (p, "c_out", c_out);
  add_given (p, "t_c", t_c);
  /* Translators: a practice problem.  The %s are, in order: an ion ("K⁺"),
   * its concentration inside and outside ("140 mM"), the ion again and a
   * temperature ("37 °C"). */
  p->question_markup = markup_printf (_("A cell holds %s at %s inside and %s outside. What is "
                                        "the equilibrium (Nernst) potential of %s at %s? Give "
                                        "it in mV."),
                                      label, ci, co, label, t);
  /* Translators: a hint; %s is an ion with its valence, "Ca²⁺".  Keep
   * the markup: <i>c</i><sub>out</sub> is c with the subscript "out". */
  p->hint_markup = markup_printf (_("Use the Nernst equation, <i>E</i> = (<i>RT</i>/<i>zF</i>)·"
                                    "ln(<i>c</i><sub>out</sub>/<i>c</i><sub>in</sub>), with the "
                                    "valence <i>z</i> of %s."), label);
  append_nernst_lines (s, ion, c_in, c_out, t_c, e_mv, FALSE);
  p->solution_markup = g_string_free (s, FALSE);
  set_answer (p, e_mv, ML_PRACTICE_UNIT_MILLIVOLT, MV_TOLERANCE, mv_text (e_mv, 1, FALSE));
}

static void
make_ghk (MlProblem *p,
          Rng       *rng)
{
  static const Range p_na_range = { 1, 10, 1, 100 };
  static const int p_cl_hundredths[] = { 0, 10, 20, 25, 30, 45, 50 };
  MlSpecies sp[3];
  double t_c = rng_temperature (rng), v = 0.0, num, den;
  g_autofree char *t = temp_text (t_c), *rt = rt_f_text (t_c), *rt_escaped = NULL;
  g_autofree char *rtf = ml_format_fixed (ml_rt_over_f_mv (t_c), 2, FALSE);
  char *sc[6];
  g_autofree char *sp_na = NULL, *sp_cl = NULL;
  g_autofree char *snum = NULL, *sden = NULL;
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < 3; i++)
    {
      const IonRanges *ion = &ion_ranges[i];

      sp[i] = (MlSpecies) { ion->z, rng_range (rng, &ion->in), rng_range (rng, &ion->out), 1.0 };
    }
  sp[1].p = rng_range (rng, &p_na_range);
  sp[2].p = p_cl_hundredths[rng_int (rng, 0, G_N_ELEMENTS (p_cl_hundredths) - 1)] / 100.0;
  ml_ghk_voltage_mv (sp, 3, t_c, &v);

  p->asked = "vm";
  add_given (p, "t_c", t_c);
  add_given (p, "k_in", sp[0].c_in);
  add_given (p, "k_out", sp[0].c_out);
  add_given (p, "na_in", sp[1].c_in);
  add_given (p, "na_out", sp[1].c_out);
  add_given (p, "cl_in", sp[2].c_in);
  add_given (p, "cl_out", sp[2].c_out);
  add_given (p, "p_k", sp[0].p);
  add_given (p, "p_na", sp[1].p);
  add_given (p, "p_cl", sp[2].p);
  for (guint i = 0; i < 3; i++)
    {
      sc[2 * i] = ml_format_significant (sp[i].c_in, 4);
      sc[2 * i + 1] = ml_format_significant (sp[i].c_out, 4);
    }
  sp_na = ml_format_significant (sp[1].p, 3);
  sp_cl = ml_format_significant (sp[2].p, 3);
  /* Translators: a practice problem.  The %s are, in order: a temperature
   * ("37 °C"); K⁺ inside and outside, Na⁺ inside and outside, Cl⁻ inside
   * and outside (numbers in mM); P_Na and P_Cl relative to P_K.  Keep the
   * markup: <i>P</i><sub>K</sub> is P with the subscript K. */
  p->question_markup = markup_printf (_("A cell at %s holds, in mM, K⁺ %s inside and %s outside, "
                                        "Na⁺ %s inside and %s outside, Cl⁻ %s inside and %s "
                                        "outside. Its permeabilities are <i>P</i><sub>K</sub> : "
                                        "<i>P</i><sub>Na</sub> : <i>P</i><sub>Cl</sub> = "
                                        "1 : %s : %s. What is its resting potential by the "
                                        "Goldman–Hodgkin–Katz equation? Give it in mV."),
                                      t, sc[0], sc[1], sc[2], sc[3], sc[4], sc[5], sp_na, sp_cl);
  p->hint_markup = g_strdup (_("Use the Goldman–Hodgkin–Katz voltage equation; for the anion "
                               "Cl⁻ the inside and outside concentrations swap places."));

  /* The two sums are shown so the step can be followed, with every digit
   * of their exact decimal (each term has two decimals at most), so that
   * the printed terms add up to the printed sums; the answer is the core's
   * GHK voltage. */
  num = sp[0].p * sp[0].c_out + sp[1].p * sp[1].c_out + sp[2].p * sp[2].c_in;
  den = sp[0].p * sp[0].c_in + sp[1].p * sp[1].c_in + sp[2].p * sp[2].c_out;
  snum = ml_format_significant (num, 7);
  sden = ml_format_significant (den, 7);
  rt_escaped = g_markup_escape_text (rt, -1);
  g_string_append (s, "<i>V</i><sub>m</sub> = (<i>RT</i>/<i>F</i>)·ln((<i>P</i><sub>K</sub>"
                      "[K⁺]<sub>out</sub> + <i>P</i><sub>Na</sub>[Na⁺]<sub>out</sub> + "
                      "<i>P</i><sub>Cl</sub>[Cl⁻]<sub>in</sub>)/(<i>P</i><sub>K</sub>"
                      "[K⁺]<sub>in</sub> + <i>P</i><sub>Na</sub>[Na⁺]<sub>in</sub> + "
                      "<i>P</i><sub>Cl</sub>[Cl⁻]<sub>out</sub>))\n");
  g_string_append_printf (s, "%s\n", rt_escaped);
  g_string_append_printf (s, "= %s mV·ln((1·%s + %s·%s + %s·%s)/(1·%s + %s·%s + %s·%s))\n",
                          rtf, sc[1], sp_na, sc[3], sp_cl, sc[4],
                          sc[0], sp_na, sc[2], sp_cl, sc[5]);
  g_string_append_printf (s, "= %s mV·ln(%s/%s)\n", rtf, snum, sden);
  g_string_append (s, "= ");
  ml_format_append_millivolts (s, v, 1, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (sc); i++)
    g_free (sc[i]);
  p->solution_markup = g_string_free (s, FALSE);
  set_answer (p, v, ML_PRACTICE_UNIT_MILLIVOLT, MV_TOLERANCE, mv_text (v, 1, FALSE));
}

/* A cell of one ion, for the core's per-ion numbers at a clamped V_m. */
static void
solve_one_ion (const IonRanges *ion,
               double           c_in,
               double           c_out,
               double           t_c,
               double           vm,
               MlSolution      *sol)
{
  g_autoptr (MlCell) cell = ml_cell_new ();
  MlIon one = { .z = ion->z, .c_in = c_in, .c_out = c_out, .p = 1e-6, .enabled = true };

  g_strlcpy (one.name, ion->name, sizeof one.name);
  ml_cell_set_temperature (cell, t_c);
  ml_cell_set_ion (cell, &one);
  ml_cell_solve_at (cell, vm, sol);
}

static void
make_driving_force (MlProblem *p,
                    Rng       *rng)
{
  const IonRanges *ion;
  double c_in, c_out, t_c, vm, df;
  MlSolution sol;
  g_autofree char *label = NULL, *ci = NULL, *co = NULL, *t = NULL;
  g_autofree char *svm = NULL, *se = NULL, *sdf = NULL;
  GString *s = g_string_new (NULL);

  /* An ion near its equilibrium has a driving force whose sign is lost in
   * the tolerance: such values are drawn again. */
  do
    {
      ion = rng_ion (rng, 10);
      c_in = rng_range (rng, &ion->in);
      c_out = rng_range (rng, &ion->out);
      t_c = rng_temperature (rng);
      vm = rng_vm (rng);
      solve_one_ion (ion, c_in, c_out, t_c, vm, &sol);
      df = sol.ions[0].driving_force_mv;
    }
  while (!(fabs (df) >= SIGN_MARGIN * MV_TOLERANCE));

  label = ml_ion_label (ion->name, ion->z);
  ci = conc_text (c_in);
  co = conc_text (c_out);
  t = temp_text (t_c);
  svm = mv_text (vm, 0, FALSE);
  se = mv_text (sol.ions[0].nernst_mv, 1, FALSE);
  sdf = mv_text (df, 1, TRUE);

  p->asked = "driving-force";
  p->ion = ion->name;
  add_given (p, "z", ion->z);
  add_given (p, "c_in", c_in);
  add_given (p, "c_out", c_out);
  add_given (p, "t_c", t_c);
  add_given (p, "vm", vm);
  /* Translators: a practice problem.  The %s are, in order: a temperature
   * ("37 °C"), a membrane potential ("−70 mV"), an ion ("K⁺"), its
   * concentration inside and outside ("140 mM"), the ion again, and the
   * ion's short name as in E_K ("K").  Keep the markup:
   * <i>V</i><sub>m</sub> is V with the subscript m. */
  p->question_markup = markup_printf (_("A cell at %s has a membrane potential of %s. It holds "
                                        "%s at %s inside and %s outside. What is the driving "
                                        "force on %s, <i>V</i><sub>m</sub> − "
                                        "<i>E</i><sub>%s</sub>? Give it in mV."),
                                      t, svm, label, ci, co, label, ion->name);
  p->hint_markup = g_strdup (_("Find the ion’s Nernst potential <i>E</i> first; the driving "
                               "force is <i>V</i><sub>m</sub> − <i>E</i>."));
  append_nernst_lines (s, ion, c_in, c_out, t_c, sol.ions[0].nernst_mv, TRUE);
  g_string_append_printf (s, "\n<i>V</i><sub>m</sub> − <i>E</i><sub>%s</sub> = %s − (%s)\n"
                             "= %s\n", ion->name, svm, se, sdf);
  {
    g_autofree char *sentence = NULL;

    if (sol.ions[0].direction > 0)
      /* Translators: %s is an ion, "K⁺". */
      sentence = markup_printf (_("%s tends to leave the cell."), label);
    else if (sol.ions[0].direction < 0)
      /* Translators: %s is an ion, "Cl⁻". */
      sentence = markup_printf (_("%s tends to enter the cell."), label);
    else
      /* Translators: %s is an ion, "K⁺". */
      sentence = markup_printf (_("%s is at equilibrium."), label);
    g_string_append (s, sentence);
  }
  p->solution_markup = g_string_free (s, FALSE);
  set_answer (p, df, ML_PRACTICE_UNIT_MILLIVOLT, MV_TOLERANCE, g_steal_pointer (&sdf));
}

static void
make_delta_g (MlProblem *p,
              Rng       *rng)
{
  const IonRanges *ion;
  double c_in, c_out, t_c, vm, chem = 0, elec = 0, total = 0, g;
  g_autofree char *label = NULL, *ci = NULL, *co = NULL, *t = NULL, *svm = NULL;
  g_autofree char *rt = NULL, *f = NULL, *z = NULL, *vm_v = NULL, *sci = NULL, *sco = NULL;
  g_autofree char *schem = NULL, *selec = NULL, *stotal = NULL;
  GString *s = g_string_new (NULL);

  /* Near zero the sign of ΔG, which says which way the ion goes by
   * itself, would be lost in the tolerance: such values are drawn again. */
  do
    {
      ion = rng_ion (rng, 8);
      c_in = rng_range (rng, &ion->in);
      c_out = rng_range (rng, &ion->out);
      t_c = rng_temperature (rng);
      vm = rng_vm (rng);
      ml_delta_g_out (ion->z, c_in, c_out, vm, t_c, &chem, &elec, &total);
      g = total / 1000.0;
    }
  while (!(fabs (g) >= SIGN_MARGIN * KJ_TOLERANCE));

  label = ml_ion_label (ion->name, ion->z);
  ci = conc_text (c_in);
  co = conc_text (c_out);
  t = temp_text (t_c);
  svm = mv_text (vm, 0, FALSE);
  rt = ml_format_fixed (ML_GAS_CONSTANT * ml_kelvin_from_celsius (t_c) / 1000.0, 4, FALSE);
  f = ml_format_fixed (ML_FARADAY / 1000.0, 3, FALSE);
  z = valence_text (ion->z);
  vm_v = ml_format_fixed (vm / 1000.0, 3, FALSE);
  sci = ml_format_significant (c_in, 4);
  sco = ml_format_significant (c_out, 4);
  /* The parts with two decimals, and the total as their printed sum, so
   * that a student who adds the printed parts gets the printed total
   * ("6.06 + (−5.98) = 0.08", not the 0.07 that ΔG = 0.075 rounds to).
   * It is within 0.01 kJ/mol of ΔG, well inside the tolerance; the
   * answer checked is ΔG itself. */
  schem = ml_format_fixed (chem / 1000.0, 2, FALSE);
  selec = ml_format_fixed (elec / 1000.0, 2, FALSE);
  stotal = ml_format_fixed ((printed_units (chem / 1000.0, 2)
                             + printed_units (elec / 1000.0, 2)) / 100.0, 2, FALSE);

  p->asked = "delta-g";
  p->ion = ion->name;
  add_given (p, "z", ion->z);
  add_given (p, "c_in", c_in);
  add_given (p, "c_out", c_out);
  add_given (p, "t_c", t_c);
  add_given (p, "vm", vm);
  /* Translators: a practice problem.  The %s are, in order: a temperature
   * ("37 °C"), a membrane potential ("−70 mV"), an ion ("K⁺"), its
   * concentration inside and outside ("140 mM") and the ion again.  Keep
   * the markup: <i>V</i><sub>m</sub> is V with the subscript m. */
  p->question_markup = markup_printf (_("At %s a cell with <i>V</i><sub>m</sub> = %s holds %s at "
                                        "%s inside and %s outside. What is the free energy "
                                        "change Δ<i>G</i> of moving one mole of %s from inside "
                                        "to outside? Give it in kJ/mol."),
                                      t, svm, label, ci, co, label);
  p->hint_markup = g_strdup (_("Add the chemical and the electrical part: Δ<i>G</i> = "
                               "<i>RT</i>·ln(<i>c</i><sub>out</sub>/<i>c</i><sub>in</sub>) − "
                               "<i>zF</i>·<i>V</i><sub>m</sub>."));
  g_string_append_printf (s, "Δ<i>G</i> = <i>RT</i>·ln([%s]<sub>out</sub>/[%s]<sub>in</sub>) − "
                             "<i>zF</i>·<i>V</i><sub>m</sub>\n", label, label);
  {
    /* Translators: a line of a worked solution: RT in kJ/mol at a
     * temperature ("37 °C"), then the Faraday constant in kJ/(mol·V). */
    g_autofree char *constants = markup_printf (_("RT = %s kJ/mol at %s, F = %s kJ/(mol·V)"),
                                                rt, t, f);

    g_string_append (s, constants);
  }
  g_string_append_printf (s, "\n= %s kJ/mol·ln(%s/%s) − (%s)·%s kJ/(mol·V)·(%s V)\n",
                          rt, sco, sci, z, f, vm_v);
  g_string_append_printf (s, "= %s kJ/mol + (%s kJ/mol)\n= %s kJ/mol\n", schem, selec, stotal);
  {
    g_autofree char *sentence = NULL;

    if (g < 0)
      /* Translators: %s is an ion, "K⁺". */
      sentence = markup_printf (_("Negative: %s leaving the cell is downhill (spontaneous)."),
                                label);
    else
      /* Translators: %s is an ion, "Na⁺". */
      sentence = markup_printf (_("Positive: %s leaving the cell needs energy; entering is "
                                  "downhill."), label);
    g_string_append (s, sentence);
  }
  p->solution_markup = g_string_free (s, FALSE);
  set_answer (p, g, ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE, KJ_TOLERANCE,
              g_strdup_printf ("%s kJ/mol", stotal));
}

static void
make_charge (MlProblem *p,
             Rng       *rng)
{
  static const double radii[] = { 5, 6, 7.5, 8, 10, 12, 12.5, 15, 20, 25, 30, 40, 50 };
  /* The upstroke's peak, and a calcium depolarisation's size, in mV. */
  static const Range peak_range = { 20, 50, 5, 1 }, ca_step_range = { 10, 40, 5, 1 };
  double r = radii[rng_int (rng, 0, G_N_ELEMENTS (radii) - 1)];
  double cm = ML_DEFAULT_CAPACITANCE, vm = rng_vm (rng), vm_start = 0.0, c = 0.0;
  /* Two in five ask for the fraction of the cell's K⁺; the others count
   * the ions, mostly K⁺, sometimes Na⁺ or the divalent Ca²⁺. */
  static const int counted[] = { ION_K, ION_K, ION_K, ION_K, ION_K, ION_NA, ION_CA };
  gboolean fraction = rng_int (rng, 0, 4) < 2;
  const IonRanges *ion = &ion_ranges[fraction ? ION_K
                                              : counted[rng_int (rng, 0, G_N_ELEMENTS (counted) - 1)]];
  MlCharge ch;
  g_autofree char *sr = ml_format_significant (r, 3), *scm = ml_format_significant (cm, 3);
  g_autofree char *svm = NULL, *sstart = NULL, *sc = NULL, *dv_v = NULL;
  g_autofree char *area = NULL, *q = NULL, *n = NULL;
  g_autofree char *e = sci_text (ML_ELEMENTARY_CHARGE, 4);
  GString *s = g_string_new (NULL);

  /* Which way the ions go follows the physiology: K⁺ leaving charges the
   * inside negative from 0; Na⁺ entering makes the upstroke of an action
   * potential, from rest to a positive peak; Ca²⁺ entering depolarises a
   * resting cell.  A cation moving in makes the inside more positive, one
   * moving out more negative. */
  if (ion == &ion_ranges[ION_NA])
    {
      vm_start = vm;
      vm = rng_range (rng, &peak_range);
    }
  else if (ion == &ion_ranges[ION_CA])
    {
      vm_start = vm;
      vm = vm_start + rng_range (rng, &ca_step_range);
    }
  if (fraction)
    c = rng_range (rng, &ion->in);
  ml_charge_sphere (r, cm, vm - vm_start, ion->z, c, &ch);
  area = sci_text (ch.area_cm2, 4);
  q = sci_text (ch.charge_c, 3);
  n = sci_text (ch.ions_moved, 3);
  svm = mv_text (vm, 0, vm > 0);
  sstart = mv_text (vm_start, 0, FALSE);
  dv_v = ml_format_fixed (fabs (vm - vm_start) / 1000.0, 3, FALSE);

  p->asked = fraction ? "fraction" : "ions-moved";
  p->ion = ion->name;
  add_given (p, "z", ion->z);
  add_given (p, "radius_um", r);
  add_given (p, "capacitance_uf_cm2", cm);
  add_given (p, "vm_start", vm_start);
  add_given (p, "vm", vm);
  if (fraction)
    {
      sc = conc_text (c);
      add_given (p, "c_in", c);
      /* Translators: a practice problem.  The %s are, in order: a radius
       * (a number, in µm), the capacitance (a number, in µF/cm²), a
       * concentration ("140 mM") and a membrane potential ("−70 mV"). */
      p->question_markup = markup_printf (_("A spherical cell of radius %s µm, with a membrane "
                                            "capacitance of %s µF/cm², holds %s K⁺. Its membrane "
                                            "is charged to %s by K⁺ that left it. What fraction "
                                            "of the cell’s K⁺ is that? Give a fraction, or a "
                                            "percentage with %%."),
                                          sr, scm, sc, svm);
      p->hint_markup = g_strdup (_("Count the ions with <i>N</i> = <i>C</i><sub>m</sub>·<i>A</i>·"
                                   "|<i>V</i><sub>m</sub>|/<i>e</i> (<i>A</i> = 4π<i>r</i>²), "
                                   "then divide by the K⁺ the cell holds, [K⁺]·(4/3)π<i>r</i>³·"
                                   "<i>N</i><sub>A</sub>."));
    }
  else
    {
      if (ion == &ion_ranges[ION_K])
        /* Translators: a practice problem.  The %s are, in order: a
         * radius (a number, in µm), the capacitance (a number, in µF/cm²)
         * and a membrane potential ("−70 mV"). */
        p->question_markup = markup_printf (_("A spherical cell of radius %s µm has a membrane "
                                              "capacitance of %s µF/cm². How many K⁺ ions must "
                                              "leave it to charge its membrane from 0 to %s, "
                                              "the inside negative? Give a number."),
                                            sr, scm, svm);
      else if (ion == &ion_ranges[ION_NA])
        /* Translators: a practice problem.  The %s are, in order: a
         * radius (a number, in µm), the capacitance (a number, in µF/cm²),
         * the resting potential ("−70 mV") and the peak ("+35 mV"). */
        p->question_markup = markup_printf (_("A spherical cell of radius %s µm has a membrane "
                                              "capacitance of %s µF/cm². In an action "
                                              "potential, Na⁺ ions entering it take its membrane "
                                              "potential from %s to %s. How many Na⁺ ions must "
                                              "enter? Give a number."),
                                            sr, scm, sstart, svm);
      else
        /* Translators: a practice problem.  The %s are, in order: a
         * radius (a number, in µm), the capacitance (a number, in µF/cm²),
         * and two membrane potentials ("−70 mV", "−45 mV"). */
        p->question_markup = markup_printf (_("A spherical cell of radius %s µm has a membrane "
                                              "capacitance of %s µF/cm². Ca²⁺ ions entering it "
                                              "depolarise its membrane from %s to %s. How many "
                                              "Ca²⁺ ions must enter? Give a number."),
                                            sr, scm, sstart, svm);
      p->hint_markup = g_strdup (_("The charge is <i>Q</i> = <i>C</i><sub>m</sub>·<i>A</i>·"
                                   "|Δ<i>V</i><sub>m</sub>| with <i>A</i> = 4π<i>r</i>²; divide "
                                   "it by the charge of one ion, |<i>z</i>|·<i>e</i>."));
    }
  g_string_append_printf (s, "<i>A</i> = 4π<i>r</i>² = 4π·(%s µm)² = %s cm²\n", sr, area);
  g_string_append_printf (s, "<i>Q</i> = <i>C</i><sub>m</sub>·<i>A</i>·|Δ<i>V</i><sub>m</sub>| = "
                             "%s µF/cm² · %s cm² · %s V = %s C\n", scm, area, dv_v, q);
  g_string_append_printf (s, "<i>N</i> = <i>Q</i>/(|<i>z</i>|·<i>e</i>) = %s C / (%d · %s C)\n= ",
                          q, abs (ion->z), e);
  if (fraction)
    {
      double held = ch.ions_moved / ch.fraction;
      g_autofree char *vol = sci_text (ch.volume_l, 4), *sheld = sci_text (held, 3);
      g_autofree char *sf = sci_text (ch.fraction, 3), *pct = ml_format_significant (100.0 * ch.fraction, 3);
      g_autofree char *na = sci_text (ML_AVOGADRO, 4);
      g_autofree char *molar = ml_format_significant (c / 1000.0, 4);

      g_string_append_printf (s, "%s\n<i>V</i> = (4/3)·π<i>r</i>³ = %s L\n", n, vol);
      g_string_append_printf (s, "[K⁺]·<i>V</i>·<i>N</i><sub>A</sub> = %s mol/L · %s L · %s /mol = "
                                 "%s\n", molar, vol, na, sheld);
      g_string_append_printf (s, "<i>N</i> / ([K⁺]·<i>V</i>·<i>N</i><sub>A</sub>) = %s / %s\n"
                                 "= %s (%s %%)", n, sheld, sf, pct);
      /* The answer as a student may type it back (the percentage is in
       * the solution's last line). */
      set_answer (p, ch.fraction, ML_PRACTICE_UNIT_FRACTION, 0.02 * ch.fraction,
                  g_strdup (sf));
    }
  else
    {
      /* Translators: a number of ions, "5.49 × 10⁶ ions". */
      set_answer (p, ch.ions_moved, ML_PRACTICE_UNIT_ION_COUNT, 0.02 * ch.ions_moved,
                  g_strdup_printf (_("%s ions"), n));
      {
        g_autofree char *escaped = g_markup_escape_text (p->answer_text, -1);

        g_string_append (s, escaped);
      }
    }
  p->solution_markup = g_string_free (s, FALSE);
}

static void
make_donnan (MlProblem *p,
             Rng       *rng)
{
  static const Range a_range = { 50, 150, 10, 1 }, bath_range = { 50, 150, 10, 1 };
  static const char *const asked[] = { "vm", "k-in", "ratio" };
  double a = rng_range (rng, &a_range), bath = rng_range (rng, &bath_range);
  int z_a = rng_int (rng, 0, 3) == 0 ? -2 : -1, which = rng_int (rng, 0, 2);
  double t_c = rng_temperature (rng), fixed = abs (z_a) * a;
  MlDonnan d;
  g_autofree char *sa = ml_format_significant (a, 4), *sb = ml_format_significant (bath, 4);
  g_autofree char *sfix = ml_format_significant (fixed, 4), *t = temp_text (t_c);
  g_autofree char *sz = valence_text (z_a), *sr = NULL, *skin = NULL, *sclin = NULL;
  g_autofree char *rtf = ml_format_fixed (ml_rt_over_f_mv (t_c), 2, FALSE);
  g_autofree char *svm = NULL, *intro = NULL;
  const char *ask;
  GString *s = g_string_new (NULL);

  ml_donnan_open_bath (a, z_a, bath, t_c, &d);
  sr = ml_format_fixed (d.ratio, 4, FALSE);
  skin = ml_format_fixed (d.k_in, 1, FALSE);
  sclin = ml_format_fixed (d.cl_in, 1, FALSE);
  svm = mv_text (d.vm_mv, 1, FALSE);

  p->asked = asked[which];
  add_given (p, "a_mm", a);
  add_given (p, "z_a", z_a);
  add_given (p, "bath_mm", bath);
  add_given (p, "t_c", t_c);
  /* Translators: a practice problem.  The %s are, in order: a valence
   * ("−1"), a concentration (a number, in mM), another concentration (a
   * number, in mM) and a temperature ("37 °C"). */
  intro = markup_printf (_("A cell holds an impermeant anion of valence %s at %s mM; its "
                           "membrane lets only K⁺ and Cl⁻ through. It sits in a large bath of "
                           "%s mM KCl at %s."), sz, sa, sb, t);
  if (which == 0)
    ask = _("At Donnan equilibrium, what is its membrane potential <i>V</i><sub>m</sub>? Give "
            "it in mV.");
  else if (which == 1)
    ask = _("At Donnan equilibrium, what is the K⁺ concentration inside? Give it in mM.");
  else
    ask = _("At Donnan equilibrium, what is the Donnan ratio <i>r</i> = "
            "[K⁺]<sub>in</sub>/[K⁺]<sub>out</sub>?");
  p->question_markup = g_strconcat (intro, " ", ask, NULL);
  p->hint_markup = g_strdup (_("Combine electroneutrality inside, [K⁺]<sub>in</sub> = "
                               "[Cl⁻]<sub>in</sub> + |<i>z</i>|·[A], with the Donnan rule "
                               "[K⁺]<sub>in</sub>·[Cl⁻]<sub>in</sub> = "
                               "[K⁺]<sub>out</sub>·[Cl⁻]<sub>out</sub>."));
  g_string_append (s, "[K⁺]<sub>in</sub> = [Cl⁻]<sub>in</sub> + |<i>z</i>|·[A], "
                      "[K⁺]<sub>in</sub>·[Cl⁻]<sub>in</sub> = <i>c</i>²\n");
  g_string_append (s, "<i>r</i> = [K⁺]<sub>in</sub>/[K⁺]<sub>out</sub> = [Cl⁻]<sub>out</sub>/"
                      "[Cl⁻]<sub>in</sub> = (|<i>z</i>|·[A] + √((|<i>z</i>|·[A])² + "
                      "4<i>c</i>²))/(2<i>c</i>)\n");
  g_string_append_printf (s, "= (%s + √(%s² + 4·%s²))/(2·%s)\n= %s", sfix, sfix, sb, sb, sr);
  if (which == 0)
    {
      g_string_append_printf (s, "\n<i>V</i><sub>m</sub> = (<i>RT</i>/<i>F</i>)·"
                                 "ln([K⁺]<sub>out</sub>/[K⁺]<sub>in</sub>) = %s mV·ln(1/%s)\n= %s",
                              rtf, sr, svm);
      set_answer (p, d.vm_mv, ML_PRACTICE_UNIT_MILLIVOLT, MV_TOLERANCE, g_steal_pointer (&svm));
    }
  else if (which == 1)
    {
      g_string_append_printf (s, "\n[K⁺]<sub>in</sub> = <i>r</i>·<i>c</i> = %s · %s mM\n= %s mM "
                                 "([Cl⁻]<sub>in</sub> = <i>c</i>/<i>r</i> = %s mM)",
                              sr, sb, skin, sclin);
      set_answer (p, d.k_in, ML_PRACTICE_UNIT_MILLIMOLAR, MM_TOLERANCE,
                  g_strdup_printf ("%s mM", skin));
    }
  else
    {
      g_string_append_printf (s, " ([K⁺]<sub>in</sub> = %s mM, [Cl⁻]<sub>in</sub> = %s mM)",
                              skin, sclin);
      set_answer (p, d.ratio, ML_PRACTICE_UNIT_RATIO, 0.01, g_steal_pointer (&sr));
    }
  p->solution_markup = g_string_free (s, FALSE);
}


/**
 * _ml_practice_fill:
 * @p: a problem with its topic, seed and index set
 *
 * Everything else, from a generator seeded by those three.
 */
void
_ml_practice_fill (MlProblem *p)
{
  Rng rng;

  g_return_if_fail (p != NULL && p->topic < ML_PRACTICE_N_TOPICS);

  rng_init (&rng, p->topic, p->seed, p->index);
  switch (p->topic)
    {
    case ML_PRACTICE_NERNST:
      make_nernst (p, &rng);
      break;
    case ML_PRACTICE_GHK:
      make_ghk (p, &rng);
      break;
    case ML_PRACTICE_DRIVING_FORCE:
      make_driving_force (p, &rng);
      break;
    case ML_PRACTICE_DELTA_G:
      make_delta_g (p, &rng);
      break;
    case ML_PRACTICE_CHARGE:
      make_charge (p, &rng);
      break;
    case ML_PRACTICE_DONNAN:
      make_donnan (p, &rng);
      break;
    case ML_PRACTICE_N_TOPICS:
    default:
      g_assert_not_reached ();
    }
}
