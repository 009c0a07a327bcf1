/* fuzz-main.c — replays a fuzz corpus without libFuzzer
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with a fuzz target in the ordinary build, so that every input a
 * fuzzer ever found interesting (and every crash it found, once fixed) runs
 * in the core and cli test suites with any compiler, under ASan too.
 * Arguments are files or folders; a folder's files run in name order so a
 * failure is reproducible.  A failing input aborts the process, after the
 * line naming it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

/* Weak so that a target without an initializer links too. */
int LLVMFuzzerInitialize (int    *argc,
                          char ***argv) __attribute__ ((weak));
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static gboolean
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "fuzz-main: %s\n", error->message);
      return FALSE;
    }
  /* Said before the run: a crash leaves this as the last line. */
  printf ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const uint8_t *)contents, length);
  return TRUE;
}

static gboolean
run_folder (const char *path,
            guint      *n_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      fprintf (stderr, "fuzz-main: %s\n", error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        continue;
      if (!run_file (file))
        return FALSE;
      (*n_run)++;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n_run = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE-OR-FOLDER…\n", argv[0]);
      return 2;
    }

  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    {
      gboolean ok;

      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        ok = run_folder (argv[i], &n_run);
      else
        {
          ok = run_file (argv[i]);
          n_run++;
        }
      if (!ok)
        return 1;
    }

  /* An empty corpus would pass without testing anything. */
  if (n_run == 0)
    {
      fprintf (stderr, "fuzz-main: no inputs in the arguments\n");
      return 1;
    }
  printf ("%u inputs passed\n", n_run);
  return 0;
}
