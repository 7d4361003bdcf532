// The server implements @tremplins/client's contract: each operation is routed and documented under its
// operationId, at its path, and nothing else is.
import { type Operation, operations } from '@tremplins/client';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { FieldCipher, generateDataKey, parseDataKey } from '../crypto/field-cipher.ts';
import type { Store } from '../db/store.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function app() {
  return createApp({
    store: new Promise<Store>(() => {}),
    cipher: new FieldCipher(parseDataKey(generateDataKey())),
    today: () => '2022-06-01',
    log: () => {},
  });
}

const contract = Object.values(operations as Record<string, Operation>)
  .map((op) => `${op.method.toUpperCase()} ${op.path} ${op.operationId}`)
  .sort();

describe('the API and its contract', () => {
  it('documents every operation of the contract, with its operationId, and no other', async () => {
    const res = await app().request('/openapi.json');
    const document = (await res.json()) as {
      paths: Record<string, Partial<Record<(typeof METHODS)[number], { operationId?: string }>>>;
    };
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) =>
        METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path} ${item[m]?.operationId}`),
      )
      .sort();
    expect(documented).toEqual(contract);
  });

  it('routes every operation of the contract', () => {
    const routed = new Set(
      app()
        .routes.filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
    );
    const missing = Object.values(operations as Record<string, Operation>)
      .map((op) => `${op.method.toUpperCase()} ${op.path}`)
      .filter((op) => !routed.has(op));
    expect(missing).toEqual([]);
  });
});
