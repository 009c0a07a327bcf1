/* ml-scenario-private.h — names shared by the scenario reader and writer
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define GROUP_MEMBRANE "Membrane"
#define GROUP_PUMP     "Pump"
#define GROUP_GEOMETRY "Geometry"
#define ION_PREFIX     "Ion "
