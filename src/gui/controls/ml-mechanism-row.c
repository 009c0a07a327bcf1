/* ml-mechanism-row.c — one transporter's controls
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of the controls pane's "Transporters" section for one mechanism
 * instance of the cell (ui/mechanism-row.ui): the class's name and what it
 * moves, one slider with an entry per parameter the class describes (its
 * label, unit and span from the class's MlParam entries, reset to the
 * reference cell's value), the solution's words when it does not run as
 * it should, and a button that removes it.  The row finds its instance by
 * the class's id, since a cell holds at most one of each, and edits it
 * through the MlCell only; it follows the cell itself, so a changed value
 * is shown without being echoed back as an edit.  A row holds no physics:
 * the words come from the solution, which the pane hands it.
 */
#define G_LOG_DOMAIN "ml-controls"

#include "config.h"

#include "ml-mechanism-row.h"

#include <glib/gi18n.h>

#include "ml-params.h"

struct _MlMechanismRow
{
  GtkBox                  parent_instance;

  /* From the template. */
  GtkLabel               *title;
  GtkLabel               *stoichiometry;
  GtkButton              *remove_button;
  GtkBox                 *params_box;
  GtkLabel               *state_label;

  MlCell                 *cell;
  MlCell                 *reference;
  const MlMechanismClass *klass;
  /* One per parameter, by slot; NULL for one a slider cannot show. */
  MlLogControl           *controls[ML_MECHANISM_MAX_PARAMS];
  char                   *state;
  guint                   syncing;
};

enum {
  INVALID,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlMechanismRow, ml_mechanism_row, GTK_TYPE_BOX)

static int
find_instance (MlCell                 *cell,
               const MlMechanismClass *klass)
{
  return cell != NULL ? ml_cell_find_mechanism (cell, klass->id) : -1;
}

/* Shows the cell's values and the reference's as the reset values. */
static void
sync_from_cell (MlMechanismRow *self)
{
  int index = find_instance (self->cell, self->klass);
  int reference = find_instance (self->reference, self->klass);

  /* The mechanism is gone: the pane is about to rebuild its rows. */
  if (index < 0)
    return;

  self->syncing++;
  for (guint slot = 0; slot < self->klass->n_params && slot < ML_MECHANISM_MAX_PARAMS; slot++)
    {
      MlLogControl *control = self->controls[slot];

      if (control == NULL)
        continue;
      ml_log_control_set_value (control, ml_cell_get_mechanism_value (self->cell, index, slot));
      /* Reset returns to the preset's or file's value; to the class's own
       * default for a transporter the reference does not have. */
      ml_log_control_set_default (control,
                                  reference >= 0
                                  ? ml_cell_get_mechanism_value (self->reference, reference, slot)
                                  : self->klass->params[slot].default_value);
    }
  self->syncing--;
}

static void
cell_changed_cb (MlCell         *cell,
                 MlMechanismRow *self)
{
  sync_from_cell (self);
}

static void
value_changed_cb (MlLogControl   *control,
                  MlMechanismRow *self)
{
  int index = find_instance (self->cell, self->klass);

  if (self->syncing > 0 || index < 0)
    return;

  for (guint slot = 0; slot < ML_MECHANISM_MAX_PARAMS; slot++)
    if (self->controls[slot] == control)
      {
        ml_cell_set_mechanism_value (self->cell, index, slot, ml_log_control_get_value (control));
        return;
      }
}

static void
invalid_cb (MlLogControl   *control,
            const char     *message,
            MlMechanismRow *self)
{
  g_signal_emit (self, signals[INVALID], 0, message);
}

static void
remove_clicked_cb (GtkButton      *button,
                   MlMechanismRow *self)
{
  int index = find_instance (self->cell, self->klass);

  if (index < 0)
    return;
  /* The pane rebuilds its rows at once, this one gone with them: it is
   * kept until the handler is done with it. */
  g_object_ref (self);
  ml_cell_remove_mechanism (self->cell, index);
  g_object_unref (self);
}

static void
ml_mechanism_row_dispose (GObject *object)
{
  MlMechanismRow *self = ML_MECHANISM_ROW (object);

  if (self->cell != NULL)
    g_signal_handlers_disconnect_by_data (self->cell, self);
  if (self->reference != NULL)
    g_signal_handlers_disconnect_by_data (self->reference, self);
  g_clear_object (&self->cell);
  g_clear_object (&self->reference);
  gtk_widget_dispose_template (GTK_WIDGET (self), ML_TYPE_MECHANISM_ROW);

  G_OBJECT_CLASS (ml_mechanism_row_parent_class)->dispose (object);
}

static void
ml_mechanism_row_finalize (GObject *object)
{
  MlMechanismRow *self = ML_MECHANISM_ROW (object);

  g_free (self->state);

  G_OBJECT_CLASS (ml_mechanism_row_parent_class)->finalize (object);
}

static void
ml_mechanism_row_class_init (MlMechanismRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_mechanism_row_dispose;
  object_class->finalize = ml_mechanism_row_finalize;

  /* A control refused typed text; the sentence says why. */
  signals[INVALID] =
    g_signal_new ("invalid",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mechanism-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MlMechanismRow, title);
  gtk_widget_class_bind_template_child (widget_class, MlMechanismRow, stoichiometry);
  gtk_widget_class_bind_template_child (widget_class, MlMechanismRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, MlMechanismRow, params_box);
  gtk_widget_class_bind_template_child (widget_class, MlMechanismRow, state_label);
}

