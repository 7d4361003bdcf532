import { Agent } from 'node:http';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import type { Store, StoreConfig } from './db/store.ts';
import {
  type Answer,
  curlLine,
  decodePercentRuns,
  type FuzzDocument,
  type FuzzKeys,
  type FuzzOperation,
  type FuzzPools,
  leakIn,
  type MaterializedRequest,
  materialize,
  operationsOf,
  printable,
  ROLES,
  requestArbitrary,
  resolveOperation,
  send,
  shortText,
} from './test-support/fuzz-requests.ts';
import { type OpenApiDocument, OpenApiValidator } from './test-support/openapi-validator.ts';
import { adultFacts, person, startTestServer, type TestServer } from './test-support/server.ts';

/*
 * Property-based fuzzing of every route (issue 10, item 10). RUNS requests generated from
 * /openapi.json (see test-support/fuzz-requests.ts), over every operation and every kind of caller,
 * are sent to a real server on an in-memory PGlite holding real records; every answer must:
 * - never be a 5xx;
 * - never carry a stack trace, a source path or SQL;
 * - never, when it is an error, contain a marker `ZZQX<n>M…` put in the request's values (the API
 *   does not echo what it was sent; only `instance`, the request's own path, may repeat the path);
 * - be documented by /openapi.json: status, media type and schema (ajv);
 * and a refused write (4xx or 5xx to anything but a GET) must store nothing.
 *
 * `TREMPLINS_FUZZ_SEED` replays a run (the seed is printed), `TREMPLINS_FUZZ_RUNS` sets its size.
 */

const SEED = Number(process.env.TREMPLINS_FUZZ_SEED ?? 20_220_417);
const RUNS = Number(process.env.TREMPLINS_FUZZ_RUNS ?? 10_000);
const TODAY = '2022-10-01';
/**
 * Reads in flight beside the one write (see the journal below). Client, server and PGlite share one
 * thread: more in flight only adds contention.
 */
const READERS = 3;

/*
 * The server is `startTestServer`'s (server.ts as it runs, in-memory PGlite), but the test needs its
 * store to read the change journal: `openStore` is wrapped to hand over the store it opens.
 */
const opened = vi.hoisted(() => ({ stores: [] as Store[] }));
vi.mock('./db/store.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./db/store.ts')>();
  return {
    ...original,
    async openStore(config: StoreConfig) {
      const store = await original.openStore(config);
      opened.stores.push(store);
      return store;
    },
  };
});

/*
 * Why the journal proves "a refused write stores nothing": a trigger on every table of the schema
 * appends one row to `fuzz_changes` for each row inserted, updated or deleted (and each truncate), in
 * the writer's own transaction, so a change rolled back leaves nothing and a committed one cannot be
 * missed, whatever the table or the column. Writes (every method but GET) are sent one at a time, and
 * the journal is read after each: what it gained since the previous write's reading happened while
 * this write, and only it, was in flight. Reads may run beside it, but a read stores nothing except
 * its audit rows, and reads are sent with keys of their own (`readerKeys`), so their audit rows are
 * told apart by `key_id`. A refused write whose window holds any other row (but the audit trail's record
 * of a refusal, see `isRefusalRecord`) stored something, and the journal says what.
 */
async function installChangeJournal(store: Store): Promise<void> {
  const tables = (
    await store.rows<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public'`)
  ).map((row) => row.tablename);
  if (!tables.includes('beneficiaries') || !tables.includes('stays'))
    throw new Error(`unexpected schema: ${tables.join(', ')}`);
  const statements = [
    'create table fuzz_changes (seq bigserial primary key, tbl text not null, op text not null, row jsonb)',
    `create function fuzz_journal() returns trigger language plpgsql as $$
     begin
       insert into fuzz_changes (tbl, op, row) values (tg_table_name, tg_op,
         case when tg_op = 'DELETE' then to_jsonb(old) when tg_op = 'TRUNCATE' then null else to_jsonb(new) end);
       return null;
     end $$`,
  ];
  for (const table of tables) {
    statements.push(
      `create trigger fuzz_journal_row after insert or update or delete on "${table}" for each row execute function fuzz_journal()`,
      `create trigger fuzz_journal_truncate after truncate on "${table}" for each statement execute function fuzz_journal()`,
    );
  }
  for (const statement of statements) await store.rows(sql.raw(statement));
}

