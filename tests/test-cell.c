/* test-cell.c — MlCell: one "changed" per edit, batches, copies, validation
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-presets.h"
#include "ml-mechanism.h"

#include <glib.h>
#include <math.h>
#include <string.h>

typedef struct
{
  guint changed;
  guint notify_temperature;
} Counts;

static void
changed_cb (MlCell *cell,
            Counts *counts)
{
  counts->changed++;
}

static void
notify_temperature_cb (MlCell     *cell,
                       GParamSpec *pspec,
                       Counts     *counts)
{
  counts->notify_temperature++;
}

static MlCell *
counted_cell_new (Counts *counts)
{
  MlCell *cell = ml_cell_new ();

  memset (counts, 0, sizeof *counts);
  g_signal_connect (cell, "changed", G_CALLBACK (changed_cb), counts);
  g_signal_connect (cell, "notify::temperature", G_CALLBACK (notify_temperature_cb), counts);
  return cell;
}

static const MlIon potassium = { "K", 1, 140.0, 5.0, 5e-7, true };
static const MlIon sodium = { "Na", 1, 15.0, 145.0, 2.5e-8, true };

static void
test_defaults (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();

  /* docs/ARCHITECTURE.md: 37 °C, pump off, 10 µm radius, 1 µF/cm², Q10 2.4 about 37 °C. */
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 37.0);
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_OFF);
  g_assert_cmpfloat (ml_cell_get_pump_ratio (cell), ==, 1.5);
  g_assert_cmpfloat (ml_cell_get_pump_q10 (cell), ==, 2.4);
  g_assert_cmpfloat (ml_cell_get_pump_reference_temperature (cell), ==, 37.0);
  g_assert_cmpfloat (ml_cell_get_radius (cell), ==, 10.0);
  g_assert_cmpfloat (ml_cell_get_capacitance (cell), ==, 1.0);
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, 0);
  g_assert_cmpstr (ml_cell_get_name (cell), ==, "");
}

static void
test_one_changed_per_edit (void)
{
  Counts counts;
  g_autoptr(MlCell) cell = counted_cell_new (&counts);
  int k;

  ml_cell_set_temperature (cell, 20.0);
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_cmpuint (counts.notify_temperature, ==, 1);

  k = ml_cell_set_ion (cell, &potassium);
  g_assert_cmpint (k, ==, 0);
  g_assert_cmpuint (counts.changed, ==, 2);

  ml_cell_set_ion_value (cell, k, ML_ION_FIELD_C_OUT, 10.0);
  g_assert_cmpuint (counts.changed, ==, 3);
  g_assert_cmpfloat (ml_cell_get_ion_value (cell, k, ML_ION_FIELD_C_OUT), ==, 10.0);

  ml_cell_set_ion_enabled (cell, k, FALSE);
  g_assert_cmpuint (counts.changed, ==, 4);
  g_assert_false (ml_cell_get_ion (cell, k)->enabled);

  ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  ml_cell_set_pump_ratio (cell, 2.0);
  ml_cell_set_pump_current (cell, 1.0);
  ml_cell_set_pump_q10 (cell, 3.0);
  ml_cell_set_pump_reference_temperature (cell, 30.0);
  ml_cell_set_radius (cell, 20.0);
  ml_cell_set_capacitance (cell, 0.9);
  ml_cell_set_name (cell, "Test");
  g_assert_cmpuint (counts.changed, ==, 12);

  ml_cell_remove_ion (cell, k);
  g_assert_cmpuint (counts.changed, ==, 13);
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, 0);

  /* The temperature notified once, for its one edit. */
  g_assert_cmpuint (counts.notify_temperature, ==, 1);
}

static void
test_same_value_no_emission (void)
{
  Counts counts;
  g_autoptr(MlCell) cell = counted_cell_new (&counts);
  MlIon k = potassium;

  ml_cell_set_temperature (cell, ML_DEFAULT_TEMPERATURE_C);
  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  ml_cell_set_radius (cell, ML_DEFAULT_RADIUS_UM);
  ml_cell_set_name (cell, "");
  ml_cell_clear_ions (cell);
  g_assert_cmpuint (counts.changed, ==, 0);
  g_assert_cmpuint (counts.notify_temperature, ==, 0);

  ml_cell_set_ion (cell, &potassium);
  g_assert_cmpuint (counts.changed, ==, 1);
  ml_cell_set_ion (cell, &potassium);
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_P, k.p);
  ml_cell_set_ion_enabled (cell, 0, TRUE);
  g_assert_cmpuint (counts.changed, ==, 1);
}

