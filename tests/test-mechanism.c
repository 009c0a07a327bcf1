/* test-mechanism.c — mechanisms, steady states and the ODE module
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each class against its own equation computed here by hand; every preset
 * a flux steady state of the mechanisms it names; files of the version
 * before mechanisms loading to the same V_m; a mechanism kind added by a
 * test (one definition and its registration) working everywhere; and the
 * ROS2 step against an exact solution.
 */
#include "ml-mechanism.h"
#include "ml-ode.h"
#include "ml-physics.h"
#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-simulation.h"
#include "ml-solution.h"
#include "ml-steady-state.h"

#include <math.h>
#include <string.h>

static void
assert_close (double got,
              double expected,
              double tol)
{
  if (!(fabs (got - expected) <= tol))
    g_error ("got %.17g, expected %.17g ± %g (off by %g)", got, expected, tol, got - expected);
}

/* RT/F at 37 °C from the exact CODATA 2018 constants: RT/F = k_B·T/e
 * = 1.380649e-23 × 310.15 / 1.602176634e-19 V = 26.72666 mV. */
#define RT_F_37 (1.380649e-23 * 310.15 / 1.602176634e-19 * 1000.0)

static MlCell *
preset (const char *id)
{
  g_autoptr (GError) error = NULL;
  MlCell *cell = ml_cell_new ();

  if (!ml_presets_load (cell, id, &error))
    g_error ("preset %s: %s", id, error->message);
  return cell;
}

static MlCell *
neuron_ions (void)
{
  MlCell *cell = ml_cell_new ();
  const MlIon ions[] = {
    { "K", 1, 140.0, 5.0, 5e-7, TRUE },
    { "Na", 1, 15.0, 145.0, 2.5e-8, TRUE },
    { "Cl", -1, 10.0, 110.0, 2.25e-7, TRUE },
    { "Ca", 2, 0.0001, 2.0, 5e-10, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ions); i++)
    g_assert_cmpint (ml_cell_set_ion (cell, &ions[i]), ==, (int)i);
  return cell;
}

static const MlMechanismResult *
mechanism_of (const MlSolution *sol,
              const char       *id)
{
  for (guint k = 0; k < sol->n_mechanisms; k++)
    if (strcmp (sol->mechanisms[k].klass->id, id) == 0)
      return &sol->mechanisms[k];
  g_error ("no mechanism %s", id);
  return NULL;
}

/* The registry ------------------------------------------------------------ */

static void
test_registry (void)
{
  g_assert_cmpuint (ml_mechanism_class_count (), >=, 6);
  g_assert_true (ml_mechanism_class_find ("leak")->builtin);
  g_assert_true (ml_mechanism_class_find ("nak-pump")->builtin);
  g_assert_null (ml_mechanism_class_find ("nope"));

  for (guint i = 0; i < ml_mechanism_class_count (); i++)
    {
      const MlMechanismClass *klass = ml_mechanism_class_get (i);
      g_autofree char *group = g_strconcat ("Mechanism ", klass->id, NULL);

      g_assert_true (ml_mechanism_class_find (klass->id) == klass);
      g_assert_nonnull (klass->name);
      g_assert_nonnull (klass->source);
      g_assert_nonnull (klass->stoichiometry);
      if (klass->builtin)
        continue;
      g_assert_nonnull (klass->flux);
      g_assert_cmpuint (klass->n_params, <=, ML_MECHANISM_MAX_PARAMS);
      g_assert_cmpuint (klass->scale_param, <, klass->n_params);
      for (guint k = 0; k < klass->n_params; k++)
        {
          const MlParam *param = &klass->params[k];
          g_autofree char *prefix = g_strconcat (klass->id, ".", NULL);

          /* One table: found by id and by file key, as any parameter. */
          g_assert_true (g_str_has_prefix (param->id, prefix));
          g_assert_true (ml_params_get (param->id) == param);
          g_assert_cmpstr (param->group, ==, group);
          g_assert_true (ml_params_lookup_key (group, param->key) == param);
          g_assert_cmpuint (param->slot, ==, k);
          g_assert_true (ml_param_accepts (param, param->default_value));
        }
      /* A second class of the same id is refused. */
      g_assert_false (ml_mechanism_class_register (klass));
    }
}

