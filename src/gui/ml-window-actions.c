/* ml-window-actions.c — the window's actions, installed once per class
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every win.* action is a class action (gtk_widget_class_install_action) or
 * a property action on one of the window's properties, so its state is the
 * property and a menu's check mark follows it.  Whether undo, redo, reset
 * and save can run comes from the session's properties
 * (_ml_window_update_actions), not from looking actions up by name.  The
 * keys are set by the application (ml-application.c).
 */
#define G_LOG_DOMAIN "ml-window"

#include "config.h"

#include "ml-window-private.h"

#include <glib/gi18n.h>

#include "ml-details-window.h"
#include "ml-handout.h"
#include "ml-presets.h"
#include "ml-format.h"
#include "ml-cell-pump.h"

static void
undo_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  ml_session_undo (ML_WINDOW (widget)->session);
}

static void
redo_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  ml_session_redo (ML_WINDOW (widget)->session);
}

static void
reset_cb (GtkWidget  *widget,
          const char *action,
          GVariant   *parameter)
{
  ml_session_reset (ML_WINDOW (widget)->session);
}

static void
open_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  ml_window_open_dialog (ML_WINDOW (widget));
}

static void
save_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  ml_window_save_current (ML_WINDOW (widget), NULL, NULL, NULL);
}

static void
save_as_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  ml_window_save_dialog (ML_WINDOW (widget), NULL, NULL, NULL);
}

static void
export_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);
  const char *name = adw_view_stack_get_visible_child_name (self->stack);
  GtkWidget *page = name != NULL ? ml_window_get_page (self, name) : NULL;

  /* The figure of the page on screen: the plot, the chart recorder (their
   * own Save Figure…), or the membrane and the gauge. */
  if (g_strcmp0 (name, "plots") == 0 && page != NULL)
    gtk_widget_activate_action (page, "plots.save", NULL);
  else if (g_strcmp0 (name, "time-course") == 0 && page != NULL)
    gtk_widget_activate_action (page, "recorder.export-figure", NULL);
  else
    ml_window_export_dialog (self);
}

static void
copy_math_cb (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);
  g_autofree char *text = ml_math_view_get_copy_text (self->math);
  AdwToast *toast;

  /* The numbers as text, to paste into a lab sheet or a spreadsheet. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  toast = adw_toast_new (_("The math was copied to the clipboard"));
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
donnan_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  /* One calculator per window, at the cell's temperature. */
  if (self->donnan == NULL)
    {
      self->donnan = ml_donnan_window_new (GTK_WINDOW (self),
                                           ml_session_get_solution (self->session)->temperature_c);
      g_object_add_weak_pointer (G_OBJECT (self->donnan), (gpointer *)&self->donnan);
      /* Enlarged with the presentation. */
      ml_donnan_window_set_presentation (self->donnan, self->presentation);
    }
  gtk_window_present (GTK_WINDOW (self->donnan));
}

static void
find_parameter_cb (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  _ml_window_find_parameter (ML_WINDOW (widget));
}

/* Esc in presentation mode; disabled otherwise, so Esc reaches others.
 * The controls F9 brought over the picture go first, as a popup would;
 * the next Esc leaves. */
static void
leave_presentation_cb (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  if (self->presentation && adw_flap_get_reveal_flap (self->flap))
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      return;
    }
  g_object_set (widget, "presentation", FALSE, NULL);
}

/* The presets in the menu's order, one step on or back from the one the
 * cell came from (from the first for another cell): a lecturer walks
 * through them without the menu. */
static void
step_preset_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);
  const char * const *ids = ml_presets_list ();
  const char *current = ml_session_get_preset_id (self->session);
  guint n = g_strv_length ((char **)ids);
  int step = g_str_equal (action, "win.next-preset") ? 1 : -1;
  int at = -1;

  for (guint i = 0; current != NULL && i < n; i++)
    if (g_str_equal (ids[i], current))
      at = (int)i;
  at = at < 0 ? (step > 0 ? 0 : (int)n - 1) : ((at + step) % (int)n + (int)n) % (int)n;
  g_object_set (self, "preset", ids[at], NULL);
}

/* Writes the handout; FALSE (and the window says why) when it cannot. */
gboolean
_ml_window_write_handout (MlWindow   *self,
                          const char *path,
                          gboolean    with_measured)
{
  g_autoptr (GError) error = NULL;

  if (!ml_handout_write (self, path, with_measured, &error))
    {
      ml_window_show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

#define CHOICE_MEASURED "measured"

static void
handout_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  MlWindow *self = ML_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog),
                                                        CHOICE_MEASURED);

      if (path == NULL)
        ml_window_show_error (self, _("The handout can only be saved to a local folder"));
      else
        _ml_window_write_handout (self, path, g_strcmp0 (choice, "true") == 0);
    }
  g_object_unref (dialog);
}