/* An MlIon is equal by its fields: what lies after the name's NUL or in
 * the struct's padding is not part of its value, and a caller filling one
 * on the stack cannot control it. */
static void
test_same_ion_any_padding (void)
{
  Counts counts;
  g_autoptr(MlCell) cell = counted_cell_new (&counts);
  MlIon k;

  ml_cell_set_ion (cell, &potassium);
  g_assert_cmpuint (counts.changed, ==, 1);

  memset (&k, 0xa5, sizeof k);
  strcpy (k.name, "K");
  k.z = potassium.z;
  k.c_in = potassium.c_in;
  k.c_out = potassium.c_out;
  k.p = potassium.p;
  k.enabled = potassium.enabled;
  g_assert_cmpint (ml_cell_set_ion (cell, &k), ==, 0);
  g_assert_cmpuint (counts.changed, ==, 1);
}

static void
test_batch (void)
{
  Counts counts;
  g_autoptr(MlCell) cell = counted_cell_new (&counts);

  ml_cell_begin_batch (cell);
  ml_cell_set_temperature (cell, 18.0);
  ml_cell_set_ion (cell, &potassium);
  ml_cell_set_ion (cell, &sodium);
  for (int i = 0; i < 100; i++)
    ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_IN, 100.0 + i);
  /* Nested batches end with the outermost. */
  ml_cell_begin_batch (cell);
  ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
  ml_cell_end_batch (cell);
  g_assert_cmpuint (counts.changed, ==, 0);
  g_assert_cmpuint (counts.notify_temperature, ==, 0);
  ml_cell_end_batch (cell);

  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_cmpuint (counts.notify_temperature, ==, 1);
  g_assert_cmpfloat (ml_cell_get_ion_value (cell, 0, ML_ION_FIELD_C_IN), ==, 199.0);

  /* A batch that changes nothing emits nothing. */
  ml_cell_begin_batch (cell);
  ml_cell_set_temperature (cell, 18.0);
  ml_cell_end_batch (cell);
  g_assert_cmpuint (counts.changed, ==, 1);
}

static void
test_copy_equal_assign (void)
{
  Counts counts;
  g_autoptr(MlCell) a = ml_cell_new ();
  g_autoptr(MlCell) b = NULL;
  g_autoptr(MlCell) c = counted_cell_new (&counts);

  ml_cell_set_name (a, "Squid");
  ml_cell_set_temperature (a, 18.0);
  ml_cell_set_ion (a, &potassium);
  ml_cell_set_ion (a, &sodium);
  ml_cell_set_pump_mode (a, ML_PUMP_RATIO);

  b = ml_cell_copy (a);
  g_assert_true (ml_cell_equal (a, b));
  g_assert_true (a != b);
  g_assert_cmpstr (ml_cell_get_name (b), ==, "Squid");
  g_assert_cmpuint (ml_cell_get_n_ions (b), ==, 2);

  /* A copy is independent. */
  ml_cell_set_ion_value (b, 1, ML_ION_FIELD_P, 1e-6);
  g_assert_false (ml_cell_equal (a, b));
  g_assert_cmpfloat (ml_cell_get_ion_value (a, 1, ML_ION_FIELD_P), ==, sodium.p);

  /* Assign: many fields, one emission. */
  ml_cell_assign (c, a);
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_true (ml_cell_equal (c, a));
  /* Assigning what is already there: none. */
  ml_cell_assign (c, a);
  ml_cell_assign (c, c);
  g_assert_cmpuint (counts.changed, ==, 1);

  /* Fewer ions in the source: the extra ones go. */
  ml_cell_remove_ion (a, 1);
  ml_cell_assign (c, a);
  g_assert_cmpuint (counts.changed, ==, 2);
  g_assert_cmpuint (ml_cell_get_n_ions (c), ==, 1);
  g_assert_true (ml_cell_equal (c, a));

  /* Every field counts for equality. */
  ml_cell_set_capacitance (c, 0.9);
  g_assert_false (ml_cell_equal (c, a));
}

