/* ml-ode.c — ROS2 for any number of states
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ml-ode.h"

#include <math.h>
#include <string.h>

#define GAMMA 1.7071067811865475  /* 1 + 1/√2 */
#define N     ML_ODE_MAX_STATES

gboolean
ml_ode_lu_decompose (guint   n,
                     double *m,
                     int    *piv)
{
  for (guint k = 0; k < n; k++)
    {
      guint p = k;

      for (guint i = k + 1; i < n; i++)
        if (fabs (m[i * n + k]) > fabs (m[p * n + k]))
          p = i;
      piv[k] = (int)p;
      if (!(fabs (m[p * n + k]) > 0.0))
        return FALSE;
      if (p != k)
        for (guint j = 0; j < n; j++)
          {
            double t = m[k * n + j];

            m[k * n + j] = m[p * n + j];
            m[p * n + j] = t;
          }
      for (guint i = k + 1; i < n; i++)
        {
          double l = m[i * n + k] / m[k * n + k];

          m[i * n + k] = l;
          for (guint j = k + 1; j < n; j++)
            m[i * n + j] -= l * m[k * n + j];
        }
    }
  return TRUE;
}

void
ml_ode_lu_solve (guint         n,
                 const double *m,
                 const int    *piv,
                 double       *b)
{
  for (guint k = 0; k < n; k++)
    {
      double t = b[piv[k]];

      b[piv[k]] = b[k];
      b[k] = t;
      for (guint i = k + 1; i < n; i++)
        b[i] -= m[i * n + k] * b[k];
    }
  for (guint k = n; k-- > 0;)
    {
      for (guint j = k + 1; j < n; j++)
        b[k] -= m[k * n + j] * b[j];
      b[k] /= m[k * n + k];
    }
}

/* Forward differences, one column per state, into the row-major @jac. */
static gboolean
jacobian (const MlOde  *ode,
          const double *y,
          const double *f0,
          double       *jac)
{
  double yp[N], fp[N];
  guint n = ode->n;

  memcpy (yp, y, sizeof (double) * n);
  for (guint j = 0; j < n; j++)
    {
      double dy = 1.5e-8 * fmax (fabs (y[j]), ode->scale[j]);

      yp[j] = y[j] + dy;
      if (!ode->rhs (ode->user_data, yp, fp))
        return FALSE;
      for (guint i = 0; i < n; i++)
        jac[i * n + j] = (fp[i] - f0[i]) / dy;
      yp[j] = y[j];
    }
  return TRUE;
}

gboolean
ml_ode_ros2_step (const MlOde  *ode,
                  const double *y,
                  const double *f,
                  double        h,
                  double       *y_new,
                  double       *err)
{
  double m[N * N], k1[N], k2[N], y1[N], f1[N];
  int piv[N];
  guint n;

  g_return_val_if_fail (ode != NULL && ode->n > 0 && ode->n <= N, FALSE);
  n = ode->n;

  if (!jacobian (ode, y, f, m))
    return FALSE;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      m[i * n + j] = (i == j ? 1.0 : 0.0) - GAMMA * h * m[i * n + j];
  if (!ml_ode_lu_decompose (n, m, piv))
    return FALSE;

  memcpy (k1, f, sizeof (double) * n);
  ml_ode_lu_solve (n, m, piv, k1);
  for (guint i = 0; i < n; i++)
    y1[i] = y[i] + h * k1[i];
  if (!ode->rhs (ode->user_data, y1, f1))
    return FALSE;
  for (guint i = 0; i < n; i++)
    k2[i] = f1[i] - 2.0 * k1[i];
  ml_ode_lu_solve (n, m, piv, k2);

  *err = 0.0;
  for (guint i = 0; i < n; i++)
    {
      double tol = ode->atol[i] + ode->rtol * fabs (y[i]);

      y_new[i] = y[i] + h * (1.5 * k1[i] + 0.5 * k2[i]);
      *err = fmax (*err, fabs (0.5 * h * (k1[i] + k2[i])) / tol);
    }
  return isfinite (*err);
}

double
ml_ode_next_step (double h,
                  double err)
{
  return h * fmin (4.0, fmax (0.2, 0.9 / sqrt (fmax (err, 1e-10))));
}
