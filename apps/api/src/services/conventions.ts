import { type Convention, ConventionSchema } from '@tremplins/domain';
import { eq } from 'drizzle-orm';
import { conventions } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { ApiProblem } from '../http/problem.ts';

const cache = new WeakMap<Store, Map<string, Convention>>();

/** The stored convention, validated once per store (documents are written only by the seed). */
export async function getConventionDocument(store: Store, id: string): Promise<Convention> {
  const owner = store.root ?? store;
  let byId = cache.get(owner);
  if (!byId) {
    byId = new Map();
    cache.set(owner, byId);
  }
  const cached = byId.get(id);
  if (cached) return cached;
  const [row] = await store.db.select().from(conventions).where(eq(conventions.id, id));
  if (!row) throw new ApiProblem('not_found', 'no such convention');
  const convention = ConventionSchema.parse(row.document);
  byId.set(id, convention);
  return convention;
}

export async function listConventionDocuments(store: Store): Promise<Convention[]> {
  const rows = await store.db.select({ id: conventions.id }).from(conventions).orderBy(conventions.id);
  return Promise.all(rows.map((r) => getConventionDocument(store, r.id)));
}
