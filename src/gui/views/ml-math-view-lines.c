/* ml-math-view-lines.c — the text of the math panel
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes every line of the math view as Pango markup: the constants, the
 * Nernst equation of each ion with its numbers, the equation that gave
 * V_rest with the inputs substituted, the pump and the clamp, the table of
 * driving force, current and free energy, and the charge on the membrane.
 * Numbers go through ml-format; a label is only touched when its text
 * changed, so the panel can follow a slider drag.
 */
#define G_LOG_DOMAIN "ml-math-view"

#include "config.h"

#include "ml-math-view-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ml-format.h"
#include "ml-ion-colors.h"

/* Markup pieces ------------------------------------------------------------ */

static void
ion_color_hex (MlMathView  *self,
               const MlIon *ion,
               char         hex[8])
{
  GdkRGBA c;

  ml_ion_text_color (ion->name, self->dark, self->high_contrast, &c);
  g_snprintf (hex, 8, "#%02X%02X%02X",
              (guint) lround (CLAMP (c.red, 0.0, 1.0) * 255),
              (guint) lround (CLAMP (c.green, 0.0, 1.0) * 255),
              (guint) lround (CLAMP (c.blue, 0.0, 1.0) * 255));
}

/* "K⁺" in the ion's colour. */
static void
append_ion (MlMathView  *self,
            GString     *s,
            const MlIon *ion)
{
  g_autofree char *label = ml_ion_label (ion->name, ion->z);
  g_autofree char *escaped = g_markup_escape_text (label, -1);
  char hex[8];

  ion_color_hex (self, ion, hex);
  g_string_append_printf (s, "<span foreground=\"%s\" weight=\"bold\">%s</span>", hex, escaped);
}

/* A symbol with the ion's name as subscript, e.g. E_K or P_Na; coloured when
 * @colour is set. */
static void
append_symbol (MlMathView  *self,
               GString     *s,
               const char  *symbol,
               const MlIon *ion,
               gboolean     colour)
{
  g_autofree char *escaped = g_markup_escape_text (ion->name, -1);
  char hex[8];

  if (colour)
    {
      ion_color_hex (self, ion, hex);
      g_string_append_printf (s, "<span foreground=\"%s\" weight=\"bold\"><i>%s</i><sub>%s</sub></span>",
                              hex, symbol, escaped);
    }
  else
    g_string_append_printf (s, "<i>%s</i><sub>%s</sub>", symbol, escaped);
}

/* "[K⁺]<sub>out</sub>" */
static void
append_conc (MlMathView  *self,
             GString     *s,
             const MlIon *ion,
             gboolean     outside)
{
  g_string_append_c (s, '[');
  append_ion (self, s, ion);
  g_string_append (s, outside ? "]<sub>out</sub>" : "]<sub>in</sub>");
}

/* Labels ------------------------------------------------------------------- */

