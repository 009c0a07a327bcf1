/* ml-membrane-view.c — the membrane, its channels, pump, charges and arrows
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The centre picture of the app: the outside above, the cytosol below and a
 * lipid bilayer between them, with one channel per ion (its pore wider when
 * the ion is more permeable), the Na⁺/K⁺ pump, charges lined up along the two
 * faces in proportion to V_m, and one arrow per ion saying where that ion
 * moves, how hard it is pushed (length, from the driving force) and how much
 * of it flows (thickness, from the current).  It is projected in lectures, so
 * everything scales with the allocation and no text is smaller than 14 px.
 *
 * The widget computes no physics: every number and every direction it shows is
 * read from an MlSolution.  It redraws on every slider step, so the geometry
 * is a few hundred cairo primitives batched into a handful of paths, and text
 * layouts are cached between frames.
 */
#include "config.h"

#include "ml-membrane-view.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ml-ion-colors.h"

/* Particles per side of one channel at the highest concentration. */
#define MAX_PARTICLES       14
/* Concentration (mM) with no particle, and particles per decade above it:
 * 0.1 mM → 0, 500 mM → 14, so 5 and 140 mM K⁺ look clearly different. */
#define PARTICLE_C0_MM      0.1
#define PARTICLES_PER_DEC   3.8
/* Driving force (mV) that gets the longest arrow. */
#define ARROW_FULL_MV       150.0
/* |V_m| (mV) at which every charge position is filled. */
#define CHARGE_FULL_MV      100.0
#define MAX_CHARGES         48
/* Decades of permeability below the largest one that still show an open pore. */
#define PORE_DECADES        4.0
/* Currents (µA/cm²) that give the thinnest and the thickest arrow shaft. */
#define CURRENT_MIN_UA      0.01
#define CURRENT_MAX_UA      100.0

#define N_SLOTS             (ML_MAX_IONS + 1)

enum
{
  TEXT_OUTSIDE,
  TEXT_INSIDE,
  TEXT_BANNER,
  TEXT_PUMP_NA,
  TEXT_PUMP_K,
  TEXT_SLOT_0,  /* three lines per slot: name, value, status */
  N_TEXTS = TEXT_SLOT_0 + 3 * N_SLOTS,
};

typedef struct
{
  PangoLayout *layout;
  char        *text;
  int          size;      /* absolute, Pango units */
  int          weight;
  int          width;     /* Pango units, -1 for none */
} CachedText;

enum
{
  SPRITE_LIPID_TOP,
  SPRITE_LIPID_BOTTOM,
  SPRITE_PLUS,
  SPRITE_MINUS,
  SPRITE_PUMP,
  SPRITE_PARTICLE_0,
  SPRITE_SUBUNIT_0 = SPRITE_PARTICLE_0 + ML_MAX_IONS,
  N_SPRITES = SPRITE_SUBUNIT_0 + ML_MAX_IONS,
};

#define SPRITE_PARAMS 8

typedef struct
{
  cairo_surface_t *surface;
  double           key[SPRITE_PARAMS + 3];  /* size, scale and what it shows */
} Sprite;

/* Where everything goes for the current allocation; computed per frame. */
typedef struct
{
  double w, h;
  double g;               /* geometric scale, 1 at 560 × 360 */
  double fs;              /* body text size in px */
  double pad;
  double out_top;         /* first y of the outside area below its label */
  double mem_top, mem_bot, thick;
  double block_top;       /* first y of the per-slot label block */
  double inside_label_y;
  double slot_w, margin_x;
  double corridor;        /* width kept free around a channel axis */
  double sub_w;           /* width of one channel subunit */
  double gap_min, gap_max;
  double t_min, t_max;    /* arrow shaft thickness */
  double charge_size;
  double particle_r;
  guint  n_slots;
  guint  pump_slot;
} Geometry;

struct _MlMembraneView
{
  GtkWidget     parent_instance;

  MlSolution    solution;
  gboolean      has_solution;
  char         *description;
  char         *labels[ML_MAX_IONS];
  GdkRGBA       ion_colors[ML_MAX_IONS];

  /* Particle positions in a unit square per ion and side, seeded from the
   * ion's name so they stay put while a slider adds or removes particles. */
  float         particles[ML_MAX_IONS][2][MAX_PARTICLES][2];
  char          particle_names[ML_MAX_IONS][ML_ION_NAME_MAX];

  GdkRGBA       fg;
  gboolean      dark;

  CachedText    texts[N_TEXTS];
  Sprite        sprites[N_SPRITES];
};

G_DEFINE_FINAL_TYPE (MlMembraneView, ml_membrane_view, GTK_TYPE_WIDGET)

/* Formatting ---------------------------------------------------------- */

/* "+20.0", "−129.7" (U+2212), "0.0"; never NaN. */
static char *
format_signed (double mv)
{
  const char *sign = "";

  if (!isfinite (mv) || fabs (mv) < 0.05)
    mv = 0.0;
  else if (mv > 0)
    sign = "+";
  else
    sign = "−";

  return g_strdup_printf ("%s%.1f", sign, fabs (mv));
}

/* "+20.0 mV" */
static char *
format_mv (double mv)
{
  g_autofree char *number = format_signed (mv);

  /* Translators: a voltage, %s is a signed number such as "+20.0" */
  return g_strdup_printf (_("%s mV"), number);
}

static gboolean
ion_is_infinite (const MlIonResult *r)
{
  return r->nernst_state == ML_NERNST_PLUS_INFINITY ||
         r->nernst_state == ML_NERNST_MINUS_INFINITY;
}

/* E = +∞ makes V − E = −∞ and the other way round. */
static const char *
infinite_force_text (const MlIonResult *r)
{
  return r->nernst_state == ML_NERNST_PLUS_INFINITY ? "−∞" : "+∞";
}

static gboolean
pump_on (MlMembraneView *self)
{
  return self->has_solution && self->solution.pump_mode != ML_PUMP_OFF;
}

