/* ml-window-find.c — go to a parameter by typing its name
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lecturer in front of a projector should not press Tab forty times to
 * reach the pump.  Ctrl+F opens a small window with a search entry and
 * the cell's parameters (from the parameter table, each ion's under its
 * name, then each transporter's); typing narrows the list by label or id ("na p", "K.out",
 * "temp"), Enter goes to the first match: the controls pane opens and the
 * parameter's control takes the focus, ready for the arrow keys or a
 * typed value.
 */
#define G_LOG_DOMAIN "ml-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ml-window-private.h"
#include "ml-format.h"
#include "ml-log-control.h"
#include "ml-mechanism.h"
#include "ml-params.h"

typedef struct
{
  MlWindow   *window;     /* not owned: the finder is the window's transient */
  GtkWidget  *finder;
  GtkWidget  *entry;
  GtkWidget  *list;
} Finder;

/* The control of a row, found again when it is chosen: the controls may
 * have been rebuilt for another cell in between. */
static GtkWidget *
control_for (MlWindow   *self,
             const char *id)
{
  char ion[ML_ION_NAME_MAX];
  const MlParam *param = ml_params_parse_id (id, ion, sizeof ion);
  static const struct { MlParamKind kind; MlControlId control; } cell_controls[] = {
    { ML_PARAM_TEMPERATURE, ML_CONTROL_TEMPERATURE },
    { ML_PARAM_PUMP_RATIO, ML_CONTROL_PUMP_RATIO },
    { ML_PARAM_PUMP_CURRENT, ML_CONTROL_PUMP_CURRENT },
    { ML_PARAM_PUMP_MAX_CURRENT, ML_CONTROL_PUMP_MAX_CURRENT },
    { ML_PARAM_PUMP_Q10, ML_CONTROL_PUMP_Q10 },
    { ML_PARAM_RADIUS, ML_CONTROL_RADIUS },
    { ML_PARAM_CAPACITANCE, ML_CONTROL_CAPACITANCE },
  };

  if (param == NULL)
    return NULL;
  if (param->kind == ML_PARAM_MECHANISM)
    return GTK_WIDGET (ml_controls_get_mechanism_control (self->controls, id));
  if (param->kind == ML_PARAM_ION_ENABLED)
    return GTK_WIDGET (ml_controls_get_ion_switch (self->controls, ion));
  if (ml_param_is_per_ion (param))
    return GTK_WIDGET (ml_controls_get_ion_control (self->controls, ion, param->ion_field));
  for (guint i = 0; i < G_N_ELEMENTS (cell_controls); i++)
    if (cell_controls[i].kind == param->kind)
      return GTK_WIDGET (ml_controls_get_control (self->controls, cell_controls[i].control));
  return NULL;
}

/* The control's part where a value is typed: a slider's number field
 * (not the slider, where typing does nothing), else its first focusable
 * part (a switch). */
static gboolean
focus_control (GtkWidget *control)
{
  if (ML_IS_LOG_CONTROL (control))
    return gtk_widget_grab_focus (GTK_WIDGET (ml_log_control_get_spin (ML_LOG_CONTROL (control))));
  if (gtk_widget_get_focusable (control))
    return gtk_widget_grab_focus (control);
  return gtk_widget_child_focus (control, GTK_DIR_TAB_FORWARD);
}

/* The focus goes to the control once the controls pane is there: while
 * it slides in, its children cannot take the focus yet. */
static void
reveal_progress_cb (AdwFlap    *flap,
                    GParamSpec *pspec,
                    GtkWidget  *control)
{
  if (adw_flap_get_reveal_progress (flap) < 1.0)
    return;
  g_signal_handlers_disconnect_by_func (flap, reveal_progress_cb, control);
  focus_control (control);
  g_object_unref (control);
}

gboolean
ml_window_go_to_parameter (MlWindow   *self,
                           const char *id)
{
  GtkWidget *control;

  g_return_val_if_fail (ML_IS_WINDOW (self), FALSE);

  control = control_for (self, id);
  if (control == NULL || !gtk_widget_get_visible (control))
    return FALSE;
  adw_flap_set_reveal_flap (self->flap, TRUE);
  if (adw_flap_get_reveal_progress (self->flap) >= 1.0)
    return focus_control (control);
  g_signal_handlers_disconnect_matched (self->flap, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        reveal_progress_cb, NULL);
  g_signal_connect (self->flap, "notify::reveal-progress", G_CALLBACK (reveal_progress_cb),
                    g_object_ref (control));
  return TRUE;
}

static gboolean
row_matches (GtkListBoxRow *row,
             gpointer       user_data)
{
  Finder *finder = user_data;
  const char *haystack = g_object_get_data (G_OBJECT (row), "ml-search");
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (finder->entry)),
                                             -1);
  g_auto (GStrv) words = g_strsplit_set (needle, " .", -1);

  /* Every word typed is somewhere in the row: "na p" finds P of Na⁺. */
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
go_to_row (Finder        *finder,
           GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "ml-id");
  MlWindow *window = finder->window;

  gtk_window_destroy (GTK_WINDOW (finder->finder));
  ml_window_go_to_parameter (window, id);
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  Finder        *finder)
{
  go_to_row (finder, row);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   Finder         *finder)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (finder->list));
}

