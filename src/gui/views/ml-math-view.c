/* ml-math-view.c — "the math": every equation with the numbers plugged in
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel under the membrane shows where each number on screen comes from:
 * the constants, the Nernst potential of every ion, the equation that gave
 * V_rest with the inputs substituted, a table of driving force, current and
 * free energy per ion, and how many ions it takes to charge the membrane.
 *
 * It computes no physics.  Every number is an input or an output of the core
 * (MlSolution), only formatted here; undefined quantities are shown as words.
 * The labels are created once (and again only when the number of ions
 * changes); an update only sets markup, and only where the text changed, so
 * the view can follow a slider drag.  This file builds the labels and the
 * table; ml-math-view-lines.c writes the markup into them.
 */
#define G_LOG_DOMAIN "ml-math-view"

#include "config.h"

#include "ml-math-view-private.h"

#include <glib/gi18n.h>

#include "ml-ion-colors.h"
#include "ml-text.h"
#include "ml-view-session.h"

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean quiet_cb (gpointer user_data);

G_DEFINE_FINAL_TYPE (MlMathView, ml_math_view, GTK_TYPE_WIDGET)

/* Labels ------------------------------------------------------------------- */

/* A line of the pane.  Formulas (@wrap FALSE) stay on one line, as in a
 * book, while the view is wide enough for them (size_allocate () below);
 * sentences always wrap.  Besides reading better, an unwrapped label is laid
 * out once, where a wrapping one is laid out again for every width GTK
 * tries, which made this pane the largest part of the app's start. */
static GtkLabel *
text_label_new (GtkWidget *box,
                gboolean   selectable,
                gboolean   wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  if (box != NULL)
    gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static GtkLabel *
heading_new (GtkWidget  *box,
             const char *text)
{
  GtkLabel *label = text_label_new (box, FALSE, FALSE);

  gtk_label_set_text (label, text);
  gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
  gtk_widget_set_margin_top (GTK_WIDGET (label), 6);
  return label;
}

static GtkLabel *
cell_label_new (MlMathView *self,
                int         col,
                int         row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  if (col == COL_ION)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      /* A row's ion takes the focus, named with the whole row as one
       * sentence (ml-math-view-lines.c), so Tab reads the table row by
       * row; the header row stays out of the focus chain. */
      if (row > 0)
        {
          gtk_widget_set_focusable (label, TRUE);
          gtk_widget_add_css_class (label, "row-head");
        }
    }
  else if (col == COL_VERDICT)
    {
      /* The longest cell may wrap so the table fits a narrow pane. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_set_halign (label, GTK_ALIGN_END);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_grid_attach (self->table, label, col, row, 1, 1);
  return GTK_LABEL (label);
}

/* Keeps one Nernst line and one table row per ion. */
static void
ensure_ion_rows (MlMathView *self,
                 guint       n_ions)
{
  while (self->nernst_labels->len < n_ions)
    g_ptr_array_add (self->nernst_labels, text_label_new (self->nernst_box, TRUE, self->formulas_wrap));
  while (self->nernst_labels->len > n_ions)
    {
      GtkWidget *label = g_ptr_array_steal_index (self->nernst_labels,
                                                  self->nernst_labels->len - 1);
      gtk_box_remove (GTK_BOX (self->nernst_box), label);
    }

  while (self->cells->len < n_ions * N_COLS)
    {
      int row = self->cells->len / N_COLS + 1;
      GtkLabel *cells[N_COLS];

      for (int col = 0; col < N_COLS; col++)
        {
          cells[col] = cell_label_new (self, col, row);
          g_ptr_array_add (self->cells, cells[col]);
        }

      /* A screen reader hears a number with its ion and its column. */
      for (int col = 1; col < N_COLS; col++)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (cells[col]),
                                        GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                        cells[COL_ION], self->headers[col], NULL,
                                        -1);
    }
  while (self->cells->len > n_ions * N_COLS)
    {
      g_ptr_array_set_size (self->cells, self->cells->len - N_COLS);
      gtk_grid_remove_row (self->table, self->cells->len / N_COLS + 1);
    }
}

static void
rebuild (MlMathView *self)
{
  ensure_ion_rows (self, self->solution.n_ions);
  ml_math_view_write_lines (self);
}

/* Plain text --------------------------------------------------------------- */

static void
collect_text (GtkWidget *widget,
              GString   *out,
              gboolean   scripts)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      /* With @scripts, sub- and superscripts kept as Unicode: "e^(FV/RT)",
       * not "eFV/RT". */
      g_autofree char *text = scripts && gtk_label_get_use_markup (GTK_LABEL (widget))
                              ? ml_text_markup_to_unicode (gtk_label_get_label (GTK_LABEL (widget)))
                              : g_strdup (gtk_label_get_text (GTK_LABEL (widget)));

      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  else if (GTK_IS_GRID (widget))
    {
      for (int row = 0; ; row++)
        {
          GtkWidget *first = gtk_grid_get_child_at (GTK_GRID (widget), 0, row);

          if (first == NULL)
            break;
          for (int col = 0; col < N_COLS; col++)
            {
              GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (widget), col, row);

              if (col > 0)
                g_string_append_c (out, '\t');
              if (GTK_IS_LABEL (cell))
                {
                  /* Two-line headings stay on their row. */
                  for (const char *c = gtk_label_get_text (GTK_LABEL (cell)); *c != '\0'; c++)
                    g_string_append_c (out, *c == '\n' ? ' ' : *c);
                }
            }
          g_string_append_c (out, '\n');
        }
    }
  else
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        collect_text (child, out, scripts);
    }
}

