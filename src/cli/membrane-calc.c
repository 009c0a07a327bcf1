/* membrane-calc.c — the entry point of membrane-calc
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sets up the locale and prints what ml_cli_run() wrote; the program itself
 * is in ml-cli.c.
 */
#define G_LOG_DOMAIN "membrane-calc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>

#include "ml-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  const char *localedir;
  int status;

  setlocale (LC_ALL, "");
  /* ML_LOCALEDIR lets the tests use the build's catalogues. */
  localedir = g_getenv ("ML_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  status = ml_cli_run (argc, argv, out, err);

  /* fputs, not g_print: the output is UTF-8 already and JSON must not be
   * converted to the locale's charset. */
  fputs (out->str, stdout);
  if (fflush (stdout) != 0 && status == 0)
    status = 1;
  fputs (err->str, stderr);
  return status;
}
