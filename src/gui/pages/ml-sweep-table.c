/* ml-sweep-table.c — the K⁺ practical's table: predicted beside measured
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per saline: outside K⁺ (and the Na⁺ it replaces), the V_m the
 * core predicts, E_K and the driving force on K⁺, then an entry for the
 * V_m measured in the lab and the difference.  Every predicted number is a
 * solution of ml_sweep_run(); a measured value that is not a number or out
 * of range is refused in place and keeps what was there.
 */
#define G_LOG_DOMAIN "ml-sweep-table"

#include "config.h"

#include "ml-sweep-table.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ml-file-io.h"
#include "ml-format.h"
#include "ml-practice.h"
#include "ml-sweep.h"
#include "ml-text.h"
#include "ml-view-session.h"

#define N_ROWS        6
#define N_COLUMNS     8
#define MEASURED_MAX  300.0   /* mV either way */

static const double k_values[N_ROWS] = { 2.5, 5.0, 10.0, 20.0, 40.0, 80.0 };

struct _MlSweepTable
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkGrid    *grid;
  GtkLabel   *message;
  GtkLabel   *cells[N_ROWS][N_COLUMNS];
  GtkEntry   *entries[N_ROWS];
  double      measured[N_ROWS];   /* NAN when not measured */
  double      predicted[N_ROWS];
  double      later[N_ROWS];      /* V_m once Cl⁻ has redistributed */
  gboolean    later_defined[N_ROWS];
  gboolean    defined[N_ROWS];
  double      na_out[N_ROWS];
  double      e_k[N_ROWS];
  MlSolution  sols[N_ROWS];       /* each point whole, for the export's other ions */
  gboolean    trade;
  MlSession  *session;
  MlPlot     *plot;
  guint       syncing;
};

G_DEFINE_FINAL_TYPE (MlSweepTable, ml_sweep_table, GTK_TYPE_WIDGET)

enum { COL_K, COL_NA, COL_VM, COL_VM_CL, COL_EK, COL_DF, COL_MEASURED, COL_DIFF };

/* The id the measured values are kept under: the K⁺ ion's "K.out". */
static char *
k_out_id (MlCell *cell)
{
  int k = ml_cell_find_role (cell, ML_ION_ROLE_K);

  return k >= 0 ? g_strdup_printf ("%s.out", ml_cell_get_ion (cell, k)->name) : NULL;
}

/* Every measured point the cell keeps, on the plot. */
static void
push_measured (MlSweepTable *self)
{
  g_autofree char *param = NULL;
  g_autofree char *id = NULL;
  g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) vs = g_array_new (FALSE, FALSE, sizeof (double));
  MlCell *cell;

  if (self->plot == NULL || self->session == NULL)
    return;
  cell = ml_session_get_cell (self->session);
  id = k_out_id (cell);
  if (!ml_cell_get_measured (cell, &param, xs, vs) || g_strcmp0 (param, id) != 0)
    g_array_set_size (xs, 0);
  ml_plot_set_measured (self->plot, (const double *)(gpointer)xs->data,
                        (const double *)(gpointer)vs->data, xs->len);
}

