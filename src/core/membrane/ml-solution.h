/* ml-solution.h — everything computed from a cell, in one plain struct
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Views and the CLI read these numbers; none of them computes physics of its
 * own.  Every double here is finite: where a quantity is undefined a
 * condition or state says so and the number is 0.
 */
#pragma once

#include "ml-cell.h"
#include "ml-mechanism.h"
#include "ml-physics.h"

G_BEGIN_DECLS

typedef enum
{
  ML_CONDITION_NONE = 0,
  ML_CONDITION_BAD_TEMPERATURE,   /* T ≤ 0 K */
  ML_CONDITION_NO_PERMEANT_ION,   /* no enabled ion with P > 0 */
  ML_CONDITION_UNBALANCED,        /* the currents cannot sum to zero */
  ML_CONDITION_INVALID_VALUE,     /* a NaN or negative value reached the solver */
} MlCondition;

typedef enum
{
  ML_NERNST_DEFINED = 0,
  ML_NERNST_PLUS_INFINITY,   /* E → +∞ (a cation absent inside, an anion outside) */
  ML_NERNST_MINUS_INFINITY,  /* E → −∞ */
  ML_NERNST_UNDEFINED,       /* both sides empty, or T ≤ 0 K */
} MlNernstState;

/* Which closed form gives V_rest for this cell (the solver always runs).
 * The divalent forms hold any divalent cation, not only Ca²⁺: the
 * solution's divalent_ion says which one. */
typedef enum
{
  ML_FORMULA_NONE = 0,           /* undefined */
  ML_FORMULA_GHK,                /* monovalent GHK voltage equation */
  ML_FORMULA_GHK_DIVALENT,       /* GHK with a divalent cation: quadratic in e^(FV/RT) */
  ML_FORMULA_MULLINS_NODA,       /* GHK with P_Na/r: steady 3:2 pump */
  ML_FORMULA_MULLINS_NODA_DIVALENT,
  ML_FORMULA_NUMERIC,            /* no closed form: pump current or other valence */
} MlFormula;

/* What the pump is doing, so that no view draws an idle pump as a normal
 * one (ml_pump_state_message() says it in words). */
typedef enum
{
  ML_PUMP_STATE_OFF = 0,       /* blocked (ouabain) or absent */
  ML_PUMP_STATE_RUNNING,       /* Na⁺ out, K⁺ in */
  ML_PUMP_STATE_BACKWARDS,     /* a negative current was asked for */
  ML_PUMP_STATE_NO_K_ION,      /* the cell has no K⁺ (or it is switched off) */
  ML_PUMP_STATE_NO_NA_ION,
  ML_PUMP_STATE_NO_NA_INSIDE,  /* idles: nothing to bind inside */
  ML_PUMP_STATE_NO_K_OUTSIDE,  /* idles: nothing to bind outside */
  ML_PUMP_STATE_NO_LEAK,       /* steady state with no Na⁺ leak to balance */
  ML_PUMP_STATE_ZERO_RATE,     /* a fixed current or maximal current of 0 */
  ML_PUMP_STATE_UNDEFINED,     /* V_m undefined */
} MlPumpState;

typedef struct
{
  MlIon          ion;               /* a copy of the input */
  gboolean       permeant;          /* enabled, P > 0, present on a side */
  MlNernstState  nernst_state;
  double         nernst_mv;         /* 0 unless DEFINED */
  double         driving_force_mv;  /* V_m − E; 0 unless DEFINED */
  /* The driving force in its two parts, in its sign convention: the
   * concentration gradient's push as a voltage (−E) and the field's (V_m),
   * so chemical_push_mv + electrical_push_mv = driving_force_mv.  For K⁺ at
   * E = −89 mV the chemical push is +89 mV (out), the electrical one at
   * −70 mV is −70 mV (in).  Both 0 unless E is DEFINED and V_m defined. */
  double         chemical_push_mv;
  double         electrical_push_mv;
  double         current_ua_cm2;    /* GHK current at V_m, outward positive */
  gboolean       delta_g_defined;   /* false when a concentration is 0 */
  double         delta_g_chemical;  /* J/mol, moving one mole inside → outside */
  double         delta_g_electrical;
  double         delta_g_total;
  int            direction;         /* +1 moves out, −1 in, 0 at equilibrium */
  /* |V_m − E| < ML_EQUILIBRIUM_MV; false when V_m or E is undefined. */
  gboolean       at_equilibrium;
  /* ΔG of moving out is negative (and the ion is not at equilibrium):
   * leaving the cell is downhill.  Only when delta_g_defined; moving in is
   * spontaneous when delta_g_total > 0 and not at equilibrium. */
  gboolean       spontaneous_out;
  /* P / P of the solution's p_reference_ion, for every ion (permeant or
   * not); 0 when there is no reference. */
  double         p_relative;
  /* The charge the ion carries out through every mechanism together at
   * V_m (µA/cm², outward positive): 0 for each ion of a steady state. */
  double         net_flux_ua_cm2;
} MlIonResult;

/* One mechanism at V_m: the leak (all ions' channels), the Na⁺/K⁺ pump,
 * then the cell's other mechanisms in its order. */
