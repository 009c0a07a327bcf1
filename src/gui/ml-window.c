/* ml-window.c — the main window: a shell of pages around one session
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is a template (ui/window.ui).  It shows one MlSession: it
 * hands the session to each view and page, which follow its solutions
 * themselves, and keeps only what belongs to a window — the title, the
 * toasts, the pages, the sizes and the unsaved-changes question.  Its
 * actions are in ml-window-actions.c, files in ml-window-files.c.
 *
 * A page is added with ml_window_add_page(): a name, a title, an icon and
 * a function that builds the page for a session.  It is built the first
 * time it is shown, so a page nobody opens costs nothing at start, and the
 * page switcher appears once there is more than one page.
 */
#define G_LOG_DOMAIN "ml-window"

#include "config.h"

#include "ml-window-private.h"

#include <glib/gi18n.h>

#include "ml-donnan-window.h"
#include "ml-plots-page.h"
#include "ml-practice-page.h"
#include "ml-time-course-page.h"
#include "ml-presets.h"
#include "ml-session.h"
#include "ml-text.h"

enum {
  PROP_0,
  PROP_RESTORE_STATE,
  PROP_PRESET,
  PROP_CONTROLS_VISIBLE,
  PROP_MATH_VISIBLE,
  PROP_FULLSCREEN,
  PROP_PRESENTATION,
  PROP_SHOW_LEGEND,
  PROP_SHOW_FORCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlWindow, ml_window, ADW_TYPE_APPLICATION_WINDOW)

static void restore_settings (MlWindow *self);
static void window_width_cb (GtkWidget *widget, GParamSpec *pspec, MlWindow *self);
static void paned_height_cb (GtkWidget *widget, GParamSpec *pspec, MlWindow *self);
static void update_switcher_bar (MlWindow *self);
static gboolean close_request_cb (GtkWindow *window, gpointer user_data);

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
      if (self->switcher_title != NULL)
        adw_view_switcher_title_set_title (self->switcher_title, title);
      /* Translators: the window title for the task switcher: scenario name and app name. */
      window_title = g_strdup_printf (_("%s — Membrane Lab"), title);
      gtk_window_set_title (GTK_WINDOW (self), window_title);
    }
  if (g_strcmp0 (adw_window_title_get_subtitle (self->title), subtitle) != 0)
    {
      adw_window_title_set_subtitle (self->title, subtitle);
      if (self->switcher_title != NULL)
        adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
    }
}

static void
solved_cb (MlSession *session,
           MlWindow  *self)
{
  self->n_solved++;
  /* What "restore the pump" brings back, and whether block or restore can
   * run: the pump's model as the cell last had it running. */
  if (ml_cell_get_pump_mode (ml_session_get_cell (session)) != ML_PUMP_OFF)
    self->pump_mode_before_block = ml_cell_get_pump_mode (ml_session_get_cell (session));
  /* A cell that never ran a pump has none to be blocked. */
  ml_membrane_view_set_pump_absent (self->membrane, self->pump_mode_before_block == ML_PUMP_OFF);
  _ml_window_update_actions (self);

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
  _ml_window_update_actions (self);
}

/* The presets menu marks the preset the cell came from. */
static void
preset_id_cb (MlSession  *session,
              GParamSpec *pspec,
              MlWindow   *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
}

/* A cell just loaded: "restore" brings back its own pump, the kinetic one
 * when it has none. */
static void
origin_changed_cb (MlSession *session,
                   MlWindow  *self)
{
  self->pump_mode_before_block = ml_cell_get_pump_mode (ml_session_get_cell (session));
  ml_membrane_view_set_pump_absent (self->membrane, self->pump_mode_before_block == ML_PUMP_OFF);
  _ml_window_update_actions (self);
}

static void
controls_invalid_cb (MlControls *controls,
                     const char *message,
                     MlWindow   *self)
{
  ml_window_show_error (self, message);
}

static void
flap_reveal_cb (AdwFlap    *flap,
                GParamSpec *pspec,
                MlWindow   *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLS_VISIBLE]);
}

