/* ml-cli.c — membrane-calc: the calculation core from the command line
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lab handouts and scripts call this with a preset, a scenario file or a list
 * of ions and read either a table or one JSON object; --save writes the cell
 * they describe as a scenario file.  It parses and checks the arguments,
 * builds an MlCell, and prints what ml_cell_solve() returns: no physics is
 * computed here, so the numbers match the GUI's exactly.
 *
 * ml_cli_run() writes into strings rather than to stdout and stderr, so that
 * the fuzz target can run it many times in one process.
 *
 * Exit status: 0 on success (an undefined potential is a result, reported as
 * "condition"), 2 for bad input or a file that cannot be read or written,
 * with one line on stderr, 1 only when the program itself is broken (a
 * shipped preset fails to load).
 */
#define G_LOG_DOMAIN "membrane-calc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "ml-cell.h"
#include "ml-cli.h"
#include "ml-physics.h"
#include "ml-cli-output.h"
#include "ml-cli-figure.h"
#include "ml-cli-practice.h"
#include "ml-cli-simulate.h"
#include "ml-cli-sweep.h"
#include "ml-cell-pump.h"
#include "ml-params.h"
#include "ml-mechanism.h"
#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-solution.h"
#include "ml-sweep.h"
#include "ml-text.h"

#define EXIT_BAD_INPUT 2
#define EXIT_INTERNAL  1

/* An argument quoted in a message keeps at most this many bytes; it is
 * only the length of a quotation, never a limit on what is accepted. */
#define ARG_QUOTE_MAX_BYTES 60

/* What is accepted: a file name up to PATH_MAX (its NUL not counted), a sweep list of up to
 * ML_SWEEP_MAX_POINTS values (each written in up to 32 bytes, as
 * "-1.2345678901234567e-300" is), and any other value up to
 * ARG_VALUE_MAX_BYTES, far more than a number, an --ion or an --event
 * needs, so that only a runaway argument is refused. */
#define ARG_VALUE_MAX_BYTES 4096
#define ARG_SWEEP_MAX_BYTES (64 + 32 * ML_SWEEP_MAX_POINTS)

/* The ranges of a cell's inputs are those of the parameter table
 * (ml-params.h), which the scenario reader reads too, so a command line
 * and a saved file accept the same cells.  A temperature at absolute zero
 * is accepted on purpose: the core reports it as a condition.
 *
 * Not in a scenario file: a clamp and the Donnan compartments' volumes,
 * which are relative (any one unit for both). */
#define VM_LIMIT_MV    10000.0
#define VOLUME_MAX     1e9

typedef struct
{
  char     *preset;
  gboolean  list_presets;
  gboolean  list_parameters;
  gboolean  list_mechanisms;
  char    **mechanisms;
  char    **sets;
  char     *temperature;
  char    **ions;
  char     *pump_ratio;
  char     *pump_current;
  char     *pump_mode;
  char     *pump_imax;
  gboolean  balance_pump;
  char     *simulate;
  char     *every;
  char    **events;
  gboolean  csv;
  char     *sweep;
  gboolean  sweep_keep_na;
  char     *plot;
  char     *out;
  char     *handout;
  gboolean  handout_with_measured;
  char     *vm;
  char     *radius;
  char     *capacitance;
  char     *donnan;
  char     *donnan_closed;
  gboolean  json;
  char     *save;
  char     *practice;
  char     *count;
  char     *seed;
  gboolean  answers;
  char     *moodle;
  char     *pdf;
  char    **files;
} Options;

typedef struct
{
  gboolean           has_temperature;
  double             temperature;
  GArray            *ions;             /* MlIon */
  gboolean           has_pump_ratio;
  double             pump_ratio;
  gboolean           has_pump_current;
  double             pump_current;
  gboolean           has_pump_mode;
  MlPumpMode         pump_mode;
  gboolean           has_pump_imax;
  double             pump_imax;
  gboolean           has_vm;
  double             vm;
  gboolean           has_radius;
  double             radius;
  gboolean           has_capacitance;
  double             capacitance;
  gboolean           has_donnan;
  MlCliDonnan        donnan;
  gboolean           has_donnan_closed;
  MlCliDonnanClosed  donnan_closed;
} Request;

static void
options_clear (Options *opt)
{
  g_clear_pointer (&opt->preset, g_free);
  g_clear_pointer (&opt->temperature, g_free);
  g_clear_pointer (&opt->ions, g_strfreev);
  g_clear_pointer (&opt->mechanisms, g_strfreev);
  g_clear_pointer (&opt->sets, g_strfreev);
  g_clear_pointer (&opt->pump_ratio, g_free);
  g_clear_pointer (&opt->pump_current, g_free);
  g_clear_pointer (&opt->pump_mode, g_free);
  g_clear_pointer (&opt->pump_imax, g_free);
  g_clear_pointer (&opt->simulate, g_free);
  g_clear_pointer (&opt->every, g_free);
  g_clear_pointer (&opt->events, g_strfreev);
  g_clear_pointer (&opt->sweep, g_free);
  g_clear_pointer (&opt->plot, g_free);
  g_clear_pointer (&opt->out, g_free);
  g_clear_pointer (&opt->handout, g_free);
  g_clear_pointer (&opt->vm, g_free);
  g_clear_pointer (&opt->radius, g_free);
  g_clear_pointer (&opt->capacitance, g_free);
  g_clear_pointer (&opt->donnan, g_free);
  g_clear_pointer (&opt->donnan_closed, g_free);
  g_clear_pointer (&opt->save, g_free);
  g_clear_pointer (&opt->practice, g_free);
  g_clear_pointer (&opt->count, g_free);
  g_clear_pointer (&opt->seed, g_free);
  g_clear_pointer (&opt->moodle, g_free);
  g_clear_pointer (&opt->pdf, g_free);
  g_clear_pointer (&opt->files, g_strfreev);
}

/* ------------------------------------------------------------------------ */
/* Strict parsing                                                           */

/* Every message that names a bad value is one translatable string holding
 * the option, the argument as given and the problem, so a translator can
 * quote and order them as the language wants.  @arg is NULL for an option
 * with a single value, @what the field inside a comma-separated argument. */
