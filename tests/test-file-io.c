/* test-file-io.c — reading that never hangs, saving that never loses
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Special files (a FIFO with no writer, /dev/zero) must be refused at once,
 * and a save that fails half-way (a full disk) must leave the old file byte
 * for byte and no temporary beside it.  The full disk is real: a 16 KiB
 * tmpfs when the test may mount one (root), and always a file-size limit
 * (RLIMIT_FSIZE), which makes write() fail the same way.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ml-file-io.h"

/* A read that blocks is a failure, not a hang: SIGALRM ends the test. */
#define HANG_GUARD_S 10
/* "Within a second", from the issue that asked for these refusals. */
#define REFUSE_WITHIN_US G_USEC_PER_SEC

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ml-file-io-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The names in @dir, sorted and joined with spaces: what a failed save
 * must not add to. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
}

static void
assert_contents (const char *path,
                 const char *expected,
                 gsize       expected_length)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (data, length, expected, expected_length);
}

/* Reading. */

static void
test_read_regular (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "a.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  write_file (path, "[Membrane]\n", -1);
  g_assert_true (ml_file_read_bounded (file, 1024, NULL, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 11);
  g_assert_cmpstr (data, ==, "[Membrane]\n");
  remove_dir (dir);
}

/* Exactly the limit is read; one byte more is refused. */
static void
test_read_limit (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "a", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char block[100];

  memset (block, 'k', sizeof block);
  write_file (path, block, 100);
  {
    g_autofree char *data = NULL;
    gsize length = 0;

    g_assert_true (ml_file_read_bounded (file, 100, NULL, &data, &length, NULL));
    g_assert_cmpuint (length, ==, 100);
  }
  {
    g_autoptr(GError) error = NULL;
    char *data = NULL;
    gsize length = 0;

    g_assert_false (ml_file_read_bounded (file, 99, NULL, &data, &length, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
    g_assert_null (data);
  }
  remove_dir (dir);
}

static void
assert_refused_fast (const char *path,
                     int         code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;
  gint64 start = g_get_monotonic_time ();

  alarm (HANG_GUARD_S);
  g_assert_false (ml_file_read_bounded (file, 256 * 1024, NULL, &data, &length, &error));
  alarm (0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, REFUSE_WITHIN_US);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_null (data);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), >, 0);
}

/* GLib reports size 0 for /dev/zero, so a size check alone reads for ever. */
static void
test_read_dev_zero (void)
{
  assert_refused_fast ("/dev/zero", G_IO_ERROR_NOT_REGULAR_FILE);
  assert_refused_fast ("/dev/urandom", G_IO_ERROR_NOT_REGULAR_FILE);
}

/* open() of a FIFO without a writer blocks until one comes. */
static void
test_read_fifo (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "pipe.membrane", NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  assert_refused_fast (path, G_IO_ERROR_NOT_REGULAR_FILE);
  remove_dir (dir);
}

static void
test_read_directory (void)
{
  g_autofree char *dir = make_dir ();

  assert_refused_fast (dir, G_IO_ERROR_IS_DIRECTORY);
  remove_dir (dir);
}

/* 100 MB, sparse, so making it costs nothing; refused from its size. */
static void
test_read_large (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "big.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;
  gint64 start;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1000 * 1000), ==, 0);
  close (fd);

  start = g_get_monotonic_time ();
  g_assert_false (ml_file_read_bounded (file, 256 * 1024, NULL, &data, &length, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, <, REFUSE_WITHIN_US);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  /* g_format_size (100 000 000) is "100.0 MB", with a no-break space. */
  g_assert_nonnull (strstr (error->message, "100.0"));
  remove_dir (dir);
}

