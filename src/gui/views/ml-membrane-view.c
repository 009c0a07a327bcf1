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
 * layouts are cached between frames.  This file holds the object, the
 * accessible description and the API; the picture is drawn in
 * ml-membrane-view-draw.c and its words in ml-membrane-view-text.c.
 */
#define G_LOG_DOMAIN "ml-membrane-view"

#include "config.h"

#include "ml-membrane-view-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ml-drawn-text.h"
#include "ml-ion-colors.h"
#include "ml-view-session.h"

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_FORCES,
  PROP_SHOW_LEGEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlMembraneView, ml_membrane_view, GTK_TYPE_WIDGET)

/* Description ---------------------------------------------------------- */

/* One whole sentence per case, so that translators control word order and
 * agreement; in each, the first %s is an ion ("K⁺") and the second its
 * driving force ("+20.0 mV" or "−∞"). */
static void
append_ion_sentence (GString           *s,
                     const MlIonResult *r,
                     const char        *label,
                     const char        *force)
{
  gboolean out = r->direction > 0;

  if (r->direction == 0)
    /* Translators: "K⁺: at equilibrium, driving force +0.0 mV." */
    g_string_append_printf (s, _("%s: at equilibrium, driving force %s."), label, force);
  else if (!r->ion.enabled && out)
    /* Translators: "Ca²⁺: driving force +20.0 mV, would move out but is
     * switched off." */
    g_string_append_printf (s, _("%s: driving force %s, would move out but is switched off."),
                            label, force);
  else if (!r->ion.enabled)
    /* Translators: "Ca²⁺: driving force −180.0 mV, would move in but is
     * switched off." */
    g_string_append_printf (s, _("%s: driving force %s, would move in but is switched off."),
                            label, force);
  else if (!r->permeant && out)
    /* Translators: "Cl⁻: driving force +20.0 mV, would move out but its
     * channel is closed." */
    g_string_append_printf (s, _("%s: driving force %s, would move out but its channel is closed."),
                            label, force);
  else if (!r->permeant)
    /* Translators: "Cl⁻: driving force −5.0 mV, would move in but its channel
     * is closed." */
    g_string_append_printf (s, _("%s: driving force %s, would move in but its channel is closed."),
                            label, force);
  else if (out)
    /* Translators: "K⁺: driving force +24.2 mV, moves out." */
    g_string_append_printf (s, _("%s: driving force %s, moves out."), label, force);
  else
    /* Translators: "Na⁺: driving force −125.3 mV, moves in." */
    g_string_append_printf (s, _("%s: driving force %s, moves in."), label, force);
}

/* show-forces: the two parts of V − E in words, each with the way it
 * pushes the ion, as the thin arrows draw them.  Whole sentences, so that
 * translators keep their word order. */
static void
append_force_sentences (GString           *s,
                        const MlIonResult *r,
                        const char        *label)
{
  for (int part = FORCE_CHEMICAL; part <= FORCE_ELECTRICAL; part++)
    {
      double mv = ml_membrane_view_force_mv (r, part);
      int dir = ml_membrane_view_push_direction (r, mv);
      g_autofree char *value = ml_membrane_view_format_mv (mv, TRUE);

      g_string_append_c (s, ' ');
      if (part == FORCE_CHEMICAL && dir > 0)
        /* Translators: "K⁺ chemical push: +75.2 mV, outward." The
         * concentration gradient's part of the driving force. */
        g_string_append_printf (s, _("%s chemical push: %s, outward."), label, value);
      else if (part == FORCE_CHEMICAL && dir < 0)
        g_string_append_printf (s, _("%s chemical push: %s, inward."), label, value);
      else if (part == FORCE_CHEMICAL)
        g_string_append_printf (s, _("%s chemical push: %s, none."), label, value);
      else if (dir > 0)
        /* Translators: "Cl⁻ electrical push: −59.5 mV, outward." The
         * membrane potential's part of the driving force. */
        g_string_append_printf (s, _("%s electrical push: %s, outward."), label, value);
      else if (dir < 0)
        g_string_append_printf (s, _("%s electrical push: %s, inward."), label, value);
      else
        g_string_append_printf (s, _("%s electrical push: %s, none."), label, value);
    }
}

