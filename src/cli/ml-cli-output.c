/* ml-cli-output.c — membrane-calc's two output formats: JSON and a table
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both print only what MlSolution holds.  Undefined numbers become JSON null
 * or a word in the table, never "nan"; JSON numbers are written in C syntax
 * whatever the locale, the table follows the user's locale.
 */
#include "config.h"

#include "ml-cli-output.h"
#include "ml-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */

/* A minimal writer: two-space indentation, keys in the order written. */
typedef struct
{
  GString  *s;
  int       depth;
  gboolean  first;
} JsonWriter;

static void
json_escape (GString    *s,
             const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (s, '"');
  for (const unsigned char *p = (const unsigned char *)valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (s, "\\\""); break;
        case '\\': g_string_append (s, "\\\\"); break;
        case '\n': g_string_append (s, "\\n"); break;
        case '\r': g_string_append (s, "\\r"); break;
        case '\t': g_string_append (s, "\\t"); break;
        case '\b': g_string_append (s, "\\b"); break;
        case '\f': g_string_append (s, "\\f"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (s, "\\u%04x", *p);
          else
            g_string_append_c (s, (char)*p);
        }
    }
  g_string_append_c (s, '"');
}

static void
json_item (JsonWriter *w,
           const char *key)
{
  if (!w->first)
    g_string_append_c (w->s, ',');
  if (w->depth > 0)
    {
      g_string_append_c (w->s, '\n');
      for (int i = 0; i < w->depth; i++)
        g_string_append (w->s, "  ");
    }
  if (key != NULL)
    {
      json_escape (w->s, key);
      g_string_append (w->s, ": ");
    }
  w->first = FALSE;
}

static void
json_open (JsonWriter *w,
           const char *key,
           char        bracket)
{
  json_item (w, key);
  g_string_append_c (w->s, bracket);
  w->depth++;
  w->first = TRUE;
}

static void
json_close (JsonWriter *w,
            char        bracket)
{
  gboolean empty = w->first;

  w->depth--;
  if (!empty)
    {
      g_string_append_c (w->s, '\n');
      for (int i = 0; i < w->depth; i++)
        g_string_append (w->s, "  ");
    }
  g_string_append_c (w->s, bracket);
  w->first = FALSE;
}

/* The shortest "%.Ng" that reads back as the same double, in C syntax in
 * every locale; null for anything JSON cannot hold. */
static void
json_number (JsonWriter *w,
             const char *key,
             double      value,
             gboolean    defined)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  json_item (w, key);
  if (!defined || !isfinite (value))
    {
      g_string_append (w->s, "null");
      return;
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (w->s, buf);
}

static void
json_int (JsonWriter *w,
          const char *key,
          int         value)
{
  json_item (w, key);
  g_string_append_printf (w->s, "%d", value);
}

static void
json_bool (JsonWriter *w,
           const char *key,
           gboolean    value)
{
  json_item (w, key);
  g_string_append (w->s, value ? "true" : "false");
}

static void
json_string (JsonWriter *w,
             const char *key,
             const char *value)
{
  json_item (w, key);
  if (value == NULL)
    g_string_append (w->s, "null");
  else
    json_escape (w->s, value);
}

static const char *
formula_id (MlFormula formula)
{
  switch (formula)
    {
    case ML_FORMULA_GHK:                   return "ghk";
    case ML_FORMULA_GHK_DIVALENT:          return "ghk-divalent";
    case ML_FORMULA_MULLINS_NODA:          return "mullins-noda";
    case ML_FORMULA_MULLINS_NODA_DIVALENT: return "mullins-noda-divalent";
    case ML_FORMULA_NUMERIC:               return "numeric";
    case ML_FORMULA_NONE:
    default:                               return NULL;
    }
}

static const char *
nernst_state_id (MlNernstState state)
{
  switch (state)
    {
    case ML_NERNST_DEFINED:        return "defined";
    case ML_NERNST_PLUS_INFINITY:  return "+inf";
    case ML_NERNST_MINUS_INFINITY: return "-inf";
    case ML_NERNST_UNDEFINED:
    default:                       return "undefined";
    }
}

