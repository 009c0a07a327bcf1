/* ml-time-course-page.c — the cell over time, on a chart recorder
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page runs a simulation (ml-simulation.h) on its own copy of the
 * session's cell while it is shown, at a speed the user picks.  Every change
 * to the session's cell (a slider, undo, the pump keys, a lesson step) is an
 * event of the run at the present simulated time: the simulation takes the
 * new parameters and keeps its own inside concentrations, and the chart
 * marks it with a label.  Steps of one drag, closer than GESTURE_US, make one
 * event.  Loading another preset or file starts the run again.
 *
 * After a temperature step a second run goes along, dashed on the chart,
 * with the pump's kinetics held at the old temperature: the gap between the
 * two traces is the part the pump's Q10 plays, now and over time.
 */
#define G_LOG_DOMAIN "ml-time-course"

#include "config.h"

#include "ml-time-course-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ml-file-io.h"
#include "ml-format.h"
#include "ml-cell-pump.h"
#include "ml-screenshot.h"
#include "ml-view-session.h"

#define GESTURE_US   (700 * G_TIME_SPAN_MILLISECOND)
#define CLOCK_US     (200 * G_TIME_SPAN_MILLISECOND)
/* A frame longer than this (a stall, a hidden window) counts as this. */
#define MAX_FRAME_S  0.1

static const double speeds[] = { 1, 10, 100, 1000, 1e4, 1e5 };
#define DEFAULT_SPEED_INDEX 2

struct _MlTimeCoursePage
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkButton       *play_button;
  GtkDropDown     *speed;
  GtkLabel        *clock;
  MlChartRecorder *chart;
  GtkLabel        *status;

  MlSession       *session;
  MlSimulation    *sim;
  MlSimulation    *shadow;        /* pump kinetics held, after a temperature step */
  MlCell          *applied;       /* the session's cell as last applied */
  MlCell          *gesture_start; /* the cell before the present gesture */
  char            *gesture_key;
  gint64           gesture_us;
  char            *temperature_text;

  gboolean         playing;
  guint            tick_id;
  gint64           last_frame_us;
  gint64           clock_us;
  gboolean         from_frame;    /* the clock label may wait for the next frame */
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlTimeCoursePage, ml_time_course_page, GTK_TYPE_WIDGET)

/* Words ------------------------------------------------------------------ */

static char *
format_clock (double t_s)
{
  long total = lround (floor (t_s));
  long d = total / 86400, h = (total / 3600) % 24, m = (total / 60) % 60, s = total % 60;

  if (d > 0)
    return g_strdup_printf (_("%ld d %02ld h %02ld min"), d, h, m);
  if (h > 0)
    return g_strdup_printf (_("%ld h %02ld min %02ld s"), h, m, s);
  if (m > 0)
    return g_strdup_printf (_("%ld min %02ld s"), m, s);
  return g_strdup_printf (_("%ld s"), s);
}

static void
update_clock (MlTimeCoursePage *self,
              gboolean          force)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *clock = NULL;
  g_autofree char *text = NULL;

  if (!force && self->from_frame && now - self->clock_us < CLOCK_US)
    return;
  self->clock_us = now;
  clock = format_clock (ml_simulation_get_time (self->sim));
  /* Translators: the simulated clock, "t = 1 h 05 min 00 s". */
  text = g_strdup_printf (_("t = %s"), clock);
  gtk_label_set_label (self->clock, text);
}

static void
update_status (MlTimeCoursePage *self)
{
  g_autoptr (GString) s = g_string_new (NULL);
  const char *stop = ml_simulation_get_stop_message (self->sim);

  if (stop != NULL)
    {
      g_string_append (s, stop);
      g_string_append (s, " ");
      g_string_append (s, _("Undo the last change or press Clear to go on."));
      g_string_append (s, "\n");
    }
  if (self->temperature_text != NULL)
    {
      g_string_append (s, self->temperature_text);
      g_string_append (s, "\n");
    }
  g_string_append (s, _("Pump–leak model: a cell in a large, constant bath; water follows "
                        "osmolarity at once; ions move only through the mechanisms the cell "
                        "has."));
  gtk_label_set_label (self->status, s->str);
}