static void
update_description (MlMembraneView *self)
{
  const MlSolution *sol = &self->solution;
  GString *s = g_string_new (NULL);

  if (!self->has_solution)
    {
      g_string_append (s, _("Membrane with no cell."));
    }
  else if (!sol->vm_defined)
    {
      const char *why = ml_condition_message (sol->condition);

      /* Translators: %s says why, e.g. "undefined: no permeant ion" */
      g_string_append_printf (s, _("Membrane potential %s."),
                              why != NULL ? why : _("undefined"));
      for (guint i = 0; i < sol->n_ions; i++)
        {
          const MlIonResult *r = &sol->ions[i];

          g_string_append_c (s, ' ');
          if (!r->ion.enabled)
            g_string_append_printf (s, _("%s: switched off."), self->labels[i]);
          else if (r->ion.p > 0)
            g_string_append_printf (s, _("%s: channel open."), self->labels[i]);
          else
            g_string_append_printf (s, _("%s: channel closed."), self->labels[i]);
        }
    }
  else
    {
      g_autofree char *vm = format_mv (sol->vm_mv);

      if (sol->vm_mv <= -0.05)
        g_string_append_printf (s, _("Membrane at %s, inside negative."), vm);
      else if (sol->vm_mv >= 0.05)
        g_string_append_printf (s, _("Membrane at %s, inside positive."), vm);
      else
        g_string_append_printf (s, _("Membrane at %s, no charge across it."), vm);

      for (guint i = 0; i < sol->n_ions; i++)
        {
          const MlIonResult *r = &sol->ions[i];
          const char *label = self->labels[i];
          g_autofree char *force = NULL;
          const char *moves;

          g_string_append_c (s, ' ');
          if (r->nernst_state == ML_NERNST_UNDEFINED)
            {
              g_string_append_printf (s, _("%s: absent on both sides."), label);
              continue;
            }

          force = ion_is_infinite (r) ? g_strdup (infinite_force_text (r))
                                      : format_mv (r->driving_force_mv);

          if (r->direction == 0)
            {
              g_string_append_printf (s, _("%s: at equilibrium, driving force %s."),
                                      label, force);
              continue;
            }

          if (!r->ion.enabled)
            moves = r->direction > 0 ? _("would move out but is switched off")
                                     : _("would move in but is switched off");
          else if (!r->permeant)
            moves = r->direction > 0 ? _("would move out but its channel is closed")
                                     : _("would move in but its channel is closed");
          else
            moves = r->direction > 0 ? _("moves out") : _("moves in");

          /* Translators: "K⁺: driving force +20.0 mV, moves out." */
          g_string_append_printf (s, _("%s: driving force %s, %s."), label, force, moves);
        }
    }

  g_string_append_c (s, ' ');
  if (pump_on (self))
    g_string_append (s, _("Pump on: 3 Na⁺ out, 2 K⁺ in."));
  else
    g_string_append (s, _("Pump blocked."));

  g_free (self->description);
  self->description = g_string_free (s, FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* Deterministic particles ---------------------------------------------- */

static guint32
next_random (guint32 *state)
{
  /* xorshift32: tiny, and the same sequence on every platform */
  guint32 x = *state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

static float
next_unit (guint32 *state)
{
  return (next_random (state) >> 8) / (float) (1 << 24);
}

/* Best-candidate sampling: each new point is the farthest of a few tries from
 * the points before it, so particles spread evenly, and point k never depends
 * on how many come after it. Even points go left of the channel, odd right. */
static void
place_particles (float    pts[MAX_PARTICLES][2],
                 guint32  seed)
{
  guint32 state = seed != 0 ? seed : 0x9e3779b9u;

  for (guint k = 0; k < 8; k++)
    next_random (&state);

  for (guint k = 0; k < MAX_PARTICLES; k++)
    {
      float best_u = 0.5f, best_v = 0.5f, best_d = -1.0f;

      for (guint c = 0; c < 12; c++)
        {
          float u = next_unit (&state);
          float v = next_unit (&state);
          float d = 1e9f;

          for (guint j = k % 2; j < k; j += 2)
            {
              /* the strips are about twice as tall as wide */
              float du = (u - pts[j][0]) * 0.5f;
              float dv = v - pts[j][1];

              d = MIN (d, du * du + dv * dv);
            }
          if (d > best_d)
            {
              best_d = d;
              best_u = u;
              best_v = v;
            }
        }
      pts[k][0] = best_u;
      pts[k][1] = best_v;
    }
}

static guint
particle_count (double c_mm)
{
  double n;

  if (!(c_mm > 0.0) || !isfinite (c_mm))
    return 0;
  n = round (PARTICLES_PER_DEC * log10 (c_mm / PARTICLE_C0_MM));
  return (guint) CLAMP (n, 0.0, (double) MAX_PARTICLES);
}

/* Text cache ----------------------------------------------------------- */

static PangoLayout *
cached_text (MlMembraneView *self,
             guint           key,
             const char     *text,
             double          px,
             int             weight,
             double          width_px)
{
  CachedText *t = &self->texts[key];
  int size = (int) (px * PANGO_SCALE + 0.5);
  int width = width_px > 0 ? (int) (width_px * PANGO_SCALE) : -1;

  if (t->layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      t->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      /* tabular figures: numbers do not wobble while a slider moves */
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (t->layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_alignment (t->layout, PANGO_ALIGN_CENTER);
      t->width = -2;
    }

  if (g_strcmp0 (t->text, text) != 0)
    {
      g_free (t->text);
      t->text = g_strdup (text);
      pango_layout_set_text (t->layout, text, -1);
    }

  if (t->size != size || t->weight != weight)
    {
      PangoContext *context = pango_layout_get_context (t->layout);
      PangoFontDescription *desc;

      desc = pango_font_description_copy (pango_context_get_font_description (context));
      pango_font_description_set_absolute_size (desc, size);
      pango_font_description_set_weight (desc, weight);
      pango_layout_set_font_description (t->layout, desc);
      pango_font_description_free (desc);
      t->size = size;
      t->weight = weight;
    }

  if (t->width != width)
    {
      pango_layout_set_width (t->layout, width);
      pango_layout_set_ellipsize (t->layout, width > 0 ? PANGO_ELLIPSIZE_END
                                                       : PANGO_ELLIPSIZE_NONE);
      t->width = width;
    }

  return t->layout;
}

static void
invalidate_texts (MlMembraneView *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    if (self->texts[i].layout != NULL)
      {
        pango_layout_context_changed (self->texts[i].layout);
        self->texts[i].size = 0;
      }
}

/* Draws a layout with its top-left corner at (x, y). */
static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Geometry ------------------------------------------------------------- */

static void
compute_geometry (MlMembraneView *self,
                  Geometry       *geo)
{
  double name_h, block_h, avail;
  guint n_ions = self->has_solution ? self->solution.n_ions : 0;

  geo->w = gtk_widget_get_width (GTK_WIDGET (self));
  geo->h = gtk_widget_get_height (GTK_WIDGET (self));
  geo->g = MIN (geo->w / 560.0, geo->h / 360.0);
  geo->fs = CLAMP (14.0 * geo->g, 14.0, 24.0);
  geo->pad = 0.6 * geo->fs;

  geo->n_slots = n_ions + 1;
  geo->pump_slot = n_ions / 2;

  geo->out_top = geo->pad + 1.45 * geo->fs;
  geo->inside_label_y = geo->h - geo->pad - 1.3 * geo->fs;
  name_h = 1.3 * 1.25 * geo->fs;
  block_h = name_h + 2 * 1.3 * geo->fs;
  geo->block_top = geo->inside_label_y - block_h - 0.2 * geo->fs;

  avail = MAX (geo->block_top - geo->out_top, 60.0);
  geo->thick = CLAMP (avail * 0.17, 24.0, 96.0);
  geo->mem_top = geo->out_top + (avail - geo->thick) / 2;
  geo->mem_bot = geo->mem_top + geo->thick;

  geo->margin_x = geo->pad;
  geo->slot_w = (geo->w - 2 * geo->margin_x) / geo->n_slots;
  geo->corridor = MIN (geo->slot_w * 0.44, geo->thick * 1.5);
  geo->sub_w = MIN (geo->corridor * 0.27, geo->thick * 0.4);
  geo->gap_max = geo->corridor - 2 * geo->sub_w;
  geo->gap_min = geo->gap_max * 0.2;
  geo->t_max = geo->gap_max * 0.75;
  geo->t_min = MAX (2.0, geo->gap_max * 0.12);
  geo->charge_size = CLAMP (geo->thick * 0.22, 7.0, 18.0);
  geo->particle_r = CLAMP (geo->thick * 0.085, 3.0, 8.0);
}

static double
slot_center (const Geometry *geo,
             guint           slot)
{
  return geo->margin_x + (slot + 0.5) * geo->slot_w;
}

static guint
ion_slot (const Geometry *geo,
          guint           ion)
{
  return ion < geo->pump_slot ? ion : ion + 1;
}

/* Pore width: log scale of P relative to the most permeable ion. */
static double
pore_width (MlMembraneView *self,
            const Geometry *geo,
            guint           ion)
{
  const MlSolution *sol = &self->solution;
  double p = sol->ions[ion].ion.p;
  double p_max = 0;
  double f;

  for (guint i = 0; i < sol->n_ions; i++)
    if (sol->ions[i].ion.enabled)
      p_max = MAX (p_max, sol->ions[i].ion.p);

  if (!sol->ions[ion].ion.enabled || !(p > 0) || !(p_max > 0))
    return 0;

  f = 1.0 + log10 (p / p_max) / PORE_DECADES;
  return geo->gap_min + CLAMP (f, 0.0, 1.0) * (geo->gap_max - geo->gap_min);
}

/* Drawing -------------------------------------------------------------- */

static void
set_color (cairo_t       *cr,
           const GdkRGBA *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

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
arrow_path (cairo_t *cr,
            double   x,
            double   y_tail,
            double   y_tip,
            double   t,
            double   head_w,
            double   head_l)
{
  double dir = y_tip < y_tail ? -1.0 : 1.0;
  double y_neck = y_tip - dir * head_l;

  cairo_new_sub_path (cr);
  cairo_move_to (cr, x - t / 2, y_tail);
  cairo_line_to (cr, x - t / 2, y_neck);
  cairo_line_to (cr, x - head_w / 2, y_neck);
  cairo_line_to (cr, x, y_tip);
  cairo_line_to (cr, x + head_w / 2, y_neck);
  cairo_line_to (cr, x + t / 2, y_neck);
  cairo_line_to (cr, x + t / 2, y_tail);
  cairo_close_path (cr);
}

/* A solid arrow with a thin halo, so it reads on top of its own channel. */
static void
draw_arrow (MlMembraneView *self,
            cairo_t        *cr,
            const Geometry *geo,
            double          x,
            double          y_tail,
            double          y_tip,
            double          t,
            const GdkRGBA  *color,
            gboolean        hollow)
{
  double head_w = MAX (t * 2.1, geo->t_min * 2 + 8 * geo->g);
  double head_l = MIN (head_w * 0.85, fabs (y_tip - y_tail) * 0.6);

  head_w = MIN (head_w, geo->corridor);
  arrow_path (cr, x, y_tail, y_tip, t, head_w, head_l);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (hollow)
    {
      double dash[] = { 4 * geo->g + 1, 3 * geo->g + 1 };

      if (self->dark)
        cairo_set_source_rgba (cr, 0.14, 0.14, 0.16, 0.85);
      else
        cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_fill_preserve (cr);
      set_color (cr, color, 1.0);
      cairo_set_line_width (cr, MAX (1.5, 1.6 * geo->g));
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }

  if (self->dark)
    cairo_set_source_rgba (cr, 0.12, 0.12, 0.14, 0.9);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, MAX (2.0, 2.5 * geo->g));
  cairo_stroke_preserve (cr);
  set_color (cr, color, 1.0);
  cairo_fill (cr);
}

/* Sprites: small shapes drawn once into image surfaces and then painted
 * many times.  Cairo spends about 5 µs rasterising one anti-aliased circle
 * but well under 1 µs copying a small image, and the lipids and particles are
 * a few hundred circles, so this keeps a full-HD frame around a millisecond. */

typedef void (*SpriteFunc) (cairo_t      *cr,
                            double        w,
                            double        h,
                            const double *p);

static cairo_surface_t *
get_sprite (MlMembraneView *self,
            guint           id,
            double          w,
            double          h,
            const double    p[SPRITE_PARAMS],
            SpriteFunc      func)
{
  Sprite *sprite = &self->sprites[id];
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double key[SPRITE_PARAMS + 3] = { w, h, scale };
  cairo_t *cr;

  memcpy (key + 3, p, sizeof (double) * SPRITE_PARAMS);
  if (sprite->surface != NULL && memcmp (key, sprite->key, sizeof key) == 0)
    return sprite->surface;

  /* a recording that still uses the old surface keeps its own reference */
  g_clear_pointer (&sprite->surface, cairo_surface_destroy);
  sprite->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                (int) ceil (w * scale),
                                                (int) ceil (h * scale));
  cairo_surface_set_device_scale (sprite->surface, scale, scale);
  cr = cairo_create (sprite->surface);
  func (cr, w, h, p);
  cairo_destroy (cr);
  memcpy (sprite->key, key, sizeof key);

  return sprite->surface;
}

static void
paint_sprite (MlMembraneView  *self,
              cairo_t         *cr,
              cairo_surface_t *sprite,
              double           x,
              double           y)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  /* whole device pixels keep the sprite sharp */
  cairo_set_source_surface (cr, sprite, round (x * scale) / scale, round (y * scale) / scale);
  cairo_paint (cr);
}

/* p: head radius, dark, top leaflet; h is the leaflet's depth */
static void
lipid_sprite (cairo_t      *cr,
              double        w,
              double        h,
              const double *p)
{
  double rh = p[0];
  gboolean dark = p[1] != 0, top = p[2] != 0;
  double y_head = top ? 1 + rh : h - 1 - rh;
  double y_end = top ? h - 0.08 * h : 0.08 * h;

  cairo_move_to (cr, w / 2 - rh * 0.4, y_head);
  cairo_line_to (cr, w / 2 - rh * 0.4, y_end);
  cairo_move_to (cr, w / 2 + rh * 0.4, y_head);
  cairo_line_to (cr, w / 2 + rh * 0.4, y_end);
  if (dark)
    cairo_set_source_rgba (cr, 0.62, 0.58, 0.48, 0.9);
  else
    cairo_set_source_rgba (cr, 0.7, 0.62, 0.45, 0.9);
  cairo_set_line_width (cr, MAX (1.0, rh * 0.28));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);

  cairo_arc (cr, w / 2, y_head, rh, 0, 2 * G_PI);
  if (dark)
    cairo_set_source_rgba (cr, 0.56, 0.58, 0.64, 1);
  else
    cairo_set_source_rgba (cr, 0.6, 0.63, 0.69, 1);
  cairo_fill (cr);
}

/* p: radius, r, g, b, a */
static void
disc_sprite (cairo_t      *cr,
             double        w,
             double        h,
             const double *p)
{
  cairo_arc (cr, w / 2, h / 2, p[0], 0, 2 * G_PI);
  cairo_set_source_rgba (cr, p[1], p[2], p[3], p[4]);
  cairo_fill (cr);
}

/* p: size, r, g, b, a, plus */
static void
charge_sprite (cairo_t      *cr,
               double        w,
               double        h,
               const double *p)
{
  double cs = p[0];

  cairo_move_to (cr, w / 2 - cs / 2, h / 2);
  cairo_line_to (cr, w / 2 + cs / 2, h / 2);
  if (p[5] != 0)
    {
      cairo_move_to (cr, w / 2, h / 2 - cs / 2);
      cairo_line_to (cr, w / 2, h / 2 + cs / 2);
    }
  cairo_set_source_rgba (cr, p[1], p[2], p[3], p[4]);
  cairo_set_line_width (cr, MAX (1.5, cs * 0.2));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

/* A rounded protein body, solid or (switched off, blocked) dashed.
 * p: corner radius, r, g, b, a, solid, scale g */
static void
protein_sprite (cairo_t      *cr,
                double        w,
                double        h,
                const double *p)
{
  double lw = MAX (1.2, 1.3 * p[6]);

  rounded_rect (cr, 1, 1, w - 2, h - 2, p[0]);
  if (p[5] != 0)
    {
      cairo_set_source_rgba (cr, p[1], p[2], p[3], 0.8 * p[4]);
      cairo_fill_preserve (cr);
      /* a darker rim of the same hue */
      cairo_set_source_rgba (cr, p[1] * 0.6, p[2] * 0.6, p[3] * 0.6, p[4]);
      cairo_set_line_width (cr, lw * 0.9);
      cairo_stroke (cr);
    }
  else
    {
      double dash[] = { 3 * p[6] + 1, 2.5 * p[6] + 1 };
      /* light ink means a dark theme; an opaque base hides the bilayer */
      double base = 0.3 * p[1] + 0.59 * p[2] + 0.11 * p[3] > 0.5 ? 0.2 : 0.97;

      cairo_set_source_rgb (cr, base, base, base);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, p[1], p[2], p[3], 0.08);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, p[1], p[2], p[3], 0.45);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, lw);
      cairo_stroke (cr);
    }
}

