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
#define G_LOG_DOMAIN "ml-membrane-view"

#include "config.h"

#include "ml-membrane-view-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ml-drawn-text.h"
#include "ml-ion-colors.h"
#include "ml-palette.h"

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
  /* Larger with the desktop's text scaling, as every label of the app. */
  int size = (int) (ml_drawn_text_px (px * self->text_scale) * PANGO_SCALE + 0.5);
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

  if (!ml_membrane_view_pump_on (self))
    return self->has_solution && self->pump_absent ? PUMP_ABSENT : PUMP_BLOCKED;
  /* What the pump does is the core's answer (MlSolution.pump_state); the
   * view only picks its picture and words. */
  switch (sol->pump_state)
    {
    case ML_PUMP_STATE_OFF:
      return PUMP_BLOCKED;
    case ML_PUMP_STATE_BACKWARDS:
      return PUMP_BACKWARDS;
    case ML_PUMP_STATE_NO_NA_ION:
    case ML_PUMP_STATE_NO_NA_INSIDE:
      return PUMP_IDLE_NO_NA;
    case ML_PUMP_STATE_NO_K_ION:
    case ML_PUMP_STATE_NO_K_OUTSIDE:
      return PUMP_IDLE_NO_K;
    case ML_PUMP_STATE_NO_LEAK:
      return PUMP_IDLE_NO_LEAK;
    case ML_PUMP_STATE_ZERO_RATE:
      /* A fixed current of 0 µA/cm² is still the fixed-current pump. */
      return sol->pump_mode == ML_PUMP_CURRENT ? PUMP_CURRENT : PUMP_IDLE_ZERO;
    case ML_PUMP_STATE_RUNNING:
    case ML_PUMP_STATE_UNDEFINED:
    default:
      break;
    }
  switch (sol->pump_mode)
    {
    case ML_PUMP_CURRENT:
      return PUMP_CURRENT;
    case ML_PUMP_KINETIC:
      return PUMP_KINETIC;
    case ML_PUMP_RATIO:
    case ML_PUMP_OFF:
    default:
      return PUMP_RATIO;
    }
}

/* Whether the pump's arrows are drawn as moving ions. */
gboolean
ml_membrane_view_pump_carries (MlMembraneView *self)
{
  PumpState state = ml_membrane_view_pump_state (self);

  return state == PUMP_RATIO || state == PUMP_CURRENT || state == PUMP_KINETIC;
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
  /* The kinetic pump is the 3:2 pump whatever the steady state's ratio. */
  if (self->has_solution && sol->pump_mode == ML_PUMP_KINETIC)
    ratio = 1.5;

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
  /* never a bare number beside the channels' mV: the unit on a line of
   * its own where there is little room */
  *value_short = *value != NULL ? g_strdelimit (g_strdup (*value), " ", '\n') : NULL;
  *status_short = NULL;

  switch (ml_membrane_view_pump_state (self))
    {
    case PUMP_RATIO:
    case PUMP_KINETIC:
      *status = _("active");
      break;
    case PUMP_BACKWARDS:
      /* Translators: the pump runs in reverse (Na⁺ in, K⁺ out) */
      *status = _("backwards");
      break;
    case PUMP_IDLE_ZERO:
      /* Translators: the kinetic pump is on with a maximal current of 0 */
      *status = _("idle: rate 0");
      *status_short = C_("short", "idle");
      break;
    case PUMP_IDLE_NO_NA:
      /* Translators: the pump is on but has no Na⁺ to move */
      *status = _("idle: no Na⁺");
      /* Translators: "idle: no Na⁺" where there is little room */
      *status_short = C_("short", "idle");
      break;
    case PUMP_IDLE_NO_K:
      /* Translators: the pump is on but has no K⁺ outside to take in */
      *status = _("idle: no K⁺ outside");
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
    case PUMP_ABSENT:
      /* Translators: under "Pump" for a cell that has none (the squid
       * axon's), not one that was blocked */
      *status = _("none in this cell");
      *status_short = C_("short", "none");
      break;
    case PUMP_BLOCKED:
    default:
      *status = _("blocked");
      break;
    }
}

/* The V − E line under a channel, named at every size: "V − E +20.0 mV"
 * on one line, or the name above the number on two (@lines 2), or, where
 * even that is cut, the number without its unit under the name. */
