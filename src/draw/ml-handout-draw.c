/* ml-handout-draw.c — the lab handout of a scenario, as PDF
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A practical sheet in two pages through cairo's PDF surface, the same
 * from the app's Lab Handout and from membrane-calc --handout: this file
 * draws all of it from the cell, so the two give the same text.
 *
 * Page 1: the title, lines for the name and the date, the aims, the
 * practical's temperature, the cell (an aligned table of each ion and its
 * E), the two equations typeset with sub- and superscripts, and a short
 * procedure.  Page 2: the salines of rising K⁺ with the V_m the model
 * predicts at once and once Cl⁻ has redistributed, columns to write the
 * measured V_m in, the plot of V_m against outside K⁺, and three
 * questions.  The student's copy has no measured points; the instructor's
 * (with_measured) shows the ones the scenario keeps.  Every number is the
 * core's.  The math is Pango markup (<sub>, <sup>) in one notation, E_K
 * written E with a subscript K everywhere.
 */
#define _GNU_SOURCE  /* glibc's LC_PAPER items of <langinfo.h> */

#include "config.h"

#include "ml-handout-draw.h"

#include <cairo-pdf.h>
#include <langinfo.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ml-curves.h"
#include "ml-figure-write.h"
#include "ml-format.h"
#include "ml-plot-draw.h"
#include "ml-sweep.h"

#define MARGIN 48.0   /* points */
#define INK    0.1
#define PLOT_SCALE 1.6

static const double k_values[] = { 2.5, 5.0, 10.0, 20.0, 40.0, 80.0 };
#define N_SALINES G_N_ELEMENTS (k_values)

typedef struct
{
  cairo_t *cr;
  double   width;     /* of the page, points */
  double   height;
  double   y;         /* where the next block goes */
} Page;

static PangoLayout *
new_layout (cairo_t    *cr,
            const char *markup,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0.0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  ml_draw_layout_set_markup (layout, markup, size);
  return layout;
}

/* @markup at (@x, @y), @xalign of its width left of @x; returns its size. */
static void
show_at (cairo_t    *cr,
         const char *markup,
         double      size,
         gboolean    bold,
         double      x,
         double      y,
         double      xalign,
         double     *out_w,
         double     *out_h)
{
  g_autoptr (PangoLayout) layout = new_layout (cr, markup, size, bold, -1.0);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgb (cr, INK, INK, INK);
  cairo_move_to (cr, x - xalign * w, y);
  pango_cairo_show_layout (cr, layout);
  if (out_w != NULL)
    *out_w = w;
  if (out_h != NULL)
    *out_h = h;
}

/* A paragraph of markup at the page's width less @indent; moves down. */
static void
paragraph (Page       *page,
           const char *markup,
           double      size,
           gboolean    bold,
           double      indent)
{
  g_autoptr (PangoLayout) layout = new_layout (page->cr, markup, size, bold,
                                               page->width - 2 * MARGIN - indent);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgb (page->cr, INK, INK, INK);
  cairo_move_to (page->cr, MARGIN + indent, page->y);
  pango_cairo_show_layout (page->cr, layout);
  page->y += h;
}

static void
heading (Page       *page,
         const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  page->y += 10;
  paragraph (page, escaped, 12.5, TRUE, 0.0);
  page->y += 3;
}

/* Numbered items ("1." hanging in the margin of the text). */
static void
numbered (Page        *page,
          const char **items,
          guint        n,
          double       size)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *num = g_strdup_printf ("%u.", i + 1);

      show_at (page->cr, num, size, FALSE, MARGIN + 14, page->y, 1.0, NULL, NULL);
      paragraph (page, items[i], size, FALSE, 18.0);
      page->y += 2;
    }
}

static void
rule (Page   *page,
      double  x0,
      double  x1,
      double  y,
      double  width)
{
  cairo_set_source_rgb (page->cr, INK, INK, INK);
  cairo_set_line_width (page->cr, width);
  cairo_move_to (page->cr, x0, y);
  cairo_line_to (page->cr, x1, y);
  cairo_stroke (page->cr);
}

