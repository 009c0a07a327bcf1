/* ml-file-io.h — reading a file without hanging, replacing one without loss
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two promises that GIO alone does not keep on GLib 2.74:
 *
 * - Reading refuses anything that is not a regular file before opening it (a
 *   FIFO with no writer would block open() for ever; /dev/zero never ends)
 *   and never reads more than a limit plus one byte.
 * - Replacing writes a temporary file beside the target, checks every write,
 *   the sync and the close, and only then renames it over the target.  On
 *   any failure the temporary is removed and the target is as it was.  A
 *   symbolic link is followed, so the file it points to is replaced and the
 *   link stays a link; a second hard link keeps the old content.
 *
 * Errors are in the G_IO_ERROR domain; their messages give the reason and,
 * for a failed write, say that the old file is unchanged and what to do.
 * They do not name the file: the caller does.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  ml_file_read_bounded         (GFile                *file,
                                        gsize                 max_bytes,
                                        GCancellable         *cancellable,
                                        char                **contents,
                                        gsize                *length,
                                        GError              **error);
void      ml_file_read_bounded_async   (GFile                *file,
                                        gsize                 max_bytes,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GBytes   *ml_file_read_bounded_finish  (GFile                *file,
                                        GAsyncResult         *result,
                                        GError              **error);

gboolean  ml_file_replace_atomic       (GFile                *file,
                                        const char           *data,
                                        gsize                 length,
                                        GCancellable         *cancellable,
                                        GError              **error);
void      ml_file_replace_atomic_async (GFile                *file,
                                        GBytes               *data,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  ml_file_replace_atomic_finish (GFile               *file,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
