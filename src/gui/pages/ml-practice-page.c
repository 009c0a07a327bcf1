/* ml-practice-page.c — practice problems to answer, with hints and worked solutions
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A student picks a topic (or all six in turn) and a seed, answers one
 * problem at a time and is told at once: right, or a hint, then on the
 * second wrong answer the worked solution.  A text that is not a number,
 * or a number in the unit of another quantity, is refused in place and
 * costs no attempt.  Every question, answer and verdict comes from the
 * core (ml-practice.h); this page only shows them and keeps the sitting's
 * score in memory.  For instructors the same set (topic, seed) is written
 * as a Moodle XML question bank or as a PDF worksheet with its answer key,
 * the same files membrane-calc --practice writes.
 */
#define G_LOG_DOMAIN "ml-practice-page"

#include "config.h"

#include "ml-practice-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ml-file-io.h"
#include "ml-handout-draw.h"
#include "ml-widgets.h"
#include "ml-worksheet-draw.h"

#define SEED_MAX        4294967295.0
#define COUNT_DEFAULT   20
#define COUNT_MAX       500
/* The dropdown's first row is "All topics"; topic t is row t + 1. */
#define ROW_ALL         0

struct _MlPracticePage
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkDropDown     *topic_dropdown;
  GtkSpinButton   *seed_spin;
  GtkLabel        *heading;
  GtkLabel        *score_label;
  GtkLabel        *question;
  GtkEntry        *entry;
  GtkLabel        *feedback;
  GtkWidget       *solution_box;
  GtkLabel        *solution;
  GtkLabel        *solution_answer;
  GtkButton       *solution_button;
  GtkSpinButton   *count_spin;
  GtkLabel        *export_status;

  MlSession       *session;
  MlProblem       *problem;
  int              topic;          /* -1: all topics take turns */
  guint64          seed;
  guint            position;       /* 0 for "Problem 1" */

  /* The problem shown */
  gboolean         counted;        /* it has had its first counted attempt */
  guint            wrong;
  gboolean         solution_shown;
  char            *feedback_text;
  char            *feedback_plain;   /* the feedback label's text, unmarked */

  /* The sitting */
  guint            n_right;
  guint            n_attempted;

  gboolean         syncing;        /* the controls follow a setter */
};

G_DEFINE_FINAL_TYPE (MlPracticePage, ml_practice_page, GTK_TYPE_WIDGET)

/* The set ------------------------------------------------------------------ */

/* Mixed topics take turns and each numbers its own problems, as in
 * membrane-calc, so "all" holds the same Nernst problems as "nernst". */
static MlProblem *
problem_at (int      topic,
            guint64  seed,
            guint    position)
{
  if (topic < 0)
    return ml_practice_generate ((MlPracticeTopic) (position % ML_PRACTICE_N_TOPICS), seed,
                                 position / ML_PRACTICE_N_TOPICS);
  return ml_practice_generate ((MlPracticeTopic) topic, seed, position);
}

/* Words -------------------------------------------------------------------- */

static void
set_state_class (GtkWidget  *widget,
                 const char *state)
{
  static const char *states[] = { "error", "warning", "success" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (state == NULL || strcmp (states[i], state) != 0)
      gtk_widget_remove_css_class (widget, states[i]);
  if (state != NULL)
    gtk_widget_add_css_class (widget, state);
}

static void
update_score (MlPracticePage *self)
{
  g_autofree char *text = NULL;

  if (self->n_attempted == 0)
    text = g_strdup (_("Right at the first attempt: none attempted yet"));
  else
    /* Translators: the sitting's score; the first %u counts the problems
     * answered right at the first attempt, the second those attempted. */
    text = g_strdup_printf (ngettext ("Right at the first attempt: %u of %u problem",
                                      "Right at the first attempt: %u of %u problems",
                                      self->n_attempted),
                            self->n_right, self->n_attempted);
  gtk_label_set_label (self->score_label, text);
}

/* The text a test or a screen reader gets: what the feedback label and,
 * once shown, the worked solution say. */
static void
update_feedback_text (MlPracticePage *self)
{
  g_autoptr (GString) s = g_string_new (self->feedback_plain);

  if (self->solution_shown)
    {
      if (s->len > 0)
        g_string_append (s, "\n\n");
      /* The solution's plain text ("V_m"), which spells out what the
       * label shows as subscripts. */
      g_string_append_printf (s, "%s\n%s\n%s", _("Worked solution"),
                              ml_problem_get_solution (self->problem),
                              gtk_label_get_label (self->solution_answer));
    }
  g_free (self->feedback_text);
  self->feedback_text = g_string_free (g_steal_pointer (&s), FALSE);
  /* The entry is where the student is: a screen reader tells the verdict
   * there. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->feedback_text, -1);
}

/* @markup (may be NULL) is @text typeset, for the label; @text is what a
 * screen reader and the tests get. */
static void
set_feedback_markup (MlPracticePage *self,
                     const char     *text,
                     const char     *markup,
                     const char     *state)
{
  g_free (self->feedback_plain);
  self->feedback_plain = g_strdup (text != NULL ? text : "");
  if (markup != NULL)
    gtk_label_set_markup (self->feedback, markup);
  else
    gtk_label_set_text (self->feedback, self->feedback_plain);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback), text != NULL && text[0] != '\0');
  set_state_class (GTK_WIDGET (self->feedback), state);
  update_feedback_text (self);
}

