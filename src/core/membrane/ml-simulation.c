/* ml-simulation.c — the cell over time: leaks, pump, volume
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ml-simulation.h for the model.  Units: amounts y[i] in mM × V₀ (the
 * starting volume), so that with the volume w (relative to V₀) the
 * concentration is y/w.  A current density I (µA/cm²) of an ion of valence
 * z moves dy/dt = −(A/V₀)·I/(zF) mM/s, with A/V₀ = 3/r for a sphere: the
 * 10⁻⁶ of µA and the 10⁶ of mM per mol/cm³ cancel.
 */
#define G_LOG_DOMAIN "ml-simulation"

#include "config.h"

#include "ml-simulation.h"
#include "ml-ode.h"
#include "ml-format.h"
#include "ml-params.h"
#include "ml-physics.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ROS2: γ = 1 + 1/√2. */
#define H_MIN       1e-9
#define H_FIRST     0.1
#define DEFAULT_RTOL 1e-5
#define DEFAULT_MAX_STEP 3600.0
#define DEFAULT_MAX_SAMPLES 20000
/* An ion counts as run out below this fraction of where it started. */
#define DEPLETED_FRACTION 1e-6

struct _MlSimulation
{
  MlCell       *params;        /* the parameters applied last (a copy) */
  MlCell       *work;          /* params with the simulated c_in */
  guint         n;
  int           z[ML_MAX_IONS];
  double        y[ML_MAX_IONS];        /* amount inside */
  double        y_start[ML_MAX_IONS];  /* for "run out" */
  double        moved[ML_MAX_IONS];    /* amount that left for the bath */
  double        f[ML_MAX_IONS];        /* dy/dt at y */
  double        impermeant_charge;     /* Σ z·amount of the impermeant ions */
  double        osm_neutral_in;        /* uncharged impermeant inside */
  double        osm_extra_out;         /* mM of uncharged solute in the bath */
  double        area_per_volume;       /* 3/r, 1/cm, of the starting sphere */

  double        t;
  double        h;
  double        rtol;
  double        max_step;
  guint         n_steps;
  guint         max_samples;
  MlSimulationStop stop;
  char         *stop_message;

  MlSolution    sol;                   /* at (t, y) */
  double        volume;                /* at (t, y) */
  double        last_volume;           /* the last finite one */
  /* Whether the last state was one a cell survives: a pause comes when a
   * run crosses out of it, so that after an event the cell may move back. */
  gboolean      state_ok;
  GArray       *samples;               /* MlSimulationSample */
  GArray       *sample_kept;           /* gboolean: beside a mark */
  GPtrArray    *marks;                 /* MlSimulationMark* */
};

static void
mark_free (gpointer data)
{
  MlSimulationMark *mark = data;

  g_free (mark->label);
  g_free (mark);
}

/* The model ----------------------------------------------------------- */

static double
osm_out (MlSimulation *self)
{
  double sum = self->osm_extra_out;

  for (guint i = 0; i < self->n; i++)
    sum += ml_cell_get_ion (self->params, i)->c_out;
  return sum;
}

static double
volume_of (MlSimulation *self,
           const double *y)
{
  double osm = fabs (self->impermeant_charge) + self->osm_neutral_in;

  double out = osm_out (self);

  for (guint i = 0; i < self->n; i++)
    osm += y[i];
  /* A bath of nothing draws all water out: no volume, which rhs() and
   * check_state() take as a state the model cannot follow. */
  return out > 0.0 ? osm / out : 0.0;
}

/* dy/dt at @y; the solution and volume there in @sol and @volume.  FALSE
 * when V_m is undefined or a concentration leaves the cell's range. */
