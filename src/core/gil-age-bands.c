/* gil-age-bands.c — the age bands a report counts visits in, as data
 *
 * Three sets, each a list of bands that together hold every age once, in
 * order from birth (doc/api.md, "Age bands", gives the sources):
 *
 * - giliran: the six groups of ROUTING.md the app has always used;
 * - permenkes: Permenkes 25/2014 (upaya kesehatan anak), with dewasa and
 *   lansia added so that every patient is in one band;
 * - spm: the Standar Pelayanan Minimal, Permenkes 4/2019.
 *
 * A bound is in days or in whole calendar months, as the regulation
 * writes it: "0–28 hari" needs days, "12–59 bulan" months (a month is
 * not a fixed number of days). The age is the patient's on the day of
 * the visit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-age-bands.h"

#define DAYS(n)   { (n), GIL_AGE_UNIT_DAYS }
#define MONTHS(n) { (n), GIL_AGE_UNIT_MONTHS }
#define YEARS(n)  MONTHS ((n) * 12)
#define NO_END    { -1, GIL_AGE_UNIT_MONTHS }

static const GilAgeBandSet sets[] = {
  { "giliran", 6, {
      { "bayi", DAYS (0), MONTHS (12) },
      { "balita", MONTHS (12), MONTHS (60) },
      { "anak", YEARS (5), YEARS (10) },
      { "remaja", YEARS (10), YEARS (18) },
      { "dewasa", YEARS (18), YEARS (60) },
      { "lansia", YEARS (60), NO_END },
    } },
  { "permenkes", 7, {
      { "neonatus", DAYS (0), DAYS (29) },
      { "post-neonatal", DAYS (29), MONTHS (12) },
      { "balita", MONTHS (12), MONTHS (60) },
      /* "60 sampai 72 bulan": up to the last day of the 72nd month */
      { "prasekolah", MONTHS (60), MONTHS (73) },
      { "sekolah-remaja", MONTHS (73), YEARS (18) },
      { "dewasa", YEARS (18), YEARS (60) },
      { "lansia", YEARS (60), NO_END },
    } },
  { "spm", 5, {
      { "bayi-baru-lahir", DAYS (0), DAYS (29) },
      { "bayi-balita", DAYS (29), MONTHS (60) },
      { "pendidikan-dasar", YEARS (5), YEARS (15) },
      { "usia-produktif", YEARS (15), YEARS (60) },
      { "usia-lanjut", YEARS (60), NO_END },
    } },
};

/**
 * gil_age_bands_lookup:
 * @id: (nullable): "giliran", "permenkes" or "spm"
 *
 * Returns: (transfer none) (nullable): the set, or %NULL for an id no set
 *   has
 */
const GilAgeBandSet *
gil_age_bands_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (sets); i++)
    if (g_str_equal (sets[i].id, id))
      return &sets[i];
  return NULL;
}

guint
gil_age_bands_get_n (void)
{
  return G_N_ELEMENTS (sets);
}

/* Returns: (transfer none): the set @index, in the order above */
const GilAgeBandSet *
gil_age_bands_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (sets), NULL);

  return &sets[index];
}

static gboolean
below (const GilAgeBound *bound,
       int                age_days,
       int                age_months)
{
  if (bound->value < 0)
    return TRUE;
  return (bound->unit == GIL_AGE_UNIT_DAYS ? age_days : age_months) < bound->value;
}

/**
 * gil_age_bands_band_of:
 * @age_days: the age in days
 * @age_months: the same age in whole calendar months
 *
 * Returns: the index in @set of the band that holds the age: the first
 *   whose end it has not reached
 */
guint
gil_age_bands_band_of (const GilAgeBandSet *set,
                       int                  age_days,
                       int                  age_months)
{
  g_return_val_if_fail (set != NULL && set->n_bands > 0, 0);

  for (guint i = 0; i + 1 < set->n_bands; i++)
    if (below (&set->bands[i].max, age_days, age_months))
      return i;
  return set->n_bands - 1;
}
