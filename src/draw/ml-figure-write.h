/* ml-figure-write.h — a drawing as a PNG, SVG or PDF figure with a caption
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ml-cell.h"

G_BEGIN_DECLS

/* Draws the figure's content at @width × @height (in points for SVG and
 * PDF, in pixels before the scale for PNG). */
typedef void (*MlFigureDraw) (cairo_t  *cr,
                              int       width,
                              int       height,
                              gpointer  user_data);

typedef enum
{
  ML_FIGURE_PNG,
  ML_FIGURE_SVG,
  ML_FIGURE_PDF,
} MlFigureFormat;

/* The format a file name asks for by its extension (.png, .svg, .pdf, in
 * any case); FALSE for another. */
gboolean  ml_figure_format_for_path (const char     *path,
                                     MlFigureFormat *format);
/* "Mammalian neuron, 37 °C — P(Na⁺) × 20": @name, the cell's temperature
 * and what differs from @reference (may be NULL). */
char     *ml_figure_caption_for     (MlCell         *cell,
                                     MlCell         *reference,
                                     const char     *name);
/* Writes the figure with @caption (may be NULL) in a line under it; a PNG
 * at @scale × the pixels (1 to 4, for print). */
gboolean  ml_figure_write           (const char     *path,
                                     int             width,
                                     int             height,
                                     double          scale,
                                     const char     *caption,
                                     MlFigureDraw    draw,
                                     gpointer        user_data,
                                     GError        **error);
/* The same on the dark style's background when @dark. */
gboolean  ml_figure_write_on        (const char     *path,
                                     int             width,
                                     int             height,
                                     double          scale,
                                     const char     *caption,
                                     gboolean        dark,
                                     MlFigureDraw    draw,
                                     gpointer        user_data,
                                     GError        **error);

/* For writers of other drawings: a cairo write function that appends to a
 * GByteArray, and the step that replaces @path with the bytes atomically
 * (or says why cairo failed when @status is not a success). */
cairo_status_t  ml_figure_append_bytes (void                *closure,
                                        const unsigned char *data,
                                        unsigned int         length);
gboolean        ml_figure_save_bytes   (const char          *path,
                                        cairo_status_t       status,
                                        GByteArray          *bytes,
                                        GError             **error);

G_END_DECLS