static gboolean
rhs (MlSimulation *self,
     const double *y,
     double       *dydt,
     MlSolution   *sol,
     double       *volume)
{
  double w;

  sol->condition = ML_CONDITION_NONE;
  for (guint i = 0; i < self->n; i++)
    if (!(y[i] >= 0.0) || !isfinite (y[i]))
      return FALSE;

  w = volume_of (self, y);
  if (!(w > 0.0) || !isfinite (w))
    return FALSE;

  ml_cell_begin_batch (self->work);
  for (guint i = 0; i < self->n; i++)
    {
      double c = y[i] / w;

      if (!ml_concentration_is_valid (c))
        {
          ml_cell_end_batch (self->work);
          return FALSE;
        }
      ml_cell_set_ion_value (self->work, i, ML_ION_FIELD_C_IN, c);
    }
  ml_cell_end_batch (self->work);

  ml_cell_solve (self->work, sol);
  if (!sol->vm_defined)
    return FALSE;

  /* Each ion moves by what every mechanism carries of it, and by nothing
   * else: a switched-off ion by none. */
  for (guint i = 0; i < self->n; i++)
    dydt[i] = -self->area_per_volume * sol->ions[i].net_flux_ua_cm2
              / (self->z[i] * ML_FARADAY);
  if (volume != NULL)
    *volume = w;
  return TRUE;
}

static gboolean
ode_rhs (gpointer      user_data,
         const double *y,
         double       *dydt)
{
  MlSolution scratch;

  return rhs (user_data, y, dydt, &scratch, NULL);
}

/* Samples and pauses --------------------------------------------------- */

static void
record_sample (MlSimulation *self,
               gboolean      keep)
{
  MlSimulationSample sample = { 0 };

  sample.mark = -1;
  sample.t_s = self->t;
  sample.vm_defined = self->sol.vm_defined;
  sample.vm_mv = self->sol.vm_defined ? self->sol.vm_mv : 0.0;
  sample.volume = self->volume;
  sample.pump_current_ua_cm2 = self->sol.pump_current_ua_cm2;
  sample.n_ions = self->n;
  for (guint i = 0; i < self->n; i++)
    {
      sample.c_in[i] = self->sol.ions[i].ion.c_in;
      sample.e_state[i] = self->sol.ions[i].nernst_state;
      sample.e_mv[i] = self->sol.ions[i].nernst_mv;
    }

  /* Thinning: every other sample goes, those beside a mark and the last
   * stay, so the trace keeps its shape and its steps. */
  if (self->samples->len >= self->max_samples && self->samples->len > 2)
    {
      guint kept = 0;

      for (guint i = 0; i < self->samples->len; i++)
        {
          gboolean mark = g_array_index (self->sample_kept, gboolean, i);

          if (i % 2 == 0 || mark || i == self->samples->len - 1)
            {
              g_array_index (self->samples, MlSimulationSample, kept) =
                g_array_index (self->samples, MlSimulationSample, i);
              g_array_index (self->sample_kept, gboolean, kept) = mark;
              kept++;
            }
        }
      /* Only marked samples left: room for more, or every sample would
       * rescan them all. */
      if (kept == self->samples->len)
        self->max_samples *= 2;
      g_array_set_size (self->samples, kept);
      g_array_set_size (self->sample_kept, kept);
    }

  g_array_append_val (self->samples, sample);
  g_array_append_val (self->sample_kept, keep);
}

static void
set_stop (MlSimulation     *self,
          MlSimulationStop  stop,
          char             *message)
{
  self->stop = stop;
  g_free (self->stop_message);
  self->stop_message = message;
}

