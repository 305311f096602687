/**
 * A saved secret only travels to its own saved address: "Test" with another
 * address and no typed secret reaches that address without any credential
 * (every header checked), a typed secret goes only where it was typed for,
 * and the saved address still gets the saved secret however it is spelled.
 *
 * The addresses are simulators that answer as the real programs (and accept
 * the saved secret), so the probe gets as far as its credential step and a
 * leak would show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import type { SecretName, ServiceName } from '../../shared/contract/services';
import { createCore, type Core } from '../../electron/core/create-core';
import { createOverseerrSimulator } from '../../electron/core/features/overseerr/overseerr-simulator';
import { createPlexSimulator } from '../../electron/core/features/plex/plex-simulator';
import { createUptimeKumaSimulator } from '../../electron/core/features/uptime-kuma/uptime-kuma-simulator';
import type { Simulator } from '../../electron/core/hosting/simulator-server';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createMemorySecretStore } from '../../electron/core/secrets/secret-store';
import { createMemorySettingsStorage } from '../../electron/core/settings/settings-storage';

const SAVED = 'saved-secret-4711';
const TYPED = 'typed-secret-0815';
const secretOf: Record<ServiceName, SecretName> = { plex: 'plex.token', overseerr: 'overseerr.apiKey', 'uptime-kuma': 'uptime-kuma.apiKey' };
const CREDENTIAL_HEADERS = ['authorization', 'x-plex-token', 'x-api-key', 'cookie', 'proxy-authorization'];

const makers: Record<ServiceName, (key: string) => Promise<Simulator>> = {
  plex: (token) => createPlexSimulator({ token }),
  overseerr: (apiKey) => createOverseerrSimulator({ apiKey }),
  'uptime-kuma': (apiKey) => createUptimeKumaSimulator({ apiKey }),
};

/** Every header value, decoded where it is Basic auth, so a secret cannot hide in base64. */
function headerText(headers: IncomingHttpHeaders): string {
  return Object.entries(headers)
    .map(([name, value]) => {
      const text = Array.isArray(value) ? value.join(',') : (value ?? '');
      const basic = /^Basic (.+)$/i.exec(text);
      return `${name}: ${text}${basic ? ` ${Buffer.from(basic[1]!, 'base64').toString('utf8')}` : ''}`;
    })
    .join('\n');
}

describe.each(Object.keys(makers) as ServiceName[])('"Test" for %s and the saved secret', (service) => {
  let saved: Simulator;
  let other: Simulator;
  let core: Core;

  beforeAll(async () => {
    // Both accept the saved secret: if it were sent to the other address, the test there would pass.
    [saved, other] = await Promise.all([makers[service](SAVED), makers[service](SAVED)]);
    core = await createCore(
      { dataDir: '/nowhere', profile: 'default', mode: 'serve', version: 'test', inMemoryDatabases: true, startHealth: false },
      { settingsStorage: createMemorySettingsStorage(), secrets: createMemorySecretStore(), logger: createSilentLogger() },
    );
    const result = await core.dispatch('settings:update', { services: { [service]: { enabled: true, baseUrl: saved.url } }, secrets: { [secretOf[service]]: SAVED } });
    expect(result.ok).toBe(true);
  });
  afterAll(async () => {
    await core.dispose();
    await Promise.all([saved.close(), other.close()]);
  });

  const settingsAt = (baseUrl: string) => ({ enabled: true, baseUrl, tuning: {}, ...(service === 'uptime-kuma' ? { statusPageSlug: '' } : {}) });
  const test = (baseUrl: string, secret?: string) => core.dispatch('services:test', { service, settings: settingsAt(baseUrl), ...(secret ? { secret } : {}) });

  it('another address without a typed secret: it is reached, and sees no credential at all', async () => {
    const before = other.control.requests.length;
    const outcome = await test(other.url);
    expect(outcome.ok).toBe(true);
    const seen = other.control.requests.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      const headers = headerText(request.headers);
      expect(headers).not.toContain(SAVED);
      for (const name of CREDENTIAL_HEADERS) expect(request.headers[name]).toBeUndefined();
      expect(request.url).not.toContain(SAVED);
    }
    // Without a credential the second check cannot pass (Uptime Kuma skips it: its key is optional).
    const credential = (outcome as { result: { steps: { credential: { result: string; message: string } } } }).result.steps.credential;
    expect(credential.result).not.toBe('passed');
    expect(credential.message).toMatch(/^The saved .* is only sent to the address it was saved for; type it here to test this address$/);
  });

  it('another address with a typed secret: only the typed one is sent there', async () => {
    const before = other.control.requests.length;
    await test(other.url, TYPED);
    const text = other.control.requests.slice(before).map((request) => headerText(request.headers)).join('\n');
    expect(text).toContain(TYPED);
    expect(text).not.toContain(SAVED);
  });

  it('the saved address, spelled another way: the saved secret is used and accepted', async () => {
    const before = saved.control.requests.length;
    const outcome = await test(`${saved.url.replace('http://', 'HTTP://')}/`);
    expect(outcome).toMatchObject({ ok: true, result: { ok: true } });
    expect(saved.control.requests.slice(before).map((request) => headerText(request.headers)).join('\n')).toContain(SAVED);
  });
});
