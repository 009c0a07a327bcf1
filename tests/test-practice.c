/* test-practice.c — generated practice problems (ml-practice.h)
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer is recomputed here from the problem's given values with the
 * textbook formula written out, not with the core:
 *   Nernst         E = (RT/zF)·ln(c_out/c_in)
 *   GHK            V = (RT/F)·ln((P_K·K_o + P_Na·Na_o + P_Cl·Cl_i)
 *                               /(P_K·K_i + P_Na·Na_i + P_Cl·Cl_o))
 *                  (Hodgkin & Katz 1949)
 *   driving force  V_m − E
 *   ΔG             RT·ln(c_out/c_in) − zF·V_m, one mole moved out
 *   charge         N = C_m·A·|ΔV_m|/(|z|·e), A = 4πr², ΔV_m from vm_start to vm;
 *                  fraction N/(c·(4/3)πr³·N_A)
 *   Donnan         r = K_in/K_out = Cl_out/Cl_in with K_in − Cl_in = |z_A|·A
 *                  and K_in·Cl_in = c², found here by bisection
 * with R = N_A·k_B and F = N_A·e from the CODATA 2018 exact constants.
 */
#include "config.h"

#include "ml-physics.h"
#include "ml-practice.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#define N_SEEDS   300
#define N_INDICES 5

#define CODATA_E   1.602176634e-19
#define CODATA_NA  6.02214076e23
#define CODATA_KB  1.380649e-23
#define R_GAS      (CODATA_NA * CODATA_KB)
#define F_FARADAY  (CODATA_NA * CODATA_E)

static double
rt_f_mv (double t_c)
{
  return 1000.0 * R_GAS * (t_c + 273.15) / F_FARADAY;
}

static double
oracle_nernst (double z,
               double c_in,
               double c_out,
               double t_c)
{
  return rt_f_mv (t_c) / z * log (c_out / c_in);
}

static double
given (const MlProblem *p,
       const char      *key)
{
  double v = NAN;

  if (!ml_problem_lookup_given (p, key, &v))
    g_error ("%s problem without “%s”", ml_practice_topic_id (ml_problem_get_topic (p)), key);
  return v;
}

/* The Donnan ratio by bisection of c·r − c/r − |z|·A = 0, which rises
 * with r, over [1, 1 + |z|·A/c + 1]. */
static double
oracle_donnan_ratio (double a,
                     double z_a,
                     double c)
{
  double lo = 1.0, hi = 2.0 + fabs (z_a) * a / c;

  for (int i = 0; i < 200; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (c * mid - c / mid - fabs (z_a) * a > 0.0)
        hi = mid;
      else
        lo = mid;
    }
  return 0.5 * (lo + hi);
}

static double
oracle (const MlProblem *p)
{
  const char *asked = ml_problem_get_asked (p);

  switch (ml_problem_get_topic (p))
    {
    case ML_PRACTICE_NERNST:
      return oracle_nernst (given (p, "z"), given (p, "c_in"), given (p, "c_out"), given (p, "t_c"));
    case ML_PRACTICE_GHK:
      {
        double num = given (p, "p_k") * given (p, "k_out") + given (p, "p_na") * given (p, "na_out")
                     + given (p, "p_cl") * given (p, "cl_in");
        double den = given (p, "p_k") * given (p, "k_in") + given (p, "p_na") * given (p, "na_in")
                     + given (p, "p_cl") * given (p, "cl_out");

        return rt_f_mv (given (p, "t_c")) * log (num / den);
      }
    case ML_PRACTICE_DRIVING_FORCE:
      return given (p, "vm") - oracle_nernst (given (p, "z"), given (p, "c_in"), given (p, "c_out"),
                                              given (p, "t_c"));
    case ML_PRACTICE_DELTA_G:
      {
        double t_k = given (p, "t_c") + 273.15;

        return (R_GAS * t_k * log (given (p, "c_out") / given (p, "c_in"))
                - given (p, "z") * F_FARADAY * given (p, "vm") / 1000.0) / 1000.0;
      }
    case ML_PRACTICE_CHARGE:
      {
        double r_cm = given (p, "radius_um") * 1e-4;
        double area = 4.0 * G_PI * r_cm * r_cm;
        double dv = given (p, "vm") - given (p, "vm_start");
        double n = given (p, "capacitance_uf_cm2") * 1e-6 * area * fabs (dv) / 1000.0
                   / (fabs (given (p, "z")) * CODATA_E);

        if (strcmp (asked, "fraction") == 0)
          {
            double litres = 4.0 / 3.0 * G_PI * r_cm * r_cm * r_cm / 1000.0;

            return n / (given (p, "c_in") / 1000.0 * litres * CODATA_NA);
          }
        g_assert_cmpstr (asked, ==, "ions-moved");
        return n;
      }
    case ML_PRACTICE_DONNAN:
      {
        double c = given (p, "bath_mm");
        double r = oracle_donnan_ratio (given (p, "a_mm"), given (p, "z_a"), c);

        if (strcmp (asked, "vm") == 0)
          return -rt_f_mv (given (p, "t_c")) * log (r);
        if (strcmp (asked, "k-in") == 0)
          return r * c;
        g_assert_cmpstr (asked, ==, "ratio");
        return r;
      }
    case ML_PRACTICE_N_TOPICS:
    default:
      break;
    }
  g_assert_not_reached ();
}

