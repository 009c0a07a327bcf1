/* ml-window.c — the main window
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows one MlSession: the session solves every change of its
 * cell once, and the window hands the one MlSolution to the gauge, the
 * membrane view and the math; none of them computes anything.  The controls
 * pane edits the session's cell; undo, presets and files are session
 * methods, each one change.
 */
#define G_LOG_DOMAIN "ml-window"

#include "config.h"

#include "ml-window-private.h"

#include <glib/gi18n.h>

#include "ml-donnan-window.h"
#include "ml-presets.h"
#include "ml-session.h"
#include "ml-text.h"

enum {
  PROP_0,
  PROP_RESTORE_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlWindow, ml_window, ADW_TYPE_APPLICATION_WINDOW)

static void restore_settings (MlWindow *self);
static void window_width_cb (GtkWidget *widget, GParamSpec *pspec, MlWindow *self);
static void paned_height_cb (GtkWidget *widget, GParamSpec *pspec, MlWindow *self);

void
ml_window_update_title (MlWindow *self)
{
  const char *name = ml_session_get_title (self->session);
  gboolean modified = ml_session_get_modified (self->session);
  GFile *file = ml_session_get_file (self->session);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;

  title = modified ? g_strdup_printf ("• %s", name) : g_strdup (name);

  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);

      /* Translators: the window subtitle, e.g. "neuron.membrane — modified". */
      subtitle = modified ? g_strdup_printf (_("%s — modified"), basename) : g_strdup (basename);
    }
  else
    subtitle = g_strdup (modified ? _("Preset — modified") : _("Preset"));

  /* Called on every slider step: touch the header only when its text changes. */
  if (g_strcmp0 (adw_window_title_get_title (self->title), title) != 0)
    {
      adw_window_title_set_title (self->title, title);
      /* Translators: the window title for the task switcher: scenario name and app name. */
      window_title = g_strdup_printf (_("%s — Membrane Lab"), title);
      gtk_window_set_title (GTK_WINDOW (self), window_title);
    }
  if (g_strcmp0 (adw_window_title_get_subtitle (self->title), subtitle) != 0)
    adw_window_title_set_subtitle (self->title, subtitle);
}

static void
solved_cb (MlSession *session,
           MlWindow  *self)
{
  if (self->donnan != NULL)
    ml_donnan_window_set_temperature (self->donnan,
                                      ml_session_get_solution (session)->temperature_c);
}

static void
session_state_cb (MlSession  *session,
                  GParamSpec *pspec,
                  MlWindow   *self)
{
  ml_window_update_title (self);
}

/* The presets menu marks the preset the cell came from. */
static void
preset_id_cb (MlSession  *session,
              GParamSpec *pspec,
              MlWindow   *self)
{
  const char *id = ml_session_get_preset_id (session);

  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "preset")),
                             g_variant_new_string (id != NULL ? id : ""));
}

static void
controls_invalid_cb (MlControls *controls,
                     const char *message,
                     MlWindow   *self)
{
  ml_window_show_error (self, message);
}

static void
history_changed_cb (MlSession  *session,
                    GParamSpec *pspec,
                    MlWindow   *self)
{
  MlHistory *history = ml_session_get_history (session);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "undo")),
                               ml_history_can_undo (history));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "redo")),
                               ml_history_can_redo (history));
}

/* Actions. */

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ml_session_undo (ML_WINDOW (user_data)->session);
}

static void
redo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ml_session_redo (ML_WINDOW (user_data)->session);
}

static void
reset_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ml_session_reset (ML_WINDOW (user_data)->session);
}

/* A preset never asks about unsaved edits: they stay one undo away, so a
 * lecture is not stopped by a dialog. */
static void
preset_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MlWindow *self = ML_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!ml_window_load_preset (self, g_variant_get_string (parameter, NULL), &error))
    ml_window_show_error (self, error->message);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ml_window_open_dialog (ML_WINDOW (user_data));
}

static void
save_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ml_window_save_current (ML_WINDOW (user_data), NULL, NULL, NULL);
}

static void
save_as_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ml_window_save_dialog (ML_WINDOW (user_data), NULL, NULL, NULL);
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ml_window_export_dialog (ML_WINDOW (user_data));
}

static void
donnan_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MlWindow *self = ML_WINDOW (user_data);

  /* One calculator per window, at the cell's temperature. */
  if (self->donnan == NULL)
    {
      self->donnan = ml_donnan_window_new (GTK_WINDOW (self),
                                           ml_session_get_solution (self->session)->temperature_c);
      g_object_add_weak_pointer (G_OBJECT (self->donnan), (gpointer *)&self->donnan);
    }
  gtk_window_present (GTK_WINDOW (self->donnan));
}

