import type { TestProject } from 'vitest/node';
import { ensurePostgres } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance URL of the PostgreSQL server the suites create their databases on. */
    postgresAdminUrl: string;
  }
}

/**
 * Once per `vitest run`: find or start the PostgreSQL server (see `ensurePostgres`) and hand its URL
 * to every test file. Chromium is found by the one suite that needs it (`browser.ts`).
 */
export default async function setup(project: TestProject) {
  const server = await ensurePostgres((line) => console.log(`[test set-up] ${line}`));
  if (server.source !== 'embedded') console.log(`[test set-up] PostgreSQL: ${server.source} server`);
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
