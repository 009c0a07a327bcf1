/* ml-window-files.c — open, save and the unsaved-changes question
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkFileChooserNative (GtkFileDialog is newer than GTK 4.8) and
 * AdwMessageDialog (AdwAlertDialog is newer than libadwaita 1.2).  Closing
 * and opening a file over unsaved edits go through
 * ml_window_confirm_discard() first; a preset does not ask, since the edits
 * stay one undo away.
 */
#define G_LOG_DOMAIN "ml-window"

#include "config.h"

#include "ml-window-private.h"

#include "ml-figure.h"
#include "ml-ion-colors.h"

#include <glib/gi18n.h>

#include "ml-screenshot.h"

typedef struct
{
  MlWindowContinuation  continuation;
  gpointer              data;
  GDestroyNotify        destroy;
  MlWindow             *window;   /* held while a save runs */
} Pending;

static Pending *
pending_new (MlWindowContinuation continuation,
             gpointer             data,
             GDestroyNotify       destroy)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->continuation = continuation;
  pending->data = data;
  pending->destroy = destroy;
  return pending;
}

static void
pending_run (Pending  *pending,
             MlWindow *self)
{
  if (pending != NULL && pending->continuation != NULL)
    pending->continuation (self, pending->data);
}

static void
pending_free (Pending *pending)
{
  if (pending == NULL)
    return;
  if (pending->destroy != NULL && pending->data != NULL)
    pending->destroy (pending->data);
  g_clear_object (&pending->window);
  g_free (pending);
}

static GtkFileFilter *
scenario_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Membrane Lab scenarios"));
  gtk_file_filter_add_pattern (filter, "*.membrane");
  gtk_file_filter_add_mime_type (filter, "application/x-membrane-lab-scenario");
  return filter;
}

/* Saving, in the background: the continuation (close the window, open
 * another file) runs only once the file is safely written. */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Pending *pending = user_data;
  MlWindow *self = pending->window;
  g_autoptr(GError) error = NULL;

  if (ml_session_save_file_finish (ML_SESSION (source), result, &error))
    pending_run (pending, self);
  else
    ml_window_show_error (self, error->message);
  pending_free (pending);
}

static void
save_to (MlWindow *self,
         GFile    *file,
         Pending  *pending)
{
  pending->window = g_object_ref (self);
  ml_session_save_file_async (self->session, file, NULL, saved_cb, pending);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  Pending *pending = user_data;
  MlWindow *self = ML_WINDOW (gtk_native_dialog_get_transient_for (dialog));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      save_to (self, file, pending);
    }
  else
    pending_free (pending);
  g_object_unref (dialog);
}

void
ml_window_save_dialog (MlWindow             *self,
                       MlWindowContinuation  then,
                       gpointer              data,
                       GDestroyNotify        destroy)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = scenario_filter_new ();
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Save Scenario"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  if (ml_session_get_file (self->session) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), ml_session_get_file (self->session), NULL);
  else
    {
      const char *cell_name = ml_cell_get_name (ml_session_get_cell (self->session));

      name = g_strdup_printf ("%s.membrane", cell_name != NULL && cell_name[0] != '\0'
                                             ? cell_name : _("cell"));
      g_strdelimit (name, "/\\", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb),
                    pending_new (then, data, destroy));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The file on disk against what the window last read or wrote: its etag
 * (GIO's for a local file is the modification time to the nanosecond), as
 * GNOME Text Editor compares it before a save. */

typedef enum
{
  DISK_AS_READ,
  DISK_CHANGED,
  DISK_DELETED,
} DiskState;

static char *
query_etag (GFile   *file,
            GError **error)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, error);

  if (info == NULL)
    return NULL;
  return g_strdup (g_file_info_get_etag (info));
}

/* Once the session holds its file unmodified (just read or just written),
 * what is on disk is the window's own. */