/* Sets markup only when it changed; NULL hides the label. */
static void
label_update (GtkLabel   *label,
              const char *markup)
{
  if (markup == NULL || markup[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }
  if (g_strcmp0 (gtk_label_get_label (label), markup) != 0)
    gtk_label_set_markup (label, markup);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
label_update_take (GtkLabel *label,
                   GString  *s)
{
  label_update (label, s->str);
  g_string_truncate (s, 0);
}

/* Content ------------------------------------------------------------------ */

static void
update_constants (MlMathView       *self,
                  const MlSolution *sol,
                  GString          *s)
{
  g_string_append (s, "<i>T</i> = ");
  ml_format_append_fixed (s, sol->temperature_k, 2, FALSE);
  g_string_append (s, " K (");
  ml_format_append_fixed (s, sol->temperature_c, 1, FALSE);
  g_string_append (s, " °C), <i>RT</i>/<i>F</i> = ");
  if (sol->temperature_k > 0.0 && sol->rt_over_f_mv > 0.0)
    ml_format_append_millivolts (s, sol->rt_over_f_mv, 2, FALSE);
  else
    g_string_append (s, _("undefined: the temperature is at or below absolute zero"));
  label_update_take (self->constants_label, s);
}

static void
update_nernst (MlMathView        *self,
               const MlSolution  *sol,
               const MlIonResult *r,
               GtkLabel          *label,
               GString           *s)
{
  const MlIon *ion = &r->ion;
  g_autofree char *plain = ml_ion_label (ion->name, ion->z);
  g_autofree char *escaped = g_markup_escape_text (plain, -1);
  g_autofree char *colored = NULL;
  GString *tmp = g_string_new (NULL);

  append_ion (self, tmp, ion);
  colored = g_string_free (tmp, FALSE);

  append_symbol (self, s, "E", ion, TRUE);
  g_string_append (s, " = (<i>RT</i> / <i>zF</i>) · ln(");
  append_conc (self, s, ion, TRUE);
  g_string_append (s, " / ");
  append_conc (self, s, ion, FALSE);
  g_string_append (s, ") = ");
  if (sol->temperature_k <= 0.0 || sol->rt_over_f_mv <= 0.0)
    {
      g_string_append (s, _("undefined: the temperature is at or below absolute zero"));
      label_update_take (label, s);
      return;
    }
  g_string_append_c (s, '(');
  ml_format_append_millivolts (s, sol->rt_over_f_mv, 2, FALSE);
  g_string_append (s, " / ");
  if (ion->z < 0)
    g_string_append_printf (s, "(−%d)", -ion->z);
  else
    g_string_append_printf (s, "%d", ion->z);
  g_string_append (s, ") · ln(");
  ml_format_append_significant (s, ion->c_out, 3);
  g_string_append (s, " / ");
  ml_format_append_significant (s, ion->c_in, 3);
  g_string_append (s, ") = ");

  switch (r->nernst_state)
    {
    case ML_NERNST_DEFINED:
      g_string_append (s, "<b>");
      ml_format_append_millivolts (s, r->nernst_mv, 2, TRUE);
      g_string_append (s, "</b>");
      break;
    case ML_NERNST_PLUS_INFINITY:
      /* Translators: the Nernst potential is +∞; %s is an ion, e.g. "K⁺". */
      g_string_append_printf (s, ion->z > 0 ? _("+∞: no %s inside") : _("+∞: no %s outside"),
                              colored);
      break;
    case ML_NERNST_MINUS_INFINITY:
      /* Translators: the Nernst potential is −∞; %s is an ion, e.g. "K⁺". */
      g_string_append_printf (s, ion->z > 0 ? _("−∞: no %s outside") : _("−∞: no %s inside"),
                              colored);
      break;
    case ML_NERNST_UNDEFINED:
    default:
      if (sol->temperature_k <= 0.0)
        g_string_append (s, _("undefined: the temperature is at or below absolute zero"));
      else if (ion->c_in == 0.0 && ion->c_out == 0.0)
        /* Translators: %s is an ion, e.g. "K⁺". */
        g_string_append_printf (s, _("undefined: no %s on either side"), colored);
      else
        g_string_append (s, _("undefined"));
      break;
    }
  label_update_take (label, s);
}

/* The ion all permeabilities are shown relative to: the core decides it
 * (MlSolution.p_reference_ion), so the math and the controls agree. */
static const MlIonResult *
reference_ion (const MlSolution *sol)
{
  if (sol->p_reference_ion < 0 || sol->p_reference_ion >= (int) sol->n_ions)
    return NULL;
  return &sol->ions[sol->p_reference_ion];
}

/* One side of the GHK fraction.  @symbols: P_K[K⁺]out …; otherwise the
 * numbers.  @ratio > 0 multiplies every ion but Na⁺ (Mullins–Noda). */
static void
append_ghk_side (MlMathView       *self,
                 const MlSolution *sol,
                 GString          *s,
                 gboolean          numerator,
                 gboolean          symbols,
                 double            ratio)
{
  gboolean first = TRUE;

  for (guint i = 0; i < sol->n_ions; i++)
    {
      const MlIonResult *r = &sol->ions[i];
      const MlIon *ion = &r->ion;
      /* Cations enter the numerator from outside, anions from inside. */
      gboolean outside = (ion->z > 0) == numerator;

      if (!sol->ions[i].permeant)
        continue;
      if (!first)
        g_string_append (s, " + ");
      first = FALSE;

      /* The core says which ion the pump moves; only that one is not × r. */
      if (ratio > 0.0 && (int)i != sol->pump_ion)
        {
          if (symbols)
            g_string_append (s, "<i>r</i>·");
          else
            {
              ml_format_append_significant (s, ratio, 3);
              g_string_append (s, " · ");
            }
        }
      if (symbols)
        {
          append_symbol (self, s, "P", ion, FALSE);
          append_conc (self, s, ion, outside);
        }
      else
        {
          ml_format_append_significant (s, r->p_relative, 3);
          g_string_append (s, " · ");
          ml_format_append_significant (s, outside ? ion->c_out : ion->c_in, 3);
        }
    }
}

/* "P_K = 1, P_Na = 0.05, …" */
static void
append_relative_p (MlMathView       *self,
                   const MlSolution *sol,
                   GString          *s)
{
  gboolean first = TRUE;

  for (guint i = 0; i < sol->n_ions; i++)
    {
      if (!sol->ions[i].permeant)
        continue;
      if (!first)
        g_string_append (s, ", ");
      first = FALSE;
      append_symbol (self, s, "P", &sol->ions[i].ion, FALSE);
      g_string_append (s, " = ");
      ml_format_append_significant (s, sol->ions[i].p_relative, 3);
    }
}

static void
update_formula (MlMathView       *self,
                const MlSolution *sol,
                GString          *s)
{
  const MlIonResult *ref = reference_ion (sol);
  gboolean mullins_noda = sol->formula == ML_FORMULA_MULLINS_NODA
                          || sol->formula == ML_FORMULA_MULLINS_NODA_DIVALENT;
  g_autofree char *p_ref = NULL;

  if (ref != NULL)
    {
      GString *tmp = g_string_new (NULL);

      append_symbol (self, tmp, "P", &ref->ion, FALSE);
      p_ref = g_string_free (tmp, FALSE);
    }

  switch (sol->formula)
    {
    case ML_FORMULA_GHK:
    case ML_FORMULA_MULLINS_NODA:
      if (mullins_noda)
        {
          g_autoptr (GString) ratio = g_string_new ("<i>r</i> = ");

          ml_format_append_significant (ratio, sol->pump_ratio, 3);
          /* Translators: the first %s is the coupling ratio, e.g. "r = 1.5",
           * the second a permeability symbol, e.g. "P_K". */
          g_string_append_printf (s, _("Mullins–Noda equation: a steady Na⁺/K⁺ pump moving <i>r</i> Na⁺ out for each K⁺ in (%s); permeabilities relative to %s:"),
                                  ratio->str, p_ref);
        }
      else
        /* Translators: %s is a permeability symbol, e.g. "P_K". */
        g_string_append_printf (s, _("Goldman–Hodgkin–Katz voltage equation; permeabilities relative to %s:"),
                                p_ref);
      label_update_take (self->formula_intro_label, s);

      g_string_append (s, "<i>V</i><sub>rest</sub> = (<i>RT</i>/<i>F</i>) · ln[(");
      append_ghk_side (self, sol, s, TRUE, TRUE, mullins_noda ? sol->pump_ratio : 0.0);
      g_string_append (s, ") / (");
      append_ghk_side (self, sol, s, FALSE, TRUE, mullins_noda ? sol->pump_ratio : 0.0);
      g_string_append (s, ")]");
      label_update_take (self->formula_label, s);

      g_string_append (s, "= ");
      ml_format_append_millivolts (s, sol->rt_over_f_mv, 2, FALSE);
      g_string_append (s, " · ln[(");
      append_ghk_side (self, sol, s, TRUE, FALSE, mullins_noda ? sol->pump_ratio : 0.0);
      g_string_append (s, ") / (");
      append_ghk_side (self, sol, s, FALSE, FALSE, mullins_noda ? sol->pump_ratio : 0.0);
      g_string_append (s, ")] = <b>");
      ml_format_append_millivolts (s, sol->vm_formula_mv, 2, TRUE);
      g_string_append (s, "</b>");
      label_update_take (self->substituted_label, s);
      break;

    case ML_FORMULA_GHK_DIVALENT:
    case ML_FORMULA_MULLINS_NODA_DIVALENT:
      if (mullins_noda)
        {
          g_autoptr (GString) ratio = g_string_new ("<i>r</i> = ");

          ml_format_append_significant (ratio, sol->pump_ratio, 3);
          /* Translators: the first %s is "P_Na", the second "r = 1.5". */
          g_string_append_printf (s, _("With a divalent ion the zero-current equation is a quadratic; a steady Na⁺/K⁺ pump divides %s by %s (Mullins–Noda)."),
                                  "<i>P</i><sub>Na</sub>", ratio->str);
        }
      else
        g_string_append (s, _("With a divalent ion the GHK zero-current equation is a quadratic."));
      label_update_take (self->formula_intro_label, s);

      g_string_append (s, "<i>V</i><sub>rest</sub> = (<i>RT</i>/<i>F</i>) · ln <i>w</i>, ");
      /* Translators: the quadratic that gives V_rest with Ca²⁺. */
      g_string_append (s, _("where <i>w</i> is the positive root of <i>a</i>·<i>w</i>² + <i>b</i>·<i>w</i> + <i>c</i> = 0, <i>w</i> = e<sup><i>FV</i>/<i>RT</i></sup>"));
      label_update_take (self->formula_label, s);

      {
        g_autoptr (GString) p = g_string_new (NULL);
        g_autoptr (GString) v = g_string_new ("<i>V</i><sub>rest</sub> = ");

        append_relative_p (self, sol, p);
        ml_format_append_millivolts (v, sol->rt_over_f_mv, 2, FALSE);
        g_string_append (v, " · ln <i>w</i> = <b>");
        ml_format_append_millivolts (v, sol->vm_formula_mv, 2, TRUE);
        g_string_append (v, "</b>");
        /* Translators: the first %s lists the relative permeabilities
         * ("P_K = 1, P_Ca = 0.001"), the second is the equation with its
         * numbers ("V_rest = 26.73 mV · ln w = −64.84 mV"). */
        g_string_append_printf (s, C_("permeabilities, equation", "%s: %s"), p->str, v->str);
      }
      label_update_take (self->substituted_label, s);
      break;

    case ML_FORMULA_NUMERIC:
      g_string_append (s, _("No closed form: the net current is set to zero and solved numerically:"));
      label_update_take (self->formula_intro_label, s);

      if (sol->n_mechanisms > 2)
        g_string_append (s, "Σ<i>I</i><sub>ion</sub>(<i>V</i>) + <i>I</i><sub>pump</sub>(<i>V</i>) + Σ<i>I</i><sub>transport</sub>(<i>V</i>) = 0");
      else
        g_string_append (s, "Σ<i>I</i><sub>ion</sub>(<i>V</i>) + <i>I</i><sub>pump</sub> = 0");
      label_update_take (self->formula_label, s);

      if (sol->pump_mode == ML_PUMP_CURRENT && sol->vm_defined && sol->pump_q10_factor > 0.0)
        {
          g_autoptr (GString) set = g_string_new (NULL);
          g_autoptr (GString) factor = g_string_new (NULL);
          g_autoptr (GString) current = g_string_new (NULL);
          g_autoptr (GString) p = g_string_new (NULL);

          /* The solution holds the pump current after Q10; dividing it back
           * recovers the input current for display. */
          ml_format_append_significant (set, sol->pump_current_ua_cm2 / sol->pump_q10_factor, 3);
          ml_format_append_fixed (factor, sol->pump_q10_factor, 2, FALSE);
          ml_format_append_fixed (current, sol->pump_current_ua_cm2, 2, FALSE);
          append_relative_p (self, sol, p);
          /* Translators: the pump current as set (%1$s, "0.5"), times its Q10
           * factor (%2$s, "1.00"), gives the current used (%3$s, "0.50");
           * %4$s lists the relative permeabilities ("P_K = 1, P_Na = 0.05"). */
          g_string_append_printf (s, _("<i>I</i><sub>pump</sub> = %1$s µA/cm² × %2$s (Q<sub>10</sub> factor) = %3$s µA/cm²; %4$s"),
                                  set->str, factor->str, current->str, p->str);
        }
      else if (sol->pump_mode == ML_PUMP_KINETIC && sol->vm_defined)
        {
          g_autoptr (GString) imax = g_string_new (NULL);
          g_autoptr (GString) q10 = g_string_new (NULL);
          g_autoptr (GString) sub = g_string_new (NULL);
          g_autoptr (GString) volt = g_string_new (NULL);
          g_autoptr (GString) current = g_string_new (NULL);
          g_autoptr (GString) p = g_string_new (NULL);

          ml_format_append_significant (imax, sol->pump_max_current_ua_cm2, 4);
          ml_format_append_fixed (q10, sol->pump_q10_factor, 2, FALSE);
          ml_format_append_fixed (sub, sol->pump_substrate_factor, 3, FALSE);
          ml_format_append_fixed (volt, sol->pump_voltage_factor, 3, FALSE);
          ml_format_append_fixed (current, sol->pump_current_ua_cm2, 2, FALSE);
          append_relative_p (self, sol, p);
          /* Translators: the kinetic pump's current: its maximal current Ī
           * (%1$s), its Q10 factor (%2$s), the saturation by Na⁺ inside and
           * K⁺ outside (%3$s) and the voltage factor (%4$s) give %5$s;
           * %6$s lists the relative permeabilities. */
          g_string_append_printf (s, _("Kinetic pump (Luo &amp; Rudy 1994): <i>I</i><sub>pump</sub> = <i>Ī</i> × Q<sub>10</sub> factor × <i>S</i>([Na⁺]<sub>in</sub>, [K⁺]<sub>out</sub>) × <i>f</i>(<i>V</i>) = %1$s × %2$s × %3$s × %4$s = %5$s µA/cm²; it keeps this rate when a permeability changes, until the concentrations move. %6$s"),
                                  imax->str, q10->str, sub->str, volt->str, current->str, p->str);
        }
      else
        append_relative_p (self, sol, s);
      label_update_take (self->substituted_label, s);
      break;

    case ML_FORMULA_NONE:
    default:
      label_update (self->formula_intro_label, NULL);
      label_update (self->formula_label, NULL);
      label_update (self->substituted_label, NULL);
      break;
    }
}

static void
update_rest (MlMathView       *self,
             const MlSolution *sol,
             GString          *s)
{
  g_string_append (s, "<i>V</i><sub>rest</sub> = ");
  if (sol->condition == ML_CONDITION_NONE)
    {
      g_autoptr (GString) mv = g_string_new ("<b>");

      ml_format_append_millivolts (mv, sol->vm_rest_mv, 2, TRUE);
      g_string_append (mv, "</b>");
      if (sol->pump_mode == ML_PUMP_OFF)
        /* Translators: %s is the resting potential, e.g. "−64.94 mV". */
        g_string_append_printf (s, _("%s (zero net current; the pump is off)"), mv->str);
      else
        /* Translators: %s is the resting potential, e.g. "−62.42 mV". */
        g_string_append_printf (s, _("%s (zero net current, pump included)"), mv->str);
    }
  else
    g_string_append (s, ml_condition_message (sol->condition));
  label_update_take (self->rest_label, s);
  if (sol->condition == ML_CONDITION_NONE)
    gtk_widget_remove_css_class (GTK_WIDGET (self->rest_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->rest_label), "error");

  if (sol->pump_mode != ML_PUMP_OFF)
    {
      g_autoptr (GString) ghk = g_string_new ("<i>V</i><sub>GHK</sub> = ");
      g_autoptr (GString) diff = g_string_new ("<i>V</i><sub>rest</sub> − <i>V</i><sub>GHK</sub> = ");

      if (sol->ghk_condition == ML_CONDITION_NONE)
        ml_format_append_millivolts (ghk, sol->vm_ghk_mv, 2, TRUE);
      else
        g_string_append (ghk, ml_condition_message (sol->ghk_condition));
      /* Translators: %s is an equation, e.g. "V_GHK = −64.94 mV". */
      g_string_append_printf (s, _("Without the pump: %s"), ghk->str);
      label_update_take (self->ghk_label, s);

      if (sol->condition == ML_CONDITION_NONE && sol->ghk_condition == ML_CONDITION_NONE)
        ml_format_append_millivolts (diff, sol->pump_contribution_mv, 2, TRUE);
      else
        g_string_append (diff, _("undefined"));
      if (sol->vm_defined)
        {
          g_autoptr (GString) current = g_string_new ("<i>I</i><sub>pump</sub> = ");

          ml_format_append_fixed (current, sol->pump_current_ua_cm2, 2, TRUE);
          g_string_append (current, " µA/cm²");
          /* Translators: the first %s is an equation, e.g. "V_rest − V_GHK =
           * +2.52 mV", the second the pump current, "I_pump = +0.12 µA/cm²". */
          g_string_append_printf (s, _("Pump contribution: %s; %s (outward positive)"),
                                  diff->str, current->str);
        }
      else
        /* Translators: %s is an equation, e.g. "V_rest − V_GHK = +2.52 mV". */
        g_string_append_printf (s, _("Pump contribution: %s"), diff->str);
      label_update_take (self->pump_label, s);
    }
  else
    {
      label_update (self->ghk_label, NULL);
      if (sol->condition == ML_CONDITION_NONE)
        g_string_append (s, _("Pump off: it contributes nothing, so <i>V</i><sub>rest</sub> = <i>V</i><sub>GHK</sub>."));
      label_update_take (self->pump_label, s);
    }

  /* docs/ARCHITECTURE.md: a cooling experiment must show thermodynamics (RT/F) and pump
   * kinetics (Q10) apart.  In the steady state Q10 cannot show, so say why
   * and where it does; with a fixed current the Q10 line above shows it. */
  if (sol->pump_mode == ML_PUMP_RATIO)
    /* Translators: %s is the name of the pump model of the controls'
     * "Kinetic" button, here within a sentence. */
    g_string_append_printf (s, _("In the steady state the pump’s rate follows the Na⁺ leak at once, so its Q<sub>10</sub> does not change <i>V</i><sub>rest</sub> (only <i>RT</i>/<i>F</i> does), and opening Na⁺ channels re-sizes it instantly; “%s” keeps its rate and shows the kinetic effect of cooling."),
                            C_("pump model in a sentence", "Kinetic"));
  else if (sol->pump_mode == ML_PUMP_KINETIC)
    g_string_append (s, _("The pump’s kinetics scale with its Q<sub>10</sub>, apart from <i>RT</i>/<i>F</i>: the Time Course page splits a change of temperature into the two parts."));
  label_update_take (self->q10_label, s);

  if (sol->vm_clamped)
    {
      if (sol->vm_defined)
        {
          g_autoptr (GString) mv = g_string_new (NULL);

          ml_format_append_millivolts (mv, sol->vm_mv, 2, TRUE);
          /* Translators: %s is a voltage, e.g. "−40.00 mV". */
          g_string_append_printf (s, _("<i>V</i><sub>m</sub> clamped at %s: the table below uses it."),
                                  mv->str);
        }
      else
        g_string_append (s, _("<i>V</i><sub>m</sub> clamped, but the clamp voltage is undefined."));
    }
  label_update_take (self->clamp_label, s);
}

static void
update_table_row (MlMathView        *self,
                  const MlSolution  *sol,
                  const MlIonResult *r,
                  GtkLabel         **cells,
                  GString           *s)
{
  const MlIon *ion = &r->ion;
  const char *dash = "—";

  append_ion (self, s, ion);
  label_update_take (cells[COL_ION], s);

  if (!sol->vm_defined)
    {
      for (int col = 1; col < N_COLS; col++)
        label_update (cells[col], dash);
      return;
    }

  /* Driving force V_m − E; with E = ±∞ it is ∓∞. */
  switch (r->nernst_state)
    {
    case ML_NERNST_DEFINED:
      ml_format_append_fixed (s, r->driving_force_mv, 2, TRUE);
      break;
    case ML_NERNST_PLUS_INFINITY:
      g_string_append (s, "−∞");
      break;
    case ML_NERNST_MINUS_INFINITY:
      g_string_append (s, "+∞");
      break;
    case ML_NERNST_UNDEFINED:
    default:
      g_string_append (s, _("undefined"));
      break;
    }
  label_update_take (cells[COL_DRIVING], s);

  if (r->permeant)
    ml_format_append_fixed (s, r->current_ua_cm2, 3, TRUE);
  else
    g_string_append (s, _("closed"));
  label_update_take (cells[COL_CURRENT], s);

  if (r->delta_g_defined)
    {
      ml_format_append_fixed (s, r->delta_g_chemical / 1000.0, 2, TRUE);
      label_update_take (cells[COL_DG_CHEMICAL], s);
      ml_format_append_fixed (s, r->delta_g_electrical / 1000.0, 2, TRUE);
      label_update_take (cells[COL_DG_ELECTRICAL], s);
      ml_format_append_fixed (s, r->delta_g_total / 1000.0, 2, TRUE);
      label_update_take (cells[COL_DG_TOTAL], s);
    }
  else
    {
      /* A concentration is zero: RT·ln(c_out/c_in) is infinite. */
      const char *inf = ion->c_out == 0.0 && ion->c_in > 0.0 ? "−∞"
                        : ion->c_in == 0.0 && ion->c_out > 0.0 ? "+∞"
                        : _("undefined");

      label_update (cells[COL_DG_CHEMICAL], inf);
      ml_format_append_fixed (s, r->delta_g_electrical / 1000.0, 2, TRUE);
      label_update_take (cells[COL_DG_ELECTRICAL], s);
      label_update (cells[COL_DG_TOTAL], inf);
    }

  if (r->nernst_state == ML_NERNST_UNDEFINED)
    label_update (cells[COL_VERDICT], dash);
  else if (r->at_equilibrium)
    label_update (cells[COL_VERDICT], _("at equilibrium"));
  else if (r->delta_g_defined ? r->spontaneous_out : r->direction > 0)
    label_update (cells[COL_VERDICT], _("out: spontaneous"));
  else
    label_update (cells[COL_VERDICT], _("out: needs energy, in: spontaneous"));
}

/* The accessible name of a row's first cell: the row as one sentence,
 * each number with its column ("K⁺: Driving force V_m − E (mV) +20.04,
 * Current I (µA/cm²) +0.014, …"), so a screen reader reads it in one go. */
static void
speak_row (MlMathView *self,
           GtkLabel  **cells)
{
  g_autofree char *sentence = g_strdup (gtk_label_get_text (cells[COL_ION]));

  for (int col = 1; col < N_COLS; col++)
    {
      g_autofree char *heading = g_strdup (gtk_label_get_text (self->headers[col]));
      char *longer;

      g_strdelimit (heading, "\n", ' ');
      /* Translators: joins the cells of a table row for a screen reader;
       * the first %s is the row so far, then a column heading and its
       * value: "K⁺, Driving force V_m − E (mV): +20.04". */
      longer = g_strdup_printf (C_("table row", "%s, %s: %s"), sentence, heading,
                                gtk_label_get_text (cells[col]));
      g_free (sentence);
      sentence = longer;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (cells[COL_ION]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
}

static void
update_table (MlMathView       *self,
              const MlSolution *sol,
              GString          *s)
{
  if (sol->vm_defined)
    {
      g_autoptr (GString) mv = g_string_new (NULL);

      ml_format_append_millivolts (mv, sol->vm_mv, 2, TRUE);
      if (sol->vm_clamped)
        /* Translators: table heading; %s is a voltage, e.g. "−40.00 mV". */
        g_string_append_printf (s, _("Each ion at the clamped V<sub>m</sub> = %s"), mv->str);
      else
        /* Translators: table heading; %s is a voltage, e.g. "−64.93 mV". */
        g_string_append_printf (s, _("Each ion at V<sub>m</sub> = %s"), mv->str);
    }
  else
    g_string_append (s, _("Each ion (V<sub>m</sub> undefined)"));
  label_update_take (self->table_heading, s);

  gtk_widget_set_visible (GTK_WIDGET (self->table_heading), sol->n_ions > 0);
  gtk_widget_set_visible (self->table_scroller, sol->n_ions > 0);
  for (guint i = 0; i < sol->n_ions; i++)
    {
      GtkLabel **cells = (GtkLabel **) &self->cells->pdata[i * N_COLS];

      update_table_row (self, sol, &sol->ions[i], cells, s);
      speak_row (self, cells);
    }
}

static void
update_charge (MlMathView       *self,
               const MlSolution *sol,
               GString          *s)
{
  g_autoptr (GString) geometry = g_string_new (NULL);
  g_autoptr (GString) vm = g_string_new (NULL);
  g_autoptr (GString) count = g_string_new (NULL);

  if (!sol->vm_defined)
    {
      g_string_append (s, _("Charging the membrane: undefined while V<sub>m</sub> is undefined."));
      label_update_take (self->charge_label, s);
      return;
    }

  g_string_append (geometry, "<i>r</i> = ");
  ml_format_append_significant (geometry, sol->radius_um, 3);
  g_string_append (geometry, " µm, <i>C</i> = ");
  ml_format_append_fixed (geometry, sol->capacitance_uf_cm2, 1, FALSE);
  g_string_append (geometry, " µF/cm²");
  ml_format_append_millivolts (vm, sol->vm_mv, 1, TRUE);
  ml_format_append_count (count, sol->charge.ions_moved);
  if (sol->charge_ion >= 0 && sol->charge_ion < (int) sol->n_ions
      && sol->charge.fraction_defined && sol->charge.fraction > 1.0)
    {
      g_autoptr (GString) ion = g_string_new (NULL);

      append_ion (self, ion, &sol->ions[sol->charge_ion].ion);
      /* Translators: %1$s is the cell, e.g. "r = 0.1 µm, C = 1.0 µF/cm²",
       * %2$s a voltage ("−69.1 mV"), %3$s a count ("5.4 million") and %4$s
       * an ion, e.g. "K⁺". */
      g_string_append_printf (s, _("Charging the membrane (%1$s) to %2$s moves %3$s ions — more than all the cell’s %4$s: the cell holds too little %4$s for this potential."),
                              geometry->str, vm->str, count->str, ion->str);
    }
  else if (sol->charge_ion >= 0 && sol->charge_ion < (int) sol->n_ions
           && sol->charge.fraction_defined)
    {
      g_autoptr (GString) ion = g_string_new (NULL);
      g_autoptr (GString) pct = g_string_new (NULL);

      append_ion (self, ion, &sol->ions[sol->charge_ion].ion);
      ml_format_append_significant (pct, sol->charge.fraction * 100.0, 2);
      /* Translators: %1$s is the cell, e.g. "r = 10 µm, C = 1.0 µF/cm²",
       * %2$s a voltage ("−69.1 mV"), %3$s a count ("5.4 million"), %4$s a
       * percentage number ("0.0013") and %5$s an ion, e.g. "K⁺". */
      g_string_append_printf (s, _("Charging the membrane (%1$s) to %2$s moves %3$s ions — %4$s %% of the cell’s %5$s."),
                              geometry->str, vm->str, count->str, pct->str, ion->str);
    }
  else
    /* Translators: the first %s is the cell, e.g. "r = 10 µm, C = 1.0 µF/cm²",
     * the second a voltage ("−69.1 mV"), the third a count ("5.4 million"). */
    g_string_append_printf (s, _("Charging the membrane (%s) to %s moves %s ions."),
                            geometry->str, vm->str, count->str);
  label_update_take (self->charge_label, s);
}


/**
 * ml_math_view_write_lines:
 * @self: the view, with one Nernst label and one table row per ion
 *
 * Writes the markup of every line from the stored solution.
 */
/* Each mechanism besides leak and pump, with its numbers, what it carries
 * of each ion; then whether every ion balances. */
static void
update_mechanisms (MlMathView       *self,
                   const MlSolution *sol,
                   GString          *s)
{
  MlCell *cell = self->session != NULL ? ml_session_get_cell (self->session) : NULL;

  for (guint k = 2; k < sol->n_mechanisms; k++)
    {
      const MlMechanismResult *m = &sol->mechanisms[k];
      g_autofree char *equation = NULL;
      g_autofree char *name = g_markup_escape_text (ml_mechanism_class_get_name (m->klass), -1);
      g_autofree char *stoich = g_markup_escape_text (ml_mechanism_class_get_stoichiometry (m->klass), -1);
      g_autoptr (GString) moved = g_string_new (NULL);

      if (cell != NULL && sol->vm_defined && m->instance >= 0
          && (guint) m->instance < ml_cell_get_n_mechanisms (cell))
        equation = ml_cell_describe_mechanism (cell, m->instance, sol->vm_mv);
      for (guint i = 0; i < sol->n_ions; i++)
        if (m->flux_ua_cm2[i] != 0.0)
          {
            if (moved->len > 0)
              g_string_append (moved, ", ");
            {
              g_autofree char *label = ml_ion_label (sol->ions[i].ion.name, sol->ions[i].ion.z);

              g_string_append_printf (moved, "%s ", label);
            }
            ml_format_append_significant (moved, m->flux_ua_cm2[i], 3);
          }
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append_printf (s, "<b>%s</b> (%s)", name, stoich);
      if (equation != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (equation, -1);

          g_string_append_printf (s, ": %s", escaped);
        }
      if (moved->len > 0)
        /* Translators: what a transporter carries of each ion as a charge
         * flux, "K⁺ 0.0218, Cl⁻ −0.0218" */
        g_string_append_printf (s, _("; %s µA/cm² out"), moved->str);
      if (m->state != NULL)
        {
          g_autofree char *state = g_markup_escape_text (m->state, -1);

          g_string_append_printf (s, " — %s", state);
        }
    }

  if (sol->vm_defined)
    {
      if (s->len > 0)
        g_string_append_c (s, '\n');
      if (sol->steady_state)
        g_string_append (s, _("Every ion’s net flux, the sum over leak, pump and transport, is "
                              "zero: a steady state, in which no concentration drifts."));
      else
        {
          g_autoptr (GString) nets = g_string_new (NULL);

          for (guint i = 0; i < sol->n_ions; i++)
            if (fabs (sol->ions[i].net_flux_ua_cm2) > 1e-9)
              {
                if (nets->len > 0)
                  g_string_append (nets, ", ");
                {
                  g_autofree char *label = ml_ion_label (sol->ions[i].ion.name,
                                                         sol->ions[i].ion.z);

                  g_string_append_printf (nets, "%s ", label);
                }
                ml_format_append_significant (nets, sol->ions[i].net_flux_ua_cm2, 3);
              }
          /* Translators: %s lists the ions that do not balance, "Na⁺ −4.40,
           * K⁺ +4.37" */
          g_string_append_printf (s, _("Not a steady state: net flux %s µA/cm² (outward "
                                       "positive), so the concentrations drift; the Time "
                                       "Course shows how."),
                                  nets->str);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mechanisms_heading), s->len > 0);
  label_update_take (self->mechanisms_label, s);
}

void
ml_math_view_write_lines (MlMathView *self)
{
  const MlSolution *sol = &self->solution;
  g_autoptr (GString) s = g_string_sized_new (512);

  update_constants (self, sol, s);
  for (guint i = 0; i < sol->n_ions; i++)
    update_nernst (self, sol, &sol->ions[i], g_ptr_array_index (self->nernst_labels, i), s);
  update_formula (self, sol, s);
  update_rest (self, sol, s);
  update_mechanisms (self, sol, s);
  update_table (self, sol, s);
  update_charge (self, sol, s);
}
