/* ml-membrane-view-draw.c — the membrane picture: bilayer, proteins, charges
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the membrane view draws with cairo: the tinted water, the lipid
 * bilayer, one channel per ion and the pump, the particles on both sides, the
 * charges along the faces and the arrows.  Small shapes repeated hundreds of
 * times are sprites, drawn once into image surfaces and cached on the widget.
 * The words are drawn by ml-membrane-view-text.c.
 */
#define G_LOG_DOMAIN "ml-membrane-view"

#include "config.h"

#include "ml-membrane-view-private.h"

#include <math.h>
#include <string.h>

#include "ml-ion-colors.h"

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

static guint
particle_count (double c_mm)
{
  double n;

  if (!(c_mm > 0.0) || !isfinite (c_mm))
    return 0;
  n = round (PARTICLES_PER_DEC * log10 (c_mm / PARTICLE_C0_MM));
  return (guint) CLAMP (n, 0.0, (double) MAX_PARTICLES);
}

/* Geometry ------------------------------------------------------------- */

static void
compute_geometry (MlMembraneView *self,
                  Geometry       *geo)
{
  double name_h, block_h, avail;
  guint n_ions = self->has_solution ? self->solution.n_ions : 0;

  /* The text is at least 14 px, and never under the CSS font size. */
  double fs_min = MAX (14.0, self->font_px);

  geo->w = gtk_widget_get_width (GTK_WIDGET (self));
  geo->h = gtk_widget_get_height (GTK_WIDGET (self));
  geo->g = MIN (geo->w / 560.0, geo->h / 360.0);
  geo->fs = CLAMP (14.0 * geo->g, fs_min, MAX (24.0, fs_min));
  geo->pad = 0.6 * geo->fs;

  /* the legend's room first: the picture is laid out in what is left, at
   * the scale of the whole view */
  ml_membrane_view_place_legend (self, geo);

  geo->n_ions = n_ions;
  geo->n_mech = self->has_solution && self->solution.n_mechanisms > 2
                ? MIN (self->solution.n_mechanisms - 2, ML_MAX_MECHANISMS) : 0;
  geo->n_slots = n_ions + 1 + geo->n_mech;
  geo->pump_slot = n_ions / 2;
  geo->first_mech_slot = n_ions + 1;

  geo->out_top = geo->pad + 1.45 * geo->fs;
  geo->inside_label_y = geo->h - geo->pad - 1.3 * geo->fs;
  geo->margin_x = geo->pad;
  geo->mech_scale = MECH_SLOT_SCALE;
  geo->slot_w = (geo->w - 2 * geo->margin_x) / (n_ions + 1 + geo->mech_scale * geo->n_mech);
  if (geo->n_mech > 0)
    {
      /* wide enough for "NKCC1", up to a channel's width */
      double need = ml_membrane_view_mech_name_width (self, geo->fs) + 6;

      if (geo->mech_scale * geo->slot_w < need)
        {
          double avail_w = geo->w - 2 * geo->margin_x;

          /* need = s·w and w = avail/(n + 1 + s·m), so w = (avail − m·need)/(n + 1) */
          geo->slot_w = MAX ((avail_w - geo->n_mech * need) / (n_ions + 1),
                             avail_w / (n_ions + 1 + geo->n_mech));
          geo->mech_scale = (avail_w / geo->slot_w - (n_ions + 1)) / geo->n_mech;
        }
    }
  /* name, V − E on one line or two, status */
  geo->value_lines = ml_membrane_view_value_lines (self, geo);
  name_h = 1.3 * 1.25 * geo->fs;
  block_h = name_h + (geo->value_lines + ml_membrane_view_pump_lines (self, geo)) * 1.3 * geo->fs;
  geo->block_top = geo->inside_label_y - block_h - 0.2 * geo->fs;

  avail = MAX (geo->block_top - geo->out_top, 60.0);

  /* Every size follows the width as well as the height: a narrow, tall view
   * (the controls pane open on a projector) would otherwise get a bilayer
   * so thick that lipids, particles and charges no longer fit beside the
   * proteins. */
  geo->thick = CLAMP (MIN (avail * 0.17, geo->slot_w * 0.6), 24.0, 96.0);
  geo->mem_top = geo->out_top + (avail - geo->thick) / 2;
  geo->mem_bot = geo->mem_top + geo->thick;

  geo->corridor = MIN (geo->slot_w * 0.44, geo->thick * 1.5);
  geo->sub_w = MIN (geo->corridor * 0.27, geo->thick * 0.4);
  geo->gap_max = geo->corridor - 2 * geo->sub_w;
  geo->gap_min = geo->gap_max * 0.2;
  geo->t_max = geo->gap_max * 0.75;
  geo->t_min = MAX (2.0, geo->gap_max * 0.12);
  geo->lipid_r = MIN (geo->thick * 0.13, geo->slot_w * 0.05);
  geo->charge_size = CLAMP (MIN (geo->thick * 0.22, geo->slot_w * 0.11), 7.0, 18.0);
  geo->particle_r = CLAMP (MIN (geo->thick * 0.085, geo->slot_w * 0.06), 2.5, 8.0);
  geo->pump_ext_out = geo->pump_ext_in =
    MIN (geo->mem_top - geo->out_top, geo->block_top - geo->mem_bot) * 0.45;

  /* an inward arrow stops well short of the words under its channel */
  geo->arrow_out_max = geo->mem_top - geo->out_top - 0.15 * geo->fs;
  geo->arrow_in_max = geo->block_top - geo->mem_bot - 0.5 * geo->fs;
  geo->force_top_h = geo->force_bot_h = 0;
  if (self->show_forces && self->has_solution && self->solution.vm_defined)
    {
      /* room for the force labels, and one scale up and down, so that the
       * three arrows of an ion can be compared */
      ml_membrane_view_measure_force_bands (self, geo);
      geo->arrow_out_max -= geo->force_top_h;
      geo->arrow_in_max -= geo->force_bot_h;
      geo->arrow_out_max = geo->arrow_in_max = MAX (MIN (geo->arrow_out_max, geo->arrow_in_max),
                                                    geo->fs);
    }

  /* the banner, and the pump's label kept clear of it */
  ml_membrane_view_place_banner (self, geo);
}

