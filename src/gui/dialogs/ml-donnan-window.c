/* ml-donnan-window.c — the Donnan equilibrium calculator
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cell full of impermeant anions (proteins, nucleic acids) next to a KCl
 * solution: K⁺ and Cl⁻ move until K_in·Cl_in = K_out·Cl_out, which leaves a
 * potential and more particles inside than outside.  The window sets up the
 * two textbook cases — an open bath that does not change, and two closed
 * compartments that share the KCl — and shows what the core computes for
 * them: concentrations, the Donnan ratio, the potential and the osmotic excess.
 */
#define G_LOG_DOMAIN "ml-donnan"

#include "config.h"

#include "ml-donnan-window.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml-donnan-view.h"
#include "ml-format.h"
#include "ml-physics.h"

enum {
  RESULT_K_IN,
  RESULT_CL_IN,
  RESULT_K_OUT,
  RESULT_CL_OUT,
  RESULT_RATIO,
  RESULT_POTENTIAL,
  RESULT_OSMOTIC,
  N_RESULTS
};

struct _MlDonnanWindow
{
  AdwWindow      parent_instance;

  MlLogControl  *controls[ML_DONNAN_N_CONTROLS];
  GtkWidget     *closed_rows[2];
  GtkSwitch     *closed_switch;
  GtkDropDown   *valence;
  GtkLabel      *results[N_RESULTS];
  GtkLabel      *summary;
  MlDonnanView  *view;

  double         temperature_c;
};

G_DEFINE_FINAL_TYPE (MlDonnanWindow, ml_donnan_window, ADW_TYPE_WINDOW)

static int
selected_valence (MlDonnanWindow *self)
{
  /* Item i is the valence −1 − i: −1 first, the core's lowest last. */
  return ML_DONNAN_VALENCE_MAX - (int)MIN (gtk_drop_down_get_selected (self->valence),
                                           (guint)(ML_DONNAN_VALENCE_MAX - ML_DONNAN_VALENCE_MIN));
}

static char *
format_mm (double mm)
{
  g_autoptr(GString) s = g_string_new (NULL);

  ml_format_append_significant (s, mm, 4);
  /* Translators: a concentration, e.g. "133.3 mM". */
  return g_strdup_printf (_("%s mM"), s->str);
}

static void
recompute (MlDonnanWindow *self)
{
  gboolean closed = gtk_switch_get_active (self->closed_switch);
  double a = ml_log_control_get_value (self->controls[ML_DONNAN_CONTROL_ANION]);
  double bath = ml_log_control_get_value (self->controls[ML_DONNAN_CONTROL_BATH]);
  double kcl_in = ml_log_control_get_value (self->controls[ML_DONNAN_CONTROL_KCL_IN]);
  double ratio = ml_log_control_get_value (self->controls[ML_DONNAN_CONTROL_VOLUME_RATIO]);
  MlDonnan d;
  gboolean ok;

  gtk_widget_set_visible (self->closed_rows[0], closed);
  gtk_widget_set_visible (self->closed_rows[1], closed);

  if (closed)
    ok = ml_donnan_closed (a, selected_valence (self), kcl_in, bath, 1.0, ratio,
                           self->temperature_c, &d);
  else
    ok = ml_donnan_open_bath (a, selected_valence (self), bath, self->temperature_c, &d);

  /* The picture shows the same result as the numbers below it. */
  ml_donnan_view_set_result (self->view, ok ? &d : NULL, a, selected_valence (self), closed);

  for (guint i = 0; i < N_RESULTS; i++)
    gtk_label_set_text (self->results[i], _("undefined"));

  if (!ok)
    {
      gtk_label_set_text (self->summary,
                          _("Undefined: the solution needs KCl on the outside and a temperature "
                            "above absolute zero."));
      return;
    }

  {
    g_autofree char *k_in = format_mm (d.k_in);
    g_autofree char *cl_in = format_mm (d.cl_in);
    g_autofree char *k_out = format_mm (d.k_out);
    g_autofree char *cl_out = format_mm (d.cl_out);
    g_autofree char *r = ml_format_fixed (d.ratio, 3, FALSE);
    g_autofree char *v = ml_format_millivolts (d.vm_mv, 2, TRUE);
    g_autofree char *osm = ml_format_fixed (d.osmotic_excess_mosm, 1, TRUE);
    g_autofree char *osm_text = NULL;

    gtk_label_set_text (self->results[RESULT_K_IN], k_in);
    gtk_label_set_text (self->results[RESULT_CL_IN], cl_in);
    gtk_label_set_text (self->results[RESULT_K_OUT], k_out);
    gtk_label_set_text (self->results[RESULT_CL_OUT], cl_out);
    gtk_label_set_text (self->results[RESULT_RATIO], r);
    gtk_label_set_text (self->results[RESULT_POTENTIAL], v);
    /* Translators: an osmolarity difference, e.g. "+133.3 mOsm". */
    osm_text = g_strdup_printf (_("%s mOsm"), osm);
    gtk_label_set_text (self->results[RESULT_OSMOTIC], osm_text);
  }

  gtk_label_set_text (self->summary,
                      d.osmotic_excess_mosm > 0.0
                      ? _("K⁺ is held inside by the fixed anions and Cl⁻ is pushed out; the inside "
                          "ends up negative and with more dissolved particles than the outside, so "
                          "water would flow in. A real cell survives this only because its Na⁺/K⁺ "
                          "pump keeps Na⁺ out (the “pump–leak” balance).")
                      : _("Without impermeant anions K⁺ and Cl⁻ spread evenly: no potential, "
                          "no osmotic difference."));
}