/* What the pump does, built from the solution: its stoichiometry in the
 * steady state, its current when that is fixed. */
static void
append_pump_sentence (MlMembraneView *self,
                      GString        *s)
{
  g_autofree char *na = NULL;
  g_autofree char *k = NULL;
  g_autofree char *current = NULL;

  switch (ml_membrane_view_pump_state (self))
    {
    case PUMP_RATIO:
      ml_membrane_view_pump_cargo (self, &na, &k);
      /* Translators: one pump cycle; the first %s is e.g. "3 Na⁺" (or
       * "1.37 Na⁺"), the second e.g. "2 K⁺" (or "1 K⁺"). */
      g_string_append_printf (s, _("Pump on: %s out, %s in."), na, k);
      break;
    case PUMP_KINETIC:
      ml_membrane_view_pump_cargo (self, &na, &k);
      current = ml_membrane_view_pump_current_text (self);
      /* Translators: the kinetic pump; the first %s is "3 Na⁺", the second
       * "2 K⁺", the third its current, "+0.32 µA/cm²". */
      g_string_append_printf (s, _("Pump on: %s out, %s in, at the rate its substrates set, %s."),
                              na, k, current != NULL ? current : _("undefined"));
      break;
    case PUMP_BACKWARDS:
      current = ml_membrane_view_pump_current_text (self);
      /* Translators: %s is a current density, e.g. "−0.50 µA/cm²" */
      g_string_append_printf (s, _("Pump running backwards, Na⁺ in and K⁺ out: %s."),
                              current != NULL ? current : _("undefined"));
      break;
    case PUMP_IDLE_ZERO:
      g_string_append (s, _("Pump on, but its maximal current is 0, so it carries nothing."));
      break;
    case PUMP_IDLE_NO_NA:
      g_string_append (s, _("Pump on, but it carries no current: there is no Na⁺ to pump."));
      break;
    case PUMP_IDLE_NO_K:
      g_string_append (s, _("Pump on, but it carries no current: there is no K⁺ outside for it to take in."));
      break;
    case PUMP_IDLE_NO_LEAK:
      g_string_append (s, _("Pump on, but it carries no current: the Na⁺ channel is closed, so there is no Na⁺ leak for it to balance."));
      break;
    case PUMP_CURRENT:
      current = ml_membrane_view_pump_current_text (self);
      if (current != NULL)
        /* Translators: %s is a current density, e.g. "+0.50 µA/cm²" */
        g_string_append_printf (s, _("Pump on at a fixed current of %s, moving Na⁺ out and K⁺ in."),
                                current);
      else
        g_string_append (s, _("Pump on at a fixed current, moving Na⁺ out and K⁺ in."));
      break;
    case PUMP_ABSENT:
      g_string_append (s, _("No pump in this cell."));
      break;
    case PUMP_BLOCKED:
    default:
      g_string_append (s, _("Pump blocked."));
      break;
    }
}

/* Each other mechanism: its name, what it moves per cycle, its current and,
 * when it does not run, the core's words. */
