import { DomainError, fromZodError, todayInParis } from '@tremplins/domain';
import {
  type EligibilityCheck,
  type EligibilityRequest,
  EligibilityRequestSchema,
  type EligibilityResult,
} from './eligibility-schema.ts';
import type { Facts, RuleOutcome } from './evaluate.ts';
import { COMPUTED_FROM, eligibilityFacts, type ValidatedRequest } from './facts/eligibility-facts.ts';
import {
  checkOutcome,
  type EngineChoice,
  type PreparedRuleSet,
  preparedRuleSetOn,
  runRules,
} from './rule-sets.ts';

export interface EvaluateOptions {
  /**
   * `compiled` (default): the rule files compiled to closures once, for speed. `json-rules-engine`:
   * the same files interpreted by json-rules-engine, the reference the compiled path is tested against.
   */
  engine?: EngineChoice;
}

/** A field's DomainError from the domain (unknown commune, birth after the reference date) names the field. */
function onField<T>(field: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof DomainError && error.issues.length === 0) {
      // The domain's message may already start with the field's name; the issue names it once.
      const prefix = `${field}: `;
      const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
      throw new DomainError(error.code, error.message, {
        issues: [{ path: field, message }],
        details: error.details,
        cause: error,
      });
    }
    throw error;
  }
}

/** Validates a request: unknown fields and impossible dates are refused with an error naming the field. */
export function parseEligibilityRequest(
  request: unknown,
  today: () => string = todayInParis,
): ValidatedRequest {
  const parsed = EligibilityRequestSchema.safeParse(request);
  if (!parsed.success) throw fromZodError(parsed.error);
  return { ...parsed.data, referenceDate: parsed.data.referenceDate ?? today() };
}

/** Builds the answer from the rule outcomes; both evaluation paths go through here. */
function answer(
  prepared: PreparedRuleSet,
  facts: Facts,
  eligibility: RuleOutcome[],
  priority: RuleOutcome[],
): EligibilityResult {
  const checks: EligibilityCheck[] = [];
  const missing: string[] = [];
  for (const { rule, applies, holds, unknownFacts } of eligibility) {
    if (applies === 'false') continue;
    const outcome = checkOutcome({ rule, applies, holds, unknownFacts });
    checks.push({ id: rule.id, label: rule.label, article: rule.article, outcome });
    if (outcome !== 'unknown') continue;
    for (const fact of unknownFacts) {
      const field = COMPUTED_FROM[fact] ?? fact;
      if (!missing.includes(field)) missing.push(field);
    }
  }
  const verdict = checks.some((c) => c.outcome === 'failed')
    ? 'ineligible'
    : checks.some((c) => c.outcome === 'unknown')
      ? 'undetermined'
      : 'eligible';
  const reasons = priority
    .filter((o) => o.applies === 'true' && o.holds === 'true')
    .map(({ rule }) => ({ id: rule.id, label: rule.label, article: rule.article, weight: rule.weight ?? 0 }));
  const category = facts.category === 'minor' || facts.category === 'adult' ? facts.category : null;
  return {
    verdict,
    category,
    age: typeof facts.age === 'number' ? facts.age : null,
    checks,
    missingFacts: missing,
    priority: { score: reasons.reduce((sum, r) => sum + r.weight, 0), reasons },
    ruleSet: { id: prepared.set.manifest.id, version: prepared.set.manifest.version },
  };
}

/**
 * Is this young person eligible, in which category, with what priority, and what is missing to
 * decide? Advice for the admission commission, which decides (art. 6; GDPR art. 22).
 * A definite failure makes the verdict `ineligible` even when other facts are missing.
 */
export async function evaluateEligibility(
  request: EligibilityRequest,
  options: EvaluateOptions = {},
): Promise<EligibilityResult> {
  const valid = parseEligibilityRequest(request);
  const prepared = onField('referenceDate', () => preparedRuleSetOn(valid.referenceDate));
  // ageAt names birthDate itself; a commune that does not resolve is named here.
  const facts = onField('commune', () => eligibilityFacts(prepared.set.manifest, valid));
  const [eligibility, priority] = await Promise.all([
    runRules(prepared, 'eligibility', facts, options.engine),
    runRules(prepared, 'priority', facts, options.engine),
  ]);
  return answer(prepared, facts, eligibility, priority);
}
