import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenApiDocument, OpenApiValidator } from './test-support/openapi-validator.ts';
import { adultFacts, person, startTestServer, type TestServer } from './test-support/server.ts';

/*
 * /openapi.json is what partners generate their clients from: it must lint clean, and both the
 * answers the server really gives and the bodies it accepts or refuses must be the ones it documents.
 */

let server: TestServer;
let doc: OpenApiDocument;
let validator: OpenApiValidator;

beforeAll(async () => {
  server = await startTestServer({ today: '2022-10-01' });
  doc = (await server.call('GET', '/openapi.json')).body;
  validator = new OpenApiValidator(doc);
});

afterAll(async () => {
  await server?.close();
});

/** Calls an operation by its operationId and checks the answer against the document. */
async function call(
  operationId: string,
  options: { params?: Record<string, string>; query?: string; body?: unknown; key?: string | null } = {},
) {
  const { method } = validator.operation(operationId);
  const path = validator.pathOf(operationId, options.params) + (options.query ? `?${options.query}` : '');
  const res = await server.call(method, path, { body: options.body, key: options.key });
  const contentType = res.headers.get('content-type');
  const mismatch = validator.checkResponse(operationId, res.status, contentType, res.body);
  return { ...res, mismatch };
}

describe('/openapi.json', () => {
  it('passes the Redocly linter with no error', async () => {
    const require = createRequire(import.meta.url);
    const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
    const dir = await mkdtemp(join(tmpdir(), 'tremplins-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      const result = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--format=json'], {
        cwd: dir,
        // No telemetry or update check: the tests send nothing off this machine.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout?: string; stderr?: string }) => ({
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? '',
      }));
      const report = JSON.parse(result.stdout) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; severity: string; message: string }[];
      };
      const errors = report.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.ruleId}: ${p.message}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives every operation a unique operationId and documents 500 and 503', () => {
    const ids = [...validator.operations.keys()];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    for (const { operationId, operation, path } of validator.operations.values()) {
      expect(Object.keys(operation.responses), operationId).toContain('500');
      if (path !== '/health') expect(Object.keys(operation.responses), operationId).toContain('503');
    }
  });

  it('says /health needs no key', () => {
    const health = doc.paths['/health']?.get as { security?: unknown[] } | undefined;
    expect(health?.security).toEqual([]);
  });

  it('writes dates with a format and a pattern, and nullable references as anyOf with null', () => {
    const date = doc.components.schemas.IsoDate as { format?: string; pattern?: string };
    expect(date.format).toBe('date');
    expect(new RegExp(date.pattern as string).test('2004-02-30')).toBe(false);
    expect(new RegExp(date.pattern as string).test('2004-02-29')).toBe(true);
    // A named schema is never nullable itself (that would let null through wherever it is used) …
    const nullableComponents = Object.entries(doc.components.schemas)
      .filter(([, schema]) => {
        const type = (schema as { type?: unknown }).type;
        return Array.isArray(type) && type.includes('null');
      })
      .map(([name]) => name);
    expect(nullableComponents).toEqual([]);
    // … and `allOf: [$ref, {type: [T, null]}]` (which refuses null) never appears.
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/"allOf":\[\{"\$ref":"[^"]+"\},\{"type":\["\w+","null"\]/);
    const party = doc.components.schemas.Party as { properties: Record<string, unknown> };
    expect(party.properties.siren).toEqual({
      anyOf: [{ $ref: '#/components/schemas/Siren' }, { type: 'null' }],
    });
  });
});

