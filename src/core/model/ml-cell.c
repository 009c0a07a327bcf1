/* ml-cell.c — the model of one cell
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlCell holds what a user can change and nothing that is computed.  Every
 * edit ends in exactly one "changed" emission; edits made between
 * ml_cell_begin_batch() and ml_cell_end_batch() end in one emission together,
 * so loading a preset is one change for the views and for undo.
 */
#include "config.h"

#include "ml-cell.h"
#include "ml-mechanism.h"
#include "ml-params.h"
#include "ml-text.h"

#include <math.h>
#include <string.h>

struct _MlCell
{
  GObject     parent_instance;

  char       *name;
  char       *description;
  char       *source;
  char       *measured;  /* "K.out 2.5 -75; 10 -60.5", canonical, or NULL */

  double      temperature;
  MlPumpMode  pump_mode;
  double      pump_ratio;
  double      pump_current;
  double      pump_max_current;
  double      pump_q10;
  double      pump_t_ref;
  double      radius;
  double      capacitance;

  guint       n_ions;
  MlIon       ions[ML_MAX_IONS];

  guint       n_mechanisms;
  MlMechanism mechanisms[ML_MAX_MECHANISMS];

  guint       batch_depth;
  gboolean    batch_dirty;
  /* What a batch changed: one id, or ML_CELL_CHANGE_MANY. */
  GQuark      batch_change;
  /* The id of the change emitted last. */
  GQuark      last_change;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_SOURCE,
  PROP_TEMPERATURE,
  PROP_PUMP_MODE,
  PROP_PUMP_RATIO,
  PROP_PUMP_CURRENT,
  PROP_PUMP_MAX_CURRENT,
  PROP_PUMP_Q10,
  PROP_PUMP_REFERENCE_TEMPERATURE,
  PROP_RADIUS,
  PROP_CAPACITANCE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlCell, ml_cell, G_TYPE_OBJECT)

/* Every change names what changed: a parameter id of the table ("K.in",
 * "pump.imax", "kcc2.imax") or one of the ML_CELL_CHANGE_* words; it is
 * the signal's detail, so "changed::K.in" hears only that. */
static void
emit_change (MlCell     *self,
             const char *id)
{
  GQuark quark = g_quark_from_string (id);

  if (self->batch_depth > 0)
    {
      if (!self->batch_dirty)
        self->batch_change = quark;
      else if (self->batch_change != quark)
        self->batch_change = g_quark_from_static_string (ML_CELL_CHANGE_MANY);
      self->batch_dirty = TRUE;
      return;
    }
  self->last_change = quark;
  g_signal_emit (self, signals[CHANGED], quark);
}

/* The id of an ion's value: "K.in". */
static void
emit_ion_change (MlCell     *self,
                 guint       index,
                 const char *field)
{
  g_autofree char *id = g_strconcat (self->ions[index].name, field, NULL);

  emit_change (self, id);
}

static gboolean
set_double (MlCell     *self,
            double     *field,
            double      value,
            GParamSpec *pspec,
            const char *id)
{
  if (*field == value)
    return FALSE;
  *field = value;
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  if (id != NULL)
    emit_change (self, id);
  return TRUE;
}

static void
set_string (MlCell      *self,
            char       **field,
            const char  *value,
            glong        max_chars,
            GParamSpec  *pspec)
{
  g_autofree char *kept = NULL;

  /* At most @max_chars characters, cut at a character's boundary. */
  if (g_utf8_validate (value, -1, NULL) && g_utf8_strlen (value, -1) > max_chars)
    value = kept = g_utf8_substring (value, 0, max_chars);
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  emit_change (self, ML_CELL_CHANGE_TEXT);
}

static gboolean
mechanisms_equal (MlCell *a,
                  MlCell *b)
{
  if (a->n_mechanisms != b->n_mechanisms)
    return FALSE;
  for (guint i = 0; i < a->n_mechanisms; i++)
    {
      const MlMechanism *x = &a->mechanisms[i], *y = &b->mechanisms[i];

      if (x->klass != y->klass)
        return FALSE;
      for (guint k = 0; k < x->klass->n_params; k++)
        if (x->values[k] != y->values[k])
          return FALSE;
    }
  return TRUE;
}

static gboolean
ion_equal (const MlIon *a,
           const MlIon *b)
{
  /* Field by field: padding and bytes after the name's NUL do not count. */
  return strcmp (a->name, b->name) == 0 && a->z == b->z && a->c_in == b->c_in
         && a->c_out == b->c_out && a->p == b->p && a->enabled == b->enabled;
}

/* Inside and outside share one range (test-params checks that the table
 * says so). */
gboolean
ml_concentration_is_valid (double mm)
{
  return ml_params_cell_accepts (ML_PARAM_ION_C_IN, mm);
}

