/* ml-ion-row.c — one ion's controls
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The section of the controls pane for one ion (ui/ion-row.ui): a switch
 * that takes it in or out of the model, and its inside and outside
 * concentrations and permeability.  The row follows the cell itself and
 * touches its widgets only when its own ion (or P_K, for a permeability
 * shown relative to it) changed, so a change of one value re-sets nothing
 * else.  Every permeability but K⁺'s is shown relative to P_K, and in cm/s
 * while P_K is 0.
 */
#define G_LOG_DOMAIN "ml-controls"

#include "config.h"

#include "ml-ion-row.h"

#include <glib/gi18n.h>

#include "ml-ion-colors.h"
#include "ml-params.h"

/* Relative permeabilities: a span no table parameter has, for a display
 * that only the controls have. */
#define PREL_MIN 1e-5
#define PREL_MAX 1e3

/* Subscripts as lowered small text: Pango 1.50 warns ("Leftover font
 * scales") when a label ends in <sub>. */
#define SUB_K "<span size=\"smaller\" rise=\"-3pt\">K</span>"

struct _MlIonRow
{
  GtkBox        parent_instance;

  /* From the template. */
  GtkLabel     *title;
  GtkSwitch    *enabled;
  MlLogControl *c_in;
  MlLogControl *c_out;
  MlLogControl *p;
  GtkLabel     *p_caption;

  MlCell       *cell;
  MlCell       *reference;
  char          name[ML_ION_NAME_MAX];
  int           z;
  gboolean      relative;   /* p shown relative to P_K … */
  gboolean      absolute;   /* … except while P_K is 0: then in cm/s */
  gboolean      dark;
  gboolean      high_contrast;
  guint         syncing;

  /* What the widgets show, so that an unchanged ion costs nothing. */
  gboolean      shown;
  MlIon         shown_ion;
  MlIon         shown_reference;
  double        shown_pk;
  double        shown_pk_reference;
};

enum {
  INVALID,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlIonRow, ml_ion_row, GTK_TYPE_BOX)

static double
p_k (MlCell *cell)
{
  int k = cell != NULL ? ml_cell_find_role (cell, ML_ION_ROLE_K) : -1;

  return k >= 0 ? ml_cell_get_ion (cell, k)->p : 0.0;
}

static const MlIon *
find_ion (MlCell     *cell,
          const char *name)
{
  int index = cell != NULL ? ml_cell_find_ion (cell, name) : -1;

  return index >= 0 ? ml_cell_get_ion (cell, index) : NULL;
}

static void
update_title (MlIonRow *self)
{
  g_autofree char *label = ml_ion_label (self->name, self->z);
  g_autofree char *markup = NULL;
  GdkRGBA color;

  /* A glyph in the ion's colour is text: the text palette (4.5:1). */
  ml_ion_text_color (self->name, self->dark, self->high_contrast, &color);
  markup = g_markup_printf_escaped ("<span foreground=\"#%02x%02x%02x\">●</span> %s",
                                    (int)(color.red * 255), (int)(color.green * 255),
                                    (int)(color.blue * 255), label);
  gtk_label_set_markup (self->title, markup);
}

static void
show_p_scale (MlIonRow *self)
{
  const MlParam *p = ml_params_get_kind (ML_PARAM_ION_P);

  ml_log_control_set_range (self->p, self->absolute ? p->slider_min : PREL_MIN,
                            self->absolute ? p->slider_max : PREL_MAX);
  ml_log_control_set_unit (self->p, self->absolute ? _("cm/s") : "× P" SUB_K);
  gtk_label_set_markup (self->p_caption, !self->relative ? "P" SUB_K
                                         : self->absolute ? "P" : "P / P" SUB_K);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->p_caption),
                               self->relative && self->absolute
                               ? _("P_K is 0, so this permeability is shown in cm/s")
                               : NULL);

  /* The accessible name says what the value is relative to, or not. */
  if (self->relative)
    {
      g_autofree char *label = ml_ion_label (self->name, self->z);
      /* Translators: accessible names; %s is an ion such as K⁺. */
      g_autofree char *perm = self->absolute
                              ? g_strdup_printf (_("%s permeability"), label)
                              : g_strdup_printf (_("%s permeability relative to K⁺"), label);

      ml_log_control_set_label (self->p, perm);
    }
}

static gboolean
ion_same (const MlIon *a,
          const MlIon *b)
{
  return a->c_in == b->c_in && a->c_out == b->c_out && a->p == b->p
         && a->enabled == b->enabled && a->z == b->z;
}

