/* membrane-calc.c — the calculation core from the command line
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lab handouts and scripts call this with a preset, a scenario file or a list
 * of ions and read either a table or one JSON object.  It parses and checks
 * the arguments, builds an MlCell, and prints what ml_cell_solve() returns:
 * no physics is computed here, so the numbers match the GUI's exactly.
 *
 * Exit status: 0 on success (an undefined potential is a result, reported as
 * "condition"), 2 for bad input with one line on stderr, 1 only when the
 * program itself is broken (a shipped preset fails to load).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ml-cell.h"
#include "ml-cli-output.h"
#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-solution.h"

#define EXIT_BAD_INPUT 2
#define EXIT_INTERNAL  1

/* Ranges of the inputs: the same as the scenario format (FORMAT.md) so a
 * command line and a saved file accept the same cells.  A temperature at
 * absolute zero is accepted on purpose: the core reports it as a condition. */
#define T_MIN_C        (-273.15)
#define T_MAX_C        1000.0
#define C_MAX_MM       1e5
#define P_MAX_CM_S     1.0
#define VM_LIMIT_MV    10000.0
#define PUMP_I_LIMIT   1000.0

typedef struct
{
  char     *preset;
  gboolean  list_presets;
  char     *temperature;
  char    **ions;
  char     *pump_ratio;
  char     *pump_current;
  char     *vm;
  char     *radius;
  char     *capacitance;
  char     *donnan;
  gboolean  json;
  char    **files;
} Options;

typedef struct
{
  gboolean     has_temperature;
  double       temperature;
  GArray      *ions;          /* MlIon */
  gboolean     has_pump_ratio;
  double       pump_ratio;
  gboolean     has_pump_current;
  double       pump_current;
  gboolean     has_vm;
  double       vm;
  gboolean     has_radius;
  double       radius;
  gboolean     has_capacitance;
  double       capacitance;
  gboolean     has_donnan;
  MlCliDonnan  donnan;
} Request;

static void
options_clear (Options *opt)
{
  g_clear_pointer (&opt->preset, g_free);
  g_clear_pointer (&opt->temperature, g_free);
  g_clear_pointer (&opt->ions, g_strfreev);
  g_clear_pointer (&opt->pump_ratio, g_free);
  g_clear_pointer (&opt->pump_current, g_free);
  g_clear_pointer (&opt->vm, g_free);
  g_clear_pointer (&opt->radius, g_free);
  g_clear_pointer (&opt->capacitance, g_free);
  g_clear_pointer (&opt->donnan, g_free);
  g_clear_pointer (&opt->files, g_strfreev);
}

static void
set_bad_value (GError     **error,
               const char  *format,
               ...) G_GNUC_PRINTF (2, 3);

static void
set_bad_value (GError     **error,
               const char  *format,
               ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
}

/* ------------------------------------------------------------------------ */
/* Strict parsing                                                           */

/* A whole string that is a finite number in C syntax, whatever the locale:
 * "5x", "", " 5", "nan" and "inf" are all refused. */
static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || errno == ERANGE || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* @context names the argument ("--temperature" or "--ion “K,1,5,5,1”"),
 * @what the field inside it (NULL for a single-valued option). */
static gboolean
parse_number (const char  *text,
              const char  *context,
              const char  *what,
              double       min,
              double       max,
              const char  *unit,
              double      *out,
              GError     **error)
{
  double v;

  if (!parse_double (text, &v))
    {
      if (what != NULL)
        set_bad_value (error, _("%s: the %s “%s” is not a number"), context, what, text);
      else
        set_bad_value (error, _("%s: “%s” is not a number"), context, text);
      return FALSE;
    }
  if (v < min || v > max)
    {
      /* "from 1 to 10 mM"; a pure number (the pump ratio) has no unit. */
      g_autofree char *range = *unit != '\0'
                               ? g_strdup_printf ("%g–%g %s", min, max, unit)
                               : g_strdup_printf ("%g–%g", min, max);

      if (what != NULL)
        set_bad_value (error, _("%s: the %s must lie in the range %s, not %s"),
                       context, what, range, text);
      else
        set_bad_value (error, _("%s must lie in the range %s, not %s"), context, range, text);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
parse_valence (const char  *text,
               const char  *context,
               int          min,
               int          max,
               int         *out,
               GError     **error)
{
  gint64 v = 0;

  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &v, NULL)
      || v < min || v > max || v == 0)
    {
      if (min < 0 && max > 0)
        set_bad_value (error, _("%s: the valence must be 1, 2, -1 or -2, not “%s”"),
                       context, text);
      else
        set_bad_value (error, _("%s: the valence must be -1 or -2, not “%s”"),
                       context, text);
      return FALSE;
    }
  *out = (int)v;
  return TRUE;
}

