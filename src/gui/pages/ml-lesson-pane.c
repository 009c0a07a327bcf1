/* ml-lesson-pane.c — a guided lesson beside the views
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane shows one step of a lesson (ml-lesson.h) at a time: its text,
 * and when it asks, the question with the controls for a prediction.  A
 * step that asks keeps its setting back, and the window hides the gauge's
 * number and the math (the "concealed" property), until the student
 * commits; then the setting is applied as one undoable change, and the
 * result stands next to the prediction with the explanation, its numbers
 * filled in by the core from the solutions before and after.  Going back
 * replays the lesson from its start to the step before, so every step
 * starts from the cell the lesson meant.
 *
 * The pane computes nothing: it asks the core to apply, solve, check and
 * fill, and tells the window, by signals, which page to show, which view
 * options to set and which time course to start.
 */
#define G_LOG_DOMAIN "ml-lesson-pane"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ml-lesson-pane.h"
#include "ml-cell-pump.h"

#include <string.h>

/* What the student gave at a question step, kept while the lesson runs:
 * going back and on shows it again, and its explanation can be re-read. */
typedef struct
{
  MlLessonVerdict   verdict;
  MlLessonDirection direction;
  guint             choice;
  char             *number;
  char             *result;
  char             *explanation;
} GivenAnswer;

static void
given_answer_free (gpointer data)
{
  GivenAnswer *given = data;

  if (given == NULL)
    return;
  g_free (given->number);
  g_free (given->result);
  g_free (given->explanation);
  g_free (given);
}

struct _MlLessonPane
{
  GtkWidget        parent_instance;

  MlSession       *session;
  MlLesson        *lesson;
  guint            step;
  gboolean         concealed;
  gboolean         answered;
  MlLessonVerdict  verdict;
  MlLessonDirection direction;
  guint            choice;
  MlPumpMode       pump_before_block;
  gboolean         chosen;          /* a radio button was chosen */
  MlCell          *start;           /* the cell a lesson without a preset starts from */
  char            *text;
  char            *result;
  char            *explanation;
  GPtrArray       *given;           /* GivenAnswer or NULL, one per step */

  GtkWidget       *outer;           /* the template's one child */
  GtkWidget       *scroller;
  GtkWidget       *lesson_title;
  GtkWidget       *progress;
  GtkWidget       *step_title;
  GtkWidget       *text_label;
  GtkWidget       *question_box;
  GtkWidget       *question_label;
  GtkWidget       *answers_box;     /* the radio buttons or the entry */
  GtkWidget       *entry;
  GtkWidget       *unit_label;
  GtkWidget       *commit_button;
  GtkWidget       *message_label;
  GtkWidget       *result_label;
  GtkWidget       *explain_label;
  GtkWidget       *back_button;
  GtkWidget       *next_button;
  guint            reveal_tick;     /* scrolls Check My Prediction into view */
  guint            reveal_frames;
};

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_CONCEALED,
  PROP_ACTIVE,
  N_PROPS
};

enum
{
  SIGNAL_SHOW_PAGE,
  SIGNAL_START_RUN,
  SIGNAL_SET_VIEW,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlLessonPane, ml_lesson_pane, GTK_TYPE_WIDGET)

static GtkWidget *wrapped_label (const char *css_class);
static GtkCheckButton *nth_radio (MlLessonPane *self,
                                  guint         n);

/* A selectable label takes the focus, for a screen reader to read it,
 * without GTK's select-all on focus: it is not drawn selected. */
static void
focus_label (GtkWidget *label)
{
  gtk_widget_grab_focus (label);
  gtk_label_select_region (GTK_LABEL (label), 0, 0);
}

static const MlLessonStep *
current_step (MlLessonPane *self)
{
  if (self->lesson == NULL)
    return NULL;
  return ml_lesson_get_step (self->lesson, self->step);
}

static void
set_concealed (MlLessonPane *self,
               gboolean      concealed)
{
  if (self->concealed == concealed)
    return;
  self->concealed = concealed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONCEALED]);
}

/* Lessons write a subscript as in an equation, "E_Na", "V_m": shown as
 * E<sub>Na</sub>; the rest of the text is escaped. */