static void
test_invalid_values_rejected (void)
{
  Counts counts;
  g_autoptr(MlCell) cell = counted_cell_new (&counts);
  g_autoptr(MlCell) before = NULL;
  MlIon bad;

  ml_cell_set_ion (cell, &potassium);
  before = ml_cell_copy (cell);
  counts.changed = 0;

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*isfinite*");
  ml_cell_set_temperature (cell, NAN);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*ml_concentration_is_valid*");
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_IN, -1.0);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*ml_concentration_is_valid*");
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_C_OUT, INFINITY);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*ml_permeability_is_valid*");
  ml_cell_set_ion_value (cell, 0, ML_ION_FIELD_P, 2.0);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*ratio*");
  ml_cell_set_pump_ratio (cell, 0.5);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*radius*");
  ml_cell_set_radius (cell, 0.0);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*uf_cm2*");
  ml_cell_set_capacitance (cell, -1.0);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*index < self->n_ions*");
  ml_cell_set_ion_value (cell, 5, ML_ION_FIELD_C_IN, 1.0);
  g_test_assert_expected_messages ();

  /* Invalid ions: zero or triple valence, empty name, negative c. */
  bad = potassium;
  bad.z = 0;
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*ml_ion_is_valid*");
  g_assert_cmpint (ml_cell_set_ion (cell, &bad), ==, -1);
  g_test_assert_expected_messages ();
  bad.z = 3;
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*ml_ion_is_valid*");
  g_assert_cmpint (ml_cell_set_ion (cell, &bad), ==, -1);
  g_test_assert_expected_messages ();
  bad = potassium;
  bad.name[0] = '\0';
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*ml_ion_is_valid*");
  g_assert_cmpint (ml_cell_set_ion (cell, &bad), ==, -1);
  g_test_assert_expected_messages ();
  bad = potassium;
  bad.c_out = -5.0;
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*ml_ion_is_valid*");
  g_assert_cmpint (ml_cell_set_ion (cell, &bad), ==, -1);
  g_test_assert_expected_messages ();

  /* Nothing changed and nothing was announced. */
  g_assert_true (ml_cell_equal (cell, before));
  g_assert_cmpuint (counts.changed, ==, 0);
  g_assert_cmpuint (counts.notify_temperature, ==, 0);

  g_assert_false (ml_concentration_is_valid (NAN));
  g_assert_false (ml_concentration_is_valid (-1e-9));
  g_assert_true (ml_concentration_is_valid (0.0));
  g_assert_false (ml_permeability_is_valid (-1.0));
  g_assert_true (ml_permeability_is_valid (0.0));
}

static void
test_set_ion_replaces_by_name (void)
{
  Counts counts;
  g_autoptr(MlCell) cell = counted_cell_new (&counts);
  MlIon k2 = potassium;

  g_assert_cmpint (ml_cell_set_ion (cell, &potassium), ==, 0);
  g_assert_cmpint (ml_cell_set_ion (cell, &sodium), ==, 1);
  k2.c_out = 20.0;
  g_assert_cmpint (ml_cell_set_ion (cell, &k2), ==, 0);
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, 2);
  g_assert_cmpfloat (ml_cell_get_ion (cell, 0)->c_out, ==, 20.0);
  g_assert_cmpint (ml_cell_find_ion (cell, "Na"), ==, 1);
  g_assert_cmpint (ml_cell_find_ion (cell, "Cl"), ==, -1);
  g_assert_cmpuint (counts.changed, ==, 3);
}

static void
test_too_many_ions (void)
{
  Counts counts;
  g_autoptr(MlCell) cell = counted_cell_new (&counts);

  for (int i = 0; i < ML_MAX_IONS; i++)
    {
      MlIon ion = potassium;

      g_snprintf (ion.name, sizeof ion.name, "X%d", i);
      g_assert_cmpint (ml_cell_set_ion (cell, &ion), ==, i);
    }
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, ML_MAX_IONS);
  g_assert_cmpuint (counts.changed, ==, ML_MAX_IONS);

  /* One more: refused without a change; replacing one still works. */
  {
    MlIon ion = potassium;

    g_snprintf (ion.name, sizeof ion.name, "Y");
    g_assert_cmpint (ml_cell_set_ion (cell, &ion), ==, -1);
    g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, ML_MAX_IONS);
    g_assert_cmpuint (counts.changed, ==, ML_MAX_IONS);

    g_snprintf (ion.name, sizeof ion.name, "X3");
    ion.p = 1e-6;
    g_assert_cmpint (ml_cell_set_ion (cell, &ion), ==, 3);
    g_assert_cmpuint (counts.changed, ==, ML_MAX_IONS + 1);
  }
}