static void
changed_cb (gpointer        sender,
            MlDonnanWindow *self)
{
  recompute (self);
}

static void
notify_cb (GObject        *object,
           GParamSpec     *pspec,
           MlDonnanWindow *self)
{
  recompute (self);
}

static GtkWidget *
caption_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  return label;
}

static GtkWidget *
control_row (MlDonnanWindow  *self,
             GtkGrid         *grid,
             int              row,
             MlDonnanControl  id,
             const char      *caption,
             double           lower,
             double           upper,
             double           value,
             gboolean         logarithmic,
             const char      *unit)
{
  MlLogControl *control = ML_LOG_CONTROL (ml_log_control_new (lower, upper, logarithmic, FALSE));
  GtkWidget *label = caption_new (caption);

  ml_log_control_set_digits (control, logarithmic ? 4 : 2);
  ml_log_control_set_unit (control, unit);
  ml_log_control_set_label (control, caption);
  ml_log_control_set_value (control, value);
  ml_log_control_set_default (control, value);
  gtk_widget_set_hexpand (GTK_WIDGET (control), TRUE);
  g_signal_connect (control, "value-changed", G_CALLBACK (changed_cb), self);
  self->controls[id] = control;

  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (control), 1, row, 1, 1);
  return label;
}

static void
ml_donnan_window_class_init (MlDonnanWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ml_donnan_window_init (MlDonnanWindow *self)
{
  static const char *result_names[N_RESULTS] = {
    N_("K⁺ inside"),
    N_("Cl⁻ inside"),
    N_("K⁺ outside"),
    N_("Cl⁻ outside"),
    N_("Donnan ratio <i>r</i> = [K⁺]<sub>in</sub>/[K⁺]<sub>out</sub> = [Cl⁻]<sub>out</sub>/[Cl⁻]<sub>in</sub>"),
    N_("Donnan potential <i>V</i><sub>in</sub> − <i>V</i><sub>out</sub>"),
    N_("Osmotic excess inside"),
  };
  GtkWidget *box, *header, *grid, *label, *results, *intro, *paned;
  GtkStringList *valences;

  self->temperature_c = 37.0;
  gtk_window_set_title (GTK_WINDOW (self), _("Donnan Equilibrium"));
  /* Room for the picture above the controls and numbers. */
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 560);
  gtk_widget_add_css_class (GTK_WIDGET (self), "donnan");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_window_set_content (ADW_WINDOW (self), box);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 18);
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                    GTK_POLICY_AUTOMATIC);
    gtk_widget_set_vexpand (scroller, TRUE);
    gtk_accessible_update_property (GTK_ACCESSIBLE (scroller),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Donnan equilibrium"), -1);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);

    /* The two compartments stay in sight above the controls, which
     * scroll; the divider gives either more room. */
    self->view = ML_DONNAN_VIEW (ml_donnan_view_new ());
    gtk_widget_set_margin_start (GTK_WIDGET (self->view), 6);
    gtk_widget_set_margin_end (GTK_WIDGET (self->view), 6);
    gtk_widget_set_margin_top (GTK_WIDGET (self->view), 6);
    paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
    gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (self->view));
    gtk_paned_set_end_child (GTK_PANED (paned), scroller);
    gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
    gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
    gtk_paned_set_position (GTK_PANED (paned), 300);
    gtk_widget_set_vexpand (paned, TRUE);
    gtk_box_append (GTK_BOX (box), paned);
  }

  intro = gtk_label_new (_("Impermeant anions inside a cell, K⁺ and Cl⁻ free to cross the "
                           "membrane: at equilibrium [K⁺]in·[Cl⁻]in = [K⁺]out·[Cl⁻]out and each "
                           "side is electrically neutral."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0.0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), intro, 0, 0, 2, 1);

  control_row (self, GTK_GRID (grid), 1, ML_DONNAN_CONTROL_ANION,
               _("Impermeant anion inside"), 1.0, 1000.0, 100.0, TRUE, _("mM"));

  label = caption_new (_("Its valence"));
  valences = gtk_string_list_new (NULL);
  for (int z = ML_DONNAN_VALENCE_MAX; z >= ML_DONNAN_VALENCE_MIN; z--)
    {
      /* With a true minus sign, as the rest of the window writes it. */
      g_autofree char *item = g_strdup_printf ("−%d", -z);

      gtk_string_list_append (valences, item);
    }
  self->valence = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (valences), NULL));
  gtk_widget_set_halign (GTK_WIDGET (self->valence), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->valence), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Valence of the impermeant anion"), -1);
  g_signal_connect (self->valence, "notify::selected", G_CALLBACK (notify_cb), self);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->valence), 1, 2, 1, 1);

  control_row (self, GTK_GRID (grid), 3, ML_DONNAN_CONTROL_BATH,
               _("KCl outside"), 1.0, 1000.0, 150.0, TRUE, _("mM"));

  label = caption_new (_("Closed compartments"));
  self->closed_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->closed_switch), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->closed_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Closed compartments instead of an open bath"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->closed_switch),
                               _("Off: the bath is large and does not change. On: the two sides "
                                 "share the KCl they start with."));
  g_signal_connect (self->closed_switch, "notify::active", G_CALLBACK (notify_cb), self);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 4, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->closed_switch), 1, 4, 1, 1);

  self->closed_rows[0] = control_row (self, GTK_GRID (grid), 5, ML_DONNAN_CONTROL_KCL_IN,
                                      _("KCl inside at the start"), 1.0, 1000.0, 10.0, TRUE,
                                      _("mM"));
  self->closed_rows[1] = control_row (self, GTK_GRID (grid), 6, ML_DONNAN_CONTROL_VOLUME_RATIO,
                                      _("Outside volume ÷ inside volume"), 0.1, 100.0, 1.0, TRUE,
                                      "×");
  /* The rows' controls hide with their captions. */
  g_object_bind_property (self->closed_rows[0], "visible",
                          self->controls[ML_DONNAN_CONTROL_KCL_IN], "visible", G_BINDING_DEFAULT);
  g_object_bind_property (self->closed_rows[1], "visible",
                          self->controls[ML_DONNAN_CONTROL_VOLUME_RATIO], "visible",
                          G_BINDING_DEFAULT);

  label = gtk_label_new (_("At equilibrium"));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 7, 2, 1);

  results = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (results), 4);
  gtk_grid_set_column_spacing (GTK_GRID (results), 18);
  for (guint i = 0; i < N_RESULTS; i++)
    {
      GtkWidget *name = caption_new (NULL);
      GtkWidget *value = gtk_label_new (NULL);

      /* Typeset: V with in and out as subscripts, not "V_in". */
      gtk_label_set_markup (GTK_LABEL (name), _(result_names[i]));

      gtk_label_set_max_width_chars (GTK_LABEL (name), 40);
      gtk_label_set_xalign (GTK_LABEL (value), 1.0);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "numeric");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
      self->results[i] = GTK_LABEL (value);
      gtk_grid_attach (GTK_GRID (results), name, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (results), value, 1, i, 1, 1);
    }
  gtk_grid_attach (GTK_GRID (grid), results, 0, 8, 2, 1);

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0.0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->summary), 6);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->summary), 0, 9, 2, 1);

  recompute (self);
}

