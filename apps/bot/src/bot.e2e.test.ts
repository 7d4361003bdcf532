// The bot end to end, over real HTTP: signed Slack requests in, a fake Slack Web API recording
// what the bot calls, and the real Tremplins API on an embedded database behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiUnavailableError } from './api-client.ts';
import { COMPLETE_ACTION_ID } from './blocks/eligibility-result.ts';
import { renderBlocksAsText } from './blocks/render-text.ts';
import type { RecordedCall } from './test-support/fake-slack.ts';
import {
  buttonClick,
  CHANNEL,
  type Harness,
  startHarness,
  TEST_SIGNING_SECRET,
  USER,
  viewSubmission,
} from './test-support/harness.ts';
import { SEEDED, startTestApi, type TestApi } from './test-support/test-api.ts';

const TODAY = '2022-06-01';
const ALERTS = 'C0ALERTS';
/** Birth dates typed into the form in these tests: allowed back only in the person's own modal. */
const FORM_BIRTH_DATES = ['2003-03-14', '2002-07-03', '2004-03-14'];
/** Personal data typed by mistake into commands and the form: it must never come back. */
const TYPED_PERSONAL = ['Verhaeghe', 'Maëlys', '0612345678', '1234567A', 'maelys.verhaeghe@example.org'];

let api: TestApi;
let h: Harness;

beforeAll(async () => {
  api = await startTestApi();
  h = await startHarness({ api: { url: api.url, key: api.key }, today: () => TODAY, alertChannel: ALERTS });
});

afterAll(async () => {
  await h?.close();
  await api?.close();
});

/** A form-encoded body as text, so `Maëlys` is found even when sent as `Ma%C3%ABlys`. */
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** Calls the bot made because of a request (auth.test comes from start-up, at its own pace). */
const slackCalls = () => h.slack.calls.filter((c) => c.method !== 'auth.test').length;

const isResponse = (id: string) => (call: RecordedCall) =>
  call.method === 'response_url' && call.responseId === id;
const textOf = (call: RecordedCall) =>
  renderBlocksAsText((call.args.blocks ?? (call.args.view as { blocks: never[] })?.blocks ?? []) as never[]);

/** Fills the eligibility form as Slack would submit it. */
function formValues(fields: {
  birthDate: string;
  commune?: string;
  otherCommune?: string;
  ase: string;
  insertion: string;
  resources?: string;
}) {
  const option = (value: string) => ({
    type: 'radio_buttons',
    selected_option: { value, text: { type: 'plain_text', text: value } },
  });
  const select = (value: string | null) => ({
    type: 'static_select',
    selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null,
  });
  return {
    birth_date: { birth_date_value: { type: 'datepicker', selected_date: fields.birthDate } },
    commune_cahc: { commune_cahc_value: select(fields.commune ?? null) },
    commune_other: { commune_other_value: { type: 'plain_text_input', value: fields.otherCommune ?? null } },
    ase_status: { ase_status_value: option(fields.ase) },
    insertion_path: { insertion_path_value: option(fields.insertion) },
    resources: { resources_value: option(fields.resources ?? 'unknown') },
    young_adult_contract: { young_adult_contract_value: option('unknown') },
    family_rupture: { family_rupture_value: option('unknown') },
    needs_support: { needs_support_value: option('unknown') },
    oriented_by: { oriented_by_value: select('unknown') },
    previous_placement: { previous_placement_value: select('unknown') },
  };
}

