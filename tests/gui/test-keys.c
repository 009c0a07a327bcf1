/* test-keys.c — the real window driven by keys alone, as a lecturer with a
 * presentation clicker, a student and a screen-reader user drive it
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window belongs to the application, so it has the application's
 * shortcuts, and every key goes through the X server (test_press_keys):
 * what a key does here is what it does for a user, focus included.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "gui-test-support.h"
#include "ml-application.h"
#include "ml-details-window.h"
#include "ml-lesson-pane.h"
#include "ml-format.h"
#include "ml-chart-recorder.h"
#include "ml-ion-colors.h"
#include "ml-log-control.h"
#include "ml-plots-page.h"
#include "ml-window-private.h"

static MlApplication *app;

static MlWindow *
window_new (int width,
            int height)
{
  MlWindow *window = ml_window_new_full (GTK_APPLICATION (app), FALSE);

  g_assert_true (ml_window_load_preset (window, "mammalian-neuron", NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_ms (300);
  return window;
}

static void
window_destroy (MlWindow *window)
{
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  test_wait_ms (50);
}

static GtkWidget *
focus_of (MlWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Waits up to 3 s for @cond (polled). */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    for (int _i = 0; _i < 60 && !(cond); _i++) \
      test_wait_ms (50); \
  } G_STMT_END

/* 1. F10 → Lessons → a lesson → Enter: the keys go on working. */
static void
test_lesson_from_menu (void)
{
  MlWindow *window = window_new (1280, 800);
  MlLessonPane *pane;
  GtkWidget *focus;

  test_press_keys (GTK_WIDGET (window), "F10");
  WAIT_FOR (gtk_menu_button_get_popover (window->main_menu_button) != NULL
            && gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (window->main_menu_button))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (window->main_menu_button))));
  /* "_Lessons" by its mnemonic opens the submenu; the first lesson is
   * its first item. */
  /* "_Lessons" by its mnemonic; Enter opens the submenu, whose first row
   * is its title; Down to the first lesson, Enter. */
  test_press_keys (GTK_WIDGET (window), "l");
  test_press_keys (GTK_WIDGET (window), "Return");
  test_wait_ms (200);
  test_press_keys (GTK_WIDGET (window), "Down");
  test_press_keys (GTK_WIDGET (window), "Return");
  test_wait_ms (300);
  pane = ml_window_get_lesson_pane (window);
  g_assert_nonnull (ml_lesson_pane_get_lesson (pane));
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, 0);

  /* The focus is somewhere a key reaches: in the window, on a control
   * that shows. */
  focus = focus_of (window);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_drawable (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, window->lesson_pane));

  /* Page Down steps on. */
  test_press_keys (GTK_WIDGET (window), "Page_Down");
  WAIT_FOR (ml_lesson_pane_get_step (pane) == 1);
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, 1);
  /* F9 shows and hides the controls. */
  {
    gboolean shown = adw_flap_get_reveal_flap (window->flap);

    test_press_keys (GTK_WIDGET (window), "F9");
    g_assert_true (adw_flap_get_reveal_flap (window->flap) != shown);
    test_press_keys (GTK_WIDGET (window), "F9");
    g_assert_true (adw_flap_get_reveal_flap (window->flap) == shown);
  }
  /* F5 presents, Esc leaves. */
  test_press_keys (GTK_WIDGET (window), "F5");
  WAIT_FOR (window->presentation);
  g_assert_true (window->presentation);
  test_press_keys (GTK_WIDGET (window), "Escape");
  WAIT_FOR (!window->presentation);
  g_assert_false (window->presentation);
  window_destroy (window);
}

/* Any item of the main menu: Presentation Mode by its mnemonic, and the
 * keys work on (the header bar with the menu's button has gone). */
static void
test_menu_item_keeps_keys (void)
{
  MlWindow *window = window_new (1024, 768);
  GtkWidget *focus;

  test_press_keys (GTK_WIDGET (window), "F10");
  test_wait_ms (200);
  test_press_keys (GTK_WIDGET (window), "p");
  WAIT_FOR (window->presentation);
  g_assert_true (window->presentation);
  test_wait_ms (200);
  focus = focus_of (window);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_drawable (focus));
  test_press_keys (GTK_WIDGET (window), "F9");
  WAIT_FOR (adw_flap_get_reveal_flap (window->flap));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  test_press_keys (GTK_WIDGET (window), "F9");
  WAIT_FOR (!adw_flap_get_reveal_flap (window->flap));
  g_assert_false (adw_flap_get_reveal_flap (window->flap));
  test_press_keys (GTK_WIDGET (window), "Escape");
  WAIT_FOR (!window->presentation);
  g_assert_false (window->presentation);
  window_destroy (window);
}

/* No label of @widget's is drawn selected. */
static void
assert_nothing_selected (GtkWidget *widget)
{
  int start, end;

  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
      && gtk_label_get_selection_bounds (GTK_LABEL (widget), &start, &end))
    g_error ("“%s” is drawn selected", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_nothing_selected (child);
}

