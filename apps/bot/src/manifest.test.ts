// manifest.json installs exactly what the app listens to, at the endpoint it listens on.
import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import manifestJson from '../manifest.json' with { type: 'json' };
import { SLACK_ENDPOINT } from './app.ts';
import { LISTENED } from './listeners/index.ts';

type Manifest = webApi.AppsManifestCreateArguments['manifest'];

// Read through @slack/web-api's Manifest type, so the assertions below use Slack's own field names.
const manifest = manifestJson as Manifest;

describe('manifest.json', () => {
  it('declares the slash commands the app listens to, and no other', () => {
    expect(manifest.features?.slash_commands?.map((c) => c.command)).toEqual([...LISTENED.commands]);
  });

  it('subscribes to the events the app listens to, and no other', () => {
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual([...LISTENED.events]);
  });

  it('enables interactivity (modal submissions and the « Compléter » button) and the Home tab', () => {
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
  });

  it('points every request URL at the Bolt endpoint', () => {
    const urls = [
      ...(manifest.features?.slash_commands ?? []).map((c) => c.url),
      manifest.settings?.event_subscriptions?.request_url,
      manifest.settings?.interactivity?.request_url,
    ];
    for (const url of urls) expect(new URL(String(url)).pathname).toBe(SLACK_ENDPOINT);
  });

  it('asks only the scopes it uses: commands and chat:write (views.publish needs none)', () => {
    expect(manifest.oauth_config?.scopes?.bot).toEqual(['commands', 'chat:write']);
  });

  it('uses HTTP mode without token rotation (a static xoxb token)', () => {
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
    expect(manifest.settings?.token_rotation_enabled).toBe(false);
  });

  it('keeps Slack’s text limits', () => {
    const command = manifest.features?.slash_commands?.[0];
    expect(command?.description.length).toBeLessThanOrEqual(100);
    expect(manifest.display_information.description?.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.features?.bot_user?.display_name.length).toBeLessThanOrEqual(80);
  });
});