static double
protein_half_width (const Geometry *geo,
                    MlMembraneView *self,
                    guint           slot)
{
  if (slot == geo->pump_slot)
    return MIN (geo->slot_w * 0.3, geo->thick * 0.95);
  return geo->sub_w + pore_width (self, geo, slot < geo->pump_slot ? slot : slot - 1) / 2;
}

static void
draw_bilayer (MlMembraneView *self,
              cairo_t        *cr,
              const Geometry *geo)
{
  double rh = geo->thick * 0.13;
  double step = rh * 2.3;
  double sw = ceil (2 * rh + 2);
  double sh = ceil (geo->thick / 2);
  double holes[N_SLOTS][2];
  cairo_surface_t *top, *bottom;

  top = get_sprite (self, SPRITE_LIPID_TOP, sw, sh,
                    (double[SPRITE_PARAMS]) { rh, self->dark, 1 }, lipid_sprite);
  bottom = get_sprite (self, SPRITE_LIPID_BOTTOM, sw, sh,
                       (double[SPRITE_PARAMS]) { rh, self->dark, 0 }, lipid_sprite);

  /* where proteins sit, so lipids do not show through them */
  for (guint s = 0; s < geo->n_slots; s++)
    {
      double half = protein_half_width (geo, self, s);

      holes[s][0] = slot_center (geo, s) - half - rh * 1.4;
      holes[s][1] = slot_center (geo, s) + half + rh * 1.4;
    }

  /* the hydrophobic core, nearly opaque so both tints end at the heads */
  if (self->dark)
    cairo_set_source_rgba (cr, 0.27, 0.25, 0.21, 0.95);
  else
    cairo_set_source_rgba (cr, 0.95, 0.91, 0.82, 0.95);
  cairo_rectangle (cr, 0, geo->mem_top + rh, geo->w, geo->thick - 2 * rh);
  cairo_fill (cr);

  for (double x = step / 2; x < geo->w; x += step)
    {
      gboolean hidden = FALSE;

      for (guint k = 0; k < geo->n_slots; k++)
        if (x > holes[k][0] && x < holes[k][1])
          hidden = TRUE;
      if (hidden)
        continue;

      paint_sprite (self, cr, top, x - sw / 2, geo->mem_top - 1);
      paint_sprite (self, cr, bottom, x - sw / 2, geo->mem_bot + 1 - sh);
    }
}

