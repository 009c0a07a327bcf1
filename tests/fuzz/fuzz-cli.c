/* fuzz-cli.c — libFuzzer target for membrane-calc's command line
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lab scripts call membrane-calc with whatever a student typed, and read its
 * exit status, its output and its one-line message.  The input is an
 * argument list, the arguments separated by NUL bytes; this runs
 * ml_cli_run() on it and checks what a script relies on: a status of 0, 1 or
 * 2, a successful result in UTF-8 without a "nan" or "inf" in it, and a
 * failure as exactly one short line naming the program.
 *
 * Built with -fsanitize=fuzzer it is a fuzzer; built with fuzz-main.c it
 * replays the corpus as a regression test.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ml-cli.h"

/* Enough for any meaningful command line; longer ones only make each run
 * slower. */
#define MAX_ARGS       32
#define MAX_ARG_BYTES  256
/* ml_cli_run cuts its messages well below this. */
#define ERROR_MAX_BYTES 400
#define ERROR_PREFIX "membrane-calc: "

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void G_GNUC_NORETURN G_GNUC_PRINTF (2, 3)
fail (char * const *argv,
      const char    *format,
      ...)
{
  va_list args;

  fputs ("fuzz-cli: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputs ("\nfuzz-cli: arguments:", stderr);
  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strescape (argv[i], NULL);

      fprintf (stderr, " \"%s\"", quoted);
    }
  fputc ('\n', stderr);
  abort ();
}

/* Options whose value may be the next argument; that argument is kept
 * even when it does not start with '-'.  --simulate's is not (only its
 * "--simulate=5min" form reaches it): a cell with an ion of 1 cm/s and one
 * of 1e-65 cm/s takes the integrator 9 s for five minutes, longer than the
 * fuzzer's timeout, which is a matter for the simulation, not for this
 * target's checks. */
static gboolean
takes_value (const char *arg)
{
  static const char * const options[] = {
    "--preset", "--temperature", "--ion", "--pump-ratio", "--pump-current", "--vm",
    "--radius", "--capacitance", "--donnan", "--donnan-closed", "--pump", "--pump-imax",
    "--sweep",
  };

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (strcmp (arg, options[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Arguments that would leave the process or touch the disk.  GOption prints
 * the help and calls exit() for --help… and for any short-option group
 * holding 'h' or '?' ("-xh" too); --save, --out, --handout, --moodle and
 * --pdf write a file; "-", "--" and anything after it are scenario file
 * names, whose loading the other target fuzzes without I/O. */
static gboolean
is_forbidden (const char *arg)
{
  if (g_str_has_prefix (arg, "--help") || g_str_has_prefix (arg, "--save")
      || g_str_has_prefix (arg, "--out") || g_str_has_prefix (arg, "--handout")
      || g_str_has_prefix (arg, "--moodle") || g_str_has_prefix (arg, "--pdf"))
    return TRUE;
  if (strcmp (arg, "--") == 0 || strcmp (arg, "-") == 0)
    return TRUE;
  if (arg[0] == '-' && arg[1] != '-' && strpbrk (arg, "h?") != NULL)
    return TRUE;
  return FALSE;
}

/* Splits the input at NUL bytes into at most MAX_ARGS arguments of at most
 * MAX_ARG_BYTES each, then drops the forbidden ones and the file names. */
static GStrv
make_args (const uint8_t *data,
           size_t         size)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = (const char *)data;
  const char *end = p + size;
  gboolean value_next = FALSE;
  guint n = 0;

  g_strv_builder_add (builder, "membrane-calc");
  while (p < end && n < MAX_ARGS)
    {
      const char *nul = memchr (p, '\0', end - p);
      gsize len = (nul != NULL ? nul : end) - p;
      g_autofree char *arg = g_strndup (p, MIN (len, MAX_ARG_BYTES));

      p += len + 1;
      n++;
      if (is_forbidden (arg))
        continue;
      if (value_next)
        value_next = FALSE;
      else if (arg[0] == '-')
        value_next = takes_value (arg);
      else
        continue;
      g_strv_builder_add (builder, arg);
    }
  return g_strv_builder_end (builder);
}

/* A letter, a digit or '_': what a name is made of.  A CSV header joins an
 * ion's name into a column's with '_' ("e_nan_mv" for an ion named "nan"),
 * and no number is ever printed against a '_'. */
static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* A token "nan", "inf" or "infinity" in any case, not part of a longer word
 * (a name such as "e_nan_mv" included).
 * Three places print such a word legitimately, and none is a number: a
 * quoted JSON string ("+inf" as a Nernst state, or an ion named "Inf"), an
 * ion's label in the table, which is always followed by its charge (⁺, ⁻
 * or ²), and a parameter id of an ion named so ("nan.in").  No number is
 * ever printed in any of these forms. */
static const char *
find_bare_nan_inf (const char *text)
{
  static const char * const words[] = { "infinity", "nan", "inf" };

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p > text && is_word_char (p[-1]))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        {
          gsize len = strlen (words[i]);
          const char *after = p + len;
          const char *before = p;

          if (g_ascii_strncasecmp (p, words[i], len) != 0 || is_word_char (*after))
            continue;
          if (before > text && (before[-1] == '+' || before[-1] == '-'))
            before--;
          if (before > text && before[-1] == '"' && *after == '"')
            break;
          if (g_str_has_prefix (after, "⁺") || g_str_has_prefix (after, "⁻")
              || g_str_has_prefix (after, "²"))
            break;
          if (after[0] == '.' && g_ascii_isalpha (after[1]))
            break;
          return p;
        }
    }
  return NULL;
}

