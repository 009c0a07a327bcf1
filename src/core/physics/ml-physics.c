/* ml-physics.c — the pure equations of membrane electrophysiology
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ml-physics"

#include "ml-physics.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

double
ml_kelvin_from_celsius (double t_c)
{
  return t_c + ML_ZERO_CELSIUS_K;
}

bool
ml_temperature_valid (double t_c)
{
  return isfinite (t_c) && ml_kelvin_from_celsius (t_c) > 0.0;
}

double
ml_rt_over_f_mv (double t_c)
{
  if (!ml_temperature_valid (t_c))
    return 0.0;
  return 1000.0 * ML_GAS_CONSTANT * ml_kelvin_from_celsius (t_c) / ML_FARADAY;
}

/* Inline for the solver's inner loop; ml_bernoulli() is the public face. */
static inline double
bernoulli (double x)
{
  /* Below 1e-4 the third term of the series is under 1e-17 of the first. */
  if (fabs (x) < 1e-4)
    return 1.0 - x / 2.0 + x * x / 12.0;
  if (x > 700.0)
    return x * exp (-x);
  return x / expm1 (x);
}

double
ml_bernoulli (double x)
{
  return bernoulli (x);
}

/* dB/dx at x ≥ 0, needed for Newton steps on the GHK currents.  Only the
 * positive side is computed: there b(1 − x − b)/x has no cancellation, and
 * B'(−x) = −1 − B'(x) follows from B(−x) = x + B(x). */
static inline double
bernoulli_slope (double x,
                 double b)
{
  if (x < 1e-3)
    return -0.5 + x / 6.0 - x * x * x / 180.0;
  return b * (1.0 - x - b) / x;
}

/* ln(a/b) for positive finite a and b, even when a/b over- or underflows
 * (a denormal concentration against a large one). */
static inline double
log_ratio (double a,
           double b)
{
  double q = a / b;

  if (q > 0.0 && isfinite (q) && q >= DBL_MIN)
    return log (q);
  return log (a) - log (b);
}

bool
ml_nernst_mv (int     z,
              double  c_in_mm,
              double  c_out_mm,
              double  t_c,
              double *out_mv)
{
  double value = 0.0;
  bool ok = false;

  if (z != 0 && ml_temperature_valid (t_c) && c_in_mm >= 0.0 && c_out_mm >= 0.0)
    {
      if (c_in_mm > 0.0 && c_out_mm > 0.0)
        {
          value = ml_rt_over_f_mv (t_c) / z * log_ratio (c_out_mm, c_in_mm);
          ok = isfinite (value);
          if (!ok)
            value = 0.0;
        }
      else if (c_in_mm > 0.0)      /* nothing outside: ln → −∞ */
        value = z > 0 ? -1.0 : 1.0;
      else if (c_out_mm > 0.0)     /* nothing inside: ln → +∞ */
        value = z > 0 ? 1.0 : -1.0;
    }

  if (out_mv != NULL)
    *out_mv = value;
  return ok;
}

double
ml_ghk_current_x (int     z,
                  double  p_cm_s,
                  double  c_in_mm,
                  double  c_out_mm,
                  double  x,
                  double *slope)
{
  /* I = P·z·F·(c_in·B(−u) − c_out·B(u)) with u = z·x and B(s) = s/(eˢ − 1).
   * With P in cm/s and c in mM (1e-6 mol/cm³) the result is in µA/cm².
   * B(−u) = u + B(u), so one expm1 gives both without cancellation. */
  double u = z * x;
  double au = fabs (u);
  double b = bernoulli (au);
  double b_pos, b_neg; /* B(u), B(−u) */
  double i;

  if (u >= 0.0)
    {
      b_pos = b;
      b_neg = b + au;
    }
  else
    {
      b_neg = b;
      b_pos = b + au;
    }

  i = p_cm_s * z * ML_FARADAY * (c_in_mm * b_neg - c_out_mm * b_pos);

  if (slope != NULL)
    {
      double d = bernoulli_slope (au, b); /* B'(|u|) */
      double d_pos, d_neg;                /* B'(u), B'(−u) */

      if (u >= 0.0)
        {
          d_pos = d;
          d_neg = -1.0 - d;
        }
      else
        {
          d_neg = d;
          d_pos = -1.0 - d;
        }
      *slope = p_cm_s * z * z * ML_FARADAY * (-c_in_mm * d_neg - c_out_mm * d_pos);
    }

  return i;
}

double
ml_ghk_current (int    z,
                double p_cm_s,
                double c_in_mm,
                double c_out_mm,
                double vm_mv,
                double t_c)
{
  double rtf = ml_rt_over_f_mv (t_c);

  if (rtf <= 0.0)
    return 0.0;
  return ml_ghk_current_x (z, p_cm_s, c_in_mm, c_out_mm, vm_mv / rtf, NULL);
}

