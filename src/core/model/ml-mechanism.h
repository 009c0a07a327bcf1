/* ml-mechanism.h — the parts of a membrane that move ions
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A membrane is a list of species (the cell's ions) and a list of
 * mechanisms.  Each mechanism is an instance of a registered class that
 * says which parameters it has (entries of the one parameter table, ids
 * "CLASS.field": "kcc2.imax"), and that computes, from the cell's
 * concentrations and a membrane potential, its current and the charge each
 * species carries through it.
 *
 * Two classes are built in and keep their parameters where a cell has
 * always kept them: the GHK leak ("leak", one channel per ion, NAME.p) and
 * the Na⁺/K⁺ pump ("nak-pump", pump.*); the solver evaluates them itself.
 * Every other class is a file of its own (ml-kcc2.c, ml-ncx.c, …) listed in
 * ml-mechanism.c, or registered at run time with
 * ml_mechanism_class_register(); a cell holds at most one instance of each.
 *
 * Conventions: currents in µA/cm², outward positive; a species' flux is the
 * charge it carries out of the cell as a current density, z·F·J_out, so a
 * K⁺ leaving gives a positive flux and a Cl⁻ leaving a negative one, and the
 * fluxes of a mechanism sum to its current.
 */
#pragma once

#include <glib.h>

#include "ml-params.h"
#include "ml-species.h"

G_BEGIN_DECLS

/* What a view draws for it. */
typedef enum
{
  ML_MECHANISM_KIND_CHANNEL,        /* a pore: the leak, later gated channels */
  ML_MECHANISM_KIND_PUMP,           /* ATP-driven: Na⁺/K⁺ pump, PMCA */
  ML_MECHANISM_KIND_COTRANSPORTER,  /* ions the same way: KCC2, NKCC1 */
  ML_MECHANISM_KIND_EXCHANGER,      /* ions opposite ways: NCX */
} MlMechanismKind;

/* What a mechanism reads: the cell at one instant.  Built once per solve;
 * e_mv is NaN where the Nernst potential is undefined. */
typedef struct
{
  double     t_c;
  double     rt_over_f_mv;
  guint      n;
  int        z[ML_MAX_IONS];
  gboolean   present[ML_MAX_IONS];  /* enabled: takes part in the model */
  double     c_in[ML_MAX_IONS];     /* mM */
  double     c_out[ML_MAX_IONS];
  double     e_mv[ML_MAX_IONS];
  /* Index of the ion with each role that is present, or -1. */
  int        k, na, cl, ca;
} MlEnv;

/* What a mechanism does at one V_m. */
typedef struct
{
  double current_ua_cm2;            /* outward positive */
  double flux_ua_cm2[ML_MAX_IONS];  /* z·F·J_out per species; they sum to the current */
} MlMechanismFlux;

struct _MlMechanismClass
{
  const char       *id;           /* ASCII, stable: "kcc2" */
  const char       *name;         /* N_(): "K⁺–Cl⁻ cotransporter (KCC2)" */
  const char       *short_name;   /* drawn on the membrane: "KCC2" (not translated) */
  const char       *stoichiometry;/* N_(): "1 K⁺ + 1 Cl⁻ out" */
  const char       *equation;     /* its current in one line, for the math */
  const char       *source;       /* where its equation and numbers come from */
  MlMechanismKind   kind;
  gboolean          builtin;      /* the leak and the Na⁺/K⁺ pump */
  /* It carries no net charge at all (KCC2, NKCC1): no part of the balance
   * of currents, and GHK's closed form still holds beside it. */
  gboolean          electroneutral;
  /* Its current depends on V (NCX); one that does not (PMCA) is a constant
   * in the balance, evaluated once per solve. */
  gboolean          voltage_dependent;
  guint             n_gates;      /* 0 for every transporter */
  guint             n_params;     /* ≤ ML_MECHANISM_MAX_PARAMS */
  const MlParam    *params;       /* kind ML_PARAM_MECHANISM, slot = index */
  /* The parameter its current is proportional to: what a preset fits. */
  guint             scale_param;

  /* The current and each species' flux at @vm_mv; not for builtins. */
  void        (*flux)      (const MlEnv       *env,
                            const double      *values,
                            double             vm_mv,
                            MlMechanismFlux   *out);
  /* Why it does not run, translated, or NULL when it runs as it should
   * ("idles: the cell has no Cl⁻").  @at_vm is its flux at V_m. */
  const char *(*state)     (const MlEnv       *env,
                            const double      *values,
                            const MlMechanismFlux *at_vm);
  /* The potential at which it reverses (E_NCX = 3E_Na − 2E_Ca), or NaN
   * when it has none or none is defined; may be NULL. */
  double      (*reversal)  (const MlEnv       *env);
  /* Its equation with this instant's numbers in it, for the math: "J =
   * 0.05 × (140·10 − 5·110)/(140·10 + 5·110) = 0.0218 µA/cm²"; newly
   * allocated, or NULL where it cannot say. */
  char       *(*substitute) (const MlEnv      *env,
                             const double     *values,
                             double            vm_mv,
                             const MlMechanismFlux *at_vm);
};

/* The classes the app knows, builtins first, in a fixed order. */
guint                   ml_mechanism_class_count     (void);
const MlMechanismClass *ml_mechanism_class_get       (guint        index);
const MlMechanismClass *ml_mechanism_class_find      (const char  *id);
/* Adds @klass (static storage) to the registry; FALSE when its id is taken,
 * it is not valid, or the registry is full. */
gboolean                ml_mechanism_class_register  (const MlMechanismClass *klass);

/* The parameter of @klass named @field ("imax"), or NULL. */
const MlParam          *ml_mechanism_class_find_param (const MlMechanismClass *klass,
                                                       const char             *field);
const char             *ml_mechanism_class_get_name  (const MlMechanismClass *klass);
const char             *ml_mechanism_class_get_stoichiometry (const MlMechanismClass *klass);

/* The leak and the Na⁺/K⁺ pump, which every cell has. */
const MlMechanismClass *ml_mechanism_class_leak       (void);
const MlMechanismClass *ml_mechanism_class_nak_pump   (void);

/* The environment of @n_ions ions at @t_c, their Nernst potentials not
 * yet filled in (NaN): what the solver's inner loop needs. */
void                    ml_env_init                   (MlEnv       *env,
                                                       double       t_c,
                                                       const MlIon *ions,
                                                       guint        n_ions);
/* The environment of @cell at its own concentrations, E included. */
void                    ml_env_from_cell              (MlEnv       *env,
                                                       MlCell      *cell);

/* The equation of mechanism @index of @cell with the numbers of V = @vm_mv
 * in it (its class's substitute()), or NULL. */
char                   *ml_cell_describe_mechanism    (MlCell      *cell,
                                                       guint        index,
                                                       double       vm_mv);

/* Helpers for the classes' state(): "idles: the cell has no Cl⁻". */
const char             *ml_mechanism_missing_ion_message (MlIonRole role);

G_END_DECLS
