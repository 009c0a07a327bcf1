/* ml-cli-output.h — membrane-calc's JSON and table output
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ml-cell.h"
#include "ml-physics.h"
#include "ml-solution.h"

G_BEGIN_DECLS

/* An open-bath Donnan request (--donnan A,ZA,BATH) and its result. */
typedef struct
{
  double   a_mm;
  int      z_a;
  double   bath_mm;
  MlDonnan result;
} MlCliDonnan;

/* Both return UTF-8 text ending in a newline; @donnan may be NULL. */
char *ml_cli_solution_to_json  (MlCell            *cell,
                                const MlSolution  *sol,
                                const MlCliDonnan *donnan);
char *ml_cli_solution_to_table (MlCell            *cell,
                                const MlSolution  *sol,
                                const MlCliDonnan *donnan);

G_END_DECLS
