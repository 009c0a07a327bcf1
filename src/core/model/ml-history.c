/* ml-history.c — undo and redo of the edits of one cell
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history keeps whole copies of the cell (a few hundred bytes each), one
 * per step, taken after every "changed".  Consecutive changes of the same
 * single value within ML_HISTORY_MERGE_MS are one step, so a slider dragged
 * through two hundred positions is undone with one key; a preset, which
 * changes many values in one batch, is one step by itself.
 */
#define G_LOG_DOMAIN "ml-history"

#include "config.h"

#include "ml-history.h"
#include "ml-params.h"

struct _MlHistory
{
  GObject    parent_instance;

  MlCell    *cell;
  MlCell    *current;     /* copy of the cell after the last change */
  GPtrArray *undo;        /* MlCell*, oldest first */
  GPtrArray *redo;        /* MlCell*, next redo last */
  GPtrArray *kept_redo;   /* the redo steps a new step replaced, kept while
                           * that step may still turn out to be no step */
  char      *last_key;
  gint64     last_time;
  gboolean   applying;
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlHistory, ml_history, G_TYPE_OBJECT)

#define MAX_STEPS 500

static void
notify_state (MlHistory *self,
              gboolean   could_undo,
              gboolean   could_redo)
{
  if (could_undo != ml_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != ml_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Only values that a slider sweeps merge, as the parameter table says:
 * two clicks of a switch are two steps, or undo would bring back nothing. */
static gboolean
key_is_continuous (const char *key)
{
  return ml_params_id_is_continuous (key);
}

static void
cell_changed_cb (MlCell    *cell,
                 MlHistory *self)
{
  gboolean could_undo = ml_history_can_undo (self);
  gboolean could_redo = ml_history_can_redo (self);
  g_autofree char *key = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->applying)
    return;

  /* The change names itself (the signal's detail); a cell that matches
   * the step already kept is no step. */
  if (ml_cell_equal (self->current, cell))
    return;
  key = g_strdup (ml_cell_get_change (cell));

  if (self->last_key != NULL && key_is_continuous (key)
      && g_strcmp0 (key, self->last_key) == 0
      && now - self->last_time < ML_HISTORY_MERGE_MS * 1000
      && self->undo->len > 0)
    {
      /* Same drag: the step's start stays where it is; a drag that ends
       * where it began is no step at all. */
      ml_cell_assign (self->current, cell);
      if (ml_cell_equal (self->current, g_ptr_array_index (self->undo, self->undo->len - 1)))
        {
          g_ptr_array_set_size (self->undo, self->undo->len - 1);
          g_clear_pointer (&key, g_free);
          /* Nothing happened after all: what could be redone still can. */
          if (self->kept_redo != NULL)
            {
              g_ptr_array_unref (self->redo);
              self->redo = g_steal_pointer (&self->kept_redo);
            }
        }
    }
  else
    {
      g_ptr_array_add (self->undo, self->current);
      self->current = ml_cell_copy (cell);
      if (self->undo->len > MAX_STEPS)
        g_ptr_array_remove_index (self->undo, 0);

      g_clear_pointer (&self->kept_redo, g_ptr_array_unref);
      self->kept_redo = g_steal_pointer (&self->redo);
      self->redo = g_ptr_array_new_with_free_func (g_object_unref);
    }

  g_free (self->last_key);
  self->last_key = g_steal_pointer (&key);
  self->last_time = now;
  if (self->last_key == NULL || !key_is_continuous (self->last_key))
    g_clear_pointer (&self->kept_redo, g_ptr_array_unref);
  notify_state (self, could_undo, could_redo);
}

static void
apply (MlHistory *self,
       GPtrArray *from,
       GPtrArray *to)
{
  gboolean could_undo = ml_history_can_undo (self);
  gboolean could_redo = ml_history_can_redo (self);
  MlCell *state;

  if (from->len == 0)
    return;

  state = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, self->current);
  self->current = state;

  self->applying = TRUE;
  ml_cell_assign (self->cell, state);
  self->applying = FALSE;

  g_clear_pointer (&self->last_key, g_free);
  g_clear_pointer (&self->kept_redo, g_ptr_array_unref);
  notify_state (self, could_undo, could_redo);
}

static void
ml_history_dispose (GObject *object)
{
  MlHistory *self = ML_HISTORY (object);

  if (self->cell != NULL)
    g_signal_handlers_disconnect_by_func (self->cell, cell_changed_cb, self);
  g_clear_object (&self->cell);
  g_clear_object (&self->current);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->kept_redo, g_ptr_array_unref);
  g_clear_pointer (&self->last_key, g_free);

  G_OBJECT_CLASS (ml_history_parent_class)->dispose (object);
}

static void
ml_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MlHistory *self = ML_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ml_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ml_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_history_class_init (MlHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ml_history_dispose;
  object_class->get_property = ml_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ml_history_init (MlHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo = g_ptr_array_new_with_free_func (g_object_unref);
}

MlHistory *
ml_history_new (MlCell *cell)
{
  MlHistory *self;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);

  self = g_object_new (ML_TYPE_HISTORY, NULL);
  self->cell = g_object_ref (cell);
  self->current = ml_cell_copy (cell);
  g_signal_connect (cell, "changed", G_CALLBACK (cell_changed_cb), self);
  return self;
}

gboolean
ml_history_can_undo (MlHistory *self)
{
  g_return_val_if_fail (ML_IS_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
ml_history_can_redo (MlHistory *self)
{
  g_return_val_if_fail (ML_IS_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

void
ml_history_undo (MlHistory *self)
{
  g_return_if_fail (ML_IS_HISTORY (self));
  apply (self, self->undo, self->redo);
}

void
ml_history_redo (MlHistory *self)
{
  g_return_if_fail (ML_IS_HISTORY (self));
  apply (self, self->redo, self->undo);
}

void
ml_history_clear (MlHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (ML_IS_HISTORY (self));

  could_undo = ml_history_can_undo (self);
  could_redo = ml_history_can_redo (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  ml_cell_assign (self->current, self->cell);
  g_clear_pointer (&self->last_key, g_free);
  g_clear_pointer (&self->kept_redo, g_ptr_array_unref);
  notify_state (self, could_undo, could_redo);
}

void
ml_history_seal (MlHistory *self)
{
  g_return_if_fail (ML_IS_HISTORY (self));
  g_clear_pointer (&self->last_key, g_free);
  g_clear_pointer (&self->kept_redo, g_ptr_array_unref);
}