MlDonnanWindow *
ml_donnan_window_new (GtkWindow *parent,
                      double     temperature_c)
{
  MlDonnanWindow *self = g_object_new (ML_TYPE_DONNAN_WINDOW,
                                       "transient-for", parent,
                                       NULL);

  ml_donnan_window_set_temperature (self, temperature_c);
  return self;
}

void
ml_donnan_window_set_temperature (MlDonnanWindow *self,
                                  double          temperature_c)
{
  g_return_if_fail (ML_IS_DONNAN_WINDOW (self));

  self->temperature_c = temperature_c;
  recompute (self);
}

MlLogControl *
ml_donnan_window_get_control (MlDonnanWindow  *self,
                              MlDonnanControl  control)
{
  g_return_val_if_fail (ML_IS_DONNAN_WINDOW (self), NULL);
  g_return_val_if_fail (control < ML_DONNAN_N_CONTROLS, NULL);
  return self->controls[control];
}

void
ml_donnan_window_set_closed (MlDonnanWindow *self,
                             gboolean        closed)
{
  g_return_if_fail (ML_IS_DONNAN_WINDOW (self));
  gtk_switch_set_active (self->closed_switch, closed);
}

void
ml_donnan_window_set_valence (MlDonnanWindow *self,
                              int             z_a)
{
  g_return_if_fail (ML_IS_DONNAN_WINDOW (self));
  g_return_if_fail (ml_donnan_valence_is_valid (z_a));
  gtk_drop_down_set_selected (self->valence, (guint)(ML_DONNAN_VALENCE_MAX - z_a));
}

