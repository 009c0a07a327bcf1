/* ml-scenario.c — .membrane scenario files: load and save an MlCell
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario arrives from a user's disk, a download or a preset, so the loader
 * treats every byte as hostile: each value is checked and read into a
 * scratch cell, and the target cell is assigned from it only when the whole
 * file is good.  A bad file therefore never leaves a half-loaded cell behind,
 * and a good one is a single "changed" emission (one undo step, one redraw).
 *
 * Numbers go through g_ascii_strtod/g_ascii_formatd so a file written in a
 * German locale opens in an English one and the other way round.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-scenario.h"
#include "ml-scenario-private.h"
#include "ml-file-io.h"
#include "ml-keyfile-reader.h"
#include "ml-params.h"
#include "ml-mechanism.h"
#include "ml-steady-state.h"
#include "ml-text.h"

#include <errno.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (ml-scenario-error-quark, ml_scenario_error)

static char *
format_bound (double      value,
              const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* The file wants a dot as decimal separator, so the message shows one. */
  g_ascii_formatd (buf, sizeof buf, "%.6g", value);
  if (unit == NULL)
    return g_strdup (buf);
  return g_strdup_printf ("%s %s", buf, unit);
}

/* "nan", "inf", "-infinity" and the like, in any case. */
static gboolean
parse_nan_or_inf (const char *text,
                  double     *out)
{
  char *end = NULL;
  double value;

  if (strpbrk (text, "xXpP") != NULL)
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

/* Reads the number of @param, with the key, range and unit of the
 * parameter table; an absent optional key leaves @out as it was. */
static gboolean
read_number (GKeyFile       *keyfile,
             const char     *group,
             const MlParam  *param,
             double         *out,
             GError        **error)
{
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  gboolean required = (param->flags & ML_PARAM_FLAG_REQUIRED) != 0;
  gboolean concentration = param->kind == ML_PARAM_ION_C_IN || param->kind == ML_PARAM_ION_C_OUT;
  gboolean present;
  double value;

  g_assert (!(param->flags & ML_PARAM_FLAG_BOOLEAN));

  text = ml_keyfile_get_trimmed (keyfile, group, param->key, required, &present, error);
  if (!present)
    return !required;

  quoted = ml_keyfile_quote (text);

  if (text[0] == '\0')
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, param->key,
                            _("the value is empty; a number is needed"));
      return FALSE;
    }

  /* "nan" and "inf" are not numbers to ml_text_parse_decimal(); they get
   * messages of their own below. */
  if (!ml_text_parse_decimal (text, &value) && !parse_nan_or_inf (text, &value))
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, param->key,
                             /* Translators: %s is the value found in the file. */
                             _("“%s” is not a number"),
                             quoted);
      return FALSE;
    }

  if (isnan (value))
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, param->key,
                             /* Translators: %s is the value found in the file, e.g. "nan". */
                             _("“%s” is not a number (NaN)"),
                             quoted);
      return FALSE;
    }

  if (isinf (value))
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, param->key,
                             /* Translators: %s is the value found in the file, e.g. "inf" or a
                             * number too large for the computer, like "1e999". */
                             _("“%s” is infinite; a finite number is needed"),
                             quoted);
      return FALSE;
    }

  /* A negative concentration or permeability is a misunderstanding rather
   * than a number slightly out of range, so it gets words of its own. */
  if (value < 0.0 && concentration)
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, param->key,
                             /* Translators: %s is the value found in the file, e.g. "-3". */
                             _("“%s” is negative; a concentration must be 0 mM or more"),
                             quoted);
      return FALSE;
    }

  if (value < 0.0 && param->kind == ML_PARAM_ION_P)
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, param->key,
                             /* Translators: %s is the value found in the file, e.g. "-1e-6". */
                             _("“%s” is negative; a permeability must be 0 cm/s or more"),
                             quoted);
      return FALSE;
    }

  if (!ml_param_accepts (param, value))
    {
      g_autofree char *lo = format_bound (param->min, param->unit);
      g_autofree char *hi = format_bound (param->max, param->unit);

      if (param->flags & ML_PARAM_FLAG_MIN_OPEN)
        ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, param->key,
                               /* Translators: the first %s is the value found in the file, the
                               * others are the limits with their unit, e.g. "-273.15 °C". */
                               _("“%s” is out of range; it must be above %s and at most %s"),
                               quoted, lo, hi);
      else
        ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, param->key,
                               /* Translators: the first %s is the value found in the file, the
                               * others are the limits with their unit, e.g. "0 mM" and "100000 mM". */
                               _("“%s” is out of range; it must be from %s to %s"),
                               quoted, lo, hi);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* Reads a whole number: no fraction, no exponent, only digits after a sign. */
