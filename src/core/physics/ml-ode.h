/* ml-ode.h — one step of a stiff ODE integrator, for any number of states
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The L-stable two-stage Rosenbrock method ROS2 of Verwer et al. (1999),
 * SIAM J. Sci. Comput. 20:1456, with γ = 1 + 1/√2, a Jacobian by forward
 * differences and its embedded first-order solution as the error estimate.
 * Stable for any step, so a fast state (a few µM of Ca²⁺ held by a fast
 * pump, a channel's gate) does not hold back hours of a slow one.
 *
 * The system is autonomous, dy/dt = f(y): a time course applies its events
 * between steps.  The caller keeps the step size; ml_ode_next_step() says
 * how it should change.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ML_ODE_MAX_STATES 32

/* dy/dt at @y into @dydt; FALSE when @y is outside the model (the step is
 * then refused). */
typedef gboolean (*MlOdeRhs) (gpointer      user_data,
                              const double *y,
                              double       *dydt);

typedef struct
{
  guint         n;
  MlOdeRhs      rhs;
  gpointer      user_data;
  double        rtol;
  /* Per state: the absolute tolerance, and the size by which the Jacobian
   * perturbs it (its typical magnitude). */
  const double *atol;
  const double *scale;
} MlOde;

/* One step of length @h from @y, where dy/dt is @f.  FALSE when a stage
 * leaves the model or the matrix is singular; otherwise the new state in
 * @y_new and the error in @err (≤ 1 meets the tolerances). */
gboolean  ml_ode_ros2_step   (const MlOde  *ode,
                              const double *y,
                              const double *f,
                              double        h,
                              double       *y_new,
                              double       *err);

/* The step to try next after one of length @h with error @err: second
 * order, so err ∝ h²; growth at most 4×, shrinking at most 5×. */
double    ml_ode_next_step   (double        h,
                              double        err);

/* LU with partial pivoting of the n×n matrix @m (row-major, n ≤
 * ML_ODE_MAX_STATES), in place; FALSE when singular.  Then solves for @b
 * in place. */
gboolean  ml_ode_lu_decompose (guint        n,
                               double      *m,
                               int         *piv);
void      ml_ode_lu_solve     (guint        n,
                               const double *m,
                               const int    *piv,
                               double       *b);

G_END_DECLS