static gboolean
focus_in_entry (MlWindow *window)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) != NULL
         && gtk_widget_is_ancestor (focus, window->lesson_pane);
}

/* 2. A clicker's Page Down at a question reveals before it steps on; the
 * question takes the focus; the number keys choose; Page Up keeps what
 * was answered. */
static void
test_clicker_at_questions (void)
{
  MlWindow *window = window_new (1280, 800);
  MlLessonPane *pane = ml_window_get_lesson_pane (window);
  g_autofree char *explained = NULL;
  GtkWidget *focus;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson", "s", "nernst"));
  test_wait_ms (200);
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), window->lesson_pane));


  /* Step 2 asks for E_Cl: its entry has the focus. */
  test_press_keys (GTK_WIDGET (window), "Page_Down");
  WAIT_FOR (ml_lesson_pane_get_step (pane) == 1);
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, 1);
  g_assert_true (ml_lesson_pane_get_concealed (pane));
  WAIT_FOR (focus_in_entry (window));
  g_assert_true (focus_in_entry (window));

  /* Page Down with nothing typed: the step waits and says why. */
  test_press_keys (GTK_WIDGET (window), "Page_Down");
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, 1);
  g_assert_false (ml_lesson_pane_get_answered (pane));
  g_assert_true (ml_lesson_pane_get_concealed (pane));
  g_assert_true (focus_in_entry (window));

  /* Typed, then Page Down: the answer shows, the step stays.
   * E_Cl = −(RT/F)·ln(110/5) = −26.73 mV × 3.091 = −82.6 mV at 37 °C;
   * −82 is within the step's tolerance. */
  test_type_text (GTK_WIDGET (window), "-82");
  test_press_keys (GTK_WIDGET (window), "Page_Down");
  WAIT_FOR (ml_lesson_pane_get_answered (pane));
  g_assert_true (ml_lesson_pane_get_answered (pane));
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, 1);
  g_assert_cmpint (ml_lesson_pane_get_verdict (pane), ==, ML_LESSON_RIGHT);
  g_assert_false (ml_gauge_get_concealed (window->gauge));
  explained = g_strdup (ml_lesson_pane_get_explanation (pane));
  g_assert_nonnull (explained);

  /* On to step 3, a choice of direction: its first choice has the focus,
   * and "2" picks the second ("Down"; E_K = −(RT/F)·ln(140/5) shrinks in
   * size with T: −89.1 mV at 37 °C, −84.2 mV at 20 °C, so "Up" is right). */
  test_press_keys (GTK_WIDGET (window), "Page_Down");
  WAIT_FOR (ml_lesson_pane_get_step (pane) == 2);
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, 2);
  focus = focus_of (window);
  g_assert_true (GTK_IS_CHECK_BUTTON (focus));
  g_assert_true (gtk_widget_get_first_child (gtk_widget_get_parent (focus)) == focus);
  test_press_keys (GTK_WIDGET (window), "2");
  focus = focus_of (window);
  g_assert_true (GTK_IS_CHECK_BUTTON (focus));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (focus)));
  g_assert_true (gtk_widget_get_prev_sibling (focus) == gtk_widget_get_first_child (gtk_widget_get_parent (focus)));
  test_press_keys (GTK_WIDGET (window), "Page_Down");
  WAIT_FOR (ml_lesson_pane_get_answered (pane));
  g_assert_true (ml_lesson_pane_get_answered (pane));
  g_assert_cmpint (ml_lesson_pane_get_verdict (pane), ==, ML_LESSON_WRONG);

  /* Page Up: step 2 as it was answered, its explanation to re-read. */
  test_press_keys (GTK_WIDGET (window), "Page_Up");
  WAIT_FOR (ml_lesson_pane_get_step (pane) == 1);
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, 1);
  g_assert_true (ml_lesson_pane_get_answered (pane));
  g_assert_false (ml_lesson_pane_get_concealed (pane));
  g_assert_cmpstr (ml_lesson_pane_get_explanation (pane), ==, explained);
  /* … and on again, to step 3 still answered. */
  test_press_keys (GTK_WIDGET (window), "Page_Down");
  WAIT_FOR (ml_lesson_pane_get_step (pane) == 2);
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, 2);
  g_assert_true (ml_lesson_pane_get_answered (pane));
  g_assert_cmpint (ml_lesson_pane_get_verdict (pane), ==, ML_LESSON_WRONG);
  assert_nothing_selected (window->lesson_pane);

  /* Restarted: nothing given yet.  Back from a question whose entry has
   * the focus: the step's text takes it, and is not drawn selected (7). */
  test_press_keys (GTK_WIDGET (window), "<Shift><Control>Home");
  WAIT_FOR (ml_lesson_pane_get_step (pane) == 0);
  g_assert_cmpuint (ml_lesson_pane_get_step (pane), ==, 0);
  test_press_keys (GTK_WIDGET (window), "Page_Down");
  WAIT_FOR (focus_in_entry (window));
  g_assert_false (ml_lesson_pane_get_answered (pane));
  g_assert_true (focus_in_entry (window));
  test_press_keys (GTK_WIDGET (window), "Page_Up");
  WAIT_FOR (ml_lesson_pane_get_step (pane) == 0);
  test_wait_ms (100);
  assert_nothing_selected (window->lesson_pane);
  window_destroy (window);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *list = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (list, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

/* 4. In presentation mode Esc first hides the controls F9 showed, then
 * leaves; Esc closes Scenario Details. */
static void
test_escape (void)
{
  MlWindow *window = window_new (1024, 768);
  GtkWindow *details;

  test_press_keys (GTK_WIDGET (window), "F5");
  WAIT_FOR (window->presentation);
  g_assert_true (window->presentation);
  test_press_keys (GTK_WIDGET (window), "F9");
  WAIT_FOR (adw_flap_get_reveal_flap (window->flap));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  test_press_keys (GTK_WIDGET (window), "Escape");
  WAIT_FOR (!adw_flap_get_reveal_flap (window->flap));
  g_assert_false (adw_flap_get_reveal_flap (window->flap));
  g_assert_true (window->presentation);
  test_press_keys (GTK_WIDGET (window), "Escape");
  WAIT_FOR (!window->presentation);
  g_assert_false (window->presentation);

  /* Main menu → Scenario Details (its mnemonic), then Esc. */
  test_press_keys (GTK_WIDGET (window), "F10");
  test_wait_ms (200);
  test_press_keys (GTK_WIDGET (window), "d");
  WAIT_FOR (find_toplevel (ML_TYPE_DETAILS_WINDOW) != NULL);
  details = find_toplevel (ML_TYPE_DETAILS_WINDOW);
  g_assert_nonnull (details);
  test_wait_ms (200);
  /* From the notes too, where a text view has the keys. */
  test_press_keys (GTK_WIDGET (details), "Tab");
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (details))));
  test_press_keys (GTK_WIDGET (details), "Escape");
  WAIT_FOR (find_toplevel (ML_TYPE_DETAILS_WINDOW) == NULL);
  g_assert_null (find_toplevel (ML_TYPE_DETAILS_WINDOW));
  window_destroy (window);
}

