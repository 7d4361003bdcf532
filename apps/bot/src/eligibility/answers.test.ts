import { describe, expect, it } from 'vitest';
import { fieldLabel, missingRequired, toEligibilityRequest } from './answers.ts';

describe('toEligibilityRequest', () => {
  it('keeps given answers, leaves unknown ones out, adds the reference date', () => {
    expect(
      toEligibilityRequest(
        {
          birthDate: '2003-03-14',
          commune: '62637',
          aseStatus: 'none',
          inInsertionPath: true,
          familyRupture: false,
        },
        '2022-06-01',
      ),
    ).toEqual({
      birthDate: '2003-03-14',
      commune: '62637',
      aseStatus: 'none',
      inInsertionPath: true,
      familyRupture: false,
      referenceDate: '2022-06-01',
    });
  });

  it.each(['birthDate', 'commune', 'aseStatus', 'inInsertionPath'] as const)(
    'is null without %s',
    (field) => {
      const answers = {
        birthDate: '2003-03-14',
        commune: '62637',
        aseStatus: 'none',
        inInsertionPath: true,
      } as const;
      const { [field]: _left, ...rest } = answers;
      expect(toEligibilityRequest(rest, '2022-06-01')).toBeNull();
      expect(missingRequired(rest)).toEqual([field]);
    },
  );
});

describe('fieldLabel', () => {
  it.each([
    ['hasResources', 'ressources'],
    ['birthDate', 'date de naissance'],
    ['somethingNew', 'somethingNew'],
  ])('%s → %s', (field, label) => {
    expect(fieldLabel(field)).toBe(label);
  });
});
