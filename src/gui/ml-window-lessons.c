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
  MlLessonPane *pane = self->lesson_pane != NULL ? ML_LESSON_PANE (self->lesson_pane) : NULL;
  const MlLesson *lesson = pane != NULL ? ml_lesson_pane_get_lesson (pane) : NULL;
  guint step = pane != NULL ? ml_lesson_pane_get_step (pane) : 0;
  GtkWidget *widget = GTK_WIDGET (self);

  /* At a question Page Down first reveals, on the last step too. */
  gtk_widget_action_set_enabled (widget, "win.lesson-next",
                                 lesson != NULL && (step + 1 < ml_lesson_get_n_steps (lesson)
                                                    || ml_lesson_pane_get_asking (pane)));
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

/* Where the pane stands: beside the pages; over the page's right edge when
 * the window is too narrow for both (a lesson never makes the window wider
 * than the screen); or, on the membrane page in presentation mode or in a
 * narrow window, beside the math, so the views keep their width (the back
 * row's sizes, and the gauge, which the pane would cover at 1024 px). */
typedef enum
{
  PANE_SIDE,
  PANE_OVER,
  PANE_BELOW,
} PanePlace;

/* Narrower than this, the Membrane page and the pane do not both fit
 * side by side: the pane goes under the views, beside the math. */
#define PANE_SIDE_MIN_WIDTH 1200
/* The pane's width at the side or over a page. */
#define PANE_WIDTH 340

static PanePlace
wanted_place (MlWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);
  GtkWidget *child = adw_view_stack_get_visible_child (self->stack);
  int width = 0, height = 0, page_min = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (g_strcmp0 (page, "membrane") == 0
      && (self->presentation || (width > 0 && width < PANE_SIDE_MIN_WIDTH)))
    return PANE_BELOW;
  if (width <= 0 || width >= PANE_SIDE_MIN_WIDTH)
    return PANE_SIDE;
  /* The other pages beside the pane when they fit (the time course's
   * tools fold into two rows for it), so the pane covers none of a
   * chart's labels or buttons; over the page only in a window too narrow. */
  if (child != NULL)
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &page_min, NULL, NULL, NULL);
  return page_min > 0 && page_min + PANE_WIDTH + 24 <= width ? PANE_SIDE : PANE_OVER;
}

static void
show_pane (MlWindow *self)
{
  gboolean active = ml_lesson_pane_get_lesson (ML_LESSON_PANE (self->lesson_pane)) != NULL;
  gboolean over = gtk_widget_get_parent (self->lesson_pane) == self->page_overlay;

  gtk_widget_set_visible (self->lesson_pane, active);
  gtk_widget_set_visible (self->lesson_separator, active && !over);
}

static void
active_cb (MlLessonPane *pane,
           GParamSpec   *pspec,
           MlWindow     *self)
{
  show_pane (self);
  update_lesson_actions (self);
}

static void
take_out (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (parent == NULL)
    return;
  if (GTK_IS_OVERLAY (parent))
    gtk_overlay_remove_overlay (GTK_OVERLAY (parent), widget);
  else
    gtk_box_remove (GTK_BOX (parent), widget);
}

