/* ml-widgets.c — small helpers for the widgets the app builds in code
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ml-widgets.h"

GtkWidget *
ml_button_new_with_mnemonic (const char *mnemonic)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);
  GString *name = g_string_new (NULL);

  /* "_" marks the mnemonic; "__" is a literal underscore. */
  for (const char *p = mnemonic; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (name, *p);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name->str, -1);
  g_string_free (name, TRUE);
  return button;
}
