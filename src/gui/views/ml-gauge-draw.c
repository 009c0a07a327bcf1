/* ml-gauge-draw.c — drawing the voltage gauge
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dial is laid out for the widget's size (compute_geometry), then drawn
 * in three render nodes: the scale with its labels and the readout, and the
 * ion pointers, both cached until invalidated, and the needle with the band
 * from 0 mV to it, drawn on every frame of the animation.  The needle sweeps
 * over the scale's labels; where it crosses one it is cut away around the
 * glyphs, so the label reads as if it lay on top with a halo.
 */
#define G_LOG_DOMAIN "ml-gauge"

#include "config.h"

#include "ml-gauge-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ml-drawn-text.h"
#include "ml-format.h"
#include "ml-ion-colors.h"
#include "ml-palette.h"

#define SWEEP_DEGREES    240.0
#define START_DEGREES    150.0   /* lower left; cairo angles grow clockwise */

void
ml_gauge_invalidate_cache (MlGauge *self)
{
  g_clear_pointer (&self->dial_node, gsk_render_node_unref);
  g_clear_pointer (&self->pointer_node, gsk_render_node_unref);
  g_clear_pointer (&self->tick_labels, g_array_unref);
  self->cache_width = self->cache_height = 0;
}

static void
tick_label_clear (gpointer data)
{
  TickLabel *label = data;

  g_clear_pointer (&label->path, cairo_path_destroy);
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

/* The ink height of the digits for a font of 1 px, about (DejaVu Sans Bold
 * 0.73); the readout measures the real one and corrects. */
#define DIGIT_INK 0.72

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
      double ion_font = MAX (MAX (11.0, 0.085 * r), self->text_floor);
      double out = 0.13 * r;
      double side = out + 2.8 * ion_font;
      double top = out + 1.3 * ion_font;
      /* Room below the ends for a pointer label pushed past the end. */
      double bottom = MAX (0.5 * (r + out) + 2.2 * ion_font, 0.64 * r);

      /* With a floor for the number, room under the pivot for it and the
       * two lines of its caption. */
      if (self->number_floor > 0)
        bottom = MAX (bottom, 0.15 * r + 1.25 * self->number_floor / DIGIT_INK
                              + 2.8 * MAX (MAX (10.0, 0.07 * r), self->text_floor));
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
  geo->tick_font = MAX (MAX (10.0, 0.072 * r), self->text_floor);
  geo->ion_font = MAX (MAX (11.0, 0.085 * r), self->text_floor);
  geo->number_font = MAX (MAX (16.0, 0.28 * r), self->number_floor / DIGIT_INK);
  geo->caption_font = MAX (MAX (10.0, 0.07 * r), self->text_floor);
  /* Words instead of a number must read from the back row as well: as
   * large as the readout's unit, and at least twice the scale's labels. */
  geo->message_font = MAX (2.0 * geo->tick_font, 0.55 * geo->number_font);
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
  double px = ml_drawn_text_px (size_px * self->text_scale);

  self->smallest_text_px = MIN (self->smallest_text_px, px);
  /* Larger with the desktop's text scaling, as every label of the app. */
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
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
  widest = ml_format_fixed (fabs (self->range_min) > fabs (self->range_max) ?
                            self->range_min : -self->range_max, 0, FALSE);
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
      set_source (cr, &self->fg, ml_palette_secondary_alpha (self->high_contrast,
                                                             is_zero ? 0.95 : is_major ? 0.7 : 0.4));
      cairo_move_to (cr, geo->cx + (inner + geo->track) * cos (a),
                     geo->cy + (inner + geo->track) * sin (a));
      cairo_line_to (cr, geo->cx + (inner - len) * cos (a),
                     geo->cy + (inner - len) * sin (a));
      cairo_stroke (cr);

      if (labelled || is_zero)
        {
          g_autofree char *text = ml_format_fixed (v, 0, FALSE);
          g_autoptr(PangoLayout) layout =
            make_layout (self, text, geo->tick_font,
                         is_zero ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
          double w, h, d;

          layout_size (layout, &w, &h);
          d = inner - 1.25 * major_len - 0.02 * geo->radius - radial_half_extent (w, h, a);
          if (rects_overlap (keep_clear, geo->cx + d * cos (a) - w / 2,
                             geo->cy + d * sin (a) - h / 2, w, h))
            continue;
          set_source (cr, &self->fg,
                      ml_palette_secondary_alpha (self->high_contrast, is_zero ? 0.95 : 0.75));
          cairo_move_to (cr, geo->cx + d * cos (a) - w / 2, geo->cy + d * sin (a) - h / 2);
          pango_cairo_show_layout (cr, layout);

          if (self->tick_labels != NULL)
            {
              TickLabel label = { NULL, geo->cx + d * cos (a), geo->cy + d * sin (a),
                                  hypot (w, h) / 2 };

              cairo_new_path (cr);
              cairo_move_to (cr, geo->cx + d * cos (a) - w / 2, geo->cy + d * sin (a) - h / 2);
              pango_cairo_layout_path (cr, layout);
              label.path = cairo_copy_path (cr);
              cairo_new_path (cr);
              g_array_append_val (self->tick_labels, label);
            }
        }
    }
}

