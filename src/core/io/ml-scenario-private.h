/* ml-scenario-private.h — names shared by the scenario reader and writer
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ml-params.h"

#define GROUP_MEMBRANE ML_GROUP_MEMBRANE
#define GROUP_PUMP     ML_GROUP_PUMP
#define GROUP_GEOMETRY ML_GROUP_GEOMETRY
#define GROUP_MEASURED "Measured"
#define KEY_MEASURED_PARAMETER "Parameter"
#define KEY_MEASURED_VALUES    "Values"
#define KEY_MEASURED_VM        "Vm"
#define ION_PREFIX     ML_ION_GROUP_PREFIX

/* The keys that are not a cell's parameters; those are in the parameter
 * table (ml-params.c), with their groups and ranges. */
#define KEY_VERSION     "Version"
#define KEY_NAME        "Name"
#define KEY_DESCRIPTION "Description"
#define KEY_SOURCE      "Source"
#define KEY_VALENCE     "Valence"
#define KEY_PUMP_MODE   "Mode"
/* [Membrane] Fit: the parameters fitted at load so that the cell is a
 * steady state (ml-steady-state.h), separated by ";".  Read, never
 * written: a saved file holds the fitted numbers. */
#define KEY_FIT         "Fit"
