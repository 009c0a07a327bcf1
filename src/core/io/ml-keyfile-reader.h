/* ml-keyfile-reader.h — what the scenario and lesson readers share
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Errors are ML_SCENARIO_ERROR codes (ml-scenario.h) for both kinds of
 * file, with messages "[Group] Key: problem".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text cut for quoting back in a message (ml_text_cut). */
char     *ml_keyfile_quote              (const char  *text);
/* "[@group] @key: @problem", or "[@group]: @problem" when @key is NULL. */
void      ml_keyfile_set_error          (GError     **error,
                                         int          code,
                                         const char  *group,
                                         const char  *key,
                                         const char  *problem);
void      ml_keyfile_set_errorf         (GError     **error,
                                         int          code,
                                         const char  *group,
                                         const char  *key,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (5, 6);
/* The trimmed raw value; NULL with @error set when @required and absent,
 * *@present telling a missing optional key apart. */
char     *ml_keyfile_get_trimmed        (GKeyFile    *keyfile,
                                         const char  *group,
                                         const char  *key,
                                         gboolean     required,
                                         gboolean    *present,
                                         GError     **error);
gboolean  ml_keyfile_check_escapes      (GKeyFile    *keyfile,
                                         const char  *group,
                                         const char  *key,
                                         GError     **error);
/* As ml_keyfile_check_escapes, for a list: "\;" is a ';' in an item. */
gboolean  ml_keyfile_check_list_escapes (GKeyFile    *keyfile,
                                         const char  *group,
                                         const char  *key,
                                         GError     **error);

/* The text of a key file, before GKeyFile reads it: a group, or a key in
 * one group, given twice is an error naming both lines (GKeyFile keeps the
 * last without a word). */
gboolean  ml_keyfile_check_duplicates   (const char  *data,
                                         gsize        length,
                                         GError     **error);

/* Every spelling of @key ("Text", "Text[de]" …) at most @max_chars
 * characters long, each item of a list (@list: "a;b;c") on its own; an
 * error naming the group and the key otherwise.  A value that does not
 * read (a broken escape) is left to the reader's other checks. */
gboolean  ml_keyfile_check_length       (GKeyFile    *keyfile,
                                         const char  *group,
                                         const char  *key,
                                         glong        max_chars,
                                         gboolean     list,
                                         GError     **error);

/* The value for the user's language (Key[de]…), every spelling checked;
 * NULL when absent (an error only when @required) or broken. */
char     *ml_keyfile_read_locale_string (GKeyFile    *keyfile,
                                         const char  *group,
                                         const char  *key,
                                         gboolean     required,
                                         GError     **error);
/* An untranslated string; "" when absent, NULL when broken. */
char     *ml_keyfile_read_plain_string  (GKeyFile    *keyfile,
                                         const char  *group,
                                         const char  *key,
                                         GError     **error);

G_END_DECLS
