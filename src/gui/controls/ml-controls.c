/* ml-controls.c — the controls pane: every input of the cell
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One section per topic (temperature, each ion, the pump, the transporters,
 * the cell), each row a slider with exact entry and a reset.  The pane edits
 * the MlCell and follows it: a preset, undo or a file changes the cell, and
 * the controls show the new values without echoing them back as edits.
 * The ions and the transporters are rows of their own (MlIonRow,
 * MlMechanismRow), made again whenever the cell's set of them changes.
 */
#define G_LOG_DOMAIN "ml-controls"

#include "config.h"

#include "ml-controls.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml-format.h"
#include "ml-ion-colors.h"
#include "ml-ion-row.h"
#include "ml-mechanism.h"
#include "ml-mechanism-row.h"
#include "ml-params.h"
#include "ml-view-session.h"


struct _MlControls
{
  GtkWidget     parent_instance;

  /* From the template. */
  GtkWidget    *scrolled;
  GtkBox       *box;
  GtkBox       *ion_box;
  MlLogControl *temperature;
  MlLogControl *pump_ratio;
  MlLogControl *pump_current;
  MlLogControl *pump_imax;
  MlLogControl *pump_q10;
  MlLogControl *radius;
  MlLogControl *capacitance;
  MlLogControl *controls[ML_N_CONTROLS];
  GtkSwitch    *pump_switch;
  GtkWidget    *pump_mode;         /* the three buttons below, linked */
  GtkToggleButton *mode_kinetic;
  GtkToggleButton *mode_ratio;
  GtkToggleButton *mode_current;
  GtkLabel     *pump_assumes;
  GtkWidget    *ratio_row;
  GtkWidget    *current_row;
  GtkWidget    *imax_row;
  GtkWidget    *balance_button;
  GtkWidget    *q10_row;
  GtkBox       *mechanism_box;
  GtkWidget    *mechanisms_empty;
  GtkMenuButton *add_mechanism_button;

  GPtrArray    *ion_rows;   /* MlIonRow*, children of ion_box */
  GPtrArray    *mechanism_rows; /* MlMechanismRow*, children of mechanism_box */
  GMenu        *add_menu;   /* the classes the cell does not have yet */
  gboolean      rows_stale; /* made for another cell */
  MlSession    *session;
  GBinding     *value_bindings[ML_N_CONTROLS];
  GBinding     *default_bindings[ML_N_CONTROLS];
  MlLogControl *spoken;     /* the control whose description holds a result */
  MlCell       *cell;
  MlCell       *reference;
  guint         syncing;
  gboolean      dark;       /* the style the colour dots were made for */
  gboolean      high_contrast;
};

enum {
  INVALID,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlControls, ml_controls, GTK_TYPE_WIDGET)

/* Which parameter of the table (ml-params.h) each scalar control shows. */
static const MlParamKind scalar_params[ML_N_CONTROLS] = {
  [ML_CONTROL_TEMPERATURE] = ML_PARAM_TEMPERATURE,
  [ML_CONTROL_PUMP_RATIO] = ML_PARAM_PUMP_RATIO,
  [ML_CONTROL_PUMP_CURRENT] = ML_PARAM_PUMP_CURRENT,
  [ML_CONTROL_PUMP_MAX_CURRENT] = ML_PARAM_PUMP_MAX_CURRENT,
  [ML_CONTROL_PUMP_Q10] = ML_PARAM_PUMP_Q10,
  [ML_CONTROL_RADIUS] = ML_PARAM_RADIUS,
  [ML_CONTROL_CAPACITANCE] = ML_PARAM_CAPACITANCE,
};

static void
invalid_cb (MlLogControl *control,
            const char   *message,
            MlControls   *self)
{
  g_signal_emit (self, signals[INVALID], 0, message);
}

static void sync_from_cell (MlControls *self);

/* Callbacks from the controls to the cell. */

static MlPumpMode
selected_pump_mode (MlControls *self)
{
  if (gtk_toggle_button_get_active (self->mode_current))
    return ML_PUMP_CURRENT;
  if (gtk_toggle_button_get_active (self->mode_ratio))
    return ML_PUMP_RATIO;
  return ML_PUMP_KINETIC;
}