static gboolean
ion_name_is_valid (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len >= ML_ION_NAME_MAX)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* NAME,Z,CIN,COUT,P */
static gboolean
parse_ion (const char  *arg,
           MlIon       *ion,
           GError     **error)
{
  g_auto(GStrv) fields = g_strsplit (arg, ",", -1);
  g_autofree char *context = g_strdup_printf ("--ion “%s”", arg);
  guint n = g_strv_length (fields);

  if (n != 5)
    {
      set_bad_value (error, _("%s: expected 5 comma-separated fields NAME,Z,CIN,COUT,P, got %u"),
                     context, n);
      return FALSE;
    }

  memset (ion, 0, sizeof *ion);
  if (!ion_name_is_valid (fields[0]))
    {
      set_bad_value (error, _("%s: the name “%s” must be 1 to %d letters or digits"),
                     context, fields[0], ML_ION_NAME_MAX - 1);
      return FALSE;
    }
  g_strlcpy (ion->name, fields[0], sizeof ion->name);
  ion->enabled = TRUE;

  return parse_valence (fields[1], context, -2, 2, &ion->z, error)
         && parse_number (fields[2], context, _("inside concentration"), 0.0, C_MAX_MM,
                          "mM", &ion->c_in, error)
         && parse_number (fields[3], context, _("outside concentration"), 0.0, C_MAX_MM,
                          "mM", &ion->c_out, error)
         && parse_number (fields[4], context, _("permeability"), 0.0, P_MAX_CM_S,
                          "cm/s", &ion->p, error);
}

/* A,ZA,BATH */
static gboolean
parse_donnan (const char  *arg,
              Request     *req,
              GError     **error)
{
  g_auto(GStrv) fields = g_strsplit (arg, ",", -1);
  g_autofree char *context = g_strdup_printf ("--donnan “%s”", arg);
  guint n = g_strv_length (fields);

  if (n != 3)
    {
      set_bad_value (error, _("%s: expected 3 comma-separated fields A,ZA,BATH, got %u"),
                     context, n);
      return FALSE;
    }
  if (!parse_number (fields[0], context, _("impermeant anion concentration"), 0.0, C_MAX_MM,
                     "mM", &req->donnan.a_mm, error)
      || !parse_valence (fields[1], context, -2, -1, &req->donnan.z_a, error)
      || !parse_number (fields[2], context, _("bath KCl concentration"), 0.0, C_MAX_MM,
                        "mM", &req->donnan.bath_mm, error))
    return FALSE;
  if (req->donnan.bath_mm <= 0.0)
    {
      set_bad_value (error, _("%s: the bath KCl concentration must be above 0 mM"), context);
      return FALSE;
    }
  req->has_donnan = TRUE;
  return TRUE;
}