/* A table with a rule above, under the head and below (as in print):
 * @widths in parts of the text width, @right for each column whether it
 * is aligned right (numbers, with the same decimals, then line up);
 * cells are markup, an empty cell of a @writable column a line to write on. */
typedef struct
{
  guint          n_cols;
  const double  *widths;
  const gboolean *right;
  const gboolean *writable;
  double         size;
} Table;

static void
table_row (Page         *page,
           const Table  *t,
           const char  **cells,
           gboolean      head,
           double        min_height)
{
  double x = MARGIN, text_w = page->width - 2 * MARGIN, h = min_height;
  double xs[16];

  g_assert (t->n_cols <= G_N_ELEMENTS (xs));
  for (guint c = 0; c < t->n_cols; c++)
    {
      g_autoptr (PangoLayout) layout = new_layout (page->cr, cells[c] != NULL ? cells[c] : "",
                                                   head ? t->size - 1.0 : t->size, head,
                                                   t->widths[c] * text_w - 6.0);
      int lw, lh;

      xs[c] = x;
      pango_layout_set_alignment (layout, t->right[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      h = MAX (h, lh + 6.0);
      cairo_set_source_rgb (page->cr, INK, INK, INK);
      cairo_move_to (page->cr, x + 3.0, page->y + 3.0);
      pango_cairo_show_layout (page->cr, layout);
      x += t->widths[c] * text_w;
    }
  /* Lines to write on where a writable cell is empty. */
  if (!head)
    for (guint c = 0; c < t->n_cols; c++)
      if (t->writable != NULL && t->writable[c] && (cells[c] == NULL || cells[c][0] == '\0'))
        {
          cairo_set_source_rgb (page->cr, 0.45, 0.45, 0.45);
          cairo_set_line_width (page->cr, 0.5);
          cairo_move_to (page->cr, xs[c] + 6.0, page->y + h - 3.0);
          cairo_line_to (page->cr, xs[c] + t->widths[c] * text_w - 6.0, page->y + h - 3.0);
          cairo_stroke (page->cr);
        }
  page->y += h;
}

/* A fraction: @num over @den, centred on a rule, its rule at @axis.
 * Returns the width. */
static double
fraction (cairo_t    *cr,
          const char *num,
          const char *den,
          double      size,
          double      x,
          double      axis)
{
  g_autoptr (PangoLayout) a = new_layout (cr, num, size, FALSE, -1.0);
  g_autoptr (PangoLayout) b = new_layout (cr, den, size, FALSE, -1.0);
  int aw, ah, bw, bh;
  double w;

  pango_layout_get_pixel_size (a, &aw, &ah);
  pango_layout_get_pixel_size (b, &bw, &bh);
  w = MAX (aw, bw) + 4.0;
  cairo_set_source_rgb (cr, INK, INK, INK);
  cairo_move_to (cr, x + (w - aw) / 2.0, axis - ah - 1.0);
  pango_cairo_show_layout (cr, a);
  cairo_move_to (cr, x + (w - bw) / 2.0, axis + 1.5);
  pango_cairo_show_layout (cr, b);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, x, axis + 0.25);
  cairo_line_to (cr, x + w, axis + 0.25);
  cairo_stroke (cr);
  return w;
}

/* "E<sub>K</sub> = RT/zF · ln [K⁺]o/[K⁺]i" as a display: @lhs, then the
 * fractions and the operators between them; moves down. */
static void
display (Page        *page,
         const char  *lhs,
         const char  *n1,
         const char  *d1,
         const char  *op,
         const char  *n2,
         const char  *d2,
         const char  *note)
{
  double size = 10.5, x = MARGIN + 18.0, w, h, axis = page->y + 16.0;

  /* The text's mathematical axis, about half an x-height above its
   * baseline: the middle of the line of a layout of this size. */
  show_at (page->cr, lhs, size, FALSE, x, axis - 0.62 * size, 0.0, &w, &h);
  x += w + 4.0;
  x += fraction (page->cr, n1, d1, size, x, axis) + 4.0;
  show_at (page->cr, op, size, FALSE, x, axis - 0.62 * size, 0.0, &w, &h);
  x += w + 4.0;
  x += fraction (page->cr, n2, d2, size, x, axis) + 10.0;
  if (note != NULL)
    show_at (page->cr, note, 9.0, FALSE, x, axis - 0.62 * 9.0, 0.0, NULL, NULL);
  page->y = axis + 18.0;
}

/* "5 × 10<sup>−7</sup>": a permeability as it is printed. */
static char *
scientific (double value)
{
  int e;
  double m;
  g_autofree char *ms = NULL;
  g_autofree char *es = NULL;

  if (!(value > 0.0) || !isfinite (value))
    return g_strdup ("0");
  e = (int)floor (log10 (value));
  m = value / pow (10.0, e);
  if (m >= 9.995)
    {
      m /= 10.0;
      e++;
    }
  ms = ml_format_significant (m, 3);
  es = ml_format_fixed (e, 0, FALSE);
  if (e == 0)
    return g_steal_pointer (&ms);
  return g_strdup_printf ("%s × 10<sup>%s</sup>", ms, es);
}

/* An ion's symbol as the subscript of E or P: "K", "Na", "Cl". */
static char *
sub_name (const char *name)
{
  return g_markup_escape_text (name, -1);
}

static char *
e_of (double      mv,
      MlNernstState state)
{
  switch (state)
    {
    case ML_NERNST_DEFINED:
      return ml_format_fixed (mv, 1, FALSE);
    case ML_NERNST_PLUS_INFINITY:
      return g_strdup ("+∞");
    case ML_NERNST_MINUS_INFINITY:
      return g_strdup ("−∞");
    case ML_NERNST_UNDEFINED:
    default:
      return g_strdup ("—");
    }
}

/* Page 1: who, why, at what temperature, the cell, the equations, how. */
static void
first_page (Page       *page,
            MlCell     *cell,
            const char *title,
            const char *caption,
            gboolean    with_measured)
{
  MlSolution sol;
  g_autofree char *t = ml_format_fixed (ml_cell_get_temperature (cell), 1, FALSE);

  ml_cell_solve (cell, &sol);

  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);
    /* Translators: the handout's title; %s is the scenario, "Skeletal muscle". */
    g_autofree char *head = g_strdup_printf (_("%s: the resting potential and outside K⁺"),
                                             escaped);

    paragraph (page, head, 17, TRUE, 0.0);
  }
  {
    g_autofree char *escaped = g_markup_escape_text (caption, -1);

    paragraph (page, escaped, 9, FALSE, 0.0);
  }
  if (with_measured)
    paragraph (page, _("<b>Instructor’s copy:</b> the V<sub>m</sub> measured and kept with the "
                       "scenario are shown in the table and on the plot."), 9, FALSE, 0.0);
  page->y += 14;
  {
    /* Name, date, bench: lines to write on. */
    const char *fields[] = { N_("Name"), N_("Date"), N_("Bench") };
    const double parts[] = { 0.5, 0.3, 0.2 };
    double x = MARGIN, text_w = page->width - 2 * MARGIN;

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autofree char *label = g_markup_printf_escaped ("%s:", _(fields[i]));
        double w, h;

        show_at (page->cr, label, 10, FALSE, x, page->y, 0.0, &w, &h);
        rule (page, x + w + 4.0, x + parts[i] * text_w - 12.0, page->y + h - 2.0, 0.5);
        x += parts[i] * text_w;
      }
    page->y += 18;
  }

  heading (page, _("Aims"));
  {
    const char *aims[] = {
      _("Measure the resting potential V<sub>m</sub> of the cell in salines of rising K⁺."),
      _("Compare it with the Nernst potential of K⁺, E<sub>K</sub>, and with the "
        "Goldman–Hodgkin–Katz (GHK) prediction, both at once and after Cl⁻ inside has "
        "redistributed."),
      _("Explain where V<sub>m</sub> follows E<sub>K</sub> and where it does not."),
    };

    numbered (page, aims, G_N_ELEMENTS (aims), 10);
  }

  heading (page, _("Temperature"));
  {
    g_autofree char *rtf = ml_format_fixed (sol.rt_over_f_mv, 2, FALSE);
    g_autofree char *slope = ml_format_fixed (ml_nernst_slope_mv_per_decade (1, sol.temperature_c),
                                              1, FALSE);
    /* Translators: the practical's temperature on the handout, then RT/F
     * and the Nernst slope at it. */
    g_autofree char *text = g_strdup_printf (_("The practical runs at %s °C; keep the bath there. "
                                               "At %s °C, RT/F = %s mV, and a tenfold change of "
                                               "K⁺ outside moves E<sub>K</sub> by %s mV."),
                                             t, t, rtf, slope);

    paragraph (page, text, 10, FALSE, 0.0);
  }

  heading (page, _("The cell"));
  {
    const double widths[] = { 0.14, 0.17, 0.17, 0.2, 0.14, 0.18 };
    const gboolean right[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE };
    Table table = { 6, widths, right, NULL, 9.5 };
    const char *head[] = { _("Ion"), _("inside (mM)"), _("outside (mM)"),
                           _("P (cm/s)"), _("P / P<sub>K</sub>"),
                           _("E<sub>ion</sub> (mV)") };

    rule (page, MARGIN, page->width - MARGIN, page->y, 0.8);
    table_row (page, &table, head, TRUE, 0.0);
    rule (page, MARGIN, page->width - MARGIN, page->y, 0.4);
    for (guint i = 0; i < sol.n_ions; i++)
      {
        const MlIonResult *r = &sol.ions[i];
        g_autofree char *label = ml_ion_label (r->ion.name, r->ion.z);
        g_autofree char *cin = ml_format_significant (r->ion.c_in, 4);
        g_autofree char *cout = ml_format_significant (r->ion.c_out, 4);
        g_autofree char *p = r->ion.enabled ? scientific (r->ion.p) : g_strdup (_("off"));
        g_autofree char *rel = r->ion.enabled && sol.p_reference_ion >= 0
                               ? ml_format_significant (r->p_relative, 3) : g_strdup ("—");
        g_autofree char *e = e_of (r->nernst_mv, r->nernst_state);
        const char *cells[] = { label, cin, cout, p, rel, e };

        table_row (page, &table, cells, FALSE, 0.0);
      }
    rule (page, MARGIN, page->width - MARGIN, page->y, 0.8);
    page->y += 6;
  }
  {
    g_autofree char *text = NULL;

    if (!sol.vm_defined)
      text = g_markup_printf_escaped ("%s", ml_condition_message (sol.condition));
    else
      {
        g_autofree char *vm = ml_format_fixed (sol.vm_mv, 2, FALSE);
        g_autofree char *ghk = ml_format_fixed (sol.vm_ghk_mv, 2, FALSE);
        g_autofree char *pump = ml_format_fixed (sol.pump_contribution_mv, 2, TRUE);

        if (sol.pump_running)
          /* Translators: on the handout, the cell's V_m, the GHK value
           * without the pump and the pump's share, in mV. */
          text = g_strdup_printf (_("At rest V<sub>m</sub> = %s mV: the ions’ GHK balance gives "
                                    "%s mV, and the electrogenic Na⁺/K⁺ pump adds %s mV."),
                                  vm, ghk, pump);
        else
          text = g_strdup_printf (_("At rest V<sub>m</sub> = %s mV, the ions’ GHK balance (the "
                                    "pump does not run)."), vm);
      }
    paragraph (page, text, 10, FALSE, 0.0);
  }

  heading (page, _("The equations"));
  {
    g_autoptr (GString) num = g_string_new (NULL);
    g_autoptr (GString) den = g_string_new (NULL);

    /* Nernst, for an ion X of valence z. */
    display (page, "E<sub>X</sub> =", "RT", "zF", "ln", "[X]<sub>o</sub>", "[X]<sub>i</sub>",
             _("the Nernst potential of an ion X of valence z"));
    /* GHK of the cell's own monovalent ions: cations outside over inside,
     * anions the other way round. */
    for (guint i = 0; i < sol.n_ions; i++)
      {
        const MlIon *ion = &sol.ions[i].ion;
        g_autofree char *name = sub_name (ion->name);
        g_autofree char *label = ml_ion_label (ion->name, ion->z);

        if (!ion->enabled || (ion->z != 1 && ion->z != -1))
          continue;
        g_string_append_printf (num, "%sP<sub>%s</sub>[%s]<sub>%s</sub>", num->len ? " + " : "",
                                name, label, ion->z > 0 ? "o" : "i");
        g_string_append_printf (den, "%sP<sub>%s</sub>[%s]<sub>%s</sub>", den->len ? " + " : "",
                                name, label, ion->z > 0 ? "i" : "o");
      }
    if (num->len > 0)
      display (page, "V<sub>m</sub> =", "RT", "F", "ln", num->str, den->str, NULL);
    paragraph (page, _("The GHK voltage equation holds for monovalent ions without the pump; "
                       "the values in this handout are solved with every ion of the table and "
                       "the pump. o: outside, i: inside."), 9, FALSE, 18.0);
  }

  heading (page, _("Procedure"));
  {
    g_autofree char *t_step = g_strdup_printf (_("Keep the bath at %s °C. Zero the electrode in "
                                                 "the bath, then impale a cell in saline B "
                                                 "(5 mM K⁺) and note V<sub>m</sub> once it is "
                                                 "steady."), t);
    const char *steps[] = {
      _("Make up the salines A–F of the table overleaf: each takes out as much Na⁺ as it adds "
        "K⁺, so the osmolarity stays the same."),
      t_step,
      _("Change to each saline in turn. Read V<sub>m</sub> within 30 s of the change and again "
        "after 10 min, and write both in the table."),
      _("Plot both on the graph beside the predictions. End in saline B and check that "
        "V<sub>m</sub> comes back."),
    };

    numbered (page, steps, G_N_ELEMENTS (steps), 10);
  }
}

