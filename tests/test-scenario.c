/* test-scenario.c — .membrane files and the shipped presets
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader reads files from anywhere, so besides the good cases each kind
 * of broken file is checked for its error, for a message that tells the user
 * where to look, and for leaving the cell exactly as it was.  A seeded fuzz
 * run covers the cases nobody thought of.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "ml-cell.h"
#include "ml-presets.h"
#include "ml-scenario.h"

static void
count_changed_cb (MlCell *cell,
                  guint  *count)
{
  (*count)++;
}

static char *
test_data_path (const char *name)
{
  const char *dir = g_getenv ("TEST_DATA_DIR");

  if (dir == NULL)
    dir = "tests/data";
  return g_build_filename (dir, name, NULL);
}

static void
assert_all_ions_valid (MlCell *cell)
{
  g_assert_cmpuint (ml_cell_get_n_ions (cell), <=, ML_MAX_IONS);
  for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
    g_assert_true (ml_ion_is_valid (ml_cell_get_ion (cell, i)));
  g_assert_true (isfinite (ml_cell_get_temperature (cell)));
}

/* Saving and loading again must give the same cell, bit for bit. */
static void
assert_round_trip (MlCell *cell)
{
  g_autoptr(MlCell) back = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  data = ml_scenario_to_data (cell, &length);
  g_assert_nonnull (data);
  g_assert_cmpuint (length, ==, strlen (data));
  g_assert_true (g_str_has_prefix (data, "# Membrane Lab scenario\n"));
  g_assert_nonnull (strstr (data, "Version=1\n"));

  g_assert_true (ml_scenario_load_data (back, data, length, &error));
  g_assert_no_error (error);
  g_assert_true (ml_cell_equal (cell, back));
}

/* Presets */

static void
test_presets_list (void)
{
  static const char * const expected[] = {
    "mammalian-neuron", "squid-axon", "skeletal-muscle",
    "cardiac-myocyte", "astrocyte", "red-blood-cell", "pump-neuron", NULL
  };
  const char * const *ids = ml_presets_list ();

  g_assert_cmpstrv (ids, expected);
  g_assert_cmpstr (ids[0], ==, ML_PRESET_DEFAULT);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_true (ml_presets_exists (ids[i]));
  g_assert_false (ml_presets_exists ("frog-heart"));
  g_assert_false (ml_presets_exists (""));
  g_assert_false (ml_presets_exists (NULL));
  /* An id is a name from the list, not a path into the resource. */
  g_assert_false (ml_presets_exists ("../presets/squid-axon"));
}

static void
test_preset_load (gconstpointer data)
{
  const char *id = data;
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint changed = 0;

  g_signal_connect (cell, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_assert_true (ml_presets_load (cell, id, &error));
  g_assert_no_error (error);
  /* A preset is one edit for the views and for undo. */
  g_assert_cmpuint (changed, ==, 1);

  name = ml_presets_get_name (id);
  g_assert_nonnull (name);
  g_assert_cmpstr (name, !=, "");
  g_assert_cmpstr (name, ==, ml_cell_get_name (cell));
  g_assert_cmpstr (ml_cell_get_source (cell), !=, "");

  /* Every shipped preset draws the four ions of the app. */
  g_assert_cmpint (ml_cell_find_ion (cell, "K"), >=, 0);
  g_assert_cmpint (ml_cell_find_ion (cell, "Na"), >=, 0);
  g_assert_cmpint (ml_cell_find_ion (cell, "Cl"), >=, 0);
  g_assert_cmpint (ml_cell_find_ion (cell, "Ca"), >=, 0);
  assert_all_ions_valid (cell);
}

static void
test_preset_round_trip (gconstpointer data)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ml_presets_load (cell, data, &error));
  g_assert_no_error (error);
  assert_round_trip (cell);
}

static void
assert_ion (MlCell     *cell,
            const char *name,
            int         z,
            double      c_in,
            double      c_out)
{
  int index = ml_cell_find_ion (cell, name);
  const MlIon *ion;

  g_assert_cmpint (index, >=, 0);
  ion = ml_cell_get_ion (cell, index);
  g_assert_cmpint (ion->z, ==, z);
  g_assert_cmpfloat (ion->c_in, ==, c_in);
  g_assert_cmpfloat (ion->c_out, ==, c_out);
  g_assert_true (ion->enabled);
}

/* Hodgkin & Katz (1949): K 400/20, Na 50/440, Cl 52/560 mM at 18 °C,
 * P_K : P_Na : P_Cl = 1 : 0.04 : 0.45. */
