/* ml-application.c — the application: actions, options, windows
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides the usual startup/activate/open, the application has a screenshot
 * mode (`--screenshot FILE.png|.svg|.pdf [--size WxH] [--preset NAME | FILE] [--dark]`)
 * that shows the window only as long as it takes to lay it out, renders it
 * with the cairo renderer into a PNG, and quits.
 */
#define G_LOG_DOMAIN "ml-application"

#include "config.h"

#include "ml-application.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ml-presets.h"
#include "ml-screenshot.h"
#include "ml-text.h"
#include "ml-handout.h"
#include "ml-plots-page.h"
#include "ml-time-course-page.h"
#include "ml-text.h"
#include "ml-window.h"

struct _MlApplication
{
  AdwApplication  parent_instance;

  char           *screenshot_path;
  char           *preset;
  int             width;
  int             height;
  gboolean        dark;
  /* More of --screenshot: a page, presentation mode, a pump block and a
   * run of the time course before the picture. */
  char           *page;
  gboolean        presentation;
  gboolean        block_pump;
  double          run_s;
  char           *plot;          /* kout, iv or temperature */
  gboolean        handout;       /* the file is the lab handout, not a picture */
  gboolean        handout_measured; /* the instructor's copy */
  gboolean        legend;        /* the membrane view's legend and two forces */
  gboolean        forces;
  char           *lesson;        /* a lesson to start: an id or a file */
  int             lesson_step;   /* with --screenshot: the step shown, from 1 */
  char           *answer;        /* with --screenshot: the step's answer, committed */
  gboolean        has_files;     /* files on the command line */
  int             exit_status;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (MlApplication, ml_application, ADW_TYPE_APPLICATION)

/* Delay between the window's first map and the picture: long enough for the
 * gauge needle's 150 ms easing to end. */
#define SCREENSHOT_DELAY_MS 450

static void
apply_color_scheme (const char *scheme)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
color_scheme_changed (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  MlApplication *self = ML_APPLICATION (user_data);
  const char *scheme = g_variant_get_string (value, NULL);

  if (g_strcmp0 (scheme, "default") != 0 && g_strcmp0 (scheme, "light") != 0
      && g_strcmp0 (scheme, "dark") != 0)
    return;
  g_simple_action_set_state (action, value);
  apply_color_scheme (scheme);
  if (self->settings != NULL && self->screenshot_path == NULL)
    g_settings_set_string (self->settings, "color-scheme", scheme);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing each window asks about unsaved changes; the app ends with them. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Membrane Lab authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Membrane Lab"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Membrane Lab authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("See how a cell membrane makes its voltage: Nernst and "
                                      "Goldman–Hodgkin–Katz potentials, driving forces, the Na⁺/K⁺ "
                                      "pump, free energy and the charge on the membrane."),
                        "website", "https://github.com/membranelab/membrane-lab",
                        "issue-url", "https://github.com/membranelab/membrane-lab/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Membrane Lab authors",
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static MlWindow *ensure_window (MlApplication *self);

/* From a second `membrane-lab --preset NAME`: the running window loads it,
 * asking first about unsaved edits. */
static void
load_preset_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MlApplication *self = ML_APPLICATION (user_data);
  MlWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s",
                              g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "load-preset", load_preset_activated, "s" },
  { "about", about_activated },
  { "color-scheme", NULL, "s", "'default'", color_scheme_changed },
};