static void
ml_mechanism_row_init (MlMechanismRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  /* The row reads as its name, what it moves and, when there are any, the
   * words for why it does not run. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->stoichiometry, self->state_label, NULL,
                                  -1);
}

/* A slider with an entry for one of the class's parameters, under its
 * label: the labels are sentences ("Ca²⁺ pump half-saturating Ca²⁺"), too
 * long for the short caption column of the other sections. */
static MlLogControl *
add_control (MlMechanismRow *self,
             const MlParam  *param)
{
  gboolean logarithmic = (param->flags & ML_PARAM_FLAG_LOG) != 0;
  /* The slider's leftmost notch is 0 when 0 is a value the cell keeps
   * (a rate set to zero idles the transporter). */
  gboolean allow_zero = logarithmic && param->min <= 0.0
                        && (param->flags & ML_PARAM_FLAG_MIN_OPEN) == 0;
  const char *label = ml_param_get_label (param);
  GtkWidget *caption;
  GtkWidget *control;
  GtkWidget *box;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  caption = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (caption), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (caption), 30);
  gtk_box_append (GTK_BOX (box), caption);

  control = ml_log_control_new (param->slider_min, param->slider_max, logarithmic, allow_zero);
  gtk_widget_set_hexpand (control, TRUE);
  ml_log_control_set_digits (ML_LOG_CONTROL (control), 4);
  ml_log_control_set_label (ML_LOG_CONTROL (control), label);
  if (param->unit != NULL)
    {
      g_autofree char *unit = g_markup_escape_text (param->unit, -1);

      ml_log_control_set_unit (ML_LOG_CONTROL (control), unit);
    }
  g_signal_connect (control, "value-changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect (control, "invalid", G_CALLBACK (invalid_cb), self);
  gtk_box_append (GTK_BOX (box), control);

  gtk_box_append (self->params_box, box);
  return ML_LOG_CONTROL (control);
}

/**
 * ml_mechanism_row_new:
 * @cell: the cell the row edits
 * @reference: (nullable): the cell its reset buttons return to
 * @klass: the class of the cell's instance the row shows
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
ml_mechanism_row_new (MlCell                 *cell,
                      MlCell                 *reference,
                      const MlMechanismClass *klass)
{
  MlMechanismRow *self;
  g_autofree char *remove = NULL;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);
  g_return_val_if_fail (reference == NULL || ML_IS_CELL (reference), NULL);
  g_return_val_if_fail (klass != NULL && !klass->builtin, NULL);

  self = g_object_new (ML_TYPE_MECHANISM_ROW, NULL);
  self->cell = g_object_ref (cell);
  self->reference = reference != NULL ? g_object_ref (reference) : NULL;
  self->klass = klass;

  gtk_label_set_label (self->title, ml_mechanism_class_get_name (klass));
  gtk_label_set_label (self->stoichiometry, ml_mechanism_class_get_stoichiometry (klass));
  /* Translators: accessible name of the button that takes a transporter
   * out of the cell; %s is its short name, e.g. "KCC2". */
  remove = g_strdup_printf (_("Remove %s"), klass->short_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);

  for (guint slot = 0; slot < klass->n_params && slot < ML_MECHANISM_MAX_PARAMS; slot++)
    {
      const MlParam *param = &klass->params[slot];

      /* A switch is no slider; no class has one yet. */
      if ((param->flags & ML_PARAM_FLAG_BOOLEAN) != 0)
        continue;
      self->controls[slot] = add_control (self, param);
    }

  g_signal_connect_object (cell, "changed", G_CALLBACK (cell_changed_cb), self, 0);
  if (reference != NULL)
    g_signal_connect_object (reference, "changed", G_CALLBACK (cell_changed_cb), self, 0);
  sync_from_cell (self);
  return GTK_WIDGET (self);
}

const MlMechanismClass *
ml_mechanism_row_get_class (MlMechanismRow *self)
{
  g_return_val_if_fail (ML_IS_MECHANISM_ROW (self), NULL);
  return self->klass;
}

MlLogControl *
ml_mechanism_row_get_control (MlMechanismRow *self,
                              guint           slot)
{
  g_return_val_if_fail (ML_IS_MECHANISM_ROW (self), NULL);
  return slot < ML_MECHANISM_MAX_PARAMS ? self->controls[slot] : NULL;
}

GtkButton *
ml_mechanism_row_get_remove_button (MlMechanismRow *self)
{
  g_return_val_if_fail (ML_IS_MECHANISM_ROW (self), NULL);
  return self->remove_button;
}

/**
 * ml_mechanism_row_set_state:
 * @self: a row
 * @state: (nullable): the solution's words, e.g. "Idles: the cell has no Cl⁻"
 *
 * Shows why the transporter does not run as it should, or nothing.
 */
void
ml_mechanism_row_set_state (MlMechanismRow *self,
                            const char     *state)
{
  g_return_if_fail (ML_IS_MECHANISM_ROW (self));

  if (state != NULL && state[0] == '\0')
    state = NULL;
  if (g_strcmp0 (self->state, state) == 0)
    return;
  g_free (self->state);
  self->state = g_strdup (state);
  gtk_label_set_label (self->state_label, state != NULL ? state : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), state != NULL);
}

const char *
ml_mechanism_row_get_state (MlMechanismRow *self)
{
  g_return_val_if_fail (ML_IS_MECHANISM_ROW (self), NULL);
  return self->state;
}