static void
draw_channel (MlMembraneView *self,
              cairo_t        *cr,
              const Geometry *geo,
              guint           ion)
{
  const MlIonResult *r = &self->solution.ions[ion];
  double cx = slot_center (geo, ion_slot (geo, ion));
  double gap = pore_width (self, geo, ion);
  double over = geo->thick * 0.16;
  double w = ceil (geo->sub_w) + 2;
  double h = ceil (geo->thick + 2 * over) + 2;
  const GdkRGBA *c = r->ion.enabled ? &self->ion_colors[ion] : &self->fg;
  cairo_surface_t *sprite;

  sprite = get_sprite (self, SPRITE_SUBUNIT_0 + ion, w, h,
                       (double[SPRITE_PARAMS]) { geo->sub_w * 0.45, c->red, c->green, c->blue,
                                                 c->alpha, r->ion.enabled, geo->g },
                       protein_sprite);
  paint_sprite (self, cr, sprite, cx - gap / 2 - w + 1, geo->mem_top - over - 1);
  paint_sprite (self, cr, sprite, cx + gap / 2 - 1, geo->mem_top - over - 1);
}

static void
draw_particles (MlMembraneView *self,
                cairo_t        *cr,
                const Geometry *geo,
                guint           ion)
{
  const MlIonResult *r = &self->solution.ions[ion];
  const GdkRGBA *c = &self->ion_colors[ion];
  double cx = slot_center (geo, ion_slot (geo, ion));
  double rad = geo->particle_r;
  double inset = geo->slot_w * 0.06;  /* a gap between neighbouring ions */
  double strip_w = (geo->slot_w - geo->corridor) / 2 - 2 * rad - 2 - inset;
  double band = 1.3 * geo->charge_size + geo->thick * 0.22 + rad + 3;
  double size = ceil (2 * rad + 2);
  cairo_surface_t *sprite;

  if (strip_w <= 0)
    return;

  sprite = get_sprite (self, SPRITE_PARTICLE_0 + ion, size, size,
                       (double[SPRITE_PARAMS]) { rad, c->red, c->green, c->blue,
                                                 c->alpha * (r->ion.enabled ? 0.85 : 0.35) },
                       disc_sprite);

  for (int side = 0; side < 2; side++)
    {
      guint n = particle_count (side == 0 ? r->ion.c_out : r->ion.c_in);
      double y_near, y_far;

      if (side == 0)
        {
          y_near = geo->mem_top - band;
          y_far = geo->out_top + rad + 2;
        }
      else
        {
          y_near = geo->mem_bot + band;
          y_far = geo->block_top - rad - 2;
        }

      for (guint k = 0; k < n; k++)
        {
          const float *p = self->particles[ion][side][k];
          double x0 = (k % 2 == 0) ? cx - geo->slot_w / 2 + inset + rad + 1
                                   : cx + geo->corridor / 2 + rad + 1;

          paint_sprite (self, cr, sprite, x0 + p[0] * strip_w - size / 2,
                        y_near + p[1] * (y_far - y_near) - size / 2);
        }
    }
}

