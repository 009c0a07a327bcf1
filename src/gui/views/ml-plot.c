/* ml-plot.c — the plots of a cell: V_m against outside K⁺, I–V, V_m against T
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every point comes from the core (ml-curves.h), computed again after each
 * change of the session's cell; the widget draws axes with units, the
 * curves in the ion colours with text labels, and says in its accessible
 * description what a sighted user reads from the picture: the slope, the
 * crossing, the present point, the currents at the cursor.
 */
#define G_LOG_DOMAIN "ml-plot"

#include "config.h"

#include "ml-plot.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml-curves.h"
#include "ml-drawn-text.h"
#include "ml-format.h"
#include "ml-ion-colors.h"
#include "ml-view-session.h"

#define N_KOUT 200
#define N_IV   251
#define N_TEMP 46
#define IV_FROM -150.0
#define IV_TO    100.0

struct _MlPlot
{
  GtkWidget            parent_instance;

  MlPlotKind           kind;
  MlSession           *session;
  gboolean             trade_na;
  double               cursor;
  GArray              *measured_k;   /* double */
  GArray              *measured_vm;

  MlKoutCurve         *kout;
  MlIvCurve           *iv;
  MlTemperatureCurve  *temp;
  MlSolution           at_cursor;
  gboolean             have_cursor;
  double               t_c;

  GdkRGBA              fg;
  gboolean             dark;
  gboolean             high_contrast;
  double               text_scale;
  double               font_px;
  char                *summary;
};

G_DEFINE_FINAL_TYPE (MlPlot, ml_plot, GTK_TYPE_WIDGET)

typedef struct
{
  double x0, x1, y0, y1;       /* the data range */
  double left, right, top, bottom;
  gboolean log_x;
  double font;
} Frame;

static inline double
fx (const Frame *f,
    double       x)
{
  double t = f->log_x ? (log10 (x) - log10 (f->x0)) / (log10 (f->x1) - log10 (f->x0))
                      : (x - f->x0) / (f->x1 - f->x0);

  return f->left + t * (f->right - f->left);
}

/* Not clamped: the plot clips, and a line beyond the axis must not run
 * along its edge. */
static inline double
fy (const Frame *f,
    double       y)
{
  y = CLAMP (y, f->y0 - 10.0 * (f->y1 - f->y0), f->y1 + 10.0 * (f->y1 - f->y0));
  return f->bottom - (y - f->y0) / (f->y1 - f->y0) * (f->bottom - f->top);
}

static double
nice_step (double span,
           int    ticks)
{
  double raw = span / MAX (ticks, 1);
  double mag = pow (10.0, floor (log10 (raw)));
  double r = raw / mag;

  return (r <= 1.0 ? 1.0 : r <= 2.0 ? 2.0 : r <= 5.0 ? 5.0 : 10.0) * mag;
}

static void
text_at (cairo_t       *cr,
         const char    *text,
         double         px,
         gboolean       bold,
         double         x,
         double         y,
         double         xalign,
         double         yalign,
         const GdkRGBA *color)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
}