static const char *
pump_mode_id (MlPumpMode mode)
{
  switch (mode)
    {
    case ML_PUMP_RATIO:   return "ratio";
    case ML_PUMP_CURRENT: return "current";
    case ML_PUMP_KINETIC: return "kinetic";
    case ML_PUMP_OFF:
    default:              return "off";
    }
}

static const char *
pump_state_id (MlPumpState state)
{
  switch (state)
    {
    case ML_PUMP_STATE_RUNNING:      return "running";
    case ML_PUMP_STATE_BACKWARDS:    return "backwards";
    case ML_PUMP_STATE_NO_K_ION:     return "no-k";
    case ML_PUMP_STATE_NO_NA_ION:    return "no-na";
    case ML_PUMP_STATE_NO_NA_INSIDE: return "no-na-inside";
    case ML_PUMP_STATE_NO_K_OUTSIDE: return "no-k-outside";
    case ML_PUMP_STATE_NO_LEAK:      return "no-leak";
    case ML_PUMP_STATE_ZERO_RATE:    return "zero-rate";
    case ML_PUMP_STATE_UNDEFINED:    return "undefined";
    case ML_PUMP_STATE_OFF:
    default:                         return "off";
    }
}

/* An ion of the solution by its name, as the "ions" array names them;
 * null for -1. */
static void
json_ion_ref (JsonWriter       *w,
              const char       *key,
              const MlSolution *sol,
              int               index)
{
  json_string (w, key, index >= 0 && index < (int)sol->n_ions ? sol->ions[index].ion.name : NULL);
}

static gboolean
formula_has_value (MlFormula formula)
{
  return formula != ML_FORMULA_NONE && formula != ML_FORMULA_NUMERIC;
}

static void
json_donnan (JsonWriter     *w,
             const char     *key,
             const MlDonnan *d)
{
  json_open (w, key, '{');
  json_number (w, "k_in_mm", d->k_in, TRUE);
  json_number (w, "cl_in_mm", d->cl_in, TRUE);
  json_number (w, "k_out_mm", d->k_out, TRUE);
  json_number (w, "cl_out_mm", d->cl_out, TRUE);
  json_number (w, "ratio", d->ratio, TRUE);
  json_number (w, "vm_mv", d->vm_mv, TRUE);
  json_number (w, "osmotic_excess_mosm", d->osmotic_excess_mosm, TRUE);
  json_close (w, '}');
}

