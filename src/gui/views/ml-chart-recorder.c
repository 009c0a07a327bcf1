/* ml-chart-recorder.c — the time course of a simulation, drawn
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three panels on one time axis, as a lab's chart recorder would write
 * them: V_m with each ion's E as thin lines in the ion colours; the inside
 * concentrations; the cell volume.  A dashed line marks each event, with its
 * label.  The widget draws what the simulation recorded and computes no
 * physics.  A trace of many thousand samples is reduced to the smallest and
 * largest value in each pixel column, so a redraw costs the width of the
 * chart, not the length of the run.
 */
#define G_LOG_DOMAIN "ml-chart-recorder"

#include "config.h"

#include "ml-chart-recorder.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml-drawn-text.h"
#include "ml-format.h"
#include "ml-ion-colors.h"
#include "ml-palette.h"

/* E beyond these is drawn at the edge of the V_m panel (E_Ca is +130 mV). */
#define V_AXIS_MIN  -130.0
#define V_AXIS_MAX   100.0
/* The shortest time axis, so a fresh run does not fill the chart at once. */
#define MIN_SPAN_S   30.0

struct _MlChartRecorder
{
  GtkWidget      parent_instance;

  MlSimulation  *sim;
  MlSimulation  *shadow;
  char          *shadow_label;
  char          *summary;
  GPtrArray     *placed;         /* EndLabel: the voltage panel's, as last drawn */

  GdkRGBA        fg;
  gboolean       dark;
  gboolean       high_contrast;
  double         text_scale;
  double         font_px;        /* the widget's CSS font size, in px */

  /* The spoken summary is rebuilt at most once a second, and at once when
   * an event is marked or the run pauses. */
  gint64         summary_us;
  guint          summary_marks;
  MlSimulationStop summary_stop;
};

G_DEFINE_FINAL_TYPE (MlChartRecorder, ml_chart_recorder, GTK_TYPE_WIDGET)

typedef enum
{
  TRACE_VM,
  TRACE_E,
  TRACE_C,
  TRACE_VOLUME,
} TraceKind;

typedef struct
{
  double x, y, w, h;     /* the panel */
  double lo, hi;         /* its value range */
} Panel;

typedef struct
{
  double t_max;          /* the time axis: 0 … t_max seconds */
  double unit_s;         /* seconds per unit of the axis labels */
  const char *unit;      /* "s", "min", "h", "d" */
  double left, right;    /* plot area */
  double font;           /* px */
  double small;          /* tick labels and marks, px: never below the CSS font */
  double label;          /* titles and line labels, px */
  double dim;            /* the opacity of tick labels and titles */
} Axis;

/* Values ------------------------------------------------------------------ */

static gboolean
sample_value (const MlSimulationSample *s,
              TraceKind                 kind,
              guint                     ion,
              double                   *value)
{
  switch (kind)
    {
    case TRACE_VM:
      *value = s->vm_mv;
      return s->vm_defined;
    case TRACE_E:
      *value = s->e_mv[ion];
      return ion < s->n_ions && s->e_state[ion] == ML_NERNST_DEFINED;
    case TRACE_C:
      *value = s->c_in[ion];
      return ion < s->n_ions;
    case TRACE_VOLUME:
    default:
      *value = 100.0 * s->volume;
      return TRUE;
    }
}

static double
nice_step (double span,
           int    ticks)
{
  double raw = span / MAX (ticks, 1);
  double mag = pow (10.0, floor (log10 (raw)));
  double f = raw / mag;

  if (f <= 1.0)
    return mag;
  if (f <= 2.0)
    return 2.0 * mag;
  if (f <= 5.0)
    return 5.0 * mag;
  return 10.0 * mag;
}

static void
choose_time_unit (Axis *axis)
{
  if (axis->t_max <= 180.0)
    {
      axis->unit_s = 1.0;
      axis->unit = C_("time unit", "s");
    }
  else if (axis->t_max <= 3.0 * 3600.0)
    {
      axis->unit_s = 60.0;
      axis->unit = C_("time unit", "min");
    }
  else if (axis->t_max <= 72.0 * 3600.0)
    {
      axis->unit_s = 3600.0;
      axis->unit = C_("time unit", "h");
    }
  else
    {
      axis->unit_s = 86400.0;
      axis->unit = C_("time unit", "d");
    }
}

static inline double
x_of (const Axis *axis,
      double      t)
{
  return axis->left + (axis->right - axis->left) * t / axis->t_max;
}

static inline double
y_of (const Panel *p,
      double       v)
{
  v = CLAMP (v, p->lo, p->hi);
  return p->y + p->h * (p->hi - v) / (p->hi - p->lo);
}

