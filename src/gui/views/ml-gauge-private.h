/* ml-gauge-private.h — what the gauge's two files share
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-gauge.c holds the object, the needle animation, the accessible value and
 * the public API; ml-gauge-draw.c draws the dial and caches it.
 */
#pragma once

#include "ml-gauge.h"
#include "ml-session.h"

G_BEGIN_DECLS

typedef struct
{
  char          name[ML_ION_NAME_MAX];
  char         *label;         /* "K⁺", or "Na⁺ +∞" at the end of the dial */
  MlNernstState state;
  double        e_mv;
} Marker;

/* A scale label as drawn, so the needle can leave a halo around it. */
typedef struct
{
  cairo_path_t *path;       /* the glyph outlines */
  double        x, y;       /* centre */
  double        radius;     /* half the diagonal of its box */
} TickLabel;

/* Everything placed on the dial for one widget size. */
typedef struct
{
  double cx, cy;        /* pivot */
  double radius;        /* centre line of the track */
  double track;         /* track width */
  double pointer_out;   /* outer end of the ion pointers, from the pivot */
  double tick_font;
  double ion_font;
  double number_font;
  double caption_font;
  double message_font;
} Geometry;

struct _MlGauge
{
  GtkWidget      parent_instance;

  MlSession     *session;

  /* What the last solution said. */
  gboolean       has_solution;
  gboolean       defined;
  gboolean       clamped;
  MlCondition    condition;
  double         value;
  guint          n_markers;
  Marker         markers[ML_MAX_IONS];
  double         range_min;
  double         range_max;
  char          *number_text;
  char          *value_text;
  char          *spoken_name;    /* the accessible name: V_m */
  char          *spoken_list;    /* the description: each E */
  /* A lesson waits for a prediction: no needle and no number. */
  gboolean       concealed;
  /* Presentation mode: the digits at least this tall (ink, px) and every
   * text at least this size (px); 0 for none. */
  double         number_floor;
  double         text_floor;
  /* What the last drawing did, for tests: the digits' ink height and the
   * smallest text. */
  double         drawn_digit_px;
  double         smallest_text_px;

  /* Where the needle was before the last change, until the next one: a
   * slider's drag is one change (steps closer than GHOST_QUIET_US). */
  gboolean       has_ghost;
  double         ghost;
  gint64         last_change_us;
  char          *ghost_text;     /* "from −69.1 mV: +4.1 mV" */

  /* The needle eases from anim_from to value. */
  double         needle;
  double         anim_from;
  gint64         anim_start;
  guint          tick_id;

  /* Theme, read in css_changed. */
  GdkRGBA        fg;
  gboolean       dark;
  gboolean       high_contrast;
  double         text_scale;     /* the desktop's text scaling, 1 = 96 dpi */

  /* Cached drawing, dropped by invalidate_cache (). */
  int            cache_width;
  int            cache_height;
  Geometry       geo;
  GskRenderNode *dial_node;
  GskRenderNode *pointer_node;
  GArray        *tick_labels;   /* of TickLabel */
};

/* ml-gauge-draw.c */
void         ml_gauge_invalidate_cache    (MlGauge          *self);
void         ml_gauge_snapshot            (GtkWidget        *widget,
                                           GtkSnapshot      *snapshot);

G_END_DECLS