void
_ml_window_place_lesson_pane (MlWindow *self)
{
  PanePlace place;
  GtkWidget *target;
  GtkWidget *focus;
  gboolean had_focus;

  /* Not while the window goes: its stack changes pages as it empties. */
  if (self->lesson_pane == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  place = wanted_place (self);
  target = place == PANE_BELOW ? self->bottom_box
           : place == PANE_OVER ? self->page_overlay : self->content_box;
  if (gtk_widget_get_parent (self->lesson_pane) == target)
    return;
  /* The focus leaves the pane before it moves (GTK 4.8 would otherwise
   * realize the moving widget's accessible between its unroot and root)
   * and comes back after. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, self->lesson_pane);
  if (had_focus)
    gtk_root_set_focus (GTK_ROOT (self), NULL);
  g_object_ref (self->lesson_pane);
  g_object_ref (self->lesson_separator);
  take_out (self->lesson_pane);
  take_out (self->lesson_separator);
  if (place == PANE_OVER)
    {
      gtk_widget_set_halign (self->lesson_pane, GTK_ALIGN_END);
      gtk_overlay_add_overlay (GTK_OVERLAY (self->page_overlay), self->lesson_pane);
    }
  else
    {
      gtk_widget_set_halign (self->lesson_pane, GTK_ALIGN_FILL);
      gtk_box_append (GTK_BOX (target), self->lesson_separator);
      gtk_box_append (GTK_BOX (target), self->lesson_pane);
    }
  /* Beside the math it shares the width; at the side it has its own. */
  gtk_widget_set_size_request (self->lesson_pane, place == PANE_BELOW ? 440 : PANE_WIDTH, -1);
  g_object_unref (self->lesson_separator);
  g_object_unref (self->lesson_pane);
  show_pane (self);
  if (had_focus)
    ml_lesson_pane_focus_step (ML_LESSON_PANE (self->lesson_pane));
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

/* The pane is built for the first lesson, not with the window: most
 * starts open none. */
static MlLessonPane *
ensure_pane (MlWindow *self)
{
  GtkWidget *pane;

  if (self->lesson_pane != NULL)
    return ML_LESSON_PANE (self->lesson_pane);
  pane = ml_lesson_pane_new (self->session);
  self->lesson_pane = pane;
  /* Kept by the window: over the page it has no parent. */
  self->lesson_separator = g_object_ref_sink (gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_widget_set_size_request (pane, 340, -1);
  _ml_window_place_lesson_pane (self);
  g_signal_connect (pane, "notify::concealed", G_CALLBACK (concealed_cb), self);
  g_signal_connect (pane, "notify::active", G_CALLBACK (active_cb), self);
  g_signal_connect (pane, "show-page", G_CALLBACK (show_page_cb), self);
  g_signal_connect (pane, "start-run", G_CALLBACK (start_run_cb), self);
  g_signal_connect (pane, "set-view", G_CALLBACK (set_view_cb), self);
  return ML_LESSON_PANE (pane);
}

void
_ml_window_setup_lessons (MlWindow *self)
{

  /* What stands where the math was while a step waits. */
  self->math_concealed = gtk_label_new (_("The math shows once you have given your "
                                          "prediction."));
  gtk_widget_add_css_class (self->math_concealed, "dim-label");
  gtk_widget_add_css_class (self->math_concealed, "math-concealed");
  gtk_label_set_wrap (GTK_LABEL (self->math_concealed), TRUE);
  gtk_widget_set_visible (self->math_concealed, FALSE);
  update_lesson_actions (self);
}

static gboolean
focus_pane_idle (gpointer data)
{
  MlWindow *self = data;

  if (self->lesson_pane != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self))
      && gtk_widget_get_mapped (self->lesson_pane))
    ml_lesson_pane_focus_step (ML_LESSON_PANE (self->lesson_pane));
  return G_SOURCE_REMOVE;
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
  ml_lesson_pane_start (ensure_pane (self), lesson);
  /* The lesson's cell is where it starts: no ghost of a change the student
   * never made. */
  ml_gauge_forget_ghost (self->gauge);
  update_lesson_actions (self);
  /* The focus goes into the lesson once the menu that started it has
   * closed (it would stay in the closed menu, and no key would work). */
  g_idle_add_full (G_PRIORITY_LOW, focus_pane_idle, g_object_ref (self), g_object_unref);
  return TRUE;
}

MlLessonPane *
ml_window_get_lesson_pane (MlWindow *self)
{
  g_return_val_if_fail (ML_IS_WINDOW (self), NULL);
  return ensure_pane (self);
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

  ml_lesson_pane_next (ensure_pane (self));
  update_lesson_actions (self);
}

static void
lesson_previous_cb (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  ml_lesson_pane_previous (ensure_pane (self));
  /* (replayed from the start: no change of the student's) */
  ml_gauge_forget_ghost (self->gauge);
  update_lesson_actions (self);
}

static void
lesson_restart_cb (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  ml_lesson_pane_restart (ensure_pane (self));
  ml_gauge_forget_ghost (self->gauge);
  update_lesson_actions (self);
}

static void
lesson_close_cb (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  MlWindow *self = ML_WINDOW (widget);

  ml_lesson_pane_stop (ensure_pane (self));
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