static void
set_feedback (MlPracticePage *self,
              const char     *text,
              const char     *state)
{
  set_feedback_markup (self, text, NULL, state);
}

static void
reveal_solution (MlPracticePage *self)
{
  g_autofree char *answer = NULL;

  if (self->solution_shown)
    return;
  self->solution_shown = TRUE;
  /* Typeset, as the math is elsewhere: V with a subscript m. */
  gtk_label_set_markup (self->solution, ml_problem_get_solution_markup (self->problem));
  /* Translators: before a practice problem's answer, "−82.6 mV". */
  answer = g_strdup_printf ("%s %s", _("Answer:"), ml_problem_get_answer_text (self->problem));
  gtk_label_set_label (self->solution_answer, answer);
  gtk_widget_set_visible (self->solution_box, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->solution_button), FALSE);
  update_feedback_text (self);
  g_debug ("solution of %s/%u shown", ml_practice_topic_id (ml_problem_get_topic (self->problem)),
           ml_problem_get_index (self->problem));
}

/* The first counted attempt of a problem decides its place in the score;
 * later ones are for learning. */
static void
count_attempt (MlPracticePage *self,
               gboolean        right)
{
  if (self->counted)
    return;
  self->counted = TRUE;
  self->n_attempted++;
  if (right)
    self->n_right++;
  update_score (self);
}

static void
load_problem (MlPracticePage *self)
{
  MlPracticeUnit unit;
  const char *symbol;
  g_autofree char *heading = NULL;
  g_autofree char *placeholder = NULL;

  g_clear_pointer (&self->problem, ml_problem_free);
  self->problem = problem_at (self->topic, self->seed, self->position);
  self->counted = FALSE;
  self->wrong = 0;
  self->solution_shown = FALSE;

  /* Translators: a practice problem's heading; %u is its number in the
   * set, %s its topic ("Problem 3 · Nernst potential"). */
  heading = g_strdup_printf (_("Problem %u · %s"), self->position + 1,
                             ml_practice_topic_title (ml_problem_get_topic (self->problem)));
  gtk_label_set_label (self->heading, heading);
  gtk_label_set_markup (self->question, ml_problem_get_question_markup (self->problem));

  unit = ml_problem_get_unit (self->problem);
  symbol = ml_practice_unit_symbol (unit);
  if (unit == ML_PRACTICE_UNIT_FRACTION)
    placeholder = g_strdup (_("A fraction, or a percentage with %"));
  else if (symbol[0] != '\0')
    /* Translators: the answer box's placeholder; %s is a unit, "mV". */
    placeholder = g_strdup_printf (_("A number in %s"), symbol);
  else
    placeholder = g_strdup (_("A number, without a unit"));
  gtk_entry_set_placeholder_text (self->entry, placeholder);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  gtk_widget_set_visible (self->solution_box, FALSE);
  gtk_label_set_label (self->solution, "");
  gtk_label_set_label (self->solution_answer, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->solution_button), TRUE);
  set_feedback (self, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  heading, -1);
  g_debug ("problem %s/%" G_GUINT64_FORMAT "/%u",
           ml_practice_topic_id (ml_problem_get_topic (self->problem)), self->seed,
           ml_problem_get_index (self->problem));
}