/* The V_m measured at each saline, NAN where none is kept. */
static void
measured_at_salines (MlCell *cell,
                     double *out)
{
  g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) vs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *param = NULL;
  g_autofree char *id = NULL;
  int k = ml_cell_find_role (cell, ML_ION_ROLE_K);

  for (guint r = 0; r < N_SALINES; r++)
    out[r] = NAN;
  if (k < 0 || !ml_cell_get_measured (cell, &param, xs, vs))
    return;
  id = g_strdup_printf ("%s.out", ml_cell_get_ion (cell, k)->name);
  if (g_strcmp0 (param, id) != 0)
    return;
  for (guint r = 0; r < N_SALINES; r++)
    for (guint i = 0; i < xs->len; i++)
      if (g_array_index (xs, double, i) == k_values[r])
        out[r] = g_array_index (vs, double, i);
}

static void
practical_table (Page     *page,
                 MlCell   *cell,
                 gboolean  with_measured)
{
  g_autoptr (MlSweep) sweep = NULL;
  g_autofree char *spec = NULL;
  MlSolution now[N_SALINES], later[N_SALINES];
  double measured[N_SALINES];
  g_autoptr (MlCell) point = ml_cell_copy (cell);
  int k = ml_cell_find_role (cell, ML_ION_ROLE_K), na = ml_cell_find_role (cell, ML_ION_ROLE_NA);
  const double widths_student[] = { 0.09, 0.1, 0.1, 0.11, 0.15, 0.15, 0.15, 0.15 };
  const double widths_teacher[] = { 0.08, 0.09, 0.09, 0.1, 0.13, 0.13, 0.13, 0.13, 0.12 };
  const gboolean right[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE };
  const gboolean writable[] = { FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE };
  Table table = { with_measured ? 9 : 8, with_measured ? widths_teacher : widths_student, right,
                  writable, 9.5 };
  const char *head[] = {
    _("Saline"), _("K⁺ out (mM)"), _("Na⁺ out (mM)"), _("E<sub>K</sub> (mV)"),
    _("V<sub>m</sub> predicted at once (mV)"),
    _("V<sub>m</sub> predicted after Cl⁻ (mV)"),
    _("V<sub>m</sub> measured at 30 s (mV)"),
    _("V<sub>m</sub> measured at 10 min (mV)"),
    _("V<sub>m</sub> measured, kept (mV)"),
  };

  if (k < 0)
    {
      paragraph (page, _("This cell has no K⁺: there is no K⁺ practical to prepare."), 11, FALSE,
                 0.0);
      return;
    }
  spec = g_strdup_printf ("%s.out=2.5,5,10,20,40,80", ml_cell_get_ion (cell, k)->name);
  sweep = ml_sweep_parse (spec, cell, NULL);
  if (sweep == NULL)
    return;
  ml_sweep_run (sweep, cell, now);
  ml_sweep_run_cl_equilibrated (sweep, cell, later);
  measured_at_salines (cell, measured);

  rule (page, MARGIN, page->width - MARGIN, page->y, 0.8);
  table_row (page, &table, head, TRUE, 0.0);
  rule (page, MARGIN, page->width - MARGIN, page->y, 0.4);
  for (guint r = 0; r < N_SALINES; r++)
    {
      g_autofree char *label = g_strdup_printf ("%c", 'A' + r);
      g_autofree char *kv = ml_format_significant (k_values[r], 3);
      g_autofree char *nav = NULL;
      g_autofree char *ek = e_of (now[r].ions[k].nernst_mv, now[r].ions[k].nernst_state);
      g_autofree char *vm = now[r].vm_defined ? ml_format_fixed (now[r].vm_mv, 1, FALSE)
                                              : g_strdup ("—");
      g_autofree char *vm_cl = later[r].vm_defined ? ml_format_fixed (later[r].vm_mv, 1, FALSE)
                                                   : g_strdup ("—");
      g_autofree char *kept = isfinite (measured[r]) ? ml_format_fixed (measured[r], 1, FALSE)
                                                     : g_strdup ("—");
      const char *cells[9];

      ml_sweep_set_point (sweep, cell, r, point);
      nav = na >= 0 ? ml_format_significant (ml_cell_get_ion (point, na)->c_out, 4)
                    : g_strdup ("—");
      cells[0] = label;
      cells[1] = kv;
      cells[2] = nav;
      cells[3] = ek;
      cells[4] = vm;
      cells[5] = vm_cl;
      cells[6] = "";
      cells[7] = "";
      cells[8] = kept;
      table_row (page, &table, cells, FALSE, 22.0);
    }
  rule (page, MARGIN, page->width - MARGIN, page->y, 0.8);
  page->y += 4;
  paragraph (page, _("<i>At once:</i> Cl⁻ inside as it was before the change. <i>After Cl⁻:</i> "
                     "once Cl⁻ inside has moved until E<sub>Cl</sub> = V<sub>m</sub>, as it "
                     "does over minutes (Hodgkin &amp; Horowicz 1959); K⁺ inside and the "
                     "volume are held. Na⁺ outside is traded for K⁺ mole for mole."),
             8.5, FALSE, 0.0);
  page->y += 6;
}

