/* ml-kcc2.c — the K⁺–Cl⁻ cotransporter KCC2
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One K⁺ and one Cl⁻ cross together, electroneutrally, the way the free
 * energy of the pair says: out while [K]_i·[Cl]_i > [K]_o·[Cl]_o, which is
 * what holds Cl⁻ low inside a mature neuron (Payne et al. 2003, Trends
 * Neurosci. 26:199; Blaesse et al. 2009, Neuron 61:820).  The rate is a
 * form chosen here, not a fitted kinetic scheme:
 *
 *   J_out = Ī · (K_i·Cl_i − K_o·Cl_o) / (K_i·Cl_i + K_o·Cl_o)
 *
 * Ī in µA/cm² (F times the pairs per second and cm²): it stops where the
 * products are equal (ΔG = 0, E_K = E_Cl), never exceeds Ī either way, and
 * moves nothing out of a cell that has none of either ion left.
 */
#include "config.h"

#include "ml-format.h"
#include "ml-mechanism.h"

#include <glib/gi18n-lib.h>
#include <math.h>

static const MlParam kcc2_params[] = {
  {
    .kind = ML_PARAM_MECHANISM,
    .id = "kcc2.imax",
    .group = ML_MECHANISM_GROUP_PREFIX "kcc2",
    .key = "MaxCurrent",
    .unit = "µA/cm²",
    .min = 0.0,
    .max = 100.0,
    .default_value = 0.05,
    .slider_min = 1e-4,
    .slider_max = 10.0,
    .flags = ML_PARAM_FLAG_LOG,
    .label = N_("KCC2 maximal flux"),
    .mechanism = "kcc2",
    .slot = 0,
  },
};

/* Pairs out per time as a current of one charge (K⁺'s), µA/cm². */
static double
pair_flux (const MlEnv  *env,
           double        imax)
{
  double inside, outside;

  if (env->k < 0 || env->cl < 0)
    return 0.0;
  inside = env->c_in[env->k] * env->c_in[env->cl];
  outside = env->c_out[env->k] * env->c_out[env->cl];
  return inside + outside > 0.0 ? imax * (inside - outside) / (inside + outside) : 0.0;
}

static void
kcc2_flux (const MlEnv     *env,
           const double    *values,
           double           vm_mv,
           MlMechanismFlux *out)
{
  double j = pair_flux (env, values[0]);

  (void)vm_mv;
  if (env->k >= 0 && env->cl >= 0)
    {
      out->flux_ua_cm2[env->k] = j;
      out->flux_ua_cm2[env->cl] = -j;
    }
  out->current_ua_cm2 = 0.0;
}

static const char *
kcc2_state (const MlEnv           *env,
            const double          *values,
            const MlMechanismFlux *at_vm)
{
  if (env->k < 0)
    return ml_mechanism_missing_ion_message (ML_ION_ROLE_K);
  if (env->cl < 0)
    return ml_mechanism_missing_ion_message (ML_ION_ROLE_CL);
  if (values[0] == 0.0)
    return _("Idles: its rate is set to zero");
  if (at_vm->flux_ua_cm2[env->k] < 0.0)
    return _("Runs inward: K⁺·Cl⁻ outside exceeds K⁺·Cl⁻ inside");
  if (at_vm->flux_ua_cm2[env->k] == 0.0)
    return _("At equilibrium: K⁺·Cl⁻ is the same on both sides");
  return NULL;
}

static char *
kcc2_substitute (const MlEnv           *env,
                 const double          *values,
                 double                 vm_mv,
                 const MlMechanismFlux *at_vm)
{
  g_autofree char *imax = ml_format_significant (values[0], 4);
  g_autofree char *j = NULL;

  (void)vm_mv;
  if (env->k < 0 || env->cl < 0)
    return NULL;
  j = ml_format_significant (at_vm->flux_ua_cm2[env->k], 4);
  return g_strdup_printf ("J = %s × (%g·%g − %g·%g)/(%g·%g + %g·%g) = %s µA/cm²", imax,
                          env->c_in[env->k], env->c_in[env->cl], env->c_out[env->k],
                          env->c_out[env->cl], env->c_in[env->k], env->c_in[env->cl],
                          env->c_out[env->k], env->c_out[env->cl], j);
}

static double
kcc2_reversal (const MlEnv *env)
{
  /* Electroneutral: no potential reverses it; it stops at E_K = E_Cl. */
  (void)env;
  return NAN;
}

const MlMechanismClass ml_kcc2_class = {
  .id = "kcc2",
  .name = N_("K⁺–Cl⁻ cotransporter (KCC2)"),
  .short_name = "KCC2",
  .stoichiometry = N_("1 K⁺ + 1 Cl⁻ out"),
  .equation = "J = Ī·(K_i·Cl_i − K_o·Cl_o)/(K_i·Cl_i + K_o·Cl_o)",
  .source = "Payne et al. (2003), Trends Neurosci. 26:199",
  .kind = ML_MECHANISM_KIND_COTRANSPORTER,
  .electroneutral = TRUE,
  .n_params = G_N_ELEMENTS (kcc2_params),
  .params = kcc2_params,
  .scale_param = 0,
  .flux = kcc2_flux,
  .state = kcc2_state,
  .reversal = kcc2_reversal,
  .substitute = kcc2_substitute,
};