/* Text ------------------------------------------------------------------ */

static PangoLayout *
layout_new (cairo_t    *cr,
            const char *text,
            double      px,
            gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
show_text (cairo_t       *cr,
           const char    *text,
           double         px,
           gboolean       bold,
           double         x,
           double         y,
           double         xalign,
           double         yalign,
           const GdkRGBA *color,
           double        *width)
{
  g_autoptr (PangoLayout) layout = layout_new (cr, text, px, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
  if (width != NULL)
    *width = w;
}

static double
text_width (cairo_t    *cr,
            const char *text,
            double      px,
            gboolean    bold)
{
  g_autoptr (PangoLayout) layout = layout_new (cr, text, px, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Traces ------------------------------------------------------------------ */

/* A polyline that leaves out points within half a pixel of the line so
 * far: a smooth trace of thousands of samples becomes a few hundred
 * segments, a step stays a step. */
typedef struct
{
  cairo_t  *cr;
  gboolean  open;
  double    lx, ly;      /* the last point drawn */
  double    px, py;      /* the last point given, not drawn yet */
  gboolean  pending;
} Polyline;

static void
poly_point (Polyline *pl,
            double    x,
            double    y)
{
  if (!pl->open)
    {
      cairo_move_to (pl->cr, x, y);
      pl->open = TRUE;
      pl->lx = x;
      pl->ly = y;
      pl->pending = FALSE;
      return;
    }
  if (fabs (y - pl->ly) < 0.5 && x - pl->lx < 48.0)
    {
      pl->px = x;
      pl->py = y;
      pl->pending = TRUE;
      return;
    }
  /* Where the trace turned: draw to the last quiet point first. */
  if (pl->pending && (pl->px != x || pl->py != y))
    cairo_line_to (pl->cr, pl->px, pl->py);
  cairo_line_to (pl->cr, x, y);
  pl->lx = x;
  pl->ly = y;
  pl->pending = FALSE;
}

static void
poly_end (Polyline *pl)
{
  if (pl->open && pl->pending)
    cairo_line_to (pl->cr, pl->px, pl->py);
  pl->open = FALSE;
  pl->pending = FALSE;
}

/* One path through the samples, reduced to each pixel column's first,
 * smallest, largest and last value; a gap where the value is undefined. */
static void
trace_path (cairo_t      *cr,
            MlSimulation *sim,
            TraceKind     kind,
            guint         ion,
            const Axis   *axis,
            const Panel  *panel)
{
  guint n;
  const MlSimulationSample *samples = ml_simulation_get_samples (sim, &n);
  gboolean have = FALSE;
  long column = 0;
  double first = 0, lo = 0, hi = 0, last = 0, x = 0;
  Polyline pl = { cr, FALSE, 0, 0, 0, 0, FALSE };

  for (guint i = 0; i <= n; i++)
    {
      const MlSimulationSample *s = i < n ? &samples[i] : NULL;
      double v = 0.0, sx = 0.0;
      gboolean defined = s != NULL && sample_value (s, kind, ion, &v);
      long col = 0;

      /* An E off the scale is not drawn along the edge: its label says
       * where it is. */
      if (defined && kind == TRACE_E && (v > panel->hi || v < panel->lo))
        defined = FALSE;

      if (s != NULL)
        {
          sx = x_of (axis, s->t_s);
          col = lround (floor (sx));
        }

      /* Flush the column when it ends: its extremes only where they
       * stand out from its ends. */
      if (have && (s == NULL || !defined || col != column))
        {
          double yf = y_of (panel, first), yl = y_of (panel, last);
          double ylo = y_of (panel, lo), yhi = y_of (panel, hi);

          poly_point (&pl, x, yf);
          if (fabs (ylo - yf) >= 0.5 && fabs (ylo - yl) >= 0.5)
            poly_point (&pl, x, ylo);
          if (fabs (yhi - yf) >= 0.5 && fabs (yhi - yl) >= 0.5)
            poly_point (&pl, x, yhi);
          if (yl != yf)
            poly_point (&pl, x, yl);
          have = FALSE;
        }
      if (!defined)
        {
          poly_end (&pl);
          continue;
        }
      if (!have)
        {
          first = lo = hi = v;
          column = col;
          have = TRUE;
        }
      lo = MIN (lo, v);
      hi = MAX (hi, v);
      last = v;
      x = sx;
    }
  poly_end (&pl);
}

static void
panel_frame (cairo_t       *cr,
             const Panel   *p,
             const Axis    *axis,
             const GdkRGBA *fg,
             double         step)
{
  GdkRGBA grid = *fg, dim = *fg;

  grid.alpha = 0.15;
  dim.alpha = axis->dim;
  cairo_set_line_width (cr, 1.0);
  for (double v = ceil (p->lo / step) * step; v <= p->hi + 1e-9; v += step)
    {
      g_autofree char *label = ml_format_significant (v, 4);
      double y = y_of (p, v);

      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_move_to (cr, p->x, floor (y) + 0.5);
      cairo_line_to (cr, p->x + p->w, floor (y) + 0.5);
      cairo_stroke (cr);
      show_text (cr, label, axis->small, FALSE, p->x - 0.3 * axis->font, y, 1.0, 0.5,
                 &dim, NULL);
    }
  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_rectangle (cr, floor (p->x) + 0.5, floor (p->y) + 0.5, floor (p->w), floor (p->h));
  cairo_stroke (cr);
}

/* A panel's title in its top left corner, over the traces on a patch of
 * the background so that a line passing under it does not cross it. */
static void
panel_title (cairo_t       *cr,
             const Panel   *p,
             const Axis    *axis,
             const char    *title,
             const GdkRGBA *fg,
             gboolean       dark)
{
  g_autoptr (PangoLayout) layout = layout_new (cr, title, axis->label, TRUE);
  GdkRGBA dim = *fg;
  GdkRGBA bg = dark ? (GdkRGBA) { 0.14, 0.14, 0.14, 0.85 } : (GdkRGBA) { 0.98, 0.98, 0.98, 0.85 };
  int w, h;

  dim.alpha = axis->dim;
  pango_layout_get_pixel_size (layout, &w, &h);
  gdk_cairo_set_source_rgba (cr, &bg);
  cairo_rectangle (cr, p->x + 1, p->y + 1, w + 0.6 * axis->font, h + 0.2 * axis->font);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, &dim);
  cairo_move_to (cr, p->x + 0.3 * axis->font, p->y + 0.1 * axis->font);
  pango_cairo_show_layout (cr, layout);
}

/* The label at a line's right end, moved down until it clears the labels
 * above it. */
static void
end_label (cairo_t       *cr,
           const char    *text,
           const Axis    *axis,
           double         y,
           double        *taken,
           guint         *n_taken,
           const GdkRGBA *color,
           gboolean       bold)
{
  double h = 1.05 * axis->label * 1.25;

  for (guint i = 0; i < *n_taken; i++)
    if (fabs (y - taken[i]) < h)
      y = taken[i] + h;
  if (*n_taken < 32)
    taken[(*n_taken)++] = y;
  show_text (cr, text, axis->label, bold, axis->right + 0.4 * axis->font, y, 0.0, 0.5,
             color, NULL);
}

/* A label for a line's right end in the voltage panel: placed with the
 * others in the order of their lines, top to bottom, so a label never
 * stands below one whose line is lower (E_Cl above E_K stays above). */
typedef struct
{
  char     *text;
  double    line_y;   /* where its line ends */
  double    y;        /* where it is drawn */
  GdkRGBA   color;
  gboolean  bold;
} EndLabel;

static void
end_label_free (gpointer data)
{
  EndLabel *l = data;

  g_free (l->text);
  g_free (l);
}

static void
queue_end_label (GPtrArray     *labels,
                 const char    *text,
                 double         y,
                 const GdkRGBA *color,
                 gboolean       bold)
{
  EndLabel *l = g_new0 (EndLabel, 1);

  l->text = g_strdup (text);
  l->line_y = y;
  l->color = *color;
  l->bold = bold;
  g_ptr_array_add (labels, l);
}

static int
compare_line_y (gconstpointer a,
                gconstpointer b)
{
  const EndLabel *la = *(EndLabel * const *) a;
  const EndLabel *lb = *(EndLabel * const *) b;

  return (la->line_y > lb->line_y) - (la->line_y < lb->line_y);
}

/* Top to bottom, each at its line or just below the label above it. */
static void
place_end_labels (cairo_t    *cr,
                  GPtrArray  *labels,
                  const Axis *axis)
{
  double h = 1.05 * axis->label * 1.25;
  double last = -G_MAXDOUBLE;

  g_ptr_array_sort (labels, compare_line_y);
  for (guint i = 0; i < labels->len; i++)
    {
      EndLabel *l = g_ptr_array_index (labels, i);

      l->y = MAX (l->line_y, last + h);
      last = l->y;
      show_text (cr, l->text, axis->label, l->bold, axis->right + 0.4 * axis->font, l->y, 0.0,
                 0.5, &l->color, NULL);
    }
}

gboolean
ml_chart_recorder_get_label_y (MlChartRecorder *self,
                               const char      *text,
                               double          *y)
{
  g_return_val_if_fail (ML_IS_CHART_RECORDER (self), FALSE);

  for (guint i = 0; self->placed != NULL && i < self->placed->len; i++)
    {
      EndLabel *l = g_ptr_array_index (self->placed, i);

      if (g_str_has_prefix (l->text, text))
        {
          if (y != NULL)
            *y = l->y;
          return TRUE;
        }
    }
  return FALSE;
}

static void
ion_colors (MlChartRecorder *self,
            const MlIon     *ion,
            GdkRGBA         *line,
            GdkRGBA         *text)
{
  ml_ion_color (ion->name, self->dark, line);
  ml_ion_text_color (ion->name, self->dark, self->high_contrast, text);
}

void
ml_chart_recorder_draw (MlChartRecorder *self,
                        cairo_t         *cr,
                        int              width,
                        int              height)
{
  MlSimulation *sim = self->sim;
  MlCell *cell;
  const MlSimulationSample *now, *samples;
  Axis axis = { 0 };
  Panel pv, pc, pw;
  double top, bottom, gap, plot_h, cmax = 0.0, vmin = -90.0, vmax = 30.0, wmin = 98.0, wmax = 102.0;
  double taken[32];
  guint n_taken = 0, n, n_ions;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (end_label_free);
  gboolean shown_c[ML_MAX_IONS] = { 0 };
  GdkRGBA fg = self->fg, dim = self->fg;

  g_return_if_fail (ML_IS_CHART_RECORDER (self));
  if (sim == NULL || width < 50 || height < 50 || ml_simulation_get_n_samples (sim) == 0)
    return;

  cell = ml_simulation_get_cell (sim);
  n = ml_simulation_get_n_samples (sim);
  now = ml_simulation_get_sample (sim, n - 1);
  n_ions = MIN (ml_cell_get_n_ions (cell), now->n_ions);
  dim.alpha = ml_palette_secondary_alpha (self->high_contrast, 0.6);
  axis.dim = ml_palette_secondary_alpha (self->high_contrast, 0.75);

  /* Text for the back row: at least 14 px, more on a large chart. */
  axis.font = ml_drawn_text_px (MAX (MAX (14.0, self->font_px),
                                     MIN (width / 1.6, (double)height) / 38.0) * self->text_scale);
  /* The CSS font size is the floor of every label: 18 px and more in
   * presentation mode. */
  axis.small = MAX (0.8 * axis.font, ml_drawn_text_px (self->font_px * self->text_scale));
  axis.label = MAX (0.85 * axis.font, axis.small);
  axis.t_max = MAX (MIN_SPAN_S, ml_simulation_get_time (sim));
  choose_time_unit (&axis);
  axis.left = 4.2 * axis.font;
  /* Room on the right for the widest label at a line's end. */
  {
    double widest = 0.0;
    g_autofree char *vm = now->vm_defined ? ml_format_millivolts (now->vm_mv, 1, TRUE)
                                          : g_strdup ("");
    g_autofree char *vm_text = g_strdup_printf ("V_m %s", vm);

    widest = text_width (cr, vm_text, axis.label, TRUE);
    if (self->shadow_label != NULL)
      widest = MAX (widest, text_width (cr, self->shadow_label, axis.label, FALSE));
    for (guint k = 0; k < n_ions; k++)
      {
        const MlIon *ion = ml_cell_get_ion (cell, k);
        g_autofree char *label = ml_ion_label (ion->name, ion->z);
        g_autofree char *c = ml_format_significant (now->c_in[k], 3);
        g_autofree char *e_text = g_strdup_printf ("E %s ↑", label);
        g_autofree char *c_text = g_strdup_printf ("%s %s", label, c);

        widest = MAX (widest, text_width (cr, e_text, axis.label, FALSE));
        widest = MAX (widest, text_width (cr, c_text, axis.label, FALSE));
      }
    axis.right = width - MIN (MAX (6.0 * axis.font, widest + 1.0 * axis.font), 0.35 * width);
  }
  top = 2.6 * axis.font;
  bottom = height - 2.6 * axis.font;
  gap = 1.1 * axis.font;
  plot_h = bottom - top - 2 * gap;
  if (axis.right - axis.left < 40 || plot_h < 60)
    return;

  /* The ranges, from everything recorded. */
  samples = ml_simulation_get_samples (sim, &n);
  for (guint i = 0; i < n; i++)
    {
      const MlSimulationSample *s = &samples[i];
      double v;

      if (s->vm_defined)
        {
          vmin = MIN (vmin, s->vm_mv);
          vmax = MAX (vmax, s->vm_mv);
        }
      for (guint k = 0; k < n_ions && k < s->n_ions; k++)
        {
          if (sample_value (s, TRACE_E, k, &v))
            {
              vmin = MIN (vmin, v);
              vmax = MAX (vmax, v);
            }
          cmax = MAX (cmax, s->c_in[k]);
        }
      wmin = MIN (wmin, 100.0 * s->volume);
      wmax = MAX (wmax, 100.0 * s->volume);
    }
  /* An ion too dilute to see on the concentration axis (Ca²⁺, 0.1 µM)
   * is left out of it rather than drawn along the zero line. */
  for (guint k = 0; k < n_ions; k++)
    for (guint i = 0; i < n && !shown_c[k]; i++)
      shown_c[k] = samples[i].c_in[k] >= 0.01 * cmax;

  pv = (Panel) { axis.left, top, axis.right - axis.left, 0.5 * plot_h,
                 MAX (V_AXIS_MIN, vmin - 5.0), MIN (V_AXIS_MAX, vmax + 5.0) };
  pc = (Panel) { axis.left, pv.y + pv.h + gap, pv.w, 0.3 * plot_h, 0.0, MAX (1.0, 1.1 * cmax) };
  pw = (Panel) { axis.left, pc.y + pc.h + gap, pv.w, 0.2 * plot_h, wmin - 1.0, wmax + 1.0 };
  /* Whole pixels: a clip on the pixel grid costs nothing, one between
   * pixels makes cairo build and apply a mask for every trace. */
  for (Panel *p = &pv; p != NULL; p = p == &pv ? &pc : p == &pc ? &pw : NULL)
    {
      double x1 = round (p->x + p->w), y1 = round (p->y + p->h);

      p->x = round (p->x);
      p->y = round (p->y);
      p->w = x1 - p->x;
      p->h = y1 - p->y;
    }
  axis.left = pv.x;
  axis.right = pv.x + pv.w;
  pv.lo = nice_step (pv.hi - pv.lo, 5) * floor (pv.lo / nice_step (pv.hi - pv.lo, 5));
  pv.hi = nice_step (pv.hi - pv.lo, 5) * ceil (pv.hi / nice_step (pv.hi - pv.lo, 5));

  panel_frame (cr, &pv, &axis, &fg, nice_step (pv.hi - pv.lo, 5));
  panel_frame (cr, &pc, &axis, &fg, nice_step (pc.hi - pc.lo, 3));
  panel_frame (cr, &pw, &axis, &fg, nice_step (pw.hi - pw.lo, 3));

  /* The time axis. */
  {
    double step = nice_step (axis.t_max / axis.unit_s, 6);
    GdkRGBA grid = fg;

    grid.alpha = 0.15;
    for (double u = 0.0; u * axis.unit_s <= axis.t_max + 1e-9; u += step)
      {
        g_autofree char *label = ml_format_significant (u, 4);
        double x = x_of (&axis, u * axis.unit_s);

        gdk_cairo_set_source_rgba (cr, &grid);
        cairo_move_to (cr, floor (x) + 0.5, top);
        cairo_line_to (cr, floor (x) + 0.5, bottom);
        cairo_stroke (cr);
        show_text (cr, label, axis.small, FALSE, x, bottom + 0.25 * axis.font, 0.5, 0.0,
                   &dim, NULL);
      }
    {
      /* Translators: the time axis' title; %s is its unit, "min". */
      g_autofree char *title = g_strdup_printf (_("time (%s)"), axis.unit);

      show_text (cr, title, axis.label, TRUE, axis.right, bottom + 1.25 * axis.font,
                 1.0, 0.0, &dim, NULL);
    }
  }

  /* The traces: cairo's fast antialiasing (a 4×4 grid a pixel) and bevel
   * joins draw them in under half the time of the default, with edges
   * that look the same at a chart's line widths. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  /* The event marks under the traces. */
  {
    double row_end[2] = { -1e9, -1e9 };
    double dash[2] = { 0.4 * axis.font, 0.3 * axis.font };
    GdkRGBA mark = fg;

    mark.alpha = 0.5;
    for (guint i = 0; i < ml_simulation_get_n_marks (sim); i++)
      {
        const MlSimulationMark *m = ml_simulation_get_mark (sim, i);
        double x = x_of (&axis, m->t_s), w = 0.0;
        guint row = row_end[0] < x ? 0 : row_end[1] < x ? 1 : 0;

        cairo_save (cr);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_set_line_width (cr, MAX (1.0, 0.08 * axis.font));
        gdk_cairo_set_source_rgba (cr, &mark);
        cairo_move_to (cr, x, top - (row == 0 ? 1.2 : 0.1) * axis.font);
        cairo_line_to (cr, x, bottom);
        cairo_stroke (cr);
        cairo_restore (cr);
        show_text (cr, m->label, axis.small, FALSE, x + 0.2 * axis.font,
                   top - (row == 0 ? 2.4 : 1.3) * axis.font, 0.0, 0.0, &fg, &w);
        row_end[row] = x + w + 0.8 * axis.font;
      }
  }

  /* V_m, each E, and the shadow run. */
  cairo_save (cr);
  cairo_rectangle (cr, pv.x, pv.y, pv.w, pv.h);
  cairo_clip (cr);
  for (guint k = 0; k < n_ions; k++)
    {
      GdkRGBA line, text;
      double dash[2] = { 0.5 * axis.font, 0.25 * axis.font };

      ion_colors (self, ml_cell_get_ion (cell, k), &line, &text);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, MAX (1.2, 0.09 * axis.font));
      gdk_cairo_set_source_rgba (cr, &line);
      trace_path (cr, sim, TRACE_E, k, &axis, &pv);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  if (self->shadow != NULL)
    {
      double dash[2] = { 0.25 * axis.font, 0.25 * axis.font };
      GdkRGBA shadow = fg;

      shadow.alpha = 0.55;
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, MAX (1.5, 0.13 * axis.font));
      gdk_cairo_set_source_rgba (cr, &shadow);
      trace_path (cr, self->shadow, TRACE_VM, 0, &axis, &pv);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_set_line_width (cr, MAX (2.5, 0.2 * axis.font));
  gdk_cairo_set_source_rgba (cr, &fg);
  trace_path (cr, sim, TRACE_VM, 0, &axis, &pv);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Labels at the right ends, V_m first. */
  if (now->vm_defined)
    {
      g_autofree char *vm = ml_format_millivolts (now->vm_mv, 1, TRUE);
      g_autofree char *text = g_strdup_printf ("V_m %s", vm);

      queue_end_label (labels, text, y_of (&pv, now->vm_mv), &fg, TRUE);
    }
  if (self->shadow != NULL && self->shadow_label != NULL
      && ml_simulation_get_n_samples (self->shadow) > 0)
    {
      const MlSimulationSample *s =
        ml_simulation_get_sample (self->shadow, ml_simulation_get_n_samples (self->shadow) - 1);

      if (s->vm_defined)
        queue_end_label (labels, self->shadow_label, y_of (&pv, s->vm_mv), &dim, FALSE);
    }
  for (guint k = 0; k < n_ions; k++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, k);
      g_autofree char *label = ml_ion_label (ion->name, ion->z);
      g_autofree char *text = NULL;
      GdkRGBA line, color;
      double v;

      if (!sample_value (now, TRACE_E, k, &v))
        continue;
      ion_colors (self, ion, &line, &color);
      /* An E off the scale says so with an arrow at the edge. */
      text = v > pv.hi ? g_strdup_printf ("E %s ↑", label)
             : v < pv.lo ? g_strdup_printf ("E %s ↓", label)
             : g_strdup_printf ("E %s", label);
      queue_end_label (labels, text, y_of (&pv, v), &color, FALSE);
    }
  place_end_labels (cr, labels, &axis);
  g_clear_pointer (&self->placed, g_ptr_array_unref);
  self->placed = g_steal_pointer (&labels);

  /* Concentrations. */
  n_taken = 0;
  cairo_save (cr);
  cairo_rectangle (cr, pc.x, pc.y, pc.w, pc.h);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (2.0, 0.15 * axis.font));
  for (guint k = 0; k < n_ions; k++)
    {
      GdkRGBA line, text;

      if (!shown_c[k])
        continue;
      ion_colors (self, ml_cell_get_ion (cell, k), &line, &text);
      gdk_cairo_set_source_rgba (cr, &line);
      trace_path (cr, sim, TRACE_C, k, &axis, &pc);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  for (guint k = 0; k < n_ions; k++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, k);
      g_autofree char *label = ml_ion_label (ion->name, ion->z);
      g_autofree char *c = ml_format_significant (now->c_in[k], 3);
      g_autofree char *text = NULL;
      GdkRGBA line, color;

      if (!shown_c[k])
        continue;
      ion_colors (self, ion, &line, &color);
      text = g_strdup_printf ("%s %s", label, c);
      end_label (cr, text, &axis, y_of (&pc, now->c_in[k]), taken, &n_taken, &color, FALSE);
    }

  /* Volume. */
  n_taken = 0;
  cairo_save (cr);
  cairo_rectangle (cr, pw.x, pw.y, pw.w, pw.h);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (2.0, 0.15 * axis.font));
  gdk_cairo_set_source_rgba (cr, &fg);
  trace_path (cr, sim, TRACE_VOLUME, 0, &axis, &pw);
  cairo_stroke (cr);
  cairo_restore (cr);
  {
    g_autofree char *w = ml_format_significant (100.0 * now->volume, 4);
    g_autofree char *text = g_strdup_printf ("%s %%", w);

    end_label (cr, text, &axis, y_of (&pw, 100.0 * now->volume), taken, &n_taken, &fg, FALSE);
  }

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  panel_title (cr, &pv, &axis, _("V_m and each E (mV)"), &fg, self->dark);
  panel_title (cr, &pc, &axis, _("Inside (mM)"), &fg, self->dark);
  /* xgettext:no-c-format */
  panel_title (cr, &pw, &axis, _("Volume (% of start)"), &fg, self->dark);

  /* A pause, in words, over the V_m panel. */
  if (ml_simulation_get_stop (sim) != ML_SIMULATION_RUNNING)
    {
      const char *message = ml_simulation_get_stop_message (sim);
      g_autoptr (PangoLayout) layout = layout_new (cr, message != NULL ? message : "", axis.font,
                                                   TRUE);
      int w, h;
      GdkRGBA bg = { self->dark ? 0.15 : 1.0, self->dark ? 0.15 : 1.0, self->dark ? 0.15 : 1.0, 0.92 };

      pango_layout_set_width (layout, (int)(0.8 * pv.w * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &bg);
      cairo_rectangle (cr, pv.x + (pv.w - w) / 2 - axis.font, pv.y + (pv.h - h) / 2 - 0.5 * axis.font,
                       w + 2 * axis.font, h + axis.font);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, pv.x + (pv.w - w) / 2, pv.y + (pv.h - h) / 2);
      pango_cairo_show_layout (cr, layout);
    }
}

