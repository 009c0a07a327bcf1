/* main.c — the entry point of membrane-lab
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "membrane-lab"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ml-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MlApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ML_LOCALEDIR") != NULL ? g_getenv ("ML_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ml_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : ml_application_get_exit_status (app);
}
