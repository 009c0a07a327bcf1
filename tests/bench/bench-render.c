/* bench-render.c — how long a slider step takes to draw, at 1920×1080
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real main window at 1920×1080 and sweeps the K⁺ outside
 * concentration slider through N_STEPS values, as a drag would.  For each
 * value it measures
 *
 *  - event to frame: from gtk_range_set_value() to the end ("after-paint") of
 *    the window's next frame; also the frame's own work (from its
 *    "before-paint" to its "after-paint"), which does not include the wait
 *    for the frame clock's next slot;
 *  - the cairo renderer's work for the membrane view and the gauge: each
 *    widget's render node (through gtk_widget_paintable_new) drawn with
 *    gsk_render_node_draw() into an image surface of the widget's size;
 *  - the widgets' own snapshot() (building the render nodes), which the
 *    window's frame also pays for and the paintable path does not include.
 *
 * Prints medians and 99th percentiles in ms and whether the budgets of
 * docs/ARCHITECTURE.md hold.  Exits 0 unless something is broken (a budget miss is
 * reported, not fatal: benchmarks run on shared, noisy machines).
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "ml-controls.h"
#include "ml-window.h"

#define N_STEPS        500   /* at most; $ML_BENCH_STEPS may ask for fewer (profiling) */
#define WIDTH          1920
#define HEIGHT         1080
#define FRAME_MS       (1000.0 / 60.0)
#define RENDER_BUDGET  4.0

typedef struct
{
  guint  n_after_paint;
  gint64 before_paint;       /* start of the latest frame */
  gint64 after_paint;        /* end of the latest frame */
  gint64 update;             /* phases of the latest frame */
  gint64 layout;
  gint64 paint;
  gint64 frame_start;        /* the phases of the frame that ended last */
  gint64 frame_update;
  gint64 frame_layout;
  gint64 frame_paint;
} FrameWatch;

static void
before_paint_cb (GdkFrameClock *clock,
                 FrameWatch    *watch)
{
  watch->before_paint = g_get_monotonic_time ();
}

static void
update_cb (GdkFrameClock *clock,
           FrameWatch    *watch)
{
  watch->update = g_get_monotonic_time ();
}

static void
layout_cb (GdkFrameClock *clock,
           FrameWatch    *watch)
{
  watch->layout = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          FrameWatch    *watch)
{
  watch->paint = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                FrameWatch    *watch)
{
  watch->after_paint = g_get_monotonic_time ();
  watch->frame_start = watch->before_paint;
  /* A phase the frame skipped starts where the next one does. */
  watch->frame_paint = watch->paint >= watch->before_paint ? watch->paint : watch->after_paint;
  watch->frame_layout = watch->layout >= watch->before_paint ? watch->layout : watch->frame_paint;
  watch->frame_update = watch->update >= watch->before_paint ? watch->update : watch->frame_layout;
  watch->n_after_paint++;
}

/* Iterates until @watch has seen @count frames end, or 5 s pass. */
static gboolean
wait_for_after_paint (FrameWatch *watch,
                      guint       count)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (watch->n_after_paint < count)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
    }
  return TRUE;
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y ? 1 : 0;
}

typedef struct
{
  const char *name;
  double      v[N_STEPS];
  guint       n;
  double      median;
  double      p99;
  double      max;
} Series;

static void
series_add (Series *s,
            double  ms)
{
  if (s->n < N_STEPS)
    s->v[s->n++] = ms;
}

static void
series_finish (Series *s)
{
  double sorted[N_STEPS];
  guint rank;

  if (s->n == 0)
    return;
  memcpy (sorted, s->v, s->n * sizeof (double));
  qsort (sorted, s->n, sizeof (double), compare_double);
  s->median = s->n % 2 ? sorted[s->n / 2] : 0.5 * (sorted[s->n / 2 - 1] + sorted[s->n / 2]);
  rank = (guint)ceil (0.99 * s->n);
  s->p99 = sorted[MAX (rank, 1) - 1];
  s->max = sorted[s->n - 1];
}

static void
series_print (Series *s)
{
  series_finish (s);
  g_print ("  %-44s %8.3f %8.3f %8.3f   (n=%u)\n", s->name, s->median, s->p99, s->max, s->n);
}

typedef struct
{
  GtkWidget       *widget;
  GdkPaintable    *paintable;
  cairo_surface_t *surface;
  int              width;
  int              height;
} Target;

static void
target_init (Target    *t,
             GtkWidget *widget)
{
  t->widget = widget;
  t->paintable = gtk_widget_paintable_new (widget);
  t->width = gtk_widget_get_width (widget);
  t->height = gtk_widget_get_height (widget);
  t->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (t->width, 1), MAX (t->height, 1));
}

static void
target_clear (Target *t)
{
  g_clear_object (&t->paintable);
  g_clear_pointer (&t->surface, cairo_surface_destroy);
}

static void
clear_surface (cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_destroy (cr);
}

