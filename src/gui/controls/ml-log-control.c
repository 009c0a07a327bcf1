/* ml-log-control.c — a slider with a spin button for exact entry and a reset
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Concentrations span eight decades (100 nM of Ca²⁺ inside to a molar bath),
 * so the slider and the spin button share one adjustment in "slider space":
 * log10 of the value for logarithmic controls.  The arrows of the spin button
 * then step by a fixed fraction, and the spin button shows and parses the
 * real value.  A value typed in is kept exactly, not rounded through log10.
 * With allow_zero the leftmost half decade of the slider means 0 ("closed").
 */
#define G_LOG_DOMAIN "ml-controls"

#include "config.h"

#include "ml-log-control.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ZERO_SPAN 0.5  /* decades below the lower bound that mean 0 */

struct _MlLogControl
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkScale       *scale;
  GtkSpinButton  *spin;
  GtkLabel       *unit_label;
  GtkButton      *reset_button;
  GtkAdjustment  *adjustment;

  double          lower;
  double          upper;
  double          base_lower;  /* the range asked for; lower/upper widen */
  double          base_upper;  /* to show a value from a file beyond it */
  double          value;
  double          default_value;
  guint           digits;
  gboolean        logarithmic;
  gboolean        allow_zero;

  guint           text_timeout;
  gint64          text_updated;
  char           *shown_text;  /* what show_text() last put in the entry */
  char           *note;        /* tooltip of the slider instead of the value */
  gboolean        have_typed;
  double          typed_value;
  guint           updating;
  char           *label;
  char           *refusal;     /* why typed text was refused, while shown */
  char           *result;      /* the last change's result, for a screen reader */
};

enum {
  VALUE_CHANGED,
  INVALID,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_VALUE,
  PROP_DEFAULT_VALUE,
  PROP_LOWER,
  PROP_UPPER,
  PROP_LOGARITHMIC,
  PROP_ALLOW_ZERO,
  PROP_UNIT,
  PROP_LABEL,
  PROP_DIGITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlLogControl, ml_log_control, GTK_TYPE_WIDGET)

static double
slider_lowest (MlLogControl *self)
{
  if (!self->logarithmic)
    return self->allow_zero ? 0.0 : self->lower;
  return log10 (self->lower) - (self->allow_zero ? ZERO_SPAN : 0.0);
}

static double
position_from_value (MlLogControl *self,
                     double        value)
{
  if (!self->logarithmic)
    return value;
  if (value <= 0.0)
    return slider_lowest (self);
  return log10 (value);
}

static double
value_from_position (MlLogControl *self,
                     double        position)
{
  if (!self->logarithmic)
    return position;
  if (self->allow_zero && position < log10 (self->lower) - ZERO_SPAN / 2.0)
    return 0.0;
  if (position < log10 (self->lower))
    return self->lower;
  return pow (10.0, position);
}

/* Slider positions give tidy numbers: three significant digits. */
static double
round_significant (double value,
                   int    digits)
{
  double scale;

  if (value == 0.0 || !isfinite (value))
    return value;
  scale = pow (10.0, digits - 1 - (int)floor (log10 (fabs (value))));
  return round (value * scale) / scale;
}

static char *
format_value (MlLogControl *self,
              double        value)
{
  GString *text;
  char *e;

  if (value == 0.0)
    return g_strdup ("0");
  if (!self->logarithmic)
    return g_strdup_printf ("%.*f", (int)self->digits, value);

  /* Significant digits, trailing zeros dropped: 140, 0.0001, 2.5, 5e-7. */
  text = g_string_new (NULL);
  g_string_printf (text, "%.*g", (int)self->digits, value);
  e = strchr (text->str, 'e');
  if (e != NULL)
    {
      /* "5e-07" → "5e-7": the short exponent reads better in a narrow box. */
      gsize pos = e - text->str + 2;

      if (e[1] == '+')
        {
          g_string_erase (text, pos - 1, 1);
          pos--;
        }
      while (text->str[pos] == '0' && text->str[pos + 1] != '\0')
        g_string_erase (text, pos, 1);
    }
  return g_string_free (text, FALSE);
}

