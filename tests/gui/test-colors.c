/* test-colors.c — ion colours that can be read, and drawn text that scales
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/gui/meson.build), for GtkSettings and
 * AdwStyleManager.  The contrast is computed here from its definition
 * rather than taken from ml-ion-colors.c, so that a mistake there is not
 * repeated here.
 *
 * WCAG 2.1, "relative luminance" and "contrast ratio"
 * (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance and
 * #dfn-contrast-ratio): each sRGB channel C in [0, 1] becomes C/12.92 when
 * C ≤ 0.03928 and ((C + 0.055)/1.055)^2.4 otherwise; L = 0.2126 R +
 * 0.7152 G + 0.0722 B; the ratio is (L1 + 0.05)/(L2 + 0.05) with L1 the
 * lighter.  Text needs 4.5:1 (success criterion 1.4.3, AA), 7:1 for high
 * contrast (1.4.6, AAA), graphics 3:1 (1.4.11).
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "ml-drawn-text.h"
#include "ml-ion-colors.h"

/* libadwaita 1.2's backgrounds (its defaults-light.css and
 * defaults-dark.css; high contrast keeps them), and the membrane view's
 * water, tinted over the window colour (ml-membrane-view-draw.c): outside
 * rgba(0.21, 0.52, 0.89, 0.08), inside rgba(0.9, 0.6, 0.2, 0.08) in light;
 * rgba(0.35, 0.6, 0.95, 0.10) and rgba(0.95, 0.72, 0.4, 0.08) in dark. */
static const char *light_backgrounds[] = {
  "#fafafa",  /* window_bg_color: the controls, the gauge, the math */
  "#ffffff",  /* view_bg_color, card_bg_color */
  "#eaf1f8",  /* the membrane view's outside, the darkest */
  "#f8f2ea",  /* and its inside */
};

static const char *dark_backgrounds[] = {
  "#1e1e1e",  /* view_bg_color, the darkest */
  "#242424",  /* window_bg_color */
  "#303030",  /* headerbar_bg_color */
  "#383838",  /* dialog_bg_color, popover_bg_color, the lightest */
  "#293039",  /* the membrane view's outside */
  "#343029",  /* and its inside */
};

static const char *ions[] = { "K", "Na", "Cl", "Ca" };

typedef struct
{
  const char *name;
  gboolean    dark;
  gboolean    high_contrast;
} Mode;

static const Mode modes[] = {
  { "light", FALSE, FALSE },
  { "dark", TRUE, FALSE },
  { "high contrast light", FALSE, TRUE },
  { "high contrast dark", TRUE, TRUE },
};

static double
channel_linear (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
relative_luminance (const GdkRGBA *c)
{
  return 0.2126 * channel_linear (c->red) + 0.7152 * channel_linear (c->green) +
         0.0722 * channel_linear (c->blue);
}

static double
contrast_ratio (const GdkRGBA *a,
                const GdkRGBA *b)
{
  double la = relative_luminance (a);
  double lb = relative_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static GdkRGBA
parse (const char *spec)
{
  GdkRGBA c;

  g_assert_true (gdk_rgba_parse (&c, spec));
  return c;
}

/* @fg at @alpha over the opaque @bg, as cairo composites it. */
static GdkRGBA
composite (const GdkRGBA *fg,
           double         alpha,
           const GdkRGBA *bg)
{
  return (GdkRGBA) { alpha * fg->red + (1 - alpha) * bg->red,
                     alpha * fg->green + (1 - alpha) * bg->green,
                     alpha * fg->blue + (1 - alpha) * bg->blue, 1.0 };
}

/* The lowest ratio of @c over the backgrounds of its mode, at @alpha. */
static double
min_contrast (const GdkRGBA *c,
              double         alpha,
              gboolean       dark)
{
  const char **bgs = dark ? dark_backgrounds : light_backgrounds;
  guint n = dark ? G_N_ELEMENTS (dark_backgrounds) : G_N_ELEMENTS (light_backgrounds);
  double worst = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      GdkRGBA bg = parse (bgs[i]);
      GdkRGBA drawn = composite (c, alpha, &bg);

      worst = MIN (worst, contrast_ratio (&drawn, &bg));
    }
  return worst;
}

static char *
to_hex (const GdkRGBA *c)
{
  return g_strdup_printf ("#%02X%02X%02X", (guint) lround (c->red * 255),
                          (guint) lround (c->green * 255), (guint) lround (c->blue * 255));
}

static void
test_text_contrast (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      double need = modes[m].high_contrast ? 7.0 : 4.5;

      /* "X" stands for any other ion, which is grey. */
      for (guint i = 0; i <= G_N_ELEMENTS (ions); i++)
        {
          const char *ion = i < G_N_ELEMENTS (ions) ? ions[i] : "X";
          g_autofree char *hex = NULL;
          GdkRGBA c;
          double worst;

          ml_ion_text_color (ion, modes[m].dark, modes[m].high_contrast, &c);
          worst = min_contrast (&c, 1.0, modes[m].dark);
          hex = to_hex (&c);
          g_test_message ("%s text %s %s: at least %.2f:1", modes[m].name, ion, hex, worst);
          g_assert_cmpfloat (c.alpha, ==, 1.0);
          g_assert_cmpfloat (worst, >=, need);
        }
    }
}

