/* gil-head-page.h — the head of the puskesmas's station: the day's load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-context.h"

G_BEGIN_DECLS

#define GIL_TYPE_HEAD_PAGE (gil_head_page_get_type ())
G_DECLARE_FINAL_TYPE (GilHeadPage, gil_head_page, GIL, HEAD_PAGE, AdwBin)

GtkWidget  *gil_head_page_new              (GilContext    *context);
void        gil_head_page_show_today       (GilHeadPage   *self);
void        gil_head_page_show_day         (GilHeadPage   *self,
                                            const char    *date);
void        gil_head_page_show_period      (GilHeadPage   *self,
                                            const char    *from,
                                            const char    *to);
void        gil_head_page_show_month       (GilHeadPage   *self,
                                            const char    *month);
void        gil_head_page_show_range       (GilHeadPage   *self,
                                            const char    *from,
                                            const char    *to);
gboolean    gil_head_page_get_loading      (GilHeadPage   *self);
const char *gil_head_page_get_date         (GilHeadPage   *self);
int         gil_head_page_get_wait_target  (GilHeadPage   *self);
void        gil_head_page_set_wait_target  (GilHeadPage   *self,
                                            int            minutes);

G_END_DECLS