/* Whether the state at (t, y) is one a cell survives; pauses otherwise. */
/* Whether a state is one a cell survives; the reason in words when not. */
static gboolean
state_survivable (MlSimulation     *self,
                  MlSimulationStop *stop,
                  char            **message)
{
  if (self->volume >= ML_SIMULATION_LYSIS_VOLUME)
    {
      g_autofree char *times = ml_format_significant (self->volume, 3);

      *stop = ML_SIMULATION_STOP_LYSIS;
      /* Translators: %s is a number such as "1.70". */
      *message = g_strdup_printf (_("Paused: the cell has swollen to %s × its starting volume "
                                    "and would lyse"), times);
      return FALSE;
    }
  if (self->volume <= ML_SIMULATION_SHRUNK_VOLUME)
    {
      g_autofree char *times = ml_format_significant (self->volume, 3);

      *stop = ML_SIMULATION_STOP_SHRUNK;
      /* Translators: %s is a number such as "0.30". */
      *message = g_strdup_printf (_("Paused: the cell has shrunk to %s × its starting volume, "
                                    "smaller than a cell can survive"), times);
      return FALSE;
    }
  for (guint i = 0; i < self->n; i++)
    if (self->y_start[i] > 0.0 && self->y[i] <= DEPLETED_FRACTION * self->y_start[i])
      {
        const MlIon *ion = ml_cell_get_ion (self->params, i);
        g_autofree char *label = ml_ion_label (ion->name, ion->z);

        *stop = ML_SIMULATION_STOP_DEPLETED;
        /* Translators: %s is an ion, "Na⁺". */
        *message = g_strdup_printf (_("Paused: the cell has run out of %s inside"), label);
        return FALSE;
      }
  return TRUE;
}

/* Pauses when the run crosses from a state a cell survives into one it
 * does not.  A run that an event leaves there goes on while it moves back
 * (the pump restored to a swollen cell), and pauses once it goes further
 * the wrong way. */
static gboolean
check_state (MlSimulation *self)
{
  MlSimulationStop stop = ML_SIMULATION_RUNNING;
  char *message = NULL;
  gboolean ok = state_survivable (self, &stop, &message);
  gboolean was_ok = self->state_ok;
  double before = self->last_volume;
  gboolean worse = FALSE;

  self->state_ok = ok;
  if (isfinite (self->volume) && self->volume > 0.0)
    self->last_volume = self->volume;
  if (!ok && !was_ok)
    worse = (stop == ML_SIMULATION_STOP_LYSIS && self->volume > before)
            || (stop == ML_SIMULATION_STOP_SHRUNK && self->volume < before)
            || stop == ML_SIMULATION_STOP_DEPLETED;
  if (ok || (!was_ok && !worse))
    {
      g_free (message);
      return TRUE;
    }
  set_stop (self, stop, message);
  return FALSE;
}

/* Evaluates the state at (t, y) afresh, after a start or an event. */
static void
refresh (MlSimulation *self)
{
  if (!rhs (self, self->y, self->f, &self->sol, &self->volume))
    {
      const char *why = self->sol.condition != ML_CONDITION_NONE
                        ? ml_condition_message (self->sol.condition) : NULL;

      /* Nothing of the failed state is shown as defined. */
      self->sol.vm_defined = FALSE;
      self->sol.vm_mv = 0.0;
      self->sol.pump_current_ua_cm2 = 0.0;
      self->volume = volume_of (self, self->y);
      if (!(self->volume > 0.0) || !isfinite (self->volume))
        self->volume = self->last_volume;
      set_stop (self, ML_SIMULATION_STOP_UNDEFINED,
                g_strdup_printf (_("Paused: %s"),
                                 why != NULL ? why : _("V_m is undefined")));
      return;
    }
  check_state (self);
}

/* Start ---------------------------------------------------------------- */

