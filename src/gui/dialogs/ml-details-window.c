/* ml-details-window.c — the scenario's name, description and source
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved, changed cell should not go on calling itself "Mammalian neuron
 * — a typical neuron": the name, the notes (the scenario's description)
 * and the source are the user's to write, saved with the scenario.
 */
#define G_LOG_DOMAIN "ml-details"

#include "config.h"

#include "ml-details-window.h"

#include <glib/gi18n.h>

#define N_FIELDS 3
#define MAX_CHARS 2000

struct _MlDetailsWindow
{
  AdwWindow   parent_instance;

  MlSession  *session;
  GtkWidget  *fields[N_FIELDS];  /* GtkEntry, GtkTextView, GtkEntry */
  GtkLabel   *message;
};

G_DEFINE_FINAL_TYPE (MlDetailsWindow, ml_details_window, ADW_TYPE_WINDOW)

static char *
field_text (MlDetailsWindow *self,
            guint            field)
{
  if (GTK_IS_TEXT_VIEW (self->fields[field]))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[field]));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->fields[field])));
}

static void
set_field (MlDetailsWindow *self,
           guint            field,
           const char      *text)
{
  if (GTK_IS_TEXT_VIEW (self->fields[field]))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[field])),
                              text != NULL ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->fields[field]), text != NULL ? text : "");
}

static gboolean
commit (MlDetailsWindow *self,
        guint            field)
{
  MlCell *cell;
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;

  /* Focus leaves the fields as the window goes, after its session. */
  if (self->session == NULL)
    return FALSE;
  cell = ml_session_get_cell (self->session);
  text = field_text (self, field);
  stripped = g_strstrip (g_strdup (text));

  if (field == 0 && stripped[0] == '\0')
    {
      gtk_label_set_label (self->message, _("A scenario needs a name: the name before is kept"));
      set_field (self, 0, ml_cell_get_name (cell));
      return FALSE;
    }
  if (g_utf8_strlen (stripped, -1) > MAX_CHARS)
    {
      gtk_label_set_label (self->message, _("That is longer than 2000 characters: the text before "
                                            "is kept"));
      set_field (self, field, field == 0 ? ml_cell_get_name (cell)
                              : field == 1 ? ml_cell_get_description (cell)
                              : ml_cell_get_source (cell));
      return FALSE;
    }
  gtk_label_set_label (self->message, "");
  if (field == 0)
    ml_cell_set_name (cell, stripped);
  else if (field == 1)
    ml_cell_set_description (cell, stripped);
  else
    ml_cell_set_source (cell, stripped);
  return TRUE;
}

static void
activate_cb (GtkWidget       *entry,
             MlDetailsWindow *self)
{
  for (guint f = 0; f < N_FIELDS; f++)
    if (self->fields[f] == entry)
      commit (self, f);
}

static void
leave_cb (GtkEventControllerFocus *controller,
          MlDetailsWindow         *self)
{
  activate_cb (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)), self);
}

gboolean
ml_details_window_enter (MlDetailsWindow *self,
                         guint            field,
                         const char      *text)
{
  g_return_val_if_fail (ML_IS_DETAILS_WINDOW (self), FALSE);
  g_return_val_if_fail (field < N_FIELDS, FALSE);
  set_field (self, field, text);
  return commit (self, field);
}

static void
ml_details_window_dispose (GObject *object)
{
  MlDetailsWindow *self = ML_DETAILS_WINDOW (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (ml_details_window_parent_class)->dispose (object);
}

static void
ml_details_window_class_init (MlDetailsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_details_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ml_details_window_init (MlDetailsWindow *self)
{
  static const char *names[N_FIELDS] = { N_("Name"), N_("Notes"), N_("Source") };
  GtkWidget *box, *grid;

  gtk_window_set_title (GTK_WINDOW (self), _("Scenario Details"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 420);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 18);
  gtk_widget_set_vexpand (grid, TRUE);
  gtk_box_append (GTK_BOX (box), grid);

  for (guint f = 0; f < N_FIELDS; f++)
    {
      GtkWidget *label = gtk_label_new (_(names[f]));
      GtkEventController *focus = gtk_event_controller_focus_new ();
      GtkWidget *field;

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      if (f == 1)
        {
          GtkWidget *scroller = gtk_scrolled_window_new ();

          field = gtk_text_view_new ();
          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field), GTK_WRAP_WORD_CHAR);
          gtk_widget_add_css_class (field, "card");
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), field);
          gtk_widget_set_vexpand (scroller, TRUE);
          gtk_widget_set_hexpand (scroller, TRUE);
          gtk_grid_attach (GTK_GRID (grid), scroller, 1, f, 1, 1);
        }
      else
        {
          field = gtk_entry_new ();
          /* As long as the cell keeps (the name, then the source). */
          gtk_entry_set_max_length (GTK_ENTRY (field), f == 0 ? ML_CELL_NAME_MAX_CHARS
                                                              : ML_CELL_SOURCE_MAX_CHARS);
          gtk_widget_set_hexpand (field, TRUE);
          g_signal_connect (field, "activate", G_CALLBACK (activate_cb), self);
          gtk_grid_attach (GTK_GRID (grid), field, 1, f, 1, 1);
        }
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      g_signal_connect (focus, "leave", G_CALLBACK (leave_cb), self);
      gtk_widget_add_controller (field, focus);
      self->fields[f] = field;
      gtk_grid_attach (GTK_GRID (grid), label, 0, f, 1, 1);
    }
  self->message = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->message), 0, N_FIELDS, 2, 1);
}

GtkWidget *
ml_details_window_new (GtkWindow *parent,
                       MlSession *session)
{
  MlDetailsWindow *self = g_object_new (ML_TYPE_DETAILS_WINDOW, "transient-for", parent,
                                        "modal", FALSE, NULL);
  MlCell *cell = ml_session_get_cell (session);

  self->session = g_object_ref (session);
  set_field (self, 0, ml_cell_get_name (cell));
  set_field (self, 1, ml_cell_get_description (cell));
  set_field (self, 2, ml_cell_get_source (cell));
  return GTK_WIDGET (self);
}
