/**
 * A title becoming available, end to end through a real core: the Overseerr
 * simulator's MEDIA_AVAILABLE webhook marks the request available, announces
 * `media:available`, and syncs that one item into the real Plex index (no
 * section is listed again), so "Open in Plex" and the notification point at it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestView } from '../../shared/contract/areas/overseerr';
import { createCore, type Core } from '../../electron/core/create-core';
import { LAB_TUNING } from '../../electron/core/features/overseerr/overseerr-test-kit';
import { createOverseerrSimulator, type OverseerrSimulator } from '../../electron/core/features/overseerr/overseerr-simulator';
import { createPlexSimulator, type PlexSimulator } from '../../electron/core/features/plex/plex-simulator';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';

const KEY = 'overseerr-plex-key';

const until = async (check: () => boolean | Promise<boolean>, ms = 8_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('MEDIA_AVAILABLE into the Plex index', () => {
  let plex: PlexSimulator;
  let overseerr: OverseerrSimulator;
  let dataDir: string;
  let core: Core;
  let events: { channel: string; payload: unknown }[];

  beforeEach(async () => {
    plex = await createPlexSimulator({ sections: [{ key: '1', title: 'Movies', type: 'movie', size: 25, locations: ['/data/movies'] }] });
    // Radarr fetched it and Plex's scan found it: the file appears in the library, Overseerr learns its key.
    overseerr = await createOverseerrSimulator({
      apiKey: KEY,
      onAvailable: (title) => plex.control.pms.library.add('1', title.title, `/data/movies/${title.title}/${title.title}.mkv`),
    });
    dataDir = await mkdtemp(join(tmpdir(), 'medianest-available-'));
    core = await createCore(
      { dataDir, profile: 'default', mode: 'serve', version: '2.0.0', startHealth: false, overseerrTiming: { outbox: { minDelayMs: 20, maxDelayMs: 100, jitterMs: 0 }, reconcileEveryMs: 60_000 } },
      { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() },
    );
    events = [];
    core.bus.onAny((channel, payload) => events.push({ channel: String(channel), payload }));
  });
  afterEach(async () => {
    await core.dispose();
    await Promise.all([plex.close(), overseerr.close()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  const call = async <T,>(channel: string, payload?: unknown): Promise<T> => {
    const outcome = await core.dispatch(channel, payload);
    if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
    return outcome.result as T;
  };

  it('marks the request available, announces it and syncs that one item into the index', async () => {
    await call('settings:update', {
      services: { plex: { enabled: true, baseUrl: plex.url }, overseerr: { enabled: true, baseUrl: overseerr.url, tuning: LAB_TUNING } },
      requests: { webhookEnabled: true, webhookHost: '127.0.0.1', webhookPort: 0 },
      secrets: { 'plex.token': plex.control.token, 'overseerr.apiKey': KEY },
    });
    await call('plex:sync', { full: true });
    await until(async () => (await call<{ itemCount: number }>('plex:status')).itemCount === 25);
    const setup = await call<{ url: string; authorization: string }>('overseerr:webhook');
    overseerr.control.setWebhook({ webhookUrl: setup.url, authHeader: setup.authorization });

    const requested = await call<RequestView>('overseerr:request', { mediaType: 'movie', tmdbId: 603_001 });
    const mine = async () => (await call<RequestView[]>('overseerr:requests')).find((view) => view.id === requested.id)!;
    await until(async () => (await mine()).overseerrId !== null);
    const listings = plex.control.pms.itemPageRequests().length;

    const id = (await mine()).overseerrId!;
    overseerr.control.advance(id);
    overseerr.control.advance(id);
    await until(async () => (await mine()).inPlex !== null);

    const view = await mine();
    const ratingKey = overseerr.control.request(id)!.media.ratingKey!;
    expect(view).toMatchObject({ state: 'available', label: 'Available', inPlex: { ratingKey } });
    // The item is in MediaNest's index now, found by its key.
    expect(await call('plex:item', { ratingKey })).toMatchObject({ ratingKey, title: 'The Lighthouse Keeper' });
    // One item fetched, no section listed again.
    expect(plex.control.pms.itemPageRequests().length).toBe(listings);
    expect(plex.control.pms.requests.some((request) => request.path === `/library/metadata/${ratingKey}`)).toBe(true);
    expect(events.filter(({ channel }) => channel === 'media:available').map(({ payload }) => payload)).toEqual([{ mediaType: 'movie', tmdbId: 603_001, title: 'The Lighthouse Keeper' }]);
    expect(events.filter(({ channel }) => channel === 'overseerr:alerted').map(({ payload }) => payload)).toEqual([
      { title: 'The Lighthouse Keeper is available', body: 'Open it in your library.', target: { kind: 'library', ratingKey } },
    ]);
    expect(overseerr.control.webhooks.filter((delivery) => delivery.type === 'MEDIA_AVAILABLE').map((delivery) => delivery.outcome)).toEqual(['sent']);
    // A search now offers Open in Plex for it: Overseerr knows its rating key, and the index has it.
    const found = await call<{ results: { title: string; inPlex: { ratingKey: string } | null }[] }>('overseerr:search', { query: 'Lighthouse' });
    expect(found.results).toMatchObject([{ title: 'The Lighthouse Keeper', inPlex: { ratingKey } }]);
  }, 20_000);
});
