/* test-presentation.c — presentation mode's sizes and keys, on a render of
 * the real window at a projector's 1024×768 and 1280×720
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the back row needs (the numbers): no header bar, Esc
 * leaves, V_m's digits at least a tenth of the screen's height (their
 * ink, measured by the gauge as it draws them), every drawn label at least
 * 18 px; the lesson pane stays inside the window's width.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gui-test-support.h"
#include "ml-membrane-view-private.h"
#include "ml-presets.h"
#include "ml-window-private.h"

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static MlWindow *
window_new (int width,
            int height)
{
  MlWindow *window = ml_window_new_full (NULL, FALSE);

  g_assert_true (ml_window_load_preset (window, "mammalian-neuron", NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (200);
  return window;
}

static void
window_destroy (MlWindow *window)
{
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (20);
}

static void
assert_membrane_texts_at_least (MlMembraneView *mv,
                                double          px)
{
  guint n = 0;

  for (guint i = 0; i < N_TEXTS; i++)
    if (mv->texts[i].layout != NULL && mv->texts[i].text != NULL)
      {
        n++;
        if (mv->texts[i].size < px * PANGO_SCALE - 1)
          g_error ("membrane view: “%s” at %.1f px, under %.0f px", mv->texts[i].text,
                   mv->texts[i].size / (double) PANGO_SCALE, px);
      }
  g_assert_cmpuint (n, >, 10);
}

static void
check_sizes (int width,
             int height)
{
  MlWindow *window = window_new (width, height);
  g_autofree char *name = NULL;
  cairo_surface_t *surface;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  wait_ms (300);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->header)));
  g_assert_false (adw_flap_get_reveal_flap (window->flap));

  /* A render of the whole window, as the projector shows it. */
  surface = test_render_on_theme (GTK_WIDGET (window), FALSE);
  name = g_strdup_printf ("presentation-%dx%d.png", width, height);
  test_write_png (surface, name);
  cairo_surface_destroy (surface);

  /* The window keeps the screen's size: nothing asks for more. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
  if (ml_gauge_get_drawn_digit_height (window->gauge) < height / 10.0 - 0.5)
    g_error ("%dx%d: V_m's digits are %.1f px tall, under a tenth of %d", width, height,
             ml_gauge_get_drawn_digit_height (window->gauge), height);
  g_assert_cmpfloat (ml_gauge_get_smallest_text (window->gauge), >=, 18.0);
  assert_membrane_texts_at_least (window->membrane, 18.0);

  /* With a lesson: beside the math, inside the width. */
  /* (its first step asks nothing, so the number shows) */
  g_assert_true (ml_window_start_lesson (window, "nernst", NULL));
  wait_ms (200);
  g_assert_true (gtk_widget_get_parent (window->lesson_pane) == window->bottom_box);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
  g_assert_cmpfloat (ml_gauge_get_drawn_digit_height (window->gauge), >=, height / 10.0 - 0.5);

  /* Esc leaves: the header and the controls come back, the pane goes back
   * to the side (below the views still, under 1200 px, where beside them
   * it would cover the gauge). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));
  wait_ms (100);
  g_assert_false (window->presentation);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->header)));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  if (width >= 1200)
    g_assert_true (gtk_widget_get_parent (window->lesson_pane) != window->bottom_box);
  else
    g_assert_true (gtk_widget_get_parent (window->lesson_pane) == window->bottom_box);
  window_destroy (window);
}

static void
test_1024x768 (void)
{
  check_sizes (1024, 768);
}

static void
test_1280x720 (void)
{
  check_sizes (1280, 720);
}

/* Esc does nothing (and is left to others) outside presentation mode; the
 * presets step on with Ctrl+Page Down and back with Ctrl+Page Up. */
static void
test_keys (void)
{
  MlWindow *window = window_new (1280, 800);
  const char * const *ids = ml_presets_list ();
  guint n = g_strv_length ((char **)ids);

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation",
                                              NULL) && window->presentation);
  g_assert_cmpstr (ml_session_get_preset_id (window->session), ==, ids[0]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-preset", NULL));
  g_assert_cmpstr (ml_session_get_preset_id (window->session), ==, ids[1]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-preset", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-preset", NULL));
  g_assert_cmpstr (ml_session_get_preset_id (window->session), ==, ids[n - 1]);

  /* The menu's toggles of the membrane view, and a lesson that sets one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-forces", NULL));
  g_assert_true (ml_membrane_view_get_show_forces (window->membrane));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-forces", NULL));
  g_assert_false (ml_membrane_view_get_show_forces (window->membrane));
  g_assert_true (ml_window_start_lesson (window, "two-forces", NULL));
  {
    gboolean legend = FALSE, forces = FALSE;

    g_object_get (window, "show-legend", &legend, "show-forces", &forces, NULL);
    g_assert_true (legend);
    g_assert_true (forces);
  }
  window_destroy (window);
}

/* Typing a name finds the parameter, and going there opens the controls
 * and focuses its control, in presentation mode too. */