static void
update_play_button (MlTimeCoursePage *self)
{
  gboolean running = self->playing
                     && ml_simulation_get_stop (self->sim) == ML_SIMULATION_RUNNING;

  gtk_button_set_icon_name (self->play_button, running ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Pause") : _("Run"),
                                  -1);
}

/* The page's description is what a screen reader says of it: the chart's
 * summary (V_m, the time, the last event). */
static void
update_all (MlTimeCoursePage *self,
            gboolean          force)
{
  if (self->from_frame)
    ml_chart_recorder_tick (self->chart);
  else
    ml_chart_recorder_update (self->chart);
  update_clock (self, force);
  if (force)
    {
      update_status (self);
      update_play_button (self);
    }
  if (ml_chart_recorder_get_summary (self->chart) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    ml_chart_recorder_get_summary (self->chart),
                                    -1);
}

/* The run ------------------------------------------------------------------ */

static void
restart (MlTimeCoursePage *self)
{
  MlCell *cell = ml_session_get_cell (self->session);

  /* The chart only borrows the runs: let go of them first. */
  ml_chart_recorder_set_simulation (self->chart, NULL, NULL, NULL);
  g_clear_pointer (&self->shadow, ml_simulation_free);
  g_clear_pointer (&self->sim, ml_simulation_free);
  g_clear_object (&self->applied);
  g_clear_object (&self->gesture_start);
  g_clear_pointer (&self->gesture_key, g_free);
  g_clear_pointer (&self->temperature_text, g_free);

  self->applied = ml_cell_copy (cell);
  self->sim = ml_simulation_new (cell);
  ml_chart_recorder_set_simulation (self->chart, self->sim, NULL, NULL);
  update_all (self, TRUE);
}

static void
describe_temperature (MlTimeCoursePage *self,
                      MlCell           *before,
                      MlCell           *after)
{
  MlTemperatureSplit split;
  g_autofree char *t0 = ml_format_significant (ml_cell_get_temperature (before), 3);
  g_autofree char *t1 = ml_format_significant (ml_cell_get_temperature (after), 3);

  g_clear_pointer (&self->temperature_text, g_free);
  if (!ml_cell_split_temperature_change (before, after, &split))
    return;

  if (ml_cell_get_pump_mode (after) == ML_PUMP_OFF)
    {
      g_autofree char *thermo = ml_format_millivolts (split.thermodynamic_mv, 1, TRUE);

      self->temperature_text =
        /* Translators: "37 → 17 °C: V_m moved +4.4 mV, all of it from RT/F
         * (the pump is blocked)." */
        g_strdup_printf (_("%s → %s °C: V_m moved %s, all of it from RT/F (the pump is "
                           "blocked)."), t0, t1, thermo);
      return;
    }
  {
    g_autofree char *thermo = ml_format_millivolts (split.thermodynamic_mv, 1, TRUE);
    g_autofree char *kinetic = ml_format_millivolts (split.kinetic_mv, 1, TRUE);

    self->temperature_text =
      /* Translators: the two parts of a temperature change; "old pump rate"
       * is the label of the dashed trace on the chart, drawn with the
       * pump's rate of the old temperature. */
      g_strdup_printf (_("%s → %s °C: V_m moves at once by %s from RT/F and by %s from the "
                         "pump’s kinetics (its Q₁₀). The dashed V_m (“old pump rate”) keeps the "
                         "pump’s earlier rate: the gap between the two traces is the pump’s "
                         "part, now and as the gradients move."),
                       t0, t1, thermo, kinetic);
  }
}