char *
ml_cli_solution_to_json (MlCell                  *cell,
                         const MlSolution        *sol,
                         const MlCliDonnan       *donnan,
                         const MlCliDonnanClosed *closed)
{
  JsonWriter w = { g_string_new (NULL), 0, TRUE };
  gboolean rest = sol->condition == ML_CONDITION_NONE;
  gboolean ghk = sol->ghk_condition == ML_CONDITION_NONE;
  gboolean t_ok = ml_temperature_valid (sol->temperature_c);
  const char *name = ml_cell_get_name (cell);

  json_open (&w, NULL, '{');
  json_string (&w, "name", name != NULL && *name != '\0' ? name : NULL);
  json_number (&w, "temperature_c", sol->temperature_c, TRUE);
  json_number (&w, "rt_over_f_mv", sol->rt_over_f_mv, t_ok);
  json_number (&w, "vm_mv", sol->vm_mv, sol->vm_defined);
  json_bool (&w, "vm_clamped", sol->vm_clamped);
  json_number (&w, "vm_rest_mv", sol->vm_rest_mv, rest);
  json_number (&w, "vm_ghk_mv", sol->vm_ghk_mv, ghk);
  json_string (&w, "condition", ml_condition_message (sol->condition));
  json_string (&w, "ghk_condition", ml_condition_message (sol->ghk_condition));
  json_string (&w, "formula", formula_id (sol->formula));
  json_number (&w, "vm_formula_mv", sol->vm_formula_mv, rest && formula_has_value (sol->formula));
  json_ion_ref (&w, "divalent_ion", sol, sol->divalent_ion);
  json_number (&w, "net_current_ua_cm2", sol->net_current_ua_cm2, sol->vm_defined);
  json_ion_ref (&w, "p_reference_ion", sol, sol->p_reference_ion);

  json_open (&w, "pump", '{');
  json_string (&w, "mode", pump_mode_id (sol->pump_mode));
  json_number (&w, "ratio", sol->pump_ratio, sol->pump_mode == ML_PUMP_RATIO);
  /* The core leaves 0 here when V_m is undefined, like the ion currents. */
  json_number (&w, "current_ua_cm2", sol->pump_current_ua_cm2, sol->vm_defined);
  json_number (&w, "contribution_mv", sol->pump_contribution_mv, rest && ghk);
  json_number (&w, "q10_factor", sol->pump_q10_factor, TRUE);
  json_bool (&w, "running", sol->pump_running);
  json_string (&w, "state", pump_state_id (sol->pump_state));
  json_number (&w, "max_current_ua_cm2", ml_cell_get_pump_max_current (cell),
               sol->pump_mode == ML_PUMP_KINETIC);
  json_number (&w, "substrate_factor", sol->pump_substrate_factor,
               sol->pump_mode == ML_PUMP_KINETIC && sol->vm_defined);
  json_number (&w, "voltage_factor", sol->pump_voltage_factor,
               sol->pump_mode == ML_PUMP_KINETIC && sol->vm_defined);
  json_close (&w, '}');

  json_open (&w, "ions", '[');
  for (guint i = 0; i < sol->n_ions; i++)
    {
      const MlIonResult *r = &sol->ions[i];
      gboolean nernst = r->nernst_state == ML_NERNST_DEFINED;
      gboolean dg = sol->vm_defined && r->delta_g_defined;

      json_open (&w, NULL, '{');
      json_string (&w, "name", r->ion.name);
      json_int (&w, "valence", r->ion.z);
      json_bool (&w, "enabled", r->ion.enabled);
      json_number (&w, "c_in_mm", r->ion.c_in, TRUE);
      json_number (&w, "c_out_mm", r->ion.c_out, TRUE);
      json_number (&w, "permeability_cm_s", r->ion.p, TRUE);
      json_string (&w, "nernst_state", nernst_state_id (r->nernst_state));
      json_number (&w, "nernst_mv", r->nernst_mv, nernst);
      json_number (&w, "driving_force_mv", r->driving_force_mv, nernst && sol->vm_defined);
      /* its two parts: the gradient's push (−E) and the field's (V_m) */
      json_number (&w, "chemical_push_mv", r->chemical_push_mv, nernst && sol->vm_defined);
      json_number (&w, "electrical_push_mv", r->electrical_push_mv, nernst && sol->vm_defined);
      json_int (&w, "direction", r->direction);
      json_number (&w, "current_ua_cm2", r->current_ua_cm2, sol->vm_defined);
      json_number (&w, "delta_g_out_j_mol", r->delta_g_total, dg);
      json_number (&w, "delta_g_chemical_j_mol", r->delta_g_chemical, dg);
      json_number (&w, "delta_g_electrical_j_mol", r->delta_g_electrical, sol->vm_defined);
      json_string (&w, "role", ml_ion_role_get_name (r->ion.role));
      json_bool (&w, "at_equilibrium", r->at_equilibrium);
      /* null where ΔG is: a side without the ion. */
      json_item (&w, "spontaneous_out");
      g_string_append (w.s, !dg ? "null" : r->spontaneous_out ? "true" : "false");
      json_number (&w, "p_relative", r->p_relative, sol->p_reference_ion >= 0);
      /* over every mechanism: 0 for each ion of a steady state */
      json_number (&w, "net_flux_ua_cm2", r->net_flux_ua_cm2, sol->vm_defined);
      json_close (&w, '}');
    }
  json_close (&w, ']');

  json_open (&w, "mechanisms", '[');
  for (guint k = 0; k < sol->n_mechanisms; k++)
    {
      const MlMechanismResult *m = &sol->mechanisms[k];

      json_open (&w, NULL, '{');
      json_string (&w, "id", m->klass->id);
      json_string (&w, "name", ml_mechanism_class_get_name (m->klass));
      json_number (&w, "current_ua_cm2", m->current_ua_cm2, sol->vm_defined);
      /* each ion's charge out through it, outward positive */
      json_open (&w, "flux_ua_cm2", '{');
      for (guint i = 0; i < sol->n_ions; i++)
        json_number (&w, sol->ions[i].ion.name, m->flux_ua_cm2[i], sol->vm_defined);
      json_close (&w, '}');
      json_number (&w, "reversal_mv", m->reversal_mv, m->reversal_defined);
      json_string (&w, "state", m->state);
      json_close (&w, '}');
    }
  json_close (&w, ']');
  json_bool (&w, "steady_state", sol->steady_state);

  json_open (&w, "charge", '{');
  json_number (&w, "radius_um", sol->radius_um, TRUE);
  json_number (&w, "capacitance_uf_cm2", sol->capacitance_uf_cm2, TRUE);
  json_number (&w, "ions_moved", sol->charge.ions_moved, sol->vm_defined);
  /* null when the cell holds no K⁺; above 1 when it holds too little. */
  json_number (&w, "fraction_of_cell_k", sol->charge.fraction,
               sol->vm_defined && sol->charge_ion >= 0 && sol->charge.fraction_defined);
  json_close (&w, '}');

  if (donnan != NULL)
    json_donnan (&w, "donnan", &donnan->result);
  if (closed != NULL)
    json_donnan (&w, "donnan_closed", &closed->result);

  json_close (&w, '}');
  g_string_append_c (w.s, '\n');
  return g_string_free (w.s, FALSE);
}