gboolean
ml_permeability_is_valid (double cm_s)
{
  return ml_params_cell_accepts (ML_PARAM_ION_P, cm_s);
}

/* The names the app knows, in the order of MlIonRole, with their valence. */
static const struct
{
  const char *name;
  int         z;
} known_ions[] = {
  [ML_ION_ROLE_OTHER] = { NULL, 0 },
  [ML_ION_ROLE_K] = { "K", 1 },
  [ML_ION_ROLE_NA] = { "Na", 1 },
  [ML_ION_ROLE_CL] = { "Cl", -1 },
  [ML_ION_ROLE_CA] = { "Ca", 2 },
};

/* The role a name would have at the right valence. */
static MlIonRole
role_of_name (const char *name)
{
  for (guint r = ML_ION_ROLE_K; r < G_N_ELEMENTS (known_ions); r++)
    if (g_ascii_strcasecmp (name, known_ions[r].name) == 0)
      return (MlIonRole)r;
  return ML_ION_ROLE_OTHER;
}

/* Without regard to case, as a scenario file compares ion names: "k" next
 * to "K" would be two ions to strcmp() and one to every reader, and a "k"
 * typed on the command line means potassium. */
MlIonRole
ml_ion_role_for (const char *name,
                 int         z)
{
  MlIonRole role;

  g_return_val_if_fail (name != NULL, ML_ION_ROLE_OTHER);

  role = role_of_name (name);
  /* A "Ca" of valence +1 is some other ion that happens to share the name;
   * the pump must not take a "K" anion for K⁺. */
  if (role != ML_ION_ROLE_OTHER && known_ions[role].z != z)
    return ML_ION_ROLE_OTHER;
  return role;
}

const char *
ml_ion_role_get_name (MlIonRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (known_ions), NULL);
  return known_ions[role].name;
}

int
ml_ion_role_get_valence (MlIonRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (known_ions), 0);
  return known_ions[role].z;
}

const char *
ml_ion_canonical_name (const char *name)
{
  MlIonRole role;

  g_return_val_if_fail (name != NULL, NULL);

  role = role_of_name (name);
  return role != ML_ION_ROLE_OTHER ? known_ions[role].name : name;
}

gboolean
ml_ion_is_valid (const MlIon *ion)
{
  return ion != NULL
         && ion->name[0] != '\0'
         && memchr (ion->name, '\0', ML_ION_NAME_MAX) != NULL
         && ion->z != 0 && ion->z >= -2 && ion->z <= 2
         && ml_concentration_is_valid (ion->c_in)
         && ml_concentration_is_valid (ion->c_out)
         && ml_permeability_is_valid (ion->p);
}

