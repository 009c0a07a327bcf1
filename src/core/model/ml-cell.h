/* ml-cell.h — the model of one cell: ions, temperature, pump, geometry
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <stdbool.h>

#include "ml-params.h"
#include "ml-species.h"

G_BEGIN_DECLS

typedef enum
{
  ML_PUMP_OFF,      /* blocked (ouabain) or absent */
  ML_PUMP_RATIO,    /* steady state with coupling ratio r (Mullins–Noda) */
  ML_PUMP_CURRENT,  /* explicit outward current density, scaled by Q10 */
  ML_PUMP_KINETIC,  /* 3:2, rate from Na⁺ inside, K⁺ outside and V (ml-pump.h) */
} MlPumpMode;

#define ML_TYPE_CELL (ml_cell_get_type ())
G_DECLARE_FINAL_TYPE (MlCell, ml_cell, ML, CELL, GObject)

MlCell       *ml_cell_new                (void);
MlCell       *ml_cell_copy               (MlCell       *self);
void          ml_cell_assign             (MlCell       *self,
                                          MlCell       *source);
gboolean      ml_cell_equal              (MlCell       *a,
                                          MlCell       *b);

/* "changed" is detailed: its detail names what changed, a parameter id of
 * the table ("changed::K.in", "changed::pump.imax", "changed::kcc2.imax")
 * or one of these; a batch that changed several things is "many". */
#define ML_CELL_CHANGE_MANY        "many"
#define ML_CELL_CHANGE_TEXT        "text"       /* name, description, source, measured */
#define ML_CELL_CHANGE_PUMP_MODE   "pump.mode"
#define ML_CELL_CHANGE_IONS        "ions"       /* ions added, removed or replaced */
#define ML_CELL_CHANGE_MECHANISMS  "mechanisms" /* mechanisms added or removed */

/* The detail of the "changed" emitted last (in a handler: this one). */
const char   *ml_cell_get_change         (MlCell       *self);

void          ml_cell_begin_batch        (MlCell       *self);
void          ml_cell_end_batch          (MlCell       *self);

const char   *ml_cell_get_name           (MlCell       *self);
/* The longest name, description and source a cell keeps, in characters
 * (a longer one is cut at a character boundary; a scenario file with a
 * longer one is refused): what a label shows in a line or a paragraph,
 * never a text that takes Pango minutes to wrap. */
#define ML_CELL_NAME_MAX_CHARS         200
#define ML_CELL_DESCRIPTION_MAX_CHARS 4000
#define ML_CELL_SOURCE_MAX_CHARS      1000

void          ml_cell_set_name           (MlCell       *self,
                                          const char   *name);
const char   *ml_cell_get_description    (MlCell       *self);
void          ml_cell_set_description    (MlCell       *self,
                                          const char   *description);
const char   *ml_cell_get_source         (MlCell       *self);
void          ml_cell_set_source         (MlCell       *self,
                                          const char   *source);

/* Values measured in a lab, kept with the cell (and in its file): V_m at
 * each value of one parameter, "K.out 2.5 -75; 10 -60.5".  Not physics:
 * nothing solved depends on them. */
const char   *ml_cell_get_measured_text  (MlCell       *self);
/* FALSE (and nothing changed) for a text that is not of that form. */
gboolean      ml_cell_set_measured_text  (MlCell       *self,
                                          const char   *text);
/* The parameter (newly allocated) and the points, in rising order. */
gboolean      ml_cell_get_measured       (MlCell       *self,
                                          char        **param,
                                          GArray       *x,
                                          GArray       *vm_mv);
/* Sets the V_m measured at @x of @param, or clears it when @vm_mv is NaN;
 * points of another parameter are dropped. */
void          ml_cell_set_measured_point (MlCell       *self,
                                          const char   *param,
                                          double        x,
                                          double        vm_mv);

double        ml_cell_get_temperature    (MlCell       *self);
void          ml_cell_set_temperature    (MlCell       *self,
                                          double        t_c);

MlPumpMode    ml_cell_get_pump_mode      (MlCell       *self);
void          ml_cell_set_pump_mode      (MlCell       *self,
                                          MlPumpMode    mode);
double        ml_cell_get_pump_ratio     (MlCell       *self);
void          ml_cell_set_pump_ratio     (MlCell       *self,
                                          double        ratio);
double        ml_cell_get_pump_current   (MlCell       *self);
void          ml_cell_set_pump_current   (MlCell       *self,
                                          double        ua_cm2);
/* The kinetic pump's current with both sites saturated, at the reference
 * temperature (µA/cm², ≥ 0). */
