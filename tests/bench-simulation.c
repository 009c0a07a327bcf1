/* bench-simulation.c — how long two simulated hours of rundown take
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/ARCHITECTURE.md budgets ≤ 20 ms of computation for 2 simulated hours of the
 * default preset after a pump block.  The run is timed from the block to
 * t = 2 h, in one ml_simulation_advance() call and, as the chart recorder
 * at ×10⁴ would take it, in frames of 10⁴/60 s.  A meson benchmark(): it
 * prints and always exits 0.
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-presets.h"
#include "ml-simulation.h"
#include "ml-sweep.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#define N_RUNS 21

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
run_ms (MlCell *cell,
        double  frame_s,
        guint  *steps)
{
  g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
  g_autoptr (MlCell) blocked = ml_cell_copy (cell);
  gint64 start, end;

  ml_cell_set_pump_mode (blocked, ML_PUMP_OFF);
  start = g_get_monotonic_time ();
  ml_simulation_apply (sim, blocked, "pump blocked");
  if (frame_s <= 0.0)
    ml_simulation_advance (sim, 7200.0);
  else
    for (double t = frame_s; t < 7200.0 + frame_s; t += frame_s)
      ml_simulation_advance (sim, MIN (t, 7200.0));
  end = g_get_monotonic_time ();
  *steps = ml_simulation_get_n_steps (sim);
  return (end - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (MlCell) cell = ml_cell_new ();
  g_autoptr (GError) error = NULL;
  double one[N_RUNS], frames[N_RUNS];
  guint steps_one = 0, steps_frames = 0;

  if (!ml_presets_load (cell, ML_PRESET_DEFAULT, &error))
    {
      printf ("cannot load the default preset: %s\n", error->message);
      return EXIT_SUCCESS;
    }
  for (int i = 0; i < N_RUNS; i++)
    {
      one[i] = run_ms (cell, 0.0, &steps_one);
      frames[i] = run_ms (cell, 1e4 / 60.0, &steps_frames);
    }
  qsort (one, N_RUNS, sizeof one[0], compare_doubles);
  qsort (frames, N_RUNS, sizeof frames[0], compare_doubles);
  printf ("2 h after a pump block, one call: median %.2f ms, max %.2f ms, %u steps "
          "(budget 20 ms)\n", one[N_RUNS / 2], one[N_RUNS - 1], steps_one);
  printf ("2 h after a pump block, frames of ×10⁴: median %.2f ms, max %.2f ms, %u steps; "
          "%.3f ms a frame\n", frames[N_RUNS / 2], frames[N_RUNS - 1], steps_frames,
          frames[N_RUNS / 2] / (7200.0 / (1e4 / 60.0)));

  /* docs/ARCHITECTURE.md: a 200-point sweep with full solutions ≤ 1 ms. */
  {
    g_autoptr (MlSweep) sweep = ml_sweep_parse ("K.out=0.1:1000:200:log", cell, NULL);
    g_autofree MlSolution *sols = g_new0 (MlSolution, 200);
    double times[N_RUNS];

    for (int i = 0; i < N_RUNS; i++)
      {
        gint64 start = g_get_monotonic_time ();

        ml_sweep_run (sweep, cell, sols);
        times[i] = (g_get_monotonic_time () - start) / 1000.0;
      }
    qsort (times, N_RUNS, sizeof times[0], compare_doubles);
    printf ("200-point sweep of K.out, kinetic pump: median %.3f ms, max %.3f ms (budget 1 ms)\n",
            times[N_RUNS / 2], times[N_RUNS - 1]);
  }
  return EXIT_SUCCESS;
}
