import {
  checkConsistency,
  convention2022417,
  fundingBreakdown,
  terminationEffectiveOn,
} from '@tremplins/domain';
import { evaluateEligibility, evaluateReimbursement } from '@tremplins/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultFacts, startTestServer, type TestServer } from '../../test-support/server.ts';

let server: TestServer;
let partner: string;

beforeAll(async () => {
  server = await startTestServer();
  partner = await server.createKey('partner');
});
afterAll(() => server?.close());

describe('eligibility', () => {
  it('answers the rules package’s result unchanged', async () => {
    const request = { ...adultFacts(), referenceDate: '2022-06-01' };
    const res = await server.call('POST', '/v1/eligibility', { key: partner, body: request });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(await evaluateEligibility(request));
  });

  it('lists unknown facts as missing rather than failing them', async () => {
    const res = await server.call('POST', '/v1/eligibility', {
      key: partner,
      body: { ...adultFacts({ hasResources: undefined }), referenceDate: '2022-06-01' },
    });
    expect(res.body).toMatchObject({ verdict: 'undetermined', missingFacts: ['hasResources'] });
  });

  it('refuses a nationality field: the convention admits "sans condition de nationalité"', async () => {
    const res = await server.call('POST', '/v1/eligibility', {
      key: partner,
      body: { ...adultFacts(), nationality: 'FR' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'nationality', message: 'unknown field' }]);
  });

  it('answers a batch in order, one error per bad item without failing the others', async () => {
    const requests = Array.from({ length: 300 }, (_, i) => ({
      ...adultFacts({ birthDate: `${1995 + (i % 12)}-0${1 + (i % 9)}-1${i % 10}` }),
      referenceDate: '2022-06-01',
    }));
    requests[7] = { ...requests[7], commune: 'Atlantis-sur-Mer' } as (typeof requests)[number];
    const res = await server.call('POST', '/v1/eligibility/batch', { key: partner, body: { requests } });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(300);
    expect(res.body.results.map((r: { index: number }) => r.index)).toEqual(requests.map((_, i) => i));
    expect(res.body.results[7]).toMatchObject({ index: 7, error: { code: 'invalid_request' } });
    expect(res.body.results[7].error.errors[0].path).toBe('commune');
    for (const i of [0, 42, 299]) {
      expect(res.body.results[i].result).toEqual(await evaluateEligibility(requests[i] as never));
    }
  });

  it('refuses a batch over 10 000 requests, naming the field', async () => {
    const one = { ...adultFacts(), referenceDate: '2022-06-01' };
    const res = await server.call('POST', '/v1/eligibility/batch', {
      body: { requests: Array.from({ length: 10_001 }, () => one) },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('requests');
  });
});

describe('conventions', () => {
  it('lists and reads 2022-417', async () => {
    const list = await server.call('GET', '/v1/conventions', { key: partner });
    expect(list.body.conventions).toEqual([
      { id: '2022-417', title: convention2022417.title, period: convention2022417.period, placesTotal: 23 },
    ]);
    const one = await server.call('GET', '/v1/conventions/2022-417', { key: partner });
    expect(one.body).toEqual(JSON.parse(JSON.stringify(convention2022417)));
  });

  it('gives the funding in cents, prorated as the domain does (197 000 € in 2022)', async () => {
    const res = await server.call('GET', '/v1/conventions/2022-417/funding', { key: partner });
    expect(res.body).toEqual(fundingBreakdown(convention2022417, 2022));
    expect(res.body.totalCents).toBe(19_700_000);
    const year = await server.call('GET', '/v1/conventions/2022-417/funding?year=1800', { key: partner });
    expect(year.status).toBe(400);
    expect(year.body.errors[0].path).toBe('query.year');
  });

  it('gives the consistency findings of the domain', async () => {
    const res = await server.call('GET', '/v1/conventions/2022-417/consistency', { key: partner });
    expect(res.body).toEqual({ findings: checkConsistency(convention2022417) });
    expect(res.body.findings.some((f: { severity: string }) => f.severity === 'error')).toBe(true);
  });

  it('computes when a termination takes effect (art. 17: one month, quantième to quantième)', async () => {
    const res = await server.call('POST', '/v1/conventions/2022-417/termination', {
      body: { noticeReceivedOn: '2022-01-31' },
    });
    expect(res.status).toBe(200);
    expect(res.body.effectiveOn).toBe(terminationEffectiveOn(convention2022417, '2022-01-31'));
    expect(res.body.articles).toContain('art. 17');
  });

  it('evaluates reimbursement findings with the rules package', async () => {
    const findings = { accountingAbsent: true };
    const res = await server.call('POST', '/v1/conventions/2022-417/reimbursement', { body: findings });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(await evaluateReimbursement('2022-417', findings));
  });
});