describe('answers match the document', () => {
  it('for every operation, on success and on the usual refusals', async () => {
    const faults: string[] = [];
    const seen = new Set<string>();
    const expectOk = async (
      operationId: string,
      status: number,
      options: Parameters<typeof call>[1] = {},
    ) => {
      const res = await call(operationId, options);
      seen.add(operationId);
      if (res.status !== status) faults.push(`${operationId}: HTTP ${res.status}, expected ${status}`);
      if (res.mismatch) faults.push(`${operationId} ${res.status}: ${res.mismatch}`);
      return res;
    };

    const association = await server.createKey('association', 'rencontres-et-loisirs');
    await expectOk('getHealth', 200, { key: null });
    await expectOk('listConventions', 200);
    await expectOk('getConvention', 200, { params: { id: '2022-417' } });
    await expectOk('getConvention', 404, { params: { id: '1999-001' } });
    await expectOk('getFunding', 200, { params: { id: '2022-417' } });
    await expectOk('getConsistency', 200, { params: { id: '2022-417' } });
    await expectOk('getOccupancy', 200, { params: { id: '2022-417' }, query: 'asOf=2022-10-01' });
    await expectOk('getDeadlines', 200, {
      params: { id: '2022-417' },
      query: 'asOf=2022-10-01&withinDays=60',
    });
    await expectOk('computeTermination', 200, {
      params: { id: '2022-417' },
      body: { noticeReceivedOn: '2022-06-15' },
    });
    await expectOk('evaluateReimbursement', 200, { params: { id: '2022-417' }, body: {} });
    await expectOk('evaluateEligibility', 200, {
      body: { ...adultFacts(), referenceDate: '2022-06-01' },
    });
    await expectOk('evaluateEligibility', 400, { body: { birthDate: '2004-02-30' } });
    await expectOk('evaluateEligibilityBatch', 200, {
      body: { requests: [{ ...adultFacts(), referenceDate: '2022-06-01' }] },
    });
    await expectOk('listPlaces', 200, { query: 'asOf=2022-06-01' });
    await expectOk('listPlaces', 401, { key: 'trk_unknown' });
    const apartment = await expectOk('createApartment', 201, {
      body: { label: 'Appartement contrat', commune: 'Oignies' },
    });
    await expectOk('assignPlaces', 200, {
      params: { id: apartment.body.id },
      body: { placeIds: ['2022-417-A01'] },
    });
    await expectOk('listApartments', 200);

    const beneficiary = await expectOk('createBeneficiary', 201, {
      body: { associationId: 'rencontres-et-loisirs', person: person('contract'), facts: adultFacts() },
    });
    const id = beneficiary.body.id as string;
    await expectOk('getBeneficiary', 200, { params: { id } });
    await expectOk('getBeneficiary', 404, { params: { id: 'nobody' } });
    await expectOk('findBeneficiaries', 200, {
      key: association,
      query: `cafNumber=${person('contract').cafNumber}`,
    });
    await expectOk('searchBeneficiaries', 200, { body: { cafNumber: person('contract').cafNumber } });
    await expectOk('rectifyBeneficiary', 200, {
      params: { id },
      body: { person: { phone: '06 00 00 00 01' } },
    });

    const application = await expectOk('createApplication', 201, {
      body: { beneficiaryId: id, submittedOn: '2022-05-02' },
    });
    await expectOk('getApplication', 200, { params: { id: application.body.id } });
    await expectOk('decideApplication', 200, {
      params: { id: application.body.id },
      body: {
        decision: 'admitted',
        decidedBy: 'Mme Martin, commission',
        rationale: 'Projet solide, place libre.',
      },
    });

    const stay = await expectOk('createStay', 201, {
      body: { beneficiaryId: id, placeId: '2022-417-A02', startOn: '2022-05-01' },
    });
    await expectOk('createStay', 409, {
      body: { beneficiaryId: id, placeId: '2022-417-A03', startOn: '2022-05-01' },
    });
    await expectOk('getStay', 200, { params: { id: stay.body.id } });
    await expectOk('renewStay', 200, { params: { id: stay.body.id } });
    await expectOk('exitStay', 200, {
      params: { id: stay.body.id },
      body: { endOn: '2022-09-01', reason: 'housing_found' },
    });

    const key = await expectOk('createKey', 201, { body: { role: 'partner', label: 'contract test' } });
    await expectOk('revokeKey', 200, { params: { id: key.body.id } });
    await expectOk('revokeKey', 403, { params: { id: key.body.id }, key: association });

    const other = await expectOk('createBeneficiary', 201, {
      body: { associationId: 'rencontres-et-loisirs', person: person('erased'), facts: adultFacts() },
    });
    await expectOk('eraseBeneficiary', 200, { params: { id: other.body.id } });
    await expectOk('listAuditEvents', 200, { query: `resourceId=${id}&limit=5` });
    await expectOk('listAuditEvents', 400, { query: 'from=yesterday' });
    await expectOk('listAuditEvents', 403, { key: association });

    expect(faults).toEqual([]);
    expect([...validator.operations.keys()].filter((operationId) => !seen.has(operationId))).toEqual([]);
  });
});

describe('the document accepts and refuses the bodies the server accepts and refuses', () => {
  // Rules that span two fields (an exit after the stay's start, not in the future) are checked by
  // the server against stored data; JSON Schema cannot say them. Every other refusal must agree.
  const samples: { operationId: string; params?: Record<string, string>; body: unknown; valid: boolean }[] = [
    {
      operationId: 'evaluateEligibility',
      body: { ...adultFacts(), referenceDate: '2022-06-01' },
      valid: true,
    },
    {
      operationId: 'evaluateEligibility',
      body: { ...adultFacts(), referenceDate: '2022-02-30' },
      valid: false,
    },
    { operationId: 'evaluateEligibility', body: { ...adultFacts(), birthDate: '14/03/2004' }, valid: false },
    { operationId: 'evaluateEligibility', body: { ...adultFacts(), aseStatus: 'maybe' }, valid: false },
    { operationId: 'evaluateEligibility', body: { ...adultFacts(), unknownField: 1 }, valid: false },
    { operationId: 'createApartment', body: { label: 'A', commune: 'Oignies' }, valid: true },
    { operationId: 'createApartment', body: { label: '   ', commune: 'Oignies' }, valid: false },
    { operationId: 'createApartment', body: { label: 'A' }, valid: false },
    { operationId: 'createApartment', body: { label: 'A', commune: 'Oignies', extra: true }, valid: false },
    {
      operationId: 'computeTermination',
      params: { id: '2022-417' },
      body: { noticeReceivedOn: '2022-06-15' },
      valid: true,
    },
    {
      operationId: 'computeTermination',
      params: { id: '2022-417' },
      body: { noticeReceivedOn: '2022-6-15' },
      valid: false,
    },
    { operationId: 'computeTermination', params: { id: '2022-417' }, body: {}, valid: false },
    { operationId: 'createKey', body: { role: 'partner', label: 'x' }, valid: true },
    { operationId: 'createKey', body: { role: 'admin', label: 'x' }, valid: false },
    { operationId: 'searchBeneficiaries', body: { cafNumber: '1234567' }, valid: true },
    { operationId: 'searchBeneficiaries', body: { cafNumber: 1234567 }, valid: false },
    { operationId: 'searchBeneficiaries', body: {}, valid: false },
  ];

  it.each(samples.map((s, i) => [i, s] as const))('sample %i', async (_, sample) => {
    const byDocument = validator.checkRequestBody(sample.operationId, sample.body) === undefined;
    const res = await call(sample.operationId, { params: sample.params, body: sample.body });
    const byServer = res.status !== 400;
    expect({ operationId: sample.operationId, byDocument, byServer }).toEqual({
      operationId: sample.operationId,
      byDocument: sample.valid,
      byServer: sample.valid,
    });
    expect(res.mismatch).toBeUndefined();
  });
});
