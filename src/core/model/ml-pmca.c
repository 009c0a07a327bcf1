/* ml-pmca.c — the plasma-membrane Ca²⁺ pump (PMCA)
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ATP moves Ca²⁺ out against its steep gradient.  The sarcolemmal pump
 * I_p(Ca) of Luo & Rudy (1994), Circ. Res. 74:1071:
 *
 *   I = Ī · [Ca]_i / (K_m + [Ca]_i),   Ī = 1.15 µA/µF, K_m = 0.5 µM
 *
 * counted, as Luo & Rudy count it, as the Ca²⁺ it moves (two charges out
 * per ion; the H⁺ the real pump takes in exchange are not modelled).  Its
 * rate does not depend on V.
 */
#include "config.h"

#include "ml-format.h"
#include "ml-mechanism.h"

#include <glib/gi18n-lib.h>
#include <math.h>

static const MlParam pmca_params[] = {
  {
    .kind = ML_PARAM_MECHANISM,
    .id = "pmca.imax",
    .group = ML_MECHANISM_GROUP_PREFIX "pmca",
    .key = "MaxCurrent",
    .unit = "µA/cm²",
    .min = 0.0,
    .max = 100.0,
    .default_value = 1.15,
    .slider_min = 1e-4,
    .slider_max = 10.0,
    .flags = ML_PARAM_FLAG_LOG,
    .label = N_("Ca²⁺ pump maximal current"),
    .mechanism = "pmca",
    .slot = 0,
  },
  {
    .kind = ML_PARAM_MECHANISM,
    .id = "pmca.km",
    .group = ML_MECHANISM_GROUP_PREFIX "pmca",
    .key = "HalfSaturation",
    .unit = "mM",
    .min = 1e-7,
    .max = 10.0,
    .default_value = 0.0005,
    .slider_min = 1e-5,
    .slider_max = 0.1,
    .flags = ML_PARAM_FLAG_LOG | ML_PARAM_FLAG_MIN_OPEN,
    .label = N_("Ca²⁺ pump half-saturating Ca²⁺"),
    .mechanism = "pmca",
    .slot = 1,
  },
};

static void
pmca_flux (const MlEnv     *env,
           const double    *values,
           double           vm_mv,
           MlMechanismFlux *out)
{
  double ca;

  (void)vm_mv;
  if (env->ca < 0)
    return;
  ca = env->c_in[env->ca];
  out->current_ua_cm2 = ca > 0.0 ? values[0] * ca / (values[1] + ca) : 0.0;
  out->flux_ua_cm2[env->ca] = out->current_ua_cm2;
}

static const char *
pmca_state (const MlEnv           *env,
            const double          *values,
            const MlMechanismFlux *at_vm)
{
  (void)at_vm;
  if (env->ca < 0)
    return ml_mechanism_missing_ion_message (ML_ION_ROLE_CA);
  if (values[0] == 0.0)
    return _("Idles: its rate is set to zero");
  if (!(env->c_in[env->ca] > 0.0))
    return _("Idles: no Ca²⁺ inside to move out");
  return NULL;
}

static char *
pmca_substitute (const MlEnv           *env,
                 const double          *values,
                 double                 vm_mv,
                 const MlMechanismFlux *at_vm)
{
  g_autofree char *imax = ml_format_significant (values[0], 4);
  g_autofree char *km = ml_format_significant (values[1], 4);
  g_autofree char *i = ml_format_significant (at_vm->current_ua_cm2, 4);

  (void)vm_mv;
  if (env->ca < 0)
    return NULL;
  return g_strdup_printf ("I = %s × %g/(%s + %g) = %s µA/cm²", imax, env->c_in[env->ca], km,
                          env->c_in[env->ca], i);
}

const MlMechanismClass ml_pmca_class = {
  .id = "pmca",
  .name = N_("Plasma-membrane Ca²⁺ pump (PMCA)"),
  .short_name = "PMCA",
  .stoichiometry = N_("1 Ca²⁺ out"),
  .equation = "I = Ī·[Ca]_i/(K_m + [Ca]_i)",
  .source = "Luo & Rudy (1994), Circ. Res. 74:1071",
  .kind = ML_MECHANISM_KIND_PUMP,
  .n_params = G_N_ELEMENTS (pmca_params),
  .params = pmca_params,
  .scale_param = 0,
  .flux = pmca_flux,
  .state = pmca_state,
  .substitute = pmca_substitute,
};