static void
math_visible_cb (GtkWidget  *scroller,
                 GParamSpec *pspec,
                 MlWindow   *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATH_VISIBLE]);
}

/* A lesson or a screenshot set a view option: the menu's toggles follow. */
static void
view_option_cb (MlWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_FORCES]);
}

/* The requested state: GTK's "fullscreened" follows the window manager,
 * later, and not at all without one. */
static void
set_fullscreen (MlWindow *self,
                gboolean  on)
{
  if (self->fullscreen == on)
    return;
  self->fullscreen = on;
  if (on)
    gtk_window_fullscreen (GTK_WINDOW (self));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULLSCREEN]);
}

/* The back row's sizes: V_m's digits a tenth of the screen's height, no
 * drawn text below 18 px. */
#define PRESENTATION_TEXT_PX 18.0

static void
update_presentation_sizes (MlWindow *self)
{
  int width = 0, height = 0;

  if (!self->presentation)
    {
      ml_gauge_set_floors (self->gauge, 0, 0);
      return;
    }
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  height = MAX (height, gtk_widget_get_height (GTK_WIDGET (self)));
  ml_gauge_set_floors (self->gauge, height > 0 ? height / 10.0 : 0, PRESENTATION_TEXT_PX);
}

static void
set_presentation (MlWindow *self,
                  gboolean  on)
{
  if (self->presentation == on)
    return;
  self->presentation = on;
  if (on)
    {
      /* Leaving the presentation returns to the window as it was. */
      self->was_fullscreen = self->fullscreen;
      self->controls_before_presentation = adw_flap_get_reveal_flap (self->flap);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      /* The room is the picture's: the header bar goes (Esc and F5 leave,
       * every demo action has a key) and so do the controls (F9). */
      adw_flap_set_reveal_flap (self->flap, FALSE);
      /* Locked: a page that unfolds the flap (the time course, whose
       * tools fold into two rows) must not open the controls by itself;
       * only F9 does. */
      adw_flap_set_locked (self->flap, TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      adw_flap_set_locked (self->flap, FALSE);
      adw_flap_set_reveal_flap (self->flap, self->controls_before_presentation);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->header), !on);
  update_switcher_bar (self);
  /* The gauge as wide as its large number needs, the membrane the rest. */
  gtk_widget_set_hexpand (GTK_WIDGET (self->gauge), !on);
  _ml_window_place_lesson_pane (self);
  if (self->donnan != NULL)
    ml_donnan_window_set_presentation (self->donnan, on);
  update_presentation_sizes (self);
  set_fullscreen (self, on || self->was_fullscreen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", on);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

/* Pages. */

/* The bottom bar shows when the header bar's switcher has given way to the
 * title (a narrow window); not in presentation mode, which has neither. */
static void
update_switcher_bar (MlWindow *self)
{
  if (self->switcher_bar == NULL)
    return;
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    !self->presentation
                                    && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

typedef struct
{
  MlWindowPageFactory factory;
} PageInfo;

static void
build_page (MlWindow  *self,
            GtkWidget *placeholder)
{
  PageInfo *info = g_object_get_data (G_OBJECT (placeholder), "ml-page-info");

  if (info == NULL || adw_bin_get_child (ADW_BIN (placeholder)) != NULL)
    return;
  g_debug ("building page %s", gtk_widget_get_name (placeholder));
  adw_bin_set_child (ADW_BIN (placeholder), info->factory (self->session));
}

static void
visible_page_cb (AdwViewStack *stack,
                 GParamSpec   *pspec,
                 MlWindow     *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (stack);

  if (child != NULL && ADW_IS_BIN (child))
    build_page (self, child);
  _ml_window_place_lesson_pane (self);
}

static guint
count_pages (MlWindow *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* Widgets and menus. */

static GMenuModel *
presets_menu_new (void)
{
  GMenu *menu = g_menu_new ();
  const char * const *ids = ml_presets_list ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *name = ml_presets_get_name (ids[i]);
      g_autofree char *detailed = g_strdup_printf ("win.preset::%s", ids[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name != NULL ? name : ids[i], detailed);

      /* Drawn by a widget of our own (create_popup): name, description and
       * source, so a lecturer sees what each cell is before choosing. */
      g_menu_item_set_attribute (item, "custom", "s", ids[i]);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GMenuModel *
main_menu_new (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section;
  GMenu *style;
  GMenuModel *lessons;

  section = g_menu_new ();
  g_menu_append (section, _("_Open…"), "win.open");
  g_menu_append (section, _("_Save"), "win.save");
  g_menu_append (section, _("Save _As…"), "win.save-as");
  g_menu_append (section, _("_Export Figure…"), "win.export");
  g_menu_append (section, _("_Copy the Math"), "win.copy-math");
  g_menu_append (section, _("Do_nnan Equilibrium…"), "win.donnan");
  g_menu_append (section, _("Scenario _Details…"), "win.details");
  g_menu_append (section, _("Lab _Handout (PDF)…"), "win.handout");
  g_menu_append (section, _("_Reset Cell"), "win.reset");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  lessons = _ml_window_lessons_menu_new ();
  g_menu_append_submenu (section, _("_Lessons"), lessons);
  g_object_unref (lessons);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  g_menu_append (section, _("Show _Controls"), "win.toggle-controls");
  g_menu_append (section, _("Show the _Math"), "win.toggle-math");
  g_menu_append (section, _("Show the _Legend"), "win.show-legend");
  g_menu_append (section, _("Show Each Ion’s Two _Forces"), "win.show-forces");
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
preset_row_clicked_cb (GtkButton *row,
                       GtkPopover *popover)
{
  gtk_popover_popdown (popover);
}

/* Each preset as a row: its name, its description and its source. */
static void
add_preset_rows (GtkMenuButton *button,
                 GMenuModel    *model)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      g_autofree char *source = NULL;
      g_autofree char *detailed = NULL;
      GtkWidget *row, *box, *label;

      if (!g_menu_model_get_item_attribute (model, i, "custom", "s", &id))
        continue;
      name = ml_presets_get_name (id);
      description = ml_presets_get_string (id, "Description");
      source = ml_presets_get_string (id, "Source");
      detailed = g_strdup_printf ("win.preset::%s", id);

      row = gtk_button_new ();
      gtk_widget_add_css_class (row, "flat");
      gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (row), detailed);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      label = gtk_label_new (name != NULL ? name : id);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
      if (description != NULL && description[0] != '\0')
        {
          label = gtk_label_new (description);
          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
          gtk_widget_add_css_class (label, "body");
          gtk_box_append (GTK_BOX (box), label);
        }
      if (source != NULL && source[0] != '\0')
        {
          label = gtk_label_new (source);
          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "body");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_button_set_child (GTK_BUTTON (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name != NULL ? name : id,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description != NULL ? description : "",
                                      -1);
      g_signal_connect (row, "clicked", G_CALLBACK (preset_row_clicked_cb), popover);
      gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), row, id);
    }
}

static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  MenuModelNew model_new = (MenuModelNew) user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    {
      g_autoptr(GMenuModel) model = model_new ();

      gtk_menu_button_set_menu_model (button, model);
      if (model_new == presets_menu_new)
        add_preset_rows (button, model);
    }
}

static void
ml_window_dispose (GObject *object)
{
  MlWindow *self = ML_WINDOW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* A load still running finds the window gone and does nothing. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->disk_file);
  g_clear_pointer (&self->disk_etag, g_free);
  /* Ours while the pane lies over the page and it has no parent. */
  g_clear_object (&self->lesson_separator);
  if (self->donnan != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->donnan), (gpointer *)&self->donnan);
      gtk_window_destroy (GTK_WINDOW (self->donnan));
      self->donnan = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), ML_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (ml_window_parent_class)->dispose (object);
}