static void
handout_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  /* Translators: the file name offered for a handout, %s the scenario. */
  g_autofree char *name = g_strdup_printf (_("%s — handout.pdf"),
                                           ml_session_get_title (self->session));

  dialog = gtk_file_chooser_native_new (_("Save the Lab Handout"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  /* The student's copy by default: the measured points are the answer. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), CHOICE_MEASURED,
                               _("Instructor’s copy: show the measured V_m"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), CHOICE_MEASURED, "false");
  g_signal_connect (dialog, "response", G_CALLBACK (handout_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
details_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (ml_details_window_new (GTK_WINDOW (self), self->session)));
}

static void
show_page_cb (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    ml_window_show_page (self, name);
}

/* Ouabain: the pump stops at once; its model is kept for "restore". */
static void
block_pump_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);
  MlCell *cell = ml_session_get_cell (self->session);

  if (ml_cell_get_pump_mode (cell) == ML_PUMP_OFF)
    {
      /* A key that does nothing says why. */
      ml_window_show_error (self, _("This cell has no pump to block"));
      return;
    }
  ml_cell_set_pump_mode (cell, ML_PUMP_OFF);
}

static void
restore_pump_cb (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);
  MlCell *cell = ml_session_get_cell (self->session);

  gboolean adds = self->pump_mode_before_block == ML_PUMP_OFF;
  const MlSolution *sol;
  double before;
  gboolean before_defined;

  if (ml_cell_get_pump_mode (cell) != ML_PUMP_OFF)
    return;
  sol = ml_session_get_solution (self->session);
  before = sol != NULL ? sol->vm_mv : NAN;
  before_defined = sol != NULL && sol->vm_defined;
  /* The model it ran in last (the window notes it on every solution),
   * the kinetic one for a cell loaded without a pump. */
  ml_cell_set_pump_mode (cell, !adds ? self->pump_mode_before_block : ML_PUMP_KINETIC);
  sol = ml_session_get_solution (self->session);
  /* A cell that had none gets one: said, with what it does to V_m (the
   * core's numbers before and after). */
  if (adds && before_defined && sol != NULL && sol->vm_defined)
    {
      g_autofree char *from = ml_format_millivolts (before, 1, FALSE);
      g_autofree char *to = ml_format_millivolts (sol->vm_mv, 1, FALSE);
      /* Translators: after Shift+Ctrl+W on a cell without a pump; the
       * first %s is V_m before, the second after, e.g. "−9.4 mV". */
      g_autofree char *message = g_strdup_printf (_("This cell had no pump: a Na⁺/K⁺ pump "
                                                    "is added (V_m %s → %s)"), from, to);

      ml_window_show_error (self, message);
    }
  else if (adds)
    ml_window_show_error (self, _("This cell had no pump: a Na⁺/K⁺ pump is added"));
}

/* Only when asked: the kinetic pump sized to the Na⁺ leak of now. */
static void
balance_pump_cb (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);
  MlCell *cell = ml_session_get_cell (self->session);
  g_autoptr (MlCell) balanced = ml_cell_copy (cell);

  if (!ml_cell_balance_pump (balanced))
    {
      ml_window_show_error (self, _("The pump cannot balance this cell: it needs Na⁺ inside, K⁺ "
                                    "outside, a Na⁺ leak and a defined membrane potential"));
      return;
    }
  /* One change, one undo step. */
  ml_cell_begin_batch (cell);
  ml_cell_set_pump_max_current (cell, ml_cell_get_pump_max_current (balanced));
  ml_cell_set_pump_mode (cell, ML_PUMP_KINETIC);
  ml_cell_end_batch (cell);
}

/* The shortcuts window is built the first time it is asked for: its few
 * hundred widgets would otherwise be built with every window (GTK does that
 * for a gtk/help-overlay.ui resource) and slow the start.  It is then made
 * the window's help overlay, which is what shows each action's keys (GTK
 * reads them from the application) and destroys it with the window; this
 * action stays the one that shows it. */
/* GTK 4.8 names some keys by their keysym ("Page_Down"): a key cap reads
 * as the key is printed. */