static char *
value_text (const MlIonResult *r,
            int                lines,
            gboolean           unit)
{
  g_autofree char *number = NULL;

  if (ml_membrane_view_ion_is_infinite (r))
    /* Translators: an infinite driving force, %s is "+∞" or "−∞" */
    number = unit ? g_strdup_printf (_("%s mV"), ml_membrane_view_infinite_force (r))
                  : g_strdup (ml_membrane_view_infinite_force (r));
  else if (!unit && fabs (r->driving_force_mv) >= 99.95)
    /* the narrowest form: three digits say a force of a hundred mV and
     * more; a tenth of a mV adds nothing there */
    number = ml_format_fixed (r->driving_force_mv, 0, TRUE);
  else
    number = ml_membrane_view_format_mv (r->driving_force_mv, unit);

  if (lines == 1)
    /* Translators: the driving force under a channel, "V − E +20.0 mV";
     * keep the quantity's name short */
    return g_strdup_printf (_("V − E %s"), number);
  /* Translators: the same on two lines where there is little room */
  return g_strdup_printf (_("V − E\n%s"), number);
}

/* The three lines under a channel: name, driving force, what it means;
 * the short forms are for slots too narrow for the long ones. */
static void
slot_texts (MlMembraneView  *self,
            const Geometry  *geo,
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
      *value = value_text (r, (int) geo->value_lines, TRUE);
      *value_short = value_text (r, 2, FALSE);

      if (r->direction == 0)
        {
          *status = _("at equilibrium");
          /* Translators: "at equilibrium" where there is little room */
          *status_short = C_("short", "balanced");
        }
      else if (*status == NULL)
        {
          *status = r->direction > 0 ? _("moves out") : _("moves in");
          /* Translators: "moves out" and "moves in" where there is little
           * room, under an arrow that shows the direction as well */
          *status_short = r->direction > 0 ? C_("short", "out") : C_("short", "in");
        }
    }
}

/* The three lines under a mechanism: its short name; its current, or that
 * it carries none; and what it is doing, in the core's words when it does
 * not run as it should. */
static void
mechanism_texts (MlMembraneView  *self,
                 guint            m,
                 char           **name,
                 char           **value,
                 char           **value_short,
                 char           **status,
                 char           **status_short)
{
  const MlSolution *sol = &self->solution;
  const MlMechanismResult *r = &sol->mechanisms[2 + m];

  *name = g_strdup (r->klass->short_name);
  *value = *value_short = *status = *status_short = NULL;
  if (!sol->vm_defined)
    return;
  if (r->current_ua_cm2 != 0.0)
    {
      /* two digits, one for a current under 0.01 µA/cm² ("−0.0005") */
      g_autofree char *number = ml_format_significant (r->current_ua_cm2,
                                                       fabs (r->current_ua_cm2) < 0.01 ? 1 : 2);

      /* Translators: a transporter's current, "0.19 µA/cm²" */
      *value = g_strdup_printf (_("%s µA/cm²"), number);
      /* where even the number is cut, a current under 0.005 µA/cm² is
       * "≈ 0" beside the channels' tens of µA/cm²; the math gives it */
      *value_short = fabs (r->current_ua_cm2) < 0.005 ? g_strdup ("≈ 0") : g_strdup (number);
    }
  else
    {
      /* Translators: under a transporter that moves ions but no net
       * charge (KCC2, NKCC1) */
      *value = g_strdup (_("no net charge"));
      /* Translators: "no net charge" where there is little room: its
       * current is zero */
      *value_short = g_strdup (C_("short", "0 net"));
    }
  /* Its arrows say that it runs; words only when it does not. */
  if (r->state != NULL)
    {
      *status = g_strdup (r->state);
      /* Translators: a transporter's state where there is little room */
      *status_short = g_strdup (C_("short", "idle"));
    }
}

/* How many of each ion a mechanism moves per cycle, at its arrows' tips
 * in the ion's text colour: "2" at the Cl⁻ arrow of NKCC1. */
