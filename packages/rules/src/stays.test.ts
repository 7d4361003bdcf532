// Stays (rapport n°41: adults 3 months renewable once; minors 6 weeks tacitly extended to 3 months,
// renewable once; renewals chained, de quantième à quantième: FACTS.md §4.2 C) and the alerts of
// rules/<set>/stays.json, on both evaluators.
import { addDays } from '@tremplins/domain';
import { describe, expect, it } from 'vitest';
import { evaluateStay, type StayEvaluation, type StayRequest } from './stays.ts';
import { onBothEngines, rejectionOnBothEngines } from './test-support/both-engines.ts';

const both = (request: StayRequest) => onBothEngines((engine) => evaluateStay(request, { engine }));
const rejection = (request: unknown) =>
  rejectionOnBothEngines((engine) => evaluateStay(request as StayRequest, { engine }));

const ids = (evaluation: StayEvaluation) => evaluation.alerts.map((a) => a.id);

// Born so that no birthday falls in the stays below unless a case says so.
const ADULT_BIRTH = '2003-09-15';
const MINOR_BIRTH = '2005-09-15';

describe('evaluateStay: planned end and renewals', () => {
  it.each([
    {
      why: 'adult entering 31 Jan 2022: 3 months → 30 April (no 31 April)',
      request: { birthDate: ADULT_BIRTH, startOn: '2022-01-31', category: 'adult', renewals: 0 },
      plannedEndOn: '2022-04-30',
      renewalsLeft: 1,
      plan: {
        initialEndOn: '2022-04-30',
        tacitEndOn: null,
        renewalEndsOn: ['2022-07-30'],
        maxEndOn: '2022-07-30',
      },
    },
    {
      why: 'adult entering 31 Jan 2022, renewed once: chained, 30 April + 3 months → 30 July',
      request: { birthDate: ADULT_BIRTH, startOn: '2022-01-31', category: 'adult', renewals: 1 },
      plannedEndOn: '2022-07-30',
      renewalsLeft: 0,
      plan: {
        initialEndOn: '2022-04-30',
        tacitEndOn: null,
        renewalEndsOn: ['2022-07-30'],
        maxEndOn: '2022-07-30',
      },
    },
    {
      why: 'minor entering 31 Jan 2022: 6 weeks = D + 42 → 14 March, tacitly 3 months → 30 April',
      request: { birthDate: MINOR_BIRTH, startOn: '2022-01-31', category: 'minor' },
      plannedEndOn: '2022-04-30',
      renewalsLeft: 1,
      plan: {
        initialEndOn: '2022-03-14',
        tacitEndOn: '2022-04-30',
        renewalEndsOn: ['2022-07-30'],
        maxEndOn: '2022-07-30',
      },
    },
    {
      why: 'minor entering 31 Jan 2022, renewed once → 30 July',
      request: { birthDate: MINOR_BIRTH, startOn: '2022-01-31', category: 'minor', renewals: 1 },
      plannedEndOn: '2022-07-30',
      renewalsLeft: 0,
      plan: {
        initialEndOn: '2022-03-14',
        tacitEndOn: '2022-04-30',
        renewalEndsOn: ['2022-07-30'],
        maxEndOn: '2022-07-30',
      },
    },
    {
      why: 'adult entering 30 Nov 2022, renewed once: 28 Feb 2023 + 3 months → 28 May 2023 (chained, not 30 May)',
      request: { birthDate: ADULT_BIRTH, startOn: '2022-11-30', category: 'adult', renewals: 1 },
      plannedEndOn: '2023-05-28',
      renewalsLeft: 0,
      plan: {
        initialEndOn: '2023-02-28',
        tacitEndOn: null,
        renewalEndsOn: ['2023-05-28'],
        maxEndOn: '2023-05-28',
      },
    },
  ] as {
    why: string;
    request: StayRequest;
    plannedEndOn: string;
    renewalsLeft: number;
    plan: Partial<StayEvaluation['plan']>;
  }[])('$why', async ({ request, plannedEndOn, renewalsLeft, plan }) => {
    const evaluation = await both({ asOf: request.startOn, ...request });
    expect(evaluation.plannedEndOn).toBe(plannedEndOn);
    expect(evaluation.renewalsLeft).toBe(renewalsLeft);
    expect(evaluation.plan).toEqual({ startOn: request.startOn, ...plan });
    expect(evaluation.ruleSet).toEqual({ id: '2022-417', version: '1.0.0' });
  });

  it('6 weeks is 42 days after entry, the entry day not counted', async () => {
    const { plan } = await both({
      birthDate: MINOR_BIRTH,
      startOn: '2022-01-31',
      category: 'minor',
      asOf: '2022-01-31',
    });
    expect(addDays('2022-01-31', 42)).toBe(plan.initialEndOn);
  });

  it('renewals defaults to 0', async () => {
    const evaluation = await both({
      birthDate: ADULT_BIRTH,
      startOn: '2022-01-31',
      category: 'adult',
      asOf: '2022-02-01',
    });
    expect(evaluation).toMatchObject({ plannedEndOn: '2022-04-30', renewalsLeft: 1 });
  });
});

