// Screens 100 000 generated applicants through evaluateEligibility (the full explained answer) and
// through a hand-written predicate giving only verdict and category by the same logic, in one run.
// The last line is one JSON object; ratio = baselinePerSecond / perSecond (target: ≤ 10).
import { addDays, ageAt } from '@tremplins/domain';
import { type EligibilityRequest, evaluateEligibility } from '../src/index.ts';

const N = Number(process.env.BENCH_APPLICANTS ?? 100_000);
const COMMUNES = [
  '62637',
  '62427',
  '62215',
  'Oignies',
  'Hénin-Beaumont',
  'Liévin',
  '62498',
  'Arras',
  'Évin-Malmaison',
];
const ASE = ['none', 'in_care', 'former'] as const;

// A fixed-seed generator (mulberry32) so every run screens the same applicants.
let seed = 0x2022417;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const maybe = <T>(value: T): T | undefined => (random() < 0.2 ? undefined : value);

function applicant(): EligibilityRequest {
  const request: Record<string, unknown> = {
    referenceDate: addDays('2022-01-01', Math.floor(random() * 1800)),
    birthDate: addDays('1999-01-01', Math.floor(random() * 4000)),
    commune: pick(COMMUNES),
    aseStatus: pick(ASE),
    inInsertionPath: random() < 0.85,
    hasResources: maybe(random() < 0.7),
    familyRupture: maybe(random() < 0.6),
    needsSupport: maybe(random() < 0.7),
    orientedBy: maybe(pick(['mds_henin_carvin', 'other_mds', 'mecs'] as const)),
    previousPlacement: maybe(pick(['foster_family', 'children_home', 'family', 'other'] as const)),
  };
  for (const key of Object.keys(request)) if (request[key] === undefined) delete request[key];
  return request as EligibilityRequest;
}

type Verdict = 'eligible' | 'ineligible' | 'undetermined';

/** The baseline: the same logic written by hand, verdict and category only. */
function baseline(r: EligibilityRequest): { verdict: Verdict; category: 'minor' | 'adult' | null } {
  const age = ageAt(r.birthDate, r.referenceDate as string);
  const category = age >= 16 && age < 18 ? 'minor' : age >= 18 && age < 21 ? 'adult' : null;
  const outcomes: (boolean | undefined)[] = [age >= 16, age < 21, r.inInsertionPath];
  if (category === 'adult') {
    outcomes.push(r.hasResources);
    if (r.aseStatus === 'none') outcomes.push(r.familyRupture, r.needsSupport);
  }
  const verdict = outcomes.includes(false)
    ? 'ineligible'
    : outcomes.includes(undefined)
      ? 'undetermined'
      : 'eligible';
  return { verdict, category };
}

const applicants = Array.from({ length: N }, applicant);
console.error(`bench: ${N} applicants generated; warming up`);
for (const a of applicants.slice(0, 2000)) {
  await evaluateEligibility(a);
  baseline(a);
}

let t0 = performance.now();
const expected = applicants.map(baseline);
const baselineMs = performance.now() - t0;
console.error(`bench: baseline ${baselineMs.toFixed(0)} ms`);

t0 = performance.now();
let mismatches = 0;
for (let i = 0; i < N; i += 1) {
  const result = await evaluateEligibility(applicants[i] as EligibilityRequest);
  const want = expected[i];
  if (result.verdict !== want?.verdict || result.category !== want.category) mismatches += 1;
  if (i > 0 && i % 25_000 === 0) console.error(`bench: ${i} / ${N} screened`);
}
const fullMs = performance.now() - t0;
if (mismatches > 0) {
  console.error(`bench: ${mismatches} answers differ from the baseline`);
  process.exitCode = 1;
}

const perSecond = Math.round((N / fullMs) * 1000);
const baselinePerSecond = Math.round((N / baselineMs) * 1000);
console.log(
  JSON.stringify({
    applicants: N,
    perSecond,
    baselinePerSecond,
    ratio: Math.round((baselinePerSecond / perSecond) * 100) / 100,
  }),
);