static void
update_row (MlSweepTable *self,
            guint         row)
{
  g_autofree char *k = ml_format_significant (k_values[row], 3);
  g_autofree char *na = self->trade ? ml_format_significant (self->na_out[row], 4)
                                    : g_strdup ("—");
  g_autofree char *vm = self->defined[row] ? ml_format_millivolts (self->predicted[row], 2, FALSE)
                                           : g_strdup (_("undefined"));
  g_autofree char *later = self->later_defined[row]
                           ? ml_format_millivolts (self->later[row], 2, FALSE)
                           : g_strdup (_("undefined"));
  g_autofree char *ek = ml_format_millivolts (self->e_k[row], 2, FALSE);
  g_autofree char *df = self->defined[row]
                        ? ml_format_millivolts (self->predicted[row] - self->e_k[row], 2, TRUE)
                        : g_strdup ("—");
  g_autofree char *diff = self->defined[row] && isfinite (self->measured[row])
                          ? ml_format_millivolts (self->measured[row] - self->predicted[row], 2, TRUE)
                          : g_strdup ("");

  gtk_label_set_label (self->cells[row][COL_K], k);
  gtk_label_set_label (self->cells[row][COL_NA], na);
  gtk_label_set_label (self->cells[row][COL_VM], vm);
  gtk_label_set_label (self->cells[row][COL_VM_CL], later);
  gtk_label_set_label (self->cells[row][COL_EK], ek);
  gtk_label_set_label (self->cells[row][COL_DF], df);
  gtk_label_set_label (self->cells[row][COL_DIFF], diff);
}

static void
recompute (MlSweepTable *self)
{
  g_autoptr (MlSweep) sweep = NULL;
  MlCell *cell;
  MlSolution sols[N_ROWS];
  g_autoptr (MlCell) point = NULL;
  g_autofree char *id = NULL;
  int k, na;

  if (self->session == NULL)
    return;
  cell = ml_session_get_cell (self->session);
  k = ml_cell_find_role (cell, ML_ION_ROLE_K);
  na = ml_cell_find_role (cell, ML_ION_ROLE_NA);
  gtk_widget_set_visible (GTK_WIDGET (self), k >= 0);
  if (k < 0)
    return;
  id = g_strdup_printf ("%s.out=2.5,5,10,20,40,80", ml_cell_get_ion (cell, k)->name);
  sweep = ml_sweep_parse (id, cell, NULL);
  if (sweep == NULL)
    return;
  ml_sweep_set_trade_na (sweep, self->trade);
  ml_sweep_run_cl_equilibrated (sweep, cell, sols);
  for (guint r = 0; r < N_ROWS; r++)
    {
      self->later_defined[r] = sols[r].vm_defined;
      self->later[r] = sols[r].vm_defined ? sols[r].vm_mv : 0.0;
    }
  ml_sweep_run (sweep, cell, sols);
  memcpy (self->sols, sols, sizeof sols);
  /* The measured values are the cell's (kept in its file). */
  {
    g_autofree char *param = NULL;
    g_autofree char *kid = k_out_id (cell);
    g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr (GArray) vs = g_array_new (FALSE, FALSE, sizeof (double));
    gboolean have = ml_cell_get_measured (cell, &param, xs, vs) && g_strcmp0 (param, kid) == 0;

    for (guint r = 0; r < N_ROWS; r++)
      {
        self->measured[r] = NAN;
        for (guint i = 0; have && i < xs->len; i++)
          if (g_array_index (xs, double, i) == k_values[r])
            self->measured[r] = g_array_index (vs, double, i);
        /* The entry a user is typing in is left alone. */
        if (!gtk_widget_has_focus (GTK_WIDGET (self->entries[r]))
            && !gtk_widget_is_focus (GTK_WIDGET (self->entries[r])))
          {
            g_autofree char *text = isfinite (self->measured[r])
                                    ? ml_format_fixed (self->measured[r], 2, FALSE)
                                    : g_strdup ("");

            gtk_editable_set_text (GTK_EDITABLE (self->entries[r]), text);
          }
      }
  }
  push_measured (self);

  point = ml_cell_copy (cell);
  for (guint r = 0; r < N_ROWS; r++)
    {
      ml_sweep_set_point (sweep, cell, r, point);
      self->defined[r] = sols[r].vm_defined;
      self->predicted[r] = sols[r].vm_defined ? sols[r].vm_mv : 0.0;
      self->e_k[r] = sols[r].ions[k].nernst_mv;
      self->na_out[r] = na >= 0 ? ml_cell_get_ion (point, na)->c_out : 0.0;
      update_row (self, r);
    }
}