/* Vfuncs ------------------------------------------------------------------- */

static void
ml_math_view_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  MlMathView *self = ML_MATH_VIEW (widget);
  gboolean dark, high_contrast;

  GTK_WIDGET_CLASS (ml_math_view_parent_class)->css_changed (widget, change);

  /* The ion colours have light, dark and high-contrast variants baked into
   * the markup. */
  dark = ml_widget_is_dark (widget);
  high_contrast = ml_widget_is_high_contrast (widget);
  if (dark != self->dark || high_contrast != self->high_contrast)
    {
      self->dark = dark;
      self->high_contrast = high_contrast;
      if (self->has_solution)
        rebuild (self);
    }
}

static GtkLabel **
formula_labels (MlMathView *self,
                guint      *n)
{
  GtkLabel **out = g_new (GtkLabel *, 6 + self->nernst_labels->len);
  guint k = 0;

  out[k++] = self->constants_label;
  for (guint i = 0; i < self->nernst_labels->len; i++)
    out[k++] = self->nernst_labels->pdata[i];
  out[k++] = self->formula_label;
  out[k++] = self->substituted_label;
  out[k++] = self->rest_label;
  out[k++] = self->ghk_label;
  out[k++] = self->pump_label;
  *n = k;
  return out;
}

static void
set_formulas_wrap (MlMathView *self,
                   gboolean    wrap)
{
  g_autofree GtkLabel **labels = NULL;
  guint n;

  wrap = !!wrap;
  if (self->formulas_wrap == wrap)
    return;
  self->formulas_wrap = wrap;
  labels = formula_labels (self, &n);
  for (guint i = 0; i < n; i++)
    gtk_label_set_wrap (labels[i], wrap);
}

/* The width the formula lines need unwrapped: a wrapping label's natural
 * width is still its whole line.  Labels sit in the box, whose margins
 * count, some with a margin of their own. */
static int
formulas_width (MlMathView *self)
{
  g_autofree GtkLabel **labels = NULL;
  guint n;
  int widest = 0;

  labels = formula_labels (self, &n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *label = GTK_WIDGET (labels[i]);
      int natural = 0;

      if (!gtk_widget_get_visible (label))
        continue;
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      widest = MAX (widest, natural + gtk_widget_get_margin_start (label) + gtk_widget_get_margin_end (label));
    }
  return widest + gtk_widget_get_margin_start (self->box) + gtk_widget_get_margin_end (self->box);
}

/* The view asks for no more width than its wrapped lines need, whether or
 * not the formulas wrap now, so an unwrapped formula never widens the pane
 * or folds the controls away; size_allocate () wraps them when short of
 * room.  MIN_WIDTH is about the widest heading in presentation mode. */
#define MIN_WIDTH 360

static void
ml_math_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  MlMathView *self = ML_MATH_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = MIN (*minimum, MIN_WIDTH);
}

static void
ml_math_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  MlMathView *self = ML_MATH_VIEW (widget);
  int box_min = 0;

  /* Changing the wrap queues a new layout, which GTK runs at once. */
  set_formulas_wrap (self, width < formulas_width (self));
  gtk_widget_measure (self->box, GTK_ORIENTATION_HORIZONTAL, -1, &box_min, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->box,
                            &(GtkAllocation) { 0, 0, MAX (width, box_min), height },
                            baseline);
}