static void
test_preset_squid_axon (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  double p_k, p_na, p_cl;

  g_assert_true (ml_presets_load (cell, "squid-axon", &error));
  g_assert_no_error (error);

  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 18.0);
  assert_ion (cell, "K", 1, 400.0, 20.0);
  assert_ion (cell, "Na", 1, 50.0, 440.0);
  assert_ion (cell, "Cl", -1, 52.0, 560.0);

  p_k = ml_cell_get_ion (cell, ml_cell_find_ion (cell, "K"))->p;
  p_na = ml_cell_get_ion (cell, ml_cell_find_ion (cell, "Na"))->p;
  p_cl = ml_cell_get_ion (cell, ml_cell_find_ion (cell, "Cl"))->p;
  g_assert_cmpfloat (p_k, >, 0.0);
  g_assert_cmpfloat_with_epsilon (p_na / p_k, 0.04, 1e-12);
  g_assert_cmpfloat_with_epsilon (p_cl / p_k, 0.45, 1e-12);

  /* The classic Goldman calculation: no pump current in the balance. */
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_OFF);
}

static void
test_preset_unknown (void)
{
  g_autoptr(MlCell) cell = NULL;
  g_autoptr(MlCell) before = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  cell = ml_cell_new_default ();
  before = ml_cell_copy (cell);
  g_signal_connect (cell, "changed", G_CALLBACK (count_changed_cb), &changed);

  g_assert_false (ml_presets_load (cell, "frog-heart", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "frog-heart"));
  g_assert_nonnull (strstr (error->message, "--list-presets"));
  g_assert_true (ml_cell_equal (cell, before));
  g_assert_cmpuint (changed, ==, 0);

  g_assert_null (ml_presets_get_name ("frog-heart"));
}

static void
test_preset_default (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) neuron = ml_cell_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ml_presets_load (neuron, "mammalian-neuron", &error));
  g_assert_no_error (error);
  g_assert_true (ml_cell_equal (cell, neuron));
  g_assert_cmpstr (ml_cell_get_name (cell), ==, "Mammalian neuron");
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 37.0);
}

/* Round trips of values that are hard to print */

static void
test_round_trip_awkward (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  MlIon a = { "Mg2", 2, 0.1 + 0.2, 1.0 / 3.0, 4e-8, true };
  MlIon b = { "X", -2, 5e-324, 1e5, 1.0, false };
  MlIon c = { "Li", 1, 0.0, 0.0, 0.0, true };

  ml_cell_set_name (cell, "  spaced name\twith tab ");
  ml_cell_set_description (cell, "Line one\nline two [not a group]\n= and \\ too");
  ml_cell_set_source (cell, "#not a comment; ünïcödé ✓");
  ml_cell_set_temperature (cell, -273.15);
  ml_cell_set_ion (cell, &a);
  ml_cell_set_ion (cell, &b);
  ml_cell_set_ion (cell, &c);
  ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
  ml_cell_set_pump_ratio (cell, 10.0);
  ml_cell_set_pump_current (cell, -1000.0);
  ml_cell_set_pump_q10 (cell, 0.1);
  ml_cell_set_pump_reference_temperature (cell, 1000.0);
  ml_cell_set_radius (cell, 1e-3);
  ml_cell_set_capacitance (cell, 100.0 / 3.0);

  assert_round_trip (cell);
}

/* Ion names are compared without regard to case (FORMAT.md): [Ion k] is
 * potassium, kept and saved as [Ion K], and it may not stand beside a
 * [Ion K] in either order. */
static void
test_ion_name_case (void)
{
  static const char lower[] =
    "[Membrane]\nVersion=1\nName=Lower case\nTemperature=20\n"
    "[Ion k]\nValence=1\nInside=140\nOutside=5\nPermeability=1e-6\n"
    "[Ion na]\nValence=1\nInside=15\nOutside=145\nPermeability=5e-8\n"
    "[Ion mg]\nValence=2\nInside=0.5\nOutside=1\nPermeability=0\n";
  static const char twice[] =
    "[Membrane]\nVersion=1\nName=Twice\nTemperature=20\n"
    "[Ion k]\nValence=1\nInside=140\nOutside=5\nPermeability=1e-6\n"
    "[Ion K]\nValence=1\nInside=10\nOutside=145\nPermeability=5e-8\n";
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  g_assert_true (ml_scenario_load_data (cell, lower, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ml_cell_get_ion (cell, 0)->name, ==, "K");
  g_assert_cmpstr (ml_cell_get_ion (cell, 1)->name, ==, "Na");
  g_assert_cmpstr (ml_cell_get_ion (cell, 2)->name, ==, "mg");
  g_assert_cmpint (ml_cell_find_role (cell, ML_ION_ROLE_K), ==, 0);
  g_assert_cmpint (ml_cell_find_role (cell, ML_ION_ROLE_NA), ==, 1);
  g_assert_cmpint (ml_cell_get_ion (cell, 2)->role, ==, ML_ION_ROLE_OTHER);

  saved = ml_scenario_to_data (cell, NULL);
  g_assert_nonnull (strstr (saved, "\n[Ion K]\n"));
  g_assert_nonnull (strstr (saved, "\n[Ion Na]\n"));
  g_assert_nonnull (strstr (saved, "\n[Ion mg]\n"));
  g_assert_null (strstr (saved, "[Ion k]"));
  assert_round_trip (cell);

  /* The message quotes both names as the file writes them. */
  g_assert_false (ml_scenario_load_data (cell, twice, -1, &error));
  g_assert_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "[Ion K]: the ion name “K” is the same as “k”; each ion may appear once");
}