static void
ml_cell_finalize (GObject *object)
{
  MlCell *self = (MlCell *)object;

  g_clear_pointer (&self->measured, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (ml_cell_parent_class)->finalize (object);
}

static void
ml_cell_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  MlCell *self = ML_CELL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_TEMPERATURE:
      g_value_set_double (value, self->temperature);
      break;
    case PROP_PUMP_MODE:
      g_value_set_int (value, self->pump_mode);
      break;
    case PROP_PUMP_RATIO:
      g_value_set_double (value, self->pump_ratio);
      break;
    case PROP_PUMP_CURRENT:
      g_value_set_double (value, self->pump_current);
      break;
    case PROP_PUMP_MAX_CURRENT:
      g_value_set_double (value, self->pump_max_current);
      break;
    case PROP_PUMP_Q10:
      g_value_set_double (value, self->pump_q10);
      break;
    case PROP_PUMP_REFERENCE_TEMPERATURE:
      g_value_set_double (value, self->pump_t_ref);
      break;
    case PROP_RADIUS:
      g_value_set_double (value, self->radius);
      break;
    case PROP_CAPACITANCE:
      g_value_set_double (value, self->capacitance);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_cell_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  MlCell *self = ML_CELL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      ml_cell_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      ml_cell_set_description (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      ml_cell_set_source (self, g_value_get_string (value));
      break;
    case PROP_TEMPERATURE:
      ml_cell_set_temperature (self, g_value_get_double (value));
      break;
    case PROP_PUMP_MODE:
      ml_cell_set_pump_mode (self, g_value_get_int (value));
      break;
    case PROP_PUMP_RATIO:
      ml_cell_set_pump_ratio (self, g_value_get_double (value));
      break;
    case PROP_PUMP_CURRENT:
      ml_cell_set_pump_current (self, g_value_get_double (value));
      break;
    case PROP_PUMP_MAX_CURRENT:
      ml_cell_set_pump_max_current (self, g_value_get_double (value));
      break;
    case PROP_PUMP_Q10:
      ml_cell_set_pump_q10 (self, g_value_get_double (value));
      break;
    case PROP_PUMP_REFERENCE_TEMPERATURE:
      ml_cell_set_pump_reference_temperature (self, g_value_get_double (value));
      break;
    case PROP_RADIUS:
      ml_cell_set_radius (self, g_value_get_double (value));
      break;
    case PROP_CAPACITANCE:
      ml_cell_set_capacitance (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A property's range and default from the parameter table.  GParamSpec
 * ranges are closed, so an open minimum (the pump's reference temperature)
 * is as close as a pspec gets; the setter refuses the minimum itself. */
static GParamSpec *
param_spec_for (MlParamKind kind,
                GParamFlags flags)
{
  const MlParam *param = ml_params_get_kind (kind);

  return g_param_spec_double (param->property, NULL, NULL, param->min, param->max,
                              param->default_value, flags);
}

static void
ml_cell_class_init (MlCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ml_cell_finalize;
  object_class->get_property = ml_cell_get_property;
  object_class->set_property = ml_cell_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_TEMPERATURE] =
    g_param_spec_double ("temperature", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, ML_DEFAULT_TEMPERATURE_C, flags);
  properties[PROP_PUMP_MODE] =
    g_param_spec_int ("pump-mode", NULL, NULL,
                      ML_PUMP_OFF, ML_PUMP_KINETIC, ML_PUMP_OFF, flags);
  properties[PROP_PUMP_RATIO] =
    param_spec_for (ML_PARAM_PUMP_RATIO, flags);
  properties[PROP_PUMP_CURRENT] =
    param_spec_for (ML_PARAM_PUMP_CURRENT, flags);
  properties[PROP_PUMP_MAX_CURRENT] =
    param_spec_for (ML_PARAM_PUMP_MAX_CURRENT, flags);
  properties[PROP_PUMP_Q10] =
    param_spec_for (ML_PARAM_PUMP_Q10, flags);
  properties[PROP_PUMP_REFERENCE_TEMPERATURE] =
    param_spec_for (ML_PARAM_PUMP_T_REF, flags);
  properties[PROP_RADIUS] =
    param_spec_for (ML_PARAM_RADIUS, flags);
  properties[PROP_CAPACITANCE] =
    param_spec_for (ML_PARAM_CAPACITANCE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* One emission per edit, or per batch of edits. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ml_cell_init (MlCell *self)
{
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->source = g_strdup ("");
  self->temperature = ML_DEFAULT_TEMPERATURE_C;
  self->pump_mode = ML_PUMP_OFF;
  self->pump_ratio = ML_DEFAULT_PUMP_RATIO;
  self->pump_current = ML_DEFAULT_PUMP_CURRENT;
  self->pump_max_current = ML_DEFAULT_PUMP_MAX_CURRENT;
  self->pump_q10 = ML_DEFAULT_PUMP_Q10;
  self->pump_t_ref = ML_DEFAULT_PUMP_T_REF_C;
  self->radius = ML_DEFAULT_RADIUS_UM;
  self->capacitance = ML_DEFAULT_CAPACITANCE;
}

/**
 * ml_cell_new:
 *
 * Returns: a cell with no ions, at 37 °C, pump off, 10 µm radius, 1 µF/cm².
 */
MlCell *
ml_cell_new (void)
{
  return g_object_new (ML_TYPE_CELL, NULL);
}

MlCell *
ml_cell_copy (MlCell *self)
{
  MlCell *copy;

  g_return_val_if_fail (ML_IS_CELL (self), NULL);

  copy = ml_cell_new ();
  ml_cell_assign (copy, self);
  return copy;
}

/* Makes @self equal to @source in one change. */
void
ml_cell_assign (MlCell *self,
                MlCell *source)
{
  g_autofree char *diff = NULL;
  gboolean outer;

  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (ML_IS_CELL (source));

  if (self == source)
    return;

  /* One change: named by what differs, as a drag's undo step needs it. */
  outer = self->batch_depth == 0;
  diff = outer ? ml_cell_difference (self, source) : NULL;
  ml_cell_begin_batch (self);
  ml_cell_set_name (self, source->name);
  ml_cell_set_description (self, source->description);
  ml_cell_set_source (self, source->source);
  ml_cell_set_measured_text (self, source->measured);
  ml_cell_set_temperature (self, source->temperature);
  ml_cell_set_pump_mode (self, source->pump_mode);
  ml_cell_set_pump_ratio (self, source->pump_ratio);
  ml_cell_set_pump_current (self, source->pump_current);
  ml_cell_set_pump_max_current (self, source->pump_max_current);
  ml_cell_set_pump_q10 (self, source->pump_q10);
  ml_cell_set_pump_reference_temperature (self, source->pump_t_ref);
  ml_cell_set_radius (self, source->radius);
  ml_cell_set_capacitance (self, source->capacitance);
  gboolean ions_differ = self->n_ions != source->n_ions;

  for (guint i = 0; !ions_differ && i < source->n_ions; i++)
    ions_differ = !ion_equal (&self->ions[i], &source->ions[i]);
  if (ions_differ)
    {
      memset (self->ions, 0, sizeof self->ions);
      memcpy (self->ions, source->ions, sizeof (MlIon) * source->n_ions);
      self->n_ions = source->n_ions;
      emit_change (self, ML_CELL_CHANGE_IONS);
    }
  if (!mechanisms_equal (self, source))
    {
      memcpy (self->mechanisms, source->mechanisms, sizeof self->mechanisms);
      self->n_mechanisms = source->n_mechanisms;
      emit_change (self, ML_CELL_CHANGE_MECHANISMS);
    }
  if (outer && diff != NULL && self->batch_dirty)
    self->batch_change = g_quark_from_string (diff);
  ml_cell_end_batch (self);
}

gboolean
ml_cell_equal (MlCell *a,
               MlCell *b)
{
  g_return_val_if_fail (ML_IS_CELL (a), FALSE);
  g_return_val_if_fail (ML_IS_CELL (b), FALSE);

  if (a->n_ions != b->n_ions)
    return FALSE;
  for (guint i = 0; i < a->n_ions; i++)
    {
      const MlIon *x = &a->ions[i], *y = &b->ions[i];

      if (strcmp (x->name, y->name) != 0 || x->z != y->z || x->c_in != y->c_in
          || x->c_out != y->c_out || x->p != y->p || x->enabled != y->enabled)
        return FALSE;
    }

  return g_strcmp0 (a->name, b->name) == 0
         && g_strcmp0 (a->description, b->description) == 0
         && g_strcmp0 (a->source, b->source) == 0
         && g_strcmp0 (a->measured, b->measured) == 0
         && a->temperature == b->temperature
         && a->pump_mode == b->pump_mode
         && a->pump_ratio == b->pump_ratio
         && a->pump_current == b->pump_current
         && a->pump_max_current == b->pump_max_current
         && a->pump_q10 == b->pump_q10
         && a->pump_t_ref == b->pump_t_ref
         && a->radius == b->radius
         && a->capacitance == b->capacitance
         && mechanisms_equal (a, b);
}

void
ml_cell_begin_batch (MlCell *self)
{
  g_return_if_fail (ML_IS_CELL (self));

  if (self->batch_depth++ == 0)
    {
      self->batch_dirty = FALSE;
      g_object_freeze_notify (G_OBJECT (self));
    }
}

void
ml_cell_end_batch (MlCell *self)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (self->batch_depth > 0);

  if (--self->batch_depth > 0)
    return;

  g_object_thaw_notify (G_OBJECT (self));
  if (self->batch_dirty)
    {
      self->batch_dirty = FALSE;
      self->last_change = self->batch_change;
      g_signal_emit (self, signals[CHANGED], self->batch_change);
    }
}

const char *
ml_cell_get_change (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), NULL);
  return g_quark_to_string (self->last_change);
}

const char *
ml_cell_get_name (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), NULL);
  return self->name;
}