static char *
lesson_markup (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  GString *s = g_string_new (NULL);

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '_' && p > escaped && g_ascii_isalpha (p[-1]) && g_ascii_isalpha (p[1]))
        {
          const char *end = p + 1;

          while (g_ascii_isalpha (*end))
            end++;
          g_string_append (s, "<sub>");
          g_string_append_len (s, p + 1, end - p - 1);
          g_string_append (s, "</sub>");
          p = end - 1;
          continue;
        }
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static void
set_label (GtkWidget  *label,
           const char *text)
{
  g_autofree char *markup = lesson_markup (text != NULL ? text : "");

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_widget_set_visible (label, text != NULL && text[0] != '\0');
}

/* Applying ------------------------------------------------------------------ */

/* The step's setting as one undoable change of the session's cell. */
static void
apply_setting (MlLessonPane       *self,
               const MlLessonStep *step)
{
  MlCell *cell = ml_session_get_cell (self->session);
  MlHistory *history = ml_session_get_history (self->session);
  g_autoptr (GError) error = NULL;

  if (!ml_lesson_step_has_setting (step))
    return;
  if (step->pump == ML_LESSON_PUMP_BLOCK && ml_cell_get_pump_mode (cell) != ML_PUMP_OFF)
    self->pump_before_block = ml_cell_get_pump_mode (cell);
  ml_history_seal (history);
  if (!ml_lesson_step_apply (step, cell, self->pump_before_block, &error))
    g_warning ("%s", error->message);
  ml_history_seal (history);
}

static void
announce_step (MlLessonPane       *self,
               const MlLessonStep *step,
               gboolean            with_run)
{
  if (step->page != NULL)
    g_signal_emit (self, signals[SIGNAL_SHOW_PAGE], 0, step->page);
  if (step->forces != ML_LESSON_VIEW_KEEP)
    g_signal_emit (self, signals[SIGNAL_SET_VIEW], 0, "forces",
                   step->forces == ML_LESSON_VIEW_ON);
  if (step->legend != ML_LESSON_VIEW_KEEP)
    g_signal_emit (self, signals[SIGNAL_SET_VIEW], 0, "legend",
                   step->legend == ML_LESSON_VIEW_ON);
  if (with_run && step->run_speed > 0)
    g_signal_emit (self, signals[SIGNAL_START_RUN], 0, step->run_speed);
}

/* Showing a step ------------------------------------------------------------ */

static void
clear_answers (MlLessonPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  /* The focus leaves the answers before they go (to the step's text,
   * which is not drawn selected for it). */
  if (focus != NULL && gtk_widget_is_ancestor (focus, self->answers_box))
    focus_label (self->text_label);
  gtk_widget_set_sensitive (self->answers_box, TRUE);

  while ((child = gtk_widget_get_first_child (self->answers_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->answers_box), child);
  self->entry = NULL;
  self->unit_label = NULL;
}

static void
radio_toggled_cb (GtkCheckButton *button,
                  MlLessonPane   *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ml-index"));
  const MlLessonStep *step = current_step (self);

  if (!gtk_check_button_get_active (button) || step == NULL)
    return;
  self->chosen = TRUE;
  gtk_widget_set_sensitive (self->commit_button, TRUE);
  if (step->ask == ML_LESSON_ASK_DIRECTION)
    self->direction = (MlLessonDirection) index;
  else
    self->choice = index;
}

static void
entry_activate_cb (GtkEntry     *entry,
                   MlLessonPane *self)
{
  ml_lesson_pane_commit (self);
}

static void
add_radios (MlLessonPane       *self,
            const char * const *labels,
            guint               n)
{
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_check_button_new ();
      GtkWidget *label = wrapped_label (NULL);

      set_label (label, labels[i]);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (button), label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      g_object_set_data (G_OBJECT (button), "ml-index", GUINT_TO_POINTER (i));
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
      else
        group = GTK_CHECK_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (radio_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->answers_box), button);
    }
}

/* The unit of the step's quantity, shown after the entry. */
static const char *
step_unit (MlLessonPane       *self,
           const MlLessonStep *step)
{
  const MlSolution *sol = ml_session_get_solution (self->session);
  const char *unit = "";
  double value;

  if (sol != NULL)
    ml_lesson_quantity (step, step->quantity, sol, &value, &unit);
  return unit;
}

