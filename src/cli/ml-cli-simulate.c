/* ml-cli-simulate.c — membrane-calc --simulate: a time course as a table
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are the simulation's own samples at the output times and on
 * both sides of each event, so a script reads the numbers the chart
 * recorder draws.  Each event changes one parameter of a copy of the cell,
 * as a slider changes the window's cell, and hands the whole cell to
 * ml_simulation_apply().
 */
#include "config.h"

#include "ml-cli.h"

#include "ml-cli-simulate.h"
#include "ml-format.h"
#include "ml-params.h"
#include "ml-simulation.h"
#include "ml-text.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

/* A run of at most 10 years (of 365 days, as ml_text_parse_duration's
 * "y") and at most this many rows, the events' included. */
#define MAX_DURATION_S (10.0 * 365.0 * 86400.0)
#define MAX_ROWS       100000
#define QUOTE_BYTES    60

typedef enum
{
  EVENT_PUMP_OFF,
  EVENT_PUMP_ON,
  EVENT_PARAM,
} EventKind;

typedef struct
{
  double     t_s;
  EventKind  kind;
  char      *id;
  double     value;
} Event;

struct _MlCliSimulate
{
  double  duration_s;
  double  every_s;
  GArray *events;   /* Event, in time order */
};

static void
event_clear (gpointer data)
{
  Event *event = data;

  g_free (event->id);
}

void
ml_cli_simulate_free (MlCliSimulate *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->events);
  g_free (self);
}

/* An interval that gives about a hundred rows and reads well: 1, 2, 5, 10,
 * 15 or 30 of a second, minute or hour. */