static void
append_mechanism_sentences (MlMembraneView *self,
                            GString        *s)
{
  const MlSolution *sol = &self->solution;

  if (!self->has_solution)
    return;
  for (guint k = 2; k < sol->n_mechanisms; k++)
    {
      const MlMechanismResult *m = &sol->mechanisms[k];
      g_autofree char *current = ml_format_significant (m->current_ua_cm2, 2);

      g_string_append_c (s, ' ');
      if (m->state != NULL)
        /* Translators: a transporter, what it moves and why it does not:
         * "NKCC1 (1 Na⁺ + 1 K⁺ + 2 Cl⁻ in): Idles: the cell has no Cl⁻." */
        g_string_append_printf (s, _("%s (%s): %s."), m->klass->short_name,
                                ml_mechanism_class_get_stoichiometry (m->klass), m->state);
      else if (m->current_ua_cm2 != 0.0)
        /* Translators: a transporter, what it moves and its current:
         * "PMCA (1 Ca²⁺ out), 0.001 µA/cm²." */
        g_string_append_printf (s, _("%s (%s), %s µA/cm²."), m->klass->short_name,
                                ml_mechanism_class_get_stoichiometry (m->klass), current);
      else
        /* Translators: a transporter that carries no net charge:
         * "NKCC1 (1 Na⁺ + 1 K⁺ + 2 Cl⁻ in), no net charge." */
        g_string_append_printf (s, _("%s (%s), no net charge."), m->klass->short_name,
                                ml_mechanism_class_get_stoichiometry (m->klass));
    }
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
      g_autofree char *vm = ml_membrane_view_format_mv (sol->vm_mv, TRUE);

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

          g_string_append_c (s, ' ');
          if (r->nernst_state == ML_NERNST_UNDEFINED)
            {
              g_string_append_printf (s, _("%s: absent on both sides."), label);
              continue;
            }

          if (ml_membrane_view_ion_is_infinite (r))
            force = g_strdup (ml_membrane_view_infinite_force (r));
          else
            force = ml_membrane_view_format_mv (r->driving_force_mv, TRUE);

          append_ion_sentence (s, r, label, force);
          if (ml_membrane_view_has_forces (self, r))
            append_force_sentences (s, r, label);
        }
    }

  g_string_append_c (s, ' ');
  append_pump_sentence (self, s);
  append_mechanism_sentences (self, s);

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
    {
      const char *name = self->solution.ions[i].ion.name;

      ml_ion_color (name, self->dark, &self->ion_colors[i]);
      ml_ion_text_color (name, self->dark, self->high_contrast, &self->ion_text_colors[i]);
    }
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
  self->high_contrast = ml_widget_is_high_contrast (widget);
  self->text_scale = ml_drawn_text_scale (widget);
  {
    /* The CSS font size is the floor of the drawn text, as in the chart
     * recorder: a rule for presentation mode raises it. */
    const PangoFontDescription *desc =
      pango_context_get_font_description (gtk_widget_get_pango_context (widget));
    double size = desc != NULL ? pango_font_description_get_size (desc) / (double) PANGO_SCALE : 0.0;

    if (desc != NULL && !pango_font_description_get_size_is_absolute (desc))
      size *= 96.0 / 72.0;
    self->font_px = size > 0.0 ? size : 14.0;
  }
  update_colors (self);
  ml_membrane_view_invalidate_texts (self);
  gtk_widget_queue_draw (widget);
}