void
ml_cell_set_name (MlCell     *self,
                  const char *name)
{
  g_return_if_fail (ML_IS_CELL (self));
  set_string (self, &self->name, name ? name : "", ML_CELL_NAME_MAX_CHARS, properties[PROP_NAME]);
}

const char *
ml_cell_get_description (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), NULL);
  return self->description;
}

void
ml_cell_set_description (MlCell     *self,
                         const char *description)
{
  g_return_if_fail (ML_IS_CELL (self));
  set_string (self, &self->description, description ? description : "",
              ML_CELL_DESCRIPTION_MAX_CHARS, properties[PROP_DESCRIPTION]);
}

const char *
ml_cell_get_source (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), NULL);
  return self->source;
}

void
ml_cell_set_source (MlCell     *self,
                    const char *source)
{
  g_return_if_fail (ML_IS_CELL (self));
  set_string (self, &self->source, source ? source : "", ML_CELL_SOURCE_MAX_CHARS,
              properties[PROP_SOURCE]);
}

/* Measured values ---------------------------------------------------- */

static void
append_number (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* The shortest text that reads back as @v. */
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (s, buf);
}

/* Parses "PARAM X V; X V; …" into its parts; FALSE when it is not that. */
static gboolean
parse_measured (const char  *text,
                char       **param,
                GArray      *x,
                GArray      *vm)
{
  g_auto (GStrv) points = NULL;
  const char *space;

  if (text == NULL || (space = strchr (text, ' ')) == NULL || space == text)
    return FALSE;
  if (param != NULL)
    *param = g_strndup (text, space - text);
  points = g_strsplit (space + 1, ";", -1);
  for (guint i = 0; points[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (g_strstrip (points[i]), " ", -1);
      double a, b;

      if (g_strv_length (pair) != 2 || !ml_text_parse_decimal (pair[0], &a)
          || !ml_text_parse_decimal (pair[1], &b) || !isfinite (a) || !isfinite (b))
        {
          if (param != NULL)
            g_clear_pointer (param, g_free);
          return FALSE;
        }
      if (x != NULL)
        g_array_append_val (x, a);
      if (vm != NULL)
        g_array_append_val (vm, b);
    }
  return TRUE;
}

const char *
ml_cell_get_measured_text (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), NULL);
  return self->measured;
}