static void
start (MlSimulation *self,
       MlCell       *cell)
{
  double charge = 0.0, osm_in = 0.0, out;

  g_clear_object (&self->params);
  g_clear_object (&self->work);
  self->params = ml_cell_copy (cell);
  self->work = ml_cell_copy (cell);
  self->n = ml_cell_get_n_ions (cell);
  self->area_per_volume = 3.0 / (ml_cell_get_radius (cell) * 1e-4);

  for (guint i = 0; i < self->n; i++)
    {
      const MlIon *ion = ml_cell_get_ion (cell, i);

      self->z[i] = ion->z;
      self->y[i] = self->y_start[i] = ion->c_in;
      self->moved[i] = 0.0;

      charge += ion->z * ion->c_in;
      osm_in += ion->c_in;
    }
  /* Impermeant ions of valence ±1 make the inside neutral; an uncharged
   * solute on the less concentrated side balances the osmolarity. */
  self->impermeant_charge = -charge;
  osm_in += fabs (charge);
  self->osm_extra_out = 0.0;
  self->osm_neutral_in = 0.0;
  out = osm_out (self);
  if (osm_in > out)
    self->osm_extra_out = osm_in - out;
  else
    self->osm_neutral_in = out - osm_in;

  self->state_ok = TRUE;
  self->last_volume = 1.0;

  self->t = 0.0;
  self->h = H_FIRST;
  self->n_steps = 0;
  set_stop (self, ML_SIMULATION_RUNNING, NULL);
  g_array_set_size (self->samples, 0);
  g_array_set_size (self->sample_kept, 0);
  g_ptr_array_set_size (self->marks, 0);
  refresh (self);
  record_sample (self, TRUE);
}

MlSimulation *
ml_simulation_new (MlCell *cell)
{
  MlSimulation *self;

  g_return_val_if_fail (ML_IS_CELL (cell), NULL);

  self = g_new0 (MlSimulation, 1);
  self->rtol = DEFAULT_RTOL;
  self->max_step = DEFAULT_MAX_STEP;
  self->max_samples = DEFAULT_MAX_SAMPLES;
  self->samples = g_array_new (FALSE, TRUE, sizeof (MlSimulationSample));
  self->sample_kept = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->marks = g_ptr_array_new_with_free_func (mark_free);
  start (self, cell);
  return self;
}

void
ml_simulation_free (MlSimulation *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->params);
  g_clear_object (&self->work);
  g_array_unref (self->samples);
  g_array_unref (self->sample_kept);
  g_ptr_array_unref (self->marks);
  g_free (self->stop_message);
  g_free (self);
}

/* Integration ----------------------------------------------------------- */

/* One ROS2 step of length h from (t, y) (ml-ode.h). */
static gboolean
ros2_step (MlSimulation *self,
           double        h,
           double       *y_new,
           double       *err)
{
  double atol[ML_MAX_IONS], scale[ML_MAX_IONS];
  MlOde ode = {
    .n = self->n,
    .rhs = ode_rhs,
    .user_data = self,
    .rtol = self->rtol,
    .atol = atol,
    .scale = scale,
  };

  /* Each amount to a tolerance of its own starting size. */
  for (guint i = 0; i < self->n; i++)
    {
      atol[i] = self->rtol * fmax (self->y_start[i], 1e-9);
      scale[i] = 1e-6 * fmax (self->y_start[i], 1e-9);
    }
  return ml_ode_ros2_step (&ode, self->y, self->f, h, y_new, err);
}