static void
focus_entry (MlPracticePage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self->entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* Callbacks ---------------------------------------------------------------- */

static void
topic_selected_cb (GtkDropDown    *dropdown,
                   GParamSpec     *pspec,
                   MlPracticePage *self)
{
  guint row = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || row == GTK_INVALID_LIST_POSITION)
    return;
  ml_practice_page_set_topic (self, row == ROW_ALL
                                      ? "all"
                                      : ml_practice_topic_id ((MlPracticeTopic) (row - 1)));
}

static void
seed_changed_cb (GtkSpinButton  *spin,
                 MlPracticePage *self)
{
  if (self->syncing)
    return;
  ml_practice_page_set_seed (self, (guint64) gtk_spin_button_get_value (spin));
}

static void
check_cb (MlPracticePage *self)
{
  ml_practice_page_answer (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
new_problem_cb (MlPracticePage *self)
{
  guint64 seed;

  /* A new set: another seed, shown in the spin button so the set can be
   * had again; small enough to write down. */
  do
    seed = (guint64) g_random_int_range (1, 10000);
  while (seed == self->seed);
  ml_practice_page_set_seed (self, seed);
  focus_entry (self);
}

static void
next_cb (MlPracticePage *self)
{
  ml_practice_page_next (self);
  focus_entry (self);
}

static GtkWindow *
page_window (MlPracticePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  MlPracticePage *self = ML_PRACTICE_PAGE (user_data);

  /* The page may have gone while the dialog was open. */
  if (response == GTK_RESPONSE_ACCEPT && self->scroller != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      guint count = (guint) gtk_spin_button_get_value_as_int (self->count_spin);
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;

      /* A name without .xml or .pdf takes the filter's. */
      if (path != NULL && !has_suffix (path, ".xml") && !has_suffix (path, ".pdf"))
        {
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
          const char *ext = g_object_get_data (G_OBJECT (dialog), "xml-filter") == filter
                            ? ".xml" : ".pdf";
          char *with = g_strconcat (path, ext, NULL);

          g_free (path);
          path = with;
        }

      if (path == NULL)
        text = g_strdup (_("Problem sets can only be exported to a local folder"));
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *display = g_filename_display_name (base);

          if (ml_practice_page_export (self, path, count, &error))
            /* Translators: after an export; %u is the number of problems,
             * %s the file's name. */
            text = g_strdup_printf (ngettext ("Wrote %u problem to “%s”.",
                                              "Wrote %u problems to “%s”.", count),
                                    count, display);
          else
            /* Translators: %s is the file's name, then the reason. */
            text = g_strdup_printf (_("Could not write “%s”: %s"), display, error->message);
        }
      gtk_label_set_label (self->export_status, text);
      gtk_widget_set_visible (GTK_WIDGET (self->export_status), TRUE);
      set_state_class (GTK_WIDGET (self->export_status),
                       path != NULL && error == NULL ? NULL : "error");
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_cb (MlPracticePage *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) xml = gtk_file_filter_new ();
  g_autofree char *seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, self->seed);
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Export Problem Set"), page_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (pdf, _("PDF worksheet with answer key (.pdf)"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_filter_set_name (xml, _("Moodle XML question bank (.xml)"));
  gtk_file_filter_add_suffix (xml, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), xml);
  g_object_set_data (G_OBJECT (dialog), "xml-filter", xml);
  /* Translators: the file name offered for a problem set; %s is its seed. */
  name = g_strdup_printf (_("practice-set-%s.pdf"), seed_text);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Building ----------------------------------------------------------------- */

static GtkWidget *
labelled (const char *mnemonic,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return label;
}

static GtkLabel *
text_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return GTK_LABEL (label);
}

static GtkWidget *
build_toolbar (MlPracticePage *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr (GtkStringList) topics = gtk_string_list_new (NULL);
  GtkAdjustment *adjustment;
  GtkWidget *label, *button;

  gtk_widget_add_css_class (row, "practice-toolbar");
  gtk_string_list_append (topics, _("All topics"));
  for (int t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    gtk_string_list_append (topics, ml_practice_topic_title ((MlPracticeTopic) t));
  self->topic_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&topics)),
                                                           NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->topic_dropdown),
                               _("The problems’ topic; all topics take turns"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->topic_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Topic"), -1);
  gtk_box_append (GTK_BOX (row), labelled (_("_Topic"), GTK_WIDGET (self->topic_dropdown)));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->topic_dropdown));

  adjustment = gtk_adjustment_new (1.0, 0.0, SEED_MAX, 1.0, 10.0, 0.0);
  self->seed_spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1.0, 0));
  gtk_spin_button_set_numeric (self->seed_spin, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->seed_spin), 6);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->seed_spin),
                               _("The set’s number: the same topic and seed give the same "
                                 "problems, here and in membrane-calc --practice --seed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->seed_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Seed"), -1);
  label = labelled (_("S_eed"), GTK_WIDGET (self->seed_spin));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->seed_spin));

  button = ml_button_new_with_mnemonic (_("New _Problem"));
  gtk_widget_set_tooltip_text (button, _("Start a new set: another seed, from its problem 1"));
  gtk_widget_set_margin_start (button, 12);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (new_problem_cb), self);
  gtk_box_append (GTK_BOX (row), button);
  return row;
}

