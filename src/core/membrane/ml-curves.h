/* ml-curves.h — the numbers behind the plots
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each plot of the Plots page is drawn from one of these: V_m against
 * outside K⁺ with the Nernst line of K⁺, the I–V curves of each ion and of
 * the whole membrane, and V_m against temperature with the part the pump's
 * kinetics play.  The core computes every point; the plot only draws.
 */
#pragma once

#include <glib.h>

#include "ml-cell.h"
#include "ml-solution.h"

G_BEGIN_DECLS

/* The Nernst slope, (RT/zF)·ln 10 in mV per tenfold concentration:
 * 61.5 mV at 37 °C for z = 1.  0 when T ≤ 0 K or z = 0. */
double         ml_nernst_slope_mv_per_decade (int     z,
                                              double  t_c);

typedef struct
{
  guint     n;
  double   *k_out;        /* mM, log-spaced */
  double   *vm;           /* mV */
  gboolean *vm_defined;
  double   *e_k;          /* mV */
  gboolean *e_defined;
  /* V_m once Cl⁻ inside has redistributed to E_Cl = V_m, K⁺ inside and
   * the volume held (ml_cell_solve_cl_equilibrated()); the same as vm
   * when the cell has no permeant Cl⁻ (then has_cl is FALSE). */
  double   *vm_cl;        /* mV */
  gboolean *vm_cl_defined;
  gboolean  has_cl;
  double    slope;        /* the Nernst slope of K⁺, mV per decade */
  gboolean  trade_na;     /* Na⁺ outside traded for K⁺ */
  double    now_k_out;    /* the cell as it is */
  double    now_vm;
  gboolean  now_defined;
  /* V_m at exactly 10 and 100 mM, as a student reads the plot. */
  double    vm_decade[2];
  gboolean  decade_defined[2];
  double    vm_cl_decade[2];      /* the same after Cl⁻ has redistributed */
  gboolean  cl_decade_defined[2];
} MlKoutCurve;

/* V_m from @k_from to @k_to mM of K⁺ outside (n points, log), the cell
 * otherwise as it is; NULL without K⁺. */
MlKoutCurve   *ml_kout_curve_new   (MlCell   *cell,
                                    double    k_from,
                                    double    k_to,
                                    guint     n,
                                    gboolean  trade_na);
void           ml_kout_curve_free  (MlKoutCurve *self);

typedef struct
{
  guint          n;
  guint          n_ions;
  double        *v;                  /* mV */
  double        *i[ML_MAX_IONS];     /* µA/cm², outward positive */
  double        *pump;
  double        *total;
  char           names[ML_MAX_IONS][ML_ION_NAME_MAX];
  int            z[ML_MAX_IONS];
  gboolean       permeant[ML_MAX_IONS];
  MlNernstState  e_state[ML_MAX_IONS];
  double         e[ML_MAX_IONS];     /* reversal potentials, mV */
  gboolean       rest_defined;
  double         rest;               /* the zero crossing of the total */
} MlIvCurve;

/* Each ion's GHK current, the pump's and their sum at n voltages from
 * @v_from to @v_to mV (a voltage clamp of the cell as it is). */
MlIvCurve     *ml_iv_curve_new     (MlCell   *cell,
                                    double    v_from,
                                    double    v_to,
                                    guint     n);
void           ml_iv_curve_free    (MlIvCurve *self);
/* The currents at @v_mv exactly (a cursor): one solution, clamped. */
void           ml_iv_at            (MlCell     *cell,
                                    double      v_mv,
                                    MlSolution *out);

typedef struct
{
  guint     n;
  double   *t;            /* °C */
  double   *vm;           /* mV, everything at that temperature */
  double   *vm_held;      /* mV, the pump's kinetics held at the cell's temperature */
  gboolean *defined;
  double    now_t;
  double    now_vm;
} MlTemperatureCurve;

MlTemperatureCurve *ml_temperature_curve_new  (MlCell *cell,
                                               double  t_from,
                                               double  t_to,
                                               guint   n);
void                ml_temperature_curve_free (MlTemperatureCurve *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlKoutCurve, ml_kout_curve_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlIvCurve, ml_iv_curve_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlTemperatureCurve, ml_temperature_curve_free)

G_END_DECLS
