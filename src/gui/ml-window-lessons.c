/* ml-window-lessons.c — the window's side of a guided lesson
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson pane (pages/ml-lesson-pane.c) sits beside the pages.  The
 * window starts a lesson from the Lessons menu or a file, forwards the
 * keys a presentation clicker sends (Page Down, Page Up), hides the gauge's
 * number and the math while a step waits for a prediction, and does what a
 * step asks of the window: show a page or the Donnan window, start the
 * time course, set a view option.
 */
#define G_LOG_DOMAIN "ml-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-window-private.h"
#include "ml-lesson-pane.h"
#include "ml-time-course-page.h"

static void
update_lesson_actions (MlWindow *self)
{
  MlLessonPane *pane = ML_LESSON_PANE (self->lesson_pane);
  const MlLesson *lesson = ml_lesson_pane_get_lesson (pane);
  guint step = ml_lesson_pane_get_step (pane);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.lesson-next",
                                 lesson != NULL && step + 1 < ml_lesson_get_n_steps (lesson));
  gtk_widget_action_set_enabled (widget, "win.lesson-previous", lesson != NULL && step > 0);
  gtk_widget_action_set_enabled (widget, "win.lesson-restart", lesson != NULL);
  gtk_widget_action_set_enabled (widget, "win.lesson-close", lesson != NULL);
}

static void
concealed_cb (MlLessonPane *pane,
              GParamSpec   *pspec,
              MlWindow     *self)
{
  gboolean concealed = ml_lesson_pane_get_concealed (pane);

  ml_gauge_set_concealed (self->gauge, concealed);
  gtk_widget_set_visible (GTK_WIDGET (self->math), !concealed);
  gtk_widget_set_visible (self->math_concealed, concealed);
  update_lesson_actions (self);
}

/* In the flap the pane stays visible and the flap reveals it; under the
 * views it is shown and hidden. */
static void
show_pane (MlWindow *self)
{
  gboolean active = ml_lesson_pane_get_lesson (ML_LESSON_PANE (self->lesson_pane)) != NULL;
  gboolean below = gtk_widget_get_parent (self->lesson_pane) == self->bottom_box;

  gtk_widget_set_visible (self->lesson_pane, active || !below);
  gtk_widget_set_visible (self->lesson_separator, active || !below);
  adw_flap_set_reveal_flap (self->lesson_flap, active && !below);
}

static gboolean
show_pane_idle (gpointer data)
{
  MlWindow *self = data;

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    show_pane (self);
  return G_SOURCE_REMOVE;
}

static void
active_cb (MlLessonPane *pane,
           GParamSpec   *pspec,
           MlWindow     *self)
{
  show_pane (self);
  update_lesson_actions (self);
}

/* AdwFlap hides its flap when it folds; a lesson's pane stays while the
 * lesson runs, over the page's edge. */
static void
folded_cb (AdwFlap    *flap,
           GParamSpec *pspec,
           MlWindow   *self)
{
  if (ml_lesson_pane_get_lesson (ML_LESSON_PANE (self->lesson_pane)) != NULL
      && adw_flap_get_flap (flap) == self->lesson_pane)
    adw_flap_set_reveal_flap (flap, TRUE);
}

/* The pane is the flap at the pages' side, or a child of the box under the
 * membrane's views; out of both before it moves. */
static void
take_out (MlWindow *self)
{
  if (adw_flap_get_flap (self->lesson_flap) == self->lesson_pane)
    {
      adw_flap_set_reveal_flap (self->lesson_flap, FALSE);
      adw_flap_set_flap (self->lesson_flap, NULL);
      adw_flap_set_separator (self->lesson_flap, NULL);
    }
  else
    {
      gtk_box_remove (GTK_BOX (self->bottom_box), self->lesson_separator);
      gtk_box_remove (GTK_BOX (self->bottom_box), self->lesson_pane);
    }
}

void
_ml_window_place_lesson_pane (MlWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);
  gboolean below = self->presentation && g_strcmp0 (page, "membrane") == 0;
  gboolean is_below;

  /* Not while the window goes: its stack changes pages as it empties. */
  if (self->lesson_pane == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  is_below = gtk_widget_get_parent (self->lesson_pane) == self->bottom_box;
  if (is_below == below && gtk_widget_get_parent (self->lesson_pane) != NULL)
    return;
  g_object_ref (self->lesson_pane);
  g_object_ref (self->lesson_separator);
  if (gtk_widget_get_parent (self->lesson_pane) != NULL)
    take_out (self);
  if (below)
    {
      gtk_box_append (GTK_BOX (self->bottom_box), self->lesson_separator);
      gtk_box_append (GTK_BOX (self->bottom_box), self->lesson_pane);
    }
  else
    {
      adw_flap_set_separator (self->lesson_flap, self->lesson_separator);
      adw_flap_set_flap (self->lesson_flap, self->lesson_pane);
    }
  /* Beside the math it shares the width; at the side it has its own. */
  gtk_widget_set_size_request (self->lesson_pane, below ? 440 : 340, -1);
  g_object_unref (self->lesson_separator);
  g_object_unref (self->lesson_pane);
  /* Revealed once the flap has laid its new child out: AdwFlap 1.2 lays
   * out a flap revealed in the same frame it was set from no width. */
  if (below)
    show_pane (self);
  else
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_pane_idle, g_object_ref (self), g_object_unref);
}