/* Each class by hand ------------------------------------------------------ */

static void
flux_of (const char      *id,
         MlCell          *cell,
         const double    *values,
         double           vm,
         MlMechanismFlux *out)
{
  MlEnv env;

  memset (out, 0, sizeof *out);
  ml_env_from_cell (&env, cell);
  ml_mechanism_class_find (id)->flux (&env, values, vm, out);
}

static double
flux_sum (const MlMechanismFlux *f)
{
  double sum = 0.0;

  for (guint i = 0; i < ML_MAX_IONS; i++)
    sum += f->flux_ua_cm2[i];
  return sum;
}

static void
test_kcc2 (void)
{
  g_autoptr (MlCell) cell = neuron_ions ();
  const double imax[] = { 0.2 };
  MlMechanismFlux f;

  /* K 140/5, Cl 10/110: products 1400 inside, 550 outside, so
   * J = 0.2 × 850/1950 = 0.0871795 µA/cm² out, K⁺ out and Cl⁻ out. */
  flux_of ("kcc2", cell, imax, -70.0, &f);
  assert_close (f.flux_ua_cm2[0], 0.2 * 850.0 / 1950.0, 1e-15);
  assert_close (f.flux_ua_cm2[2], -0.2 * 850.0 / 1950.0, 1e-15);
  assert_close (f.current_ua_cm2, 0.0, 0.0);
  assert_close (flux_sum (&f), f.current_ua_cm2, 1e-15);
  /* Electroneutral: the same at any V. */
  flux_of ("kcc2", cell, imax, +40.0, &f);
  assert_close (f.flux_ua_cm2[0], 0.2 * 850.0 / 1950.0, 1e-15);

  /* It stops where the products are equal: Cl⁻ inside 550/140 mM. */
  ml_cell_set_ion_value (cell, 2, ML_ION_FIELD_C_IN, 550.0 / 140.0);
  flux_of ("kcc2", cell, imax, -70.0, &f);
  assert_close (f.flux_ua_cm2[0], 0.0, 1e-15);
  /* And runs in below that. */
  ml_cell_set_ion_value (cell, 2, ML_ION_FIELD_C_IN, 2.0);
  flux_of ("kcc2", cell, imax, -70.0, &f);
  g_assert_cmpfloat (f.flux_ua_cm2[0], <, 0.0);
}

static void
test_nkcc1 (void)
{
  g_autoptr (MlCell) cell = neuron_ions ();
  const double imax[] = { 0.1 };
  /* Na·K·Cl²: inside 15·140·10² = 210000, outside 145·5·110² = 8772500. */
  double j = 0.1 * (8772500.0 - 210000.0) / (8772500.0 + 210000.0);
  MlMechanismFlux f;

  flux_of ("nkcc1", cell, imax, -70.0, &f);
  assert_close (f.flux_ua_cm2[1], -j, 1e-15);   /* Na⁺ in */
  assert_close (f.flux_ua_cm2[0], -j, 1e-15);   /* K⁺ in */
  assert_close (f.flux_ua_cm2[2], 2.0 * j, 1e-15); /* 2 Cl⁻ in: outward charge */
  assert_close (flux_sum (&f), 0.0, 1e-15);

  /* Without Cl⁻ it idles and says why. */
  ml_cell_set_ion_enabled (cell, 2, FALSE);
  flux_of ("nkcc1", cell, imax, -70.0, &f);
  assert_close (flux_sum (&f), 0.0, 0.0);
  assert_close (f.flux_ua_cm2[1], 0.0, 0.0);
}

static void
test_pmca (void)
{
  g_autoptr (MlCell) cell = neuron_ions ();
  /* Ca²⁺ inside at K_m: half the maximal current. */
  const double values[] = { 1.15, 0.0001 };
  MlMechanismFlux f;

  flux_of ("pmca", cell, values, -70.0, &f);
  assert_close (f.current_ua_cm2, 1.15 / 2.0, 1e-15);
  assert_close (f.flux_ua_cm2[3], f.current_ua_cm2, 0.0);
  assert_close (flux_sum (&f), f.current_ua_cm2, 1e-15);
}

