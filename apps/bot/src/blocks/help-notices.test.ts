import { describe, expect, it } from 'vitest';
import { ApiError, ApiUnavailableError } from '../api-client.ts';
import { QUICK_WORDS } from '../quick-form.ts';
import { helpReply } from './help.ts';
import { limitViolations } from './limits.ts';
import { apiErrorReply, expiredDraftReply, quickFormErrorReply } from './notices.ts';
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

  it('names an unknown subcommand, escaped and cut', () => {
    const text = renderBlocksAsText(helpReply('<!here>').blocks);
    expect(text).toContain('Je ne connais pas « &lt;!here&gt; »');
    expect(helpReply('x'.repeat(500)).blocks.every((b) => JSON.stringify(b).length < 4000)).toBe(true);
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
  it('names the unreadable words, what is missing, the problems and gives an example', () => {
    const message = quickFormErrorReply({
      unreadable: ['formaton', '<@U1>'],
      missing: ['la commune d’origine (nom ou code INSEE)'],
      problems: ['La date de naissance est dans le futur.'],
    });
    const text = renderBlocksAsText(message.blocks);
    expect(text).toContain('Je n’ai pas compris : « formaton », « &lt;@U1&gt; ».');
    expect(text).toContain('Il manque : la commune d’origine (nom ou code INSEE).');
    expect(text).toContain('• La date de naissance est dans le futur.');
    expect(text).toContain(
      'Exemple : `/tremplins eligibilite 14/03/2004 Oignies ancien-ase formation ressources`',
    );
    expect(limitViolations('message', message)).toEqual([]);
  });
});

describe('expiredDraftReply', () => {
  it('tells how to start again', () => {
    expect(expiredDraftReply().text).toContain('/tremplins eligibilite');
  });
});