static void
show_page_cb (MlLessonPane *pane,
              const char   *name,
              MlWindow     *self)
{
  if (g_strcmp0 (name, "donnan") == 0)
    {
      const MlLesson *lesson = ml_lesson_pane_get_lesson (pane);
      const MlLessonStep *step = ml_lesson_get_step (lesson, ml_lesson_pane_get_step (pane));

      gtk_widget_activate_action (GTK_WIDGET (self), "win.donnan", NULL);
      /* The window shows the case the step's numbers are about. */
      if (self->donnan != NULL && step->has_donnan)
        ml_donnan_window_set_case (self->donnan, step->donnan_anion_mm, step->donnan_valence,
                                   step->donnan_bath_mm);
      return;
    }
  ml_window_show_page (self, name);
}

static void
start_run_cb (MlLessonPane *pane,
              double        speed,
              MlWindow     *self)
{
  GtkWidget *page;

  ml_window_show_page (self, "time-course");
  page = ml_window_get_page (self, "time-course");
  if (page == NULL)
    return;
  ml_time_course_page_set_speed (ML_TIME_COURSE_PAGE (page), speed);
  ml_time_course_page_set_playing (ML_TIME_COURSE_PAGE (page), TRUE);
}

static void
set_view_cb (MlLessonPane *pane,
             const char   *option,
             gboolean      on,
             MlWindow     *self)
{
  if (g_strcmp0 (option, "forces") == 0)
    ml_membrane_view_set_show_forces (self->membrane, on);
  else if (g_strcmp0 (option, "legend") == 0)
    ml_membrane_view_set_show_legend (self->membrane, on);
}

void
_ml_window_setup_lessons (MlWindow *self)
{
  GtkWidget *pane = ml_lesson_pane_new (self->session);

  self->lesson_pane = pane;
  self->lesson_separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_size_request (pane, 340, -1);
  /* A pane that lies over the page when the window is too narrow for
   * both: a lesson never makes the window wider than the screen. */
  gtk_widget_add_css_class (pane, "background");
  _ml_window_place_lesson_pane (self);
  g_signal_connect (self->lesson_flap, "notify::folded", G_CALLBACK (folded_cb), self);
  g_signal_connect (self->lesson_flap, "notify::reveal-flap", G_CALLBACK (folded_cb), self);
  g_signal_connect (pane, "notify::concealed", G_CALLBACK (concealed_cb), self);
  g_signal_connect (pane, "notify::active", G_CALLBACK (active_cb), self);
  g_signal_connect (pane, "show-page", G_CALLBACK (show_page_cb), self);
  g_signal_connect (pane, "start-run", G_CALLBACK (start_run_cb), self);
  g_signal_connect (pane, "set-view", G_CALLBACK (set_view_cb), self);

  /* What stands where the math was while a step waits. */
  self->math_concealed = gtk_label_new (_("The math shows once you have given your "
                                          "prediction."));
  gtk_widget_add_css_class (self->math_concealed, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (self->math_concealed), TRUE);
  gtk_widget_set_visible (self->math_concealed, FALSE);
  update_lesson_actions (self);
}

gboolean
ml_window_start_lesson (MlWindow    *self,
                        const char  *id_or_path,
                        GError     **error)
{
  MlLesson *lesson;

  g_return_val_if_fail (ML_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id_or_path != NULL, FALSE);

  if (g_strv_contains (ml_lessons_list (), id_or_path))
    lesson = ml_lessons_load (id_or_path, error);
  else
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (id_or_path);

      lesson = ml_lesson_load_file (file, NULL, error);
    }
  if (lesson == NULL)
    return FALSE;
  ml_lesson_pane_start (ML_LESSON_PANE (self->lesson_pane), lesson);
  update_lesson_actions (self);
  return TRUE;
}

MlLessonPane *
ml_window_get_lesson_pane (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return ML_LESSON_PANE (self->lesson_pane);
}

/* Actions ------------------------------------------------------------------- */

static void
lesson_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!ml_window_start_lesson (self, g_variant_get_string (parameter, NULL), &error))
    ml_window_show_error (self, error->message);
}

static void
lesson_next_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  ml_lesson_pane_next (ML_LESSON_PANE (self->lesson_pane));
  update_lesson_actions (self);
}

static void
lesson_previous_cb (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  ml_lesson_pane_previous (ML_LESSON_PANE (self->lesson_pane));
  update_lesson_actions (self);
}

static void
lesson_restart_cb (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  ml_lesson_pane_restart (ML_LESSON_PANE (self->lesson_pane));
  update_lesson_actions (self);
}

static void
lesson_close_cb (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  ml_lesson_pane_stop (ML_LESSON_PANE (self->lesson_pane));
}

void
_ml_window_class_install_lesson_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lesson", "s", lesson_cb);
  gtk_widget_class_install_action (widget_class, "win.lesson-next", NULL, lesson_next_cb);
  gtk_widget_class_install_action (widget_class, "win.lesson-previous", NULL,
                                   lesson_previous_cb);
  gtk_widget_class_install_action (widget_class, "win.lesson-restart", NULL, lesson_restart_cb);
  gtk_widget_class_install_action (widget_class, "win.lesson-close", NULL, lesson_close_cb);
}

/* The Lessons submenu: every shipped lesson by its title. */
GMenuModel *
_ml_window_lessons_menu_new (void)
{
  GMenu *menu = g_menu_new ();
  const char * const *ids = ml_lessons_list ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *title = ml_lessons_get_title (ids[i]);
      g_autofree char *action = g_strdup_printf ("win.lesson::%s", ids[i]);

      if (title != NULL)
        g_menu_append (menu, title, action);
    }
  return G_MENU_MODEL (menu);
}
