import { z } from 'zod';
import { addDays, compareDates, IsoDateSchema } from '../calendar.ts';
import { type CapacityStep, type Convention, PlaceCategorySchema } from '../convention/schema.ts';
import { nullable } from '../nullable.ts';
import { trimmedText } from '../text.ts';

/** A furnished shared apartment (rapport n°41: 14 of them, shared by two, in Oignies, Hénin-Beaumont, Libercourt). */
export const ApartmentSchema = z
  .object({
    id: z.string().min(1),
    conventionId: z.string().min(1),
    label: trimmedText(z.string().trim().min(1).max(200)),
    /** INSEE code of the commune. */
    commune: z.string().regex(/^\d{5}$/, 'must be an INSEE code'),
    operator: z.string().min(1),
  })
  .strict()
  .meta({ id: 'Apartment' });

export const PlaceSchema = z
  .object({
    id: z.string().min(1),
    conventionId: z.string().min(1),
    category: PlaceCategorySchema,
    /** null until a department or association key assigns the place to an apartment. */
    apartmentId: z.string().min(1).nullable(),
    operator: z.string().min(1),
    availableFrom: IsoDateSchema,
    /** Included; null while the place lasts to the end of the convention. */
    availableUntil: nullable(IsoDateSchema),
  })
  .strict()
  .meta({ id: 'Place' });

export type Apartment = z.infer<typeof ApartmentSchema>;
export type Place = z.infer<typeof PlaceSchema>;

/**
 * The places a convention's capacity timeline creates, one per unit of capacity, opened when the
 * timeline first needs them (A01–A09 and M01 from 2022-01-01; A10–A17 and M02–M06 from 2022-04-01).
 * Minor places are operated by the partner that runs them (Accueil et Relais, rapport n°41) and
 * adult places by the operator. Apartments are not assigned: the text does not say which is where.
 */
export function placesOf(convention: Convention): Place[] {
  const operator =
    convention.parties.find((p) => p.role === 'operator')?.id ?? convention.parties[0]?.id ?? '';
  const minorsOperator = convention.parties.find((p) => p.role === 'partner')?.id ?? operator;
  const places: Place[] = [];
  const categories = [
    {
      category: 'adult',
      prefix: 'A',
      count: (s: CapacityStep) => s.adults,
      operator,
    },
    {
      category: 'minor',
      prefix: 'M',
      count: (s: CapacityStep) => s.minors,
      operator: minorsOperator,
    },
  ] as const;
  for (const { category, prefix, count, operator: placeOperator } of categories) {
    const opened: Place[] = [];
    for (const step of convention.capacity) {
      const wanted = count(step);
      while (opened.filter((p) => p.availableUntil === null).length < wanted) {
        const place: Place = {
          id: `${convention.id}-${prefix}${String(opened.length + 1).padStart(2, '0')}`,
          conventionId: convention.id,
          category,
          apartmentId: null,
          operator: placeOperator,
          availableFrom: step.from,
          availableUntil: null,
        };
        opened.push(place);
      }
      // A capacity that shrinks closes the most recently opened places the day before the step.
      const open = opened.filter((p) => p.availableUntil === null);
      for (const place of open.slice(wanted)) place.availableUntil = addDays(step.from, -1);
    }
    places.push(...opened);
  }
  return places;
}

export function isPlaceAvailableOn(place: Place, date: string): boolean {
  return (
    compareDates(place.availableFrom, date) <= 0 &&
    (place.availableUntil === null || compareDates(date, place.availableUntil) <= 0)
  );
}
