/* ml-donnan-view.h — the two compartments of a Donnan equilibrium, drawn
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ml-physics.h"

G_BEGIN_DECLS

#define ML_TYPE_DONNAN_VIEW (ml_donnan_view_get_type ())
G_DECLARE_FINAL_TYPE (MlDonnanView, ml_donnan_view, ML, DONNAN_VIEW, GtkWidget)

GtkWidget   *ml_donnan_view_new                (void);

/* What to draw: the core's @result (NULL when it is undefined), the
 * impermeant anion inside (@anion_mm, @valence −1 or −2) and whether the
 * outside is a closed compartment rather than an open bath.  The view
 * computes nothing itself. */
void         ml_donnan_view_set_result         (MlDonnanView   *self,
                                                const MlDonnan *result,
                                                double          anion_mm,
                                                int             valence,
                                                gboolean        closed);

/* The accessible description: the picture in words, with its numbers. */
const char  *ml_donnan_view_get_description    (MlDonnanView   *self);

/* The smallest font size in px the last drawing used, subscripts included
 * (0 before the first drawing), for tests of the CSS text floor. */
double       ml_donnan_view_get_smallest_text  (MlDonnanView   *self);

/* V_in − V_out as the picture and the description write it: "−15.2 mV". */
char        *ml_donnan_view_format_mv          (double          mv);

G_END_DECLS