interface Change {
  seq: number;
  tbl: string;
  op: string;
  row: Record<string, unknown> | null;
}

/** The journal's rows after `since`. */
async function journalSince(store: Store, since: number): Promise<Change[]> {
  return store.rows<Change>(
    sql`select seq::int as seq, tbl, op, row from fuzz_changes where seq > ${since} order by seq`,
  );
}

/**
 * The audit trail records refusals on purpose (who was refused what, for a breach notice): a row
 * `action = 'refused'` is the refusal's own record, it changes no record and is no stored request value.
 */
const isRefusalRecord = (c: Change) =>
  c.tbl === 'audit_events' && c.op === 'INSERT' && c.row?.action === 'refused';

const describeChange = (c: Change) => {
  const row = c.row ?? {};
  const what =
    c.tbl === 'audit_events'
      ? `action=${row.action} resource=${row.resource} key=${row.key_id}`
      : `id=${row.id ?? row.name ?? '?'}`;
  return `${c.op} ${c.tbl} ${what}`;
};

// ---------------------------------------------------------------------------------------------------
// Real records to aim at, made with the department key

interface Seeded {
  /** Keys for writes, and other keys of the same roles for reads (their audit rows are theirs). */
  writerKeys: FuzzKeys;
  readerKeys: FuzzKeys;
  readerKeyIds: Set<string>;
  pools: FuzzPools;
}

