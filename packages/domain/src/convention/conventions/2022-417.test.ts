import { describe, expect, it } from 'vitest';
import { DomainError, parseOrThrow } from '../../errors.ts';
import { euros } from '../../money.ts';
import { findConvention, getConvention, listConventions } from '../registry.ts';
import { type Convention, ConventionSchema } from '../schema.ts';
import { convention2022417 as c } from './2022-417.ts';

/** Runs `fn`, which must throw, and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** A deep copy of the convention with one change: what a typo in a data file would look like. */
function altered(change: (copy: Convention) => void): unknown {
  const copy = structuredClone(c);
  change(copy);
  return copy;
}

function nth<T>(list: T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

/** A value of the wrong type, as a hand-edited data file could hold. */
const wrong = <T>(value: unknown): T => value as T;

function party(id: string) {
  const found = c.parties.find((p) => p.id === id);
  if (!found) throw new Error(`no party ${id}`);
  return found;
}

function component(id: string) {
  const found = c.funding.components.find((x) => x.id === id);
  if (!found) throw new Error(`no funding component ${id}`);
  return found;
}

function stayRule(category: 'adult' | 'minor') {
  const found = c.stayRules.find((r) => r.category === category);
  if (!found) throw new Error(`no stay rule ${category}`);
  return found;
}

describe('convention 2022-417 carries every figure of the text (DESIGN.md "Facts of the convention")', () => {
  it('is valid against its own schema', () => {
    expect(ConventionSchema.parse(c)).toEqual(c);
    expect(c.id).toBe('2022-417');
    expect(c.programme).toBe('AML Tremplins et Tremplins duo');
  });

  describe('parties (préambule, art. 2, art. 6)', () => {
    it('the Département: SIREN 226 200 012, funder, signatory, in Arras', () => {
      expect(party('departement-62')).toMatchObject({
        role: 'funder',
        name: 'Département du Pas-de-Calais',
        siren: '226200012',
        signatory: true,
        address: { postalCode: '62018', city: 'Arras cedex 9' },
      });
    });

    it('the association: 19 rue du 19 mars 1962, 62590 Oignies, operator, signatory; no SIREN in the text', () => {
      expect(party('rencontres-et-loisirs')).toMatchObject({
        role: 'operator',
        siren: null,
        signatory: true,
        address: { street: '19 rue du 19 mars 1962', postalCode: '62590', city: 'Oignies' },
      });
    });

    it.each([
      ['accueil-et-relais', 'partner'],
      ['mds-henin-carvin', 'controller'],
    ] as const)('%s is a %s that does not sign', (id, role) => {
      expect(party(id)).toMatchObject({ role, signatory: false });
    });
  });

  it('runs from 2022-01-01 to 2022-12-31 (art. 8)', () => {
    expect(c.period).toEqual({ start: '2022-01-01', end: '2022-12-31' });
  });

  describe('funding (délibération art. 1, art. 2, art. 9, rapport n°41)', () => {
    it.each([
      ['reference budget', c.funding.referenceBudgetCents, 230_000],
      ['participation 2022', c.funding.totalCents, 197_000],
    ])('%s is %d €', (_label, cents, amount) => {
      expect(cents).toBe(euros(amount));
    });

    it('prorates on the months basis (132 000 € × 9/12 = 99 000 €)', () => {
      expect(c.funding.prorationBasis).toBe('months');
    });

    it.each([
      ['tremplins', 98_000, '2022-01-01', 98_000],
      ['tremplins-duo', 132_000, '2022-04-01', 99_000],
    ])('component %s: %d € a year from %s, declared %d € for 2022', (id, annual, startsOn, declared) => {
      expect(component(id)).toMatchObject({
        annualAmountCents: euros(annual),
        startsOn,
        declaredAmountCents: euros(declared),
      });
      expect(component(id).articles).toContain('rapport n°41');
    });

    it('has exactly the two components, whose declared amounts make the participation', () => {
      expect(c.funding.components.map((x) => x.id)).toEqual(['tremplins', 'tremplins-duo']);
      const declared = c.funding.components.reduce((sum, x) => sum + x.declaredAmountCents, 0);
      expect(declared).toBe(c.funding.totalCents);
    });
  });

  describe('budget line (délibération art. 3, art. 10, rapport n°41)', () => {
    it.each([
      ['operationCode', 'C02-513B03'],
      ['imputation', '6568/9351'],
      ['label', 'Foyers Jeunes Travailleurs – Résidences Habitat'],
      ['programme', 'Accueil Institutionnel permanent'],
      ['subProgramme', '513B03'],
    ] as const)('%s is %j', (field, value) => {
      expect(c.budgetLine[field]).toBe(value);
    });

    it.each([
      ['creditsCents', 290_000],
      ['proposedCents', 197_000],
      ['balanceCents', 93_000],
    ] as const)('%s is %d €', (field, amount) => {
      expect(c.budgetLine[field]).toBe(euros(amount));
    });
  });

  it('is paid in one instalment at signature by all parties, after bank details (art. 10)', () => {
    expect(c.payment).toMatchObject({
      instalments: 1,
      dueAt: 'signature_by_all_parties',
      requiresBankDetails: true,
      conditionalOnArticles: ['art. 11'],
      payer: 'Payeuse Départementale',
      articles: ['art. 10'],
    });
  });

  describe('capacity (art. 4, art. 11, rapport n°41)', () => {
    it.each([
      { from: '2022-01-01', to: '2022-03-31', total: 10, adults: 9, minors: 1 },
      { from: '2022-04-01', to: null, total: 23, adults: 17, minors: 6 },
    ])('from $from to $to: $total places = $adults adults + $minors minors', (step) => {
      expect(c.capacity.find((s) => s.from === step.from)).toMatchObject(step);
    });

    it('has exactly those two steps', () => {
      expect(c.capacity).toHaveLength(2);
    });

    it('places are in 14 apartments in Oignies 62637, Hénin-Beaumont 62427 and Libercourt 62907 (INSEE codes)', () => {
      expect(c.apartments).toEqual({ count: 14, communes: ['62637', '62427', '62907'] });
    });
  });

  it('targets 95 % take-up stated as 8 030 days of care; a shortfall is negotiated (art. 11)', () => {
    expect(c.activityTarget).toMatchObject({
      rate: 0.95,
      days: 8030,
      shortfall: 'negotiated_readjustment',
      articles: ['art. 11'],
    });
  });

  describe('stay rules (art. 4, art. 6, rapport n°41)', () => {
    it('adults 18–21: 3 months, renewable once, no tacit extension', () => {
      expect(stayRule('adult')).toMatchObject({
        ageFrom: 18,
        ageUntil: 21,
        initial: { months: 3, days: 0 },
        tacitExtensionTo: null,
        renewal: { months: 3, days: 0 },
        maxRenewals: 1,
      });
    });

    it('minors 16–18: 6 weeks (42 days), tacitly extended to 3 months, renewable once', () => {
      expect(stayRule('minor')).toMatchObject({
        ageFrom: 16,
        ageUntil: 18,
        initial: { months: 0, days: 42 },
        tacitExtensionTo: { months: 3, days: 0 },
        renewal: { months: 3, days: 0 },
        maxRenewals: 1,
      });
    });
  });

  it('reports by 28 February of the next year: administrative account and activity report (art. 12)', () => {
    expect(c.reporting).toMatchObject({ dueMonth: 2, dueDay: 28, yearOffset: 1, articles: ['art. 12'] });
    expect(c.reporting.documents).toHaveLength(2);
    expect(c.reporting.documents[0]).toBe('Compte administratif');
    expect(c.reporting.documents[1]).toMatch(/^Rapport d’activité/);
  });

  it('terminates one month after receipt, de quantième à quantième, receipt day not counted, not extendable (art. 17)', () => {
    expect(c.termination).toEqual({
      noticeMonths: 1,
      counting: 'de_quantieme_a_quantieme',
      receiptDayCounts: false,
      extendable: false,
      byWhom: 'funder',
      hearingBeforehand: true,
      articles: ['art. 17'],
    });
  });

  describe('data protection (art. 13)', () => {
    it('processes exactly lastName, firstName, postalAddress, phone, cafNumber', () => {
      expect(c.dataProtection.fields).toEqual([
        'lastName',
        'firstName',
        'postalAddress',
        'phone',
        'cafNumber',
      ]);
    });

    it('breach notice within 24 h, no sub-processing, destruction with written proof', () => {
      expect(c.dataProtection).toMatchObject({
        breachNoticeHours: 24,
        subProcessingAllowed: false,
        atEnd: 'destroy_with_written_proof',
        automatedDecisionForbidden: true,
        contactEmail: 'delegue.protection.donnees@pasdecalais.fr',
      });
      expect(c.dataProtection.measures).toEqual(expect.arrayContaining(['pseudonymisation', 'encryption']));
    });
  });

  it('was decided by the Commission Permanente on 2022-10-17: 40 for, 0 against, 1 abstention, 3 absent', () => {
    expect(c.deliberation).toMatchObject({
      number: '2022-417',
      date: '2022-10-17',
      committeeOpinion: { date: '2022-10-03' },
      report: 'Rapport n°41',
      vote: { for: 40, against: 0, abstention: 1, absentWithoutProxy: 3, adopted: true },
    });
  });

  describe('reimbursement triggers (art. 14)', () => {
    it.each([
      ['total', 3],
      ['partial', 2],
    ] as const)('%s: %d triggers, each citing art. 14', (kind, count) => {
      const triggers = c.reimbursementTriggers.filter((t) => t.kind === kind);
      expect(triggers).toHaveLength(count);
      for (const t of triggers) expect(t.articles).toContain('art. 14');
    });

    it.each([
      ['accounting-absent', 'total'],
      ['unjustified-use', 'total'],
      ['support-not-made-known', 'total'],
      ['action-ceased', 'partial'],
      ['objectives-not-met', 'partial'],
    ])('%s is %s', (id, kind) => {
      expect(c.reimbursementTriggers.find((t) => t.id === id)?.kind).toBe(kind);
    });
  });

  it('names the Tribunal Administratif de Lille for disputes (art. 18)', () => {
    expect(c.disputeCourt).toBe('Tribunal Administratif de Lille');
  });
});

describe('ConventionSchema refuses altered copies, naming the field', () => {
  it.each([
    {
      what: 'capacity total ≠ adults + minors',
      change: (x: Convention) => {
        nth(x.capacity, 1).total = 24;
      },
      path: ['capacity', 1, 'total'],
    },
    {
      what: 'a component that starts before the period',
      change: (x: Convention) => {
        nth(x.funding.components, 1).startsOn = '2021-12-31';
      },
      path: ['funding', 'components', 1, 'startsOn'],
    },
    {
      what: 'a component that starts after the period',
      change: (x: Convention) => {
        nth(x.funding.components, 0).startsOn = '2023-01-01';
      },
      path: ['funding', 'components', 0, 'startsOn'],
    },
    {
      what: 'a fractional amount of cents',
      change: (x: Convention) => {
        x.funding.totalCents = 19_700_000.5;
      },
      path: ['funding', 'totalCents'],
    },
    {
      what: 'an amount in euros written as a string',
      change: (x: Convention) => {
        x.budgetLine.balanceCents = wrong('93000');
      },
      path: ['budgetLine', 'balanceCents'],
    },
    {
      what: 'a date that does not exist',
      change: (x: Convention) => {
        x.period.end = '2022-02-30';
      },
      path: ['period', 'end'],
    },
    {
      what: 'a period whose start is after its end',
      change: (x: Convention) => {
        x.period = { start: '2022-12-31', end: '2022-01-01' };
      },
      path: ['period', 'end'],
    },
    {
      what: 'a personal data field art. 13 does not allow',
      change: (x: Convention) => {
        x.dataProtection.fields.push(wrong('nationality'));
      },
      path: ['dataProtection', 'fields', 5],
    },
    {
      what: 'a SIREN with spaces',
      change: (x: Convention) => {
        nth(x.parties, 0).siren = '226 200 012';
      },
      path: ['parties', 0, 'siren'],
    },
  ])('$what', ({ change, path }) => {
    const result = ConventionSchema.safeParse(altered(change));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(path);
  });

  it('an unknown extra key, named by parseOrThrow', () => {
    const copy = altered((x) => {
      Object.assign(x.funding, { bonusCents: 1 });
    });
    const result = ConventionSchema.safeParse(copy);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['bonusCents'] });
    const error = thrown(() => parseOrThrow(ConventionSchema, copy, 'convention'));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).issues).toContainEqual({
      path: 'convention.funding.bonusCents',
      message: 'unknown field',
    });
  });

  it('refuses a negative amount of cents (a participation is never below zero)', () => {
    const result = ConventionSchema.safeParse(
      altered((x) => {
        nth(x.funding.components, 0).annualAmountCents = -9_800_000;
      }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual([
      'funding',
      'components',
      0,
      'annualAmountCents',
    ]);
  });
});

describe('registry', () => {
  it('getConvention("2022-417") is the convention data', () => {
    expect(getConvention('2022-417')).toBe(c);
    expect(findConvention('2022-417')).toBe(c);
    expect(listConventions()).toEqual([c]);
  });

  it.each(['2023-417', '', '2022-418'])(
    'an unknown id %j throws unknown_convention naming conventionId',
    (id) => {
      const error = thrown(() => getConvention(id));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('unknown_convention');
      expect((error as DomainError).issues[0]?.path).toBe('conventionId');
      expect((error as DomainError).issues[0]?.message).toContain('2022-417');
      expect(findConvention(id)).toBeUndefined();
    },
  );

  it('the data object has the Convention type', () => {
    const typed: Convention = getConvention('2022-417');
    expect(typed.id).toBe('2022-417');
  });
});