/* 8. Presentation mode entered and left with Alt+2 between: back on the
 * membrane page the controls stand beside the views, as before, not over
 * the channels and the math. */
static void
test_leave_presentation_from_time_course (void)
{
  MlWindow *window = window_new (1024, 768);

  adw_flap_set_reveal_flap (window->flap, TRUE);
  test_wait_ms (400);
  g_assert_false (adw_flap_get_folded (window->flap));
  test_press_keys (GTK_WIDGET (window), "F5");
  WAIT_FOR (window->presentation);
  test_wait_ms (300);
  test_press_keys (GTK_WIDGET (window), "<Alt>2");
  WAIT_FOR (g_strcmp0 (adw_view_stack_get_visible_child_name (window->stack), "time-course") == 0);
  test_wait_ms (300);
  test_press_keys (GTK_WIDGET (window), "Escape");
  WAIT_FOR (!window->presentation);
  test_press_keys (GTK_WIDGET (window), "<Alt>1");
  test_wait_ms (500);
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  g_assert_false (adw_flap_get_folded (window->flap));
  /* The membrane view has the width the controls leave it. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->membrane))
                   + gtk_widget_get_width (GTK_WIDGET (window->controls)), <=, 1024);
  /* F9 twice: the same. */
  test_press_keys (GTK_WIDGET (window), "F9");
  test_press_keys (GTK_WIDGET (window), "F9");
  test_wait_ms (500);
  g_assert_false (adw_flap_get_folded (window->flap));
  window_destroy (window);
}

/* 3. Ctrl+F, a name, Enter: the focus is where the value is typed. */
static void
test_find_then_type (void)
{
  MlWindow *window = window_new (1280, 800);
  MlCell *cell = ml_window_get_cell (window);
  GtkSpinButton *spin = ml_log_control_get_spin (ml_controls_get_control (window->controls,
                                                                          ML_CONTROL_TEMPERATURE));
  GtkWidget *focus = NULL;
  GtkWindow *finder = NULL;

  test_press_keys (GTK_WIDGET (window), "<Control>f");
  /* The finder is a window of its own (a window manager would give it
   * the keys; the test does). */
  for (int i = 0; i < 60 && finder == NULL; i++)
    {
      GListModel *list = gtk_window_get_toplevels ();

      for (guint k = 0; k < g_list_model_get_n_items (list); k++)
        {
          g_autoptr (GtkWindow) w = g_list_model_get_item (list, k);

          if (w != GTK_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (w)))
            finder = w;
        }
      test_wait_ms (50);
    }
  g_assert_nonnull (finder);
  test_wait_ms (100);
  test_type_text (GTK_WIDGET (finder), "temp");
  test_press_keys (GTK_WIDGET (finder), "Return");
  for (int i = 0; i < 60; i++)
    {
      focus = focus_of (window);
      if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) == GTK_WIDGET (spin))
        break;
      test_wait_ms (50);
    }
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) == GTK_WIDGET (spin));
  /* Typed at once (the field's text is selected on focus), Enter: 20 °C. */
  test_type_text (GTK_WIDGET (window), "20");
  test_press_keys (GTK_WIDGET (window), "Return");
  test_wait_ms (100);
  g_assert_cmpfloat_with_epsilon (ml_cell_get_temperature (cell), 20.0, 1e-9);
  window_destroy (window);
}

