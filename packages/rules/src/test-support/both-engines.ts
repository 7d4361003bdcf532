// Test support (not built into dist): every evaluation in the tests runs on both evaluators.
import { DomainError } from '@tremplins/domain';
import { expect } from 'vitest';
import type { EngineChoice } from '../rule-sets.ts';

export const ENGINES = ['compiled', 'json-rules-engine'] as const satisfies readonly EngineChoice[];

/** Runs on both engines, asserts they agree, and returns the answer. */
export async function onBothEngines<T>(run: (engine: EngineChoice) => Promise<T>): Promise<T> {
  const [compiled, jre] = await Promise.all(ENGINES.map(run));
  expect(jre).toEqual(compiled);
  return compiled as T;
}

/** Both engines must reject with the same DomainError (code and field issues); returns it. */
export async function rejectionOnBothEngines(
  run: (engine: EngineChoice) => Promise<unknown>,
): Promise<DomainError> {
  const errors: DomainError[] = [];
  for (const engine of ENGINES) {
    const error = await run(engine).then(
      () => {
        throw new Error(`expected a rejection on ${engine}`);
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    errors.push(error as DomainError);
  }
  const [first, second] = errors as [DomainError, DomainError];
  expect(second.code).toBe(first.code);
  expect(second.issues).toEqual(first.issues);
  return first;
}