/* Whether every line of @layout starts after a space or a hyphen, that is
 * no word of @text was broken to fit. */
static gboolean
breaks_between_words (PangoLayout *layout,
                      const char  *text)
{
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      const PangoLayoutLine *line = l->data;

      if (line->start_index > 0 && text[line->start_index - 1] != ' ' &&
          text[line->start_index - 1] != '-')
        return FALSE;
    }
  return TRUE;
}

/* The readout "−69.1 mV" at @font, the unit smaller and lighter. */
static PangoLayout *
number_layout (MlGauge    *self,
               const char *text,
               double      font)
{
  PangoLayout *number = make_layout (self, text, font, PANGO_WEIGHT_BOLD);
  const char *unit = strstr (text, self->number_text);
  PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (number));

  if (unit != NULL)
    {
      guint start = (guint) (unit - text + strlen (self->number_text));
      PangoAttribute *size =
        pango_attr_size_new_absolute ((int) (MAX (0.55 * font, self->text_floor) * PANGO_SCALE));
      PangoAttribute *weight = pango_attr_weight_new (PANGO_WEIGHT_NORMAL);

      size->start_index = weight->start_index = start;
      pango_attr_list_insert (attrs, size);
      pango_attr_list_insert (attrs, weight);
    }
  pango_layout_set_attributes (number, attrs);
  pango_attr_list_unref (attrs);
  return number;
}

