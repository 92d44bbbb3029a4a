/* gil-head-page-private.h — the head page's parts, shared by its files:
 * the page itself (loading, the date menu), its tables, its cards, and
 * its export and printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-chart.h"
#include "gil-daily-report.h"
#include "gil-monthly-report.h"
#include "gil-head-page.h"

G_BEGIN_DECLS

typedef enum
{
  VIEW_TODAY,
  VIEW_DAY,
  VIEW_PERIOD,
  VIEW_MONTH,    /* a calendar month, or a free range (month NULL) */
} View;

/* A "waiting now" figure of the table, kept current from the room list. */
typedef struct
{
  GtkLabel *label;
  gboolean  all;         /* the whole puskesmas */
  char     *cluster;     /* the rooms of a cluster, or NULL */
  gint64    room;        /* one room, or 0 */
} WaitingCell;

struct _GilHeadPage
{
  AdwBin                parent_instance;

  GilContext           *context;
  GilConnection        *connection; /* the context's */
  GilRoomList          *rooms;
  GSettings            *settings;
  int                   wait_target;

  View                  view;
  char                 *from;       /* the day or period asked for; NULL for today */
  char                 *to;
  char                 *date;       /* the day shown, as the manager names it */
  char                 *month;      /* the month asked for, YYYY-MM, in VIEW_MONTH; NULL for a range */
  GilMonthlyReport     *month_report; /* (nullable) the month's report */
  GilDailyReport       *day;        /* (nullable) the day's report */
  GPtrArray            *days;       /* (nullable) element-type GilDailyReport: the 30 days to it, or the period */
  GilProfile           *profile;    /* the connection's: the name on a printed report */
  GDateTime            *updated;

  GCancellable         *cancellable;           /* the loads of what is shown */
  gboolean              loading;
  gboolean              want_trend;
  gboolean              stale;                 /* the queue moved during a load */
  guint                 reload_id;
  guint                 waiting_id;
  GPtrArray            *watched;               /* element-type GilRoomItem */
  GPtrArray            *waiting_cells;         /* element-type WaitingCell */
  GtkLabel             *waiting_stat;
  GtkFileChooserNative *chooser;
  gboolean              syncing_calendar;

  GtkMenuButton        *date_button;
  GtkLabel             *date_label;
  GtkPopover           *date_popover;
  GtkCalendar          *calendar;
  GtkLabel             *status_label;
  GtkWidget            *content_box;
  GtkLabel             *title_label;
  GtkFlowBox           *stats_box;
  GtkWidget            *load_card;
  GtkGrid              *load_grid;
  GtkLabel             *legend_label;
  GtkWidget            *hour_card;
  GilChart             *hour_chart;
  GtkLabel             *trend_title;
  GilChart             *trend_chart;
  GtkFlowBox           *breakdown_box;
  GtkWidget            *days_card;
  GtkGrid              *days_grid;
  GtkDropDown          *month_dropdown;
  GStrv                 month_choices; /* YYYY-MM of month_dropdown's rows from its second */
  gboolean              syncing_months;
  GtkWidget            *month_card;
  GtkGrid              *month_grid;
  GtkGrid              *age_sex_grid;
};

/* The days a "week" is on the head page. */
#define GIL_HEAD_WEEK_DAYS 7

/* gil-head-show.c */
void      gil_head_page_show_report       (GilHeadPage            *self);

/* gil-head-page.c */
char     *gil_head_today_text             (void);
void      gil_head_page_toast             (GilHeadPage            *self,
                                           const char             *message);
void      gil_head_page_load_failed       (GilHeadPage            *self,
                                           const GError           *error);
void      gil_head_page_finish_load       (GilHeadPage            *self);
void      gil_head_page_load_days         (GilHeadPage            *self,
                                           const char             *from,
                                           const char             *to);

/* gil-head-tables.c */
void      gil_head_waiting_cell_free      (WaitingCell            *cell);
void      gil_head_clear_box              (GtkWidget              *box);
void      gil_head_clear_grid             (GtkGrid                *grid);
GtkLabel *gil_head_add_cell               (GtkGrid                *grid,
                                           int                     column,
                                           int                     row,
                                           const char             *text,
                                           float                   xalign,
                                           const char             *css_class);
void      gil_head_add_count_cell         (GtkGrid                *grid,
                                           int                     column,
                                           int                     row,
                                           gint64                  count,
                                           const char             *css_class);
void      gil_head_add_time_cell          (GilHeadPage            *self,
                                           GtkGrid                *grid,
                                           int                     column,
                                           int                     row,
                                           gint64                  seconds,
                                           gboolean                is_wait,
                                           const char             *css_class);
void      gil_head_add_header_row         (GtkGrid                *grid,
                                           const char * const     *titles);
void      gil_head_page_show_load         (GilHeadPage            *self,
                                           GilDailyReport         *day);
void      gil_head_page_update_waiting    (GilHeadPage            *self);
void      gil_head_page_watch_rooms       (GilHeadPage            *self);
void      gil_head_page_show_days         (GilHeadPage            *self,
                                           GPtrArray              *days);

/* gil-head-cards.c */
void      gil_head_page_show_loket_wait   (GilHeadPage            *self,
                                           GilDailyReport         *day);
void      gil_head_page_show_day_stats    (GilHeadPage            *self,
                                           const GilReportFigures *totals);
void      gil_head_page_show_period_stats (GilHeadPage            *self,
                                           GPtrArray              *days);
void      gil_head_page_show_breakdowns   (GilHeadPage            *self,
                                           GilDailyReport         *day);
GtkLabel *gil_head_add_stat               (GilHeadPage            *self,
                                           const char             *id,
                                           const char             *caption,
                                           const char             *value,
                                           gboolean                flagged);
void      gil_head_add_count_stat         (GilHeadPage            *self,
                                           const char             *id,
                                           const char             *caption,
                                           gint64                  count);
void      gil_head_add_breakdown          (GilHeadPage            *self,
                                           const char             *id,
                                           const char             *title,
                                           GPtrArray              *names,
                                           GArray                 *counts,
                                           gint64                  total);

/* gil-head-month.c */
void      gil_head_page_build_month       (GilHeadPage            *self);
void      gil_head_page_load_month        (GilHeadPage            *self);
void      gil_head_page_show_month_report (GilHeadPage            *self);
char     *gil_head_page_month_choice      (const char             *month);
char     *gil_head_page_month_label       (GilHeadPage            *self);
char     *gil_head_page_month_title       (GilHeadPage            *self);
void      gil_head_page_this_month_clicked_cb (GilHeadPage        *self);

/* gil-head-export.c */
void      gil_head_page_export_csv_action (GtkWidget              *widget,
                                           const char             *action_name,
                                           GVariant               *parameter);
void      gil_head_page_export_xlsx_action (GtkWidget             *widget,
                                           const char             *action_name,
                                           GVariant               *parameter);
void      gil_head_page_print_action      (GtkWidget              *widget,
                                           const char             *action_name,
                                           GVariant               *parameter);

G_END_DECLS
