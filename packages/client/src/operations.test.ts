// The contract's operation table: every operation named, reachable, documented and answered the same way.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Operation } from './operation.ts';
import { operations } from './operations/index.ts';
import { PlaceViewSchema, ProblemSchema } from './schemas/index.ts';

const all = Object.entries(operations) as [string, Operation][];

describe('operations', () => {
  it('lists every operation of the API once, keyed by its camelCase operationId', () => {
    expect(all.map(([key, op]) => `${op.method.toUpperCase()} ${op.path} ${key}`).sort()).toEqual(
      [
        'GET /health getHealth',
        'POST /v1/eligibility evaluateEligibility',
        'POST /v1/eligibility/batch evaluateEligibilityBatch',
        'GET /v1/conventions listConventions',
        'GET /v1/conventions/{id} getConvention',
        'GET /v1/conventions/{id}/funding getFunding',
        'GET /v1/conventions/{id}/consistency getConsistency',
        'GET /v1/conventions/{id}/occupancy getOccupancy',
        'GET /v1/conventions/{id}/deadlines getDeadlines',
        'POST /v1/conventions/{id}/termination computeTermination',
        'POST /v1/conventions/{id}/reimbursement evaluateReimbursement',
        'GET /v1/places listPlaces',
        'GET /v1/apartments listApartments',
        'POST /v1/apartments createApartment',
        'PUT /v1/apartments/{id}/places assignPlaces',
        'POST /v1/beneficiaries createBeneficiary',
        'GET /v1/beneficiaries findBeneficiaries',
        'GET /v1/beneficiaries/{id} getBeneficiary',
        'PATCH /v1/beneficiaries/{id} rectifyBeneficiary',
        'DELETE /v1/beneficiaries/{id} eraseBeneficiary',
        'POST /v1/beneficiaries/search searchBeneficiaries',
        'POST /v1/applications createApplication',
        'GET /v1/applications/{id} getApplication',
        'POST /v1/applications/{id}/decision decideApplication',
        'POST /v1/stays createStay',
        'GET /v1/stays/{id} getStay',
        'POST /v1/stays/{id}/renewal renewStay',
        'POST /v1/stays/{id}/exit exitStay',
        'POST /v1/keys createKey',
        'DELETE /v1/keys/{id} revokeKey',
        'GET /v1/audit listAuditEvents',
      ].sort(),
    );
    for (const [key, op] of all) {
      expect(op.operationId).toBe(key);
      expect(key).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
    expect(new Set(all.map(([, op]) => `${op.method} ${op.path}`)).size).toBe(all.length);
  });

  it('declares exactly the path parameters its path has', () => {
    for (const [key, op] of all) {
      const inPath = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = Object.keys(op.request?.params?.shape ?? {});
      expect({ key, params: declared }).toEqual({ key, params: inPath });
    }
  });

  it('needs a key everywhere but /health, and answers every error as problem+json', () => {
    for (const [key, op] of all) {
      expect({ key, security: op.security }).toEqual({
        key,
        security: key === 'getHealth' ? [] : [{ Bearer: [] }],
      });
      const statuses = Object.keys(op.responses).map(Number);
      const success = statuses.filter((s) => s < 300);
      expect({ key, success: success.length }).toEqual({ key, success: 1 });
      expect(op.responses[success[0] as number]?.content?.['application/json']?.schema).toBeInstanceOf(
        z.ZodType,
      );
      if (key === 'getHealth') continue;
      for (const status of [400, 401, 429, 500, 503]) expect(statuses).toContain(status);
      for (const status of statuses.filter((s) => s >= 400)) {
        expect(op.responses[status]?.content?.['application/problem+json']?.schema).toBe(ProblemSchema);
      }
    }
  });

  it('requires the JSON body of every operation that takes one', () => {
    for (const [, op] of all) {
      if (op.request?.body) expect(op.request.body.required).toBe(true);
      if (op.method === 'get' || op.method === 'delete') expect(op.request?.body).toBeUndefined();
    }
  });

  it('names its components with plain zod metadata, readable without any OpenAPI library', () => {
    expect(z.globalRegistry.get(PlaceViewSchema)?.id).toBe('PlaceView');
    expect(z.globalRegistry.get(ProblemSchema)?.id).toBe('Problem');
    // zod's own JSON Schema export carries the same examples the OpenAPI document shows.
    expect(JSON.stringify(z.toJSONSchema(ProblemSchema))).toContain('"example":"invalid_request"');
  });
});