/* Axes, grid and tick labels; the titles under and beside them. */
static void
draw_frame (MlPlot      *self,
            cairo_t     *cr,
            const Frame *f,
            const char  *x_title,
            const char  *y_title)
{
  GdkRGBA grid = self->fg, dim = self->fg;
  double step;

  grid.alpha = 0.15;
  dim.alpha = 0.75;
  cairo_set_line_width (cr, 1.0);

  /* x ticks: decades on a log axis, round numbers otherwise. */
  if (f->log_x)
    {
      for (double x = f->x0; x <= f->x1 * 1.0001; x *= 10.0)
        {
          g_autofree char *label = ml_format_significant (x, 3);
          double px = floor (fx (f, x)) + 0.5;

          gdk_cairo_set_source_rgba (cr, &grid);
          cairo_move_to (cr, px, f->top);
          cairo_line_to (cr, px, f->bottom);
          cairo_stroke (cr);
          text_at (cr, label, 0.85 * f->font, FALSE, px, f->bottom + 0.3 * f->font, 0.5, 0.0, &dim);
        }
    }
  else
    {
      step = nice_step (f->x1 - f->x0, 6);
      for (double x = ceil (f->x0 / step) * step; x <= f->x1 + 1e-9; x += step)
        {
          g_autofree char *label = ml_format_fixed (x, 0, FALSE);
          double px = floor (fx (f, x)) + 0.5;

          gdk_cairo_set_source_rgba (cr, &grid);
          cairo_move_to (cr, px, f->top);
          cairo_line_to (cr, px, f->bottom);
          cairo_stroke (cr);
          text_at (cr, label, 0.85 * f->font, FALSE, px, f->bottom + 0.3 * f->font, 0.5, 0.0, &dim);
        }
    }
  step = nice_step (f->y1 - f->y0, 6);
  for (double y = ceil (f->y0 / step) * step; y <= f->y1 + 1e-9; y += step)
    {
      g_autofree char *label = ml_format_significant (fabs (y) < 1e-9 * step ? 0.0 : y, 4);
      double py = floor (fy (f, y)) + 0.5;

      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_move_to (cr, f->left, py);
      cairo_line_to (cr, f->right, py);
      cairo_stroke (cr);
      text_at (cr, label, 0.85 * f->font, FALSE, f->left - 0.3 * f->font, py, 1.0, 0.5, &dim);
    }
  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_rectangle (cr, floor (f->left) + 0.5, floor (f->top) + 0.5,
                   floor (f->right - f->left), floor (f->bottom - f->top));
  cairo_stroke (cr);
  text_at (cr, x_title, 0.9 * f->font, TRUE, f->right, f->bottom + 1.5 * f->font, 1.0, 0.0, &dim);
  text_at (cr, y_title, 0.9 * f->font, TRUE, f->left, f->top - 0.3 * f->font, 0.0, 1.0, &dim);
}

static void
polyline (cairo_t       *cr,
          const Frame   *f,
          const double  *x,
          const double  *y,
          const gboolean *defined,
          guint          n)
{
  gboolean open = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (defined != NULL && !defined[i])
        {
          open = FALSE;
          continue;
        }
      if (!open)
        cairo_move_to (cr, fx (f, x[i]), fy (f, y[i]));
      else
        cairo_line_to (cr, fx (f, x[i]), fy (f, y[i]));
      open = TRUE;
    }
}

static void
dot (cairo_t       *cr,
     double         x,
     double         y,
     double         r,
     gboolean       filled,
     const GdkRGBA *color)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  if (filled)
    cairo_fill (cr);
  else
    {
      cairo_set_line_width (cr, MAX (1.5, r / 3.0));
      cairo_stroke (cr);
    }
}