static void
solved_cb (MlSweepTable *self,
           MlSession    *session)
{
  recompute (self);
}

gboolean
ml_sweep_table_set_measured (MlSweepTable *self,
                             guint         row,
                             const char   *text)
{
  g_autofree char *stripped = NULL;
  MlPracticeVerdict verdict;
  double value;

  g_return_val_if_fail (ML_IS_SWEEP_TABLE (self), FALSE);
  g_return_val_if_fail (row < N_ROWS, FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  /* The one reader of typed numbers (the practice page's): U+2212 or "-",
   * the locale's decimal comma or a point, "mV" or a voltage in V. */
  if (stripped[0] == '\0')
    {
      value = NAN;
      gtk_label_set_label (self->message, "");
    }
  else if (!ml_practice_parse_in_unit (ML_PRACTICE_UNIT_MILLIVOLT, stripped, &value, &verdict)
           || !(fabs (value) <= MEASURED_MAX))
    {
      g_autofree char *quoted = ml_text_cut (stripped, 40);
      g_autofree char *k = ml_format_significant (k_values[row], 3);

      /* Translators: a measured value refused; the first %s is what was
       * typed, the second the K⁺ of its row, then the limit in mV. */
      g_autofree char *message = g_strdup_printf (_("“%s” at %s mM K⁺ is not a V_m in mV between "
                                                    "−%g and %g; the value before it is kept"),
                                                  quoted, k, MEASURED_MAX, MEASURED_MAX);

      gtk_label_set_label (self->message, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->entries[row]), "error");
      return FALSE;
    }
  else
    gtk_label_set_label (self->message, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->entries[row]), "error");
  /* Into the cell: one undoable change, saved with the scenario. */
  if (self->session != NULL && !(isnan (value) && isnan (self->measured[row]))
      && value != self->measured[row])
    {
      MlCell *cell = ml_session_get_cell (self->session);
      g_autofree char *id = k_out_id (cell);

      if (id != NULL)
        ml_cell_set_measured_point (cell, id, k_values[row], value);
    }
  return TRUE;
}

static void
entry_activate_cb (GtkEntry     *entry,
                   MlSweepTable *self)
{
  for (guint r = 0; r < N_ROWS; r++)
    if (self->entries[r] == entry)
      {
        if (!ml_sweep_table_set_measured (self, r, gtk_editable_get_text (GTK_EDITABLE (entry))))
          {
            g_autofree char *before = isfinite (self->measured[r])
                                      ? ml_format_fixed (self->measured[r], 2, FALSE)
                                      : g_strdup ("");

            /* Keeps what was there. */
            gtk_editable_set_text (GTK_EDITABLE (entry), before);
          }
      }
}

static void
entry_focus_out_cb (GtkEventControllerFocus *controller,
                    MlSweepTable            *self)
{
  entry_activate_cb (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))),
                     self);
}