static void
remember_disk (MlWindow *self)
{
  GFile *file = ml_session_get_file (self->session);

  if (file == NULL)
    {
      g_clear_object (&self->disk_file);
      g_clear_pointer (&self->disk_etag, g_free);
      return;
    }
  if (ml_session_get_modified (self->session) || ml_session_get_busy (self->session))
    return;
  g_set_object (&self->disk_file, file);
  g_free (self->disk_etag);
  self->disk_etag = query_etag (file, NULL);
}

static void
session_file_cb (MlSession  *session,
                 GParamSpec *pspec,
                 MlWindow   *self)
{
  remember_disk (self);
}

void
_ml_window_setup_files (MlWindow *self)
{
  g_signal_connect (self->session, "notify::file", G_CALLBACK (session_file_cb), self);
  g_signal_connect (self->session, "notify::modified", G_CALLBACK (session_file_cb), self);
  g_signal_connect (self->session, "notify::busy", G_CALLBACK (session_file_cb), self);
}

static DiskState
disk_state (MlWindow *self,
            GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  if (self->disk_file == NULL || !g_file_equal (self->disk_file, file))
    return DISK_AS_READ;
  etag = query_etag (file, &error);
  if (etag == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return DISK_DELETED;
  /* Unknown either way (no etag, a folder that cannot be read): the save
   * itself will say what is wrong. */
  if (etag == NULL || self->disk_etag == NULL)
    return DISK_AS_READ;
  return g_strcmp0 (etag, self->disk_etag) == 0 ? DISK_AS_READ : DISK_CHANGED;
}

static void
disk_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  Pending *pending = user_data;
  MlWindow *self = ML_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  GFile *file = ml_session_get_file (self->session);

  if (file != NULL && (g_strcmp0 (response, "overwrite") == 0
                       || g_strcmp0 (response, "save") == 0))
    save_to (self, file, pending);
  else if (file != NULL && g_strcmp0 (response, "reload") == 0)
    {
      /* The other program's file, in place of the edits; they stay one
       * undo away.  What was to follow the save (a close) does not run. */
      ml_window_start_loading (self, file, TRUE);
      pending_free (pending);
    }
  else
    pending_free (pending);
}