static GtkWidget *
build_problem (MlPracticePage *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *head, *row, *label, *button, *title;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "practice-problem");

  head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->heading = text_label ("problem-heading");
  gtk_widget_set_hexpand (GTK_WIDGET (self->heading), TRUE);
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->heading));
  self->score_label = text_label ("dim-label");
  gtk_label_set_xalign (self->score_label, 1.0);
  gtk_label_set_wrap (self->score_label, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->score_label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->score_label), "numeric");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->score_label),
                               _("Problems answered right at the first attempt, of those "
                                 "attempted in this sitting; a solution shown before an answer "
                                 "counts as attempted. Kept only while the app is open: nothing "
                                 "is saved or sent."));
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->score_label));
  gtk_box_append (GTK_BOX (card), head);

  /* Selectable, so that it can be copied and a screen reader can move in it. */
  self->question = text_label ("question");
  gtk_label_set_selectable (self->question, TRUE);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->question));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_entry_set_activates_default (self->entry, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your answer"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               _("A number and its unit, as on paper: −82.6 mV, -0.0826 V, "
                                 "5.4×10^6; Enter checks it"));
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (check_cb), self);
  label = labelled (_("_Your answer"), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->entry));
  button = ml_button_new_with_mnemonic (_("_Check"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_tooltip_text (button, _("Check the answer (Enter)"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (check_cb), self);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (card), row);

  self->feedback = text_label ("feedback");
  gtk_label_set_selectable (self->feedback, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback), FALSE);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->feedback));

  self->solution_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->solution_box, "solution");
  title = gtk_label_new (_("Worked solution"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_box_append (GTK_BOX (self->solution_box), title);
  self->solution = text_label (NULL);
  gtk_label_set_selectable (self->solution, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->solution),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  gtk_box_append (GTK_BOX (self->solution_box), GTK_WIDGET (self->solution));
  self->solution_answer = text_label ("heading");
  gtk_label_set_selectable (self->solution_answer, TRUE);
  gtk_box_append (GTK_BOX (self->solution_box), GTK_WIDGET (self->solution_answer));
  gtk_widget_set_visible (self->solution_box, FALSE);
  gtk_box_append (GTK_BOX (card), self->solution_box);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (row, GTK_ALIGN_END);
  self->solution_button = GTK_BUTTON (ml_button_new_with_mnemonic (_("Show _Solution")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->solution_button),
                               _("The worked solution and the answer; before an answer, the "
                                 "problem counts as attempted"));
  g_signal_connect_swapped (self->solution_button, "clicked",
                            G_CALLBACK (ml_practice_page_show_solution), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->solution_button));
  button = ml_button_new_with_mnemonic (_("_Next Problem"));
  gtk_widget_set_tooltip_text (button, _("The next problem of the same set"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (next_cb), self);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (card), row);
  return card;
}

static GtkWidget *
build_export (MlPracticePage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title, *text, *row, *button;
  GtkAdjustment *adjustment;

  gtk_widget_add_css_class (box, "practice-export");
  title = gtk_label_new (_("For instructors"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_box_append (GTK_BOX (box), title);
  text = GTK_WIDGET (text_label ("dim-label"));
  gtk_label_set_label (GTK_LABEL (text),
                       _("The set of this topic and seed as a Moodle XML question bank (.xml) "
                         "or as a PDF worksheet with its answer key (.pdf), by the file "
                         "name’s extension."));
  gtk_box_append (GTK_BOX (box), text);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  adjustment = gtk_adjustment_new (COUNT_DEFAULT, 1.0, COUNT_MAX, 1.0, 10.0, 0.0);
  self->count_spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1.0, 0));
  gtk_spin_button_set_numeric (self->count_spin, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problems in the set"), -1);
  gtk_box_append (GTK_BOX (row), labelled (_("Problems _in the set"),
                                           GTK_WIDGET (self->count_spin)));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->count_spin));
  button = ml_button_new_with_mnemonic (_("E_xport Problem Set…"));
  gtk_widget_set_tooltip_text (button, _("Save the set as Moodle XML or as a PDF worksheet"));
  gtk_widget_set_margin_start (button, 12);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (export_cb), self);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (box), row);

  self->export_status = text_label (NULL);
  gtk_label_set_selectable (self->export_status, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_status), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->export_status));
  return box;
}

