/* ml-membrane-view-private.h — what the membrane view's files share
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-membrane-view.c holds the object, its accessible description and the
 * public API; ml-membrane-view-draw.c the picture; ml-membrane-view-text.c
 * the words on it.
 */
#pragma once

#include "ml-membrane-view.h"

#include <math.h>

#include "ml-format.h"

G_BEGIN_DECLS

/* Particles per side of one channel at the highest concentration. */
#define MAX_PARTICLES       14

/* The ions' channels, the Na⁺/K⁺ pump, then the cell's other mechanisms. */
#define N_SLOTS             (ML_MAX_IONS + 1 + ML_MAX_MECHANISMS)
/* A mechanism's slot, as a fraction of a channel's: it has no particles
 * and fewer words, but at least the width of its name. */
#define MECH_SLOT_SCALE     0.8
/* Ions a mechanism's arrows can show. */
#define MECH_MAX_ARROWS     4

enum
{
  TEXT_OUTSIDE,
  TEXT_INSIDE,
  TEXT_BANNER,
  TEXT_PUMP_NA,
  TEXT_PUMP_K,
  TEXT_LEGEND,
  TEXT_SLOT_0,  /* three lines per slot: name, value, status */
  TEXT_FORCE_0 = TEXT_SLOT_0 + 3 * N_SLOTS,  /* chemical, electrical per ion */
  TEXT_MECH_COUNT_0 = TEXT_FORCE_0 + 2 * ML_MAX_IONS,  /* ions per cycle at each arrow */
  N_TEXTS = TEXT_MECH_COUNT_0 + MECH_MAX_ARROWS * ML_MAX_MECHANISMS,
};

/* The two parts of an ion's driving force, as show-forces draws them. */
typedef enum
{
  FORCE_CHEMICAL,
  FORCE_ELECTRICAL,
} ForcePart;

typedef struct
{
  PangoLayout *layout;
  char        *text;
  int          size;      /* absolute, Pango units */
  int          weight;
  int          width;     /* Pango units, -1 for none */
} CachedText;

enum
{
  SPRITE_LIPID_TOP,
  SPRITE_LIPID_BOTTOM,
  SPRITE_PLUS,
  SPRITE_MINUS,
  SPRITE_PUMP,
  SPRITE_PARTICLE_0,
  SPRITE_SUBUNIT_0 = SPRITE_PARTICLE_0 + ML_MAX_IONS,
  SPRITE_MECH_0 = SPRITE_SUBUNIT_0 + ML_MAX_IONS,
  N_SPRITES = SPRITE_MECH_0 + ML_MAX_MECHANISMS,
};

#define SPRITE_PARAMS 8

typedef struct
{
  cairo_surface_t *surface;
  double           key[SPRITE_PARAMS + 3];  /* size, scale and what it shows */
} Sprite;

/* Where everything goes for the current allocation; computed per frame. */
typedef struct
{
  double w, h;
  double g;               /* geometric scale, 1 at 560 × 360 */
  double fs;              /* body text size in px */
  double pad;
  double out_top;         /* first y of the outside area below its label */
  double mem_top, mem_bot, thick;
  double block_top;       /* first y of the per-slot label block */
  double inside_label_y;
  double slot_w, margin_x;
  double corridor;        /* width kept free around a channel axis */
  double sub_w;           /* width of one channel subunit */
  double gap_min, gap_max;
  double t_min, t_max;    /* arrow shaft thickness */
  double value_lines;     /* lines of the V − E row: 1, or 2 when narrow */
  double arrow_out_max;   /* longest reach of an arrow past each face */
  double arrow_in_max;
  /* show-forces: the bands the force labels take, at the top of the
   * outside and above the label block */
  double force_top_h, force_bot_h;
  /* show-legend: the legend's box; the picture keeps the rest (w, h) */
  gboolean has_legend;
  double legend_x, legend_y, legend_w, legend_h;
  double legend_px;       /* its text size */
  double charge_size;
  double particle_r;
  double lipid_r;         /* radius of a lipid head */
  double pump_ext_out;    /* how far the pump's arrows reach past each face */
  double pump_ext_in;
  gboolean has_banner;    /* why there is no V_m, in a box */
  double banner_x, banner_y, banner_w, banner_h;
  double banner_text_w;   /* the width its words wrap at */
  guint  n_slots;
  guint  pump_slot;
  guint  n_ions;
  guint  first_mech_slot; /* after the last channel */
  guint  n_mech;
  double mech_scale;      /* a mechanism's slot over a channel's */
} Geometry;

