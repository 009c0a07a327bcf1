/* ml-donnan-view.c — the two compartments of a Donnan equilibrium, drawn
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson on trapped anions wants a picture, not only numbers: the cell
 * on the left, the membrane in the middle, the outside on the right.  Each
 * side shows its K⁺, Cl⁻ and impermeant anion A⁻ as a column on one common
 * scale with the concentration written under it; the membrane lets K⁺ and
 * Cl⁻ through (double arrows) and stops A⁻ (a crossed-out arrow); under the
 * picture stand V_in − V_out, the Donnan ratio and the osmotic excess.
 * Every number is the core's MlDonnan, handed over by the Donnan window:
 * the view computes nothing.
 */
#define G_LOG_DOMAIN "ml-donnan-view"

#include "config.h"

#include "ml-donnan-view.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ml-drawn-text.h"
#include "ml-format.h"
#include "ml-ion-colors.h"

enum {
  ION_K,
  ION_CL,
  ION_A,
  N_IONS
};

struct _MlDonnanView
{
  GtkWidget  parent_instance;

  MlDonnan   result;
  gboolean   defined;
  double     anion_mm;
  int        valence;
  gboolean   closed;
  char      *description;

  GdkRGBA    fg;
  GdkRGBA    bg;                    /* the window's, behind the labels on the membrane */
  GdkRGBA    ion_colors[N_IONS];    /* shapes */
  GdkRGBA    text_colors[N_IONS];   /* words */
  gboolean   dark;
  gboolean   high_contrast;
  double     font_px;               /* the CSS font size: the floor of every text */
  double     text_scale;
  double     sub_scale;             /* a <sub>'s size over its line's; 0: not measured */
  double     smallest_text_px;
};

G_DEFINE_FINAL_TYPE (MlDonnanView, ml_donnan_view, GTK_TYPE_WIDGET)

/* One piece of drawn text and the size it was set in. */
typedef struct
{
  PangoLayout *layout;
  double       px;
  gboolean     sub;      /* has <sub>: parts of it are smaller than px */
  int          w;
  int          h;
} Text;

static char *
format_mm (double mm)
{
  g_autoptr(GString) s = g_string_new (NULL);

  ml_format_append_significant (s, mm, 4);
  /* Translators: a concentration, e.g. "133.3 mM". */
  return g_strdup_printf (_("%s mM"), s->str);
}

static char *
osmotic_text (double mosm)
{
  g_autofree char *x = ml_format_fixed (mosm, 1, TRUE);

  if (mosm >= 0.05)
    /* Translators: %s is an osmolarity difference with its sign, e.g.
     * "+116.2"; water moves towards the side with more particles. */
    return g_strdup_printf (_("%s mOsm inside: water would flow in"), x);
  if (mosm <= -0.05)
    /* Translators: %s is an osmolarity difference with its sign, e.g. "−3.2". */
    return g_strdup_printf (_("%s mOsm inside: water would flow out"), x);
  return g_strdup (_("No osmotic difference: no water flow"));
}

static const char *
undefined_text (void)
{
  return _("Undefined: the solution needs KCl on the outside and a temperature "
           "above absolute zero.");
}

