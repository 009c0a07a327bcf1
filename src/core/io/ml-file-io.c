/* ml-file-io.c — reading a file without hanging, replacing one without loss
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Local files (every GFile with a path) go through POSIX calls, where each
 * step can be checked; other GFiles (a gvfs location without a local path)
 * through GIO streams with the same checks where GIO allows them.
 */
#define G_LOG_DOMAIN "ml-file-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ml-file-io.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Symbolic links followed before a save gives up (the kernel's own limit). */
#define MAX_LINK_DEPTH 40

static void
set_errno_error (GError **error,
                 int      errsv)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
}

static void
set_not_regular_error (GError **error,
                       mode_t   mode)
{
  if (S_ISDIR (mode))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                         _("It is a folder, not a file"));
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                         _("It is not a regular file but a device, a pipe or a socket"));
}

static void
set_too_large_error (GError  **error,
                     goffset   size,
                     gsize     max_bytes)
{
  g_autofree char *limit = g_format_size (max_bytes);

  if (size > 0)
    {
      g_autofree char *found = g_format_size (size);

      /* Translators: both %s are sizes such as "104.9 MB". */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The file is too large (%s; at most %s)"), found, limit);
    }
  else
    /* Translators: %s is a size such as "262.1 kB". */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                 _("The file is too large (more than %s)"), limit);
}

/* Reading. */

static gboolean
read_local (const char    *path,
            gsize          max_bytes,
            GCancellable  *cancellable,
            char         **contents,
            gsize         *length,
            GError       **error)
{
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize total = 0;
  int fd;

  /* stat() before open(): a FIFO with no writer is never opened, so it
   * cannot block. */
  if (g_stat (path, &st) != 0)
    {
      set_errno_error (error, errno);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_not_regular_error (error, st.st_mode);
      return FALSE;
    }
  if ((guint64)st.st_size > max_bytes)
    {
      set_too_large_error (error, st.st_size, max_bytes);
      return FALSE;
    }

  /* O_NONBLOCK in case the path was swapped for a FIFO since the stat. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno);
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno);
      close (fd);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_not_regular_error (error, st.st_mode);
      close (fd);
      return FALSE;
    }

  buffer = g_malloc (max_bytes + 2);
  while (total <= max_bytes)
    {
      gssize n = read (fd, buffer + total, max_bytes + 1 - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno);
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      total += n;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return FALSE;
        }
    }
  close (fd);

  /* The file grew since the stat. */
  if (total > max_bytes)
    {
      set_too_large_error (error, 0, max_bytes);
      return FALSE;
    }

  buffer[total] = '\0';
  *contents = g_steal_pointer (&buffer);
  *length = total;
  return TRUE;
}

static gboolean
read_stream (GFile         *file,
             gsize          max_bytes,
             GCancellable  *cancellable,
             char         **contents,
             gsize         *length,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = NULL;
  gsize total = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      set_not_regular_error (error, S_IFDIR);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      set_not_regular_error (error, S_IFIFO);
      return FALSE;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      && (guint64)g_file_info_get_size (info) > max_bytes)
    {
      set_too_large_error (error, g_file_info_get_size (info), max_bytes);
      return FALSE;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  buffer = g_malloc (max_bytes + 2);
  while (total <= max_bytes)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer + total,
                                      max_bytes + 1 - total, cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      total += n;
    }
  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, error))
    return FALSE;
  if (total > max_bytes)
    {
      set_too_large_error (error, 0, max_bytes);
      return FALSE;
    }

  buffer[total] = '\0';
  *contents = g_steal_pointer (&buffer);
  *length = total;
  return TRUE;
}