async function seed(url: string, departmentKey: string): Promise<Seeded> {
  const call = async (status: number, method: string, path: string, body?: unknown, key = departmentKey) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== status) throw new Error(`set-up: ${method} ${path} → ${res.status} ${text}`);
    // biome-ignore lint/suspicious/noExplicitAny: set-up reads the ids of what it created
    return JSON.parse(text) as any;
  };
  const newKey = async (role: string, associationId?: string) =>
    (await call(201, 'POST', '/v1/keys', { role, label: `fuzz ${role}`, associationId })) as {
      id: string;
      key: string;
    };

  const revokedKey = await newKey('partner');
  const readerKeyIds = new Set<string>();
  const lane = async (department: string, ids?: Set<string>): Promise<FuzzKeys> => {
    const made = async (role: string, associationId?: string) => {
      const { id, key } = await newKey(role, associationId);
      ids?.add(id);
      return key;
    };
    return {
      department,
      association: await made('association', 'rencontres-et-loisirs'),
      otherAssociation: await made('association', 'accueil-et-relais'),
      partner: await made('partner'),
      revoked: revokedKey.key,
    };
  };
  const writerKeys = await lane(departmentKey);
  const readerDepartment = await newKey('department');
  readerKeyIds.add(readerDepartment.id);
  const readerKeys = await lane(readerDepartment.key, readerKeyIds);
  await call(200, 'DELETE', `/v1/keys/${revokedKey.id}`);
  const victimKeys = [];
  for (let i = 0; i < 4; i++)
    victimKeys.push((await (i % 2 ? newKey('partner') : newKey('association', 'rencontres-et-loisirs'))).id);

  const places = ((await call(200, 'GET', '/v1/places?asOf=2022-06-01')).places as { id: string }[]).map(
    (p) => p.id,
  );
  const apartments: string[] = [];
  for (const [label, commune, operator, placeIds] of [
    [
      'Appartement Oignies 1',
      'Oignies',
      undefined,
      ['2022-417-A01', '2022-417-A02', '2022-417-A03', '2022-417-A04'],
    ],
    [
      'Appartement Hénin',
      'Hénin-Beaumont',
      'accueil-et-relais',
      ['2022-417-M01', '2022-417-M02', '2022-417-M03'],
    ],
    ['Appartement Libercourt', 'Libercourt', undefined, []],
  ] as const) {
    const { id } = await call(201, 'POST', '/v1/apartments', { label, commune, operator });
    if (placeIds.length > 0) await call(200, 'PUT', `/v1/apartments/${id}/places`, { placeIds });
    apartments.push(id);
  }

  const cafNumbers: string[] = [];
  const register = async (seedName: string, associationId: string, facts: Record<string, unknown>) => {
    const p = person(`fuzz-${seedName}`);
    cafNumbers.push(p.cafNumber);
    return (await call(201, 'POST', '/v1/beneficiaries', { associationId, person: p, facts })).id as string;
  };
  const minorFacts = {
    birthDate: '2005-11-20',
    commune: 'Courrières',
    aseStatus: 'in_care',
    inInsertionPath: true,
  };
  const adults = [];
  for (const [i, birthDate] of [
    '2003-03-14',
    '2002-01-20',
    '2001-07-07',
    '2003-11-11',
    '2000-10-15',
    '2004-01-05',
  ].entries())
    adults.push(await register(`rl-${i}`, 'rencontres-et-loisirs', adultFacts({ birthDate })));
  const minors = [];
  for (let i = 0; i < 3; i++) minors.push(await register(`ar-${i}`, 'accueil-et-relais', minorFacts));
  // Kept for erasure, so that the records the other operations aim at are not erased early on.
  const erasable = [
    await register('erase-0', 'rencontres-et-loisirs', adultFacts()),
    await register('erase-1', 'accueil-et-relais', minorFacts),
    await register('erase-housed', 'rencontres-et-loisirs', adultFacts()),
  ];
  const [a0, a1, a2, a3, a4, a5] = adults as [string, string, string, string, string, string];
  const [m0, m1, m2] = minors as [string, string, string];

  const applications: string[] = [];
  for (const beneficiaryId of [a0, a1, a2, m0, m1])
    applications.push(
      (await call(201, 'POST', '/v1/applications', { beneficiaryId, submittedOn: '2022-05-02' })).id,
    );
  await call(200, 'POST', `/v1/applications/${applications[2]}/decision`, {
    decision: 'admitted',
    decidedBy: 'Mme Martin, commission',
    rationale: 'Projet solide, place libre.',
  });

  const stay = async (beneficiaryId: string, placeId: string, startOn: string) =>
    (await call(201, 'POST', '/v1/stays', { beneficiaryId, placeId, startOn })).id as string;
  const open = await stay(a0, '2022-417-A01', '2022-05-01');
  const exited = await stay(a1, '2022-417-A02', '2022-04-01');
  await call(200, 'POST', `/v1/stays/${exited}/exit`, { endOn: '2022-08-01', reason: 'housing_found' });
  const renewed = await stay(a3, '2022-417-A03', '2022-06-01');
  await call(200, 'POST', `/v1/stays/${renewed}/renewal`);
  const minorStay = await stay(m0, '2022-417-M01', '2022-06-01');
  await stay(erasable[2] as string, '2022-417-A05', '2022-06-01');
  await call(200, 'DELETE', `/v1/beneficiaries/${a4}`);

  const conventions = ['2022-417', '2022-417', '1999-001'];
  const beneficiaries = [a0, a1, a2, a3, a4, a5, m0, m1, m2];
  const stays = [open, exited, renewed, minorStay];
  const dates = [
    '2022-06-01',
    '2022-10-01',
    '2022-09-15',
    '2022-04-01',
    '2022-12-31',
    '2022-05-02',
    '2022-01-01',
    '9999-12-31',
    '0000-01-01',
    '2004-02-29',
  ];
  const pools: FuzzPools = {
    pathIds: {
      getConvention: conventions,
      getFunding: conventions,
      getConsistency: conventions,
      getOccupancy: conventions,
      getDeadlines: conventions,
      computeTermination: conventions,
      evaluateReimbursement: conventions,
      assignPlaces: apartments,
      getBeneficiary: beneficiaries,
      rectifyBeneficiary: beneficiaries,
      // Erasure aims mostly at records kept for it, and at housed ones (409), so the others stay.
      eraseBeneficiary: [...erasable, a4],
      getApplication: applications,
      decideApplication: applications,
      getStay: stays,
      renewStay: stays,
      exitStay: stays,
      revokeKey: victimKeys,
    },
    allIds: [
      ...apartments,
      ...beneficiaries,
      ...applications,
      ...stays,
      ...victimKeys,
      ...places,
      '2022-417',
    ],
    fields: {
      beneficiaryId: beneficiaries,
      placeId: places,
      'placeIds[]': places,
      conventionId: ['2022-417'],
      associationId: ['rencontres-et-loisirs', 'accueil-et-relais', 'autre-association'],
      operator: ['rencontres-et-loisirs', 'accueil-et-relais'],
      cafNumber: cafNumbers,
      commune: ['Oignies', 'Hénin-Beaumont', 'Libercourt', 'Courrières', 'Carvin', '62632', 'Lille', 'Paris'],
      label: ['Appartement T2', 'Studio rue Lamartine'],
      decidedBy: ['Mme Martin, commission'],
      rationale: ['Projet solide, place libre.', 'Orientation vers un dispositif plus adapté.'],
      lastName: ['Zyxwvutfuzz'],
      firstName: ['Qponmlkfuzz'],
      postalAddress: ['12 rue des Tests, 62590 Oignies'],
      phone: ['06 12 34 56 78'],
      year: [2021, 2022, 2023],
      withinDays: [0, 30, 60, 366],
      referenceDate: dates,
      asOf: dates,
      from: dates,
      to: dates,
      startOn: dates,
      endOn: dates,
      submittedOn: dates,
      decidedOn: dates,
      noticeReceivedOn: dates,
      ceasedOn: dates,
    },
  };
  return { writerKeys, readerKeys, readerKeyIds, pools };
}