static void
draw_kout (MlPlot  *self,
           cairo_t *cr,
           Frame   *f)
{
  const MlKoutCurve *c = self->kout;
  GdkRGBA k_line, k_text;
  double lo = 0.0, hi = 0.0;
  gboolean any = FALSE;

  ml_ion_color ("K", self->dark, &k_line);
  ml_ion_text_color ("K", self->dark, self->high_contrast, &k_text);

  for (guint i = 0; i < c->n; i++)
    {
      if (c->vm_defined[i])
        {
          lo = any ? MIN (lo, c->vm[i]) : c->vm[i];
          hi = any ? MAX (hi, c->vm[i]) : c->vm[i];
          any = TRUE;
        }
      if (c->e_defined[i])
        {
          lo = any ? MIN (lo, c->e_k[i]) : c->e_k[i];
          hi = any ? MAX (hi, c->e_k[i]) : c->e_k[i];
          any = TRUE;
        }
    }
  f->x0 = c->k_out[0];
  f->x1 = c->k_out[c->n - 1];
  f->log_x = TRUE;
  f->y0 = MAX (-200.0, floor ((any ? lo : -100.0) / 20.0) * 20.0);
  f->y1 = MIN (150.0, ceil ((any ? hi : 40.0) / 20.0) * 20.0);
  draw_frame (self, cr, f, _("K⁺ outside (mM, log scale)"), _("V_m (mV)"));

  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->right - f->left, f->bottom - f->top);
  cairo_clip (cr);
  /* The Nernst line of K⁺, dashed, and V_m of the GHK balance. */
  {
    double dash[2] = { 0.6 * f->font, 0.35 * f->font };

    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, MAX (1.5, 0.12 * f->font));
    gdk_cairo_set_source_rgba (cr, &k_line);
    polyline (cr, f, c->k_out, c->e_k, c->e_defined, c->n);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  cairo_set_line_width (cr, MAX (2.5, 0.2 * f->font));
  gdk_cairo_set_source_rgba (cr, &self->fg);
  polyline (cr, f, c->k_out, c->vm, c->vm_defined, c->n);
  cairo_stroke (cr);

  /* Measured points, open circles. */
  for (guint i = 0; self->measured_k != NULL && i < self->measured_k->len; i++)
    {
      double k = g_array_index (self->measured_k, double, i);
      double v = g_array_index (self->measured_vm, double, i);

      if (k >= f->x0 && k <= f->x1)
        dot (cr, fx (f, k), fy (f, v), 0.4 * f->font, FALSE, &self->fg);
    }
  /* The cell as it is. */
  if (c->now_defined && c->now_k_out >= f->x0 && c->now_k_out <= f->x1)
    dot (cr, fx (f, c->now_k_out), fy (f, c->now_vm), 0.35 * f->font, TRUE, &self->fg);
  cairo_restore (cr);

  /* The slope, written on the Nernst line near its upper end. */
  {
    g_autofree char *slope = ml_format_fixed (c->slope, 1, FALSE);
    /* Translators: on the Nernst line of the plot, "E_K: 61.5 mV per
     * tenfold K⁺". */
    g_autofree char *text = g_strdup_printf (_("E_K: %s mV per tenfold K⁺"), slope);
    guint j = (guint)(0.8 * (c->n - 1));

    if (c->e_defined[j])
      text_at (cr, text, f->font, TRUE, fx (f, c->k_out[j]) - 0.3 * f->font,
               fy (f, c->e_k[j]) - 0.3 * f->font, 1.0, 1.0, &k_text);
  }
  {
    guint j = 2;

    if (c->vm_defined[j])
      text_at (cr, c->trade_na ? _("V_m (Na⁺ traded for K⁺)") : _("V_m (Na⁺ kept)"), f->font,
               TRUE, fx (f, c->k_out[j]), fy (f, c->vm[j]) - 0.6 * f->font, 0.0, 1.0, &self->fg);
  }
  if (c->now_defined)
    {
      g_autofree char *vm = ml_format_millivolts (c->now_vm, 1, TRUE);
      g_autofree char *k = ml_format_significant (c->now_k_out, 3);
      /* Translators: the present point, "now −69.1 mV at 5 mM". */
      g_autofree char *text = g_strdup_printf (_("now %s at %s mM"), vm, k);

      text_at (cr, text, 0.9 * f->font, FALSE, fx (f, c->now_k_out) + 0.6 * f->font,
               fy (f, c->now_vm) + 0.3 * f->font, 0.0, 0.0, &self->fg);
    }
}