static void
test_round_trip_pump_modes (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();

  for (int mode = ML_PUMP_OFF; mode <= ML_PUMP_CURRENT; mode++)
    {
      ml_cell_set_pump_mode (cell, mode);
      assert_round_trip (cell);
    }
}

/* Files */

static void
test_save_load_file (void)
{
  g_autoptr(MlCell) cell = NULL;
  g_autoptr(MlCell) back = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  guint changed = 0;

  dir = g_dir_make_tmp ("membrane-lab-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "saved.membrane", NULL);
  file = g_file_new_for_path (path);

  cell = ml_cell_new ();
  g_assert_true (ml_presets_load (cell, "cardiac-myocyte", &error));
  g_assert_no_error (error);
  ml_cell_set_name (cell, "My myocyte");
  ml_cell_set_temperature (cell, 21.7);

  g_assert_true (ml_scenario_save_file (cell, file, NULL, &error));
  g_assert_no_error (error);
  /* Saving twice replaces the file and leaves no backup behind. */
  g_assert_true (ml_scenario_save_file (cell, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "# Membrane Lab scenario\n"));
  g_assert_nonnull (strstr (contents, "\nTemperature=21.7\n"));

  g_signal_connect (back, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_assert_true (ml_scenario_load_file (back, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ml_cell_equal (cell, back));
  g_assert_cmpuint (changed, ==, 1);

  g_assert_cmpint (g_remove (path), ==, 0);
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_load_file_missing (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) before = ml_cell_copy (cell);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = test_data_path ("does-not-exist.membrane");

  file = g_file_new_for_path (path);
  g_assert_false (ml_scenario_load_file (cell, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (ml_cell_equal (cell, before));
}

static void
test_load_file_too_large (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) before = ml_cell_copy (cell);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *big = NULL;

  dir = g_dir_make_tmp ("membrane-lab-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "big.membrane", NULL);
  big = g_malloc (ML_SCENARIO_MAX_BYTES + 1);
  memset (big, '#', ML_SCENARIO_MAX_BYTES + 1);
  g_assert_true (g_file_set_contents (path, big, ML_SCENARIO_MAX_BYTES + 1, &error));
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  g_assert_false (ml_scenario_load_file (cell, file, NULL, &error));
  g_assert_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_TOO_LARGE);
  g_assert_true (ml_cell_equal (cell, before));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Good files */

static void
test_load_extras (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = test_data_path ("good-extras.membrane");
  const MlIon *ion;

  file = g_file_new_for_path (path);
  g_assert_true (ml_scenario_load_file (cell, file, NULL, &error));
  g_assert_no_error (error);

  /* LANGUAGE=C: the untranslated name. */
  g_assert_cmpstr (ml_cell_get_name (cell), ==, "Extras cell");
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 25.5);

  /* File order, and "[Ionic strength]" is not an ion. */
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, 3);
  ion = ml_cell_get_ion (cell, 0);
  g_assert_cmpstr (ion->name, ==, "K");
  g_assert_cmpint (ion->z, ==, 1);
  g_assert_cmpfloat (ion->c_in, ==, 140.0);
  g_assert_cmpfloat (ion->c_out, ==, 5.0);
  g_assert_cmpfloat (ion->p, ==, 1e-6);
  g_assert_true (ion->enabled);
  ion = ml_cell_get_ion (cell, 1);
  g_assert_cmpstr (ion->name, ==, "Cl");
  g_assert_cmpint (ion->z, ==, -1);
  g_assert_false (ion->enabled);
  ion = ml_cell_get_ion (cell, 2);
  g_assert_cmpstr (ion->name, ==, "Ca");
  g_assert_cmpint (ion->z, ==, 2);
  g_assert_true (ion->enabled);  /* Enabled defaults to true */

  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_CURRENT);
  g_assert_cmpfloat (ml_cell_get_pump_current (cell), ==, -0.25);
  /* Absent keys take their defaults. */
  g_assert_cmpfloat (ml_cell_get_pump_ratio (cell), ==, ML_DEFAULT_PUMP_RATIO);
  g_assert_cmpfloat (ml_cell_get_pump_q10 (cell), ==, ML_DEFAULT_PUMP_Q10);
  g_assert_cmpfloat (ml_cell_get_radius (cell), ==, ML_DEFAULT_RADIUS_UM);
  g_assert_cmpfloat (ml_cell_get_capacitance (cell), ==, ML_DEFAULT_CAPACITANCE);
}

/* Name[de]= is picked up for a German user: presets carry translations. */
static void
test_load_translated_name (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = test_data_path ("good-extras.membrane");
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "de", TRUE);
  file = g_file_new_for_path (path);
  g_assert_true (ml_scenario_load_file (cell, file, NULL, &error));
  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_assert_no_error (error);

  g_assert_cmpstr (ml_cell_get_name (cell), ==, "Zelle mit Extras");
  /* A translation of a number key is not a number to use. */
  g_assert_cmpfloat (ml_cell_get_ion (cell, 0)->c_in, ==, 140.0);
}

/* A German or French user's locale writes 0,5; the file must still say 0.5
 * and read back the same. */
static void
test_locale_independent (void)
{
  static const char * const comma_locales[] = {
    "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", NULL
  };
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) back = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *old_locale = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *data = NULL;
  const char *found = NULL;
  gsize length;

  for (guint i = 0; comma_locales[i] != NULL && found == NULL; i++)
    found = setlocale (LC_NUMERIC, comma_locales[i]);
  if (found == NULL)
    {
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }

  ml_cell_set_temperature (cell, 36.6);
  data = ml_scenario_to_data (cell, &length);
  g_assert_nonnull (strstr (data, "\nTemperature=36.6\n"));
  g_assert_true (ml_scenario_load_data (back, data, length, &error));
  setlocale (LC_NUMERIC, old_locale);
  g_assert_no_error (error);
  g_assert_true (ml_cell_equal (cell, back));
}

