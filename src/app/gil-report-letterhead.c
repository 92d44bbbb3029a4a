/* gil-report-letterhead.c — the printed report's letterhead and signature
 *
 * The letterhead (kop surat) opens the first page as an Indonesian office
 * letter does: the regency or city government, its health office, the
 * puskesmas's name in bold and its address, centred over a double rule.
 * The signature closes the report: the place and the date it was printed,
 * "Kepala Puskesmas …", room to sign, the head's name and NIP. Both come
 * from the puskesmas profile (Preferences, Laporan): a letterhead line
 * not set is left out; a name or NIP not set is a dotted line for a pen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "gil-report-labels.h"
#include "gil-report-layout.h"

#define LETTERHEAD_PT  12.0
#define PUSKESMAS_PT   15.0
#define SIGN_SPACE     52.0   /* room for the signature and a stamp */
#define SIGN_COLUMN    230.0
#define DOTS           "………………………………………"

/* Returns: (nullable): the profile's @field, %NULL when empty */
static const char *
field (const Report *report,
       const char *(*get) (GilProfile *profile))
{
  const char *value = report->profile != NULL ? get (report->profile) : NULL;

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static void
centred_line (Flow       *f,
              const char *text,
              double      size,
              gboolean    bold)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL)
    return;
  layout = gil_flow_text_layout (f, text, size, bold, f->width, PANGO_ALIGN_CENTER);
  gil_flow_show_layout (f, layout, 0, f->y, &gil_report_black);
  f->y += gil_flow_layout_height (layout);
}

/**
 * gil_report_flow_letterhead:
 *
 * The letterhead, at the top of the report's first page.
 */
void
gil_report_flow_letterhead (Flow *f)
{
  const Report *r = f->report;

  centred_line (f, field (r, gil_profile_get_region), LETTERHEAD_PT, FALSE);
  centred_line (f, field (r, gil_profile_get_health_office), LETTERHEAD_PT, FALSE);
  centred_line (f, r->puskesmas, PUSKESMAS_PT, TRUE);
  centred_line (f, field (r, gil_profile_get_address), BODY_PT + 0.5, FALSE);
  f->y += 5;
  gil_flow_rule (f, f->y, 0, f->width, 2.0);
  gil_flow_rule (f, f->y + 3, 0, f->width, 0.6);
  f->y += 3 + GAP;
}

/* Returns: (transfer full): the place a report is signed in: the region
 * without "Pemerintah Kabupaten", "Pemerintah Kota", … ("Lombok Barat"),
 * or the puskesmas's name when the region is not set */
static char *
signature_place (const Report *report)
{
  static const char * const prefixes[] = {
    "Pemerintah Kabupaten/Kota ", "Pemerintah Kabupaten ", "Pemerintah Kota ", "Pemerintah Provinsi ",
    "Pemerintah ", "Kabupaten ", "Kota ", NULL
  };
  const char *region = field (report, gil_profile_get_region);

  if (region == NULL)
    return g_strdup (report->puskesmas);
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_ascii_strncasecmp (region, prefixes[i], strlen (prefixes[i])) == 0 &&
        region[strlen (prefixes[i])] != '\0')
      return g_strdup (region + strlen (prefixes[i]));
  return g_strdup (region);
}

/* Returns: (transfer full): "Kepala Puskesmas Karang Taliwang" */
static char *
signature_title (const Report *report)
{
  const char *name = report->puskesmas;

  if (g_ascii_strncasecmp (name, "Puskesmas", strlen ("Puskesmas")) == 0)
    /* TRANSLATORS: %s is the puskesmas's name, "Puskesmas Karang Taliwang" */
    return g_strdup_printf (_("Head of %s"), name);
  /* TRANSLATORS: %s is the puskesmas's name without the word "Puskesmas" */
  return g_strdup_printf (_("Head of Puskesmas %s"), name);
}

/* Returns: (transfer full): "Lombok Barat, 30 November 2026": the
 * place, and the day the report was printed */
static char *
signature_place_date (const Report *report)
{
  g_autofree char *place = signature_place (report);
  g_autofree char *month = g_strndup (report->printed_on, 7);
  g_autofree char *month_text = gil_report_format_month (month);

  /* TRANSLATORS: where and when a report is signed: the place, the day of
   * the month, then the month and year ("Lombok Barat, 30 November 2026") */
  return g_strdup_printf (_("%s, %d %s"), place, atoi (report->printed_on + 8), month_text);
}

/* A line of the signature in its column at the right, under the last. */
static double
signature_line (Flow       *f,
                const char *text,
                gboolean    bold,
                double      y)
{
  double column = MIN (SIGN_COLUMN, f->width / 2);
  g_autoptr(PangoLayout) layout = gil_flow_text_layout (f, text, BODY_PT + 1, bold, column, PANGO_ALIGN_LEFT);

  if (bold)
    {
      PangoAttrList *attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE));
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
    }
  gil_flow_show_layout (f, layout, f->width - column, y, &gil_report_black);
  return gil_flow_layout_height (layout);
}

/* Lays the signature's lines out from @y; returns their height. */
static double
signature_lines (Flow   *f,
                 double  y)
{
  const Report *r = f->report;
  const char *name = field (r, gil_profile_get_head_name);
  const char *nip = field (r, gil_profile_get_head_nip);
  g_autofree char *place_date = signature_place_date (r);
  g_autofree char *title = signature_title (r);
  g_autofree char *nip_line = NULL;
  double top = y;

  /* TRANSLATORS: a civil servant's number (Nomor Induk Pegawai) under
   * the signature */
  nip_line = g_strdup_printf (_("NIP. %s"), nip != NULL ? nip : DOTS);
  y += signature_line (f, place_date, FALSE, y);
  y += signature_line (f, title, FALSE, y);
  y += SIGN_SPACE;
  y += signature_line (f, name != NULL ? name : "(" DOTS ")", name != NULL, y);
  y += signature_line (f, nip_line, FALSE, y);
  return y - top;
}

/**
 * gil_report_flow_signature:
 *
 * The signature block at the end of the report, kept whole on one page.
 */
void
gil_report_flow_signature (Flow *f)
{
  int target = f->target;
  double height;

  /* Measured without drawing, then drawn where it fits. */
  f->target = -1;
  height = signature_lines (f, 0);
  f->target = target;
  gil_flow_need (f, GAP * 2 + height);
  f->y += GAP * 2;
  f->y += signature_lines (f, f->y);
}