static void
test_temperature_property (void)
{
  Counts counts;
  g_autoptr(MlCell) cell = counted_cell_new (&counts);
  double t = 0.0;

  g_object_set (cell, "temperature", 25.0, NULL);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, 25.0);
  g_assert_cmpuint (counts.notify_temperature, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 1);
  g_object_get (cell, "temperature", &t, NULL);
  g_assert_cmpfloat (t, ==, 25.0);

  /* The same value through the property: explicit notify, so none. */
  g_object_set (cell, "temperature", 25.0, NULL);
  g_assert_cmpuint (counts.notify_temperature, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 1);

  /* Below absolute zero is kept for the solver to report. */
  ml_cell_set_temperature (cell, -300.0);
  g_assert_cmpfloat (ml_cell_get_temperature (cell), ==, -300.0);
  g_assert_cmpuint (counts.notify_temperature, ==, 2);
}

/* The role comes from the name in any case, at the role's own valence. */
static void
test_role_for (void)
{
  static const struct { const char *name; int z; MlIonRole role; } cases[] = {
    { "K", 1, ML_ION_ROLE_K },     { "k", 1, ML_ION_ROLE_K },
    { "Na", 1, ML_ION_ROLE_NA },   { "NA", 1, ML_ION_ROLE_NA },  { "na", 1, ML_ION_ROLE_NA },
    { "Cl", -1, ML_ION_ROLE_CL },  { "cL", -1, ML_ION_ROLE_CL },
    { "Ca", 2, ML_ION_ROLE_CA },   { "CA", 2, ML_ION_ROLE_CA },
    /* The name at another valence is some other ion. */
    { "K", -1, ML_ION_ROLE_OTHER }, { "Ca", 1, ML_ION_ROLE_OTHER },
    { "Cl", -2, ML_ION_ROLE_OTHER },
    { "Kx", 1, ML_ION_ROLE_OTHER }, { "Mg", 2, ML_ION_ROLE_OTHER }, { "", 1, ML_ION_ROLE_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ml_ion_role_for (cases[i].name, cases[i].z), ==, cases[i].role);

  g_assert_cmpstr (ml_ion_role_get_name (ML_ION_ROLE_K), ==, "K");
  g_assert_cmpstr (ml_ion_role_get_name (ML_ION_ROLE_NA), ==, "Na");
  g_assert_cmpstr (ml_ion_role_get_name (ML_ION_ROLE_CL), ==, "Cl");
  g_assert_cmpstr (ml_ion_role_get_name (ML_ION_ROLE_CA), ==, "Ca");
  g_assert_null (ml_ion_role_get_name (ML_ION_ROLE_OTHER));
  g_assert_cmpint (ml_ion_role_get_valence (ML_ION_ROLE_CL), ==, -1);
  g_assert_cmpint (ml_ion_role_get_valence (ML_ION_ROLE_CA), ==, 2);
  g_assert_cmpint (ml_ion_role_get_valence (ML_ION_ROLE_OTHER), ==, 0);

  g_assert_cmpstr (ml_ion_canonical_name ("k"), ==, "K");
  g_assert_cmpstr (ml_ion_canonical_name ("nA"), ==, "Na");
  g_assert_cmpstr (ml_ion_canonical_name ("CL"), ==, "Cl");
  g_assert_cmpstr (ml_ion_canonical_name ("mg"), ==, "mg");
}

/* A lower-case "k" is potassium: stored as "K", found as either, and it
 * replaces a "K" rather than standing beside it (a file with both is
 * refused, so a cell must not hold both). */
static void
test_roles_in_cell (void)
{
  Counts counts;
  g_autoptr(MlCell) cell = counted_cell_new (&counts);
  g_autoptr(MlCell) copy = NULL;
  MlIon k = potassium;
  MlIon mg = { "Mg", 2, 0.5, 1.0, 1e-9, true, ML_ION_ROLE_K };

  g_strlcpy (k.name, "k", sizeof k.name);
  g_assert_cmpint (ml_cell_set_ion (cell, &k), ==, 0);
  g_assert_cmpstr (ml_cell_get_ion (cell, 0)->name, ==, "K");
  g_assert_cmpint (ml_cell_get_ion (cell, 0)->role, ==, ML_ION_ROLE_K);
  g_assert_cmpint (ml_cell_find_ion (cell, "K"), ==, 0);
  g_assert_cmpint (ml_cell_find_ion (cell, "k"), ==, 0);
  g_assert_cmpint (ml_cell_find_role (cell, ML_ION_ROLE_K), ==, 0);
  g_assert_cmpint (ml_cell_find_role (cell, ML_ION_ROLE_NA), ==, -1);
  g_assert_cmpuint (counts.changed, ==, 1);

  /* The same ion in the other spelling is no change at all … */
  g_assert_cmpint (ml_cell_set_ion (cell, &potassium), ==, 0);
  g_assert_cmpuint (counts.changed, ==, 1);
  /* … and with other values it replaces the first. */
  k.c_in = 100.0;
  g_assert_cmpint (ml_cell_set_ion (cell, &k), ==, 0);
  g_assert_cmpuint (ml_cell_get_n_ions (cell), ==, 1);
  g_assert_cmpfloat (ml_cell_get_ion (cell, 0)->c_in, ==, 100.0);
  g_assert_cmpuint (counts.changed, ==, 2);

  /* A caller's role is replaced by the one the name gives. */
  g_assert_cmpint (ml_cell_set_ion (cell, &mg), ==, 1);
  g_assert_cmpint (ml_cell_get_ion (cell, 1)->role, ==, ML_ION_ROLE_OTHER);
  g_assert_cmpint (ml_cell_find_role (cell, ML_ION_ROLE_K), ==, 0);
  /* Other names keep the spelling given, and match in any case too. */
  g_strlcpy (mg.name, "mg", sizeof mg.name);
  g_assert_cmpint (ml_cell_set_ion (cell, &mg), ==, 1);
  g_assert_cmpstr (ml_cell_get_ion (cell, 1)->name, ==, "mg");
  g_assert_cmpint (ml_cell_find_ion (cell, "MG"), ==, 1);

  g_assert_cmpint (ml_cell_set_ion (cell, &sodium), ==, 2);
  g_assert_cmpint (ml_cell_find_role (cell, ML_ION_ROLE_NA), ==, 2);
  copy = ml_cell_copy (cell);
  g_assert_cmpint (ml_cell_find_role (copy, ML_ION_ROLE_NA), ==, 2);

  /* Indices follow a removal. */
  ml_cell_remove_ion (cell, 0);
  g_assert_cmpint (ml_cell_find_role (cell, ML_ION_ROLE_K), ==, -1);
  g_assert_cmpint (ml_cell_find_role (cell, ML_ION_ROLE_NA), ==, 1);
}

/* Measured points: sorted, replaced at the same value, cleared by NaN;
 * another parameter's points give way; an equal cell needs the same. */
static void
test_measured_points (void)
{
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (MlCell) copy = NULL;

  g_assert_null (ml_cell_get_measured_text (cell));
  ml_cell_set_measured_point (cell, "K.out", 10.0, -60.5);
  ml_cell_set_measured_point (cell, "K.out", 2.5, -75.0);
  g_assert_cmpstr (ml_cell_get_measured_text (cell), ==, "K.out 2.5 -75; 10 -60.5");
  ml_cell_set_measured_point (cell, "K.out", 10.0, -61.0);
  g_assert_cmpstr (ml_cell_get_measured_text (cell), ==, "K.out 2.5 -75; 10 -61");
  copy = ml_cell_copy (cell);
  g_assert_true (ml_cell_equal (cell, copy));
  ml_cell_set_measured_point (cell, "K.out", 2.5, NAN);
  g_assert_cmpstr (ml_cell_get_measured_text (cell), ==, "K.out 10 -61");
  g_assert_false (ml_cell_equal (cell, copy));
  ml_cell_set_measured_point (cell, "temperature", 20.0, -62.0);
  g_assert_cmpstr (ml_cell_get_measured_text (cell), ==, "temperature 20 -62");
  g_assert_false (ml_cell_set_measured_text (cell, "K.out 1 x"));
  g_assert_cmpstr (ml_cell_get_measured_text (cell), ==, "temperature 20 -62");
  ml_cell_set_measured_point (cell, "temperature", 20.0, NAN);
  g_assert_null (ml_cell_get_measured_text (cell));
}

static void
count_cb (MlCell *cell,
          guint  *count)
{
  (*count)++;
}

/* "changed" is detailed by the parameter id: a view that shows K⁺ inside
 * hears "changed::K.in" and nothing else; a batch of several is "many". */
static void
test_changed_detail (void)
{
  g_autoptr (MlCell) cell = ml_cell_new_default ();
  guint k_in = 0, many = 0, any = 0;
  int k = ml_cell_find_ion (cell, "K");

  g_signal_connect (cell, "changed::K.in", G_CALLBACK (count_cb), &k_in);
  g_signal_connect (cell, "changed::many", G_CALLBACK (count_cb), &many);
  g_signal_connect (cell, "changed", G_CALLBACK (count_cb), &any);

  ml_cell_set_ion_value (cell, k, ML_ION_FIELD_C_OUT, 10.0);
  g_assert_cmpstr (ml_cell_get_change (cell), ==, "K.out");
  ml_cell_set_ion_value (cell, k, ML_ION_FIELD_C_IN, 120.0);
  g_assert_cmpstr (ml_cell_get_change (cell), ==, "K.in");
  g_assert_cmpuint (k_in, ==, 1);
  g_assert_cmpuint (any, ==, 2);

  /* one value twice in a batch is still that value */
  ml_cell_begin_batch (cell);
  ml_cell_set_ion_value (cell, k, ML_ION_FIELD_C_IN, 110.0);
  ml_cell_set_ion_value (cell, k, ML_ION_FIELD_C_IN, 100.0);
  ml_cell_end_batch (cell);
  g_assert_cmpuint (k_in, ==, 2);

  ml_cell_begin_batch (cell);
  ml_cell_set_ion_value (cell, k, ML_ION_FIELD_C_IN, 90.0);
  ml_cell_set_temperature (cell, 20.0);
  ml_cell_end_batch (cell);
  g_assert_cmpuint (k_in, ==, 2);
  g_assert_cmpuint (many, ==, 1);
  g_assert_cmpstr (ml_cell_get_change (cell), ==, ML_CELL_CHANGE_MANY);

  /* an assignment that moves one value is named by it */
  {
    g_autoptr (MlCell) other = ml_cell_copy (cell);

    ml_cell_set_pump_max_current (other, 0.9);
    ml_cell_assign (cell, other);
    g_assert_cmpstr (ml_cell_get_change (cell), ==, "pump.imax");
  }
  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
  g_assert_cmpstr (ml_cell_get_change (cell), ==, ML_CELL_CHANGE_PUMP_MODE);
  /* (the preset has NKCC1 and the Ca²⁺ pump) */
  g_assert_cmpint (ml_cell_add_mechanism (cell, ml_mechanism_class_find ("kcc2")), ==, 2);
  g_assert_cmpstr (ml_cell_get_change (cell), ==, ML_CELL_CHANGE_MECHANISMS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cell/defaults", test_defaults);
  g_test_add_func ("/cell/changed/one-per-edit", test_one_changed_per_edit);
  g_test_add_func ("/cell/changed/same-value", test_same_value_no_emission);
  g_test_add_func ("/cell/changed/same-ion-any-padding", test_same_ion_any_padding);
  g_test_add_func ("/cell/changed/batch", test_batch);
  g_test_add_func ("/cell/copy-equal-assign", test_copy_equal_assign);
  g_test_add_func ("/cell/invalid-values", test_invalid_values_rejected);
  g_test_add_func ("/cell/set-ion/replaces-by-name", test_set_ion_replaces_by_name);
  g_test_add_func ("/cell/set-ion/too-many", test_too_many_ions);
  g_test_add_func ("/cell/property/temperature", test_temperature_property);
  g_test_add_func ("/cell/role/for-name", test_role_for);
  g_test_add_func ("/cell/role/in-cell", test_roles_in_cell);
  g_test_add_func ("/cell/measured-points", test_measured_points);

  g_test_add_func ("/cell/changed/detail", test_changed_detail);

  return g_test_run ();
}