static void
draw_charges (MlMembraneView *self,
              cairo_t        *cr,
              const Geometry *geo)
{
  double vm = self->solution.vm_mv;
  double cs = geo->charge_size;
  double size = ceil (cs * 1.3 + 2);
  double free_from[N_SLOTS + 1], free_to[N_SLOTS + 1];
  double y_out = geo->mem_top - cs * 0.5 - geo->thick * 0.22;
  double y_in = geo->mem_bot + cs * 0.5 + geo->thick * 0.22;
  double length = 0;
  guint m, n;
  cairo_surface_t *plus, *minus;
  const GdkRGBA *c = &self->fg;

  if (!self->solution.vm_defined)
    return;

  /* the faces without proteins, as intervals along x */
  for (guint s = 0; s <= geo->n_slots; s++)
    {
      double margin = cs * 0.8;

      free_from[s] = s == 0 ? cs : slot_center (geo, s - 1) + protein_half_width (geo, self, s - 1) + margin;
      free_to[s] = s == geo->n_slots ? geo->w - cs
                                     : slot_center (geo, s) - protein_half_width (geo, self, s) - margin;
      if (s != 0 && s != geo->n_slots && self->has_solution)
        {
          /* keep arrows and their heads clear too */
          free_from[s] = MAX (free_from[s], slot_center (geo, s - 1) + geo->corridor / 2 + margin);
          free_to[s] = MIN (free_to[s], slot_center (geo, s) - geo->corridor / 2 - margin);
        }
      length += MAX (0, free_to[s] - free_from[s]);
    }

  m = MIN ((guint) (length / (cs * 1.7)), MAX_CHARGES);
  n = (guint) round (m * MIN (fabs (vm) / CHARGE_FULL_MV, 1.0));
  if (n == 0)
    return;

  plus = get_sprite (self, SPRITE_PLUS, size, size,
                     (double[SPRITE_PARAMS]) { cs, c->red, c->green, c->blue, 0.8 * c->alpha, 1 },
                     charge_sprite);
  minus = get_sprite (self, SPRITE_MINUS, size, size,
                      (double[SPRITE_PARAMS]) { cs, c->red, c->green, c->blue, 0.8 * c->alpha, 0 },
                      charge_sprite);

  /* evenly spaced along the free faces, in even rows */
  for (guint j = 0; j < n; j++)
    {
      double t = (j + 0.5) * length / n;
      double x = 0;

      for (guint s = 0; s <= geo->n_slots; s++)
        {
          double span = MAX (0, free_to[s] - free_from[s]);

          if (t <= span)
            {
              x = free_from[s] + t;
              break;
            }
          t -= span;
        }

      paint_sprite (self, cr, plus, x - size / 2, (vm < 0 ? y_out : y_in) - size / 2);
      paint_sprite (self, cr, minus, x - size / 2, (vm < 0 ? y_in : y_out) - size / 2);
    }
}

