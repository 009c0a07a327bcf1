/* ml-plots-page.c — the plots of the cell, for a lab to be prepared with
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One plot at a time, chosen by three linked buttons (Alt+K, Alt+I, Alt+T
 * on the page): V_m against outside K⁺ with the Nernst line, the I–V
 * curves with a cursor, V_m against temperature.  The plot follows the
 * session's cell; this page only places it and saves it as a figure.
 */
#define G_LOG_DOMAIN "ml-plots-page"

#include "config.h"

#include "ml-plots-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ml-figure.h"
#include "ml-sweep-table.h"

struct _MlPlotsPage
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkToggleButton *kinds[3];
  GtkCheckButton  *trade;
  MlPlot          *plot;
  GtkWidget       *table;
  MlSession       *session;
};

G_DEFINE_FINAL_TYPE (MlPlotsPage, ml_plots_page, GTK_TYPE_WIDGET)

static void
kind_toggled_cb (GtkToggleButton *button,
                 MlPlotsPage     *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint k = 0; k < G_N_ELEMENTS (self->kinds); k++)
    if (self->kinds[k] == button)
      {
        ml_plot_set_kind (self->plot, (MlPlotKind)k);
        gtk_widget_set_visible (GTK_WIDGET (self->trade), k == ML_PLOT_KOUT);
        if (self->table != NULL)
          gtk_widget_set_visible (self->table, k == ML_PLOT_KOUT);
      }
}

static void
trade_toggled_cb (GtkCheckButton *check,
                  MlPlotsPage    *self)
{
  ml_plot_set_trade_na (self->plot, gtk_check_button_get_active (check));
  if (self->table != NULL)
    ml_sweep_table_set_trade_na (ML_SWEEP_TABLE (self->table), gtk_check_button_get_active (check));
}

static void
draw_plot_cb (cairo_t  *cr,
              int       width,
              int       height,
              gpointer  user_data)
{
  ml_plot_draw (ML_PLOT (user_data), cr, width, height);
}

static void
save_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  MlPlotsPage *self = ML_PLOTS_PAGE (widget);

  ml_figure_save_dialog (GTK_WIDGET (self->plot), self->session, _("plot"), draw_plot_cb,
                         self->plot);
}

static void
show_kind_cb (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  ml_plots_page_show_kind (ML_PLOTS_PAGE (widget), (MlPlotKind)g_variant_get_int32 (parameter));
}

static void
ml_plots_page_dispose (GObject *object)
{
  MlPlotsPage *self = ML_PLOTS_PAGE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (ml_plots_page_parent_class)->dispose (object);
}

static void
ml_plots_page_class_init (MlPlotsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ml_plots_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "plots-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_install_action (widget_class, "plots.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "plots.show", "i", show_kind_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_ALT_MASK, "plots.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_ALT_MASK, "plots.show", "i",
                                       ML_PLOT_KOUT);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_ALT_MASK, "plots.show", "i",
                                       ML_PLOT_IV);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_ALT_MASK, "plots.show", "i",
                                       ML_PLOT_TEMPERATURE);
}

static void
ml_plots_page_init (MlPlotsPage *self)
{
  static const char *labels[] = { N_("V_m – K⁺ outside"), N_("I–V"), N_("V_m – T") };
  static const char *tips[] = {
    N_("V_m against outside K⁺ on a log axis, with the Nernst line of K⁺ (Alt+K)"),
    N_("Each ion’s current, the pump’s and the total against V; the arrow keys move the cursor "
       "(Alt+I)"),
    N_("V_m against temperature, and with the pump’s rate held (Alt+T)"),
  };
  GtkWidget *toolbar, *linked, *save;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->box, "time-course");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Plots"), -1);

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (linked, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (linked), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Plot"), -1);
  for (guint k = 0; k < G_N_ELEMENTS (labels); k++)
    {
      self->kinds[k] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_(labels[k])));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->kinds[k]), _(tips[k]));
      if (k > 0)
        gtk_toggle_button_set_group (self->kinds[k], self->kinds[0]);
      g_signal_connect (self->kinds[k], "toggled", G_CALLBACK (kind_toggled_cb), self);
      gtk_box_append (GTK_BOX (linked), GTK_WIDGET (self->kinds[k]));
    }
  gtk_box_append (GTK_BOX (toolbar), linked);

  self->trade = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("K⁺ replaces Na⁺ outside "
                                                                    "(saline)")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->trade),
                               _("As real salines do, each mM of K⁺ added takes out a mM of Na⁺, "
                                 "so the bath's osmolarity stays the same; off: Na⁺ is kept"));
  gtk_check_button_set_active (self->trade, TRUE);
  g_signal_connect (self->trade, "toggled", G_CALLBACK (trade_toggled_cb), self);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->trade));

  save = gtk_button_new_with_label (_("Save Figure…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "plots.save");
  gtk_widget_set_tooltip_text (save, _("Save the plot as PNG (1×, 2× or 3×), SVG or PDF, by "
                                       "the file name's extension (Alt+E)"));
  gtk_widget_set_hexpand (save, TRUE);
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (toolbar), save);
  gtk_box_append (GTK_BOX (self->box), toolbar);

  self->plot = ML_PLOT (ml_plot_new (ML_PLOT_KOUT));
  gtk_widget_set_vexpand (GTK_WIDGET (self->plot), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->plot), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->plot));
  gtk_toggle_button_set_active (self->kinds[ML_PLOT_KOUT], TRUE);
}

GtkWidget *
ml_plots_page_new (MlSession *session)
{
  MlPlotsPage *self = g_object_new (ML_TYPE_PLOTS_PAGE, NULL);

  g_set_object (&self->session, session);
  ml_plot_set_session (self->plot, session);
  self->table = ml_sweep_table_new (session, self->plot);
  gtk_box_append (GTK_BOX (self->box), self->table);
  return GTK_WIDGET (self);
}

GtkWidget *
ml_plots_page_get_table (MlPlotsPage *self)
{
  g_return_val_if_fail (ML_IS_PLOTS_PAGE (self), NULL);
  return self->table;
}

MlPlot *
ml_plots_page_get_plot (MlPlotsPage *self)
{
  g_return_val_if_fail (ML_IS_PLOTS_PAGE (self), NULL);
  return self->plot;
}

void
ml_plots_page_show_kind (MlPlotsPage *self,
                         MlPlotKind   kind)
{
  g_return_if_fail (ML_IS_PLOTS_PAGE (self));
  g_return_if_fail (kind <= ML_PLOT_TEMPERATURE);
  gtk_toggle_button_set_active (self->kinds[kind], TRUE);
}
