/* test-practice-page.c — the Practice page against the core's problems
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every question the page shows, every verdict and every exported file is
 * checked against the core itself (ml_practice_generate, ml_problem_check,
 * ml_practice_moodle_xml): the page must add nothing of its own.  The XML
 * goes through xmllint and the PDF through pdfinfo when they are installed.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-support.h"
#include "ml-practice-page.h"
#include "ml-screenshot.h"
#include "ml-session.h"

static const guint64 seeds[] = { 1, 7, 2026 };

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  GtkWindow      *window;
  MlPracticePage *page;
  MlSession      *session;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->session = ml_session_new ();
  f->window = GTK_WINDOW (gtk_window_new ());
  f->page = ML_PRACTICE_PAGE (ml_practice_page_new (f->session));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_set_default_size (f->window, 1024, 768);
  gtk_window_present (f->window);
  wait_ms (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  wait_ms (20);
  g_clear_object (&f->session);
}

/* Finding what is on screen ------------------------------------------------ */

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_visible_label_with (GtkWidget     *widget,
                       gconstpointer  text)
{
  /* The label's own text: its markup for a typeset one. */
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
         && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_entry (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_ENTRY (widget);
}

static const char *
entry_text (MlPracticePage *page)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (page), is_entry, NULL);

  g_assert_nonnull (entry);
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static gboolean
shows_label (MlPracticePage *page,
             const char     *text)
{
  return find_widget (GTK_WIDGET (page), is_visible_label_with, text) != NULL;
}

/* Answers ------------------------------------------------------------------ */

static char *
wrong_answer (const MlProblem *problem)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  double value = ml_problem_get_answer (problem) + 3.0 * ml_problem_get_tolerance (problem);
  const char *symbol = ml_practice_unit_symbol (ml_problem_get_unit (problem));

  g_ascii_formatd (number, sizeof number, "%.6g", value);
  return symbol[0] != '\0' ? g_strdup_printf ("%s %s", number, symbol) : g_strdup (number);
}

/* What a student copying the core's answer types.  The charge topic's
 * fraction prints as "2.85 × 10⁻⁶ (0.000285 %)", which the core's own
 * checker refuses as not a number (a core issue, reported): then the
 * number before the parenthesis. */
static char *
right_answer (const MlProblem *problem)
{
  const char *text = ml_problem_get_answer_text (problem);
  const char *paren;

  if (ml_problem_check (problem, text, NULL) == ML_PRACTICE_RIGHT)
    return g_strdup (text);
  paren = strstr (text, " (");
  g_test_message ("the core refuses its own answer “%s”", text);
  g_assert_nonnull (paren);
  return g_strndup (text, paren - text);
}

static const char *
other_unit (const MlProblem *problem)
{
  return ml_problem_get_unit (problem) == ML_PRACTICE_UNIT_MILLIMOLAR ? "5 mV" : "5 mM";
}

static void
assert_score (MlPracticePage *page,
              guint           right,
              guint           attempted)
{
  guint r = 99, a = 99;

  ml_practice_page_get_score (page, &r, &a);
  g_assert_cmpuint (r, ==, right);
  g_assert_cmpuint (a, ==, attempted);
}

static void
assert_shows (Fixture         *f,
              MlPracticeTopic  topic,
              guint64          seed,
              guint            index)
{
  g_autoptr (MlProblem) core = ml_practice_generate (topic, seed, index);
  const MlProblem *shown = ml_practice_page_get_problem (f->page);

  g_assert_cmpint (ml_problem_get_topic (shown), ==, topic);
  g_assert_cmpuint (ml_problem_get_index (shown), ==, index);
  g_assert_cmpstr (ml_problem_get_question (shown), ==, ml_problem_get_question (core));
  /* Typeset: P_K and V_m as P and V with subscripts, not raw. */
  g_assert_true (shows_label (f->page, ml_problem_get_question_markup (core)));
  g_assert_cmpstr (ml_practice_page_get_feedback (f->page), ==, "");
}

/* Each topic and seed: the core's question, its answer right, a wrong one
 * twice (hint, then the worked solution), refusals that cost nothing. */
