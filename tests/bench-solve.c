/* bench-solve.c — how long one ml_cell_solve() takes on the default preset
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md budgets ≤ 1 µs median for 4 ions + pump + every derived number.
 * The cell is built by hand with the values of
 * data/presets/mammalian-neuron.membrane, so the benchmark does not depend on
 * the preset loader.  A meson benchmark(), not a test: it always exits 0.
 */
#include "config.h"

#include "ml-cell.h"
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

static MlCell *
mammalian_neuron_new (void)
{
  /* data/presets/mammalian-neuron.membrane, value for value. */
  static const MlIon ions[] = {
    { "K",  1, 140.0,  5.0,   5e-7,    true },
    { "Na", 1, 15.0,   145.0, 2.5e-8,  true },
    { "Cl", -1, 10.0,  110.0, 2.25e-7, true },
    { "Ca", 2, 0.0001, 2.0,   5e-10,   true },
  };
  MlCell *cell = ml_cell_new ();

  ml_cell_begin_batch (cell);
  ml_cell_set_name (cell, "Mammalian neuron");
  ml_cell_set_temperature (cell, 37.0);
  for (guint i = 0; i < G_N_ELEMENTS (ions); i++)
    ml_cell_set_ion (cell, &ions[i]);
  ml_cell_set_pump_mode (cell, getenv ("BENCH_RATIO") ? ML_PUMP_RATIO : ML_PUMP_KINETIC);
  ml_cell_set_pump_ratio (cell, 1.5);
  ml_cell_set_pump_current (cell, 0.5);
  ml_cell_set_pump_max_current (cell, 1.09555);
  ml_cell_set_pump_q10 (cell, 2.4);
  ml_cell_set_pump_reference_temperature (cell, 37.0);
  ml_cell_set_radius (cell, 10.0);
  ml_cell_set_capacitance (cell, 1.0);
  ml_cell_end_batch (cell);

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

  printf ("V_rest %.4f mV (%s)\n", sol.vm_rest_mv,
          sol.condition == ML_CONDITION_NONE ? "defined" : "undefined");
  printf ("ml_cell_solve median: %.0f ns (budget 1000 ns)\n", means[N_BATCHES / 2]);
  printf ("ml_cell_solve p99: %.0f ns over %d batches of %d\n",
          means[(N_BATCHES * 99) / 100], N_BATCHES, BATCH_SIZE);

  (void) sink;
  return EXIT_SUCCESS;
}