/* What a screen reader hears besides the name: the unit the value is in,
 * a refusal of typed text when there is one, and the result of the last
 * change while the control has the focus (ml_log_control_set_result). */
static void
update_description (MlLogControl *self)
{
  const char *unit = gtk_label_get_text (self->unit_label);
  g_autofree char *base = NULL;
  g_autofree char *spin_text = NULL;
  g_autofree char *scale_text = NULL;

  /* Translators: the accessible description of a slider or an entry; %s is
   * its unit, e.g. "mM", "cm/s" or "× PK". */
  base = unit != NULL && unit[0] != '\0' ? g_strdup_printf (_("in %s"), unit) : g_strdup ("");
  if (self->result != NULL && self->result[0] != '\0' && base[0] != '\0')
    /* Translators: a control's description and the result of the last
     * change, e.g. "in mM; membrane potential now −65.2 mV". */
    scale_text = g_strdup_printf (C_("description and result", "%s; %s"), base, self->result);
  else if (self->result != NULL && self->result[0] != '\0')
    scale_text = g_strdup (self->result);
  else
    scale_text = g_strdup (base);
  if (self->refusal != NULL && scale_text[0] != '\0')
    spin_text = g_strdup_printf (C_("description and result", "%s; %s"), scale_text, self->refusal);
  else
    spin_text = g_strdup (self->refusal != NULL ? self->refusal : scale_text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, scale_text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spin_text, -1);
}

/* The slider moves on a log₁₀ scale, but a screen reader must hear the
 * value in the unit shown (140 mM, not 2.146): GTK 4.8 reads the AT-SPI
 * value from these properties, which GtkRange and GtkSpinButton set to the
 * adjustment's position on every change, so they are set again after
 * them. */
static void
update_accessible_value (MlLogControl *self)
{
  GtkAccessible *targets[] = { GTK_ACCESSIBLE (self->scale), GTK_ACCESSIBLE (self->spin) };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    gtk_accessible_update_property (targets[i],
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_MIN,
                                    self->allow_zero ? 0.0 : self->lower,
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, self->upper,
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->value,
                                    -1);
}

static void
update_accessible (MlLogControl *self)
{
  g_autofree char *number = format_value (self, self->value);
  g_autofree char *text = NULL;
  const char *unit = gtk_label_get_text (self->unit_label);

  if (self->allow_zero && self->value == 0.0)
    text = g_strdup (_("closed (0)"));
  else if (unit != NULL && unit[0] != '\0')
    text = g_strdup_printf ("%s %s", number, unit);
  else
    text = g_strdup (number);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  update_accessible_value (self);
  update_description (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->scale), self->note != NULL ? self->note : text);
}

static void
range_value_changed_cb (GtkWidget    *widget,
                        MlLogControl *self)
{
  update_accessible_value (self);
}

/* A change made by the user: the property (which bindings follow) and
 * "value-changed". */
static void
user_changed (MlLogControl *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  g_signal_emit (self, signals[VALUE_CHANGED], 0);
}

static void show_text (MlLogControl *self);
static void queue_text (MlLogControl *self);

static void
sync_adjustment (MlLogControl *self)
{
  self->updating++;
  gtk_adjustment_set_value (self->adjustment, position_from_value (self, self->value));
  self->updating--;
  /* Write the text directly rather than through gtk_spin_button_update(),
   * which would parse the old text back into the value. */
  g_clear_handle_id (&self->text_timeout, g_source_remove);
  show_text (self);
}

