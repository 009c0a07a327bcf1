/* test-donnan-view.c — the picture of the two compartments
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks that the Donnan view says in words the numbers the core computed,
 * renders it light and dark at a small and a large size (not blank, no
 * text under the CSS font size, 18 px and more in presentation mode) so a
 * person can look at the PNGs, and that a lesson's case reaches the
 * window's numbers and its picture.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gui-test-support.h"
#include "ml-donnan-view.h"
#include "ml-donnan-window.h"
#include "ml-format.h"
#include "ml-physics.h"
#include "ml-screenshot.h"

/* The lesson's case: 120 mM of a monovalent anion in a 100 mM KCl bath at
 * 37 °C.  By hand r = (120 + √(120² + 4·100²)) / 200 = 1.7662, so K_in =
 * 176.6 mM, Cl_in = 56.62 mM and V = −26.7267 mV · ln r = −15.2 mV. */
static MlDonnan
lesson_case (void)
{
  MlDonnan d;

  g_assert_true (ml_donnan_open_bath (120.0, -1, 100.0, 37.0, &d));
  g_assert_cmpfloat_with_epsilon (d.ratio, 1.7662, 1e-3);
  g_assert_cmpfloat_with_epsilon (d.vm_mv, -15.20, 0.02);
  return d;
}

static void
assert_no_nan (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  char *donnan;

  /* "Donnan" is no NaN */
  while ((donnan = strstr (lower, "donnan")) != NULL)
    memcpy (donnan, "DONNAN", 6);
  g_assert_null (strstr (lower, "nan"));
  g_assert_null (strstr (lower, "inf"));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in “%s”", part, text);
}

static void
test_description (void)
{
  GtkWidget *widget = g_object_ref_sink (ml_donnan_view_new ());
  MlDonnanView *view = ML_DONNAN_VIEW (widget);
  MlDonnan d = lesson_case ();
  g_autofree char *v = ml_donnan_view_format_mv (d.vm_mv);
  g_autofree char *r = ml_format_fixed (d.ratio, 3, FALSE);
  const char *text;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_cmpstr (v, ==, "−15.2 mV");

  ml_donnan_view_set_result (view, &d, 120.0, -1, FALSE);
  text = ml_donnan_view_get_description (view);
  g_test_message ("%s", text);
  assert_contains (text, v);
  assert_contains (text, r);
  assert_contains (text, "176.6 mM");
  assert_contains (text, "56.62 mM");
  assert_contains (text, "120 mM");
  assert_contains (text, "open bath");
  assert_contains (text, "A⁻ cannot");
  assert_contains (text, "water would flow in");
  assert_no_nan (text);

  /* a divalent anion in closed compartments */
  g_assert_true (ml_donnan_closed (120.0, -2, 10.0, 100.0, 1.0, 1.0, 37.0, &d));
  ml_donnan_view_set_result (view, &d, 120.0, -2, TRUE);
  text = ml_donnan_view_get_description (view);
  assert_contains (text, "A²⁻");
  assert_contains (text, "closed compartment");
  assert_no_nan (text);

  /* undefined: words, no numbers */
  ml_donnan_view_set_result (view, NULL, 120.0, -1, FALSE);
  text = ml_donnan_view_get_description (view);
  assert_contains (text, "Undefined");
  assert_no_nan (text);

  g_object_unref (widget);
}

/* Rendering ----------------------------------------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWindow *
show_view (GtkWidget *view,
           int        width,
           int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_set_size_request (view, width, height);
  gtk_window_set_child (window, view);
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);

  while ((gtk_widget_get_width (view) != width || gtk_widget_get_height (view) != height ||
          !gtk_widget_get_mapped (view)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  spin (50);

  g_assert_cmpint (gtk_widget_get_width (view), ==, width);
  g_assert_cmpint (gtk_widget_get_height (view), ==, height);
  return window;
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  spin (50);
}

/* The widget's CSS font size in px, as the view reads it. */
static double
css_font_px (GtkWidget *widget)
{
  const PangoFontDescription *desc =
    pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  double size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;

  if (!pango_font_description_get_size_is_absolute (desc))
    size *= 96.0 / 72.0;
  return size;
}

/* Renders the view over the theme's window colour, checks it is drawn and
 * its smallest text, and saves it. */
