/* ml-membrane-view-text.c — the words on the membrane picture
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The labels of the two sides, the three lines under each channel (name,
 * driving force, what it means) and under the pump (name, current, state),
 * what one pump cycle carries, built from its coupling ratio, and the banner
 * that says why there is no voltage.  Their Pango layouts are cached
 * on the widget between frames, so a slider drag only sets new text.
 */
#include "config.h"

#include "ml-membrane-view-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ml-ion-colors.h"

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

void
ml_membrane_view_invalidate_texts (MlMembraneView *self)
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


/* The pump ---------------------------------------------------------------- */

PumpState
ml_membrane_view_pump_state (MlMembraneView *self)
{
  const MlSolution *sol = &self->solution;
  const MlIonResult *na = NULL;

  if (!ml_membrane_view_pump_on (self))
    return PUMP_BLOCKED;
  if (sol->pump_mode == ML_PUMP_CURRENT)
    return PUMP_CURRENT;

  /* In the steady state the pump balances the Na⁺ leak (Mullins–Noda); the
   * core gives it no current when there is no leak, and neither do we. */
  for (guint i = 0; i < sol->n_ions; i++)
    if (sol->ions[i].ion.z == 1 && strcmp (sol->ions[i].ion.name, "Na") == 0)
      na = &sol->ions[i];

  if (na == NULL || !na->ion.enabled || (na->ion.c_in == 0.0 && na->ion.c_out == 0.0))
    return PUMP_IDLE_NO_NA;
  if (!na->permeant)
    return PUMP_IDLE_NO_LEAK;
  return PUMP_RATIO;
}

/* Whether the pump's arrows are drawn as moving ions. */
gboolean
ml_membrane_view_pump_carries (MlMembraneView *self)
{
  PumpState state = ml_membrane_view_pump_state (self);

  return state == PUMP_RATIO || state == PUMP_CURRENT;
}

/**
 * ml_membrane_view_pump_cargo:
 * @na: (out): the label of the Na⁺ arrow, e.g. "3 Na⁺"
 * @k: (out): the label of the K⁺ arrow, e.g. "2 K⁺"
 *
 * What one pump cycle carries, from the coupling ratio r (Na⁺ out per K⁺
 * in): small whole numbers when r is a simple fraction ("3 Na⁺", "2 K⁺" for
 * r = 1.5), otherwise r Na⁺ per K⁺ ("1.37 Na⁺", "1 K⁺").  A fixed current
 * has no stoichiometry, so its arrows carry the ion names alone.
 */
void
ml_membrane_view_pump_cargo (MlMembraneView  *self,
                             char           **na,
                             char           **k)
{
  const MlSolution *sol = &self->solution;
  g_autofree char *na_label = ml_ion_label ("Na", 1);
  g_autofree char *k_label = ml_ion_label ("K", 1);
  g_autofree char *n = NULL;
  g_autofree char *d = NULL;
  double ratio = sol->pump_ratio > 0.0 ? sol->pump_ratio : ML_DEFAULT_PUMP_RATIO;

  if (self->has_solution && sol->pump_mode == ML_PUMP_CURRENT)
    {
      *na = g_steal_pointer (&na_label);
      *k = g_steal_pointer (&k_label);
      return;
    }

  ml_format_ratio (ratio, 4, &n, &d);
  *na = g_strdup_printf ("%s %s", n, na_label);
  *k = g_strdup_printf ("%s %s", d, k_label);
}

/* "+0.50 µA/cm²", the pump current at V_m; NULL when there is no V_m. */
char *
ml_membrane_view_pump_current_text (MlMembraneView *self)
{
  g_autofree char *number = NULL;

  if (!ml_membrane_view_pump_on (self) || !self->solution.vm_defined)
    return NULL;

  number = ml_format_fixed (self->solution.pump_current_ua_cm2, 2, TRUE);
  /* Translators: a current density, %s is a signed number such as "+0.50" */
  return g_strdup_printf (_("%s µA/cm²"), number);
}

/* The lines under the pump, like those under a channel: name, current,
 * state. */
