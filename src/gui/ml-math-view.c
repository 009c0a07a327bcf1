/* ml-math-view.c — "the math": every equation with the numbers plugged in
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel under the membrane shows where each number on screen comes from:
 * the constants, the Nernst potential of every ion, the equation that gave
 * V_rest with the inputs substituted, a table of driving force, current and
 * free energy per ion, and how many ions it takes to charge the membrane.
 *
 * It computes no physics.  Every number is an input or an output of the core
 * (MlSolution), only formatted here; undefined quantities are shown as words.
 * The labels are created once (and again only when the number of ions
 * changes); an update only sets markup, and only where the text changed, so
 * the view can follow a slider drag.
 */
#include "config.h"

#include "ml-math-view.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ml-ion-colors.h"

enum
{
  COL_ION,
  COL_DRIVING,
  COL_CURRENT,
  COL_DG_CHEMICAL,
  COL_DG_ELECTRICAL,
  COL_DG_TOTAL,
  COL_VERDICT,
  N_COLS
};

struct _MlMathView
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkLabel   *constants_label;
  GtkWidget  *nernst_box;
  GPtrArray  *nernst_labels;        /* GtkLabel *, one per ion */
  GtkLabel   *formula_intro_label;
  GtkLabel   *formula_label;
  GtkLabel   *substituted_label;
  GtkLabel   *rest_label;
  GtkLabel   *ghk_label;
  GtkLabel   *pump_label;
  GtkLabel   *clamp_label;
  GtkLabel   *table_heading;
  GtkGrid    *table;
  GtkLabel   *headers[N_COLS];
  GPtrArray  *cells;                /* GtkLabel *, N_COLS per ion row */
  GtkLabel   *charge_label;

  MlSolution  solution;
  gboolean    has_solution;
  gboolean    dark;
};

G_DEFINE_FINAL_TYPE (MlMathView, ml_math_view, GTK_TYPE_WIDGET)

/* Numbers ------------------------------------------------------------------ */

/* Replaces an ASCII minus by U+2212 and drops the sign of a number that
 * rounds to zero ("−0.00" reads as a mistake). */
static void
append_signed (GString    *s,
               const char *formatted,
               gboolean    plus)
{
  gboolean nonzero = strpbrk (formatted, "123456789") != NULL;

  if (formatted[0] == '-')
    {
      if (nonzero)
        g_string_append (s, "−");
      formatted++;
    }
  else if (plus && nonzero)
    g_string_append_c (s, '+');
  g_string_append (s, formatted);
}

/* A fixed number of decimals, e.g. a potential in mV. */
static void
append_fixed (GString  *s,
              double    value,
              int       decimals,
              gboolean  plus)
{
  char buf[64];

  if (!isfinite (value))
    {
      g_string_append (s, _("undefined"));
      return;
    }
  g_snprintf (buf, sizeof buf, "%.*f", decimals, value);
  append_signed (s, buf, plus);
}

/* About @sig significant digits without trailing zeros, never in exponent
 * form: concentrations, relative permeabilities, percentages. */
static void
append_sig (GString *s,
            double   value,
            int      sig)
{
  char buf[64];
  int decimals;
  char *sep;

  if (!isfinite (value))
    {
      g_string_append (s, _("undefined"));
      return;
    }
  if (value == 0.0)
    {
      g_string_append_c (s, '0');
      return;
    }

  decimals = sig - 1 - (int) floor (log10 (fabs (value)));
  decimals = CLAMP (decimals, 0, 10);
  g_snprintf (buf, sizeof buf, "%.*f", decimals, value);

  /* The decimal separator depends on the locale; trim only after it. */
  sep = strpbrk (buf, ".,");
  if (sep != NULL && decimals > 0)
    {
      char *end = buf + strlen (buf) - 1;

      while (end > sep && *end == '0')
        *end-- = '\0';
      if (end == sep)
        *end = '\0';
    }
  append_signed (s, buf, FALSE);
}

/* A count of ions as words a lecture can say: "5.4 million". */
static void
append_count (GString *s,
              double   n)
{
  if (!isfinite (n) || n < 0.0)
    g_string_append (s, _("undefined"));
  else if (n >= 1e12)
    {
      append_sig (s, n / 1e12, 2);
      /* Translators: follows a number, e.g. "1.2 trillion" (10¹²). */
      g_string_append (s, _(" trillion"));
    }
  else if (n >= 1e9)
    {
      append_sig (s, n / 1e9, 2);
      /* Translators: follows a number, e.g. "3.2 billion" (10⁹). */
      g_string_append (s, _(" billion"));
    }
  else if (n >= 1e6)
    {
      append_sig (s, n / 1e6, 2);
      /* Translators: follows a number, e.g. "5.4 million" (10⁶). */
      g_string_append (s, _(" million"));
    }
  else
    append_fixed (s, round (n), 0, FALSE);
}