static void
adjustment_value_changed_cb (GtkAdjustment *adjustment,
                             MlLogControl  *self)
{
  double position = gtk_adjustment_get_value (adjustment);
  double value;

  if (self->updating > 0)
    return;

  if (self->have_typed
      && fabs (position - position_from_value (self, self->typed_value)) < 1e-9)
    value = self->typed_value;
  else if (self->logarithmic)
    value = round_significant (value_from_position (self, position), 3);
  else
    value = round (position * pow (10.0, self->digits)) / pow (10.0, self->digits);
  self->have_typed = FALSE;

  value = self->allow_zero && value == 0.0 ? 0.0 : CLAMP (value, self->lower, self->upper);
  if (value == self->value)
    return;

  self->value = value;
  gtk_widget_remove_css_class (GTK_WIDGET (self->spin), "error");
  queue_text (self);
  user_changed (self);
}

/* New text in the spin button makes GTK lay out the whole window again,
 * which costs more than a frame at 1920×1080.  While a slider is dragged the
 * number and the tooltip follow at most every TEXT_INTERVAL_MS, and always
 * end on the last value; the slider, the gauge and the membrane follow every
 * step. */
#define TEXT_INTERVAL_MS 100

static void
show_text (MlLogControl *self)
{
  g_autofree char *text = format_value (self, self->value);

  /* A refused entry was explained in a toast; the restored value is fine. */
  if (gtk_widget_has_css_class (GTK_WIDGET (self->spin), "error"))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->spin), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->spin), NULL);
      g_clear_pointer (&self->refusal, g_free);
      update_description (self);
    }
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->spin)), text) != 0)
    {
      self->text_updated = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (self->spin), text);
    }
  g_free (self->shown_text);
  self->shown_text = g_steal_pointer (&text);
  update_accessible (self);
}

static gboolean
text_timeout_cb (gpointer user_data)
{
  MlLogControl *self = ML_LOG_CONTROL (user_data);

  self->text_timeout = 0;
  show_text (self);
  return G_SOURCE_REMOVE;
}

static void
queue_text (MlLogControl *self)
{
  gint64 since = (g_get_monotonic_time () - self->text_updated) / 1000;

  if (self->text_timeout != 0)
    return;
  if (since >= TEXT_INTERVAL_MS)
    show_text (self);
  else
    self->text_timeout = g_timeout_add (TEXT_INTERVAL_MS - since, text_timeout_cb, self);
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                MlLogControl  *self)
{
  double position = gtk_adjustment_get_value (self->adjustment);

  /* A value set from the model is shown at once.  The spin button hears of a
   * slider step before this control has taken the new value; then
   * adjustment_value_changed_cb() queues the text itself. */
  if (self->updating > 0)
    show_text (self);
  else if (fabs (position - position_from_value (self, self->value)) < 1e-9)
    queue_text (self);
  return TRUE;
}

static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_position,
               MlLogControl  *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *copy = NULL;

  /* Our own text, perhaps a step behind a drag: the value is the current
   * one, not what the text says.  Only what the user typed is parsed. */
  if (g_strcmp0 (text, self->shown_text) == 0)
    {
      *new_position = gtk_adjustment_get_value (self->adjustment);
      return TRUE;
    }

  copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double value;

  /* The locale's decimal separator first, then a plain dot. */
  value = strtod (copy, &end);
  if (end == copy || *end != '\0')
    value = g_ascii_strtod (copy, &end);

  /* Below the range is refused; a range that reaches below 0 (a file's
   * negative pump current, a temperature below 0 °C) takes negatives. */
  if (copy[0] == '\0' || end == copy || *end != '\0' || !isfinite (value)
      || (value < 0.0 && self->lower >= 0.0)
      || (value == 0.0 && !self->allow_zero && self->lower > 0.0)
      || value > self->upper * (1.0 + 1e-12)
      || (value < self->lower && self->lower <= 0.0)
      || (value > 0.0 && value < self->lower * (1.0 - 1e-12)))
    {
      g_autofree char *lo = format_value (self, self->allow_zero ? 0.0 : self->lower);
      g_autofree char *hi = format_value (self, self->upper);
      g_autofree char *message = NULL;

      /* Translators: shown when a typed number is refused; the two values are
       * the smallest and the largest allowed number. */
      message = g_strdup_printf (_("“%s” is not a number from %s to %s; the value is unchanged"),
                                 copy, lo, hi);
      gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (spin), message);
      g_free (self->refusal);
      self->refusal = g_strdup (message);
      update_description (self);
      g_signal_emit (self, signals[INVALID], 0, message);
      return GTK_INPUT_ERROR;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (spin), NULL);
  g_clear_pointer (&self->refusal, g_free);
  update_description (self);
  self->have_typed = TRUE;
  self->typed_value = value;
  *new_position = position_from_value (self, value);

  /* Typed at the same position (e.g. 140.001 where 140 was): the adjustment
   * will not notify, so apply it here. */
  if (fabs (*new_position - gtk_adjustment_get_value (self->adjustment)) < 1e-12
      && value != self->value)
    {
      self->value = value;
      self->have_typed = FALSE;
      update_accessible (self);
      user_changed (self);
    }
  return TRUE;
}

