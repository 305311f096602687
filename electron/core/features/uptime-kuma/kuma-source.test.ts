import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { Db } from '../../db/database';
import { openCacheDb } from '../../db/databases';
import { createKumaHistoryStore } from './kuma-history-store';
import { createMemoryKumaClient, type MemoryKumaClientOptions } from './kuma-memory-client';
import type { ScriptedMonitor } from './kuma-monitor-script';
import type { SourceUpdate } from '../../health/health-source';
import { createKumaSource, type KumaSource, type KumaSourceSettings } from './kuma-source';
import { createKumaStatusPages, type KumaStatusPages } from './kuma-status-page-replies';

const POLL_MS = 60_000;
const monitors: ScriptedMonitor[] = [
  { id: 1, name: 'Plex', group: 'Media', url: 'http://plex.lan/web', script: { kind: 'steady', state: 'up' } },
  { id: 2, name: 'NAS', group: 'Storage', script: { kind: 'steady', state: 'up' } },
  { id: 3, name: 'Backup', group: 'Storage', script: { kind: 'steady', state: 'maintenance' } },
  { id: 4, name: 'Future', group: 'Storage', script: { kind: 'steady', state: 9 } },
  { id: 5, name: 'Printer', group: null, url: 'http://printer.lan/', script: { kind: 'steady', state: 'pending' } },
];

function memoryDb(): Db {
  return openCacheDb(':memory:');
}