describe('evaluateStay: alerts on the planned end (rapport n°41)', () => {
  // Adult entering 31 Jan 2022: planned end 30 April (no renewal), 30 July (renewed once).
  const stay = (asOf: string, renewals = 0): StayRequest => ({
    birthDate: ADULT_BIRTH,
    startOn: '2022-01-31',
    category: 'adult',
    renewals,
    asOf,
  });

  it.each([
    { why: 'on entry (89 days before the end)', asOf: '2022-01-31', alerts: [] },
    { why: '31 days before the end', asOf: addDays('2022-04-30', -31), alerts: [] },
    { why: '30 days before the end', asOf: addDays('2022-04-30', -30), alerts: ['stay-ending-soon'] },
    { why: 'the day before the end', asOf: '2022-04-29', alerts: ['stay-ending-soon'] },
    { why: 'on the planned end', asOf: '2022-04-30', alerts: ['stay-ending-soon'] },
    { why: 'the day after the planned end', asOf: '2022-05-01', alerts: ['stay-overdue'] },
    { why: 'long after the planned end', asOf: '2022-12-31', alerts: ['stay-overdue'] },
  ])('renewals 0, $why → $alerts', async ({ asOf, alerts }) => {
    const evaluation = await both(stay(asOf));
    expect(ids(evaluation)).toEqual(alerts);
    for (const alert of evaluation.alerts) {
      expect(alert.on).toBe('2022-04-30');
      expect(alert.article).toBe('rapport n°41');
    }
  });

  it.each([
    { why: '31 days before the end', asOf: addDays('2022-07-30', -31), alerts: [] },
    {
      why: '30 days before the end',
      asOf: addDays('2022-07-30', -30),
      alerts: ['stay-ending-soon', 'no-renewal-left'],
    },
    { why: 'on the planned end', asOf: '2022-07-30', alerts: ['stay-ending-soon', 'no-renewal-left'] },
    { why: 'after the planned end', asOf: '2022-08-01', alerts: ['stay-overdue', 'no-renewal-left'] },
  ])('renewals 1, $why → $alerts', async ({ asOf, alerts }) => {
    const evaluation = await both(stay(asOf, 1));
    expect(ids(evaluation)).toEqual(alerts);
    for (const alert of evaluation.alerts) expect(alert.on).toBe('2022-07-30');
  });

  it('every alert has a French label and an article', async () => {
    const { alerts } = await both(stay('2022-07-30', 1));
    for (const alert of alerts) {
      expect(alert.label.length).toBeGreaterThan(10);
      expect(alert.article.length).toBeGreaterThan(2);
    }
  });
});