bool
ml_delta_g_out (int     z,
                double  c_in_mm,
                double  c_out_mm,
                double  vm_mv,
                double  t_c,
                double *chemical,
                double *electrical,
                double *total)
{
  double chem = 0.0;
  double elec = -z * ML_FARADAY * vm_mv / 1000.0;
  bool ok = ml_temperature_valid (t_c) && c_in_mm > 0.0 && c_out_mm > 0.0;

  if (ok)
    chem = ML_GAS_CONSTANT * ml_kelvin_from_celsius (t_c) * log_ratio (c_out_mm, c_in_mm);

  if (chemical != NULL)
    *chemical = chem;
  if (electrical != NULL)
    *electrical = elec;
  if (total != NULL)
    *total = ok ? chem + elec : 0.0;
  return ok;
}

static bool
log_ratio_mv (double  numerator,
              double  denominator,
              double  t_c,
              double *out_mv)
{
  double v = 0.0;
  bool ok = ml_temperature_valid (t_c) && numerator > 0.0 && denominator > 0.0
            && isfinite (numerator) && isfinite (denominator);

  if (ok)
    v = ml_rt_over_f_mv (t_c) * log_ratio (numerator, denominator);
  if (out_mv != NULL)
    *out_mv = v;
  return ok;
}

bool
ml_ghk_voltage_mv (const MlSpecies *species,
                   unsigned         n,
                   double           t_c,
                   double          *out_mv)
{
  double num = 0.0, den = 0.0;

  for (unsigned i = 0; i < n; i++)
    {
      const MlSpecies *s = &species[i];

      if (s->z == 1)
        {
          num += s->p * s->c_out;
          den += s->p * s->c_in;
        }
      else if (s->z == -1)
        {
          num += s->p * s->c_in;
          den += s->p * s->c_out;
        }
      else if (s->p != 0.0)
        {
          if (out_mv != NULL)
            *out_mv = 0.0;
          return false;
        }
    }

  return log_ratio_mv (num, den, t_c, out_mv);
}

bool
ml_ghk_divalent_voltage_mv (const MlSpecies *species,
                            unsigned         n,
                            double           t_c,
                            double          *out_mv)
{
  /* With w = e^(FV/RT), a monovalent cation carries P·F·x·(c_in·w − c_out)/(w − 1),
   * an anion P·F·x·(c_out·w − c_in)/(w − 1), a divalent cation
   * 4·P·F·x·(c_in·w² − c_out)/(w² − 1).  Multiplying the zero-current sum by
   * (w² − 1)/(F·x) leaves a2·w² + a1·w + a0 = 0 with the coefficients below. */
  double a = 0.0, b = 0.0, d_in = 0.0, d_out = 0.0;
  double a2, a1, a0, disc, q, w;

  if (out_mv != NULL)
    *out_mv = 0.0;

  for (unsigned i = 0; i < n; i++)
    {
      const MlSpecies *s = &species[i];

      if (s->z == 1)
        {
          a += s->p * s->c_in;
          b += s->p * s->c_out;
        }
      else if (s->z == -1)
        {
          a += s->p * s->c_out;
          b += s->p * s->c_in;
        }
      else if (s->z == 2)
        {
          d_in += 4.0 * s->p * s->c_in;
          d_out += 4.0 * s->p * s->c_out;
        }
      else if (s->p != 0.0)
        return false;
    }

  a2 = a + d_in;
  a1 = a - b;
  a0 = -(b + d_out);
  if (!(a2 > 0.0) || !(a0 < 0.0) || !ml_temperature_valid (t_c))
    return false;

  /* The stable form of the quadratic formula: no subtraction of near-equals. */
  disc = a1 * a1 - 4.0 * a2 * a0;
  q = -0.5 * (a1 + copysign (sqrt (disc), a1));
  w = a1 >= 0.0 ? a0 / q : q / a2;
  if (!(w > 0.0) || !isfinite (w))
    return false;

  if (out_mv != NULL)
    *out_mv = ml_rt_over_f_mv (t_c) * log (w);
  return true;
}

bool
ml_mullins_noda_mv (double  r,
                    double  p_k,
                    double  k_in,
                    double  k_out,
                    double  p_na,
                    double  na_in,
                    double  na_out,
                    double  t_c,
                    double *out_mv)
{
  return log_ratio_mv (r * p_k * k_out + p_na * na_out,
                       r * p_k * k_in + p_na * na_in,
                       t_c, out_mv);
}

double
ml_q10_factor (double q10,
               double t_c,
               double t_ref_c)
{
  if (!(q10 > 0.0) || !isfinite (t_c) || !isfinite (t_ref_c))
    return 1.0;
  return pow (q10, (t_c - t_ref_c) / 10.0);
}