/* GObject ------------------------------------------------------------------ */

static void
ml_practice_page_dispose (GObject *object)
{
  MlPracticePage *self = ML_PRACTICE_PAGE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (ml_practice_page_parent_class)->dispose (object);
}

static void
ml_practice_page_finalize (GObject *object)
{
  MlPracticePage *self = ML_PRACTICE_PAGE (object);

  g_clear_pointer (&self->problem, ml_problem_free);
  g_clear_pointer (&self->feedback_text, g_free);
  g_clear_pointer (&self->feedback_plain, g_free);
  G_OBJECT_CLASS (ml_practice_page_parent_class)->finalize (object);
}

static void
ml_practice_page_class_init (MlPracticePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_practice_page_dispose;
  object_class->finalize = ml_practice_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "practice-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The page shown (Alt+4, the switcher): the answer field takes the focus,
 * so the answer can be typed at once, unless the focus is on the page
 * already. */
static void
map_cb (MlPracticePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    focus_entry (self);
}

static void
ml_practice_page_init (MlPracticePage *self)
{
  GtkWidget *clamp, *box;

  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);

  self->topic = -1;
  self->seed = 1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Practice"), -1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 640);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_add_css_class (box, "practice");
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_box_append (GTK_BOX (box), build_toolbar (self));
  gtk_box_append (GTK_BOX (box), build_problem (self));
  gtk_box_append (GTK_BOX (box), build_export (self));

  g_signal_connect (self->topic_dropdown, "notify::selected", G_CALLBACK (topic_selected_cb),
                    self);
  g_signal_connect (self->seed_spin, "value-changed", G_CALLBACK (seed_changed_cb), self);

  update_score (self);
  load_problem (self);
}

/* Public ------------------------------------------------------------------- */

GtkWidget *
ml_practice_page_new (MlSession *session)
{
  MlPracticePage *self;

  g_return_val_if_fail (session == NULL || ML_IS_SESSION (session), NULL);

  self = g_object_new (ML_TYPE_PRACTICE_PAGE, NULL);
  /* Kept for the factory's contract; the problems do not depend on the
   * cell being explored. */
  g_set_object (&self->session, session);
  return GTK_WIDGET (self);
}

void
ml_practice_page_set_topic (MlPracticePage *self,
                            const char     *topic_id_or_all)
{
  MlPracticeTopic topic;
  int value;

  g_return_if_fail (ML_IS_PRACTICE_PAGE (self));
  g_return_if_fail (topic_id_or_all != NULL);

  if (strcmp (topic_id_or_all, "all") == 0)
    value = -1;
  else if (ml_practice_topic_from_id (topic_id_or_all, &topic))
    value = (int) topic;
  else
    {
      g_critical ("%s: “%s” is not a practice topic", G_STRFUNC, topic_id_or_all);
      return;
    }

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->topic_dropdown, value < 0 ? ROW_ALL : (guint) value + 1);
  self->syncing = FALSE;
  if (value == self->topic && self->position == 0)
    return;
  self->topic = value;
  self->position = 0;
  load_problem (self);
}

const char *
ml_practice_page_get_topic (MlPracticePage *self)
{
  g_return_val_if_fail (ML_IS_PRACTICE_PAGE (self), NULL);
  return self->topic < 0 ? NULL : ml_practice_topic_id ((MlPracticeTopic) self->topic);
}

void
ml_practice_page_set_seed (MlPracticePage *self,
                           guint64         seed)
{
  g_return_if_fail (ML_IS_PRACTICE_PAGE (self));
  g_return_if_fail (seed <= (guint64) SEED_MAX);

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->seed_spin, (double) seed);
  self->syncing = FALSE;
  if (seed == self->seed && self->position == 0)
    return;
  self->seed = seed;
  self->position = 0;
  load_problem (self);
}