static void
draw_iv (MlPlot  *self,
         cairo_t *cr,
         Frame   *f)
{
  const MlIvCurve *c = self->iv;
  double lo = 0.0, hi = 0.0, span;

  double centre = c->rest_defined ? c->rest : -70.0;

  for (guint j = 0; j < c->n; j++)
    {
      /* The range from 40 mV either side of rest: far from it the currents
       * grow without bound and would flatten the Na⁺ leak to a line. */
      if (c->v[j] < centre - 40.0 || c->v[j] > centre + 40.0)
        continue;
      lo = MIN (lo, c->total[j]);
      hi = MAX (hi, c->total[j]);
      for (guint k = 0; k < c->n_ions; k++)
        if (c->permeant[k])
          {
            lo = MIN (lo, c->i[k][j]);
            hi = MAX (hi, c->i[k][j]);
          }
    }
  span = MAX (hi - lo, 1e-3);
  f->x0 = c->v[0];
  f->x1 = c->v[c->n - 1];
  f->log_x = FALSE;
  f->y0 = lo - 0.08 * span;
  f->y1 = hi + 0.08 * span;
  draw_frame (self, cr, f, _("V (mV)"), _("Current (µA/cm², outward up; dashed: the pump; thick: the total)"));

  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->right - f->left, f->bottom - f->top);
  cairo_clip (cr);
  /* The zero line. */
  {
    GdkRGBA zero = self->fg;

    zero.alpha = 0.5;
    cairo_set_line_width (cr, 1.0);
    gdk_cairo_set_source_rgba (cr, &zero);
    cairo_move_to (cr, f->left, floor (fy (f, 0.0)) + 0.5);
    cairo_line_to (cr, f->right, floor (fy (f, 0.0)) + 0.5);
    cairo_stroke (cr);
  }
  for (guint k = 0; k < c->n_ions; k++)
    {
      GdkRGBA line, text;

      if (!c->permeant[k])
        continue;
      ml_ion_color (c->names[k], self->dark, &line);
      ml_ion_text_color (c->names[k], self->dark, self->high_contrast, &text);
      cairo_set_line_width (cr, MAX (2.0, 0.15 * f->font));
      gdk_cairo_set_source_rgba (cr, &line);
      polyline (cr, f, c->v, c->i[k], NULL, c->n);
      cairo_stroke (cr);
      /* Its reversal potential, a tick on the zero line. */
      if (c->e_state[k] == ML_NERNST_DEFINED && c->e[k] > f->x0 && c->e[k] < f->x1)
        {
          g_autofree char *label = ml_ion_label (c->names[k], c->z[k]);
          g_autofree char *e = g_strdup_printf ("E %s", label);
          double x = fx (f, c->e[k]), y = fy (f, 0.0);

          gdk_cairo_set_source_rgba (cr, &line);
          cairo_move_to (cr, x, y - 0.5 * f->font);
          cairo_line_to (cr, x, y + 0.5 * f->font);
          cairo_stroke (cr);
          text_at (cr, e, 0.85 * f->font, TRUE, x, y + 0.6 * f->font, 0.5, 0.0, &text);
        }
    }
  /* Each ion's name beside its curve at 35 mV above rest, pushed apart so
   * that close curves keep readable labels. */
  {
    double x_label = MIN (centre + 35.0, f->x1 - 10.0);
    guint j = 0;
    double ys[ML_MAX_IONS];
    guint order[ML_MAX_IONS], m = 0;

    while (j + 1 < c->n && c->v[j] < x_label)
      j++;
    for (guint k = 0; k < c->n_ions; k++)
      if (c->permeant[k])
        {
          ys[m] = CLAMP (fy (f, c->i[k][j]), f->top + f->font, f->bottom - f->font);
          order[m++] = k;
        }
    for (guint a = 0; a < m; a++)
      for (guint b = a + 1; b < m; b++)
        if (ys[b] < ys[a])
          {
            double t = ys[a];
            guint o = order[a];

            ys[a] = ys[b];
            ys[b] = t;
            order[a] = order[b];
            order[b] = o;
          }
    for (guint a = 1; a < m; a++)
      ys[a] = MAX (ys[a], ys[a - 1] + 1.15 * f->font);
    for (guint a = 0; a < m; a++)
      {
        guint k = order[a];
        g_autofree char *label = ml_ion_label (c->names[k], c->z[k]);
        GdkRGBA text;

        ml_ion_text_color (c->names[k], self->dark, self->high_contrast, &text);
        text_at (cr, label, 0.9 * f->font, TRUE, fx (f, c->v[j]) + 0.4 * f->font, ys[a], 0.0, 0.5,
                 &text);
      }
  }
  {
    double dash[2] = { 0.4 * f->font, 0.3 * f->font };

    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, MAX (1.5, 0.12 * f->font));
    gdk_cairo_set_source_rgba (cr, &self->fg);
    polyline (cr, f, c->v, c->pump, NULL, c->n);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  cairo_set_line_width (cr, MAX (3.0, 0.24 * f->font));
  gdk_cairo_set_source_rgba (cr, &self->fg);
  polyline (cr, f, c->v, c->total, NULL, c->n);
  cairo_stroke (cr);
  if (c->rest_defined)
    {
      g_autofree char *vm = ml_format_millivolts (c->rest, 1, TRUE);
      /* Translators: where the total current crosses zero. */
      g_autofree char *text = g_strdup_printf (_("V_rest %s: the total crosses zero"), vm);

      dot (cr, fx (f, c->rest), fy (f, 0.0), 0.4 * f->font, TRUE, &self->fg);
      /* Under the plot's top edge, left of the cursor's readout. */
      text_at (cr, text, 0.9 * f->font, TRUE, f->left + 0.5 * f->font, f->bottom - 0.4 * f->font,
               0.0, 1.0, &self->fg);
    }
  /* The cursor and what it reads. */
  if (self->have_cursor)
    {
      GdkRGBA cur = self->fg;
      double x = fx (f, self->cursor);
      g_autoptr (GString) s = g_string_new (NULL);
      g_autofree char *v = ml_format_millivolts (self->cursor, 1, TRUE);
      double y = f->top + 0.4 * f->font;

      cur.alpha = 0.6;
      cairo_set_line_width (cr, 1.5);
      gdk_cairo_set_source_rgba (cr, &cur);
      cairo_move_to (cr, floor (x) + 0.5, f->top);
      cairo_line_to (cr, floor (x) + 0.5, f->bottom);
      cairo_stroke (cr);
      text_at (cr, v, 0.9 * f->font, TRUE, x + 0.4 * f->font, y, 0.0, 0.0, &self->fg);
      for (guint k = 0; k < self->at_cursor.n_ions; k++)
        {
          const MlIonResult *r = &self->at_cursor.ions[k];
          g_autofree char *label = ml_ion_label (r->ion.name, r->ion.z);
          g_autofree char *i = ml_format_fixed (r->current_ua_cm2, 3, TRUE);
          g_autofree char *line = g_strdup_printf ("%s %s", label, i);
          GdkRGBA color;

          if (!r->permeant)
            continue;
          ml_ion_text_color (r->ion.name, self->dark, self->high_contrast, &color);
          y += 1.25 * f->font;
          text_at (cr, line, 0.85 * f->font, FALSE, x + 0.4 * f->font, y, 0.0, 0.0, &color);
        }
    }
  cairo_restore (cr);
}