// ---------------------------------------------------------------------------------------------------
// The run

interface Outcome {
  req: MaterializedRequest;
  answer?: Answer;
  transportError?: string;
  contentType: string | null;
  body: unknown;
  /** For writes: what the journal recorded during the request's window. */
  stored?: string[];
}

type Property = 'answers' | 'no-5xx' | 'no-leak' | 'no-echo' | 'documented' | 'refused-write-stores-nothing';

interface Failure {
  property: Property;
  outcome: Outcome;
  /** What went wrong, in words common to every request that failed the same way. */
  what: string;
}

let server: TestServer;
let store: Store;
let failures: Failure[] = [];
let outcomes: Outcome[] = [];
let requests: MaterializedRequest[] = [];
let operations: FuzzOperation[] = [];
let generatorLeaks: string[] = [];
let figures = '';

async function runAll(
  all: MaterializedRequest[],
  store: Store,
  readerKeyIds: ReadonlySet<string>,
): Promise<Outcome[]> {
  const base = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: READERS + 1 });
  const results: Outcome[] = new Array(all.length);
  let journalled = 0;
  const one = async (req: MaterializedRequest, isWrite: boolean) => {
    let outcome: Outcome;
    try {
      const answer = await send(base, agent, req);
      const contentType = (answer.headers['content-type'] as string | undefined) ?? null;
      let body: unknown = answer.text;
      if (/json/.test(contentType ?? '')) {
        try {
          body = JSON.parse(answer.text);
        } catch {}
      }
      outcome = { req, answer, contentType, body };
    } catch (error) {
      outcome = { req, transportError: (error as Error).message, contentType: null, body: undefined };
    }
    if (isWrite) {
      const changes = await journalSince(store, journalled);
      journalled = changes.at(-1)?.seq ?? journalled;
      outcome.stored = changes
        .filter((c) => !(c.tbl === 'audit_events' && readerKeyIds.has(String(c.row?.key_id))))
        .filter((c) => !isRefusalRecord(c))
        .map(describeChange);
    }
    results[req.n] = outcome;
  };
  const writes = all.filter((r) => r.method !== 'GET');
  const reads = all.filter((r) => r.method === 'GET');
  const writer = async () => {
    for (const req of writes) await one(req, true);
  };
  let nextRead = 0;
  const reader = async () => {
    while (nextRead < reads.length) await one(reads[nextRead++] as MaterializedRequest, false);
  };
  await Promise.all([writer(), ...Array.from({ length: READERS }, reader)]);
  agent.destroy();
  return results;
}

/** Every string in a JSON value with where it is (`detail`, `errors.0.message`). */
function stringsIn(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path || '(body)', value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringsIn(v, path ? `${path}.${k}` : k));
  return [];
}

