/* ml-worksheet-draw.c — practice problems as a printable PDF worksheet
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The problems, numbered, each with blank room to work in and a line for
 * the answer; then, from a new page, the answer key with each answer and
 * its worked solution, so a teacher can cut it off before copying.  Every
 * block is measured before it is drawn and goes to the next page when it
 * does not fit.  The text is the problems' own: nothing is computed here.
 */
#define G_LOG_DOMAIN "ml-worksheet"

#include "config.h"

#include "ml-worksheet-draw.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ml-figure-write.h"

#define MARGIN       48.0   /* points */
#define NUMBER_W     24.0   /* the column of problem numbers */
#define WORK_SPACE   96.0   /* room to write under a problem */

typedef struct
{
  cairo_t *cr;
  double   width;
  double   height;
  double   y;
  guint    page;
  char    *footer;
} Sheet;

static PangoLayout *
text_layout (Sheet      *sheet,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (sheet->cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The problems' texts are markup (V<sub>m</sub>), typeset as printed. */
static PangoLayout *
markup_layout (Sheet      *sheet,
               const char *markup,
               double      size,
               double      width)
{
  PangoLayout *layout = text_layout (sheet, "", size, FALSE, width);

  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static void
draw_layout (Sheet       *sheet,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_set_source_rgb (sheet->cr, 0.1, 0.1, 0.1);
  cairo_move_to (sheet->cr, x, y);
  pango_cairo_show_layout (sheet->cr, layout);
}

/* The page number and set at the foot of every page. */
static void
finish_page (Sheet *sheet)
{
  g_autofree char *text = NULL;
  g_autoptr (PangoLayout) layout = NULL;

  /* Translators: the foot of a worksheet page: what set it is, then the
   * page's number. */
  text = g_strdup_printf (_("%s — page %u"), sheet->footer, sheet->page);
  layout = text_layout (sheet, text, 8, FALSE, sheet->width - 2 * MARGIN);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  draw_layout (sheet, layout, MARGIN, sheet->height - MARGIN + 12);
  cairo_show_page (sheet->cr);
  sheet->page++;
  sheet->y = MARGIN;
}

/* Starts a new page unless @needed more points fit on this one (a block
 * taller than a page is drawn anyway, from the top of a fresh page). */
static void
reserve (Sheet  *sheet,
         double  needed)
{
  if (sheet->y > MARGIN && sheet->y + needed > sheet->height - MARGIN)
    finish_page (sheet);
}

static void
heading (Sheet      *sheet,
         const char *text,
         double      size)
{
  g_autoptr (PangoLayout) layout = text_layout (sheet, text, size, TRUE,
                                                sheet->width - 2 * MARGIN);
  double h = layout_height (layout);

  reserve (sheet, h + 40);
  draw_layout (sheet, layout, MARGIN, sheet->y);
  sheet->y += h + 8;
}

/* "3." in the margin column and @text beside it; @after more points are
 * kept on the same page (the room to work). */
static void
numbered (Sheet      *sheet,
          guint       number,
          const char *text,
          gboolean    markup,
          gboolean    bold,
          double      after)
{
  g_autofree char *label = g_strdup_printf ("%u.", number);
  g_autoptr (PangoLayout) num = text_layout (sheet, label, 10.5, TRUE, NUMBER_W);
  g_autoptr (PangoLayout) body = markup ? markup_layout (sheet, text, 10.5,
                                                         sheet->width - 2 * MARGIN - NUMBER_W)
                                        : text_layout (sheet, text, 10.5, bold,
                                                       sheet->width - 2 * MARGIN - NUMBER_W);
  double h = layout_height (body);

  reserve (sheet, h + after);
  draw_layout (sheet, num, MARGIN, sheet->y);
  draw_layout (sheet, body, MARGIN + NUMBER_W, sheet->y);
  sheet->y += h;
}

static void
indented (Sheet      *sheet,
          const char *markup,
          double      size)
{
  g_autoptr (PangoLayout) layout = markup_layout (sheet, markup, size,
                                                  sheet->width - 2 * MARGIN - NUMBER_W);
  double h = layout_height (layout);

  reserve (sheet, h);
  draw_layout (sheet, layout, MARGIN + NUMBER_W, sheet->y);
  sheet->y += h;
}

/* Blank room, then "Answer: ____" at its foot. */
static void
answer_line (Sheet *sheet)
{
  g_autoptr (PangoLayout) label = text_layout (sheet, _("Answer:"), 10, FALSE, 120);
  double y = sheet->y + WORK_SPACE - 6;
  int w, h;

  pango_layout_get_pixel_size (label, &w, &h);
  draw_layout (sheet, label, MARGIN + NUMBER_W, y - h);
  cairo_set_source_rgb (sheet->cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (sheet->cr, 0.6);
  cairo_move_to (sheet->cr, MARGIN + NUMBER_W + w + 6, y);
  cairo_line_to (sheet->cr, MARGIN + NUMBER_W + w + 6 + 180, y);
  cairo_stroke (sheet->cr);
  sheet->y += WORK_SPACE + 10;
}

gboolean
ml_worksheet_render (const char  *path,
                     MlProblem  **problems,
                     guint        n,
                     const char  *title,
                     double       paper_w_pt,
                     double       paper_h_pt,
                     GError     **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Sheet sheet;

  g_return_val_if_fail (path != NULL && title != NULL, FALSE);
  g_return_val_if_fail (problems != NULL || n == 0, FALSE);
  g_return_val_if_fail (paper_w_pt > 4 * MARGIN && paper_h_pt > 4 * MARGIN, FALSE);

  surface = cairo_pdf_surface_create_for_stream (ml_figure_append_bytes, bytes,
                                                 paper_w_pt, paper_h_pt);
  sheet = (Sheet) { cairo_create (surface), paper_w_pt, paper_h_pt, MARGIN, 1,
                    g_strdup (title) };

  /* The problems. */
  heading (&sheet, title, 18);
  /* Translators: keep the markup: <i>N</i><sub>A</sub> is N with the
   * subscript A. */
  indented (&sheet, _("Show your working. Give each answer with its unit; use the constants "
                      "<i>R</i> = 8.314 J/(mol·K), <i>F</i> = 96 485 C/mol, "
                      "<i>e</i> = 1.602 × 10⁻¹⁹ C and "
                      "<i>N</i><sub>A</sub> = 6.022 × 10²³ /mol."), 9.5);
  sheet.y += 14;
  for (guint i = 0; i < n; i++)
    {
      numbered (&sheet, i + 1, ml_problem_get_question_markup (problems[i]), TRUE, FALSE,
                WORK_SPACE);
      answer_line (&sheet);
    }
  finish_page (&sheet);

  /* The key, from a page of its own. */
  heading (&sheet, _("Answer key"), 16);
  sheet.y += 6;
  for (guint i = 0; i < n; i++)
    {
      const char *markup = ml_problem_get_solution_markup (problems[i]);
      g_autoptr (PangoLayout) solution = markup_layout (&sheet, markup, 9.5,
                                                        sheet.width - 2 * MARGIN - NUMBER_W);

      /* The answer and the first lines of its solution stay together. */
      numbered (&sheet, i + 1, ml_problem_get_answer_text (problems[i]), FALSE, TRUE,
                MIN (layout_height (solution), 60));
      sheet.y += 2;
      indented (&sheet, markup, 9.5);
      sheet.y += 12;
    }
  finish_page (&sheet);

  cairo_destroy (sheet.cr);
  g_free (sheet.footer);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return ml_figure_save_bytes (path, status, bytes, error);
}