/* 6. Alt+4: the answer is typed at once. */
static void
test_practice_takes_typing (void)
{
  MlWindow *window = window_new (1280, 800);
  GtkWidget *page, *focus, *entry;

  test_press_keys (GTK_WIDGET (window), "<Alt>4");
  WAIT_FOR (ml_window_get_page (window, "practice") != NULL
            && gtk_widget_get_mapped (ml_window_get_page (window, "practice")));
  page = ml_window_get_page (window, "practice");
  g_assert_nonnull (page);
  test_wait_ms (100);
  focus = focus_of (window);
  g_assert_nonnull (focus);
  entry = gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_ancestor (entry, page));
  test_type_text (GTK_WIDGET (window), "-61.5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "-61.5");
  /* Away and back: the focus comes back to the answer. */
  test_press_keys (GTK_WIDGET (window), "<Alt>1");
  test_press_keys (GTK_WIDGET (window), "<Alt>4");
  test_wait_ms (100);
  g_assert_true (gtk_widget_get_ancestor (focus_of (window), GTK_TYPE_ENTRY) == entry);
  window_destroy (window);
}

/* 9. An 800×600 window: the pages are switched from a bar at the bottom,
 * by keys too. */
static void
test_switcher_at_800 (void)
{
  MlWindow *window = window_new (800, 600);
  graphene_rect_t bounds;

  test_wait_ms (300);
  g_assert_nonnull (window->switcher_bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (window->switcher_bar));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (window->switcher_bar)));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (window->switcher_bar),
                                            GTK_WIDGET (window), &bounds));
  /* At the bottom, inside the window, tall enough to click. */
  g_assert_cmpfloat (bounds.size.height, >=, 30);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (window)) + 0.5);
  g_assert_cmpfloat (bounds.origin.y, >, gtk_widget_get_height (GTK_WIDGET (window)) / 2.0);
  {
    cairo_surface_t *surface = test_render_on_theme (GTK_WIDGET (window), FALSE);

    test_write_png (surface, "window-800x600.png");
    cairo_surface_destroy (surface);
  }
  /* Not in presentation mode, where the room is the picture's. */
  test_press_keys (GTK_WIDGET (window), "F5");
  WAIT_FOR (window->presentation);
  g_assert_false (adw_view_switcher_bar_get_reveal (window->switcher_bar));
  test_press_keys (GTK_WIDGET (window), "Escape");
  WAIT_FOR (!window->presentation);
  test_wait_ms (200);
  g_assert_true (adw_view_switcher_bar_get_reveal (window->switcher_bar));
  window_destroy (window);

  /* A wide window has the switcher in its header bar. */
  window = window_new (1400, 900);
  test_wait_ms (300);
  g_assert_false (adw_view_switcher_bar_get_reveal (window->switcher_bar));
  window_destroy (window);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* 10. The shortcuts window (Ctrl+?) fits a 1024×768 projector and names
 * its keys as a keyboard does ("Page Down", not "Page_Down"). */
static void
test_shortcuts_window (void)
{
  MlWindow *window = window_new (1024, 768);
  GtkWindow *shortcuts;
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int width, height;

  test_press_keys (GTK_WIDGET (window), "<Control>question");
  WAIT_FOR (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL
            && gtk_widget_get_mapped (GTK_WIDGET (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW))));
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  test_wait_ms (300);
  width = gtk_widget_get_width (GTK_WIDGET (shortcuts));
  height = gtk_widget_get_height (GTK_WIDGET (shortcuts));
  g_test_message ("shortcuts window %d×%d", width, height);
  {
    cairo_surface_t *surface = test_render_on_theme (GTK_WIDGET (shortcuts), FALSE);

    test_write_png (surface, "shortcuts-window.png");
    cairo_surface_destroy (surface);
  }
  collect_labels (GTK_WIDGET (shortcuts), texts);
  /* The other section, with its own keys. */
  g_object_set (shortcuts, "section-name", "demonstrations", NULL);
  test_wait_ms (300);
  {
    cairo_surface_t *surface = test_render_on_theme (GTK_WIDGET (shortcuts), FALSE);

    test_write_png (surface, "shortcuts-window-2.png");
    cairo_surface_destroy (surface);
  }
  collect_labels (GTK_WIDGET (shortcuts), texts);
  g_assert_cmpint (width, <=, 1024);
  g_assert_cmpint (height, <=, 768);
  g_assert_cmpuint (texts->len, >, 20);
  for (guint i = 0; i < texts->len; i++)
    if (strchr (g_ptr_array_index (texts, i), '_') != NULL)
      g_error ("the shortcuts window reads “%s”", (char *) g_ptr_array_index (texts, i));
  gtk_window_destroy (shortcuts);
  window_destroy (window);
}