guint64
ml_practice_page_get_seed (MlPracticePage *self)
{
  g_return_val_if_fail (ML_IS_PRACTICE_PAGE (self), 0);
  return self->seed;
}

const MlProblem *
ml_practice_page_get_problem (MlPracticePage *self)
{
  g_return_val_if_fail (ML_IS_PRACTICE_PAGE (self), NULL);
  return self->problem;
}

void
ml_practice_page_next (MlPracticePage *self)
{
  g_return_if_fail (ML_IS_PRACTICE_PAGE (self));
  if (self->position == G_MAXUINT)
    return;
  self->position++;
  load_problem (self);
}

MlPracticeVerdict
ml_practice_page_answer (MlPracticePage *self,
                         const char     *text)
{
  g_autofree char *message = NULL;
  MlPracticeVerdict verdict;

  g_return_val_if_fail (ML_IS_PRACTICE_PAGE (self), ML_PRACTICE_NOT_A_NUMBER);
  g_return_val_if_fail (text != NULL, ML_PRACTICE_NOT_A_NUMBER);

  /* The entry keeps what was typed, refused or not, to be corrected. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);

  verdict = ml_problem_check (self->problem, text, &message);
  switch (verdict)
    {
    case ML_PRACTICE_RIGHT:
      count_attempt (self, TRUE);
      set_feedback (self, message, "success");
      break;

    case ML_PRACTICE_WRONG:
      count_attempt (self, FALSE);
      self->wrong++;
      /* The core's message for a wrong answer carries the hint; from the
       * second, the worked solution takes its place. */
      if (self->wrong >= 2)
        {
          set_feedback (self, _("Not right. The worked solution and the answer are below."),
                        "warning");
          reveal_solution (self);
        }
      else
        {
          /* The hint typeset, as the question is. */
          g_autofree char *markup = ml_problem_wrong_message_markup (self->problem);

          set_feedback_markup (self, message, markup, "warning");
        }
      break;

    case ML_PRACTICE_NOT_A_NUMBER:
    case ML_PRACTICE_WRONG_UNIT:
    default:
      set_feedback (self, message, "error");
      break;
    }
  g_debug ("answer “%s”: verdict %d", text, verdict);
  return verdict;
}

void
ml_practice_page_show_solution (MlPracticePage *self)
{
  g_return_if_fail (ML_IS_PRACTICE_PAGE (self));
  count_attempt (self, FALSE);
  reveal_solution (self);
}

void
ml_practice_page_get_score (MlPracticePage *self,
                            guint          *right,
                            guint          *attempted)
{
  g_return_if_fail (ML_IS_PRACTICE_PAGE (self));
  if (right != NULL)
    *right = self->n_right;
  if (attempted != NULL)
    *attempted = self->n_attempted;
}

const char *
ml_practice_page_get_feedback (MlPracticePage *self)
{
  g_return_val_if_fail (ML_IS_PRACTICE_PAGE (self), NULL);
  return self->feedback_text;
}

gboolean
ml_practice_page_export (MlPracticePage  *self,
                         const char      *path,
                         guint            count,
                         GError         **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *title = NULL;
  gboolean xml;

  g_return_val_if_fail (ML_IS_PRACTICE_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (count >= 1 && count <= COUNT_MAX, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  xml = has_suffix (path, ".xml");
  if (!xml && !has_suffix (path, ".pdf"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give a file name ending in .xml for Moodle or in .pdf for a "
                             "worksheet"));
      return FALSE;
    }

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ml_problem_free);
  for (guint i = 0; i < count; i++)
    g_ptr_array_add (problems, problem_at (self->topic, self->seed, i));
  seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, self->seed);
  /* Translators: the title of a set of problems; %s is its seed, a number. */
  title = g_strdup_printf (_("Membrane Lab practice problems, set %s"), seed_text);

  if (xml)
    {
      g_autofree char *text = ml_practice_moodle_xml ((MlProblem **) problems->pdata,
                                                      problems->len, title);
      g_autoptr (GFile) file = g_file_new_for_path (path);

      if (!ml_file_replace_atomic (file, text, strlen (text), NULL, error))
        return FALSE;
    }
  else
    {
      double width, height;

      ml_handout_paper (&width, &height);
      if (!ml_worksheet_render (path, (MlProblem **) problems->pdata, problems->len, title,
                                width, height, error))
        return FALSE;
    }
  g_debug ("exported %u problems to %s", count, path);
  return TRUE;
}