describe('Kuma health source', () => {
  let db: Db;
  let pages: KumaStatusPages;
  let settings: KumaSourceSettings;
  let clientOptions: MemoryKumaClientOptions;
  let source: KumaSource;
  let updates: SourceUpdate[];

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2026, 11, 1, 12) });
    db = memoryDb();
    pages = createKumaStatusPages({ monitors, slug: 'homelab' });
    settings = { active: true, baseUrl: 'http://kuma.lan:3001', statusPages: ['homelab'], pollIntervalMs: POLL_MS, hasApiKey: false };
    clientOptions = {};
    source = createKumaSource({ client: createMemoryKumaClient(pages, clientOptions), history: createKumaHistoryStore(db), settings: () => settings });
    updates = [];
    source.subscribe((update) => updates.push(update));
  });
  afterEach(() => {
    source.dispose();
    db.close();
    vi.useRealTimers();
  });

  const start = async (): Promise<void> => {
    source.refresh();
    await vi.advanceTimersByTimeAsync(0);
  };
  const entry = (id: string) => source.entries().find((e) => e.id === id);

  it('lists each monitor under its Kuma group with four distinct states and an unknown code', async () => {
    await start();
    expect(source.entries().map((e) => [e.id, e.name, e.group, e.state])).toEqual([
      ['kuma:1', 'Plex', 'Media', 'up'],
      ['kuma:2', 'NAS', 'Storage', 'up'],
      ['kuma:3', 'Backup', 'Storage', 'maintenance'],
      ['kuma:4', 'Future', 'Storage', 'unknown'],
    ]);
    expect(entry('kuma:3')!.detail).toBe('Planned maintenance: Backup disk swap.');
    expect(entry('kuma:4')!.detail).toBe('Uptime Kuma reports a state MediaNest does not know.');
    expect(entry('kuma:1')).toMatchObject({ openUrl: 'http://plex.lan/web', uptime24h: 1, error: null });
    expect(entry('kuma:2')!.openUrl).toBe('http://kuma.lan:3001/dashboard/2');
    expect(entry('kuma:1')!.recent).toHaveLength(30);
    expect(entry('kuma:1')!.since).toBe(pages.control.timelines.get(1)!.beats(Date.now(), 100)[0]!.at);
  });

  it('polls on the configured interval and shows a monitor going down within one poll', async () => {
    await start();
    pages.control.setMonitorState(2, 'down');
    await vi.advanceTimersByTimeAsync(POLL_MS - 1);
    expect(entry('kuma:2')!.state).toBe('up');
    await vi.advanceTimersByTimeAsync(1);
    expect(entry('kuma:2')).toMatchObject({ state: 'down', responseTimeMs: null });
    const lastBeat = pages.control.timelines.get(2)!.beats(Date.now(), 1)[0]!;
    expect(entry('kuma:2')!.lastCheckedAt).toBe(lastBeat.at);
    expect(entry('kuma:2')!.since).toBeGreaterThan(Date.now() - POLL_MS);
    expect(updates.at(-1)!.changed.map((e) => e.id)).toContain('kuma:2');
    settings = { ...settings, pollIntervalMs: 10_000 };
    await vi.advanceTimersByTimeAsync(POLL_MS);
    const before = updates.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(updates.length).toBeGreaterThan(before);
  });

  it('observes every new beat once, and only the newest few of a monitor seen for the first time', async () => {
    await start();
    const first = updates[0]!.observations.filter((o) => o.id === 'kuma:1');
    expect(first).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    const second = updates[1]!.observations.filter((o) => o.id === 'kuma:1');
    expect(second).toHaveLength(3); // 20 s beats, 60 s polls
    expect(new Set([...first, ...second].map((o) => o.at)).size).toBe(7);
  });

  it('keeps monitors listed but unknown, with the reason, when the page cannot be read', async () => {
    await start();
    clientOptions.failure = new AppError('UPSTREAM_UNREACHABLE', 'Uptime Kuma could not be reached (connection refused).', { service: 'uptime-kuma' });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(entry('kuma:2')).toMatchObject({ state: 'unknown', error: 'Not known right now: Uptime Kuma could not be reached (connection refused).' });
    expect(entry('kuma-problem:page:homelab')).toMatchObject({ name: 'Status page "homelab"', state: 'unknown' });
    expect(updates.at(-1)!.observations).toEqual([]);
    clientOptions.failure = null;
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(entry('kuma:2')!.state).toBe('up');
    expect(updates.at(-1)!.removed).toEqual(['kuma-problem:page:homelab']);
  });

  it('says so in words when the slug is wrong', async () => {
    settings = { ...settings, statusPages: ['nope'] };
    await start();
    expect(source.entries()).toEqual([expect.objectContaining({ id: 'kuma-problem:page:nope', error: 'Uptime Kuma has no status page called "nope".' })]);
  });

  it('adds monitors off the page from /metrics with an API key, and names a rejected key', async () => {
    settings = { ...settings, hasApiKey: true };
    await start();
    expect(entry('kuma-problem:metrics')).toMatchObject({ error: 'Uptime Kuma rejected the API key (HTTP 401).' });
    expect(entry('kuma:5')).toBeUndefined();
    clientOptions.apiKeyAccepted = true;
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(entry('kuma-problem:metrics')).toBeUndefined();
    expect(entry('kuma:5')).toMatchObject({ name: 'Printer', group: 'Other monitors', state: 'pending', openUrl: 'http://printer.lan/' });
    expect(updates.at(-1)!.observations.filter((o) => o.id === 'kuma:5')).toEqual([{ id: 'kuma:5', name: 'Printer', state: 'pending', at: Date.now() }]);
  });

  it('asks for a status page when there is nothing to read', async () => {
    settings = { ...settings, statusPages: [] };
    await start();
    expect(source.entries()).toEqual([expect.objectContaining({ id: 'kuma-problem:setup', state: 'off', detail: 'Add a status page in Settings to see its monitors here.' })]);
  });

  it('shows the pinned incident as a notice, keeps it through one failed read, and clears it when Kuma does', async () => {
    await start();
    expect(source.notices()).toEqual([]);
    expect(updates[0]!.notices).toBeUndefined();
    const posted = Date.now();
    pages.control.setIncident({ title: 'Internet is out', content: 'The provider knows. <img src=x onerror=alert(1)>', style: 'danger' });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    const notice = { id: 'kuma-incident:homelab:1', source: 'uptime-kuma', from: 'Homelab status page', tone: 'danger', title: 'Internet is out', text: 'The provider knows. <img src=x onerror=alert(1)>', at: posted };
    expect(source.notices()).toEqual([notice]);
    expect(updates.at(-1)!.notices).toEqual([notice]);

    // Unchanged on the next poll: no notices in the update.
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(updates.at(-1)?.notices).toBeUndefined();

    clientOptions.failure = new AppError('UPSTREAM_UNREACHABLE', 'Uptime Kuma could not be reached (connection refused).', { service: 'uptime-kuma' });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(source.notices()).toEqual([notice]);
    clientOptions.failure = null;

    pages.control.setIncident(null);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(source.notices()).toEqual([]);
    expect(updates.at(-1)!.notices).toEqual([]);
  });

  it('cuts an incident to the lengths the contract allows and gives a title to an untitled one', async () => {
    pages.control.setIncident({ title: '  ', content: 'x'.repeat(5000), style: 'warning' });
    await start();
    const [notice] = source.notices();
    expect(notice).toMatchObject({ title: 'Incident', tone: 'warn' });
    expect(notice!.text).toHaveLength(2000);
    expect(notice!.text.endsWith('…')).toBe(true);
  });

  it('clears its entries and stops polling when Uptime Kuma is turned off', async () => {
    await start();
    settings = { ...settings, active: false };
    source.refresh();
    expect(source.entries()).toEqual([]);
    expect(updates.at(-1)!.removed).toHaveLength(4);
    expect(source.notices()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer after dispose', async () => {
    await start();
    source.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