gboolean
ml_simulation_advance (MlSimulation *self,
                       double        t_end_s)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->stop != ML_SIMULATION_RUNNING)
    return FALSE;
  if (!isfinite (t_end_s) || t_end_s <= self->t)
    return TRUE;

  while (self->t < t_end_s)
    {
      double y_new[ML_MAX_IONS], f_new[ML_MAX_IONS], err = 0.0, volume = 0.0;
      double h = fmin (fmin (self->h, self->max_step), t_end_s - self->t);
      MlSolution sol;
      gboolean last = h >= t_end_s - self->t;

      /* A step the clock cannot add (t of 10¹⁵ s and more) would never
       * end the loop. */
      if (!last && self->t + h == self->t)
        {
          set_stop (self, ML_SIMULATION_STOP_STALLED,
                    g_strdup (_("Paused: the simulated clock has run as far as it can count")));
          break;
        }

      if (!ros2_step (self, h, y_new, &err) || err > 1.0
          || !rhs (self, y_new, f_new, &sol, &volume))
        {
          /* Rejected: shorter, down to a floor below any physiology. */
          self->h = h * (err > 1.0 && isfinite (err) ? fmax (0.2, 0.9 / sqrt (err)) : 0.25);
          if (self->h < H_MIN)
            {
              set_stop (self, ML_SIMULATION_STOP_STALLED,
                        g_strdup (_("Paused: the cell has reached a state the model cannot "
                                    "follow (V_m or a concentration leaves its range)")));
              break;
            }
          continue;
        }

      for (guint i = 0; i < self->n; i++)
        self->moved[i] += self->y[i] - y_new[i];
      memcpy (self->y, y_new, sizeof (double) * self->n);
      memcpy (self->f, f_new, sizeof (double) * self->n);
      self->sol = sol;
      self->volume = volume;
      self->t = last ? t_end_s : self->t + h;
      self->n_steps++;
      /* Growth limited to 4× and by the error, second order: err ∝ h². */
      self->h = ml_ode_next_step (h, err);
      if (last && self->h < h)
        self->h = h;

      if (!check_state (self))
        break;
      if (!last)
        record_sample (self, FALSE);
    }

  record_sample (self, FALSE);
  return self->stop == ML_SIMULATION_RUNNING;
}

void
ml_simulation_apply (MlSimulation *self,
                     MlCell       *cell,
                     const char   *label)
{
  gboolean same_ions;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ML_IS_CELL (cell));

  same_ions = ml_cell_get_n_ions (cell) == self->n;
  for (guint i = 0; same_ions && i < self->n; i++)
    {
      const MlIon *a = ml_cell_get_ion (cell, i);
      const MlIon *b = ml_cell_get_ion (self->params, i);

      same_ions = strcmp (a->name, b->name) == 0 && a->z == b->z;
    }

  if (!same_ions)
    {
      /* Another cell altogether: a new run, its own rest. */
      start (self, cell);
      return;
    }

  {
    double w = volume_of (self, self->y);
    double charge = 0.0, osm = 0.0;
    gboolean inside_changed = FALSE;

    for (guint i = 0; i < self->n; i++)
      {
        double c_new = ml_cell_get_ion (cell, i)->c_in;

        /* An inside concentration set by hand replaces the simulated one,
         * the others stay as they are: impermeant ions of the opposite
         * charge keep the cell neutral, and uncharged ones (as far as
         * they reach) keep it in osmotic balance at the same volume. */
        double c_now = w > 0.0 ? self->y[i] / w : 0.0;

        /* A copy of ml_simulation_get_cell () holds the simulated value:
         * that is no change. */
        if (c_new != ml_cell_get_ion (self->params, i)->c_in && w > 0.0
            && fabs (c_new - c_now) > 1e-12 * fmax (c_now, 1e-300))
          {
            self->y[i] = c_new * w;
            if (self->y_start[i] == 0.0)
              self->y_start[i] = self->y[i];
            inside_changed = TRUE;
          }
        charge += self->z[i] * self->y[i];
        osm += self->y[i];
      }
    if (inside_changed)
      {
        double out;

        self->impermeant_charge = -charge;
        ml_cell_assign (self->params, cell);
        out = osm_out (self);
        self->osm_neutral_in = MAX (0.0, out * w - osm - fabs (self->impermeant_charge));
      }

    /* Another radius: the same concentrations in a cell of that size,
     * whose surface to volume is 3/r. */
    if (ml_cell_get_radius (cell) != ml_cell_get_radius (self->params))
      self->area_per_volume = 3.0 / (ml_cell_get_radius (cell) * 1e-4);

    ml_cell_assign (self->params, cell);
    ml_cell_assign (self->work, cell);
  }

  /* The sample before the event stays too, or the step would thin out
   * to a ramp. */
  if (self->sample_kept->len > 0)
    g_array_index (self->sample_kept, gboolean, self->sample_kept->len - 1) = TRUE;
  set_stop (self, ML_SIMULATION_RUNNING, NULL);
  self->h = fmin (self->h, H_FIRST);
  refresh (self);
  record_sample (self, TRUE);
  if (label != NULL)
    {
      MlSimulationMark *mark = g_new0 (MlSimulationMark, 1);

      mark->t_s = self->t;
      mark->label = g_strdup (label);
      g_ptr_array_add (self->marks, mark);
      g_array_index (self->samples, MlSimulationSample, self->samples->len - 1).mark =
        (int)self->marks->len - 1;
    }
}

