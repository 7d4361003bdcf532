import { randomBytes } from 'node:crypto';
// The end-to-end test runs the bot against the real API, so @tremplins/api is a devDependency of the
// bot: tests only. At runtime the bot reaches the API over HTTP through @tremplins/client alone (apps
// never depend on apps), and installing the bot does not install the server, its database or /docs.
import { startServer } from '@tremplins/api';

/** The person seeded into the API, and every string of theirs that must never reach Slack. */
export const SEEDED = {
  person: {
    lastName: 'Verhaeghe',
    firstName: 'Maëlys',
    postalAddress: '12 rue des Tilleuls, 62590 Oignies',
    phone: '06 12 34 56 78',
    cafNumber: '7654321',
  },
  /** Turns 21 on 2022-06-05: within 7 days of 2022-06-01. */
  facts: {
    birthDate: '2001-06-05',
    commune: '62637',
    aseStatus: 'former',
    inInsertionPath: true,
    hasResources: true,
  },
  stay: { placeId: '2022-417-A01', startOn: '2022-05-02' },
  /** One apartment is recorded (the convention does not say which place is where). */
  apartmentPlaces: ['2022-417-A01', '2022-417-A02'],
  personalStrings: [
    'Verhaeghe',
    'Maëlys',
    'Tilleuls',
    '06 12 34 56 78',
    '0612345678',
    '7654321',
    '2001-06-05',
    '05/06/2001',
  ],
} as const;

export interface TestApi {
  url: string;
  key: string;
  seeded: { beneficiaryId: string; stayId: string };
  close(): Promise<void>;
}

async function send(
  method: 'POST' | 'PUT',
  url: string,
  key: string,
  body: unknown,
  expected = 201,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== expected)
    throw new Error(`${method} ${url}: HTTP ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The real API (apps/api) on an in-memory database: one apartment, one beneficiary in one stay. */
export async function startTestApi(): Promise<TestApi> {
  const key = `bot-e2e-${randomBytes(24).toString('hex')}`;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    store: { kind: 'memory' },
    dataKey: randomBytes(32).toString('base64'),
    bootstrapKey: key,
    log: () => {},
  });
  try {
    await server.ready;
    const apartment = await send('POST', `${server.url}/v1/apartments`, key, {
      label: 'Appartement Oignies 1',
      commune: 'Oignies',
    });
    await send(
      'PUT',
      `${server.url}/v1/apartments/${apartment.id}/places`,
      key,
      { placeIds: SEEDED.apartmentPlaces },
      200,
    );
    const beneficiary = await send('POST', `${server.url}/v1/beneficiaries`, key, {
      associationId: 'rencontres-et-loisirs',
      person: SEEDED.person,
      facts: SEEDED.facts,
    });
    const stay = await send('POST', `${server.url}/v1/stays`, key, {
      beneficiaryId: beneficiary.id,
      ...SEEDED.stay,
    });
    return {
      url: server.url,
      key,
      seeded: { beneficiaryId: String(beneficiary.id), stayId: String(stay.id) },
      close: () => server.close(),
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