/* A loaded file replaces everything: ions the old cell had are gone and
 * settings the file leaves out go back to their defaults. */
/* A byte-order mark, as Windows editors write it, is not part of the text. */
static void
test_load_bom (void)
{
  g_autoptr(MlCell) plain = ml_cell_new ();
  g_autoptr(MlCell) marked = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_data_path ("good-minimal.membrane");
  g_autofree char *contents = NULL;
  g_autofree char *with_bom = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  with_bom = g_strconcat ("\xEF\xBB\xBF", contents, NULL);
  g_assert_true (ml_scenario_load_data (plain, contents, length, &error));
  g_assert_true (ml_scenario_load_data (marked, with_bom, length + 3, &error));
  g_assert_no_error (error);
  g_assert_true (ml_cell_equal (plain, marked));
}

static void
test_load_replaces (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_data_path ("good-minimal.membrane");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (ml_presets_load (cell, "squid-axon", &error));
  g_assert_no_error (error);
  ml_cell_set_pump_q10 (cell, 3.0);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (ml_scenario_load_data (cell, contents, length, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (ml_cell_get_name (cell), ==, "Test cell");
  g_assert_cmpstr (ml_cell_get_description (cell), ==, "");
  g_assert_cmpstr (ml_cell_get_source (cell), ==, "");
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, 2);
  g_assert_cmpint (ml_cell_find_ion (cell, "Cl"), ==, -1);
  g_assert_cmpfloat (ml_cell_get_pump_q10 (cell), ==, ML_DEFAULT_PUMP_Q10);
  g_assert_cmpfloat (ml_cell_get_pump_reference_temperature (cell), ==,
                     ML_DEFAULT_PUMP_T_REF_C);
}

/* NUL-terminated data may be passed with length -1. */
static void
test_load_nul_terminated (void)
{
  static const char data[] =
    "[Membrane]\nVersion=1\nName=Tiny\nTemperature=0\n";
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ml_scenario_load_data (cell, data, (gsize)-1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ml_cell_get_name (cell), ==, "Tiny");
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 0.0);
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, 0);
}

/* Bad files */