function evaluate(outcome: Outcome, validator: OpenApiValidator): Failure[] {
  const out: Failure[] = [];
  const { req, answer } = outcome;
  const fail = (property: Property, what: string) => out.push({ property, outcome, what });
  if (!answer) {
    fail('answers', `no answer: ${outcome.transportError}`);
    return out;
  }
  const code = (outcome.body as { code?: unknown } | undefined)?.code;
  const codeText = typeof code === 'string' ? ` ${code}` : '';
  if (answer.status >= 500) fail('no-5xx', `${answer.status}${codeText}`);

  const leak = leakIn(answer.text);
  if (leak) fail('no-leak', `${answer.status}${codeText}: ${leak}`);

  // The path as the app sees it: @hono/node-server parses the URL (WHATWG), which resolves `..`
  // and `%2e%2e` segments.
  const pathname = new URL(req.path, 'http://127.0.0.1').pathname;
  if (answer.status >= 400) {
    const echoed = stringsIn(outcome.body)
      .filter(([where, value]) => {
        if (!/ZZQX\d+M/i.test(value)) return false;
        // `instance` is the request's own path (RFC 9457): repeating the path is what it is for.
        return !(where === 'instance' && decodePercentRuns(value) === decodePercentRuns(pathname));
      })
      .map(([where]) => where.replace(/\.\d+(?=\.|$)/g, '.*'));
    if (typeof outcome.body === 'string' && /ZZQX\d+M/i.test(outcome.body)) echoed.push('(text body)');
    if (echoed.length > 0)
      fail('no-echo', `${answer.status}${codeText}: marker in ${[...new Set(echoed)].join(', ')}`);
  }

  const reached = resolveOperation(operations, req.method, pathname);
  // A path no operation has: a 404, or what the middleware in front of every /v1 route answers first
  // (400 for a body that is not JSON, 401, 413, 415, 429), as problem+json, as some operation documents it.
  const reference =
    !reached && [400, 401, 404, 413, 415, 429].includes(answer.status)
      ? [...validator.operations.values()].find((o) => String(answer.status) in o.operation.responses)
      : undefined;
  const mismatch = reached
    ? validator.checkResponse(reached.operationId, answer.status, outcome.contentType, outcome.body)
    : reference
      ? validator.checkResponse(reference.operationId, answer.status, outcome.contentType, outcome.body)
      : `status ${answer.status} on a path no operation has (expected 404)`;
  if (mismatch) {
    const via = reached && reached.operationId !== req.operationId ? ` (reached ${reached.operationId})` : '';
    fail('documented', `${answer.status}${codeText}${via}: ${mismatch}`);
  }

  // A 5xx is a refusal too: whatever it had begun must have been rolled back.
  if (outcome.stored && outcome.stored.length > 0 && answer.status >= 400) {
    const tables = [...new Set(outcome.stored.map((c) => c.replace(/ (id|key)=\S+/g, '')))];
    fail('refused-write-stores-nothing', `${answer.status}${codeText} but ${tables.join(', ')}`);
  }
  return out;
}

function describeOutcome(outcome: Outcome): string {
  const { req, answer } = outcome;
  const lines = [
    `#${req.n} ${req.operationId}, role ${req.spec.role}: ${req.method} ${shortText(req.path)}`,
    `    authorization: ${req.authorization.length ? req.authorization.map((h) => shortText(h, req.keyVariables, 120)).join(' + ') : '(none)'}`,
  ];
  if (req.body !== undefined)
    lines.push(
      `    body (${req.body.length} bytes${req.chunked ? ', chunked' : ''}, ${req.headers['content-type'] ?? 'no content-type'}): ${req.bodyPreview}`,
    );
  lines.push(
    answer
      ? `    → ${answer.status} ${outcome.contentType ?? '(no content-type)'} ${printable(answer.text, 300)}`
      : `    → no answer: ${outcome.transportError}`,
  );
  if (outcome.stored?.length) lines.push(`    stored: ${outcome.stored.slice(0, 5).join('; ')}`);
  lines.push(`    labels: ${req.spec.labels.join(', ')}`);
  lines.push(`    replay: ${printable(curlLine(req), 4_000)}`);
  return lines.join('\n');
}

const size = (f: Failure) => f.outcome.req.path.length + (f.outcome.req.body?.length ?? 0);
const smallestOf = (list: Failure[]) => [...list].sort((a, b) => size(a) - size(b))[0];

