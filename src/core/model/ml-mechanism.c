/* ml-mechanism.c — the registry of mechanism classes and what they read
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ml-mechanism.h"
#include "ml-physics.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* The two the solver evaluates itself.  Their parameters are the cell's
 * NAME.p and pump.* of the fixed table. */
static const MlMechanismClass leak_class = {
  .id = "leak",
  .name = N_("Leak channels (GHK)"),
  .short_name = "leak",
  .stoichiometry = N_("each ion down its gradient"),
  .equation = "I = P·z²·(F²V/RT)·(c_in − c_out·e^(−zFV/RT))/(1 − e^(−zFV/RT))",
  .source = "Goldman (1943), J. Gen. Physiol. 27:37; Hodgkin & Katz (1949), J. Physiol. 108:37",
  .kind = ML_MECHANISM_KIND_CHANNEL,
  .builtin = TRUE,
};

static const MlMechanismClass nak_pump_class = {
  .id = "nak-pump",
  .name = N_("Na⁺/K⁺ pump"),
  .short_name = "Na⁺/K⁺",
  .stoichiometry = N_("3 Na⁺ out / 2 K⁺ in"),
  .equation = "I = Ī·Q10·f(V)·1/(1 + (K_m,Na/[Na]_i)^1.5)·[K]_o/([K]_o + K_m,K)",
  .source = "Luo & Rudy (1994), Circ. Res. 74:1071",
  .kind = ML_MECHANISM_KIND_PUMP,
  .builtin = TRUE,
};

extern const MlMechanismClass ml_kcc2_class;
extern const MlMechanismClass ml_nkcc1_class;
extern const MlMechanismClass ml_pmca_class;
extern const MlMechanismClass ml_ncx_class;

#define MAX_CLASSES 32

static const MlMechanismClass *classes[MAX_CLASSES] = {
  &leak_class,
  &nak_pump_class,
  &ml_kcc2_class,
  &ml_nkcc1_class,
  &ml_pmca_class,
  &ml_ncx_class,
};
static guint n_classes = 6;

const MlMechanismClass *
ml_mechanism_class_leak (void)
{
  return &leak_class;
}

const MlMechanismClass *
ml_mechanism_class_nak_pump (void)
{
  return &nak_pump_class;
}

guint
ml_mechanism_class_count (void)
{
  return n_classes;
}

const MlMechanismClass *
ml_mechanism_class_get (guint index)
{
  g_return_val_if_fail (index < n_classes, NULL);
  return classes[index];
}

const MlMechanismClass *
ml_mechanism_class_find (const char *id)
{
  for (guint i = 0; id != NULL && i < n_classes; i++)
    if (strcmp (classes[i]->id, id) == 0)
      return classes[i];
  return NULL;
}

/* An id is what a file's group and a parameter's id can hold. */
static gboolean
id_is_valid (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > 32)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

gboolean
ml_mechanism_class_register (const MlMechanismClass *klass)
{
  g_return_val_if_fail (klass != NULL, FALSE);

  if (!id_is_valid (klass->id) || ml_mechanism_class_find (klass->id) != NULL
      || n_classes >= MAX_CLASSES || klass->builtin || klass->flux == NULL
      || klass->n_params > ML_MECHANISM_MAX_PARAMS
      || (klass->n_params > 0 && klass->scale_param >= klass->n_params))
    return FALSE;
  for (guint k = 0; k < klass->n_params; k++)
    if (klass->params[k].kind != ML_PARAM_MECHANISM || klass->params[k].slot != k
        || g_strcmp0 (klass->params[k].mechanism, klass->id) != 0)
      return FALSE;
  classes[n_classes++] = klass;
  return TRUE;
}

const MlParam *
ml_mechanism_class_find_param (const MlMechanismClass *klass,
                               const char             *field)
{
  gsize len;

  g_return_val_if_fail (klass != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  len = strlen (klass->id);
  for (guint k = 0; k < klass->n_params; k++)
    {
      const char *id = klass->params[k].id;

      if (strncmp (id, klass->id, len) == 0 && id[len] == '.' && strcmp (id + len + 1, field) == 0)
        return &klass->params[k];
    }
  return NULL;
}

const char *
ml_mechanism_class_get_name (const MlMechanismClass *klass)
{
  g_return_val_if_fail (klass != NULL, NULL);
  return _(klass->name);
}

const char *
ml_mechanism_class_get_stoichiometry (const MlMechanismClass *klass)
{
  g_return_val_if_fail (klass != NULL, NULL);
  return _(klass->stoichiometry);
}

void
ml_env_init (MlEnv       *env,
             double       t_c,
             const MlIon *ions,
             guint        n_ions)
{
  g_return_if_fail (env != NULL);
  g_return_if_fail (ions != NULL || n_ions == 0);

  memset (env, 0, sizeof *env);
  env->t_c = t_c;
  env->rt_over_f_mv = ml_rt_over_f_mv (t_c);
  env->n = MIN (n_ions, ML_MAX_IONS);
  env->k = env->na = env->cl = env->ca = -1;
  for (guint i = 0; i < env->n; i++)
    {
      const MlIon *ion = &ions[i];

      env->z[i] = ion->z;
      env->present[i] = ion->enabled;
      env->c_in[i] = ion->c_in;
      env->c_out[i] = ion->c_out;
      env->e_mv[i] = NAN;
      if (!ion->enabled)
        continue;
      if (ion->role == ML_ION_ROLE_K)
        env->k = (int)i;
      else if (ion->role == ML_ION_ROLE_NA)
        env->na = (int)i;
      else if (ion->role == ML_ION_ROLE_CL)
        env->cl = (int)i;
      else if (ion->role == ML_ION_ROLE_CA)
        env->ca = (int)i;
    }
}

const char *
ml_mechanism_missing_ion_message (MlIonRole role)
{
  switch (role)
    {
    case ML_ION_ROLE_K:
      return _("Idles: the cell has no K⁺");
    case ML_ION_ROLE_NA:
      return _("Idles: the cell has no Na⁺");
    case ML_ION_ROLE_CL:
      return _("Idles: the cell has no Cl⁻");
    case ML_ION_ROLE_CA:
      return _("Idles: the cell has no Ca²⁺");
    case ML_ION_ROLE_OTHER:
    default:
      return _("Idles: the cell lacks an ion it moves");
    }
}
