import { describe, expect, it } from 'vitest';
import { parseCommandText } from './command-text.ts';

describe('parseCommandText', () => {
  it.each([
    ['', { name: 'aide', rest: '' }],
    ['aide', { name: 'aide', rest: '' }],
    ['help', { name: 'aide', rest: '' }],
    ['eligibilite', { name: 'eligibilite', rest: '' }],
    ['Éligibilité', { name: 'eligibilite', rest: '' }],
    ['  eligibilite   2004-03-14  Oignies ase ', { name: 'eligibilite', rest: '2004-03-14 Oignies ase' }],
    ['places', { name: 'places', rest: '' }],
    ['PLACES', { name: 'places', rest: '' }],
    ['occupation', { name: 'occupation', rest: '' }],
    ['échéances', { name: 'echeances', rest: '' }],
    ['echeances', { name: 'echeances', rest: '' }],
    ['bonjour', { name: 'unknown' }],
    ['éligibilitée', { name: 'unknown', suggestion: 'eligibilite' }],
    ['eligibilté 2004-03-14 Oignies', { name: 'unknown', suggestion: 'eligibilite' }],
    ['palces', { name: 'unknown', suggestion: 'places' }],
    ['Dupont Jean 0612345678', { name: 'unknown' }],
    ['2004-03-14 Oignies ase formation', { name: 'unknown' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});