/* Luo & Rudy (1994) I_NaCa, written out here from the paper. */
static double
lr_ncx (double k, double na_i, double na_o, double ca_i, double ca_o, double vm, double rtf)
{
  const double km_na = 87.5, km_ca = 1.38, k_sat = 0.1, eta = 0.35;
  double x = vm / rtf;

  return k / (pow (km_na, 3) + pow (na_o, 3)) / (km_ca + ca_o)
         / (1.0 + k_sat * exp ((eta - 1.0) * x))
         * (exp (eta * x) * pow (na_i, 3) * ca_o - exp ((eta - 1.0) * x) * pow (na_o, 3) * ca_i);
}

static void
test_ncx (void)
{
  g_autoptr (MlCell) cell = neuron_ions ();
  const double k[] = { 2000.0 };
  double e_na = RT_F_37 * log (145.0 / 15.0);
  double e_ca = RT_F_37 / 2.0 * log (2.0 / 0.0001);
  double e_ncx = 3.0 * e_na - 2.0 * e_ca;
  MlMechanismFlux f;
  MlEnv env;

  /* By hand: E_Na = 60.63, E_Ca = 132.34, so E_NCX = 3·60.63 − 2·132.34
   * = −82.8 mV. */
  assert_close (e_ncx, -82.79, 0.01);
  ml_env_from_cell (&env, cell);
  assert_close (ml_mechanism_class_find ("ncx")->reversal (&env), e_ncx, 1e-4);

  flux_of ("ncx", cell, k, -70.0, &f);
  assert_close (f.current_ua_cm2, lr_ncx (2000, 15, 145, 0.0001, 2, -70.0, RT_F_37),
                1e-6 * fabs (f.current_ua_cm2));
  /* 3 Na⁺ for 1 Ca²⁺: one net charge per cycle. */
  assert_close (f.flux_ua_cm2[1], 3.0 * f.current_ua_cm2, 1e-15);
  assert_close (f.flux_ua_cm2[3], -2.0 * f.current_ua_cm2, 1e-15);
  assert_close (flux_sum (&f), f.current_ua_cm2, 1e-15);
  /* Above E_NCX reversed (outward, Ca²⁺ in), below forward, zero at it. */
  g_assert_cmpfloat (f.current_ua_cm2, >, 0.0);
  flux_of ("ncx", cell, k, -95.0, &f);
  g_assert_cmpfloat (f.current_ua_cm2, <, 0.0);
  flux_of ("ncx", cell, k, ml_mechanism_class_find ("ncx")->reversal (&env), &f);
  assert_close (f.current_ua_cm2, 0.0, 1e-12);
}

/* Presets ----------------------------------------------------------------- */

static void
test_presets_steady (void)
{
  const char * const *ids = ml_presets_list ();

  for (guint p = 0; ids[p] != NULL; p++)
    {
      g_autoptr (MlCell) cell = preset (ids[p]);
      MlSolution sol;
      double net, scale;
      const MlMechanismResult *pump;

      ml_cell_solve (cell, &sol);
      g_assert_true (sol.vm_defined);
      pump = mechanism_of (&sol, "nak-pump");
      ml_cell_flux_balance (cell, &net, &scale);
      g_test_message ("%s: V_rest %.4f mV, largest net flux %.3g µA/cm² (of %.3g), "
                      "pump Na⁺ %.4g µA/cm²", ids[p], sol.vm_mv, net, scale,
                      pump->flux_ua_cm2[ml_cell_find_role (cell, ML_ION_ROLE_NA)]);

      /* Every mechanism is in the solution, the fluxes add to the net. */
      g_assert_cmpuint (sol.n_mechanisms, ==, 2 + ml_cell_get_n_mechanisms (cell));
      for (guint i = 0; i < sol.n_ions; i++)
        {
          double sum = 0.0;

          for (guint k = 0; k < sol.n_mechanisms; k++)
            sum += sol.mechanisms[k].flux_ua_cm2[i];
          assert_close (sol.ions[i].net_flux_ua_cm2, sum, 1e-15);
        }

      if (strcmp (ids[p], "squid-axon") == 0)
        {
          /* The published Goldman calculation: no pump, so not steady, and
           * the description says it runs down. */
          g_assert_cmpint (sol.pump_state, ==, ML_PUMP_STATE_OFF);
          g_assert_cmpfloat (net, >, 1.0);
          g_assert_nonnull (strstr (ml_cell_get_description (cell), "run down"));
          g_assert_false (sol.steady_state);
          g_assert_cmpint (sol.drifting_ion, ==, ml_cell_find_role (cell, ML_ION_ROLE_NA));
          continue;
        }
      /* The bound: within 1e-9 of the pump's flux. */
      g_assert_cmpfloat (net, <=,
                         1e-9 * fabs (pump->flux_ua_cm2[ml_cell_find_role (cell, ML_ION_ROLE_NA)]));
      g_assert_cmpint (sol.pump_state, ==, ML_PUMP_STATE_RUNNING);
      g_assert_true (sol.steady_state);
      g_assert_cmpint (sol.drifting_ion, ==, -1);
      for (guint k = 2; k < sol.n_mechanisms; k++)
        g_assert_null (sol.mechanisms[k].state);
    }
}