/* The file chooser a figure's Ctrl+E opens: the file's whole path typed
 * into its name, Enter. */
static void
save_through_dialog (MlWindow   *window,
                     const char *path)
{
  GtkWindow *dialog = NULL;

  for (int i = 0; i < 100 && dialog == NULL; i++)
    {
      GListModel *list = gtk_window_get_toplevels ();

      for (guint k = 0; k < g_list_model_get_n_items (list); k++)
        {
          g_autoptr (GtkWindow) w = g_list_model_get_item (list, k);

          if (GTK_IS_FILE_CHOOSER (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
            dialog = w;
        }
      test_wait_ms (50);
    }
  g_assert_nonnull (dialog);
  test_wait_ms (300);
  test_press_keys (GTK_WIDGET (dialog), "<Control>a");
  test_type_text (GTK_WIDGET (dialog), path);
  test_press_keys (GTK_WIDGET (dialog), "Return");
  for (int i = 0; i < 100 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    test_wait_ms (50);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  test_wait_ms (200);
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  label)
{
  return (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
         || (GTK_IS_MENU_BUTTON (widget)
             && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0);
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  return test_find_widget (widget, has_label, label);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  return test_find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

/* 7. At 1024×768 the pump lesson's time-course steps stand beside the
 * chart, not over it: the chart's right-hand labels and every tool
 * button (Save the last) lie left of the pane. */
static void
test_time_course_beside_lesson (void)
{
  MlWindow *window = window_new (1024, 768);
  GtkWidget *page, *save;
  graphene_rect_t pane, button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson", "s", "pump"));
  test_press_keys (GTK_WIDGET (window), "<Alt>2");
  WAIT_FOR (g_strcmp0 (adw_view_stack_get_visible_child_name (window->stack), "time-course") == 0);
  test_wait_ms (500);
  page = ml_window_get_page (window, "time-course");
  g_assert_nonnull (page);
  /* beside, in the content box, not in the page's overlay */
  g_assert_true (gtk_widget_get_parent (window->lesson_pane) == window->content_box);
  save = find_button_with_label (page, "Save");
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_compute_bounds (window->lesson_pane, GTK_WIDGET (window), &pane));
  g_assert_true (gtk_widget_compute_bounds (save, GTK_WIDGET (window), &button));
  g_test_message ("Save ends at x = %.0f, the pane starts at x = %.0f", button.origin.x + button.size.width,
                  pane.origin.x);
  g_assert_cmpfloat (button.origin.x + button.size.width, <=, pane.origin.x);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  g_assert_cmpint (gtk_widget_get_width (page) + gtk_widget_get_width (window->lesson_pane), <=, 1024);
  /* The rundown step shows the time course by itself: the controls do
   * not fold over the chart for it. */
  ml_lesson_pane_go_to_step (ml_window_get_lesson_pane (window), 3);
  test_wait_ms (500);
  g_assert_false (adw_flap_get_folded (window->flap) && adw_flap_get_reveal_flap (window->flap));
  window_destroy (window);
}

/* 7. At 1024×768 a question under the views shows its Check My Prediction
 * button without the student scrolling, in the window and in
 * presentation mode. */
static void
test_check_button_in_view (void)
{
  MlWindow *window = window_new (1024, 768);
  MlLessonPane *pane = ml_window_get_lesson_pane (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson", "s", "driving-force"));
  test_wait_ms (300);
  for (int presentation = 0; presentation < 2; presentation++)
    {
      GtkWidget *check = NULL, *scroller;
      graphene_rect_t button;

      if (presentation)
        {
          test_press_keys (GTK_WIDGET (window), "F5");
          WAIT_FOR (window->presentation);
          ml_lesson_pane_go_to_step (pane, 0);
          test_wait_ms (300);
        }
      ml_lesson_pane_go_to_step (pane, 1);
      test_wait_ms (500);
      g_assert_true (ml_lesson_pane_get_concealed (pane));
      check = find_button_with_label (window->lesson_pane, "_Check My Prediction");
      g_assert_nonnull (check);
      scroller = gtk_widget_get_ancestor (check, GTK_TYPE_SCROLLED_WINDOW);
      g_assert_nonnull (scroller);
      g_assert_true (gtk_widget_compute_bounds (check, scroller, &button));
      g_test_message ("%s: the button from y = %.0f to %.0f in a pane %d px high",
                      presentation ? "presentation" : "window", button.origin.y,
                      button.origin.y + button.size.height, gtk_widget_get_height (scroller));
      g_assert_cmpfloat (button.origin.y, >=, 0);
      g_assert_cmpfloat (button.origin.y + button.size.height, <=, gtk_widget_get_height (scroller));
    }
  window_destroy (window);
}

/* Distinct colours in the upper four fifths of a PNG (above the caption). */
static guint
colours_above_caption (const char *path)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  int w, h, stride;
  guchar *data;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (png);
  h = cairo_image_surface_get_height (png);
  stride = cairo_image_surface_get_stride (png);
  data = cairo_image_surface_get_data (png);
  for (int y = 0; y < h * 4 / 5; y += 2)
    for (int x = 0; x < w; x += 2)
      g_hash_table_add (seen, GUINT_TO_POINTER (*(guint32 *)(data + y * stride + 4 * x)));
  cairo_surface_destroy (png);
  return g_hash_table_size (seen);
}

/* 15. Ctrl+E (Export Figure…) on the Plots page writes the plot. */
static void
test_export_on_plots_page (void)
{
  MlWindow *window = window_new (1280, 800);
  g_autofree char *dir = g_dir_make_tmp ("mlkeys-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plot.png", NULL);
  guint colours;

  test_press_keys (GTK_WIDGET (window), "<Alt>3");
  WAIT_FOR (ml_window_get_page (window, "plots") != NULL);
  test_wait_ms (400);
  test_press_keys (GTK_WIDGET (window), "<Control>e");
  save_through_dialog (window, path);
  /* A plot has its axes, its lines in the ions' colours, its anti-aliased
   * text: hundreds of colours; an empty page, a handful. */
  colours = colours_above_caption (path);
  g_test_message ("%u colours above the caption", colours);
  g_assert_cmpuint (colours, >, 50);
  g_unlink (path);
  g_rmdir (dir);
  window_destroy (window);
}

/* The largest difference in mean grey level (0–255) between two images’
 * blocks of @size × @size pixels, and the block's corner. */
static double
block_difference (cairo_surface_t *a,
                  cairo_surface_t *b,
                  int              size,
                  int             *at_x,
                  int             *at_y)
{
  int w = MIN (cairo_image_surface_get_width (a), cairo_image_surface_get_width (b));
  int h = MIN (cairo_image_surface_get_height (a), cairo_image_surface_get_height (b));
  double worst = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int by = 0; by + size <= h; by += size)
    for (int bx = 0; bx + size <= w; bx += size)
      {
        double sum[2] = { 0, 0 };

        for (int k = 0; k < 2; k++)
          {
            cairo_surface_t *s = k == 0 ? a : b;
            const guchar *data = cairo_image_surface_get_data (s);
            int stride = cairo_image_surface_get_stride (s);

            for (int y = by; y < by + size; y++)
              for (int x = bx; x < bx + size; x++)
                {
                  guint32 p = *(const guint32 *) (data + y * stride + 4 * x);

                  sum[k] += (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3.0;
                }
          }
        if (fabs (sum[0] - sum[1]) / (size * size) > worst)
          {
            worst = fabs (sum[0] - sum[1]) / (size * size);
            *at_x = bx;
            *at_y = by;
          }
      }
  return worst;
}

/* 16. The membrane figure as SVG, read by librsvg (rsvg-convert) as
 * GNOME's viewers and most converters read it, draws what the PNG export
 * draws: the gauge's dial, needle and markers where they are on screen. */
static void
test_export_svg_matches_png (void)
{
  MlWindow *window = window_new (1280, 800);
  g_autofree char *dir = g_dir_make_tmp ("mlkeys-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "figure.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "figure.svg", NULL);
  g_autofree char *svg_png = g_build_filename (dir, "figure-svg.png", NULL);

  test_wait_ms (400);
  test_press_keys (GTK_WIDGET (window), "<Control>e");
  save_through_dialog (window, png);
  test_press_keys (GTK_WIDGET (window), "<Control>e");
  save_through_dialog (window, svg);
  g_assert_cmpuint (colours_above_caption (png), >, 50);
  {
    cairo_surface_t *a = cairo_image_surface_create_from_png (png);
    int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
    g_autofree char *ws = g_strdup_printf ("%d", w), *hs = g_strdup_printf ("%d", h);
    const char *argv[] = { "rsvg-convert", "-w", ws, "-h", hs, "-b", "white", "-o", svg_png,
                           svg, NULL };
    g_autoptr (GError) error = NULL;
    int status = 0;
    cairo_surface_t *b;
    double worst;
    int wx = 0, wy = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    b = cairo_image_surface_create_from_png (svg_png);
    g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
    worst = block_difference (a, b, 12, &wx, &wy);
    g_test_message ("largest difference of a 12 px block between the PNG and the SVG "
                    "as librsvg draws it: %.1f of 255, at (%d, %d)", worst, wx, wy);
    /* Anti-aliased text differs by a few levels between cairo's and
     * librsvg's rasterisers; a needle, a band or a marker out of place
     * darkens or lightens whole blocks by far more. */
    g_assert_cmpfloat (worst, <, 32.0);
    cairo_surface_destroy (a);
    cairo_surface_destroy (b);
  }
  g_unlink (png);
  g_unlink (svg);
  g_unlink (svg_png);
  g_rmdir (dir);
  window_destroy (window);
}

/* LC_NUMERIC in German (a decimal comma); compiled into a temporary
 * LOCPATH when the system has not got it.  FALSE when neither works. */
static gboolean
numbers_in_german (char **locpath)
{
  *locpath = NULL;
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL)
    return TRUE;
  if (g_file_test ("/usr/share/i18n/locales/de_DE", G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_dir_make_tmp ("mlkeys-locale-XXXXXX", NULL);
      g_autofree char *out = g_build_filename (dir, "de_DE.UTF-8", NULL);
      const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", out, NULL };

      /* (localedef exits 1 after warnings, the locale written all the same) */
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                    | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
      g_setenv ("LOCPATH", dir, TRUE);
      if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL)
        {
          *locpath = g_steal_pointer (&dir);
          return TRUE;
        }
      g_unsetenv ("LOCPATH");
    }
  return FALSE;
}


/* 17. In German a measured V_m is typed with a decimal comma, and the
 * table's own "−52,30" is read back when the focus leaves. */
static void
test_german_measured_entry (void)
{
  g_autofree char *locpath = NULL;
  MlWindow *window;
  GtkWidget *page, *entry;
  const char *kept;

  if (!numbers_in_german (&locpath))
    {
      g_test_skip ("no German locale (de_DE.UTF-8), and none could be compiled");
      return;
    }
  window = window_new (1280, 900);
  test_press_keys (GTK_WIDGET (window), "<Alt>3");
  WAIT_FOR (ml_window_get_page (window, "plots") != NULL);
  test_wait_ms (300);
  page = ml_window_get_page (window, "plots");
  entry = find_type (ml_plots_page_get_table (ML_PLOTS_PAGE (page)), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_grab_focus (entry));
  test_type_text (GTK_WIDGET (window), "-52,3");
  test_press_keys (GTK_WIDGET (window), "Tab");
  test_wait_ms (100);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  /* Kept in the cell at 2.5 mM K⁺ (the table's first saline): −52.3 mV. */
  kept = ml_cell_get_measured_text (ml_window_get_cell (window));
  g_assert_nonnull (kept);
  g_assert_nonnull (strstr (kept, "-52.3"));
  /* Its text, as the table writes it, goes in and out again: kept. */
  g_assert_true (gtk_widget_grab_focus (entry));
  test_press_keys (GTK_WIDGET (window), "Tab");
  test_wait_ms (100);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (strstr (ml_cell_get_measured_text (ml_window_get_cell (window)), "-52.3"));
  window_destroy (window);
  setlocale (LC_NUMERIC, "C.UTF-8");
  if (locpath != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", locpath);

      g_unsetenv ("LOCPATH");
      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }
}

/* 14. The squid axon's cell has no pump: the view says so (not "blocked"),
 * Shift+Ctrl+O says there is none to block, Shift+Ctrl+W says it adds
 * one and what that does to V_m. */
static void
test_cell_without_pump (void)
{
  MlWindow *window = window_new (1280, 800);
  MlCell *cell = ml_window_get_cell (window);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (ml_window_load_preset (window, "squid-axon", NULL));
  test_wait_ms (200);
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_OFF);
  g_assert_nonnull (strstr (ml_membrane_view_get_description (window->membrane),
                            "No pump in this cell."));
  g_assert_null (strstr (ml_membrane_view_get_description (window->membrane), "blocked"));

  test_press_keys (GTK_WIDGET (window), "<Shift><Control>o");
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_OFF);
  g_assert_cmpstr (ml_window_get_last_error (window), ==, "This cell has no pump to block");

  before = ml_format_millivolts (ml_window_get_solution (window)->vm_mv, 1, FALSE);
  test_press_keys (GTK_WIDGET (window), "<Shift><Control>w");
  g_assert_cmpint (ml_cell_get_pump_mode (cell), !=, ML_PUMP_OFF);
  after = ml_format_millivolts (ml_window_get_solution (window)->vm_mv, 1, FALSE);
  g_assert_nonnull (ml_window_get_last_error (window));
  g_assert_nonnull (strstr (ml_window_get_last_error (window), "had no pump"));
  g_assert_nonnull (strstr (ml_window_get_last_error (window), before));
  g_assert_nonnull (strstr (ml_window_get_last_error (window), after));
  g_assert_null (strstr (ml_membrane_view_get_description (window->membrane), "No pump"));

  /* Now it has one: blocked, it is a blocked pump. */
  test_press_keys (GTK_WIDGET (window), "<Shift><Control>o");
  g_assert_cmpint (ml_cell_get_pump_mode (cell), ==, ML_PUMP_OFF);
  g_assert_nonnull (strstr (ml_membrane_view_get_description (window->membrane),
                            "Pump blocked."));
  window_destroy (window);
}

/* 14. A lesson's first frame: no ghost on the gauge of a change the
 * student never made (the lesson sets its own cell up: the heart lesson
 * loads a cardiac myocyte in place of the neuron). */
static void
test_lesson_starts_without_ghost (void)
{
  MlWindow *window = window_new (1280, 800);
  double vm_before = ml_window_get_solution (window)->vm_mv;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson", "s",
                                             "cardiac-potassium"));
  test_wait_ms (300);
  /* The cell did change: V_m moved by more than a tenth of a mV. */
  g_assert_cmpfloat (fabs (ml_window_get_solution (window)->vm_mv - vm_before), >, 0.1);
  g_assert_false (ml_gauge_get_ghost (window->gauge, NULL));
  window_destroy (window);
}


