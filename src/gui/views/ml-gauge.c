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
 * frame of the 150 ms animation.  This file holds the object, the needle
 * animation, the accessible value and the API; ml-gauge-draw.c draws.
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
#include "ml-view-session.h"

#define DEFAULT_MIN_MV   (-120.0)
#define DEFAULT_MAX_MV   80.0
#define RANGE_STEP_MV    20.0
#define ANIMATION_USEC   (150 * G_TIME_SPAN_MILLISECOND)
#define MINUS_SIGN       "\xe2\x88\x92"   /* U+2212 */

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlGauge, ml_gauge, GTK_TYPE_WIDGET)

static void
clear_markers (MlGauge *self)
{
  for (guint i = 0; i < self->n_markers; i++)
    g_clear_pointer (&self->markers[i].label, g_free);
  self->n_markers = 0;
}

/* "−64.9", "+12.3" or "0.0": a real minus sign, and no "−0.0" from rounding. */
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

/* GTK 4.8 gives a custom widget no AT-SPI Value interface and sends change
 * events only for the name and the description, so the value goes into
 * both: the name says V_m ("Membrane potential −69.1 mV, resting"), the
 * description each ion's equilibrium potential.  The value properties stay
 * for toolkits that read them. */
static void
update_accessible (MlGauge *self)
{
  if (self->concealed)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Membrane potential: hidden until you give your "
                                        "prediction"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "",
                                      -1);
      return;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->spoken_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->spoken_list,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, self->range_min,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, self->range_max,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->value,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->value_text,
                                  -1);
}