static void
ml_math_view_dispose (GObject *object)
{
  MlMathView *self = ML_MATH_VIEW (object);

  ml_view_follow_session (self, &self->session, NULL, NULL);
  g_clear_handle_id (&self->quiet_timeout, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->nernst_labels, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (ml_math_view_parent_class)->dispose (object);
}

static void
ml_math_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MlMathView *self = ML_MATH_VIEW (object);

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
ml_math_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MlMathView *self = ML_MATH_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ml_math_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ml_math_view_class_init (MlMathViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ml_math_view_get_property;
  object_class->set_property = ml_math_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ML_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  object_class->dispose = ml_math_view_dispose;
  widget_class->css_changed = ml_math_view_css_changed;
  widget_class->measure = ml_math_view_measure;
  widget_class->size_allocate = ml_math_view_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "mlmathview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ml_math_view_init (MlMathView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  const char *headers[N_COLS] = {
    N_("Ion"),
    /* Translators: column heading, the driving force; the unit below it. */
    N_("Driving force\n<i>V</i><sub>m</sub> − <i>E</i> (mV)"),
    /* Translators: column heading, current density, outward positive. */
    N_("Current <i>I</i>\n(µA/cm²)"),
    /* Translators: column heading, free energy of moving one mole out. */
    N_("Δ<i>G</i> chemical\n(kJ/mol)"),
    N_("Δ<i>G</i> electrical\n(kJ/mol)"),
    N_("Δ<i>G</i> total\n(kJ/mol)"),
    N_("Moving out of the cell"),
  };

  self->box = box;
  self->nernst_labels = g_ptr_array_new ();
  self->cells = g_ptr_array_new ();
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The math"),
                                  -1);

  heading_new (box, _("Constants"));
  self->constants_label = text_label_new (box, FALSE, FALSE);

  heading_new (box, _("Equilibrium (Nernst) potentials"));
  self->nernst_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (box), self->nernst_box);

  heading_new (box, _("Resting potential"));
  self->formula_intro_label = text_label_new (box, FALSE, TRUE);
  self->formula_label = text_label_new (box, TRUE, FALSE);
  self->substituted_label = text_label_new (box, TRUE, FALSE);
  self->rest_label = text_label_new (box, TRUE, FALSE);
  self->ghk_label = text_label_new (box, TRUE, FALSE);
  self->pump_label = text_label_new (box, TRUE, FALSE);
  self->q10_label = text_label_new (box, TRUE, TRUE);
  self->clamp_label = text_label_new (box, TRUE, TRUE);
  self->mechanisms_heading = heading_new (box, _("Transport and the balance of each ion"));
  self->mechanisms_label = text_label_new (box, TRUE, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->formula_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->substituted_label), 12);

  self->table_heading = heading_new (box, NULL);
  gtk_label_set_use_markup (self->table_heading, TRUE);
  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table, 18);
  gtk_grid_set_row_spacing (self->table, 2);
  /* Six columns of numbers cannot wrap: in a narrow view the table scrolls
   * sideways on its own, and the lines around it keep the view's width. */
  self->table_scroller = gtk_scrolled_window_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_scroller),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Each ion at V_m"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->table_scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->table_scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->table_scroller), GTK_WIDGET (self->table));
  gtk_box_append (GTK_BOX (box), self->table_scroller);
  for (int col = 0; col < N_COLS; col++)
    {
      self->headers[col] = cell_label_new (self, col, 0);
      gtk_widget_remove_css_class (GTK_WIDGET (self->headers[col]), "numeric");
      gtk_widget_add_css_class (GTK_WIDGET (self->headers[col]), "dim-label");
      gtk_label_set_markup (self->headers[col], _(headers[col]));
      gtk_label_set_justify (self->headers[col],
                             col == COL_ION || col == COL_VERDICT ? GTK_JUSTIFY_LEFT
                                                                  : GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (GTK_WIDGET (self->headers[col]), GTK_ALIGN_END);
    }

  heading_new (box, _("Charge on the membrane"));
  self->charge_label = text_label_new (box, TRUE, TRUE);

  /* Empty until the first solution. */
  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && !gtk_widget_has_css_class (child, "heading"))
      gtk_widget_set_visible (child, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->table_heading), FALSE);
  gtk_widget_set_visible (self->table_scroller, FALSE);
}