static gboolean
read_integer (GKeyFile    *keyfile,
              const char  *group,
              const char  *key,
              gint64      *out,
              GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  gboolean present;
  char *end = NULL;
  gint64 value;

  text = ml_keyfile_get_trimmed (keyfile, group, key, TRUE, &present, error);
  if (!present)
    return FALSE;

  quoted = ml_keyfile_quote (text);
  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (text[0] == '\0' || end == text || *end != '\0' || errno == ERANGE)
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, key,
                             /* Translators: %s is the value found in the file, e.g. "1.5". */
                             _("“%s” is not a whole number"),
                             quoted);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* An absent key keeps the default; only true/false (or 1/0, as GKeyFile
 * writes them in some tools) are accepted, never "yes" or "maybe". */
static gboolean
read_boolean (GKeyFile    *keyfile,
              const char  *group,
              const char  *key,
              gboolean    *out,
              GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  gboolean present;

  text = ml_keyfile_get_trimmed (keyfile, group, key, FALSE, &present, error);
  if (!present)
    return TRUE;

  if (strcmp (text, "true") == 0 || strcmp (text, "1") == 0)
    {
      *out = TRUE;
      return TRUE;
    }
  if (strcmp (text, "false") == 0 || strcmp (text, "0") == 0)
    {
      *out = FALSE;
      return TRUE;
    }

  quoted = ml_keyfile_quote (text);
  ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, key,
                         /* Translators: %s is the value found in the file, e.g. "maybe".  Do not
                         * translate "true" and "false": the file must hold them in English. */
                         _("“%s” is not true or false"),
                         quoted);
  return FALSE;
}

/* Every parameter the table keeps in @group for the whole cell, in table
 * order (so the first bad key is the one reported), into @cell.  An absent
 * optional key gives the parameter's default. */
static gboolean
read_cell_params (GKeyFile    *keyfile,
                  const char  *group,
                  MlCell      *cell,
                  GError     **error)
{
  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);
      double value = param->default_value;

      if (ml_param_is_per_ion (param) || strcmp (param->group, group) != 0)
        continue;
      if (!read_number (keyfile, group, param, &value, error))
        return FALSE;
      ml_param_set_value (param, cell, 0, value);
    }
  return TRUE;
}

