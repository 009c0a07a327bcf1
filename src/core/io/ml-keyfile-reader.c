/* ml-keyfile-reader.c — reading a key file a user may have written by hand
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scenario reader and the lesson reader share these: values come
 * trimmed, strings with their escapes checked on the raw text (GLib 2.74
 * can set one error over another for some broken escapes), translations
 * (Key[de]) read for the user's language, and every error names its place
 * as "[Group] Key: problem" with quoted input cut to a readable length.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-keyfile-reader.h"
#include "ml-scenario.h"
#include "ml-text.h"

#include <string.h>

/* A value or a name quoted back in a message, cut (ml-text.h) so that a
 * 200 KiB garbage line does not become a 200 KiB dialog. */
char *
ml_keyfile_quote (const char *text)
{
  return ml_text_cut (text, ML_TEXT_QUOTE_MAX_BYTES / 2);
}

/* Every error names where it is, "[Group] Key: problem", so a user can find
 * the line in a text editor. */
void
ml_keyfile_set_error (GError     **error,
                      int          code,
                      const char  *group,
                      const char  *key,
                      const char  *problem)
{
  g_autofree char *quoted_group = ml_keyfile_quote (group);

  if (key != NULL)
    /* Translators: the start of every error about a scenario or lesson
     * file.  The first %s is a group name ("Ion K"), the second a key
     * ("Inside"), the third the problem, e.g. "“-3” is negative; …".  Keep
     * the brackets. */
    g_set_error (error, ML_SCENARIO_ERROR, code, _("[%s] %s: %s"),
                 quoted_group, key, problem);
  else
    /* Translators: an error about a whole group of a scenario or lesson
     * file.  The first %s is the group name ("Ion K"), the second the
     * problem. */
    g_set_error (error, ML_SCENARIO_ERROR, code, _("[%s]: %s"),
                 quoted_group, problem);
}

/* The same with a problem built from a translated format. */
void
ml_keyfile_set_errorf (GError     **error,
                       int          code,
                       const char  *group,
                       const char  *key,
                       const char  *format,
                       ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  ml_keyfile_set_error (error, code, group, key, problem);
}

/* Returns the trimmed raw value, or NULL with @error set when the key is
 * required and absent.  *present tells a missing optional key apart. */
char *
ml_keyfile_get_trimmed (GKeyFile    *keyfile,
                        const char  *group,
                        const char  *key,
                        gboolean     required,
                        gboolean    *present,
                        GError     **error)
{
  char *value;

  *present = FALSE;
  value = g_key_file_get_value (keyfile, group, key, NULL);
  if (value == NULL)
    {
      if (required)
        ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, group, key,
                              _("the key is missing; it is required"));
      return NULL;
    }

  *present = TRUE;
  return g_strstrip (value);
}

/* A string value's escapes, checked on the raw text: GKeyFile's own parser
 * (GLib 2.74) returns a value together with its error for a broken escape,
 * and sets a second error over the first (a GLib warning) when an unknown
 * escape is followed by a trailing backslash. */
static gboolean
escapes_are_valid (const char *raw,
                   gboolean    list)
{
  /* In a list, "\;" is a semicolon inside an item (GKeyFile's string
   * lists read it so). */
  for (const char *p = raw; *p != '\0'; p++)
    if (*p == '\\')
      {
        p++;
        if (*p == '\0' || (strchr ("sntr\\", *p) == NULL && !(list && *p == ';')))
          return FALSE;
      }
  return TRUE;
}

static gboolean
check_escapes (GKeyFile    *keyfile,
               const char  *group,
               const char  *key,
               gboolean     list,
               GError     **error)
{
  g_autofree char *raw = g_key_file_get_value (keyfile, group, key, NULL);

  if (raw == NULL || escapes_are_valid (raw, list))
    return TRUE;

  {
    g_autofree char *where = ml_text_cut (key, ML_TEXT_QUOTE_MAX_BYTES / 2);

    ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, where,
                          _("the text has a broken escape: a backslash must be followed by "
                          "s, n, t, r or another backslash"));
  }
  return FALSE;
}

gboolean
ml_keyfile_check_escapes (GKeyFile    *keyfile,
                          const char  *group,
                          const char  *key,
                          GError     **error)
{
  return check_escapes (keyfile, group, key, FALSE, error);
}

gboolean
ml_keyfile_check_list_escapes (GKeyFile    *keyfile,
                               const char  *group,
                               const char  *key,
                               GError     **error)
{
  return check_escapes (keyfile, group, key, TRUE, error);
}