static void
render_png_covering (GtkWidget  *view,
                     gboolean    dark,
                     double      min_px,
                     const char *name,
                     int         fraction)
{
  int w = gtk_widget_get_width (view);
  int h = gtk_widget_get_height (view);
  cairo_surface_t *surface = test_render_on_theme (view, dark);
  g_autofree char *file = g_strdup_printf ("donnan-view-%s-%dx%d-%s.png", name, w, h,
                                           dark ? "dark" : "light");
  double smallest = ml_donnan_view_get_smallest_text (ML_DONNAN_VIEW (view));

  /* not blank: many pixels differ from the background (1/@fraction) */
  g_assert_cmpint (ml_surface_count_differing (surface), >, w * h / fraction);
  g_assert_true (ml_surface_is_varied (surface, 16));
  g_test_message ("%s: smallest text %.1f px (floor %.1f px)", file, smallest, min_px);
  if (smallest < min_px - 0.01)
    g_error ("%s: text at %.1f px, under %.1f px", file, smallest, min_px);
  test_write_png (surface, file);
  cairo_surface_destroy (surface);
}

static void
render_png (GtkWidget  *view,
            gboolean    dark,
            double      min_px,
            const char *name)
{
  render_png_covering (view, dark, min_px, name, 20);
}

static void
test_render (void)
{
  static const int sizes[][2] = { { 360, 280 }, { 1000, 700 }, { 720, 340 } };
  MlDonnan d = lesson_case ();

  for (guint dark = 0; dark < 2; dark++)
    {
      set_dark (dark);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          GtkWidget *view = ml_donnan_view_new ();
          GtkWindow *window = show_view (view, sizes[s][0], sizes[s][1]);
          MlDonnan closed;

          ml_donnan_view_set_result (ML_DONNAN_VIEW (view), &d, 120.0, -1, FALSE);
          spin (20);
          render_png (view, dark, css_font_px (view), "lesson");

          g_assert_true (ml_donnan_closed (100.0, -2, 10.0, 150.0, 1.0, 1.0, 37.0, &closed));
          ml_donnan_view_set_result (ML_DONNAN_VIEW (view), &closed, 100.0, -2, TRUE);
          spin (20);
          render_png (view, dark, css_font_px (view), "closed");

          ml_donnan_view_set_result (ML_DONNAN_VIEW (view), NULL, 100.0, -1, FALSE);
          spin (20);
          /* only words */
          render_png_covering (view, dark, css_font_px (view), "undefined", 400);
          gtk_window_destroy (window);
        }
    }
  set_dark (FALSE);
}

/* Presentation mode sets 14 pt (18.7 px) on the view: every text drawn,
 * subscripts included, is at least that. */
static void
test_presentation_font_floor (void)
{
  static const int sizes[][2] = { { 1000, 700 }, { 720, 380 }, { 456, 342 } };
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();
  MlDonnan d = lesson_case ();

  gtk_css_provider_load_from_data (provider, "donnan-view { font-size: 14pt; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      GtkWidget *view = ml_donnan_view_new ();
      GtkWindow *window = show_view (view, sizes[s][0], sizes[s][1]);
      int min_w, min_h, nat, base_min, base_nat;

      g_assert_cmpfloat_with_epsilon (css_font_px (view), 14.0 * 96.0 / 72.0, 0.01);
      /* Room for its text: 24 × 19 px by 18 × 19 px (the last size), the
       * view's own minimum, without the test's size request. */
      GTK_WIDGET_GET_CLASS (view)->measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat,
                                            &base_min, &base_nat);
      GTK_WIDGET_GET_CLASS (view)->measure (view, GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat,
                                            &base_min, &base_nat);
      g_assert_cmpint (min_w, ==, 456);
      g_assert_cmpint (min_h, ==, 342);
      ml_donnan_view_set_result (ML_DONNAN_VIEW (view), &d, 120.0, -1, FALSE);
      spin (20);
      render_png (view, FALSE, 18.0, "presentation");
      g_assert_cmpfloat (ml_donnan_view_get_smallest_text (ML_DONNAN_VIEW (view)), >=,
                         14.0 * 96.0 / 72.0);
      gtk_window_destroy (window);
    }
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (provider));
}

/* The window ------------------------------------------------------------ */

static void
wait_drawn (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  spin (100);
}