/* The practical's plot; the measured points only on the instructor's copy. */
static void
practical_plot (Page     *page,
                MlCell   *cell,
                gboolean  with_measured,
                double    width,
                double    height)
{
  g_autoptr (MlKoutCurve) curve = ml_kout_curve_new (cell, 0.1, 1000.0, 200, TRUE);
  g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) vs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *param = NULL;
  MlPlotData data = { 0 };
  MlPlotStyle style;
  int k = ml_cell_find_role (cell, ML_ION_ROLE_K);

  if (curve == NULL || k < 0 || height < 100)
    return;
  if (with_measured && ml_cell_get_measured (cell, &param, xs, vs))
    {
      g_autofree char *id = g_strdup_printf ("%s.out", ml_cell_get_ion (cell, k)->name);

      if (g_strcmp0 (param, id) == 0)
        {
          data.measured_k = (const double *)(gpointer)xs->data;
          data.measured_vm = (const double *)(gpointer)vs->data;
          data.n_measured = xs->len;
        }
    }
  data.kind = ML_PLOT_KOUT;
  data.kout = curve;
  ml_plot_style_init_print (&style);
  cairo_save (page->cr);
  cairo_translate (page->cr, MARGIN, page->y);
  /* Drawn larger and scaled down, so that its smallest text (14 px) is
   * 14/1.6 ≈ 9 pt, the page's small print, and its legend leaves room
   * for the curves. */
  cairo_scale (page->cr, 1.0 / PLOT_SCALE, 1.0 / PLOT_SCALE);
  ml_plot_draw_data (&data, &style, page->cr, (int)(width * PLOT_SCALE),
                     (int)(height * PLOT_SCALE));
  cairo_restore (page->cr);
  page->y += height;
}