/* ------------------------------------------------------------------------ */
/* The table                                                                */

/* The cell's mechanisms besides leak and pump, what each carries of each
 * ion, and whether the ions balance: a line each. */
static void
append_mechanisms (GString          *s,
                   const MlSolution *sol)
{
  if (!sol->vm_defined)
    return;
  for (guint k = 2; k < sol->n_mechanisms; k++)
    {
      const MlMechanismResult *m = &sol->mechanisms[k];
      g_autoptr (GString) moved = g_string_new (NULL);

      for (guint i = 0; i < sol->n_ions; i++)
        if (m->flux_ua_cm2[i] != 0.0)
          {
            g_autofree char *label = ml_ion_label (sol->ions[i].ion.name, sol->ions[i].ion.z);
            g_autofree char *flux = ml_format_significant (m->flux_ua_cm2[i], 4);

            g_string_append_printf (moved, "%s%s %s%s", moved->len > 0 ? ", " : "", label,
                                    m->flux_ua_cm2[i] > 0 ? "+" : "", flux);
          }
      /* Translators: a mechanism, its current and the charge each ion
       * carries out through it: "KCC2: 0 µA/cm²; K⁺ +0.1, Cl⁻ −0.1 µA/cm² out". */
      {
        g_autofree char *current = ml_format_significant (m->current_ua_cm2, 4);

        g_string_append_printf (s, _("%s: %s µA/cm²; %s µA/cm² out"), m->klass->short_name,
                                current, moved->len > 0 ? moved->str : "0");
      }
      if (m->state != NULL)
        g_string_append_printf (s, " (%s)", m->state);
      g_string_append_c (s, '\n');
    }

  if (!sol->steady_state && sol->drifting_ion >= 0)
    {
      const MlIonResult *r = &sol->ions[sol->drifting_ion];
      g_autofree char *label = ml_ion_label (r->ion.name, r->ion.z);
      g_autofree char *flux = ml_format_significant (r->net_flux_ua_cm2, 4);

      /* Translators: %s is an ion, then its net charge flux ("−4.396"),
       * outward positive. */
      g_string_append_printf (s, _("Not a steady state: the net flux of %s is %s µA/cm² "
                                   "(outward positive), so its concentrations drift over "
                                   "time\n"),
                              label, flux);
    }
  else
    g_string_append_printf (s, "%s\n", _("Steady state: every ion’s net flux is zero"));
  g_string_append_c (s, '\n');
}

