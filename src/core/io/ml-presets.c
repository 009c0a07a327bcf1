/* ml-presets.c — the shipped cell presets, read from the core's GResource
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The presets are data (the .membrane files in data/presets) compiled into a GResource
 * that registers itself when the program starts.  They go through the same
 * loader as a user's file, so a preset can never be more trusted than a
 * download, and a broken preset shows up in the tests, not in a lecture.
 */
#define G_LOG_DOMAIN "ml-presets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-presets.h"
#include "ml-scenario.h"

#include <string.h>

#define PRESETS_PATH RESOURCE_BASE "/presets/"

/* Display order: the default first, then from the classic preparation to
 * the chloride-dominated red cell. */
static const char * const preset_ids[] = {
  ML_PRESET_DEFAULT,
  "squid-axon",
  "skeletal-muscle",
  "cardiac-myocyte",
  "astrocyte",
  "red-blood-cell",
  "pump-neuron",
  NULL
};

/* Only ids from the list reach the resource lookup, so an id such as
 * "../ui/style" cannot name some other resource. */
static GBytes *
lookup_preset (const char  *id,
               GError     **error)
{
  g_autofree char *path = NULL;

  if (!ml_presets_exists (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is the preset id the user asked for.  Do not
                    * translate --list-presets: it is a command-line option. */
                   _("There is no preset “%s”; use --list-presets to see the presets"),
                   id);
      return NULL;
    }

  path = g_strconcat (PRESETS_PATH, id, ".membrane", NULL);
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

const char * const *
ml_presets_list (void)
{
  return preset_ids;
}

gboolean
ml_presets_exists (const char *id)
{
  if (id == NULL)
    return FALSE;

  for (guint i = 0; preset_ids[i] != NULL; i++)
    if (strcmp (preset_ids[i], id) == 0)
      return TRUE;
  return FALSE;
}

/**
 * ml_presets_get_name:
 * @id: a preset id
 *
 * Returns: (transfer full) (nullable): the preset's Name in the user's
 *   language where the file has it, or %NULL for an unknown id
 */
/* A string of the preset's [Membrane] group, in the user's language. */
char *
ml_presets_get_string (const char *id,
                       const char *key)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  bytes = lookup_preset (id, NULL);
  if (bytes == NULL)
    return NULL;

  /* Only the one string is wanted here; the full check happens on load. */
  data = g_bytes_get_data (bytes, &length);
  keyfile = g_key_file_new ();
  if (!g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, NULL))
    return NULL;

  return g_key_file_get_locale_string (keyfile, "Membrane", key, NULL, NULL);
}

char *
ml_presets_get_name (const char *id)
{
  return ml_presets_get_string (id, "Name");
}

/**
 * ml_presets_load:
 * @cell: the cell to load into
 * @id: a preset id from ml_presets_list()
 * @error: return location for a #GError
 *
 * Loads the preset into @cell in one change.  An unknown @id is
 * %G_IO_ERROR_NOT_FOUND; @cell is then untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
ml_presets_load (MlCell      *cell,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (ML_IS_CELL (cell), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = lookup_preset (id, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  return ml_scenario_load_data (cell, data, length, error);
}

/**
 * ml_cell_new_default:
 *
 * Returns: (transfer full): a new cell holding the default preset
 */
MlCell *
ml_cell_new_default (void)
{
  g_autoptr(MlCell) cell = ml_cell_new ();
  g_autoptr(GError) error = NULL;

  /* The preset is compiled in and checked by the tests; failing here means
   * the build is broken, not that the user did something wrong. */
  if (!ml_presets_load (cell, ML_PRESET_DEFAULT, &error))
    g_error ("The default preset “%s” does not load: %s",
             ML_PRESET_DEFAULT, error->message);

  return g_steal_pointer (&cell);
}