gboolean
ml_keyfile_check_duplicates (const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *group = NULL;
  const char *end = data + length;
  guint line = 0;

  /* GKeyFile keeps the last of a group or key given twice, without a word;
   * a lesson or a scenario is refused instead, naming both lines. */
  for (const char *p = data; p < end; )
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl : end;
      g_autofree char *text = g_strndup (p, stop - p);
      char *s = g_strstrip (text);

      line++;
      p = nl != NULL ? nl + 1 : end;
      if (*s == '\0' || *s == '#')
        continue;
      if (*s == '[')
        {
          char *close = strchr (s, ']');
          guint first;

          if (close == NULL)
            continue;   /* GKeyFile's own error */
          *close = '\0';
          first = GPOINTER_TO_UINT (g_hash_table_lookup (groups, s + 1));
          if (first != 0)
            {
              g_autofree char *quoted = ml_text_cut (s + 1, ML_TEXT_QUOTE_MAX_BYTES / 2);

              /* Translators: a group ("[Step 1]") given twice; the two line
               * numbers. */
              ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, quoted, NULL,
                                     _("the group is given twice, on lines %u and %u"),
                                     first, line);
              return FALSE;
            }
          g_hash_table_insert (groups, g_strdup (s + 1), GUINT_TO_POINTER (line));
          g_free (group);
          group = g_strdup (s + 1);
          g_hash_table_remove_all (keys);
          continue;
        }
      {
        char *eq = strchr (s, '=');
        guint first;

        if (eq == NULL || group == NULL)
          continue;   /* GKeyFile's own error */
        *eq = '\0';
        g_strchomp (s);
        first = GPOINTER_TO_UINT (g_hash_table_lookup (keys, s));
        if (first != 0)
          {
            g_autofree char *g = ml_text_cut (group, ML_TEXT_QUOTE_MAX_BYTES / 2);
            g_autofree char *k = ml_text_cut (s, ML_TEXT_QUOTE_MAX_BYTES / 2);

            /* Translators: a key given twice in one group; the two line
             * numbers. */
            ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, g, k,
                                   _("the key is given twice, on lines %u and %u"),
                                   first, line);
            return FALSE;
          }
        g_hash_table_insert (keys, g_strdup (s), GUINT_TO_POINTER (line));
      }
    }
  return TRUE;
}

gboolean
ml_keyfile_check_length (GKeyFile    *keyfile,
                         const char  *group,
                         const char  *key,
                         glong        max_chars,
                         gboolean     list,
                         GError     **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
  gsize key_length = strlen (key);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_auto(GStrv) items = NULL;

      if (strncmp (keys[i], key, key_length) != 0
          || (keys[i][key_length] != '\0' && keys[i][key_length] != '['))
        continue;
      /* GKeyFile sets its error twice over a trailing backslash (a GLib
       * warning): the escapes are checked before it reads the value. */
      if (!check_escapes (keyfile, group, keys[i], list, error))
        return FALSE;
      if (list)
        items = g_key_file_get_string_list (keyfile, group, keys[i], NULL, NULL);
      else
        {
          char *value = g_key_file_get_string (keyfile, group, keys[i], NULL);

          if (value != NULL)
            {
              items = g_new0 (char *, 2);
              items[0] = value;
            }
        }
      for (guint j = 0; items != NULL && items[j] != NULL; j++)
        {
          glong n = g_utf8_strlen (items[j], -1);

          if (n > max_chars)
            {
              g_autofree char *where = ml_text_cut (keys[i], ML_TEXT_QUOTE_MAX_BYTES / 2);

              if (list)
                /* Translators: a choice of a lesson is too long: its number,
                 * its length, the longest allowed. */
                ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, where,
                                       _("choice %u is %ld characters long; at most %ld are "
                                         "allowed"), j + 1, n, max_chars);
              else
                /* Translators: a lesson's text is too long: its length, then
                 * the longest allowed. */
                ml_keyfile_set_errorf (error, ML_SCENARIO_ERROR_INVALID, group, where,
                                       _("the text is %ld characters long; at most %ld are "
                                         "allowed"), n, max_chars);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Every "Key" and "Key[ll]" of @group must be a readable string. */
static gboolean
check_locale_keys (GKeyFile    *keyfile,
                   const char  *group,
                   const char  *key,
                   GError     **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
  gsize key_length = strlen (key);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (strncmp (keys[i], key, key_length) != 0
          || (keys[i][key_length] != '\0' && keys[i][key_length] != '['))
        continue;
      if (!ml_keyfile_check_escapes (keyfile, group, keys[i], error))
        return FALSE;
    }
  return TRUE;
}

/* Name and Description may carry translations (Name[de]=…); the one for the
 * user's language is read. */
char *
ml_keyfile_read_locale_string (GKeyFile    *keyfile,
                               const char  *group,
                               const char  *key,
                               gboolean     required,
                               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value;

  if (!g_key_file_has_key (keyfile, group, key, NULL))
    {
      if (required)
        ml_keyfile_set_error (error, ML_SCENARIO_ERROR_MISSING, group, key,
                              _("the key is missing; it is required"));
      return NULL;
    }

  /* g_key_file_get_locale_string() drops the error of a value it cannot
   * read (a broken escape such as a trailing backslash) and returns what
   * it could, so every spelling of the key is checked first. */
  if (!check_locale_keys (keyfile, group, key, error))
    return NULL;

  value = g_key_file_get_locale_string (keyfile, group, key, NULL, &local_error);
  if (local_error != NULL)
    {
      g_autofree char *reason = ml_text_cut (local_error->message, ML_TEXT_QUOTE_MAX_BYTES);

      g_clear_pointer (&value, g_free);
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, key, reason);
    }
  return value;
}

char *
ml_keyfile_read_plain_string (GKeyFile    *keyfile,
                              const char  *group,
                              const char  *key,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value;

  if (!g_key_file_has_key (keyfile, group, key, NULL))
    return g_strdup ("");

  if (!ml_keyfile_check_escapes (keyfile, group, key, error))
    return NULL;
  value = g_key_file_get_string (keyfile, group, key, &local_error);
  if (local_error != NULL)
    {
      g_autofree char *reason = ml_text_cut (local_error->message, ML_TEXT_QUOTE_MAX_BYTES);

      g_clear_pointer (&value, g_free);
      ml_keyfile_set_error (error, ML_SCENARIO_ERROR_INVALID, group, key, reason);
    }
  return value;
}
