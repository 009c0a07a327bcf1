/* ml-plot-draw.c — the plots of a cell, drawn with cairo and Pango
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing of the Plots page's widget, without GTK, so that membrane-calc
 * can write the same figures: V_m against outside K⁺ with the Nernst line,
 * the I–V curves with their cursor, V_m against temperature.  Every point
 * comes from the core (ml-curves.h).
 */
#include "config.h"

#include "ml-plot-draw.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ml-format.h"
#include "ml-palette.h"

static void
set_rgba (cairo_t      *cr,
          const MlRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static void
ion_shape (const char *name,
           gboolean    dark,
           MlRgba     *out)
{
  ml_palette_ion (name, dark, FALSE, FALSE, out);
}

static void
ion_text (const char *name,
          gboolean    dark,
          gboolean    high_contrast,
          MlRgba     *out)
{
  ml_palette_ion (name, dark, TRUE, high_contrast, out);
}

double
ml_draw_text_px (double px)
{
  double step;

  if (!isfinite (px) || px < 1.0)
    return 1.0;
  step = px < 24.0 ? 1.0 : px < 48.0 ? 2.0 : 4.0;
  return MAX (1.0, step * floor (px / step));
}

#define text_px ml_draw_text_px

void
ml_draw_layout_set_markup (PangoLayout *layout,
                           const char  *markup,
                           double       px)
{
  g_autofree char *expanded = ml_draw_markup (markup, px);

  if (pango_parse_markup (expanded, -1, 0, NULL, NULL, NULL, NULL))
    pango_layout_set_markup (layout, expanded, -1);
  else
    pango_layout_set_text (layout, markup != NULL ? markup : "", -1);
}

char *
ml_draw_markup (const char *markup,
                double      px)
{
  g_autofree char *sub = g_strdup_printf ("<span size=\"70%%\" rise=\"%d\">",
                                          -(int)(0.2 * px * PANGO_SCALE));
  g_autofree char *sup = g_strdup_printf ("<span size=\"70%%\" rise=\"%d\">",
                                          (int)(0.4 * px * PANGO_SCALE));
  GString *s = g_string_new (NULL);
  const char *p = markup != NULL ? markup : "";

  while (*p != '\0')
    {
      if (g_str_has_prefix (p, "<sub>") || g_str_has_prefix (p, "<sup>"))
        {
          g_string_append (s, p[3] == 'b' ? sub : sup);
          p += 5;
        }
      else if (g_str_has_prefix (p, "</sub>") || g_str_has_prefix (p, "</sup>"))
        {
          g_string_append (s, "</span>");
          p += 6;
        }
      else
        g_string_append_c (s, *p++);
    }
  return g_string_free (s, FALSE);
}

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
layout_at (cairo_t       *cr,
           const char    *text,
           gboolean       markup,
           double         px,
           gboolean       bold,
           double         x,
           double         y,
           double         xalign,
           double         yalign,
           const MlRgba  *color)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (markup)
    ml_draw_layout_set_markup (layout, text, px);
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  set_rgba (cr, color);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
}

#define text_at(cr, text, ...) layout_at ((cr), (text), FALSE, __VA_ARGS__)
/* Pango markup: V<sub>m</sub>, as the handout typesets it. */
#define markup_at(cr, text, ...) layout_at ((cr), (text), TRUE, __VA_ARGS__)

