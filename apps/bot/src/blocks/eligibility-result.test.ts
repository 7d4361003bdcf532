// The eligibility answer, built from real results of @tremplins/rules.
import { type EligibilityRequest, evaluateEligibility } from '@tremplins/rules';
import { describe, expect, it } from 'vitest';
import { COMPLETE_ACTION_ID, eligibilityReply } from './eligibility-result.ts';
import { limitViolations } from './limits.ts';
import { renderBlocksAsText } from './render-text.ts';

const REFERENCE = '2022-06-01';

async function reply(request: Omit<EligibilityRequest, 'referenceDate'>, draft?: string) {
  const result = await evaluateEligibility({ ...request, referenceDate: REFERENCE });
  const message = eligibilityReply({
    result,
    communeLabel: 'Oignies (62637, CAHC)',
    referenceDate: REFERENCE,
    ...(draft ? { draft } : {}),
  });
  return { result, message, text: renderBlocksAsText(message.blocks), json: JSON.stringify(message) };
}

describe('eligibilityReply', () => {
  it('an eligible former ASE adult: verdict, category, every check with its article, priority', async () => {
    const { message, text, json } = await reply({
      birthDate: '2003-03-14',
      commune: '62637',
      aseStatus: 'former',
      inInsertionPath: true,
      hasResources: true,
      orientedBy: 'mds_henin_carvin',
    });
    expect(limitViolations('message', message)).toEqual([]);
    expect(text).toContain('✅ Éligible — place majeur (18–20 ans)');
    expect(text).toContain('*Âge* : 19 ans');
    expect(text).toContain('✅ Avoir au moins 16 ans à la date de référence _(art. 1, art. 6)_');
    expect(text).toContain(
      "✅ Un majeur dispose de ressources (en bénéficiant d'un contrat jeune majeur ou non) _(art. 6)_",
    );
    expect(text).toMatch(/\*Priorité\* \(score 9\)/);
    expect(text).toContain(
      "orienté par les services de la MDS d'Hénin-Carvin _(art. 5 (objectif 2.1), art. 11)_ : +2",
    );
    expect(text).toContain('la commission d’admission décide');
    expect(json).not.toContain(COMPLETE_ACTION_ID);
    expect(message.text).toBe('Éligibilité : éligible — place majeur (18–20 ans).');
  });

  it('never shows the birth date, only the age', async () => {
    const { json } = await reply({
      birthDate: '2003-03-14',
      commune: '62637',
      aseStatus: 'former',
      inInsertionPath: true,
    });
    expect(json).not.toContain('2003-03-14');
    expect(json).not.toContain('14/03/2003');
    expect(json).not.toContain('14 mars 2003');
  });

  it('undetermined: the missing answers by name, and « Compléter » carrying the draft', async () => {
    const { result, message, text } = await reply(
      { birthDate: '2002-07-03', commune: '62637', aseStatus: 'none', inInsertionPath: true },
      'sealed-draft',
    );
    expect(result.verdict).toBe('undetermined');
    expect(limitViolations('message', message)).toEqual([]);
    expect(text).toContain('❔ À compléter — place majeur (18–20 ans)');
    expect(text).toContain(
      '*Réponses manquantes* : ressources, rupture familiale, besoin d’un soutien éducatif ou matériel.',
    );
    expect(text).toContain("❔ Un majeur jamais admis à l'ASE est en rupture familiale _(art. 1)_");
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({
      elements: [{ action_id: COMPLETE_ACTION_ID, value: 'sealed-draft', text: { text: 'Compléter' } }],
    });
    expect(message.text).toContain('Manque : ressources, rupture familiale');
  });

  it('undetermined without a draft has no button', async () => {
    const { message } = await reply({
      birthDate: '2002-07-03',
      commune: '62637',
      aseStatus: 'none',
      inInsertionPath: true,
    });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('ineligible: the failed check, no missing answers, no button even with a draft', async () => {
    const { message, text } = await reply(
      { birthDate: '2000-01-01', commune: '62637', aseStatus: 'former', inInsertionPath: true },
      'sealed-draft',
    );
    expect(text).toContain('❌ Non éligible');
    expect(text).toContain('*Âge* : 22 ans');
    expect(text).toContain('❌ Avoir moins de 21 ans à la date de référence');
    expect(text).toContain('hors des tranches d’âge');
    expect(text).not.toContain('Réponses manquantes');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('a minor previously in a children’s home: the art. 4 priority', async () => {
    const { text } = await reply({
      birthDate: '2005-09-15',
      commune: '62041',
      aseStatus: 'in_care',
      inInsertionPath: true,
      previousPlacement: 'children_home',
    });
    expect(text).toContain('place mineur (16–17 ans)');
    expect(text).toContain(
      "Mineur accueilli préalablement chez un assistant familial ou en maison d'enfants _(art. 4)_ : +2",
    );
  });

  it('shows a notice next to the commune when one is given, and none otherwise', async () => {
    const request = {
      birthDate: '2005-03-14',
      commune: '06080',
      aseStatus: 'in_care',
      inInsertionPath: true,
    } as const;
    const result = await evaluateEligibility({ ...request, referenceDate: REFERENCE });
    const notice =
      'Commune lue : Marie (06080, Alpes-Maritimes) — si c’est un prénom, retirez-le : ne saisissez jamais de nom.';
    const message = eligibilityReply({
      result,
      communeLabel: 'Marie (06080)',
      communeNotice: notice,
      referenceDate: REFERENCE,
    });
    expect(limitViolations('message', message)).toEqual([]);
    const text = renderBlocksAsText(message.blocks);
    expect(text).toContain(`*Commune d’origine* : Marie (06080)`);
    expect(text).toContain(`› ⚠️ ${notice}`);
    expect(text.indexOf('Commune lue')).toBeLessThan(text.indexOf('*Critères*'));
    expect((await reply(request)).text).not.toContain('Commune lue');
  });

  it('no priority reason: says so', async () => {
    const { text } = await reply({
      birthDate: '2003-03-14',
      commune: '62041',
      aseStatus: 'none',
      inInsertionPath: false,
    });
    expect(text).toContain('Aucun critère de priorité établi.');
  });
});