static char *
build_value_text (MlGauge *self)
{
  g_autofree char *vm_text = NULL;
  g_autoptr (GString) list = g_string_new (NULL);

  if (self->defined)
    {
      g_autofree char *mv = g_strdup_printf (_("%s mV"), self->number_text);

      /* Translators: %s is a voltage such as "−64.9 mV". */
      vm_text = g_strdup_printf (self->clamped ? _("Membrane potential %s, clamped")
                                               : _("Membrane potential %s, resting"), mv);
    }
  else
    {
      const char *message = ml_condition_message (self->condition);

      vm_text = g_strdup_printf (_("Membrane potential %s"),
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
        value = ml_format_millivolts (m->e_mv, 1, TRUE);
      else
        value = g_strdup (m->state == ML_NERNST_PLUS_INFINITY ? "+∞" : MINUS_SIGN "∞");

      if (i > 0)
        /* Translators: between two equilibrium potentials in the gauge's
         * spoken value, "E K⁺ −89.1 mV, E Na⁺ +60.6 mV". */
        g_string_append (list, C_("list separator", ", "));
      /* Translators: the equilibrium potential of an ion, e.g. "E K⁺ −89.1 mV". */
      g_string_append_printf (list, _("E %s %s"), label, value);
    }

  if (self->ghost_text != NULL)
    {
      char *with = g_strdup_printf (C_("gauge value", "%s (%s)"), vm_text, self->ghost_text);

      g_free (vm_text);
      vm_text = with;
    }

  g_free (self->spoken_name);
  self->spoken_name = g_strdup (vm_text);
  g_free (self->spoken_list);
  self->spoken_list = g_strdup (list->str);

  if (list->len == 0)
    return g_steal_pointer (&vm_text);

  /* Translators: the gauge's spoken value; the first %s is the membrane
   * potential ("Membrane potential −64.9 mV"), the second the list of
   * equilibrium potentials ("E K⁺ −89.1 mV, E Na⁺ +60.6 mV"). */
  return g_strdup_printf (C_("gauge value", "%s; %s"), vm_text, list->str);
}

/* Steps of one gesture (a slider dragged, a value typed digit by digit)
 * come closer than this; a pause starts a new change. */
#define GHOST_QUIET_US (700 * G_TIME_SPAN_MILLISECOND)

static void
update_ghost (MlGauge  *self,
              gboolean  was_shown,
              double    old_value)
{
  gint64 now = g_get_monotonic_time ();

  if (!self->defined || !was_shown)
    {
      self->has_ghost = FALSE;
      g_clear_pointer (&self->ghost_text, g_free);
      return;
    }
  if (old_value == self->value)
    return;

  if (!self->has_ghost || now - self->last_change_us > GHOST_QUIET_US)
    {
      self->ghost = old_value;
      self->has_ghost = TRUE;
    }
  self->last_change_us = now;

  g_clear_pointer (&self->ghost_text, g_free);
  /* Back where it started: nothing to show. */
  if (fabs (self->value - self->ghost) < 0.05)
    {
      self->has_ghost = FALSE;
      return;
    }
  {
    g_autofree char *from = ml_format_millivolts (self->ghost, 1, TRUE);
    g_autofree char *delta = ml_format_millivolts (self->value - self->ghost, 1, TRUE);

    /* Translators: under the gauge's number after a change: where V_m
     * was and by how much it moved, "from −69.1 mV: +4.1 mV". */
    self->ghost_text = g_strdup_printf (_("from %s: %s"), from, delta);
  }
}

/* No ghost: the value now is where the needle starts from (a lesson's
 * first frame, a replay: no change of the user's). */
void
ml_gauge_forget_ghost (MlGauge *self)
{
  g_return_if_fail (ML_IS_GAUGE (self));

  if (!self->has_ghost && self->ghost_text == NULL)
    return;
  self->has_ghost = FALSE;
  g_clear_pointer (&self->ghost_text, g_free);
  ml_gauge_invalidate_cache (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* For tests: the ghost mark, if any. */
gboolean
ml_gauge_get_ghost (MlGauge *self,
                    double  *ghost_mv)
{
  g_return_val_if_fail (ML_IS_GAUGE (self), FALSE);
  if (ghost_mv != NULL)
    *ghost_mv = self->has_ghost ? self->ghost : 0.0;
  return self->has_ghost;
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
  MlGauge *self = ML_GAUGE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 360;
      /* Presentation mode: wide enough for the number at its floor. */
      if (self->number_floor > 0)
        {
          g_autoptr (PangoLayout) probe = gtk_widget_create_pango_layout (widget, "−88.8");
          PangoFontDescription *desc = pango_font_description_from_string ("Sans Bold");
          double em = self->number_floor / 0.72 * self->text_scale;
          int w, h;

          pango_font_description_set_absolute_size (desc, em * PANGO_SCALE);
          pango_layout_set_font_description (probe, desc);
          pango_font_description_free (desc);
          pango_layout_get_pixel_size (probe, &w, &h);
          /* and " mV" at a little over half the size */
          *minimum = MAX (*minimum, w + (int) (0.95 * em) + 16);
          *natural = MAX (*natural, *minimum);
        }
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
  self->high_contrast = ml_widget_is_high_contrast (widget);
  self->text_scale = ml_drawn_text_scale (widget);
  ml_gauge_invalidate_cache (self);
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

  ml_view_follow_session (self, &self->session, NULL, NULL);
  stop_animation (self);
  ml_gauge_invalidate_cache (self);
  G_OBJECT_CLASS (ml_gauge_parent_class)->dispose (object);
}

static void
ml_gauge_finalize (GObject *object)
{
  MlGauge *self = ML_GAUGE (object);

  clear_markers (self);
  g_free (self->number_text);
  g_free (self->ghost_text);
  g_free (self->value_text);
  g_free (self->spoken_name);
  g_free (self->spoken_list);
  G_OBJECT_CLASS (ml_gauge_parent_class)->finalize (object);
}

static void
ml_gauge_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  MlGauge *self = ML_GAUGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_gauge_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  MlGauge *self = ML_GAUGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ml_gauge_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_gauge_class_init (MlGaugeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ml_gauge_get_property;
  object_class->set_property = ml_gauge_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ML_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  self->text_scale = 1.0;
  ml_drawn_text_setup (GTK_WIDGET (self));
  /* A screen reader user reaches the value with Tab, as a sighted user
   * reads it at a glance. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

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
  self->number_text = ml_format_fixed (self->value, 1, TRUE);
  update_ghost (self, was_shown, old_value);

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
  ml_gauge_invalidate_cache (self);

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

static void
ml_gauge_solved_cb (MlGauge   *self,
                    MlSession *session)
{
  ml_gauge_set_solution (self, ml_session_get_solution (session));
}

/**
 * ml_gauge_set_session:
 * @self: the view
 * @session: (nullable): the session to show
 *
 * The view shows @session's solution now and after every change.
 */
void
ml_gauge_set_session (MlGauge   *self,
                      MlSession *session)
{
  g_return_if_fail (ML_IS_GAUGE (self));

  if (!ml_view_follow_session (self, &self->session, session, G_CALLBACK (ml_gauge_solved_cb)))
    return;
  if (session != NULL)
    ml_gauge_solved_cb (self, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

MlSession *
ml_gauge_get_session (MlGauge *self)
{
  g_return_val_if_fail (ML_IS_GAUGE (self), NULL);
  return self->session;
}

void
ml_gauge_set_concealed (MlGauge  *self,
                        gboolean  concealed)
{
  g_return_if_fail (ML_IS_GAUGE (self));

  concealed = !!concealed;
  if (self->concealed == concealed)
    return;
  self->concealed = concealed;
  /* The ghost of an earlier value is no hint to leave showing; the
   * answer's change brings its own. */
  if (concealed)
    self->has_ghost = FALSE;
  ml_gauge_invalidate_cache (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
ml_gauge_get_concealed (MlGauge *self)
{
  g_return_val_if_fail (ML_IS_GAUGE (self), FALSE);
  return self->concealed;
}

void
ml_gauge_set_floors (MlGauge *self,
                     double   number_px,
                     double   text_px)
{
  g_return_if_fail (ML_IS_GAUGE (self));

  if (self->number_floor == number_px && self->text_floor == text_px)
    return;
  self->number_floor = MAX (0.0, number_px);
  self->text_floor = MAX (0.0, text_px);
  ml_gauge_invalidate_cache (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

double
ml_gauge_get_drawn_digit_height (MlGauge *self)
{
  g_return_val_if_fail (ML_IS_GAUGE (self), 0);
  return self->drawn_digit_px;
}

double
ml_gauge_get_smallest_text (MlGauge *self)
{
  g_return_val_if_fail (ML_IS_GAUGE (self), 0);
  return self->smallest_text_px;
}