static gboolean
parse_number (const char  *text,
              const char  *option,
              const char  *arg,
              const char  *what,
              double       min,
              double       max,
              const char  *unit,
              double      *out,
              GError     **error)
{
  double v;
  g_autofree char *arg_shown = arg != NULL ? ml_text_cut (arg, ARG_QUOTE_MAX_BYTES) : NULL;
  g_autofree char *text_shown = ml_text_cut (text, ARG_QUOTE_MAX_BYTES);

  /* Long values are accepted; only their quotations are shortened. */
  if (!ml_text_parse_decimal (text, &v))
    {
      if (arg != NULL)
        /* Translators: a bad command-line argument.  The first %s is the
         * option (--ion), the second the whole argument as given, the third
         * the field (“inside concentration”), the last the field's text. */
        ml_cli_set_bad_value (error, _("%s “%s”: the %s “%s” is not a number"),
                       option, arg_shown, what, text_shown);
      else
        /* Translators: the first %s is an option (--temperature), the
         * second the value given. */
        ml_cli_set_bad_value (error, _("%s: “%s” is not a number"), option, text_shown);
      return FALSE;
    }
  if (v < min || v > max)
    {
      /* "from 1 to 10 mM"; a pure number (the pump ratio) has no unit. */
      g_autofree char *range = unit != NULL && *unit != '\0'
                               ? g_strdup_printf ("%g–%g %s", min, max, unit)
                               : g_strdup_printf ("%g–%g", min, max);

      if (arg != NULL)
        /* Translators: the first %s is an option (--ion), the second the
         * whole argument as given, the third the field (“permeability”),
         * then the allowed range (“0–1 cm/s”) and the field's text. */
        ml_cli_set_bad_value (error, _("%s “%s”: the %s must lie in the range %s, not %s"),
                       option, arg_shown, what, range, text_shown);
      else
        /* Translators: the first %s is an option (--temperature), then the
         * allowed range (“-273.15–200 °C”) and the value given. */
        ml_cli_set_bad_value (error, _("%s must lie in the range %s, not %s"), option, range, text_shown);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* A number of the parameter table, with its range and unit. */
static gboolean
parse_param (const char     *text,
             const char     *option,
             MlParamKind     kind,
             double         *out,
             GError        **error)
{
  const MlParam *param = ml_params_get_kind (kind);

  /* The message writes a closed range; no option takes a parameter whose
   * minimum is open (the pump's reference temperature). */
  g_assert (!(param->flags & (ML_PARAM_FLAG_MIN_OPEN | ML_PARAM_FLAG_BOOLEAN)));
  return parse_number (text, option, NULL, NULL, param->min, param->max, param->unit, out,
                       error);
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

/* One field of a comma-separated argument such as --ion NAME,Z,CIN,COUT,P. */
typedef enum
{
  FIELD_NAME,           /* an ion's short name; out is char[ML_ION_NAME_MAX] */
  FIELD_VALENCE,        /* 1, 2, -1 or -2; out is int */
  FIELD_ANION_VALENCE,  /* -1 or -2; out is int */
  FIELD_NUMBER,         /* min … max; out is double */
  FIELD_POSITIVE,       /* above 0, up to max; out is double */
} FieldKind;

typedef struct
{
  FieldKind    kind;
  const char  *what;    /* translated, for messages */
  double       min;
  double       max;
  const char  *unit;
  void        *out;
} Field;

static gboolean
parse_field (const Field  *field,
             const char   *text,
             const char   *option,
             const char   *arg,
             GError      **error)
{
  switch (field->kind)
    {
    case FIELD_NAME:
      if (!ion_name_is_valid (text))
        {
          g_autofree char *shown = ml_text_cut (text, ARG_QUOTE_MAX_BYTES);

          /* Translators: the first %s is an option (--ion), the second the
           * whole argument as given, the third the name given. */
          ml_cli_set_bad_value (error, _("%s “%s”: the name “%s” must be 1 to %d letters or digits"),
                         option, arg, shown, ML_ION_NAME_MAX - 1);
          return FALSE;
        }
      g_strlcpy (field->out, text, ML_ION_NAME_MAX);
      return TRUE;

    case FIELD_VALENCE:
    case FIELD_ANION_VALENCE:
      {
        gboolean anion = field->kind == FIELD_ANION_VALENCE;
        gint64 v = 0;

        if (!g_ascii_string_to_signed (text, 10, anion ? ML_DONNAN_VALENCE_MIN : -2,
                                       anion ? ML_DONNAN_VALENCE_MAX : 2, &v, NULL) || v == 0)
          {
            g_autofree char *shown = ml_text_cut (text, ARG_QUOTE_MAX_BYTES);

            if (anion)
              /* Translators: the first %s is an option (--donnan), the second
               * the whole argument as given, the two numbers the valences
               * taken (-10 and -1), the last %s the valence given. */
              ml_cli_set_bad_value (error, _("%s “%s”: the valence must be a whole number from %d to %d, not “%s”"),
                             option, arg, ML_DONNAN_VALENCE_MIN, ML_DONNAN_VALENCE_MAX, shown);
            else
              /* Translators: the first %s is an option (--ion), the second the
               * whole argument as given, the last the valence given. */
              ml_cli_set_bad_value (error, _("%s “%s”: the valence must be 1, 2, -1 or -2, not “%s”"),
                             option, arg, shown);
            return FALSE;
          }
        *(int *)field->out = (int)v;
        return TRUE;
      }

    case FIELD_POSITIVE:
      if (!parse_number (text, option, arg, field->what, 0.0, field->max, field->unit,
                         field->out, error))
        return FALSE;
      if (*(double *)field->out <= 0.0)
        {
          /* Translators: the first %s is an option (--donnan), the second
           * the whole argument as given, the third the field (“bath KCl
           * concentration”). */
          ml_cli_set_bad_value (error, _("%s “%s”: the %s must be above 0"), option, arg, field->what);
          return FALSE;
        }
      return TRUE;

    case FIELD_NUMBER:
    default:
      return parse_number (text, option, arg, field->what, field->min, field->max, field->unit,
                           field->out, error);
    }
}

/* Splits @arg at commas into exactly @n_fields fields, named in @layout for
 * the message ("NAME,Z,CIN,COUT,P"), and parses each into its out. */
static gboolean
parse_fields (const char   *option,
              const char   *arg,
              const char   *layout,
              const Field  *fields,
              guint         n_fields,
              GError      **error)
{
  g_auto(GStrv) texts = g_strsplit (arg, ",", -1);
  guint n = g_strv_length (texts);
  g_autofree char *shown = ml_text_cut (arg, ARG_QUOTE_MAX_BYTES);

  /* The whole argument is read; messages quote it shortened. */
  arg = shown;
  if (n != n_fields)
    {
      /* Translators: the first %s is an option (--ion), the second the
       * whole argument as given, then the number of fields expected, their
       * names (NAME,Z,CIN,COUT,P, not to be translated) and the number
       * given. */
      ml_cli_set_bad_value (error, _("%s “%s”: expected %u comma-separated fields %s, got %u"),
                     option, arg, n_fields, layout, n);
      return FALSE;
    }
  for (guint i = 0; i < n_fields; i++)
    if (!parse_field (&fields[i], texts[i], option, arg, error))
      return FALSE;
  return TRUE;
}

/* NAME,Z,CIN,COUT,P.  NAME is compared without regard to case, as in a
 * file: "k" replaces the preset's K and is stored as K (ml_cell_set_ion()). */
static gboolean
parse_ion (const char  *arg,
           MlIon       *ion,
           GError     **error)
{
  const MlParam *c_in = ml_params_get_kind (ML_PARAM_ION_C_IN);
  const MlParam *c_out = ml_params_get_kind (ML_PARAM_ION_C_OUT);
  const MlParam *p = ml_params_get_kind (ML_PARAM_ION_P);
  const Field fields[] = {
    { FIELD_NAME, NULL, 0, 0, NULL, ion->name },
    { FIELD_VALENCE, NULL, 0, 0, NULL, &ion->z },
    /* Translators: fields of --ion, named in error messages. */
    { FIELD_NUMBER, _("inside concentration"), c_in->min, c_in->max, c_in->unit, &ion->c_in },
    { FIELD_NUMBER, _("outside concentration"), c_out->min, c_out->max, c_out->unit, &ion->c_out },
    { FIELD_NUMBER, _("permeability"), p->min, p->max, p->unit, &ion->p },
  };

  memset (ion, 0, sizeof *ion);
  ion->enabled = TRUE;
  return parse_fields ("--ion", arg, "NAME,Z,CIN,COUT,P", fields, G_N_ELEMENTS (fields), error);
}

/* A,ZA,BATH; concentrations in the range of an ion's. */
static gboolean
parse_donnan (const char   *arg,
              MlCliDonnan  *donnan,
              GError      **error)
{
  const double c_max = ml_params_get_kind (ML_PARAM_ION_C_IN)->max;
  const Field fields[] = {
    /* Translators: fields of --donnan, named in error messages. */
    { FIELD_NUMBER, _("impermeant anion concentration"), 0.0, c_max, "mM", &donnan->a_mm },
    { FIELD_ANION_VALENCE, NULL, 0, 0, NULL, &donnan->z_a },
    { FIELD_POSITIVE, _("bath KCl concentration"), 0.0, c_max, "mM", &donnan->bath_mm },
  };

  return parse_fields ("--donnan", arg, "A,ZA,BATH", fields, G_N_ELEMENTS (fields), error);
}

/* A,ZA,KCL_IN,KCL_OUT,VIN,VOUT; the volumes in any one unit. */
static gboolean
parse_donnan_closed (const char         *arg,
                     MlCliDonnanClosed  *closed,
                     GError            **error)
{
  const double c_max = ml_params_get_kind (ML_PARAM_ION_C_IN)->max;
  const Field fields[] = {
    /* Translators: fields of --donnan-closed, named in error messages;
     * the volumes are relative, in any one unit for both. */
    { FIELD_NUMBER, _("impermeant anion concentration"), 0.0, c_max, "mM", &closed->a_mm },
    { FIELD_ANION_VALENCE, NULL, 0, 0, NULL, &closed->z_a },
    { FIELD_NUMBER, _("inside KCl concentration"), 0.0, c_max, "mM", &closed->kcl_in_mm },
    { FIELD_NUMBER, _("outside KCl concentration"), 0.0, c_max, "mM", &closed->kcl_out_mm },
    { FIELD_POSITIVE, _("inside volume"), 0.0, VOLUME_MAX, "", &closed->v_in },
    { FIELD_POSITIVE, _("outside volume"), 0.0, VOLUME_MAX, "", &closed->v_out },
  };

  return parse_fields ("--donnan-closed", arg, "A,ZA,KCL_IN,KCL_OUT,VIN,VOUT", fields,
                       G_N_ELEMENTS (fields), error);
}

/* A file name as it may be shown: in the locale's spelling when it is not
 * UTF-8, and cut to a readable length. */
static char *
quote_file (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  return ml_text_cut (display, ARG_QUOTE_MAX_BYTES);
}

/* Every option value is read as bytes (G_OPTION_ARG_FILENAME) and checked
 * here, so that a value that is not UTF-8 or absurdly long is refused with
 * a message naming the option, instead of GOption's "Invalid byte
 * sequence in conversion input". */
static gboolean
check_value (const char  *option,
             const char  *value,
             gsize        max_bytes,
             GError     **error)
{
  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_autofree char *quoted = ml_text_cut (value, ARG_QUOTE_MAX_BYTES);

      /* Translators: the first %s is an option (--temperature), the second
       * its value with the broken bytes shown as �. */
      ml_cli_set_bad_value (error, _("%s: the value “%s” is not valid UTF-8 text"), option, quoted);
      return FALSE;
    }
  if (strlen (value) > max_bytes)
    {
      g_autofree char *quoted = ml_text_cut (value, 24);

      /* Translators: the first %s is an option (--ion), the second the start
       * of its value, then the longest value accepted. */
      ml_cli_set_bad_value (error, _("%s: the value “%s” is too long (at most %d characters)"),
                     option, quoted, (int)max_bytes);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_values (const Options  *opt,
              GError        **error)
{
  const struct { const char *option; const char *value; gsize max_bytes; } singles[] = {
    { "--preset", opt->preset, ARG_VALUE_MAX_BYTES },
    { "--temperature", opt->temperature, ARG_VALUE_MAX_BYTES },
    { "--pump-ratio", opt->pump_ratio, ARG_VALUE_MAX_BYTES },
    { "--pump-current", opt->pump_current, ARG_VALUE_MAX_BYTES },
    { "--pump", opt->pump_mode, ARG_VALUE_MAX_BYTES },
    { "--pump-imax", opt->pump_imax, ARG_VALUE_MAX_BYTES },
    { "--simulate", opt->simulate, ARG_VALUE_MAX_BYTES },
    { "--every", opt->every, ARG_VALUE_MAX_BYTES },
    { "--sweep", opt->sweep, ARG_SWEEP_MAX_BYTES },
    { "--plot", opt->plot, ARG_VALUE_MAX_BYTES },
    { "--out", opt->out, PATH_MAX - 1 },
    { "--handout", opt->handout, PATH_MAX - 1 },
    { "--vm", opt->vm, ARG_VALUE_MAX_BYTES },
    { "--radius", opt->radius, ARG_VALUE_MAX_BYTES },
    { "--capacitance", opt->capacitance, ARG_VALUE_MAX_BYTES },
    { "--donnan", opt->donnan, ARG_VALUE_MAX_BYTES },
    { "--donnan-closed", opt->donnan_closed, ARG_VALUE_MAX_BYTES },
    { "--practice", opt->practice, ARG_VALUE_MAX_BYTES },
    { "--count", opt->count, ARG_VALUE_MAX_BYTES },
    { "--seed", opt->seed, ARG_VALUE_MAX_BYTES },
    { "--moodle", opt->moodle, PATH_MAX - 1 },
    { "--pdf", opt->pdf, PATH_MAX - 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (singles); i++)
    if (!check_value (singles[i].option, singles[i].value, singles[i].max_bytes, error))
      return FALSE;
  for (guint i = 0; opt->ions != NULL && opt->ions[i] != NULL; i++)
    if (!check_value ("--ion", opt->ions[i], ARG_VALUE_MAX_BYTES, error))
      return FALSE;
  for (guint i = 0; opt->events != NULL && opt->events[i] != NULL; i++)
    if (!check_value ("--event", opt->events[i], ARG_VALUE_MAX_BYTES, error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_request (const Options  *opt,
               Request        *req,
               GError        **error)
{
  if (!check_values (opt, error))
    return FALSE;
  if (opt->files != NULL && g_strv_length (opt->files) > 1)
    {
      ml_cli_set_bad_value (error, _("only one scenario file can be given, not %u"),
                     g_strv_length (opt->files));
      return FALSE;
    }
  if (opt->files != NULL && opt->preset != NULL)
    {
      ml_cli_set_bad_value (error, _("--preset and a scenario file cannot be used together"));
      return FALSE;
    }
  if (opt->save != NULL && (opt->vm != NULL || opt->donnan != NULL || opt->donnan_closed != NULL))
    {
      /* Translators: do not translate the option names. */
      ml_cli_set_bad_value (error, _("--save writes a cell; --vm, --donnan and --donnan-closed are not "
                              "part of a scenario file"));
      return FALSE;
    }
  if ((opt->pump_ratio != NULL) + (opt->pump_current != NULL) + (opt->pump_imax != NULL)
      + (opt->pump_mode != NULL) > 1)
    {
      /* Translators: do not translate the option names. */
      ml_cli_set_bad_value (error, _("--pump, --pump-ratio, --pump-current and --pump-imax each choose "
                              "the pump's model; give only one of them"));
      return FALSE;
    }
  if (opt->simulate == NULL && (opt->events != NULL || opt->every != NULL))
    {
      ml_cli_set_bad_value (error, _("--event and --every belong to --simulate"));
      return FALSE;
    }
  if (opt->simulate == NULL && opt->sweep == NULL && opt->csv)
    {
      ml_cli_set_bad_value (error, _("--csv belongs to --simulate or --sweep"));
      return FALSE;
    }
  if (opt->sweep == NULL && opt->sweep_keep_na)
    {
      ml_cli_set_bad_value (error, _("--sweep-keep-na belongs to --sweep"));
      return FALSE;
    }
  if (opt->sweep != NULL && (opt->simulate != NULL || opt->vm != NULL
                             || opt->donnan != NULL || opt->donnan_closed != NULL))
    {
      ml_cli_set_bad_value (error, _("--sweep prints a table of solutions; --simulate, --vm, "
                              "--donnan and --donnan-closed cannot be used with it"));
      return FALSE;
    }
  if (opt->sweep != NULL && opt->json && opt->csv)
    {
      ml_cli_set_bad_value (error, _("--sweep prints CSV or JSON; give --csv or --json, not both"));
      return FALSE;
    }
  if ((opt->plot != NULL) != (opt->out != NULL))
    {
      /* Translators: do not translate the option names. */
      ml_cli_set_bad_value (error, _("--plot KIND and --out FILE go together: the plot and the file it "
                              "is written to"));
      return FALSE;
    }
  if (opt->plot != NULL && strcmp (opt->plot, "kout") != 0 && strcmp (opt->plot, "iv") != 0
      && strcmp (opt->plot, "temperature") != 0)
    {
      g_autofree char *quoted = ml_text_cut (opt->plot, ARG_QUOTE_MAX_BYTES);

      ml_cli_set_bad_value (error, _("--plot: “%s” is not a plot; use kout, iv or temperature"), quoted);
      return FALSE;
    }
  if (opt->handout_with_measured && opt->handout == NULL)
    {
      ml_cli_set_bad_value (error, _("--handout-with-measured belongs to --handout"));
      return FALSE;
    }
  if (opt->plot != NULL && opt->handout != NULL)
    {
      /* Translators: do not translate the option names. */
      ml_cli_set_bad_value (error, _("--plot and --handout each write one file; give one of them"));
      return FALSE;
    }
  if ((opt->plot != NULL || opt->handout != NULL)
      && (opt->sweep != NULL || opt->simulate != NULL || opt->vm != NULL || opt->json
          || opt->donnan != NULL || opt->donnan_closed != NULL || opt->save != NULL))
    {
      /* Translators: do not translate the option names. */
      ml_cli_set_bad_value (error, _("--plot and --handout write a file of the cell; --sweep, "
                              "--simulate, --vm, --json, --donnan, --donnan-closed and --save "
                              "cannot be used with them"));
      return FALSE;
    }
  if (opt->practice == NULL && (opt->count != NULL || opt->seed != NULL || opt->answers
                                || opt->moodle != NULL || opt->pdf != NULL))
    {
      ml_cli_set_bad_value (error, _("--count, --seed, --answers, --moodle and --pdf belong to "
                              "--practice"));
      return FALSE;
    }
  if (opt->practice != NULL
      && (opt->preset != NULL || opt->files != NULL || opt->list_parameters
          || opt->temperature != NULL || opt->ions != NULL || opt->pump_ratio != NULL
          || opt->pump_current != NULL || opt->pump_mode != NULL || opt->pump_imax != NULL
          || opt->balance_pump || opt->simulate != NULL || opt->sweep != NULL || opt->csv
          || opt->plot != NULL || opt->out != NULL || opt->handout != NULL || opt->vm != NULL
          || opt->radius != NULL || opt->capacitance != NULL || opt->donnan != NULL
          || opt->donnan_closed != NULL || opt->save != NULL))
    {
      /* Translators: do not translate the option names. */
      ml_cli_set_bad_value (error, _("--practice makes problems of its own; a cell's options (--preset, "
                              "--ion, --vm, --sweep, --simulate, --plot, --handout, --save …) "
                              "cannot be used with it"));
      return FALSE;
    }
  if (opt->simulate != NULL && (opt->vm != NULL || opt->json || opt->donnan != NULL
                                || opt->donnan_closed != NULL))
    {
      ml_cli_set_bad_value (error, _("--simulate prints a time course; --vm, --json, --donnan and "
                              "--donnan-closed cannot be used with it"));
      return FALSE;
    }
  if (opt->pump_mode != NULL)
    {
      static const struct { const char *name; MlPumpMode mode; } modes[] = {
        { "off", ML_PUMP_OFF }, { "ratio", ML_PUMP_RATIO },
        { "current", ML_PUMP_CURRENT }, { "kinetic", ML_PUMP_KINETIC },
      };

      for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
        if (strcmp (opt->pump_mode, modes[i].name) == 0)
          {
            req->pump_mode = modes[i].mode;
            req->has_pump_mode = TRUE;
          }
      if (!req->has_pump_mode)
        {
          g_autofree char *quoted = ml_text_cut (opt->pump_mode, ARG_QUOTE_MAX_BYTES);

          ml_cli_set_bad_value (error, _("--pump: “%s” is not a pump model; use off, ratio, current or "
                                  "kinetic"), quoted);
          return FALSE;
        }
    }
  if (opt->pump_imax != NULL)
    {
      if (!parse_param (opt->pump_imax, "--pump-imax", ML_PARAM_PUMP_MAX_CURRENT,
                        &req->pump_imax, error))
        return FALSE;
      req->has_pump_imax = TRUE;
    }

  if (opt->temperature != NULL)
    {
      if (!parse_param (opt->temperature, "--temperature", ML_PARAM_TEMPERATURE,
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
      if (!parse_param (opt->pump_ratio, "--pump-ratio", ML_PARAM_PUMP_RATIO,
                        &req->pump_ratio, error))
        return FALSE;
      req->has_pump_ratio = TRUE;
    }
  if (opt->pump_current != NULL)
    {
      if (!parse_param (opt->pump_current, "--pump-current", ML_PARAM_PUMP_CURRENT,
                        &req->pump_current, error))
        return FALSE;
      req->has_pump_current = TRUE;
    }
  if (opt->vm != NULL)
    {
      if (!parse_number (opt->vm, "--vm", NULL, NULL, -VM_LIMIT_MV, VM_LIMIT_MV, "mV",
                         &req->vm, error))
        return FALSE;
      req->has_vm = TRUE;
    }
  if (opt->radius != NULL)
    {
      if (!parse_param (opt->radius, "--radius", ML_PARAM_RADIUS, &req->radius, error))
        return FALSE;
      req->has_radius = TRUE;
    }
  if (opt->capacitance != NULL)
    {
      if (!parse_param (opt->capacitance, "--capacitance", ML_PARAM_CAPACITANCE,
                        &req->capacitance, error))
        return FALSE;
      req->has_capacitance = TRUE;
    }
  if (opt->donnan != NULL)
    {
      if (!parse_donnan (opt->donnan, &req->donnan, error))
        return FALSE;
      req->has_donnan = TRUE;
    }
  if (opt->donnan_closed != NULL)
    {
      if (!parse_donnan_closed (opt->donnan_closed, &req->donnan_closed, error))
        return FALSE;
      req->has_donnan_closed = TRUE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Building the cell                                                        */

/* --mechanism KIND: an instance of the class with its defaults. */
static gboolean
add_mechanisms (const Options  *opt,
                MlCell         *cell,
                GError        **error)
{
  for (guint i = 0; opt->mechanisms != NULL && opt->mechanisms[i] != NULL; i++)
    {
      const char *id = opt->mechanisms[i];
      const MlMechanismClass *klass = ml_mechanism_class_find (id);

      if (klass == NULL || klass->builtin)
        {
          g_autofree char *quoted = quote_file (id);

          ml_cli_set_bad_value (error, klass == NULL
                         /* Translators: %s is the value given; do not translate the option. */
                         ? _("--mechanism %s: no such mechanism; --list-mechanisms lists them")
                         /* Translators: %s is leak or nak-pump. */
                         : _("--mechanism %s: every cell has it already"),
                         quoted);
          return FALSE;
        }
      if (ml_cell_add_mechanism (cell, klass) < 0)
        {
          ml_cli_set_bad_value (error, _("--mechanism %s: a cell holds at most %d mechanisms besides "
                                  "its leak and pump"), id, ML_MAX_MECHANISMS);
          return FALSE;
        }
    }
  return TRUE;
}

/* --set ID=VALUE, for any parameter of the table, in the order given. */
static gboolean
set_parameters (const Options  *opt,
                MlCell         *cell,
                GError        **error)
{
  for (guint i = 0; opt->sets != NULL && opt->sets[i] != NULL; i++)
    {
      g_autofree char *quoted = quote_file (opt->sets[i]);
      const char *eq = strchr (opt->sets[i], '=');
      g_autofree char *id = eq != NULL ? g_strndup (opt->sets[i], eq - opt->sets[i]) : NULL;
      const MlParam *param = id != NULL ? ml_params_get (id) : NULL;
      double value, before;
      char *end = NULL;

      if (eq == NULL)
        {
          ml_cli_set_bad_value (error, _("--set %s: write it as ID=VALUE, e.g. K.out=10"), quoted);
          return FALSE;
        }
      if (param == NULL)
        {
          ml_cli_set_bad_value (error, _("--set %s: no such parameter; --list-parameters lists them"),
                         quoted);
          return FALSE;
        }
      if (!ml_params_get_value (cell, id, &before))
        {
          if (param->kind == ML_PARAM_MECHANISM)
            ml_cli_set_bad_value (error, _("--set %s: the cell has no %s; add it with --mechanism %s"),
                           quoted, param->mechanism, param->mechanism);
          else
            ml_cli_set_bad_value (error, _("--set %s: the cell has no such ion"), quoted);
          return FALSE;
        }
      errno = 0;
      value = g_ascii_strtod (eq + 1, &end);
      if (param->flags & ML_PARAM_FLAG_BOOLEAN)
        {
          if (g_ascii_strcasecmp (eq + 1, "true") == 0)
            value = 1.0, end = (char *)eq + 1 + 4;
          else if (g_ascii_strcasecmp (eq + 1, "false") == 0)
            value = 0.0, end = (char *)eq + 1 + 5;
        }
      if (end == eq + 1 || *end != '\0' || errno != 0
          || !ml_params_set_value (cell, id, value))
        {
          g_autofree char *range = g_strdup_printf ("%g … %g", param->min, param->max);

          /* Translators: the first %s is the option's value, the second a range and unit. */
          ml_cli_set_bad_value (error, _("--set %s: not a number the parameter takes (%s %s)"),
                         quoted, range, param->unit != NULL ? param->unit : "");
          return FALSE;
        }
    }
  return TRUE;
}

/* @rest receives the cell as the preset or file made it, before the
 * options edit it (NULL for a cell of --ion options alone): a time course
 * sizes the cell's other transporters from it. */
static MlCell *
build_cell (const Options  *opt,
            const Request  *req,
            MlCell        **rest,
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
          g_autofree char *name = quote_file (opt->files[0]);

          ml_cli_set_bad_value (error, _("cannot load “%s”: %s"), name,
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
          ml_cli_set_bad_value (error, _("--preset: unknown preset “%s”; --list-presets lists the names"),
                         id);
          return NULL;
        }
      if (!ml_presets_load (cell, id, &local_error))
        {
          /* The preset ships with the program: this is our bug, not bad input. */
          *exit_status = EXIT_INTERNAL;
          ml_cli_set_bad_value (error, _("the preset “%s” does not load: %s"), id,
                         local_error != NULL ? local_error->message : _("unknown error"));
          return NULL;
        }
    }
  /* else: only --ion options, the cell holds exactly those ions. */

  if (rest != NULL)
    *rest = ml_cell_get_n_ions (cell) > 0 ? ml_cell_copy (cell) : NULL;

  ml_cell_begin_batch (cell);
  if (req->has_temperature)
    ml_cell_set_temperature (cell, req->temperature);
  for (guint i = 0; i < req->ions->len; i++)
    {
      const MlIon *ion = &g_array_index (req->ions, MlIon, i);

      if (ml_cell_set_ion (cell, ion) < 0)
        {
          ml_cell_end_batch (cell);
          /* Translators: %s is the name of the ion that did not fit (K). */
          ml_cli_set_bad_value (error, _("--ion “%s”: a cell holds at most %d ions"), ion->name,
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
  if (req->has_pump_mode)
    ml_cell_set_pump_mode (cell, req->pump_mode);
  if (req->has_pump_imax)
    {
      ml_cell_set_pump_max_current (cell, req->pump_imax);
      ml_cell_set_pump_mode (cell, ML_PUMP_KINETIC);
    }
  if (req->has_radius)
    ml_cell_set_radius (cell, req->radius);
  if (req->has_capacitance)
    ml_cell_set_capacitance (cell, req->capacitance);
  ml_cell_end_batch (cell);

  if (!add_mechanisms (opt, cell, error) || !set_parameters (opt, cell, error))
    return NULL;

  if (opt->balance_pump)
    {
      if (!ml_cell_balance_pump (cell))
        {
          ml_cli_set_bad_value (error, _("--balance-pump: this cell has no pump rate that balances its "
                                  "Na⁺ leak (it needs Na⁺ and K⁺, a Na⁺ leak and a defined "
                                  "V_rest)"));
          return NULL;
        }
      ml_cell_set_pump_mode (cell, ML_PUMP_KINETIC);
    }

  *exit_status = 0;
  return g_steal_pointer (&cell);
}

/* Both Donnan cases at the cell's temperature; the core refuses values
 * without an equilibrium (no K⁺ outside, or a temperature at 0 K). */
static gboolean
solve_donnan (Request  *req,
              double    t_c,
              GError  **error)
{
  const char *option = NULL;

  if (req->has_donnan
      && !ml_donnan_open_bath (req->donnan.a_mm, req->donnan.z_a, req->donnan.bath_mm,
                               t_c, &req->donnan.result))
    option = "--donnan";
  else if (req->has_donnan_closed
           && !ml_donnan_closed (req->donnan_closed.a_mm, req->donnan_closed.z_a,
                                 req->donnan_closed.kcl_in_mm, req->donnan_closed.kcl_out_mm,
                                 req->donnan_closed.v_in, req->donnan_closed.v_out,
                                 t_c, &req->donnan_closed.result))
    option = "--donnan-closed";

  if (option != NULL)
    {
      /* Translators: %s is an option (--donnan), then a temperature in °C. */
      ml_cli_set_bad_value (error, _("%s: no equilibrium for these values at %g °C"), option, t_c);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */

static int
list_presets (GString *out)
{
  const char * const *ids = ml_presets_list ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *name = ml_presets_get_name (ids[i]);

      if (name != NULL)
        g_string_append_printf (out, "%s\t%s\n", ids[i], name);
      else
        g_string_append_printf (out, "%s\n", ids[i]);
    }
  return 0;
}

/* The shortest of %.15g … %.17g that reads back as @value: "0.1", not
 * "0.10000000000000001", and still exact for a script that compares. */
static void
format_exact (char   *buf,
              gsize   size,
              double  value)
{
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, size, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        return;
    }
}

/* "[-273.15, 200]", "(-273.15, 1000]" for an open minimum, "{false, true}":
 * interval notation in C syntax whatever the locale, for scripts. */
static char *
format_range (const MlParam *param)
{
  char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

  if (param->flags & ML_PARAM_FLAG_BOOLEAN)
    return g_strdup ("{false, true}");
  format_exact (lo, sizeof lo, param->min);
  format_exact (hi, sizeof hi, param->max);
  return g_strdup_printf ("%s%s, %s]", (param->flags & ML_PARAM_FLAG_MIN_OPEN) ? "(" : "[",
                          lo, hi);
}

static void
list_parameter (GString       *out,
                const MlParam *param,
                const char    *ion_name)
{
  g_autofree char *id = ml_param_dup_id (param, ion_name);
  g_autofree char *range = format_range (param);

  g_string_append_printf (out, "%s\t%s\t%s\t%s\n", id, param->unit != NULL ? param->unit : "",
                          range, ml_param_get_label (param));
}

/* Every mechanism class, one per line: id, kind of part, what it moves,
 * its name and where its equation comes from, separated by tabs. */
static int
list_mechanisms (GString *out)
{
  static const char * const kinds[] = { "channel", "pump", "cotransporter", "exchanger" };

  for (guint i = 0; i < ml_mechanism_class_count (); i++)
    {
      const MlMechanismClass *klass = ml_mechanism_class_get (i);

      g_string_append_printf (out, "%s\t%s\t%s\t%s\t%s\n", klass->id, kinds[klass->kind],
                              ml_mechanism_class_get_stoichiometry (klass),
                              ml_mechanism_class_get_name (klass), klass->source);
    }
  return 0;
}

/* Every parameter of @cell, one per line: the cell's own, then each ion's
 * under its name, then each mechanism's, so the ids are the ones a script
 * can give back. */
static int
list_parameters (GString *out,
                 MlCell  *cell)
{
  for (guint k = 0; k < ML_N_PARAMS; k++)
    if (!ml_param_is_per_ion (ml_params_get_kind (k)))
      list_parameter (out, ml_params_get_kind (k), NULL);
  for (guint i = 0; i < ml_cell_get_n_ions (cell); i++)
    for (guint k = 0; k < ML_N_PARAMS; k++)
      if (ml_param_is_per_ion (ml_params_get_kind (k)))
        list_parameter (out, ml_params_get_kind (k), ml_cell_get_ion (cell, i)->name);
  for (guint m = 0; m < ml_cell_get_n_mechanisms (cell); m++)
    {
      const MlMechanism *mech = ml_cell_get_mechanism (cell, m);

      for (guint k = 0; k < mech->klass->n_params; k++)
        list_parameter (out, &mech->klass->params[k], NULL);
    }
  return 0;
}

/* One line, always, and of a readable length: a loader's message may span
 * several and quote a long line of the file. */
static void
print_error (GString    *err,
             const char *message)
{
  g_autofree char *line = ml_text_one_line (message, ML_TEXT_MESSAGE_MAX_BYTES);

  g_string_append_printf (err, "membrane-calc: %s\n", line);
}

/* Writes the cell that the options describe through the atomic writer: a
 * failed save leaves an existing file as it was. */
static gboolean
save_cell (MlCell      *cell,
           const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MlCell) saved = ml_cell_copy (cell);
  const char *cell_name = ml_cell_get_name (saved);

  /* A cell made of --ion options alone has no name, and a scenario needs
   * one: it gets the file's name. */
  if (cell_name == NULL || cell_name[0] == '\0')
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (basename);
      char *dot = strrchr (display, '.');

      if (dot != NULL && dot != display)
        *dot = '\0';
      ml_cell_set_name (saved, display);
    }

  if (!ml_scenario_save_file (saved, file, NULL, &local_error))
    {
      g_autofree char *name = quote_file (path);

      /* Translators: the first %s is a file name, the second the reason. */
      ml_cli_set_bad_value (error, _("cannot save “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ml_cli_run:
 * @argc: the number of arguments, the program's name included
 * @argv: (array length=argc): the arguments
 * @out: where the result goes
 * @err: where a message goes, one line
 *
 * Everything membrane-calc does but set up the locale and print.  @argv is
 * used as bytes; --help prints and exits the process, as GOption does.
 *
 * Returns: the exit status
 */
/* --plot and --handout: the file is written whole or not at all. */
static int
write_figures (const Options  *opt,
               MlCell         *cell,
               MlCell         *rest,
               GString        *out,
               GError        **error)
{
  const char *name = ml_cell_get_name (cell) != NULL && ml_cell_get_name (cell)[0] != '\0'
                     ? ml_cell_get_name (cell) : _("Membrane Lab");
  g_autoptr (GError) local_error = NULL;
  const char *path = opt->plot != NULL ? opt->out : opt->handout;
  g_autofree char *quoted = quote_file (path);
  gboolean ok;

  if (opt->plot != NULL)
    ok = ml_cli_write_plot (cell, rest, name, opt->plot, opt->out, &local_error);
  else
    ok = ml_cli_write_handout (cell, rest, name, opt->handout_with_measured, opt->handout,
                               &local_error);
  if (!ok)
    {
      /* Translators: %s is an option (--out, --handout), then its file and the reason. */
      ml_cli_set_bad_value (error, _("%s “%s”: %s"), opt->plot != NULL ? "--out" : "--handout",
                     quoted, local_error->message);
      return EXIT_BAD_INPUT;
    }
  /* Translators: %s is the file just written. */
  g_string_append_printf (out, _("Wrote “%s”.\n"), quoted);
  return 0;
}

int
ml_cli_run (int       argc,
            char    **argv,
            GString  *out,
            GString  *err)
{
  Options opt = { 0 };
  Request req = { 0 };
  /* Values are taken as bytes (FILENAME) and checked by check_values(). */
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, &opt.preset,
      N_("Start from a shipped preset"), N_("NAME") },
    { "list-presets", 0, 0, G_OPTION_ARG_NONE, &opt.list_presets,
      N_("List the preset names and exit"), NULL },
    { "list-parameters", 0, 0, G_OPTION_ARG_NONE, &opt.list_parameters,
      N_("List the cell's parameters, one per line: id, unit, range and label, separated by "
         "tabs; then exit"), NULL },
    { "list-mechanisms", 0, 0, G_OPTION_ARG_NONE, &opt.list_mechanisms,
      N_("List the kinds of mechanism a cell can have, one per line: id, kind, what it moves, "
         "name and source, separated by tabs; then exit"), NULL },
    { "mechanism", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt.mechanisms,
      N_("Add a mechanism of this kind with its default values (repeatable; an id of "
         "--list-mechanisms)"), N_("KIND") },
    { "set", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt.sets,
      N_("Set any parameter of the cell by its id, after the other options (repeatable; an id "
         "of --list-parameters: K.out=10, pump.imax=0.8, kcc2.imax=0.1)"), N_("ID=VALUE") },
    { "temperature", 0, 0, G_OPTION_ARG_FILENAME, &opt.temperature,
      N_("Temperature in °C"), N_("C") },
    { "ion", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt.ions,
      N_("Add or replace an ion: name, valence, inside mM, outside mM, permeability cm/s "
         "(repeatable)"), N_("NAME,Z,CIN,COUT,P") },
    { "pump-ratio", 0, 0, G_OPTION_ARG_FILENAME, &opt.pump_ratio,
      N_("Steady-state electrogenic pump with coupling ratio R (3:2 is 1.5)"), N_("R") },
    { "pump", 0, 0, G_OPTION_ARG_FILENAME, &opt.pump_mode,
      N_("The pump's model: off, ratio (steady state), current (fixed) or kinetic (follows its "
         "substrates; the presets' default)"), N_("MODEL") },
    { "pump-imax", 0, 0, G_OPTION_ARG_FILENAME, &opt.pump_imax,
      N_("Kinetic pump with this maximal current in µA/cm² (at the reference temperature)"),
      N_("I") },
    { "balance-pump", 0, 0, G_OPTION_ARG_NONE, &opt.balance_pump,
      N_("Size the kinetic pump so that it moves out the Na⁺ this cell leaks in (after the other "
         "options)"), NULL },
    { "simulate", 0, 0, G_OPTION_ARG_FILENAME, &opt.simulate,
      N_("Print the cell's time course over DURATION (90s, 30min, 2h, 3d): V_m, each inside "
         "concentration and E, the volume and the pump current"), N_("DURATION") },
    { "event", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt.events,
      N_("With --simulate: at time T, pump-off, pump-on or ID=VALUE for a parameter id "
         "(repeatable)"), N_("T:WHAT") },
    { "every", 0, 0, G_OPTION_ARG_FILENAME, &opt.every,
      N_("With --simulate: the interval between rows (chosen from the duration otherwise)"),
      N_("DURATION") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &opt.csv,
      N_("With --simulate or --sweep: comma-separated values with a header line"), NULL },
    { "sweep", 0, 0, G_OPTION_ARG_FILENAME, &opt.sweep,
      N_("Solve the cell for each value of one parameter, everything else held: "
         "PARAM=V1,V2,… or PARAM=FROM:TO:N[:log] (an id of --list-parameters); a sweep of "
         "K.out takes as much Na⁺ out of the bath as it adds K⁺, as salines do; each point "
         "gives V_m at once (vm_mv) and once Cl⁻ inside has redistributed to E_Cl = V_m, K⁺ "
         "inside held (vm_cl_equilibrated_mv); --csv or --json for a script"),
      N_("SPEC") },
    { "plot", 0, 0, G_OPTION_ARG_STRING, &opt.plot,
      N_("Write a plot of the cell to the file of --out: kout (V_m against outside K⁺, log "
         "axis, with the Nernst line and the measured points), iv (each ion's current and the "
         "total against V) or temperature (V_m against T)"), N_("KIND") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt.out,
      N_("With --plot: the figure's file, PNG (at twice the pixels), SVG or PDF by its "
         "extension, with a caption line"), N_("FILE") },
    { "handout", 0, 0, G_OPTION_ARG_FILENAME, &opt.handout,
      N_("Write the lab handout of the cell as a PDF on the locale's paper, the one the app "
         "writes: aims, the cell and its equations, the procedure, the salines of rising K⁺ "
         "with the V_m predicted and columns to write the measured one in, the plot and "
         "questions"),
      N_("FILE.pdf") },
    { "handout-with-measured", 0, 0, G_OPTION_ARG_NONE, &opt.handout_with_measured,
      N_("With --handout: the instructor's copy, with the measured V_m the scenario keeps in "
         "the table and on the plot"), NULL },
    { "sweep-keep-na", 0, 0, G_OPTION_ARG_NONE, &opt.sweep_keep_na,
      N_("With --sweep of K.out: keep Na⁺ outside as it is (the bath's osmolarity rises)"),
      NULL },
    { "pump-current", 0, 0, G_OPTION_ARG_FILENAME, &opt.pump_current,
      N_("Pump current density in µA/cm², outward positive, at the pump's reference "
         "temperature (37 °C unless the scenario says otherwise); at other temperatures it is "
         "scaled by the pump's Q10 (2.4 by default), as the pump's q10_factor in --json shows"),
      N_("I") },
    { "vm", 0, 0, G_OPTION_ARG_FILENAME, &opt.vm,
      N_("Evaluate driving forces, currents, ΔG and charge at this V_m instead of the "
         "resting potential"), N_("MV") },
    { "radius", 0, 0, G_OPTION_ARG_FILENAME, &opt.radius,
      N_("Cell radius in µm"), N_("UM") },
    { "capacitance", 0, 0, G_OPTION_ARG_FILENAME, &opt.capacitance,
      N_("Specific membrane capacitance in µF/cm²"), N_("UF_PER_CM2") },
    { "donnan", 0, 0, G_OPTION_ARG_FILENAME, &opt.donnan,
      N_("Open-bath Donnan equilibrium: inside impermeant anion mM and valence, outside KCl mM"),
      N_("A,ZA,BATH") },
    { "donnan-closed", 0, 0, G_OPTION_ARG_FILENAME, &opt.donnan_closed,
      N_("Closed two-compartment Donnan equilibrium: inside impermeant anion mM and valence, "
         "inside and outside KCl mM, inside and outside volume"),
      N_("A,ZA,KCL_IN,KCL_OUT,VIN,VOUT") },
    { "practice", 0, 0, G_OPTION_ARG_FILENAME, &opt.practice,
      N_("Print practice problems with worked solutions instead: nernst, ghk, driving-force, "
         "delta-g, charge, donnan, comma-separated (they take turns), or all"), N_("TOPICS") },
    { "count", 0, 0, G_OPTION_ARG_FILENAME, &opt.count,
      N_("With --practice: how many problems, 1 to 500 (10 by default)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_FILENAME, &opt.seed,
      N_("With --practice: the set's number, 0 or more (1 by default); a seed always gives the "
         "same problems"), N_("S") },
    { "answers", 0, 0, G_OPTION_ARG_NONE, &opt.answers,
      N_("With --practice: print each answer and its worked solution too"), NULL },
    { "moodle", 0, 0, G_OPTION_ARG_FILENAME, &opt.moodle,
      N_("With --practice: write the problems as a Moodle XML question bank"), N_("FILE.xml") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &opt.pdf,
      N_("With --practice: write a printable worksheet, the answer key on its last pages"),
      N_("FILE.pdf") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt.json,
      N_("Machine-readable output"), NULL },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &opt.save,
      N_("Also write the cell these options describe as a scenario file; an existing file "
         "is replaced only when the whole new one is written"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt.files,
      NULL, N_("[SCENARIO.membrane]") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlCell) cell = NULL;
  g_autoptr(MlCell) rest = NULL;
  g_autofree char *output = NULL;
  MlSolution sol;
  int status = 0;

  g_return_val_if_fail (out != NULL && err != NULL, EXIT_INTERNAL);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Compute a cell's membrane potential: Nernst, GHK, driving "
                                  "forces, the Na⁺/K⁺ pump, ΔG, charge and Donnan."));
  g_option_context_set_description (context,
                                    _("Without a preset, a file or --ion the default preset is "
                                      "used. Exit status: 0 success, 2 bad input.\n\n"
                                      "--donnan-closed puts the impermeant anion and KCL_IN mM "
                                      "of KCl in a compartment of volume VIN, KCL_OUT mM of KCl "
                                      "in one of volume VOUT (any one unit for both), and lets "
                                      "KCl move until K_in·Cl_in = K_out·Cl_out, at the cell's "
                                      "temperature. A large VOUT approaches --donnan."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_autofree char *message = g_strdup_printf (_("%s (see --help)"), error->message);

      print_error (err, message);
      options_clear (&opt);
      return EXIT_BAD_INPUT;
    }

  if (opt.list_presets)
    {
      options_clear (&opt);
      return list_presets (out);
    }

  req.ions = g_array_new (FALSE, TRUE, sizeof (MlIon));
  if (!parse_request (&opt, &req, &error))
    {
      status = EXIT_BAD_INPUT;
      goto out;
    }

  if (opt.list_mechanisms)
    {
      status = list_mechanisms (out);
      goto out;
    }

  if (opt.practice != NULL)
    {
      MlCliPractice practice = { opt.practice, opt.count, opt.seed, opt.answers, opt.json,
                                 opt.moodle, opt.pdf };

      status = ml_cli_practice_run (&practice, out, &error);
      goto out;
    }

  cell = build_cell (&opt, &req, &rest, &status, &error);
  if (cell == NULL)
    goto out;

  /* After the cell is built, so the ion ids are those of the preset, file
   * or --ion options given. */
  if (opt.list_parameters)
    {
      status = list_parameters (out, cell);
      goto out;
    }

  if (opt.sweep != NULL)
    {
      g_autoptr (GError) sweep_error = NULL;
      g_autoptr (MlSweep) sweep = ml_sweep_parse (opt.sweep, cell, &sweep_error);

      if (sweep == NULL)
        {
          ml_cli_set_bad_value (&error, "--sweep %s", sweep_error->message);
          status = EXIT_BAD_INPUT;
          goto out;
        }
      ml_sweep_set_trade_na (sweep, !opt.sweep_keep_na);
      if (opt.save != NULL && !save_cell (cell, opt.save, &error))
        {
          status = EXIT_BAD_INPUT;
          goto out;
        }
      ml_cli_sweep_run (sweep, cell, opt.csv, opt.json, out);
      goto out;
    }

  if (opt.plot != NULL || opt.handout != NULL)
    {
      status = write_figures (&opt, cell, rest, out, &error);
      goto out;
    }

  if (opt.simulate != NULL)
    {
      g_autoptr (MlCliSimulate) simulate = ml_cli_simulate_parse (opt.simulate, opt.every,
                                                                 opt.events, cell, &error);

      if (simulate == NULL || (opt.save != NULL && !save_cell (cell, opt.save, &error)))
        {
          status = EXIT_BAD_INPUT;
          goto out;
        }
      ml_cli_simulate_run (simulate, cell, opt.csv, out);
      goto out;
    }

  if (req.has_vm)
    ml_cell_solve_at (cell, req.vm, &sol);
  else
    ml_cell_solve (cell, &sol);

  if (!solve_donnan (&req, ml_cell_get_temperature (cell), &error))
    {
      status = EXIT_BAD_INPUT;
      goto out;
    }

  if (opt.save != NULL && !save_cell (cell, opt.save, &error))
    {
      status = EXIT_BAD_INPUT;
      goto out;
    }

  if (opt.json)
    output = ml_cli_solution_to_json (cell, &sol, req.has_donnan ? &req.donnan : NULL,
                                      req.has_donnan_closed ? &req.donnan_closed : NULL);
  else
    output = ml_cli_solution_to_table (cell, &sol, req.has_donnan ? &req.donnan : NULL,
                                       req.has_donnan_closed ? &req.donnan_closed : NULL);
  g_string_append (out, output);

out:
  if (error != NULL)
    print_error (err, error->message);
  g_array_unref (req.ions);
  options_clear (&opt);
  return status;
}