static void
draw_temperature (MlPlot  *self,
                  cairo_t *cr,
                  Frame   *f)
{
  const MlTemperatureCurve *c = self->temp;
  double lo = 0.0, hi = 0.0;
  gboolean any = FALSE;

  for (guint j = 0; j < c->n; j++)
    if (c->defined[j])
      {
        double a = MIN (c->vm[j], c->vm_held[j]), b = MAX (c->vm[j], c->vm_held[j]);

        lo = any ? MIN (lo, a) : a;
        hi = any ? MAX (hi, b) : b;
        any = TRUE;
      }
  f->x0 = c->t[0];
  f->x1 = c->t[c->n - 1];
  f->log_x = FALSE;
  f->y0 = floor ((any ? lo : -100.0) / 5.0) * 5.0 - 5.0;
  f->y1 = ceil ((any ? hi : 0.0) / 5.0) * 5.0 + 5.0;
  draw_frame (self, cr, f, _("Temperature (°C)"), _("V_m (mV)"));

  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->right - f->left, f->bottom - f->top);
  cairo_clip (cr);
  {
    double dash[2] = { 0.5 * f->font, 0.3 * f->font };

    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, MAX (2.0, 0.15 * f->font));
    gdk_cairo_set_source_rgba (cr, &self->fg);
    polyline (cr, f, c->t, c->vm_held, c->defined, c->n);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  cairo_set_line_width (cr, MAX (3.0, 0.22 * f->font));
  gdk_cairo_set_source_rgba (cr, &self->fg);
  polyline (cr, f, c->t, c->vm, c->defined, c->n);
  cairo_stroke (cr);
  dot (cr, fx (f, c->now_t), fy (f, c->now_vm), 0.35 * f->font, TRUE, &self->fg);
  cairo_restore (cr);
  {
    guint j = c->n / 10;

    if (c->defined[j])
      {
        text_at (cr, _("V_m, the pump’s rate following T"), f->font, TRUE, fx (f, c->t[j]),
                 fy (f, c->vm[j]) - 0.4 * f->font, 0.0, 1.0, &self->fg);
        text_at (cr, _("dashed: the pump’s rate held (RT/F alone)"), f->font, FALSE,
                 fx (f, c->t[j]), fy (f, c->vm_held[j]) + 1.1 * f->font, 0.0, 0.0, &self->fg);
      }
  }
}