static GtkToggleButton *
mode_button (MlControls *self,
             MlPumpMode  mode)
{
  switch (mode)
    {
    case ML_PUMP_RATIO:
      return self->mode_ratio;
    case ML_PUMP_CURRENT:
      return self->mode_current;
    case ML_PUMP_KINETIC:
    case ML_PUMP_OFF:
    default:
      return self->mode_kinetic;
    }
}

/* What the chosen model assumes, in one sentence under its buttons. */
static const char *
pump_assumption (MlPumpMode mode)
{
  switch (mode)
    {
    case ML_PUMP_RATIO:
      return _("Moves out at once exactly the Na⁺ that leaks in, whatever the leak (Mullins–Noda "
               "steady state).");
    case ML_PUMP_CURRENT:
      return _("Drives the set current whatever the cell does; only its Q₁₀ changes it.");
    case ML_PUMP_KINETIC:
    case ML_PUMP_OFF:
    default:
      return _("Its rate follows Na⁺ inside, K⁺ outside and V_m; a new permeability leaves it "
               "alone until the concentrations move.");
    }
}

static void
pump_changed_cb (GObject    *object,
                 GParamSpec *pspec,
                 MlControls *self)
{
  if (self->syncing > 0 || self->cell == NULL)
    return;
  ml_cell_set_pump_mode (self->cell, gtk_switch_get_active (self->pump_switch)
                                     ? selected_pump_mode (self) : ML_PUMP_OFF);
}

/* Each of the two mode buttons toggles twice per choice: act once, on the
 * one that became active. */
static void
mode_toggled_cb (GtkToggleButton *button,
                 MlControls      *self)
{
  if (gtk_toggle_button_get_active (button))
    pump_changed_cb (G_OBJECT (button), NULL, self);
}

static void
cell_changed_cb (MlCell     *cell,
                 MlControls *self)
{
  sync_from_cell (self);
}

/* The colour dots follow the light or dark style, as the pictures do, read
 * from the theme the same way the drawn views read it. */
static void
ml_controls_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  MlControls *self = ML_CONTROLS (widget);
  gboolean dark, high_contrast;

  GTK_WIDGET_CLASS (ml_controls_parent_class)->css_changed (widget, change);

  dark = ml_widget_is_dark (widget);
  high_contrast = ml_widget_is_high_contrast (widget);
  if (dark == self->dark && high_contrast == self->high_contrast)
    return;
  self->dark = dark;
  self->high_contrast = high_contrast;

  for (guint i = 0; i < self->ion_rows->len; i++)
    ml_ion_row_set_style (g_ptr_array_index (self->ion_rows, i), dark, high_contrast);
}

static void
row_invalid_cb (MlIonRow   *row,
                const char *message,
                MlControls *self)
{
  g_signal_emit (self, signals[INVALID], 0, message);
}

static gboolean
ion_rows_match (MlControls *self)
{
  guint n = ml_cell_get_n_ions (self->cell);

  if (n != self->ion_rows->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (ml_ion_row_get_name (g_ptr_array_index (self->ion_rows, i)),
                   ml_cell_get_ion (self->cell, i)->name) != 0)
      return FALSE;
  return TRUE;
}

/* One row per ion of the cell; each row follows the cell itself. */
static void
rebuild_ion_sections (MlControls *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ion_box))) != NULL)
    gtk_box_remove (self->ion_box, child);
  g_ptr_array_set_size (self->ion_rows, 0);

  for (guint i = 0; i < ml_cell_get_n_ions (self->cell); i++)
    {
      GtkWidget *row = ml_ion_row_new (self->cell, self->reference, ml_cell_get_ion (self->cell, i));

      ml_ion_row_set_style (ML_ION_ROW (row), self->dark, self->high_contrast);
      g_signal_connect (row, "invalid", G_CALLBACK (row_invalid_cb), self);
      gtk_box_append (self->ion_box, row);
      g_ptr_array_add (self->ion_rows, row);
    }
}

/* Transporters. */