/* Blocked before or during a run, the pump's absence runs a preset down;
 * restored, the cell recovers towards its rest. */
static void
test_rundown_and_recovery (void)
{
  const char * const ids[] = { "mammalian-neuron", "pump-neuron", "astrocyte",
                               "skeletal-muscle", "cardiac-myocyte", "red-blood-cell" };

  for (guint p = 0; p < G_N_ELEMENTS (ids); p++)
    {
      g_autoptr (MlCell) cell = preset (ids[p]);
      g_autoptr (MlCell) blocked = ml_cell_copy (cell);
      g_autoptr (MlSimulation) sim = NULL;
      int na = ml_cell_find_role (cell, ML_ION_ROLE_NA);
      double na0 = ml_cell_get_ion (cell, na)->c_in, na_blocked, na_back;
      double v0;

      ml_cell_set_pump_mode (blocked, ML_PUMP_OFF);
      sim = ml_simulation_new (blocked);
      v0 = ml_simulation_get_sample (sim, 0)->vm_mv;
      g_assert_true (ml_simulation_advance (sim, 3600.0));
      na_blocked = ml_simulation_get_solution (sim)->ions[na].ion.c_in;
      ml_simulation_apply (sim, cell, "pump restored");
      g_assert_true (ml_simulation_advance (sim, 4.0 * 3600.0));
      na_back = ml_simulation_get_solution (sim)->ions[na].ion.c_in;
      g_test_message ("%s: blocked before the run, Na⁺ in %.3f → %.3f mM in 1 h "
                      "(V %.2f → %.2f mV); restored, %.3f mM 3 h later", ids[p], na0,
                      na_blocked, v0, ml_simulation_get_sample (sim, 0)->vm_mv, na_back);
      /* Runs down: Na⁺ inside rises by at least 5 % in an hour. */
      g_assert_cmpfloat (na_blocked, >, 1.05 * na0);
      /* Recovers: most of the way back. */
      g_assert_cmpfloat (fabs (na_back - na0), <, 0.5 * (na_blocked - na0));
    }
}

/* The version before mechanisms ------------------------------------------- */

static void
test_v1_files (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("TEST_DATA_DIR"), "v1", NULL);
  g_autofree char *tsv_path = g_build_filename (dir, "vm-expected.tsv", NULL);
  g_autofree char *tsv = NULL;
  g_auto (GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (tsv_path, &tsv, NULL, NULL));
  lines = g_strsplit (tsv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;
      g_autofree char *path = NULL;
      g_autoptr (GFile) file = NULL;
      g_autoptr (MlCell) cell = ml_cell_new ();
      g_autoptr (GError) error = NULL;
      MlSolution sol;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 2);
      path = g_build_filename (dir, fields[0], NULL);
      file = g_file_new_for_path (path);
      if (!ml_scenario_load_file (cell, file, NULL, &error))
        g_error ("%s: %s", fields[0], error->message);
      g_assert_cmpuint (ml_cell_get_n_mechanisms (cell), ==, 0);
      ml_cell_solve (cell, &sol);
      assert_close (sol.vm_mv, g_ascii_strtod (fields[1], NULL), 1e-9);
      n++;
    }
  g_assert_cmpuint (n, >=, 13);
}