void
ml_simulation_set_last_mark_label (MlSimulation *self,
                                   const char   *label)
{
  MlSimulationMark *mark;

  g_return_if_fail (self != NULL);
  g_return_if_fail (label != NULL);
  if (self->marks->len == 0)
    return;
  mark = g_ptr_array_index (self->marks, self->marks->len - 1);
  g_free (mark->label);
  mark->label = g_strdup (label);
}

MlSimulation *
ml_simulation_copy (MlSimulation *self)
{
  MlSimulation *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->params = ml_cell_copy (self->params);
  copy->work = ml_cell_copy (self->work);
  copy->stop_message = g_strdup (self->stop_message);
  copy->samples = g_array_copy (self->samples);
  copy->sample_kept = g_array_copy (self->sample_kept);
  copy->marks = g_ptr_array_new_with_free_func (mark_free);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const MlSimulationMark *mark = g_ptr_array_index (self->marks, i);
      MlSimulationMark *dup = g_new0 (MlSimulationMark, 1);

      dup->t_s = mark->t_s;
      dup->label = g_strdup (mark->label);
      g_ptr_array_add (copy->marks, dup);
    }
  return copy;
}

/* CSV -------------------------------------------------------------------- */

static void
csv_number (GString *out,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.10g", value);
  g_string_append (out, buf);
}

void
ml_simulation_csv_header (MlCell  *cell,
                          GString *out)
{
  guint n;

  g_return_if_fail (ML_IS_CELL (cell));
  n = ml_cell_get_n_ions (cell);
  g_string_append (out, "t_s,vm_mv");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, ",%s_in_mm", ml_cell_get_ion (cell, i)->name);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, ",e_%s_mv", ml_cell_get_ion (cell, i)->name);
  g_string_append (out, ",volume,pump_ua_cm2,event\n");
}

void
ml_simulation_csv_row (const MlSimulationSample *s,
                       const char               *event,
                       GString                  *out)
{
  g_return_if_fail (s != NULL);

  csv_number (out, s->t_s);
  g_string_append_c (out, ',');
  if (s->vm_defined)
    csv_number (out, s->vm_mv);
  for (guint i = 0; i < s->n_ions; i++)
    {
      g_string_append_c (out, ',');
      csv_number (out, s->c_in[i]);
    }
  for (guint i = 0; i < s->n_ions; i++)
    {
      g_string_append_c (out, ',');
      /* ±∞ and undefined stay empty: a number column holds numbers. */
      if (s->e_state[i] == ML_NERNST_DEFINED)
        csv_number (out, s->e_mv[i]);
    }
  g_string_append_c (out, ',');
  csv_number (out, s->volume);
  g_string_append_c (out, ',');
  csv_number (out, s->pump_current_ua_cm2);
  g_string_append_c (out, ',');
  if (event != NULL && strpbrk (event, ",\"\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = event; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p == '\n' ? ' ' : *p);
        }
      g_string_append_c (out, '"');
    }
  else if (event != NULL)
    g_string_append (out, event);
  g_string_append_c (out, '\n');
}