static void
draw_mechanism_counts (MlMembraneView *self,
                       GtkSnapshot    *snapshot,
                       const Geometry *geo)
{
  const MlSolution *sol = &self->solution;
  double px = MAX (0.85 * geo->fs, self->font_px);

  for (guint m = 0; m < geo->n_mech; m++)
    {
      const MlMechanismResult *r = &sol->mechanisms[2 + m];
      guint slot = geo->first_mech_slot + m;
      double cx = ml_membrane_view_slot_center (geo, slot);
      double half = ml_membrane_view_protein_half_width (geo, self, slot);
      int counts[ML_MAX_IONS];
      guint n_arrows = 0, j = 0;

      ml_mechanism_result_counts (r, sol, counts);
      for (guint i = 0; i < sol->n_ions; i++)
        if (counts[i] > 0)
          n_arrows++;
      n_arrows = MIN (n_arrows, MECH_MAX_ARROWS);
      for (guint i = 0; i < sol->n_ions && j < n_arrows; i++)
        {
          int dir = ml_mechanism_result_direction (r, sol, i);
          double x = cx + half * 1.2 * ((j + 0.5) / n_arrows - 0.5);
          g_autofree char *text = NULL;
          GdkRGBA color;
          PangoLayout *layout;
          PangoRectangle ink;

          if (counts[i] == 0)
            continue;
          /* One of each needs no number: "2" at the Cl⁻ of NKCC1 says it. */
          if (counts[i] == 1)
            {
              j++;
              continue;
            }
          text = g_strdup_printf ("%d", counts[i]);
          ml_ion_text_color (sol->ions[i].ion.name, self->dark, self->high_contrast, &color);
          layout = cached_text (self, TEXT_MECH_COUNT_0 + MECH_MAX_ARROWS * m + j, text, px,
                                PANGO_WEIGHT_BOLD, -1);
          pango_layout_get_pixel_extents (layout, &ink, NULL);
          append_text (snapshot, layout, x - ink.width / 2.0 - ink.x,
                       dir > 0 ? geo->mem_top - geo->pump_ext_out - ink.y - ink.height - 0.2 * geo->fs
                               : geo->mem_bot + geo->pump_ext_in + 0.2 * geo->fs - ink.y,
                       &color);
          j++;
        }
    }
}

/* The layout of a pump label, on two lines if one is too wide. */
static PangoLayout *
pump_label (MlMembraneView *self,
            guint           key,
            char           *text,
            double          fs,
            double          width)
{
  PangoLayout *layout = cached_text (self, key, text, fs, PANGO_WEIGHT_BOLD, width);

  if (pango_layout_is_ellipsized (layout))
    layout = cached_text (self, key, g_strdelimit (text, " ", '\n'), fs, PANGO_WEIGHT_BOLD,
                          width);
  return layout;
}

static double
pump_label_width (const Geometry *geo,
                  double          half)
{
  return geo->slot_w / 2 + half * 0.5;
}

static PangoLayout *
banner_layout (MlMembraneView *self,
               const Geometry *geo,
               double          width)
{
  const char *why = ml_condition_message (self->solution.condition);
  PangoLayout *layout;

  layout = cached_text (self, TEXT_BANNER, why != NULL ? why : _("undefined"), geo->fs * 1.1,
                        PANGO_WEIGHT_SEMIBOLD, width);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  return layout;
}

/**
 * ml_membrane_view_place_banner:
 *
 * Places the banner that says why there is no V_m in the top line, beside
 * the "Outside" label, where nothing else is drawn; when that is too narrow,
 * under the label.  The pump's outward arrow is then shortened, if need be,
 * so that its label stays clear of the banner.
 */