static char *
to_text (MlSweepTable *self,
         char          sep)
{
  GString *s = g_string_new (NULL);

  /* Plain ASCII numbers for a spreadsheet, whatever the display's minus. */
  g_string_append (s, self->trade ? "K.out mM|Na.out mM" : "K.out mM");
  g_string_append (s, "|V_m predicted mV|V_m after Cl redistributed mV|E_K mV|V_m - E_K mV|"
                      "V_m measured mV|measured - predicted mV");
  /* Then every other ion's E and V − E, as membrane-calc --sweep prints
   * them. */
  for (guint i = 0; i < self->sols[0].n_ions; i++)
    if (self->sols[0].ions[i].ion.role != ML_ION_ROLE_K)
      g_string_append_printf (s, "|E_%s mV|V_m - E_%s mV", self->sols[0].ions[i].ion.name,
                              self->sols[0].ions[i].ion.name);
  g_string_append_c (s, '\n');
  g_strdelimit (s->str, "|", sep);
  for (guint r = 0; r < N_ROWS; r++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6g", k_values[r]));
      if (self->trade)
        {
          g_string_append_c (s, sep);
          g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6g", self->na_out[r]));
        }
      g_string_append_c (s, sep);
      if (self->defined[r])
        g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4f", self->predicted[r]));
      g_string_append_c (s, sep);
      if (self->later_defined[r])
        g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4f", self->later[r]));
      g_string_append_c (s, sep);
      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4f", self->e_k[r]));
      g_string_append_c (s, sep);
      if (self->defined[r])
        g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4f",
                                             self->predicted[r] - self->e_k[r]));
      g_string_append_c (s, sep);
      if (isfinite (self->measured[r]))
        g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4f", self->measured[r]));
      g_string_append_c (s, sep);
      if (isfinite (self->measured[r]) && self->defined[r])
        g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4f",
                                             self->measured[r] - self->predicted[r]));
      for (guint i = 0; i < self->sols[r].n_ions; i++)
        {
          const MlIonResult *ion = &self->sols[r].ions[i];

          if (ion->ion.role == ML_ION_ROLE_K)
            continue;
          g_string_append_c (s, sep);
          if (ion->nernst_state == ML_NERNST_DEFINED)
            g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4f", ion->nernst_mv));
          g_string_append_c (s, sep);
          if (ion->nernst_state == ML_NERNST_DEFINED && self->defined[r])
            g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4f", ion->driving_force_mv));
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

char *
ml_sweep_table_to_tsv (MlSweepTable *self)
{
  g_return_val_if_fail (ML_IS_SWEEP_TABLE (self), NULL);
  return to_text (self, '\t');
}

char *
ml_sweep_table_to_csv (MlSweepTable *self)
{
  g_return_val_if_fail (ML_IS_SWEEP_TABLE (self), NULL);
  return to_text (self, ',');
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  MlSweepTable *self = ML_SWEEP_TABLE (user_data);

  if (response == GTK_RESPONSE_ACCEPT && self->box != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *csv = ml_sweep_table_to_csv (self);
      g_autoptr (GError) error = NULL;

      if (!ml_file_replace_atomic (file, csv, strlen (csv), NULL, &error))
        gtk_label_set_label (self->message, error->message);
      else
        gtk_label_set_label (self->message, _("The table was saved"));
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_cb (GtkButton    *button,
         MlSweepTable *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Save the Table"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("salines.csv"));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
copy_cb (GtkButton    *button,
         MlSweepTable *self)
{
  g_autofree char *tsv = ml_sweep_table_to_tsv (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
  gtk_label_set_label (self->message, _("The table was copied as tab-separated text"));
}

static void
ml_sweep_table_dispose (GObject *object)
{
  MlSweepTable *self = ML_SWEEP_TABLE (object);

  ml_view_follow_session (self, &self->session, NULL, G_CALLBACK (solved_cb));
  g_clear_weak_pointer (&self->plot);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (ml_sweep_table_parent_class)->dispose (object);
}

static void
ml_sweep_table_class_init (MlSweepTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_sweep_table_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sweep-table");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ml_sweep_table_init (MlSweepTable *self)
{
  const char *heads[N_COLUMNS] = {
    N_("K⁺ out, mM"), N_("Na⁺ out, mM"), N_("V_m predicted, at once"),
    /* Translators: a column head of the salines' table: V_m once Cl⁻ inside
     * has moved to E_Cl = V_m, K⁺ inside held (minutes after the change). */
    N_("V_m after Cl⁻ redistributes"), N_("E_K"), N_("V_m − E_K"),
    N_("V_m measured"), N_("measured − predicted"),
  };
  GtkWidget *row_box, *copy, *title;

  self->trade = TRUE;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The K⁺ practical: predicted and measured V_m"), -1);

  row_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (_("Salines of rising K⁺: predicted and measured V_m (mV)"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (row_box), title);
  copy = gtk_button_new_with_label (_("Copy as Text"));
  gtk_widget_set_tooltip_text (copy, _("Copy the table as tab-separated text, for a spreadsheet"));
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_cb), self);
  gtk_box_append (GTK_BOX (row_box), copy);
  {
    GtkWidget *save = gtk_button_new_with_label (_("Save CSV…"));

    gtk_widget_set_tooltip_text (save, _("Save the table as comma-separated values"));
    g_signal_connect (save, "clicked", G_CALLBACK (save_cb), self);
    gtk_box_append (GTK_BOX (row_box), save);
  }
  gtk_box_append (GTK_BOX (self->box), row_box);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_grid_set_row_spacing (self->grid, 2);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *head = gtk_label_new (_(heads[c]));

      gtk_widget_add_css_class (head, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (head), 1.0);
      gtk_label_set_wrap (GTK_LABEL (head), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (head), 14);
      gtk_grid_attach (self->grid, head, c, 0, 1, 1);
    }
  for (guint r = 0; r < N_ROWS; r++)
    {
      self->measured[r] = NAN;
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c == COL_MEASURED)
            {
              GtkWidget *entry = gtk_entry_new ();
              GtkEventController *focus = gtk_event_controller_focus_new ();
              g_autofree char *k = ml_format_significant (k_values[r], 3);
              /* Translators: the accessible name of a measured-value entry. */
              g_autofree char *name = g_strdup_printf (_("V_m measured at %s mM K⁺, in mV"), k);

              gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
              gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("not measured"));
              gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
              g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), self);
              g_signal_connect (focus, "leave", G_CALLBACK (entry_focus_out_cb), self);
              gtk_widget_add_controller (entry, focus);
              self->entries[r] = GTK_ENTRY (entry);
              gtk_grid_attach (self->grid, entry, c, r + 1, 1, 1);
              continue;
            }
          self->cells[r][c] = GTK_LABEL (gtk_label_new (""));
          gtk_label_set_xalign (self->cells[r][c], 1.0);
          gtk_widget_add_css_class (GTK_WIDGET (self->cells[r][c]), "numeric");
          gtk_label_set_selectable (self->cells[r][c], FALSE);
          gtk_grid_attach (self->grid, GTK_WIDGET (self->cells[r][c]), c, r + 1, 1, 1);
        }
    }
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->grid));
  {
    GtkWidget *note = gtk_label_new (_("At once: Cl⁻ inside as it was. After Cl⁻ redistributes: "
                                       "Cl⁻ inside has moved until E_Cl = V_m, as it does over "
                                       "minutes in a fibre with a large Cl⁻ permeability; K⁺ "
                                       "inside and the volume are held."));

    gtk_label_set_xalign (GTK_LABEL (note), 0.0);
    gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    gtk_widget_add_css_class (note, "dim-label");
    gtk_box_append (GTK_BOX (self->box), note);
  }
  self->message = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->message, 0.0);
  gtk_label_set_wrap (self->message, TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->message));
}

GtkWidget *
ml_sweep_table_new (MlSession *session,
                    MlPlot    *plot)
{
  MlSweepTable *self = g_object_new (ML_TYPE_SWEEP_TABLE, NULL);

  g_set_weak_pointer (&self->plot, plot);
  ml_view_follow_session (self, &self->session, session, G_CALLBACK (solved_cb));
  recompute (self);
  return GTK_WIDGET (self);
}

void
ml_sweep_table_set_trade_na (MlSweepTable *self,
                             gboolean      trade)
{
  g_return_if_fail (ML_IS_SWEEP_TABLE (self));
  self->trade = !!trade;
  recompute (self);
}

guint
ml_sweep_table_get_n_rows (MlSweepTable *self)
{
  return N_ROWS;
}

const char *
ml_sweep_table_get_message (MlSweepTable *self)
{
  g_return_val_if_fail (ML_IS_SWEEP_TABLE (self), NULL);
  return gtk_label_get_label (self->message);
}
