import { listConventions, placesOf } from '@tremplins/domain';
import { conventions, places } from './schema.ts';
import type { Database } from './store.ts';

/**
 * Seeds what the convention text says and nothing more: the convention and the places its capacity
 * timeline creates (art. 2: 10 places until 2022-03-31, 23 from 2022-04-01). Apartments are not seeded:
 * the text names 14 apartments in three communes but not which place is in which (rapport n°41).
 */
export async function seedConventions(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const convention of listConventions()) {
      await tx.insert(conventions).values({ id: convention.id, document: convention }).onConflictDoNothing();
      const rows = placesOf(convention).map((p) => ({
        id: p.id,
        conventionId: p.conventionId,
        category: p.category,
        apartmentId: null,
        operator: p.operator,
        availableFrom: p.availableFrom,
        availableUntil: p.availableUntil,
      }));
      if (rows.length > 0) await tx.insert(places).values(rows).onConflictDoNothing();
    }
  });
}