/** What was hostile in a request: its labels but the role, the places and the plain values. */
function inputClass(labels: readonly string[]): string {
  const plain = new Set(['body:schema', 'path:record', 'path:schema', 'path:record-of-another-kind']);
  const hostile = labels.filter((l) => !l.startsWith('role:') && !l.startsWith('at:') && !plain.has(l));
  return [...new Set(hostile)].sort().join(' + ') || '(values of the schema only)';
}

/** One paragraph per distinct defect: the same property, operation, status and complaint. */
function report(list: Failure[]): string {
  const groups = new Map<string, Failure[]>();
  for (const f of list) {
    const what = f.what
      .replace(/ZZQX\d+M\d*/g, 'ZZQX…')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
      .replace(/ \(documented: [^)]*\)/, '');
    // An answer that is not JSON did not come from the app (Node's HTTP parser): one defect for all routes.
    const fromApp = /json/.test(f.outcome.contentType ?? '') || !f.outcome.answer;
    const key = fromApp
      ? `[${f.property}] ${f.outcome.req.operationId} → ${what}`
      : `[${f.property}] (any operation) → ${f.outcome.answer?.status} ${f.outcome.contentType ?? '(no content-type)'}, not answered by the app`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const paragraphs = [...groups.entries()].map(([key, members]) => {
    const labelSets = members.map((m) => new Set(m.outcome.req.spec.labels));
    const common = [...(labelSets[0] ?? [])].filter((l) => labelSets.every((s) => s.has(l)));
    const smallest = smallestOf(members) as Failure;
    const roles = [...new Set(members.map((m) => m.outcome.req.spec.role))].join(', ');
    const ops = [...new Set(members.map((m) => m.outcome.req.operationId))];
    const frequency = new Map<string, number>();
    for (const m of members)
      for (const l of new Set(m.outcome.req.spec.labels))
        if (!l.startsWith('role:')) frequency.set(l, (frequency.get(l) ?? 0) + 1);
    const frequent = [...frequency]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([l, n]) => `${l} (${n})`);
    // One complaint may have several causes (a NUL in the id, a far date in the query): one line each.
    const byClass = new Map<string, Failure[]>();
    for (const m of members) {
      const cls = inputClass(m.outcome.req.spec.labels);
      byClass.set(cls, [...(byClass.get(cls) ?? []), m]);
    }
    const classes = [...byClass]
      .sort((a, b) => b[1].length - a[1].length)
      .slice(0, 8)
      .map(([cls, list]) => {
        const o = (smallestOf(list) as Failure).outcome;
        const body = o.req.body === undefined ? '' : ` ${shortText(o.req.bodyPreview, [], 120)}`;
        return `    ${list.length}× ${cls}: #${o.req.n} ${o.req.spec.role} ${o.req.method} ${shortText(o.req.path, [], 120)}${body}`;
      });
    return [
      `✗ ${key}`,
      `  ${members.length} request(s); roles: ${roles}; common to all: ${common.join(', ') || '(nothing)'}; most frequent: ${frequent.join(', ')}`,
      ...(ops.length > 1 ? [`  operations: ${ops.join(', ')}`] : []),
      `  by input class (${byClass.size}):`,
      ...classes,
      `  smallest: ${describeOutcome(smallest.outcome)}`,
    ].join('\n');
  });
  return `${groups.size} distinct failure(s), ${list.length} request(s), seed ${SEED} (TREMPLINS_FUZZ_SEED=${SEED} TREMPLINS_FUZZ_RUNS=${RUNS} to replay; $BASE is the server, $…_KEY the keys of each role)\n\n${paragraphs.join('\n\n')}`;
}

function assertNone(property: Property): void {
  const list = failures.filter((f) => f.property === property);
  if (list.length > 0) throw new Error(`${property}: ${report(list)}`);
}