/* Widget ------------------------------------------------------------------ */

static void
ml_chart_recorder_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  MlChartRecorder *self = ML_CHART_RECORDER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->sim == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ml_chart_recorder_draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
ml_chart_recorder_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  MlChartRecorder *self = ML_CHART_RECORDER (widget);

  GTK_WIDGET_CLASS (ml_chart_recorder_parent_class)->css_changed (widget, change);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &self->fg);
  self->dark = ml_widget_is_dark (widget);
  self->high_contrast = ml_widget_is_high_contrast (widget);
  self->text_scale = ml_drawn_text_scale (widget);
  {
    /* The CSS font size: presentation mode makes it larger, and the
     * chart's smallest text follows. */
    const PangoFontDescription *desc =
      pango_context_get_font_description (gtk_widget_get_pango_context (widget));
    double size = desc != NULL ? pango_font_description_get_size (desc) / (double)PANGO_SCALE : 0.0;

    if (desc != NULL && !pango_font_description_get_size_is_absolute (desc))
      size *= 96.0 / 72.0;
    self->font_px = size > 0.0 ? size : 14.0;
  }
  gtk_widget_queue_draw (widget);
}

static void
ml_chart_recorder_measure (GtkWidget      *widget,
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

static void
ml_chart_recorder_finalize (GObject *object)
{
  MlChartRecorder *self = ML_CHART_RECORDER (object);

  g_free (self->shadow_label);
  g_free (self->summary);
  g_clear_pointer (&self->placed, g_ptr_array_unref);
  G_OBJECT_CLASS (ml_chart_recorder_parent_class)->finalize (object);
}

static void
ml_chart_recorder_class_init (MlChartRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ml_chart_recorder_finalize;
  widget_class->snapshot = ml_chart_recorder_snapshot;
  widget_class->css_changed = ml_chart_recorder_css_changed;
  widget_class->measure = ml_chart_recorder_measure;
  gtk_widget_class_set_css_name (widget_class, "chart-recorder");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ml_chart_recorder_init (MlChartRecorder *self)
{
  self->fg = (GdkRGBA) { 0, 0, 0, 1 };
  self->text_scale = 1.0;
  self->font_px = 14.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart recorder"),
                                  -1);
}

GtkWidget *
ml_chart_recorder_new (void)
{
  return g_object_new (ML_TYPE_CHART_RECORDER, NULL);
}

void
ml_chart_recorder_set_simulation (MlChartRecorder *self,
                                  MlSimulation    *simulation,
                                  MlSimulation    *shadow,
                                  const char      *shadow_label)
{
  g_return_if_fail (ML_IS_CHART_RECORDER (self));

  self->sim = simulation;
  self->shadow = shadow;
  g_free (self->shadow_label);
  self->shadow_label = g_strdup (shadow_label);
  ml_chart_recorder_update (self);
}

/* "2 h 05 min", "12 min 30 s", "45 s": the simulated clock. */
static char *
format_clock (double t_s)
{
  long total = lround (floor (t_s));
  long d = total / 86400, h = (total / 3600) % 24, m = (total / 60) % 60, s = total % 60;

  if (d > 0)
    /* Translators: the simulated clock: days, hours, minutes. */
    return g_strdup_printf (_("%ld d %02ld h %02ld min"), d, h, m);
  if (h > 0)
    return g_strdup_printf (_("%ld h %02ld min %02ld s"), h, m, s);
  if (m > 0)
    return g_strdup_printf (_("%ld min %02ld s"), m, s);
  return g_strdup_printf (_("%ld s"), s);
}

static void update (MlChartRecorder *self,
                    gboolean         force);

void
ml_chart_recorder_update (MlChartRecorder *self)
{
  update (self, TRUE);
}

void
ml_chart_recorder_tick (MlChartRecorder *self)
{
  update (self, FALSE);
}

static void
update (MlChartRecorder *self,
        gboolean         force)
{
  g_autoptr (GString) s = g_string_new (NULL);
  const MlSimulationSample *now;
  MlCell *cell;
  guint n;

  g_return_if_fail (ML_IS_CHART_RECORDER (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (self->sim == NULL || (n = ml_simulation_get_n_samples (self->sim)) == 0)
    return;
  now = ml_simulation_get_sample (self->sim, n - 1);
  cell = ml_simulation_get_cell (self->sim);

  {
    gint64 t = g_get_monotonic_time ();

    if (!force && self->summary != NULL && t - self->summary_us < G_USEC_PER_SEC
        && self->summary_marks == ml_simulation_get_n_marks (self->sim)
        && self->summary_stop == ml_simulation_get_stop (self->sim))
      return;
    self->summary_us = t;
    self->summary_marks = ml_simulation_get_n_marks (self->sim);
    self->summary_stop = ml_simulation_get_stop (self->sim);
  }

  {
    g_autofree char *clock = format_clock (now->t_s);
    g_autofree char *vm = now->vm_defined ? ml_format_millivolts (now->vm_mv, 1, TRUE)
                                          : g_strdup (_("undefined"));

    /* Translators: the chart's spoken summary: "At 1 h 20 min 00 s: V_m −45.0 mV." */
    g_string_append_printf (s, _("At %s: V_m %s."), clock, vm);
  }
  if (ml_simulation_get_n_marks (self->sim) > 0)
    {
      const MlSimulationMark *m =
        ml_simulation_get_mark (self->sim, ml_simulation_get_n_marks (self->sim) - 1);
      g_autofree char *at = format_clock (m->t_s);

      g_string_append_c (s, ' ');
      /* Translators: "Last event: pump blocked, at 5 min 00 s." */
      g_string_append_printf (s, _("Last event: %s, at %s."), m->label, at);
    }
  g_string_append_c (s, ' ');
  g_string_append (s, _("Inside:"));
  for (guint k = 0; k < now->n_ions && k < ml_cell_get_n_ions (cell); k++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, k);
      g_autofree char *label = ml_ion_label (ion->name, ion->z);
      g_autofree char *c = ml_format_significant (now->c_in[k], 3);

      g_string_append_printf (s, k == 0 ? " %s %s mM" : ", %s %s mM", label, c);
    }
  {
    g_autofree char *w = ml_format_significant (100.0 * now->volume, 4);

    g_string_append (s, ". ");
    /* Translators: the cell's volume, "104 %" of where it started. */
    g_string_append_printf (s, _("Volume %s %% of the start."), w);
  }
  if (ml_simulation_get_stop (self->sim) != ML_SIMULATION_RUNNING)
    {
      g_string_append_c (s, ' ');
      g_string_append (s, ml_simulation_get_stop_message (self->sim));
    }

  if (g_strcmp0 (self->summary, s->str) != 0)
    {
      g_free (self->summary);
      self->summary = g_strdup (s->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                      -1);
    }
}

const char *
ml_chart_recorder_get_summary (MlChartRecorder *self)
{
  g_return_val_if_fail (ML_IS_CHART_RECORDER (self), NULL);
  return self->summary;
}