/* Shows the cell's values; only what changed since the last time. */
static void
sync_from_ion (MlIonRow *self)
{
  const MlIon *ion = find_ion (self->cell, self->name);
  const MlIon *reference = find_ion (self->reference, self->name);
  double pk = p_k (self->cell);
  double pk_ref = reference != NULL ? p_k (self->reference) : 0.0;
  MlIon no_reference = { 0 };

  /* The ion is gone: the pane is about to rebuild its rows. */
  if (ion == NULL)
    return;
  if (reference == NULL)
    reference = &no_reference;
  if (self->shown && ion_same (ion, &self->shown_ion) && ion_same (reference, &self->shown_reference)
      && pk == self->shown_pk && pk_ref == self->shown_pk_reference)
    return;

  self->syncing++;
  gtk_switch_set_active (self->enabled, ion->enabled);
  ml_log_control_set_value (self->c_in, ion->c_in);
  ml_log_control_set_value (self->c_out, ion->c_out);

  if (self->relative && (pk > 0.0) == self->absolute)
    {
      /* P_K went to 0 or came back: relative values are undefined while it
       * is 0, so the row shows the absolute permeability meanwhile. */
      self->absolute = !(pk > 0.0);
      show_p_scale (self);
    }

  if (self->relative && !self->absolute)
    {
      ml_log_control_set_value (self->p, CLAMP (ion->p / pk, 0.0, PREL_MAX));
      /* Reset returns to the reference's P; relative to today's P_K when the
       * reference itself had none. */
      if (reference != &no_reference)
        ml_log_control_set_default (self->p, reference->p / (pk_ref > 0.0 ? pk_ref : pk));
    }
  else
    {
      ml_log_control_set_value (self->p, ion->p);
      if (reference != &no_reference)
        ml_log_control_set_default (self->p, reference->p);
    }

  {
    g_autofree char *tip = g_strdup_printf (_("P = %.3g cm/s (0 = closed)"), ion->p);

    ml_log_control_set_note (self->p, tip);
  }

  gtk_widget_set_sensitive (GTK_WIDGET (self->c_in), ion->enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->c_out), ion->enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->p), ion->enabled);
  if (reference != &no_reference)
    {
      ml_log_control_set_default (self->c_in, reference->c_in);
      ml_log_control_set_default (self->c_out, reference->c_out);
    }

  self->shown = TRUE;
  self->shown_ion = *ion;
  self->shown_reference = *reference;
  self->shown_pk = pk;
  self->shown_pk_reference = pk_ref;
  self->syncing--;
}

static void
cell_changed_cb (MlCell   *cell,
                 MlIonRow *self)
{
  sync_from_ion (self);
}

static void
value_changed_cb (MlLogControl *control,
                  MlIonRow     *self)
{
  int index = ml_cell_find_ion (self->cell, self->name);
  double value = ml_log_control_get_value (control);

  if (self->syncing > 0 || index < 0)
    return;

  if (control == self->c_in)
    ml_cell_set_ion_value (self->cell, index, ML_ION_FIELD_C_IN, value);
  else if (control == self->c_out)
    ml_cell_set_ion_value (self->cell, index, ML_ION_FIELD_C_OUT, value);
  else if (self->relative && !self->absolute)
    ml_cell_set_ion_value (self->cell, index, ML_ION_FIELD_P,
                           MIN (value * p_k (self->cell), 1.0));
  else
    ml_cell_set_ion_value (self->cell, index, ML_ION_FIELD_P, value);
}

static void
enabled_cb (GtkSwitch  *sw,
            GParamSpec *pspec,
            MlIonRow   *self)
{
  int index = ml_cell_find_ion (self->cell, self->name);

  if (self->syncing > 0 || index < 0)
    return;
  ml_cell_set_ion_enabled (self->cell, index, gtk_switch_get_active (sw));
}

static void
invalid_cb (MlLogControl *control,
            const char   *message,
            MlIonRow     *self)
{
  g_signal_emit (self, signals[INVALID], 0, message);
}

static void
ml_ion_row_dispose (GObject *object)
{
  MlIonRow *self = ML_ION_ROW (object);

  if (self->cell != NULL)
    g_signal_handlers_disconnect_by_data (self->cell, self);
  if (self->reference != NULL)
    g_signal_handlers_disconnect_by_data (self->reference, self);
  g_clear_object (&self->cell);
  g_clear_object (&self->reference);
  gtk_widget_dispose_template (GTK_WIDGET (self), ML_TYPE_ION_ROW);

  G_OBJECT_CLASS (ml_ion_row_parent_class)->dispose (object);
}