void
ml_plot_draw (MlPlot  *self,
              cairo_t *cr,
              int      width,
              int      height)
{
  Frame f = { 0 };

  g_return_if_fail (ML_IS_PLOT (self));
  if (width < 100 || height < 100)
    return;

  f.font = ml_drawn_text_px (MAX (MAX (14.0, self->font_px), MIN (width / 1.6, (double)height) / 36.0)
                             * self->text_scale);
  f.left = 4.5 * f.font;
  f.right = width - 1.5 * f.font;
  f.top = 2.0 * f.font;
  f.bottom = height - 3.2 * f.font;
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (self->kind == ML_PLOT_KOUT && self->kout != NULL)
    draw_kout (self, cr, &f);
  else if (self->kind == ML_PLOT_IV && self->iv != NULL)
    draw_iv (self, cr, &f);
  else if (self->kind == ML_PLOT_TEMPERATURE && self->temp != NULL)
    draw_temperature (self, cr, &f);
  else
    text_at (cr, _("This cell has no K⁺: there is no K⁺ curve to draw"), f.font, TRUE,
             width / 2.0, height / 2.0, 0.5, 0.5, &self->fg);
}

/* Data and words ------------------------------------------------------------ */

static void
update_summary (MlPlot *self)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (self->kind == ML_PLOT_KOUT && self->kout != NULL)
    {
      const MlKoutCurve *c = self->kout;
      g_autofree char *slope = ml_format_fixed (c->slope, 1, FALSE);

      /* Translators: the plot's spoken summary. */
      g_string_append_printf (s, _("V_m against K⁺ outside, log scale. The Nernst line of K⁺ rises "
                                   "%s mV per tenfold K⁺."), slope);
      if (c->now_defined)
        {
          g_autofree char *vm = ml_format_millivolts (c->now_vm, 1, TRUE);
          g_autofree char *k = ml_format_significant (c->now_k_out, 3);

          g_string_append_c (s, ' ');
          g_string_append_printf (s, _("Now %s at %s mM."), vm, k);
        }
      /* Where V_m is at 10 and at 100 mM: the slope a student reads. */
      for (guint d = 0; d < 2; d++)
        if (c->decade_defined[d])
          {
            g_autofree char *vm = ml_format_millivolts (c->vm_decade[d], 1, TRUE);

            g_string_append_c (s, ' ');
            g_string_append_printf (s, _("At %s mM, %s."), d == 0 ? "10" : "100", vm);
          }
      if (self->measured_k != NULL && self->measured_k->len > 0)
        {
          g_string_append_c (s, ' ');
          g_string_append_printf (s, ngettext ("%u measured point.", "%u measured points.",
                                               self->measured_k->len), self->measured_k->len);
        }
    }
  else if (self->kind == ML_PLOT_IV && self->iv != NULL)
    {
      if (self->iv->rest_defined)
        {
          g_autofree char *vm = ml_format_millivolts (self->iv->rest, 1, TRUE);

          g_string_append_printf (s, _("I–V curves. The total current crosses zero at V_rest %s."),
                                  vm);
        }
      else
        g_string_append (s, _("I–V curves. The total current does not cross zero."));
      if (self->have_cursor)
        {
          g_autofree char *v = ml_format_millivolts (self->cursor, 1, TRUE);

          g_string_append_c (s, ' ');
          /* Translators: followed by each ion's current, "K⁺ +0.751". */
          g_string_append_printf (s, _("At the cursor, %s:"), v);
          for (guint k = 0; k < self->at_cursor.n_ions; k++)
            {
              const MlIonResult *r = &self->at_cursor.ions[k];
              g_autofree char *label = ml_ion_label (r->ion.name, r->ion.z);
              g_autofree char *i = ml_format_fixed (r->current_ua_cm2, 3, TRUE);

              if (r->permeant)
                g_string_append_printf (s, " %s %s,", label, i);
            }
          {
            g_autofree char *p = ml_format_fixed (self->at_cursor.pump_current_ua_cm2, 3, TRUE);
            g_autofree char *t = ml_format_fixed (self->at_cursor.net_current_ua_cm2, 3, TRUE);

            /* Translators: the pump's and the total current at the cursor. */
            g_string_append_printf (s, _(" pump %s, total %s µA/cm²."), p, t);
          }
        }
    }
  else if (self->kind == ML_PLOT_TEMPERATURE && self->temp != NULL)
    {
      const MlTemperatureCurve *c = self->temp;
      g_autofree char *vm = ml_format_millivolts (c->now_vm, 1, TRUE);
      g_autofree char *t = ml_format_significant (c->now_t, 3);
      g_autofree char *v0 = ml_format_millivolts (c->vm[0], 1, TRUE);
      g_autofree char *h0 = ml_format_millivolts (c->vm_held[0], 1, TRUE);
      g_autofree char *t0 = ml_format_significant (c->t[0], 3);

      g_string_append_printf (s, _("V_m against temperature. Now %s at %s °C. At %s °C, %s; with "
                                   "the pump’s rate held, %s."), vm, t, t0, v0, h0);
    }

  if (g_strcmp0 (s->str, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_strdup (s->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary, -1);
    }
}

