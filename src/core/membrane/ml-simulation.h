/* ml-simulation.h — the cell over time: leaks, pump, volume
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pump–leak model (Tosteson & Hoffman 1960, J. Gen. Physiol. 44:169) of
 * one spherical cell in a bath so large that it stays constant.  The state
 * is the amount of each ion inside; impermeant solutes inside (charged so
 * that the cell is electroneutral, valence ±1) and outside (uncharged) are
 * sized at the start so that the cell is in osmotic balance.  At each
 * instant:
 *
 *  - V_m is the zero-net-current root of ml_cell_solve(): the membrane's
 *    time constant (C_m/G_m, milliseconds) is far shorter than the minutes
 *    and hours of a rundown;
 *  - water follows osmolarity at once (it crosses in seconds), so the
 *    volume is the inside osmoles over the bath's osmolarity;
 *  - each ion moves by what the cell's mechanisms carry of it at that V_m
 *    (the solution's net_flux_ua_cm2): its leak, the pump, cotransporters,
 *    exchangers.  Nothing else moves an ion: a cell that is not a steady
 *    state of its own mechanisms drifts, and one whose pump is blocked runs
 *    down, whenever the block came.
 *
 * The integrator is ROS2 (ml-ode.h), stable for any step, so a fast ion
 * (Ca²⁺, a few µM held by a fast pump) does not hold back hours.
 *
 * Times are in seconds; amounts are in mM × the starting volume.
 */
#pragma once

#include <glib.h>

#include "ml-cell.h"
#include "ml-solution.h"

G_BEGIN_DECLS

/* Why a run paused. */
typedef enum
{
  ML_SIMULATION_RUNNING = 0,
  ML_SIMULATION_STOP_UNDEFINED,   /* V_m undefined: the solution's condition */
  ML_SIMULATION_STOP_DEPLETED,    /* an ion inside ran out */
  ML_SIMULATION_STOP_LYSIS,       /* swollen to ML_SIMULATION_LYSIS_VOLUME */
  ML_SIMULATION_STOP_SHRUNK,      /* shrunk to ML_SIMULATION_SHRUNK_VOLUME */
  ML_SIMULATION_STOP_STALLED,     /* no step small enough was accurate */
} MlSimulationStop;

/* A red cell lyses near 1.7 × its normal volume (its critical haemolytic
 * volume, Ponder 1948, Hemolysis and Related Phenomena); the model uses the
 * same limit for every cell, and stops a cell shrunk below 0.3 ×. */
#define ML_SIMULATION_LYSIS_VOLUME   1.7
#define ML_SIMULATION_SHRUNK_VOLUME  0.3

typedef struct
{
  double         t_s;
  gboolean       vm_defined;
  double         vm_mv;              /* 0 unless vm_defined */
  double         volume;             /* relative to the start */
  double         pump_current_ua_cm2;
  guint          n_ions;
  double         c_in[ML_MAX_IONS];  /* mM */
  MlNernstState  e_state[ML_MAX_IONS];
  double         e_mv[ML_MAX_IONS];  /* 0 unless e_state is DEFINED */
  int            mark;               /* the mark made here, or -1 */
} MlSimulationSample;

typedef struct
{
  double  t_s;
  char   *label;
} MlSimulationMark;

typedef struct _MlSimulation MlSimulation;

/* Starts at t = 0 from @cell. */
MlSimulation       *ml_simulation_new            (MlCell       *cell);
void                ml_simulation_free           (MlSimulation *self);
/* An independent copy: state, trace and marks. */
MlSimulation       *ml_simulation_copy           (MlSimulation *self);

/* Integrates up to @t_end_s and records a sample there.  Returns FALSE
 * when the run is paused (now or before), with the trace kept. */
gboolean            ml_simulation_advance        (MlSimulation *self,
                                                  double        t_end_s);
/* An event at the present time: takes every parameter of @cell that
 * differs from the one applied last; an inside concentration that differs
 * replaces the simulated one.  A different set of ions restarts the run
 * from @cell.  Marks the trace with @label (NULL: none).  Clears a pause
 * that the new parameters may resolve. */
void                ml_simulation_apply          (MlSimulation *self,
                                                  MlCell       *cell,
                                                  const char   *label);

/* Renames the last mark: steps of one slider drag make one mark, whose
 * label says the whole change. */
void                ml_simulation_set_last_mark_label (MlSimulation *self,
                                                       const char   *label);

double              ml_simulation_get_time       (MlSimulation *self);
/* The cell now: the parameters applied last, the simulated inside
 * concentrations.  Owned by the simulation. */
MlCell             *ml_simulation_get_cell       (MlSimulation *self);
const MlSolution   *ml_simulation_get_solution   (MlSimulation *self);
double              ml_simulation_get_volume     (MlSimulation *self);
MlSimulationStop    ml_simulation_get_stop       (MlSimulation *self);
/* The pause in words, translated, naming the ion or the condition; NULL
 * while running. */
const char         *ml_simulation_get_stop_message (MlSimulation *self);

guint               ml_simulation_get_n_samples  (MlSimulation *self);
const MlSimulationSample *ml_simulation_get_sample (MlSimulation *self,
                                                  guint         index);
/* All of them, in time order: @n_samples receives the count. */
const MlSimulationSample *ml_simulation_get_samples (MlSimulation *self,
                                                  guint        *n_samples);
guint               ml_simulation_get_n_marks    (MlSimulation *self);
const MlSimulationMark *ml_simulation_get_mark   (MlSimulation *self,
                                                  guint         index);

/* Accounting, for tests: the amount of ion @index inside and the amount
 * that has crossed to the bath (mM × starting volume); the cell's net
 * charge inside, impermeant ions included, relative to its total. */
double              ml_simulation_get_amount     (MlSimulation *self,
                                                  guint         index);
double              ml_simulation_get_moved      (MlSimulation *self,
                                                  guint         index);
double              ml_simulation_get_charge_imbalance (MlSimulation *self);

/* Integrator settings, for tests and benchmarks: relative tolerance
 * (default 1e-5) and the longest step (default 3600 s). */
void                ml_simulation_set_tolerance  (MlSimulation *self,
                                                  double        rtol);
void                ml_simulation_set_max_step   (MlSimulation *self,
                                                  double        max_step_s);
guint               ml_simulation_get_n_steps    (MlSimulation *self);
/* Keep at most this many samples (default 20000): past it every other
 * sample is dropped, the marked ones kept, so a long run stays bounded. */
void                ml_simulation_set_max_samples (MlSimulation *self,
                                                   guint         max_samples);

/* The trace as comma-separated values, the format of membrane-calc
 * --simulate --csv: a header line naming the columns, then one line per
 * sample (t_s, vm_mv, each NAME_in_mm, each e_NAME_mv, volume,
 * pump_ua_cm2, event).  An undefined number is an empty field. */
void                ml_simulation_csv_header     (MlCell       *cell,
                                                  GString      *out);
void                ml_simulation_csv_row        (const MlSimulationSample *sample,
                                                  const char   *event,
                                                  GString      *out);
char               *ml_simulation_to_csv         (MlSimulation *self);

/* A short label for the change from @before to @after, translated, as an
 * event mark says it: "pump blocked", "P_Na × 25", "cooled to 17 °C";
 * NULL when nothing a run depends on differs. */
char               *ml_simulation_describe_change (MlCell      *before,
                                                   MlCell      *after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlSimulation, ml_simulation_free)

G_END_DECLS