static char *
format_c (const char *format,
          double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static void
assert_verdict (const MlProblem   *p,
                const char        *text,
                MlPracticeVerdict  expected)
{
  g_autofree char *message = NULL;
  MlPracticeVerdict verdict = ml_problem_check (p, text, &message);

  if (verdict != expected)
    g_error ("%s seed %" G_GUINT64_FORMAT " #%u (answer %.10g ± %g): “%s” gave verdict %d, "
             "expected %d (%s)", ml_practice_topic_id (ml_problem_get_topic (p)),
             ml_problem_get_seed (p), ml_problem_get_index (p), ml_problem_get_answer (p),
             ml_problem_get_tolerance (p), text, verdict, expected, message);
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpuint (strlen (message), >, 0);
}

/* The student's ways of writing the right answer, and wrong ones. */
static void
check_checker (const MlProblem *p)
{
  double answer = ml_problem_get_answer (p), tol = ml_problem_get_tolerance (p);
  MlPracticeUnit unit = ml_problem_get_unit (p);
  g_autofree char *plain = format_c ("%.4g", answer);
  g_autofree char *with_unit = NULL, *comma = g_strdup (plain);
  g_autofree char *low = format_c ("%.10g", answer - 3 * tol);
  g_autofree char *high = format_c ("%.10g", answer + 3 * tol);
  char *dot = strchr (comma, '.');

  assert_verdict (p, plain, ML_PRACTICE_RIGHT);
  if (dot != NULL)
    *dot = ',';
  assert_verdict (p, comma, ML_PRACTICE_RIGHT);
  assert_verdict (p, low, ML_PRACTICE_WRONG);
  assert_verdict (p, high, ML_PRACTICE_WRONG);
  assert_verdict (p, "abc", ML_PRACTICE_NOT_A_NUMBER);
  assert_verdict (p, "", ML_PRACTICE_NOT_A_NUMBER);
  assert_verdict (p, "nan", ML_PRACTICE_NOT_A_NUMBER);
  assert_verdict (p, "0x10", ML_PRACTICE_NOT_A_NUMBER);
  assert_verdict (p, "inf", ML_PRACTICE_NOT_A_NUMBER);
  assert_verdict (p, "1e400", ML_PRACTICE_NOT_A_NUMBER);

  if (ml_practice_unit_symbol (unit)[0] != '\0')
    {
      with_unit = g_strdup_printf ("%s %s", plain, ml_practice_unit_symbol (unit));
      assert_verdict (p, with_unit, ML_PRACTICE_RIGHT);
    }
  if (unit == ML_PRACTICE_UNIT_MILLIVOLT)
    {
      g_autofree char *volts = format_c ("%.4g", answer / 1000.0);
      g_autofree char *v_text = g_strdup_printf ("%s V", volts);
      g_autofree char *uv = format_c ("%.6g", answer * 1000.0);
      g_autofree char *uv_text = g_strdup_printf ("%s µV", uv);

      assert_verdict (p, v_text, ML_PRACTICE_RIGHT);
      assert_verdict (p, uv_text, ML_PRACTICE_RIGHT);
      assert_verdict (p, "12 mM", ML_PRACTICE_WRONG_UNIT);
      assert_verdict (p, "12 kJ/mol", ML_PRACTICE_WRONG_UNIT);
    }
  else
    assert_verdict (p, "12 mV", ML_PRACTICE_WRONG_UNIT);
  if (unit == ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE)
    {
      g_autofree char *j = format_c ("%.6g", answer * 1000.0);
      g_autofree char *j_text = g_strdup_printf ("%s J/mol", j);

      assert_verdict (p, j_text, ML_PRACTICE_RIGHT);
    }
  if (unit == ML_PRACTICE_UNIT_ION_COUNT || unit == ML_PRACTICE_UNIT_FRACTION)
    {
      /* "5.489×10^6" and "5,489·10⁶": mantissa and exponent written out. */
      int e = (int) floor (log10 (fabs (answer)));
      g_autofree char *m = format_c ("%.3f", answer / pow (10.0, e));
      g_autofree char *times = g_strdup_printf ("%s×10^%d", m, e);
      g_autofree char *sup = NULL;
      GString *dot_form = g_string_new (m);
      char *comma_m = strchr (dot_form->str, '.');
      g_autofree char *exp_digits = g_strdup_printf ("%d", e);

      if (comma_m != NULL)
        *comma_m = ',';
      g_string_append (dot_form, "·10");
      for (const char *c = exp_digits; *c != '\0'; c++)
        {
          static const char *const s[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

          g_string_append (dot_form, *c == '-' ? "⁻" : s[*c - '0']);
        }
      sup = g_string_free (dot_form, FALSE);
      assert_verdict (p, times, ML_PRACTICE_RIGHT);
      assert_verdict (p, sup, ML_PRACTICE_RIGHT);
    }
  if (unit == ML_PRACTICE_UNIT_FRACTION)
    {
      g_autofree char *pct = format_c ("%.4g", answer * 100.0);
      g_autofree char *pct_text = g_strdup_printf ("%s %%", pct);

      assert_verdict (p, pct_text, ML_PRACTICE_RIGHT);
    }
  if (answer < 0)
    {
      /* The Unicode minus of printed text. */
      g_autofree char *positive = format_c ("%.4g", -answer);
      g_autofree char *minus = g_strdup_printf ("−%s", positive);

      assert_verdict (p, minus, ML_PRACTICE_RIGHT);
      assert_verdict (p, positive, fabs (2 * answer) > tol ? ML_PRACTICE_WRONG : ML_PRACTICE_RIGHT);
    }
}

static void
check_text (const MlProblem *p)
{
  const char *question = ml_problem_get_question (p);
  const char *answer_text = ml_problem_get_answer_text (p);
  const char *solution = ml_problem_get_solution (p);

  g_assert_true (g_utf8_validate (question, -1, NULL));
  g_assert_true (g_utf8_validate (solution, -1, NULL));
  g_assert_true (g_utf8_validate (ml_problem_get_hint (p), -1, NULL));
  /* Numbers through ml-format: a real minus, never an ASCII one before a
   * digit, and no "nan" or "inf". */
  g_assert_null (strstr (question, "-0") == NULL ? NULL : "ASCII minus");
  g_assert_null (strstr (answer_text, "nan"));
  g_assert_null (strstr (solution, "inf"));
  if (ml_problem_get_answer (p) < -0.05)
    g_assert_true (g_str_has_prefix (answer_text, "−"));
  /* The solution ends in the answer, and has several lines. */
  g_assert_nonnull (strstr (solution, answer_text));
  g_assert_nonnull (strchr (solution, '\n'));
  /* The hint names the equation, not the answer. */
  g_assert_null (strstr (ml_problem_get_hint (p), answer_text));
  switch (ml_problem_get_unit (p))
    {
    case ML_PRACTICE_UNIT_MILLIVOLT:
      g_assert_nonnull (strstr (question, "mV"));
      break;
    case ML_PRACTICE_UNIT_KILOJOULE_PER_MOLE:
      g_assert_nonnull (strstr (question, "kJ/mol"));
      break;
    case ML_PRACTICE_UNIT_MILLIMOLAR:
      g_assert_nonnull (strstr (question, "mM"));
      break;
    case ML_PRACTICE_UNIT_ION_COUNT:
    case ML_PRACTICE_UNIT_FRACTION:
      g_assert_nonnull (strstr (question, "µm"));
      g_assert_nonnull (strstr (question, "µF/cm²"));
      break;
    case ML_PRACTICE_UNIT_RATIO:
    default:
      break;
    }
}

/* Physiological values: the ranges the brief sets for each topic. */
static void
check_ranges (const MlProblem *p)
{
  double v;

  if (ml_problem_lookup_given (p, "t_c", &v))
    g_assert_true (v >= 20.0 && v <= 37.0);
  if (ml_problem_lookup_given (p, "vm", &v) && ml_problem_get_topic (p) != ML_PRACTICE_NERNST
      && ml_problem_get_topic (p) != ML_PRACTICE_CHARGE)
    g_assert_true (v >= -90.0 && v <= -50.0);
  /* A charge problem ends at a resting potential, or (Na⁺, Ca²⁺) starts
   * at one and ends at most at an action potential's peak. */
  if (ml_problem_get_topic (p) == ML_PRACTICE_CHARGE)
    {
      double start = given (p, "vm_start"), end = given (p, "vm");

      if (start == 0.0)
        g_assert_true (end >= -90.0 && end <= -50.0);
      else
        g_assert_true (start >= -90.0 && start <= -50.0 && end > start && end <= 50.0);
    }
  if (ml_problem_lookup_given (p, "radius_um", &v))
    g_assert_true (v >= 5.0 && v <= 50.0);
  if (ml_problem_lookup_given (p, "capacitance_uf_cm2", &v))
    g_assert_cmpfloat (v, ==, 1.0);
  if (ml_problem_lookup_given (p, "c_in", &v))
    g_assert_true (v > 0.0 && v < 200.0);
  if (ml_problem_lookup_given (p, "c_out", &v))
    g_assert_true (v > 0.0 && v < 200.0);
}

static void
test_all_topics (void)
{
  guint counts[ML_PRACTICE_N_TOPICS][2] = { { 0 } };

  for (guint t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    for (guint64 seed = 1; seed <= N_SEEDS; seed++)
      for (guint index = 0; index < N_INDICES; index++)
        {
          g_autoptr (MlProblem) p = ml_practice_generate (t, seed, index);
          double answer = ml_problem_get_answer (p), expected = oracle (p);

          g_assert_cmpint (ml_problem_get_topic (p), ==, t);
          g_assert_cmpuint (ml_problem_get_seed (p), ==, seed);
          g_assert_cmpuint (ml_problem_get_index (p), ==, index);
          g_assert_true (isfinite (answer));
          if (!(fabs (answer - expected) <= 1e-9 * fabs (expected)))
            g_error ("%s seed %" G_GUINT64_FORMAT " #%u: %.15g, expected %.15g",
                     ml_practice_topic_id (t), seed, index, answer, expected);
          g_assert_true (ml_problem_get_tolerance (p) > 0.0);
          check_text (p);
          check_ranges (p);
          check_checker (p);
          /* Both signs of a driving force, both kinds of charge problem. */
          counts[t][answer < 0 ? 0 : 1]++;
        }
  g_assert_cmpuint (counts[ML_PRACTICE_DRIVING_FORCE][0], >, 50);
  g_assert_cmpuint (counts[ML_PRACTICE_DRIVING_FORCE][1], >, 50);
  g_assert_cmpuint (counts[ML_PRACTICE_DELTA_G][0], >, 50);
  g_assert_cmpuint (counts[ML_PRACTICE_DELTA_G][1], >, 50);
}

/* Every ion, both kinds of charge problem, all three Donnan questions, a
 * divalent ion, and temperatures other than 37 °C all turn up. */
static void
test_variety (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint not_37 = 0, n = 0;

  for (guint t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    for (guint64 seed = 1; seed <= 100; seed++)
      {
        g_autoptr (MlProblem) p = ml_practice_generate (t, seed, 0);
        double t_c, z;

        g_hash_table_add (seen, g_strdup_printf ("%s/%s/%s", ml_practice_topic_id (t),
                                                 ml_problem_get_asked (p),
                                                 ml_problem_get_ion (p) != NULL
                                                 ? ml_problem_get_ion (p) : "-"));
        if (ml_problem_lookup_given (p, "t_c", &t_c))
          {
            n++;
            not_37 += t_c != 37.0;
          }
        if (ml_problem_lookup_given (p, "z_a", &z) && z == -2)
          g_hash_table_add (seen, g_strdup ("donnan/divalent"));
      }
  for (guint i = 0; i < 4; i++)
    {
      const char *ions[] = { "K", "Na", "Cl", "Ca" };
      g_autofree char *key = g_strdup_printf ("nernst/E/%s", ions[i]);

      g_assert_true (g_hash_table_contains (seen, key));
    }
  g_assert_true (g_hash_table_contains (seen, "charge/ions-moved/K"));
  g_assert_true (g_hash_table_contains (seen, "charge/fraction/K"));
  g_assert_true (g_hash_table_contains (seen, "donnan/vm/-"));
  g_assert_true (g_hash_table_contains (seen, "donnan/k-in/-"));
  g_assert_true (g_hash_table_contains (seen, "donnan/ratio/-"));
  g_assert_true (g_hash_table_contains (seen, "donnan/divalent"));
  g_assert_true (not_37 > n / 5 && not_37 < n);
}

static void
test_deterministic (void)
{
  for (guint t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    {
      guint differ = 0;

      for (guint64 seed = 1; seed <= N_SEEDS; seed++)
        {
          g_autoptr (MlProblem) a = ml_practice_generate (t, seed, 2);
          g_autoptr (MlProblem) b = ml_practice_generate (t, seed, 2);
          g_autoptr (MlProblem) other = ml_practice_generate (t, seed + 1, 2);

          g_assert_cmpstr (ml_problem_get_question (a), ==, ml_problem_get_question (b));
          g_assert_cmpstr (ml_problem_get_solution (a), ==, ml_problem_get_solution (b));
          g_assert_cmpfloat (ml_problem_get_answer (a), ==, ml_problem_get_answer (b));
          differ += ml_problem_get_answer (a) != ml_problem_get_answer (other);
        }
      /* Distinct values for nearly every neighbouring seed. */
      g_assert_cmpuint (differ, >, N_SEEDS * 9 / 10);
    }
}

/* The first problems of set 1 are the same on every machine: their values
 * are pinned (as this generator first printed them), so a change to the
 * generator, which would change every set already handed out, is seen.
 * The answers are the oracle's. */
static void
assert_givens (MlPracticeTopic  topic,
               const char      *asked,
               const char      *ion,
               const char      *keys[],
               const double     values[])
{
  g_autoptr (MlProblem) p = ml_practice_generate (topic, 1, 0);

  g_assert_cmpstr (ml_problem_get_asked (p), ==, asked);
  g_assert_cmpstr (ml_problem_get_ion (p), ==, ion);
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_cmpfloat (given (p, keys[i]), ==, values[i]);
  g_assert_cmpfloat_with_epsilon (ml_problem_get_answer (p), oracle (p),
                                  1e-9 * fabs (oracle (p)));
}

static void
test_pinned (void)
{
  assert_givens (ML_PRACTICE_NERNST, "E", "Ca",
                 (const char *[]) { "z", "c_in", "c_out", "t_c", NULL },
                 (const double[]) { 2, 0.0002, 1.2, 25 });
  assert_givens (ML_PRACTICE_GHK, "vm", NULL,
                 (const char *[]) { "t_c", "k_in", "k_out", "na_in", "na_out", "cl_in",
                                    "cl_out", "p_k", "p_na", "p_cl", NULL },
                 (const double[]) { 37, 155, 5.5, 7, 150, 8, 120, 1, 0.03, 0.2 });
  assert_givens (ML_PRACTICE_DRIVING_FORCE, "driving-force", "Ca",
                 (const char *[]) { "z", "c_in", "c_out", "t_c", "vm", NULL },
                 (const double[]) { 2, 0.00016, 2.4, 35, -60 });
  assert_givens (ML_PRACTICE_DELTA_G, "delta-g", "K",
                 (const char *[]) { "z", "c_in", "c_out", "t_c", "vm", NULL },
                 (const double[]) { 1, 120, 3.5, 25, -84 });
  assert_givens (ML_PRACTICE_CHARGE, "fraction", "K",
                 (const char *[]) { "z", "radius_um", "capacitance_uf_cm2", "vm", "c_in", NULL },
                 (const double[]) { 1, 40, 1, -55, 150 });
  assert_givens (ML_PRACTICE_DONNAN, "k-in", NULL,
                 (const char *[]) { "a_mm", "z_a", "bath_mm", "t_c", NULL },
                 (const double[]) { 140, -1, 150, 37 });
}

/* Textbook values: E_Cl for 5 mM inside and 110 mM outside at 37 °C is
 * −82.6 mV, E_K for 140/5 mM is −89.1 mV (Purves et al., Neuroscience,
 * 6th ed., ch. 2; Hille 2001, table 1.1): the oracle and the core agree
 * with them to 0.1 mV. */
static void
test_textbook (void)
{
  double e = 0.0;

  g_assert_cmpfloat_with_epsilon (oracle_nernst (-1, 5, 110, 37), -82.6, 0.1);
  g_assert_cmpfloat_with_epsilon (oracle_nernst (1, 140, 5, 37), -89.1, 0.1);
  g_assert_true (ml_nernst_mv (-1, 5, 110, 37, &e));
  g_assert_cmpfloat_with_epsilon (e, -82.6, 0.1);
  g_assert_true (ml_nernst_mv (1, 140, 5, 37, &e));
  g_assert_cmpfloat_with_epsilon (e, -89.1, 0.1);
  /* RT/F = 26.7267 mV at 37 °C (docs/ARCHITECTURE.md). */
  g_assert_cmpfloat_with_epsilon (rt_f_mv (37), 26.7267, 1e-4);
}

static void
test_topic_ids (void)
{
  const char *const *ids = ml_practice_topic_ids ();
  MlPracticeTopic topic;
  guint n = 0;

  for (; ids[n] != NULL; n++)
    {
      g_assert_true (ml_practice_topic_from_id (ids[n], &topic));
      g_assert_cmpint (topic, ==, n);
      g_assert_cmpstr (ml_practice_topic_id (topic), ==, ids[n]);
      g_assert_nonnull (ml_practice_topic_title (topic));
    }
  g_assert_cmpuint (n, ==, ML_PRACTICE_N_TOPICS);
  g_assert_cmpstr (ids[0], ==, "nernst");
  g_assert_cmpstr (ids[5], ==, "donnan");
  g_assert_false (ml_practice_topic_from_id ("Nernst", &topic));
  g_assert_false (ml_practice_topic_from_id ("", &topic));
  g_assert_false (ml_practice_topic_from_id ("all", &topic));
  g_assert_false (ml_practice_topic_from_id (NULL, &topic));
}

/* Answers as people type them, on the anchor problem's unit. */
static void
test_checker_forms (void)
{
  g_autoptr (MlProblem) p = NULL;

  /* Find a Nernst problem and a count problem among the first seeds. */
  for (guint64 seed = 1; p == NULL; seed++)
    {
      MlProblem *q = ml_practice_generate (ML_PRACTICE_CHARGE, seed, 0);

      if (strcmp (ml_problem_get_asked (q), "ions-moved") == 0)
        p = q;
      else
        ml_problem_free (q);
    }
  {
    double n = ml_problem_get_answer (p);
    g_autofree char *spaced = format_c ("%.0f", n);
    GString *thousands = g_string_new (NULL);
    gsize len = strlen (spaced);
    g_autofree char *grouped = NULL;

    /* "5,489,773" */
    for (gsize i = 0; i < len; i++)
      {
        if (i > 0 && (len - i) % 3 == 0)
          g_string_append_c (thousands, ',');
        g_string_append_c (thousands, spaced[i]);
      }
    grouped = g_string_free (thousands, FALSE);
    assert_verdict (p, grouped, ML_PRACTICE_RIGHT);
    assert_verdict (p, "5.4e", ML_PRACTICE_NOT_A_NUMBER);
    assert_verdict (p, "1.2.3", ML_PRACTICE_NOT_A_NUMBER);
    assert_verdict (p, "12 %", ML_PRACTICE_WRONG_UNIT);
    assert_verdict (p, "1e6 apples", ML_PRACTICE_NOT_A_NUMBER);
  }
}

static void
test_moodle (void)
{
  MlProblem *problems[ML_PRACTICE_N_TOPICS];
  g_autofree char *xml = NULL;
  const char *p;
  guint n = 0;

  for (guint t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    problems[t] = ml_practice_generate (t, 3, t);
  xml = ml_practice_moodle_xml (problems, ML_PRACTICE_N_TOPICS, "Set 3");
  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"
                                        "  <question type=\"category\">"));
  g_assert_nonnull (strstr (xml, "<text>$course$/top/Membrane Lab/Set 3</text>"));
  /* Units optional (Moodle's UNITINPUT with no penalty), never UNITNONE. */
  g_assert_null (strstr (xml, "<showunits>3</showunits>"));
  g_assert_nonnull (strstr (xml, "<showunits>0</showunits>"));
  g_assert_nonnull (strstr (xml, "<name>\n      <text>Problem 1: Nernst potential</text>"));
  g_assert_nonnull (strstr (xml, "<name>\n      <text>Problem 6: Donnan equilibrium</text>"));
  for (p = xml; (p = strstr (p, "<question type=\"numerical\">")) != NULL; p++)
    n++;
  g_assert_cmpuint (n, ==, ML_PRACTICE_N_TOPICS);
  g_assert_nonnull (strstr (xml, "<unit_name>mV</unit_name>"));
  g_assert_nonnull (strstr (xml, "<defaultgrade>1</defaultgrade>"));
  g_assert_null (strstr (xml, "<text>nan"));
  g_assert_null (strstr (xml, "<text>inf"));
  /* Every answer is a C-locale number the problem's own checker takes. */
  for (guint t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    {
      g_autofree char *needle = format_c ("%.10g", ml_problem_get_answer (problems[t]));
      g_autofree char *tag = g_strdup_printf ("<text>%s</text>", needle);

      g_assert_nonnull (strstr (xml, tag));
      ml_problem_free (problems[t]);
    }
  {
    g_autofree char *empty = ml_practice_moodle_xml (NULL, 0, "A/B & C");

    /* A "/" in a name is doubled, so it does not make a subcategory. */
    g_assert_cmpstr (empty, ==, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"
                                "  <question type=\"category\">\n    <category>\n"
                                "      <text>$course$/top/Membrane Lab/A//B &amp; C</text>\n"
                                "    </category>\n  </question>\n</quiz>\n");
  }
}

/* The answer as the app prints it is an answer the checker takes: a
 * student who types back the printed answer is right. */
static void
test_printed_answer_is_right (void)
{
  for (int t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    for (guint64 seed = 1; seed <= 200; seed++)
      for (guint index = 0; index < 3; index++)
        {
          g_autoptr (MlProblem) p = ml_practice_generate (t, seed, index);
          g_autofree char *message = NULL;
          MlPracticeVerdict v = ml_problem_check (p, ml_problem_get_answer_text (p), &message);

          if (v != ML_PRACTICE_RIGHT)
            g_error ("topic %d seed %" G_GUINT64_FORMAT " index %u: “%s” is not right (%d): %s",
                     t, seed, index, ml_problem_get_answer_text (p), v, message);
        }
}

/* Sign ------------------------------------------------------------------- */

#define N_SIGN_SEEDS 2000

/* No answer's tolerance reaches zero: a number of the other sign is never
 * right.  A driving force and a ΔG, whose sign is the lesson (which way
 * the ion goes), stay at least three tolerances from zero.  Over 2000
 * seeds × 5 problems of every topic; seed 0 #4 of ΔG once was
 * 0.075 ± 0.2 kJ/mol. */
static void
test_sign (void)
{
  for (guint t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    for (guint64 seed = 0; seed < N_SIGN_SEEDS; seed++)
      for (guint index = 0; index < N_INDICES; index++)
        {
          g_autoptr (MlProblem) p = ml_practice_generate (t, seed, index);
          double answer = ml_problem_get_answer (p), tol = ml_problem_get_tolerance (p);
          g_autofree char *opposite = format_c ("%.10g", -answer);
          g_autofree char *edge = format_c ("%.10g", answer > 0 ? tol * 1e-3 : -tol * 1e-3);

          if (!(fabs (answer) > tol))
            g_error ("%s seed %" G_GUINT64_FORMAT " #%u: %.6g ± %g takes the other sign",
                     ml_practice_topic_id (t), seed, index, answer, tol);
          if ((t == ML_PRACTICE_DRIVING_FORCE || t == ML_PRACTICE_DELTA_G)
              && !(fabs (answer) >= 3.0 * tol))
            g_error ("%s seed %" G_GUINT64_FORMAT " #%u: %.6g ± %g is too near zero",
                     ml_practice_topic_id (t), seed, index, answer, tol);
          /* As the checker sees it: zero, a value of the right sign next
           * to zero and the opposite number are all wrong. */
          g_assert_cmpint (ml_problem_check (p, "0", NULL), ==, ML_PRACTICE_WRONG);
          g_assert_cmpint (ml_problem_check (p, edge, NULL), ==, ML_PRACTICE_WRONG);
          g_assert_cmpint (ml_problem_check (p, opposite, NULL), ==, ML_PRACTICE_WRONG);
          /* The printed answer has the answer's sign. */
          g_assert_true (g_str_has_prefix (ml_problem_get_answer_text (p), "−") == (answer < 0));
        }
}

/* Arithmetic of the worked solutions ------------------------------------ */

/* A printed decimal ("−5.98", "+19.1", "0.075") as a whole number of its
 * last decimal, and the number of decimals. */
static gboolean
read_units (const char *text,
            gint64     *units,
            int        *decimals)
{
  const char *c = text;
  gboolean negative = FALSE, point = FALSE;
  gint64 u = 0;
  int d = 0, digits = 0;

  if (g_str_has_prefix (c, "−"))
    {
      negative = TRUE;
      c += strlen ("−");
    }
  else if (*c == '+' || *c == '-')
    negative = *c++ == '-';
  for (; *c != '\0'; c++)
    {
      if (g_ascii_isdigit (*c))
        {
          u = 10 * u + (*c - '0');
          digits++;
          d += point;
        }
      else if (*c == '.' && !point)
        point = TRUE;
      else
        break;
    }
  if (digits == 0)
    return FALSE;
  *units = negative ? -u : u;
  *decimals = d;
  return TRUE;
}

static gint64
scaled (gint64 units,
        int    from,
        int    to)
{
  for (; from < to; from++)
    units *= 10;
  return units;
}

/* The index of the first line of @lines from @from on that starts with
 * @prefix and holds @needle (may be NULL), or -1. */
static int
find_line (GStrv       lines,
           int         from,
           const char *prefix,
           const char *needle)
{
  for (int i = from; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix) && (needle == NULL || strstr (lines[i], needle)))
      return i;
  return -1;
}

/* a + b = total, with the parts and the total as printed. */
static void
assert_printed_sum (const MlProblem *p,
                    const char      *a,
                    const char      *b,
                    const char      *total,
                    gboolean         difference)
{
  gint64 ua, ub, ut;
  int da, db, dt, d;

  if (!read_units (a, &ua, &da) || !read_units (b, &ub, &db) || !read_units (total, &ut, &dt))
    g_error ("%s seed %" G_GUINT64_FORMAT " #%u: cannot read “%s”, “%s”, “%s” in\n%s",
             ml_practice_topic_id (ml_problem_get_topic (p)), ml_problem_get_seed (p),
             ml_problem_get_index (p), a, b, total, ml_problem_get_solution (p));
  d = MAX (MAX (da, db), dt);
  ua = scaled (ua, da, d);
  ub = scaled (ub, db, d);
  ut = scaled (ut, dt, d);
  if ((difference ? ua - ub : ua + ub) != ut)
    g_error ("%s seed %" G_GUINT64_FORMAT " #%u: %s %s %s is not %s:\n%s",
             ml_practice_topic_id (ml_problem_get_topic (p)), ml_problem_get_seed (p),
             ml_problem_get_index (p), a, difference ? "−" : "+", b, total,
             ml_problem_get_solution (p));
}

/* The number that starts @text, by the C locale's rules, − for a minus. */
static double
read_double (const char *text)
{
  g_autoptr (GString) s = g_string_new (text);

  g_string_replace (s, "−", "-", 0);
  return g_ascii_strtod (s->str, NULL);
}

/* The parts of every worked solution add up to its total as printed:
 * ΔG's chemical and electrical parts (243 solutions printed
 * "6.06 + (−5.98) = 0.07"), the driving force's V_m − E, and the GHK
 * sums from their printed terms.  Over 2000 seeds × 5 problems. */
static void
test_solution_arithmetic (void)
{
  guint n_dg = 0, n_df = 0, n_ghk = 0;

  for (guint64 seed = 0; seed < N_SIGN_SEEDS; seed++)
    for (guint index = 0; index < N_INDICES; index++)
      {
        g_autoptr (MlProblem) dg = ml_practice_generate (ML_PRACTICE_DELTA_G, seed, index);
        g_autoptr (MlProblem) df = ml_practice_generate (ML_PRACTICE_DRIVING_FORCE, seed, index);
        g_autoptr (MlProblem) ghk = ml_practice_generate (ML_PRACTICE_GHK, seed, index);
        g_auto (GStrv) dg_lines = g_strsplit (ml_problem_get_solution (dg), "\n", -1);
        g_auto (GStrv) df_lines = g_strsplit (ml_problem_get_solution (df), "\n", -1);
        g_auto (GStrv) ghk_lines = g_strsplit (ml_problem_get_solution (ghk), "\n", -1);
        const char *line, *next;
        int i;

        /* "= 6.06 kJ/mol + (−5.98 kJ/mol)" then "= 0.08 kJ/mol" */
        i = find_line (dg_lines, 0, "= ", " kJ/mol + (");
        g_assert_cmpint (i, >=, 0);
        g_assert_nonnull (dg_lines[i + 1]);
        {
          g_autofree char *a = NULL;
          const char *b;

          line = dg_lines[i] + strlen ("= ");
          a = g_strndup (line, strstr (line, " kJ/mol") - line);
          b = strstr (line, " + (") + strlen (" + (");
          g_assert_true (g_str_has_prefix (dg_lines[i + 1], "= "));
          next = dg_lines[i + 1] + strlen ("= ");
          assert_printed_sum (dg, a, b, next, FALSE);
          /* The total printed is the answer printed, within 0.01 kJ/mol
           * (its parts' rounding) of ΔG. */
          g_assert_cmpstr (next, ==, ml_problem_get_answer_text (dg));
          g_assert_cmpfloat (fabs (read_double (next) - ml_problem_get_answer (dg)), <=,
                             0.01 + 1e-9);
          n_dg++;
        }

        /* "V_m − E_K = −70 mV − (−89.1 mV)" then "= +19.1 mV" */
        i = find_line (df_lines, 0, "V_m − E_", NULL);
        g_assert_cmpint (i, >=, 0);
        g_assert_nonnull (df_lines[i + 1]);
        {
          const char *a = strstr (df_lines[i], " = ") + strlen (" = ");
          const char *b = strstr (a, " − (") + strlen (" − (");

          g_assert_true (g_str_has_prefix (df_lines[i + 1], "= "));
          next = df_lines[i + 1] + strlen ("= ");
          assert_printed_sum (df, a, b, next, TRUE);
          g_assert_cmpstr (next, ==, ml_problem_get_answer_text (df));
          n_df++;
        }

        /* "= 26.73 mV·ln((1·5.5 + 0.03·150 + 0.2·8)/(…))" then
         * "= 26.73 mV·ln(11.6/157.9)": each printed sum of printed
         * products. */
        i = find_line (ghk_lines, 0, "= ", "ln((");
        g_assert_cmpint (i, >=, 0);
        g_assert_nonnull (ghk_lines[i + 1]);
        {
          const char *terms = strstr (ghk_lines[i], "ln((") + strlen ("ln((");
          const char *sums;
          double sum[2] = { 0, 0 }, printed[2];
          guint k = 0;

          next = ghk_lines[i + 1];
          sums = strstr (next, "ln(");
          g_assert_nonnull (sums);
          sums += strlen ("ln(");
          printed[0] = read_double (sums);
          printed[1] = read_double (strchr (sums, '/') + 1);
          for (const char *c = terms; k < 2 && *c != '\0';)
            {
              double factor = read_double (c);
              const char *dot = strstr (c, "·");

              c = dot + strlen ("·");
              sum[k] += factor * read_double (c);
              while (*c != '\0' && *c != '+' && *c != ')')
                c++;
              if (*c == ')')
                {
                  k++;
                  c += k == 1 ? strlen (")/(") : 1;
                }
              else
                c += strlen ("+ ");
            }
          g_assert_cmpuint (k, ==, 2);
          for (guint j = 0; j < 2; j++)
            if (!(fabs (sum[j] - printed[j]) <= 1e-9 * fabs (printed[j])))
              g_error ("ghk seed %" G_GUINT64_FORMAT " #%u: the terms add up to %.10g, "
                       "printed %.10g:\n%s", seed, index, sum[j], printed[j],
                       ml_problem_get_solution (ghk));
          n_ghk++;
        }
      }
  g_assert_cmpuint (n_dg, ==, N_SIGN_SEEDS * N_INDICES);
  g_assert_cmpuint (n_df, ==, N_SIGN_SEEDS * N_INDICES);
  g_assert_cmpuint (n_ghk, ==, N_SIGN_SEEDS * N_INDICES);
}

/* Which way the ions go ------------------------------------------------- */

/* A cation that enters makes the inside more positive, one that leaves
 * more negative (ΔV = z·e·N/C, z·ΔV > 0 inward).  The question says
 * "enter" or "leave" accordingly, K⁺ leaves to make the inside negative,
 * and Na⁺ and Ca²⁺ only ever enter (Na⁺ in an action potential's
 * upstroke, Ca²⁺ depolarising): no problem asks for Na⁺ or Ca²⁺ to leave
 * a resting cell. */
static void
test_charge_direction (void)
{
  guint seen[3] = { 0, 0, 0 };

  for (guint64 seed = 0; seed < N_SIGN_SEEDS; seed++)
    for (guint index = 0; index < N_INDICES; index++)
      {
        g_autoptr (MlProblem) p = ml_practice_generate (ML_PRACTICE_CHARGE, seed, index);
        const char *q = ml_problem_get_question (p), *ion = ml_problem_get_ion (p);
        double dv = given (p, "vm") - given (p, "vm_start"), z = given (p, "z");
        gboolean inward = z * dv > 0;

        g_assert_cmpfloat (dv, !=, 0.0);
        if (strcmp (ml_problem_get_asked (p), "fraction") == 0)
          {
            g_assert_cmpstr (ion, ==, "K");
            g_assert_false (inward);
            g_assert_nonnull (strstr (q, "K⁺ that left"));
            continue;
          }
        g_assert_true ((strstr (q, " enter") != NULL) == inward);
        g_assert_true ((strstr (q, " leave") != NULL) == !inward);
        if (strcmp (ion, "K") == 0)
          {
            g_assert_false (inward);
            g_assert_cmpfloat (given (p, "vm_start"), ==, 0.0);
            g_assert_nonnull (strstr (q, "K⁺ ions must leave"));
            seen[0]++;
          }
        else
          {
            g_assert_true (inward);
            g_assert_nonnull (strstr (q, strcmp (ion, "Na") == 0 ? "Na⁺ ions must enter"
                                                                 : "Ca²⁺ ions must enter"));
            seen[strcmp (ion, "Na") == 0 ? 1 : 2]++;
          }
      }
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (seen[i], >, 100);
}

/* Typeset text ------------------------------------------------------------ */

static void
assert_markup (const char *markup)
{
  g_autoptr (GMarkupParseContext) context = NULL;
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
  g_autofree char *wrapped = g_strconcat ("<m>", markup, "</m>", NULL);
  g_autoptr (GError) error = NULL;

  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  if (!g_markup_parse_context_parse (context, wrapped, -1, &error)
      || !g_markup_parse_context_end_parse (context, &error))
    g_error ("not markup (%s): %s", error->message, markup);
}

/* The question, hint and solution come as markup, with subscripts where
 * the plain text writes "_": P_K and E_Ca are typeset in the window, the
 * worksheet and the Moodle bank; the plain text keeps one spelling
 * ("P_K", "[K⁺]out") and no tag. */
static void
test_markup (void)
{
  for (guint t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    for (guint64 seed = 1; seed <= 100; seed++)
      {
        g_autoptr (MlProblem) p = ml_practice_generate (t, seed, 0);
        const char *texts[] = { ml_problem_get_question_markup (p),
                                ml_problem_get_hint_markup (p),
                                ml_problem_get_solution_markup (p) };
        const char *plain[] = { ml_problem_get_question (p), ml_problem_get_hint (p),
                                ml_problem_get_solution (p) };

        /* The wrong answer's message, typeset, says what the plain one
         * says. */
        {
          g_autofree char *message = NULL, *markup = ml_problem_wrong_message_markup (p);

          g_assert_cmpint (ml_problem_check (p, "1e9", &message), ==, ML_PRACTICE_WRONG);
          assert_markup (markup);
          g_assert_nonnull (strstr (markup, ml_problem_get_hint_markup (p)));
          g_assert_true (g_str_has_prefix (markup, "Not right yet. "));
          g_assert_true (g_str_has_prefix (message, "Not right yet. "));
          g_assert_cmpstr (strstr (message, ml_problem_get_hint (p)), ==, ml_problem_get_hint (p));
        }
        for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
          {
            assert_markup (texts[i]);
            g_assert_null (strchr (plain[i], '<'));
            g_assert_null (strstr (plain[i], "&amp;"));
            /* Where the plain text has a subscript, the markup has it as
             * a <sub>, never as "_". */
            g_assert_true ((strstr (plain[i], "_") != NULL) <= (strstr (texts[i], "<sub>") != NULL));
            g_assert_null (strchr (texts[i], '_'));
          }
      }
  {
    g_autoptr (MlProblem) ghk = ml_practice_generate (ML_PRACTICE_GHK, 1, 0);
    g_autoptr (MlProblem) df = ml_practice_generate (ML_PRACTICE_DRIVING_FORCE, 1, 0);

    g_assert_nonnull (strstr (ml_problem_get_question (ghk), "P_K : P_Na : P_Cl = 1 : "));
    g_assert_nonnull (strstr (ml_problem_get_question_markup (ghk),
                              "<i>P</i><sub>K</sub> : <i>P</i><sub>Na</sub> : "
                              "<i>P</i><sub>Cl</sub> = 1 : "));
    /* Set 1's first driving force is of Ca²⁺ (pinned above). */
    g_assert_nonnull (strstr (ml_problem_get_question_markup (df),
                              "<i>V</i><sub>m</sub> − <i>E</i><sub>Ca</sub>?"));
    g_assert_nonnull (strstr (ml_problem_get_solution_markup (df), "<i>E</i><sub>Ca</sub> = "));
    g_assert_nonnull (strstr (ml_problem_get_solution (df), "E_Ca = (RT/zF)·ln([Ca²⁺]out/"
                                                           "[Ca²⁺]in)"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/practice/topic-ids", test_topic_ids);
  g_test_add_func ("/practice/textbook", test_textbook);
  g_test_add_func ("/practice/all-topics", test_all_topics);
  g_test_add_func ("/practice/variety", test_variety);
  g_test_add_func ("/practice/deterministic", test_deterministic);
  g_test_add_func ("/practice/pinned", test_pinned);
  g_test_add_func ("/practice/checker-forms", test_checker_forms);
  g_test_add_func ("/practice/moodle", test_moodle);
  g_test_add_func ("/practice/printed-answer-is-right", test_printed_answer_is_right);
  g_test_add_func ("/practice/sign", test_sign);
  g_test_add_func ("/practice/solution-arithmetic", test_solution_arithmetic);
  g_test_add_func ("/practice/charge-direction", test_charge_direction);
  g_test_add_func ("/practice/markup", test_markup);
  return g_test_run ();
}