/* The shortcuts window is built the first time it is asked for: its few
 * hundred widgets would otherwise be built with every window (GTK does that
 * for a gtk/help-overlay.ui resource) and slow the start.  It is then made
 * the window's help overlay, which is what shows each action's keys (GTK
 * reads them from the application) and destroys it with the window; this
 * action stays the one that shows it. */
static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (user_data);

  if (gtk_application_window_get_help_overlay (self) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/membranelab/MembraneLab/shortcuts-window.ui");

      gtk_application_window_set_help_overlay (self,
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (self)));
}

static void
copy_math_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MlWindow *self = ML_WINDOW (user_data);
  g_autofree char *text = NULL;
  AdwToast *toast;

  text = ml_math_view_get_text (self->math);

  /* The numbers as text, to paste into a lab sheet or a spreadsheet. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  toast = adw_toast_new (_("The math was copied to the clipboard"));
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
toggle_state (GSimpleAction *action)
{
  GVariant *state = g_action_get_state (G_ACTION (action));

  g_action_change_state (G_ACTION (action), g_variant_new_boolean (!g_variant_get_boolean (state)));
  g_variant_unref (state);
}

static void
toggle_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  toggle_state (action);
}

static void
controls_state_changed (GSimpleAction *action,
                        GVariant      *value,
                        gpointer       user_data)
{
  MlWindow *self = ML_WINDOW (user_data);

  g_simple_action_set_state (action, value);
  adw_flap_set_reveal_flap (self->flap, g_variant_get_boolean (value));
}

static void
math_state_changed (GSimpleAction *action,
                    GVariant      *value,
                    gpointer       user_data)
{
  MlWindow *self = ML_WINDOW (user_data);

  g_simple_action_set_state (action, value);
  gtk_widget_set_visible (self->math_scroller, g_variant_get_boolean (value));
}

static void
fullscreen_state_changed (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  MlWindow *self = ML_WINDOW (user_data);

  g_simple_action_set_state (action, value);
  if (g_variant_get_boolean (value))
    gtk_window_fullscreen (GTK_WINDOW (self));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
}

static void
presentation_state_changed (GSimpleAction *action,
                            GVariant      *value,
                            gpointer       user_data)
{
  MlWindow *self = ML_WINDOW (user_data);
  gboolean on = g_variant_get_boolean (value);

  g_simple_action_set_state (action, value);
  if (on)
    {
      g_autoptr(GVariant) fullscreen = g_action_group_get_action_state (G_ACTION_GROUP (self),
                                                                         "fullscreen");

      /* Leaving the presentation returns to the window as it was. */
      self->was_fullscreen = g_variant_get_boolean (fullscreen);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
  g_action_group_change_action_state (G_ACTION_GROUP (self), "fullscreen",
                                      g_variant_new_boolean (on || self->was_fullscreen));
}

static const GActionEntry win_entries[] = {
  { "undo", undo_activated },
  { "redo", redo_activated },
  { "reset", reset_activated },
  { "preset", preset_activated, "s", "''" },
  { "open", open_activated },
  { "save", save_activated },
  { "save-as", save_as_activated },
  { "export", export_activated },
  { "copy-math", copy_math_activated },
  { "donnan", donnan_activated },
  { "show-help-overlay", shortcuts_activated },
  { "toggle-controls", toggle_activated, NULL, "true", controls_state_changed },
  { "toggle-math", toggle_activated, NULL, "true", math_state_changed },
  { "fullscreen", toggle_activated, NULL, "false", fullscreen_state_changed },
  { "presentation", toggle_activated, NULL, "false", presentation_state_changed },
};

static void
flap_reveal_cb (AdwFlap    *flap,
                GParamSpec *pspec,
                MlWindow   *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-controls");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (adw_flap_get_reveal_flap (flap)));
}

/* Construction of the widgets. */

static GMenuModel *
presets_menu_new (void)
{
  GMenu *menu = g_menu_new ();
  const char * const *ids = ml_presets_list ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *name = ml_presets_get_name (ids[i]);
      g_autofree char *detailed = g_strdup_printf ("win.preset::%s", ids[i]);

      g_menu_append (menu, name != NULL ? name : ids[i], detailed);
    }
  return G_MENU_MODEL (menu);
}