gboolean
ml_cell_set_measured_text (MlCell     *self,
                           const char *text)
{
  g_return_val_if_fail (ML_IS_CELL (self), FALSE);

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (text != NULL && !parse_measured (text, NULL, NULL, NULL))
    return FALSE;
  if (g_strcmp0 (self->measured, text) == 0)
    return TRUE;
  g_free (self->measured);
  self->measured = g_strdup (text);
  emit_change (self, ML_CELL_CHANGE_TEXT);
  return TRUE;
}

gboolean
ml_cell_get_measured (MlCell  *self,
                      char   **param,
                      GArray  *x,
                      GArray  *vm_mv)
{
  g_return_val_if_fail (ML_IS_CELL (self), FALSE);
  return self->measured != NULL && parse_measured (self->measured, param, x, vm_mv);
}

void
ml_cell_set_measured_point (MlCell     *self,
                            const char *param,
                            double      x,
                            double      vm_mv)
{
  g_autofree char *old_param = NULL;
  g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) vs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GString) s = NULL;
  gboolean placed = FALSE;

  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (param != NULL && param[0] != '\0' && strchr (param, ' ') == NULL);
  g_return_if_fail (isfinite (x));

  /* Points of another parameter are replaced. */
  if (ml_cell_get_measured (self, &old_param, xs, vs) && g_strcmp0 (old_param, param) != 0)
    {
      g_array_set_size (xs, 0);
      g_array_set_size (vs, 0);
    }
  for (guint i = 0; i < xs->len; i++)
    if (g_array_index (xs, double, i) == x)
      {
        if (isfinite (vm_mv))
          g_array_index (vs, double, i) = vm_mv;
        else
          {
            g_array_remove_index (xs, i);
            g_array_remove_index (vs, i);
          }
        placed = TRUE;
        break;
      }
  if (!placed && isfinite (vm_mv))
    {
      guint at = 0;

      while (at < xs->len && g_array_index (xs, double, at) < x)
        at++;
      g_array_insert_val (xs, at, x);
      g_array_insert_val (vs, at, vm_mv);
    }

  if (xs->len == 0)
    {
      ml_cell_set_measured_text (self, NULL);
      return;
    }
  s = g_string_new (param);
  g_string_append_c (s, ' ');
  for (guint i = 0; i < xs->len; i++)
    {
      if (i > 0)
        g_string_append (s, "; ");
      append_number (s, g_array_index (xs, double, i));
      g_string_append_c (s, ' ');
      append_number (s, g_array_index (vs, double, i));
    }
  ml_cell_set_measured_text (self, s->str);
}

double
ml_cell_get_temperature (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), 0.0);
  return self->temperature;
}

/* Any finite temperature is kept; one at or below 0 K is reported by the
 * solver as a condition rather than refused here, so a file or script that
 * asks for it gets a clear answer.  The table says the same with
 * ML_PARAM_FLAG_CELL_ANY_FINITE (test-params checks the two agree). */
void
ml_cell_set_temperature (MlCell *self,
                         double  t_c)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (isfinite (t_c));
  set_double (self, &self->temperature, t_c, properties[PROP_TEMPERATURE], "temperature");
}

MlPumpMode
ml_cell_get_pump_mode (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), ML_PUMP_OFF);
  return self->pump_mode;
}

void
ml_cell_set_pump_mode (MlCell     *self,
                       MlPumpMode  mode)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (mode >= ML_PUMP_OFF && mode <= ML_PUMP_KINETIC);

  if (self->pump_mode == mode)
    return;
  self->pump_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUMP_MODE]);
  emit_change (self, ML_CELL_CHANGE_PUMP_MODE);
}

double
ml_cell_get_pump_ratio (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), ML_DEFAULT_PUMP_RATIO);
  return self->pump_ratio;
}

void
ml_cell_set_pump_ratio (MlCell *self,
                        double  ratio)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (ml_params_cell_accepts (ML_PARAM_PUMP_RATIO, ratio));
  set_double (self, &self->pump_ratio, ratio, properties[PROP_PUMP_RATIO], "pump.ratio");
}

double
ml_cell_get_pump_current (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), 0.0);
  return self->pump_current;
}