describe(`fuzzing every route (seed ${SEED}, ${RUNS} requests)`, () => {
  beforeAll(async () => {
    const started = performance.now();
    // 429 is a documented answer, but a run where most answers are 429 would test little.
    server = await startTestServer({ today: TODAY, personalDataRatePerMinute: 1_000_000 });
    const found = opened.stores.at(-1);
    if (!found) throw new Error('the server opened no store');
    store = found;
    const { writerKeys, readerKeys, readerKeyIds, pools } = await seed(server.url, server.key);
    await installChangeJournal(store);
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as FuzzDocument & OpenApiDocument;
    const validator = new OpenApiValidator(doc);
    operations = operationsOf(doc);
    const byId = new Map(operations.map((op) => [op.operationId, op]));
    const specs = fc.sample(requestArbitrary(doc, pools), { seed: SEED, numRuns: RUNS });
    requests = specs.map((spec, n) =>
      materialize(spec, n, byId, byId.get(spec.operationId)?.method === 'GET' ? readerKeys : writerKeys),
    );
    generatorLeaks = requests
      .map((r) => {
        const leak = leakIn(r.path) ?? (r.body ? leakIn(r.body.toString('utf8')) : undefined);
        return leak ? `#${r.n}: ${leak}` : '';
      })
      .filter(Boolean);
    const generated = performance.now();
    outcomes = await runAll(requests, store, readerKeyIds);
    const sent = performance.now();
    failures = outcomes.flatMap((o) => evaluate(o, validator));

    const byClass = new Map<string, number>();
    const perOperation = new Map<string, number>(operations.map((op) => [op.operationId, 0]));
    for (const o of outcomes) {
      const cls = o.answer ? `${String(o.answer.status)[0]}xx` : 'none';
      byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
      perOperation.set(o.req.operationId, (perOperation.get(o.req.operationId) ?? 0) + 1);
    }
    const counts = [...perOperation.values()];
    const count = (p: Property) => failures.filter((f) => f.property === p).length;
    figures = [
      `fuzz: ${outcomes.length} requests sent`,
      ['2xx', '3xx', '4xx', '5xx', 'none'].map((c) => `${c} ${byClass.get(c) ?? 0}`).join(', '),
      `${operations.length} operations, ${Math.min(...counts)}–${Math.max(...counts)} each`,
      `5xx = ${count('no-5xx')}`,
      `mismatches = ${count('documented')}`,
      `leaks = ${count('no-leak')}`,
      `echoes = ${count('no-echo')}`,
      `refused writes that stored = ${count('refused-write-stores-nothing')}`,
      `no answer = ${count('answers')}`,
      `duration ${((performance.now() - started) / 1000).toFixed(1)} s (sending ${((sent - generated) / 1000).toFixed(1)} s)`,
      `seed ${SEED}`,
    ].join('; ');
    console.log(figures);
  }, 600_000);

  afterAll(async () => {
    await server?.close();
  });

  it('generates requests over every operation and every role, free of the leak patterns', () => {
    const seen = new Set(requests.map((r) => r.operationId));
    const missing = operations.map((op) => op.operationId).filter((id) => !seen.has(id));
    const roles = new Set(requests.map((r) => r.spec.role));
    const problems = [
      ...(requests.length < RUNS ? [`only ${requests.length} requests`] : []),
      ...missing.map((id) => `no request to ${id}`),
      ...ROLES.filter((role) => !roles.has(role)).map((role) => `no request as ${role}`),
      // A request carrying "select " or ".ts:" could have it stored and shown back: it would prove nothing.
      ...generatorLeaks.map((l) => `generated request contains a leak pattern: ${l}`),
    ];
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });

  // A short run (TREMPLINS_FUZZ_RUNS=500) may miss the few requests that get past every check, and fail here.
  it('reaches every handler: each operation answers 2xx at least once', () => {
    const ok = new Set(
      outcomes.filter((o) => o.answer && o.answer.status < 300).map((o) => o.req.operationId),
    );
    const never = operations.map((op) => op.operationId).filter((id) => !ok.has(id));
    if (never.length > 0) throw new Error(`never answered 2xx: ${never.join(', ')}`);
  });

  it('answers every request', () => assertNone('answers'));
  it('never answers 5xx', () => assertNone('no-5xx'));
  it('never shows a stack trace, a source path or SQL', () => assertNone('no-leak'));
  it('never echoes a submitted value in an error', () => assertNone('no-echo'));
  it('answers only as /openapi.json documents (status, media type, schema)', () => assertNone('documented'));
  it('stores nothing for a refused write', () => assertNone('refused-write-stores-nothing'));
});