static void
ml_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MlWindow *self = ML_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESET:
      {
        const char *id = self->session != NULL ? ml_session_get_preset_id (self->session) : NULL;

        g_value_set_string (value, id != NULL ? id : "");
      }
      break;
    /* GTK asks for the actions' states before and after the template
     * exists (construction, dispose). */
    case PROP_CONTROLS_VISIBLE:
      g_value_set_boolean (value, self->flap == NULL || adw_flap_get_reveal_flap (self->flap));
      break;
    case PROP_MATH_VISIBLE:
      g_value_set_boolean (value, self->math_scroller == NULL
                                  || gtk_widget_get_visible (self->math_scroller));
      break;
    case PROP_FULLSCREEN:
      g_value_set_boolean (value, self->fullscreen);
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->membrane != NULL
                                  && ml_membrane_view_get_show_legend (self->membrane));
      break;
    case PROP_SHOW_FORCES:
      g_value_set_boolean (value, self->membrane != NULL
                                  && ml_membrane_view_get_show_forces (self->membrane));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
    case PROP_PRESET:
      {
        /* A preset never asks about unsaved edits: they stay one undo
         * away, so a lecture is not stopped by a dialog. */
        g_autoptr(GError) error = NULL;
        const char *id = g_value_get_string (value);

        if (id != NULL && id[0] != '\0' && !ml_window_load_preset (self, id, &error))
          ml_window_show_error (self, error->message);
      }
      break;
    case PROP_CONTROLS_VISIBLE:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    case PROP_MATH_VISIBLE:
      gtk_widget_set_visible (self->math_scroller, g_value_get_boolean (value));
      break;
    case PROP_FULLSCREEN:
      set_fullscreen (self, g_value_get_boolean (value));
      break;
    case PROP_PRESENTATION:
      set_presentation (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_LEGEND:
      ml_membrane_view_set_show_legend (self->membrane, g_value_get_boolean (value));
      break;
    case PROP_SHOW_FORCES:
      ml_membrane_view_set_show_forces (self->membrane, g_value_get_boolean (value));
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
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ml_window_dispose;
  object_class->get_property = ml_window_get_property;
  object_class->set_property = ml_window_set_property;
  object_class->constructed = ml_window_constructed;

  properties[PROP_RESTORE_STATE] =
    g_param_spec_boolean ("restore-state", NULL, NULL, TRUE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The preset the cell came from ("" for a file); setting it loads one. */
  properties[PROP_PRESET] = g_param_spec_string ("preset", NULL, NULL, "", flags);
  properties[PROP_CONTROLS_VISIBLE] =
    g_param_spec_boolean ("controls-visible", NULL, NULL, TRUE, flags);
  properties[PROP_MATH_VISIBLE] = g_param_spec_boolean ("math-visible", NULL, NULL, TRUE, flags);
  properties[PROP_FULLSCREEN] = g_param_spec_boolean ("fullscreen", NULL, NULL, FALSE, flags);
  properties[PROP_PRESENTATION] = g_param_spec_boolean ("presentation", NULL, NULL, FALSE, flags);
  /* The membrane view's options, as the menu's toggles. */
  properties[PROP_SHOW_LEGEND] = g_param_spec_boolean ("show-legend", NULL, NULL, FALSE, flags);
  properties[PROP_SHOW_FORCES] = g_param_spec_boolean ("show-forces", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ML_TYPE_CONTROLS);
  g_type_ensure (ML_TYPE_GAUGE);
  g_type_ensure (ML_TYPE_MEMBRANE_VIEW);
  g_type_ensure (ML_TYPE_MATH_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/window.ui");
  gtk_widget_class_bind_template_child (widget_class, MlWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, page_overlay);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, math_box);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, bottom_box);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, header);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, title);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, math_scroller);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, controls);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, gauge);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, membrane);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, math);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, presets_button);
  gtk_widget_class_bind_template_child (widget_class, MlWindow, main_menu_button);

  _ml_window_class_install_actions (widget_class);
  _ml_window_class_install_lesson_actions (widget_class);
  gtk_widget_class_set_css_name (widget_class, "mlwindow");
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
  _ml_window_place_lesson_pane (self);
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
  update_presentation_sizes (self);
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
  g_object_set (self,
                "controls-visible", g_settings_get_boolean (self->settings, "controls-visible"),
                "math-visible", g_settings_get_boolean (self->settings, "math-visible"),
                NULL);
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
      g_autoptr(GSettingsSchema) schema = NULL;
      g_autoptr(GSettingsSchemaKey) width_key = NULL;
      g_autoptr(GSettingsSchemaKey) height_key = NULL;
      g_autoptr(GVariant) w = g_variant_ref_sink (g_variant_new_int32 (width));
      g_autoptr(GVariant) h = g_variant_ref_sink (g_variant_new_int32 (height));

      /* Only a size the schema's range takes: another is a CRITICAL. */
      g_object_get (self->settings, "settings-schema", &schema, NULL);
      width_key = g_settings_schema_get_key (schema, "window-width");
      height_key = g_settings_schema_get_key (schema, "window-height");
      if (g_settings_schema_key_range_check (width_key, w)
          && g_settings_schema_key_range_check (height_key, h))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
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