static void
test_window_set_case (void)
{
  MlDonnanWindow *window = ml_donnan_window_new (NULL, 37.0);
  MlDonnanView *view = ml_donnan_window_get_view (window);
  MlDonnan d = lesson_case ();
  g_autofree char *text = NULL;
  g_autofree char *v = ml_format_millivolts (d.vm_mv, 2, TRUE);
  g_autofree char *view_v = ml_donnan_view_format_mv (d.vm_mv);
  g_autofree char *r = ml_format_fixed (d.ratio, 3, FALSE);

  g_assert_nonnull (view);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "donnan"));

  /* from closed compartments and a divalent anion to the lesson's case */
  ml_donnan_window_set_closed (window, TRUE);
  ml_donnan_window_set_valence (window, -2);
  ml_donnan_window_set_case (window, 120.0, -1, 100.0);
  text = ml_donnan_window_get_text (window);
  g_test_message ("%s", text);
  assert_contains (text, "176.6 mM");
  assert_contains (text, "56.62 mM");
  assert_contains (text, v);
  assert_contains (text, r);
  assert_contains (ml_donnan_view_get_description (view), view_v);
  assert_contains (ml_donnan_view_get_description (view), r);
  assert_contains (ml_donnan_view_get_description (view), "open bath");
  g_assert_cmpfloat (ml_log_control_get_value (
                       ml_donnan_window_get_control (window, ML_DONNAN_CONTROL_ANION)), ==, 120.0);
  g_assert_cmpfloat (ml_log_control_get_value (
                       ml_donnan_window_get_control (window, ML_DONNAN_CONTROL_BATH)), ==, 100.0);

  /* the picture follows every recomputation */
  ml_donnan_window_set_valence (window, -2);
  g_assert_null (strstr (ml_donnan_view_get_description (view), view_v));
  assert_contains (ml_donnan_view_get_description (view), "A²⁻");
  ml_donnan_window_set_valence (window, -1);
  assert_contains (ml_donnan_view_get_description (view), view_v);

  /* A lesson's Donnan=120,-3,100: the window shows that case, as the core
   * solves it (hand: K_in = (360 + √(360² + 4·100²))/2 = 385.91 mM), not
   * the −1 it showed after a CRITICAL. */
  {
    MlDonnan d3;
    g_autofree char *text3 = NULL;
    g_autofree char *v3 = NULL;

    g_assert_true (ml_donnan_open_bath (120.0, -3, 100.0, 37.0, &d3));
    g_assert_cmpfloat (fabs (d3.k_in - 385.91), <, 0.01);
    v3 = ml_format_millivolts (d3.vm_mv, 2, TRUE);
    ml_donnan_window_set_case (window, 120.0, -3, 100.0);
    text3 = ml_donnan_window_get_text (window);
    assert_contains (text3, "385.9 mM");
    assert_contains (text3, v3);
    assert_contains (ml_donnan_view_get_description (view), "A³⁻");
    ml_donnan_window_set_case (window, 120.0, ML_DONNAN_VALENCE_MIN, 100.0);
    assert_contains (ml_donnan_view_get_description (view), "A¹⁰⁻");
    ml_donnan_window_set_case (window, 120.0, -1, 100.0);
  }

  for (guint dark = 0; dark < 2; dark++)
    {
      set_dark (dark);
      for (guint on = 0; on < 2; on++)
        {
          g_autofree char *name = g_strdup_printf ("donnan-window-%s%s.png",
                                                   dark ? "dark" : "light",
                                                   on ? "-presentation" : "");
          cairo_surface_t *surface;

          ml_donnan_window_set_presentation (window, on);
          g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"), ==, on);
          gtk_window_present (GTK_WINDOW (window));
          wait_drawn (GTK_WIDGET (view));
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >=, 360);
          g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >=, 280);
          surface = ml_screenshot_surface (GTK_WIDGET (window));
          g_assert_true (ml_surface_is_varied (surface, 32));
          test_write_png (surface, name);
          cairo_surface_destroy (surface);
          /* style.css: window.donnan.presentation donnan-view { font-size: 14pt } */
          if (on)
            g_assert_cmpfloat (ml_donnan_view_get_smallest_text (view), >=, 18.0);
          else
            g_assert_cmpfloat (ml_donnan_view_get_smallest_text (view), >=,
                               css_font_px (GTK_WIDGET (view)) - 0.01);
        }
    }
  set_dark (FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* AdwApplication loads the app's style sheet; these windows have none. */
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_func ("/donnan-view/description", test_description);
  g_test_add_func ("/donnan-view/render", test_render);
  g_test_add_func ("/donnan-view/presentation-font-floor", test_presentation_font_floor);
  g_test_add_func ("/donnan-window/set-case", test_window_set_case);
  return g_test_run ();
}