/* printf pads by bytes; labels hold µ, Δ and superscripts, so pad by
 * characters to keep the columns straight. */
static void
append_padded (GString    *s,
               const char *text,
               int         width,
               gboolean    right)
{
  int pad = width - (int)g_utf8_strlen (text, -1);

  if (right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (s, ' ');
  g_string_append (s, text);
  if (!right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (s, ' ');
}

/* The app's styles (ml-format.h): ion labels with their charge, U+2212
 * for minus, the same decimals as the math pane. */
static char *
ion_label (const MlIon *ion)
{
  return ml_ion_label (ion->name, ion->z);
}

static char *
format_mv (double value)
{
  return ml_format_millivolts (value, 2, FALSE);
}

static char *
format_significant (double value)
{
  GString *s = g_string_new (NULL);

  ml_format_append_significant (s, value, 4);
  return g_string_free (s, FALSE);
}

/* The divalent forms name the ion the core says they hold: a cell with
 * Mg²⁺ is not "GHK with Ca²⁺". */
static char *
formula_label (const MlSolution *sol)
{
  g_autofree char *ion = NULL;

  if (sol->divalent_ion >= 0 && sol->divalent_ion < (int)sol->n_ions)
    ion = ion_label (&sol->ions[sol->divalent_ion].ion);

  switch (sol->formula)
    {
    case ML_FORMULA_GHK:
      return g_strdup (_("GHK equation"));
    case ML_FORMULA_GHK_DIVALENT:
      if (ion != NULL)
        /* Translators: the closed form used for V_rest; %s is a divalent
         * cation, e.g. "Ca²⁺" or "Mg²⁺". */
        return g_strdup_printf (_("GHK with %s"), ion);
      /* Translators: the closed form used for V_rest with two or more
       * divalent cations (Ca²⁺ and Mg²⁺). */
      return g_strdup (_("GHK with divalent cations"));
    case ML_FORMULA_MULLINS_NODA:
      return g_strdup (_("Mullins–Noda"));
    case ML_FORMULA_MULLINS_NODA_DIVALENT:
      if (ion != NULL)
        /* Translators: %s is a divalent cation, e.g. "Ca²⁺" or "Mg²⁺". */
        return g_strdup_printf (_("Mullins–Noda with %s"), ion);
      return g_strdup (_("Mullins–Noda with divalent cations"));
    case ML_FORMULA_NUMERIC:
      return g_strdup (_("numeric solution"));
    case ML_FORMULA_NONE:
    default:
      return NULL;
    }
}

static char *
nernst_text (const MlIonResult *r)
{
  switch (r->nernst_state)
    {
    case ML_NERNST_DEFINED:        return ml_format_fixed (r->nernst_mv, 2, FALSE);
    case ML_NERNST_PLUS_INFINITY:  return g_strdup ("+∞");
    case ML_NERNST_MINUS_INFINITY: return g_strdup ("−∞");
    case ML_NERNST_UNDEFINED:
    default:                       return g_strdup (_("undefined"));
    }
}

static void
append_pairs (GString     *s,
              GPtrArray   *pairs)
{
  int width = 0;

  for (guint i = 0; i < pairs->len; i += 2)
    width = MAX (width, (int)g_utf8_strlen (g_ptr_array_index (pairs, i), -1));
  for (guint i = 0; i < pairs->len; i += 2)
    {
      append_padded (s, g_ptr_array_index (pairs, i), width, FALSE);
      g_string_append (s, "  ");
      g_string_append (s, g_ptr_array_index (pairs, i + 1));
      g_string_append_c (s, '\n');
    }
}

#define N_COLUMNS 8

static void
append_ion_table (GString          *s,
                  const MlSolution *sol)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *headers[N_COLUMNS] = {
    _("Ion"), _("In mM"), _("Out mM"), _("P cm/s"), _("E mV"),
    _("V−E mV"), _("I µA/cm²"), _("ΔG kJ/mol"),
  };
  int width[N_COLUMNS] = { 0 };
  guint n_rows = sol->n_ions + 1;

  for (int c = 0; c < N_COLUMNS; c++)
    g_ptr_array_add (cells, g_strdup (headers[c]));

  for (guint i = 0; i < sol->n_ions; i++)
    {
      const MlIonResult *r = &sol->ions[i];
      char *name = ion_label (&r->ion);

      if (!r->ion.enabled)
        {
          char *off = g_strdup_printf (_("%s (off)"), name);

          g_free (name);
          name = off;
        }
      g_ptr_array_add (cells, name);
      g_ptr_array_add (cells, format_significant (r->ion.c_in));
      g_ptr_array_add (cells, format_significant (r->ion.c_out));
      g_ptr_array_add (cells, g_strdup_printf ("%.3g", r->ion.p));
      g_ptr_array_add (cells, nernst_text (r));
      if (sol->vm_defined && r->nernst_state == ML_NERNST_DEFINED)
        g_ptr_array_add (cells, ml_format_fixed (r->driving_force_mv, 2, TRUE));
      else
        g_ptr_array_add (cells, g_strdup (_("undefined")));
      if (sol->vm_defined)
        g_ptr_array_add (cells, ml_format_fixed (r->current_ua_cm2, 3, TRUE));
      else
        g_ptr_array_add (cells, g_strdup (_("undefined")));
      if (sol->vm_defined && r->delta_g_defined)
        g_ptr_array_add (cells, ml_format_fixed (r->delta_g_total / 1000.0, 2, TRUE));
      else
        g_ptr_array_add (cells, g_strdup (_("undefined")));
    }

  for (guint row = 0; row < n_rows; row++)
    for (int c = 0; c < N_COLUMNS; c++)
      width[c] = MAX (width[c],
                      (int)g_utf8_strlen (g_ptr_array_index (cells, row * N_COLUMNS + c), -1));

  for (guint row = 0; row < n_rows; row++)
    {
      for (int c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append (s, "  ");
          append_padded (s, g_ptr_array_index (cells, row * N_COLUMNS + c),
                         width[c], c > 0);
        }
      g_string_append_c (s, '\n');
    }
}

/* In the closed case the outside changes too, so it gets its own rows. */
static void
append_donnan (GString        *s,
               const MlDonnan *d,
               gboolean        outside)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (pairs, g_strdup (_("  K⁺ inside")));
  g_ptr_array_add (pairs, g_strdup_printf ("%.4g mM", d->k_in));
  g_ptr_array_add (pairs, g_strdup (_("  Cl⁻ inside")));
  g_ptr_array_add (pairs, g_strdup_printf ("%.4g mM", d->cl_in));
  if (outside)
    {
      /* Translators: row labels, indented like “  K⁺ inside”. */
      g_ptr_array_add (pairs, g_strdup (_("  K⁺ outside")));
      g_ptr_array_add (pairs, g_strdup_printf ("%.4g mM", d->k_out));
      g_ptr_array_add (pairs, g_strdup (_("  Cl⁻ outside")));
      g_ptr_array_add (pairs, g_strdup_printf ("%.4g mM", d->cl_out));
    }
  g_ptr_array_add (pairs, g_strdup (_("  Ratio r")));
  g_ptr_array_add (pairs, g_strdup_printf ("%.4g", d->ratio));
  g_ptr_array_add (pairs, g_strdup (_("  V_m")));
  g_ptr_array_add (pairs, format_mv (d->vm_mv));
  g_ptr_array_add (pairs, g_strdup (_("  Osmotic excess")));
  g_ptr_array_add (pairs, g_strdup_printf ("%.4g mOsm", d->osmotic_excess_mosm));
  append_pairs (s, pairs);
}

