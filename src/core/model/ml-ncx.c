/* ml-ncx.c — the Na⁺/Ca²⁺ exchanger (NCX)
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three Na⁺ in for one Ca²⁺ out: one net charge in per cycle, so it is
 * electrogenic and reverses at E_NCX = 3E_Na − 2E_Ca.  The I_NaCa of Luo &
 * Rudy (1994), Circ. Res. 74:1071, outward positive (Na⁺ out, Ca²⁺ in):
 *
 *   I = k / (K_m,Na³ + [Na]_o³) / (K_m,Ca + [Ca]_o) / (1 + k_sat·e^((η−1)VF/RT))
 *       · (e^(ηVF/RT)·[Na]_i³·[Ca]_o − e^((η−1)VF/RT)·[Na]_o³·[Ca]_i)
 *
 * with k = 2000 µA/µF (µA/cm² at 1 µF/cm²), K_m,Na = 87.5 mM, K_m,Ca =
 * 1.38 mM, k_sat = 0.1 and η = 0.35.
 */
#include "config.h"

#include "ml-format.h"
#include "ml-mechanism.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define KM_NA   87.5
#define KM_CA   1.38
#define K_SAT   0.1
#define ETA     0.35
#define EXP_CAP 700.0

static const MlParam ncx_params[] = {
  {
    .kind = ML_PARAM_MECHANISM,
    .id = "ncx.k",
    .group = ML_MECHANISM_GROUP_PREFIX "ncx",
    .key = "Scale",
    .unit = "µA/cm²",
    .min = 0.0,
    .max = 1e5,
    .default_value = 2000.0,
    .slider_min = 0.01,
    .slider_max = 1e4,
    .flags = ML_PARAM_FLAG_LOG,
    .label = N_("Na⁺/Ca²⁺ exchanger scale"),
    .mechanism = "ncx",
    .slot = 0,
  },
};

static void
ncx_flux (const MlEnv     *env,
          const double    *values,
          double           vm_mv,
          MlMechanismFlux *out)
{
  double x, na_i, na_o, ca_i, ca_o, forward, backward, i;

  if (env->na < 0 || env->ca < 0 || !(env->rt_over_f_mv > 0.0))
    return;
  x = vm_mv / env->rt_over_f_mv;
  na_i = env->c_in[env->na];
  na_o = env->c_out[env->na];
  ca_i = env->c_in[env->ca];
  ca_o = env->c_out[env->ca];
  forward = exp (fmin (ETA * x, EXP_CAP)) * na_i * na_i * na_i * ca_o;
  backward = exp (fmin ((ETA - 1.0) * x, EXP_CAP)) * na_o * na_o * na_o * ca_i;
  i = values[0] / (KM_NA * KM_NA * KM_NA + na_o * na_o * na_o) / (KM_CA + ca_o)
      / (1.0 + K_SAT * exp (fmin ((ETA - 1.0) * x, EXP_CAP))) * (forward - backward);
  if (!isfinite (i))
    i = 0.0;
  out->current_ua_cm2 = i;
  out->flux_ua_cm2[env->na] = 3.0 * i;
  out->flux_ua_cm2[env->ca] = -2.0 * i;
}

static double
ncx_reversal (const MlEnv *env)
{
  if (env->na < 0 || env->ca < 0)
    return NAN;
  return 3.0 * env->e_mv[env->na] - 2.0 * env->e_mv[env->ca];
}

static char *
ncx_substitute (const MlEnv           *env,
                const double          *values,
                double                 vm_mv,
                const MlMechanismFlux *at_vm)
{
  g_autofree char *k = ml_format_significant (values[0], 4);
  g_autofree char *i = ml_format_significant (at_vm->current_ua_cm2, 4);
  g_autofree char *e = NULL;
  g_autofree char *v = ml_format_significant (vm_mv, 4);

  if (env->na < 0 || env->ca < 0)
    return NULL;
  e = ml_format_significant (ncx_reversal (env), 4);
  return g_strdup_printf ("E_NCX = 3E_Na − 2E_Ca = %s mV; at V = %s mV, k = %s µA/cm²: "
                          "I = %s µA/cm² (3 Na⁺ : 1 Ca²⁺)", e, v, k, i);
}

static const char *
ncx_state (const MlEnv           *env,
           const double          *values,
           const MlMechanismFlux *at_vm)
{
  if (env->na < 0)
    return ml_mechanism_missing_ion_message (ML_ION_ROLE_NA);
  if (env->ca < 0)
    return ml_mechanism_missing_ion_message (ML_ION_ROLE_CA);
  if (values[0] == 0.0)
    return _("Idles: its rate is set to zero");
  if (at_vm->current_ua_cm2 > 0.0)
    return _("Reversed: V_m is above E_NCX = 3E_Na − 2E_Ca, so Ca²⁺ enters and Na⁺ leaves");
  if (at_vm->current_ua_cm2 == 0.0)
    return _("At its reversal potential: no net exchange");
  return NULL;
}

const MlMechanismClass ml_ncx_class = {
  .id = "ncx",
  .name = N_("Na⁺/Ca²⁺ exchanger (NCX)"),
  .short_name = "NCX",
  .stoichiometry = N_("3 Na⁺ in / 1 Ca²⁺ out"),
  .equation = "I = k·(e^(ηVF/RT)·Na_i³·Ca_o − e^((η−1)VF/RT)·Na_o³·Ca_i)/((K_m,Na³ + Na_o³)·(K_m,Ca + Ca_o)·(1 + k_sat·e^((η−1)VF/RT)))",
  .source = "Luo & Rudy (1994), Circ. Res. 74:1071",
  .kind = ML_MECHANISM_KIND_EXCHANGER,
  .voltage_dependent = TRUE,
  .n_params = G_N_ELEMENTS (ncx_params),
  .params = ncx_params,
  .scale_param = 0,
  .flux = ncx_flux,
  .state = ncx_state,
  .reversal = ncx_reversal,
  .substitute = ncx_substitute,
};