static GMenuModel *
main_menu_new (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section;
  GMenu *style;

  section = g_menu_new ();
  g_menu_append (section, _("_Open…"), "win.open");
  g_menu_append (section, _("_Save"), "win.save");
  g_menu_append (section, _("Save _As…"), "win.save-as");
  g_menu_append (section, _("_Export Figure…"), "win.export");
  g_menu_append (section, _("_Copy the Math"), "win.copy-math");
  g_menu_append (section, _("Do_nnan Equilibrium…"), "win.donnan");
  g_menu_append (section, _("_Reset Cell"), "win.reset");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  g_menu_append (section, _("Show _Controls"), "win.toggle-controls");
  g_menu_append (section, _("Show the _Math"), "win.toggle-math");
  g_menu_append (section, _("_Fullscreen"), "win.fullscreen");
  g_menu_append (section, _("_Presentation Mode"), "win.presentation");
  style = g_menu_new ();
  g_menu_append (style, _("Follow _System"), "app.color-scheme::default");
  g_menu_append (style, _("_Light"), "app.color-scheme::light");
  g_menu_append (style, _("_Dark"), "app.color-scheme::dark");
  g_menu_append_submenu (section, _("_Style"), G_MENU_MODEL (style));
  g_object_unref (style);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  g_menu_append (section, _("_Keyboard Shortcuts"), "win.show-help-overlay");
  g_menu_append (section, _("_About Membrane Lab"), "app.about");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  return G_MENU_MODEL (menu);
}

/* The menus are built when first opened, not with the window: their
 * popovers hold well over a hundred widgets that the start does not need.
 * @user_data is the function that makes the menu's model. */
typedef GMenuModel *(*MenuModelNew) (void);

static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  MenuModelNew model_new = (MenuModelNew) user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    {
      g_autoptr(GMenuModel) model = model_new ();

      gtk_menu_button_set_menu_model (button, model);
    }
}

static GtkWidget *
icon_button_new (const char *icon,
                 const char *action,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static void
build_ui (MlWindow *self)
{
  GtkWidget *toolbar, *header, *button, *views, *content, *sidebar_toggle;

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), toolbar);

  header = adw_header_bar_new ();
  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (toolbar), header);

  sidebar_toggle = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (sidebar_toggle), "sidebar-show-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sidebar_toggle), "win.toggle-controls");
  gtk_widget_set_tooltip_text (sidebar_toggle, _("Show Controls (F9)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sidebar_toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show controls"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), sidebar_toggle);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Presets"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_popup,
                                         (gpointer) presets_menu_new, NULL);
  gtk_widget_set_tooltip_text (button, _("Choose a cell (Ctrl+1 … Ctrl+6)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Presets"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), button);

  adw_header_bar_pack_start (ADW_HEADER_BAR (header),
                             icon_button_new ("document-open-symbolic", "win.open", _("Open (Ctrl+O)")));

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "open-menu-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_popup,
                                         (gpointer) main_menu_new, NULL);
  gtk_menu_button_set_primary (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_tooltip_text (button, _("Main Menu (F10)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main menu"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           icon_button_new ("document-save-symbolic", "win.save", _("Save (Ctrl+S)")));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           icon_button_new ("edit-redo-symbolic", "win.redo", _("Redo (Shift+Ctrl+Z)")));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           icon_button_new ("edit-undo-symbolic", "win.undo", _("Undo (Ctrl+Z)")));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->toasts));

  self->flap = ADW_FLAP (adw_flap_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->flap));
  g_signal_connect (self->flap, "notify::reveal-flap", G_CALLBACK (flap_reveal_cb), self);

  self->controls = ML_CONTROLS (ml_controls_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->controls), "sidebar-pane");
  gtk_widget_add_css_class (GTK_WIDGET (self->controls), "background");
  adw_flap_set_flap (self->flap, GTK_WIDGET (self->controls));
  adw_flap_set_separator (self->flap, gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  content = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  self->paned = GTK_PANED (content);
  gtk_paned_set_wide_handle (self->paned, TRUE);
  gtk_paned_set_shrink_start_child (self->paned, FALSE);
  gtk_paned_set_shrink_end_child (self->paned, FALSE);
  gtk_widget_set_hexpand (content, TRUE);
  adw_flap_set_content (self->flap, content);

  views = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (views, "views");
  self->membrane = ML_MEMBRANE_VIEW (ml_membrane_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->membrane), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->membrane), TRUE);
  gtk_box_append (GTK_BOX (views), GTK_WIDGET (self->membrane));
  self->gauge = ML_GAUGE (ml_gauge_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->gauge), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->gauge), TRUE);
  gtk_box_append (GTK_BOX (views), GTK_WIDGET (self->gauge));
  gtk_paned_set_start_child (self->paned, views);

  self->math_scroller = gtk_scrolled_window_new ();
  gtk_widget_add_css_class (self->math_scroller, "math-pane");
  /* Never sideways: the view wraps its formulas when narrow, and its table
   * scrolls on its own (ml-math-view.c). */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->math_scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->math_scroller), 150);
  self->math = ML_MATH_VIEW (ml_math_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->math_scroller), GTK_WIDGET (self->math));
  gtk_paned_set_end_child (self->paned, self->math_scroller);
}

