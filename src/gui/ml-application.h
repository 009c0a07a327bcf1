/* ml-application.h — the application: actions, options, windows
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ML_TYPE_APPLICATION (ml_application_get_type ())
G_DECLARE_FINAL_TYPE (MlApplication, ml_application, ML, APPLICATION, AdwApplication)

MlApplication *ml_application_new             (void);
/* Non-zero when a screenshot run failed. */
int            ml_application_get_exit_status (MlApplication *self);

G_END_DECLS