static void
build_question (MlLessonPane       *self,
                const MlLessonStep *step)
{
  clear_answers (self);
  gtk_widget_set_visible (self->question_box, step->ask != ML_LESSON_ASK_NONE);
  if (step->ask == ML_LESSON_ASK_NONE)
    return;
  set_label (self->question_label, step->question);

  switch (step->ask)
    {
    case ML_LESSON_ASK_DIRECTION:
      {
        MlSolution before;
        const char *labels[3];

        /* The words name the sign ("Less negative"), read from the cell
         * as the step starts. */
        ml_lesson_step_solve (step, ml_session_get_cell (self->session), &before);
        for (MlLessonDirection d = ML_LESSON_UP; d <= ML_LESSON_SAME; d++)
          labels[d] = ml_lesson_direction_label (step, &before, d);

        add_radios (self, labels, G_N_ELEMENTS (labels));
        self->direction = ML_LESSON_UP;
      }
      break;
    case ML_LESSON_ASK_CHOICE:
      add_radios (self, (const char * const *)step->choices, step->n_choices);
      self->choice = 0;
      break;
    case ML_LESSON_ASK_NUMBER:
      {
        GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

        self->entry = gtk_entry_new ();
        gtk_widget_set_hexpand (self->entry, TRUE);
        gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_NUMBER);
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your prediction"),
                                        -1);
        g_signal_connect (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
        self->unit_label = gtk_label_new (step_unit (self, step));
        gtk_box_append (GTK_BOX (row), self->entry);
        gtk_box_append (GTK_BOX (row), self->unit_label);
        gtk_box_append (GTK_BOX (self->answers_box), row);
      }
      break;
    case ML_LESSON_ASK_NONE:
    default:
      break;
    }
}

static void
update_nav (MlLessonPane *self)
{
  guint n = self->lesson != NULL ? ml_lesson_get_n_steps (self->lesson) : 0;

  gtk_widget_set_sensitive (self->back_button, self->lesson != NULL && self->step > 0);
  gtk_widget_set_sensitive (self->next_button, self->lesson != NULL && self->step + 1 < n);
  if (self->answered || (current_step (self) != NULL
                         && current_step (self)->ask == ML_LESSON_ASK_NONE))
    gtk_widget_add_css_class (self->next_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->next_button, "suggested-action");
}

static void
show_result (MlLessonPane *self)
{
  set_label (self->message_label, NULL);
  set_label (self->result_label, self->result);
  set_label (self->explain_label, self->explanation);
  gtk_widget_remove_css_class (self->result_label, "success");
  gtk_widget_remove_css_class (self->result_label, "warning");
  gtk_widget_add_css_class (self->result_label,
                            self->verdict == ML_LESSON_RIGHT ? "success" : "warning");
}

/* A question answered before, shown as it was answered (the step's
 * setting is applied already). */
static void
restore_given (MlLessonPane       *self,
               const MlLessonStep *step,
               const GivenAnswer  *given)
{
  if (step->ask == ML_LESSON_ASK_DIRECTION)
    ml_lesson_pane_set_direction (self, given->direction);
  else if (step->ask == ML_LESSON_ASK_CHOICE)
    ml_lesson_pane_set_choice (self, given->choice);
  else if (step->ask == ML_LESSON_ASK_NUMBER)
    ml_lesson_pane_set_number (self, given->number);
  self->answered = TRUE;
  self->verdict = given->verdict;
  g_free (self->result);
  self->result = g_strdup (given->result);
  g_free (self->explanation);
  self->explanation = g_strdup (given->explanation);
  show_result (self);
  gtk_widget_set_sensitive (self->commit_button, FALSE);
  gtk_widget_set_sensitive (self->answers_box, FALSE);
  set_concealed (self, FALSE);
  update_nav (self);
}

static const GivenAnswer *
given_at (MlLessonPane *self,
          guint         step)
{
  if (self->given == NULL || step >= self->given->len)
    return NULL;
  return g_ptr_array_index (self->given, step);
}

/* A question's Check My Prediction button in view: in a short pane (the
 * Membrane page at 1024×768, under the views) it would lie below the fold
 * with the step's title at the top.  Scrolled so that the button's bottom
 * is the pane's, once the new step is laid out (two frames). */
static gboolean
reveal_commit_tick (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  MlLessonPane *self = ML_LESSON_PANE (widget);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scroller));
  graphene_rect_t bounds;

  if (gtk_widget_get_visible (self->commit_button) && content != NULL
      && gtk_widget_compute_bounds (self->commit_button, content, &bounds))
    {
      double bottom = bounds.origin.y + bounds.size.height + 12;
      double page = gtk_adjustment_get_page_size (adj);

      if (page > 0 && bottom > gtk_adjustment_get_value (adj) + page)
        gtk_adjustment_set_value (adj, bottom - page);
    }
  if (++self->reveal_frames < 3)
    return G_SOURCE_CONTINUE;
  self->reveal_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