void
ml_cell_set_pump_current (MlCell *self,
                          double  ua_cm2)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (ml_params_cell_accepts (ML_PARAM_PUMP_CURRENT, ua_cm2));
  set_double (self, &self->pump_current, ua_cm2, properties[PROP_PUMP_CURRENT], "pump.current");
}

double
ml_cell_get_pump_max_current (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), ML_DEFAULT_PUMP_MAX_CURRENT);
  return self->pump_max_current;
}

void
ml_cell_set_pump_max_current (MlCell *self,
                              double  ua_cm2)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (ml_params_cell_accepts (ML_PARAM_PUMP_MAX_CURRENT, ua_cm2));
  set_double (self, &self->pump_max_current, ua_cm2, properties[PROP_PUMP_MAX_CURRENT], "pump.imax");
}

double
ml_cell_get_pump_q10 (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), ML_DEFAULT_PUMP_Q10);
  return self->pump_q10;
}

void
ml_cell_set_pump_q10 (MlCell *self,
                      double  q10)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (ml_params_cell_accepts (ML_PARAM_PUMP_Q10, q10));
  set_double (self, &self->pump_q10, q10, properties[PROP_PUMP_Q10], "pump.q10");
}

double
ml_cell_get_pump_reference_temperature (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), ML_DEFAULT_PUMP_T_REF_C);
  return self->pump_t_ref;
}

void
ml_cell_set_pump_reference_temperature (MlCell *self,
                                        double  t_c)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (ml_params_cell_accepts (ML_PARAM_PUMP_T_REF, t_c));
  set_double (self, &self->pump_t_ref, t_c, properties[PROP_PUMP_REFERENCE_TEMPERATURE],
              "pump.t_ref");
}

double
ml_cell_get_radius (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), ML_DEFAULT_RADIUS_UM);
  return self->radius;
}

void
ml_cell_set_radius (MlCell *self,
                    double  radius_um)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (ml_params_cell_accepts (ML_PARAM_RADIUS, radius_um));
  set_double (self, &self->radius, radius_um, properties[PROP_RADIUS], "radius");
}

double
ml_cell_get_capacitance (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), ML_DEFAULT_CAPACITANCE);
  return self->capacitance;
}

void
ml_cell_set_capacitance (MlCell *self,
                         double  uf_cm2)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (ml_params_cell_accepts (ML_PARAM_CAPACITANCE, uf_cm2));
  set_double (self, &self->capacitance, uf_cm2, properties[PROP_CAPACITANCE], "capacitance");
}

guint
ml_cell_get_n_ions (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), 0);
  return self->n_ions;
}

const MlIon *
ml_cell_get_ion (MlCell *self,
                 guint   index)
{
  g_return_val_if_fail (ML_IS_CELL (self), NULL);
  g_return_val_if_fail (index < self->n_ions, NULL);
  return &self->ions[index];
}

int
ml_cell_find_ion (MlCell     *self,
                  const char *name)
{
  g_return_val_if_fail (ML_IS_CELL (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->n_ions; i++)
    if (g_ascii_strcasecmp (self->ions[i].name, name) == 0)
      return (int)i;
  return -1;
}

int
ml_cell_find_role (MlCell    *self,
                   MlIonRole  role)
{
  g_return_val_if_fail (ML_IS_CELL (self), -1);
  g_return_val_if_fail (role != ML_ION_ROLE_OTHER, -1);

  /* Names are unique without regard to case, so one ion at most has it. */
  for (guint i = 0; i < self->n_ions; i++)
    if (self->ions[i].role == role)
      return (int)i;
  return -1;
}

int
ml_cell_set_ion (MlCell      *self,
                 const MlIon *ion)
{
  MlIon stored;
  int index;

  g_return_val_if_fail (ML_IS_CELL (self), -1);
  g_return_val_if_fail (ml_ion_is_valid (ion), -1);

  /* The ion as the cell keeps it, made first so that setting "k" over a
   * "K" with the same values is no change. */
  memset (&stored, 0, sizeof stored);
  g_strlcpy (stored.name, ml_ion_canonical_name (ion->name), ML_ION_NAME_MAX);
  stored.z = ion->z;
  stored.c_in = ion->c_in;
  stored.c_out = ion->c_out;
  stored.p = ion->p;
  stored.enabled = ion->enabled;
  stored.role = ml_ion_role_for (stored.name, stored.z);

  index = ml_cell_find_ion (self, stored.name);
  if (index < 0)
    {
      if (self->n_ions >= ML_MAX_IONS)
        return -1;
      index = (int)self->n_ions++;
    }
  else if (ion_equal (&self->ions[index], &stored))
    return index;

  self->ions[index] = stored;
  emit_change (self, ML_CELL_CHANGE_IONS);
  return index;
}

void
ml_cell_remove_ion (MlCell *self,
                    guint   index)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (index < self->n_ions);

  memmove (&self->ions[index], &self->ions[index + 1],
           sizeof (MlIon) * (self->n_ions - index - 1));
  self->n_ions--;
  memset (&self->ions[self->n_ions], 0, sizeof (MlIon));
  emit_change (self, ML_CELL_CHANGE_IONS);
}