static gboolean
name_is_blank (const char *name)
{
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
read_membrane (GKeyFile  *keyfile,
               MlCell    *cell,
               GError   **error)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *source = NULL;
  gint64 version;

  if (!g_key_file_has_group (keyfile, GROUP_MEMBRANE))
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, GROUP_MEMBRANE, NULL,
                            _("the group is missing; every scenario starts with it"));
      return FALSE;
    }

  /* The version first: a newer format may mean anything by the other keys. */
  if (!read_integer (keyfile, GROUP_MEMBRANE, KEY_VERSION, &version, error))
    return FALSE;
  if (version != ML_SCENARIO_FORMAT_VERSION)
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, GROUP_MEMBRANE, KEY_VERSION,
                             /* Translators: the first %d is the version found in the file, the
                             * second the one this program reads (1). */
                             _("version %d is not supported; this version of Membrane Lab reads version %d"),
                             (int)CLAMP (version, G_MININT, G_MAXINT),
                             ML_SCENARIO_FORMAT_VERSION);
      return FALSE;
    }

  /* Every text a label shows has a length a label can wrap at once. */
  if (!ml_keyfile_check_length (keyfile, GROUP_MEMBRANE, KEY_NAME, ML_CELL_NAME_MAX_CHARS, FALSE,
                                error)
      || !ml_keyfile_check_length (keyfile, GROUP_MEMBRANE, KEY_DESCRIPTION,
                                   ML_CELL_DESCRIPTION_MAX_CHARS, FALSE, error)
      || !ml_keyfile_check_length (keyfile, GROUP_MEMBRANE, KEY_SOURCE, ML_CELL_SOURCE_MAX_CHARS,
                                   FALSE, error))
    return FALSE;
  name = ml_keyfile_read_locale_string (keyfile, GROUP_MEMBRANE, KEY_NAME, TRUE, error);
  if (name == NULL)
    return FALSE;
  if (name_is_blank (name))
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, GROUP_MEMBRANE, KEY_NAME,
                            _("the name is empty; a scenario needs a name"));
      return FALSE;
    }

  if (g_key_file_has_key (keyfile, GROUP_MEMBRANE, KEY_DESCRIPTION, NULL))
    {
      description = ml_keyfile_read_locale_string (keyfile, GROUP_MEMBRANE, KEY_DESCRIPTION,
                                                   FALSE, error);
      if (description == NULL)
        return FALSE;
    }

  source = ml_keyfile_read_plain_string (keyfile, GROUP_MEMBRANE, KEY_SOURCE, error);
  if (source == NULL)
    return FALSE;

  if (!read_cell_params (keyfile, GROUP_MEMBRANE, cell, error))
    return FALSE;

  ml_cell_set_name (cell, name);
  ml_cell_set_description (cell, description != NULL ? description : "");
  ml_cell_set_source (cell, source);
  return TRUE;
}

static gboolean
ion_name_is_valid (const char *name)
{
  if (name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* GKeyFile merges a group that appears twice into one, so a file with two
 * [Ion K] groups would silently mix their keys.  Look at the raw group lines
 * to refuse that instead.  Returns the first ion name seen twice, or NULL. */
static char *
find_repeated_ion_group (const char *data,
                         gsize       length)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, NULL);
  const char *line = data;
  const char *data_end = data + length;

  while (line < data_end)
    {
      const char *eol = memchr (line, '\n', data_end - line);
      const char *line_end = eol != NULL ? eol : data_end;
      const char *start = line;
      const char *stop = line_end;

      while (start < stop && g_ascii_isspace (*start))
        start++;
      while (stop > start && g_ascii_isspace (stop[-1]))
        stop--;

      if (stop - start >= 2 && start[0] == '[' && stop[-1] == ']')
        {
          g_autofree char *group = g_strndup (start + 1, stop - start - 2);

          if (g_str_has_prefix (group, ION_PREFIX))
            {
              if (g_hash_table_contains (seen, group))
                return g_strdup (group + strlen (ION_PREFIX));
              g_hash_table_add (seen, g_steal_pointer (&group));
            }
        }

      line = line_end + 1;
    }

  return NULL;
}

static double *
ion_number (MlIon      *ion,
            MlIonField  field)
{
  switch (field)
    {
    case ML_ION_FIELD_C_IN:
      return &ion->c_in;
    case ML_ION_FIELD_C_OUT:
      return &ion->c_out;
    case ML_ION_FIELD_P:
    default:
      return &ion->p;
    }
}