static void
solved_cb (MlTimeCoursePage *self,
           MlSession        *session)
{
  MlCell *cell = ml_session_get_cell (session);
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  gint64 now = g_get_monotonic_time ();
  gboolean merge;

  /* A new run comes with another preset or file ("origin-changed"); a
   * save, which makes the saved cell the reference, does not start one. */
  if (self->sim == NULL)
    {
      restart (self);
      return;
    }

  /* The change names itself; words change nothing a run depends on. */
  if (ml_cell_equal (self->applied, cell))
    return;
  key = g_strdup (ml_cell_get_change (cell));
  if (key == NULL || g_strcmp0 (key, ML_CELL_CHANGE_TEXT) == 0)
    return;

  /* Only a value moved step by step merges (the parameter table says
   * which); a switch flipped twice is two events however fast. */
  merge = self->gesture_key != NULL && g_strcmp0 (key, self->gesture_key) == 0
          && ml_params_id_is_continuous (key) && now - self->gesture_us < GESTURE_US;
  if (!merge)
    {
      g_set_object (&self->gesture_start, self->applied);
      g_free (self->gesture_key);
      self->gesture_key = g_strdup (key);
    }
  g_clear_object (&self->applied);
  self->gesture_us = now;

  label = ml_simulation_describe_change (self->gesture_start, cell);
  if (label == NULL)
    label = g_strdup (_("cell changed"));

  if (g_strcmp0 (key, "temperature") == 0)
    {
      g_autoptr (MlCell) held = ml_cell_hold_pump_kinetics (self->gesture_start, cell);

      if (!merge || self->shadow == NULL)
        {
          ml_chart_recorder_set_simulation (self->chart, self->sim, NULL, NULL);
          g_clear_pointer (&self->shadow, ml_simulation_free);
          self->shadow = ml_simulation_copy (self->sim);
        }
      ml_simulation_apply (self->shadow, held, NULL);
      describe_temperature (self, self->gesture_start, cell);
    }
  else
    {
      /* The comparison holds for one change of temperature only. */
      ml_chart_recorder_set_simulation (self->chart, self->sim, NULL, NULL);
      g_clear_pointer (&self->shadow, ml_simulation_free);
      g_clear_pointer (&self->temperature_text, g_free);
    }

  if (merge)
    {
      ml_simulation_apply (self->sim, cell, NULL);
      ml_simulation_set_last_mark_label (self->sim, label);
    }
  else
    ml_simulation_apply (self->sim, cell, label);

  self->applied = ml_cell_copy (cell);
  ml_chart_recorder_set_simulation (self->chart, self->sim, self->shadow,
                                    self->shadow != NULL ? _("old pump rate") : NULL);
  update_all (self, TRUE);
}

void
ml_time_course_page_advance (MlTimeCoursePage *self,
                             double            seconds)
{
  double t;
  MlSimulationStop before;

  g_return_if_fail (ML_IS_TIME_COURSE_PAGE (self));
  if (self->sim == NULL || !(seconds > 0.0))
    return;

  before = ml_simulation_get_stop (self->sim);
  t = ml_simulation_get_time (self->sim) + seconds;
  ml_simulation_advance (self->sim, t);
  if (self->shadow != NULL)
    ml_simulation_advance (self->shadow, ml_simulation_get_time (self->sim));
  update_all (self, ml_simulation_get_stop (self->sim) != before);
}

static void
advance_frame (MlTimeCoursePage *self,
               double            seconds)
{
  self->from_frame = TRUE;
  ml_time_course_page_advance (self, seconds);
  self->from_frame = FALSE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double dt = self->last_frame_us > 0 ? (now - self->last_frame_us) / (double)G_USEC_PER_SEC : 0.0;

  self->last_frame_us = now;
  if (self->playing && self->sim != NULL
      && ml_simulation_get_stop (self->sim) == ML_SIMULATION_RUNNING)
    advance_frame (self, MIN (dt, MAX_FRAME_S) * ml_time_course_page_get_speed (self));
  return G_SOURCE_CONTINUE;
}

/* The clock runs while the page is on screen. */
static void
ml_time_course_page_map (GtkWidget *widget)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (widget);

  GTK_WIDGET_CLASS (ml_time_course_page_parent_class)->map (widget);
  self->last_frame_us = 0;
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (widget, tick_cb, NULL, NULL);
}

static void
ml_time_course_page_unmap (GtkWidget *widget)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (widget);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
    }
  GTK_WIDGET_CLASS (ml_time_course_page_parent_class)->unmap (widget);
}

/* Actions ------------------------------------------------------------------ */

static void
play_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (widget);

  ml_time_course_page_set_playing (self, !self->playing);
}

static void
clear_cb (GtkWidget  *widget,
          const char *action,
          GVariant   *parameter)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (widget);

  /* From the cell as it is now, sized by the reference as always. */
  restart (self);
}