char *
ml_donnan_window_get_text (MlDonnanWindow *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (ML_IS_DONNAN_WINDOW (self), NULL);

  for (guint i = 0; i < N_RESULTS; i++)
    g_string_append_printf (text, "%s\n", gtk_label_get_text (self->results[i]));
  g_string_append (text, gtk_label_get_text (self->summary));
  return g_string_free (text, FALSE);
}

/**
 * ml_donnan_window_set_case:
 * @self: a Donnan window
 * @anion_mm: the impermeant anion inside, mM
 * @valence: its valence, ML_DONNAN_VALENCE_MIN to ML_DONNAN_VALENCE_MAX
 * @bath_kcl_mm: the KCl of the open bath, mM
 *
 * Shows one open-bath case, as a lesson step ("Donnan=120,-1,100") asks.
 */
void
ml_donnan_window_set_case (MlDonnanWindow *self,
                           double          anion_mm,
                           int             valence,
                           double          bath_kcl_mm)
{
  g_return_if_fail (ML_IS_DONNAN_WINDOW (self));
  g_return_if_fail (ml_donnan_valence_is_valid (valence));
  g_return_if_fail (isfinite (anion_mm) && isfinite (bath_kcl_mm));

  ml_donnan_window_set_closed (self, FALSE);
  ml_donnan_window_set_valence (self, valence);
  ml_log_control_set_value (self->controls[ML_DONNAN_CONTROL_ANION], anion_mm);
  ml_log_control_set_value (self->controls[ML_DONNAN_CONTROL_BATH], bath_kcl_mm);
  recompute (self);
}

void
ml_donnan_window_set_presentation (MlDonnanWindow *self,
                                   gboolean        on)
{
  g_return_if_fail (ML_IS_DONNAN_WINDOW (self));

  if (on)
    gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
}

MlDonnanView *
ml_donnan_window_get_view (MlDonnanWindow *self)
{
  g_return_val_if_fail (ML_IS_DONNAN_WINDOW (self), NULL);
  return self->view;
}