static void
ask_about_disk (MlWindow  *self,
                DiskState  state,
                Pending   *pending)
{
  g_autofree char *name = g_file_get_basename (ml_session_get_file (self->session));
  g_autofree char *shown = g_filename_display_name (name);
  GtkWidget *dialog;

  if (state == DISK_CHANGED)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("File Changed on Disk"), NULL);
      /* Translators: %s is the scenario's file name. */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("“%s” was changed by another program since it was "
                                        "opened. Reload it and set your changes aside (Undo "
                                        "brings them back), or overwrite it with your changes?"),
                                      shown);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "reload", _("_Reload"),
                                        "overwrite", _("_Overwrite"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("File Deleted"), NULL);
      /* Translators: %s is the scenario's file name. */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("“%s” was deleted or moved by another program since it "
                                        "was opened. Save it again in its old place?"), shown);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "save", _("_Save Again"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (disk_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ml_window_save_current (MlWindow             *self,
                        MlWindowContinuation  then,
                        gpointer              data,
                        GDestroyNotify        destroy)
{
  GFile *file = ml_session_get_file (self->session);
  DiskState state;

  /* A preset is never overwritten: the first save of it asks for a name. */
  if (file == NULL)
    {
      ml_window_save_dialog (self, then, data, destroy);
      return;
    }
  /* Another program's edit is not overwritten, nor a deleted file made
   * again, without asking. */
  state = disk_state (self, file);
  if (state == DISK_AS_READ)
    save_to (self, file, pending_new (then, data, destroy));
  else
    ask_about_disk (self, state, pending_new (then, data, destroy));
}

/* Opening. */

static void
open_continuation (MlWindow *self,
                   gpointer  data)
{
  ml_window_start_loading (self, G_FILE (data), TRUE);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  MlWindow *self = ML_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      ml_window_confirm_discard (self, open_continuation, file, g_object_unref);
    }
  g_object_unref (dialog);
}

void
ml_window_open_file (MlWindow *self,
                     GFile    *file)
{
  g_return_if_fail (ML_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  ml_window_confirm_discard (self, open_continuation, g_object_ref (file), g_object_unref);
}

void
ml_window_open_dialog (MlWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = scenario_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Scenario"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The question. */

/* The continuation of a "Discard" runs once the dialog has answered and is
 * gone: closing the window from inside the dialog's own response handler
 * destroyed the window while the dialog, transient for it, was still being
 * finalised (reads of the freed window).  The window is held until then. */
static gboolean
pending_idle_cb (gpointer user_data)
{
  Pending *pending = user_data;

  if (!gtk_widget_in_destruction (GTK_WIDGET (pending->window)))
    pending_run (pending, pending->window);
  return G_SOURCE_REMOVE;
}

static void
pending_run_later (Pending  *pending,
                   MlWindow *self)
{
  pending->window = g_object_ref (self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, pending_idle_cb, pending,
                   (GDestroyNotify) pending_free);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Pending *pending = user_data;
  MlWindow *self = ML_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  if (g_strcmp0 (response, "discard") == 0)
    pending_run_later (pending, self);
  else if (g_strcmp0 (response, "save") == 0 && ml_session_get_busy (self->session))
    {
      /* One save at a time: a second could finish first and leave the
       * older content on disk. */
      ml_window_show_error (self, _("A save is still running; try again when it has ended"));
      pending_free (pending);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      /* The continuation runs only if the save succeeds. */
      ml_window_save_current (self, pending->continuation, pending->data, pending->destroy);
      g_free (pending);
    }
  else
    pending_free (pending);
}

void
ml_window_confirm_discard (MlWindow             *self,
                           MlWindowContinuation  continuation,
                           gpointer              data,
                           GDestroyNotify        destroy)
{
  GtkWidget *dialog;
  const char *name;

  if (!ml_window_get_modified (self))
    {
      continuation (self, data);
      if (destroy != NULL && data != NULL)
        destroy (data);
      return;
    }

  name = ml_cell_get_name (ml_session_get_cell (self->session));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  /* Translators: %s is the name of the scenario, e.g. "Mammalian neuron". */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has changes that are not saved. Changes that are not saved are lost."),
                                  name != NULL && name[0] != '\0' ? name : _("Untitled cell"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb),
                    pending_new (continuation, data, destroy));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Exporting a figure: the membrane view and the gauge as they are, for a
 * handout or a slide. */

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  MlWindow *self = ML_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      GtkWidget *views = gtk_paned_get_start_child (self->paned);
      int width, height;

      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "scale");

      g_autofree char *caption = ml_figure_caption (self->session);

      /* With a caption line: the scenario, its temperature, what changed;
       * at the views' own size, padding included, one pixel per pixel. */
      ml_figure_widget_size (views, &width, &height);
      if (path == NULL)
        ml_window_show_error (self, _("Figures can only be exported to a local folder"));
      else if (!ml_figure_write_on (path, width, height,
                                    choice != NULL ? g_ascii_strtod (choice, NULL) : 1.0, caption,
                                    ml_widget_is_dark (views), ml_figure_draw_widget, views, &error))
        ml_window_show_error (self, error->message);
    }
  g_object_unref (dialog);
}

void
ml_window_export_dialog (MlWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *cell_name = ml_cell_get_name (ml_session_get_cell (self->session));
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  {
    static const char *ids[] = { "1", "2", "3", NULL };
    const char *labels[] = { _("1× (screen)"), _("2× (print)"), _("3× (poster)"), NULL };
    g_autoptr(GtkFileFilter) svg = gtk_file_filter_new ();
    g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();

    /* The format follows the name's extension: .png, .svg or .pdf. */
    gtk_file_filter_set_name (svg, _("SVG drawings"));
    gtk_file_filter_add_mime_type (svg, "image/svg+xml");
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), svg);
    gtk_file_filter_set_name (pdf, _("PDF documents"));
    gtk_file_filter_add_mime_type (pdf, "application/pdf");
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "scale", _("PNG size"), ids, labels);
    gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "scale", "1");
  }
  name = g_strdup_printf ("%s.png", cell_name != NULL && cell_name[0] != '\0' ? cell_name : _("cell"));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