/**
 * ml_file_read_bounded:
 * @file: the file to read
 * @max_bytes: the largest file accepted
 * @cancellable: (nullable): a #GCancellable
 * @contents: (out) (transfer full): the bytes, with a NUL after them
 * @length: (out): their number
 * @error: return location for a #GError
 *
 * Reads @file whole when it is a regular file of at most @max_bytes.  A
 * folder, a device, a pipe or a socket is refused without being opened for
 * reading (G_IO_ERROR_IS_DIRECTORY, G_IO_ERROR_NOT_REGULAR_FILE), a larger
 * file with G_IO_ERROR_MESSAGE_TOO_LARGE after at most @max_bytes + 1 bytes.
 *
 * Returns: %TRUE on success
 */
gboolean
ml_file_read_bounded (GFile         *file,
                      gsize          max_bytes,
                      GCancellable  *cancellable,
                      char         **contents,
                      gsize         *length,
                      GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL && length != NULL, FALSE);
  g_return_val_if_fail (max_bytes < G_MAXSIZE - 2, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  g_debug ("reading %s", path != NULL ? path : "a non-local file");
  if (path != NULL)
    return read_local (path, max_bytes, cancellable, contents, length, error);
  return read_stream (file, max_bytes, cancellable, contents, length, error);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  gsize max_bytes = GPOINTER_TO_SIZE (task_data);
  char *contents = NULL;
  gsize length = 0;
  GError *error = NULL;

  if (ml_file_read_bounded (G_FILE (source_object), max_bytes, cancellable,
                            &contents, &length, &error))
    g_task_return_pointer (task, g_bytes_new_take (contents, length),
                           (GDestroyNotify)g_bytes_unref);
  else
    g_task_return_error (task, error);
}

/**
 * ml_file_read_bounded_async:
 * @file: the file to read
 * @max_bytes: the largest file accepted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is read or refused
 * @user_data: for @callback
 *
 * ml_file_read_bounded() in a worker thread, so a slow disk or a stale
 * network folder never stalls the main loop.
 */
void
ml_file_read_bounded_async (GFile               *file,
                            gsize                max_bytes,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, ml_file_read_bounded_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER (max_bytes), NULL);
  g_task_run_in_thread (task, read_thread);
}

/**
 * ml_file_read_bounded_finish:
 * @file: the file given to ml_file_read_bounded_async()
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with @error set
 */
GBytes *
ml_file_read_bounded_finish (GFile         *file,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Replacing. */

/* The error of a failed write: the reason, that the old file is kept (when
 * there was one), and what to do about it. */
static void
set_write_error (GError   **error,
                 int        errsv,
                 gboolean   had_target)
{
  const char *advice;

  switch (errsv)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EFBIG:
      advice = _("Free some space or save to another folder.");
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      advice = _("Save to a folder you may write to.");
      break;
    default:
      advice = _("Try again, or save to another folder.");
      break;
    }

  if (had_target)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                 /* Translators: the first %s is the system's reason ("No space
                  * left on device"), the second what to do, a whole sentence. */
                 _("%s. The file on disk is unchanged. %s"), g_strerror (errsv), advice);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                 /* Translators: the first %s is the system's reason ("No space
                  * left on device"), the second what to do, a whole sentence. */
                 _("%s. %s"), g_strerror (errsv), advice);
}

/* The file a save really replaces: @path with every symbolic link followed,
 * so that saving through a link replaces what it points to and keeps the
 * link.  A link to a file that does not exist yet gives that file. */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint depth = 0; depth < MAX_LINK_DEPTH; depth++)
    {
      g_autofree char *target = NULL;
      g_autoptr(GError) link_error = NULL;
      struct stat st;

      if (g_lstat (current, &st) != 0)
        {
          if (errno == ENOENT)
            return g_steal_pointer (&current);
          set_errno_error (error, errno);
          return NULL;
        }
      if (!S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);

      target = g_file_read_link (current, &link_error);
      if (target == NULL)
        {
          /* G_FILE_ERROR from GLib; this file's errors are G_IO_ERROR. */
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_file_error (link_error->code),
                               link_error->message);
          return NULL;
        }
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, target, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
    }

  set_errno_error (error, ELOOP);
  return NULL;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *errsv)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          *errsv = n < 0 ? errno : ENOSPC;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