typedef struct
{
  const char *file;
  int         code;
  const char *where;  /* must appear in the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "bad-not-keyfile.membrane", ML_SCENARIO_ERROR_PARSE, "not a scenario" },
  { "bad-utf8.membrane", ML_SCENARIO_ERROR_PARSE, "UTF-8" },
  { "bad-nul.membrane", ML_SCENARIO_ERROR_PARSE, "UTF-8" },
  { "bad-missing-membrane.membrane", ML_SCENARIO_ERROR_MISSING, "[Membrane]" },
  { "bad-missing-version.membrane", ML_SCENARIO_ERROR_MISSING, "[Membrane] Version:" },
  { "bad-missing-name.membrane", ML_SCENARIO_ERROR_MISSING, "[Membrane] Name:" },
  { "bad-missing-temperature.membrane", ML_SCENARIO_ERROR_MISSING, "[Membrane] Temperature:" },
  { "bad-missing-inside.membrane", ML_SCENARIO_ERROR_MISSING, "[Ion K] Inside:" },
  { "bad-missing-valence.membrane", ML_SCENARIO_ERROR_MISSING, "[Ion K] Valence:" },
  { "bad-missing-permeability.membrane", ML_SCENARIO_ERROR_MISSING, "[Ion K] Permeability:" },
  { "bad-not-a-number.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion Na] Outside: “lots” is not a number" },
  { "bad-trailing-garbage.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K] Outside: “5 mM”" },
  { "bad-decimal-comma.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K] Inside: “140,5”" },
  { "bad-hex.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Temperature: “0x14”" },
  { "bad-empty-value.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion Na] Inside:" },
  { "bad-nan.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K] Permeability: “nan”" },
  { "bad-infinite.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Temperature: “-1e999” is infinite" },
  { "bad-inf-word.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion Na] Outside: “inf” is infinite" },
  { "bad-negative.membrane", ML_SCENARIO_ERROR_INVALID,
    "[Ion K] Inside: “-3” is negative; a concentration must be 0 mM or more" },
  { "bad-negative-permeability.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion Na] Permeability: “-5e-8” is negative" },
  { "bad-concentration-range.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K] Outside: “100001” is out of range" },
  { "bad-permeability-range.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K] Permeability: “2”" },
  { "bad-temperature-range.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Temperature: “250”" },
  { "bad-temperature-below-zero-k.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Temperature: “-300”" },
  { "bad-valence-fraction.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K] Valence: “1.5” is not a whole number" },
  { "bad-valence-zero.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K] Valence: “0”" },
  { "bad-valence-three.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K] Valence: “3”" },
  { "bad-enabled.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K] Enabled: “maybe”" },
  { "bad-pump-mode.membrane", ML_SCENARIO_ERROR_INVALID, "[Pump] Mode: “fast”" },
  { "bad-pump-ratio.membrane", ML_SCENARIO_ERROR_INVALID, "[Pump] Ratio: “0.5”" },
  { "bad-pump-q10.membrane", ML_SCENARIO_ERROR_INVALID, "[Pump] Q10: “0”" },
  { "bad-pump-reference.membrane", ML_SCENARIO_ERROR_INVALID, "[Pump] ReferenceTemperature: “-273.15”" },
  { "bad-pump-current.membrane", ML_SCENARIO_ERROR_INVALID, "[Pump] Current: “1e4”" },
  { "bad-radius.membrane", ML_SCENARIO_ERROR_INVALID, "[Geometry] Radius: “0”" },
  { "bad-capacitance.membrane", ML_SCENARIO_ERROR_INVALID, "[Geometry] Capacitance: “1000”" },
  { "bad-version.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Version: version 2" },
  { "bad-version-text.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Version: “one”" },
  { "bad-empty-name.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Name:" },
  { "bad-blank-name.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Name:" },
  { "bad-ion-name-chars.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K+]: the ion name “K+”" },
  { "bad-ion-name-long.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion Potassiumchloride]: the ion name “Potassiumchloride” is too long" },
  { "bad-ion-name-empty.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion ]:" },
  { "bad-ion-name-unicode.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion Kα]: the ion name “Kα”" },
  { "bad-duplicate-ion.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion K]: the ion “K” appears twice" },
  { "bad-duplicate-ion-case.membrane", ML_SCENARIO_ERROR_INVALID, "[Ion k]: the ion name “k” is the same as “K”" },
  { "bad-too-many-ions.membrane", ML_SCENARIO_ERROR_TOO_MANY, "[Ion HCO3]: too many ions" },
  /* GKeyFile returns "abc" and an error together for these. */
  { "bad-broken-escape.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Name:" },
  { "bad-unknown-escape.membrane", ML_SCENARIO_ERROR_INVALID, "[Membrane] Description:" },
};

static void
test_bad_file (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(MlCell) cell = NULL;
  g_autoptr(MlCell) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_data_path (bad->file);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length;
  guint changed = 0;

  /* A file that is good but for the one fault. */
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  cell = ml_cell_new ();
  g_assert_true (ml_presets_load (cell, "astrocyte", &error));
  g_assert_no_error (error);
  before = ml_cell_copy (cell);
  g_signal_connect (cell, "changed", G_CALLBACK (count_changed_cb), &changed);

  g_assert_false (ml_scenario_load_data (cell, contents, length, &error));
  g_assert_error (error, ML_SCENARIO_ERROR, bad->code);
  g_test_message ("%s: %s", bad->file, error->message);
  if (strstr (error->message, bad->where) == NULL)
    g_error ("%s: expected “%s” in “%s”", bad->file, bad->where, error->message);
  g_assert_true (ml_cell_equal (cell, before));
  g_assert_cmpuint (changed, ==, 0);
  g_clear_error (&error);

  /* The same through the file API. */
  file = g_file_new_for_path (path);
  g_assert_false (ml_scenario_load_file (cell, file, NULL, &error));
  g_assert_error (error, ML_SCENARIO_ERROR, bad->code);
  g_assert_true (ml_cell_equal (cell, before));
  g_assert_cmpuint (changed, ==, 0);
}