double
ml_membrane_view_slot_center (const Geometry *geo,
                              guint           slot)
{
  if (slot >= geo->first_mech_slot)
    return geo->margin_x + geo->first_mech_slot * geo->slot_w
           + (slot - geo->first_mech_slot + 0.5) * geo->mech_scale * geo->slot_w;
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
      gdk_cairo_set_source_rgba (cr, color);
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
  gdk_cairo_set_source_rgba (cr, color);
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

double
ml_membrane_view_protein_half_width (const Geometry *geo,
                                     MlMembraneView *self,
                                     guint           slot)
{
  if (slot >= geo->first_mech_slot)
    return MIN (geo->mech_scale * geo->slot_w * 0.34, geo->thick * 0.8);
  if (ml_membrane_view_slot_ion (geo, slot) < 0)
    return MIN (geo->slot_w * 0.3, geo->thick * 0.95);
  return geo->sub_w + pore_width (self, geo, (guint) ml_membrane_view_slot_ion (geo, slot)) / 2;
}

static void
draw_bilayer (MlMembraneView *self,
              cairo_t        *cr,
              const Geometry *geo)
{
  double rh = geo->lipid_r;
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
      double half = ml_membrane_view_protein_half_width (geo, self, s);

      holes[s][0] = ml_membrane_view_slot_center (geo, s) - half - rh * 1.4;
      holes[s][1] = ml_membrane_view_slot_center (geo, s) + half + rh * 1.4;
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
      self->n_lipids_drawn += 2;
    }
}

static void
draw_channel (MlMembraneView *self,
              cairo_t        *cr,
              const Geometry *geo,
              guint           ion)
{
  const MlIonResult *r = &self->solution.ions[ion];
  double cx = ml_membrane_view_slot_center (geo, ion_slot (geo, ion));
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
  double cx = ml_membrane_view_slot_center (geo, ion_slot (geo, ion));
  double inset = geo->slot_w * 0.06;  /* a gap between neighbouring ions */
  double side_w = (geo->slot_w - geo->corridor) / 2 - inset;
  /* Never give up on the particles: where the strip beside the channel is
   * narrow they shrink, and at worst stand in a column. */
  double rad = CLAMP ((side_w - 2) / 4, 1.5, geo->particle_r);
  double strip_w = MAX (0.0, side_w - 2 * rad - 2);
  double band = 1.3 * geo->charge_size + geo->thick * 0.22 + rad + 3;
  double size = ceil (2 * rad + 2);
  cairo_surface_t *sprite;

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
          self->n_particles_drawn++;
        }
    }
}

/* How far the thin force arrows stand from the channel's corridor, and how
 * thick they are. */
static double
force_offset (const Geometry *geo)
{
  return MAX (0.09 * geo->slot_w, geo->t_min * 2 + 6 * geo->g);
}

static double
force_thickness (const Geometry *geo)
{
  return MAX (2.0, geo->t_min * 1.2);
}

/* How far an arrow of @mv reaches past the membrane.  With the forces on,
 * in proportion, so the chemical and electrical arrows add up to the net
 * one by eye. */