void
ml_membrane_view_place_banner (MlMembraneView *self,
                               Geometry       *geo)
{
  double fs = geo->fs;
  double hpad = 0.8 * fs;
  double x_min, max_w, top, bottom, cx, half, lw, ext;
  PangoLayout *layout;
  PangoRectangle logical, ink;
  g_autofree char *na_cargo = NULL;
  g_autofree char *k_cargo = NULL;

  geo->has_banner = self->has_solution && !self->solution.vm_defined;
  if (!geo->has_banner)
    return;

  layout = cached_text (self, TEXT_OUTSIDE, _("Outside"), fs, PANGO_WEIGHT_SEMIBOLD, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  x_min = geo->margin_x + logical.width + fs;
  max_w = MIN (geo->w - geo->margin_x - x_min, 40 * fs);
  top = geo->pad * 0.7 + logical.height / 2.0;   /* the middle of the label */
  if (max_w < 12 * fs)
    {
      x_min = geo->margin_x;
      max_w = MIN (geo->w - 2 * geo->margin_x, 40 * fs);
      top = -1;
    }

  geo->banner_text_w = max_w - 2 * hpad;
  layout = banner_layout (self, geo, geo->banner_text_w);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  geo->banner_w = logical.width + 2 * hpad;
  geo->banner_h = logical.height + 0.6 * fs;
  geo->banner_x = CLAMP ((geo->w - geo->banner_w) / 2, x_min,
                         geo->w - geo->margin_x - geo->banner_w);
  geo->banner_y = top < 0 ? geo->out_top : MAX (3.0, top - geo->banner_h / 2);
  bottom = geo->banner_y + geo->banner_h;

  /* the label at the tip of the pump's Na⁺ arrow, as draw_texts places it */
  cx = ml_membrane_view_slot_center (geo, geo->pump_slot);
  half = ml_membrane_view_protein_half_width (geo, self, geo->pump_slot);
  lw = pump_label_width (geo, half);
  ml_membrane_view_pump_cargo (self, &na_cargo, &k_cargo);
  layout = pump_label (self, TEXT_PUMP_NA, na_cargo, fs, lw);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  if (cx - half * 0.45 - lw / 2 + ink.x + ink.width < geo->banner_x ||
      cx - half * 0.45 - lw / 2 + ink.x > geo->banner_x + geo->banner_w)
    return;

  ext = geo->mem_top - bottom - ink.height - 0.6 * fs;
  geo->pump_ext_out = MAX (MIN (geo->pump_ext_out, ext), geo->thick * 0.45);
}

/* Whether a text fits on @width px, each of its lines, at @size. */
static gboolean
text_fits (MlMembraneView *self,
           guint           key,
           const char     *text,
           double          size,
           int             weight,
           double          width)
{
  PangoLayout *layout = cached_text (self, key, text, size, weight, width);

  /* a key that wrapped before ellipsizes again */
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return !pango_layout_is_ellipsized (layout);
}

double
ml_membrane_view_mech_name_width (MlMembraneView *self,
                                  double          fs)
{
  const MlSolution *sol = &self->solution;
  double widest = 0;

  for (guint m = 2; self->has_solution && m < sol->n_mechanisms; m++)
    {
      PangoLayout *layout = cached_text (self, TEXT_SLOT_0 + 3 * (sol->n_ions + 1 + m - 2),
                                         sol->mechanisms[m].klass->short_name, fs,
                                         PANGO_WEIGHT_BOLD, -1);
      PangoRectangle logical;

      pango_layout_get_pixel_extents (layout, NULL, &logical);
      widest = MAX (widest, logical.width);
    }
  return widest;
}

/**
 * ml_membrane_view_value_lines:
 *
 * Whether the V − E line of every channel fits its slot on one line (1) or
 * takes two (2), the name above the number; the geometry keeps room for
 * what it takes.
 */
double
ml_membrane_view_value_lines (MlMembraneView *self,
                              const Geometry *geo)
{
  const MlSolution *sol = &self->solution;

  if (!self->has_solution || !sol->vm_defined)
    return 1;
  for (guint i = 0; i < sol->n_ions; i++)
    {
      const MlIonResult *r = &sol->ions[i];
      guint slot = i < geo->pump_slot ? i : i + 1;  /* the ion's channel */
      g_autofree char *text = NULL;

      if (r->nernst_state == ML_NERNST_UNDEFINED)
        continue;
      text = value_text (r, 1, TRUE);
      if (!text_fits (self, TEXT_SLOT_0 + 3 * slot + 1, text, geo->fs, PANGO_WEIGHT_SEMIBOLD,
                      geo->slot_w - 4))
        return 2;
    }
  return 1;
}

/* 2 when the pump's current needs two lines ("+0.32" over "µA/cm²") under
 * its state, so the block keeps a line for it; else 1. */
double
ml_membrane_view_pump_lines (MlMembraneView *self,
                             const Geometry *geo)
{
  g_autofree char *current = ml_membrane_view_pump_current_text (self);

  if (current == NULL)
    return 1;
  return text_fits (self, TEXT_SLOT_0 + 3 * geo->pump_slot + 2, current, geo->fs,
                    PANGO_WEIGHT_NORMAL, geo->slot_w - 4) ? 1 : 2;
}

/* Forces ----------------------------------------------------------------- */

/* The size of the force labels and the legend: a little under the body
 * text on a large view, never under its floor (14 px, or the CSS size). */
static double
small_px (MlMembraneView *self,
          const Geometry *geo)
{
  return MAX (MAX (14.0, self->font_px), 0.75 * geo->fs);
}

/* The label of one part of an ion's driving force, "chemical +75.2 mV",
 * on one line, else two, else wrapped where it must: never cut. */
static PangoLayout *
force_label (MlMembraneView *self,
             const Geometry *geo,
             guint           ion,
             ForcePart       part)
{
  const MlIonResult *r = &self->solution.ions[ion];
  guint key = TEXT_FORCE_0 + 2 * ion + part;
  double width = geo->slot_w - 4;
  g_autofree char *mv = ml_membrane_view_format_mv (ml_membrane_view_force_mv (r, part), TRUE);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  PangoLayout *layout;

  if (part == FORCE_CHEMICAL)
    {
      /* Translators: beside the thin arrow of the concentration gradient's
       * push, "chemical +75.2 mV" */
      one = g_strdup_printf (_("chemical %s"), mv);
      /* Translators: the same on two lines */
      two = g_strdup_printf (_("chemical\n%s"), mv);
    }
  else
    {
      /* Translators: beside the thin arrow of the membrane potential's
       * push, "electrical −59.5 mV" */
      one = g_strdup_printf (_("electrical %s"), mv);
      /* Translators: the same on two lines */
      two = g_strdup_printf (_("electrical\n%s"), mv);
    }

  if (text_fits (self, key, one, small_px (self, geo), PANGO_WEIGHT_NORMAL, width))
    return cached_text (self, key, one, small_px (self, geo), PANGO_WEIGHT_NORMAL, width);
  layout = cached_text (self, key, two, small_px (self, geo), PANGO_WEIGHT_NORMAL, width);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* A force label on a pale backing, so the particles under it do not cut
 * through its words. */
static void
append_force_label (MlMembraneView *self,
                    GtkSnapshot    *snapshot,
                    PangoLayout    *layout,
                    double          x,
                    double          y,
                    const GdkRGBA  *color)
{
  PangoRectangle ink, logical;
  GdkRGBA back = self->dark ? (GdkRGBA) { 0.14, 0.14, 0.16, 0.8 } : (GdkRGBA) { 1, 1, 1, 0.8 };
  GskRoundedRect rr;

  pango_layout_get_pixel_extents (layout, &ink, &logical);
  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (x + ink.x - 3, y + logical.y,
                                                             ink.width + 6, logical.height),
                                   4);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &back, &rr.bounds);
  gtk_snapshot_pop (snapshot);
  append_text (snapshot, layout, x, y, color);
}