/* Public API --------------------------------------------------------------- */

GtkWidget *
ml_math_view_new (void)
{
  return g_object_new (ML_TYPE_MATH_VIEW, NULL);
}

/**
 * ml_math_view_set_solution:
 * @self: the view
 * @solution: the core's answer; copied
 *
 * Rewrites every line.  Cheap enough to call on every slider step: labels
 * are only created when the number of ions changes.
 */
void
ml_math_view_set_solution (MlMathView       *self,
                           const MlSolution *solution)
{
  g_return_if_fail (ML_IS_MATH_VIEW (self));
  g_return_if_fail (solution != NULL);

  self->solution = *solution;
  self->solution.n_ions = MIN (self->solution.n_ions, ML_MAX_IONS);
  self->has_solution = TRUE;
  rebuild (self);
}

/**
 * ml_math_view_get_text:
 * @self: the view
 *
 * Returns: (transfer full): the plain text of every visible line, table rows
 * with their cells separated by tabs.
 */
gboolean
ml_math_view_get_formulas_wrap (MlMathView *self)
{
  g_return_val_if_fail (ML_IS_MATH_VIEW (self), FALSE);
  return self->formulas_wrap;
}

char *
ml_math_view_get_text (MlMathView *self)
{
  GString *out;

  g_return_val_if_fail (ML_IS_MATH_VIEW (self), NULL);

  /* The math may be waiting for a slider to rest: give today's numbers. */
  if (self->quiet_timeout != 0)
    {
      g_clear_handle_id (&self->quiet_timeout, g_source_remove);
      quiet_cb (self);
    }
  out = g_string_new (NULL);
  collect_text (self->box, out, FALSE);
  return g_string_free (out, FALSE);
}

/**
 * ml_math_view_get_copy_text:
 *
 * The text Copy the Math puts on the clipboard: as ml_math_view_get_text(),
 * with sub- and superscripts as Unicode ("Eₖ", "e^(FV/RT)").
 */
char *
ml_math_view_get_copy_text (MlMathView *self)
{
  GString *out;

  g_return_val_if_fail (ML_IS_MATH_VIEW (self), NULL);
  g_free (ml_math_view_get_text (self));
  out = g_string_new (NULL);
  collect_text (self->box, out, TRUE);
  return g_string_free (out, FALSE);
}

/* The gauge and the membrane follow every step of a drag.  The math is
 * text: re-shaping its thirty-odd labels and laying out the window again
 * costs most of a 60 Hz frame, so while solutions arrive closer together
 * than QUIET_MS (a slider moving) the math waits, and shows the numbers as
 * soon as the slider rests. */
#define QUIET_MS 150

static gboolean
quiet_cb (gpointer user_data)
{
  MlMathView *self = ML_MATH_VIEW (user_data);

  self->quiet_timeout = 0;
  if (self->session != NULL)
    ml_math_view_set_solution (self, ml_session_get_solution (self->session));
  return G_SOURCE_REMOVE;
}

static void
ml_math_view_solved_cb (MlMathView *self,
                        MlSession  *session)
{
  gint64 now = g_get_monotonic_time ();
  gboolean moving = now - self->last_solved < QUIET_MS * 1000;

  self->last_solved = now;
  g_clear_handle_id (&self->quiet_timeout, g_source_remove);
  /* A single change (a typed value, a preset, undo) shows at once. */
  if (!moving || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    ml_math_view_set_solution (self, ml_session_get_solution (session));
  else
    self->quiet_timeout = g_timeout_add (QUIET_MS, quiet_cb, self);
}

/**
 * ml_math_view_set_session:
 * @self: the view
 * @session: (nullable): the session to show
 *
 * The view shows @session's solution now and after every change.
 */
void
ml_math_view_set_session (MlMathView *self,
                          MlSession  *session)
{
  g_return_if_fail (ML_IS_MATH_VIEW (self));

  if (!ml_view_follow_session (self, &self->session, session, G_CALLBACK (ml_math_view_solved_cb)))
    return;
  if (session != NULL)
    ml_math_view_solved_cb (self, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

MlSession *
ml_math_view_get_session (MlMathView *self)
{
  g_return_val_if_fail (ML_IS_MATH_VIEW (self), NULL);
  return self->session;
}