void
ml_charge_sphere (double    radius_um,
                  double    capacitance_uf_cm2,
                  double    vm_mv,
                  int       z,
                  double    c_mm,
                  MlCharge *out)
{
  double r_cm = radius_um * 1e-4;
  double held;

  out->area_cm2 = 4.0 * M_PI * r_cm * r_cm;
  out->volume_l = 4.0 / 3.0 * M_PI * r_cm * r_cm * r_cm * 1e-3;
  out->charge_c = capacitance_uf_cm2 * 1e-6 * out->area_cm2 * fabs (vm_mv) * 1e-3;
  out->ions_moved = z != 0 ? out->charge_c / (abs (z) * ML_ELEMENTARY_CHARGE) : 0.0;

  held = c_mm * 1e-3 * out->volume_l * ML_AVOGADRO;
  out->fraction_defined = held > 0.0 && isfinite (out->ions_moved / held);
  out->fraction = out->fraction_defined ? out->ions_moved / held : 0.0;
}

static bool
donnan_finish (double    a_mm,
               double    k_in,
               double    cl_in,
               double    k_out,
               double    cl_out,
               double    t_c,
               MlDonnan *out)
{
  out->k_in = k_in;
  out->cl_in = cl_in;
  out->k_out = k_out;
  out->cl_out = cl_out;
  out->ratio = k_out > 0.0 ? k_in / k_out : 0.0;
  out->osmotic_excess_mosm = (k_in + cl_in + a_mm) - (k_out + cl_out);
  return log_ratio_mv (k_out, k_in, t_c, &out->vm_mv);
}

bool
ml_donnan_valence_is_valid (int z_a)
{
  return z_a >= ML_DONNAN_VALENCE_MIN && z_a <= ML_DONNAN_VALENCE_MAX;
}

bool
ml_donnan_open_bath (double    a_mm,
                     int       z_a,
                     double    bath_mm,
                     double    t_c,
                     MlDonnan *out)
{
  /* Electroneutrality inside, K_in − Cl_in = |z_A|·A, and the Donnan rule
   * K_in·Cl_in = c², give r²·c − |z_A|·A·r − c = 0 for r = K_in/c. */
  double fixed = abs (z_a) * a_mm;
  double r;

  *out = (MlDonnan) { 0 };
  if (!ml_donnan_valence_is_valid (z_a) || !(a_mm >= 0.0) || !(bath_mm > 0.0) || !isfinite (a_mm)
      || !isfinite (bath_mm))
    return false;

  r = (fixed + sqrt (fixed * fixed + 4.0 * bath_mm * bath_mm)) / (2.0 * bath_mm);
  return donnan_finish (a_mm, r * bath_mm, bath_mm / r, bath_mm, bath_mm, t_c, out);
}

bool
ml_donnan_closed (double    a_mm,
                  int       z_a,
                  double    kcl_in_mm,
                  double    kcl_out_mm,
                  double    v_in,
                  double    v_out,
                  double    t_c,
                  MlDonnan *out)
{
  /* Solved for x = Cl_in itself, not for the KCl that moves: with the
   * amount moved, Cl_in = KCl_in + δ cancels when nearly all the inside
   * chloride leaves (a large bath), and a tiny Cl_in came out as 0.
   * KCl is conserved, so with ρ = v_in/v_out and T = KCl_out + ρ·KCl_in,
   * K_out = Cl_out = T − ρ·x and K_in = |z_A|·A + x.  The Donnan rule
   * K_in·Cl_in = K_out·Cl_out is then (1 − ρ²)·x² + (|z_A|·A + 2ρT)·x − T² = 0,
   * whose root in [0, T/ρ] is taken in the form without cancellation,
   * x = 2T² / (B + √(B² + 4(1 − ρ²)T²)), where B² + 4(1 − ρ²)T² equals
   * (|z_A|·A)² + 4ρT·|z_A|·A + 4T², a sum of terms ≥ 0. */
  double fixed, rho, total, b, root, x, k_in, k_out;

  *out = (MlDonnan) { 0 };
  if (!ml_donnan_valence_is_valid (z_a) || !(a_mm >= 0.0) || !(kcl_in_mm >= 0.0) || !(kcl_out_mm >= 0.0)
      || !(v_in > 0.0) || !(v_out > 0.0) || !isfinite (a_mm) || !isfinite (kcl_in_mm)
      || !isfinite (kcl_out_mm) || !isfinite (v_in) || !isfinite (v_out))
    return false;

  fixed = abs (z_a) * a_mm;
  rho = v_in / v_out;
  total = kcl_out_mm + rho * kcl_in_mm;
  b = fixed + 2.0 * rho * total;
  root = sqrt (fixed * fixed + 4.0 * rho * total * fixed + 4.0 * total * total);
  x = total > 0.0 ? 2.0 * total * total / (b + root) : 0.0;
  if (!isfinite (x))
    return false;

  k_in = fixed + x;
  /* From the Donnan rule rather than T − ρ·x, which cancels when the
   * outside is nearly emptied. */
  k_out = sqrt (k_in * x);
  return donnan_finish (a_mm, k_in, x, k_out, k_out, t_c, out);
}