static double
arrow_reach (MlMembraneView *self,
             const Geometry *geo,
             double          f,
             double          ext_max)
{
  double ext_min = MIN (geo->thick * 0.6, ext_max);

  f = CLAMP (f, 0.0, 1.0);
  if (self->show_forces)
    return MAX (f * ext_max, MIN (0.6 * geo->fs, ext_max));
  return ext_min + f * (ext_max - ext_min);
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

      free_from[s] = s == 0 ? cs
                            : ml_membrane_view_slot_center (geo, s - 1)
                              + ml_membrane_view_protein_half_width (geo, self, s - 1) + margin;
      free_to[s] = s == geo->n_slots ? geo->w - cs
                                     : ml_membrane_view_slot_center (geo, s)
                                       - ml_membrane_view_protein_half_width (geo, self, s) - margin;
      if (s != 0 && s != geo->n_slots && self->has_solution)
        {
          /* keep arrows and their heads clear too */
          double keep = geo->corridor / 2 + margin + (self->show_forces ? force_offset (geo) : 0);

          free_from[s] = MAX (free_from[s], ml_membrane_view_slot_center (geo, s - 1) + keep);
          free_to[s] = MIN (free_to[s], ml_membrane_view_slot_center (geo, s) - keep);
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
      self->n_charges_drawn++;
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
  double cx = ml_membrane_view_slot_center (geo, ion_slot (geo, ion));
  double ext_max, ext, f, y_tail, y_tip, t;
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
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill (cr);
      return;
    }

  ext_max = r->direction > 0 ? geo->arrow_out_max : geo->arrow_in_max;
  f = ml_membrane_view_ion_is_infinite (r) ? 1.0 : fabs (r->driving_force_mv) / ARROW_FULL_MV;
  ext = arrow_reach (self, geo, f, ext_max);

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

/* show-forces: the chemical push left of the channel, outlined, and the
 * electrical push right of it, dotted, each from the membrane's face the
 * way it pushes the ion, on the net arrow's scale. */
static void
draw_force_arrows (MlMembraneView *self,
                   cairo_t        *cr,
                   const Geometry *geo,
                   guint           ion)
{
  const MlIonResult *r = &self->solution.ions[ion];
  double cx = ml_membrane_view_slot_center (geo, ion_slot (geo, ion));
  double t = force_thickness (geo);
  double lw = MAX (1.5, 1.6 * geo->g);
  GdkRGBA color = self->ion_colors[ion];

  if (!ml_membrane_view_has_forces (self, r))
    return;
  if (!r->ion.enabled)
    color.alpha *= 0.6;

  for (int part = FORCE_CHEMICAL; part <= FORCE_ELECTRICAL; part++)
    {
      double mv = ml_membrane_view_force_mv (r, part);
      int dir = ml_membrane_view_push_direction (r, mv);
      double x = part == FORCE_CHEMICAL ? cx - geo->corridor / 2 - force_offset (geo)
                                        : cx + geo->corridor / 2 + force_offset (geo);
      double ext, y_tail, y_tip, head_w, head_l;

      if (dir == 0)
        continue;
      ext = arrow_reach (self, geo, fabs (mv) / ARROW_FULL_MV,
                         dir > 0 ? geo->arrow_out_max : geo->arrow_in_max);
      y_tail = dir > 0 ? geo->mem_top : geo->mem_bot;
      y_tip = dir > 0 ? y_tail - ext : y_tail + ext;
      head_w = t * 2 + 6 * geo->g + 4;
      head_l = MIN (head_w * 0.9, ext * 0.6);
      arrow_path (cr, x, y_tail, y_tip, t, head_w, head_l);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (self->dark)
        cairo_set_source_rgba (cr, 0.14, 0.14, 0.16, 0.9);
      else
        cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, lw);
      if (part == FORCE_ELECTRICAL)
        {
          /* round dots: neither the solid net arrow nor the dashed one of
           * a closed channel */
          double dots[] = { 0.01, 2.2 * lw };

          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_width (cr, lw * 1.3);
          cairo_set_dash (cr, dots, 2, 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
    }
}

static void
draw_pump (MlMembraneView *self,
           cairo_t        *cr,
           const Geometry *geo,
           GdkRGBA        *na,
           GdkRGBA        *k)
{
  double cx = ml_membrane_view_slot_center (geo, geo->pump_slot);
  double half = ml_membrane_view_protein_half_width (geo, self, geo->pump_slot);
  double over = geo->thick * 0.28;
  double y = geo->mem_top - over;
  double h = geo->thick + 2 * over;
  double t = geo->t_min + 0.3 * (geo->t_max - geo->t_min);
  gboolean on = ml_membrane_view_pump_on (self);

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

  /* A pump that is on but carries no current keeps its colour and loses its
   * arrows' fill, like a blocked one. */
  if (ml_membrane_view_pump_carries (self))
    {
      draw_arrow (self, cr, geo, cx - half * 0.45, geo->mem_bot + geo->thick * 0.3,
                  geo->mem_top - geo->pump_ext_out, t, na, FALSE);
      draw_arrow (self, cr, geo, cx + half * 0.45, geo->mem_top - geo->thick * 0.3,
                  geo->mem_bot + geo->pump_ext_in, t, k, FALSE);
    }
  else
    {
      GdkRGBA grey = self->fg;

      grey.alpha *= 0.5;
      draw_arrow (self, cr, geo, cx - half * 0.45, geo->mem_bot + geo->thick * 0.3,
                  geo->mem_top - geo->pump_ext_out, t, &grey, TRUE);
      draw_arrow (self, cr, geo, cx + half * 0.45, geo->mem_top - geo->thick * 0.3,
                  geo->mem_bot + geo->pump_ext_in, t, &grey, TRUE);
    }
}

/* A body of its kind's colour, and an arrow for each ion it moves, in that
 * ion's colour, out or in as it moves it; hollow when it idles. */
static void
draw_mechanism (MlMembraneView *self,
                cairo_t        *cr,
                const Geometry *geo,
                guint           m)
{
  const MlSolution *sol = &self->solution;
  const MlMechanismResult *r = &sol->mechanisms[2 + m];
  guint slot = geo->first_mech_slot + m;
  double cx = ml_membrane_view_slot_center (geo, slot);
  double half = ml_membrane_view_protein_half_width (geo, self, slot);
  double over = geo->thick * 0.28;
  double h = geo->thick + 2 * over;
  double t = geo->t_min + 0.3 * (geo->t_max - geo->t_min);
  gboolean moving = sol->vm_defined && r->state == NULL;
  int counts[ML_MAX_IONS];
  guint n_arrows = 0, j = 0;
  GdkRGBA body;
  cairo_surface_t *sprite;

  switch (r->klass->kind)
    {
    case ML_MECHANISM_KIND_PUMP:
      body = self->dark ? (GdkRGBA) { 0.52, 0.49, 0.68, 1 } : (GdkRGBA) { 0.66, 0.62, 0.82, 1 };
      break;
    case ML_MECHANISM_KIND_EXCHANGER:
      body = self->dark ? (GdkRGBA) { 0.60, 0.52, 0.36, 1 } : (GdkRGBA) { 0.86, 0.76, 0.56, 1 };
      break;
    case ML_MECHANISM_KIND_COTRANSPORTER:
    case ML_MECHANISM_KIND_CHANNEL:
    default:
      body = self->dark ? (GdkRGBA) { 0.36, 0.56, 0.56, 1 } : (GdkRGBA) { 0.60, 0.80, 0.78, 1 };
      break;
    }
  if (!moving)
    body = self->fg;
  sprite = get_sprite (self, SPRITE_MECH_0 + m, ceil (2 * half) + 2, ceil (h) + 2,
                       (double[SPRITE_PARAMS]) { half * 0.6, body.red, body.green, body.blue,
                                                 body.alpha, moving, geo->g },
                       protein_sprite);
  paint_sprite (self, cr, sprite, cx - ceil (2 * half) / 2 - 1, geo->mem_top - over - 1);

  ml_mechanism_result_counts (r, sol, counts);
  for (guint i = 0; i < sol->n_ions; i++)
    if (counts[i] > 0)
      n_arrows++;
  n_arrows = MIN (n_arrows, MECH_MAX_ARROWS);
  for (guint i = 0; i < sol->n_ions && j < n_arrows; i++)
    {
      int dir = ml_mechanism_result_direction (r, sol, i);
      double x = cx + half * 1.2 * ((j + 0.5) / n_arrows - 0.5);
      GdkRGBA color = self->ion_colors[i];

      if (counts[i] == 0)
        continue;
      if (!moving)
        color = self->fg, color.alpha *= 0.5;
      if (dir > 0)
        draw_arrow (self, cr, geo, x, geo->mem_bot + geo->thick * 0.3,
                    geo->mem_top - geo->pump_ext_out, t, &color, !moving);
      else
        draw_arrow (self, cr, geo, x, geo->mem_top - geo->thick * 0.3,
                    geo->mem_bot + geo->pump_ext_in, t, &color, !moving);
      j++;
    }
}

void
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

  self->n_particles_drawn = self->n_lipids_drawn = self->n_charges_drawn = 0;
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
  for (guint m = 0; m < geo.n_mech; m++)
    draw_mechanism (self, cr, &geo, m);
  if (self->has_solution && sol->vm_defined)
    {
      for (guint i = 0; i < n_ions; i++)
        draw_force_arrows (self, cr, &geo, i);
      for (guint i = 0; i < n_ions; i++)
        draw_ion_arrow (self, cr, &geo, i);
    }

  cairo_destroy (cr);

  ml_membrane_view_draw_texts (self, snapshot, &geo);
}