static gboolean
parse_request (const Options  *opt,
               Request        *req,
               GError        **error)
{
  if (opt->files != NULL && g_strv_length (opt->files) > 1)
    {
      set_bad_value (error, _("only one scenario file can be given, not %u"),
                     g_strv_length (opt->files));
      return FALSE;
    }
  if (opt->files != NULL && opt->preset != NULL)
    {
      set_bad_value (error, _("--preset and a scenario file cannot be used together"));
      return FALSE;
    }
  if (opt->pump_ratio != NULL && opt->pump_current != NULL)
    {
      set_bad_value (error, _("--pump-ratio and --pump-current cannot be used together"));
      return FALSE;
    }

  if (opt->temperature != NULL)
    {
      if (!parse_number (opt->temperature, "--temperature", NULL, T_MIN_C, T_MAX_C, "°C",
                         &req->temperature, error))
        return FALSE;
      req->has_temperature = TRUE;
    }

  for (guint i = 0; opt->ions != NULL && opt->ions[i] != NULL; i++)
    {
      MlIon ion;

      if (!parse_ion (opt->ions[i], &ion, error))
        return FALSE;
      g_array_append_val (req->ions, ion);
    }

  if (opt->pump_ratio != NULL)
    {
      if (!parse_number (opt->pump_ratio, "--pump-ratio", NULL, 1.0, 10.0, "",
                         &req->pump_ratio, error))
        return FALSE;
      req->has_pump_ratio = TRUE;
    }
  if (opt->pump_current != NULL)
    {
      if (!parse_number (opt->pump_current, "--pump-current", NULL, -PUMP_I_LIMIT, PUMP_I_LIMIT,
                         "µA/cm²", &req->pump_current, error))
        return FALSE;
      req->has_pump_current = TRUE;
    }
  if (opt->vm != NULL)
    {
      if (!parse_number (opt->vm, "--vm", NULL, -VM_LIMIT_MV, VM_LIMIT_MV, "mV",
                         &req->vm, error))
        return FALSE;
      req->has_vm = TRUE;
    }
  if (opt->radius != NULL)
    {
      if (!parse_number (opt->radius, "--radius", NULL, 1e-3, 1e5, "µm", &req->radius, error))
        return FALSE;
      req->has_radius = TRUE;
    }
  if (opt->capacitance != NULL)
    {
      if (!parse_number (opt->capacitance, "--capacitance", NULL, 1e-3, 100.0, "µF/cm²",
                         &req->capacitance, error))
        return FALSE;
      req->has_capacitance = TRUE;
    }
  if (opt->donnan != NULL && !parse_donnan (opt->donnan, req, error))
    return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Building the cell                                                        */

static MlCell *
build_cell (const Options  *opt,
            const Request  *req,
            int            *exit_status,
            GError        **error)
{
  g_autoptr(MlCell) cell = ml_cell_new ();

  *exit_status = EXIT_BAD_INPUT;

  if (opt->files != NULL && opt->files[0] != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (opt->files[0]);
      g_autoptr(GError) local_error = NULL;

      if (!ml_scenario_load_file (cell, file, NULL, &local_error))
        {
          set_bad_value (error, _("cannot load “%s”: %s"), opt->files[0],
                         local_error != NULL ? local_error->message : _("unknown error"));
          return NULL;
        }
    }
  else if (opt->preset != NULL || req->ions->len == 0)
    {
      const char *id = opt->preset != NULL ? opt->preset : ML_PRESET_DEFAULT;
      g_autoptr(GError) local_error = NULL;

      if (!ml_presets_exists (id))
        {
          set_bad_value (error, _("--preset: unknown preset “%s”; --list-presets lists the names"),
                         id);
          return NULL;
        }
      if (!ml_presets_load (cell, id, &local_error))
        {
          /* The preset ships with the program: this is our bug, not bad input. */
          *exit_status = EXIT_INTERNAL;
          set_bad_value (error, _("the preset “%s” does not load: %s"), id,
                         local_error != NULL ? local_error->message : _("unknown error"));
          return NULL;
        }
    }
  /* else: only --ion options, the cell holds exactly those ions. */

  ml_cell_begin_batch (cell);
  if (req->has_temperature)
    ml_cell_set_temperature (cell, req->temperature);
  for (guint i = 0; i < req->ions->len; i++)
    {
      const MlIon *ion = &g_array_index (req->ions, MlIon, i);

      if (ml_cell_set_ion (cell, ion) < 0)
        {
          ml_cell_end_batch (cell);
          set_bad_value (error, _("--ion “%s”: a cell holds at most %d ions"), ion->name,
                         ML_MAX_IONS);
          return NULL;
        }
    }
  if (req->has_pump_ratio)
    {
      ml_cell_set_pump_ratio (cell, req->pump_ratio);
      ml_cell_set_pump_mode (cell, ML_PUMP_RATIO);
    }
  if (req->has_pump_current)
    {
      ml_cell_set_pump_current (cell, req->pump_current);
      ml_cell_set_pump_mode (cell, ML_PUMP_CURRENT);
    }
  if (req->has_radius)
    ml_cell_set_radius (cell, req->radius);
  if (req->has_capacitance)
    ml_cell_set_capacitance (cell, req->capacitance);
  ml_cell_end_batch (cell);

  *exit_status = 0;
  return g_steal_pointer (&cell);
}

/* ------------------------------------------------------------------------ */

static int
list_presets (void)
{
  const char * const *ids = ml_presets_list ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *name = ml_presets_get_name (ids[i]);

      if (name != NULL)
        g_print ("%s\t%s\n", ids[i], name);
      else
        g_print ("%s\n", ids[i]);
    }
  return 0;
}

