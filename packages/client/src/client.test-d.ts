// Types of the client, checked by `npm run typecheck` (tsc --noEmit), never run: each method takes
// what its operation's request schemas accept and resolves to what its success schema outputs.
import { createClient } from './client.ts';
import type { DeadlineKind, PlaceView } from './schemas/index.ts';

const client = createClient({ baseUrl: 'http://127.0.0.1:8787', apiKey: 'trk_…' });

export async function typed() {
  const places = await client.listPlaces({ query: { asOf: '2022-06-01' } });
  const place: PlaceView | undefined = places.places[0];
  await client.listPlaces();

  const occupancy = await client.getOccupancy({ params: { id: '2022-417' }, query: {} });
  const days: number = occupancy.days;

  // A coerced query field takes its type or a string.
  const deadlines = await client.getDeadlines({ params: { id: '2022-417' }, query: { withinDays: 7 } });
  await client.getFunding({ params: { id: '2022-417' }, query: { year: '2022' } });
  const kind: DeadlineKind | undefined = deadlines.deadlines[0]?.kind;

  const stay = await client.createStay({
    body: { beneficiaryId: 'ben_1', placeId: '2022-417-A01', startOn: '2022-05-02' },
  });
  const renewals: number = stay.renewals;
  await client.renewStay({ params: { id: stay.id } });

  const health = await client.getHealth();
  const status: 'ok' | 'starting' = health.status;

  const decided = await client.decideApplication({
    params: { id: 'app_1' },
    body: { decision: 'admitted', decidedBy: 'Commission', rationale: 'Parcours d’insertion engagé.' },
  });
  const differs: boolean | null = decided.differsFromAdvice;
  const verdict: string = decided.advice.verdict;

  // @ts-expect-error: the path parameter is required
  await client.getStay();
  // @ts-expect-error: the body is required
  await client.createStay({});
  // @ts-expect-error: a conventionId is a string
  await client.createApartment({ body: { label: 'A', commune: 'Oignies', conventionId: 1 } });

  return { place, days, kind, renewals, status, differs, verdict };
}
