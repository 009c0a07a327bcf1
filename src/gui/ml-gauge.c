/* ml-gauge.c — the live voltage gauge
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlGauge is the dial beside the membrane: a 240° scale in millivolts, a
 * needle at V_m, a coloured pointer at each ion's equilibrium potential and
 * V_m written large enough to be read from the back of a lecture hall.  The
 * point it teaches is where V_m sits between the E's, so the ion pointers
 * share the scale with the needle.  It computes nothing: every number comes
 * from an MlSolution.
 *
 * Drawing is split in three render nodes: the dial (scale, labels, number)
 * and the ion pointers are cached until the solution, the size or the theme
 * changes; only the needle and the band from 0 mV to it are drawn on each
 * frame of the 150 ms animation.
 */
#include "config.h"

#include "ml-gauge.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ml-ion-colors.h"

#define DEFAULT_MIN_MV   (-120.0)
#define DEFAULT_MAX_MV   80.0
#define RANGE_STEP_MV    20.0
#define SWEEP_DEGREES    240.0
#define START_DEGREES    150.0   /* lower left; cairo angles grow clockwise */
#define ANIMATION_USEC   (150 * G_TIME_SPAN_MILLISECOND)
#define MINUS_SIGN       "\xe2\x88\x92"   /* U+2212 */

typedef struct
{
  char          name[ML_ION_NAME_MAX];
  char         *label;         /* "K⁺", or "Na⁺ +∞" at the end of the dial */
  MlNernstState state;
  double        e_mv;
} Marker;

/* Everything placed on the dial for one widget size. */
typedef struct
{
  double cx, cy;        /* pivot */
  double radius;        /* centre line of the track */
  double track;         /* track width */
  double pointer_out;   /* outer end of the ion pointers, from the pivot */
  double tick_font;
  double ion_font;
  double number_font;
  double caption_font;
  double message_font;
} Geometry;

struct _MlGauge
{
  GtkWidget      parent_instance;

  /* What the last solution said. */
  gboolean       has_solution;
  gboolean       defined;
  gboolean       clamped;
  MlCondition    condition;
  double         value;
  guint          n_markers;
  Marker         markers[ML_MAX_IONS];
  double         range_min;
  double         range_max;
  char          *number_text;
  char          *value_text;

  /* The needle eases from anim_from to value. */
  double         needle;
  double         anim_from;
  gint64         anim_start;
  guint          tick_id;

  /* Theme, read in css_changed. */
  GdkRGBA        fg;
  gboolean       dark;

  /* Cached drawing, dropped by invalidate_cache (). */
  int            cache_width;
  int            cache_height;
  Geometry       geo;
  GskRenderNode *dial_node;
  GskRenderNode *pointer_node;
};

G_DEFINE_FINAL_TYPE (MlGauge, ml_gauge, GTK_TYPE_WIDGET)

static void
invalidate_cache (MlGauge *self)
{
  g_clear_pointer (&self->dial_node, gsk_render_node_unref);
  g_clear_pointer (&self->pointer_node, gsk_render_node_unref);
  self->cache_width = self->cache_height = 0;
}

static void
clear_markers (MlGauge *self)
{
  for (guint i = 0; i < self->n_markers; i++)
    g_clear_pointer (&self->markers[i].label, g_free);
  self->n_markers = 0;
}

/* "−64.9", "+12.3" or "0.0": a real minus sign, and no "−0.0" from rounding. */
static char *
format_mv (double   mv,
           gboolean with_plus)
{
  g_autofree char *digits = g_strdup_printf ("%.1f", fabs (mv));

  if (round (fabs (mv) * 10.0) == 0.0)
    return g_strdup_printf ("%.1f", 0.0);
  if (mv < 0)
    return g_strconcat (MINUS_SIGN, digits, NULL);
  return with_plus ? g_strconcat ("+", digits, NULL) : g_steal_pointer (&digits);
}

static char *
format_tick (double mv)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (mv));

  if (mv < -0.5)
    return g_strconcat (MINUS_SIGN, digits, NULL);
  return g_steal_pointer (&digits);
}

/* Major steps keep the scale to at most ten intervals even when a huge E
 * widens it. */