/* The bad files differ from good-minimal.membrane by one fault, so that
 * file must load, or the bad cases prove nothing. */
static void
test_bad_base_is_good (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = test_data_path ("good-minimal.membrane");

  file = g_file_new_for_path (path);
  g_assert_true (ml_scenario_load_file (cell, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, 2);
  assert_round_trip (cell);
}

static void
test_too_large_data (void)
{
  g_autoptr(MlCell) cell = ml_cell_new_default ();
  g_autoptr(MlCell) before = ml_cell_copy (cell);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *data = NULL;
  gsize good_length;
  guint changed = 0;

  g_signal_connect (cell, "changed", G_CALLBACK (count_changed_cb), &changed);

  /* A valid scenario padded with a comment to exactly the limit loads... */
  good = ml_scenario_to_data (before, &good_length);
  data = g_malloc (ML_SCENARIO_MAX_BYTES + 2);
  memset (data, 'x', ML_SCENARIO_MAX_BYTES + 1);
  memcpy (data, good, good_length);
  data[good_length] = '#';
  data[ML_SCENARIO_MAX_BYTES - 1] = '\n';
  data[ML_SCENARIO_MAX_BYTES + 1] = '\0';
  g_assert_true (ml_scenario_load_data (cell, data, ML_SCENARIO_MAX_BYTES, &error));
  g_assert_no_error (error);
  g_assert_true (ml_cell_equal (cell, before));

  /* ...one byte more does not, whatever it holds. */
  data[ML_SCENARIO_MAX_BYTES] = '\n';
  g_assert_false (ml_scenario_load_data (cell, data, ML_SCENARIO_MAX_BYTES + 1, &error));
  g_assert_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (ml_scenario_load_data (cell, data, (gsize)-1, &error));
  g_assert_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_TOO_LARGE);

  g_assert_true (ml_cell_equal (cell, before));
  g_assert_cmpuint (changed, ==, 0);
}

/* GKeyFile quotes a bad line whole: a 200 KB line must not become a
 * 200 KB message (nor a toast across the window). */
static void
test_long_line_message (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GString) data = g_string_new ("[Membrane]\n");
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 200 * 1000; i++)
    g_string_append_c (data, 'x');
  g_string_append_c (data, '\n');

  g_assert_false (ml_scenario_load_data (cell, data->str, data->len, &error));
  g_assert_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_PARSE);
  g_assert_cmpuint (strlen (error->message), <, 300);
  g_assert_true (g_str_has_prefix (error->message, "The file is not a scenario: "));
  /* What is wrong stays: the end of the parser's sentence. */
  g_assert_nonnull (strstr (error->message, "key-value pair"));
}

/* Through the file loader, special files are refused before being opened,
 * and a large file is the scenario's own "too large". */