static double
arrow_thickness (const Geometry *geo,
                 double          current)
{
  double f = log10 (1.0 + fabs (current) / CURRENT_MIN_UA) /
             log10 (1.0 + CURRENT_MAX_UA / CURRENT_MIN_UA);

  if (!isfinite (f))
    f = 0;
  return geo->t_min + CLAMP (f, 0.0, 1.0) * (geo->t_max - geo->t_min);
}

static void
draw_ion_arrow (MlMembraneView *self,
                cairo_t        *cr,
                const Geometry *geo,
                guint           ion)
{
  const MlIonResult *r = &self->solution.ions[ion];
  double cx = slot_center (geo, ion_slot (geo, ion));
  double ext_max, ext_min, ext, f, y_tail, y_tip, t;
  gboolean hollow = !r->permeant;
  GdkRGBA color = self->ion_colors[ion];

  if (r->nernst_state == ML_NERNST_UNDEFINED)
    return;

  if (r->direction == 0)
    {
      /* at equilibrium: a dot in the pore */
      double rad = MAX (geo->t_max * 0.45, 4.0);

      cairo_arc (cr, cx, (geo->mem_top + geo->mem_bot) / 2, rad, 0, 2 * G_PI);
      if (self->dark)
        cairo_set_source_rgba (cr, 0.12, 0.12, 0.14, 0.9);
      else
        cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
      cairo_set_line_width (cr, MAX (2.0, 2.5 * geo->g));
      cairo_stroke_preserve (cr);
      set_color (cr, &color, 1.0);
      cairo_fill (cr);
      return;
    }

  if (r->direction > 0)
    ext_max = geo->mem_top - geo->out_top - 0.15 * geo->fs;
  else
    ext_max = geo->block_top - geo->mem_bot - 0.15 * geo->fs;
  ext_min = MIN (geo->thick * 0.6, ext_max);

  f = ion_is_infinite (r) ? 1.0 : fabs (r->driving_force_mv) / ARROW_FULL_MV;
  ext = ext_min + CLAMP (f, 0.0, 1.0) * (ext_max - ext_min);

  if (r->direction > 0)
    {
      y_tail = geo->mem_bot + geo->thick * 0.3;
      y_tip = geo->mem_top - ext;
    }
  else
    {
      y_tail = geo->mem_top - geo->thick * 0.3;
      y_tip = geo->mem_bot + ext;
    }

  t = hollow ? (geo->t_min + geo->t_max) / 2 : arrow_thickness (geo, r->current_ua_cm2);
  if (!r->ion.enabled)
    color.alpha *= 0.6;

  draw_arrow (self, cr, geo, cx, y_tail, y_tip, t, &color, hollow);
}

static void
draw_pump (MlMembraneView *self,
           cairo_t        *cr,
           const Geometry *geo,
           GdkRGBA        *na,
           GdkRGBA        *k)
{
  double cx = slot_center (geo, geo->pump_slot);
  double half = protein_half_width (geo, self, geo->pump_slot);
  double over = geo->thick * 0.28;
  double y = geo->mem_top - over;
  double h = geo->thick + 2 * over;
  double ext = MIN (geo->mem_top - geo->out_top, geo->block_top - geo->mem_bot) * 0.45;
  double t = geo->t_min + 0.3 * (geo->t_max - geo->t_min);
  gboolean on = pump_on (self);

  GdkRGBA body = self->fg;
  cairo_surface_t *sprite;

  if (on && self->dark)
    body = (GdkRGBA) { 0.52, 0.49, 0.68, 1 };
  else if (on)
    body = (GdkRGBA) { 0.66, 0.62, 0.82, 1 };
  sprite = get_sprite (self, SPRITE_PUMP, ceil (2 * half) + 2, ceil (h) + 2,
                       (double[SPRITE_PARAMS]) { half * 0.6, body.red, body.green, body.blue,
                                                 body.alpha, on, geo->g },
                       protein_sprite);
  paint_sprite (self, cr, sprite, cx - ceil (2 * half) / 2 - 1, y - 1);

  if (on)
    {
      draw_arrow (self, cr, geo, cx - half * 0.45, geo->mem_bot + geo->thick * 0.3,
                  geo->mem_top - ext, t, na, FALSE);
      draw_arrow (self, cr, geo, cx + half * 0.45, geo->mem_top - geo->thick * 0.3,
                  geo->mem_bot + ext, t, k, FALSE);
    }
  else
    {
      GdkRGBA grey = self->fg;

      grey.alpha *= 0.5;
      draw_arrow (self, cr, geo, cx - half * 0.45, geo->mem_bot + geo->thick * 0.3,
                  geo->mem_top - ext, t, &grey, TRUE);
      draw_arrow (self, cr, geo, cx + half * 0.45, geo->mem_top - geo->thick * 0.3,
                  geo->mem_bot + ext, t, &grey, TRUE);
    }
}

/* The three lines under a channel: name, driving force, what it means;
 * the short forms are for slots too narrow for the long ones. */
static void
slot_texts (MlMembraneView  *self,
            guint            ion,
            char           **value,
            char           **value_short,
            const char     **status,
            const char     **status_short)
{
  const MlSolution *sol = &self->solution;
  const MlIonResult *r = &sol->ions[ion];

  *value = *value_short = NULL;
  *status = *status_short = NULL;

  if (!r->ion.enabled)
    *status = _("off");
  else if (!r->permeant)
    *status = _("closed");

  if (sol->vm_defined && r->nernst_state == ML_NERNST_UNDEFINED)
    {
      *value = g_strdup ("—");
      if (*status == NULL)
        *status = _("absent");
    }
  else if (sol->vm_defined)
    {
      if (ion_is_infinite (r))
        {
          /* Translators: an infinite driving force, %s is "+∞" or "−∞" */
          *value = g_strdup_printf (_("%s mV"), infinite_force_text (r));
          *value_short = g_strdup (infinite_force_text (r));
        }
      else
        {
          *value = format_mv (r->driving_force_mv);
          *value_short = format_signed (r->driving_force_mv);
        }

      if (r->direction == 0)
        {
          *status = _("at equilibrium");
          /* Translators: "at equilibrium" where there is little room */
          *status_short = C_("short", "balanced");
        }
      else if (*status == NULL)
        *status = r->direction > 0 ? _("moves out") : _("moves in");
    }
}

