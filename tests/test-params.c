/* test-params.c — the parameter table against everything that reads it
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is only worth having if the file reader, the writer and MlCell
 * agree with it, so each promise is checked from the outside: every key is
 * written and read back through a scenario file, every range edge is tried
 * one double inside and one double outside in a file and on the cell, and
 * every required key is removed once.  membrane-calc's side is in
 * test-cli.py (--list-parameters against the options and FORMAT.md).
 */
#define G_LOG_DOMAIN "test-params"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ml-cell.h"
#include "ml-params.h"
#include "ml-physics.h"
#include "ml-scenario.h"

/* MlCell defines no log domain of its own: its g_return_if_fail()
 * messages come with none. */
#define CELL_LOG_DOMAIN NULL

/* The cell every file test starts from: two ions, so that a per-ion key is
 * found in the right group and not in the other. */
static MlCell *
test_cell_new (void)
{
  MlCell *cell = ml_cell_new ();

  ml_cell_set_name (cell, "Table test");
  g_assert_cmpint (ml_cell_set_ion (cell, &(MlIon) { "K", 1, 140.0, 5.0, 5e-7, true }), ==, 0);
  g_assert_cmpint (ml_cell_set_ion (cell, &(MlIon) { "Mg2", 2, 0.5, 1.0, 1e-9, true }), ==, 1);
  return cell;
}

/* The smallest value the range takes and the largest; for an open minimum
 * the double just above it. */
static double
lowest_accepted (const MlParam *param)
{
  if (param->flags & ML_PARAM_FLAG_MIN_OPEN)
    return nextafter (param->min, INFINITY);
  return param->min;
}

static double
highest_refused_below (const MlParam *param)
{
  if (param->flags & ML_PARAM_FLAG_MIN_OPEN)
    return param->min;
  return nextafter (param->min, -INFINITY);
}

static char *
exact_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}

static GKeyFile *
keyfile_of (MlCell *cell)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = ml_scenario_to_data (cell, NULL);

  g_assert_true (g_key_file_load_from_data (keyfile, data, -1, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&keyfile);
}

/* Loads @keyfile's text into a fresh cell; NULL with @error set when the
 * reader refuses it. */
static MlCell *
load_keyfile (GKeyFile  *keyfile,
              GError   **error)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autofree char *data = g_key_file_to_data (keyfile, NULL, NULL);

  if (!ml_scenario_load_data (cell, data, -1, error))
    return NULL;
  return g_steal_pointer (&cell);
}

/* The table itself */

static void
test_ids_unique (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);
      g_autofree char *id = ml_param_dup_id (param, "K");
      g_autofree char *group = ml_param_dup_group (param, "K");

      g_assert_cmpint (param->kind, ==, k);
      g_test_message ("%s: [%s] %s", id, group, param->key);

      /* Stable ASCII a script can type: no spaces, no upper case. */
      for (const char *p = param->id; *p != '\0'; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '_');

      /* Per ion, the suffix follows the name; the cell's own ids never
       * end in a suffix, or "pump.in" could mean either. */
      if (ml_param_is_per_ion (param))
        g_assert_true (param->id[0] == '.' && strchr (param->id + 1, '.') == NULL);
      else
        for (guint j = 0; j < ML_N_PARAMS; j++)
          if (ml_param_is_per_ion (ml_params_get_kind (j)))
            g_assert_false (g_str_has_suffix (param->id, ml_params_get_kind (j)->id));

      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, g_steal_pointer (&id));
      {
        char *where = g_strconcat (group, "/", param->key, NULL);

        g_assert_false (g_hash_table_contains (keys, where));
        g_hash_table_add (keys, where);
      }
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, ML_N_PARAMS);
}