/* Where the force labels of every ion go: those of a push out in a band at
 * the top of the outside, those of a push in in a band above the words
 * under the channels, chemical first.  With @snapshot, draws them. */
static void
layout_force_labels (MlMembraneView *self,
                     const Geometry *geo,
                     GtkSnapshot    *snapshot,
                     double         *top_h,
                     double         *bot_h)
{
  const MlSolution *sol = &self->solution;
  double gap = 0.15 * geo->fs;

  *top_h = *bot_h = 0;
  for (guint i = 0; i < sol->n_ions; i++)
    {
      const MlIonResult *r = &sol->ions[i];
      double cx = ml_membrane_view_slot_center (geo, i < geo->pump_slot ? i : i + 1);
      double up = 0, down = 0;

      if (!ml_membrane_view_has_forces (self, r))
        continue;
      /* the inward ones from the bottom up: the electrical one is nearer
       * the words, the chemical one above it */
      for (int part = FORCE_ELECTRICAL; part >= FORCE_CHEMICAL; part--)
        {
          PangoLayout *layout = force_label (self, geo, i, part);
          PangoRectangle logical;

          if (ml_membrane_view_push_direction (r, ml_membrane_view_force_mv (r, part)) >= 0)
            continue;
          pango_layout_get_pixel_extents (layout, NULL, &logical);
          down += logical.height + gap;
          if (snapshot != NULL)
            append_force_label (self, snapshot, layout, cx - (geo->slot_w - 4) / 2,
                                geo->block_top - 0.3 * geo->fs - down, &self->ion_text_colors[i]);
        }
      for (int part = FORCE_CHEMICAL; part <= FORCE_ELECTRICAL; part++)
        {
          PangoLayout *layout = force_label (self, geo, i, part);
          PangoRectangle logical;

          if (ml_membrane_view_push_direction (r, ml_membrane_view_force_mv (r, part)) < 0)
            continue;
          pango_layout_get_pixel_extents (layout, NULL, &logical);
          if (snapshot != NULL)
            append_force_label (self, snapshot, layout, cx - (geo->slot_w - 4) / 2,
                                geo->out_top + up, &self->ion_text_colors[i]);
          up += logical.height + gap;
        }
      *top_h = MAX (*top_h, up);
      *bot_h = MAX (*bot_h, down);
    }
  if (*top_h > 0)
    *top_h += 0.2 * geo->fs;
  if (*bot_h > 0)
    *bot_h += 0.3 * geo->fs;
}

void
ml_membrane_view_measure_force_bands (MlMembraneView *self,
                                      Geometry       *geo)
{
  layout_force_labels (self, geo, NULL, &geo->force_top_h, &geo->force_bot_h);
}

/* Legend ----------------------------------------------------------------- */