static void
test_verdicts (Fixture       *f,
               gconstpointer  data)
{
  guint right = 0, attempted = 0;

  for (int t = 0; t < ML_PRACTICE_N_TOPICS; t++)
    for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
      {
        const MlProblem *p;
        g_autofree char *wrong = NULL;
        g_autofree char *heading = NULL;
        g_autofree char *right_text = NULL;
        g_autofree char *right_text2 = NULL;
        const char *feedback;

        ml_practice_page_set_topic (f->page, ml_practice_topic_id ((MlPracticeTopic) t));
        ml_practice_page_set_seed (f->page, seeds[s]);
        g_assert_cmpstr (ml_practice_page_get_topic (f->page), ==,
                         ml_practice_topic_id ((MlPracticeTopic) t));
        g_assert_cmpuint (ml_practice_page_get_seed (f->page), ==, seeds[s]);
        assert_shows (f, (MlPracticeTopic) t, seeds[s], 0);
        p = ml_practice_page_get_problem (f->page);
        heading = g_strdup_printf ("Problem 1 · %s",
                                   ml_practice_topic_title ((MlPracticeTopic) t));
        g_assert_true (shows_label (f->page, heading));

        /* Refused in place, the text kept, no attempt counted. */
        g_assert_cmpint (ml_practice_page_answer (f->page, "abc"), ==, ML_PRACTICE_NOT_A_NUMBER);
        g_assert_cmpstr (entry_text (f->page), ==, "abc");
        g_assert_cmpstr (ml_practice_page_get_feedback (f->page), !=, "");
        g_assert_true (shows_label (f->page, ml_practice_page_get_feedback (f->page)));
        assert_score (f->page, right, attempted);
        g_assert_cmpint (ml_practice_page_answer (f->page, other_unit (p)), ==,
                         ML_PRACTICE_WRONG_UNIT);
        g_assert_cmpstr (entry_text (f->page), ==, other_unit (p));
        assert_score (f->page, right, attempted);

        /* The core's own answer is right and counts. */
        right_text = right_answer (p);
        g_assert_cmpint (ml_practice_page_answer (f->page, right_text), ==, ML_PRACTICE_RIGHT);
        right++, attempted++;
        assert_score (f->page, right, attempted);
        g_assert_nonnull (strstr (ml_practice_page_get_feedback (f->page),
                                  ml_problem_get_answer_text (p)));
        /* Once counted, a problem counts once. */
        g_assert_cmpint (ml_practice_page_answer (f->page, right_text), ==, ML_PRACTICE_RIGHT);
        assert_score (f->page, right, attempted);

        /* The next problem of the set: wrong, then wrong again. */
        ml_practice_page_next (f->page);
        assert_shows (f, (MlPracticeTopic) t, seeds[s], 1);
        p = ml_practice_page_get_problem (f->page);
        wrong = wrong_answer (p);
        g_assert_cmpint (ml_practice_page_answer (f->page, wrong), ==, ML_PRACTICE_WRONG);
        attempted++;
        assert_score (f->page, right, attempted);
        feedback = ml_practice_page_get_feedback (f->page);
        g_assert_nonnull (strstr (feedback, ml_problem_get_hint (p)));
        /* The label shows the hint typeset. */
        {
          g_autofree char *markup = ml_problem_wrong_message_markup (p);

          g_assert_true (shows_label (f->page, markup));
        }
        g_assert_null (strstr (feedback, ml_problem_get_solution (p)));
        g_assert_false (shows_label (f->page, ml_problem_get_solution_markup (p)));

        g_assert_cmpint (ml_practice_page_answer (f->page, wrong), ==, ML_PRACTICE_WRONG);
        assert_score (f->page, right, attempted);
        feedback = ml_practice_page_get_feedback (f->page);
        g_assert_nonnull (strstr (feedback, ml_problem_get_solution (p)));
        g_assert_nonnull (strstr (feedback, ml_problem_get_answer_text (p)));
        g_assert_true (shows_label (f->page, ml_problem_get_solution_markup (p)));
        /* Right now, after the solution: right, but not at the first attempt. */
        right_text2 = right_answer (p);
        g_assert_cmpint (ml_practice_page_answer (f->page, right_text2), ==, ML_PRACTICE_RIGHT);
        assert_score (f->page, right, attempted);
      }
}

