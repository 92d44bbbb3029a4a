/* gil-server-browser.h — the queue servers announced on the LAN (DNS-SD)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gil-found-server.h"

G_BEGIN_DECLS

#define GIL_TYPE_SERVER_BROWSER (gil_server_browser_get_type ())
G_DECLARE_FINAL_TYPE (GilServerBrowser, gil_server_browser, GIL, SERVER_BROWSER, GObject)

GilServerBrowser *gil_server_browser_new   (void);
void              gil_server_browser_start (GilServerBrowser *self);

G_END_DECLS
