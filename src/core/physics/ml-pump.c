/* ml-pump.c — the Na⁺/K⁺ pump's kinetics
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ml-pump.h"
#include "ml-physics.h"

#include <math.h>

/* exp() of more than this overflows; the terms it would make only push f
 * to 0, which a capped exponent does too. */
#define EXP_CAP 700.0

double
ml_pump_substrate_factor (double na_in_mm,
                          double k_out_mm)
{
  double na, k;

  if (!(na_in_mm > 0.0) || !(k_out_mm > 0.0))
    return 0.0;
  na = 1.0 / (1.0 + pow (ML_PUMP_KM_NA_MM / na_in_mm, 1.5));
  k = k_out_mm / (k_out_mm + ML_PUMP_KM_K_MM);
  return na * k;
}

double
ml_pump_sigma_term (double na_out_mm)
{
  double sigma = (expm1 (fmin (fmax (na_out_mm, 0.0) / 67.3, EXP_CAP))) / 7.0;

  return 0.0365 * sigma;
}

double
ml_pump_voltage_factor_with (double  x,
                             double  sigma_term,
                             double *slope)
{
  double a, b, d;

  a = 0.1245 * exp (fmin (-0.1 * x, EXP_CAP));
  b = sigma_term * exp (fmin (-x, EXP_CAP));
  d = 1.0 + a + b;
  if (slope != NULL)
    {
      /* d/dx of 1/d is (0.1·a + b)/d²; written as a product of two
       * fractions below 1 so that it cannot overflow. */
      *slope = isfinite (d) ? ((0.1 * a + b) / d) / d : 0.0;
    }
  return isfinite (d) ? 1.0 / d : 0.0;
}

double
ml_pump_voltage_factor (double  x,
                        double  na_out_mm,
                        double *slope)
{
  return ml_pump_voltage_factor_with (x, ml_pump_sigma_term (na_out_mm), slope);
}

double
ml_pump_kinetic_current (double  amplitude,
                         double  x,
                         double  sigma_term,
                         double *slope)
{
  double df = 0.0;
  double f = ml_pump_voltage_factor_with (x, sigma_term, slope != NULL ? &df : NULL);

  if (slope != NULL)
    *slope = amplitude * df;
  return amplitude * f;
}

