import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

/**
 * The interactive reference at /docs, served entirely from the installed swagger-ui-dist: no CDN, so
 * it renders on networks that reach nothing outside (as many administrations' do).
 */
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
} as const;

const PAGE = `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tremplins API — référence</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/assets/init.js"></script>
</body>
</html>`;

// A file rather than an inline script, so the page runs under `script-src 'self'`.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout',
  persistAuthorization: false, validatorUrl: null
});`;

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'";

export function docsRoutes() {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, Buffer>();
  return new Hono()
    .get('/docs', (c) => c.html(PAGE, 200, { 'Content-Security-Policy': CSP }))
    .get('/docs/assets/init.js', (c) =>
      c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }),
    )
    .get('/docs/assets/:file', async (c) => {
      const file = c.req.param('file');
      if (!Object.hasOwn(ASSETS, file)) return c.notFound();
      let body = cache.get(file);
      if (!body) {
        body = await readFile(join(dir, file));
        cache.set(file, body);
      }
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': ASSETS[file as keyof typeof ASSETS],
        'Cache-Control': 'public, max-age=86400',
      });
    });
}