/* The cairo renderer's work: the widget's render node, drawn. */
static double
time_render (Target *t)
{
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  cairo_t *cr;
  gint64 start;

  clear_surface (t->surface);
  start = g_get_monotonic_time ();
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (t->paintable, snapshot, t->width, t->height);
  node = gtk_snapshot_free_to_node (snapshot);
  cr = cairo_create (t->surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (t->surface);
  g_clear_pointer (&node, gsk_render_node_unref);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The widget's own snapshot(): building its render nodes. */
static double
time_build (Target *t)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  gint64 start = g_get_monotonic_time ();

  GTK_WIDGET_GET_CLASS (t->widget)->snapshot (t->widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  start = g_get_monotonic_time () - start;
  g_clear_pointer (&node, gsk_render_node_unref);
  return start / 1000.0;
}

/* Frames only: event to after-paint and the frame's phases, @n steps. */
typedef struct
{
  Series latency;
  Series work;
  Series layout;
  Series paint;
} FrameSeries;

static gboolean
sweep_frames (FrameWatch  *watch,
              GtkRange    *range,
              double       lower,
              double       upper,
              guint        n,
              FrameSeries *out)
{
  for (guint i = 0; i < n; i++)
    {
      double position = upper - (upper - lower) * i / (n - 1);
      guint count = watch->n_after_paint;
      gint64 event = g_get_monotonic_time ();

      gtk_range_set_value (range, position);
      if (!wait_for_after_paint (watch, count + 1))
        return FALSE;
      series_add (&out->latency, (watch->after_paint - event) / 1000.0);
      series_add (&out->work, (watch->after_paint - watch->frame_start) / 1000.0);
      series_add (&out->layout, (watch->frame_paint - watch->frame_layout) / 1000.0);
      series_add (&out->paint, (watch->after_paint - watch->frame_paint) / 1000.0);
      drain ();
    }
  return TRUE;
}

static const char *
verdict (gboolean ok)
{
  return ok ? "within budget" : "OVER BUDGET";
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;
  static Series view_render = { "membrane view: cairo render" };
  static Series gauge_render = { "gauge: cairo render" };
  static Series both_render = { "membrane view + gauge: cairo render" };
  static Series view_build = { "membrane view: snapshot() (node building)" };
  static Series gauge_build = { "gauge: snapshot() (node building)" };
  static Series both_total = { "both: snapshot() + cairo render" };
  static Series latency = { "whole window: event to after-paint" };
  static Series work = { "whole window: frame work (before→after-paint)" };
  static Series work_update = { "  of which update (tick callbacks)" };
  static Series work_layout = { "  of which layout (measure, allocate)" };
  static Series work_paint = { "  of which paint (snapshot, render, send)" };
  static Series window_render = { "whole window: cairo render (every 10th)" };
  FrameWatch watch = { 0 };
  MlWindow *window;
  MlControls *controls;
  MlLogControl *control;
  GtkRange *range;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  Target view, gauge, whole;
  double lower, upper;
  guint late_frames = 0;
  guint n_steps = N_STEPS;
  int width, height;

  if (g_getenv ("ML_BENCH_STEPS") != NULL)
    n_steps = CLAMP (atoi (g_getenv ("ML_BENCH_STEPS")), 2, N_STEPS);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();
  /* AdwApplication loads the app's style sheet; a bare window has none. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  window = ml_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock == NULL)
    {
      g_printerr ("bench-render: the window has no frame clock\n");
      return 1;
    }
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &watch);
  g_signal_connect (clock, "update", G_CALLBACK (update_cb), &watch);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), &watch);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), &watch);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &watch);
  if (!wait_for_after_paint (&watch, 1))
    {
      g_printerr ("bench-render: no first frame within 5 s\n");
      return 1;
    }
  /* Let the first layout settle and the needle's first easing end. */
  {
    gint64 end = g_get_monotonic_time () + 400 * 1000;
    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  controls = ml_window_get_controls (window);
  control = ml_controls_get_ion_control (controls, "K", ML_ION_FIELD_C_OUT);
  if (control == NULL)
    {
      g_printerr ("bench-render: no K⁺ outside control\n");
      return 1;
    }
  range = ml_log_control_get_scale (control);
  adjustment = gtk_range_get_adjustment (range);
  /* The slider moves in log10 of the concentration: 1 to 100 mM. */
  lower = MAX (0.0, gtk_adjustment_get_lower (adjustment));
  upper = MIN (2.0, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  if (!(upper > lower))
    {
      g_printerr ("bench-render: unexpected slider range %g..%g\n",
                  gtk_adjustment_get_lower (adjustment), gtk_adjustment_get_upper (adjustment));
      return 1;
    }

  target_init (&view, GTK_WIDGET (ml_window_get_membrane_view (window)));
  target_init (&gauge, GTK_WIDGET (ml_window_get_gauge (window)));
  target_init (&whole, GTK_WIDGET (window));

  g_print ("bench-render: window %d×%d, membrane view %d×%d, gauge %d×%d, renderer %s\n",
           width, height, view.width, view.height, gauge.width, gauge.height,
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)");
  g_print ("bench-render: K⁺ outside slider from %.3g to %.3g (log10 mM) in %u steps\n",
           lower, upper, n_steps);
  if (view.width <= 0 || view.height <= 0 || gauge.width <= 0 || gauge.height <= 0)
    {
      g_printerr ("bench-render: the membrane view or the gauge has no size\n");
      return 1;
    }

  for (guint i = 0; i < n_steps; i++)
    {
      double position = lower + (upper - lower) * i / (n_steps - 1);
      guint count = watch.n_after_paint;
      gint64 event;
      double v, g, ms;

      event = g_get_monotonic_time ();
      gtk_range_set_value (range, position);
      if (!wait_for_after_paint (&watch, count + 1))
        {
          g_printerr ("bench-render: no frame within 5 s after step %u\n", i);
          return 1;
        }
      ms = (watch.after_paint - event) / 1000.0;
      series_add (&latency, ms);
      series_add (&work, (watch.after_paint - watch.frame_start) / 1000.0);
      series_add (&work_update, (watch.frame_layout - watch.frame_update) / 1000.0);
      series_add (&work_layout, (watch.frame_paint - watch.frame_layout) / 1000.0);
      series_add (&work_paint, (watch.after_paint - watch.frame_paint) / 1000.0);
      if (ms > FRAME_MS)
        late_frames++;

      /* The paintables take the new render nodes in a high-priority idle. */
      drain ();

      v = time_render (&view);
      g = time_render (&gauge);
      series_add (&view_render, v);
      series_add (&gauge_render, g);
      series_add (&both_render, v + g);

      {
        double vb = time_build (&view);
        double gb = time_build (&gauge);

        series_add (&view_build, vb);
        series_add (&gauge_build, gb);
        series_add (&both_total, v + g + vb + gb);
      }

      if (i % 10 == 0)
        series_add (&window_render, time_render (&whole));
    }

  g_print ("\n  %-44s %8s %8s %8s\n", "ms", "median", "p99", "max");
  series_print (&view_render);
  series_print (&gauge_render);
  series_print (&both_render);
  series_print (&view_build);
  series_print (&gauge_build);
  series_print (&both_total);
  series_print (&window_render);
  series_print (&latency);
  series_print (&work);
  series_print (&work_update);
  series_print (&work_layout);
  series_print (&work_paint);

  /* Where the layout time goes: the same sweep, frames only, with and
   * without the math pane (which is relaid out on every step). */
  {
    static FrameSeries shown = { { "math pane shown: event to after-paint" },
                                 { "math pane shown: frame work" },
                                 { "math pane shown: layout" },
                                 { "math pane shown: paint" } };
    static FrameSeries hidden = { { "math pane hidden: event to after-paint" },
                                  { "math pane hidden: frame work" },
                                  { "math pane hidden: layout" },
                                  { "math pane hidden: paint" } };

    if (!sweep_frames (&watch, range, lower, upper, MIN (n_steps, 200), &shown))
      {
        g_printerr ("bench-render: no frame within 5 s\n");
        return 1;
      }
    g_action_group_change_action_state (G_ACTION_GROUP (window), "toggle-math",
                                        g_variant_new_boolean (FALSE));
    wait_for_after_paint (&watch, watch.n_after_paint + 2);
    if (!sweep_frames (&watch, range, lower, upper, MIN (n_steps, 200), &hidden))
      {
        g_printerr ("bench-render: no frame within 5 s\n");
        return 1;
      }
    g_action_group_change_action_state (G_ACTION_GROUP (window), "toggle-math",
                                        g_variant_new_boolean (TRUE));

    g_print ("\n  frames only, no measuring between steps (up to 200 steps each):\n");
    series_print (&shown.latency);
    series_print (&shown.work);
    series_print (&shown.layout);
    series_print (&shown.paint);
    series_print (&hidden.latency);
    series_print (&hidden.work);
    series_print (&hidden.layout);
    series_print (&hidden.paint);
  }

  g_print ("\nbench-render: membrane view + gauge cairo render p99 %.2f ms (budget %.1f ms): %s\n",
           both_render.p99, RENDER_BUDGET, verdict (both_render.p99 <= RENDER_BUDGET));
  g_print ("bench-render: with snapshot() p99 %.2f ms (budget %.1f ms): %s\n",
           both_total.p99, RENDER_BUDGET, verdict (both_total.p99 <= RENDER_BUDGET));
  g_print ("bench-render: event to frame p99 %.2f ms, %u of %u steps over %.1f ms (budget one 60 Hz frame): %s\n",
           latency.p99, late_frames, n_steps, FRAME_MS, verdict (latency.p99 <= FRAME_MS));
  g_print ("bench-render: frame work p99 %.2f ms (must fit in %.1f ms): %s\n",
           work.p99, FRAME_MS, verdict (work.p99 <= FRAME_MS));

  target_clear (&view);
  target_clear (&gauge);
  target_clear (&whole);
  g_signal_handlers_disconnect_by_data (clock, &watch);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  return 0;
}