static void
faster_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (widget);
  guint i = gtk_drop_down_get_selected (self->speed);
  gboolean up = g_str_equal (action, "recorder.faster");

  if (up && i + 1 < G_N_ELEMENTS (speeds))
    gtk_drop_down_set_selected (self->speed, i + 1);
  else if (!up && i > 0)
    gtk_drop_down_set_selected (self->speed, i - 1);
}

static GtkWindow *
page_window (MlTimeCoursePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (MlTimeCoursePage *self,
            const char       *message)
{
  GtkWidget *w;

  /* The window's toast overlay, when there is one above the page. */
  for (w = GTK_WIDGET (self); w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_TOAST_OVERLAY (w))
      {
        g_autofree char *escaped = g_markup_escape_text (message, -1);

        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (w), adw_toast_new (escaped));
        return;
      }
  g_warning ("%s", message);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (user_data);
  gboolean csv = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "csv"));

  /* The page may have gone while the dialog was open. */
  if (response == GTK_RESPONSE_ACCEPT && self->sim != NULL && self->chart != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GError) error = NULL;

      if (csv)
        {
          g_autofree char *text = ml_simulation_to_csv (self->sim);

          if (!ml_file_replace_atomic (file, text, strlen (text), NULL, &error))
            show_error (self, error->message);
        }
      else
        {
          g_autofree char *path = g_file_get_path (file);

          if (path == NULL)
            show_error (self, _("Figures can only be exported to a local folder"));
          else if (!ml_screenshot_widget (GTK_WIDGET (self->chart), path, &error))
            show_error (self, error->message);
        }
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (widget);
  gboolean csv = g_str_equal (action, "recorder.export-csv");
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  const char *cell_name = ml_cell_get_name (ml_session_get_cell (self->session));
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (csv ? _("Save the Trace") : _("Save the Chart"),
                                        page_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, csv ? _("CSV files") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, csv ? "text/csv" : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the file name offered for a trace, %s is the cell's name. */
  name = g_strdup_printf (csv ? _("%s — time course.csv") : _("%s — time course.png"),
                          cell_name != NULL && cell_name[0] != '\0' ? cell_name : _("cell"));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "csv", GINT_TO_POINTER (csv));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
speed_cb (GtkDropDown      *dropdown,
          GParamSpec       *pspec,
          MlTimeCoursePage *self)
{
  /* A screen reader hears the new speed through the drop-down itself. */
  self->last_frame_us = 0;
}

/* Object ------------------------------------------------------------------ */

static void set_session (MlTimeCoursePage *self,
                         MlSession        *session);

static void
ml_time_course_page_dispose (GObject *object)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (object);

  set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ML_TYPE_TIME_COURSE_PAGE);
  G_OBJECT_CLASS (ml_time_course_page_parent_class)->dispose (object);
}

static void
ml_time_course_page_finalize (GObject *object)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (object);

  if (self->chart != NULL)
    ml_chart_recorder_set_simulation (self->chart, NULL, NULL, NULL);
  g_clear_pointer (&self->shadow, ml_simulation_free);
  g_clear_pointer (&self->sim, ml_simulation_free);
  g_clear_object (&self->applied);
  g_clear_object (&self->gesture_start);
  g_free (self->gesture_key);
  g_free (self->temperature_text);
  G_OBJECT_CLASS (ml_time_course_page_parent_class)->finalize (object);
}

static void
origin_changed_cb (MlTimeCoursePage *self,
                   MlSession        *session)
{
  restart (self);
}

