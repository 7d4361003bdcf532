import { describe, expect, it } from 'vitest';
import { ApplicationSchema, CommissionDecisionSchema } from '../application/application.ts';
import { DomainError, parseOrThrow } from '../errors.ts';
import { BeneficiarySchema, EligibilityFactsSchema, PersonalDataSchema } from './beneficiary.ts';

/** Runs `fn`, which must throw, and returns what it threw. */
function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const facts = {
  birthDate: '2004-05-12',
  commune: '62427',
  aseStatus: 'former',
  inInsertionPath: true,
  hasResources: true,
};

const personal = {
  lastName: 'Dupont',
  firstName: 'Camille',
  postalAddress: '1 rue de la Gare, 62590 Oignies',
  phone: '+33 6 12 34 56 78',
  cafNumber: '1234567',
};

describe('EligibilityFactsSchema (art. 1, 4, 6)', () => {
  it('accepts the facts eligibility is decided on; absent optional facts stay unknown', () => {
    const parsed = EligibilityFactsSchema.parse(facts);
    expect(parsed).toEqual(facts);
    expect(parsed.familyRupture).toBeUndefined();
  });

  // Art. 1: "sans condition de nationalité": the schema has no such field and refuses one.
  it.each([['nationality'], ['residencePermit'], ['lastName']])(
    'refuses the unknown field %s, naming it',
    (field) => {
      const result = EligibilityFactsSchema.safeParse({ ...facts, [field]: 'x' });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: [field] });
      const error = thrown(() => parseOrThrow(EligibilityFactsSchema, { ...facts, [field]: 'x' }, 'facts'));
      expect(error.code).toBe('invalid_input');
      expect(error.issues).toEqual([{ path: `facts.${field}`, message: 'unknown field' }]);
      expect(error.message).toContain(`facts.${field}`);
    },
  );

  it.each(['2023-02-29', '2004-13-01', '12/05/2004', ''])(
    'refuses the birth date %j, naming birthDate',
    (birthDate) => {
      const result = EligibilityFactsSchema.safeParse({ ...facts, birthDate });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path)).toEqual([['birthDate']]);
    },
  );

  it('accepts 29 February of a leap year', () => {
    expect(EligibilityFactsSchema.safeParse({ ...facts, birthDate: '2004-02-29' }).success).toBe(true);
  });

  it.each([
    ['commune', '   '],
    ['aseStatus', 'unknown'],
    ['inInsertionPath', 'yes'],
    ['orientedBy', 'police'],
  ])('refuses a bad %s, naming it', (field, value) => {
    const result = EligibilityFactsSchema.safeParse({ ...facts, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual([field]);
  });

  it('a beneficiary carries facts under a pseudonymous id and no name', () => {
    const beneficiary = BeneficiarySchema.parse({ id: 'b-7f3a', facts });
    expect(beneficiary.birthDateCertainty).toBe('exact');
    const error = thrown(() => parseOrThrow(BeneficiarySchema, { id: 'b-7f3a', facts, lastName: 'Dupont' }));
    expect(error.issues).toEqual([{ path: 'lastName', message: 'unknown field' }]);
  });
});

describe('PersonalDataSchema: the only personal data art. 13 allows', () => {
  it('accepts name, first name, postal address, phone, CAF number', () => {
    expect(PersonalDataSchema.parse(personal)).toEqual(personal);
    expect(Object.keys(PersonalDataSchema.shape)).toEqual([
      'lastName',
      'firstName',
      'postalAddress',
      'phone',
      'cafNumber',
    ]);
  });

  it.each(['12', 'ABC1234', '1234567-8', '12345678901', ''])(
    'refuses the CAF number %j, naming cafNumber',
    (cafNumber) => {
      const result = PersonalDataSchema.safeParse({ ...personal, cafNumber });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path)).toEqual([['cafNumber']]);
    },
  );

  it.each(['1234567', '1234567A', ' 0123456 '])('accepts the CAF number %j', (cafNumber) => {
    expect(PersonalDataSchema.safeParse({ ...personal, cafNumber }).success).toBe(true);
  });

  it('refuses any other personal data, e.g. a birth place', () => {
    const error = thrown(() =>
      parseOrThrow(PersonalDataSchema, { ...personal, birthPlace: 'Lens' }, 'personalData'),
    );
    expect(error.issues).toEqual([{ path: 'personalData.birthPlace', message: 'unknown field' }]);
  });
});

describe('parseOrThrow names every failing field', () => {
  it('one DomainError whose message lists each path', () => {
    const error = thrown(() =>
      parseOrThrow(
        PersonalDataSchema,
        { ...personal, phone: 'call me', cafNumber: 'x', lastName: '', nationality: 'FR' },
        'personalData',
      ),
    );
    expect(error.code).toBe('invalid_input');
    const paths = error.issues.map((i) => i.path).sort();
    expect(paths).toEqual([
      'personalData.cafNumber',
      'personalData.lastName',
      'personalData.nationality',
      'personalData.phone',
    ]);
    for (const path of paths) expect(error.message).toContain(path);
  });

  it('nested paths are dotted (facts.birthDate)', () => {
    const error = thrown(() =>
      parseOrThrow(BeneficiarySchema, {
        id: 'b1',
        facts: { ...facts, birthDate: '2023-02-29', aseStatus: 'x' },
      }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(['facts.aseStatus', 'facts.birthDate']);
    expect(error.message).toContain('facts.birthDate');
    expect(error.message).toContain('facts.aseStatus');
  });
});

describe('CommissionDecisionSchema: only a person decides, with a rationale (art. 6; GDPR art. 22)', () => {
  const decision = {
    decision: 'admitted',
    decidedBy: 'Commission d’admission du 12/05/2022',
    decidedOn: '2022-05-12',
    rationale: 'Jeune issu de l’ASE, en formation, originaire de la CAHC.',
  };

  it('accepts a decision with its rationale', () => {
    expect(CommissionDecisionSchema.parse(decision)).toEqual(decision);
  });

  it.each(['', '     ', 'ok'])('refuses the rationale %j, naming rationale', (rationale) => {
    const error = thrown(() =>
      parseOrThrow(CommissionDecisionSchema, { ...decision, rationale }, 'decision'),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['decision.rationale']);
    expect(error.message).toContain('must explain the decision');
  });

  it('refuses a decision nobody recorded', () => {
    const result = CommissionDecisionSchema.safeParse({ ...decision, decidedBy: ' ' });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['decidedBy']]);
  });

  it('an application awaits the decision (null) and keeps the advice as given', () => {
    const application = {
      id: 'a1',
      beneficiaryId: 'b1',
      conventionId: '2022-417',
      submittedOn: '2022-05-01',
      advice: { eligible: true, category: 'adult' },
      decision: null,
    };
    expect(ApplicationSchema.parse(application)).toEqual(application);
    expect(ApplicationSchema.parse({ ...application, decision }).decision).toEqual(decision);
  });
});