/* "All topics" takes turns as membrane-calc --practice all does. */
static void
test_all_topics (Fixture       *f,
                 gconstpointer  data)
{
  ml_practice_page_set_topic (f->page, "nernst");
  ml_practice_page_set_seed (f->page, 3);
  ml_practice_page_set_topic (f->page, "all");
  g_assert_null (ml_practice_page_get_topic (f->page));
  for (guint k = 0; k < 2 * ML_PRACTICE_N_TOPICS + 1; k++)
    {
      assert_shows (f, (MlPracticeTopic) (k % ML_PRACTICE_N_TOPICS), 3,
                    k / ML_PRACTICE_N_TOPICS);
      ml_practice_page_next (f->page);
    }
  /* Another seed starts again at problem 1. */
  ml_practice_page_set_seed (f->page, 4);
  assert_shows (f, ML_PRACTICE_NERNST, 4, 0);
}

/* Looking at the solution first counts as an attempt, not a right one. */
static void
test_show_solution (Fixture       *f,
                    gconstpointer  data)
{
  const MlProblem *p;
  g_autofree char *right_text = NULL;
  g_autofree char *solution = NULL;

  ml_practice_page_set_topic (f->page, "ghk");
  p = ml_practice_page_get_problem (f->page);
  ml_practice_page_show_solution (f->page);
  assert_score (f->page, 0, 1);
  g_assert_nonnull (strstr (ml_practice_page_get_feedback (f->page),
                            ml_problem_get_solution (p)));
  right_text = right_answer (p);
  g_assert_cmpint (ml_practice_page_answer (f->page, right_text), ==, ML_PRACTICE_RIGHT);
  assert_score (f->page, 0, 1);
  /* The page owns the problem: keep the solution's words past it. */
  solution = g_strdup (ml_problem_get_solution_markup (p));
  ml_practice_page_next (f->page);
  g_assert_cmpstr (ml_practice_page_get_feedback (f->page), ==, "");
  g_assert_false (shows_label (f->page, solution));
}

/* Files -------------------------------------------------------------------- */