static gboolean
read_ion (GKeyFile    *keyfile,
          const char  *group,
          MlIon       *ion,
          GError     **error)
{
  const char *name = group + strlen (ION_PREFIX);
  g_autofree char *quoted = NULL;
  gboolean enabled = TRUE;
  gint64 valence;

  memset (ion, 0, sizeof *ion);
  quoted = ml_keyfile_quote (name);

  if (name[0] == '\0')
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, NULL,
                            _("the ion has no name; write it after “Ion ”, e.g. [Ion K]"));
      return FALSE;
    }
  if (strlen (name) >= ML_ION_NAME_MAX)
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, NULL,
                             /* Translators: the first %s is the ion name from the file, the %d
                             * the longest name allowed in bytes (15). */
                             _("the ion name “%s” is too long; it may have at most %d letters or digits"),
                             quoted, ML_ION_NAME_MAX - 1);
      return FALSE;
    }
  if (!ion_name_is_valid (name))
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, NULL,
                             /* Translators: %s is the ion name from the file, e.g. "K+". */
                             _("the ion name “%s” may hold only the letters A–Z and a–z and the digits 0–9"),
                             quoted);
      return FALSE;
    }

  if (!read_integer (keyfile, group, KEY_VALENCE, &valence, error))
    return FALSE;
  if (valence != 1 && valence != -1 && valence != 2 && valence != -2)
    {
      g_autofree char *text = g_key_file_get_value (keyfile, group, KEY_VALENCE, NULL);
      g_autofree char *quoted_value = ml_keyfile_quote (g_strstrip (text));

      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, KEY_VALENCE,
                             /* Translators: %s is the value found in the file, e.g. "3". */
                             _("“%s” is not a valence the app handles; it must be −2, −1, 1 or 2"),
                             quoted_value);
      return FALSE;
    }

  /* The per-ion parameters, in table order: Inside, Outside, Permeability,
   * Enabled. */
  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);

      if (!ml_param_is_per_ion (param))
        continue;
      if (param->flags & ML_PARAM_FLAG_BOOLEAN)
        {
          enabled = param->default_value != 0.0;
          if (!read_boolean (keyfile, group, param->key, &enabled, error))
            return FALSE;
        }
      else if (!read_number (keyfile, group, param, ion_number (ion, param->ion_field), error))
        return FALSE;
    }

  g_strlcpy (ion->name, name, sizeof ion->name);
  ion->z = (int)valence;
  ion->enabled = enabled;
  g_assert (ml_ion_is_valid (ion));
  return TRUE;
}

static gboolean
read_ions (GKeyFile    *keyfile,
           const char  *data,
           gsize        length,
           MlCell      *cell,
           GError     **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (keyfile, NULL);
  g_autofree char *repeated = NULL;
  /* The names as the file writes them: the cell stores "k" as "K", and a
   * message should quote the file. */
  const char *seen[ML_MAX_IONS];
  guint n_seen = 0;
  guint n_ions = 0;

  /* Count before reading, so a file with 200 ions fails at once and with the
   * error that says what is wrong. */
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (!g_str_has_prefix (groups[i], ION_PREFIX))
        continue;
      if (++n_ions > ML_MAX_IONS)
        {
          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_TOO_MANY, groups[i], NULL,
                                 /* Translators: %d is the most ions a scenario may hold (8). */
                                 _("too many ions; a scenario holds at most %d"),
                                 ML_MAX_IONS);
          return FALSE;
        }
    }

  repeated = find_repeated_ion_group (data, length);
  if (repeated != NULL)
    {
      g_autofree char *group = g_strconcat (ION_PREFIX, repeated, NULL);
      g_autofree char *quoted = ml_keyfile_quote (repeated);

      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, NULL,
                             /* Translators: %s is an ion name, e.g. "K". */
                             _("the ion “%s” appears twice; each ion may appear once"),
                             quoted);
      return FALSE;
    }

  for (guint i = 0; groups[i] != NULL; i++)
    {
      MlIon ion;

      if (!g_str_has_prefix (groups[i], ION_PREFIX))
        continue;
      if (!read_ion (keyfile, groups[i], &ion, error))
        return FALSE;

      /* "K" and "k" are one ion to the cell (ml_cell_find_ion()) and to
       * every reader of the file, so the second would silently replace the
       * first. */
      for (guint j = 0; j < n_seen; j++)
        if (g_ascii_strcasecmp (seen[j], ion.name) == 0)
          {
            ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, groups[i], NULL,
                                   /* Translators: both %s are ion names that differ only in
                                   * upper and lower case, e.g. "k" and "K". */
                                   _("the ion name “%s” is the same as “%s”; each ion may appear once"),
                                   ion.name, seen[j]);
            return FALSE;
          }

      g_assert (n_seen < ML_MAX_IONS);
      seen[n_seen++] = groups[i] + strlen (ION_PREFIX);
      if (ml_cell_set_ion (cell, &ion) < 0)
        g_assert_not_reached ();
    }

  return TRUE;
}