static void
test_shape_contrast (void)
{
  for (int dark = 0; dark <= 1; dark++)
    for (guint i = 0; i <= G_N_ELEMENTS (ions); i++)
      {
        const char *ion = i < G_N_ELEMENTS (ions) ? ions[i] : "X";
        g_autofree char *hex = NULL;
        GdkRGBA c;

        ml_ion_color (ion, dark, &c);
        hex = to_hex (&c);
        g_test_message ("%s shape %s %s: at least %.2f:1, %.2f:1 at 85 %%",
                        dark ? "dark" : "light", ion, hex, min_contrast (&c, 1.0, dark),
                        min_contrast (&c, 0.85, dark));
        g_assert_cmpfloat (min_contrast (&c, 1.0, dark), >=, 3.0);
        /* The membrane view draws its particles at 85 % opacity. */
        g_assert_cmpfloat (min_contrast (&c, 0.85, dark), >=, 3.0);
      }

  /* Still Okabe and Ito's where that was enough, and what it was before
   * for shapes in the dark. */
  {
    GdkRGBA c, expected = parse ("#0072B2");

    ml_ion_color ("K", FALSE, &c);
    g_assert_true (gdk_rgba_equal (&c, &expected));
    expected = parse ("#56B4E9");
    ml_ion_color ("K", TRUE, &c);
    g_assert_true (gdk_rgba_equal (&c, &expected));
    expected = parse ("#F08A4B");
    ml_ion_color ("Na", TRUE, &c);
    g_assert_true (gdk_rgba_equal (&c, &expected));
  }
}

/* CIE L*a*b* (D65) of an sRGB colour, through linear sRGB and XYZ
 * (IEC 61966-2-1; CIE 15:2004). */
static void
to_lab (const double rgb[3],
        double       lab[3])
{
  static const double m[3][3] = {
    { 0.4124564, 0.3575761, 0.1804375 },
    { 0.2126729, 0.7151522, 0.0721750 },
    { 0.0193339, 0.1191920, 0.9503041 },
  };
  static const double white[3] = { 0.95047, 1.0, 1.08883 };
  double f[3];

  for (int i = 0; i < 3; i++)
    {
      double t = (m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2]) / white[i];

      f[i] = t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
    }
  lab[0] = 116.0 * f[1] - 16.0;
  lab[1] = 500.0 * (f[0] - f[1]);
  lab[2] = 200.0 * (f[1] - f[2]);
}

/* Machado, Oliveira & Fernandes (2009), "A physiologically-based model for
 * simulation of color vision deficiency", IEEE TVCG 15(6), severity 1.0,
 * applied to linear sRGB; the first is normal vision. */
static const char *visions[] = { "normal", "protan", "deutan", "tritan" };
static const double cvd[4][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  { { 0.152286, 1.052583, -0.204868 },
    { 0.114503, 0.786281, 0.099216 },
    { -0.003882, -0.048116, 1.051998 } },
  { { 0.367322, 0.860646, -0.227968 },
    { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 } },
  { { 1.255528, -0.076749, -0.178779 },
    { -0.078411, 0.930809, 0.147602 },
    { 0.004733, 0.691367, 0.303900 } },
};

static void
seen_lab (const GdkRGBA *c,
          guint          vision,
          double         lab[3])
{
  double lin[3] = { channel_linear (c->red), channel_linear (c->green),
                    channel_linear (c->blue) };
  double seen[3];

  for (int i = 0; i < 3; i++)
    seen[i] = CLAMP (cvd[vision][i][0] * lin[0] + cvd[vision][i][1] * lin[1] +
                     cvd[vision][i][2] * lin[2], 0.0, 1.0);
  to_lab (seen, lab);
}

/* CIE76: the distance in L*a*b*. */
static double
delta_e (const GdkRGBA *a,
         const GdkRGBA *b,
         guint          vision)
{
  double la[3], lb[3];

  seen_lab (a, vision, la);
  seen_lab (b, vision, lb);
  return sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
               (la[2] - lb[2]) * (la[2] - lb[2]));
}

static double
hue_angle (const GdkRGBA *c)
{
  double lab[3];

  seen_lab (c, 0, lab);
  return atan2 (lab[2], lab[1]) * 180.0 / G_PI;
}

/* Four colours that one tells apart at a glance, with and without full
 * colour vision.  A CIE76 ΔE of 2.3 is just noticeable; the labels are
 * small and thin, which makes colours look closer, so the four must be far
 * apart in normal vision (20, where the closest pair is at 36) and still
 * clearly apart, 10, for protan, deutan and tritan viewers.  10 is no
 * stricter than the Okabe–Ito palette itself: its dark colours come to 11
 * for blue and bluish green without blue cones. */