static gboolean
mechanism_rows_match (MlControls *self)
{
  guint n = ml_cell_get_n_mechanisms (self->cell);

  if (n != self->mechanism_rows->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (ml_mechanism_row_get_class (g_ptr_array_index (self->mechanism_rows, i))
        != ml_cell_get_mechanism (self->cell, i)->klass)
      return FALSE;
  return TRUE;
}

/* The menu of "Add transporter": every class the cell could hold and does
 * not (the leak and the Na⁺/K⁺ pump are the cell's own, never offered). */
static void
update_add_menu (MlControls *self)
{
  gboolean full = ml_cell_get_n_mechanisms (self->cell) >= ML_MAX_MECHANISMS;

  g_menu_remove_all (self->add_menu);
  for (guint i = 0; i < ml_mechanism_class_count () && !full; i++)
    {
      const MlMechanismClass *klass = ml_mechanism_class_get (i);
      g_autoptr(GMenuItem) item = NULL;

      if (klass->builtin || ml_cell_find_mechanism (self->cell, klass->id) >= 0)
        continue;
      item = g_menu_item_new (ml_mechanism_class_get_name (klass), NULL);
      g_menu_item_set_action_and_target (item, "controls.add-mechanism", "s", klass->id);
      g_menu_append_item (self->add_menu, item);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_mechanism_button),
                            g_menu_model_get_n_items (G_MENU_MODEL (self->add_menu)) > 0);
}

/* The menu's popover is made when it is first opened, as the window's
 * menus are; its items follow the cell from then on. */
static void
add_menu_create_popup (GtkMenuButton *button,
                       gpointer       user_data)
{
  MlControls *self = ML_CONTROLS (user_data);

  if (self->cell != NULL)
    update_add_menu (self);
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->add_menu));
}

static void
add_mechanism_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MlControls *self = ML_CONTROLS (widget);
  const MlMechanismClass *klass = ml_mechanism_class_find (g_variant_get_string (parameter, NULL));

  if (self->cell == NULL || klass == NULL || klass->builtin)
    return;
  /* ml_cell_add_mechanism() says "changed" before the new instance is
   * counted; in a batch the cell says it once the instance is there. */
  ml_cell_begin_batch (self->cell);
  ml_cell_add_mechanism (self->cell, klass);
  ml_cell_end_batch (self->cell);
}

/* Each row's words from the solution: why the transporter does not run as
 * it should, or none.  Found by class, so a solution a step behind the
 * rows (solved before they were made again) says nothing wrong. */
static void
show_mechanism_states (MlControls *self)
{
  const MlSolution *sol = self->session != NULL ? ml_session_get_solution (self->session) : NULL;

  for (guint i = 0; i < self->mechanism_rows->len; i++)
    {
      MlMechanismRow *row = g_ptr_array_index (self->mechanism_rows, i);
      const MlMechanismClass *klass = ml_mechanism_row_get_class (row);
      const char *state = NULL;

      for (guint k = 0; sol != NULL && k < sol->n_mechanisms; k++)
        if (sol->mechanisms[k].instance >= 0 && sol->mechanisms[k].klass == klass)
          {
            state = sol->mechanisms[k].state;
            break;
          }
      ml_mechanism_row_set_state (row, state);
    }
}

static void
mechanism_row_invalid_cb (MlMechanismRow *row,
                          const char     *message,
                          MlControls     *self)
{
  g_signal_emit (self, signals[INVALID], 0, message);
}

/* Where the keyboard focus is in the transporters' rows: which row, and
 * which of its controls (-1: its Remove button). */
static MlMechanismRow *
focused_mechanism_row (MlControls *self,
                       int        *part)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && i < self->mechanism_rows->len; i++)
    {
      MlMechanismRow *row = g_ptr_array_index (self->mechanism_rows, i);
      GtkWidget *remove = GTK_WIDGET (ml_mechanism_row_get_remove_button (row));

      if (!gtk_widget_is_ancestor (focus, GTK_WIDGET (row)))
        continue;
      *part = -1;
      for (guint slot = 0; slot < ML_MECHANISM_MAX_PARAMS; slot++)
        {
          GtkWidget *control = GTK_WIDGET (ml_mechanism_row_get_control (row, slot));

          if (control != NULL && (focus == control || gtk_widget_is_ancestor (focus, control)))
            *part = (int)slot;
        }
      if (*part == -1 && focus != remove && !gtk_widget_is_ancestor (focus, remove))
        *part = -2;
      return row;
    }
  return NULL;
}

/* One row per mechanism of the cell, in its order; each row follows the
 * cell itself.  The focus stays where it was: on the same part of the same
 * transporter, or, when that one went (removed, undone), on "Add
 * transporter", so the keys go on from the section. */