reveal_commit (MlLessonPane *self)
{
  self->reveal_frames = 0;
  if (self->reveal_tick == 0)
    self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_commit_tick,
                                                      NULL, NULL);
}

static void
show_step (MlLessonPane *self)
{
  const MlLessonStep *step = current_step (self);
  const MlSolution *sol;
  g_autofree char *progress = NULL;

  g_return_if_fail (step != NULL);

  self->answered = FALSE;
  self->verdict = ML_LESSON_WRONG;
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->explanation, g_free);
  if (step->ask == ML_LESSON_ASK_NONE)
    apply_setting (self, step);
  announce_step (self, step, step->ask == ML_LESSON_ASK_NONE);

  sol = ml_session_get_solution (self->session);
  g_free (self->text);
  if (sol != NULL)
    {
      MlSolution now;

      ml_lesson_step_solve (step, ml_session_get_cell (self->session), &now);
      self->text = ml_lesson_fill (step, step->text, &now, &now);
    }
  else
    self->text = g_strdup (step->text);

  /* Translators: the lesson's progress, "Step 2 of 5". */
  progress = g_strdup_printf (_("Step %u of %u"), self->step + 1,
                              ml_lesson_get_n_steps (self->lesson));
  set_label (self->lesson_title, ml_lesson_get_title (self->lesson));
  set_label (self->progress, progress);
  set_label (self->step_title, step->title);
  set_label (self->text_label, self->text);
  build_question (self, step);
  gtk_widget_set_visible (self->commit_button, step->ask != ML_LESSON_ASK_NONE);
  /* Nothing is chosen for the student: the button waits for a choice. */
  self->chosen = FALSE;
  gtk_widget_set_sensitive (self->commit_button, step->ask == ML_LESSON_ASK_NUMBER);
  set_label (self->message_label, NULL);
  set_label (self->result_label, NULL);
  set_label (self->explain_label, NULL);
  set_concealed (self, step->ask != ML_LESSON_ASK_NONE);
  update_nav (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (self->scroller)), 0);
  if (given_at (self, self->step) != NULL)
    restore_given (self, step, given_at (self, self->step));
  if (step->ask != ML_LESSON_ASK_NONE)
    reveal_commit (self);
  /* A question takes the focus as it appears: its entry or first choice. */
  if (step->ask != ML_LESSON_ASK_NONE && !self->answered
      && gtk_widget_get_mapped (GTK_WIDGET (self)))
    ml_lesson_pane_focus_step (self);
}

/* The lesson from its start up to (not including) step @target, in one
 * change, then step @target as it starts. */
static void
replay_to (MlLessonPane *self,
           guint         target)
{
  MlCell *cell = ml_session_get_cell (self->session);
  g_autoptr (GError) error = NULL;

  if (ml_lesson_get_preset (self->lesson) != NULL
      && !ml_session_load_preset (self->session, ml_lesson_get_preset (self->lesson), &error))
    g_warning ("%s", error->message);
  else if (ml_lesson_get_preset (self->lesson) == NULL && self->start != NULL)
    ml_cell_assign (cell, self->start);
  ml_cell_begin_batch (cell);
  for (guint i = 0; i < target; i++)
    {
      const MlLessonStep *step = ml_lesson_get_step (self->lesson, i);

      if (step->pump == ML_LESSON_PUMP_BLOCK && ml_cell_get_pump_mode (cell) != ML_PUMP_OFF)
        self->pump_before_block = ml_cell_get_pump_mode (cell);
      if (!ml_lesson_step_apply (step, cell, self->pump_before_block, &error))
        {
          g_warning ("%s", error->message);
          g_clear_error (&error);
        }
    }
  /* A question answered before comes back answered, its setting applied. */
  if (given_at (self, target) != NULL)
    {
      const MlLessonStep *step = ml_lesson_get_step (self->lesson, target);

      if (step->pump == ML_LESSON_PUMP_BLOCK && ml_cell_get_pump_mode (cell) != ML_PUMP_OFF)
        self->pump_before_block = ml_cell_get_pump_mode (cell);
      if (!ml_lesson_step_apply (step, cell, self->pump_before_block, &error))
        g_warning ("%s", error->message);
    }
  ml_cell_end_batch (cell);
  ml_history_seal (ml_session_get_history (self->session));
  self->step = target;
  show_step (self);
}

/* Committing ---------------------------------------------------------------- */

