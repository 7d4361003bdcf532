import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_NODE, nodeVersionProblem } from './node-version.ts';

describe('nodeVersionProblem', () => {
  it('names the version needed and the one found on an older Node.js', () => {
    const message = nodeVersionProblem('v20.20.2');
    expect(message).toContain(`Node.js ${MIN_NODE} or later`);
    expect(message).toContain('this is Node.js 20.20.2');
    expect(nodeVersionProblem('22.11.9')).toBeDefined();
  });

  it('accepts the minimum and anything later', () => {
    expect(nodeVersionProblem(MIN_NODE)).toBeUndefined();
    expect(nodeVersionProblem('22.23.3')).toBeUndefined();
    expect(nodeVersionProblem('v24.21.0')).toBeUndefined();
    expect(nodeVersionProblem('30.0.0')).toBeUndefined();
  });

  it('is the floor every package declares in engines', () => {
    for (const dir of [
      '../../packages/domain',
      '../../packages/rules',
      '../../packages/client',
      '.',
      '../bot',
    ]) {
      const manifest = JSON.parse(readFileSync(new URL(`../${dir}/package.json`, import.meta.url), 'utf8'));
      expect(manifest.engines?.node, dir).toBe(`>=${MIN_NODE}`);
    }
  });
});
