/* gil-speech.h — what a call announcement says, as a list of clips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The chime before every announcement. */
#define GIL_SPEECH_CHIME "chime"
/* Not a clip: a short pause, where the sentence has a comma. */
#define GIL_SPEECH_PAUSE ","

char       *gil_speech_clip_name     (const char         *text);
const char *gil_speech_letter        (char                letter);
GStrv       gil_speech_number        (guint64             number);
GStrv       gil_speech_ticket        (const char         *ticket);
GStrv       gil_speech_room_composed (const char         *room_name,
                                      const char         *cluster);
GStrv       gil_speech_call          (const char         *ticket,
                                      const char * const *room);
GStrv       gil_speech_call_at       (const char         *ticket,
                                      const char * const *room,
                                      guint               counter);

GStrv       gil_speech_loket_call    (const char         *ticket,
                                      const char         *desk);
char       *gil_speech_loket_text    (const char         *ticket,
                                      const char         *desk);

G_END_DECLS