static void
recompute (MlPlot *self)
{
  MlCell *cell;

  g_clear_pointer (&self->kout, ml_kout_curve_free);
  g_clear_pointer (&self->iv, ml_iv_curve_free);
  g_clear_pointer (&self->temp, ml_temperature_curve_free);
  self->have_cursor = FALSE;
  if (self->session == NULL)
    return;
  cell = ml_session_get_cell (self->session);
  switch (self->kind)
    {
    case ML_PLOT_KOUT:
      self->kout = ml_kout_curve_new (cell, 0.1, 1000.0, N_KOUT, self->trade_na);
      break;
    case ML_PLOT_IV:
      self->iv = ml_iv_curve_new (cell, IV_FROM, IV_TO, N_IV);
      ml_iv_at (cell, self->cursor, &self->at_cursor);
      self->have_cursor = TRUE;
      break;
    case ML_PLOT_TEMPERATURE:
    default:
      self->temp = ml_temperature_curve_new (cell, 0.0, 45.0, N_TEMP);
      break;
    }
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
solved_cb (MlPlot    *self,
           MlSession *session)
{
  recompute (self);
}

/* Widget ------------------------------------------------------------------ */

static void
ml_plot_snapshot (GtkWidget   *widget,
                  GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ml_plot_draw (ML_PLOT (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
ml_plot_css_changed (GtkWidget         *widget,
                     GtkCssStyleChange *change)
{
  MlPlot *self = ML_PLOT (widget);
  const PangoFontDescription *desc;
  double size;

  GTK_WIDGET_CLASS (ml_plot_parent_class)->css_changed (widget, change);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &self->fg);
  self->dark = ml_widget_is_dark (widget);
  self->high_contrast = ml_widget_is_high_contrast (widget);
  self->text_scale = ml_drawn_text_scale (widget);
  desc = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  size = desc != NULL ? pango_font_description_get_size (desc) / (double)PANGO_SCALE : 0.0;
  if (desc != NULL && !pango_font_description_get_size_is_absolute (desc))
    size *= 96.0 / 72.0;
  self->font_px = size > 0.0 ? size : 14.0;
  gtk_widget_queue_draw (widget);
}

static void
ml_plot_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 560;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MlPlot                *self)
{
  double step = (state & GDK_SHIFT_MASK) ? 10.0 : 1.0;

  if (self->kind != ML_PLOT_IV)
    return FALSE;
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    ml_plot_set_cursor (self, self->cursor - step);
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    ml_plot_set_cursor (self, self->cursor + step);
  else if (keyval == GDK_KEY_Home && self->iv != NULL && self->iv->rest_defined)
    ml_plot_set_cursor (self, round (self->iv->rest));
  else
    return FALSE;
  return TRUE;
}

static void
click_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          MlPlot          *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  Frame f = { 0 };

  if (self->kind != ML_PLOT_IV)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* The same frame as ml_plot_draw's, for x. */
  f.font = ml_drawn_text_px (MAX (MAX (14.0, self->font_px),
                                  MIN (width / 1.6, (double)gtk_widget_get_height (GTK_WIDGET (self))) / 36.0)
                             * self->text_scale);
  f.left = 4.5 * f.font;
  f.right = width - 1.5 * f.font;
  if (f.right > f.left)
    ml_plot_set_cursor (self, IV_FROM + (x - f.left) / (f.right - f.left) * (IV_TO - IV_FROM));
}

static void
ml_plot_dispose (GObject *object)
{
  MlPlot *self = ML_PLOT (object);

  ml_view_follow_session (self, &self->session, NULL, G_CALLBACK (solved_cb));
  G_OBJECT_CLASS (ml_plot_parent_class)->dispose (object);
}

static void
ml_plot_finalize (GObject *object)
{
  MlPlot *self = ML_PLOT (object);

  g_clear_pointer (&self->kout, ml_kout_curve_free);
  g_clear_pointer (&self->iv, ml_iv_curve_free);
  g_clear_pointer (&self->temp, ml_temperature_curve_free);
  g_clear_pointer (&self->measured_k, g_array_unref);
  g_clear_pointer (&self->measured_vm, g_array_unref);
  g_free (self->summary);
  G_OBJECT_CLASS (ml_plot_parent_class)->finalize (object);
}

static void
ml_plot_class_init (MlPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_plot_dispose;
  object_class->finalize = ml_plot_finalize;
  widget_class->snapshot = ml_plot_snapshot;
  widget_class->css_changed = ml_plot_css_changed;
  widget_class->measure = ml_plot_measure;
  gtk_widget_class_set_css_name (widget_class, "plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ml_plot_init (MlPlot *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->fg = (GdkRGBA) { 0, 0, 0, 1 };
  self->text_scale = 1.0;
  self->font_px = 14.0;
  self->trade_na = TRUE;
  self->cursor = -70.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (click, "pressed", G_CALLBACK (click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

static const char *
kind_name (MlPlotKind kind)
{
  switch (kind)
    {
    case ML_PLOT_KOUT:
      return _("V_m against outside K⁺");
    case ML_PLOT_IV:
      return _("I–V curves (arrow keys move the cursor)");
    case ML_PLOT_TEMPERATURE:
    default:
      return _("V_m against temperature");
    }
}

GtkWidget *
ml_plot_new (MlPlotKind kind)
{
  MlPlot *self = g_object_new (ML_TYPE_PLOT, NULL);

  ml_plot_set_kind (self, kind);
  return GTK_WIDGET (self);
}

MlPlotKind
ml_plot_get_kind (MlPlot *self)
{
  g_return_val_if_fail (ML_IS_PLOT (self), ML_PLOT_KOUT);
  return self->kind;
}

void
ml_plot_set_kind (MlPlot     *self,
                  MlPlotKind  kind)
{
  g_return_if_fail (ML_IS_PLOT (self));
  self->kind = kind;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind_name (kind), -1);
  recompute (self);
}

void
ml_plot_set_session (MlPlot    *self,
                     MlSession *session)
{
  g_return_if_fail (ML_IS_PLOT (self));
  if (!ml_view_follow_session (self, &self->session, session, G_CALLBACK (solved_cb)))
    return;
  recompute (self);
}

void
ml_plot_set_trade_na (MlPlot   *self,
                      gboolean  trade)
{
  g_return_if_fail (ML_IS_PLOT (self));
  self->trade_na = !!trade;
  recompute (self);
}

void
ml_plot_set_measured (MlPlot       *self,
                      const double *k_out,
                      const double *vm,
                      guint         n)
{
  g_return_if_fail (ML_IS_PLOT (self));
  g_clear_pointer (&self->measured_k, g_array_unref);
  g_clear_pointer (&self->measured_vm, g_array_unref);
  self->measured_k = g_array_new (FALSE, FALSE, sizeof (double));
  self->measured_vm = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n; i++)
    if (isfinite (k_out[i]) && isfinite (vm[i]) && k_out[i] > 0.0)
      {
        g_array_append_val (self->measured_k, k_out[i]);
        g_array_append_val (self->measured_vm, vm[i]);
      }
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
ml_plot_get_cursor (MlPlot *self)
{
  g_return_val_if_fail (ML_IS_PLOT (self), 0.0);
  return self->cursor;
}

void
ml_plot_set_cursor (MlPlot *self,
                    double  v_mv)
{
  g_return_if_fail (ML_IS_PLOT (self));
  self->cursor = CLAMP (isfinite (v_mv) ? v_mv : -70.0, IV_FROM, IV_TO);
  if (self->session != NULL && self->kind == ML_PLOT_IV)
    {
      ml_iv_at (ml_session_get_cell (self->session), self->cursor, &self->at_cursor);
      self->have_cursor = TRUE;
      update_summary (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
ml_plot_get_summary (MlPlot *self)
{
  g_return_val_if_fail (ML_IS_PLOT (self), NULL);
  return self->summary;
}