replace_local (const char    *path,
               const char    *data,
               gsize          length,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  struct stat st;
  gboolean had_target = FALSE;
  int errsv = 0;
  int fd;

  target = resolve_links (path, error);
  if (target == NULL)
    return FALSE;

  if (g_stat (target, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          set_not_regular_error (error, st.st_mode);
          return FALSE;
        }
      /* A rename would replace a file its owner made read-only: the user
       * may not write it, so the save does not either. */
      if (g_access (target, W_OK) != 0)
        {
          set_errno_error (error, errno);
          return FALSE;
        }
      had_target = TRUE;
    }
  else if (errno != ENOENT)
    {
      set_errno_error (error, errno);
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  /* Hidden, beside the target (a rename cannot cross file systems), and
   * short enough for NAME_MAX whatever the target's name. */
  temp = g_strdup_printf ("%s/.%.200s.XXXXXX", dir, base);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_write_error (error, errno, had_target);
      return FALSE;
    }
  g_debug ("saving %s through %s", target, temp);

  /* Keep the old file's permissions (and, when allowed, its owner). */
  if (had_target)
    {
      if (fchmod (fd, st.st_mode & 07777) != 0)
        g_debug ("could not keep the mode of %s: %s", target, g_strerror (errno));
      if ((st.st_uid != geteuid () || st.st_gid != getegid ())
          && fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("could not keep the owner of %s: %s", target, g_strerror (errno));
    }

  if (!write_all (fd, data, length, &errsv))
    goto fail_open;
  /* A file system without fsync (EINVAL) has nothing more to flush. */
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      errsv = errno;
      goto fail_open;
    }
  if (close (fd) != 0)
    {
      errsv = errno;
      goto fail_closed;
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_unlink (temp);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  if (g_rename (temp, target) != 0)
    {
      errsv = errno;
      goto fail_closed;
    }

  /* Make the rename itself durable; a folder that cannot be synced is not
   * a failed save. */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;

fail_open:
  close (fd);
fail_closed:
  g_unlink (temp);
  set_write_error (error, errsv, had_target);
  return FALSE;
}

/* GIO's replace writes to a temporary and renames it on close; closing a
 * stream whose cancellable is cancelled drops the temporary instead, which
 * is what a failed write needs (g_file_replace_contents closes normally). */
static gboolean
replace_stream (GFile         *file,
                const char    *data,
                gsize          length,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort_close = g_cancellable_new ();

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, NULL,
                                  cancellable, error))
    {
      g_cancellable_cancel (abort_close);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort_close, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

/**
 * ml_file_replace_atomic:
 * @file: the file to create or replace
 * @data: the new content
 * @length: its length
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replaces @file with @data so that it holds either the old content or the
 * new, never a part: on failure the old file is untouched and no temporary
 * file is left behind.
 *
 * Returns: %TRUE on success
 */
gboolean
ml_file_replace_atomic (GFile         *file,
                        const char    *data,
                        gsize          length,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  path = g_file_get_path (file);
  if (path != NULL)
    return replace_local (path, data != NULL ? data : "", length, cancellable, error);
  return replace_stream (file, data != NULL ? data : "", length, cancellable, error);
}

static void
replace_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  GError *error = NULL;

  if (ml_file_replace_atomic (G_FILE (source_object), data, length, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ml_file_replace_atomic_async:
 * @file: the file to create or replace
 * @data: the new content
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written or the write failed
 * @user_data: for @callback
 *
 * ml_file_replace_atomic() in a worker thread.
 */
void
ml_file_replace_atomic_async (GFile               *file,
                              GBytes              *data,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (data != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, ml_file_replace_atomic_async);
  g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, replace_thread);
}

/**
 * ml_file_replace_atomic_finish:
 * @file: the file given to ml_file_replace_atomic_async()
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written
 */
gboolean
ml_file_replace_atomic_finish (GFile         *file,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
