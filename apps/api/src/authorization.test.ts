import { operations } from '@tremplins/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, type OperationId } from './http/access-policy.ts';
import { createTestDatabase } from './test-support/postgres.ts';
import { adultFacts, person, startTestServer, type TestServer } from './test-support/server.ts';

/*
 * The authorization matrix, generated from the operation table × the access policy × the keys of two
 * associations (A runs the adult places, B — the convention's partner — the minors'), on records of
 * their own and of the other, reads and writes. A new operation without a policy entry does not
 * compile; one whose policy the server does not apply fails here.
 */

type Who = 'department' | 'assocA' | 'assocB' | 'partner' | 'anonymous';
const A = 'rencontres-et-loisirs';
const B = 'accueil-et-relais';

let server: TestServer;
const keys: Partial<Record<Who, string | null>> = {};
let adultPlaces: string[];
let minorPlaces: string[];
/** One record per kind and owner for the cells that read it or must be refused it. */
const shared = new Map<string, string>();
/** Operations that change their record: an admitted call gets a fresh one. */
const CHANGES = new Set<OperationId>(['renewStay', 'exitStay', 'decideApplication', 'eraseBeneficiary']);
let seq = 0;

async function ok(method: string, path: string, body?: unknown): Promise<Record<string, string>> {
  const res = await server.call(method, path, { body });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A fresh young person of `owner` (a minor for B, whose places are the minors'), recorded by the department. */
async function beneficiary(owner: string): Promise<string> {
  seq += 1;
  const facts = owner === B ? adultFacts({ birthDate: '2005-09-01', aseStatus: 'in_care' }) : adultFacts();
  return (
    await ok('POST', '/v1/beneficiaries', { associationId: owner, person: person(`matrix-${seq}`), facts })
  ).id as string;
}

async function record(
  kind: NonNullable<(typeof ACCESS)[OperationId]['owned']>,
  owner: string,
): Promise<string> {
  if (kind === 'beneficiary') return beneficiary(owner);
  if (kind === 'apartment') {
    return (
      await ok('POST', '/v1/apartments', {
        label: `Appartement ${++seq}`,
        commune: 'Oignies',
        operator: owner,
      })
    ).id as string;
  }
  const id = await beneficiary(owner);
  if (kind === 'application')
    return (await ok('POST', '/v1/applications', { beneficiaryId: id, submittedOn: '2022-05-02' }))
      .id as string;
  const placeId = (owner === B ? minorPlaces.shift() : adultPlaces.shift()) as string;
  return (await ok('POST', '/v1/stays', { beneficiaryId: id, placeId, startOn: '2022-05-01' })).id as string;
}

/** A body the operation accepts, for a record of association A where it needs one. */
async function bodyFor(operationId: OperationId, owner: string): Promise<unknown> {
  switch (operationId) {
    case 'evaluateEligibility':
      return { ...adultFacts(), referenceDate: '2022-06-01' };
    case 'evaluateEligibilityBatch':
      return { requests: [{ ...adultFacts(), referenceDate: '2022-06-01' }] };
    case 'computeTermination':
      return { noticeReceivedOn: '2022-06-15' };
    case 'evaluateReimbursement':
      return {};
    case 'createApartment':
      return { label: `Appartement ${++seq}`, commune: 'Oignies' };
    case 'assignPlaces':
      return { placeIds: [owner === B ? '2022-417-M06' : '2022-417-A01'] };
    case 'createBeneficiary':
      return { person: person(`matrix-new-${++seq}`), facts: adultFacts() };
    case 'searchBeneficiaries':
      return { cafNumber: person('absent').cafNumber };
    case 'rectifyBeneficiary':
      return { person: { phone: '06 00 00 00 02' } };
    case 'createApplication':
      return { beneficiaryId: await beneficiary(A), submittedOn: '2022-05-02' };
    case 'decideApplication':
      return {
        decision: 'admitted',
        decidedBy: 'Mme Martin, commission',
        rationale: 'Projet solide, place libre.',
      };
    case 'createStay':
      return { beneficiaryId: await beneficiary(A), placeId: adultPlaces.shift(), startOn: '2022-05-01' };
    case 'exitStay':
      return { endOn: '2022-09-01', reason: 'housing_found' };
    case 'createKey':
      return { role: 'partner', label: 'matrix' };
    default:
      return undefined;
  }
}

function queryFor(operationId: OperationId): string {
  if (operationId === 'findBeneficiaries') return `?cafNumber=${person('absent').cafNumber}`;
  return '';
}

async function pathFor(operationId: OperationId, owner: string, fresh: boolean): Promise<string> {
  const { path } = operations[operationId];
  if (!path.includes('{id}')) return path;
  const { owned } = ACCESS[operationId];
  let id: string;
  if (owned && fresh) id = await record(owned, owner);
  else if (owned) {
    const key = `${owned}:${owner}`;
    id = shared.get(key) ?? (await record(owned, owner));
    shared.set(key, id);
  } else if (operationId === 'revokeKey')
    id = (await ok('POST', '/v1/keys', { role: 'partner', label: 'to revoke' })).id as string;
  else id = '2022-417';
  return path.replace('{id}', encodeURIComponent(id));
}

/** What the policy says this key must get on a record of `owner`. */
function expected(operationId: OperationId, who: Who, owner: string): 'allowed' | 401 | 403 | 404 {
  const { roles, owned } = ACCESS[operationId];
  if (roles === 'none') return 'allowed';
  if (who === 'anonymous') return 401;
  const role = who === 'assocA' || who === 'assocB' ? 'association' : who;
  if (!roles.includes(role)) return 403;
  const own = who === 'assocA' ? A : who === 'assocB' ? B : undefined;
  if (owned && own !== undefined && own !== owner) return owned === 'apartment' ? 403 : 404;
  // The young person named in the body is A's: another association's key does not find them.
  if (ACCESS[operationId].references && own !== undefined && own !== A) return 404;
  return 'allowed';
}

const WHO: Who[] = ['department', 'assocA', 'assocB', 'partner', 'anonymous'];

// On both stores: the policy is the API's, but the queries that enforce it run on each.
for (const kind of ['memory', 'postgres'] as const) {
  describe(`on ${kind === 'memory' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
    beforeAll(async () => {
      shared.clear();
      database = kind === 'postgres' ? await createTestDatabase() : undefined;
      server = await startTestServer({
        today: '2022-10-01',
        ...(database ? { store: { kind: 'postgres' as const, url: database.url } } : {}),
      });
      keys.department = server.key;
      keys.assocA = await server.createKey('association', A);
      keys.assocB = await server.createKey('association', B);
      keys.partner = await server.createKey('partner');
      keys.anonymous = null;
      adultPlaces = Array.from({ length: 17 }, (_, i) => `2022-417-A${String(i + 1).padStart(2, '0')}`);
      minorPlaces = Array.from({ length: 6 }, (_, i) => `2022-417-M0${i + 1}`);
    });
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    describe('the authorization matrix', () => {
      it('has a policy entry for exactly the operations of the contract', () => {
        expect(Object.keys(ACCESS).sort()).toEqual(Object.keys(operations).sort());
      });

      const cells = (Object.keys(ACCESS) as OperationId[]).flatMap((operationId) =>
        WHO.flatMap((who) =>
          (ACCESS[operationId].owned ? [A, B] : [A]).map((owner) => ({ operationId, who, owner })),
        ),
      );

      it(`holds on all ${cells.length} cells: role × operation × own or other association's record`, async () => {
        const faults: string[] = [];
        for (const { operationId, who, owner } of cells) {
          const want = expected(operationId, who, owner);
          const { method } = operations[operationId];
          const fresh = want === 'allowed' && CHANGES.has(operationId);
          const path = (await pathFor(operationId, owner, fresh)) + queryFor(operationId);
          const body = await bodyFor(operationId, owner);
          const res = await server.call(method.toUpperCase(), path, { key: keys[who] ?? null, body });
          const got = res.status;
          const pass = want === 'allowed' ? ![401, 403, 404].includes(got) && got < 500 : got === want;
          if (!pass)
            faults.push(
              `${operationId} by ${who} on ${owner === A ? 'A' : 'B'}'s record: HTTP ${got}, expected ${want}`,
            );
        }
        expect(faults).toEqual([]);
      });
    });

    describe('ownership of places and apartments', () => {
      it('an association neither records an apartment for another nor moves another’s places', async () => {
        const forged = await server.call('POST', '/v1/apartments', {
          key: keys.assocB ?? null,
          body: { label: 'Appartement forgé', commune: 'Oignies', operator: A },
        });
        expect(forged.status).toBe(403);
        expect(forged.body.errors[0].path).toBe('operator');
        const bFlat = await server.call('POST', '/v1/apartments', {
          key: keys.assocB ?? null,
          body: { label: 'Appartement de B', commune: 'Oignies' },
        });
        expect(bFlat.status).toBe(201);
        expect(bFlat.body.operator).toBe(B);
        // A's adult places do not go into B's apartment, whoever asks; nothing moves.
        for (const key of [keys.assocB, keys.department]) {
          const moved = await server.call('PUT', `/v1/apartments/${bFlat.body.id}/places`, {
            key: key ?? null,
            body: { placeIds: ['2022-417-M02', '2022-417-A17'] },
          });
          expect([403, 409]).toContain(moved.status);
          expect(moved.body.errors[0].path).toBe('placeIds.1');
        }
        const places = await server.call('GET', '/v1/places?asOf=2022-06-01');
        const m02 = places.body.places.find((p: { id: string }) => p.id === '2022-417-M02');
        expect(m02.apartmentId).toBeNull();
        // A's key cannot touch B's apartment at all.
        const intoB = await server.call('PUT', `/v1/apartments/${bFlat.body.id}/places`, {
          key: keys.assocA ?? null,
          body: { placeIds: ['2022-417-M03'] },
        });
        expect(intoB.status).toBe(403);
      });
    });
  });
}
