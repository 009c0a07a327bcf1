/* bench-solve.c — how long one ml_cell_solve() takes on the default preset
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/ARCHITECTURE.md budgets ≤ 1 µs median for 4 ions + pump + every derived number.
 * The cell is built by hand with the values of
 * data/presets/mammalian-neuron.membrane, so the benchmark does not depend on
 * the preset loader.  A meson benchmark(), not a test: it always exits 0.
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-presets.h"
#include "ml-solution.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#define N_BATCHES   101
#define BATCH_SIZE  10000

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* The default preset as the app loads it: leaks, the kinetic pump, NKCC1
 * and the Ca²⁺ pump, fitted to its steady state.  BENCH_LEAK_PUMP=1 takes
 * the two transporters away (the cell of the version before mechanisms);
 * BENCH_RATIO=1 puts the pump in its steady-state mode. */
static MlCell *
mammalian_neuron_new (void)
{
  g_autoptr (GError) error = NULL;
  MlCell *cell = ml_cell_new ();

  if (!ml_presets_load (cell, "mammalian-neuron", &error))
    g_error ("%s", error->message);
  if (getenv ("BENCH_LEAK_PUMP") != NULL)
    while (ml_cell_get_n_mechanisms (cell) > 0)
      ml_cell_remove_mechanism (cell, 0);
  if (getenv ("BENCH_RATIO") != NULL)
    ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
  return cell;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(MlCell) cell = mammalian_neuron_new ();
  double means[N_BATCHES];
  volatile double sink = 0.0;
  MlSolution sol;

  /* Warm the caches and the branch predictors before timing. */
  for (int i = 0; i < BATCH_SIZE; i++)
    {
      ml_cell_solve (cell, &sol);
      sink += sol.vm_rest_mv;
    }

  for (int b = 0; b < N_BATCHES; b++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 end;

      for (int i = 0; i < BATCH_SIZE; i++)
        {
          ml_cell_solve (cell, &sol);
          sink += sol.vm_rest_mv;
        }
      end = g_get_monotonic_time ();
      means[b] = (end - start) * 1000.0 / BATCH_SIZE; /* ns per solve */
    }

  qsort (means, N_BATCHES, sizeof means[0], compare_doubles);

  printf ("V_rest %.4f mV (%s), %u mechanisms\n", sol.vm_rest_mv,
          sol.condition == ML_CONDITION_NONE ? "defined" : "undefined", sol.n_mechanisms);
  printf ("ml_cell_solve median: %.0f ns (budget 1000 ns)\n", means[N_BATCHES / 2]);
  printf ("ml_cell_solve p99: %.0f ns over %d batches of %d\n",
          means[(N_BATCHES * 99) / 100], N_BATCHES, BATCH_SIZE);

  (void) sink;
  return EXIT_SUCCESS;
}
