/* ml-species.h — what a cell is made of: ions, and the mechanisms that move them
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain types at the bottom of the model, so that the parameter table and
 * the mechanism classes can name an ion without knowing the cell.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>

G_BEGIN_DECLS

#define ML_MAX_IONS      8
/* Mechanisms besides the leak and the Na⁺/K⁺ pump, and values of each. */
#define ML_MAX_MECHANISMS        8
#define ML_MECHANISM_MAX_PARAMS  4
#define ML_ION_NAME_MAX  16

/* What the physics knows an ion as.  The pump moves Na⁺ and K⁺, the
 * membrane's charge is counted in K⁺, permeabilities are shown relative to
 * P_K: these decisions read the role, never the name. */
typedef enum
{
  ML_ION_ROLE_OTHER = 0,  /* any other ion, or a known name with another valence */
  ML_ION_ROLE_K,          /* "K", valence +1 */
  ML_ION_ROLE_NA,         /* "Na", valence +1 */
  ML_ION_ROLE_CL,         /* "Cl", valence −1 */
  ML_ION_ROLE_CA,         /* "Ca", valence +2 */
} MlIonRole;

typedef struct
{
  char      name[ML_ION_NAME_MAX]; /* "K", "Na", "Cl", "Ca" or any short name */
  int       z;                     /* valence, ±1 or ±2 */
  double    c_in;                  /* mM */
  double    c_out;                 /* mM */
  double    p;                     /* cm/s; 0 is closed */
  bool      enabled;               /* false: takes no part (e.g. Ca²⁺ switched off) */
  /* Set by the cell when the ion is added (ml_ion_role_for()); what a
   * caller writes here is replaced, so { "K", 1, … } needs no role. */
  MlIonRole role;
} MlIon;

/* A mechanism of the cell: an instance of a class (ml-mechanism.h) and the
 * values of the class's parameters, in its order. */
typedef struct _MlMechanismClass MlMechanismClass;

typedef struct
{
  const MlMechanismClass *klass;
  double                  values[ML_MECHANISM_MAX_PARAMS];
} MlMechanism;

typedef enum
{
  ML_ION_FIELD_C_IN,
  ML_ION_FIELD_C_OUT,
  ML_ION_FIELD_P,
} MlIonField;

G_END_DECLS