static void
assert_distinct (const char    *what,
                 const GdkRGBA  colors[4])
{
  for (guint v = 0; v < G_N_ELEMENTS (visions); v++)
    {
      double need = v == 0 ? 20.0 : 10.0;
      double closest = G_MAXDOUBLE;

      for (guint i = 0; i < 4; i++)
        for (guint j = i + 1; j < 4; j++)
          {
            double d = delta_e (&colors[i], &colors[j], v);

            if (d < need)
              g_test_message ("%s, %s: %s and %s only dE %.1f apart", what, visions[v],
                              ions[i], ions[j], d);
            g_assert_cmpfloat (d, >=, need);
            closest = MIN (closest, d);
          }
      g_test_message ("%s, %s: dE76 at least %.1f", what, visions[v], closest);
    }
}

static void
test_distinct (void)
{
  GdkRGBA colors[4];

  for (int dark = 0; dark <= 1; dark++)
    {
      for (guint i = 0; i < 4; i++)
        ml_ion_color (ions[i], dark, &colors[i]);
      assert_distinct (dark ? "dark shapes" : "light shapes", colors);
    }

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autofree char *what = g_strdup_printf ("%s text", modes[m].name);

      for (guint i = 0; i < 4; i++)
        ml_ion_text_color (ions[i], modes[m].dark, modes[m].high_contrast, &colors[i]);
      assert_distinct (what, colors);
    }
}

/* A text colour is its ion's shape colour made darker or lighter, never
 * weaker: the CIELAB hue stays within a few degrees, so K⁺ is blue in
 * every mode. */
static void
test_same_hues (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint i = 0; i < G_N_ELEMENTS (ions); i++)
      {
        GdkRGBA shape, text;
        double d;

        ml_ion_color (ions[i], modes[m].dark, &shape);
        ml_ion_text_color (ions[i], modes[m].dark, modes[m].high_contrast, &text);
        d = fabs (hue_angle (&text) - hue_angle (&shape));
        d = MIN (d, 360.0 - d);
        g_test_message ("%s %s: hue %.1f degrees from the shape's", modes[m].name, ions[i], d);
        g_assert_cmpfloat (d, <=, 3.0);
        g_assert_cmpfloat (min_contrast (&text, 1.0, modes[m].dark), >=,
                           min_contrast (&shape, 1.0, modes[m].dark));
      }
}

static void
test_high_contrast (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("K⁺"));
  AdwStyleManager *manager = adw_style_manager_get_default ();

  /* Xvfb has no desktop that asks for it; the answer is the manager's. */
  g_assert_cmpint (ml_widget_is_high_contrast (label), ==,
                   adw_style_manager_get_high_contrast (manager));
  g_object_unref (label);
}

static void
set_dpi (int dpi)
{
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", dpi, NULL);
}

static void
test_text_scale (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("K⁺"));
  int saved;

  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &saved, NULL);

  /* gtk-xft-dpi is 1024 × dpi; 96 dpi is the unscaled size. */
  set_dpi (96 * 1024);
  g_assert_cmpfloat_with_epsilon (ml_drawn_text_scale (label), 1.0, 1e-9);
  set_dpi (144 * 1024);
  g_assert_cmpfloat_with_epsilon (ml_drawn_text_scale (label), 1.5, 1e-9);
  /* GNOME's Large Text, text-scaling-factor 1.25 */
  set_dpi (120 * 1024);
  g_assert_cmpfloat_with_epsilon (ml_drawn_text_scale (label), 1.25, 1e-9);
  set_dpi (24 * 1024);
  g_assert_cmpfloat (ml_drawn_text_scale (label), ==, 0.5);
  set_dpi (960 * 1024);
  g_assert_cmpfloat (ml_drawn_text_scale (label), ==, 3.0);
  /* -1 is GTK's "not set" */
  set_dpi (-1);
  g_assert_cmpfloat (ml_drawn_text_scale (label), ==, 1.0);

  /* What a view does with it. */
  set_dpi (144 * 1024);
  g_assert_cmpfloat (ml_drawn_text_px (15.0 * ml_drawn_text_scale (label)), ==, 22.0);

  set_dpi (saved);
  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &saved, NULL);
  g_test_message ("gtk-xft-dpi restored to %d", saved);
  g_object_unref (label);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/colors/text-contrast", test_text_contrast);
  g_test_add_func ("/colors/shape-contrast", test_shape_contrast);
  g_test_add_func ("/colors/distinct", test_distinct);
  g_test_add_func ("/colors/same-hues", test_same_hues);
  g_test_add_func ("/colors/high-contrast", test_high_contrast);
  g_test_add_func ("/drawn-text/scale", test_text_scale);

  return g_test_run ();
}
