import { createHash, randomBytes } from 'node:crypto';
import type { EligibilityFacts } from '@tremplins/domain';
import type { StoreConfig } from '../db/store.ts';
import { startServer } from '../server.ts';

export interface TestServer {
  url: string;
  /** A department key (registered as the bootstrap key). */
  key: string;
  dataKey: string;
  logs: string[];
  /** fetch on the server, JSON in and out, with a key (the department key unless given). */
  call(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers by shape, as a partner would
  ): Promise<{ status: number; headers: Headers; body: any }>;
  /** Creates a key through the API and returns it. */
  createKey(role: 'department' | 'association' | 'partner', associationId?: string): Promise<string>;
  close(): Promise<void>;
}

/** A real server on an ephemeral port, on the given store (an in-memory PGlite unless told). */
export async function startTestServer(
  options: {
    store?: StoreConfig;
    today?: string;
    personalDataRatePerMinute?: number;
    /** Failed authentications per minute per address (all tests share 127.0.0.1: high by default). */
    failedAuthPerMinute?: number;
    dataKey?: string;
    /** Reuse a department key across restarts of one store (it is registered only on an empty store). */
    key?: string;
  } = {},
): Promise<TestServer> {
  const key = options.key ?? `test-department-key-${randomBytes(16).toString('hex')}`;
  const dataKey = options.dataKey ?? randomBytes(32).toString('base64');
  const logs: string[] = [];
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    store: options.store ?? { kind: 'memory' },
    dataKey,
    bootstrapKey: key,
    log: (line) => logs.push(line),
    ...(options.today ? { today: () => options.today as string } : {}),
    personalDataRatePerMinute: options.personalDataRatePerMinute ?? 10_000,
    failedAuthPerMinute: options.failedAuthPerMinute ?? 100_000,
  });
  await server.ready;
  const call: TestServer['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const usedKey = opts.key === undefined ? key : opts.key;
    if (usedKey !== null) headers.authorization = `Bearer ${usedKey}`;
    if (opts.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body:
        opts.body === undefined
          ? undefined
          : typeof opts.body === 'string'
            ? opts.body
            : JSON.stringify(opts.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, headers: response.headers, body };
  };
  return {
    url: server.url,
    key,
    dataKey,
    logs,
    call,
    async createKey(role, associationId) {
      const res = await call('POST', '/v1/keys', { body: { role, label: `test ${role}`, associationId } });
      if (res.status !== 201)
        throw new Error(`key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.key as string;
    },
    close: () => server.close(),
  };
}

/** A young person who is eligible as an adult from 2022 (aged 19 on 2022-06-01, formerly in ASE care). */
export function adultFacts(overrides: Record<string, unknown> = {}): EligibilityFacts {
  return {
    birthDate: '2003-03-14',
    commune: 'Oignies',
    aseStatus: 'former',
    inInsertionPath: true,
    hasResources: true,
    familyRupture: true,
    needsSupport: true,
    ...overrides,
  } as EligibilityFacts;
}

/** Made-up personal data, distinctive enough to be searched for in files and logs. */
export function person(seed: string) {
  return {
    lastName: `Zyxwvut${seed}`,
    firstName: `Qponmlk${seed}`,
    postalAddress: `12 rue des Tests ${seed}, 62590 Oignies`,
    phone: '06 12 34 56 78',
    // Seven digits from a hash of the seed: distinct seeds, distinct CAF numbers.
    cafNumber: `9${String(Number.parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 12), 16) % 1_000_000).padStart(6, '0')}`,
  };
}