void
ml_cell_clear_ions (MlCell *self)
{
  g_return_if_fail (ML_IS_CELL (self));

  if (self->n_ions == 0)
    return;
  memset (self->ions, 0, sizeof self->ions);
  self->n_ions = 0;
  emit_change (self, ML_CELL_CHANGE_IONS);
}

double
ml_cell_get_ion_value (MlCell     *self,
                       guint       index,
                       MlIonField  field)
{
  g_return_val_if_fail (ML_IS_CELL (self), 0.0);
  g_return_val_if_fail (index < self->n_ions, 0.0);

  switch (field)
    {
    case ML_ION_FIELD_C_IN:
      return self->ions[index].c_in;
    case ML_ION_FIELD_C_OUT:
      return self->ions[index].c_out;
    case ML_ION_FIELD_P:
      return self->ions[index].p;
    default:
      g_return_val_if_reached (0.0);
    }
}

void
ml_cell_set_ion_value (MlCell     *self,
                       guint       index,
                       MlIonField  field,
                       double      value)
{
  double *target;

  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (index < self->n_ions);

  switch (field)
    {
    case ML_ION_FIELD_C_IN:
      g_return_if_fail (ml_concentration_is_valid (value));
      target = &self->ions[index].c_in;
      break;
    case ML_ION_FIELD_C_OUT:
      g_return_if_fail (ml_concentration_is_valid (value));
      target = &self->ions[index].c_out;
      break;
    case ML_ION_FIELD_P:
      g_return_if_fail (ml_permeability_is_valid (value));
      target = &self->ions[index].p;
      break;
    default:
      g_return_if_reached ();
    }

  if (set_double (self, target, value, NULL, NULL))
    emit_ion_change (self, index, field == ML_ION_FIELD_C_IN ? ".in"
                                  : field == ML_ION_FIELD_C_OUT ? ".out" : ".p");
}

void
ml_cell_set_ion_enabled (MlCell   *self,
                         guint     index,
                         gboolean  enabled)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (index < self->n_ions);

  enabled = !!enabled;
  if (self->ions[index].enabled == (bool)enabled)
    return;
  self->ions[index].enabled = enabled;
  emit_ion_change (self, index, ".enabled");
}

/* Mechanisms ----------------------------------------------------------- */

guint
ml_cell_get_n_mechanisms (MlCell *self)
{
  g_return_val_if_fail (ML_IS_CELL (self), 0);
  return self->n_mechanisms;
}

const MlMechanism *
ml_cell_get_mechanism (MlCell *self,
                       guint   index)
{
  g_return_val_if_fail (ML_IS_CELL (self), NULL);
  g_return_val_if_fail (index < self->n_mechanisms, NULL);
  return &self->mechanisms[index];
}

int
ml_cell_find_mechanism (MlCell     *self,
                        const char *id)
{
  g_return_val_if_fail (ML_IS_CELL (self), -1);

  for (guint i = 0; id != NULL && i < self->n_mechanisms; i++)
    if (strcmp (self->mechanisms[i].klass->id, id) == 0)
      return (int)i;
  return -1;
}

int
ml_cell_add_mechanism (MlCell                 *self,
                       const MlMechanismClass *klass)
{
  MlMechanism *m;
  int found;

  g_return_val_if_fail (ML_IS_CELL (self), -1);
  g_return_val_if_fail (klass != NULL, -1);

  found = ml_cell_find_mechanism (self, klass->id);
  if (found >= 0)
    return found;
  if (klass->builtin || self->n_mechanisms >= ML_MAX_MECHANISMS)
    return -1;

  m = &self->mechanisms[self->n_mechanisms];
  memset (m, 0, sizeof *m);
  m->klass = klass;
  for (guint k = 0; k < klass->n_params && k < ML_MECHANISM_MAX_PARAMS; k++)
    m->values[k] = klass->params[k].default_value;
  self->n_mechanisms++;
  /* counted before the signal: a handler sees the new one */
  emit_change (self, ML_CELL_CHANGE_MECHANISMS);
  return (int)self->n_mechanisms - 1;
}

void
ml_cell_remove_mechanism (MlCell *self,
                          guint   index)
{
  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (index < self->n_mechanisms);

  memmove (&self->mechanisms[index], &self->mechanisms[index + 1],
           sizeof (MlMechanism) * (self->n_mechanisms - index - 1));
  self->n_mechanisms--;
  memset (&self->mechanisms[self->n_mechanisms], 0, sizeof (MlMechanism));
  emit_change (self, ML_CELL_CHANGE_MECHANISMS);
}