static double
nice_interval (double duration_s)
{
  static const double steps[] = {
    0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30,
    60, 120, 300, 600, 900, 1800,
    3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (duration_s / steps[i] <= 120.0)
      return steps[i];
  return duration_s / 120.0;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *x = a, *y = b;

  return (x->t_s > y->t_s) - (x->t_s < y->t_s);
}

static gboolean
parse_event (const char  *text,
             double       duration_s,
             MlCell      *cell,
             Event       *event,
             GError     **error)
{
  g_autofree char *quoted = ml_text_cut (text, QUOTE_BYTES);
  g_autofree char *time_text = NULL;
  const char *colon = strchr (text, ':');
  const char *what;

  memset (event, 0, sizeof *event);
  if (colon == NULL)
    {
      /* Translators: do not translate --event, T:WHAT, pump-off, pump-on. */
      ml_cli_set_bad_value (error, _("--event “%s”: write T:WHAT, e.g. 0:pump-off, 10min:pump-on or "
                          "1h:Na.p=5e-7"), quoted);
      return FALSE;
    }
  time_text = g_strndup (text, colon - text);
  what = colon + 1;
  if (!ml_text_parse_duration (time_text, &event->t_s))
    {
      ml_cli_set_bad_value (error, _("--event “%s”: “%s” is not a time (a number with s, min, h or d)"),
                 quoted, time_text);
      return FALSE;
    }
  if (event->t_s > duration_s)
    {
      ml_cli_set_bad_value (error, _("--event “%s”: the time is after the end of the run"), quoted);
      return FALSE;
    }

  if (strcmp (what, "pump-off") == 0)
    event->kind = EVENT_PUMP_OFF;
  else if (strcmp (what, "pump-on") == 0)
    event->kind = EVENT_PUMP_ON;
  else
    {
      const char *eq = strchr (what, '=');
      g_autofree char *id = NULL;
      g_autoptr (MlCell) probe = NULL;
      double value, old;

      if (eq == NULL)
        {
          ml_cli_set_bad_value (error, _("--event “%s”: “%s” is neither pump-off, pump-on nor ID=VALUE "
                              "(--list-parameters lists the ids)"), quoted, what);
          return FALSE;
        }
      id = g_strndup (what, eq - what);
      if (!ml_params_get_value (cell, id, &old))
        {
          g_autofree char *quoted_id = ml_text_cut (id, QUOTE_BYTES);

          ml_cli_set_bad_value (error, _("--event “%s”: “%s” is not a parameter of this cell "
                              "(--list-parameters lists the ids)"), quoted, quoted_id);
          return FALSE;
        }
      probe = ml_cell_copy (cell);
      if (!ml_text_parse_decimal (eq + 1, &value) || !ml_params_set_value (probe, id, value))
        {
          ml_cli_set_bad_value (error, _("--event “%s”: “%s” is not a value %s can take "
                              "(--list-parameters gives the range)"), quoted, eq + 1, id);
          return FALSE;
        }
      event->kind = EVENT_PARAM;
      event->id = g_steal_pointer (&id);
      event->value = value;
    }
  return TRUE;
}

MlCliSimulate *
ml_cli_simulate_parse (const char  *duration,
                       const char  *every,
                       char       **events,
                       MlCell      *cell,
                       GError     **error)
{
  g_autoptr (MlCliSimulate) self = g_new0 (MlCliSimulate, 1);

  self->events = g_array_new (FALSE, TRUE, sizeof (Event));
  g_array_set_clear_func (self->events, event_clear);

  if (!ml_text_parse_duration (duration, &self->duration_s)
      || self->duration_s <= 0.0 || self->duration_s > MAX_DURATION_S)
    {
      g_autofree char *quoted = ml_text_cut (duration, QUOTE_BYTES);

      ml_cli_set_bad_value (error, _("--simulate “%s”: give a duration above 0 and up to 10 years, "
                          "such as 90s, 30min, 2h, 3d or 10y"), quoted);
      return NULL;
    }

  if (every != NULL)
    {
      if (!ml_text_parse_duration (every, &self->every_s) || self->every_s <= 0.0
          || self->duration_s / self->every_s > MAX_ROWS)
        {
          g_autofree char *quoted = ml_text_cut (every, QUOTE_BYTES);

          ml_cli_set_bad_value (error, _("--every “%s”: give an interval above 0 that makes at most %d "
                              "rows"), quoted, MAX_ROWS);
          return NULL;
        }
    }
  else
    self->every_s = nice_interval (self->duration_s);

  for (guint i = 0; events != NULL && events[i] != NULL; i++)
    {
      Event event;

      if (!parse_event (events[i], self->duration_s, cell, &event, error))
        return NULL;
      g_array_append_val (self->events, event);
    }
  /* Each event prints two rows (the cell before it and after it): they
   * count toward the cap as the time rows do. */
  {
    double rows = floor (self->duration_s / self->every_s) + 2.0 + 2.0 * self->events->len;

    if (rows > MAX_ROWS)
      {
        /* Translators: a run's rows: how many it would print, how many of
         * them the events make, the most allowed. */
        ml_cli_set_bad_value (error, _("--simulate: the run would print %.0f rows (%u for the events), more "
                            "than %d; give a longer --every or fewer events"),
                   rows, 2 * self->events->len, MAX_ROWS);
        return NULL;
      }
  }

  /* Stable for equal times: the order given is the order applied. */
  for (guint i = 1; i < self->events->len; i++)
    for (guint j = i; j > 0 && compare_events (&g_array_index (self->events, Event, j - 1),
                                               &g_array_index (self->events, Event, j)) > 0; j--)
      {
        Event t = g_array_index (self->events, Event, j);

        g_array_index (self->events, Event, j) = g_array_index (self->events, Event, j - 1);
        g_array_index (self->events, Event, j - 1) = t;
      }

  return g_steal_pointer (&self);
}

/* Output ------------------------------------------------------------------ */

typedef struct
{
  gboolean     csv;
  double       unit_s;
  const char  *unit;
  GString     *out;
  MlCell      *cell;
} Table;

static void
header (Table *table)
{
  guint n = ml_cell_get_n_ions (table->cell);

  if (table->csv)
    {
      ml_simulation_csv_header (table->cell, table->out);
      return;
    }

  g_string_append_printf (table->out, "%8s  %8s", table->unit, "V_m mV");
  for (guint i = 0; i < n; i++)
    {
      const MlIon *ion = ml_cell_get_ion (table->cell, i);
      g_autofree char *label = ml_ion_label (ion->name, ion->z);
      /* Translators: a column head of the time course: the inside
       * concentration of an ion in mM, "K⁺ in". */
      g_autofree char *head = g_strdup_printf (_("%s in"), label);

      g_string_append_printf (table->out, "  %*s", 8 + (int)(strlen (head) - g_utf8_strlen (head, -1)), head);
    }
  for (guint i = 0; i < n; i++)
    {
      const MlIon *ion = ml_cell_get_ion (table->cell, i);
      g_autofree char *label = ml_ion_label (ion->name, ion->z);
      g_autofree char *head = g_strdup_printf ("E %s", label);

      g_string_append_printf (table->out, "  %*s", 8 + (int)(strlen (head) - g_utf8_strlen (head, -1)), head);
    }
  /* Translators: column heads: the volume relative to the start (1 is the
   * start), the pump current in µA/cm², the event at that time. */
  g_string_append_printf (table->out, "  %8s  %9s  %s\n", _("vol./start"), _("pump"), _("event"));
}

static void
row (Table                    *table,
     const MlSimulationSample *s,
     const char               *event)
{
  if (table->csv)
    {
      ml_simulation_csv_row (s, event, table->out);
      return;
    }

  {
    g_autofree char *t = ml_format_fixed (s->t_s / table->unit_s, 2, FALSE);
    g_autofree char *vm = s->vm_defined ? ml_format_fixed (s->vm_mv, 2, FALSE)
                                        : g_strdup ("—");

    g_string_append_printf (table->out, "%8s  %*s", t,
                            8 + (int)(strlen (vm) - g_utf8_strlen (vm, -1)), vm);
    for (guint i = 0; i < s->n_ions; i++)
      {
        g_autofree char *c = ml_format_significant (s->c_in[i], 4);

        g_string_append_printf (table->out, "  %8s", c);
      }
    for (guint i = 0; i < s->n_ions; i++)
      {
        g_autofree char *e = s->e_state[i] == ML_NERNST_DEFINED
                             ? ml_format_fixed (s->e_mv[i], 2, FALSE)
                             : g_strdup (s->e_state[i] == ML_NERNST_PLUS_INFINITY ? "+∞"
                                         : s->e_state[i] == ML_NERNST_MINUS_INFINITY ? "−∞" : "—");

        g_string_append_printf (table->out, "  %*s",
                                8 + (int)(strlen (e) - g_utf8_strlen (e, -1)), e);
      }
    {
      g_autofree char *v = ml_format_fixed (s->volume, 4, FALSE);
      g_autofree char *p = ml_format_fixed (s->pump_current_ua_cm2, 3, FALSE);

      g_string_append_printf (table->out, "  %8s  %9s  %s\n", v, p, event != NULL ? event : "");
    }
  }
}

/* A run that takes more than a second says how far it is on stderr, when
 * stderr is a terminal (a script reading it sees nothing), and clears the
 * line when it ends. */
typedef struct
{
  gboolean tty;
  gboolean shown;
  gint64   start_us;
  gint64   last_us;
} Progress;

static void
progress_show (Progress *p,
               double    t_s,
               double    duration_s)
{
  gint64 now;

  if (!p->tty)
    return;
  now = g_get_monotonic_time ();
  if (now - p->start_us < G_USEC_PER_SEC || now - p->last_us < G_USEC_PER_SEC / 4)
    return;
  p->last_us = now;
  p->shown = TRUE;
  /* Translators: the progress of a long run, on the terminal; %.0f%% is
   * the share of the simulated time done, "45%". */
  g_printerr ("\r");
  g_printerr (_("membrane-calc: simulating… %.0f%%"), 100.0 * MIN (t_s / duration_s, 1.0));
}

static void
progress_end (Progress *p)
{
  if (p->shown)
    g_printerr ("\r\033[K");
}

static const MlSimulationSample *
last_sample (MlSimulation *sim)
{
  return ml_simulation_get_sample (sim, ml_simulation_get_n_samples (sim) - 1);
}

void
ml_cli_simulate_run (MlCliSimulate *self,
                     MlCell        *cell,
                     gboolean       csv,
                     GString       *out)
{
  g_autoptr (MlSimulation) sim = ml_simulation_new (cell);
  g_autoptr (MlCell) current = ml_cell_copy (cell);
  MlPumpMode pump_mode = ml_cell_get_pump_mode (cell);
  Table table = { csv, 1.0, "t s", out, cell };
  guint next_event = 0;
  guint64 k = 1;
  Progress progress = { isatty (STDERR_FILENO), FALSE, g_get_monotonic_time (), 0 };

  if (pump_mode == ML_PUMP_OFF)
    pump_mode = ML_PUMP_KINETIC;
  if (self->duration_s > 5.0 * 3600.0)
    {
      table.unit_s = 3600.0;
      table.unit = _("t h");
    }
  else if (self->duration_s > 600.0)
    {
      table.unit_s = 60.0;
      table.unit = _("t min");
    }
  else
    table.unit = _("t s");

  header (&table);
  row (&table, last_sample (sim), NULL);

  for (;;)
    {
      double t_out = fmin ((double)k * self->every_s, self->duration_s);
      double t_next = t_out;
      gboolean running;

      if (next_event < self->events->len)
        t_next = fmin (t_next, g_array_index (self->events, Event, next_event).t_s);

      running = ml_simulation_advance (sim, t_next);
      /* A row at each output time, and before an event, so that the
       * event's own row shows the step. */
      if (running
          && (t_next == t_out
              || (next_event < self->events->len
                  && g_array_index (self->events, Event, next_event).t_s == t_next
                  && t_next > 0.0)))
        row (&table, last_sample (sim), NULL);
      if (running && t_next == t_out)
        k++;
      progress_show (&progress, ml_simulation_get_time (sim), self->duration_s);

      /* Every event due now, also while paused: one of them may undo the
       * cause (the temperature set back, a channel opened again). */
      while (next_event < self->events->len
             && g_array_index (self->events, Event, next_event).t_s <= ml_simulation_get_time (sim))
        {
          const Event *event = &g_array_index (self->events, Event, next_event++);
          g_autoptr (MlCell) before = ml_cell_copy (current);
          g_autofree char *label = NULL;

          if (event->kind == EVENT_PUMP_OFF)
            ml_cell_set_pump_mode (current, ML_PUMP_OFF);
          else if (event->kind == EVENT_PUMP_ON)
            ml_cell_set_pump_mode (current, pump_mode);
          else
            ml_params_set_value (current, event->id, event->value);
          label = ml_simulation_describe_change (before, current);
          ml_simulation_apply (sim, current, label != NULL ? label : _("no change"));
          running = ml_simulation_get_stop (sim) == ML_SIMULATION_RUNNING;
          row (&table, last_sample (sim), label != NULL ? label : _("no change"));
        }

      if (!running)
        {
          const char *why = ml_simulation_get_stop_message (sim);
          guint left = self->events->len - next_event;

          if (left == 0)
            row (&table, last_sample (sim), why);
          else
            {
              /* Translators: the last row of a paused run; %s is why it
               * paused, %u how many events it did not reach. */
              g_autofree char *text = g_strdup_printf (ngettext ("%s; %u later event not applied",
                                                                 "%s; %u later events not applied",
                                                                 left), why, left);

              row (&table, last_sample (sim), text);
            }
          break;
        }
      if (ml_simulation_get_time (sim) >= self->duration_s)
        break;
    }
  progress_end (&progress);
}
