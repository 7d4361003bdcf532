import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * The Chromium the browser tests drive, found in this order:
 * 1. `CHROMIUM_PATH` — used as given; missing, it is an error (it was asked for);
 * 2. the machine's own (`/usr/bin/chromium`, `/usr/bin/chromium-browser`, `/usr/bin/google-chrome`);
 * 3. otherwise the Chromium shipped inside the `@sparticuz/chromium` npm package (nothing is
 *    downloaded): unpacked once, with its own shared libraries and fonts, to
 *    `$TMPDIR/tremplins-chromium-<version>/` (≈ 210 MB, 2–3 s the first time, reused afterwards).
 * A test that needs a browser and cannot have one fails saying why; it never skips.
 */
export interface ResolvedChromium {
  executablePath: string;
  source: 'env' | 'system' | 'npm';
}

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for a headless browser on a machine cut off from the network (see research/self-contained-tests). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function resolveChromium(): Promise<ResolvedChromium> {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given))
      throw new Error(`CHROMIUM_PATH names no file (${given}); unset it to use another browser`);
    return { executablePath: given, source: 'env' };
  }
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'system' };
  return { executablePath: await unpackNpmChromium(), source: 'npm' };
}

export async function launchChromium(): Promise<{ browser: Browser; resolved: ResolvedChromium }> {
  const resolved = await resolveChromium();
  try {
    const browser = await chromium.launch({ executablePath: resolved.executablePath, args: CHROMIUM_ARGS });
    return { browser, resolved };
  } catch (error) {
    throw new Error(
      `Chromium (${resolved.source}: ${resolved.executablePath}) does not start: ${(error as Error).message.slice(0, 1_500)}`,
    );
  }
}

/**
 * Unpacks `@sparticuz/chromium`'s brotli archives into a staging directory and renames it into place,
 * so a run stopped halfway, or two runs at once, never leave a half-written browser behind.
 * The package would unpack its shared libraries only on AWS Lambda and names a fixed fonts folder,
 * so a small wrapper script sets `LD_LIBRARY_PATH` and `FONTCONFIG_FILE` for the browser process
 * (turbo's strict environment would drop them if they were set on the test process instead).
 */
async function unpackNpmChromium(): Promise<string> {
  const require = createRequire(import.meta.url);
  let packageRoot: string;
  try {
    // Its exports map lists only the entry point (build/index.js).
    packageRoot = dirname(dirname(require.resolve('@sparticuz/chromium')));
  } catch {
    throw new Error(
      'no Chromium on this machine and @sparticuz/chromium is not installed: run npm install, or set CHROMIUM_PATH',
    );
  }
  const { version } = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(tmpdir(), `tremplins-chromium-${version}`);
  const wrapper = join(target, 'chromium.sh');
  if (existsSync(join(target, 'complete'))) return wrapper;

  const staging = await mkdtemp(join(tmpdir(), 'tremplins-chromium-staging-'));
  const { inflate } = (await import('@sparticuz/chromium')) as { inflate(path: string): Promise<string> };
  const bin = join(packageRoot, 'bin');
  const savedTmp = process.env.TMPDIR;
  // inflate() writes to os.tmpdir(), which reads TMPDIR on each call.
  process.env.TMPDIR = staging;
  try {
    await Promise.all(
      ['chromium.br', 'fonts.tar.br', 'swiftshader.tar.br', 'al2023.tar.br'].map((file) =>
        inflate(join(bin, file)),
      ),
    );
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  await chmod(join(staging, 'chromium'), 0o755);
  await mkdir(join(staging, 'fontconfig-cache'), { recursive: true });
  await writeFile(
    join(staging, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(target, 'fonts')}</dir>\n  <cachedir>${join(target, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
  );
  await writeFile(
    join(staging, 'chromium.sh'),
    [
      '#!/bin/sh',
      '# Written by apps/api/src/test-support/browser.ts: the npm Chromium with its own libraries and fonts.',
      `export LD_LIBRARY_PATH="${join(target, 'al2023', 'lib')}:${target}\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"`,
      `export FONTCONFIG_FILE="${join(target, 'fonts.conf')}"`,
      `exec "${join(target, 'chromium')}" "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  await writeFile(join(staging, 'complete'), `${version}\n`);
  try {
    await rename(staging, target);
  } catch {
    // Another run finished first (or a stale, incomplete copy is in the way): keep a complete one.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(join(target, 'complete'))) {
      await rm(target, { recursive: true, force: true });
      return unpackNpmChromium();
    }
  }
  return wrapper;
}