/* On a wide screen the sliders may be longer; at 1024 px the pane keeps its
 * compact minimum so the views still fit beside it. */
static void
window_width_cb (GtkWidget  *widget,
                 GParamSpec *pspec,
                 MlWindow   *self)
{
  int width = 0, height = 0;

  /* GTK 4.8 wants both pointers. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_widget_set_size_request (GTK_WIDGET (self->controls), width >= 1500 ? 400 : -1, -1);
}

/* Give the views a little more than half the height whenever the window's
 * height changes; the math below scrolls. */
static void
paned_height_cb (GtkWidget  *widget,
                 GParamSpec *pspec,
                 MlWindow   *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (height > 0)
    gtk_paned_set_position (self->paned, (int)(height * 0.55));
}

static gboolean
close_request_cb (GtkWindow *window,
                  gpointer   user_data);

static void
ml_window_dispose (GObject *object)
{
  MlWindow *self = ML_WINDOW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* A load still running finds the window gone and does nothing. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->donnan != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->donnan), (gpointer *)&self->donnan);
      gtk_window_destroy (GTK_WINDOW (self->donnan));
      self->donnan = NULL;
    }
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (ml_window_parent_class)->dispose (object);
}

static void
ml_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MlWindow *self = ML_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RESTORE_STATE:
      self->restore_state = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_window_constructed (GObject *object)
{
  MlWindow *self = ML_WINDOW (object);

  G_OBJECT_CLASS (ml_window_parent_class)->constructed (object);

  if (self->restore_state)
    restore_settings (self);
  window_width_cb (GTK_WIDGET (self), NULL, self);
  paned_height_cb (GTK_WIDGET (self), NULL, self);
}

static void
ml_window_class_init (MlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_window_dispose;
  object_class->set_property = ml_window_set_property;
  object_class->constructed = ml_window_constructed;

  properties[PROP_RESTORE_STATE] =
    g_param_spec_boolean ("restore-state", NULL, NULL, TRUE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "mlwindow");
}

static void
restore_settings (MlWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_action_group_change_action_state (G_ACTION_GROUP (self), "toggle-controls",
                                      g_variant_new_boolean (g_settings_get_boolean (self->settings,
                                                                                     "controls-visible")));
  g_action_group_change_action_state (G_ACTION_GROUP (self), "toggle-math",
                                      g_variant_new_boolean (g_settings_get_boolean (self->settings,
                                                                                     "math-visible")));
}

static void
store_settings (MlWindow *self)
{
  int width, height;
  g_autofree char *scenario = NULL;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "controls-visible", adw_flap_get_reveal_flap (self->flap));
  g_settings_set_boolean (self->settings, "math-visible", gtk_widget_get_visible (self->math_scroller));

  if (ml_session_get_file (self->session) != NULL)
    scenario = g_file_get_uri (ml_session_get_file (self->session));
  else if (ml_session_get_preset_id (self->session) != NULL)
    scenario = g_strdup_printf ("preset:%s", ml_session_get_preset_id (self->session));
  g_settings_set_string (self->settings, "last-scenario", scenario != NULL ? scenario : "");
}

static void
close_continuation (MlWindow *self,
                    gpointer  data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_request_cb (GtkWindow *window,
                  gpointer   user_data)
{
  MlWindow *self = ML_WINDOW (window);

  store_settings (self);
  if (self->close_confirmed || !ml_window_get_modified (self))
    return FALSE;

  ml_window_confirm_discard (self, close_continuation, NULL, NULL);
  return TRUE;
}

static void
ml_window_init (MlWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);
  gtk_window_set_icon_name (GTK_WINDOW (self), APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries), self);
  build_ui (self);

  self->session = ml_session_new ();
  g_signal_connect (self->session, "notify::can-undo", G_CALLBACK (history_changed_cb), self);
  g_signal_connect (self->session, "notify::can-redo", G_CALLBACK (history_changed_cb), self);
  g_signal_connect (self->session, "notify::preset-id", G_CALLBACK (preset_id_cb), self);
  g_signal_connect (self->session, "notify::title", G_CALLBACK (session_state_cb), self);
  g_signal_connect (self->session, "notify::modified", G_CALLBACK (session_state_cb), self);
  g_signal_connect (self->session, "notify::file", G_CALLBACK (session_state_cb), self);
  g_signal_connect (self->session, "solved", G_CALLBACK (solved_cb), self);
  history_changed_cb (self->session, NULL, self);
  preset_id_cb (self->session, NULL, self);

  ml_controls_set_cell (self->controls, ml_session_get_cell (self->session),
                        ml_session_get_reference (self->session));
  g_signal_connect (self->controls, "invalid", G_CALLBACK (controls_invalid_cb), self);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  g_signal_connect (self, "notify::default-height", G_CALLBACK (paned_height_cb), self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (window_width_cb), self);

  ml_gauge_set_session (self->gauge, self->session);
  ml_membrane_view_set_session (self->membrane, self->session);
  ml_math_view_set_session (self->math, self->session);
  ml_window_update_title (self);
}

