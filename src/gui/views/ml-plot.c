/* ml-plot.c — the plots of a cell: V_m against outside K⁺, I–V, V_m against T
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every point comes from the core (ml-curves.h), computed again after each
 * change of the session's cell; the widget draws axes with units, the
 * curves in the ion colours with text labels, and says in its accessible
 * description what a sighted user reads from the picture: the slope, the
 * crossing, the present point, the currents at the cursor.
 */
#define G_LOG_DOMAIN "ml-plot"

#include "config.h"

#include "ml-plot.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml-curves.h"
#include "ml-drawn-text.h"
#include "ml-format.h"
#include "ml-ion-colors.h"
#include "ml-view-session.h"

#define N_KOUT 200
#define N_IV   251
#define N_TEMP 46

struct _MlPlot
{
  GtkWidget            parent_instance;

  MlPlotKind           kind;
  MlSession           *session;
  gboolean             trade_na;
  double               cursor;
  GArray              *measured_k;   /* double */
  GArray              *measured_vm;

  MlKoutCurve         *kout;
  MlIvCurve           *iv;
  MlTemperatureCurve  *temp;
  MlSolution           at_cursor;
  gboolean             have_cursor;
  double               t_c;

  GdkRGBA              fg;
  gboolean             dark;
  gboolean             high_contrast;
  double               text_scale;
  double               font_px;
  char                *summary;
};

G_DEFINE_FINAL_TYPE (MlPlot, ml_plot, GTK_TYPE_WIDGET)

static void
style_of (MlPlot      *self,
          MlPlotStyle *style)
{
  style->fg = (MlRgba) { self->fg.red, self->fg.green, self->fg.blue, self->fg.alpha };
  style->dark = self->dark;
  style->high_contrast = self->high_contrast;
  style->font_px = self->font_px;
  style->text_scale = self->text_scale;
}

void
ml_plot_draw (MlPlot  *self,
              cairo_t *cr,
              int      width,
              int      height)
{
  MlPlotStyle style;
  MlPlotData data = { 0 };

  g_return_if_fail (ML_IS_PLOT (self));
  style_of (self, &style);
  data.kind = self->kind;
  data.kout = self->kout;
  data.iv = self->iv;
  data.temp = self->temp;
  if (self->measured_k != NULL)
    {
      data.measured_k = (const double *)(gpointer)self->measured_k->data;
      data.measured_vm = (const double *)(gpointer)self->measured_vm->data;
      data.n_measured = self->measured_k->len;
    }
  data.have_cursor = self->have_cursor;
  data.cursor = self->cursor;
  data.at_cursor = self->at_cursor;
  ml_plot_draw_data (&data, &style, cr, width, height);
}

/* Data and words ------------------------------------------------------------ */

static void
update_summary (MlPlot *self)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (self->kind == ML_PLOT_KOUT && self->kout != NULL)
    {
      const MlKoutCurve *c = self->kout;
      g_autofree char *slope = ml_format_fixed (c->slope, 1, FALSE);

      /* Translators: the plot's spoken summary. */
      g_string_append_printf (s, _("V_m against K⁺ outside, log scale. The Nernst line of K⁺ rises "
                                   "%s mV per tenfold K⁺."), slope);
      if (c->now_defined)
        {
          g_autofree char *vm = ml_format_millivolts (c->now_vm, 1, TRUE);
          g_autofree char *k = ml_format_significant (c->now_k_out, 3);

          g_string_append_c (s, ' ');
          g_string_append_printf (s, _("Now %s at %s mM."), vm, k);
        }
      /* Where V_m is at 10 and at 100 mM: the slope a student reads. */
      for (guint d = 0; d < 2; d++)
        if (c->decade_defined[d])
          {
            g_autofree char *vm = ml_format_millivolts (c->vm_decade[d], 1, TRUE);

            g_string_append_c (s, ' ');
            if (c->has_cl && c->cl_decade_defined[d])
              {
                g_autofree char *later = ml_format_millivolts (c->vm_cl_decade[d], 1, TRUE);

                /* Translators: the plot's spoken summary: V_m at 10 or 100 mM
                 * K⁺ at once, and once Cl⁻ inside has redistributed. */
                g_string_append_printf (s, _("At %s mM, %s at once, %s once Cl⁻ has "
                                             "redistributed."), d == 0 ? "10" : "100", vm, later);
              }
            else
              g_string_append_printf (s, _("At %s mM, %s."), d == 0 ? "10" : "100", vm);
          }
      if (self->measured_k != NULL && self->measured_k->len > 0)
        {
          g_string_append_c (s, ' ');
          g_string_append_printf (s, ngettext ("%u measured point.", "%u measured points.",
                                               self->measured_k->len), self->measured_k->len);
        }
    }
  else if (self->kind == ML_PLOT_IV && self->iv != NULL)
    {
      if (self->iv->rest_defined)
        {
          g_autofree char *vm = ml_format_millivolts (self->iv->rest, 1, TRUE);

          g_string_append_printf (s, _("I–V curves. The total current crosses zero at V_rest %s."),
                                  vm);
        }
      else
        g_string_append (s, _("I–V curves. The total current does not cross zero."));
      if (self->have_cursor)
        {
          g_autofree char *v = ml_format_millivolts (self->cursor, 1, TRUE);

          g_string_append_c (s, ' ');
          /* Translators: followed by each ion's current, "K⁺ +0.751". */
          g_string_append_printf (s, _("At the cursor, %s:"), v);
          for (guint k = 0; k < self->at_cursor.n_ions; k++)
            {
              const MlIonResult *r = &self->at_cursor.ions[k];
              g_autofree char *label = ml_ion_label (r->ion.name, r->ion.z);
              g_autofree char *i = ml_format_fixed (r->current_ua_cm2, 3, TRUE);

              if (r->permeant)
                g_string_append_printf (s, " %s %s,", label, i);
            }
          {
            g_autofree char *p = ml_format_fixed (self->at_cursor.pump_current_ua_cm2, 3, TRUE);
            g_autofree char *t = ml_format_fixed (self->at_cursor.net_current_ua_cm2, 3, TRUE);

            /* Translators: the pump's and the total current at the cursor. */
            g_string_append_printf (s, _(" pump %s, total %s µA/cm²."), p, t);
          }
        }
    }
  else if (self->kind == ML_PLOT_TEMPERATURE && self->temp != NULL)
    {
      const MlTemperatureCurve *c = self->temp;
      g_autofree char *vm = ml_format_millivolts (c->now_vm, 1, TRUE);
      g_autofree char *t = ml_format_significant (c->now_t, 3);
      g_autofree char *v0 = ml_format_millivolts (c->vm[0], 1, TRUE);
      g_autofree char *h0 = ml_format_millivolts (c->vm_held[0], 1, TRUE);
      g_autofree char *t0 = ml_format_significant (c->t[0], 3);

      g_string_append_printf (s, _("V_m against temperature. Now %s at %s °C. At %s °C, %s; with "
                                   "the pump’s rate held, %s."), vm, t, t0, v0, h0);
    }

  if (g_strcmp0 (s->str, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_strdup (s->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary, -1);
    }
}