describe('request verification', () => {
  const body = 'command=%2Ftremplins&text=aide&user_id=U0STAFF&channel_id=C0MDS&trigger_id=t';
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['a bad signature', { secret: 'not-the-secret' }],
    ['a 10-minute-old timestamp', { timestamp: now() - 600 }],
    ['a timestamp 10 minutes in the future', { timestamp: now() + 600 }],
    ['a timestamp 6 minutes in the future', { timestamp: now() + 360 }],
  ])('refuses %s with 401', async (_why, options) => {
    const before = slackCalls();
    const response = await h.send(body, options);
    expect(response.status).toBe(401);
    expect(response.text).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slackCalls()).toBe(before);
  });

  // Bolt routes on `new URL(req.url).pathname`: these paths all reach the Slack endpoint.
  const ROUTED_PATHS = ['/slack/./events', '/x/../slack/events', '//elsewhere.example/slack/events'];

  it.each(ROUTED_PATHS)('Bolt does route %s to the Slack endpoint (signed, on time: 200)', async (path) => {
    expect((await h.send(body, { path })).status).toBe(200);
  });

  it.each(ROUTED_PATHS)('refuses %s with a timestamp one hour in the future', async (path) => {
    const before = slackCalls();
    const response = await h.send(body, { path, timestamp: now() + 3600 });
    expect(response.status).toBe(401);
    expect(response.text).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slackCalls()).toBe(before);
  });

  it('refuses a request without signature headers', async () => {
    const response = await fetch(h.url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(401);
  });

  it('accepts a timestamp 4 minutes off either way', async () => {
    expect((await h.send(body, { timestamp: now() - 240 })).status).toBe(200);
    expect((await h.send(body, { timestamp: now() + 240 })).status).toBe(200);
  });

  it('answers Slack’s url_verification challenge', async () => {
    const response = await h.send(
      JSON.stringify({ type: 'url_verification', token: 't', challenge: 'ch4ll3nge' }),
      {
        contentType: 'application/json',
      },
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: 'ch4ll3nge' });
  });

  it('serves a health check without a signature', async () => {
    const response = await fetch(h.url.replace('/slack/events', '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('/tremplins aide and unknown subcommands', () => {
  it('answers the help in the ack itself, ephemeral', async () => {
    const response = await h.command('aide', 'help');
    const body = JSON.parse(response.text);
    expect(body.response_type).toBe('ephemeral');
    expect(renderBlocksAsText(body.blocks)).toContain('/tremplins eligibilite');
  });

  it('says a subcommand is unknown without repeating it, and shows the help', async () => {
    const body = JSON.parse((await h.command('bonjour', 'unknown')).text);
    expect(body.response_type).toBe('ephemeral');
    expect(renderBlocksAsText(body.blocks)).toContain('Je ne connais pas cette sous-commande.');
    expect(JSON.stringify(body)).not.toContain('bonjour');
  });

  it('never echoes a name typed in place of the subcommand', async () => {
    const response = await h.command(TYPED_PERSONAL.join(' '), 'unknown-personal');
    for (const typed of TYPED_PERSONAL) expect(response.text).not.toContain(typed);
  });
});

describe('/tremplins eligibilite (modal)', () => {
  let metadata = '';

  it('acks and opens the modal with the command’s trigger_id', async () => {
    const response = await h.command('eligibilite', 'modal');
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const open = await h.slack.waitUntil(
      (c) => c.method === 'views.open' && c.args.trigger_id === 'trigger.modal',
      'views.open',
    );
    const view = open.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(open.token).toBe('xoxb-test-token');
    expect(view.callback_id).toBe('eligibility_form');
    expect(JSON.parse(view.private_metadata)).toEqual({
      channel: CHANNEL,
      responseUrl: h.slack.responseUrl('modal'),
    });
    metadata = view.private_metadata;
  });

  it('a postal code in « autre commune » comes back as a field error, and nothing is posted', async () => {
    const before = slackCalls();
    const response = await h.interactive(
      viewSubmission(
        formValues({ birthDate: '2003-03-14', otherCommune: '62590', ase: 'former', insertion: 'yes' }),
        metadata,
      ),
    );
    const body = JSON.parse(response.text);
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['commune_other']);
    expect(body.errors.commune_other).toContain('code postal');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slackCalls()).toBe(before);
  });

  it('an address typed in « autre commune » is not echoed in the field error', async () => {
    const response = await h.interactive(
      viewSubmission(
        formValues({
          birthDate: '2003-03-14',
          otherCommune: '12 rue des Tilleuls Verhaeghe',
          ase: 'former',
          insertion: 'yes',
        }),
        metadata,
      ),
    );
    const error = JSON.parse(response.text).errors.commune_other;
    expect(error).toContain('Commune introuvable');
    expect(error).not.toMatch(/Tilleuls|Verhaeghe|12 rue/);
  });

  it('an ambiguous commune name comes back as a field error', async () => {
    const response = await h.interactive(
      viewSubmission(
        formValues({
          birthDate: '2003-03-14',
          otherCommune: 'Saint-Martin',
          ase: 'former',
          insertion: 'yes',
        }),
        metadata,
      ),
    );
    expect(JSON.parse(response.text).errors.commune_other).toContain('plusieurs communes');
  });

  it('a valid form closes the modal and the answer comes ephemeral through the response_url', async () => {
    const response = await h.interactive(
      viewSubmission(
        formValues({
          birthDate: '2003-03-14',
          commune: '62637',
          ase: 'former',
          insertion: 'yes',
          resources: 'yes',
        }),
        metadata,
      ),
    );
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const post = await h.slack.waitUntil(isResponse('modal'), 'the answer');
    expect(post.args.response_type).toBe('ephemeral');
    const text = textOf(post);
    expect(text).toContain('✅ Éligible — place majeur (18–20 ans)');
    expect(text).toContain('*Âge* : 19 ans');
    expect(text).toContain('Oignies (62637, CAHC)');
    expect(text).toContain('_(art. 6)_');
  });

  it('undetermined: missing answers and « Compléter », which reopens the modal pre-filled', async () => {
    const id = 'modal-undetermined';
    await h.interactive(
      viewSubmission(
        formValues({ birthDate: '2002-07-03', otherCommune: 'Arras', ase: 'none', insertion: 'yes' }),
        JSON.stringify({ channel: CHANNEL, responseUrl: h.slack.responseUrl(id) }),
      ),
    );
    const post = await h.slack.waitUntil(isResponse(id), 'the undetermined answer');
    const text = textOf(post);
    expect(text).toContain('❔ À compléter');
    expect(text).toContain(
      '*Réponses manquantes* : ressources, rupture familiale, besoin d’un soutien éducatif ou matériel.',
    );
    const button = (post.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .find((b) => b.type === 'actions')
      ?.elements?.find((e) => e.action_id === COMPLETE_ACTION_ID);
    expect(button?.value).toBeTruthy();

    const click = await h.interactive(
      buttonClick(COMPLETE_ACTION_ID, button?.value ?? '', h.slack.responseUrl('complete')),
    );
    expect(click.status).toBe(200);
    const open = await h.slack.waitUntil(
      (c) => c.method === 'views.open' && c.args.trigger_id === 'trigger.complete',
      'the pre-filled modal',
    );
    const modal = renderBlocksAsText((open.args.view as { blocks: never[] }).blocks);
    expect(modal).toContain('[📅 2002-07-03]');
    expect(modal).toContain('[✎ Arras]');
    expect(modal).toContain(
      '○ Pris en charge par l’ASE actuellement  ○ Pris en charge par l’ASE auparavant  ◉ Jamais pris en charge par l’ASE',
    );
    expect(JSON.parse((open.args.view as { private_metadata: string }).private_metadata)).toEqual({
      channel: CHANNEL,
      responseUrl: h.slack.responseUrl('complete'),
    });
  });

  it('« Compléter » clicked by someone else, or forged, says it expired and opens nothing', async () => {
    const forged = await h.interactive(
      buttonClick(COMPLETE_ACTION_ID, 'forged-value', h.slack.responseUrl('forged')),
    );
    expect(forged.status).toBe(200);
    const post = await h.slack.waitUntil(isResponse('forged'), 'the expiry notice');
    expect(String(post.args.text)).toContain('a expiré');
    expect(h.slack.callsTo('views.open').some((c) => c.args.trigger_id === 'trigger.forged')).toBe(false);
  });

  it('falls back to chat.postEphemeral in the channel when the response_url is refused', async () => {
    h.slack.failResponseUrls(404);
    try {
      await h.interactive(
        viewSubmission(
          formValues({ birthDate: '2004-03-14', commune: '62427', ase: 'in_care', insertion: 'yes' }),
          JSON.stringify({ channel: CHANNEL, responseUrl: h.slack.responseUrl('expired') }),
        ),
      );
      const post = await h.slack.waitUntil(
        (c) =>
          c.method === 'chat.postEphemeral' && String(c.args.text).startsWith('Éligibilité : à compléter'),
        'chat.postEphemeral',
      );
      expect(post.args.channel).toBe(CHANNEL);
      expect(post.args.user).toBe(USER);
    } finally {
      h.slack.failResponseUrls(null);
    }
  });
});

describe('/tremplins eligibilite <mots> (quick form)', () => {
  it('answers ephemeral through respond()', async () => {
    const response = await h.command('eligibilite 2005-03-14 Oignies ase formation ressources', 'quick');
    expect(response.text).toBe('');
    const post = await h.slack.waitUntil(isResponse('quick'), 'the quick answer');
    expect(post.args.response_type).toBe('ephemeral');
    expect(textOf(post)).toContain('✅ Éligible — place mineur (16–17 ans)');
    expect(textOf(post)).toContain('*Âge* : 17 ans');
  });

  it('counts the words it could not read, suggests the keyword meant, gives an example', async () => {
    await h.command('eligibilite 2005-03-14 Oignies ase formaton', 'quick-bad');
    const post = await h.slack.waitUntil(isResponse('quick-bad'), 'the quick-form error');
    expect(post.args.response_type).toBe('ephemeral');
    const text = textOf(post);
    expect(text).toContain('1 mot non reconnu (mot 4) : je ne le répète pas.');
    expect(text).toContain('• mot 4 : vouliez-vous dire `formation` ?');
    expect(text).not.toContain('formaton');
    expect(text).toContain('Exemple : `/tremplins eligibilite');
  });

  it('never echoes a name, a phone, a CAF number or an e-mail typed in the line', async () => {
    await h.command(
      `eligibilite 2005-03-14 Oignies ase formation ressources ${TYPED_PERSONAL.join(' ')}`,
      'quick-personal',
    );
    const post = await h.slack.waitUntil(isResponse('quick-personal'), 'the quick-form error');
    const text = textOf(post);
    expect(text).toContain('5 mots non reconnus (mots 6 à 10) : je ne les répète pas.');
    expect(text).toContain('N’écrivez ni nom, ni numéro de téléphone, ni adresse, ni numéro CAF');
    expect(text).toContain('`ancien-ase`');
    for (const typed of TYPED_PERSONAL) expect(post.raw).not.toContain(typed);
  });
});

describe('/tremplins eligibilite <mots>: names that are commune names', () => {
  it('gives a second commune or an ambiguous name among other words by position, shows the commune read', async () => {
    await h.command('eligibilite 2005-03-14 Oignies ase formation Roche Paris', 'quick-roche');
    const roche = await h.slack.waitUntil(isResponse('quick-roche'), 'the second-commune error');
    expect(textOf(roche)).toContain('• mots 5 et 6 : une seconde commune ? je ne la répète pas.');

    await h.command('eligibilite 2005-03-14 Oignies ase formation Fontaine Sarah', 'quick-fontaine-2');
    const second = await h.slack.waitUntil(isResponse('quick-fontaine-2'), 'the second-commune error');
    expect(textOf(second)).toContain('• mot 5 : une seconde commune ? je ne la répète pas.');

    await h.command('eligibilite 2005-03-14 Fontaine Sarah ase formation', 'quick-fontaine');
    const ambiguous = await h.slack.waitUntil(isResponse('quick-fontaine'), 'the ambiguous-name error');
    expect(textOf(ambiguous)).toContain(
      '• mot 2 : un nom que portent plusieurs communes ; je ne le répète pas.',
    );

    for (const post of [roche, second, ambiguous]) {
      const everything = `${post.raw}\n${decoded(post.raw)}\n${textOf(post)}`;
      for (const name of ['Roche', 'Paris', 'Sarah', 'Fontaine', '10150', '38169'])
        expect(everything, `${post.responseId} echoed ${name}`).not.toContain(name);
    }

    await h.command('eligibilite 2005-03-14 Marie ase formation', 'quick-marie');
    const marie = await h.slack.waitUntil(isResponse('quick-marie'), 'the answer read with Marie');
    expect(textOf(marie)).toContain('*Commune d’origine* : Marie (06080)');
    expect(textOf(marie)).toContain(
      'Commune lue : Marie (06080, Alpes-Maritimes) — si c’est un prénom, retirez-le : ne saisissez jamais de nom.',
    );
  });
});

describe('/tremplins places, occupation, echeances (from the API)', () => {
  it('places: free places by category at today’s date', async () => {
    await h.command('places', 'places');
    const post = await h.slack.waitUntil(isResponse('places'), 'places');
    const text = textOf(post).replace(/\u202f/g, ' ');
    expect(post.args.response_type).toBe('ephemeral');
    expect(text).toContain('Places libres au 1er juin 2022');
    expect(text).toContain('*22 places libres sur 23* — majeurs : 16 sur 17 · mineurs : 6 sur 6');
    expect(text).not.toContain('`2022-417-A01`');
  });

  it('occupation: days of care against the 8 030-day target, with the projection', async () => {
    await h.command('occupation', 'occupancy');
    const text = textOf(await h.slack.waitUntil(isResponse('occupancy'), 'occupancy')).replace(
      /\u202f/g,
      ' ',
    );
    expect(text).toContain('Occupation — convention n°2022-417');
    expect(text).toContain('*Objectif (art. 11)* : 8 030 journées de prise en charge sur la période');
    expect(text).toMatch(/\*Réalisé au 1er juin 2022\* : \d+ journées, [\d,]+ % de l’objectif/);
    expect(text).toContain('*Projection au 31 décembre 2022*');
  });

  it('echeances: the seeded adult turning 21, by pseudonymous id only', async () => {
    await h.command('echeances', 'deadlines');
    const text = textOf(await h.slack.waitUntil(isResponse('deadlines'), 'deadlines'));
    expect(text).toContain('*🔚 21 ans (fin de l’âge d’accueil)*');
    expect(text).toContain(`\`${api.seeded.beneficiaryId}\``);
    expect(text).toContain('*05/06/2022*');
  });
});

describe('App Home', () => {
  it('publishes occupancy, places and deadlines for the user who opened it', async () => {
    const response = await h.event({
      type: 'app_home_opened',
      user: USER,
      channel: 'D0HOME',
      tab: 'home',
      event_ts: '1654070400.1',
    });
    expect(response.status).toBe(200);
    const publish = await h.slack.waitUntil(
      (c) => c.method === 'views.publish' && c.args.user_id === USER,
      'views.publish',
    );
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = textOf(publish);
    expect(text).toMatch(/`[▓░]{20}` \d+ % de l’objectif/);
    expect(text).toContain('places libres sur 23');
    expect(text).toContain(api.seeded.beneficiaryId);
  });

  it('ignores the Messages tab', async () => {
    await h.event({
      type: 'app_home_opened',
      user: 'U0MESSAGES',
      channel: 'D0',
      tab: 'messages',
      event_ts: '1654070400.2',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.slack.callsTo('views.publish').some((c) => c.args.user_id === 'U0MESSAGES')).toBe(false);
  });
});

describe('daily reminders', () => {
  it('one tick posts the deadlines of the next 7 days to the alert channel', async () => {
    const outcome = await h.bot.sendReminders();
    expect(outcome).toMatchObject({ status: 'posted' });
    const post = await h.slack.waitUntil(
      (c) => c.method === 'chat.postMessage' && c.args.channel === ALERTS,
      'reminder',
    );
    const text = textOf(post);
    expect(text).toContain('⏰ Échéances des 7 prochains jours');
    expect(text).toContain(api.seeded.beneficiaryId);
  });
});

describe('when the API is unreachable', () => {
  let down: Harness;
  beforeAll(async () => {
    down = await startHarness({
      api: { url: 'http://127.0.0.1:9', key: api.key },
      today: () => TODAY,
      alertChannel: ALERTS,
    });
  });
  afterAll(async () => {
    await down?.close();
  });

  it.each(['places', 'occupation', 'echeances'])(
    '/tremplins %s says so in French, ephemeral',
    async (sub) => {
      const response = await down.command(sub, `down-${sub}`);
      expect(response.status).toBe(200);
      const post = await down.slack.waitUntil(isResponse(`down-${sub}`), sub);
      expect(post.args.response_type).toBe('ephemeral');
      expect(String(post.args.text)).toContain('Le service Tremplins est injoignable');
      expect(post.raw).not.toMatch(/ECONNREFUSED|Error|at .*\.ts|Bearer|127\.0\.0\.1:9/);
    },
  );

  it('the Home tab still publishes, saying which parts are unavailable', async () => {
    await down.event({ type: 'app_home_opened', user: USER, channel: 'D0', tab: 'home', event_ts: '1' });
    const publish = await down.slack.waitFor('views.publish');
    expect(textOf(publish[0] as RecordedCall).match(/injoignable/g)).toHaveLength(3);
  });

  it('the reminder job fails to its scheduler (which logs it and tries the next day), posting nothing', async () => {
    await expect(down.bot.sendReminders()).rejects.toBeInstanceOf(ApiUnavailableError);
    expect(down.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('acks within 3 seconds even so', () => {
    expect(down.timings.length).toBeGreaterThanOrEqual(4);
    for (const { what, ms } of down.timings) expect(ms, what).toBeLessThan(3000);
  });
});

describe('what reached Slack (runs last)', () => {
  it('every signed request was answered within 3 seconds', () => {
    expect(h.timings.length).toBeGreaterThan(15);
    for (const { what, ms } of h.timings) expect(ms, what).toBeLessThan(3000);
  });

  it('no name, address, phone, CAF number or birth date of the seeded person, anywhere', () => {
    expect(h.slack.calls.length).toBeGreaterThan(10);
    for (const call of h.slack.calls) {
      const everything = `${call.raw}\n${decoded(call.raw)}\n${JSON.stringify(call.args)}`;
      for (const secret of [...SEEDED.personalStrings, ...TYPED_PERSONAL])
        expect(everything, `${call.method} leaked ${secret}`).not.toContain(secret);
    }
  });

  it('nothing personal typed by mistake comes back, in a call or in an ack', () => {
    expect(h.slack.calls.some((c) => c.responseId === 'quick-personal')).toBe(true);
    const acks = h.responses.join('\n');
    for (const typed of [...TYPED_PERSONAL, 'Tilleuls']) {
      expect(acks, `an ack leaked ${typed}`).not.toContain(typed);
      for (const call of h.slack.calls)
        expect(call.raw, `${call.method} leaked ${typed}`).not.toContain(typed);
    }
  });

  it('form birth dates come back only in the person’s own modal, never in a message', () => {
    for (const call of h.slack.calls.filter((c) => c.method !== 'views.open')) {
      const everything = `${call.raw}\n${decoded(call.raw)}\n${JSON.stringify(call.args)}`;
      for (const date of FORM_BIRTH_DATES) expect(everything, call.method).not.toContain(date);
    }
  });

  it('the signing secret and the API key never reach Slack', () => {
    for (const call of h.slack.calls) {
      expect(call.raw).not.toContain(TEST_SIGNING_SECRET);
      expect(call.raw).not.toContain(api.key);
    }
  });
});