/* Files ------------------------------------------------------------------- */

#define HEAD_MEMBRANE "[Membrane]\nVersion=1\nName=t\nTemperature=37\n"
#define HEAD_CELL \
  "[Ion K]\nValence=1\nInside=140\nOutside=5\nPermeability=5e-7\n" \
  "[Ion Na]\nValence=1\nInside=15\nOutside=145\nPermeability=2.5e-8\n" \
  "[Ion Cl]\nValence=-1\nInside=10\nOutside=110\nPermeability=2.25e-7\n" \
  "[Pump]\nMode=kinetic\nMaxCurrent=1\n"

static const char *head = HEAD_MEMBRANE HEAD_CELL;

static void
assert_refused (const char *tail,
                const char *must_contain)
{
  g_autofree char *data = g_strconcat (head, tail, NULL);
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (ml_scenario_load_data (cell, data, -1, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (strstr (error->message, must_contain) == NULL)
    g_error ("“%s” does not name “%s”", error->message, must_contain);
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, 0);
}

static void
assert_fit_refused (const char *fit,
                    const char *tail,
                    const char *must_contain)
{
  g_autofree char *data = g_strconcat (HEAD_MEMBRANE "Fit=", fit, "\n" HEAD_CELL, tail, NULL);
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (ml_scenario_load_data (cell, data, -1, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "[Membrane] Fit"));
  if (strstr (error->message, must_contain) == NULL)
    g_error ("“%s” does not name “%s”", error->message, must_contain);
}

static void
test_files (void)
{
  g_autofree char *data = g_strconcat (head, "[Mechanism kcc2]\nMaxCurrent=0.25\n", NULL);
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (MlCell) again = ml_cell_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = NULL;
  double value;

  g_assert_true (ml_scenario_load_data (cell, data, -1, &error));
  g_assert_cmpint (ml_cell_find_mechanism (cell, "kcc2"), ==, 0);
  g_assert_true (ml_params_get_value (cell, "kcc2.imax", &value));
  assert_close (value, 0.25, 0.0);
  /* Saved and read back: the same cell. */
  saved = ml_scenario_to_data (cell, NULL);
  g_assert_nonnull (strstr (saved, "[Mechanism kcc2]"));
  g_assert_true (ml_scenario_load_data (again, saved, -1, &error));
  g_assert_true (ml_cell_equal (cell, again));

  assert_refused ("[Mechanism nope]\n", "Mechanism nope");
  assert_refused ("[Mechanism kcc2]\nBogus=1\n", "Bogus");
  assert_refused ("[Mechanism kcc2]\nMaxCurrent=-1\n", "MaxCurrent");
  assert_refused ("[Mechanism leak]\n", "Mechanism leak");
  /* Three ions need two fitted parameters. */
  assert_fit_refused ("pump.imax", "[Mechanism kcc2]\n", "2 fitted parameters");
  assert_fit_refused ("pump.imax;nope.x", "[Mechanism kcc2]\n", "nope.x");
  /* With 10 mM Cl⁻ inside, E_Cl is above rest: Cl⁻ leaks out, and a KCC2
   * fitted to balance it would have to run inwards. */
  assert_fit_refused ("pump.imax;kcc2.imax", "[Mechanism kcc2]\n", "kcc2.imax");
  /* NKCC1 can: the same file with it loads, balanced. */
  {
    g_autoptr (MlCell) fitted = ml_cell_new ();
    g_autofree char *good = g_strconcat (HEAD_MEMBRANE "Fit=pump.imax;nkcc1.imax\n" HEAD_CELL,
                                         "[Mechanism nkcc1]\n", NULL);
    double net, scale;

    g_assert_true (ml_scenario_load_data (fitted, good, -1, &error));
    ml_cell_flux_balance (fitted, &net, &scale);
    g_assert_cmpfloat (net, <, 1e-12 * scale);
    /* Saved, it holds the numbers, not the Fit: opening it refits nothing. */
    g_free (saved);
    saved = ml_scenario_to_data (fitted, NULL);
    g_assert_null (strstr (saved, "Fit="));
  }
}

/* A fit on a cell built here: NKCC1 and the pump for Na⁺, K⁺ and Cl⁻. */
static void
test_fit (void)
{
  g_autoptr (MlCell) cell = neuron_ions ();
  const char *ids[] = { "pump.imax", "nkcc1.imax" };
  g_autoptr (GError) error = NULL;
  MlSolution sol;

  ml_cell_remove_ion (cell, 3);
  ml_cell_set_pump_mode (cell, ML_PUMP_KINETIC);
  ml_cell_add_mechanism (cell, ml_mechanism_class_find ("nkcc1"));
  g_assert_true (ml_cell_fit_steady_state (cell, ids, 2, &error));
  g_assert_no_error (error);
  ml_cell_solve (cell, &sol);
  /* Na⁺: leak in = 3 × pump + NKCC1 in; K⁺: leak out = 2 × pump + NKCC1 in;
   * Cl⁻: leak out = 2 × NKCC1 in — each to rounding. */
  for (guint i = 0; i < sol.n_ions; i++)
    assert_close (sol.ions[i].net_flux_ua_cm2, 0.0, 1e-12);
  assert_close (mechanism_of (&sol, "nkcc1")->flux_ua_cm2[2], -sol.ions[2].current_ua_cm2, 1e-12);
  g_assert_cmpfloat (sol.ions[2].current_ua_cm2, <, 0.0);

  /* One parameter for three ions is refused, naming the count. */
  g_assert_false (ml_cell_fit_steady_state (cell, ids, 1, &error));
  g_assert_error (error, ML_STEADY_STATE_ERROR, ML_STEADY_STATE_ERROR_COUNT);
}

/* A kind added by one definition and its registration ----------------------- */

/* A toy: a constant outward K⁺ current Ī, "k-drain". */
static const MlParam toy_params[] = {
  {
    .kind = ML_PARAM_MECHANISM,
    .id = "k-drain.imax",
    .group = "Mechanism k-drain",
    .key = "MaxCurrent",
    .unit = "µA/cm²",
    .min = 0.0,
    .max = 10.0,
    .default_value = 0.1,
    .slider_min = 0.001,
    .slider_max = 1.0,
    .label = "K⁺ drain",
    .mechanism = "k-drain",
    .slot = 0,
  },
};

static void
toy_flux (const MlEnv     *env,
          const double    *values,
          double           vm_mv,
          MlMechanismFlux *out)
{
  (void)vm_mv;
  if (env->k < 0)
    return;
  out->current_ua_cm2 = values[0];
  out->flux_ua_cm2[env->k] = values[0];
}

static const MlMechanismClass toy_class = {
  .id = "k-drain",
  .name = "K⁺ drain",
  .short_name = "drain",
  .stoichiometry = "1 K⁺ out",
  .equation = "I = Ī",
  .source = "test-mechanism.c",
  .kind = ML_MECHANISM_KIND_CHANNEL,
  .n_params = G_N_ELEMENTS (toy_params),
  .params = toy_params,
  .scale_param = 0,
  .flux = toy_flux,
};

static void
test_toy (void)
{
  g_autoptr (MlCell) cell = neuron_ions ();
  g_autoptr (MlCell) plain = NULL;
  g_autoptr (MlCell) read = ml_cell_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr (MlSimulation) with = NULL, without = NULL;
  MlSolution sol, at;
  int k = 0;

  g_assert_true (ml_mechanism_class_register (&toy_class));
  ml_cell_set_name (cell, "toy");
  ml_cell_set_pump_mode (cell, ML_PUMP_KINETIC);
  plain = ml_cell_copy (cell);
  g_assert_cmpint (ml_cell_add_mechanism (cell, &toy_class), ==, 0);
  g_assert_true (ml_params_set_value (cell, "k-drain.imax", 0.5));

  /* The solver sums it: at V_rest every current balances, its 0.5 too. */
  ml_cell_solve (cell, &sol);
  g_assert_true (sol.vm_defined);
  assert_close (sol.net_current_ua_cm2, 0.0, 1e-12);
  assert_close (mechanism_of (&sol, "k-drain")->current_ua_cm2, 0.5, 0.0);
  ml_cell_solve_at (plain, sol.vm_mv, &at);
  /* Without it the same V leaves exactly its 0.5 µA/cm² over. */
  assert_close (at.net_current_ua_cm2, -0.5, 1e-9);

  /* Files carry it. */
  data = ml_scenario_to_data (cell, NULL);
  g_assert_nonnull (strstr (data, "[Mechanism k-drain]"));
  if (!ml_scenario_load_data (read, data, -1, &error))
    g_error ("%s\n%s", error->message, data);
  g_assert_true (ml_cell_equal (cell, read));

  /* The time course moves K⁺ by it: 0.5 µA/cm² more K⁺ out. */
  with = ml_simulation_new (cell);
  without = ml_simulation_new (plain);
  g_assert_true (ml_simulation_advance (with, 600.0));
  g_assert_true (ml_simulation_advance (without, 600.0));
  g_assert_cmpfloat (ml_simulation_get_amount (with, k), <, ml_simulation_get_amount (without, k));
}

/* The ODE module ---------------------------------------------------------- */

typedef struct
{
  double a[2][2];
} Linear;

static gboolean
linear_rhs (gpointer      user_data,
            const double *y,
            double       *dydt)
{
  Linear *l = user_data;

  dydt[0] = l->a[0][0] * y[0] + l->a[0][1] * y[1];
  dydt[1] = l->a[1][0] * y[0] + l->a[1][1] * y[1];
  return TRUE;
}

/* y' = A·y with A = [[−1, 0], [1, −1000]]: a stiff pair whose exact
 * solution is y0 = e^(−t), y1 = (e^(−t) − e^(−1000t))/999 from y(0) =
 * (1, 0).  ROS2 is second order: halving the step quarters the error. */
static double
ros2_error (double h)
{
  Linear l = { { { -1.0, 0.0 }, { 1.0, -1000.0 } } };
  const double atol[2] = { 1e-12, 1e-12 }, scale[2] = { 1e-6, 1e-6 };
  MlOde ode = { 2, linear_rhs, &l, 1e-6, atol, scale };
  double y[2] = { 1.0, 0.0 }, f[2], y_new[2], err, t = 0.0;

  while (t < 1.0 - 1e-12)
    {
      linear_rhs (&l, y, f);
      g_assert_true (ml_ode_ros2_step (&ode, y, f, h, y_new, &err));
      memcpy (y, y_new, sizeof y);
      t += h;
    }
  return fmax (fabs (y[0] - exp (-1.0)), fabs (y[1] - (exp (-1.0) - exp (-1000.0)) / 999.0));
}

static void
test_ode (void)
{
  double e1 = ros2_error (0.01), e2 = ros2_error (0.005);
  /* Stable at a step 20× the fast time constant; second order. */
  double big = ros2_error (0.02);

  g_test_message ("ROS2 errors: h 0.02 %.3g, 0.01 %.3g, 0.005 %.3g (ratio %.2f)", big, e1, e2,
                  e1 / e2);
  g_assert_cmpfloat (big, <, 1e-3);
  g_assert_cmpfloat (e1 / e2, >, 3.5);
  g_assert_cmpfloat (e1 / e2, <, 4.5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mechanism/registry", test_registry);
  g_test_add_func ("/mechanism/kcc2", test_kcc2);
  g_test_add_func ("/mechanism/nkcc1", test_nkcc1);
  g_test_add_func ("/mechanism/pmca", test_pmca);
  g_test_add_func ("/mechanism/ncx", test_ncx);
  g_test_add_func ("/mechanism/presets-are-steady-states", test_presets_steady);
  g_test_add_func ("/mechanism/rundown-and-recovery", test_rundown_and_recovery);
  g_test_add_func ("/mechanism/files-of-the-version-before", test_v1_files);
  g_test_add_func ("/mechanism/files", test_files);
  g_test_add_func ("/mechanism/fit", test_fit);
  g_test_add_func ("/mechanism/a-new-kind", test_toy);
  g_test_add_func ("/ode/ros2", test_ode);

  return g_test_run ();
}
