/* ml-nkcc1.c — the Na⁺–K⁺–2Cl⁻ cotransporter NKCC1
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One Na⁺, one K⁺ and two Cl⁻ cross together, electroneutrally; the Na⁺
 * gradient drives them in, which holds Cl⁻ above its equilibrium in
 * immature neurons, many epithelia and heart cells (Russell 2000, Physiol.
 * Rev. 80:211).  A form chosen here, like KCC2's (ml-kcc2.c):
 *
 *   J_in = Ī · (Na_o·K_o·Cl_o² − Na_i·K_i·Cl_i²) / (Na_o·K_o·Cl_o² + Na_i·K_i·Cl_i²)
 *
 * Ī in µA/cm² of one charge per cycle; it stops where the products are
 * equal (ΔG = 0) and runs out where the inside's is larger.
 */
#include "config.h"

#include "ml-format.h"
#include "ml-mechanism.h"

#include <glib/gi18n-lib.h>
#include <math.h>

static const MlParam nkcc1_params[] = {
  {
    .kind = ML_PARAM_MECHANISM,
    .id = "nkcc1.imax",
    .group = ML_MECHANISM_GROUP_PREFIX "nkcc1",
    .key = "MaxCurrent",
    .unit = "µA/cm²",
    .min = 0.0,
    .max = 100.0,
    .default_value = 0.05,
    .slider_min = 1e-4,
    .slider_max = 10.0,
    .flags = ML_PARAM_FLAG_LOG,
    .label = N_("NKCC1 maximal flux"),
    .mechanism = "nkcc1",
    .slot = 0,
  },
};

static gboolean
has_ions (const MlEnv *env)
{
  return env->na >= 0 && env->k >= 0 && env->cl >= 0;
}

/* Cycles in, as a current of one charge, µA/cm². */
static double
cycle_influx (const MlEnv *env,
              double       imax)
{
  double inside, outside;

  if (!has_ions (env))
    return 0.0;
  inside = env->c_in[env->na] * env->c_in[env->k] * env->c_in[env->cl] * env->c_in[env->cl];
  outside = env->c_out[env->na] * env->c_out[env->k] * env->c_out[env->cl] * env->c_out[env->cl];
  return inside + outside > 0.0 ? imax * (outside - inside) / (outside + inside) : 0.0;
}

static void
nkcc1_flux (const MlEnv     *env,
            const double    *values,
            double           vm_mv,
            MlMechanismFlux *out)
{
  double j = cycle_influx (env, values[0]);

  (void)vm_mv;
  if (has_ions (env))
    {
      /* Cations in: inward charge; two Cl⁻ in: outward charge. */
      out->flux_ua_cm2[env->na] = -j;
      out->flux_ua_cm2[env->k] = -j;
      out->flux_ua_cm2[env->cl] = 2.0 * j;
    }
  out->current_ua_cm2 = 0.0;
}

static const char *
nkcc1_state (const MlEnv           *env,
             const double          *values,
             const MlMechanismFlux *at_vm)
{
  if (env->na < 0)
    return ml_mechanism_missing_ion_message (ML_ION_ROLE_NA);
  if (env->k < 0)
    return ml_mechanism_missing_ion_message (ML_ION_ROLE_K);
  if (env->cl < 0)
    return ml_mechanism_missing_ion_message (ML_ION_ROLE_CL);
  if (values[0] == 0.0)
    return _("Idles: its rate is set to zero");
  if (at_vm->flux_ua_cm2[env->cl] < 0.0)
    return _("Runs outward: Na⁺·K⁺·Cl⁻² inside exceeds that outside");
  if (at_vm->flux_ua_cm2[env->cl] == 0.0)
    return _("At equilibrium: Na⁺·K⁺·Cl⁻² is the same on both sides");
  return NULL;
}

static char *
nkcc1_substitute (const MlEnv           *env,
                  const double          *values,
                  double                 vm_mv,
                  const MlMechanismFlux *at_vm)
{
  g_autofree char *imax = ml_format_significant (values[0], 4);
  g_autofree char *j = NULL;

  (void)vm_mv;
  if (!has_ions (env))
    return NULL;
  j = ml_format_significant (at_vm->flux_ua_cm2[env->cl] / 2.0, 4);
  return g_strdup_printf ("J = %s × (%g·%g·%g² − %g·%g·%g²)/(%g·%g·%g² + %g·%g·%g²) = %s µA/cm²",
                          imax, env->c_out[env->na], env->c_out[env->k], env->c_out[env->cl],
                          env->c_in[env->na], env->c_in[env->k], env->c_in[env->cl],
                          env->c_out[env->na], env->c_out[env->k], env->c_out[env->cl],
                          env->c_in[env->na], env->c_in[env->k], env->c_in[env->cl], j);
}

const MlMechanismClass ml_nkcc1_class = {
  .id = "nkcc1",
  .name = N_("Na⁺–K⁺–2Cl⁻ cotransporter (NKCC1)"),
  .short_name = "NKCC1",
  .stoichiometry = N_("1 Na⁺ + 1 K⁺ + 2 Cl⁻ in"),
  .equation = "J = Ī·(Na_o·K_o·Cl_o² − Na_i·K_i·Cl_i²)/(Na_o·K_o·Cl_o² + Na_i·K_i·Cl_i²)",
  .source = "Russell (2000), Physiol. Rev. 80:211",
  .kind = ML_MECHANISM_KIND_COTRANSPORTER,
  .electroneutral = TRUE,
  .n_params = G_N_ELEMENTS (nkcc1_params),
  .params = nkcc1_params,
  .scale_param = 0,
  .flux = nkcc1_flux,
  .state = nkcc1_state,
  .substitute = nkcc1_substitute,
};
