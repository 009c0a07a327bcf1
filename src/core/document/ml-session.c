/* ml-session.c — one open cell: the document behind a window
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session owns the cell a person edits, the reference values that "reset"
 * returns to (the preset or file as loaded, or as last saved), the undo
 * history, where the cell came from, and the one MlSolution of the cell as
 * it is now.  Every "changed" of the cell is solved here once and announced
 * with "solved"; views read the solution and compute nothing.
 *
 * Loading and saving run in a worker thread (ml-scenario.h), so a slow or
 * stale location never stalls the window; their errors name the file.
 * Loading a preset or a file is one undoable change: a lecture is never
 * stopped by a "Save changes?" question, the old cell is one undo away.
 */
#define G_LOG_DOMAIN "ml-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-session.h"

#include "ml-presets.h"
#include "ml-scenario.h"
#include "ml-text.h"

/* Where a cell came from: what Save writes to and what Reset returns to. */
typedef struct
{
  GFile  *file;
  char   *preset_id;
  MlCell *reference;
} Origin;

static void
origin_clear (Origin *origin)
{
  g_clear_object (&origin->file);
  g_clear_pointer (&origin->preset_id, g_free);
  g_clear_object (&origin->reference);
}

struct _MlSession
{
  GObject       parent_instance;

  MlCell       *cell;
  MlCell       *reference;
  MlHistory    *history;
  MlSolution    solution;
  GFile        *file;        /* NULL for a preset or a new cell */
  char         *preset_id;   /* NULL for a file */
  char         *title;
  gboolean      modified;
  guint         busy;        /* loads and saves running */
  guint         generation;  /* one more at every load: a save of an older cell
                              * does not move the origin */

  /* The last load, so that undo across it brings back where the cell came
   * from with the cell (the history keeps cells only), and redo the load's. */
  MlCell       *before_cell;
  Origin        before;
  MlCell       *after_cell;
  Origin        after;
};

enum {
  PROP_0,
  PROP_CELL,
  PROP_FILE,
  PROP_PRESET_ID,
  PROP_MODIFIED,
  PROP_TITLE,
  PROP_BUSY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  SOLVED,
  ORIGIN_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlSession, ml_session, G_TYPE_OBJECT)

