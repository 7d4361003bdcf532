import { DomainError } from '../errors.ts';
import { convention2022417 } from './conventions/2022-417.ts';
import type { Convention } from './schema.ts';

const conventions: ReadonlyMap<string, Convention> = new Map([[convention2022417.id, convention2022417]]);

/** Every convention the package carries, by id (a new year's convention is one more data file). */
export function listConventions(): Convention[] {
  return [...conventions.values()];
}

export function findConvention(id: string): Convention | undefined {
  return conventions.get(id);
}

export function getConvention(id: string): Convention {
  const convention = conventions.get(id);
  if (!convention) {
    throw new DomainError('unknown_convention', `No convention with id "${id}"`, {
      issues: [{ path: 'conventionId', message: `unknown; known: ${[...conventions.keys()].join(', ')}` }],
    });
  }
  return convention;
}