static void
test_lookup (void)
{
  char name[ML_ION_NAME_MAX];
  const MlParam *param;
  g_autofree char *id = NULL;
  g_autofree char *group = NULL;

  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *each = ml_params_get_kind (k);
      g_autofree char *each_id = ml_param_dup_id (each, "Na");
      g_autofree char *each_group = ml_param_dup_group (each, "Na");

      g_assert_true (ml_params_get (each_id) == each);
      g_assert_true (ml_params_lookup_key (each_group, each->key) == each);
      if (ml_param_is_per_ion (each) && !(each->flags & ML_PARAM_FLAG_BOOLEAN))
        g_assert_true (ml_params_lookup_ion_field (each->ion_field) == each);
    }

  param = ml_params_parse_id ("K.in", name, sizeof name);
  g_assert_nonnull (param);
  g_assert_cmpint (param->kind, ==, ML_PARAM_ION_C_IN);
  g_assert_cmpstr (name, ==, "K");
  param = ml_params_parse_id ("Mg2.enabled", name, sizeof name);
  g_assert_cmpint (param->kind, ==, ML_PARAM_ION_ENABLED);
  g_assert_cmpstr (name, ==, "Mg2");
  /* An ion may be called "pump"; its fields are not the pump's. */
  param = ml_params_parse_id ("pump.p", name, sizeof name);
  g_assert_cmpint (param->kind, ==, ML_PARAM_ION_P);
  g_assert_cmpstr (name, ==, "pump");
  param = ml_params_parse_id ("pump.ratio", name, sizeof name);
  g_assert_cmpint (param->kind, ==, ML_PARAM_PUMP_RATIO);
  g_assert_cmpstr (name, ==, "");

  g_assert_cmpint (ml_params_get ("temperature")->kind, ==, ML_PARAM_TEMPERATURE);
  g_assert_null (ml_params_get ("Temperature"));
  g_assert_null (ml_params_get ("K.bar"));
  g_assert_null (ml_params_get (".in"));
  g_assert_null (ml_params_get ("K+.in"));
  g_assert_null (ml_params_get ("Potassiumchloride.in"));
  g_assert_null (ml_params_get ("K.in.out"));
  g_assert_null (ml_params_get (""));

  g_assert_cmpint (ml_params_lookup_key ("Ion Na", "Outside")->kind, ==, ML_PARAM_ION_C_OUT);
  g_assert_cmpint (ml_params_lookup_key ("Pump", "Ratio")->kind, ==, ML_PARAM_PUMP_RATIO);
  g_assert_null (ml_params_lookup_key ("Membrane", "Ratio"));
  g_assert_null (ml_params_lookup_key ("Pump", "Mode"));
  g_assert_null (ml_params_lookup_key ("Ion K", "Valence"));

  param = ml_params_get_kind (ML_PARAM_ION_P);
  id = ml_param_dup_id (param, "Cl");
  group = ml_param_dup_group (param, "Cl");
  g_assert_cmpstr (id, ==, "Cl.p");
  g_assert_cmpstr (group, ==, "Ion Cl");
  g_assert_cmpstr (ml_param_get_label (param), ==, "Permeability");
}

/* A new cell holds the table's defaults, its properties have the table's
 * ranges, and every slider fits inside the range it serves. */
static void
test_defaults_and_properties (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  GObjectClass *klass = G_OBJECT_GET_CLASS (cell);

  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);

      g_test_message ("%s", param->id);
      g_assert_nonnull (param->key);
      g_assert_nonnull (param->label);
      g_assert_cmpstr (ml_param_get_label (param), !=, "");
      g_assert_true (ml_param_accepts (param, param->default_value)
                     || ml_param_is_per_ion (param));
      g_assert_cmpfloat (param->slider_min, <, param->slider_max);
      g_assert_true (ml_param_accepts (param, param->slider_min));
      g_assert_true (ml_param_accepts (param, param->slider_max));
      if (param->flags & ML_PARAM_FLAG_LOG)
        g_assert_cmpfloat (param->slider_min, >, 0.0);

      if (ml_param_is_per_ion (param))
        {
          g_assert_null (param->property);
          continue;
        }

      g_assert_cmpfloat (ml_param_get_value (param, cell, 0), ==, param->default_value);
      g_assert_nonnull (param->property);
      {
        GParamSpec *pspec = g_object_class_find_property (klass, param->property);
        GParamSpecDouble *d;

        g_assert_nonnull (pspec);
        g_assert_true (G_IS_PARAM_SPEC_DOUBLE (pspec));
        d = G_PARAM_SPEC_DOUBLE (pspec);
        g_assert_cmpfloat (d->default_value, ==, param->default_value);
        if (param->flags & ML_PARAM_FLAG_CELL_ANY_FINITE)
          continue;
        g_assert_cmpfloat (d->minimum, ==, param->min);
        g_assert_cmpfloat (d->maximum, ==, param->max);
      }
    }

  /* A new ion is in the model unless a file says otherwise. */
  g_assert_cmpfloat (ml_params_get_kind (ML_PARAM_ION_ENABLED)->default_value, ==, 1.0);
}

/* Files */

/* Each key is written where the table says and reads back to the same
 * double, at both ends of its range and in between. */