/* The width of @slot: a channel's or the pump's, or a mechanism's. */
static inline double
ml_membrane_view_slot_width (const Geometry *geo,
                             guint           slot)
{
  return slot >= geo->first_mech_slot ? geo->mech_scale * geo->slot_w : geo->slot_w;
}

/* The ion whose channel is in @slot, or -1 for the pump and the other
 * mechanisms. */
static inline int
ml_membrane_view_slot_ion (const Geometry *geo,
                           guint           slot)
{
  if (slot == geo->pump_slot || slot >= geo->first_mech_slot)
    return -1;
  return (int) (slot < geo->pump_slot ? slot : slot - 1);
}

struct _MlMembraneView
{
  GtkWidget     parent_instance;

  MlSession  *session;      /* followed through "solved" */

  MlSolution    solution;
  gboolean      has_solution;
  char         *description;
  char         *labels[ML_MAX_IONS];
  GdkRGBA       ion_colors[ML_MAX_IONS];       /* shapes: channels, arrows, dots */
  GdkRGBA       ion_text_colors[ML_MAX_IONS];  /* names: the 4.5:1 text palette */

  /* Particle positions in a unit square per ion and side, seeded from the
   * ion's name so they stay put while a slider adds or removes particles. */
  float         particles[ML_MAX_IONS][2][MAX_PARTICLES][2];
  char          particle_names[ML_MAX_IONS][ML_ION_NAME_MAX];

  GdkRGBA       fg;
  gboolean      dark;
  gboolean      high_contrast;
  double        text_scale;     /* the desktop's text scaling, 1 = 96 dpi */
  double        font_px;        /* the CSS font size: the floor of drawn text */

  gboolean      show_forces;    /* the two parts of each driving force */
  gboolean      show_legend;
  gboolean      pump_absent;   /* the cell has had no pump (the squid axon's) */

  CachedText    texts[N_TEXTS];
  Sprite        sprites[N_SPRITES];

  /* What the last frame drew, for tests. */
  guint         n_particles_drawn;
  guint         n_lipids_drawn;
  guint         n_charges_drawn;
};

/* "+20.0 mV" with @unit, else "+20.0"; U+2212 for a minus.  A number that is
 * not finite reads 0.0 here, never "undefined". */
static inline char *
ml_membrane_view_format_mv (double   mv,
                            gboolean unit)
{
  if (!isfinite (mv))
    mv = 0.0;
  return unit ? ml_format_millivolts (mv, 1, TRUE) : ml_format_fixed (mv, 1, TRUE);
}

static inline gboolean
ml_membrane_view_ion_is_infinite (const MlIonResult *r)
{
  return r->nernst_state == ML_NERNST_PLUS_INFINITY ||
         r->nernst_state == ML_NERNST_MINUS_INFINITY;
}

/* E = +∞ makes V − E = −∞ and the other way round. */
static inline const char *
ml_membrane_view_infinite_force (const MlIonResult *r)
{
  return r->nernst_state == ML_NERNST_PLUS_INFINITY ? "−∞" : "+∞";
}

/* Which way @push_mv (a driving force or one of its parts, V − E sign
 * convention) moves the ion of @r: docs/ARCHITECTURE.md's rule, the one the core's
 * MlIonResult.direction follows, a cation pushed by a positive force
 * leaves, an anion enters.  +1 out, −1 in, 0 for no push. */
