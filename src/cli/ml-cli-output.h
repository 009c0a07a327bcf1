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

/* A closed two-compartment Donnan request (--donnan-closed
 * A,ZA,KCL_IN,KCL_OUT,VIN,VOUT) and its result; volumes in any one unit. */
typedef struct
{
  double   a_mm;
  int      z_a;
  double   kcl_in_mm;
  double   kcl_out_mm;
  double   v_in;
  double   v_out;
  MlDonnan result;
} MlCliDonnanClosed;

/* Both return UTF-8 text ending in a newline; @donnan and @closed may be
 * NULL. */
char *ml_cli_solution_to_json  (MlCell                  *cell,
                                const MlSolution        *sol,
                                const MlCliDonnan       *donnan,
                                const MlCliDonnanClosed *closed);
char *ml_cli_solution_to_table (MlCell                  *cell,
                                const MlSolution        *sol,
                                const MlCliDonnan       *donnan,
                                const MlCliDonnanClosed *closed);

G_END_DECLS