static void
test_round_trip (void)
{
  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);
      gboolean boolean = (param->flags & ML_PARAM_FLAG_BOOLEAN) != 0;
      double values[3];
      guint ion = ml_param_is_per_ion (param) ? 1 : 0;

      values[0] = boolean ? 0.0 : lowest_accepted (param);
      values[1] = boolean ? 1.0 : param->max;
      values[2] = boolean ? 0.0 : param->min + (param->max - param->min) / 3.0;

      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        {
          g_autoptr(MlCell) cell = test_cell_new ();
          g_autoptr(MlCell) back = NULL;
          g_autoptr(GKeyFile) keyfile = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *group = ml_param_dup_group (param, "Mg2");
          g_autofree char *id = ml_param_dup_id (param, "Mg2");
          g_autofree char *text = NULL;
          double read = NAN;

          g_test_message ("%s = %.17g", id, values[v]);
          ml_param_set_value (param, cell, ion, values[v]);
          g_assert_cmpfloat (ml_param_get_value (param, cell, ion), ==, values[v]);

          keyfile = keyfile_of (cell);
          text = g_key_file_get_value (keyfile, group, param->key, &error);
          g_assert_no_error (error);
          if (boolean)
            g_assert_cmpstr (text, ==, values[v] != 0.0 ? "true" : "false");
          else
            g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, values[v]);

          back = load_keyfile (keyfile, &error);
          g_assert_no_error (error);
          g_assert_true (ml_cell_equal (cell, back));
          g_assert_true (ml_params_get_value (back, id, &read));
          g_assert_cmpfloat (read, ==, values[v]);
        }
    }
}

/* One double past each end is refused by the reader with a message that
 * names the group and key; one double inside is taken. */
static void
test_file_edges (void)
{
  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);
      g_autofree char *group = ml_param_dup_group (param, "K");
      g_autofree char *where = g_strdup_printf ("[%s] %s:", group, param->key);
      const double refused[] = { highest_refused_below (param),
                                 nextafter (param->max, INFINITY), NAN };
      const double accepted[] = { lowest_accepted (param), param->max };

      if (param->flags & ML_PARAM_FLAG_BOOLEAN)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
        {
          g_autoptr(MlCell) cell = test_cell_new ();
          g_autoptr(GKeyFile) keyfile = keyfile_of (cell);
          g_autoptr(MlCell) back = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *text = isnan (refused[i]) ? g_strdup ("nan") : exact_text (refused[i]);

          g_assert_false (ml_param_accepts (param, refused[i]));
          g_key_file_set_value (keyfile, group, param->key, text);
          back = load_keyfile (keyfile, &error);
          g_assert_null (back);
          g_assert_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_INVALID);
          g_test_message ("%s", error->message);
          g_assert_true (g_str_has_prefix (error->message, where));
        }

      for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
        {
          g_autoptr(MlCell) cell = test_cell_new ();
          g_autoptr(GKeyFile) keyfile = keyfile_of (cell);
          g_autoptr(MlCell) back = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *text = exact_text (accepted[i]);

          g_assert_true (ml_param_accepts (param, accepted[i]));
          g_key_file_set_value (keyfile, group, param->key, text);
          back = load_keyfile (keyfile, &error);
          g_assert_no_error (error);
          g_assert_cmpfloat (ml_param_get_value (param, back, 0), ==, accepted[i]);
        }
    }
}

/* A required key missing is an error that names it; an optional one
 * missing gives the table's default. */
static void
test_file_required (void)
{
  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);
      g_autoptr(MlCell) cell = test_cell_new ();
      g_autoptr(GKeyFile) keyfile = NULL;
      g_autoptr(MlCell) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *group = ml_param_dup_group (param, "K");

      /* Away from the default first, so that reading the default is seen. */
      if (param->flags & ML_PARAM_FLAG_BOOLEAN)
        ml_param_set_value (param, cell, 0, 1.0 - param->default_value);
      else if (!ml_param_is_per_ion (param))
        ml_param_set_value (param, cell, 0, param->max);

      keyfile = keyfile_of (cell);
      g_assert_true (g_key_file_remove_key (keyfile, group, param->key, NULL));
      back = load_keyfile (keyfile, &error);

      g_test_message ("%s: %s", param->id, error != NULL ? error->message : "loaded");
      if (param->flags & ML_PARAM_FLAG_REQUIRED)
        {
          g_autofree char *where = g_strdup_printf ("[%s] %s:", group, param->key);

          g_assert_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_MISSING);
          g_assert_true (g_str_has_prefix (error->message, where));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpfloat (ml_param_get_value (param, back, 0), ==, param->default_value);
        }
    }
}

/* MlCell */

/* Set @value through the table; TRUE when the cell kept it, FALSE when its
 * setter refused it with a critical and kept the old value. */