/* The ink height of the number's digits at @font. */
static double
digit_ink (MlGauge *self,
           double   font)
{
  g_autoptr (PangoLayout) digits = make_layout (self, self->number_text, font, PANGO_WEIGHT_BOLD);
  PangoRectangle ink;

  pango_layout_get_extents (digits, &ink, NULL);
  return (double) ink.height / PANGO_SCALE;
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

  if (self->defined && !self->concealed)
    {
      g_autofree char *text = g_strdup_printf (_("%s mV"), self->number_text);
      g_autoptr(PangoLayout) number = NULL;
      g_autoptr(PangoLayout) caption = NULL;
      double font = geo->number_font;
      double w, h, cw, ch, top;

      double max_w = self->number_floor > 0 ? gtk_widget_get_width (GTK_WIDGET (self)) - 8.0
                                            : 1.3 * geo->radius;

      number = number_layout (self, text, font);
      if (self->number_floor > 0)
        {
          /* The floor is the digits' ink, measured: a font whose digits
           * fall short grows until they reach it. */
          double digits = digit_ink (self, font);

          if (digits > 0 && digits < self->number_floor)
            {
              font *= self->number_floor / digits;
              g_object_unref (number);
              number = number_layout (self, text, font);
            }
        }
      layout_size (number, &w, &h);
      /* Never wider than the gap between the ends of the dial (with a
       * floor, than the widget). */
      if (w > max_w)
        {
          font *= max_w / w;
          g_object_unref (number);
          number = number_layout (self, text, font);
          layout_size (number, &w, &h);
        }
      self->drawn_digit_px = digit_ink (self, font);

      caption = make_layout (self, self->clamped ? _("clamped") : _("resting potential"),
                             geo->caption_font, PANGO_WEIGHT_NORMAL);
      layout_size (caption, &cw, &ch);

      top = geo->cy + 0.15 * geo->radius;
      /* Its ink, not the line box: the line box is mostly empty space. */
      *used = GRAPHENE_RECT_INIT (geo->cx - w / 2 - 2, top + 0.2 * h, w + 4, 0.7 * h);
      set_source (cr, &self->fg, 1.0);
      cairo_move_to (cr, geo->cx - w / 2, top);
      pango_cairo_show_layout (cr, number);

      set_source (cr, &self->fg, ml_palette_secondary_alpha (self->high_contrast, 0.7));
      cairo_move_to (cr, geo->cx - cw / 2, top + h);
      pango_cairo_show_layout (cr, caption);

      /* Where it was and by how much it moved, until the next change. */
      if (self->has_ghost && self->ghost_text != NULL)
        {
          g_autoptr(PangoLayout) ghost = make_layout (self, self->ghost_text, geo->caption_font,
                                                      PANGO_WEIGHT_BOLD);
          double gw, gh;

          layout_size (ghost, &gw, &gh);
          set_source (cr, &self->fg, ml_palette_secondary_alpha (self->high_contrast, 0.85));
          cairo_move_to (cr, geo->cx - gw / 2, top + h + ch);
          pango_cairo_show_layout (cr, ghost);
        }
    }
  else
    {
      /* Translators: on the gauge while a lesson waits for the student's
       * prediction. */
      const char *message = self->concealed ? _("Your prediction first")
                                            : ml_condition_message (self->condition);
      g_autoptr(PangoLayout) layout = NULL;
      PangoRectangle logical;
      /* the dial's inside and the open gap between its ends; the scale
       * labels the words cover are left out */
      double max_w = 1.45 * geo->radius;
      double max_h = 1.3 * geo->radius;
      double mid = geo->cy + 0.1 * geo->radius;
      double w, h;

      if (message == NULL)
        message = _("undefined");
      /* Large type, wrapped between words; smaller only for a message too
       * long for the dial, and then never smaller than the scale. */
      for (double font = geo->message_font; ; font *= 0.92)
        {
          g_clear_object (&layout);
          layout = make_layout (self, message, font, PANGO_WEIGHT_BOLD);
          pango_layout_set_width (layout, (int) (max_w * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          pango_layout_get_extents (layout, NULL, &logical);
          w = (double) logical.width / PANGO_SCALE;
          h = (double) logical.height / PANGO_SCALE;
          if ((w <= max_w && h <= max_h && breaks_between_words (layout, message)) ||
              font * 0.92 < geo->tick_font)
            break;
        }
      *used = GRAPHENE_RECT_INIT (geo->cx - w / 2, mid - h / 2, w, h);

      /* Centred lines start right of the layout's origin. */
      set_source (cr, &self->fg, ml_palette_secondary_alpha (self->high_contrast, 0.85));
      cairo_move_to (cr, geo->cx - w / 2 - (double) logical.x / PANGO_SCALE, mid - h / 2);
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

      /* The label is text: the text palette, which reaches 4.5:1. */
      ml_ion_text_color (m->name, self->dark, self->high_contrast, &color);
      set_source (cr, &color, 1.0);
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

  ml_gauge_invalidate_cache (self);
  self->smallest_text_px = G_MAXDOUBLE;
  self->drawn_digit_px = 0;
  compute_geometry (self, width, height, &self->geo);
  self->cache_width = width;
  self->cache_height = height;

  self->tick_labels = g_array_new (FALSE, FALSE, sizeof (TickLabel));
  g_array_set_clear_func (self->tick_labels, tick_label_clear);

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

/* The needle's last position as a dashed outline from the pivot. */
static void
draw_ghost (MlGauge *self,
            cairo_t *cr)
{
  const Geometry *geo = &self->geo;
  double a = value_to_angle (self, CLAMP (self->ghost, self->range_min, self->range_max));
  double c = cos (a), s = sin (a);
  double tip = geo->radius + geo->track / 2.0;
  double dash = MAX (3.0, 0.03 * geo->radius);

  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.5, 0.012 * geo->radius));
  cairo_set_dash (cr, &dash, 1, 0);
  set_source (cr, &self->fg, 0.55);
  cairo_move_to (cr, geo->cx + 0.12 * geo->radius * c, geo->cy + 0.12 * geo->radius * s);
  cairo_line_to (cr, geo->cx + tip * c, geo->cy + tip * s);
  cairo_stroke (cr);
  cairo_restore (cr);
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
  double halo = MAX (2.0, 0.3 * geo->tick_font);

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

  /* The needle, in a group so that a halo can be cut out of it around the
   * labels it crosses. */
  cairo_push_group (cr);
  set_source (cr, &self->fg, 1.0);
  cairo_move_to (cr, geo->cx + tip * c - point * s, geo->cy + tip * s + point * c);
  cairo_line_to (cr, geo->cx + tip * c + point * s, geo->cy + tip * s - point * c);
  cairo_line_to (cr, geo->cx - tail * c + base * 0.7 * s, geo->cy - tail * s - base * 0.7 * c);
  cairo_line_to (cr, geo->cx - tail * c - base * 0.7 * s, geo->cy - tail * s + base * 0.7 * c);
  cairo_close_path (cr);
  cairo_fill (cr);

  cairo_arc (cr, geo->cx, geo->cy, MAX (4.0, 0.05 * geo->radius), 0, 2 * G_PI);
  cairo_fill (cr);

  for (guint i = 0; self->tick_labels != NULL && i < self->tick_labels->len; i++)
    {
      const TickLabel *label = &g_array_index (self->tick_labels, TickLabel, i);
      double dx = label->x - geo->cx, dy = label->y - geo->cy;
      double along = dx * c + dy * s;

      /* only the labels near the needle's line */
      if (fabs (dy * c - dx * s) > label->radius + base || along < -tail - label->radius)
        continue;
      cairo_new_path (cr);
      cairo_append_path (cr, label->path);
      cairo_set_operator (cr, CAIRO_OPERATOR_DEST_OUT);
      cairo_set_source_rgba (cr, 0, 0, 0, 1);
      cairo_set_line_width (cr, halo * 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke_preserve (cr);
      cairo_fill (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    }
  cairo_pop_group_to_source (cr);
  cairo_paint (cr);
}

void
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

  if (self->has_solution && self->defined && !self->concealed)
    {
      /* Over the whole widget, as the dial: cairo's SVG surface writes a
       * cairo node whose bounds start elsewhere than at the widget's
       * corner in a form librsvg draws shifted by that corner (the
       * exported figure's needle stood up and left of its pivot). */
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

      if (self->has_ghost)
        draw_ghost (self, cr);
      draw_needle (self, cr);
      cairo_destroy (cr);
    }

  /* Over the band, so the E pointers stay whole. */
  if (self->pointer_node != NULL)
    gtk_snapshot_append_node (snapshot, self->pointer_node);
}

