/* soak-time-course.c — the Time Course page left running at ×10⁵
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window on the Time Course page, the clock at ×10⁵ (with
 * ML_SOAK_BLOCK=1 the pump blocked first, which swells the neuron to lysis
 * in 5.4 simulated hours, a minute at ×10⁵, and stops the clock), for ML_SOAK_MINUTES (30) minutes of wall time.  Every minute it
 * prints the minute, the simulated time, the number of samples the
 * simulation holds and the process's resident memory (VmRSS from
 * /proc/self/status), so a growth shows as a column that keeps rising.
 * Not part of any suite: run it by hand under xvfb-run (README "Soak").
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "ml-simulation.h"
#include "ml-time-course-page.h"
#include "ml-window-private.h"

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

int
main (int    argc,
      char **argv)
{
  const char *env = g_getenv ("ML_SOAK_MINUTES");
  double minutes = env != NULL ? g_ascii_strtod (env, NULL) : 30.0;
  g_autoptr (GError) error = NULL;
  MlWindow *window;
  GtkWidget *page;
  MlSimulation *sim;
  gint64 start, next;
  int minute = 0;

  gtk_init ();
  adw_init ();
  window = ml_window_new_full (NULL, FALSE);
  if (!ml_window_load_preset (window, "mammalian-neuron", &error))
    g_error ("%s", error->message);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  ml_window_show_page (window, "time-course");
  page = ml_window_get_page (window, "time-course");
  g_assert (ML_IS_TIME_COURSE_PAGE (page));
  sim = ml_time_course_page_get_simulation (ML_TIME_COURSE_PAGE (page));
  if (g_strcmp0 (g_getenv ("ML_SOAK_BLOCK"), "1") == 0)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.block-pump", NULL);
  ml_time_course_page_set_speed (ML_TIME_COURSE_PAGE (page), 1e5);
  ml_time_course_page_set_playing (ML_TIME_COURSE_PAGE (page), TRUE);

  printf ("minute\tsimulated_h\tsamples\trss_kb\n");
  start = g_get_monotonic_time ();
  next = start;
  while (minute <= minutes)
    {
      if (g_get_monotonic_time () >= next)
        {
          printf ("%d\t%.1f\t%u\t%ld\n", minute, ml_simulation_get_time (sim) / 3600.0,
                  ml_simulation_get_n_samples (sim), rss_kb ());
          fflush (stdout);
          minute++;
          next = start + (gint64)minute * 60 * G_USEC_PER_SEC;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