static void
update_description (MlDonnanView *self)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (!self->defined)
    g_string_append (s, undefined_text ());
  else
    {
      g_autofree char *anion = ml_ion_label ("A", self->valence);
      g_autofree char *k_in = format_mm (self->result.k_in);
      g_autofree char *cl_in = format_mm (self->result.cl_in);
      g_autofree char *a_in = format_mm (self->anion_mm);
      g_autofree char *k_out = format_mm (self->result.k_out);
      g_autofree char *cl_out = format_mm (self->result.cl_out);
      g_autofree char *v = ml_donnan_view_format_mv (self->result.vm_mv);
      g_autofree char *r = ml_format_fixed (self->result.ratio, 3, FALSE);
      g_autofree char *osm = osmotic_text (self->result.osmotic_excess_mosm);

      /* Translators: the Donnan picture in words, for a screen reader.
       * %1$s, %2$s and %4$s are concentrations ("208.1 mM"), %3$s is the
       * impermeant anion ("A⁻"). */
      g_string_append_printf (s, _("Inside the cell: K⁺ %1$s, Cl⁻ %2$s and the impermeant "
                                   "anion %3$s %4$s."), k_in, cl_in, anion, a_in);
      g_string_append_c (s, ' ');
      if (self->closed)
        /* Translators: %1$s and %2$s are concentrations, %3$s the anion ("A⁻"). */
        g_string_append_printf (s, _("Outside, a closed compartment: K⁺ %1$s, Cl⁻ %2$s, no %3$s."),
                                k_out, cl_out, anion);
      else
        /* Translators: %1$s and %2$s are concentrations, %3$s the anion ("A⁻"). */
        g_string_append_printf (s, _("Outside, an open bath: K⁺ %1$s, Cl⁻ %2$s, no %3$s."),
                                k_out, cl_out, anion);
      g_string_append_c (s, ' ');
      /* Translators: %s is the impermeant anion, "A⁻". */
      g_string_append_printf (s, _("K⁺ and Cl⁻ cross the membrane, %s cannot."), anion);
      g_string_append_c (s, ' ');
      /* Translators: %1$s is a potential ("−15.2 mV"), %2$s the Donnan
       * ratio ("1.766"); "in" and "out" are the subscripts of the picture. */
      g_string_append_printf (s, _("V in − V out = %1$s. Donnan ratio r = K in/K out = "
                                   "Cl out/Cl in = %2$s."), v, r);
      g_string_append_printf (s, " %s.", osm);
    }

  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&s), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* Text ------------------------------------------------------------------ */

/* The CSS font size (times the desktop's text scaling), up to whole px:
 * no text is drawn smaller, a <sub> included. */
static double
text_floor (MlDonnanView *self)
{
  return ceil (self->font_px * self->text_scale - 0.01);
}

static double
text_px (MlDonnanView *self,
         double        want)
{
  return MAX (ml_drawn_text_px (want * self->text_scale), text_floor (self));
}

/* How much smaller Pango sets a <sub> (its font_scale follows the font's
 * own subscript size, so it is measured, not assumed). */