char *
ml_simulation_to_csv (MlSimulation *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  ml_simulation_csv_header (self->params, out);
  for (guint i = 0; i < self->samples->len; i++)
    {
      const MlSimulationSample *s = &g_array_index (self->samples, MlSimulationSample, i);
      const char *event = NULL;

      if (s->mark >= 0 && (guint)s->mark < self->marks->len)
        event = ((MlSimulationMark *)g_ptr_array_index (self->marks, s->mark))->label;
      else if (i == self->samples->len - 1 && self->stop_message != NULL)
        event = self->stop_message;
      ml_simulation_csv_row (s, event, out);
    }
  return g_string_free (out, FALSE);
}

/* Getters ---------------------------------------------------------------- */

double
ml_simulation_get_time (MlSimulation *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->t;
}

MlCell *
ml_simulation_get_cell (MlSimulation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->work;
}

const MlSolution *
ml_simulation_get_solution (MlSimulation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->sol;
}

double
ml_simulation_get_volume (MlSimulation *self)
{
  g_return_val_if_fail (self != NULL, 1.0);
  return self->volume;
}

MlSimulationStop
ml_simulation_get_stop (MlSimulation *self)
{
  g_return_val_if_fail (self != NULL, ML_SIMULATION_STOP_UNDEFINED);
  return self->stop;
}

const char *
ml_simulation_get_stop_message (MlSimulation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stop_message;
}

guint
ml_simulation_get_n_samples (MlSimulation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->samples->len;
}

const MlSimulationSample *
ml_simulation_get_sample (MlSimulation *self,
                          guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->samples->len, NULL);
  return &g_array_index (self->samples, MlSimulationSample, index);
}

const MlSimulationSample *
ml_simulation_get_samples (MlSimulation *self,
                           guint        *n_samples)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_samples != NULL, NULL);
  *n_samples = self->samples->len;
  return (const MlSimulationSample *)(gpointer)self->samples->data;
}

guint
ml_simulation_get_n_marks (MlSimulation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->marks->len;
}

const MlSimulationMark *
ml_simulation_get_mark (MlSimulation *self,
                        guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->marks->len, NULL);
  return g_ptr_array_index (self->marks, index);
}

double
ml_simulation_get_amount (MlSimulation *self,
                          guint         index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0.0);
  return self->y[index];
}

double
ml_simulation_get_moved (MlSimulation *self,
                         guint         index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0.0);
  return self->moved[index];
}

double
ml_simulation_get_charge_imbalance (MlSimulation *self)
{
  double charge, total;

  g_return_val_if_fail (self != NULL, 0.0);
  charge = self->impermeant_charge;
  total = fabs (self->impermeant_charge);
  for (guint i = 0; i < self->n; i++)
    {
      charge += self->z[i] * self->y[i];
      total += fabs (self->z[i] * self->y[i]);
    }
  return total > 0.0 ? charge / total : 0.0;
}

void
ml_simulation_set_tolerance (MlSimulation *self,
                             double        rtol)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rtol > 0.0 && rtol < 1.0);
  self->rtol = rtol;
}

void
ml_simulation_set_max_step (MlSimulation *self,
                            double        max_step_s)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_step_s > 0.0);
  self->max_step = max_step_s;
}

guint
ml_simulation_get_n_steps (MlSimulation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_steps;
}

void
ml_simulation_set_max_samples (MlSimulation *self,
                               guint         max_samples)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_samples >= 16);
  self->max_samples = max_samples;
}

/* Labels ------------------------------------------------------------------ */

/* "× 25" or "÷ 4": how a permeability changed. */
static char *
factor_text (double before,
             double after)
{
  g_autofree char *n = NULL;

  if (before > 0.0 && after > 0.0)
    {
      if (after >= before)
        {
          n = ml_format_significant (after / before, 3);
          return g_strdup_printf ("× %s", n);
        }
      n = ml_format_significant (before / after, 3);
      return g_strdup_printf ("÷ %s", n);
    }
  n = ml_format_significant (after, 3);
  return g_strdup_printf ("= %s cm/s", n);
}