static gboolean
run_ok (const char * const *argv,
        char              **out)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, out, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("ml-practice-XXXXXX", NULL);
  g_autofree char *xml_path = g_build_filename (dir, "set.xml", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "set.PDF", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "set.txt", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ml_problem_free);
  ml_practice_page_set_topic (f->page, "all");
  ml_practice_page_set_seed (f->page, 5);

  g_assert_true (ml_practice_page_export (f->page, xml_path, 20, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xml_path, &xml, NULL, NULL));
  g_assert_cmpuint (count_occurrences (xml, "<question type=\"numerical\">"), ==, 20);
  /* The core's own bank of the same set, byte for byte. */
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (problems, ml_practice_generate ((MlPracticeTopic) (i % ML_PRACTICE_N_TOPICS),
                                                     5, i / ML_PRACTICE_N_TOPICS));
  expected = ml_practice_moodle_xml ((MlProblem **) problems->pdata, problems->len,
                                     "Membrane Lab practice problems, set 5");
  g_assert_cmpstr (xml, ==, expected);
  if (have_program ("xmllint"))
    {
      const char *argv[] = { "xmllint", "--noout", xml_path, NULL };

      g_assert_true (run_ok (argv, NULL));
    }
  else
    g_test_message ("xmllint not installed: the XML is not parsed");

  g_assert_true (ml_practice_page_export (f->page, pdf_path, 20, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
  if (have_program ("pdfinfo"))
    {
      const char *argv[] = { "pdfinfo", pdf_path, NULL };
      g_autofree char *info = NULL;
      const char *pages;

      g_assert_true (run_ok (argv, &info));
      pages = strstr (info, "Pages:");
      g_assert_nonnull (pages);
      g_assert_cmpint (atoi (pages + strlen ("Pages:")), >=, 2);
    }
  else
    g_test_message ("pdfinfo (poppler-utils) not installed: the PDF is not read");

  /* Another extension: refused, nothing written. */
  g_assert_false (ml_practice_page_export (f->page, bad_path, 20, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A folder that does not exist: an error, no crash, no file. */
  {
    g_autofree char *missing = g_build_filename (dir, "no", "such", "set.xml", NULL);

    g_assert_false (ml_practice_page_export (f->page, missing, 3, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  g_unlink (xml_path);
  g_unlink (pdf_path);
  g_rmdir (dir);
}

/* Screenshots -------------------------------------------------------------- */

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  static const int sizes[][2] = { { 1024, 768 }, { 1920, 1080 } };
  const MlProblem *p;
  g_autofree char *wrong = NULL;

  ml_practice_page_set_topic (f->page, "nernst");
  ml_practice_page_set_seed (f->page, 1);
  p = ml_practice_page_get_problem (f->page);
  ml_practice_page_answer (f->page, ml_problem_get_answer_text (p));
  ml_practice_page_next (f->page);
  p = ml_practice_page_get_problem (f->page);
  wrong = wrong_answer (p);

  for (guint state = 0; state < 2; state++)
    {
      /* Wrong once: the hint; twice: the worked solution. */
      g_assert_cmpint (ml_practice_page_answer (f->page, wrong), ==, ML_PRACTICE_WRONG);
      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        for (int dark = 0; dark < 2; dark++)
          {
            g_autofree char *name = NULL;
            cairo_surface_t *surface;

            adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                                dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                     : ADW_COLOR_SCHEME_FORCE_LIGHT);
            gtk_window_set_default_size (f->window, sizes[z][0], sizes[z][1]);
            wait_ms (200);
            g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->page)), ==, sizes[z][0]);
            surface = test_render_on_theme (GTK_WIDGET (f->page), dark);
            g_assert_true (ml_surface_is_varied (surface, 40));
            name = g_strdup_printf ("practice-%s-%dx%d-%s.png", state == 0 ? "hint" : "solution",
                                    sizes[z][0], sizes[z][1], dark ? "dark" : "light");
            test_write_png (surface, name);
            cairo_surface_destroy (surface);
          }
    }

  /* A refusal, in error colours, on the longest topic's problem. */
  ml_practice_page_set_topic (f->page, "donnan");
  ml_practice_page_set_seed (f->page, 2);
  g_assert_cmpint (ml_practice_page_answer (f->page, "about −80"), ==, ML_PRACTICE_NOT_A_NUMBER);
  gtk_window_set_default_size (f->window, 1024, 768);
  for (int dark = 0; dark < 2; dark++)
    {
      cairo_surface_t *surface;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      wait_ms (200);
      surface = test_render_on_theme (GTK_WIDGET (f->page), dark);
      test_write_png (surface, dark ? "practice-refused-dark.png" : "practice-refused-light.png");
      cairo_surface_destroy (surface);
    }

  /* Typeset problems: P_K : P_Na of GHK and E_Ca of a driving force as
   * subscripts, in the question and in the worked solution (no raw "_",
   * no monospace). */
  gtk_window_set_default_size (f->window, 1024, 768);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  for (guint k = 0; k < 2; k++)
    {
      const char *topic = k == 0 ? "ghk" : "driving-force";
      g_autofree char *name = g_strdup_printf ("practice-typeset-%s-1024x768.png", topic);
      cairo_surface_t *surface;
      GtkWidget *label;

      ml_practice_page_set_topic (f->page, topic);
      ml_practice_page_set_seed (f->page, 1);
      ml_practice_page_show_solution (f->page);
      p = ml_practice_page_get_problem (f->page);
      label = find_widget (GTK_WIDGET (f->page), is_visible_label_with,
                           ml_problem_get_question_markup (p));
      g_assert_nonnull (label);
      g_assert_true (gtk_label_get_use_markup (GTK_LABEL (label)));
      g_assert_null (strchr (gtk_label_get_text (GTK_LABEL (label)), '_'));
      label = find_widget (GTK_WIDGET (f->page), is_visible_label_with,
                           ml_problem_get_solution_markup (p));
      g_assert_nonnull (label);
      g_assert_true (gtk_label_get_use_markup (GTK_LABEL (label)));
      g_assert_false (gtk_widget_has_css_class (label, "monospace"));
      g_assert_null (strchr (gtk_label_get_text (GTK_LABEL (label)), '_'));
      wait_ms (200);
      surface = test_render_on_theme (GTK_WIDGET (f->page), FALSE);
      g_assert_true (ml_surface_is_varied (surface, 40));
      test_write_png (surface, name);
      cairo_surface_destroy (surface);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GtkCssProvider) css = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app's style sheet, as the application loads it. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/membranelab/MembraneLab/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/practice-page/verdicts", Fixture, NULL, fixture_setup, test_verdicts,
              fixture_teardown);
  g_test_add ("/practice-page/all-topics", Fixture, NULL, fixture_setup, test_all_topics,
              fixture_teardown);
  g_test_add ("/practice-page/show-solution", Fixture, NULL, fixture_setup, test_show_solution,
              fixture_teardown);
  g_test_add ("/practice-page/export", Fixture, NULL, fixture_setup, test_export,
              fixture_teardown);
  g_test_add ("/practice-page/screenshots", Fixture, NULL, fixture_setup, test_screenshots,
              fixture_teardown);
  return g_test_run ();
}