static double
measure_sub_scale (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoFontDescription *desc =
    pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));
  PangoLayoutIter *iter;
  double lo = G_MAXDOUBLE, hi = 0.0;

  pango_font_description_set_absolute_size (desc, 100 * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_markup (layout, "V<sub>in</sub>", -1);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      if (run != NULL && run->item->analysis.font != NULL)
        {
          PangoFontDescription *d = pango_font_describe_with_absolute_size (run->item->analysis.font);
          double px = pango_font_description_get_size (d) / (double) PANGO_SCALE;

          pango_font_description_free (d);
          if (px > 0.0)
            {
              lo = MIN (lo, px);
              hi = MAX (hi, px);
            }
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  return hi > 0.0 ? CLAMP (lo / hi, 0.3, 1.0) : 1.0;
}

static void
text_init (MlDonnanView   *self,
           cairo_t        *cr,
           Text           *t,
           const char     *text,
           gboolean        markup,
           double          px,
           gboolean        bold,
           double          wrap_width,
           PangoAlignment  align)
{
  PangoFontDescription *desc =
    pango_font_description_copy (pango_context_get_font_description (
                                   gtk_widget_get_pango_context (GTK_WIDGET (self))));

  t->layout = pango_cairo_create_layout (cr);
  t->px = px;
  t->sub = markup && strstr (text, "<sub>") != NULL;
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (t->layout, desc);
  pango_font_description_free (desc);
  if (markup)
    pango_layout_set_markup (t->layout, text, -1);
  else
    pango_layout_set_text (t->layout, text, -1);
  pango_layout_set_alignment (t->layout, align);
  if (wrap_width > 0.0)
    {
      pango_layout_set_width (t->layout, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (t->layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_get_pixel_size (t->layout, &t->w, &t->h);
}

static void
text_wrap (Text   *t,
           double  width)
{
  pango_layout_set_width (t->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (t->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (t->layout, &t->w, &t->h);
}

static void
text_clear (Text *t)
{
  g_clear_object (&t->layout);
}

/* Draws @t with its top left at x, y (for a wrapped layout, the left of
 * its wrap width) and keeps the smallest size drawn. */
static void
text_show (MlDonnanView  *self,
           cairo_t       *cr,
           const Text    *t,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  double px = t->sub ? t->px * self->sub_scale : t->px;

  self->smallest_text_px = MIN (self->smallest_text_px, px);
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, t->layout);
  cairo_restore (cr);
}

/* Shapes ---------------------------------------------------------------- */

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
arrow_head (cairo_t *cr,
            double   x,
            double   y,
            double   dir,
            double   size)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - dir * size, y - 0.6 * size);
  cairo_line_to (cr, x - dir * size, y + 0.6 * size);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* A horizontal arrow from x0 to x1 at y, with a head at x1 and, when
 * @both, at x0. */
static void
arrow (cairo_t       *cr,
       double         x0,
       double         x1,
       double         y,
       double         width,
       double         head,
       gboolean       both,
       const GdkRGBA *color)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, both ? x0 + 0.8 * head : x0, y);
  cairo_line_to (cr, x1 - 0.8 * head, y);
  cairo_stroke (cr);
  arrow_head (cr, x1, y, 1.0, head);
  if (both)
    arrow_head (cr, x0, y, -1.0, head);
}

/* A column of concentration: filled in the ion's colour, the anion's grey
 * one hatched as well so it differs by more than its colour. */
static void
column (MlDonnanView *self,
        cairo_t      *cr,
        int           ion,
        double        x,
        double        y,
        double        w,
        double        h,
        double        fs)
{
  GdkRGBA fill = self->ion_colors[ion];

  if (h <= 0.0)
    return;
  fill.alpha *= ion == ION_A ? 0.35 : 0.85;
  cairo_rectangle (cr, x, y, w, h);
  gdk_cairo_set_source_rgba (cr, &fill);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &self->ion_colors[ion]);
  cairo_set_line_width (cr, MAX (1.0, 0.08 * fs));
  cairo_stroke (cr);

  if (ion == ION_A)
    {
      double step = MAX (4.0, 0.45 * fs);

      cairo_save (cr);
      cairo_rectangle (cr, x, y, w, h);
      cairo_clip (cr);
      cairo_set_line_width (cr, MAX (1.0, 0.07 * fs));
      for (double d = -h; d < w; d += step)
        {
          cairo_move_to (cr, x + d, y + h);
          cairo_line_to (cr, x + d + h, y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

/* Drawing --------------------------------------------------------------- */

/* Two texts on one row when they fit side by side, else one under the
 * other, each wrapped to the width.  Returns the height used. */
static double
place_pair (Text   *a,
            Text   *b,
            double  width,
            double  gap,
            double  spacing,
            double *b_dx,
            double *b_dy)
{
  if (b->layout == NULL)
    {
      if (a->w > width)
        text_wrap (a, width);
      *b_dx = *b_dy = 0.0;
      return a->h;
    }
  if (a->w + gap + b->w <= width)
    {
      *b_dx = width - b->w;
      *b_dy = 0.0;
      return MAX (a->h, b->h);
    }
  if (a->w > width)
    text_wrap (a, width);
  if (b->w > width)
    text_wrap (b, width);
  *b_dx = 0.0;
  *b_dy = a->h + spacing;
  return a->h + spacing + b->h;
}

static void
draw_undefined (MlDonnanView *self,
                cairo_t      *cr,
                double        width,
                double        height,
                double        fs)
{
  Text t;

  text_init (self, cr, &t, undefined_text (), FALSE, fs, FALSE, width - 2 * fs,
             PANGO_ALIGN_CENTER);
  text_show (self, cr, &t, fs, MAX (0.0, (height - t.h) / 2), &self->fg);
  text_clear (&t);
}

static void
draw (MlDonnanView *self,
      cairo_t      *cr,
      double        width,
      double        height)
{
  const char *ion_names[N_IONS] = { "K", "Cl", "A" };
  double floor_px = text_floor (self);
  double fs = text_px (self, MIN (width / 42.0, height / 25.0));
  double pad = ceil (0.5 * fs);
  double avail = width - 2 * pad;
  double sub_px, mw, cw, x_mem, head_h, comp_top, comp_bottom, ipad, slot_w, lab_h, num_h;
  double base_y, col_top, col_h, col_w, cmax, gap, row1_h, row2_h, bottom_h, need;
  double r_dx, r_dy, note_dx, note_dy, line;
  double values[2][N_IONS];
  Text head[2], mem_head = { 0 }, labels[N_IONS], numbers[2][N_IONS], v, r, osm, note;
  GdkRGBA faint = self->fg, edge = self->fg;

  if (!self->defined)
    {
      draw_undefined (self, cr, width, height, fs);
      return;
    }

  values[0][ION_K] = self->result.k_in;
  values[0][ION_CL] = self->result.cl_in;
  values[0][ION_A] = self->anion_mm;
  values[1][ION_K] = self->result.k_out;
  values[1][ION_CL] = self->result.cl_out;
  values[1][ION_A] = 0.0;
  line = MAX (1.0, 0.08 * fs);
  gap = 0.35 * fs;

  /* The two compartments and the membrane between them, across the width. */
  mw = MAX (2.6 * fs, 0.15 * avail);
  cw = (avail - mw) / 2;
  x_mem = pad + cw;
  ipad = 0.3 * fs;
  slot_w = (cw - 2 * ipad) / N_IONS;

  text_init (self, cr, &head[0], _("Inside the cell"), FALSE, fs, TRUE, cw, PANGO_ALIGN_CENTER);
  text_init (self, cr, &head[1], self->closed ? _("Outside") : _("Outside: open bath"), FALSE,
             fs, TRUE, cw, PANGO_ALIGN_CENTER);
  if (!self->closed && pango_layout_get_line_count (head[1].layout) > 1)
    {
      /* too narrow for "open bath": the dashed outline still says it */
      text_clear (&head[1]);
      text_init (self, cr, &head[1], _("Outside"), FALSE, fs, TRUE, cw, PANGO_ALIGN_CENTER);
    }
  head_h = MAX (head[0].h, head[1].h);
  text_init (self, cr, &mem_head, _("Membrane"), FALSE, fs, FALSE, 0, PANGO_ALIGN_LEFT);
  if (mem_head.w > mw || mem_head.h > head_h)
    text_clear (&mem_head);

  /* Under each column its ion and its concentration; when one number
   * does not fit its column, all put "mM" on a line of its own. */
  lab_h = num_h = 0.0;
  {
    gboolean split = FALSE;

    for (int i = 0; i < N_IONS; i++)
      {
        g_autofree char *name = ml_ion_label (ion_names[i], i == ION_A ? self->valence
                                                            : i == ION_K ? 1 : -1);

        text_init (self, cr, &labels[i], name, FALSE, fs, TRUE, 0, PANGO_ALIGN_CENTER);
        lab_h = MAX (lab_h, labels[i].h);
      }
    for (int pass = 0; pass < 2; pass++)
      {
        for (int side = 0; side < 2; side++)
          for (int i = 0; i < N_IONS; i++)
            {
              g_autofree char *mm = format_mm (values[side][i]);
              char *space = strrchr (mm, ' ');

              if (split && space != NULL)
                *space = '\n';
              if (pass == 1)
                text_clear (&numbers[side][i]);
              /* a gap between neighbours */
              text_init (self, cr, &numbers[side][i], mm, FALSE, fs, FALSE,
                         slot_w - 0.25 * fs, PANGO_ALIGN_CENTER);
              /* between words only: a number is never cut */
              pango_layout_set_wrap (numbers[side][i].layout, PANGO_WRAP_WORD);
              pango_layout_get_pixel_size (numbers[side][i].layout, &numbers[side][i].w,
                                           &numbers[side][i].h);
              if (pango_layout_get_line_count (numbers[side][i].layout) > 1)
                split = TRUE;
            }
        if (!split || pass == 1)
          break;
      }
    for (int side = 0; side < 2; side++)
      for (int i = 0; i < N_IONS; i++)
        num_h = MAX (num_h, numbers[side][i].h);
  }

  /* Under the picture: the potential and the ratio, with subscripts no
   * smaller than the CSS font, then the osmotic excess and the note. */
  sub_px = fs;
  if (sub_px * self->sub_scale < floor_px)
    sub_px = ceil (floor_px / self->sub_scale);
  {
    g_autofree char *mv = ml_donnan_view_format_mv (self->result.vm_mv);
    g_autofree char *ratio = ml_format_fixed (self->result.ratio, 3, FALSE);
    g_autofree char *v_text = NULL, *r_text = NULL, *osm_text = NULL, *note_text = NULL;
    g_autofree char *anion = ml_ion_label ("A", self->valence);

    /* Translators: Pango markup, keep the tags; %s is a potential, e.g.
     * "−15.2 mV". */
    v_text = g_strdup_printf (_("<i>V</i><sub>in</sub> − <i>V</i><sub>out</sub> = %s"), mv);
    /* Translators: Pango markup, keep the tags; %s is the Donnan ratio,
     * e.g. "1.766". */
    r_text = g_strdup_printf (_("<i>r</i> = K<sub>in</sub>/K<sub>out</sub> = "
                                "Cl<sub>out</sub>/Cl<sub>in</sub> = %s"), ratio);
    osm_text = osmotic_text (self->result.osmotic_excess_mosm);
    /* Translators: %s is the impermeant anion, "A⁻". */
    note_text = g_strdup_printf (_("K⁺ and Cl⁻ cross the membrane, %s cannot."), anion);
    text_init (self, cr, &v, v_text, TRUE, sub_px, FALSE, 0, PANGO_ALIGN_LEFT);
    text_init (self, cr, &r, r_text, TRUE, sub_px, FALSE, 0, PANGO_ALIGN_LEFT);
    text_init (self, cr, &osm, osm_text, FALSE, fs, TRUE, 0, PANGO_ALIGN_LEFT);
    text_init (self, cr, &note, note_text, FALSE, fs, FALSE, 0, PANGO_ALIGN_LEFT);
  }
  row1_h = place_pair (&v, &r, avail, 2 * fs, gap, &r_dx, &r_dy);
  row2_h = place_pair (&osm, &note, avail, 2 * fs, gap, &note_dx, &note_dy);
  bottom_h = row1_h + gap + row2_h;

  /* The note repeats what the arrows show: it goes first when the
   * columns would have no room. */
  need = head_h + 0.25 * fs + 2 * ipad + lab_h + num_h + 0.15 * fs + 2.5 * fs;
  if (height - 2 * pad - bottom_h - 0.6 * fs < need)
    {
      text_clear (&note);
      row2_h = place_pair (&osm, &note, avail, 2 * fs, gap, &note_dx, &note_dy);
      bottom_h = row1_h + gap + row2_h;
    }

  comp_top = pad + head_h + 0.25 * fs;
  comp_bottom = MAX (height - pad - bottom_h - 0.6 * fs, comp_top + need - head_h - 0.25 * fs);
  base_y = comp_bottom - ipad - num_h - lab_h - 0.15 * fs;
  col_top = comp_top + ipad + 0.3 * fs;
  col_h = MAX (base_y - col_top, 0.0);
  col_w = MIN (0.55 * slot_w, 2.6 * fs);

  cmax = 1e-9;
  for (int side = 0; side < 2; side++)
    for (int i = 0; i < N_IONS; i++)
      cmax = MAX (cmax, values[side][i]);

  faint.alpha *= 0.04;
  edge.alpha *= 0.4;
  for (int side = 0; side < 2; side++)
    {
      double x = side == 0 ? pad : x_mem + mw;

      text_show (self, cr, &head[side], x, pad, &self->fg);

      rounded_rect (cr, x, comp_top, cw, comp_bottom - comp_top, 0.5 * fs);
      gdk_cairo_set_source_rgba (cr, &faint);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &edge);
      cairo_set_line_width (cr, line);
      if (side == 1 && !self->closed)
        {
          /* An open bath goes on beyond what is drawn. */
          double dash[2] = { 0.4 * fs, 0.25 * fs };

          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* The common baseline of the columns. */
      gdk_cairo_set_source_rgba (cr, &self->fg);
      cairo_set_line_width (cr, line);
      cairo_move_to (cr, x + ipad, base_y + line / 2);
      cairo_line_to (cr, x + cw - ipad, base_y + line / 2);
      cairo_stroke (cr);

      for (int i = 0; i < N_IONS; i++)
        {
          double sx = x + ipad + i * slot_w;
          double cx = sx + slot_w / 2;
          double h = col_h * values[side][i] / cmax;
          const GdkRGBA *color = i == ION_A ? &self->fg : &self->text_colors[i];

          column (self, cr, i, cx - col_w / 2, base_y - h, col_w, h, fs);
          text_show (self, cr, &labels[i], cx - labels[i].w / 2.0, base_y + 0.15 * fs, color);
          text_show (self, cr, &numbers[side][i], sx + 0.125 * fs, base_y + 0.15 * fs + lab_h,
                     &self->fg);
        }
    }

  /* The membrane: a bilayer between the compartments, crossed by K⁺ and
   * Cl⁻ both ways and closed to the anion. */
  {
    double bw = MIN (0.9 * fs, 0.3 * mw);
    double mx = x_mem + mw / 2;
    double band_h = (comp_bottom - comp_top) / N_IONS;
    double x0 = x_mem + 0.1 * mw, x1 = x_mem + 0.9 * mw;
    double tip = MAX (5.0, 0.45 * fs);
    GdkRGBA fill = self->fg;

    if (mem_head.layout != NULL)
      text_show (self, cr, &mem_head, mx - mem_head.w / 2.0, pad + head_h - mem_head.h,
                 &self->fg);

    fill.alpha *= 0.12;
    cairo_rectangle (cr, mx - bw / 2, comp_top, bw, comp_bottom - comp_top);
    gdk_cairo_set_source_rgba (cr, &fill);
    cairo_fill (cr);
    gdk_cairo_set_source_rgba (cr, &edge);
    cairo_set_line_width (cr, MAX (1.5, 0.1 * fs));
    for (int k = -1; k <= 1; k += 2)
      {
        cairo_move_to (cr, mx + k * bw / 2, comp_top);
        cairo_line_to (cr, mx + k * bw / 2, comp_bottom);
      }
    cairo_stroke (cr);

    for (int i = 0; i < N_IONS; i++)
      {
        double block = lab_h + 0.3 * fs + tip;
        double ty = comp_top + i * band_h + MAX (0.0, (band_h - block) / 2);
        double ay = ty + lab_h + 0.3 * fs + tip / 2;
        double lw = labels[i].w + 0.4 * fs;
        const GdkRGBA *text_color = i == ION_A ? &self->fg : &self->text_colors[i];

        if (i == ION_A)
          {
            double s = 0.4 * fs;

            arrow (cr, x0, x1, ay, MAX (2.0, 0.12 * fs), tip, FALSE, &self->ion_colors[i]);
            /* crossed out where it meets the membrane */
            gdk_cairo_set_source_rgba (cr, &self->fg);
            cairo_set_line_width (cr, MAX (2.0, 0.16 * fs));
            cairo_move_to (cr, mx - s, ay - s);
            cairo_line_to (cr, mx + s, ay + s);
            cairo_move_to (cr, mx - s, ay + s);
            cairo_line_to (cr, mx + s, ay - s);
            cairo_stroke (cr);
          }
        else
          arrow (cr, x0, x1, ay, MAX (2.0, 0.14 * fs), tip, TRUE, &self->ion_colors[i]);

        /* its name on a patch of the background, over the bilayer */
        rounded_rect (cr, mx - lw / 2, ty - 0.05 * fs, lw, lab_h + 0.1 * fs, 0.25 * fs);
        gdk_cairo_set_source_rgba (cr, &self->bg);
        cairo_fill (cr);
        text_show (self, cr, &labels[i], mx - labels[i].w / 2.0, ty, text_color);
      }
  }

  {
    double y = comp_bottom + 0.6 * fs;

    text_show (self, cr, &v, pad, y, &self->fg);
    text_show (self, cr, &r, pad + r_dx, y + r_dy, &self->fg);
    y += row1_h + gap;
    text_show (self, cr, &osm, pad, y, &self->fg);
    if (note.layout != NULL)
      text_show (self, cr, &note, pad + note_dx, y + note_dy, &self->fg);
  }

  for (int side = 0; side < 2; side++)
    {
      text_clear (&head[side]);
      for (int i = 0; i < N_IONS; i++)
        text_clear (&numbers[side][i]);
    }
  for (int i = 0; i < N_IONS; i++)
    text_clear (&labels[i]);
  text_clear (&mem_head);
  text_clear (&v);
  text_clear (&r);
  text_clear (&osm);
  text_clear (&note);
}

/* Vfuncs ---------------------------------------------------------------- */

static void
ml_donnan_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  MlDonnanView *self = ML_DONNAN_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  if (self->sub_scale <= 0.0)
    self->sub_scale = measure_sub_scale (widget);

  self->smallest_text_px = G_MAXDOUBLE;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
  if (self->smallest_text_px == G_MAXDOUBLE)
    self->smallest_text_px = 0.0;
}

static void
ml_donnan_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  MlDonnanView *self = ML_DONNAN_VIEW (widget);
  double floor_px = text_floor (self);

  /* Never too small for its text: the CSS font size sets the least room
   * (24 × 15 px = 360 px by 18 × 15 px = 270 px at Adwaita's 11 pt). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) MAX (360.0, ceil (24.0 * floor_px));
      *natural = MAX (720, *minimum);
    }
  else
    {
      *minimum = (int) MAX (280.0, ceil (18.0 * floor_px));
      *natural = MAX (340, *minimum);
    }
}

static void
ml_donnan_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  MlDonnanView *self = ML_DONNAN_VIEW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  const char *names[N_IONS] = { "K", "Cl", NULL };

  GTK_WIDGET_CLASS (ml_donnan_view_parent_class)->css_changed (widget, change);

  /* Theme colours are read here, once per theme change, not per frame. */
  gtk_style_context_get_color (context, &self->fg);
  self->dark = ml_widget_is_dark (widget);
  self->high_contrast = ml_widget_is_high_contrast (widget);
  if (!gtk_style_context_lookup_color (context, "window_bg_color", &self->bg))
    gdk_rgba_parse (&self->bg, self->dark ? "#242424" : "#fafafa");
  for (int i = 0; i < N_IONS; i++)
    {
      if (names[i] != NULL)
        {
          ml_ion_color (names[i], self->dark, &self->ion_colors[i]);
          ml_ion_text_color (names[i], self->dark, self->high_contrast, &self->text_colors[i]);
        }
      else
        {
          /* The anion is no ion of the palette: the text colour, in grey. */
          self->ion_colors[i] = self->fg;
          self->ion_colors[i].alpha *= 0.75;
          self->text_colors[i] = self->fg;
        }
    }

  self->text_scale = ml_drawn_text_scale (widget);
  {
    /* The CSS font size is the floor of the drawn text, as in the chart
     * recorder: presentation mode raises it. */
    const PangoFontDescription *desc =
      pango_context_get_font_description (gtk_widget_get_pango_context (widget));
    double size = desc != NULL ? pango_font_description_get_size (desc) / (double) PANGO_SCALE : 0.0;

    if (desc != NULL && !pango_font_description_get_size_is_absolute (desc))
      size *= 96.0 / 72.0;
    self->font_px = size > 0.0 ? size : 14.0;
  }
  self->sub_scale = 0.0;
  /* a larger font needs more room */
  gtk_widget_queue_resize (widget);
}

static void
ml_donnan_view_finalize (GObject *object)
{
  MlDonnanView *self = ML_DONNAN_VIEW (object);

  g_clear_pointer (&self->description, g_free);
  G_OBJECT_CLASS (ml_donnan_view_parent_class)->finalize (object);
}

static void
ml_donnan_view_class_init (MlDonnanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ml_donnan_view_finalize;

  widget_class->snapshot = ml_donnan_view_snapshot;
  widget_class->measure = ml_donnan_view_measure;
  widget_class->css_changed = ml_donnan_view_css_changed;

  gtk_widget_class_set_css_name (widget_class, "donnan-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ml_donnan_view_init (MlDonnanView *self)
{
  self->fg = (GdkRGBA) { 0.2, 0.2, 0.2, 1 };
  self->bg = (GdkRGBA) { 0.98, 0.98, 0.98, 1 };
  self->text_scale = 1.0;
  self->font_px = 14.0;
  self->valence = -1;
  ml_drawn_text_setup (GTK_WIDGET (self));
  /* Focusable, so a screen reader user reaches the description with Tab. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Donnan equilibrium"),
                                  -1);
  update_description (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
ml_donnan_view_new (void)
{
  return g_object_new (ML_TYPE_DONNAN_VIEW, NULL);
}

/**
 * ml_donnan_view_set_result:
 * @self: a Donnan view
 * @result: (nullable): the core's equilibrium, copied; NULL when undefined
 * @anion_mm: the impermeant anion inside, mM
 * @valence: its valence, ML_DONNAN_VALENCE_MIN to ML_DONNAN_VALENCE_MAX
 * @closed: whether the outside is a closed compartment
 *
 * Sets what the picture and its description show.
 */
void
ml_donnan_view_set_result (MlDonnanView   *self,
                           const MlDonnan *result,
                           double          anion_mm,
                           int             valence,
                           gboolean        closed)
{
  MlDonnan zero = { 0 };

  g_return_if_fail (ML_IS_DONNAN_VIEW (self));
  g_return_if_fail (ml_donnan_valence_is_valid (valence));

  if (result == NULL)
    result = &zero;
  if (self->defined == (result != &zero) && self->anion_mm == anion_mm
      && self->valence == valence && self->closed == !!closed
      && memcmp (&self->result, result, sizeof *result) == 0)
    return;

  self->defined = result != &zero;
  self->result = *result;
  self->anion_mm = anion_mm;
  self->valence = valence;
  self->closed = !!closed;
  g_debug ("result: V %.3f mV, r %.4f%s", result->vm_mv, result->ratio,
           self->defined ? "" : " (undefined)");
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
ml_donnan_view_get_description (MlDonnanView *self)
{
  g_return_val_if_fail (ML_IS_DONNAN_VIEW (self), NULL);
  return self->description;
}

double
ml_donnan_view_get_smallest_text (MlDonnanView *self)
{
  g_return_val_if_fail (ML_IS_DONNAN_VIEW (self), 0.0);
  return self->smallest_text_px;
}

char *
ml_donnan_view_format_mv (double mv)
{
  return ml_format_millivolts (mv, 1, TRUE);
}
