import { convention2022417, occupancy } from '@tremplins/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultFacts, person, startTestServer, type TestServer } from '../../test-support/server.ts';

let server: TestServer;
let assocA: string;
let assocB: string;
let partner: string;

beforeAll(async () => {
  server = await startTestServer({ today: '2022-10-01' });
  assocA = await server.createKey('association', 'rencontres-et-loisirs');
  // The convention's partner, which runs the minors' places: a second association that exists.
  assocB = await server.createKey('association', 'accueil-et-relais');
  partner = await server.createKey('partner');
});
afterAll(() => server?.close());

async function register(seed: string, facts = adultFacts(), key = server.key, associationId?: string) {
  const res = await server.call('POST', '/v1/beneficiaries', {
    key,
    body: {
      ...(key === server.key ? { associationId: associationId ?? 'rencontres-et-loisirs' } : {}),
      person: person(seed),
      facts,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('beneficiaries', () => {
  it('registers a young person under a pseudonymous id and reads them back, decrypted', async () => {
    const id = await register('read');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const res = await server.call('GET', `/v1/beneficiaries/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      associationId: 'rencontres-et-loisirs',
      person: { ...person('read'), phone: person('read').phone },
      facts: adultFacts(),
      birthDateCertainty: 'exact',
    });
  });

  it('finds a young person by CAF number however it is typed', async () => {
    const id = await register('caf');
    const caf = person('caf').cafNumber;
    const spaced = `${caf.slice(0, 3)} ${caf.slice(3)}`;
    const res = await server.call('GET', `/v1/beneficiaries?cafNumber=${encodeURIComponent(spaced)}`);
    expect(res.status).toBe(200);
    expect(res.body.beneficiaries.map((b: { id: string }) => b.id)).toEqual([id]);
  });

  it('an association records only its own young people and never reads another’s (404, not 403)', async () => {
    const own = await register('own-a', adultFacts(), assocA);
    const other = await register('other-b', adultFacts(), assocB);
    expect((await server.call('GET', `/v1/beneficiaries/${own}`, { key: assocA })).status).toBe(200);
    const res = await server.call('GET', `/v1/beneficiaries/${other}`, { key: assocA });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    const search = await server.call('GET', `/v1/beneficiaries?cafNumber=${person('other-b').cafNumber}`, {
      key: assocA,
    });
    expect(search.body.beneficiaries).toEqual([]);
    const forged = await server.call('POST', '/v1/beneficiaries', {
      key: assocA,
      body: { associationId: 'accueil-et-relais', person: person('forged'), facts: adultFacts() },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.errors[0].path).toBe('associationId');
    for (const path of [`/v1/applications`, `/v1/stays`]) {
      const body =
        path === '/v1/stays'
          ? { beneficiaryId: other, placeId: '2022-417-A02', startOn: '2022-06-01' }
          : { beneficiaryId: other };
      expect((await server.call('POST', path, { key: assocA, body })).status).toBe(404);
    }
  });

  it('a department key must say which association a young person belongs to', async () => {
    const res = await server.call('POST', '/v1/beneficiaries', {
      body: { person: person('x'), facts: adultFacts() },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'associationId', message: 'required for a department key' }]);
  });
});

describe('applications', () => {
  it('stores the advice, and only a person with a rationale records the decision', async () => {
    const id = await register('app');
    const created = await server.call('POST', '/v1/applications', {
      body: { beneficiaryId: id, submittedOn: '2022-05-02' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ beneficiaryId: id, submittedOn: '2022-05-02', decision: null });
    expect(created.body.advice).toMatchObject({ verdict: 'eligible', category: 'adult', age: 19 });
    expect(created.body.advice).not.toHaveProperty('decision');

    const noRationale = await server.call('POST', `/v1/applications/${created.body.id}/decision`, {
      body: { decision: 'admitted', decidedBy: 'Mme Martin, commission d’admission', rationale: 'ok' },
    });
    expect(noRationale.status).toBe(400);
    expect(noRationale.body.errors.map((e: { path: string }) => e.path)).toEqual(['rationale']);
    const noPerson = await server.call('POST', `/v1/applications/${created.body.id}/decision`, {
      body: { decision: 'admitted', rationale: 'Projet d’insertion solide, place disponible.' },
    });
    expect(noPerson.body.errors.map((e: { path: string }) => e.path)).toEqual(['decidedBy']);
    expect((await server.call('GET', `/v1/applications/${created.body.id}`)).body.decision).toBeNull();

    const decided = await server.call('POST', `/v1/applications/${created.body.id}/decision`, {
      body: {
        decision: 'refused',
        decidedBy: 'Mme Martin, commission d’admission',
        rationale: 'Orientation vers un dispositif plus adapté.',
      },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      decision: {
        decision: 'refused',
        decidedBy: 'Mme Martin, commission d’admission',
        decidedOn: '2022-10-01',
      },
      differsFromAdvice: true,
    });
    const again = await server.call('POST', `/v1/applications/${created.body.id}/decision`, {
      body: { decision: 'admitted', decidedBy: 'Quelqu’un', rationale: 'Changement d’avis sans motif.' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_decided');
  });
});

describe('stays', () => {
  it('registers an entry with its planned end, then refuses a second one on the place or for the person', async () => {
    const first = await register('stay-1');
    const second = await register('stay-2', adultFacts({ birthDate: '2002-01-20' }));
    const res = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: first, placeId: '2022-417-A03', startOn: '2022-04-01' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      placeId: '2022-417-A03',
      category: 'adult',
      plannedEndOn: '2022-07-01',
      renewals: 0,
    });

    const taken = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: second, placeId: '2022-417-A03', startOn: '2022-05-01' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('place_occupied');
    const housed = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: first, placeId: '2022-417-A04', startOn: '2022-05-01' },
    });
    expect(housed.status).toBe(409);
    expect(housed.body.code).toBe('already_housed');
    // Nothing was written by the refusals: the places show one stay only.
    const places = await server.call('GET', '/v1/places?asOf=2022-05-01');
    const occupied = places.body.places.filter(
      (p: { occupiedBy?: string }) => p.occupiedBy === first || p.occupiedBy === second,
    );
    expect(occupied.map((p: { id: string }) => p.id)).toEqual(['2022-417-A03']);
  });

  it('renews once (3 months, chained) and then refuses, and records an exit once', async () => {
    const id = await register('renew');
    const stay = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: id, placeId: '2022-417-A05', startOn: '2022-04-15' },
    });
    const renewed = await server.call('POST', `/v1/stays/${stay.body.id}/renewal`);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ renewals: 1, plannedEndOn: '2022-10-15' });
    const twice = await server.call('POST', `/v1/stays/${stay.body.id}/renewal`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('renewal_limit');
    const before = await server.call('POST', `/v1/stays/${stay.body.id}/exit`, {
      body: { endOn: '2022-04-01', reason: 'housing_found' },
    });
    expect(before.status).toBe(400);
    expect(before.body.errors[0].path).toBe('endOn');
    const future = await server.call('POST', `/v1/stays/${stay.body.id}/exit`, {
      body: { endOn: '2022-10-02', reason: 'housing_found' },
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([
      { path: 'endOn', message: 'must not be after today (Europe/Paris)' },
    ]);
    const exit = await server.call('POST', `/v1/stays/${stay.body.id}/exit`, {
      body: { endOn: '2022-09-01', reason: 'housing_found' },
    });
    expect(exit.status).toBe(200);
    expect(exit.body).toMatchObject({ endOn: '2022-09-01', exitReason: 'housing_found' });
    const again = await server.call('POST', `/v1/stays/${stay.body.id}/exit`, {
      body: { endOn: '2022-09-02', reason: 'other' },
    });
    expect(again.body.code).toBe('already_exited');
    // The place is free again from the exit day.
    const places = await server.call('GET', '/v1/places?asOf=2022-09-01');
    expect(places.body.places.find((p: { id: string }) => p.id === '2022-417-A05').occupied).toBe(false);
  });

  it('409 when the place’s category does not fit the age on startOn', async () => {
    // The minors' places are run by the convention's partner: its young people take them.
    const minor = await register(
      'minor',
      adultFacts({ birthDate: '2005-09-01', aseStatus: 'in_care' }),
      server.key,
      'accueil-et-relais',
    );
    const adult = await register('adult-relais', adultFacts(), server.key, 'accueil-et-relais');
    const adultInMinorPlace = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: adult, placeId: '2022-417-M01', startOn: '2022-06-01' },
    });
    expect(adultInMinorPlace.status).toBe(409);
    expect(adultInMinorPlace.body.code).toBe('category_mismatch');
    // Categories, never the age, in the message.
    expect(adultInMinorPlace.body.detail).not.toMatch(/\b1[6-9]\b|2[01]\b|aged/);
    const minorPlace = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: minor, placeId: '2022-417-M02', startOn: '2022-06-01' },
    });
    expect(minorPlace.status).toBe(201);
    // 42 days tacitly extended to 3 months (art. 6, rapport n°41): the planned end is the extended one.
    expect(minorPlace.body.plannedEndOn).toBe('2022-09-01');
  });

  it('422 with the failed checks when not eligible on startOn, or with the missing facts', async () => {
    const tooOld = await register('old', adultFacts({ birthDate: '2000-01-10' }));
    const res = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: tooOld, placeId: '2022-417-A07', startOn: '2022-06-01' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ineligible');
    expect(res.body.checks).toContainEqual(
      expect.objectContaining({ id: 'age-max', article: expect.any(String) }),
    );
    const unknown = await register('unknown', adultFacts({ hasResources: undefined }));
    const undetermined = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: unknown, placeId: '2022-417-A07', startOn: '2022-06-01' },
    });
    expect(undetermined.status).toBe(422);
    expect(undetermined.body).toMatchObject({
      code: 'eligibility_undetermined',
      missingFacts: ['hasResources'],
    });
  });

  it('409 for a place that does not exist yet on startOn (A10–A17 open on 2022-04-01)', async () => {
    const id = await register('early');
    const res = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: id, placeId: '2022-417-A12', startOn: '2022-03-15' },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('place_not_available');
    expect(
      (
        await server.call('POST', '/v1/stays', {
          body: { beneficiaryId: id, placeId: 'nope', startOn: '2022-06-01' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('another association’s records', () => {
  it('are not found through any route that takes their id, and are not named in a refusal', async () => {
    const other = await register(
      'foreign-relais',
      adultFacts({ birthDate: '2005-09-01', aseStatus: 'in_care' }),
      server.key,
      'accueil-et-relais',
    );
    const stay = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: other, placeId: '2022-417-M04', startOn: '2022-06-01' },
    });
    expect(stay.status).toBe(201);
    const application = await server.call('POST', '/v1/applications', { body: { beneficiaryId: other } });
    expect(application.status).toBe(201);
    const probes: [string, string, unknown?][] = [
      ['GET', `/v1/beneficiaries/${other}`],
      ['GET', `/v1/stays/${stay.body.id}`],
      ['POST', `/v1/stays/${stay.body.id}/renewal`],
      ['POST', `/v1/stays/${stay.body.id}/exit`, { endOn: '2022-07-01', reason: 'other' }],
      ['GET', `/v1/applications/${application.body.id}`],
      [
        'POST',
        `/v1/applications/${application.body.id}/decision`,
        { decision: 'admitted', decidedBy: 'Quelqu’un', rationale: 'Décision prise sans droit de le faire.' },
      ],
    ];
    for (const [method, path, body] of probes) {
      const res = await server.call(method, path, { key: assocA, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // The department sees they are unchanged.
    expect((await server.call('GET', `/v1/stays/${stay.body.id}`)).body).toMatchObject({
      renewals: 0,
      endOn: null,
    });
    expect((await server.call('GET', `/v1/applications/${application.body.id}`)).body.decision).toBeNull();
    // A place another association runs is refused before anything about its occupant is looked at.
    const mine = await register(
      'mine-for-m04',
      adultFacts({ birthDate: '2005-10-01', aseStatus: 'in_care' }),
      assocA,
    );
    const taken = await server.call('POST', '/v1/stays', {
      key: assocA,
      body: { beneficiaryId: mine, placeId: '2022-417-M04', startOn: '2022-06-15' },
    });
    expect(taken.status).toBe(403);
    expect(JSON.stringify(taken.body)).not.toContain(stay.body.id);
    const places = await server.call('GET', '/v1/places?asOf=2022-06-15', { key: assocA });
    const m04 = places.body.places.find((p: { id: string }) => p.id === '2022-417-M04');
    expect(m04).toMatchObject({ occupied: true });
    expect(m04).not.toHaveProperty('occupiedBy');
  });

  it('the department records nothing for an association that does not exist, nor a key for it', async () => {
    const res = await server.call('POST', '/v1/beneficiaries', {
      body: { associationId: 'autre-association', person: person('no-party'), facts: adultFacts() },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'associationId', message: 'must be an association that runs places of a stored convention' },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('autre-association');
    const key = await server.call('POST', '/v1/keys', {
      body: { role: 'association', associationId: 'autre-association', label: 'x' },
    });
    expect(key.status).toBe(400);
    expect(key.body.errors[0].path).toBe('associationId');
  });

  it('a stay that has not begun is cancelled with endOn = startOn, not ended later', async () => {
    const id = await register('future-stay');
    const stay = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: id, placeId: '2022-417-A13', startOn: '2022-11-01' },
    });
    expect(stay.status).toBe(201);
    const later = await server.call('POST', `/v1/stays/${stay.body.id}/exit`, {
      body: { endOn: '2022-11-02', reason: 'other' },
    });
    expect(later.status).toBe(400);
    const cancelled = await server.call('POST', `/v1/stays/${stay.body.id}/exit`, {
      body: { endOn: '2022-11-01', reason: 'other' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ startOn: '2022-11-01', endOn: '2022-11-01' });
  });

  it('an association houses its young people only in the places it runs, whoever’s key asks', async () => {
    const id = await register('no-party', adultFacts(), assocB);
    const res = await server.call('POST', '/v1/stays', {
      key: assocB,
      body: { beneficiaryId: id, placeId: '2022-417-A11', startOn: '2022-06-01' },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    const byDepartment = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: id, placeId: '2022-417-A11', startOn: '2022-06-01' },
    });
    expect(byDepartment.status).toBe(409);
    expect(byDepartment.body.code).toBe('operator_mismatch');
    const minorOfA = await register(
      'minor-of-a',
      adultFacts({ birthDate: '2005-09-01', aseStatus: 'in_care' }),
      assocA,
    );
    const inB = await server.call('POST', '/v1/stays', {
      key: assocA,
      body: { beneficiaryId: minorOfA, placeId: '2022-417-M05', startOn: '2022-06-01' },
    });
    expect(inB.status).toBe(403);
  });

  it('an application for an unknown convention is a 404, not an error', async () => {
    const id = await register('unknown-convention');
    const res = await server.call('POST', '/v1/applications', {
      body: { beneficiaryId: id, conventionId: '1999-001' },
    });
    expect(res.status).toBe(404);
  });

  it('a commune of origin that is no commune is refused at registration, naming facts.commune', async () => {
    const res = await server.call('POST', '/v1/beneficiaries', {
      body: {
        associationId: 'rencontres-et-loisirs',
        person: person('atl'),
        facts: adultFacts({ commune: 'Atlantis-sur-Mer' }),
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'facts.commune', message: expect.any(String) }]);
    expect(JSON.stringify(res.body)).not.toContain('Atlantis');
  });
});

describe('data-subject rights', () => {
  it('rectifies a record: new values read back, the CAF search follows the new number', async () => {
    const id = await register('rectify');
    const res = await server.call('PATCH', `/v1/beneficiaries/${id}`, {
      body: {
        person: { phone: '07 00 00 00 01', cafNumber: '5550001' },
        facts: adultFacts({ hasResources: false }),
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({
      phone: '07 00 00 00 01',
      cafNumber: '5550001',
      lastName: person('rectify').lastName,
    });
    expect(res.body.facts.hasResources).toBe(false);
    const old = await server.call('POST', '/v1/beneficiaries/search', {
      body: { cafNumber: person('rectify').cafNumber },
    });
    expect(old.body.beneficiaries).toEqual([]);
    const found = await server.call('POST', '/v1/beneficiaries/search', { body: { cafNumber: '555 0001' } });
    expect(found.body.beneficiaries.map((b: { id: string }) => b.id)).toEqual([id]);
    const empty = await server.call('PATCH', `/v1/beneficiaries/${id}`, { body: {} });
    expect(empty.status).toBe(400);
    const badCommune = await server.call('PATCH', `/v1/beneficiaries/${id}`, {
      body: { facts: adultFacts({ commune: 'Atlantis-sur-Mer' }) },
    });
    expect(badCommune.status).toBe(400);
    expect(badCommune.body.errors[0].path).toBe('facts.commune');
  });

  it('erases a record once its stay has ended: personal data gone, the stay kept for the activity figures', async () => {
    const id = await register('erase');
    const stay = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: id, placeId: '2022-417-A14', startOn: '2022-05-01' },
    });
    expect(stay.status).toBe(201);
    await server.call('POST', '/v1/applications', { body: { beneficiaryId: id, submittedOn: '2022-04-20' } });
    const housed = await server.call('DELETE', `/v1/beneficiaries/${id}`);
    expect(housed.status).toBe(409);
    expect((await server.call('GET', `/v1/beneficiaries/${id}`)).status).toBe(200);
    await server.call('POST', `/v1/stays/${stay.body.id}/exit`, {
      body: { endOn: '2022-07-01', reason: 'excluded' },
    });
    const before = await server.call('GET', '/v1/conventions/2022-417/occupancy?asOf=2023-01-01');
    const erased = await server.call('DELETE', `/v1/beneficiaries/${id}`);
    expect(erased.status).toBe(200);
    expect((await server.call('GET', `/v1/beneficiaries/${id}`)).status).toBe(404);
    const search = await server.call('POST', '/v1/beneficiaries/search', {
      body: { cafNumber: person('erase').cafNumber },
    });
    expect(search.body.beneficiaries).toEqual([]);
    const kept = await server.call('GET', `/v1/stays/${stay.body.id}`);
    expect(kept.body).toMatchObject({ beneficiaryId: id, endOn: '2022-07-01', exitReason: null });
    const after = await server.call('GET', '/v1/conventions/2022-417/occupancy?asOf=2023-01-01');
    expect(after.body.days).toBe(before.body.days);
    expect((await server.call('DELETE', `/v1/beneficiaries/${id}`)).status).toBe(404);
  });

  it('takes the CAF number in the body as well as in the query', async () => {
    const id = await register('search-body');
    const res = await server.call('POST', '/v1/beneficiaries/search', {
      key: assocA,
      body: { cafNumber: person('search-body').cafNumber },
    });
    expect(res.status).toBe(200);
    // Registered by the department for Rencontres et Loisirs: the association key sees it.
    expect(res.body.beneficiaries.map((b: { id: string }) => b.id)).toEqual([id]);
    expect(
      (
        await server.call('POST', '/v1/beneficiaries/search', {
          key: partner,
          body: { cafNumber: '1234567' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('places and apartments', () => {
  it('lists 10 places until 2022-03-31 (9 adults, 1 minor) and 23 from 2022-04-01 (17, 6)', async () => {
    const count = async (asOf: string) => {
      const res = await server.call('GET', `/v1/places?asOf=${asOf}`, { key: partner });
      const places = res.body.places as { category: string }[];
      return [
        places.length,
        places.filter((p) => p.category === 'adult').length,
        places.filter((p) => p.category === 'minor').length,
      ];
    };
    expect(await count('2022-03-31')).toEqual([10, 9, 1]);
    expect(await count('2022-04-01')).toEqual([23, 17, 6]);
  });

  it('records an apartment in a real commune and assigns places to it', async () => {
    const created = await server.call('POST', '/v1/apartments', {
      key: assocA,
      body: { label: 'Appartement T3 n°1', commune: 'Hénin-Beaumont' },
    });
    expect(created.status).toBe(201);
    expect(created.body.commune).toEqual({ inseeCode: '62427', name: 'Hénin-Beaumont' });
    const assigned = await server.call('PUT', `/v1/apartments/${created.body.id}/places`, {
      key: assocA,
      body: { placeIds: ['2022-417-A01', '2022-417-A02'] },
    });
    expect(assigned.body.placeIds).toEqual(['2022-417-A01', '2022-417-A02']);
    const places = await server.call('GET', '/v1/places?asOf=2022-06-01', { key: partner });
    expect(places.body.places[0]).toMatchObject({
      id: '2022-417-A01',
      apartmentId: created.body.id,
      apartmentLabel: 'Appartement T3 n°1',
      commune: { inseeCode: '62427', name: 'Hénin-Beaumont' },
    });
    const unknownPlace = await server.call('PUT', `/v1/apartments/${created.body.id}/places`, {
      body: { placeIds: ['2022-417-A01', 'nope'] },
    });
    expect(unknownPlace.status).toBe(400);
    expect(unknownPlace.body.errors[0].path).toBe('placeIds.1');
    const badCommune = await server.call('POST', '/v1/apartments', {
      body: { label: 'T2', commune: 'Atlantis' },
    });
    expect(badCommune.status).toBe(400);
  });

  it('shows who occupies a place to the department and the association, never to a partner', async () => {
    const department = await server.call('GET', '/v1/places?asOf=2022-05-01');
    const partnerView = await server.call('GET', '/v1/places?asOf=2022-05-01', { key: partner });
    expect(department.body.places.some((p: { occupiedBy?: string }) => p.occupiedBy)).toBe(true);
    expect(partnerView.body.places.some((p: object) => 'occupiedBy' in p)).toBe(false);
    expect(partnerView.body.places.filter((p: { occupied: boolean }) => p.occupied).length).toBe(
      department.body.places.filter((p: { occupied: boolean }) => p.occupied).length,
    );
  });
});

describe('occupancy and deadlines', () => {
  it('counts the stored stays as the domain does, and projects open stays to their planned end', async () => {
    const res = await server.call('GET', '/v1/conventions/2022-417/occupancy?asOf=2023-01-01', {
      key: partner,
    });
    expect(res.status).toBe(200);
    const stays = [
      { startOn: '2022-04-01', endOn: null },
      { startOn: '2022-04-15', endOn: '2022-09-01' },
      { startOn: '2022-06-01', endOn: null },
      // Accueil et Relais's stay in A10 (see « another association’s records »).
      { startOn: '2022-06-01', endOn: null },
      // The erased young person's stay in A14 (see « data-subject rights »).
      { startOn: '2022-05-01', endOn: '2022-07-01' },
    ];
    const expected = occupancy(convention2022417, stays, convention2022417.period);
    expect(res.body).toMatchObject({
      days: expected.days,
      capacityDays: 7225,
      targetDays: 8030,
      projection: { days: expected.days },
    });
    const midYear = await server.call(
      'GET',
      '/v1/conventions/2022-417/occupancy?asOf=2022-06-15&from=2022-04-01&to=2022-06-30',
    );
    // Nights up to 2022-06-14: 75 + 61 + 14 + 14 + 45 recorded; projection runs the open stays to 06-30 within the period.
    expect(midYear.body.days).toBe(75 + 61 + 14 + 14 + 45);
    expect(midYear.body.projection.days).toBe(91 + 77 + 30 + 30 + 61);
    const inverted = await server.call(
      'GET',
      '/v1/conventions/2022-417/occupancy?from=2022-06-01&to=2022-05-01',
    );
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors[0].path).toBe('to');
    const beyond = await server.call(
      'GET',
      '/v1/conventions/2022-417/occupancy?from=2021-12-01&to=2023-01-31',
    );
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors.map((e: { path: string }) => e.path)).toEqual(['from', 'to']);
  });

  it('lists what falls due with pseudonymous ids only', async () => {
    const res = await server.call('GET', '/v1/conventions/2022-417/deadlines?asOf=2022-06-20&withinDays=30');
    expect(res.status).toBe(200);
    const kinds = res.body.deadlines.map((d: { kind: string; dueOn: string }) => `${d.kind} ${d.dueOn}`);
    expect(kinds).toContain('stay_ending 2022-07-01');
    expect(kinds).not.toContain('stay_ending 2022-09-01');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/Zyxwvut|Qponmlk|rue des Tests/);
    const report = await server.call(
      'GET',
      '/v1/conventions/2022-417/deadlines?asOf=2023-02-01&withinDays=30',
    );
    expect(report.body.deadlines).toContainEqual(
      expect.objectContaining({ kind: 'report_due', dueOn: '2023-02-28' }),
    );
  });

  it('warns of a minor turning 18 in a minor place', async () => {
    const minor = await register(
      'turns18',
      adultFacts({ birthDate: '2004-07-10', aseStatus: 'in_care' }),
      server.key,
      'accueil-et-relais',
    );
    const stay = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: minor, placeId: '2022-417-M03', startOn: '2022-06-01' },
    });
    expect(stay.status).toBe(201);
    const res = await server.call('GET', '/v1/conventions/2022-417/deadlines?asOf=2022-07-01&withinDays=15');
    expect(res.body.deadlines).toContainEqual(
      expect.objectContaining({
        kind: 'turns_18',
        dueOn: '2022-07-10',
        beneficiaryId: minor,
        placeId: '2022-417-M03',
        // The alert and its articles come from the stays rule file (minor-turns-18).
        articles: ['art. 4', 'art. 6', 'art. 11'],
      }),
    );
    const other = await server.call(
      'GET',
      '/v1/conventions/2022-417/deadlines?asOf=2022-07-01&withinDays=15',
      { key: assocA },
    );
    expect(other.body.deadlines.filter((d: { beneficiaryId?: string }) => d.beneficiaryId === minor)).toEqual(
      [],
    );
  });
});