static PangoLayout *
legend_layout (MlMembraneView *self,
               const Geometry *geo,
               double          px,
               double          width)
{
  GString *s = g_string_new (NULL);
  PangoLayout *layout;

  g_string_append (s, _("Arrow length: driving force V − E, in mV."));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Arrow thickness: current."));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Dots: ions on each side; more dots, higher concentration."));
  g_string_append_c (s, '\n');
  g_string_append (s, _("+ and − along the membrane: the charge that makes the membrane potential V; more of it, the farther V is from 0."));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Dashed arrow: channel closed or ion off. Dot in a pore: at equilibrium."));
  if (self->show_forces)
    {
      g_string_append_c (s, '\n');
      g_string_append (s, _("Thin outlined arrow: chemical push (−E). Thin dotted arrow: electrical push (V). Together they make V − E."));
    }
  g_string_append_c (s, '\n');
  g_string_append (s, _("Equal and opposite currents can look very different, since length is the driving force and thickness the current: Na⁺’s arrow is long but thin because its permeability is small."));

  layout = cached_text (self, TEXT_LEGEND, s->str, px, PANGO_WEIGHT_NORMAL, width);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_spacing (layout, (int) (0.12 * px * PANGO_SCALE));
  g_string_free (s, TRUE);
  return layout;
}

#define LEGEND_HPAD(geo) (0.6 * (geo)->fs)
#define LEGEND_VPAD(geo) (0.4 * (geo)->fs)

/**
 * ml_membrane_view_place_legend:
 *
 * With show-legend, takes the legend's room from the picture: a column on
 * the right of a wide view, else a strip at the bottom, so that it covers
 * no channel; @geo's w and h are then what the picture keeps.
 */
void
ml_membrane_view_place_legend (MlMembraneView *self,
                               Geometry       *geo)
{
  double floor_px = MAX (14.0, self->font_px);
  double px = small_px (self, geo);
  PangoRectangle logical;

  geo->has_legend = self->show_legend;
  if (!geo->has_legend)
    return;

  if (geo->w >= 1.5 * geo->h && geo->w >= 800)
    {
      geo->legend_w = CLAMP (0.28 * geo->w, 15 * px, 24 * px);
      geo->legend_w = MIN (geo->legend_w, 0.4 * geo->w);
      /* down to the floor if the column is too short for the words */
      for (int k = 0; k < 2; k++)
        {
          pango_layout_get_pixel_extents (legend_layout (self, geo, px,
                                                         geo->legend_w - 2 * LEGEND_HPAD (geo)),
                                          NULL, &logical);
          if (logical.height + 2 * LEGEND_VPAD (geo) <= geo->h - 2 * geo->pad)
            break;
          px = floor_px;
        }
      geo->legend_h = MIN (logical.height + 2 * LEGEND_VPAD (geo), geo->h - 2 * geo->pad);
      geo->legend_x = geo->w - geo->pad - geo->legend_w;
      geo->legend_y = geo->pad;
      geo->w = geo->legend_x - 0.5 * geo->pad;
    }
  else
    {
      px = floor_px;
      geo->legend_w = geo->w - 2 * geo->pad;
      pango_layout_get_pixel_extents (legend_layout (self, geo, px,
                                                     geo->legend_w - 2 * LEGEND_HPAD (geo)),
                                      NULL, &logical);
      /* the picture keeps at least half the height */
      geo->legend_h = MIN (logical.height + 2 * LEGEND_VPAD (geo), geo->h / 2);
      geo->legend_x = geo->pad;
      geo->legend_y = geo->h - geo->pad * 0.5 - geo->legend_h;
      geo->h = geo->legend_y - 0.5 * geo->pad;
    }
  geo->legend_px = px;
}

static void
draw_legend (MlMembraneView *self,
             GtkSnapshot    *snapshot,
             const Geometry *geo)
{
  GskRoundedRect rr;
  GdkRGBA bg = self->fg, border = self->fg;
  graphene_rect_t box = GRAPHENE_RECT_INIT (geo->legend_x, geo->legend_y,
                                            geo->legend_w, geo->legend_h);
  PangoLayout *layout = legend_layout (self, geo, geo->legend_px,
                                       geo->legend_w - 2 * LEGEND_HPAD (geo));

  bg.alpha = 0.05;
  border.alpha = 0.25;
  gsk_rounded_rect_init_from_rect (&rr, &box, 0.6 * geo->fs);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &bg, &box);
  append_text (snapshot, layout, geo->legend_x + LEGEND_HPAD (geo),
               geo->legend_y + LEGEND_VPAD (geo), &self->fg);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rr, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { border, border, border, border });
}

/* The lines of one row under the slots, with their short forms. */
typedef struct
{
  char          *text[N_SLOTS];
  char          *text_short[N_SLOTS];
  const GdkRGBA *color[N_SLOTS];
  double         size[N_SLOTS];  /* 0: the row's */
} Row;