/* Axes, grid and tick labels; the titles under and beside them. */
static void
draw_frame (const MlPlotStyle *self,
            cairo_t     *cr,
            const Frame *f,
            const char  *x_title,
            const char  *y_title)
{
  MlRgba grid = self->fg, dim = self->fg;
  double step;

  grid.alpha = 0.15;
  dim.alpha = ml_palette_secondary_alpha (self->high_contrast, 0.75);
  cairo_set_line_width (cr, 1.0);

  /* x ticks: decades on a log axis, round numbers otherwise. */
  if (f->log_x)
    {
      for (double x = f->x0; x <= f->x1 * 1.0001; x *= 10.0)
        {
          g_autofree char *label = ml_format_significant (x, 3);
          double px = floor (fx (f, x)) + 0.5;

          set_rgba (cr, &grid);
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

          set_rgba (cr, &grid);
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

      set_rgba (cr, &grid);
      cairo_move_to (cr, f->left, py);
      cairo_line_to (cr, f->right, py);
      cairo_stroke (cr);
      text_at (cr, label, 0.85 * f->font, FALSE, f->left - 0.3 * f->font, py, 1.0, 0.5, &dim);
    }
  set_rgba (cr, &grid);
  cairo_rectangle (cr, floor (f->left) + 0.5, floor (f->top) + 0.5,
                   floor (f->right - f->left), floor (f->bottom - f->top));
  cairo_stroke (cr);
  markup_at (cr, x_title, 0.9 * f->font, TRUE, f->right, f->bottom + 1.5 * f->font, 1.0, 0.0, &dim);
  markup_at (cr, y_title, 0.9 * f->font, TRUE, f->left, f->top - 0.3 * f->font, 0.0, 1.0, &dim);
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
     const MlRgba  *color)
{
  set_rgba (cr, color);
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

/* A legend: what each line and mark of the plot is, in a box put in the
 * corner of the frame that covers the fewest points of the curves, so no
 * label lies on a curve. */
typedef enum
{
  KEY_SOLID,
  KEY_DASHED,
  KEY_DOTTED,
  KEY_OPEN_DOT,
  KEY_FILLED_DOT,
  KEY_TEXT,       /* a note, no mark */
} KeyKind;

typedef struct
{
  KeyKind  kind;
  MlRgba   color;
  double   width;     /* of the line, px */
  char    *text;
} Key;

typedef struct
{
  const double   *x;
  const double   *y;
  const gboolean *defined;
  guint           n;
} Trace;

#define MAX_KEYS 8

static PangoLayout *
key_layout (cairo_t    *cr,
            const char *text,
            double      px)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  ml_draw_layout_set_markup (layout, text, px);
  return layout;
}

static guint
points_in (const Frame *f,
           const Trace *traces,
           guint        n_traces,
           double       x,
           double       y,
           double       w,
           double       h)
{
  guint count = 0;

  for (guint t = 0; t < n_traces; t++)
    for (guint i = 0; i < traces[t].n; i++)
      {
        double px, py;

        if (traces[t].defined != NULL && !traces[t].defined[i])
          continue;
        if (f->log_x && !(traces[t].x[i] > 0.0))
          continue;
        px = fx (f, traces[t].x[i]);
        py = fy (f, traces[t].y[i]);
        if (px >= x && px <= x + w && py >= y && py <= y + h)
          count++;
      }
  return count;
}

static void
draw_legend (const MlPlotStyle *self,
             cairo_t           *cr,
             const Frame       *f,
             Key               *keys,
             guint              n_keys,
             const Trace       *traces,
             guint              n_traces)
{
  double px = 0.85 * f->font, pad = 0.45 * f->font, swatch = 2.4 * f->font;
  double row = 1.3 * px, text_w = 0.0, w, h, best_x = 0.0, best_y = 0.0;
  guint best = G_MAXUINT;
  MlRgba bg = self->dark ? (MlRgba) { 0.12f, 0.12f, 0.12f, 0.9f }
                         : (MlRgba) { 1.0f, 1.0f, 1.0f, 0.9f };
  MlRgba edge = self->fg;

  if (n_keys == 0)
    return;
  for (guint k = 0; k < n_keys; k++)
    {
      g_autoptr (PangoLayout) layout = key_layout (cr, keys[k].text, px);
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      text_w = MAX (text_w, lw + (keys[k].kind == KEY_TEXT ? 0.0 : swatch + 0.4 * f->font));
      row = MAX (row, lh * 1.1);
    }
  w = text_w + 2 * pad;
  h = n_keys * row + 2 * pad;

  /* The corners, top left first: a V_m–K⁺ plot rises to the right. */
  {
    double inset = 0.4 * f->font;
    double xs[4] = { f->left + inset, f->right - inset - w, f->right - inset - w, f->left + inset };
    double ys[4] = { f->top + inset, f->top + inset, f->bottom - inset - h, f->bottom - inset - h };

    for (guint c = 0; c < 4; c++)
      {
        guint n = points_in (f, traces, n_traces, xs[c], ys[c], w, h);

        if (n < best)
          {
            best = n;
            best_x = xs[c];
            best_y = ys[c];
          }
      }
  }

  set_rgba (cr, &bg);
  cairo_rectangle (cr, best_x, best_y, w, h);
  cairo_fill_preserve (cr);
  edge.alpha = 0.4;
  set_rgba (cr, &edge);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  for (guint k = 0; k < n_keys; k++)
    {
      double y = best_y + pad + (k + 0.5) * row;
      double x = best_x + pad;
      double tx = keys[k].kind == KEY_TEXT ? x : x + swatch + 0.4 * f->font;
      g_autoptr (PangoLayout) layout = key_layout (cr, keys[k].text, px);
      int lw, lh;

      cairo_save (cr);
      set_rgba (cr, &keys[k].color);
      cairo_set_line_width (cr, keys[k].width);
      switch (keys[k].kind)
        {
        case KEY_DASHED:
          {
            double dash[2] = { 0.6 * f->font, 0.35 * f->font };

            cairo_set_dash (cr, dash, 2, 0);
          }
          G_GNUC_FALLTHROUGH;
        case KEY_SOLID:
        case KEY_DOTTED:
          if (keys[k].kind == KEY_DOTTED)
            {
              double dash[2] = { 0.01, 0.3 * f->font };

              cairo_set_dash (cr, dash, 2, 0);
            }
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x + swatch, y);
          cairo_stroke (cr);
          break;
        case KEY_OPEN_DOT:
        case KEY_FILLED_DOT:
          dot (cr, x + swatch / 2.0, y, 0.4 * f->font, keys[k].kind == KEY_FILLED_DOT,
               &keys[k].color);
          break;
        case KEY_TEXT:
        default:
          break;
        }
      cairo_restore (cr);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      set_rgba (cr, &self->fg);
      cairo_move_to (cr, tx, y - lh / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
keys_clear (Key   *keys,
            guint  n)
{
  for (guint k = 0; k < n; k++)
    g_clear_pointer (&keys[k].text, g_free);
}

static void
draw_kout (const MlPlotStyle *self,
           const MlPlotData  *data,
           cairo_t *cr,
           Frame   *f)
{
  const MlKoutCurve *c = data->kout;
  MlRgba k_line;
  double lo = 0.0, hi = 0.0;
  gboolean any = FALSE;

  ion_shape ("K", self->dark, &k_line);

  for (guint i = 0; i < c->n; i++)
    {
      if (c->vm_defined[i])
        {
          lo = any ? MIN (lo, c->vm[i]) : c->vm[i];
          hi = any ? MAX (hi, c->vm[i]) : c->vm[i];
          any = TRUE;
        }
      if (c->has_cl && c->vm_cl_defined[i])
        {
          lo = any ? MIN (lo, c->vm_cl[i]) : c->vm_cl[i];
          hi = any ? MAX (hi, c->vm_cl[i]) : c->vm_cl[i];
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
  draw_frame (self, cr, f, _("K⁺ outside (mM, log scale)"), _("V<sub>m</sub> (mV)"));

  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->right - f->left, f->bottom - f->top);
  cairo_clip (cr);
  /* The Nernst line of K⁺, dashed, and V_m of the GHK balance. */
  {
    double dash[2] = { 0.6 * f->font, 0.35 * f->font };

    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, MAX (1.5, 0.12 * f->font));
    set_rgba (cr, &k_line);
    polyline (cr, f, c->k_out, c->e_k, c->e_defined, c->n);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  cairo_set_line_width (cr, MAX (2.5, 0.2 * f->font));
  set_rgba (cr, &self->fg);
  polyline (cr, f, c->k_out, c->vm, c->vm_defined, c->n);
  cairo_stroke (cr);
  /* After Cl⁻ has redistributed: dotted, in the same ink. */
  if (c->has_cl)
    {
      double dash[2] = { 0.01, 0.3 * f->font };

      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, MAX (3.0, 0.24 * f->font));
      polyline (cr, f, c->k_out, c->vm_cl, c->vm_cl_defined, c->n);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* Measured points, open circles. */
  for (guint i = 0; i < data->n_measured; i++)
    {
      double k = data->measured_k[i];
      double v = data->measured_vm[i];

      if (k >= f->x0 && k <= f->x1)
        dot (cr, fx (f, k), fy (f, v), 0.4 * f->font, FALSE, &self->fg);
    }
  /* The cell as it is. */
  if (c->now_defined && c->now_k_out >= f->x0 && c->now_k_out <= f->x1)
    dot (cr, fx (f, c->now_k_out), fy (f, c->now_vm), 0.35 * f->font, TRUE, &self->fg);
  cairo_restore (cr);

  /* What each line and mark is. */
  {
    Key keys[MAX_KEYS] = { { 0 } };
    Trace traces[4] = {
      { c->k_out, c->vm, c->vm_defined, c->n },
      { c->k_out, c->e_k, c->e_defined, c->n },
      { c->k_out, c->vm_cl, c->vm_cl_defined, c->has_cl ? c->n : 0 },
      { data->measured_k, data->measured_vm, NULL, data->n_measured },
    };
    g_autofree char *slope = ml_format_fixed (c->slope, 1, FALSE);
    guint n = 0;

    keys[n++] = (Key) { KEY_SOLID, self->fg, MAX (2.5, 0.2 * f->font),
                        g_strdup (c->has_cl ? _("V<sub>m</sub> at once (Cl⁻ inside as it was)")
                                            : _("V<sub>m</sub>")) };
    if (c->has_cl)
      keys[n++] = (Key) { KEY_DOTTED, self->fg, MAX (3.0, 0.24 * f->font),
                          /* Translators: the plot's legend, the second V_m curve. */
                          g_strdup (_("V<sub>m</sub> once Cl⁻ has redistributed "
                                      "(E<sub>Cl</sub> = V<sub>m</sub>; K⁺ inside held)")) };
    /* Translators: the plot's legend, the Nernst line: "E_K, 61.5 mV per
     * tenfold K⁺". */
    keys[n++] = (Key) { KEY_DASHED, k_line, MAX (1.5, 0.12 * f->font),
                        g_strdup_printf (_("E<sub>K</sub>, %s mV per tenfold K⁺"), slope) };
    if (data->n_measured > 0)
      keys[n++] = (Key) { KEY_OPEN_DOT, self->fg, 1.0, g_strdup (_("V<sub>m</sub> measured")) };
    if (c->now_defined)
      {
        g_autofree char *vm = ml_format_millivolts (c->now_vm, 1, TRUE);
        g_autofree char *k = ml_format_significant (c->now_k_out, 3);

        /* Translators: the plot's legend, the present point, "the cell now:
         * −69.1 mV at 5 mM". */
        keys[n++] = (Key) { KEY_FILLED_DOT, self->fg, 1.0,
                            g_strdup_printf (_("the cell now: %s at %s mM"), vm, k) };
      }
    keys[n++] = (Key) { KEY_TEXT, self->fg, 1.0,
                        g_strdup (c->trade_na ? _("Na⁺ outside traded for K⁺, mole for mole")
                                              : _("Na⁺ outside kept as it is")) };
    draw_legend (self, cr, f, keys, n, traces, G_N_ELEMENTS (traces));
    keys_clear (keys, n);
  }
}

static void
draw_iv (const MlPlotStyle *self,
         const MlPlotData  *data,
         cairo_t *cr,
         Frame   *f)
{
  const MlIvCurve *c = data->iv;
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
  draw_frame (self, cr, f, _("V (mV)"), _("Current (µA/cm², outward up)"));

  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->right - f->left, f->bottom - f->top);
  cairo_clip (cr);
  /* The zero line. */
  {
    MlRgba zero = self->fg;

    zero.alpha = 0.5;
    cairo_set_line_width (cr, 1.0);
    set_rgba (cr, &zero);
    cairo_move_to (cr, f->left, floor (fy (f, 0.0)) + 0.5);
    cairo_line_to (cr, f->right, floor (fy (f, 0.0)) + 0.5);
    cairo_stroke (cr);
  }
  for (guint k = 0; k < c->n_ions; k++)
    {
      MlRgba line, text;

      if (!c->permeant[k])
        continue;
      ion_shape (c->names[k], self->dark, &line);
      ion_text (c->names[k], self->dark, self->high_contrast, &text);
      cairo_set_line_width (cr, MAX (2.0, 0.15 * f->font));
      set_rgba (cr, &line);
      polyline (cr, f, c->v, c->i[k], NULL, c->n);
      cairo_stroke (cr);
      /* Its reversal potential, a tick on the zero line. */
      if (c->e_state[k] == ML_NERNST_DEFINED && c->e[k] > f->x0 && c->e[k] < f->x1)
        {
          g_autofree char *name = g_markup_escape_text (c->names[k], -1);
          g_autofree char *e = g_strdup_printf ("E<sub>%s</sub>", name);
          double x = fx (f, c->e[k]), y = fy (f, 0.0);

          set_rgba (cr, &line);
          cairo_move_to (cr, x, y - 0.5 * f->font);
          cairo_line_to (cr, x, y + 0.5 * f->font);
          cairo_stroke (cr);
          markup_at (cr, e, 0.85 * f->font, TRUE, x, y + 0.6 * f->font, 0.5, 0.0, &text);
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
        MlRgba text;

        ion_text (c->names[k], self->dark, self->high_contrast, &text);
        text_at (cr, label, 0.9 * f->font, TRUE, fx (f, c->v[j]) + 0.4 * f->font, ys[a], 0.0, 0.5,
                 &text);
      }
  }
  {
    double dash[2] = { 0.4 * f->font, 0.3 * f->font };

    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, MAX (1.5, 0.12 * f->font));
    set_rgba (cr, &self->fg);
    polyline (cr, f, c->v, c->pump, NULL, c->n);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  cairo_set_line_width (cr, MAX (3.0, 0.24 * f->font));
  set_rgba (cr, &self->fg);
  polyline (cr, f, c->v, c->total, NULL, c->n);
  cairo_stroke (cr);
  if (c->rest_defined)
    dot (cr, fx (f, c->rest), fy (f, 0.0), 0.4 * f->font, TRUE, &self->fg);
  /* The cursor and what it reads. */
  if (data->have_cursor)
    {
      MlRgba cur = self->fg;
      double x = fx (f, data->cursor);
      g_autoptr (GString) s = g_string_new (NULL);
      g_autofree char *v = ml_format_millivolts (data->cursor, 1, TRUE);
      double y = f->top + 0.4 * f->font;

      cur.alpha = 0.6;
      cairo_set_line_width (cr, 1.5);
      set_rgba (cr, &cur);
      cairo_move_to (cr, floor (x) + 0.5, f->top);
      cairo_line_to (cr, floor (x) + 0.5, f->bottom);
      cairo_stroke (cr);
      text_at (cr, v, 0.9 * f->font, TRUE, x + 0.4 * f->font, y, 0.0, 0.0, &self->fg);
      for (guint k = 0; k < data->at_cursor.n_ions; k++)
        {
          const MlIonResult *r = &data->at_cursor.ions[k];
          g_autofree char *label = ml_ion_label (r->ion.name, r->ion.z);
          g_autofree char *i = ml_format_fixed (r->current_ua_cm2, 3, TRUE);
          g_autofree char *line = g_strdup_printf ("%s %s", label, i);
          MlRgba color;

          if (!r->permeant)
            continue;
          ion_text (r->ion.name, self->dark, self->high_contrast, &color);
          y += 1.25 * f->font;
          text_at (cr, line, 0.85 * f->font, FALSE, x + 0.4 * f->font, y, 0.0, 0.0, &color);
        }
    }
  cairo_restore (cr);

  /* The total and the pump in a legend, where no curve runs. */
  {
    Key keys[MAX_KEYS] = { { 0 } };
    Trace traces[ML_MAX_IONS + 3];
    double cursor_x[32], cursor_y[32];
    guint n = 0, t = 0;

    for (guint k = 0; k < c->n_ions; k++)
      if (c->permeant[k])
        traces[t++] = (Trace) { c->v, c->i[k], NULL, c->n };
    traces[t++] = (Trace) { c->v, c->pump, NULL, c->n };
    traces[t++] = (Trace) { c->v, c->total, NULL, c->n };
    /* The cursor's line and its readout beside it, at the top, count as
     * curves: the legend keeps off them. */
    if (data->have_cursor)
      {
        double dv = (f->x1 - f->x0) * 9.0 * f->font / MAX (f->right - f->left, 1.0);
        double rows = 1.25 * (data->at_cursor.n_ions + 1) * f->font;
        double dy = (f->y1 - f->y0) * rows / MAX (f->bottom - f->top, 1.0);

        for (guint a = 0; a < G_N_ELEMENTS (cursor_x); a++)
          {
            guint col = a / 8, row = a % 8;

            /* Column 0 runs down the line; columns 1–3 fill the readout. */
            cursor_x[a] = data->cursor + col * dv / 3.0;
            cursor_y[a] = col == 0 ? f->y0 + (f->y1 - f->y0) * row / 7.0
                                   : f->y1 - dy * row / 7.0;
          }
        traces[t++] = (Trace) { cursor_x, cursor_y, NULL, G_N_ELEMENTS (cursor_x) };
      }
    if (c->rest_defined)
      {
        g_autofree char *vm = ml_format_millivolts (c->rest, 1, TRUE);

        /* Translators: the I–V plot's legend, the thick curve and the dot
         * where it crosses zero. */
        keys[n++] = (Key) { KEY_SOLID, self->fg, MAX (3.0, 0.24 * f->font),
                            g_strdup_printf (_("the total; ● V<sub>rest</sub> %s, where it "
                                               "crosses zero"), vm) };
      }
    else
      keys[n++] = (Key) { KEY_SOLID, self->fg, MAX (3.0, 0.24 * f->font),
                          g_strdup (_("the total")) };
    keys[n++] = (Key) { KEY_DASHED, self->fg, MAX (1.5, 0.12 * f->font),
                        g_strdup (_("the pump")) };
    draw_legend (self, cr, f, keys, n, traces, t);
    keys_clear (keys, n);
  }
}

static void
draw_temperature (const MlPlotStyle *self,
                  const MlPlotData  *data,
                  cairo_t *cr,
                  Frame   *f)
{
  const MlTemperatureCurve *c = data->temp;
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
  draw_frame (self, cr, f, _("Temperature (°C)"), _("V<sub>m</sub> (mV)"));

  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->right - f->left, f->bottom - f->top);
  cairo_clip (cr);
  {
    double dash[2] = { 0.5 * f->font, 0.3 * f->font };

    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, MAX (2.0, 0.15 * f->font));
    set_rgba (cr, &self->fg);
    polyline (cr, f, c->t, c->vm_held, c->defined, c->n);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  cairo_set_line_width (cr, MAX (3.0, 0.22 * f->font));
  set_rgba (cr, &self->fg);
  polyline (cr, f, c->t, c->vm, c->defined, c->n);
  cairo_stroke (cr);
  dot (cr, fx (f, c->now_t), fy (f, c->now_vm), 0.35 * f->font, TRUE, &self->fg);
  cairo_restore (cr);
  {
    Key keys[MAX_KEYS] = { { 0 } };
    Trace traces[2] = { { c->t, c->vm, c->defined, c->n }, { c->t, c->vm_held, c->defined, c->n } };
    guint n = 0;

    keys[n++] = (Key) { KEY_SOLID, self->fg, MAX (3.0, 0.22 * f->font),
                        g_strdup (_("V<sub>m</sub>, the pump’s rate following T")) };
    keys[n++] = (Key) { KEY_DASHED, self->fg, MAX (2.0, 0.15 * f->font),
                        g_strdup (_("the pump’s rate held (RT/F alone)")) };
    draw_legend (self, cr, f, keys, n, traces, G_N_ELEMENTS (traces));
    keys_clear (keys, n);
  }
}

void
ml_plot_draw_data (const MlPlotData  *data,
                   const MlPlotStyle *self,
                   cairo_t           *cr,
                   int                width,
                   int                height)
{
  Frame f = { 0 };

  g_return_if_fail (data != NULL && self != NULL);
  if (width < 100 || height < 100)
    return;

  f.font = text_px (MAX (MAX (14.0, self->font_px), MIN (width / 1.6, (double)height) / 36.0)
                             * self->text_scale);
  f.left = 4.5 * f.font;
  f.right = width - 1.5 * f.font;
  f.top = 2.0 * f.font;
  f.bottom = height - 3.2 * f.font;
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (data->kind == ML_PLOT_KOUT && data->kout != NULL)
    draw_kout (self, data, cr, &f);
  else if (data->kind == ML_PLOT_IV && data->iv != NULL)
    draw_iv (self, data, cr, &f);
  else if (data->kind == ML_PLOT_TEMPERATURE && data->temp != NULL)
    draw_temperature (self, data, cr, &f);
  else
    text_at (cr, _("This cell has no K⁺: there is no K⁺ curve to draw"), f.font, TRUE,
             width / 2.0, height / 2.0, 0.5, 0.5, &self->fg);
}


void
ml_plot_style_init_print (MlPlotStyle *style)
{
  g_return_if_fail (style != NULL);
  *style = (MlPlotStyle) { { 0.1f, 0.1f, 0.1f, 1.0f }, FALSE, FALSE, 14.0, 1.0 };
}

double
ml_plot_iv_v_at (const MlPlotStyle *style,
                 int                width,
                 int                height,
                 double             x)
{
  double font = text_px (MAX (MAX (14.0, style->font_px), MIN (width / 1.6, (double)height) / 36.0)
                         * style->text_scale);
  double left = 4.5 * font, right = width - 1.5 * font;

  if (!(right > left))
    return ML_PLOT_IV_FROM;
  return ML_PLOT_IV_FROM + (x - left) / (right - left) * (ML_PLOT_IV_TO - ML_PLOT_IV_FROM);
}