/* Markup pieces ------------------------------------------------------------ */

static void
ion_color_hex (MlMathView  *self,
               const MlIon *ion,
               char         hex[8])
{
  GdkRGBA c;

  ml_ion_color (ion->name, self->dark, &c);
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

static void
append_mv (GString *s,
           double   mv,
           gboolean plus)
{
  append_fixed (s, mv, 2, plus);
  g_string_append (s, " mV");
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

static GtkLabel *
text_label_new (GtkWidget *box,
                gboolean   selectable)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  if (box != NULL)
    gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static GtkLabel *
heading_new (GtkWidget  *box,
             const char *text)
{
  GtkLabel *label = text_label_new (box, FALSE);

  gtk_label_set_wrap (label, FALSE);
  gtk_label_set_text (label, text);
  gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
  gtk_widget_set_margin_top (GTK_WIDGET (label), 6);
  return label;
}

static GtkLabel *
cell_label_new (MlMathView *self,
                int         col,
                int         row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  if (col == COL_ION)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_halign (label, GTK_ALIGN_START);
    }
  else if (col == COL_VERDICT)
    {
      /* The longest cell may wrap so the table fits a narrow pane. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_set_halign (label, GTK_ALIGN_END);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_grid_attach (self->table, label, col, row, 1, 1);
  return GTK_LABEL (label);
}

/* Keeps one Nernst line and one table row per ion. */
static void
ensure_ion_rows (MlMathView *self,
                 guint       n_ions)
{
  while (self->nernst_labels->len < n_ions)
    g_ptr_array_add (self->nernst_labels, text_label_new (self->nernst_box, TRUE));
  while (self->nernst_labels->len > n_ions)
    {
      GtkWidget *label = g_ptr_array_steal_index (self->nernst_labels,
                                                  self->nernst_labels->len - 1);
      gtk_box_remove (GTK_BOX (self->nernst_box), label);
    }

  while (self->cells->len < n_ions * N_COLS)
    {
      int row = self->cells->len / N_COLS + 1;
      GtkLabel *cells[N_COLS];

      for (int col = 0; col < N_COLS; col++)
        {
          cells[col] = cell_label_new (self, col, row);
          g_ptr_array_add (self->cells, cells[col]);
        }

      /* A screen reader hears a number with its ion and its column. */
      for (int col = 1; col < N_COLS; col++)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (cells[col]),
                                        GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                        cells[COL_ION], self->headers[col], NULL,
                                        -1);
    }
  while (self->cells->len > n_ions * N_COLS)
    {
      g_ptr_array_set_size (self->cells, self->cells->len - N_COLS);
      gtk_grid_remove_row (self->table, self->cells->len / N_COLS + 1);
    }
}

/* Content ------------------------------------------------------------------ */

static void
update_constants (MlMathView       *self,
                  const MlSolution *sol,
                  GString          *s)
{
  g_string_append (s, "<i>T</i> = ");
  append_fixed (s, sol->temperature_k, 2, FALSE);
  g_string_append (s, " K (");
  append_fixed (s, sol->temperature_c, 1, FALSE);
  g_string_append (s, " °C), <i>RT</i>/<i>F</i> = ");
  if (sol->temperature_k > 0.0 && sol->rt_over_f_mv > 0.0)
    append_mv (s, sol->rt_over_f_mv, FALSE);
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
  append_mv (s, sol->rt_over_f_mv, FALSE);
  g_string_append (s, " / ");
  if (ion->z < 0)
    g_string_append_printf (s, "(−%d)", -ion->z);
  else
    g_string_append_printf (s, "%d", ion->z);
  g_string_append (s, ") · ln(");
  append_sig (s, ion->c_out, 3);
  g_string_append (s, " / ");
  append_sig (s, ion->c_in, 3);
  g_string_append (s, ") = ");

  switch (r->nernst_state)
    {
    case ML_NERNST_DEFINED:
      g_string_append (s, "<b>");
      append_mv (s, r->nernst_mv, TRUE);
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

/* The ion all permeabilities are shown relative to: K⁺ when it is permeant,
 * otherwise the first permeant ion. */
static const MlIonResult *
reference_ion (const MlSolution *sol)
{
  const MlIonResult *first = NULL;

  for (guint i = 0; i < sol->n_ions; i++)
    {
      const MlIonResult *r = &sol->ions[i];

      if (!r->permeant)
        continue;
      if (strcmp (r->ion.name, "K") == 0)
        return r;
      if (first == NULL)
        first = r;
    }
  return first;
}

static gboolean
is_sodium (const MlIon *ion)
{
  return strcmp (ion->name, "Na") == 0 && ion->z == 1;
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
  const MlIonResult *ref = reference_ion (sol);
  gboolean first = TRUE;

  for (guint i = 0; i < sol->n_ions; i++)
    {
      const MlIon *ion = &sol->ions[i].ion;
      /* Cations enter the numerator from outside, anions from inside. */
      gboolean outside = (ion->z > 0) == numerator;

      if (!sol->ions[i].permeant)
        continue;
      if (!first)
        g_string_append (s, " + ");
      first = FALSE;

      if (ratio > 0.0 && !is_sodium (ion))
        {
          if (symbols)
            g_string_append (s, "<i>r</i>·");
          else
            {
              append_sig (s, ratio, 3);
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
          append_sig (s, ion->p / ref->ion.p, 3);
          g_string_append (s, " · ");
          append_sig (s, outside ? ion->c_out : ion->c_in, 3);
        }
    }
}

/* "P_K = 1, P_Na = 0.05, …" */
static void
append_relative_p (MlMathView       *self,
                   const MlSolution *sol,
                   GString          *s)
{
  const MlIonResult *ref = reference_ion (sol);
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
      append_sig (s, sol->ions[i].ion.p / ref->ion.p, 3);
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
          g_string_append (s, _("Mullins–Noda equation: a steady Na⁺/K⁺ pump moving <i>r</i> Na⁺ out for each K⁺ in"));
          g_string_append (s, " (<i>r</i> = ");
          append_sig (s, sol->pump_ratio, 3);
          g_string_append (s, "); ");
        }
      else
        {
          g_string_append (s, _("Goldman–Hodgkin–Katz voltage equation"));
          g_string_append (s, "; ");
        }
      /* Translators: %s is a permeability symbol, e.g. "P_K". */
      g_string_append_printf (s, _("permeabilities relative to %s:"), p_ref);
      label_update_take (self->formula_intro_label, s);

      g_string_append (s, "<i>V</i><sub>rest</sub> = (<i>RT</i>/<i>F</i>) · ln[(");
      append_ghk_side (self, sol, s, TRUE, TRUE, mullins_noda ? sol->pump_ratio : 0.0);
      g_string_append (s, ") / (");
      append_ghk_side (self, sol, s, FALSE, TRUE, mullins_noda ? sol->pump_ratio : 0.0);
      g_string_append (s, ")]");
      label_update_take (self->formula_label, s);

      g_string_append (s, "= ");
      append_mv (s, sol->rt_over_f_mv, FALSE);
      g_string_append (s, " · ln[(");
      append_ghk_side (self, sol, s, TRUE, FALSE, mullins_noda ? sol->pump_ratio : 0.0);
      g_string_append (s, ") / (");
      append_ghk_side (self, sol, s, FALSE, FALSE, mullins_noda ? sol->pump_ratio : 0.0);
      g_string_append (s, ")] = <b>");
      append_mv (s, sol->vm_formula_mv, TRUE);
      g_string_append (s, "</b>");
      label_update_take (self->substituted_label, s);
      break;

    case ML_FORMULA_GHK_DIVALENT:
    case ML_FORMULA_MULLINS_NODA_DIVALENT:
      if (mullins_noda)
        {
          g_autoptr (GString) ratio = g_string_new ("<i>r</i> = ");

          append_sig (ratio, sol->pump_ratio, 3);
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

      append_relative_p (self, sol, s);
      g_string_append (s, ": <i>V</i><sub>rest</sub> = ");
      append_mv (s, sol->rt_over_f_mv, FALSE);
      g_string_append (s, " · ln <i>w</i> = <b>");
      append_mv (s, sol->vm_formula_mv, TRUE);
      g_string_append (s, "</b>");
      label_update_take (self->substituted_label, s);
      break;

    case ML_FORMULA_NUMERIC:
      g_string_append (s, _("No closed form: the net current is set to zero and solved numerically:"));
      label_update_take (self->formula_intro_label, s);

      g_string_append (s, "Σ<i>I</i><sub>ion</sub>(<i>V</i>) + <i>I</i><sub>pump</sub> = 0");
      label_update_take (self->formula_label, s);

      if (sol->pump_mode == ML_PUMP_CURRENT && sol->vm_defined && sol->pump_q10_factor > 0.0)
        {
          /* The solution holds the pump current after Q10; dividing it back
           * recovers the input current for display. */
          g_string_append (s, "<i>I</i><sub>pump</sub> = ");
          append_sig (s, sol->pump_current_ua_cm2 / sol->pump_q10_factor, 3);
          g_string_append (s, " µA/cm² × ");
          append_fixed (s, sol->pump_q10_factor, 2, FALSE);
          g_string_append (s, " (");
          g_string_append (s, _("Q<sub>10</sub> factor"));
          g_string_append (s, ") = ");
          append_fixed (s, sol->pump_current_ua_cm2, 2, FALSE);
          g_string_append (s, " µA/cm²; ");
        }
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
      g_string_append (s, "<b>");
      append_mv (s, sol->vm_rest_mv, TRUE);
      g_string_append (s, "</b> ");
      if (sol->pump_mode == ML_PUMP_OFF)
        g_string_append (s, _("(zero net current; the pump is off)"));
      else
        g_string_append (s, _("(zero net current, pump included)"));
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
      g_string_append (s, _("Without the pump"));
      g_string_append (s, ": <i>V</i><sub>GHK</sub> = ");
      if (sol->ghk_condition == ML_CONDITION_NONE)
        append_mv (s, sol->vm_ghk_mv, TRUE);
      else
        g_string_append (s, ml_condition_message (sol->ghk_condition));
      label_update_take (self->ghk_label, s);

      g_string_append (s, _("Pump contribution"));
      g_string_append (s, ": <i>V</i><sub>rest</sub> − <i>V</i><sub>GHK</sub> = ");
      if (sol->condition == ML_CONDITION_NONE && sol->ghk_condition == ML_CONDITION_NONE)
        append_mv (s, sol->pump_contribution_mv, TRUE);
      else
        g_string_append (s, _("undefined"));
      if (sol->vm_defined)
        {
          g_string_append (s, "; <i>I</i><sub>pump</sub> = ");
          append_fixed (s, sol->pump_current_ua_cm2, 2, TRUE);
          g_string_append (s, " µA/cm² ");
          g_string_append (s, _("(outward positive)"));
        }
      label_update_take (self->pump_label, s);
    }
  else
    {
      label_update (self->ghk_label, NULL);
      if (sol->condition == ML_CONDITION_NONE)
        g_string_append (s, _("Pump off: it contributes nothing, so <i>V</i><sub>rest</sub> = <i>V</i><sub>GHK</sub>."));
      label_update_take (self->pump_label, s);
    }

  if (sol->vm_clamped)
    {
      if (sol->vm_defined)
        {
          g_autoptr (GString) mv = g_string_new (NULL);

          append_mv (mv, sol->vm_mv, TRUE);
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
      append_fixed (s, r->driving_force_mv, 2, TRUE);
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
    append_fixed (s, r->current_ua_cm2, 3, TRUE);
  else
    g_string_append (s, _("closed"));
  label_update_take (cells[COL_CURRENT], s);

  if (r->delta_g_defined)
    {
      append_fixed (s, r->delta_g_chemical / 1000.0, 2, TRUE);
      label_update_take (cells[COL_DG_CHEMICAL], s);
      append_fixed (s, r->delta_g_electrical / 1000.0, 2, TRUE);
      label_update_take (cells[COL_DG_ELECTRICAL], s);
      append_fixed (s, r->delta_g_total / 1000.0, 2, TRUE);
      label_update_take (cells[COL_DG_TOTAL], s);
    }
  else
    {
      /* A concentration is zero: RT·ln(c_out/c_in) is infinite. */
      const char *inf = ion->c_out == 0.0 && ion->c_in > 0.0 ? "−∞"
                        : ion->c_in == 0.0 && ion->c_out > 0.0 ? "+∞"
                        : _("undefined");

      label_update (cells[COL_DG_CHEMICAL], inf);
      append_fixed (s, r->delta_g_electrical / 1000.0, 2, TRUE);
      label_update_take (cells[COL_DG_ELECTRICAL], s);
      label_update (cells[COL_DG_TOTAL], inf);
    }

  if (r->nernst_state == ML_NERNST_UNDEFINED)
    label_update (cells[COL_VERDICT], dash);
  else if (r->direction == 0)
    label_update (cells[COL_VERDICT], _("at equilibrium"));
  else if (r->delta_g_defined ? r->delta_g_total < 0.0 : r->direction > 0)
    label_update (cells[COL_VERDICT], _("out: spontaneous"));
  else
    label_update (cells[COL_VERDICT], _("out: needs energy, in: spontaneous"));
}

static void
update_table (MlMathView       *self,
              const MlSolution *sol,
              GString          *s)
{
  if (sol->vm_defined)
    {
      g_autoptr (GString) mv = g_string_new (NULL);

      append_mv (mv, sol->vm_mv, TRUE);
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
  gtk_widget_set_visible (GTK_WIDGET (self->table), sol->n_ions > 0);
  for (guint i = 0; i < sol->n_ions; i++)
    update_table_row (self, sol, &sol->ions[i],
                      (GtkLabel **) &self->cells->pdata[i * N_COLS], s);
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
  append_sig (geometry, sol->radius_um, 3);
  g_string_append (geometry, " µm, <i>C</i> = ");
  append_fixed (geometry, sol->capacitance_uf_cm2, 1, FALSE);
  g_string_append (geometry, " µF/cm²");
  append_fixed (vm, sol->vm_mv, 1, TRUE);
  g_string_append (vm, " mV");
  append_count (count, sol->charge.ions_moved);
  /* Translators: the first %s is the cell, e.g. "r = 10 µm, C = 1.0 µF/cm²",
   * the second a voltage ("−69.1 mV"), the third a count ("5.4 million"). */
  g_string_append_printf (s, _("Charging the membrane (%s) to %s moves %s ions"),
                          geometry->str, vm->str, count->str);

  if (sol->charge_ion >= 0 && sol->charge_ion < (int) sol->n_ions
      && sol->charge.fraction > 0.0)
    {
      g_autoptr (GString) ion = g_string_new (NULL);
      g_autoptr (GString) pct = g_string_new (NULL);

      append_ion (self, ion, &sol->ions[sol->charge_ion].ion);
      append_sig (pct, sol->charge.fraction * 100.0, 2);
      /* Translators: continues "… moves 5.4 million ions"; the first %s is a
       * percentage number, the second an ion, e.g. "K⁺". */
      g_string_append_printf (s, _(" — %s %% of the cell’s %s."), pct->str, ion->str);
    }
  else
    g_string_append_c (s, '.');
  label_update_take (self->charge_label, s);
}

static void
rebuild (MlMathView *self)
{
  const MlSolution *sol = &self->solution;
  g_autoptr (GString) s = g_string_sized_new (512);

  ensure_ion_rows (self, sol->n_ions);

  update_constants (self, sol, s);
  for (guint i = 0; i < sol->n_ions; i++)
    update_nernst (self, sol, &sol->ions[i], g_ptr_array_index (self->nernst_labels, i), s);
  update_formula (self, sol, s);
  update_rest (self, sol, s);
  update_table (self, sol, s);
  update_charge (self, sol, s);
}

/* Plain text --------------------------------------------------------------- */

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  else if (GTK_IS_GRID (widget))
    {
      for (int row = 0; ; row++)
        {
          GtkWidget *first = gtk_grid_get_child_at (GTK_GRID (widget), 0, row);

          if (first == NULL)
            break;
          for (int col = 0; col < N_COLS; col++)
            {
              GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (widget), col, row);

              if (col > 0)
                g_string_append_c (out, '\t');
              if (GTK_IS_LABEL (cell))
                {
                  /* Two-line headings stay on their row. */
                  for (const char *c = gtk_label_get_text (GTK_LABEL (cell)); *c != '\0'; c++)
                    g_string_append_c (out, *c == '\n' ? ' ' : *c);
                }
            }
          g_string_append_c (out, '\n');
        }
    }
  else
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        collect_text (child, out);
    }
}

/* Vfuncs ------------------------------------------------------------------- */

static void
ml_math_view_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  MlMathView *self = ML_MATH_VIEW (widget);
  gboolean dark;

  GTK_WIDGET_CLASS (ml_math_view_parent_class)->css_changed (widget, change);

  /* The ion colours have light and dark variants baked into the markup. */
  dark = ml_widget_is_dark (widget);
  if (dark != self->dark)
    {
      self->dark = dark;
      if (self->has_solution)
        rebuild (self);
    }
}

static void
ml_math_view_dispose (GObject *object)
{
  MlMathView *self = ML_MATH_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->nernst_labels, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (ml_math_view_parent_class)->dispose (object);
}

static void
ml_math_view_class_init (MlMathViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_math_view_dispose;
  widget_class->css_changed = ml_math_view_css_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mlmathview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ml_math_view_init (MlMathView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  const char *headers[N_COLS] = {
    N_("Ion"),
    /* Translators: column heading, the driving force; the unit below it. */
    N_("Driving force\n<i>V</i><sub>m</sub> − <i>E</i> (mV)"),
    /* Translators: column heading, current density, outward positive. */
    N_("Current <i>I</i>\n(µA/cm²)"),
    /* Translators: column heading, free energy of moving one mole out. */
    N_("Δ<i>G</i> chemical\n(kJ/mol)"),
    N_("Δ<i>G</i> electrical\n(kJ/mol)"),
    N_("Δ<i>G</i> total\n(kJ/mol)"),
    N_("Moving out of the cell"),
  };

  self->box = box;
  self->nernst_labels = g_ptr_array_new ();
  self->cells = g_ptr_array_new ();
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The math"),
                                  -1);

  heading_new (box, _("Constants"));
  self->constants_label = text_label_new (box, FALSE);

  heading_new (box, _("Equilibrium (Nernst) potentials"));
  self->nernst_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (box), self->nernst_box);

  heading_new (box, _("Resting potential"));
  self->formula_intro_label = text_label_new (box, FALSE);
  self->formula_label = text_label_new (box, TRUE);
  self->substituted_label = text_label_new (box, TRUE);
  self->rest_label = text_label_new (box, TRUE);
  self->ghk_label = text_label_new (box, TRUE);
  self->pump_label = text_label_new (box, TRUE);
  self->clamp_label = text_label_new (box, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->formula_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->substituted_label), 12);

  self->table_heading = heading_new (box, NULL);
  gtk_label_set_use_markup (self->table_heading, TRUE);
  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table, 18);
  gtk_grid_set_row_spacing (self->table, 2);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->table));
  for (int col = 0; col < N_COLS; col++)
    {
      self->headers[col] = cell_label_new (self, col, 0);
      gtk_widget_remove_css_class (GTK_WIDGET (self->headers[col]), "numeric");
      gtk_widget_add_css_class (GTK_WIDGET (self->headers[col]), "dim-label");
      gtk_label_set_markup (self->headers[col], _(headers[col]));
      gtk_label_set_justify (self->headers[col],
                             col == COL_ION || col == COL_VERDICT ? GTK_JUSTIFY_LEFT
                                                                  : GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (GTK_WIDGET (self->headers[col]), GTK_ALIGN_END);
    }

  heading_new (box, _("Charge on the membrane"));
  self->charge_label = text_label_new (box, TRUE);

  /* Empty until the first solution. */
  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && !gtk_widget_has_css_class (child, "heading"))
      gtk_widget_set_visible (child, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->table_heading), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->table), FALSE);
}

/* Public API --------------------------------------------------------------- */

GtkWidget *
ml_math_view_new (void)
{
  return g_object_new (ML_TYPE_MATH_VIEW, NULL);
}

/**
 * ml_math_view_set_solution:
 * @self: the view
 * @solution: the core's answer; copied
 *
 * Rewrites every line.  Cheap enough to call on every slider step: labels
 * are only created when the number of ions changes.
 */
void
ml_math_view_set_solution (MlMathView       *self,
                           const MlSolution *solution)
{
  g_return_if_fail (ML_IS_MATH_VIEW (self));
  g_return_if_fail (solution != NULL);

  self->solution = *solution;
  self->solution.n_ions = MIN (self->solution.n_ions, ML_MAX_IONS);
  self->has_solution = TRUE;
  rebuild (self);
}

/**
 * ml_math_view_get_text:
 * @self: the view
 *
 * Returns: (transfer full): the plain text of every visible line, table rows
 * with their cells separated by tabs.
 */
char *
ml_math_view_get_text (MlMathView *self)
{
  GString *out;

  g_return_val_if_fail (ML_IS_MATH_VIEW (self), NULL);

  out = g_string_new (NULL);
  collect_text (self->box, out);
  return g_string_free (out, FALSE);
}