double        ml_cell_get_pump_max_current (MlCell     *self);
void          ml_cell_set_pump_max_current (MlCell     *self,
                                            double      ua_cm2);
double        ml_cell_get_pump_q10       (MlCell       *self);
void          ml_cell_set_pump_q10       (MlCell       *self,
                                          double        q10);
double        ml_cell_get_pump_reference_temperature (MlCell *self);
void          ml_cell_set_pump_reference_temperature (MlCell *self,
                                                      double  t_c);

double        ml_cell_get_radius         (MlCell       *self);
void          ml_cell_set_radius         (MlCell       *self,
                                          double        radius_um);
double        ml_cell_get_capacitance    (MlCell       *self);
void          ml_cell_set_capacitance    (MlCell       *self,
                                          double        uf_cm2);

guint         ml_cell_get_n_ions         (MlCell       *self);
const MlIon  *ml_cell_get_ion            (MlCell       *self,
                                          guint         index);
/* Ion names are compared without regard to ASCII case, as in a scenario
 * file: "k" finds the "K". */
int           ml_cell_find_ion           (MlCell       *self,
                                          const char   *name);
/* The index of the ion with @role, or -1; a cell holds at most one. */
int           ml_cell_find_role          (MlCell       *self,
                                          MlIonRole     role);
/* Adds the ion, or replaces the one with the same name (in any case).
 * The four names the app knows are stored as "K", "Na", "Cl" and "Ca"
 * however they are written; the role follows from name and valence.
 * Returns its index, or -1 when the cell is full or the ion is invalid. */
int           ml_cell_set_ion            (MlCell       *self,
                                          const MlIon  *ion);
void          ml_cell_remove_ion         (MlCell       *self,
                                          guint         index);
void          ml_cell_clear_ions         (MlCell       *self);
void          ml_cell_set_ion_value      (MlCell       *self,
                                          guint         index,
                                          MlIonField    field,
                                          double        value);
double        ml_cell_get_ion_value      (MlCell       *self,
                                          guint         index,
                                          MlIonField    field);
void          ml_cell_set_ion_enabled    (MlCell       *self,
                                          guint         index,
                                          gboolean      enabled);

/* Mechanisms besides the leak and the pump, in the order they were added;
 * at most one of each class. */
guint              ml_cell_get_n_mechanisms   (MlCell       *self);
const MlMechanism *ml_cell_get_mechanism      (MlCell       *self,
                                               guint         index);
/* The index of the instance of class @id ("kcc2"), or -1. */
int                ml_cell_find_mechanism     (MlCell       *self,
                                               const char   *id);
/* Adds an instance with the class's defaults, or returns the one there is;
 * -1 when the cell is full or @klass is a builtin. */
int                ml_cell_add_mechanism      (MlCell       *self,
                                               const MlMechanismClass *klass);
void               ml_cell_remove_mechanism   (MlCell       *self,
                                               guint         index);
double             ml_cell_get_mechanism_value (MlCell      *self,
                                                guint        index,
                                                guint        slot);
/* Checked against the parameter's range, as the other setters are. */
void               ml_cell_set_mechanism_value (MlCell      *self,
                                                guint        index,
                                                guint        slot,
                                                double       value);

/* Valid values for the setters; a setter ignores anything else with a
 * warning.  The ranges are those of the parameter table (ml-params.h). */
gboolean      ml_ion_is_valid            (const MlIon  *ion);
gboolean      ml_concentration_is_valid  (double        mm);
gboolean      ml_permeability_is_valid   (double        cm_s);

/* Roles.  ml_ion_role_for() matches the name without regard to case and
 * needs the role's own valence: a "Ca" of valence +1 is ML_ION_ROLE_OTHER. */
MlIonRole     ml_ion_role_for            (const char   *name,
                                          int           z);
/* "K", "Na", "Cl", "Ca"; NULL for ML_ION_ROLE_OTHER. */
const char   *ml_ion_role_get_name       (MlIonRole     role);
/* +1, +1, −1, +2; 0 for ML_ION_ROLE_OTHER. */
int           ml_ion_role_get_valence    (MlIonRole     role);
/* The spelling a cell stores: "K" for "k" or "K", @name itself for a name
 * the app does not know. */
const char   *ml_ion_canonical_name      (const char   *name);

G_END_DECLS

G_BEGIN_DECLS

/* What differs between two cells: NULL when equal, else the parameter id
 * ("temperature", "K.in", "K.enabled", "kcc2.imax") or one of the
 * ML_CELL_CHANGE_* words ("many" when more than one thing differs), the
 * same names the "changed" signal's detail gives. */
char         *ml_cell_difference         (MlCell       *a,
                                          MlCell       *b);

G_END_DECLS