static void
reset_clicked_cb (GtkButton    *button,
                  MlLogControl *self)
{
  if (self->value == self->default_value)
    return;
  self->value = self->default_value;
  sync_adjustment (self);
  user_changed (self);
}

static void
ml_log_control_dispose (GObject *object)
{
  MlLogControl *self = ML_LOG_CONTROL (object);

  g_clear_handle_id (&self->text_timeout, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->adjustment);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->shown_text, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->result, g_free);

  G_OBJECT_CLASS (ml_log_control_parent_class)->dispose (object);
}

static void
ml_log_control_constructed (GObject *object)
{
  MlLogControl *self = ML_LOG_CONTROL (object);

  G_OBJECT_CLASS (ml_log_control_parent_class)->constructed (object);

  /* A template may leave the range to its code: a placeholder until then. */
  if (!(self->base_lower < self->base_upper) || (self->logarithmic && self->base_lower <= 0.0))
    {
      self->base_lower = 1.0;
      self->base_upper = 10.0;
    }
  ml_log_control_set_range (self, self->base_lower, self->base_upper);
  self->value = self->default_value = self->base_lower;
  sync_adjustment (self);
}

static void
ml_log_control_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MlLogControl *self = ML_LOG_CONTROL (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;
    case PROP_DEFAULT_VALUE:
      g_value_set_double (value, self->default_value);
      break;
    case PROP_LOWER:
      g_value_set_double (value, self->base_lower);
      break;
    case PROP_UPPER:
      g_value_set_double (value, self->base_upper);
      break;
    case PROP_LOGARITHMIC:
      g_value_set_boolean (value, self->logarithmic);
      break;
    case PROP_ALLOW_ZERO:
      g_value_set_boolean (value, self->allow_zero);
      break;
    case PROP_UNIT:
      g_value_set_string (value, gtk_label_get_label (self->unit_label));
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_DIGITS:
      g_value_set_uint (value, self->digits);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_log_control_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MlLogControl *self = ML_LOG_CONTROL (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      ml_log_control_set_value (self, g_value_get_double (value));
      break;
    case PROP_DEFAULT_VALUE:
      ml_log_control_set_default (self, g_value_get_double (value));
      break;
    /* The range's ends and the scale are construct properties, so a
     * template can declare a control; constructed() applies them. */
    case PROP_LOWER:
      self->base_lower = g_value_get_double (value);
      break;
    case PROP_UPPER:
      self->base_upper = g_value_get_double (value);
      break;
    case PROP_LOGARITHMIC:
      self->logarithmic = g_value_get_boolean (value);
      break;
    case PROP_ALLOW_ZERO:
      self->allow_zero = g_value_get_boolean (value);
      break;
    case PROP_UNIT:
      ml_log_control_set_unit (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      ml_log_control_set_label (self, g_value_get_string (value));
      break;
    case PROP_DIGITS:
      ml_log_control_set_digits (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_log_control_class_init (MlLogControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_log_control_dispose;
  object_class->get_property = ml_log_control_get_property;
  object_class->set_property = ml_log_control_set_property;
  object_class->constructed = ml_log_control_constructed;

  /* The value shown, in the unit shown; a model binds to it in both
   * directions (g_object_bind_property).  Notified on every change, by the
   * user or not; "value-changed" is the user's alone. */
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the reset button returns to. */
  properties[PROP_DEFAULT_VALUE] =
    g_param_spec_double ("default-value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOWER] =
    g_param_spec_double ("lower", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPPER] =
    g_param_spec_double ("upper", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The slider moves in log₁₀ of the value. */
  properties[PROP_LOGARITHMIC] =
    g_param_spec_boolean ("logarithmic", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The slider's leftmost notch, and an entry of 0, mean exactly 0. */
  properties[PROP_ALLOW_ZERO] =
    g_param_spec_boolean ("allow-zero", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The unit after the entry, as markup ("mM", "× P<sub>K</sub>"). */
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The accessible name of the slider, the entry and the reset button. */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* Significant digits in the entry (at least 1). */
  properties[PROP_DIGITS] =
    g_param_spec_uint ("digits", NULL, NULL, 1, 17, 5,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the user changes the value: slider, typing, arrows, reset. */
  signals[VALUE_CHANGED] =
    g_signal_new ("value-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* Emitted with a sentence when typed text is refused, for a toast. */
  signals[INVALID] =
    g_signal_new ("invalid",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "logcontrol");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ml_log_control_init (MlLogControl *self)
{
  self->digits = 5;
  self->adjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 1, 0.01, 0.1, 0));

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->scale = GTK_SCALE (gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->adjustment));
  gtk_scale_set_draw_value (self->scale, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->scale), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->scale), 80, -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->scale));

  self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new (self->adjustment, 0.01, 0));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->spin), 6);
  gtk_spin_button_set_numeric (self->spin, FALSE);
  gtk_spin_button_set_update_policy (self->spin, GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (GTK_WIDGET (self->spin), GTK_ALIGN_CENTER);
  g_signal_connect (self->spin, "output", G_CALLBACK (spin_output_cb), self);
  /* The slider is the coarse control and the keyboard's arrows step the spin
   * button; its + and − buttons would only take the slider's room. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->spin));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_widget_set_visible (child, FALSE);
  g_signal_connect (self->spin, "input", G_CALLBACK (spin_input_cb), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->spin));

  self->unit_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_width_chars (self->unit_label, 5);
  gtk_label_set_xalign (self->unit_label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->unit_label), "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->unit_label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->unit_label));

  self->reset_button = GTK_BUTTON (gtk_button_new_from_icon_name ("edit-undo-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->reset_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self->reset_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reset_button), _("Reset to the preset’s value"));
  g_signal_connect (self->reset_button, "clicked", G_CALLBACK (reset_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->reset_button));

  g_signal_connect (self->adjustment, "value-changed",
                    G_CALLBACK (adjustment_value_changed_cb), self);
  /* After GTK has set the accessible value to the slider's position. */
  g_signal_connect (self->scale, "value-changed", G_CALLBACK (range_value_changed_cb), self);
  g_signal_connect (self->spin, "value-changed", G_CALLBACK (range_value_changed_cb), self);
}

GtkWidget *
ml_log_control_new (double   lower,
                    double   upper,
                    gboolean logarithmic,
                    gboolean allow_zero)
{
  return g_object_new (ML_TYPE_LOG_CONTROL,
                       "lower", lower,
                       "upper", upper,
                       "logarithmic", logarithmic,
                       "allow-zero", allow_zero,
                       NULL);
}

double
ml_log_control_get_value (MlLogControl *self)
{
  g_return_val_if_fail (ML_IS_LOG_CONTROL (self), 0.0);
  return self->value;
}

static void configure (MlLogControl *self,
                       double        lower,
                       double        upper);

void
ml_log_control_set_value (MlLogControl *self,
                          double        value)
{
  double lower, upper;

  g_return_if_fail (ML_IS_LOG_CONTROL (self));
  g_return_if_fail (isfinite (value));

  /* The model echoes every user step back here: keep a widened range while
   * the user moves inside it. */
  if (value == self->value && value >= self->lower && value <= self->upper)
    return;

  /* A file or preset may hold a value beyond the slider's usual range (80 °C,
   * a negative pump current): the slider widens to show it rather than show
   * a clamped number that is not the model's. */
  lower = self->base_lower;
  upper = MAX (self->base_upper, value);
  if (value < lower && (value > 0.0 || !self->logarithmic))
    lower = value;
  if (lower != self->lower || upper != self->upper)
    configure (self, lower, upper);

  if (value == self->value)
    return;
  self->value = value;
  sync_adjustment (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
ml_log_control_set_default (MlLogControl *self,
                            double        value)
{
  g_return_if_fail (ML_IS_LOG_CONTROL (self));

  if (self->default_value == value)
    return;
  self->default_value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_VALUE]);
}

void
ml_log_control_set_range (MlLogControl *self,
                          double        lower,
                          double        upper)
{
  g_return_if_fail (ML_IS_LOG_CONTROL (self));
  g_return_if_fail (lower < upper);
  g_return_if_fail (!self->logarithmic || lower > 0.0);

  self->base_lower = lower;
  self->base_upper = upper;
  configure (self, lower, upper);
}

static void
configure (MlLogControl *self,
           double        lower,
           double        upper)
{
  double step;

  self->lower = lower;
  self->upper = upper;
  step = self->logarithmic ? 0.01 : pow (10.0, -(double)self->digits);
  self->updating++;
  gtk_adjustment_configure (self->adjustment,
                            position_from_value (self, self->value),
                            slider_lowest (self),
                            position_from_value (self, upper),
                            self->logarithmic ? 0.01 : MAX (step, 0.1),
                            self->logarithmic ? 0.1 : 1.0,
                            0.0);
  self->updating--;
  update_accessible_value (self);
}

void
ml_log_control_set_label (MlLogControl *self,
                          const char   *label)
{
  g_autofree char *reset = NULL;

  g_return_if_fail (ML_IS_LOG_CONTROL (self));

  g_free (self->label);
  self->label = g_strdup (label);
  /* Translators: accessible name of a reset button; %s names the control. */
  reset = g_strdup_printf (_("Reset %s"), label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reset_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, reset, -1);
}

void
ml_log_control_set_unit (MlLogControl *self,
                         const char   *unit)
{
  g_return_if_fail (ML_IS_LOG_CONTROL (self));
  /* Units may carry markup (× P<sub>K</sub>); the accessible text uses the
   * label's plain text. */
  gtk_label_set_markup (self->unit_label, unit);
  update_accessible (self);
}

void
ml_log_control_set_digits (MlLogControl *self,
                           guint         digits)
{
  g_return_if_fail (ML_IS_LOG_CONTROL (self));
  self->digits = MAX (digits, 1);
  gtk_spin_button_update (self->spin);
}

void
ml_log_control_set_note (MlLogControl *self,
                         const char   *note)
{
  g_return_if_fail (ML_IS_LOG_CONTROL (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  update_accessible (self);
}

/**
 * ml_log_control_set_result:
 * @self: a control
 * @result: (nullable): a sentence, e.g. "membrane potential now −65.2 mV"
 *
 * Ends the slider's and the entry's accessible description with @result,
 * so a screen reader speaks the effect of a change made there (GTK 4.8
 * announces a changed description; it has no live regions).
 */
void
ml_log_control_set_result (MlLogControl *self,
                           const char   *result)
{
  g_return_if_fail (ML_IS_LOG_CONTROL (self));

  if (g_strcmp0 (self->result, result) == 0)
    return;
  g_free (self->result);
  self->result = g_strdup (result);
  update_description (self);
}

GtkRange *
ml_log_control_get_scale (MlLogControl *self)
{
  g_return_val_if_fail (ML_IS_LOG_CONTROL (self), NULL);
  return GTK_RANGE (self->scale);
}

GtkSpinButton *
ml_log_control_get_spin (MlLogControl *self)
{
  g_return_val_if_fail (ML_IS_LOG_CONTROL (self), NULL);
  return self->spin;
}
