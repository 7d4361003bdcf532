import { describe, expect, it } from 'vitest';
import { ApiError, ApiUnavailableError } from '../api-client.ts';
import { QUICK_WORDS } from '../quick-form.ts';
import { helpReply } from './help.ts';
import { limitViolations } from './limits.ts';
import { apiErrorReply, expiredDraftReply, quickFormErrorReply, wordPositions } from './notices.ts';
import { renderBlocksAsText } from './render-text.ts';

describe('helpReply', () => {
  it('lists every subcommand and every quick-form word, within limits', () => {
    const message = helpReply();
    const text = renderBlocksAsText(message.blocks);
    expect(limitViolations('message', message)).toEqual([]);
    for (const sub of ['eligibilite', 'places', 'occupation', 'echeances', 'aide'])
      expect(text).toContain(`/tremplins ${sub}`);
    for (const word of QUICK_WORDS.flatMap((w) => w.words)) expect(text).toContain(`\`${word}\``);
  });

  it('says a subcommand is unknown, suggesting the one it is close to', () => {
    const text = renderBlocksAsText(helpReply({ suggestion: 'eligibilite' }).blocks);
    expect(text).toContain(
      'Je ne connais pas cette sous-commande. Vouliez-vous dire `/tremplins eligibilite` ? Voici ce que je sais faire :',
    );
    expect(renderBlocksAsText(helpReply({}).blocks)).toContain(
      'Je ne connais pas cette sous-commande. Voici ce que je sais faire :',
    );
    expect(helpReply({}).text).toBe('Sous-commande inconnue : aide de /tremplins.');
  });
});

describe('apiErrorReply', () => {
  it.each([
    [new ApiUnavailableError('GET /v1/places: TypeError'), /injoignable/],
    [new ApiError(503, 'unknown', 'x'), /injoignable/],
    [new ApiError(200, 'invalid_response', 'x'), /injoignable/],
    [new ApiError(401, 'unauthorized', 'x'), /refusé la demande \(HTTP 401\)/],
    [new Error('boom'), /erreur inattendue/],
  ])('%s → French, no detail', (error, expected) => {
    const message = apiErrorReply(error);
    expect(message.text).toMatch(expected);
    expect(JSON.stringify(message)).not.toMatch(/GET|stack|boom|Bearer/);
    expect(limitViolations('message', message)).toEqual([]);
  });
});

describe('quickFormErrorReply', () => {
  it('counts the unreadable words by position, suggests known words, gives an example and the words', () => {
    const message = quickFormErrorReply({
      unreadable: [{ position: 2 }, { position: 4, suggestion: 'formation' }],
      missing: ['la commune d’origine (nom ou code INSEE)'],
      problems: ['La date de naissance est dans le futur.'],
    });
    const text = renderBlocksAsText(message.blocks);
    expect(text).toContain('2 mots non reconnus (mots 2 et 4) : je ne les répète pas.');
    expect(text).toContain(
      'N’écrivez ni nom, ni numéro de téléphone, ni adresse, ni numéro CAF : la réponse n’en a pas besoin',
    );
    expect(text).toContain('• mot 4 : vouliez-vous dire `formation` ?');
    expect(text).toContain('Il manque : la commune d’origine (nom ou code INSEE).');
    expect(text).toContain('• La date de naissance est dans le futur.');
    expect(text).toContain(
      'Exemple : `/tremplins eligibilite 14/03/2004 Oignies ancien-ase formation ressources`',
    );
    for (const word of QUICK_WORDS.flatMap((w) => w.words)) expect(text).toContain(`\`${word}\``);
    expect(limitViolations('message', message)).toEqual([]);
  });

  it('the message of the review: 4 words, no echo', () => {
    const text = renderBlocksAsText(
      quickFormErrorReply({
        unreadable: [6, 7, 8, 9].map((position) => ({ position })),
        missing: [],
        problems: [],
      }).blocks,
    );
    expect(text).toContain('4 mots non reconnus (mots 6 à 9) : je ne les répète pas.');
    expect(text).not.toContain('vouliez-vous dire');
  });

  it('gives commune-like runs by position only: a second commune, an ambiguous name, a postal code', () => {
    const message = quickFormErrorReply({
      unreadable: [{ position: 3 }],
      unnamedCommunes: [
        { positions: [2], reason: 'ambiguous' },
        { positions: [7, 8], reason: 'second', first: [2] },
        { positions: [9], reason: 'postal_code' },
      ],
      missing: [],
      problems: [],
    });
    const text = renderBlocksAsText(message.blocks);
    expect(text).toContain('N’écrivez ni nom, ni numéro de téléphone');
    expect(text).toContain('• mot 2 : un nom que portent plusieurs communes ; je ne le répète pas.');
    expect(text).toContain(
      '• mots 7 et 8 : une seconde commune ? je ne la répète pas. Une seule commune est attendue (la première : mot 2).',
    );
    expect(text).toContain('• mot 9 : un code postal ; je ne le répète pas.');
    expect(limitViolations('message', message)).toEqual([]);
  });

  it('says nothing of unreadable words when there are none', () => {
    const text = renderBlocksAsText(
      quickFormErrorReply({ unreadable: [], missing: ['x'], problems: [] }).blocks,
    );
    expect(text).not.toContain('non reconnu');
    expect(text).not.toContain('N’écrivez ni nom');
  });
});

describe('wordPositions', () => {
  it.each([
    [[4], 'mot 4'],
    [[6, 7], 'mots 6 et 7'],
    [[6, 7, 8, 9], 'mots 6 à 9'],
    [[2, 6, 7], 'mots 2, 6 et 7'],
    [[2, 6, 7, 8], 'mots 2 et 6 à 8'],
    [[9, 1, 2, 3, 5], 'mots 1 à 3, 5 et 9'],
  ])('%j → %s', (positions, expected) => {
    expect(wordPositions(positions)).toBe(expected);
  });
});

describe('expiredDraftReply', () => {
  it('tells how to start again', () => {
    expect(expiredDraftReply().text).toContain('/tremplins eligibilite');
  });
});