char *
ml_simulation_describe_change (MlCell *before,
                               MlCell *after)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (ML_IS_CELL (before), NULL);
  g_return_val_if_fail (ML_IS_CELL (after), NULL);

  key = ml_cell_difference (before, after);
  if (key == NULL || strcmp (key, "text") == 0)
    return NULL;

  if (strcmp (key, ML_CELL_CHANGE_PUMP_MODE) == 0)
    {
      if (ml_cell_get_pump_mode (after) == ML_PUMP_OFF)
        return g_strdup (_("pump blocked"));
      if (ml_cell_get_pump_mode (before) == ML_PUMP_OFF)
        return g_strdup (_("pump restored"));
      return g_strdup (_("pump model changed"));
    }
  if (strcmp (key, "temperature") == 0)
    {
      double t = ml_cell_get_temperature (after);
      g_autofree char *n = ml_format_significant (t, 3);

      if (t < ml_cell_get_temperature (before))
        /* Translators: an event mark; %s is a temperature in °C, "17". */
        return g_strdup_printf (_("cooled to %s °C"), n);
      /* Translators: an event mark; %s is a temperature in °C, "40". */
      return g_strdup_printf (_("warmed to %s °C"), n);
    }
  {
    char name[ML_ION_NAME_MAX];
    const MlParam *param = ml_params_parse_id (key, name, sizeof name);
    int i = param != NULL && ml_param_is_per_ion (param) ? ml_cell_find_ion (after, name) : -1;
    const char *field = param != NULL && ml_param_is_per_ion (param) ? param->id + 1 : NULL;

    if (i >= 0 && field != NULL)
      {
        const MlIon *a = ml_cell_get_ion (before, i);
        const MlIon *b = ml_cell_get_ion (after, i);
        g_autofree char *label = ml_ion_label (b->name, b->z);

        if (strcmp (field, "p") == 0)
          {
            g_autofree char *factor = factor_text (a->p, b->p);

            /* Translators: a permeability changed: "P(Na⁺) × 25". */
            return g_strdup_printf (_("P(%s) %s"), label, factor);
          }
        if (strcmp (field, "out") == 0 || strcmp (field, "in") == 0)
          {
            g_autofree char *from = ml_format_significant (strcmp (field, "out") == 0
                                                           ? a->c_out : a->c_in, 3);
            g_autofree char *to = ml_format_significant (strcmp (field, "out") == 0
                                                         ? b->c_out : b->c_in, 3);

            if (strcmp (field, "out") == 0)
              /* Translators: an event mark, "K⁺ outside 5 → 20 mM". */
              return g_strdup_printf (_("%s outside %s → %s mM"), label, from, to);
            /* Translators: an event mark, "Na⁺ inside 15 → 30 mM". */
            return g_strdup_printf (_("%s inside %s → %s mM"), label, from, to);
          }
        if (strcmp (field, "enabled") == 0)
          return b->enabled ? g_strdup_printf (_("%s switched on"), label)
                            : g_strdup_printf (_("%s switched off"), label);
      }
  }
  if (strcmp (key, ML_CELL_CHANGE_MANY) == 0)
    return g_strdup (_("several changes"));
  /* Any other single parameter, a mechanism's too: its label. */
  {
    const MlParam *param = ml_params_get (key);
    double v;

    if (param != NULL && !ml_param_is_per_ion (param) && ml_params_get_value (after, key, &v))
      {
        g_autofree char *n = ml_format_significant (v, 3);

        return param->unit != NULL
               ? g_strdup_printf ("%s %s %s", ml_param_get_label (param), n, param->unit)
               : g_strdup_printf ("%s %s", ml_param_get_label (param), n);
      }
  }
  if (strcmp (key, ML_CELL_CHANGE_MECHANISMS) == 0)
    return g_strdup (_("transporters changed"));
  return g_strdup (_("cell changed"));
}
