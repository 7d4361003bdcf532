import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { FieldCipher, generateDataKey, parseDataKey } from './crypto/field-cipher.ts';
import type { Store } from './db/store.ts';
import { type RunningServer, startServer } from './server.ts';
import { launchChromium } from './test-support/browser.ts';

/**
 * /docs must render the reference with nothing but this server: many administrations' networks reach
 * nothing outside, so any request to a CDN is a failure, as is a console error (e.g. a CSP refusal).
 * The browser is the machine's Chromium, or the one shipped in an npm package (test-support/browser.ts).
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
type OpenApi = {
  openapi: string;
  info: { title: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
};

let server: RunningServer;
let spec: OpenApi;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    store: { kind: 'memory' },
    dataKey: generateDataKey(),
    log: () => {},
  });
  const res = await fetch(`${server.url}/openapi.json`);
  expect(res.status).toBe(200);
  spec = (await res.json()) as OpenApi;
});

afterAll(async () => {
  await server?.close();
});

/** Every `METHOD /path` the Hono app routes under /v1 and /health, with `:id` written `{id}`. */
function registeredOperations(): string[] {
  const app = createApp({
    store: new Promise<Store>(() => {}),
    cipher: new FieldCipher(parseDataKey(generateDataKey())),
    today: () => '2024-01-01',
    log: () => {},
  });
  const ops = app.routes
    .filter((r) => r.method !== 'ALL' && (r.path === '/health' || r.path.startsWith('/v1/')))
    .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
  return [...new Set(ops)].sort();
}

function documentedOperations(): [string, Operation][] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m): [string, Operation] => [
      `${m.toUpperCase()} ${path}`,
      item[m] as Operation,
    ]),
  );
}

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 and documents exactly the routes the app serves', () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    expect(spec.info.title).toBe('Tremplins API');
    const registered = registeredOperations();
    expect(registered.length).toBeGreaterThan(20);
    expect(registered).toContain('POST /v1/eligibility');
    expect(registered).toContain('GET /v1/conventions/{id}/occupancy');
    const documented = documentedOperations()
      .map(([op]) => op)
      .sort();
    expect(documented).toEqual(registered);
  });

  it('gives every operation but /health a Bearer security entry and 400/401 problem responses', () => {
    expect(spec.components?.securitySchemes?.Bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const faults: string[] = [];
    for (const [op, operation] of documentedOperations()) {
      if (op === 'GET /health') {
        if (operation.security?.length) faults.push(`${op}: must not require a key`);
        continue;
      }
      if (!operation.security?.some((s) => 'Bearer' in s)) faults.push(`${op}: no Bearer security`);
      for (const status of ['400', '401']) {
        if (!operation.responses?.[status]?.content?.['application/problem+json']) {
          faults.push(`${op}: no ${status} application/problem+json response`);
        }
      }
    }
    expect(faults).toEqual([]);
  });
});

describe('/docs in a browser cut off from the network', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchChromium());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the reference from this server alone, without console errors', async () => {
    const host = new URL(server.url).host;
    const page = await browser.newPage();
    const aborted: string[] = [];
    const served: string[] = [];
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => {
      if (new URL(request.url()).host === host) errors.push(`failed: ${request.url()}`);
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).host === host) {
        served.push(url);
        return route.continue();
      }
      aborted.push(url);
      return route.abort();
    });

    const response = await page.goto(`${server.url}/docs`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");

    const title = page.locator('.information-container .title').first();
    await title.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await title.textContent()).toContain('Tremplins API');
    const eligibility = page.locator('.opblock-summary-path[data-path="/v1/eligibility"]').first();
    await eligibility.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await eligibility.isVisible()).toBe(true);
    // Every documented operation is listed (tags expanded by default).
    expect(await page.locator('.opblock').count()).toBe(documentedOperations().length);

    await page.waitForLoadState('networkidle');
    expect(served).toContain(`${server.url}/openapi.json`);
    expect(aborted).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
