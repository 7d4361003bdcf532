/**
 * The oldest Node.js the built packages run on: checked on 22.12.0 and 22.23 (domain, rules, the CLI)
 * and on the 24 LTS the project installs. Keep it equal to `engines.node` (a test compares them).
 */
export const MIN_NODE = '22.12.0';

/** Why this Node.js is too old, or `undefined` when it will do. */
export function nodeVersionProblem(current: string, minimum = MIN_NODE): string | undefined {
  const parse = (v: string) =>
    v
      .replace(/^v/, '')
      .split('.')
      .map((part) => Number.parseInt(part, 10) || 0);
  const [have, need] = [parse(current), parse(minimum)];
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > (need[i] ?? 0)) return undefined;
    if ((have[i] ?? 0) < (need[i] ?? 0))
      return `tremplins needs Node.js ${minimum} or later; this is Node.js ${current.replace(/^v/, '')}. Install a current LTS (https://nodejs.org), or run it through npm in this repository, which brings its own.`;
  }
  return undefined;
}
