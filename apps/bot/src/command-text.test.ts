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
    ['bonjour', { name: 'unknown', word: 'bonjour' }],
    ['éligibilitée', { name: 'unknown', word: 'éligibilitée' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});