MlWindow *
ml_window_new (GtkApplication *application)
{
  return ml_window_new_full (application, TRUE);
}

MlWindow *
ml_window_new_full (GtkApplication *application,
                    gboolean        restore_state)
{
  return g_object_new (ML_TYPE_WINDOW,
                       "application", application,
                       "restore-state", restore_state,
                       NULL);
}

MlSession *
ml_window_get_session (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return self->session;
}

MlCell *
ml_window_get_cell (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return ml_session_get_cell (self->session);
}

const MlSolution *
ml_window_get_solution (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return ml_session_get_solution (self->session);
}

MlHistory *
ml_window_get_history (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return ml_session_get_history (self->session);
}

MlControls *
ml_window_get_controls (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return self->controls;
}

MlGauge *
ml_window_get_gauge (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return self->gauge;
}

MlMembraneView *
ml_window_get_membrane_view (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return self->membrane;
}

MlMathView *
ml_window_get_math_view (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return self->math;
}

gboolean
ml_window_load_preset (MlWindow    *self,
                       const char  *id,
                       GError     **error)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), FALSE);
  return ml_session_load_preset (self->session, id, error);
}

gboolean
ml_window_load_file (MlWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), FALSE);
  return ml_session_load_file (self->session, file, error);
}

typedef struct
{
  MlWindow *window;
  gboolean  undoable;
} Loading;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Loading *loading = user_data;
  g_autoptr(MlWindow) self = loading->window;
  g_autoptr(GError) error = NULL;
  gboolean undoable = loading->undoable;

  g_free (loading);
  if (!ml_session_load_file_finish (ML_SESSION (source), result, &error))
    {
      /* Cancelled: a newer load or the window's end took over. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_object (&self->load_cancellable);
          ml_window_show_error (self, error->message);
        }
      return;
    }
  g_clear_object (&self->load_cancellable);
  if (!undoable)
    ml_session_forget_history (self->session);
}

/**
 * ml_window_start_loading:
 * @self: a window
 * @file: a scenario file
 * @undoable: whether the load is a step that undo takes back
 *
 * Reads @file in the background, so that a slow or stale location never
 * freezes the window, then replaces the cell without asking; an error
 * becomes a toast and leaves the cell untouched.  A second call cancels a
 * load still running.
 */
void
ml_window_start_loading (MlWindow *self,
                         GFile    *file,
                         gboolean  undoable)
{
  Loading *loading;

  g_return_if_fail (ML_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  loading = g_new0 (Loading, 1);
  loading->window = g_object_ref (self);
  loading->undoable = undoable;
  ml_session_load_file_async (self->session, file, self->load_cancellable, loaded_cb, loading);
}

/* Whether a load started by ml_window_start_loading() is still running. */
gboolean
ml_window_is_loading (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL;
}

gboolean
ml_window_save_file (MlWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), FALSE);
  return ml_session_save_file (self->session, file, error);
}

GFile *
ml_window_get_file (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return ml_session_get_file (self->session);
}

gboolean
ml_window_get_modified (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), FALSE);
  return ml_session_get_modified (self->session);
}

void
ml_window_show_error (MlWindow   *self,
                      const char *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (ML_IS_WINDOW (self));

  /* One line of a readable length, and escaped: libadwaita 1.2 reads a
   * toast's title as Pango markup, and a quoted "&" or "<" would leave
   * the toast empty. */
  g_free (self->last_error);
  self->last_error = ml_text_one_line (message, ML_TEXT_MESSAGE_MAX_BYTES);
  escaped = g_markup_escape_text (self->last_error, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

const char *
ml_window_get_last_error (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return self->last_error;
}