static gboolean
read_pump (GKeyFile  *keyfile,
           MlCell    *cell,
           GError   **error)
{
  g_autofree char *mode_text = NULL;
  MlPumpMode mode = ML_PUMP_OFF;
  gboolean present;

  mode_text = ml_keyfile_get_trimmed (keyfile, GROUP_PUMP, KEY_PUMP_MODE, FALSE, &present, error);
  if (present)
    {
      if (g_ascii_strcasecmp (mode_text, "off") == 0)
        mode = ML_PUMP_OFF;
      else if (g_ascii_strcasecmp (mode_text, "ratio") == 0)
        mode = ML_PUMP_RATIO;
      else if (g_ascii_strcasecmp (mode_text, "current") == 0)
        mode = ML_PUMP_CURRENT;
      else if (g_ascii_strcasecmp (mode_text, "kinetic") == 0)
        mode = ML_PUMP_KINETIC;
      else
        {
          g_autofree char *quoted = ml_keyfile_quote (mode_text);

          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, GROUP_PUMP, KEY_PUMP_MODE,
                                 /* Translators: %s is the value found in the file.  Do not
                                 * translate off, ratio, current and kinetic: the file holds them in
                                 * English. */
                                 _("“%s” is not a pump mode; use off, ratio, current or kinetic"),
                                 quoted);
          return FALSE;
        }
    }

  if (!read_cell_params (keyfile, GROUP_PUMP, cell, error))
    return FALSE;

  ml_cell_set_pump_mode (cell, mode);
  return TRUE;
}

/* [Mechanism ID]: one group per mechanism besides the leak and the pump,
 * each key a parameter of its class; an absent key keeps the default. */
static gboolean
read_mechanisms (GKeyFile  *keyfile,
                 MlCell    *cell,
                 GError   **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (keyfile, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      const char *id;
      const MlMechanismClass *klass;
      g_auto(GStrv) keys = NULL;
      int index;

      if (!g_str_has_prefix (group, ML_MECHANISM_GROUP_PREFIX))
        continue;
      id = group + strlen (ML_MECHANISM_GROUP_PREFIX);
      klass = ml_mechanism_class_find (id);
      if (klass == NULL || klass->builtin)
        {
          g_autofree char *quoted = ml_keyfile_quote (id);

          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, NULL,
                                 klass == NULL
                                 /* Translators: %s is the mechanism's id found in the file. */
                                 ? _("“%s” is not a mechanism this version knows; "
                                     "membrane-calc --list-mechanisms lists them")
                                 /* Translators: %s is "leak" or "nak-pump". */
                                 : _("“%s” is part of every cell: its values belong in the "
                                     "[Ion …] and [Pump] groups"),
                                 quoted);
          return FALSE;
        }

      index = ml_cell_add_mechanism (cell, klass);
      if (index < 0)
        {
          ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_TOO_MANY, group, NULL,
                                 /* Translators: %d is the most mechanisms a cell holds (8). */
                                 _("too many mechanisms; a cell holds at most %d besides its "
                                   "leak and pump"),
                                 ML_MAX_MECHANISMS);
          return FALSE;
        }

      keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          const MlParam *param = ml_params_lookup_key (group, keys[k]);
          double value;

          if (param == NULL)
            {
              g_autofree char *quoted = ml_keyfile_quote (keys[k]);

              ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, keys[k],
                                     /* Translators: %s is the key found in the file. */
                                     _("“%s” is not a parameter of this mechanism"), quoted);
              return FALSE;
            }
          value = param->default_value;
          if (!read_number (keyfile, group, param, &value, error))
            return FALSE;
          ml_cell_set_mechanism_value (cell, (guint)index, param->slot, value);
        }
    }
  return TRUE;
}

/* [Membrane] Fit: the parameters that make the cell a steady state. */
static gboolean
read_fit (GKeyFile  *keyfile,
          MlCell    *cell,
          GError   **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GError) fit_error = NULL;
  gboolean present;

  text = ml_keyfile_get_trimmed (keyfile, GROUP_MEMBRANE, KEY_FIT, FALSE, &present, error);
  if (!present)
    return error == NULL || *error == NULL;

  ids = g_strsplit (text, ";", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_strstrip (ids[i]);
      if (ids[i][0] != '\0')
        g_ptr_array_add (kept, ids[i]);
    }
  if (!ml_cell_fit_steady_state (cell, (const char * const *)kept->pdata, kept->len, &fit_error))
    {
      ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, GROUP_MEMBRANE, KEY_FIT,
                             /* Translators: %s says why, e.g. "no membrane potential
                              * balances every ion with these parameters". */
                             _("the cell cannot be made a steady state: %s"),
                             fit_error->message);
      return FALSE;
    }
  return TRUE;
}