static double
major_step (double span)
{
  static const double steps[] = { 20, 40, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span / steps[i] <= 10.0 + 1e-9)
      return steps[i];
  return ceil (span / 10.0 / 10000.0) * 10000.0;
}

static double
value_to_angle (MlGauge *self,
                double   mv)
{
  double frac = (mv - self->range_min) / (self->range_max - self->range_min);

  frac = CLAMP (frac, 0.0, 1.0);
  return (START_DEGREES + SWEEP_DEGREES * frac) * G_PI / 180.0;
}

static void
compute_geometry (MlGauge  *self,
                  int       width,
                  int       height,
                  Geometry *geo)
{
  const double pad = 4.0;
  double r = MIN (width / 2.0, height / 1.6);

  /* The fonts have floors, so the margins are not proportional to the
   * radius; a few rounds of fitting converge. */
  for (int i = 0; i < 6; i++)
    {
      double ion_font = MAX (11.0, 0.085 * r);
      double out = 0.13 * r;
      double side = out + 2.8 * ion_font;
      double top = out + 1.3 * ion_font;
      /* Room below the ends for a pointer label pushed past the end. */
      double bottom = MAX (0.5 * (r + out) + 2.2 * ion_font, 0.64 * r);
      double fit = MIN ((width - 2 * pad) / (2 * r + 2 * side),
                        (height - 2 * pad) / (r + top + bottom));

      r = MAX (r * fit, 20.0);
      if (i == 5)
        {
          double content = r + top + bottom;

          geo->cx = width / 2.0;
          geo->cy = pad + MAX (0.0, (height - 2 * pad - content) / 2.0) + top + r;
        }
    }

  geo->radius = r;
  geo->track = MAX (3.0, 0.035 * r);
  geo->pointer_out = r + geo->track / 2.0 + 0.09 * r;
  geo->tick_font = MAX (10.0, 0.072 * r);
  geo->ion_font = MAX (11.0, 0.085 * r);
  geo->number_font = MAX (16.0, 0.28 * r);
  geo->caption_font = MAX (10.0, 0.07 * r);
  geo->message_font = MAX (11.0, 0.1 * r);
}