/* A centred line of a slot, with the short text if the long one is cut. */
static void
slot_line (MlMembraneView *self,
           GtkSnapshot    *snapshot,
           guint           key,
           const char     *text,
           const char     *text_short,
           double          size,
           int             weight,
           double          x,
           double          y,
           double          width,
           const GdkRGBA  *color)
{
  PangoLayout *layout = cached_text (self, key, text, size, weight, width);

  if (text_short != NULL && pango_layout_is_ellipsized (layout))
    layout = cached_text (self, key, text_short, size, weight, width);
  append_text (snapshot, layout, x, y, color);
}

static void
draw_texts (MlMembraneView *self,
            GtkSnapshot    *snapshot,
            const Geometry *geo,
            const GdkRGBA  *na,
            const GdkRGBA  *k)
{
  const MlSolution *sol = &self->solution;
  GdkRGBA dim = self->fg;
  double fs = geo->fs;
  double name_fs = 1.25 * fs;
  double cx_pump = slot_center (geo, geo->pump_slot);
  double half = protein_half_width (geo, self, geo->pump_slot);
  double ext = MIN (geo->mem_top - geo->out_top, geo->block_top - geo->mem_bot) * 0.45;
  double lw = geo->slot_w / 2 + half * 0.5;
  PangoLayout *layout;
  PangoRectangle ink;
  dim.alpha *= 0.72;

  layout = cached_text (self, TEXT_OUTSIDE, _("Outside"), fs, PANGO_WEIGHT_SEMIBOLD, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  append_text (snapshot, layout, geo->margin_x, geo->pad * 0.7, &dim);
  layout = cached_text (self, TEXT_INSIDE, _("Inside (cytosol)"), fs, PANGO_WEIGHT_SEMIBOLD, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  append_text (snapshot, layout, geo->margin_x, geo->inside_label_y, &dim);

  for (guint s = 0; s < geo->n_slots; s++)
    {
      double text_w = geo->slot_w - 4;
      double x = slot_center (geo, s) - text_w / 2;
      double y = geo->block_top;
      g_autofree char *value = NULL;
      g_autofree char *value_short = NULL;
      const char *name, *name_short = NULL, *status, *status_short = NULL;
      GdkRGBA name_color;

      if (s == geo->pump_slot)
        {
          name = _("Na⁺/K⁺ pump");
          name_short = _("Pump");
          status = pump_on (self) ? _("active") : _("blocked");
          name_color = self->fg;
        }
      else
        {
          guint ion = s < geo->pump_slot ? s : s - 1;

          name = self->labels[ion];
          slot_texts (self, ion, &value, &value_short, &status, &status_short);
          name_color = self->ion_colors[ion];
          if (!sol->ions[ion].ion.enabled)
            name_color = dim;
        }

      slot_line (self, snapshot, TEXT_SLOT_0 + 3 * s, name, name_short, name_fs, PANGO_WEIGHT_BOLD,
                 x, y, text_w, &name_color);
      y += 1.3 * name_fs;
      if (value != NULL)
        {
          slot_line (self, snapshot, TEXT_SLOT_0 + 3 * s + 1, value, value_short, fs,
                     PANGO_WEIGHT_SEMIBOLD, x, y, text_w, &self->fg);
          y += 1.3 * fs;
        }
      if (status != NULL)
        slot_line (self, snapshot, TEXT_SLOT_0 + 3 * s + 2, status, status_short, fs,
                   PANGO_WEIGHT_NORMAL, x, y, text_w, &dim);
    }

  /* what the pump carries, at the tips of its arrows */
  layout = cached_text (self, TEXT_PUMP_NA, "3 Na⁺", fs, PANGO_WEIGHT_BOLD, lw);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  append_text (snapshot, layout, cx_pump - half * 0.45 - lw / 2,
               MAX (geo->out_top, geo->mem_top - ext - ink.y - ink.height - 0.3 * fs),
               pump_on (self) ? na : &dim);
  layout = cached_text (self, TEXT_PUMP_K, "2 K⁺", fs, PANGO_WEIGHT_BOLD, lw);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  append_text (snapshot, layout, cx_pump + half * 0.45 - lw / 2,
               MIN (geo->block_top - ink.y - ink.height, geo->mem_bot + ext + 0.3 * fs - ink.y),
               pump_on (self) ? k : &dim);

  /* no voltage: say why instead of drawing arrows */
  if (self->has_solution && !sol->vm_defined)
    {
      const char *why = ml_condition_message (sol->condition);
      double bw = MIN (geo->w * 0.8, 40 * fs);
      double bx = (geo->w - bw) / 2;
      double by;
      PangoRectangle logical;
      GskRoundedRect rr;
      GdkRGBA bg, border;
      float radius;

      layout = cached_text (self, TEXT_BANNER, why != NULL ? why : _("undefined"), fs * 1.1,
                            PANGO_WEIGHT_SEMIBOLD, bw - 2 * fs);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_get_pixel_extents (layout, NULL, &logical);

      by = geo->out_top + (geo->mem_top - geo->out_top - logical.height - fs) / 2;
      by = MAX (by, geo->pad);
      radius = 0.6 * fs;
      gsk_rounded_rect_init_from_rect (&rr,
                                       &GRAPHENE_RECT_INIT (bx, by, bw, logical.height + fs),
                                       radius);
      if (self->dark)
        {
          gdk_rgba_parse (&bg, "#3d3320");
          gdk_rgba_parse (&border, "#cd9309");
        }
      else
        {
          gdk_rgba_parse (&bg, "#fcf1d3");
          gdk_rgba_parse (&border, "#c88800");
        }
      gtk_snapshot_push_rounded_clip (snapshot, &rr);
      gtk_snapshot_append_color (snapshot, &bg, &rr.bounds);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_border (snapshot, &rr,
                                  (float[4]) { 1.5, 1.5, 1.5, 1.5 },
                                  (GdkRGBA[4]) { border, border, border, border });
      append_text (snapshot, layout, bx + fs, by + fs / 2, &self->fg);
    }
}

static void
ml_membrane_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  MlMembraneView *self = ML_MEMBRANE_VIEW (widget);
  const MlSolution *sol = &self->solution;
  Geometry geo;
  double mid;
  GdkRGBA outside, inside, na, k;
  cairo_t *cr;
  guint n_ions;

  compute_geometry (self, &geo);
  if (geo.w <= 0 || geo.h <= 0)
    return;
  n_ions = self->has_solution ? sol->n_ions : 0;

  ml_ion_color ("Na", self->dark, &na);
  ml_ion_color ("K", self->dark, &k);

  /* Tinted water on both sides, split at the middle of the bilayer; the
   * tints are translucent so they sit on any theme background. */
  if (self->dark)
    {
      outside = (GdkRGBA) { 0.35, 0.6, 0.95, 0.10 };
      inside = (GdkRGBA) { 0.95, 0.72, 0.4, 0.08 };
    }
  else
    {
      outside = (GdkRGBA) { 0.21, 0.52, 0.89, 0.08 };
      inside = (GdkRGBA) { 0.9, 0.6, 0.2, 0.08 };
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, geo.w, geo.h));

  /* Rounded corners drawn as paths, not as a clip: a rounded clip makes the
   * cairo renderer mask every later operation, which costs milliseconds. */
  mid = (geo.mem_top + geo.mem_bot) / 2;
  cairo_save (cr);
  rounded_rect (cr, 0, 0, geo.w, geo.h, 12);
  cairo_clip (cr);
  gdk_cairo_set_source_rgba (cr, &outside);
  cairo_rectangle (cr, 0, 0, geo.w, mid);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, &inside);
  cairo_rectangle (cr, 0, mid, geo.w, geo.h - mid);
  cairo_fill (cr);
  cairo_restore (cr);

  draw_bilayer (self, cr, &geo);
  draw_charges (self, cr, &geo);
  for (guint i = 0; i < n_ions; i++)
    draw_particles (self, cr, &geo, i);
  for (guint i = 0; i < n_ions; i++)
    draw_channel (self, cr, &geo, i);
  draw_pump (self, cr, &geo, &na, &k);
  if (self->has_solution && sol->vm_defined)
    for (guint i = 0; i < n_ions; i++)
      draw_ion_arrow (self, cr, &geo, i);

  cairo_destroy (cr);

  draw_texts (self, snapshot, &geo, &na, &k);
}

