import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type TestPostgres } from './postgres-server.ts';

/*
 * The fallback a machine without PostgreSQL relies on: it must really start here, whatever the machine
 * has, or `npm test` on a bare machine would be untested until someone has one.
 */
describe('startEmbeddedPostgres', () => {
  let server: TestPostgres | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('starts a real PostgreSQL on loopback, with fsync on, and removes its files when stopped', async () => {
    server = await startEmbeddedPostgres();
    expect(server.source).toBe('embedded');
    const url = new URL(server.adminUrl);
    expect(url.hostname).toBe('127.0.0.1');
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    const settings = await client.query<{ name: string; setting: string }>(
      "select name, setting from pg_settings where name in ('fsync', 'listen_addresses', 'server_version_num', 'data_directory')",
    );
    await client.end();
    const byName = Object.fromEntries(settings.rows.map((row) => [row.name, row.setting]));
    expect(byName.fsync).toBe('on');
    expect(byName.listen_addresses).toBe('127.0.0.1');
    expect(Number(byName.server_version_num)).toBeGreaterThanOrEqual(160_000);
    const dataDirectory = byName.data_directory as string;
    expect(existsSync(dataDirectory)).toBe(true);

    await server.stop();
    server = undefined;
    expect(existsSync(dataDirectory)).toBe(false);
  });
});
