/* ml-widgets.h — small helpers for the widgets the app builds in code
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A button with a mnemonic ("_Check") whose accessible name is its text
 * ("Check"): GTK 4.8 reads such a button as its raw label and its text
 * together ("_Check Check"). */
GtkWidget *ml_button_new_with_mnemonic (const char *mnemonic);

G_END_DECLS
