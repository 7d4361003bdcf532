import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Apps never depend on apps: the bot reaches the API through its contract package only.
describe('the bot package', () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

  it('depends on @tremplins/client at run time, and on the API only to test against it', () => {
    expect(Object.keys(manifest.dependencies)).toContain('@tremplins/client');
    expect(Object.keys(manifest.dependencies)).not.toContain('@tremplins/api');
    expect(Object.keys(manifest.devDependencies ?? {})).toContain('@tremplins/api');
  });

  it('imports nothing of the API outside its end-to-end test support', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(new URL('.', import.meta.url), { recursive: true })).filter(
      (f) => f.endsWith('.ts') && !f.startsWith('test-support/') && !f.endsWith('.test.ts'),
    );
    const offenders = files.filter((f) =>
      /from '@tremplins\/api/.test(readFileSync(new URL(f, import.meta.url), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