static void
second_page (Page     *page,
             MlCell   *cell,
             gboolean  with_measured)
{
  double slope = ml_nernst_slope_mv_per_decade (1, ml_cell_get_temperature (cell));
  g_autofree char *s = ml_format_fixed (slope, 1, FALSE);
  g_autofree char *t = ml_format_fixed (ml_cell_get_temperature (cell), 1, FALSE);
  double questions_h = 150.0;

  paragraph (page, _("V<sub>m</sub> in salines of rising K⁺"), 15, TRUE, 0.0);
  page->y += 6;
  practical_table (page, cell, with_measured);
  practical_plot (page, cell, with_measured, page->width - 2 * MARGIN,
                  MIN (page->height - page->y - MARGIN - questions_h,
                       0.62 * (page->width - 2 * MARGIN)));

  heading (page, _("Questions"));
  {
    /* Translators: a question of the handout; %s is the Nernst slope in
     * mV and then the temperature in °C. */
    g_autofree char *q3 = g_strdup_printf (_("Above 20 mM K⁺, how many mV per tenfold K⁺ do your "
                                             "10-min values rise? Compare that with the slope of "
                                             "E<sub>K</sub>, %s mV at %s °C."), s, t);
    const char *questions[] = {
      _("At the lowest K⁺ your V<sub>m</sub> is less negative than E<sub>K</sub>. Which term "
        "of the GHK equation beside P<sub>K</sub>[K⁺]<sub>o</sub> makes the difference, and "
        "why does it count for more the less K⁺ there is outside?"),
      _("In the salines of high K⁺, compare V<sub>m</sub> at 30 s with V<sub>m</sub> at "
        "10 min, and each with its prediction. Which ion moves across the membrane in those "
        "minutes, in which direction, and why does V<sub>m</sub> then come closer to "
        "E<sub>K</sub>?"),
      q3,
    };

    numbered (page, questions, G_N_ELEMENTS (questions), 10);
  }
}

