/* ml-cli-sweep.c — membrane-calc --sweep: one parameter over a range
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers are the core's solutions (ml_sweep_run), printed in full
 * precision for CSV and as the app shows them in the table.
 */
#include "config.h"

#include "ml-cli-sweep.h"
#include "ml-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static void
csv_number (GString *out,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.10g", value);
  g_string_append (out, buf);
}

/* Pads @text to @width characters, right-aligned, counting characters, not
 * bytes (U+2212, superscripts). */
static void
cell_text (GString    *out,
           const char *text,
           int         width)
{
  long n = g_utf8_strlen (text, -1);

  g_string_append (out, "  ");
  for (long i = n; i < width; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

/* A number for JSON: null when undefined. */
static void
json_number (GString  *out,
             double    value,
             gboolean  defined)
{
  if (defined && isfinite (value))
    csv_number (out, value);
  else
    g_string_append (out, "null");
}

/* The same columns as the CSV, one object a point. */
static void
sweep_json (MlSweep          *sweep,
            MlCell           *cell,
            const MlSolution *sols,
            const MlSolution *later,
            gboolean          trade,
            GString          *out)
{
  guint n = ml_sweep_get_n_points (sweep);
  guint n_ions = ml_cell_get_n_ions (cell);
  g_autoptr (MlCell) point = ml_cell_copy (cell);
  int na = ml_cell_find_role (cell, ML_ION_ROLE_NA);

  /* Ids and ion names are ASCII letters, digits, '.' and '_': no escapes. */
  g_string_append_printf (out, "{\n  \"parameter\": \"%s\",\n", ml_sweep_get_id (sweep));
  g_string_append_printf (out, "  \"na_traded\": %s,\n", trade ? "true" : "false");
  g_string_append (out, "  \"points\": [");
  for (guint p = 0; p < n; p++)
    {
      const MlSolution *s = &sols[p];

      ml_sweep_set_point (sweep, cell, p, point);
      g_string_append (out, p == 0 ? "\n    {" : ",\n    {");
      g_string_append_printf (out, "\"%s\": ", ml_sweep_get_id (sweep));
      csv_number (out, ml_sweep_get_value (sweep, p));
      if (trade)
        {
          g_string_append (out, ", \"Na.out\": ");
          csv_number (out, ml_cell_get_ion (point, na)->c_out);
        }
      g_string_append (out, ", \"vm_mv\": ");
      json_number (out, s->vm_mv, s->vm_defined);
      g_string_append (out, ", \"vm_cl_equilibrated_mv\": ");
      json_number (out, later[p].vm_mv, later[p].vm_defined);
      for (guint i = 0; i < n_ions; i++)
        {
          g_string_append_printf (out, ", \"e_%s_mv\": ", ml_cell_get_ion (cell, i)->name);
          json_number (out, s->ions[i].nernst_mv, s->ions[i].nernst_state == ML_NERNST_DEFINED);
        }
      for (guint i = 0; i < n_ions; i++)
        {
          g_string_append_printf (out, ", \"df_%s_mv\": ", ml_cell_get_ion (cell, i)->name);
          json_number (out, s->ions[i].driving_force_mv,
                       s->vm_defined && s->ions[i].nernst_state == ML_NERNST_DEFINED);
        }
      g_string_append (out, "}");
    }
  g_string_append (out, "\n  ]\n}\n");
}

void
ml_cli_sweep_run (MlSweep  *sweep,
                  MlCell   *cell,
                  gboolean  csv,
                  gboolean  json,
                  GString  *out)
{
  guint n = ml_sweep_get_n_points (sweep);
  guint n_ions = ml_cell_get_n_ions (cell);
  g_autofree MlSolution *sols = g_new0 (MlSolution, n);
  gboolean trade = ml_sweep_get_trade_na (sweep) && ml_sweep_can_trade_na (sweep, cell);
  const MlParam *param = ml_sweep_get_param (sweep);
  g_autoptr (MlCell) point = ml_cell_copy (cell);
  int na = ml_cell_find_role (cell, ML_ION_ROLE_NA);
  g_autofree MlSolution *later = g_new0 (MlSolution, n);

  ml_sweep_run (sweep, cell, sols);
  ml_sweep_run_cl_equilibrated (sweep, cell, later);

  if (json)
    {
      sweep_json (sweep, cell, sols, later, trade, out);
      return;
    }
  if (csv)
    {
      g_string_append (out, ml_sweep_get_id (sweep));
      if (trade)
        g_string_append (out, ",Na.out");
      g_string_append (out, ",vm_mv,vm_cl_equilibrated_mv");
      for (guint i = 0; i < n_ions; i++)
        g_string_append_printf (out, ",e_%s_mv", ml_cell_get_ion (cell, i)->name);
      for (guint i = 0; i < n_ions; i++)
        g_string_append_printf (out, ",df_%s_mv", ml_cell_get_ion (cell, i)->name);
      g_string_append_c (out, '\n');
    }
  else
    {
      g_autofree char *head = param->unit != NULL
                              ? g_strdup_printf ("%s %s", ml_sweep_get_id (sweep), param->unit)
                              : g_strdup (ml_sweep_get_id (sweep));

      if (trade)
        /* Translators: above a sweep of outside K⁺ that keeps the bath's
         * osmolarity. */
        g_string_append (out, _("K⁺ replaces Na⁺ outside mole for mole, as in a saline "
                                "(--sweep-keep-na keeps Na⁺ instead)\n"));
      else if (ml_sweep_can_trade_na (sweep, cell))
        g_string_append (out, _("Na⁺ outside is kept: the bath's osmolarity rises with K⁺\n"));
      /* Translators: above a sweep's table; "after Cl⁻" is the column of
       * V_m once Cl⁻ inside has moved to E_Cl = V_m. */
      g_string_append (out, _("V_m: at once, Cl⁻ inside as it was; after Cl⁻: once Cl⁻ inside "
                              "has redistributed to E_Cl = V_m (minutes), K⁺ inside and the "
                              "volume held\n"));
      cell_text (out, head, 12);
      if (trade)
        cell_text (out, "Na.out mM", 10);
      cell_text (out, "V_m mV", 9);
      /* Translators: a column head of --sweep, keep it short (12 characters). */
      cell_text (out, _("after Cl⁻ mV"), 12);
      for (guint i = 0; i < n_ions; i++)
        {
          const MlIon *ion = ml_cell_get_ion (cell, i);
          g_autofree char *label = ml_ion_label (ion->name, ion->z);
          g_autofree char *e = g_strdup_printf ("E %s", label);

          cell_text (out, e, 9);
        }
      for (guint i = 0; i < n_ions; i++)
        {
          const MlIon *ion = ml_cell_get_ion (cell, i);
          g_autofree char *label = ml_ion_label (ion->name, ion->z);
          /* Translators: a column head, the driving force V_m − E of an ion. */
          g_autofree char *df = g_strdup_printf (_("V−E %s"), label);

          cell_text (out, df, 10);
        }
      g_string_append_c (out, '\n');
    }

  for (guint p = 0; p < n; p++)
    {
      const MlSolution *s = &sols[p];
      double value = ml_sweep_get_value (sweep, p);

      gboolean kept = ml_sweep_set_point (sweep, cell, p, point);
      if (csv)
        {
          csv_number (out, value);
          if (trade)
            {
              g_string_append_c (out, ',');
              csv_number (out, ml_cell_get_ion (point, na)->c_out);
            }
          g_string_append_c (out, ',');
          if (s->vm_defined)
            csv_number (out, s->vm_mv);
          g_string_append_c (out, ',');
          if (later[p].vm_defined)
            csv_number (out, later[p].vm_mv);
          for (guint i = 0; i < n_ions; i++)
            {
              g_string_append_c (out, ',');
              if (s->ions[i].nernst_state == ML_NERNST_DEFINED)
                csv_number (out, s->ions[i].nernst_mv);
            }
          for (guint i = 0; i < n_ions; i++)
            {
              g_string_append_c (out, ',');
              if (s->vm_defined && s->ions[i].nernst_state == ML_NERNST_DEFINED)
                csv_number (out, s->ions[i].driving_force_mv);
            }
          g_string_append_c (out, '\n');
          continue;
        }

      {
        g_autofree char *v = ml_format_significant (value, 4);
        g_autofree char *vm = s->vm_defined ? ml_format_fixed (s->vm_mv, 2, FALSE)
                                            : g_strdup ("—");
        g_autofree char *vm_cl = later[p].vm_defined ? ml_format_fixed (later[p].vm_mv, 2, FALSE)
                                                     : g_strdup ("—");

        cell_text (out, v, 12);
        if (trade)
          {
            g_autofree char *na_out = ml_format_significant (ml_cell_get_ion (point, na)->c_out, 4);

            cell_text (out, na_out, 10);
          }
        cell_text (out, vm, 9);
        cell_text (out, vm_cl, 12);
        for (guint i = 0; i < n_ions; i++)
          {
            const MlIonResult *r = &s->ions[i];
            g_autofree char *e = r->nernst_state == ML_NERNST_DEFINED
                                 ? ml_format_fixed (r->nernst_mv, 2, FALSE)
                                 : g_strdup (r->nernst_state == ML_NERNST_PLUS_INFINITY ? "+∞"
                                             : r->nernst_state == ML_NERNST_MINUS_INFINITY ? "−∞"
                                             : "—");

            cell_text (out, e, 9);
          }
        for (guint i = 0; i < n_ions; i++)
          {
            const MlIonResult *r = &s->ions[i];
            g_autofree char *df = s->vm_defined && r->nernst_state == ML_NERNST_DEFINED
                                  ? ml_format_fixed (r->driving_force_mv, 2, TRUE)
                                  : g_strdup ("—");

            cell_text (out, df, 10);
          }
        if (!s->vm_defined)
          {
            g_string_append (out, "  ");
            g_string_append (out, ml_condition_message (s->condition));
          }
        if (trade && !kept)
          {
            g_string_append (out, "  ");
            /* Translators: after a row of a K⁺ sweep that needed more Na⁺
             * than the bath had. */
            g_string_append (out, _("(no Na⁺ left to trade: the bath is hypertonic)"));
          }
        g_string_append_c (out, '\n');
      }
    }
}
