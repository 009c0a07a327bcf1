/* ml-physics.h — the pure equations of membrane electrophysiology
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C and libm only: no GLib types, so every function here can be used by
 * the solver, the model, the CLI and the tests alike.  Units follow docs/ARCHITECTURE.md:
 * mM, °C at the interface, cm/s, µA/cm², mV, J/mol.
 */
#pragma once

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CODATA 2018 exact values (SI redefinition of 2019). */
#define ML_ELEMENTARY_CHARGE 1.602176634e-19 /* C */
#define ML_AVOGADRO          6.02214076e23   /* 1/mol */
#define ML_BOLTZMANN         1.380649e-23    /* J/K */
#define ML_GAS_CONSTANT      (ML_AVOGADRO * ML_BOLTZMANN)        /* J/(mol·K) */
#define ML_FARADAY           (ML_AVOGADRO * ML_ELEMENTARY_CHARGE) /* C/mol */
#define ML_ZERO_CELSIUS_K    273.15

double ml_kelvin_from_celsius   (double t_c);

/* RT/F in mV; returns 0 for T ≤ 0 K (callers check ml_temperature_valid). */
double ml_rt_over_f_mv          (double t_c);
bool   ml_temperature_valid     (double t_c);

/* x / (e^x − 1), exact at 0 and free of cancellation everywhere. */
double ml_bernoulli             (double x);

/* Nernst potential in mV.  Returns false when it is not finite: a zero
 * concentration on one side (E = ±∞), or both zero, or z == 0.  *out_mv is then
 * set to +1 or −1 times the sign of the infinity (0 when undefined), so a
 * caller can still say "−∞". */
bool   ml_nernst_mv             (int     z,
                                 double  c_in_mm,
                                 double  c_out_mm,
                                 double  t_c,
                                 double *out_mv);

/* GHK current density in µA/cm², positive outward, for permeability in cm/s. */
double ml_ghk_current           (int    z,
                                 double p_cm_s,
                                 double c_in_mm,
                                 double c_out_mm,
                                 double vm_mv,
                                 double t_c);

/* The same with V given as x = V·F/RT; also returns dI/dx when slope != NULL. */
double ml_ghk_current_x         (int     z,
                                 double  p_cm_s,
                                 double  c_in_mm,
                                 double  c_out_mm,
                                 double  x,
                                 double *slope);

/* Free energy of moving one mole from inside to outside, J/mol.
 * Total = chemical + electrical; false when a concentration is zero (the
 * chemical part is infinite; the electrical part is still returned). */
bool   ml_delta_g_out           (int     z,
                                 double  c_in_mm,
                                 double  c_out_mm,
                                 double  vm_mv,
                                 double  t_c,
                                 double *chemical,
                                 double *electrical,
                                 double *total);

/* One permeant species for the closed forms below. */
typedef struct
{
  int    z;
  double c_in;  /* mM */
  double c_out; /* mM */
  double p;     /* cm/s, or any common unit: only ratios matter */
} MlSpecies;

/* Monovalent GHK voltage equation (z = ±1 only).  False when a species has
 * another valence, or numerator or denominator is zero. */
bool   ml_ghk_voltage_mv        (const MlSpecies *species,
                                 unsigned         n,
                                 double           t_c,
                                 double          *out_mv);

/* GHK zero-current potential with monovalent ions and divalent cations
 * (z = +2, e.g. Ca²⁺): the positive root of a quadratic in w = e^(FV/RT). */
bool   ml_ghk_divalent_voltage_mv (const MlSpecies *species,
                                   unsigned         n,
                                   double           t_c,
                                   double          *out_mv);

/* Mullins–Noda steady state of a pump with coupling ratio r (Na⁺ out : K⁺ in,
 * 1.5 for 3:2), K⁺ and Na⁺ only:
 * V = (RT/F)·ln[(r·P_K·K_o + P_Na·Na_o)/(r·P_K·K_i + P_Na·Na_i)]. */
bool   ml_mullins_noda_mv       (double  r,
                                 double  p_k,
                                 double  k_in,
                                 double  k_out,
                                 double  p_na,
                                 double  na_in,
                                 double  na_out,
                                 double  t_c,
                                 double *out_mv);

/* Pump kinetics: Q10^((t − t_ref)/10).  Independent of RT/F by design. */
double ml_q10_factor            (double q10,
                                 double t_c,
                                 double t_ref_c);

/* Charging a spherical cell: area in cm², volume in litres, ions of valence z
 * moved to bring C_m·A to |V_m|, and that number as a fraction of the ions
 * of concentration c_mm the cell holds.  The fraction is undefined (0, and
 * fraction_defined false) when the cell holds none; above 1 it means the
 * cell holds too few of them to reach V_m. */
typedef struct
{
  double   area_cm2;
  double   volume_l;
  double   charge_c;
  double   ions_moved;
  double   fraction;
  bool     fraction_defined;
} MlCharge;

void   ml_charge_sphere         (double    radius_um,
                                 double    capacitance_uf_cm2,
                                 double    vm_mv,
                                 int       z,
                                 double    c_mm,
                                 MlCharge *out);

/* Donnan equilibrium.  Inside: impermeant anion of concentration a (mM) and
 * valence z_a < 0, with K⁺ and Cl⁻ permeant. */

/* The valences the Donnan calculator takes, for every caller (a lesson's
 * Donnan= key, the Donnan window, membrane-calc --donnan): from a small
 * anion's −1 to −10, the net charge of a small protein near neutral pH
 * (the fixed anions of a cell average well under −2 per molecule, Alberts,
 * Molecular Biology of the Cell, 6th ed., ch. 11). */
#define ML_DONNAN_VALENCE_MIN (-10)
#define ML_DONNAN_VALENCE_MAX (-1)

bool   ml_donnan_valence_is_valid (int z_a);
typedef struct
{
  double k_in;        /* mM */
  double cl_in;       /* mM */
  double k_out;       /* mM */
  double cl_out;      /* mM */
  double ratio;       /* r = K_in/K_out = Cl_out/Cl_in */
  double vm_mv;       /* V_in − V_out */
  double osmotic_excess_mosm; /* inside minus outside, ideal solutions */
} MlDonnan;

/* Open bath: the outside is KCl at bath_mm and does not change. */
bool   ml_donnan_open_bath      (double    a_mm,
                                 int       z_a,
                                 double    bath_mm,
                                 double    t_c,
                                 MlDonnan *out);

/* Closed two compartments: inside (volume v_in) starts with the anion, its K⁺
 * counter-ions and KCl at kcl_in_mm; outside (volume v_out) starts with KCl at
 * kcl_out_mm.  KCl moves until K_in·Cl_in = K_out·Cl_out. */
bool   ml_donnan_closed         (double    a_mm,
                                 int       z_a,
                                 double    kcl_in_mm,
                                 double    kcl_out_mm,
                                 double    v_in,
                                 double    v_out,
                                 double    t_c,
                                 MlDonnan *out);

#ifdef __cplusplus
}
#endif