static void
ml_membrane_view_dispose (GObject *object)
{
  MlMembraneView *self = ML_MEMBRANE_VIEW (object);

  ml_view_follow_session (self, &self->session, NULL, NULL);
  G_OBJECT_CLASS (ml_membrane_view_parent_class)->dispose (object);
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
ml_membrane_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MlMembraneView *self = ML_MEMBRANE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SHOW_FORCES:
      g_value_set_boolean (value, self->show_forces);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_membrane_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MlMembraneView *self = ML_MEMBRANE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ml_membrane_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_SHOW_FORCES:
      ml_membrane_view_set_show_forces (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_LEGEND:
      ml_membrane_view_set_show_legend (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_membrane_view_class_init (MlMembraneViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ml_membrane_view_get_property;
  object_class->set_property = ml_membrane_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ML_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_FORCES] =
    g_param_spec_boolean ("show-forces", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  object_class->dispose = ml_membrane_view_dispose;
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
  self->text_scale = 1.0;
  self->font_px = 14.0;
  ml_drawn_text_setup (GTK_WIDGET (self));
  /* Focusable, so a screen reader user reaches its description (each
   * ion's driving force and direction) with Tab. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

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

/* For tests: how many particles, lipids and charges the last frame drew. */
guint
ml_membrane_view_get_n_particles_drawn (MlMembraneView *self)
{
  g_return_val_if_fail (ML_IS_MEMBRANE_VIEW (self), 0);

  return self->n_particles_drawn;
}

guint
ml_membrane_view_get_n_lipids_drawn (MlMembraneView *self)
{
  g_return_val_if_fail (ML_IS_MEMBRANE_VIEW (self), 0);

  return self->n_lipids_drawn;
}

guint
ml_membrane_view_get_n_charges_drawn (MlMembraneView *self)
{
  g_return_val_if_fail (ML_IS_MEMBRANE_VIEW (self), 0);

  return self->n_charges_drawn;
}

static void
ml_membrane_view_solved_cb (MlMembraneView *self,
                            MlSession      *session)
{
  ml_membrane_view_set_solution (self, ml_session_get_solution (session));
}

/**
 * ml_membrane_view_set_session:
 * @self: the view
 * @session: (nullable): the session to show
 *
 * The view shows @session's solution now and after every change.
 */
void
ml_membrane_view_set_session (MlMembraneView *self,
                              MlSession      *session)
{
  g_return_if_fail (ML_IS_MEMBRANE_VIEW (self));

  if (!ml_view_follow_session (self, &self->session, session, G_CALLBACK (ml_membrane_view_solved_cb)))
    return;
  if (session != NULL)
    ml_membrane_view_solved_cb (self, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

MlSession *
ml_membrane_view_get_session (MlMembraneView *self)
{
  g_return_val_if_fail (ML_IS_MEMBRANE_VIEW (self), NULL);
  return self->session;
}

/**
 * ml_membrane_view_set_show_forces:
 * @self: the view
 * @show_forces: whether to draw the two parts of each driving force
 *
 * Beside each ion's arrow, a thin arrow for the chemical push (−E) and
 * one for the electrical push (V_m), on the net arrow's scale, labelled
 * in words and mV; the description says them too.
 */
/**
 * ml_membrane_view_set_pump_absent:
 *
 * Whether a pump that is off was never there (a cell without one, as the
 * squid axon's preset) rather than blocked: the view says which.
 */
void
ml_membrane_view_set_pump_absent (MlMembraneView *self,
                                  gboolean        absent)
{
  g_return_if_fail (ML_IS_MEMBRANE_VIEW (self));

  absent = !!absent;
  if (self->pump_absent == absent)
    return;
  self->pump_absent = absent;
  ml_membrane_view_invalidate_texts (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ml_membrane_view_set_show_forces (MlMembraneView *self,
                                  gboolean        show_forces)
{
  g_return_if_fail (ML_IS_MEMBRANE_VIEW (self));

  show_forces = !!show_forces;
  if (self->show_forces == show_forces)
    return;
  self->show_forces = show_forces;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_FORCES]);
}

gboolean
ml_membrane_view_get_show_forces (MlMembraneView *self)
{
  g_return_val_if_fail (ML_IS_MEMBRANE_VIEW (self), FALSE);
  return self->show_forces;
}

/**
 * ml_membrane_view_set_show_legend:
 * @self: the view
 * @show_legend: whether to draw the legend
 *
 * The legend takes a column on the right of a wide view, else a strip at
 * the bottom; the picture keeps the rest, so it covers no channel.
 */
void
ml_membrane_view_set_show_legend (MlMembraneView *self,
                                  gboolean        show_legend)
{
  g_return_if_fail (ML_IS_MEMBRANE_VIEW (self));

  show_legend = !!show_legend;
  if (self->show_legend == show_legend)
    return;
  self->show_legend = show_legend;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

gboolean
ml_membrane_view_get_show_legend (MlMembraneView *self)
{
  g_return_val_if_fail (ML_IS_MEMBRANE_VIEW (self), FALSE);
  return self->show_legend;
}
