import { IsoDateSchema, nullable } from '@tremplins/domain';
import { z } from 'zod';

/**
 * The rule files' format: json-rules-engine's rules (`conditions` with `all` / `any` / `not` and
 * leaves `{ fact, operator, value }`), with an id, a French label and an article on every rule and
 * every leaf. json-rules-engine keeps only `name` on conditions, so the loader copies `id` into
 * `name` and the labels and articles stay here, keyed by id.
 */

export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'contains',
  'doesNotContain',
] as const;

export const OperatorSchema = z.enum(OPERATORS);
export type Operator = z.infer<typeof OperatorSchema>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be lower-case words joined by "-" or "."');
const Label = z.string().trim().min(3, 'must be a French sentence a reader understands');
const Article = z.string().trim().min(3, 'must name the article of the convention (e.g. "art. 6")');

export const FactValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
]);

export interface LeafCondition {
  id: string;
  label: string;
  article: string;
  fact: string;
  operator: Operator;
  value: z.infer<typeof FactValueSchema>;
}
export type Condition =
  | LeafCondition
  | { all: Condition[]; id?: string; label?: string }
  | { any: Condition[]; id?: string; label?: string }
  | { not: Condition; id?: string; label?: string };

export const LeafConditionSchema = z
  .object({
    id: Id,
    label: Label,
    article: Article,
    fact: z.string().min(1),
    operator: OperatorSchema,
    value: FactValueSchema,
  })
  .strict();

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    LeafConditionSchema,
    z.object({ id: Id.optional(), label: Label.optional(), all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ id: Id.optional(), label: Label.optional(), any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ id: Id.optional(), label: Label.optional(), not: ConditionSchema }).strict(),
  ]),
);

export const RuleSchema = z
  .object({
    id: Id,
    label: Label,
    article: Article,
    /** Plain-French explanation for the rendered page, when the label is not enough. */
    note: z.string().trim().min(1).optional(),
    /** When present and not met, the rule does not apply to the case (it is not reported). */
    appliesWhen: ConditionSchema.optional(),
    conditions: ConditionSchema,
    /** Priority rules: the points the rule adds to the score. */
    weight: z.number().int().positive().optional(),
    /** Reimbursement rules: total or partial (art. 14). */
    kind: z.enum(['total', 'partial']).optional(),
    /** Reimbursement rules: the named formula of the amount (see reimbursement.ts). */
    amount: z
      .enum(['full-participation', 'prorata-temporis', 'activity-shortfall', 'to-negotiate'])
      .optional(),
    negotiable: z.boolean().optional(),
    /** Stay alerts: which date the alert is about. */
    alertDate: z.enum(['plannedEndOn', 'eighteenthBirthday', 'twentyFirstBirthday']).optional(),
  })
  .strict();

export type Rule = z.infer<typeof RuleSchema>;

export const RuleFileSchema = z
  .object({
    $comment: z.string().optional(),
    /** Facts the rules of this file may read; a condition on any other fact is a load error. */
    facts: z.record(z.string(), z.string().min(3)),
    rules: z.array(RuleSchema).min(1),
  })
  .strict();

export type RuleFile = z.infer<typeof RuleFileSchema>;

export const AgeBandSchema = z
  .object({
    category: z.enum(['minor', 'adult']),
    /** Included. */
    ageFrom: z.number().int().nonnegative(),
    /** Excluded: "moins de vingt et un ans". */
    ageUntil: z.number().int().positive(),
    label: Label,
    article: Article,
  })
  .strict()
  .refine((band) => band.ageUntil > band.ageFrom, { path: ['ageUntil'], message: 'must be above ageFrom' });

export const RuleSetManifestSchema = z
  .object({
    $comment: z.string().optional(),
    id: Id,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version'),
    conventionId: z.string().min(1),
    title: Label,
    /** In force from `from` (included) to `to` (included); `to: null` until a later rule set starts. */
    effective: z
      .object({ from: IsoDateSchema, to: nullable(IsoDateSchema) })
      .strict()
      .refine((e) => e.to === null || e.to >= e.from, { path: ['to'], message: 'must not be before from' }),
    ageBands: z.array(AgeBandSchema).min(1),
    /** How a 29 February birthday falls in a common year (circular of 25 July 2013: 28 February). */
    leapDayBirthday: z.enum(['feb28', 'mar1']),
  })
  .strict();

export type RuleSetManifest = z.infer<typeof RuleSetManifestSchema>;
export type AgeBand = z.infer<typeof AgeBandSchema>;

/** The rule files of a rule set, one per question. */
export const RULE_FILES = ['eligibility', 'priority', 'stays', 'reimbursement', 'payment'] as const;
export type RuleFileName = (typeof RULE_FILES)[number];

export interface RuleSet {
  manifest: RuleSetManifest;
  files: Record<RuleFileName, RuleFile>;
  /** Folder the rule set was read from, for error messages. */
  source: string;
}