static PangoLayout *
make_layout (MlGauge    *self,
             const char *text,
             double      size_px,
             PangoWeight weight)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) desc =
    pango_font_description_copy (pango_context_get_font_description (context));
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_absolute_size (desc, size_px * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  /* Tabular digits: the number does not jitter while a slider moves. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *w,
             double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
}

/* Half the size of a w×h box along the direction of @angle: how far its
 * centre must sit from a circle for the box to just touch it. */
static double
radial_half_extent (double w,
                    double h,
                    double angle)
{
  return (w * fabs (cos (angle)) + h * fabs (sin (angle))) / 2.0;
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static gboolean
rects_overlap (const graphene_rect_t *a,
               double                 x,
               double                 y,
               double                 w,
               double                 h)
{
  graphene_rect_t b = GRAPHENE_RECT_INIT (x, y, w, h);

  return graphene_rect_intersection (a, &b, NULL);
}

/* @keep_clear is the readout; a scale label that would touch it is left out
 * (only ever the end labels of a small dial). */
static void
draw_scale (MlGauge               *self,
            cairo_t               *cr,
            const graphene_rect_t *keep_clear)
{
  const Geometry *geo = &self->geo;
  double a0 = value_to_angle (self, self->range_min);
  double a1 = value_to_angle (self, self->range_max);
  double span = self->range_max - self->range_min;
  double major = major_step (span);
  double minor = major / 2.0;
  double inner = geo->radius - geo->track / 2.0;
  double major_len = 0.085 * geo->radius;
  double label_every = major;
  double max_label_w = 0, label_h = 0;
  g_autoptr(PangoLayout) probe = NULL;
  g_autofree char *widest = NULL;

  /* The track.  A new path: the readout left a current point. */
  cairo_new_path (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_width (cr, geo->track);
  set_source (cr, &self->fg, 0.14);
  cairo_arc (cr, geo->cx, geo->cy, geo->radius, a0, a1);
  cairo_stroke (cr);

  /* Label every major tick when the labels have room, else every other. */
  widest = format_tick (fabs (self->range_min) > fabs (self->range_max) ?
                        self->range_min : -self->range_max);
  probe = make_layout (self, widest, geo->tick_font, PANGO_WEIGHT_NORMAL);
  layout_size (probe, &max_label_w, &label_h);
  if (major / span * (a1 - a0) * (inner - major_len) < 1.5 * max_label_w)
    label_every = 2 * major;

  for (double v = ceil (self->range_min / minor) * minor;
       v <= self->range_max + 1e-6;
       v += minor)
    {
      double a = value_to_angle (self, v);
      gboolean is_zero = fabs (v) < 1e-6;
      gboolean is_major = fabs (remainder (v, major)) < 1e-6;
      gboolean labelled = fabs (remainder (v, label_every)) < 1e-6;
      double len = is_zero ? 1.25 * major_len : is_major ? major_len : 0.5 * major_len;

      cairo_set_line_width (cr, is_zero ? MAX (2.0, 0.014 * geo->radius)
                                        : is_major ? MAX (1.5, 0.009 * geo->radius)
                                                   : MAX (1.0, 0.006 * geo->radius));
      set_source (cr, &self->fg, is_zero ? 0.95 : is_major ? 0.7 : 0.4);
      cairo_move_to (cr, geo->cx + (inner + geo->track) * cos (a),
                     geo->cy + (inner + geo->track) * sin (a));
      cairo_line_to (cr, geo->cx + (inner - len) * cos (a),
                     geo->cy + (inner - len) * sin (a));
      cairo_stroke (cr);

      if (labelled || is_zero)
        {
          g_autofree char *text = format_tick (v);
          g_autoptr(PangoLayout) layout =
            make_layout (self, text, geo->tick_font,
                         is_zero ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
          double w, h, d;

          layout_size (layout, &w, &h);
          d = inner - 1.25 * major_len - 0.02 * geo->radius - radial_half_extent (w, h, a);
          if (rects_overlap (keep_clear, geo->cx + d * cos (a) - w / 2,
                             geo->cy + d * sin (a) - h / 2, w, h))
            continue;
          set_source (cr, &self->fg, is_zero ? 0.95 : 0.75);
          cairo_move_to (cr, geo->cx + d * cos (a) - w / 2, geo->cy + d * sin (a) - h / 2);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

static void
draw_readout (MlGauge         *self,
              cairo_t         *cr,
              graphene_rect_t *used)
{
  const Geometry *geo = &self->geo;

  *used = GRAPHENE_RECT_INIT (geo->cx, geo->cy, 0, 0);
  if (!self->has_solution)
    return;

  if (self->defined)
    {
      g_autofree char *text = g_strdup_printf (_("%s mV"), self->number_text);
      g_autoptr(PangoLayout) number = NULL;
      g_autoptr(PangoLayout) caption = NULL;
      PangoAttrList *attrs;
      double font = geo->number_font;
      double w, h, cw, ch, top;
      const char *unit;

      number = make_layout (self, text, font, PANGO_WEIGHT_BOLD);
      layout_size (number, &w, &h);
      /* Never wider than the gap between the ends of the dial. */
      if (w > 1.3 * geo->radius)
        {
          font *= 1.3 * geo->radius / w;
          g_object_unref (number);
          number = make_layout (self, text, font, PANGO_WEIGHT_BOLD);
        }

      /* The unit smaller and lighter than the number. */
      unit = strstr (text, self->number_text);
      attrs = pango_attr_list_copy (pango_layout_get_attributes (number));
      if (unit != NULL)
        {
          guint start = (guint) (unit - text + strlen (self->number_text));
          PangoAttribute *size = pango_attr_size_new_absolute ((int) (0.55 * font * PANGO_SCALE));
          PangoAttribute *weight = pango_attr_weight_new (PANGO_WEIGHT_NORMAL);

          size->start_index = weight->start_index = start;
          pango_attr_list_insert (attrs, size);
          pango_attr_list_insert (attrs, weight);
        }
      pango_layout_set_attributes (number, attrs);
      pango_attr_list_unref (attrs);
      layout_size (number, &w, &h);

      caption = make_layout (self, self->clamped ? _("clamped") : _("resting potential"),
                             geo->caption_font, PANGO_WEIGHT_NORMAL);
      layout_size (caption, &cw, &ch);

      top = geo->cy + 0.15 * geo->radius;
      /* Its ink, not the line box: the line box is mostly empty space. */
      *used = GRAPHENE_RECT_INIT (geo->cx - w / 2 - 2, top + 0.2 * h, w + 4, 0.7 * h);
      set_source (cr, &self->fg, 1.0);
      cairo_move_to (cr, geo->cx - w / 2, top);
      pango_cairo_show_layout (cr, number);

      set_source (cr, &self->fg, 0.7);
      cairo_move_to (cr, geo->cx - cw / 2, top + h);
      pango_cairo_show_layout (cr, caption);
    }
  else
    {
      const char *message = ml_condition_message (self->condition);
      g_autoptr(PangoLayout) layout = NULL;
      PangoRectangle logical;
      double w, h;

      if (message == NULL)
        message = _("undefined");
      /* Smaller type for a long message, so it stays inside the scale. */
      for (double font = geo->message_font; ; font *= 0.9)
        {
          g_clear_object (&layout);
          layout = make_layout (self, message, font, PANGO_WEIGHT_BOLD);
          pango_layout_set_width (layout, (int) (1.3 * geo->radius * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          layout_size (layout, &w, &h);
          if (h <= 0.8 * geo->radius || font * 0.9 < 9.0)
            break;
        }
      *used = GRAPHENE_RECT_INIT (geo->cx - w / 2, geo->cy - h / 2, w, h);

      /* Centred lines start right of the layout's origin. */
      pango_layout_get_extents (layout, NULL, &logical);
      set_source (cr, &self->fg, 0.8);
      cairo_move_to (cr, geo->cx - w / 2 - (double) logical.x / PANGO_SCALE, geo->cy - h / 2);
      pango_cairo_show_layout (cr, layout);
    }
}

typedef struct
{
  guint        marker;
  double       want;       /* angle of the E */
  double       at;         /* angle of the label after spreading */
  double       half;       /* half the label's size along the arc, in radians */
  double       w, h;
  PangoLayout *layout;
} Label;

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const Label *la = a, *lb = b;

  return (la->want > lb->want) - (la->want < lb->want);
}

/* Close E's would print their labels on top of each other: push the labels
 * apart along the arc, keeping each group centred on its pointers. */
static void
spread_labels (Label  *labels,
               guint   n,
               double  lo,
               double  hi)
{
  const double gap = 0.02;

  for (guint i = 0; i < n; i++)
    labels[i].at = labels[i].want;

  for (int round = 0; round < 20; round++)
    {
      gboolean moved = FALSE;

      for (guint i = 1; i < n; i++)
        {
          double need = labels[i - 1].half + labels[i].half + gap;
          double overlap = need - (labels[i].at - labels[i - 1].at);

          if (overlap > 1e-6)
            {
              labels[i - 1].at -= overlap / 2;
              labels[i].at += overlap / 2;
              moved = TRUE;
            }
        }
      if (!moved)
        break;
    }

  /* Keep them near the dial: pull a group that slid past an end back. */
  for (guint i = n; i-- > 0;)
    {
      double limit = i == n - 1 ? hi : labels[i + 1].at - labels[i + 1].half - labels[i].half - gap;

      labels[i].at = MIN (labels[i].at, limit);
    }
  for (guint i = 0; i < n; i++)
    {
      double limit = i == 0 ? lo : labels[i - 1].at + labels[i - 1].half + labels[i].half + gap;

      labels[i].at = MAX (labels[i].at, limit);
    }
}

static void
draw_pointers (MlGauge *self,
               cairo_t *cr)
{
  const Geometry *geo = &self->geo;
  double a0 = value_to_angle (self, self->range_min);
  double a1 = value_to_angle (self, self->range_max);
  double outer_track = geo->radius + geo->track / 2.0;
  double label_r = geo->pointer_out + 0.035 * geo->radius;
  double beyond = 5.0 * G_PI / 180.0;
  Label labels[ML_MAX_IONS];
  guint n = 0;

  for (guint i = 0; i < self->n_markers; i++)
    {
      const Marker *m = &self->markers[i];
      Label *l = &labels[n++];

      l->marker = i;
      if (m->state == ML_NERNST_PLUS_INFINITY)
        l->want = a1 + beyond;
      else if (m->state == ML_NERNST_MINUS_INFINITY)
        l->want = a0 - beyond;
      else
        l->want = value_to_angle (self, m->e_mv);
      l->layout = make_layout (self, m->label, geo->ion_font, PANGO_WEIGHT_BOLD);
      layout_size (l->layout, &l->w, &l->h);
      /* Along the arc a box spans w·|sin| + h·|cos|. */
      l->half = (l->w * fabs (sin (l->want)) + l->h * fabs (cos (l->want))) / 2.0 / label_r;
    }

  qsort (labels, n, sizeof (Label), compare_labels);
  spread_labels (labels, n, a0 - 2.5 * beyond, a1 + 2.5 * beyond);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < n; i++)
    {
      const Marker *m = &self->markers[labels[i].marker];
      double a = labels[i].want;
      double at = labels[i].at;
      double half_w = 0.032 * geo->radius;
      double d, x, y;
      GdkRGBA color;

      ml_ion_color (m->name, self->dark, &color);
      set_source (cr, &color, 1.0);

      if (m->state != ML_NERNST_DEFINED)
        {
          /* E is infinite: the track runs on, dotted, to a pointer just
           * past the end of the scale. */
          double end = m->state == ML_NERNST_PLUS_INFINITY ? a1 : a0;
          double dot = MAX (2.0, 0.016 * geo->radius);
          double dashes[] = { 0.0, 2.2 * dot };

          cairo_save (cr);
          cairo_set_line_width (cr, dot);
          cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
          cairo_new_path (cr);
          cairo_arc (cr, geo->cx, geo->cy, geo->radius, MIN (end, a), MAX (end, a));
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      else
        {
          /* A line across the track under the pointer. */
          cairo_set_line_width (cr, MAX (2.0, 0.016 * geo->radius));
          cairo_move_to (cr, geo->cx + (geo->radius - geo->track) * cos (a),
                         geo->cy + (geo->radius - geo->track) * sin (a));
          cairo_line_to (cr, geo->cx + outer_track * cos (a), geo->cy + outer_track * sin (a));
          cairo_stroke (cr);
        }

      /* The pointer: a triangle outside the track, aimed at the pivot. */
      cairo_move_to (cr, geo->cx + (outer_track + 1) * cos (a),
                     geo->cy + (outer_track + 1) * sin (a));
      cairo_line_to (cr, geo->cx + geo->pointer_out * cos (a) - half_w * sin (a),
                     geo->cy + geo->pointer_out * sin (a) + half_w * cos (a));
      cairo_line_to (cr, geo->cx + geo->pointer_out * cos (a) + half_w * sin (a),
                     geo->cy + geo->pointer_out * sin (a) - half_w * cos (a));
      cairo_close_path (cr);
      cairo_fill (cr);

      d = label_r + radial_half_extent (labels[i].w, labels[i].h, at);

      /* A leader when the label had to move away from its pointer. */
      if (fabs (at - a) > labels[i].half * 0.6)
        {
          cairo_set_line_width (cr, MAX (1.0, 0.006 * geo->radius));
          cairo_move_to (cr, geo->cx + geo->pointer_out * cos (a),
                         geo->cy + geo->pointer_out * sin (a));
          cairo_line_to (cr, geo->cx + (label_r - 1) * cos (at),
                         geo->cy + (label_r - 1) * sin (at));
          cairo_stroke (cr);
        }

      /* A last guard against clipping in a very small widget. */
      x = CLAMP (geo->cx + d * cos (at), labels[i].w / 2 + 1,
                 self->cache_width - labels[i].w / 2 - 1);
      y = CLAMP (geo->cy + d * sin (at), labels[i].h / 2 + 1,
                 self->cache_height - labels[i].h / 2 - 1);

      /* A leader when the label had to move away from its pointer. */
      if (m->state == ML_NERNST_DEFINED && fabs (at - a) > labels[i].half * 0.6)
        {
          cairo_set_line_width (cr, MAX (1.0, 0.006 * geo->radius));
          cairo_move_to (cr, geo->cx + geo->pointer_out * cos (a),
                         geo->cy + geo->pointer_out * sin (a));
          cairo_line_to (cr, geo->cx + (label_r - 1) * cos (at),
                         geo->cy + (label_r - 1) * sin (at));
          cairo_stroke (cr);
        }

      cairo_move_to (cr, x - labels[i].w / 2, y - labels[i].h / 2);
      pango_cairo_show_layout (cr, labels[i].layout);
      g_object_unref (labels[i].layout);
    }
}

static void
ensure_cache (MlGauge *self,
              int      width,
              int      height)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  graphene_rect_t readout;
  GtkSnapshot *snapshot;
  cairo_t *cr;

  if (self->dial_node != NULL && self->cache_width == width && self->cache_height == height)
    return;

  invalidate_cache (self);
  compute_geometry (self, width, height, &self->geo);
  self->cache_width = width;
  self->cache_height = height;

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  draw_readout (self, cr, &readout);
  draw_scale (self, cr, &readout);
  cairo_destroy (cr);
  self->dial_node = gtk_snapshot_free_to_node (snapshot);

  if (self->has_solution && self->n_markers > 0)
    {
      snapshot = gtk_snapshot_new ();
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      draw_pointers (self, cr);
      cairo_destroy (cr);
      self->pointer_node = gtk_snapshot_free_to_node (snapshot);
    }
}

static void
draw_needle (MlGauge *self,
             cairo_t *cr)
{
  const Geometry *geo = &self->geo;
  double a = value_to_angle (self, self->needle);
  double zero = value_to_angle (self, CLAMP (0.0, self->range_min, self->range_max));
  double c = cos (a), s = sin (a);
  double tip = geo->radius - geo->track / 2.0 - 0.03 * geo->radius;
  double tail = 0.1 * geo->radius;
  double base = MAX (2.5, 0.024 * geo->radius);
  double point = MAX (0.8, 0.005 * geo->radius);

  /* The band from 0 mV to the needle: polarity and size at a glance. */
  if (fabs (a - zero) > 1e-4)
    {
      cairo_set_line_width (cr, geo->track);
      set_source (cr, &self->fg, 0.45);
      if (a > zero)
        cairo_arc (cr, geo->cx, geo->cy, geo->radius, zero, a);
      else
        cairo_arc (cr, geo->cx, geo->cy, geo->radius, a, zero);
      cairo_stroke (cr);
    }

  set_source (cr, &self->fg, 1.0);
  cairo_move_to (cr, geo->cx + tip * c - point * s, geo->cy + tip * s + point * c);
  cairo_line_to (cr, geo->cx + tip * c + point * s, geo->cy + tip * s - point * c);
  cairo_line_to (cr, geo->cx - tail * c + base * 0.7 * s, geo->cy - tail * s - base * 0.7 * c);
  cairo_line_to (cr, geo->cx - tail * c - base * 0.7 * s, geo->cy - tail * s + base * 0.7 * c);
  cairo_close_path (cr);
  cairo_fill (cr);

  cairo_arc (cr, geo->cx, geo->cy, MAX (4.0, 0.05 * geo->radius), 0, 2 * G_PI);
  cairo_fill (cr);
}

static gboolean
needle_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  MlGauge *self = ML_GAUGE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t;

  /* The first frame after a change starts the clock. */
  if (self->anim_start == 0)
    self->anim_start = now;
  t = (double) (now - self->anim_start) / ANIMATION_USEC;

  if (t >= 1.0)
    {
      self->needle = self->value;
      self->tick_id = 0;
      gtk_widget_queue_draw (widget);
      return G_SOURCE_REMOVE;
    }

  t = CLAMP (t, 0.0, 1.0);
  /* Ease-out cubic: fast away, gentle arrival. */
  self->needle = self->anim_from + (self->value - self->anim_from) * (1.0 - pow (1.0 - t, 3.0));
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
stop_animation (MlGauge *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  self->needle = self->value;
}

static gboolean
animations_enabled (MlGauge *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
update_accessible (MlGauge *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, self->range_min,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, self->range_max,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->value,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->value_text,
                                  -1);
}

static char *
build_value_text (MlGauge *self)
{
  GString *text = g_string_new (NULL);
  gboolean first = TRUE;

  if (self->defined)
    {
      g_autofree char *mv = g_strdup_printf (_("%s mV"), self->number_text);

      /* Translators: %s is a voltage such as "−64.9 mV". */
      g_string_append_printf (text, self->clamped ? _("Membrane potential %s, clamped")
                                                  : _("Membrane potential %s"), mv);
    }
  else
    {
      const char *message = ml_condition_message (self->condition);

      g_string_append_printf (text, _("Membrane potential %s"),
                              message != NULL ? message : _("undefined"));
    }

  for (guint i = 0; i < self->n_markers; i++)
    {
      const Marker *m = &self->markers[i];
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;
      char *space;

      /* The marker label holds "Na⁺ +∞" for an infinite E; the ion alone here. */
      label = g_strdup (m->label);
      space = strchr (label, ' ');
      if (space != NULL)
        *space = '\0';

      if (m->state == ML_NERNST_DEFINED)
        {
          g_autofree char *digits = format_mv (m->e_mv, TRUE);

          value = g_strdup_printf (_("%s mV"), digits);
        }
      else
        value = g_strdup (m->state == ML_NERNST_PLUS_INFINITY ? "+∞" : MINUS_SIGN "∞");

      g_string_append (text, first ? "; " : ", ");
      /* Translators: the equilibrium potential of an ion, e.g. "E K⁺ −89.1 mV". */
      g_string_append_printf (text, _("E %s %s"), label, value);
      first = FALSE;
    }

  return g_string_free (text, FALSE);
}

static void
ml_gauge_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  MlGauge *self = ML_GAUGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;

  ensure_cache (self, width, height);
  gtk_snapshot_append_node (snapshot, self->dial_node);

  if (self->has_solution && self->defined)
    {
      double r = self->geo.radius + self->geo.track;
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (self->geo.cx - r, self->geo.cy - r,
                                                   2 * r, 2 * r);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

      draw_needle (self, cr);
      cairo_destroy (cr);
    }

  /* Over the band, so the E pointers stay whole. */
  if (self->pointer_node != NULL)
    gtk_snapshot_append_node (snapshot, self->pointer_node);
}

static void
ml_gauge_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 360;
    }
  else
    {
      *minimum = 180;
      *natural = 300;
    }
}

static void
ml_gauge_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  MlGauge *self = ML_GAUGE (widget);

  GTK_WIDGET_CLASS (ml_gauge_parent_class)->css_changed (widget, change);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &self->fg);
  self->dark = ml_widget_is_dark (widget);
  invalidate_cache (self);
  gtk_widget_queue_draw (widget);
}

static void
ml_gauge_unmap (GtkWidget *widget)
{
  /* No frames arrive while hidden: land the needle now. */
  stop_animation (ML_GAUGE (widget));
  GTK_WIDGET_CLASS (ml_gauge_parent_class)->unmap (widget);
}

static void
ml_gauge_dispose (GObject *object)
{
  MlGauge *self = ML_GAUGE (object);

  stop_animation (self);
  invalidate_cache (self);
  G_OBJECT_CLASS (ml_gauge_parent_class)->dispose (object);
}

static void
ml_gauge_finalize (GObject *object)
{
  MlGauge *self = ML_GAUGE (object);

  clear_markers (self);
  g_free (self->number_text);
  g_free (self->value_text);
  G_OBJECT_CLASS (ml_gauge_parent_class)->finalize (object);
}

static void
ml_gauge_class_init (MlGaugeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_gauge_dispose;
  object_class->finalize = ml_gauge_finalize;

  widget_class->snapshot = ml_gauge_snapshot;
  widget_class->measure = ml_gauge_measure;
  widget_class->css_changed = ml_gauge_css_changed;
  widget_class->unmap = ml_gauge_unmap;

  gtk_widget_class_set_css_name (widget_class, "gauge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
ml_gauge_init (MlGauge *self)
{
  self->range_min = DEFAULT_MIN_MV;
  self->range_max = DEFAULT_MAX_MV;
  self->number_text = g_strdup ("");
  self->value_text = g_strdup ("");
  self->fg = (GdkRGBA) { 0, 0, 0, 1 };

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Membrane potential"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, self->range_min,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, self->range_max,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0,
                                  -1);
}

GtkWidget *
ml_gauge_new (void)
{
  return g_object_new (ML_TYPE_GAUGE, NULL);
}

void
ml_gauge_set_solution (MlGauge          *self,
                       const MlSolution *solution)
{
  double lo = DEFAULT_MIN_MV, hi = DEFAULT_MAX_MV;
  gboolean was_shown;
  double old_value;
  g_autofree char *old_text = NULL;

  g_return_if_fail (ML_IS_GAUGE (self));
  g_return_if_fail (solution != NULL);

  was_shown = self->has_solution && self->defined;
  old_value = self->value;
  old_text = g_steal_pointer (&self->value_text);

  self->has_solution = TRUE;
  self->defined = solution->vm_defined && isfinite (solution->vm_mv);
  self->clamped = solution->vm_clamped;
  self->condition = solution->condition;
  self->value = self->defined ? solution->vm_mv : 0.0;
  g_free (self->number_text);
  self->number_text = format_mv (self->value, TRUE);

  if (self->defined)
    {
      lo = MIN (lo, self->value);
      hi = MAX (hi, self->value);
    }

  clear_markers (self);
  for (guint i = 0; i < solution->n_ions && i < ML_MAX_IONS; i++)
    {
      const MlIonResult *r = &solution->ions[i];
      Marker *m;
      g_autofree char *label = NULL;

      if (!r->ion.enabled || r->nernst_state == ML_NERNST_UNDEFINED)
        continue;
      if (r->nernst_state == ML_NERNST_DEFINED && !isfinite (r->nernst_mv))
        continue;

      m = &self->markers[self->n_markers++];
      g_strlcpy (m->name, r->ion.name, sizeof m->name);
      m->state = r->nernst_state;
      m->e_mv = r->nernst_state == ML_NERNST_DEFINED ? r->nernst_mv : 0.0;
      label = ml_ion_label (r->ion.name, r->ion.z);
      if (m->state == ML_NERNST_PLUS_INFINITY)
        m->label = g_strconcat (label, " +∞", NULL);
      else if (m->state == ML_NERNST_MINUS_INFINITY)
        m->label = g_strconcat (label, " " MINUS_SIGN "∞", NULL);
      else
        {
          m->label = g_steal_pointer (&label);
          lo = MIN (lo, m->e_mv);
          hi = MAX (hi, m->e_mv);
        }
    }

  /* Widen in whole 20 mV steps so the labels stay round numbers. */
  self->range_min = floor (lo / RANGE_STEP_MV) * RANGE_STEP_MV;
  self->range_max = ceil (hi / RANGE_STEP_MV) * RANGE_STEP_MV;

  self->value_text = build_value_text (self);

  /* A solver run that changes nothing on the dial costs nothing. */
  if (old_text != NULL && strcmp (old_text, self->value_text) == 0 && old_value == self->value
      && self->dial_node != NULL)
    return;

  update_accessible (self);
  invalidate_cache (self);

  if (!self->defined)
    stop_animation (self);
  else if (!was_shown || !gtk_widget_get_mapped (GTK_WIDGET (self)) || !animations_enabled (self))
    stop_animation (self);
  else if (self->needle != self->value)
    {
      self->anim_from = self->needle;
      self->anim_start = 0;
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), needle_tick_cb,
                                                      NULL, NULL);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
ml_gauge_get_value (MlGauge *self)
{
  g_return_val_if_fail (ML_IS_GAUGE (self), 0.0);
  return self->value;
}

double
ml_gauge_get_needle_value (MlGauge *self)
{
  g_return_val_if_fail (ML_IS_GAUGE (self), 0.0);
  return self->needle;
}

void
ml_gauge_get_range (MlGauge *self,
                    double  *min_mv,
                    double  *max_mv)
{
  g_return_if_fail (ML_IS_GAUGE (self));
  if (min_mv != NULL)
    *min_mv = self->range_min;
  if (max_mv != NULL)
    *max_mv = self->range_max;
}

const char *
ml_gauge_get_value_text (MlGauge *self)
{
  g_return_val_if_fail (ML_IS_GAUGE (self), NULL);
  return self->value_text;
}