static void
pump_texts (MlMembraneView  *self,
            char           **value,
            char           **value_short,
            const char     **status,
            const char     **status_short)
{
  *value = ml_membrane_view_pump_current_text (self);
  *value_short = *value != NULL ? ml_format_fixed (self->solution.pump_current_ua_cm2, 2, TRUE)
                                : NULL;
  *status_short = NULL;

  switch (ml_membrane_view_pump_state (self))
    {
    case PUMP_RATIO:
      *status = _("active");
      break;
    case PUMP_IDLE_NO_NA:
      /* Translators: the pump is on but has no Na⁺ to move */
      *status = _("idle: no Na⁺");
      /* Translators: "idle: no Na⁺" where there is little room */
      *status_short = C_("short", "idle");
      break;
    case PUMP_IDLE_NO_LEAK:
      /* Translators: the steady-state pump is on, but the Na⁺ channel is
       * closed, so there is no Na⁺ leak for it to balance */
      *status = _("idle: no Na⁺ leak");
      *status_short = C_("short", "idle");
      break;
    case PUMP_CURRENT:
      /* Translators: the pump runs at a current set by the user */
      *status = _("fixed current");
      /* Translators: "fixed current" where there is little room */
      *status_short = C_("short", "fixed");
      break;
    case PUMP_BLOCKED:
    default:
      *status = _("blocked");
      break;
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
      if (ml_membrane_view_ion_is_infinite (r))
        {
          /* Translators: an infinite driving force, %s is "+∞" or "−∞" */
          *value = g_strdup_printf (_("%s mV"), ml_membrane_view_infinite_force (r));
          *value_short = g_strdup (ml_membrane_view_infinite_force (r));
        }
      else
        {
          *value = ml_membrane_view_format_mv (r->driving_force_mv, TRUE);
          *value_short = ml_membrane_view_format_mv (r->driving_force_mv, FALSE);
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

void
ml_membrane_view_draw_texts (MlMembraneView *self,
                             GtkSnapshot    *snapshot,
                             const Geometry *geo,
                             const GdkRGBA  *na,
                             const GdkRGBA  *k)
{
  const MlSolution *sol = &self->solution;
  GdkRGBA dim = self->fg;
  double fs = geo->fs;
  double name_fs = 1.25 * fs;
  double cx_pump = ml_membrane_view_slot_center (geo, geo->pump_slot);
  double half = ml_membrane_view_protein_half_width (geo, self, geo->pump_slot);
  double ext = MIN (geo->mem_top - geo->out_top, geo->block_top - geo->mem_bot) * 0.45;
  double lw = geo->slot_w / 2 + half * 0.5;
  g_autofree char *na_cargo = NULL;
  g_autofree char *k_cargo = NULL;
  gboolean carries;
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
      double x = ml_membrane_view_slot_center (geo, s) - text_w / 2;
      double y = geo->block_top;
      g_autofree char *value = NULL;
      g_autofree char *value_short = NULL;
      const char *name, *name_short = NULL, *status, *status_short = NULL;
      GdkRGBA name_color;

      if (s == geo->pump_slot)
        {
          name = _("Na⁺/K⁺ pump");
          name_short = _("Pump");
          pump_texts (self, &value, &value_short, &status, &status_short);
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
  ml_membrane_view_pump_cargo (self, &na_cargo, &k_cargo);
  carries = ml_membrane_view_pump_carries (self);
  layout = cached_text (self, TEXT_PUMP_NA, na_cargo, fs, PANGO_WEIGHT_BOLD, lw);
  if (pango_layout_is_ellipsized (layout))
    layout = cached_text (self, TEXT_PUMP_NA, g_strdelimit (na_cargo, " ", '\n'), fs,
                          PANGO_WEIGHT_BOLD, lw);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  append_text (snapshot, layout, cx_pump - half * 0.45 - lw / 2,
               MAX (geo->out_top, geo->mem_top - ext - ink.y - ink.height - 0.3 * fs),
               carries ? na : &dim);
  layout = cached_text (self, TEXT_PUMP_K, k_cargo, fs, PANGO_WEIGHT_BOLD, lw);
  if (pango_layout_is_ellipsized (layout))
    layout = cached_text (self, TEXT_PUMP_K, g_strdelimit (k_cargo, " ", '\n'), fs,
                          PANGO_WEIGHT_BOLD, lw);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  append_text (snapshot, layout, cx_pump + half * 0.45 - lw / 2,
               MIN (geo->block_top - ink.y - ink.height, geo->mem_bot + ext + 0.3 * fs - ink.y),
               carries ? k : &dim);

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
