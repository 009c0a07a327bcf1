/* ml-cell.h — the model of one cell: ions, temperature, pump, geometry
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <stdbool.h>

G_BEGIN_DECLS

#define ML_MAX_IONS      8
/* Mechanisms besides the leak and the Na⁺/K⁺ pump, and values of each. */
#define ML_MAX_MECHANISMS        8
#define ML_MECHANISM_MAX_PARAMS  4
#define ML_ION_NAME_MAX  16

/* Defaults of a new cell (docs/ARCHITECTURE.md); the parameter table (ml-params.h)
 * gives these as its defaults too. */
#define ML_DEFAULT_TEMPERATURE_C   37.0
#define ML_DEFAULT_RADIUS_UM       10.0
#define ML_DEFAULT_CAPACITANCE     1.0   /* µF/cm² */
#define ML_DEFAULT_PUMP_RATIO      1.5   /* 3 Na⁺ : 2 K⁺ */
#define ML_DEFAULT_PUMP_CURRENT    0.5   /* µA/cm² at the reference temperature */
/* Ī_NaK of Luo & Rudy (1994), Circ. Res. 74:1071, 1.5 µA/µF: with 1 µF/cm²
 * the same number in µA/cm².  The presets carry their own value. */
#define ML_DEFAULT_PUMP_MAX_CURRENT 1.5
#define ML_DEFAULT_PUMP_Q10        2.4
#define ML_DEFAULT_PUMP_T_REF_C    37.0

typedef enum
{
  ML_PUMP_OFF,      /* blocked (ouabain) or absent */
  ML_PUMP_RATIO,    /* steady state with coupling ratio r (Mullins–Noda) */
  ML_PUMP_CURRENT,  /* explicit outward current density, scaled by Q10 */
  ML_PUMP_KINETIC,  /* 3:2, rate from Na⁺ inside, K⁺ outside and V (ml-pump.h) */
} MlPumpMode;

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