static void
busy_closing_cb (MlSession  *session,
                 GParamSpec *pspec,
                 MlWindow   *self)
{
  if (!ml_session_get_busy (session) && self->close_when_idle)
    {
      self->close_when_idle = FALSE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
close_request_cb (GtkWindow *window,
                  gpointer   user_data)
{
  MlWindow *self = ML_WINDOW (window);

  /* A save still writing: the window closes when it ends, so the file is
   * whole and no temporary file stays behind. */
  if (ml_session_get_busy (self->session))
    {
      self->close_when_idle = TRUE;
      return TRUE;
    }
  store_settings (self);
  if (self->close_confirmed || !ml_window_get_modified (self))
    return FALSE;

  ml_window_confirm_discard (self, close_continuation, NULL, NULL);
  return TRUE;
}

static void
ml_window_init (MlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->presets_button, create_popup,
                                         (gpointer) presets_menu_new, NULL);
  gtk_menu_button_set_create_popup_func (self->main_menu_button, create_popup,
                                         (gpointer) main_menu_new, NULL);
  g_signal_connect (self->flap, "notify::reveal-flap", G_CALLBACK (flap_reveal_cb), self);
  g_signal_connect (self->math_scroller, "notify::visible", G_CALLBACK (math_visible_cb), self);
  g_signal_connect (self->stack, "notify::visible-child", G_CALLBACK (visible_page_cb), self);

  self->session = ml_session_new ();
  g_signal_connect (self->session, "notify::can-undo", G_CALLBACK (session_state_cb), self);
  g_signal_connect (self->session, "notify::can-redo", G_CALLBACK (session_state_cb), self);
  g_signal_connect (self->session, "notify::busy", G_CALLBACK (session_state_cb), self);
  g_signal_connect (self->session, "notify::busy", G_CALLBACK (busy_closing_cb), self);
  g_signal_connect (self->session, "notify::title", G_CALLBACK (session_state_cb), self);
  g_signal_connect (self->session, "notify::modified", G_CALLBACK (session_state_cb), self);
  g_signal_connect (self->session, "notify::file", G_CALLBACK (session_state_cb), self);
  g_signal_connect (self->session, "notify::preset-id", G_CALLBACK (preset_id_cb), self);
  g_signal_connect (self->session, "solved", G_CALLBACK (solved_cb), self);
  _ml_window_setup_files (self);
  g_signal_connect (self->session, "origin-changed", G_CALLBACK (origin_changed_cb), self);

  ml_controls_set_session (self->controls, self->session);
  g_signal_connect (self->controls, "invalid", G_CALLBACK (controls_invalid_cb), self);
  ml_gauge_set_session (self->gauge, self->session);
  ml_membrane_view_set_session (self->membrane, self->session);
  g_signal_connect_swapped (self->membrane, "notify::show-legend", G_CALLBACK (view_option_cb),
                            self);
  g_signal_connect_swapped (self->membrane, "notify::show-forces", G_CALLBACK (view_option_cb),
                            self);
  ml_math_view_set_session (self->math, self->session);

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  g_signal_connect (self, "notify::default-height", G_CALLBACK (paned_height_cb), self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (window_width_cb), self);

  ml_window_add_page (self, "time-course", _("Time Course"), "document-open-recent-symbolic",
                      ml_time_course_page_new);
  ml_window_add_page (self, "plots", _("Plots"), "applications-graphics-symbolic",
                      ml_plots_page_new);
  ml_window_add_page (self, "practice", _("Practice"), "accessories-calculator-symbolic",
                      ml_practice_page_new);

  _ml_window_setup_lessons (self);
  gtk_box_append (GTK_BOX (self->math_box), self->math_concealed);

  ml_window_update_title (self);
  _ml_window_update_actions (self);
}

/**
 * ml_window_add_page:
 * @self: a window
 * @name: the page's name, for ml_window_show_page()
 * @title: its title in the page switcher, translated
 * @icon_name: its icon
 * @factory: builds the page for the window's session, the first time the
 *   page is shown
 *
 * Adds a page to the window's view stack.  The switcher appears once
 * there is more than one page.
 */
void
ml_window_add_page (MlWindow            *self,
                    const char          *name,
                    const char          *title,
                    const char          *icon_name,
                    MlWindowPageFactory  factory)
{
  GtkWidget *placeholder;
  PageInfo *info;

  g_return_if_fail (ML_IS_WINDOW (self));
  g_return_if_fail (name != NULL && factory != NULL);

  placeholder = adw_bin_new ();
  gtk_widget_set_name (placeholder, name);
  info = g_new0 (PageInfo, 1);
  info->factory = factory;
  g_object_set_data_full (G_OBJECT (placeholder), "ml-page-info", info, g_free);
  adw_view_stack_add_titled (self->stack, placeholder, name, title);
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (self->stack, placeholder), icon_name);

  /* The switcher is made with the second page, not at start: a window of
   * one page needs none, and it costs start-up time. */
  if (self->switcher_title == NULL && count_pages (self) > 1)
    {
      self->switcher_title = ADW_VIEW_SWITCHER_TITLE (adw_view_switcher_title_new ());
      adw_view_switcher_title_set_stack (self->switcher_title, self->stack);
      adw_view_switcher_title_set_title (self->switcher_title,
                                         adw_window_title_get_title (self->title));
      adw_view_switcher_title_set_subtitle (self->switcher_title,
                                            adw_window_title_get_subtitle (self->title));
      adw_header_bar_set_title_widget (self->header, GTK_WIDGET (self->switcher_title));
      /* A narrow window has no room for the switcher in the header bar:
       * the pages are then switched from a bar at the bottom. */
      self->switcher_bar = ADW_VIEW_SWITCHER_BAR (adw_view_switcher_bar_new ());
      adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);
      gtk_box_append (GTK_BOX (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self))),
                      GTK_WIDGET (self->switcher_bar));
      g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                                G_CALLBACK (update_switcher_bar), self);
      update_switcher_bar (self);
    }
}

/* Shows the page named @name, building it if it is new. */
void
ml_window_show_page (MlWindow   *self,
                     const char *name)
{
  g_return_if_fail (ML_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* The page named @name, or NULL while it has not been built. */
GtkWidget *
ml_window_get_page (MlWindow   *self,
                    const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);

  child = adw_view_stack_get_child_by_name (self->stack, name);
  if (child != NULL && ADW_IS_BIN (child))
    return adw_bin_get_child (ADW_BIN (child));
  return child;
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

  /* The preset is the newer choice: a file still loading must not
   * replace it when it arrives. */
  if (ml_presets_exists (id))
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
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
  guint64   n_solved;   /* the window's count of solutions at the start */
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
  guint64 n_solved = loading->n_solved;

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
  /* A start is not a step to undo, unless the user has edited meanwhile
   * (one solution is the load's own): then the edits stay one undo away. */
  if (!undoable && self->n_solved - n_solved <= 1)
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
  loading->n_solved = self->n_solved;
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

  /* A save that ends after the window went has no toast to show. */
  if (self->toasts == NULL)
    return;

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
