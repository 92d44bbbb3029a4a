/* gil-printer-finder.c — the printer a kiosk prints on, found without a
 * dialog
 *
 * A kiosk has nobody to choose a printer: it prints on the computer's
 * default printer, else on its one real printer (not "Print to File").
 * GTK lists the printers as its print backends find them; with no print
 * server running the list may never end, and a print started then waits
 * for ever. So the printer is looked for here first, for a while at most:
 * found, it is kept for the next tickets; not found in time, the kiosk
 * says the ticket did not print, with its number.
 *
 * One listing runs at a time in the process, whatever the number of
 * presses waiting for it: a printer that never appears costs one listing,
 * not one per press.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtkunixprint.h>

#include "gil-printer-finder.h"

typedef struct
{
  char     *found;        /* the printer's name, once one is known */
  gboolean  is_default;   /* found is the default printer */
  gboolean  listing;      /* GTK is listing the printers */
  GList    *waiting;      /* element-type GTask */
} Finder;

static Finder finder;

static void
answer (GTask *task)
{
  guint timeout_id = GPOINTER_TO_UINT (g_task_get_task_data (task));

  if (timeout_id != 0)
    g_source_remove (timeout_id);
  g_task_set_task_data (task, NULL, NULL);
  if (finder.found != NULL)
    g_task_return_pointer (task, g_strdup (finder.found), g_free);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                             _("No printer is ready: is it on, with paper?"));
  g_object_unref (task);
}

/* Every press waiting is answered: the printer found, or none. */
static void
answer_all (void)
{
  GList *waiting = g_steal_pointer (&finder.waiting);

  g_list_free_full (waiting, (GDestroyNotify)answer);
}

static gboolean
on_printer_cb (GtkPrinter *printer,
               gpointer    data)
{
  if (gtk_printer_is_virtual (printer))
    return FALSE;
  if (finder.found == NULL || gtk_printer_is_default (printer))
    {
      g_free (finder.found);
      finder.found = g_strdup (gtk_printer_get_name (printer));
      finder.is_default = gtk_printer_is_default (printer);
    }
  /* The default printer ends the search. */
  return finder.is_default;
}

static void
on_listed_cb (gpointer data)
{
  finder.listing = FALSE;
  answer_all ();
}

static gboolean
on_wait_over_cb (gpointer user_data)
{
  GTask *task = user_data;

  /* Answered now with what is known: the list goes on for the next. */
  g_task_set_task_data (task, NULL, NULL);
  finder.waiting = g_list_remove (finder.waiting, task);
  answer (task);
  return G_SOURCE_REMOVE;
}

/**
 * gil_printer_finder_find_async:
 * @wait_ms: how long the printers may be looked for at most
 *
 * Finds the printer a ticket is printed on: the one found before, else
 * the default printer, else a real one, looked for at most @wait_ms.
 */
void
gil_printer_finder_find_async (guint                wait_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  guint timeout_id;

  g_task_set_source_tag (task, gil_printer_finder_find_async);
  if (finder.found != NULL && !finder.listing)
    {
      answer (task);
      return;
    }
  timeout_id = g_timeout_add (wait_ms, on_wait_over_cb, task);
  g_task_set_task_data (task, GUINT_TO_POINTER (timeout_id), NULL);
  finder.waiting = g_list_append (finder.waiting, task);
  if (!finder.listing)
    {
      finder.listing = TRUE;
      gtk_enumerate_printers (on_printer_cb, NULL, on_listed_cb, FALSE);
    }
}

/**
 * gil_printer_finder_find_finish:
 *
 * Returns: (transfer full): the printer's name, or %NULL with @error set
 *   when none was found in time
 */
char *
gil_printer_finder_find_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gil_printer_finder_forget:
 *
 * A print on the printer found failed: it is looked for again next time
 * (it may be gone, or another made the default).
 */
void
gil_printer_finder_forget (void)
{
  if (!finder.listing)
    {
      g_clear_pointer (&finder.found, g_free);
      finder.is_default = FALSE;
    }
}