static char *
prediction_words (MlLessonPane       *self,
                  const MlLessonStep *step,
                  const MlSolution   *before)
{
  switch (step->ask)
    {
    case ML_LESSON_ASK_DIRECTION:
      return g_strdup (ml_lesson_direction_label (step, before, self->direction));
    case ML_LESSON_ASK_CHOICE:
      return g_strdup (step->choices[self->choice]);
    case ML_LESSON_ASK_NUMBER:
      {
        g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (
                                                        GTK_EDITABLE (self->entry))));
        GString *typed = g_string_new (NULL);
        gsize n = strlen (text);

        /* Echoed as the model's number is written: a minus sign, not a
         * hyphen, before the digits ("−7 mV" beside "−8.9 mV"). */
        for (const char *p = text; *p != '\0'; p++)
          if (*p == '-' && (g_ascii_isdigit (p[1]) || p[1] == '.' || p[1] == ','))
            g_string_append (typed, "−");
          else
            g_string_append_c (typed, *p);
        /* The unit once: the student's own, or the step's after a bare
         * number; joined by a no-break space. */
        if (n > 0 && g_ascii_isdigit (text[n - 1]))
          g_string_append_printf (typed, "\u00a0%s", gtk_label_get_text (GTK_LABEL (self->unit_label)));
        return g_string_free (typed, FALSE);
      }
    case ML_LESSON_ASK_NONE:
    default:
      return g_strdup ("");
    }
}

static char *
outcome_words (const MlLessonStep *step,
               const MlSolution   *before,
               const MlSolution   *after)
{
  g_autofree char *pattern = NULL;
  g_autofree char *change = NULL;

  switch (step->ask)
    {
    case ML_LESSON_ASK_DIRECTION:
      pattern = g_strdup_printf ("{before.%s} → {%s}", step->quantity, step->quantity);
      change = ml_lesson_fill (step, pattern, before, after);
      /* Translators: the result of a direction question: "Less negative",
       * then "−69.1 mV → −59.5 mV". */
      return g_strdup_printf (_("%s, %s"),
                              ml_lesson_direction_label (step, before,
                                                         ml_lesson_step_direction (step, before,
                                                                                   after)),
                              change);
    case ML_LESSON_ASK_NUMBER:
      pattern = g_strdup_printf ("{%s}", step->quantity);
      return ml_lesson_fill (step, pattern, before, after);
    case ML_LESSON_ASK_CHOICE:
      return g_strdup (step->choices[step->answer]);
    case ML_LESSON_ASK_NONE:
    default:
      return g_strdup ("");
    }
}