static void
test_find_parameter (void)
{
  MlWindow *window = window_new (1024, 768);
  g_auto (GStrv) na_p = _ml_window_find_matches (window, "na p");
  g_auto (GStrv) temp = _ml_window_find_matches (window, "TEMP");
  g_auto (GStrv) by_id = _ml_window_find_matches (window, "K.out");
  g_auto (GStrv) none = _ml_window_find_matches (window, "zzz");
  GtkWidget *focus, *control;

  g_assert_true (g_strv_contains ((const char * const *)na_p, "Na.p"));
  g_assert_false (g_strv_contains ((const char * const *)na_p, "K.p"));
  g_assert_cmpstr (temp[0], ==, "temperature");
  g_assert_true (g_strv_contains ((const char * const *)by_id, "K.out"));
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  g_object_set (window, "presentation", TRUE, NULL);
  wait_ms (100);
  g_assert_true (ml_window_go_to_parameter (window, "Na.p"));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  control = GTK_WIDGET (ml_controls_get_ion_control (window->controls, "Na", ML_ION_FIELD_P));
  /* once the controls pane has slid in (up to 5 s on a loaded machine) */
  for (int i = 0; i < 100; i++)
    {
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus != NULL && (focus == control || gtk_widget_is_ancestor (focus, control)))
        break;
      wait_ms (50);
    }
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == control || gtk_widget_is_ancestor (focus, control));
  g_assert_false (ml_window_go_to_parameter (window, "Mg.p"));
  window_destroy (window);
}

/* A label's font size in px (the display's 96 dpi for a size in pt). */
static double
label_px (GtkWidget *label)
{
  PangoContext *context = gtk_widget_get_pango_context (label);
  PangoFontDescription *font = pango_context_get_font_description (context);
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}

static void
assert_labels_at_least (GtkWidget *widget,
                        double     px)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
      && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0' && label_px (widget) < px - 0.05)
    g_error ("“%s” at %.1f px, under %.0f px", gtk_label_get_text (GTK_LABEL (widget)),
             label_px (widget), px);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_labels_at_least (child, px);
}

static gboolean
bounds_overlap (GtkWidget *a,
                GtkWidget *b,
                GtkWidget *root)
{
  graphene_rect_t ra, rb, inter;

  g_assert_true (gtk_widget_compute_bounds (a, root, &ra));
  g_assert_true (gtk_widget_compute_bounds (b, root, &rb));
  return graphene_rect_intersection (&ra, &rb, &inter) && inter.size.width > 0.5
         && inter.size.height > 0.5;
}

/* A lesson at a projector's 1024×768: the pane covers neither the gauge
 * nor the membrane view; in presentation mode every word of the pane and
 * the math's stand-in is at least 18 px. */
static void
test_lesson_1024 (void)
{
  MlWindow *window = window_new (1024, 768);
  cairo_surface_t *surface;

  g_assert_true (ml_window_start_lesson (window, "nernst", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-next", NULL));
  wait_ms (300);
  /* Step 2 asks: the gauge says so, and must be seen saying it. */
  g_assert_true (ml_gauge_get_concealed (window->gauge));
  g_assert_true (gtk_widget_is_drawable (window->lesson_pane));
  g_assert_false (bounds_overlap (window->lesson_pane, GTK_WIDGET (window->gauge),
                                  GTK_WIDGET (window)));
  g_assert_false (bounds_overlap (window->lesson_pane, GTK_WIDGET (window->membrane),
                                  GTK_WIDGET (window)));
  surface = test_render_on_theme (GTK_WIDGET (window), FALSE);
  test_write_png (surface, "lesson-1024x768.png");
  cairo_surface_destroy (surface);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  wait_ms (300);
  g_assert_false (bounds_overlap (window->lesson_pane, GTK_WIDGET (window->gauge),
                                  GTK_WIDGET (window)));
  assert_labels_at_least (window->lesson_pane, 18.0);
  g_assert_true (gtk_widget_is_drawable (window->math_concealed));
  assert_labels_at_least (window->math_concealed, 18.0);
  surface = test_render_on_theme (GTK_WIDGET (window), TRUE);
  test_write_png (surface, "lesson-presentation-1024x768-dark.png");
  cairo_surface_destroy (surface);
  window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app's style sheet, which the application loads. */
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_test_add_func ("/presentation/1024x768", test_1024x768);
  g_test_add_func ("/presentation/1280x720", test_1280x720);
  g_test_add_func ("/presentation/keys", test_keys);
  g_test_add_func ("/presentation/lesson-1024x768", test_lesson_1024);
  g_test_add_func ("/presentation/find-parameter", test_find_parameter);
  return g_test_run ();
}