static void
entry_activate_cb (GtkSearchEntry *entry,
                   Finder         *finder)
{
  for (GtkWidget *child = gtk_widget_get_first_child (finder->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      {
        go_to_row (finder, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static void
stop_search_cb (GtkSearchEntry *entry,
                Finder         *finder)
{
  gtk_window_destroy (GTK_WINDOW (finder->finder));
}

/* A row for @id, found by its label, its id and @also (may be NULL). */
static void
add_row (Finder     *finder,
         const char *id,
         const char *also,
         const char *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *text = gtk_label_new (label);
  g_autofree char *search = g_strdup_printf ("%s %s %s", label, id, also != NULL ? also : "");

  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (text, 12);
  gtk_widget_set_margin_top (text, 8);
  gtk_widget_set_margin_bottom (text, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), text);
  g_object_set_data_full (G_OBJECT (row), "ml-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (row), "ml-search", g_utf8_casefold (search, -1), g_free);
  gtk_list_box_append (GTK_LIST_BOX (finder->list), row);
}

/* Every parameter the controls show for this cell. */
static void
fill_rows (Finder *finder)
{
  MlWindow *self = finder->window;
  MlCell *cell = ml_session_get_cell (self->session);

  for (int k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);

      if (!ml_param_is_per_ion (param))
        {
          g_autofree char *id = ml_param_dup_id (param, NULL);
          GtkWidget *control = control_for (self, id);

          if (control != NULL && gtk_widget_get_visible (control))
            add_row (finder, id, NULL, ml_param_get_label (param));
          continue;
        }
      for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
        {
          const MlIon *ion = ml_cell_get_ion (cell, i);
          g_autofree char *id = ml_param_dup_id (param, ion->name);
          g_autofree char *ion_label = ml_ion_label (ion->name, ion->z);
          g_autofree char *label = NULL;
          GtkWidget *control = control_for (self, id);

          if (control == NULL)
            continue;
          /* Translators: a parameter of one ion in the "go to" list: the ion
           * ("Na⁺"), then the parameter ("Permeability"). */
          label = g_strdup_printf (C_("parameter of an ion", "%s: %s"), ion_label,
                                   ml_param_get_label (param));
          /* The ion's name as typed, "na", finds its rows too. */
          add_row (finder, id, ion->name, label);
        }
    }

  /* Each transporter's, by its label ("NKCC1 maximal flux"), its id
   * ("nkcc1.imax") or its short name. */
  for (guint m = 0; m < ml_cell_get_n_mechanisms (cell); m++)
    {
      const MlMechanismClass *klass = ml_cell_get_mechanism (cell, m)->klass;

      for (guint k = 0; k < klass->n_params; k++)
        {
          const MlParam *param = &klass->params[k];

          if (control_for (self, param->id) != NULL)
            add_row (finder, param->id, klass->short_name, ml_param_get_label (param));
        }
    }
}

void
_ml_window_find_parameter (MlWindow *self)
{
  Finder *finder = g_new0 (Finder, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  finder->window = self;
  finder->finder = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (finder->finder), _("Go to a Parameter"));
  gtk_window_set_transient_for (GTK_WINDOW (finder->finder), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (finder->finder), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (finder->finder), 420, 480);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (finder->finder), TRUE);
  g_object_set_data_full (G_OBJECT (finder->finder), "ml-finder", finder, g_free);
  if (self->presentation)
    gtk_widget_add_css_class (finder->finder, "presentation");

  finder->entry = gtk_search_entry_new ();
  gtk_widget_set_margin_start (finder->entry, 12);
  gtk_widget_set_margin_end (finder->entry, 12);
  gtk_widget_set_margin_top (finder->entry, 12);
  gtk_widget_set_margin_bottom (finder->entry, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (finder->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Parameter name"), -1);
  g_object_set (finder->entry, "placeholder-text", _("Type a parameter, e.g. “Na perm”"), NULL);
  finder->list = gtk_list_box_new ();
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (finder->list), TRUE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (finder->list), row_matches, finder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (finder->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Parameters"), -1);
  fill_rows (finder);
  g_signal_connect (finder->entry, "search-changed", G_CALLBACK (search_changed_cb), finder);
  g_signal_connect (finder->entry, "activate", G_CALLBACK (entry_activate_cb), finder);
  g_signal_connect (finder->entry, "stop-search", G_CALLBACK (stop_search_cb), finder);
  g_signal_connect (finder->list, "row-activated", G_CALLBACK (row_activated_cb), finder);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), finder->list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), finder->entry);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_window_set_child (GTK_WINDOW (finder->finder), box);
  gtk_window_present (GTK_WINDOW (finder->finder));
  gtk_widget_grab_focus (finder->entry);
}

/* For tests: the ids the finder lists for @text, in order. */
GStrv
_ml_window_find_matches (MlWindow   *self,
                         const char *text)
{
  Finder finder = { self, NULL, gtk_search_entry_new (), gtk_list_box_new () };
  GPtrArray *ids = g_ptr_array_new ();

  g_object_ref_sink (finder.entry);
  g_object_ref_sink (finder.list);
  fill_rows (&finder);
  gtk_editable_set_text (GTK_EDITABLE (finder.entry), text);
  for (GtkWidget *child = gtk_widget_get_first_child (finder.list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_matches (GTK_LIST_BOX_ROW (child), &finder))
      g_ptr_array_add (ids, g_strdup (g_object_get_data (G_OBJECT (child), "ml-id")));
  g_ptr_array_add (ids, NULL);
  g_object_unref (finder.entry);
  g_object_unref (finder.list);
  return (GStrv) g_ptr_array_free (ids, FALSE);
}