double
ml_cell_get_mechanism_value (MlCell *self,
                             guint   index,
                             guint   slot)
{
  g_return_val_if_fail (ML_IS_CELL (self), 0.0);
  g_return_val_if_fail (index < self->n_mechanisms, 0.0);
  g_return_val_if_fail (slot < self->mechanisms[index].klass->n_params, 0.0);
  return self->mechanisms[index].values[slot];
}

void
ml_cell_set_mechanism_value (MlCell *self,
                             guint   index,
                             guint   slot,
                             double  value)
{
  MlMechanism *m;

  g_return_if_fail (ML_IS_CELL (self));
  g_return_if_fail (index < self->n_mechanisms);
  m = &self->mechanisms[index];
  g_return_if_fail (slot < m->klass->n_params);

  if (!ml_param_cell_accepts (&m->klass->params[slot], value))
    {
      g_warning ("%s: %s out of range: %g", G_STRFUNC, m->klass->params[slot].id, value);
      return;
    }
  set_double (self, &m->values[slot], value, NULL, m->klass->params[slot].id);
}

static void
note_difference (char       **key,
                 guint       *count,
                 const char  *what)
{
  if ((*count)++ == 0)
    *key = g_strdup (what);
}

char *
ml_cell_difference (MlCell *a,
                    MlCell *b)
{
  char *key = NULL;
  guint count = 0;

  g_return_val_if_fail (ML_IS_CELL (a), NULL);
  g_return_val_if_fail (ML_IS_CELL (b), NULL);

  /* Words and measured values: nothing the physics reads. */
  if (g_strcmp0 (a->name, b->name) != 0 || g_strcmp0 (a->description, b->description) != 0
      || g_strcmp0 (a->source, b->source) != 0 || g_strcmp0 (a->measured, b->measured) != 0)
    note_difference (&key, &count, ML_CELL_CHANGE_TEXT);
  if (a->temperature != b->temperature)
    note_difference (&key, &count, "temperature");
  if (a->pump_mode != b->pump_mode)
    note_difference (&key, &count, ML_CELL_CHANGE_PUMP_MODE);
  if (a->pump_ratio != b->pump_ratio)
    note_difference (&key, &count, "pump.ratio");
  if (a->pump_current != b->pump_current)
    note_difference (&key, &count, "pump.current");
  if (a->pump_max_current != b->pump_max_current)
    note_difference (&key, &count, "pump.imax");
  if (a->pump_q10 != b->pump_q10)
    note_difference (&key, &count, "pump.q10");
  if (a->pump_t_ref != b->pump_t_ref)
    note_difference (&key, &count, "pump.t_ref");
  if (a->radius != b->radius)
    note_difference (&key, &count, "radius");
  if (a->capacitance != b->capacitance)
    note_difference (&key, &count, "capacitance");

  if (a->n_ions != b->n_ions)
    note_difference (&key, &count, ML_CELL_CHANGE_IONS);
  else
    for (guint i = 0; i < a->n_ions; i++)
      {
        const MlIon *x = &a->ions[i], *y = &b->ions[i];
        const char *prefix = x->name;
        g_autofree char *what = NULL;

        /* The parameter ids of the table: "K.in". */
        if (strcmp (x->name, y->name) != 0 || x->z != y->z)
          what = g_strdup (ML_CELL_CHANGE_IONS);
        else if (x->c_in != y->c_in)
          what = g_strconcat (prefix, ".in", NULL);
        else if (x->c_out != y->c_out)
          what = g_strconcat (prefix, ".out", NULL);
        else if (x->p != y->p)
          what = g_strconcat (prefix, ".p", NULL);
        else if (x->enabled != y->enabled)
          what = g_strconcat (prefix, ".enabled", NULL);
        if (what != NULL)
          note_difference (&key, &count, what);
      }

  /* A mechanism's value by its parameter id ("kcc2.imax"); another set of
   * mechanisms as one key. */
  if (a->n_mechanisms != b->n_mechanisms)
    note_difference (&key, &count, ML_CELL_CHANGE_MECHANISMS);
  else
    for (guint i = 0; i < a->n_mechanisms; i++)
      {
        const MlMechanism *x = &a->mechanisms[i], *y = &b->mechanisms[i];

        if (x->klass != y->klass)
          {
            note_difference (&key, &count, ML_CELL_CHANGE_MECHANISMS);
            continue;
          }
        for (guint k = 0; k < x->klass->n_params; k++)
          if (x->values[k] != y->values[k])
            note_difference (&key, &count, x->klass->params[k].id);
      }

  if (count > 1)
    {
      g_free (key);
      return g_strdup (ML_CELL_CHANGE_MANY);
    }
  return key;
}