static gboolean
cell_takes (MlCell        *cell,
            const MlParam *param,
            double         value)
{
  double before = ml_param_get_value (param, cell, 0);

  if (ml_param_cell_accepts (param, value))
    {
      ml_param_set_value (param, cell, 0, value);
      return ml_param_get_value (param, cell, 0) == value;
    }

  g_test_expect_message (CELL_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*");
  ml_param_set_value (param, cell, 0, value);
  g_test_assert_expected_messages ();
  g_assert_cmpfloat (ml_param_get_value (param, cell, 0), ==, before);
  return FALSE;
}

/* The same edges on the cell: its setters refuse what a file may not hold,
 * except the temperature, which it keeps for the solver to report. */
static void
test_cell_agrees (void)
{
  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);
      g_autoptr(MlCell) cell = test_cell_new ();
      gboolean any = (param->flags & ML_PARAM_FLAG_CELL_ANY_FINITE) != 0;

      if (param->flags & ML_PARAM_FLAG_BOOLEAN)
        continue;
      g_test_message ("%s", param->id);

      g_assert_true (cell_takes (cell, param, lowest_accepted (param)));
      g_assert_true (cell_takes (cell, param, param->max));
      g_assert_cmpint (cell_takes (cell, param, highest_refused_below (param)), ==, any);
      g_assert_cmpint (cell_takes (cell, param, nextafter (param->max, INFINITY)), ==, any);
      g_assert_false (cell_takes (cell, param, NAN));
      g_assert_false (cell_takes (cell, param, INFINITY));
    }

  /* The temperature is the one parameter so flagged: colder than 0 K is
   * a condition of the solution (test-solver), not a refused edit. */
  for (guint k = 0; k < ML_N_PARAMS; k++)
    g_assert_cmpint ((ml_params_get_kind (k)->flags & ML_PARAM_FLAG_CELL_ANY_FINITE) != 0, ==,
                     k == ML_PARAM_TEMPERATURE);

  /* ml_concentration_is_valid() serves both sides: the table must give
   * them one range. */
  g_assert_cmpfloat (ml_params_get_kind (ML_PARAM_ION_C_IN)->min, ==,
                     ml_params_get_kind (ML_PARAM_ION_C_OUT)->min);
  g_assert_cmpfloat (ml_params_get_kind (ML_PARAM_ION_C_IN)->max, ==,
                     ml_params_get_kind (ML_PARAM_ION_C_OUT)->max);
  g_assert_true (ml_concentration_is_valid (1e5));
  g_assert_false (ml_concentration_is_valid (nextafter (1e5, INFINITY)));
  g_assert_false (ml_concentration_is_valid (nextafter (0.0, -INFINITY)));
  g_assert_true (ml_permeability_is_valid (1.0));
  g_assert_false (ml_permeability_is_valid (nextafter (1.0, INFINITY)));
}

/* By id, as a script would */
static void
test_values_by_id (void)
{
  g_autoptr(MlCell) cell = test_cell_new ();
  double value = 0.0;

  g_assert_true (ml_params_get_value (cell, "K.out", &value));
  g_assert_cmpfloat (value, ==, 5.0);
  /* Ion names in any case, as in a file. */
  g_assert_true (ml_params_set_value (cell, "k.out", 10.0));
  g_assert_cmpfloat (ml_cell_get_ion (cell, 0)->c_out, ==, 10.0);
  g_assert_true (ml_params_set_value (cell, "MG2.enabled", 0.0));
  g_assert_false (ml_cell_get_ion (cell, 1)->enabled);
  g_assert_true (ml_params_get_value (cell, "Mg2.enabled", &value));
  g_assert_cmpfloat (value, ==, 0.0);
  g_assert_true (ml_params_set_value (cell, "pump.t_ref", 20.0));
  g_assert_cmpfloat (ml_cell_get_pump_reference_temperature (cell), ==, 20.0);

  /* No such ion, no such parameter, a value out of range: refused, and
   * the cell unchanged. */
  g_assert_false (ml_params_get_value (cell, "Na.in", &value));
  g_assert_false (ml_params_set_value (cell, "Na.in", 1.0));
  g_assert_false (ml_params_set_value (cell, "pump.mode", 1.0));
  g_assert_false (ml_params_set_value (cell, "K.in", -1.0));
  g_assert_false (ml_params_set_value (cell, "Mg2.enabled", 0.5));
  g_assert_false (ml_params_set_value (cell, "pump.t_ref", -ML_ZERO_CELSIUS_K));
  /* The cell would keep −300 °C; a script may not give it. */
  g_assert_false (ml_params_set_value (cell, "temperature", -300.0));
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, ML_DEFAULT_TEMPERATURE_C);
  g_assert_cmpfloat (ml_cell_get_ion (cell, 0)->c_in, ==, 140.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/params/ids-unique", test_ids_unique);
  g_test_add_func ("/params/lookup", test_lookup);
  g_test_add_func ("/params/defaults-and-properties", test_defaults_and_properties);
  g_test_add_func ("/params/file/round-trip", test_round_trip);
  g_test_add_func ("/params/file/edges", test_file_edges);
  g_test_add_func ("/params/file/required", test_file_required);
  g_test_add_func ("/params/cell/agrees", test_cell_agrees);
  g_test_add_func ("/params/by-id", test_values_by_id);

  return g_test_run ();
}
