/* ml-plot-draw.h — the plots of a cell, drawn with cairo and Pango
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>
#include <glib.h>

#include "ml-curves.h"
#include "ml-palette.h"
#include "ml-solution.h"

G_BEGIN_DECLS

typedef enum
{
  ML_PLOT_KOUT,         /* V_m against log [K⁺]out, the Nernst line of K⁺ */
  ML_PLOT_IV,           /* each ion's current, the pump's and the sum against V */
  ML_PLOT_TEMPERATURE,  /* V_m against T, with the pump's kinetics held */
} MlPlotKind;

/* The I–V plot's range of V, mV. */
#define ML_PLOT_IV_FROM -150.0
#define ML_PLOT_IV_TO    100.0

/* What to draw: the kind's curve (the others NULL), measured points for the
 * K⁺ plot, the I–V cursor. */
typedef struct
{
  MlPlotKind           kind;
  const MlKoutCurve   *kout;
  const MlIvCurve     *iv;
  const MlTemperatureCurve *temp;
  const double        *measured_k;
  const double        *measured_vm;
  guint                n_measured;
  gboolean             have_cursor;
  double               cursor;
  MlSolution           at_cursor;
} MlPlotData;

/* How: the foreground, the background's darkness, the smallest text. */
typedef struct
{
  MlRgba    fg;
  gboolean  dark;
  gboolean  high_contrast;
  double    font_px;      /* the smallest text, px (the CSS font size on screen) */
  double    text_scale;   /* the desktop's text scaling */
} MlPlotStyle;

/* The V under @x on an I–V plot of @width × @height (a click). */
double ml_plot_iv_v_at          (const MlPlotStyle *style,
                                 int                width,
                                 int                height,
                                 double             x);
/* A text size in pixels rounded down to a few steps (1 px below 24 px, 2 px
 * up to 48 px, 4 px above), never below 1 px: the GUI's drawn views share it. */
double ml_draw_text_px          (double             px);
/* @markup (Pango markup with <sub> and <sup>, as translators see it) with
 * each <sub>/<sup> as a span of 70 % size raised or lowered for text of
 * @px: Pango 1.50's own <sub> sizes wrongly under a scaled cairo context
 * (a PNG at twice the pixels).  Newly allocated. */
char *ml_draw_markup            (const char        *markup,
                                 double             px);
/* Sets @markup (expanded as above) on @layout; a translation whose markup
 * does not parse is shown as its text rather than not at all. */
void  ml_draw_layout_set_markup (PangoLayout       *layout,
                                 const char        *markup,
                                 double             px);
/* Black on white for paper. */
void  ml_plot_style_init_print (MlPlotStyle       *style);
void  ml_plot_draw_data        (const MlPlotData  *data,
                                const MlPlotStyle *style,
                                cairo_t           *cr,
                                int                width,
                                int                height);

G_END_DECLS
