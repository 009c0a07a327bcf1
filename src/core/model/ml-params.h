/* ml-params.h — the one table of a cell's parameters
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number a user can set on a cell is described here once: its stable
 * id, where a scenario file keeps it, its unit, the values a file or the
 * command line may give, its default, how a slider shows it and its label.
 * The scenario reader and writer, membrane-calc and MlCell's checks read
 * this table, so a range is never written twice; the GUI's controls can ask
 * it the same way.
 *
 * The table knows no cell: reading and setting a cell's values by id is
 * ml-cell-params.c, which joins table, mechanisms and cell.
 *
 * Ids are ASCII and stable (scripts use them): "temperature", "pump.ratio",
 * … for the cell, and NAME.in, NAME.out, NAME.p, NAME.enabled for each ion
 * ("K.in").  Ion names hold only letters and digits, so the last dot
 * divides the name from the field.
 */
#pragma once

#include <glib.h>

#include "ml-species.h"

G_BEGIN_DECLS

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

/* The values below are read from and written to a cell (ml-cell-params.c). */
typedef struct _MlCell MlCell;

/* Where a scenario file keeps the table's values: the groups of the whole
 * cell, an ion's ("[Ion K]") and a mechanism's ("[Mechanism kcc2]"). */
#define ML_GROUP_MEMBRANE     "Membrane"
#define ML_GROUP_PUMP         "Pump"
#define ML_GROUP_GEOMETRY     "Geometry"
#define ML_ION_GROUP_PREFIX   "Ion "
#define ML_MECHANISM_GROUP_PREFIX "Mechanism "

/* Which parameter; also its place in the table. */
typedef enum
{
  ML_PARAM_TEMPERATURE,
  ML_PARAM_PUMP_RATIO,
  ML_PARAM_PUMP_CURRENT,
  ML_PARAM_PUMP_MAX_CURRENT,
  ML_PARAM_PUMP_Q10,
  ML_PARAM_PUMP_T_REF,
  ML_PARAM_RADIUS,
  ML_PARAM_CAPACITANCE,
  ML_PARAM_ION_C_IN,
  ML_PARAM_ION_C_OUT,
  ML_PARAM_ION_P,
  ML_PARAM_ION_ENABLED,
  ML_N_PARAMS,
  /* Not in the fixed table: a parameter of a mechanism class, described by
   * the class itself (ml-mechanism.h); ml_params_get() finds it by its id
   * ("kcc2.imax") all the same. */
  ML_PARAM_MECHANISM = ML_N_PARAMS + 1,
} MlParamKind;

typedef enum
{
  ML_PARAM_FLAG_NONE            = 0,
  ML_PARAM_FLAG_PER_ION         = 1 << 0, /* one for each ion */
  ML_PARAM_FLAG_BOOLEAN         = 1 << 1, /* true or false, as 1 and 0 */
  ML_PARAM_FLAG_MIN_OPEN        = 1 << 2, /* min itself is refused: min < v ≤ max */
  ML_PARAM_FLAG_LOG             = 1 << 3, /* a slider for it is logarithmic */
  ML_PARAM_FLAG_REQUIRED        = 1 << 4, /* a scenario file must give it */
  /* MlCell keeps any finite value and the solver reports what is beyond
   * the range (a temperature at or below 0 K); the range is what a file
   * or the command line may give. */
  ML_PARAM_FLAG_CELL_ANY_FINITE = 1 << 5,
} MlParamFlags;

typedef struct
{
  MlParamKind   kind;
  /* The whole id for a cell's parameter ("pump.ratio"); for a per-ion one
   * the part after the ion's name (".in"): use ml_param_dup_id(). */
  const char   *id;
  /* The scenario file's group and key; for a per-ion parameter the group
   * is "Ion " followed by the ion's name: use ml_param_dup_group(). */
  const char   *group;
  const char   *key;
  const char   *unit;          /* a symbol, never translated; NULL when none */
  double        min;
  double        max;
  double        default_value; /* of a new cell; 0 for per-ion numbers */
  double        slider_min;    /* the span a slider covers; a file may hold more */
  double        slider_max;
  MlParamFlags  flags;
  const char   *label;         /* N_(): show it with ml_param_get_label() */
  const char   *property;      /* MlCell's property, for binding; NULL per ion */
  MlIonField    ion_field;     /* for the per-ion numbers */
  /* For ML_PARAM_MECHANISM: the class's id and the value's index in an
   * instance's values[]. */
  const char   *mechanism;
  guint         slot;
} MlParam;

/* Every parameter: for (k = 0; k < ML_N_PARAMS; k++) ml_params_get_kind (k). */
const MlParam *ml_params_get_kind          (MlParamKind     kind);
/* The parameter an id names ("temperature", "K.in"), or NULL. */
const MlParam *ml_params_get               (const char     *id);
/* The same, and for a per-ion id the ion's name (NUL-terminated, as
 * written) in @ion_name, which may be NULL. */
const MlParam *ml_params_parse_id          (const char     *id,
                                            char           *ion_name,
                                            gsize           ion_name_size);
const MlParam *ml_params_lookup_ion_field  (MlIonField      field);
/* The parameter a scenario file keeps under [@group] @key; a group
 * "Ion NAME" finds the per-ion ones.  NULL for other keys (Version, Name,
 * Valence, Mode …). */
const MlParam *ml_params_lookup_key        (const char     *group,
                                            const char     *key);

/* Newly allocated: "K.in" or "temperature" (@ion_name is then ignored). */
char          *ml_param_dup_id             (const MlParam  *param,
                                            const char     *ion_name);
/* Newly allocated: "Ion K" or "Membrane". */
char          *ml_param_dup_group          (const MlParam  *param,
                                            const char     *ion_name);
/* The label in the user's language. */
const char    *ml_param_get_label          (const MlParam  *param);
gboolean       ml_param_is_per_ion         (const MlParam  *param);

/* Whether a change of @id (a parameter id or an ML_CELL_CHANGE_* word) is
 * a value a slider sweeps, whose steps of one drag make one undo step and
 * one event: a number of the table, not a switch, a mode or a new set. */
gboolean       ml_params_id_is_continuous  (const char     *id);

/* Whether a file or the command line may give @value: finite and within
 * the range (above min when it is open). */
gboolean       ml_param_accepts            (const MlParam  *param,
                                            double          value);
/* Whether MlCell keeps @value: the same, or any finite value for
 * ML_PARAM_FLAG_CELL_ANY_FINITE.  MlCell's setters check with it. */
gboolean       ml_param_cell_accepts       (const MlParam  *param,
                                            double          value);
gboolean       ml_params_cell_accepts      (MlParamKind     kind,
                                            double          value);

/* The value in @cell; @ion is an index for a per-ion parameter, the
 * index of the cell's mechanism for a mechanism's, and is ignored
 * otherwise.  A boolean reads as 1 or 0. */
double         ml_param_get_value          (const MlParam  *param,
                                            MlCell         *cell,
                                            guint           ion);
/* Through the cell's setter, with its checks. */
void           ml_param_set_value          (const MlParam  *param,
                                            MlCell         *cell,
                                            guint           ion,
                                            double          value);
/* By id, for scripts: FALSE when the id is unknown, the cell holds no such
 * ion, or (setting) ml_param_accepts() refuses the value. */
gboolean       ml_params_get_value         (MlCell         *cell,
                                            const char     *id,
                                            double         *value);
gboolean       ml_params_set_value         (MlCell         *cell,
                                            const char     *id,
                                            double          value);

G_END_DECLS
