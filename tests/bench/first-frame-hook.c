/* first-frame-hook.c — an LD_PRELOAD module that reports a GTK program's
 * first frame, for bench-startup.py
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmark compares membrane-lab with a bare window without changing
 * either program, so both get the same hook from outside: this module wraps
 * g_signal_new() (GTK calls it through the PLT, so the wrapper sees every
 * signal GTK creates) and puts emission hooks on GdkSurface::render and
 * GdkFrameClock::after-paint.  The first after-paint that follows a render
 * is the end of the first frame that drew something: the module then writes
 *
 *   first-frame MONOTONIC_USEC VMRSS_KB
 *
 * to the file descriptor named by $ML_BENCH_FRAME_FD and removes its hooks.
 * Without that variable it does nothing but forward g_signal_new().  With
 * $ML_BENCH_EXIT_AT_FIRST_FRAME set too, the process ends right there, so
 * that `valgrind --tool=callgrind` counts the instructions of the start
 * alone (a count, unlike a time, does not depend on what else the machine
 * does):
 *
 *   ML_BENCH_FRAME_FD=2 ML_BENCH_EXIT_AT_FIRST_FRAME=1 \
 *   LD_PRELOAD=…/libfirst-frame-hook.so valgrind --tool=callgrind \
 *     --callgrind-out-file=/dev/null --trace-children=no PROGRAM
 */
#include <glib-object.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static gboolean seen_render;
static gboolean reported;

static long
vm_rss_kb (void)
{
  FILE *f = fopen ("/proc/self/status", "r");
  char line[256];
  long kb = -1;

  if (f == NULL)
    return -1;
  while (fgets (line, sizeof line, f) != NULL)
    if (strncmp (line, "VmRSS:", 6) == 0)
      {
        kb = strtol (line + 6, NULL, 10);
        break;
      }
  fclose (f);
  return kb;
}

static gboolean
render_hook (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               data)
{
  seen_render = TRUE;
  return FALSE;
}

static gboolean
after_paint_hook (GSignalInvocationHint *hint,
                  guint                  n_params,
                  const GValue          *params,
                  gpointer               data)
{
  const char *fd_text;
  char line[96];
  int fd, n;

  if (!seen_render || reported)
    return TRUE;
  reported = TRUE;

  fd_text = g_getenv ("ML_BENCH_FRAME_FD");
  fd = fd_text != NULL ? atoi (fd_text) : -1;
  n = snprintf (line, sizeof line, "first-frame %" G_GINT64_FORMAT " %ld\n",
                g_get_monotonic_time (), vm_rss_kb ());
  if (fd >= 0 && write (fd, line, n) != n)
    perror ("first-frame-hook");
  if (fd >= 0 && fd != STDERR_FILENO)
    close (fd);
  if (g_getenv ("ML_BENCH_EXIT_AT_FIRST_FRAME") != NULL)
    _exit (0);
  return FALSE;
}

static void
maybe_hook (guint        signal_id,
            const gchar *name,
            GType        itype)
{
  const char *type_name;

  if (signal_id == 0 || g_getenv ("ML_BENCH_FRAME_FD") == NULL)
    return;
  type_name = g_type_name (itype);
  if (g_strcmp0 (type_name, "GdkFrameClock") == 0 && strcmp (name, "after-paint") == 0)
    g_signal_add_emission_hook (signal_id, 0, after_paint_hook, NULL, NULL);
  else if (g_strcmp0 (type_name, "GdkSurface") == 0 && strcmp (name, "render") == 0)
    g_signal_add_emission_hook (signal_id, 0, render_hook, NULL, NULL);
}

/* The same as GLib's own g_signal_new(), plus the hooks. */
guint
g_signal_new (const gchar        *signal_name,
              GType               itype,
              GSignalFlags        signal_flags,
              guint               class_offset,
              GSignalAccumulator  accumulator,
              gpointer            accu_data,
              GSignalCMarshaller  c_marshaller,
              GType               return_type,
              guint               n_params,
              ...)
{
  va_list args;
  guint signal_id;

  g_return_val_if_fail (signal_name != NULL, 0);

  va_start (args, n_params);
  signal_id = g_signal_new_valist (signal_name, itype, signal_flags,
                                   class_offset ? g_signal_type_cclosure_new (itype, class_offset) : NULL,
                                   accumulator, accu_data, c_marshaller,
                                   return_type, n_params, args);
  va_end (args);

  maybe_hook (signal_id, signal_name, itype);
  return signal_id;
}