gboolean
ml_lesson_pane_commit (MlLessonPane *self)
{
  const MlLessonStep *step;
  MlCell *cell;
  g_autoptr (MlCell) scratch = NULL;
  g_autofree char *message = NULL;
  g_autofree char *prediction = NULL;
  g_autofree char *outcome = NULL;
  MlLessonAnswer answer = { 0 };
  MlSolution before, after;
  MlTemperatureSplit split;
  gboolean has_split;

  g_return_val_if_fail (ML_IS_LESSON_PANE (self), FALSE);

  step = current_step (self);
  if (step == NULL || step->ask == ML_LESSON_ASK_NONE || self->answered)
    return FALSE;
  if (step->ask != ML_LESSON_ASK_NUMBER && !self->chosen)
    return FALSE;
  cell = ml_session_get_cell (self->session);

  /* Checked on a copy first: an answer that costs no attempt changes
   * nothing, and a setting this cell cannot take grades nothing. */
  ml_lesson_step_solve (step, cell, &before);
  scratch = ml_cell_copy (cell);
  {
    g_autoptr (GError) error = NULL;

    if (!ml_lesson_step_apply (step, scratch, self->pump_before_block, &error))
      {
        set_label (self->message_label, error->message);
        return FALSE;
      }
  }
  ml_lesson_step_solve (step, scratch, &after);
  has_split = ml_lesson_step_split (step, cell, scratch, &split);
  answer.direction = self->direction;
  answer.choice = self->choice;
  answer.number = self->entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->entry)) : "";
  self->verdict = ml_lesson_step_check (step, &before, &after, &answer, &message);
  if (self->verdict == ML_LESSON_NOT_A_NUMBER || self->verdict == ML_LESSON_WRONG_UNIT)
    {
      set_label (self->message_label, message);
      if (self->entry != NULL)
        {
          gtk_widget_add_css_class (self->entry, "error");
          gtk_widget_grab_focus (self->entry);
        }
      return FALSE;
    }
  if (self->entry != NULL)
    gtk_widget_remove_css_class (self->entry, "error");

  prediction = prediction_words (self, step, &before);
  apply_setting (self, step);
  announce_step (self, step, TRUE);
  ml_lesson_step_solve (step, cell, &after);
  outcome = outcome_words (step, &before, &after);
  self->answered = TRUE;

  g_free (self->result);
  if (step->ask == ML_LESSON_ASK_CHOICE)
    self->result = self->verdict == ML_LESSON_RIGHT
                   /* Translators: after a right choice; %s is the choice. */
                   ? g_strdup_printf (_("Right: %s."), prediction)
                   /* Translators: after a wrong choice: the student's, then
                    * the right one. */
                   : g_strdup_printf (_("Not this time. You chose: %s. The answer: %s."),
                                      prediction, outcome);
  else if (self->verdict == ML_LESSON_RIGHT)
    /* Translators: after a prediction: what the student said, what the
     * model gives. */
    self->result = g_strdup_printf (_("Right. You predicted: %s. The model: %s."),
                                    prediction, outcome);
  else
    self->result = g_strdup_printf (_("Not this time. You predicted: %s. The model: %s."),
                                    prediction, outcome);
  g_free (self->explanation);
  self->explanation = ml_lesson_fill_split (step, step->explain, &before, &after,
                                            has_split ? &split : NULL);

  show_result (self);
  {
    GivenAnswer *given = g_new0 (GivenAnswer, 1);

    given->verdict = self->verdict;
    given->direction = self->direction;
    given->choice = self->choice;
    given->number = g_strdup (self->entry != NULL
                              ? gtk_editable_get_text (GTK_EDITABLE (self->entry)) : "");
    given->result = g_strdup (self->result);
    given->explanation = g_strdup (self->explanation);
    if (self->given != NULL && self->step < self->given->len)
      {
        given_answer_free (g_ptr_array_index (self->given, self->step));
        g_ptr_array_index (self->given, self->step) = given;
      }
    else
      given_answer_free (given);
  }
  /* A screen reader reads the result where the focus lands (before the
   * answers go insensitive, so the entry loses the focus first); nothing
   * is selected. */
  focus_label (self->result_label);
  gtk_widget_set_sensitive (self->commit_button, FALSE);
  gtk_widget_set_sensitive (self->answers_box, FALSE);
  set_concealed (self, FALSE);
  update_nav (self);
  return TRUE;
}

/* Public -------------------------------------------------------------------- */

/* One empty place per step of the lesson. */
static void
forget_given (MlLessonPane *self)
{
  g_clear_pointer (&self->given, g_ptr_array_unref);
  if (self->lesson == NULL)
    return;
  self->given = g_ptr_array_new_full (ml_lesson_get_n_steps (self->lesson), given_answer_free);
  g_ptr_array_set_size (self->given, ml_lesson_get_n_steps (self->lesson));
}