static void
relabel_keys (GtkWidget *widget,
              gboolean   in_shortcut)
{
  if (in_shortcut && GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (g_strcmp0 (text, "Page_Down") == 0)
        /* Translators: a key's name as printed on it, in the shortcuts window. */
        gtk_label_set_text (GTK_LABEL (widget), C_("key", "Page Down"));
      else if (g_strcmp0 (text, "Page_Up") == 0)
        gtk_label_set_text (GTK_LABEL (widget), C_("key", "Page Up"));
      else if (text != NULL && strchr (text, '_') != NULL)
        {
          g_autofree char *spaced = g_strdelimit (g_strdup (text), "_", ' ');

          gtk_label_set_text (GTK_LABEL (widget), spaced);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    relabel_keys (child, in_shortcut || GTK_IS_SHORTCUT_LABEL (widget));
}

/* A weak reference: the window may go first (and a late last reference
 * would make GTK 4.8 finalize it after the window it belonged to). */
static gboolean
relabel_keys_idle (gpointer data)
{
  g_autoptr (GtkWidget) window = g_weak_ref_get (data);

  if (window != NULL)
    relabel_keys (window, FALSE);
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* The key caps are made when the window shows (the actions' keys come from
 * the application then) and for each search: named again after. */
static void
shortcuts_map_cb (GtkWidget *window)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  relabel_keys (window, FALSE);
  g_weak_ref_init (ref, window);
  g_idle_add_full (G_PRIORITY_LOW, relabel_keys_idle, ref, weak_ref_free);
}

static void
shortcuts_cb (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (self) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_BASE "/shortcuts-window.ui");

      gtk_application_window_set_help_overlay (self,
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));
    }
  {
    GtkWidget *shortcuts = GTK_WIDGET (gtk_application_window_get_help_overlay (self));

    if (g_object_get_data (G_OBJECT (shortcuts), "ml-relabel") == NULL)
      {
        g_object_set_data (G_OBJECT (shortcuts), "ml-relabel", GINT_TO_POINTER (1));
        g_signal_connect (shortcuts, "map", G_CALLBACK (shortcuts_map_cb), NULL);
        g_signal_connect_swapped (shortcuts, "notify::section-name",
                                  G_CALLBACK (shortcuts_map_cb), shortcuts);
      }
    gtk_window_present (GTK_WINDOW (shortcuts));
  }
}

void
_ml_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_cb);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_cb);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_cb);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_cb);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_cb);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_cb);
  gtk_widget_class_install_action (widget_class, "win.copy-math", NULL, copy_math_cb);
  gtk_widget_class_install_action (widget_class, "win.donnan", NULL, donnan_cb);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL,
                                   leave_presentation_cb);
  gtk_widget_class_install_action (widget_class, "win.next-preset", NULL, step_preset_cb);
  gtk_widget_class_install_action (widget_class, "win.find-parameter", NULL, find_parameter_cb);
  gtk_widget_class_install_action (widget_class, "win.previous-preset", NULL, step_preset_cb);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, shortcuts_cb);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_cb);
  gtk_widget_class_install_action (widget_class, "win.details", NULL, details_cb);
  gtk_widget_class_install_action (widget_class, "win.handout", NULL, handout_cb);
  gtk_widget_class_install_action (widget_class, "win.block-pump", NULL, block_pump_cb);
  gtk_widget_class_install_action (widget_class, "win.restore-pump", NULL, restore_pump_cb);
  gtk_widget_class_install_action (widget_class, "win.balance-pump", NULL, balance_pump_cb);

  /* The state of these is a property of the window. */
  gtk_widget_class_install_property_action (widget_class, "win.preset", "preset");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-controls", "controls-visible");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-math", "math-visible");
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreen");
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_install_property_action (widget_class, "win.show-legend", "show-legend");
  gtk_widget_class_install_property_action (widget_class, "win.show-forces", "show-forces");
}

/* What can run follows the session. */
void
_ml_window_update_actions (MlWindow *self)
{
  MlSession *session = self->session;
  gboolean busy = ml_session_get_busy (session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation",
                                 self->presentation);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 ml_history_can_undo (ml_session_get_history (session)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 ml_history_can_redo (ml_session_get_history (session)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset", ml_session_get_modified (session));
  {
    gboolean on = ml_cell_get_pump_mode (ml_session_get_cell (session)) != ML_PUMP_OFF;

    /* On a cell without a pump, Shift+Ctrl+O is there to say so. */
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.block-pump",
                                   on || self->pump_mode_before_block == ML_PUMP_OFF);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-pump", !on);
  }
  /* One save at a time: a second would race the first to the rename. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", !busy);
}