char *
ml_cli_solution_to_table (MlCell                  *cell,
                          const MlSolution        *sol,
                          const MlCliDonnan       *donnan,
                          const MlCliDonnanClosed *closed)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  const char *name = ml_cell_get_name (cell);
  gboolean rest = sol->condition == ML_CONDITION_NONE;
  gboolean ghk = sol->ghk_condition == ML_CONDITION_NONE;

  /* A Donnan question gets its answer alone, at the cell's temperature:
   * the whole cell before it was noise (--json keeps both). */
  if (donnan != NULL || closed != NULL)
    {
      g_string_append_printf (s, _("Temperature %g °C (of %s)\n"), sol->temperature_c,
                              name != NULL && *name != '\0' ? name : _("the cell"));
      goto donnan;
    }

  if (name != NULL && *name != '\0')
    g_string_append_printf (s, "%s\n\n", name);

  g_ptr_array_add (pairs, g_strdup (_("Temperature")));
  g_ptr_array_add (pairs, g_strdup_printf ("%g °C", sol->temperature_c));
  g_ptr_array_add (pairs, g_strdup ("RT/F"));
  if (ml_temperature_valid (sol->temperature_c))
    g_ptr_array_add (pairs, g_strdup_printf ("%.4f mV", sol->rt_over_f_mv));
  else
    g_ptr_array_add (pairs, g_strdup (_("undefined")));

  g_ptr_array_add (pairs, g_strdup (_("V_rest")));
  if (rest)
    {
      g_autofree char *mv = format_mv (sol->vm_rest_mv);
      g_autofree char *formula = formula_label (sol);

      /* The solver always runs; a missing closed form means the number is
       * the solver's alone. */
      if (formula == NULL)
        formula = g_strdup (_("numeric solution"));
      if (sol->pump_mode != ML_PUMP_OFF)
        g_ptr_array_add (pairs, g_strdup_printf (_("%s  (%s, pump included)"), mv, formula));
      else
        g_ptr_array_add (pairs, g_strdup_printf ("%s  (%s)", mv, formula));
    }
  else
    g_ptr_array_add (pairs, g_strdup (ml_condition_message (sol->condition)));

  g_ptr_array_add (pairs, g_strdup (_("V without pump")));
  g_ptr_array_add (pairs, ghk ? format_mv (sol->vm_ghk_mv)
                              : g_strdup (ml_condition_message (sol->ghk_condition)));

  g_ptr_array_add (pairs, g_strdup (_("Pump")));
  switch (sol->pump_mode)
    {
    /* Without a V_m the core has no pump current either (it leaves 0). */
    case ML_PUMP_RATIO:
      if (sol->vm_defined)
        g_ptr_array_add (pairs, g_strdup_printf (_("steady state, coupling ratio %g, %.4g µA/cm²"),
                                                 sol->pump_ratio, sol->pump_current_ua_cm2));
      else
        /* Translators: the pump's current when V_m is undefined; %g is the
         * coupling ratio (1.5 for 3 Na⁺ : 2 K⁺). */
        g_ptr_array_add (pairs, g_strdup_printf (_("steady state, coupling ratio %g, current "
                                                   "undefined"), sol->pump_ratio));
      break;
    case ML_PUMP_CURRENT:
      if (sol->vm_defined)
        g_ptr_array_add (pairs, g_strdup_printf (_("%.4g µA/cm² outward (Q10 factor %.3g)"),
                                                 sol->pump_current_ua_cm2, sol->pump_q10_factor));
      else
        /* Translators: the pump's current when V_m is undefined; %.3g is
         * its temperature factor. */
        g_ptr_array_add (pairs, g_strdup_printf (_("current undefined (Q10 factor %.3g)"),
                                                 sol->pump_q10_factor));
      break;
    case ML_PUMP_KINETIC:
      if (sol->vm_defined)
        /* Translators: the kinetic pump: its current, then its maximal
         * current and the three factors that scale it. */
        g_ptr_array_add (pairs, g_strdup_printf (_("kinetic, %.4g µA/cm² = %.4g µA/cm² × %.3g "
                                                   "(Q10) × %.3g (Na⁺ inside, K⁺ outside) × "
                                                   "%.3g (V_m)"),
                                                 sol->pump_current_ua_cm2,
                                                 ml_cell_get_pump_max_current (cell),
                                                 sol->pump_q10_factor,
                                                 sol->pump_substrate_factor,
                                                 sol->pump_voltage_factor));
      else
        g_ptr_array_add (pairs, g_strdup_printf (_("kinetic, current undefined (Q10 factor %.3g)"),
                                                 sol->pump_q10_factor));
      break;
    case ML_PUMP_OFF:
    default:
      g_ptr_array_add (pairs, g_strdup (C_("pump", "off")));
      break;
    }
  if (sol->pump_mode != ML_PUMP_OFF && sol->pump_state != ML_PUMP_STATE_RUNNING)
    {
      g_ptr_array_add (pairs, g_strdup (_("Pump state")));
      g_ptr_array_add (pairs, g_strdup (ml_pump_state_message (sol->pump_state)));
    }
  g_ptr_array_add (pairs, g_strdup (_("Pump contribution")));
  g_ptr_array_add (pairs, rest && ghk ? g_strdup_printf ("%+.2f mV", sol->pump_contribution_mv)
                                      : g_strdup (_("undefined")));

  if (sol->vm_clamped)
    {
      g_ptr_array_add (pairs, g_strdup (_("V_m (clamped)")));
      g_ptr_array_add (pairs, sol->vm_defined ? format_mv (sol->vm_mv) : g_strdup (_("undefined")));
    }
  append_pairs (s, pairs);

  g_string_append_c (s, '\n');
  if (sol->vm_defined)
    {
      g_autofree char *vm = format_mv (sol->vm_mv);

      /* Translators: %s is a voltage, e.g. "−59.52 mV". */
      g_string_append_printf (s, _("Per ion at V_m = %s:\n"), vm);
    }
  append_ion_table (s, sol);
  g_string_append_c (s, '\n');
  append_mechanisms (s, sol);

  if (!sol->vm_defined)
    g_string_append_printf (s, "%s\n", _("Membrane charge: undefined"));
  else if (sol->charge_ion >= 0 && sol->charge.fraction_defined && sol->charge.fraction > 1.0)
    g_string_append_printf (s, _("%.3g ions charge the membrane, %.3g times the K⁺ the cell "
                                 "holds: the cell holds too little K⁺ for this potential "
                                 "(radius %g µm, %g µF/cm²)\n"),
                            sol->charge.ions_moved, sol->charge.fraction,
                            sol->radius_um, sol->capacitance_uf_cm2);
  else if (sol->charge_ion >= 0 && sol->charge.fraction_defined)
    g_string_append_printf (s, _("%.3g ions charge the membrane, %.3g %% of the cell's K⁺ "
                                 "(radius %g µm, %g µF/cm²)\n"),
                            sol->charge.ions_moved, 100.0 * sol->charge.fraction,
                            sol->radius_um, sol->capacitance_uf_cm2);
  else
    g_string_append_printf (s, _("%.3g ions charge the membrane (radius %g µm, %g µF/cm²); "
                                 "the cell holds no K⁺\n"),
                            sol->charge.ions_moved, sol->radius_um, sol->capacitance_uf_cm2);

donnan:
  if (donnan != NULL)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Donnan equilibrium, open bath: %g mM anion of valence %d "
                                   "inside, %g mM KCl outside\n"),
                              donnan->a_mm, donnan->z_a, donnan->bath_mm);
      append_donnan (s, &donnan->result, FALSE);
    }
  if (closed != NULL)
    {
      g_string_append_c (s, '\n');
      /* Translators: the volumes are relative, in any one unit for both. */
      g_string_append_printf (s, _("Donnan equilibrium, closed compartments: %g mM anion of "
                                   "valence %d and %g mM KCl inside (volume %g), %g mM KCl "
                                   "outside (volume %g) at the start\n"),
                              closed->a_mm, closed->z_a, closed->kcl_in_mm, closed->v_in,
                              closed->kcl_out_mm, closed->v_out);
      append_donnan (s, &closed->result, TRUE);
    }

  return g_string_free (s, FALSE);
}