static void
ml_membrane_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = 720;
    }
  else
    {
      *minimum = 300;
      *natural = 440;
    }
}

static void
update_colors (MlMembraneView *self)
{
  for (guint i = 0; i < self->solution.n_ions; i++)
    ml_ion_color (self->solution.ions[i].ion.name, self->dark, &self->ion_colors[i]);
}

static void
ml_membrane_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  MlMembraneView *self = ML_MEMBRANE_VIEW (widget);

  GTK_WIDGET_CLASS (ml_membrane_view_parent_class)->css_changed (widget, change);

  /* Theme colours are read here, once per theme change, not per frame. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &self->fg);
  self->dark = ml_widget_is_dark (widget);
  update_colors (self);
  invalidate_texts (self);
  gtk_widget_queue_draw (widget);
}

static void
ml_membrane_view_finalize (GObject *object)
{
  MlMembraneView *self = ML_MEMBRANE_VIEW (object);

  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_clear_object (&self->texts[i].layout);
      g_clear_pointer (&self->texts[i].text, g_free);
    }
  for (guint i = 0; i < N_SPRITES; i++)
    g_clear_pointer (&self->sprites[i].surface, cairo_surface_destroy);
  for (guint i = 0; i < ML_MAX_IONS; i++)
    g_clear_pointer (&self->labels[i], g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (ml_membrane_view_parent_class)->finalize (object);
}

static void
ml_membrane_view_class_init (MlMembraneViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ml_membrane_view_finalize;

  widget_class->snapshot = ml_membrane_view_snapshot;
  widget_class->measure = ml_membrane_view_measure;
  widget_class->css_changed = ml_membrane_view_css_changed;

  gtk_widget_class_set_css_name (widget_class, "membrane-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ml_membrane_view_init (MlMembraneView *self)
{
  self->fg = (GdkRGBA) { 0.2, 0.2, 0.2, 1 };

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Membrane"),
                                  -1);
  update_description (self);
}

GtkWidget *
ml_membrane_view_new (void)
{
  return g_object_new (ML_TYPE_MEMBRANE_VIEW, NULL);
}

/**
 * ml_membrane_view_set_solution:
 * @self: a membrane view
 * @solution: (nullable): what to show; copied
 *
 * Shows @solution and updates the accessible description.
 */
void
ml_membrane_view_set_solution (MlMembraneView   *self,
                               const MlSolution *solution)
{
  g_return_if_fail (ML_IS_MEMBRANE_VIEW (self));

  if (solution == NULL)
    {
      memset (&self->solution, 0, sizeof self->solution);
      self->has_solution = FALSE;
    }
  else
    {
      self->solution = *solution;
      self->solution.n_ions = MIN (self->solution.n_ions, ML_MAX_IONS);
      self->has_solution = TRUE;
    }

  for (guint i = 0; i < ML_MAX_IONS; i++)
    {
      const MlIon *ion = &self->solution.ions[i].ion;

      g_clear_pointer (&self->labels[i], g_free);
      if (i >= self->solution.n_ions)
        continue;

      self->labels[i] = ml_ion_label (ion->name, ion->z);

      /* new particle positions only when a different ion takes this place */
      if (strncmp (self->particle_names[i], ion->name, ML_ION_NAME_MAX) != 0)
        {
          guint32 seed = g_str_hash (ion->name);

          place_particles (self->particles[i][0], seed * 2654435761u + 1);
          place_particles (self->particles[i][1], seed * 2246822519u + 7);
          g_strlcpy (self->particle_names[i], ion->name, ML_ION_NAME_MAX);
        }
    }

  update_colors (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
ml_membrane_view_get_n_arrows (MlMembraneView *self)
{
  g_return_val_if_fail (ML_IS_MEMBRANE_VIEW (self), 0);

  if (!self->has_solution || !self->solution.vm_defined)
    return 0;
  return self->solution.n_ions;
}

int
ml_membrane_view_get_arrow_direction (MlMembraneView *self,
                                      guint           index)
{
  g_return_val_if_fail (ML_IS_MEMBRANE_VIEW (self), 0);
  g_return_val_if_fail (index < ml_membrane_view_get_n_arrows (self), 0);

  return self->solution.ions[index].direction;
}

const char *
ml_membrane_view_get_description (MlMembraneView *self)
{
  g_return_val_if_fail (ML_IS_MEMBRANE_VIEW (self), NULL);

  return self->description;
}