/* [Measured]: V_m measured at values of one parameter, two lists of
 * numbers of the same length. */
static gboolean
read_measured (GKeyFile  *keyfile,
               MlCell    *cell,
               GError   **error)
{
  g_autofree char *param = NULL;
  g_auto (GStrv) values = NULL;
  g_auto (GStrv) vms = NULL;
  g_autoptr (GString) text = NULL;
  double probe;
  gsize n_values = 0, n_vms = 0;

  if (!g_key_file_has_group (keyfile, GROUP_MEASURED))
    return TRUE;
  param = g_key_file_get_string (keyfile, GROUP_MEASURED, KEY_MEASURED_PARAMETER, NULL);
  if (param != NULL)
    g_strstrip (param);
  if (param == NULL || !ml_params_get_value (cell, param, &probe))
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, GROUP_MEASURED, KEY_MEASURED_PARAMETER,
                            _("not a parameter of this cell (membrane-calc --list-parameters lists them)"));
      return FALSE;
    }
  values = g_key_file_get_string_list (keyfile, GROUP_MEASURED, KEY_MEASURED_VALUES, &n_values,
                                       NULL);
  vms = g_key_file_get_string_list (keyfile, GROUP_MEASURED, KEY_MEASURED_VM, &n_vms, NULL);
  if (values == NULL || vms == NULL || n_values != n_vms || n_values == 0 || n_values > 10000)
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, GROUP_MEASURED, KEY_MEASURED_VM,
                            _("Values and Vm must be two lists of the same length"));
      return FALSE;
    }
  text = g_string_new (param);
  g_string_append_c (text, ' ');
  for (gsize i = 0; i < n_values; i++)
    {
      double x, v;

      if (!ml_text_parse_decimal (g_strstrip (values[i]), &x) || !isfinite (x)
          || !ml_text_parse_decimal (g_strstrip (vms[i]), &v) || !(fabs (v) <= 10000.0))
        {
          ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, GROUP_MEASURED, KEY_MEASURED_VM,
                                _("every entry must be a decimal number (V_m in mV)"));
          return FALSE;
        }
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s %s", values[i], vms[i]);
    }
  if (!ml_cell_set_measured_text (cell, text->str))
    {
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, GROUP_MEASURED, KEY_MEASURED_VM,
                            _("every entry must be a decimal number (V_m in mV)"));
      return FALSE;
    }
  /* In the cell's own order and spelling of numbers. */
  {
    g_autofree char *kept = NULL;
    g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr (GArray) vs = g_array_new (FALSE, FALSE, sizeof (double));

    ml_cell_get_measured (cell, &kept, xs, vs);
    ml_cell_set_measured_text (cell, NULL);
    for (guint i = 0; i < xs->len; i++)
      ml_cell_set_measured_point (cell, kept, g_array_index (xs, double, i),
                                  g_array_index (vs, double, i));
  }
  return TRUE;
}

static gboolean
read_geometry (GKeyFile  *keyfile,
               MlCell    *cell,
               GError   **error)
{
  return read_cell_params (keyfile, GROUP_GEOMETRY, cell, error);
}

static gboolean
check_size (gsize     length,
            GError  **error)
{
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;

  if (length <= ML_SCENARIO_MAX_BYTES)
    return TRUE;

  size = g_format_size (length);
  limit = g_format_size (ML_SCENARIO_MAX_BYTES);
  g_set_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_TOO_LARGE,
               /* Translators: both %s are sizes such as "300.0 kB". */
               _("The file is too large to be a scenario (%s; at most %s)"),
               size, limit);
  return FALSE;
}