typedef struct
{
  const MlMechanismClass *klass;
  int            instance;          /* index in the cell; -1 for leak and pump */
  double         current_ua_cm2;    /* outward positive */
  double         flux_ua_cm2[ML_MAX_IONS]; /* z·F·J_out per ion; they sum to the current */
  gboolean       reversal_defined;
  double         reversal_mv;       /* E_NCX …; 0 unless defined */
  const char    *state;             /* translated; NULL while it runs as it should */
} MlMechanismResult;

#define ML_MAX_MECHANISM_RESULTS (ML_MAX_MECHANISMS + 2)

/* |V_m − E| below this is shown as "at equilibrium". */
#define ML_EQUILIBRIUM_MV 0.05

typedef struct
{
  MlCondition  condition;           /* of V_rest; NONE when it is defined */
  MlCondition  ghk_condition;       /* of V_ghk */
  double       temperature_c;
  double       temperature_k;
  double       rt_over_f_mv;

  double       vm_mv;               /* the V_m the per-ion numbers use */
  gboolean     vm_defined;          /* false: per-ion V-dependent numbers are 0 */
  gboolean     vm_clamped;          /* vm_mv was given, not solved */
  double       vm_rest_mv;          /* zero net current, pump included */
  double       vm_ghk_mv;           /* zero net current without the pump */

  MlFormula    formula;
  double       vm_formula_mv;       /* V_rest from the closed form, if any */
  /* With a divalent formula, the index of the divalent cation it holds
   * (Ca²⁺, Mg²⁺ …); -1 otherwise, and when it holds several. */
  int          divalent_ion;

  MlPumpMode   pump_mode;
  int          pump_ion;            /* index of the Na⁺ the pump moves, or -1 */
  double       pump_ratio;
  double       pump_q10_factor;     /* kinetics only: Q10^((t − t_ref)/10) */
  double       pump_current_ua_cm2; /* at vm_mv, outward positive */
  /* The ions it moves, as currents (F × flux, µA/cm²): Na⁺ out and K⁺ in;
   * their difference is pump_current_ua_cm2.  The time course uses them. */
  double       pump_na_efflux_ua_cm2;
  double       pump_k_influx_ua_cm2;
  /* Kinetic pump: its substrate and voltage factors at vm_mv (ml-pump.h);
   * 0 in the other modes. */
  double       pump_max_current_ua_cm2; /* the cell's Ī, as given */
  double       pump_substrate_factor;
  double       pump_voltage_factor;
  MlPumpState  pump_state;
  double       pump_contribution_mv;/* V_rest − V_ghk */
  /* The pump is on and turns over at vm_mv: it has Na⁺ inside and K⁺
   * outside (without either it idles, with no current), and in the steady
   * state an Na⁺ leak to balance; with a fixed current, a current other
   * than 0.  At a ratio of 1 it runs without net current. */
  gboolean     pump_running;
  double       net_current_ua_cm2;  /* Σ over every mechanism at vm_mv */

  guint        n_ions;
  MlIonResult  ions[ML_MAX_IONS];
  /* The ion permeabilities are shown relative to: K⁺ when present and
   * permeant, otherwise the most permeable permeant ion (the first of
   * equals); -1 when no ion is permeant. */
  int          p_reference_ion;

  double       radius_um;
  double       capacitance_uf_cm2;
  int          charge_ion;          /* index of K⁺, or -1 */
  MlCharge     charge;              /* at vm_mv; fraction of the cell's K⁺ */

  guint             n_mechanisms;
  MlMechanismResult mechanisms[ML_MAX_MECHANISM_RESULTS];
  /* Every ion's net flux is zero at vm_mv, to 1e-9 of the largest flux any
   * mechanism carries there: no concentration drifts.  The ion that moves
   * most otherwise (-1 when steady or V_m is undefined). */
  gboolean          steady_state;
  int               drifting_ion;
} MlSolution;

void         ml_cell_solve          (MlCell     *cell,
                                     MlSolution *out);
void         ml_cell_solve_at       (MlCell     *cell,
                                     double      vm_mv,
                                     MlSolution *out);

/* How many of each ion @m moves per cycle, from the ratios of its fluxes
 * (1 K⁺ and 1 Cl⁻ for KCC2, 3 Na⁺ and 1 Ca²⁺ for NCX), into @counts
 * (ML_MAX_IONS); 0 for an ion it does not move, all 0 when it is still. */
void         ml_mechanism_result_counts (const MlMechanismResult *m,
                                         const MlSolution        *sol,
                                         int                     *counts);
/* The way it moves ion @ion: +1 out of the cell, −1 in, 0 not at all. */
int          ml_mechanism_result_direction (const MlMechanismResult *m,
                                            const MlSolution        *sol,
                                            guint                    ion);

/* A sentence for a pump state, translated; NULL for ML_PUMP_STATE_RUNNING. */
const char  *ml_pump_state_message  (MlPumpState state);

/* A sentence for a condition, translated; NULL for ML_CONDITION_NONE. */
const char  *ml_condition_message   (MlCondition condition);

G_END_DECLS
