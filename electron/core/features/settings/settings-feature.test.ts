import { describe, expect, it } from 'vitest';
import type { PublicSettings } from '../../../../shared/contract/areas/settings';
import type { CoreEvents } from '../../events/core-events';
import { createEventBus } from '../../events/event-bus';
import { createMemorySecretStore } from '../../secrets/secret-store';
import { createSettingsService } from '../../settings/settings-service';
import { createMemorySettingsStorage } from '../../settings/settings-storage';
import { createSettingsFeature } from './settings-feature';

const quiet = { warn: () => undefined, info: () => undefined };

function setup() {
  const bus = createEventBus<CoreEvents>();
  const secrets = createMemorySecretStore({ 'overseerr.apiKey': 'old-key' });
  const settings = createSettingsService(createMemorySettingsStorage(), quiet);
  const feature = createSettingsFeature({ settings, secrets, profile: 'default', bus });
  const seen: PublicSettings[] = [];
  bus.on('settings:changed', (next) => seen.push(next));
  return { feature, secrets, seen };
}

describe('settings feature', () => {
  it('stores typed secrets, deletes nulled ones, and answers with presence flags only', async () => {
    const { feature, secrets } = setup();
    const result = await feature.handlers['settings:update']({ secrets: { 'plex.token': 'new-token', 'overseerr.apiKey': null } });
    expect(secrets.get('plex.token')).toBe('new-token');
    expect(secrets.has('overseerr.apiKey')).toBe(false);
    expect(result.secrets).toEqual({ 'plex.token': true, 'overseerr.apiKey': false, 'overseerr.webhookSecret': false, 'uptime-kuma.apiKey': false });
    expect(JSON.stringify(result)).not.toContain('new-token');
  });

  it('announces every update, a secrets-only one too, until it is disposed', async () => {
    const { feature, seen } = setup();
    await feature.handlers['settings:update']({ secrets: { 'plex.token': 't' } });
    await feature.handlers['settings:update']({ general: { closeToTray: false } });
    expect(seen.map((settings) => [settings.secrets['plex.token'], settings.general.closeToTray])).toEqual([
      [true, true],
      [true, false],
    ]);
    await feature.dispose();
    await feature.handlers['settings:update']({ general: { closeToTray: true } });
    expect(seen).toHaveLength(2);
  });
});