static void
test_read_missing (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/ml-file-io/a.membrane");
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_assert_false (ml_file_read_bounded (file, 1024, NULL, &data, &length, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GBytes) bytes = ml_file_read_bounded_finish (G_FILE (source), result, error);

  g_assert_null (bytes);
}

/* The window's path: the refusal arrives on the main loop. */
static void
test_read_async_fifo (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "pipe", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;
  gint64 start;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  start = g_get_monotonic_time ();
  alarm (HANG_GUARD_S);
  ml_file_read_bounded_async (file, 1024, NULL, read_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  alarm (0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, REFUSE_WITHIN_US);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  remove_dir (dir);
}

/* Replacing. */

static void
test_replace_new_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "new.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_true (ml_file_replace_atomic (file, "abc", 3, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "abc", 3);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "new.membrane");
  remove_dir (dir);
}

static void
test_replace_keeps_mode (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "a.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GStatBuf st;

  write_file (path, "old", -1);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (ml_file_replace_atomic (file, "new content", 11, NULL, NULL));
  assert_contents (path, "new content", 11);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  remove_dir (dir);
}

/* Saving through a link replaces what it points to; the link stays. */
static void
test_replace_through_symlink (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *target = g_build_filename (dir, "real.membrane", NULL);
  g_autofree char *middle = g_build_filename (dir, "middle", NULL);
  g_autofree char *link = g_build_filename (dir, "link.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autofree char *points_to = NULL;
  g_autofree char *names = NULL;
  GStatBuf st;

  write_file (target, "old", -1);
  /* A chain of relative links: link.membrane → middle → real.membrane. */
  g_assert_cmpint (symlink ("real.membrane", middle), ==, 0);
  g_assert_cmpint (symlink ("middle", link), ==, 0);

  g_assert_true (ml_file_replace_atomic (file, "new", 3, NULL, NULL));
  assert_contents (target, "new", 3);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  points_to = g_file_read_link (link, NULL);
  g_assert_cmpstr (points_to, ==, "middle");
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "link.membrane middle real.membrane");
  remove_dir (dir);
}

/* A link to a file that does not exist yet: the file is made there. */
static void
test_replace_dangling_symlink (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *target = g_build_filename (dir, "later.membrane", NULL);
  g_autofree char *link = g_build_filename (dir, "link.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  GStatBuf st;

  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_true (ml_file_replace_atomic (file, "new", 3, NULL, NULL));
  assert_contents (target, "new", 3);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  remove_dir (dir);
}

/* A hard link is a second name of the old file: it keeps the old content
 * whole (never a truncated mix) while the saved name gets the new one. */
static void
test_replace_hard_link (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *a = g_build_filename (dir, "a.membrane", NULL);
  g_autofree char *b = g_build_filename (dir, "b.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (a);

  write_file (a, "old content", -1);
  g_assert_cmpint (link (a, b), ==, 0);
  g_assert_true (ml_file_replace_atomic (file, "new", 3, NULL, NULL));
  assert_contents (a, "new", 3);
  assert_contents (b, "old content", 11);
  remove_dir (dir);
}

static void
test_replace_directory_refused (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *sub = g_build_filename (dir, "folder.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sub);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_false (ml_file_replace_atomic (file, "new", 3, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_file_test (sub, G_FILE_TEST_IS_DIR));
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "folder.membrane");
  g_rmdir (sub);
  remove_dir (dir);
}

/* What a failed save must leave: the old bytes and nothing else. */
static void
assert_failed_save_kept (const char *dir,
                         const char *path,
                         const char *old,
                         gsize       old_length,
                         const char *names_before,
                         GError     *error)
{
  g_autofree char *names = list_dir (dir);

  assert_contents (path, old, old_length);
  g_assert_cmpstr (names, ==, names_before);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "unchanged"));
}

static char *
filled (gsize  length,
        char   c)
{
  char *data = g_malloc (length);

  memset (data, c, length);
  return data;
}

/* A 16 KiB tmpfs: the old file and a filler take all of it, and the new
 * content has nowhere to go.  GLib 2.74's g_file_replace_contents left the
 * old file at 0 bytes here. */
static void
test_replace_full_disk (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "cell.membrane", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *old = filled (4096, 'o');
  g_autofree char *fresh = filled (8192, 'n');
  g_autofree char *names_before = NULL;
  int fd;

  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=16k,mode=0700") != 0)
    {
      g_test_skip_printf ("cannot mount a tmpfs (%s); the file-size-limit test covers this",
                          g_strerror (errno));
      g_rmdir (dir);
      return;
    }

  write_file (path, old, 4096);
  /* Fill the rest, one block at a time, until the disk is full. */
  fd = g_open (filler, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  while (write (fd, old, 1024) == 1024)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
  names_before = list_dir (dir);

  g_assert_false (ml_file_replace_atomic (file, fresh, 8192, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  assert_failed_save_kept (dir, path, old, 4096, names_before, error);

  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
}

/* Without root: a file-size limit makes write() fail part-way (EFBIG), as
 * a full disk does. */
static void
test_replace_file_size_limit (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "cell.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *old = filled (1000, 'o');
  g_autofree char *fresh = filled (10000, 'n');
  g_autofree char *names_before = NULL;
  struct rlimit saved, limit;
  void (*saved_handler) (int);
  gboolean ok;

  write_file (path, old, 1000);
  names_before = list_dir (dir);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 4096;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = ml_file_replace_atomic (file, fresh, 10000, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  assert_failed_save_kept (dir, path, old, 1000, names_before, error);
  remove_dir (dir);
}

/* Root may write anywhere, so this runs only for other users. */
static void
test_replace_read_only_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "cell.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *names_before = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes in read-only folders");
      remove_dir (dir);
      return;
    }

  write_file (path, "old", -1);
  names_before = list_dir (dir);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  g_assert_false (ml_file_replace_atomic (file, "new", 3, NULL, &error));
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  assert_failed_save_kept (dir, path, "old", 3, names_before, error);
  remove_dir (dir);
}

static void
replace_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  int *state = user_data;
  g_autoptr(GError) error = NULL;

  *state = ml_file_replace_atomic_finish (G_FILE (source), result, &error) ? 1 : 2;
  g_assert_no_error (error);
}

static void
test_replace_async (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "a.membrane", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("async", 5);
  int state = 0;

  write_file (path, "old", -1);
  ml_file_replace_atomic_async (file, bytes, NULL, replace_done_cb, &state);
  while (state == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (state, ==, 1);
  assert_contents (path, "async", 5);
  remove_dir (dir);
}

/* A file its owner made read-only is not replaced behind their back.
 * root may write anything, so the test runs for other users (and, as root,
 * in a child that drops to "nobody"). */
static void
test_replace_read_only (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ml-ro-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ro.txt", NULL);
  g_autofree char *content = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  if (geteuid () == 0)
    {
      pid_t pid;
      int status = 0;

      /* The folder must stay writable for the temporary file. */
      g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          g_autoptr (GError) error = NULL;

          if (setgid (65534) != 0 || setuid (65534) != 0)
            _exit (77);
          _exit (ml_file_replace_atomic (file, "new", 3, NULL, &error) ? 1
                 : g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ? 0 : 2);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
        g_test_skip ("cannot become nobody");
      else
        g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  else
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (ml_file_replace_atomic (file, "new", 3, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
    }
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "old");
  g_chmod (path, 0644);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-io/read/regular", test_read_regular);
  g_test_add_func ("/file-io/replace/read-only", test_replace_read_only);
  g_test_add_func ("/file-io/read/limit", test_read_limit);
  g_test_add_func ("/file-io/read/dev-zero", test_read_dev_zero);
  g_test_add_func ("/file-io/read/fifo", test_read_fifo);
  g_test_add_func ("/file-io/read/directory", test_read_directory);
  g_test_add_func ("/file-io/read/large", test_read_large);
  g_test_add_func ("/file-io/read/missing", test_read_missing);
  g_test_add_func ("/file-io/read/async-fifo", test_read_async_fifo);
  g_test_add_func ("/file-io/replace/new-file", test_replace_new_file);
  g_test_add_func ("/file-io/replace/keeps-mode", test_replace_keeps_mode);
  g_test_add_func ("/file-io/replace/through-symlink", test_replace_through_symlink);
  g_test_add_func ("/file-io/replace/dangling-symlink", test_replace_dangling_symlink);
  g_test_add_func ("/file-io/replace/hard-link", test_replace_hard_link);
  g_test_add_func ("/file-io/replace/directory-refused", test_replace_directory_refused);
  g_test_add_func ("/file-io/replace/full-disk", test_replace_full_disk);
  g_test_add_func ("/file-io/replace/file-size-limit", test_replace_file_size_limit);
  g_test_add_func ("/file-io/replace/read-only-folder", test_replace_read_only_folder);
  g_test_add_func ("/file-io/replace/async", test_replace_async);

  return g_test_run ();
}