static void
set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Shift><Control>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Shift><Control>z", "<Control>y", NULL } },
    { "win.reset", { "<Control>r", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.copy-math", { "<Shift><Control>c", NULL } },
    { "win.donnan", { "<Control>d", NULL } },
    { "win.toggle-math", { "<Control>m", NULL } },
    { "win.toggle-controls", { "F9", NULL } },
    { "win.fullscreen", { "F11", NULL } },
    { "win.presentation", { "F5", NULL } },
    { "win.leave-presentation", { "Escape", NULL } },
    { "win.next-preset", { "<Control>Page_Down", NULL } },
    { "win.find-parameter", { "<Control>f", NULL } },
    { "win.previous-preset", { "<Control>Page_Up", NULL } },
    /* O for ouabain, W for washing it out. */
    { "win.block-pump", { "<Shift><Control>o", NULL } },
    { "win.restore-pump", { "<Shift><Control>w", NULL } },
    { "win.balance-pump", { "<Control>b", NULL } },
    { "win.show-page::membrane", { "<Alt>1", NULL } },
    { "win.show-page::time-course", { "<Alt>2", NULL } },
    { "win.show-page::plots", { "<Alt>3", NULL } },
    { "win.show-page::practice", { "<Alt>4", NULL } },
    /* What a presentation clicker sends. */
    { "win.lesson-next", { "Page_Down", NULL } },
    { "win.lesson-previous", { "Page_Up", NULL } },
    { "win.lesson-restart", { "<Shift><Control>Home", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };
  const char * const *ids = ml_presets_list ();

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  for (guint i = 0; ids[i] != NULL && i < 9; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.preset::%s", ids[i]);
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);
      const char *list[] = { accel, NULL };

      gtk_application_set_accels_for_action (app, action, list);
    }
}

static void
ml_application_startup (GApplication *application)
{
  MlApplication *self = ML_APPLICATION (application);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  G_APPLICATION_CLASS (ml_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  set_accels (GTK_APPLICATION (self));

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);

  if (self->screenshot_path != NULL)
    apply_color_scheme (self->dark ? "dark" : "light");
  else if (self->settings != NULL)
    {
      g_autoptr(GVariant) scheme = g_settings_get_value (self->settings, "color-scheme");

      g_action_group_change_action_state (G_ACTION_GROUP (self), "color-scheme", scheme);
    }
}

static gboolean
take_screenshot_cb (gpointer user_data)
{
  MlWindow *window = ML_WINDOW (user_data);
  MlApplication *self = ML_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  g_autoptr(GError) error = NULL;

  if (self->handout ? !ml_handout_write (window, self->screenshot_path, self->handout_measured,
                                         &error)
                    : !ml_screenshot_widget (GTK_WIDGET (window), self->screenshot_path, &error))
    {
      g_printerr ("membrane-lab: %s\n", error->message);
      self->exit_status = 1;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
window_mapped_cb (GtkWidget *window,
                  gpointer   user_data)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, SCREENSHOT_DELAY_MS, take_screenshot_cb,
                      g_object_ref (window), g_object_unref);
}

/* The scene of a screenshot, before its first frame. */
static void
prepare_screenshot (MlApplication *self,
                    MlWindow      *window)
{
  GtkWidget *page;

  if (self->page != NULL)
    ml_window_show_page (window, self->page);
  if (self->plot != NULL)
    {
      GtkWidget *plots;

      ml_window_show_page (window, "plots");
      plots = ml_window_get_page (window, "plots");
      if (plots != NULL)
        ml_plots_page_show_kind (ML_PLOTS_PAGE (plots),
                                 g_str_equal (self->plot, "iv") ? ML_PLOT_IV
                                 : g_str_equal (self->plot, "temperature") ? ML_PLOT_TEMPERATURE
                                 : ML_PLOT_KOUT);
    }
  if (self->presentation)
    g_object_set (window, "presentation", TRUE, NULL);
  if (self->legend)
    ml_membrane_view_set_show_legend (ml_window_get_membrane_view (window), TRUE);
  if (self->forces)
    ml_membrane_view_set_show_forces (ml_window_get_membrane_view (window), TRUE);
  if (self->lesson != NULL)
    {
      MlLessonPane *pane = ml_window_get_lesson_pane (window);

      /* Straight to the step, the lesson's settings before it applied
       * (Page Down would stop at each question to reveal it). */
      if (self->lesson_step > 1)
        ml_lesson_pane_go_to_step (pane, (guint) self->lesson_step - 1);
      if (self->answer != NULL)
        {
          const MlLesson *lesson = ml_lesson_pane_get_lesson (pane);
          const MlLessonStep *step = ml_lesson_get_step (lesson, ml_lesson_pane_get_step (pane));
          guint64 choice = 1;

          if (step->ask == ML_LESSON_ASK_DIRECTION)
            ml_lesson_pane_set_direction (pane, g_str_equal (self->answer, "down") ? ML_LESSON_DOWN
                                                : g_str_equal (self->answer, "same")
                                                ? ML_LESSON_SAME : ML_LESSON_UP);
          else if (step->ask == ML_LESSON_ASK_CHOICE
                   && g_ascii_string_to_unsigned (self->answer, 10, 1, step->n_choices, &choice,
                                                  NULL))
            ml_lesson_pane_set_choice (pane, (guint)choice - 1);
          else
            ml_lesson_pane_set_number (pane, self->answer);
          ml_lesson_pane_commit (pane);
        }
    }
  page = ml_window_get_page (window, "time-course");
  if (page != NULL)
    ml_time_course_page_set_playing (ML_TIME_COURSE_PAGE (page), FALSE);
  /* With a run, the block comes after a tenth of it, so the picture shows
   * the rest before it, the step and the rundown. */
  if (page != NULL && self->run_s > 0.0 && self->block_pump)
    ml_time_course_page_advance (ML_TIME_COURSE_PAGE (page), 0.1 * self->run_s);
  if (self->block_pump)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.block-pump", NULL);
  if (page != NULL && self->run_s > 0.0)
    ml_time_course_page_advance (ML_TIME_COURSE_PAGE (page),
                                 self->block_pump ? 0.9 * self->run_s : self->run_s);
}

static MlWindow *
ensure_window (MlApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (window != NULL)
    return ML_WINDOW (window);

  /* A screenshot shows the app as installed, not as this user left it. */
  window = GTK_WINDOW (ml_window_new_full (GTK_APPLICATION (self), self->screenshot_path == NULL));

  if (self->screenshot_path != NULL)
    {
      gtk_window_set_default_size (window, self->width, self->height);
      gtk_window_unmaximize (window);
      g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
    }

  if (self->preset != NULL)
    {
      if (!ml_window_load_preset (ML_WINDOW (window), self->preset, &error))
        ml_window_show_error (ML_WINDOW (window), error->message);
      /* The start is not a step to undo. */
      ml_history_clear (ml_window_get_history (ML_WINDOW (window)));
    }
  if (self->lesson != NULL)
    {
      if (!ml_window_start_lesson (ML_WINDOW (window), self->lesson, &error))
        {
          g_printerr ("membrane-lab: %s\n", error->message);
          self->exit_status = 2;
          if (self->screenshot_path != NULL)
            g_application_quit (G_APPLICATION (self));
          else
            ml_window_show_error (ML_WINDOW (window), error->message);
        }
    }
  if (self->screenshot_path != NULL)
    prepare_screenshot (self, ML_WINDOW (window));
  else if (self->settings != NULL && self->lesson == NULL)
    {
      /* Come back to the scenario of the last session. */
      g_autofree char *last = g_settings_get_string (self->settings, "last-scenario");

      if (g_str_has_prefix (last, "preset:"))
        ml_window_load_preset (ML_WINDOW (window), last + strlen ("preset:"), NULL);
      else if (last[0] != '\0')
        {
          g_autoptr(GFile) file = g_file_new_for_uri (last);

          /* In the background: a folder on a network that has gone away
           * must not keep the window from opening. */
          ml_window_start_loading (ML_WINDOW (window), file, FALSE);
        }
      ml_history_clear (ml_window_get_history (ML_WINDOW (window)));
    }

  return ML_WINDOW (window);
}

static void
ml_application_activate (GApplication *application)
{
  MlApplication *self = ML_APPLICATION (application);

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
ml_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  MlApplication *self = ML_APPLICATION (application);
  gboolean existed = gtk_application_get_active_window (GTK_APPLICATION (self)) != NULL;
  MlWindow *window = ensure_window (self);
  g_autoptr(GError) error = NULL;

  /* A window that is already open may hold unsaved edits: ask first. */
  if (existed && n_files > 0 && self->screenshot_path == NULL)
    {
      ml_window_open_file (window, files[0]);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (self->screenshot_path == NULL)
    {
      /* One window holds one cell: the first file is opened. */
      if (n_files > 0)
        ml_window_start_loading (window, files[0], FALSE);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* A screenshot shows one scenario, loaded before the first frame; any
   * file that cannot be shown fails the command. */
  if (n_files > 1)
    {
      g_printerr (_("membrane-lab: --screenshot shows one scenario file, not %d\n"), n_files);
      self->exit_status = 2;
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  if (n_files > 0 && !ml_window_load_file (window, files[0], &error))
    {
      g_autofree char *shown = g_file_get_parse_name (files[0]);
      g_autofree char *name = ml_text_cut (shown, ML_TEXT_QUOTE_MAX_BYTES / 2);
      g_autofree char *line = ml_text_one_line (error->message, ML_TEXT_MESSAGE_MAX_BYTES);

      g_printerr ("membrane-lab: %s: %s\n", name, line);
      self->exit_status = 2;
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  if (n_files > 0)
    ml_history_clear (ml_window_get_history (window));

  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  char *end = NULL;
  gint64 w, h;

  w = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0')
    return FALSE;
  if (w < 360 || h < 360 || w > 8192 || h > 8192)
    return FALSE;
  *width = (int)w;
  *height = (int)h;
  return TRUE;
}

static const GOptionEntry option_entries[] = {
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Render the window into a PNG, SVG or PDF file (by the extension) and quit"),
    N_("FILE.png") },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Window size for --screenshot (default 1280x800)"), N_("WxH") },
  { "preset", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start with a shipped preset, e.g. squid-axon"), N_("NAME") },
  { "dark", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Use the dark style for --screenshot"), NULL },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show this page for --screenshot: membrane, time-course, plots or practice"), N_("NAME") },
  { "presentation", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Presentation mode for --screenshot"), NULL },
  { "block-pump", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Block the pump before --screenshot (with --run, after a tenth of the run)"), NULL },
  { "plot", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show this plot for --screenshot: kout, iv or temperature"), N_("KIND") },
  { "handout", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --screenshot FILE.pdf: write the lab handout of the scenario instead of a picture"),
    NULL },
  { "handout-with-measured", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --handout: the instructor's copy, with the measured V_m the scenario keeps"), NULL },
  { "lesson", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Start a lesson: a shipped one by its id (nernst, ghk-vote …) or a lesson file"),
    N_("LESSON") },
  { "step", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --screenshot and --lesson: show this step, from 1"), N_("N") },
  { "answer", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --screenshot and --lesson: answer the step (up, down, same, a number or the "
       "choice's number) before the picture"), N_("ANSWER") },
  { "legend", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the membrane view's legend for --screenshot"), NULL },
  { "forces", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show each ion's two forces for --screenshot"), NULL },
  { "run", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Run the time course for DURATION (90s, 30min, 2h) before --screenshot"),
    N_("DURATION") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and quit"), NULL },
  { NULL }
};

/* Whether @arg ("--size") is an option of ours that takes its value as the
 * next argument. */
static gboolean
takes_value (const char *arg)
{
  for (guint i = 0; option_entries[i].long_name != NULL; i++)
    if (g_str_has_prefix (arg, "--") && strcmp (arg + 2, option_entries[i].long_name) == 0)
      return option_entries[i].arg != G_OPTION_ARG_NONE;
  return FALSE;
}

/* GApplication keeps the files of the command line to itself until after
 * handle-local-options, so they are looked for here, before it parses:
 * whatever is neither an option nor an option's value (nor after "--") is a
 * file. */
static gboolean
ml_application_local_command_line (GApplication   *application,
                                   char         ***arguments,
                                   int            *exit_status)
{
  MlApplication *self = ML_APPLICATION (application);
  char **argv = *arguments;
  gboolean options_end = FALSE;

  self->has_files = FALSE;
  for (int i = 1; argv[i] != NULL; i++)
    {
      const char *arg = argv[i];

      if (!options_end && strcmp (arg, "--") == 0)
        options_end = TRUE;
      else if (!options_end && arg[0] == '-' && arg[1] != '\0')
        {
          if (takes_value (arg) && argv[i + 1] != NULL)
            i++;
        }
      else
        self->has_files = TRUE;
    }
  return G_APPLICATION_CLASS (ml_application_parent_class)->local_command_line (application, arguments,
                                                                                exit_status);
}

static int
ml_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  MlApplication *self = ML_APPLICATION (application);
  const char *size = NULL;
  g_autofree char *screenshot = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("membrane-lab %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "preset", "s", &self->preset);
  g_variant_dict_lookup (options, "lesson", "^ay", &self->lesson);
  if (self->preset != NULL && !ml_presets_exists (self->preset))
    {
      /* Translators: %s is what the user typed after --preset. */
      g_printerr (_("membrane-lab: unknown preset “%s”; run membrane-calc --list-presets for the names\n"),
                  self->preset);
      return 2;
    }

  /* One window holds one cell: a preset and a file contradict each other. */
  if (self->preset != NULL && self->has_files)
    {
      g_printerr (_("membrane-lab: give either --preset or a file, not both\n"));
      return 2;
    }

  if (g_variant_dict_lookup (options, "screenshot", "^ay", &screenshot))
    {
      self->screenshot_path = g_steal_pointer (&screenshot);
      self->dark = g_variant_dict_contains (options, "dark");
      self->presentation = g_variant_dict_contains (options, "presentation");
      self->block_pump = g_variant_dict_contains (options, "block-pump");
      self->handout = g_variant_dict_contains (options, "handout");
      self->handout_measured = g_variant_dict_contains (options, "handout-with-measured");
      if (self->handout_measured && !self->handout)
        {
          g_printerr (_("membrane-lab: --handout-with-measured goes with --handout\n"));
          return 2;
        }
      self->legend = g_variant_dict_contains (options, "legend");
      self->forces = g_variant_dict_contains (options, "forces");
      g_variant_dict_lookup (options, "step", "i", &self->lesson_step);
      g_variant_dict_lookup (options, "answer", "s", &self->answer);
      if ((self->lesson_step != 0 || self->answer != NULL)
          && !g_variant_dict_contains (options, "lesson"))
        {
          g_printerr (_("membrane-lab: --step and --answer go with --lesson\n"));
          return 2;
        }
      if (self->lesson_step < 0 || self->lesson_step > ML_LESSON_MAX_STEPS)
        {
          g_printerr (_("membrane-lab: --step takes a step number from 1 to %d\n"),
                      ML_LESSON_MAX_STEPS);
          return 2;
        }
      g_variant_dict_lookup (options, "plot", "s", &self->plot);
      if (self->plot != NULL && !g_str_equal (self->plot, "kout") && !g_str_equal (self->plot, "iv")
          && !g_str_equal (self->plot, "temperature"))
        {
          g_printerr (_("membrane-lab: --plot takes kout, iv or temperature\n"));
          return 2;
        }
      if (self->handout && !g_str_has_suffix (self->screenshot_path, ".pdf"))
        {
          g_printerr (_("membrane-lab: --handout writes a PDF: give --screenshot FILE.pdf\n"));
          return 2;
        }
      g_variant_dict_lookup (options, "page", "s", &self->page);
      if (self->page != NULL && g_strcmp0 (self->page, "membrane") != 0
          && g_strcmp0 (self->page, "time-course") != 0 && g_strcmp0 (self->page, "plots") != 0
          && g_strcmp0 (self->page, "practice") != 0)
        {
          g_printerr (_("membrane-lab: --page takes membrane, time-course, plots or practice\n"));
          return 2;
        }
      {
        const char *run = NULL;

        /* Up to ten years, as membrane-calc --simulate. */
        if (g_variant_dict_lookup (options, "run", "&s", &run)
            && (!ml_text_parse_duration (run, &self->run_s)
                || self->run_s > 10.0 * 365.0 * 86400.0))
          {
            g_printerr (_("membrane-lab: --run takes a duration up to ten years, such as 90s, 30min "
                        "or 2h\n"));
            return 2;
          }
      }
      if (g_variant_dict_lookup (options, "size", "&s", &size)
          && !parse_size (size, &self->width, &self->height))
        {
          g_printerr (_("membrane-lab: --size takes WIDTHxHEIGHT, each from 360 to 8192, e.g. 1024x768\n"));
          return 2;
        }
      /* A screenshot never joins a running instance. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
      return -1;
    }
  else if (g_variant_dict_contains (options, "size") || g_variant_dict_contains (options, "dark")
           || g_variant_dict_contains (options, "page")
           || g_variant_dict_contains (options, "presentation")
           || g_variant_dict_contains (options, "block-pump")
           || g_variant_dict_contains (options, "plot")
           || g_variant_dict_contains (options, "handout")
           || g_variant_dict_contains (options, "handout-with-measured")
           || g_variant_dict_contains (options, "legend")
           || g_variant_dict_contains (options, "forces")
           || g_variant_dict_contains (options, "step")
           || g_variant_dict_contains (options, "answer")
           || g_variant_dict_contains (options, "run"))
    {
      g_printerr (_("membrane-lab: --size, --dark, --page, --plot, --presentation, --block-pump, "
                    "--run, --handout, --legend, --forces, --step and --answer go with "
                    "--screenshot\n"));
      return 2;
    }

  /* With an instance already running, hand the preset to it. */
  if (self->preset != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("membrane-lab: %s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (application))
        {
          g_action_group_activate_action (G_ACTION_GROUP (application), "load-preset",
                                          g_variant_new_string (self->preset));
          return 0;
        }
    }

  return -1;
}

static void
ml_application_finalize (GObject *object)
{
  MlApplication *self = ML_APPLICATION (object);

  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->preset, g_free);
  g_clear_pointer (&self->page, g_free);
  g_clear_pointer (&self->plot, g_free);
  g_clear_pointer (&self->lesson, g_free);
  g_clear_pointer (&self->answer, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ml_application_parent_class)->finalize (object);
}

static void
ml_application_class_init (MlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ml_application_finalize;
  app_class->startup = ml_application_startup;
  app_class->activate = ml_application_activate;
  app_class->open = ml_application_open;
  app_class->local_command_line = ml_application_local_command_line;
  app_class->handle_local_options = ml_application_handle_local_options;
}


static void
ml_application_init (MlApplication *self)
{
  self->width = 1280;
  self->height = 800;
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE.membrane]"));
}

MlApplication *
ml_application_new (void)
{
  return g_object_new (ML_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

int
ml_application_get_exit_status (MlApplication *self)
{
  g_return_val_if_fail (ML_IS_APPLICATION (self), 1);
  return self->exit_status;
}