static void
rebuild_mechanism_rows (MlControls *self)
{
  GtkWidget *child;
  int part = -2;
  MlMechanismRow *focused = focused_mechanism_row (self, &part);
  const MlMechanismClass *focused_class = focused != NULL ? ml_mechanism_row_get_class (focused) : NULL;
  GtkWidget *refocus = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mechanism_box))) != NULL)
    gtk_box_remove (self->mechanism_box, child);
  g_ptr_array_set_size (self->mechanism_rows, 0);

  for (guint i = 0; i < ml_cell_get_n_mechanisms (self->cell); i++)
    {
      const MlMechanismClass *klass = ml_cell_get_mechanism (self->cell, i)->klass;
      GtkWidget *row = ml_mechanism_row_new (self->cell, self->reference, klass);

      g_signal_connect (row, "invalid", G_CALLBACK (mechanism_row_invalid_cb), self);
      gtk_box_append (self->mechanism_box, row);
      g_ptr_array_add (self->mechanism_rows, row);
      if (klass == focused_class)
        {
          MlMechanismRow *r = ML_MECHANISM_ROW (row);

          refocus = part >= 0 ? GTK_WIDGET (ml_mechanism_row_get_control (r, part))
                              : GTK_WIDGET (ml_mechanism_row_get_remove_button (r));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mechanism_box), self->mechanism_rows->len > 0);
  gtk_widget_set_visible (self->mechanisms_empty, self->mechanism_rows->len == 0);
  update_add_menu (self);
  show_mechanism_states (self);

  if (focused_class != NULL)
    {
      if (refocus == NULL && gtk_widget_get_sensitive (GTK_WIDGET (self->add_mechanism_button)))
        refocus = GTK_WIDGET (self->add_mechanism_button);
      if (refocus != NULL && !gtk_widget_child_focus (refocus, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (refocus);
    }
}

static void
sync_from_cell (MlControls *self)
{
  MlPumpMode mode;

  if (self->cell == NULL)
    return;

  self->syncing++;

  if (self->rows_stale || !ion_rows_match (self))
    rebuild_ion_sections (self);
  if (self->rows_stale || !mechanism_rows_match (self))
    rebuild_mechanism_rows (self);
  self->rows_stale = FALSE;


  mode = ml_cell_get_pump_mode (self->cell);
  gtk_switch_set_active (self->pump_switch, mode != ML_PUMP_OFF);
  if (mode != ML_PUMP_OFF)
    gtk_toggle_button_set_active (mode_button (self, mode), TRUE);
  gtk_widget_set_sensitive (self->pump_mode, mode != ML_PUMP_OFF);
  gtk_label_set_label (self->pump_assumes, pump_assumption (selected_pump_mode (self)));
  gtk_widget_set_visible (self->ratio_row, selected_pump_mode (self) == ML_PUMP_RATIO);
  gtk_widget_set_visible (self->current_row, selected_pump_mode (self) == ML_PUMP_CURRENT);
  gtk_widget_set_visible (self->imax_row, selected_pump_mode (self) == ML_PUMP_KINETIC);
  gtk_widget_set_visible (self->balance_button, selected_pump_mode (self) == ML_PUMP_KINETIC);
  gtk_widget_set_visible (self->q10_row, selected_pump_mode (self) != ML_PUMP_RATIO);
  gtk_widget_set_sensitive (self->ratio_row, mode != ML_PUMP_OFF);
  gtk_widget_set_sensitive (self->current_row, mode != ML_PUMP_OFF);
  gtk_widget_set_sensitive (self->imax_row, mode != ML_PUMP_OFF);
  gtk_widget_set_sensitive (self->q10_row, mode != ML_PUMP_OFF);

  self->syncing--;
}

static void
ml_controls_dispose (GObject *object)
{
  MlControls *self = ML_CONTROLS (object);

  /* Before the controls go: a binding ends with its target. */
  for (guint id = 0; id < ML_N_CONTROLS; id++)
    {
      g_clear_pointer (&self->value_bindings[id], g_binding_unbind);
      g_clear_pointer (&self->default_bindings[id], g_binding_unbind);
    }
  g_clear_pointer (&self->ion_rows, g_ptr_array_unref);
  g_clear_pointer (&self->mechanism_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ML_TYPE_CONTROLS);
  ml_view_follow_session (self, &self->session, NULL, NULL);
  g_clear_object (&self->spoken);
  g_clear_object (&self->cell);
  g_clear_object (&self->reference);
  g_clear_object (&self->add_menu);

  G_OBJECT_CLASS (ml_controls_parent_class)->dispose (object);
}

static void
ml_controls_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, ML_CONTROLS (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_controls_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      ml_controls_set_session (ML_CONTROLS (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_controls_class_init (MlControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_controls_dispose;
  object_class->get_property = ml_controls_get_property;
  object_class->set_property = ml_controls_set_property;

  /* The session whose cell the controls edit. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ML_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->css_changed = ml_controls_css_changed;

  /* A control refused typed text; the sentence says why. */
  signals[INVALID] =
    g_signal_new ("invalid",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ML_TYPE_LOG_CONTROL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/controls.ui");
  gtk_widget_class_bind_template_child (widget_class, MlControls, scrolled);
  gtk_widget_class_bind_template_child (widget_class, MlControls, box);
  gtk_widget_class_bind_template_child (widget_class, MlControls, ion_box);
  gtk_widget_class_bind_template_child (widget_class, MlControls, temperature);
  gtk_widget_class_bind_template_child (widget_class, MlControls, pump_switch);
  gtk_widget_class_bind_template_child (widget_class, MlControls, pump_mode);
  gtk_widget_class_bind_template_child (widget_class, MlControls, mode_ratio);
  gtk_widget_class_bind_template_child (widget_class, MlControls, mode_kinetic);
  gtk_widget_class_bind_template_child (widget_class, MlControls, pump_assumes);
  gtk_widget_class_bind_template_child (widget_class, MlControls, imax_row);
  gtk_widget_class_bind_template_child (widget_class, MlControls, balance_button);
  gtk_widget_class_bind_template_child (widget_class, MlControls, pump_imax);
  gtk_widget_class_bind_template_child (widget_class, MlControls, mode_current);
  gtk_widget_class_bind_template_child (widget_class, MlControls, ratio_row);
  gtk_widget_class_bind_template_child (widget_class, MlControls, current_row);
  gtk_widget_class_bind_template_child (widget_class, MlControls, q10_row);
  gtk_widget_class_bind_template_child (widget_class, MlControls, pump_ratio);
  gtk_widget_class_bind_template_child (widget_class, MlControls, pump_current);
  gtk_widget_class_bind_template_child (widget_class, MlControls, pump_q10);
  gtk_widget_class_bind_template_child (widget_class, MlControls, radius);
  gtk_widget_class_bind_template_child (widget_class, MlControls, capacitance);
  gtk_widget_class_bind_template_child (widget_class, MlControls, mechanism_box);
  gtk_widget_class_bind_template_child (widget_class, MlControls, mechanisms_empty);
  gtk_widget_class_bind_template_child (widget_class, MlControls, add_mechanism_button);

  /* The items of "Add transporter": a class by its id ("kcc2"). */
  gtk_widget_class_install_action (widget_class, "controls.add-mechanism", "s",
                                   add_mechanism_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "controls");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ml_controls_init (MlControls *self)
{
  MlLogControl *scalars[ML_N_CONTROLS];

  self->ion_rows = g_ptr_array_new ();
  self->mechanism_rows = g_ptr_array_new ();
  self->add_menu = g_menu_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->add_mechanism_button, add_menu_create_popup,
                                         self, NULL);

  scalars[ML_CONTROL_TEMPERATURE] = self->temperature;
  scalars[ML_CONTROL_PUMP_RATIO] = self->pump_ratio;
  scalars[ML_CONTROL_PUMP_CURRENT] = self->pump_current;
  scalars[ML_CONTROL_PUMP_MAX_CURRENT] = self->pump_imax;
  scalars[ML_CONTROL_PUMP_Q10] = self->pump_q10;
  scalars[ML_CONTROL_RADIUS] = self->radius;
  scalars[ML_CONTROL_CAPACITANCE] = self->capacitance;

  /* The span each slider covers is the parameter table's; a file may
   * hold more, and the slider widens to show it. */
  for (guint id = 0; id < ML_N_CONTROLS; id++)
    {
      const MlParam *param = ml_params_get_kind (scalar_params[id]);

      self->controls[id] = scalars[id];
      ml_log_control_set_range (scalars[id], param->slider_min, param->slider_max);
      g_signal_connect (scalars[id], "invalid", G_CALLBACK (invalid_cb), self);
    }

  g_signal_connect (self->pump_switch, "notify::active", G_CALLBACK (pump_changed_cb), self);
  for (int i = 0; i < 3; i++)
    {
      GtkWidget *button = GTK_WIDGET (i == 0 ? self->mode_kinetic
                                      : i == 1 ? self->mode_ratio : self->mode_current);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      /* A long translation shortens rather than widening the pane. */
      if (GTK_IS_LABEL (label))
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      g_signal_connect (button, "toggled", G_CALLBACK (mode_toggled_cb), self);
    }
}

GtkWidget *
ml_controls_new (void)
{
  return g_object_new (ML_TYPE_CONTROLS, NULL);
}


/* The scalar controls are bound to the cell's properties in both
 * directions, and their reset values to the reference's: a change from
 * anywhere (a slider, undo, a preset, a lesson) reaches exactly the
 * control it concerns, and nothing re-sets the others. */
static void
bind_scalars (MlControls *self)
{
  for (guint id = 0; id < ML_N_CONTROLS; id++)
    {
      const char *property = ml_params_get_kind (scalar_params[id])->property;

      g_clear_pointer (&self->value_bindings[id], g_binding_unbind);
      g_clear_pointer (&self->default_bindings[id], g_binding_unbind);
      self->value_bindings[id] =
        g_object_bind_property (self->cell, property, self->controls[id], "value",
                                G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      if (self->reference != NULL)
        self->default_bindings[id] =
          g_object_bind_property (self->reference, property, self->controls[id],
                                  "default-value", G_BINDING_SYNC_CREATE);
    }
}

void
ml_controls_set_cell (MlControls *self,
                      MlCell     *cell,
                      MlCell     *reference)
{
  g_return_if_fail (ML_IS_CONTROLS (self));
  g_return_if_fail (ML_IS_CELL (cell));

  /* The old bindings go first: they are not owned here, and end with
   * their cell. */
  for (guint id = 0; id < ML_N_CONTROLS; id++)
    {
      g_clear_pointer (&self->value_bindings[id], g_binding_unbind);
      g_clear_pointer (&self->default_bindings[id], g_binding_unbind);
    }
  /* Rows hold their cell: a new cell or reference gets new rows. */
  if (self->cell != cell || (reference != NULL && self->reference != reference))
    self->rows_stale = TRUE;

  if (self->cell != cell)
    {
      if (self->cell != NULL)
        g_signal_handlers_disconnect_by_func (self->cell, cell_changed_cb, self);
      g_set_object (&self->cell, cell);
      g_signal_connect_object (cell, "changed", G_CALLBACK (cell_changed_cb), self, 0);
    }
  if (reference != NULL && self->reference != reference)
    {
      if (self->reference != NULL)
        g_signal_handlers_disconnect_by_func (self->reference, cell_changed_cb, self);
      g_set_object (&self->reference, reference);
      g_signal_connect_object (reference, "changed", G_CALLBACK (cell_changed_cb), self, 0);
    }
  bind_scalars (self);
  sync_from_cell (self);
}

/* The log control that holds the keyboard focus, if any. */
static MlLogControl *
focused_control (MlControls *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (ML_IS_LOG_CONTROL (w))
      return ML_LOG_CONTROL (w);
  return NULL;
}

/* After a change, the focused control's description ends with the new
 * V_m, so a screen reader says what the change did (GTK 4.8 announces a
 * changed description and has no live regions).  Only that control
 * carries a result; the one before it is cleared. */
static void
solved_cb (MlControls *self,
           MlSession  *session)
{
  const MlSolution *sol = ml_session_get_solution (session);
  MlLogControl *control = focused_control (self);
  g_autofree char *result = NULL;

  show_mechanism_states (self);
  if (control == NULL)
    return;
  if (sol->vm_defined)
    {
      g_autofree char *vm = ml_format_millivolts (sol->vm_mv, 1, TRUE);

      /* Translators: spoken after a change; %s is a voltage, e.g. "−65.2 mV". */
      result = g_strdup_printf (_("membrane potential now %s"), vm);
    }
  else
    {
      const char *why = ml_condition_message (sol->condition);

      /* Translators: spoken after a change; %s says why, e.g. "undefined:
       * no permeant ion". */
      result = g_strdup_printf (_("membrane potential now %s"), why != NULL ? why : _("undefined"));
    }

  if (self->spoken != NULL && self->spoken != control)
    ml_log_control_set_result (self->spoken, NULL);
  g_set_object (&self->spoken, control);
  ml_log_control_set_result (control, result);
}

/**
 * ml_controls_set_session:
 * @self: the controls
 * @session: the session whose cell they edit
 *
 * The controls edit the session's cell, reset to its reference, and tell a
 * screen reader the result of each change.
 */
void
ml_controls_set_session (MlControls *self,
                         MlSession  *session)
{
  g_return_if_fail (ML_IS_CONTROLS (self));
  g_return_if_fail (ML_IS_SESSION (session));

  if (!ml_view_follow_session (self, &self->session, session, G_CALLBACK (solved_cb)))
    return;
  ml_controls_set_cell (self, ml_session_get_cell (session), ml_session_get_reference (session));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

MlLogControl *
ml_controls_get_control (MlControls  *self,
                         MlControlId  id)
{
  g_return_val_if_fail (ML_IS_CONTROLS (self), NULL);
  g_return_val_if_fail (id < ML_N_CONTROLS, NULL);
  return self->controls[id];
}

static MlIonRow *
find_row (MlControls *self,
          const char *name)
{
  for (guint i = 0; i < self->ion_rows->len; i++)
    {
      MlIonRow *row = g_ptr_array_index (self->ion_rows, i);

      if (g_ascii_strcasecmp (ml_ion_row_get_name (row), name) == 0)
        return row;
    }
  return NULL;
}

MlLogControl *
ml_controls_get_ion_control (MlControls *self,
                             const char *name,
                             MlIonField  field)
{
  MlIonRow *row;

  g_return_val_if_fail (ML_IS_CONTROLS (self), NULL);

  row = find_row (self, name);
  return row != NULL ? ml_ion_row_get_control (row, field) : NULL;
}

GtkSwitch *
ml_controls_get_ion_switch (MlControls *self,
                            const char *name)
{
  MlIonRow *row;

  g_return_val_if_fail (ML_IS_CONTROLS (self), NULL);
  row = find_row (self, name);
  return row != NULL ? ml_ion_row_get_switch (row) : NULL;
}

GtkSwitch *
ml_controls_get_pump_switch (MlControls *self)
{
  g_return_val_if_fail (ML_IS_CONTROLS (self), NULL);
  return self->pump_switch;
}

GtkToggleButton *
ml_controls_get_pump_mode_button (MlControls *self,
                                  MlPumpMode  mode)
{
  g_return_val_if_fail (ML_IS_CONTROLS (self), NULL);
  g_return_val_if_fail (mode != ML_PUMP_OFF, NULL);
  return mode_button (self, mode);
}

/**
 * ml_controls_get_mechanism_row:
 * @self: the controls
 * @index: the mechanism's index in the cell
 *
 * Returns: (transfer none) (nullable): the row of the cell's mechanism
 *   @index, or %NULL past the last
 */
MlMechanismRow *
ml_controls_get_mechanism_row (MlControls *self,
                               guint       index)
{
  g_return_val_if_fail (ML_IS_CONTROLS (self), NULL);
  return index < self->mechanism_rows->len ? g_ptr_array_index (self->mechanism_rows, index) : NULL;
}

/* The control of a mechanism's parameter by its id ("kcc2.imax"), or NULL
 * when the cell has no such mechanism. */
MlLogControl *
ml_controls_get_mechanism_control (MlControls *self,
                                   const char *id)
{
  const MlParam *param;

  g_return_val_if_fail (ML_IS_CONTROLS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  param = ml_params_get (id);
  if (param == NULL || param->kind != ML_PARAM_MECHANISM)
    return NULL;
  for (guint i = 0; i < self->mechanism_rows->len; i++)
    {
      MlMechanismRow *row = g_ptr_array_index (self->mechanism_rows, i);

      if (g_strcmp0 (ml_mechanism_row_get_class (row)->id, param->mechanism) == 0)
        return ml_mechanism_row_get_control (row, param->slot);
    }
  return NULL;
}

GtkMenuButton *
ml_controls_get_add_mechanism_button (MlControls *self)
{
  g_return_val_if_fail (ML_IS_CONTROLS (self), NULL);
  return self->add_mechanism_button;
}
