/* fuzz-scenario.c — libFuzzer target for the .membrane loader and writer
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario may come from anywhere, so every byte sequence must either load
 * or be refused cleanly.  For each input this checks the loader's promises:
 * a refused file leaves the cell exactly as it was and says why in a short
 * readable message; a loaded one saves and loads back to the same cell and
 * the same bytes; and the solver gives finite numbers for whatever loaded.
 *
 * Built with -fsanitize=fuzzer it is a fuzzer; built with fuzz-main.c it
 * replays the corpus as a regression test.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ml-cell.h"
#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-solution.h"

/* Longer than any message the loader means to write (it cuts quotes to
 * ML_TEXT_QUOTE_MAX_BYTES), short enough for a dialog. */
#define ERROR_MAX_BYTES 400

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Loaded once: every input starts from this cell, and a preset rather than
 * the default so that "untouched" is checked against a cell with four ions,
 * a description and a source. */
static MlCell *reference_cell;

static void G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
fail (const char *format,
      ...)
{
  va_list args;

  fputs ("fuzz-scenario: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

static void
check_finite (const char *what,
              guint       index,
              double      value)
{
  if (!isfinite (value))
    fail ("solution field %s (ion %u) is %g", what, index, value);
}

/* Every double of MlSolution, as ml-solution.h promises. */
static void
check_solution (const MlSolution *sol)
{
  const struct { const char *what; double value; } top[] = {
    { "temperature_c", sol->temperature_c },
    { "temperature_k", sol->temperature_k },
    { "rt_over_f_mv", sol->rt_over_f_mv },
    { "vm_mv", sol->vm_mv },
    { "vm_rest_mv", sol->vm_rest_mv },
    { "vm_ghk_mv", sol->vm_ghk_mv },
    { "vm_formula_mv", sol->vm_formula_mv },
    { "pump_ratio", sol->pump_ratio },
    { "pump_q10_factor", sol->pump_q10_factor },
    { "pump_current_ua_cm2", sol->pump_current_ua_cm2 },
    { "pump_contribution_mv", sol->pump_contribution_mv },
    { "net_current_ua_cm2", sol->net_current_ua_cm2 },
    { "radius_um", sol->radius_um },
    { "capacitance_uf_cm2", sol->capacitance_uf_cm2 },
    { "charge.area_cm2", sol->charge.area_cm2 },
    { "charge.volume_l", sol->charge.volume_l },
    { "charge.charge_c", sol->charge.charge_c },
    { "charge.ions_moved", sol->charge.ions_moved },
    { "charge.fraction", sol->charge.fraction },
  };

  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    check_finite (top[i].what, 0, top[i].value);

  if (sol->n_ions > ML_MAX_IONS)
    fail ("solution has %u ions, more than %d", sol->n_ions, ML_MAX_IONS);
  for (guint i = 0; i < sol->n_ions; i++)
    {
      const MlIonResult *r = &sol->ions[i];

      check_finite ("ion.c_in", i, r->ion.c_in);
      check_finite ("ion.c_out", i, r->ion.c_out);
      check_finite ("ion.p", i, r->ion.p);
      check_finite ("nernst_mv", i, r->nernst_mv);
      check_finite ("driving_force_mv", i, r->driving_force_mv);
      check_finite ("current_ua_cm2", i, r->current_ua_cm2);
      check_finite ("delta_g_chemical", i, r->delta_g_chemical);
      check_finite ("delta_g_electrical", i, r->delta_g_electrical);
      check_finite ("delta_g_total", i, r->delta_g_total);
      check_finite ("p_relative", i, r->p_relative);
    }
}

static void
check_error (const GError *error)
{
  gsize len;

  if (error == NULL)
    fail ("load failed without an error");
  if (error->message == NULL || error->message[0] == '\0')
    fail ("load failed with an empty message");
  len = strlen (error->message);
  if (!g_utf8_validate (error->message, len, NULL))
    fail ("error message is not valid UTF-8");
  if (len > ERROR_MAX_BYTES)
    fail ("error message is %" G_GSIZE_FORMAT " bytes, more than %d", len, ERROR_MAX_BYTES);
}

/* A loaded cell saves, and the saved text loads back to the same cell and
 * saves to the same bytes: otherwise a user's file drifts each time it is
 * opened and saved. */
static void
check_round_trip (MlCell *cell)
{
  g_autoptr(MlCell) back = ml_cell_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  gsize length1 = 0, length2 = 0;

  text1 = ml_scenario_to_data (cell, &length1);
  if (text1 == NULL)
    fail ("ml_scenario_to_data returned NULL for a loaded cell");
  if (length1 != strlen (text1))
    fail ("ml_scenario_to_data length %" G_GSIZE_FORMAT " is not the text's %" G_GSIZE_FORMAT,
          length1, strlen (text1));

  if (!ml_scenario_load_data (back, text1, length1, &error))
    fail ("saved text does not load again: %s\n--- saved text ---\n%s",
          error != NULL ? error->message : "(no error)", text1);
  if (!ml_cell_equal (cell, back))
    fail ("saved text loads to a different cell\n--- saved text ---\n%s", text1);

  text2 = ml_scenario_to_data (back, &length2);
  if (text2 == NULL || length1 != length2 || memcmp (text1, text2, length1) != 0)
    fail ("saving again gives other bytes\n--- first ---\n%s\n--- second ---\n%s",
          text1, text2 != NULL ? text2 : "(null)");
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
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  /* A g_return_if_fail or a setter's warning about a bad value is a bug the
   * loader let through. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* GLib stops at a fatal message with a breakpoint, which libFuzzer does
   * not catch: the process would end without saving the input. */
  signal (SIGTRAP, trap_cb);

  reference_cell = ml_cell_new ();
  if (!ml_presets_load (reference_cell, "squid-axon", &error))
    fail ("the squid-axon preset does not load: %s", error->message);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MlCell) cell = ml_cell_copy (reference_cell);
  g_autoptr(GError) error = NULL;
  MlSolution sol;

  if (!ml_scenario_load_data (cell, (const char *)data, size, &error))
    {
      if (!ml_cell_equal (cell, reference_cell))
        fail ("a refused file changed the cell (%s)", error != NULL ? error->message : "");
      check_error (error);
      return 0;
    }
  if (error != NULL)
    fail ("load succeeded but set an error: %s", error->message);

  check_round_trip (cell);

  /* All bits set is a NaN: a field the solver forgot to fill fails too. */
  memset (&sol, 0xff, sizeof sol);
  ml_cell_solve (cell, &sol);
  check_solution (&sol);
  return 0;
}