/* 11. On the chart recorder the E labels stand in the order of their lines
 * (squid axon, the case reported: E Cl⁻ above E K⁺), at 800 px. */
static void
test_chart_label_order (void)
{
  MlWindow *window = window_new (800, 600);
  const MlSolution *sol;
  GtkWidget *chart;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_true (ml_window_load_preset (window, "squid-axon", NULL));
  test_press_keys (GTK_WIDGET (window), "<Alt>2");
  WAIT_FOR (ml_window_get_page (window, "time-course") != NULL);
  test_wait_ms (300);
  chart = find_type (ml_window_get_page (window, "time-course"), ML_TYPE_CHART_RECORDER);
  g_assert_nonnull (chart);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  cr = cairo_create (surface);
  ml_chart_recorder_draw (ML_CHART_RECORDER (chart), cr, 800, 500);
  cairo_destroy (cr);
  test_write_png (surface, "chart-labels-squid-800.png");
  cairo_surface_destroy (surface);

  /* The E of every ion the core solved, against every other: the higher
   * potential's label is the higher one (a smaller y). */
  sol = ml_window_get_solution (window);
  for (guint i = 0; i < sol->n_ions; i++)
    for (guint j = 0; j < sol->n_ions; j++)
      {
        const MlIon *a = ml_cell_get_ion (ml_window_get_cell (window), i);
        const MlIon *b = ml_cell_get_ion (ml_window_get_cell (window), j);
        g_autofree char *la = ml_ion_label (a->name, a->z);
        g_autofree char *lb = ml_ion_label (b->name, b->z);
        g_autofree char *ta = g_strdup_printf ("E %s", la);
        g_autofree char *tb = g_strdup_printf ("E %s", lb);
        double ya, yb;

        if (i == j || !ml_chart_recorder_get_label_y (ML_CHART_RECORDER (chart), ta, &ya)
            || !ml_chart_recorder_get_label_y (ML_CHART_RECORDER (chart), tb, &yb))
          continue;
        if (sol->ions[i].nernst_mv > sol->ions[j].nernst_mv + 0.5)
          {
            if (!(ya < yb))
              g_error ("“%s” (%.1f mV) is drawn at y %.0f, not above “%s” (%.1f mV) at %.0f",
                       ta, sol->ions[i].nernst_mv, ya, tb, sol->ions[j].nernst_mv, yb);
          }
      }
  g_assert_true (ml_chart_recorder_get_label_y (ML_CHART_RECORDER (chart), "E Cl", NULL));
  window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  app = ml_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  /* Its startup: the style sheet, the shortcuts. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/keys/lesson-from-menu", test_lesson_from_menu);
  g_test_add_func ("/keys/menu-item-keeps-keys", test_menu_item_keeps_keys);
  g_test_add_func ("/keys/clicker-at-questions", test_clicker_at_questions);
  g_test_add_func ("/keys/escape", test_escape);
  g_test_add_func ("/keys/leave-presentation-from-time-course",
                   test_leave_presentation_from_time_course);
  g_test_add_func ("/keys/find-then-type", test_find_then_type);
  g_test_add_func ("/keys/practice-takes-typing", test_practice_takes_typing);
  g_test_add_func ("/keys/switcher-at-800x600", test_switcher_at_800);
  g_test_add_func ("/keys/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/keys/time-course-beside-lesson", test_time_course_beside_lesson);
  g_test_add_func ("/keys/check-button-in-view", test_check_button_in_view);
  g_test_add_func ("/keys/export-on-plots-page", test_export_on_plots_page);
  g_test_add_func ("/keys/export-svg-matches-png", test_export_svg_matches_png);
  g_test_add_func ("/keys/german-measured-entry", test_german_measured_entry);
  g_test_add_func ("/keys/cell-without-pump", test_cell_without_pump);
  g_test_add_func ("/keys/lesson-starts-without-ghost", test_lesson_starts_without_ghost);
  g_test_add_func ("/keys/chart-label-order", test_chart_label_order);
  return g_test_run ();
}