/* One line, always: a loader's message may span several. */
static void
print_error (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("membrane-calc: %s\n", line);
}

int
main (int   argc,
      char *argv[])
{
  Options opt = { 0 };
  Request req = { 0 };
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &opt.preset,
      N_("Start from a shipped preset"), N_("NAME") },
    { "list-presets", 0, 0, G_OPTION_ARG_NONE, &opt.list_presets,
      N_("List the preset names and exit"), NULL },
    { "temperature", 0, 0, G_OPTION_ARG_STRING, &opt.temperature,
      N_("Temperature in °C"), N_("C") },
    { "ion", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt.ions,
      N_("Add or replace an ion: name, valence, inside mM, outside mM, permeability cm/s "
         "(repeatable)"), N_("NAME,Z,CIN,COUT,P") },
    { "pump-ratio", 0, 0, G_OPTION_ARG_STRING, &opt.pump_ratio,
      N_("Steady-state electrogenic pump with coupling ratio R (3:2 is 1.5)"), N_("R") },
    { "pump-current", 0, 0, G_OPTION_ARG_STRING, &opt.pump_current,
      N_("Pump current density in µA/cm², outward positive"), N_("I") },
    { "vm", 0, 0, G_OPTION_ARG_STRING, &opt.vm,
      N_("Evaluate driving forces, currents, ΔG and charge at this V_m instead of the "
         "resting potential"), N_("MV") },
    { "radius", 0, 0, G_OPTION_ARG_STRING, &opt.radius,
      N_("Cell radius in µm"), N_("UM") },
    { "capacitance", 0, 0, G_OPTION_ARG_STRING, &opt.capacitance,
      N_("Specific membrane capacitance in µF/cm²"), N_("UF_PER_CM2") },
    { "donnan", 0, 0, G_OPTION_ARG_STRING, &opt.donnan,
      N_("Open-bath Donnan equilibrium: inside impermeant anion mM and valence, outside KCl mM"),
      N_("A,ZA,BATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt.json,
      N_("Machine-readable output"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt.files,
      NULL, N_("[SCENARIO.membrane]") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlCell) cell = NULL;
  g_autofree char *output = NULL;
  MlSolution sol;
  int status = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ML_LOCALEDIR") != NULL ? g_getenv ("ML_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Compute a cell's membrane potential: Nernst, GHK, driving "
                                  "forces, the Na⁺/K⁺ pump, ΔG, charge and Donnan."));
  g_option_context_set_description (context,
                                    _("Without a preset, a file or --ion the default preset is "
                                      "used. Exit status: 0 success, 2 bad input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_autofree char *message = g_strdup_printf (_("%s (see --help)"), error->message);

      print_error (message);
      options_clear (&opt);
      return EXIT_BAD_INPUT;
    }

  if (opt.list_presets)
    {
      options_clear (&opt);
      return list_presets ();
    }

  req.ions = g_array_new (FALSE, TRUE, sizeof (MlIon));
  if (!parse_request (&opt, &req, &error))
    {
      status = EXIT_BAD_INPUT;
      goto out;
    }

  cell = build_cell (&opt, &req, &status, &error);
  if (cell == NULL)
    goto out;

  if (req.has_vm)
    ml_cell_solve_at (cell, req.vm, &sol);
  else
    ml_cell_solve (cell, &sol);

  if (req.has_donnan
      && !ml_donnan_open_bath (req.donnan.a_mm, req.donnan.z_a, req.donnan.bath_mm,
                               ml_cell_get_temperature (cell), &req.donnan.result))
    {
      set_bad_value (&error, _("--donnan: no equilibrium for these values at %g °C"),
                     ml_cell_get_temperature (cell));
      status = EXIT_BAD_INPUT;
      goto out;
    }

  if (opt.json)
    output = ml_cli_solution_to_json (cell, &sol, req.has_donnan ? &req.donnan : NULL);
  else
    output = ml_cli_solution_to_table (cell, &sol, req.has_donnan ? &req.donnan : NULL);
  /* fputs, not g_print: the output is UTF-8 already and JSON must not be
   * converted to the locale's charset. */
  fputs (output, stdout);
  if (fflush (stdout) != 0)
    status = EXIT_INTERNAL;

out:
  if (error != NULL)
    print_error (error->message);
  g_array_unref (req.ions);
  options_clear (&opt);
  return status;
}