static gboolean
needs_short (MlMembraneView *self,
             const Geometry *geo,
             guint           row,
             const Row      *r,
             guint           s,
             double          size,
             int             weight)
{
  return r->text[s] != NULL && r->text_short[s] != NULL &&
         pango_layout_is_ellipsized (cached_text (self, TEXT_SLOT_0 + 3 * s + row, r->text[s],
                                                  r->size[s] > 0 ? r->size[s] : size, weight,
                                                  ml_membrane_view_slot_width (geo, s) - 4));
}

/* Draws a row of centred lines.  If any channel's line is cut, every
 * channel that has a short form takes it, so that the row reads alike: a
 * unit is under every channel or under none.  The pump, whose numbers have
 * another unit, decides for itself. */
static void
draw_row (MlMembraneView *self,
          GtkSnapshot    *snapshot,
          const Geometry *geo,
          guint           row,
          const Row      *r,
          double          size,
          int             weight,
          const double   *y)
{
  gboolean channels_short = FALSE;

  for (guint s = 0; s < geo->n_slots && !channels_short; s++)
    if (ml_membrane_view_slot_ion (geo, s) >= 0)
      channels_short = needs_short (self, geo, row, r, s, size, weight);

  for (guint s = 0; s < geo->n_slots; s++)
    {
      gboolean use_short = ml_membrane_view_slot_ion (geo, s) < 0
                           ? needs_short (self, geo, row, r, s, size, weight) : channels_short;
      const char *text = use_short && r->text_short[s] != NULL ? r->text_short[s] : r->text[s];
      double text_w = ml_membrane_view_slot_width (geo, s) - 4;
      PangoLayout *layout;

      if (text == NULL)
        continue;
      layout = cached_text (self, TEXT_SLOT_0 + 3 * s + row, text,
                            r->size[s] > 0 ? r->size[s] : size, weight, text_w);
      append_text (snapshot, layout, ml_membrane_view_slot_center (geo, s) - text_w / 2, y[s],
                   r->color[s]);
    }
}