static void
check_success (char * const  *argv,
               const GString *out,
               const GString *err)
{
  const char *bad;

  if (err->len != 0)
    fail (argv, "status 0 with a message: %s", err->str);
  if (out->len == 0)
    fail (argv, "status 0 with no output");
  if (!g_utf8_validate (out->str, out->len, NULL))
    fail (argv, "output is not valid UTF-8");
  bad = find_bare_nan_inf (out->str);
  if (bad != NULL)
    fail (argv, "output holds a bare nan or inf at byte %td:\n%s", bad - out->str, out->str);
}

/* One line a script can print or match: the program's name, a readable
 * length, and no control character but the closing newline. */
static void
check_failure (char * const  *argv,
               int            status,
               const GString *out,
               const GString *err)
{
  if (out->len != 0)
    fail (argv, "status %d with output as well:\n%s", status, out->str);
  if (!g_str_has_prefix (err->str, ERROR_PREFIX))
    fail (argv, "status %d, the message does not start with \"" ERROR_PREFIX "\": %s",
          status, err->str);
  if (err->len > ERROR_MAX_BYTES)
    fail (argv, "status %d, the message is %" G_GSIZE_FORMAT " bytes: %s",
          status, err->len, err->str);
  if (!g_utf8_validate (err->str, err->len, NULL))
    fail (argv, "status %d, the message is not valid UTF-8", status);
  if (err->str[err->len - 1] != '\n')
    fail (argv, "status %d, the message does not end in a newline: %s", status, err->str);
  for (gsize i = 0; i + 1 < err->len; i++)
    if ((guchar)err->str[i] < 0x20 || err->str[i] == 0x7f)
      fail (argv, "status %d, the message holds control character 0x%02x at byte %"
            G_GSIZE_FORMAT ": %s", status, (guchar)err->str[i], i, err->str);
}

static void
trap_cb (int signum)
{
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  /* A g_return_if_fail or a setter's warning about a bad value is a bug the
   * argument checks let through. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* GLib stops at a fatal message with a breakpoint, which libFuzzer does
   * not catch: the process would end without saving the input. */
  signal (SIGTRAP, trap_cb);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) args = make_args (data, size);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  /* GOption reorders the vector it parses; hand it a copy so that args
   * still frees every string. */
  char *argv[MAX_ARGS + 2];
  int argc = (int)g_strv_length (args);
  int status;

  memcpy (argv, args, (argc + 1) * sizeof (char *));
  status = ml_cli_run (argc, argv, out, err);

  switch (status)
    {
    case 0:
      check_success (args, out, err);
      break;
    case 1:
    case 2:
      check_failure (args, status, out, err);
      break;
    default:
      fail (args, "exit status %d", status);
    }
  return 0;
}
