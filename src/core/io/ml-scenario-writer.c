/* ml-scenario-writer.c — writing a cell as a .membrane scenario
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer side of ml-scenario.h: the same format the loader reads, with
 * numbers written so they read back as exactly the same doubles, and files
 * replaced atomically so a crash mid-save never leaves half a file.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-scenario.h"
#include "ml-scenario-private.h"
#include "ml-file-io.h"
#include "ml-params.h"
#include "ml-mechanism.h"

#include <math.h>
#include <string.h>


/* The shortest of %.15g, %.16g and %.17g that reads back as the same double:
 * "4e-08" rather than "4.0000000000000001e-08", and still exact. */
/* The shortest of %.15g … %.17g that reads back as @value. */
static void
format_number (char   *buf,
               gsize   size,
               double  value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, size, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
}

static void
set_number (GKeyFile   *keyfile,
            const char *group,
            const char *key,
            double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (isfinite (value));
  format_number (buf, sizeof buf, value);
  g_key_file_set_value (keyfile, group, key, buf);
}

/* Every parameter the table keeps in @group for the whole cell, in table
 * order, which is the order the format lists them in. */
static void
set_cell_params (GKeyFile   *keyfile,
                 const char *group,
                 MlCell     *cell)
{
  for (guint k = 0; k < ML_N_PARAMS; k++)
    {
      const MlParam *param = ml_params_get_kind (k);

      if (!ml_param_is_per_ion (param) && strcmp (param->group, group) == 0)
        set_number (keyfile, group, param->key, ml_param_get_value (param, cell, 0));
    }
}

static const char *
pump_mode_to_string (MlPumpMode mode)
{
  switch (mode)
    {
    case ML_PUMP_RATIO:
      return "ratio";
    case ML_PUMP_CURRENT:
      return "current";
    case ML_PUMP_KINETIC:
      return "kinetic";
    case ML_PUMP_OFF:
    default:
      return "off";
    }
}

/**
 * ml_scenario_to_data:
 * @cell: a cell
 * @length: (out) (optional): the length of the result
 *
 * Returns: (transfer full): @cell as a scenario file, NUL-terminated
 */
char *
ml_scenario_to_data (MlCell *cell,
                     gsize  *length)
{
  g_autoptr(GKeyFile) keyfile = NULL;
  guint n_ions;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);

  keyfile = g_key_file_new ();
  /* GKeyFile puts the '#' in front itself. */
  g_key_file_set_comment (keyfile, NULL, NULL, " Membrane Lab scenario", NULL);

  g_key_file_set_integer (keyfile, GROUP_MEMBRANE, KEY_VERSION, ML_SCENARIO_FORMAT_VERSION);
  g_key_file_set_string (keyfile, GROUP_MEMBRANE, KEY_NAME, ml_cell_get_name (cell));
  g_key_file_set_string (keyfile, GROUP_MEMBRANE, KEY_DESCRIPTION,
                         ml_cell_get_description (cell));
  g_key_file_set_string (keyfile, GROUP_MEMBRANE, KEY_SOURCE, ml_cell_get_source (cell));
  set_cell_params (keyfile, GROUP_MEMBRANE, cell);

  n_ions = ml_cell_get_n_ions (cell);
  for (guint i = 0; i < n_ions; i++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, i);
      g_autofree char *group = g_strconcat (ION_PREFIX, ion->name, NULL);

      g_key_file_set_integer (keyfile, group, KEY_VALENCE, ion->z);
      for (guint k = 0; k < ML_N_PARAMS; k++)
        {
          const MlParam *param = ml_params_get_kind (k);

          if (!ml_param_is_per_ion (param))
            continue;
          if (param->flags & ML_PARAM_FLAG_BOOLEAN)
            g_key_file_set_boolean (keyfile, group, param->key,
                                    ml_param_get_value (param, cell, i) != 0.0);
          else
            set_number (keyfile, group, param->key, ml_param_get_value (param, cell, i));
        }
    }

  g_key_file_set_value (keyfile, GROUP_PUMP, KEY_PUMP_MODE,
                        pump_mode_to_string (ml_cell_get_pump_mode (cell)));
  set_cell_params (keyfile, GROUP_PUMP, cell);
  set_cell_params (keyfile, GROUP_GEOMETRY, cell);

  /* One group per mechanism, its parameters under the class's keys. */
  for (guint m = 0; m < ml_cell_get_n_mechanisms (cell); m++)
    {
      const MlMechanism *mech = ml_cell_get_mechanism (cell, m);
      g_autofree char *group = g_strconcat (ML_MECHANISM_GROUP_PREFIX, mech->klass->id, NULL);

      /* A class without parameters still needs its group to be there. */
      g_key_file_set_comment (keyfile, group, NULL, " ", NULL);
      for (guint k = 0; k < mech->klass->n_params; k++)
        set_number (keyfile, group, mech->klass->params[k].key, mech->values[k]);
    }

  {
    g_autofree char *param = NULL;
    g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr (GArray) vs = g_array_new (FALSE, FALSE, sizeof (double));

    if (ml_cell_get_measured (cell, &param, xs, vs) && xs->len > 0)
      {
        g_autoptr (GString) values = g_string_new (NULL);
        g_autoptr (GString) vms = g_string_new (NULL);

        for (guint i = 0; i < xs->len; i++)
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            format_number (buf, sizeof buf, g_array_index (xs, double, i));
            g_string_append_printf (values, "%s;", buf);
            format_number (buf, sizeof buf, g_array_index (vs, double, i));
            g_string_append_printf (vms, "%s;", buf);
          }
        g_key_file_set_string (keyfile, GROUP_MEASURED, KEY_MEASURED_PARAMETER, param);
        g_key_file_set_value (keyfile, GROUP_MEASURED, KEY_MEASURED_VALUES, values->str);
        g_key_file_set_value (keyfile, GROUP_MEASURED, KEY_MEASURED_VM, vms->str);
      }
  }

  return g_key_file_to_data (keyfile, length, NULL);
}

/**
 * ml_scenario_save_file:
 * @cell: a cell
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes @cell atomically with ml_file_replace_atomic(): readers see the old
 * file or the new one, never a half-written one, and a failed save (a full
 * disk, a folder without write permission) leaves the old file as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
ml_scenario_save_file (MlCell        *cell,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (ML_IS_CELL (cell), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = ml_scenario_to_data (cell, &length);
  return ml_file_replace_atomic (file, data, length, cancellable, error);
}

/**
 * ml_scenario_save_file_async:
 * @cell: a cell
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written or the write failed
 * @user_data: for @callback
 *
 * Writes @cell as it is now; later edits do not reach the file.  The writing
 * happens in a worker thread.
 */
void
ml_scenario_save_file_async (MlCell              *cell,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  char *data;

  g_return_if_fail (ML_IS_CELL (cell));
  g_return_if_fail (G_IS_FILE (file));

  data = ml_scenario_to_data (cell, &length);
  bytes = g_bytes_new_take (data, length);
  ml_file_replace_atomic_async (file, bytes, cancellable, callback, user_data);
}

/**
 * ml_scenario_save_file_finish:
 * @file: the file given to ml_scenario_save_file_async()
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written
 */
gboolean
ml_scenario_save_file_finish (GFile         *file,
                              GAsyncResult  *result,
                              GError       **error)
{
  return ml_file_replace_atomic_finish (file, result, error);
}