static void
set_session (MlTimeCoursePage *self,
             MlSession        *session)
{
  if (self->session != NULL && self->session != session)
    g_signal_handlers_disconnect_by_func (self->session, origin_changed_cb, self);
  if (!ml_view_follow_session (self, &self->session, session, G_CALLBACK (solved_cb)))
    return;
  if (session != NULL)
    g_signal_connect_swapped (session, "origin-changed", G_CALLBACK (origin_changed_cb), self);
  if (session != NULL)
    restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
ml_time_course_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_time_course_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MlTimeCoursePage *self = ML_TIME_COURSE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_time_course_page_class_init (MlTimeCoursePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_time_course_page_dispose;
  object_class->finalize = ml_time_course_page_finalize;
  object_class->get_property = ml_time_course_page_get_property;
  object_class->set_property = ml_time_course_page_set_property;
  widget_class->map = ml_time_course_page_map;
  widget_class->unmap = ml_time_course_page_unmap;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ML_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ML_TYPE_CHART_RECORDER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/time-course-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlTimeCoursePage, box);
  gtk_widget_class_bind_template_child (widget_class, MlTimeCoursePage, play_button);
  gtk_widget_class_bind_template_child (widget_class, MlTimeCoursePage, speed);
  gtk_widget_class_bind_template_child (widget_class, MlTimeCoursePage, clock);
  gtk_widget_class_bind_template_child (widget_class, MlTimeCoursePage, chart);
  gtk_widget_class_bind_template_child (widget_class, MlTimeCoursePage, status);

  gtk_widget_class_install_action (widget_class, "recorder.play", NULL, play_cb);
  gtk_widget_class_install_action (widget_class, "recorder.clear", NULL, clear_cb);
  gtk_widget_class_install_action (widget_class, "recorder.faster", NULL, faster_cb);
  gtk_widget_class_install_action (widget_class, "recorder.slower", NULL, faster_cb);
  gtk_widget_class_install_action (widget_class, "recorder.export-csv", NULL, export_cb);
  gtk_widget_class_install_action (widget_class, "recorder.export-figure", NULL, export_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "recorder.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0, "recorder.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0, "recorder.slower", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "recorder.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_ALT_MASK, "recorder.export-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_ALT_MASK, "recorder.export-figure", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "time-course-page");
}

static void
ml_time_course_page_init (MlTimeCoursePage *self)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    {
      static const char * const names[] = { "×1", "×10", "×100", "×1000", "×10⁴", "×10⁵" };

      gtk_string_list_append (list, names[i]);
    }
  gtk_drop_down_set_model (self->speed, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->speed, DEFAULT_SPEED_INDEX);
  g_signal_connect (self->speed, "notify::selected", G_CALLBACK (speed_cb), self);
  self->playing = TRUE;
}

GtkWidget *
ml_time_course_page_new (MlSession *session)
{
  return g_object_new (ML_TYPE_TIME_COURSE_PAGE, "session", session, NULL);
}

MlSimulation *
ml_time_course_page_get_simulation (MlTimeCoursePage *self)
{
  g_return_val_if_fail (ML_IS_TIME_COURSE_PAGE (self), NULL);
  return self->sim;
}

MlChartRecorder *
ml_time_course_page_get_chart (MlTimeCoursePage *self)
{
  g_return_val_if_fail (ML_IS_TIME_COURSE_PAGE (self), NULL);
  return self->chart;
}

double
ml_time_course_page_get_speed (MlTimeCoursePage *self)
{
  guint i;

  g_return_val_if_fail (ML_IS_TIME_COURSE_PAGE (self), 1.0);
  i = gtk_drop_down_get_selected (self->speed);
  return speeds[MIN (i, G_N_ELEMENTS (speeds) - 1)];
}

void
ml_time_course_page_set_speed (MlTimeCoursePage *self,
                               double            speed)
{
  guint best = 0;

  g_return_if_fail (ML_IS_TIME_COURSE_PAGE (self));
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (log10 (speeds[i]) - log10 (MAX (speed, 1.0)))
        < fabs (log10 (speeds[best]) - log10 (MAX (speed, 1.0))))
      best = i;
  gtk_drop_down_set_selected (self->speed, best);
}

gboolean
ml_time_course_page_get_playing (MlTimeCoursePage *self)
{
  g_return_val_if_fail (ML_IS_TIME_COURSE_PAGE (self), FALSE);
  return self->playing;
}

void
ml_time_course_page_set_playing (MlTimeCoursePage *self,
                                 gboolean          playing)
{
  g_return_if_fail (ML_IS_TIME_COURSE_PAGE (self));
  self->playing = !!playing;
  self->last_frame_us = 0;
  update_play_button (self);
  /* Paused, the words catch up with the last frame. */
  if (self->sim != NULL)
    update_all (self, TRUE);
}

const char *
ml_time_course_page_get_status (MlTimeCoursePage *self)
{
  g_return_val_if_fail (ML_IS_TIME_COURSE_PAGE (self), NULL);
  return gtk_label_get_label (self->status);
}