static void
ml_ion_row_class_init (MlIonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_ion_row_dispose;

  /* A control refused typed text; the sentence says why. */
  signals[INVALID] =
    g_signal_new ("invalid",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ML_TYPE_LOG_CONTROL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ion-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MlIonRow, title);
  gtk_widget_class_bind_template_child (widget_class, MlIonRow, enabled);
  gtk_widget_class_bind_template_child (widget_class, MlIonRow, c_in);
  gtk_widget_class_bind_template_child (widget_class, MlIonRow, c_out);
  gtk_widget_class_bind_template_child (widget_class, MlIonRow, p);
  gtk_widget_class_bind_template_child (widget_class, MlIonRow, p_caption);
}

static void
ml_ion_row_init (MlIonRow *self)
{
  const MlParam *c = ml_params_get_kind (ML_PARAM_ION_C_IN);

  gtk_widget_init_template (GTK_WIDGET (self));

  ml_log_control_set_range (self->c_in, c->slider_min, c->slider_max);
  ml_log_control_set_range (self->c_out, c->slider_min, c->slider_max);
  for (guint i = 0; i < 3; i++)
    {
      MlLogControl *control = i == 0 ? self->c_in : i == 1 ? self->c_out : self->p;

      g_signal_connect (control, "value-changed", G_CALLBACK (value_changed_cb), self);
      g_signal_connect (control, "invalid", G_CALLBACK (invalid_cb), self);
    }
  g_signal_connect (self->enabled, "notify::active", G_CALLBACK (enabled_cb), self);
}

/**
 * ml_ion_row_new:
 * @cell: the cell the row edits
 * @reference: (nullable): the cell its reset buttons return to
 * @ion: the ion, by its name
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
ml_ion_row_new (MlCell      *cell,
                MlCell      *reference,
                const MlIon *ion)
{
  MlIonRow *self;
  g_autofree char *label = NULL;
  g_autofree char *a11y = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *perm = NULL;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);
  g_return_val_if_fail (reference == NULL || ML_IS_CELL (reference), NULL);
  g_return_val_if_fail (ion != NULL, NULL);

  self = g_object_new (ML_TYPE_ION_ROW, NULL);
  self->cell = g_object_ref (cell);
  self->reference = reference != NULL ? g_object_ref (reference) : NULL;
  g_strlcpy (self->name, ion->name, sizeof self->name);
  self->z = ion->z;
  self->relative = ion->role != ML_ION_ROLE_K;

  label = ml_ion_label (ion->name, ion->z);
  /* Translators: accessible name of the switch that takes an ion in or out of the model. */
  a11y = g_strdup_printf (_("%s in the model"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->enabled),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  /* Translators: accessible names; %s is an ion such as K⁺. */
  in = g_strdup_printf (_("%s inside concentration"), label);
  out = g_strdup_printf (_("%s outside concentration"), label);
  perm = self->relative ? g_strdup_printf (_("%s permeability relative to K⁺"), label)
                        : g_strdup_printf (_("%s permeability"), label);
  ml_log_control_set_label (self->c_in, in);
  ml_log_control_set_label (self->c_out, out);
  ml_log_control_set_label (self->p, perm);

  self->absolute = !self->relative;
  show_p_scale (self);
  update_title (self);

  g_signal_connect_object (cell, "changed", G_CALLBACK (cell_changed_cb), self, 0);
  if (reference != NULL)
    g_signal_connect_object (reference, "changed", G_CALLBACK (cell_changed_cb), self, 0);
  sync_from_ion (self);
  return GTK_WIDGET (self);
}

const char *
ml_ion_row_get_name (MlIonRow *self)
{
  g_return_val_if_fail (ML_IS_ION_ROW (self), NULL);
  return self->name;
}

MlLogControl *
ml_ion_row_get_control (MlIonRow   *self,
                        MlIonField  field)
{
  g_return_val_if_fail (ML_IS_ION_ROW (self), NULL);

  switch (field)
    {
    case ML_ION_FIELD_C_IN:
      return self->c_in;
    case ML_ION_FIELD_C_OUT:
      return self->c_out;
    case ML_ION_FIELD_P:
      return self->p;
    default:
      return NULL;
    }
}

GtkSwitch *
ml_ion_row_get_switch (MlIonRow *self)
{
  g_return_val_if_fail (ML_IS_ION_ROW (self), NULL);
  return self->enabled;
}

/* The colour of the ion's dot follows the light, dark or high-contrast
 * style, read by the pane in its css_changed. */
void
ml_ion_row_set_style (MlIonRow *self,
                      gboolean  dark,
                      gboolean  high_contrast)
{
  g_return_if_fail (ML_IS_ION_ROW (self));

  if (self->dark == dark && self->high_contrast == high_contrast && self->shown)
    return;
  self->dark = dark;
  self->high_contrast = high_contrast;
  update_title (self);
}