/* The title and the modified flag follow the cell and the reference. */
static void
update_state (MlSession *self)
{
  const char *name = ml_cell_get_name (self->cell);
  gboolean modified = !ml_cell_equal (self->cell, self->reference);

  if (name == NULL || name[0] == '\0')
    name = _("Untitled cell");
  if (g_strcmp0 (self->title, name) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

static void
solve (MlSession *self)
{
  ml_cell_solve (self->cell, &self->solution);
  update_state (self);
  g_signal_emit (self, signals[SOLVED], 0);
}

static void
cell_changed_cb (MlCell    *cell,
                 MlSession *self)
{
  solve (self);
}

static void
history_notify_cb (MlHistory  *history,
                   GParamSpec *pspec,
                   MlSession  *self)
{
  if (g_strcmp0 (pspec->name, "can-undo") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  else if (g_strcmp0 (pspec->name, "can-redo") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
set_origin (MlSession  *self,
            GFile      *file,
            const char *preset_id)
{
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  if (g_strcmp0 (self->preset_id, preset_id) != 0)
    {
      g_free (self->preset_id);
      self->preset_id = g_strdup (preset_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET_ID]);
    }
}

static void
remember_origin (MlSession *self,
                 Origin    *origin)
{
  origin_clear (origin);
  origin->file = self->file != NULL ? g_object_ref (self->file) : NULL;
  origin->preset_id = g_strdup (self->preset_id);
  origin->reference = ml_cell_copy (self->reference);
}

static void
restore_origin (MlSession    *self,
                const Origin *origin)
{
  gboolean changed = !((self->file == NULL && origin->file == NULL)
                       || (self->file != NULL && origin->file != NULL
                           && g_file_equal (self->file, origin->file)))
                     || g_strcmp0 (self->preset_id, origin->preset_id) != 0
                     || !ml_cell_equal (self->reference, origin->reference);

  g_object_freeze_notify (G_OBJECT (self));
  set_origin (self, origin->file, origin->preset_id);
  ml_cell_assign (self->reference, origin->reference);
  update_state (self);
  g_object_thaw_notify (G_OBJECT (self));
  if (changed)
    g_signal_emit (self, signals[ORIGIN_CHANGED], 0);
}

/* @loaded becomes the cell and its reference, in one undoable step. */
static void
adopt (MlSession  *self,
       MlCell     *loaded,
       GFile      *file,
       const char *preset_id)
{
  g_object_freeze_notify (G_OBJECT (self));
  self->generation++;
  remember_origin (self, &self->before);
  g_set_object (&self->before_cell, NULL);
  self->before_cell = ml_cell_copy (self->cell);
  set_origin (self, file, preset_id);
  ml_history_seal (self->history);
  ml_cell_assign (self->reference, loaded);
  /* An unchanged cell emits nothing; the origin and the flag still move. */
  ml_cell_assign (self->cell, loaded);
  ml_history_seal (self->history);
  remember_origin (self, &self->after);
  g_set_object (&self->after_cell, NULL);
  self->after_cell = ml_cell_copy (self->cell);
  update_state (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[ORIGIN_CHANGED], 0);
}

static void
busy_begin (MlSession *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
busy_end (MlSession *self)
{
  g_assert (self->busy > 0);
  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* "Could not open “cell.membrane”: reason", the name cut to a readable
 * length. */
static void
prefix_file_error (GError     **error,
                   gboolean     saving,
                   GFile       *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = ml_text_cut (basename, ML_TEXT_QUOTE_MAX_BYTES / 2);

  if (saving)
    /* Translators: %s is a file name; the reason follows, and says whether
     * the file on disk is unchanged. */
    g_prefix_error (error, _("Could not save “%s”: "), name);
  else
    /* Translators: %s is a file name; the reason follows. */
    g_prefix_error (error, _("Could not open “%s”: "), name);
}

static void
ml_session_dispose (GObject *object)
{
  MlSession *self = ML_SESSION (object);

  if (self->cell != NULL)
    g_signal_handlers_disconnect_by_data (self->cell, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->cell);
  g_clear_object (&self->reference);
  g_clear_object (&self->file);
  g_clear_object (&self->before_cell);
  g_clear_object (&self->after_cell);
  origin_clear (&self->before);
  origin_clear (&self->after);

  G_OBJECT_CLASS (ml_session_parent_class)->dispose (object);
}

static void
ml_session_finalize (GObject *object)
{
  MlSession *self = ML_SESSION (object);

  g_free (self->preset_id);
  g_free (self->title);

  G_OBJECT_CLASS (ml_session_parent_class)->finalize (object);
}

static void
ml_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MlSession *self = ML_SESSION (object);

  switch (prop_id)
    {
    case PROP_CELL:
      g_value_set_object (value, self->cell);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_PRESET_ID:
      g_value_set_string (value, self->preset_id);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ml_history_can_undo (self->history));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ml_history_can_redo (self->history));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_session_class_init (MlSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ml_session_dispose;
  object_class->finalize = ml_session_finalize;
  object_class->get_property = ml_session_get_property;

  properties[PROP_CELL] =
    g_param_spec_object ("cell", NULL, NULL, ML_TYPE_CELL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_PRESET_ID] = g_param_spec_string ("preset-id", NULL, NULL, NULL, flags);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlSession::solved:
   *
   * The cell changed and ml_session_get_solution() holds its new solution.
   */
  signals[SOLVED] = g_signal_new ("solved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Another cell was loaded (a preset or a file), or undo or redo went
   * back across a load: not emitted for a save, which keeps the cell. */
  signals[ORIGIN_CHANGED] = g_signal_new ("origin-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
ml_session_init (MlSession *self)
{
  self->cell = ml_cell_new_default ();
  self->reference = ml_cell_copy (self->cell);
  self->preset_id = g_strdup (ML_PRESET_DEFAULT);
  self->history = ml_history_new (self->cell);
  g_signal_connect (self->history, "notify", G_CALLBACK (history_notify_cb), self);
  g_signal_connect (self->cell, "changed", G_CALLBACK (cell_changed_cb), self);
  ml_cell_solve (self->cell, &self->solution);
  update_state (self);
}

/**
 * ml_session_new:
 *
 * Returns: (transfer full): a session holding the default preset, with
 *   nothing to undo
 */
MlSession *
ml_session_new (void)
{
  return g_object_new (ML_TYPE_SESSION, NULL);
}

MlCell *
ml_session_get_cell (MlSession *self)
{
  g_return_val_if_fail (ML_IS_SESSION (self), NULL);
  return self->cell;
}

/* The values that reset returns to: as loaded or last saved. */
MlCell *
ml_session_get_reference (MlSession *self)
{
  g_return_val_if_fail (ML_IS_SESSION (self), NULL);
  return self->reference;
}

MlHistory *
ml_session_get_history (MlSession *self)
{
  g_return_val_if_fail (ML_IS_SESSION (self), NULL);
  return self->history;
}

const MlSolution *
ml_session_get_solution (MlSession *self)
{
  g_return_val_if_fail (ML_IS_SESSION (self), NULL);
  return &self->solution;
}

GFile *
ml_session_get_file (MlSession *self)
{
  g_return_val_if_fail (ML_IS_SESSION (self), NULL);
  return self->file;
}

const char *
ml_session_get_preset_id (MlSession *self)
{
  g_return_val_if_fail (ML_IS_SESSION (self), NULL);
  return self->preset_id;
}

gboolean
ml_session_get_modified (MlSession *self)
{
  g_return_val_if_fail (ML_IS_SESSION (self), FALSE);
  return self->modified;
}

/* The scenario's name, or "Untitled cell". */
const char *
ml_session_get_title (MlSession *self)
{
  g_return_val_if_fail (ML_IS_SESSION (self), NULL);
  return self->title;
}

/* Whether a load or a save is running. */
gboolean
ml_session_get_busy (MlSession *self)
{
  g_return_val_if_fail (ML_IS_SESSION (self), FALSE);
  return self->busy > 0;
}

/**
 * ml_session_load_preset:
 * @self: a session
 * @id: a preset id (ml_presets_list())
 * @error: return location for a #GError
 *
 * Replaces the cell with the preset, as one undoable change; unsaved edits
 * are one undo away, never asked about.
 *
 * Returns: %TRUE on success; on error nothing changed
 */
gboolean
ml_session_load_preset (MlSession   *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(MlCell) loaded = ml_cell_new ();

  g_return_val_if_fail (ML_IS_SESSION (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!ml_presets_load (loaded, id, error))
    return FALSE;
  g_debug ("preset %s", id);
  adopt (self, loaded, NULL, id);
  return TRUE;
}

/**
 * ml_session_load_file:
 * @self: a session
 * @file: a scenario file
 * @error: return location for a #GError
 *
 * The blocking form of ml_session_load_file_async(), for the command line
 * and tests; it never blocks on a special file (ml-file-io.h).
 *
 * Returns: %TRUE on success; on error nothing changed
 */
gboolean
ml_session_load_file (MlSession  *self,
                      GFile      *file,
                      GError    **error)
{
  g_autoptr(MlCell) loaded = ml_cell_new ();

  g_return_val_if_fail (ML_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!ml_scenario_load_file (loaded, file, NULL, error))
    {
      prefix_file_error (error, FALSE, file);
      return FALSE;
    }
  adopt (self, loaded, file, NULL);
  return TRUE;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MlSession *self = g_task_get_source_object (task);
  GFile *file = G_FILE (source);
  g_autoptr(MlCell) loaded = NULL;
  GError *error = NULL;

  /* Not busy only once the state is final: a window waiting to close
   * sees the session as it will stay. */
  loaded = ml_scenario_load_file_finish (file, result, &error);
  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        prefix_file_error (&error, FALSE, file);
      g_debug ("loading failed: %s", error->message);
      busy_end (self);
      g_task_return_error (task, error);
      return;
    }
  adopt (self, loaded, file, NULL);
  busy_end (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * ml_session_load_file_async:
 * @self: a session
 * @file: a scenario file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the cell is loaded or the file refused
 * @user_data: for @callback
 *
 * Reads @file in a worker thread and, when it is a good scenario, replaces
 * the cell as one undoable change.  On error nothing changes.
 */
void
ml_session_load_file_async (MlSession           *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ML_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ml_session_load_file_async);
  busy_begin (self);
  ml_scenario_load_file_async (file, cancellable, load_done_cb, task);
}

gboolean
ml_session_load_file_finish (MlSession     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* After a save of @saved to @file: that is now the reference. */
static void
saved (MlSession *self,
       GFile     *file,
       MlCell    *saved_cell)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_origin (self, file, NULL);
  ml_cell_assign (self->reference, saved_cell);
  /* Redo to the loaded cell comes back to this file now. */
  if (self->after_cell != NULL)
    remember_origin (self, &self->after);
  update_state (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * ml_session_save_file:
 * @self: a session
 * @file: where to save
 * @error: return location for a #GError
 *
 * Saves the cell atomically; afterwards the session belongs to @file and is
 * not modified.  On error the file on disk and the session are unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
ml_session_save_file (MlSession  *self,
                      GFile      *file,
                      GError    **error)
{
  g_autoptr(MlCell) snapshot = NULL;

  g_return_val_if_fail (ML_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  snapshot = ml_cell_copy (self->cell);
  if (!ml_scenario_save_file (snapshot, file, NULL, error))
    {
      prefix_file_error (error, TRUE, file);
      return FALSE;
    }
  saved (self, file, snapshot);
  return TRUE;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MlSession *self = g_task_get_source_object (task);
  MlCell *snapshot = g_task_get_task_data (task);
  GFile *file = G_FILE (source);
  GError *error = NULL;

  if (!ml_scenario_save_file_finish (file, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        prefix_file_error (&error, TRUE, file);
      busy_end (self);
      g_task_return_error (task, error);
      return;
    }
  /* A preset or a file was loaded while the save ran: the file holds the
   * older cell, but the session now shows another one and stays its. */
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "ml-generation")) == self->generation)
    saved (self, file, snapshot);
  busy_end (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * ml_session_save_file_async:
 * @self: a session
 * @file: where to save
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written or the save failed
 * @user_data: for @callback
 *
 * Saves the cell as it is now, in a worker thread; edits made meanwhile
 * stay unsaved (the session is modified again afterwards).
 */
void
ml_session_save_file_async (MlSession           *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  MlCell *snapshot;

  g_return_if_fail (ML_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  snapshot = ml_cell_copy (self->cell);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ml_session_save_file_async);
  g_task_set_task_data (task, snapshot, g_object_unref);
  g_object_set_data (G_OBJECT (task), "ml-generation", GUINT_TO_POINTER (self->generation));
  busy_begin (self);
  ml_scenario_save_file_async (snapshot, file, cancellable, save_done_cb, task);
}

gboolean
ml_session_save_file_finish (MlSession     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Undo back to the cell from before the last load brings back its origin
 * too: Save then writes where that cell came from, never over the file
 * that was loaded after it. */
void
ml_session_undo (MlSession *self)
{
  g_return_if_fail (ML_IS_SESSION (self));
  ml_history_undo (self->history);
  if (self->before_cell != NULL && ml_cell_equal (self->cell, self->before_cell))
    restore_origin (self, &self->before);
}

void
ml_session_redo (MlSession *self)
{
  g_return_if_fail (ML_IS_SESSION (self));
  ml_history_redo (self->history);
  if (self->after_cell != NULL && ml_cell_equal (self->cell, self->after_cell))
    restore_origin (self, &self->after);
}

/* Back to the reference values, as one undoable change. */
void
ml_session_reset (MlSession *self)
{
  g_return_if_fail (ML_IS_SESSION (self));
  ml_history_seal (self->history);
  ml_cell_assign (self->cell, self->reference);
  ml_history_seal (self->history);
}

void
ml_session_forget_history (MlSession *self)
{
  g_return_if_fail (ML_IS_SESSION (self));
  ml_history_clear (self->history);
  g_clear_object (&self->before_cell);
  g_clear_object (&self->after_cell);
  origin_clear (&self->before);
  origin_clear (&self->after);
}
