/* ml-pump.h — the Na⁺/K⁺ pump's kinetics
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kinetic pump is the I_NaK of Luo & Rudy (1994), Circ. Res.
 * 74:1071–1096, eq. for the Na⁺/K⁺ pump:
 *
 *   I = Ī · Q10 factor · f(V) · 1/(1 + (K_m,Na/[Na]_i)^1.5) · [K]_o/([K]_o + K_m,K)
 *   f(V) = 1 / (1 + 0.1245·e^(−0.1·VF/RT) + 0.0365·σ·e^(−VF/RT))
 *   σ = (e^([Na]_o/67.3 mM) − 1) / 7
 *
 * with K_m,Na = 10 mM and K_m,K = 1.5 mM.  It moves 3 Na⁺ out and 2 K⁺ in
 * per cycle, one charge out, so its current is outward and never negative.
 * The Q10 factor scales its kinetics only (the thermodynamic RT/F of the
 * leaks is separate); f(V) rises with V, so adding the pump keeps the sum
 * of currents increasing and the solver's root unique.
 */
#pragma once

#include <glib.h>


G_BEGIN_DECLS

#define ML_PUMP_KM_NA_MM   10.0
#define ML_PUMP_KM_K_MM    1.5
#define ML_PUMP_NA_PER_CYCLE 3
#define ML_PUMP_K_PER_CYCLE  2

/* Saturation by the substrates: in [0, 1), 0 when either is absent. */
double    ml_pump_substrate_factor  (double  na_in_mm,
                                     double  k_out_mm);
/* f(V) of Luo & Rudy at x = V·F/RT for an outside Na⁺ of @na_out_mm; in
 * (0, 1].  @slope, when not NULL, receives df/dx (≥ 0). */
double    ml_pump_voltage_factor    (double  x,
                                     double  na_out_mm,
                                     double *slope);
/* The same with σ's term, 0.0365·σ, computed once for an outside Na⁺
 * (ml_pump_sigma_term ()): the solver evaluates f many times per cell. */
double    ml_pump_sigma_term        (double  na_out_mm);
double    ml_pump_voltage_factor_with (double  x,
                                       double  sigma_term,
                                       double *slope);
/* The whole current: @amplitude is Ī × Q10 factor × substrate factor. */
double    ml_pump_kinetic_current   (double  amplitude,
                                     double  x,
                                     double  sigma_term,
                                     double *slope);

G_END_DECLS