static void
test_load_file_special (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(MlCell) before = ml_cell_copy (cell);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ml-scenario-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.membrane", NULL);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  FILE *f;

  g_assert_false (ml_scenario_load_file (cell, zero, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  f = fopen (big, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, ML_SCENARIO_MAX_BYTES + 10, SEEK_SET), ==, 0);
  fputc ('\n', f);
  fclose (f);
  g_assert_false (ml_scenario_load_file (cell, big_file, NULL, &error));
  g_assert_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_TOO_LARGE);
  g_assert_true (ml_cell_equal (cell, before));

  g_unlink (big);
  g_rmdir (dir);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MlCell **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ml_scenario_load_file_finish (G_FILE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_load_file_async (void)
{
  g_autoptr(MlCell) squid = ml_cell_new ();
  g_autofree char *dir = g_dir_make_tmp ("ml-scenario-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "squid.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MlCell) loaded = NULL;

  g_assert_true (ml_presets_load (squid, "squid-axon", NULL));
  g_assert_true (ml_scenario_save_file (squid, file, NULL, NULL));
  ml_scenario_load_file_async (file, NULL, loaded_cb, &loaded);
  while (loaded == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ml_cell_equal (loaded, squid));

  g_unlink (path);
  g_rmdir (dir);
}

/* Fuzz */

#define FUZZ_SEED        20260415
#define FUZZ_PER_PRESET  1000

static void
mutate (GString *bytes,
        GRand   *rand)
{
  static const char * const tokens[] = {
    "=", "[", "]", "0", "7", "9", "nan", "-1e999", "\n", "Ion ", "-", "e", ".",
  };
  guint n = g_rand_int_range (rand, 1, 5);

  for (guint i = 0; i < n && bytes->len > 0; i++)
    {
      gssize pos = g_rand_int_range (rand, 0, bytes->len);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:  /* flip bits of one byte */
          bytes->str[pos] ^= (char)g_rand_int_range (rand, 1, 256);
          break;
        case 1:  /* truncate, rarely: it hides every later mutation */
          if (g_rand_int_range (rand, 0, 4) == 0)
            g_string_truncate (bytes, pos);
          break;
        case 2:  /* insert a token */
          g_string_insert (bytes, pos,
                           tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
          break;
        default:  /* delete a byte */
          g_string_erase (bytes, pos, 1);
          break;
        }
    }
}

static void
test_fuzz (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (FUZZ_SEED);
  const char * const *ids = ml_presets_list ();
  guint n_ok = 0, n_failed = 0;

  for (guint p = 0; ids[p] != NULL; p++)
    {
      g_autoptr(MlCell) reference = ml_cell_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *original = NULL;
      gsize original_length;

      g_assert_true (ml_presets_load (reference, ids[p], &error));
      g_assert_no_error (error);
      original = ml_scenario_to_data (reference, &original_length);

      for (guint i = 0; i < FUZZ_PER_PRESET; i++)
        {
          g_autoptr(GString) bytes = g_string_new_len (original, original_length);
          g_autoptr(MlCell) cell = ml_cell_copy (reference);
          guint changed = 0;
          gboolean ok;

          mutate (bytes, rand);

          g_signal_connect (cell, "changed", G_CALLBACK (count_changed_cb), &changed);
          /* The length is passed, so a flipped byte may be a NUL inside. */
          ok = ml_scenario_load_data (cell, bytes->str, bytes->len, &error);
          if (ok)
            {
              g_assert_no_error (error);
              assert_all_ions_valid (cell);
              g_assert_cmpuint (changed, <=, 1);
              /* Whatever was accepted must also save and load back. */
              assert_round_trip (cell);
              n_ok++;
            }
          else
            {
              g_assert_nonnull (error);
              g_assert_true (error->domain == ML_SCENARIO_ERROR);
              g_assert_cmpstr (error->message, !=, "");
              g_assert_true (ml_cell_equal (cell, reference));
              g_assert_cmpuint (changed, ==, 0);
              g_clear_error (&error);
              n_failed++;
            }
        }
    }

  g_test_message ("fuzz: %u loaded, %u refused", n_ok, n_failed);
  /* A run where every mutation fails, or none does, tests too little. */
  g_assert_cmpuint (n_ok, >, 100);
  g_assert_cmpuint (n_failed, >, 100);
}

/* Measured values: kept in [Measured], read back the same, and a list
 * that does not fit is refused naming its group and key. */
static void
test_measured (void)
{
  static const char *base =
    "[Membrane]\nVersion=1\nName=t\nTemperature=37\n"
    "[Ion K]\nValence=1\nInside=140\nOutside=5\nPermeability=5e-7\n";
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (MlCell) back = ml_cell_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strconcat (base, "[Measured]\nParameter=K.out\nValues=10;2.5\n"
                                       "Vm=-60.5;-75\n", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  static const char *bad[] = {
    "[Measured]\nParameter=Na.out\nValues=1\nVm=1\n",
    "[Measured]\nParameter=K.out\nValues=1;2\nVm=1\n",
    "[Measured]\nParameter=K.out\nValues=1\nVm=abc\n",
    "[Measured]\nParameter=K.out\nValues=0x10\nVm=1\n",
    "[Measured]\nParameter=K.out\nValues=1\nVm=1e9\n",
    "[Measured]\nParameter=K.out\n",
  };

  g_assert_true (ml_scenario_load_data (cell, text, -1, &error));
  g_assert_no_error (error);
  /* Sorted by value, numbers as written. */
  g_assert_cmpstr (ml_cell_get_measured_text (cell), ==, "K.out 2.5 -75; 10 -60.5");
  data = ml_scenario_to_data (cell, &length);
  g_assert_nonnull (strstr (data, "[Measured]"));
  g_assert_true (ml_scenario_load_data (back, data, length, &error));
  g_assert_true (ml_cell_equal (cell, back));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autofree char *t = g_strconcat (base, bad[i], NULL);
      g_autoptr (MlCell) c = ml_cell_new ();

      g_assert_false (ml_scenario_load_data (c, t, -1, &e));
      g_assert_nonnull (strstr (e->message, "[Measured]"));
    }
}

/* Every text a label shows has a cap (a 50,000-character name took
 * seconds to wrap): a longer one in a file is refused naming its key, a
 * longer one set on the cell is cut, and the longest allowed loads. */
static void
test_text_caps (void)
{
  static const char ion[] = "[Ion K]\nValence=1\nInside=140\nOutside=5\nPermeability=1e-6\n";
  static const struct
  {
    const char *key;
    glong       max;
  } caps[] = {
    { "Name", ML_CELL_NAME_MAX_CHARS },
    { "Description", ML_CELL_DESCRIPTION_MAX_CHARS },
    { "Source", ML_CELL_SOURCE_MAX_CHARS },
  };
  g_autoptr (MlCell) cell = ml_cell_new ();

  for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
    for (glong extra = 0; extra <= 1; extra++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (GString) text = g_string_new (NULL);
        g_autoptr (GString) data = g_string_new ("[Membrane]\nVersion=1\nTemperature=20\n");
        gboolean loaded;

        /* "µ" is two bytes: the cap counts characters. */
        for (glong n = 0; n < caps[i].max + extra; n++)
          g_string_append (text, "µ");
        if (strcmp (caps[i].key, "Name") != 0)
          g_string_append (data, "Name=N\n");
        g_string_append_printf (data, "%s=%s\n%s", caps[i].key, text->str, ion);
        loaded = ml_scenario_load_data (cell, data->str, -1, &error);
        if (extra == 0)
          {
            g_assert_no_error (error);
            g_assert_true (loaded);
          }
        else
          {
            g_assert_false (loaded);
            g_assert_nonnull (error);
            g_assert_nonnull (strstr (error->message, caps[i].key));
          }
      }

  {
    g_autoptr (GString) text = g_string_new (NULL);

    for (glong n = 0; n < ML_CELL_NAME_MAX_CHARS + 50; n++)
      g_string_append (text, "µ");
    ml_cell_set_name (cell, text->str);
    g_assert_cmpint (g_utf8_strlen (ml_cell_get_name (cell), -1), ==, ML_CELL_NAME_MAX_CHARS);
    g_assert_true (g_utf8_validate (ml_cell_get_name (cell), -1, NULL));
    /* What the cell keeps, it saves and reads back. */
    assert_round_trip (cell);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char * const *ids;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/presets/list", test_presets_list);
  g_test_add_func ("/presets/squid-axon", test_preset_squid_axon);
  g_test_add_func ("/presets/unknown", test_preset_unknown);
  g_test_add_func ("/presets/default", test_preset_default);

  ids = ml_presets_list ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *load_path = g_strdup_printf ("/presets/load/%s", ids[i]);
      g_autofree char *trip_path = g_strdup_printf ("/scenario/round-trip/%s", ids[i]);

      g_test_add_data_func (load_path, ids[i], test_preset_load);
      g_test_add_data_func (trip_path, ids[i], test_preset_round_trip);
    }

  g_test_add_func ("/scenario/load/byte-order-mark", test_load_bom);
  g_test_add_func ("/scenario/round-trip/awkward-values", test_round_trip_awkward);
  g_test_add_func ("/scenario/round-trip/pump-modes", test_round_trip_pump_modes);
  g_test_add_func ("/scenario/good/ion-name-case", test_ion_name_case);
  g_test_add_func ("/scenario/file/save-load", test_save_load_file);
  g_test_add_func ("/scenario/file/missing", test_load_file_missing);
  g_test_add_func ("/scenario/file/too-large", test_load_file_too_large);
  g_test_add_func ("/scenario/good/extras-ignored", test_load_extras);
  g_test_add_func ("/scenario/good/translated-name", test_load_translated_name);
  g_test_add_func ("/scenario/good/locale-independent", test_locale_independent);
  g_test_add_func ("/scenario/good/replaces-everything", test_load_replaces);
  g_test_add_func ("/scenario/good/nul-terminated", test_load_nul_terminated);
  g_test_add_func ("/scenario/bad/base-is-good", test_bad_base_is_good);
  g_test_add_func ("/scenario/bad/too-large-data", test_too_large_data);
  g_test_add_func ("/scenario/bad/long-line-message", test_long_line_message);
  g_test_add_func ("/scenario/file/special", test_load_file_special);
  g_test_add_func ("/scenario/file/async", test_load_file_async);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strndup (bad_cases[i].file,
                                         strlen (bad_cases[i].file) - strlen (".membrane"));
      g_autofree char *path = g_strdup_printf ("/scenario/bad/%s", name + strlen ("bad-"));

      g_test_add_data_func (path, &bad_cases[i], test_bad_file);
    }

  g_test_add_func ("/scenario/fuzz", test_fuzz);
  g_test_add_func ("/scenario/measured", test_measured);
  g_test_add_func ("/scenario/text-caps", test_text_caps);

  return g_test_run ();
}