void
ml_membrane_view_draw_texts (MlMembraneView *self,
                             GtkSnapshot    *snapshot,
                             const Geometry *geo)
{
  const MlSolution *sol = &self->solution;
  GdkRGBA na_text, k_text;
  const GdkRGBA *na, *k;
  GdkRGBA dim = self->fg;
  double fs = geo->fs;
  double name_fs = 1.25 * fs;
  double cx_pump = ml_membrane_view_slot_center (geo, geo->pump_slot);
  double half = ml_membrane_view_protein_half_width (geo, self, geo->pump_slot);
  double lw = pump_label_width (geo, half);
  GdkRGBA name_colors[N_SLOTS];
  Row rows[3] = { { { NULL } } };
  double y[3][N_SLOTS];
  g_autofree char *na_cargo = NULL;
  g_autofree char *k_cargo = NULL;
  gboolean carries;
  PangoLayout *layout;
  PangoRectangle ink;

  dim.alpha *= ml_palette_secondary_alpha (self->high_contrast, 0.72);

  layout = cached_text (self, TEXT_OUTSIDE, _("Outside"), fs, PANGO_WEIGHT_SEMIBOLD, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  append_text (snapshot, layout, geo->margin_x, geo->pad * 0.7, &dim);
  layout = cached_text (self, TEXT_INSIDE, _("Inside (cytosol)"), fs, PANGO_WEIGHT_SEMIBOLD, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  append_text (snapshot, layout, geo->margin_x, geo->inside_label_y, &dim);

  /* name, value and status of every slot; a missing value moves the status
   * up */
  for (guint s = 0; s < geo->n_slots; s++)
    {
      const char *status, *status_short = NULL;

      if (s >= geo->first_mech_slot)
        {
          mechanism_texts (self, s - geo->first_mech_slot, &rows[0].text[s],
                           &rows[1].text[s], &rows[1].text_short[s], &rows[2].text[s],
                           &rows[2].text_short[s]);
          name_colors[s] = self->fg;
          rows[0].color[s] = &name_colors[s];
          rows[0].size[s] = fs;
          rows[1].color[s] = &self->fg;
          rows[2].color[s] = &dim;
          y[0][s] = geo->block_top + 0.25 * fs;
          y[1][s] = y[0][s] + 1.3 * name_fs;
          y[2][s] = y[1][s] + geo->value_lines * 1.3 * fs;
          continue;
        }
      if (s == geo->pump_slot)
        {
          char *current, *current_short;

          rows[0].text[s] = g_strdup (_("Na⁺/K⁺ pump"));
          rows[0].text_short[s] = g_strdup (_("Pump"));
          /* beside other mechanisms the slots are narrow: the short name
           * at the body size rather than cut */
          if (!text_fits (self, TEXT_SLOT_0 + 3 * s, rows[0].text_short[s], name_fs,
                          PANGO_WEIGHT_BOLD, geo->slot_w - 4))
            rows[0].size[s] = fs;
          pump_texts (self, &current, &current_short, &status, &status_short);
          /* The pump's current (µA/cm²) is not in the channels' V − E row:
           * its state comes first, the current under it. */
          rows[0].color[s] = &name_colors[s];
          rows[1].text[s] = g_strdup (status);
          rows[1].text_short[s] = g_strdup (status_short);
          rows[1].color[s] = &dim;
          rows[2].text[s] = current;
          rows[2].text_short[s] = current_short;
          rows[2].color[s] = &self->fg;
          name_colors[s] = self->fg;
          y[0][s] = geo->block_top;
          y[1][s] = y[0][s] + 1.3 * name_fs;
          y[2][s] = y[1][s] + geo->value_lines * 1.3 * fs;
          continue;
        }
      else
        {
          guint ion = s < geo->pump_slot ? s : s - 1;

          rows[0].text[s] = g_strdup (self->labels[ion]);
          slot_texts (self, geo, ion, &rows[1].text[s], &rows[1].text_short[s], &status,
                      &status_short);
          name_colors[s] = sol->ions[ion].ion.enabled ? self->ion_text_colors[ion] : dim;
        }
      rows[2].text[s] = g_strdup (status);
      rows[2].text_short[s] = g_strdup (status_short);
      rows[0].color[s] = &name_colors[s];
      rows[1].color[s] = &self->fg;
      rows[2].color[s] = &dim;

      y[0][s] = geo->block_top;
      y[1][s] = y[0][s] + 1.3 * name_fs;
      y[2][s] = rows[1].text[s] != NULL ? y[1][s] + geo->value_lines * 1.3 * fs : y[1][s];
    }

  draw_row (self, snapshot, geo, 0, &rows[0], name_fs, PANGO_WEIGHT_BOLD, y[0]);
  draw_row (self, snapshot, geo, 1, &rows[1], fs, PANGO_WEIGHT_SEMIBOLD, y[1]);
  draw_row (self, snapshot, geo, 2, &rows[2], fs, PANGO_WEIGHT_NORMAL, y[2]);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    for (guint s = 0; s < geo->n_slots; s++)
      {
        g_free (rows[i].text[s]);
        g_free (rows[i].text_short[s]);
      }

  /* what the pump carries, at the tips of its arrows: text, so in the
   * text palette, not the arrows' colours */
  ml_ion_text_color ("Na", self->dark, self->high_contrast, &na_text);
  ml_ion_text_color ("K", self->dark, self->high_contrast, &k_text);
  na = &na_text;
  k = &k_text;
  ml_membrane_view_pump_cargo (self, &na_cargo, &k_cargo);
  carries = ml_membrane_view_pump_carries (self);
  layout = pump_label (self, TEXT_PUMP_NA, na_cargo, fs, lw);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  append_text (snapshot, layout, cx_pump - half * 0.45 - lw / 2,
               MAX (geo->out_top, geo->mem_top - geo->pump_ext_out - ink.y - ink.height - 0.3 * fs),
               carries ? na : &dim);
  layout = pump_label (self, TEXT_PUMP_K, k_cargo, fs, lw);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  append_text (snapshot, layout, cx_pump + half * 0.45 - lw / 2,
               MIN (geo->block_top - ink.y - ink.height,
                    geo->mem_bot + geo->pump_ext_in + 0.3 * fs - ink.y),
               carries ? k : &dim);

  draw_mechanism_counts (self, snapshot, geo);

  if (self->show_forces && self->has_solution && sol->vm_defined)
    {
      double top_h, bot_h;

      layout_force_labels (self, geo, snapshot, &top_h, &bot_h);
    }
  if (geo->has_legend)
    draw_legend (self, snapshot, geo);

  /* no voltage: say why instead of drawing arrows */
  if (geo->has_banner)
    {
      GskRoundedRect rr;
      GdkRGBA bg, border;
      PangoRectangle logical;

      layout = banner_layout (self, geo, geo->banner_text_w);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      gsk_rounded_rect_init_from_rect (&rr,
                                       &GRAPHENE_RECT_INIT (geo->banner_x, geo->banner_y,
                                                            geo->banner_w, geo->banner_h),
                                       0.6 * fs);
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
      /* centred lines start right of the layout's origin */
      append_text (snapshot, layout,
                   geo->banner_x + (geo->banner_w - logical.width) / 2 - logical.x,
                   geo->banner_y + 0.3 * fs, &self->fg);
    }
}