gboolean
ml_handout_render (const char  *path,
                   MlCell      *cell,
                   MlCell      *reference,
                   const char  *title,
                   gboolean     with_measured,
                   double       paper_width,
                   double       paper_height,
                   GError     **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Page page;
  const char *name = title != NULL && title[0] != '\0' ? title : _("Membrane Lab");
  g_autofree char *caption = ml_figure_caption_for (cell, reference, name);

  g_return_val_if_fail (path != NULL && ML_IS_CELL (cell), FALSE);

  surface = cairo_pdf_surface_create_for_stream (ml_figure_append_bytes, bytes, paper_width,
                                                 paper_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, name);
  page = (Page) { cairo_create (surface), paper_width, paper_height, MARGIN };

  first_page (&page, cell, name, caption, with_measured);
  cairo_show_page (page.cr);
  page.y = MARGIN;
  second_page (&page, cell, with_measured);
  cairo_show_page (page.cr);

  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return ml_figure_save_bytes (path, status, bytes, error);
}

void
ml_handout_paper (double *width_pt,
                  double *height_pt)
{
  /* A4, 210 × 297 mm, unless the locale's paper is Letter (8.5 × 11 in). */
  double w_mm = 210.0, h_mm = 297.0;
#ifdef HAVE_NL_PAPER
  w_mm = (double)(gsize) nl_langinfo (_NL_PAPER_WIDTH);
  h_mm = (double)(gsize) nl_langinfo (_NL_PAPER_HEIGHT);
  if (!(w_mm > 0.0 && h_mm > 0.0))
    {
      w_mm = 210.0;
      h_mm = 297.0;
    }
#endif
  if (fabs (w_mm - 216.0) < 1.0 && fabs (h_mm - 279.0) < 1.0)
    {
      *width_pt = 612.0;
      *height_pt = 792.0;
      return;
    }
  *width_pt = 595.2755905511812;   /* 210 mm in points, 72 per inch */
  *height_pt = 841.8897637795276;
}