void
ml_lesson_pane_start (MlLessonPane *self,
                      MlLesson     *lesson)
{
  g_return_if_fail (ML_IS_LESSON_PANE (self));
  g_return_if_fail (lesson != NULL);

  g_clear_pointer (&self->lesson, ml_lesson_free);
  self->lesson = lesson;
  self->pump_before_block = ML_PUMP_KINETIC;
  forget_given (self);
  /* Back and Restart replay from here when the lesson names no preset. */
  g_clear_object (&self->start);
  if (ml_lesson_get_preset (lesson) == NULL)
    self->start = ml_cell_copy (ml_session_get_cell (self->session));
  replay_to (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

void
ml_lesson_pane_stop (MlLessonPane *self)
{
  g_return_if_fail (ML_IS_LESSON_PANE (self));

  if (self->lesson == NULL)
    return;
  g_clear_pointer (&self->lesson, ml_lesson_free);
  set_concealed (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

const MlLesson *
ml_lesson_pane_get_lesson (MlLessonPane *self)
{
  g_return_val_if_fail (ML_IS_LESSON_PANE (self), NULL);
  return self->lesson;
}

guint
ml_lesson_pane_get_step (MlLessonPane *self)
{
  g_return_val_if_fail (ML_IS_LESSON_PANE (self), 0);
  return self->step;
}

/* Page Down at a question: the answer, checked, or a word of what is
 * missing, with the focus where it is given. */
static void
reveal (MlLessonPane       *self,
        const MlLessonStep *step)
{
  if (step->ask != ML_LESSON_ASK_NUMBER && !self->chosen)
    {
      set_label (self->message_label,
                 _("Choose your prediction first (the number keys pick one); then Page Down "
                   "shows the answer."));
      ml_lesson_pane_focus_step (self);
      return;
    }
  if (step->ask == ML_LESSON_ASK_NUMBER && self->entry != NULL)
    {
      g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (
                                                       GTK_EDITABLE (self->entry))));

      if (typed[0] == '\0')
        {
          set_label (self->message_label,
                     _("Type your prediction first; then Enter or Page Down shows the answer."));
          ml_lesson_pane_focus_step (self);
          return;
        }
    }
  ml_lesson_pane_commit (self);
}

void
ml_lesson_pane_focus_step (MlLessonPane *self)
{
  const MlLessonStep *step;

  g_return_if_fail (ML_IS_LESSON_PANE (self));

  step = current_step (self);
  if (step == NULL)
    return;
  if (step->ask != ML_LESSON_ASK_NONE && !self->answered)
    {
      GtkWidget *target = self->entry;

      if (target == NULL)
        {
          GtkCheckButton *radio = nth_radio (self, self->chosen
                                                   ? (step->ask == ML_LESSON_ASK_DIRECTION
                                                      ? (guint) self->direction : self->choice)
                                                   : 0);

          target = radio != NULL ? GTK_WIDGET (radio) : NULL;
        }
      if (target != NULL)
        gtk_widget_grab_focus (target);
    }
  else if (self->answered)
    focus_label (self->result_label);
  else if (gtk_widget_is_sensitive (self->next_button))
    gtk_widget_grab_focus (self->next_button);
  else
    focus_label (self->text_label);
}

gboolean
ml_lesson_pane_next (MlLessonPane *self)
{
  g_return_val_if_fail (ML_IS_LESSON_PANE (self), FALSE);

  if (self->lesson == NULL)
    return FALSE;
  /* A question is not skipped: the first Page Down shows its answer (or
   * asks for the prediction), the next one steps on. */
  if (!self->answered && current_step (self)->ask != ML_LESSON_ASK_NONE)
    {
      reveal (self, current_step (self));
      return FALSE;
    }
  if (self->step + 1 >= ml_lesson_get_n_steps (self->lesson))
    return FALSE;
  self->step++;
  /* A question answered before, on the way forward again. */
  if (given_at (self, self->step) != NULL)
    apply_setting (self, current_step (self));
  show_step (self);
  return TRUE;
}

gboolean
ml_lesson_pane_get_asking (MlLessonPane *self)
{
  const MlLessonStep *step;

  g_return_val_if_fail (ML_IS_LESSON_PANE (self), FALSE);
  step = current_step (self);
  return step != NULL && step->ask != ML_LESSON_ASK_NONE && !self->answered;
}

gboolean
ml_lesson_pane_previous (MlLessonPane *self)
{
  g_return_val_if_fail (ML_IS_LESSON_PANE (self), FALSE);

  if (self->lesson == NULL || self->step == 0)
    return FALSE;
  replay_to (self, self->step - 1);
  return TRUE;
}

void
ml_lesson_pane_restart (MlLessonPane *self)
{
  g_return_if_fail (ML_IS_LESSON_PANE (self));

  if (self->lesson == NULL)
    return;
  /* A restart is a new attempt: nothing given yet. */
  forget_given (self);
  replay_to (self, 0);
}

void
ml_lesson_pane_go_to_step (MlLessonPane *self,
                           guint         step)
{
  g_return_if_fail (ML_IS_LESSON_PANE (self));

  if (self->lesson == NULL)
    return;
  replay_to (self, MIN (step, ml_lesson_get_n_steps (self->lesson) - 1));
}

static GtkCheckButton *
nth_radio (MlLessonPane *self,
           guint         n)
{
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (self->answers_box); child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    if (i == n && GTK_IS_CHECK_BUTTON (child))
      return GTK_CHECK_BUTTON (child);
  return NULL;
}

void
ml_lesson_pane_set_direction (MlLessonPane      *self,
                              MlLessonDirection  direction)
{
  GtkCheckButton *radio = nth_radio (self, direction);

  self->direction = direction;
  if (radio != NULL)
    gtk_check_button_set_active (radio, TRUE);
}

void
ml_lesson_pane_set_number (MlLessonPane *self,
                           const char   *text)
{
  if (self->entry != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

void
ml_lesson_pane_set_choice (MlLessonPane *self,
                           guint         choice)
{
  GtkCheckButton *radio = nth_radio (self, choice);

  self->choice = choice;
  if (radio != NULL)
    gtk_check_button_set_active (radio, TRUE);
}

gboolean
ml_lesson_pane_get_concealed (MlLessonPane *self)
{
  return self->concealed;
}

gboolean
ml_lesson_pane_get_answered (MlLessonPane *self)
{
  return self->answered;
}

MlLessonVerdict
ml_lesson_pane_get_verdict (MlLessonPane *self)
{
  return self->verdict;
}

const char *
ml_lesson_pane_get_text (MlLessonPane *self)
{
  return self->text;
}

const char *
ml_lesson_pane_get_result (MlLessonPane *self)
{
  return self->result;
}

const char *
ml_lesson_pane_get_explanation (MlLessonPane *self)
{
  return self->explanation;
}

/* Building ------------------------------------------------------------------ */

/* The answers' labels wrap like the pane's text. */
static GtkWidget *
wrapped_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
commit_clicked_cb (GtkButton    *button,
                   MlLessonPane *self)
{
  ml_lesson_pane_commit (self);
}

/* 1, 2, 3 … pick the question's choices, as a clicker's or a keypad's
 * number keys (an entry takes its digits before they come here). */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MlLessonPane          *self)
{
  const MlLessonStep *step = current_step (self);
  GtkCheckButton *radio;
  guint n;

  if (step == NULL || self->answered || (step->ask != ML_LESSON_ASK_CHOICE
                                         && step->ask != ML_LESSON_ASK_DIRECTION))
    return GDK_EVENT_PROPAGATE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    n = keyval - GDK_KEY_1;
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    n = keyval - GDK_KEY_KP_1;
  else
    return GDK_EVENT_PROPAGATE;
  radio = nth_radio (self, n);
  if (radio == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_check_button_set_active (radio, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (radio));
  return GDK_EVENT_STOP;
}

static void
ml_lesson_pane_init (MlLessonPane *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

static void
ml_lesson_pane_dispose (GObject *object)
{
  MlLessonPane *self = ML_LESSON_PANE (object);

  if (self->reveal_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
  self->reveal_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), ML_TYPE_LESSON_PANE);
  g_clear_object (&self->session);
  g_clear_object (&self->start);
  g_clear_pointer (&self->lesson, ml_lesson_free);
  g_clear_pointer (&self->given, g_ptr_array_unref);
  G_OBJECT_CLASS (ml_lesson_pane_parent_class)->dispose (object);
}

static void
ml_lesson_pane_finalize (GObject *object)
{
  MlLessonPane *self = ML_LESSON_PANE (object);

  g_free (self->text);
  g_free (self->result);
  g_free (self->explanation);
  G_OBJECT_CLASS (ml_lesson_pane_parent_class)->finalize (object);
}

static void
ml_lesson_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MlLessonPane *self = ML_LESSON_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CONCEALED:
      g_value_set_boolean (value, self->concealed);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->lesson != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_lesson_pane_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MlLessonPane *self = ML_LESSON_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_lesson_pane_class_init (MlLessonPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_lesson_pane_dispose;
  object_class->finalize = ml_lesson_pane_finalize;
  object_class->get_property = ml_lesson_pane_get_property;
  object_class->set_property = ml_lesson_pane_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ML_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONCEALED] =
    g_param_spec_boolean ("concealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A page name of the window ("time-course") or "donnan". */
  signals[SIGNAL_SHOW_PAGE] =
    g_signal_new ("show-page", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The time course at this speed. */
  signals[SIGNAL_START_RUN] =
    g_signal_new ("start-run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  /* A view option ("forces", "legend") on or off. */
  signals[SIGNAL_SET_VIEW] =
    g_signal_new ("set-view", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lesson-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, outer);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, lesson_title);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, progress);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, step_title);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, text_label);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, question_box);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, question_label);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, answers_box);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, commit_button);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, message_label);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, result_label);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, explain_label);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, back_button);
  gtk_widget_class_bind_template_child (widget_class, MlLessonPane, next_button);
  gtk_widget_class_bind_template_callback (widget_class, commit_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lesson-pane");
}

GtkWidget *
ml_lesson_pane_new (MlSession *session)
{
  g_return_val_if_fail (ML_IS_SESSION (session), NULL);
  return g_object_new (ML_TYPE_LESSON_PANE, "session", session, NULL);
}