/**
 * ml_scenario_load_data:
 * @cell: the cell to load into
 * @data: the file's bytes
 * @length: their number, or -1 when @data ends with a NUL
 * @error: return location for a #GError
 *
 * Reads a scenario into @cell in one change.  On error @cell is untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
ml_scenario_load_data (MlCell      *cell,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(MlCell) scratch = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ML_IS_CELL (cell), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Bound the scan for the NUL so a missing one cannot run far. */
  if (length == (gsize)-1)
    length = strnlen (data, ML_SCENARIO_MAX_BYTES + 1);

  if (!check_size (length, error))
    return FALSE;

  /* Editors on Windows start UTF-8 files with a byte-order mark. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  /* GKeyFile checks the encoding of names and values only when they are
   * read; checking the whole file here gives one clear error, and also
   * refuses NUL bytes. */
  if (length > 0 && !g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_PARSE,
                           _("The file is not a scenario: it is not valid UTF-8 text"));
      return FALSE;
    }

  keyfile = g_key_file_new ();
  if (!g_key_file_load_from_data (keyfile, length > 0 ? data : "", length,
                                  G_KEY_FILE_NONE, &local_error))
    {
      /* GKeyFile quotes the whole offending line, which may be 200 KiB. */
      g_autofree char *reason = ml_text_cut (local_error->message, ML_TEXT_QUOTE_MAX_BYTES);

      g_set_error (error, ML_SCENARIO_ERROR, ML_SCENARIO_ERROR_PARSE,
                   /* Translators: %s is the key file parser's own explanation. */
                   _("The file is not a scenario: %s"), reason);
      return FALSE;
    }

  scratch = ml_cell_new ();
  if (!read_membrane (keyfile, scratch, error)
      || !read_ions (keyfile, data, length, scratch, error)
      || !read_pump (keyfile, scratch, error)
      || !read_geometry (keyfile, scratch, error)
      || !read_mechanisms (keyfile, scratch, error)
      || !read_measured (keyfile, scratch, error)
      || !read_fit (keyfile, scratch, error))
    return FALSE;

  ml_cell_assign (cell, scratch);
  return TRUE;
}

/* A refusal of the bounded reader for size is the scenario's own error. */
static void
propagate_read_error (GError **error,
                      GError  *read_error)
{
  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      read_error->domain = ML_SCENARIO_ERROR;
      read_error->code = ML_SCENARIO_ERROR_TOO_LARGE;
    }
  g_propagate_error (error, read_error);
}

/**
 * ml_scenario_load_file:
 * @cell: the cell to load into
 * @file: a .membrane file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like ml_scenario_load_data().  Only a regular file of at most
 * ML_SCENARIO_MAX_BYTES is read (ml_file_read_bounded()); I/O errors are
 * GIO errors whose message gives the reason but not the file's name.
 *
 * Returns: %TRUE on success
 */
gboolean
ml_scenario_load_file (MlCell        *cell,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *contents = NULL;
  GError *read_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (ML_IS_CELL (cell), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ml_file_read_bounded (file, ML_SCENARIO_MAX_BYTES, cancellable, &contents, &length,
                             &read_error))
    {
      propagate_read_error (error, read_error);
      return FALSE;
    }
  return ml_scenario_load_data (cell, contents, length, error);
}

/**
 * ml_scenario_load_file_async:
 * @file: a .membrane file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is read or refused
 * @user_data: for @callback
 *
 * Reads @file in a worker thread; ml_scenario_load_file_finish() checks it
 * and makes the cell, on the caller's thread.
 */
void
ml_scenario_load_file_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));

  ml_file_read_bounded_async (file, ML_SCENARIO_MAX_BYTES, cancellable, callback, user_data);
}

/**
 * ml_scenario_load_file_finish:
 * @file: the file given to ml_scenario_load_file_async()
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new cell holding the scenario, or
 *   %NULL with @error set
 */
MlCell *
ml_scenario_load_file_finish (GFile         *file,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MlCell) cell = NULL;
  GError *read_error = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = ml_file_read_bounded_finish (file, result, &read_error);
  if (bytes == NULL)
    {
      propagate_read_error (error, read_error);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  cell = ml_cell_new ();
  if (!ml_scenario_load_data (cell, length > 0 ? data : "", length, error))
    return NULL;
  return g_steal_pointer (&cell);
}