static void
recompute (MlPlot *self)
{
  MlCell *cell;

  g_clear_pointer (&self->kout, ml_kout_curve_free);
  g_clear_pointer (&self->iv, ml_iv_curve_free);
  g_clear_pointer (&self->temp, ml_temperature_curve_free);
  self->have_cursor = FALSE;
  if (self->session == NULL)
    return;
  cell = ml_session_get_cell (self->session);
  switch (self->kind)
    {
    case ML_PLOT_KOUT:
      self->kout = ml_kout_curve_new (cell, 0.1, 1000.0, N_KOUT, self->trade_na);
      break;
    case ML_PLOT_IV:
      self->iv = ml_iv_curve_new (cell, ML_PLOT_IV_FROM, ML_PLOT_IV_TO, N_IV);
      ml_iv_at (cell, self->cursor, &self->at_cursor);
      self->have_cursor = TRUE;
      break;
    case ML_PLOT_TEMPERATURE:
    default:
      self->temp = ml_temperature_curve_new (cell, 0.0, 45.0, N_TEMP);
      break;
    }
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
solved_cb (MlPlot    *self,
           MlSession *session)
{
  recompute (self);
}

/* Widget ------------------------------------------------------------------ */

static void
ml_plot_snapshot (GtkWidget   *widget,
                  GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ml_plot_draw (ML_PLOT (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
ml_plot_css_changed (GtkWidget         *widget,
                     GtkCssStyleChange *change)
{
  MlPlot *self = ML_PLOT (widget);
  const PangoFontDescription *desc;
  double size;

  GTK_WIDGET_CLASS (ml_plot_parent_class)->css_changed (widget, change);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &self->fg);
  self->dark = ml_widget_is_dark (widget);
  self->high_contrast = ml_widget_is_high_contrast (widget);
  self->text_scale = ml_drawn_text_scale (widget);
  desc = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  size = desc != NULL ? pango_font_description_get_size (desc) / (double)PANGO_SCALE : 0.0;
  if (desc != NULL && !pango_font_description_get_size_is_absolute (desc))
    size *= 96.0 / 72.0;
  self->font_px = size > 0.0 ? size : 14.0;
  gtk_widget_queue_draw (widget);
}

static void
ml_plot_measure (GtkWidget      *widget,
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

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MlPlot                *self)
{
  double step = (state & GDK_SHIFT_MASK) ? 10.0 : 1.0;

  if (self->kind != ML_PLOT_IV)
    return FALSE;
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    ml_plot_set_cursor (self, self->cursor - step);
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    ml_plot_set_cursor (self, self->cursor + step);
  else if (keyval == GDK_KEY_Home && self->iv != NULL && self->iv->rest_defined)
    ml_plot_set_cursor (self, round (self->iv->rest));
  else
    return FALSE;
  return TRUE;
}

static void
click_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          MlPlot          *self)
{
  MlPlotStyle style;

  if (self->kind != ML_PLOT_IV)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  style_of (self, &style);
  ml_plot_set_cursor (self, ml_plot_iv_v_at (&style, gtk_widget_get_width (GTK_WIDGET (self)),
                                             gtk_widget_get_height (GTK_WIDGET (self)), x));
}

static void
ml_plot_dispose (GObject *object)
{
  MlPlot *self = ML_PLOT (object);

  ml_view_follow_session (self, &self->session, NULL, G_CALLBACK (solved_cb));
  G_OBJECT_CLASS (ml_plot_parent_class)->dispose (object);
}

static void
ml_plot_finalize (GObject *object)
{
  MlPlot *self = ML_PLOT (object);

  g_clear_pointer (&self->kout, ml_kout_curve_free);
  g_clear_pointer (&self->iv, ml_iv_curve_free);
  g_clear_pointer (&self->temp, ml_temperature_curve_free);
  g_clear_pointer (&self->measured_k, g_array_unref);
  g_clear_pointer (&self->measured_vm, g_array_unref);
  g_free (self->summary);
  G_OBJECT_CLASS (ml_plot_parent_class)->finalize (object);
}

static void
ml_plot_class_init (MlPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_plot_dispose;
  object_class->finalize = ml_plot_finalize;
  widget_class->snapshot = ml_plot_snapshot;
  widget_class->css_changed = ml_plot_css_changed;
  widget_class->measure = ml_plot_measure;
  gtk_widget_class_set_css_name (widget_class, "plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ml_plot_init (MlPlot *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->fg = (GdkRGBA) { 0, 0, 0, 1 };
  self->text_scale = 1.0;
  self->font_px = 14.0;
  self->trade_na = TRUE;
  self->cursor = -70.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (click, "pressed", G_CALLBACK (click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

static const char *
kind_name (MlPlotKind kind)
{
  switch (kind)
    {
    case ML_PLOT_KOUT:
      return _("V_m against outside K⁺");
    case ML_PLOT_IV:
      return _("I–V curves (arrow keys move the cursor)");
    case ML_PLOT_TEMPERATURE:
    default:
      return _("V_m against temperature");
    }
}

GtkWidget *
ml_plot_new (MlPlotKind kind)
{
  MlPlot *self = g_object_new (ML_TYPE_PLOT, NULL);

  ml_plot_set_kind (self, kind);
  return GTK_WIDGET (self);
}

MlPlotKind
ml_plot_get_kind (MlPlot *self)
{
  g_return_val_if_fail (ML_IS_PLOT (self), ML_PLOT_KOUT);
  return self->kind;
}

void
ml_plot_set_kind (MlPlot     *self,
                  MlPlotKind  kind)
{
  g_return_if_fail (ML_IS_PLOT (self));
  self->kind = kind;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind_name (kind), -1);
  recompute (self);
}

void
ml_plot_set_session (MlPlot    *self,
                     MlSession *session)
{
  g_return_if_fail (ML_IS_PLOT (self));
  if (!ml_view_follow_session (self, &self->session, session, G_CALLBACK (solved_cb)))
    return;
  recompute (self);
}

void
ml_plot_set_trade_na (MlPlot   *self,
                      gboolean  trade)
{
  g_return_if_fail (ML_IS_PLOT (self));
  self->trade_na = !!trade;
  recompute (self);
}

void
ml_plot_set_measured (MlPlot       *self,
                      const double *k_out,
                      const double *vm,
                      guint         n)
{
  g_return_if_fail (ML_IS_PLOT (self));
  g_clear_pointer (&self->measured_k, g_array_unref);
  g_clear_pointer (&self->measured_vm, g_array_unref);
  self->measured_k = g_array_new (FALSE, FALSE, sizeof (double));
  self->measured_vm = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n; i++)
    if (isfinite (k_out[i]) && isfinite (vm[i]) && k_out[i] > 0.0)
      {
        g_array_append_val (self->measured_k, k_out[i]);
        g_array_append_val (self->measured_vm, vm[i]);
      }
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
ml_plot_get_cursor (MlPlot *self)
{
  g_return_val_if_fail (ML_IS_PLOT (self), 0.0);
  return self->cursor;
}

void
ml_plot_set_cursor (MlPlot *self,
                    double  v_mv)
{
  g_return_if_fail (ML_IS_PLOT (self));
  self->cursor = CLAMP (isfinite (v_mv) ? v_mv : -70.0, ML_PLOT_IV_FROM, ML_PLOT_IV_TO);
  if (self->session != NULL && self->kind == ML_PLOT_IV)
    {
      ml_iv_at (ml_session_get_cell (self->session), self->cursor, &self->at_cursor);
      self->have_cursor = TRUE;
      update_summary (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
ml_plot_get_summary (MlPlot *self)
{
  g_return_val_if_fail (ML_IS_PLOT (self), NULL);
  return self->summary;
}