static inline int
ml_membrane_view_push_direction (const MlIonResult *r,
                                 double             push_mv)
{
  if (!(fabs (push_mv) >= ML_EQUILIBRIUM_MV))
    return 0;
  return (push_mv > 0.0) == (r->ion.z > 0) ? 1 : -1;
}

/* Whether an ion gets its two force arrows: E and V_m defined. */
static inline gboolean
ml_membrane_view_has_forces (MlMembraneView    *self,
                             const MlIonResult *r)
{
  return self->show_forces && self->has_solution && self->solution.vm_defined &&
         r->nernst_state == ML_NERNST_DEFINED;
}

static inline double
ml_membrane_view_force_mv (const MlIonResult *r,
                           ForcePart          part)
{
  return part == FORCE_CHEMICAL ? r->chemical_push_mv : r->electrical_push_mv;
}

static inline gboolean
ml_membrane_view_pump_on (MlMembraneView *self)
{
  return self->has_solution && self->solution.pump_mode != ML_PUMP_OFF;
}

/* What the pump does, as the picture and the description tell it. */
typedef enum
{
  PUMP_BLOCKED,        /* off, or no cell */
  PUMP_ABSENT,         /* off, and the cell never had one */
  PUMP_RATIO,          /* steady state: r Na⁺ out per K⁺ in */
  PUMP_IDLE_NO_NA,     /* on, but no Na⁺ inside to move out */
  PUMP_IDLE_NO_K,      /* on, but no K⁺ outside to take in */
  PUMP_IDLE_NO_LEAK,   /* steady state, but the Na⁺ channel is closed */
  PUMP_CURRENT,        /* a fixed current, no stoichiometry */
  PUMP_KINETIC,        /* 3 Na⁺ out, 2 K⁺ in at the rate its substrates set */
  PUMP_BACKWARDS,      /* a negative current: Na⁺ in, K⁺ out */
  PUMP_IDLE_ZERO,      /* kinetic, with a maximal current of 0 */
} PumpState;

/* ml-membrane-view-draw.c */
void         ml_membrane_view_snapshot             (GtkWidget        *widget,
                                                    GtkSnapshot      *snapshot);
double       ml_membrane_view_slot_center          (const Geometry   *geo,
                                                    guint             slot);
double       ml_membrane_view_protein_half_width   (const Geometry   *geo,
                                                    MlMembraneView   *self,
                                                    guint             slot);

/* ml-membrane-view-text.c */
void         ml_membrane_view_place_banner         (MlMembraneView   *self,
                                                    Geometry         *geo);
PumpState    ml_membrane_view_pump_state           (MlMembraneView   *self);
gboolean     ml_membrane_view_pump_carries         (MlMembraneView   *self);
void         ml_membrane_view_pump_cargo           (MlMembraneView   *self,
                                                    char            **na,
                                                    char            **k);
char        *ml_membrane_view_pump_current_text    (MlMembraneView   *self);
void         ml_membrane_view_draw_texts           (MlMembraneView   *self,
                                                    GtkSnapshot      *snapshot,
                                                    const Geometry   *geo);
void         ml_membrane_view_invalidate_texts     (MlMembraneView   *self);
void         ml_membrane_view_place_legend         (MlMembraneView   *self,
                                                    Geometry         *geo);
/* The widest name of a mechanism, in px at @fs. */
double       ml_membrane_view_mech_name_width      (MlMembraneView   *self,
                                                    double            fs);
double       ml_membrane_view_value_lines          (MlMembraneView   *self,
                                                    const Geometry   *geo);
double       ml_membrane_view_pump_lines           (MlMembraneView   *self,
                                                    const Geometry   *geo);
void         ml_membrane_view_measure_force_bands  (MlMembraneView   *self,
                                                    Geometry         *geo);

/* ml-membrane-view.c: what the last frame drew, for tests */
guint        ml_membrane_view_get_n_particles_drawn (MlMembraneView  *self);
guint        ml_membrane_view_get_n_lipids_drawn    (MlMembraneView  *self);
guint        ml_membrane_view_get_n_charges_drawn   (MlMembraneView  *self);

G_END_DECLS