describe('evaluateStay: birthdays during the stay (art. 4, 6, 11)', () => {
  // Stays entering 31 Jan 2022, looked at on entry, so no end-of-stay alert: planned end 30 April.
  it.each([
    {
      why: 'a minor turning 18 mid-stay',
      birthDate: '2004-03-10',
      category: 'minor',
      alert: { id: 'minor-turns-18', on: '2022-03-10' },
    },
    {
      why: 'a minor born 29 Feb 2004 turns 18 on 28 Feb 2022 (circular of 25 July 2013)',
      birthDate: '2004-02-29',
      category: 'minor',
      alert: { id: 'minor-turns-18', on: '2022-02-28' },
    },
    {
      why: 'a minor turning 18 on the entry day',
      birthDate: '2004-01-31',
      category: 'minor',
      alert: { id: 'minor-turns-18', on: '2022-01-31' },
    },
    {
      why: 'a minor turning 18 on the planned end',
      birthDate: '2004-04-30',
      category: 'minor',
      alert: { id: 'minor-turns-18', on: '2022-04-30' },
    },
    {
      why: 'a minor turning 18 the day after the planned end',
      birthDate: '2004-05-01',
      category: 'minor',
      alert: null,
    },
    { why: 'a minor turning 18 later', birthDate: '2004-09-01', category: 'minor', alert: null },
    {
      why: 'an adult turning 21 mid-stay',
      birthDate: '2001-03-10',
      category: 'adult',
      alert: { id: 'adult-turns-21', on: '2022-03-10' },
    },
    {
      why: 'an adult turning 21 on the planned end',
      birthDate: '2001-04-30',
      category: 'adult',
      alert: { id: 'adult-turns-21', on: '2022-04-30' },
    },
    {
      why: 'an adult turning 21 the day after the planned end',
      birthDate: '2001-05-01',
      category: 'adult',
      alert: null,
    },
    // The birthday alerts belong to their place category only.
    {
      why: 'an adult place: no minor-turns-18 alert',
      birthDate: '2004-03-10',
      category: 'adult',
      alert: null,
    },
    {
      why: 'a minor place: no adult-turns-21 alert',
      birthDate: '2001-03-10',
      category: 'minor',
      alert: null,
    },
  ] as {
    why: string;
    birthDate: string;
    category: 'minor' | 'adult';
    alert: { id: string; on: string } | null;
  }[])('$why', async ({ birthDate, category, alert }) => {
    const evaluation = await both({ birthDate, startOn: '2022-01-31', category, asOf: '2022-01-31' });
    expect(evaluation.alerts.map(({ id, on }) => ({ id, on }))).toEqual(alert ? [alert] : []);
    if (alert) expect(evaluation.alerts[0]?.article).toMatch(/art\. \d+/);
  });

  it('a renewal that brings the 18th birthday into the stay raises the alert', async () => {
    // Born 1 May 2004: outside the first period (to 30 April), inside the renewal (to 30 July).
    const request = {
      birthDate: '2004-05-01',
      startOn: '2022-01-31',
      category: 'minor',
      asOf: '2022-01-31',
    } as const;
    expect(ids(await both({ ...request, renewals: 0 }))).toEqual([]);
    expect((await both({ ...request, renewals: 1 })).alerts.map(({ id, on }) => ({ id, on }))).toEqual([
      { id: 'minor-turns-18', on: '2022-05-01' },
    ]);
  });

  it('alerts of several kinds come together, in the order of the rule file', async () => {
    const evaluation = await both({
      birthDate: '2004-04-15',
      startOn: '2022-01-31',
      category: 'minor',
      renewals: 0,
      asOf: '2022-04-10',
    });
    expect(evaluation.alerts.map(({ id, on }) => ({ id, on }))).toEqual([
      { id: 'stay-ending-soon', on: '2022-04-30' },
      { id: 'minor-turns-18', on: '2022-04-15' },
    ]);
  });
});

describe('evaluateStay: invalid input', () => {
  it.each([
    {
      why: 'two renewals for an adult (renewable once)',
      request: { birthDate: ADULT_BIRTH, startOn: '2022-01-31', category: 'adult', renewals: 2 },
      code: 'invalid_input',
      field: 'renewals',
    },
    {
      why: 'two renewals for a minor (renewable once)',
      request: { birthDate: MINOR_BIRTH, startOn: '2022-01-31', category: 'minor', renewals: 2 },
      code: 'invalid_input',
      field: 'renewals',
    },
    {
      why: 'negative renewals',
      request: { birthDate: ADULT_BIRTH, startOn: '2022-01-31', category: 'adult', renewals: -1 },
      code: 'invalid_input',
      field: 'renewals',
    },
    {
      why: 'a start before the birth',
      request: { birthDate: '2005-06-01', startOn: '2005-05-31', category: 'minor' },
      code: 'invalid_date',
      field: 'startOn',
    },
    {
      why: 'an unknown category',
      request: { birthDate: ADULT_BIRTH, startOn: '2022-01-31', category: 'senior' },
      code: 'invalid_input',
      field: 'category',
    },
    {
      why: 'an impossible start date',
      request: { birthDate: ADULT_BIRTH, startOn: '2022-02-29', category: 'adult' },
      code: 'invalid_input',
      field: 'startOn',
    },
    {
      why: 'an unknown key',
      request: { birthDate: ADULT_BIRTH, startOn: '2022-01-31', category: 'adult', nationality: 'FR' },
      code: 'invalid_input',
      field: 'nationality',
    },
  ])('$why → $code naming $field', async ({ request, code, field }) => {
    const error = await rejection({ asOf: '2022-02-01', ...request });
    expect(error.code).toBe(code);
    expect(error.issues.map((i) => i.path)).toContain(field);
    expect(error.message).toContain(field);
  });

  it('a stay starting before any rule set is in force → out_of_period', async () => {
    const error = await rejection({ birthDate: ADULT_BIRTH, startOn: '2021-12-31', category: 'adult' });
    expect(error.code).toBe('out_of_period');
  });
});
