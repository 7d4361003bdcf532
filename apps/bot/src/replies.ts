import type { types } from '@slack/bolt';
import type { Commune } from '@tremplins/domain';
import { evaluateEligibility } from '@tremplins/rules';
import type { TremplinsApi } from './api-client.ts';
import { deadlinesReply } from './blocks/deadlines.ts';
import { eligibilityReply } from './blocks/eligibility-result.ts';
import { homeView, type Part } from './blocks/home.ts';
import type { SlackMessage } from './blocks/message.ts';
import { apiErrorReply, quickFormErrorReply } from './blocks/notices.ts';
import { occupancyReply } from './blocks/occupancy.ts';
import { placesReply } from './blocks/places.ts';
import { type Answers, toEligibilityRequest } from './eligibility/answers.ts';
import { communeCheckNotice, communeLabel } from './eligibility/commune-input.ts';
import type { DraftSealer } from './eligibility/draft.ts';
import { parseQuickForm } from './quick-form.ts';

/*
 * What each command answers, from the rules and the API to a message: the listeners only ack,
 * call one of these, and deliver. Failures of the API become a French message, never a throw.
 */

export interface ReplyDeps {
  api: TremplinsApi;
  /** Today in Europe/Paris, YYYY-MM-DD: the reference date of every answer. */
  today: () => string;
  sealer: DraftSealer;
}

/** Days ahead that `/tremplins echeances` and the Home tab look at. */
export const DEADLINES_WINDOW_DAYS = 30;

/** Evaluates complete answers with the rules; an undetermined verdict carries a sealed « Compléter ». */
export async function eligibilityAnswer(
  answers: Answers,
  commune: Commune,
  userId: string,
  deps: Pick<ReplyDeps, 'today' | 'sealer'>,
  options: { communeNotice?: string } = {},
): Promise<SlackMessage> {
  const referenceDate = deps.today();
  const request = toEligibilityRequest(answers, referenceDate);
  if (!request) throw new Error('eligibilityAnswer: a required answer is missing');
  const result = await evaluateEligibility(request);
  const draft = result.verdict === 'undetermined' ? deps.sealer.seal(userId, answers) : undefined;
  return eligibilityReply({
    result,
    communeLabel: communeLabel(commune),
    communeNotice: options.communeNotice,
    referenceDate,
    ...(draft ? { draft } : {}),
  });
}

/** `/tremplins eligibilite <mots>`: the answer, or which words could not be read. */
export async function quickFormAnswer(
  text: string,
  userId: string,
  deps: Pick<ReplyDeps, 'today' | 'sealer'>,
): Promise<SlackMessage> {
  const parsed = parseQuickForm(text, deps.today());
  if (!parsed.ok) return quickFormErrorReply(parsed);
  // A first name or a surname can be a commune name: a commune outside the Pas-de-Calais is flagged.
  return eligibilityAnswer(parsed.answers, parsed.commune, userId, deps, {
    communeNotice: communeCheckNotice(parsed.commune),
  });
}

async function fromApi<T>(call: () => Promise<T>, build: (value: T) => SlackMessage): Promise<SlackMessage> {
  let value: T;
  try {
    value = await call();
  } catch (error) {
    return apiErrorReply(error);
  }
  return build(value);
}

export function placesAnswer(deps: Pick<ReplyDeps, 'api' | 'today'>): Promise<SlackMessage> {
  return fromApi(() => deps.api.getPlaces(deps.today()), placesReply);
}

export function occupancyAnswer(deps: Pick<ReplyDeps, 'api' | 'today'>): Promise<SlackMessage> {
  return fromApi(() => deps.api.getOccupancy({ asOf: deps.today() }), occupancyReply);
}

export function deadlinesAnswer(deps: Pick<ReplyDeps, 'api' | 'today'>): Promise<SlackMessage> {
  return fromApi(
    () => deps.api.getDeadlines({ asOf: deps.today(), withinDays: DEADLINES_WINDOW_DAYS }),
    deadlinesReply,
  );
}

async function part<T>(call: () => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await call() };
  } catch {
    return { ok: false };
  }
}

/** The Home tab, its three parts fetched in parallel. */
export async function homeFor(deps: Pick<ReplyDeps, 'api' | 'today'>): Promise<types.HomeView> {
  const asOf = deps.today();
  const [occupancy, places, deadlines] = await Promise.all([
    part(() => deps.api.getOccupancy({ asOf })),
    part(() => deps.api.getPlaces(asOf)),
    part(() => deps.api.getDeadlines({ asOf, withinDays: DEADLINES_WINDOW_DAYS })),
  ]);
  return homeView({ asOf, occupancy, places, deadlines });
}
