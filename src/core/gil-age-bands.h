/* gil-age-bands.h — the age bands a report counts visits in, as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The set a report uses unless one is asked for or chosen. */
#define GIL_AGE_BANDS_DEFAULT "giliran"

/* The most bands a set has. */
#define GIL_AGE_BANDS_MAX 8

typedef enum
{
  GIL_AGE_UNIT_DAYS,     /* days since birth */
  GIL_AGE_UNIT_MONTHS,   /* whole calendar months since birth */
} GilAgeUnit;

/* An age: @value days or whole months. */
typedef struct
{
  int        value;
  GilAgeUnit unit;
} GilAgeBound;

/* A band: ages from @min (reached) to below @max; @max.value -1 has no
 * end. */
typedef struct
{
  const char  *id;
  GilAgeBound  min;
  GilAgeBound  max;
} GilAgeBand;

typedef struct
{
  const char *id;
  guint       n_bands;
  GilAgeBand  bands[GIL_AGE_BANDS_MAX];
} GilAgeBandSet;

const GilAgeBandSet *gil_age_bands_lookup    (const char          *id);
const GilAgeBandSet *gil_age_bands_get       (guint                index);
guint                gil_age_bands_get_n     (void);
guint                gil_age_bands_band_of   (const GilAgeBandSet *set,
                                              int                  age_days,
                                              int                  age_months);

G_END_DECLS
